/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the captions plugin's readers, one variant per check, too
 * many to keep as golden files: title lines of other years and rooms
 * ("IGF 2019 Day 2 - Room III - WS #273 ...", "... - Day 2", "– RAW"),
 * speaker labels that are and are not labels, what a label says about
 * its speaker, captioner notes in their spellings, date lines, the
 * detection score against the other formats' records, and labels that
 * are a country's name (">> BRAZIL:"), with the shipped gazetteer and
 * small ones written to a temporary folder, in documents parsed through
 * the core's input reader.
 *
 * The plugin's functions are static, so the source is included here.
 */
#include "../captions.c"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "host_private.h"
#include "input_private.h"
#include "tap.h"

static const captions_state default_state = {.comma_affiliation = true};

static char *slice(const char *s, size_t a, size_t b)
{
	return b > a ? igt_strndup(s + a, b - a) : NULL;
}

static void check_title(const char *line, const char *event, int day, const char *room,
                        const char *code, const char *title, int raw)
{
	title_info t;
	size_t n = strlen(line);
	title_parse(line, n, &t);
	char *r = slice(line, t.room_a, t.room_b), *c = slice(line, t.code_a, t.code_b),
	     *ti = slice(line, t.title_a, t.title_b);
	is_str(t.event[0] ? t.event : NULL, event, "title '%s': event", line);
	is_int(t.day, day, "title '%s': day", line);
	is_str(r, room, "title '%s': room", line);
	is_str(c, code, "title '%s': session code", line);
	is_str(ti, title, "title '%s': title", line);
	is_int(t.raw, raw, "title '%s': raw", line);
	free(r);
	free(c);
	free(ti);
}

static void test_titles(void)
{
	check_title("IGF 2020 - Day 7 - WS 81 Overcoming the US-China digital Cold War", "IGF 2020",
	            7, NULL, "WS 81", "Overcoming the US-China digital Cold War", 0);
	check_title("IGF 2019 Day 2 - Room III - WS #273 Ensuring a Secure Internet", "IGF 2019", 2,
	            "Room III", "WS #273", "Ensuring a Secure Internet", 0);
	check_title(
	    "IGF 2019 \xE2\x80\x93 Day 3 \xE2\x80\x93 Convention Hall I-C \xE2\x80\x93 OF #40 EU "
	    "Delegation Youth IGF Movement",
	    "IGF 2019", 3, "Convention Hall I-C", "OF #40", "EU Delegation Youth IGF Movement", 0);
	check_title(
	    "IGF 2017 - Day 0 - Salle 3 - Collaborative Leadership Exchange (CLX) on Shaping the "
	    "Digital Future",
	    "IGF 2017", 0, "Salle 3", NULL,
	    "Collaborative Leadership Exchange (CLX) on Shaping the Digital Future", 0);
	check_title("IGF 2021 Third Open Consultations & MAG Meeting - Day 2", "IGF 2021", 2, NULL,
	            NULL, "Third Open Consultations & MAG Meeting", 0);
	check_title("IGF 2022 Day 1 Newcomers Session \xE2\x80\x93 RAW", "IGF 2022", 1, NULL, NULL,
	            "Newcomers Session", 1);
	check_title(
	    "IGF 2023 \xE2\x80\x93 Day 4 \xE2\x80\x93 Open Mic Taking Stock \xE2\x80\x93 RAW",
	    "IGF 2023", 4, NULL, NULL, "Open Mic Taking Stock", 1);
	check_title(
	    "IGF 2020 \xE2\x80\x93 Day 13 \xE2\x80\x93 IGF 2020 Open Mic and Feedback Session",
	    "IGF 2020", 13, NULL, NULL, "IGF 2020 Open Mic and Feedback Session", 0);
	check_title(
	    "IGF 2020 - Day 8 - Main Session: COVID-19 pandemic and its impact on work of DCs",
	    "IGF 2020", 8, NULL, NULL,
	    "Main Session: COVID-19 pandemic and its impact on work of DCs", 0);
	check_title("IGF 2018 - WS 425 - Platform Responsibility", "IGF 2018", -1, NULL, "WS 425",
	            "Platform Responsibility", 0);
	check_title("IGF 2016 - Day 2 - Room 3 - WS204: Cybersecurity norms", "IGF 2016", 2,
	            "Room 3", "WS204", "Cybersecurity norms", 0);
	check_title("IGF 2023 Town Hall #61 Internet Fragmentation (RAW)", "IGF 2023", -1, NULL,
	            "Town Hall #61", "Internet Fragmentation", 1);
	check_title("IGF 2023 Day 0 Event #132 Digital Sovereignty", "IGF 2023", 0, NULL,
	            "Event #132", "Digital Sovereignty", 0);
	check_title("Internet Governance Forum 2019 - Day 1 - Main Hall - Opening Ceremony",
	            "IGF 2019", 1, "Main Hall", NULL, "Opening Ceremony", 0);
	check_title("IGf 2018 - Day 1 - Salle XI - WS425 Typos", "IGF 2018", 1, "Salle XI", "WS425",
	            "Typos", 0);
	check_title("IGF2019 - Day 4 - WS 7 No Space", "IGF 2019", 4, NULL, "WS 7", "No Space", 0);
	check_title("EuroDIG 2019 \xE2\x80\x93 Plenary 1", "EuroDIG 2019", -1, NULL, NULL,
	            "Plenary 1", 0);
	check_title("WSIS Forum 2018 - Day 2 - Room H2 - Opening", "WSIS Forum 2018", 2, "Room H2",
	            NULL, "Opening", 0);
	check_title("Setting the Scene", NULL, -1, NULL, NULL, "Setting the Scene", 0);
	check_title("IGF 2016 Raw Data Workshop", "IGF 2016", -1, NULL, NULL, "Raw Data Workshop",
	            0);
	check_title("IGF 2017 - Day 2 - Room XXIV - WS 135 "
	            "\xE6\x95\xB0\xE5\xAD\x97\xE7\xBB\x8F\xE6\xB5\x8E",
	            "IGF 2017", 2, "Room XXIV", "WS 135",
	            "\xE6\x95\xB0\xE5\xAD\x97\xE7\xBB\x8F\xE6\xB5\x8E", 0);
	static const char run_on[] = "IGF 2020 - Day 9 - WS 12 T >> MILTON MUELLER: Hello.";
	is_int(title_cut(run_on, strlen(run_on)), 27, "a title stops at a turn mark");
	static const char run_disc[] = "IGF 2020 - T The following are the outputs of the captioning";
	is_int(title_cut(run_disc, strlen(run_disc)), 13, "a title stops at the disclaimer");
	static const char plain[] = "IGF 2020 - Day 1 - WS 3 The following steps";
	is_int(title_cut(plain, strlen(plain)), strlen(plain), "\"The following\" in a title");
	title_info t;
	is_int(title_parse("IGF 2020 - x", 12, &t), 2, "an IGF title is sure");
	is_int(title_parse("EuroDIG 2019 - x", 16, &t), 1,
	       "another forum needs the disclaimer too");
	is_int(title_parse("Good morning 2019", 17, &t), 0, "a year alone is no event");
	is_int(title_parse("COVID 2020 changed", 18, &t), 1,
	       "an acronym and a year might be an event");
	is_int(title_parse("", 0, &t), 0, "an empty line");
}

/* The label after ">>" at the start of line, or NULL. */
static char *label_of(const char *line)
{
	size_t la, lb, end, n = strlen(line);
	if (!label_at(line, 2, n, &la, &lb, &end))
		return NULL;
	return igt_strndup(line + la, lb - la);
}

static void check_label(const char *line, const char *want)
{
	char *got = label_of(line);
	is_str(got, want, "label of '%s'", line);
	free(got);
}

static void test_label_find(void)
{
	check_label(">> MILTON MUELLER:  We're all here.", "MILTON MUELLER");
	check_label(">> MILTON MUELLER: single space", "MILTON MUELLER");
	check_label(">>CHENGETAI MASANGO:  no space after the arrows", "CHENGETAI MASANGO");
	check_label(">> ANNA SCHMIDT :  a space before the colon", "ANNA SCHMIDT");
	check_label(">> MR. SMITH: honorific", "MR. SMITH");
	check_label(">> H.E. MS. AMINA BELLO: two honorifics", "H.E. MS. AMINA BELLO");
	check_label(">> JOHN DOE, ICANN: affiliation", "JOHN DOE, ICANN");
	check_label(">> JANE ROE (ISOC): affiliation", "JANE ROE (ISOC)");
	check_label(">> SPEAKER 1: number", "SPEAKER 1");
	check_label(">> Everyone:  Good morning.", "Everyone");
	check_label(">> Milton Mueller: mixed case", "Milton Mueller");
	check_label(">> Maria de la Cruz: particles", "Maria de la Cruz");
	check_label(">> moderator: lower-case role", "moderator");
	check_label(">> audience member: lower-case role", "audience member");
	check_label(">> Mr. Smith: mixed-case honorific", "Mr. Smith");
	check_label(">> MODERATOR:", "MODERATOR");
	check_label(">> \xE7\x8E\x8B\xE4\xBC\x9F: CJK", "\xE7\x8E\x8B\xE4\xBC\x9F");
	check_label(">> \xE7\x8E\x8B\xE4\xBC\x9F\xEF\xBC\x9A\xE6\x88\x91",
	            "\xE7\x8E\x8B\xE4\xBC\x9F");
	check_label(">> \xC2\xA0MILTON MUELLER:\xC2\xA0 no-break spaces", "MILTON MUELLER");
	check_label(">> Good morning.", NULL);
	check_label(">> So the question is: what now?", NULL);
	check_label(">> Okay. Hi. My name is Fitri: nor this", NULL);
	check_label(">> Thank you, Chair: nor this", NULL);
	check_label(">> Joel M. Halpern wrote:", NULL);
	check_label(">> Ladies, listen: please", NULL);
	check_label(">> 10:30 is the time", NULL);
	check_label(">> WE START AT 10:30", NULL);
	check_label(">> See http://example.org", NULL);
	check_label(">> Why? Because: reasons", NULL);
	check_label(">> Yes: one word in mixed case", NULL);
	check_label(">> (Applause)", NULL);
	check_label(">> A VERY LONG SENTENCE IN CAPITALS THAT GOES ON AND ON AND ON: no", NULL);
	check_label(">>", NULL);
	check_label(">> :", NULL);
	check_label(">> 123: digits alone", NULL);
}

/* What a label reads as with the plugin state st; with countries loaded,
 * kind is what label_country answers. */
static void check_reading(const captions_state *st, const char *label, const char *name,
                          const char *hon, const char *aff, const char *pos, int role, int kind)
{
	label_info li;
	size_t a, b;
	label_parse(st, label, strlen(label), &li);
	if (st->countries)
		is_int(label_country(st, label, strlen(label), &li, &a, &b), kind,
		       "'%s': country label kind", label);
	is_str(li.name, name, "'%s': name", label);
	is_str(li.honorific, hon, "'%s': honorific", label);
	is_str(li.affiliation, aff, "'%s': affiliation", label);
	is_str(li.position, pos, "'%s': position", label);
	is_str(li.role >= 0 ? role_names[li.role] : NULL, role >= 0 ? role_names[role] : NULL,
	       "'%s': role", label);
	label_info_clear(&li);
}

static void check_parse(const char *label, const char *name, const char *hon, const char *aff,
                        const char *pos, int role)
{
	check_reading(&default_state, label, name, hon, aff, pos, role, 0);
}

static void test_label_parse(void)
{
	check_parse("MILTON MUELLER", "Milton Mueller", NULL, NULL, NULL, -1);
	check_parse("MR. SMITH", "Smith", "MR.", NULL, NULL, -1);
	check_parse("DR. JANE ROE (ISOC)", "Jane Roe", "DR.", "ISOC", NULL, -1);
	check_parse("JOHN DOE, ICANN", "John Doe", NULL, "ICANN", NULL, -1);
	check_parse("JOHN DOE, MODERATOR", "John Doe", NULL, NULL, NULL, 1);
	check_parse("JOHN DOE (MODERATOR)", "John Doe", NULL, NULL, NULL, 1);
	check_parse("KWAME ASANTE FROM THE AFRICAN UNION", "Kwame Asante", NULL,
	            "THE AFRICAN UNION", NULL, -1);
	check_parse("AUDIENCE MEMBER FROM KENYA", NULL, NULL, "KENYA", NULL, 3);
	check_parse("QUESTION FROM THE FLOOR", NULL, NULL, NULL, NULL, 3);
	check_parse("PRESIDENT MACRON", "Macron", NULL, NULL, "President", -1);
	check_parse("SECRETARY-GENERAL GUTERRES", "Guterres", NULL, NULL, "Secretary-General", -1);
	check_parse("CHAIR ESTERHUYSEN", "Esterhuysen", NULL, NULL, NULL, 2);
	check_parse("MODERATOR JANE DOE", "Jane Doe", NULL, NULL, NULL, 1);
	check_parse("MR. CHAIRMAN", NULL, "MR.", NULL, NULL, 2);
	check_parse("MODERATOR", NULL, NULL, NULL, NULL, 1);
	check_parse("The Chair", NULL, NULL, NULL, NULL, 2);
	check_parse("audience member", NULL, NULL, NULL, NULL, 3);
	check_parse("SPEAKER 2", NULL, NULL, NULL, NULL, 0);
	check_parse("PARTICIPANT #3", NULL, NULL, NULL, NULL, 4);
	check_parse("UNIDENTIFIED SPEAKER", NULL, NULL, NULL, NULL, 0);
	check_parse("REMOTE MODERATOR", NULL, NULL, NULL, NULL, 1);
	check_parse("IGF SUPPORT STAFF", NULL, NULL, NULL, NULL, 6);
	check_parse("INTERPRETER", NULL, NULL, NULL, NULL, 5);
	check_parse("CHAIRMAN OF THE BOARD", NULL, NULL, NULL, "Chairman Of The Board", 2);
	check_parse("MINISTER OF FOREIGN AFFAIRS", NULL, NULL, NULL, "Minister Of Foreign Affairs",
	            0);
	check_parse("MINISTER MODERATOR", NULL, NULL, NULL, "Minister Moderator", 0);
	check_parse("Milton Mueller", "Milton Mueller", NULL, NULL, NULL, -1);
	/* Latin-1 bytes: "JOSÉ GARCÍA", read as Latin-1. */
	check_parse("JOS\xC9 GARC\xCD\x41", "Jos\xC3\xA9 Garc\xC3\xAD\x61", NULL, NULL,
	            NULL, -1);
	captions_state no_comma = {.comma_affiliation = false};
	label_info li;
	label_parse(&no_comma, "DOE, JOHN", 9, &li);
	is_str(li.affiliation, NULL, "comma_affiliation off: no affiliation");
	is_str(li.name, "Doe John", "comma_affiliation off: the name is kept whole");
	label_info_clear(&li);
}

static void check_note(const char *text, const char *want)
{
	size_t n = strlen(text), e = 0, i = 0;
	while (i < n && text[i] != '(' && text[i] != '[' && text[i] != '\xEF')
		i++;
	if (i < n)
		e = note_at(&default_state, text, i, n);
	char *got = e ? igt_strndup(text + i, e - i) : NULL;
	is_str(got, want, "note in '%s'", text);
	free(got);
}

static void test_notes(void)
{
	check_note("(Applause)", "(Applause)");
	check_note("x [ Inaudible ] y", "[ Inaudible ]");
	check_note("(Music)", "(Music)");
	check_note("(no audio)", "(no audio)");
	check_note("(LAUGHTER)", "(LAUGHTER)");
	check_note("[laughter.]", "[laughter.]");
	check_note("(  Off   mic )", "(  Off   mic )");
	check_note("(Audio cuts out)", "(Audio cuts out)");
	check_note("(Audio cutting in and out)", "(Audio cutting in and out)");
	check_note("(Inaudible 00:12:31)", "(Inaudible 00:12:31)");
	check_note("(Speaking French)", "(Speaking French)");
	check_note("(Session concluded at 16:15)", "(Session concluded at 16:15)");
	check_note("(Session ended at 12:30 p.m.)", "(Session ended at 12:30 p.m.)");
	check_note("(Meeting adjourned at 1:05 p.m.)", "(Meeting adjourned at 1:05 p.m.)");
	check_note("(Break until 14:00)", "(Break until 14:00)");
	check_note("(Breakout groups)", NULL);
	check_note("(break the silos)", NULL);
	check_note("(Break for 15 minutes)", "(Break for 15 minutes)");
	check_note("(Session conclusions)", NULL);
	check_note("(Captioner standing by)", "(Captioner standing by)");
	check_note("(Captioner's note: the audio is poor)",
	           "(Captioner's note: the audio is poor)");
	check_note("\xEF\xBC\x88\xE6\x8E\x8C\xE5\xA3\xB0\xEF\xBC\x89",
	           "\xEF\xBC\x88\xE6\x8E\x8C\xE5\xA3\xB0\xEF\xBC\x89");
	check_note("(?)", NULL);
	check_note("(sic)", NULL);
	check_note("(ICANN)", NULL);
	check_note("[1]", NULL);
	check_note("(Applause]", NULL);
	check_note("(Applause", NULL);
	check_note("(Applauses)", NULL);
	check_note("(audiovisual)", NULL);
	check_note("(video of the attack (2019))", NULL);
	check_note("(inaudible inaudible inaudible inaudible inaudible inaudible inaudible x)",
	           NULL);
	captions_state extra = {.comma_affiliation = true};
	char *m = "phone rings";
	extra.markers = &m;
	extra.n_markers = 1;
	ok(note_at(&extra, "(Phone  Rings)", 0, 14) == 14, "an extra note from the options");
	ok(note_at(&default_state, "(Phone Rings)", 0, 13) == 0, "not without the option");

	/* The option as the core hands it over: with or without brackets. */
	char *items[] = {"(Phone Rings)", "  bell   ringing "};
	captions_config cfg = {.non_speech = {2, items}, .comma_affiliation = true};
	void *state = NULL;
	ok(captions_open(&state, &cfg, NULL) == 0 && state, "open with the non_speech option");
	const captions_state *st = state;
	is_int(st->n_markers, 2, "both notes kept");
	is_str(st->markers[0], "phone rings", "brackets and case folded away");
	is_str(st->markers[1], "bell ringing", "inner spaces folded");
	ok(note_at(st, "[Bell Ringing.]", 0, 15) == 15, "an option note matches like a built-in one");
	captions_close(state);
	captions_close(NULL);
}

static void check_date(const char *line, const char *want)
{
	igt_date d;
	char iso[32] = "";
	int rc = date_line(line, strlen(line), &d);
	if (rc == 1 || rc == 3)
		igt_date_format(&d, iso, sizeof(iso));
	is_str(iso[0] ? iso : NULL, want, "date line '%s'", line);
}

static void test_dates(void)
{
	check_date("23 OCTOBER 2013", "2013-10-23");
	check_date("October 23, 2013", "2013-10-23");
	check_date("Wednesday, 23 October 2013", "2013-10-23");
	check_date("Wed. 23rd Oct 2013", "2013-10-23");
	check_date("31 February 2013", NULL);
	igt_date d;
	is_int(date_line("31 February 2013", 16, &d), 2, "a date's form without such a day");
	check_date("23/10/2013", "2013-10-23");
	check_date("05/06/2013", "2013");    /* 5 June or May 6: the year only */
	is_int(date_line("05/06/2013", 10, &d), 3, "day and month either way round");
	check_date("13/06/2013", "2013-06-13");
	check_date("06/13/2013", "2013-06-13");
	check_date("06/06/2013", "2013-06-06");
	check_date("10/23/2013", "2013-10-23");
	check_date("23.10.2013", "2013-10-23");
	check_date("2013-10-23", "2013-10-23");
	check_date("Wednesday, 23 October 2013, 09:00", "2013-10-23T09:00");
	check_date("Wed 23/10/2013 14:30", "2013-10-23T14:30");
	check_date("23/10/13", NULL);
	check_date("10:00", NULL);
	check_date("3-7", NULL);
	check_date("23 OCTOBER", NULL);
	check_date("Day 2 Room 3", NULL);
	check_date("The 23 October 2013 meeting", NULL);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *b = malloc(4096);
	*len = b ? fread(b, 1, 4096, f) : 0;
	fclose(f);
	return b;
}

static void check_score(const char *name, const char *head, int lo, int hi)
{
	int s = captions_score((const unsigned char *)head, strlen(head));
	ok(s >= lo && s <= hi, "score of %s is %d, in [%d, %d]", name, s, lo, hi);
}

static void test_score(void)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	snprintf(path, sizeof(path),
	         "%s/plugins/format/captions/tests/cases/captions-igf2020-ws81.txt",
	         top ? top : ".");
	size_t len = 0;
	char *head = read_file(path, &len);
	ok(head && captions_score((const unsigned char *)head, len) == 90,
	   "the real transcript scores 90");
	free(head);
	check_score("a title and labels", "IGF 2019 - Day 2 - WS 1 T\n\n>> MODERATOR: Hi.\n", 85,
	            85);
	check_score("the disclaimer alone",
	            "The following are the outputs of the real-time captioning taken during ...\n",
	            60, 60);
	check_score("labels alone", ">> A B: x\n>> C D: y\n>> A B: z\n", 40, 40);
	check_score("mail quoting",
	            "On Sat, Joel wrote:\n>> Joel M. Halpern wrote:\n>> > text\n>> more\n", 0, 0);
	check_score("plain text", "Notes\n\nWe met on Monday.\n", 0, 0);
	check_score("an IGF report",
	            "Session\nOther\n- Session Type:\nOpen Forum\nIGF 2018 Long Report\n", 0, 0);
	static const char bin[] = "IGF 2019 - Day 1 - WS 1 T\n\n>> A B: x\0y\n";
	is_int(captions_score((const unsigned char *)bin, sizeof(bin) - 1), 0, "binary scores 0");
	check_score("nothing", "", 0, 0);
}

/* ---- country labels ---- */

static char tmpdir[] = "/tmp/test_captions.XXXXXX";
static captions_state country_state = {.comma_affiliation = true};

static const char *tmp_file(const char *name, const char *text)
{
	static char path[sizeof(tmpdir) + 32];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(text, 1, strlen(text), f) != strlen(text) || fclose(f) != 0) {
		printf("Bail out! cannot write %s: %s\n", path, strerror(errno));
		exit(99);
	}
	return path;
}

static int collect(igt_doc *doc, void *payload)
{
	*(igt_doc **)payload = doc;
	return 0;
}

/* Parse text with the plugin state st; the document (free it). */
static igt_doc *parse_with(const captions_state *st, const char *text)
{
	const char *path = tmp_file("in.txt", text);
	igt_input *in;
	igt_error err;
	if (igt_input_open(&in, path, &err) != 0) {
		printf("Bail out! cannot open %s\n", path);
		exit(99);
	}
	igt_doc *doc = NULL;
	if (captions_parse((void *)st, in, collect, &doc) != 0 || !doc) {
		printf("Bail out! cannot parse %s\n", path);
		exit(99);
	}
	igt_input_close(in);
	return doc;
}

static void check_country(const char *t, const char *want)
{
	is_str(country_find(country_state.countries, t, strlen(t)), want, "country '%s'", t);
}

static void test_country_names(void)
{
	check_country("BRAZIL", "Brazil");
	check_country("brazil", "Brazil");
	check_country("UNITED STATES", "United States");
	check_country("  UNITED \t STATES ", "United States");
	check_country("UNITED STATES OF AMERICA", "United States");
	check_country("THE UNITED STATES", "United States");
	check_country("REPUBLIC OF KOREA", "South Korea");
	check_country("ISLAMIC REPUBLIC OF IRAN", "Iran");
	check_country("THE NETHERLANDS", "Netherlands");
	check_country("THE GAMBIA", "Gambia");
	check_country("GUINEA BISSAU", "Guinea-Bissau");
	check_country("TIMOR LESTE", "Timor-Leste");
	check_country("C\xC3\x94TE D\xE2\x80\x99IVOIRE", "C\xC3\xB4te d'Ivoire");
	check_country("T\xC3\x9CRKIYE", "Turkey");
	check_country("TRINIDAD & TOBAGO", "Trinidad and Tobago");
	check_country("JORDAN", "Jordan"); /* match_name: false is for running text */
	/* Acronyms are words and initials too; regions are not countries. */
	check_country("US", NULL);
	check_country("UK", NULL);
	check_country("USA", NULL);
	check_country("ROK", NULL);
	check_country("HONG KONG", NULL);
	check_country("PALESTINE", NULL);
	check_country("ICANN", NULL);
	check_country("THE", NULL);
	check_country("", NULL);
	check_country("BRAZIL DELEGATION", NULL);
}

static void check_country_label(const char *label, const char *name, const char *hon,
                                const char *aff, const char *pos, int role, int kind)
{
	check_reading(&country_state, label, name, hon, aff, pos, role, kind);
}

static void test_country_labels(void)
{
	int del = ROLE_DELEGATE;
	check_country_label("BRAZIL", NULL, NULL, "Brazil", NULL, del, 1);
	check_country_label("UNITED STATES", NULL, NULL, "United States", NULL, del, 1);
	check_country_label("United States", NULL, NULL, "United States", NULL, del, 1);
	check_country_label("REPUBLIC OF KOREA", NULL, NULL, "South Korea", NULL, del, 1);
	check_country_label("THE NETHERLANDS", NULL, NULL, "Netherlands", NULL, del, 1);
	check_country_label("IRAN (ISLAMIC REPUBLIC OF)", NULL, NULL, "Iran", NULL, del, 1);
	check_country_label("KOREA (REPUBLIC OF)", NULL, NULL, "South Korea", NULL, del, 1);
	check_country_label("GAMBIA (THE)", NULL, NULL, "Gambia", NULL, del, 1);
	check_country_label("NETHERLANDS (KINGDOM OF THE)", NULL, NULL, "Netherlands", NULL, del,
	                    1);
	check_country_label("BRAZIL (REMOTE)", NULL, NULL, "Brazil", NULL, del, 1);
	check_country_label("JORDAN", NULL, NULL, "Jordan", NULL, del, 1);
	/* A delegate's word makes it sure. */
	check_country_label("BRAZIL DELEGATION", NULL, NULL, "Brazil", NULL, del, 2);
	check_country_label("UNITED STATES REPRESENTATIVE", NULL, NULL, "United States", NULL, del,
	                    2);
	check_country_label("BRAZIL, DELEGATION", NULL, NULL, "Brazil", NULL, del, 2);
	check_country_label("BRAZIL, DELEGATE", NULL, NULL, "Brazil", NULL, del, 2);
	check_country_label("CHINA (DELEGATE)", NULL, NULL, "China", NULL, del, 2);
	/* The existing delegate labels name the country as the list does. */
	check_country_label("DELEGATE OF CHINA", NULL, NULL, "China", NULL, del, 0);
	check_country_label("DELEGATION OF BRAZIL", NULL, NULL, "Brazil", NULL, del, 0);
	check_country_label("REPRESENTATIVE OF THE UNITED STATES", NULL, NULL, "United States", NULL,
	                    del, 0);
	check_country_label("REPRESENTATIVE OF ICANN", NULL, NULL, "ICANN", NULL, del, 0);
	/* Not a delegation: as without the countries. */
	check_country_label("MINISTER OF BRAZIL", NULL, NULL, NULL, "Minister Of Brazil", 0, 0);
	check_country_label("AUDIENCE MEMBER FROM KENYA", NULL, NULL, "KENYA", NULL, 3, 0);
	check_country_label("MR. BRAZIL", "Brazil", "MR.", NULL, NULL, -1, 0);
	check_country_label("CHAIR BRAZIL", "Brazil", NULL, NULL, NULL, 2, 0);
	check_country_label("JORDAN CARTER", "Jordan Carter", NULL, NULL, NULL, -1, 0);
	check_country_label("KENYA MOORE, ISOC", "Kenya Moore", NULL, "ISOC", NULL, -1, 0);
	check_country_label("BRAZIL, ICANN", "Brazil", NULL, "ICANN", NULL, -1, 0);
	check_country_label("FRANCE (ISOC)", "France", NULL, "ISOC", NULL, -1, 0);
	check_country_label("US", "Us", NULL, NULL, NULL, -1, 0);
	/* The head of a delegation speaks for it: a role, not a name. */
	check_country_label("HEAD OF DELEGATION", NULL, NULL, NULL, NULL, del, 0);
	check_country_label("HEAD OF THE DELEGATION OF BRAZIL", NULL, NULL, "Brazil", NULL, del, 0);
	check_country_label("MODERATOR", NULL, NULL, NULL, NULL, 1, 0);
}

static const char *turn_str(igt_doc *doc, size_t i, const char *key)
{
	json_t *turn = json_array_get(json_object_get(igt_doc_fields(doc), "turns"), i);
	return json_string_value(json_object_get(turn, key));
}

static const char *person_str(const igt_person *p, int what)
{
	return !p ? "(none)" : what == 0 ? p->name : what == 1 ? p->as_written : p->affiliation;
}

static void test_country_documents(void)
{
	/* A country label repeated across turns: one delegation, no speaker. */
	igt_doc *d = parse_with(&country_state, "IGF 2021 MAG Meeting - Day 2\n\n"
	                                        ">> BRAZIL: Thank you, Chair.\n\n"
	                                        ">> CHAIR: Thank you, Brazil.\n\n"
	                                        ">> BRAZIL:  Again.\n");
	is_int(igt_doc_person_count(d), 2, "BRAZIL twice and CHAIR: two people");
	const igt_person *p = igt_doc_person(d, 0);
	is_str(person_str(p, 0), NULL, "the delegation has no name");
	is_str(person_str(p, 1), "BRAZIL", "as_written is the label");
	is_str(person_str(p, 2), "Brazil", "the country is the affiliation");
	ok(p && p->n_roles == 1 && strcmp(p->roles[0], "delegate") == 0, "its role is delegate");
	is_str(turn_str(d, 0, "role"), "delegate", "turn 1: role delegate");
	is_str(turn_str(d, 0, "speaker"), NULL, "turn 1: no speaker");
	is_str(turn_str(d, 2, "role"), "delegate", "turn 3: the same");
	is_str(igt_doc_segment(d, 0)->speaker, NULL, "its segments have no speaker");
	is_str(igt_doc_segment(d, 2)->speaker, NULL, "  nor in the second turn");
	igt_doc_free(d);

	/* JORDAN beside JORDAN CARTER, who speaks later: a person's name. */
	d = parse_with(&country_state, ">> MODERATOR: Jordan, please.\n\n"
	                               ">> JORDAN: Thank you. (Applause) Go on.\n\n"
	                               ">> BRAZIL: A question.\n\n"
	                               ">> JORDAN CARTER: I answer.\n\n"
	                               ">> JORDAN: And more.\n");
	is_int(igt_doc_person_count(d), 4, "MODERATOR, JORDAN, BRAZIL, JORDAN CARTER");
	is_str(person_str(igt_doc_person(d, 1), 0), "Jordan", "JORDAN is a person named Jordan");
	is_str(person_str(igt_doc_person(d, 1), 2), NULL, "  with no affiliation");
	is_str(person_str(igt_doc_person(d, 2), 2), "Brazil", "BRAZIL stays a delegation");
	is_str(person_str(igt_doc_person(d, 3), 0), "Jordan Carter", "Jordan Carter last");
	is_str(turn_str(d, 1, "speaker"), "Jordan", "JORDAN's turn: speaker Jordan");
	is_str(turn_str(d, 1, "role"), NULL, "  and no role");
	is_str(turn_str(d, 4, "speaker"), "Jordan", "  the second one too");
	is_str(igt_doc_segment(d, 1)->speaker, "Jordan", "its segments have the speaker");
	is_str(igt_doc_segment(d, 2)->type, "non_speech", "  (a note in the turn)");
	is_str(igt_doc_segment(d, 2)->speaker, NULL, "  but not its note");
	is_str(igt_doc_segment(d, 3)->speaker, "Jordan", "  the text after the note has it");
	is_str(igt_doc_segment(d, 4)->speaker, NULL, "BRAZIL's segment has none");
	is_str(igt_doc_segment(d, 6)->speaker, "Jordan", "the later JORDAN turn has it");
	igt_doc_free(d);

	/* The person first, then the short label; and a title makes a name. */
	d = parse_with(&country_state, ">> JORDAN CARTER: Hello.\n\n>> JORDAN: Yes.\n\n"
	                               ">> MS. GEORGIA: Hi.\n\n>> GEORGIA: Hello.\n\n"
	                               ">> CHAD: Thanks.\n");
	is_int(igt_doc_person_count(d), 4, "Jordan Carter, Jordan, Georgia, Chad");
	is_str(person_str(igt_doc_person(d, 1), 0), "Jordan", "JORDAN after JORDAN CARTER");
	is_str(person_str(igt_doc_person(d, 2), 0), "Georgia", "GEORGIA is MS. GEORGIA");
	is_str(person_str(igt_doc_person(d, 2), 1), "MS. GEORGIA", "  one person");
	is_str(turn_str(d, 3, "speaker"), "Georgia", "  speaking in both turns");
	is_str(person_str(igt_doc_person(d, 3), 0), NULL, "CHAD alone: the delegation");
	is_str(person_str(igt_doc_person(d, 3), 2), "Chad", "  of Chad");
	igt_doc_free(d);

	/* Without the countries, a country is read as a name, as before. */
	captions_state off = {.comma_affiliation = true};
	d = parse_with(&off, ">> BRAZIL: Thank you.\n\n>> CHAIR: Thanks.\n");
	is_str(person_str(igt_doc_person(d, 0), 0), "Brazil", "country_labels off: a name");
	is_str(igt_doc_segment(d, 0)->speaker, "Brazil", "  and the speaker");
	igt_doc_free(d);
}

static int open_with(bool on, const char *path, void **state)
{
	captions_config cfg = {.comma_affiliation = true, .country_labels = on,
	                       .countries = (char *)path};
	igt_host *host = igt_host_new("captions", "test");
	*state = NULL;
	int rc = captions_open(state, &cfg, host);
	igt_host_free(host);
	return rc;
}

static void test_country_options(void)
{
	void *state;
	is_int(open_with(true, NULL, &state), 0, "open with the shipped gazetteer");
	const captions_state *st = state;
	ok(st && st->countries && st->countries->n_names >= 190, "its countries are read (%zu)",
	   st && st->countries ? st->countries->n_names : 0);
	captions_close(state);
	is_int(open_with(false, NULL, &state), 0, "open with country_labels off");
	ok(state && !((captions_state *)state)->countries, "  no countries");
	captions_close(state);

	const char *path = tmp_file("g.yaml",
	                            "entities:\n"
	                            "  - {name: Atlantis, kind: country, aliases: [Lost Kingdom],\n"
	                            "     acronyms: [ATL], patterns: ['\\bAtl\\b']}\n"
	                            "  - {name: Mu, kind: region}\n"
	                            "  - name: Oceania Union\n"
	                            "    kind: organisation\n"
	                            "  - {name: Lemuria, kind: country, aliases: Lemur Land}\n");
	is_int(open_with(true, path, &state), 0, "open with another gazetteer");
	st = state;
	is_int(st->countries->n_names, 2, "  its two countries");
	is_str(country_find(st->countries, "LOST KINGDOM", 12), "Atlantis", "  an alias");
	is_str(country_find(st->countries, "LEMUR LAND", 10), "Lemuria", "  a lone alias");
	is_str(country_find(st->countries, "ATL", 3), NULL, "  not an acronym");
	is_str(country_find(st->countries, "MU", 2), NULL, "  not a region");
	is_str(country_find(st->countries, "BRAZIL", 6), NULL, "  not the shipped list");
	igt_doc *d = parse_with(st, ">> ATLANTIS: Hi.\n\n>> BRAZIL: Hello.\n");
	is_str(person_str(igt_doc_person(d, 0), 2), "Atlantis", "ATLANTIS: a delegation");
	is_str(person_str(igt_doc_person(d, 1), 0), "Brazil", "BRAZIL: a name with that list");
	igt_doc_free(d);
	captions_close(state);

	is_int(open_with(true, tmp_file("none.yaml", "entities:\n  - {name: X, kind: region}\n"),
	                 &state),
	       IGT_ECONFIG, "a gazetteer without countries is refused");
	is_int(open_with(true, tmp_file("bad.yaml", "entities: [\n"), &state), IGT_ECONFIG,
	       "  so is broken YAML");
	char missing[sizeof(tmpdir) + 32];
	snprintf(missing, sizeof(missing), "%s/missing.yaml", tmpdir);
	is_int(open_with(true, missing, &state), IGT_ECONFIG, "  and a missing file");
}

static void test_countries(void)
{
	if (!mkdtemp(tmpdir)) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		exit(99);
	}
	char *path = igt_data_find(SHIPPED_COUNTRIES);
	char err[512] = "";
	country_state.countries = path ? countries_load(path, err, sizeof(err)) : NULL;
	free(path);
	if (!country_state.countries) {
		printf("Bail out! the shipped gazetteer: %s\n", err);
		exit(99);
	}
	test_country_names();
	test_country_labels();
	test_country_documents();
	test_country_options();
	country_table_free(country_state.countries);
	static const char *const files[] = {"in.txt", "g.yaml", "none.yaml", "bad.yaml", NULL};
	for (size_t i = 0; files[i]; i++) {
		char p[sizeof(tmpdir) + 32];
		snprintf(p, sizeof(p), "%s/%s", tmpdir, files[i]);
		unlink(p);
	}
	rmdir(tmpdir);
}

int main(void)
{
	test_titles();
	test_label_find();
	test_label_parse();
	test_notes();
	test_dates();
	test_score();
	test_countries();
	return done_testing();
}
