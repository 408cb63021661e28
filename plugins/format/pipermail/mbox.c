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
 * A file that starts with header fields (or with a bare year line and
 * header fields) and has no separators is one message, unless further
 * heads follow in it: the IETF archive has mailboxes of several messages
 * written one after the other, each starting after a blank line (and a
 * year line) with a head whose first field has the same name. Such a
 * file is split where those heads begin, told from heads quoted or
 * forwarded in a body by blocks_feed's guards; where a head that passes
 * the guards starts otherwise, the split would be a guess, and the rest
 * of the file is refused with a message that says so. mbox files never
 * go through the head tracking.
 *
 * Each message's bytes are copied into one buffer that is reused, so
 * memory is bounded by the largest message, whatever the input's size.
 */
#include <stdio.h>
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
	/* A bare year line, then header fields: messages separated by years
	 * (the IETF archive's mailbox_year). */
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

/* ---- separator-less files: where does the next message start? ---- */

/* A Content-Type line of a MIME part whose body is a message or a
 * message's head: message/rfc822, and text/rfc822-headers, in which a
 * delivery status report (RFC 6522) returns the head of the message that
 * could not be delivered. Either is the head of a message quoted whole,
 * with the same fields a message's own head has. */
static int embeds_head(const char *s, size_t n)
{
	return pm_iprefix(s, n, "Content-Type:") &&
	       (pm_memmem(s, n, "message/rfc822", 14) || pm_memmem(s, n, "rfc822-headers", 14));
}

/* The line before the copy of a returned message in a bounce without
 * MIME parts: Exim's "------ This is a copy of the message, including all
 * the headers. ------", qmail's "--- Below this line is a copy of the
 * message.", sendmail's "----- Unsent message follows -----". The head
 * after it is the returned message's, as after a forward mark. */
static int bounce_mark(const char *s, size_t n)
{
	pm_trim(&s, &n);
	if (!n || s[0] != '-')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (pm_iprefix(s + i, n - i, "message follows") ||
		    pm_iprefix(s + i, n - i, "copy of the message") ||
		    pm_iprefix(s + i, n - i, "copy of your message"))
			return 1;
	return 0;
}

/* What blocks_feed reports. */
enum {
	BLK_NONE = 0,
	BLK_HEAD, /* a run of header lines that a message's own head would be has ended */
	BLK_YEAR, /* a bare year line after a blank line heads no such run */
};

/* Where a line is: in the message buffer (its offset and the index of
 * its recorded line end) and in the input. */
typedef struct blk_at {
	size_t pos, eol;
	uint64_t offset, number;
} blk_at;

/* Tracks header blocks in the bodies of a file read without separators. */
typedef struct blocks {
	int after_blank; /* the previous line was blank (or a bare year after one) */
	int year;        /* the previous line was a bare year line after a blank line */
	int in_block;    /* reading a run of header lines */
	int lines;       /* header lines in the run */
	int start_mark;  /* the run has a field only a message's own header has */
	int who;         /* the run has From, To or Subject */
	int embedded;    /* the blank line ended MIME headers of a part that holds a head */
	int rfc822;      /* such a part's Content-Type (embeds_head) since the last blank line */
	int forward;     /* the last line that was not blank marks a forwarded message */
	int quoted;      /* the run follows such a mark: the head of a forwarded message */
	int year_led;    /* the run follows a bare year line */
	int same;        /* the run's first field has the name sep */
	int closed;      /* the run ended at a blank line (or the end of the input) */
	blk_at start;    /* the run's first line, or the year line before it */
	blk_at year_at;
	char sep[80]; /* the name of the first field of the file's first message */
	size_t sep_len;
	char name[80]; /* the name of the run's first field */
	size_t name_len;
} blocks;

static int block_is_message(const blocks *b)
{
	return !b->embedded && !b->quoted && b->lines >= 2 && b->start_mark && b->who;
}

static int is_year(const char *s, size_t n)
{
	pm_trim(&s, &n);
	return n == 4 && s[0] >= '1' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' &&
	       s[2] <= '9' && s[3] >= '0' && s[3] <= '9';
}

/* The name of a header line (pm_is_header_line said it is one) into
 * out[80]: up to the colon, without the white space of "Name :". */
static size_t field_name(const char *s, size_t n, char *out)
{
	size_t k = 0;
	while (k < n && k < 79 && s[k] != ':' && s[k] != ' ' && s[k] != '\t')
		k++;
	memcpy(out, s, k);
	out[k] = '\0';
	return k;
}

static void block_field(blocks *b, const char *s, size_t n)
{
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
}

/* Feed one body line (without its line end), at *at; returns BLK_HEAD
 * when a run of header lines that could be a message's head has just
 * ended (not inside a part that holds a head, not after a forward or
 * bounce mark, with From, To or Subject and a field only a message's own
 * head has), with
 * b->start, b->closed, b->same and b->year_led saying where and how it
 * began and ended, or BLK_YEAR when a bare year line after a blank line
 * is not followed by such a run. */
static int blocks_feed(blocks *b, const char *s, size_t n, const blk_at *at)
{
	int found = BLK_NONE;
	int blank = pm_blank(s, n);
	if (b->in_block) {
		if (!blank && (s[0] == ' ' || s[0] == '\t'))
			return BLK_NONE;
		if (!blank && pm_is_header_line(s, n)) {
			block_field(b, s, n);
			return BLK_NONE;
		}
		b->in_block = 0;
		b->closed = blank;
		found = block_is_message(b) ? BLK_HEAD : b->year_led ? BLK_YEAR : BLK_NONE;
	} else if (b->year && (blank || !pm_is_header_line(s, n))) {
		found = BLK_YEAR;
	}
	if (blank) {
		b->after_blank = 1;
		b->year = 0;
		b->embedded = b->rfc822;
		b->rfc822 = 0;
		return found;
	}
	if (embeds_head(s, n))
		b->rfc822 = 1;
	if (b->after_blank && pm_is_header_line(s, n)) {
		b->in_block = 1;
		b->lines = b->start_mark = b->who = 0;
		b->quoted = b->forward;
		b->year_led = b->year;
		b->start = b->year ? b->year_at : *at;
		b->name_len = field_name(s, n, b->name);
		b->same =
		    b->sep_len && b->name_len == b->sep_len && pm_ieq(b->name, b->name_len, b->sep);
		block_field(b, s, n);
		b->after_blank = b->year = 0;
		return found;
	}
	if (b->after_blank && !b->year && is_year(s, n)) {
		b->year = 1;
		b->year_at = *at;
		return found;
	}
	b->after_blank = b->year = 0;
	b->forward = pm_forward_mark(s, n) || bounce_mark(s, n);
	return found;
}

/* ---- the splitter ---- */

typedef struct reader {
	pm_ctx *ctx;
	int mode;
	int have; /* a message is being collected */
	int prev_blank;
	int in_headers; /* HEADERS and YEARS: still in the message's own header block */
	blocks blk;
	/* HEADERS and YEARS: the line of an mbox envelope line or MMDF marker
	 * (0: none), and of a "From " line after a blank line that is one if
	 * a header field follows */
	uint64_t mixed, from_line;
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

/* Stop reading a file without separators where telling its messages
 * apart would be a guess. The input is read in one pass, so messages
 * emitted before stay emitted; the one being read and the rest are not. */
static void refuse(reader *r, uint64_t line, const char *why)
{
	pm_ctx *ctx = r->ctx;
	char done[128];
	if (ctx->emitted)
		snprintf(done, sizeof(done),
		         "the %zu message%s before line %llu %s imported, nothing from there on",
		         ctx->emitted, ctx->emitted == 1 ? "" : "s",
		         (unsigned long long)ctx->msg_line, ctx->emitted == 1 ? "was" : "were");
	else
		snprintf(done, sizeof(done), "nothing imported");
	r->refused = 1;
	igt_log(IGT_LOG_ERROR,
	        "%s:%llu: %s: %s; refusing to guess where its messages split: %s (convert it to "
	        "mbox, one \"From \" line before each message)",
	        igt_input_name(ctx->in), (unsigned long long)line, ctx->plugin, why, done);
}

/* The message being read ends where the run of header lines b->start
 * begins (at its year line, if any): emit what comes before it, and make
 * the run, and the blank line after it, the start of the next message. */
static int split_at_block(reader *r)
{
	pm_ctx *ctx = r->ctx;
	const blocks *b = &r->blk;
	ctx->line.len = 0;
	igt_buf_add(&ctx->line, ctx->msg.data + b->start.pos, ctx->msg.len - b->start.pos);
	ctx->msg.len = b->start.pos;
	ctx->n_eols = b->start.eol;
	int rc = finish_message(r);
	if (rc)
		return rc;
	const char *s = ctx->line.data, *end = s + ctx->line.len;
	const char *nl = memchr(s, '\n', ctx->line.len);
	size_t first = nl ? (size_t)(nl - s) + 1 : ctx->line.len;
	igt_line head = {s, first, 0, b->start.offset, b->start.number};
	start_message(r, &head, 0, b->year_led ? first : 0);
	for (s += first; s < end; s = nl ? nl + 1 : end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		pm_msg_add(ctx, s, nl ? (size_t)(nl + 1 - s) : (size_t)(end - s));
	}
	return 0;
}

/* A run of header lines that could be a message's head has ended (found
 * BLK_HEAD), or a bare year line is not followed by one (BLK_YEAR): a
 * new message where the file's messages all start the same way (their
 * first field's name, and a year line before it in a year-separated
 * file), else the file is refused. */
static int block_found(reader *r, int found)
{
	const blocks *b = &r->blk;
	int years = r->mode == PM_MODE_YEARS;
	char why[320];
	if (found == BLK_YEAR) {
		if (!years)
			return 0; /* a year in the text of a message */
		refuse(r, b->year_at.number,
		       "a bare year line here is not followed by a message's head, as the other "
		       "year lines of this file are");
		return 0;
	}
	if (!b->closed)
		snprintf(
		    why, sizeof(why),
		    "another message may start here, but no blank line ends its head and this "
		    "file has no mbox \"From \" lines (nor MMDF markers) between its messages");
	else if (!b->same)
		snprintf(
		    why, sizeof(why),
		    "another message starts here with a \"%s:\" field, but this file has no mbox "
		    "\"From \" lines (nor MMDF markers) and its first message starts with "
		    "\"%s:\"",
		    b->name, b->sep);
	else if (years && !b->year_led)
		snprintf(why, sizeof(why),
		         "another message starts here without the bare year line that comes before "
		         "the other messages of this file");
	else if (!years && b->year_led)
		snprintf(why, sizeof(why),
		         "another message starts here after a bare year line, which this file's "
		         "first message has not");
	else if (r->mixed)
		snprintf(
		    why, sizeof(why),
		    "another message starts here without a separator, but line %llu is an mbox "
		    "\"From \" line or MMDF marker",
		    (unsigned long long)r->mixed);
	else
		return split_at_block(r);
	refuse(r, b->start.number, why);
	return 0;
}

/* A separator of another form in a file read without separators: it
 * cannot be split by field names once it has a message the separator
 * would split elsewhere. */
static void mixed_line(reader *r, const char *s, size_t n, uint64_t number)
{
	igt_date d;
	const char *snd;
	size_t sl;
	if (r->from_line && pm_is_header_line(s, n))
		r->mixed = r->from_line;
	r->from_line = 0;
	if (is_mmdf_marker(s, n))
		r->mixed = number;
	else if (r->prev_blank && n >= 5 && memcmp(s, "From ", 5) == 0) {
		if (pm_envelope_parse(s, n, &d, &snd, &sl) == 0)
			r->mixed = number;
		else
			r->from_line = number;
	}
	if (r->mixed && r->ctx->emitted)
		refuse(
		    r, r->mixed,
		    "an mbox \"From \" line or MMDF marker here, in a file whose messages before "
		    "were split without one");
}

static int headers_line(reader *r, const igt_line *line, size_t skip)
{
	pm_ctx *ctx = r->ctx;
	const char *s = line->text + skip;
	size_t n = line->len - skip;
	size_t c = pm_chomp(s, n);
	blocks *b = &r->blk;
	if (!r->have) {
		if (pm_blank(s, n))
			return 0;
		/* A year-separated file's year line is its first message's
		 * envelope. */
		start_message(r, line, skip, r->mode == PM_MODE_YEARS ? n : 0);
		r->in_headers = 1;
		if (pm_is_header_line(s, c))
			b->sep_len = field_name(s, c, b->sep);
		return 0;
	}
	pm_msg_add(ctx, s, n);
	if (r->in_headers) {
		if (pm_blank(s, c)) {
			r->in_headers = 0;
			b->after_blank = 1;
			b->embedded = b->rfc822;
			b->rfc822 = 0;
			return 0;
		}
		if (!b->sep_len && pm_is_header_line(s, c))
			b->sep_len = field_name(s, c, b->sep);
		if (embeds_head(s, c))
			b->rfc822 = 1;
		return 0;
	}
	if (s[0] == 'F' || s[0] == '\x01' || r->from_line)
		mixed_line(r, s, c, line->number);
	if (r->refused)
		return 0;
	blk_at at = {ctx->msg.len - n, ctx->n_eols - 1, line->offset + skip, line->number};
	int found = blocks_feed(b, s, c, &at);
	return found ? block_found(r, found) : 0;
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
	if ((mode == PM_MODE_HEADERS || mode == PM_MODE_YEARS) && r.have && !r.in_headers) {
		/* The end of the input ends a head as a blank line does. */
		blk_at at = {ctx->msg.len, ctx->n_eols, 0, 0};
		int found = blocks_feed(&r.blk, "", 0, &at);
		if (found && (erc = block_found(&r, found)) != 0)
			return erc;
		if (r.refused)
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
