/* SPDX-License-Identifier: MIT */
/*
 * participation: analysis plugin (being written). Until then it passes every
 * document through unchanged.
 */
#include <igtext/igtext.h>

static int participation_process(void *state, igt_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

IGT_PLUGIN_DEFINE(participation) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "participation",
	.version = "0.0",
	.summary = "participation analysis (not written yet)",
	.kind = IGT_ANALYSIS,
	.op.analysis = {.process = participation_process},
};
