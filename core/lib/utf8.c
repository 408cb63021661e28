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

size_t igt_utf8_valid_prefix(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		/* Skip ASCII sixteen or eight bytes at a time: most text is all
		 * ASCII. memcpy keeps the load legal at any alignment. */
#ifdef __SSE2__
		while (len - i >= 16 &&
		       !_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(u + i))))
			i += 16;
#endif
		while (len - i >= 8) {
			uint64_t w;
			memcpy(&w, u + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i == len)
			break;
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		size_t n = seq_len(u + i, len - i);
		if (n == 0)
			return i;
		i += n;
	}
	return len;
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
	/* Worst case every byte becomes the 3-byte U+FFFD. */
	char *out = igt_xmalloc(len * 3 + 1);
	memcpy(out, s, good);
	size_t o = good, i = good;
	const unsigned char *u = (const unsigned char *)s;
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
		/* One replacement character per invalid byte, as WHATWG decoders
		 * do for stray bytes; simple and lossless in count. */
		memcpy(out + o, "\xEF\xBF\xBD", 3);
		o += 3;
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
