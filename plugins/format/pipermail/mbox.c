/* SPDX-License-Identifier: MIT */
/*
 * Mailbox readers: which form an input is in, and the splitter that cuts
 * a mailbox into messages in one streaming pass.
 *
 * mbox (Mailman's monthly archives, and mbox files from other archivers):
 * a message starts at a "From " line that is an envelope line, i.e. one
 * with a date in the ctime form after the blank line that ends the
 * previous message, or one followed by a header field. Body lines that
 * begin with "From " are escaped by Mailman as ">From " and are body
 * text; an unescaped "From " line that has neither a date nor a header
 * after it is body text too.
 *
 * MMDF: each message between two lines of four ^A bytes.
 *
 * A file that starts with header fields and has no separators is one
 * message, unless further header blocks follow in it: that is a mailbox
 * of several messages without separators (the IETF archive has such
 * files), which cannot be split without guessing, so it is refused with a
 * message that says so.
 *
 * Each message's bytes are copied into one buffer that is reused, so
 * memory is bounded by the largest message, whatever the input's size.
 */
#include <stdlib.h>

#include "pipermail.h"

#define MMDF_MARKER "\x01\x01\x01\x01"

/* ---- which form ---- */

typedef struct cursor {
	const char *s;
	size_t n, pos;
} cursor;

/* The next line of the head (without its line end); 0 at the end. A last
 * line cut by the end of the head counts only when it is the whole head. */
static int next_line(cursor *c, const char **line, size_t *len)
{
	if (c->pos >= c->n)
		return 0;
	const char *s = c->s + c->pos;
	const char *nl = memchr(s, '\n', c->n - c->pos);
	size_t l = nl ? (size_t)(nl - s) + 1 : c->n - c->pos;
	*line = s;
	*len = pm_chomp(s, l);
	c->pos += l;
	return 1;
}

static int is_mmdf_marker(const char *s, size_t n)
{
	return n == 4 && memcmp(s, MMDF_MARKER, 4) == 0;
}

/* Header names that mark the start of a message. */
static int known_header(const char *s, size_t n)
{
	static const char *const names[] = {"From:",
	                                    "To:",
	                                    "Cc:",
	                                    "Date:",
	                                    "Subject:",
	                                    "Message-ID:",
	                                    "Received:",
	                                    "Return-Path:",
	                                    "MIME-Version:",
	                                    "Content-Type:",
	                                    "Envelope-to:",
	                                    "Sender:",
	                                    "Reply-To:",
	                                    "In-Reply-To:",
	                                    "References:",
	                                    "Delivered-To:",
	                                    "X-Envelope-From:",
	                                    NULL};
	for (int i = 0; names[i]; i++)
		if (pm_iprefix(s, n, names[i]))
			return 1;
	return 0;
}

int pm_sniff(const char *head, size_t len, int *score)
{
	cursor c = {head, len, 0};
	if (len >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
		c.pos = 3;
	const char *l;
	size_t n;
	int more;
	while ((more = next_line(&c, &l, &n)) && pm_blank(l, n))
		;
	*score = 0;
	if (!more)
		return PM_MODE_NONE;
	const char *next = NULL;
	size_t next_len = 0;
	cursor peek = c;
	int has_next = next_line(&peek, &next, &next_len);
	if (n >= 5 && memcmp(l, "From ", 5) == 0) {
		igt_date d;
		const char *snd;
		size_t sl;
		int dated = pm_envelope_parse(l, n, &d, &snd, &sl) == 0;
		int header = has_next && pm_is_header_line(next, next_len);
		*score = dated && header                         ? 95
		         : header && known_header(next, next_len) ? 70
		         : dated                                  ? 60
		                                                  : 0;
		if (*score)
			return PM_MODE_MBOX;
	}
	if (is_mmdf_marker(l, n) && has_next && pm_is_header_line(next, next_len)) {
		*score = 90;
		return PM_MODE_MMDF;
	}
	pm_page_head ph;
	pm_page_head_parse(head, len, &ph);
	if (ph.ok) {
		*score = 90;
		return PM_MODE_PAGE;
	}
	/* Header fields from the first line on. */
	int known = 0, lines = 0;
	cursor h = {head, len, (size_t)(l - head)};
	const char *hl;
	size_t hn;
	while (lines < 60 && next_line(&h, &hl, &hn)) {
		if (pm_blank(hl, hn))
			break;
		if (hl[0] == ' ' || hl[0] == '\t') {
			if (!lines)
				break;
			continue;
		}
		if (!pm_is_header_line(hl, hn))
			break;
		known += known_header(hl, hn);
		lines++;
	}
	if (lines && known >= 2 && pm_is_header_line(l, n)) {
		*score = known >= 3 ? 50 : 40;
		return PM_MODE_HEADERS;
	}
	/* A bare year line, then header fields: messages separated by years,
	 * which the reader refuses with a message saying so. */
	if (n == 4 && l[0] >= '1' && l[0] <= '2' && has_next && pm_is_header_line(next, next_len) &&
	    known_header(next, next_len)) {
		int digits = 1;
		for (size_t i = 0; i < 4; i++)
			digits &= l[i] >= '0' && l[i] <= '9';
		if (digits) {
			*score = 40;
			return PM_MODE_YEARS;
		}
	}
	return PM_MODE_NONE;
}

/* A field only a message's own head has, not a header block quoted or
 * pasted in a body: Message-ID, Received, Return-Path … */
static int own_field(const char *s, size_t n)
{
	static const char *const marks[] = {
	    "Message-ID:",   "Received:", "Return-Path:", "Envelope-to:", "X-Envelope-From:",
	    "Delivered-To:", NULL};
	for (int i = 0; marks[i]; i++)
		if (pm_iprefix(s, n, marks[i]))
			return 1;
	return 0;
}

/* ---- separator-less files: is a second message starting? ---- */

/* Tracks header blocks in the body of a file read as one message. */
typedef struct blocks {
	int after_blank; /* the previous line was blank (or a bare year) */
	int in_block;    /* reading a run of header lines */
	int lines;       /* header lines in the run */
	int start_mark;  /* the run has a field only a message's own header has */
	int who;         /* the run has From, To or Subject */
	int embedded;    /* the blank line ended MIME headers of a message/rfc822 part */
	int rfc822;      /* a "Content-Type: message/rfc822" since the last blank line */
	int forward;     /* the last line that was not blank marks a forwarded message */
	int quoted;      /* the run follows such a mark: the head of a forwarded message */
	uint64_t first;  /* line where the run started */
} blocks;

static int block_is_message(const blocks *b)
{
	return b->in_block && !b->embedded && !b->quoted && b->lines >= 2 && b->start_mark &&
	       b->who;
}


static int is_year(const char *s, size_t n)
{
	pm_trim(&s, &n);
	return n == 4 && s[0] >= '1' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' &&
	       s[2] <= '9' && s[3] >= '0' && s[3] <= '9';
}

/* Feed one body line; returns 1 when a header block that starts another
 * message has just ended. */
static int blocks_feed(blocks *b, const char *s, size_t n, uint64_t line)
{
	int blank = pm_blank(s, n);
	if (blank || (!b->in_block && !(s[0] == ' ' || s[0] == '\t') && !pm_is_header_line(s, n))) {
		int found = block_is_message(b);
		b->in_block = 0;
		if (blank) {
			b->after_blank = 1;
			b->embedded = b->rfc822;
			b->rfc822 = 0;
		} else {
			b->after_blank = b->after_blank && is_year(s, n);
			b->forward = pm_forward_mark(s, n);
		}
		return found;
	}
	if (pm_iprefix(s, n, "Content-Type:") && pm_memmem(s, n, "message/rfc822", 14))
		b->rfc822 = 1;
	if (b->in_block) {
		if (s[0] == ' ' || s[0] == '\t')
			return 0;
		if (!pm_is_header_line(s, n)) {
			int found = block_is_message(b);
			b->in_block = 0;
			b->after_blank = 0;
			b->forward = pm_forward_mark(s, n);
			return found;
		}
	} else if (b->after_blank && pm_is_header_line(s, n)) {
		b->in_block = 1;
		b->lines = b->start_mark = b->who = 0;
		b->quoted = b->forward;
		b->first = line;
	} else {
		b->after_blank = 0;
		b->forward = 0;
		return 0;
	}
	b->lines++;
	if (own_field(s, n))
		b->start_mark = 1;
	if (pm_iprefix(s, n, "Date:")) {
		igt_date d;
		int zu;
		if (igt_date_parse_mail(&d, s + 5, n - 5, &zu) == 0)
			b->start_mark = 1;
	}
	if (pm_iprefix(s, n, "From:") || pm_iprefix(s, n, "To:") || pm_iprefix(s, n, "Subject:"))
		b->who = 1;
	b->after_blank = 0;
	return 0;
}

/* ---- the splitter ---- */

typedef struct reader {
	pm_ctx *ctx;
	int mode;
	int have; /* a message is being collected */
	int prev_blank;
	int in_headers; /* HEADERS mode: still in the message's own header block */
	blocks blk;
	int refused;
	int cut_from;    /* the last line may be an envelope line cut short */
	size_t last_pos; /* where the last line starts in the message buffer */
	uint64_t last_off, last_number;
} reader;

static void start_message(reader *r, const igt_line *line, size_t skip, size_t envelope)
{
	pm_ctx *ctx = r->ctx;
	pm_msg_clear(ctx);
	ctx->msg_off = line->offset + skip;
	ctx->msg_line = line->number;
	ctx->envelope_len = envelope;
	ctx->envelope_dated = 0;
	ctx->trailer_off = ctx->trailer_len = 0;
	pm_msg_add(ctx, line->text + skip, line->len - skip);
	r->have = 1;
}

static int finish_message(reader *r)
{
	if (!r->have)
		return 0;
	r->have = 0;
	return pm_message_emit(r->ctx);
}

/* Whether the text s begins with a block of header fields, up to a blank
 * line or the end of s: the number of known fields in it, or 0 when a
 * line in it is not a field (nor a field's continuation); *fields counts
 * its fields, *own says one of them is From: or a field only a
 * message's own head has (own_field). */
static int header_block(const char *s, size_t n, int *fields, int *own)
{
	int known = 0;
	*fields = *own = 0;
	for (size_t pos = 0, lines = 0; pos < n; lines++) {
		const char *nl = memchr(s + pos, '\n', n - pos);
		size_t end = nl ? (size_t)(nl - s) + 1 : n;
		const char *l = s + pos;
		size_t len = pm_chomp(l, end - pos);
		if (pm_blank(l, len))
			break;
		if (!nl && len < 80)
			break; /* a line cut by the end of what was looked at */
		if (lines && (l[0] == ' ' || l[0] == '\t')) {
			pos = end;
			continue;
		}
		if (!pm_is_header_line(l, len))
			return 0;
		known += known_header(l, len);
		*own |= pm_iprefix(l, len, "From:") || own_field(l, len);
		(*fields)++;
		pos = end;
	}
	return known;
}

/* Whether a "From " line (already copied to ctx->line) starts a message.
 * A dated one does after a blank line (Mailman's envelope), or where
 * header fields follow. An undated one only after a blank line and
 * before a whole block of header fields: two known ones, or two with
 * From:, Message-ID:, Received:, Return-Path: … among them. Body text
 * Mailman left unescaped ("From the programme:" then "09:00 Opening",
 * "Subject: to change", or "Date: 14 March" then "Venue: …") is text, or
 * fields a message's head would not have alone. *dated says whether the
 * line has a date, then in *d, its sender in *snd and *sl. */
static int is_separator(reader *r, const char *s, size_t n, igt_date *d, const char **snd,
                        size_t *sl, int *dated_out)
{
	pm_ctx *ctx = r->ctx;
	int dated = *dated_out = pm_envelope_parse(s, n, d, snd, sl) == 0;
	if (dated && (r->prev_blank || !r->have))
		return 1;
	if (!dated && !(r->prev_blank || !r->have))
		return 0;
	/* Look at what follows without reading it (peeking may move the
	 * input's buffer: the line was copied before). */
	const char *data;
	size_t len;
	igt_input_peek(ctx->in, 4096, &data, &len); /* after a failure: what came before it */
	if (!len)
		return 0;
	if (dated) {
		const char *nl = memchr(data, '\n', len);
		return pm_is_header_line(data, pm_chomp(data, nl ? (size_t)(nl - data) + 1 : len));
	}
	int fields, own, known = header_block(data, len, &fields, &own);
	return known >= 2 || (own && fields >= 2);
}

static int mbox_line(reader *r, const igt_line *line, size_t skip)
{
	pm_ctx *ctx = r->ctx;
	igt_line cur = *line;
	cur.text += skip;
	cur.len -= skip;
	cur.offset += skip;
	int from = cur.len >= 5 && memcmp(cur.text, "From ", 5) == 0;
	if (from) {
		/* Copy it first: peeking at the next line may move the input's
		 * buffer. */
		ctx->line.len = 0;
		igt_buf_add(&ctx->line, cur.text, cur.len);
		cur.text = ctx->line.data;
		igt_date d;
		const char *snd;
		size_t sl;
		int dated;
		if (is_separator(r, cur.text, cur.len, &d, &snd, &sl, &dated)) {
			int rc = finish_message(r);
			start_message(r, &cur, 0, cur.len);
			if (dated) {
				ctx->envelope_dated = 1;
				ctx->envelope_date = d;
				ctx->envelope_sender = (size_t)(snd - cur.text);
				ctx->envelope_sender_len = sl;
			}
			return rc;
		}
	}
	if (!r->have) {
		if (!pm_blank(cur.text, cur.len))
			start_message(r, &cur, 0, 0); /* cannot happen after the sniff; kept safe */
		return 0;
	}
	/* A last line without its line end that could be an envelope line
	 * cut short by a read error: decided at the end of the input. */
	r->cut_from = from && cur.eol == 0 && r->prev_blank;
	r->last_pos = ctx->msg.len;
	r->last_off = cur.offset;
	r->last_number = cur.number;
	pm_msg_add(ctx, cur.text, cur.len);
	return 0;
}

/* The lines up to the next "From " line, as mbox_line would take them
 * (none of them can start a message), in one block from the input: one
 * copy, and a line end recorded for each. */
static void mbox_lines(reader *r)
{
	pm_ctx *ctx = r->ctx;
	if (ctx->cap_eols - ctx->n_eols < 256)
		pm_eols_grow(ctx);
	size_t *ends = ctx->eols + ctx->n_eols;
	igt_line block;
	size_t n = igt_input_getlines(ctx->in, "From ", 5, ctx->cap_eols - ctx->n_eols, ends, &block);
	if (!n)
		return;
	size_t base = ctx->msg.len;
	igt_buf_add(&ctx->msg, block.text, block.len);
	for (size_t k = 0; k < n; k++)
		ends[k] += base;
	ctx->n_eols += n;
	size_t last = n > 1 ? ends[n - 2] - base : 0;
	r->prev_blank = pm_blank(block.text + last, block.len - last);
	r->cut_from = 0;
}

/* The input ended with a read error on a line that starts like an
 * envelope after a blank line: the message before it is complete, and the
 * cut line begins another message, emitted as incomplete. */
static int split_cut_envelope(reader *r)
{
	pm_ctx *ctx = r->ctx;
	ctx->line.len = 0;
	igt_buf_add(&ctx->line, ctx->msg.data + r->last_pos, ctx->msg.len - r->last_pos);
	ctx->msg.len = r->last_pos;
	ctx->n_eols--; /* the cut line was the last one */
	ctx->incomplete = 0;
	int rc = finish_message(r);
	if (rc)
		return rc;
	igt_line cut = {ctx->line.data, ctx->line.len, 0, r->last_off, r->last_number};
	start_message(r, &cut, 0, cut.len);
	ctx->incomplete = 1;
	return 0;
}

static int mmdf_line(reader *r, const igt_line *line, size_t skip)
{
	pm_ctx *ctx = r->ctx;
	const char *s = line->text + skip;
	size_t n = line->len - skip;
	if (is_mmdf_marker(s, pm_chomp(s, n))) {
		if (r->have) {
			ctx->trailer_off = line->offset + skip;
			ctx->trailer_len = pm_chomp(s, n);
			return finish_message(r);
		}
		start_message(r, line, skip, n);
		return 0;
	}
	if (r->have) {
		pm_msg_add(ctx, s, n);
	} else if (!pm_blank(s, n)) {
		pm_warn(ctx, line->number, "text outside the MMDF markers: read as a message");
		start_message(r, line, skip, 0);
	}
	return 0;
}

static int headers_line(reader *r, const igt_line *line, size_t skip)
{
	pm_ctx *ctx = r->ctx;
	const char *s = line->text + skip;
	size_t n = line->len - skip;
	size_t c = pm_chomp(s, n);
	if (!r->have) {
		if (pm_blank(s, n))
			return 0;
		start_message(r, line, skip, 0);
		r->in_headers = 1;
		return 0;
	}
	pm_msg_add(ctx, s, n);
	if (r->in_headers) {
		if (pm_blank(s, c)) {
			r->in_headers = 0;
			r->blk.after_blank = 1;
		}
		return 0;
	}
	if (blocks_feed(&r->blk, s, c, line->number)) {
		r->refused = 1;
		igt_log(
		    IGT_LOG_ERROR,
		    "%s:%llu: %s: another message starts here, but this file has no mbox \"From \" "
		    "lines (nor MMDF markers) between its messages; refusing to guess where they "
		    "split: nothing imported (convert it to mbox, one \"From \" line before each "
		    "message)",
		    igt_input_name(ctx->in), (unsigned long long)r->blk.first, ctx->plugin);
	}
	return 0;
}

int pm_read_mailbox(pm_ctx *ctx, int mode)
{
	reader r;
	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	r.mode = mode;
	r.prev_blank = 1;
	igt_line line;
	int rc = 0, erc = 0;
	while (!erc && !r.refused && (rc = igt_input_getline(ctx->in, &line)) == 1) {
		size_t skip = 0;
		if (line.number == 1 && line.len >= 3 &&
		    memcmp(line.text, "\xEF\xBB\xBF", 3) == 0) {
			ctx->bom = 3; /* claimed by the first document */
			skip = 3;
		}
		int blank = pm_blank(line.text + skip, line.len - skip);
		if (mode == PM_MODE_MBOX)
			erc = mbox_line(&r, &line, skip);
		else if (mode == PM_MODE_MMDF)
			erc = mmdf_line(&r, &line, skip);
		else
			erc = headers_line(&r, &line, skip);
		r.prev_blank = blank;
		if (mode == PM_MODE_MBOX && r.have && !erc)
			mbox_lines(&r);
	}
	if (erc)
		return erc;
	if (r.refused)
		return IGT_EBADINPUT;
	if (mode == PM_MODE_HEADERS && r.have && !r.in_headers && blocks_feed(&r.blk, "", 0, 0)) {
		igt_log(
		    IGT_LOG_ERROR,
		    "%s:%llu: %s: another message starts here, but this file has no mbox \"From \" "
		    "lines between its messages; refusing to guess where they split: nothing "
		    "imported",
		    igt_input_name(ctx->in), (unsigned long long)r.blk.first, ctx->plugin);
		return IGT_EBADINPUT;
	}
	if (rc < 0 && r.have && mode == PM_MODE_MBOX && r.cut_from &&
	    (erc = split_cut_envelope(&r)) != 0)
		return erc;
	if (rc < 0 && r.have) {
		ctx->incomplete = 1;
		pm_warn(ctx, ctx->msg_line,
		        "the input ends inside this message (it could not be read "
		        "further): the message is kept as read and marked incomplete");
	}
	if (r.have && (erc = finish_message(&r)) != 0)
		return erc;
	if (rc < 0)
		return rc;
	if (!ctx->emitted) {
		igt_input_log(ctx->in, IGT_LOG_ERROR, "no message in this mailbox");
		return IGT_EBADINPUT;
	}
	return 0;
}
