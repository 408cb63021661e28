/* SPDX-License-Identifier: MIT */
/*
 * token: the keywords plugin's tokeniser and the normal forms of a token.
 *
 * A word is a run of letters and digits (Unicode categories L and Nd/Nl),
 * with the combining marks and format characters inside it, joined across
 * one hyphen (-, U+2010, U+2011) or apostrophe (', U+2019, U+02BC) that
 * has a letter or digit on both sides: "multi-stakeholder", "China's",
 * "l'Internet" are one word each; "non- governmental" and "students'" are
 * not joined. Han and Kana have no spaces between words, so a run of them
 * gives its overlapping character bigrams ("互联网治理": 互联 联网 网治
 * 治理), the usual choice of search engines when no dictionary is at hand;
 * a lone Han or Kana character gives nothing. URLs and e-mail addresses
 * are skipped whole. Words longer than KW_MAX_TOKEN bytes (base64, hashes,
 * unspaced Thai sentences) are skipped too.
 *
 * Each token says whether anything but white space separates it from the
 * previous one (brk): phrases never span punctuation.
 *
 * The text must be valid UTF-8 (the document setters make sure of that);
 * an invalid byte would only end a word.
 */
#ifndef KEYWORDS_TOKEN_H
#define KEYWORDS_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#define KW_MAX_TOKEN 100 /* bytes */

enum { KW_TOK_WORD = 0, KW_TOK_CJK = 1 };

typedef struct kw_token {
	size_t start, len; /* bytes of the text */
	uint64_t head[2];  /* with headed: its first sixteen bytes, zero after it (intern.h) */
	uint8_t kind;      /* KW_TOK_WORD or KW_TOK_CJK (a bigram) */
	uint8_t ascii;     /* only ASCII bytes: folding is tolower */
	uint8_t apos;      /* offset + 1 of its first apostrophe (up to 255), 0: none */
	uint8_t apos_len;  /* that apostrophe's length in bytes */
	uint8_t headed;    /* head is set: an ASCII word the fast path read */
	uint8_t brk;       /* not only white space since the previous token */
} kw_token;

typedef struct kw_tokenizer {
	const unsigned char *s;
	size_t len, pos;
	size_t checked; /* looked ahead for an '@' up to here */
	size_t run_to;  /* the end of the last run of printable ASCII looked at, */
	size_t run_addr; /* and the end of the " at domain" after it, or 0 */
	int brk;
	int slow; /* only the general path (for tests: both paths give the same tokens) */
} kw_tokenizer;

void kw_tok_init(kw_tokenizer *t, const char *text, size_t len);
/* The next token: 1, or 0 at the end of the text. */
int kw_tok_next(kw_tokenizer *t, kw_token *tok);
/* The next tokens, up to max of them, into toks: how many, 0 at the end
 * of the text. The same tokens as kw_tok_next, without a call for each:
 * the per-token loop of the keywords plugin reads them so. */
size_t kw_tok_batch(kw_tokenizer *restrict t, kw_token *restrict toks, size_t max);

/* The letters (Han and Kana included) and digits in len bytes of text. */
void kw_letters(const char *text, size_t len, unsigned *letters, unsigned *digits);

/*
 * The comparison form of len bytes of a token (ascii: only ASCII bytes):
 * NFC, case-folded, default-ignorable characters (soft hyphens) removed,
 * typographic apostrophes written ' and Unicode hyphens -. Written to out
 * (cap bytes, NUL-terminated); returns the length, or 0 when it does not
 * fit. With casefold 0 only NFC and the removal: the form shown to people.
 */
size_t kw_fold(const char *s, size_t len, int ascii, int casefold, char *out, size_t cap);

/* Whether len bytes of s are valid UTF-8; the length of its longest valid
 * prefix. */
int kw_valid_utf8(const char *s, size_t len);
size_t kw_utf8_prefix(const char *s, size_t len);

#endif
