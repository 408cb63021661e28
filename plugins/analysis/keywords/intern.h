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
#include <string.h>

#define KW_NONE UINT32_MAX

/* A slot repeats its key's place and length, and keeps its first eight
 * bytes (all of a key of eight bytes or less, as most words are), so that
 * a lookup of a short key reads one slot and nothing else, and of a longer
 * one the slot and the rest of the key. 32 bytes: two slots a cache line. */
typedef struct kw_slot {
	uint64_t head; /* the key's first bytes (kw__key_hash) */
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
/* Add key (absent) with a value. */
void kw_intern_put(kw_intern *t, const char *key, size_t len, uint32_t value);
/* The key of id, NUL-terminated; borrowed until the next add. */
const char *kw_intern_key(const kw_intern *t, uint32_t id, size_t *len);
void kw_intern_free(kw_intern *t);

/*
 * The per-token lookup, inline below with what it needs: a call for each
 * word cost a fifth of the lookup. The kw__ helpers are the table's own.
 */

static inline uint64_t kw__load64(const unsigned char *s)
{
	uint64_t v;
	memcpy(&v, s, 8);
	return v;
}

static inline uint32_t kw__load32(const unsigned char *s)
{
	uint32_t v;
	memcpy(&v, s, 4);
	return v;
}

/* The last 1 to 8 bytes of a key in one word, read with at most two
 * loads that may overlap (no loop over bytes). */
static inline uint64_t kw__tail(const unsigned char *s, size_t len)
{
	if (len >= 8)
		return kw__load64(s + len - 8);
	if (len >= 4)
		return (uint64_t)kw__load32(s) << 32 | kw__load32(s + len - 4);
	if (len > 0)
		return (uint64_t)s[0] << 16 | (uint64_t)s[len / 2] << 8 | s[len - 1];
	return 0;
}

/*
 * The high 32 bits of the key's hash (words are short: one multiply a
 * word of the key and a final mix), and its head into *head: the first
 * bytes of the key as one word, compared before the rest. For a key of up
 * to eight bytes the head is its kw__tail(), which with the length says
 * every byte, so equal heads and lengths are equal keys; for a longer one
 * its first eight bytes.
 */
static inline uint32_t kw__key_hash(const unsigned char *s, size_t len, uint64_t *head)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ (len * 0xff51afd7ed558ccdull);
	if (len <= 8) {
		*head = kw__tail(s, len);
		h = (h ^ *head) * 0x94d049bb133111ebull;
	} else {
		*head = kw__load64(s);
		size_t n = len;
		while (n > 8) {
			h = (h ^ kw__load64(s)) * 0xbf58476d1ce4e5b9ull;
			h ^= h >> 29;
			s += 8;
			n -= 8;
		}
		h = (h ^ kw__tail(s, n)) * 0x94d049bb133111ebull;
	}
	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 32;
	return (uint32_t)(h >> 32);
}

/* Whether len bytes at a and b are equal (the part of a key after its
 * head). */
int kw__same_bytes(const char *a, const char *b, size_t len);

/* The slot of key (its hash h32 and head), or NULL. */
static inline const kw_slot *kw__find_slot(const kw_intern *t, const char *key, size_t len,
                                           uint32_t h32, uint64_t head)
{
	if (!t->slots)
		return NULL;
	for (size_t i = h32 & t->mask;; i = (i + 1) & t->mask) {
		const kw_slot *s = &t->slots[i];
		if (!s->id1)
			return NULL;
		if (s->hash == h32 && s->head == head && s->len == len &&
		    (len <= 8 || kw__same_bytes(t->arena + s->off + 8, key + 8, len - 8)))
			return s;
	}
}

/* The value stored with key (kw_intern_put) into *value: 1, or 0 when key
 * is absent. The key is hashed once and one probe reads the slot (and the
 * key beyond its first eight bytes), nothing else: the per-token lookup of
 * the keywords plugin. */
static inline int kw_intern_get(const kw_intern *t, const char *key, size_t len, uint32_t *value)
{
	uint64_t head;
	uint32_t h32 = kw__key_hash((const unsigned char *)key, len, &head);
	const kw_slot *s = kw__find_slot(t, key, len, h32, head);
	if (!s)
		return 0;
	*value = s->value;
	return 1;
}

#endif
