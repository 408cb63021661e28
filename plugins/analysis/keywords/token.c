/* SPDX-License-Identifier: MIT */
/*
 * token: the tokeniser (see token.h). ASCII is classified by a table and
 * never decoded; other characters go through utf8proc's category table.
 * The tokeniser allocates nothing: a token is a span of the text, and the
 * normal forms are written into the caller's buffer.
 */
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "token.h"

enum cls {
	C_SPACE, /* white space: no phrase break */
	C_PUNCT, /* anything else outside words: a phrase break */
	C_LETTER,
	C_DIGIT,
	C_MARK,   /* combining mark: part of the word before it */
	C_FORMAT, /* soft hyphen, joiners: part of the word they are in */
	C_HYPHEN, /* joins two words into one */
	C_APOS,   /* joins two words into one */
	C_CJK,    /* Han or Kana */
};

/* The class of each ASCII byte (controls count as white space). */
#define S C_SPACE
#define P C_PUNCT
#define L C_LETTER
#define D C_DIGIT
#define H C_HYPHEN
#define A C_APOS
static const unsigned char ascii_table[128] = {
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, /* controls */
    S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
    S, P, P, P, P, P, P, A, P, P, P, P, P, H, P, P, /*  !"#$%&'()*+,-./ */
    D, D, D, D, D, D, D, D, D, D, P, P, P, P, P, P, /* 0-9 :;<=>? */
    P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* @ A-O */
    L, L, L, L, L, L, L, L, L, L, L, P, P, P, P, P, /* P-Z [\]^_ */
    P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* ` a-o */
    L, L, L, L, L, L, L, L, L, L, L, P, P, P, P, S, /* p-z {|}~ DEL */
};
#undef S
#undef P
#undef L
#undef D
#undef H
#undef A

/* ASCII letters (1) and digits (2), every other byte 0: the byte loop of
 * word scanning in one lookup, with no separate test for ASCII. */
static const unsigned char ascii_alnum_kind[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* 1 for the bytes ascii_table calls white space, 0 for the others. */
static const unsigned char space_byte[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, [0x7f] = 1,
};

/* Han ideographs and Kana: scripts written without spaces between words. */
static int is_cjk(int32_t cp)
{
	return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	       (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3005 && cp <= 0x3007) ||
	       (cp >= 0x3021 && cp <= 0x3029) || (cp >= 0x31f0 && cp <= 0x31ff) ||
	       (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff66 && cp <= 0xff9f) ||
	       (cp >= 0x2e80 && cp <= 0x2fdf) || (cp >= 0x20000 && cp <= 0x323af);
}

static enum cls unicode_cls(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LO: return is_cjk(cp) ? C_CJK : C_LETTER;
	case UTF8PROC_CATEGORY_LM:
		if (cp == 0x02bc) /* modifier letter apostrophe */
			return C_APOS;
		return is_cjk(cp) ? C_CJK : C_LETTER;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME: return C_MARK;
	case UTF8PROC_CATEGORY_ND: return C_DIGIT;
	case UTF8PROC_CATEGORY_NL: return is_cjk(cp) ? C_CJK : C_DIGIT;
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP: return C_SPACE;
	case UTF8PROC_CATEGORY_CC: return C_SPACE; /* NEL and the C1 controls: line ends at worst */
	case UTF8PROC_CATEGORY_CF: return C_FORMAT;
	case UTF8PROC_CATEGORY_PD: return cp == 0x2010 || cp == 0x2011 ? C_HYPHEN : C_PUNCT;
	case UTF8PROC_CATEGORY_PF: return cp == 0x2019 ? C_APOS : C_PUNCT;
	default: return C_PUNCT;
	}
}

/* The class of the character at pos and its length in bytes. */
static enum cls char_at(const kw_tokenizer *t, size_t pos, size_t *clen)
{
	unsigned char c = t->s[pos];
	if (c < 0x80) {
		*clen = 1;
		return (enum cls)ascii_table[c];
	}
	int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate(t->s + pos, (utf8proc_ssize_t)(t->len - pos), &cp);
	if (n <= 0) {
		*clen = 1;
		return C_PUNCT;
	}
	*clen = (size_t)n;
	return unicode_cls(cp);
}

void kw_tok_init(kw_tokenizer *t, const char *text, size_t len)
{
	memset(t, 0, sizeof(*t));
	t->s = (const unsigned char *)text;
	t->len = len;
}

static int ascii_alnum(unsigned char c)
{
	return c < 0x80 && (ascii_table[c] == C_LETTER || ascii_table[c] == C_DIGIT);
}

static int prefix_ci(const unsigned char *s, size_t n, const char *p)
{
	size_t m = strlen(p);
	if (n < m)
		return 0;
	for (size_t i = 0; i < m; i++) {
		unsigned char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		if (c != (unsigned char)p[i])
			return 0;
	}
	return 1;
}

/* Whether byte c is printable ASCII: part of a URL or an address. */
static int url_byte(unsigned char c)
{
	return c > ' ' && c < 0x7f;
}

/* The end of the run of printable ASCII at pos. */
static size_t run_end(const kw_tokenizer *t, size_t pos)
{
	while (pos < t->len && url_byte(t->s[pos]))
		pos++;
	return pos;
}

/*
 * Whether the word tok, just read, begins or is inside a URL or an e-mail
 * address: it is followed by "://", is "www." or "mailto:", or is followed
 * by '@' and a letter or digit; or it is followed by '.', '_' or '+' and a
 * letter or digit and an '@' comes later in the same run of printable
 * ASCII ("nigel.hickson@icann.org"). Looking only where a word ends is
 * cheaper than looking at every run first, and t->checked keeps the look
 * ahead linear.
 */
static int in_url(kw_tokenizer *t, const kw_token *tok)
{
	const unsigned char *s = t->s;
	size_t e = tok->start + tok->len, n = t->len;
	if (e + 1 >= n)
		return 0;
	unsigned char c = s[e], next = s[e + 1];
	if (c == ':')
		return (next == '/' && e + 2 < n && s[e + 2] == '/') ||
		       (tok->len == 6 && prefix_ci(s + tok->start, 6, "mailto"));
	if (c == '@')
		return ascii_alnum(next);
	if (c != '.' && c != '_' && c != '+')
		return 0;
	if (c == '.' && tok->len == 3 && prefix_ci(s + tok->start, 3, "www") &&
	    (tok->start == 0 || !url_byte(s[tok->start - 1]) || s[tok->start - 1] == '(' ||
	     s[tok->start - 1] == '<'))
		return 1;
	if (!ascii_alnum(next) || e < t->checked)
		return 0;
	for (size_t p = e + 1; p < n && url_byte(s[p]); p++) {
		if (s[p] == '@' && p + 1 < n && ascii_alnum(s[p + 1]) && ascii_alnum(s[p - 1]))
			return 1;
		t->checked = p + 1;
	}
	return 0;
}

/* The end of a domain ("icann.org") at p: small letters, digits and
 * hyphens with a dot between two of them, the last part two letters or
 * more; 0 when there is none ("U.N. Headquarters" is no domain). */
static size_t domain_end(const unsigned char *s, size_t n, size_t p)
{
	size_t q = p, last = p;
	int dot = 0;
	while (q < n && ((s[q] >= 'a' && s[q] <= 'z') || (s[q] >= '0' && s[q] <= '9') ||
	                 s[q] == '-' ||
	                 (s[q] == '.' && q > p && q + 1 < n && s[q + 1] >= 'a' && s[q + 1] <= 'z'))) {
		if (s[q] == '.') {
			dot = 1;
			last = q + 1;
		}
		q++;
	}
	return dot && q - last >= 2 ? q : 0;
}

/* Whether s[a..r) can be the local part of an address: it has a dot, an
 * underscore, a hyphen or a digit ("nigel.hickson"), so that "available
 * at icann.org" is text. */
static int local_part(const unsigned char *s, size_t a, size_t r)
{
	for (size_t q = a; q < r; q++) {
		if (s[q] == '.' || s[q] == '_' || s[q] == '-' || (s[q] >= '0' && s[q] <= '9'))
			return 1;
	}
	return 0;
}

/* Whether s[a..e), eight bytes or more, is a hexadecimal string and not
 * a word: digits and letters mixed, as hashes are ("0bc43ea9"), not a
 * word and a number ("decade2020"). */
static int hex_like(const unsigned char *s, size_t a, size_t e)
{
	int changes = 0, prev = -1;
	for (size_t q = a; q < e; q++) {
		unsigned char c = s[q];
		int digit = c >= '0' && c <= '9';
		if (!digit && !((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
			return 0;
		changes += prev >= 0 && digit != prev;
		prev = digit;
	}
	return changes >= 3;
}

/*
 * Where the word tok, just read, is not text: the position to go on
 * from, or 0.
 *  - an address as Mailman writes it, "nigel.hickson at icann.org": the
 *    run of printable ASCII it is in has a dot, '_', '-' or a digit and
 *    is followed by " at " and a domain;
 *  - an HTML entity, "&quot;", "&nbsp;";
 *  - the name of a tag, "<div class=…>", "</p>": up to its '>';
 *  - a hexadecimal string of eight characters or more where digits and
 *    letters alternate (hashes, identifiers): "d41d8cd98f00b204".
 */
static size_t not_text(kw_tokenizer *t, const kw_token *tok)
{
	const unsigned char *s = t->s;
	size_t a = tok->start, e = a + tok->len, n = t->len;
	if (e > t->run_to) { /* a new run: each is looked along once */
		size_t r = run_end(t, e);
		t->run_to = r;
		/* " at " first: it is rare, and the local part is then the
		 * only run looked along twice. */
		t->run_addr = r + 4 < n && memcmp(s + r, " at ", 4) == 0 && local_part(s, a, r)
		                  ? domain_end(s, n, r + 4)
		                  : 0;
	}
	if (t->run_addr)
		return t->run_addr;
	if (a > 0 && s[a - 1] > ' ') { /* most words follow white space */
		if (s[a - 1] == '&' && e < n && s[e] == ';')
			return e + 1;
		if (s[a - 1] == '<' || (a > 1 && s[a - 1] == '/' && s[a - 2] == '<')) {
			for (size_t q = e; q < n && q < e + 300; q++)
				if (s[q] == '>')
					return q + 1;
		}
	}
	if (tok->len >= 8 && hex_like(s, a, e))
		return e;
	return 0;
}

#if defined(__SSE2__) && defined(__GNUC__)
#define KW_FAST_WORDS 1

/* A byte is in a range of k values from lo when, moved by 0x80 - lo, it
 * is below -128 + k as a signed byte: one add and one compare a range,
 * and the bytes outside it, from 0x80 too, fail. */
#define IN_RANGE(v, lo, k)                                                                         \
	_mm_cmplt_epi8(_mm_add_epi8((v), _mm_set1_epi8((char)(0x80 - (lo)))),                      \
	               _mm_set1_epi8((char)(-128 + (k))))

/* The ASCII letters and digits among sixteen bytes, a bit each (letters
 * are tested with their case bit set). */
static inline unsigned alnum_mask(__m128i v)
{
	__m128i digit = IN_RANGE(v, '0', 10);
	__m128i letter = IN_RANGE(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 26);
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(letter, digit));
}

/* Skip ASCII letters and digits from pos, sixteen at a time: one test per
 * sixteen bytes instead of a branch per byte, which the end of every word
 * would mispredict; the last bytes, fewer than sixteen, one by one.
 * Returns where the run ends: at the first other byte. */
static inline size_t alnum_run(const unsigned char *s, size_t pos, size_t n)
{
	while (pos + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + pos));
		unsigned stop = ~alnum_mask(v) & 0xffffu;
		if (stop)
			return pos + (size_t)__builtin_ctz(stop);
		pos += 16;
	}
	while (pos < n && ascii_alnum_kind[s[pos]])
		pos++;
	return pos;
}

/* Sixteen bytes from keep_bytes + 16 - len keep the first len bytes of a
 * vector and clear the others. */
static const unsigned char keep_bytes[32] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};

/*
 * The usual words, each read whole from one load of sixteen bytes, from
 * t->pos on into toks[got..max): how many there are then. A usual word is
 * ASCII letters and digits, fewer than sixteen of them with sixteen bytes
 * of text from their start, followed by white space or by ASCII
 * punctuation and then white space (", ", ". ", "), "), past every run of
 * printable ASCII that the general path has looked along, not followed by
 * " at " (an address, perhaps), not after '<', '/' or '&' (a tag or an
 * entity), and no hexadecimal string. Such a word is in no URL, address,
 * entity or tag, so the general path would take it as it is, and the
 * punctuation after it is a phrase break; ':' after a word (a URL's
 * scheme) and "www." go to the general path. At the first other word, or
 * at anything else after the white space, this stops and the general
 * path goes on from there. The head of each word, its bytes with zeros
 * after them, is what the intern table compares (intern.h), so the lookup
 * does not read the word again.
 */
static size_t fast_words(kw_tokenizer *restrict t, kw_token *restrict toks, size_t got,
                         size_t max)
{
	const unsigned char *s = t->s;
	const size_t n = t->len;
	size_t pos = t->pos, first = got, run_to = t->run_to;
	uint8_t brk = (uint8_t)t->brk;
	uint32_t at;
	memcpy(&at, " at ", 4);
	while (pos < n && space_byte[s[pos]])
		pos++;
	/* Past the runs the general path has looked along (each word then
	 * ends past them too), and in no tag or entity. */
	if (pos < run_to ||
	    (pos > 0 && (s[pos - 1] == '<' || s[pos - 1] == '/' || s[pos - 1] == '&')))
		goto out;
	while (got < max && pos + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + pos));
		unsigned word = alnum_mask(v);
		size_t len = (size_t)__builtin_ctz(~word); /* bit 16 is set */
		if (len - 1 >= 15)
			break; /* no word here, or sixteen bytes or more */
		size_t e = pos + len, r = e; /* r: where the run of printable ASCII ends */
		uint8_t after = 0;
		if (s[e] > ' ') {
			if (s[e] >= 0x7f || s[e] == ':' || (s[e] == '.' && len == 3))
				break;
			unsigned printable = (unsigned)_mm_movemask_epi8(IN_RANGE(v, 0x21, 0x7e - 0x21 + 1));
			size_t end = (size_t)__builtin_ctz((~printable | 0x10000u) & (~0u << len));
			/* Only punctuation, then white space. */
			if (end == 16 || (word & ((1u << end) - 1)) >> len || s[pos + end] > ' ')
				break;
			r = pos + end;
			after = 1;
		}
		uint32_t next = 0;
		if (r + 4 < n)
			memcpy(&next, s + r, 4);
		if (next == at)
			break;
		if (len >= 8) {
			__m128i hex = _mm_or_si128(
			    IN_RANGE(v, '0', 10), IN_RANGE(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 6));
			unsigned bits = (1u << len) - 1;
			if (((unsigned)_mm_movemask_epi8(hex) & bits) == bits && hex_like(s, pos, e))
				break;
		}
		kw_token *tok = &toks[got++];
		__m128i keep = _mm_loadu_si128((const __m128i *)(const void *)(keep_bytes + 16 - len));
		_mm_storeu_si128((__m128i *)(void *)tok->head, _mm_and_si128(v, keep));
		tok->start = pos;
		tok->len = len;
		tok->kind = KW_TOK_WORD;
		tok->ascii = 1;
		tok->brk = brk;
		tok->apos = 0;
		tok->apos_len = 0;
		tok->headed = 1;
		brk = after;
		run_to = r;
		pos = r + 1;
		while (pos < n && space_byte[s[pos]])
			pos++;
	}
out:
	t->pos = pos;
	t->brk = brk;
	if (got > first) {
		/* What not_text would have noted: the last word's run ends
		 * at r, with no address after it. */
		t->run_to = run_to;
		t->run_addr = 0;
	}
	return got;
}
#elif defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ONES 0x0101010101010101ull
#define HIGH (ONES * 0x80)

/* The high bit of each byte of v that is an ASCII digit (in d) or letter
 * (in l), eight bytes at a time with no branch: x + (0x80 - lo) has its
 * high bit set when x >= lo, and no byte carries into the next because
 * x < 0x80. Letters are tested with their case bit set. */
static inline void alnum_bits(uint64_t v, uint64_t *d, uint64_t *l)
{
	uint64_t ascii = ~v & HIGH, x = v & ~HIGH, lower = x | (ONES * 0x20);
	*d = ascii & (x + ONES * (0x80 - '0')) & ~(x + ONES * (0x80 - '9' - 1)) & HIGH;
	*l = ascii & (lower + ONES * (0x80 - 'a')) & ~(lower + ONES * (0x80 - 'z' - 1)) & HIGH;
}

/* Skip ASCII letters and digits from pos, eight at a time: one test per
 * eight bytes instead of a branch per byte, which the end of every word
 * would mispredict; the last bytes, fewer than eight, one by one. Returns
 * where the run ends: at the first other byte. */
static size_t alnum_run(const unsigned char *s, size_t pos, size_t n)
{
	while (pos + 8 <= n) {
		uint64_t v, d, l;
		memcpy(&v, s + pos, 8);
		alnum_bits(v, &d, &l);
		uint64_t stop = ~(d | l) & HIGH;
		if (stop)
			return pos + (size_t)__builtin_ctzll(stop) / 8;
		pos += 8;
	}
	while (pos < n && ascii_alnum_kind[s[pos]])
		pos++;
	return pos;
}
#undef ONES
#undef HIGH
#else
static size_t alnum_run(const unsigned char *s, size_t pos, size_t n)
{
	while (pos < n && ascii_alnum_kind[s[pos]])
		pos++;
	return pos;
}
#endif

/* Scan the word starting at pos (a letter or digit) into tok. ASCII
 * letters and digits, most of any text, are read without a call. */
static void scan_word(kw_tokenizer *t, kw_token *tok)
{
	const unsigned char *s = t->s;
	size_t pos = t->pos, n = t->len, clen;
	int ascii = 1;
	tok->apos = 0;
	tok->apos_len = 0;
	for (;;) {
		pos = alnum_run(s, pos, n);
		if (pos >= n || (s[pos] < 0x80 && s[pos] != '-' && s[pos] != '\''))
			break; /* white space or punctuation: the usual end of a word */
		enum cls c = char_at(t, pos, &clen);
		if (c == C_LETTER || c == C_DIGIT || c == C_MARK || c == C_FORMAT) {
			ascii = 0; /* not ASCII: ASCII letters and digits were read above */
		} else if (c == C_HYPHEN || c == C_APOS) {
			size_t nlen;
			if (pos + clen >= n)
				break;
			enum cls next = char_at(t, pos + clen, &nlen);
			if (next != C_LETTER && next != C_DIGIT)
				break;
			if (c == C_APOS && !tok->apos && pos - t->pos < 255) {
				tok->apos = (uint8_t)(pos - t->pos + 1);
				tok->apos_len = (uint8_t)clen;
			}
			ascii &= clen == 1;
		} else {
			break;
		}
		pos += clen;
	}
	tok->start = t->pos;
	tok->len = pos - t->pos;
	tok->headed = 0;
	tok->kind = KW_TOK_WORD;
	tok->ascii = (uint8_t)ascii;
	t->pos = pos;
}

/* A Han or Kana character at pos (clen bytes): its bigram with the next
 * one into tok (1), or nothing (0) at the end of a run. */
static int cjk_bigram(kw_tokenizer *t, kw_token *tok, size_t pos, size_t clen)
{
	size_t nlen;
	if (t->pos < t->len && char_at(t, t->pos, &nlen) == C_CJK) {
		*tok = (kw_token){
		    .start = pos, .len = clen + nlen, .kind = KW_TOK_CJK, .brk = (uint8_t)t->brk};
		t->brk = 1; /* bigrams never make phrases */
		return 1;
	}
	/* The run's last character, already in a bigram, or a lone one: one
	 * letter, not counted. */
	t->brk = 1;
	return 0;
}

/* One step of the general path: white space, then one character or word
 * read, which gives one token (1) or none (0). */
static int general_step(kw_tokenizer *t, kw_token *tok)
{
	const unsigned char *s = t->s;
	size_t pos = t->pos, clen;
	unsigned char b = s[pos];
	/* ASCII white space here, not around the loop: one space between
	 * two words is the usual case. */
	while (b < 0x80 && ascii_table[b] == C_SPACE) {
		if (++pos == t->len) {
			t->pos = pos;
			return 0;
		}
		b = s[pos];
	}
	t->pos = pos;
	enum cls c = b < 0x80 ? (enum cls)ascii_table[b] : char_at(t, pos, &clen);
	if (b < 0x80)
		clen = 1;
	if (c == C_LETTER || c == C_DIGIT) {
		scan_word(t, tok);
		tok->brk = (uint8_t)t->brk;
		t->brk = 0;
		/* A word followed by white space, as most are, is in no URL. */
		if (t->pos < t->len && t->s[t->pos] > ' ' && t->s[t->pos] < 0x80 && in_url(t, tok)) {
			t->pos = run_end(t, t->pos);
			t->brk = 1;
			return 0;
		}
		size_t skip_to = not_text(t, tok);
		if (skip_to) {
			t->pos = skip_to;
			t->brk = 1;
			return 0;
		}
		if (tok->len > KW_MAX_TOKEN) {
			t->brk = 1;
			return 0;
		}
		return 1;
	}
	t->pos = pos + clen;
	if (c == C_SPACE)
		return 0;
	if (c == C_CJK)
		return cjk_bigram(t, tok, pos, clen);
	t->brk = 1;
	return 0;
}

size_t kw_tok_batch(kw_tokenizer *restrict t, kw_token *restrict toks, size_t max)
{
	size_t got = 0;
	while (got < max && t->pos < t->len) {
#ifdef KW_FAST_WORDS
		if (!t->slow) {
			got = fast_words(t, toks, got, max);
			if (got == max || t->pos >= t->len)
				break;
		}
#endif
		got += (size_t)general_step(t, &toks[got]);
	}
	return got;
}

int kw_tok_next(kw_tokenizer *t, kw_token *tok)
{
	return kw_tok_batch(t, tok, 1) == 1;
}

/* Typographic apostrophes and Unicode hyphens as their ASCII forms, in the
 * comparison form only. */
static utf8proc_int32_t fold_custom(utf8proc_int32_t cp, void *data)
{
	(void)data;
	if (cp == 0x2019 || cp == 0x02bc)
		return '\'';
	if (cp == 0x2010 || cp == 0x2011)
		return '-';
	return cp;
}

size_t kw_fold(const char *s, size_t len, int ascii, int casefold, char *out, size_t cap)
{
	if (ascii) {
		if (len + 1 > cap)
			return 0;
		for (size_t i = 0; i < len; i++) {
			char c = s[i];
			out[i] = casefold && c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
		}
		out[len] = '\0';
		return len;
	}
	utf8proc_int32_t buf[4 * KW_MAX_TOKEN + 8];
	utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_IGNORE;
	if (casefold)
		opts |= UTF8PROC_CASEFOLD;
	size_t room = sizeof(buf) / sizeof(buf[0]);
	utf8proc_ssize_t n = utf8proc_decompose_custom(
	    (const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, buf, (utf8proc_ssize_t)room, opts,
	    casefold ? fold_custom : NULL, NULL);
	if (n < 0 || (size_t)n >= room)
		return 0;
	n = utf8proc_reencode(buf, n, opts);
	if (n <= 0 || (size_t)n + 1 > cap)
		return 0;
	memcpy(out, buf, (size_t)n + 1);
	return (size_t)n;
}

size_t kw_utf8_prefix(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;
	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0)
			break;
		i += (size_t)n;
	}
	return i;
}

int kw_valid_utf8(const char *s, size_t len)
{
	return kw_utf8_prefix(s, len) == len;
}

void kw_letters(const char *text, size_t len, unsigned *letters, unsigned *digits)
{
	kw_tokenizer t;
	kw_tok_init(&t, text, len);
	*letters = *digits = 0;
	for (size_t pos = 0, clen; pos < len; pos += clen) {
		enum cls c = char_at(&t, pos, &clen);
		*letters += c == C_LETTER || c == C_CJK;
		*digits += c == C_DIGIT;
	}
}
