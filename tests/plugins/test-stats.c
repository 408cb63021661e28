/* SPDX-License-Identifier: MIT */
/* test-stats: a test-only output plugin that says, at the beginning and
 * the end of each input, the run's counts it is shown
 * (igt_host_run_stats), as the store records them. The thread tests
 * compare what it says on one thread and on several. */
#include <igtext/igtext.h>

static int test_stats_open(void **state, const void *config, igt_host *host)
{
	(void)config;
	*state = host;
	return 0;
}

static void say(igt_host *host, const char *what, const igt_input_info *info)
{
	const igt_run_stats *s = igt_host_run_stats(host);
	igt_host_log(host, IGT_LOG_NOTICE,
	             "%s %s: inputs %zu, skipped %zu, failed %zu, documents %zu, bytes %llu", what,
	             info->name, s->inputs, s->inputs_skipped, s->inputs_failed, s->documents,
	             (unsigned long long)s->bytes);
}

static int test_stats_begin(void *state, const igt_input_info *info)
{
	say(state, "begin", info);
	return 0;
}

static int test_stats_end(void *state, const igt_input_info *info, int ok)
{
	say(state, ok ? "end" : "end (bad)", info);
	return 0;
}

static int test_stats_write(void *state, const igt_doc *doc)
{
	(void)state;
	(void)doc;
	return 0;
}

IGT_PLUGIN_DEFINE(test_stats) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "test-stats",
	.version = "0.1",
	.summary = "test-only: says the run's counts at the beginning and end of each input",
	.kind = IGT_OUTPUT,
	.open = test_stats_open,
	.op.output = {.begin_input = test_stats_begin,
	              .end_input = test_stats_end,
	              .write = test_stats_write},
};
