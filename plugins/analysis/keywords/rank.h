/* SPDX-License-Identifier: MIT */
/*
 * rank: the end of the run. Once every document is counted the document
 * frequencies are final, so each document's candidates are ranked by
 * TF-IDF, the phrases are chosen by their collocation measure, and both
 * go out as rows of two corpus tables:
 *
 *   "keywords"        one row per document: its top terms and phrases;
 *   "keywords-corpus" the run's top terms, then its top phrases.
 *
 * Phrases: a pair of adjacent counted words (no stopword, number or
 * punctuation between them) is a phrase when it occurs at least
 * min_count times and Dunning's log-likelihood ratio G² of its 2×2 table
 * (this pair, this first word with another, another with this second
 * word, neither) is at least 10.83 (p < 0.001 for one degree of freedom)
 * with more occurrences than chance. A triple is a phrase when both its
 * pairs are, it occurs min_count times, and G² of (first pair, third
 * word) passes the same test; a pair then drops out when at least three
 * quarters of its occurrences are inside that triple ("world internet"
 * in "World Internet Conference").
 */
#ifndef KEYWORDS_RANK_H
#define KEYWORDS_RANK_H

#include <jansson.h>

#include "corpus.h"

#define KW_LLR_MIN 10.83

/* Where rows go: table name and a new row (stolen). 0, or a negative code
 * that stops the ranking and is returned. */
typedef int (*kw_row_fn)(void *payload, const char *table, json_t *row);

/* Dunning's G² for k11 occurrences of a pair whose first word begins r1
 * pairs and whose second word ends c1 pairs, out of n pairs. */
double kw_llr(double k11, double r1, double c1, double n);

/* Rank and emit every row. corpus_top: rows of terms and of phrases in
 * keywords-corpus; min_count: occurrences a phrase needs. */
int kw_rank(kw_corpus *c, size_t corpus_top, size_t min_count, kw_row_fn emit, void *payload);

#endif
