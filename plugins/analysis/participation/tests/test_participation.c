/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the participation plugin: the number reader, each rule of
 * the gender answer with its false friends, the measures of forms and of
 * texts, and the corpus table per event and year counted per session.
 * The plugin's own file is included so that its static functions are
 * tested as they run.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"

#include "host_private.h"
#include "participation.c"

/* ---- numbers ---- */

static part_answer answer;

static void read_text(const char *text)
{
	part_answer_read(&answer, text, strlen(text));
}

/* The count count_of would take for label: its value, or -1. */
static long long count(const char *text, part_label label, bool percent)
{
	part_number x;
	read_text(text);
	if (part_answer_single(&answer, label, percent, &x))
		return (long long)x.value;
	if (part_answer_count(&answer, label) == 0 &&
	    part_answer_single(&answer, LABEL_NONE, percent, &x))
		return (long long)x.value;
	return -1;
}

static const char *qualifier(const char *text)
{
	read_text(text);
	return answer.n ? answer.numbers[0].qualifier : "(no number)";
}

static void test_numbers(void)
{
	is_int(count("About 100 participants.", LABEL_PEOPLE, false), 100,
	       "About 100 participants.");
	is_int(count("Approximately 35", LABEL_PEOPLE, false), 35,
	       "an unlabelled number answers the question");
	is_int(count("30", LABEL_PEOPLE, false), 30, "a bare number");
	is_int(count("1,200 people", LABEL_PEOPLE, false), 1200, "thousands with a comma");
	is_int(count("12.5", LABEL_PEOPLE, false), -1, "a number with decimals is no count");
	is_int(count("80-100", LABEL_PEOPLE, false), -1, "a range is no count");
	is_int(count("80–100 participants", LABEL_PEOPLE, false), -1, "nor with an en dash");
	is_int(count("80 to 100", LABEL_PEOPLE, false), -1, "nor with to");
	is_int(count("between 80 and 100 people", LABEL_PEOPLE, false), -1, "nor between … and");
	is_int(count("60 on site and 25 online", LABEL_PEOPLE, false), -1,
	       "two parts of the audience are not added up");
	is_int(count("About 100 participants (60 onsite, 40 online)", LABEL_PEOPLE, false), 100,
	       "the total beside its parts");
	is_int(count("Around 60 participants on site and 25 online.", LABEL_PEOPLE, false), -1,
	       "participants on site are a part");
	is_int(count("40 people in the room, 20 remote", LABEL_PEOPLE, false), -1,
	       "people in the room are a part");
	is_int(count("In 2018, about 50", LABEL_PEOPLE, false), -1,
	       "two unlabelled numbers: no guess");
	is_int(count("100 participants, 40 women", LABEL_PEOPLE, false), 100,
	       "participants and women in one answer: participants");
	is_int(count("100 participants, 40 women", LABEL_WOMEN, false), 40, "and women");
	is_int(count("45 (20 women)", LABEL_PEOPLE, false), 45, "45 (20 women): 45 participants");
	is_int(count("45 (20 women)", LABEL_WOMEN, false), 20, "and 20 women");
	is_int(count("Women: 40, men: 60", LABEL_WOMEN, false), 40, "a label before the number");
	is_int(count("Women: 40, men: 60", LABEL_MEN, false), 60, "men apart");
	is_int(count("About 40 women present.", LABEL_WOMEN, false), 40, "About 40 women present.");
	is_int(count("About 40 of them women", LABEL_WOMEN, false), 40, "words between");
	is_int(count("40 women and 2 gender-variant individuals", LABEL_WOMEN, false), 40,
	       "women beside gender-variant people");
	is_int(count("40 women and 2 gender-variant individuals", LABEL_VARIANT, false), 2,
	       "gender-variant people");
	is_int(count("20 women, 1 non binary", LABEL_VARIANT, false), 1, "non binary, two words");
	is_int(count("100\xC2\xA0participants", LABEL_PEOPLE, false), 100, "a no-break space");
	is_int(count("the 5th session", LABEL_PEOPLE, false), -1, "5th is no number");
	is_int(count("2 hours", LABEL_PEOPLE, false), -1, "a number of something else");
	is_int(count("25%", LABEL_WOMEN, true), 25, "a percentage");
	is_int(count("25%", LABEL_WOMEN, false), -1, "which is no count");
	is_int(count("about 30 percent women", LABEL_WOMEN, true), 30, "30 percent women");
	is_int(count("about fifty", LABEL_PEOPLE, false), -1, "number words are not read");
	is_str(qualifier("About 100"), "about", "about");
	is_str(qualifier("approximately 35"), "about", "approximately");
	is_str(qualifier("~50"), "about", "~");
	is_str(qualifier("more than 100"), "at least", "more than");
	is_str(qualifier("60+"), "at least", "60+");
	is_str(qualifier("over 60"), "at least", "over");
	is_str(qualifier("fewer than 20"), "at most", "fewer than");
	is_str(qualifier("up to 30"), "at most", "up to");
	is_str(qualifier("30"), NULL, "no qualifier");
	is_str(qualifier("Approx. 40"), "about", "Approx.");
	is_str(qualifier("c. 15"), "about", "c.");
	is_str(qualifier("ca. 15 people"), "about", "ca.");
	is_str(qualifier("40 (estimated)"), "about", "(estimated) after");
	is_str(qualifier("40 approx."), "about", "approx. after");
	is_str(qualifier("Section 3. 40 people"), NULL, "a dot after another word");
	/* Other counts than who took part. */
	is_int(count("50 people registered, but only about 20 showed up", LABEL_PEOPLE, false), 20,
	       "registered is not who came");
	read_text("50 people registered, but only about 20 showed up");
	is_str(answer.n == 2 ? answer.numbers[1].qualifier : "(not two numbers)", "about",
	       "  and it is about 20");
	is_int(count("40 registered, 32 attended", LABEL_PEOPLE, false), 32, "registered, attended");
	is_int(count("The room (capacity 80) was full", LABEL_PEOPLE, false), -1,
	       "a room's capacity is no count");
	is_int(count("Capacity: 80; about 60 attended", LABEL_PEOPLE, false), 60,
	       "capacity, then who came");
	is_int(count("30 participants were expected", LABEL_PEOPLE, false), -1,
	       "expected is not who came");
	is_int(count("About 25 people turned up", LABEL_PEOPLE, false), 25, "turned up");
	is_int(count("45 participants signed the attendance sheet.", LABEL_PEOPLE, false), 45,
	       "signing the attendance sheet is attending");
	is_int(count("60 people signed up, about 40 came", LABEL_PEOPLE, false), 40,
	       "signed up is registering");
}

/* ---- the gender answer ---- */

static part_gender *gender;

static int discussed(const char *answer_text)
{
	return part_gender_discussed(gender, answer_text, strlen(answer_text));
}

static void test_gender(void)
{
	/* no */
	is_int(discussed("No discussion related to gender issues."), 0,
	       "No discussion related to gender issues. (the example form)");
	is_int(discussed("No"), 0, "No");
	is_int(discussed("No."), 0, "No.");
	is_int(discussed("None"), 0, "None");
	is_int(discussed("N/A"), 0, "N/A");
	is_int(discussed("NA"), 0, "NA");
	is_int(discussed("Not applicable."), 0, "Not applicable.");
	is_int(discussed("Not discussed."), 0, "Not discussed.");
	is_int(discussed("Not at all."), 0, "Not at all.");
	is_int(discussed("Nil"), 0, "Nil");
	is_int(discussed("The session did not discuss gender issues."), 0,
	       "the session did not discuss gender");
	is_int(discussed("Gender issues were not discussed."), 0,
	       "gender issues were not discussed");
	is_int(discussed("Gender was not the focus of this session."), 0, "not the focus");
	is_int(discussed("Gender has not yet been discussed in this forum."), 0,
	       "not yet been discussed");
	is_int(discussed("Gender has not, however, been discussed."), 0,
	       "a dangling not carries over the cut");
	is_int(discussed("There was no specific discussion on gender issues."), 0,
	       "there was no specific discussion");
	is_int(discussed("No, the session focused on infrastructure."), 0,
	       "No, and a topic that is not gender");
	is_int(discussed("There wasn't any discussion of gender."), 0, "wasn't any discussion");
	is_int(discussed("The panel was gender balanced, but gender issues were not discussed."), 0,
	       "the panel's make-up, then no");
	is_int(discussed("There was no specific discussion on gender; however, the panel was "
	                 "gender balanced."),
	       0, "no, then only the panel's make-up");
	is_int(discussed("Gender issues were not discussed, only technical ones."), 0,
	       "only technical ones");
	/* yes */
	is_int(discussed("Yes."), 1, "Yes.");
	is_int(discussed("To some extent."), 1, "To some extent.");
	is_int(discussed("Briefly: one speaker noted that women-led small businesses are more "
	                 "exposed to compliance costs."),
	       1, "Briefly: … women-led businesses (the 2017 test form)");
	is_int(discussed("Gender issues were discussed in the context of access."), 1,
	       "gender issues were discussed");
	is_int(discussed("The digital gender divide in rural areas."), 1, "a gender topic named");
	is_int(discussed("The discussion noted that women do not have equal access."), 1,
	       "a negation inside what was said is no denial");
	is_int(discussed("The issue of online gender-based violence was raised by two "
	                 "speakers."),
	       1, "gender-based violence raised by speakers");
	is_int(discussed("Gender was mentioned only in passing."), 1, "mentioned only in passing");
	is_int(discussed("Not specifically, although the speakers stressed the inclusion of women "
	                 "in ICT."),
	       1, "false friend: Not specifically, although … women");
	is_int(discussed("No specific discussion, but one speaker noted that women are "
	                 "under-represented in technical bodies."),
	       1, "false friend: No specific discussion, but …");
	is_int(discussed("Gender was not the focus, however participants highlighted the digital "
	                 "gender gap."),
	       1, "false friend: not the focus, however …");
	is_int(discussed("Not much, only a brief mention of women's online safety."), 1,
	       "false friend: Not much, only a brief mention");
	/* unknown */
	is_int(discussed(""), -1, "empty");
	is_int(discussed("  \n"), -1, "white space");
	is_int(discussed("-"), -1, "a dash alone");
	is_int(discussed("Unknown"), -1, "Unknown");
	is_int(discussed("Not sure."), -1, "Not sure: no denial");
	is_int(discussed("TBD"), -1, "TBD");
	is_int(discussed("The panel was gender balanced."), -1, "only the panel's make-up");
	is_int(discussed("Two of the five speakers were women."), -1, "speakers who were women");
	is_int(discussed("None of the speakers were women."), -1,
	       "None of the speakers were women: a make-up, not a denial");
	is_int(discussed("Women were well represented."), -1, "represented");
	is_int(discussed("The discussion focused on rural connectivity."), -1,
	       "a discussion of something else");
	is_int(discussed("See above."), -1, "See above.");
	is_int(discussed("Not only women but also men were on the panel."), -1,
	       "not only … (a make-up)");
	is_int(discussed("Gender: not discussed"), 0, "a label before the answer says nothing");
	is_int(discussed("Gender issues: none."), 0, "Gender issues: none.");
	is_int(discussed("The session was not about gender."), 0, "not about gender");
	is_int(discussed("The topic was not related to gender."), 0, "not related to gender");
	is_int(discussed("The session was not gender-focused."), 0, "not gender-focused");
	is_int(discussed("Nobody mentioned gender."), 0, "Nobody mentioned gender.");
	is_int(discussed("A technical session, unrelated to gender issues."), 0, "unrelated");
	is_int(discussed("Gender was outside the scope of this session."), 0, "outside the scope");
	is_int(discussed("Female participation was high."), -1, "participation is a make-up");
	is_int(discussed("Three women spoke on the panel."), -1, "who spoke is a make-up");
	is_int(discussed("One speaker spoke about the gender gap in access."), 1,
	       "spoke about gender is a discussion");
	is_int(discussed("Speakers stressed that no one should be left behind, and the gender "
	                 "digital divide was discussed at length."),
	       1, "no one … left behind is no denial");
	is_int(discussed("The session discussed how online gender-based violence goes beyond the "
	                 "scope of existing laws."),
	       1, "beyond the scope of laws is no denial");
	is_int(discussed("Nobody raised gender."), 0, "Nobody raised gender.");
	/* A bare "No" before "but" answers the question; it denies nothing after. */
	is_int(discussed("No, but one speaker mentioned gender."), 1, "No, but … mentioned gender");
	is_int(discussed("No, but women's rights online were mentioned briefly."), 1,
	       "No, but women's rights …");
	is_int(discussed("No. However, a speaker mentioned girls in STEM."), 1, "No. However, …");
	is_int(discussed("No; but the gender digital divide came up in Q&A."), 1, "No; but …");
	is_int(discussed("No, except for a brief mention of online violence against women."), 1,
	       "No, except for …");
	is_int(discussed("No, the session did not address it."), 0, "No, … did not address it");
	is_int(discussed("No, but gender issues should be considered in future sessions."), 0,
	       "No, but … should be considered in future: a wish, no discussion");
	is_int(discussed("No, but we hope to include a gender perspective next year."), 0,
	       "No, but we hope to … next year");
	is_int(discussed("Yes. Gender should be mainstreamed next year too."), 1,
	       "a wish after Yes stays yes");
	is_int(discussed("Gender has not, however, been discussed."), 0,
	       "a dangling not after a word still denies");
	is_int(discussed("It wasn't, however, a topic."), 0, "wasn't, however, …");
}

/* ---- documents ---- */

static igt_doc *form_doc(const char *fields_json)
{
	igt_doc *doc = igt_doc_new("igf-report", "report");
	json_error_t e;
	json_t *f = json_loads(fields_json, 0, &e);
	if (!f) {
		printf("# bad test JSON: %s\n", e.text);
		abort();
	}
	json_object_update(igt_doc_fields(doc), f);
	json_decref(f);
	return doc;
}

static json_t *metrics;
static part_facts facts;

/* The form's metrics as compact JSON (free it). */
static char *form(const char *fields_json)
{
	igt_doc *doc = form_doc(fields_json);
	metrics = part_form_metrics(gender, doc, &facts);
	char *s = json_dumps(metrics, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	json_decref(metrics);
	igt_doc_free(doc);
	return s;
}

#define LONG_FIELDS                                                                                \
	"{\"participants\": {\"value\": 100, \"unit\": \"people\", \"qualifier\": \"about\","      \
	" \"text\": \"About 100 participants.\"},"                                                 \
	" \"women_participants\": {\"value\": 40, \"unit\": \"people\", \"qualifier\": \"about\"," \
	" \"text\": \"About 40 women present.\"},"                                                 \
	" \"gender_discussed\": \"No discussion related to gender issues.\","                      \
	" \"speakers\": [{\"name\": \"Qi Xiaoxia\", \"as_written\": \"Madam Qi Xiaoxia\","         \
	" \"gender\": null, \"role\": null}],"                                                     \
	" \"labels\": {\"women_participants\": \"Please estimate the total number of women and"    \
	" gender-variant individuals present.\", \"speakers\": \"List of speakers and their"       \
	" institutional affiliations\"}}"

static void test_form(void)
{
	char *s = form(LONG_FIELDS);
	is_str(s,
	       "{\"participants\":100,\"participants_qualifier\":\"about\",\"women\":40,"
	       "\"women_qualifier\":\"about\",\"women_includes_gender_variant\":true,"
	       "\"gender_variant\":null,\"women_share\":0.4,\"women_share_from\":\"counts\","
	       "\"gender_discussed\":false,\"speakers\":1,\"speakers_by_gender\":null,"
	       "\"unnamed_voices\":null,\"source\":\"form\"}",
	       "a long report: every member");
	free(s);
	ok(facts.report && facts.has_participants && facts.participants == 100 &&
	       facts.has_women && facts.women == 40 && facts.gender_discussed == 0,
	   "and the facts for the corpus");

	s = form("{\"participants\": null, \"women_participants\": {\"text\": \"About 40 women "
	         "present.\"}, \"gender_discussed\": null}");
	like(s, "\"participants\":null", "an unanswered count is null");
	like(s, "\"women\":40", "the other still read");
	like(s, "\"women_share\":null", "no share without participants");
	like(s, "\"gender_discussed\":null", "an unanswered gender question is null");
	like(s, "\"speakers\":null", "a form without the speakers question: null");
	free(s);

	s = form("{\"participants\": {\"text\": \"40\"}, \"women_participants\": {\"text\": "
	         "\"3 of the 5 speakers were women\"}}");
	like(s, "\"women\":null", "women among the speakers are not the women present");
	like(s, "\"women_share\":null", "nor give a share");
	free(s);
	s = form("{\"participants\": {\"text\": \"About 40 participants; 4 speakers, 2 of them "
	         "women\"}, \"women_participants\": null}");
	like(s, "\"participants\":40", "participants read");
	like(s, "\"women\":null", "women speakers in the participants' answer: no count");
	free(s);
	s = form("{\"participants\": {\"text\": \"100\"}, \"women_participants\": {\"text\": "
	         "\"About 40 women attended the panel discussion.\"}}");
	like(s, "\"women\":40", "women attending a panel discussion are women present");
	free(s);

	s = form("{\"participants\": {\"text\": \"Approximately 35\"},"
	         " \"women_participants\": {\"text\": \"25%\"}}");
	like(s, "\"women\":null", "a percentage gives no count of women");
	like(s, "\"women_share\":0.25,\"women_share_from\":\"percent\"", "but the share");
	free(s);

	s = form("{\"participants\": {\"text\": \"30\"},"
	         " \"women_participants\": {\"text\": \"45\"}}");
	like(s, "\"women_share\":null", "more women than participants: no share");
	ok(facts.women_exceeds, "and the plugin is told, to warn");
	free(s);

	s = form("{\"participants\": {\"text\": \"About 100 participants, 40 women and 2 "
	         "non-binary\"}}");
	like(s, "\"participants\":100", "participants from a mixed answer");
	like(s, "\"women\":40", "women from the participants' answer when not asked apart");
	like(s, "\"gender_variant\":2", "and gender-variant people");
	like(s, "\"women_includes_gender_variant\":null", "no women question: its scope unknown");
	free(s);

	s = form("{\"participants\": {\"text\": \"60 on site and 25 online\"}}");
	like(s, "\"participants\":null", "parts are not added up");
	free(s);
	s = form("{\"participants\": {\"text\": \"Around 60 participants on site and 25 "
	         "online.\"}}");
	like(s, "\"participants\":null", "60 participants on site is a part, not the total");
	free(s);
	s = form("{\"participants\": {\"text\": \"About 100 participants online\"}}");
	like(s, "\"participants\":100,\"participants_qualifier\":\"at least\"",
	     "a part alone: the total is at least that");
	free(s);

	s = form("{\"other\": [{\"label\": \"Number of gender-variant individuals present\","
	         " \"answer\": \"3\"}]}");
	like(s, "\"gender_variant\":3", "a gender-variant question of its own (fields.other)");
	free(s);

	s = form("{\"gender_discussed\": \"1\", \"labels\": {\"gender_discussed\": "
	         "\"Estimate the number of gender-variant individuals present\"}}");
	like(s, "\"gender_variant\":1", "a gender-variant question the format filed as gender");
	like(s, "\"gender_discussed\":null", "is no answer about a discussion");
	free(s);

	s = form("{\"speakers\": ["
	         "{\"as_written\": \"Amina Wekesa\", \"gender\": \"female\", \"role\": null},"
	         "{\"as_written\": \"Rohan Mehta\", \"gender\": \"male\", \"role\": null},"
	         "{\"as_written\": \"Dr. Ines Carvalho\", \"gender\": \"Female\", \"role\": null},"
	         "{\"as_written\": \"Kim Lee\", \"gender\": \"transgender female\","
	         " \"role\": null},"
	         "{\"as_written\": \"Alex Roe\", \"gender\": \"gender variant\", \"role\": null},"
	         "{\"as_written\": \"Sam Poe\", \"gender\": \"prefer not to answer\","
	         " \"role\": null},"
	         "{\"as_written\": \"Jo Doe\", \"gender\": null, \"role\": null},"
	         "{\"as_written\": \"Jo Doe\", \"gender\": null, \"role\": null},"
	         "{\"as_written\": \"Sam Collins\", \"gender\": \"male\","
	         " \"role\": \"online moderator\"}]}");
	like(s, "\"speakers\":7", "speakers: each once, the moderator listed there left out");
	like(s,
	     "\"speakers_by_gender\":{\"female\":2,\"male\":1,\"transgender_female\":1,"
	     "\"gender_variant\":1,\"not_disclosed\":1,\"not_stated\":1}",
	     "speakers by the gender stated, in a fixed order");
	free(s);

	s = form("{\"speakers\": [{\"as_written\": \"Jo Doe\", \"gender\": null, \"role\": null}],"
	         " \"labels\": {\"speakers\": \"List of speakers (Indicate male/female/"
	         " transgender male/ transgender female/gender variant/prefer not to answer)\"}}");
	like(s, "\"speakers_by_gender\":{\"not_stated\":1}",
	     "the form asks, nobody states: all not stated");
	free(s);
}

static void add_turn(igt_doc *doc, const char *speaker, const char *text)
{
	igt_span span = {0, strlen(text)};
	igt_segment *seg = igt_doc_add_segment(doc, speaker ? "turn" : "paragraph", text,
	                                       (size_t)-1, span);
	if (speaker)
		igt_segment_set_speaker(doc, seg, speaker);
}

static char *text(igt_doc *doc)
{
	json_t *m = part_text_metrics(doc);
	char *s = json_dumps(m, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(m);
	return s;
}

static void test_text(void)
{
	igt_doc *doc = igt_doc_new("captions", "transcript");
	igt_person *p = igt_doc_add_person(doc, "Milton Mueller", "MILTON MUELLER");
	igt_person_add_role(doc, p, "speaker");
	p = igt_doc_add_person(doc, "Jane Roe", "JANE ROE");
	igt_person_add_role(doc, p, "speaker");
	p = igt_doc_add_person(doc, NULL, "MODERATOR");
	igt_person_add_role(doc, p, "moderator");
	add_turn(doc, "Milton Mueller", "Welcome.");
	add_turn(doc, "Milton Mueller", "Let us start.");
	add_turn(doc, NULL, "Thank you.");
	add_turn(doc, "Jane Roe", "Thanks.");
	add_turn(doc, "Anne Poe", "Hello.");
	char *s = text(doc);
	like(s, "\"speakers\":3", "three named speakers: two listed, one only in the turns");
	like(s, "\"unnamed_voices\":1", "a role-only label is an unnamed voice");
	like(s, "\"participants\":null", "form-only members are null");
	like(s, "\"source\":\"text\"", "source text");
	free(s);
	/* The speakers plugin's ids make one person of two forms of a name. */
	json_object_set_new(igt_doc_metrics(doc), "speakers",
	                    json_pack("{s:{s:s,s:s,s:s}}", "speaker_ids", "Milton Mueller", "p-1",
	                              "Jane Roe", "p-2", "Anne Poe", "p-1"));
	igt_person_set(doc, igt_doc_person_at(doc, 0), IGT_PERSON_ID, "p-1");
	igt_person_set(doc, igt_doc_person_at(doc, 1), IGT_PERSON_ID, "p-2");
	s = text(doc);
	like(s, "\"speakers\":2", "with the speakers plugin's ids: two people");
	free(s);
	igt_doc_free(doc);

	doc = igt_doc_new("highlights", "highlights");
	p = igt_doc_add_person(doc, "ShenYi", "ShenYi");
	igt_person_add_role(doc, p, "chair");
	p = igt_doc_add_person(doc, "Yin Peiqiu", "Yin Peiqiu");
	igt_person_add_role(doc, p, "editor");
	add_turn(doc, "Chu Nan", "IANA is …");
	s = text(doc);
	like(s, "\"speakers\":1", "a chair and an editor who say nothing are no speakers");
	like(s, "\"unnamed_voices\":0", "no unnamed voice");
	free(s);
	igt_doc_free(doc);

	doc = igt_doc_new("pipermail", "message");
	p = igt_doc_add_person(doc, NULL, "someone@example.org");
	igt_person_add_role(doc, p, "author");
	add_turn(doc, NULL, "Hello list.");
	s = text(doc);
	like(s, "\"speakers\":null", "a message has no speakers: null, not 0");
	like(s, "\"unnamed_voices\":null", "nor voices");
	free(s);
	igt_doc_free(doc);

	doc = igt_doc_new("captions", "transcript");
	add_turn(doc, NULL, "(no labels at all)");
	s = text(doc);
	like(s, "\"speakers\":0", "a transcript without named speakers: 0");
	free(s);
	igt_doc_free(doc);
}

/* ---- the plugin and the corpus table ---- */

static json_t *rows;

static int sink(void *payload, const char *table, const json_t *row)
{
	(void)payload;
	(void)table;
	json_array_append_new(rows, json_deep_copy(row));
	return 0;
}

static igt_doc *report(const char *event, const char *date, const char *fields_json)
{
	igt_doc *doc = form_doc(fields_json);
	igt_doc_set(doc, IGT_DOC_EVENT, event, (size_t)-1);
	igt_doc_set(doc, IGT_DOC_DATE, date, (size_t)-1);
	return doc;
}

static void process(void *p, igt_doc *doc)
{
	participation_process(p, doc);
	igt_doc_free(doc);
}

static json_t *row_of(const char *id)
{
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		if (strcmp(json_string_value(json_object_get(r, "id")), id) == 0)
			return r;
	}
	return NULL;
}

static long long member(json_t *r, const char *key)
{
	json_t *v = json_object_get(r, key);
	return json_is_null(v) ? -1 : (long long)json_integer_value(v);
}

static void test_plugin(void)
{
	igt_host *host = igt_host_new("participation", "test");
	static char *formats[] = {"igf-report"};
	participation_config cfg = {.form_formats = {1, formats}, .table = true};
	void *p = NULL;
	ok(participation_open(&p, &cfg, host) == 0, "the plugin opens");

	/* A session with its Long and Short Report: counted once. */
	process(p, report("IGF 2018", "2018-11-14T11:20",
	                  "{\"session_key\": \"igf-2018/a\", \"participants\": {\"text\":"
	                  " \"About 100 participants.\"}, \"women_participants\": {\"text\":"
	                  " \"About 40 women present.\"}, \"gender_discussed\": \"No discussion"
	                  " related to gender issues.\"}"));
	process(p, report("IGF 2018", "2018-11-14T11:20",
	                  "{\"session_key\": \"igf-2018/a\", \"participants\": null, "
	                  "\"women_participants\": {\"text\": \"About 40 women present.\"}, "
	                  "\"gender_discussed\": \"No discussion related to gender issues.\"}"));
	/* A session whose two reports disagree on the women. */
	process(p, report("IGF 2018", "2018-11-12",
	                  "{\"session_key\": \"igf-2018/b\", \"participants\": {\"text\": \"50\"},"
	                  " \"women_participants\": {\"text\": \"20\"}, \"gender_discussed\": "
	                  "\"Yes, the gender digital divide.\"}"));
	process(p, report("IGF 2018", "2018-11-12",
	                  "{\"session_key\": \"igf-2018/b\", \"participants\": {\"text\": \"50\"},"
	                  " \"women_participants\": {\"text\": \"25\"}}"));
	/* A report without a session key, without a date: its year from the event. */
	process(p, report("IGF 2018", NULL,
	                  "{\"participants\": {\"text\": \"30\"}, \"gender_discussed\": \"N/A\"}"));
	/* Not a form: a transcript of the same event, and a message of no event. */
	igt_doc *t = igt_doc_new("captions", "transcript");
	igt_doc_set(t, IGT_DOC_EVENT, "IGF 2018", (size_t)-1);
	process(p, t);
	t = igt_doc_new("pipermail", "message");
	igt_doc_set(t, IGT_DOC_DATE, "2018-03-24T13:56:31Z", (size_t)-1);
	process(p, t);
	/* A report of a format not listed in form_formats is read as text. */
	t = igt_doc_new("other-form", "report");
	json_object_set_new(igt_doc_fields(t), "participants", json_pack("{s:s}", "text", "99"));
	participation_process(p, t);
	ok(json_is_null(json_object_get(json_object_get(igt_doc_metrics(t), "participation"),
	                                "participants")),
	   "a report of another format is not read as a form");
	igt_doc_free(t);

	rows = json_array();
	host->row_sink = sink;
	host->in_finish = 1;
	ok(participation_finish(p) == 0, "finish hands the table over");
	is_int(json_array_size(rows), 3, "three rows: IGF 2018, a year alone, nothing known");
	json_t *r = row_of("IGF 2018|2018");
	ok(r != NULL, "the id is event|year");
	is_int(member(r, "year"), 2018, "year");
	is_int(member(r, "documents"), 6, "documents: five reports and the transcript");
	is_int(member(r, "reports"), 5, "reports: five");
	is_int(member(r, "sessions"), 3, "sessions: a, b and the one without a key");
	is_int(member(r, "participants"), 100 + 50 + 30,
	       "participants: each session once (100, 50, 30)");
	is_int(member(r, "sessions_with_participants"), 3, "over three sessions");
	is_int(member(r, "women"), 40, "women: session b's reports disagree, so only a's 40");
	is_int(member(r, "sessions_with_women"), 1, "over one session");
	ok(json_real_value(json_object_get(r, "women_share")) == 0.4,
	   "women_share: from sessions that give both: 40 / 100");
	is_int(member(r, "gender_discussed"), 1, "gender discussed in one session (b)");
	is_int(member(r, "of"), 3, "of three that say (a no, b yes, N/A no)");
	is_int(member(r, "conflicts"), 1, "one session with conflicting reports");
	r = row_of("|2018");
	ok(r && json_is_null(json_object_get(r, "event")), "a document of no event: its own row");
	is_int(member(r, "participants"), -1, "no reports: participants null");
	r = row_of("|");
	ok(r && json_is_null(json_object_get(r, "year")), "no event and no year");
	json_decref(rows);
	participation_close(p);

	cfg.table = false;
	ok(participation_open(&p, &cfg, host) == 0, "the plugin opens with table: false");
	rows = json_array();
	ok(participation_finish(p) == 0 && json_array_size(rows) == 0, "and gives no rows");
	json_decref(rows);
	participation_close(p);
	igt_host_free(host);
}

int main(void)
{
	char err[256];
	gender = part_gender_new(err, sizeof(err));
	if (!gender) {
		printf("Bail out! %s\n", err);
		return 99;
	}
	test_numbers();
	test_gender();
	test_form();
	test_text();
	test_plugin();
	part_gender_free(gender);
	return done_testing();
}
