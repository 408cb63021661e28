/* SPDX-License-Identifier: MIT */
/*
 * lang: from a document's language (a BCP 47 tag) to the stemmer and the
 * stopword list used for it. Each language the run meets gets one kw_lang,
 * created on first use and kept to the end: its Snowball stemmer (created
 * once, not thread-safe, used from one thread) and its cache of the token
 * forms already resolved, so that a word is folded, checked and stemmed
 * once per run, not once per occurrence.
 *
 * The rules, in order: no tag, "und" or a tag that is not a language
 * gives English; Chinese, Japanese and Korean give English too (their own
 * words are bigrams, never stemmed, and the Latin words in such records
 * are English names and terms); a language Snowball knows gets its
 * stemmer; any other language is counted without stemming.
 */
#ifndef KEYWORDS_LANG_H
#define KEYWORDS_LANG_H

#include <stddef.h>
#include <stdint.h>

#include "intern.h"

struct sb_stemmer;

typedef struct kw_lang {
	char code[8];          /* "en", "fr", "pl": the prefix of term ids */
	const char *algorithm; /* Snowball's name ("english"), or NULL: no stemming */
	struct sb_stemmer *stemmer;
	int elision;     /* French, Italian, Catalan: l', d', qu' … are cut off */
	kw_intern forms; /* token as written -> its shown form (value), KW_NONE: not counted */
} kw_lang;

/*
 * The code of the kw_lang for a BCP 47 tag (NULL for none), written to
 * code (8 bytes): "en" for English and for the cases above that fall back
 * to it, otherwise the primary language subtag in lower case ("fr", "pl").
 */
void kw_lang_code(const char *tag, char code[8]);
/* The Snowball algorithm for a code, or NULL when Snowball has none. */
const char *kw_lang_algorithm(const char *code);

/* Set up l for code; the stemmer may be missing from an old libstemmer,
 * then words are not stemmed (returns 1 so the caller can warn). */
int kw_lang_init(kw_lang *l, const char *code);
void kw_lang_free(kw_lang *l);

/* The stem of a folded word (len bytes), or the word itself when the
 * language has no stemmer or the stem is empty or not valid UTF-8. The
 * result is borrowed until the next call on l. */
const char *kw_lang_stem(kw_lang *l, const char *word, size_t len, size_t *out_len);

/* How many bytes of a token (as written) are an elided article or
 * pronoun to cut off ("l'", "qu'", "dell'"): apos is the offset of its
 * first apostrophe and apos_len that apostrophe's length. 0: none. */
size_t kw_lang_elision(const kw_lang *l, const char *s, size_t apos, size_t apos_len);

#endif
