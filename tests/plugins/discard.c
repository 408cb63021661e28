/* SPDX-License-Identifier: MIT */
/* discard: a test-only output plugin that drops every document. The
 * benchmark uses it to measure parsing without the cost of writing JSON. */
#include <igtext/igtext.h>

static int discard_write(void *state, const igt_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

IGT_PLUGIN_DEFINE(discard) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "discard",
	.version = "0.1",
	.summary = "test-only: drops every document (for benchmarks)",
	.kind = IGT_OUTPUT,
	.op.output = {.write = discard_write},
};
