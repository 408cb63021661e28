/* SPDX-License-Identifier: MIT */
/*
 * Header fields: the header block of a message or MIME part split into
 * fields (with their continuation lines, so each can be claimed), values
 * unfolded, RFC 2047 encoded words decoded (adjacent words of one charset
 * joined before conversion, because mailers split multi-byte characters
 * between words), structured parameters with RFC 2231 continuations,
 * Message-IDs, and the address forms of list archives: `user at domain
 * (Name)` as pipermail writes it, `"Name" <user@domain>`, bare addresses.
 *
 * Everything is lenient: real archives hold every kind of broken header,
 * and a value that cannot be read is left out rather than guessed.
 */
#include <stdlib.h>

#include "pipermail.h"

/* ---- the header block ---- */

int pm_is_header_line(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && i < 77) {
		unsigned char c = (unsigned char)s[i];
		if (c == ':')
			break;
		if (c <= 32 || c >= 127)
			break;
		i++;
	}
	if (i == 0)
		return 0;
	size_t name = i;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++; /* obsolete "Name :" */
	return i < n && s[i] == ':' && name <= 76;
}

static void headers_push(pm_headers *hs, const pm_hdr *h)
{
	if (hs->n == hs->cap) {
		size_t cap = hs->cap ? hs->cap * 2 : 32;
		pm_hdr *p = realloc(hs->h, cap * sizeof(*p));
		if (!p)
			abort();
		hs->h = p;
		hs->cap = cap;
	}
	hs->h[hs->n++] = *h;
}

/* Whether a field's name is one mail uses: the standard ones and the
 * families of extensions (X-, List-, Content-, …). */
static int mail_field(const char *name, size_t n)
{
	static const char *const names[] = {
	    "from", "to", "cc", "bcc", "date", "subject", "message-id", "in-reply-to", "references",
	    "reply-to", "sender", "return-path", "received", "mime-version", "organization",
	    "organisation", "user-agent", "precedence", "errors-to", "delivered-to", "envelope-to",
	    "keywords", "comments", "thread-topic", "thread-index", "importance", "priority",
	    "mailing-list", "status", "lines", "path", "newsgroups", "followup-to", "approved",
	    "disposition-notification-to", "openpgp", "autocrypt", "face", NULL};
	static const char *const families[] = {"x-",   "list-", "content-", "resent-", "arc-",
	                                       "dkim-", "authentication-", "received-", "auto-",
	                                       NULL};
	for (int i = 0; names[i]; i++)
		if (pm_ieq(name, n, names[i]))
			return 1;
	for (int i = 0; families[i]; i++)
		if (pm_iprefix(name, n, families[i]))
			return 1;
	return 0;
}

/* Which of the fields the plugin reads a name is. */
static int field_kind(const char *name, size_t n)
{
	static const struct {
		const char *name;
		size_t len;
		int kind;
	} kinds[] = {
	    {"From", 4, PM_F_FROM},
	    {"Date", 4, PM_F_DATE},
	    {"Subject", 7, PM_F_SUBJECT},
	    {"Message-ID", 10, PM_F_MESSAGE_ID},
	    {"In-Reply-To", 11, PM_F_IN_REPLY_TO},
	    {"References", 10, PM_F_REFERENCES},
	    {"To", 2, PM_F_TO},
	    {"Cc", 2, PM_F_CC},
	    {"List-Id", 7, PM_F_LIST_ID},
	    {"Content-Type", 12, PM_F_CONTENT_TYPE},
	    {"Content-Transfer-Encoding", 25, PM_F_CONTENT_TRANSFER_ENCODING},
	    {"Content-Disposition", 19, PM_F_CONTENT_DISPOSITION},
	    {"Content-Description", 19, PM_F_CONTENT_DESCRIPTION},
	};
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (n == kinds[i].len && pm_ieq(name, n, kinds[i].name))
			return kinds[i].kind;
	return PM_F_OTHER;
}

void pm_headers_parse(const pm_ctx *ctx, pm_headers *hs, size_t from, size_t len,
                      uint64_t first_line)
{
	const char *msg = ctx->msg.data;
	hs->n = 0;
	hs->body = len;
	memset(hs->first, 0, sizeof(hs->first));
	size_t pos = from, at = 0;
	uint64_t line = first_line;
	while (pos < len) {
		const char *s = msg + pos;
		size_t next = pm_msg_line_end(ctx, &at, pos, len);
		size_t n = pm_chomp(s, next - pos);
		if (pm_blank(s, n)) {
			hs->body = next;
			return;
		}
		if ((s[0] == ' ' || s[0] == '\t') && hs->n) {
			pm_hdr *h = &hs->h[hs->n - 1];
			h->end = h->val_end = pos + n;
		} else if (pm_is_header_line(s, n)) {
			pm_hdr h;
			size_t i = 0;
			while (s[i] != ':' && s[i] != ' ' && s[i] != '\t')
				i++;
			h.name = s;
			h.name_len = i;
			h.kind = field_kind(s, i);
			while (s[i] != ':')
				i++;
			h.start = pos;
			h.val = pos + i + 1;
			h.end = h.val_end = pos + n;
			h.line = line;
			headers_push(hs, &h);
			if (h.kind && !hs->first[h.kind])
				hs->first[h.kind] = hs->n;
		} else {
			/* A stray line: the body starts here, as no blank line
			 * ended the head; fields just before it that mail does
			 * not use ("Note: …") are its first lines. */
			while (hs->n) {
				const pm_hdr *last = &hs->h[hs->n - 1];
				if (mail_field(last->name, last->name_len))
					break;
				hs->n--;
				if (hs->first[last->kind] == hs->n + 1)
					hs->first[last->kind] = 0;
				pos = last->start;
			}
			hs->body = pos;
			return;
		}
		pos = next;
		line++;
	}
}

void pm_headers_free(pm_headers *hs)
{
	free(hs->h);
	hs->h = NULL;
	hs->n = hs->cap = 0;
}

void pm_unfold(const char *s, size_t n, igt_buf *out)
{
	size_t start = out->len;
	size_t i = 0;
	while (i < n && pm_is_ws(s[i]))
		i++;
	while (i < n) {
		if (s[i] == '\r' || s[i] == '\n') {
			while (i < n &&
			       (s[i] == '\r' || s[i] == '\n' || s[i] == ' ' || s[i] == '\t'))
				i++;
			igt_buf_addc(out, ' ');
			continue;
		}
		/* The run up to the next line end (a value may hold a stray CR). */
		const char *lf = memchr(s + i, '\n', n - i);
		size_t j = lf ? (size_t)(lf - s) : n;
		const char *cr = memchr(s + i, '\r', j - i);
		if (cr)
			j = (size_t)(cr - s);
		igt_buf_add(out, s + i, j - i);
		i = j;
	}
	while (out->len > start && pm_is_ws(out->data[out->len - 1]))
		out->len--;
}

/* ---- RFC 2047 ---- */

int pm_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = pm_lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Base64 digit values; 64 for '=', 255 for anything else. */
static const unsigned char b64_table[256] = {
    ['A'] = 0,  ['B'] = 1,  ['C'] = 2,  ['D'] = 3,  ['E'] = 4,  ['F'] = 5,  ['G'] = 6,  ['H'] = 7,
    ['I'] = 8,  ['J'] = 9,  ['K'] = 10, ['L'] = 11, ['M'] = 12, ['N'] = 13, ['O'] = 14, ['P'] = 15,
    ['Q'] = 16, ['R'] = 17, ['S'] = 18, ['T'] = 19, ['U'] = 20, ['V'] = 21, ['W'] = 22, ['X'] = 23,
    ['Y'] = 24, ['Z'] = 25, ['a'] = 26, ['b'] = 27, ['c'] = 28, ['d'] = 29, ['e'] = 30, ['f'] = 31,
    ['g'] = 32, ['h'] = 33, ['i'] = 34, ['j'] = 35, ['k'] = 36, ['l'] = 37, ['m'] = 38, ['n'] = 39,
    ['o'] = 40, ['p'] = 41, ['q'] = 42, ['r'] = 43, ['s'] = 44, ['t'] = 45, ['u'] = 46, ['v'] = 47,
    ['w'] = 48, ['x'] = 49, ['y'] = 50, ['z'] = 51, ['0'] = 52, ['1'] = 53, ['2'] = 54, ['3'] = 55,
    ['4'] = 56, ['5'] = 57, ['6'] = 58, ['7'] = 59, ['8'] = 60, ['9'] = 61, ['+'] = 62, ['/'] = 63,
    ['='] = 64,
};

/* The table's zeros mean "not a digit" except for 'A'. */
static int b64val(unsigned char c)
{
	unsigned char v = b64_table[c];
	return v || c == 'A' ? v : -1;
}

int pm_b64_line(const char *s, size_t n)
{
	/* A short word that happens to be base64 ("Internet") is text: a
	 * line of an encoder is long, padded at its end, or not a word. */
	size_t len = 0, pad = 0;
	while (len < n && s[len] != '\n' && s[len] != '\r') {
		int v = b64val((unsigned char)s[len]);
		if (v < 0 || (pad && v != 64))
			return 0;
		pad += v == 64;
		len++;
	}
	if (!len || len % 4 || pad > 2)
		return 0;
	if (len >= 16 || pad)
		return 1;
	/* Short and unpadded: base64 unless it reads as a word
	 * ("Internet", "Thanks"), a capital at most and then small letters. */
	for (size_t i = 1; i < len; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 1;
	return 0;
}

size_t pm_b64_feed(pm_b64 *st, const char *s, size_t n, igt_buf *out)
{
	size_t made = 0;
	if (out)
		igt_buf_reserve(out, n / 4 * 3 + 3);
	for (size_t i = 0; i < n; i++) {
		/* Before the padding, the common case: digits and line ends,
		 * written to room reserved for them all. */
		for (; !st->done && i < n; i++) {
			/* Four digits at once, three bytes, while no bits wait in
			 * the accumulator: most of an encoded line. */
			if (st->bits == 0 && n - i >= 4) {
				unsigned a = b64_table[(unsigned char)s[i]],
				         b = b64_table[(unsigned char)s[i + 1]],
				         c = b64_table[(unsigned char)s[i + 2]],
				         d = b64_table[(unsigned char)s[i + 3]];
				/* Zero is 'A' or no digit; 64 the padding. */
				if (a && b && c && d && (a | b | c | d) < 64) {
					unsigned group = a << 18 | b << 12 | c << 6 | d;
					st->acc = st->acc << 24 | group;
					if (out) {
						out->data[out->len++] = (char)(group >> 16);
						out->data[out->len++] = (char)(group >> 8 & 0xFF);
						out->data[out->len++] = (char)(group & 0xFF);
					}
					made += 3;
					i += 3;
					continue;
				}
			}
			int v = b64val((unsigned char)s[i]);
			if (v == 64) {
				st->done = 1;
				continue;
			}
			if (v < 0)
				continue;
			st->acc = (st->acc << 6) | (unsigned)v;
			st->bits += 6;
			if (st->bits >= 8) {
				st->bits -= 8;
				if (out)
					out->data[out->len++] = (char)((st->acc >> st->bits) & 0xFF);
				made++;
			}
		}
		if (out)
			out->data[out->len] = '\0';
		if (i == n)
			break;
		/* Some mailers pad each line ("...Cg==" then the next line): a
		 * whole line of base64 after the padding starts the data again. */
		if (st->done && (i == 0 || s[i - 1] == '\n') && pm_b64_line(s + i, n - i))
			*st = (pm_b64){0};
		int v = b64val((unsigned char)s[i]);
		if (v == 64) {
			st->done = 1;
			continue;
		}
		if (v < 0 || st->done)
			continue; /* outside the alphabet, or after the padding */
		st->acc = (st->acc << 6) | (unsigned)v;
		st->bits += 6;
		if (st->bits >= 8) {
			st->bits -= 8;
			if (out)
				igt_buf_addc(out, (char)((st->acc >> st->bits) & 0xFF));
			made++;
		}
	}
	return made;
}

/* Base64 text of one encoded word to bytes. */
static void b64_append(const char *s, size_t n, igt_buf *out)
{
	pm_b64 st = {0};
	pm_b64_feed(&st, s, n, out);
}

static void q_append(const char *s, size_t n, igt_buf *out)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '_') {
			igt_buf_addc(out, ' ');
		} else if (s[i] == '=' && i + 2 < n && pm_hexval((unsigned char)s[i + 1]) >= 0 &&
		           pm_hexval((unsigned char)s[i + 2]) >= 0) {
			igt_buf_addc(out, (char)(pm_hexval((unsigned char)s[i + 1]) * 16 +
			                         pm_hexval((unsigned char)s[i + 2])));
			i += 2;
		} else {
			igt_buf_addc(out, s[i]);
		}
	}
}

/* An encoded word =?charset?E?text?= at s[0..n). */
typedef struct eword {
	const char *charset;
	size_t charset_len;
	char enc;
	const char *text;
	size_t text_len;
	size_t total;
} eword;

static int eword_parse(const char *s, size_t n, eword *w)
{
	if (n < 8 || s[0] != '=' || s[1] != '?')
		return 0;
	size_t i = 2;
	while (i < n && s[i] != '?' && !pm_is_ws(s[i]) && i < 70)
		i++;
	if (i >= n || s[i] != '?' || i == 2)
		return 0;
	w->charset = s + 2;
	w->charset_len = i - 2;
	if (i + 2 >= n || s[i + 2] != '?')
		return 0;
	w->enc = (char)pm_lower((unsigned char)s[i + 1]);
	if (w->enc != 'q' && w->enc != 'b')
		return 0;
	size_t t = i + 3;
	/* RFC 2047 words are at most 75 characters; a generous bound keeps a
	 * header full of "=?" from being searched to its end each time. */
	size_t room = n - t < 1024 ? n - t : 1024;
	const char *end = pm_memmem(s + t, room, "?=", 2);
	if (!end)
		return 0;
	w->text = s + t;
	w->text_len = (size_t)(end - (s + t));
	w->total = (size_t)(end - s) + 2;
	/* B text outside base64's alphabet is no encoded word: it stays as
	 * written rather than vanish ("=?utf-8?b?!!!?="). */
	for (size_t k = 0; w->enc == 'b' && k < w->text_len; k++)
		if (b64val((unsigned char)w->text[k]) < 0 && !pm_is_ws(w->text[k]))
			return 0; /* white space: a word folded inside, as some mailers do */
	return w->text_len > 0 || w->enc == 'q';
}

/* Decoder state for one header value: bytes of consecutive encoded words
 * in one charset wait here until the charset changes. */
typedef struct pending {
	igt_buf *bytes;
	char charset[48];
	size_t charset_len;
} pending;

static size_t pending_flush(pm_conv *cv, pending *p, igt_buf *out)
{
	if (!p->bytes->len)
		return 0;
	pm_decoder d;
	pm_decoder_start(&d, cv, p->charset, p->charset_len);
	size_t bad = pm_decode(&d, p->bytes->data, p->bytes->len, out);
	p->bytes->len = 0;
	return bad;
}

size_t pm_raw_decode(pm_conv *cv, const char *s, size_t n, igt_buf *out)
{
	if (pm_utf8_valid(s, n)) {
		igt_buf_add(out, s, n);
		return 0;
	}
	pm_decoder d;
	pm_decoder_start(&d, cv, NULL, 0);
	return pm_decode(&d, s, n, out);
}

size_t pm_header_decode(pm_conv *cv, const char *s, size_t n, igt_buf *out)
{
	pending p;
	p.bytes = pm_conv_scratch(cv, 0);
	p.bytes->len = 0;
	p.charset_len = 0;
	size_t bad = 0, run = 0, i = 0;
	int after_word = 0;
	while (i < n) {
		eword w;
		if (s[i] != '=' || i + 1 >= n || s[i + 1] != '?' ||
		    !eword_parse(s + i, n - i, &w)) {
			i++;
			continue;
		}
		/* White space between two encoded words is not text. */
		int gap_blank = pm_blank(s + run, i - run);
		if (!(after_word && gap_blank)) {
			bad += pending_flush(cv, &p, out);
			bad += pm_raw_decode(cv, s + run, i - run, out);
		}
		size_t cl =
		    w.charset_len < sizeof(p.charset) ? w.charset_len : sizeof(p.charset) - 1;
		if (p.bytes->len && (cl != p.charset_len || memcmp(p.charset, w.charset, cl) != 0))
			bad += pending_flush(cv, &p, out);
		memcpy(p.charset, w.charset, cl);
		p.charset_len = cl;
		if (w.enc == 'b')
			b64_append(w.text, w.text_len, p.bytes);
		else
			q_append(w.text, w.text_len, p.bytes);
		i += w.total;
		run = i;
		after_word = 1;
	}
	bad += pending_flush(cv, &p, out);
	bad += pm_raw_decode(cv, s + run, n - run, out);
	return bad;
}

/* ---- parameters ---- */

#define PARAM_PIECES 16

/* Read a parameter value at v[i..n): a quoted string or a token. */
static size_t param_value(const char *v, size_t n, size_t i, igt_buf *out)
{
	if (i < n && v[i] == '"') {
		i++;
		while (i < n && v[i] != '"') {
			if (v[i] == '\\' && i + 1 < n)
				i++;
			igt_buf_addc(out, v[i]);
			i++;
		}
		return i < n ? i + 1 : i;
	}
	size_t j = i;
	while (j < n && v[j] != ';')
		j++;
	const char *t = v + i;
	size_t tl = j - i;
	pm_trim(&t, &tl);
	igt_buf_add(out, t, tl);
	return j;
}

static void pct_decode(const char *s, size_t n, igt_buf *out)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && pm_hexval((unsigned char)s[i + 1]) >= 0 &&
		    pm_hexval((unsigned char)s[i + 2]) >= 0) {
			igt_buf_addc(out, (char)(pm_hexval((unsigned char)s[i + 1]) * 16 +
			                         pm_hexval((unsigned char)s[i + 2])));
			i += 2;
		} else {
			igt_buf_addc(out, s[i]);
		}
	}
}

int pm_header_param(pm_conv *cv, const char *v, size_t n, const char *key, igt_buf *out,
                    igt_buf *charset)
{
	igt_buf *val = pm_conv_scratch(cv, 1), *simple_val = pm_conv_scratch(cv, 2);
	igt_buf *pieces[PARAM_PIECES];
	int have[PARAM_PIECES];
	for (int k = 0; k < PARAM_PIECES; k++)
		pieces[k] = pm_conv_scratch(cv, 3 + k);
	size_t klen = strlen(key);
	int simple = 0, extended = 0, npieces = 0;
	simple_val->len = 0;
	out->len = 0;
	if (charset)
		charset->len = 0;
	memset(have, 0, sizeof(have));
	size_t i = 0;
	while (i < n && v[i] != ';')
		i++; /* skip the type itself */
	while (i < n) {
		i++; /* the ';' */
		while (i < n && pm_is_ws(v[i]))
			i++;
		size_t name = i;
		while (i < n && v[i] != '=' && v[i] != ';')
			i++;
		if (i >= n || v[i] != '=')
			continue;
		const char *nm = v + name;
		size_t nl = i - name;
		pm_trim(&nm, &nl);
		i++;
		while (i < n && pm_is_ws(v[i]))
			i++;
		val->len = 0;
		i = param_value(v, n, i, val);
		while (i < n && v[i] != ';')
			i++;
		if (nl < klen || !pm_ieq(nm, klen, key))
			continue;
		if (nl == klen) {
			if (!simple) {
				igt_buf_add(simple_val, val->data ? val->data : "", val->len);
				simple = 1;
			}
			continue;
		}
		if (nm[klen] != '*')
			continue;
		/* key*, key*N, key*N* */
		const char *rest = nm + klen + 1;
		size_t rl = nl - klen - 1;
		int star = rl && rest[rl - 1] == '*';
		if (star)
			rl--;
		int index = 0;
		if (rl == 0 && nl == klen + 1) {
			star = 1; /* key*: one extended value */
		} else {
			for (size_t k = 0; k < rl; k++) {
				if (rest[k] < '0' || rest[k] > '9' || index >= PARAM_PIECES) {
					index = -1;
					break;
				}
				index = index * 10 + (rest[k] - '0');
			}
			if (index < 0 || index >= PARAM_PIECES)
				continue;
		}
		const char *t = val->data ? val->data : "";
		size_t tl = val->len;
		if (star && index == 0) {
			/* charset'language'text */
			const char *q1 = memchr(t, '\'', tl);
			const char *q2 =
			    q1 ? memchr(q1 + 1, '\'', tl - (size_t)(q1 + 1 - t)) : NULL;
			if (q1 && q2) {
				if (charset) {
					charset->len = 0;
					igt_buf_add(charset, t, (size_t)(q1 - t));
				}
				tl -= (size_t)(q2 + 1 - t);
				t = q2 + 1;
			}
		}
		pieces[index]->len = 0;
		if (star)
			pct_decode(t, tl, pieces[index]);
		else
			igt_buf_add(pieces[index], t, tl);
		have[index] = 1;
		if (index + 1 > npieces)
			npieces = index + 1;
		extended = 1;
	}
	if (extended) {
		for (int k = 0; k < npieces && have[k]; k++)
			igt_buf_add(out, pieces[k]->data ? pieces[k]->data : "", pieces[k]->len);
	} else if (simple) {
		igt_buf_add(out, simple_val->data ? simple_val->data : "", simple_val->len);
	}
	return extended || simple;
}

/* ---- Message-IDs ---- */

static int has_ws(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (pm_is_ws(s[i]))
			return 1;
	return 0;
}

/* The next bracketed id at or after *pos; 1 when found. */
static int next_bracketed(const char *v, size_t n, size_t *pos, const char **id, size_t *len)
{
	size_t i = *pos;
	while (i < n) {
		const char *lt = memchr(v + i, '<', n - i);
		if (!lt)
			break;
		size_t a = (size_t)(lt - v) + 1;
		const char *gt = memchr(v + a, '>', n - a);
		if (!gt)
			break;
		const char *s = v + a;
		size_t l = (size_t)(gt - s);
		pm_trim(&s, &l);
		i = (size_t)(gt - v) + 1;
		if (l && !has_ws(s, l) && !memchr(s, '<', l)) {
			*id = s;
			*len = l;
			*pos = i;
			return 1;
		}
	}
	*pos = n;
	return 0;
}

static int bare_id(const char *v, size_t n, const char **id, size_t *len)
{
	const char *s = v;
	size_t l = n;
	pm_trim(&s, &l);
	if (!l || has_ws(s, l) || !memchr(s, '@', l) || memchr(s, '<', l) || memchr(s, '>', l))
		return 0;
	*id = s;
	*len = l;
	return 1;
}

int pm_msgid_first(const char *v, size_t n, const char **id, size_t *len)
{
	size_t pos = 0;
	if (memchr(v, '<', n))
		return next_bracketed(v, n, &pos, id, len);
	return bare_id(v, n, id, len);
}

void pm_msgid_each(const char *v, size_t n, void (*fn)(void *arg, const char *id, size_t len),
                   void *arg)
{
	size_t pos = 0;
	const char *id;
	size_t len;
	if (!memchr(v, '<', n)) {
		if (bare_id(v, n, &id, &len))
			fn(arg, id, len);
		return;
	}
	while (next_bracketed(v, n, &pos, &id, &len))
		fn(arg, id, len);
}

/* ---- addresses ---- */

void pm_addr_unobfuscate(igt_buf *a)
{
	if (!a->len || memchr(a->data, '@', a->len))
		return;
	const char *at = NULL;
	for (const char *p = a->data; (p = pm_memmem(p, a->len - (size_t)(p - a->data), " at ", 4));
	     p += 4)
		at = p;
	if (!at || at == a->data || (size_t)(at - a->data) + 4 >= a->len)
		return;
	size_t i = (size_t)(at - a->data);
	a->data[i] = '@';
	memmove(a->data + i + 1, a->data + i + 4, a->len - i - 4);
	a->len -= 3;
}

/* Position of c in v[from..n) outside quoted strings and comments. */
static size_t find_outside(const char *v, size_t n, size_t from, char c)
{
	int quoted = 0, depth = 0;
	for (size_t i = from; i < n; i++) {
		char ch = v[i];
		if (ch == '\\' && i + 1 < n) {
			i++;
			continue;
		}
		if (quoted) {
			if (ch == '"')
				quoted = 0;
			continue;
		}
		if (depth) {
			if (ch == '(')
				depth++;
			else if (ch == ')')
				depth--;
			continue;
		}
		if (ch == c)
			return i;
		if (ch == '"')
			quoted = 1;
		else if (ch == '(')
			depth = 1;
	}
	return n;
}

/* The inside of the first comment at or after from, or 0. */
static int comment_in(const char *v, size_t n, size_t from, size_t *a, size_t *b)
{
	size_t open = find_outside(v, n, from, '(');
	if (open >= n)
		return 0;
	int depth = 0;
	for (size_t i = open; i < n; i++) {
		if (v[i] == '\\' && i + 1 < n) {
			i++;
			continue;
		}
		if (v[i] == '(')
			depth++;
		else if (v[i] == ')' && --depth == 0) {
			*a = open + 1;
			*b = i;
			return 1;
		}
	}
	*a = open + 1;
	*b = n; /* unclosed: up to the end */
	return 1;
}

/* Remove one level of quotes and backslash escapes from a display name. */
static void unquote(igt_buf *b)
{
	size_t o = 0;
	const char *s = b->data;
	size_t n = b->len;
	pm_trim(&s, &n);
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
		s++;
		n -= 2;
	}
	char *d = b->data;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n)
			i++;
		d[o++] = s[i];
	}
	b->len = o;
	const char *t = b->data;
	size_t tl = b->len;
	pm_trim(&t, &tl);
	memmove(b->data, t, tl);
	b->len = tl;
}

size_t pm_addr_parse(pm_conv *cv, const char *v, size_t n, pm_addr *out)
{
	out->name.len = 0;
	out->address.len = 0;
	pm_trim(&v, &n);
	size_t na = 0, nb = 0, aa = 0, ab = 0;
	size_t lt = find_outside(v, n, 0, '<');
	size_t gt = lt < n ? find_outside(v, n, lt, '>') : n;
	if (lt < n && gt < n) {
		aa = lt + 1;
		ab = gt;
		na = 0;
		nb = lt;
		if (pm_blank(v, lt))
			comment_in(v, n, gt + 1, &na, &nb);
	} else if (comment_in(v, n, 0, &na, &nb)) {
		aa = 0;
		ab = find_outside(v, n, 0, '(');
	} else {
		aa = 0;
		ab = n;
	}
	const char *a = v + aa;
	size_t al = ab - aa;
	pm_trim(&a, &al);
	if (al >= 7 && pm_iprefix(a, al, "mailto:")) {
		a += 7;
		al -= 7;
	}
	size_t bad = pm_raw_decode(cv, a, al, &out->address);
	pm_addr_unobfuscate(&out->address);
	if (nb > na) {
		bad += pm_header_decode(cv, v + na, nb - na, &out->name);
		unquote(&out->name);
	}
	if (out->address.len && out->name.len) {
		/* Mailman writes the address again when there is no name. */
		igt_buf *tmp = pm_conv_scratch(cv, 1);
		tmp->len = 0;
		igt_buf_add(tmp, out->name.data, out->name.len);
		pm_addr_unobfuscate(tmp);
		if (tmp->len == out->address.len &&
		    pm_ieq(tmp->data, tmp->len, pm_buf_str(&out->address)))
			out->name.len = 0;
	}
	return bad;
}
