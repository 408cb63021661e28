/* SPDX-License-Identifier: MIT */
/*
 * The compiled form of a gazetteer: a few PCRE2 patterns (JIT-compiled
 * once) that find candidate mentions in a segment, a copy in C of the two
 * tries (which finds what their patterns would, without running them),
 * and the hash maps that the typo and acronym-learning rules consult.
 * Candidates may overlap; the caller keeps the longest (mention.h).
 */
#ifndef ENTITIES_MATCHER_H
#define ENTITIES_MATCHER_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>

#include "gazetteer.h"
#include "mention.h"

/* One node of a trie of keys (the bytes of a form, see matcher.c), in C:
 * what the PCRE2 trie matches, found without it. */
typedef struct trie_node {
	uint32_t child; /* the first of its children, which are contiguous */
	uint32_t form;  /* the form of the key that ends here, when term */
	uint16_t n_children;
	unsigned char byte; /* its own */
	unsigned char only; /* its child's, when it has one */
	bool term;          /* a key ends here */
} trie_node;

typedef struct trie_filter {
	trie_node *nodes; /* nodes[0] is the root */
	size_t n, cap;
	uint32_t first[256];     /* the root's child for a byte, or 0 */
	unsigned char may[256];  /* a key may begin with the text byte (quick test) */
	unsigned char norm[256]; /* the text's bytes as the keys have them (see matcher.c) */
	uint64_t words[1024];    /* bit per hash of a key's leading word (see matcher.c) */
	uint64_t alone[1024];    /* bit per leading word that a key does not follow with a word */
	uint64_t pairs[1024];    /* bit per hash of a key's leading word, space and second word */
	uint64_t *edges;         /* (node << 8 | byte) << 32 | child, hashed; 0: free */
	uint32_t edge_mask, edge_shift;
	bool off; /* a key has a byte that normalising the text would change: PCRE2 runs */
	bool jit; /* its pattern is JIT-compiled (only when off) */
} trie_filter;

/* The word that every match of an entry pattern begins with, where the
 * pattern says so plainly (see user_word_of in matcher.c); len 0 when it
 * does not, and the pattern searches the whole segment. */
typedef struct user_word {
	char word[32], word2[32]; /* folded when caseless; word2: the next word, or none */
	size_t len, len2;
	uint32_t hash; /* of word, folded (see matcher.c) */
	bool caseless;
	bool odd; /* a caseless k or s, which a Kelvin sign or long s also matches */
} user_word;

typedef struct matcher {
	pcre2_code *exact;     /* acronyms and case-sensitive names, one trie, anchored */
	pcre2_code *caseless;  /* names and aliases, one trie, anchored */
	trie_filter filter[2]; /* of exact, of caseless */
	pcre2_code **user;     /* the entries' own patterns, one each */
	size_t *user_entry;
	user_word *user_word; /* the word each match begins with, where known */
	size_t n_user;
	uint64_t words[1024];       /* bit per hash of a leading word of a key or user_word */
	uint64_t user_words[1024];  /* bit per hash of a user_word */
	unsigned char classes[256]; /* byte classes, and bytes to look at (see matcher.c) */
	size_t *user_at;            /* where a user_word is in the segment: pattern, start, … */
	size_t n_user_at, cap_user_at;
	pcre2_match_data *md;
	mention_list later; /* the caseless trie's candidates, added after the exact ones */
	size_t *tokens;     /* the segment's words with a capital: start, length, … */
	size_t n_tokens, cap_tokens;
	strmap acronyms;  /* acronym as written -> entry */
	strmap upper;     /* acronym in capitals -> entry (STRMAP_NONE: two entries) */
	strmap deletions; /* acronym in capitals less one letter -> entry */
	strmap names;     /* normalised name or alias -> entry */
} matcher;

/* Compile g. 0, or -1 with a message in err. */
int ent_matcher_build(matcher *m, const gazetteer *g, char *err, size_t errlen);
void ent_matcher_free(matcher *m);

/* Add the gazetteer's candidates in text (a segment) to out, and list in
 * m->tokens its words with a capital, with their hyphenated parts
 * (NTIA-led), as the pattern BEFORE
 * "[A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*" AFTER finds them,
 * one after the other: the typo and learned-acronym candidates. */
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
