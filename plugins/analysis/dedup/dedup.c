/* SPDX-License-Identifier: MIT */
/*
 * dedup: analysis plugin (being written). Until then it passes every
 * document through unchanged.
 */
#include <igtext/igtext.h>

static int dedup_process(void *state, igt_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

IGT_PLUGIN_DEFINE(dedup) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "dedup",
	.version = "0.0",
	.summary = "dedup analysis (not written yet)",
	.kind = IGT_ANALYSIS,
	.op.analysis = {.process = dedup_process},
};
