/* SPDX-License-Identifier: MIT */
/*
 * The abbreviations after which a full stop does not end a sentence, for
 * the stats plugin's sentence count: titles and honorifics that precede a
 * name (Mr., Dr., Prof., Amb.), the short forms of references (et al.,
 * cf., vs., fig., vol., pp.) and of month names before a day or year.
 * Words that commonly end a sentence too ("etc.", "Inc.", "Ltd.") are not
 * listed: a full stop after them ends the sentence unless the next word
 * begins in lower case, which measure.c checks for every full stop. "No."
 * is handled there (only before a number). Dotted abbreviations ("e.g.",
 * "U.S.") need no entry. A job adds more with the abbreviations option.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <igtext/buf.h>

#include "stats.h"

/* Lower case, without dots, sorted. */
static const char *const builtin[] = {
	"al",    "amb",  "approx", "apr",  "art",   "aug",  "ca",   "capt", "cf",   "ch",
	"col",   "dec",  "dept",   "dr",   "ed",    "eds",  "eg",   "esp",  "feb",  "fig",
	"figs",  "gen",  "gov",    "hon",  "ie",    "jan",  "jr",   "jul",  "jun",  "lt",
	"maj",   "messrs", "mme",  "mlle", "mr",    "mrs",  "ms",   "mt",   "mx",   "nos",
	"nov",   "oct",  "op",     "para", "paras", "pp",   "pres", "prof", "rep",  "rev",
	"sec",   "sen",  "sep",    "sept", "sgt",   "sr",   "st",   "viz",  "vol",  "vols",
	"vs",
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "Amb." -> "amb", "e.g." -> "eg"; NULL when s is not ASCII letters and
 * dots with at least one letter. */
static char *normalise(const char *s)
{
	igt_buf b = {0};
	for (const char *p = s; *p; p++) {
		if (*p == '.')
			continue;
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
			igt_buf_free(&b);
			return NULL;
		}
		igt_buf_addc(&b, (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p));
	}
	if (b.len == 0) {
		igt_buf_free(&b);
		return NULL;
	}
	return igt_buf_take(&b);
}

int stats_abbrevs_init(stats_abbrevs *a, char *const *more, size_t n_more, char *err,
                       size_t err_size)
{
	size_t n_builtin = sizeof(builtin) / sizeof(builtin[0]);
	a->items = calloc(n_builtin + n_more, sizeof(char *));
	if (!a->items)
		abort();
	a->n = 0;
	for (size_t i = 0; i < n_builtin; i++)
		a->items[a->n++] = igt_strndup(builtin[i], strlen(builtin[i]));
	for (size_t i = 0; i < n_more; i++) {
		char *w = normalise(more[i]);
		if (!w) {
			snprintf(err, err_size,
			         "abbreviations: \"%s\" is not an abbreviation (ASCII letters and "
			         "dots, like \"Amb.\" or \"approx.\")",
			         more[i]);
			stats_abbrevs_free(a);
			return -1;
		}
		a->items[a->n++] = w;
	}
	qsort(a->items, a->n, sizeof(char *), cmp_str);
	/* Drop repeats, so a job may list a built-in one again. */
	size_t k = 0;
	for (size_t i = 0; i < a->n; i++) {
		if (k && strcmp(a->items[k - 1], a->items[i]) == 0)
			free(a->items[i]);
		else
			a->items[k++] = a->items[i];
	}
	a->n = k;
	memset(a->first, 0, sizeof(a->first));
	a->any_long = false;
	for (size_t i = 0; i < a->n; i++) {
		size_t len = strlen(a->items[i]);
		if (len < 16)
			a->first[len] |= 1u << (a->items[i][0] - 'a');
		else
			a->any_long = true;
	}
	return 0;
}

void stats_abbrevs_free(stats_abbrevs *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->items[i]);
	free(a->items);
	a->items = NULL;
	a->n = 0;
}

/* strncmp of word, read in lower case, with m. */
static int cmp_lower(const char *word, const char *m, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)word[i], d = (unsigned char)m[i];
		if (c >= 'A' && c <= 'Z')
			c += 32;
		if (c != d)
			return c < d ? -1 : 1;
		if (!c)
			break;
	}
	return 0;
}

bool stats__abbrev_search(const stats_abbrevs *a, const char *word, size_t len)
{
	size_t lo = 0, hi = a->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *m = a->items[mid];
		int c = cmp_lower(word, m, len);
		if (c == 0)
			c = m[len] == '\0' ? 0 : -1; /* word is a prefix of m: it sorts first */
		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}
