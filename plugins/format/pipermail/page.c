/* SPDX-License-Identifier: MIT */
/*
 * The single-message page: a pipermail message page (NNNNNN.html) saved as
 * text. Its head is, in order, the subject (often left out when the page
 * is copied), the author's name, the obfuscated address ("user at
 * domain", on the name's line or its own), and the date in the ctime form
 * pipermail prints ("Sat Mar 24 13:56:31 UTC 2018"). Then may come the
 * navigation lines ("Previous message: ...", "Messages sorted by: ..."),
 * the body with Mailman's "next part" attachment stubs, more navigation,
 * and "More information about the LIST mailing list", which names the
 * list. The whole file is one document.
 */
#include <stdlib.h>

#include "pipermail.h"

#define HEAD_LINES 8

typedef struct hline {
	size_t a, b; /* the line's text, trimmed */
	size_t next; /* offset after its line end */
} hline;

static int is_word(const char *s, size_t n, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		if (n >= 3 && pm_iprefix(s, n, words[i]) && (n == 3 || s[3] == ','))
			return 1;
	return 0;
}

/* A date line: short, starting with a day or month name, a mail date. */
static int page_date(const char *s, size_t n, igt_date *d, int *zone_unknown)
{
	static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL};
	if (n > 48)
		return 0;
	size_t w = 0;
	while (w < n && s[w] != ' ' && s[w] != ',')
		w++;
	if (!is_word(s, w, days) && !igt_month_parse(s, w))
		return 0;
	return igt_date_parse_mail(d, s, n, zone_unknown) == 0;
}

/* The author line: an address at its end ("user at domain" or
 * "user@domain"), and the name before it. */
static int author(const char *s, size_t a, size_t b, size_t *name_end, size_t *addr)
{
	size_t t = b;
	while (t > a && s[t - 1] != ' ' && s[t - 1] != '\t')
		t--;
	if (t < b && memchr(s + t, '@', b - t)) {
		*addr = t;
	} else {
		/* ... user at domain */
		if (t == b || t <= a + 4 || s[t - 1] != ' ' || s[t - 2] != 't' || s[t - 3] != 'a' ||
		    (s[t - 4] != ' ' && s[t - 4] != '\t'))
			return 0;
		size_t u = t - 4;
		while (u > a && (s[u - 1] == ' ' || s[u - 1] == '\t'))
			u--;
		size_t local_end = u;
		while (u > a && s[u - 1] != ' ' && s[u - 1] != '\t')
			u--;
		if (u == local_end)
			return 0;
		*addr = u;
	}
	size_t e = *addr;
	while (e > a && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	*name_end = e;
	return 1;
}

void pm_page_head_parse(const char *s, size_t n, pm_page_head *out)
{
	memset(out, 0, sizeof(*out));
	hline lines[HEAD_LINES];
	size_t count = 0, pos = 0;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < n && count < HEAD_LINES) {
		const char *nl = memchr(s + pos, '\n', n - pos);
		size_t next = nl ? (size_t)(nl - s) + 1 : n;
		const char *t = s + pos;
		size_t tl = next - pos;
		pm_trim(&t, &tl);
		if (tl) {
			lines[count].a = (size_t)(t - s);
			lines[count].b = lines[count].a + tl;
			lines[count].next = next;
			count++;
		}
		pos = next;
	}
	for (size_t k = 1; k < count && k <= 4; k++) {
		igt_date d;
		int zu = 0;
		if (!page_date(s + lines[k].a, lines[k].b - lines[k].a, &d, &zu))
			continue;
		size_t name_end, addr;
		const hline *al = &lines[k - 1];
		if (!author(s, al->a, al->b, &name_end, &addr))
			continue;
		size_t before = k - 1; /* lines before the author line */
		out->addr = addr;
		out->addr_end = al->b;
		if (name_end > al->a) {
			out->name = al->a;
			out->name_end = name_end;
		} else if (before) {
			out->name = lines[k - 2].a;
			out->name_end = lines[k - 2].b;
			before--;
		}
		if (before > 2)
			continue; /* too much before the head to be a page */
		if (before) {
			out->subject = lines[0].a;
			out->subject_end = lines[before - 1].b;
		}
		out->date = lines[k].a;
		out->date_end = lines[k].b;
		out->body = lines[k].next;
		out->parsed = d;
		out->zone_unknown = zu;
		out->ok = 1;
		return;
	}
}

/* Read the whole input into ctx->msg. Returns the read status. */
static int slurp(pm_ctx *ctx)
{
	igt_line line;
	int rc;
	pm_msg_clear(ctx);
	ctx->msg_off = 0;
	ctx->msg_line = 1;
	while ((rc = igt_input_getline(ctx->in, &line)) == 1)
		pm_msg_add(ctx, line.text, line.len);
	return rc;
}

static void claim(pm_ctx *ctx, igt_claim_kind kind, size_t a, size_t b)
{
	if (b > a)
		igt_doc_claim(ctx->doc, kind, a, b - a);
}

/* Text of the page as UTF-8 (valid UTF-8 kept, else Windows-1252). */
static void page_text(pm_ctx *ctx, size_t a, size_t b, igt_buf *out)
{
	out->len = 0;
	igt_buf *raw = &ctx->tmp2;
	raw->len = 0;
	pm_unfold(ctx->msg.data + a, b - a, raw); /* a subject may span two lines */
	ctx->undecodable += pm_header_decode(ctx->conv, raw->data ? raw->data : "", raw->len, out);
}

static void body_lines(pm_ctx *ctx, size_t pos)
{
	pm_decoder d;
	pm_decoder_start(&d, ctx->conv, NULL, 0);
	ctx->n_lines = 0;
	ctx->arena.len = 0;
	const char *msg = ctx->msg.data;
	size_t end = ctx->msg.len;
	while (pos < end) {
		const char *s = msg + pos;
		const char *nl = memchr(s, '\n', end - pos);
		size_t next = nl ? (size_t)(nl - msg) + 1 : end;
		size_t n = pm_chomp(s, next - pos);
		if (pm_decoder_needed(&d, s, n)) {
			size_t a = ctx->arena.len;
			ctx->undecodable += pm_decode(&d, s, n, &ctx->arena);
			pm_line_add(ctx, a, ctx->arena.len - a, 1, pos, n);
		} else {
			pm_line_add(ctx, pos, n, 0, pos, n);
		}
		pos = next;
	}
}

int pm_read_page(pm_ctx *ctx)
{
	int rc = slurp(ctx);
	if (ctx->msg.len >= 3 && memcmp(ctx->msg.data, "\xEF\xBB\xBF", 3) == 0)
		ctx->bom = 3;
	pm_page_head ph;
	pm_page_head_parse(ctx->msg.data ? ctx->msg.data : "", ctx->msg.len, &ph);
	if (!ph.ok) {
		if (rc >= 0)
			igt_input_log(
			    ctx->in, IGT_LOG_ERROR,
			    "not a pipermail message page (no name, address and date lines at "
			    "its start)");
		return rc < 0 ? rc : IGT_EBADINPUT;
	}
	ctx->incomplete = rc < 0;
	pm_fields *f = &ctx->fields;
	pm_fields_reset(f);
	pm_doc_begin(ctx);
	if (ph.subject_end > ph.subject) {
		claim(ctx, IGT_CLAIM_FIELD, ph.subject, ph.subject_end);
		page_text(ctx, ph.subject, ph.subject_end, &f->subject);
		pm_subject_parts(f);
	}
	if (ph.name_end > ph.name) {
		claim(ctx, IGT_CLAIM_FIELD, ph.name, ph.name_end);
		page_text(ctx, ph.name, ph.name_end, &f->from.name);
	}
	claim(ctx, IGT_CLAIM_FIELD, ph.addr, ph.addr_end);
	const char *a = ctx->msg.data + ph.addr;
	size_t al = ph.addr_end - ph.addr;
	if (al >= 2 && a[0] == '<' && a[al - 1] == '>') {
		a++;
		al -= 2;
	}
	if (pm_utf8_valid(a, al))
		igt_buf_add(&f->from.address, a, al);
	pm_addr_unobfuscate(&f->from.address);
	if (f->from.name.len && f->from.name.len == f->from.address.len &&
	    memcmp(f->from.name.data, f->from.address.data, f->from.name.len) == 0)
		f->from.name.len = 0;
	pm_doc_author(ctx, &f->from);
	claim(ctx, IGT_CLAIM_FIELD, ph.date, ph.date_end);
	igt_doc_set(ctx->doc, IGT_DOC_DATE_TEXT, ctx->msg.data + ph.date, ph.date_end - ph.date);
	if (ph.zone_unknown)
		pm_warn(ctx, 1,
		        "unknown time zone in the date \"%.*s\": the date is kept without a "
		        "zone",
		        (int)(ph.date_end - ph.date), ctx->msg.data + ph.date);
	char iso[40];
	size_t il = igt_date_format(&ph.parsed, iso, sizeof(iso));
	if (il)
		igt_doc_set(ctx->doc, IGT_DOC_DATE, iso, il);
	body_lines(ctx, ph.body);
	pm_segment(ctx, 0, ctx->n_lines, PM_SEG_PAGE);
	if (ctx->incomplete)
		pm_warn(ctx, 1,
		        "the input could not be read to its end: the page is kept as read "
		        "and marked incomplete");
	igt_doc_set_source_span(ctx->doc, 0, ctx->msg.len);
	int erc = pm_doc_finish(ctx, f);
	return erc ? erc : rc < 0 ? rc : 0;
}
