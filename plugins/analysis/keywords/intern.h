/* SPDX-License-Identifier: MIT */
/*
 * intern: byte strings to dense ids (0, 1, 2 …) in the order they were
 * first added. The keywords plugin keys everything it counts by such ids
 * (token forms, shown forms, terms, stopwords) and keeps its counts in
 * plain arrays indexed by them, so the per-token work is one hash lookup
 * and a few array increments. Keys live in one growing arena, not in one
 * allocation each, and each slot keeps 32 bits of the hash so that most
 * misses never touch the arena.
 */
#ifndef KEYWORDS_INTERN_H
#define KEYWORDS_INTERN_H

#include <stddef.h>
#include <stdint.h>

#define KW_NONE UINT32_MAX

/* A slot repeats its key's place and length, and keeps its first eight
 * bytes (all of a key of eight bytes or less, as most words are), so that
 * a lookup of a short key reads one slot and nothing else, and of a longer
 * one the slot and the rest of the key. 32 bytes: two slots a cache line. */
typedef struct kw_slot {
	uint64_t head; /* the key's first bytes (see intern.c) */
	uint32_t id1;  /* id + 1; 0: empty */
	uint32_t hash; /* high 32 bits of the key's hash: also its place */
	uint32_t off;  /* the key in the arena */
	uint32_t len;
	uint32_t value; /* the caller's, given with kw_intern_put */
} kw_slot;

typedef struct kw_intern {
	kw_slot *slots;
	size_t mask; /* slots - 1; slots is a power of two, or no table yet */
	uint32_t n;
	uint32_t *off; /* per id: the key's offset in arena (NUL-terminated there) */
	uint32_t *len; /* per id: the key's length */
	size_t cap_ids;
	char *arena;
	size_t arena_len, arena_cap;
} kw_intern;

/* The id of key, or KW_NONE. */
uint32_t kw_intern_find(const kw_intern *t, const char *key, size_t len);
/* The id of key, adding it when absent. */
uint32_t kw_intern_add(kw_intern *t, const char *key, size_t len);
/* The value stored with key (kw_intern_put) into *value: 1, or 0 when key
 * is absent. The key is hashed once and one probe reads the slot (and the
 * key beyond its first eight bytes), nothing else: the per-token lookup of
 * the keywords plugin. */
int kw_intern_get(const kw_intern *t, const char *key, size_t len, uint32_t *value);
/* Add key (absent) with a value. */
void kw_intern_put(kw_intern *t, const char *key, size_t len, uint32_t value);
/* The key of id, NUL-terminated; borrowed until the next add. */
const char *kw_intern_key(const kw_intern *t, uint32_t id, size_t *len);
void kw_intern_free(kw_intern *t);

#endif
