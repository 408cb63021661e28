/* SPDX-License-Identifier: MIT */
/*
 * stopwords: loading and looking up the word lists (see stopwords.h).
 * Lists are read once in open(); the plugin looks a word up only the first
 * time it meets that written form (lang.h), so lookups need not be fast.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stopwords.h"
#include "token.h"

#define MAX_LIST_BYTES (16u << 20)
#define MAX_FIELDS     3

static const struct {
	const char *code, *file;
} shipped[] = {
    {"en", "stopwords/english.txt"}, {"fr", "stopwords/french.txt"},
    {"es", "stopwords/spanish.txt"}, {"de", "stopwords/german.txt"},
    {"ru", "stopwords/russian.txt"},
};

const char *const kw_stop_languages[] = {"en", "fr", "es", "de", "ru", NULL};

const char *kw_stop_shipped(const char *code)
{
	for (size_t i = 0; i < sizeof(shipped) / sizeof(shipped[0]); i++) {
		if (strcmp(code, shipped[i].code) == 0)
			return shipped[i].file;
	}
	return NULL;
}

const char *kw_stems_shipped(const char *code)
{
	return strcmp(code, "en") == 0 ? "stopwords/stems-english.txt" : NULL;
}

/* "code:word" into key; its length, or 0 when it does not fit. */
static size_t lang_key(char *key, size_t cap, const char *code, const char *word, size_t len)
{
	size_t c = strlen(code);
	if (c + 1 + len + 1 > cap)
		return 0;
	memcpy(key, code, c);
	key[c] = ':';
	memcpy(key + c + 1, word, len);
	key[c + 1 + len] = '\0';
	return c + 1 + len;
}

/*
 * The comparison form of an entry that must be one word as the tokeniser
 * reads it, into folded (cap bytes): its length; 0 for an entry that can
 * never be counted anyway (a lone Han character); -1 with the reason in
 * err.
 */
static long fold_entry(const char *word, size_t len, char *folded, size_t cap, char *err,
                       size_t errlen)
{
	kw_tokenizer t;
	kw_token tok;
	kw_tok_init(&t, word, len);
	int n = 0;
	kw_token first = {0};
	while (kw_tok_next(&t, &tok)) {
		if (n++ == 0)
			first = tok;
	}
	if (n == 0 && len <= 4 && kw_valid_utf8(word, len))
		return 0;
	if (n != 1 || first.start != 0 || first.len != len) {
		snprintf(err, errlen, "'%.*s' is not one word as the tokeniser reads it", (int)len,
		         word);
		return -1;
	}
	size_t flen = kw_fold(word, len, first.ascii, 1, folded, cap);
	if (!flen) {
		snprintf(err, errlen, "'%.*s' is too long for a word", (int)len, word);
		return -1;
	}
	return (long)flen;
}

int kw_stop_add(kw_stopwords *sw, const char *code, const char *word, size_t len, char *err,
                size_t errlen)
{
	char folded[4 * KW_MAX_TOKEN + 8], key[4 * KW_MAX_TOKEN + 16];
	long flen = fold_entry(word, len, folded, sizeof(folded), err, errlen);
	if (flen <= 0)
		return (int)flen;
	size_t klen = lang_key(key, sizeof(key), code, folded, (size_t)flen);
	kw_intern_add(&sw->words, key, klen);
	return 0;
}

int kw_stop_has(const kw_stopwords *sw, const char *code, const char *folded, size_t len)
{
	char key[4 * KW_MAX_TOKEN + 16];
	const char *codes[2] = {KW_STOP_ALL, code};
	for (size_t i = 0; i < 2; i++) {
		size_t klen = lang_key(key, sizeof(key), codes[i], folded, len);
		if (klen && kw_intern_find(&sw->words, key, klen) != KW_NONE)
			return 1;
	}
	return 0;
}

size_t kw_stop_count(const kw_stopwords *sw)
{
	return sw->words.n;
}

void kw_stop_free(kw_stopwords *sw)
{
	kw_intern_free(&sw->words);
}

/* A final 's or ' (English possessives) is not part of the word looked
 * up: "governance's" is "governance". */
static size_t strip_possessive(const char *w, size_t len)
{
	if (len > 2 && w[len - 2] == '\'' && w[len - 1] == 's')
		return len - 2;
	if (len > 1 && w[len - 1] == '\'')
		return len - 1;
	return len;
}

/* 0; -1 when the word is wrong, -2 when the stem is (err says why). */
static int stems_add(kw_stems *st, const char *code, const char *word, size_t wlen,
                     const char *stem, size_t slen, char *err, size_t errlen)
{
	char fw[4 * KW_MAX_TOKEN + 8], fs[4 * KW_MAX_TOKEN + 8], key[4 * KW_MAX_TOKEN + 16];
	long fwl = fold_entry(word, wlen, fw, sizeof(fw), err, errlen);
	if (fwl == 0)
		snprintf(err, errlen, "'%.*s' is not a word that is counted", (int)wlen, word);
	if (fwl <= 0)
		return -1;
	long fsl = fold_entry(stem, slen, fs, sizeof(fs), err, errlen);
	if (fsl == 0)
		snprintf(err, errlen, "'%.*s' is not a word that is counted", (int)slen, stem);
	if (fsl <= 0)
		return -2;
	size_t klen = lang_key(key, sizeof(key), code, fw, strip_possessive(fw, (size_t)fwl));
	uint32_t w = kw_intern_add(&st->words, key, klen);
	uint32_t s = kw_intern_add(&st->stems, fs, (size_t)fsl);
	if (w >= st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 64;
		while (cap <= w)
			cap *= 2;
		st->stem_of = realloc(st->stem_of, cap * sizeof(*st->stem_of));
		if (!st->stem_of)
			abort();
		st->cap = cap;
	}
	st->stem_of[w] = s; /* a later file may change a stem */
	return 0;
}

const char *kw_stems_get(const kw_stems *st, const char *code, const char *folded, size_t len,
                         size_t *stem_len)
{
	char key[4 * KW_MAX_TOKEN + 16];
	const char *codes[2] = {code, KW_STOP_ALL};
	len = strip_possessive(folded, len);
	for (size_t i = 0; i < 2; i++) {
		size_t klen = lang_key(key, sizeof(key), codes[i], folded, len);
		uint32_t w = klen ? kw_intern_find(&st->words, key, klen) : KW_NONE;
		if (w != KW_NONE)
			return kw_intern_key(&st->stems, st->stem_of[w], stem_len);
	}
	return NULL;
}

void kw_stems_free(kw_stems *st)
{
	kw_intern_free(&st->words);
	kw_intern_free(&st->stems);
	free(st->stem_of);
	memset(st, 0, sizeof(*st));
}

static char *read_file(const char *path, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	if (!buf)
		abort();
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			if (cap >= MAX_LIST_BYTES) {
				snprintf(err, errlen, "%s: larger than %u MiB", path,
				         MAX_LIST_BYTES >> 20);
				free(buf);
				fclose(f);
				return NULL;
			}
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		snprintf(err, errlen, "%s: cannot read", path);
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* One line of a list, cut into fields. */
typedef struct list_line {
	const char *path;
	unsigned long lineno;
	size_t n;
	const char *field[MAX_FIELDS];
	size_t len[MAX_FIELDS], col[MAX_FIELDS]; /* col: 1-based byte column */
} list_line;

/* Cut a line (without its end) into fields: 0, or -1 with the error. */
static int split_line(list_line *ln, const char *line, size_t len, char *err, size_t errlen)
{
	ln->n = 0;
	size_t e = 0;
	while (e < len && !(line[e] == '#' && (e == 0 || is_blank(line[e - 1]))))
		e++;
	if (!kw_valid_utf8(line, e)) {
		snprintf(err, errlen, "%s:%lu:%zu: invalid UTF-8", ln->path, ln->lineno,
		         kw_utf8_prefix(line, e) + 1);
		return -1;
	}
	for (size_t i = 0; i < e;) {
		if (is_blank(line[i])) {
			i++;
			continue;
		}
		size_t a = i;
		while (i < e && !is_blank(line[i]))
			i++;
		if (ln->n == MAX_FIELDS) {
			snprintf(err, errlen, "%s:%lu:%zu: too many words on one line", ln->path,
			         ln->lineno, a + 1);
			return -1;
		}
		ln->field[ln->n] = line + a;
		ln->len[ln->n] = i - a;
		ln->col[ln->n++] = a + 1;
	}
	return 0;
}

typedef int (*line_fn)(void *target, const char *code, const list_line *ln, char *err,
                       size_t errlen);

static int read_list(const char *path, const char *code, line_fn fn, void *target, char *err,
                     size_t errlen)
{
	size_t len;
	char *buf = read_file(path, &len, err, errlen);
	if (!buf)
		return -1;
	size_t pos = 0;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		pos = 3; /* a byte order mark */
	list_line ln = {.path = path, .lineno = 1};
	int rc = 0;
	for (; pos < len && rc == 0; ln.lineno++) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - buf) : len;
		if (memchr(buf + pos, '\0', end - pos)) {
			snprintf(err, errlen, "%s:%lu:1: a NUL byte: not a text file", path,
			         ln.lineno);
			rc = -1;
		} else {
			rc = split_line(&ln, buf + pos, end - pos, err, errlen);
			if (!rc && ln.n)
				rc = fn(target, code, &ln, err, errlen);
		}
		pos = end + 1;
	}
	free(buf);
	return rc;
}

static int stop_line(void *target, const char *code, const list_line *ln, char *err, size_t errlen)
{
	char why[300];
	if (ln->n != 1) {
		snprintf(err, errlen, "%s:%lu:%zu: one word per line", ln->path, ln->lineno,
		         ln->col[1]);
		return -1;
	}
	if (kw_stop_add(target, code, ln->field[0], ln->len[0], why, sizeof(why))) {
		snprintf(err, errlen, "%s:%lu:%zu: %s", ln->path, ln->lineno, ln->col[0], why);
		return -1;
	}
	return 0;
}

int kw_stop_load(kw_stopwords *sw, const char *path, const char *code, char *err, size_t errlen)
{
	return read_list(path, code, stop_line, sw, err, errlen);
}

static int stems_line(void *target, const char *code, const list_line *ln, char *err, size_t errlen)
{
	char why[300];
	if (ln->n != 2) {
		snprintf(err, errlen, "%s:%lu:%zu: a line needs a word and its stem", ln->path,
		         ln->lineno, ln->n > 2 ? ln->col[2] : ln->col[0]);
		return -1;
	}
	int rc = stems_add(target, code, ln->field[0], ln->len[0], ln->field[1], ln->len[1], why,
	                   sizeof(why));
	if (rc) {
		snprintf(err, errlen, "%s:%lu:%zu: %s", ln->path, ln->lineno,
		         ln->col[rc == -1 ? 0 : 1], why);
		return -1;
	}
	return 0;
}

int kw_stems_load(kw_stems *st, const char *path, const char *code, char *err, size_t errlen)
{
	return read_list(path, code, stems_line, st, err, errlen);
}
