/* SPDX-License-Identifier: MIT */
/*
 * Messages to the user on stderr. One process-wide level chosen by the
 * command line (-q, -v): errors always print; warnings and notices are
 * silenced by -q so that a clean cron run prints nothing.
 */
#ifndef IGTEXT_LOG_H
#define IGTEXT_LOG_H

#include <stdarg.h>
#include <igtext/error.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum igt_log_level {
	IGT_LOG_ERROR = 0,
	IGT_LOG_WARNING,
	IGT_LOG_NOTICE, /* what a run did: printed unless -q */
	IGT_LOG_INFO,   /* -v */
	IGT_LOG_DEBUG,  /* -vv */
} igt_log_level;

void igt_log_set_level(igt_log_level max_level);
igt_log_level igt_log_get_level(void);

/* Print "igtext: <level>: <message>\n" if level is enabled. */
void igt_log(igt_log_level level, const char *fmt, ...) IGT_PRINTF(2, 3);
void igt_logv(igt_log_level level, const char *fmt, va_list ap);
/* Print an igt_error's message as an error. */
void igt_log_error(const igt_error *err);

#ifdef __cplusplus
}
#endif
#endif
