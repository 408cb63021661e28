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
	uint32_t *touched; /* entries the current document counted, first time order */
	size_t n_touched, cap_touched;
	size_t max;
	uint32_t floor;
	size_t prunes;
} kw_ngrams;

void kw_ngrams_init(kw_ngrams *g, size_t max);
/* Count one occurrence of words w (w[2] KW_NONE for a pair), written as
 * the shown forms disp, in document doc (a serial > 0). */
void kw_ngrams_count(kw_ngrams *g, const uint32_t w[3], const uint32_t disp[3], uint32_t doc);
/* The index of (a, b, c), or KW_NONE. */
uint32_t kw_ngrams_find(const kw_ngrams *g, uint32_t a, uint32_t b, uint32_t c);
/* The end of a document: forget its touched list, prune when over max.
 * Returns 1 when it pruned. */
int kw_ngrams_end_doc(kw_ngrams *g);
void kw_ngrams_free(kw_ngrams *g);

#endif
