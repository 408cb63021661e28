/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of igf-report's value readers: session dates, participant
 * counts and the split of a speaker line into name, position and
 * affiliation. These readers see many more variants than the golden cases
 * can show one file each, so they are checked here directly; the plugin's
 * source is included to reach its static functions.
 */
#include "../igf-report.c"

#include "../../../../tests/unit/tap.h"

static void check_date(const char *text, bool day_first, const char *want, const char *want_end,
                       int want_ambiguous)
{
	igt_date s, e;
	int amb;
	int ok = parse_session_date(text, strlen(text), day_first, &s, &e, &amb);
	char got[40] = "", got_end[40] = "";
	if (ok)
		igt_date_format(&s, got, sizeof(got));
	int has_end = e.hour >= 0 || e.day;
	if (ok && has_end)
		igt_date_format(&e, got_end, sizeof(got_end));
	is_str(ok ? got : NULL, want, "date '%s'", text);
	is_str(ok && has_end ? got_end : NULL, want_end, "end of '%s'", text);
	is_int(amb, want_ambiguous, "ambiguity of '%s'", text);
}

static void test_dates(void)
{
	check_date("14/11/2018,11:20-12:20", true, "2018-11-14T11:20", "2018-11-14T12:20", 0);
	check_date("14/11/2018", true, "2018-11-14", NULL, 0);
	check_date("Tuesday, 19 December, 2017 - 15:00 to 16:30", true, "2017-12-19T15:00",
	           "2017-12-19T16:30", 0);
	check_date("November 12, 2018 9:00am - 10:30am", true, "2018-11-12T09:00",
	           "2018-11-12T10:30", 0);
	check_date("12 Nov. 2018, 2:00-3:30pm", true, "2018-11-12T14:00", "2018-11-12T15:30", 0);
	check_date("2019-11-26 10:30-12:00 CET", true, "2019-11-26T10:30+01:00",
	           "2019-11-26T12:00+01:00", 0);
	check_date("13 November 2018, 15:00 (UTC+1)", true, "2018-11-13T15:00+01:00", NULL, 0);
	check_date("05/06/2018", true, "2018-06-05", NULL, 0);
	check_date("05/06/2018", false, "2018", NULL, 1);
	check_date("11/14/2018", true, "2018-11-14", NULL, 0);
	check_date("07.11.2018 11h20", true, "2018-11-07T11:20", NULL, 0);
	check_date("14th of November 2018", true, "2018-11-14", NULL, 0);
	check_date("December 2017", true, "2017-12", NULL, 0);
	check_date("31/02/2018", true, NULL, NULL, 0);
	check_date("Day 3, 11:20-12:20", true, NULL, NULL, 0);
	check_date("TBC", true, NULL, NULL, 0);
	check_date("", true, NULL, NULL, 0);
	check_date("14/11/2018, 23:00-01:00", true, "2018-11-14T23:00", NULL, 0);
	/* A range of days: its first day, ending on its last. */
	check_date("6-7 December 2016", true, "2016-12-06", "2016-12-07", 0);
	check_date("6 \xE2\x80\x93 7 Dec 2016", true, "2016-12-06", "2016-12-07", 0);
	check_date("6 to 7 December 2016", true, "2016-12-06", "2016-12-07", 0);
	check_date("6-7 December 2016, 10:00-12:00", true, "2016-12-06T10:00", "2016-12-06T12:00",
	           0);
	check_date("Day 3, 7 December 2016", true, "2016-12-07", NULL, 0);
	check_date("Day 2 - 13 November 2018, 10:40", true, "2018-11-13T10:40", NULL, 0);
	check_date("from 12 to 13 November 2018", true, "2018-11-12", "2018-11-13", 0);
	check_date("Monday 12-13 November 2018", true, "2018-11-12", "2018-11-13", 0);
	check_date("Berlin 26-29 November 2019", true, "2019-11-26", "2019-11-29", 0);
	check_date("Room 3 - 7 December 2016", true, "2016-12-07", NULL, 0);
	check_date("30-31 November 2016", true, NULL, NULL, 0);
	check_date("9-7 December 2016", true, "2016-12-07", NULL, 0);
}

static void check_count(const char *text, const char *want)
{
	igt_doc *doc = igt_doc_new(NULL, NULL);
	json_t *j = parse_count(doc, text, strlen(text));
	json_object_del(j, "text");
	char *got = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
	is_str(got, want, "count '%s'", text);
	free(got);
	json_decref(j);
	igt_doc_free(doc);
}

static void test_counts(void)
{
	check_count("About 100 participants.",
	            "{\"qualifier\":\"about\",\"unit\":\"people\",\"value\":100}");
	check_count("About 40 women present.",
	            "{\"qualifier\":\"about\",\"unit\":\"people\",\"value\":40}");
	check_count("Approximately 35",
	            "{\"qualifier\":\"about\",\"unit\":\"people\",\"value\":35}");
	check_count("25%", "{\"qualifier\":null,\"unit\":\"percent\",\"value\":25}");
	check_count("25 percent", "{\"qualifier\":null,\"unit\":\"percent\",\"value\":25}");
	check_count("over 1,200 people",
	            "{\"qualifier\":\"at least\",\"unit\":\"people\",\"value\":1200}");
	check_count("60+", "{\"qualifier\":\"at least\",\"unit\":\"people\",\"value\":60}");
	check_count("less than 20", "{\"qualifier\":\"at most\",\"unit\":\"people\",\"value\":20}");
	check_count("80-100", "{\"qualifier\":null,\"unit\":null,\"value\":null}");
	check_count("40 onsite and 25 online", "{\"qualifier\":null,\"unit\":null,\"value\":null}");
	check_count("Not counted", "{\"qualifier\":null,\"unit\":null,\"value\":null}");
	check_count("12.5%", "{\"qualifier\":null,\"unit\":\"percent\",\"value\":12.5}");
}

static char *dup_range(range r)
{
	if (!r.s || !r.n)
		return NULL;
	char *s = malloc(r.n + 1);
	memcpy(s, r.s, r.n);
	s[r.n] = '\0';
	return s;
}

static void check_person(const char *text, const char *name, const char *position,
                         const char *affiliation, const char *gender, const char *note,
                         const char *role)
{
	person_parts pp;
	split_person(text, strlen(text), &pp);
	const char *want[] = {name, position, affiliation, gender, note, role};
	range got[] = {pp.name, pp.position, pp.affiliation, pp.gender, pp.note, pp.role};
	const char *what[] = {"name", "position", "affiliation", "gender", "note", "role"};
	for (size_t i = 0; i < 6; i++) {
		char *g = dup_range(got[i]);
		is_str(g, want[i], "%s of '%s'", what[i], text);
		free(g);
	}
}

static void test_people(void)
{
	check_person("Madam Qi Xiaoxia, Director General of International Cooperation Bureau of "
	             "Cyberspace Administration of China (CAC)",
	             "Madam Qi Xiaoxia", "Director General",
	             "International Cooperation Bureau of Cyberspace Administration of China (CAC)",
	             NULL, NULL, NULL);
	check_person(
	    "Professor. Li Yuxiao, Vice-President of Chinese Academy of Cyberspace Studies. "
	    "the Coordinator of the High-level Advisory Council",
	    "Professor. Li Yuxiao", "Vice-President", "Chinese Academy of Cyberspace Studies", NULL,
	    "the Coordinator of the High-level Advisory Council", NULL);
	check_person("Mr. Jiang Wei, Chinese Academy of Cyberspace Studies", "Mr. Jiang Wei", NULL,
	             "Chinese Academy of Cyberspace Studies", NULL, NULL, NULL);
	check_person("Marta Okafor (Kenya ICT Action Network)", "Marta Okafor", NULL,
	             "Kenya ICT Action Network", NULL, NULL, NULL);
	check_person("Lena Brandt (female), Senior Policy Advisor, Digital Rights Foundation",
	             "Lena Brandt", "Senior Policy Advisor", "Digital Rights Foundation", "female",
	             NULL, NULL);
	check_person("Tomás Rivera, Head of Public Policy at NetAccess Ltd., Male", "Tomás Rivera",
	             "Head of Public Policy", "NetAccess Ltd.", "Male", NULL, NULL);
	check_person("Moderator: Aiko Tanaka, Research Fellow, Keio University", "Aiko Tanaka",
	             "Research Fellow", "Keio University", NULL, NULL, "Moderator");
	check_person("Daniel Moss - Internet Society", "Daniel Moss", NULL, "Internet Society",
	             NULL, NULL, NULL);
	check_person("Sara Lind, Berkman Klein Center at Harvard University", "Sara Lind", NULL,
	             "Berkman Klein Center at Harvard University", NULL, NULL, NULL);
	check_person("Ms. Luman Sun", "Ms. Luman Sun", NULL, NULL, NULL, NULL, NULL);
	check_person("Ms. Marta Okafor, Head of Policy of Kenya ICT Action Network",
	             "Ms. Marta Okafor", "Head of Policy", "Kenya ICT Action Network", NULL, NULL,
	             NULL);
	check_person("Ana Silva, Chairman of the Board of Example Corp", "Ana Silva",
	             "Chairman of the Board", "Example Corp", NULL, NULL, NULL);
	check_person("Sione Tupou, Secretary General of the Ministry of Foreign Affairs of Tonga",
	             "Sione Tupou", "Secretary General", "Ministry of Foreign Affairs of Tonga",
	             NULL, NULL, NULL);
	check_person("Ms. Hana Novak (Chair)", "Ms. Hana Novak", NULL, NULL, NULL, NULL, "Chair");
	check_person("李晓东，中国互联网络信息中心", "李晓东", NULL, "中国互联网络信息中心", NULL,
	             NULL, NULL);
	check_person("Wang Wei PTI", "Wang Wei PTI", NULL, NULL, NULL, NULL, NULL);
}

/* in_list halves its lists: each must be in lower case and sorted as
 * strcmp sorts, or words would be missed. */
static void test_word_lists(void)
{
	static const struct {
		const char *name;
		const wordlist *list;
	} lists[] = {
	    {"title_words", &title_words},   {"org_words", &org_words},
	    {"gender_words", &gender_words}, {"role_words", &role_words},
	    {"abbreviations", &abbreviations}, {"nobody_words", &nobody_words},
	};
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
		const wordlist *w = lists[l].list;
		size_t bad = 0;
		for (size_t i = 0; i < w->n; i++) {
			for (const char *c = w->words[i]; *c; c++)
				bad += *c >= 'A' && *c <= 'Z';
			bad += i > 0 && strcmp(w->words[i - 1], w->words[i]) >= 0;
		}
		is_int((int)bad, 0, "%s: lower case, sorted, no repeats", lists[l].name);
		size_t found = 0;
		for (size_t i = 0; i < w->n; i++)
			found += in_list(w->words[i], strlen(w->words[i]), w);
		is_int((int)found, (int)w->n, "%s: every word is found", lists[l].name);
	}
	ok(in_list("Director", 8, &title_words), "a word is found in any case");
	ok(!in_list("directors", 9, &title_words), "a longer word is not found");
	ok(!in_list("directo", 7, &title_words), "a shorter word is not found");
}

int main(void)
{
	test_word_lists();
	test_dates();
	test_counts();
	test_people();
	return done_testing();
}
