/* SPDX-License-Identifier: MIT */
/*
 * Acronyms a document defines itself: "Internet Assigned Numbers
 * Authority (IANA)" and "ICG (IANA Stewardship Transition Coordination
 * Group)". A definition is accepted only when the acronym's letters can be
 * read off the long name's words in order; it is linked to a gazetteer
 * entry when the long name is one of the entry's names, or nearly so.
 */
#ifndef ENTITIES_LEARN_H
#define ENTITIES_LEARN_H

#include "matcher.h"

typedef struct definition {
	char *acronym;
	char *long_name;
	size_t entry;     /* linked gazetteer entry, or STRMAP_NONE */
	double score;     /* of the link: 1 when the long name is a known name */
	size_t candidate; /* an entry with this acronym but another name, or none */
	double candidate_score;
	size_t segment;              /* where it is defined */
	size_t name_start, name_len; /* the long name, in that segment */
	size_t acr_start, acr_len;   /* the acronym, in that segment */
} definition;

typedef struct definitions {
	definition *items;
	size_t n, cap;
	igt_buf tmp;
} definitions;

/* Find the definitions in one segment and add those of new acronyms. */
void ent_learn_segment(matcher *m, const gazetteer *g, const char *text, size_t len, size_t segment,
                       definitions *defs);
/* Whether an acronym (a segment's word, at segment/offset) is defined
 * before that point; its index or STRMAP_NONE. */
size_t ent_learn_find(const definitions *defs, const char *word, size_t len, size_t segment,
                      size_t offset);
void ent_defs_reset(definitions *defs);
void ent_defs_free(definitions *defs);

/* Exposed for the unit tests: can acronym be read off the words of s?
 * backward: the long name ends s (the words before a parenthesis), and
 * *start is set to where it begins; otherwise s must be all long name. */
bool ent_learn_match(const char *acronym, size_t alen, const char *s, size_t len, bool backward,
                     size_t *start);

#endif
