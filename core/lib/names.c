/* SPDX-License-Identifier: MIT */
/*
 * Person names (text.h): honorifics split off, capitals made readable.
 * Case mapping is utf8proc's, so "ÉRIC" and "ŁUKASZ" work as "MILTON" does.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include <igtext/text.h>

#include "utf8.h"
#include "util.h"

/* Titles that come before a name, in lower case, without a final dot. */
static const char *const honorifics[] = {
	"mr", "mrs", "ms", "miss", "mx", "madam", "madame", "mme", "mlle", "dr", "prof",
	"professor", "sir", "dame", "hon", "rev", "ambassador", "amb", "h.e", "engr", "smt",
	"dr.-ing", "dr-ing", NULL,
};
/* Titles that are family names too (Nadia Sheikh, Maria Senator): titles
 * only before another word, and only as a name's first words. */
static const char *const name_titles[] = {
	"sheikh", "shaikh", "shri", "senator", "dato", "dato'", "dato\xe2\x80\x99", "datuk", NULL,
};
/* Titles that are words of names too ("Eng" Chinese, "Sen" Bengali):
 * only with their dot. */
static const char *const dotted_honorifics[] = {
	"eng", "sra", "srta", "sr", "lic", "rt", "sen", NULL,
};

static int is_space_at(const char *s, size_t len, size_t i, size_t *width)
{
	unsigned char c = (unsigned char)s[i];
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
		*width = 1;
		return 1;
	}
	/* U+00A0 no-break space, common in names pasted from the web. */
	if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
		*width = 2;
		return 1;
	}
	return 0;
}

/* Bytes of edge punctuation at s[i] (looking forward), or 0: ASCII , ; :
 * * _ " and the full-width comma, ideographic comma and full-width colon
 * of CJK text (U+FF0C, U+3001, U+FF1A). */
static size_t edge_punct_at(const char *s, size_t i, size_t end)
{
	char c = s[i];
	if (c == ',' || c == ';' || c == ':' || c == '*' || c == '_' || c == '"')
		return 1;
	if (i + 3 <= end) {
		const unsigned char *u = (const unsigned char *)s + i;
		if ((u[0] == 0xEF && u[1] == 0xBC && (u[2] == 0x8C || u[2] == 0x9A)) ||
		    (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x81))
			return 3;
	}
	return 0;
}

/* The same, looking backwards from end (exclusive). */
static size_t edge_punct_before(const char *s, size_t start, size_t end)
{
	if (end > start && edge_punct_at(s, end - 1, end) == 1)
		return 1;
	if (end >= start + 3 && edge_punct_at(s, end - 3, end) == 3)
		return 3;
	return 0;
}

int igt_name_honorific(const char *w, size_t n)
{
	char low[16];
	if (n == 0 || n >= sizeof(low))
		return 0;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] + 32 : w[i]);
	int dot = low[n - 1] == '.';
	if (dot)
		n--;
	low[n] = '\0';
	/* Every word of a name is asked about: the first letter turns most
	 * titles away before strcmp is called. */
	for (size_t i = 0; honorifics[i]; i++)
		if (honorifics[i][0] == low[0] && strcmp(low, honorifics[i]) == 0)
			return 1;
	for (size_t i = 0; dot && dotted_honorifics[i]; i++)
		if (dotted_honorifics[i][0] == low[0] && strcmp(low, dotted_honorifics[i]) == 0)
			return 1;
	for (size_t i = 0; name_titles[i]; i++)
		if (name_titles[i][0] == low[0] && strcmp(low, name_titles[i]) == 0)
			return 2;
	return 0;
}

/* "Sri" of "Dato' Sri", "Tan Sri" is a title only after another one:
 * Sri Mulyani's is her name. */
static int is_honorific(const char *w, size_t n, int after_honorific)
{
	return igt_name_honorific(w, n) || (after_honorific && n == 3 && strncasecmp(w, "sri", 3) == 0);
}

/* Whether w has at least two cased letters and none in lower case. */
static int all_capitals(const char *w, size_t n)
{
	size_t upper = 0;
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)w + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0)
			return 0;
		utf8proc_category_t cat = utf8proc_category(cp);
		if (cat == UTF8PROC_CATEGORY_LL)
			return 0;
		if (cat == UTF8PROC_CATEGORY_LU)
			upper++;
		i += (size_t)k;
	}
	return upper >= 2;
}

/* Append w capitalised: upper case after the start, '-', '\'' or U+2019,
 * lower case elsewhere. */
static void append_capitalised(char *out, size_t *o, const char *w, size_t n)
{
	int start = 1;
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)w + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			out[(*o)++] = w[i++];
			continue;
		}
		utf8proc_int32_t mapped = start ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
		*o += (size_t)utf8proc_encode_char(mapped, (utf8proc_uint8_t *)out + *o);
		start = cp == '-' || cp == '\'' || cp == 0x2019 || cp == '.';
		i += (size_t)k;
	}
}

int igt_name_parse(igt_name *out, const char *s, size_t len)
{
	/* Repaired as documents are: a Latin-1 label keeps its accents. */
	if (igt_utf8_valid_prefix(s, len) != len) {
		size_t n;
		char *fixed = igt_utf8_repair(s, len, &n, NULL);
		int rc = igt_name_parse(out, fixed, n);
		free(fixed);
		return rc;
	}
	out->name = NULL;
	out->honorific = NULL;
	/* Case mapping can grow a character (at most to 4 bytes from 1). */
	char *name = igt_xmalloc(len * 4 + 1), *hon = igt_xmalloc(len + 1);
	size_t n = 0, h = 0, i = 0;
	int in_name = 0;
	while (i < len) {
		size_t w;
		if (is_space_at(s, len, i, &w)) {
			i += w;
			continue;
		}
		size_t start = i;
		while (i < len && !is_space_at(s, len, i, &w))
			i++;
		size_t a = start, b = i, k;
		while (a < b && (k = edge_punct_at(s, a, b)) != 0)
			a += k;
		while (b > a && (k = edge_punct_before(s, a, b)) != 0)
			b -= k;
		if (a == b)
			continue;
		if (!in_name && is_honorific(s + a, b - a, h > 0)) {
			if (h)
				hon[h++] = ' ';
			memcpy(hon + h, s + a, b - a);
			h += b - a;
			continue;
		}
		in_name = 1;
		if (n)
			name[n++] = ' ';
		if (all_capitals(s + a, b - a)) {
			append_capitalised(name, &n, s + a, b - a);
		} else {
			memcpy(name + n, s + a, b - a);
			n += b - a;
		}
	}
	/* "SHEIKH" alone is a name, not a title of nobody. */
	size_t last = h;
	while (last > 0 && hon[last - 1] != ' ')
		last--;
	if (!n && h && igt_name_honorific(hon + last, h - last) == 2) {
		append_capitalised(name, &n, hon + last, h - last);
		h = last ? last - 1 : 0;
	}
	if (n) {
		name[n] = '\0';
		out->name = name;
	} else {
		free(name);
	}
	if (h) {
		hon[h] = '\0';
		out->honorific = hon;
	} else {
		free(hon);
	}
	return 0;
}

void igt_name_clear(igt_name *name)
{
	if (!name)
		return;
	free(name->name);
	free(name->honorific);
	name->name = name->honorific = NULL;
}
