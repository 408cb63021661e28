/* SPDX-License-Identifier: MIT */
/*
 * Process-wide message level and the stderr writer (log.h). The level is
 * set once by the command line before any work starts.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <igtext/buf.h>
#include <igtext/log.h>

#include "log_private.h"

static igt_log_level max_level = IGT_LOG_NOTICE;

/* Where this thread's messages go instead of stderr (log_private.h). */
static _Thread_local igt_buf *capture;

static const char *const level_names[] = {
	[IGT_LOG_ERROR] = "error: ",
	[IGT_LOG_WARNING] = "warning: ",
	[IGT_LOG_NOTICE] = "",
	[IGT_LOG_INFO] = "",
	[IGT_LOG_DEBUG] = "debug: ",
};

void igt_log_set_level(igt_log_level level)
{
	max_level = level;
}

igt_log_level igt_log_get_level(void)
{
	return max_level;
}

void igt_logv(igt_log_level level, const char *fmt, va_list ap)
{
	if (level > IGT_LOG_DEBUG)
		level = IGT_LOG_DEBUG;
	if (level > max_level)
		return;
	/* One fprintf per message so that lines from several processes
	 * writing to the same cron mail do not interleave mid-line. */
	char buf[4096], line[4096 + 32];
	vsnprintf(buf, sizeof(buf), fmt, ap);
	int n = snprintf(line, sizeof(line), "igtext: %s%s\n", level_names[level], buf);
	if (capture)
		igt_buf_add(capture, line, (size_t)n);
	else
		fputs(line, stderr);
}

igt_buf *igt_log_capture(igt_buf *to)
{
	igt_buf *previous = capture;
	capture = to;
	return previous;
}

void igt_log_flush(igt_buf *captured)
{
	/* A line at a time, as igt_logv writes them: one write of many lines
	 * could be longer than a pipe writes at once (PIPE_BUF). */
	const char *at = captured->data, *end = at + captured->len;
	while (at < end) {
		const char *nl = memchr(at, '\n', (size_t)(end - at));
		size_t n = nl ? (size_t)(nl - at) + 1 : (size_t)(end - at);
		fwrite(at, 1, n, stderr);
		at += n;
	}
	igt_buf_reset(captured);
}

void igt_log(igt_log_level level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	igt_logv(level, fmt, ap);
	va_end(ap);
}

void igt_log_error(const igt_error *err)
{
	if (err && err->message[0])
		igt_log(IGT_LOG_ERROR, "%s", err->message);
}
