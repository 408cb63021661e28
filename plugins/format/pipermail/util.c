/* SPDX-License-Identifier: MIT */
/*
 * Small helpers shared by the pipermail plugin's files: ASCII comparisons
 * that ignore case, and warnings that name the input line where the message
 * in question starts.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "pipermail.h"

void pm_trim(const char **s, size_t *n)
{
	const char *p = *s;
	size_t len = *n;
	while (len && pm_is_ws(*p)) {
		p++;
		len--;
	}
	while (len && pm_is_ws(p[len - 1]))
		len--;
	*s = p;
	*n = len;
}

const char *pm_memmem(const char *s, size_t n, const char *needle, size_t nlen)
{
	if (nlen == 0)
		return s;
	while (n >= nlen) {
		const char *p = memchr(s, needle[0], n - nlen + 1);
		if (!p)
			return NULL;
		if (memcmp(p, needle, nlen) == 0)
			return p;
		n -= (size_t)(p - s) + 1;
		s = p + 1;
	}
	return NULL;
}

void pm_warn(pm_ctx *ctx, uint64_t line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	igt_log(IGT_LOG_WARNING, "%s:%llu: %s: %s", igt_input_name(ctx->in),
	        (unsigned long long)line, ctx->plugin, msg);
}

/* The arrays of lines and of line ends double (1024 at first). */
void pm_lines_grow(pm_ctx *ctx)
{
	igt_array_grow((void **)&ctx->lines, &ctx->cap_lines,
	               ctx->cap_lines ? ctx->cap_lines * 2 : 1024, sizeof(*ctx->lines));
}

void pm_eols_grow(pm_ctx *ctx)
{
	igt_array_grow((void **)&ctx->eols, &ctx->cap_eols, ctx->cap_eols ? ctx->cap_eols * 2 : 1024,
	               sizeof(*ctx->eols));
}

size_t pm_msg_line_find(const pm_ctx *ctx, size_t pos)
{
	size_t lo = 0, hi = ctx->n_eols;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ctx->eols[mid] <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* A line that introduces a forwarded or quoted message in a body: Mutt's
 * "----- Forwarded message from X -----", Gmail's "---------- Forwarded
 * message ---------", "-----Original Message-----", Apple Mail's "Begin
 * forwarded message:". */
int pm_forward_mark(const char *s, size_t n)
{
	static const char *const marks[] = {"forwarded message", "original message", NULL};
	pm_trim(&s, &n);
	if (pm_iprefix(s, n, "Begin forwarded message"))
		return 1;
	if (!n || s[0] != '-')
		return 0;
	for (size_t i = 0; i < n; i++)
		for (int k = 0; marks[k]; k++)
			if (pm_iprefix(s + i, n - i, marks[k]))
				return 1;
	return 0;
}
