/* SPDX-License-Identifier: MIT */
/*
 * test-slow: a test-only analysis plugin that takes its time over every
 * document (the option delay_ms, in ticks of 10 ms, so that a signal
 * shortens one tick only), as a large document takes an analysis plugin
 * seconds. The stop-signal tests use it to keep the workers busy after
 * every input has been read.
 */
#include <stdlib.h>
#include <time.h>

#include <igtext/igtext.h>

typedef struct slow_config {
	int64_t delay_ms;
} slow_config;

static const igt_option slow_options[] = {
	{"delay_ms", IGT_OPT_INT, "1000", 0, offsetof(slow_config, delay_ms),
	 "milliseconds spent on each document"},
	{0},
};

static int slow_open(void **state, const void *config, igt_host *host)
{
	(void)host;
	*state = (void *)config;
	return 0;
}

static int slow_process(void *p, igt_doc *doc)
{
	const slow_config *cfg = p;
	(void)doc;
	for (int64_t waited = 0; waited < cfg->delay_ms; waited += 10) {
		struct timespec tick = {0, 10 * 1000 * 1000};
		nanosleep(&tick, NULL);
	}
	return 0;
}

IGT_PLUGIN_DEFINE(test_slow) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "test-slow",
	.version = "0.1",
	.summary = "test-only analysis: spends delay_ms on each document",
	.kind = IGT_ANALYSIS,
	.options = slow_options,
	.config_size = sizeof(slow_config),
	.open = slow_open,
	.op.analysis = {.process = slow_process},
};
