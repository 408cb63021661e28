/* SPDX-License-Identifier: MIT */
/* The growable byte buffer of buf.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <igtext/buf.h>

#include "util.h"

void igt_buf_reserve(igt_buf *b, size_t n)
{
	if (b->len + n + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + n + 1) {
		if (cap > ((size_t)-1) / 2)
			abort();
		cap *= 2;
	}
	b->data = igt_xrealloc(b->data, cap);
	b->cap = cap;
}

/* The external definitions of the appends inline in buf.h. */
extern inline void igt_buf_add(igt_buf *b, const char *s, size_t n);
extern inline void igt_buf_addc(igt_buf *b, char c);

void igt_buf_reset(igt_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void igt_buf_free(igt_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *igt_buf_take(igt_buf *b)
{
	char *s = b->data ? b->data : igt_xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

char *igt_strndup(const char *s, size_t n)
{
	return igt_xstrndup(s, n);
}

void igt_array_grow(void **items, size_t *cap, size_t need, size_t elem_size)
{
	igt_xgrow(items, cap, need, elem_size);
}
