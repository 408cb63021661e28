/* SPDX-License-Identifier: MIT */
/*
 * igt_doc_write_json (doc.h): a document's JSON text written straight from
 * the model, for outputs that write every document (jsonl), and
 * igt_json_write for single values (the store). igt_doc_to_json builds a
 * jansson tree first and dumps it afterwards, which costs more than the
 * parse of most formats; this writes the same bytes without the tree,
 * straight into the output buffer (see struct gen). The jansson path stays
 * the reference: whenever this writer meets what it does not handle the
 * same way (nesting deeper than MAX_DEPTH, a string jansson would refuse)
 * it discards what it wrote and falls back to igt_doc_to_json and
 * json_dump, so the output, and the failures, are those of jansson in
 * every case.
 *
 * Byte equality with jansson's compact form holds because strings are
 * escaped as jansson escapes them (escape_block): '"', '\\', and control
 * characters (\b \f \n \r \t by name, the others as \u00XX in capitals),
 * with "/" and non-ASCII UTF-8 written as they are; the strings of json_t
 * values and keys are checked to be UTF-8, as jansson checks them. Integers
 * are written in decimal as "%lld" writes them (jansson's format); reals
 * that are whole, or that have a fraction of at most 15 digits clear of a
 * halfway case, are written here as jansson writes them (fraction_text),
 * and the others are formatted by jansson itself. Indented output is
 * jansson's.
 * tests/unit/test_docwrite.c compares the two writers.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <igtext/doc.h>

#include "doc_private.h"
#include "utf8.h"
#include "util.h"

/* Nesting deeper than this, and a value that contains itself (which
 * jansson refuses), is left to jansson. */
#define MAX_DEPTH 100

/* An annotation value already written for this document: plugins give
 * every annotation of one topic or one entity the same json_t, and a
 * transcript holds hundreds of annotations per distinct value. */
struct memo {
	const json_t *value;
	size_t offset, length; /* in the output buffer */
};

#define MEMO_SLOTS 256

/* The start of an annotation, {"by":…,"type":…,"segment":, as written
 * already for this document: the setters keep one copy of a plugin's
 * name and type for a run of annotations (doc.c), and escaping the two
 * strings was a third of writing an annotation. */
struct prefix {
	const char *by, *type;
	size_t offset, length; /* in the output buffer */
};

#define PREFIX_SLOTS 16

/*
 * Everything is written straight into out, the commas and colons
 * included: the places of the document's own keys are fixed, and a json_t
 * container puts a comma before each member but its first. A streaming
 * generator (yajl) placed them before, told about each value only for
 * that, and its calls and print callbacks were a third of writing a
 * document.
 */
struct gen {
	igt_buf *out;
	json_t *real; /* reused to format annotation scores; made when needed */
	/* The slots in use are those whose bits are set, so that forgetting
	 * them clears a few words: clearing the slots themselves, for each
	 * document, cost as much as the lookups saved in a short one. */
	uint64_t memo_used[MEMO_SLOTS / 64];
	uint32_t prefix_used;
	struct memo memo[MEMO_SLOTS]; /* by address */
	struct prefix prefix[PREFIX_SLOTS]; /* by the addresses of by and type */
};

static void gen_init(struct gen *g, igt_buf *out)
{
	g->out = out;
	g->real = NULL;
	memset(g->memo_used, 0, sizeof(g->memo_used));
	g->prefix_used = 0;
}

static void gen_clear(struct gen *g)
{
	json_decref(g->real);
	g->real = NULL;
}

/* What the memo holds points into one output buffer, as written so far:
 * forgotten whenever that may change. */
static void memo_forget(struct gen *g)
{
	memset(g->memo_used, 0, sizeof(g->memo_used));
	g->prefix_used = 0;
}

/* Room for n more bytes (and the NUL written at the end) in b; where they
 * go. The common case, room already there, does no call. */
static inline char *room(igt_buf *b, size_t n)
{
	if (b->cap - b->len <= n)
		igt_buf_reserve(b, n);
	return b->data + b->len;
}

/* Text written as it is. */
static inline void raw(struct gen *g, const char *s, size_t n)
{
	igt_buf *b = g->out;
	memcpy(room(b, n), s, n);
	b->len += n;
}

static inline void raw_char(struct gen *g, char c)
{
	igt_buf *b = g->out;
	*room(b, 1) = c;
	b->len++;
}

#define RAW(g, literal) raw((g), (literal), sizeof(literal) - 1)

#ifndef __SSE2__
/* A word of eight bytes with each byte set to b. */
#define BYTES(b) (0x0101010101010101ULL * (uint64_t)(b))

/* Whether any byte of w is below 0x20, '"' or '\\' (the bytes JSON
 * escapes), or with high set, 0x80 or above. The usual test for a zero
 * byte, applied to w and to w with '"' and '\\' turned into zeros; it
 * may report a byte that is not one of those (after a byte that is),
 * never miss one. */
static int word_special(uint64_t w, uint64_t high)
{
	uint64_t quote = w ^ BYTES('"'), backslash = w ^ BYTES('\\');
	uint64_t hit = ((w - BYTES(0x20)) & ~w) | ((quote - BYTES(1)) & ~quote) |
	               ((backslash - BYTES(1)) & ~backslash) | (w & high);
	return (hit & BYTES(0x80)) != 0;
}
#endif

/* The escape of c as jansson writes it into e; its length. */
static size_t escape(unsigned char c, char e[6])
{
	static const char hex[] = "0123456789ABCDEF";
	const char *named = NULL;
	switch (c) {
	case '"': named = "\\\""; break;
	case '\\': named = "\\\\"; break;
	case '\b': named = "\\b"; break;
	case '\f': named = "\\f"; break;
	case '\n': named = "\\n"; break;
	case '\r': named = "\\r"; break;
	case '\t': named = "\\t"; break;
	}
	if (named) {
		memcpy(e, named, 2);
		return 2;
	}
	memcpy(e, "\\u00", 4);
	e[4] = hex[c >> 4];
	e[5] = hex[c & 15];
	return 6;
}

/* Where the string writer is in s: bytes before run are in o already. */
struct esc {
	const char *s;
	size_t run;
	char *o;
};

/* The byte at i, which the scan stopped at: escaped after the run before
 * it, or (when checking) the first of a run of bytes of 0x80 and above,
 * which must be valid UTF-8 on its own, since ASCII bytes never continue a
 * sequence. Returns where the scan goes on, or (size_t)-1 for invalid
 * UTF-8. */
static size_t special_at(struct esc *e, size_t i, size_t n)
{
	unsigned char c = (unsigned char)e->s[i];
	if (c < 0x80) {
		memcpy(e->o, e->s + e->run, i - e->run);
		e->o += i - e->run;
		e->o += escape(c, e->o);
		e->run = i + 1;
		return i + 1;
	}
	size_t end = i + 1;
	while (end < n && (unsigned char)e->s[end] >= 0x80)
		end++;
	return igt_utf8_valid_prefix(e->s + i, end - i) == end - i ? end : (size_t)-1;
}

#ifdef __SSE2__
/* The bits of the bytes of v to look at: escapes, and with check the bytes
 * of 0x80 and above. */
static unsigned special_mask(__m128i v, int check)
{
	const __m128i below = _mm_set1_epi8(0x1F), quote = _mm_set1_epi8('"'),
	              backslash = _mm_set1_epi8('\\');
	__m128i hit = _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, below), below),
	                           _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
	unsigned mask = (unsigned)_mm_movemask_epi8(hit);
	return check ? mask | (unsigned)_mm_movemask_epi8(v) : mask;
}
#endif

/* s[0..n) escaped into o, which has room for 6 * n bytes; the length
 * written, or (size_t)-1 when check is set and s is not valid UTF-8.
 * Runs without escapes are copied whole. jansson checks the UTF-8 of a
 * string when it dumps it; doing it here, in the same look at each
 * byte, saves reading the text twice. */
static size_t escape_block(const char *s, size_t n, char *o, int check)
{
	struct esc e = {s, 0, o};
	size_t i = 0;
#ifdef __SSE2__
	/* Sixteen bytes at a time; the bits of the mask are the bytes to
	 * look at. */
	while (n - i >= 16) {
		unsigned mask = special_mask(_mm_loadu_si128((const __m128i *)(const void *)(s + i)), check);
		if (!mask) {
			i += 16;
			continue;
		}
		i = special_at(&e, i + (size_t)__builtin_ctz(mask), n);
		if (i == (size_t)-1)
			return i;
	}
	/* The last bytes, most of a short string (keys, names), in one look
	 * too: the sixteen that end the string, of which those before i are
	 * masked out, or when it is shorter, a copy padded with spaces. */
	if (i < n) {
		size_t base = n >= 16 ? n - 16 : 0;
		__m128i v;
		if (n >= 16) {
			v = _mm_loadu_si128((const __m128i *)(const void *)(s + base));
		} else {
			char pad[16];
			memset(pad, ' ', sizeof(pad));
			memcpy(pad, s, n);
			v = _mm_loadu_si128((const __m128i *)(const void *)pad);
		}
		unsigned mask = special_mask(v, check) & (0xFFFFu << (i - base));
		while (mask) {
			i = special_at(&e, base + (size_t)__builtin_ctz(mask), n);
			if (i == (size_t)-1)
				return i;
			mask = i - base >= 16 ? 0 : mask & (0xFFFFu << (i - base));
		}
	}
#else
	/* With check, the bytes of 0x80 and above are looked at too. */
	unsigned top = check ? 0x80 : 0x100;
	uint64_t high = check ? BYTES(0x80) : 0;
	while (i < n) {
		/* Eight bytes at a time to the word that holds a byte to look
		 * at, then byte by byte. */
		uint64_t w;
		if (n - i >= 8 && (memcpy(&w, s + i, 8), !word_special(w, high))) {
			i += 8;
			continue;
		}
		size_t end = n - i >= 8 ? i + 8 : n;
		for (; i < end; i++) {
			unsigned char c = (unsigned char)s[i];
			if (c < 0x20 || c == '"' || c == '\\' || c >= top)
				break;
		}
		if (i < end && (i = special_at(&e, i, n)) == (size_t)-1)
			return i;
	}
#endif
	memcpy(e.o, s + e.run, n - e.run);
	return (size_t)(e.o + (n - e.run) - o);
}

/* How much of s[0..n) to escape at once: the buffer grows by at most six
 * bytes per byte of a block, so a long text does not reserve six times its
 * size at once. A block ends before a byte that starts a character, since
 * the UTF-8 of each block is checked on its own. */
static size_t block_len(const char *s, size_t n)
{
	enum { BLOCK = 16384 };
	if (n <= BLOCK)
		return n;
	size_t len = BLOCK;
	while (len > BLOCK - 4 && ((unsigned char)s[len] & 0xC0) == 0x80)
		len--;
	return len;
}

/* Whether the eight bytes of lo and of hi need no escape (nor, with
 * check, a look at their UTF-8). May answer no for bytes that do not
 * (after one that does), never yes for bytes that do. */
static inline int words_plain(uint64_t lo, uint64_t hi, int check)
{
#ifdef __SSE2__
	return special_mask(_mm_set_epi64x((long long)hi, (long long)lo), check) == 0;
#else
	uint64_t high = check ? BYTES(0x80) : 0;
	return !word_special(lo, high) && !word_special(hi, high);
#endif
}

/* s[0..n), n below 16, copied to o when none of its bytes needs a look
 * (an escape, or with check, a byte of 0x80 and above); returns whether
 * it was. Most strings of a document's fields and metrics are keys and
 * short values, for which escape_block's block scan, padded copy and
 * calls cost several times the copy. Its bytes are read as two words
 * that overlap (or hold some bytes twice), so none beyond s is read. */
static inline int plain_short(const char *s, size_t n, char *o, int check)
{
	if (n >= 8) {
		uint64_t lo, hi;
		memcpy(&lo, s, 8);
		memcpy(&hi, s + n - 8, 8);
		if (!words_plain(lo, hi, check))
			return 0;
		memcpy(o, &lo, 8);
		memcpy(o + n - 8, &hi, 8);
	} else if (n >= 4) {
		uint32_t lo, hi;
		memcpy(&lo, s, 4);
		memcpy(&hi, s + n - 4, 4);
		uint64_t w = lo | (uint64_t)hi << 32;
		if (!words_plain(w, w, check))
			return 0;
		memcpy(o, &lo, 4);
		memcpy(o + n - 4, &hi, 4);
	} else if (n) {
		unsigned char first = (unsigned char)s[0], mid = (unsigned char)s[n / 2],
		              last = (unsigned char)s[n - 1];
		uint64_t three = first | (uint64_t)mid << 8 | (uint64_t)last << 16;
		uint64_t w = three | three << 24 | three << 48;
		if (!words_plain(w, w, check))
			return 0;
		o[0] = (char)first;
		o[n / 2] = (char)mid;
		o[n - 1] = (char)last;
	}
	return 1;
}

/* s[0..n) quoted at o when plain_short copies it; the length written,
 * or 0. */
static inline size_t quoted_short(const char *s, size_t n, char *o, int check)
{
	if (n >= 16 || !plain_short(s, n, o + 1, check))
		return 0;
	o[0] = '"';
	o[n + 1] = '"';
	return n + 2;
}

/* string_checked for any string, in blocks. Out of line, so that the
 * short strings' path does not pay for its registers. */
static __attribute__((noinline)) int string_blocks(struct gen *g, const char *s, size_t n,
                                                   int check)
{
	igt_buf *b = g->out;
	size_t len = block_len(s, n);
	/* Room for the quotes too. */
	char *o = room(b, 6 * len + 2);
	*o = '"';
	size_t w = escape_block(s, len, o + 1, check);
	if (w == (size_t)-1)
		return -1;
	b->len += 1 + w;
	for (size_t start = len; start < n; start += len) {
		len = block_len(s + start, n - start);
		w = escape_block(s + start, len, room(b, 6 * len + 1), check);
		if (w == (size_t)-1)
			return -1;
		b->len += w;
	}
	b->data[b->len++] = '"';
	return 0;
}

/* A string, quoted and escaped; -1 (the buffer to be cut back by the
 * caller) when check is set and s is not valid UTF-8. The scan looks at
 * sixteen bytes at a time and copies the runs between escapes, which in
 * prose are whole paragraphs. */
static inline int string_checked(struct gen *g, const char *s, size_t n, int check)
{
	igt_buf *b = g->out;
	size_t w = quoted_short(s, n, room(b, n + 2), check);
	if (w) {
		b->len += w;
		return 0;
	}
	return string_blocks(g, s, n, check);
}

/* A document string: valid UTF-8 by construction (doc.c). */
static void raw_string(struct gen *g, const char *s, size_t n)
{
	(void)string_checked(g, s, n, 0);
}

/* A string from a json_t, as a key or a value: jansson checks UTF-8 when
 * it dumps, and strings made with its _nocheck functions have not been
 * checked before; one that fails here sends the document to jansson,
 * which refuses it. */
static int checked_string(struct gen *g, const char *s, size_t n)
{
	return string_checked(g, s, n, 1);
}

/* A document string, written up to its first NUL, as igt_doc_to_json
 * does. */
static void raw_str_or_null(struct gen *g, const char *s)
{
	if (s)
		raw_string(g, s, strlen(s));
	else
		RAW(g, "null");
}

/* A key with the punctuation around it (",\"name\":"), then s. */
static inline void raw_member(struct gen *g, const char *key_text, const char *s)
{
	raw(g, key_text, strlen(key_text));
	raw_str_or_null(g, s);
}

/* u in decimal, written backwards so that it ends before end; returns
 * its start. Two digits at a time, from a table. */
static inline char *unsigned_decimal(char *end, unsigned long long u)
{
	static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233"
	                            "34353637383940414243444546474849505152535455565758596061626364656667"
	                            "6869707172737475767778798081828384858687888990919293949596979899";
	char *p = end;
	while (u >= 100) {
		unsigned r = (unsigned)(u % 100);
		u /= 100;
		p -= 2;
		memcpy(p, pairs + 2 * r, 2);
	}
	if (u >= 10) {
		p -= 2;
		memcpy(p, pairs + 2 * u, 2);
	} else {
		*--p = (char)('0' + u);
	}
	return p;
}

/* The magnitude of v, as unsigned, so that LLONG_MIN does not overflow. */
static inline unsigned long long magnitude(long long v)
{
	return v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
}

/* v in decimal, written backwards so that it ends before end (room for
 * 21 bytes); returns its start. */
static char *decimal(char *end, long long v)
{
	char *p = unsigned_decimal(end, magnitude(v));
	if (v < 0)
		*--p = '-';
	return p;
}

/* v in decimal at o, which has room for 21 bytes; returns its end. Its
 * digits are counted first, so that they are written in place: from the
 * number of its bits (times log10(2), 1233 / 4096), which is the count or
 * one more. */
static inline char *decimal_at(char *o, long long v)
{
	static const unsigned long long powers[20] = {1ULL,
	                                              10ULL,
	                                              100ULL,
	                                              1000ULL,
	                                              10000ULL,
	                                              100000ULL,
	                                              1000000ULL,
	                                              10000000ULL,
	                                              100000000ULL,
	                                              1000000000ULL,
	                                              10000000000ULL,
	                                              100000000000ULL,
	                                              1000000000000ULL,
	                                              10000000000000ULL,
	                                              100000000000000ULL,
	                                              1000000000000000ULL,
	                                              10000000000000000ULL,
	                                              100000000000000000ULL,
	                                              1000000000000000000ULL,
	                                              10000000000000000000ULL};
	unsigned long long u = magnitude(v);
	if (v < 0)
		*o++ = '-';
	unsigned bits = 64 - (unsigned)__builtin_clzll(u | 1);
	unsigned t = (bits * 1233) >> 12;
	unsigned digits = t + 1 - ((u | 1) < powers[t]);
	unsigned_decimal(o + digits, u);
	return o + digits;
}

/* An integer as "%lld" writes it (jansson's format); sprintf cost more
 * than the rest of writing a span. */
static void raw_integer(struct gen *g, long long v)
{
	igt_buf *b = g->out;
	b->len = (size_t)(decimal_at(room(b, 21), v) - b->data);
}

/* [offset,length] at o, which has room for 45 bytes; returns its end. */
static inline char *span_at(char *o, igt_span sp)
{
	*o++ = '[';
	o = decimal_at(o, (long long)sp.offset);
	*o++ = ',';
	o = decimal_at(o, (long long)sp.length);
	*o++ = ']';
	return o;
}

static void raw_span(struct gen *g, igt_span sp)
{
	igt_buf *b = g->out;
	b->len = (size_t)(span_at(room(b, 48), sp) - b->data);
}

/* d, not a whole number, as "%.15g" writes it (IGT_JSON_REALS) when that
 * has no exponent, into text; its length, or 0 when d is not one this
 * knows to write the same. jansson's snprintf cost a thirtieth of the
 * default pipeline on mail, whose metrics hold shares and scores.
 *
 * "%.15g" rounds |d| to fifteen significant digits, the exact binary
 * value correctly rounded, and writes them without the trailing zeros,
 * without exponent when the rounded value's decimal exponent x is from
 * -4 to 14. Here |d| in [1e-4, 1e15) is scaled by 10^(14 - x), a power
 * of ten that is exact as a double (at most 10^18), to t, an integer
 * of fifteen digits plus a fraction. t is within 1/16 of the exact
 * product (half its unit in the last place below 2^50), so when the
 * fraction is further than that from one half, rounding t rounds the
 * exact product; otherwise, and when the digits are not fifteen (x
 * guessed wrong, or a rounding up to 10^15), jansson writes it. */
static size_t fraction_text(double d, char text[100])
{
	static const double tens[] = {1e-3, 1e-2, 1e-1, 1e0,  1e1,  1e2,  1e3,  1e4,
	                              1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11, 1e12,
	                              1e13, 1e14, 1e15, 1e16, 1e17, 1e18};
	const double *ten = tens + 3; /* ten[i] is 10^i, from i = -3 */
	double a = fabs(d);
	if (!(a >= 1e-4 && a < 1e15))
		return 0;
	/* x, the exponent of a: 10^x <= a < 10^(x+1), or one off where the
	 * powers below 1 are not exact, which the check of the digits
	 * finds. */
	int x = -4;
	while (x < 14 && a >= ten[x + 1])
		x++;
	double t = a * ten[14 - x];
	double whole = floor(t), half = t - whole - 0.5;
	if (fabs(half) <= 0.0625)
		return 0;
	unsigned long long m = (unsigned long long)whole + (half > 0);
	if (m < 100000000000000ULL || m >= 1000000000000000ULL)
		return 0;
	char digits[16];
	unsigned_decimal(digits + 15, m);
	int last = 14; /* the last digit that is not a trailing zero */
	while (last > 0 && digits[last] == '0')
		last--;
	char *o = text;
	if (d < 0)
		*o++ = '-';
	if (x >= 0) {
		memcpy(o, digits, (size_t)x + 1);
		o += x + 1;
		*o++ = '.';
		if (last > x) {
			memcpy(o, digits + x + 1, (size_t)(last - x));
			o += last - x;
		} else {
			*o++ = '0';
		}
	} else {
		memcpy(o, "0.000", (size_t)(1 - x));
		o += 1 - x;
		memcpy(o, digits, (size_t)last + 1);
		o += last + 1;
	}
	return (size_t)(o - text);
}

/* A real d as jansson writes it with IGT_JSON_REALS ("0.5", "1.0",
 * "1e300"): jansson formats it (r, or the writer's own real set to d when
 * r is NULL), so the two paths cannot drift apart. Except whole numbers
 * below 1e15, which jansson writes as "%.15g" does, plus ".0" ("1.0",
 * "-3.0"): most scores are 1, and formatting each one cost a fifth of
 * writing a mention. Not -0.0, which it writes as "-0.0". d is finite. */
static size_t real_text(struct gen *g, const json_t *r, double d, char text[100],
                        const char **start)
{
	if (d > -1e15 && d < 1e15 && d == (double)(long long)d && (d != 0 || !signbit(d))) {
		char *end = text + 100;
		memcpy(end - 2, ".0", 2);
		char *p = decimal(end - 2, (long long)d);
		*start = p;
		return (size_t)(end - p);
	}
	size_t n = fraction_text(d, text);
	if (n) {
		*start = text;
		return n;
	}
	if (!r) {
		if (!g->real && !(g->real = json_real(0)))
			abort();
		json_real_set(g->real, d);
		r = g->real;
	}
	n = json_dumpb(r, text, 100, JSON_ENCODE_ANY | IGT_JSON_REALS);
	*start = text;
	return n > 100 ? 0 : n;
}

static int value(struct gen *g, const json_t *v, int depth);

static int object(struct gen *g, const json_t *o, int depth)
{
	raw_char(g, '{');
	/* jansson iterates an object in insertion order, which is the order
	 * it dumps in without JSON_SORT_KEYS. */
	int first = 1;
	for (void *it = json_object_iter((json_t *)o); it;
	     it = json_object_iter_next((json_t *)o, it)) {
		const char *k = json_object_iter_key(it);
#if JANSSON_VERSION_HEX >= 0x020e00
		size_t klen = json_object_iter_key_len(it);
#else
		size_t klen = strlen(k);
#endif
		/* The comma, key and colon at once. */
		igt_buf *b = g->out;
		char *q = room(b, klen + 4);
		*q = ',';
		size_t w = quoted_short(k, klen, q + !first, 1);
		if (w) {
			q[!first + w] = ':';
			b->len += !first + w + 1;
		} else {
			if (!first)
				raw_char(g, ',');
			if (checked_string(g, k, klen))
				return -1;
			raw_char(g, ':');
		}
		first = 0;
		if (value(g, json_object_iter_value(it), depth + 1))
			return -1;
	}
	raw_char(g, '}');
	return 0;
}

static int value(struct gen *g, const json_t *v, int depth)
{
	/* A cycle (jansson refuses those) also ends here. */
	if (depth > MAX_DEPTH)
		return -1;
	switch (json_typeof(v)) {
	case JSON_OBJECT: return object(g, v, depth);
	case JSON_ARRAY: {
		size_t n = json_array_size(v);
		raw_char(g, '[');
		for (size_t i = 0; i < n; i++) {
			if (i)
				raw_char(g, ',');
			if (value(g, json_array_get(v, i), depth + 1))
				return -1;
		}
		raw_char(g, ']');
		return 0;
	}
	case JSON_STRING: return checked_string(g, json_string_value(v), json_string_length(v));
	case JSON_INTEGER: raw_integer(g, (long long)json_integer_value(v)); return 0;
	case JSON_REAL: {
		char text[100];
		const char *p;
		size_t n = real_text(g, v, json_real_value(v), text, &p);
		if (!n)
			return -1;
		raw(g, p, n);
		return 0;
	}
	case JSON_TRUE: RAW(g, "true"); return 0;
	case JSON_FALSE: RAW(g, "false"); return 0;
	case JSON_NULL: RAW(g, "null"); return 0;
	}
	return -1;
}

/* A json_t value inside an annotation. */
static int nested_value(struct gen *g, const json_t *v, int depth)
{
	igt_buf *b = g->out;
	/* A container held by more than its annotation may have been
	 * written already: its text is copied. The plugin that shares it may
	 * be taking references on another thread (jansson counts them with
	 * atomics): the count is read as one too. */
	struct memo *m = NULL;
	size_t slot = 0;
	uint64_t bit = 0;
	if (__atomic_load_n(&v->refcount, __ATOMIC_RELAXED) > 1 &&
	    (json_is_object(v) || json_is_array(v))) {
		slot = ((uintptr_t)v >> 4) % MEMO_SLOTS;
		bit = (uint64_t)1 << (slot % 64);
		m = &g->memo[slot];
		if ((g->memo_used[slot / 64] & bit) && m->value == v) {
			room(b, m->length);
			memcpy(b->data + b->len, b->data + m->offset, m->length);
			b->len += m->length;
			return 0;
		}
	}
	size_t start = b->len;
	if (value(g, v, depth))
		return -1;
	if (m) {
		*m = (struct memo){v, start, b->len - start};
		g->memo_used[slot / 64] |= bit;
	}
	return 0;
}

static void person(struct gen *g, const igt_person *p)
{
	raw_member(g, "{\"id\":", p->id);
	raw_member(g, ",\"name\":", p->name);
	raw_member(g, ",\"as_written\":", p->as_written);
	RAW(g, ",\"roles\":[");
	for (size_t i = 0; i < p->n_roles; i++) {
		if (i)
			raw_char(g, ',');
		raw_str_or_null(g, p->roles[i]);
	}
	raw_member(g, "],\"affiliation\":", p->affiliation);
	raw_member(g, ",\"position\":", p->position);
	raw_member(g, ",\"honorific\":", p->honorific);
	raw_char(g, '}');
}

static void segment(struct gen *g, const igt_segment *s)
{
	raw_member(g, "{\"type\":", s->type);
	RAW(g, ",\"text\":");
	raw_string(g, s->text, s->text_len);
	if (s->speaker)
		raw_member(g, ",\"speaker\":", s->speaker);
	if (s->section)
		raw_member(g, ",\"section\":", s->section);
	RAW(g, ",\"span\":");
	raw_span(g, s->span);
	raw_char(g, '}');
}

static int annotation(struct gen *g, const igt_annotation *a)
{
	igt_buf *b = g->out;
	size_t slot = (((uintptr_t)a->by >> 3) ^ ((uintptr_t)a->type >> 2)) % PREFIX_SLOTS;
	struct prefix *pre = &g->prefix[slot];
	if ((g->prefix_used >> slot & 1) && pre->by == a->by && pre->type == a->type) {
		room(b, pre->length);
		memcpy(b->data + b->len, b->data + pre->offset, pre->length);
		b->len += pre->length;
	} else {
		size_t start = b->len;
		raw_member(g, "{\"by\":", a->by);
		raw_member(g, ",\"type\":", a->type);
		RAW(g, ",\"segment\":");
		*pre = (struct prefix){a->by, a->type, start, b->len - start};
		g->prefix_used |= (uint32_t)1 << slot;
	}
	/* The numbers and what is between them in one place. */
	char *o = decimal_at(room(b, 21 + 8 + 45 + 9), (long long)a->segment);
	memcpy(o, ",\"span\":", 8);
	o = span_at(o + 8, a->span);
	memcpy(o, ",\"value\":", 9);
	b->len = (size_t)(o + 9 - b->data);
	if (!a->value)
		RAW(g, "null");
	else if (nested_value(g, a->value, 1))
		return -1;
	/* json_real refuses NaN and infinities; igt_doc_to_json then leaves
	 * the score out, and so does this. */
	if (a->has_score && a->score == 1.0) {
		/* Most scores: a match that is certain. */
		RAW(g, ",\"score\":1.0}");
		return 0;
	}
	if (a->has_score && isfinite(a->score)) {
		char text[100];
		const char *p;
		size_t n = real_text(g, NULL, a->score, text, &p);
		if (!n)
			return -1;
		RAW(g, ",\"score\":");
		raw(g, p, n);
	}
	raw_char(g, '}');
	return 0;
}

static int annotations(struct gen *g, const igt_doc *doc, size_t first, size_t n)
{
	raw_char(g, '[');
	for (size_t i = first; i < first + n; i++) {
		if (i > first)
			raw_char(g, ',');
		if (annotation(g, &doc->annotations[i]))
			return -1;
	}
	raw_char(g, ']');
	return 0;
}

static int document(struct gen *g, const igt_doc *doc)
{
	for (int i = 0; i < IGT__DOC_N_TOP_ATTRS; i++) {
		raw_char(g, i ? ',' : '{');
		raw_str_or_null(g, igt__doc_attr_keys[i]);
		raw_char(g, ':');
		raw_str_or_null(g, doc->attrs[i]);
	}
	raw_member(g, ",\"source\":{\"path\":", doc->attrs[IGT_DOC_SOURCE_PATH]);
	if (doc->has_source_span) {
		RAW(g, ",\"offset\":");
		raw_integer(g, (long long)doc->source.offset);
		RAW(g, ",\"length\":");
		raw_integer(g, (long long)doc->source.length);
	} else {
		RAW(g, ",\"offset\":null,\"length\":null");
	}
	raw_member(g, ",\"sha256\":", doc->attrs[IGT_DOC_SOURCE_SHA256]);
	RAW(g, "},\"fields\":");
	if (value(g, doc->fields, 1))
		return -1;
	RAW(g, ",\"people\":[");
	for (size_t i = 0; i < doc->n_people; i++) {
		if (i)
			raw_char(g, ',');
		person(g, &doc->people[i]);
	}
	RAW(g, "],\"segments\":[");
	for (size_t i = 0; i < doc->n_segments; i++) {
		if (i)
			raw_char(g, ',');
		segment(g, &doc->segments[i]);
	}
	RAW(g, "],\"annotations\":");
	if (annotations(g, doc, 0, doc->n_annotations))
		return -1;
	RAW(g, ",\"metrics\":");
	if (value(g, doc->metrics, 1))
		return -1;
	raw_char(g, '}');
	return 0;
}

static int dump_to_buf(const char *s, size_t n, void *payload)
{
	igt_buf_add(payload, s, n);
	return 0;
}

/* The reference path: the jansson tree, dumped into out. */
static int write_with_jansson(const igt_doc *doc, igt_buf *out, size_t flags)
{
	json_t *j = igt_doc_to_json(doc);
	int rc = json_dump_callback(j, dump_to_buf, out, flags | JSON_PRESERVE_ORDER);
	json_decref(j);
	return rc ? IGT_EGENERIC : IGT_OK;
}

/* The writer keeps what it makes when needed (a real for scores, the
 * memo): allocating them per value cost more than writing most values. */
struct igt_json_writer {
	struct gen gen; /* gen.out: where the value being written goes */
};

igt_json_writer *igt_json_writer_new(void)
{
	return igt_xcalloc(1, sizeof(igt_json_writer));
}

void igt_json_writer_free(igt_json_writer *w)
{
	if (!w)
		return;
	gen_clear(&w->gen);
	free(w);
}

/* Whatever the writer did not handle as jansson does (rc != 0), jansson
 * writes from start instead, or refuses; then the NUL. */
static int settle(int rc, igt_buf *out, size_t start, const json_t *v)
{
	if (rc != 0) {
		out->len = start;
		rc = v ? json_dump_callback(v, dump_to_buf, out,
		                            JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER |
		                                IGT_JSON_REALS)
		       : -1;
		if (rc != 0)
			out->len = start;
	}
	igt_buf_reserve(out, 1);
	out->data[out->len] = '\0';
	return rc ? IGT_EGENERIC : IGT_OK;
}

int igt_json_write(igt_json_writer *w, const json_t *v, igt_buf *out)
{
	size_t start = out->len;
	igt_buf_reserve(out, 256);
	w->gen.out = out;
	return settle(value(&w->gen, v, 0), out, start, v);
}

int igt_json_write_annotations(igt_json_writer *w, const igt_doc *doc, size_t first, size_t n,
                               igt_buf *out)
{
	size_t start = out->len;
	if (first > doc->n_annotations || n > doc->n_annotations - first)
		return IGT_EGENERIC;
	igt_buf_reserve(out, 256);
	w->gen.out = out;
	memo_forget(&w->gen);
	int rc = annotations(&w->gen, doc, first, n);
	if (!rc)
		return settle(0, out, start, NULL);
	json_t *list = json_array();
	for (size_t i = first; i < first + n; i++)
		json_array_append_new(list, igt__annotation_json(&doc->annotations[i]));
	rc = settle(rc, out, start, list);
	json_decref(list);
	return rc;
}

void igt__doc_prepare_json(igt_doc *doc, unsigned flags, igt_buf *scratch)
{
	/* Written in the caller's reused buffer, which keeps its size: a
	 * buffer grown for each document cost more than the writing. */
	igt_buf_reset(scratch);
	int rc = igt_doc_write_json(doc, scratch, flags);
	free(doc->json);
	doc->json = NULL;
	doc->json_len = 0;
	if (rc == 0 && scratch->len >= scratch->cap / 4) {
		/* The text goes to the document in the buffer it was written
		 * in, and the caller's buffer is replaced by a fresh one of the
		 * same size: an allocation either way, and no copy. */
		doc->json = scratch->data;
		doc->json_len = scratch->len;
		scratch->data = igt_xmalloc(scratch->cap);
		scratch->len = 0;
		scratch->data[0] = '\0';
	} else if (rc == 0) {
		/* A buffer grown by a larger document: the text is copied, so
		 * that the document does not hold the room too. */
		doc->json = igt_xmalloc(scratch->len);
		memcpy(doc->json, scratch->data, scratch->len);
		doc->json_len = scratch->len;
	}
	doc->json_flags = flags;
	doc->json_rc = rc;
	doc->has_json = 1;
}

const char *igt_doc_prepared_json(const igt_doc *doc, unsigned flags, size_t *len)
{
	if (!doc->has_json || doc->json_flags != flags || doc->json_rc != 0)
		return NULL;
	*len = doc->json_len;
	return doc->json;
}

int igt_doc_write_json(const igt_doc *doc, igt_buf *out, unsigned flags)
{
	if (doc->has_json && doc->json_flags == flags) {
		if (doc->json_rc == 0)
			igt_buf_add(out, doc->json, doc->json_len);
		else
			igt_buf_reserve(out, 1);
		out->data[out->len] = '\0';
		return doc->json_rc;
	}
	size_t start = out->len;
	int rc = -1;
	igt_buf_reserve(out, 4096);
	/* Indented output is for reading by eye: jansson writes it, and
	 * speed does not matter there. */
	if (!(flags & IGT_DOC_JSON_PRETTY)) {
		struct gen g;
		gen_init(&g, out);
		rc = document(&g, doc);
		gen_clear(&g);
	}
	if (rc != 0) {
		out->len = start;
		rc = write_with_jansson(
		    doc, out, (flags & IGT_DOC_JSON_PRETTY ? JSON_INDENT(2) : JSON_COMPACT) | IGT_JSON_REALS);
		if (rc != 0)
			out->len = start;
	}
	out->data[out->len] = '\0';
	return rc;
}
