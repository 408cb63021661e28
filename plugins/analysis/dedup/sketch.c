/* SPDX-License-Identifier: MIT */
/*
 * dedup: comparing two one-permutation MinHash sketches, and the sketch
 * as text for metrics.dedup.signature (so that a later run can read it
 * back from the store and compare new documents with it).
 *
 * One-permutation hashing (Li, Owen and Zhang 2012) hashes each shingle
 * once: the hash's top bits choose one of DD_K bins and the bin keeps the
 * smallest value it receives. Two sets agree on a bin with probability
 * equal to their Jaccard resemblance, among the bins that are not empty
 * in both, so the share of agreeing bins estimates it (standard error
 * about sqrt(J(1-J)/DD_K), 0.035 at J = 0.8). Classic MinHash would need
 * DD_K hashes per shingle for the same estimate. Only the low 16 bits of
 * a minimum are kept, which adds a false agreement in 65536 bins.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "dedup.h"

#ifdef __SSE2__
/* The sum of the 8 lanes of v. */
static unsigned lanes_sum(__m128i v)
{
	v = _mm_madd_epi16(v, _mm_set1_epi16(1));
	v = _mm_add_epi32(v, _mm_shuffle_epi32(v, _MM_SHUFFLE(1, 0, 3, 2)));
	v = _mm_add_epi32(v, _mm_shuffle_epi32(v, _MM_SHUFFLE(2, 3, 0, 1)));
	return (unsigned)_mm_cvtsi128_si32(v);
}
#endif

/* The bins where a and b agree (not empty), and where both are empty; 8
 * bins at once with SSE2 (a comparison gives -1 in each lane that holds,
 * which is subtracted), a query comparing a document with hundreds of
 * candidates. */
static void count_bins(const uint16_t *a, const uint16_t *b, unsigned *agree, unsigned *empty)
{
#ifdef __SSE2__
	__m128i none = _mm_set1_epi16((short)DD_EMPTY), ag = _mm_setzero_si128(), em = ag;
	for (unsigned i = 0; i < DD_K; i += 8) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(a + i));
		__m128i y = _mm_loadu_si128((const __m128i *)(const void *)(b + i));
		ag = _mm_sub_epi16(ag, _mm_andnot_si128(_mm_cmpeq_epi16(x, none), _mm_cmpeq_epi16(x, y)));
		em = _mm_sub_epi16(em, _mm_cmpeq_epi16(_mm_and_si128(x, y), none));
	}
	*agree = lanes_sum(ag);
	*empty = lanes_sum(em);
#else
	*agree = *empty = 0;
	for (unsigned i = 0; i < DD_K; i++) {
		*agree += a[i] == b[i] && a[i] != DD_EMPTY;
		*empty += (a[i] & b[i]) == DD_EMPTY;
	}
#endif
}

void dd_compare(const uint16_t *a, uint64_t na, const uint16_t *b, uint64_t nb, double *jaccard,
                double *containment)
{
	unsigned agree, empty;
	count_bins(a, b, &agree, &empty);
	double j = empty < DD_K ? (double)agree / (double)(DD_K - empty) : 0.0;
	*jaccard = j;
	/* |A∩B| = J (|A| + |B|) / (1 + J); containment is its share of the
	 * smaller set. */
	uint64_t small = na < nb ? na : nb;
	double c = 0.0;
	if (small > 0)
		c = j * (double)(na + nb) / ((1.0 + j) * (double)small);
	*containment = c > 1.0 ? 1.0 : c;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static size_t base64_encode(const unsigned char *in, size_t n, char *out)
{
	size_t o = 0, i = 0;
	for (; i + 3 <= n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
		out[o++] = b64[v >> 18];
		out[o++] = b64[v >> 12 & 63];
		out[o++] = b64[v >> 6 & 63];
		out[o++] = b64[v & 63];
	}
	if (i < n) {
		uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0);
		out[o++] = b64[v >> 18];
		out[o++] = b64[v >> 12 & 63];
		out[o++] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		out[o++] = '=';
	}
	out[o] = 0;
	return o;
}

static int b64_value(char c)
{
	const char *p = c ? strchr(b64, c) : NULL;
	return p ? (int)(p - b64) : -1;
}

/* Exactly n bytes from base64 text of exactly the right length; -1 else. */
static int base64_decode(const char *in, unsigned char *out, size_t n)
{
	size_t want = (n + 2) / 3 * 4;
	if (strlen(in) != want)
		return -1;
	size_t o = 0;
	for (size_t i = 0; i < want; i += 4) {
		uint32_t v = 0;
		for (int k = 0; k < 4; k++) {
			int d =
			    in[i + k] == '=' && i + 4 == want && k >= 2 ? 0 : b64_value(in[i + k]);
			if (d < 0)
				return -1;
			v = v << 6 | (uint32_t)d;
		}
		for (int k = 0; k < 3 && o < n; k++)
			out[o++] = (unsigned char)(v >> (16 - 8 * k));
	}
	return 0;
}

void dd_signature_format(const dd_sketch *s, int shingle, char *buf)
{
	unsigned char raw[DD_K * 2];
	for (unsigned i = 0; i < DD_K; i++) {
		raw[2 * i] = (unsigned char)(s->mins[i] >> 8);
		raw[2 * i + 1] = (unsigned char)s->mins[i];
	}
	int n =
	    snprintf(buf, DD_SIG_SIZE, "oph1:w%d:n%llu:", shingle, (unsigned long long)s->shingles);
	base64_encode(raw, sizeof(raw), buf + n);
}

/* A decimal number at *p, moving past it; -1 when there is none. */
static int read_number(const char **p, unsigned long long *v)
{
	const char *s = *p;
	if (*s < '0' || *s > '9')
		return -1;
	unsigned long long x = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (x > (~0ull - 9) / 10)
			return -1;
		x = x * 10 + (unsigned long long)(*s - '0');
	}
	*p = s;
	*v = x;
	return 0;
}

int dd_signature_parse(const char *text, dd_sketch *out, int *shingle)
{
	unsigned long long w, n;
	const char *p = text;
	if (strncmp(p, "oph1:w", 6) != 0)
		return -1;
	p += 6;
	if (read_number(&p, &w) || w < 1 || w > DD_MAX_SHINGLE || strncmp(p, ":n", 2) != 0)
		return -1;
	p += 2;
	if (read_number(&p, &n) || *p != ':')
		return -1;
	unsigned char raw[DD_K * 2];
	if (base64_decode(p + 1, raw, sizeof(raw)))
		return -1;
	for (unsigned i = 0; i < DD_K; i++)
		out->mins[i] = (uint16_t)(raw[2 * i] << 8 | raw[2 * i + 1]);
	out->shingles = n;
	*shingle = (int)w;
	return 0;
}
