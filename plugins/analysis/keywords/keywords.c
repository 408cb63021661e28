/* SPDX-License-Identifier: MIT */
/*
 * keywords: analysis plugin (being written). Until then it passes every
 * document through unchanged.
 */
#include <igtext/igtext.h>

static int keywords_process(void *state, igt_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

IGT_PLUGIN_DEFINE(keywords) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "keywords",
	.version = "0.0",
	.summary = "keywords analysis (not written yet)",
	.kind = IGT_ANALYSIS,
	.op.analysis = {.process = keywords_process},
};
