/* SPDX-License-Identifier: MIT */
/*
 * Candidate mentions of one segment and the rule that picks among
 * overlapping ones: the longest wins; at equal length, the higher
 * priority (a name over a document's own acronym over a gazetteer
 * acronym over a typo).
 */
#ifndef ENTITIES_MENTION_H
#define ENTITIES_MENTION_H

#include <stddef.h>

#include <igtext/igtext.h>

enum mention_source { SRC_GAZETTEER, SRC_LEARNED, SRC_TYPO, SRC_SUPPRESS };

enum mention_prio {
	PRIO_TYPO = 1,
	PRIO_ACRONYM = 2,
	PRIO_LEARNED = 3,
	PRIO_NAME = 4,
	PRIO_SUPPRESS = 5
};

typedef struct mention {
	size_t start, len;
	size_t entry;   /* gazetteer entry, or STRMAP_NONE for a learned one */
	size_t learned; /* index into the document's definitions, when entry is none */
	int source;     /* enum mention_source */
	int prio;
	double score;
} mention;

typedef struct mention_list {
	mention *items;
	size_t n, cap;
	unsigned char *taken; /* one byte per text byte, for the overlap check */
	size_t taken_cap;
} mention_list;

void ent_mention_add(mention_list *l, mention m);
/* Keep the non-overlapping winners, sorted by start. */
void ent_mention_resolve(mention_list *l, size_t text_len);
void ent_mention_list_free(mention_list *l);

#endif
