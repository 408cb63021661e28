/* SPDX-License-Identifier: MIT */
/*
 * Return codes and the error object of the igtext core.
 *
 * Every fallible core function returns int: 0 on success, one of the named
 * negative codes below for the failures a caller may want to tell apart, -1
 * for anything else. The human-readable detail goes into an igt_error the
 * caller passes in, never into the return value. Running out of memory is
 * not reported: the core aborts with a message (see docs/architecture.md).
 */
#ifndef IGTEXT_ERROR_H
#define IGTEXT_ERROR_H

#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
	IGT_OK = 0,
	IGT_EGENERIC = -1,  /* anything not listed below */
	IGT_ENOTFOUND = -2, /* a file, plugin or key does not exist */
	IGT_EBADINPUT = -3, /* an input is malformed: skip it, go on with the rest */
	IGT_ECONFIG = -4,   /* a job file or option is wrong */
	IGT_EUSAGE = -5,    /* the command line is wrong */
	IGT_EIO = -6,       /* reading or writing failed (disk full, EIO …) */
	IGT_ELOCKED = -7,   /* another run holds the store's lock */
	IGT_EINTERRUPTED = -8, /* stopped by a signal (SIGINT, SIGTERM) */
};

/* Detail of the last failure. message is complete and ready to print: it
 * names the file and place (file:line:col:) where there is one. */
typedef struct igt_error {
	int code;
	char message[1024];
} igt_error;

#if defined(__GNUC__)
#define IGT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define IGT_PRINTF(f, a)
#endif

/* Fill err (which may be NULL) and return code, so that callers can write
 * `return igt_error_set(err, IGT_ECONFIG, "...")`. */
int igt_error_set(igt_error *err, int code, const char *fmt, ...) IGT_PRINTF(3, 4);
int igt_error_setv(igt_error *err, int code, const char *fmt, va_list ap);
void igt_error_clear(igt_error *err);

#ifdef __cplusplus
}
#endif
#endif
