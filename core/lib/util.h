/* SPDX-License-Identifier: MIT */
/*
 * Small helpers shared by the core: allocation that never returns NULL
 * (running out of memory ends the process with a message; the core has no
 * sensible way to go on), string building and growable arrays.
 */
#ifndef IGT_UTIL_H
#define IGT_UTIL_H

#include <pthread.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>
#include <igtext/error.h>

void *igt_xmalloc(size_t n);
void *igt_xcalloc(size_t n, size_t size);
void *igt_xrealloc(void *p, size_t n);
/* Grow *items (of elem_size bytes each) to hold at least need elements;
 * *cap is updated. Amortised doubling, so appends are O(1). */
void igt_xgrow(void **items, size_t *cap, size_t need, size_t elem_size);
char *igt_xstrdup(const char *s);
char *igt_xstrndup(const char *s, size_t n);
char *igt_xasprintf(const char *fmt, ...) IGT_PRINTF(1, 2);

/* Levenshtein distance between two short ASCII words, capped at 100. */
int igt_edit_distance(const char *a, const char *b);
/* The candidate nearest to word when near enough to be a likely typo,
 * else NULL. candidates is NULL-terminated. */
const char *igt_suggest(const char *word, const char *const *candidates);

/* Lowercase hex of n bytes into out, which holds 2 * n + 1 bytes. */
void igt_hex(const unsigned char *bytes, size_t n, char *out);

/* Values fed to a sha256 (nettle) for a digest of several: a number as 8
 * bytes, a string length-prefixed with NULL distinct from "", so no two
 * sequences of values hash alike by shifting bytes between neighbours.
 * The store's content hash and a job's settings digest use them. */
struct sha256_ctx;
void igt_sha256_u64(struct sha256_ctx *h, uint64_t v);
void igt_sha256_str(struct sha256_ctx *h, const char *s);

/* "a, b, c" from a NULL-terminated list of names, cut to fit size bytes;
 * for messages that list the valid choices. */
void igt_join_names(const char *const *names, char *buf, size_t size);

/* Join dir and a relative path; an absolute path (or "-") is returned as a
 * copy. The result is owned by the caller. */
char *igt_path_join(const char *dir, const char *path);
/* Directory part of path ("." when none); owned by the caller. */
char *igt_path_dir(const char *path);

/* pthread_cond_wait for at most ms milliseconds: 0 when woken (or
 * spuriously), ETIMEDOUT when the time ran out. */
int igt_cond_wait_ms(pthread_cond_t *cond, pthread_mutex_t *lock, long ms);

#endif
