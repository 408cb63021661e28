/* SPDX-License-Identifier: MIT */
/*
 * stats: analysis plugin (being written). Until then it passes every
 * document through unchanged.
 */
#include <igtext/igtext.h>

static int stats_process(void *state, igt_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

IGT_PLUGIN_DEFINE(stats) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "stats",
	.version = "0.0",
	.summary = "stats analysis (not written yet)",
	.kind = IGT_ANALYSIS,
	.op.analysis = {.process = stats_process},
};
