/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the speakers plugin's rules, one by one: name keys
 * (honorifics, capitals, initials, hyphens, apostrophes, family name
 * first), the same-name and single-word merges and their false friends,
 * the candidate scores, word counting, introductions and the metrics of a
 * small document built here. The end-to-end checks on the example
 * records are in examples.sh.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "speakers.h"
#include "tap.h"

static spk_set fam;

static char keybuf[256];
static const char *key(const char *name)
{
	spk_name nm;
	if (spk_name_init(&nm, name, &fam) != 0)
		return NULL;
	snprintf(keybuf, sizeof(keybuf), "%s", nm.key);
	spk_name_free(&nm);
	return keybuf;
}

static void test_keys(void)
{
	is_str(key("Mr. Yuxiao Li"), "li yuxiao", "honorific dropped, listed family name first");
	is_str(key("Professor. Li Yuxiao"), "li yuxiao", "family-name-first form gives the same key");
	is_str(key("MILTON MUELLER"), "milton mueller", "capitals folded");
	is_str(key("Milton  Mueller"), "milton mueller", "inner spaces collapsed");
	is_str(key("J. Smith"), "j smith", "initials kept, dot dropped");
	is_str(key("Jean-Pierre Dupont"), "jean-pierre dupont", "hyphenated name kept whole");
	is_str(key("Conor O’Brien"), "conor o'brien", "typographic apostrophe = ASCII one");
	is_str(key("CONOR O'BRIEN"), "conor o'brien", "apostrophe in capitals");
	is_str(key("Feng Guo"), "feng guo", "both ends family names: order kept");
	is_str(key("Guo Feng"), "guo feng", "... so the reverse is another key");
	is_str(key("Van Anh Nguyen"), "nguyen van anh", "Vietnamese name given-name first rotated");
	is_str(key("Nguyễn Văn An"), "nguyễn văn an", "Vietnamese with diacritics, family first");
	is_str(key("Jong-un Kim"), "kim jong-un", "Korean hyphenated given name");
	is_str(key("Taro Yamada"), "yamada taro", "Japanese given name first");
	is_str(key("Paul Wilson"), "paul wilson", "no listed name: as written");
	is_str(key("Wolfgang·Kleinwachter"), "wolfgang kleinwachter", "middle dot separates words");
	is_str(key("李玉晓"), "李玉晓", "a Han name is one word");
	ok(key("Mr.") == NULL, "an honorific alone is no name");
	char a[SPK_ID_SIZE], b[SPK_ID_SIZE];
	spk_person_id("li yuxiao", a);
	spk_person_id(key("Yuxiao LI"), b);
	is_str(a, b, "person_id from the key");
	is_int(strlen(a), 18, "p- and 16 hex digits");
	spk_person_id("milton mueller", a);
	is_str(a, "p-2406998adb5e06ec", "FNV-1a 64, fixed for all machines");
}

static double link(const char *x, const char *y, const char **rule)
{
	spk_name a, b;
	spk_name_init(&a, x, &fam);
	spk_name_init(&b, y, &fam);
	double s = spk_name_link(&a, &b, rule);
	spk_name_free(&a);
	spk_name_free(&b);
	return s;
}

static void test_links(void)
{
	const char *rule;
	ok(link("Feng Guo", "Guo Feng", &rule) == 0.5 && strcmp(rule, "order") == 0,
	   "Feng Guo / Guo Feng: candidate 0.5 (order)");
	ok(link("ShenYi", "Shen Yi", &rule) == 0.8 && strcmp(rule, "joined") == 0,
	   "ShenYi / Shen Yi: candidate 0.8 (joined)");
	ok(link("Jean-Pierre Dupont", "Jean Pierre Dupont", &rule) == 0.8,
	   "Jean-Pierre / Jean Pierre: candidate 0.8");
	ok(link("J. Smith", "John Smith", &rule) == 0.6 && strcmp(rule, "initials") == 0,
	   "J. Smith / John Smith: candidate 0.6 (initials)");
	ok(link("Wolfgang Kleinwächter", "Wolfgang Kleinwachter", &rule) == 0.9 &&
	       strcmp(rule, "accents") == 0,
	   "Kleinwächter / Kleinwachter: candidate 0.9 (accents)");
	ok(link("J. Smith", "K. Smith", &rule) == 0, "false friends: different initials");
	ok(link("John Smith", "Jane Smith", &rule) == 0, "false friends: same family name");
	ok(link("Milton Mueller", "Milton Friedman", &rule) == 0, "false friends: same given name");
	ok(link("Li Yuxiao", "Yuxiao Li", &rule) == 0, "same key: no candidate, a merge");
}

static void test_words(void)
{
	is_int(spk_count_words("Hello, world.", 13), 2, "two words");
	is_int(spk_count_words("don't stop", 10), 2, "apostrophe inside a word");
	is_int(spk_count_words("US-China war", 12), 2, "hyphen inside a word");
	is_int(spk_count_words("a - b", 5), 2, "a lone dash is no word");
	is_int(spk_count_words("in 2018, 195 countries", 22), 4, "numbers are words");
	is_int(spk_count_words("我们认为", strlen("我们认为")), 4, "each Han character counts");
	is_int(spk_count_words("IGF 互联网 forum", strlen("IGF 互联网 forum")), 5, "mixed scripts");
	is_int(spk_count_words("Kleinwächter", strlen("Kleinwächter")), 1, "letters with diacritics");
	is_int(spk_count_words("", 0), 0, "empty");

	/* Long ASCII runs are counted sixteen bytes at a time: random texts
	 * of letters, digits, joiners, separators and some characters beyond
	 * ASCII, against the rules spelled out symbol by symbol. */
	static const char *const symbols[] = {"a", "Z", "7", "'", "-", " ", ".", "\n",
	                                      "\xC3\xA9" /* é */, "\xE4\xB8\xAD" /* 中 */,
	                                      "\xE2\x80\x99" /* ’ */};
	/* 0 separator, 1 word character, 2 joiner, 3 ideograph */
	static const int kinds[] = {1, 1, 1, 2, 2, 0, 0, 0, 1, 3, 2};
	static const unsigned char next[3][4] = {{0, 5, 0, 4}, {0, 1, 2, 4}, {0, 1, 0, 4}};
	uint64_t rng = 88172645463325252ull;
	int differ = 0;
	char text[400];
	for (int t = 0; t < 3000; t++) {
		size_t len = 0, want = 0;
		unsigned state = 0;
		int n = (int)(t % 120);
		for (int k = 0; k < n; k++) {
			rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
			/* Mostly letters and spaces, as in prose. */
			size_t pick = rng % 16 < 10 ? rng % 2 ? 0 : 5 : (rng >> 8) % 11;
			size_t sl = strlen(symbols[pick]);
			memcpy(text + len, symbols[pick], sl);
			len += sl;
			unsigned nx = next[state][kinds[pick]];
			want += nx >> 2;
			state = nx & 3;
		}
		differ += spk_count_words(text, len) != want;
	}
	ok(differ == 0, "3000 random texts counted as the rules say (%d differ)", differ);
}

/* A small transcript: a doc with people and turn segments. */
static igt_doc *transcript(void)
{
	igt_doc *d = igt_doc_new("captions", "transcript");
	igt_person *p = igt_doc_add_person(d, "Milton Mueller", "MILTON MUELLER");
	igt_person_add_role(d, p, "speaker");
	p = igt_doc_add_person(d, "Milton", "MILTON");
	igt_person_add_role(d, p, "chair");
	p = igt_doc_add_person(d, "Feng Guo", "FENG GUO");
	igt_person_add_role(d, p, "speaker");
	p = igt_doc_add_person(d, NULL, "MODERATOR");
	igt_person_add_role(d, p, "moderator");
	igt_span sp = {0, 0};
	igt_segment *s;
	s = igt_doc_add_segment(d, "turn", "Welcome all of you.", (size_t)-1, sp);
	igt_segment_set_speaker(d, s, "Milton Mueller");
	igt_doc_add_segment(d, "non_speech", "(Applause)", (size_t)-1, sp);
	s = igt_doc_add_segment(d, "turn", "Let us start.", (size_t)-1, sp);
	igt_segment_set_speaker(d, s, "Milton Mueller");
	s = igt_doc_add_segment(d, "turn", "My name is Guo Feng from the China Academy of ICT.",
	                        (size_t)-1, sp);
	igt_segment_set_speaker(d, s, "Feng Guo");
	s = igt_doc_add_segment(d, "turn", "Thanks.", (size_t)-1, sp);
	igt_segment_set_speaker(d, s, "Milton");
	igt_doc_add_segment(d, "turn", "Time is up.", (size_t)-1, sp); /* MODERATOR */
	s = igt_doc_add_segment(d, "turn", "Fine.", (size_t)-1, sp);
	igt_segment_set_speaker(d, s, "Feng Guo");
	return d;
}

static json_t *run_doc(igt_doc *d, spk_intro *in)
{
	spk_ctx c;
	spk_ctx_init(&c, d, &fam);
	spk_identity_build(&c);
	if (in)
		spk_intro_scan(in, &c);
	for (size_t i = 0; i < igt_doc_segment_count(d); i++)
		if (igt_doc_segment(d, i)->speaker)
			spk_identity_speaker(&c, igt_doc_segment(d, i)->speaker);
	spk_identity_commit(&c);
	json_t *m = spk_metrics(&c);
	spk_ctx_free(&c);
	return m;
}

static json_t *person_m(json_t *m, const char *name)
{
	size_t i;
	json_t *v;
	json_array_foreach(json_object_get(m, "people"), i, v) {
		if (strcmp(json_string_value(json_object_get(v, "name")), name) == 0)
			return v;
	}
	return NULL;
}

static void test_transcript(spk_intro *in)
{
	igt_doc *d = transcript();
	json_t *m = run_doc(d, in);
	is_int(igt_doc_person_count(d), 3, "MILTON merged into Milton Mueller (the only Milton)");
	const igt_person *p = igt_doc_person(d, 0);
	is_int(p->n_roles, 2, "the merged person has both roles");
	ok(p->id && strncmp(p->id, "p-", 2) == 0, "ids set");
	ok(igt_doc_person(d, 2)->id == NULL, "a role-only person gets no id");
	is_str(igt_doc_person(d, 1)->affiliation, "the China Academy of ICT",
	       "self-introduction gives the affiliation");
	is_int(json_integer_value(json_object_get(m, "speakers")), 2, "two speakers");
	json_t *mm = person_m(m, "Milton Mueller"), *fg = person_m(m, "Feng Guo");
	is_int(json_integer_value(json_object_get(mm, "turns")), 2,
	       "applause does not end a turn; 'Milton' is the same person");
	is_int(json_integer_value(json_object_get(mm, "words")), 8, "words 4 + 3 + 1");
	is_int(json_integer_value(json_object_get(mm, "longest_turn_words")), 7, "longest turn");
	is_int(json_integer_value(json_object_get(mm, "last_segment")), 4, "last segment");
	is_int(json_integer_value(json_object_get(fg, "turns")), 2, "Feng Guo two turns");
	is_int(json_integer_value(json_object_get(m, "unattributed_words")), 3,
	       "the moderator's words are unattributed");
	is_int(json_integer_value(json_object_get(m, "spoken_words")), 8 + 11 + 1 + 3, "spoken words");
	is_int(json_array_size(json_object_get(m, "pairs")), 2,
	       "pairs: Milton->Feng, Feng->Milton; the moderator breaks the last");
	like(json_string_value(json_object_get(json_object_get(m, "speaker_ids"), "Milton")), "p-",
	     "the speaker string 'Milton' maps to an id");
	json_t *forms = json_object_get(fg, "forms");
	is_int(json_array_size(forms), 3, "forms: Feng Guo, FENG GUO, Guo Feng");
	json_decref(m);
	igt_doc_free(d);
}

static void test_single_word_ambiguous(void)
{
	igt_doc *d = igt_doc_new("captions", "transcript");
	igt_doc_add_person(d, "Milton Mueller", NULL);
	igt_doc_add_person(d, "Milton Friedman", NULL);
	igt_doc_add_person(d, "Milton", NULL);
	json_t *m = run_doc(d, NULL);
	is_int(igt_doc_person_count(d), 3, "false friend: 'Milton' with two Miltons stays apart");
	json_t *cands = json_object_get(m, "candidates");
	is_int(json_array_size(cands), 2, "two candidate links");
	ok(json_real_value(json_object_get(json_array_get(cands, 0), "score")) == 0.5,
	   "each scored 1/2");
	json_decref(m);
	igt_doc_free(d);

	d = igt_doc_new("captions", "transcript");
	igt_doc_add_person(d, "Feng Guo", NULL);
	igt_doc_add_person(d, "Guo Feng", NULL);
	m = run_doc(d, NULL);
	is_int(igt_doc_person_count(d), 2, "false friend: Feng Guo and Guo Feng kept apart");
	is_int(json_array_size(json_object_get(m, "candidates")), 1, "... with a candidate link");
	json_decref(m);
	igt_doc_free(d);

	d = igt_doc_new("igf-report", "report");
	igt_person *p = igt_doc_add_person(d, "Yuxiao Li", "Mr. Yuxiao Li");
	igt_person_add_role(d, p, "chair");
	p = igt_doc_add_person(d, "Li Yuxiao", "Professor. Li Yuxiao");
	igt_person_add_role(d, p, "speaker");
	igt_person_set(d, p, IGT_PERSON_AFFILIATION, "Chinese Academy of Cyberspace Studies");
	m = run_doc(d, NULL);
	is_int(igt_doc_person_count(d), 1, "Mr. Yuxiao Li and Professor. Li Yuxiao merged");
	is_str(igt_doc_person(d, 0)->affiliation, "Chinese Academy of Cyberspace Studies",
	       "the affiliation moves to the kept person");
	json_decref(m);
	igt_doc_free(d);

	/* A surname alone is one person in its document, not in every one. */
	char ids[2][64], han[2][64];
	for (int k = 0; k < 2; k++) {
		d = igt_doc_new("captions", "transcript");
		igt_doc_set(d, IGT_DOC_ID, k ? "doc-b" : "doc-a", (size_t)-1);
		igt_person *li = igt_doc_add_person(d, "Li", k ? "MS. LI" : "MR. LI");
		igt_person_set(d, li, IGT_PERSON_HONORIFIC, k ? "MS." : "MR.");
		igt_doc_add_person(d, "ShenYi", NULL);
		m = run_doc(d, NULL);
		snprintf(ids[k], sizeof(ids[k]), "%s", igt_doc_person(d, 0)->id);
		snprintf(han[k], sizeof(han[k]), "%s", igt_doc_person(d, 1)->id);
		json_decref(m);
		igt_doc_free(d);
	}
	ok(strcmp(ids[0], ids[1]) != 0, "'MR. LI', 'MS. LI' in two documents: two ids (%s, %s)",
	   ids[0], ids[1]);
	is_str(han[0], han[1], "a name of one word without a title keeps one id everywhere");
}

static void test_intro(spk_intro *in)
{
	ok(spk_intro_is_org("ICANN Board", 11), "acronym: organisation");
	ok(spk_intro_is_org("University of Lodz", 18), "University: organisation");
	ok(!spk_intro_is_org("India", 5), "a country is not");
	ok(!spk_intro_is_org("the US", 6), "a country acronym is not");
	ok(!spk_intro_is_org("Europe, Poland", 14), "a region is not");

	igt_doc *d = igt_doc_new("pipermail", "message");
	igt_span sp = {0, 0};
	igt_doc_add_segment(d, "paragraph", "This session was kindly moderated by Marilyn Cade.",
	                    (size_t)-1, sp);
	igt_doc_add_segment(d, "paragraph", "Matthew Shears (ICANN Board)", (size_t)-1, sp);
	igt_doc_add_segment(d, "paragraph", "Tatiana Tropina (Remote)", (size_t)-1, sp);
	igt_doc_add_segment(d, "paragraph", "Background Paper (draft)", (size_t)-1, sp);
	igt_doc_add_segment(d, "paragraph", "Key Messages (Summary)", (size_t)-1, sp);
	igt_doc_add_segment(d, "paragraph", "We then heard Jane Roe from India.", (size_t)-1, sp);
	json_t *m = run_doc(d, in);
	is_int(igt_doc_person_count(d), 3, "moderator and two participants; no 'Background Paper'");
	is_str(igt_doc_person(d, 0)->name, "Marilyn Cade", "the sentence's dot is not the name's");
	is_str(igt_doc_person(d, 0)->roles[0], "moderator", "moderated by: moderator");
	is_str(igt_doc_person(d, 1)->affiliation, "ICANN Board", "Name (Org) line");
	ok(igt_doc_person(d, 2)->affiliation == NULL, "(Remote) is no affiliation");
	json_decref(m);
	igt_doc_free(d);
}

/* Introductions inside running text: the pattern is tried only where a
 * name can begin (intro.c), so shapes at the edges of that test. */
static void test_inline_shapes(spk_intro *in)
{
	igt_doc *d = igt_doc_new("article", "article");
	igt_doc_add_person(d, "Ana McDonald", NULL);
	igt_doc_add_person(d, "Jean Dupont", NULL);
	igt_doc_add_person(d, "Karl Weber", NULL);
	igt_span sp = {0, 0};
	igt_doc_add_segment(d, "paragraph", "So we welcome Ana McDonald from the Oxford Internet "
	                    "Institute today.", (size_t)-1, sp);
	igt_doc_add_segment(d, "paragraph", "Next is Jean Dupont\xc2\xa0(ICANN) online.", (size_t)-1,
	                    sp);
	igt_doc_add_segment(d, "paragraph", "Later, Karl Weber, a researcher at the University of "
	                    "Bonn, spoke.", (size_t)-1, sp);
	json_t *m = run_doc(d, in);
	is_str(igt_doc_person(d, 0)->affiliation, "the Oxford Internet Institute",
	       "NAME from Org in a sentence");
	is_str(igt_doc_person(d, 1)->affiliation, "ICANN", "a no-break space before the bracket");
	is_str(igt_doc_person(d, 2)->affiliation, "the University of Bonn", "NAME, a Position at Org");
	is_str(igt_doc_person(d, 2)->position, "researcher", "... and the position");
	json_decref(m);
	igt_doc_free(d);
}

/* Transcripts space words irregularly: a run of blanks is what the
 * patterns allow, and the quick look for their words allows it too. */
static void test_intro_blanks(spk_intro *in)
{
	igt_doc *d = igt_doc_new("captions", "transcript");
	igt_doc_add_person(d, "Feng Guo", "FENG GUO");
	igt_doc_add_person(d, "Ana Lima", "ANA LIMA");
	igt_span sp = {0, 0};
	igt_doc_add_segment(d, "paragraph", "The panel was moderated \t by Marilyn Cade.", (size_t)-1,
	                    sp);
	igt_segment *s = igt_doc_add_segment(
	    d, "turn", "Good morning. My name  is Guo Feng from the China Academy of ICT.", (size_t)-1,
	    sp);
	igt_segment_set_speaker(d, s, "Feng Guo");
	s = igt_doc_add_segment(d, "turn", "Hello. I\tam Ana Lima from the University of Porto.",
	                        (size_t)-1, sp);
	igt_segment_set_speaker(d, s, "Ana Lima");
	json_t *m = run_doc(d, in);
	is_int(igt_doc_person_count(d), 3, "moderated, blanks, by: a third person");
	is_str(igt_doc_person(d, 2)->name, "Marilyn Cade", "... the moderator");
	is_str(igt_doc_person(d, 0)->affiliation, "the China Academy of ICT",
	       "My name  is (two spaces) introduces the speaker");
	is_str(igt_doc_person(d, 1)->affiliation, "the University of Porto",
	       "I<tab>am introduces the speaker");
	json_decref(m);
	igt_doc_free(d);
}

/* The role pattern is searched for from a little before its words "ed
 * by" (intro.c): the longest verb, an "ed by" that is no role before the
 * real one, text in other scripts just before it, and a second role after
 * the first must all still be found. */
static void test_role_search(spk_intro *in)
{
	igt_doc *d = igt_doc_new("pipermail", "message");
	igt_span sp = {0, 0};
	igt_doc_add_segment(d, "paragraph",
	                    "The report was followed by questions. \xe4\xbc\x9a\xe8\xae\xae "
	                    "hosted by Ana Lima, then chaired\tby Karl Weber.",
	                    (size_t)-1, sp);
	igt_doc_add_segment(d, "paragraph", "\xc3\xa9t\xc3\xa9 facilitated by Jean Dupont.",
	                    (size_t)-1, sp);
	json_t *m = run_doc(d, in);
	is_int(igt_doc_person_count(d), 3, "three roles after an ed by that is none");
	is_str(igt_doc_person(d, 0)->name, "Ana Lima", "hosted by, right after CJK text");
	is_str(igt_doc_person(d, 0)->roles[0], "host", "... as host");
	is_str(igt_doc_person(d, 1)->roles[0], "chair", "the second role of the segment");
	is_str(igt_doc_person(d, 2)->roles[0], "facilitator", "the longest verb");
	json_decref(m);
	igt_doc_free(d);
}

/* Each pattern is tried only where byte tests say a match can begin
 * (intro.c); on these texts that must find the same matches as a regex
 * scan: no-break spaces, dots of initials, honorifics and abbreviations,
 * brackets that do or do not close, positions, organisations in other
 * scripts, roles and self-introductions next to words that look alike. */
static void test_fast_paths(spk_intro *in)
{
	static const char *const texts[] = {
		"Stephen Anderson of the US State Department spoke.",
		"Welcome\xc2\xa0Stephen Anderson of ICANN and \xc2\xa0Jane Doe (ISOC).",
		"\xc2\xa0 Because of China Ethiopia is doing this. U.S.  But at the same time.",
		"RFID. Moreover, the domain name system; D. Moreover, the system at Geneva.",
		"Dr. Jane Doe of the Internet Society, Prof. Li Yuxiao at CNNIC, H.E. Ana Lima from Brazil.",
		"J. R. Smith of Google, Mr Karl Weber with Siemens, Ms.\tAna Lima of 3GPP.",
		"Milton Mueller, a Professor at Georgia Tech, and Eve Hoe, an adviser of the UN.",
		"Jyoti Panday, a researcher at the internet governance project. Peixi Xu, a lot of it.",
		"Jean-Pierre O\xe2\x80\x99" "Brien (see the report) and Ana Lima (Remote) and Bo Li (unclosed",
		"\xc3\x89ric Dupont de l\xe2\x80\x99Universit\xc3\xa9 and \xc3\x89ric Dupont of "
		"\xc3\x89" "cole Polytechnique, \xe5\x8c\x97\xe4\xba\xac Wang Wei of \xe6\xb8\x85 Univ.",
		"Ana Lima\xe2\x80\x83(ISOC) and Bo Li\xc2\xa0(ITU) and Cy Dee\t\t(APNIC)",
		"The session was followed by questions, co-chaired by Ana Lima and chaired by Bo Li, "
		"moderated  by Eve Hoe, hosted by\tCy Dee, facilitated by J. Smith; unmoderated by Zed Q.",
		"My name is Guo Feng. I am Ana Lima, I'm Bo Li and I\xe2\x80\x99m Cy Dee; my  name  is X Y.",
		"MY name is Ana Lima; Tim am Bo Li; I amBo Li; name is Ana Lima; myname is Bo Li.",
		"I  am\tEve Hoe and ICANN I am not. AI am Bo Li.",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		for (int which = 0; which < 3; which++) {
			size_t fast[32], scan[32], len = strlen(texts[i]);
			size_t nf = spk_intro_spans(in, which, false, texts[i], len, fast, 32);
			size_t ns = spk_intro_spans(in, which, true, texts[i], len, scan, 32);
			ok(nf == ns && nf <= 32 && memcmp(fast, scan, nf * sizeof(*fast)) == 0,
			   "text %zu, pattern %d: %zu matches as a scan finds (%zu)", i, which, nf / 2,
			   ns / 2);
		}
	}
}

static void test_family_option(void)
{
	spk_set extra = {0};
	spk_family_add(&extra, "Mueller");
	spk_name nm;
	spk_name_init(&nm, "Milton Mueller", &extra);
	is_str(nm.key, "mueller milton", "an added family name changes the key");
	spk_name_free(&nm);
	spk_set_free(&extra);
	char err[256];
	ok(spk_family_load(&extra, "/nonexistent.yaml", err, sizeof(err)) != 0, "missing file refused");
	spk_set_free(&extra);
}

int main(void)
{
	char err[256];
	char *path = igt_data_find("names/family-names.yaml");
	ok(path != NULL, "shipped family-name list found");
	ok(path && spk_family_load(&fam, path, err, sizeof(err)) == 0, "and loaded");
	ok(fam.n > 300, "hundreds of family names (%zu)", fam.n);
	free(path);
	ok(spk_set_has(&fam, "li", 2) && !spk_set_has(&fam, "yuxiao", 6), "Li listed, Yuxiao not");
	spk_intro *in = spk_intro_new(err, sizeof(err));
	ok(in != NULL, "patterns compile");
	test_keys();
	test_links();
	test_words();
	test_transcript(in);
	test_single_word_ambiguous();
	test_intro(in);
	test_inline_shapes(in);
	test_intro_blanks(in);
	test_role_search(in);
	test_fast_paths(in);
	test_family_option();
	spk_intro_free(in);
	spk_set_free(&fam);
	return done_testing();
}
