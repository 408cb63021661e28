/* SPDX-License-Identifier: MIT */
/*
 * strmap: see strmap.h. FNV-1a is enough for ids and pattern texts, which
 * are looked up only while the taxonomy is read.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <igtext/igtext.h>

#include "strmap.h"

static tx_strmap_slot *slot_of(const tx_strmap *m, const char *key)
{
	uint64_t h = 1469598103934665603ull;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	size_t i = (size_t)h & (m->cap - 1);
	while (m->slots[i].key && strcmp(m->slots[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

size_t tx_map_get(const tx_strmap *m, const char *key)
{
	if (!m->cap)
		return (size_t)-1;
	const tx_strmap_slot *s = slot_of(m, key);
	return s->key ? s->value : (size_t)-1;
}

size_t *tx_map_put(tx_strmap *m, const char *key, size_t def)
{
	if ((m->n + 1) * 2 > m->cap) {
		tx_strmap old = *m;
		m->cap = old.cap ? old.cap * 2 : 64;
		m->slots = calloc(m->cap, sizeof(*m->slots));
		if (!m->slots)
			abort();
		for (size_t i = 0; i < old.cap; i++)
			if (old.slots[i].key)
				*slot_of(m, old.slots[i].key) = old.slots[i];
		free(old.slots);
	}
	tx_strmap_slot *s = slot_of(m, key);
	if (!s->key) {
		s->key = igt_strndup(key, strlen(key));
		s->value = def;
		m->n++;
	}
	return &s->value;
}

void tx_map_free(tx_strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	memset(m, 0, sizeof(*m));
}
