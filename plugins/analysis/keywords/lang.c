/* SPDX-License-Identifier: MIT */
/*
 * lang: languages, stemmers and elision (see lang.h).
 */
#include <stdlib.h>
#include <string.h>
#include <libstemmer.h>

#include "lang.h"
#include "token.h"

/* ISO 639-1 codes of the languages Snowball stems (libstemmer 2.x). */
static const struct {
	const char *code, *algorithm;
} algorithms[] = {
    {"ar", "arabic"},     {"ca", "catalan"},   {"da", "danish"},     {"de", "german"},
    {"el", "greek"},      {"en", "english"},   {"es", "spanish"},    {"eu", "basque"},
    {"fi", "finnish"},    {"fr", "french"},    {"ga", "irish"},      {"hi", "hindi"},
    {"hu", "hungarian"},  {"hy", "armenian"},  {"id", "indonesian"}, {"it", "italian"},
    {"lt", "lithuanian"}, {"nb", "norwegian"}, {"ne", "nepali"},     {"nl", "dutch"},
    {"nn", "norwegian"},  {"no", "norwegian"}, {"pt", "portuguese"}, {"ro", "romanian"},
    {"ru", "russian"},    {"sr", "serbian"},   {"sv", "swedish"},    {"ta", "tamil"},
    {"tr", "turkish"},    {"yi", "yiddish"},
};

/* BCP 47 prefers the two-letter codes; some records use these. */
static const struct {
	const char *from, *to;
} aliases[] = {
    {"eng", "en"}, {"fra", "fr"}, {"fre", "fr"}, {"deu", "de"}, {"ger", "de"}, {"spa", "es"},
    {"rus", "ru"}, {"ara", "ar"}, {"por", "pt"}, {"ita", "it"}, {"zho", "zh"}, {"chi", "zh"},
    {"cmn", "zh"}, {"yue", "zh"}, {"jpn", "ja"}, {"kor", "ko"},
};

/* Languages whose Latin-script words are read as English (see lang.h). */
static const char *const as_english[] = {"und", "zh", "ja", "ko"};

void kw_lang_code(const char *tag, char code[8])
{
	memcpy(code, "en", 3);
	if (!tag)
		return;
	char sub[8];
	size_t n = 0;
	for (; tag[n] && tag[n] != '-' && tag[n] != '_'; n++) {
		char c = tag[n];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c < 'a' || c > 'z' || n >= 3)
			return; /* not a language subtag */
		sub[n] = c;
	}
	if (n < 2)
		return;
	sub[n] = '\0';
	const char *s = sub;
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		if (strcmp(s, aliases[i].from) == 0)
			s = aliases[i].to;
	}
	for (size_t i = 0; i < sizeof(as_english) / sizeof(as_english[0]); i++) {
		if (strcmp(s, as_english[i]) == 0)
			return;
	}
	memcpy(code, s, strlen(s) + 1);
}

const char *kw_lang_algorithm(const char *code)
{
	for (size_t i = 0; i < sizeof(algorithms) / sizeof(algorithms[0]); i++) {
		if (strcmp(code, algorithms[i].code) == 0)
			return algorithms[i].algorithm;
	}
	return NULL;
}

int kw_lang_init(kw_lang *l, const char *code)
{
	memset(l, 0, sizeof(*l));
	kw_intern_reserve(&l->forms); /* looked up without a test for slots */
	size_t n = strlen(code);
	memcpy(l->code, code, n < sizeof(l->code) ? n + 1 : sizeof(l->code));
	l->code[sizeof(l->code) - 1] = '\0';
	l->algorithm = kw_lang_algorithm(l->code);
	l->elision =
	    strcmp(l->code, "fr") == 0 || strcmp(l->code, "it") == 0 || strcmp(l->code, "ca") == 0;
	if (!l->algorithm)
		return 0;
	l->stemmer = sb_stemmer_new(l->algorithm, "UTF_8");
	if (!l->stemmer) {
		l->algorithm = NULL;
		return 1;
	}
	return 0;
}

void kw_lang_free(kw_lang *l)
{
	sb_stemmer_delete(l->stemmer);
	kw_intern_free(&l->forms);
	memset(l, 0, sizeof(*l));
}

const char *kw_lang_stem(kw_lang *l, const char *word, size_t len, size_t *out_len)
{
	*out_len = len;
	if (!l->stemmer)
		return word;
	const sb_symbol *s = sb_stemmer_stem(l->stemmer, (const sb_symbol *)word, (int)len);
	int n = s ? sb_stemmer_length(l->stemmer) : 0;
	if (n <= 0 || !kw_valid_utf8((const char *)s, (size_t)n))
		return word;
	*out_len = (size_t)n;
	return (const char *)s;
}

/* Articles, pronouns and prepositions that drop their vowel before one
 * (French, Italian, Catalan), folded to lower case. */
static const char *const elided[] = {
    "c",     "d",      "j",      "l",      "m",      "n",      "s",    "t",    "v",    "qu",
    "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "quelqu", "un",   "all",  "dall", "dell",
    "nell",  "sull",   "coll",   "quell",  "quest",  "bell",   "sant", "tutt",
};

size_t kw_lang_elision(const kw_lang *l, const char *s, size_t apos, size_t apos_len)
{
	if (!l->elision || apos == 0 || apos > 6)
		return 0;
	char low[8];
	for (size_t i = 0; i < apos; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c < 'a' || c > 'z')
			return 0;
		low[i] = c;
	}
	low[apos] = '\0';
	for (size_t i = 0; i < sizeof(elided) / sizeof(elided[0]); i++) {
		if (strcmp(low, elided[i]) == 0)
			return apos + apos_len;
	}
	return 0;
}
