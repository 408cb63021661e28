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

/* Whether English leads beyond doubt: at least 8 hits, four times any
 * other language's. Only a hit changes it, so it is kept in g->lead. */
static int english_leads(const kw_guess *g)
{
	if (g->hits[0] < 8)
		return 0;
	for (size_t i = 1; i < GUESS_LANGS; i++)
		if (4 * g->hits[i] >= g->hits[0])
			return 0;
	return 1;
}

/* Whether no more words are needed: enough read, or English has won
 * beyond doubt (it leads after 24 words or more), so that the rest need
 * not be read: most documents are English. */
static int guess_done(const kw_guess *g)
{
	return g->words >= GUESS_WORDS || (g->words >= 24 && g->lead);
}

void kw_guess_fold_head(const uint64_t head[2], uint64_t folded[2])
{
	for (size_t k = 0; k < 2; k++) {
		/* The high bit of each byte from 'A' to 'Z': the bytes are
		 * ASCII or zero, so no byte carries into the next. */
		uint64_t x = head[k], ones = 0x0101010101010101ull;
		uint64_t upper =
		    (x + ones * (0x80 - 'A')) & ~(x + ones * (0x80 - 'Z' - 1)) & ones * 0x80;
		folded[k] = x | upper >> 2;
	}
}

/* The id of a token's folded form among the stopwords, or KW_NONE. A
 * word the fast path read has its head (intern.h): ASCII, so folding is
 * setting the case bit of its capitals, eight at a time, and the lookup
 * reads nothing else. */
static uint32_t stop_id(const kw_guesser *gs, const char *text, const kw_token *tok)
{
	if (tok->headed) {
		uint64_t head[2];
		kw_guess_fold_head(tok->head, head);
		const char *w = text + tok->start;
		const kw_slot *s =
		    kw__find_slot(&gs->words, w, tok->len,
		                  kw__hash((const unsigned char *)w, tok->len, head), head);
		return s ? s->id1 - 1 : KW_NONE;
	}
	char folded[4 * KW_MAX_TOKEN + 1];
	size_t n = kw_fold(text + tok->start, tok->len, tok->ascii, 1, folded, sizeof(folded));
	return n ? kw_intern_find(&gs->words, folded, n) : KW_NONE;
}

int kw_guess_add(kw_guess *g, const kw_guesser *gs, const char *text, size_t len)
{
	kw_tokenizer t;
	kw_token toks[16]; /* a few at a time: most texts are decided in their first words */
	kw_tok_init(&t, text, len);
	if (guess_done(g))
		return 1;
	for (size_t n; (n = kw_tok_batch(&t, toks, sizeof(toks) / sizeof(toks[0]))) > 0;) {
		for (size_t i = 0; i < n; i++) {
			if (toks[i].kind != KW_TOK_WORD)
				continue;
			g->words++;
			uint32_t w = stop_id(gs, text, &toks[i]);
			if (w != KW_NONE) {
				for (unsigned k = 0; k < GUESS_LANGS; k++)
					g->hits[k] += gs->langs[w] >> k & 1;
				g->lead = english_leads(g);
			}
			if (guess_done(g))
				return 1;
		}
	}
	return 0;
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
