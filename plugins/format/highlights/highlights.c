/* SPDX-License-Identifier: MIT */
/*
 * highlights: forum "Perspective Highlights" pages, as published by the
 * Shanghai Forum and written in Markdown-ish text: a page header
 * ("# Shanghai Forum 2017 Perspective Highlights" and a "---" rule) that
 * repeats after every page break, "##" section and "###" session headings,
 * a time and date line, a bold "Chair :" or "Moderator:" block, then bold
 * speaker blocks ("**Chu Nan,  \nInformation  \nDirector,  \nCNNIC**", the
 * name, position and organisation broken over lines that end in two
 * spaces) each followed by that speaker's statement, and a closing
 * "(Editor: …)" line.
 *
 * The input is read line by line and grouped into blocks (runs of
 * non-blank lines); headings and rules stand alone. Each document is one
 * session: a new "###" heading after a session's content, or a new "##"
 * section, starts the next document. Memory is bounded by the longest
 * block and the largest document.
 */
#include <stdlib.h>
#include <string.h>

#include <igtext/igtext.h>

typedef struct hl_config {
	bool split_sessions;
	bool year_from_header;
} hl_config;

static const igt_option hl_options[] = {
	{"split_sessions", IGT_OPT_BOOL, "true", 0, offsetof(hl_config, split_sessions),
	 "one document per session ('###' heading or new '##' section); false: one per file"},
	{"year_from_header", IGT_OPT_BOOL, "true", 0, offsetof(hl_config, year_from_header),
	 "complete a date line that names no year with the one year of the page header"},
	{0},
};

/* ---- small text helpers ---- */

static void *hl_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		abort(); /* the project's policy: out of memory ends the run */
	return q;
}

static int is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == '\n';
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Trim ASCII blanks, and when wide U+3000 (the ideographic space) too,
 * from both ends. Lines are trimmed of ASCII blanks only: coverage counts
 * U+3000 as text, so Chinese indentation stays inside its segment. */
static void trim_ws(const char **s, size_t *n, int wide)
{
	const unsigned char *p = (const unsigned char *)*s;
	size_t a = 0, b = *n;
	for (;;) {
		if (a < b && is_blank(p[a]))
			a++;
		else if (wide && b - a >= 3 && p[a] == 0xE3 && p[a + 1] == 0x80 && p[a + 2] == 0x80)
			a += 3;
		else
			break;
	}
	for (;;) {
		if (b > a && is_blank(p[b - 1]))
			b--;
		else if (wide && b - a >= 3 && p[b - 3] == 0xE3 && p[b - 2] == 0x80 &&
		         p[b - 1] == 0x80)
			b -= 3;
		else
			break;
	}
	*s += a;
	*n = b - a;
}

static void trim(const char **s, size_t *n)
{
	trim_ws(s, n, 1);
}

/* Case-insensitive (ASCII) search; the offset of needle in s or -1. */
static long ci_find(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++) {
		size_t j = 0;
		while (j < k && lower((unsigned char)s[i + j]) == needle[j])
			j++;
		if (j == k)
			return (long)i;
	}
	return -1;
}

/* Whether s[0..n) is word (lower case) in any case. No strlen: it runs
 * over word lists for every part of every speaker block. */
static int ci_equal(const char *s, size_t n, const char *word)
{
	for (size_t i = 0; i < n; i++)
		if (!word[i] || lower((unsigned char)s[i]) != word[i])
			return 0;
	return word[n] == '\0';
}

static int ci_in(const char *s, size_t n, const char *const *words)
{
	for (size_t i = 0; words[i]; i++)
		if (ci_equal(s, n, words[i]))
			return 1;
	return 0;
}

static int has_prefix(const char *s, size_t n, const char *pre)
{
	size_t k = strlen(pre);
	return n >= k && memcmp(s, pre, k) == 0;
}

static int has_suffix(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* The code point starting at s[i] (n bytes available) and its width in
 * *w; a broken sequence reads as its first byte. */
static unsigned decode(const char *s, size_t n, size_t i, size_t *w)
{
	const unsigned char *p = (const unsigned char *)s + i;
	size_t left = n - i;
	if (p[0] < 0x80 || left < 2) {
		*w = 1;
		return p[0];
	}
	if ((p[0] & 0xE0) == 0xC0) {
		*w = 2;
		return ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
	}
	if ((p[0] & 0xF0) == 0xE0 && left >= 3) {
		*w = 3;
		return ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
	}
	if ((p[0] & 0xF8) == 0xF0 && left >= 4) {
		*w = 4;
		return ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) |
		       (p[3] & 0x3Fu);
	}
	*w = 1;
	return p[0];
}

/* The last code point of s[0..n). */
static unsigned decode_last(const char *s, size_t n)
{
	size_t i = n, w;
	while (i > 0 && n - i < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	return i > 0 ? decode(s, n, i - 1, &w) : 0;
}

/* Chinese, Japanese and Korean text and full-width punctuation: written
 * without spaces, so lines broken inside it join without one. */
static int is_wide(unsigned cp)
{
	return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
	       (cp >= 0x20000 && cp <= 0x2FFFF);
}

/* A comma that separates a name from its position: ASCII or full-width. */
/* Width of the punctuation mark ascii, or of its full-width form U+FF00 +
 * (ascii - 0x20) (EF BC xx), at s[i]; 0 when neither is there. */
static size_t mark_at(const char *s, size_t n, size_t i, char ascii)
{
	if (s[i] == ascii)
		return 1;
	return (unsigned char)s[i] == 0xEF && i + 3 <= n && (unsigned char)s[i + 1] == 0xBC &&
	               (unsigned char)s[i + 2] == 0x80 + (unsigned char)(ascii - 0x20)
	           ? 3
	           : 0;
}

static size_t comma_at(const char *s, size_t n, size_t i)
{
	return mark_at(s, n, i, ',');
}

/* Whether the joined text holds a name-separating comma. */
static int has_comma(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (comma_at(s, n, i))
			return 1;
	return 0;
}

static size_t semicolon_at(const char *s, size_t n, size_t i)
{
	return mark_at(s, n, i, ';');
}

static size_t colon_at(const char *s, size_t n, size_t i)
{
	return mark_at(s, n, i, ':');
}

/* Offset of the first colon (ASCII or full-width) in s, or n. */
static size_t find_colon(const char *s, size_t n, size_t *w)
{
	for (size_t i = 0; i < n; i++)
		if ((*w = colon_at(s, n, i)) != 0)
			return i;
	*w = 0;
	return n;
}

/* Width of a colon ending s (1 or 3 bytes), 0 when none. */
static size_t trailing_colon(const char *s, size_t n)
{
	if (n && s[n - 1] == ':')
		return 1;
	return has_suffix(s, n, "\xEF\xBC\x9A") ? 3 : 0;
}

/* ---- marks of the format ---- */

/* A page header: "Shanghai Forum 2017 Perspective Highlights" (any case).
 * As a heading, "… Forum … Highlights" is accepted too; a line that is no
 * heading must say "Perspective Highlights" and be short. */
static int is_page_header(const char *s, size_t n, int is_heading)
{
	if (n > (is_heading ? 200 : 100))
		return 0;
	long h = ci_find(s, n, "highlights");
	if (h < 0)
		return 0;
	if (!is_heading)
		return ci_find(s, n, "perspective highlights") >= 0;
	return ci_find(s, (size_t)h, "perspective") >= 0 || ci_find(s, (size_t)h, "forum") >= 0;
}

/* A thematic break: three or more '-', '*' or '_', spaces allowed. */
static int is_rule(const char *s, size_t n)
{
	if (n < 3 || (s[0] != '-' && s[0] != '*' && s[0] != '_'))
		return 0;
	size_t marks = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == s[0])
			marks++;
		else if (s[i] != ' ' && s[i] != '\t')
			return 0;
	}
	return marks >= 3;
}

/* ATX heading level (1-6) of a trimmed line, 0 when not a heading. */
static int heading_level(const char *s, size_t n)
{
	size_t k = 0;
	while (k < n && s[k] == '#')
		k++;
	if (k == 0 || k > 6)
		return 0;
	return k == n || s[k] == ' ' || s[k] == '\t' ? (int)k : 0;
}

/* Length of a list marker at the start of s ("1.", "1)", "(1)", "-",
 * "•", "①", "1、" …) including the space after it; 0 when none. */
static size_t list_marker(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	if (n >= 2 && (p[0] == '-' || p[0] == '*' || p[0] == '+') && (p[1] == ' ' || p[1] == '\t'))
		return 2;
	if (n >= 4 && (has_prefix(s, n, "\xE2\x80\xA2") || has_prefix(s, n, "\xE2\x97\x8F")) &&
	    p[3] == ' ')
		return 4; /* • ● */
	if (n >= 3 && p[0] == 0xE2 && p[1] == 0x91 && p[2] >= 0xA0 && p[2] <= 0xB3)
		return 3; /* ① … ⑳ */
	size_t open = 0;
	if (p[0] == '(')
		open = 1;
	else if (has_prefix(s, n, "\xEF\xBC\x88"))
		open = 3;
	i = open;
	while (i < n && i - open < 3 && is_digit(p[i]))
		i++;
	if (i == open || (i < n && is_digit(p[i])))
		return 0;
	if (open) {
		if (i < n && p[i] == ')')
			return i + 1;
		if (has_prefix(s + i, n - i, "\xEF\xBC\x89"))
			return i + 3;
		return 0;
	}
	if (has_prefix(s + i, n - i, "\xE3\x80\x81"))
		return i + 3; /* 1、 */
	if (i + 1 < n && (p[i] == '.' || p[i] == ')') && (p[i + 1] == ' ' || p[i + 1] == '\t'))
		return i + 2;
	return 0;
}

/* ---- people: roles, names, positions ---- */

typedef struct hl_label {
	const char *text;
	const char *role;
} hl_label;

/* Labels that open a bold block of people: "**Chair : ShenYi, …**". */
static const hl_label block_labels[] = {
	{"chair", "chair"}, {"chairs", "chair"}, {"co-chair", "chair"}, {"co-chairs", "chair"},
	{"chairman", "chair"}, {"chairwoman", "chair"}, {"chairperson", "chair"},
	{"session chair", "chair"}, {"moderator", "moderator"}, {"moderators", "moderator"},
	{"co-moderator", "moderator"}, {"co-moderators", "moderator"}, {"facilitator", "moderator"},
	{"host", "host"}, {"hosts", "host"}, {"speaker", "speaker"}, {"speakers", "speaker"},
	{"keynote speaker", "speaker"}, {"keynote", "speaker"}, {"panelist", "speaker"},
	{"panelists", "speaker"}, {"panellist", "speaker"}, {"panellists", "speaker"},
	{"presenter", "speaker"}, {"discussant", "discussant"}, {"discussants", "discussant"},
	{"commentator", "discussant"}, {"rapporteur", "rapporteur"},
	{"\xE4\xB8\xBB\xE6\x8C\x81\xE4\xBA\xBA", "moderator"},             /* 主持人 */
	{"\xE4\xB8\xBB\xE6\x8C\x81", "moderator"},                         /* 主持 */
	{"\xE4\xB8\xBB\xE5\xB8\xAD", "chair"},                             /* 主席 */
	{"\xE5\x8F\x91\xE8\xA8\x80\xE4\xBA\xBA", "speaker"},               /* 发言人 */
	{"\xE5\x8F\x91\xE8\xA8\x80\xE5\x98\x89\xE5\xAE\xBE", "speaker"},   /* 发言嘉宾 */
	{"\xE5\x98\x89\xE5\xAE\xBE", "speaker"},                           /* 嘉宾 */
	{"\xE8\xAF\x84\xE8\xAE\xBA\xE4\xBA\xBA", "discussant"},            /* 评论人 */
	{"\xE7\x82\xB9\xE8\xAF\x84\xE4\xBA\xBA", "discussant"},            /* 点评人 */
	{NULL, NULL},
};

/* Labels of the closing credits line: "(Reporter: X, Editor: Y)". */
static const hl_label credit_labels[] = {
	{"editor", "editor"}, {"editors", "editor"}, {"chief editor", "editor"},
	{"editor-in-chief", "editor"}, {"executive editor", "editor"},
	{"responsible editor", "editor"}, {"edited by", "editor"}, {"reporter", "reporter"},
	{"reporters", "reporter"}, {"reported by", "reporter"}, {"writer", "writer"},
	{"writers", "writer"}, {"written by", "writer"}, {"author", "writer"},
	{"authors", "writer"}, {"text", "writer"}, {"translator", "translator"},
	{"translators", "translator"}, {"translated by", "translator"},
	{"translation", "translator"}, {"photo", "photographer"}, {"photos", "photographer"},
	{"photo by", "photographer"}, {"photographer", "photographer"},
	{"proofreader", "proofreader"}, {"proofreading", "proofreader"},
	{"\xE7\xBC\x96\xE8\xBE\x91", "editor"},                         /* 编辑 */
	{"\xE8\xB4\xA3\xE4\xBB\xBB\xE7\xBC\x96\xE8\xBE\x91", "editor"}, /* 责任编辑 */
	{"\xE8\xB4\xA3\xE7\xBC\x96", "editor"},                         /* 责编 */
	{"\xE8\xAE\xB0\xE8\x80\x85", "reporter"},                       /* 记者 */
	{"\xE7\xBF\xBB\xE8\xAF\x91", "translator"},                     /* 翻译 */
	{"\xE6\x91\x84\xE5\xBD\xB1", "photographer"},                   /* 摄影 */
	{"\xE6\x92\xB0\xE7\xA8\xBF", "writer"},                         /* 撰稿 */
	{"\xE6\xA0\xA1\xE5\xAF\xB9", "proofreader"},                    /* 校对 */
	{NULL, NULL},
};

/* The role of label s (trimmed, any case), or NULL. Inner white space
 * runs count as one space, so "Chair :" and "Keynote  Speaker" match. */
static const char *label_role(const hl_label *labels, const char *s, size_t n)
{
	char low[32];
	size_t k = 0;
	trim(&s, &n);
	for (size_t i = 0; i < n; i++) {
		char c = (char)lower((unsigned char)s[i]);
		if (c == '\t')
			c = ' ';
		if (c == ' ' && k && low[k - 1] == ' ')
			continue;
		if (k + 1 >= sizeof(low))
			return NULL;
		low[k++] = c;
	}
	low[k] = '\0';
	for (size_t i = 0; labels[i].text; i++)
		if (strcmp(low, labels[i].text) == 0)
			return labels[i].role;
	return NULL;
}

/* Words that make a part of "Name, Position, Organisation" a position when
 * they stand in its head (before "of", "at", "for" …): "Program Director",
 * "Chair of the Board", but not "Center for Crisis Societies Studies". */
static const char *const position_words[] = {
	"director", "professor", "chair", "chairman", "chairwoman", "chairperson", "president",
	"researcher", "fellow", "secretary", "minister", "officer", "head", "dean", "manager",
	"founder", "cofounder", "partner", "ceo", "cto", "cfo", "coo", "cio", "ciso", "cso", "vp",
	"svp", "evp", "lecturer", "scholar", "scientist", "engineer", "analyst", "advisor",
	"adviser", "consultant", "coordinator", "counsel", "counsellor", "counselor", "lawyer",
	"attorney", "editor", "journalist", "reporter", "correspondent", "ambassador", "envoy",
	"commissioner", "governor", "deputy", "chief", "member", "student", "candidate",
	"postdoc", "assistant", "executive", "specialist", "expert", "representative", "delegate",
	"lead", "leader", "principal", "rapporteur", "moderator", "spokesperson", "spokesman",
	"spokeswoman", "economist", "architect", "strategist", "owner", "trustee", "treasurer",
	"teacher", "instructor", "administrator", "diplomat", "mayor", "senator", "judge",
	"entrepreneur", "author", "writer", "producer", "activist", "intern", "vice", "emeritus",
	NULL,
};

/* Chinese titles come last: "清华大学教授". */
static const char *const position_suffixes[] = {
	"\xE4\xB8\xBB\xE4\xBB\xBB",             /* 主任 */
	"\xE6\x95\x99\xE6\x8E\x88",             /* 教授 */
	"\xE9\x99\xA2\xE9\x95\xBF",             /* 院长 */
	"\xE6\x89\x80\xE9\x95\xBF",             /* 所长 */
	"\xE6\xA0\xA1\xE9\x95\xBF",             /* 校长 */
	"\xE7\xA0\x94\xE7\xA9\xB6\xE5\x91\x98", /* 研究员 */
	"\xE6\x80\xBB\xE8\xA3\x81",             /* 总裁 */
	"\xE7\xBB\x8F\xE7\x90\x86",             /* 经理 */
	"\xE4\xB8\xBB\xE5\xB8\xAD",             /* 主席 */
	"\xE7\xA7\x98\xE4\xB9\xA6\xE9\x95\xBF", /* 秘书长 */
	"\xE4\xB9\xA6\xE8\xAE\xB0",             /* 书记 */
	"\xE9\x83\xA8\xE9\x95\xBF",             /* 部长 */
	"\xE5\x8F\xB8\xE9\x95\xBF",             /* 司长 */
	"\xE5\xB1\x80\xE9\x95\xBF",             /* 局长 */
	"\xE5\xA4\x84\xE9\x95\xBF",             /* 处长 */
	"\xE8\x91\xA3\xE4\xBA\x8B\xE9\x95\xBF", /* 董事长 */
	"\xE8\x91\xA3\xE4\xBA\x8B",             /* 董事 */
	"\xE5\x88\x9B\xE5\xA7\x8B\xE4\xBA\xBA", /* 创始人 */
	"\xE5\x90\x88\xE4\xBC\x99\xE4\xBA\xBA", /* 合伙人 */
	"\xE8\xAE\xB2\xE5\xB8\x88",             /* 讲师 */
	"\xE5\xAD\xA6\xE8\x80\x85",             /* 学者 */
	"\xE4\xB8\x93\xE5\xAE\xB6",             /* 专家 */
	"\xE4\xBC\x9A\xE9\x95\xBF",             /* 会长 */
	"\xE7\x90\x86\xE4\xBA\x8B\xE9\x95\xBF", /* 理事长 */
	"\xE8\xB4\x9F\xE8\xB4\xA3\xE4\xBA\xBA", /* 负责人 */
	"\xE6\x80\xBB\xE7\x9B\x91",             /* 总监 */
	"\xE4\xB8\xBB\xE7\xBC\x96",             /* 主编 */
	"\xE5\xA4\xA7\xE4\xBD\xBF",             /* 大使 */
	"\xE9\xA1\xBE\xE9\x97\xAE",             /* 顾问 */
	"\xE5\xB7\xA5\xE7\xA8\x8B\xE5\xB8\x88", /* 工程师 */
	"\xE5\x8A\xA9\xE7\x90\x86",             /* 助理 */
	"\xE5\xAE\x98\xE5\x91\x98",             /* 官员 */
	"\xE5\x8D\x9A\xE5\xA3\xAB",             /* 博士 */
	NULL,
};

/* Words that end the head of a part: what follows them names a place. */
static const char *const head_stops[] = {"of", "for", "at", "in", "on", "to", "with", "from",
                                         "under", "within", NULL};

/* Whether part s (no commas) names a position. */
static int is_position(const char *s, size_t n)
{
	for (size_t i = 0; n && (unsigned char)s[n - 1] >= 0x80 && position_suffixes[i]; i++)
		if (has_suffix(s, n, position_suffixes[i]))
			return 1;
	size_t i = 0;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '(' || s[i] == ')' || s[i] == '&'))
			i++;
		size_t w = i;
		while (i < n && s[i] != ' ' && s[i] != '(' && s[i] != ')')
			i++;
		if (i == w)
			break;
		if (ci_in(s + w, i - w, head_stops))
			return 0;
		/* "Co-Founder", "Vice-President", "Editor-in-Chief": any piece. */
		size_t a = w;
		for (size_t j = w; j <= i; j++) {
			if (j == i || s[j] == '-' || s[j] == '/') {
				size_t b = j;
				if (b > a && s[b - 1] == '.')
					b--;
				if (b > a && ci_in(s + a, b - a, position_words))
					return 1;
				a = j + 1;
			}
		}
	}
	return 0;
}

/* Width of what ends a name at i: a comma, or a dash with a space on
 * each side when a position follows it ("Zhang Xinsheng – President,
 * IUCN"); not the hyphen of "Jean-Pierre", nor the dash of a heading
 * ("Opening Remarks - Building Trust, Security") or of "Jean - Luc
 * Martin". 0 when nothing does. */
static size_t name_end_at(const char *s, size_t n, size_t i)
{
	size_t w = comma_at(s, n, i);
	if (w || s[i] != ' ' || i + 2 >= n)
		return w;
	size_t dash = s[i + 1] == '-' ? 1
	              : i + 4 < n && !memcmp(s + i + 1, "\xe2\x80", 2) &&
	                      (s[i + 3] == '\x93' || s[i + 3] == '\x94') /* – — */
	                  ? 3
	                  : 0;
	if (!dash || i + 1 + dash >= n || s[i + 1 + dash] != ' ')
		return 0;
	size_t a = i + 2 + dash, b = a;
	while (b < n && !comma_at(s, n, b))
		b++;
	return is_position(s + a, b - a) ? dash + 2 : 0;
}

/* Lower-case words allowed inside a name ("Ursula von der Leyen"). */
static const char *const name_particles[] = {
	"van", "von", "de", "der", "den", "del", "della", "da", "di", "du", "la", "le",
	"bin", "binti", "al", "el", "dos", "das", "y", "ter", "ten", "zu", NULL,
};

/* First words of bold labels that are headings, not people ("**Note:**",
 * "**Key points:**"). */
static const char *const label_words[] = {
	"note", "notes", "summary", "background", "conclusion", "conclusions", "key", "question",
	"questions", "answer", "topic", "theme", "themes", "abstract", "introduction", "source",
	"update", "highlights", "recommendation", "recommendations", "session", "date", "time",
	"venue", "location", "agenda", "overview", "keywords", "remarks", "main", "editor's",
	"photo", "q", "a", "part", "section", "chapter", "panel", "day", NULL,
};

/* Whether s reads as a person's name rather than a phrase: at most six
 * words, each capitalised (or a particle, or not Latin), no digits, no
 * sentence punctuation, dots only in short words ("Prof.", "H.E.", "J."). */
static int name_like(const char *s, size_t n)
{
	if (n == 0 || n > 80)
		return 0;
	size_t words = 0, i = 0;
	while (i < n) {
		while (i < n && s[i] == ' ')
			i++;
		if (i == n)
			break;
		size_t w = i;
		while (i < n && s[i] != ' ')
			i++;
		words++;
		unsigned char c = (unsigned char)s[w];
		if (c < 0x80 && !(c >= 'A' && c <= 'Z') && !ci_in(s + w, i - w, name_particles))
			return 0;
		for (size_t j = w; j < i; j++) {
			c = (unsigned char)s[j];
			int stop = c && strchr("?!;:\"", (char)c);
			if (is_digit(c) || stop || (c == '.' && i - w > 5))
				return 0;
		}
	}
	if (words == 1 && (unsigned char)s[0] >= 0x80 && n > 24)
		return 0; /* a run of CJK text longer than eight characters */
	size_t first = 0;
	while (first < n && s[first] != ' ')
		first++;
	if (ci_in(s, first, label_words))
		return 0;
	return words >= 1 && words <= 6;
}

/* A name given with nothing but a colon after it ("**Chu Nan:**") has less
 * to show it is one: two words at least, or CJK. */
static int name_like_bare(const char *s, size_t n)
{
	if (!name_like(s, n))
		return 0;
	return memchr(s, ' ', n) != NULL || (unsigned char)s[0] >= 0x80;
}

/* Words of section and session headings that no name holds, in any place
 * ("**Digital Economy**", "**Closing Remarks - Session Chair**"), and the
 * small words of a phrase in title case ("The First Point", "Rules For
 * Cyberspace"). Not "Key" or "Day", nor "An", "In" or "To": they are
 * surnames too (label_words stops "Key" and "Day" first). */
static const char *const heading_words[] = {
	"internet", "cyber", "cyberspace", "cybersecurity", "digital", "data", "security",
	"governance", "forum", "session", "sessions", "panel", "workshop", "conference", "summit",
	"meeting", "opening", "closing", "welcome", "remarks", "speech", "address", "keynote",
	"speaker", "speakers", "discussion", "dialogue", "debate", "roundtable", "plenary",
	"ceremony", "overview", "introduction", "conclusion", "conclusions", "summary", "message",
	"messages", "points", "highlights", "takeaways", "recommendations", "background",
	"agenda", "programme", "program", "economy", "policy", "policies", "technology",
	"technologies", "development", "cooperation", "society", "global", "international",
	"national", "world", "future", "challenges", "challenge", "rights", "network",
	"networks", "trust", "norms", "rules", "community", "infrastructure", "innovation",
	"access", "intelligence", "online", "media", "report", "issues", "trends", "perspective",
	"perspectives", "sustainable", "questions", "answers", "notes", "theme", "topic",
	"morning", "afternoon", "evening", "lunch", "break", "the", "and", "or", "of", "for",
	"with", "from", "by", "is", "are", "our", "this", "these", "that", "what", "why", "how",
	"we", "new", "first", "second", "third", "final", NULL,
};

/* Whether s, a bold name with nothing inside its bold to show it is one
 * (its position after a dash or after the bold), reads as a name: as
 * name_like_bare, and no heading word, no role label ("Keynote Speaker")
 * and no position ("Senior Fellow"). */
static int name_alone(const char *s, size_t n)
{
	if (!name_like_bare(s, n) || has_comma(s, n) || is_position(s, n) ||
	    label_role(block_labels, s, n))
		return 0;
	for (size_t i = 0; i < n;) {
		size_t w = i;
		while (i < n && s[i] != ' ' && s[i] != '-')
			i++;
		if (i > w && ci_in(s + w, i - w, heading_words))
			return 0;
		i++;
	}
	return 1;
}

/* ---- the time and date line ---- */

typedef struct hl_when {
	int year, month, day;       /* 0: unknown */
	int hour, minute;           /* -1: unknown */
	int has_date;               /* the line names one month and one day */
	int names_date;             /* the line names a month and day(s) */
} hl_when;

enum {
	TK_TIME = 1, TK_AMPM, TK_YEAR, TK_NUMBER, TK_ORDINAL, TK_DAY, TK_MONTH, TK_FILLER,
	TK_CJKDATE
};

typedef struct hl_token {
	int kind;
	int a, b;  /* time: hour, minute; number/ordinal/year: value; month: 1-12 */
	int ampm;  /* 0 none, 1 am, 2 pm (time tokens with a suffix, TK_AMPM) */
	int c;     /* CJK date: day (a: month, b: year or 0) */
} hl_token;

static const char *const weekdays[] = {
	"mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs",
	"thursday", "fri", "friday", "sat", "saturday", "sun", "sunday", NULL,
};
static const char *const fillers[] = {"to", "and", "from", "on", "at", NULL};

static size_t separator_at(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	if (c == ' ' || c == '\t' || c == ',' || c == '-' || c == '~' || c == '/' || c == '(' ||
	    c == ')' || c == '|')
		return 1;
	static const char *const wide[] = {"\xE2\x80\x93", "\xE2\x80\x94", "\xEF\xBD\x9E",
	                                   "\xEF\xBC\x8C", "\xEF\xBC\x88", "\xEF\xBC\x89",
	                                   "\xE3\x80\x80", NULL};
	for (size_t k = 0; wide[k]; k++)
		if (has_prefix(s + i, n - i, wide[k]))
			return 3;
	return 0;
}

static int read_number(const char *s, size_t n, size_t *i, int max_digits)
{
	int v = 0, d = 0;
	while (*i < n && is_digit((unsigned char)s[*i]) && d < max_digits) {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		d++;
	}
	return d ? v : -1;
}

static int ampm_of(const char *s, size_t n)
{
	if (ci_equal(s, n, "am") || ci_equal(s, n, "a.m.") || ci_equal(s, n, "a.m"))
		return 1;
	if (ci_equal(s, n, "pm") || ci_equal(s, n, "p.m.") || ci_equal(s, n, "p.m"))
		return 2;
	return 0;
}

/* "5月28日", "2017年5月28日": year (or 0), month, day; 0 when not one. */
static int cjk_date(const char *s, size_t n, hl_token *t)
{
	size_t i = 0;
	int y = 0, v = read_number(s, n, &i, 4);
	if (v >= 0 && has_prefix(s + i, n - i, "\xE5\xB9\xB4")) { /* 年 */
		y = v;
		i += 3;
		v = read_number(s, n, &i, 2);
	}
	if (v < 1 || !has_prefix(s + i, n - i, "\xE6\x9C\x88")) /* 月 */
		return 0;
	i += 3;
	int d = read_number(s, n, &i, 2);
	if (d < 1 || !(has_prefix(s + i, n - i, "\xE6\x97\xA5") || /* 日 */
	               has_prefix(s + i, n - i, "\xE5\x8F\xB7")))  /* 号 */
		return 0;
	if (i + 3 != n)
		return 0;
	t->kind = TK_CJKDATE;
	t->a = v;
	t->b = y;
	t->c = d;
	return 1;
}

/* Classify one token of a time line; 0 when it has no place there. */
static int classify_token(const char *s, size_t n, hl_token *t)
{
	size_t i = 0;
	t->ampm = 0;
	if (cjk_date(s, n, t))
		return 1;
	int v = read_number(s, n, &i, 4);
	if (v >= 0) {
		if (i < n && (s[i] == ':' || has_prefix(s + i, n - i, "\xEF\xBC\x9A")) && i <= 2) {
			i += s[i] == ':' ? 1 : 3;
			size_t m0 = i;
			int m = read_number(s, n, &i, 2);
			if (m < 0 || i - m0 != 2 || v > 24 || m > 59)
				return 0; /* "31:99" is no time of day */
			t->kind = TK_TIME;
			t->a = v;
			t->b = m;
			if (i < n && !(t->ampm = ampm_of(s + i, n - i)))
				return 0;
			return 1;
		}
		t->a = v;
		if (i == 4 && i == n) {
			t->kind = TK_YEAR;
			return v >= 1900 && v <= 2099;
		}
		if (i > 2)
			return 0;
		if (i == n) {
			t->kind = TK_NUMBER;
			return 1;
		}
		static const char *const ords[] = {"st", "nd", "rd", "th", NULL};
		t->kind = TK_ORDINAL;
		return ci_in(s + i, n - i, ords);
	}
	if ((t->ampm = ampm_of(s, n)) != 0) {
		t->kind = TK_AMPM;
		return 1;
	}
	if ((t->a = igt_month_parse(s, n)) > 0) {
		t->kind = TK_MONTH;
		return 1;
	}
	size_t k = n && s[n - 1] == '.' ? n - 1 : n;
	if (ci_in(s, k, weekdays) || ci_in(s, n, fillers)) {
		t->kind = TK_FILLER;
		return 1;
	}
	return 0;
}

/* Tokenise s into at most max tokens; the count, or -1 when a token has no
 * place in a time line. */
static int tokenise_time(const char *s, size_t n, hl_token *tok, int max)
{
	int nt = 0;
	size_t i = 0;
	while (i < n) {
		size_t w = separator_at(s, n, i);
		if (w) {
			i += w;
			continue;
		}
		size_t a = i;
		while (i < n && !separator_at(s, n, i))
			i++;
		if (nt == max || !classify_token(s + a, i - a, &tok[nt]))
			return -1;
		nt++;
	}
	return nt;
}

/* Read a line such as "8:30-12:00, May 28th" or "May 28, 2017 2:00 pm";
 * 1 when the whole line is a date and/or time, 0 otherwise. */
static int parse_time_line(const char *s, size_t n, hl_when *w)
{
	hl_token tok[16];
	w->year = w->month = w->day = w->has_date = w->names_date = 0;
	w->hour = w->minute = -1;
	if (n == 0 || n > 80 || (!is_digit((unsigned char)s[0]) && !(s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	int nt = tokenise_time(s, n, tok, 16);
	if (nt <= 0)
		return 0;
	int months = 0, days = 0, years = 0, times = 0, ampms = 0, first_time = -1;
	for (int k = 0; k < nt; k++) {
		hl_token *t = &tok[k];
		/* A day stands beside its month, or ends a range of days. */
		int prev = k > 0 ? tok[k - 1].kind : 0, next = k + 1 < nt ? tok[k + 1].kind : 0;
		int near_month = prev == TK_MONTH || prev == TK_DAY || next == TK_MONTH;
		switch (t->kind) {
		case TK_NUMBER:
		case TK_ORDINAL:
			if (!near_month || t->a < 1 || t->a > 31)
				return 0; /* a bare number: not a date line */
			t->kind = TK_DAY;
			w->day = t->a;
			days++;
			break;
		case TK_MONTH:
			w->month = t->a;
			months++;
			break;
		case TK_YEAR:
			if (years && w->year != t->a)
				years++;
			else if (!years)
				years = 1;
			w->year = t->a;
			break;
		case TK_CJKDATE:
			w->month = t->a;
			w->day = t->c;
			months++;
			days++;
			if (t->b) {
				if (years && w->year != t->b)
					years++;
				else if (!years)
					years = 1;
				w->year = t->b;
			}
			break;
		case TK_TIME:
			if (first_time < 0)
				first_time = k;
			times++;
			if (t->ampm)
				ampms++;
			break;
		case TK_AMPM:
			if (k == 0 || tok[k - 1].kind != TK_TIME || tok[k - 1].ampm)
				return 0;
			tok[k - 1].ampm = t->ampm;
			ampms++;
			break;
		default:
			break;
		}
	}
	if (!times && !(months && days))
		return 0;
	/* Two months or two days is a range: the line stays as text in
	 * date_text, the date unknown rather than one end of it. */
	w->has_date = months == 1 && days == 1;
	w->names_date = months && days;
	if (!w->has_date)
		w->month = w->day = 0;
	if (years > 1)
		w->year = 0;
	if (first_time >= 0) {
		hl_token *t = &tok[first_time];
		int h = t->a;
		if (t->ampm) {
			if (h >= 1 && h <= 12)
				w->hour = t->ampm == 2 ? h % 12 + 12 : h % 12;
		} else if (!ampms && h <= 23) {
			w->hour = h; /* 24-hour clock: no am or pm anywhere on the line */
		}
		if (w->hour >= 0 && t->b <= 59)
			w->minute = t->b;
		else
			w->hour = -1;
	}
	return 1;
}

/* ---- the parser ---- */

typedef struct hl_line {
	size_t at, len;  /* the trimmed line in the block's text */
	uint64_t off;    /* its offset in the input */
	uint64_t number; /* 1-based line number */
} hl_line;

typedef struct hl_parser {
	const hl_config *cfg;
	igt_input *in;
	igt_emit_fn emit;
	void *payload;
	int erc; /* an output's error: stop at once */

	igt_doc *doc;
	uint64_t doc_start;
	int doc_content; /* the document holds more than headings */
	int doc_has_time;

	char *event; /* from the first page header */
	char *header_event; /* as the first page header wrote it, to compare the others */
	int year;    /* the one year the page header names, or 0 */
	int header_seen;
	int header_warned;
	char *section, *session, *speaker;
	const char *pend_role; /* "**Chair:**" alone: the role of the block that follows */
	igt_buf pend_text;     /* that label as written, */
	uint64_t pend_off;     /* where it is, */
	uint64_t pend_number;  /* and its line: text, if no block follows */

	igt_buf text;      /* the current block's lines, trimmed */
	hl_line *lines;
	size_t n_lines, cap_lines;
	igt_buf seg;       /* the statement segment being built */
	const char *seg_type;
	uint64_t seg_start, seg_end;
	igt_buf join;      /* a person block's lines joined */
	igt_buf tmp;
	/* The document's people by name: index + 1 of each, open addressing. */
	size_t *people;
	size_t people_cap, people_used;
} hl_parser;

static void set_field(hl_parser *p, const char *key, const char *value, size_t len)
{
	json_object_set_new(igt_doc_fields(p->doc), key,
	                    value ? igt_doc_json_string(p->doc, value, len) : json_null());
}

static void replace(char **slot, const char *s, size_t n)
{
	free(*slot);
	*slot = s ? igt_strndup(s, n) : NULL;
}

static void doc_start(hl_parser *p, uint64_t offset)
{
	p->doc = igt_doc_new("highlights", "highlights");
	p->doc_start = offset;
	p->doc_content = 0;
	if (p->people_cap > 64) { /* a large index for a document long gone */
		free(p->people);
		p->people = NULL;
		p->people_cap = 0;
	}
	if (p->people)
		memset(p->people, 0, p->people_cap * sizeof(*p->people));
	p->people_used = 0;
	p->doc_has_time = 0;
	if (p->event)
		igt_doc_set(p->doc, IGT_DOC_EVENT, p->event, (size_t)-1);
	set_field(p, "section", p->section, (size_t)-1);
	set_field(p, "session", p->session, (size_t)-1);
	set_field(p, "time_text", NULL, 0);
}

static const char *field_text(hl_parser *p, const char *key)
{
	return json_string_value(json_object_get(igt_doc_fields(p->doc), key));
}

/* Title: "Section — Session", or whichever of them the page names. */
static void doc_title(hl_parser *p)
{
	const char *section = field_text(p, "section"), *session = field_text(p, "session");
	if (section && session) {
		igt_buf_reset(&p->tmp);
		igt_buf_add(&p->tmp, section, strlen(section));
		igt_buf_add(&p->tmp, " \xE2\x80\x94 ", 5);
		igt_buf_add(&p->tmp, session, strlen(session));
		igt_doc_set(p->doc, IGT_DOC_TITLE, p->tmp.data, p->tmp.len);
	} else if (section || session) {
		igt_doc_set(p->doc, IGT_DOC_TITLE, section ? section : session, (size_t)-1);
	}
}

/* Emit the current document, which ends at offset end; it belongs to the
 * core from then on, whatever emit returns. */
static void drop_pending(hl_parser *p);
static void seg_flush(hl_parser *p);

static int doc_finish(hl_parser *p, uint64_t end, int incomplete)
{
	drop_pending(p);
	seg_flush(p);
	doc_title(p);
	igt_doc *doc = p->doc;
	p->doc = NULL;
	if (incomplete)
		json_object_set_new(igt_doc_fields(doc), "incomplete", json_true());
	igt_doc_set_source_span(doc, p->doc_start, end - p->doc_start);
	int rc = p->emit(doc, p->payload);
	if (rc)
		p->erc = rc;
	return rc;
}

static void claim(hl_parser *p, igt_claim_kind kind, uint64_t off, uint64_t len)
{
	if (len)
		igt_doc_claim(p->doc, kind, off, len);
}

/* ---- statements ---- */

static void seg_flush(hl_parser *p)
{
	if (!p->seg_type)
		return;
	igt_span span = {p->seg_start, p->seg_end - p->seg_start};
	igt_segment *seg = igt_doc_add_segment(p->doc, p->seg_type, p->seg.data, p->seg.len, span);
	if (p->speaker)
		igt_segment_set_speaker(p->doc, seg, p->speaker);
	if (p->section)
		igt_segment_set_section(p->doc, seg, p->section);
	p->seg_type = NULL;
	igt_buf_reset(&p->seg);
	p->doc_content = 1;
}

/* A "**Chair:**" that no block followed: kept as text, with a warning. */
static void drop_pending(hl_parser *p)
{
	if (!p->pend_role)
		return;
	p->pend_role = NULL;
	seg_flush(p);
	igt_span span = {p->pend_off, p->pend_text.len};
	igt_segment *seg =
	    igt_doc_add_segment(p->doc, "paragraph", p->pend_text.data, p->pend_text.len, span);
	if (p->section)
		igt_segment_set_section(p->doc, seg, p->section);
	p->doc_content = 1;
	igt_input_log(p->in, IGT_LOG_WARNING, "the label at line %llu names no person: kept as text",
	              (unsigned long long)p->pend_number);
}

/* One line of a statement: a list marker starts a list item, any other
 * line continues the item or paragraph in progress (Markdown's lazy
 * continuation) or starts a paragraph. */
static void statement_line(hl_parser *p, const char *s, size_t n, uint64_t off)
{
	drop_pending(p);
	if (list_marker(s, n)) {
		seg_flush(p);
		p->seg_type = "list_item";
	} else if (p->seg_type) {
		igt_buf_add(&p->seg, "\n", 1);
	} else {
		p->seg_type = "paragraph";
	}
	if (p->seg.len == 0)
		p->seg_start = off;
	igt_buf_add(&p->seg, s, n);
	p->seg_end = off + n;
}

/* ---- people ---- */

static size_t name_hash(const char *s)
{
	size_t h = 14695981039346656037ull & (size_t)-1;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (1099511628211ull & (size_t)-1);
	return h;
}

/* Slot of name in the people index: where it is, or the free slot where it
 * belongs. */
static size_t people_slot(hl_parser *p, const char *name)
{
	size_t mask = p->people_cap - 1, i = name_hash(name) & mask;
	while (p->people[i]) {
		const igt_person *q = igt_doc_person(p->doc, p->people[i] - 1);
		if (q->name && strcmp(q->name, name) == 0)
			break;
		i = (i + 1) & mask;
	}
	return i;
}

static void people_grow(hl_parser *p)
{
	size_t old_cap = p->people_cap, *old = p->people;
	p->people_cap = old_cap ? old_cap * 2 : 16;
	p->people = hl_realloc(NULL, p->people_cap * sizeof(*p->people));
	memset(p->people, 0, p->people_cap * sizeof(*p->people));
	for (size_t i = 0; i < old_cap; i++) {
		if (!old[i])
			continue;
		size_t j = people_slot(p, igt_doc_person(p->doc, old[i] - 1)->name);
		p->people[j] = old[i];
	}
	free(old);
}

/* The person named name_s (normalised through igt_name_parse) with role,
 * position and affiliation; one person per name in a document. Returns the
 * normalised name (borrowed from the document), or NULL. */
static const char *add_person(hl_parser *p, const char *name_s, size_t name_n, const char *role,
                              const char *pos, size_t pos_n, const char *aff, size_t aff_n)
{
	igt_name nm;
	trim(&name_s, &name_n);
	igt_name_parse(&nm, name_s, name_n);
	if (!nm.name && !nm.honorific)
		return NULL;
	char *as_written = igt_strndup(name_s, name_n);
	igt_person *person = NULL;
	if (nm.name) {
		if ((p->people_used + 1) * 2 > p->people_cap)
			people_grow(p);
		size_t slot = people_slot(p, nm.name);
		if (p->people[slot]) {
			/* The document's own person: its setters take it. */
			person = (igt_person *)igt_doc_person(p->doc, p->people[slot] - 1);
		} else {
			p->people[slot] = igt_doc_person_count(p->doc) + 1;
			p->people_used++;
		}
	}
	if (!person)
		person = igt_doc_add_person(p->doc, nm.name, as_written);
	igt_person_add_role(p->doc, person, role);
	if (nm.honorific && !person->honorific)
		igt_person_set(p->doc, person, IGT_PERSON_HONORIFIC, nm.honorific);
	if (pos_n && !person->position) {
		char *v = igt_strndup(pos, pos_n);
		igt_person_set(p->doc, person, IGT_PERSON_POSITION, v);
		free(v);
	}
	if (aff_n && !person->affiliation) {
		char *v = igt_strndup(aff, aff_n);
		igt_person_set(p->doc, person, IGT_PERSON_AFFILIATION, v);
		free(v);
	}
	free(as_written);
	igt_name_clear(&nm);
	p->doc_content = 1;
	return person->name;
}

typedef struct hl_part {
	size_t a, b; /* in the joined text */
	int pos;
} hl_part;

/* Split "Position, Organisation" (s[0..n)) into its position and
 * affiliation: the position parts are those naming a position (see
 * is_position). A run of them first or last is the position and the rest
 * the affiliation; with none, all of it is the affiliation; when they are
 * interleaved with other parts the whole text is kept as the position. */
static void split_position(const char *s, size_t n, size_t *pos_a, size_t *pos_b,
                           size_t *aff_a, size_t *aff_b)
{
	hl_part part[16];
	size_t np = 0, i = 0;
	*pos_a = *pos_b = *aff_a = *aff_b = 0;
	while (i < n && np < 16) {
		size_t a = i, w = 0;
		while (i < n && !(w = comma_at(s, n, i)))
			i++;
		const char *t = s + a;
		size_t k = i - a;
		trim(&t, &k);
		if (k) {
			part[np].a = (size_t)(t - s);
			part[np].b = part[np].a + k;
			part[np].pos = is_position(t, k);
			np++;
		}
		i += w;
	}
	if (np == 0)
		return;
	if (i < n) { /* more than 16 parts: too odd to split */
		*pos_a = part[0].a;
		*pos_b = n;
		return;
	}
	size_t first = np, last = 0, npos = 0;
	for (size_t k = 0; k < np; k++) {
		if (!part[k].pos)
			continue;
		if (first == np)
			first = k;
		last = k;
		npos++;
	}
	size_t start = part[0].a, end = part[np - 1].b;
	if (npos == 0) {
		*aff_a = start;
		*aff_b = end;
	} else if (last - first + 1 != npos || (first != 0 && last != np - 1)) {
		*pos_a = start;
		*pos_b = end;
	} else if (first == 0) {
		*pos_a = start;
		*pos_b = part[last].b;
		if (last + 1 < np) {
			*aff_a = part[last + 1].a;
			*aff_b = end;
		}
	} else {
		*aff_a = start;
		*aff_b = part[first - 1].b;
		*pos_a = part[first].a;
		*pos_b = end;
	}
}

/* One person from "Name, Position, Organisation" (s[0..n)); the name is
 * what comes before the first comma. Returns the normalised name. */
static const char *person_from(hl_parser *p, const char *s, size_t n, const char *role)
{
	size_t i = 0, w = 0;
	while (i < n && !(w = name_end_at(s, n, i)))
		i++;
	const char *rest = s + i + w;
	size_t rn = i < n ? n - i - w : 0;
	size_t pa, pb, aa, ab;
	split_position(rest, rn, &pa, &pb, &aa, &ab);
	return add_person(p, s, i, role, rest + pa, pb - pa, rest + aa, ab - aa);
}

/* Join lines first..last of the block into p->join: each trimmed, inner
 * white space collapsed; skip bytes are left out at the start of the first
 * line and cut at the end of the last. Lines are joined by sep, except
 * between two CJK characters, which join directly. */
static void join_lines(hl_parser *p, size_t first, size_t last, size_t skip, size_t cut,
                       const char *sep)
{
	igt_buf_reset(&p->join);
	igt_buf_add(&p->join, "", 0);
	for (size_t k = first; k <= last; k++) {
		const char *s = p->text.data + p->lines[k].at;
		size_t n = p->lines[k].len;
		if (k == last)
			n -= cut;
		if (k == first) {
			s += skip;
			n -= skip;
		}
		trim(&s, &n);
		if (n == 0)
			continue;
		if (p->join.len) {
			size_t w;
			unsigned prev = decode_last(p->join.data, p->join.len);
			unsigned next = decode(s, n, 0, &w);
			if (!(is_wide(prev) && is_wide(next)))
				igt_buf_add(&p->join, sep, strlen(sep));
		}
		for (size_t i = 0; i < n;) {
			size_t a = i;
			while (i < n && s[i] != ' ' && s[i] != '\t')
				i++;
			igt_buf_add(&p->join, s + a, i - a);
			if (i < n)
				igt_buf_add(&p->join, " ", 1);
			while (i < n && (s[i] == ' ' || s[i] == '\t'))
				i++;
		}
	}
}

/* The people of a labelled block ("Chair : ShenYi, Director …"): one per
 * part between semicolons. Returns how many. */
static size_t labelled_people(hl_parser *p, const char *s, size_t n, const char *role)
{
	size_t count = 0, i = 0, last = 0;
	const char *name = NULL;
	while (i <= n) {
		size_t w = i < n ? semicolon_at(s, n, i) : 1;
		if (!w) {
			i++;
			continue;
		}
		const char *t = s + last;
		size_t k = i - last;
		trim(&t, &k);
		const char *got = k ? person_from(p, t, k, role) : NULL;
		if (got) {
			name = got;
			count++;
		}
		i += w;
		last = i;
	}
	/* Statements after a block naming one speaker are that speaker's. */
	if (strcmp(role, "speaker") == 0 || strcmp(role, "discussant") == 0)
		replace(&p->speaker, count == 1 ? name : NULL, count == 1 ? strlen(name) : 0);
	else
		replace(&p->speaker, NULL, 0);
	return count;
}

/* Whether s, a bold block on one line without a comma, is a name, a dash
 * and a position ("Anna Smith - Senior Researcher"): with nothing but the
 * position to vouch for it, the name must read as one alone. */
static int dash_name(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (name_end_at(s, n, i))
			return name_alone(s, i);
	return 0;
}

/* A speaker block's joined text: "Name, Position, Organisation". Returns 1
 * when it was read as a person (the current speaker from then on). */
static int speaker_block(hl_parser *p, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && !name_end_at(s, n, i))
		i++;
	const char *name = s;
	size_t nn = i;
	trim(&name, &nn);
	/* "**Director, CNNIC**", "**Senior Fellow, Tencent**": a position
	 * where the name should be names nobody. */
	if ((i == n ? !name_like_bare(name, nn) : !name_like(name, nn)) || is_position(name, nn)) {
		drop_pending(p);
		return 0;
	}
	if (p->pend_role) { /* under "**Chair:**": the chair, not a speaker */
		const char *role = p->pend_role;
		p->pend_role = NULL;
		return labelled_people(p, s, n, role) != 0;
	}
	const char *sp = person_from(p, s, n, "speaker");
	replace(&p->speaker, sp, sp ? strlen(sp) : 0);
	return 1;
}

/* The label of a block ("Chair :", "Moderator:"), if any: its role, and in
 * *after the offset of the text after the colon. */
static const char *block_label(const char *s, size_t n, size_t *after)
{
	size_t w, lim = n < 43 ? n : 43; /* labels are short: look no further */
	size_t c = find_colon(s, lim, &w);
	if (c == lim || c > 40)
		return NULL;
	const char *role = label_role(block_labels, s, c);
	if (role)
		*after = c + w;
	return role;
}

/* ---- blocks ---- */

typedef struct hl_bold {
	size_t line, col; /* where the closing "**" starts */
} hl_bold;

/* Find the "**" that closes a bold opened at line first, column 2. */
static int bold_close(hl_parser *p, size_t first, hl_bold *b)
{
	for (size_t k = first; k < p->n_lines; k++) {
		const char *s = p->text.data + p->lines[k].at;
		size_t n = p->lines[k].len;
		for (size_t i = k == first ? 2 : 0; i + 1 < n; i++) {
			if (s[i] == '*' && s[i + 1] == '*') {
				b->line = k;
				b->col = i;
				return 1;
			}
		}
	}
	return 0;
}

/* Blocks are read when the blank line after them is: name the line. */
static void warn_at(hl_parser *p, size_t line, const char *what)
{
	igt_input_log(p->in, IGT_LOG_WARNING, "%s at line %llu names no person: kept as text", what,
	              (unsigned long long)p->lines[line].number);
}

/* Claim lines first..last (through column end of the last) as a field. */
static void claim_lines(hl_parser *p, size_t first, size_t last, size_t end)
{
	uint64_t a = p->lines[first].off;
	claim(p, IGT_CLAIM_FIELD, a, p->lines[last].off + end - a);
}

/* A bold block that closes at the end of line last: a labelled block of
 * people ("**Chair : ShenYi, …**") or a speaker block ("**Chu Nan,  \n…
 * CNNIC**", "**Chu Nan:**"). 1 when it named someone. */
static int bold_whole(hl_parser *p, size_t i, size_t last, size_t cut)
{
	join_lines(p, i, last, 2, cut, " ");
	const char *js = p->join.data;
	size_t jn = p->join.len, lab;
	const char *role = block_label(js, jn, &lab);
	if (role) {
		seg_flush(p);
		const char *rest = js + lab;
		size_t rn = jn - lab;
		trim(&rest, &rn);
		drop_pending(p); /* a label before this block named no one */
		if (!rn) { /* "**Chair:**" on its own: the next block says who */
			size_t k = last + 1;
			if (k < p->n_lines && !has_prefix(p->text.data + p->lines[k].at, p->lines[k].len, "**"))
				return 0; /* text follows in the block */
			p->pend_role = role;
			igt_buf_reset(&p->pend_text);
			igt_buf_add(&p->pend_text, p->text.data + p->lines[i].at,
			            p->lines[last].at + p->lines[last].len - p->lines[i].at);
			p->pend_off = p->lines[i].off;
			p->pend_number = p->lines[i].number;
			return 1;
		}
		return labelled_people(p, rest, rn, role) != 0;
	}
	size_t colon = trailing_colon(js, jn);
	jn -= colon;
	/* "**Anna Smith - Senior Researcher**": a dash ends the name. */
	if (!colon && !has_comma(js, jn) && !(last == i && dash_name(js, jn))) {
		if (last == i)
			return 0; /* a bold phrase ("**Key points**"), not a person */
		/* No commas: the line breaks are the only separators. */
		join_lines(p, i, last, 2, cut, ", ");
		js = p->join.data;
		jn = p->join.len;
	}
	seg_flush(p);
	return speaker_block(p, js, jn);
}

/* Whether bold text reads as a sentence, not a position: six words or
 * more ending in a full stop, '!' or '?' after a word of more than four
 * letters ("… for all users.", not "Tencent Holdings Ltd." or "Dept."). */
static int bold_sentence(const char *t, size_t n)
{
	if (n > 160)
		return 1;
	if (has_suffix(t, n, "\xE3\x80\x82"))
		return 1; /* "。" */
	if (!n || !strchr(".!?", t[n - 1]))
		return 0;
	size_t words = 1, last = n - 1, a = last;
	for (size_t i = 0; i < n; i++)
		words += t[i] == ' ';
	while (a > 0 && t[a - 1] != ' ')
		a--;
	return words >= 6 && last - a > 4;
}

/* Words that may stand in lower case in a position or an organisation's
 * name ("Chair of the Board", "Centre for Promotion"). */
static const char *const title_connectors[] = {"of", "for", "and", "the", "on", "in", "at",
                                               "to", "de", "du", "des", "la", "le", "del",
                                               "di", "da", "y", "e", "und", "für", NULL};

/* Whether s reads as positions and organisations only: every word
 * capitalised, a number, not ASCII (CJK) or a connector, and no end of a
 * sentence but the dot of a short abbreviation ("Ltd.", "Inc."): "Director
 * of CNNIC, agreed." and "…, made three points:" are statements, whose
 * words must stay text. */
static int title_words(const char *s, size_t n)
{
	if (!n || strchr(":!?\")", s[n - 1]) || has_suffix(s, n, "\xE2\x80\x9D") /* ” */)
		return 0;
	for (size_t i = 0; i < n;) {
		while (i < n && (s[i] == ' ' || s[i] == ',' || s[i] == '&' || s[i] == '('))
			i++;
		size_t w = i;
		while (i < n && s[i] != ' ' && s[i] != ',')
			i++;
		if (i == w)
			break;
		unsigned char c = (unsigned char)s[w];
		size_t wn = i - w;
		if (s[i - 1] == '.' && (i < n || wn > 4))
			return 0; /* a full stop inside, or after a long word */
		if (!(c >= 'A' && c <= 'Z') && !is_digit(c) && c < 0x80 &&
		    !ci_in(s + w, wn - (s[i - 1] == ')'), title_connectors))
			return 0;
	}
	return 1;
}

/* "**Pierre Dupont**, Director, Internet Society France": a bold name
 * whose position (and organisation) follow it on its line, the whole
 * paragraph; the statement is the paragraph after it. The first part
 * after the comma must name a position: "**Internet Governance Forum**,
 * held in Paris" names nobody. 1 when it named someone. */
static size_t bold_name_then_position(hl_parser *p, size_t i, size_t last, size_t col)
{
	if (last != i || i + 1 != p->n_lines)
		return 0;
	const char *ls = p->text.data + p->lines[i].at, *name = ls + 2, *rest = ls + col + 2;
	size_t ln = p->lines[i].len, nn = col - 2, rn = ln - col - 2, first = 0;
	trim(&name, &nn);
	trim(&rest, &rn);
	if (rn < 2 || rn > 160 || rest[0] != ',' || !name_like_bare(name, nn))
		return 0;
	rest++, rn--;
	trim(&rest, &rn);
	while (first < rn && !comma_at(rest, rn, first))
		first++;
	if (!is_position(rest, first) || !title_words(rest, rn))
		return 0;
	igt_buf_reset(&p->join);
	igt_buf_add(&p->join, name, nn);
	igt_buf_add(&p->join, ", ", 2);
	igt_buf_add(&p->join, rest, rn);
	seg_flush(p);
	if (!speaker_block(p, p->join.data, p->join.len))
		return 0;
	claim_lines(p, i, i, ln);
	return 1;
}

/* Whether line i, the whole paragraph, opens with a bold name (closed at
 * column col) followed by a bracket or a comma: most likely a speaker
 * written in a form not read, whose statement follows. */
static int unread_name_line(hl_parser *p, size_t i, size_t last, size_t col)
{
	if (last != i || i + 1 != p->n_lines)
		return 0;
	const char *ls = p->text.data + p->lines[i].at, *name = ls + 2, *rest = ls + col + 2;
	size_t nn = col - 2, rn = p->lines[i].len - col - 2;
	trim(&name, &nn);
	trim(&rest, &rn);
	return rn && (rest[0] == '(' || rest[0] == ',') && name_like_bare(name, nn);
}

/* Width of an opening (close: a closing) bracket, ASCII or full-width, at
 * s[i]; 0 when none. */
static size_t bracket_at(const char *s, size_t n, size_t i, int close)
{
	return mark_at(s, n, i, close ? ')' : '(');
}

/* Whether t, one word, is the initials of name ("Internet Governance
 * Forum" (IGF)): an abbreviation of what the bold names, not its
 * organisation. */
static int initials_of(const char *t, size_t tn, const char *name, size_t nn)
{
	size_t k = 0;
	for (size_t i = 0; i < nn; i++) {
		if (i > 0 && name[i - 1] != ' ' && name[i - 1] != '-')
			continue;
		if (name[i] >= 'A' && name[i] <= 'Z' && (k >= tn || t[k++] != name[i]))
			return 0;
	}
	return k == tn && tn >= 2;
}

/* First words of a bracket after a name that say how the person took
 * part, not where they work: "(Online)", "(Video Message)". */
static const char *const aside_words[] = {"online", "remote", "remotely", "virtual", "video",
                                          "recorded", "invited", "absent", "tbc", "tbd",
                                          "continued", NULL};

/* Whether t, the text in brackets after a bold name, reads as a position
 * and an organisation: title words (see title_words) opening with a
 * capital or CJK, no colon, no time or date ("(May 28)"), no heading or
 * aside word first ("(Session 2)", "(Online)"), not the initials of the
 * name. */
static int bracket_affiliation(const char *t, size_t tn, const char *name, size_t nn)
{
	hl_when when;
	size_t first = 0, cw;
	unsigned char c = tn ? (unsigned char)t[0] : 0;
	if (tn == 0 || tn > 160 || !((c >= 'A' && c <= 'Z') || c >= 0x80) ||
	    find_colon(t, tn, &cw) < tn || !title_words(t, tn) || parse_time_line(t, tn, &when))
		return 0;
	while (first < tn && t[first] != ' ' && !comma_at(t, tn, first))
		first++;
	return !ci_in(t, first, label_words) && !ci_in(t, first, aside_words) &&
	       !initials_of(t, tn, name, nn);
}

/* "**Wang Fang** (Director, CNNIC)": a bold name opening its paragraph,
 * its position and organisation in brackets after it (split as in a
 * speaker block), then the end of the line, or a colon and the statement.
 * A role label in the brackets ("(Moderator)") gives the role instead.
 * Returns the lines taken (1), with the column of the statement in
 * *stmt_col; 0 when the line is no such name. */
static size_t bold_name_then_brackets(hl_parser *p, size_t i, size_t last, size_t col,
                                      size_t *stmt_col)
{
	if (i != 0 || last != i)
		return 0;
	const char *ls = p->text.data + p->lines[i].at, *name = ls + 2;
	size_t ln = p->lines[i].len, nn = col - 2, a = col + 2, open, close = 0;
	while (a < ln && (ls[a] == ' ' || ls[a] == '\t'))
		a++;
	if (a == ln || !(open = bracket_at(ls, ln, a, 0)))
		return 0;
	size_t b = a + open;
	while (b < ln && !(close = bracket_at(ls, ln, b, 1))) {
		if (bracket_at(ls, ln, b, 0))
			return 0; /* brackets inside brackets: too odd to read */
		b++;
	}
	size_t stmt = b + close, cw = 0;
	while (stmt < ln && (ls[stmt] == ' ' || ls[stmt] == '\t'))
		stmt++;
	if (!close || (stmt < ln && !(cw = colon_at(ls, ln, stmt))))
		return 0; /* "**Li Ming** (CNNIC) said that …": a sentence */
	for (stmt += cw; stmt < ln && (ls[stmt] == ' ' || ls[stmt] == '\t');)
		stmt++;
	const char *t = ls + a + open;
	size_t tn = b - a - open;
	trim(&name, &nn);
	trim(&t, &tn);
	const char *role = label_role(block_labels, t, tn);
	if (!name_alone(name, nn) || !(role || bracket_affiliation(t, tn, name, nn)))
		return 0;
	seg_flush(p);
	if (role) {
		drop_pending(p); /* the brackets say the role, not a label before */
		if (!labelled_people(p, name, nn, role))
			return 0;
	} else {
		igt_buf_reset(&p->join);
		igt_buf_add(&p->join, name, nn);
		igt_buf_add(&p->join, ", ", 2);
		igt_buf_add(&p->join, t, tn);
		if (!speaker_block(p, p->join.data, p->join.len))
			return 0;
	}
	claim_lines(p, i, i, stmt);
	*stmt_col = stmt < ln ? stmt : 0;
	return 1;
}

/* A bold label followed by text on its line, at column after of line last:
 * "**Chu Nan:** statement …" or "**Chair:** ShenYi, Director …". Returns
 * the lines taken and, for a speaker, the column where the statement
 * starts in *stmt_col; 0 when the bold is no such label. */
static size_t bold_inline(hl_parser *p, size_t i, size_t last, size_t col, size_t *stmt_col)
{
	/* Under "**Chair:**" a name in brackets is the chair's. */
	size_t took = bold_name_then_brackets(p, i, last, col, stmt_col);
	if (took)
		return took;
	drop_pending(p); /* "**Chair:**" names the block after it, not an inline label */
	const char *ls = p->text.data + p->lines[last].at;
	size_t ln = p->lines[last].len, after = col + 2;
	while (after < ln && (ls[after] == ' ' || ls[after] == '\t'))
		after++;
	size_t colon_out = after < ln ? colon_at(ls, ln, after) : 0;
	join_lines(p, i, last, 2, ln - col, " ");
	size_t colon_in = trailing_colon(p->join.data, p->join.len);
	if (!colon_in && !colon_out) /* or bold emphasis at the start of a sentence */
		return bold_name_then_position(p, i, last, col);
	size_t stmt = after + colon_out;
	while (stmt < ln && (ls[stmt] == ' ' || ls[stmt] == '\t'))
		stmt++;
	const char *role = label_role(block_labels, p->join.data, p->join.len - colon_in);
	if (role) {
		/* The people follow the label, to the end of the block. */
		size_t end = p->n_lines - 1;
		join_lines(p, last, end, stmt, 0, " ");
		seg_flush(p);
		if (!labelled_people(p, p->join.data, p->join.len, role))
			return 0;
		claim_lines(p, i, end, p->lines[end].len);
		return end - i + 1;
	}
	seg_flush(p);
	if (!speaker_block(p, p->join.data, p->join.len - colon_in))
		return 0;
	claim_lines(p, i, last, stmt);
	*stmt_col = stmt < ln ? stmt : 0;
	return last - i + 1;
}

/* Line k trimmed, if it is bold from end to end with no bold inside
 * ("**Li Ming**  "): its text between the marks in *t, *tn. */
static int bold_line(hl_parser *p, size_t k, const char **t, size_t *tn)
{
	const char *s = p->text.data + p->lines[k].at;
	size_t n = p->lines[k].len;
	trim(&s, &n);
	if (n < 5 || s[0] != '*' || s[1] != '*' || s[2] == '*' || s[2] == ' ' || s[n - 1] != '*' ||
	    s[n - 2] != '*')
		return 0;
	for (size_t j = 2; j + 3 < n; j++)
		if (s[j] == '*' && s[j + 1] == '*')
			return 0;
	*t = s + 2;
	*tn = n - 4;
	trim(t, tn);
	return *tn > 0;
}

/* A speaker block of lines each bold on its own ("**Li Ming**  " then
 * "**Director, CNNIC**"), from line i: the lines taken, or 0. */
static size_t bold_lines(hl_parser *p, size_t i, int *whole)
{
	const char *t;
	size_t tn, last = i;
	if (!bold_line(p, i, &t, &tn))
		return 0;
	/* The lines after the first give a position or an organisation: a
	 * bold sentence ("**The Internet must stay open.**") is a statement. */
	while (last + 1 < p->n_lines && bold_line(p, last + 1, &t, &tn) && !bold_sentence(t, tn))
		last++;
	if (last == i)
		return 0;
	*whole = 1;
	igt_buf_reset(&p->join);
	for (size_t k = i; k <= last; k++) {
		bold_line(p, k, &t, &tn);
		if (p->join.len && p->join.data[p->join.len - 1] != ',')
			igt_buf_addc(&p->join, ',');
		if (p->join.len)
			igt_buf_addc(&p->join, ' ');
		igt_buf_add(&p->join, t, tn);
	}
	seg_flush(p);
	size_t lab;
	const char *role = block_label(p->join.data, p->join.len, &lab);
	if (role ? !labelled_people(p, p->join.data + lab, p->join.len - lab, role)
	         : !speaker_block(p, p->join.data, p->join.len))
		return 0;
	claim_lines(p, i, last, p->lines[last].len);
	return last - i + 1;
}

/* Whether line k, not bold, can give a position or an organisation under
 * a bold name: title words, no colon, no list marker, no time line. */
static int plain_title_line(hl_parser *p, size_t k)
{
	hl_when when;
	const char *s = p->text.data + p->lines[k].at;
	size_t n = p->lines[k].len, cw;
	return n <= 160 && !memchr(s, '*', n) && find_colon(s, n, &cw) == n && !list_marker(s, n) &&
	       title_words(s, n) && !parse_time_line(s, n, &when);
}

/* "**Maria Lopez**" alone on the first line of its paragraph, her
 * position and organisation on the plain lines under it (at most three,
 * "Head of Policy, Internet Society"), one of which names a position; the
 * statement follows. The lines join as a block's lines do. Returns the
 * lines taken, 0 when they are no such block. */
static size_t bold_name_then_lines(hl_parser *p, size_t i)
{
	const char *name;
	size_t nn, last = i, cw;
	if (i != 0 || !bold_line(p, i, &name, &nn) || has_comma(name, nn) ||
	    find_colon(name, nn, &cw) < nn || !name_alone(name, nn))
		return 0;
	while (last + 1 < p->n_lines && last - i < 3 && plain_title_line(p, last + 1))
		last++;
	if (last == i)
		return 0;
	join_lines(p, i + 1, last, 0, 0, " ");
	if (!has_comma(p->join.data, p->join.len))
		join_lines(p, i + 1, last, 0, 0, ", ");
	size_t pa, pb, aa, ab;
	split_position(p->join.data, p->join.len, &pa, &pb, &aa, &ab);
	if (pb == pa)
		return 0; /* "**Maria Lopez**" over "Tencent" alone: no position */
	igt_buf_reset(&p->tmp);
	igt_buf_add(&p->tmp, name, nn);
	igt_buf_add(&p->tmp, ", ", 2);
	igt_buf_add(&p->tmp, p->join.data, p->join.len);
	seg_flush(p);
	if (!speaker_block(p, p->tmp.data, p->tmp.len))
		return 0;
	claim_lines(p, i, last, p->lines[last].len);
	return last - i + 1;
}

/* A bold block starting at line i (see bold_whole and bold_inline).
 * Returns the lines it took, 0 when it is no person; *whole says whether
 * what was not a person still stands apart from the statement around it:
 * a bold that runs to the end of its line, or a label with a colon. */
static size_t bold_block(hl_parser *p, size_t i, size_t *stmt_col, int *whole)
{
	hl_bold b;
	*stmt_col = 0;
	*whole = 0;
	const char *first = p->text.data + p->lines[i].at;
	if (p->lines[i].len < 5 || first[2] == '*' || first[2] == ' ')
		return 0;
	size_t took = bold_lines(p, i, whole);
	if (took || *whole)
		return took;
	if ((took = bold_name_then_lines(p, i)) != 0) {
		*whole = 1;
		return took;
	}
	if (!bold_close(p, i, &b)) {
		*whole = 1; /* never closed: say so */
		return 0;
	}
	size_t ln = p->lines[b.line].len;
	if (b.col + 2 == ln) {
		*whole = 1;
		if (!bold_whole(p, i, b.line, ln - b.col))
			return 0;
		claim_lines(p, i, b.line, ln);
		return b.line - i + 1;
	}
	took = bold_inline(p, i, b.line, b.col, stmt_col);
	/* A label that names nobody ("**Note:** …") is not the speaker's, nor
	 * is what follows a paragraph that opens with a bold name we cannot
	 * read as a speaker block ("**Wang Fang** (CNNIC)"). */
	*whole = took == 0 && ((p->join.len && trailing_colon(p->join.data, p->join.len)) ||
	                       unread_name_line(p, i, b.line, b.col));
	return took;
}

/* A labelled line without bold ("Chair: ShenYi, Director …"): the whole
 * block from line i. */
static size_t plain_label(hl_parser *p, size_t i)
{
	drop_pending(p);
	const char *s = p->text.data + p->lines[i].at;
	size_t lab;
	const char *role = block_label(s, p->lines[i].len, &lab);
	if (!role)
		return 0;
	join_lines(p, i, p->n_lines - 1, lab, 0, " ");
	if (!labelled_people(p, p->join.data, p->join.len, role))
		return 0;
	claim_lines(p, i, p->n_lines - 1, p->lines[p->n_lines - 1].len);
	return p->n_lines - i;
}

/* ---- credits: "(Reporter: X, Editor: Y)" ---- */

typedef struct hl_credit {
	const char *role;
	size_t a, b;
} hl_credit;

/* Split one credited value into names ("A and B", "A、B", "A & B"). */
static size_t credit_names(const char *s, size_t a, size_t b, const char *role,
                           hl_credit *out, size_t have, size_t max)
{
	size_t i = a, last = a;
	while (i <= b) {
		size_t w = 0;
		if (i == b)
			w = 0;
		else if (has_prefix(s + i, b - i, " and "))
			w = 5;
		else if (has_prefix(s + i, b - i, " & "))
			w = 3;
		else if (has_prefix(s + i, b - i, "\xE3\x80\x81"))
			w = 3;
		else if (s[i] == '/')
			w = 1;
		else {
			i++;
			continue;
		}
		const char *t = s + last;
		size_t k = i - last;
		trim(&t, &k);
		if (!k || have == max)
			return (size_t)-1;
		for (size_t j = 0; j < k; j++)
			if (is_digit((unsigned char)t[j]))
				return (size_t)-1;
		out[have].role = role;
		out[have].a = (size_t)(t - s);
		out[have].b = out[have].a + k;
		have++;
		if (i == b)
			break;
		i += w;
		last = i;
	}
	return have;
}

/* Parse the inside of a credits line into out; the count, or 0 when it is
 * not one (an unknown label, an empty name). */
static size_t parse_credits(const char *s, size_t n, hl_credit *out, size_t max)
{
	size_t have = 0, i = 0, last = 0;
	const char *role = NULL;
	while (i <= n) {
		size_t w = i == n ? 1 : comma_at(s, n, i);
		if (!w && i < n)
			w = semicolon_at(s, n, i);
		if (!w && i < n && s[i] == '/') {
			/* "Text: Li Lei / Photo: Wang Wu": a slash before a label
			 * ends a part; between names it joins them. */
			const char *t = s + i + 1;
			size_t k = n - i - 1, cw;
			trim(&t, &k);
			size_t c = find_colon(t, k, &cw);
			if (c < k && label_role(credit_labels, t, c))
				w = 1;
		}
		if (!w) {
			i++;
			continue;
		}
		const char *t = s + last;
		size_t k = i - last, cw;
		trim(&t, &k);
		size_t c = find_colon(t, k, &cw);
		size_t a = (size_t)(t - s), b = a + k;
		if (c < k) {
			if (!(role = label_role(credit_labels, t, c)))
				return 0;
			a += c + cw;
		} else if (!role) {
			return 0;
		}
		have = credit_names(s, a, b, role, out, have, max);
		if (have == (size_t)-1)
			return 0;
		i += w;
		last = i;
	}
	return have;
}

/* A whole line in parentheses naming editors and reporters. */
static int credits_line(hl_parser *p, const char *line, size_t line_n, uint64_t off)
{
	const char *s = line;
	size_t n = line_n, open, close;
	trim(&s, &n); /* U+3000 indentation too */
	if (n >= 2 && (s[0] == '(' || s[0] == '['))
		open = 1;
	else if (has_prefix(s, n, "\xEF\xBC\x88"))
		open = 3;
	else
		return 0;
	if (has_suffix(s, n, ")") || has_suffix(s, n, "]"))
		close = 1;
	else if (has_suffix(s, n, "\xEF\xBC\x89"))
		close = 3;
	else
		return 0;
	if (n < open + close + 3 || n > 300)
		return 0;
	hl_credit cr[16];
	const char *in = s + open;
	size_t k = parse_credits(in, n - open - close, cr, 16);
	if (!k)
		return 0;
	seg_flush(p);
	for (size_t i = 0; i < k; i++)
		add_person(p, in + cr[i].a, cr[i].b - cr[i].a, cr[i].role, NULL, 0, NULL, 0);
	claim(p, IGT_CLAIM_FIELD, off, line_n);
	return 1;
}

/* ---- the page header, headings and the time line ---- */

/* A trimmed punctuation tail of an event name ("Shanghai Forum 2017 -"). */
static void trim_event(const char **s, size_t *n)
{
	for (;;) {
		trim(s, n);
		if (*n && strchr(":-|,*_", (*s)[*n - 1]))
			(*n)--;
		else if (has_suffix(*s, *n, "\xE2\x80\x93") || has_suffix(*s, *n, "\xE2\x80\x94"))
			*n -= 3;
		else if (*n && strchr("*_", (*s)[0])) {
			(*s)++;
			(*n)--;
		} else
			break;
	}
}

/* The one year (1900-2099) that s names, or 0 (none, or several). */
static int single_year(const char *s, size_t n)
{
	int year = 0;
	for (size_t i = 0; i < n;) {
		if (!is_digit((unsigned char)s[i])) {
			i++;
			continue;
		}
		size_t a = i;
		int v = read_number(s, n, &i, 9);
		while (i < n && is_digit((unsigned char)s[i]))
			i++;
		if (i - a == 4 && v >= 1900 && v <= 2099) {
			if (year && year != v)
				return 0;
			year = v;
		}
	}
	return year;
}

/* The page header, whole line [off, off+len), its text h. The first one
 * gives the event; the others are boilerplate repeated at page breaks. */
static void page_header(hl_parser *p, const char *h, size_t hn, uint64_t off, size_t len)
{
	long at = ci_find(h, hn, "perspective");
	if (at < 0)
		at = ci_find(h, hn, "highlights");
	const char *ev = h;
	size_t en = (size_t)at;
	trim_event(&ev, &en);
	if (!p->header_seen) {
		p->header_seen = 1;
		if (en) {
			replace(&p->event, ev, en);
			replace(&p->header_event, ev, en);
			p->year = single_year(ev, en);
			if (!p->year && (p->year = single_year(h, hn)) != 0) {
				/* "Shanghai Forum Perspective Highlights 2017": the
				 * event is the forum of that year. */
				char year[8];
				snprintf(year, sizeof(year), " %d", p->year);
				igt_buf_reset(&p->tmp);
				igt_buf_add(&p->tmp, ev, en);
				igt_buf_add(&p->tmp, year, strlen(year));
				replace(&p->event, p->tmp.data, p->tmp.len);
			}
			igt_doc_set(p->doc, IGT_DOC_EVENT, p->event, (size_t)-1);
			claim(p, IGT_CLAIM_FIELD, off, len);
			return;
		}
	} else if (!p->header_warned &&
	           (p->header_event ? en != strlen(p->header_event) || memcmp(ev, p->header_event, en)
	                            : en != 0)) {
		p->header_warned = 1;
		igt_input_log(p->in, IGT_LOG_WARNING,
		              "a page header names another event (%.*s); kept as boilerplate",
		              (int)(hn > 80 ? 80 : hn), h);
	}
	claim(p, IGT_CLAIM_BOILERPLATE, off, len);
}

/* Split documents at a heading when the current one has content. */
static int new_document(hl_parser *p, uint64_t offset)
{
	if (!p->cfg->split_sessions || !p->doc_content)
		return 0;
	seg_flush(p);
	int rc = doc_finish(p, offset, 0);
	if (rc)
		return rc;
	doc_start(p, offset);
	return 0;
}

static void add_heading(hl_parser *p, const char *s, size_t n, uint64_t off)
{
	igt_span span = {off, n};
	igt_segment *seg = igt_doc_add_segment(p->doc, "heading", s, n, span);
	if (p->section)
		igt_segment_set_section(p->doc, seg, p->section);
}

/* An ATX heading line s[0..n) at off, of the given level. */
static int heading(hl_parser *p, int level, const char *s, size_t n, uint64_t off)
{
	drop_pending(p);
	size_t a = (size_t)level, b = n;
	while (a < n && (s[a] == ' ' || s[a] == '\t'))
		a++;
	/* A closing run of '#' is decoration ("## Title ##"). */
	size_t c = b;
	while (c > a && s[c - 1] == '#')
		c--;
	if (c < b && (c == a || s[c - 1] == ' ' || s[c - 1] == '\t'))
		b = c;
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
		b--;
	/* "## **Title**": the bold markers are decoration too. */
	if (b - a > 4 && has_prefix(s + a, b - a, "**") && has_suffix(s + a, b - a, "**")) {
		const char *t = s + a + 2;
		size_t k = b - a - 4;
		trim(&t, &k);
		if (k && !memchr(t, '*', k)) {
			a = (size_t)(t - s);
			b = a + k;
		}
	}
	if (a == b || is_page_header(s + a, b - a, 1)) {
		if (a == b)
			claim(p, IGT_CLAIM_BOILERPLATE, off, n);
		else
			page_header(p, s + a, b - a, off, n);
		return 0;
	}
	/* One document per file (split_sessions off): the first section and
	 * session name it; later ones are only its headings. */
	int rc = 0, fields = p->cfg->split_sessions || !p->doc_content;
	if (level <= 2) {
		if ((rc = new_document(p, off)) != 0)
			return rc;
		replace(&p->section, s + a, b - a);
		replace(&p->session, NULL, 0);
		if (fields) {
			set_field(p, "section", p->section, (size_t)-1);
			set_field(p, "session", NULL, 0);
		}
	} else if (level == 3) {
		if (p->session && (rc = new_document(p, off)) != 0)
			return rc;
		replace(&p->session, s + a, b - a);
		if (fields || !field_text(p, "session"))
			set_field(p, "session", p->session, (size_t)-1);
	}
	replace(&p->speaker, NULL, 0);
	claim(p, IGT_CLAIM_BOILERPLATE, off, a);
	claim(p, IGT_CLAIM_BOILERPLATE, off + b, n - b);
	add_heading(p, s + a, b - a, off + a);
	return 0;
}

/* The session's time and date line: fields.time_text, date_text and, when
 * the month, day and year are known, the date. */
static int time_line(hl_parser *p, const char *line, size_t line_n, uint64_t off)
{
	hl_when w;
	const char *s = line;
	size_t n = line_n;
	trim(&s, &n); /* U+3000 indentation too */
	if (p->doc_has_time || !parse_time_line(s, n, &w))
		return 0;
	seg_flush(p);
	p->doc_has_time = 1;
	p->doc_content = 1;
	set_field(p, "time_text", s, n);
	claim(p, IGT_CLAIM_FIELD, off, line_n);
	if (w.names_date)
		igt_doc_set(p->doc, IGT_DOC_DATE_TEXT, s, n);
	if (!w.has_date)
		return 1;
	igt_date d;
	igt_date_init(&d);
	d.year = w.year ? w.year : p->cfg->year_from_header ? p->year : 0;
	d.month = w.month;
	d.day = w.day;
	d.hour = w.hour;
	d.minute = w.hour >= 0 ? w.minute : -1;
	char iso[40];
	if (!igt_date_valid(&d)) {
		igt_input_log(p->in, IGT_LOG_WARNING,
		              "no such date: %.*s; the date is left unknown", (int)n, s);
	} else if (igt_date_format(&d, iso, sizeof(iso))) {
		igt_doc_set(p->doc, IGT_DOC_DATE, iso, (size_t)-1);
	}
	return 1;
}

/* Process the block of lines gathered so far. */
static void block_end(hl_parser *p)
{
	size_t n = p->n_lines;
	if (n == 0)
		return;
	const char *t0 = p->text.data + p->lines[0].at;
	if (n == 1 && is_page_header(t0, p->lines[0].len, 0)) {
		page_header(p, t0, p->lines[0].len, p->lines[0].off, p->lines[0].len);
		p->n_lines = 0;
		igt_buf_reset(&p->text);
		return;
	}
	for (size_t i = 0; i < n;) {
		const char *s = p->text.data + p->lines[i].at;
		size_t len = p->lines[i].len, col = 0, took = 0;
		uint64_t off = p->lines[i].off;
		if (has_prefix(s, len, "**")) {
			int whole;
			took = bold_block(p, i, &col, &whole);
			if (!took && whole) {
				/* Most likely a sub-heading: what follows may not be the
				 * last speaker's. */
				warn_at(p, i, "the bold block");
				seg_flush(p);
				replace(&p->speaker, NULL, 0);
			}
		} else if (i == 0 && (took = plain_label(p, i)) != 0) {
			seg_flush(p);
		} else if (time_line(p, s, len, off) || credits_line(p, s, len, off)) {
			took = 1;
		}
		if (took == 0) {
			statement_line(p, s, len, off);
			i++;
			continue;
		}
		i += took;
		if (col) {
			const hl_line *l = &p->lines[i - 1];
			statement_line(p, p->text.data + l->at + col, l->len - col, l->off + col);
		}
	}
	seg_flush(p);
	p->n_lines = 0;
	igt_buf_reset(&p->text);
}

static void block_add(hl_parser *p, const char *s, size_t n, uint64_t off, uint64_t number)
{
	if (p->n_lines == p->cap_lines) {
		p->cap_lines = p->cap_lines ? p->cap_lines * 2 : 64;
		p->lines = hl_realloc(p->lines, p->cap_lines * sizeof(*p->lines));
	}
	hl_line *l = &p->lines[p->n_lines++];
	l->at = p->text.len;
	l->len = n;
	l->off = off;
	l->number = number;
	igt_buf_add(&p->text, s, n);
}

static void parser_free(hl_parser *p)
{
	igt_doc_free(p->doc);
	free(p->event);
	free(p->header_event);
	free(p->section);
	free(p->session);
	free(p->speaker);
	igt_buf_free(&p->text);
	free(p->lines);
	igt_buf_free(&p->seg);
	igt_buf_free(&p->join);
	igt_buf_free(&p->pend_text);
	igt_buf_free(&p->tmp);
	free(p->people);
}

/* One line of input; 0, or a negative code to stop with. */
static int on_line(hl_parser *p, const igt_line *line, int *nonblank)
{
	const char *s = line->text;
	size_t n = line->len - line->eol;
	uint64_t off = line->offset;
	if (line->number == 1 && has_prefix(s, n, "\xEF\xBB\xBF")) {
		claim(p, IGT_CLAIM_BOILERPLATE, off, 3); /* the byte order mark */
		s += 3;
		n -= 3;
		off += 3;
	}
	if (memchr(s, '\0', n)) {
		igt_input_log(p->in, IGT_LOG_ERROR, "binary data (a NUL byte): not text");
		return IGT_EBADINPUT;
	}
	const char *t = s, *w;
	size_t k = n, wn;
	trim_ws(&t, &k, 0);
	off += (uint64_t)(t - s);
	w = t;
	wn = k;
	trim(&w, &wn);
	if (wn == 0) {
		claim(p, IGT_CLAIM_BOILERPLATE, off, k); /* ideographic spaces only */
		block_end(p);
		return p->erc;
	}
	*nonblank = 1;
	int level = heading_level(t, k);
	if (is_rule(t, k) || level) {
		block_end(p);
		if (level)
			return heading(p, level, t, k, off);
		claim(p, IGT_CLAIM_BOILERPLATE, off, k);
		return 0;
	}
	block_add(p, t, k, off, line->number);
	return 0;
}

static int highlights_parse(void *state, igt_input *in, igt_emit_fn emit, void *payload)
{
	hl_parser p = {0};
	p.cfg = state;
	p.in = in;
	p.emit = emit;
	p.payload = payload;
	doc_start(&p, 0);
	igt_line line;
	int rc, nonblank = 0;
	while ((rc = igt_input_getline(in, &line)) == 1) {
		int lrc = on_line(&p, &line, &nonblank);
		if (lrc) {
			parser_free(&p);
			return lrc;
		}
	}
	block_end(&p);
	if (!nonblank) {
		if (rc == 0)
			igt_input_log(in, IGT_LOG_ERROR, "only white space; nothing to import");
		parser_free(&p);
		return rc < 0 ? rc : IGT_EBADINPUT;
	}
	if (!p.header_seen)
		igt_input_log(in, IGT_LOG_WARNING,
		              "no \"Perspective Highlights\" page header: the event is unknown");
	int erc = doc_finish(&p, igt_input_offset(in), rc < 0);
	parser_free(&p);
	return erc ? erc : rc < 0 ? rc : 0;
}

/* ---- detection ---- */

/* The marks, in the first 4096 bytes: a "# … Perspective Highlights"
 * header; a "**Chair" or "**Moderator" block; bold speaker blocks, a line
 * opening with "**" and a capitalised or CJK name followed by a comma. */
static int highlights_score(const unsigned char *head, size_t len)
{
	const char *s = (const char *)head;
	int header = 0, chair = 0, speakers = 0;
	if (memchr(s, '\0', len))
		return 0;
	size_t i = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; /* byte order mark */
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len;
		const char *t = s + i;
		size_t n = e - i;
		i = e + 1;
		trim(&t, &n);
		if (heading_level(t, n)) {
			header |= ci_find(t, n, "perspective highlights") >= 0;
			continue;
		}
		if (n < 4 || t[0] != '*' || t[1] != '*')
			continue;
		t += 2;
		n -= 2;
		size_t lab;
		const char *role = block_label(t, n, &lab);
		if (role && (strcmp(role, "chair") == 0 || strcmp(role, "moderator") == 0)) {
			chair = 1;
			continue;
		}
		unsigned char c = (unsigned char)t[0];
		if (!((c >= 'A' && c <= 'Z') || c >= 0x80))
			continue;
		for (size_t j = 0; j < n && !(j + 1 < n && t[j] == '*' && t[j + 1] == '*'); j++) {
			if (comma_at(t, n, j)) {
				speakers++;
				break;
			}
		}
	}
	if (header)
		return 70 + (chair ? 15 : 0) + (speakers ? 10 : 0);
	int score = (chair ? 20 : 0) + 15 * (speakers > 2 ? 2 : speakers);
	return score >= 30 ? score : 0;
}

static int highlights_open(void **state, const void *config, igt_host *host)
{
	(void)host;
	*state = (void *)config;
	return 0;
}

IGT_PLUGIN_DEFINE(highlights) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "highlights",
	.version = "1.0",
	.summary = "forum \"Perspective Highlights\" pages: sessions, chairs, speakers, statements",
	.kind = IGT_FORMAT,
	.options = hl_options,
	.config_size = sizeof(hl_config),
	.open = highlights_open,
	.op.format = {.score = highlights_score, .parse = highlights_parse},
};
