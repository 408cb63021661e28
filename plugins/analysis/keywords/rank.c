/* SPDX-License-Identifier: MIT */
/*
 * rank: TF-IDF ranking, phrases and the corpus tables (see rank.h).
 * Everything here runs once, in finish, over the vocabulary, the n-gram
 * table and the candidates kept per document: no text is read again.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <igtext/igtext.h>

#include "rank.h"

/* A phrase verdict per n-gram entry. */
typedef struct phrase_info {
	double llr;
	unsigned char ok;
} phrase_info;

/* Scores to six significant digits: enough to rank, shorter to print. */
static double sig6(double x)
{
	if (x == 0 || !isfinite(x))
		return x;
	double scale = pow(10.0, 5 - floor(log10(fabs(x))));
	return round(x * scale) / scale;
}

static double xlnx(double k, double expected)
{
	return k > 0 ? k * log(k / expected) : 0.0;
}

double kw_llr(double k11, double r1, double c1, double n)
{
	if (k11 > r1)
		r1 = k11;
	if (k11 > c1)
		c1 = k11;
	double k12 = r1 - k11, k21 = c1 - k11, k22 = n - r1 - c1 + k11;
	if (k22 < 0)
		k22 = 0;
	double r2 = k21 + k22, c2 = k12 + k22;
	n = k11 + k12 + k21 + k22;
	if (n <= 0)
		return 0.0;
	return 2.0 * (xlnx(k11, r1 * c1 / n) + xlnx(k12, r1 * c2 / n) + xlnx(k21, r2 * c1 / n) +
	              xlnx(k22, r2 * c2 / n));
}

/* G² of k11 with more occurrences than chance, or 0. */
static double association(double k11, double r1, double c1, double n)
{
	if (k11 * n <= r1 * c1)
		return 0.0;
	return kw_llr(k11, r1, c1, n);
}

static phrase_info *find_phrases(kw_corpus *c, size_t min_count)
{
	const kw_ngrams *g = &c->ngrams;
	phrase_info *p = calloc(g->n ? g->n : 1, sizeof(*p));
	if (!p)
		abort();
	double n = (double)c->pairs;
	for (size_t i = 0; i < g->n; i++) { /* pairs */
		const kw_ngram *x = &g->e[i];
		if (x->w[2] != KW_NONE || x->count < min_count)
			continue;
		p[i].llr = association(x->count, (double)c->words[x->w[0]].pos1,
		                       (double)c->words[x->w[1]].pos2, n);
		p[i].ok = p[i].llr >= KW_LLR_MIN;
	}
	for (size_t i = 0; i < g->n; i++) { /* triples, on the pairs' verdicts */
		const kw_ngram *x = &g->e[i];
		if (x->w[2] == KW_NONE || x->count < min_count)
			continue;
		uint32_t ab = kw_ngrams_find(g, x->w[0], x->w[1], KW_NONE);
		uint32_t bc = kw_ngrams_find(g, x->w[1], x->w[2], KW_NONE);
		if (ab == KW_NONE || bc == KW_NONE || !p[ab].ok || !p[bc].ok)
			continue;
		p[i].llr = association(x->count, g->e[ab].count, (double)c->words[x->w[2]].pos2, n);
		p[i].ok = p[i].llr >= KW_LLR_MIN ? 2 : 0;
	}
	for (size_t i = 0; i < g->n; i++) { /* pairs mostly inside a triple */
		const kw_ngram *x = &g->e[i];
		if (p[i].ok != 2)
			continue;
		uint32_t sub[2] = {kw_ngrams_find(g, x->w[0], x->w[1], KW_NONE),
		                   kw_ngrams_find(g, x->w[1], x->w[2], KW_NONE)};
		for (size_t k = 0; k < 2; k++) {
			if ((uint64_t)x->count * 4 >= (uint64_t)g->e[sub[k]].count * 3)
				p[sub[k]].ok = 0;
		}
	}
	return p;
}

/* Each term's most frequent shown form in the run (the first met on a
 * tie). */
static void pick_disps(kw_corpus *c)
{
	for (uint32_t t = 0; t < c->term_keys.n; t++)
		c->terms[t].disp = KW_NONE;
	for (uint32_t d = 0; d < c->disp_keys.n; d++) {
		kw_term *t = &c->terms[c->disps[d].term];
		if (t->disp == KW_NONE || c->disps[d].cf > c->disps[t->disp].cf)
			t->disp = d;
	}
}

/* A phrase as written most often, or its id ("en:" and its case-folded
 * words), words joined by spaces, into b. */
static void phrase_text(const kw_corpus *c, const kw_ngram *x, int id, igt_buf *b)
{
	igt_buf_reset(b);
	for (size_t k = 0; k < 3 && x->w[k] != KW_NONE; k++) {
		const char *s = id ? kw_word_key(c, x->w[k]) : kw_disp_text(c, x->disp[k]);
		if (k) {
			igt_buf_addc(b, ' ');
			if (id)
				s = strchr(s, ':') + 1; /* the language only once */
		}
		igt_buf_add(b, s, strlen(s));
	}
}

static json_t *doc_terms(kw_corpus *c, const kw_docrec *d)
{
	const kw_cand *cand = c->cands + d->cand;
	kw_rank_rec *r = kw_rank_buffer(c, d->n_cand);
	for (size_t i = 0; i < d->n_cand; i++) {
		double tf = (double)cand[i].count / (double)d->kept;
		r[i] = (kw_rank_rec){
		    tf * kw_idf_cached(c, (uint32_t)c->n_docs, c->terms[cand[i].term].df),
		    cand[i].count, (uint32_t)i, (uint32_t)i};
	}
	kw_select(r, d->n_cand, c->top);
	json_t *list = json_array();
	for (size_t i = 0; i < d->n_cand && i < c->top; i++) {
		const kw_cand *x = &cand[r[i].index];
		json_t *o = kw_json_term(c, x->disp, x->term, x->count);
		json_object_set_new_nocheck(o, "score", json_real(sig6(r[i].score)));
		json_array_append_new(list, o);
	}
	return list;
}

static json_t *doc_phrases(kw_corpus *c, const kw_docrec *d, const phrase_info *p, igt_buf *b)
{
	const kw_pcand *cand = c->pcands + d->pcand;
	kw_rank_rec *r = kw_rank_buffer(c, d->n_pcand);
	size_t n = 0;
	for (size_t i = 0; i < d->n_pcand; i++) {
		uint32_t e = kw_ngrams_find(&c->ngrams, cand[i].w[0], cand[i].w[1], cand[i].w[2]);
		if (e == KW_NONE || !p[e].ok)
			continue;
		double tf = (double)cand[i].count / (double)d->kept;
		r[n++] =
		    (kw_rank_rec){tf * kw_idf_cached(c, (uint32_t)c->n_docs, c->ngrams.e[e].df),
		                  cand[i].count, (uint32_t)i, e};
	}
	kw_select(r, n, c->top);
	json_t *list = json_array();
	for (size_t i = 0; i < n && i < c->top; i++) {
		const kw_pcand *x = &cand[r[i].order];
		phrase_text(c, &c->ngrams.e[r[i].index], 0, b);
		json_t *o = json_object();
		json_object_set_new_nocheck(o, "phrase", json_string_nocheck(b->data));
		json_object_set_new_nocheck(o, "count", kw_json_count(c, x->count));
		json_object_set_new_nocheck(o, "score", json_real(sig6(r[i].score)));
		json_array_append_new(list, o);
	}
	return list;
}

static int doc_rows(kw_corpus *c, const phrase_info *p, kw_row_fn emit, void *payload)
{
	igt_buf b = {0};
	int rc = 0;
	for (size_t i = 0; i < c->n_docs && !rc; i++) {
		const kw_docrec *d = &c->docs[i];
		json_t *row = json_object();
		json_object_set_new(row, "doc_id",
		                    d->id == SIZE_MAX ? json_null() : json_string(c->ids + d->id));
		json_object_set_new(row, "terms", doc_terms(c, d));
		json_object_set_new(row, "phrases", doc_phrases(c, d, p, &b));
		rc = emit(payload, "keywords", row);
	}
	igt_buf_free(&b);
	return rc;
}

static int corpus_terms(kw_corpus *c, size_t corpus_top, kw_row_fn emit, void *payload)
{
	size_t n = c->term_keys.n;
	kw_rank_rec *r = kw_rank_buffer(c, n);
	for (size_t t = 0; t < n; t++) {
		double tf = c->total_kept ? (double)c->terms[t].cf / (double)c->total_kept : 0.0;
		uint64_t cf = c->terms[t].cf;
		r[t] = (kw_rank_rec){tf * kw_idf_cached(c, (uint32_t)c->n_docs, c->terms[t].df),
		                     cf > UINT32_MAX ? UINT32_MAX : (uint32_t)cf, (uint32_t)t,
		                     (uint32_t)t};
	}
	kw_select(r, n, corpus_top);
	int rc = 0;
	for (size_t i = 0; i < n && i < corpus_top && !rc; i++) {
		const kw_term *t = &c->terms[r[i].index];
		json_t *row =
		    json_pack("{s:s,s:s,s:s,s:b,s:I,s:I,s:f}", "id", kw_term_key(c, r[i].index),
		              "term", kw_disp_text(c, t->disp), "stem", kw_term_stem(c, r[i].index),
		              "phrase", 0, "documents", (json_int_t)t->df, "count",
		              (json_int_t)t->cf, "score", sig6(r[i].score));
		rc = emit(payload, "keywords-corpus", row);
	}
	return rc;
}

static int corpus_phrases(kw_corpus *c, const phrase_info *p, size_t corpus_top, kw_row_fn emit,
                          void *payload)
{
	const kw_ngrams *g = &c->ngrams;
	kw_rank_rec *r = kw_rank_buffer(c, g->n);
	size_t n = 0;
	for (size_t i = 0; i < g->n; i++) {
		if (p[i].ok)
			r[n++] = (kw_rank_rec){p[i].llr, g->e[i].count, (uint32_t)i, (uint32_t)i};
	}
	kw_select(r, n, corpus_top);
	igt_buf b = {0};
	int rc = 0;
	for (size_t i = 0; i < n && i < corpus_top && !rc; i++) {
		const kw_ngram *x = &g->e[r[i].index];
		phrase_text(c, x, 1, &b);
		json_t *row = json_pack("{s:s}", "id", b.data);
		phrase_text(c, x, 0, &b);
		json_object_set_new(row, "term", json_string(b.data));
		json_object_set_new(row, "phrase", json_true());
		json_object_set_new(row, "documents", json_integer((json_int_t)x->df));
		json_object_set_new(row, "count", json_integer((json_int_t)x->count));
		json_object_set_new(row, "score", json_real(sig6(p[r[i].index].llr)));
		rc = emit(payload, "keywords-corpus", row);
	}
	igt_buf_free(&b);
	return rc;
}

int kw_rank(kw_corpus *c, size_t corpus_top, size_t min_count, kw_row_fn emit, void *payload)
{
	pick_disps(c);
	phrase_info *p = find_phrases(c, min_count ? min_count : 1);
	int rc = doc_rows(c, p, emit, payload);
	if (!rc)
		rc = corpus_terms(c, corpus_top, emit, payload);
	if (!rc)
		rc = corpus_phrases(c, p, corpus_top, emit, payload);
	free(p);
	return rc;
}
