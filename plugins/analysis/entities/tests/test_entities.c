/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the entities plugin: each matching rule on a small
 * gazetteer written here, with the false friends beside each rule. The
 * plugin's own file is included so that its static functions (process,
 * the token rules) are tested as they run.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tap.h"

#include "entities.c"

static const char gazetteer_yaml[] =
    "not_typos: [NITA]\n"
    "entities:\n"
    "  - {name: Internet Corporation for Assigned Names and Numbers, kind: organisation,\n"
    "     acronyms: [ICANN]}\n"
    "  - {name: ICANN Board, kind: organisation}\n"
    "  - {name: Internet Assigned Numbers Authority, kind: organisation, acronyms: [IANA]}\n"
    "  - {name: International Telecommunication Union, kind: organisation, acronyms: [ITU]}\n"
    "  - {name: Internet Governance Forum, kind: organisation, acronyms: [IGF]}\n"
    "  - {name: National Telecommunications and Information Administration,\n"
    "     kind: organisation, acronyms: [NTIA]}\n"
    "  - {name: Cyberspace Administration of China, kind: organisation, acronyms: [CAC]}\n"
    "  - {name: At-Large Advisory Committee, kind: organisation, acronyms: [ALAC]}\n"
    "  - {name: Multistakeholder Advisory Group, kind: organisation, acronyms: [MAG]}\n"
    "  - {name: United States, kind: country, acronyms: [US, U.S.]}\n"
    "  - {name: China, kind: country, case_sensitive: true, acronyms: [PRC]}\n"
    "  - {name: Chad, kind: country, case_sensitive: true}\n"
    "  - {name: Jordan, kind: country, match_name: false,\n"
    "     patterns: ['\\bJordan\\b(?!\\s+\\p{Lu})']}\n"
    "  - {name: Mexico, kind: country, match_name: false,\n"
    "     patterns: ['(?i)(?<!\\bnew\\s)\\bmexico\\b']}\n"
    "  - {name: Department of Commerce, kind: organisation, match_name: false,\n"
    "     patterns: ['(?i)\\bthe\\s+Department\\s+of\\s+Commerce\\b(?!\\s+of\\s+Canada)']}\n"
    "  - {name: Samoa, kind: country, match_name: false,\n"
    "     patterns: ['(?i)(?<!\\bamerican\\s)\\bsamoa\\b']}\n"
    "  - {name: Pakistan, kind: country, match_name: false, patterns: ['(?i)\\bpakistan\\b']}\n"
    "  - {name: Guinea, kind: country, match_name: false,\n"
    "     patterns: ['\\bGuinea\\b|\\bGuin\xc3\xa9" "e\\b', '\\bGuineas?\\b', '(*COMMIT)\\bGuinea\\b']}\n"
    "  - {name: Foo, kind: organisation, match_name: false,\n"
    "     patterns: ['(?<![[:space:])(?=x)\\bX\\b(])\\bfoo']}\n"
    "  - {name: NETmundial, kind: process}\n"
    "  - {name: Internet Society, kind: organisation, acronyms: [ISOC]}\n"
    "  - {name: People's Republic of China, kind: country}\n"
    "  - {name: Japan Network Information Center, kind: organisation, acronyms: [JPNIC]}\n"
    "  - {name: RIPE Network Coordination Centre, kind: organisation,\n"
    "     aliases: [RIPE NCC, R\xc3\xa9seaux IP Europ\xc3\xa9" "ens]}\n"
    "  - {name: United Nations, kind: organisation, acronyms: [UN]}\n";

static entities_state *st;
static char yaml_path[64];

static void setup(void)
{
	int fd;
	snprintf(yaml_path, sizeof(yaml_path), "/tmp/test-entities.XXXXXX");
	fd = mkstemp(yaml_path);
	if (fd < 0 || write(fd, gazetteer_yaml, sizeof(gazetteer_yaml) - 1) < 0)
		abort();
	close(fd);
	static char *items[1];
	items[0] = yaml_path;
	/* static: the plugin keeps pointing into its config, as the core
	 * keeps a job's configs until the plugin is closed */
	static entities_config cfg = {.default_gazetteer = false, .typos = true, .learn = true};
	cfg.gazetteer = (igt_strlist){1, items};
	void *p = NULL;
	if (entities_open(&p, &cfg, NULL))
		abort();
	st = p;
}

/* Process one segment; returns the document (free it). */
static igt_doc *run(const char *text)
{
	igt_doc *doc = igt_doc_new("plain", "text");
	igt_span span = {0, strlen(text)};
	igt_doc_add_segment(doc, "paragraph", text, (size_t)-1, span);
	entities_process(st, doc);
	return doc;
}

/* "name@start+len/source" for each mention, joined with spaces. */
static char got[2048];
static const char *format_mentions(igt_doc *doc)
{
	size_t n = 0;
	got[0] = 0;
	for (size_t i = 0; i < igt_doc_annotation_count(doc); i++) {
		const igt_annotation *a = igt_doc_annotation(doc, i);
		n += (size_t)snprintf(got + n, sizeof(got) - n, "%s%s@%zu+%zu/%s", i ? " " : "",
		                      json_string_value(json_object_get(a->value, "surface")),
		                      (size_t)a->span.offset, (size_t)a->span.length,
		                      json_string_value(json_object_get(a->value, "source")));
	}
	igt_doc_free(doc);
	return got;
}

static const char *mentions(const char *text)
{
	return format_mentions(run(text));
}

static const char *first_name(const char *text)
{
	igt_doc *doc = run(text);
	static char name[256];
	name[0] = 0;
	if (igt_doc_annotation_count(doc)) {
		const json_t *v = igt_doc_annotation(doc, 0)->value;
		snprintf(name, sizeof(name), "%s", json_string_value(json_object_get(v, "name")));
	}
	igt_doc_free(doc);
	return name;
}

static double first_score(const char *text)
{
	igt_doc *doc = run(text);
	double s = igt_doc_annotation_count(doc) ? igt_doc_annotation(doc, 0)->score : -1;
	igt_doc_free(doc);
	return s;
}

static void test_acronyms(void)
{
	is_str(mentions("The ITU and IT people."), "ITU@4+3/gazetteer", "IT is not ITU");
	is_str(mentions("Let us meet in the US."), "US@19+2/gazetteer", "us is not the US");
	is_str(mentions("ICANN's role and IGF’s"), "ICANN@0+5/gazetteer IGF@17+3/gazetteer",
	       "ICANN's and IGF’s are ICANN and IGF");
	is_str(mentions("icann and itu"), "", "acronyms in lower case are not matched");
	is_str(mentions("ICANNs ITU2 XIGF"), "", "acronyms end on word boundaries");
	is_str(mentions("the U.S. government"), "U.S.@4+4/gazetteer", "U.S. with its dots");
	is_str(mentions("ICANN的角色"), "ICANN@0+5/gazetteer", "a CJK character is a boundary");
}

static void test_names(void)
{
	is_str(mentions("the internet   governance-forum met"),
	       "internet   governance-forum@4+27/gazetteer",
	       "names in any case, any white space or hyphen");
	is_str(first_name("NetMundial"), "NETmundial", "NetMundial is NETmundial");
	is_str(mentions("fine china and China"), "China@15+5/gazetteer",
	       "case_sensitive: china is not China");
	is_str(mentions("Jordan Carter spoke on Jordan and Lebanon"), "Jordan@23+6/gazetteer",
	       "a pattern: Jordan Carter is not the country");
}

static void test_longest(void)
{
	is_str(mentions("the ICANN Board decided"), "ICANN Board@4+11/gazetteer",
	       "ICANN Board beats ICANN");
	is_str(mentions("the icann board and ICANN"),
	       "icann board@4+11/gazetteer ICANN@20+5/gazetteer", "no overlapping mentions");
}

/* mentions() of text in a document whose people are Jordan Carter and
 * Sarah Chad, in a segment of the given type. */
static const char *mentions_among_people(const char *text, const char *type)
{
	igt_doc *doc = igt_doc_new("captions", "transcript");
	igt_span span = {0, strlen(text)};
	igt_doc_add_person(doc, "Jordan Carter", "JORDAN CARTER");
	igt_doc_add_person(doc, "Sarah Chad", "SARAH CHAD");
	igt_doc_add_segment(doc, type, text, (size_t)-1, span);
	entities_process(st, doc);
	return format_mentions(doc);
}

static void test_person_names(void)
{
	{
		/* A delegation's label read as a name ("Government of India") has
		 * no name's words: India beside "of" stays the country. */
		igt_doc *doc = igt_doc_new("captions", "transcript");
		const char *t = "The Government of Jordan and the people of Jordan";
		igt_span span = {0, strlen(t)};
		igt_doc_add_person(doc, "Government Of Jordan", "GOVERNMENT OF JORDAN");
		igt_doc_add_segment(doc, "turn", t, (size_t)-1, span);
		entities_process(st, doc);
		is_str(format_mentions(doc), "Jordan@18+6/gazetteer Jordan@43+6/gazetteer",
		       "a body's label as a person: its country still counts");
	}
	is_str(mentions_among_people("Thank you, Jordan. And China?", "turn"),
	       "China@23+5/gazetteer", "Thank you, Jordan. addresses Jordan Carter");
	is_str(mentions_among_people("As Jordan said, China matters.", "turn"),
	       "China@16+5/gazetteer", "As Jordan said quotes him");
	is_str(mentions_among_people("Jordan said last year that it would join.", "turn"),
	       "Jordan@0+6/gazetteer",
	       "a country says things too: only a quote (as … said) is a person");
	is_str(mentions_among_people("Cheers,\nJordan", "paragraph"), "", "a mail signed Jordan");
	is_str(mentions_among_people("Jordan and China", "turn"),
	       "Jordan@0+6/gazetteer China@11+5/gazetteer",
	       "Jordan the country where nothing says it is the person");
	is_str(mentions_among_people("Our next speaker is Sarah Chad. Chad is in Africa.", "turn"),
	       "Chad@32+4/gazetteer", "Sarah Chad is the person; Chad alone after it the country");
	is_str(mentions_among_people("I thank Ms. Jordan from the Ministry.", "turn"), "",
	       "a title before a country: a person");
	is_str(mentions_among_people("Mr. Chad, the US delegate", "turn"), "US@14+2/gazetteer",
	       "Mr. Chad, in any document");
	is_str(mentions_among_people("> China and the US said so.", "quote"),
	       "China@2+5/gazetteer US@16+2/gazetteer",
	       "the test's plugin counts quotes (skip_types is empty here)");
	static char *quote_type[] = {"quote"};
	igt_strlist quotes = {1, quote_type};
	const igt_strlist *was = st->skip_types;
	st->skip_types = &quotes; /* as the default [boilerplate, quote] does */
	is_str(mentions_among_people("> China and the US said so.", "quote"), "",
	       "skip_types: a quote's mentions are not counted");
	is_str(mentions_among_people("China and the US said so.", "turn"),
	       "China@0+5/gazetteer US@14+2/gazetteer", "  nor other segments' lost");
	st->skip_types = was;
	is_str(mentions("US$ 4 million for the US"), "US@22+2/gazetteer",
	       "US$ is a currency, not the country");
	const char *text = "Thanks Jordan, and China";
	is_str(mentions(text), "Jordan@7+6/gazetteer China@19+5/gazetteer",
	       "Jordan the country where nobody is called so");
	const char *texts[] = {text, "The Government of Jordan and China"};
	for (int k = 0; k < 2; k++) {
		igt_doc *doc = igt_doc_new("captions", "transcript");
		igt_span span = {0, strlen(texts[k])};
		igt_doc_add_person(doc, "Jordan Carter", "JORDAN CARTER");
		igt_doc_add_person(doc, "China", "CHINA"); /* a delegation's label */
		igt_doc_add_segment(doc, "turn", texts[k], (size_t)-1, span);
		entities_process(st, doc);
		ok(igt_doc_annotation_count(doc) == (size_t)(k ? 2 : 1),
		   k ? "the Government of Jordan is the country where Jordan Carter speaks"
		     : "Thanks Jordan addresses Jordan Carter; China (a one-word label) still "
		       "counts");
		igt_doc_free(doc);
	}
}

static void test_typos(void)
{
	is_str(mentions("part of ICAN affairs, as ICANN says"),
	       "ICAN@8+4/typo ICANN@25+5/gazetteer", "ICAN is ICANN mistyped");
	ok(first_score("part of ICAN affairs, as ICANN says") == 0.75,
	   "a mistyped acronym scores 0.75");
	is_str(first_name("the IGf report of the Internet Governance Forum"),
	       "Internet Governance Forum", "IGf is IGF");
	ok(first_score("the IGf report of the IGF") == 0.875, "a miscased acronym scores 0.875");
	is_str(mentions("ICANNN and INAA and NTAI: ICANN, IANA, NTIA"),
	       "ICANNN@0+6/typo INAA@11+4/typo NTAI@20+4/typo ICANN@26+5/gazetteer "
	       "IANA@33+4/gazetteer NTIA@39+4/gazetteer",
	       "one letter too many, two letters swapped");
	is_str(mentions("part of ICAN affairs"), "",
	       "a typo only for an entity the document names as written");
	is_str(mentions("WIPRO and UNSCO"), "", "another body's acronym is no typo of ours");
	is_str(mentions("Igf and igf and Icann"), "", "one capital is not enough");
	is_str(mentions("ITUU and IGFF"), "", "acronyms of fewer than four letters: case only");
	is_str(mentions("DIANA and KALAC"), "", "the first letter must be right (DIANA)");
	is_str(mentions("NITA spoke"), "", "not_typos: NITA is a name, not NTIA");
	is_str(mentions("ALAC and CAC"), "ALAC@0+4/gazetteer CAC@9+3/gazetteer",
	       "an entry is never a typo of another");
}

static void test_learn_match(void)
{
	size_t start = 0;
	const char *s = "the Internet Assigned Numbers Authority";
	ok(ent_learn_match("IANA", 4, s, strlen(s), true, &start) && start == 4,
	   "IANA from its long name, without 'the'");
	s = "Internet Corporation for Assigned Names and Numbers";
	ok(ent_learn_match("ICANN", 5, s, strlen(s), true, &start), "small words are skipped");
	s = "the Cross Community Working Group on Enhancing ICANN Accountability";
	ok(ent_learn_match("CCWG-Accountability", 19, s, strlen(s), true, &start) && start == 4,
	   "a word part of the acronym skips words before it");
	s = "the Internet Society";
	ok(ent_learn_match("ISOC", 4, s, strlen(s), true, &start), "a word may give a prefix");
	s = "Multi-stakeholder Advisory Group";
	ok(ent_learn_match("MAG", 3, s, strlen(s), true, &start),
	   "a hyphenated part may be skipped");
	s = "IANA Stewardship Transition Coordination Group";
	ok(!ent_learn_match("ICG", 3, s, strlen(s), false, &start),
	   "ACR (Long Name): every significant word must give a letter");
	s = "Internet Coordination Group";
	ok(ent_learn_match("ICG", 3, s, strlen(s), false, &start), "ACR (Long Name)");
	s = "we met in Geneva";
	ok(!ent_learn_match("WTO", 3, s, strlen(s), true, &start), "unrelated words are refused");
	s = "Internet";
	ok(!ent_learn_match("IN", 2, s, strlen(s), true, &start), "one word is not a long name");
	s = "some Advisory Group";
	ok(!ent_learn_match("ag", 2, s, strlen(s), true, &start), "an acronym needs two capitals");
}

static void test_learning(void)
{
	is_str(mentions("The High-level Advisory Council (HAC) met. HAC agreed; the HAC-led plan."),
	       "High-level Advisory Council@4+27/learned HAC@43+3/learned HAC@59+3/learned",
	       "a defined acronym is learned for the document, its definition counted once");
	is_str(mentions("HAC first. The High-level Advisory Council (HAC) met."),
	       "High-level Advisory Council@15+27/learned", "uses before the definition are not");
	igt_doc *doc = run("The Internet Assigned Numbers Authority (IANA) runs. IANA is small.");
	json_t *learned =
	    json_object_get(json_object_get(igt_doc_metrics(doc), "entities"), "learned");
	is_str(json_string_value(json_object_get(json_array_get(learned, 0), "entity")),
	       "Internet Assigned Numbers Authority", "a definition is linked by its long name");
	json_t *counts =
	    json_object_get(json_object_get(igt_doc_metrics(doc), "entities"), "counts");
	is_int(json_integer_value(json_object_get(counts, "Internet Assigned Numbers Authority")),
	       2, "the definition and the later use: two mentions");
	igt_doc_free(doc);
	doc = run("the National Telecommunication and Information Administration (NTIA) said");
	learned = json_object_get(json_object_get(igt_doc_metrics(doc), "entities"), "learned");
	is_str(json_string_value(json_object_get(json_array_get(learned, 0), "entity")),
	       "National Telecommunications and Information Administration",
	       "linked by its acronym when the long name is nearly the entry's");
	igt_doc_free(doc);
	/* Words alike by an ending, s/z or -re/-er; not by their first letters. */
	static const struct {
		const char *text;
		const char *entity; /* linked to, or NULL */
	} likes[] = {
	    {"the International Telecommunications Unions (ITU) met",
	     "International Telecommunication Union"},
	    {"the Internationale Telecommunication Union (ITU) met",
	     "International Telecommunication Union"},
	    {"the Multistakeholder Advisory Groups (MAG) met", "Multistakeholder Advisory Group"},
	    {"the Multilateral Advisory Group (MAG) met", NULL},
	    {"the Multiple Advisory Group (MAG) met", NULL},
	    {"the Internet Telecommunication Union (ITU) met", NULL},
	    {"the National Telecommunications and Informatics Administration (NTIA) met",
	     "National Telecommunications and Information Administration"},
	};
	for (size_t i = 0; i < sizeof(likes) / sizeof(likes[0]); i++) {
		doc = run(likes[i].text);
		learned = json_object_get(json_object_get(igt_doc_metrics(doc), "entities"), "learned");
		const char *linked =
		    json_string_value(json_object_get(json_array_get(learned, 0), "entity"));
		if (likes[i].entity)
			is_str(linked, likes[i].entity, "linked: %s", likes[i].text);
		else
			ok(linked == NULL, "not linked: %s (got %s)", likes[i].text,
			   linked ? linked : "none");
		igt_doc_free(doc);
	}
	doc = run("the Center for Advanced Computing (CAC) said. CAC agreed.");
	learned = json_object_get(json_object_get(igt_doc_metrics(doc), "entities"), "learned");
	json_t *d = json_array_get(learned, 0);
	ok(!json_object_get(d, "entity"), "another body with a known acronym is not linked");
	is_str(json_string_value(json_object_get(d, "candidate")),
	       "Cyberspace Administration of China", "but the entry is recorded as a candidate");
	ok(json_real_value(json_object_get(d, "candidate_score")) < 0.75, "with its low score");
	is_str(json_string_value(json_object_get(igt_doc_annotation(doc, 1)->value, "name")),
	       "Center for Advanced Computing", "the document's own CAC wins over the gazetteer's");
	igt_doc_free(doc);
}

/* The count of an entity in a document's metrics (frees the document). */
static json_int_t count_of(igt_doc *doc, const char *name)
{
	json_t *counts =
	    json_object_get(json_object_get(igt_doc_metrics(doc), "entities"), "counts");
	json_int_t n = json_integer_value(json_object_get(counts, name));
	igt_doc_free(doc);
	return n;
}

/* Two forms of one entity, one in parentheses right after the other,
 * whatever their letters: one mention, the long name's. */
static void test_pairs(void)
{
	is_str(mentions("the Japan Network Information Center (JPNIC) met"),
	       "Japan Network Information Center@4+32/gazetteer",
	       "Long Name (ACR), its letters not the name's initials: one mention");
	is_int(count_of(run("the Japan Network Information Center (JPNIC) met"),
	                "Japan Network Information Center"),
	       1, "  counted once");
	is_str(mentions("JPNIC (Japan Network Information Center) met"),
	       "Japan Network Information Center@7+32/gazetteer", "ACR (Long Name)");
	is_str(mentions("R\xc3\xa9seaux IP Europ\xc3\xa9" "ens (RIPE NCC) and RIPE NCC"),
	       "R\xc3\xa9seaux IP Europ\xc3\xa9" "ens@0+22/gazetteer RIPE NCC@38+8/gazetteer",
	       "two aliases, one written like an acronym: the longer is the mention");
	is_str(mentions("the Internet Society (ISOC) and the Cyberspace Administration of China "
	                "(CAC)"),
	       "Internet Society@4+16/gazetteer Cyberspace Administration of China@36+34/gazetteer",
	       "a definition (ISOC, CAC) stays one mention");
	const char *icann =
	    "the Internet Corporation for Assigned Names and Numbers (ICANN) and ICANN";
	const char *one_icann = "Internet Corporation for Assigned Names and "
	                        "Numbers@4+51/gazetteer ICANN@68+5/gazetteer";
	is_str(mentions(icann), one_icann, "ICANN defined: one mention at the definition");
	st->learn = false;
	is_str(mentions(icann), one_icann, "  and the same with learn: false, as a pair");
	is_str(mentions("the Japan Network Information Center\n( JPNIC )"),
	       "Japan Network Information Center@4+32/gazetteer",
	       "  a line break before the parenthesis, spaces inside it");
	st->learn = true;
	is_int(count_of(run("The Internet Assigned Numbers Authority (IANA) runs the root. "
	                    "The Internet Assigned Numbers Authority (IANA) is small."),
	                "Internet Assigned Numbers Authority"),
	       2, "a definition written twice: one mention each time");
	is_str(mentions("the Japan Network Information Center (JPINC)"),
	       "Japan Network Information Center@4+32/gazetteer",
	       "a mistyped acronym in the parenthesis is not counted again");
	is_str(mentions("JPNIC and JPINC"), "JPNIC@0+5/gazetteer JPINC@10+5/typo",
	       "  (JPINC is JPNIC mistyped)");
	is_str(mentions("China (PRC) and CHINA (PRC)"), "China@0+5/gazetteer PRC@23+3/gazetteer",
	       "case_sensitive: CHINA is no mention, so no pair");
	/* False friends: other entities, or more in the parenthesis. */
	is_str(mentions("ICANN (IANA)"), "ICANN@0+5/gazetteer IANA@7+4/gazetteer",
	       "two entities are not a pair");
	is_str(mentions("the ITU (UN agency)"), "ITU@4+3/gazetteer UN@9+2/gazetteer",
	       "the parenthesis holds more than the acronym");
	is_str(mentions("the Internet Governance Forum (IGF, 2006) and (see IGF)"),
	       "Internet Governance Forum@4+25/gazetteer IGF@31+3/gazetteer IGF@51+3/gazetteer",
	       "nor (ACR, …) nor (… ACR)");
	is_str(mentions("the ICANN Board (ICANN) met"),
	       "ICANN Board@4+11/gazetteer ICANN@17+5/gazetteer", "the ICANN Board is not ICANN");
	is_str(mentions("the Center for Advanced Computing (CAC) said; the Cyberspace "
	                "Administration of China (CAC) too"),
	       "Center for Advanced Computing@4+29/learned "
	       "Cyberspace Administration of China@50+34/gazetteer CAC@86+3/learned",
	       "CAC means the document's own body here: no pair with the entry's name");
}

static void test_metrics_and_table(void)
{
	igt_doc *doc = run("ICANN, ICANN and the US.");
	json_t *counts =
	    json_object_get(json_object_get(igt_doc_metrics(doc), "entities"), "counts");
	is_int(json_integer_value(
	           json_object_get(counts, "Internet Corporation for Assigned Names and Numbers")),
	       2, "counts per entity");
	is_int(json_integer_value(json_object_get(counts, "United States")), 1,
	       "counts per entity (2)");
	igt_doc_free(doc);
	size_t i = ent_map_get(&st->stat_index, "United States", 13);
	ok(i != STRMAP_NONE && st->stats[i].mentions >= 1 &&
	       json_array_size(st->stats[i].documents) >= 1,
	   "corpus statistics gather mentions and documents");
}

/* The words with a capital that ent_matcher_scan lists are those the
 * token pattern it replaces finds, one search after the other. */
static void test_tokens_as_pattern(void)
{
	static const char pattern[] = "(?<![A-Za-z0-9_])(?<![\\xc0-\\xdf][\\x80-\\xbf])"
	                              "[A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*"
	                              "(?![A-Za-z0-9_\\xc0-\\xdf])";
	static const char *const texts[] = {
	    "NTIA-led ICANN-GAC well-Known iPhone ccNSO x-Y-z A-B-C X- -Y",
	    "ABC_x ABC-de_x ABC-def-ghi_ ICANN\xc3\xa9 \xc3\xa9ICANN \xc3\xa9 ICANN",
	    "2ICANN ICANN2 _ICANN ICANN_ A\xe7\x9a\x84"
	    "B IGF-2020-Report W3C-",
	    "(IANA) ICANN\xe2\x80\x99s U.S. ISOC/ICANN--IETF A--B Ab-Cd-",
	    "lower case only, 123 456-789 and-X end-",
	    "ICANN",
	    "",
	};
	int code;
	PCRE2_SIZE at;
	pcre2_code *re =
	    pcre2_compile((PCRE2_SPTR)pattern, sizeof(pattern) - 1, 0, &code, &at, NULL);
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		const char *t = texts[i];
		size_t len = strlen(t), n = 0;
		bool same = true;
		st->mentions.n = 0;
		ent_matcher_scan(&st->m, &st->gaz, t, len, &st->mentions);
		for (at = 0;
		     at < len && pcre2_match(re, (PCRE2_SPTR)t, len, at, 0, md, NULL) >= 0;) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			same = same && n + 2 <= st->m.n_tokens && st->m.tokens[n] == ov[0] &&
			       st->m.tokens[n + 1] == ov[1] - ov[0];
			n += 2;
			at = ov[1];
		}
		ok(re && same && n == st->m.n_tokens, "the words with a capital of text %zu", i);
	}
	pcre2_match_data_free(md);
	pcre2_code_free(re);
}

/* The forms are looked for only where their first bytes are; what the
 * tries match is unchanged around that test. */
static void test_form_starts(void)
{
	is_str(mentions("Internet\r\n\t Governance -- Forum"),
	       "Internet\r\n\t Governance -- Forum@0+31/gazetteer",
	       "any run of white space and hyphens in a name");
	is_str(mentions("\xc3\xa9ICANN \xc3\xa9 ICANN \xe7\x9a\x84ICANN"),
	       "ICANN@11+5/gazetteer ICANN@20+5/gazetteer",
	       "not after a two-byte letter, after a space or CJK");
	is_str(mentions("ICANN Board ICANN Boards ICANN-Board"),
	       "ICANN Board@0+11/gazetteer ICANN@12+5/gazetteer ICANN-Board@25+11/gazetteer",
	       "the longest form ending on a word boundary");
	is_str(mentions("NETmundialNETmundial netmundial,NETMUNDIAL"),
	       "netmundial@21+10/gazetteer NETMUNDIAL@32+10/gazetteer",
	       "a name glued to itself is not, case folded at any byte");
	/* Names whose first word is common: the word after it decides. */
	is_str(mentions("the internet, internet society, INTERNET\n-\nSOCIETY, Internet Societys, "
	                "internet governance forum"),
	       "internet society@14+16/gazetteer INTERNET\n-\nSOCIETY@32+18/gazetteer "
	       "internet governance forum@71+25/gazetteer",
	       "a name's second word after any space or hyphens, not longer");
	is_str(mentions("people's republic of china, People\xe2\x80\x99s Republic of China, people "
	                "republic"),
	       "people's republic of china@0+26/gazetteer "
	       "People\xe2\x80\x99s Republic of China@28+28/gazetteer",
	       "a name whose first word is followed by another byte");
	is_str(mentions("US"), "US@0+2/gazetteer", "a form ending the text");
	is_str(mentions("U"), "", "a text shorter than every form");
}

/* An entry pattern that begins with a plain word runs only where that
 * word is; it finds what a search of the whole segment finds. */
static void test_pattern_words(void)
{
	static const char *const expect[] = {"jordan", "mexico", "the department", "samoa",
	                                     "pakistan", "", "", "", ""};
	const matcher *m = &st->m;
	bool listed = m->n_user == sizeof(expect) / sizeof(*expect);
	for (size_t i = 0; listed && i < m->n_user; i++) {
		char words[80];
		const user_word *uw = &m->user_word[i];
		snprintf(words, sizeof(words), "%.*s%s%.*s", (int)uw->len, uw->word,
		         uw->len2 ? " " : "", (int)uw->len2, uw->word2);
		for (char *c = words; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		is_str(words, expect[i], "the words entry pattern %zu begins with", i);
	}
	ok(listed, "the entry patterns are listed in order");
	ok(listed && m->user_word[3].odd && m->user_word[4].odd && !m->user_word[1].odd,
	   "a caseless s or k is noted (Kelvin sign, long s)");

	static const char *const texts[] = {
	    "New Mexico and Mexico, MEXICO; new \n mexico Mexicans mexico",
	    "the Department of Commerce; THE\n\tdepartment  of commerce of Canada; the "
	    "Department of Commerce of Ghana; theDepartment; the department; the",
	    "American Samoa, Samoa, SAMOA; samoa",
	    "pa\xe2\x84\xaa" "istan, paki\xc5\xbf" "tan and Pakistan",
	    "\xc5\xbf" "amoa and \xe2\x84\xaa samoa",
	    "Jordan Jordan Carter Jordan. \xc3\xa9Jordan _Jordan Jordan_ 2Jordan",
	    "Guinea Guin\xc3\xa9" "e Guineas Papua New Guinea Guinea",
	    "the .foo and X", /* a POSIX class: searched, not led by X */
	    "",
	};
	for (size_t t = 0; t < sizeof(texts) / sizeof(*texts); t++) {
		const char *text = texts[t];
		mention_list by_word = {0}, searched = {0};
		ent_matcher_scan(&st->m, &st->gaz, text, strlen(text), &by_word);
		size_t saved[16];
		for (size_t i = 0; i < st->m.n_user && i < 16; i++) {
			saved[i] = st->m.user_word[i].len;
			st->m.user_word[i].len = 0;
		}
		ent_matcher_scan(&st->m, &st->gaz, text, strlen(text), &searched);
		for (size_t i = 0; i < st->m.n_user && i < 16; i++)
			st->m.user_word[i].len = saved[i];
		bool same = by_word.n == searched.n;
		for (size_t i = 0; same && i < by_word.n; i++) {
			const mention *a = &by_word.items[i], *b = &searched.items[i];
			same = a->start == b->start && a->len == b->len && a->entry == b->entry &&
			       a->prio == b->prio && a->source == b->source;
		}
		ok(same && (t == 8 || by_word.n > 0), "text %zu: the same mentions (%zu) either way", t,
		   by_word.n);
		ent_mention_list_free(&by_word);
		ent_mention_list_free(&searched);
	}
	is_str(mentions("New Mexico, Mexico; the Department of Commerce of Canada, "
	                "the  department of commerce; American Samoa, samoa"),
	       "Mexico@12+6/gazetteer the  department of commerce@58+27/gazetteer "
	       "samoa@103+5/gazetteer",
	       "entry patterns with their lookarounds");
}

/* The tries' mentions as their PCRE2 patterns find them, searching the
 * text from its start as ent_matcher_scan's walk in C stands for. */
static void tries_by_pcre2(const char *t, size_t len, mention_list *out)
{
	matcher *m = &st->m;
	for (int which = 0; which < 2; which++) {
		pcre2_code *re = which ? m->caseless : m->exact;
		for (size_t p = 0; p < len;) {
			if (pcre2_match(re, (PCRE2_SPTR)t, len, p, 0, m->md, NULL) < 0) {
				p++;
				continue;
			}
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
			PCRE2_SPTR mark = pcre2_get_mark(m->md);
			const gz_form *f = &st->gaz.forms[strtoul((const char *)mark, NULL, 10)];
			mention x = {.start = ov[0],
			             .len = ov[1] - ov[0],
			             .entry = f->entry,
			             .prio = f->acronym ? PRIO_ACRONYM : PRIO_NAME};
			ent_mention_add(out, x);
			p = ov[1];
		}
	}
}

/* Whether ent_matcher_scan finds in t what the tries' patterns find. */
static bool tries_agree(const char *t, size_t len)
{
	mention_list scanned = {0}, searched = {0};
	ent_matcher_scan(&st->m, &st->gaz, t, len, &scanned);
	tries_by_pcre2(t, len, &searched);
	bool same = scanned.n >= searched.n;
	for (size_t i = 0; same && i < searched.n; i++) {
		const mention *a = &scanned.items[i], *b = &searched.items[i];
		same = a->start == b->start && a->len == b->len && a->entry == b->entry &&
		       a->prio == b->prio;
	}
	for (size_t i = searched.n; same && i < scanned.n; i++)
		same = scanned.items[i].entry >= st->gaz.n_entries ||
		       st->gaz.entries[scanned.items[i].entry].n_patterns > 0;
	ent_mention_list_free(&scanned);
	ent_mention_list_free(&searched);
	return same;
}

/* The tries are walked in C, not run: the same mentions as the patterns
 * on texts made to trip the walk (each form cut, glued, in other cases,
 * with other spaces and apostrophes, before odd bytes). */
static void test_tries_in_c(void)
{
	static const char *const texts[] = {
	    "ICANN's IGF’s IGF\xe2\x80 IGF\xe2 ICANN\x01s ICANN\x02s internet\x01society",
	    "Internet\r\n\t Governance -- Forum internet - governance forum- internet -",
	    "ICANN Board ICANN Boards ICANN-Board ICANN  Board_ ICANN Board\xc3\xa9",
	    "people\x02s republic of china people'' republic people’’s People\xe2\x80\x98s",
	    "U.S. U.S U.S.A US\xe7\x9a\x84 \xc3\xa9US US_ _US 2US US2 U.S.\xc3\xa9",
	    "NETmundialNETmundial netmundial,NETMUNDIAL net mundial NetMundial",
	    "the internet, internet society, INTERNET\n-\nSOCIETY, Internet Societys",
	    "\xe2\x80\x99ICANN -ICANN 'ICANN \"IANA\" (IANA) [ITU] ICANN",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++)
		ok(tries_agree(texts[i], strlen(texts[i])), "the tries in C: text %zu", i);
	static const char *const before[] = {"", " ", "x", "\xc3\xa9", "\xe7\x9a\x84", "_", "-"};
	static const char *const after[] = {"",     " ",  "s", "\xc3\xa9", "\xe7\x9a\x84",
	                                    "_",    "-x", "'", "\xe2\x80\x99s", "\n-\t",
	                                    "\x01", ".",  "\xe2\x80"};
	igt_buf b = {0};
	bool all = true;
	for (size_t f = 0; f < st->gaz.n_forms; f++) {
		const char *form = st->gaz.forms[f].text;
		for (int variant = 0; variant < 4; variant++) {
			igt_buf_reset(&b);
			for (size_t i = 0; i < sizeof(before) / sizeof(*before); i++) {
				for (size_t j = 0; j < sizeof(after) / sizeof(*after); j++) {
					igt_buf_add(&b, before[i], strlen(before[i]));
					for (const char *c = form; *c; c++) {
						char x = *c;
						if (variant == 1)
							x = (char)toupper((unsigned char)x);
						else if (variant == 2)
							x = (char)tolower((unsigned char)x);
						if (variant == 3 && x == ' ')
							igt_buf_add(&b, " -\r\n", 4);
						else if (variant == 3 && x == '\'')
							igt_buf_add(&b, "\xe2\x80\x99", 3);
						else
							igt_buf_addc(&b, x);
					}
					igt_buf_add(&b, after[j], strlen(after[j]));
					all = all && tries_agree(b.data, b.len);
					igt_buf_addc(&b, ' ');
				}
			}
			/* the form cut short at every byte */
			for (size_t n = 1; form[n]; n++)
				all = all && tries_agree(form, n);
		}
	}
	igt_buf_free(&b);
	ok(all, "the tries in C: every form, cut, glued and in other cases");
}

int main(void)
{
	setup();
	test_acronyms();
	test_names();
	test_longest();
	test_typos();
	test_person_names();
	test_learn_match();
	test_learning();
	test_pairs();
	test_metrics_and_table();
	test_tokens_as_pattern();
	test_form_starts();
	test_pattern_words();
	test_tries_in_c();
	entities_close(st);
	unlink(yaml_path);
	return done_testing();
}
