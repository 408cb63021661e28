/* SPDX-License-Identifier: MIT */
/*
 * Body segmentation: the lines of a text part (or of the single-message
 * page) become segments, attachment fields and boilerplate.
 *
 *  - paragraph: lines separated by blank lines;
 *  - quote: consecutive lines quoted at the same depth (">", "> >", ">>"),
 *    markers removed from the text; an empty quoted line inside a quote
 *    is an empty line of its text. The depth goes to fields.quote_depths,
 *    which has one number per segment (0 for segments that are not
 *    quotes);
 *  - signature: the lines after a "-- " line, up to the end of the part,
 *    a quote, a forward mark ("-----Original Message-----") or Mailman's
 *    attachment stubs; at most 20 non-blank lines,
 *    else the delimiter was not one and the lines stay paragraphs. Also a
 *    legal disclaimer, from its first line to the same ends (at most 30
 *    lines): the last paragraphs of the part, after some text, the first
 *    of them opening as a disclaimer ("This e-mail …", "DISCLAIMER",
 *    "Confidentiality notice") and speaking of its intended recipient or
 *    addressee, the others opening as disclaimers too. Two short mails
 *    from one firm share their disclaimer, not what they say.
 *
 * Mailman's "next part" separators and list footers are boilerplate (a
 * footer gives the list name); its "attachment was scrubbed" stubs become
 * entries of fields.attachments and are claimed as that field. A line
 * ">From " outside quoted text is an mbox escape of "From " (Mailman
 * writes mboxo) and is read as "From ...".
 *
 * Lines of format=flowed parts (RFC 3676) are joined first, by pm_flowed:
 * its tests of which lines may be joined are the ones the segmentation
 * uses, so that a joined line never hides a quote depth, a signature
 * delimiter, a separator or a footer from it.
 */
#include <stdlib.h>

#include "pipermail.h"

#define MAX_SIGNATURE_LINES 20
#define MAX_DISCLAIMER_LINES 30

enum { OPEN_NONE = 0, OPEN_PARA, OPEN_QUOTE, OPEN_ATTRIBUTION };

typedef struct seg {
	pm_ctx *ctx;
	unsigned flags;
	size_t first, end;
	int open;
	int depth;
	uint64_t s0, s1;
	size_t pending;  /* empty quoted lines waiting to see whether the quote goes on */
	uint64_t p0, p1; /* their span */
	int original;    /* after Outlook's "-----Original Message-----": quoted */
} seg;

typedef struct text {
	const char *s;
	size_t n; /* trailing white space (and CR) excluded */
} text;

/* Bytes of white space at s[i]: ASCII white space, or U+00A0 (no-break
 * space, which mail pasted from web pages is full of). */
static size_t space_at(const char *s, size_t n, size_t i)
{
	if (pm_is_ws(s[i]))
		return 1;
	return (unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0 ? 2 : 0;
}

/* Leading white space of s[0..n). */
static size_t lead_space(const char *s, size_t n)
{
	size_t i = 0, w;
	while (i < n && (w = space_at(s, n, i)))
		i += w;
	return i;
}

/* The length of s[0..n) without trailing white space, no-break spaces
 * included. */
static size_t trim_end(const char *s, size_t n)
{
	for (;;) {
		if (n && pm_is_ws(s[n - 1]))
			n--;
		else if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xA0)
			n -= 2;
		else
			return n;
	}
}

/* Line i without trailing white space (trimmed once, as the segmentation
 * begins: the tests below ask for a line several times). */
static text line_at(const seg *g, size_t i)
{
	const pm_line *l = &g->ctx->lines[i];
	return (text){pm_line_text(g->ctx, l), l->trimmed};
}

static int exact(const seg *g, size_t i)
{
	return g->ctx->lines[i].area == 0;
}

/* Input offset of byte k of line i's text (the line's start when the
 * line is decoded text). */
static uint64_t at(const seg *g, size_t i, size_t k)
{
	const pm_line *l = &g->ctx->lines[i];
	return l->src + (exact(g, i) ? k : 0);
}

/* Input offset after byte k of line i's text. */
static uint64_t after(const seg *g, size_t i, size_t k)
{
	const pm_line *l = &g->ctx->lines[i];
	return exact(g, i) ? l->src + k : l->src + l->src_len;
}

static void claim_lines(seg *g, igt_claim_kind kind, size_t from, size_t to)
{
	if (to <= from)
		return;
	uint64_t a = g->ctx->lines[from].src;
	const pm_line *last = &g->ctx->lines[to - 1];
	uint64_t b = last->src + last->src_len;
	if (b > a)
		igt_doc_claim(g->ctx->doc, kind, a, b - a);
}

/* Line i, blank as text, claimed when its input is not blank to a reader
 * of it: encoded white space ("=20", a base64 line) and no-break spaces. */
static void claim_blank(seg *g, size_t i)
{
	const pm_line *l = &g->ctx->lines[i];
	if ((g->flags & PM_SEG_ENCODED) || !pm_blank(pm_line_text(g->ctx, l), l->len))
		claim_lines(g, IGT_CLAIM_BOILERPLATE, i, i + 1);
}

static void add_segment(pm_ctx *ctx, const char *type, int depth, uint64_t s0, uint64_t s1)
{
	igt_span span = {s0, s1 > s0 ? s1 - s0 : 0};
	igt_doc_add_segment(ctx->doc, type, ctx->scratch.data ? ctx->scratch.data : "",
	                    ctx->scratch.len, span);
	if (depth >= 0 && depth < 4) {
		if (!ctx->depths[depth])
			ctx->depths[depth] = json_integer(depth);
		json_array_append(ctx->quote_depths, ctx->depths[depth]);
	} else {
		json_array_append_new(ctx->quote_depths, json_integer(depth));
	}
}

static void close_open(seg *g)
{
	pm_ctx *ctx = g->ctx;
	if (g->pending && g->p1 > g->p0)
		igt_doc_claim(ctx->doc, IGT_CLAIM_BOILERPLATE, g->p0, g->p1 - g->p0);
	g->pending = 0;
	if (g->open == OPEN_PARA)
		add_segment(ctx, "paragraph", 0, g->s0, g->s1);
	else if (g->open == OPEN_QUOTE)
		add_segment(ctx, "quote", g->depth, g->s0, g->s1);
	else if (g->open == OPEN_ATTRIBUTION)
		add_segment(ctx, "attribution", 0, g->s0, g->s1);
	g->open = OPEN_NONE;
	ctx->scratch.len = 0;
}

/* ---- line kinds ---- */

/* Depth of a quote prefix and the bytes it takes (markers, the spaces
 * between them, and one space after); 0 when the line is not quoted. */
static int quote_prefix(text t, size_t *skip)
{
	if (!t.n || t.s[0] != '>')
		return 0;
	size_t i = 0;
	int depth = 0;
	while (i < t.n) {
		if (t.s[i] == '>') {
			depth++;
			i++;
		} else if (t.s[i] == ' ' && i + 1 < t.n && t.s[i + 1] == '>') {
			i++;
		} else {
			break;
		}
	}
	if (i < t.n && t.s[i] == ' ')
		i++;
	*skip = i;
	return depth;
}

static int is_from_escape(text t)
{
	return t.n >= 6 && memcmp(t.s, ">From ", 6) == 0;
}

int pm_is_next_part(const char *s, size_t n)
{
	pm_trim(&s, &n);
	if (n < 19 || memcmp(s, "-----", 5) != 0 || memcmp(s + n - 5, "-----", 5) != 0)
		return 0;
	size_t a = 0, b = n;
	while (a < b && (s[a] == '-' || s[a] == ' '))
		a++;
	while (b > a && (s[b - 1] == '-' || s[b - 1] == ' '))
		b--;
	return b - a == 9 && memcmp(s + a, "next part", 9) == 0;
}

static int is_sig_delimiter(text t)
{
	return t.n == 2 && t.s[0] == '-' && t.s[1] == '-';
}

/* Mailman's scrubber stubs and the type each one implies. */
static const struct stub {
	const char *prefix;
	const char *type;
	int needs_fields; /* a "Key: value" line must follow */
} stubs[] = {
    {"A non-text attachment was scrubbed...", NULL, 1},
    {"An HTML attachment was scrubbed...", "text/html", 1},
    {"An embedded and charset-unspecified text was scrubbed...", "text/plain", 1},
    {"An embedded message was scrubbed...", "message/rfc822", 1},
    {"A message part incompatible with plain text digests has been removed", NULL, 1},
    {"Skipped content of type ", NULL, 0},
};

static const char *const stub_keys[] = {"Name", "Type",    "Size", "Desc", "URL",
                                        "From", "Subject", "Date", NULL};

/* The key of a stub's "Key: value" line (index into stub_keys), or -1. */
static int stub_key(text t, size_t *value)
{
	for (int k = 0; stub_keys[k]; k++) {
		size_t kl = strlen(stub_keys[k]);
		if (t.n <= kl || !pm_iprefix(t.s, t.n, stub_keys[k]))
			continue;
		size_t i = kl;
		while (i < t.n && t.s[i] == ' ')
			i++;
		if (i < t.n && t.s[i] == ':') {
			i++;
			while (i < t.n && (t.s[i] == ' ' || t.s[i] == '\t'))
				i++;
			*value = i;
			return k;
		}
	}
	return -1;
}

static int stub_at(const seg *g, size_t i)
{
	text t = line_at(g, i);
	for (size_t k = 0; k < sizeof(stubs) / sizeof(stubs[0]); k++) {
		if (!pm_iprefix(t.s, t.n, stubs[k].prefix))
			continue;
		if (!stubs[k].needs_fields)
			return (int)k;
		size_t v;
		if (i + 1 < g->end && stub_key(line_at(g, i + 1), &v) >= 0)
			return (int)k;
	}
	return -1;
}

/* "Listname mailing list" (Mailman 3 adds " -- address"): the name's length. */
static size_t list_line(text t)
{
	static const char tail[] = " mailing list";
	size_t tl = sizeof(tail) - 1;
	for (size_t i = 1; i + tl <= t.n; i++) {
		if (!pm_iprefix(t.s + i, t.n - i, tail))
			continue;
		size_t rest = i + tl;
		if (rest == t.n || pm_iprefix(t.s + rest, t.n - rest, " --"))
			return i;
	}
	return 0;
}

static int is_underscores(text t)
{
	const char *s = t.s;
	size_t n = t.n;
	pm_trim(&s, &n);
	if (n < 10)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '_')
			return 0;
	return 1;
}

static int footer_at(const seg *g, size_t i)
{
	return is_underscores(line_at(g, i)) && i + 1 < g->end && list_line(line_at(g, i + 1));
}

/* The page form's navigation lines ("Previous message: ...", "Messages
 * sorted by: [ date ] ..."), with or without a list bullet. */
static int is_nav(text t)
{
	static const char *const nav[] = {"Previous message", "Next message",
	                                  "Messages sorted by:", NULL};
	const char *s = t.s;
	size_t n = t.n;
	pm_trim(&s, &n);
	if (n >= 2 && (s[0] == '*' || s[0] == '-') && s[1] == ' ') {
		s += 2;
		n -= 2;
	} else if (n >= 4 && memcmp(s, "\xE2\x80\xA2 ", 4) == 0) {
		s += 4;
		n -= 4;
	}
	for (int k = 0; nav[k]; k++) {
		if (!pm_iprefix(s, n, nav[k]))
			continue;
		if (k == 2)
			return 1;
		size_t l = strlen(nav[k]);
		const char *r = s + l;
		size_t rn = n - l;
		if (rn && r[0] == ':')
			return 1;
		if (pm_iprefix(r, rn, " (by thread):"))
			return 1;
	}
	return 0;
}

/* "More information about the X mailing list": X's offset and length. */
static int more_info(text t, size_t *name, size_t *len)
{
	static const char head[] = "More information about the ";
	size_t hl = sizeof(head) - 1;
	if (!pm_iprefix(t.s, t.n, head))
		return 0;
	text rest = {t.s + hl, t.n - hl};
	size_t l = list_line(rest);
	if (!l)
		return 0;
	*name = hl;
	*len = l;
	return 1;
}

/* ---- blocks ---- */

static void set_footer_list(pm_ctx *ctx, const char *s, size_t n)
{
	pm_trim(&s, &n);
	if (!n || ctx->footer_list)
		return;
	ctx->footer_list = igt_strndup(s, n);
}

/* A list footer from line i to the next blank line: boilerplate. */
static size_t footer(seg *g, size_t i)
{
	text name = line_at(g, i + 1);
	set_footer_list(g->ctx, name.s, list_line(name));
	size_t k = i + 2;
	while (k < g->end && line_at(g, k).n && !pm_is_next_part(line_at(g, k).s, line_at(g, k).n))
		k++;
	claim_lines(g, IGT_CLAIM_BOILERPLATE, i, k);
	return k;
}

static json_t *stub_value(pm_ctx *ctx, text t, size_t v)
{
	const char *s = t.s + v;
	size_t n = t.n - v;
	pm_trim(&s, &n);
	if (!n || pm_ieq(s, n, "not available"))
		return json_null();
	return igt_doc_json_string(ctx->doc, s, n);
}

/* A scrubbed-attachment stub at line i: returns the line after it. */
static size_t stub(seg *g, size_t i, int kind)
{
	pm_ctx *ctx = g->ctx;
	json_t *o = json_object();
	pm_json_set(o, "name", json_null());
	const char *type = stubs[kind].type;
	text first = line_at(g, i);
	if (!type && !stubs[kind].needs_fields) {
		size_t pl = strlen(stubs[kind].prefix);
		pm_json_set(o, "type", stub_value(ctx, first, pl));
	} else {
		pm_json_set(o, "type", type ? json_string(type) : json_null());
	}
	pm_json_set(o, "size", json_null());
	pm_json_set(o, "description", json_null());
	pm_json_set(o, "url", json_null());
	size_t k = i + 1, v;
	int key;
	while (k < g->end && (key = stub_key(line_at(g, k), &v)) >= 0) {
		text t = line_at(g, k);
		const char *s = t.s + v;
		size_t n = t.n - v;
		pm_trim(&s, &n);
		switch (key) {
		case 0: pm_json_set(o, "name", stub_value(ctx, t, v)); break;
		case 1: pm_json_set(o, "type", stub_value(ctx, t, v)); break;
		case 2: {
			/* "4587 bytes" */
			json_int_t size = 0;
			size_t d = 0;
			while (d < n && s[d] >= '0' && s[d] <= '9' && d < 18)
				size = size * 10 + (s[d++] - '0');
			if (d && (d == n || pm_ieq(s + d, n - d, " bytes")))
				pm_json_set(o, "size", json_integer(size));
			break;
		}
		case 3: pm_json_set(o, "description", stub_value(ctx, t, v)); break;
		case 4:
			if (n >= 2 && s[0] == '<' && s[n - 1] == '>') {
				s++;
				n -= 2;
			}
			pm_json_set(o, "url",
			                    n ? igt_doc_json_string(ctx->doc, s, n) : json_null());
			break;
		default: {
			/* From, Subject, Date of an embedded message */
			char key_name[8];
			size_t kl = strlen(stub_keys[key]);
			for (size_t c = 0; c <= kl; c++)
				key_name[c] = (char)pm_lower((unsigned char)stub_keys[key][c]);
			pm_json_set(o, key_name, stub_value(ctx, t, v));
		}
		}
		k++;
	}
	json_array_append_new(ctx->attachments, o);
	claim_lines(g, IGT_CLAIM_FIELD, i, k);
	return k;
}

static int stops_signature(const seg *g, size_t k)
{
	text t = line_at(g, k);
	size_t skip, name, len;
	if (pm_is_next_part(t.s, t.n) || stub_at(g, k) >= 0 || footer_at(g, k) ||
	    quote_prefix(t, &skip) || pm_forward_mark(t.s, t.n))
		return 1; /* also Outlook's "-----Original Message-----" below it */
	if ((g->flags & PM_SEG_PAGE) && (is_nav(t) || more_info(t, &name, &len)))
		return 1;
	/* An attribution ("On ..., X wrote:") before a quote. */
	return t.n && t.s[t.n - 1] == ':' && k + 1 < g->end &&
	       quote_prefix(line_at(g, k + 1), &skip);
}

/* The end of a signature starting at the delimiter line i, or 0 when the
 * block is too long to be one. */
static size_t signature_end(const seg *g, size_t i)
{
	size_t k = i + 1, lines = 0;
	while (k < g->end && !stops_signature(g, k)) {
		if (line_at(g, k).n && ++lines > MAX_SIGNATURE_LINES)
			return 0;
		k++;
	}
	return k;
}

/* A signature whose span starts at line i and whose text is lines
 * first (i, or i + 1 after a delimiter) to end. */
static void signature(seg *g, size_t i, size_t first, size_t end)
{
	pm_ctx *ctx = g->ctx;
	ctx->scratch.len = 0;
	size_t last = 0, blank_run = 0;
	for (size_t k = first; k < end; k++) {
		text t = line_at(g, k);
		if (!t.n) {
			if (ctx->scratch.len)
				blank_run++;
			continue;
		}
		size_t lead = (size_t)ctx->lines[k].stuffed;
		if (!ctx->scratch.len)
			lead = lead_space(t.s, t.n);
		else
			for (size_t b = 0; b <= blank_run; b++)
				igt_buf_addc(&ctx->scratch, '\n');
		blank_run = 0;
		igt_buf_add(&ctx->scratch, t.s + lead, t.n - lead);
		last = k;
	}
	/* Blank lines after its text stay out of its span; encoded ones are
	 * claimed as blank lines between segments are. */
	for (size_t k = ctx->scratch.len ? last + 1 : first; k < end; k++)
		claim_blank(g, k);
	if (!ctx->scratch.len) {
		claim_lines(g, IGT_CLAIM_BOILERPLATE, i, i + 1); /* a lone delimiter */
		return;
	}
	add_segment(ctx, "signature", 0, at(g, i, 0), after(g, last, line_at(g, last).n));
	ctx->scratch.len = 0;
}

/* How legal disclaimers open, in lower case. */
static const char *const disclaimer_openers[] = {
	"disclaimer",
	"confidentiality",
	"confidential",
	"legal notice",
	"important notice",
	"important:",
	"notice:",
	"caution:",
	"privileged",
	"this e-mail",
	"this email",
	"this message",
	"this communication",
	"this transmission",
	"the information contained",
	"the information in this",
	"the contents of this",
	"please consider the environment",
	NULL,
};

/* What a disclaimer says, in lower case: one must be in its paragraph. */
static const char *const disclaimer_words[] = {
	"intended recipient", "intended solely", "intended only", "addressee",
	"environment before printing", NULL,
};

/* Whether s[0..n) holds word (lower case), in any case. */
static int icontains(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);
	for (size_t i = 0; i + w <= n; i++)
		if (pm_lower((unsigned char)s[i]) == word[0] && pm_iprefix(s + i, n - i, word))
			return 1;
	return 0;
}

/* Whether the paragraph at line i (to the next blank line, at most
 * MAX_DISCLAIMER_LINES) holds one of the disclaimer words, also split
 * across a line end ("intended" / "recipient"). */
static int disclaimer_words_in(const seg *g, size_t i)
{
	text prev = {"", 0};
	for (size_t k = i; k < g->end && k < i + MAX_DISCLAIMER_LINES; k++) {
		text t = line_at(g, k);
		if (!t.n)
			break;
		char join[64];
		size_t a = prev.n > 30 ? 30 : prev.n, b = t.n > 30 ? 30 : t.n;
		memcpy(join, prev.s + prev.n - a, a);
		join[a] = ' ';
		memcpy(join + a + 1, t.s, b);
		for (size_t w = 0; disclaimer_words[w]; w++)
			if (icontains(t.s, t.n, disclaimer_words[w]) ||
			    (prev.n && icontains(join, a + 1 + b, disclaimer_words[w])))
				return 1;
		prev = t;
	}
	return 0;
}

/* Whether a line before i in the part has text: a disclaimer follows
 * what the message says. */
static int text_before(const seg *g, size_t i)
{
	for (size_t k = i; k > g->first; k--)
		if (line_at(g, k - 1).n)
			return 1;
	return 0;
}

/* Whether line t opens as a disclaimer does. */
static int disclaimer_opens(text t)
{
	size_t a = 0;
	while (a < t.n && (t.s[a] == '*' || t.s[a] == '[' || t.s[a] == '=' || t.s[a] == ' '))
		a++;
	/* Every opener starts with one of these letters: most lines with
	 * none of them are done with one test. */
	if (a == t.n)
		return 0;
	switch (pm_lower((unsigned char)t.s[a])) {
	case 'd':
	case 'c':
	case 'l':
	case 'i':
	case 'n':
	case 'p':
	case 't': break;
	default: return 0;
	}
	for (size_t k = 0; disclaimer_openers[k]; k++)
		if (pm_iprefix(t.s + a, t.n - a, disclaimer_openers[k]))
			return 1;
	return 0;
}

/* The end of a legal disclaimer whose first line is i, or 0 when the
 * paragraph there is not one. */
static size_t disclaimer_end(const seg *g, size_t i)
{
	text t = line_at(g, i);
	if (!disclaimer_opens(t) || !text_before(g, i) || !disclaimer_words_in(g, i))
		return 0;
	/* The last words of the message: after it only blank lines, more
	 * paragraphs that open as disclaimers ("Please consider the
	 * environment …"), and what ends a signature. A paragraph of the
	 * message that speaks of its intended recipients goes on to more. */
	size_t k = i, lines = 0;
	int in_para = 1;
	while (k < g->end && !stops_signature(g, k)) {
		text l = line_at(g, k);
		if (!l.n)
			in_para = 0;
		else if (!in_para && !disclaimer_opens(l))
			return 0;
		else
			in_para = 1;
		if (l.n && ++lines > MAX_DISCLAIMER_LINES)
			return 0;
		k++;
	}
	return k;
}

/* Whether the nearest non-blank line before or after i (within the part)
 * is quoted: then ">From " is a quoted line, not an mbox escape. */
static int quote_context(const seg *g, size_t i)
{
	size_t skip;
	for (size_t k = i; k-- > g->first;) {
		text t = line_at(g, k);
		if (!t.n)
			continue;
		if (quote_prefix(t, &skip) && !is_from_escape(t))
			return 1;
		break;
	}
	for (size_t k = i + 1; k < g->end; k++) {
		text t = line_at(g, k);
		if (!t.n)
			continue;
		return quote_prefix(t, &skip) && !is_from_escape(t);
	}
	return 0;
}

/* Line i, whose text (line_at) is t, as text from byte from on. */
static void text_line(seg *g, size_t i, text t, size_t from)
{
	pm_ctx *ctx = g->ctx;
	if (g->open != OPEN_PARA) {
		close_open(g);
		size_t lead = from + lead_space(t.s + from, t.n - from);
		g->open = OPEN_PARA;
		g->s0 = at(g, i, lead == from ? 0 : lead); /* an escape's '>' belongs to the span */
		igt_buf_add(&ctx->scratch, t.s + lead, t.n - lead);
	} else {
		if (ctx->lines[i].stuffed)
			from = 1;
		igt_buf_addc(&ctx->scratch, '\n');
		igt_buf_add(&ctx->scratch, t.s + from, t.n - from);
	}
	g->s1 = after(g, i, t.n);
}

/* Line i, whose text (line_at) is t, as quoted text after its markers. */
static void quote_line(seg *g, size_t i, text t, int depth, size_t skip)
{
	pm_ctx *ctx = g->ctx;
	const char *c = t.s + skip;
	size_t cn = t.n - skip;
	if (lead_space(c, cn) == cn) {
		if (g->open == OPEN_QUOTE) {
			if (!g->pending)
				g->p0 = at(g, i, 0);
			g->pending++;
			g->p1 = after(g, i, t.n);
		} else {
			close_open(g);
			claim_lines(g, IGT_CLAIM_BOILERPLATE, i, i + 1);
		}
		return;
	}
	if (g->open == OPEN_QUOTE && g->depth == depth) {
		for (size_t k = 0; k <= g->pending; k++)
			igt_buf_addc(&ctx->scratch, '\n');
		g->pending = 0;
	} else {
		close_open(g);
		g->open = OPEN_QUOTE;
		g->depth = depth;
		g->s0 = at(g, i, 0);
		size_t lead = lead_space(c, cn);
		c += lead;
		cn -= lead;
	}
	igt_buf_add(&ctx->scratch, c, cn);
	g->s1 = after(g, i, t.n);
}

/* Outlook's "-----Original Message-----": what follows to the end of the
 * part is the message replied to, quoted without '>' (so a reply's own
 * words are told from it, and two replies to one message are not one). */
static int original_mark(text t)
{
	const char *s = t.s;
	size_t n = t.n;
	pm_trim(&s, &n);
	size_t a = 0, b = n;
	while (a < n && s[a] == '-')
		a++;
	while (b > a && s[b - 1] == '-')
		b--;
	if (a < 2 || n - b < 2)
		return 0;
	const char *m = s + a;
	size_t mn = b - a;
	pm_trim(&m, &mn);
	return pm_ieq(m, mn, "Original Message");
}

/* A line of text: after Outlook's original-message mark, a line of the
 * message replied to (a quote of depth 1, without '>'). */
static void plain_line(seg *g, size_t i, text t)
{
	if (g->original)
		quote_line(g, i, t, 1, 0);
	else
		text_line(g, i, t, 0);
}

/* ---- attributions: "On Tue, 6 Mar 2018, Jane Doe <jane@…> wrote:" ---- */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The last word of an attribution, in the languages of mail clients. */
#define WORD(s) {s, sizeof(s) - 1}
static const struct attribution_word {
	const char *s;
	size_t n;
} attribution_verbs[] = {
    WORD("wrote"),
    WORD("writes"),
    WORD("said"),
    WORD("says"),
    WORD("schrieb"),
    WORD("\xc3\xa9" "crit"), /* écrit */
    WORD("escribi\xc3\xb3"),
    WORD("escreveu"),
    WORD("scrisse"),
    WORD("schreef"),
    WORD("skrev"),
    WORD("kirjoitti"),
    WORD("napisa\xc5\x82"),
    WORD("napisa\xc5\x82" "a"),
    WORD("napisa\xc5\x82(a)"),
    WORD("\xd0\xbd\xd0\xb0\xd0\xbf\xd0\xb8\xd1\x81\xd0\xb0\xd0\xbb"),             /* написал */
    WORD("\xd0\xbd\xd0\xb0\xd0\xbf\xd0\xb8\xd1\x81\xd0\xb0\xd0\xbb\xd0\xb0"),   /* написала */
    WORD("\xd0\xbd\xd0\xb0\xd0\xbf\xd0\xb8\xd1\x81\xd0\xb0\xd0\xbb(\xd0\xb0)"), /* написал(а) */
    WORD("\xe5\x86\x99\xe9\x81\x93"), /* 写道, written without a space before it */
};

/* How mail clients open an attribution that they wrap over lines. */
static const struct attribution_word attribution_openers[] = {
    WORD("On "),  WORD("Le "),  WORD("Am "),  WORD("El "),      WORD("Em "),
    WORD("Il "),  WORD("Op "),  WORD("Den "), WORD("Dne "),     WORD("W dniu "),
    WORD("\xd0\x92 "), /* В */
    WORD("\xe5\x9c\xa8"),    /* 在 */
};

/* Whether t opens as attribution_openers do; by its first byte first, as
 * every text line is asked. */
static int opens_attribution(text t)
{
	if (!t.n)
		return 0;
	switch ((unsigned char)t.s[0]) {
	case 'O':
	case 'L':
	case 'A':
	case 'E':
	case 'I':
	case 'D':
	case 'W':
	case 0xd0:
	case 0xe5: break;
	default: return 0;
	}
	for (size_t o = 0; o < sizeof(attribution_openers) / sizeof(*attribution_openers); o++) {
		const struct attribution_word *op = &attribution_openers[o];
		if (t.n > op->n && memcmp(t.s, op->s, op->n) == 0)
			return 1;
	}
	return 0;
}

/* Whether one of attribution_verbs ends at e in s, standing as a word of
 * its own ("…> wrote", "schrieb Hans"; CJK verbs need no space). */
static int verb_ends_at(const char *s, size_t e)
{
	for (size_t v = 0; v < sizeof(attribution_verbs) / sizeof(*attribution_verbs); v++) {
		const char *w = attribution_verbs[v].s;
		size_t wn = attribution_verbs[v].n;
		/* The last byte first: it tells most verbs apart at once. */
		if (wn > e || pm_lower((unsigned char)s[e - 1]) != pm_lower((unsigned char)w[wn - 1]) ||
		    !pm_ieq(s + e - wn, wn, w))
			continue;
		unsigned char before = wn < e ? (unsigned char)s[e - wn - 1] : ' ';
		if ((unsigned char)w[0] >= 0xe0 || strchr(" \t>,\"')", before))
			return 1;
	}
	return 0;
}

/* Where the colon ending t begins (':' or the full-width '：'), or 0. */
static size_t colon_end(text t)
{
	if (t.n >= 3 && memcmp(t.s + t.n - 3, "\xef\xbc\x9a", 3) == 0)
		return t.n - 3;
	return t.n && t.s[t.n - 1] == ':' ? t.n - 1 : 0;
}

/* Whether t holds an attribution verb as a word followed by a blank. */
static int verb_inside(text t)
{
	for (size_t e = 1; e < t.n; e++)
		if ((t.s[e] == ' ' || t.s[e] == '\t') && verb_ends_at(t.s, e))
			return 1;
	return 0;
}

/* Whether s[0..n) holds a time of day ("05:20"). */
static int holds_time(const char *s, size_t n)
{
	for (size_t k = 1; k + 2 < n; k++)
		if (s[k] == ':' && is_digit(s[k - 1]) && is_digit(s[k + 1]) && is_digit(s[k + 2]))
			return 1;
	return 0;
}

/* Attributions that name no verb: Gmail's in other languages than
 * English, "2016-04-14 11:06 GMT+02:00 Jesus M. Gonzalez-Barahona <jgb at
 * example.com>:" (a date first, an address in brackets last), and
 * mutt's "Michal Pasternak [Mon, Jun 21, 2004 at 05:20:39AM +0200]:" (a
 * name, then the date and time in square brackets). */
static int verbless_line(text t)
{
	size_t colon = colon_end(t);
	if (t.n < 16 || !colon)
		return 0;
	if (t.s[colon - 1] == ']') {
		const char *open = memchr(t.s, '[', colon);
		return open && open > t.s && holds_time(open, (size_t)(t.s + colon - open));
	}
	if (t.s[colon - 1] != '>' || !is_digit(t.s[0]) || !is_digit(t.s[3]) || t.s[4] != '-')
		return 0;
	const char *open = NULL;
	for (size_t k = colon - 1; k-- > 0 && !open;)
		if (t.s[k] == '<')
			open = t.s + k;
	if (!open)
		return 0;
	size_t an = (size_t)(t.s + colon - 1 - open);
	return memchr(open, '@', an) || pm_memmem(open, an, " at ", 4);
}

/* An attribution from line i right before a quote (a blank line may come
 * between): a line whose verb ends it before a colon ("…> wrote:"); or up
 * to three lines that a client wrapped, the first opening as clients open
 * them ("On Mon, …", "Am …"), the last ending with a colon, the verb
 * last or anywhere ("Am 05.03.2018 um 10:00 schrieb Hans Müller:"). A
 * text line before it ("Thanks.") is not part of it. The line after it,
 * or 0 when there is none. */
static size_t attribution_end(const seg *g, size_t i)
{
	size_t skip, bytes = 0;
	text t = line_at(g, i);
	int opens = opens_attribution(t), verb = 0;
	if (!opens && !colon_end(t))
		return 0; /* the quick test: most lines are neither */
	for (size_t j = i; j < g->end && j < i + (opens ? 3 : 1); j++) {
		t = line_at(g, j);
		bytes += t.n;
		if (!t.n || t.s[0] == '>' || bytes > 300)
			return 0;
		size_t colon = colon_end(t);
		while (colon && (t.s[colon - 1] == ' ' || t.s[colon - 1] == '\t'))
			colon--;
		verb |= opens && verb_inside(t);
		if (!colon || !(verb_ends_at(t.s, colon) || verb || (j == i && verbless_line(t))))
			continue;
		size_t k = j + 1;
		if (k < g->end && !line_at(g, k).n)
			k++;
		text next = k < g->end ? line_at(g, k) : (text){NULL, 0};
		return next.n && quote_prefix(next, &skip) && !is_from_escape(next) ? j + 1 : 0;
	}
	return 0;
}

/* Lines i to end (exclusive) as an attribution segment. */
static void attribution(seg *g, size_t i, size_t end)
{
	close_open(g);
	for (size_t k = i; k < end; k++)
		text_line(g, k, line_at(g, k), 0);
	g->open = OPEN_ATTRIBUTION;
	close_open(g);
}

/* Line i as text, or an attribution that begins there: the next line. */
static size_t text_or_attribution(seg *g, size_t i, text t)
{
	size_t end = g->original ? 0 : attribution_end(g, i);
	if (end) {
		attribution(g, i, end);
		return end;
	}
	plain_line(g, i, t);
	return i + 1;
}

/* ---- format=flowed (RFC 3676) ---- */

/* A line as format=flowed reads it. */
typedef struct flow {
	int depth;      /* quote depth, as the segmentation counts it */
	size_t content; /* where the content starts: after the quote markers and
	                 * the space after them, or after a stuffing space */
	int soft;       /* ends with a space: the paragraph goes on */
	int stop;       /* joined to nothing: blank, "-- ", a separator */
} flow;

static flow flow_at(const pm_ctx *ctx, size_t i)
{
	const pm_line *l = &ctx->lines[i];
	const char *s = pm_line_text(ctx, l);
	size_t n = l->len;
	flow f = {0, 0, 0, 0};
	if (n && s[0] == '>')
		f.depth = quote_prefix((text){s, n}, &f.content);
	else if (n && s[0] == ' ')
		f.content = 1;
	text c = {s + f.content, trim_end(s + f.content, n - f.content)};
	/* A blank line still ends its paragraph (mailers leave a space
	 * before one); the signature's delimiter, Mailman's separators and
	 * footer and the marks of forwarded messages must stay lines of
	 * their own to be found. */
	f.stop = !c.n || is_sig_delimiter(c) ||
	         ((c.s[0] == '-' || c.s[0] == '_' || c.s[0] == 'B') &&
	          (pm_is_next_part(c.s, c.n) || is_underscores(c) || pm_forward_mark(c.s, c.n)));
	f.soft = !f.stop && s[n - 1] == ' ';
	return f;
}

/* Line i with its stuffing space undone; a line that would then start
 * with '>' keeps it in its bytes (it is not a quote) and is marked. */
static pm_line unstuffed(const pm_ctx *ctx, size_t i, const flow *f)
{
	pm_line l = ctx->lines[i];
	if (f->depth || !f->content || f->stop)
		return l;
	if (pm_line_text(ctx, &l)[1] == '>') {
		l.stuffed = 1;
		return l;
	}
	l.pos++;
	l.len--;
	if (!l.area) {
		l.src++;
		l.src_len--;
	}
	return l;
}

size_t pm_flowed(pm_ctx *ctx, size_t first, size_t n, int delsp)
{
	size_t out = first, end = first + n;
	flow f = {0, 0, 0, 0}, next = f;
	int have_next = 0;
	for (size_t i = first; i < end;) {
		if (!have_next)
			f = flow_at(ctx, i);
		have_next = 0;
		/* The lines i to j (exclusive) are one line. */
		size_t j = i + 1, bytes = ctx->lines[i].len;
		for (flow last = f; last.soft && j < end; j++) {
			next = flow_at(ctx, j);
			have_next = 1;
			if (next.stop || next.depth != f.depth)
				break;
			bytes += ctx->lines[j].len - next.content;
			last = next;
			have_next = 0;
		}
		pm_line l = unstuffed(ctx, i, &f);
		if (j > i + 1) {
			/* The joined text is decoded text: its span covers the
			 * lines it was joined from, line ends included. */
			igt_buf_reserve(&ctx->arena, bytes + 1);
			size_t a = ctx->arena.len;
			uint64_t src_end = l.src + l.src_len;
			for (size_t k = i; k < j; k++) {
				const pm_line *m = k == i ? &l : &ctx->lines[k];
				const char *s = pm_line_text(ctx, m);
				size_t from = k == i ? 0 : flow_at(ctx, k).content;
				size_t len = m->len - (delsp && k + 1 < j);
				igt_buf_add(&ctx->arena, s + from, len - from);
				if (m->src + m->src_len > src_end)
					src_end = m->src + m->src_len;
			}
			l.pos = a;
			l.len = ctx->arena.len - a;
			l.area = 1;
			l.src = ctx->lines[i].src;
			l.src_len = src_end - l.src;
		}
		ctx->lines[out++] = l;
		i = j;
		f = next;
	}
	return out - first;
}

/* Whether a line may be one of the special kinds, judged by its first
 * byte, so that ordinary text lines skip every other test. */
static int maybe_special(const text *t, unsigned flags)
{
	switch (t->s[0]) {
	case '-': /* next part, signature */
	case '_': /* footer */
	case 'A': /* stubs */
	case 'S':
	case ' ': /* indented footers and stubs */
	case '\t': return 1;
	default: return (flags & PM_SEG_PAGE) != 0;
	}
}

void pm_segment(pm_ctx *ctx, size_t first, size_t n, unsigned flags)
{
	seg g = {ctx, flags, first, first + n, OPEN_NONE, 0, 0, 0, 0, 0, 0, 0};
	ctx->scratch.len = 0;
	for (size_t k = first; k < g.end; k++) {
		pm_line *l = &ctx->lines[k];
		l->trimmed = trim_end(pm_line_text(ctx, l), l->len);
	}
	size_t i = first;
	while (i < g.end) {
		text t = line_at(&g, i);
		size_t skip, name, len;
		int kind, depth;
		if (!t.n) {
			close_open(&g);
			claim_blank(&g, i);
			i++;
		} else if (t.s[0] == '>') {
			depth = quote_prefix(t, &skip);
			if (is_from_escape(t) && !quote_context(&g, i))
				text_line(&g, i, t, 1);
			else
				quote_line(&g, i, t, depth, skip);
			i++;
		} else if (!maybe_special(&t, flags)) {
			if (g.open == OPEN_NONE && !g.original && (len = disclaimer_end(&g, i))) {
				signature(&g, i, i, len);
				i = len;
				continue;
			}
			i = text_or_attribution(&g, i, t);
		} else if ((flags & PM_SEG_PAGE) && is_nav(t)) {
			close_open(&g);
			claim_lines(&g, IGT_CLAIM_BOILERPLATE, i, i + 1);
			i++;
		} else if ((flags & PM_SEG_PAGE) && more_info(t, &name, &len)) {
			close_open(&g);
			set_footer_list(ctx, t.s + name, len);
			claim_lines(&g, IGT_CLAIM_BOILERPLATE, i, i + 1);
			i++;
		} else if (pm_is_next_part(t.s, t.n)) {
			close_open(&g);
			claim_lines(&g, IGT_CLAIM_BOILERPLATE, i, i + 1);
			i++;
		} else if ((kind = stub_at(&g, i)) >= 0) {
			close_open(&g);
			i = stub(&g, i, kind);
		} else if (footer_at(&g, i)) {
			close_open(&g);
			i = footer(&g, i);
		} else if (is_sig_delimiter(t) && (len = signature_end(&g, i))) {
			close_open(&g);
			signature(&g, i, i + 1, len);
			i = len;
		} else if (original_mark(t)) {
			close_open(&g);
			g.original = 1;
			quote_line(&g, i, t, 1, 0);
			i++;
		} else {
			i = text_or_attribution(&g, i, t);
		}
	}
	close_open(&g);
}
