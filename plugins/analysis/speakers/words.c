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
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

/* ASCII is most of the text: its classes come from a table, and only
 * other characters are asked of utf8proc. 0 separator, 1 word character,
 * 2 joiner, 3 a word by itself (ideographs); 4 a byte of a multibyte
 * character. */
static const unsigned char byte_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* controls */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2, 0, 0, /* ' and - join */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, /* digits */
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* A-Z */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* a-z */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, /* multibyte */
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
};

/* States: 0 outside a word, 1 inside one, 2 inside one just after a
 * joiner (the word goes on if a word character follows, a second joiner
 * or a separator ends it). step[state][class] is the next state, plus 4
 * when a word begins. */
static const unsigned char step[3][4] = {
	/* separator, word character, joiner, ideograph */
	{0, 1 | 4, 0, 0 | 4}, /* outside */
	{0, 1, 2, 0 | 4},     /* inside */
	{0, 1, 0, 0 | 4},     /* after a joiner */
};

#ifdef __SSE2__
/* Sixteen bytes of ASCII at once: W and J are the bits of the word
 * characters and the joiners. A word begins at a word character that
 * follows neither a word character nor a joiner that follows one (the
 * state machine above, for these sixteen bytes); state carries what the
 * bytes before said. Returns the words begun; sets *state for the end. */
static size_t ascii_block(__m128i v, unsigned *state)
{
	const __m128i case_bit = _mm_set1_epi8(0x20);
	__m128i lower = _mm_or_si128(v, case_bit);
	__m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
	                               _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
	__m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
	                              _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
	__m128i join = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')),
	                            _mm_cmpeq_epi8(v, _mm_set1_epi8('-')));
	unsigned w = (unsigned)_mm_movemask_epi8(_mm_or_si128(letter, digit));
	unsigned j = (unsigned)_mm_movemask_epi8(join);
	unsigned inside = *state == 1, after_joiner = *state == 2;
	unsigned w_before = (w << 1) | inside;                   /* W[i-1] */
	unsigned w_two_before = (w << 2) | (inside << 1);        /* W[i-2] */
	unsigned joined = ((j << 1) & w_two_before) | after_joiner; /* J[i-1] and W[i-2] */
	unsigned starts = w & ~w_before & ~joined & 0xFFFFu;
	*state = (w >> 15) & 1 ? 1 : ((j >> 15) & 1) && ((w >> 14) & 1) ? 2 : 0;
	return (size_t)__builtin_popcount(starts);
}
#endif

size_t spk_count_words(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s, *end = p + len;
	size_t words = 0;
	unsigned state = 0;
	while (p < end) {
#ifdef __SSE2__
		/* Runs of ASCII, most text, sixteen bytes at a time. */
		while (end - p >= 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
			if (_mm_movemask_epi8(v))
				break;
			words += ascii_block(v, &state);
			p += 16;
		}
		if (p == end)
			break;
#endif
		unsigned cls = byte_class[*p];
		if (cls == 1) {
			/* Inside a word nothing changes until its last letter: pass
			 * over the rest of its ASCII letters at once. */
			words += state == 0;
			state = 1;
			for (p++; p < end && byte_class[*p] == 1; p++)
				;
			continue;
		}
		if (cls < 4) {
			p++;
		} else {
			utf8proc_int32_t c;
			utf8proc_ssize_t k = utf8proc_iterate(p, end - p, &c);
			if (k <= 0) { /* cannot happen in a document; step over the byte */
				k = 1;
				c = -1;
			}
			p += k;
			cls = c < 0 ? 0 : ideograph(c) ? 3 : wordchar(c) ? 1 : joiner(c) ? 2 : 0;
		}
		unsigned next = step[state][cls];
		words += next >> 2;
		state = next & 3;
	}
	return words;
}
