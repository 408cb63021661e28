/* SPDX-License-Identifier: MIT */
/*
 * The Message-IDs of one input, as 64-bit FNV-1a hashes in an open-address
 * table: a message whose id an earlier message of the input already has
 * must get an id of its own, or the later one would replace the earlier
 * in a store. A hash collision (about one in 10^19 pairs) only costs the
 * second message its Message-ID as document id, never a message.
 */
#include <stdint.h>
#include <stdlib.h>

#include "pipermail.h"

struct pm_idset {
	uint64_t *slots; /* 0: empty */
	size_t cap, n;
};

pm_idset *pm_idset_new(void)
{
	pm_idset *s = calloc(1, sizeof(*s));
	if (!s)
		abort();
	return s;
}

void pm_idset_clear(pm_idset *s)
{
	free(s->slots);
	s->slots = NULL;
	s->cap = s->n = 0;
}

void pm_idset_free(pm_idset *s)
{
	if (!s)
		return;
	pm_idset_clear(s);
	free(s);
}

static uint64_t hash_id(const char *id, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)id[i]) * 1099511628211ULL;
	return h ? h : 1;
}

static void grow(pm_idset *s)
{
	size_t cap = s->cap ? s->cap * 2 : 1024;
	uint64_t *slots = calloc(cap, sizeof(*slots));
	if (!slots)
		abort();
	for (size_t i = 0; i < s->cap; i++) {
		if (!s->slots[i])
			continue;
		size_t j = s->slots[i] & (cap - 1);
		while (slots[j])
			j = (j + 1) & (cap - 1);
		slots[j] = s->slots[i];
	}
	free(s->slots);
	s->slots = slots;
	s->cap = cap;
}

int pm_idset_seen(pm_idset *s, const char *id, size_t len)
{
	if (2 * (s->n + 1) > s->cap)
		grow(s);
	uint64_t h = hash_id(id, len);
	size_t j = h & (s->cap - 1);
	while (s->slots[j]) {
		if (s->slots[j] == h)
			return 1;
		j = (j + 1) & (s->cap - 1);
	}
	s->slots[j] = h;
	s->n++;
	return 0;
}
