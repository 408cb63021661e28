/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the pipermail plugin's pieces that are easier to check
 * one call at a time than through golden files: the bounded thread map
 * (eviction order), RFC 2047 and raw header decoding, charsets, address
 * forms, Message-IDs, MIME parameters and envelope lines; small messages
 * read through the whole plugin (format=flowed), whose segments and
 * coverage are checked; and, through the plugin's parse, how files of
 * several messages without separators are split or refused.
 */
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host_private.h"
#include "input_private.h"
#include "log_private.h"
#include "pipermail.h"
#include "tap.h"
#include "utf8.h"

static const char *decode(pm_conv *cv, const char *s)
{
	static igt_buf out;
	out.len = 0;
	pm_header_decode(cv, s, strlen(s), &out);
	return pm_buf_str(&out);
}

static void test_threads(void)
{
	pm_threads *t = pm_threads_new(3);
	pm_threads_put(t, "a", 1, "a", 1);
	pm_threads_put(t, "b", 1, "a", 1);
	pm_threads_put(t, "c", 1, "a", 1);
	ok(pm_threads_get(t, "a", 1) && strcmp(pm_threads_get(t, "a", 1), "a") == 0,
	   "threads: a known");
	pm_threads_put(t, "d", 1, "x", 1);
	ok(pm_threads_get(t, "a", 1) == NULL, "threads: the oldest is forgotten when full");
	ok(pm_threads_get(t, "b", 1) && pm_threads_get(t, "d", 1) &&
	       strcmp(pm_threads_get(t, "d", 1), "x") == 0,
	   "threads: the others stay");
	for (int i = 0; i < 1000; i++) {
		char id[16];
		int n = snprintf(id, sizeof(id), "m%d", i);
		pm_threads_put(t, id, (size_t)n, "r", 1);
	}
	ok(pm_threads_get(t, "m999", 4) && pm_threads_get(t, "m997", 4) &&
	       !pm_threads_get(t, "m996", 4),
	   "threads: bounded to its maximum after many puts");
	pm_threads_clear(t);
	ok(pm_threads_get(t, "m999", 4) == NULL, "threads: clear forgets everything");
	pm_threads_free(t);

	pm_threads *big = pm_threads_new(100000);
	for (int i = 0; i < 5000; i++) {
		char id[16];
		int n = snprintf(id, sizeof(id), "<%d>", i);
		pm_threads_put(big, id, (size_t)n, id, (size_t)n);
	}
	int found = 0;
	for (int i = 0; i < 5000; i++) {
		char id[16];
		int n = snprintf(id, sizeof(id), "<%d>", i);
		const char *r = pm_threads_get(big, id, (size_t)n);
		found += r && strcmp(r, id) == 0;
	}
	ok(found == 5000, "threads: growing keeps every entry (%d)", found);
	pm_threads_free(big);
}

static void test_rfc2047(void)
{
	pm_conv *cv = pm_conv_new();
	is_str(decode(cv, "=?ISO-8859-1?Q?Germ=E1n_Poo-Caama=F1o?="), "Germán Poo-Caamaño",
	       "2047: Q, ISO-8859-1");
	is_str(decode(cv, "=?utf-8?b?w6k=?= =?utf-8?q?t=C3=A9?="), "été",
	       "2047: white space between adjacent words is dropped");
	/* "€" (E2 82 AC) split between two B words. */
	is_str(decode(cv, "=?UTF-8?B?4oI=?= =?UTF-8?B?rA==?="), "€",
	       "2047: a character split between words is joined");
	is_str(decode(cv, "Re: =?utf-8?q?caf=C3=A9?= au lait"), "Re: café au lait",
	       "2047: text around a word is kept");
	is_str(decode(cv, "=?utf-8?q?a?= b =?utf-8?q?c?="), "a b c",
	       "2047: text between words is kept");
	is_str(decode(cv, "Budget =?utf-8?b?!!!?= review"), "Budget =?utf-8?b?!!!?= review",
	       "B text outside base64's alphabet stays as written");
	is_str(decode(cv, "x =?utf-8?b?" "?= y"), "x =?utf-8?b?" "?= y",
	       "an empty B word stays as written");
	is_str(decode(cv, "=?utf-8?q?broken"), "=?utf-8?q?broken",
	       "2047: an unfinished word is text");
	is_str(decode(cv, "Ren\xe9"), "René", "raw Latin-1 bytes are read as Windows-1252");
	is_str(decode(cv, "=?UTF-8?Q?Luc=eda?="), "Lucía",
	       "a UTF-8 label on Latin-1 bytes (no UTF-8 sequence) is read as Windows-1252");
	is_str(decode(cv, "=?x-nothing?q?abc?="), "abc", "an unknown charset falls back");
	is_str(decode(cv, "=?koi8-r?b?8NLJ18XU?="), "Привет", "2047: KOI8-R through iconv");
	pm_conv_free(cv);
}

static void test_charsets(void)
{
	pm_conv *cv = pm_conv_new();
	igt_buf out = {0};
	pm_decoder d;
	ok(pm_utf8_valid("abc \xc3\xa9", 6), "utf8: valid");
	ok(!pm_utf8_valid("a\0b", 3), "utf8: NUL is not accepted");
	ok(!pm_utf8_valid("\xc0\xaf", 2), "utf8: overlong refused");
	ok(!pm_utf8_valid("\xed\xa0\x80", 3), "utf8: surrogate refused");
	/* ASCII is skipped 16 and 8 bytes at a time: a NUL or a stray byte is
	 * found at every place of a 40-byte run, and a run ending exactly at
	 * a block's end is valid. */
	char run[40];
	int nul_found = 1, stray_found = 1;
	for (size_t at = 0; at < sizeof(run); at++) {
		memset(run, 'a', sizeof(run));
		run[at] = '\0';
		nul_found &= !pm_utf8_valid(run, sizeof(run));
		run[at] = '\xff';
		stray_found &= !pm_utf8_valid(run, sizeof(run));
	}
	ok(nul_found && stray_found, "utf8: a NUL or stray byte anywhere in a long run is refused");
	memset(run, 'a', sizeof(run));
	ok(pm_utf8_valid(run, 16) && pm_utf8_valid(run, 32) && pm_utf8_valid(run, 40),
	   "utf8: ASCII runs of 16, 32 and 40 bytes are valid");
	pm_decoder_start(&d, cv, "\"UTF-8\"", 7);
	size_t bad = pm_decode(&d, "\xc3\xa9 \xff", 4, &out);
	ok(bad == 1 && out.len == 6 && memcmp(out.data, "\xc3\xa9 \xef\xbf\xbd", 6) == 0,
	   "utf8 label: a bad byte next to UTF-8 is replaced and counted");
	out.len = 0;
	pm_decoder_start(&d, cv, "windows-1252", 12);
	bad = pm_decode(&d, "\x93q\x94 \x81", 5, &out);
	is_str(pm_buf_str(&out), "\xe2\x80\x9cq\xe2\x80\x9d \xef\xbf\xbd",
	       "windows-1252: quotes decoded, an undefined byte replaced");
	ok(bad == 1, "windows-1252: one byte counted");
	/* Windows-1252 is decoded by a table of the plugin's own: each byte
	 * (between ASCII letters, so that the line is not UTF-8) gives what
	 * iconv gives, U+FFFD where iconv has no character. */
	iconv_t ref = iconv_open("UTF-8", "WINDOWS-1252");
	int same = ref != (iconv_t)-1, b = 1;
	for (; same && b < 256; b++) {
		char in[3] = {'a', (char)b, 'z'}, want[16];
		char *ip = in, *op = want;
		size_t il = sizeof(in), ol = sizeof(want);
		size_t r = iconv(ref, &ip, &il, &op, &ol);
		size_t wl = r == (size_t)-1 ? 0 : (size_t)(op - want);
		if (!wl) {
			memcpy(want, "a\xef\xbf\xbdz", 5);
			wl = 5;
		}
		out.len = 0;
		pm_decoder_start(&d, cv, "windows-1252", 12);
		bad = pm_decode(&d, in, sizeof(in), &out);
		same = out.len == wl && memcmp(out.data, want, wl) == 0 && bad == (r == (size_t)-1);
		iconv(ref, NULL, NULL, NULL, NULL);
	}
	if (ref != (iconv_t)-1)
		iconv_close(ref);
	ok(same, "windows-1252: every byte decoded as iconv decodes it (stopped at 0x%02x)",
	   (unsigned)b);
	out.len = 0;
	pm_decoder_start(&d, cv, "iso-8859-1", 10);
	pm_decode(&d, "\xc3\xa1", 2, &out);
	is_str(pm_buf_str(&out), "á", "latin-1 label on valid UTF-8 stays UTF-8");
	out.len = 0;
	pm_decoder_start(&d, cv, "koi8-r", 6);
	ok(d.kind == PM_CS_OTHER && !d.unknown, "koi8-r is converted with iconv");
	pm_decode(&d, "a\0b", 3, &out);
	is_str(pm_buf_str(&out),
	       "a\xef\xbf\xbd"
	       "b",
	       "NUL bytes are replaced");
	pm_decoder_start(&d, cv, "x-klingon", 9);
	ok(d.unknown && d.kind == PM_CS_NONE, "an unknown charset is reported");
	igt_buf_free(&out);
	pm_conv_free(cv);
}

static void test_addresses(void)
{
	pm_conv *cv = pm_conv_new();
	pm_addr a = {{0}, {0}};
	static const struct {
		const char *in, *name, *address;
	} cases[] = {
	    {"gpoo at example.com (=?ISO-8859-1?Q?Germ=E1n?=)", "Germán", "gpoo@example.com"},
	    {"\"Loli-Queru, Eugenia\" <eloli@hotmail.com>", "Loli-Queru, Eugenia",
	     "eloli@hotmail.com"},
	    {"danilo@gnome.org (Danilo =?utf-8?Q?=C5=A0egan?=)", "Danilo Šegan",
	     "danilo@gnome.org"},
	    {"<foo@example.com>", "", "foo@example.com"},
	    {"Black_David@emc.com", "", "Black_David@emc.com"},
	    {"trac at twistedmatrix.com (trac at twistedmatrix.com)", "", "trac@twistedmatrix.com"},
	    {"\"yves (yingmin) yang\" <y@example.com>", "yves (yingmin) yang", "y@example.com"},
	    {"Name With \\\"Quote\\\" <q@example.com>", "Name With \"Quote\"", "q@example.com"},
	    {"", "", ""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pm_addr_parse(cv, cases[i].in, strlen(cases[i].in), &a);
		is_str(pm_buf_str(&a.name), cases[i].name, "address name: %s", cases[i].in);
		is_str(pm_buf_str(&a.address), cases[i].address, "address: %s", cases[i].in);
	}
	igt_buf_free(&a.name);
	igt_buf_free(&a.address);
	pm_conv_free(cv);
}

static void collect(void *arg, const char *id, size_t len)
{
	igt_buf *b = arg;
	igt_buf_add(b, id, len);
	igt_buf_addc(b, '|');
}

static void test_ids_and_params(void)
{
	const char *id;
	size_t len;
	ok(pm_msgid_first(" <a@b> ", 7, &id, &len) && len == 3 && memcmp(id, "a@b", 3) == 0,
	   "msgid: bracketed");
	ok(pm_msgid_first("1622.8@x.com", 12, &id, &len) && len == 12, "msgid: bare with @");
	ok(!pm_msgid_first("<a b@c>", 7, &id, &len), "msgid: spaces make it unreadable");
	ok(!pm_msgid_first("", 0, &id, &len), "msgid: empty");
	const char *irt = "<x@y> (Simos's message of \"Sun, 16 Mar 2008\")";
	ok(pm_msgid_first(irt, strlen(irt), &id, &len) && len == 3, "msgid: comment after it");
	igt_buf b = {0};
	const char *refs = "<a@b>\n\t<c@d> junk <e@f>";
	pm_msgid_each(refs, strlen(refs), collect, &b);
	is_str(pm_buf_str(&b), "a@b|c@d|e@f|", "references in order");

	pm_conv *cv = pm_conv_new();
	igt_buf cs = {0};
	const char *ct =
	    "text/plain; format=flowed; charset=\"iso-8859-1\";\n\treply-type=original";
	ok(pm_header_param(cv, ct, strlen(ct), "charset", &b, &cs), "param: found");
	is_str(pm_buf_str(&b), "iso-8859-1", "param: quoted value");
	const char *cd = "attachment; filename*0*=utf-8''r%C3%A9; filename*1=\"sum\xc3\xa9.pdf\"";
	ok(pm_header_param(cv, cd, strlen(cd), "filename", &b, &cs), "param: continuations");
	is_str(pm_buf_str(&b), "r\xc3\xa9sum\xc3\xa9.pdf", "param: RFC 2231 joined and decoded");
	is_str(pm_buf_str(&cs), "utf-8", "param: RFC 2231 charset");
	ok(!pm_header_param(cv, ct, strlen(ct), "boundary", &b, NULL), "param: absent");
	igt_buf_free(&cs);
	igt_buf_free(&b);
	pm_conv_free(cv);
}

static void test_envelope(void)
{
	igt_date d;
	const char *s;
	size_t n;
	const char *l = "From gpoo at example.com  Thu Mar  3 18:20:35 2016\n";
	ok(pm_envelope_parse(l, strlen(l), &d, &s, &n) == 0 && n == 19 &&
	       memcmp(s, "gpoo at example.com", 19) == 0 && d.year == 2016 && d.day == 3,
	   "envelope: pipermail form");
	l = "From MAILER-DAEMON Fri Jul  8 12:08:34 2011";
	ok(pm_envelope_parse(l, strlen(l), &d, &s, &n) == 0 && n == 13, "envelope: plain sender");
	l = "From christian at \xe2\x80\x9c"
	    "example.org\xe2\x80\x9d  Thu Jan 15 13:22:25 2015\r\n";
	ok(pm_envelope_parse(l, strlen(l), &d, &s, &n) == 0 && d.hour == 13,
	   "envelope: odd sender");
	l = "From my point of view, a central pillar";
	ok(pm_envelope_parse(l, strlen(l), &d, &s, &n) != 0, "envelope: body text is not one");
	l = "From Monday on we meet at 10:00 in 2018";
	ok(pm_envelope_parse(l, strlen(l), &d, &s, &n) != 0,
	   "envelope: a day name alone is not one");
}

/* The line ends the reader records give what a search for '\n' gives,
 * for every start and end, walking forward or jumping about. */
static void test_line_ends(void)
{
	static const char *const lines[] = {"From a  Tue Jan  1 00:00:00 2010\n",
	                                    "",
	                                    "Subject: x\r\n",
	                                    "\n",
	                                    "\r\n",
	                                    "body\n",
	                                    "\n",
	                                    "--b\n",
	                                    "last line without its end"};
	pm_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	int bad = 0;
	for (size_t upto = 1; upto <= sizeof(lines) / sizeof(lines[0]); upto++) {
		pm_msg_clear(&ctx);
		for (size_t i = 0; i < upto; i++)
			pm_msg_add(&ctx, lines[i], strlen(lines[i]));
		const char *m = ctx.msg.data;
		size_t len = ctx.msg.len;
		for (size_t end = 1; end <= len; end++) {
			size_t walk = 0, jump = 0;
			for (size_t pos = 0; pos < end; pos++) {
				const char *nl = memchr(m + pos, '\n', end - pos);
				size_t want = nl ? (size_t)(nl - m) + 1 : end;
				size_t fresh = 0, back = (pos * 7919) % end;
				bad += pm_msg_line_end(&ctx, &walk, pos, end) != want;
				bad += pm_msg_line_end(&ctx, &fresh, pos, end) != want;
				pm_msg_line_end(&ctx, &jump, back, end); /* a cursor left elsewhere */
				bad += pm_msg_line_end(&ctx, &jump, pos, end) != want;
			}
		}
	}
	ok(bad == 0, "line ends: the recorded ends agree with a search (%d differ)", bad);
	igt_buf_free(&ctx.msg);
	free(ctx.eols);
}

/* The mailbox reader's input: lines found 64 bytes at a time come back
 * as a byte search finds them, one at a time or in blocks up to a "From "
 * line, also with the peeks of the splitter between them, which move and
 * grow the buffer while found line feeds wait to be returned. */
static size_t read_lines(const char *path, const char *data, size_t n, int blocks)
{
	igt_input *in = NULL;
	igt_error err = {0};
	if (igt_input_open(&in, path, &err) != 0)
		return (size_t)-1;
	size_t at = 0, lines = 0, bad = 0, ends[300];
	int rc = 1;
	while (rc == 1) {
		igt_line line;
		size_t got = blocks ? igt_input_getlines(in, "From ", 5, 300, ends, &line) : 0;
		if (!got) {
			if ((rc = igt_input_getline(in, &line)) != 1)
				break;
			ends[0] = line.len;
			got = 1;
		}
		bad += line.offset != at || line.number != lines + 1;
		for (size_t k = 0, from = 0; k < got; from = ends[k++]) {
			const char *nl = memchr(data + at, '\n', n - at);
			size_t len = nl ? (size_t)(nl - data) + 1 - at : n - at;
			bad += ends[k] - from != len || memcmp(line.text + from, data + at, len) != 0;
			/* a block never holds a "From " line */
			bad += got > 1 && len >= 5 && memcmp(data + at, "From ", 5) == 0;
			at += len;
			lines++;
		}
		size_t last = got > 1 ? ends[got - 2] : 0;
		size_t eol = line.text[line.len - 1] != '\n'                            ? 0
		             : line.len - last >= 2 && line.text[line.len - 2] == '\r' ? 2
		                                                                        : 1;
		bad += line.eol != eol;
		const char *peek;
		size_t avail;
		if (lines % 97 < got)
			igt_input_peek(in, 4096, &peek, &avail);
		if (lines % 5003 < got)
			igt_input_peek(in, 1536 * 1024, &peek, &avail);
	}
	igt_input_close(in);
	return rc == 0 && at == n ? bad : bad + 1;
}

static void test_input_lines(void)
{
	size_t n = 3 * 1024 * 1024 + 77;
	char *data = malloc(n);
	if (!data)
		abort();
	for (size_t i = 0, len = 0; i < n; i++, len++) {
		/* Lines of 0 to 199 bytes and some CRLF ends, around 64 too; some
		 * begin with "From " or most of it. */
		size_t want = (i / 7) % 200;
		if (len >= want) {
			data[i] = '\n';
			if (want % 5 == 0 && len && data[i - 1] != '\n')
				data[i - 1] = '\r';
			len = (size_t)-1;
			if (i + 6 < n && want % 3 == 0)
				memcpy(data + i + 1, want % 2 ? "From " : "From\n", 5);
		} else if (len >= 5 || data[i - len] != 'F') {
			data[i] = (char)('a' + i % 26);
		}
	}
	char path[] = "/tmp/test_pipermail_XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0)
		abort();
	size_t bad = read_lines(path, data, n, 0);
	ok(bad == 0, "input: line by line as a search finds them (%zu differ)", bad);
	bad = read_lines(path, data, n, 1);
	ok(bad == 0, "input: in blocks up to \"From \" lines as a search finds them (%zu differ)",
	   bad);
	unlink(path);
	free(data);
}

/* UTF-8 as RFC 3629 has it, one sequence at a time: the reference for the
 * validators' fast paths. The length of the valid prefix; nul: whether a
 * NUL byte ends it. */
static size_t ref_utf8_prefix(const unsigned char *s, size_t n, int nul)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		size_t len = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3
		             : c >= 0xF0 && c <= 0xF4                                      ? 4
		                                                                            : 0;
		if (!len || i + len > n || (nul && c == 0))
			return i;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
		if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F) ||
		    (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] > 0x8F))
			return i;
		i += len;
	}
	return n;
}

/* The validators skip ASCII in blocks (64, 16, 8 bytes, an overlapping
 * last block): whatever the length, alignment and the place of a byte
 * that is not plain ASCII, they say what a byte-by-byte reading says. */
static void test_utf8_blocks(void)
{
	static const char *const odd[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
	                                  "\x80",     "\xC3",         "\xE2\x82",
	                                  "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF",
	                                  "\x7F"};
	unsigned char buf[256];
	int bad_pm = 0, bad_core = 0, cases = 0;
	for (size_t align = 0; align < 4; align++) {
		for (size_t len = 0; len <= 160; len++) {
			for (size_t pos = 0; pos <= len; pos++) {
				for (size_t k = 0; k <= sizeof(odd) / sizeof(odd[0]); k++) {
					/* k past the list: a NUL byte */
					const char *ins = k < sizeof(odd) / sizeof(odd[0]) ? odd[k] : "";
					size_t il = k < sizeof(odd) / sizeof(odd[0]) ? strlen(ins) : 1;
					unsigned char *s = buf + align;
					for (size_t i = 0; i < len; i++)
						s[i] = (unsigned char)('a' + i % 26);
					size_t n = len;
					if (pos + il <= len) {
						memcpy(s + pos, k < sizeof(odd) / sizeof(odd[0]) ? ins : "\0", il);
					} else {
						n = pos;
					}
					cases++;
					bad_pm += pm_utf8_valid((const char *)s, n) !=
					          (ref_utf8_prefix(s, n, 1) == n);
					bad_core += igt_utf8_valid_prefix((const char *)s, n) !=
					            ref_utf8_prefix(s, n, 0);
				}
			}
		}
	}
	/* Every first and second byte, with third and fourth bytes in and out
	 * of the continuation range: the sequences themselves. */
	static const unsigned char tails[] = {0x80, 0xBF, 0x41, 0xC0};
	for (unsigned b0 = 0; b0 < 256; b0++)
		for (unsigned b1 = 0; b1 < 256; b1++)
			for (size_t t = 0; t < 16; t++) {
				unsigned char q[4] = {(unsigned char)b0, (unsigned char)b1, tails[t % 4],
				                      tails[t / 4]};
				for (size_t n = 1; n <= 4; n++) {
					cases++;
					bad_pm += pm_utf8_valid((const char *)q, n) !=
					          (ref_utf8_prefix(q, n, 1) == n);
					bad_core += igt_utf8_valid_prefix((const char *)q, n) !=
					            ref_utf8_prefix(q, n, 0);
				}
			}
	ok(bad_pm == 0, "utf8: pm_utf8_valid agrees with a byte-by-byte reading (%d of %d differ)",
	   bad_pm, cases);
	ok(bad_core == 0,
	   "utf8: igt_utf8_valid_prefix agrees with a byte-by-byte reading (%d of %d differ)",
	   bad_core, cases);
}

/* Base64 decoded four digits at a time gives what one digit at a time
 * gives (a byte at a time never has four to take), with 'A' (whose
 * value is 0), line ends and stray bytes inside groups. */
static void test_b64_groups(void)
{
	static const char *const texts[] = {
	    "SGVsbG8sIHdvcmxkIQ==",
	    "QUFBQUFB\nQUFB\r\nQQ==",
	    "AAAAAAAA",
	    "SGVs\nbG8s IHdv*cmxk\nIQ",
	    "TWFu TWE= ",
	    "A\nB\nCD\nEFGH\nIJKLMNOP",
	    "////++++AAAA9999zzzz",
	};
	int bad = 0;
	for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		size_t n = strlen(texts[t]);
		igt_buf whole = {0}, bytes = {0};
		pm_b64 a = {0}, b = {0}, c = {0};
		size_t made = pm_b64_feed(&a, texts[t], n, &whole);
		for (size_t i = 0; i < n; i++)
			pm_b64_feed(&b, texts[t] + i, 1, &bytes);
		bad += made != pm_b64_feed(&c, texts[t], n, NULL);
		bad += whole.len != bytes.len || memcmp(whole.data, bytes.data, whole.len) != 0 ||
		       a.bits != b.bits || a.done != b.done ||
		       (a.acc & 0xFFFFFF) != (b.acc & 0xFFFFFF);
		igt_buf_free(&whole);
		igt_buf_free(&bytes);
	}
	ok(bad == 0, "base64: four digits at a time as one at a time (%d differ)", bad);
}

/* ---- small messages through the whole plugin ---- */

extern const igt_plugin pipermail_LTX_igt_plugin_descriptor; /* pipermail.c */

/* Write text to a new file named from the template path (mkstemp). */
static void write_temp(const char *text, char *path)
{
	size_t n = strlen(text);
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (!f || fwrite(text, 1, n, f) != n || fclose(f) != 0)
		abort();
}

typedef struct mails {
	igt_doc *doc[4];
	size_t n;
} mails;

static int keep_mail(igt_doc *doc, void *payload)
{
	mails *m = payload;
	if (m->n < sizeof(m->doc) / sizeof(m->doc[0]))
		m->doc[m->n++] = doc;
	else
		igt_doc_free(doc);
	return 0;
}

static void mark(char *seen, size_t n, igt_span sp)
{
	for (uint64_t k = sp.offset; k < sp.offset + sp.length && k < n; k++)
		seen[k] = 1;
}

/* Read text as a mailbox file. Returns how many non-blank bytes of it no
 * segment span or claim of its documents covers. */
static size_t parse_mails(const char *text, mails *m)
{
	size_t n = strlen(text);
	char path[] = "/tmp/test_pipermail_XXXXXX";
	write_temp(text, path);
	const igt_plugin *p = &pipermail_LTX_igt_plugin_descriptor;
	pm_config cfg = {NULL, 16384};
	igt_host *host = igt_host_new("pipermail", "test");
	void *state = NULL;
	igt_input *in = NULL;
	igt_error err;
	m->n = 0;
	if (p->open(&state, &cfg, host) != 0 || igt_input_open(&in, path, &err) != 0 ||
	    p->op.format.parse(state, in, keep_mail, m) != 0)
		m->n = 0;
	igt_input_close(in);
	p->close(state);
	igt_host_free(host);
	unlink(path);
	char *seen = calloc(n + 1, 1);
	if (!seen)
		abort();
	for (size_t d = 0; d < m->n; d++) {
		for (size_t i = 0; i < igt_doc_segment_count(m->doc[d]); i++)
			mark(seen, n, igt_doc_segment(m->doc[d], i)->span);
		for (size_t i = 0; i < igt_doc_claim_count(m->doc[d]); i++)
			mark(seen, n, igt_doc_claim_at(m->doc[d], i, NULL));
	}
	size_t missed = 0;
	for (size_t k = 0; k < n; k++)
		missed += !seen[k] && !pm_is_ws(text[k]);
	free(seen);
	return missed;
}

static void mails_free(mails *m)
{
	for (size_t d = 0; d < m->n; d++)
		igt_doc_free(m->doc[d]);
	m->n = 0;
}

/* The segments of a document in short: "P:text|" for a paragraph, "Q2:"
 * for a quote of depth 2, "S:" for a signature, "A:" for an attribution. */
static const char *describe(igt_doc *doc, igt_buf *out)
{
	out->len = 0;
	json_t *depths = json_object_get(igt_doc_fields(doc), "quote_depths");
	for (size_t i = 0; i < igt_doc_segment_count(doc); i++) {
		const igt_segment *sg = igt_doc_segment(doc, i);
		igt_buf_addc(out, (char)(sg->type[0] - 'a' + 'A'));
		if (strcmp(sg->type, "quote") == 0)
			igt_buf_addc(out,
			             (char)('0' + json_integer_value(json_array_get(depths, i))));
		igt_buf_addc(out, ':');
		igt_buf_add(out, sg->text, sg->text_len);
		igt_buf_addc(out, '|');
	}
	return pm_buf_str(out);
}

/* A message with the given Content-Type and body, as a mailbox file. */
static void mail_text(const char *ctype, const char *body, igt_buf *text)
{
	static const char head[] = "From jane@example.org  Tue Mar  6 10:00:00 2018\n"
	                           "From: Jane Doe <jane@example.org>\n"
	                           "Date: Tue, 6 Mar 2018 10:00:00 +0000\n"
	                           "Subject: flowed\n"
	                           "Message-ID: <m1@example.org>\n"
	                           "MIME-Version: 1.0\n"
	                           "Content-Type: ";
	text->len = 0;
	igt_buf_add(text, head, sizeof(head) - 1);
	igt_buf_add(text, ctype, strlen(ctype));
	igt_buf_add(text, "\n\n", 2);
	igt_buf_add(text, body, strlen(body));
}

/* A message with the given Content-Type and body: its segments in short,
 * or "(none)"; *missed counts the bytes coverage would report. */
static const char *one_mail(const char *ctype, const char *body, size_t *missed, igt_buf *out)
{
	igt_buf text = {0};
	mail_text(ctype, body, &text);
	mails m;
	*missed = parse_mails(pm_buf_str(&text), &m);
	out->len = 0;
	const char *r = m.n == 1 ? describe(m.doc[0], out) : "(none)";
	mails_free(&m);
	igt_buf_free(&text);
	return r;
}

static void test_flowed(void)
{
	static const struct {
		const char *ctype, *body, *want, *what;
	} cases[] = {
	    {"text/plain; charset=utf-8; format=flowed",
	     "The meeting will take place \nin Geneva on Monday.\n",
	     "P:The meeting will take place in Geneva on Monday.|", "a soft break is joined"},
	    {"text/plain; charset=utf-8; format=flowed",
	     "First line \nsecond line \nthird line\nA hard break.\n",
	     "P:First line second line third line\nA hard break.|",
	     "several soft breaks; a hard break stays a line break"},
	    {"text/plain; charset=utf-8; format=flowed; delsp=yes",
	     "This is the first product of the WIDEX WG, a small WG with W3C  \n"
	     "participation/liaison.\n",
	     "P:This is the first product of the WIDEX WG, a small WG with W3C "
	     "participation/liaison.|",
	     "delsp=yes: one trailing space is removed"},
	    {"text/plain; charset=utf-8; delsp=yes; format=flowed",
	     "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae \n\xe6\x96\x87\xe7\xab\xa0\n",
	     "P:\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe6\x96\x87\xe7\xab\xa0|",
	     "delsp=yes: CJK text joined without a space"},
	    {"text/plain; charset=\"utf-8\"; Format=\"Flowed\"; DelSp=\"Yes\"", "ab \ncd\n",
	     "P:abcd|", "parameters in any case and quoted"},
	    {"text/plain; charset=utf-8; format=flowed",
	     "Some lines \n From the minutes \n  indented\nend\n",
	     "P:Some lines From the minutes  indented\nend|",
	     "space-stuffing is undone in joined lines"},
	    {"text/plain; charset=utf-8; format=flowed", "Intro:\n From the minutes\n",
	     "P:Intro:\nFrom the minutes|", "a space-stuffed line on its own loses its space"},
	    {"text/plain; charset=utf-8; format=flowed", "Values:\n >5 and <9\n",
	     "P:Values:\n>5 and <9|", "a space-stuffed '>' line is text, not a quote"},
	    {"text/plain; charset=utf-8; format=flowed",
	     "Jane wrote:\n>> deep one \n>> deep two\n> shallow one \n> shallow two\n",
	     "A:Jane wrote:|Q2:deep one deep two|Q1:shallow one shallow two|",
	     "quoted flowed lines join at their depth"},
	    {"text/plain; charset=utf-8; format=flowed", "Jane wrote:\n> one \n>> two \n> three\n",
	     "A:Jane wrote:|Q1:one|Q2:two|Q1:three|", "quoted lines never join across depths"},
	    {"text/plain; charset=utf-8; format=flowed", "> quoted \nnot quoted\n",
	     "Q1:quoted|P:not quoted|", "a quoted line does not join an unquoted one"},
	    {"text/plain; charset=utf-8; format=flowed", "Regards, \n-- \nJane \nDoe\n",
	     "P:Regards,|S:Jane Doe|", "\"-- \" is never joined, before or after"},
	    {"text/plain; charset=utf-8; format=flowed", "Hi all, \n\nThe agenda.\n",
	     "P:Hi all,|P:The agenda.|",
	     "a blank line after a soft break still ends the paragraph"},
	    {"text/plain; charset=utf-8; format=flowed", "Thanks \n-----Original Message-----\nx\n",
	     "P:Thanks|Q1:-----Original Message-----\nx|", "a forward mark is not joined"},
	    {"text/plain; charset=utf-8; format=flowed", "ends with a space \nat the end ",
	     "P:ends with a space at the end|", "the last line ends with a space, no line end"},
	    {"text/plain; charset=utf-8; format=flowed", "one \r\ntwo\r\n\r\nthree \r\nfour \r\n",
	     "P:one two|P:three four|", "CRLF line ends"},
	    {"text/plain; charset=utf-8", "The meeting will take place \nin Geneva.\n",
	     "P:The meeting will take place\nin Geneva.|", "without format=flowed, no change"},
	    {"text/plain; charset=utf-8; format=fixed", "a \nb\n", "P:a\nb|",
	     "format=fixed: no change"},
	    {"text/plain; charset=utf-8; delsp=yes", "a \nb\n", "P:a\nb|",
	     "delsp without format=flowed: no change"},
	    {"text/plain; charset=iso-8859-1; format=flowed", "caf\xe9 \ncr\xe8me\n",
	     "P:caf\xc3\xa9 cr\xc3\xa8me|", "after charset conversion"},
	    {"text/plain; charset=utf-8; format=flowed\n"
	     "Content-Transfer-Encoding: quoted-printable",
	     "Caf=C3=A9 is=20\nopen =3D\nnow=\n and long\n",
	     "P:Caf\xc3\xa9 is open =\nnow and long|", "after quoted-printable decoding"},
	    {"text/plain; charset=utf-8; format=flowed\nContent-Transfer-Encoding: base64",
	     "b25lIAp0d28KCnRocmVlCg==\n", "P:one two|P:three|", "after base64 decoding"},
	    {"multipart/mixed; boundary=\"b\"",
	     "--b\nContent-Type: text/plain; charset=utf-8; format=flowed\n\nflowed \ntext\n"
	     "--b\nContent-Type: text/plain; charset=utf-8\n\nfixed \ntext\n--b--\n",
	     "P:flowed text|P:fixed\ntext|", "each MIME part by its own Content-Type"},
	    {"multipart/alternative; boundary=\"b\"; format=flowed",
	     "--b\nContent-Type: text/plain; charset=utf-8\n\nfixed \ntext\n"
	     "--b\nContent-Type: text/html\n\n<p>x</p>\n--b--\n",
	     "P:fixed\ntext|", "the multipart's parameters are not its parts'"},
	    {"text/plain; charset=utf-8; format=flowed",
	     "Last words \n_______________________________________________\n"
	     "Ccwg-ig mailing list\nCcwg-ig@example.org\n",
	     "P:Last words|", "Mailman's footer is not joined"},
	};
	igt_buf out = {0};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t missed;
		is_str(one_mail(cases[i].ctype, cases[i].body, &missed, &out), cases[i].want,
		       "flowed: %s", cases[i].what);
		ok(missed == 0, "  coverage stays whole (%zu bytes missed)", missed);
	}

	/* The span of a joined line runs from its first line to its last. */
	const char *text = "From jane@example.org  Tue Mar  6 10:00:00 2018\n"
	                   "Message-ID: <m1@example.org>\n"
	                   "Date: Tue, 6 Mar 2018 10:00:00 +0000\n"
	                   "Content-Type: text/plain; format=flowed\n"
	                   "\n"
	                   "Before.\n"
	                   "\n"
	                   "Joined \n"
	                   "line.\n"
	                   "\n"
	                   "From someone@example.org  Tue Mar  6 11:00:00 2018\n"
	                   "Message-ID: <m2@example.org>\n"
	                   "Date: Tue, 6 Mar 2018 11:00:00 +0000\n"
	                   "Content-Type: text/plain\n"
	                   "\n"
	                   "Not \n"
	                   "joined.\n";
	mails m;
	size_t missed = parse_mails(text, &m);
	is_int((long)m.n, 2, "flowed: two messages of one mailbox");
	if (m.n == 2) {
		const igt_segment *sg = igt_doc_segment(m.doc[0], 1);
		const char *at = strstr(text, "Joined");
		is_str(sg->text, "Joined line.", "  the first is flowed");
		ok(sg->span.offset == (uint64_t)(at - text) && sg->span.length == 13,
		   "  its span covers both lines (%llu, %llu)", (unsigned long long)sg->span.offset,
		   (unsigned long long)sg->span.length);
		is_str(describe(m.doc[1], &out), "P:Not\njoined.|", "  the second is not");
	}
	ok(missed == 0, "  coverage stays whole (%zu bytes missed)", missed);
	mails_free(&m);
	igt_buf_free(&out);
}

/* Transfer-encoded lines whose decoded text is white space only: a CRLF
 * whose LF is all of the last base64 line ("Cg=="), or of a line of an
 * encoder that pads each line; "DQo=" and "=20" lines, also after a
 * signature. Their bytes are accounted for, the text stays as it was. */
static void test_encoded_white_space(void)
{
	static const char b64[] = "text/plain; charset=utf-8\nContent-Transfer-Encoding: base64";
	static const char qp[] =
	    "text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable";
	static const struct {
		const char *ctype, *body, *want, *what;
		size_t seg;       /* a segment whose span is checked */
		const char *upto; /* the line its span ends with */
	} cases[] = {
	    {b64, "VGhhbmtzIGZvciB0aGUgbWludXRlcy4N\nCg==\n", "P:Thanks for the minutes.|",
	     "base64: the body's last LF alone on the last line", 0, "Cg==\n"},
	    {b64, "UGFyYSBvbmUuDQo=\nDQo=\nUGFyYSB0d28uDQo=\n", "P:Para one.|P:Para two.|",
	     "base64: a blank line encoded on a line of its own", 0, "UGFyYSBvbmUuDQo=\n"},
	    {b64, "UGFyYSBvbmUuDQ==\nCg==\nLS0gDQpKYW5lDQo=\n", "P:Para one.|S:Jane|",
	     "base64: a line's LF alone on a padded line before a signature", 0, "Cg==\n"},
	    {b64, "SmFuZSB3cm90ZToN\nCg==\nPiBxdW90ZWQNCg==\n", "A:Jane wrote:|Q1:quoted|",
	     "base64: an attribution's LF alone on a padded line", 0, "Cg==\n"},
	    {b64, "UGFyYSBvbmUuDQ==\nCg0KUGFyYSB0d28uDQo=\n", "P:Para one.|P:Para two.|",
	     "base64: an LF on a line with more text stays out of the span before it", 0,
	     "UGFyYSBvbmUuDQ==\n"},
	    {qp, "Para one.\n=20\nPara two.\n=20=20\n", "P:Para one.|P:Para two.|",
	     "quoted-printable: lines of only =20", 1, "Para two.\n"},
	    {b64, "SGkgYWxsLg0KDQotLSANCkphbmUNCg==\nDQo=\nDQo=\n", "P:Hi all.|S:Jane|",
	     "base64: blank lines after a signature", 1, "SGkgYWxsLg0KDQotLSANCkphbmUNCg==\n"},
	    {qp, "Hi all.\n\n-- \nJane\n=20\n", "P:Hi all.|S:Jane|",
	     "quoted-printable: a line of =20 after a signature", 1, "Jane\n"},
	    {qp, "Hi all.\n\n-- \n=20\n", "P:Hi all.|",
	     "quoted-printable: a signature delimiter followed by =20 alone", 0, "Hi all.\n"},
	};
	igt_buf text = {0}, out = {0};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		mail_text(cases[i].ctype, cases[i].body, &text);
		mails m;
		size_t missed = parse_mails(pm_buf_str(&text), &m);
		is_str(m.n == 1 ? describe(m.doc[0], &out) : "(none)", cases[i].want, "%s",
		       cases[i].what);
		ok(missed == 0, "  coverage is whole (%zu bytes missed)", missed);
		/* The span ends with the named line, its line end left out. */
		const char *line = strstr(text.data + text.len - strlen(cases[i].body), cases[i].upto);
		uint64_t end = line ? (uint64_t)(line - text.data + strlen(cases[i].upto) - 1) : 0;
		const igt_segment *sg = m.n == 1 && cases[i].seg < igt_doc_segment_count(m.doc[0])
		                            ? igt_doc_segment(m.doc[0], cases[i].seg)
		                            : NULL;
		ok(sg && sg->span.offset + sg->span.length == end,
		   "  segment %zu's span ends at %llu (want %llu)", cases[i].seg,
		   sg ? (unsigned long long)(sg->span.offset + sg->span.length) : 0ULL,
		   (unsigned long long)end);
		mails_free(&m);
	}
	igt_buf_free(&text);
	igt_buf_free(&out);
}

/* ---- files of several messages without separators ---- */

/* What the plugin made of one input. */
typedef struct parsed {
	int status;
	size_t docs;
	igt_buf titles;  /* each document's title (or "-") and '|' */
	igt_buf offsets; /* each document's source offset and ' ' */
	igt_buf log;     /* the messages it logged */
} parsed;

static int collect_doc(igt_doc *doc, void *payload)
{
	parsed *p = payload;
	const char *t = igt_doc_get(doc, IGT_DOC_TITLE);
	igt_buf_add(&p->titles, t ? t : "-", t ? strlen(t) : 1);
	igt_buf_addc(&p->titles, '|');
	char off[32];
	int n = snprintf(off, sizeof(off), "%llu ",
	                 (unsigned long long)igt_doc_source_span(doc).offset);
	igt_buf_add(&p->offsets, off, (size_t)n);
	p->docs++;
	igt_doc_free(doc);
	return 0;
}

static void parsed_free(parsed *p)
{
	igt_buf_free(&p->titles);
	igt_buf_free(&p->offsets);
	igt_buf_free(&p->log);
}

/* Parse the file at path as igtext would (detection of the form
 * included), collecting what was emitted and logged. */
static void parse_path(const char *path, parsed *p)
{
	memset(p, 0, sizeof(*p));
	const igt_plugin *pl = &pipermail_LTX_igt_plugin_descriptor;
	pm_config cfg = {NULL, 16384};
	void *state = NULL;
	igt_input *in = NULL;
	igt_error err = {0};
	if (pl->open(&state, &cfg, NULL) != 0 || igt_input_open(&in, path, &err) != 0) {
		p->status = -1000;
		pl->close(state);
		return;
	}
	igt_buf *was = igt_log_capture(&p->log);
	p->status = pl->op.format.parse(state, in, collect_doc, p);
	igt_log_capture(was);
	pm_buf_str(&p->titles);
	pm_buf_str(&p->offsets);
	pm_buf_str(&p->log);
	igt_input_close(in);
	pl->close(state);
}

static void parse_text(const char *text, parsed *p)
{
	char path[] = "/tmp/test_pipermail_XXXXXX";
	write_temp(text, path);
	parse_path(path, p);
	unlink(path);
}

#define HEAD_ANN "From: Ann <ann@example.org>\nDate: Mon, 5 Mar 2018 10:00:00 +0100\n"
#define HEAD_BOB "From: Bob <bob@example.org>\nDate: Mon, 5 Mar 2018 11:00:00 +0100\n"

/* Each separator form of the IETF archive's files: the file's first
 * field name starts every message; a message may have no body. */
static void test_split_forms(void)
{
	static const struct {
		const char *name, *text, *titles, *offsets;
	} cases[] = {
	    {"From:", HEAD_ANN "Subject: one\n\nFirst.\n\n" HEAD_BOB "Subject: two\n\nSecond.\n",
	     "one|two|", "0 87 "},
	    {"To:",
	     "To: list@example.org\nSubject: one\n" HEAD_ANN "\nFirst.\n\n"
	     "To: list@example.org\nSubject: two\n" HEAD_BOB "\nSecond.\n",
	     "one|two|", "0 108 "},
	    {"Date:, first message without a body",
	     "Date: Fri, 26 Jul 2002 09:45:03 -0700 (PDT)\nFrom: a@example.org\nSubject: one\n\n"
	     "Date: Fri, 26 Jul 2002 08:10:32 -0400\nFrom: b@example.org\nSubject: two\n\nText.\n",
	     "one|two|", "0 78 "},
	    {"Return-Path:, after a blank first line",
	     "\nReturn-Path: <ann@example.org>\nMessage-ID: <1@example.org>\n" HEAD_ANN
	     "Subject: one\n\nFirst.\n\n"
	     "Return-Path: <bob@example.org>\nMessage-ID: <2@example.org>\n" HEAD_BOB
	     "Subject: two\n\nSecond.\n\n\n",
	     "one|two|", "1 147 "},
	    {"Envelope-to:",
	     "Envelope-to: list@example.org\nSubject: one\n" HEAD_ANN "\nFirst.\n\n"
	     "Envelope-to: list@example.org\nSubject: two\n" HEAD_BOB "\nSecond.\n",
	     "one|two|", "0 117 "},
	    {"X-Envelope-From:, CRLF",
	     "X-Envelope-From: ann@example.org\r\nSubject: one\r\n\r\nFirst.\r\n\r\n"
	     "X-Envelope-From: bob@example.org\r\nFrom: bob@example.org\r\nSubject: two\r\n"
	     "Date: Mon, 5 Mar 2018 11:00:00 +0100\r\n\r\nSecond.\r\n",
	     "one|two|", "0 60 "},
	    {"bare year lines",
	     "\n2005\nMessage-Id: <y1@example.org>\n" HEAD_ANN "Subject: one\n\nFirst.\n\n\n"
	     "2005\nMessage-Id: <y2@example.org>\n" HEAD_BOB "Subject: two\n\nSecond.\n",
	     "one|two|", "1 123 "},
	    {"three messages, the last a head alone at the end",
	     HEAD_ANN "Subject: one\n\nFirst.\n\n" HEAD_BOB "Subject: two\n\nSecond.\n\n" HEAD_BOB
	              "Subject: three",
	     "one|two|three|", "0 87 175 "},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		parsed p;
		parse_text(cases[i].text, &p);
		ok(p.status == 0, "split at %s: read (status %d)", cases[i].name, p.status);
		is_str(p.titles.data, cases[i].titles, "split at %s: the messages", cases[i].name);
		is_str(p.offsets.data, cases[i].offsets, "split at %s: where each starts",
		       cases[i].name);
		parsed_free(&p);
	}
}

/* Header blocks in a body that are not a message's own head stay text. */
static void test_split_false_friends(void)
{
	igt_date d;
	int zu;
	const char *gmail = "Mon, Mar 5, 2018 at 9:00 AM";
	ok(igt_date_parse_mail(&d, gmail, strlen(gmail), &zu) != 0,
	   "a forwarded head's date as Gmail writes it is not a date in mail form");
	static const struct {
		const char *name, *text;
	} cases[] = {
	    {"a forwarded head without a field only a message's own head has", HEAD_ANN
	     "Subject: fwd\n\nSee below.\n\nFrom: Carol <carol@example.org>\n"
	     "Date: Mon, Mar 5, 2018 at 9:00 AM\nSubject: budget\nTo: Ann <ann@example.org>\n"
	     "\nBudget text.\n"},
	    {"Outlook's head of the message replied to",
	     HEAD_ANN "Subject: re\n\nYes.\n\nFrom: Carol [mailto:carol@example.org]\n"
	              "Sent: Monday, March 05, 2018 9:00 AM\nTo: Ann\nSubject: budget\n\nText.\n"},
	    {"a head after a forward mark",
	     HEAD_ANN "Subject: fwd\n\n---------- Forwarded message ----------\n\n" HEAD_BOB
	              "Subject: budget\n\nText.\n"},
	    {"a head inside a message/rfc822 part", HEAD_ANN
	     "Subject: attached\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"
	     "Content-Type: message/rfc822\n\n" HEAD_BOB "Subject: inner\n\nText.\n--b--\n"},
	    {"fields of a body (one line, or no From, To or Subject)",
	     HEAD_ANN "Subject: agenda\n\nFrom: the programme\n\nVenue: Geneva\n"
	              "Date: Mon, 5 Mar 2018 11:00:00 +0100\n\nText.\n"},
	    {"a year in the text of a message",
	     HEAD_ANN "Subject: figures\n\n2005\nRevenue: 10\nCost: 5\n\n2006\n\nText.\n"},
	    /* A delivery report returns the head of the message it could not
	     * deliver, whole (Message-ID and Received included). */
	    {"the head a delivery report returns in a text/rfc822-headers part",
	     HEAD_ANN "Message-ID: <r@example.org>\nSubject: Returned mail\n"
	              "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
	              "--b\nContent-Type: text/plain\n\nNot delivered.\n\n"
	              "--b\nContent-Type: text/rfc822-headers\n\n" HEAD_ANN
	              "Message-ID: <1@example.org>\nSubject: budget\n\n--b--\n"},
	    {"the message a bounce returns after Exim's line",
	     HEAD_ANN "Message-ID: <r@example.org>\nSubject: Mail delivery failed\n\n"
	              "Not delivered.\n\n"
	              "------ This is a copy of the message, including all the headers. ------\n\n"
	     HEAD_ANN "Message-ID: <1@example.org>\nSubject: budget\n\nText.\n"},
	    {"the message a bounce returns after qmail's line",
	     HEAD_ANN "Message-ID: <r@example.org>\nSubject: failure notice\n\n"
	              "Not delivered.\n\n--- Below this line is a copy of the message.\n\n" HEAD_ANN
	              "Message-ID: <1@example.org>\nSubject: budget\n\nText.\n"},
	    {"the message a bounce returns after sendmail's line",
	     HEAD_ANN "Message-ID: <r@example.org>\nSubject: Returned mail\n\n"
	              "Not delivered.\n\n   ----- Unsent message follows -----\n\n" HEAD_ANN
	              "Message-ID: <1@example.org>\nSubject: budget\n\nText.\n"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		parsed p;
		parse_text(cases[i].text, &p);
		ok(p.status == 0 && p.docs == 1, "one message: %s (status %d, %zu messages)",
		   cases[i].name, p.status, p.docs);
		parsed_free(&p);
	}
}

/* Where the split would be a guess, the file is refused, naming the
 * line; messages emitted before that stay emitted. */
static void test_split_refused(void)
{
	static const struct {
		const char *name, *text;
		size_t docs;
		const char *says;
	} cases[] = {
	    /* The block is a message's head by the same marks as those the
	     * file is split at, so reading it as text would put a second
	     * message (its author, its date) inside the first; splitting at
	     * it too would split at a name the file does not split at. */
	    {"a head that starts with another field name",
	     HEAD_ANN "Subject: one\n\nFirst.\n\nDate: Mon, 5 Mar 2018 11:00:00 +0100\n"
	              "From: Bob <bob@example.org>\nSubject: two\n\nSecond.\n",
	     0, ":7: pipermail: another message starts here with a \"Date:\" field"},
	    {"a head that no blank line ends",
	     HEAD_ANN "Subject: one\n\nFirst.\n\n" HEAD_BOB "Subject: two\nSecond.\n", 0,
	     ":7: pipermail: another message may start here, but no blank line ends its head"},
	    {"a year line before no head",
	     "2005\nMessage-Id: <y1@example.org>\n" HEAD_ANN "Subject: one\n\nFirst.\n\n"
	     "2005\nText after a year.\n",
	     0, ":9: pipermail: a bare year line here is not followed by a message's head"},
	    {"a head without the file's year line",
	     "2005\nMessage-Id: <y1@example.org>\n" HEAD_ANN "Subject: one\n\nFirst.\n\n"
	     "Message-Id: <y2@example.org>\n" HEAD_BOB "Subject: two\n\nSecond.\n",
	     0, ":9: pipermail: another message starts here without the bare year line"},
	    {"a year line before a head in a file that has none before its first",
	     HEAD_ANN "Subject: one\n\nFirst.\n\n2005\n" HEAD_BOB "Subject: two\n\nSecond.\n", 0,
	     ":7: pipermail: another message starts here after a bare year line"},
	    {"an mbox envelope line before the split",
	     HEAD_ANN
	     "Subject: one\n\nFrom ann@example.org Mon Mar  5 10:00:00 2018\nFirst.\n\n" HEAD_BOB
	     "Subject: two\n\nSecond.\n",
	     0,
	     ":8: pipermail: another message starts here without a separator, but line 5 is an "
	     "mbox \"From \" line or MMDF marker"},
	    {"an mbox envelope line after a split",
	     HEAD_ANN "Subject: one\n\nFirst.\n\n" HEAD_BOB "Subject: two\n\n"
	              "From bob@example.org Mon Mar  5 10:00:00 2018\n" HEAD_BOB "\nThird.\n",
	     1, ":11: pipermail: an mbox \"From \" line or MMDF marker here"},
	    {"a different head after two messages",
	     HEAD_ANN "Subject: one\n\nFirst.\n\n" HEAD_BOB "Subject: two\n\nSecond.\n\n"
	              "To: list@example.org\n" HEAD_BOB "Subject: three\n\nThird.\n",
	     1, "the 1 message before line 7 was imported, nothing from there on"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		parsed p;
		parse_text(cases[i].text, &p);
		ok(p.status == IGT_EBADINPUT && p.docs == cases[i].docs,
		   "refused: %s (status %d, %zu messages)", cases[i].name, p.status, p.docs);
		ok(strstr(p.log.data, cases[i].says) != NULL, "refused: %s: the message says why",
		   cases[i].name);
		if (!strstr(p.log.data, cases[i].says))
			printf("#   logged: %s", p.log.data);
		parsed_free(&p);
	}
}

/* The IETF archive's separator-less files (copies in tests/ietf/), with
 * the messages counted by hand; mailbox_from also has messages that start
 * at Date: and To: (lines 29, 57, 187, 209, 783, 873), so splitting it at
 * From: alone would be a guess. */
static void test_split_ietf(void)
{
	static const struct {
		const char *file;
		int status;
		size_t docs;
		const char *first; /* how every message starts */
	} cases[] = {
	    {"tests/ietf/mailbox_from", IGT_EBADINPUT, 0, NULL},
	    {"tests/ietf/mailbox_to", 0, 15, "To:"},
	    {"tests/cases/ietf-mailbox-date-no-separators", 0, 2, "Date:"},
	    {"tests/ietf/mailbox_return-path", 0, 3, "Return-Path:"},
	    {"tests/ietf/mailbox_envelope-to", 0, 2, "Envelope-to:"},
	    {"tests/ietf/mailbox-x-envelope-from", 0, 4, "X-Envelope-From:"},
	    {"tests/ietf/mailbox_year", 0, 4, "2005\nMessage-Id: <MON.28.FEB.2005."},
	};
	const char *top = getenv("top_srcdir");
	if (!top) {
		ok(0, "ietf files: top_srcdir is not set (run through make check)");
		return;
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/plugins/format/pipermail/%s", top, cases[i].file);
		parsed p;
		parse_path(path, &p);
		ok(p.status == cases[i].status && p.docs == cases[i].docs,
		   "%s: status %d, %zu messages (want %d, %zu)", cases[i].file, p.status, p.docs,
		   cases[i].status, cases[i].docs);
		/* Every message starts with the file's separator. */
		FILE *f = fopen(path, "rb");
		char *data = malloc(65536);
		size_t n = f && data ? fread(data, 1, 65536, f) : 0;
		if (f)
			fclose(f);
		int starts = 1;
		for (const char *o = p.offsets.data; cases[i].first && *o;) {
			char *end;
			unsigned long long at = strtoull(o, &end, 10);
			size_t fl = strlen(cases[i].first);
			starts &= at + fl <= n && memcmp(data + at, cases[i].first, fl) == 0;
			o = *end ? end + 1 : end;
		}
		ok(starts, "%s: every message starts with its separator", cases[i].file);
		free(data);
		parsed_free(&p);
	}
}

int main(void)
{
	test_threads();
	test_rfc2047();
	test_charsets();
	test_addresses();
	test_ids_and_params();
	test_envelope();
	test_line_ends();
	test_input_lines();
	test_utf8_blocks();
	test_b64_groups();
	test_flowed();
	test_encoded_white_space();
	test_split_forms();
	test_split_false_friends();
	test_split_refused();
	test_split_ietf();
	return done_testing();
}
