/* SPDX-License-Identifier: MIT */
/*
 * ngram: counts of the word pairs and triples that phrases are made of, over the whole run:
 * occurrences, documents, and the count in the current document. Entries live in a dense array (a
 * hash table of indexes points into it), so an entry keeps its index while a document is counted
 * and the document can list what it touched.
 *
 * The table is bounded: when a document ends with more than max entries,
 * the rarest are dropped (those seen once, then twice … until a quarter
 * of the room is free), as in lossy counting. A pair dropped and met
 * again starts from zero, so a count may be low by at most the highest
 * count ever dropped (floor); phrases need min_count occurrences, and the
 * pairs that reach it in a large run are the frequent ones, which are
 * kept. Within one document the table may pass max (a document is
 * counted whole): memory is then bounded by the largest document.
 */
#ifndef KEYWORDS_NGRAM_H
#define KEYWORDS_NGRAM_H

#include <stddef.h>
#include <stdint.h>

typedef struct kw_ngram {
	uint32_t w[3];      /* word ids; w[2] is KW_NONE for a pair */
	uint32_t count;     /* occurrences in the run */
	uint32_t df;        /* documents */
	uint32_t doc_count; /* occurrences in the current document */
	uint32_t last_doc;  /* the document (serial) that last counted it */
	/* How it is written most often (case differs between occurrences):
	 * the shown forms of its words, chosen by the Boyer-Moore majority
	 * vote, which finds the form written in more than half of the
	 * occurrences in constant memory. */
	uint32_t disp[3];
	uint32_t votes;
} kw_ngram;

typedef struct kw_ngrams {
	kw_ngram *e;
	size_t n, cap;
	uint32_t *slots; /* index + 1; 0: empty */
	size_t mask;
	unsigned shift; /* 64 - log2(slots): a hash shifted right by it is a slot */
	uint32_t *touched; /* entries the current document counted, first time order */
	size_t n_touched, cap_touched;
	size_t max;
	uint32_t floor;
	size_t prunes;
} kw_ngrams;

void kw_ngrams_init(kw_ngrams *g, size_t max);
/* The index of (a, b, c), or KW_NONE. */
uint32_t kw_ngrams_find(const kw_ngrams *g, uint32_t a, uint32_t b, uint32_t c);
/* The end of a document: forget its touched list, prune when over max.
 * Returns 1 when it pruned. */
int kw_ngrams_end_doc(kw_ngrams *g);
void kw_ngrams_free(kw_ngrams *g);

/* The home slot of (a, b, c): the top bits of a multiplicative hash. */
static inline size_t kw__ngram_slot(const kw_ngrams *g, uint32_t a, uint32_t b, uint32_t c)
{
	uint64_t h = ((uint64_t)a << 32 | b) * 0x9e3779b97f4a7c15ull ^ (c + 1ull) * 0xbf58476d1ce4e5b9ull;
	return (size_t)(h >> g->shift);
}

/* A new entry for (a, b, c), whose empty slot is j (the table grows first
 * when it would pass half full). */
kw_ngram *kw__ngrams_add(kw_ngrams *g, uint32_t a, uint32_t b, uint32_t c, size_t j);
/* The first occurrence of x in document doc: its document counts, and
 * the document's list of entries. */
void kw__ngrams_touch(kw_ngrams *g, kw_ngram *x, uint32_t doc);

/*
 * Count one occurrence of words w (w[2] KW_NONE for a pair), written as
 * the shown forms disp, in document doc (a serial > 0). Inline, with the
 * table's own kw__ helpers below: it runs once or twice a counted word,
 * and the call cost a third of it.
 */
static inline void kw_ngrams_count(kw_ngrams *g, const uint32_t w[3], const uint32_t disp[3],
                                   uint32_t doc)
{
	uint32_t a = w[0], b = w[1], c = w[2];
	kw_ngram *x;
	for (size_t j = kw__ngram_slot(g, a, b, c);; j = (j + 1) & g->mask) {
		uint32_t i = g->slots[j];
		if (!i) {
			x = kw__ngrams_add(g, a, b, c, j);
			break;
		}
		x = &g->e[i - 1];
		if (x->w[0] == a && x->w[1] == b && x->w[2] == c)
			break;
	}
	if (x->last_doc != doc)
		kw__ngrams_touch(g, x, doc);
	x->doc_count++;
	x->count++;
	/* The majority vote on the written form. */
	if (x->votes &&
	    (x->disp[0] != disp[0] || x->disp[1] != disp[1] || x->disp[2] != disp[2])) {
		x->votes--;
		return;
	}
	if (!x->votes) {
		x->disp[0] = disp[0];
		x->disp[1] = disp[1];
		x->disp[2] = disp[2];
	}
	x->votes++;
}

#endif
