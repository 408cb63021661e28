/* SPDX-License-Identifier: MIT */
/* UTF-8 validation and repair (utf8.h). Called for every string set on a
 * document, so the ASCII path is kept tight. */
#include "config.h"

#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "utf8.h"
#include "util.h"

/* Bytes of the valid sequence at s, or 0 if s starts an invalid one. */
static size_t seq_len(const unsigned char *s, size_t len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate(s, (utf8proc_ssize_t)len, &cp);
	return n > 0 ? (size_t)n : 0;
}

/* Bytes of ASCII at the start of u[0..len). Most text is all ASCII, and
 * most strings are short (a name, a key, a line): long runs go 64 bytes
 * a turn, and the last bytes are read as one overlapping block or word
 * instead of one at a time. memcpy keeps the loads legal at any
 * alignment. */
static inline size_t ascii_run(const unsigned char *u, size_t len)
{
	size_t i = 0;
#ifdef __SSE2__
	while (len - i >= 64) {
		const __m128i *p = (const __m128i *)(const void *)(u + i);
		__m128i any = _mm_or_si128(_mm_or_si128(_mm_loadu_si128(p), _mm_loadu_si128(p + 1)),
		                           _mm_or_si128(_mm_loadu_si128(p + 2), _mm_loadu_si128(p + 3)));
		if (_mm_movemask_epi8(any))
			break;
		i += 64;
	}
	while (len - i >= 16) {
		int high = _mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(u + i)));
		if (high)
			return i + (size_t)__builtin_ctz((unsigned)high);
		i += 16;
	}
	if (len >= 16) {
		/* The last 16 bytes, of which those before i are known ASCII. */
		int high =
		    _mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(u + len - 16)));
		return high ? len - 16 + (size_t)__builtin_ctz((unsigned)high) : len;
	}
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* Without SSE2, eight bytes a turn while 16 or more are left. */
	while (len - i >= 16) {
		uint64_t a = 0;
		memcpy(&a, u + i, 8);
		a &= 0x8080808080808080ULL;
		if (a)
			return i + (size_t)__builtin_ctzll(a) / 8;
		i += 8;
	}
	/* Fewer than 16 bytes here, mostly short keys and words: the first
	 * word of 8 (or 4) bytes and the last one, which overlap. */
	size_t w = len - i >= 8 ? 8 : len - i >= 4 ? 4 : 0;
	if (w) {
		uint64_t a = 0, b = 0;
		memcpy(&a, u + i, w);
		memcpy(&b, u + len - w, w);
		a &= 0x8080808080808080ULL;
		b &= 0x8080808080808080ULL;
		if (a)
			return i + (size_t)__builtin_ctzll(a) / 8;
		return b ? len - w + (size_t)__builtin_ctzll(b) / 8 : len;
	}
#endif
	while (i < len && u[i] < 0x80)
		i++;
	return i;
}

size_t igt_utf8_valid_prefix(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	for (;;) {
		i += ascii_run(u + i, len - i);
		if (i == len)
			return len;
		/* Two-byte sequences (accents, the no-break space) inline, as
		 * utf8proc reads them; the others through it. */
		if (u[i] >= 0xC2 && u[i] < 0xE0 && i + 1 < len && (u[i + 1] & 0xC0) == 0x80) {
			i += 2;
			continue;
		}
		size_t n = seq_len(u + i, len - i);
		if (n == 0)
			return i;
		i += n;
	}
}

/* Windows-1252's characters for 0x80 to 0x9F (0 where it has none); from
 * 0xA0 on it is Latin-1, whose code points are the bytes. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
	0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* The UTF-8 of byte b (0x80 or more) read as Windows-1252, or of U+FFFD
 * where it has no character, into out; its length. */
static size_t cp1252_byte(unsigned char b, char *out)
{
	unsigned cp = b < 0xA0 ? cp1252_high[b - 0x80] : b;
	if (!cp)
		cp = 0xFFFD;
	return (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out);
}

char *igt_utf8_repair(const char *s, size_t len, size_t *out_len, uint64_t *replaced)
{
	size_t good = igt_utf8_valid_prefix(s, len);
	if (replaced)
		*replaced = 0;
	if (good == len) {
		if (out_len)
			*out_len = len;
		return igt_xstrndup(s, len);
	}
	const unsigned char *u = (const unsigned char *)s;
	/* Whether the text has a valid UTF-8 sequence of several bytes. */
	int utf8 = 0;
	for (size_t k = 0; k < len && !utf8; k++)
		utf8 = u[k] >= 0xC2 && seq_len(u + k, len - k) > 1;
	/* Worst case every byte becomes the 3-byte U+FFFD. */
	char *out = igt_xmalloc(len * 3 + 1);
	memcpy(out, s, good);
	size_t o = good, i = good;
	uint64_t bad = 0;
	while (i < len) {
		if (u[i] < 0x80) {
			out[o++] = (char)u[i++];
			continue;
		}
		size_t n = seq_len(u + i, len - i);
		if (n) {
			memcpy(out + o, u + i, n);
			o += n;
			i += n;
			continue;
		}
		/* A byte between ASCII ones, in text where nothing says it is
		 * UTF-8 (no valid sequence of several bytes), is Latin-1 or
		 * Windows-1252: so read, "Gen\xe8ve" keeps its accent. Any other
		 * gets U+FFFD, as WHATWG decoders give each byte of a broken
		 * sequence: in UTF-8 text it is damage, and runs of high bytes are
		 * another encoding (Cyrillic, Chinese), which Windows-1252 would
		 * turn into Latin letters nobody wrote. */
		if (!utf8 && (i == 0 || u[i - 1] < 0x80) && (i + 1 == len || u[i + 1] < 0x80)) {
			o += cp1252_byte(u[i], out + o);
		} else {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
		}
		i++;
		bad++;
	}
	out[o] = '\0';
	if (out_len)
		*out_len = o;
	if (replaced)
		*replaced = bad;
	return out;
}
