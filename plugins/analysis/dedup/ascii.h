/* SPDX-License-Identifier: MIT */
/*
 * dedup: the classes of 16 bytes of text at once, for the fast path of the
 * normalisation over ASCII (norm.c): which bytes are letters or digits,
 * which are white space, which are not ASCII, and the bytes as the
 * normalised text has them. With SSE2 where the compiler has it (every
 * x86-64 processor), else in 64-bit arithmetic; the unit test checks that
 * the two agree on every byte.
 */
#ifndef DD_ASCII_H
#define DD_ASCII_H

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* A bit per byte: bit k for byte k. */
typedef struct dd_block {
	unsigned word;  /* ASCII letters and digits */
	unsigned space; /* ASCII controls, space and DEL */
	unsigned high;  /* bytes of characters beyond ASCII */
} dd_block;

#define DD_ONES  0x0101010101010101ull
#define DD_HIGHS 0x8080808080808080ull

/* 0x80 in each byte of w7 (whose bytes are below 0x80) from lo to hi:
 * adding 0x80 - lo sets a byte's top bit when it is lo or more, adding
 * 0x7f - hi when it is above hi, and neither carries into the next byte. */
static inline uint64_t dd_bytes_in(uint64_t w7, unsigned lo, unsigned hi)
{
	return (w7 + DD_ONES * (0x80 - lo)) & ~(w7 + DD_ONES * (0x7f - hi)) & DD_HIGHS;
}

/* The top bits of the 8 bytes of m (which has no other bits) as 8 bits:
 * the multiplication moves byte k's bit to bit 56 + k, and no two of its
 * partial products meet. */
static inline unsigned dd_top_bits(uint64_t m)
{
	return (unsigned)(((m >> 7) * 0x0102040810204080ull) >> 56);
}

/* 8 bytes (little-endian in w) of dd_classify_portable. */
static inline dd_block dd_classify8(uint64_t w, uint64_t *out)
{
	uint64_t w7 = w & ~DD_HIGHS, ascii = ~w & DD_HIGHS;
	uint64_t letter = dd_bytes_in(w7 | DD_ONES * 0x20, 'a', 'z');
	uint64_t word = (letter | dd_bytes_in(w7, '0', '9')) & ascii;
	uint64_t upper = word & letter & ~(w << 2); /* bit 5, lower case, clear */
	uint64_t space = (~(w7 + DD_ONES * (0x7f - ' ')) | dd_bytes_in(w7, 0x7f, 0x7f)) & ascii;
	uint64_t spaces = (space >> 7) * 0xff;
	*out = ((w | upper >> 2) & ~spaces) | (spaces & DD_ONES * ' ');
	return (dd_block){dd_top_bits(word), dd_top_bits(space), dd_top_bits(w & DD_HIGHS)};
}

/* The classes of the 16 bytes at p, and at out (16 bytes) the same bytes
 * with capital letters in lower case and white space as ' ' (the bytes
 * beyond ASCII unchanged). */
static inline dd_block dd_classify_portable(const unsigned char *p, char *out)
{
	uint64_t w[2], o[2];
	memcpy(w, p, 16);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w[0] = __builtin_bswap64(w[0]);
	w[1] = __builtin_bswap64(w[1]);
#endif
	dd_block a = dd_classify8(w[0], &o[0]), b = dd_classify8(w[1], &o[1]);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	o[0] = __builtin_bswap64(o[0]);
	o[1] = __builtin_bswap64(o[1]);
#endif
	memcpy(out, o, 16);
	return (dd_block){a.word | b.word << 8, a.space | b.space << 8, a.high | b.high << 8};
}

#ifdef __SSE2__
/* The same with SSE2, whose comparisons are signed: adding 0x80 - lo to
 * the bytes puts the range [lo, hi] at the bottom, below -128 + hi - lo +
 * 1, and every other byte above it. White space is the bytes that adding 1
 * puts below 0x22 (DEL wraps to -128), which takes in the bytes beyond
 * ASCII as well: high sorts them out. What the bytes beyond ASCII become
 * at out is left unspecified. */
static inline dd_block dd_classify_sse2(const unsigned char *p, char *out)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i case_bit = _mm_set1_epi8(0x20);
	__m128i letter =
	    _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, case_bit), _mm_set1_epi8(0x80 - 'a')),
	                   _mm_set1_epi8(-128 + 26));
	__m128i digit =
	    _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(0x80 - '0')), _mm_set1_epi8(-128 + 10));
	__m128i space = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(1)), _mm_set1_epi8(' ' + 2));
	__m128i folded = _mm_or_si128(v, _mm_and_si128(letter, case_bit));
	folded = _mm_or_si128(_mm_andnot_si128(space, folded), _mm_and_si128(space, case_bit));
	_mm_storeu_si128((__m128i *)(void *)out, folded);
	unsigned high = (unsigned)_mm_movemask_epi8(v);
	return (dd_block){(unsigned)_mm_movemask_epi8(_mm_or_si128(letter, digit)),
	                  (unsigned)_mm_movemask_epi8(space) & ~high, high};
}
#define dd_classify dd_classify_sse2
#else
#define dd_classify dd_classify_portable
#endif

#endif
