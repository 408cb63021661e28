/* SPDX-License-Identifier: MIT */
/*
 * Reading the numbers in a report form's answers to "how many
 * participants / women": what each number counts, from the words around
 * it ("100 participants, 40 women", "Women: 40", "45 (20 women)"), whether
 * it is a percentage, one end of a range ("80-100") or an estimate
 * ("about", "more than"). The plugin then takes a count only when exactly
 * one number of the answer can be it: two unlabelled numbers ("60 on site
 * and 25 online" is read as two parts) or a range give nothing rather
 * than a guess. English only; number words ("about fifty") are not read.
 */
#include <string.h>

#include "participation.h"

typedef enum tok_kind { T_WORD, T_NUM, T_PUNCT } tok_kind;

typedef struct token {
	tok_kind kind;
	char word[24]; /* T_WORD: lower case, "'s" dropped, truncated */
	char punct;    /* T_PUNCT: the character, dashes as '-' */
	double value;  /* T_NUM */
	bool integral;
} token;

#define MAX_TOKENS 256

static bool is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static bool is_ascii_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Length of a Unicode space at p (no-break, the U+2000 spaces, narrow
 * no-break, ideographic), 0 when there is none. */
static size_t unicode_space(const unsigned char *p, const unsigned char *end)
{
	if (end - p >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
		return 2;
	if (end - p >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8A || p[2] == 0xAF))
		return 3;
	if (end - p >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
		return 3;
	return 0;
}

/* Length of a non-ASCII punctuation mark at p (Latin-1 punctuation, the
 * General Punctuation block: quotes and dashes, CJK punctuation, the
 * fullwidth brackets and tilde), 0 for anything else, which is read as a
 * letter. */
static size_t unicode_punct(const unsigned char *p, const unsigned char *end)
{
	if (end - p >= 2 && p[0] == 0xC2 && p[1] >= 0xA1 && p[1] <= 0xBF)
		return 2;
	if (end - p < 3)
		return 0;
	if (p[0] == 0xE2 && ((p[1] == 0x80 && p[2] >= 0x8B) || (p[1] == 0x81 && p[2] <= 0xAF)))
		return 3;
	if (p[0] == 0xE3 && p[1] == 0x80 && p[2] >= 0x81)
		return 3;
	if (p[0] == 0xEF && p[1] == 0xBC && (p[2] == 0x88 || p[2] == 0x89))
		return 3;
	if (p[0] == 0xEF && p[1] == 0xBD && p[2] == 0x9E)
		return 3;
	return 0;
}

/* A number at s: digits with optional ",ddd" groups and decimals. */
static size_t read_number(const unsigned char *s, const unsigned char *end, token *t)
{
	const unsigned char *p = s;
	double v = 0;
	for (;;) {
		while (p < end && is_digit(*p))
			v = v * 10 + (*p++ - '0');
		/* "1,200": a comma followed by exactly three digits */
		if (end - p >= 4 && *p == ',' && is_digit(p[1]) && is_digit(p[2]) &&
		    is_digit(p[3]) && (end - p == 4 || !is_digit(p[4])))
			p++;
		else
			break;
	}
	t->kind = T_NUM;
	t->integral = true;
	if (end - p >= 2 && *p == '.' && is_digit(p[1])) {
		double scale = 0.1;
		for (p++; p < end && is_digit(*p); p++, scale /= 10)
			v += (*p - '0') * scale;
		t->integral = false;
	}
	t->value = v;
	return (size_t)(p - s);
}

/* A word at s: letters (non-ASCII characters other than punctuation
 * count as letters), inner hyphens, apostrophes and digits. */
static size_t read_word(const unsigned char *s, const unsigned char *end, token *t)
{
	const unsigned char *p = s;
	size_t n = 0;
	while (p < end) {
		unsigned char c = *p;
		if (c >= 0x80 && unicode_punct(p, end)) {
			/* ’ (E2 80 99) inside a word, as in women’s */
			if (c == 0xE2 && end - p >= 4 && p[1] == 0x80 && p[2] == 0x99 &&
			    is_alpha(p[3])) {
				p += 3;
				if (n < sizeof(t->word) - 1)
					t->word[n++] = '\'';
				continue;
			}
			break;
		}
		bool inner = (c == '-' || c == '\'') && p + 1 < end && is_alpha(p[1]);
		if (!is_alpha(c) && !is_digit(c) && !inner)
			break;
		if (n < sizeof(t->word) - 1)
			t->word[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		p++;
	}
	if (n >= 2 && t->word[n - 2] == '\'' && t->word[n - 1] == 's')
		n -= 2;
	t->word[n] = '\0';
	t->kind = T_WORD;
	return (size_t)(p - s);
}

/* Punctuation as one byte: dashes as '-', the fullwidth tilde as '~',
 * other non-ASCII marks as '?'. */
static size_t read_punct(const unsigned char *s, const unsigned char *end, token *t)
{
	t->kind = T_PUNCT;
	size_t k = *s < 0x80 ? 1 : unicode_punct(s, end);
	if (k == 1)
		t->punct = (char)*s;
	else if (k == 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x90 && s[2] <= 0x95)
		t->punct = '-'; /* hyphens, en and em dashes, the horizontal bar */
	else if (k == 3 && s[0] == 0xEF && s[1] == 0xBD)
		t->punct = '~';
	else
		t->punct = '?';
	return k ? k : 1;
}

/* Splits text into tokens; returns how many, or MAX_TOKENS + 1 when the
 * text has more (it is then no count). */
static size_t tokenize(const char *text, size_t len, token *toks)
{
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	size_t n = 0, k;
	while (p < end) {
		if (*p == ' ' || (*p >= '\t' && *p <= '\r')) {
			p++;
			continue;
		}
		if ((k = unicode_space(p, end))) {
			p += k;
			continue;
		}
		if (n == MAX_TOKENS)
			return MAX_TOKENS + 1;
		token *t = &toks[n++];
		if (is_digit(*p))
			p += read_number(p, end, t);
		else if (*p >= 0x80 && unicode_punct(p, end))
			p += read_punct(p, end, t);
		else if (is_alpha(*p))
			p += read_word(p, end, t);
		else
			p += read_punct(p, end, t);
		/* "5th", "WS77": letters right after digits make a word */
		if (t->kind == T_NUM && p < end && is_ascii_alpha(*p)) {
			while (p < end && (is_ascii_alpha(*p) || is_digit(*p)))
				p++;
			t->kind = T_WORD;
			t->word[0] = '\0';
		}
	}
	return n;
}

static bool word_is(const token *t, const char *w)
{
	return t->kind == T_WORD && strcmp(t->word, w) == 0;
}

static bool in_list(const char *w, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(w, list[i]) == 0)
			return true;
	return false;
}

static const char *const people_words[] = {
	"participants", "participant", "people", "persons", "person", "attendees", "attendee",
	"attendants", "delegates", "individuals", "pax", "audience", "registrants", "guests",
	"visitors", "members", NULL,
};
static const char *const women_words[] = {
	"women", "woman", "female", "females", "ladies", "lady", "girls", NULL,
};
static const char *const variant_words[] = {
	"gender-variant", "gendervariant", "non-binary", "nonbinary", "transgender", "trans",
	"genderqueer", "gender-diverse", "intersex", NULL,
};
static const char *const men_words[] = {
	"men", "man", "male", "males", "gentlemen", "boys", NULL,
};
static const char *const part_words[] = {
	"online", "onsite", "on-site", "offline", "remote", "remotely", "virtual", "virtually",
	"in-person", "physically", "physical", "in-room", NULL,
};
/* Words that may stand between a number and what it counts. */
static const char *const filler_words[] = {
	"of", "them", "whom", "which", "who", "were", "was", "are", "is", "been", "being",
	"present", "attended", "attending", "participated", "in", "at", "total", "all", "or",
	"so", "approximately", "about", "around", "roughly", "estimated", "the", "showed",
	"turned", "came", "joined", "up", "actually", "only", NULL,
};
/* Words of other counts than who took part: registrations, invitations,
 * the room's seats ("50 people registered", "capacity 80"). */
static const char *const other_count_words[] = {
	"registered", "registrations", "registration", "registrants", "invited",
	"invitations", "expected", "capacity", "seats", "seating", "rsvp", "rsvps", NULL,
};

/* What a word (or a word and the next) names; LABEL_NONE for a filler,
 * -1 for a word that names something else. *used is 2 for a pair. */
static int word_label(const token *t, const token *next, int *used)
{
	*used = 1;
	if (t->kind != T_WORD)
		return -1;
	const char *w = t->word;
	if (next && next->kind == T_WORD) {
		const char *x = next->word;
		*used = 2;
		if (strcmp(w, "gender") == 0 &&
		    (strcmp(x, "variant") == 0 || strcmp(x, "diverse") == 0 ||
		     strcmp(x, "non-conforming") == 0))
			return LABEL_VARIANT;
		if (strcmp(w, "non") == 0 && strcmp(x, "binary") == 0)
			return LABEL_VARIANT;
		if ((strcmp(w, "on") == 0 && strcmp(x, "site") == 0) ||
		    (strcmp(w, "in") == 0 && strcmp(x, "person") == 0))
			return LABEL_PART;
		*used = 1;
	}
	if (in_list(w, people_words))
		return LABEL_PEOPLE;
	if (in_list(w, women_words))
		return LABEL_WOMEN;
	if (in_list(w, variant_words))
		return LABEL_VARIANT;
	if (in_list(w, men_words))
		return LABEL_MEN;
	if (in_list(w, part_words))
		return LABEL_PART;
	if (in_list(w, filler_words))
		return LABEL_NONE;
	return -1;
}

/* Whether a word naming a part of the audience ("on site", "online",
 * "in the room") comes within two words of token j. */
static bool part_follows(const token *t, size_t n, size_t j)
{
	for (size_t k = j; k < n && k < j + 2 && t[k].kind == T_WORD; k++) {
		int used;
		if (word_label(&t[k], k + 1 < n ? &t[k + 1] : NULL, &used) == LABEL_PART)
			return true;
		if (word_is(&t[k], "in") && k + 2 < n && word_is(&t[k + 1], "the") &&
		    (word_is(&t[k + 2], "room") || word_is(&t[k + 2], "hall")))
			return true;
	}
	return false;
}

/* Whether a word of another count ("registered") comes within two words
 * of token j. */
static bool other_count_follows(const token *t, size_t n, size_t j)
{
	for (size_t k = j; k < n && k < j + 2 && t[k].kind == T_WORD; k++) {
		if (in_list(t[k].word, other_count_words))
			return true;
		/* "signed up" registered; "signed the attendance sheet" came */
		if (word_is(&t[k], "signed") && k + 1 < n && word_is(&t[k + 1], "up"))
			return true;
	}
	return false;
}

/* The label from the words after token i (the number, or its percent
 * sign): up to three, not past punctuation or another number. */
static part_label label_after(const token *t, size_t n, size_t i)
{
	size_t words = 0;
	for (size_t j = i + 1; j < n && words < 3;) {
		if (t[j].kind != T_WORD)
			return LABEL_NONE;
		int used;
		int l = word_label(&t[j], j + 1 < n ? &t[j + 1] : NULL, &used);
		if (l < 0)
			return LABEL_OTHER;
		if (l == LABEL_PEOPLE && part_follows(t, n, j + (size_t)used))
			return LABEL_PART; /* "60 participants on site": a part */
		if (l == LABEL_PEOPLE && other_count_follows(t, n, j + (size_t)used))
			return LABEL_OTHER; /* "50 people registered": not who came */
		if (l != LABEL_NONE)
			return (part_label)l;
		j += (size_t)used;
		words += (size_t)used;
	}
	return LABEL_NONE;
}

/* "Women: 40", "participants - 100", "women (40)": the word just before,
 * past one ':', '=', '-' or '('. */
static part_label label_before(const token *t, size_t i)
{
	size_t j = i;
	if (j > 0 && t[j - 1].kind == T_PUNCT && strchr(":=-(", t[j - 1].punct))
		j--;
	if (j == 0 || t[j - 1].kind != T_WORD)
		return LABEL_NONE;
	if (in_list(t[j - 1].word, other_count_words))
		return LABEL_OTHER; /* "capacity 80", "registered: 50" */
	int used;
	int l = word_label(&t[j - 1], NULL, &used);
	return l < 0 ? LABEL_NONE : (part_label)l;
}

/* Abbreviations of an estimate, before a dot: "approx. 40", "c. 15". */
static const char *const about_abbrev[] = {"approx", "appr", "ca", "c", "est", NULL};

static const char *qualifier_before(const token *t, size_t i)
{
	if (i > 0 && t[i - 1].kind == T_PUNCT && t[i - 1].punct == '~')
		return "about";
	if (i > 1 && t[i - 1].kind == T_PUNCT && t[i - 1].punct == '.' &&
	    t[i - 2].kind == T_WORD && in_list(t[i - 2].word, about_abbrev))
		return "about";
	if (i > 0 && t[i - 1].kind == T_WORD) {
		static const char *const about[] = {
			"about", "approximately", "approx", "around", "roughly", "circa", "ca",
			"nearly", "almost", "estimated", "est", "some", NULL,
		};
		static const char *const least[] = {"over", "above", "exceeding", NULL};
		static const char *const most[] = {"under", "below", "max", "maximum", NULL};
		const char *w = t[i - 1].word;
		if (in_list(w, about))
			return "about";
		if (in_list(w, least))
			return "at least";
		if (in_list(w, most))
			return "at most";
	}
	if (i > 1 && t[i - 1].kind == T_WORD && t[i - 2].kind == T_WORD) {
		const char *a = t[i - 2].word, *b = t[i - 1].word;
		if (strcmp(b, "than") == 0 && strcmp(a, "more") == 0)
			return "at least";
		if (strcmp(b, "than") == 0 && (strcmp(a, "less") == 0 || strcmp(a, "fewer") == 0))
			return "at most";
		if (strcmp(a, "at") == 0 && strcmp(b, "least") == 0)
			return "at least";
		if (strcmp(a, "upwards") == 0 && strcmp(b, "of") == 0)
			return "at least";
		if ((strcmp(a, "up") == 0 && strcmp(b, "to") == 0) ||
		    (strcmp(a, "at") == 0 && strcmp(b, "most") == 0))
			return "at most";
		if (strcmp(a, "close") == 0 && strcmp(b, "to") == 0)
			return "about";
	}
	return NULL;
}

/* Whether the number ending at token j is called an estimate after it:
 * "40 (estimated)", "40 approx.", "40 approximately". */
static bool estimate_after(const token *t, size_t n, size_t j)
{
	static const char *const words[] = {"estimated", "est", "approx", "approximately",
	                                     "approximate", "estimate", NULL};
	size_t k = j + 1;
	if (k < n && t[k].kind == T_PUNCT && t[k].punct == '(')
		k++;
	return k < n && t[k].kind == T_WORD && in_list(t[k].word, words);
}

/* Whether tokens i and k (both numbers) form a range: "80-100",
 * "80 to 100", "80/100", "between 80 and 100". */
static bool range_between(const token *t, size_t i, size_t k)
{
	if (k != i + 2)
		return false;
	const token *m = &t[i + 1];
	if (m->kind == T_PUNCT && (m->punct == '-' || m->punct == '/'))
		return true;
	if (word_is(m, "to"))
		return true;
	return word_is(m, "and") && i > 0 && word_is(&t[i - 1], "between");
}

void part_answer_read(part_answer *a, const char *text, size_t len)
{
	token toks[MAX_TOKENS];
	size_t n = tokenize(text, len, toks);
	a->n = a->n_seen = 0;
	if (n > MAX_TOKENS) {
		a->n_seen = MAX_TOKENS; /* too long to be a count */
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (toks[i].kind != T_NUM)
			continue;
		a->n_seen++;
		if (a->n == PART_MAX_NUMBERS)
			continue;
		part_number *x = &a->numbers[a->n++];
		*x = (part_number){.value = toks[i].value, .integral = toks[i].integral};
		x->qualifier = qualifier_before(toks, i);
		size_t j = i; /* the last token of the number and its marks */
		if (j + 1 < n && toks[j + 1].kind == T_PUNCT && toks[j + 1].punct == '%') {
			x->percent = true;
			j++;
		} else if (j + 1 < n && (word_is(&toks[j + 1], "percent") ||
		                         word_is(&toks[j + 1], "pct"))) {
			x->percent = true;
			j++;
		} else if (j + 2 < n && word_is(&toks[j + 1], "per") &&
		           word_is(&toks[j + 2], "cent")) {
			x->percent = true;
			j += 2;
		}
		if (j + 1 < n && toks[j + 1].kind == T_PUNCT && toks[j + 1].punct == '+') {
			x->qualifier = "at least"; /* "60+" */
			j++;
		}
		if (!x->qualifier && estimate_after(toks, n, j))
			x->qualifier = "about"; /* "40 (estimated)", "40 approx." */
		x->range = (i >= 2 && toks[i - 2].kind == T_NUM && range_between(toks, i - 2, i)) ||
		           (i + 2 < n && toks[i + 2].kind == T_NUM &&
		            range_between(toks, i, i + 2));
		x->label = label_after(toks, n, j);
		if (x->label == LABEL_NONE)
			x->label = label_before(toks, i);
	}
}

bool part_answer_single(const part_answer *a, part_label label, bool percent, part_number *out)
{
	if (a->n_seen > a->n)
		return false; /* numbers beyond the array: too many to tell */
	const part_number *found = NULL;
	for (size_t i = 0; i < a->n; i++) {
		const part_number *x = &a->numbers[i];
		if (x->label != label || x->percent != percent)
			continue;
		if (found)
			return false;
		found = x;
	}
	if (!found || found->range || (!percent && !found->integral))
		return false;
	*out = *found;
	return true;
}

size_t part_answer_count(const part_answer *a, part_label label)
{
	size_t k = 0;
	for (size_t i = 0; i < a->n; i++)
		k += a->numbers[i].label == label;
	return k;
}
