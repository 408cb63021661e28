/* SPDX-License-Identifier: MIT */
/*
 * strmap: the entities plugin's string hash map (see strmap.h). FNV-1a
 * hashing is enough here: keys are short names and acronyms, and the map
 * is filled once in open() and read per mention.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <igtext/igtext.h>

#include "strmap.h"

static uint64_t ent_map_hash(const char *key, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 1099511628211ull;
	}
	return h;
}

static strmap_slot *ent_map_find(const strmap *m, const char *key, size_t len)
{
	size_t mask = m->cap - 1;
	size_t i = (size_t)ent_map_hash(key, len) & mask;
	for (;;) {
		strmap_slot *s = &m->slots[i];
		if (!s->key || (s->len == len && memcmp(s->key, key, len) == 0))
			return s;
		i = (i + 1) & mask;
	}
}

size_t ent_map_get(const strmap *m, const char *key, size_t len)
{
	if (!m->cap)
		return STRMAP_NONE;
	const strmap_slot *s = ent_map_find(m, key, len);
	return s->key ? s->value : STRMAP_NONE;
}

static void ent_map_grow(strmap *m)
{
	strmap old = *m;
	m->cap = old.cap ? old.cap * 2 : 64;
	m->slots = calloc(m->cap, sizeof(*m->slots));
	if (!m->slots)
		abort();
	for (size_t i = 0; i < old.cap; i++) {
		if (old.slots[i].key)
			*ent_map_find(m, old.slots[i].key, old.slots[i].len) = old.slots[i];
	}
	free(old.slots);
}

size_t *ent_map_put(strmap *m, const char *key, size_t len, size_t def)
{
	if ((m->n + 1) * 2 > m->cap)
		ent_map_grow(m);
	strmap_slot *s = ent_map_find(m, key, len);
	if (!s->key) {
		s->key = igt_strndup(key, len);
		s->len = len;
		s->value = def;
		m->n++;
	}
	return &s->value;
}

void ent_map_free(strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
}
