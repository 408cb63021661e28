/* SPDX-License-Identifier: MIT */
/* nocallback: a test-only format plugin without its parse callback; the
 * loader must refuse it at load time rather than crash mid-run. */
#include <igtext/igtext.h>

static int nocallback_score(const unsigned char *head, size_t len)
{
	(void)head;
	(void)len;
	return 0;
}

IGT_PLUGIN_DEFINE(nocallback) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "nocallback",
	.version = "0.1",
	.summary = "test-only: missing parse callback",
	.kind = IGT_FORMAT,
	.op.format = {.score = nocallback_score},
};
