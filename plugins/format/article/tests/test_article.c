/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the article plugin's text rules: dates and datelines,
 * bylines (names against positions, scripts, honorifics), section numbers,
 * author notes and detection. The plugin's helpers are static, so the
 * source is included here. Whole documents are checked by the golden
 * cases in tests/cases/; here only what igtext parse cannot reach: the
 * paragraphs option (format options are not settable per input yet) and
 * a failing emit.
 */
#include "../article.c"

#include "host_private.h"
#include "input_private.h"
#include "tap.h"

static char text_buf[512];

/* s[span] as a string, for is_str. */
static const char *cut(const char *s, span32 sp)
{
	size_t n = sp.b - sp.a < sizeof(text_buf) - 1 ? sp.b - sp.a : sizeof(text_buf) - 1;
	memcpy(text_buf, s + sp.a, n);
	text_buf[n] = '\0';
	return text_buf;
}

static const char *iso(const igt_date *d)
{
	static char buf[40];
	if (!igt_date_format(d, buf, sizeof(buf)))
		return NULL;
	return buf;
}

static void test_dates(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
	    {"March 10, 2016", "2016-03-10"},
	    {"10 March 2016", "2016-03-10"},
	    {"2016-03-10", "2016-03-10"},
	    {"2016/3/10", "2016-03-10"},
	    {"2016", "2016"},
	    {"March 2016", "2016-03"},
	    {"Mar. 10 2016", "2016-03-10"},
	    {"10th March 2016", "2016-03-10"},
	    {"Thursday, March 10, 2016", "2016-03-10"},
	    {"2016\xE5\xB9\xB4"
	     "3\xE6\x9C\x88"
	     "10\xE6\x97\xA5",
	     "2016-03-10"},
	    {"2016\xE5\xB9\xB4"
	     "3\xE6\x9C\x88",
	     "2016-03"},
	    {"February 30, 2016", NULL},
	    {"10/03/2016", "2016"}, /* 10 March or October 3: the year only */
	    {"13/03/2016", "2016-03-13"},
	    {"03/14/2016", "2016-03-14"},
	    {"31/02/2016", NULL},
	    {"10/03/16", NULL},
	    {"1850", NULL},
	    {"March 10", NULL},
	    {"2016-13-01", NULL},
	    {"In March 2016 the board met", NULL},
	    {"", NULL},
	    {"2016-", NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		igt_date d;
		int rc = date_exact(cases[i].in, strlen(cases[i].in), &d);
		is_str(rc == 0 ? iso(&d) : NULL, cases[i].want, "date \"%s\"", cases[i].in);
	}
}

static void test_datelines(void)
{
	dateline d;
	const char *s = "Published: 10 Mar. 2016";
	ok(dateline_scan(s, strlen(s), &d), "dateline with a label");
	is_str(cut(s, (span32){d.da, d.db}), "10 Mar. 2016", "the label is not in date_text");
	s = "Geneva, 10 March 2016";
	ok(dateline_scan(s, strlen(s), &d) && d.pb > d.pa, "dateline with a place");
	is_str(cut(s, (span32){d.pa, d.pb}), "Geneva", "the place");
	s = "Jane Doe, 10 March 2016";
	ok(dateline_scan(s, strlen(s), &d) && d.pb == d.pa, "two words before the date: no place");
	s = "By Jane Doe, 10 March 2016";
	ok(!dateline_scan(s, strlen(s), &d), "a byline with a date is not a dateline");
	s = "The board met on 10 March 2016";
	ok(!dateline_scan(s, strlen(s), &d), "a sentence with a date is not a dateline");
}

static void check_byline(const char *s, int want, int clean, const char *name, const char *position)
{
	byline b;
	int got = byline_scan(s, strlen(s), &b);
	is_int(got, want, "byline? \"%s\"", s);
	if (!got || !want)
		return;
	is_int(b.clean, clean, "  clean");
	if (!clean)
		return;
	is_str(cut(s, b.names[0]), name, "  name");
	is_str(b.position.b > b.position.a ? cut(s, b.position) : NULL, position, "  position");
}

static void test_bylines(void)
{
	check_byline("Li Yuxiao \xE5\xA4\x96\xE4\xBA\xA4\xE9\x83\xA8", 1, 1, "Li Yuxiao",
	             "\xE5\xA4\x96\xE4\xBA\xA4\xE9\x83\xA8");
	check_byline("By Jane Doe, Professor of Law, University of X", 1, 1, "Jane Doe",
	             "Professor of Law, University of X");
	check_byline("Dr. Jane Doe", 1, 1, "Dr. Jane Doe", NULL);
	check_byline("Jane Doe (Professor of Law)", 1, 1, "Jane Doe", "Professor of Law");
	check_byline("Jane Doe \xE2\x80\x94 Senior Fellow", 1, 1, "Jane Doe", "Senior Fellow");
	check_byline("JEAN-PIERRE van der BERG, Analyst", 1, 1, "JEAN-PIERRE van der BERG",
	             "Analyst");
	check_byline("By Jane Doe Professor of Law", 1, 0, NULL, NULL);
	check_byline("By the Editorial Board", 1, 0, NULL, NULL);
	check_byline("\xE6\x9D\x8E\xE7\x8E\x89\xE6\x99\x93 \xE7\xA7\x98\xE4\xB9\xA6\xE9\x95\xBF", 1,
	             1, "\xE6\x9D\x8E\xE7\x8E\x89\xE6\x99\x93",
	             "\xE7\xA7\x98\xE4\xB9\xA6\xE9\x95\xBF");
	check_byline("Executive Summary", 0, 0, NULL, NULL);
	check_byline("Internet Society", 0, 0, NULL, NULL);
	check_byline("Jane Doe agreed.", 0, 0, NULL, NULL);
	check_byline("Other", 0, 0, NULL, NULL);
	check_byline("Sat Mar 24 13:56:31 UTC 2018", 0, 0, NULL, NULL);
	check_byline("The Internet is changing fast", 0, 0, NULL, NULL);

	byline b;
	const char *s = "By Jane Doe | 2016-03-10";
	ok(byline_scan(s, strlen(s), &b) && b.has_date && b.position.a == b.position.b,
	   "a date after the name is the date, not a position");
	is_str(iso(&b.date), "2016-03-10", "  its value");
	s = "By Jane Doe, John Smith and Ann Lee";
	ok(byline_scan(s, strlen(s), &b) && b.n_names == 3, "three authors");
	is_str(cut(s, b.names[2]), "Ann Lee", "  the third");
	s = "Jane Doe and John Smith, Professors of Law";
	ok(byline_scan(s, strlen(s), &b) && b.n_names == 2, "two authors before a position");

	char big[BYLINE_MAX + 20];
	memset(big, 'a', sizeof(big));
	memcpy(big, "By Jane Doe, ", 13);
	ok(!byline_scan(big, sizeof(big), &b), "an overlong line is not a byline");
}

static void test_markers(void)
{
	static const struct {
		const char *in;
		int style, value, kind;
	} cases[] = {
	    {"I. China's Propositions", ST_ROMAN, 1, MK_NUMBER},
	    {"XIV) Fourteen", ST_ROMAN, 14, MK_NUMBER},
	    {"IIII. Not roman", ST_ROMAN, 0, MK_NONE},
	    {"12. Twelve", ST_ARABIC, 12, MK_NUMBER},
	    {"2016. A year", ST_ARABIC, 0, MK_NONE},
	    {"C. Third", ST_LETTER, 3, MK_NUMBER},
	    {"Part II: New Pressures", ST_PART, 2, MK_NUMBER},
	    {"Part Three", ST_PART, 3, MK_NUMBER},
	    {"Part of the problem", ST_PART, 0, MK_NONE},
	    {"\xE5\x8D\x81\xE4\xBA\x8C\xE3\x80\x81\xE6\x96\x87", ST_CJK, 12, MK_NUMBER},
	    {"- an item", ST_ARABIC, 0, MK_BULLET},
	    {"Xi Jinping said", ST_ROMAN, 0, MK_NONE},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		marker m;
		mark_scan(cases[i].in, strlen(cases[i].in), &m);
		is_int(m.kind, cases[i].kind, "marker kind of \"%s\"", cases[i].in);
		is_int(m.value[cases[i].style] > 0 ? m.value[cases[i].style] : 0, cases[i].value,
		       "  its number");
	}
	marker m;
	const char *s = "I. X";
	mark_scan(s, strlen(s), &m);
	ok(m.value[ST_ROMAN] == 1 && m.value[ST_LETTER] == 9, "\"I.\" is Roman 1 or letter 9");
	s = "1. states claim jurisdiction;";
	mark_scan(s, strlen(s), &m);
	ok(!heading_shape(s, strlen(s), &m), "a lower-case list line is no heading");
	s = "III. The situation has become increasingly complicated.";
	mark_scan(s, strlen(s), &m);
	ok(heading_shape(s, strlen(s), &m), "a heading may end with a full stop");
	s = "A. Smith argued so. He was right.";
	mark_scan(s, strlen(s), &m);
	ok(!heading_shape(s, strlen(s), &m), "two sentences are no heading");
}

static void test_notes(void)
{
	article_state st;
	char latin[] = "Li Yuxiao", han[] = "\xE6\x9D\x8E\xE7\x8E\x89\xE6\x99\x93";
	memset(&st, 0, sizeof(st));
	st.n_authors = 1;
	st.authors[0].name = latin;
	note nt;
	const char *s =
	    "Li Yuxiao is Secretary General of China Association of Cyberspace Security.";
	ok(note_scan(&st, s, strlen(s), &nt) && nt.author == 0, "note naming the author");
	is_str(cut(s, nt.position), "Secretary General of China Association of Cyberspace Security",
	       "  its position");
	s = "Yuxiao Li is a researcher at the U.S. Naval Academy. He writes often.";
	ok(note_scan(&st, s, strlen(s), &nt) && nt.author == 0, "the name in the other order");
	is_str(cut(s, nt.position), "researcher at the U.S. Naval Academy",
	       "  the first sentence, without the article");
	s = "The author is a professor at Fudan University.";
	ok(note_scan(&st, s, strlen(s), &nt) && nt.author == 0, "\"The author is\"");
	s = "John Smith is a senior fellow at the Centre.";
	ok(!note_scan(&st, s, strlen(s), &nt), "another person is not the author's note");
	s = "China is a beneficiary of Internet development.";
	ok(!note_scan(&st, s, strlen(s), &nt), "prose is not a note");
	st.authors[0].name = han;
	s = "\xEF\xBC\x88\xE4\xBD\x9C\xE8\x80\x85\xE7\xB3\xBB\xE7\xA7\x98\xE4\xB9\xA6\xE9\x95\xBF"
	    "\xEF\xBC\x89";
	ok(note_scan(&st, s, strlen(s), &nt) && nt.author == 0, "（作者系…）");
	is_str(cut(s, nt.position), "\xE7\xA7\x98\xE4\xB9\xA6\xE9\x95\xBF", "  its position");
	st.n_authors = 0;
	s = "About the author: Jane Doe is a senior fellow at the Centre.";
	ok(note_scan(&st, s, strlen(s), &nt) && nt.author < 0 && nt.name.b > nt.name.a,
	   "an \"About the author\" note without a byline names the author");
	is_str(cut(s, nt.name), "Jane Doe", "  the name");
	s = "Jane Doe is a senior fellow at the Centre.";
	ok(!note_scan(&st, s, strlen(s), &nt), "without a byline or a label, no note");
}

static void test_score(void)
{
	const igt_plugin *p = &article_LTX_igt_plugin_descriptor;
	is_str(p->version, "1.0", "version");
	const char *top = getenv("top_srcdir");
	char path[4096];
	snprintf(path, sizeof(path), "%s/plugins/format/article/tests/cases/%s", top ? top : "..",
	         "article-cyberspace-rules-2016.txt");
	FILE *f = fopen(path, "rb");
	unsigned char head[4096];
	size_t n = f ? fread(head, 1, sizeof(head), f) : 0;
	if (f)
		fclose(f);
	ok(n == sizeof(head), "read the real example");
	ok(p->op.format.score(head, n) >= 40, "the real example scores at least 40");
	static const char *const no[] = {
	    "Session\nOther\nSub-theme description: Internet Governance Norms\n",
	    "Nigel Hickson nigel.hickson at icann.org\nSat Mar 24 13:56:31 UTC 2018\n\n1. Intro\n",
	    "# Shanghai Forum 2017 Perspective Highlights\n\n---\n",
	    "From jane at example.org  Sat Mar 24 13:56:31 2018\nFrom: Jane Doe\n",
	    "A plain paragraph of prose that goes on for a while, as prose does.\nAnd more.\n",
	    "",
	};
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		is_int(p->op.format.score((const unsigned char *)no[i], strlen(no[i])), 0,
		       "scores 0: \"%.30s\"", no[i]);
	const char *yes = "A Title\nBy Jane Doe\nText.\nI. One\nText.\nII. Two\nText.\n";
	ok(p->op.format.score((const unsigned char *)yes, strlen(yes)) >= 60,
	   "title, byline and two Roman sections score high");
	/* Garbage never crashes the scanners. */
	unsigned char junk[600];
	unsigned x = 12345;
	int fine = 1;
	for (int round = 0; round < 2000; round++) {
		for (size_t i = 0; i < sizeof(junk); i++) {
			x = x * 1103515245u + 12345u;
			junk[i] = (unsigned char)(x >> 16);
			if (junk[i] == 0)
				junk[i] = '\n';
		}
		size_t len = (size_t)(x % sizeof(junk));
		int sc = p->op.format.score(junk, len);
		byline b;
		dateline d;
		marker m;
		byline_scan((const char *)junk, len, &b);
		dateline_scan((const char *)junk, len, &d);
		mark_scan((const char *)junk, len, &m);
		fine &= sc >= 0 && sc <= 100;
	}
	ok(fine, "random bytes: scores stay within 0..100");
}

typedef struct capture {
	igt_doc *doc;
	int fail;
} capture;

static int capture_emit(igt_doc *doc, void *payload)
{
	capture *c = payload;
	igt_doc_free(c->doc);
	c->doc = doc;
	return c->fail;
}

/* Parse a golden case with the given paragraphs option; the segment count,
 * or -1 on error. */
static long parse_case(const char *name, const char *mode, int fail, int *rc)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	snprintf(path, sizeof(path), "%s/plugins/format/article/tests/cases/%s", top ? top : "..",
	         name);
	article_config cfg = {.paragraphs = (char *)mode};
	igt_host *host = igt_host_new("article", "test");
	void *state = NULL;
	igt_input *in = NULL;
	igt_error err;
	capture c = {NULL, fail};
	long n = -1;
	*rc = article_open(&state, &cfg, host);
	if (*rc == 0 && igt_input_open(&in, path, &err) == 0) {
		*rc = article_parse(state, in, capture_emit, &c);
		if (c.doc)
			n = (long)igt_doc_segment_count(c.doc);
	}
	igt_input_close(in);
	article_close(state);
	igt_host_free(host);
	igt_doc_free(c.doc);
	return n;
}

static void test_options(void)
{
	int rc;
	is_int(parse_case("blank-lines.txt", "auto", 0, &rc), 8, "blank-lines, auto: 8 segments");
	is_int(parse_case("blank-lines.txt", "blocks", 0, &rc), 8, "  blocks: the same");
	is_int(parse_case("blank-lines.txt", "lines", 0, &rc), 13, "  lines: every line a segment");
	is_int(parse_case("article-cyberspace-rules-2016.txt", "blocks", 0, &rc), 9,
	       "the real example as blocks: headings apart, each section one block");
	parse_case("blank-lines.txt", "sometimes", 0, &rc);
	is_int(rc, IGT_ECONFIG, "an unknown paragraphs value is a configuration error");
	parse_case("blank-lines.txt", "auto", IGT_EIO, &rc);
	is_int(rc, IGT_EIO, "a failing emit is passed on");
}

int main(void)
{
	test_dates();
	test_datelines();
	test_bylines();
	test_markers();
	test_notes();
	test_score();
	test_options();
	return done_testing();
}
