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

/* Whether len bytes at a and b are equal: words are short, so compare
 * eight bytes at a time rather than call memcmp. Only keys longer than
 * their head come here. */
int kw__same_bytes(const char *a, const char *b, size_t len)
{
	const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
	while (len > 8) {
		if (kw__load64(x) != kw__load64(y))
			return 0;
		x += 8;
		y += 8;
		len -= 8;
	}
	return kw__part(x, len) == kw__part(y, len);
}

uint32_t kw_intern_find(const kw_intern *t, const char *key, size_t len)
{
	uint64_t head[2];
	kw__head((const unsigned char *)key, len, head);
	const kw_slot *s =
	    kw__find_slot(t, key, len, kw__hash((const unsigned char *)key, len, head), head);
	return s ? s->id1 - 1 : KW_NONE;
}

/* Put s, whose hash is h, in its place (slots: mask + 1, a power of two);
 * where it went. */
static kw_slot *place(kw_slot *slots, size_t mask, unsigned shift, uint64_t h, kw_slot s)
{
	size_t i = h >> shift;
	while (slots[i].id1)
		i = (i + 1) & mask;
	slots[i] = s;
	return &slots[i];
}

/* Twice the slots: each key is hashed again (from the arena beyond its
 * head), which the slot does not keep, to stay 32 bytes. */
static void grow_slots(kw_intern *t)
{
	size_t n = t->slots ? (t->mask + 1) * 2 : 256;
	unsigned shift = 64;
	for (size_t k = n; k > 1; k /= 2)
		shift--;
	kw_slot *slots = calloc(n, sizeof(*slots));
	if (!slots)
		abort();
	for (size_t i = 0; t->slots && i <= t->mask; i++) {
		const kw_slot *s = &t->slots[i];
		if (s->id1)
			place(slots, n - 1, shift,
			      kw__hash((const unsigned char *)t->arena + s->off, s->len, s->head), *s);
	}
	free(t->slots);
	t->slots = slots;
	t->mask = n - 1;
	t->shift = shift;
}

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	igt_array_grow(&p, cap, need, size);
	return p;
}

/* The slot of key, added when absent. */
static kw_slot *add_slot(kw_intern *t, const char *key, size_t len)
{
	uint64_t head[2];
	kw__head((const unsigned char *)key, len, head);
	uint64_t h = kw__hash((const unsigned char *)key, len, head);
	const kw_slot *found = kw__find_slot(t, key, len, h, head);
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
	return place(t->slots, t->mask, t->shift, h,
	             (kw_slot){.head = {head[0], head[1]},
	                       .id1 = id + 1,
	                       .len = t->len[id],
	                       .off = t->off[id]});
}

void kw_intern_reserve(kw_intern *t)
{
	if (!t->slots)
		grow_slots(t);
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
