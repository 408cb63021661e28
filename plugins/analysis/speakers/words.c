/* SPDX-License-Identifier: MIT */
/*
 * Counting words the same way in every script, for the speakers' metrics.
 * A word is a run of letters, combining marks and digits (utf8proc's
 * categories L*, M*, N*); an apostrophe or hyphen between two such
 * characters keeps the word whole ("don't", "US-China"). Scripts written
 * without spaces cannot be split without a dictionary, so each Han
 * character, kana and Hangul-less ideograph counts as one word: a
 * Chinese statement then weighs about as many "words" as its English
 * translation has, which is what a share of speaking time needs.
 */
#include <utf8proc.h>

#include "speakers.h"

static bool ideograph(utf8proc_int32_t c)
{
	return (c >= 0x3040 && c <= 0x30FF) ||   /* hiragana, katakana */
	       (c >= 0x3400 && c <= 0x4DBF) ||   /* CJK extension A */
	       (c >= 0x4E00 && c <= 0x9FFF) ||   /* CJK unified ideographs */
	       (c >= 0xF900 && c <= 0xFAFF) ||   /* compatibility ideographs */
	       (c >= 0x20000 && c <= 0x3FFFF);   /* CJK extensions B and later */
}

static bool wordchar(utf8proc_int32_t c)
{
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

static bool joiner(utf8proc_int32_t c)
{
	return c == '\'' || c == '-' || c == 0x2019 || c == 0x2010 || c == 0x2011;
}

/* ASCII is most of the text: classify it by hand, and ask utf8proc only
 * about other characters. */
static int ascii_class(unsigned char b)
{
	if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9'))
		return 1; /* word character */
	return b == '\'' || b == '-' ? 2 : 0; /* joiner, separator */
}

size_t spk_count_words(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)len;
	size_t words = 0;
	bool in_word = false, pending_join = false;
	while (left > 0) {
		utf8proc_int32_t c;
		int cls;
		if (*p < 0x80) {
			c = *p;
			cls = ascii_class(*p);
			p++;
			left--;
		} else {
			utf8proc_ssize_t k = utf8proc_iterate(p, left, &c);
			if (k <= 0) { /* cannot happen in a document; step over the byte */
				k = 1;
				c = -1;
			}
			p += k;
			left -= k;
			cls = c < 0 ? 0 : ideograph(c) ? 3 : wordchar(c) ? 1 : joiner(c) ? 2 : 0;
		}
		if (cls == 3) {
			words++;
			in_word = pending_join = false;
		} else if (cls == 1) {
			if (!in_word)
				words++;
			in_word = true;
			pending_join = false;
		} else if (cls == 2 && in_word && !pending_join) {
			pending_join = true; /* the word goes on if a letter follows */
		} else {
			in_word = pending_join = false;
		}
	}
	return words;
}
