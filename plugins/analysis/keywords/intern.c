/* SPDX-License-Identifier: MIT */
/*
 * intern: the string-to-id table (see intern.h). Open addressing with
 * linear probing at a load of at most one half; ids are never removed, so
 * there are no tombstones.
 */
#include <stdlib.h>
#include <string.h>

#include <igtext/buf.h>

#include "intern.h"

/* The hash and the probe run once per token: inline them into the lookups
 * even where the compiler would not. */
#if defined(__GNUC__)
#define HOT_INLINE inline __attribute__((always_inline))
#else
#define HOT_INLINE inline
#endif

static inline uint64_t load64(const unsigned char *s)
{
	uint64_t v;
	memcpy(&v, s, 8);
	return v;
}

static inline uint32_t load32(const unsigned char *s)
{
	uint32_t v;
	memcpy(&v, s, 4);
	return v;
}

/* The last 1 to 8 bytes of a key in one word, read with at most two
 * loads that may overlap (no loop over bytes). */
static inline uint64_t tail(const unsigned char *s, size_t len)
{
	if (len >= 8)
		return load64(s + len - 8);
	if (len >= 4)
		return (uint64_t)load32(s) << 32 | load32(s + len - 4);
	if (len > 0)
		return (uint64_t)s[0] << 16 | (uint64_t)s[len / 2] << 8 | s[len - 1];
	return 0;
}

/*
 * The high 32 bits of the key's hash (words are short: one multiply a
 * word of the key and a final mix), and its head into *head: the first
 * bytes of the key as one word, compared before the rest. For a key of up
 * to eight bytes the head is its tail(), which with the length says every
 * byte, so equal heads and lengths are equal keys; for a longer one its
 * first eight bytes.
 */
static HOT_INLINE uint32_t key_hash(const unsigned char *s, size_t len, uint64_t *head)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ (len * 0xff51afd7ed558ccdull);
	if (len <= 8) {
		*head = tail(s, len);
		h = (h ^ *head) * 0x94d049bb133111ebull;
	} else {
		*head = load64(s);
		size_t n = len;
		while (n > 8) {
			h = (h ^ load64(s)) * 0xbf58476d1ce4e5b9ull;
			h ^= h >> 29;
			s += 8;
			n -= 8;
		}
		h = (h ^ tail(s, n)) * 0x94d049bb133111ebull;
	}
	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 32;
	return (uint32_t)(h >> 32);
}

/* Whether len bytes at a and b are equal: words are short, so compare
 * eight bytes at a time rather than call memcmp. Only keys longer than
 * their head come here, so it need not be inline. */
static int same_bytes(const char *a, const char *b, size_t len)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
	while (len > 8) {
		if (load64(x) != load64(y))
			return 0;
		x += 8;
		y += 8;
		len -= 8;
	}
	return tail(x, len) == tail(y, len);
}

/* The slot of key (its hash h32 and head), or NULL. */
static HOT_INLINE const kw_slot *find_slot(const kw_intern *t, const char *key, size_t len,
                                           uint32_t h32, uint64_t head)
{
	if (!t->slots)
		return NULL;
	for (size_t i = h32 & t->mask;; i = (i + 1) & t->mask) {
		const kw_slot *s = &t->slots[i];
		if (!s->id1)
			return NULL;
		if (s->hash == h32 && s->head == head && s->len == len &&
		    (len <= 8 || same_bytes(t->arena + s->off + 8, key + 8, len - 8)))
			return s;
	}
}

uint32_t kw_intern_find(const kw_intern *t, const char *key, size_t len)
{
	uint64_t head;
	uint32_t h32 = key_hash((const unsigned char *)key, len, &head);
	const kw_slot *s = find_slot(t, key, len, h32, head);
	return s ? s->id1 - 1 : KW_NONE;
}

int kw_intern_get(const kw_intern *t, const char *key, size_t len, uint32_t *value)
{
	uint64_t head;
	uint32_t h32 = key_hash((const unsigned char *)key, len, &head);
	const kw_slot *s = find_slot(t, key, len, h32, head);
	if (!s)
		return 0;
	*value = s->value;
	return 1;
}

/* Put s in its place (slots: mask + 1, a power of two); where it went. */
static kw_slot *place(kw_slot *slots, size_t mask, kw_slot s)
{
	size_t i = s.hash & mask;
	while (slots[i].id1)
		i = (i + 1) & mask;
	slots[i] = s;
	return &slots[i];
}

static void grow_slots(kw_intern *t)
{
	size_t n = t->slots ? (t->mask + 1) * 2 : 256;
	kw_slot *slots = calloc(n, sizeof(*slots));
	if (!slots)
		abort();
	for (size_t i = 0; t->slots && i <= t->mask; i++) {
		if (t->slots[i].id1)
			place(slots, n - 1, t->slots[i]);
	}
	free(t->slots);
	t->slots = slots;
	t->mask = n - 1;
}

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	igt_array_grow(&p, cap, need, size);
	return p;
}

/* The slot of key, added when absent. */
static kw_slot *add_slot(kw_intern *t, const char *key, size_t len)
{
	uint64_t head;
	uint32_t h32 = key_hash((const unsigned char *)key, len, &head);
	const kw_slot *found = find_slot(t, key, len, h32, head);
	if (found)
		return (kw_slot *)found;
	if (!t->slots || (size_t)(t->n + 1) * 2 > t->mask + 1)
		grow_slots(t);
	size_t cap = t->cap_ids;
	t->off = grow(t->off, &cap, (size_t)t->n + 1, sizeof(*t->off));
	cap = t->cap_ids;
	t->len = grow(t->len, &cap, (size_t)t->n + 1, sizeof(*t->len));
	t->cap_ids = cap;
	if (t->arena_len + len + 1 > UINT32_MAX)
		abort(); /* 4 GiB of distinct words: not a text */
	t->arena = grow(t->arena, &t->arena_cap, t->arena_len + len + 1, 1);
	uint32_t id = t->n++;
	t->off[id] = (uint32_t)t->arena_len;
	t->len[id] = (uint32_t)len;
	memcpy(t->arena + t->arena_len, key, len);
	t->arena[t->arena_len + len] = '\0';
	t->arena_len += len + 1;
	return place(
	    t->slots, t->mask,
	    (kw_slot){
	        .head = head, .id1 = id + 1, .hash = h32, .off = t->off[id], .len = t->len[id]});
}

uint32_t kw_intern_add(kw_intern *t, const char *key, size_t len)
{
	return add_slot(t, key, len)->id1 - 1;
}

void kw_intern_put(kw_intern *t, const char *key, size_t len, uint32_t value)
{
	add_slot(t, key, len)->value = value;
}

const char *kw_intern_key(const kw_intern *t, uint32_t id, size_t *len)
{
	if (len)
		*len = t->len[id];
	return t->arena + t->off[id];
}

void kw_intern_free(kw_intern *t)
{
	free(t->slots);
	free(t->off);
	free(t->len);
	free(t->arena);
	memset(t, 0, sizeof(*t));
}
