/* SPDX-License-Identifier: MIT */
/*
 * learn: acronyms defined in a document (see learn.h).
 *
 * The acronym's letters are read off the long name's words in order: each
 * significant word gives one letter or more (a prefix of it: ISOC is
 * Internet SOCiety), small words (of, the, for, and, de, …) and the later
 * parts of hyphenated words may give none, and a part of the acronym
 * written as a word (CCWG-Accountability) may skip words before it. The
 * search is tiny (an acronym, a dozen words) and bounded by a step count.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "learn.h"

#define MAX_PARTS 48
#define MAX_UNITS 24
#define MAX_WORDS 16
#define LOOKBACK  400

typedef struct part {
	const char *p;
	size_t n;
	bool first; /* the first part of a word (not after a hyphen) */
	bool stop;  /* a small word */
} part;

typedef struct unit {
	char c;           /* a letter */
	const char *word; /* or a whole word (CCWG-Accountability) */
	size_t n;
} unit;

/* The small words, by length: a word is compared only with those of its
 * length, and most words are longer than four letters. */
static bool is_stopword(const char *p, size_t n)
{
	static const char *const stop[5][16] = {
	    {NULL},
	    {"a", "y", "&", NULL},
	    {"of", "on", "de", "du", "la", "le", "in", "to", "an", "at", "by", "et", NULL},
	    {"the", "for", "and", "des", "del", "der", "und", NULL},
	    {"with", NULL},
	};
	if (n >= sizeof(stop) / sizeof(*stop))
		return false;
	for (size_t i = 0; stop[n][i]; i++) {
		if (strncasecmp(stop[n][i], p, n) == 0)
			return true;
	}
	return false;
}

static size_t acronym_units(const char *a, size_t n, unit *u)
{
	size_t nu = 0, upper = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && a[j] != '-')
			j++;
		bool word = j - i >= 3 && isupper((unsigned char)a[i]);
		for (size_t k = i + 1; word && k < j; k++)
			word = islower((unsigned char)a[k]);
		if (word && i > 0) { /* a word part, never the first */
			if (nu == MAX_UNITS)
				return 0;
			u[nu++] = (unit){.word = a + i, .n = j - i};
		} else {
			for (size_t k = i; k < j; k++) {
				unsigned char c = (unsigned char)a[k];
				if (c == '&' || c == '.')
					continue;
				if (!isalpha(c) || nu == MAX_UNITS)
					return 0;
				upper += isupper(c) != 0;
				u[nu++] = (unit){.c = (char)c};
			}
		}
		i = j + 1;
	}
	return upper >= 2 ? nu : 0;
}

static bool skippable(const part *p)
{
	return !p->first || p->stop;
}

static bool rec(const unit *u, size_t nu, size_t ui, const part *p, size_t np, size_t pi,
                unsigned *steps)
{
	if (++*steps > 20000)
		return false;
	if (ui == nu) {
		for (; pi < np; pi++) {
			if (!skippable(&p[pi]))
				return false;
		}
		return true;
	}
	if (pi == np)
		return false;
	if (u[ui].word) {
		if (p[pi].n == u[ui].n && strncasecmp(p[pi].p, u[ui].word, p[pi].n) == 0 &&
		    rec(u, nu, ui + 1, p, np, pi + 1, steps))
			return true;
		return rec(u, nu, ui, p, np, pi + 1, steps);
	}
	for (size_t k = 1; ui + k <= nu && !u[ui + k - 1].word && k <= p[pi].n; k++) {
		if (tolower((unsigned char)p[pi].p[k - 1]) !=
		    tolower((unsigned char)u[ui + k - 1].c))
			break;
		if (rec(u, nu, ui + k, p, np, pi + 1, steps))
			return true;
	}
	return skippable(&p[pi]) && rec(u, nu, ui, p, np, pi + 1, steps);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A word that ends a sentence or clause: the long name cannot cross it. */
static bool is_barrier(const char *w, size_t n)
{
	static const char barriers[] = ",;:.!?()\""; /* and its NUL, as strchr finds it */
	return memchr(barriers, w[n - 1], sizeof(barriers)) || w[0] == '(' || memchr(w, '"', n);
}

/* Split s into parts; *nwords is the number of words. For backward, only
 * the words after the last barrier, at most MAX_WORDS of them. */
static size_t split_parts(const char *s, size_t len, bool backward, part *out, size_t *nwords)
{
	const char *w[MAX_WORDS * 4];
	size_t wn[MAX_WORDS * 4], n = 0, np = 0;
	for (size_t i = 0; i < len;) {
		while (i < len && is_space(s[i]))
			i++;
		size_t j = i;
		while (j < len && !is_space(s[j]))
			j++;
		if (j == i)
			break;
		if (backward && is_barrier(s + i, j - i))
			n = 0;
		else if (n < MAX_WORDS * 4) {
			w[n] = s + i;
			wn[n++] = j - i;
		} else
			return 0; /* forward: too long to be a name */
		i = j;
	}
	size_t from = backward && n > MAX_WORDS ? n - MAX_WORDS : 0;
	for (size_t k = from; k < n; k++) {
		for (size_t i = 0, first = 1; i < wn[k]; first = 0) {
			size_t j = i;
			while (j < wn[k] && w[k][j] != '-')
				j++;
			if (j > i && np < MAX_PARTS)
				out[np++] = (part){w[k] + i, j - i, first,
				                   first && is_stopword(w[k], wn[k])};
			i = j + 1;
		}
	}
	*nwords = n - from;
	return np;
}

/* The long name starts at part k; it must have two words or more. */
static bool name_found(const part *p, size_t np, size_t k, const char *s, size_t *start)
{
	size_t words = 0;
	for (size_t i = k; i < np; i++)
		words += p[i].first;
	*start = (size_t)(p[k].p - s);
	return words >= 2;
}

bool ent_learn_match(const char *acronym, size_t alen, const char *s, size_t len, bool backward,
                     size_t *start)
{
	unit u[MAX_UNITS];
	part p[MAX_PARTS];
	size_t nwords, nu = acronym_units(acronym, alen, u);
	size_t np = nu >= 2 ? split_parts(s, len, backward, p, &nwords) : 0;
	unsigned steps = 0;
	if (np < 2)
		return false;
	if (!backward) {
		size_t k = 0;
		while (k < np && p[k].stop)
			k++;
		return k < np && rec(u, nu, 0, p, np, k, &steps) && name_found(p, np, k, s, start);
	}
	for (size_t k = np; k-- > 0;) {
		if (p[k].first && !p[k].stop && rec(u, nu, 0, p, np, k, &steps))
			return name_found(p, np, k, s, start);
	}
	return false;
}

static bool acronym_like(const char *s, size_t n)
{
	size_t upper = 0;
	if (n < 2 || n > 24 || !isalpha((unsigned char)s[0]))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!isalnum(c) && !strchr("&.-", c))
			return false;
		upper += isupper(c) != 0;
	}
	return upper >= 2;
}

/* British and American spellings differ by s and z (organisation). */
static inline char fold_sz(char c)
{
	return c == 's' ? 'z' : c;
}

/* Words of a name (lower case) alike: one is the other with an ending of
 * three letters at most (Telecommunication and Telecommunications, Europe
 * and European), or they differ only in their last letter or two, in s
 * and z, or in -re and -er (Economic and Economy, Organisation and
 * Organization, Centre and Center). Sharing a first few letters is not
 * enough: Multilateral is not Multistakeholder, Internet not
 * International. */
static bool word_alike(const char *a, size_t an, const char *b, size_t bn)
{
	size_t m = an < bn ? an : bn, longer = an < bn ? bn : an, p = 0;
	while (p < m && fold_sz(a[p]) == fold_sz(b[p]))
		p++;
	if (p == m)
		return longer == m || (m >= 4 && longer - m <= 3);
	if (an == bn && an >= 5 && p == an - 2 && a[p] == b[p + 1] && a[p + 1] == b[p])
		return true;
	return p >= 5 && p + 1 >= m;
}

/* Dice coefficient over the significant words of two normalised names. */
static double name_similarity(const char *a, const char *b)
{
	const char *wa[32], *wb[32];
	size_t la[32], lb[32], na = 0, nb = 0, common = 0;
	const char *s[2] = {a, b};
	for (int t = 0; t < 2; t++) {
		for (const char *q = s[t]; *q;) {
			while (*q == ' ')
				q++;
			const char *e = q;
			while (*e && *e != ' ')
				e++;
			if (e > q && !is_stopword(q, (size_t)(e - q))) {
				if (t == 0 && na < 32) {
					wa[na] = q;
					la[na++] = (size_t)(e - q);
				} else if (t == 1 && nb < 32) {
					wb[nb] = q;
					lb[nb++] = (size_t)(e - q);
				}
			}
			q = e;
		}
	}
	for (size_t i = 0; i < na; i++) {
		for (size_t j = 0; j < nb; j++) {
			if (word_alike(wa[i], la[i], wb[j], lb[j])) {
				common++;
				break;
			}
		}
	}
	return na + nb ? 2.0 * (double)common / (double)(na + nb) : 0;
}

/* Link a definition: by its long name, or by its acronym when the long
 * name is close to one of that entry's names; otherwise only note the
 * entry as a candidate, with its score. */
static void link_definition(matcher *m, const gazetteer *g, definition *d, igt_buf *tmp)
{
	ent_matcher_normalise(tmp, d->long_name, strlen(d->long_name));
	d->entry = ent_map_get(&m->names, tmp->data, tmp->len);
	d->candidate = STRMAP_NONE;
	d->score = 1;
	if (d->entry < g->n_entries)
		return;
	d->entry = STRMAP_NONE;
	size_t e = ent_map_get(&m->acronyms, d->acronym, strlen(d->acronym));
	if (e >= g->n_entries)
		return;
	char *mine = igt_buf_take(tmp);
	double best = 0;
	for (size_t i = 0; i < g->n_forms; i++) {
		if (g->forms[i].entry != e || g->forms[i].acronym)
			continue;
		ent_matcher_normalise(tmp, g->forms[i].text, strlen(g->forms[i].text));
		double sim = name_similarity(mine, tmp->data);
		best = sim > best ? sim : best;
	}
	free(mine);
	if (best >= 0.75) {
		d->entry = e;
		d->score = best;
	} else {
		d->candidate = e;
		d->candidate_score = best;
	}
}

size_t ent_learn_find(const definitions *defs, const char *word, size_t len, size_t segment,
                      size_t offset)
{
	for (size_t i = 0; i < defs->n; i++) {
		const definition *d = &defs->items[i];
		if (d->acr_len == len && memcmp(d->acronym, word, len) == 0)
			return d->segment < segment || (d->segment == segment &&
			                                offset >= d->acr_start + d->acr_len)
			           ? i
			           : STRMAP_NONE;
	}
	return STRMAP_NONE;
}

static void add_definition(matcher *m, const gazetteer *g, definitions *defs, definition d,
                           const char *text)
{
	char *acr = igt_strndup(text + d.acr_start, d.acr_len);
	for (size_t i = 0; i < defs->n; i++) {
		if (strcmp(defs->items[i].acronym, acr) == 0) { /* the first definition holds */
			free(acr);
			return;
		}
	}
	if (defs->n == defs->cap) {
		defs->cap = defs->cap ? defs->cap * 2 : 8;
		defs->items = realloc(defs->items, defs->cap * sizeof(*defs->items));
		if (!defs->items)
			abort();
	}
	d.acronym = acr;
	d.long_name = igt_strndup(text + d.name_start, d.name_len);
	link_definition(m, g, &d, &defs->tmp);
	defs->items[defs->n++] = d;
}

/* "Long Name (ACR)": the words before the parenthesis. */
static void learn_backward(matcher *m, const gazetteer *g, const char *text, size_t open, size_t a,
                           size_t an, size_t segment, definitions *defs)
{
	size_t end = open;
	while (end > 0 && is_space(text[end - 1]))
		end--;
	size_t from = end > LOOKBACK ? end - LOOKBACK : 0;
	while (from > 0 && from < end && !is_space(text[from - 1]))
		from++; /* start on a word */
	size_t start;
	if (!ent_learn_match(text + a, an, text + from, end - from, true, &start))
		return;
	definition d = {.segment = segment,
	                .name_start = from + start,
	                .name_len = end - from - start,
	                .acr_start = a,
	                .acr_len = an};
	add_definition(m, g, defs, d, text);
}

/* "ACR (Long Name)": the word before the parenthesis is the acronym. */
static void learn_forward(matcher *m, const gazetteer *g, const char *text, size_t open, size_t in,
                          size_t inn, size_t segment, definitions *defs)
{
	size_t end = open;
	while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t'))
		end--;
	size_t a = end;
	while (a > 0 && (isalnum((unsigned char)text[a - 1]) || strchr("&.-", text[a - 1])))
		a--;
	if (a == end || !acronym_like(text + a, end - a) ||
	    (a > 0 && (unsigned char)text[a - 1] >= 0x80))
		return;
	while (inn > 0 && is_space(text[in + inn - 1]))
		inn--;
	size_t start;
	if (!ent_learn_match(text + a, end - a, text + in, inn, false, &start))
		return;
	definition d = {.segment = segment,
	                .name_start = in + start,
	                .name_len = inn - start,
	                .acr_start = a,
	                .acr_len = end - a};
	add_definition(m, g, defs, d, text);
}

/* The next group "(…)" at or after `at`, as the pattern
 * \(([^()\n]{1,200})\) searching there finds it: its '(' in *open,
 * its inside [*in, *in + *inn). A '(' matches when the first '(', ')' or
 * newline after it is a ')' one to 200 bytes on; the search goes on at
 * the next '('. memchr finds the '(': most of the text has none. */
static bool next_group(const char *text, size_t len, size_t at, size_t *open, size_t *in,
                       size_t *inn)
{
	const char *p;
	while (at < len && (p = memchr(text + at, '(', len - at))) {
		size_t o = (size_t)(p - text), q = o + 1, lim = o + 201 < len ? o + 201 : len;
		while (q < lim && text[q] != '(' && text[q] != ')' && text[q] != '\n')
			q++;
		if (q < len && text[q] == ')' && q > o + 1) {
			*open = o;
			*in = o + 1;
			*inn = q - o - 1;
			return true;
		}
		at = o + 1;
	}
	return false;
}

void ent_learn_segment(matcher *m, const gazetteer *g, const char *text, size_t len, size_t segment,
                       definitions *defs)
{
	size_t at = 0, open, in, inn;
	while (at < len && next_group(text, len, at, &open, &in, &inn)) {
		at = in + inn + 1;
		size_t lead = 0;
		while (lead < inn && is_space(text[in + lead]))
			lead++;
		size_t a = in + lead, an = inn - lead;
		while (an > 0 && is_space(text[a + an - 1]))
			an--;
		if (acronym_like(text + a, an))
			learn_backward(m, g, text, open, a, an, segment, defs);
		else if (memchr(text + a, ' ', an))
			learn_forward(m, g, text, open, a, an, segment, defs);
	}
}

void ent_defs_reset(definitions *defs)
{
	for (size_t i = 0; i < defs->n; i++) {
		free(defs->items[i].acronym);
		free(defs->items[i].long_name);
	}
	defs->n = 0;
}

void ent_defs_free(definitions *defs)
{
	ent_defs_reset(defs);
	free(defs->items);
	igt_buf_free(&defs->tmp);
	memset(defs, 0, sizeof(*defs));
}
