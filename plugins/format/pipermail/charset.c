/* SPDX-License-Identifier: MIT */
/*
 * Charsets: everything the plugin writes is UTF-8. Text that is already
 * valid UTF-8 (or ASCII) is passed through untouched, which is the common
 * case and costs one validation pass. Text declared in another charset is
 * converted with iconv. Text with no declaration, or declared US-ASCII,
 * ISO-8859-1 or Windows-1252, is read a line at a time: a line that is
 * valid UTF-8 stays UTF-8 (mislabelled UTF-8 is common, and Latin-1 text
 * is practically never valid UTF-8 by accident), any other line is
 * Windows-1252, the superset of ISO-8859-1 that such mail is in practice
 * (browsers read the ISO-8859-1 label the same way: the bytes 0x80-0x9F
 * are never C1 controls in real mail). Text declared UTF-8 that is not
 * valid UTF-8 but holds no UTF-8 multi-byte sequence at all is a
 * mislabelled Latin-1 line and is read as Windows-1252 too; otherwise its
 * bad bytes are replaced. Bytes that cannot be decoded become U+FFFD and
 * are counted, so no invalid UTF-8 and no NUL byte ever reaches a
 * document.
 *
 * iconv descriptors are costly to open, so a few are cached for the life
 * of the plugin instance.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>

#include "pipermail.h"
#include "utf8.h"

#define CACHE_SLOTS 8

typedef struct slot {
	char name[48];
	iconv_t cd;
	int failed;
	unsigned long used;
} slot;

#define SCRATCH 24

struct pm_conv {
	slot slots[CACHE_SLOTS];
	unsigned long clock;
	igt_buf scratch[SCRATCH];
};

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

pm_conv *pm_conv_new(void)
{
	pm_conv *cv = calloc(1, sizeof(*cv));
	if (!cv)
		abort();
	return cv;
}

void pm_conv_free(pm_conv *cv)
{
	if (!cv)
		return;
	for (int i = 0; i < CACHE_SLOTS; i++)
		if (cv->slots[i].name[0] && !cv->slots[i].failed)
			iconv_close(cv->slots[i].cd);
	for (int i = 0; i < SCRATCH; i++)
		igt_buf_free(&cv->scratch[i]);
	free(cv);
}

igt_buf *pm_conv_scratch(pm_conv *cv, int i)
{
	return &cv->scratch[i];
}

/* An iconv descriptor from name to UTF-8, or NULL when iconv does not
 * know the name. */
static iconv_t *conv_get(pm_conv *cv, const char *name)
{
	slot *victim = &cv->slots[0];
	for (int i = 0; i < CACHE_SLOTS; i++) {
		slot *s = &cv->slots[i];
		if (s->name[0] && strcmp(s->name, name) == 0) {
			s->used = ++cv->clock;
			return s->failed ? NULL : &s->cd;
		}
		if (s->used < victim->used)
			victim = s;
	}
	if (victim->name[0] && !victim->failed)
		iconv_close(victim->cd);
	size_t len = strlen(name);
	if (len >= sizeof(victim->name))
		len = sizeof(victim->name) - 1;
	memcpy(victim->name, name, len);
	victim->name[len] = '\0';
	victim->cd = iconv_open("UTF-8", name);
	victim->failed = victim->cd == (iconv_t)-1;
	victim->used = ++cv->clock;
	return victim->failed ? NULL : &victim->cd;
}

/* ---- UTF-8 ---- */

/* Length of the valid UTF-8 sequence at s[0..n), or 0 when it is not one
 * (or is NUL). */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return c ? 1 : 0;
	if (c < 0xC2 || c > 0xF4)
		return 0;
	size_t len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if (c == 0xE0 && s[1] < 0xA0)
		return 0; /* overlong */
	if (c == 0xED && s[1] > 0x9F)
		return 0; /* surrogate */
	if (c == 0xF0 && s[1] < 0x90)
		return 0; /* overlong */
	if (c == 0xF4 && s[1] > 0x8F)
		return 0; /* above U+10FFFF */
	return len;
}

int pm_utf8_valid(const char *s, size_t n)
{
	/* The core's check skips ASCII in blocks; a NUL is valid UTF-8 to it,
	 * and is looked for apart (memchr does not stop at every byte). */
	return igt_utf8_valid_prefix(s, n) == n && !memchr(s, 0, n);
}

/* Copy s to out, each byte that is not part of valid UTF-8 (and each NUL)
 * replaced by U+FFFD. */
static size_t utf8_repair(const char *s, size_t n, igt_buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t bad = 0, i = 0, run = 0;
	while (i < n) {
		size_t len = utf8_seq(p + i, n - i);
		if (len) {
			i += len;
			continue;
		}
		igt_buf_add(out, s + run, i - run);
		igt_buf_add(out, REPLACEMENT, 3);
		bad++;
		i++;
		run = i;
	}
	igt_buf_add(out, s + run, n - run);
	return bad;
}

/* ---- labels ---- */

static const struct alias {
	const char *label;
	const char *iconv; /* NULL: UTF-8 or no charset */
	int kind;
} aliases[] = {
    {"us-ascii", NULL, PM_CS_NONE},
    {"ascii", NULL, PM_CS_NONE},
    {"ansi_x3.4-1968", NULL, PM_CS_NONE},
    {"us", NULL, PM_CS_NONE},
    {"iso646-us", NULL, PM_CS_NONE},
    {"unknown", NULL, PM_CS_NONE},
    {"unknown-8bit", NULL, PM_CS_NONE},
    {"x-unknown", NULL, PM_CS_NONE},
    {"default", NULL, PM_CS_NONE},
    {"x-user-defined", NULL, PM_CS_NONE},
    {"utf-8", NULL, PM_CS_UTF8},
    {"utf8", NULL, PM_CS_UTF8},
    {"x-utf-8", NULL, PM_CS_UTF8},
    {"unicode-1-1-utf-8", NULL, PM_CS_UTF8},
    /* Labels of the Latin-1 family are read like text without a label:
     * lines that are valid UTF-8 (a mislabelled UTF-8 message) stay UTF-8,
     * the others are Windows-1252. */
    {"iso-8859-1", NULL, PM_CS_NONE},
    {"iso8859-1", NULL, PM_CS_NONE},
    {"iso_8859-1", NULL, PM_CS_NONE},
    {"latin1", NULL, PM_CS_NONE},
    {"latin-1", NULL, PM_CS_NONE},
    {"l1", NULL, PM_CS_NONE},
    {"cp819", NULL, PM_CS_NONE},
    {"windows-1252", NULL, PM_CS_NONE},
    {"cp1252", NULL, PM_CS_NONE},
    {"x-cp1252", NULL, PM_CS_NONE},
    {"gb2312", "GB18030", PM_CS_OTHER},
    {"gbk", "GB18030", PM_CS_OTHER},
    {"x-gbk", "GB18030", PM_CS_OTHER},
    {"euc-cn", "GB18030", PM_CS_OTHER},
    {"ks_c_5601-1987", "CP949", PM_CS_OTHER},
    {"euc-kr", "CP949", PM_CS_OTHER},
    {"shift_jis", "CP932", PM_CS_OTHER},
    {"shift-jis", "CP932", PM_CS_OTHER},
    {"sjis", "CP932", PM_CS_OTHER},
    {"x-sjis", "CP932", PM_CS_OTHER},
    {"windows-31j", "CP932", PM_CS_OTHER},
    {"iso-8859-8-i", "ISO-8859-8", PM_CS_OTHER},
    {"x-mac-roman", "MACINTOSH", PM_CS_OTHER},
};

/* UTF-16 and UTF-32 cannot be read a line at a time (a line end is not
 * the byte 0x0A there); they do not occur in list mail. */
static int unsupported(const char *label)
{
	return strncmp(label, "utf-16", 6) == 0 || strncmp(label, "utf-32", 6) == 0 ||
	       strncmp(label, "ucs-", 4) == 0 || strcmp(label, "unicode") == 0;
}

void pm_decoder_start(pm_decoder *d, pm_conv *cv, const char *label, size_t n)
{
	d->cv = cv;
	d->kind = PM_CS_NONE;
	d->cd = NULL;
	d->unknown = 0;
	d->label[0] = '\0';
	while (n && (pm_is_ws(*label) || *label == '"' || *label == '\'')) {
		label++;
		n--;
	}
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < sizeof(d->label); i++) {
		char c = label[i];
		if (c == '*' || c == '"' || c == '\'' || c == ';' || pm_is_ws(c))
			break; /* RFC 2231 language suffix, closing quote */
		d->label[k++] = (char)pm_lower((unsigned char)c);
	}
	d->label[k] = '\0';
	if (k == 0)
		return;
	const char *name = d->label;
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		if (strcmp(aliases[i].label, d->label) == 0) {
			d->kind = aliases[i].kind;
			if (d->kind != PM_CS_OTHER)
				return;
			name = aliases[i].iconv;
			break;
		}
	}
	if (unsupported(d->label)) {
		d->unknown = 1;
		d->kind = PM_CS_NONE;
		return;
	}
	iconv_t *cd = conv_get(cv, name);
	if (!cd) {
		d->unknown = 1;
		d->kind = PM_CS_NONE;
		return;
	}
	iconv(*cd, NULL, NULL, NULL, NULL); /* initial shift state */
	d->kind = PM_CS_OTHER;
	d->cd = cd;
}

/* ASCII bytes mean the same in every charset we convert from, except the
 * stateful ones (ESC, SO, SI switch state) and UTF-7 ('+'). */
static int plain_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || c == 0 || c == 0x1B || c == 0x0E || c == 0x0F || c == '+')
			return 0;
	}
	return 1;
}

int pm_decoder_needed(const pm_decoder *d, const char *s, size_t n)
{
	if (d->kind == PM_CS_OTHER)
		return !plain_ascii(s, n);
	return !pm_utf8_valid(s, n);
}

static size_t iconv_append(iconv_t cd, const char *s, size_t n, igt_buf *out)
{
	char *in = (char *)s;
	size_t inleft = n, bad = 0;
	while (inleft) {
		igt_buf_reserve(out, inleft * 4 + 16);
		char *o = out->data + out->len;
		size_t oleft = out->cap - out->len - 1;
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		out->len = (size_t)(o - out->data);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		/* EILSEQ, or EINVAL for a sequence cut by the line end. */
		igt_buf_add(out, REPLACEMENT, 3);
		bad++;
		in++;
		inleft--;
	}
	return bad;
}

/* Whether s holds at least one valid UTF-8 sequence of two or more bytes. */
static int has_multibyte(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n; i++)
		if (p[i] >= 0xC2 && utf8_seq(p + i, n - i) > 1)
			return 1;
	return 0;
}

/* Windows-1252's characters for 0x80 to 0x9F (0 where it has none, as
 * iconv's WINDOWS-1252 has none); from 0xA0 on it is Latin-1, whose code
 * points are the bytes. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* s read as Windows-1252, appended as UTF-8: what iconv gives, a line
 * being a few dozen bytes for which iconv's call was most of the cost.
 * NUL and the five bytes Windows-1252 leaves undefined become U+FFFD and
 * are counted. */
static size_t cp1252_append(const char *s, size_t n, igt_buf *out)
{
	igt_buf_reserve(out, n * 3);
	char *o = out->data + out->len;
	size_t bad = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned cp = c < 0x80 || c >= 0xA0 ? c : cp1252_high[c - 0x80];
		if (!cp) {
			memcpy(o, REPLACEMENT, 3);
			o += 3;
			bad++;
		} else if (cp < 0x80) {
			*o++ = (char)cp;
		} else if (cp < 0x800) {
			*o++ = (char)(0xC0 | (cp >> 6));
			*o++ = (char)(0x80 | (cp & 0x3F));
		} else {
			*o++ = (char)(0xE0 | (cp >> 12));
			*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
			*o++ = (char)(0x80 | (cp & 0x3F));
		}
	}
	out->len = (size_t)(o - out->data);
	out->data[out->len] = '\0';
	return bad;
}

size_t pm_decode(pm_decoder *d, const char *s, size_t n, igt_buf *out)
{
	if (d->kind != PM_CS_OTHER) {
		if (pm_utf8_valid(s, n)) {
			igt_buf_add(out, s, n);
			return 0;
		}
		if (d->kind == PM_CS_UTF8 && has_multibyte(s, n))
			return utf8_repair(s, n, out);
		return cp1252_append(s, n, out);
	}
	/* Convert around NUL bytes, which iconv would pass through. */
	size_t bad = 0, from = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '\0')
			continue;
		bad += iconv_append(*(iconv_t *)d->cd, s + from, i - from, out);
		if (i < n) {
			igt_buf_add(out, REPLACEMENT, 3);
			bad++;
		}
		from = i + 1;
	}
	return bad;
}
