/* SPDX-License-Identifier: MIT */
/*
 * HTML to text, for messages that have no text/plain part. Not a browser:
 * block elements become line breaks (paragraphs, headings and block
 * quotes a blank line), white space collapses outside <pre>, character
 * references are decoded, <head>, <style>, <script> and comments are
 * dropped, and each level of <blockquote> prefixes its lines with "> " so
 * that the body segmenter finds quotes with their depth as in plain text.
 *
 * Each output line remembers the input lines its first and last
 * characters came from, so segments of converted text still point at the
 * part of the input they were read from.
 */
#include <stdlib.h>

#include "pipermail.h"

typedef struct html {
	pm_ctx *ctx;
	size_t first, n; /* source lines */
	const char *s;   /* the source lines joined with '\n' */
	size_t len;
	int any;     /* some text was written */
	int pending; /* line breaks wanted before the next text: 1 or 2 */
	int space;   /* a space is wanted before the next text */
	int pre;
	int quote;         /* <blockquote> depth */
	size_t line_start; /* arena offset of the line being written */
	int line_text;     /* it has text */
	int empty_run;     /* empty lines written since the last text */
	size_t cs0, cs1;   /* source positions of its first and last character */
	size_t count;      /* lines made */
} html;

/* Source line (index from h->first) holding joined position p. */
static size_t line_of(const html *h, size_t p)
{
	size_t lo = 0, hi = h->n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (h->ctx->starts[mid] <= p)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static void end_line(html *h)
{
	pm_ctx *ctx = h->ctx;
	uint64_t src = 0, src_len = 0;
	if (h->line_text && h->n) {
		const pm_line *a = &ctx->lines[h->first + line_of(h, h->cs0)];
		const pm_line *b = &ctx->lines[h->first + line_of(h, h->cs1 ? h->cs1 - 1 : 0)];
		src = a->src;
		src_len = b->src + b->src_len > a->src ? b->src + b->src_len - a->src : 0;
	}
	pm_line_add(ctx, h->line_start, ctx->arena.len - h->line_start, 1, src, src_len);
	h->count++;
	h->empty_run = h->line_text ? 0 : h->empty_run + 1;
	h->line_start = ctx->arena.len;
	h->line_text = 0;
}

/* Write text that came from source positions [p0, p1). */
static void put(html *h, const char *t, size_t n, size_t p0, size_t p1)
{
	igt_buf *out = &h->ctx->arena;
	if (h->pending && h->any) {
		if (h->line_text)
			end_line(h);
		if (h->pending >= 2 && h->empty_run == 0)
			end_line(h);
	}
	h->pending = 0;
	if (!h->line_text) {
		for (int d = 0; d < h->quote; d++)
			igt_buf_add(out, "> ", 2);
		h->cs0 = p0;
		h->line_text = 1;
	} else if (h->space) {
		igt_buf_addc(out, ' ');
	}
	h->space = 0;
	igt_buf_add(out, t, n);
	h->cs1 = p1;
	h->any = 1;
}

static void want_break(html *h, int k)
{
	if (k > h->pending)
		h->pending = k;
	h->space = 0;
}

/* ---- character references ---- */

static size_t utf8_put(unsigned long cp, char *o)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static const struct entity {
	const char *name;
	unsigned cp;
} entities[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
    {"nbsp", ' '},     {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122}, {"hellip", 0x2026},
    {"mdash", 0x2014}, {"ndash", 0x2013}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"laquo", 0xAB},   {"raquo", 0xBB},   {"bull", 0x2022},  {"middot", 0xB7},
    {"euro", 0x20AC},  {"pound", 0xA3},   {"yen", 0xA5},     {"cent", 0xA2},    {"sect", 0xA7},
    {"deg", 0xB0},     {"plusmn", 0xB1},  {"times", 0xD7},   {"divide", 0xF7},  {"para", 0xB6},
    {"iexcl", 0xA1},   {"iquest", 0xBF},  {"shy", 0xAD},     {"aacute", 0xE1},  {"eacute", 0xE9},
    {"iacute", 0xED},  {"oacute", 0xF3},  {"uacute", 0xFA},  {"Aacute", 0xC1},  {"Eacute", 0xC9},
    {"Iacute", 0xCD},  {"Oacute", 0xD3},  {"Uacute", 0xDA},  {"agrave", 0xE0},  {"egrave", 0xE8},
    {"ograve", 0xF2},  {"ugrave", 0xF9},  {"Agrave", 0xC0},  {"Egrave", 0xC8},  {"auml", 0xE4},
    {"ouml", 0xF6},    {"uuml", 0xFC},    {"Auml", 0xC4},    {"Ouml", 0xD6},    {"Uuml", 0xDC},
    {"szlig", 0xDF},   {"ccedil", 0xE7},  {"Ccedil", 0xC7},  {"ntilde", 0xF1},  {"Ntilde", 0xD1},
    {"acirc", 0xE2},   {"ecirc", 0xEA},   {"icirc", 0xEE},   {"ocirc", 0xF4},   {"ucirc", 0xFB},
    {"atilde", 0xE3},  {"otilde", 0xF5},  {"aring", 0xE5},   {"Aring", 0xC5},   {"aelig", 0xE6},
    {"AElig", 0xC6},   {"oslash", 0xF8},  {"Oslash", 0xD8},  {"euml", 0xEB},    {"iuml", 0xEF},
    {"yuml", 0xFF},
};

/* A character reference at s[i] ('&'): writes its UTF-8 to o and returns
 * the bytes it takes, or 0 when it is not one (the '&' is then text). */
static size_t entity(const char *s, size_t n, size_t i, char *o, size_t *olen)
{
	size_t j = i + 1;
	if (j < n && s[j] == '#') {
		j++;
		int hex = j < n && (s[j] == 'x' || s[j] == 'X');
		if (hex)
			j++;
		unsigned long cp = 0;
		size_t digits = 0;
		while (j < n && digits < 8) {
			int v = hex ? pm_hexval((unsigned char)s[j])
			            : (s[j] >= '0' && s[j] <= '9' ? s[j] - '0' : -1);
			if (v < 0)
				break;
			cp = cp * (hex ? 16 : 10) + (unsigned long)v;
			j++;
			digits++;
		}
		if (!digits)
			return 0;
		if (j < n && s[j] == ';')
			j++;
		if (cp == 0xA0)
			cp = ' ';
		*olen = utf8_put(cp, o);
		return j - i;
	}
	size_t k = j;
	while (k < n && k - j < 10 &&
	       ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z')))
		k++;
	if (k == j)
		return 0;
	for (size_t e = 0; e < sizeof(entities) / sizeof(entities[0]); e++) {
		if (strlen(entities[e].name) == k - j &&
		    memcmp(entities[e].name, s + j, k - j) == 0) {
			*olen = utf8_put(entities[e].cp, o);
			return (k < n && s[k] == ';' ? k + 1 : k) - i;
		}
	}
	return 0;
}

/* ---- tags ---- */

static int tag_is(const char *name, size_t n, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (pm_ieq(name, n, list[i]))
			return 1;
	return 0;
}

/* Whether s[0..n) starts with name[0..nlen), ignoring ASCII case. */
static int iprefix_n(const char *s, size_t n, const char *name, size_t nlen)
{
	if (n < nlen)
		return 0;
	for (size_t i = 0; i < nlen; i++)
		if (pm_lower((unsigned char)s[i]) != pm_lower((unsigned char)name[i]))
			return 0;
	return 1;
}

/* Skip to after "</name" ... '>' (for style, script, head). */
static size_t skip_element(const html *h, size_t i, const char *name, size_t nlen)
{
	while (i < h->len) {
		const char *lt = memchr(h->s + i, '<', h->len - i);
		if (!lt)
			return h->len;
		i = (size_t)(lt - h->s) + 1;
		if (i < h->len && h->s[i] == '/' &&
		    iprefix_n(h->s + i + 1, h->len - i - 1, name, nlen)) {
			const char *gt = memchr(h->s + i, '>', h->len - i);
			return gt ? (size_t)(gt - h->s) + 1 : h->len;
		}
	}
	return h->len;
}

static void tag(html *h, const char *name, size_t n, int closing)
{
	static const char *const paragraph[] = {
	    "p",       "div",    "h1",     "h2",    "h3",         "h4",      "h5",   "h6",
	    "ul",      "ol",     "dl",     "table", "center",     "address", "form", "section",
	    "article", "header", "footer", "pre",   "blockquote", NULL};
	static const char *const line[] = {"br", "li", "tr", "dt", "dd", "hr", "option", NULL};
	static const char *const cell[] = {"td", "th", NULL};
	if (tag_is(name, n, paragraph)) {
		want_break(h, 2);
		if (pm_ieq(name, n, "blockquote"))
			h->quote += closing ? (h->quote ? -1 : 0) : 1;
		if (pm_ieq(name, n, "pre"))
			h->pre = !closing;
	} else if (tag_is(name, n, line)) {
		want_break(h, 1);
	} else if (tag_is(name, n, cell)) {
		h->space = h->line_text;
	}
}

/* A tag or comment at h->s[i] ('<'): returns the position after it, or i
 * when the '<' is text. */
static size_t markup(html *h, size_t i)
{
	const char *s = h->s;
	size_t n = h->len;
	if (i + 3 < n && memcmp(s + i, "<!--", 4) == 0) {
		const char *end = pm_memmem(s + i + 4, n - i - 4, "-->", 3);
		return end ? (size_t)(end - s) + 3 : n;
	}
	size_t j = i + 1;
	if (j < n && (s[j] == '!' || s[j] == '?')) {
		const char *gt = memchr(s + j, '>', n - j);
		return gt ? (size_t)(gt - s) + 1 : n;
	}
	int closing = j < n && s[j] == '/';
	if (closing)
		j++;
	size_t name = j;
	while (j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
	                 (s[j] >= '0' && s[j] <= '9') || s[j] == ':'))
		j++;
	if (j == name || (j < n && !pm_is_ws(s[j]) && s[j] != '>' && s[j] != '/'))
		return i;
	size_t nlen = j - name;
	char quote = 0;
	while (j < n && (quote || s[j] != '>')) {
		if (quote && s[j] == quote)
			quote = 0;
		else if (!quote && (s[j] == '"' || s[j] == '\''))
			quote = s[j];
		j++;
	}
	j = j < n ? j + 1 : n;
	static const char *const skipped[] = {"head", "style", "script", "title", NULL};
	if (!closing && tag_is(s + name, nlen, skipped)) {
		want_break(h, 2);
		return skip_element(h, j, s + name, nlen);
	}
	tag(h, s + name, nlen, closing);
	return j;
}

static void convert(html *h)
{
	const char *s = h->s;
	size_t i = 0;
	while (i < h->len) {
		char c = s[i];
		if (c == '<') {
			size_t j = markup(h, i);
			if (j != i) {
				i = j;
				continue;
			}
		}
		if (c == '\n' && h->pre) {
			/* In <pre> every line end is one, empty lines included. */
			if (h->line_text || h->any)
				end_line(h);
			h->pending = 0;
			i++;
			continue;
		}
		int nbsp =
		    (unsigned char)c == 0xC2 && i + 1 < h->len && (unsigned char)s[i + 1] == 0xA0;
		if (pm_is_ws(c) || nbsp) {
			if (h->pre)
				put(h, " ", 1, i, i + 1);
			else if (h->line_text)
				h->space = 1;
			i += nbsp ? 2 : 1;
			continue;
		}
		char o[4];
		size_t olen = 0, used = c == '&' ? entity(s, h->len, i, o, &olen) : 0;
		if (used) {
			if (olen == 1 && o[0] == ' ' && !h->pre) {
				if (h->line_text)
					h->space = 1;
			} else {
				put(h, o, olen, i, i + used);
			}
			i += used;
			continue;
		}
		/* A run of ordinary text. */
		size_t j = i + 1;
		while (j < h->len && s[j] != '<' && s[j] != '&' && !pm_is_ws(s[j]) &&
		       (unsigned char)s[j] != 0xC2)
			j++;
		put(h, s + i, j - i, i, j);
		i = j;
	}
	if (h->line_text)
		end_line(h);
}

size_t pm_html_to_lines(pm_ctx *ctx, size_t first, size_t n, size_t *count)
{
	/* Join the source lines; remember where each starts. */
	if (ctx->cap_starts < n + 1) {
		size_t cap = ctx->cap_starts ? ctx->cap_starts : 64;
		while (cap < n + 1)
			cap *= 2;
		size_t *st = realloc(ctx->starts, cap * sizeof(*st));
		if (!st)
			abort();
		ctx->starts = st;
		ctx->cap_starts = cap;
	}
	igt_buf *src = &ctx->tmp;
	src->len = 0;
	for (size_t i = 0; i < n; i++) {
		const pm_line *l = &ctx->lines[first + i];
		ctx->starts[i] = src->len;
		igt_buf_add(src, pm_line_text(ctx, l), l->len);
		igt_buf_addc(src, '\n');
	}
	html h;
	memset(&h, 0, sizeof(h));
	h.ctx = ctx;
	h.first = first;
	h.n = n;
	h.s = src->data ? src->data : "";
	h.len = src->len;
	h.line_start = ctx->arena.len;
	size_t start = ctx->n_lines;
	convert(&h);
	*count = ctx->n_lines - start;
	return start;
}
