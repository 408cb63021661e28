/* SPDX-License-Identifier: MIT */
/*
 * dedup: the earlier documents, and how a new one finds its matches
 * without being compared with all of them.
 *
 * Exact copies: a table from the first 8 bytes of the hash to the chain of
 * entries with that hash, compared in full.
 *
 * Near-duplicates: locality-sensitive hashing. The DD_K bins of a sketch
 * are cut into DD_BANDS bands of DD_ROWS bins; each band's values are
 * hashed to a bucket key, and a document is compared only with the
 * entries that share a bucket with it. Two documents of resemblance J
 * share some band with probability 1 - (1 - J^r)^b (r = 2, b = 64: 0.93
 * at J = 0.2, 0.998 at J = 0.3, and 0.025 for unrelated texts at J =
 * 0.02), so the pairs worth checking are found, a short document inside
 * a long one too (containment 0.9 of a text a quarter as long is J 0.22),
 * while unrelated ones almost never are.
 *
 * The work per document is bounded, whatever the corpus: a query reads
 * at most DD_BUCKET_CAP entries of a bucket, newest first (a bucket that
 * grows holds copies of one text or one passage, whose newest members
 * stand for the rest), so it compares DD_BANDS * DD_BUCKET_CAP sketches
 * at most. On the generated benchmark corpora, where nearly every
 * document shares passages with hundreds of others, this finds 98% of
 * the matches a comparison with every earlier document finds.
 */
#include <stdlib.h>
#include <string.h>

#include "dedup.h"

static void out_of_memory(void)
{
	igt_log(IGT_LOG_ERROR, "dedup: out of memory");
	abort();
}

void *dd_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory();
	return q;
}

void *dd_xcalloc(size_t n, size_t size)
{
	void *q = calloc(n ? n : 1, size ? size : 1);
	if (!q)
		out_of_memory();
	return q;
}

int dd_near_eligible(uint64_t words, uint64_t shingles, const dd_rules *rules)
{
	return shingles > 0 && words >= rules->min_words;
}

int dd_exact_eligible(uint64_t words, const dd_rules *rules)
{
	return words > 0 && words >= rules->min_exact_words;
}

double dd_round3(double x)
{
	return (double)(int64_t)(x * 1000.0 + 0.5) / 1000.0;
}

/* ---- the table ---- */

static dd_slot *table_find(dd_table *t, uint64_t key, int create)
{
	if (!t->slots) {
		if (!create)
			return NULL;
		t->mask = 1023;
		t->slots = dd_xcalloc(t->mask + 1, sizeof(dd_slot));
	}
	if (create && 2 * (t->n + 1) > t->mask + 1) {
		size_t size = (t->mask + 1) * 2;
		dd_slot *slots = dd_xcalloc(size, sizeof(dd_slot));
		for (size_t i = 0; i <= t->mask; i++) {
			if (!t->slots[i].key)
				continue;
			size_t j = (size_t)t->slots[i].key & (size - 1);
			while (slots[j].key)
				j = (j + 1) & (size - 1);
			slots[j] = t->slots[i];
		}
		free(t->slots);
		t->slots = slots;
		t->mask = size - 1;
	}
	size_t i = (size_t)key & t->mask;
	while (t->slots[i].key && t->slots[i].key != key)
		i = (i + 1) & t->mask;
	if (t->slots[i].key)
		return &t->slots[i];
	if (!create)
		return NULL;
	t->slots[i].key = key;
	t->slots[i].a = t->slots[i].b = DD_NONE;
	t->n++;
	return &t->slots[i];
}

static uint64_t mix(uint64_t h)
{
	h ^= h >> 31;
	h *= 0x7fb5d329728ea185ull;
	h ^= h >> 27;
	h *= 0x81dadef4bc2dd44dull;
	h ^= h >> 33;
	return h ? h : 1;
}

static uint64_t hash_key(const unsigned char sha[32])
{
	uint64_t k = 0;
	for (int i = 0; i < 8; i++)
		k = k << 8 | sha[i];
	return k ? k : 1;
}

/* The bucket key of band b of the bins, 0 when all its bins are empty. */
static uint32_t band_key(const uint16_t *mins, unsigned b)
{
	uint64_t h = (uint64_t)(b + 1) * 0x9e3779b97f4a7c15ull;
	int any = 0;
	for (unsigned r = 0; r < DD_ROWS; r++) {
		uint32_t v = mins[b * DD_ROWS + r];
		any |= v != DD_EMPTY;
		h = mix(h ^ v);
	}
	uint32_t k = (uint32_t)(h >> 32);
	return !any ? 0 : k ? k : 1;
}

/* Where a bucket key's probing starts. */
static size_t bucket_slot(const dd_index *ix, uint32_t key)
{
	return (size_t)(key * 0x9e3779b9u) & ix->bucket_mask;
}

static dd_bucket *bucket_add(dd_index *ix, uint32_t key)
{
	if (2 * (ix->n_buckets + 1) > ix->bucket_mask + 1) {
		size_t size = ix->buckets ? 2 * (ix->bucket_mask + 1) : 4096;
		dd_bucket *old = ix->buckets;
		size_t old_size = old ? ix->bucket_mask + 1 : 0;
		ix->buckets = dd_xcalloc(size, sizeof(dd_bucket));
		ix->bucket_mask = size - 1;
		for (size_t i = 0; i < old_size; i++) {
			if (!old[i].key)
				continue;
			size_t j = bucket_slot(ix, old[i].key);
			while (ix->buckets[j].key)
				j = (j + 1) & ix->bucket_mask;
			ix->buckets[j] = old[i];
		}
		free(old);
	}
	size_t i = bucket_slot(ix, key);
	while (ix->buckets[i].key && ix->buckets[i].key != key)
		i = (i + 1) & ix->bucket_mask;
	if (!ix->buckets[i].key) {
		ix->buckets[i] = (dd_bucket){key, DD_NONE};
		ix->n_buckets++;
	}
	return &ix->buckets[i];
}

static uint64_t id_hash(const char *id)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (const unsigned char *p = (const unsigned char *)id; *p; p++)
		h = (h ^ *p) * 0x100000001b3ull;
	return h;
}

/* ---- entries ---- */

void dd_index_free(dd_index *ix)
{
	for (size_t i = 0; i < ix->n; i++) {
		free(ix->entries[i].id);
		free(ix->entries[i].cluster);
		free(ix->entries[i].copies);
	}
	free(ix->entries);
	free(ix->mins);
	free(ix->hot);
	free(ix->exact.slots);
	free(ix->stored.slots);
	free(ix->buckets);
	free(ix->postings);
	memset(ix, 0, sizeof(*ix));
}

static char *copy(const char *s)
{
	return igt_strndup(s ? s : "", s ? strlen(s) : 0);
}

uint32_t dd_index_add(dd_index *ix, const char *id, const char *cluster, const dd_sketch *sk)
{
	if (ix->n == ix->cap) {
		ix->cap = ix->cap ? ix->cap * 2 : 256;
		ix->entries = dd_xrealloc(ix->entries, ix->cap * sizeof(dd_entry));
		ix->mins = dd_xrealloc(ix->mins, ix->cap * DD_K * sizeof(uint16_t));
		ix->hot = dd_xrealloc(ix->hot, ix->cap * sizeof(dd_hot));
	}
	size_t i = ix->n++;
	dd_entry *e = &ix->entries[i];
	memset(e, 0, sizeof(*e));
	e->id = copy(id);
	e->cluster = copy(cluster ? cluster : id);
	e->similarity = e->containment = -1.0;
	e->next_same = DD_NONE;
	memcpy(e->sha, sk->sha, sizeof(e->sha));
	e->words = sk->words;
	e->shingles = sk->shingles;
	memcpy(ix->mins + i * DD_K, sk->mins, sizeof(sk->mins));
	ix->hot[i] = (dd_hot){id_hash(e->id), sk->shingles, 0};
	return (uint32_t)i;
}

void dd_band_keys(const uint16_t *mins, uint32_t *keys)
{
	for (unsigned b = 0; b < DD_BANDS; b++)
		keys[b] = band_key(mins, b);
}

void dd_index_insert(dd_index *ix, uint32_t ei, const uint32_t *keys)
{
	dd_entry *e = &ix->entries[ei];
	if (e->has_hash) {
		dd_slot *s = table_find(&ix->exact, hash_key(e->sha), 1);
		if (s->a == DD_NONE)
			s->a = ei;
		else
			ix->entries[s->b].next_same = ei;
		s->b = ei;
	}
	if (!keys || !e->has_sketch)
		return;
	for (unsigned b = 0; b < DD_BANDS; b++) {
		uint32_t key = keys[b];
		if (!key)
			continue;
		dd_bucket *k = bucket_add(ix, key);
		if (ix->n_postings == ix->cap_postings) {
			ix->cap_postings = ix->cap_postings ? ix->cap_postings * 2 : 4096;
			ix->postings =
			    dd_xrealloc(ix->postings, ix->cap_postings * sizeof(dd_posting));
		}
		ix->postings[ix->n_postings] = (dd_posting){ei, k->head};
		k->head = (uint32_t)ix->n_postings++;
	}
}

void dd_index_remember(dd_index *ix, uint32_t e)
{
	dd_slot *s = table_find(&ix->stored, ix->hot[e].id_hash ? ix->hot[e].id_hash : 1, 1);
	if (s->a == DD_NONE)
		s->a = e;
}

uint32_t dd_index_stored(dd_index *ix, const char *id)
{
	uint64_t h = id_hash(id);
	dd_slot *s = table_find(&ix->stored, h ? h : 1, 0);
	/* Ids whose hashes clash are told apart by name; the first stays. */
	if (!s || strcmp(ix->entries[s->a].id, id) != 0)
		return DD_NONE;
	return s->a;
}

static int accepted(double j, double c, const dd_rules *rules)
{
	return j >= rules->threshold || c >= rules->containment;
}

static uint32_t next_query(dd_index *ix)
{
	if (++ix->query == 0) { /* wrapped: forget every old stamp */
		for (size_t i = 0; i < ix->n; i++)
			ix->hot[i].stamp = 0;
		ix->query = 1;
	}
	return ix->query;
}

/* Whether entry x is the document itself, met again (a re-import). */
static int same_document(const dd_index *ix, uint32_t x, uint64_t idh, const char *id)
{
	return ix->hot[x].id_hash == idh && strcmp(ix->entries[x].id, id) == 0;
}

/* The entries that share a bucket with the sketch, DD_BUCKET_CAP at most
 * per bucket, each once (stamped with query q); returns how many. Memory
 * is read a level at a time across all buckets (their slots, then the
 * first entry of each, then the second…), each level's addresses fetched
 * ahead, so that the cache misses of the 64 buckets overlap instead of
 * following one another. */
static size_t candidates(dd_index *ix, const uint32_t *keys, uint32_t q, uint32_t *out)
{
	uint32_t cur[DD_BANDS], ent[DD_BANDS];
	size_t at[DD_BANDS], n = 0;
	if (!ix->buckets)
		return 0;
	for (unsigned b = 0; b < DD_BANDS; b++) {
		at[b] = bucket_slot(ix, keys[b]);
		__builtin_prefetch(&ix->buckets[at[b]]);
	}
	for (unsigned b = 0; b < DD_BANDS; b++) {
		size_t i = at[b];
		while (keys[b] && ix->buckets[i].key && ix->buckets[i].key != keys[b])
			i = (i + 1) & ix->bucket_mask;
		cur[b] = keys[b] && ix->buckets[i].key ? ix->buckets[i].head : DD_NONE;
		if (cur[b] != DD_NONE)
			__builtin_prefetch(&ix->postings[cur[b]]);
	}
	for (int level = 0; level < DD_BUCKET_CAP; level++) {
		for (unsigned b = 0; b < DD_BANDS; b++) {
			ent[b] = DD_NONE;
			if (cur[b] == DD_NONE)
				continue;
			ent[b] = ix->postings[cur[b]].entry;
			cur[b] = ix->postings[cur[b]].next;
			__builtin_prefetch(&ix->hot[ent[b]]);
			if (cur[b] != DD_NONE)
				__builtin_prefetch(&ix->postings[cur[b]]);
		}
		for (unsigned b = 0; b < DD_BANDS; b++) {
			uint32_t x = ent[b];
			if (x == DD_NONE || ix->hot[x].stamp == q)
				continue;
			ix->hot[x].stamp = q;
			__builtin_prefetch(ix->mins + (size_t)x * DD_K);
			out[n++] = x;
		}
	}
	return n;
}

dd_match dd_index_query(dd_index *ix, const dd_sketch *sk, const char *id, uint32_t *keys,
                        const dd_rules *rules)
{
	dd_match m = {DD_NONE, 0, -1.0, -1.0, 0};
	if (!dd_exact_eligible(sk->words, rules))
		return m; /* too little to compare: an empty form's headings are no one's copy */
	uint64_t idh = id_hash(id);
	dd_slot *s = table_find(&ix->exact, hash_key(sk->sha), 0);
	for (uint32_t e = s ? s->a : DD_NONE; e != DD_NONE; e = ix->entries[e].next_same)
		if (memcmp(ix->entries[e].sha, sk->sha, sizeof(sk->sha)) == 0 &&
		    !same_document(ix, e, idh, id))
			return (dd_match){e, 1, 1.0, 1.0, 0};
	if (!keys)
		return m;
	dd_band_keys(sk->mins, keys);
	m.banded = 1;
	uint32_t cand[DD_BANDS * DD_BUCKET_CAP];
	size_t n = candidates(ix, keys, next_query(ix), cand);
	for (size_t i = 0; i < n; i++) {
		uint32_t x = cand[i];
		double j, c;
		dd_compare(sk->mins, sk->shingles, ix->mins + (size_t)x * DD_K, ix->hot[x].shingles,
		           &j, &c);
		if (!accepted(j, c, rules) || same_document(ix, x, idh, id))
			continue;
		/* The most similar; on a tie, the earliest. */
		if (m.entry == DD_NONE || j > m.similarity || (j == m.similarity && x < m.entry)) {
			m.entry = x;
			m.similarity = j;
			m.containment = c;
		}
	}
	return m;
}
