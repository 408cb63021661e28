/* SPDX-License-Identifier: MIT */
/*
 * ngram: the bounded table of word pairs and triples (see ngram.h).
 */
#include <stdlib.h>
#include <string.h>

#include <igtext/buf.h>

#include "intern.h"
#include "ngram.h"

static void rehash(kw_ngrams *g, size_t slots);

/* The slots are made here, so that counting never asks whether they
 * exist. */
void kw_ngrams_init(kw_ngrams *g, size_t max)
{
	memset(g, 0, sizeof(*g));
	g->max = max < 64 ? 64 : max;
	rehash(g, 4096);
}

static void rehash(kw_ngrams *g, size_t slots)
{
	free(g->slots);
	g->slots = calloc(slots, sizeof(*g->slots));
	if (!g->slots)
		abort();
	g->mask = slots - 1;
	g->shift = 64;
	for (size_t k = slots; k > 1; k /= 2)
		g->shift--;
	for (size_t i = 0; i < g->n; i++) {
		const kw_ngram *x = &g->e[i];
		size_t j = kw__ngram_slot(g, x->w[0], x->w[1], x->w[2]);
		while (g->slots[j])
			j = (j + 1) & g->mask;
		g->slots[j] = (uint32_t)i + 1;
	}
}

uint32_t kw_ngrams_find(const kw_ngrams *g, uint32_t a, uint32_t b, uint32_t c)
{
	if (!g->slots)
		return KW_NONE;
	for (size_t j = kw__ngram_slot(g, a, b, c);; j = (j + 1) & g->mask) {
		uint32_t i = g->slots[j];
		if (!i)
			return KW_NONE;
		const kw_ngram *x = &g->e[i - 1];
		if (x->w[0] == a && x->w[1] == b && x->w[2] == c)
			return i - 1;
	}
}

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	igt_array_grow(&p, cap, need, size);
	return p;
}

kw_ngram *kw__ngrams_add(kw_ngrams *g, uint32_t a, uint32_t b, uint32_t c, size_t j)
{
	if ((g->n + 1) * 2 > g->mask + 1) {
		rehash(g, (g->mask + 1) * 2);
		j = kw__ngram_slot(g, a, b, c);
		while (g->slots[j])
			j = (j + 1) & g->mask;
	}
	g->e = grow(g->e, &g->cap, g->n + 1, sizeof(*g->e));
	kw_ngram *x = &g->e[g->n];
	*x = (kw_ngram){.w = {a, b, c}};
	g->slots[j] = (uint32_t)++g->n;
	return x;
}

void kw__ngrams_touch(kw_ngrams *g, kw_ngram *x, uint32_t doc)
{
	x->last_doc = doc;
	x->doc_count = 0;
	x->df++;
	g->touched = grow(g->touched, &g->cap_touched, g->n_touched + 1, sizeof(*g->touched));
	g->touched[g->n_touched++] = (uint32_t)(x - g->e);
}

/* Drop the rarest entries until a quarter of max is free. */
static void prune(kw_ngrams *g)
{
	enum { BUCKETS = 64 };
	size_t hist[BUCKETS + 1] = {0};
	for (size_t i = 0; i < g->n; i++)
		hist[g->e[i].count < BUCKETS ? g->e[i].count : BUCKETS]++;
	size_t need = g->n - g->max * 3 / 4, freed = 0;
	uint32_t t = 0;
	while (freed < need && t < BUCKETS)
		freed += hist[++t];
	size_t kept = 0;
	for (size_t i = 0; i < g->n; i++) {
		if (g->e[i].count > t)
			g->e[kept++] = g->e[i];
	}
	g->n = kept;
	if (t > g->floor)
		g->floor = t;
	g->prunes++;
	size_t slots = 4096;
	while (slots < 2 * (g->n + 1))
		slots *= 2;
	rehash(g, slots);
}

int kw_ngrams_end_doc(kw_ngrams *g)
{
	g->n_touched = 0;
	if (g->n <= g->max)
		return 0;
	prune(g);
	return 1;
}

void kw_ngrams_free(kw_ngrams *g)
{
	free(g->e);
	free(g->slots);
	free(g->touched);
	memset(g, 0, sizeof(*g));
}
