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

#define TX_LIT_BOUNDARY '^'
#define TX_LIT_MAX_SET  16 /* strings in one clause */
#define TX_LIT_MAX_LEN                                                                             \
	24 /* bytes in one string (longer ones are cut: a prefix is still required) */
#define TX_LIT_MAX_CLAUSES 3

typedef struct tx_lit_clause {
	size_t n;
	char s[TX_LIT_MAX_SET][TX_LIT_MAX_LEN + 1];
} tx_lit_clause;

typedef struct tx_literals {
	size_t n; /* clauses; 0: none known */
	tx_lit_clause clauses[TX_LIT_MAX_CLAUSES];
	/* Strings one of which begins every match (n 0: none known, or too
	 * short to be worth it): the pattern can then be tried, anchored,
	 * only where one of them occurs. */
	tx_lit_clause prefix;
} tx_literals;

/* The literals of pattern (which compiled). utf: compiled in UTF mode,
 * where caseless k and s also match the Kelvin sign and the long s, so
 * they cannot be literals. */
void tx_literals_of(const char *pattern, bool utf, tx_literals *out);

#endif
