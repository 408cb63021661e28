/* SPDX-License-Identifier: MIT */
/*
 * article: essays and op-eds as one document each. The first line is the
 * title; a byline (author, often with a position, sometimes in another
 * script: "Li Yuxiao 外交部非洲司司长") and/or a dateline follow it;
 * numbered section headings ("I.", "1.", "A.", "Part I", "一、") divide the
 * body; a closing author note ("Jane Doe is a senior fellow at …") gives
 * the author's position. Everything else is paragraphs and list items.
 *
 * The input is streamed line by line. Only the head (the first
 * ARTICLE_PEEK bytes, looked at without consuming them) is examined up
 * front, to find the header lines and to tell one-paragraph-per-line text
 * from hard-wrapped text with blank lines between paragraphs. Two
 * decisions need text that comes later: a numbered line is a heading only
 * when the next block does not continue the numbering (then it is a list),
 * and a paragraph about the author is the author note only when nothing
 * but such paragraphs follows it. Blocks wait in a small queue for that.
 *
 * Nothing is guessed: a byline that cannot be split into a name and a
 * position keeps its whole text in the person's as_written and leaves the
 * name null; no date in the text means a null date.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <igtext/igtext.h>

#define ARTICLE_PEEK   16384 /* head examined before reading */
#define TITLE_MAX      300   /* bytes: longer first lines are prose */
#define BYLINE_MAX     300
#define HEADING_MAX    200
#define NOTE_MAX       1500
#define NAME_WORDS_MAX 6
#define MAX_AUTHORS    8
#define QUEUE_MAX      16
#define HEADER_LINES   4 /* lines after the title that may be subtitle, byline, dateline */

/* ---- UTF-8 ---- */

/* The code point at s[i] and its width; a broken sequence reads as U+FFFD
 * of one byte, so scanning always advances. */
static uint32_t u8_get(const char *s, size_t n, size_t i, size_t *w)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80) {
		*w = 1;
		return c;
	}
	size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	if (k == 1 || i + k > n) {
		*w = 1;
		return 0xFFFD;
	}
	uint32_t cp = c & (0x7Fu >> k);
	for (size_t j = 1; j < k; j++) {
		unsigned char d = (unsigned char)s[i + j];
		if ((d & 0xC0) != 0x80) {
			*w = 1;
			return 0xFFFD;
		}
		cp = (cp << 6) | (d & 0x3Fu);
	}
	*w = k;
	return cp;
}

/* The start of the code point that ends just before s[i]. */
static size_t u8_back(const char *s, size_t i)
{
	size_t j = i - 1;
	while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	return j;
}

static int is_uspace(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' || cp == '\v' ||
	       cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
	       cp == 0x205F || cp == 0xFEFF;
}

static int is_han(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

/* Scripts that mark the end of a Latin name in a byline. */
static int is_cjk(uint32_t cp)
{
	return is_han(cp) || (cp >= 0x3000 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
	       (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x1100 && cp <= 0x11FF);
}

static int is_blank_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* [*a, *b) of s without surrounding white space, Unicode spaces included. */
static void trim(const char *s, size_t n, size_t *a, size_t *b)
{
	size_t i = 0, j = n, w;
	while (i < j && is_uspace(u8_get(s, j, i, &w)))
		i += w;
	while (j > i) {
		size_t k = u8_back(s, j);
		if (k < i || !is_uspace(u8_get(s, j, k, &w)))
			break;
		j = k;
	}
	*a = i;
	*b = j;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || is_upper(c);
}

/* s[0..n) begins with word, compared without regard to ASCII case. */
static size_t starts_ci(const char *s, size_t n, const char *word)
{
	size_t k = strlen(word);
	if (k > n)
		return 0;
	for (size_t i = 0; i < k; i++)
		if (lower((unsigned char)s[i]) != lower((unsigned char)word[i]))
			return 0;
	return k;
}

static int eq_ci(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && starts_ci(s, n, word) == n;
}

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
	size_t w;
	while (i < n && is_uspace(u8_get(s, n, i, &w)))
		i += w;
	return i;
}

/* ---- dates ---- */

static const char *const weekdays[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues",   "wed",     "thu",       "thur",     "thurs",  "fri",      "sat",    "sun", NULL};

typedef struct tok {
	const char *s;
	size_t n;
} tok;

/* Tokens separated by white space and commas; 0 when there are more than
 * max (no date is that long). */
static size_t date_tokens(const char *s, size_t n, tok *out, size_t max)
{
	size_t k = 0, i = 0;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == ','))
			i++;
		if (i == n)
			break;
		if (k == max)
			return 0;
		size_t a = i;
		while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != ',')
			i++;
		out[k].s = s + a;
		out[k].n = i - a;
		k++;
	}
	return k;
}

/* All digits, 1 to maxd of them: the value; -1 otherwise. */
static int number(const char *s, size_t n, size_t maxd)
{
	if (n == 0 || n > maxd)
		return -1;
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!is_digit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int year_ok(int y)
{
	return y >= 1900 && y <= 2099;
}

/* A day of the month, with an optional ordinal suffix ("10th"). */
static int day_number(const char *s, size_t n)
{
	if (n > 2 && (eq_ci(s + n - 2, 2, "st") || eq_ci(s + n - 2, 2, "nd") ||
	              eq_ci(s + n - 2, 2, "rd") || eq_ci(s + n - 2, 2, "th")))
		n -= 2;
	int d = number(s, n, 2);
	return d >= 1 && d <= 31 ? d : -1;
}

/* "2016-03-10", "2016/03/10", "2016.03.10", "2016-03" and "2016"; also
 * day first, "14/11/2018", or month first, "11/14/2018"; of "03/04/2018",
 * which could be either, the year only (igt_date_parse_numeric). */
static int numeric_date(const char *s, size_t n, igt_date *d)
{
	if (igt_date_parse_numeric(d, s, n) >= 0)
		return year_ok(d->year) ? 0 : -1;
	igt_date_init(d);
	int y = number(s, n < 4 ? n : 4, 4);
	if (n < 4 || !year_ok(y))
		return -1;
	d->year = y;
	if (n == 4)
		return 0;
	char sep = s[4];
	if ((sep != '-' && sep != '/' && sep != '.') || n < 6)
		return -1;
	size_t i = 5, j = i;
	while (j < n && is_digit((unsigned char)s[j]))
		j++;
	d->month = number(s + i, j - i, 2);
	if (d->month < 1)
		return -1;
	if (j == n)
		return 0;
	if (s[j] != sep)
		return -1;
	d->day = number(s + j + 1, n - j - 1, 2);
	return d->day >= 1 ? 0 : -1;
}

/* "2016年3月10日", "2016年3月", "2016年". */
static int cjk_date(const char *s, size_t n, igt_date *d)
{
	static const char nian[] = "\xE5\xB9\xB4", yue[] = "\xE6\x9C\x88", ri[] = "\xE6\x97\xA5";
	const char *units[] = {nian, yue, ri};
	int *parts[] = {&d->year, &d->month, &d->day};
	size_t i = 0;
	for (int k = 0; k < 3 && i < n; k++) {
		size_t j = i;
		while (j < n && is_digit((unsigned char)s[j]))
			j++;
		int v = number(s + i, j - i, k == 0 ? 4 : 2);
		if (v < 1 || j + 3 > n || memcmp(s + j, units[k], 3) != 0)
			return -1;
		*parts[k] = v;
		i = j + 3;
	}
	return i == n && year_ok(d->year) ? 0 : -1;
}

/* The whole of s[0..n) is one date, as precise as it is written. */
static int date_exact(const char *s, size_t n, igt_date *d)
{
	tok t[6];
	igt_date_init(d);
	size_t k = date_tokens(s, n, t, 6), i = 0;
	if (k == 0)
		return -1;
	for (size_t w = 0; weekdays[w]; w++) {
		size_t len = t[0].n && t[0].s[t[0].n - 1] == '.' ? t[0].n - 1 : t[0].n;
		if (k > 1 && eq_ci(t[0].s, len, weekdays[w])) {
			i = 1;
			break;
		}
	}
	int rc = -1;
	if (k - i == 1) {
		rc = numeric_date(t[i].s, t[i].n, d);
		if (rc != 0) {
			igt_date_init(d);
			rc = cjk_date(t[i].s, t[i].n, d);
		}
	} else if (k - i == 2) { /* March 2016 */
		d->month = igt_month_parse(t[i].s, t[i].n);
		d->year = number(t[i + 1].s, t[i + 1].n, 4);
		rc = d->month && year_ok(d->year) ? 0 : -1;
	} else if (k - i == 3) { /* March 10 2016, 10 March 2016 */
		int m = igt_month_parse(t[i].s, t[i].n);
		d->day = m ? day_number(t[i + 1].s, t[i + 1].n) : day_number(t[i].s, t[i].n);
		d->month = m ? m : igt_month_parse(t[i + 1].s, t[i + 1].n);
		d->year = number(t[i + 2].s, t[i + 2].n, 4);
		rc = d->month && d->day > 0 && year_ok(d->year) ? 0 : -1;
	}
	if (rc == 0 && !igt_date_valid(d))
		rc = -1;
	if (rc != 0)
		igt_date_init(d);
	return rc;
}

static const char *const date_labels[] = {
    "published on:", "published on", "published:", "published", "posted on:", "posted on",
    "posted:",       "posted",       "dated:",     "dated",     "date:",      NULL};

/* A dateline: an optional label ("Published:"), an optional place and a
 * comma ("Geneva, "), then nothing but a date. The date as written is
 * s[*da, *db); the place, when there is one, s[*pa, *pb). */
typedef struct dateline {
	igt_date date;
	size_t da, db, pa, pb;
} dateline;

/* What may stand before the comma of a dateline: at most three words of
 * letters. Only one word ("Geneva") or capitals ("NEW YORK") are taken as
 * the place: "Jane Doe, 10 March 2016" could name the author as well, so
 * there the date is read and the rest stays only in fields.dateline. */
enum { LEAD_NONE = 0, LEAD_AMBIGUOUS, LEAD_PLACE };

static size_t prefix_len(const char *s, size_t n);

static int dateline_lead(const char *s, size_t n)
{
	size_t words = 1, lower_case = 0;
	if (n == 0 || n > 40 || !(is_upper((unsigned char)s[0]) || (unsigned char)s[0] >= 0xC3) ||
	    prefix_len(s, n))
		return LEAD_NONE;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ')
			words++;
		else if (c >= 'a' && c <= 'z')
			lower_case++;
		else if (!is_alpha(c) && c < 0x80 && c != '.' && c != '-' && c != '\'')
			return LEAD_NONE;
	}
	if (words > 3)
		return LEAD_NONE;
	return words == 1 || lower_case == 0 ? LEAD_PLACE : LEAD_AMBIGUOUS;
}

static int dateline_scan(const char *s, size_t n, dateline *out)
{
	memset(out, 0, sizeof(*out));
	size_t i = 0;
	for (size_t k = 0; date_labels[k]; k++) {
		size_t m = starts_ci(s, n, date_labels[k]);
		if (m && (m == n || s[m] == ' ' || s[m - 1] == ':')) {
			i = skip_spaces(s, n, m);
			break;
		}
	}
	size_t a = i, b = n;
	while (b > a && s[b - 1] == '.')
		b--;
	if (b > a && date_exact(s + a, b - a, &out->date) == 0) {
		out->da = a;
		out->db = b;
		return 1;
	}
	const char *comma = memchr(s + a, ',', b - a);
	if (!comma)
		return 0;
	size_t c = (size_t)(comma - s);
	size_t r = skip_spaces(s, b, c + 1);
	int lead = dateline_lead(s + a, c - a);
	if (lead != LEAD_NONE && r < b && date_exact(s + r, b - r, &out->date) == 0) {
		if (lead == LEAD_PLACE) {
			out->pa = a;
			out->pb = c;
		}
		out->da = r;
		out->db = b;
		return 1;
	}
	return 0;
}

/* ---- names and bylines ---- */

static const char *const stop_words[] = {
    "The",  "A",     "An",   "Of",   "In",   "On",      "For",     "And",   "To",  "With",
    "At",   "By",    "From", "How",  "Why",  "What",    "When",    "Where", "Who", "This",
    "That", "These", "Is",   "Are",  "Was",  "It",      "Its",     "We",    "Our", "Not",
    "THE",  "OF",    "AND",  "Part", "PART", "Section", "Chapter", NULL,
};

/* Words of organisations, positions and document parts: never part of a
 * personal name, so "Internet Society" or "Executive Summary" under a
 * title is not read as an author. Compared without regard to case. */
static const char *const not_name_words[] = {
    "abstract",   "agency",    "analyst",       "association", "board",        "centre",
    "center",     "chair",     "chairman",      "chief",       "commission",   "committee",
    "conclusion", "contents",  "council",       "cyber",       "daily",        "department",
    "deputy",     "digital",   "director",      "editor",      "editorial",    "executive",
    "fellow",     "forum",     "foundation",    "global",      "governance",   "government",
    "group",      "institute", "international", "internet",    "introduction", "lecturer",
    "manager",    "member",    "minister",      "ministry",    "national",     "network",
    "news",       "office",    "overview",      "policy",      "president",    "press",
    "program",    "programme", "project",       "report",      "research",     "researcher",
    "secretary",  "senior",    "session",       "society",     "staff",        "studies",
    "summary",    "team",      "times",         "union",       "university",   "world",
    NULL,
};

static int in_list_ci(const char *w, size_t n, const char *const *list)
{
	if (n && w[n - 1] == '.')
		n--;
	for (size_t i = 0; list[i]; i++)
		if (eq_ci(w, n, list[i]))
			return 1;
	return 0;
}

static const char *const particles[] = {"de",  "da",    "del", "della", "der", "den", "van", "von",
                                        "bin", "binti", "al",  "el",    "la",  "le",  "du",  "dos",
                                        "das", "di",    "ten", "ter",   "y",   NULL};

static int in_list(const char *w, size_t n, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && memcmp(w, list[i], n) == 0)
			return 1;
	return 0;
}

enum { WORD_NONE = 0, WORD_PARTICLE, WORD_NAME };

/* Whether w can be a word of a personal name: a capital (or an accented
 * or non-Latin alphabetic letter) first, then letters, dots, hyphens and
 * apostrophes; or a lower-case particle ("van", "de"). */
static int name_word(const char *w, size_t n)
{
	if (n == 0 || n > 40)
		return WORD_NONE;
	if (in_list(w, n, particles))
		return WORD_PARTICLE;
	if (in_list(w, n, stop_words) || in_list_ci(w, n, not_name_words))
		return WORD_NONE;
	unsigned char c0 = (unsigned char)w[0];
	if (!is_upper(c0) && !(c0 >= 0xC3 && c0 <= 0xD3))
		return WORD_NONE;
	size_t letters = 0;
	for (size_t i = 0; i < n;) {
		size_t k;
		uint32_t cp = u8_get(w, n, i, &k);
		if (cp < 0x80 ? is_alpha((int)cp) : (cp >= 0xC0 && cp < 0x530))
			letters++;
		else if (cp != '.' && cp != '-' && cp != '\'' && cp != 0x2019)
			return WORD_NONE;
		i += k;
	}
	return letters ? WORD_NAME : WORD_NONE;
}

/* Length of a separator between a name and what follows it in a byline,
 * at s[i]; 0 when there is none. */
static size_t separator_at(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	if (c == ',' || c == ';' || c == '|' || c == '(' || c == '/')
		return 1;
	if (c == '-' && (i + 1 == n || s[i + 1] == ' '))
		return 1;
	size_t w;
	uint32_t cp = u8_get(s, n, i, &w);
	if (cp == 0x2013 || cp == 0x2014 || cp == 0xB7 || cp == 0xFF0C || cp == 0xFF08 ||
	    cp == 0xFF5C || cp == 0xFF1B || cp == 0x3001)
		return w;
	return 0;
}

enum { B_EOL = 1, B_SEP, B_SCRIPT, B_WORD };

typedef struct span32 {
	size_t a, b;
} span32;

/* "and" between two names, written small, in the languages of the
 * bylines ("et", "und", "en", "och"; not Spanish "y", which also joins
 * the two surnames of one name), or "&". */
static int name_joint(const char *w, size_t n)
{
	static const char *const joints[] = {"and", "et", "und", "en", "och", NULL};
	if (n == 1 && w[0] == '&')
		return 1;
	for (int k = 0; joints[k]; k++)
		if (strlen(joints[k]) == n && memcmp(w, joints[k], n) == 0)
			return 1;
	return 0;
}

/* A run of personal names from s[i]: names joined by "and" or "&", ended
 * by the end of the text, a separator, a change of script, or a word that
 * cannot be part of a name. */
typedef struct name_run {
	size_t n_names;
	span32 names[MAX_AUTHORS];
	size_t words[MAX_AUTHORS];
	size_t end; /* where the boundary starts */
	int boundary;
} name_run;

static size_t token_end(const char *s, size_t n, size_t i)
{
	while (i < n) {
		size_t w;
		uint32_t cp = u8_get(s, n, i, &w);
		if (is_uspace(cp) || is_cjk(cp) || (i > 0 && separator_at(s, n, i) && s[i] != '-'))
			break;
		i += w;
	}
	return i;
}

static void run_close(name_run *r, int *open)
{
	if (*open && r->words[r->n_names] > 0)
		r->n_names++;
	*open = 0;
}

static void scan_names(const char *s, size_t n, size_t i, name_run *r)
{
	memset(r, 0, sizeof(*r));
	int open = 0, joined = 0;
	for (;;) {
		i = skip_spaces(s, n, i);
		r->end = i;
		size_t w;
		if (i >= n) {
			r->boundary = B_EOL;
			break;
		}
		if (separator_at(s, n, i)) {
			r->boundary = B_SEP;
			break;
		}
		if (is_cjk(u8_get(s, n, i, &w))) {
			r->boundary = B_SCRIPT;
			break;
		}
		size_t j = token_end(s, n, i);
		if (j == i) /* a lone hyphen inside a word run; cannot happen, but never loop */
			j = i + 1;
		int kind = name_word(s + i, j - i);
		if (name_joint(s + i, j - i)) {
			if (!open || r->n_names + 1 >= MAX_AUTHORS) {
				r->boundary = B_WORD;
				break;
			}
			run_close(r, &open);
			joined = 1;
			i = j;
			continue;
		}
		int late_title = open && igt_name_honorific(s + i, j - i) == 1;
		if (kind == WORD_NONE || (kind == WORD_PARTICLE && !open) || late_title) {
			r->boundary = B_WORD;
			break;
		}
		if (!open) {
			open = 1;
			joined = 0;
			r->names[r->n_names].a = i;
			r->words[r->n_names] = 0;
		}
		if (kind == WORD_NAME && ++r->words[r->n_names] > NAME_WORDS_MAX) {
			r->boundary = B_WORD;
			break;
		}
		r->names[r->n_names].b = j;
		i = j;
	}
	if (joined && !open && r->boundary != B_WORD)
		r->boundary = B_WORD; /* "Jane Doe and" with no second name */
	run_close(r, &open);
}

/* The last two are 作者： and 作者: ("author:"). */
/* "By" in the languages of the forums' articles: English; Russian
 * Автор(ы):, Chinese 作者：; and (weak_prefixes) French and Catalan par,
 * German von, Spanish and Portuguese por, Dutch door, Nordic av. */
static const char *const byline_prefixes[] = {"written by ",
                                              "by ",
                                              "authors:",
                                              "author:",
                                              "\xD0\x90\xD0\xB2\xD1\x82\xD0\xBE\xD1\x80:",
                                              "\xD0\x90\xD0\xB2\xD1\x82\xD0\xBE\xD1\x80\xD1\x8B:",
                                              "\xD0\xB0\xD0\xB2\xD1\x82\xD0\xBE\xD1\x80:",
                                              "\xE4\xBD\x9C\xE8\x80\x85\xEF\xBC\x9A",
                                              "\xE4\xBD\x9C\xE8\x80\x85:",
                                              NULL};

/* A byline: names, a position, maybe a date. Offsets are into the line. */
typedef struct byline {
	int prefixed; /* "By …", "Author: …" */
	int clean;    /* names and position told apart with confidence */
	size_t n_names;
	span32 names[MAX_AUTHORS];
	span32 position; /* a == b: none */
	int has_date;
	igt_date date;
	span32 date_text;
} byline;

/* "By" in other languages is also a word of ordinary text ("Von der
 * Leyen calls for …"): such a line is a byline only when names follow. */
static const char *const weak_prefixes[] = {"par ", "von ", "por ", "door ", "av ", NULL};

/* The length of the prefix of list at the start of s (and the spaces
 * after it), or 0. */
static size_t list_prefix(const char *const *list, const char *s, size_t n)
{
	for (size_t k = 0; list[k]; k++) {
		size_t m = starts_ci(s, n, list[k]);
		if (m && m < n)
			return skip_spaces(s, n, m);
	}
	return 0;
}

static int weak_prefix(const char *s, size_t n)
{
	return list_prefix(weak_prefixes, s, n) != 0;
}

static size_t prefix_len(const char *s, size_t n)
{
	size_t m = list_prefix(byline_prefixes, s, n);
	return m ? m : list_prefix(weak_prefixes, s, n);
}

/* Trim separators and spaces off both ends of s[*a, *b). */
static void trim_seps(const char *s, size_t *a, size_t *b)
{
	for (;;) {
		size_t x, y;
		trim(s + *a, *b - *a, &x, &y);
		*b = *a + y;
		*a += x;
		size_t w = *a < *b ? separator_at(s, *b, *a) : 0;
		int paren = s[*a] == '(' || (w == 3 && memcmp(s + *a, "\xEF\xBC\x88", 3) == 0);
		if (w && !paren) {
			*a += w;
			continue;
		}
		if (*b > *a) {
			size_t k = u8_back(s, *b);
			if (k >= *a && separator_at(s, *b, k) && s[k] != '(') {
				*b = k;
				continue;
			}
		}
		return;
	}
}

/* A date at the end of a byline's position ("…, March 10, 2016"): the
 * earliest separator after which the rest is a whole date. */
static void byline_date(const char *s, byline *b)
{
	size_t a = b->position.a, e = b->position.b;
	igt_date d;
	if (date_exact(s + a, e - a, &d) == 0) {
		b->has_date = 1;
		b->date = d;
		b->date_text = b->position;
		b->position.b = b->position.a;
		return;
	}
	for (size_t i = a; i < e; i++) {
		size_t w = separator_at(s, e, i);
		if (!w)
			continue;
		size_t r = skip_spaces(s, e, i + w), q = e;
		while (q > r && s[q - 1] == '.')
			q--;
		if (r < q && date_exact(s + r, q - r, &d) == 0) {
			b->has_date = 1;
			b->date = d;
			b->date_text = (span32){r, q};
			b->position.b = i;
			trim_seps(s, &b->position.a, &b->position.b);
			return;
		}
	}
}

/* A byline in Chinese: a name of two to four Han characters, then a space
 * or separator and the position. */
static int byline_han(const char *s, size_t n, size_t i, byline *b)
{
	size_t j = i, chars = 0, w;
	while (j < n && is_han(u8_get(s, n, j, &w))) {
		j += w;
		chars++;
	}
	int bounded = j == n || is_uspace(u8_get(s, n, j, &w)) || separator_at(s, n, j);
	if (chars < 2 || chars > 4 || !bounded)
		return b->prefixed ? 1 : 0;
	b->clean = 1;
	b->n_names = 1;
	b->names[0] = (span32){i, j};
	b->position = (span32){j, n};
	trim_seps(s, &b->position.a, &b->position.b);
	if (b->position.b > b->position.a && !b->prefixed) {
		size_t k = u8_back(s, b->position.b);
		if (u8_get(s, n, k, &w) == 0x3002) /* 。: a sentence, not a position */
			return 0;
	}
	return 1;
}

/* Whether the byline's position is itself more names ("Jane Doe, John
 * Smith and Ann Lee"); they are added as authors. */
static void byline_more_names(const char *s, byline *b)
{
	name_run r;
	scan_names(s, b->position.b, b->position.a, &r);
	if (r.boundary != B_EOL || r.n_names < 2 || b->n_names + r.n_names > MAX_AUTHORS)
		return;
	for (size_t k = 0; k < r.n_names; k++)
		if (r.words[k] < 2)
			return;
	for (size_t k = 0; k < r.n_names; k++)
		b->names[b->n_names++] = r.names[k];
	b->position.b = b->position.a;
}

/* Read s[0..n) (trimmed) as a byline. Returns 1 when it is one (b->clean
 * says whether its names could be told from the rest), 0 otherwise. */
/* "By Anriette Esterhuysen (APC) and Milton Mueller (Georgia Tech)":
 * authors each with an affiliation in brackets, from s[i]. The names go
 * to b; the bracketed parts, one per author, are left in the byline
 * field (b has one position for all). Returns 1 when the whole line is
 * of that form. */
static int bracketed_authors(const char *s, size_t n, size_t i, byline *b)
{
	static const char *const joints[] = {", and ", " and ", " & ", ", ", NULL};
	size_t k = 0;
	while (i < n) {
		const char *open = memchr(s + i, '(', n - i);
		const char *close = open ? memchr(open, ')', n - (size_t)(open - s)) : NULL;
		if (!close || k == MAX_AUTHORS)
			return 0;
		size_t e = (size_t)(open - s);
		while (e > i && s[e - 1] == ' ')
			e--;
		name_run r;
		scan_names(s, e, i, &r);
		if (r.n_names != 1 || r.names[0].b != e || r.words[0] < 1 || r.words[0] > 6)
			return 0;
		b->names[k++] = r.names[0];
		i = (size_t)(close - s) + 1;
		if (i == n)
			break;
		size_t w = 0;
		for (int j = 0; joints[j] && !w; j++)
			if (n - i > strlen(joints[j]) && strncmp(s + i, joints[j], strlen(joints[j])) == 0)
				w = strlen(joints[j]);
		if (!w)
			return 0;
		i += w;
	}
	if (k < 2)
		return 0;
	b->clean = 1;
	b->n_names = k;
	return 1;
}

static int byline_scan(const char *s, size_t n, byline *b)
{
	memset(b, 0, sizeof(*b));
	if (n == 0 || n > BYLINE_MAX)
		return 0;
	size_t i = prefix_len(s, n), w;
	b->prefixed = i > 0;
	if (!b->prefixed && n > 200)
		return 0;
	if (is_han(u8_get(s, n, i, &w)))
		return byline_han(s, n, i, b);
	if (memchr(s, ')', n) && bracketed_authors(s, n, i, b))
		return 1;
	memset(b, 0, sizeof(*b));
	b->prefixed = i > 0;
	name_run r;
	scan_names(s, n, i, &r);
	size_t min_words = b->prefixed ? 1 : 2;
	int ok = r.n_names > 0 && r.boundary != B_WORD;
	for (size_t k = 0; ok && k < r.n_names; k++)
		ok = r.words[k] >= min_words && r.words[k] <= (b->prefixed ? 6u : 5u);
	/* "Par Jean Leclerc et Marie Dubois": names, if not read cleanly,
	 * when a capital follows; "Von der Leyen calls …" is text. */
	if (!ok)
		return b->prefixed && (!weak_prefix(s, n) || (i < n && (is_upper((unsigned char)s[i]) ||
		                                                         (unsigned char)s[i] >= 0xC0)));
	b->clean = 1;
	b->n_names = r.n_names;
	memcpy(b->names, r.names, sizeof(r.names));
	if (r.boundary != B_EOL) {
		size_t a = r.end, e = n;
		if (r.boundary == B_SEP) {
			int paren =
			    s[a] == '(' || (a + 3 <= n && memcmp(s + a, "\xEF\xBC\x88", 3) == 0);
			a += separator_at(s, n, a);
			if (paren && e > a &&
			    (s[e - 1] == ')' ||
			     (e >= 3 && memcmp(s + e - 3, "\xEF\xBC\x89", 3) == 0)))
				e -= s[e - 1] == ')' ? 1 : 3;
		}
		b->position = (span32){a, e};
		trim_seps(s, &b->position.a, &b->position.b);
	}
	if (b->position.b > b->position.a) {
		byline_date(s, b);
		byline_more_names(s, b);
	}
	/* Without "By", a line ending in a full stop and holding nothing but
	 * names is a sentence ("Jane Doe agreed."), not a byline. */
	if (!b->prefixed && b->position.a == b->position.b && !b->has_date && s[n - 1] == '.')
		return 0;
	/* A name ends before a final full stop ("By Jane Doe."), unless it is
	 * an initial or a short abbreviation ("Jr."). */
	span32 *last = &b->names[b->n_names - 1];
	if (last->b == n && s[n - 1] == '.' && last->b - last->a > 3 && is_alpha(s[n - 2]) &&
	    is_alpha(s[n - 3]) && is_alpha(s[n - 4]))
		last->b--;
	return 1;
}

/* ---- titles ---- */

/* The first line is a title when it is short and not a sentence. */
static int title_ok(const char *s, size_t n)
{
	if (n == 0 || n > TITLE_MAX)
		return 0;
	char last = s[n - 1];
	if (last == ',' || last == ';' || last == ':')
		return 0;
	if (last == '.' && !(n >= 3 && s[n - 2] == '.' && s[n - 3] == '.'))
		return 0;
	if (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x82", 3) == 0) /* 。 */
		return 0;
	return 1;
}

/* ---- section numbers, list markers ---- */

enum { ST_ROMAN, ST_ARABIC, ST_LETTER, ST_PART, ST_CJK, ST_COUNT };
enum { MK_NONE = 0, MK_NUMBER, MK_BULLET };

typedef struct marker {
	int kind;
	int value[ST_COUNT]; /* the number in each style it can be read in; 0: not */
	size_t text_at;      /* where the heading text starts after the number */
} marker;

/* I to XXXIX, written canonically. */
static int roman_value(const char *s, size_t n)
{
	static const char *const ones[] = {"",  "I",  "II",  "III",  "IV",
	                                   "V", "VI", "VII", "VIII", "IX"};
	size_t tens = 0;
	while (tens < n && s[tens] == 'X')
		tens++;
	if (tens > 3)
		return 0;
	for (int o = 0; o < 10; o++)
		if (strlen(ones[o]) == n - tens && memcmp(s + tens, ones[o], n - tens) == 0)
			return (int)tens * 10 + o; /* 0 for the empty string */
	return 0;
}

static const char *const number_words[] = {"one",    "two",    "three", "four", "five",
                                           "six",    "seven",  "eight", "nine", "ten",
                                           "eleven", "twelve", NULL};

/* "Part I", "Part 2", "Part Three", then the end, a space, ':', '.' or a dash. */
static int part_value(const char *s, size_t n, size_t *after)
{
	if (!starts_ci(s, n, "part ") || !(s[0] == 'P'))
		return 0;
	size_t i = 5, j = 5;
	while (j < n && is_alpha((unsigned char)s[j]))
		j++;
	if (j == i)
		while (j < n && is_digit((unsigned char)s[j]))
			j++;
	int v = roman_value(s + i, j - i);
	if (!v)
		v = number(s + i, j - i, 2);
	for (size_t k = 0; v <= 0 && number_words[k]; k++)
		if (eq_ci(s + i, j - i, number_words[k]))
			v = (int)k + 1;
	if (v <= 0 || (j < n && s[j] != ' ' && s[j] != ':' && s[j] != '.' && s[j] != '-' &&
	               (unsigned char)s[j] != 0xE2))
		return 0;
	*after = j;
	return v;
}

/* 一 to 九十九 followed by 、 */
static int cjk_number(const char *s, size_t n, size_t *after)
{
	static const char *const digits[] = {"\xE4\xB8\x80", "\xE4\xBA\x8C", "\xE4\xB8\x89",
	                                     "\xE5\x9B\x9B", "\xE4\xBA\x94", "\xE5\x85\xAD",
	                                     "\xE4\xB8\x83", "\xE5\x85\xAB", "\xE4\xB9\x9D"};
	static const char ten[] = "\xE5\x8D\x81";
	int v = 0, cur = 0;
	size_t i = 0;
	while (i + 3 <= n) {
		int d = 0;
		for (int k = 0; k < 9 && !d; k++)
			if (memcmp(s + i, digits[k], 3) == 0)
				d = k + 1;
		if (d) {
			cur = d;
		} else if (memcmp(s + i, ten, 3) == 0) {
			v += (cur ? cur : 1) * 10;
			cur = 0;
		} else {
			break;
		}
		i += 3;
	}
	v += cur;
	if (i == 0 || v > 99 || i + 3 > n || memcmp(s + i, "\xE3\x80\x81", 3) != 0)
		return 0;
	*after = i + 3;
	return v;
}

static size_t bullet_len(const char *s, size_t n)
{
	static const char *const bullets[] = {
	    "- ", "* ", "\xE2\x80\xA2", "\xC2\xB7", "\xE2\x96\xAA", "\xE2\x97\x8F", NULL};
	for (size_t k = 0; bullets[k]; k++) {
		size_t m = strlen(bullets[k]);
		if (n > m && memcmp(s, bullets[k], m) == 0)
			return m;
	}
	return 0;
}

static void mark_scan(const char *s, size_t n, marker *m)
{
	memset(m, 0, sizeof(*m));
	size_t after = 0, j = 0;
	int v;
	if ((v = part_value(s, n, &after)) > 0) {
		m->value[ST_PART] = v;
	} else if ((v = cjk_number(s, n, &after)) > 0) {
		m->value[ST_CJK] = v;
	} else {
		while (j < n && j < 6 && (s[j] == 'I' || s[j] == 'V' || s[j] == 'X'))
			j++;
		if (j == 0)
			while (j < n && j < 3 && is_digit((unsigned char)s[j]))
				j++;
		if (j == 0 && n > 0 && is_upper((unsigned char)s[0]))
			j = 1;
		/* "I – INTRODUCTION", "2 — Origins": a dash after the number. */
		size_t dash = 0;
		if (j > 0 && j + 3 < n && s[j] == ' ' && !(j == 1 && !is_digit((unsigned char)s[0]) &&
		                                            s[0] != 'I' && s[0] != 'V' && s[0] != 'X')) {
			size_t w;
			uint32_t cp = u8_get(s, n, j + 1, &w);
			/* A dash, then a heading's capital: "2 - 3 people" is no
			 * heading (and the numbering of sections decides the rest). */
			size_t t = j + 2 + w;
			if ((cp == 0x2013 || cp == 0x2014 || cp == '-') && t < n && s[t - 1] == ' ' &&
			    (is_upper((unsigned char)s[t]) || (unsigned char)s[t] >= 0xC0))
				dash = 1 + w;
		}
		if (j == 0 || j + 1 >= n ||
		    (!dash && ((s[j] != '.' && s[j] != ')') || s[j + 1] != ' ')))
			goto bullet;
		if (is_digit((unsigned char)s[0])) {
			m->value[ST_ARABIC] = number(s, j, 2);
		} else {
			m->value[ST_ROMAN] = roman_value(s, j);
			if (j == 1)
				m->value[ST_LETTER] = s[0] - 'A' + 1;
		}
		if (m->value[ST_ARABIC] <= 0 && !m->value[ST_ROMAN] && !m->value[ST_LETTER])
			goto bullet;
		after = j + 1 + dash;
	}
	m->kind = MK_NUMBER;
	m->text_at = skip_spaces(s, n, after);
	if (m->value[ST_PART]) { /* "Part I: Title", "Part I. Title", "Part I — Title" */
		size_t w = m->text_at < n ? separator_at(s, n, m->text_at) : 0;
		if (m->text_at < n && (s[m->text_at] == ':' || s[m->text_at] == '.'))
			w = 1;
		m->text_at = skip_spaces(s, n, m->text_at + w);
	}
	return;
bullet:
	memset(m, 0, sizeof(*m));
	if ((after = bullet_len(s, n)) > 0) {
		m->kind = MK_BULLET;
		m->text_at = skip_spaces(s, n, after);
	}
}

/* A numbered line that may be a section heading: short, with text that
 * starts like a title and does not run on (",", ";"). */
static int heading_shape(const char *s, size_t n, const marker *m)
{
	if (m->kind != MK_NUMBER || n > HEADING_MAX)
		return 0;
	if (m->text_at >= n)
		return m->value[ST_PART] > 0;
	unsigned char c = (unsigned char)s[m->text_at];
	if (!(is_upper(c) || is_digit(c) || c == '"' || c == '\'' || c >= 0xC0))
		return 0;
	char last = s[n - 1];
	if (last == ',' || last == ';')
		return 0;
	/* One sentence at most: "A. Smith argued so. He …" is prose. */
	for (size_t i = m->text_at + 2; i + 2 < n; i++)
		if (s[i] == '.' && s[i + 1] == ' ' && is_upper((unsigned char)s[i + 2]) &&
		    s[i - 1] >= 'a' && s[i - 1] <= 'z' && s[i - 2] >= 'a' && s[i - 2] <= 'z')
			return 0;
	return 1;
}

/* A line of only rule characters: "---", "* * *", "===". */
static int rule_line(const char *s, size_t n)
{
	size_t marks = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '-' || c == '*' || c == '_' || c == '=' || c == '~' || c == '#')
			marks++;
		else if (c != ' ' && c != '\t')
			return 0;
	}
	return marks >= 3;
}

/* Whether a paragraph line ends a sentence (so the next line starts a new
 * paragraph rather than continuing a hard-wrapped one). */
static int ends_sentence(const char *s, size_t n)
{
	while (n > 0) {
		size_t k = u8_back(s, n), w;
		uint32_t cp = u8_get(s, n, k, &w);
		if (cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D ||
		    cp == 0x2019 || cp == 0x300D || cp == 0x300F || cp == 0xFF09 || cp == '*' ||
		    cp == '_') {
			n = k;
			continue;
		}
		return cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == ';' ||
		       cp == 0x2026 || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F ||
		       cp == 0xFF1A || cp == 0xFF1B;
	}
	return 0;
}

/* ---- the head: what the first lines are ---- */

typedef struct plan {
	int article;                                /* a title with a byline or dateline under it */
	uint64_t title, subtitle, byline, dateline; /* line numbers; 0: none */
	uint64_t byline_more; /* the author's position on the line under the byline */
	uint64_t body;                              /* first line number of the body */
	int wrapped;  /* paragraphs are blank-line separated blocks of wrapped lines */
	size_t width; /* longest wrapped line seen, in bytes */
} plan;

typedef struct head_line {
	const char *s;
	size_t n;
	uint64_t number;
} head_line;

/* The next line of the head, trimmed. A line cut off by the end of the
 * head is left out unless the head is the whole input. */
static int head_next(const char *data, size_t len, int whole, size_t *pos, uint64_t *number,
                     head_line *out)
{
	if (*pos >= len)
		return 0;
	const char *nl = memchr(data + *pos, '\n', len - *pos);
	if (!nl && !whole)
		return 0;
	size_t end = nl ? (size_t)(nl - data) : len;
	const char *s = data + *pos;
	size_t n = end - *pos, a, b;
	if (*number == 0 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
	}
	(*number)++;
	*pos = nl ? end + 1 : len;
	trim(s, n, &a, &b);
	out->s = s + a;
	out->n = b - a;
	out->number = *number;
	return 1;
}

/* Up to max non-empty lines; their count. */
static size_t head_take(const char *data, size_t len, int whole, size_t *pos, uint64_t *number,
                        head_line *out, size_t max)
{
	size_t k = 0;
	head_line l;
	while (k < max && head_next(data, len, whole, pos, number, &l))
		if (l.n)
			out[k++] = l;
	return k;
}

static int header_kind(const head_line *l, int have_date, int have_byline, int *byline_date)
{
	dateline dl;
	byline b;
	if (!have_date && dateline_scan(l->s, l->n, &dl))
		return 1;
	if (!have_byline && byline_scan(l->s, l->n, &b)) {
		*byline_date = b.has_date;
		return 2;
	}
	return 0;
}

/* A line under a byline of one name that gives the author's position:
 * "Senior Fellow, Institute X". Short, no full stop at its end, with a
 * word of positions or organisations. */
static int position_line(const head_line *by, const head_line *l)
{
	byline b;
	if (!byline_scan(by->s, by->n, &b) || !b.clean || b.n_names != 1 ||
	    b.position.b > b.position.a || b.has_date)
		return 0;
	static const char *const parts[] = {"abstract", "conclusion", "contents", "introduction",
	                                    "overview", "report",     "session",  "summary",
	                                    NULL};
	marker m;
	mark_scan(l->s, l->n, &m);
	if (l->n == 0 || l->n > 120 || l->s[l->n - 1] == '.' || m.kind != MK_NONE)
		return 0;
	for (size_t i = 0; i < l->n;) {
		while (i < l->n && !is_alpha((unsigned char)l->s[i]))
			i++;
		size_t w = i;
		while (i < l->n && is_alpha((unsigned char)l->s[i]))
			i++;
		if (i > w && in_list_ci(l->s + w, i - w, not_name_words) &&
		    !in_list_ci(l->s + w, i - w, parts))
			return 1;
	}
	return 0;
}

/* Which of the lines after the title are subtitle, byline and dateline. */
static void plan_header(plan *p, const head_line *l, size_t k)
{
	int have_date = 0, have_byline = 0;
	p->body = p->title + 1;
	for (size_t i = 0; i < k; i++) {
		int bd = 0, kind = header_kind(&l[i], have_date, have_byline, &bd);
		if (kind == 1) {
			p->dateline = l[i].number;
			have_date = 1;
		} else if (kind == 2) {
			p->byline = l[i].number;
			have_byline = 1;
			have_date |= bd;
			if (i + 1 < k && l[i + 1].number == l[i].number + 1 &&
			    !header_kind(&l[i + 1], have_date, 1, &bd) && position_line(&l[i], &l[i + 1]))
				p->byline_more = l[++i].number;
		} else if (i == 0 && i + 1 < k && l[i].n <= TITLE_MAX &&
		           !rule_line(l[i].s, l[i].n) && header_kind(&l[i + 1], 0, 0, &bd)) {
			p->subtitle = l[i].number;
		} else {
			break;
		}
		p->body = l[i].number + 1;
	}
	p->article = have_date || have_byline;
	if (!p->article)
		p->subtitle = 0;
}

/* Lines shorter than this, before a capital, may be headings: text
 * wrapped by hand mostly runs to 60-80 columns. */
#define WRAP_MIN 40

/* One paragraph per line, or hard-wrapped blocks? Count pairs of adjacent
 * text lines in the body and how many of them break mid-sentence. */
static void plan_mode(plan *p, const char *data, size_t len, int whole, size_t pos, uint64_t number)
{
	size_t pairs = 0, wrapped = 0, prev_n = 0;
	const char *prev = NULL;
	head_line l;
	while (head_next(data, len, whole, &pos, &number, &l)) {
		if (number < p->body || l.n == 0) {
			prev = NULL;
			continue;
		}
		marker m;
		mark_scan(l.s, l.n, &m);
		int text = m.kind == MK_NONE && !rule_line(l.s, l.n);
		/* A short line that ends no sentence before one that starts
		 * with a capital ("Introduction", then "The IGF was …") is a
		 * heading in either layout: it tells nothing. */
		int heading = prev && prev_n < WRAP_MIN && !ends_sentence(prev, prev_n) && l.n &&
		              is_upper((unsigned char)l.s[0]);
		if (prev && text && !heading) {
			pairs++;
			if (!ends_sentence(prev, prev_n)) {
				wrapped++;
				if (prev_n > p->width)
					p->width = prev_n;
			}
		}
		prev = text ? l.s : NULL;
		prev_n = l.n;
	}
	p->wrapped = pairs > 0 && wrapped * 2 > pairs;
	if (!p->wrapped)
		p->width = 0;
}

static void plan_scan(const char *data, size_t len, int whole, plan *p)
{
	memset(p, 0, sizeof(*p));
	size_t pos = 0;
	uint64_t number = 0;
	head_line l[HEADER_LINES + 1];
	if (head_take(data, len, whole, &pos, &number, l, 1) == 1 && title_ok(l[0].s, l[0].n)) {
		p->title = l[0].number;
		size_t after = pos;
		uint64_t after_number = number;
		size_t k = head_take(data, len, whole, &after, &after_number, l + 1, HEADER_LINES);
		plan_header(p, l + 1, k);
	}
	if (!p->article)
		p->title = 0;
	p->body = p->article ? p->body : 1;
	plan_mode(p, data, len, whole, 0, 0);
}

/* ---- state ---- */

typedef struct author {
	char *name, *as_written, *honorific, *position;
} author;

enum { U_PARA, U_LIST, U_HEAD, U_NOTE };

/* A block of text waiting to become a segment. */
typedef struct unit {
	igt_buf text;
	uint64_t start, end; /* span in the input */
	size_t first_len;    /* bytes of its first line */
	int kind;
	int forced_list; /* continues a numbered list */
	marker mark;
} unit;

enum { PARA_AUTO, PARA_LINES, PARA_BLOCKS };

typedef struct article_config {
	char *paragraphs;
} article_config;

static const igt_option article_options[] = {
    {"paragraphs", IGT_OPT_STR, "auto", 0, offsetof(article_config, paragraphs),
     "auto, lines (every line is a paragraph) or blocks (blank lines separate paragraphs)"},
    {0},
};

typedef struct article_state {
	int mode;
	unit q[QUEUE_MAX]; /* ring: blocks waiting for what follows them */
	size_t qhead, qcount;
	int open; /* the slot after the queue is a block being read */
	/* per input */
	igt_doc *doc;
	igt_input *in;
	plan pl;
	int content;     /* a non-blank line was seen */
	int style, last; /* section numbering so far; style -1: none yet */
	char *section;
	size_t section_cap;
	int has_section;
	author authors[MAX_AUTHORS];
	size_t n_authors;
	json_t *sections, *notes;
	int have_date;
	int cut; /* reading failed: the last paragraph may be cut off, so it is no note */
	json_t *byline, *subtitle, *dateline, *place;
} article_state;

/* A copy with every run of white space (line breaks too) made one space. */
static char *dup_collapsed(const char *s, size_t n)
{
	char *p = igt_strndup(s, n);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (is_blank_byte(s[i])) {
			if (o && p[o - 1] != ' ')
				p[o++] = ' ';
		} else {
			p[o++] = s[i];
		}
	}
	while (o && p[o - 1] == ' ')
		o--;
	p[o] = '\0';
	return p;
}

static unit *slot(article_state *st, size_t k)
{
	return &st->q[(st->qhead + k) % QUEUE_MAX];
}

static void set_field(article_state *st, const char *key, json_t *value)
{
	json_object_set_new(igt_doc_fields(st->doc), key, value ? value : json_null());
}

/* ---- authors ---- */

static void add_author(article_state *st, const char *s, size_t n, int parse)
{
	if (st->n_authors == MAX_AUTHORS)
		return;
	author *a = &st->authors[st->n_authors++];
	memset(a, 0, sizeof(*a));
	a->as_written = igt_strndup(s, n);
	if (!parse)
		return;
	igt_name nm;
	igt_name_parse(&nm, s, n);
	a->name = nm.name;
	a->honorific = nm.honorific;
}

static void free_authors(article_state *st)
{
	for (size_t i = 0; i < st->n_authors; i++) {
		free(st->authors[i].name);
		free(st->authors[i].as_written);
		free(st->authors[i].honorific);
		free(st->authors[i].position);
	}
	st->n_authors = 0;
}

static int same_ci(const char *a, size_t an, const char *b, size_t bn)
{
	if (an != bn)
		return 0;
	for (size_t i = 0; i < an; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
	return 1;
}

/* The same person, also with the two parts of a two-word name swapped
 * ("Yuxiao Li" for "Li Yuxiao"). */
static int same_name(const char *a, const char *b)
{
	size_t an = strlen(a), bn = strlen(b);
	if (same_ci(a, an, b, bn))
		return 1;
	const char *sa = strchr(a, ' '), *sb = strchr(b, ' ');
	if (!sa || !sb || strchr(sa + 1, ' ') || strchr(sb + 1, ' ') || an != bn)
		return 0;
	size_t a1 = (size_t)(sa - a), b1 = (size_t)(sb - b);
	return same_ci(a, a1, sb + 1, bn - b1 - 1) && same_ci(sa + 1, an - a1 - 1, b, b1);
}

/* ---- author notes ---- */

static const char *const note_prefixes[] = {
    "about the authors:", "about the author:",         "about the author",
    "author's note:",     "author\xE2\x80\x99s note:", NULL};
static const char *const note_verbs[] = {"is currently ", "is ",       "was ",
                                         "serves as ",    "has been ", NULL};
/* 系 为 是 */
static const char *const note_verbs_cjk[] = {"\xE7\xB3\xBB", "\xE4\xB8\xBA", "\xE6\x98\xAF", NULL};

typedef struct note {
	int author;  /* index into the authors; -1: none of them */
	span32 name; /* the name a note gives when no byline did */
	span32 position;
} note;

static size_t verb_at(const char *s, size_t n, size_t i, const char *const *verbs)
{
	for (size_t k = 0; verbs[k]; k++) {
		size_t m = strlen(verbs[k]);
		if (i + m <= n && memcmp(s + i, verbs[k], m) == 0)
			return m;
	}
	return 0;
}

/* The position a note states: after the verb, without a leading article,
 * up to the end of the first sentence. */
static int note_position(const char *s, size_t n, size_t i, note *nt)
{
	i = skip_spaces(s, n, i);
	static const char *const articles[] = {"a ", "an ", "the ", NULL};
	for (size_t k = 0; articles[k]; k++) {
		size_t m = strlen(articles[k]);
		if (i + m < n && memcmp(s + i, articles[k], m) == 0) {
			i += m;
			break;
		}
	}
	size_t e = n;
	for (size_t j = i + 2; j + 2 < n; j++) {
		if (s[j] == '.' && is_blank_byte(s[j + 1]) && is_upper((unsigned char)s[j + 2]) &&
		    s[j - 1] >= 'a' && s[j - 1] <= 'z' && s[j - 2] >= 'a' && s[j - 2] <= 'z') {
			e = j;
			break;
		}
		if (memcmp(s + j, "\xE3\x80\x82", 3) == 0) { /* 。 */
			e = j;
			break;
		}
	}
	for (;;) {
		size_t a, b;
		trim(s + i, e - i, &a, &b);
		e = i + b;
		if (e > i &&
		    (s[e - 1] == '.' || s[e - 1] == ')' || s[e - 1] == '*' || s[e - 1] == '_')) {
			e--;
			continue;
		}
		if (e >= i + 3 && (memcmp(s + e - 3, "\xEF\xBC\x89", 3) == 0 ||
		                   memcmp(s + e - 3, "\xE3\x80\x82", 3) == 0)) {
			e -= 3;
			continue;
		}
		break;
	}
	nt->position = (span32){i, e};
	return e > i;
}

/* A note in Chinese: "（作者系…）" or "李玉晓系…". */
static int note_cjk(const article_state *st, const char *s, size_t n, size_t i, note *nt)
{
	size_t v;
	if (i + 6 <= n && memcmp(s + i, "\xE4\xBD\x9C\xE8\x80\x85", 6) == 0 &&
	    (v = verb_at(s, n, i + 6, note_verbs_cjk)) > 0) {
		nt->author = st->n_authors == 1 ? 0 : -1;
		return note_position(s, n, i + 6 + v, nt);
	}
	for (size_t k = 0; k < st->n_authors; k++) {
		const char *name = st->authors[k].name;
		size_t m = name ? strlen(name) : 0;
		if (m && i + m <= n && memcmp(s + i, name, m) == 0 &&
		    (v = verb_at(s, n, i + m, note_verbs_cjk)) > 0) {
			nt->author = (int)k;
			return note_position(s, n, i + m + v, nt);
		}
	}
	return 0;
}

static int note_scan(const article_state *st, const char *s, size_t n, note *nt)
{
	memset(nt, 0, sizeof(*nt));
	nt->author = -1;
	if (n == 0 || n > NOTE_MAX)
		return 0;
	size_t i = 0, w, v;
	while (i < n && (s[i] == '*' || s[i] == '_' || s[i] == '('))
		i++;
	if (i + 3 <= n && memcmp(s + i, "\xEF\xBC\x88", 3) == 0) /* （ */
		i += 3;
	int prefixed = 0;
	for (size_t k = 0; note_prefixes[k]; k++) {
		size_t m = starts_ci(s + i, n - i, note_prefixes[k]);
		if (m) {
			i = skip_spaces(s, n, i + m);
			while (i < n && (s[i] == ':' || s[i] == '-' || s[i] == '*'))
				i = skip_spaces(s, n, i + 1);
			prefixed = 1;
			break;
		}
	}
	if (i < n && is_han(u8_get(s, n, i, &w)))
		return note_cjk(st, s, n, i, nt);
	size_t m = starts_ci(s + i, n - i, "the author ");
	if (!m)
		m = starts_ci(s + i, n - i, "the writer ");
	if (m && (v = verb_at(s, n, i + m, note_verbs)) > 0) {
		nt->author = st->n_authors == 1 ? 0 : -1;
		return note_position(s, n, i + m + v, nt);
	}
	name_run r;
	scan_names(s, n, i, &r);
	if (r.n_names != 1 || r.boundary != B_WORD || r.words[0] < 2 ||
	    !(v = verb_at(s, n, r.end, note_verbs)))
		return 0;
	igt_name nm;
	igt_name_parse(&nm, s + r.names[0].a, r.names[0].b - r.names[0].a);
	for (size_t k = 0; nm.name && k < st->n_authors && nt->author < 0; k++)
		if (st->authors[k].name && same_name(nm.name, st->authors[k].name))
			nt->author = (int)k;
	igt_name_clear(&nm);
	if (nt->author < 0 && !(prefixed && st->n_authors == 0))
		return 0;
	if (nt->author < 0)
		nt->name = r.names[0];
	return note_position(s, n, r.end + v, nt);
}

/* A note's position goes to its author when the byline gave none; when
 * both give one, the byline's stays (it is printed with the name) and the
 * note's is in fields.author_notes. They often say the same thing in two
 * ways ("Professor of Law, University of X" and "a professor of law at
 * the University of X"), so a difference is only reported with -v. */
static void note_apply(article_state *st, const unit *u)
{
	note nt;
	if (!note_scan(st, u->text.data, u->text.len, &nt))
		return;
	char *pos = dup_collapsed(u->text.data + nt.position.a, nt.position.b - nt.position.a);
	if (nt.author < 0 && nt.name.b > nt.name.a && st->n_authors < MAX_AUTHORS) {
		add_author(st, u->text.data + nt.name.a, nt.name.b - nt.name.a, 1);
		nt.author = (int)st->n_authors - 1;
	}
	author *a = nt.author >= 0 ? &st->authors[nt.author] : NULL;
	json_t *entry = json_object();
	json_object_set_new(entry, "name",
	                    igt_doc_json_string(st->doc, a ? a->name : NULL, (size_t)-1));
	json_object_set_new(entry, "position", igt_doc_json_string(st->doc, pos, (size_t)-1));
	json_array_append_new(st->notes, entry);
	if (a && !a->position) {
		a->position = pos;
		return;
	}
	if (a && strcmp(a->position, pos) != 0)
		igt_input_log(st->in, IGT_LOG_INFO,
		              "the author note gives %s the position \"%s\", the byline \"%s\"; "
		              "people keep the byline's, fields.author_notes the note's",
		              a->name ? a->name : a->as_written, pos, a->position);
	free(pos);
}

/* ---- segments ---- */

static void emit_unit(article_state *st, const unit *u, const char *type, int with_section)
{
	igt_span span = {u->start, u->end - u->start};
	igt_segment *seg = igt_doc_add_segment(st->doc, type, u->text.data, u->text.len, span);
	if (with_section && st->has_section)
		igt_segment_set_section(st->doc, seg, st->section);
}

static void emit_heading(article_state *st, const unit *u, int style, int value)
{
	if (u->text.len + 1 > st->section_cap) {
		char *t = realloc(st->section, u->text.len + 1);
		if (!t)
			abort();
		st->section = t;
		st->section_cap = u->text.len + 1;
	}
	memcpy(st->section, u->text.data, u->text.len + 1);
	st->has_section = 1;
	st->style = style;
	st->last = value;
	emit_unit(st, u, "heading", 1);
	json_array_append_new(st->sections,
	                      igt_doc_json_string(st->doc, u->text.data, u->text.len));
}

/* The number a block would have as the next section heading; 0 if none. */
static int next_section(const article_state *st, const unit *u, int *style)
{
	if (st->style >= 0) {
		*style = st->style;
		return u->mark.value[st->style] == st->last + 1 ? st->last + 1 : 0;
	}
	for (int s = 0; s < ST_COUNT; s++) {
		if (u->mark.value[s] == 1) {
			*style = s;
			return 1;
		}
	}
	return 0;
}

/* A numbered block: a section heading, unless the block after it carries
 * on its numbering (then both are items of a numbered list). */
static void resolve_numbered(article_state *st, unit *u, unit *next)
{
	int style = -1, v = 0;
	if (u->kind == U_HEAD && !u->forced_list)
		v = next_section(st, u, &style);
	if (v && next && next->mark.value[style] == v + 1) {
		v = 0;
	} else if (v) {
		emit_heading(st, u, style, v);
		return;
	} else if (u->kind == U_HEAD && !u->forced_list && st->style >= 0 &&
	           u->mark.value[st->style] > st->last + 1) {
		igt_input_log(
		    st->in, IGT_LOG_WARNING,
		    "\"%.60s\" skips a section number (the last heading was %d): read as a "
		    "list item",
		    u->text.data, st->last);
	}
	for (int s = 0; next && s < ST_COUNT; s++)
		if (u->mark.value[s] > 0 && next->mark.value[s] == u->mark.value[s] + 1)
			next->forced_list = 1;
	emit_unit(st, u, "list_item", 1);
}

static void pop(article_state *st)
{
	st->qhead = (st->qhead + 1) % QUEUE_MAX;
	st->qcount--;
}

/* Emit the blocks whose type is settled. At the end of the input (eof)
 * every block is. */
static void resolve(article_state *st, int eof)
{
	while (st->qcount) {
		unit *u = slot(st, 0);
		unit *next = st->qcount > 1 ? slot(st, 1) : NULL;
		if (u->mark.kind == MK_NUMBER && (u->kind == U_HEAD || u->kind == U_LIST)) {
			if (!next && !eof)
				return;
			resolve_numbered(st, u, next);
		} else if (u->kind == U_NOTE) {
			size_t k = 0;
			while (k < st->qcount && slot(st, k)->kind == U_NOTE)
				k++;
			if (k == st->qcount && !eof && st->qcount < QUEUE_MAX - 2)
				return;
			if (k == st->qcount && eof && !st->cut) {
				emit_unit(st, u, "author_note", 0);
				note_apply(st, u);
			} else {
				emit_unit(st, u, "paragraph", 1);
			}
		} else {
			emit_unit(st, u, u->kind == U_LIST ? "list_item" : "paragraph", 1);
		}
		pop(st);
	}
}

static void unit_close(article_state *st)
{
	if (!st->open)
		return;
	st->open = 0;
	unit *u = slot(st, st->qcount);
	note nt;
	if (u->kind == U_PARA && st->pl.article && note_scan(st, u->text.data, u->text.len, &nt))
		u->kind = U_NOTE;
	st->qcount++;
	resolve(st, 0);
}

static void unit_begin(article_state *st, int kind, const char *s, size_t n, uint64_t off,
                       const marker *m)
{
	if (st->qcount >= QUEUE_MAX - 1) {
		/* Cannot happen with the limits in resolve(); never overwrite. */
		unit *u = slot(st, 0);
		emit_unit(st, u, "paragraph", 1);
		pop(st);
	}
	unit *u = slot(st, st->qcount);
	igt_buf_reset(&u->text);
	igt_buf_add(&u->text, s, n);
	u->start = off;
	u->end = off + n;
	u->first_len = n;
	u->kind = kind;
	u->forced_list = 0;
	u->mark = *m;
	st->open = 1;
}

static void unit_append(article_state *st, const char *s, size_t n, uint64_t off)
{
	unit *u = slot(st, st->qcount);
	igt_buf_add(&u->text, "\n", 1);
	igt_buf_add(&u->text, s, n);
	u->end = off + n;
}

/* ---- lines ---- */

static void body_line(article_state *st, const char *s, size_t n, uint64_t off)
{
	if (n == 0) {
		if (st->pl.wrapped)
			unit_close(st);
		return;
	}
	if (rule_line(s, n)) {
		unit_close(st);
		igt_doc_claim(st->doc, IGT_CLAIM_BOILERPLATE, off, n);
		return;
	}
	marker m;
	memset(&m, 0, sizeof(m));
	if (st->pl.article)
		mark_scan(s, n, &m);
	if (m.value[ST_PART] && !heading_shape(s, n, &m))
		memset(&m, 0, sizeof(m)); /* "Part II of the report says …" is prose */
	if (st->pl.wrapped && st->open && m.kind == MK_NONE) {
		unit *u = slot(st, st->qcount);
		/* A numbered line as long as the wrapped lines around it is the
		 * start of a numbered paragraph, not a heading. With no measure of
		 * the wrapping (paragraphs forced to blocks), headings stand alone. */
		if (u->kind != U_HEAD || (st->pl.width && u->first_len * 10 >= st->pl.width * 7)) {
			if (u->kind == U_HEAD)
				u->kind = U_LIST;
			unit_append(st, s, n, off);
			return;
		}
	}
	unit_close(st);
	int kind = m.kind == MK_NONE ? U_PARA : heading_shape(s, n, &m) ? U_HEAD : U_LIST;
	unit_begin(st, kind, s, n, off, &m);
	if (!st->pl.wrapped)
		unit_close(st);
}

/* Whether a word of text is a date of numbers whose day and month could
 * be either way round ("03/04/2016"). */
static int order_unknown(const char *text, size_t n)
{
	for (size_t a = 0; a < n;) {
		size_t b = a;
		while (b < n && text[b] != ' ' && text[b] != ',')
			b++;
		igt_date d;
		if (b > a && igt_date_parse_numeric(&d, text + a, b - a) == 1)
			return 1;
		a = b + 1;
	}
	return 0;
}

static void set_date(article_state *st, const igt_date *d, const char *text, size_t n)
{
	char buf[40];
	if (st->have_date || !igt_date_format(d, buf, sizeof(buf)))
		return;
	if (!d->month && order_unknown(text, n))
		igt_input_log(st->in, IGT_LOG_WARNING,
		              "date '%.*s' could be read day first or month first; only the year "
		              "is kept",
		              (int)(n > 40 ? 40 : n), text);
	igt_doc_set(st->doc, IGT_DOC_DATE, buf, (size_t)-1);
	igt_doc_set(st->doc, IGT_DOC_DATE_TEXT, text, n);
	st->have_date = 1;
}

static void header_byline(article_state *st, const char *s, size_t n)
{
	byline b;
	byline_scan(s, n, &b);
	st->byline = igt_doc_json_string(st->doc, s, n);
	if (b.has_date)
		set_date(st, &b.date, s + b.date_text.a, b.date_text.b - b.date_text.a);
	if (!b.clean) {
		add_author(st, s, n, 0);
		igt_input_log(
		    st->in, IGT_LOG_WARNING,
		    "byline \"%.*s\": cannot tell the name from the rest; the author's name "
		    "is left null (the line is in as_written)",
		    (int)(n > 80 ? 80 : n), s);
		return;
	}
	for (size_t k = 0; k < b.n_names; k++)
		add_author(st, s + b.names[k].a, b.names[k].b - b.names[k].a, 1);
	if (b.n_names == 1 && b.position.b > b.position.a)
		st->authors[0].position =
		    dup_collapsed(s + b.position.a, b.position.b - b.position.a);
}

/* The line under a byline of one name: the author's position. */
static void header_byline_more(article_state *st, const char *s, size_t n)
{
	if (st->n_authors == 1 && !st->authors[0].position)
		st->authors[0].position = dup_collapsed(s, n);
	if (st->byline && json_is_string(st->byline)) {
		igt_buf b = {0};
		igt_buf_add(&b, json_string_value(st->byline), json_string_length(st->byline));
		igt_buf_addc(&b, '\n');
		igt_buf_add(&b, s, n);
		json_decref(st->byline);
		st->byline = igt_doc_json_string(st->doc, b.data, b.len);
		igt_buf_free(&b);
	}
}

static void header_dateline(article_state *st, const char *s, size_t n)
{
	dateline d;
	if (!dateline_scan(s, n, &d))
		return;
	st->dateline = igt_doc_json_string(st->doc, s, n);
	set_date(st, &d.date, s + d.da, d.db - d.da);
	if (d.pb > d.pa)
		st->place = igt_doc_json_string(st->doc, s + d.pa, d.pb - d.pa);
}

/* One line, trimmed (s[0..n) at input offset off). */
static void dispatch(article_state *st, const char *s, size_t n, uint64_t off, uint64_t number)
{
	const plan *p = &st->pl;
	if (n)
		st->content = 1;
	if (number >= p->body) {
		body_line(st, s, n, off);
		return;
	}
	if (n == 0)
		return;
	if (number == p->title)
		igt_doc_set(st->doc, IGT_DOC_TITLE, s, n);
	else if (number == p->subtitle)
		st->subtitle = igt_doc_json_string(st->doc, s, n);
	else if (number == p->byline)
		header_byline(st, s, n);
	else if (number == p->byline_more)
		header_byline_more(st, s, n);
	else if (number == p->dateline)
		header_dateline(st, s, n);
	igt_doc_claim(st->doc, IGT_CLAIM_FIELD, off, n);
}

/* Unicode spaces (no-break, ideographic) around a line's text are not
 * blank to the coverage count: declare them as layout. */
static void claim_edges(article_state *st, const char *s, size_t n, uint64_t off, size_t a,
                        size_t b)
{
	size_t x = 0, y = n;
	while (x < y && is_blank_byte(s[x]))
		x++;
	while (y > x && is_blank_byte(s[y - 1]))
		y--;
	if (a > x)
		igt_doc_claim(st->doc, IGT_CLAIM_BOILERPLATE, off + x, (a < y ? a : y) - x);
	if (y > b && b >= a && b > x)
		igt_doc_claim(st->doc, IGT_CLAIM_BOILERPLATE, off + b, y - b);
}

/* ---- the document ---- */

static void input_begin(article_state *st, igt_input *in)
{
	st->in = in;
	st->doc = igt_doc_new("article", st->pl.article ? "article" : "text");
	st->qhead = st->qcount = 0;
	st->open = 0;
	st->content = 0;
	st->style = -1;
	st->last = 0;
	st->has_section = 0;
	st->have_date = 0;
	st->cut = 0;
	st->sections = json_array();
	st->notes = json_array();
	st->byline = st->subtitle = st->dateline = st->place = NULL;
}

static void input_end(article_state *st)
{
	igt_doc_free(st->doc);
	st->doc = NULL;
	json_decref(st->sections);
	json_decref(st->notes);
	json_decref(st->byline);
	json_decref(st->subtitle);
	json_decref(st->dateline);
	json_decref(st->place);
	st->sections = st->notes = st->byline = st->subtitle = st->dateline = st->place = NULL;
	free_authors(st);
}

/* Hand everything gathered to the document: people, then fields. */
static void input_finish(article_state *st)
{
	for (size_t i = 0; i < st->n_authors; i++) {
		author *a = &st->authors[i];
		igt_person *p = igt_doc_add_person(st->doc, a->name, a->as_written);
		if (a->honorific)
			igt_person_set(st->doc, p, IGT_PERSON_HONORIFIC, a->honorific);
		if (a->position)
			igt_person_set(st->doc, p, IGT_PERSON_POSITION, a->position);
		igt_person_add_role(st->doc, p, "author");
	}
	set_field(st, "subtitle", st->subtitle);
	set_field(st, "byline", st->byline);
	set_field(st, "dateline", st->dateline);
	set_field(st, "place", st->place);
	set_field(st, "sections", st->sections);
	set_field(st, "author_notes", st->notes);
	st->subtitle = st->byline = st->dateline = st->place = st->sections = st->notes = NULL;
}

static int article_parse(void *state, igt_input *in, igt_emit_fn emit, void *payload)
{
	article_state *st = state;
	const char *head;
	size_t head_len;
	int rc = igt_input_peek(in, ARTICLE_PEEK, &head, &head_len);
	/* A read failure inside the head (a truncated gzip) is sticky: the
	 * bytes read before it are still there, and getline returns them
	 * before the error, so plan with those and keep what can be read. */
	if (rc < 0 && igt_input_peek(in, 0, &head, &head_len) < 0)
		head_len = 0;
	plan_scan(head, head_len, rc < 0 || head_len < ARTICLE_PEEK, &st->pl);
	if (st->mode != PARA_AUTO) {
		st->pl.wrapped = st->mode == PARA_BLOCKS;
		st->pl.width = 0;
	}
	input_begin(st, in);
	igt_line line;
	uint64_t total = 0;
	int warned = 0;
	while ((rc = igt_input_getline(in, &line)) == 1) {
		const char *s = line.text;
		size_t n = line.len - line.eol, a, b;
		uint64_t off = line.offset;
		total = line.offset + line.len;
		if (line.number == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			/* The byte order mark says nothing about the text. */
			igt_doc_claim(st->doc, IGT_CLAIM_BOILERPLATE, off, 3);
			s += 3;
			n -= 3;
			off += 3;
		}
		if (memchr(s, '\0', n)) {
			igt_input_log(
			    in, IGT_LOG_ERROR,
			    "binary data (a NUL byte): not text; nothing imported from this file");
			input_end(st);
			return IGT_EBADINPUT;
		}
		trim(s, n, &a, &b);
		claim_edges(st, s, n, off, a, b);
		if (!st->pl.article && !warned && b > a) {
			igt_input_log(
			    in, IGT_LOG_WARNING,
			    "no title line with a byline or dateline under it: not read as an "
			    "article; every block is a paragraph");
			warned = 1;
		}
		dispatch(st, s + a, b - a, off + a, line.number);
	}
	st->cut = rc < 0;
	unit_close(st);
	resolve(st, 1);
	if (!st->content) {
		if (rc == 0)
			igt_input_log(in, IGT_LOG_ERROR, "only white space; nothing to import");
		input_end(st);
		return rc < 0 ? rc : IGT_EBADINPUT;
	}
	input_finish(st);
	if (rc < 0) /* a truncated gzip: keep what was read, say it is not all */
		json_object_set_new(igt_doc_fields(st->doc), "incomplete", json_true());
	igt_doc_set_source_span(st->doc, 0, total);
	igt_doc *doc = st->doc;
	st->doc = NULL;
	input_end(st);
	int erc = emit(doc, payload);
	return erc ? erc : rc < 0 ? rc : 0;
}

/* ---- detection ---- */

/* A title line that could not be anything else's first line: no markup,
 * no mail header, no address. */
static int strict_title(const char *s, size_t n)
{
	if (!title_ok(s, n) || n > 200 || strchr("#>*|<[{-=_", s[0]) || starts_ci(s, n, "from ") ||
	    starts_ci(s, n, "http") || memchr(s, '@', n))
		return 0;
	return 1;
}

/* Marks: a title line, a byline or dateline under it (required), and
 * Roman-numeral, "Part" or Chinese-numbered section headings after them.
 * Arabic numbers are not marks: mail and highlights number their points
 * too. */
static int article_score(const unsigned char *head, size_t len)
{
	const char *data = (const char *)head;
	if (len == 0 || memchr(data, '\0', len))
		return 0;
	size_t pos = 0;
	uint64_t number = 0;
	int whole = len < 4096, score = 0, header = 0, sections = 0;
	head_line l;
	if (head_take(data, len, whole, &pos, &number, &l, 1) != 1 || !strict_title(l.s, l.n))
		return 0;
	while (head_next(data, len, whole, &pos, &number, &l)) {
		if (l.n == 0)
			continue;
		if (header >= 0 && header < 3) {
			int bd = 0, kind = header_kind(&l, 0, 0, &bd);
			byline b;
			if (kind == 2 && byline_scan(l.s, l.n, &b)) {
				score += b.prefixed ? (b.clean ? 30 : 20) : 15;
				header++;
				continue;
			}
			if (kind == 1) {
				score += 10;
				header++;
				continue;
			}
			if (score == 0)
				return 0;
			header = -1;
		}
		marker m;
		mark_scan(l.s, l.n, &m);
		if (!heading_shape(l.s, l.n, &m))
			continue;
		int v = m.value[ST_ROMAN]  ? m.value[ST_ROMAN]
		        : m.value[ST_PART] ? m.value[ST_PART]
		                           : m.value[ST_CJK];
		if (v == sections + 1)
			sections = v;
	}
	if (score == 0)
		return 0;
	score += sections >= 2 ? 40 : sections == 1 ? 30 : 0;
	return score > 70 ? 70 : score;
}

/* ---- the plugin ---- */

static int article_open(void **state, const void *config, igt_host *host)
{
	const article_config *cfg = config;
	article_state *st = calloc(1, sizeof(*st));
	if (!st)
		abort();
	const char *mode = cfg && cfg->paragraphs ? cfg->paragraphs : "auto";
	if (strcmp(mode, "auto") == 0) {
		st->mode = PARA_AUTO;
	} else if (strcmp(mode, "lines") == 0) {
		st->mode = PARA_LINES;
	} else if (strcmp(mode, "blocks") == 0) {
		st->mode = PARA_BLOCKS;
	} else {
		igt_host_log(host, IGT_LOG_ERROR,
		             "paragraphs: \"%s\" is not one of auto, lines, blocks", mode);
		free(st);
		return IGT_ECONFIG;
	}
	*state = st;
	return 0;
}

static void article_close(void *state)
{
	article_state *st = state;
	if (!st)
		return;
	for (size_t i = 0; i < QUEUE_MAX; i++)
		igt_buf_free(&st->q[i].text);
	free(st->section);
	free(st);
}

IGT_PLUGIN_DEFINE(article) = {
    .abi = IGT_PLUGIN_ABI,
    .size = sizeof(igt_plugin),
    .name = "article",
    .version = "1.0",
    .summary = "essays and op-eds: title, byline, dateline, numbered sections, author note",
    .kind = IGT_FORMAT,
    .options = article_options,
    .config_size = sizeof(article_config),
    .open = article_open,
    .close = article_close,
    .op.format = {.score = article_score, .parse = article_parse},
};
