/* SPDX-License-Identifier: MIT */
/* Allocation, suggestions, digests and path helpers for the core (util.h). */
#include "config.h"

#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

static void igt_oom(size_t n)
{
	fprintf(stderr, "igtext: error: out of memory (allocating %zu bytes)\n", n);
	abort();
}

void *igt_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		igt_oom(n);
	return p;
}

void *igt_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		igt_oom(n * size);
	return p;
}

void *igt_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		igt_oom(n);
	return q;
}

void igt_xgrow(void **items, size_t *cap, size_t need, size_t elem_size)
{
	if (need <= *cap)
		return;
	size_t n = *cap ? *cap : 8;
	while (n < need) {
		if (n > ((size_t)-1) / 2 / elem_size)
			igt_oom((size_t)-1);
		n *= 2;
	}
	*items = igt_xrealloc(*items, n * elem_size);
	*cap = n;
}

char *igt_xstrndup(const char *s, size_t n)
{
	char *p = igt_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *igt_xstrdup(const char *s)
{
	return s ? igt_xstrndup(s, strlen(s)) : NULL;
}

char *igt_xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		igt_oom(0);
	char *p = igt_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

int igt_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return 100;
	int row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diag = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j];
			int cost = a[i - 1] == b[j - 1] ? 0 : 1;
			int best = diag + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *igt_suggest(const char *word, const char *const *candidates)
{
	const char *best = NULL;
	int best_d = 100;
	for (size_t i = 0; candidates && candidates[i]; i++) {
		int d = igt_edit_distance(word, candidates[i]);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	/* A third of the word, at least one edit: "inptus" -> "inputs", but
	 * "foo" is not a typo of "job". */
	size_t len = strlen(word);
	int limit = len >= 6 ? (int)len / 3 : len >= 4 ? 2 : 1;
	return best_d <= limit ? best : NULL;
}

void igt_hex(const unsigned char *bytes, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 15];
	}
	out[2 * n] = '\0';
}

void igt_sha256_u64(struct sha256_ctx *h, uint64_t v)
{
	uint8_t b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	sha256_update(h, sizeof(b), b);
}

void igt_sha256_str(struct sha256_ctx *h, const char *s)
{
	if (!s) {
		igt_sha256_u64(h, UINT64_MAX);
		return;
	}
	size_t n = strlen(s);
	igt_sha256_u64(h, n);
	sha256_update(h, n, (const uint8_t *)s);
}

void igt_join_names(const char *const *names, char *buf, size_t size)
{
	size_t used = 0;
	if (size)
		buf[0] = '\0';
	for (size_t i = 0; names && names[i] && used < size; i++) {
		int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", names[i]);
		if (w < 0 || (size_t)w >= size - used) {
			buf[used] = '\0'; /* drop the part of a name that did not fit */
			break;
		}
		used += (size_t)w;
	}
}

char *igt_path_join(const char *dir, const char *path)
{
	if (!dir || !*dir || path[0] == '/' || strcmp(path, "-") == 0 || strcmp(dir, ".") == 0)
		return igt_xstrdup(path);
	size_t ld = strlen(dir);
	while (ld > 0 && dir[ld - 1] == '/')
		ld--; /* "/" becomes "", giving "/path" */
	return igt_xasprintf("%.*s/%s", (int)ld, dir, path);
}

char *igt_path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return igt_xstrdup(".");
	if (slash == path)
		return igt_xstrdup("/");
	return igt_xstrndup(path, (size_t)(slash - path));
}

int igt_cond_wait_ms(pthread_cond_t *cond, pthread_mutex_t *lock, long ms)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (ms % 1000) * 1000 * 1000;
	if (until.tv_nsec >= 1000 * 1000 * 1000) {
		until.tv_sec++;
		until.tv_nsec -= 1000 * 1000 * 1000;
	}
	return pthread_cond_timedwait(cond, lock, &until);
}
