/* SPDX-License-Identifier: MIT */
/*
 * One pass over a segment's text that counts its characters, words,
 * sentences and the letters of each script, for the stats plugin.
 *
 * Words are counted as the speakers plugin counts them, so the two agree:
 * a word is a run of letters, marks and digits (utf8proc categories L, M,
 * N), an apostrophe or hyphen between two of them included ("don't",
 * "US-China"); every Han character and kana is a word by itself, since
 * such text has no spaces to split at.
 *
 * Sentences: a sentence ends at ".", "!" or "?" (a run of them, and "…",
 * counted once) followed by closing quotes or brackets and then white
 * space or the end of the segment, and at the CJK 。！？．｡ wherever they
 * stand. A full stop does not end a sentence after a listed abbreviation
 * ("Mr.", "Dr.", "et al."; "No." only before a number), after a dotted
 * abbreviation of short parts ("e.g.", "i.e.", "U.S."), after a single
 * capital (an initial: "J. Smith"), after the numbering that opens a
 * segment ("1.", "a.", "IV."), or when the next word begins in lower
 * case. Text after the last end that holds a word is one more sentence.
 * ASCII is most of the text: its classes come from a table and only other
 * characters are decoded and asked of utf8proc.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "stats.h"

enum byte_class {
	B_SEP = 0, /* space, punctuation, controls */
	B_LETTER,
	B_DIGIT,
	B_JOIN,   /* ' and -: inside a word they keep it whole */
	B_STOP,   /* . */
	B_BANG,   /* ! ? */
	B_MULTI,  /* a byte of a multibyte character */
};

#define L B_LETTER
#define D B_DIGIT
#define M B_MULTI
static const unsigned char byte_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* controls */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, B_BANG, 0, 0, 0, 0, 0, B_JOIN, 0, 0, 0, 0, 0, B_JOIN, B_STOP, 0, /* ! ' - . */
	D, D, D, D, D, D, D, D, D, D, 0, 0, 0, 0, 0, B_BANG, /* digits, ? */
	0, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* A-Z */
	L, L, L, L, L, L, L, L, L, L, L, 0, 0, 0, 0, 0,
	0, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* a-z */
	L, L, L, L, L, L, L, L, L, L, L, 0, 0, 0, 0, 0,
	M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
};
#undef L
#undef D
#undef M

enum word_state { OUT = 0, IN, JOINED };

typedef struct scan {
	const unsigned char *start, *end;
	stats_counts *c;
	const stats_abbrevs *abbrevs;
	bool sentences;
	enum word_state state;
	bool after_ideograph; /* a combining mark after it belongs to it */
	int last_script;      /* of the letter before, for combining marks; -1 none */
	size_t hint;          /* stats_script_of's cache */
	uint64_t words;       /* in this segment */
	bool pending;         /* a word since the last sentence end */
	const unsigned char *first_word_end; /* where the segment's first word ends */
	uint64_t extra; /* bytes beyond the first of each character: characters = bytes - extra */
} scan;

static void word_begin(scan *s)
{
	s->words++;
	s->pending = true;
}

static void sentence_end(scan *s)
{
	if (s->pending && s->sentences) {
		s->c->sentences++;
		s->pending = false;
	}
}

/* ---- what follows a terminator ---- */

/* Length of the white space at p (ASCII, no-break, thin and ideographic
 * spaces), 0 when there is none. */
static size_t space_at(const unsigned char *p, const unsigned char *end)
{
	if (p >= end)
		return 0;
	if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		return 1;
	if (end - p >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
		return 2; /* U+00A0: captioning puts it between sentences */
	if (end - p >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
		return 3; /* U+3000 */
	if (end - p >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xAF || p[2] == 0x89))
		return 3; /* U+202F, U+2009 */
	return 0;
}

/* Length of a closing quote or bracket at p, 0 when there is none. */
static size_t closer_at(const unsigned char *p, const unsigned char *end)
{
	if (p >= end)
		return 0;
	if (*p == '"' || *p == '\'' || *p == ')' || *p == ']' || *p == '}')
		return 1;
	if (end - p >= 2 && p[0] == 0xC2 && p[1] == 0xBB)
		return 2; /* » */
	if (end - p < 3)
		return 0;
	if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x99 || p[2] == 0x9D))
		return 3; /* ’ ” */
	if (p[0] == 0xE3 && p[1] == 0x80 && (p[2] == 0x8D || p[2] == 0x8F || p[2] == 0x91))
		return 3; /* 」 』 】 */
	if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x89)
		return 3; /* ） */
	return 0;
}

static bool ellipsis_at(const unsigned char *p, const unsigned char *end)
{
	return end - p >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xA6;
}

/* Whether the first character after white space at p is a lower-case
 * letter (the sentence goes on) or a digit (wanted after "No."). */
static int next_char_kind(const unsigned char *p, const unsigned char *end)
{
	size_t k;
	while (p < end && *p == ' ') /* the most of it, without the other spaces' tests */
		p++;
	while ((k = space_at(p, end)))
		p += k;
	if (p >= end)
		return 0;
	if (*p >= 'a' && *p <= 'z')
		return 'a';
	if (*p >= '0' && *p <= '9')
		return '0';
	if (*p < 0x80)
		return 0;
	utf8proc_int32_t cp;
	if (utf8proc_iterate(p, end - p, &cp) <= 0)
		return 0;
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL ? 'a' : 0;
}

static bool roman_numeral(const unsigned char *w, size_t n)
{
	if (n == 0 || n > 6)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr("IVXLC", w[i]))
			return false;
	return true;
}

/* Whether the full stop at dot (followed by space or the end) closes an
 * abbreviation, an initial or the numbering of a segment rather than a
 * sentence. */
static bool stop_is_not_end(const scan *s, const unsigned char *dot, const unsigned char *after)
{
	/* The token before the dot: ASCII letters, digits and inner dots,
	 * read once from its end. dots counts its dots; lead those of them
	 * at its start so far, which are not part of it. */
	const unsigned char *w = dot, *limit = dot - s->start > 24 ? dot - 24 : s->start;
	size_t dots = 0, lead = 0, part = 0, longest_part = 0;
	bool digits = true;
	while (w > limit) {
		unsigned char b = w[-1];
		unsigned cls = byte_class[b];
		if (cls == B_LETTER || cls == B_DIGIT) {
			digits = digits && cls == B_DIGIT;
			if (++part > longest_part)
				longest_part = part;
			lead = 0;
		} else if (b == '.') {
			dots++;
			lead++;
			part = 0;
		} else {
			break;
		}
		w--;
	}
	if (w > s->start && w[-1] >= 0x80)
		return false; /* the end of a word in another script ("Müller.") */
	w += lead;
	dots -= lead;
	size_t n = (size_t)(dot - w);
	if (n == 0)
		return false;
	bool numbering = dot == s->first_word_end;
	if (numbering && (digits || roman_numeral(w, n) || n == 1))
		return true; /* "1. The internet …", "IV. Conclusions", "a. first" */
	if (digits)
		return false;
	if (dots)
		return longest_part <= 2; /* e.g. i.e. U.S. a.m. Ph.D. */
	if (n == 1 && *w >= 'A' && *w <= 'Z' && *w != 'I')
		return true; /* an initial ("I." is the pronoun more often) */
	if (n == 2 && (w[0] | 0x20) == 'n' && (w[1] | 0x20) == 'o')
		return next_char_kind(after, s->end) == '0'; /* "No. 5", but "No." */
	return stats_abbrev_has(s->abbrevs, (const char *)w, n);
}

/* A run of . ! ? … at p: returns where scanning goes on. */
static const unsigned char *terminator(scan *s, const unsigned char *p)
{
	const unsigned char *q = p;
	size_t dots = 0, others = 0, k;
	for (;;) {
		if (q < s->end && *q == '.') {
			dots++;
			q++;
		} else if (q < s->end && (*q == '!' || *q == '?')) {
			others++;
			q++;
		} else if (ellipsis_at(q, s->end)) {
			dots += 3;
			q += 3;
			s->extra += 2;
		} else {
			break;
		}
	}
	const unsigned char *after = q;
	while ((k = closer_at(after, s->end)))
		after += k;
	if (after < s->end && !space_at(after, s->end))
		return q; /* "3.5", "www.igf.org", "Yahoo!Inc": no end */
	if (!s->pending)
		return q;
	if (!others) {
		if (dots == 1 && stop_is_not_end(s, p, after))
			return q;
		if (next_char_kind(after, s->end) == 'a')
			return q; /* "etc. and", "… and so on" */
	}
	sentence_end(s);
	return q;
}

/* ---- characters other than ASCII ---- */

static bool joiner_cp(utf8proc_int32_t cp)
{
	return cp == 0x2019 || cp == 0x2010 || cp == 0x2011;
}

static bool cjk_stop(utf8proc_int32_t cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF0E || cp == 0xFF61;
}

static void letter(scan *s, utf8proc_int32_t cp)
{
	stats_script sc = stats_script_of((uint32_t)cp, &s->hint);
	s->c->letters[sc]++;
	s->last_script = (int)sc;
	if (sc == SCRIPT_HAN || sc == SCRIPT_KANA) {
		word_begin(s);
		s->c->cjk_words++;
		s->state = OUT;
		s->after_ideograph = true;
		return;
	}
	if (s->state != IN && s->state != JOINED)
		word_begin(s);
	s->state = IN;
	s->after_ideograph = false;
}

/* A character of a word that is not a letter: a mark or a number. */
static void other_word_char(scan *s, bool mark)
{
	if (mark && s->last_script >= 0)
		s->c->letters[s->last_script]++; /* marks take their letter's script */
	if (mark && s->after_ideograph)
		return;
	if (s->state == OUT)
		word_begin(s);
	s->state = IN;
}

static void separator(scan *s)
{
	s->state = OUT;
	s->after_ideograph = false;
	s->last_script = -1;
}

/* The no-break space (U+00A0) and the punctuation from U+2010 to U+2027
 * (dashes, quotation marks, bullets) are most of the characters other
 * than ASCII in the text. None is a letter, mark or number, so they are
 * read without asking utf8proc (the tests check that it agrees). */
static bool known_punct(const unsigned char *p, const unsigned char *end, utf8proc_int32_t *cp,
                        utf8proc_ssize_t *k)
{
	if (end - p >= 2 && p[0] == 0xC2 && p[1] == 0xA0) {
		*cp = 0xA0;
		*k = 2;
		return true;
	}
	if (end - p >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0xA7) {
		*cp = 0x2000 + (p[2] & 0x3F);
		*k = 3;
		return true;
	}
	return false;
}

/* Returns where scanning goes on after the character at p. */
static const unsigned char *multibyte(scan *s, const unsigned char *p)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	utf8proc_category_t category;
	if (known_punct(p, s->end, &cp, &k)) {
		category = UTF8PROC_CATEGORY_PO; /* or Zs: neither letter, mark nor number */
	} else {
		k = utf8proc_iterate(p, s->end - p, &cp);
		if (k <= 0) { /* cannot happen in a document's text; step over the byte */
			separator(s);
			return p + 1;
		}
		category = utf8proc_category(cp);
	}
	s->extra += (uint64_t)k - 1;
	switch (category) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
		letter(s, cp);
		break;
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
		other_word_char(s, true);
		break;
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		s->last_script = -1;
		s->after_ideograph = false;
		other_word_char(s, false);
		break;
	default:
		if (joiner_cp(cp)) {
			s->state = s->state == IN ? JOINED : OUT;
			s->after_ideograph = false;
			s->last_script = -1;
		} else if (cjk_stop(cp)) {
			separator(s);
			sentence_end(s);
		} else {
			separator(s);
		}
	}
	return p + k;
}

/* One step of the byte-by-byte scan, at p: returns where it goes on. */
static const unsigned char *step(scan *s, const unsigned char *p)
{
	switch (byte_class[*p]) {
	case B_LETTER:
	case B_DIGIT: {
		if (s->state == OUT)
			word_begin(s);
		/* Inside a word nothing changes until its last letter: pass
		 * over the rest of its ASCII letters and digits at once. */
		const unsigned char *q = p, *end = s->end;
		uint64_t digits = 0;
		for (;;) {
			while (q < end && byte_class[*q] == B_LETTER)
				q++;
			if (q == end || byte_class[*q] != B_DIGIT)
				break;
			digits++; /* rare: a loop of their own */
			q++;
		}
		uint64_t letters = (uint64_t)(q - p) - digits;
		s->c->letters[SCRIPT_LATIN] += letters;
		if (!s->first_word_end && s->words == 1)
			s->first_word_end = q;
		s->after_ideograph = false;
		if (q < end && *q == ' ') {
			/* The space after a word, most often: no need to dispatch it. */
			s->state = OUT;
			s->last_script = -1;
			return q + 1;
		}
		s->state = IN;
		s->last_script = letters ? SCRIPT_LATIN : -1;
		return q;
	}
	case B_JOIN:
		s->state = s->state == IN ? JOINED : OUT;
		s->after_ideograph = false;
		s->last_script = -1;
		return p + 1;
	case B_STOP:
	case B_BANG:
		separator(s);
		return terminator(s, p);
	case B_MULTI:
		if (ellipsis_at(p, s->end)) {
			separator(s);
			return terminator(s, p);
		}
		return multibyte(s, p);
	default:
		separator(s);
		return p + 1;
	}
}

/* ---- sixty-four bytes at a time ---- */

#ifdef __SSE2__
/* Bit i set for byte i of a window that is an ASCII letter, a word
 * character (letter or digit), a joiner, or that needs a step of the
 * byte-by-byte scan (".", "!", "?", a byte of a multibyte character). */
typedef struct masks {
	uint64_t letter, word, join, special;
} masks;

/* The masks of the 64 bytes at p, sixteen bytes at a time. */
static inline masks masks64(const unsigned char *p)
{
	masks m = {0, 0, 0, 0};
	for (unsigned i = 0; i < 64; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		/* x - lo < n unsigned, as signed bytes: x + (0x80 - lo) < -128 + n.
		 * Bytes 0x80 and up are never letters or digits, and special by
		 * their sign bit. */
		__m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
		__m128i l = _mm_cmplt_epi8(_mm_add_epi8(lower, _mm_set1_epi8((char)(0x80 - 'a'))),
		                           _mm_set1_epi8((char)(0x80 + 26)));
		__m128i d = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - '0'))),
		                           _mm_set1_epi8((char)(0x80 + 10)));
		__m128i join = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')),
		                            _mm_cmpeq_epi8(v, _mm_set1_epi8('-')));
		__m128i stop = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')),
		                            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('!')),
		                                         _mm_cmpeq_epi8(v, _mm_set1_epi8('?'))));
		m.letter |= (uint64_t)_mm_movemask_epi8(l) << i;
		m.word |= (uint64_t)_mm_movemask_epi8(_mm_or_si128(l, d)) << i;
		m.join |= (uint64_t)_mm_movemask_epi8(join) << i;
		m.special |= (uint64_t)_mm_movemask_epi8(_mm_or_si128(v, stop)) << i;
	}
	return m;
}

static inline uint64_t popcount64(uint64_t x)
{
	x -= (x >> 1) & 0x5555555555555555ULL;
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
	return (x * 0x0101010101010101ULL) >> 56;
}

/* What step() does, done for the bytes from p to the end sixty-four at
 * a time: ASCII letters, digits, joiners, white space and other
 * punctuation change only the word state, the word counts and the Latin
 * letters, which masks of a window's bytes give at once; the bytes that
 * need more are handed to step(). Only called once the first word's end
 * is known (or no longer wanted), which step() records. */
static const unsigned char *windows(scan *s, const unsigned char *p)
{
	/* Whether the run of ASCII letters and digits that p may be inside
	 * holds a letter: the script a combining mark after it takes. */
	bool run_letter = p > s->start &&
	                  (byte_class[p[-1]] == B_LETTER || byte_class[p[-1]] == B_DIGIT) &&
	                  s->last_script == SCRIPT_LATIN;
	while (p < s->end) {
		size_t wlen = (size_t)(s->end - p) < 64 ? (size_t)(s->end - p) : 64;
		masks m;
		if (wlen == 64) {
			m = masks64(p);
		} else {
			/* The tail through a copy: nothing is read past the end. */
			unsigned char tail[64] = {0};
			memcpy(tail, p, wlen);
			m = masks64(tail);
			m.special |= ~0ULL << wlen;
		}
		/* Word starts as if every special byte, and the byte before the
		 * window, ended a word; corrected below where one did not. A
		 * word begins at a word character that follows neither a word
		 * character nor a joiner that follows one. */
		uint64_t starts = m.word & ~(m.word << 1) & ~((m.join << 1) & (m.word << 2));
		size_t pos = 0;
		for (;;) {
			/* The bytes from pos to the next special byte: a word may go
			 * on into them from what came before pos. */
			uint64_t first = 1ULL << pos;
			if (s->state != OUT) {
				uint64_t drop = m.word & first;
				if (s->state == IN && (m.join & first))
					drop |= m.word & (first << 1); /* "don" then "'t" */
				starts &= ~drop;
			}
			uint64_t from = ~0ULL << pos;
			uint64_t ahead = m.special & from;
			unsigned e = ahead ? (unsigned)__builtin_ctzll(ahead) : 64;
			uint64_t seg = from & (e < 64 ? (1ULL << e) - 1 : ~0ULL);
			if (starts & seg)
				s->pending = true;
			/* The state after the last byte of the stretch; a full stop,
			 * ! or ? after it ends any word, so then there is none to keep. */
			if (e > pos && (e >= wlen || byte_class[p[e]] == B_MULTI)) {
				unsigned last = e - 1;
				if (m.word >> last & 1) {
					/* The run of word characters that ends it, and
					 * whether it or the run it goes on holds a letter. */
					uint64_t non = ~m.word & seg;
					size_t r = non ? 64 - (size_t)__builtin_clzll(non) : pos;
					run_letter = (m.letter & seg) >> r || (r == pos && run_letter);
					s->state = IN;
				} else {
					bool after_word =
					    last > pos ? m.word >> (last - 1) & 1 : s->state == IN;
					run_letter = false;
					s->state = (m.join >> last & 1) && after_word ? JOINED : OUT;
				}
				s->last_script = s->state == IN && run_letter ? SCRIPT_LATIN : -1;
				s->after_ideograph = false;
			}
			if (e >= wlen) {
				pos = wlen;
				break;
			}
			pos = (size_t)(step(s, p + e) - p);
			run_letter = false;
			if (pos >= wlen)
				break;
		}
		s->words += popcount64(starts);
		s->c->letters[SCRIPT_LATIN] += popcount64(m.letter);
		p += pos;
	}
	return p;
}
#endif

/* The measure; blocks false keeps to the byte-by-byte scan, so that the
 * tests can check that both give the same counts. */
static void measure(stats_counts *c, const char *text, size_t len, bool sentences,
                    const stats_abbrevs *abbrevs, bool blocks)
{
	scan s = {.start = (const unsigned char *)text,
	          .end = (const unsigned char *)text + len,
	          .c = c,
	          .abbrevs = abbrevs,
	          .sentences = sentences,
	          .last_script = -1};
	const unsigned char *p = s.start;
	/* The first word's end is found byte by byte: a full stop there may
	 * close the numbering of the segment. */
	while (p < s.end && (!blocks || !(s.first_word_end || s.words >= 2)))
		p = step(&s, p);
#ifdef __SSE2__
	if (blocks)
		p = windows(&s, p);
#endif
	while (p < s.end)
		p = step(&s, p);
	sentence_end(&s); /* the last sentence may lack its full stop */
	c->characters += len - s.extra;
	c->bytes += len;
	c->words += s.words;
	if (sentences) {
		c->sentence_words += s.words;
		c->paragraphs += s.words > 0;
	}
}

void stats_measure(stats_counts *c, const char *text, size_t len, bool sentences,
                   const stats_abbrevs *abbrevs)
{
	measure(c, text, len, sentences, abbrevs, true);
}

void stats_counts_add(stats_counts *to, const stats_counts *from)
{
	to->characters += from->characters;
	to->bytes += from->bytes;
	to->words += from->words;
	to->cjk_words += from->cjk_words;
	to->sentences += from->sentences;
	to->sentence_words += from->sentence_words;
	to->paragraphs += from->paragraphs;
	for (size_t i = 0; i < SCRIPT_COUNT; i++)
		to->letters[i] += from->letters[i];
}
