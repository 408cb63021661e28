/* SPDX-License-Identifier: MIT */
/*
 * One message, one document: the envelope line and header fields become
 * the document's title, date, author and fields; the body goes through
 * MIME (mime.c) and segmentation (body.c); the thread map names the
 * thread's root; then the document is emitted.
 *
 * The document id is the Message-ID without its angle brackets. A message
 * whose Message-ID is missing, unreadable, or already used earlier in the
 * same input keeps its place and gets the core's id (derived from the
 * file and the message's offset, stable across runs), with a warning:
 * never skipped, never merged with another message.
 */
#include <stdio.h>
#include <stdlib.h>

#include "pipermail.h"

/* ---- envelope ---- */

static int is_day(const char *s, size_t n)
{
	static const char days[] = "montuewedthufrisatsun";
	if (n < 3 || (n > 3 && s[3] != ','))
		return 0;
	char d[3] = {(char)pm_lower((unsigned char)s[0]), (char)pm_lower((unsigned char)s[1]),
	             (char)pm_lower((unsigned char)s[2])};
	for (int i = 0; i < 7; i++)
		if (memcmp(d, days + 3 * i, 3) == 0)
			return 1;
	return 0;
}

int pm_envelope_parse(const char *s, size_t n, igt_date *date, const char **sender,
                      size_t *sender_len)
{
	n = pm_chomp(s, n);
	if (n < 5 || memcmp(s, "From ", 5) != 0)
		return -1;
	/* The sender may hold spaces ("user at domain"): the date starts at
	 * the first day name followed by a month name that parses. */
	size_t i = 5;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		size_t w = i;
		while (i < n && s[i] != ' ' && s[i] != '\t')
			i++;
		/* "Tue Mar  6 ..." (ctime), or "Tue, 6 Mar ..." as some
		 * archivers write the envelope. */
		if (!is_day(s + w, i - w))
			continue;
		size_t j = i;
		while (j < n && (s[j] == ' ' || s[j] == '\t'))
			j++;
		size_t m = j;
		while (j < n && s[j] != ' ' && s[j] != '\t')
			j++;
		int day_first = j - m >= 1 && j - m <= 2 && s[m] >= '0' && s[m] <= '9' &&
		                (j - m == 1 || (s[m + 1] >= '0' && s[m + 1] <= '9'));
		if (!igt_month_parse(s + m, j - m) && !day_first)
			continue;
		int zu;
		if (igt_date_parse_mail(date, s + w, n - w, &zu) != 0)
			continue;
		const char *snd = s + 5;
		size_t sl = w - 5;
		pm_trim(&snd, &sl);
		*sender = snd;
		*sender_len = sl;
		return 0;
	}
	return -1;
}

/* ---- fields ---- */

static json_t *jstr(pm_ctx *ctx, const char *s, size_t n)
{
	return s && n ? igt_doc_json_string(ctx->doc, s, n) : json_null();
}

static void claim_range(pm_ctx *ctx, igt_claim_kind kind, size_t from, size_t to)
{
	if (to > from)
		igt_doc_claim(ctx->doc, kind, ctx->msg_off + from, to - from);
}

/* Fields read into the document are claimed as fields; the rest of the
 * header block (transport and MIME headers, an unreadable Message-ID) is
 * boilerplate. Only the first of a repeated field is read. */
static void claim_headers(pm_ctx *ctx, int msgid_read)
{
	pm_headers *hs = &ctx->headers;
	for (size_t i = 0; i < hs->n; i++) {
		pm_hdr *h = &hs->h[i];
		int read = h->kind != PM_F_OTHER && h->kind <= PM_F_LIST_ID &&
		           hs->first[h->kind] == i + 1 && (msgid_read || h->kind != PM_F_MESSAGE_ID);
		claim_range(ctx, read ? IGT_CLAIM_FIELD : IGT_CLAIM_BOILERPLATE, h->start, h->end);
	}
}

/* The unfolded raw value of a field into buf; NULL when absent. */
static const char *raw_value(pm_ctx *ctx, int kind, igt_buf *buf, size_t *len, uint64_t *line)
{
	pm_hdr *h = pm_headers_find(&ctx->headers, kind);
	if (!h)
		return NULL;
	buf->len = 0;
	pm_unfold(ctx->msg.data + h->val, h->val_end - h->val, buf);
	*len = buf->len;
	if (line)
		*line = h->line;
	return pm_buf_str(buf);
}

static json_t *decoded_value(pm_ctx *ctx, int kind)
{
	size_t n;
	const char *v = raw_value(ctx, kind, &ctx->tmp, &n, NULL);
	if (!v)
		return json_null();
	ctx->tmp2.len = 0;
	ctx->undecodable += pm_header_decode(ctx->conv, v, n, &ctx->tmp2);
	return jstr(ctx, ctx->tmp2.data, ctx->tmp2.len);
}

#define FULLWIDTH_COLON "\xEF\xBC\x9A" /* "：" of CJK mail clients */

/* Reply and forward markers that may precede a subject and its list tag,
 * in the languages of mail clients: Re, Fwd, Fw; German AW, WG; Nordic
 * SV, VS, VB, VL; Dutch Antw, Doorst; French TR; Italian R, Rif;
 * Spanish and Portuguese RES, RV, ENC; Polish Odp, PD; Turkish YNT;
 * Chinese 回复, 答复, 转发, 回覆, 轉寄, 转; Japanese 返信, 転送. */
static size_t reply_prefix(const char *s, size_t n)
{
	static const char *const markers[] = {
	    "re",   "fwd",  "fw",  "aw",  "wg",  "sv", "vs",  "vb",
	    "vl",   "antw", "doorst", "tr", "rif", "res", "rv", "enc",
	    "odp",  "pd",   "ynt", "r",
	    "\xE5\x9B\x9E\xE5\xA4\x8D", "\xE7\xAD\x94\xE5\xA4\x8D",
	    "\xE8\xBD\xAC\xE5\x8F\x91", "\xE5\x9B\x9E\xE8\xA6\x86",
	    "\xE8\xBD\x89\xE5\xAF\x84", "\xE8\xBD\xAC",
	    "\xE8\xBF\x94\xE4\xBF\xA1", "\xE8\xBB\xA2\xE9\x80\x81", NULL};
	/* The first bytes of the markers: most subjects start with none. */
	static const char firsts[] = "rfawsvdteopy\xE5\xE7\xE8";
	if (!n || !memchr(firsts, pm_lower((unsigned char)s[0]), sizeof(firsts) - 1))
		return 0;
	for (int i = 0; markers[i]; i++) {
		size_t l = strlen(markers[i]);
		if (n <= l || !pm_iprefix(s, n, markers[i]))
			continue;
		size_t j = l;
		if (j < n && s[j] == '[') { /* Re[2]: */
			while (j < n && s[j] != ']')
				j++;
			if (j == n)
				continue;
			j++;
		}
		while (j < n && s[j] == ' ')
			j++;
		if (j < n && s[j] == ':')
			return j + 1;
		if (j < n && n - j >= 3 && memcmp(s + j, FULLWIDTH_COLON, 3) == 0)
			return j + 3;
	}
	return 0;
}

/* Whether s[0..n) ends with ']' (before white space): a forward wrapped
 * in brackets closes there. */
static int ends_bracket(const char *s, size_t n)
{
	while (n && pm_is_ws(s[n - 1]))
		n--;
	return n && s[n - 1] == ']';
}

/* The length of the reply markers, white space and forwards wrapped in
 * brackets ("Fwd: [Fwd: [CCWG IG] ...]", as Netscape wrote them) at the
 * start of s; *wraps counts the brackets opened. */
static size_t subject_prefix(const char *s, size_t n, size_t *wraps)
{
	size_t i = 0, k;
	*wraps = 0;
	for (;;) {
		while (i < n && pm_is_ws(s[i]))
			i++;
		if ((k = reply_prefix(s + i, n - i))) {
			i += k;
		} else if (i < n && s[i] == '[' && ends_bracket(s, n) &&
		           (k = reply_prefix(s + i + 1, n - i - 1))) {
			i += 1 + k;
			(*wraps)++;
		} else {
			return i;
		}
	}
}

/* Find the list tag of a subject: the first "[...]" after reply markers,
 * without brackets inside. */
static int subject_tag(const char *s, size_t n, size_t *a, size_t *b)
{
	size_t wraps, i = subject_prefix(s, n, &wraps);
	if (i >= n || s[i] != '[' || reply_prefix(s + i + 1, n - i - 1))
		return 0; /* "[Fwd: …] …" is a forward, not a list */
	const char *close = memchr(s + i, ']', n - i);
	if (!close || (size_t)(close - s) - i - 1 == 0 || (size_t)(close - s) - i - 1 > 64 ||
	    memchr(s + i + 1, '[', (size_t)(close - s) - i - 1))
		return 0;
	*a = i + 1;
	*b = (size_t)(close - s);
	return 1;
}

/* The subject without list tags and reply markers at its start, nor the
 * closing brackets of forwards wrapped in brackets at its end. */
static void subject_clean(const char *s, size_t n, const char *tag, size_t tl, igt_buf *out)
{
	size_t i = 0, wraps_all = 0;
	for (;;) {
		size_t wraps;
		i += subject_prefix(s + i, n - i, &wraps);
		wraps_all += wraps;
		if (tl && i + tl + 2 <= n && s[i] == '[' && s[i + tl + 1] == ']' &&
		    memcmp(s + i + 1, tag, tl) == 0) {
			i += tl + 2;
			continue;
		}
		break;
	}
	size_t e = n;
	for (; wraps_all; wraps_all--) {
		while (e > i && pm_is_ws(s[e - 1]))
			e--;
		if (e == i || s[e - 1] != ']')
			break;
		e--;
		while (e > i && pm_is_ws(s[e - 1]))
			e--;
	}
	out->len = 0;
	igt_buf_add(out, s + i, e - i);
}

/* ---- the document ---- */

void pm_depths_release(pm_ctx *ctx)
{
	for (size_t i = 0; i < sizeof(ctx->depths) / sizeof(ctx->depths[0]); i++) {
		json_decref(ctx->depths[i]);
		ctx->depths[i] = NULL;
	}
}

void pm_doc_begin(pm_ctx *ctx)
{
	pm_depths_release(ctx); /* never shared with an earlier document */
	ctx->doc = igt_doc_new("pipermail", "message");
	ctx->attachments = json_array();
	ctx->quote_depths = json_array();
	free(ctx->footer_list);
	ctx->footer_list = NULL;
	ctx->undecodable = 0;
	if (ctx->bom) {
		igt_doc_claim(ctx->doc, IGT_CLAIM_BOILERPLATE, 0, ctx->bom);
		ctx->bom = 0;
	}
}

static size_t count_words(const char *s, size_t n)
{
	size_t words = 0;
	for (size_t i = 0; i < n; i++)
		if (!pm_is_ws(s[i]) && (i == 0 || pm_is_ws(s[i - 1])))
			words++;
	return words;
}

/* Whether the surname before the comma is one word, or words of which
 * all but the last are particles ("de La Chapelle", "van der Berg"). */
static int surname_words(const char *s, size_t n)
{
	static const char *const particles[] = {"de",  "la", "le",  "du",  "da",  "das", "do",
	                                        "dos", "di", "del", "della", "van", "von", "der",
	                                        "den", "ter", "ten", "af",  "al",  "el",  "bin",
	                                        "ibn", "st.", NULL};
	size_t words = count_words(s, n);
	for (size_t i = 0, w = 0; i < n && w + 1 < words;) {
		while (i < n && pm_is_ws(s[i]))
			i++;
		size_t from = i;
		while (i < n && !pm_is_ws(s[i]))
			i++;
		int particle = 0;
		for (int k = 0; particles[k] && !particle; k++)
			particle = pm_ieq(s + from, i - from, particles[k]);
		if (!particle)
			return 0;
		w++;
	}
	return words >= 1 && words <= 4;
}

/* "Nehren, Daniel" (surname first, as Exchange writes names) in the
 * order of the rest: "Daniel Nehren", also with particles ("de La
 * Chapelle, Bertrand") and with what Exchange adds in brackets ("Smith,
 * John (ICANN)", the bracket left out of the name). Only for one or two
 * given names, so "Doe, Jr." or "Jane Doe, ICANN" are left alone. */
static int surname_first(const char *s, size_t n, igt_buf *out)
{
	static const char *const suffixes[] = {"jr",  "jr.",   "sr", "sr.", "ii",   "iii", "iv",
	                                       "phd", "ph.d.", "md", "esq", "esq.", NULL};
	pm_trim(&s, &n);
	if (n && s[n - 1] == ')') {
		const char *open = NULL;
		for (size_t i = 0; i < n; i++)
			if (s[i] == '(')
				open = s + i;
		if (open && memchr(s, ',', (size_t)(open - s)))
			n = (size_t)(open - s);
	}
	const char *comma = memchr(s, ',', n);
	if (!comma || memchr(comma + 1, ',', n - (size_t)(comma + 1 - s)))
		return 0;
	const char *a = s, *b = comma + 1;
	size_t al = (size_t)(comma - s), bl = n - (size_t)(b - s);
	pm_trim(&a, &al);
	pm_trim(&b, &bl);
	if (!surname_words(a, al) || count_words(b, bl) < 1 || count_words(b, bl) > 2)
		return 0;
	for (size_t i = 0; i < al + bl; i++) {
		char c = i < al ? a[i] : b[i - al];
		if (c == '@' || c == '(' || c == '"' || (c >= '0' && c <= '9'))
			return 0;
	}
	for (int k = 0; suffixes[k]; k++)
		if (pm_ieq(b, bl, suffixes[k]))
			return 0;
	out->len = 0;
	igt_buf_add(out, b, bl);
	igt_buf_addc(out, ' ');
	igt_buf_add(out, a, al);
	return 1;
}

/* The author as a person of the document, from a parsed address. */
void pm_doc_author(pm_ctx *ctx, const pm_addr *from)
{
	if (!from->name.len)
		return;
	igt_name nm;
	igt_buf *order = &ctx->tmp2;
	const char *name = from->name.data;
	size_t len = from->name.len;
	pm_trim(&name, &len);
	/* Outlook's 'Jane Doe', in single quotes inside the phrase. */
	if (len > 2 && name[0] == '\'' && name[len - 1] == '\'') {
		name++;
		len -= 2;
	}
	/* "Jane Doe via CCWG IG": Mailman's DMARC rewriting puts the list's
	 * address in From and adds the list's name to the author's. */
	const char *via = pm_memmem(name, len, " via ", 5);
	if (via && via > name)
		len = (size_t)(via - name);
	if (surname_first(name, len, order))
		igt_name_parse(&nm, order->data, order->len);
	else
		igt_name_parse(&nm, name, len);
	igt_buf *w = &ctx->tmp;
	w->len = 0;
	igt_buf_add(w, from->name.data, from->name.len);
	igt_person *p = igt_doc_add_person(ctx->doc, nm.name, pm_buf_str(w));
	if (nm.honorific)
		igt_person_set(ctx->doc, p, IGT_PERSON_HONORIFIC, nm.honorific);
	igt_person_add_role(ctx->doc, p, "author");
	igt_name_clear(&nm);
}

int pm_doc_finish(pm_ctx *ctx, pm_fields *f)
{
	json_t *fields = igt_doc_fields(ctx->doc);
	const char *list = ctx->footer_list, *source = "footer";
	size_t ll = list ? strlen(list) : 0;
	if (!list && f->list_id.len) {
		list = f->list_id.data;
		ll = f->list_id.len;
		source = "list-id";
	}
	if (!list && f->tag.len) {
		list = f->tag.data;
		ll = f->tag.len;
		source = "subject-tag";
	}
	if (!list && ctx->cfg->list && *ctx->cfg->list) {
		list = ctx->cfg->list;
		ll = strlen(list);
		source = "option";
	}
	pm_json_set(fields, "message_id", jstr(ctx, f->message_id.data, f->message_id.len));
	pm_json_set(fields, "in_reply_to",
	                    jstr(ctx, f->in_reply_to.data, f->in_reply_to.len));
	pm_json_set(fields, "references", f->references ? f->references : json_array());
	pm_json_set(fields, "thread_root", jstr(ctx, f->root.data, f->root.len));
	pm_json_set(fields, "subject", jstr(ctx, f->subject.data, f->subject.len));
	pm_json_set(fields, "subject_clean", jstr(ctx, f->clean.data, f->clean.len));
	pm_json_set(fields, "list", jstr(ctx, list, ll));
	pm_json_set(fields, "list_source", list ? json_string(source) : json_null());
	pm_json_set(fields, "from_name", jstr(ctx, f->from.name.data, f->from.name.len));
	pm_json_set(fields, "from_address",
	                    jstr(ctx, f->from.address.data, f->from.address.len));
	pm_json_set(fields, "to", f->to ? f->to : json_null());
	pm_json_set(fields, "cc", f->cc ? f->cc : json_null());
	pm_json_set(fields, "envelope_sender", jstr(ctx, f->sender.data, f->sender.len));
	pm_json_set(fields, "envelope_date",
	                    jstr(ctx, f->envelope_date.data, f->envelope_date.len));
	pm_json_set(fields, "attachments", ctx->attachments);
	pm_json_set(fields, "quote_depths", ctx->quote_depths);
	pm_json_set(fields, "undecodable_bytes",
	                    json_integer((json_int_t)ctx->undecodable));
	pm_json_set(fields, "incomplete", json_boolean(ctx->incomplete));
	f->references = f->to = f->cc = NULL;
	ctx->attachments = ctx->quote_depths = NULL;
	pm_depths_release(ctx);
	if (f->subject.len)
		igt_doc_set(ctx->doc, IGT_DOC_TITLE, f->subject.data, f->subject.len);
	if (ctx->undecodable)
		pm_warn(
		    ctx, ctx->msg_line,
		    "%zu bytes of this message could not be decoded and were replaced by U+FFFD",
		    ctx->undecodable);
	igt_doc *doc = ctx->doc;
	ctx->doc = NULL;
	ctx->emitted++;
	return ctx->emit(doc, ctx->payload);
}

void pm_fields_reset(pm_fields *f)
{
	f->message_id.len = f->in_reply_to.len = f->root.len = 0;
	f->subject.len = f->clean.len = f->tag.len = f->list_id.len = 0;
	f->from.name.len = f->from.address.len = 0;
	f->sender.len = f->envelope_date.len = 0;
	if (f->references)
		json_decref(f->references);
	if (f->to)
		json_decref(f->to);
	if (f->cc)
		json_decref(f->cc);
	f->references = f->to = f->cc = NULL;
}

void pm_fields_free(pm_fields *f)
{
	pm_fields_reset(f);
	igt_buf *bufs[] = {&f->message_id,   &f->in_reply_to, &f->root,         &f->subject,
	                   &f->clean,        &f->tag,         &f->list_id,      &f->from.name,
	                   &f->from.address, &f->sender,      &f->envelope_date};
	for (size_t i = 0; i < sizeof(bufs) / sizeof(bufs[0]); i++)
		igt_buf_free(bufs[i]);
}

/* ---- one message ---- */

static void read_envelope(pm_ctx *ctx, pm_fields *f)
{
	if (!ctx->envelope_len)
		return;
	if (ctx->envelope_len >= 4 && memcmp(ctx->msg.data, "\x01\x01\x01\x01", 4) == 0) {
		/* An MMDF start marker. */
		claim_range(ctx, IGT_CLAIM_BOILERPLATE, 0,
		            pm_chomp(ctx->msg.data, ctx->envelope_len));
		return;
	}
	igt_date d;
	const char *snd;
	size_t sl;
	claim_range(ctx, IGT_CLAIM_FIELD, 0, pm_chomp(ctx->msg.data, ctx->envelope_len));
	if (ctx->envelope_dated) {
		d = ctx->envelope_date; /* the splitter read the line (at msg's start) */
		snd = ctx->msg.data + ctx->envelope_sender;
		sl = ctx->envelope_sender_len;
	} else if (pm_envelope_parse(ctx->msg.data, ctx->envelope_len, &d, &snd, &sl) != 0) {
		return;
	}
	if (sl && !(sl == 1 && snd[0] == '-')) {
		ctx->undecodable += pm_raw_decode(ctx->conv, snd, sl, &f->sender);
		pm_addr_unobfuscate(&f->sender);
	}
	char iso[40];
	size_t il = igt_date_format(&d, iso, sizeof(iso));
	igt_buf_add(&f->envelope_date, iso, il);
}

static void read_message_id(pm_ctx *ctx, pm_fields *f, int *duplicate)
{
	size_t n;
	uint64_t line = ctx->msg_line;
	const char *v = raw_value(ctx, PM_F_MESSAGE_ID, &ctx->tmp, &n, &line);
	const char *id;
	size_t il;
	*duplicate = 0;
	if (!v) {
		pm_warn(ctx, ctx->msg_line,
		        "message without a Message-ID: its id is derived from "
		        "the file and its position");
		return;
	}
	if (!pm_msgid_first(v, n, &id, &il)) {
		pm_warn(ctx, line,
		        "unreadable Message-ID \"%.60s\": the id is derived from the file "
		        "and its position",
		        v);
		return;
	}
	igt_buf_add(&f->message_id, id, il);
	if (!pm_utf8_valid(id, il)) {
		/* Repaired to U+FFFD, two different ids could become one. */
		*duplicate = 1;
		pm_warn(ctx, line,
		        "Message-ID with bytes that are not UTF-8: this message gets an id derived "
		        "from its position");
	} else if (pm_idset_seen(ctx->ids, id, il)) {
		*duplicate = 1;
		pm_warn(ctx, line,
		        "Message-ID <%.*s> already used earlier in this input: this message "
		        "gets an id derived from its position",
		        (int)(il > 80 ? 80 : il), id);
	}
}

/* An id of a References value that pm_utf8_valid accepted: cut at ASCII
 * brackets and white space, it is valid UTF-8 without NUL too, so jansson
 * need not check it again. */
static void add_reference(void *arg, const char *id, size_t len)
{
	json_array_append_new((json_t *)arg, json_stringn_nocheck(id, len));
}

static void read_thread(pm_ctx *ctx, pm_fields *f, int duplicate)
{
	size_t n;
	const char *v = raw_value(ctx, PM_F_IN_REPLY_TO, &ctx->tmp, &n, NULL), *id;
	size_t il;
	if (v && pm_msgid_first(v, n, &id, &il) && pm_utf8_valid(id, il))
		igt_buf_add(&f->in_reply_to, id, il);
	f->references = json_array();
	v = raw_value(ctx, PM_F_REFERENCES, &ctx->tmp, &n, NULL);
	if (v && pm_utf8_valid(v, n))
		pm_msgid_each(v, n, add_reference, f->references);
	/* The root: the root of the nearest ancestor seen in this input;
	 * else the first References entry; else the parent; else itself. */
	const char *root = NULL;
	if (f->in_reply_to.len)
		root = pm_threads_get(ctx->threads, f->in_reply_to.data, f->in_reply_to.len);
	for (size_t k = json_array_size(f->references); !root && k-- > 0;) {
		const char *r = json_string_value(json_array_get(f->references, k));
		root = pm_threads_get(ctx->threads, r, strlen(r));
	}
	if (!root && json_array_size(f->references))
		root = json_string_value(json_array_get(f->references, 0));
	if (!root && f->in_reply_to.len)
		root = pm_buf_str(&f->in_reply_to);
	if (!root && f->message_id.len)
		root = pm_buf_str(&f->message_id);
	if (root) {
		/* Copy before the map may forget the entry it points into. */
		size_t rl = strlen(root);
		igt_buf_reserve(&f->root, rl);
		memmove(f->root.data, root, rl);
		f->root.len = rl;
	}
	if (f->message_id.len && !duplicate && pm_utf8_valid(f->message_id.data, f->message_id.len))
		pm_threads_put(ctx->threads, f->message_id.data, f->message_id.len,
		               f->root.len ? f->root.data : f->message_id.data,
		               f->root.len ? f->root.len : f->message_id.len);
}

static void read_date(pm_ctx *ctx)
{
	size_t n;
	uint64_t line = ctx->msg_line;
	const char *v = raw_value(ctx, PM_F_DATE, &ctx->tmp, &n, &line);
	if (!v || !n) {
		pm_warn(ctx, v ? line : ctx->msg_line, "message without a Date: its date is null");
		return;
	}
	ctx->tmp2.len = 0;
	ctx->undecodable += pm_header_decode(ctx->conv, v, n, &ctx->tmp2);
	igt_doc_set(ctx->doc, IGT_DOC_DATE_TEXT, ctx->tmp2.data, ctx->tmp2.len);
	igt_date d;
	int zone_unknown = 0;
	if (igt_date_parse_mail(&d, v, n, &zone_unknown) != 0) {
		pm_warn(ctx, line, "unreadable Date \"%.60s\": the date is null", v);
		return;
	}
	if (zone_unknown)
		pm_warn(ctx, line,
		        "unknown or impossible time zone in Date \"%.60s\": the date is "
		        "kept without a zone",
		        v);
	char iso[40];
	size_t il = igt_date_format(&d, iso, sizeof(iso));
	if (il)
		igt_doc_set(ctx->doc, IGT_DOC_DATE, iso, il);
}

void pm_subject_parts(pm_fields *f)
{
	const char *s = f->subject.data;
	size_t sl = f->subject.len;
	pm_trim(&s, &sl);
	if (sl)
		memmove(f->subject.data, s, sl);
	f->subject.len = sl;
	f->tag.len = 0;
	size_t a, b;
	if (sl && subject_tag(f->subject.data, sl, &a, &b)) {
		const char *t = f->subject.data + a;
		size_t tl = b - a;
		pm_trim(&t, &tl);
		igt_buf_add(&f->tag, t, tl);
		subject_clean(f->subject.data, sl, f->subject.data + a, b - a, &f->clean);
	} else {
		subject_clean(f->subject.data ? f->subject.data : "", sl, NULL, 0, &f->clean);
	}
}

static void read_subject(pm_ctx *ctx, pm_fields *f)
{
	size_t n;
	const char *v = raw_value(ctx, PM_F_SUBJECT, &ctx->tmp, &n, NULL);
	if (!v)
		return;
	ctx->undecodable += pm_header_decode(ctx->conv, v, n, &f->subject);
	pm_subject_parts(f);
}

static void read_list_id(pm_ctx *ctx, pm_fields *f)
{
	size_t n;
	const char *v = raw_value(ctx, PM_F_LIST_ID, &ctx->tmp, &n, NULL);
	if (!v)
		return;
	const char *lt = memchr(v, '<', n), *id = v;
	size_t il = n;
	if (lt) {
		const char *gt = memchr(lt, '>', n - (size_t)(lt - v));
		id = lt + 1;
		il = gt ? (size_t)(gt - id) : n - (size_t)(id - v);
	}
	pm_trim(&id, &il);
	const char *dot = memchr(id, '.', il);
	if (dot)
		il = (size_t)(dot - id); /* Mailman's list-id is listname.host */
	if (il && pm_utf8_valid(id, il) && !memchr(id, ' ', il))
		igt_buf_add(&f->list_id, id, il);
}

int pm_message_emit(pm_ctx *ctx)
{
	pm_fields *f = &ctx->fields;
	pm_fields_reset(f);
	pm_doc_begin(ctx);
	read_envelope(ctx, f);
	uint64_t first = ctx->msg_line + (ctx->envelope_len ? 1 : 0);
	pm_headers_parse(ctx, &ctx->headers, ctx->envelope_len, ctx->msg.len, first);
	if (!ctx->headers.n)
		pm_warn(ctx, ctx->msg_line, "message without header fields");
	int duplicate;
	read_message_id(ctx, f, &duplicate);
	claim_headers(ctx, f->message_id.len > 0);
	read_thread(ctx, f, duplicate);
	read_date(ctx);
	read_subject(ctx, f);
	read_list_id(ctx, f);
	size_t n;
	const char *v = raw_value(ctx, PM_F_FROM, &ctx->tmp, &n, NULL);
	if (v) {
		ctx->tmp2.len = 0;
		igt_buf_add(&ctx->tmp2, v, n);
		ctx->undecodable +=
		    pm_addr_parse(ctx->conv, ctx->tmp2.data, ctx->tmp2.len, &f->from);
		pm_doc_author(ctx, &f->from);
	}
	f->to = decoded_value(ctx, PM_F_TO);
	f->cc = decoded_value(ctx, PM_F_CC);
	pm_mime_body(ctx);
	if (f->message_id.len && !duplicate)
		igt_doc_set(ctx->doc, IGT_DOC_ID, f->message_id.data, f->message_id.len);
	uint64_t span = ctx->msg.len;
	if (ctx->trailer_len) {
		/* The MMDF end marker belongs to this message. */
		igt_doc_claim(ctx->doc, IGT_CLAIM_BOILERPLATE, ctx->trailer_off, ctx->trailer_len);
		span = ctx->trailer_off + ctx->trailer_len - ctx->msg_off;
	}
	igt_doc_set_source_span(ctx->doc, ctx->msg_off, span);
	return pm_doc_finish(ctx, f);
}
