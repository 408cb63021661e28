/* SPDX-License-Identifier: MIT */
/*
 * literal: required literals of a pattern (see literal.h).
 *
 * Each piece of the pattern is summed up as one of:
 *   EXACT  it matches exactly one of a few strings of [a-z0-9] ("cyber";
 *          "ip6" and "ipv6" for ipv?6; "3g", "4g", "5g" for [345]g; the
 *          empty string for ^ and lookarounds, and a boundary mark for
 *          \b, which consume nothing);
 *   REQ    each of its matches contains a string of each of a few sets
 *          (clauses), kept best first;
 *   ANY    nothing is known (a class, a dot, a space, a hyphen, \w …).
 * A sequence multiplies out its runs of EXACT pieces and gathers every
 * clause it meets, keeping the best (those whose weakest string is
 * longest: rarer in text). Alternatives join their EXACT sets; otherwise
 * the n-th clause of the whole is the union of the n-th clauses of the
 * alternatives (any such union is implied by the alternation). One ANY
 * alternative makes the whole ANY; a quantifier with a minimum of 0 makes
 * its item optional.
 *
 * Beside, each piece keeps the strings its matches begin with: those of
 * an EXACT piece, the leading EXACT run of a sequence (multiplied by the
 * beginnings of the next piece), the union of the alternatives'.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "literal.h"

#define MAX_DEPTH 32
#define MAX_CLASS 8 /* a class of this many letters or digits at most is a set of strings */
#define K         TX_LIT_MAX_CLAUSES

enum { L_ANY, L_EXACT, L_REQ };

typedef tx_lit_clause strset;

typedef struct lset {
	int kind;
	strset exact; /* L_EXACT: also what every match begins with */
	size_t nc;    /* L_REQ: clauses, best first */
	strset c[K];
	bool has_pre; /* L_REQ: every match begins with a string of pre */
	strset pre;
	/* Made optional by a quantifier (x?, (…)*): 1 when what it began
	 * with is in opt_pre, 2 when that is unknown. */
	int optional;
	strset opt_pre;
	/* ANY that matches one character or more, none of them a word
	 * character (\s, a hyphen, [\s-]+): the letters on either side of it
	 * are at word boundaries. */
	bool nonword;
	tx_shape sh; /* the shape of its matches (literal.h) */
} lset;

typedef struct lparse {
	const char *p, *end;
	bool utf;
	bool bail; /* something not understood: the whole pattern gets no literals */
	int depth;
} lparse;

static void set_any(lset *x)
{
	x->sh.n = 0;
	x->kind = L_ANY;
	x->nc = 0;
	x->has_pre = false;
	x->optional = 0;
	x->nonword = false;
}

static void set_exact(lset *x, const char *s)
{
	set_any(x); /* no flags */
	x->kind = L_EXACT;
	x->exact.n = 1;
	memcpy(x->exact.s[0], s, strlen(s) + 1); /* s is at most two bytes here */
}

static bool ss_has(const strset *x, const char *s)
{
	for (size_t i = 0; i < x->n; i++)
		if (!strcmp(x->s[i], s))
			return true;
	return false;
}

/* Add s (cut to TX_LIT_MAX_LEN; *cut set when it was) unless present.
 * false when the set is full. */
static bool ss_add(strset *x, const char *s, bool *cut)
{
	char tmp[TX_LIT_MAX_LEN + 1];
	size_t len = strlen(s);
	if (len > TX_LIT_MAX_LEN) {
		len = TX_LIT_MAX_LEN;
		*cut = true;
	}
	memcpy(tmp, s, len);
	tmp[len] = 0;
	if (ss_has(x, tmp))
		return true;
	if (x->n == TX_LIT_MAX_SET)
		return false;
	memcpy(x->s[x->n++], tmp, len + 1);
	return true;
}

/* a := every string of a followed by every string of b. false when that
 * does not fit (too many strings, or too long). */
static bool ss_cross(strset *a, const strset *b)
{
	strset r = {0};
	bool cut = false;
	for (size_t i = 0; i < a->n; i++) {
		for (size_t j = 0; j < b->n; j++) {
			char buf[2 * TX_LIT_MAX_LEN + 1];
			size_t la = strlen(a->s[i]), lb = strlen(b->s[j]);
			memcpy(buf, a->s[i], la);
			if (la && lb && buf[la - 1] == TX_LIT_BOUNDARY &&
			    b->s[j][0] == TX_LIT_BOUNDARY)
				la--; /* \b\b is \b */
			memcpy(buf + la, b->s[j], lb + 1);
			if (!ss_add(&r, buf, &cut) || cut)
				return false;
		}
	}
	*a = r;
	return true;
}

/* a := a ∪ b; false when that does not fit. */
static bool ss_union(strset *a, const strset *b, bool *cut)
{
	for (size_t i = 0; i < b->n; i++)
		if (!ss_add(a, b->s[i], cut))
			return false;
	return true;
}

/* Whether clause a implies clause b: each of a's strings contains one of
 * b's, so a text with a string of a has one of b. */
static bool implies(const strset *a, const strset *b)
{
	for (size_t i = 0; i < a->n; i++) {
		bool one = false;
		for (size_t k = 0; k < b->n && !one; k++)
			one = strstr(a->s[i], b->s[k]) != NULL;
		if (!one)
			return false;
	}
	return true;
}

/* Letters and digits in s (not counting boundary marks). */
static size_t text_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s != TX_LIT_BOUNDARY;
	return n;
}

/* How selective a clause is: its weakest string's letters, a boundary
 * mark counting a quarter of one (a word that must stand alone is rarer);
 * 0 when it holds a string without letters (it requires nothing). */
static size_t string_quality(const char *s)
{
	size_t t = text_len(s);
	return t ? 4 * t + (strlen(s) - t) : 0;
}

static size_t quality(const strset *x)
{
	size_t m = x->n ? (size_t)-1 : 0;
	for (size_t i = 0; i < x->n; i++) {
		size_t q = string_quality(x->s[i]);
		if (q < m)
			m = q;
	}
	return m;
}

/* Whether a is a better clause than b. */
static bool better(const strset *a, const strset *b)
{
	size_t qa = quality(a), qb = quality(b);
	return qa > qb || (qa == qb && a->n < b->n);
}

/* Add clause c to x (a REQ, or ANY becoming one), keeping the K best.
 * A clause that one of x's implies adds nothing ("internet" beside
 * "⊢internet"), and one that c implies goes: the K places are kept for
 * clauses that each require something more ("⊢crime" in
 * "\b(?:internet|online|computer)\s+crimes?\b"). */
static void req_add(lset *x, const strset *c)
{
	if (quality(c) == 0)
		return;
	if (x->kind != L_REQ) {
		x->kind = L_REQ;
		x->nc = 0;
	}
	for (size_t i = 0; i < x->nc; i++)
		if (implies(&x->c[i], c))
			return;
	size_t at = x->nc;
	while (at > 0 && better(c, &x->c[at - 1]))
		at--;
	if (at >= K)
		return;
	size_t last = x->nc < K ? x->nc : K - 1;
	memmove(&x->c[at + 1], &x->c[at], (last - at) * sizeof(strset));
	x->c[at] = *c;
	if (x->nc < K)
		x->nc++;
	size_t kept = 0;
	for (size_t i = 0; i < x->nc; i++)
		if (i == at || !implies(c, &x->c[i]))
			x->c[kept++] = x->c[i];
	x->nc = kept;
}

/* Add everything item requires to x. */
static void req_add_all(lset *x, const lset *item)
{
	if (item->kind == L_EXACT)
		req_add(x, &item->exact);
	for (size_t i = 0; item->kind == L_REQ && i < item->nc; i++)
		req_add(x, &item->c[i]);
}

/* What every match of x begins with, or NULL. */
static const strset *prefix_of(const lset *x)
{
	return x->kind == L_EXACT ? &x->exact : x->kind == L_REQ && x->has_pre ? &x->pre : NULL;
}

static void set_prefix(lset *x, const strset *pre)
{
	x->has_pre = pre && x->kind == L_REQ;
	if (x->has_pre)
		x->pre = *pre;
}

static const strset boundary_mark = {1, {{TX_LIT_BOUNDARY, 0}}};

/* What an item's matches begin with: its beginnings, or for one that
 * matches only characters that are not word characters ([\s-]+), the
 * word boundary before them; NULL when that is not known. */
static const strset *beginning_of(const lset *x)
{
	return x->kind == L_ANY && x->nonword ? &boundary_mark : prefix_of(x);
}

/* Shapes (literal.h). n 0 is a shape of which nothing is known; one
 * empty complete chain is that of what matches the empty string (\b, a
 * lookaround). A chain's strings hold no boundary marks: the check that
 * uses them only compares letters. */

static void shape_empty(tx_shape *x)
{
	x->n = 1;
	x->c[0].n = x->c[0].n_sets = 0;
	x->c[0].complete = true;
}

static void shape_gap(tx_shape *x, bool one_or_more)
{
	shape_empty(x);
	x->c[0].gap[0] = one_or_more ? 2 : 1;
	x->c[0].n = 1;
}

/* The strings of e without their marks, into out, cut to a shape's
 * length (*cut set when one was). *empty: how many are then empty. */
static void strip_marks(const strset *e, tx_shape_set *out, size_t *empty, bool *cut)
{
	out->n = 0;
	*empty = 0;
	for (size_t i = 0; i < e->n; i++) {
		char t[TX_LIT_MAX_LEN + 1];
		size_t n = 0;
		for (const char *p = e->s[i]; *p; p++)
			if (*p != TX_LIT_BOUNDARY)
				t[n++] = *p;
		if (n > TX_SHAPE_LEN) {
			n = TX_SHAPE_LEN;
			*cut = true;
		}
		t[n] = 0;
		*empty += n == 0;
		bool dup = false;
		for (size_t k = 0; k < out->n && !dup; k++)
			dup = !strcmp(out->s[k], t);
		if (!dup)
			memcpy(out->s[out->n++], t, n + 1);
	}
}

/* The shape of an EXACT piece: one string set, or the empty shape when
 * it consumes nothing; unknown when some of its strings are empty and
 * others not (x?). */
static void shape_exact(tx_shape *x, const strset *e)
{
	tx_shape_set set;
	size_t empty;
	bool cut = false;
	strip_marks(e, &set, &empty, &cut);
	x->n = 0;
	if (empty && empty < e->n)
		return;
	shape_empty(x);
	if (empty)
		return;
	x->c[0].n = x->c[0].n_sets = 1;
	x->c[0].gap[0] = 0;
	x->c[0].set[0] = 0;
	x->c[0].sets[0] = set;
	x->c[0].complete = !cut;
}

static void shape_incomplete(tx_shape *x)
{
	for (size_t i = 0; i < x->n; i++)
		x->c[i].complete = false;
}

/* a := every string of a followed by every string of b; false when that
 * does not fit. */
static bool set_cross(tx_shape_set *a, const tx_shape_set *b)
{
	tx_shape_set r = {0};
	if ((size_t)a->n * b->n > TX_LIT_MAX_SET)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		for (size_t j = 0; j < b->n; j++) {
			size_t la = strlen(a->s[i]), lb = strlen(b->s[j]);
			if (la + lb > TX_SHAPE_LEN)
				return false;
			memcpy(r.s[r.n], a->s[i], la);
			memcpy(r.s[r.n++] + la, b->s[j], lb + 1);
		}
	}
	*a = r;
	return true;
}

/* Chain a followed by chain b, when a is complete; where that does not
 * fit (too many steps or strings, or two gaps in a row, which would let
 * PCRE2 backtrack between them) a stops there, incomplete. */
static void chain_append(tx_chain *a, const tx_chain *b)
{
	if (!a->complete)
		return;
	for (size_t k = 0; k < b->n; k++) {
		bool gap = b->gap[k] != 0, last_gap = a->n && a->gap[a->n - 1];
		const tx_shape_set *set = gap ? NULL : &b->sets[b->set[k]];
		if (a->n && gap == last_gap) {
			if (gap || !set_cross(&a->sets[a->set[a->n - 1]], set)) {
				a->complete = false;
				return;
			}
			continue;
		}
		if (a->n == TX_SHAPE_STEPS || (!gap && a->n_sets == TX_SHAPE_SETS)) {
			a->complete = false;
			return;
		}
		a->gap[a->n] = b->gap[k];
		if (!gap) {
			a->set[a->n] = a->n_sets;
			a->sets[a->n_sets++] = *set;
		}
		a->n++;
	}
	a->complete = b->complete;
}

/* a := a followed by b. */
static void shape_cross(tx_shape *a, const tx_shape *b)
{
	size_t n = 0;
	for (size_t i = 0; i < a->n; i++)
		n += a->c[i].complete ? b->n : 1;
	if (b->n == 0 || n > TX_SHAPE_CHAINS) {
		shape_incomplete(a); /* what follows is not known */
		return;
	}
	tx_shape r;
	r.n = 0;
	for (size_t i = 0; i < a->n; i++) {
		if (!a->c[i].complete) {
			r.c[r.n++] = a->c[i];
			continue;
		}
		for (size_t j = 0; j < b->n; j++) {
			r.c[r.n] = a->c[i];
			chain_append(&r.c[r.n++], &b->c[j]);
		}
	}
	*a = r;
}

/* Add chain c to x as an alternative: to a chain of one string set
 * that is as complete, as more strings of that set ("internet|web"),
 * else as one chain more; false when that does not fit. */
static bool shape_add(tx_shape *x, const tx_chain *c)
{
	for (size_t i = 0; c->n == 1 && !c->gap[0] && i < x->n; i++) {
		tx_chain *d = &x->c[i];
		const tx_shape_set *from = &c->sets[0];
		tx_shape_set *to = &d->sets[0];
		if (d->n != 1 || d->gap[0] || d->complete != c->complete ||
		    to->n + from->n > TX_LIT_MAX_SET)
			continue;
		for (size_t k = 0; k < from->n; k++)
			memcpy(to->s[to->n++], from->s[k], TX_SHAPE_LEN + 1);
		return true;
	}
	if (x->n == TX_SHAPE_CHAINS)
		return false;
	x->c[x->n++] = *c;
	return true;
}

/* a := a | b. */
static void shape_alternate(tx_shape *a, const tx_shape *b)
{
	for (size_t i = 0; i < b->n && a->n; i++)
		if (!shape_add(a, &b->c[i]))
			a->n = 0;
	if (b->n == 0)
		a->n = 0;
}

/* The shape of an item before its quantifiers: an EXACT one's strings, a
 * run of characters that are not word characters a gap; a group keeps
 * what its alternatives gave. */
static void shape_of_item(lset *x)
{
	if (x->kind == L_EXACT)
		shape_exact(&x->sh, &x->exact);
	else if (x->kind == L_ANY && x->nonword)
		shape_gap(&x->sh, true);
}

/* A shape compiled for its check: each string as two 8-byte words, with
 * the bits a byte of text is ORed with (0x20 for a letter: either case)
 * and those compared (its length), so that one is compared in a few
 * instructions. */
typedef struct probe_string {
	uint64_t want[2], fold[2], keep[2];
	size_t len;
} probe_string;

typedef struct probe_step {
	unsigned char gap; /* as in tx_chain */
	size_t first, n;   /* a string set: str[first .. first + n) */
} probe_step;

/* The class of a byte in a pair (tx_pairs): a letter (either case), or
 * PAIR_OTHER for any other byte. */
#define PAIR_OTHER 26

struct tx_probe {
	/* When every chain is of one of two simple forms (quick_check): the
	 * first two bytes (as pair classes) that the word after the gap, or
	 * the word at the place, may begin with, so that most places are
	 * refused by a bit or two. */
	tx_pairs pairs;
	size_t n_chains;
	struct {
		size_t n;
		probe_step step[TX_SHAPE_STEPS];
	} chain[TX_SHAPE_CHAINS];
	probe_string str[]; /* every chain's strings */
};

static void compile_string(probe_string *p, const char *s)
{
	unsigned char want[16] = {0}, fold[16] = {0}, keep[16] = {0};
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		want[i] = (unsigned char)s[i];
		fold[i] = s[i] >= 'a' ? 0x20 : 0;
		keep[i] = 0xff;
	}
	memcpy(p->want, want, 16);
	memcpy(p->fold, fold, 16);
	memcpy(p->keep, keep, 16);
	p->len = n;
}

static unsigned pair_class(unsigned char c)
{
	c |= 0x20;
	return c >= 'a' && c <= 'z' ? (unsigned)(c - 'a') : PAIR_OTHER;
}

static void set_pairs(uint64_t *bits, const tx_shape_set *set)
{
	for (size_t j = 0; j < set->n; j++) {
		const unsigned char *t = (const unsigned char *)set->s[j];
		unsigned a = pair_class(t[0]);
		for (unsigned b = 0; b < 27; b++) /* a one-byte string: any byte may follow */
			if (!t[1] || b == pair_class(t[1]))
				bits[(a * 27 + b) / 64] |= (uint64_t)1 << ((a * 27 + b) % 64);
	}
}

/* Fill the pairs when every chain either begins with a string, a gap
 * of one byte or more and a string (next_pair: the word after the gap),
 * or is one string set and nothing or a gap after it (at_pair: the word
 * at the place). */
static void quick_check(tx_probe *p, const tx_shape *sh)
{
	for (size_t i = 0; i < sh->n; i++) {
		const tx_chain *c = &sh->c[i];
		bool next = c->n >= 3 && !c->gap[0] && c->gap[1] >= 2 && !c->gap[2];
		bool here = c->n >= 1 && !c->gap[0] && (c->n == 1 || c->gap[1]);
		if (!next && !here)
			return;
	}
	for (size_t i = 0; i < sh->n; i++) {
		const tx_chain *c = &sh->c[i];
		if (c->n >= 3 && !c->gap[0] && c->gap[1] >= 2 && !c->gap[2])
			set_pairs(p->pairs.next, &c->sets[c->set[2]]);
		else
			set_pairs(p->pairs.at, &c->sets[c->set[0]]);
	}
	p->pairs.quick = true;
}

tx_probe *tx_probe_new(const tx_shape *sh)
{
	size_t n = 0;
	for (size_t i = 0; i < sh->n; i++)
		for (size_t k = 0; k < sh->c[i].n_sets; k++)
			n += sh->c[i].sets[k].n;
	tx_probe *p = calloc(1, sizeof(*p) + n * sizeof(probe_string));
	if (!p)
		abort();
	n = 0;
	p->n_chains = sh->n;
	for (size_t i = 0; i < sh->n; i++) {
		const tx_chain *c = &sh->c[i];
		p->chain[i].n = c->n;
		for (size_t k = 0; k < c->n; k++) {
			probe_step *st = &p->chain[i].step[k];
			st->gap = c->gap[k];
			if (st->gap)
				continue;
			const tx_shape_set *set = &c->sets[c->set[k]];
			st->first = n;
			st->n = set->n;
			for (size_t j = 0; j < set->n; j++)
				compile_string(&p->str[n++], set->s[j]);
		}
	}
	quick_check(p, sh);
	return p;
}

void tx_probe_free(tx_probe *p)
{
	free(p);
}

/* [A-Za-z0-9_], the word characters of \b and \w in byte mode. */
/* clang-format off */
static const bool word_char[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1, ['_'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
	['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
	['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
	['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
	['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};
/* clang-format on */

/* Which string of step st the text at *at begins with: *at moves past
 * it; more than one (one a prefix of another) leaves it open where the
 * next step begins: *at is then len + 1. */
static bool step_at(const tx_probe *p, const probe_step *st, const char *text, size_t len,
                    size_t *at)
{
	uint64_t t[2];
	if (*at + 16 <= len) {
		memcpy(t, text + *at, 16);
	} else { /* the bytes past the end are 0, which no string holds */
		unsigned char b[16] = {0};
		if (*at < len)
			memcpy(b, text + *at, len - *at);
		memcpy(t, b, 16);
	}
	size_t found = 0, end = 0;
	for (size_t i = st->first; i < st->first + st->n; i++) {
		const probe_string *s = &p->str[i];
		if (((t[0] | s->fold[0]) & s->keep[0]) == s->want[0] &&
		    ((t[1] | s->fold[1]) & s->keep[1]) == s->want[1]) {
			found++;
			end = *at + s->len;
		}
	}
	*at = found > 1 ? len + 1 : end;
	return found > 0;
}

void tx_probe_word(const char *text, size_t len, size_t at, size_t *word, size_t *next)
{
	size_t w = at, n;
	while (w < len && word_char[(unsigned char)text[w]])
		w++;
	for (n = w; n < len && !word_char[(unsigned char)text[n]];)
		n++;
	*word = w;
	*next = n;
}

unsigned tx_pair_of(const char *text, size_t len, size_t at)
{
	if (at >= len)
		return TX_PAIR_NONE;
	unsigned a = pair_class((unsigned char)text[at]);
	unsigned b = at + 1 < len ? pair_class((unsigned char)text[at + 1]) : PAIR_OTHER;
	return a * 27 + b;
}

const tx_pairs *tx_probe_pairs(const tx_probe *p)
{
	return &p->pairs;
}

bool tx_probe_may_begin(const tx_probe *p, const char *text, size_t len, size_t at, size_t word,
                        size_t next)
{
	/* A string of letters followed by a gap of one byte or more ends
	 * where the word that begins at the place ends: the places are those
	 * where the prefilter found one of the strings the pattern begins
	 * with, so for such a chain only what follows the gap is read. (The
	 * caller has tried tx_pairs first.) */
	for (size_t i = 0; i < p->n_chains; i++) {
		size_t pos = at, k = 0;
		if (p->chain[i].n > 1 && p->chain[i].step[1].gap > 1) {
			if (word == at || next == word)
				continue;
			pos = next;
			k = 2;
		}
		for (; k < p->chain[i].n; k++) {
			const probe_step *st = &p->chain[i].step[k];
			if (st->gap) {
				size_t from = pos;
				while (pos < len && !word_char[(unsigned char)text[pos]])
					pos++;
				if (pos - from < (size_t)st->gap - 1)
					break;
			} else if (!step_at(p, st, text, len, &pos)) {
				break;
			} else if (pos > len) {
				return true; /* open: no more is known */
			}
		}
		if (k == p->chain[i].n)
			return true;
	}
	return false;
}

static void parse_alt(lparse *ps, lset *out);

static int peek(const lparse *ps, size_t k)
{
	return ps->p + k < ps->end ? (unsigned char)ps->p[k] : -1;
}

/* Skip "{…}" at p (after \x, \o, \p, \N …). */
static void skip_braces(lparse *ps)
{
	const char *close = memchr(ps->p, '}', (size_t)(ps->end - ps->p));
	if (!close)
		ps->bail = true;
	else
		ps->p = close + 1;
}

static bool alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static char fold(int c)
{
	return (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

/* Add the letter or digit c of a class to out; false when the class is
 * no longer a small set of them. */
static bool class_add(lparse *ps, strset *out, int c)
{
	bool cut = false;
	char s[2] = {fold(c), 0};
	if (!alnum(c) || (ps->utf && (s[0] == 'k' || s[0] == 's')))
		return false;
	return ss_add(out, s, &cut) && out->n <= MAX_CLASS;
}

/* A character class, from just after '['. A class of a few letters and
 * digits ([345], [sz]) is the set of those one-letter strings; any other
 * class (a negation, a wide range, an escape) is ANY. */
static void parse_class(lparse *ps, lset *out)
{
	bool small = true, nonword = peek(ps, 0) != '^';
	set_any(out);
	out->kind = L_EXACT;
	out->exact.n = 0;
	if (peek(ps, 0) == '^') {
		ps->p++;
		small = false;
	}
	if (peek(ps, 0) == ']') {
		ps->p++;
		small = false;
	}
	while (ps->p < ps->end && !ps->bail) {
		int c = (unsigned char)*ps->p++;
		if (c == ']') {
			if (!small || out->exact.n == 0) {
				set_any(out);
				out->nonword = nonword;
			}
			return;
		}
		/* a member that is not a word character: punctuation, a space,
		 * \s, \W, \h, \v (a range or anything else may be one) */
		nonword = nonword && c < 0x80 && !alnum(c) && c != '_' && c != '[' &&
		          (peek(ps, 0) != '-' || peek(ps, 1) == ']' || c == '\\') &&
		          (c != '\\' || (peek(ps, 0) >= 0 && strchr("sWhv", peek(ps, 0))));
		if (small && alnum(c) && peek(ps, 0) == '-' && peek(ps, 1) >= 0 &&
		    peek(ps, 1) != ']') {
			int last = peek(ps, 1);
			if (last == '\\' || last == '[') {
				ps->bail = true; /* ranges to escapes: not worth reading */
				return;
			}
			ps->p += 2;
			bool same = alnum(last) && ((c <= '9') == (last <= '9')) &&
			            ((c >= 'a') == (last >= 'a')) && last >= c &&
			            last - c < MAX_CLASS;
			for (int x = c; same && x <= last; x++)
				same = class_add(ps, &out->exact, x);
			small = same;
			continue;
		}
		if (small)
			small = class_add(ps, &out->exact, c);
		if (c == '[' && peek(ps, 0) == ':') {
			const char *close = strstr(ps->p, ":]");
			if (!close || close >= ps->end)
				break;
			ps->p = close + 2;
		} else if (c == '\\') {
			int e = peek(ps, 0);
			if (e < 0 || e == 'Q' || e == 'E')
				break;
			ps->p++;
			if (strchr("xopPN", e) && peek(ps, 0) == '{')
				skip_braces(ps);
		}
	}
	ps->bail = true; /* no closing bracket: not understood */
}

/* An escape, from just after '\'. */
static void parse_escape(lparse *ps, lset *out)
{
	int e = peek(ps, 0);
	set_any(out);
	if (e < 0) {
		ps->bail = true;
		return;
	}
	ps->p++;
	if (e == 'b') {
		char mark[2] = {TX_LIT_BOUNDARY, 0};
		set_exact(out, mark); /* a word boundary: consumes nothing, but is a mark */
	} else if (strchr("BAzZGK", e)) {
		set_exact(out, ""); /* assertions consume nothing */
	} else if (strchr("dDwWsShHvVRXC", e)) {
		out->nonword = strchr("WshvR", e) != NULL; /* a class of characters */
	} else if (e == 'p' || e == 'P' || e == 'x' || e == 'o' || e == 'N') {
		if (peek(ps, 0) == '{')
			skip_braces(ps);
		else if (e == 'p' || e == 'P')
			ps->p += ps->p < ps->end;
		else if (e == 'x')
			for (int i = 0;
			     i < 2 && ps->p < ps->end && strchr("0123456789abcdefABCDEF", *ps->p);
			     i++)
				ps->p++;
		else if (e == 'o')
			ps->bail = true;
	} else if (e >= '0' && e <= '9') {
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++; /* a back reference or an octal character */
	} else if (strchr("ntrfae", e)) {
		out->nonword = true; /* a control character */
	} else if (alnum(e) || e >= 0x80) {
		ps->bail = true; /* \Q, \E, \c, \g, \k, … */
	} else {
		out->nonword = e != '_'; /* an escaped punctuation character */
	}
}

/* Option letters, from "?" at p, that change nothing the literals
 * depend on: case (the prefilter folds case, so the literals of a
 * case-sensitive part hold all the more), dot, anchors, greed and names.
 * The letters' end: ':' (a group follows) or ')' (a setting); 0 when
 * there are none, or others (x, where spaces are not literal). */
static int option_letters(lparse *ps, size_t *n)
{
	*n = 1;
	while (peek(ps, *n) > 0 && strchr("imnsUJ^-", peek(ps, *n)))
		(*n)++;
	int end = peek(ps, *n);
	return *n > 1 && (end == ':' || end == ')') ? end : 0;
}

/* "(" … ")", from just after '('. */
static void parse_group(lparse *ps, lset *out)
{
	bool zero_width = false;
	size_t n;
	int end;
	set_any(out);
	if (peek(ps, 0) == '*') {
		ps->bail = true; /* verbs, (*UTF), (*positive_lookahead: …) */
		return;
	}
	if (peek(ps, 0) == '?') {
		int a = peek(ps, 1), b = peek(ps, 2);
		if (a == ':' || a == '>' || a == '|') {
			ps->p += 2;
		} else if (a == '=' || a == '!') {
			ps->p += 2;
			zero_width = true;
		} else if (a == '<' && (b == '=' || b == '!')) {
			ps->p += 3;
			zero_width = true;
		} else if (a == '<' || a == '\'' || (a == 'P' && b == '<')) {
			const char *close =
			    memchr(ps->p, a == '\'' ? '\'' : '>', (size_t)(ps->end - ps->p));
			if (a == '\'' && close)
				close = memchr(close + 1, '\'', (size_t)(ps->end - close - 1));
			if (!close) {
				ps->bail = true;
				return;
			}
			ps->p = close + 1; /* a named group */
		} else if ((end = option_letters(ps, &n)) == ':') {
			ps->p += n + 1; /* (?-i: … ) */
		} else if (end == ')') {
			ps->p += n + 1; /* (?-i): for the rest of the enclosing group */
			set_exact(out, "");
			return;
		} else {
			ps->bail = true; /* comments, recursion, conditions, callouts */
			return;
		}
	}
	if (++ps->depth > MAX_DEPTH) {
		ps->bail = true;
		return;
	}
	parse_alt(ps, out);
	ps->depth--;
	if (peek(ps, 0) != ')') {
		ps->bail = true;
		return;
	}
	ps->p++;
	if (zero_width)
		set_exact(out, "");
}

/* A number in a quantifier at *d (spaces around it allowed): its value
 * (at most 1000), or -1 when there is none. */
static long quantifier_number(const char **d)
{
	long v = -1;
	while (**d == ' ')
		(*d)++;
	while (**d >= '0' && **d <= '9') {
		v = (v < 0 ? 0 : v) * 10 + (*(*d)++ - '0');
		if (v > 1000)
			v = 1000;
	}
	while (**d == ' ')
		(*d)++;
	return v;
}

/* A quantifier after an item: its minimum, or -1 when there is none, and
 * its maximum in *max (-1: unbounded). "{" that is not a quantifier
 * (PCRE2 reads it as a literal) is left. */
static long parse_quantifier(lparse *ps, long *max)
{
	int c = peek(ps, 0);
	long min;
	*max = -1;
	if (c == '?' || c == '*' || c == '+') {
		ps->p++;
		min = c == '+' ? 1 : 0;
		if (c == '?')
			*max = 1;
	} else if (c == '{') {
		const char *q = ps->p + 1;
		bool digits = false;
		while (q < ps->end && (strchr("0123456789, ", *q)))
			digits |= *q++ >= '0';
		if (q >= ps->end || *q != '}' || !digits)
			return -1;
		const char *d = ps->p + 1;
		min = quantifier_number(&d);
		if (min < 0)
			min = 0; /* {,n} */
		if (*d == ',') {
			d++;
			*max = quantifier_number(&d); /* {n,} : -1 */
		} else {
			*max = min; /* {n} */
		}
		ps->p = q + 1;
	} else {
		return -1;
	}
	if (peek(ps, 0) == '?' || peek(ps, 0) == '+')
		ps->p++; /* lazy or possessive */
	return min;
}

/* One item and its quantifiers. */
static void parse_item(lparse *ps, lset *out)
{
	int c = (unsigned char)*ps->p++;
	set_any(out);
	if (c == '(') {
		parse_group(ps, out);
	} else if (c == '[') {
		parse_class(ps, out);
	} else if (c == '\\') {
		parse_escape(ps, out);
	} else if (c == '^' || c == '$') {
		set_exact(out, "");
	} else if (c == '*' || c == '+' || c == '?') {
		ps->bail = true;
	} else if (c >= 0x80) {
		while (ps->p < ps->end && ((unsigned char)*ps->p & 0xc0) == 0x80)
			ps->p++; /* one UTF-8 character: its case is Unicode's */
		set_any(out);
	} else if (alnum(c) && !(ps->utf && (fold(c) == 'k' || fold(c) == 's'))) {
		char s[2] = {fold(c), 0};
		set_exact(out, s);
	} else {
		set_any(out); /* '.', space, hyphen, other punctuation; k, s in UTF */
		out->nonword = !alnum(c) && c != '.' && c != '_' && c != '{' && c != '}';
	}
	shape_of_item(out);
	tx_shape base = out->sh;
	bool gap = out->kind == L_ANY && out->nonword, quantified = false, zero = false;
	long min, max;
	while (!ps->bail && (min = parse_quantifier(ps, &max)) >= 0) {
		bool cut = false;
		if (min == 1 && max == 1)
			continue; /* x{1} is x */
		quantified = true;
		zero |= min == 0;
		if (min == 0 && max == 1 && out->kind == L_EXACT && ss_add(&out->exact, "", &cut))
			continue; /* x? : x or nothing */
		if (min == 0) {
			const strset *pre = beginning_of(out);
			strset keep = pre ? *pre : (strset){0};
			int optional = pre && !out->optional ? 1 : 2;
			set_any(out);
			out->optional = optional;
			out->opt_pre = keep;
		} else if (out->kind == L_EXACT) { /* x+, x{2,} : at least one x */
			strset e = out->exact;
			set_any(out);
			req_add(out, &e);
			if (out->kind != L_REQ)
				out->kind = L_REQ; /* no clause, but still a beginning */
			set_prefix(out, &e);
		}
	}
	/* A run of a run of gaps is a gap; one x or more begins with x, and
	 * what follows is not known. */
	if (!quantified)
		out->sh = base;
	else if (gap)
		shape_gap(&out->sh, !zero);
	else if (out->kind == L_EXACT)
		shape_exact(&out->sh, &out->exact);
	else if (zero)
		out->sh.n = 0;
	else {
		out->sh = base;
		shape_incomplete(&out->sh);
	}
}

/* lead := lead followed by the beginnings of item, while it is still
 * leading; the end of the leading run when item is not EXACT. So the
 * matches of "\bco[\s-]+governance" begin with the word "co" ("⊢co⊣"),
 * not with any word that begins with co. */
static void extend_lead(strset *lead, bool *leading, const lset *item)
{
	const strset *pre = beginning_of(item);
	if (!*leading)
		return;
	if (pre) {
		strset t = *lead;
		if (ss_cross(&t, pre))
			*lead = t;
		else
			*leading = false;
	}
	if (item->kind != L_EXACT)
		*leading = false;
}

/* An optional item whose beginnings are known, while the sequence is
 * still leading: the matches that take it begin with lead and those
 * beginnings, the others go on with lead as it is. false when that does
 * not fit. */
static bool fork_lead(const strset *lead, const lset *item, strset *forks)
{
	strset t = *lead, u = *forks;
	bool cut = false;
	if (!ss_cross(&t, &item->opt_pre) || !ss_union(&u, &t, &cut) || cut)
		return false;
	*forks = u;
	return true;
}

/* Items up to '|' or ')' or the end. */
static void parse_seq(lparse *ps, lset *out)
{
	strset cur = {1, {""}}, lead = {1, {""}}, forks = {0}, unforked;
	lset acc, item;
	bool exact = true, leading = true, forked = false;
	tx_shape sh;
	shape_empty(&sh);
	set_any(&acc);
	while (ps->p < ps->end && *ps->p != '|' && *ps->p != ')' && !ps->bail) {
		parse_item(ps, &item);
		shape_cross(&sh, &item.sh);
		if (leading && item.optional == 1) {
			if (!forked)
				unforked = lead; /* what every match begins with, fork or not */
			forked = true;
			/* too many strings: the matches that take it begin with
			 * lead too */
			if (!fork_lead(&lead, &item, &forks))
				leading = false;
		} else if (item.optional) /* all matches still begin with lead */
			leading = false;
		else
			extend_lead(&lead, &leading, &item);
		if (item.kind == L_EXACT) {
			if (ss_cross(&cur, &item.exact))
				continue;
			req_add(&acc, &cur); /* too many strings: start a new run */
			cur = item.exact;
		} else if (item.kind == L_ANY && item.nonword) {
			/* letters on either side are at word boundaries */
			if (ss_cross(&cur, &boundary_mark))
				req_add(&acc, &cur);
			cur = boundary_mark;
		} else {
			req_add(&acc, &cur);
			req_add_all(&acc, &item);
			cur = (strset){1, {""}};
		}
		exact = false;
	}
	if (exact) {
		set_any(out);
		out->kind = L_EXACT;
		out->exact = cur;
		out->sh = sh;
		return;
	}
	req_add(&acc, &cur);
	*out = acc;
	out->sh = sh;
	bool cut = false;
	if (!ss_union(&lead, &forks, &cut) || cut)
		lead = forked ? unforked : (strset){0};
	bool known = quality(&lead) > 0;
	if (out->kind == L_ANY && known)
		out->kind = L_REQ; /* no clause, but a beginning */
	set_prefix(out, known ? &lead : NULL);
}

/* a := a | b. */
static void alternate(lset *a, const lset *b)
{
	bool cut = false;
	tx_shape sh = a->sh;
	shape_alternate(&sh, &b->sh);
	if (a->kind == L_ANY || b->kind == L_ANY) {
		bool nonword = a->nonword && b->nonword;
		set_any(a);
		a->nonword = nonword;
		a->sh = sh;
		return;
	}
	if (a->kind == L_EXACT && b->kind == L_EXACT) {
		strset u = a->exact;
		if (ss_union(&u, &b->exact, &cut) && !cut) {
			a->exact = u;
			a->sh = sh;
			return;
		}
	}
	lset x, y, r;
	set_any(&x);
	set_any(&y);
	set_any(&r);
	req_add_all(&x, a);
	req_add_all(&y, b);
	for (size_t j = 0; j < K && x.nc && y.nc; j++) {
		strset u = x.c[j < x.nc ? j : x.nc - 1];
		if (ss_union(&u, &y.c[j < y.nc ? j : y.nc - 1], &cut))
			req_add(&r, &u);
	}
	const strset *pa = prefix_of(a), *pb = prefix_of(b);
	strset pre;
	bool has = false;
	if (pa && pb) {
		pre = *pa;
		cut = false;
		has = ss_union(&pre, pb, &cut) && quality(&pre) > 0;
	}
	if (has && r.kind == L_ANY)
		r.kind = L_REQ; /* no clause, but a beginning */
	set_prefix(&r, has ? &pre : NULL);
	*a = r;
	a->sh = sh;
}

static void parse_alt(lparse *ps, lset *out)
{
	lset branch;
	parse_seq(ps, out);
	while (!ps->bail && peek(ps, 0) == '|') {
		ps->p++;
		parse_seq(ps, &branch);
		alternate(out, &branch);
	}
}

/* Copy clause c to out, without the strings that contain another of its
 * strings (they add nothing to the test). */
static void minimise(const strset *c, strset *out)
{
	out->n = 0;
	for (size_t i = 0; i < c->n; i++) {
		bool redundant = false;
		for (size_t j = 0; j < c->n && !redundant; j++)
			redundant = j != i && strstr(c->s[i], c->s[j]) &&
			            (strlen(c->s[j]) < strlen(c->s[i]) || j < i);
		if (!redundant)
			memcpy(out->s[out->n++], c->s[i], TX_LIT_MAX_LEN + 1);
	}
}

/* Whether beginnings are worth trying a pattern at: each has two letters,
 * or one between word boundaries. */
static bool rare_enough(const strset *begin)
{
	for (size_t i = 0; i < begin->n; i++) {
		const char *s = begin->s[i];
		size_t n = strlen(s);
		if (text_len(s) < 2 && !(text_len(s) == 1 && n == 3 && s[0] == TX_LIT_BOUNDARY &&
		                         s[2] == TX_LIT_BOUNDARY))
			return false;
	}
	return begin->n > 0;
}

/* Whether clause c is worth adding after the clauses in out. One with a
 * string of three letters or fewer ("of", "the", "e") would be found
 * nearly everywhere: it costs the prefilter more than it saves, unless
 * the prefilter looks for each such string already, for a clause in out
 * ("\b(?:internet\s+exchange\s+points?|IXPs?)\b" has the clauses
 * {⊢internet, ⊢ixp} and {⊢exchange, ⊢ixp}: a segment that says Internet
 * but neither IXP nor exchange is not searched). */
static bool worth_adding(const strset *c, const tx_literals *out)
{
	for (size_t i = 0; i < c->n; i++) {
		bool known = string_quality(c->s[i]) >= 4 * 4;
		for (size_t k = 0; k < out->n && !known; k++)
			known = ss_has(&out->clauses[k], c->s[i]);
		if (!known)
			return false;
	}
	return true;
}

/* The shape of the pattern, for a pattern tried at places: when each of
 * its chains begins with a string, and one says more than that string
 * (which the prefilter finds already). */
static void useful_shape(const tx_shape *sh, tx_literals *out)
{
	bool more = false;
	out->shape.n = 0;
	for (size_t i = 0; i < sh->n; i++) {
		if (!sh->c[i].n || sh->c[i].gap[0])
			return;
		more |= sh->c[i].n > 1;
	}
	if (more && out->prefix.n)
		out->shape = *sh;
}

void tx_literals_of(const char *pattern, bool utf, tx_literals *out)
{
	lparse ps = {.p = pattern, .end = pattern + strlen(pattern), .utf = utf};
	lset r;
	out->n = 0;
	out->shape.n = 0;
	parse_alt(&ps, &r);
	out->prefix.n = 0;
	if (ps.bail || ps.p != ps.end)
		return;
	const strset *pre = prefix_of(&r);
	strset begin = {0};
	if (pre)
		begin = *pre;
	/* Trying a pattern anchored where it may begin costs a little per
	 * place (and the prefilter notes every place, in every segment);
	 * searching a segment with it all through costs a little per byte:
	 * two letters are rare enough to be worth it, and a word of one
	 * letter, but not a word's first letter (one word in sixteen begins
	 * with s). */
	if (rare_enough(&begin))
		out->prefix = begin;
	useful_shape(&r.sh, out);
	if (r.kind == L_EXACT)
		set_any(&r);
	req_add(&r, &begin); /* a beginning is required too */
	for (size_t i = 0; r.kind == L_REQ && i < r.nc; i++)
		if (i == 0 || worth_adding(&r.c[i], out))
			minimise(&r.c[i], &out->clauses[out->n++]);
}
