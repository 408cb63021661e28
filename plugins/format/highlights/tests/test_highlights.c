/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the highlights format plugin, for what the golden cases
 * cannot show: the rules one by one (splitting "Position, Organisation",
 * reading time lines, telling names from phrases, list markers, detection
 * scores against the other formats' examples) and the options, which a
 * job cannot set for a format plugin yet. The plugin's source is included
 * so its static functions can be called; documents are parsed from files
 * written into a temporary folder through the core's input reader.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../highlights.c"
#include "input_private.h"
#include "../../../../tests/unit/tap.h"

static char tmpdir[] = "/tmp/test_highlights.XXXXXX";

/* ---- helpers ---- */

typedef struct docs {
	igt_doc *doc[16];
	size_t n;
	int fail_with; /* emit returns this when not 0 */
} docs;

static int collect(igt_doc *doc, void *payload)
{
	docs *d = payload;
	if (d->fail_with) {
		igt_doc_free(doc);
		return d->fail_with;
	}
	if (d->n < 16)
		d->doc[d->n++] = doc;
	else
		igt_doc_free(doc);
	return 0;
}

static void docs_free(docs *d)
{
	for (size_t i = 0; i < d->n; i++)
		igt_doc_free(d->doc[i]);
	d->n = 0;
}

/* Parse len bytes of text ((size_t)-1: up to its NUL) with the given
 * options; the parse's return code. */
static int parse_bytes(const char *text, size_t len, bool split, bool year, docs *out)
{
	char path[sizeof(tmpdir) + 16];
	snprintf(path, sizeof(path), "%s/in.txt", tmpdir);
	FILE *f = fopen(path, "wb");
	if (len == (size_t)-1)
		len = strlen(text);
	if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
		printf("Bail out! cannot write %s: %s\n", path, strerror(errno));
		exit(99);
	}
	igt_input *in;
	igt_error err;
	if (igt_input_open(&in, path, &err) != 0) {
		printf("Bail out! cannot open %s\n", path);
		exit(99);
	}
	hl_config cfg = {.split_sessions = split, .year_from_header = year};
	int rc = highlights_parse(&cfg, in, collect, out);
	igt_input_close(in);
	return rc;
}

static int parse_text(const char *text, bool split, bool year, docs *out)
{
	return parse_bytes(text, (size_t)-1, split, year, out);
}

static const char *field(igt_doc *doc, const char *key)
{
	return json_string_value(json_object_get(igt_doc_fields(doc), key));
}

static int score_file(const char *path)
{
	unsigned char head[4096];
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	size_t n = fread(head, 1, sizeof(head), f);
	fclose(f);
	return highlights_score(head, n);
}

static int score_text(const char *s)
{
	return highlights_score((const unsigned char *)s, strlen(s));
}

/* ---- the rules ---- */

static void check_split(const char *rest, const char *pos, const char *aff)
{
	size_t pa, pb, aa, ab, n = strlen(rest);
	split_position(rest, n, &pa, &pb, &aa, &ab);
	char got_pos[256], got_aff[256];
	snprintf(got_pos, sizeof(got_pos), "%.*s", (int)(pb - pa), rest + pa);
	snprintf(got_aff, sizeof(got_aff), "%.*s", (int)(ab - aa), rest + aa);
	is_str(pb > pa ? got_pos : NULL, pos, "position of \"%s\"", rest);
	is_str(ab > aa ? got_aff : NULL, aff, "affiliation of \"%s\"", rest);
}

static void test_split(void)
{
	check_split("Information Director, CNNIC", "Information Director", "CNNIC");
	/* The organisation first, the position after it. */
	check_split("Center for Crisis Societies Studies, Program Director", "Program Director",
	            "Center for Crisis Societies Studies");
	check_split("Chair of the Board, Russian Centre for Promotion of International Initiatives",
	            "Chair of the Board",
	            "Russian Centre for Promotion of International Initiatives");
	check_split("Senior Fellow, Department of Security and Management, Tencent",
	            "Senior Fellow", "Department of Security and Management, Tencent");
	check_split(
	    "Director of Cyberspace Governance and Research Center, Associate Professor, SIRPA "
	    "of Fudan University",
	    "Director of Cyberspace Governance and Research Center, Associate Professor",
	    "SIRPA of Fudan University");
	check_split("Co-Founder, Example Labs", "Co-Founder", "Example Labs");
	check_split("Tencent", NULL, "Tencent");
	check_split("Visiting Scholar", "Visiting Scholar", NULL);
	/* Positions and organisations interleaved: kept whole as the position. */
	check_split("Director, ABC Center, Professor, XYZ University",
	            "Director, ABC Center, Professor, XYZ University", NULL);
	/* Chinese titles come last; the organisation inside stays with it. */
	check_split("\xE5\x9B\xBD\xE9\x98\xB2\xE5\xA4\xA7\xE5\xAD\xA6\xE6\x95\x99\xE6\x8E\x88",
	            "\xE5\x9B\xBD\xE9\x98\xB2\xE5\xA4\xA7\xE5\xAD\xA6\xE6\x95\x99\xE6\x8E\x88",
	            NULL);
	check_split("", NULL, NULL);
}

static void check_time(const char *line, int ok_want, const char *iso)
{
	hl_when w;
	int got = parse_time_line(line, strlen(line), &w);
	is_int(got, ok_want, "\"%s\" %s a time line", line, ok_want ? "is" : "is not");
	if (!got || !iso)
		return;
	igt_date d;
	igt_date_init(&d);
	d.year = w.year ? w.year : 2017;
	d.month = w.month;
	d.day = w.day;
	d.hour = w.hour;
	d.minute = w.hour >= 0 ? w.minute : -1;
	char buf[40] = "";
	igt_date_format(&d, buf, sizeof(buf));
	is_str(buf, iso, "\"%s\" reads as %s (2017 when the line names no year)", line, iso);
}

static void test_time(void)
{
	check_time("8:30-12:00, May 28th", 1, "2017-05-28T08:30");
	check_time("May 28th, 8:30-12:00", 1, "2017-05-28T08:30");
	check_time("2:00 pm-5:30 pm, May 27th", 1, "2017-05-27T14:00");
	check_time("12:30pm - 2:00pm, 27 May 2018", 1, "2018-05-27T12:30");
	/* Only the end has "pm": the start could be either. */
	check_time("11:00-1:00 pm, May 27th", 1, "2017-05-27");
	check_time("Sunday, May 28, 2017, 13:30-17:00", 1, "2017-05-28T13:30");
	check_time("5\xE6\x9C\x88"
	           "28\xE6\x97\xA5 8:30-12:00",
	           1, "2017-05-28T08:30");
	/* A range of days: the date stays unknown, the text is kept. */
	check_time("May 27-28", 1, "2017");
	docs d = {0};
	parse_text("## S\n\nMay 27-28, 2018\n", true, true, &d);
	if (d.n == 1) {
		is_str(igt_doc_get(d.doc[0], IGT_DOC_DATE), NULL, "a range of days gives no date");
		is_str(igt_doc_get(d.doc[0], IGT_DOC_DATE_TEXT), "May 27-28, 2018",
		       "but keeps date_text");
	}
	docs_free(&d);
	check_time("8:30-12:00", 1, NULL);
	check_time("31:99, May 28th", 0, NULL);
	check_time("May the force be with you", 0, NULL);
	check_time("1. the operation of IANA", 0, NULL);
	check_time("2017", 0, NULL);
	check_time("28", 0, NULL);
}

static void test_names(void)
{
	static const char *const names[] = {"Chu Nan",
	                                    "ShenYi",
	                                    "Maxim Mikhalev",
	                                    "Dr. Maria Lopez",
	                                    "PROF. JOHN SMITH",
	                                    "H.E. Ursula von der Leyen",
	                                    "\xE6\x9D\x8E\xE7\x8E\x89\xE6\x99\x93",
	                                    NULL};
	static const char *const phrases[] = {"Key findings: more trust",
	                                      "The first point",
	                                      "In 2014 we agreed",
	                                      "Thanks. Really",
	                                      "one two three four five six seven",
	                                      "",
	                                      NULL};
	for (size_t i = 0; names[i]; i++)
		ok(name_like(names[i], strlen(names[i])), "\"%s\" reads as a name", names[i]);
	for (size_t i = 0; phrases[i]; i++)
		ok(!name_like(phrases[i], strlen(phrases[i])), "\"%s\" is no name", phrases[i]);
	ok(!name_like("Note", 4), "\"Note\" is a heading word, no name");
	ok(!name_like("Key Points", 10), "\"Key Points\" is no name");
	ok(!name_like_bare("ShenYi", 6), "one word before a colon is not enough");
	ok(name_like_bare("Zhou Hong", 9), "two words before a colon are");
}

static void test_markers(void)
{
	static const char *const items[] = {"1. a",
	                                    "12) b",
	                                    "(3) c",
	                                    "\xEF\xBC\x88"
	                                    "4\xEF\xBC\x89"
	                                    "d",
	                                    "5\xE3\x80\x81"
	                                    "e",
	                                    "- f",
	                                    "* g",
	                                    "\xE2\x80\xA2 h",
	                                    "\xE2\x91\xA0"
	                                    "i",
	                                    NULL};
	static const char *const not_items[] = {"2017. A year", "**bold**",   "3.5 percent", "1.",
	                                        "-dash",        "(a) letter", NULL};
	for (size_t i = 0; items[i]; i++)
		ok(list_marker(items[i], strlen(items[i])) > 0, "\"%s\" opens a list item",
		   items[i]);
	for (size_t i = 0; not_items[i]; i++)
		ok(list_marker(not_items[i], strlen(not_items[i])) == 0,
		   "\"%s\" opens no list item", not_items[i]);
}

static void test_score(void)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	if (!top)
		top = "../../../..";
	snprintf(path, sizeof(path),
	         "%s/plugins/format/highlights/tests/cases/"
	         "forum-highlights-shanghai-2017.txt",
	         top);
	ok(score_file(path) >= 90, "the Shanghai Forum example scores 90 or more");
	static const char *const others[] = {
	    "article-cyberspace-rules-2016.txt", "captions-igf2020-ws81.txt",
	    "igf-report-form-2018-of20.txt", "pipermail-ccwg-ig-2018-03-24.txt", NULL};
	for (size_t i = 0; others[i]; i++) {
		snprintf(path, sizeof(path), "%s/configs/examples/%s", top, others[i]);
		is_int(score_file(path), 0, "%s is not claimed", others[i]);
	}
	ok(score_text("**Chair : A B, Professor, X**\n\n**C D,  \nDirector, Y**\n") >= 30,
	   "a chair and a speaker block without the header are recognised");
	is_int(score_text("# Notes\n\n**Note,** this is a README.\n"), 0,
	       "one bold phrase with a comma is not enough");
	is_int(score_text(""), 0, "nothing scores 0");
	ok(score_text("\xEF\xBB\xBF# Shanghai Forum 2017 Perspective Highlights\r\n\r\n---\r\n") >=
	       70,
	   "a byte order mark and CRLF do not hide the header");
	static const char binary[] = "# Shanghai Forum 2017 Perspective Highlights\n\0\n";
	is_int(highlights_score((const unsigned char *)binary, sizeof(binary) - 1), 0,
	       "binary scores 0");
}

/* ---- documents and options ---- */

static const char two_sessions[] =
    "# Shanghai Forum 2017 Perspective Highlights\n\n---\n\n"
    "## Digital Governance\n\n### Session one\n\n8:30-12:00, May 28th\n\n"
    "**Chu Nan,  \nInformation  \nDirector,  \nCNNIC**\n\nFirst statement.\n\n"
    "### Session two\n\n13:30-17:00, May 28th\n\n"
    "**Chu Nan, Director, CNNIC**\n\nSecond statement.\n\n"
    "**Chu Nan, Director, CNNIC**\n\nThird statement.\n\n(Editor: Yin Peiqiu)";

static void test_sessions(void)
{
	docs d = {0};
	is_int(parse_text(two_sessions, true, true, &d), 0, "two sessions parse");
	is_int(d.n, 2, "one document per session");
	if (d.n == 2) {
		is_str(igt_doc_get(d.doc[0], IGT_DOC_TITLE),
		       "Digital Governance \xE2\x80\x94 Session one", "first title");
		is_str(igt_doc_get(d.doc[1], IGT_DOC_TITLE),
		       "Digital Governance \xE2\x80\x94 Session two",
		       "second title: the section carries over");
		is_str(igt_doc_get(d.doc[1], IGT_DOC_DATE), "2017-05-28T13:30", "second date");
		is_str(igt_doc_get(d.doc[1], IGT_DOC_EVENT), "Shanghai Forum 2017",
		       "the event carries over");
		igt_span a = igt_doc_source_span(d.doc[0]), b = igt_doc_source_span(d.doc[1]);
		ok(a.offset == 0 && b.offset == a.length &&
		       b.offset + b.length == sizeof(two_sessions) - 1,
		   "the documents' spans tile the input");
		is_int(igt_doc_person_count(d.doc[1]), 2, "a speaker named twice is one person");
		is_int(igt_doc_segment_count(d.doc[1]), 3, "the second session's segments");
	}
	docs_free(&d);

	is_int(parse_text(two_sessions, false, true, &d), 0, "split_sessions off");
	is_int(d.n, 1, "one document for the file");
	if (d.n == 1) {
		is_str(field(d.doc[0], "session"), "Session one", "the first session names it");
		is_str(field(d.doc[0], "time_text"), "8:30-12:00, May 28th", "the first time line");
		is_str(igt_doc_get(d.doc[0], IGT_DOC_TITLE),
		       "Digital Governance \xE2\x80\x94 Session one",
		       "title from the first section and session");
		const igt_segment *s = igt_doc_segment(d.doc[0], 3);
		is_str(s ? s->text : NULL, "Session two", "the second session is a heading");
	}
	docs_free(&d);

	is_int(parse_text(two_sessions, true, false, &d), 0, "year_from_header off");
	if (d.n >= 1) {
		is_str(igt_doc_get(d.doc[0], IGT_DOC_DATE), NULL, "no year in the line: no date");
		is_str(igt_doc_get(d.doc[0], IGT_DOC_DATE_TEXT), "8:30-12:00, May 28th",
		       "date_text keeps the line");
	}
	docs_free(&d);

	d.fail_with = IGT_EIO;
	is_int(parse_text(two_sessions, true, true, &d), IGT_EIO,
	       "an output's error stops the parse");
	d.fail_with = 0;
	docs_free(&d);
}

static void test_bad(void)
{
	docs d = {0};
	is_int(parse_text(" \n\t\n", true, true, &d), IGT_EBADINPUT,
	       "white space only is bad input");
	is_int(d.n, 0, "and gives no document");
	static const char binary[] = "# Shanghai Forum 2017 Perspective Highlights\n\0x\n";
	is_int(parse_bytes(binary, sizeof(binary) - 1, true, true, &d), IGT_EBADINPUT,
	       "a NUL byte is bad input");
	is_int(d.n, 0, "and gives no document");
	docs_free(&d);
	is_int(parse_text("**", true, true, &d), 0, "a lone bold marker");
	is_int(d.n, 1, "is kept as text");
	docs_free(&d);
	is_int(parse_text("**Chair :", true, true, &d), 0, "a truncated chair line");
	docs_free(&d);
	is_int(parse_text("(Editor: )\n(Editor: 1234)\n(Sauce: tomato)\n", true, true, &d), 0,
	       "credits that name nobody");
	if (d.n == 1) {
		is_int(igt_doc_person_count(d.doc[0]), 0, "give no person");
		is_int(igt_doc_segment_count(d.doc[0]), 1, "and stay as text (one paragraph)");
	}
	docs_free(&d);
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 99;
	}
	test_split();
	test_time();
	test_names();
	test_markers();
	test_score();
	test_sessions();
	test_bad();
	char path[sizeof(tmpdir) + 16];
	snprintf(path, sizeof(path), "%s/in.txt", tmpdir);
	unlink(path);
	rmdir(tmpdir);
	return done_testing();
}
