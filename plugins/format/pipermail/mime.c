/* SPDX-License-Identifier: MIT */
/*
 * MIME: which parts of a message are its text and which are attachments,
 * and the text decoded.
 *
 * The message is walked as a tree of parts. A multipart/alternative
 * offers its text/plain child as text and its other children as
 * attachments; every other multipart offers all its children. Of the
 * leaves offered, the inline text/plain ones are the body; where there is
 * none, the inline text/html ones are, turned into text. All other leaves
 * become entries of fields.attachments (name, type, decoded size,
 * description) and their bytes are claimed as that field. Preambles,
 * epilogues, boundary lines and the headers of body parts are MIME
 * structure and are claimed as boilerplate.
 *
 * Text parts are decoded line by line into pm_line records that keep the
 * input range each line came from: quoted-printable joins soft-broken
 * lines, base64 is decoded as a whole and mapped back to its encoded
 * lines, and each line is then converted to UTF-8 (charset.c). A segment
 * of decoded text thus spans the encoded lines it came from. A part whose
 * own Content-Type says format=flowed then has its soft line breaks
 * undone (pm_flowed in body.c) before it is segmented.
 */
#include <stdlib.h>

#include "pipermail.h"

#define MAX_DEPTH    16
#define MAX_BOUNDARY 200

enum { ENC_IDENTITY = 0, ENC_QP, ENC_B64 };

/* RFC 3676: how a text part's lines flow. */
enum { FLOW_FIXED = 0, FLOW_FLOWED, FLOW_DELSP };

typedef struct pm_leaf {
	size_t hstart, bstart, bend; /* header block, body, end: message offsets */
	char type[80];
	char charset[48];
	int enc;
	int flow;    /* FLOW_*, from the part's own Content-Type */
	int attach;  /* disposition attachment, or a file name without "inline" */
	int offered; /* may be the body */
	int top;     /* the message itself, whose headers message.c claims */
} pm_leaf;

typedef struct part_info {
	char type[80];
	char charset[48];
	char boundary[MAX_BOUNDARY + 1];
	int enc;
	int flow;
	int attach;
} part_info;

static void copy_lower(char *dst, size_t size, const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < size; i++)
		dst[k++] = (char)pm_lower((unsigned char)s[i]);
	dst[k] = '\0';
}

static void claim(pm_ctx *ctx, igt_claim_kind kind, size_t from, size_t to)
{
	if (to > from)
		igt_doc_claim(ctx->doc, kind, ctx->msg_off + from, to - from);
}

/* The unfolded raw value of a header field into ctx->tmp (NULL if absent). */
static const char *field(pm_ctx *ctx, pm_headers *hs, int kind, size_t *len)
{
	pm_hdr *h = pm_headers_find(hs, kind);
	if (!h)
		return NULL;
	ctx->tmp.len = 0;
	pm_unfold(ctx->msg.data + h->val, h->val_end - h->val, &ctx->tmp);
	*len = ctx->tmp.len;
	return pm_buf_str(&ctx->tmp);
}

/* A NUL-terminated copy of a constant type name. */
static void set_type(part_info *pi, const char *type)
{
	size_t n = strlen(type); /* shorter than pi->type */
	memcpy(pi->type, type, n + 1);
}

/* What a part's headers say about it. warn: report an unknown transfer
 * encoding (off when only peeking at the type). */
static void part_info_read(pm_ctx *ctx, pm_headers *hs, int digest, int warn, part_info *pi)
{
	size_t n;
	const char *v = field(ctx, hs, PM_F_CONTENT_TYPE, &n);
	pi->charset[0] = pi->boundary[0] = '\0';
	pi->flow = FLOW_FIXED;
	set_type(pi, digest ? "message/rfc822" : "text/plain");
	if (v) {
		size_t t = 0;
		while (t < n && v[t] != ';')
			t++;
		const char *ty = v;
		size_t tl = t;
		pm_trim(&ty, &tl);
		if (tl && memchr(ty, '/', tl))
			copy_lower(pi->type, sizeof(pi->type), ty, tl);
		else if (tl && pm_ieq(ty, tl, "text"))
			set_type(pi, "text/plain");
		if (pm_header_param(ctx->conv, v, n, "charset", &ctx->tmp2, NULL))
			copy_lower(pi->charset, sizeof(pi->charset), ctx->tmp2.data, ctx->tmp2.len);
		if (pm_header_param(ctx->conv, v, n, "boundary", &ctx->tmp2, NULL) &&
		    ctx->tmp2.len <= MAX_BOUNDARY) {
			memcpy(pi->boundary, ctx->tmp2.data, ctx->tmp2.len);
			pi->boundary[ctx->tmp2.len] = '\0';
		}
		if (strncmp(pi->type, "text/", 5) == 0 &&
		    pm_header_param(ctx->conv, v, n, "format", &ctx->tmp2, NULL) &&
		    pm_ieq(ctx->tmp2.data, ctx->tmp2.len, "flowed"))
			pi->flow = pm_header_param(ctx->conv, v, n, "delsp", &ctx->tmp2, NULL) &&
			                   pm_ieq(ctx->tmp2.data, ctx->tmp2.len, "yes")
			               ? FLOW_DELSP
			               : FLOW_FLOWED;
	}
	pi->enc = ENC_IDENTITY;
	v = field(ctx, hs, PM_F_CONTENT_TRANSFER_ENCODING, &n);
	if (v && n) {
		if (pm_ieq(v, n, "quoted-printable"))
			pi->enc = ENC_QP;
		else if (pm_ieq(v, n, "base64"))
			pi->enc = ENC_B64;
		else if (warn && !pm_ieq(v, n, "7bit") && !pm_ieq(v, n, "8bit") &&
		         !pm_ieq(v, n, "binary"))
			pm_warn(ctx, ctx->msg_line,
			        "unknown transfer encoding \"%.40s\": read as 8-bit text", v);
	}
	pi->attach = 0;
	int inline_disp = 0;
	v = field(ctx, hs, PM_F_CONTENT_DISPOSITION, &n);
	if (v) {
		pi->attach = pm_iprefix(v, n, "attachment");
		inline_disp = pm_iprefix(v, n, "inline");
		if (!inline_disp && pm_header_param(ctx->conv, v, n, "filename", &ctx->tmp2, NULL))
			pi->attach = 1;
	}
	if (!pi->attach && !inline_disp) {
		v = field(ctx, hs, PM_F_CONTENT_TYPE, &n);
		if (v && pm_header_param(ctx->conv, v, n, "name", &ctx->tmp2, NULL))
			pi->attach = 1;
	}
}

static void leaf_push(pm_ctx *ctx, size_t hstart, size_t bstart, size_t bend, const part_info *pi,
                      int offered, int top)
{
	if (ctx->n_leaves == ctx->cap_leaves) {
		size_t cap = ctx->cap_leaves ? ctx->cap_leaves * 2 : 16;
		pm_leaf *l = realloc(ctx->leaves, cap * sizeof(*l));
		if (!l)
			abort();
		ctx->leaves = l;
		ctx->cap_leaves = cap;
	}
	pm_leaf *lf = &ctx->leaves[ctx->n_leaves++];
	lf->hstart = hstart;
	lf->bstart = bstart;
	lf->bend = bend;
	memcpy(lf->type, pi->type, sizeof(lf->type));
	memcpy(lf->charset, pi->charset, sizeof(lf->charset));
	lf->enc = pi->enc;
	lf->flow = pi->flow;
	lf->attach = pi->attach;
	lf->offered = offered;
	lf->top = top;
}

/* ---- multipart ---- */

/* Whether msg[pos..pos+n) is a delimiter line of boundary b: 1 for a
 * delimiter, 2 for the closing one. */
static int boundary_line(const char *s, size_t n, const char *b, size_t blen)
{
	if (n < blen + 2 || s[0] != '-' || s[1] != '-' || memcmp(s + 2, b, blen) != 0)
		return 0;
	size_t i = blen + 2;
	int closing = 0;
	if (i + 2 <= n && s[i] == '-' && s[i + 1] == '-') {
		closing = 1;
		i += 2;
	}
	return pm_blank(s + i, n - i) ? 1 + closing : 0;
}

/* Find the next delimiter line at or after pos: its start, end (after its
 * line end) and kind; 0 when none. */
static int next_boundary(const pm_ctx *ctx, size_t pos, size_t end, const char *b, size_t blen,
                         size_t *at, size_t *after)
{
	size_t line = 0;
	while (pos < end) {
		const char *s = ctx->msg.data + pos;
		size_t next = pm_msg_line_end(ctx, &line, pos, end);
		if (s[0] == '-') {
			int k = boundary_line(s, pm_chomp(s, next - pos), b, blen);
			if (k) {
				*at = pos;
				*after = next;
				return k;
			}
		}
		pos = next;
	}
	return 0;
}

static void walk(pm_ctx *ctx, size_t hstart, pm_headers *hs, size_t bend, int offered, int depth,
                 int digest, int top);

/* Read the headers of the child at [start, end) and walk it. */
static void walk_child(pm_ctx *ctx, size_t start, size_t end, int offered, int depth, int digest)
{
	pm_headers_parse(ctx, &ctx->part_headers, start, end, ctx->msg_line);
	walk(ctx, start, &ctx->part_headers, end, offered, depth, digest, 0);
}

/* The type of the child at [start, end), for choosing an alternative. */
static void child_type(pm_ctx *ctx, size_t start, size_t end, int digest, part_info *pi)
{
	pm_headers_parse(ctx, &ctx->part_headers, start, end, ctx->msg_line);
	part_info_read(ctx, &ctx->part_headers, digest, 0, pi);
}

/* Which child of a multipart/alternative is the text: the first inline
 * text/plain, else the first multipart (it may hold one), else the first
 * text/html; -1 when none. */
static int choose_alternative(pm_ctx *ctx, size_t bstart, size_t bend, const char *b, size_t blen)
{
	size_t at, after, pos = bstart;
	int k = next_boundary(ctx, pos, bend, b, blen, &at, &after);
	int index = 0, multi = -1, html = -1;
	while (k == 1) {
		size_t start = after;
		size_t nat = bend, nafter = bend;
		k = next_boundary(ctx, start, bend, b, blen, &nat, &nafter);
		part_info pi;
		child_type(ctx, start, k ? nat : bend, 0, &pi);
		if (!pi.attach && strcmp(pi.type, "text/plain") == 0)
			return index;
		if (multi < 0 && strncmp(pi.type, "multipart/", 10) == 0)
			multi = index;
		if (html < 0 && !pi.attach && strcmp(pi.type, "text/html") == 0)
			html = index;
		index++;
		after = nafter;
	}
	return multi >= 0 ? multi : html;
}

static void walk_multipart(pm_ctx *ctx, size_t bstart, size_t bend, const part_info *pi,
                           int offered, int depth)
{
	char b[MAX_BOUNDARY + 1];
	size_t blen = strlen(pi->boundary);
	memcpy(b, pi->boundary, blen + 1);
	int alternative = strcmp(pi->type, "multipart/alternative") == 0;
	int digest = strcmp(pi->type, "multipart/digest") == 0;
	int chosen = alternative && offered ? choose_alternative(ctx, bstart, bend, b, blen) : -1;
	size_t at, after;
	int k = next_boundary(ctx, bstart, bend, b, blen, &at, &after);
	claim(ctx, IGT_CLAIM_BOILERPLATE, bstart, at); /* the preamble */
	int index = 0;
	while (k == 1) {
		claim(ctx, IGT_CLAIM_BOILERPLATE, at,
		      pm_chomp(ctx->msg.data + at, after - at) + at);
		size_t start = after;
		size_t nat = bend, nafter = bend;
		k = next_boundary(ctx, start, bend, b, blen, &nat, &nafter);
		if (!k) {
			pm_warn(ctx, ctx->msg_line, "MIME part without its closing boundary");
			nat = nafter = bend;
		}
		int child_offered = offered && (!alternative || index == chosen);
		walk_child(ctx, start, nat, child_offered, depth + 1, digest);
		index++;
		at = nat;
		after = nafter;
	}
	if (k == 2) {
		claim(ctx, IGT_CLAIM_BOILERPLATE, at,
		      pm_chomp(ctx->msg.data + at, after - at) + at);
		claim(ctx, IGT_CLAIM_BOILERPLATE, after, bend); /* the epilogue */
	}
}

/* Whether a multipart body has at least one delimiter of its boundary. */
static int has_boundary(pm_ctx *ctx, size_t bstart, size_t bend, const char *b)
{
	size_t at, after;
	return *b && next_boundary(ctx, bstart, bend, b, strlen(b), &at, &after) != 0;
}

static void walk(pm_ctx *ctx, size_t hstart, pm_headers *hs, size_t bend, int offered, int depth,
                 int digest, int top)
{
	part_info pi;
	size_t bstart = hs->body;
	part_info_read(ctx, hs, digest, 1, &pi);
	if (strncmp(pi.type, "multipart/", 10) == 0) {
		if (depth < MAX_DEPTH && has_boundary(ctx, bstart, bend, pi.boundary)) {
			if (!top)
				claim(ctx, IGT_CLAIM_BOILERPLATE, hstart, bstart);
			walk_multipart(ctx, bstart, bend, &pi, offered, depth);
			return;
		}
		pm_warn(ctx, ctx->msg_line, "%s without %s: read as text", pi.type,
		        depth < MAX_DEPTH ? "its boundary" : "a sane depth");
		set_type(&pi, "text/plain");
		pi.attach = 0;
	}
	if (top && strncmp(pi.type, "text/", 5) == 0)
		pi.attach = 0; /* a message of one text part is its text, whatever its name */
	leaf_push(ctx, hstart, bstart, bend, &pi, offered, top);
}

/* ---- decoding text parts into lines ---- */

static void add_decoded(pm_ctx *ctx, pm_decoder *d, const char *s, size_t n, uint64_t src,
                        uint64_t src_len)
{
	if (n && s[n - 1] == '\r')
		n--;
	size_t a = ctx->arena.len;
	ctx->undecodable += pm_decode(d, s, n, &ctx->arena);
	pm_line_add(ctx, a, ctx->arena.len - a, 1, src, src_len);
}

static void identity_lines(pm_ctx *ctx, pm_decoder *d, size_t pos, size_t end)
{
	const char *msg = ctx->msg.data;
	/* Most bodies need no decoding anywhere: one check of the whole range
	 * (a line feed is never inside a UTF-8 sequence, so every line of a
	 * valid range is valid) instead of a call per line. */
	int decode = pm_decoder_needed(d, msg + pos, end - pos);
	size_t line = 0;
	while (pos < end) {
		const char *s = msg + pos;
		size_t next = pm_msg_line_end(ctx, &line, pos, end);
		size_t n = pm_chomp(s, next - pos);
		if (decode && pm_decoder_needed(d, s, n))
			add_decoded(ctx, d, s, n, ctx->msg_off + pos, n);
		else
			pm_line_add(ctx, pos, n, 0, ctx->msg_off + pos, n);
		pos = next;
	}
}

/* Split decoded bytes at line feeds; every piece spans [src, src+len). */
static void split_decoded(pm_ctx *ctx, pm_decoder *d, const char *s, size_t n, uint64_t src,
                          uint64_t len)
{
	for (size_t from = 0;;) {
		const char *nl = memchr(s + from, '\n', n - from);
		size_t i = nl ? (size_t)(nl - s) : n;
		add_decoded(ctx, d, s + from, i - from, src, len);
		if (i == n)
			break;
		from = i + 1;
	}
}

static void qp_decode(const char *s, size_t n, igt_buf *out)
{
	size_t run = 0;
	for (size_t i = 0; i + 2 < n; i++) {
		const char *eq = memchr(s + i, '=', n - 2 - i);
		if (!eq)
			break;
		i = (size_t)(eq - s);
		if (pm_hexval((unsigned char)s[i + 1]) >= 0 &&
		    pm_hexval((unsigned char)s[i + 2]) >= 0) {
			igt_buf_add(out, s + run, i - run);
			igt_buf_addc(out, (char)(pm_hexval((unsigned char)s[i + 1]) * 16 +
			                         pm_hexval((unsigned char)s[i + 2])));
			i += 2;
			run = i + 1;
		}
	}
	igt_buf_add(out, s + run, n - run);
}

static void qp_lines(pm_ctx *ctx, pm_decoder *d, size_t pos, size_t end)
{
	const char *msg = ctx->msg.data;
	igt_buf *dec = &ctx->tmp2;
	dec->len = 0;
	size_t lstart = pos, line = 0;
	int open = 0;
	while (pos < end) {
		const char *s = msg + pos;
		size_t next = pm_msg_line_end(ctx, &line, pos, end);
		size_t n = pm_chomp(s, next - pos), m = n;
		while (m && (s[m - 1] == ' ' || s[m - 1] == '\t'))
			m--; /* trailing white space is transport padding */
		if (!open) {
			lstart = pos;
			open = 1;
		}
		int soft = m && s[m - 1] == '=';
		qp_decode(s, soft ? m - 1 : m, dec);
		if (!soft || next >= end) {
			split_decoded(ctx, d, dec->data ? dec->data : "", dec->len,
			              ctx->msg_off + lstart, pos + n - lstart);
			dec->len = 0;
			open = 0;
		}
		pos = next;
	}
}

static void ckpt_push(pm_ctx *ctx, size_t *n, size_t dec, uint64_t src, uint64_t len)
{
	if (*n == ctx->cap_ckpt) {
		size_t cap = ctx->cap_ckpt ? ctx->cap_ckpt * 2 : 256;
		pm_ckpt *c = realloc(ctx->ckpt, cap * sizeof(*c));
		if (!c)
			abort();
		ctx->ckpt = c;
		ctx->cap_ckpt = cap;
	}
	ctx->ckpt[*n].dec = dec;
	ctx->ckpt[*n].src = src;
	ctx->ckpt[*n].src_len = len;
	(*n)++;
}

static void b64_lines(pm_ctx *ctx, pm_decoder *d, size_t pos, size_t end)
{
	const char *msg = ctx->msg.data;
	igt_buf *dec = &ctx->tmp2;
	dec->len = 0;
	size_t nck = 0;
	pm_b64 st = {0};
	size_t raw = 0;
	int raw_before = 0; /* the last line that was not blank was kept as it is */
	size_t line = 0;
	while (pos < end) {
		const char *s = msg + pos;
		size_t next = pm_msg_line_end(ctx, &line, pos, end);
		size_t n = pm_chomp(s, next - pos);
		ckpt_push(ctx, &nck, dec->len, ctx->msg_off + pos, n);
		if (st.done && !pm_blank(s, n) && !pm_b64_line(s, n)) {
			/* Text after the padding: a footer some list servers
			 * append to an encoded body. Kept as it is. */
			if (dec->len && dec->data[dec->len - 1] != '\n')
				igt_buf_addc(dec, '\n');
			if (dec->len && !raw_before)
				igt_buf_addc(dec, '\n'); /* a paragraph of its own */
			igt_buf_add(dec, s, n);
			igt_buf_addc(dec, '\n');
			raw++;
			raw_before = 1;
		} else {
			pm_b64_feed(&st, s, n, dec);
			raw_before = pm_blank(s, n) && raw_before;
		}
		pos = next;
	}
	if (raw)
		pm_warn(ctx, ctx->msg_line,
		        "%zu lines after the end of the base64 text are not base64: kept as they are",
		        raw);
	if (!nck)
		return;
	/* Each decoded line spans the encoded lines its first and last bytes
	 * came from, and the one its line feed came from when that one holds
	 * nothing else: a CRLF whose LF is all of the last encoded line
	 * ("Cg=="), or of a line of an encoder that pads each line, is the end
	 * of the line before it, white space of the text. Extending the span
	 * of that line (not claiming the line as boilerplate) keeps every
	 * encoded byte with the text it encodes, and adds no overlap with the
	 * next line's span. */
	size_t k = 0, from = 0;
	for (;;) {
		const char *nl =
		    dec->len > from ? memchr(dec->data + from, '\n', dec->len - from) : NULL;
		size_t i = nl ? (size_t)(nl - dec->data) : dec->len;
		while (k + 1 < nck && ctx->ckpt[k + 1].dec <= from)
			k++;
		size_t k2 = k, last = i > from ? i - 1 : from;
		while (k2 + 1 < nck && ctx->ckpt[k2 + 1].dec <= last)
			k2++;
		size_t k3 = k2;
		while (nl && k3 + 1 < nck && ctx->ckpt[k3 + 1].dec <= i)
			k3++;
		if (k3 > k2 && (k3 + 1 < nck ? ctx->ckpt[k3 + 1].dec : dec->len) == i + 1)
			k2 = k3;
		uint64_t src = ctx->ckpt[k].src;
		uint64_t src_end = ctx->ckpt[k2].src + ctx->ckpt[k2].src_len;
		if (i > from || i < dec->len)
			add_decoded(ctx, d, dec->data + from, i - from, src, src_end - src);
		if (i == dec->len)
			break;
		from = i + 1;
	}
}

static void text_leaf(pm_ctx *ctx, const pm_leaf *lf)
{
	pm_decoder d;
	pm_decoder_start(&d, ctx->conv, lf->charset, strlen(lf->charset));
	if (d.unknown)
		pm_warn(ctx, ctx->msg_line,
		        "unknown charset \"%s\": read as UTF-8 where valid, else as Windows-1252",
		        d.label);
	if (!lf->top)
		claim(ctx, IGT_CLAIM_BOILERPLATE, lf->hstart, lf->bstart);
	ctx->n_lines = 0;
	ctx->arena.len = 0;
	if (lf->enc == ENC_QP)
		qp_lines(ctx, &d, lf->bstart, lf->bend);
	else if (lf->enc == ENC_B64)
		b64_lines(ctx, &d, lf->bstart, lf->bend);
	else
		identity_lines(ctx, &d, lf->bstart, lf->bend);
	size_t count = ctx->n_lines;
	if (strcmp(lf->type, "text/html") == 0) {
		/* The markup is formatting; the text is in the segments. */
		claim(ctx, IGT_CLAIM_BOILERPLATE, lf->bstart, lf->bend);
		size_t n = 0, first = pm_html_to_lines(ctx, 0, count, &n);
		pm_segment(ctx, first, n, 0);
		return;
	}
	if (lf->flow != FLOW_FIXED)
		count = pm_flowed(ctx, 0, count, lf->flow == FLOW_DELSP);
	pm_segment(ctx, 0, count, lf->enc != ENC_IDENTITY ? PM_SEG_ENCODED : 0);
}

/* ---- attachments ---- */

/* Decoded size of a part's body. */
static json_int_t decoded_size(pm_ctx *ctx, const pm_leaf *lf)
{
	const char *s = ctx->msg.data + lf->bstart;
	size_t n = lf->bend - lf->bstart;
	if (lf->enc == ENC_B64) {
		pm_b64 st = {0};
		return (json_int_t)pm_b64_feed(&st, s, n, NULL);
	}
	/* The line end before a boundary belongs to the boundary. */
	size_t body = pm_chomp(s, n);
	if (lf->enc == ENC_QP) {
		igt_buf *dec = &ctx->tmp2;
		dec->len = 0;
		size_t pos = 0;
		while (pos < body) {
			const char *nl = memchr(s + pos, '\n', body - pos);
			size_t next = nl ? (size_t)(nl - s) + 1 : body;
			size_t m = pm_chomp(s + pos, next - pos);
			while (m && (s[pos + m - 1] == ' ' || s[pos + m - 1] == '\t'))
				m--;
			int soft = m && s[pos + m - 1] == '=';
			qp_decode(s + pos, soft ? m - 1 : m, dec);
			if (!soft && nl)
				igt_buf_addc(dec, '\n');
			pos = next;
		}
		return (json_int_t)dec->len;
	}
	return (json_int_t)body;
}

/* A header parameter or field decoded to UTF-8 as a JSON value (null when absent). */
static json_t *decoded_param(pm_ctx *ctx, const char *v, size_t n, const char *key)
{
	igt_buf *raw = pm_conv_scratch(ctx->conv, 20), *cs = pm_conv_scratch(ctx->conv, 21);
	igt_buf *out = pm_conv_scratch(ctx->conv, 22);
	if (!pm_header_param(ctx->conv, v, n, key, raw, cs))
		return NULL;
	out->len = 0;
	if (cs->len) {
		pm_decoder d;
		pm_decoder_start(&d, ctx->conv, cs->data, cs->len);
		ctx->undecodable += pm_decode(&d, raw->data ? raw->data : "", raw->len, out);
	} else {
		ctx->undecodable +=
		    pm_header_decode(ctx->conv, raw->data ? raw->data : "", raw->len, out);
	}
	const char *t = out->data ? out->data : "";
	size_t tl = out->len;
	pm_trim(&t, &tl);
	return tl ? igt_doc_json_string(ctx->doc, t, tl) : NULL;
}

static void attach_leaf(pm_ctx *ctx, const pm_leaf *lf)
{
	pm_headers *hs = &ctx->part_headers;
	if (lf->top)
		hs = &ctx->headers;
	else
		pm_headers_parse(ctx, hs, lf->hstart, lf->bend, ctx->msg_line);
	json_t *name = NULL, *desc = NULL;
	size_t n;
	const char *v = field(ctx, hs, PM_F_CONTENT_DISPOSITION, &n);
	if (v)
		name = decoded_param(ctx, v, n, "filename");
	if (!name && (v = field(ctx, hs, PM_F_CONTENT_TYPE, &n)))
		name = decoded_param(ctx, v, n, "name");
	pm_hdr *h = pm_headers_find(hs, PM_F_CONTENT_DESCRIPTION);
	if (h) {
		ctx->tmp.len = 0;
		pm_unfold(ctx->msg.data + h->val, h->val_end - h->val, &ctx->tmp);
		igt_buf *out = pm_conv_scratch(ctx->conv, 22);
		out->len = 0;
		ctx->undecodable += pm_header_decode(ctx->conv, ctx->tmp.data ? ctx->tmp.data : "",
		                                     ctx->tmp.len, out);
		if (out->len)
			desc = igt_doc_json_string(ctx->doc, out->data, out->len);
	}
	json_t *o = json_object();
	pm_json_set(o, "name", name ? name : json_null());
	pm_json_set(o, "type", json_string(lf->type));
	pm_json_set(o, "size", json_integer(decoded_size(ctx, lf)));
	pm_json_set(o, "description", desc ? desc : json_null());
	pm_json_set(o, "url", json_null());
	json_array_append_new(ctx->attachments, o);
	claim(ctx, IGT_CLAIM_FIELD, lf->top ? lf->bstart : lf->hstart, lf->bend);
}

/* Text read as plain text: text/plain, and any text type but HTML when
 * it is the whole message (text/x-diff, text/enriched). */
static int plain_text(const pm_leaf *lf)
{
	if (strcmp(lf->type, "text/plain") == 0)
		return 1;
	return lf->top && strncmp(lf->type, "text/", 5) == 0 && strcmp(lf->type, "text/html") != 0;
}

void pm_mime_body(pm_ctx *ctx)
{
	ctx->n_leaves = 0;
	walk(ctx, ctx->envelope_len, &ctx->headers, ctx->msg.len, 1, 0, 0, 1);
	int has_plain = 0;
	for (size_t i = 0; i < ctx->n_leaves; i++) {
		const pm_leaf *lf = &ctx->leaves[i];
		if (lf->offered && !lf->attach && plain_text(lf))
			has_plain = 1;
	}
	for (size_t i = 0; i < ctx->n_leaves; i++) {
		const pm_leaf *lf = &ctx->leaves[i];
		int text = lf->offered && !lf->attach &&
		           (plain_text(lf) || (!has_plain && strcmp(lf->type, "text/html") == 0));
		if (text)
			text_leaf(ctx, lf);
		else
			attach_leaf(ctx, lf);
	}
}
