/* SPDX-License-Identifier: MIT */
/*
 * guess: the language of a text that does not say, from the stopwords of
 * the shipped lists. A French report imported without a language tag was
 * read as English: its top keywords were "les", "des", "est" and "et",
 * and its words went through the English stemmer. Stopwords are most of
 * any running text, and each shipped language has its own; so the first
 * words of the text are looked up among them, and a language other than
 * English is chosen only when it clearly wins: at least GUESS_MIN hits,
 * half again as many as any other language, and twice English's. Anything
 * less keeps English, the default, as before; and English that has won
 * beyond doubt stops the reading early. The document's own `language`
 * stays unknown: this only picks the lists and the stemmer.
 *
 * The shipped lists are copied into one table, word -> the languages
 * whose list has it, so that a word costs one look-up, not one per
 * language; a job's own lists, which are for every language, are not in
 * it (they would count as English).
 */
#ifndef KEYWORDS_GUESS_H
#define KEYWORDS_GUESS_H

#include <stddef.h>
#include <stdint.h>

#include "intern.h"
#include "stopwords.h"

#define GUESS_WORDS 400 /* words looked at, from the start of the text */
#define GUESS_MIN 8     /* hits the winning language needs at least */
#define GUESS_LANGS 8   /* languages of kw_stop_languages counted at most */

typedef struct kw_guesser {
	kw_intern words; /* folded stopword -> id */
	uint8_t *langs;  /* per id: bit i for kw_stop_languages[i] */
	size_t cap;
} kw_guesser;

typedef struct kw_guess {
	size_t words;
	size_t hits[GUESS_LANGS];
	int lead; /* English leads beyond doubt */
} kw_guess;

/* Copy the lists of sw as they are now (the shipped ones, before the
 * job's) into gs. */
void kw_guesser_init(kw_guesser *gs, const kw_stopwords *sw);
void kw_guesser_free(kw_guesser *gs);

void kw_guess_init(kw_guess *g);
/* Count the words of len bytes of text (valid UTF-8); 1 when no more are
 * needed. */
int kw_guess_add(kw_guess *g, const kw_guesser *gs, const char *text, size_t len);
/* The head (intern.h) of the folded form of an ASCII word, from the
 * head of the word: its capitals in lower case, as kw_fold writes them. */
void kw_guess_fold_head(const uint64_t head[2], uint64_t folded[2]);
/* The code of the language chosen ("fr"), or NULL: English. */
const char *kw_guess_language(const kw_guess *g);

#endif
