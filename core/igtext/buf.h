/* SPDX-License-Identifier: MIT */
/*
 * A growable byte buffer, always NUL-terminated, for plugins that gather
 * text (a paragraph over several lines, a decoded body) before handing it
 * to a document. Growth doubles, so appends are O(1) amortised; running out
 * of memory ends the process with a message, as everywhere in the core.
 * Zero-initialise one (igt_buf b = {0};) to start; igt_buf_free to finish.
 */
#ifndef IGTEXT_BUF_H
#define IGTEXT_BUF_H

#include <stddef.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct igt_buf {
	char *data; /* NUL-terminated when len > 0 or after any call; NULL when never used */
	size_t len;
	size_t cap;
} igt_buf;

/* Make room for at least n more bytes without changing the content. */
void igt_buf_reserve(igt_buf *b, size_t n);

/* Append n bytes of s (which may be NULL when n is 0), or one byte.
 * Parsers append line by line and byte by byte, and a call into the
 * library for each append was a twentieth of parsing a mail archive: the
 * common case, room already there, is inline here and does no call. The
 * library keeps the external definitions (buf.c), for callers that do
 * not inline. */
inline void igt_buf_add(igt_buf *b, const char *s, size_t n)
{
	if (b->cap - b->len <= n)
		igt_buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

inline void igt_buf_addc(igt_buf *b, char c)
{
	if (b->cap - b->len <= 1)
		igt_buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

/* Empty the buffer, keeping its memory for reuse. */
void igt_buf_reset(igt_buf *b);
/* Release the memory; the buffer is empty and reusable afterwards. */
void igt_buf_free(igt_buf *b);
/* Take the content as a NUL-terminated string owned by the caller (free);
 * the buffer is left empty. Never NULL. */
char *igt_buf_take(igt_buf *b);

/* A NUL-terminated copy of n bytes of s, owned by the caller (free). */
char *igt_strndup(const char *s, size_t n);

/* Make room for need elements of elem_size bytes in the array *items
 * (which has room for *cap now), doubling its size; aborts with a message
 * when memory runs out. For arrays that grow as a document is read. */
void igt_array_grow(void **items, size_t *cap, size_t need, size_t elem_size);

#ifdef __cplusplus
}
#endif
#endif
