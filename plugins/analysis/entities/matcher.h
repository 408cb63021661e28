/* SPDX-License-Identifier: MIT */
/*
 * The compiled form of a gazetteer: a few PCRE2 patterns (JIT-compiled
 * once) that find candidate mentions in a segment, and the hash maps that
 * the typo and acronym-learning rules consult. Candidates may overlap;
 * the caller keeps the longest (mention.h).
 */
#ifndef ENTITIES_MATCHER_H
#define ENTITIES_MATCHER_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "gazetteer.h"
#include "mention.h"

typedef struct matcher {
	pcre2_code *exact;    /* acronyms and case-sensitive names, one trie */
	pcre2_code *caseless; /* names and aliases, one trie */
	pcre2_code **user;    /* the entries' own patterns, one each */
	size_t *user_entry;
	size_t n_user;
	pcre2_code *token; /* words with two capitals or more: typos, learned acronyms */
	pcre2_code *paren; /* a parenthesised group: acronym definitions */
	pcre2_match_data *md;
	strmap acronyms;  /* acronym as written -> entry */
	strmap upper;     /* acronym in capitals -> entry (STRMAP_NONE: two entries) */
	strmap deletions; /* acronym in capitals less one letter -> entry */
	strmap names;     /* normalised name or alias -> entry */
} matcher;

/* Compile g. 0, or -1 with a message in err. */
int ent_matcher_build(matcher *m, const gazetteer *g, char *err, size_t errlen);
void ent_matcher_free(matcher *m);

/* Add the gazetteer's candidates in text (a segment) to out. */
void ent_matcher_scan(matcher *m, const gazetteer *g, const char *text, size_t len,
                      mention_list *out);

/* Normalise a name for lookup: lower case, runs of space and hyphens as
 * one space, typographic apostrophes as '. Writes to out (reset first). */
void ent_matcher_normalise(igt_buf *out, const char *s, size_t len);

/* The entry a mistyped acronym stands for, or STRMAP_NONE; *score is set.
 * word is a token with two capitals or more that is not an acronym. */
size_t ent_matcher_typo(const matcher *m, const gazetteer *g, const char *word, size_t len,
                        double *score);

#endif
