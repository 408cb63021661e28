/* SPDX-License-Identifier: MIT */
/*
 * The prefilter: one pass over a segment (Aho-Corasick over ASCII letters
 * and digits, folded) that tells which of the patterns' required literals
 * (literal.h) it contains, so that only the patterns that can match there
 * are run. With a few hundred patterns this turns a few hundred PCRE2
 * searches of every segment into one pass and the handful of searches
 * that may find something.
 *
 * The pass may report a literal that is not there (it looks at no more
 * than TX_PF_MAX_TEXT letters of one, and all digits look alike to it),
 * never miss one that is: a report only lets a pattern run.
 */
#ifndef TAXONOMY_PREFILTER_H
#define TAXONOMY_PREFILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strmap.h"

#define TX_PF_MAX_TEXT 8

/* A literal: a text, and whether it must begin and end at a word
 * boundary (\b: no ASCII letter, digit or underscore on that side). */
typedef struct tx_pf_literal {
	uint32_t text;
	bool start, end;
	bool anchor; /* every occurrence is wanted, not only the first */
} tx_pf_literal;

/* Where an anchor literal begins in the text; next: the literal's
 * occurrence before this one (TX_PF_NONE for none). */
#define TX_PF_NONE UINT32_MAX
typedef struct tx_pf_occurrence {
	uint32_t at;
	uint32_t next; /* while scanning: the literal */
} tx_pf_occurrence;

typedef struct tx_pf_occurrences {
	tx_pf_occurrence *v;
	size_t n, cap;
} tx_pf_occurrences;

/* What a state where texts end reports: one literal of one of its texts
 * (the text's length, and whether the literal must end a word). */
typedef struct tx_pf_action {
	uint32_t lit;
	uint16_t len;
	bool end, anchor;
} tx_pf_action;

/* A step of a scan that ended in a state where texts end: the state, and
 * the place after the byte it read. */
typedef struct tx_pf_hit {
	uint32_t state, end;
} tx_pf_hit;

typedef struct tx_pf_hits {
	tx_pf_hit *v;
	size_t cap;
} tx_pf_hits;

typedef struct tx_prefilter {
	/* [state << 5 | class]: the next state; 16-bit entries while the
	 * states fit, else 32-bit. States where texts end are numbered from
	 * out_first, a power of two, so that one bit tells them. */
	uint16_t *delta16;
	uint32_t *delta32;
	uint32_t n_states;
	uint32_t out_first;
	uint32_t word_start; /* the state after ⊢ (see prefilter.c) */
	/* per state from out_first on: its actions are actions[act_start[s -
	 * out_first] .. act_start[s - out_first + 1]] */
	uint32_t *act_start;
	tx_pf_action *actions;
	bool *state_anchor;   /* per such state: it reports an anchor literal */
	bool *state_ends;     /* per such state: each of its literals must end a word */
	uint32_t *state_done; /* per such state: the scan in which all its literals were seen */
	char **texts;         /* distinct texts, lower case [a-z0-9] */
	uint32_t *text_len;
	size_t n_texts;
	tx_strmap text_ids;    /* while building: text -> index */
	tx_strmap literal_ids; /* while building: marks and text -> index */
	tx_pf_literal *literals;
	size_t n_literals;
	uint32_t *gen; /* per literal: the scan that last saw it */
	uint32_t scan;
	/* The occurrences of anchor literals in the last scan, in the order
	 * of the text. */
	tx_pf_occurrences occ;
	tx_pf_hits hits;    /* the hits of the scans of one segment's parts */
	uint32_t *last_occ; /* per literal: its last occurrence in occ, when last_gen is scan */
	uint32_t *last_gen;
} tx_prefilter;

/* Add a literal as literal.h writes it (lower case [a-z0-9], with
 * TX_LIT_BOUNDARY marks); returns its index. Adding one twice gives the
 * same index. An anchor literal's occurrences are all listed in occ. */
size_t tx_pf_add(tx_prefilter *pf, const char *literal, bool anchor);
/* Build the automaton once every literal is added. */
void tx_pf_build(tx_prefilter *pf);

/* Scan text: append to seen (capacity pf->n_literals) each literal found,
 * once, and list the occurrences of anchor literals in occ; returns how
 * many literals were seen. */
size_t tx_pf_scan(tx_prefilter *pf, const char *text, size_t len, uint32_t *seen);

/* The last occurrence of anchor literal l in the last scan (follow next
 * for the earlier ones, latest first: positions decrease), or
 * TX_PF_NONE. */
static inline uint32_t tx_pf_last(const tx_prefilter *pf, uint32_t l)
{
	return pf->last_gen[l] == pf->scan ? pf->last_occ[l] : TX_PF_NONE;
}

void tx_pf_free(tx_prefilter *pf);

#endif
