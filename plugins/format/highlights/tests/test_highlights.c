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

/* ---- speakers written in other ways ---- */

static const char page_top[] =
    "# Shanghai Forum 2019 Perspective Highlights\n\n---\n\n## Digital Governance\n\n";

/* body on one line, for a test's description: "\n" for each line break. */
static const char *one_line(const char *body)
{
	static char out[512];
	size_t k = 0;
	for (const char *c = body; *c && k + 3 < sizeof(out); c++) {
		if (*c == '\n') {
			out[k++] = '\\';
			out[k++] = 'n';
		} else {
			out[k++] = *c;
		}
	}
	out[k] = '\0';
	return out;
}

/* The one document of body under a page header, or NULL (the test of the
 * parse then fails). */
static igt_doc *parse_body(const char *body, docs *d)
{
	char text[1024];
	snprintf(text, sizeof(text), "%s%s", page_top, body);
	int parsed = parse_text(text, true, true, d) == 0 && d->n == 1;
	ok(parsed, "parse: %s", one_line(body));
	return parsed ? d->doc[0] : NULL;
}

/* The segment whose text is text, or NULL. */
static const igt_segment *segment_with(igt_doc *doc, const char *text)
{
	for (size_t i = 0; i < igt_doc_segment_count(doc); i++)
		if (strcmp(igt_doc_segment(doc, i)->text, text) == 0)
			return igt_doc_segment(doc, i);
	return NULL;
}

/* body names one person, with these members (NULL: unknown), and the
 * segment statement is said by speaker (NULL: nobody). */
static void check_person(const char *body, const char *name, const char *honorific,
                         const char *position, const char *affiliation, const char *role,
                         const char *statement, const char *speaker)
{
	docs d = {0};
	igt_doc *doc = parse_body(body, &d);
	if (!doc) {
		docs_free(&d);
		return;
	}
	const igt_person *p = igt_doc_person_count(doc) ? igt_doc_person(doc, 0) : NULL;
	is_int(igt_doc_person_count(doc), 1, "one person in: %s", one_line(body));
	is_str(p ? p->name : NULL, name, "  name");
	is_str(p ? p->honorific : NULL, honorific, "  honorific");
	is_str(p ? p->position : NULL, position, "  position");
	is_str(p ? p->affiliation : NULL, affiliation, "  affiliation");
	is_str(p && p->n_roles == 1 ? p->roles[0] : NULL, role, "  role");
	const igt_segment *s = segment_with(doc, statement);
	ok(s != NULL, "  the statement is a segment of its own");
	is_str(s ? s->speaker : "(none)", speaker, "  the statement's speaker");
	is_int(igt_doc_segment_count(doc), 2, "  and only the heading beside it");
	docs_free(&d);
}

static void test_speaker_forms(void)
{
	/* "**Name** (Organisation)", "**Name** (Position, Organisation)". */
	check_person("**Wang Fang** (CNNIC)\n\nWang spoke about measurement.", "Wang Fang", NULL,
	             NULL, "CNNIC", "speaker", "Wang spoke about measurement.", "Wang Fang");
	check_person("**Li Ming** (Director, CNNIC)\n\nLi spoke.", "Li Ming", NULL, "Director",
	             "CNNIC", "speaker", "Li spoke.", "Li Ming");
	check_person("**Dr. Li Ming** (Senior Fellow, Department of Security and Management, "
	             "Tencent)\nLi spoke on the next line.",
	             "Li Ming", "Dr.", "Senior Fellow",
	             "Department of Security and Management, Tencent", "speaker",
	             "Li spoke on the next line.", "Li Ming");
	check_person("**PROF. JOHN SMITH** (Center for Crisis Societies Studies, Program Director)"
	             "\n\nStandards matter.",
	             "John Smith", "PROF.", "Program Director",
	             "Center for Crisis Societies Studies", "speaker", "Standards matter.",
	             "John Smith");
	check_person("**Tian Shen** (Tencent): We hope to level the world.", "Tian Shen", NULL,
	             NULL, "Tencent", "speaker", "We hope to level the world.", "Tian Shen");
	check_person("**\xE6\x9D\x8E\xE7\x8E\x89\xE6\x99\x93**\xEF\xBC\x88\xE5\xA4\x8D\xE6\x97\xA6"
	             "\xE5\xA4\xA7\xE5\xAD\xA6\xE6\x95\x99\xE6\x8E\x88\xEF\xBC\x89\n\n"
	             "\xE6\x96\x87\xE6\x9C\xAC\xE3\x80\x82",
	             "\xE6\x9D\x8E\xE7\x8E\x89\xE6\x99\x93", NULL,
	             "\xE5\xA4\x8D\xE6\x97\xA6\xE5\xA4\xA7\xE5\xAD\xA6\xE6\x95\x99\xE6\x8E\x88",
	             NULL, "speaker", "\xE6\x96\x87\xE6\x9C\xAC\xE3\x80\x82",
	             "\xE6\x9D\x8E\xE7\x8E\x89\xE6\x99\x93");
	/* Under "**Chair:**" the name in brackets is the chair's. */
	check_person("**Chair:**\n\n**Wang Fang** (Professor, Fudan University)\n\nOpening words.",
	             "Wang Fang", NULL, "Professor", "Fudan University", "chair", "Opening words.",
	             NULL);

	check_person("**Maria Lopez** (Internet Society)\n\nMaria spoke.", "Maria Lopez", NULL,
	             NULL, "Internet Society", "speaker", "Maria spoke.", "Maria Lopez");
	/* A role in the brackets is the role, not a position. */
	check_person("**Wang Fang** (Moderator)\n\nOpening words.", "Wang Fang", NULL, NULL, NULL,
	             "moderator", "Opening words.", NULL);
	check_person("**Wang Fang** (Speaker): The first point.", "Wang Fang", NULL, NULL, NULL,
	             "speaker", "The first point.", "Wang Fang");

	/* "**Name - Position**", "**Name – Position, Organisation**". */
	check_person("**Anna Smith - Senior Researcher**\n\nAnna spoke.", "Anna Smith", NULL,
	             "Senior Researcher", NULL, "speaker", "Anna spoke.", "Anna Smith");
	check_person("**Jean-Luc Martin \xE2\x80\x94 Professor**\n\nJean-Luc spoke.",
	             "Jean-Luc Martin", NULL, "Professor", NULL, "speaker", "Jean-Luc spoke.",
	             "Jean-Luc Martin");
	check_person("**Zhang Xinsheng \xE2\x80\x93 President, IUCN**\n\nZhang spoke.",
	             "Zhang Xinsheng", NULL, "President", "IUCN", "speaker", "Zhang spoke.",
	             "Zhang Xinsheng");

	/* A bold name over plain lines giving the position. */
	check_person("**Maria Lopez**\nHead of Policy, Internet Society\n\nMaria spoke.",
	             "Maria Lopez", NULL, "Head of Policy", "Internet Society", "speaker",
	             "Maria spoke.", "Maria Lopez");
	check_person("**Maria Lopez**  \nHead of Policy  \nInternet Society  \n"
	             "Maria spoke about policy, and more.",
	             "Maria Lopez", NULL, "Head of Policy", "Internet Society", "speaker",
	             "Maria spoke about policy, and more.", "Maria Lopez");
	check_person("**Maxim Mikhalev**\nCenter for Crisis Societies Studies, Program Director\n\n"
	             "Governance is a transfer of rights.",
	             "Maxim Mikhalev", NULL, "Program Director",
	             "Center for Crisis Societies Studies", "speaker",
	             "Governance is a transfer of rights.", "Maxim Mikhalev");

	/* "**Name**:" and "**Name:**" with the statement on the line. */
	check_person("**Zhou Hong**: The first point is capacity.", "Zhou Hong", NULL, NULL, NULL,
	             "speaker", "The first point is capacity.", "Zhou Hong");
	check_person("**Zhou Hong:** The first point is capacity.", "Zhou Hong", NULL, NULL, NULL,
	             "speaker", "The first point is capacity.", "Zhou Hong");
	check_person("**Dr. Zhou Hong**\xEF\xBC\x9A The first point.", "Zhou Hong", "Dr.", NULL,
	             NULL, "speaker", "The first point.", "Zhou Hong");
}

/* body names nobody: kept, a segment of its own, says what it said, and
 * the statement after it (if any) has no speaker. */
static void check_nobody(const char *body, const char *kept, const char *statement)
{
	docs d = {0};
	igt_doc *doc = parse_body(body, &d);
	if (!doc) {
		docs_free(&d);
		return;
	}
	is_int(igt_doc_person_count(doc), 0, "nobody in: %s", one_line(body));
	const igt_segment *s = segment_with(doc, kept);
	ok(s != NULL && !s->speaker, "  \"%s\" stays text", one_line(kept));
	if (statement) {
		s = segment_with(doc, statement);
		ok(s != NULL && !s->speaker, "  \"%s\" has no speaker", statement);
	}
	docs_free(&d);
}

static void test_false_friends(void)
{
	check_nobody("**Key messages**\n\nTrust is built slowly.", "**Key messages**",
	             "Trust is built slowly.");
	check_nobody("**Note:** the session ran late.", "**Note:** the session ran late.", NULL);
	check_nobody("**Session 2: Cyber security**\n\nText.", "**Session 2: Cyber security**",
	             "Text.");
	/* Bold inside a paragraph, or a bold name in a sentence. */
	check_nobody("The panel began with **Li Ming** (CNNIC) speaking first.",
	             "The panel began with **Li Ming** (CNNIC) speaking first.", NULL);
	check_nobody("**Li Ming** (CNNIC) said that rules matter.",
	             "**Li Ming** (CNNIC) said that rules matter.", NULL);
	check_nobody("Text before it.\n**Wang Fang** (CNNIC)\n\nText.", "Text before it.", "Text.");
	/* Brackets that hold no organisation, or names that are none. */
	check_nobody("**Internet Governance Forum** (IGF)\n\nText.",
	             "**Internet Governance Forum** (IGF)", "Text.");
	check_nobody("**Anna Berg** (AB)\n\nText.", "**Anna Berg** (AB)", "Text.");
	check_nobody("**Cyber Security** (Session 2)\n\nText.", "**Cyber Security** (Session 2)",
	             "Text.");
	check_nobody("**Wang Fang** (May 28)\n\nText.", "**Wang Fang** (May 28)", "Text.");
	check_nobody("**Anna Smith** (2019)\n\nText.", "**Anna Smith** (2019)", "Text.");
	check_nobody("**Zhao Lei** (online)\n\nText.", "**Zhao Lei** (online)", "Text.");
	check_nobody("**Zhao Lei** (Online)\n\nText.", "**Zhao Lei** (Online)", "Text.");
	check_nobody("**Zhao Lei** (Video Message)\n\nText.", "**Zhao Lei** (Video Message)",
	             "Text.");
	check_nobody("**Senior Fellow** (Tencent)\n\nText.", "**Senior Fellow** (Tencent)",
	             "Text.");
	check_nobody("**The First Point** (Director)\n\nText.", "**The First Point** (Director)",
	             "Text.");
	/* Headings with a dash. */
	check_nobody("**Closing Remarks - Session Chair**\n\nText.",
	             "**Closing Remarks - Session Chair**", "Text.");
	check_nobody("**Opening Remarks - Building Trust**\n\nText.",
	             "**Opening Remarks - Building Trust**", "Text.");
	check_nobody("**ShenYi - Director**\n\nText.", "**ShenYi - Director**", "Text.");
	/* A bold line over a plain one that gives no position. */
	check_nobody("**Digital Economy**\nDirector General Report\n\nText.",
	             "**Digital Economy**\nDirector General Report", "Text.");
	check_nobody("**Keynote Speaker**\nDirector, CNNIC\n\nText.",
	             "**Keynote Speaker**\nDirector, CNNIC", "Text.");
	check_nobody("**Maria Lopez**\nTencent\n\nText.", "**Maria Lopez**\nTencent", "Text.");
	check_nobody("**Li Wei**\nthe panel agreed that rules matter.",
	             "**Li Wei**\nthe panel agreed that rules matter.", NULL);
	check_nobody("**Zhou Hong**\n\nHead of Policy, Internet Society", "**Zhou Hong**",
	             "Head of Policy, Internet Society");

	ok(name_alone("Anna Smith", 10), "\"Anna Smith\" is a name by itself");
	ok(name_alone("\xE6\x9D\x8E\xE7\x8E\x89\xE6\x99\x93", 9), "so is a CJK name");
	ok(!name_alone("ShenYi", 6), "one Latin word is not");
	ok(!name_alone("Digital Economy", 15), "nor a heading");
	ok(!name_alone("Wang, Fang", 10), "nor a name with a comma");
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
	test_speaker_forms();
	test_false_friends();
	test_bad();
	char path[sizeof(tmpdir) + 16];
	snprintf(path, sizeof(path), "%s/in.txt", tmpdir);
	unlink(path);
	rmdir(tmpdir);
	return done_testing();
}
