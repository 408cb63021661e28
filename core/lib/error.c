/* SPDX-License-Identifier: MIT */
/* The igt_error object (error.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <igtext/error.h>

int igt_error_setv(igt_error *err, int code, const char *fmt, va_list ap)
{
	if (err) {
		err->code = code;
		vsnprintf(err->message, sizeof(err->message), fmt, ap);
	}
	return code;
}

int igt_error_set(igt_error *err, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	igt_error_setv(err, code, fmt, ap);
	va_end(ap);
	return code;
}

void igt_error_clear(igt_error *err)
{
	if (err) {
		err->code = IGT_OK;
		err->message[0] = '\0';
	}
}
