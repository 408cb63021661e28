/* SPDX-License-Identifier: MIT */
/* badopts: a test-only plugin whose option table points outside its config
 * struct; the loader must refuse it before any config is filled. */
#include <igtext/igtext.h>

typedef struct badopts_config {
	bool flag;
} badopts_config;

static const igt_option badopts_options[] = {
	{"flag", IGT_OPT_BOOL, "false", 0, offsetof(badopts_config, flag), "fine"},
	{"path", IGT_OPT_PATH, NULL, 0, sizeof(badopts_config) + 8, "outside the struct"},
	{0},
};

static int badopts_write(void *state, const igt_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

IGT_PLUGIN_DEFINE(badopts) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "badopts",
	.version = "0.1",
	.summary = "test-only: option outside the config struct",
	.kind = IGT_OUTPUT,
	.options = badopts_options,
	.config_size = sizeof(badopts_config),
	.op.output = {.write = badopts_write},
};
