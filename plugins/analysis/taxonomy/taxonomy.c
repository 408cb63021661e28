/* SPDX-License-Identifier: MIT */
/*
 * taxonomy: analysis plugin (being written). Until then it passes every
 * document through unchanged.
 */
#include <igtext/igtext.h>

static int taxonomy_process(void *state, igt_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

IGT_PLUGIN_DEFINE(taxonomy) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "taxonomy",
	.version = "0.0",
	.summary = "taxonomy analysis (not written yet)",
	.kind = IGT_ANALYSIS,
	.op.analysis = {.process = taxonomy_process},
};
