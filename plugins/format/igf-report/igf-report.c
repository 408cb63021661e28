/* SPDX-License-Identifier: MIT */
/*
 * igf-report: IGF session report forms. A form page holds a session
 * description (the preamble) and then a Long Report and/or a Short Report,
 * each a run of "- Question:" lines, every question followed by its answer.
 * Each part becomes its own document (kind "session-description" or
 * "report"); all documents of one file share fields.session_key.
 *
 * Questions are recognised by label patterns, not by exact text, because
 * the wording changed from year to year; each pattern maps to one stable
 * field name (README.md lists them). What a question does not answer is
 * null, never the next question's text: answers end where the next
 * question starts. Unknown questions are kept in fields.other with their
 * label. Text that fits no question is kept as paragraph segments.
 *
 * The input is read once, line by line. Only the answer of the current
 * question is buffered, and documents are held back only until the
 * session key is known (normally the end of the first report), so memory
 * is bounded by one session.
 */
/* memmem(3): in glibc, musl and the BSDs, declared by glibc only for GNU. */
#define _GNU_SOURCE
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <igtext/igtext.h>

/* The JSON keys and literal values set here are ASCII, so they are set
 * with jansson's _nocheck calls: its check of their UTF-8 was a third of
 * the cost of setting a member. */

/* ---- configuration ---- */

typedef struct igf_config {
	bool day_first;
	bool event_from_date;
} igf_config;

static const igt_option igf_options[] = {
	{"day_first", IGT_OPT_BOOL, "true", 0, offsetof(igf_config, day_first),
	 "read n/n/yyyy dates whose day and month are both 12 or less as day/month (the IGF "
	 "Secretariat's convention); false leaves such dates at year precision"},
	{"event_from_date", IGT_OPT_BOOL, "true", 0, offsetof(igf_config, event_from_date),
	 "when a report has no 'IGF YYYY' heading, set event to 'IGF' and the year of the "
	 "session date"},
	{0},
};

/* ---- the questions ---- */

/* How an answer is read. */
typedef enum fkind {
	K_TEXT,     /* one string, lines joined with spaces */
	K_LONGTEXT, /* one string, lines joined with newlines */
	K_LIST,     /* array of strings, one per line */
	K_PEOPLE,   /* array of persons, one per line (or per ';') */
	K_COUNT,    /* {value, unit, qualifier, text} */
	K_DATE,     /* the document's date */
	K_TIME,     /* a separate time question, merged into the date */
	K_SECTION,  /* paragraph segments with section = field name */
	K_ITEMS,    /* numbered or bulleted items as segments of their own type */
} fkind;

typedef struct fdef {
	const char *name;
	fkind kind;
	const char *pattern; /* PCRE2, caseless, matched against the label */
	const char *extra;   /* K_PEOPLE: the role; K_ITEMS: the segment type */
	int report;          /* asked only after the session: a form holding it is a report */
} fdef;

/* Order matters: the first pattern that matches wins, so the specific
 * ones (women before participants, recommendations before key messages,
 * whose 2016 label mentions "key takeaways") come first. */
static const fdef fdefs[] = {
	{"subtheme_description", K_TEXT, "^sub-?\\s*themes?\\s+description\\b", NULL, 0},
	{"subthemes", K_LIST, "^sub-?\\s*themes?\\b", NULL, 0},
	{"themes", K_LIST, "^(?:session\\s+)?themes?\\b", NULL, 0},
	{"session_type", K_TEXT,
	 "^(?:session\\s+(?:type|format)|type\\s+of\\s+(?:the\\s+)?session|format)\\b", NULL, 0},
	{"title", K_TEXT, "^(?:session\\s+|workshop\\s+)?title\\b", NULL, 0},
	{"date", K_DATE, "^date\\b", NULL, 0},
	{"time", K_TIME, "^time\\b", NULL, 0},
	{"organisers", K_LIST,
	 "^(?:(?:workshop|session)\\s+)?(?:co-?)?organi[sz](?:er|ser|ing|ation)", NULL, 0},
	{"online_moderator", K_PEOPLE, "^(?:online|remote)\\s+moderator", "online moderator", 0},
	{"chair", K_PEOPLE, "^chair", "chair", 0},
	{"moderator", K_PEOPLE, "^(?:on-?site\\s+|in-person\\s+)?moderators?\\b", "moderator", 0},
	{"rapporteurs", K_PEOPLE, "^(?:rapporteur|note\\s*-?\\s*taker|reporter)", "rapporteur", 0},
	{"speakers", K_PEOPLE,
	 "^(?:list\\s+of\\s+(?:the\\s+)?)?(?:speakers|panell?ists|presenters|discussants)\\b",
	 "speaker", 0},
	{"recommendations", K_ITEMS, "recommendations?\\b|way\\s+forward|next\\s+steps",
	 "recommendation", 1},
	{"key_messages", K_ITEMS, "key\\s+(?:messages|issues|takeaways|points)", "key_message", 1},
	{"discussion", K_SECTION,
	 "elaborate\\s+on\\s+the\\s+discussion|describe\\s+the\\s+discussions?\\b|"
	 "issues\\s+discussed|summary\\s+of\\s+(?:the\\s+)?discussion",
	 NULL, 1},
	{"igf_ideas", K_SECTION, "IGF\\s+ecosystem|ideas\\s+surfaced", NULL, 1},
	{"presentations", K_SECTION, "presentations?\\b", NULL, 1},
	{"women_participants", K_COUNT,
	 "number\\s+of\\s+(?:the\\s+)?women|women\\s+and\\s+gender|women\\s+present", NULL, 1},
	{"participants", K_COUNT,
	 "number\\s+of\\s+(?:the\\s+)?participants|participants\\s+present|^participants\\b|"
	 "^attendance\\b",
	 NULL, 1},
	{"gender_discussed", K_LONGTEXT, "gender", NULL, 1},
	{"links", K_LIST, "\\blinks?\\b|\\burls?\\b|session\\s+outputs?\\b", NULL, 0},
	{"description", K_SECTION, "^(?:session\\s+)?description\\b", NULL, 0},
};

#define NFIELDS (sizeof(fdefs) / sizeof(fdefs[0]))
#define Q_UNKNOWN ((int)NFIELDS)
#define Q_NONE (-1)

/* A label longer than this before its colon is a sentence whose colon
 * belongs to the question ("… [150 words] Examples: …"), not an inline
 * answer; only the short metadata questions always take one. */
#define INLINE_LABEL_MAX 100
#define UNDASHED_LABEL_MAX 200
#define UNKNOWN_LABEL_MAX 300

/* match_field's answers for the texts it was asked about last: a form asks
 * the same questions in every file, and trying each field's pattern on a
 * label took a tenth of parsing a report. Two slots per hash of the text,
 * and texts of up to 254 bytes kept (the 2017 form's labels run to 150):
 * with one slot and 120 bytes, the long labels were never kept and two
 * short ones that fell on the same slot put each other out in every file,
 * so one label in nine went through the patterns again. The patterns do
 * not change, so an answer kept is the answer. */
#define FIELD_MEMO_SLOTS 512 /* in pairs */
#define FIELD_MEMO_TEXT 254
typedef struct field_memo {
	unsigned char len; /* of text; 0 for an empty slot (an empty text is not kept) */
	signed char field;
	char text[FIELD_MEMO_TEXT];
} field_memo;

typedef struct igf_state {
	const igf_config *cfg;
	field_memo *memo; /* FIELD_MEMO_SLOTS */
	pcre2_code *field_re[NFIELDS];
	pcre2_code *heading_re; /* "IGF 2018 Long Report" */
	pcre2_code *report_re;  /* a lone "Report" above the reports */
	pcre2_code *session_re; /* a lone "Session" heading the description */
	pcre2_match_data *md;
	bool jit; /* every pattern was JIT-compiled: match with pcre2_jit_match */
} igf_state;

/* ---- small string helpers ---- */

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Trim ASCII white space and no-break spaces (U+00A0) at both ends. */
static void trim(const char **s, size_t *n)
{
	const char *a = *s;
	size_t len = *n;
	/* Most text has nothing to trim: its ends are above the spaces
	 * and are not the bytes of a no-break space. */
	if (len && (unsigned char)a[0] > ' ' && (unsigned char)a[0] != 0xC2 &&
	    (unsigned char)a[len - 1] > ' ' && (unsigned char)a[len - 1] != 0xA0)
		return;
	for (;;) {
		if (len && is_ws((unsigned char)a[0])) {
			a++;
			len--;
		} else if (len >= 2 && (unsigned char)a[0] == 0xC2 && (unsigned char)a[1] == 0xA0) {
			a += 2;
			len -= 2;
		} else {
			break;
		}
	}
	for (;;) {
		if (len && is_ws((unsigned char)a[len - 1]))
			len--;
		else if (len >= 2 && (unsigned char)a[len - 2] == 0xC2 &&
		         (unsigned char)a[len - 1] == 0xA0)
			len -= 2;
		else
			break;
	}
	*s = a;
	*n = len;
}

static int starts_ci(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);
	if (n < w)
		return 0;
	for (size_t i = 0; i < w; i++)
		if (lower((unsigned char)s[i]) != word[i])
			return 0;
	return 1;
}

static int eq_ci(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && starts_ci(s, n, word);
}

/* Case-insensitive search for an ASCII needle (lower case) in s. */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
	size_t w = strlen(needle);
	for (size_t i = 0; i + w <= n; i++)
		if (lower((unsigned char)s[i]) == needle[0] && starts_ci(s + i, n - i, needle))
			return s + i;
	return NULL;
}

/* ---- regular expressions ---- */

static pcre2_code *compile(const char *pattern, igt_host *host, bool *jit)
{
	int err;
	PCRE2_SIZE at;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_CASELESS,
	                               &err, &at, NULL);
	if (!re) {
		PCRE2_UCHAR msg[160];
		pcre2_get_error_message(err, msg, sizeof(msg));
		igt_host_log(host, IGT_LOG_ERROR, "internal pattern '%s': %s", pattern,
		             (char *)msg);
		return NULL;
	}
	/* Without JIT support the interpreter does the same work, slower. */
	if (pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) != 0)
		*jit = false;
	return re;
}

/* A line can be tried against every field pattern, so the call itself
 * counts: pcre2_jit_match skips pcre2_match's checks of its arguments,
 * which are ours and always valid. */
static int re_match(const igf_state *st, const pcre2_code *re, const char *s, size_t n)
{
	if (st->jit)
		return pcre2_jit_match(re, (PCRE2_SPTR)s, n, 0, 0, st->md, NULL) >= 0;
	return pcre2_match(re, (PCRE2_SPTR)s, n, 0, 0, st->md, NULL) >= 0;
}

/* The first capture of the last successful match, or an empty range. */
static size_t re_group(const igf_state *st, int group, size_t *start)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md);
	if (ov[2 * group] == PCRE2_UNSET)
		return 0;
	*start = ov[2 * group];
	return ov[2 * group + 1] - ov[2 * group];
}

/* ---- counts ---- */

static int word_before(const char *s, size_t at, const char *word)
{
	size_t w = strlen(word);
	size_t end = at;
	while (end > 0 && is_ws((unsigned char)s[end - 1]))
		end--;
	if (end < w || !starts_ci(s + end - w, w, word))
		return 0;
	return end == w || !is_alpha((unsigned char)s[end - w - 1]);
}

static int has_word(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);
	for (const char *p = s; (p = find_ci(p, n - (size_t)(p - s), word)); p++) {
		size_t i = (size_t)(p - s);
		if ((i == 0 || !is_alpha((unsigned char)s[i - 1])) &&
		    (i + w >= n || !is_alpha((unsigned char)s[i + w])))
			return 1;
	}
	return 0;
}

/*
 * "About 100 participants." -> {"value": 100, "unit": "people", "qualifier":
 * "about", "text": …}. A value only when the text holds exactly one number;
 * "25%" or "25 percent" has unit "percent". Ranges and several numbers
 * leave value null: which one is meant is not for us to guess.
 */
static json_t *parse_count(igt_doc *doc, const char *s, size_t n)
{
	size_t numbers = 0, at = 0, end = 0;
	for (size_t i = 0; i < n;) {
		if (!is_digit((unsigned char)s[i])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && is_digit((unsigned char)s[j]))
			j++;
		/* Thousands separators: "1,200". */
		while (j + 3 < n && s[j] == ',' && is_digit((unsigned char)s[j + 1]) &&
		       is_digit((unsigned char)s[j + 2]) && is_digit((unsigned char)s[j + 3]) &&
		       (j + 4 >= n || !is_digit((unsigned char)s[j + 4])))
			j += 4;
		if (j + 1 < n && s[j] == '.' && is_digit((unsigned char)s[j + 1])) {
			j++;
			while (j < n && is_digit((unsigned char)s[j]))
				j++;
		}
		if (numbers++ == 0) {
			at = i;
			end = j;
		}
		i = j;
	}
	json_t *o = json_object();
	json_t *value = json_null();
	const char *unit = NULL, *qual = NULL;
	if (numbers == 1) {
		char digits[40];
		size_t k = 0, dot = 0;
		for (size_t i = at; i < end && k + 1 < sizeof(digits); i++) {
			if (s[i] == ',')
				continue;
			if (s[i] == '.')
				dot = 1;
			digits[k++] = s[i];
		}
		digits[k] = '\0';
		if (dot) {
			json_decref(value);
			value = json_real(strtod(digits, NULL));
		} else if (k <= 15) {
			json_decref(value);
			value = json_integer(strtoll(digits, NULL, 10));
		}
		size_t j = end;
		while (j < n && is_ws((unsigned char)s[j]))
			j++;
		if ((j < n && s[j] == '%') || starts_ci(s + j, n - j, "percent") ||
		    starts_ci(s + j, n - j, "per cent"))
			unit = "percent";
		else
			unit = "people";
		if ((j < n && s[j] == '+') || word_before(s, at, "over") ||
		    word_before(s, at, "more than") || word_before(s, at, "above") ||
		    word_before(s, at, "at least"))
			qual = "at least";
		else if (word_before(s, at, "less than") || word_before(s, at, "under") ||
		         word_before(s, at, "fewer than") || word_before(s, at, "up to") ||
		         word_before(s, at, "below") || word_before(s, at, "at most"))
			qual = "at most";
		else if (has_word(s, n, "about") || has_word(s, n, "approximately") ||
		         has_word(s, n, "approx") || has_word(s, n, "around") ||
		         has_word(s, n, "roughly") || has_word(s, n, "circa") ||
		         has_word(s, n, "nearly") || has_word(s, n, "almost") ||
		         has_word(s, n, "estimated") || has_word(s, n, "close to") ||
		         memchr(s, '~', n))
			qual = "about";
	}
	json_object_set_new_nocheck(o, "value", value);
	json_object_set_new_nocheck(o, "unit", unit ? json_string_nocheck(unit) : json_null());
	json_object_set_new_nocheck(o, "qualifier", qual ? json_string_nocheck(qual) : json_null());
	json_object_set_new_nocheck(o, "text", igt_doc_json_string(doc, s, n));
	return o;
}

/* ---- dates ---- */

enum { T_NUM, T_WORD, T_PUNCT };

typedef struct dtok {
	int type;
	size_t at, len;
	int value; /* T_NUM: its value (capped) */
	int used;
} dtok;

#define DTOK_MAX 64

static size_t dtokenize(const char *s, size_t n, dtok *t, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k < max;) {
		unsigned char c = (unsigned char)s[i];
		if (is_ws(c)) {
			i++;
			continue;
		}
		dtok *d = &t[k++];
		d->at = i;
		d->used = 0;
		d->value = 0;
		if (is_digit(c)) {
			d->type = T_NUM;
			while (i < n && is_digit((unsigned char)s[i])) {
				if (d->value < 100000)
					d->value = d->value * 10 + (s[i] - '0');
				i++;
			}
		} else if (is_alpha(c)) {
			d->type = T_WORD;
			while (i < n && is_alpha((unsigned char)s[i]))
				i++;
		} else {
			d->type = T_PUNCT;
			/* One character, whole if it is a UTF-8 sequence. */
			i++;
			while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
				i++;
		}
		d->len = i - d->at;
	}
	return k;
}

static int adjacent(const dtok *a, const dtok *b)
{
	return a->at + a->len == b->at;
}

static int punct_is(const char *s, const dtok *t, char c)
{
	return t->type == T_PUNCT && t->len == 1 && s[t->at] == c;
}

static int full_year(const dtok *t)
{
	if (t->len == 4 && t->value >= 1990 && t->value <= 2100)
		return t->value;
	if (t->len == 2)
		return 2000 + t->value; /* the IGF began in 2006 */
	return 0;
}

/* "14/11/2018", "14.11.2018", "2018-11-14". Returns 1 when found. */
static int numeric_date(const char *s, dtok *t, size_t k, bool day_first, igt_date *d,
                        int *ambiguous)
{
	for (size_t i = 0; i + 4 < k; i++) {
		dtok *a = &t[i], *p = &t[i + 1], *b = &t[i + 2], *q = &t[i + 3], *c = &t[i + 4];
		if (a->type != T_NUM || b->type != T_NUM || c->type != T_NUM)
			continue;
		if (p->type != T_PUNCT || p->len != 1 || !strchr("/.-", s[p->at]) ||
		    !punct_is(s, q, s[p->at]))
			continue;
		if (!adjacent(a, p) || !adjacent(p, b) || !adjacent(b, q) || !adjacent(q, c))
			continue;
		if (i > 0 && punct_is(s, &t[i - 1], ':') && adjacent(&t[i - 1], a))
			continue; /* the minutes of a time range: "11:20-12-…" */
		int year, month, day;
		if (a->len == 4 && b->len <= 2 && c->len <= 2) {
			year = full_year(a);
			month = b->value;
			day = c->value;
		} else if (a->len <= 2 && b->len <= 2 && (c->len == 4 || c->len == 2)) {
			year = full_year(c);
			if (a->value > 12 && b->value <= 12) {
				day = a->value;
				month = b->value;
			} else if (b->value > 12 && a->value <= 12) {
				month = a->value; /* the only reading: month/day */
				day = b->value;
			} else if (a->value == b->value || day_first) {
				day = a->value;
				month = b->value;
			} else {
				*ambiguous = 1;
				day = month = 0;
			}
		} else {
			continue;
		}
		if (!year)
			continue;
		d->year = year;
		d->month = month;
		d->day = day;
		a->used = p->used = b->used = q->used = c->used = 1;
		return 1;
	}
	return 0;
}

static int is_ordinal(const char *s, const dtok *t)
{
	return t->type == T_WORD && t->len == 2 &&
	       (eq_ci(s + t->at, 2, "st") || eq_ci(s + t->at, 2, "nd") ||
	        eq_ci(s + t->at, 2, "rd") || eq_ci(s + t->at, 2, "th"));
}

/* Whether the word before a number makes it something else than the
 * first day of a range: "Day 2 - 13 November", "Room 3 - …". */
static int range_lead(const char *s, const dtok *t)
{
	static const char *const words[] = {"day",  "days",  "room",  "session", "workshop",
	                                    "ws",   "no",    "nr",    "number",  "panel",
	                                    "track", "hall", "part",  "week",    "salle",
	                                    "sala", "tag",   "jour",  "dia",     NULL};
	for (int i = 0; words[i]; i++)
		if (eq_ci(s + t->at, t->len, words[i]))
			return 0;
	return 1;
}

/* Whether token i joins two days of a range: "-", "–" or "to". */
static int range_joint(const char *s, const dtok *t)
{
	return punct_is(s, t, '-') || (t->type == T_PUNCT && t->len == 3 &&
	                               memcmp(s + t->at, "\xE2\x80\x93", 3) == 0) ||
	       (t->type == T_WORD && eq_ci(s + t->at, t->len, "to"));
}

/* "14 November 2018", "14th Nov, 2018", "November 14, 2018", "November
 * 2018"; a range of days ("6-7 December 2016") gives its first day, and
 * its last in *last_day. */
static int word_date(const char *s, dtok *t, size_t k, igt_date *d, int *last_day)
{
	for (size_t i = 0; i < k; i++) {
		if (t[i].type != T_WORD || t[i].len < 3)
			continue;
		int month = igt_month_parse(s + t[i].at, t[i].len);
		if (!month)
			continue;
		size_t next = i + 1;
		if (next < k && punct_is(s, &t[next], '.') && adjacent(&t[i], &t[next]))
			next++; /* "Nov." */
		dtok *day = NULL;
		/* Day before the month: "14 November", "14th of November". */
		size_t j = i;
		if (j >= 1 && t[j - 1].type == T_WORD && eq_ci(s + t[j - 1].at, t[j - 1].len, "of"))
			j--;
		if (j >= 2 && is_ordinal(s, &t[j - 1]) && t[j - 2].type == T_NUM &&
		    adjacent(&t[j - 2], &t[j - 1]) && t[j - 2].len <= 2) {
			day = &t[j - 2];
		} else if (j >= 1 && t[j - 1].type == T_NUM && t[j - 1].len <= 2) {
			day = &t[j - 1];
			if (j >= 3 && range_joint(s, &t[j - 2]) && t[j - 3].type == T_NUM &&
			    t[j - 3].len <= 2 && t[j - 3].value < day->value &&
			    (j == 3 || t[j - 4].type != T_WORD || range_lead(s, &t[j - 4]))) {
				*last_day = day->value;
				day->used = t[j - 2].used = 1;
				day = &t[j - 3];
			}
		} else if (next < k && t[next].type == T_NUM && t[next].len <= 2 &&
		           !(next + 1 < k && punct_is(s, &t[next + 1], ':'))) {
			/* Day after the month: "November 14, 2018". */
			day = &t[next++];
			if (next < k && is_ordinal(s, &t[next]))
				next++;
		}
		if (next < k && punct_is(s, &t[next], ','))
			next++;
		int year = 0;
		if (next < k && t[next].type == T_NUM && t[next].len == 4)
			year = full_year(&t[next]);
		if (!year)
			continue;
		t[next].used = t[i].used = 1;
		if (day)
			day->used = 1;
		d->year = year;
		d->month = month;
		d->day = day ? day->value : 0;
		return 1;
	}
	return 0;
}

/* The meridiem after token i ("pm", "p.m.", "PM"): 'a', 'p' or 0, and
 * the number of tokens it takes. */
static int meridiem(const char *s, const dtok *t, size_t k, size_t i, size_t *taken)
{
	if (i >= k || t[i].type != T_WORD)
		return 0;
	const char *w = s + t[i].at;
	if (eq_ci(w, t[i].len, "am") || eq_ci(w, t[i].len, "pm")) {
		*taken = 1;
		return lower((unsigned char)w[0]);
	}
	if (t[i].len == 1 &&
	    (lower((unsigned char)w[0]) == 'a' || lower((unsigned char)w[0]) == 'p') && i + 2 < k &&
	    punct_is(s, &t[i + 1], '.') && t[i + 2].type == T_WORD &&
	    eq_ci(s + t[i + 2].at, t[i + 2].len, "m")) {
		*taken = 3 + (i + 3 < k && punct_is(s, &t[i + 3], '.'));
		return lower((unsigned char)w[0]);
	}
	return 0;
}

typedef struct dtime {
	int hour, minute, mer;
	size_t last; /* index of its last token */
} dtime;

/* "11:20", "11h20", "9am", "9:30 p.m." at token i. */
static int read_time(const char *s, dtok *t, size_t k, size_t i, dtime *out)
{
	if (t[i].type != T_NUM || t[i].used || t[i].len > 2)
		return 0;
	size_t j = i + 1;
	int minute = -1;
	if (j + 1 < k && adjacent(&t[i], &t[j]) &&
	    (punct_is(s, &t[j], ':') || (t[j].type == T_WORD && eq_ci(s + t[j].at, 1, "h") &&
	                                 t[j].len == 1)) &&
	    t[j + 1].type == T_NUM && t[j + 1].len == 2 && adjacent(&t[j], &t[j + 1])) {
		minute = t[j + 1].value;
		j += 2;
		/* Seconds are dropped: forms never give them. */
		if (j + 1 < k && punct_is(s, &t[j], ':') && t[j + 1].type == T_NUM &&
		    t[j + 1].len == 2)
			j += 2;
	}
	size_t taken = 0;
	int mer = meridiem(s, t, k, j, &taken);
	if (minute < 0 && !mer)
		return 0;
	out->hour = t[i].value;
	out->minute = minute < 0 ? 0 : minute;
	out->mer = mer;
	out->last = j + taken - 1;
	if (out->hour > 23 || out->minute > 59 || (mer && (out->hour < 1 || out->hour > 12)))
		return 0;
	for (size_t x = i; x <= out->last; x++)
		t[x].used = 1;
	return 1;
}

static int hour24(int hour, int mer)
{
	if (mer == 'p' && hour < 12)
		return hour + 12;
	if (mer == 'a' && hour == 12)
		return 0;
	return hour;
}

/* A zone after the last time: "CET", "(UTC)", "UTC+1", "GMT+08:00". */
static void read_zone(const char *s, size_t n, const dtok *t, size_t k, size_t i, igt_date *d)
{
	if (i < k && punct_is(s, &t[i], '('))
		i++;
	if (i >= k || t[i].type != T_WORD)
		return;
	int minutes;
	size_t j = i + 1;
	if (j + 1 < k && (punct_is(s, &t[j], '+') || punct_is(s, &t[j], '-')) &&
	    t[j + 1].type == T_NUM && adjacent(&t[i], &t[j])) {
		size_t end = t[j + 1].at + t[j + 1].len;
		if (j + 3 < k && punct_is(s, &t[j + 2], ':') && t[j + 3].type == T_NUM)
			end = t[j + 3].at + t[j + 3].len;
		if (end <= n && igt_zone_parse(s + t[j].at, end - t[j].at, &minutes) == 0) {
			d->has_zone = 1;
			d->zone_minutes = minutes;
		}
		return;
	}
	if (igt_zone_parse(s + t[i].at, t[i].len, &minutes) == 0) {
		d->has_zone = 1;
		d->zone_minutes = minutes;
	}
}

/*
 * The session date: start (and end, when a time range is given) as
 * precisely as the text allows. Returns 1 when a date with at least a year
 * was read (end->hour is -1 when there is no end time).
 */
static int parse_session_date(const char *s, size_t n, bool day_first, igt_date *start,
                              igt_date *end, int *ambiguous)
{
	dtok t[DTOK_MAX];
	size_t k = dtokenize(s, n, t, DTOK_MAX);
	igt_date_init(start);
	igt_date_init(end);
	*ambiguous = 0;
	int last_day = 0;
	if (!numeric_date(s, t, k, day_first, start, ambiguous))
		word_date(s, t, k, start, &last_day);
	dtime tm[2];
	size_t nt = 0;
	for (size_t i = 0; i < k && nt < 2; i++)
		if (read_time(s, t, k, i, &tm[nt]))
			i = tm[nt++].last;
	if (nt == 2 && !tm[0].mer && tm[1].mer == 'p' && tm[0].hour + 12 <= hour24(tm[1].hour, 'p'))
		tm[0].mer = 'p'; /* "2:00-3:30pm" */
	if (nt >= 1) {
		start->hour = hour24(tm[0].hour, tm[0].mer);
		start->minute = tm[0].minute;
		read_zone(s, n, t, k, tm[nt - 1].last + 1, start);
	}
	if (nt == 2) {
		*end = *start;
		end->hour = hour24(tm[1].hour, tm[1].mer);
		end->minute = tm[1].minute;
		if (end->hour * 60 + end->minute < start->hour * 60 + start->minute)
			igt_date_init(end); /* past midnight, or a typo: not a range we can write */
	}
	if (last_day) {
		/* Without times the range ends on its last day. A last day that
		 * does not exist ("30-31 November") makes the whole date
		 * doubtful: none is given. */
		igt_date last;
		igt_date_init(&last);
		last.year = start->year;
		last.month = start->month;
		last.day = last_day;
		if (!igt_date_valid(&last)) {
			igt_date_init(start);
			igt_date_init(end);
			return 0;
		}
		if (nt < 2)
			*end = last;
	}
	if (!start->year)
		return 0;
	if (!igt_date_valid(start)) {
		igt_date_init(start);
		igt_date_init(end);
		return 0;
	}
	return 1;
}

/* ---- people ---- */

typedef struct range {
	const char *s;
	size_t n;
} range;

typedef struct person_parts {
	range role, name, position, affiliation, gender, note;
} person_parts;

/*
 * Word lists, in lower case and sorted in byte order (as strcmp sorts),
 * so that in_list halves a list at each step: every word of every
 * speaker line is looked up, and going through a list entry by entry
 * took a twentieth of the parse. The unit test checks the order.
 */
typedef struct wordlist {
	const char *const *words;
	size_t n;
} wordlist;

#define WORDLIST(words) {words, sizeof(words) / sizeof(words[0])}

/* Words that make a phrase a job title ("Director General", "board member"). */
static const char *const title_word_list[] = {
	"activist", "administrator", "adviser", "advisor", "ambassador", "analyst", "architect",
	"assistant", "associate", "attorney", "ceo", "cfo", "chair", "chairman", "chairperson",
	"chairwoman", "chief", "cio", "cofounder", "commissioner", "consultant", "convener",
	"convenor", "coo", "coordinator", "counsel", "counsellor", "counselor", "cto", "dean",
	"delegate", "deputy", "dg", "director", "directora", "editor", "engineer", "envoy", "evp",
	"executive", "expert", "facilitator", "fellow", "founder", "general", "governor", "head",
	"intern", "journalist", "judge", "lawyer", "lead", "leader", "lecturer", "manager", "mayor",
	"member", "minister", "moderator", "officer", "owner", "partner", "president", "principal",
	"professor", "rapporteur", "reporter", "representative", "researcher", "scientist",
	"secretary", "senator", "specialist", "spokesperson", "staff", "student", "svp",
	"treasurer", "trustee", "undersecretary", "vice", "vp",
};
static const wordlist title_words = WORDLIST(title_word_list);

/* Words that make a phrase an organisation ("Chinese Academy of …"). */
static const char *const org_word_list[] = {
	"academy", "administration", "agency", "alliance", "association", "authority", "bureau",
	"center", "centre", "college", "commission", "company", "corporation", "council",
	"department", "federation", "forum", "foundation", "government", "group", "institute",
	"institution", "laboratory", "ministry", "network", "organisation", "organization",
	"school", "society", "union", "university",
};
static const wordlist org_words = WORDLIST(org_word_list);

static const char *const gender_word_list[] = {
	"f", "female", "gender variant", "gender-variant", "m", "male", "man", "non-binary",
	"nonbinary", "prefer not to answer", "transgender female", "transgender male", "woman",
};
static const wordlist gender_words = WORDLIST(gender_word_list);

/* Words that name a part in the session ("Moderator: …", "(Chair)"). */
static const char *const role_word_list[] = {
	"chair", "discussant", "facilitator", "host", "keynote", "moderator", "panelist",
	"panellist", "presenter", "rapporteur", "speaker",
};
static const wordlist role_words = WORDLIST(role_word_list);

/* s (n bytes, in lower case) against the word w, as strcmp orders them. */
static int compare_word(const char *s, size_t n, const char *w)
{
	for (size_t k = 0; k < n; k++) {
		int c = lower((unsigned char)s[k]), d = (unsigned char)w[k];
		if (c != d)
			return c - d; /* at the end of w, d is 0: s is longer */
	}
	return w[n] ? -1 : 0;
}

static int in_list(const char *s, size_t n, const wordlist *list)
{
	if (!n)
		return 0;
	/* Most steps are decided by the first letter. */
	int first = lower((unsigned char)s[0]);
	size_t lo = 0, hi = list->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *w = list->words[mid];
		int c = first - (unsigned char)w[0];
		if (!c)
			c = compare_word(s + 1, n - 1, w + 1);
		if (!c)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* The next word of s from *i on (words are split at spaces, hyphens,
 * slashes; a word may hold dots, but not at its end) into *w, with *i
 * past it; 0 when there is none. */
static int next_word(const char *s, size_t n, size_t *i, range *w)
{
	while (*i < n) {
		while (*i < n && !is_alpha((unsigned char)s[*i]) && s[*i] != '.')
			(*i)++;
		size_t a = *i;
		while (*i < n && (is_alpha((unsigned char)s[*i]) || s[*i] == '.'))
			(*i)++;
		size_t b = *i;
		while (b > a && s[b - 1] == '.')
			b--;
		if (b > a) {
			*w = (range){s + a, b - a};
			return 1;
		}
	}
	return 0;
}

/* Whether any word of s is in list. */
static int any_word_in(const char *s, size_t n, const wordlist *list)
{
	range w;
	for (size_t i = 0; next_word(s, n, &i, &w);)
		if (in_list(w.s, w.n, list))
			return 1;
	return 0;
}

static size_t count_words_in(range r)
{
	size_t w = 0;
	for (size_t i = 0; i < r.n; i++)
		if (r.s[i] != ' ' && (i == 0 || r.s[i - 1] == ' '))
			w++;
	return w;
}

static void rtrim_range(range *r)
{
	trim(&r->s, &r->n);
	while (r->n && (r->s[r->n - 1] == ',' || r->s[r->n - 1] == ';'))
		r->n--;
	trim(&r->s, &r->n);
}

static int starts_with_honorific(const char *s, size_t n)
{
	size_t w = 0;
	while (w < n && !is_ws((unsigned char)s[w]))
		w++;
	if (!igt_name_honorific(s, w))
		return 0;
	/* "Professor of Law" is a title, not a name. */
	while (w < n && is_ws((unsigned char)s[w]))
		w++;
	return w < n && !(s[w] >= 'a' && s[w] <= 'z');
}

/* Where " of " or " at " (a whole word) first occurs in s, or n. */
static size_t find_word(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);
	for (size_t i = 1; i + w + 1 < n; i++)
		if (s[i - 1] == ' ' && starts_ci(s + i, n - i, word) && s[i + w] == ' ')
			return i - 1;
	return n;
}

/* Where the first job-title word and the first organisation word of a
 * phrase begin (its length for none). A part of the phrase that ends
 * before a space holds just the words that begin before it, so whether
 * that part is a job title follows from these two offsets: the phrase is
 * read once, not again for each " of " and " at " tried. */
typedef struct position_marks {
	size_t title, org;
} position_marks;

static position_marks find_position_marks(range r)
{
	position_marks m = {r.n, r.n};
	range w;
	for (size_t i = 0; (m.title == r.n || m.org == r.n) && next_word(r.s, r.n, &i, &w);) {
		if (m.title == r.n && in_list(w.s, w.n, &title_words))
			m.title = (size_t)(w.s - r.s);
		if (m.org == r.n && in_list(w.s, w.n, &org_words))
			m.org = (size_t)(w.s - r.s);
	}
	return m;
}

/* Whether the phrase's first len bytes (all of it, or up to a space) are
 * a job title: a title word and no organisation word. */
static int prefix_is_position(position_marks m, size_t len)
{
	return m.title < len && m.org >= len;
}

static int is_position(range r)
{
	return prefix_is_position(find_position_marks(r), r.n);
}

/* The rightmost " of " whose left part is a job title, or n: "Head of
 * Policy of Kenya ICT Action Network" splits after "Head of Policy";
 * "Director General of International Cooperation Bureau of …" after
 * "Director General", since "Bureau" makes a left part an organisation. */
static size_t position_of(const char *s, size_t n, position_marks m)
{
	for (size_t i = n; i-- > 1;)
		if (s[i - 1] == ' ' && i + 3 < n && starts_ci(s + i, n - i, "of ") &&
		    prefix_is_position(m, i - 1))
			return i - 1;
	return n;
}

static const char *const abbreviation_list[] = {
	"assoc", "co", "corp", "dept", "dr", "etc", "gov", "govt", "inc", "intl", "jr",
	"ltd", "mr", "mrs", "ms", "no", "prof", "sr", "st", "univ", "vs",
};
static const wordlist abbreviations = WORDLIST(abbreviation_list);

/* Split rest into its parts at top-level ", ", ";" and sentence breaks
 * (". " after a word that is not an abbreviation). */
static size_t split_parts(const char *s, size_t n, range *parts, size_t max)
{
	/* The bytes that can change anything below: the others are passed
	 * over with one look-up. */
	static const unsigned char part_mark[256] = {
		['('] = 1, ['['] = 1, [')'] = 1, [']'] = 1, [';'] = 1, [','] = 1, ['.'] = 1,
	};
	size_t k = 0, a = 0;
	int depth = 0;
	for (size_t i = 0; i < n && k + 1 < max; i++) {
		char c = s[i];
		if (!part_mark[(unsigned char)c])
			continue;
		if (c == '(' || c == '[')
			depth++;
		else if ((c == ')' || c == ']') && depth > 0)
			depth--;
		if (depth)
			continue;
		int cut = 0;
		if (c == ';' || (c == ',' && i + 1 < n && s[i + 1] == ' ')) {
			cut = 1;
		} else if (c == '.' && i + 1 < n && s[i + 1] == ' ') {
			size_t w = i;
			while (w > a && is_alpha((unsigned char)s[w - 1]))
				w--;
			cut = i - w >= 3 && !in_list(s + w, i - w, &abbreviations);
		}
		if (cut) {
			parts[k].s = s + a;
			parts[k].n = i - a;
			rtrim_range(&parts[k]);
			if (parts[k].n)
				k++;
			a = i + 1;
		}
	}
	if (a < n && k < max) {
		parts[k].s = s + a;
		parts[k].n = n - a;
		rtrim_range(&parts[k]);
		if (parts[k].n)
			k++;
	}
	return k;
}

static range strip_article(range r)
{
	if (r.n > 4 && memcmp(r.s, "the ", 4) == 0) {
		r.s += 4;
		r.n -= 4;
	}
	return r;
}

/* Position and affiliation from the parts after the name. */
static void assign_parts(person_parts *pp, range *parts, size_t k)
{
	size_t used = 0;
	if (k && !pp->affiliation.s) {
		range p0 = parts[0];
		position_marks m = find_position_marks(p0);
		size_t at = find_word(p0.s, p0.n, "at");
		size_t of = position_of(p0.s, p0.n, m);
		if (at < p0.n && prefix_is_position(m, at)) {
			pp->position = (range){p0.s, at};
			pp->affiliation = strip_article((range){p0.s + at + 4, p0.n - at - 4});
			used = 1;
		} else if (of < p0.n) {
			pp->position = (range){p0.s, of};
			pp->affiliation = strip_article((range){p0.s + of + 4, p0.n - of - 4});
			used = 1;
		} else if (prefix_is_position(m, p0.n)) {
			pp->position = p0;
			used = 1;
			if (k > 1 && !any_word_in(parts[1].s, parts[1].n, &title_words)) {
				pp->affiliation = strip_article(parts[1]);
				used = 2;
			}
		} else {
			pp->affiliation = strip_article(p0);
			used = 1;
			if (k > 1 && is_position(parts[1])) {
				pp->position = parts[1];
				used = 2;
			}
		}
	} else if (k && is_position(parts[0])) {
		pp->position = parts[0];
		used = 1;
	}
	if (used < k) {
		pp->note.s = parts[used].s;
		pp->note.n = (size_t)(parts[k - 1].s + parts[k - 1].n - parts[used].s);
	}
}

/*
 * One person as written in a form: "Name, Position of Organisation",
 * "Name (Organisation)", "Name - Organisation", "Role: Name, …", with an
 * optional gender ("(female)", ", Female") as the 2017 form asked for.
 * Ranges point into s.
 */
static void split_person(const char *s, size_t n, person_parts *pp)
{
	memset(pp, 0, sizeof(*pp));
	trim(&s, &n);
	/* "Moderator: Name" inside a list of speakers; "Moderator - Name"
	 * when the part before the dash is a role and nothing else. */
	const char *colon = memchr(s, ':', n < 40 ? n : 40);
	size_t c = 0, mark = 0;
	if (colon && (size_t)(colon - s) + 1 < n && s[colon - s + 1] == ' ' &&
	    any_word_in(s, (size_t)(colon - s), &role_words)) {
		c = (size_t)(colon - s);
		mark = 1;
	} else {
		size_t w = 0;
		while (w < n && w < 20 && s[w] != ' ')
			w++;
		size_t d = w < n ? w + 1 : n;
		size_t dl = d < n && s[d] == '-' ? 1 : d + 3 <= n && memcmp(s + d, "\xE2\x80\x93", 3) == 0 ? 3 : 0;
		if (dl && d + dl < n && s[d + dl] == ' ' && in_list(s, w, &role_words)) {
			c = w;
			mark = 1 + dl;
		}
	}
	if (mark) {
		pp->role = (range){s, c};
		s += c + mark;
		n -= c + mark;
		trim(&s, &n);
	}
	/* The first bytes of what can end the name. */
	static const unsigned char name_end[256] = {
		[','] = 1, [';'] = 1, ['('] = 1, [' '] = 1, [0xEF] = 1,
	};
	size_t i = 0, rest = n;
	int paren = 0;
	for (; i < n; i++) {
		if (!name_end[(unsigned char)s[i]])
			continue;
		if (s[i] == ',' || s[i] == ';') {
			rest = i + 1;
			break;
		}
		if (i + 2 < n && memcmp(s + i, "\xEF\xBC\x8C", 3) == 0) {
			rest = i + 3; /* "李晓东，中国互联网络信息中心" */
			break;
		}
		if (s[i] == '(' && i > 0) {
			paren = 1;
			break;
		}
		if (s[i] == ' ' && i + 2 < n && (s[i + 1] == '-' || s[i + 1] == '|') &&
		    s[i + 2] == ' ') {
			rest = i + 3;
			break;
		}
		if (s[i] == ' ' && i + 4 < n && (unsigned char)s[i + 1] == 0xE2 &&
		    (unsigned char)s[i + 2] == 0x80 &&
		    ((unsigned char)s[i + 3] == 0x93 || (unsigned char)s[i + 3] == 0x94) &&
		    s[i + 4] == ' ') {
			rest = i + 5;
			break;
		}
	}
	pp->name = (range){s, i};
	rtrim_range(&pp->name);
	if (paren) {
		size_t close = i + 1;
		int depth = 1;
		while (close < n && depth) {
			if (s[close] == '(')
				depth++;
			else if (s[close] == ')')
				depth--;
			if (depth)
				close++;
		}
		range inside = {s + i + 1, close - i - 1};
		trim(&inside.s, &inside.n);
		if (in_list(inside.s, inside.n, &gender_words))
			pp->gender = inside;
		else if (inside.n && count_words_in(inside) <= 3 &&
		         any_word_in(inside.s, inside.n, &role_words))
			pp->role = inside; /* "Ms. Hana Novak (Chair)" */
		else if (inside.n)
			pp->affiliation = inside;
		rest = close < n ? close + 1 : n;
		while (rest < n && (is_ws((unsigned char)s[rest]) || s[rest] == ',' ||
		                    s[rest] == '-' || s[rest] == ':'))
			rest++;
	}
	if (rest >= n)
		return;
	range parts[16];
	size_t k = split_parts(s + rest, n - rest, parts, 16);
	if (k && !pp->gender.s && in_list(parts[k - 1].s, parts[k - 1].n, &gender_words)) {
		pp->gender = parts[--k];
	} else if (k && !pp->gender.s) {
		/* "…, Director (female)" */
		range *last = &parts[k - 1];
		if (last->n > 2 && last->s[last->n - 1] == ')') {
			const char *open = NULL;
			for (size_t j = last->n; j-- > 0;)
				if (last->s[j] == '(') {
					open = last->s + j;
					break;
				}
			if (open) {
				range g = {open + 1, (size_t)(last->s + last->n - 1 - open - 1)};
				if (in_list(g.s, g.n, &gender_words)) {
					pp->gender = g;
					last->n = (size_t)(open - last->s);
					rtrim_range(last);
					if (!last->n)
						k--;
				}
			}
		}
	}
	assign_parts(pp, parts, k);
}

/* ---- documents and the parse ---- */

enum { D_PRE, D_REPORT };
/* How questions are written in the current part: a report's first
 * question decides between "- Label:" and "Label:". */
enum { M_PRE, M_ANY, M_DASHED, M_PLAIN };

typedef struct aline {
	size_t off, len; /* in the answer buffer; len 0: a blank line */
	uint64_t at;     /* offset of the text in the input */
} aline;

typedef struct igf_parser {
	const igf_state *st;
	igt_input *in;
	igt_emit_fn emit;
	void *payload;

	/* the current document */
	igt_doc *doc;
	int dkind, mode;
	const char *report; /* "long", "short" or NULL */
	int heading_year;
	uint64_t dstart, dend;
	uint64_t seen; /* bit per field: a repeated question goes to other */
	int structured; /* a label or heading was recognised */
	int report_q;   /* a question only reports ask was seen */
	int warned_loose;
	json_t *other, *labels;
	int has_date_q, has_time_q;
	igt_date date, date_end, time, time_end;
	int time_ok, ambiguous;

	/* the current question */
	int qf;
	igt_buf label;
	uint64_t label_at;
	size_t label_len;
	igt_buf text;
	aline *lines;
	size_t nlines, caplines;

	igt_buf scratch;

	/* a lone "Report" line waiting to see whether a report follows */
	igt_buf pend;
	uint64_t pend_at;
	int has_pend;
	int pend_answer; /* it came inside an answer: if no report follows, it is answer text */

	/* documents held until the session key is known */
	igt_doc **queue;
	size_t nqueue, capqueue;
	igt_doc *pre; /* the session description, while it is queued */
	int first_report_done, key_known, reports;
	char *key;
	int bom;    /* a byte order mark waits for the first document to claim it */
	igt_doc *bom_doc; /* the document that claimed it */
	int failed; /* emit failed: stop */
} igf_parser;

/* A segment whose span is longer than its text (lines joined with "\n"
 * where the input has "\r\n" or indentation). */
static void add_segment_span(igf_parser *p, const char *type, const char *section, const char *s,
                             size_t n, uint64_t at, uint64_t span_len)
{
	igt_span span = {at, span_len};
	igt_segment *seg = igt_doc_add_segment(p->doc, type, s, n, span);
	if (section)
		igt_segment_set_section(p->doc, seg, section);
}

static void add_segment(igf_parser *p, const char *type, const char *section, const char *s,
                        size_t n, uint64_t at)
{
	igt_span span = {at, n};
	igt_segment *seg = igt_doc_add_segment(p->doc, type, s, n, span);
	if (section)
		igt_segment_set_section(p->doc, seg, section);
}

static void new_doc(igf_parser *p, int kind, uint64_t at)
{
	p->doc = igt_doc_new("igf-report", kind == D_PRE ? "session-description" : "report");
	p->dkind = kind;
	p->mode = kind == D_PRE ? M_PRE : M_ANY;
	p->report = NULL;
	p->heading_year = 0;
	p->dstart = p->dend = at;
	p->seen = 0;
	p->structured = 0;
	p->report_q = 0;
	p->warned_loose = 0;
	p->other = json_array();
	p->labels = json_object();
	p->has_date_q = p->has_time_q = 0;
	igt_date_init(&p->date);
	igt_date_init(&p->date_end);
	igt_date_init(&p->time);
	igt_date_init(&p->time_end);
	p->time_ok = p->ambiguous = 0;
	p->qf = Q_NONE;
	if (p->bom) {
		igt_doc_claim(p->doc, IGT_CLAIM_BOILERPLATE, 0, 3);
		p->bom = 0;
		p->bom_doc = p->doc;
		p->dstart = 0;
	}
}

static void grow_doc(igf_parser *p, uint64_t at, size_t n)
{
	if (at + n > p->dend)
		p->dend = at + n;
}

/* Join the answer's non-blank lines with sep into scratch. */
static void join_lines(igf_parser *p, const char *sep)
{
	igt_buf_reset(&p->scratch);
	int first = 1;
	for (size_t i = 0; i < p->nlines; i++) {
		if (!p->lines[i].len)
			continue;
		if (!first)
			igt_buf_add(&p->scratch, sep, strlen(sep));
		igt_buf_add(&p->scratch, p->text.data + p->lines[i].off, p->lines[i].len);
		first = 0;
	}
}

static size_t answer_lines(const igf_parser *p)
{
	size_t k = 0;
	for (size_t i = 0; i < p->nlines; i++)
		k += p->lines[i].len != 0;
	return k;
}

static void claim_answer(igf_parser *p)
{
	for (size_t i = 0; i < p->nlines; i++)
		if (p->lines[i].len)
			igt_doc_claim(p->doc, IGT_CLAIM_FIELD, p->lines[i].at, p->lines[i].len);
}

/* Length of a list marker ("1. ", "1) ", "(1) ", "a) ", "- ", "• ") with
 * the space after it, or 0. */
static size_t list_marker(const char *s, size_t n)
{
	size_t i = 0;
	if (n && s[0] == '(')
		i = 1;
	size_t d = i;
	while (d < n && d - i < 3 && is_digit((unsigned char)s[d]))
		d++;
	if (d == i && i + 1 < n && s[i] >= 'a' && s[i] <= 'z' && s[i + 1] == ')')
		d = i + 1; /* "a)" */
	if (d > i && d < n && (s[d] == '.' || s[d] == ')') && (i == 0 || s[d] == ')')) {
		d++;
		if (d == n)
			return d;
		if (is_ws((unsigned char)s[d])) {
			while (d < n && is_ws((unsigned char)s[d]))
				d++;
			return d;
		}
		return 0;
	}
	/* Every bullet begins with one of these bytes; most lines begin with
	 * none and need not be compared with each bullet. */
	if (!n || !memchr("-*\xC2\xE2\xEF", s[0], 5))
		return 0;
	static const char *const bullets[] = {"-", "*", "\xE2\x80\xA2", "\xC2\xB7", "\xE2\x97\x8F",
	                                      "\xE2\x96\xAA", "\xE2\x80\x93", "\xE2\x97\xA6",
	                                      "\xEF\x82\xB7", "\xE2\x96\xA0", NULL};
	for (size_t b = 0; bullets[b]; b++) {
		size_t w = strlen(bullets[b]);
		if (n > w && memcmp(s, bullets[b], w) == 0 && is_ws((unsigned char)s[w])) {
			while (w < n && is_ws((unsigned char)s[w]))
				w++;
			return w;
		}
	}
	return 0;
}

static void field_null(igf_parser *p, const char *name)
{
	json_object_set_new_nocheck(igt_doc_fields(p->doc), name, json_null());
}

static json_t *jstr(igf_parser *p, range r)
{
	return r.s && r.n ? igt_doc_json_string(p->doc, r.s, r.n) : json_null();
}

/* One person of a K_PEOPLE answer: added to people and to the array. */
static void add_person(igf_parser *p, json_t *arr, const char *role, const char *s, size_t n)
{
	person_parts pp;
	split_person(s, n, &pp);
	if (!pp.name.n && !pp.affiliation.n)
		return;
	igt_name nm;
	igt_name_parse(&nm, pp.name.s ? pp.name.s : "", pp.name.n);
	/* The setters copy and repair UTF-8; the name part as written needs a
	 * NUL-terminated copy. */
	igt_buf_reset(&p->scratch);
	igt_buf_add(&p->scratch, pp.name.s ? pp.name.s : "", pp.name.n);
	char rolebuf[48];
	if (pp.role.n) {
		size_t r = pp.role.n < sizeof(rolebuf) - 1 ? pp.role.n : sizeof(rolebuf) - 1;
		for (size_t i = 0; i < r; i++)
			rolebuf[i] = (char)lower((unsigned char)pp.role.s[i]);
		rolebuf[r] = '\0';
		role = rolebuf;
	}
	igt_person *person =
	    igt_doc_add_person(p->doc, nm.name, pp.name.n ? p->scratch.data : NULL);
	if (nm.honorific)
		igt_person_set(p->doc, person, IGT_PERSON_HONORIFIC, nm.honorific);
	json_t *o = json_object();
	json_t *position = jstr(p, pp.position), *affiliation = jstr(p, pp.affiliation);
	json_object_set_new_nocheck(
	    o, "name", nm.name ? igt_doc_json_string(p->doc, nm.name, (size_t)-1) : json_null());
	json_object_set_new_nocheck(o, "as_written", jstr(p, pp.name));
	json_object_set_new_nocheck(
	    o, "honorific",
	    nm.honorific ? igt_doc_json_string(p->doc, nm.honorific, (size_t)-1) : json_null());
	json_object_set_new_nocheck(o, "position", position);
	json_object_set_new_nocheck(o, "affiliation", affiliation);
	json_object_set_new_nocheck(o, "gender", jstr(p, pp.gender));
	json_object_set_new_nocheck(o, "note", jstr(p, pp.note));
	json_object_set_new_nocheck(
	    o, "role", pp.role.n ? igt_doc_json_string(p->doc, role, (size_t)-1) : json_null());
	json_array_append_new(arr, o);
	/* person attributes take C strings: reuse the JSON copies (o holds
	 * them, so they live as long as the document). */
	if (json_is_string(affiliation))
		igt_person_set(p->doc, person, IGT_PERSON_AFFILIATION,
		               json_string_value(affiliation));
	if (json_is_string(position))
		igt_person_set(p->doc, person, IGT_PERSON_POSITION, json_string_value(position));
	igt_person_add_role(p->doc, person, role);
	igt_name_clear(&nm);
}

/* Where one person ends and the next begins at s[i]: the length of the
 * separator, or 0. Always at ';'; for the name-only questions (chair,
 * rapporteurs) also at ',', ' and ', ' & ' before an honorific, since
 * there a comma cannot introduce a position. */
static size_t person_break(int names_only, const char *s, size_t n, size_t i)
{
	if (s[i] == ';')
		return 1;
	if (!names_only)
		return 0;
	if (s[i] == ',') {
		size_t j = i + 1;
		while (j < n && s[j] == ' ')
			j++;
		return starts_with_honorific(s + j, n - j) ? j - i : 0;
	}
	if (s[i] == ' ' && starts_ci(s + i, n - i, " and ") &&
	    starts_with_honorific(s + i + 5, n - i - 5))
		return 5;
	if (s[i] == ' ' && starts_ci(s + i, n - i, " & ") &&
	    starts_with_honorific(s + i + 3, n - i - 3))
		return 3;
	return 0;
}

/* Answers that give nobody, by their letters and '/' only: "N/A", "n.
 * a.", "TBD.", "See above", "Speakers:". */
static const char *const nobody_list[] = {
	"chairperson", "cochair", "comoderator", "listofspeakers", "n/a", "nil", "none",
	"notapplicable", "panelists", "panellists", "sameasabove", "seeabove", "speakers", "tbc",
	"tbd", "tobeconfirmed", "tobedetermined",
};
static const wordlist nobody_words = WORDLIST(nobody_list);

/* An answer that gives nobody: "N/A", "TBD", "None", "See above", or a
 * heading of the list ("Speakers:"). */
static int no_person(const char *s, size_t n)
{
	/* More letters than the longest word of these lists has: a text with
	 * more is somebody, as most are (a name and an affiliation), and is
	 * not read to its end. */
	char k[16];
	size_t m = 0;
	int lower_case = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!is_alpha(c) && c != '/')
			continue;
		if (m + 1 >= sizeof(k))
			return 0;
		lower_case |= c >= 'a';
		k[m++] = (char)lower(c);
	}
	if (!m)
		return memchr(s, '-', n) != NULL; /* "-", "--" */
	if (m == 2 && k[0] == 'n' && k[1] == 'a')
		return memchr(s, '.', n) || !lower_case; /* "n.a.", "NA"; "Na" is a name */
	if (in_list(k, m, &nobody_words))
		return 1;
	/* A role with no one after it ("Moderator -", "Chairs:"). */
	return in_list(k, m, &role_words) ||
	       (m > 1 && k[m - 1] == 's' && in_list(k, m - 1, &role_words));
}

static void people_line(igf_parser *p, json_t *arr, const fdef *f, const char *s, size_t n)
{
	size_t m = list_marker(s, n);
	s += m;
	n -= m;
	if (no_person(s, n))
		return;
	int names_only = strcmp(f->name, "speakers") != 0;
	size_t a = 0;
	for (size_t i = 0; i <= n; i++) {
		if (!names_only) {
			/* Only a ';' parts speakers: go straight to the next. */
			const char *semi = memchr(s + i, ';', n - i);
			i = semi ? (size_t)(semi - s) : n;
		}
		size_t b = i == n ? 1 : person_break(names_only, s, n, i);
		if (!b)
			continue;
		const char *piece = s + a;
		size_t len = i - a;
		trim(&piece, &len);
		/* A piece that is the whole line was asked about above. */
		if (len && ((piece == s && len == n) || !no_person(piece, len)))
			add_person(p, arr, f->extra, piece, len);
		a = i + b;
		i = a - 1;
	}
}

static json_t *list_answer(igf_parser *p, const fdef *f)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < p->nlines; i++) {
		if (!p->lines[i].len)
			continue;
		const char *s = p->text.data + p->lines[i].off;
		size_t n = p->lines[i].len;
		if (f->kind == K_PEOPLE) {
			people_line(p, arr, f, s, n);
			continue;
		}
		size_t m = list_marker(s, n);
		s += m;
		n -= m;
		/* Organisers are often given as "A; B" on one line. */
		const char *sep = strcmp(f->name, "organisers") == 0 ? memchr(s, ';', n) : NULL;
		while (sep) {
			const char *item = s;
			size_t len = (size_t)(sep - s);
			trim(&item, &len);
			if (len)
				json_array_append_new(arr, igt_doc_json_string(p->doc, item, len));
			n -= (size_t)(sep - s) + 1;
			s = sep + 1;
			sep = memchr(s, ';', n);
		}
		trim(&s, &n);
		if (n)
			json_array_append_new(arr, igt_doc_json_string(p->doc, s, n));
	}
	if (f->kind == K_PEOPLE && json_array_size(arr) == 0) {
		json_decref(arr); /* "N/A", "TBD": nobody is named, as when unanswered */
		return json_null();
	}
	return arr;
}

/* Key messages, recommendations: one segment per item. With markers, an
 * item runs until the next marker or a blank line; text before the first
 * marker or after a blank line is a paragraph of the section. Without
 * markers, each line is an item. */
static void items_answer(igf_parser *p, const fdef *f)
{
	int marked = 0;
	for (size_t i = 0; i < p->nlines && !marked; i++)
		marked = p->lines[i].len &&
		         list_marker(p->text.data + p->lines[i].off, p->lines[i].len) != 0;
	int open = 0;
	uint64_t start = 0, end = 0;
	igt_buf_reset(&p->scratch);
	for (size_t i = 0; i <= p->nlines; i++) {
		int last = i == p->nlines;
		const char *s = last ? NULL : p->text.data + p->lines[i].off;
		size_t n = last ? 0 : p->lines[i].len;
		uint64_t at = last ? 0 : p->lines[i].at;
		size_t m = n ? list_marker(s, n) : 0;
		int new_item = m || (!marked && n);
		if (open && (!n || new_item)) {
			if (p->scratch.len)
				add_segment_span(p, f->extra, f->name, p->scratch.data,
				                 p->scratch.len, start, end - start);
			open = 0;
			igt_buf_reset(&p->scratch);
		}
		if (!n)
			continue;
		if (m) {
			/* The number or bullet is layout: the item's text follows it. */
			igt_doc_claim(p->doc, IGT_CLAIM_BOILERPLATE, at, m);
			s += m;
			n -= m;
			at += m;
		}
		if (new_item) {
			open = 1;
			if (n) {
				igt_buf_add(&p->scratch, s, n);
				start = at;
				end = at + n;
			}
			continue;
		}
		if (open) {
			if (p->scratch.len)
				igt_buf_add(&p->scratch, "\n", 1);
			else
				start = at;
			igt_buf_add(&p->scratch, s, n);
			end = at + n;
			continue;
		}
		add_segment(p, "paragraph", f->name, s, n, at);
	}
}

static void section_answer(igf_parser *p, const fdef *f)
{
	for (size_t i = 0; i < p->nlines; i++)
		if (p->lines[i].len)
			add_segment(p, "paragraph", f->name, p->text.data + p->lines[i].off,
			            p->lines[i].len, p->lines[i].at);
}

static void other_answer(igf_parser *p)
{
	json_t *o = json_object();
	json_object_set_new_nocheck(o, "label",
	                            igt_doc_json_string(p->doc, p->label.data, p->label.len));
	if (answer_lines(p)) {
		join_lines(p, "\n");
		json_object_set_new_nocheck(
		    o, "answer", igt_doc_json_string(p->doc, p->scratch.data, p->scratch.len));
		claim_answer(p);
	} else {
		json_object_set_new_nocheck(o, "answer", json_null());
	}
	json_array_append_new(p->other, o);
}

static void date_answer(igf_parser *p, int is_time)
{
	join_lines(p, " ");
	igt_date s, e;
	int amb = 0;
	int ok = parse_session_date(p->scratch.data, p->scratch.len, p->st->cfg->day_first, &s, &e,
	                            &amb);
	if (is_time) {
		json_object_set_new_nocheck(
		    igt_doc_fields(p->doc), "time",
		    igt_doc_json_string(p->doc, p->scratch.data, p->scratch.len));
		if (s.hour >= 0) {
			p->time = s;
			p->time_end = e;
			p->time_ok = 1;
		}
		return;
	}
	igt_doc_set(p->doc, IGT_DOC_DATE_TEXT, p->scratch.data, p->scratch.len);
	if (ok) {
		p->date = s;
		p->date_end = e;
	} else {
		igt_input_log(p->in, IGT_LOG_WARNING, "date not understood: '%.*s'; date is null",
		              (int)(p->scratch.len > 80 ? 80 : p->scratch.len), p->scratch.data);
	}
	if (amb)
		p->ambiguous = 1;
}

/* The answer of the current question is complete: store it. */
static void finish_question(igf_parser *p)
{
	if (p->qf == Q_NONE)
		return;
	int qf = p->qf;
	p->qf = Q_NONE;
	if (qf == Q_UNKNOWN) {
		other_answer(p);
		return;
	}
	const fdef *f = &fdefs[qf];
	json_t *fields = igt_doc_fields(p->doc);
	json_object_set_new_nocheck(p->labels, f->name,
	                            igt_doc_json_string(p->doc, p->label.data, p->label.len));
	if (!answer_lines(p)) {
		if (f->kind == K_DATE)
			p->has_date_q = 1;
		else if (f->kind == K_TIME)
			field_null(p, "time");
		else
			field_null(p, f->name);
		return;
	}
	switch (f->kind) {
	case K_TEXT:
	case K_LONGTEXT:
		join_lines(p, f->kind == K_TEXT ? " " : "\n");
		json_object_set_new_nocheck(
		    fields, f->name, igt_doc_json_string(p->doc, p->scratch.data, p->scratch.len));
		if (strcmp(f->name, "title") == 0)
			igt_doc_set(p->doc, IGT_DOC_TITLE, p->scratch.data, p->scratch.len);
		claim_answer(p);
		break;
	case K_LIST:
	case K_PEOPLE:
		json_object_set_new_nocheck(fields, f->name, list_answer(p, f));
		claim_answer(p);
		break;
	case K_COUNT:
		join_lines(p, " ");
		json_object_set_new_nocheck(fields, f->name,
		                            parse_count(p->doc, p->scratch.data, p->scratch.len));
		claim_answer(p);
		break;
	case K_DATE:
	case K_TIME:
		p->has_date_q |= f->kind == K_DATE;
		p->has_time_q |= f->kind == K_TIME;
		date_answer(p, f->kind == K_TIME);
		claim_answer(p);
		break;
	case K_SECTION:
		section_answer(p, f);
		break;
	case K_ITEMS:
		items_answer(p, f);
		break;
	}
}

/* Begin a question: its label (and inline answer, if any) is on this line. */
static void start_question(igf_parser *p, int qf, const char *label, size_t label_len,
                           uint64_t line_at, size_t line_len)
{
	finish_question(p);
	if (qf != Q_UNKNOWN) {
		uint64_t bit = 1ull << qf;
		/* A question asked twice (or a bullet that looks like one) must not
		 * overwrite the first answer. */
		if (p->seen & bit)
			qf = Q_UNKNOWN;
		p->seen |= bit;
	}
	p->qf = qf;
	igt_buf_reset(&p->label);
	igt_buf_add(&p->label, label, label_len);
	igt_doc_claim(p->doc, IGT_CLAIM_FIELD, line_at, line_len);
	igt_buf_reset(&p->text);
	p->nlines = 0;
	p->structured = 1;
	if (qf != Q_UNKNOWN && fdefs[qf].report)
		p->report_q = 1;
	grow_doc(p, line_at, line_len);
}

static void add_answer_line(igf_parser *p, const char *s, size_t n, uint64_t at)
{
	if (p->nlines == p->caplines) {
		p->caplines = p->caplines ? p->caplines * 2 : 64;
		aline *l = realloc(p->lines, p->caplines * sizeof(*l));
		if (!l)
			abort();
		p->lines = l;
	}
	p->lines[p->nlines].off = p->text.len;
	p->lines[p->nlines].len = n;
	p->lines[p->nlines].at = at;
	p->nlines++;
	if (n) {
		igt_buf_add(&p->text, s, n);
		grow_doc(p, at, n);
	}
}

/* ---- recognising lines ---- */

typedef struct qline {
	int field;
	const char *label;
	size_t label_len;
	const char *inl; /* inline answer, or NULL */
	size_t inl_len;
	int dashed;
} qline;

/* The first colon outside brackets followed by white space or the end. */
static size_t label_colon(const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n);
	if (!colon)
		return n; /* most lines: no need to look at brackets */
	/* Before the first bracket every colon is outside brackets: most
	 * colons are found without counting them. */
	const char *paren = memchr(s, '(', n), *square = memchr(s, '[', n);
	size_t bracket = paren ? (size_t)(paren - s) : n;
	if (square && (size_t)(square - s) < bracket)
		bracket = (size_t)(square - s);
	for (size_t i = (size_t)(colon - s); i < bracket;) {
		if (i + 1 == n || is_ws((unsigned char)s[i + 1]))
			return i;
		colon = memchr(s + i + 1, ':', n - i - 1);
		i = colon ? (size_t)(colon - s) : n;
	}
	int depth = 0;
	for (size_t i = bracket; i < n; i++) {
		char c = s[i];
		if (c == '(' || c == '[')
			depth++;
		else if ((c == ')' || c == ']') && depth > 0)
			depth--;
		else if (c == ':' && !depth && (i + 1 == n || is_ws((unsigned char)s[i + 1])))
			return i;
	}
	return n;
}

/* A hash of s, eight bytes a step (labels are hashed on every question),
 * mixed at the end as MurmurHash3 does so that its low bits, which pick
 * the slot, depend on every byte. */
static uint64_t text_hash(const char *s, size_t n)
{
	uint64_t h = n, w;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0x9E3779B97F4A7C15ull;
		h ^= h >> 32;
	}
	if (i < n) {
		w = 0;
		memcpy(&w, s + i, n - i);
		h = (h ^ w) * 0x9E3779B97F4A7C15ull;
	}
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDull;
	h ^= h >> 33;
	h *= 0xC4CEB9FE1A85EC53ull;
	return h ^ h >> 33;
}

static int match_field(const igf_state *st, const char *s, size_t n)
{
	field_memo *pair = NULL;
	if (n > 0 && n <= FIELD_MEMO_TEXT) {
		pair = &st->memo[text_hash(s, n) % (FIELD_MEMO_SLOTS / 2) * 2];
		for (int k = 0; k < 2; k++)
			if (pair[k].len == n && memcmp(pair[k].text, s, n) == 0)
				return pair[k].field;
	}
	int field = Q_NONE;
	for (size_t f = 0; f < NFIELDS && field == Q_NONE; f++)
		if (re_match(st, st->field_re[f], s, n))
			field = (int)f;
	if (pair) {
		/* The newest answer goes first, the one it moves out second. */
		if (pair[0].len)
			pair[1] = pair[0];
		pair[0].len = (unsigned char)n;
		pair[0].field = (signed char)field;
		memcpy(pair[0].text, s, n);
	}
	return field;
}

/* Whether the question text ends like a question: ':' or '?', before an
 * optional "[100 words]" or "(…)". */
static int ends_like_question(const char *s, size_t n)
{
	while (n && (s[n - 1] == ']' || s[n - 1] == ')')) {
		char open = s[n - 1] == ']' ? '[' : '(';
		size_t j = n - 1;
		while (j > 0 && s[j] != open)
			j--;
		if (s[j] != open)
			break;
		n = j;
		while (n && is_ws((unsigned char)s[n - 1]))
			n--;
	}
	return n && (s[n - 1] == ':' || s[n - 1] == '?');
}

static void strip_label(const char **s, size_t *n)
{
	trim(s, n);
	while (*n && ((*s)[*n - 1] == ':'))
		(*n)--;
	trim(s, n);
}

static size_t count_words(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		if (!is_ws((unsigned char)s[i]) && (i == 0 || is_ws((unsigned char)s[i - 1])))
			w++;
	return w;
}

/* Whether the text reads as a question of the form: it ends with ':' or
 * '?' (before "[100 words]"), is an instruction ("Please …", "If there
 * were presentations …"), or has a question followed by an instruction. */
static int asks(const char *s, size_t n)
{
	if (ends_like_question(s, n) || starts_ci(s, n, "please ") || starts_ci(s, n, "if there "))
		return 1;
	/* "Who chaired the session? Please give the name." */
	for (const char *q = memchr(s, '?', n); q; q = memchr(q + 1, '?', n - (size_t)(q + 1 - s))) {
		const char *a = q + 1;
		size_t an = n - (size_t)(a - s);
		if (!an || !is_ws((unsigned char)a[0]))
			continue;
		trim(&a, &an);
		if (starts_ci(a, an, "please ") || starts_ci(a, an, "if so") ||
		    starts_ci(a, an, "if yes") || starts_ci(a, an, "if not"))
			return 1;
	}
	return 0;
}

#define QUESTION_END_MAX 400

/* Whether the text after a question's '?' or '.' reads as more of the
 * question (an instruction, another question, guidance in brackets)
 * rather than its answer. */
static int more_question(const char *s, size_t n)
{
	static const char *const verbs[] = {"please ", "if ", "describe", "explain", "list ",
	                                    "provide", "indicate", "include", "specify", "give ",
	                                    "name ", "state ", "elaborate", "summari", "note ",
	                                    "e.g.", "i.e.", "for example", NULL};
	if (!n || ends_like_question(s, n) || s[n - 1] == ')' || s[n - 1] == ']' || s[0] == '(' ||
	    s[0] == '[')
		return 1;
	for (int i = 0; verbs[i]; i++)
		if (starts_ci(s, n, verbs[i]))
			return 1;
	return 0;
}

/* Whether s[0..i] ends with guidance on length: "[100 words]". */
static int words_guidance(const char *s, size_t i)
{
	size_t j = i;
	while (j > 0 && s[j] != '[')
		j--;
	return s[j] == '[' && i - j < 24 && memmem(s + j, i - j, "word", 4) != NULL;
}

/* The first '?', '.' or ']' of s[from..end), or end. Every dashed line
 * without a colon is searched, most of them bullets of an answer: a
 * memchr for each, each stopping at the earliest found so far, costs
 * less than testing every byte. */
static size_t question_stop(const char *s, size_t from, size_t end)
{
	static const char stops[] = "?.]";
	for (size_t k = 0; k < 3; k++) {
		const char *hit = memchr(s + from, stops[k], end - from);
		if (hit)
			end = (size_t)(hit - s);
	}
	return end;
}

/* A dashed question without its colon and its answer on the same line:
 * "- To what extent did the session discuss gender equality? Not at
 * all", "- Please estimate the total number of participants. 45", "-
 * Please describe … next steps. [100 words] Fund local content." The
 * length of the question (to its '?', its "[100 words]", or for a count
 * its '.' before a short answer), or 0. */
static size_t question_end(const igf_state *st, const char *s, size_t n, int unknown_ok)
{
	/* Questions are short: a long line is not searched to its end (a
	 * pattern runs at each candidate). */
	size_t lim = n < QUESTION_END_MAX ? n : QUESTION_END_MAX;
	size_t end = lim > 2 ? lim - 2 : 0; /* a stop needs a blank and more after it */
	for (size_t i = question_stop(s, 0, end); i < end; i = question_stop(s, i + 1, end)) {
		char c = s[i];
		if (!is_ws((unsigned char)s[i + 1]))
			continue;
		if (c == ']' && !words_guidance(s, i))
			continue;
		const char *a = s + i + 1;
		size_t an = n - i - 1;
		trim(&a, &an);
		if (more_question(a, an))
			continue;
		/* A question the form asks (below); another only outside a list
		 * of items, whose bullets may hold a '?' ("- Is the Internet
		 * fragmented? Panelists disagreed."). */
		if (c == '?' && unknown_ok)
			return i + 1;
		/* A sentence of a bullet is no count's question when a longer
		 * one follows it: the patterns need not run on it. */
		if (c == '.' && count_words(a, an) > 6)
			continue;
		int f = match_field(st, s, i + 1);
		if (c == '.' && (f == Q_NONE || fdefs[f].kind != K_COUNT))
			continue;
		if (f != Q_NONE)
			return i + 1;
	}
	return 0;
}

/*
 * Is this line a question? Fills q when it is. A dashed line is a question
 * when its label matches a field and it looks like a label (a colon, a
 * question or instruction, or a few words without a full stop), or when
 * it asks something no pattern knows (fields.other). Without the dash, a
 * known label needs its colon (or must be an instruction). A field asked a
 * second time is only a question when it asks; otherwise the line is a
 * bullet of the answer that happens to match ("- The main recommendation").
 */
static int classify(igf_parser *p, const char *s, size_t n, qline *q)
{
	memset(q, 0, sizeof(*q));
	const char *body = s;
	size_t bn = n;
	if (n >= 2 && s[0] == '-' && (s[1] == ' ' || s[1] == '\t')) {
		q->dashed = 1;
		body += 2;
		bn -= 2;
	} else if (n >= 4 && memcmp(s, "\xE2\x80\x93", 3) == 0 && (s[3] == ' ' || s[3] == '\t')) {
		q->dashed = 1;
		body += 4;
		bn -= 4;
	}
	if (!q->dashed && p->mode == M_DASHED)
		return 0;
	trim(&body, &bn);
	if (!bn)
		return 0;
	size_t colon = label_colon(body, bn);
	size_t lab = colon;
	while (lab && is_ws((unsigned char)body[lab - 1]))
		lab--;
	int question = asks(body, bn);
	if (!q->dashed && colon == bn && !starts_ci(body, bn, "please ") &&
	    !starts_ci(body, bn, "if there "))
		return 0;
	int f = Q_NONE;
	if (colon < bn) {
		/* "Gender Reporting: Estimate the overall number of the participants
		 * present at the session: 30": the question follows a heading. */
		const char *r = body + colon + 1;
		size_t rn = bn - colon - 1;
		trim(&r, &rn);
		size_t c2 = label_colon(r, rn), l2 = c2;
		while (l2 && is_ws((unsigned char)r[l2 - 1]))
			l2--;
		if (c2 < rn && count_words(r, l2) >= 4 &&
		    (f = match_field(p->st, r, l2)) != Q_NONE) {
			colon = (size_t)(r - body) + c2;
			lab = (size_t)(r - body) + l2;
		}
	}
	size_t qend = 0;
	int in_items = p->qf >= 0 && p->qf < (int)NFIELDS && fdefs[p->qf].kind == K_ITEMS;
	if (colon == bn && q->dashed && (qend = question_end(p->st, body, bn, !in_items)) != 0) {
		/* The answer after the question, as after a colon. */
		colon = qend;
		lab = qend;
		question = 1;
	}
	if (f == Q_NONE)
		f = match_field(p->st, body, lab);
	if (f != Q_NONE) {
		int label_like = colon < bn || question ||
		                 (count_words(body, bn) <= 6 && body[bn - 1] != '.');
		if (!label_like || (!q->dashed && lab > UNDASHED_LABEL_MAX))
			return 0;
		if ((p->seen >> f & 1) && !question)
			return 0;
	}
	if (f != Q_NONE) {
		fkind k = fdefs[f].kind;
		int narrative = k == K_SECTION || k == K_ITEMS;
		q->field = f;
		if (colon < bn && (!narrative || lab <= INLINE_LABEL_MAX || qend)) {
			q->label = body;
			q->label_len = lab;
			const char *a = body + colon + 1;
			size_t an = bn - colon - 1;
			trim(&a, &an);
			if (an && ((a[0] == '(' && a[an - 1] == ')') ||
			           (a[0] == '[' && a[an - 1] == ']'))) {
				/* "…session: (3 paragraphs)" is guidance, part of the label. */
				q->label_len = bn;
				strip_label(&q->label, &q->label_len);
			} else if (an) {
				q->inl = a;
				q->inl_len = an;
			}
		} else {
			q->label = body;
			q->label_len = bn;
			strip_label(&q->label, &q->label_len);
		}
		return 1;
	}
	if (!q->dashed || (qend ? qend : bn) > UNKNOWN_LABEL_MAX || !question)
		return 0;
	q->field = Q_UNKNOWN;
	q->label = body;
	q->label_len = qend ? qend : bn;
	if (qend) {
		q->inl = body + qend;
		q->inl_len = bn - qend;
		trim(&q->inl, &q->inl_len);
	}
	strip_label(&q->label, &q->label_len);
	return 1;
}

/* ---- document boundaries and the session key ---- */

static int emit_doc(igf_parser *p, igt_doc *doc)
{
	json_object_set_new_nocheck(igt_doc_fields(doc), "session_key",
	                            p->key ? json_string_nocheck(p->key) : json_null());
	if (p->failed) {
		igt_doc_free(doc);
		return p->failed;
	}
	int rc = p->emit(doc, p->payload);
	if (rc)
		p->failed = rc;
	return rc;
}

static void flush_queue(igf_parser *p)
{
	for (size_t i = 0; i < p->nqueue; i++)
		emit_doc(p, p->queue[i]);
	p->nqueue = 0;
	p->pre = NULL;
}

/* A slug for the session key: lower-case ASCII letters and digits, other
 * ASCII and typographic punctuation as '-', other UTF-8 kept. */
static void slug(igt_buf *b, const char *s)
{
	int dash = 0;
	size_t start = b->len;
	for (size_t i = 0; s[i] && b->len - start < 160;) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || is_digit(c) || (c >= 'A' && c <= 'Z')) {
			if (dash && b->len > start)
				igt_buf_add(b, "-", 1);
			char l = (char)lower(c);
			igt_buf_add(b, &l, 1);
			dash = 0;
			i++;
		} else if (c < 0x80 || (c == 0xE2 && (unsigned char)s[i + 1] == 0x80)) {
			dash = 1;
			i += c < 0x80 ? 1 : 3;
		} else if (c == 0xC2 && (unsigned char)s[i + 1] == 0xA0) {
			dash = 1;
			i += 2;
		} else {
			if (dash && b->len > start)
				igt_buf_add(b, "-", 1);
			size_t w = 1;
			while (s[i + w] && ((unsigned char)s[i + w] & 0xC0) == 0x80)
				w++;
			igt_buf_add(b, s + i, w);
			dash = 0;
			i += w;
		}
	}
}

static void make_key(igf_parser *p, igt_doc *doc)
{
	const char *title = igt_doc_get(doc, IGT_DOC_TITLE);
	if (!title)
		return;
	const char *event = igt_doc_get(doc, IGT_DOC_EVENT);
	igt_buf b = {0};
	if (event) {
		slug(&b, event);
		igt_buf_add(&b, "/", 1);
	}
	slug(&b, title);
	/* The buffer itself, not igt_buf_take: an empty slug leaves it NULL,
	 * which means no key. */
	p->key = b.data;
	p->key_known = 1;
}

static void inherit(igt_doc *to, igt_doc *from)
{
	static const igt_doc_attr attrs[] = {IGT_DOC_TITLE, IGT_DOC_EVENT};
	for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		if (!igt_doc_get(to, attrs[i]) && igt_doc_get(from, attrs[i]))
			igt_doc_set(to, attrs[i], igt_doc_get(from, attrs[i]), (size_t)-1);
	if (!igt_doc_get(to, IGT_DOC_DATE) && !igt_doc_get(to, IGT_DOC_DATE_TEXT)) {
		igt_doc_set(to, IGT_DOC_DATE, igt_doc_get(from, IGT_DOC_DATE), (size_t)-1);
		igt_doc_set(to, IGT_DOC_DATE_TEXT, igt_doc_get(from, IGT_DOC_DATE_TEXT),
		            (size_t)-1);
	}
	json_t *ef = json_object_get(igt_doc_fields(from), "event_from");
	if (ef && !json_object_get(igt_doc_fields(to), "event_from"))
		json_object_set_new_nocheck(igt_doc_fields(to), "event_from",
		                            json_is_string(ef) ? json_string_nocheck("report")
		                                               : json_null());
}

/* Dates, event and bookkeeping fields of the finished document. */
static void finalize_doc(igf_parser *p)
{
	json_t *fields = igt_doc_fields(p->doc);
	igt_date *d = &p->date, *e = &p->date_end;
	if (p->time_ok && d->year && d->hour < 0) {
		d->hour = p->time.hour;
		d->minute = p->time.minute;
		d->has_zone = p->time.has_zone;
		d->zone_minutes = p->time.zone_minutes;
		if (p->time_end.hour >= 0) {
			*e = *d;
			e->hour = p->time_end.hour;
			e->minute = p->time_end.minute;
		}
	}
	char iso[40];
	if (d->year && igt_date_format(d, iso, sizeof(iso)))
		igt_doc_set(p->doc, IGT_DOC_DATE, iso, (size_t)-1);
	if (p->has_date_q || p->has_time_q)
		json_object_set_new_nocheck(fields, "date_end",
		                            (e->hour >= 0 || e->day) && d->day &&
		                                    igt_date_format(e, iso, sizeof(iso))
		                                ? json_string_nocheck(iso)
		                                : json_null());
	if (p->ambiguous)
		json_object_set_new_nocheck(fields, "date_ambiguous", json_true());
	char event[16];
	if (p->heading_year) {
		snprintf(event, sizeof(event), "IGF %d", p->heading_year);
		igt_doc_set(p->doc, IGT_DOC_EVENT, event, (size_t)-1);
		json_object_set_new_nocheck(fields, "event_from", json_string_nocheck("heading"));
	} else if (p->st->cfg->event_from_date && d->year && p->dkind == D_REPORT) {
		snprintf(event, sizeof(event), "IGF %d", d->year);
		igt_doc_set(p->doc, IGT_DOC_EVENT, event, (size_t)-1);
		json_object_set_new_nocheck(fields, "event_from", json_string_nocheck("date"));
	}
	if (p->dkind == D_REPORT)
		json_object_set_new_nocheck(
		    fields, "report", p->report ? json_string_nocheck(p->report) : json_null());
	json_object_set_new_nocheck(fields, "labels", p->labels);
	json_object_set_new_nocheck(fields, "other", p->other);
	p->labels = p->other = NULL;
	igt_doc_set_source_span(p->doc, p->dstart, p->dend - p->dstart);
}

/* A preamble that holds nothing: the file began with a question. */
static int empty_preamble(const igf_parser *p)
{
	size_t claims = igt_doc_claim_count(p->doc);
	return p->dkind == D_PRE && igt_doc_segment_count(p->doc) == 0 &&
	       (claims == 0 || (claims == 1 && p->bom_doc == p->doc));
}

static void finish_doc(igf_parser *p, int at_end)
{
	finish_question(p);
	if (!p->doc)
		return;
	if (empty_preamble(p)) {
		p->bom = p->bom_doc == p->doc;
		p->bom_doc = NULL;
		json_decref(p->labels);
		json_decref(p->other);
		p->labels = p->other = NULL;
		igt_doc_free(p->doc);
		p->doc = NULL;
		return;
	}
	if (p->dkind == D_PRE && at_end && !p->reports) {
		if (p->report_q) {
			/* A form without a Long/Short Report heading (the 2015 and 2016
			 * templates) that asks what only reports ask. */
			p->dkind = D_REPORT;
			igt_doc_set(p->doc, IGT_DOC_KIND, "report", (size_t)-1);
			p->reports++;
		} else if (!p->structured) {
			igt_input_log(p->in, IGT_LOG_WARNING,
			              "no IGF report form found (no report heading, no known "
			              "question); the text is kept as paragraphs");
			igt_doc_set(p->doc, IGT_DOC_KIND, "text", (size_t)-1);
		}
	}
	finalize_doc(p);
	igt_doc *doc = p->doc;
	int kind = p->dkind;
	p->doc = NULL;
	if (kind == D_REPORT && !p->first_report_done) {
		p->first_report_done = 1;
		if (p->pre)
			inherit(p->pre, doc);
	}
	if (!p->key_known) {
		if (p->pre && p->first_report_done)
			make_key(p, p->pre);
		if (!p->key_known && kind == D_REPORT)
			make_key(p, doc);
	}
	if (p->nqueue == p->capqueue) {
		p->capqueue = p->capqueue ? p->capqueue * 2 : 4;
		igt_doc **q = realloc(p->queue, p->capqueue * sizeof(*q));
		if (!q)
			abort();
		p->queue = q;
	}
	p->queue[p->nqueue++] = doc;
	if (kind == D_PRE)
		p->pre = doc;
	if (p->key_known && p->first_report_done)
		flush_queue(p);
}

static void put_pending_heading(igf_parser *p)
{
	if (!p->has_pend)
		return;
	p->has_pend = 0;
	if (p->pend_answer) {
		p->pend_answer = 0;
		add_answer_line(p, p->pend.data, p->pend.len, p->pend_at);
		return;
	}
	add_segment(p, "heading", NULL, p->pend.data, p->pend.len, p->pend_at);
	grow_doc(p, p->pend_at, p->pend.len);
}

static void start_report(igf_parser *p, uint64_t at, const char *report, int year)
{
	finish_doc(p, 0);
	new_doc(p, D_REPORT, p->has_pend ? p->pend_at : at);
	p->report = report;
	p->heading_year = year;
	p->reports++;
	put_pending_heading(p);
}

/* A line of text outside any question. */
static void loose_line(igf_parser *p, const char *s, size_t n, uint64_t at)
{
	if (p->dkind == D_REPORT && !p->warned_loose) {
		p->warned_loose = 1;
		igt_input_log(p->in, IGT_LOG_WARNING,
		              "text outside any question in a report; kept as paragraphs");
	}
	add_segment(p, "paragraph", NULL, s, n, at);
	grow_doc(p, at, n);
}

/* Whether the line ends with "report" or "reports", before an optional
 * colon: a cheap test before the heading patterns, which would otherwise
 * run on every short line. */
static int ends_with_report(const char *s, size_t n)
{
	while (n && (s[n - 1] == ':' || s[n - 1] == ' '))
		n--;
	if (n && lower((unsigned char)s[n - 1]) == 's')
		n--;
	return n >= 6 && eq_ci(s + n - 6, 6, "report");
}

static int report_heading(igf_parser *p, const char *s, size_t n, const char **report, int *year)
{
	if (n > 60 || !ends_with_report(s, n) || !re_match(p->st, p->st->heading_re, s, n))
		return 0;
	size_t at = 0, len = re_group(p->st, 1, &at);
	*year = 0;
	for (size_t i = 0; len == 4 && i < 4; i++)
		*year = *year * 10 + (s[at + i] - '0');
	len = re_group(p->st, 2, &at);
	*report = lower((unsigned char)s[at]) == 'l' ? "long" : "short";
	return 1;
}

static void ensure_doc(igf_parser *p, uint64_t at)
{
	if (!p->doc)
		new_doc(p, D_PRE, at);
}

static void handle_line(igf_parser *p, const char *s, size_t n, uint64_t at)
{
	const char *report;
	int year;
	/* A lone "Report" at the end of an answer heads the reports only when a
	 * report heading follows it at once; otherwise it is answer text. */
	if (p->has_pend && p->pend_answer && !(n && report_heading(p, s, n, &report, &year)))
		put_pending_heading(p);
	if (!n) {
		if (p->qf != Q_NONE)
			add_answer_line(p, NULL, 0, at);
		return;
	}
	if (report_heading(p, s, n, &report, &year)) {
		p->pend_answer = 0; /* the lone "Report" is this report's heading */
		start_report(p, at, report, year);
		add_segment(p, "heading", NULL, s, n, at);
		grow_doc(p, at, n);
		p->structured = 1;
		return;
	}
	if (n <= 20 && ends_with_report(s, n) && re_match(p->st, p->st->report_re, s, n)) {
		/* A lone "Report" heads the reports when a report heading follows. */
		if (p->has_pend) {
			ensure_doc(p, p->pend_at);
			put_pending_heading(p);
		}
		p->pend_answer = p->qf != Q_NONE && p->mode == M_DASHED;
		if (!p->pend_answer)
			finish_question(p);
		igt_buf_reset(&p->pend);
		igt_buf_add(&p->pend, s, n);
		p->pend_at = at;
		p->has_pend = 1;
		return;
	}
	ensure_doc(p, p->has_pend ? p->pend_at : at);
	put_pending_heading(p);
	if (p->dkind == D_PRE && igt_doc_segment_count(p->doc) == 0 && p->qf == Q_NONE &&
	    n <= 30 && re_match(p->st, p->st->session_re, s, n)) {
		add_segment(p, "heading", NULL, s, n, at);
		grow_doc(p, at, n);
		return;
	}
	qline q;
	if (classify(p, s, n, &q)) {
		if (p->dkind == D_PRE && q.dashed && q.field != Q_UNKNOWN) {
			/* A form without a report heading: the report starts here. */
			start_report(p, at, NULL, 0);
		}
		if (p->mode == M_ANY)
			p->mode = q.dashed ? M_DASHED : M_PLAIN;
		start_question(p, q.field, q.label, q.label_len, at, n);
		if (q.inl)
			add_answer_line(p, q.inl, q.inl_len, at + (uint64_t)(q.inl - s));
		/* Without dashes, only the label line marks a question, so an
		 * inline answer is the whole answer. */
		if (!q.dashed && q.inl)
			finish_question(p);
		return;
	}
	if (p->qf != Q_NONE)
		add_answer_line(p, s, n, at);
	else
		loose_line(p, s, n, at);
}

static void parser_free(igf_parser *p)
{
	if (p->doc)
		igt_doc_free(p->doc);
	json_decref(p->other);
	json_decref(p->labels);
	for (size_t i = 0; i < p->nqueue; i++)
		igt_doc_free(p->queue[i]);
	free(p->queue);
	igt_buf_free(&p->label);
	igt_buf_free(&p->text);
	free(p->lines);
	igt_buf_free(&p->scratch);
	igt_buf_free(&p->pend);
	free(p->key);
}

static int igf_parse(void *state, igt_input *in, igt_emit_fn emit, void *payload)
{
	igf_parser p = {.st = state, .in = in, .emit = emit, .payload = payload, .qf = Q_NONE};
	igt_line line;
	int rc;
	while ((rc = igt_input_getline(in, &line)) == 1) {
		const char *s = line.text;
		size_t n = line.len - line.eol;
		if (memchr(s, '\0', n)) {
			igt_input_log(in, IGT_LOG_ERROR,
			              "binary data (a NUL byte): not text; nothing imported");
			parser_free(&p);
			return IGT_EBADINPUT;
		}
		if (line.number == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			/* The byte order mark says nothing about the text. */
			p.bom = 1;
			s += 3;
			n -= 3;
		}
		const char *t = s;
		size_t tn = n;
		trim(&t, &tn);
		handle_line(&p, t, tn, line.offset + (uint64_t)(t - line.text));
		if (p.failed)
			break;
	}
	if (p.failed) {
		rc = p.failed;
		parser_free(&p);
		return rc;
	}
	if (p.has_pend) {
		ensure_doc(&p, p.pend_at);
		put_pending_heading(&p);
	}
	if (!p.doc && !p.nqueue) {
		parser_free(&p);
		if (rc < 0)
			return rc;
		igt_input_log(in, IGT_LOG_ERROR, "only white space; nothing to import");
		return IGT_EBADINPUT;
	}
	if (rc < 0 && p.doc)
		json_object_set_new_nocheck(igt_doc_fields(p.doc), "incomplete", json_true());
	finish_doc(&p, 1);
	for (size_t i = 0; i < p.nqueue && !p.key_known; i++)
		make_key(&p, p.queue[i]);
	flush_queue(&p);
	int erc = p.failed;
	parser_free(&p);
	return erc ? erc : rc < 0 ? rc : 0;
}

/* ---- detection ---- */

typedef struct mark {
	const char *text; /* lower case */
	int line_start;   /* must begin a line (after spaces and "- ") */
	int weight;
} mark;

static const mark marks[] = {
	{"long report", 1, 50},
	{"short report", 1, 50},
	{"session type", 1, 50},
	{"rapporteur/notetaker", 0, 25},
	{"rapporteur/note taker", 0, 25},
	{"sub-theme description", 1, 25},
	{"chair/moderator", 1, 20},
	{"organizer(s)", 1, 15},
	{"list of speakers and their institutional affiliations", 1, 20},
	{"key messages of the discussion", 0, 25},
	{"please estimate the total number of participants", 1, 25},
	{"reporting template for igf workshop sessions", 1, 50},
	{"chairperson/moderator", 1, 20},
	{"key issues raised", 1, 20},
};

/* Whether position i of head starts a line, ignoring spaces, a dash and
 * an "IGF 2018 " before it. */
static int at_line_start(const unsigned char *h, size_t i)
{
	size_t j = i;
	while (j > 0 && (h[j - 1] == ' ' || h[j - 1] == '\t'))
		j--;
	if (j >= 4 && is_digit(h[j - 1]) && is_digit(h[j - 4]) && j >= 8 &&
	    starts_ci((const char *)h + j - 8, 3, "igf")) {
		j -= 8; /* "IGF 2018 Long Report" */
		while (j > 0 && (h[j - 1] == ' ' || h[j - 1] == '\t'))
			j--;
	}
	if (j > 0 && h[j - 1] == '-') {
		j--;
		while (j > 0 && (h[j - 1] == ' ' || h[j - 1] == '\t'))
			j--;
	}
	return j == 0 || h[j - 1] == '\n' || (j == 3 && h[0] == 0xEF);
}

/* head in lower case (ASCII letters only) into low, eight bytes at a
 * time: a byte at a time, this was most of the cost of detecting the
 * format of a small file. */
static void lower_copy(char *low, const unsigned char *head, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t x;
		memcpy(&x, head + i, 8);
		/* per byte, bit 7 of low7 + 0x3F is low7 >= 'A', of low7 + 0x25
		 * low7 > 'Z'; a byte with bit 7 set is no ASCII letter */
		uint64_t low7 = x & ~high;
		uint64_t upper = (low7 + ones * (0x80 - 'A')) & ~(low7 + ones * (0x7F - 'Z')) & ~x & high;
		x |= upper >> 2; /* 0x80 >> 2 is the 0x20 between 'A' and 'a' */
		memcpy(low + i, &x, 8);
	}
	for (; i < len; i++)
		low[i] = (char)lower(head[i]);
}

/* Detection runs on every input whatever its format, so the head is
 * lower-cased once and each mark found with memmem, instead of comparing
 * case-insensitively at every byte for every mark (find_ci). Only ASCII
 * letters change case, as in find_ci, so the hits are the same. */
static int igf_score(const unsigned char *head, size_t len)
{
	if (memchr(head, '\0', len))
		return 0;
	char small[4096];
	char *low = len <= sizeof(small) ? small : malloc(len);
	if (!low)
		abort();
	lower_copy(low, head, len);
	int score = 0;
	for (size_t m = 0; m < sizeof(marks) / sizeof(marks[0]); m++) {
		const char *s = low;
		size_t n = len, w = strlen(marks[m].text);
		for (const char *hit; (hit = memmem(s, n, marks[m].text, w));) {
			size_t i = (size_t)(hit - low);
			if (!marks[m].line_start || at_line_start(head, i)) {
				score += marks[m].weight;
				break;
			}
			n -= (size_t)(hit + 1 - s);
			s = hit + 1;
		}
	}
	if (low != small)
		free(low);
	return score > 95 ? 95 : score;
}

/* ---- instance ---- */

static void igf_close(void *state)
{
	igf_state *st = state;
	if (!st)
		return;
	for (size_t i = 0; i < NFIELDS; i++)
		pcre2_code_free(st->field_re[i]);
	pcre2_code_free(st->heading_re);
	pcre2_code_free(st->report_re);
	pcre2_code_free(st->session_re);
	pcre2_match_data_free(st->md);
	free(st->memo);
	free(st);
}

static int igf_open(void **state, const void *config, igt_host *host)
{
	igf_state *st = calloc(1, sizeof(*st));
	if (!st)
		abort();
	st->cfg = config;
	st->jit = true;
	if (!(st->memo = calloc(FIELD_MEMO_SLOTS, sizeof(*st->memo))))
		abort();
	int ok = 1;
	for (size_t i = 0; i < NFIELDS; i++)
		ok &= (st->field_re[i] = compile(fdefs[i].pattern, host, &st->jit)) != NULL;
	ok &= (st->heading_re = compile("^(?:IGF\\s*(\\d{4})\\s*(?:-|:|\\xE2\\x80\\x93)?\\s*)?"
	                                "(long|short)\\s+report\\s*:?$",
	                                host, &st->jit)) != NULL;
	ok &= (st->report_re = compile("^(?:session\\s+)?reports?:?$", host, &st->jit)) != NULL;
	ok &= (st->session_re = compile("^session(?:\\s+description)?:?$", host, &st->jit)) != NULL;
	st->md = pcre2_match_data_create(4, NULL);
	if (!ok || !st->md) {
		igf_close(st);
		return IGT_EGENERIC;
	}
	*state = st;
	return 0;
}

IGT_PLUGIN_DEFINE(igf_report) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "igf-report",
	.version = "1.0",
	.summary = "IGF session report forms: session description, Long and Short Report",
	.kind = IGT_FORMAT,
	.options = igf_options,
	.config_size = sizeof(igf_config),
	.open = igf_open,
	.close = igf_close,
	.op.format = {.score = igf_score, .parse = igf_parse},
};
