/* SPDX-License-Identifier: MIT */
/*
 * Compiling the taxonomy's patterns and searching a segment with one of
 * them, within limits. Patterns come from job files and are untrusted:
 *
 *   - each is compiled once, caseless, in byte mode unless it needs UTF
 *     (it holds a non-ASCII character or a Unicode property), and
 *     JIT-compiled in the form it runs in (anchored, or not) when it
 *     first runs;
 *   - PCRE2's match limit (honoured by the JIT) and depth limit (only by
 *     the interpreter, used when the JIT cannot compile a pattern) stop
 *     catastrophic backtracking; a larger JIT stack than the default lets
 *     ordinary patterns run on long text, and running out of it is a
 *     limit too;
 *   - PCRE2 counts the match limit afresh at each start position, so a
 *     pattern that is slow but under the limit everywhere would still take
 *     quadratic time on a long segment: the search advances through the
 *     segment in windows of start positions (PCRE2's offset limit) and
 *     checks a time limit between them.
 *
 * A limit ends the search of that pattern in that segment; the matches
 * found before it stay.
 *
 * The text searched is a view of the segment of the same length in which
 * Unicode spaces are ASCII spaces and Unicode hyphens ASCII hyphens, so
 * that [\s-] in a byte-mode pattern covers the no-break spaces of
 * captions; offsets are the segment's.
 */
#ifndef TAXONOMY_SEARCH_H
#define TAXONOMY_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <igtext/igtext.h>

#include "model.h"

typedef struct tx_limits {
	uint32_t match_limit;
	uint32_t depth_limit;
	int64_t time_limit_ms; /* per pattern and segment; 0: none */
} tx_limits;

typedef struct tx_searcher tx_searcher;

/* Compile every pattern of m. 0, or -1 with "FILE:LINE:COL: topic 'T':
 * pattern 'P' …" in err. */
int tx_search_compile(tx_model *m, char *err, size_t errlen);
/* JIT-compile p for tx_search (or anchored, for tx_search_at), once;
 * called before each search, so that only the form that runs is compiled,
 * and only when it first runs: the JIT costs more than the rest of the
 * compilation, and a corpus may not need half of the patterns. */
void tx_search_jit(tx_pattern *p, bool anchored);
/* Compile p anchored as well, for tx_search_at; false when that fails
 * (the unanchored search is then used). */
bool tx_search_compile_anchored(tx_pattern *p);
void tx_search_free_patterns(tx_model *m);

tx_searcher *tx_searcher_new(const tx_limits *limits);
void tx_searcher_free(tx_searcher *s);

/* The text the patterns see for a segment (see above): text itself when
 * it holds no Unicode space or hyphen, else a copy valid until the next
 * call. text is NUL-terminated, as segment texts are. */
const char *tx_search_view(tx_searcher *s, const char *text, size_t len);

typedef enum tx_stop {
	TX_DONE = 0,    /* searched the whole segment */
	TX_MATCH_LIMIT, /* PCRE2's match limit */
	TX_DEPTH_LIMIT, /* PCRE2's depth limit (interpreter) or heap limit */
	TX_STACK_LIMIT, /* the JIT stack is full */
	TX_TIME_LIMIT,
	TX_ERROR, /* another matching error */
} tx_stop;

/* Where a limit stopped a search, for the warning. */
typedef struct tx_stopped {
	tx_stop why;
	size_t at;       /* start position being tried */
	int pcre2_error; /* for TX_ERROR */
} tx_stopped;

/* Search view (len bytes; original holds the segment's own bytes, for
 * character boundaries) with pattern p. Each match [start, end), moved
 * out to whole UTF-8 characters, goes to add(start, end, data), which
 * returns false to stop the search. */
typedef bool (*tx_match_fn)(size_t start, size_t end, void *data);
tx_stopped tx_search(tx_searcher *s, const tx_pattern *p, const char *view, const char *original,
                     size_t len, tx_match_fn add, void *data);

/* The same, trying p anchored (tx_search_compile_anchored) only at the
 * start positions at[0 .. n), in increasing order: what the unanchored
 * search finds when every match begins at one of them. */
tx_stopped tx_search_at(tx_searcher *s, const tx_pattern *p, const char *view, const char *original,
                        size_t len, const size_t *at, size_t n, tx_match_fn add, void *data);

const char *tx_stop_text(tx_stop why);

#endif
