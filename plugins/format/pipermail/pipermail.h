/* SPDX-License-Identifier: MIT */
/*
 * Shared declarations of the pipermail format plugin. The plugin is split
 * into small files (splitter, headers, MIME, charsets, HTML, body
 * segmentation, threads, the single-page form); this header is what they
 * share. Every name outside a file is prefixed pm_ because the plugin is
 * also linked statically into igtext beside the other plugins, where
 * external names must not clash.
 */
#ifndef PIPERMAIL_H
#define PIPERMAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <igtext/igtext.h>

/* ---- buffers ---- */

/* Every stage keeps its igt_buf from message to message, so reading an
 * archive allocates only when a message is bigger than any before it. The
 * stages shorten buffers in place (len = 0, len -= 3), which leaves no NUL
 * at the end: this puts one there, without counting it, for strto* and
 * logging. */
static inline const char *pm_buf_str(igt_buf *b)
{
	igt_buf_reserve(b, 0);
	b->data[b->len] = '\0';
	return b->data;
}

/* Set a member of a JSON object whose key is a literal in ASCII:
 * jansson need not check the key's UTF-8 each time. */
static inline void pm_json_set(json_t *object, const char *key, json_t *value)
{
	json_object_set_new_nocheck(object, key, value);
}

/* ---- small text helpers (util.c) ---- */

static inline int pm_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static inline int pm_is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Case-insensitive comparison of s[0..n) with the NUL-terminated word.
 * Inline, as the next one: they are called for every field and many
 * lines, mostly with a literal word. */
static inline int pm_ieq(const char *s, size_t n, const char *word)
{
	size_t i = 0;
	for (; i < n; i++)
		if (!word[i] || pm_lower((unsigned char)s[i]) != pm_lower((unsigned char)word[i]))
			return 0;
	return word[i] == '\0';
}

/* Whether s[0..n) starts with prefix, ignoring ASCII case. */
static inline int pm_iprefix(const char *s, size_t n, const char *prefix)
{
	size_t i = 0;
	for (; prefix[i]; i++)
		if (i >= n || pm_lower((unsigned char)s[i]) != pm_lower((unsigned char)prefix[i]))
			return 0;
	return 1;
}
/* Trim white space on both sides of [*s, *s + *n). */
void pm_trim(const char **s, size_t *n);
/* Whether every byte of s[0..n) is white space. Inline: the splitter
 * asks it of every line, and most lines answer at their first byte. */
static inline int pm_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!pm_is_ws(s[i]))
			return 0;
	return 1;
}
/* Find the needle in s[0..n), or NULL. */
const char *pm_memmem(const char *s, size_t n, const char *needle, size_t nlen);
/* Length of s[0..n) without a final "\r\n" or "\n". */
static inline size_t pm_chomp(const char *s, size_t n)
{
	if (n && s[n - 1] == '\n')
		n--;
	if (n && s[n - 1] == '\r')
		n--;
	return n;
}

/* ---- charsets (charset.c) ---- */

typedef struct pm_conv pm_conv;
pm_conv *pm_conv_new(void);
void pm_conv_free(pm_conv *cv);
/* Scratch buffers owned by the converter (0 <= i < 24), for the header
 * decoders, so that nothing is static and nothing is allocated per call. */
igt_buf *pm_conv_scratch(pm_conv *cv, int i);

/* Whether s[0..n) is valid UTF-8 without NUL bytes. */
int pm_utf8_valid(const char *s, size_t n);

/* A charset label as found in a message, reduced to what conversion
 * needs: PM_CS_NONE (absent, US-ASCII, the Latin-1 family or unknown:
 * read as UTF-8 when the bytes are valid UTF-8, else as Windows-1252),
 * PM_CS_UTF8, or PM_CS_OTHER (converted with iconv). */
enum { PM_CS_NONE = 0, PM_CS_UTF8, PM_CS_OTHER };

/* A conversion in progress: keeps iconv's shift state across the lines of
 * one part (ISO-2022-JP and friends). */
typedef struct pm_decoder {
	pm_conv *cv;
	int kind;       /* PM_CS_* */
	void *cd;       /* iconv_t when kind is PM_CS_OTHER */
	char label[48]; /* charset as declared, lower case */
	int unknown;    /* the declared charset is not one iconv knows */
} pm_decoder;

/* Prepare to decode text declared as label[0..n) (n may be 0). */
void pm_decoder_start(pm_decoder *d, pm_conv *cv, const char *label, size_t n);
/* Append s[0..n) as UTF-8 to out; returns the bytes that could not be
 * decoded (each replaced by U+FFFD). NUL bytes are replaced too. */
size_t pm_decode(pm_decoder *d, const char *s, size_t n, igt_buf *out);
/* Whether a line needs pm_decode at all (it is not plain valid UTF-8 in
 * a part that may be read as UTF-8). */
int pm_decoder_needed(const pm_decoder *d, const char *s, size_t n);

/* ---- header fields (header.c) ---- */

/* The fields the plugin reads, told apart once when the head is parsed
 * so that finding one is an array look-up (PM_F_OTHER: any other). */
enum {
	PM_F_OTHER = 0,
	PM_F_FROM,
	PM_F_DATE,
	PM_F_SUBJECT,
	PM_F_MESSAGE_ID,
	PM_F_IN_REPLY_TO,
	PM_F_REFERENCES,
	PM_F_TO,
	PM_F_CC,
	PM_F_LIST_ID, /* the last of the fields read into the document */
	PM_F_CONTENT_TYPE,
	PM_F_CONTENT_TRANSFER_ENCODING,
	PM_F_CONTENT_DISPOSITION,
	PM_F_CONTENT_DESCRIPTION,
	PM_F_COUNT
};

typedef struct pm_hdr {
	const char *name;
	size_t name_len;
	int kind; /* PM_F_* */
	size_t start, end;   /* the whole field with continuation lines, message offsets */
	size_t val, val_end; /* the value (after "Name:"), message offsets */
	uint64_t line;       /* input line number of the field */
} pm_hdr;

typedef struct pm_headers {
	pm_hdr *h;
	size_t n, cap;
	size_t body;              /* message offset of the first body byte */
	size_t first[PM_F_COUNT]; /* index + 1 of the first field of each kind; 0: none */
} pm_headers;

struct pm_ctx;
/* Parse the header block of the message's bytes [from, len) (ctx->msg,
 * whose recorded line ends it uses). Lines are counted from first_line
 * for messages. */
void pm_headers_parse(const struct pm_ctx *ctx, pm_headers *hs, size_t from, size_t len,
                      uint64_t first_line);
void pm_headers_free(pm_headers *hs);
/* The first field of a kind (PM_F_FROM …), or NULL. */
static inline pm_hdr *pm_headers_find(pm_headers *hs, int kind)
{
	return hs->first[kind] ? &hs->h[hs->first[kind] - 1] : NULL;
}
/* Whether s[0..n) looks like a header field line "Name: value". */
int pm_is_header_line(const char *s, size_t n);
/* A line that introduces a forwarded or quoted message in a body
 * ("----- Forwarded message from X -----", "-----Original Message-----",
 * "Begin forwarded message:"). */
int pm_forward_mark(const char *s, size_t n);

/* Value of a hexadecimal digit, or -1. */
int pm_hexval(int c);
/* Streaming base64 decoder: characters outside the alphabet are skipped
 * (line ends, stray spaces); after the padding, only a whole line of
 * base64 starts the data again. out may be NULL to only count. Returns
 * the bytes produced. */
typedef struct pm_b64 {
	unsigned acc;
	int bits;
	int done; /* padding seen */
} pm_b64;
/* Whether s[0..n) up to its line end is a whole line of base64: groups
 * of four characters of the alphabet, padding only at its end. */
int pm_b64_line(const char *s, size_t n);
size_t pm_b64_feed(pm_b64 *st, const char *s, size_t n, igt_buf *out);

/* The value unfolded: line ends and the white space after them become one
 * space; outer white space trimmed. Raw bytes, nothing decoded. */
void pm_unfold(const char *s, size_t n, igt_buf *out);
/* Raw bytes (no encoded words) as UTF-8: kept when valid UTF-8, else read
 * as Windows-1252. Returns the bytes that could not be decoded. */
size_t pm_raw_decode(pm_conv *cv, const char *s, size_t n, igt_buf *out);
/* Decode an unstructured header value (RFC 2047 encoded words; raw 8-bit
 * bytes as UTF-8 when valid, else Windows-1252). Appends UTF-8 to out and
 * returns the number of bytes that could not be decoded. */
size_t pm_header_decode(pm_conv *cv, const char *s, size_t n, igt_buf *out);

/* A parameter of a structured header (Content-Type: ...; charset="x"):
 * the value of key, unquoted, with RFC 2231 continuations joined and
 * percent-encoding undone. Returns 1 when found. *charset receives the
 * RFC 2231 charset if there was one (may be NULL). */
int pm_header_param(pm_conv *cv, const char *v, size_t n, const char *key, igt_buf *out,
                    igt_buf *charset);

/* The first <msg-id> of a value without its brackets, or a single bare
 * token holding '@'. Returns 1 when one was found, setting *id and *len
 * to point into v. */
int pm_msgid_first(const char *v, size_t n, const char **id, size_t *len);
/* Every <msg-id> of a value in order: calls fn for each. */
void pm_msgid_each(const char *v, size_t n, void (*fn)(void *arg, const char *id, size_t len),
                   void *arg);

/* The parts of an address header (From: and the page's author line). */
typedef struct pm_addr {
	igt_buf name;    /* decoded display name or comment, UTF-8; len 0 when none */
	igt_buf address; /* "user@domain" (" at " turned back into "@"); len 0 when none */
} pm_addr;
/* Parse a raw From: value. Returns the bytes that could not be decoded. */
size_t pm_addr_parse(pm_conv *cv, const char *v, size_t n, pm_addr *out);
/* "user at domain" -> "user@domain" in place when it has that shape. */
void pm_addr_unobfuscate(igt_buf *a);

/* ---- the bounded Message-ID -> thread root map (thread.c) ---- */

/* Every Message-ID seen in one input, as 64-bit hashes (8 bytes a
 * message), so a repeated id is caught however long the archive is; the
 * thread map above forgets old entries to stay bounded. */
typedef struct pm_idset pm_idset;
pm_idset *pm_idset_new(void);
void pm_idset_free(pm_idset *s);
void pm_idset_clear(pm_idset *s);
/* 1 when id was seen before in this input (it is remembered either way). */
int pm_idset_seen(pm_idset *s, const char *id, size_t len);

typedef struct pm_threads pm_threads;
pm_threads *pm_threads_new(size_t max_entries);
void pm_threads_free(pm_threads *t);
void pm_threads_clear(pm_threads *t);
/* Borrowed root of id, or NULL when unknown (or forgotten). */
const char *pm_threads_get(pm_threads *t, const char *id, size_t len);
/* Remember id -> root (both copied); the oldest entry goes when full. */
void pm_threads_put(pm_threads *t, const char *id, size_t len, const char *root, size_t rlen);

/* ---- the plugin state and the message being built ---- */

/* Values of the fields of the document being built (message.c). */
typedef struct pm_fields {
	igt_buf message_id, in_reply_to, root;
	igt_buf subject, clean, tag, list_id;
	igt_buf sender, envelope_date;
	pm_addr from;
	json_t *references, *to, *cc; /* owned until pm_doc_finish */
} pm_fields;

/* One line of text to segment: its bytes are in the message buffer (area
 * 0, so text and input offsets differ by a constant) or in the decoding
 * arena (area 1: decoded or converted text, whose input range is only
 * known per line). Line ends are not included. */
typedef struct pm_line {
	size_t pos, len;
	size_t trimmed; /* len without trailing white space; set by pm_segment */
	int area;
	/* A format=flowed line that starts with a space-stuffed '>': the
	 * space stays in the line, so that the segmentation does not read it
	 * as a quote, and is left out of the segment's text. */
	int stuffed;
	uint64_t src, src_len; /* input byte range of the line */
} pm_line;

typedef struct pm_config {
	char *list;
	int64_t max_thread_map;
} pm_config;

typedef struct pm_ctx {
	const pm_config *cfg;
	const char *plugin; /* our name, for messages */
	pm_conv *conv;
	pm_threads *threads;
	pm_idset *ids;

	/* per input */
	igt_input *in;
	igt_emit_fn emit;
	void *payload;
	/* 3 when the input starts with a byte order mark, claimed by the
	 * first document */
	uint64_t bom;
	size_t emitted;

	/* the message being read */
	igt_buf msg;         /* its bytes exactly as in the input */
	/* The offset after each of its lines, as the reader appended them
	 * (pm_msg_add): the header parser, the MIME walk and the decoders
	 * find line ends here instead of scanning the bytes again. */
	size_t *eols;
	size_t n_eols, cap_eols;
	uint64_t msg_off;    /* input offset of msg.data[0] */
	uint64_t msg_line;   /* input line number of its first line */
	size_t envelope_len; /* length of its "From " line, 0 when none */
	/* The "From " line's date and sender (an offset in msg) when the
	 * splitter found them, so that the line is not parsed again. */
	int envelope_dated;
	igt_date envelope_date;
	size_t envelope_sender, envelope_sender_len;
	int incomplete;      /* cut short by a read error */

	/* the document being built */
	igt_doc *doc;
	pm_headers headers;
	pm_headers part_headers;
	pm_line *lines;
	size_t n_lines, cap_lines;
	igt_buf arena;     /* decoded text of the current part */
	igt_buf scratch;   /* segment text being joined */
	igt_buf tmp, tmp2; /* header values */
	size_t *starts;   /* HTML conversion: line starts in the joined source */
	size_t cap_starts;
	struct pm_ckpt *ckpt; /* base64: where each encoded line's bytes start */
	size_t cap_ckpt;
	struct pm_leaf *leaves; /* MIME parts of the message */
	size_t n_leaves, cap_leaves;
	json_t *attachments;
	json_t *quote_depths;
	/* The depths 0 to 3 as JSON values that quote_depths shares: most
	 * segments have one of them, and one value each was an allocation
	 * a segment. Made as needed for each document. */
	json_t *depths[4];
	char *footer_list; /* list name found in a footer, owned */
	size_t undecodable;
	pm_fields fields;
	uint64_t trailer_off,
	    trailer_len; /* an MMDF end marker, claimed by the message before it */
	igt_buf line;    /* a possible separator line while the next line is peeked at */
} pm_ctx;

/* Report a problem at a given input line: "NAME:LINE: pipermail: ...". */
void pm_warn(pm_ctx *ctx, uint64_t line, const char *fmt, ...) IGT_PRINTF(3, 4);

/* Text of a line (not NUL-terminated). */
static inline const char *pm_line_text(const pm_ctx *ctx, const pm_line *l)
{
	return (l->area ? ctx->arena.data : ctx->msg.data) + l->pos;
}

/* Make room for more lines in ctx->lines. */
void pm_lines_grow(pm_ctx *ctx);

/* Make room for more line ends in ctx->eols. */
void pm_eols_grow(pm_ctx *ctx);

/* Append a line of input (with its line end, if it has one) to the
 * message and record where it ends. Only whole lines are appended, so
 * every line feed of the message ends a recorded line. */
static inline void pm_msg_add(pm_ctx *ctx, const char *s, size_t n)
{
	igt_buf_add(&ctx->msg, s, n);
	if (ctx->n_eols == ctx->cap_eols)
		pm_eols_grow(ctx);
	ctx->eols[ctx->n_eols++] = ctx->msg.len;
}

/* Empty the message and its line ends. */
static inline void pm_msg_clear(pm_ctx *ctx)
{
	ctx->msg.len = 0;
	ctx->n_eols = 0;
}

/* The index of the first recorded line end after pos (ctx->n_eols when
 * none). */
size_t pm_msg_line_find(const pm_ctx *ctx, size_t pos);

/* The end of the line of the message that holds pos (the offset after its
 * line feed), at most end: what a search for '\n' from pos gives, taken
 * from the recorded line ends. *k is a cursor for a walk forward (start
 * it at 0): a walk line by line costs one look-up a line, and a position
 * elsewhere is found by a binary search. */
static inline size_t pm_msg_line_end(const pm_ctx *ctx, size_t *k, size_t pos, size_t end)
{
	const size_t *e = ctx->eols;
	size_t n = ctx->n_eols, i = *k;
	if (i >= n || e[i] <= pos || (i && e[i - 1] > pos))
		i = pm_msg_line_find(ctx, pos);
	*k = i + 1;
	size_t next = i < n ? e[i] : end;
	return next < end ? next : end;
}

/* Append a line to ctx->lines and return its index. */
static inline size_t pm_line_add(pm_ctx *ctx, size_t pos, size_t len, int area, uint64_t src,
                                 uint64_t src_len)
{
	if (ctx->n_lines == ctx->cap_lines)
		pm_lines_grow(ctx);
	pm_line *l = &ctx->lines[ctx->n_lines];
	l->pos = pos;
	l->len = l->trimmed = len;
	l->area = area;
	l->stuffed = 0;
	l->src = src;
	l->src_len = src_len;
	return ctx->n_lines++;
}

/* A decoded position and the input line it came from. */
typedef struct pm_ckpt {
	size_t dec;            /* offset in the decoded bytes */
	uint64_t src, src_len; /* the encoded line */
} pm_ckpt;

/* ---- body segmentation (body.c) ---- */

enum {
	PM_SEG_ENCODED = 1, /* lines were transfer-decoded: claim what decodes to white space */
	PM_SEG_PAGE = 2,    /* the single-page form: navigation lines and its footer */
};

/* Turn lines[first..first+n) into segments, attachment fields and
 * boilerplate claims of ctx->doc. */
void pm_segment(pm_ctx *ctx, size_t first, size_t n, unsigned flags);

/* Undo RFC 3676 format=flowed in lines[first..first+n): a line ending
 * with a space goes on in the next line of the same quote depth, which is
 * joined to it (its trailing space removed when delsp is set), and
 * space-stuffing is undone. The lines are rewritten in place; returns
 * how many there are now. */
size_t pm_flowed(pm_ctx *ctx, size_t first, size_t n, int delsp);

/* Whether s[0..n) is Mailman's "next part" separator line. */
int pm_is_next_part(const char *s, size_t n);

/* ---- MIME (mime.c) ---- */

/* Read the body of the message in ctx (headers already parsed into
 * ctx->headers): segments from its text parts, the rest as attachments. */
void pm_mime_body(pm_ctx *ctx);

/* ---- HTML to text (html.c) ---- */

/* Convert lines[first..first+n) (HTML) into text lines appended to
 * ctx->lines; returns the index of the first new line and sets *count. */
size_t pm_html_to_lines(pm_ctx *ctx, size_t first, size_t n, size_t *count);

/* ---- documents (message.c) ---- */

/* Build the document of the message in ctx->msg and emit it. Returns 0
 * or the emit error. */
int pm_message_emit(pm_ctx *ctx);
/* Drop the document's shared depth values (ctx->depths). */
void pm_depths_release(pm_ctx *ctx);
/* Start a new document (ctx->doc) with the per-document state reset. */
void pm_doc_begin(pm_ctx *ctx);
/* The author as a person of the document, when the address has a name. */
void pm_doc_author(pm_ctx *ctx, const pm_addr *from);
/* Set the fields (in their documented order) and emit ctx->doc. */
int pm_doc_finish(pm_ctx *ctx, pm_fields *f);
void pm_fields_reset(pm_fields *f);
void pm_fields_free(pm_fields *f);
/* The list tag of a subject ("[CCWG IG]" -> "CCWG IG") into f->tag and
 * the subject without tag and reply markers into f->clean. */
void pm_subject_parts(pm_fields *f);

/* Parse an envelope "From " line: sender and date. Returns 0 when the line
 * has a date in the ctime form. */
int pm_envelope_parse(const char *s, size_t n, igt_date *date, const char **sender,
                      size_t *sender_len);

/* ---- readers (mbox.c, page.c) ---- */

enum { PM_MODE_NONE = 0, PM_MODE_MBOX, PM_MODE_MMDF, PM_MODE_HEADERS, PM_MODE_PAGE, PM_MODE_YEARS };

/* Which form head[0..len) is in, and how sure that is (0-100). */
int pm_sniff(const char *head, size_t len, int *score);

int pm_read_mailbox(pm_ctx *ctx, int mode);
int pm_read_page(pm_ctx *ctx);

/* The head of a single-message page: which lines hold what. */
typedef struct pm_page_head {
	int ok;
	size_t subject, subject_end; /* byte ranges in the text; equal when absent */
	size_t name, name_end;
	size_t addr, addr_end;
	size_t date, date_end;
	size_t body; /* first byte after the date line */
	igt_date parsed;
	int zone_unknown;
} pm_page_head;
void pm_page_head_parse(const char *s, size_t n, pm_page_head *out);

#endif
