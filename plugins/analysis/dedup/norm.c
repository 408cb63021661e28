/* SPDX-License-Identifier: MIT */
/*
 * dedup: one pass over a document's text that gives both what exact and
 * what near-duplicate matching need.
 *
 * The normalised text is the text in Unicode NFC, case folded, default
 * ignorable characters (soft hyphens, zero-width spaces) removed, every
 * run of white space one space, segments joined by one space; its sha256
 * is the document's hash. Its tokens are the runs of letters, marks and
 * digits (punctuation separates them; each Han, kana, Thai, Lao, Khmer or
 * Myanmar character is a token of its own, as those scripts do not space
 * their words); each run of `shingle` consecutive tokens is a shingle,
 * hashed into the sketch and into a bitmap that counts the distinct ones.
 *
 * Speed: ASCII, which is most of the text, is folded byte by byte through
 * tables; only a chunk (a run of bytes between ASCII white space) holding
 * a non-ASCII byte goes through utf8proc, into buffers kept from document
 * to document. Nothing is allocated per token or per shingle.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>
#include <utf8proc.h>

#include "dedup.h"

/* Byte and character classes; 0 is none, for the table below. */
enum { C_SPACE = 1, C_WORD, C_PUNCT, C_HIGH };

/* Byte classes of ASCII, and C_HIGH for the bytes of other characters.
 * Control characters count as white space. */
static unsigned char byte_class[256];
static unsigned char ascii_fold[128];

/* Filled by the first open, which runs before any document is read. */
static void init_tables(void)
{
	for (int c = 0; c < 256; c++)
		byte_class[c] = C_HIGH;
	for (int c = 0; c < 0x80; c++) {
		int alnum =
		    (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		byte_class[c] = alnum ? C_WORD : c <= ' ' || c == 0x7f ? C_SPACE : C_PUNCT;
		ascii_fold[c] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
}

static uint64_t fmix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return h;
}

static uint64_t rotl(uint64_t x, unsigned r)
{
	r &= 63;
	return r ? x << r | x >> (64 - r) : x;
}

/* Every token's bytes are followed by at least this many readable bytes
 * of the text buffer, so that a token is read 8 bytes at a time. */
#define SLACK 8

/* 8 bytes as a little-endian number, on any machine. */
static uint64_t load64(const unsigned char *p)
{
	uint64_t w;
	memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

/* The hash of a token's bytes; the same on every machine, since
 * signatures are kept in the store. A token of up to 8 bytes is its bytes
 * times an odd constant (tokens hold no NUL, so this is one-to-one); the
 * shingle hash mixes further. The bytes after the token (SLACK) are
 * masked off. */
static uint64_t token_hash(const unsigned char *p, size_t n)
{
	uint64_t h = 0;
	for (; n > 8; p += 8, n -= 8)
		h = rotl((h ^ load64(p)) * 0xbf58476d1ce4e5b9ull, 31);
	uint64_t w = load64(p);
	if (n < 8)
		w &= ((uint64_t)1 << (8 * n)) - 1;
	return (h ^ w) * 0x9e3779b97f4a7c15ull;
}

/* Shingle hashes roll (as in buzhash): the hash of tokens t1..tw is
 * rotl(h1, (w-1)R) ^ … ^ rotl(h(w-1), R) ^ hw, finished by fmix64, and
 * moving one token on rotates it once, adds the new token and takes out
 * the oldest, whatever the shingle size. */
#define ROLL_BITS 23u

void dd_norm_init(dd_norm *n, int shingle)
{
	static int tables_ready;
	if (!tables_ready) {
		init_tables();
		tables_ready = 1;
	}
	memset(n, 0, sizeof(*n));
	n->shingle = shingle < 1 ? 1 : shingle > DD_MAX_SHINGLE ? DD_MAX_SHINGLE : shingle;
}

void dd_norm_free(dd_norm *n)
{
	igt_buf_free(&n->text);
	free(n->ucs);
	free(n->bits);
	memset(n, 0, sizeof(*n));
}

static void add_shingle(dd_norm *n, uint64_t h)
{
	unsigned bin = (unsigned)(h >> (64 - DD_BIN_BITS));
	uint32_t v = (uint32_t)(h >> (32 - DD_BIN_BITS)); /* the bits below the bin's */
	if (v < n->mins[bin])
		n->mins[bin] = v;
	n->bits[(h & n->bits_mask) >> 6] |= (uint64_t)1 << (h & 63);
}

static void add_token(dd_norm *n, const char *p, size_t len)
{
	uint64_t h = token_hash((const unsigned char *)p, len);
	unsigned w = (unsigned)n->shingle;
	uint64_t i = n->out->words++;
	uint64_t old = n->ring[(i - w) & (DD_MAX_SHINGLE - 1)];
	n->ring[i & (DD_MAX_SHINGLE - 1)] = h;
	n->roll = rotl(n->roll, ROLL_BITS) ^ h;
	if (i >= w)
		n->roll ^= rotl(old, ROLL_BITS * w);
	if (i + 1 >= w)
		add_shingle(n, fmix64(n->roll + w));
}

/* A token read through utf8proc, whose bytes are text[tok_start, len). */
static void end_token(dd_norm *n)
{
	if (!n->in_token)
		return;
	n->in_token = 0;
	add_token(n, n->text.data + n->tok_start, n->text.len - n->tok_start);
}

void dd_norm_begin(dd_norm *n, dd_sketch *out, size_t bytes_hint)
{
	n->out = out;
	for (unsigned i = 0; i < DD_K; i++)
		n->mins[i] = UINT32_MAX;
	out->words = out->shingles = 0;
	igt_buf_reset(&n->text);
	n->in_token = n->pending_space = 0;
	n->roll = 0;
	/* A bit per byte of text, 8192 at least: a text has at most a shingle
	 * per two bytes and usually one per six or more, so a sixth of the
	 * bits or less are taken, where linear counting is within 2%, and the
	 * bits of a long transcript stay in the processor's first cache. */
	size_t cells = 128;
	while (cells * 64 < bytes_hint && cells < ((size_t)1 << 40))
		cells *= 2;
	if (n->bits_cap < cells) {
		free(n->bits);
		n->bits = dd_xrealloc(NULL, cells * sizeof(uint64_t));
		n->bits_cap = cells;
	}
	memset(n->bits, 0, cells * sizeof(uint64_t));
	n->bits_mask = (uint64_t)cells * 64 - 1;
}

/* Linear counting (Whang, Vander-Zanden and Taylor 1990): with m bits of
 * which z are still 0, about -m ln(z/m) distinct values were set. */
static uint64_t distinct_shingles(const dd_norm *n)
{
	size_t cells = (size_t)((n->bits_mask + 1) / 64);
	uint64_t set = 0;
	for (size_t i = 0; i < cells; i++)
		set += (uint64_t)__builtin_popcountll(n->bits[i]);
	double m = (double)cells * 64, zero = m - (double)set;
	if (set == 0)
		return 0;
	if (zero < 1)
		zero = 1;
	uint64_t est = (uint64_t)(-m * log(zero / m) + 0.5);
	return est < 1 ? 1 : est;
}

/* ---- characters beyond ASCII ---- */

/* Scripts written without spaces between words: one token per character. */
static int own_token(int32_t c)
{
	return (c >= 0x0e00 && c <= 0x0eff) || /* Thai, Lao */
	       (c >= 0x1000 && c <= 0x109f) || /* Myanmar */
	       (c >= 0x1780 && c <= 0x17ff) || /* Khmer */
	       (c >= 0x3040 && c <= 0x30ff) || /* Hiragana, Katakana */
	       (c >= 0x31f0 && c <= 0x31ff) || /* Katakana extensions */
	       (c >= 0x3400 && c <= 0x4dbf) || /* CJK extension A */
	       (c >= 0x4e00 && c <= 0x9fff) || /* CJK unified ideographs */
	       (c >= 0xf900 && c <= 0xfaff) || /* CJK compatibility */
	       (c >= 0x20000 && c <= 0x3ffff); /* CJK extensions B and later */
}

/* Letters, marks and digits make words; separators and controls are
 * white space; the rest (punctuation, symbols, format characters) is
 * punctuation. */
static const unsigned char category_class[] = {
    [UTF8PROC_CATEGORY_LU] = C_WORD,  [UTF8PROC_CATEGORY_LL] = C_WORD,
    [UTF8PROC_CATEGORY_LT] = C_WORD,  [UTF8PROC_CATEGORY_LM] = C_WORD,
    [UTF8PROC_CATEGORY_LO] = C_WORD,  [UTF8PROC_CATEGORY_MN] = C_WORD,
    [UTF8PROC_CATEGORY_MC] = C_WORD,  [UTF8PROC_CATEGORY_ME] = C_WORD,
    [UTF8PROC_CATEGORY_ND] = C_WORD,  [UTF8PROC_CATEGORY_NL] = C_WORD,
    [UTF8PROC_CATEGORY_NO] = C_WORD,  [UTF8PROC_CATEGORY_ZS] = C_SPACE,
    [UTF8PROC_CATEGORY_ZL] = C_SPACE, [UTF8PROC_CATEGORY_ZP] = C_SPACE,
    [UTF8PROC_CATEGORY_CC] = C_SPACE,
};

static int char_class(int32_t c)
{
	if (c < 0x80)
		return byte_class[c];
	utf8proc_category_t k = utf8proc_category(c);
	int cls = (size_t)k < sizeof(category_class) ? category_class[k] : 0;
	return cls ? cls : C_PUNCT;
}

static void put_space(dd_norm *n)
{
	if (n->pending_space && n->text.len > 0)
		n->text.data[n->text.len++] = ' ';
	n->pending_space = 0;
}

#define FOLD_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE)

/* A chunk with non-ASCII characters: folded and composed by utf8proc as a
 * whole (a combining accent composes with the letter before it), then
 * classified character by character. */
static void add_chunk(dd_norm *n, const char *s, size_t len)
{
	utf8proc_ssize_t m;
	for (;;) {
		m = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, n->ucs,
		                       (utf8proc_ssize_t)n->ucs_cap, FOLD_OPTIONS);
		if (m < 0 || (size_t)m <= n->ucs_cap)
			break;
		n->ucs_cap = (size_t)m * 2;
		n->ucs = dd_xrealloc(n->ucs, n->ucs_cap * sizeof(int32_t));
	}
	if (m < 0) /* not UTF-8, which the document model rules out: skip it */
		return;
	m = utf8proc_normalize_utf32(n->ucs, m, FOLD_OPTIONS);
	if (m < 0)
		return;
	/* At most 4 bytes a character and one space before it. */
	igt_buf_reserve(&n->text, (size_t)m * 5 + 1 + SLACK);
	for (utf8proc_ssize_t i = 0; i < m; i++) {
		int32_t c = n->ucs[i];
		int k = char_class(c);
		if (k == C_SPACE) {
			end_token(n);
			n->pending_space = 1;
			continue;
		}
		put_space(n);
		if (k != C_WORD || own_token(c))
			end_token(n);
		if (k == C_WORD && !n->in_token) {
			n->in_token = 1;
			n->tok_start = n->text.len;
		}
		n->text.len +=
		    (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)n->text.data + n->text.len);
		if (k == C_WORD && own_token(c))
			end_token(n);
	}
	n->text.data[n->text.len] = 0;
}

/* The chunk from `from` to the next ASCII white space, through utf8proc;
 * returns where it ends. */
static size_t slow_chunk(dd_norm *n, const char *text, size_t from, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t to = from;
	while (to < len && byte_class[s[to]] != C_SPACE)
		to++;
	add_chunk(n, text + from, to - from);
	end_token(n);
	igt_buf_reserve(&n->text, len - to + 2 + SLACK);
	return to;
}

void dd_norm_add(dd_norm *n, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	/* Folded ASCII is never longer than the input, plus the separator. */
	igt_buf_reserve(&n->text, len + 2 + SLACK);
	n->pending_space = 1;
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		int k = byte_class[c];
		if (k == C_WORD) {
			put_space(n);
			char *o = n->text.data + n->text.len;
			size_t j = i;
			do {
				o[j - i] = (char)ascii_fold[s[j]];
				j++;
			} while (j < len && byte_class[s[j]] == C_WORD);
			if (j < len && byte_class[s[j]] == C_HIGH) {
				/* The word goes on beyond ASCII (an accent may even
				 * belong to its last letter): all of it through utf8proc. */
				i = slow_chunk(n, text, i, len);
				continue;
			}
			n->text.len += j - i;
			add_token(n, o, j - i);
			i = j;
		} else if (k == C_SPACE) {
			n->pending_space = 1;
			i++;
		} else if (k == C_PUNCT) {
			put_space(n);
			n->text.data[n->text.len++] = (char)c;
			i++;
		} else {
			i = slow_chunk(n, text, i, len);
		}
	}
	n->text.data[n->text.len] = 0;
}

void dd_norm_end(dd_norm *n)
{
	dd_sketch *s = n->out;
	/* A text shorter than one shingle is one shingle of all its tokens
	 * (the rolling hash has dropped none of them yet). */
	if (s->words > 0 && s->words < (uint64_t)n->shingle)
		add_shingle(n, fmix64(n->roll + s->words));
	s->shingles = distinct_shingles(n);
	/* Keep the low 16 bits of each minimum; DD_EMPTY marks empty bins. */
	for (unsigned i = 0; i < DD_K; i++) {
		uint16_t v = (uint16_t)n->mins[i];
		s->mins[i] = n->mins[i] == UINT32_MAX ? DD_EMPTY : v == DD_EMPTY ? DD_EMPTY - 1 : v;
	}
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	sha256_update(&ctx, n->text.len, (const uint8_t *)(n->text.data ? n->text.data : ""));
	sha256_digest(&ctx, sizeof(s->sha), s->sha);
}
