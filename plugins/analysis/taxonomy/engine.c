/* SPDX-License-Identifier: MIT */
/*
 * engine: the topic matches of one segment (see engine.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "literal.h"

/* Beyond this many mutually overlapping matches (only odd user patterns
 * make such chains), overlaps are settled within slices of this size, so
 * that the cost stays linear. */
#define MAX_CLUSTER 256

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	igt_array_grow(&p, cap, need, size);
	return p;
}

/* Pattern p's beginnings as anchor literals, each once ("registrar" and
 * "registrars" are one literal, cut to TX_PF_MAX_TEXT letters), when it
 * compiles anchored. */
static void beginnings(tx_engine *e, size_t p, const tx_lit_clause *prefix, size_t *cap)
{
	uint32_t first = e->pfx_start[p], n = first;
	if (prefix->n && tx_search_compile_anchored(&e->m->patterns[p])) {
		e->pfx_literals = grow(e->pfx_literals, cap, n + prefix->n, sizeof(uint32_t));
		for (size_t i = 0; i < prefix->n; i++) {
			uint32_t l = (uint32_t)tx_pf_add(&e->pf, prefix->s[i], true), k = first;
			while (k < n && e->pfx_literals[k] != l)
				k++;
			if (k == n)
				e->pfx_literals[n++] = l;
		}
	}
	e->pfx_start[p + 1] = n;
}

/* Each pattern's literal clauses, as (literal, clause) pairs, and its
 * beginnings. */
static uint32_t *clauses_of_patterns(tx_engine *e, bool prefilter, size_t *n_pairs_out,
                                     size_t *n_clauses_out)
{
	tx_model *m = e->m;
	size_t n_pairs = 0, cap_pairs = 0, n_clauses = 0, cap_clauses = 0, cap_pfx = 0;
	uint32_t *pairs = NULL;
	tx_literals lits;
	for (size_t p = 0; p < m->n_patterns; p++) {
		lits.n = lits.prefix.n = 0;
		if (prefilter)
			tx_literals_of(m->patterns[p].text, m->patterns[p].utf, &lits);
		beginnings(e, p, &lits.prefix, &cap_pfx);
		if (lits.shape.n && e->pfx_start[p + 1] > e->pfx_start[p]) {
			e->probes[p] = tx_probe_new(&lits.shape);
		}
		m->patterns[p].always = lits.n == 0;
		e->n_clauses[p] = (uint8_t)lits.n;
		for (size_t c = 0; c < lits.n; c++, n_clauses++) {
			e->clause_pattern =
			    grow(e->clause_pattern, &cap_clauses, n_clauses + 1, sizeof(uint32_t));
			e->clause_pattern[n_clauses] = (uint32_t)p;
			for (size_t i = 0; i < lits.clauses[c].n; i++, n_pairs++) {
				pairs =
				    grow(pairs, &cap_pairs, 2 * (n_pairs + 1), sizeof(uint32_t));
				pairs[2 * n_pairs] =
				    (uint32_t)tx_pf_add(&e->pf, lits.clauses[c].s[i], false);
				pairs[2 * n_pairs + 1] = (uint32_t)n_clauses;
			}
		}
		if (lits.n == 0 && m->patterns[p].n_main_rules) {
			e->always = realloc(e->always, (e->n_always + 1) * sizeof(size_t));
			if (!e->always)
				abort();
			e->always[e->n_always++] = p;
		}
	}
	*n_pairs_out = n_pairs;
	*n_clauses_out = n_clauses;
	return pairs;
}

void tx_engine_init(tx_engine *e, tx_model *m, tx_searcher *searcher, bool prefilter)
{
	memset(e, 0, sizeof(*e));
	e->m = m;
	e->searcher = searcher;
	size_t np = m->n_patterns ? m->n_patterns : 1, n_pairs, n_clauses;
	e->n_clauses = calloc(np, 1);
	e->pfx_start = calloc(np + 1, sizeof(uint32_t));
	e->probes = calloc(np, sizeof(tx_probe *));
	if (!e->n_clauses || !e->pfx_start || !e->probes)
		abort();
	uint32_t *pairs = clauses_of_patterns(e, prefilter, &n_pairs, &n_clauses);
	e->n_all_clauses = n_clauses;
	tx_pf_build(&e->pf);
	size_t nl = e->pf.n_literals;
	e->lit_start = calloc(nl + 1, sizeof(uint32_t));
	e->lit_clauses = malloc((n_pairs ? n_pairs : 1) * sizeof(uint32_t));
	e->clause_gen = calloc(n_clauses ? n_clauses : 1, sizeof(uint32_t));
	e->n_held = calloc(np, 1);
	e->held_gen = calloc(np, sizeof(uint32_t));
	e->seen = malloc((nl ? nl : 1) * sizeof(uint32_t));
	e->possible = calloc(np, sizeof(uint32_t));
	e->cached = calloc(np, sizeof(uint32_t));
	e->found = calloc(np, 1);
	e->run = malloc(np * sizeof(size_t));
	if (!e->lit_start || !e->lit_clauses || !e->clause_gen || !e->n_held || !e->held_gen ||
	    !e->seen || !e->possible || !e->cached || !e->found || !e->run)
		abort();
	for (size_t i = 0; i < n_pairs; i++)
		e->lit_start[pairs[2 * i] + 1]++;
	for (size_t l = 0; l < nl; l++)
		e->lit_start[l + 1] += e->lit_start[l];
	uint32_t *fill = calloc(nl ? nl : 1, sizeof(uint32_t));
	if (!fill)
		abort();
	for (size_t i = 0; i < n_pairs; i++) {
		uint32_t l = pairs[2 * i];
		e->lit_clauses[e->lit_start[l] + fill[l]++] = pairs[2 * i + 1];
	}
	free(fill);
	free(pairs);
}

void tx_engine_free(tx_engine *e)
{
	tx_pf_free(&e->pf);
	free(e->lit_start);
	free(e->lit_clauses);
	free(e->clause_pattern);
	free(e->clause_gen);
	free(e->n_clauses);
	free(e->n_held);
	free(e->held_gen);
	free(e->pfx_start);
	free(e->pfx_literals);
	for (size_t p = 0; e->probes && p < e->m->n_patterns; p++)
		tx_probe_free(e->probes[p]);
	free(e->probes);
	free(e->at);
	free(e->word);
	free(e->always);
	free(e->seen);
	free(e->possible);
	free(e->cached);
	free(e->found);
	free(e->run);
	free(e->spans);
	free(e->matches);
	free(e->order);
	memset(e, 0, sizeof(*e));
}

static int by_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* Sort a few indices or positions; most lists here are short. */
static void sort_sizes(size_t *v, size_t n)
{
	if (n > 24) {
		qsort(v, n, sizeof(size_t), by_index);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		size_t x = v[i], j = i;
		while (j > 0 && v[j - 1] > x) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

static bool may_occur(const tx_engine *e, size_t p)
{
	return e->m->patterns[p].always || e->possible[p] == e->gen;
}

/* Whether one of p's rules may hold: all its required patterns may
 * occur. A rule that needs "IANA" costs nothing where IANA is absent. */
static bool worth_running(const tx_engine *e, const tx_pattern *p)
{
	for (size_t k = 0; k < p->n_main_rules; k++) {
		const tx_rule *r = &e->m->rules[p->main_rules[k]];
		size_t i = 0;
		while (i < r->n_require && may_occur(e, r->require[i]))
			i++;
		if (i == r->n_require)
			return true;
	}
	return false;
}

/* The patterns with rules that may match: those whose literal the
 * prefilter saw, and those that always run, less those whose rules all
 * need a pattern that cannot occur; in pattern order. */
static void select_patterns(tx_engine *e, const char *text, size_t len)
{
	if (++e->gen == 0) { /* wrapped: forget every old stamp */
		memset(e->possible, 0, e->m->n_patterns * sizeof(uint32_t));
		memset(e->cached, 0, e->m->n_patterns * sizeof(uint32_t));
		memset(e->held_gen, 0, e->m->n_patterns * sizeof(uint32_t));
		memset(e->clause_gen, 0, e->n_all_clauses * sizeof(uint32_t));
		memset(e->word, 0, e->cap_word * sizeof(*e->word));
		e->gen = 1;
	}
	size_t n_seen = tx_pf_scan(&e->pf, text, len, e->seen), n_run = 0;
	/* in locals: the byte counts written below could alias e's fields */
	const uint32_t gen = e->gen, *restrict seen = e->seen, *restrict lit_start = e->lit_start;
	const uint32_t *restrict lit_clauses = e->lit_clauses;
	const uint32_t *restrict pattern = e->clause_pattern;
	uint32_t *restrict clause_gen = e->clause_gen, *restrict held_gen = e->held_gen;
	uint8_t *restrict n_held = e->n_held;
	const uint8_t *restrict n_clauses = e->n_clauses;
	for (size_t i = 0; i < n_seen; i++) {
		uint32_t l = seen[i];
		for (uint32_t k = lit_start[l]; k < lit_start[l + 1]; k++) {
			uint32_t c = lit_clauses[k], p = pattern[c];
			if (clause_gen[c] == gen)
				continue;
			clause_gen[c] = gen;
			if (held_gen[p] != gen) {
				held_gen[p] = gen;
				n_held[p] = 0;
			}
			if (++n_held[p] < n_clauses[p])
				continue;
			e->possible[p] = gen; /* every clause holds */
			if (e->m->patterns[p].n_main_rules)
				e->run[n_run++] = p;
		}
	}
	e->n_run = n_run;
	for (size_t i = 0; i < e->n_always; i++)
		e->run[e->n_run++] = e->always[i];
	size_t kept = 0;
	for (size_t i = 0; i < e->n_run; i++)
		if (worth_running(e, &e->m->patterns[e->run[i]]))
			e->run[kept++] = e->run[i];
	e->n_run = kept;
	sort_sizes(e->run, e->n_run);
}

static bool add_span(size_t start, size_t end, void *data)
{
	tx_engine *e = data;
	e->spans = grow(e->spans, &e->cap_spans, e->n_spans + 2, sizeof(size_t));
	e->spans[e->n_spans++] = start;
	e->spans[e->n_spans++] = end;
	return true;
}

static bool stop_at_first(size_t start, size_t end, void *data)
{
	(void)start;
	(void)end;
	*(bool *)data = true;
	return false;
}

/* The positions where pattern p may begin, in increasing order and each
 * once, into e->at: those of its beginnings, merged from the prefilter's
 * list of each literal's occurrences (latest first), so that a long
 * segment costs no more per pattern than the occurrences it has of that
 * pattern's beginnings; less those where what follows cannot begin a
 * match (its shape: "domain" not followed by a space and "name" for
 * "\bdomain[\s-]+names?\b"), which costs far less than trying PCRE2
 * there. */
static void read_place(tx_place *w, uint32_t gen, const char *view, size_t len, size_t at)
{
	size_t we, nx;
	tx_probe_word(view, len, at, &we, &nx);
	w->gen = gen;
	w->end = (uint32_t)we;
	w->next = (uint32_t)nx;
	w->at_pair = (uint16_t)tx_pair_of(view, len, at);
	w->next_pair = (uint16_t)(we > at && nx > we ? tx_pair_of(view, len, nx) : TX_PAIR_NONE);
}

static size_t begin_positions(tx_engine *e, size_t p, const char *view, size_t len)
{
	const tx_pf_occurrence *occ = e->pf.occ.v;
	const tx_probe *probe = e->probes[p];
	const tx_pairs *pairs = probe ? tx_probe_pairs(probe) : NULL;
	uint32_t next[TX_LIT_MAX_SET]; /* per beginning: its next occurrence */
	size_t k = 0, n = 0, last = SIZE_MAX;
	for (uint32_t b = e->pfx_start[p]; b < e->pfx_start[p + 1]; b++) {
		next[k] = tx_pf_last(&e->pf, e->pfx_literals[b]);
		k += next[k] != TX_PF_NONE;
	}
	if (probe && e->cap_word < e->pf.occ.n) { /* room for the words of every place */
		size_t old = e->cap_word;
		e->word = grow(e->word, &e->cap_word, e->pf.occ.n, sizeof(*e->word));
		memset(e->word + old, 0, (e->cap_word - old) * sizeof(*e->word));
	}
	while (k) {
		size_t latest = 0;
		for (size_t j = 1; j < k; j++)
			if (occ[next[j]].at > occ[next[latest]].at)
				latest = j;
		uint32_t o = next[latest], at = occ[o].at;
		if ((next[latest] = occ[o].next) == TX_PF_NONE)
			next[latest] = next[--k];
		if (at == last)
			continue;
		last = at;
		if (probe) {
			tx_place *w = &e->word[o]; /* read once per segment, for every pattern */
			if (w->gen != e->gen)
				read_place(w, e->gen, view, len, at);
			if (pairs->quick && !tx_pair_in(pairs->at, w->at_pair) &&
			    !tx_pair_in(pairs->next, w->next_pair))
				continue;
			if (!tx_probe_may_begin(probe, view, len, at, w->end, w->next))
				continue;
		}
		e->at = grow(e->at, &e->cap_at, n + 1, sizeof(size_t));
		e->at[n++] = at;
	}
	for (size_t i = 0; i < n / 2; i++) { /* latest first: turn round */
		size_t t = e->at[i];
		e->at[i] = e->at[n - 1 - i];
		e->at[n - 1 - i] = t;
	}
	return n;
}

/* Search the segment with pattern p: anchored where it may begin when its
 * beginnings are known, else all through. */
static tx_stopped search(tx_engine *e, size_t p, const char *view, const char *text, size_t len,
                         tx_match_fn add, void *data)
{
	tx_pattern *pat = &e->m->patterns[p];
	bool anchored = e->pfx_start[p + 1] > e->pfx_start[p];
	tx_search_jit(pat, anchored);
	if (anchored) {
		size_t n = begin_positions(e, p, view, len);
		return tx_search_at(e->searcher, pat, view, text, len, e->at, n, add, data);
	}
	return tx_search(e->searcher, pat, view, text, len, add, data);
}

/* Whether pattern p occurs in the segment: 1, 0, or -1 when a limit
 * stopped the search before it knew. */
static int occurs(tx_engine *e, size_t p, size_t topic, const char *view, const char *text,
                  size_t len)
{
	if (e->cached[p] == e->gen)
		return e->found[p];
	int f = 0;
	if (may_occur(e, p)) {
		bool hit = false;
		tx_stopped st = search(e, p, view, text, len, stop_at_first, &hit);
		f = hit ? 1 : st.why == TX_DONE ? 0 : -1;
		if (f < 0 && e->on_limit)
			e->on_limit(p, topic, st, e->on_limit_data);
	}
	e->cached[p] = e->gen;
	e->found[p] = (signed char)f;
	return f;
}

/* A rule holds when all its required patterns occur and none of its
 * excluded ones; a limit on either side leaves it unproven, so it does
 * not hold. */
static bool rule_holds(tx_engine *e, const tx_rule *r, const char *view, const char *text,
                       size_t len)
{
	for (size_t i = 0; i < r->n_require; i++)
		if (occurs(e, r->require[i], r->topic, view, text, len) != 1)
			return false;
	for (size_t i = 0; i < r->n_exclude; i++)
		if (occurs(e, r->exclude[i], r->topic, view, text, len) != 0)
			return false;
	return true;
}

static void add_matches(tx_engine *e, const tx_rule *r, size_t rule)
{
	e->matches =
	    grow(e->matches, &e->cap_matches, e->n_matches + e->n_spans / 2, sizeof(tx_match));
	for (size_t i = 0; i < e->n_spans; i += 2)
		e->matches[e->n_matches++] = (tx_match){.topic = r->topic,
		                                        .rule = rule,
		                                        .start = e->spans[i],
		                                        .end = e->spans[i + 1],
		                                        .weight = r->weight,
		                                        .keep = true};
}

/* Search with each selected pattern and keep the matches of its rules
 * that hold. */
static void run_patterns(tx_engine *e, const char *view, const char *text, size_t len)
{
	for (size_t i = 0; i < e->n_run; i++) {
		size_t p = e->run[i];
		const tx_pattern *pat = &e->m->patterns[p];
		size_t topic = e->m->rules[pat->main_rules[0]].topic;
		e->n_spans = 0;
		tx_stopped st = search(e, p, view, text, len, add_span, e);
		if (st.why != TX_DONE && e->on_limit)
			e->on_limit(p, topic, st, e->on_limit_data);
		e->cached[p] = e->gen; /* it may also be another rule's condition */
		e->found[p] = e->n_spans ? 1 : st.why == TX_DONE ? 0 : -1;
		if (!e->n_spans)
			continue;
		for (size_t k = 0; k < pat->n_main_rules; k++) {
			const tx_rule *r = &e->m->rules[pat->main_rules[k]];
			if (rule_holds(e, r, view, text, len))
				add_matches(e, r, pat->main_rules[k]);
		}
	}
}

static int by_start(const void *a, const void *b)
{
	const tx_match *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	if (x->topic != y->topic)
		return x->topic < y->topic ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/* Which of two overlapping matches on one line wins: the deeper topic,
 * then the heavier rule, the longer match, the earlier one. */
static int by_priority(const tx_engine *e, const tx_match *x, const tx_match *y)
{
	unsigned dx = e->m->topics[x->topic].depth, dy = e->m->topics[y->topic].depth;
	if (dx != dy)
		return dx > dy ? -1 : 1;
	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	if (x->end - x->start != y->end - y->start)
		return x->end - x->start > y->end - y->start ? -1 : 1;
	return by_start(x, y);
}

/* Settle one cluster of overlapping matches, [from, to). */
static void settle(tx_engine *e, size_t from, size_t to)
{
	size_t n = to - from;
	e->order = grow(e->order, &e->cap_order, n, sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		e->order[i] = from + i;
	/* insertion sort by priority: clusters are small */
	for (size_t i = 1; i < n; i++) {
		size_t v = e->order[i], j = i;
		while (j > 0 && by_priority(e, &e->matches[v], &e->matches[e->order[j - 1]]) < 0) {
			e->order[j] = e->order[j - 1];
			j--;
		}
		e->order[j] = v;
	}
	for (size_t i = 0; i < n; i++) {
		tx_match *x = &e->matches[e->order[i]];
		for (size_t j = 0; j < i && x->keep; j++) {
			const tx_match *y = &e->matches[e->order[j]];
			if (y->keep && x->start < y->end && y->start < x->end &&
			    tx_same_line(e->m, x->topic, y->topic))
				x->keep = false;
		}
	}
}

static void resolve_overlaps(tx_engine *e)
{
	if (e->n_matches > 32) {
		qsort(e->matches, e->n_matches, sizeof(tx_match), by_start);
	} else {
		for (size_t i = 1; i < e->n_matches; i++) {
			tx_match x = e->matches[i];
			size_t j = i;
			while (j > 0 && by_start(&e->matches[j - 1], &x) > 0) {
				e->matches[j] = e->matches[j - 1];
				j--;
			}
			e->matches[j] = x;
		}
	}
	size_t i = 0;
	while (i < e->n_matches) {
		size_t j = i + 1, end = e->matches[i].end;
		while (j < e->n_matches && e->matches[j].start < end && j - i < MAX_CLUSTER) {
			if (e->matches[j].end > end)
				end = e->matches[j].end;
			j++;
		}
		if (j - i > 1)
			settle(e, i, j);
		i = j;
	}
	size_t k = 0;
	for (size_t m = 0; m < e->n_matches; m++)
		if (e->matches[m].keep)
			e->matches[k++] = e->matches[m];
	e->n_matches = k;
}

static bool url_char(unsigned char c)
{
	return c > ' ' && c != '<' && c != '>' && c != '"' && c != '(' && c != ')';
}

static bool scheme_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '+' || c == '.' || c == '-';
}

/* "We did not discuss cybersecurity": no sign of the topic. Run on the
 * matches left after overlaps are settled, the fewest. */
static void drop_negated(tx_engine *e, const char *text, size_t len)
{
	size_t k = 0;
	tx_negation_segment(e->negation);
	for (size_t i = 0; i < e->n_matches; i++)
		if (!tx_negated_next(e->negation, text, len, e->matches[i].start,
		                     e->matches[i].end))
			e->matches[k++] = e->matches[i];
	e->n_matches = k;
}

static void drop_in(tx_engine *e, size_t from, size_t to)
{
	for (size_t i = 0; i < e->n_matches; i++)
		if (e->matches[i].start < to && from < e->matches[i].end)
			e->matches[i].keep = false;
}

/* A word inside a web address (".../wsis/forum/...") names a page, not a
 * topic: matches that touch "scheme://…" or "www.…" are dropped. (The
 * text is NUL-terminated, as segment texts are.) */
static void drop_in_urls(tx_engine *e, const char *text, size_t len)
{
	const char *end = text + len;
	for (const char *p = text; (p = strstr(p, "://")) != NULL && p < end; p += 3) {
		size_t from = (size_t)(p - text), to = from + 3;
		while (from > 0 && scheme_char((unsigned char)text[from - 1]))
			from--;
		while (to < len && url_char((unsigned char)text[to]))
			to++;
		drop_in(e, from, to);
	}
	for (const char *p = text; (p = strstr(p, "www.")) != NULL && p < end; p += 4) {
		if (p > text && url_char((unsigned char)p[-1]) && p[-1] != '/')
			continue;
		size_t from = (size_t)(p - text), to = from + 4;
		while (to < len && url_char((unsigned char)text[to]))
			to++;
		drop_in(e, from, to);
	}
}

void tx_engine_segment(tx_engine *e, const char *text, size_t len)
{
	e->n_matches = 0;
	select_patterns(e, text, len);
	if (!e->n_run)
		return;
	const char *view = tx_search_view(e->searcher, text, len);
	run_patterns(e, view, text, len);
	if (e->n_matches)
		drop_in_urls(e, text, len);
	resolve_overlaps(e);
	if (e->n_matches && e->negation)
		drop_negated(e, text, len);
}
