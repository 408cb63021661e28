/* SPDX-License-Identifier: MIT */
/*
 * Shared declarations of the stats plugin: the script table (scripts.c),
 * the one-pass text measure (measure.c) and the running totals the
 * plugin keeps per document, per format and for the whole run (stats.c).
 */
#ifndef IGT_STATS_H
#define IGT_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The scripts told apart, in the order ties are listed. */
typedef enum stats_script {
	SCRIPT_LATIN = 0,
	SCRIPT_HAN,
	SCRIPT_KANA,
	SCRIPT_HANGUL,
	SCRIPT_CYRILLIC,
	SCRIPT_ARABIC,
	SCRIPT_GREEK,
	SCRIPT_HEBREW,
	SCRIPT_DEVANAGARI,
	SCRIPT_BENGALI,
	SCRIPT_GURMUKHI,
	SCRIPT_GUJARATI,
	SCRIPT_ORIYA,
	SCRIPT_TAMIL,
	SCRIPT_TELUGU,
	SCRIPT_KANNADA,
	SCRIPT_MALAYALAM,
	SCRIPT_SINHALA,
	SCRIPT_THAI,
	SCRIPT_LAO,
	SCRIPT_TIBETAN,
	SCRIPT_MYANMAR,
	SCRIPT_KHMER,
	SCRIPT_MONGOLIAN,
	SCRIPT_GEORGIAN,
	SCRIPT_ARMENIAN,
	SCRIPT_ETHIOPIC,
	SCRIPT_SYRIAC,
	SCRIPT_THAANA,
	SCRIPT_BOPOMOFO,
	SCRIPT_OTHER,
	SCRIPT_COUNT
} stats_script;

/* The script of a letter by its Unicode block; SCRIPT_OTHER outside the
 * table. *hint caches the last table entry found (start it at 0). */
stats_script stats_script_of(uint32_t cp, size_t *hint);
const char *stats_script_name(stats_script s);

/* Abbreviations after which a full stop does not end a sentence: sorted,
 * lower case, without dots ("e.g" is kept as "eg"). */
typedef struct stats_abbrevs {
	char **items;
	size_t n;
	/* For a quick no: bit c - 'a' of first[len] is set when an item of
	 * len letters begins with c (len < 16; longer items set any_long). */
	uint32_t first[16];
	bool any_long;
} stats_abbrevs;

/* Builds the list from the built-in words and more (as written in a job:
 * "Amb.", "approx"); returns -1 and names the bad item in err when one is
 * not made of ASCII letters and dots. */
int stats_abbrevs_init(stats_abbrevs *a, char *const *more, size_t n_more, char *err,
                       size_t err_size);
void stats_abbrevs_free(stats_abbrevs *a);
/* Whether the len bytes at word, read in lower case, are an item. The
 * quick no by first letter and length is inline: it answers for most
 * words before a full stop. */
bool stats__abbrev_search(const stats_abbrevs *a, const char *word, size_t len);
static inline bool stats_abbrev_has(const stats_abbrevs *a, const char *word, size_t len)
{
	if (len == 0)
		return false;
	char first = word[0] >= 'A' && word[0] <= 'Z' ? (char)(word[0] + 32) : word[0];
	if (first < 'a' || first > 'z')
		return false;
	if (len < 16 ? !(a->first[len] >> (first - 'a') & 1) : !a->any_long)
		return false;
	return stats__abbrev_search(a, word, len);
}

/* What the measure adds up, for a document, a format or the whole run. */
typedef struct stats_counts {
	uint64_t characters;     /* Unicode code points */
	uint64_t bytes;
	uint64_t words;          /* every word, CJK characters included */
	uint64_t cjk_words;      /* of which Han and kana characters */
	uint64_t sentences;
	uint64_t sentence_words; /* words of the segments that hold sentences */
	uint64_t paragraphs;
	uint64_t letters[SCRIPT_COUNT];
} stats_counts;

/* Measure len bytes of valid UTF-8 and add to c. With sentences false the
 * text's words and characters count but it holds no sentence (headings). */
void stats_measure(stats_counts *c, const char *text, size_t len, bool sentences,
                   const stats_abbrevs *abbrevs);

void stats_counts_add(stats_counts *to, const stats_counts *from);

#endif
