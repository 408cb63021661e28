/* SPDX-License-Identifier: MIT */
/*
 * The engine: the topic matches of one segment. It runs the prefilter,
 * searches the segment with each pattern that can match there, checks
 * each matching rule's required and excluded patterns (searched at most
 * once per segment, and not at all when the prefilter rules them out),
 * drops matches inside web addresses ("…/wsis/forum/…"), and settles
 * overlaps: on one line of the tree (a topic, its ancestors
 * and its descendants) a stretch of text counts once, for the deepest
 * topic, then the heaviest rule, then the longest match. Matches of
 * topics on different lines may overlap ("cyber sovereignty" may be both
 * sovereignty and, through another rule, something else).
 */
#ifndef TAXONOMY_ENGINE_H
#define TAXONOMY_ENGINE_H

#include "literal.h"
#include "model.h"
#include "negation.h"
#include "prefilter.h"
#include "search.h"

typedef struct tx_match {
	size_t topic, rule;
	size_t start, end; /* bytes of the segment's text */
	int weight;
	bool keep;
} tx_match;

/* Told about each search a limit stopped: the pattern, the topic of the
 * rule it was searched for, and why. */
typedef void (*tx_limit_fn)(size_t pattern, size_t topic, tx_stopped why, void *data);

/* What follows a place where a pattern may begin (tx_probe_word): read
 * once per segment (gen), for every pattern tried there. */
typedef struct tx_place {
	uint32_t gen;
	uint32_t end, next;          /* where its word ends; where the next word begins */
	uint16_t at_pair, next_pair; /* tx_pair_of at the place, and at next */
} tx_place;

typedef struct tx_engine {
	tx_model *m;
	tx_searcher *searcher;
	tx_prefilter pf;
	/* Each pattern's literal clauses (literal.h): it may match only where
	 * every clause has a literal. */
	uint32_t *lit_start, *lit_clauses; /* literal -> clauses it is in */
	uint32_t *clause_pattern;          /* clause -> pattern */
	uint32_t *clause_gen;              /* per clause: gen when it holds */
	size_t n_all_clauses;
	uint8_t *n_clauses; /* per pattern */
	uint8_t *n_held;    /* per pattern: clauses that hold (when held_gen is gen) */
	uint32_t *held_gen;
	/* Each pattern's beginnings (literal.h), when it is tried anchored
	 * only where one of them occurs. */
	uint32_t *pfx_start, *pfx_literals; /* pattern -> its beginnings */
	tx_probe **probes;                  /* per pattern: its shape, when it is of use */
	size_t *at;                         /* start positions for one pattern */
	size_t cap_at;
	tx_place *word; /* per occurrence of a beginning in pf.occ */
	size_t cap_word;
	size_t *always; /* patterns with rules that run everywhere */
	size_t n_always;
	uint32_t *seen;     /* literals found in the segment */
	uint32_t *possible; /* per pattern: gen when it may match */
	uint32_t *cached;   /* per pattern: gen when found[] is known */
	signed char *found; /* 1 found, 0 not, -1 stopped by a limit */
	uint32_t gen;
	size_t *run; /* patterns to run in this segment */
	size_t n_run;
	size_t *spans; /* one pattern's matches: start, end, … */
	size_t n_spans, cap_spans;
	tx_match
	    *matches; /* the segment's matches (after tx_engine_segment: kept ones, by start) */
	size_t n_matches, cap_matches;
	size_t *order; /* scratch for overlap resolution */
	size_t cap_order;
	tx_limit_fn on_limit;
	void *on_limit_data;
	/* When set, matches their sentence denies are dropped (negation.h). */
	tx_negation *negation;
} tx_engine;

/* Set up for m (compiled) and the searcher's limits. Without prefilter
 * every pattern searches every segment, all through: the same matches,
 * slower (for tests and measurements). */
void tx_engine_init(tx_engine *e, tx_model *m, tx_searcher *searcher, bool prefilter);
void tx_engine_free(tx_engine *e);

/* The matches of one segment, in e->matches (n_matches, by start). */
void tx_engine_segment(tx_engine *e, const char *text, size_t len);

#endif
