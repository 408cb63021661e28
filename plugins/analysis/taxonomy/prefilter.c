/* SPDX-License-Identifier: MIT */
/*
 * prefilter: the Aho-Corasick automaton (see prefilter.h).
 *
 * The alphabet is the 26 folded letters, one class for all digits, one
 * for the underscore and one for every other byte. Literals hold only
 * letters and digits, so no literal spans any other byte: the underscore
 * sends the automaton back to its root, and every other byte to the
 * state of a word start, as if it had read a symbol ⊢ that the texts of
 * literals that must begin a word (\b) begin with. So "⊢ai" (the word
 * AI) is never found inside "said", and costs nothing there.
 * Rows are 32 wide, so a state's row is found by a shift. The table is
 * complete (every state has a next state for every class) and
 * the states where texts end are numbered from a power of two, after all
 * others, so one bit of a scan's state tells whether it is in such a
 * state (rarely). Within each of the two groups states
 * are numbered breadth first: the shallow ones, where the scan spends
 * nearly all its time (few texts end there), share a few cache lines,
 * and with 16-bit entries a row is one cache line.
 * What a state where texts end reports is one flat list of its literals
 * (its own texts' and its failure chain's), read in one loop.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <igtext/igtext.h>

#include "literal.h"
#include "prefilter.h"

#define SHIFT 5
#define WIDTH (1u << SHIFT)
#define DIGIT 26
#define OTHER 27 /* not a word byte: read as ⊢ */
#define UNDER 28 /* the underscore: a word byte, but no literal has it */
#define BOUND 29 /* ⊢, the symbol of a word start; never a byte */

/* clang-format off */
/* Class of each byte: 0-25 letters (folded), 26 digits, 27 other, 28 _. */
static const unsigned char byte_class[256] = {
	27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
	27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
	27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
	26, 26, 26, 26, 26, 26, 26, 26, 26, 26, 27, 27, 27, 27, 27, 27,
	27,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14,
	15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 27, 27, 27, 27, 28,
	27,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14,
	15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 27, 27, 27, 27, 27,
	27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
	27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
	27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
	27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
	27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
	27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
	27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
	27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27, 27,
};
/* clang-format on */

/* A text: letters, after ⊢ (written '^' in texts[]) when it must begin
 * a word. */
static size_t text_add(tx_prefilter *pf, const char *t, size_t len, bool start)
{
	char key[TX_PF_MAX_TEXT + 2];
	snprintf(key, sizeof(key), "%s%.*s", start ? "^" : "", (int)len, t);
	size_t *slot = tx_map_put(&pf->text_ids, key, pf->n_texts);
	if (*slot != pf->n_texts)
		return *slot;
	pf->texts = realloc(pf->texts, (pf->n_texts + 1) * sizeof(char *));
	pf->text_len = realloc(pf->text_len, (pf->n_texts + 1) * sizeof(uint32_t));
	if (!pf->texts || !pf->text_len)
		abort();
	pf->texts[pf->n_texts] = igt_strndup(key, strlen(key));
	pf->text_len[pf->n_texts] = (uint32_t)len;
	return pf->n_texts++;
}

size_t tx_pf_add(tx_prefilter *pf, const char *literal, bool anchor)
{
	char t[TX_PF_MAX_TEXT];
	size_t n = 0, len = strlen(literal);
	bool start = len && literal[0] == TX_LIT_BOUNDARY;
	bool end = len > 1 && literal[len - 1] == TX_LIT_BOUNDARY;
	/* A mark between two letters can never hold, and a literal cut to
	 * its first letters may be followed by more: dropping a mark only
	 * weakens the test. */
	for (size_t i = 0; i < len; i++) {
		if (literal[i] == TX_LIT_BOUNDARY)
			continue;
		if (n == TX_PF_MAX_TEXT) {
			end = false;
			break;
		}
		/* all digits are one class: "3g" and "5g" are one text, "0g" */
		t[n++] = literal[i] >= '0' && literal[i] <= '9' ? '0' : literal[i];
	}
	uint32_t text = (uint32_t)text_add(pf, t, n, start);
	char key[TX_PF_MAX_TEXT + 4];
	snprintf(key, sizeof(key), "%c%c%.*s", start ? '^' : '-', end ? '^' : '-', (int)n, t);
	size_t *slot = tx_map_put(&pf->literal_ids, key, pf->n_literals);
	if (*slot != pf->n_literals) {
		pf->literals[*slot].anchor |= anchor;
		return *slot;
	}
	pf->literals = realloc(pf->literals, (pf->n_literals + 1) * sizeof(*pf->literals));
	if (!pf->literals)
		abort();
	pf->literals[pf->n_literals] = (tx_pf_literal){text, start, end, anchor};
	return pf->n_literals++;
}

/* The trie of the texts in delta (plain child numbers, 0 for none: the
 * root is never a child); ends[s]: the text ending at s, or -1. */
typedef struct trie {
	uint32_t *delta;
	int64_t *ends;
	uint32_t n, cap;
} trie;

static uint32_t trie_state(trie *t)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->delta = realloc(t->delta, (size_t)t->cap * WIDTH * sizeof(uint32_t));
		t->ends = realloc(t->ends, t->cap * sizeof(int64_t));
		if (!t->delta || !t->ends)
			abort();
	}
	memset(t->delta + (size_t)t->n * WIDTH, 0, WIDTH * sizeof(uint32_t));
	t->ends[t->n] = -1;
	return t->n++;
}

static void build_trie(tx_prefilter *pf, trie *t)
{
	trie_state(t);
	for (size_t i = 0; i < pf->n_texts; i++) {
		uint32_t s = 0;
		for (const unsigned char *p = (const unsigned char *)pf->texts[i]; *p; p++) {
			size_t at = (size_t)s << SHIFT | (*p == '^' ? BOUND : byte_class[*p]);
			if (!t->delta[at]) {
				uint32_t child = trie_state(t);
				t->delta[at] = child;
			}
			s = t->delta[at];
		}
		t->ends[s] = (int64_t)i;
	}
}

/* Failure links, breadth first; each missing transition copies that of
 * the failure state, which is shallower and so already complete. order
 * gets the states in breadth-first order. Then every state goes to the
 * root on an underscore, and to the word-start state (the root's ⊢
 * child, or the root) on any other non-word byte. */
static void complete(trie *t, uint32_t *fail, uint32_t *order)
{
	static const unsigned char symbols[] = {0,  1,  2,  3,  4,  5,  6,     7,    8,  9,
	                                        10, 11, 12, 13, 14, 15, 16,    17,   18, 19,
	                                        20, 21, 22, 23, 24, 25, DIGIT, BOUND};
	size_t head = 0, tail = 0;
	order[tail++] = 0;
	fail[0] = 0;
	while (head < tail) {
		uint32_t s = order[head++];
		for (size_t k = 0; k < sizeof(symbols); k++) {
			unsigned c = symbols[k];
			size_t at = (size_t)s << SHIFT | c;
			uint32_t child = t->delta[at];
			uint32_t via = s ? t->delta[(size_t)fail[s] << SHIFT | c] : 0;
			if (child) {
				fail[child] = via;
				order[tail++] = child;
			} else {
				t->delta[at] = via;
			}
		}
	}
	uint32_t word_start = t->delta[BOUND];
	for (uint32_t s = 0; s < t->n; s++) {
		t->delta[(size_t)s << SHIFT | OTHER] = word_start;
		t->delta[(size_t)s << SHIFT | UNDER] = 0;
	}
}

/* The final number of each state (see above) into id, from bfs (breadth
 * first): those where no text ends from 0, those where one does from
 * pf->out_first, the smallest power of two that leaves room for both
 * (the rows between are never reached). */
static void number_states(tx_prefilter *pf, const trie *t, const uint32_t *fail,
                          const uint32_t *bfs, uint32_t *id)
{
	bool *out = malloc(t->n ? t->n : 1);
	if (!out)
		abort();
	uint32_t n_out = 0;
	for (uint32_t i = 0; i < t->n; i++) { /* a failure state comes first */
		uint32_t s = bfs[i];
		out[s] = t->ends[s] >= 0 || (s && out[fail[s]]);
		n_out += out[s];
	}
	uint32_t first = 1;
	while (first < t->n - n_out || first < n_out)
		first *= 2;
	uint32_t k = 0, o = first;
	for (uint32_t i = 0; i < t->n; i++)
		id[bfs[i]] = out[bfs[i]] ? o++ : k++;
	free(out);
	pf->out_first = first;
	pf->n_states = o;
}

/* Each text's literals (the same letters, other boundary marks). */
static void variants_of_texts(const tx_prefilter *pf, uint32_t *start, uint32_t *variants)
{
	uint32_t *fill = calloc(pf->n_texts ? pf->n_texts : 1, sizeof(uint32_t));
	if (!fill)
		abort();
	for (size_t i = 0; i < pf->n_literals; i++)
		start[pf->literals[i].text + 1]++;
	for (size_t t = 0; t < pf->n_texts; t++)
		start[t + 1] += start[t];
	for (size_t i = 0; i < pf->n_literals; i++) {
		uint32_t t = pf->literals[i].text;
		variants[start[t] + fill[t]++] = (uint32_t)i;
	}
	free(fill);
}

/* Each state's actions: the literals of its texts (its own, then its
 * failure chain's), in the order of the final numbers. */
static void actions_of_states(tx_prefilter *pf, const trie *t, const uint32_t *fail,
                              const uint32_t *id)
{
	uint32_t n_out = pf->n_states - pf->out_first;
	uint32_t *by_number = malloc((n_out ? n_out : 1) * sizeof(uint32_t));
	uint32_t *vstart = calloc(pf->n_texts + 1, sizeof(uint32_t));
	uint32_t *variants = malloc((pf->n_literals ? pf->n_literals : 1) * sizeof(uint32_t));
	pf->act_start = calloc((size_t)n_out + 1, sizeof(uint32_t));
	pf->state_anchor = calloc(n_out ? n_out : 1, sizeof(bool));
	pf->state_ends = calloc(n_out ? n_out : 1, sizeof(bool));
	pf->state_done = calloc(n_out ? n_out : 1, sizeof(uint32_t));
	if (!by_number || !vstart || !variants || !pf->act_start || !pf->state_anchor ||
	    !pf->state_ends || !pf->state_done)
		abort();
	variants_of_texts(pf, vstart, variants);
	for (uint32_t s = 0; s < t->n; s++)
		if (id[s] >= pf->out_first)
			by_number[id[s] - pf->out_first] = s;
	size_t n = 0, cap = 0;
	for (uint32_t k = 0; k < n_out; k++) {
		pf->state_ends[k] = true;
		for (uint32_t s = by_number[k]; s; s = fail[s]) {
			if (t->ends[s] < 0)
				continue;
			uint32_t text = (uint32_t)t->ends[s];
			for (uint32_t v = vstart[text]; v < vstart[text + 1]; v++) {
				const tx_pf_literal *l = &pf->literals[variants[v]];
				igt_array_grow((void **)&pf->actions, &cap, n + 1, sizeof(tx_pf_action));
				pf->actions[n++] = (tx_pf_action){variants[v], (uint16_t)pf->text_len[text],
				                                  l->end, l->anchor};
				pf->state_anchor[k] |= l->anchor;
				pf->state_ends[k] &= l->end;
			}
		}
		pf->act_start[k + 1] = (uint32_t)n;
	}
	free(by_number);
	free(vstart);
	free(variants);
}

/* The final table, with the states renumbered. */
static void final_table(tx_prefilter *pf, const trie *t, const uint32_t *id)
{
	bool small = pf->n_states <= UINT16_MAX + 1u;
	if (small)
		pf->delta16 = calloc((size_t)pf->n_states * WIDTH, sizeof(uint16_t));
	else
		pf->delta32 = calloc((size_t)pf->n_states * WIDTH, sizeof(uint32_t));
	if (small ? !pf->delta16 : !pf->delta32)
		abort();
	for (uint32_t s = 0; s < t->n; s++) {
		for (unsigned c = 0; c < WIDTH; c++) {
			size_t at = (size_t)id[s] << SHIFT | c;
			uint32_t to = id[t->delta[(size_t)s << SHIFT | c]];
			if (small)
				pf->delta16[at] = (uint16_t)to;
			else
				pf->delta32[at] = to;
		}
	}
	pf->word_start = id[t->delta[BOUND]];
}

void tx_pf_build(tx_prefilter *pf)
{
	trie t = {0};
	build_trie(pf, &t);
	uint32_t *fail = malloc((size_t)t.n * sizeof(uint32_t));
	uint32_t *bfs = malloc((size_t)t.n * sizeof(uint32_t));
	uint32_t *id = malloc((size_t)t.n * sizeof(uint32_t));
	if (!fail || !bfs || !id)
		abort();
	complete(&t, fail, bfs);
	number_states(pf, &t, fail, bfs, id);
	actions_of_states(pf, &t, fail, id);
	final_table(pf, &t, id);
	pf->gen = calloc(pf->n_literals ? pf->n_literals : 1, sizeof(uint32_t));
	pf->last_occ = calloc(pf->n_literals ? pf->n_literals : 1, sizeof(uint32_t));
	pf->last_gen = calloc(pf->n_literals ? pf->n_literals : 1, sizeof(uint32_t));
	if (!pf->gen || !pf->last_occ || !pf->last_gen)
		abort();
	tx_map_free(&pf->text_ids);
	tx_map_free(&pf->literal_ids);
	free(fail);
	free(bfs);
	free(id);
	free(t.delta);
	free(t.ends);
}

/* \b as byte-mode PCRE2 sees it: [A-Za-z0-9_] on one side only. For a
 * UTF pattern a non-ASCII letter is a word character too; taking it for a
 * boundary here (and for ⊢) only lets the pattern run where it then finds
 * nothing. */
static bool word_byte(unsigned char c)
{
	return byte_class[c] != OTHER;
}

static void grow_occurrences(tx_pf_occurrences *o)
{
	igt_array_grow((void **)&o->v, &o->cap, o->cap ? o->cap * 2 : 256, sizeof(*o->v));
}

static inline void add_occurrence(tx_pf_occurrences *o, size_t at, uint32_t lit)
{
	if (o->n == o->cap)
		grow_occurrences(o);
	o->v[o->n++] = (tx_pf_occurrence){(uint32_t)at, lit};
}

/* Chain the occurrences of each anchor literal, latest first (they are
 * listed in the order of the text: the parts' hits are reported one part
 * after the other), so that the positions on a chain decrease. */
static void link_occurrences(tx_prefilter *pf)
{
	tx_pf_occurrences *o = &pf->occ;
	for (size_t i = 0; i < o->n; i++) {
		uint32_t lit = o->v[i].next;
		o->v[i].next = tx_pf_last(pf, lit);
		pf->last_occ[lit] = (uint32_t)i;
		pf->last_gen[lit] = pf->scan;
	}
}

/* The texts of state st end just before i: mark their
 * literals whose boundaries hold there. */
static size_t found(tx_prefilter *pf, uint32_t st, const unsigned char *s, size_t i, size_t len,
                    uint32_t *seen, size_t n)
{
	uint32_t k = st - pf->out_first;
	bool end = i == len || !word_byte(s[i]);
	bool all = !pf->state_anchor[k];
	tx_pf_occurrences *o = &pf->occ;
	for (uint32_t a = pf->act_start[k]; a < pf->act_start[k + 1]; a++) {
		const tx_pf_action *x = &pf->actions[a];
		if (x->end && !end) { /* a start is the automaton's business */
			all &= pf->gen[x->lit] == pf->scan;
			continue;
		}
		if (x->anchor)
			add_occurrence(o, i - x->len, x->lit);
		if (pf->gen[x->lit] != pf->scan) {
			pf->gen[x->lit] = pf->scan;
			seen[n++] = x->lit;
		}
	}
	if (all) /* every literal of this state is seen: skip it from now on */
		pf->state_done[k] = pf->scan;
	return n;
}

/* The state to scan from at i: after a non-word byte (or at the start)
 * that of a word start, else the root. */
static uint32_t state_at(const tx_prefilter *pf, const unsigned char *s, size_t i)
{
	return i == 0 || byte_class[s[i - 1]] == OTHER ? pf->word_start : 0;
}

/* Bytes a scan needs before its state is right: no path of the automaton
 * is longer than a text and its ⊢. */
#define SYNC (TX_PF_MAX_TEXT + 2)

#define LANES 4

/* Report the hits h[0 .. n) of one scan, those that end after from. A
 * state whose literals are all seen is skipped, and so is one whose
 * literals must all end a word where a word byte follows (a literal
 * found inside a longer word: "data" in "database"). */
static size_t report_hits(tx_prefilter *pf, const tx_pf_hit *h, size_t n_hits, size_t from,
                          const unsigned char *s, size_t len, uint32_t *seen, size_t n)
{
	for (size_t j = 0; j < n_hits; j++) {
		uint32_t k = h[j].state - pf->out_first, i = h[j].end;
		if (i <= from || pf->state_done[k] == pf->scan)
			continue;
		if (pf->state_ends[k] && i < len && word_byte(s[i]))
			continue;
		n = found(pf, h[j].state, s, i, len, seen, n);
	}
	return n;
}

/* One step of a scan: the state after the byte at p, written to the
 * scan's hits and counted there when texts end in it (out: see SCAN). */
#define STEP(state, p, hits, n)                                                                    \
	do {                                                                                       \
		state = delta[(size_t)state << SHIFT | byte_class[*(p)]];                          \
		hits[n] = (tx_pf_hit){state, (uint32_t)((p) - s + 1)};                             \
		n += state >> out;                                                                 \
	} while (0)

/* LANES interleaved scans, each over a part of the text, all but the
 * first from SYNC bytes before their part, reporting only what ends in
 * it. Each byte's table read waits for the one before in its scan;
 * independent scans keep several reads in flight. The loop does not
 * branch on what it finds: it writes each step's state and place to its
 * scan's list of hits and counts it only where a text ends, so that the
 * frequent ends of short texts cost no mispredicted branch; they are
 * reported after the scan, part by part, so in the order of the text.
 * The same for either table (16-bit entries keep a state's row in one
 * cache line). */
#define SCAN(name, type, table)                                                                    \
	static size_t name(tx_prefilter *pf, const unsigned char *s, size_t len, uint32_t *seen)   \
	{                                                                                          \
		const type *delta = pf->table;                                                     \
		/* states where texts end are out_first (a power of two) or more                   \
		 * and fewer than twice that: shifted by this, they are 1, the                     \
		 * others 0 */                                                                     \
		const unsigned out = (unsigned)__builtin_ctz(pf->out_first);                       \
		size_t lanes = len >= 8 * LANES * SYNC ? LANES : 1, part = len / lanes;            \
		size_t from[LANES], to[LANES], nh[LANES] = {0};                                    \
		tx_pf_hit *h[LANES];                                                               \
		igt_array_grow((void **)&pf->hits.v, &pf->hits.cap, len + LANES * (SYNC + 1),      \
		               sizeof(tx_pf_hit));                                                 \
		uint32_t st[LANES];                                                                \
		for (size_t k = 0; k < lanes; k++) {                                               \
			from[k] = k ? k * part - SYNC : 0;                                         \
			to[k] = k + 1 < lanes ? (k + 1) * part : len;                              \
			h[k] = k ? h[k - 1] + (to[k - 1] - from[k - 1]) + 1 : pf->hits.v;          \
			st[k] = state_at(pf, s, from[k]);                                          \
		}                                                                                  \
		size_t i = 0;                                                                      \
		if (lanes == LANES) {                                                              \
			uint32_t s0 = st[0], s1 = st[1], s2 = st[2], s3 = st[3];                   \
			size_t n0 = 0, n1 = 0, n2 = 0, n3 = 0;                                     \
			tx_pf_hit *h0 = h[0], *h1 = h[1], *h2 = h[2], *h3 = h[3];                  \
			const unsigned char *p1 = s + from[1], *p2 = s + from[2],                  \
			                    *p3 = s + from[3];                                     \
			for (; i < part; i++) { /* the first part is the shortest */               \
				STEP(s0, s + i, h0, n0);                                           \
				STEP(s1, p1 + i, h1, n1);                                          \
				STEP(s2, p2 + i, h2, n2);                                          \
				STEP(s3, p3 + i, h3, n3);                                          \
			}                                                                          \
			st[0] = s0, st[1] = s1, st[2] = s2, st[3] = s3;                            \
			nh[0] = n0, nh[1] = n1, nh[2] = n2, nh[3] = n3;                            \
		}                                                                                  \
		size_t n = 0;                                                                      \
		for (size_t k = 0; k < lanes; k++) {                                               \
			uint32_t state = st[k];                                                    \
			tx_pf_hit *hk = h[k];                                                      \
			size_t nk = nh[k];                                                         \
			for (const unsigned char *p = s + from[k] + i; p < s + to[k]; p++)         \
				STEP(state, p, hk, nk);                                            \
			n = report_hits(pf, hk, nk, k ? k * part : 0, s, len, seen, n);            \
		}                                                                                  \
		return n;                                                                          \
	}
SCAN(scan16, uint16_t, delta16)
SCAN(scan32, uint32_t, delta32)

size_t tx_pf_scan(tx_prefilter *pf, const char *text, size_t len, uint32_t *seen)
{
	const unsigned char *s = (const unsigned char *)text;
	pf->occ.n = 0;
	if (++pf->scan == 0) { /* wrapped: forget every old mark */
		memset(pf->gen, 0, pf->n_literals * sizeof(uint32_t));
		memset(pf->state_done, 0, (pf->n_states - pf->out_first) * sizeof(uint32_t));
		memset(pf->last_gen, 0, pf->n_literals * sizeof(uint32_t));
		pf->scan = 1;
	}
	size_t n = pf->delta16 ? scan16(pf, s, len, seen) : scan32(pf, s, len, seen);
	link_occurrences(pf);
	return n;
}

void tx_pf_free(tx_prefilter *pf)
{
	for (size_t i = 0; i < pf->n_texts; i++)
		free(pf->texts[i]);
	free(pf->texts);
	free(pf->text_len);
	free(pf->literals);
	free(pf->delta16);
	free(pf->delta32);
	free(pf->act_start);
	free(pf->actions);
	free(pf->state_anchor);
	free(pf->state_ends);
	free(pf->hits.v);
	free(pf->state_done);
	free(pf->gen);
	free(pf->occ.v);
	free(pf->last_occ);
	free(pf->last_gen);
	tx_map_free(&pf->text_ids);
	tx_map_free(&pf->literal_ids);
	memset(pf, 0, sizeof(*pf));
}
