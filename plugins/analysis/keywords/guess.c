/* SPDX-License-Identifier: MIT */
/* The language of a text that does not say (guess.h). */
#include <stdlib.h>
#include <string.h>

#include "guess.h"
#include "token.h"

/* The index in kw_stop_languages of a list's code ("*": English), or -1. */
static int lang_index(const char *code, size_t n)
{
	if (n == 1 && code[0] == '*')
		return 0;
	for (int i = 1; kw_stop_languages[i] && i < GUESS_LANGS; i++)
		if (strlen(kw_stop_languages[i]) == n && memcmp(kw_stop_languages[i], code, n) == 0)
			return i;
	return -1;
}

void kw_guesser_init(kw_guesser *gs, const kw_stopwords *sw)
{
	memset(gs, 0, sizeof(*gs));
	for (uint32_t id = 0; id < sw->words.n; id++) {
		size_t len;
		const char *key = kw_intern_key(&sw->words, id, &len); /* "code:word" */
		const char *colon = memchr(key, ':', len);
		int lang = colon ? lang_index(key, (size_t)(colon - key)) : -1;
		if (lang < 0)
			continue;
		uint32_t w = kw_intern_add(&gs->words, colon + 1, len - (size_t)(colon + 1 - key));
		if (w >= gs->cap) {
			size_t cap = gs->cap ? 2 * gs->cap : 1024;
			while (cap <= w)
				cap *= 2;
			gs->langs = realloc(gs->langs, cap);
			if (!gs->langs)
				abort();
			memset(gs->langs + gs->cap, 0, cap - gs->cap);
			gs->cap = cap;
		}
		gs->langs[w] |= (uint8_t)(1u << lang);
	}
}

void kw_guesser_free(kw_guesser *gs)
{
	kw_intern_free(&gs->words);
	free(gs->langs);
	memset(gs, 0, sizeof(*gs));
}

void kw_guess_init(kw_guess *g)
{
	memset(g, 0, sizeof(*g));
}

/* Whether English has already won beyond doubt, so that the rest need
 * not be read: most documents are English. */
static int english(const kw_guess *g)
{
	if (g->words < 24 || g->hits[0] < 8)
		return 0;
	for (size_t i = 1; i < GUESS_LANGS; i++)
		if (4 * g->hits[i] >= g->hits[0])
			return 0;
	return 1;
}

int kw_guess_add(kw_guess *g, const kw_guesser *gs, const char *text, size_t len)
{
	kw_tokenizer t;
	kw_token tok;
	char folded[4 * KW_MAX_TOKEN + 1];
	kw_tok_init(&t, text, len);
	while (g->words < GUESS_WORDS && !english(g) && kw_tok_next(&t, &tok)) {
		if (tok.kind != KW_TOK_WORD)
			continue;
		g->words++;
		size_t n = kw_fold(text + tok.start, tok.len, tok.ascii, 1, folded, sizeof(folded));
		uint32_t w = n ? kw_intern_find(&gs->words, folded, n) : KW_NONE;
		for (unsigned i = 0; w != KW_NONE && i < GUESS_LANGS; i++)
			g->hits[i] += gs->langs[w] >> i & 1;
	}
	return g->words >= GUESS_WORDS || english(g);
}

const char *kw_guess_language(const kw_guess *g)
{
	size_t best = 0, second = 0;
	for (size_t i = 1; kw_stop_languages[i] && i < GUESS_LANGS; i++) {
		if (best == 0 || g->hits[i] > g->hits[best]) {
			second = best ? g->hits[best] : 0;
			best = i;
		} else if (g->hits[i] > second) {
			second = g->hits[i];
		}
	}
	size_t h = best ? g->hits[best] : 0;
	if (h < GUESS_MIN || 2 * h < 3 * second || h < 2 * g->hits[0])
		return NULL;
	return kw_stop_languages[best];
}
