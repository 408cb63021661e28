/* SPDX-License-Identifier: MIT */
/*
 * corpus: what the keywords plugin counts, and keeps until the end of the
 * run.
 *
 * Three levels of a counted word: the shown form (as written, NFC:
 * "Governments"), the word (case-folded, before stemming: "governments")
 * and the term (stemmed: "en:government"). Terms are ranked; phrases are
 * made of words; both are shown by their most frequent written form.
 *
 * Per document, while it is read: each shown form's count and the counted
 * pairs its word begins and ends (arrays indexed by id, reset through the
 * list of shown forms the document touched), and the pairs and triples of
 * adjacent counted words (ngram.h). A word costs one record so; each
 * term's count is the sum of its shown forms', made at the end of the
 * document.
 *
 * For the whole run: per term, its documents and occurrences; per word,
 * how often it begins or ends a counted pair; per shown form, its
 * occurrences; the bounded n-gram table. Per document, only what finish needs to rank it
 * once the document frequencies are known: its id, its number of counted
 * words, and its candidates, at most 4 × top terms (half the best by
 * count, half the best by TF-IDF with the document frequencies seen so
 * far) and 3 × top n-grams (the most frequent in it). That is about 1 KB a
 * document with top 10, plus memory proportional to the vocabulary: never
 * to the text.
 */
#ifndef KEYWORDS_CORPUS_H
#define KEYWORDS_CORPUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

#include "intern.h"
#include "lang.h"
#include "ngram.h"
#include "stopwords.h"

#define KW_IDF_CACHE 1024 /* document frequencies whose idf is remembered */

typedef struct kw_term {
	uint64_t cf;        /* occurrences in the run */
	uint32_t df;        /* documents */
	uint32_t doc_count; /* occurrences in the current document */
	uint32_t doc_disp;  /* its most frequent shown form in the current document */
	uint32_t disp;      /* its most frequent shown form in the run (set by finish) */
} kw_term;

/* A word before stemming (case-folded): what phrases are made of, so that
 * "developing countries" and "developed countries" stay two phrases. */
typedef struct kw_word {
	uint64_t pos1; /* first word of a counted pair */
	uint64_t pos2; /* second word of a counted pair */
} kw_word;

/* A shown form: the word as written, NFC, case kept ("Internet"). */
typedef struct kw_disp {
	uint64_t cf;
	uint32_t word;
	uint32_t term;
	uint32_t doc_count;
	uint32_t doc_pos1, doc_pos2; /* its word's counted pairs in the current document */
} kw_disp;

/* A document's candidate term and n-gram. */
typedef struct kw_cand {
	uint32_t term, count, disp;
} kw_cand;

typedef struct kw_pcand {
	uint32_t w[3]; /* word ids */
	uint32_t count;
} kw_pcand;

typedef struct kw_docrec {
	size_t id;             /* offset of its id in the id arena; SIZE_MAX: none */
	uint32_t lang;         /* index into langs */
	uint64_t kept;         /* counted words */
	size_t cand, n_cand;   /* its candidates in cands */
	size_t pcand, n_pcand; /* its n-grams in pcands */
} kw_docrec;

/* A top_tf entry {"term", "stem", "count"} made once and shared by every
 * document where the shown form has that count (nobody changes it; the
 * document writer copies shared containers). */
typedef struct kw_tf_json {
	json_t *obj;
	uint64_t count;
} kw_tf_json;

typedef struct kw_corpus {
	size_t top, max_cand, max_pcand;
	bool phrases;
	const kw_stopwords *stop;
	kw_lang *langs;
	size_t n_langs, cap_langs;
	size_t lang; /* of the current document */

	const kw_stems *stems;
	kw_intern term_keys; /* "en:govern" */
	kw_term *terms;
	size_t cap_terms;
	kw_intern word_keys; /* "en:governing" */
	kw_word *words;
	size_t cap_words;
	kw_intern disp_keys; /* "en:governance" */
	kw_disp *disps;
	size_t cap_disps;
	kw_ngrams ngrams;
	uint64_t pairs; /* counted pairs: the n of the collocation measure */

	/* the current document */
	uint32_t serial; /* 1, 2, …: its number in the run */
	uint32_t *touched, *touched_disps;
	size_t n_touched, cap_touched, n_touched_disps, cap_touched_disps;
	uint64_t tokens, kept;

	/* kept for finish */
	kw_docrec *docs;
	size_t n_docs, cap_docs;
	kw_cand *cands;
	size_t n_cands, cap_cands;
	kw_pcand *pcands;
	size_t n_pcands, cap_pcands;
	char *ids;
	size_t ids_len, ids_cap;
	uint64_t total_kept;
	json_t **disp_json; /* per shown form: its text as JSON, made on first use */
	size_t cap_disp_json;
	json_t **stem_json; /* per term: its stem as JSON */
	size_t cap_stem_json;
	json_t *small[256];  /* counts 0-255 as JSON */
	kw_tf_json *tf_json; /* per shown form: its last top_tf entry, shared */
	size_t cap_tf_json;
	double idf_of[KW_IDF_CACHE];     /* kw_idf(idf_docs[df], df) */
	uint32_t idf_docs[KW_IDF_CACHE]; /* 0: not computed */
	uint32_t *hist;                  /* for kw_sort_by_count */
	size_t cap_hist;
	void *scratch;      /* for sorting */
	size_t scratch_cap; /* bytes */
} kw_corpus;

void kw_corpus_init(kw_corpus *c, size_t top, bool phrases, size_t max_ngrams,
                    const kw_stopwords *stop, const kw_stems *stems);
void kw_corpus_free(kw_corpus *c);

/* Start a document in the language of a BCP 47 tag (NULL: English).
 * Returns 1 when that language's stemmer is missing from libstemmer (the
 * first time only), so the caller can warn. */
int kw_doc_begin(kw_corpus *c, const char *lang_tag);
/* Count one segment's text (or the title); phrases never span two. */
void kw_doc_text(kw_corpus *c, const char *text, size_t len);
/* End the document: keep its candidates for finish and return its
 * metrics object {"stemmer", "tokens", "counted", "terms", "top_tf"}. */
json_t *kw_doc_end(kw_corpus *c, const char *doc_id);

/* A term or n-gram being ranked: by score, then count, then first
 * occurrence (order), all descending but order. */
typedef struct kw_rank_rec {
	double score;
	uint32_t count;
	uint32_t order;
	uint32_t index;
} kw_rank_rec;
int kw_by_score(const void *a, const void *b);
/* Put the best k of n records first, in order (the others follow in no
 * order): O(n log k), for the few best of many. */
void kw_select(kw_rank_rec *r, size_t n, size_t k);
/* Sort r[0..n), whose scores are their counts and whose orders rise,
 * by count, highest first, then by order, through tmp (room for n): a
 * counting sort, linear, where kw_select sorts the best by insertion; the
 * same order as kw_select's. 0, r unchanged, when a count is too high
 * for it. */
int kw_sort_by_count(kw_corpus *c, kw_rank_rec *r, kw_rank_rec *tmp, size_t n);
/* A {"term": shown form disp, "stem": of term, "count"} object. The
 * strings and small numbers are JSON values made once and shared (jansson
 * counts references; nobody changes them): a document's ten terms cost
 * ten objects, not forty values. */
json_t *kw_json_term(kw_corpus *c, uint32_t disp, uint32_t term, uint64_t count);
/* Shared JSON values: a shown form's text, a count. */
json_t *kw_json_disp(kw_corpus *c, uint32_t disp);
json_t *kw_json_count(kw_corpus *c, uint64_t n);
/* Room for n records, reused (borrowed until the next call). */
kw_rank_rec *kw_rank_buffer(kw_corpus *c, size_t n);

/* The smoothed inverse document frequency, ln((1 + docs) / (1 + df)) + 1
 * (as scikit-learn's smooth_idf): never below 1, so in a run of one
 * document, or for a word in every document, TF-IDF falls back to TF
 * instead of 0. */
double kw_idf(uint32_t docs, uint32_t df);
/* kw_idf, remembered for small df while docs stays the same: a document's
 * terms, and the ranking at the end, ask for few distinct values, and a
 * logarithm each time was a tenth of the end of a document. Inline: it
 * runs for each of a document's terms. */
static inline double kw_idf_cached(kw_corpus *c, uint32_t docs, uint32_t df)
{
	if (df >= KW_IDF_CACHE)
		return kw_idf(docs, df);
	if (c->idf_docs[df] != docs) {
		c->idf_of[df] = kw_idf(docs, df);
		c->idf_docs[df] = docs;
	}
	return c->idf_of[df];
}

/* The comparison key of a term ("en:govern") and its stem ("govern"). */
const char *kw_term_key(const kw_corpus *c, uint32_t term);
const char *kw_term_stem(const kw_corpus *c, uint32_t term);
/* A shown form's text ("governance"). */
const char *kw_disp_text(const kw_corpus *c, uint32_t disp);
/* A word's comparison key ("en:developing") and the word ("developing"). */
const char *kw_word_key(const kw_corpus *c, uint32_t word);

#endif
