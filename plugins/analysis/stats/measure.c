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
	uint64_t pending;     /* words since the last sentence end */
	const unsigned char *first_word_end; /* where the segment's first word ends */
	uint64_t extra; /* bytes beyond the first of each character: characters = bytes - extra */
} scan;

static void word_begin(scan *s)
{
	s->words++;
	s->pending++;
}

static void sentence_end(scan *s)
{
	if (s->pending && s->sentences) {
		s->c->sentences++;
		s->pending = 0;
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
	/* The token before the dot: ASCII letters, digits and inner dots. */
	const unsigned char *w = dot;
	while (w > s->start && dot - w < 24 &&
	       (byte_class[w[-1]] == B_LETTER || byte_class[w[-1]] == B_DIGIT || w[-1] == '.'))
		w--;
	if (w > s->start && w[-1] >= 0x80)
		return false; /* the end of a word in another script ("Müller.") */
	while (w < dot && *w == '.')
		w++;
	size_t n = (size_t)(dot - w);
	if (n == 0)
		return false;
	bool numbering = dot == s->first_word_end;
	char word[24];
	size_t wn = 0, part = 0, longest_part = 0, dots = 0;
	bool digits = true;
	for (const unsigned char *q = w; q < dot; q++) {
		if (*q == '.') {
			dots++;
			part = 0;
			continue;
		}
		digits = digits && byte_class[*q] == B_DIGIT;
		if (++part > longest_part)
			longest_part = part;
		if (wn < sizeof(word))
			word[wn++] = (char)(*q >= 'A' && *q <= 'Z' ? *q + 32 : *q);
	}
	if (numbering && (digits || roman_numeral(w, n) || n == 1))
		return true; /* "1. The internet …", "IV. Conclusions", "a. first" */
	if (digits)
		return false;
	if (dots)
		return longest_part <= 2; /* e.g. i.e. U.S. a.m. Ph.D. */
	if (n == 1 && *w >= 'A' && *w <= 'Z' && *w != 'I')
		return true; /* an initial ("I." is the pronoun more often) */
	if (wn == 2 && word[0] == 'n' && word[1] == 'o')
		return next_char_kind(after, s->end) == '0'; /* "No. 5", but "No." */
	return stats_abbrev_has(s->abbrevs, word, wn);
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

/* Returns where scanning goes on after the character at p. */
static const unsigned char *multibyte(scan *s, const unsigned char *p)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate(p, s->end - p, &cp);
	if (k <= 0) { /* cannot happen in a document's text; step over the byte */
		separator(s);
		return p + 1;
	}
	s->extra += (uint64_t)k - 1;
	switch (utf8proc_category(cp)) {
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

void stats_measure(stats_counts *c, const char *text, size_t len, bool sentences,
                   const stats_abbrevs *abbrevs)
{
	scan s = {.start = (const unsigned char *)text,
	          .end = (const unsigned char *)text + len,
	          .c = c,
	          .abbrevs = abbrevs,
	          .sentences = sentences,
	          .last_script = -1};
	const unsigned char *p = s.start;
	while (p < s.end) {
		switch (byte_class[*p]) {
		case B_LETTER:
		case B_DIGIT: {
			if (s.state == OUT)
				word_begin(&s);
			/* Inside a word nothing changes until its last letter: pass
			 * over the rest of its ASCII letters and digits at once. */
			const unsigned char *q = p, *end = s.end;
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
			c->letters[SCRIPT_LATIN] += letters;
			if (!s.first_word_end && s.words == 1)
				s.first_word_end = q;
			s.after_ideograph = false;
			if (q < s.end && *q == ' ') {
				/* The space after a word, most often: no need to dispatch it. */
				s.state = OUT;
				s.last_script = -1;
				p = q + 1;
			} else {
				s.state = IN;
				s.last_script = letters ? SCRIPT_LATIN : -1;
				p = q;
			}
			break;
		}
		case B_JOIN:
			s.state = s.state == IN ? JOINED : OUT;
			s.after_ideograph = false;
			s.last_script = -1;
			p++;
			break;
		case B_STOP:
		case B_BANG:
			separator(&s);
			p = terminator(&s, p);
			break;
		case B_MULTI:
			if (ellipsis_at(p, s.end)) {
				separator(&s);
				p = terminator(&s, p);
			} else {
				p = multibyte(&s, p);
			}
			break;
		default:
			separator(&s);
			p++;
		}
	}
	sentence_end(&s); /* the last sentence may lack its full stop */
	c->characters += len - s.extra;
	c->bytes += len;
	c->words += s.words;
	if (sentences) {
		c->sentence_words += s.words;
		c->paragraphs += s.words > 0;
	}
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
