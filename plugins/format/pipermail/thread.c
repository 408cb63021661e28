/* SPDX-License-Identifier: MIT */
/*
 * The thread map: Message-ID -> thread root for the messages of the
 * current input, so that each message can name the root of its thread
 * while the archive is read in one streaming pass. The map is bounded:
 * when it holds max entries, the oldest is forgotten (first in, first
 * out), so memory stays flat on a 1 GB archive. A reply to a forgotten
 * message falls back to its References header (see message.c), which in
 * practice names the same root.
 *
 * Entries live in a ring; a chained hash table indexes them. Each entry
 * is one allocation holding both strings, made once per message.
 */
#include <stdlib.h>

#include "pipermail.h"

typedef struct entry {
	char *key; /* "id\0root\0" in one block */
	size_t klen;
	uint64_t hash;
	size_t next; /* index + 1 of the next entry in the bucket, 0 at the end */
} entry;

struct pm_threads {
	size_t max;
	entry *ring;
	size_t ring_cap, head, count; /* the oldest is ring[head] */
	size_t *buckets;              /* index + 1 into ring, 0 when empty */
	size_t nbuckets;              /* a power of two */
};

static uint64_t hash_id(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

pm_threads *pm_threads_new(size_t max_entries)
{
	pm_threads *t = calloc(1, sizeof(*t));
	if (!t)
		abort();
	t->max = max_entries ? max_entries : 1;
	return t;
}

void pm_threads_clear(pm_threads *t)
{
	for (size_t i = 0; i < t->count; i++) {
		entry *e = &t->ring[(t->head + i) % t->ring_cap];
		free(e->key);
		e->key = NULL;
	}
	t->head = t->count = 0;
	if (t->buckets)
		memset(t->buckets, 0, t->nbuckets * sizeof(*t->buckets));
}

void pm_threads_free(pm_threads *t)
{
	if (!t)
		return;
	pm_threads_clear(t);
	free(t->ring);
	free(t->buckets);
	free(t);
}

static void rehash(pm_threads *t, size_t nbuckets)
{
	free(t->buckets);
	t->buckets = calloc(nbuckets, sizeof(*t->buckets));
	if (!t->buckets)
		abort();
	t->nbuckets = nbuckets;
	for (size_t i = 0; i < t->count; i++) {
		size_t idx = (t->head + i) % t->ring_cap;
		entry *e = &t->ring[idx];
		size_t b = e->hash & (nbuckets - 1);
		e->next = t->buckets[b];
		t->buckets[b] = idx + 1;
	}
}

/* Grow the ring (and the table) while below the maximum, keeping order. */
static void grow(pm_threads *t)
{
	size_t cap = t->ring_cap ? t->ring_cap * 2 : 256;
	if (cap > t->max)
		cap = t->max;
	entry *ring = calloc(cap, sizeof(*ring));
	if (!ring)
		abort();
	for (size_t i = 0; i < t->count; i++)
		ring[i] = t->ring[(t->head + i) % t->ring_cap];
	free(t->ring);
	t->ring = ring;
	t->ring_cap = cap;
	t->head = 0;
	size_t nb = 16;
	while (nb < cap + cap / 2)
		nb *= 2;
	rehash(t, nb);
}

static void unlink_entry(pm_threads *t, size_t idx)
{
	entry *e = &t->ring[idx];
	size_t *link = &t->buckets[e->hash & (t->nbuckets - 1)];
	while (*link && *link != idx + 1)
		link = &t->ring[*link - 1].next;
	if (*link)
		*link = e->next;
	free(e->key);
	e->key = NULL;
}

const char *pm_threads_get(pm_threads *t, const char *id, size_t len)
{
	if (!t->count)
		return NULL;
	uint64_t h = hash_id(id, len);
	for (size_t i = t->buckets[h & (t->nbuckets - 1)]; i; i = t->ring[i - 1].next) {
		entry *e = &t->ring[i - 1];
		if (e->hash == h && e->klen == len && memcmp(e->key, id, len) == 0)
			return e->key + len + 1;
	}
	return NULL;
}

void pm_threads_put(pm_threads *t, const char *id, size_t len, const char *root, size_t rlen)
{
	if (t->count == t->ring_cap && t->ring_cap < t->max)
		grow(t);
	if (t->count == t->ring_cap) {
		/* Full at the maximum: forget the oldest. */
		unlink_entry(t, t->head);
		t->head = (t->head + 1) % t->ring_cap;
		t->count--;
	}
	size_t idx = (t->head + t->count) % t->ring_cap;
	entry *e = &t->ring[idx];
	e->key = malloc(len + rlen + 2);
	if (!e->key)
		abort();
	memcpy(e->key, id, len);
	e->key[len] = '\0';
	memcpy(e->key + len + 1, root, rlen);
	e->key[len + 1 + rlen] = '\0';
	e->klen = len;
	e->hash = hash_id(id, len);
	size_t b = e->hash & (t->nbuckets - 1);
	e->next = t->buckets[b];
	t->buckets[b] = idx + 1;
	t->count++;
}
