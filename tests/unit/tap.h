/* SPDX-License-Identifier: MIT */
/*
 * A minimal TAP producer for the core's unit tests: each check prints
 * "ok N - name" or "not ok N - name" and the plan is printed at the end,
 * which automake's TAP driver accepts.
 */
#ifndef IGT_TAP_H
#define IGT_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count, tap_failures;

static void tap_vresult(int pass, const char *file, int line, const char *fmt, va_list ap)
{
	tap_count++;
	printf("%sok %d - ", pass ? "" : "not ", tap_count);
	vprintf(fmt, ap);
	printf("\n");
	if (!pass) {
		tap_failures++;
		printf("#   failed at %s:%d\n", file, line);
	}
	fflush(stdout);
}

static void tap_result(int pass, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), unused));
static void tap_result(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tap_vresult(pass, file, line, fmt, ap);
	va_end(ap);
}

/* ok(condition, "name %d", args) */
#define ok(cond, ...) tap_result(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

/* is_str(got, expected, "name"): NULL equals only NULL. */
#define is_str(got, want, ...)                                                                 \
	do {                                                                                        \
		const char *tap_g_ = (got), *tap_w_ = (want);                                           \
		int tap_p_ = (!tap_g_ && !tap_w_) || (tap_g_ && tap_w_ && strcmp(tap_g_, tap_w_) == 0); \
		tap_result(tap_p_, __FILE__, __LINE__, __VA_ARGS__);                                    \
		if (!tap_p_)                                                                            \
			printf("#   got:      '%s'\n#   expected: '%s'\n", tap_g_ ? tap_g_ : "(null)",      \
			       tap_w_ ? tap_w_ : "(null)");                                                 \
	} while (0)

#define is_int(got, want, ...)                                                                 \
	do {                                                                                        \
		long long tap_g_ = (long long)(got), tap_w_ = (long long)(want);                        \
		tap_result(tap_g_ == tap_w_, __FILE__, __LINE__, __VA_ARGS__);                          \
		if (tap_g_ != tap_w_)                                                                   \
			printf("#   got:      %lld\n#   expected: %lld\n", tap_g_, tap_w_);                 \
	} while (0)

/* Contains: haystack holds needle. */
#define like(got, needle, ...)                                                                 \
	do {                                                                                        \
		const char *tap_g_ = (got), *tap_n_ = (needle);                                         \
		int tap_p_ = tap_g_ && strstr(tap_g_, tap_n_) != NULL;                                  \
		tap_result(tap_p_, __FILE__, __LINE__, __VA_ARGS__);                                    \
		if (!tap_p_)                                                                            \
			printf("#   got:      '%s'\n#   expected to contain: '%s'\n",                       \
			       tap_g_ ? tap_g_ : "(null)", tap_n_);                                         \
	} while (0)

static int done_testing(void) __attribute__((unused));
static int done_testing(void)
{
	printf("1..%d\n", tap_count);
	return tap_failures ? 1 : 0;
}

#endif
