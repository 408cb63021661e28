/* SPDX-License-Identifier: MIT */
/* badabi: a test-only plugin built for another plugin ABI; the loader must
 * refuse it with a message that names both ABI numbers. */
#include <igtext/igtext.h>

static int badabi_write(void *state, const igt_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

IGT_PLUGIN_DEFINE(badabi) = {
	.abi = 42, /* no igtext has this ABI */
	.size = sizeof(igt_plugin),
	.name = "badabi",
	.version = "0.1",
	.summary = "test-only: wrong ABI",
	.kind = IGT_OUTPUT,
	.op.output = {.write = badabi_write},
};
