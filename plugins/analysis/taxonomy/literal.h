/* SPDX-License-Identifier: MIT */
/*
 * Required literals of a pattern, for the prefilter: a few clauses, each
 * a set of strings of ASCII letters and digits in lower case, such that
 * every match of the pattern (compiled caseless) contains a string of
 * every clause. "\bunified\s+internet\b" gives two clauses, {unified} and
 * {internet}: a segment that lacks either cannot match, and the pattern
 * is not run there.
 *
 * The pattern is read with a small parser of PCRE2's syntax that knows
 * literals, groups, alternatives, quantifiers, classes, escapes and
 * assertions, and gives up (no clauses: the pattern always runs) on
 * anything else: option settings, verbs, \Q…\E, conditions, recursion,
 * callouts. Giving up is always safe; claiming a literal a match could
 * lack never is, so every doubt is resolved towards giving up.
 *
 * The same reading gives the strings every match begins with, when it
 * does ("\bcyber[\s-]*crime" begins with "cyber" at a word boundary).
 *
 * A string may begin or end with TX_LIT_BOUNDARY: the literal must then
 * begin (end) at a word boundary, where the pattern has \b.
 */
#ifndef TAXONOMY_LITERAL_H
#define TAXONOMY_LITERAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TX_LIT_BOUNDARY '^'
#define TX_LIT_MAX_SET  16 /* strings in one clause */
#define TX_LIT_MAX_LEN                                                                             \
	24 /* bytes in one string (longer ones are cut: a prefix is still required) */
#define TX_LIT_MAX_CLAUSES 3

typedef struct tx_lit_clause {
	size_t n;
	char s[TX_LIT_MAX_SET][TX_LIT_MAX_LEN + 1];
} tx_lit_clause;

/* What a match looks like from its start, as far as it is known: a chain
 * of steps, each a set of strings of [a-z0-9] (one of which the text
 * holds there, in any case) or a gap (a run of bytes that are not ASCII
 * word characters, of at least min bytes). "\bdomain[\s-]+names?\b"
 * gives the word "domain", a gap of one byte or more, then "name" or
 * "names". Every match of the pattern begins with one of the chains of
 * its shape, so a place where none begins cannot hold a match. */
#define TX_SHAPE_CHAINS 4
#define TX_SHAPE_SETS   3 /* string sets in one chain */
#define TX_SHAPE_STEPS  (2 * TX_SHAPE_SETS)
#define TX_SHAPE_LEN    15 /* bytes in one string (a longer one is cut: what follows is not known) */

typedef struct tx_shape_set {
	unsigned char n;
	char s[TX_LIT_MAX_SET][TX_SHAPE_LEN + 1];
} tx_shape_set;

typedef struct tx_chain {
	unsigned char n; /* steps */
	/* per step: 0 for a string set, else a gap of at least gap - 1 bytes */
	unsigned char gap[TX_SHAPE_STEPS];
	unsigned char set[TX_SHAPE_STEPS]; /* the string set of such a step, in sets */
	unsigned char n_sets;
	bool complete; /* the chain is the whole of what it stands for: more may follow */
	tx_shape_set sets[TX_SHAPE_SETS];
} tx_chain;

typedef struct tx_shape {
	unsigned char n; /* chains; 0: nothing known (any place may hold a match) */
	tx_chain c[TX_SHAPE_CHAINS];
} tx_shape;

/* A shape made ready for checking places (sh has chains); owned by the
 * caller, freed with tx_probe_free. */
typedef struct tx_probe tx_probe;
tx_probe *tx_probe_new(const tx_shape *sh);
void tx_probe_free(tx_probe *p);
/* A first test of a place, in a bit or two: when quick, a match may
 * begin at a place only where the pair of bytes there (at) or that after
 * the word and the gap that follow it (next) is one of these. A pair is
 * numbered by tx_pair_of. */
#define TX_PAIR_BITS  (27 * 27)
#define TX_PAIR_NONE  TX_PAIR_BITS /* no pair: never one of them */
#define TX_PAIR_WORDS ((TX_PAIR_BITS + 64) / 64)
typedef struct tx_pairs {
	bool quick;
	uint64_t at[TX_PAIR_WORDS], next[TX_PAIR_WORDS];
} tx_pairs;
const tx_pairs *tx_probe_pairs(const tx_probe *p);
unsigned tx_pair_of(const char *text, size_t len, size_t at);
static inline bool tx_pair_in(const uint64_t *bits, unsigned pair)
{
	return bits[pair / 64] >> (pair % 64) & 1;
}

/* Where the word that begins at text[at] ends (*word), and where the
 * next one begins after the run of non-word bytes that follows (*next):
 * read once for a place, then shared by every pattern tried there. */
void tx_probe_word(const char *text, size_t len, size_t at, size_t *word, size_t *next);
/* Whether a match of a pattern of the probe's shape may begin at
 * text[at] (len bytes), given tx_probe_word's answers for at. */
bool tx_probe_may_begin(const tx_probe *p, const char *text, size_t len, size_t at, size_t word,
                        size_t next);

typedef struct tx_literals {
	size_t n; /* clauses; 0: none known */
	tx_lit_clause clauses[TX_LIT_MAX_CLAUSES];
	/* Strings one of which begins every match (n 0: none known, or too
	 * short to be worth it): the pattern can then be tried, anchored,
	 * only where one of them occurs. */
	tx_lit_clause prefix;
	/* The shape of its matches (n 0 when prefix is: the shape is only of
	 * use where the pattern is tried at places). */
	tx_shape shape;
} tx_literals;

/* The literals of pattern (which compiled). utf: compiled in UTF mode,
 * where caseless k and s also match the Kelvin sign and the long s, so
 * they cannot be literals. */
void tx_literals_of(const char *pattern, bool utf, tx_literals *out);

#endif
