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
 * Speed: ASCII, which is most of the text, is read 16 bytes at a time
 * (ascii.h): classified and case folded at once, written with its white
 * space as spaces, and its words found from bit masks, with no test per
 * byte. A block stops before a byte beyond ASCII or a second byte of
 * white space, which are read byte by byte; only a chunk (a run of bytes
 * between ASCII white space) holding a non-ASCII byte goes through
 * utf8proc, into buffers kept from document to document. Token hashes are
 * gathered and their shingles hashed in one tight loop. The normalised
 * text is hashed as it grows, a few kilobytes at a time, so it is never
 * kept whole. Nothing is allocated per token or per shingle.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "ascii.h"
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

/* The text buffer holds this many bytes beyond its text: a token is read
 * 8 bytes at a time, and ASCII is written 16 bytes at a time. */
#define SLACK 16

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

/* A shingle's hash: its bin keeps the smallest value that falls in it;
 * the bitmap counts the distinct ones (the bits are counted as they are
 * set, so that no pass over the bitmap is needed at the end). Returns the
 * count of bits set. */
static inline uint64_t add_shingle(uint32_t *mins, uint64_t *bits, uint64_t mask, uint64_t set,
                                   uint64_t h)
{
	unsigned bin = (unsigned)(h >> (64 - DD_BIN_BITS));
	uint32_t v = (uint32_t)(h >> (32 - DD_BIN_BITS)); /* the bits below the bin's */
	if (v < mins[bin])
		mins[bin] = v;
	uint64_t *cell = &bits[(h & mask) >> 6], bit = (uint64_t)1 << (h & 63);
	set += !(*cell & bit);
	*cell |= bit;
	return set;
}

/* The shingles of the tokens gathered, each with the w - 1 before it. */
static void shingle_tokens(dd_norm *n)
{
	unsigned w = (unsigned)n->shingle, out_bits = (ROLL_BITS * w) & 63;
	const uint64_t *t = n->toks + DD_MAX_SHINGLE;
	uint64_t roll = n->roll, set = n->set, mask = n->bits_mask, *bits = n->bits;
	uint64_t first = n->words + 1 >= w ? 0 : w - 1 - n->words; /* tokens before a shingle */
	size_t ntok = n->ntok;
	for (size_t k = 0; k < ntok; k++) {
		/* t[k - w] is 0 before the document's first token: no bits out */
		roll =
		    rotl(roll, ROLL_BITS) ^ t[k] ^ rotl(t[(ptrdiff_t)k - (ptrdiff_t)w], out_bits);
		if (k < first)
			continue;
		set = add_shingle(n->mins, bits, mask, set, fmix64(roll + w));
	}
	n->roll = roll;
	n->set = set;
	n->words += n->ntok;
	memmove(n->toks, n->toks + n->ntok, DD_MAX_SHINGLE * sizeof(*n->toks));
	n->ntok = 0;
}

static void add_token(dd_norm *n, uint64_t h)
{
	n->toks[DD_MAX_SHINGLE + n->ntok++] = h;
	if (n->ntok == DD_TOKENS)
		shingle_tokens(n);
}

/* A token read through utf8proc, whose bytes are text[tok_start, len). */
static void end_token(dd_norm *n)
{
	if (!n->in_token)
		return;
	n->in_token = 0;
	add_token(n, token_hash((const unsigned char *)n->text.data + n->tok_start,
	                        n->text.len - n->tok_start));
}

void dd_norm_begin(dd_norm *n, dd_sketch *out, size_t bytes_hint)
{
	n->out = out;
	for (unsigned i = 0; i < DD_K; i++)
		n->mins[i] = UINT32_MAX;
	out->words = out->shingles = 0;
	igt_buf_reset(&n->text);
	n->hashed = 0;
	sha256_init(&n->sha);
	n->in_token = n->pending_space = 0;
	memset(n->toks, 0, DD_MAX_SHINGLE * sizeof(*n->toks));
	n->ntok = 0;
	n->roll = n->words = n->set = 0;
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
	uint64_t set = n->set;
	double m = (double)(n->bits_mask + 1), zero = m - (double)set;
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

/* Whether any normalised text came before: a space joins, never leads. */
static int any_text(const dd_norm *n)
{
	return n->text.len > 0 || n->hashed > 0;
}

static void put_space(dd_norm *n)
{
	if (n->pending_space && any_text(n))
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

/* ---- ASCII, 16 bytes at a time ---- */

/* How a segment is read: the state of dd_norm_add, kept in local
 * variables, which the stores into the text buffer would otherwise force
 * back to memory after every byte. */
typedef struct reader {
	char *start, *o; /* the text buffer, and where the next byte goes */
	int pending;     /* white space seen since the last byte written */
	int before;      /* text was hashed before start */
	int in_token;    /* an ASCII word is being read */
	char *tok_out;   /* where it starts in the text buffer */
	size_t tok_in;   /* and in the segment */
	size_t ntok;     /* tokens gathered in n->toks */
} reader;

static inline void push_token(dd_norm *n, reader *r, const char *from, const char *to)
{
	n->toks[DD_MAX_SHINGLE + r->ntok++] =
	    token_hash((const unsigned char *)from, (size_t)(to - from));
	if (r->ntok == DD_TOKENS) {
		n->ntok = r->ntok;
		shingle_tokens(n);
		r->ntok = 0;
	}
}

static void put_pending_space(reader *r)
{
	if (r->pending && (r->o != r->start || r->before))
		*r->o++ = ' ';
	r->pending = 0;
}

/* One byte, as the reading byte by byte has it; a byte beyond ASCII goes
 * through utf8proc with the rest of its chunk, from the start of the word
 * it ends (an accent may belong to its last letter). Returns where the
 * reading goes on. */
static size_t one_byte(dd_norm *n, reader *r, const char *text, size_t i, size_t len)
{
	unsigned char c = (unsigned char)text[i];
	int k = byte_class[c];
	if (k == C_WORD) {
		if (!r->in_token) {
			put_pending_space(r);
			r->in_token = 1;
			r->tok_out = r->o;
			r->tok_in = i;
		}
		*r->o++ = (char)ascii_fold[c];
		return i + 1;
	}
	if (k == C_HIGH) {
		if (r->in_token) {
			i = r->tok_in;
			r->o = r->tok_out;
			r->in_token = 0;
		}
		n->text.len = (size_t)(r->o - r->start);
		n->pending_space = r->pending;
		n->ntok = r->ntok;
		i = slow_chunk(n, text, i, len);
		r->start = n->text.data;
		r->o = r->start + n->text.len;
		r->pending = n->pending_space;
		r->ntok = n->ntok;
		return i;
	}
	if (r->in_token) {
		push_token(n, r, r->tok_out, r->o);
		r->in_token = 0;
	}
	if (k == C_SPACE) {
		r->pending = 1;
	} else {
		put_pending_space(r);
		*r->o++ = (char)c;
	}
	return i + 1;
}

/* Up to 16 bytes at s[i], p of them in the segment, once text has come
 * before (a space may be written): written case folded, one space for
 * each white space byte, and their words hashed. It stops before a byte
 * beyond ASCII and before the second byte of a run of white space, which
 * the caller reads; returns how many bytes it read. White space at the end
 * is left pending, as it may go on in the next block or end the segment;
 * a word at the end is left open. */
static size_t ascii_block(dd_norm *n, reader *r, const unsigned char *s, size_t i, size_t p)
{
	if (r->pending && (byte_class[s[i]] & C_WORD)) { /* a word or punctuation */
		*r->o++ = ' ';
		r->pending = 0;
	}
	char *o = r->o;
	const unsigned char *from = s + i;
	unsigned char tail[16];
	if (p < 16) { /* the segment's end: no byte may be read beyond it */
		memset(tail, 0, sizeof(tail));
		memcpy(tail, from, p);
		from = tail;
	}
	dd_block b = dd_classify(from, o);
	unsigned stops = b.high | (b.space & b.space << 1) | (~0u << p);
	unsigned q = (unsigned)__builtin_ctz(stops), in = (1u << q) - 1;
	unsigned word = b.word & in, space = b.space & in;
	/* The first byte of each word, and the byte after each word. */
	unsigned after_word = word << 1 | (unsigned)r->in_token;
	unsigned starts = word & ~after_word, ends = ~word & after_word & in;
	if (r->in_token && ends) {
		push_token(n, r, r->tok_out, o + __builtin_ctz(ends));
		r->in_token = 0;
		ends &= ends - 1;
	}
	while (starts) {
		unsigned at = (unsigned)__builtin_ctz(starts);
		starts &= starts - 1;
		if (!ends) { /* the word goes on beyond the block */
			r->in_token = 1;
			r->tok_out = o + at;
			r->tok_in = i + at;
			break;
		}
		push_token(n, r, o + at, o + __builtin_ctz(ends));
		ends &= ends - 1;
	}
	if (q == 0)
		return 0;
	r->pending = (int)(space >> (q - 1));
	r->o = o + q - (unsigned)r->pending;
	return q;
}

void dd_norm_add(dd_norm *n, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	/* Folded ASCII is never longer than the input, plus the separator. */
	igt_buf_reserve(&n->text, len + 2 + SLACK);
	reader r = {.start = n->text.data, .pending = 1, .before = n->hashed > 0, .ntok = n->ntok};
	r.o = r.start + n->text.len;
	size_t i = 0;
	while (i < len) {
		if (r.o == r.start && !r.before) { /* no space may lead */
			/* a copy, so that r stays in registers */
			reader t = r;
			i = one_byte(n, &t, text, i, len);
			r = t;
			continue;
		}
		i += ascii_block(n, &r, s, i, len - i < 16 ? len - i : 16);
		if (i >= len)
			break;
		if (s[i] >= 0x80) {
			reader t = r;
			i = one_byte(n, &t, text, i, len);
			r = t;
		} else if (r.pending) { /* the rest of a run of white space */
			while (i < len && byte_class[s[i]] == C_SPACE)
				i++;
		}
	}
	if (r.in_token)
		push_token(n, &r, r.tok_out, r.o);
	n->ntok = r.ntok;
	n->text.len = (size_t)(r.o - r.start);
	/* Hash what the buffer holds once it is long enough for the hashing to
	 * run on whole blocks, while the text is still in the first cache. */
	if (n->text.len >= 4096) {
		sha256_update(&n->sha, n->text.len, (const uint8_t *)n->text.data);
		n->hashed += n->text.len;
		n->text.len = 0;
	}
}

void dd_norm_end(dd_norm *n)
{
	dd_sketch *s = n->out;
	/* A text shorter than one shingle is one shingle of all its tokens
	 * (the rolling hash has dropped none of them yet). */
	shingle_tokens(n);
	s->words = n->words;
	if (s->words > 0 && s->words < (uint64_t)n->shingle)
		n->set =
		    add_shingle(n->mins, n->bits, n->bits_mask, n->set, fmix64(n->roll + s->words));
	s->shingles = distinct_shingles(n);
	/* Keep the low 16 bits of each minimum; DD_EMPTY marks empty bins. */
	for (unsigned i = 0; i < DD_K; i++) {
		uint16_t v = (uint16_t)n->mins[i];
		s->mins[i] = n->mins[i] == UINT32_MAX ? DD_EMPTY : v == DD_EMPTY ? DD_EMPTY - 1 : v;
	}
	if (n->text.len > 0)
		sha256_update(&n->sha, n->text.len, (const uint8_t *)n->text.data);
	sha256_digest(&n->sha, sizeof(s->sha), s->sha);
}
