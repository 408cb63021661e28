/* SPDX-License-Identifier: MIT */
/*
 * corpus: counting a document's words and keeping its candidates (see
 * corpus.h). kw_doc_text is the per-token loop: one hash lookup of the
 * token as written (in the language's form cache), then array increments;
 * folding, stopword lookup and stemming run only the first time a written
 * form is met in the run (resolve).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "token.h"

static void *grow_to(void *p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap ? *cap : 64;
	while (c < need)
		c *= 2;
	p = realloc(p, c * size);
	if (!p)
		abort();
	memset((char *)p + *cap * size, 0, (c - *cap) * size);
	*cap = c;
	return p;
}

/* Room for need elements of size bytes in p (*cap of them), the new ones
 * zeroed. The test is inline: the per-token counting calls it. */
static inline void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	return need <= *cap ? p : grow_to(p, cap, need, size);
}

void kw_corpus_init(kw_corpus *c, size_t top, bool phrases, size_t max_ngrams,
                    const kw_stopwords *stop, const kw_stems *stems)
{
	memset(c, 0, sizeof(*c));
	c->top = top;
	c->max_cand = 4 * top;
	c->max_pcand = 3 * top;
	c->phrases = phrases;
	c->stop = stop;
	c->stems = stems;
	kw_ngrams_init(&c->ngrams, max_ngrams);
}

void kw_corpus_free(kw_corpus *c)
{
	for (size_t i = 0; i < c->n_langs; i++)
		kw_lang_free(&c->langs[i]);
	free(c->langs);
	kw_intern_free(&c->term_keys);
	kw_intern_free(&c->disp_keys);
	kw_intern_free(&c->word_keys);
	free(c->words);
	free(c->terms);
	free(c->disps);
	kw_ngrams_free(&c->ngrams);
	free(c->touched);
	free(c->touched_disps);
	free(c->docs);
	free(c->cands);
	free(c->pcands);
	free(c->ids);
	for (size_t i = 0; i < c->cap_disp_json; i++)
		json_decref(c->disp_json[i]);
	for (size_t i = 0; i < c->cap_stem_json; i++)
		json_decref(c->stem_json[i]);
	for (size_t i = 0; i < sizeof(c->small) / sizeof(c->small[0]); i++)
		json_decref(c->small[i]);
	for (size_t i = 0; i < c->cap_tf_json; i++)
		json_decref(c->tf_json[i].obj);
	free(c->disp_json);
	free(c->stem_json);
	free(c->tf_json);
	free(c->scratch);
	free(c->hist);
	memset(c, 0, sizeof(*c));
}

const char *kw_term_key(const kw_corpus *c, uint32_t term)
{
	return kw_intern_key(&c->term_keys, term, NULL);
}

const char *kw_term_stem(const kw_corpus *c, uint32_t term)
{
	const char *k = kw_intern_key(&c->term_keys, term, NULL);
	return strchr(k, ':') + 1;
}

const char *kw_disp_text(const kw_corpus *c, uint32_t disp)
{
	const char *k = kw_intern_key(&c->disp_keys, disp, NULL);
	return strchr(k, ':') + 1;
}

const char *kw_word_key(const kw_corpus *c, uint32_t word)
{
	return kw_intern_key(&c->word_keys, word, NULL);
}

int kw_doc_begin(kw_corpus *c, const char *lang_tag)
{
	char code[8];
	kw_lang_code(lang_tag, code);
	size_t i = 0;
	while (i < c->n_langs && strcmp(c->langs[i].code, code) != 0)
		i++;
	int missing = 0;
	if (i == c->n_langs) {
		c->langs = grow(c->langs, &c->cap_langs, c->n_langs + 1, sizeof(*c->langs));
		missing = kw_lang_init(&c->langs[c->n_langs++], code);
	}
	c->lang = i;
	c->serial++;
	c->tokens = c->kept = 0;
	return missing;
}

/* The id of "code:text" in t, added when new; KW_NONE when too long. */
static uint32_t intern_prefixed(kw_intern *t, const char *code, const char *text, size_t n)
{
	char key[4 * KW_MAX_TOKEN + 24];
	size_t k = strlen(code);
	if (k + 1 + n + 1 > sizeof(key))
		return KW_NONE;
	memcpy(key, code, k);
	key[k] = ':';
	memcpy(key + k + 1, text, n);
	return kw_intern_add(t, key, k + 1 + n);
}

/* The stem of a folded word: the override lists first, then Snowball.
 * Han and Kana bigrams are not stemmed. */
static const char *stem_of(kw_corpus *c, kw_lang *l, int kind, const char *w, size_t n, size_t *len)
{
	*len = n;
	if (kind == KW_TOK_CJK)
		return w;
	const char *s = c->stems ? kw_stems_get(c->stems, l->code, w, n, len) : NULL;
	return s ? s : kw_lang_stem(l, w, n, len);
}

/* The shown form the written form w (n bytes) counts as in language l,
 * or KW_NONE. */
static uint32_t resolve_form(kw_corpus *c, kw_lang *l, const char *w, size_t n)
{
	kw_tokenizer t;
	kw_token tok;
	kw_tok_init(&t, w, n);
	unsigned letters, digits;
	if (!kw_tok_next(&t, &tok))
		return KW_NONE;
	kw_letters(w, n, &letters, &digits);
	if (letters == 0 || (letters == 1 && digits == 0))
		return KW_NONE; /* a number, or one letter */
	char folded[4 * KW_MAX_TOKEN + 8], shown[4 * KW_MAX_TOKEN + 8];
	size_t flen = kw_fold(w, n, tok.ascii, 1, folded, sizeof(folded));
	size_t slen = kw_fold(w, n, tok.ascii, 0, shown, sizeof(shown));
	if (!flen || !slen || kw_stop_has(c->stop, l->code, folded, flen))
		return KW_NONE;
	size_t stem_len;
	const char *stem = stem_of(c, l, tok.kind, folded, flen, &stem_len);
	uint32_t term = intern_prefixed(&c->term_keys, l->code, stem, stem_len);
	uint32_t word = intern_prefixed(&c->word_keys, l->code, folded, flen);
	uint32_t disp = intern_prefixed(&c->disp_keys, l->code, shown, slen);
	if (term == KW_NONE || word == KW_NONE || disp == KW_NONE)
		return KW_NONE;
	c->terms = grow(c->terms, &c->cap_terms, (size_t)term + 1, sizeof(*c->terms));
	c->words = grow(c->words, &c->cap_words, (size_t)word + 1, sizeof(*c->words));
	c->disps = grow(c->disps, &c->cap_disps, (size_t)disp + 1, sizeof(*c->disps));
	c->disps[disp].word = word;
	c->disps[disp].term = term;
	return disp;
}

/* A form met for the first time in language l: resolved and remembered.
 * Out of line: most tokens are forms already met. */
static uint32_t new_form(kw_corpus *c, kw_lang *l, const char *w, size_t n)
{
	uint32_t disp = resolve_form(c, l, w, n);
	kw_intern_put(&l->forms, w, n, disp);
	return disp;
}

/* Count one occurrence of shown form disp. Only its own record is
 * touched: its term's counts are its shown forms' sums, made once a
 * document (pick_doc_disps), not once a word. */
static inline void count_term(kw_corpus *c, uint32_t disp)
{
	kw_disp *d = &c->disps[disp];
	if (d->doc_count++ == 0) {
		c->touched_disps = grow(c->touched_disps, &c->cap_touched_disps,
		                        c->n_touched_disps + 1, sizeof(*c->touched_disps));
		c->touched_disps[c->n_touched_disps++] = disp;
	}
	c->kept++;
}

/* Count the pair (and the triple) that the counted word disp ends, after
 * the counted words *prev1 and *prev2 (KW_NONE: none), which it then
 * becomes. The words' pair counts are kept on the shown forms' records,
 * which counting has just read, and added to the words' once a
 * document. */
static void count_ngrams(kw_corpus *c, uint32_t disp, uint32_t *prev1, uint32_t *prev2)
{
	kw_disp *d = c->disps;
	uint32_t p1 = *prev1, p2 = *prev2, w = d[disp].word;
	if (p1 != KW_NONE) {
		uint32_t w1 = d[p1].word;
		if (w1 == w) { /* "very very": start again */
			*prev2 = KW_NONE;
			return;
		}
		d[p1].doc_pos1++;
		d[disp].doc_pos2++;
		c->pairs++;
		uint32_t ws[3] = {w1, w, KW_NONE}, ds[3] = {p1, disp, KW_NONE};
		kw_ngrams_count(&c->ngrams, ws, ds, c->serial);
		if (p2 != KW_NONE) {
			uint32_t w3[3] = {d[p2].word, w1, w}, d3[3] = {p2, p1, disp};
			kw_ngrams_count(&c->ngrams, w3, d3, c->serial);
		}
	}
	*prev2 = p1;
	*prev1 = disp;
}

/* The shown form token tok of text counts as in language l, or KW_NONE:
 * the table of forms already met, else resolve_form, once a form. */
static inline uint32_t form_of(kw_corpus *c, kw_lang *l, const char *text, const kw_token *tok)
{
	const char *w = text + tok->start;
	size_t n = tok->len;
	uint32_t disp;
	if (tok->headed) /* the fast path's words: no apostrophe */
		return kw_intern_get_short(&l->forms, n, tok->head, &disp) ? disp
		                                                           : new_form(c, l, w, n);
	if (tok->apos && l->elision) {
		size_t cut = kw_lang_elision(l, w, tok->apos - 1u, tok->apos_len);
		w += cut;
		n -= cut;
	}
	return kw_intern_get(&l->forms, w, n, &disp) ? disp : new_form(c, l, w, n);
}

void kw_doc_text(kw_corpus *c, const char *text, size_t len)
{
	kw_lang *l = &c->langs[c->lang];
	kw_tokenizer t;
	kw_token toks[64];
	kw_tok_init(&t, text, len);
	uint32_t prev1 = KW_NONE, prev2 = KW_NONE;
	for (size_t n; (n = kw_tok_batch(&t, toks, sizeof(toks) / sizeof(toks[0]))) > 0;) {
		c->tokens += n;
		for (size_t i = 0; i < n; i++) {
			const kw_token *tok = &toks[i];
			uint32_t disp = form_of(c, l, text, tok);
			if (disp == KW_NONE || tok->brk || tok->kind != KW_TOK_WORD)
				prev1 = prev2 = KW_NONE;
			if (disp == KW_NONE)
				continue;
			count_term(c, disp);
			if (c->phrases && tok->kind == KW_TOK_WORD)
				count_ngrams(c, disp, &prev1, &prev2);
		}
	}
}

/* The document's terms, in the order they were first met (that of their
 * first shown form), their counts and document frequencies; each one's
 * most frequent shown form in the document (the first met on a tie); the
 * words' pair counts and the shown forms' run counts. */
static void pick_doc_disps(kw_corpus *c)
{
	for (size_t i = 0; i < c->n_touched_disps; i++) {
		uint32_t id = c->touched_disps[i];
		kw_disp *d = &c->disps[id];
		kw_term *t = &c->terms[d->term];
		if (t->doc_count == 0) {
			t->df++;
			c->touched = grow(c->touched, &c->cap_touched, c->n_touched + 1,
			                  sizeof(*c->touched));
			c->touched[c->n_touched++] = d->term;
			t->doc_disp = id;
		} else if (d->doc_count > c->disps[t->doc_disp].doc_count) {
			t->doc_disp = id;
		}
		t->doc_count += d->doc_count;
		kw_word *w = &c->words[d->word];
		w->pos1 += d->doc_pos1;
		w->pos2 += d->doc_pos2;
		d->doc_pos1 = d->doc_pos2 = 0;
	}
	for (size_t i = 0; i < c->n_touched_disps; i++) {
		kw_disp *d = &c->disps[c->touched_disps[i]];
		d->cf += d->doc_count;
		d->doc_count = 0;
	}
	c->n_touched_disps = 0;
}

/* Whether a ranks before b: higher score, then higher count, then met
 * first. */
static inline int rank_before(const kw_rank_rec *a, const kw_rank_rec *b)
{
	if (a->score != b->score)
		return a->score > b->score;
	if (a->count != b->count)
		return a->count > b->count;
	return a->order < b->order;
}

int kw_by_score(const void *pa, const void *pb)
{
	const kw_rank_rec *a = pa, *b = pb;
	return rank_before(a, b) ? -1 : rank_before(b, a) ? 1 : 0;
}

double kw_idf(uint32_t docs, uint32_t df)
{
	return log((1.0 + docs) / (1.0 + df)) + 1.0;
}

kw_rank_rec *kw_rank_buffer(kw_corpus *c, size_t n)
{
	if (n * sizeof(kw_rank_rec) > c->scratch_cap) {
		size_t cap = c->scratch_cap ? c->scratch_cap : 4096;
		while (cap < n * sizeof(kw_rank_rec))
			cap *= 2;
		free(c->scratch);
		c->scratch = malloc(cap);
		if (!c->scratch)
			abort();
		c->scratch_cap = cap;
	}
	return c->scratch;
}

/* Heap order for kw_select: the root is the worst record kept. */
static void sift_down(kw_rank_rec *r, size_t n, size_t j)
{
	for (;;) {
		size_t w = j, a = 2 * j + 1, b = a + 1;
		if (a < n && rank_before(&r[w], &r[a]))
			w = a;
		if (b < n && rank_before(&r[w], &r[b]))
			w = b;
		if (w == j)
			return;
		kw_rank_rec tmp = r[j];
		r[j] = r[w];
		r[w] = tmp;
		j = w;
	}
}

/* Insert x into the sorted r[0..m) (room for one more). */
static void insert_sorted(kw_rank_rec *r, size_t m, kw_rank_rec x)
{
	size_t j = m;
	while (j > 0 && rank_before(&x, &r[j - 1])) {
		r[j] = r[j - 1];
		j--;
	}
	r[j] = x;
}

/* Few best of many (a document's ten terms): keep them sorted at the
 * front, the rejected behind them. Most records lose to the worst kept
 * at once, so this is linear in practice. */
static void select_small(kw_rank_rec *r, size_t n, size_t k)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		kw_rank_rec x = r[i];
		if (m < k) {
			insert_sorted(r, m++, x);
		} else if (rank_before(&x, &r[m - 1])) {
			r[i] = r[m - 1];
			insert_sorted(r, m - 1, x);
		}
	}
}

void kw_select(kw_rank_rec *r, size_t n, size_t k)
{
	if (n == 0)
		return;
	if (k > n)
		k = n;
	if (k <= 64) { /* with k == n, an insertion sort, cheaper than qsort's calls */
		select_small(r, n, k);
		return;
	}
	if (k == n) {
		qsort(r, n, sizeof(*r), kw_by_score);
		return;
	}
	for (size_t j = k / 2; j-- > 0;)
		sift_down(r, k, j);
	for (size_t i = k; i < n; i++) {
		if (rank_before(&r[i], &r[0])) {
			kw_rank_rec tmp = r[0];
			r[0] = r[i];
			r[i] = tmp;
			sift_down(r, k, 0);
		}
	}
	qsort(r, k, sizeof(*r), kw_by_score);
}

/* The shared JSON string in slot i of *cache (grown to hold it), made on
 * first use from the key of id i in t, after its "code:"; a new
 * reference. The key is looked up only then: most calls find the string
 * made. The strings are valid UTF-8: they come from the tokeniser, and
 * stems are checked. */
static json_t *shared_string(json_t ***cache, size_t *cap, const kw_intern *t, uint32_t i)
{
	*cache = grow(*cache, cap, (size_t)i + 1, sizeof(**cache));
	if (!(*cache)[i])
		(*cache)[i] = json_string_nocheck(strchr(kw_intern_key(t, i, NULL), ':') + 1);
	return json_incref((*cache)[i]);
}

json_t *kw_json_disp(kw_corpus *c, uint32_t disp)
{
	return shared_string(&c->disp_json, &c->cap_disp_json, &c->disp_keys, disp);
}

json_t *kw_json_count(kw_corpus *c, uint64_t n)
{
	if (n >= sizeof(c->small) / sizeof(c->small[0]))
		return json_integer((json_int_t)n);
	if (!c->small[n])
		c->small[n] = json_integer((json_int_t)n);
	return json_incref(c->small[n]);
}

json_t *kw_json_term(kw_corpus *c, uint32_t disp, uint32_t term, uint64_t count)
{
	json_t *o = json_object();
	json_object_set_new_nocheck(o, "term", kw_json_disp(c, disp));
	json_object_set_new_nocheck(
	    o, "stem", shared_string(&c->stem_json, &c->cap_stem_json, &c->term_keys, term));
	json_object_set_new_nocheck(o, "count", kw_json_count(c, count));
	return o;
}

/* A top_tf entry: a document's top terms by count are mostly small
 * counts of the same shown forms, so the last object made for a shown
 * form is kept and shared while its count stays the same: a reference
 * taken instead of an object and three members built (and freed). */
static json_t *tf_entry(kw_corpus *c, uint32_t disp, uint32_t term, uint64_t count)
{
	c->tf_json = grow(c->tf_json, &c->cap_tf_json, (size_t)disp + 1, sizeof(*c->tf_json));
	kw_tf_json *e = &c->tf_json[disp];
	if (!e->obj || e->count != count) {
		json_decref(e->obj);
		e->obj = kw_json_term(c, disp, term, count);
		e->count = count;
	}
	return json_incref(e->obj);
}

int kw_sort_by_count(kw_corpus *c, kw_rank_rec *r, kw_rank_rec *tmp, size_t n)
{
	uint32_t max = 0;
	for (size_t i = 0; i < n; i++)
		max = r[i].count > max ? r[i].count : max;
	if (max >= 1u << 16)
		return 0;
	c->hist = grow(c->hist, &c->cap_hist, (size_t)max + 1, sizeof(*c->hist));
	memset(c->hist, 0, ((size_t)max + 1) * sizeof(*c->hist));
	for (size_t i = 0; i < n; i++)
		c->hist[r[i].count]++;
	/* Where each count's records begin: after those of higher counts. */
	uint32_t at = 0;
	for (size_t v = (size_t)max + 1; v-- > 0;) {
		uint32_t k = c->hist[v];
		c->hist[v] = at;
		at += k;
	}
	for (size_t i = 0; i < n; i++) /* in order: ties stay in it */
		tmp[c->hist[r[i].count]++] = r[i];
	if (n) /* r and tmp may be NULL then, which memcpy does not allow */
		memcpy(r, tmp, n * sizeof(*r));
	return 1;
}

static void add_cand(kw_corpus *c, uint32_t term)
{
	const kw_term *t = &c->terms[term];
	c->cands = grow(c->cands, &c->cap_cands, c->n_cands + 1, sizeof(*c->cands));
	c->cands[c->n_cands++] = (kw_cand){term, t->doc_count, t->doc_disp};
}

/* The document's candidate terms: the best 2 × top by count, then the best
 * 2 × top of the others by count × IDF as known so far. Returns the
 * metrics' top_tf list (the first top by count). */
static json_t *pick_terms(kw_corpus *c, kw_docrec *rec)
{
	size_t n = c->n_touched;
	kw_rank_rec *r = kw_rank_buffer(c, 2 * n);
	for (size_t i = 0; i < n; i++) {
		const kw_term *t = &c->terms[c->touched[i]];
		r[i] = (kw_rank_rec){t->doc_count, t->doc_count, (uint32_t)i, c->touched[i]};
	}
	size_t by_count = c->max_cand / 2 < n ? c->max_cand / 2 : n;
	if (!kw_sort_by_count(c, r, r + n, n))
		kw_select(r, n, by_count);
	json_t *top = json_array();
	for (size_t i = 0; i < by_count && i < c->top; i++) {
		const kw_term *t = &c->terms[r[i].index];
		json_array_append_new(top, tf_entry(c, t->doc_disp, r[i].index, r[i].count));
	}
	rec->cand = c->n_cands;
	for (size_t i = 0; i < by_count; i++)
		add_cand(c, r[i].index);
	kw_rank_rec *rest = r + by_count;
	size_t n_rest = n - by_count, more = c->max_cand - by_count;
	for (size_t i = 0; i < n_rest; i++)
		rest[i].score =
		    rest[i].count * kw_idf_cached(c, c->serial, c->terms[rest[i].index].df);
	kw_select(rest, n_rest, more);
	for (size_t i = 0; i < n_rest && i < more; i++)
		add_cand(c, rest[i].index);
	rec->n_cand = c->n_cands - rec->cand;
	return top;
}

/* The document's candidate n-grams: the most frequent in it, then the
 * most frequent in the run so far. */
static void pick_ngrams(kw_corpus *c, kw_docrec *rec)
{
	const kw_ngrams *g = &c->ngrams;
	size_t n = g->n_touched;
	kw_rank_rec *r = kw_rank_buffer(c, n);
	for (size_t i = 0; i < n; i++) {
		const kw_ngram *x = &g->e[g->touched[i]];
		r[i] = (kw_rank_rec){x->doc_count, x->count, (uint32_t)i, g->touched[i]};
	}
	kw_select(r, n, c->max_pcand);
	rec->pcand = c->n_pcands;
	for (size_t i = 0; i < n && i < c->max_pcand; i++) {
		const kw_ngram *x = &g->e[r[i].index];
		c->pcands = grow(c->pcands, &c->cap_pcands, c->n_pcands + 1, sizeof(*c->pcands));
		c->pcands[c->n_pcands++] = (kw_pcand){{x->w[0], x->w[1], x->w[2]}, x->doc_count};
	}
	rec->n_pcand = c->n_pcands - rec->pcand;
}

static size_t keep_id(kw_corpus *c, const char *id)
{
	if (!id)
		return SIZE_MAX;
	size_t n = strlen(id) + 1, off = c->ids_len;
	if (off + n > c->ids_cap) {
		size_t cap = c->ids_cap ? c->ids_cap : 4096;
		while (cap < off + n)
			cap *= 2;
		c->ids = realloc(c->ids, cap);
		if (!c->ids)
			abort();
		c->ids_cap = cap;
	}
	memcpy(c->ids + off, id, n);
	c->ids_len += n;
	return off;
}

json_t *kw_doc_end(kw_corpus *c, const char *doc_id)
{
	pick_doc_disps(c);
	c->docs = grow(c->docs, &c->cap_docs, c->n_docs + 1, sizeof(*c->docs));
	kw_docrec *rec = &c->docs[c->n_docs++];
	*rec = (kw_docrec){.id = keep_id(c, doc_id), .lang = (uint32_t)c->lang, .kept = c->kept};
	json_t *top = pick_terms(c, rec);
	pick_ngrams(c, rec);
	for (size_t i = 0; i < c->n_touched; i++) {
		kw_term *t = &c->terms[c->touched[i]];
		t->cf += t->doc_count;
		t->doc_count = 0;
	}
	const char *algorithm = c->langs[c->lang].algorithm;
	json_t *m = json_object();
	json_object_set_new_nocheck(m, "stemmer",
	                            algorithm ? json_string_nocheck(algorithm) : json_null());
	json_object_set_new_nocheck(m, "tokens", json_integer((json_int_t)c->tokens));
	json_object_set_new_nocheck(m, "counted", json_integer((json_int_t)c->kept));
	json_object_set_new_nocheck(m, "terms", json_integer((json_int_t)c->n_touched));
	json_object_set_new_nocheck(m, "top_tf", top);
	c->total_kept += c->kept;
	c->n_touched = 0;
	kw_ngrams_end_doc(&c->ngrams);
	return m;
}
