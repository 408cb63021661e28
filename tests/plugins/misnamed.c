/* SPDX-License-Identifier: MIT */
/* misnamed: a test-only plugin whose descriptor names another plugin than
 * its file; the loader must refuse it. */
#include <igtext/igtext.h>

static int misnamed_write(void *state, const igt_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

IGT_PLUGIN_DEFINE(misnamed) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "othername",
	.version = "0.1",
	.summary = "test-only: descriptor name differs from the file name",
	.kind = IGT_OUTPUT,
	.op.output = {.write = misnamed_write},
};
