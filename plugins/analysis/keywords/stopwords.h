/* SPDX-License-Identifier: MIT */
/*
 * stopwords: the word lists of the keywords plugin.
 *
 * Stopwords are the words not counted as keywords. A list is a UTF-8 text
 * file with one word per line; "#" starts a comment (at the start of a
 * line or after white space), blank lines are ignored. Words are compared
 * in the tokeniser's comparison form (NFC, case-folded, ’ as '), before
 * stemming, so a list entry "don’t" matches "Don't" and "DON’T" and the
 * entry "know" leaves "knowledge" alone. Each entry must be one word as
 * the tokeniser reads it ("e.g." is two, and an error).
 *
 * A list belongs either to one language (the shipped french.txt …) or to
 * every language (the shipped english.txt, the job's own lists): records
 * in any language quote English titles, and no English stopword is a
 * content word in the other shipped languages.
 */
#ifndef KEYWORDS_STOPWORDS_H
#define KEYWORDS_STOPWORDS_H

#include <stddef.h>

#include "intern.h"

#define KW_STOP_ALL "*" /* the language code of lists for every language */

/*
 * Stem overrides: "word stem" per line, in the same format, for the words
 * Snowball conflates although Internet governance keeps them apart
 * (governance and government both stem to "govern"; international and
 * internal to "intern"). The word, case-folded and without a final 's, is
 * looked up before stemming; its stem is then the one given.
 */
typedef struct kw_stems {
	kw_intern words; /* "code:word" */
	kw_intern stems;
	uint32_t *stem_of; /* word id -> stem id */
	size_t cap;
} kw_stems;

typedef struct kw_stopwords {
	kw_intern words; /* "code:word" */
} kw_stopwords;

/* The shipped list of a language (below configs/), or NULL. */
const char *kw_stop_shipped(const char *code);
/* The languages with a shipped list, NULL-terminated ("en" first). */
extern const char *const kw_stop_languages[];

/* Add the words of the file at path for language code. 0, or -1 with
 * "PATH:LINE:COL: what is wrong" in err. */
int kw_stop_load(kw_stopwords *sw, const char *path, const char *code, char *err, size_t errlen);
/* Add one word (len bytes). 0, or -1 with the reason in err. */
int kw_stop_add(kw_stopwords *sw, const char *code, const char *word, size_t len, char *err,
                size_t errlen);
/* Whether a word in comparison form is a stopword for language code. */
int kw_stop_has(const kw_stopwords *sw, const char *code, const char *folded, size_t len);
/* Number of distinct entries (all languages). */
size_t kw_stop_count(const kw_stopwords *sw);
void kw_stop_free(kw_stopwords *sw);

/* The shipped stem overrides of a language (below configs/), or NULL. */
const char *kw_stems_shipped(const char *code);
/* Add the pairs of the file at path for language code (KW_STOP_ALL: every
 * language). 0, or -1 with "PATH:LINE:COL: what is wrong" in err. */
int kw_stems_load(kw_stems *st, const char *path, const char *code, char *err, size_t errlen);
/* The stem given for a folded word in language code, or NULL. */
const char *kw_stems_get(const kw_stems *st, const char *code, const char *folded, size_t len,
                         size_t *stem_len);
void kw_stems_free(kw_stems *st);

#endif
