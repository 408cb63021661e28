/* SPDX-License-Identifier: MIT */
/*
 * intern: byte strings to dense ids (0, 1, 2 …) in the order they were
 * first added. The keywords plugin keys everything it counts by such ids
 * (token forms, shown forms, terms, stopwords) and keeps its counts in
 * plain arrays indexed by them, so the per-token work is one hash lookup
 * and a few array increments. Keys live in one growing arena, not in one
 * allocation each, and each slot keeps the first bytes of its key so that
 * most lookups never touch the arena.
 */
#ifndef KEYWORDS_INTERN_H
#define KEYWORDS_INTERN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define KW_NONE UINT32_MAX

/* A slot repeats its key's place and length, and keeps its first sixteen
 * bytes, zero past the key's end (all of a key of sixteen bytes or less,
 * as nearly all words are), so that a lookup of a short key reads one
 * slot and nothing else, and of a longer one the slot and the rest of the
 * key. 32 bytes: two slots a cache line. */
typedef struct kw_slot {
	uint64_t head[2]; /* the key's first bytes (kw__head) */
	uint32_t id1;     /* id + 1; 0: empty */
	uint32_t len;
	uint32_t off;   /* the key in the arena */
	uint32_t value; /* the caller's, given with kw_intern_put */
} kw_slot;

typedef struct kw_intern {
	kw_slot *slots;
	size_t mask;    /* slots - 1; slots is a power of two, or no table yet */
	unsigned shift; /* 64 - log2(slots): a hash shifted right by it is a slot */
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
/* Make the table's slots now, so that kw_intern_get_short can look up. */
void kw_intern_reserve(kw_intern *t);
/* The key of id, NUL-terminated; borrowed until the next add. */
const char *kw_intern_key(const kw_intern *t, uint32_t id, size_t *len);
void kw_intern_free(kw_intern *t);

/*
 * The per-token lookup, inline below with what it needs: a call for each
 * word cost a fifth of the lookup. The kw__ helpers are the table's own.
 *
 * A key is read as little-endian words whatever the machine, so that the
 * head of a key (its first sixteen bytes, zero past its end) is the same
 * value whether it is read here or taken from a vector register by the
 * tokeniser (kw_intern_get_head).
 */

static inline uint64_t kw__load64(const unsigned char *s)
{
	uint64_t v;
	memcpy(&v, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

static inline uint64_t kw__load32(const unsigned char *s)
{
	uint32_t v;
	memcpy(&v, s, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap32(v);
#endif
	return v;
}

/* The first r bytes of s (at most eight) as a little-endian word, zero
 * above them, read with at most two loads that may overlap (no loop over
 * bytes). */
static inline uint64_t kw__part(const unsigned char *s, size_t r)
{
	if (r >= 8)
		return kw__load64(s);
	if (r >= 4)
		return kw__load32(s) | (kw__load32(s + r - 4) >> (8 * (8 - r))) << 32;
	if (r > 0)
		return (uint64_t)s[0] | (uint64_t)s[r / 2] << (8 * (r / 2)) |
		       (uint64_t)s[r - 1] << (8 * (r - 1));
	return 0;
}

/* The head of a key: its first sixteen bytes, zero past its end. */
static inline void kw__head(const unsigned char *s, size_t len, uint64_t head[2])
{
	head[0] = kw__part(s, len < 8 ? len : 8);
	head[1] = len > 8 ? kw__part(s + 8, len < 16 ? len - 8 : 8) : 0;
}

/* The hash of a key from its head and length, and for a key longer than
 * its head the rest of it, eight bytes a multiply. Its top bits are its
 * slot (multiplicative hashing: a product's high bits depend on all the
 * bits of its factor), so no final mixing is needed. */
static inline uint64_t kw__hash(const unsigned char *s, size_t len, const uint64_t head[2])
{
	uint64_t h = (head[0] ^ (uint64_t)len << 56) * 0x9e3779b97f4a7c15ull ^
	             head[1] * 0xbf58476d1ce4e5b9ull;
	for (size_t i = 16; i < len; i += 8)
		h = (h ^ kw__part(s + i, len - i < 8 ? len - i : 8)) * 0x94d049bb133111ebull;
	return h;
}

/* Whether len bytes at a and b are equal (the part of a key after its
 * head). */
int kw__same_bytes(const char *a, const char *b, size_t len);

/* The slot of key (its hash h and head), or NULL. */
static inline const kw_slot *kw__find_slot(const kw_intern *t, const char *key, size_t len,
                                           uint64_t h, const uint64_t head[2])
{
	if (!t->slots)
		return NULL;
	for (size_t i = h >> t->shift;; i = (i + 1) & t->mask) {
		const kw_slot *s = &t->slots[i];
		if (s->head[0] == head[0] && s->head[1] == head[1] && s->len == len && s->id1 &&
		    (len <= 16 || kw__same_bytes(t->arena + s->off + 16, key + 16, len - 16)))
			return s;
		if (!s->id1)
			return NULL;
	}
}

/* The value stored with key (kw_intern_put) into *value, when its head
 * (kw__head) is known: 1, or 0 when key is absent. One probe reads the
 * slot (and the key beyond its first sixteen bytes), nothing else: the
 * per-token lookup of the keywords plugin. */
static inline int kw_intern_get_head(const kw_intern *t, const char *key, size_t len,
                                     const uint64_t head[2], uint32_t *value)
{
	uint64_t h = kw__hash((const unsigned char *)key, len, head);
	const kw_slot *s = kw__find_slot(t, key, len, h, head);
	if (!s)
		return 0;
	*value = s->value;
	return 1;
}

/* kw_intern_get_head for a key of one to sixteen bytes, all in its head,
 * in a table with slots (kw_intern_reserve): the fast path's words. The
 * key's bytes are not read, and an empty slot (length 0) never matches
 * a key of one byte or more, so a hit is three comparisons. */
static inline int kw_intern_get_short(const kw_intern *t, size_t len, const uint64_t head[2],
                                      uint32_t *value)
{
	uint64_t h = (head[0] ^ (uint64_t)len << 56) * 0x9e3779b97f4a7c15ull ^
	             head[1] * 0xbf58476d1ce4e5b9ull; /* kw__hash of a key of 16 bytes or less */
	for (size_t i = h >> t->shift;; i = (i + 1) & t->mask) {
		const kw_slot *s = &t->slots[i];
		if (s->head[0] == head[0] && s->head[1] == head[1] && s->len == len) {
			*value = s->value;
			return 1;
		}
		if (!s->id1)
			return 0;
	}
}

/* The same, the head read from the key. */
static inline int kw_intern_get(const kw_intern *t, const char *key, size_t len, uint32_t *value)
{
	uint64_t head[2];
	kw__head((const unsigned char *)key, len, head);
	return kw_intern_get_head(t, key, len, head, value);
}

#endif
