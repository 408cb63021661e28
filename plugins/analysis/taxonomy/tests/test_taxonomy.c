/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the taxonomy plugin: reading taxonomies (and refusing bad
 * ones with file, line and column), the prefilter's literals, the
 * matching rules (require, exclude, overlaps, web addresses, Unicode
 * spaces), scores and their roll-up, the shipped taxonomy on the typos
 * and false friends of real records, and the limits that stop untrusted
 * patterns. The plugin's own file is included so that its static
 * functions run as they do in igtext.
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

#include "literal.h"
#include "taxonomy.c"

static char tmpdir[64];
static int64_t time_limit_ms = 1000; /* for the plugins the tests open */

/* Write text to a file in the test's folder; returns its path (static). */
static const char *write_file(const char *name, const char *text)
{
	static char path[8][160];
	static int next;
	char *p = path[next++ % 8];
	snprintf(p, sizeof(path[0]), "%s/%s", tmpdir, name);
	FILE *f = fopen(p, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0)
		abort();
	return p;
}

/* Run fn with stderr going to a file; returns what it printed (static). */
static char captured[8192];
static int with_stderr(int (*fn)(void *), void *arg)
{
	char path[160];
	snprintf(path, sizeof(path), "%s/stderr", tmpdir);
	fflush(stderr);
	int saved = dup(2), fd = open(path, O_CREAT | O_TRUNC | O_RDWR, 0600);
	if (saved < 0 || fd < 0 || dup2(fd, 2) < 0)
		abort();
	int rc = fn(arg);
	fflush(stderr);
	if (dup2(saved, 2) < 0)
		abort();
	close(saved);
	ssize_t n = pread(fd, captured, sizeof(captured) - 1, 0);
	captured[n > 0 ? n : 0] = 0;
	close(fd);
	return rc;
}

/* ---- opening ---- */

typedef struct opened {
	taxonomy_config cfg;
	char *items[2];
	taxonomy_state *st;
} opened;

static int open_it(void *p)
{
	opened *o = p;
	void *state = NULL;
	int rc = taxonomy_open(&state, &o->cfg, NULL);
	o->st = state;
	return rc;
}

/* Open the plugin on one or two taxonomy texts (not the shipped one). */
static taxonomy_state *open_yaml(const char *yaml, const char *yaml2, int *rc)
{
	static opened o;
	memset(&o, 0, sizeof(o));
	o.items[0] = (char *)write_file("a.yaml", yaml);
	if (yaml2)
		o.items[1] = (char *)write_file("b.yaml", yaml2);
	o.cfg = (taxonomy_config){.taxonomy = {yaml2 ? 2 : 1, o.items},
	                          .shipped = false,
	                          .min_score = 1,
	                          .match_limit = 100000,
	                          .depth_limit = 10000,
	                          .time_limit = time_limit_ms,
	                          .annotations = true};
	*rc = with_stderr(open_it, &o);
	return o.st;
}

static taxonomy_state *open_shipped(void)
{
	static opened o;
	memset(&o, 0, sizeof(o));
	o.cfg = (taxonomy_config){.shipped = true,
	                          .min_score = 2,
	                          .match_limit = 100000,
	                          .depth_limit = 10000,
	                          .time_limit = 1000,
	                          .annotations = true,
	                          .negation = true};
	if (with_stderr(open_it, &o))
		abort();
	return o.st;
}

/* The error printed when opening yaml fails ("" when it opens). */
static const char *open_error(const char *yaml, const char *yaml2)
{
	int rc;
	taxonomy_state *st = open_yaml(yaml, yaml2, &rc);
	taxonomy_close(st);
	return rc == IGT_ECONFIG ? captured : "";
}

/* ---- running ---- */

typedef struct run_arg {
	taxonomy_state *st;
	igt_doc *doc;
} run_arg;

static int process_it(void *p)
{
	run_arg *r = p;
	return taxonomy_process(r->st, r->doc);
}

/* A document of the given segments (NULL-terminated), processed. */
static igt_doc *run_doc(taxonomy_state *st, const char *const *segments)
{
	igt_doc *doc = igt_doc_new("plain", "text");
	igt_doc_set(doc, IGT_DOC_ID, "doc-1", (size_t)-1);
	for (size_t i = 0; segments[i]; i++) {
		igt_span span = {0, strlen(segments[i])};
		igt_doc_add_segment(doc, "paragraph", segments[i], (size_t)-1, span);
	}
	run_arg r = {st, doc};
	with_stderr(process_it, &r);
	return doc;
}

/* "topic@start+len" for each annotation, joined with spaces (static). */
static const char *spans(taxonomy_state *st, const char *text)
{
	static char out[4096];
	const char *segs[] = {text, NULL};
	igt_doc *doc = run_doc(st, segs);
	size_t n = 0;
	out[0] = 0;
	for (size_t i = 0; i < igt_doc_annotation_count(doc) && n < sizeof(out); i++) {
		const igt_annotation *a = igt_doc_annotation(doc, i);
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s@%zu+%zu", n ? " " : "",
		                      json_string_value(json_object_get(a->value, "topic")),
		                      (size_t)a->span.offset, (size_t)a->span.length);
	}
	igt_doc_free(doc);
	return out;
}

/* The document's metrics.taxonomy as compact JSON (static). */
static const char *metrics(taxonomy_state *st, const char *const *segments)
{
	static char out[8192];
	igt_doc *doc = run_doc(st, segments);
	char *s = json_dumps(json_object_get(igt_doc_metrics(doc), "taxonomy"),
	                     JSON_COMPACT | JSON_PRESERVE_ORDER);
	snprintf(out, sizeof(out), "%s", s ? s : "");
	free(s);
	igt_doc_free(doc);
	return out;
}

/* The rolled-up document score of topic id (0 when not listed). */
static long long doc_score(taxonomy_state *st, const char *text, const char *id)
{
	const char *segs[] = {text, NULL};
	igt_doc *doc = run_doc(st, segs);
	json_t *t = json_object_get(json_object_get(igt_doc_metrics(doc), "taxonomy"), "topics");
	long long v = json_integer_value(json_object_get(t, id));
	igt_doc_free(doc);
	return v;
}

/* ---- tests ---- */

static void test_errors(void)
{
	like(
	    open_error("topics:\n  - id: a\n    label: A\n    rules: ['x']\n    weigth: 2\n", NULL),
	    "a.yaml:5:5: unknown key 'weigth'", "an unknown key is named with its place");
	like(open_error("topics:\n  - {id: Cyber_Crime, label: C}\n", NULL),
	     "a.yaml:2:10: topic id 'Cyber_Crime' must be lower-case",
	     "an id in capitals with an underscore is refused");
	like(open_error("topics:\n  - {id: a-, label: A}\n", NULL), "topic id 'a-' must be",
	     "an id ending in a hyphen is refused");
	like(open_error("topics:\n  - {id: a, label: A}\n",
	                "topics:\n  - {id: b, label: B}\n  - {id: a, label: A again}\n"),
	     "b.yaml:3:10: topic id 'a' is defined twice: first at ",
	     "a duplicate id names both places");
	like(captured, "a.yaml:2:10", "... with the first place's line and column");
	like(open_error("topics:\n  - {id: a, label: A, parent: nowhere}\n", NULL),
	     "a.yaml:2:31: topic 'a': parent 'nowhere' is not a topic", "a missing parent");
	like(open_error(
	         "topics:\n  - {id: a, label: A, parent: c}\n  - {id: b, label: B, parent: a}\n"
	         "  - {id: c, label: C, parent: b}\n",
	         NULL),
	     "its parents form a cycle: a -> c -> b -> a", "a cycle of parents is named");
	like(open_error("topics:\n  - {id: a, label: A, parent: a}\n", NULL),
	     "its parents form a cycle: a -> a", "a topic that is its own parent");
	like(open_error("topics:\n  - {id: a, label: A, rules: [{pattern: x, weight: 0}]}\n", NULL),
	     "weight must be a whole number from 1 to 1000", "weight 0 is refused");
	like(open_error("topics:\n  - {id: a, label: A, rules: [{pattern: x, weight: 1.5}]}\n",
	                NULL),
	     "weight must be a whole number", "a fractional weight is refused");
	like(open_error("topics:\n  - {id: a, label: A, rules: [{weight: 2}]}\n", NULL),
	     "the rule has no pattern", "a rule without a pattern");
	like(open_error("topics:\n  - {id: a, label: A, rules: ['']}\n", NULL),
	     "a pattern must be a non-empty string", "an empty pattern");
	like(open_error("topics:\n  - id: a\n    label: A\n    rules:\n      - 'ok'\n"
	                "      - 'cyber(crime'\n",
	                NULL),
	     "a.yaml:6:9: topic 'a': pattern 'cyber(crime' does not compile: missing closing "
	     "parenthesis (at offset 11)",
	     "a compile error names file, line, column, pattern and offset");
	like(open_error("topics:\n  - {id: a, label: A, rules: [{pattern: x, require: ['a[']}]}\n",
	                NULL),
	     "pattern 'a[' does not compile", "a bad required pattern too");
	like(open_error("topics:\n  - {id: a, label: A, rules: ['(?:cyber)?']}\n", NULL),
	     "can match an empty string", "a pattern that matches nothing is refused");
	like(open_error("x: &a [1]\ntopics:\n  - {id: a, label: A, rules: *a}\n", NULL),
	     "unknown key 'x'", "an unknown top-level key");
	like(open_error("topics:\n  - &t {id: a, label: A}\n  - *t\n", NULL),
	     "YAML aliases are not allowed", "aliases are refused");
	like(open_error("topics:\n  - {id: a, label: A\n", NULL),
	     "a.yaml:3:1:", "a YAML syntax error has its place");
	like(open_error("topics: []\n---\ntopics: []\n", NULL), "more than one YAML document",
	     "two YAML documents");
	like(open_error("- a\n", NULL), "a taxonomy is a mapping", "a list at the top");
	int rc;
	taxonomy_state *st = open_yaml("topics:\n  - {id: a, label: A, rules: ['a']}\n", NULL, &rc);
	is_int(rc, 0, "a small taxonomy opens");
	taxonomy_close(st);
	st = open_yaml("# nothing yet\n", NULL, &rc);
	is_int(rc, 0, "an empty file adds nothing");
	taxonomy_close(st);
}

static void test_options(void)
{
	opened o = {.cfg = {.shipped = false, .min_score = 1, .match_limit = 1, .depth_limit = 1}};
	is_int(with_stderr(open_it, &o), IGT_ECONFIG, "no taxonomy at all is an error");
	like(captured, "no taxonomy", "... that says so");
	o.cfg =
	    (taxonomy_config){.shipped = true, .min_score = 0, .match_limit = 1, .depth_limit = 1};
	is_int(with_stderr(open_it, &o), IGT_ECONFIG, "min_score 0 is refused");
	like(captured, "option 'min_score' must be from 1", "... naming the option");
	o.cfg =
	    (taxonomy_config){.shipped = true, .min_score = 1, .match_limit = 0, .depth_limit = 1};
	is_int(with_stderr(open_it, &o), IGT_ECONFIG, "match_limit 0 is refused");
}

/* The prefilter's view of a pattern: "a|b & c" (clauses) "/ p|q"
 * (beginnings), "-" when it always runs. */
static const char *lits(const char *pattern, bool utf)
{
	static char out[1024];
	tx_literals l;
	tx_literals_of(pattern, utf, &l);
	size_t n = 0;
	out[0] = 0;
	for (size_t c = 0; c < l.n; c++)
		for (size_t i = 0; i < l.clauses[c].n; i++)
			n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s",
			                      i   ? "|"
			                      : c ? " & "
			                          : "",
			                      l.clauses[c].s[i]);
	if (!l.n)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "-");
	for (size_t i = 0; i < l.prefix.n; i++)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s", i ? "|" : " / ",
		                      l.prefix.s[i]);
	return out;
}

static void test_literals(void)
{
	is_str(lits("cyber", false), "cyber / cyber", "a word is its own literal and beginning");
	is_str(lits("\\bAI\\b", false), "^ai^ / ^ai^", "\\b marks a word boundary");
	is_str(lits("\\bunified\\s+internet\\b", false), "^internet^ & ^unified^ / ^unified^",
	       "two words: both are required (the longer first), each a whole word");
	is_str(lits("\\b[345]G\\b", false), "^3g^|^4g^|^5g^ / ^3g^|^4g^|^5g^",
	       "a small class is a set of letters");
	is_str(lits("ipv?6", false), "ipv6|ip6 / ipv6|ip6", "x? is x or nothing");
	is_str(lits("ab*c", false), "ac|ab / ac|ab",
	       "x* is not x or nothing (abbc): a match begins with ab or ac");
	is_str(lits("ab{2}c", false), "ab / ab", "x{2} is not x");
	is_str(lits("ab{1}c", false), "abc / abc", "x{1} is x");
	is_str(lits("abcd+efgh", false), "efgh & abcd / abcd",
	       "x+ requires x but ends a run (a clause of three letters is not kept)");
	is_str(lits("cyber|[a-z]+ty", false), "cyber|ty", "each alternative gives what it can");
	is_str(lits("cyber|[a-z]+", false), "-", "an alternative with nothing known: always");
	is_str(lits("(?:cyber|net)work", false), "cyberwork|network / cyberwork|network",
	       "alternatives multiply out");
	is_str(lits("(?i)cyber", false), "cyber / cyber",
	       "an option setting of case changes nothing");
	is_str(lits("(?-i:\\bAI\\b)", false), "^ai^ / ^ai^",
	       "... nor does a case-sensitive group: the prefilter folds case");
	is_str(lits("(?x)cyber", false), "-", "extended syntax is not read: always");
	is_str(lits("\\Qa.b\\E", false), "-", "\\Q…\\E is not read: always");
	is_str(lits("(*UTF)cyber", false), "-", "verbs are not read: always");
	is_str(lits("(?<!double\\s)standards", false), "standards / standards",
	       "a lookbehind consumes nothing");
	is_str(lits("\\bsecurity(?=\\s+law)", false), "^security / ^security",
	       "a lookahead consumes nothing");
	is_str(lits("\\b(?:internet\\s+)?backbone", false),
	       "^backbone|^internet^ & backbone / ^backbone|^internet^",
	       "an optional start: both beginnings");
	is_str(lits("\\be[\\s-]*commerce", false), "commerce / ^ecommerce|^e^",
	       "optional white space: the word e, or ecommerce; not a clause worth keeping");
	is_str(lits("\\bs\\S+o\\s+paulo", false), "^paulo",
	       "a word's first letter is not a beginning worth trying (one word in 16 begins "
	       "with s)");
	is_str(lits("\\b(?:internet|online|computer)\\s+crimes?\\b", false),
	       "^internet^|^online^|^computer^ & ^crimes^|^crime^ / "
	       "^internet^|^online^|^computer^",
	       "a clause that another implies takes no place (crime is kept)");
	is_str(lits("\\b(?:cyber|digital|data|technology|technological|information|internet|"
	            "network)[\\s-]*(?:space\\s+)?sovereignty",
	            false),
	       "sovereignty & ^cyber|^digital|^data|^technology|^technological|^information|"
	       "^internet|^network / ^cyber|^digital|^data|^technology|^technological|^information|"
	       "^internet|^network",
	       "too many ways round optional parts: the beginnings before them");
	is_str(lits("security", true), "ecurity", "in UTF mode s may be the long s: not a literal");
	is_str(lits("kelvin", true), "elvin", "... and k the Kelvin sign");
	is_str(lits("naïve", true), "na / na", "a non-ASCII letter ends a literal");
	is_str(lits("\\x{41}bc", false), "bc", "an escaped code point is not read as a letter");
	is_str(lits("abcd\\.efgh", false), "abcd^ & ^efgh / abcd^",
	       "an escaped dot is no letter, and ends a word");
	is_str(lits("\\bcyber\\s+space", false), "^cyber^ & ^space / ^cyber^",
	       "after white space a word begins, and before it one ends");
	is_str(lits("\\bcyber\\s*space", false),
	       "^cyberspace|^cyber^ & space / ^cyberspace|^cyber^",
	       "... not after optional white space (cyberspace)");
	is_str(lits("cyber[\\s-]+space", false), "cyber^ & ^space / cyber^",
	       "... and after [\\s-]+");
	is_str(lits("\\bco[\\s-]+governance\\b", false), "^governance^ / ^co^",
	       "a pattern is tried where the word co stands, not where a word begins with co");
	is_str(lits("cyber[\\w-]+space", false), "cyber & space / cyber", "... not after [\\w-]+");
}

static void test_prefilter_equivalence(void)
{
	/* Tricky patterns of the kinds above, and the shipped taxonomy, run
	 * with and without the prefilter over the example records: the same
	 * matches, or the prefilter would be hiding some. */
	static const char yaml[] = "topics:\n"
	                           "  - id: t\n"
	                           "    label: T\n"
	                           "    rules:\n"
	                           "      - 'gov\\w*'\n"
	                           "      - 'ab*c'\n"
	                           "      - '\\b(?:UN\\s+)?GGE\\b'\n"
	                           "      - 'inter(?:net)?\\s*gov'\n"
	                           "      - '[a-z]+ty\\b'\n"
	                           "      - '(?<=the )\\w+'\n"
	                           "      - 'IANA\\W+transition'\n"
	                           "      - 'cyber.{0,20}?security'\n"
	                           "      - '\\bs\\w+ty\\b'\n"
	                           "      - 'é|ß|ü'\n"
	                           "      - 'e{2}'\n"
	                           "      - '(?:a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q)(?:r|s|t)x?y'\n";
	int rc;
	taxonomy_state *st = open_yaml(yaml, NULL, &rc);
	taxonomy_state *shipped = open_shipped();
	static const char *const files[] = {
	    "article-cyberspace-rules-2016.txt", "captions-igf2020-ws81.txt",
	    "forum-highlights-shanghai-2017.txt", "igf-report-form-2018-of20.txt",
	    "pipermail-ccwg-ig-2018-03-24.txt"};
	const char *srcdir = getenv("top_srcdir");
	for (int which = 0; which < 2; which++) {
		taxonomy_state *s = which ? shipped : st;
		tx_engine brute;
		tx_engine_init(&brute, &s->m, s->searcher, false);
		size_t segments = 0, same = 0, matches = 0;
		for (size_t f = 0; f < 5; f++) {
			char path[512];
			snprintf(path, sizeof(path), "%s/configs/examples/%s",
			         srcdir ? srcdir : "..", files[f]);
			FILE *in = fopen(path, "rb");
			char line[1 << 16];
			while (in && fgets(line, sizeof(line), in)) {
				size_t len = strlen(line);
				tx_engine_segment(&s->e, line, len);
				tx_engine_segment(&brute, line, len);
				bool eq = s->e.n_matches == brute.n_matches;
				for (size_t i = 0; eq && i < brute.n_matches; i++)
					eq = s->e.matches[i].start == brute.matches[i].start &&
					     s->e.matches[i].end == brute.matches[i].end &&
					     s->e.matches[i].rule == brute.matches[i].rule;
				segments++;
				same += eq;
				matches += brute.n_matches;
			}
			if (in)
				fclose(in);
		}
		ok(segments > 300 && matches > 200, "%s: %zu lines, %zu matches",
		   which ? "shipped taxonomy" : "tricky patterns", segments, matches);
		is_int(same, segments, "%s: the prefilter changes no match",
		       which ? "shipped taxonomy" : "tricky patterns");
		tx_engine_free(&brute);
	}
	taxonomy_close(st);
	taxonomy_close(shipped);
}

/* The places where a pattern is tried are first tested against what
 * follows them (the word after a gap, the first bytes there): on short
 * texts that end or turn at those bytes, the same matches as running every
 * pattern everywhere. */
static void test_places(void)
{
	static const char yaml[] = "topics:\n"
	                           "  - id: t\n"
	                           "    label: T\n"
	                           "    rules:\n"
	                           "      - '\\bdomain[\\s-]+names?\\b'\n"
	                           "      - '\\b(?:internet\\s+exchange\\s+points?|IXPs?)\\b'\n"
	                           "      - '\\b(?:internet|cyber|digital)\\s+governance\\s+(?:systems?|x|rules)\\b'\n"
	                           "      - '\\bde\\s+facto\\s+standards?\\b'\n"
	                           "      - '\\bcyber[\\s-]*crimes?\\b'\n"
	                           "      - '\\bnew\\s+g?TLDs?\\b'\n"
	                           "      - '\\b(?:5|4)G\\s+networks?\\b'\n"
	                           "      - '\\bzero\\s+rat(?:ing|ed)\\b|\\bzero\\s+day\\b'\n";
	static const char *const texts[] = {
	    "domain names", "Domain  NAMES", "domain-name", "domain\xc2\xa0name", "domain",
	    "domain ", "domain n", "domain na", "domain_names", "domains names", "domain, names",
	    "domain\tname.", "the domain name", "IXP", "ixps and internet exchange points",
	    "internet exchange", "Internet Exchange Point", "internet  exchange\npoints",
	    "digital governance x", "digital governance systems", "internet governance",
	    "cyber governance rules", "de facto standard", "De Facto", "de  facto standards",
	    "cybercrime", "cyber crimes", "cyber-crime", "Cyber", "new gTLD", "new TLDs",
	    "new g", "5G networks", "4g network", "5G", "zero rating", "zero rated", "zero day",
	    "zero d", "zero\xe2\x80\x89" "day", "zero", "z", "", "\xc3\xa9 domain names \xc3\xa9"};
	int rc;
	taxonomy_state *st = open_yaml(yaml, NULL, &rc);
	tx_engine brute;
	tx_engine_init(&brute, &st->m, st->searcher, false);
	size_t n = sizeof(texts) / sizeof(texts[0]), same = 0, matches = 0;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(texts[i]);
		tx_engine_segment(&st->e, texts[i], len);
		tx_engine_segment(&brute, texts[i], len);
		bool eq = st->e.n_matches == brute.n_matches;
		for (size_t k = 0; eq && k < brute.n_matches; k++)
			eq = st->e.matches[k].start == brute.matches[k].start &&
			     st->e.matches[k].end == brute.matches[k].end &&
			     st->e.matches[k].rule == brute.matches[k].rule;
		if (!eq)
			printf("# differs on '%s'\n", texts[i]);
		same += eq;
		matches += brute.n_matches;
	}
	ok(matches >= 25, "places: %zu matches in %zu texts", matches, n);
	is_int(same, n, "places: testing what follows a place changes no match");
	/* Long enough for the prefilter to scan in parts: matches across
	 * each place where one part ends and the next begins. */
	char text[1024];
	size_t at = 0, lengths = 0;
	static const char phrase[] = "domain names, cyber-crime; IXPs zero day de facto standards ";
	while (at + sizeof(phrase) < sizeof(text))
		at += (size_t)snprintf(text + at, sizeof(text) - at, "%s", phrase);
	same = 0;
	for (size_t len = 280; len < 700; len++, lengths++) {
		for (size_t shift = 0; shift < 3; shift++) {
			tx_engine_segment(&st->e, text + shift, len);
			tx_engine_segment(&brute, text + shift, len);
			bool eq = st->e.n_matches == brute.n_matches;
			for (size_t k = 0; eq && k < brute.n_matches; k++)
				eq = st->e.matches[k].start == brute.matches[k].start &&
				     st->e.matches[k].end == brute.matches[k].end;
			same += eq;
		}
	}
	is_int(same, 3 * lengths, "places: the same matches in texts scanned in parts");
	tx_engine_free(&brute);
	taxonomy_close(st);
}

static const char rules_yaml[] =
    "topics:\n"
    "  - {id: security, label: Security, rules: [{pattern: '\\bsecurity\\b', weight: 1}]}\n"
    "  - id: cybercrime\n"
    "    label: Cybercrime\n"
    "    parent: security\n"
    "    rules:\n"
    "      - {pattern: '\\bcyber[\\s-]*crime\\b', weight: 3}\n"
    "      - {pattern: '\\bcrime\\b', weight: 1}\n"
    "  - id: hacking\n"
    "    label: Hacking\n"
    "    parent: cybercrime\n"
    "    rules:\n"
    "      - {pattern: '\\bhack(?:ing|ers?)?\\b', weight: 2,\n"
    "         require: ['\\b(?:crime|illegal|attack)'], exclude: ['\\bhackathon']}\n"
    "  - {id: economy, label: Economy, rules: [{pattern: '\\bdigital\\s+economy\\b', weight: 2},\n"
    "                                          {pattern: '\\beconomy\\b', weight: 1}]}\n"
    "  - {id: trade, label: Trade, parent: economy, rules: ['\\bcyber\\s+crime\\s+economy']}\n";

static void test_rules(void)
{
	int rc;
	taxonomy_state *st = open_yaml(rules_yaml, NULL, &rc);
	is_int(rc, 0, "the rules taxonomy opens");
	is_str(spans(st, "Cybercrime and cyber crime, cyber-crime."),
	       "cybercrime@0+10 cybercrime@15+11 cybercrime@28+11", "spans are exact");
	is_str(spans(st, "Hacking is a crime."), "hacking@0+7 cybercrime@13+5",
	       "a rule whose required pattern occurs in the segment");
	is_str(spans(st, "Hacking is fun."), "", "... and not when it does not");
	is_str(spans(st, "Hacking is a crime, said the hackathon."), "cybercrime@13+5",
	       "an excluded pattern in the segment stops the rule");
	is_str(spans(st, "the cyber crime economy"), "trade@4+19 cybercrime@4+11",
	       "topics on different lines may overlap");
	is_str(spans(st, "cyber crime"), "cybercrime@0+11",
	       "on one line a span counts once: the heavier rule (not 'crime' again)");
	is_str(spans(st, "the digital economy"), "economy@4+15",
	       "the heavier and longer match wins over its part");
	is_str(spans(st, "see https://example.org/cyber-crime/security and www.crime.org/x"), "",
	       "words inside web addresses are not topics");
	is_str(spans(st, "cyber\xc2\xa0"
	                 "crime and cyber\xe2\x80\x91"
	                 "crime"),
	       "cybercrime@0+12 cybercrime@17+13",
	       "a no-break space or hyphen counts as a space or hyphen");
	is_str(spans(st, "digital\xc2\xa0\xc2\xa0"
	                 "economy!"),
	       "economy@0+18", "... and the span is the text's own, whole characters");
	taxonomy_close(st);
}

static void test_scores(void)
{
	int rc;
	taxonomy_state *st = open_yaml(rules_yaml, NULL, &rc);
	/* hacking 2, cybercrime 3 + 1 (crime), security 1 + 1 */
	const char *segs[] = {"Hackers commit cybercrime, a crime.", "No topic here.",
	                      "Security of the economy; security again.", NULL};
	is_str(metrics(st, segs),
	       "{\"topics\":{\"security\":8,\"cybercrime\":6,\"hacking\":2,\"economy\":1},"
	       "\"top\":\"cybercrime\",\"segments\":[{\"segment\":0,\"topics\":{\"security\":6,"
	       "\"cybercrime\":6,\"hacking\":2}},{\"segment\":2,\"topics\":{\"security\":2,"
	       "\"economy\":1}}],\"limit_hits\":0}",
	       "scores roll up to every ancestor; top is the highest own score; segments "
	       "without topics are left out");
	st->scores.min_score = 3;
	const char *one[] = {"economy, economy and security", NULL};
	is_str(metrics(st, one),
	       "{\"topics\":{},\"top\":null,\"segments\":[{\"segment\":0,\"topics\":{\"economy\":2,"
	       "\"security\":1}}],\"limit_hits\":0}",
	       "below min_score a topic is not listed, and there is no top");
	st->scores.min_score = 1;
	const char *none[] = {NULL};
	is_str(metrics(st, none), "{\"topics\":{},\"top\":null,\"segments\":[],\"limit_hits\":0}",
	       "a document without segments");
	json_t *row = tx_scores_row(&st->scores, 1);
	char *s = json_dumps(row, JSON_COMPACT | JSON_PRESERVE_ORDER);
	is_str(s,
	       "{\"id\":\"cybercrime\",\"label\":\"Cybercrime\",\"parent\":\"security\","
	       "\"documents\":1,\"score\":6}",
	       "the corpus row counts the documents that listed the topic and sums their scores");
	free(s);
	json_decref(row);
	ok(tx_scores_row(&st->scores, 4) == NULL, "a topic no document listed has no row");
	taxonomy_close(st);
}

/* The shipped taxonomy on the wording of real records. */
static void test_shipped(void)
{
	taxonomy_state *st = open_shipped();
	is_int(doc_score(st, "we see consolidation around cybersecuirty and cybersecruity",
	                 "cybersecurity"),
	       6, "cybersecuirty and cybersecruity are cybersecurity");
	is_int(doc_score(st, "Cybersecurity, cyber security and cyber-security", "cybersecurity"),
	       9, "the three spellings of cybersecurity");
	is_int(doc_score(st,
	                 "multi-stakeholder, multistakeholder, multi stakeholder, "
	                 "multistakeholderism, Multi\xc2\xa0stakeholder",
	                 "multistakeholderism"),
	       15, "five spellings of multistakeholder");
	is_int(doc_score(st, "No double standards should be allowed", "standards"), 0,
	       "double standards are not technical standards");
	is_int(doc_score(st,
	                 "issues like piracy have been approached by States and private actors "
	                 "(such as security guards and mercenaries)",
	                 "intellectual-property"),
	       0, "piracy of the sea is not intellectual property");
	is_int(doc_score(st, "online piracy of music and film", "intellectual-property"), 2,
	       "online piracy is");
	is_int(doc_score(st, "one school of thought; an old school person", "online-education"), 0,
	       "a school of thought is not education");
	is_int(
	    doc_score(st, "they have stolen IP and forced technology transfers", "ip-addressing"),
	    0, "IP (intellectual property) is not IP addressing");
	is_int(doc_score(st, "Asia Pacific Top Level Domain Association", "dns"), 0,
	       "an association's name in a speakers list is not the DNS");
	is_int(doc_score(st, "the data security watchdogs of EU member states", "cybersecurity"), 0,
	       "a data security watchdog is a data protection authority");
	is_int(doc_score(st, "the data security watchdogs of EU member states", "data-protection"),
	       3, "... counted there");
	is_int(doc_score(st, "promote inter-connectivity", "access"), 0,
	       "the inter-connectivity of networks is not access");
	is_int(doc_score(st, "The link is at https://www.itu.int/net4/wsis/forum/2018", "wsis-igf"),
	       0, "wsis in a web address is not the WSIS");
	is_int(doc_score(st, "China's Internet Security Law", "cybersecurity"), 2,
	       "the Internet Security Law is cybersecurity");
	is_int(doc_score(st, "access to outside information", "access"), 0,
	       "access to information is not Internet access");
	is_int(doc_score(st,
	                 "ICANN has transparency and accountability, and accountability measures",
	                 "icann-accountability"),
	       2, "accountability beside ICANN");
	is_int(doc_score(st, "accountability of governments", "icann-accountability"), 0,
	       "... not without it");
	is_int(doc_score(st, "cyber sovereignty and digital sovereignty", "cyber-sovereignty"), 6,
	       "cyber and digital sovereignty");
	is_int(doc_score(st, "cyber sovereignty", "governance-processes"), 3,
	       "rolled up to the governance processes");
	is_int(doc_score(st, "a sovereign identity in the digital world", "cyber-sovereignty"), 0,
	       "a self-sovereign identity is no sovereignty claim");
	taxonomy_close(st);
}

/* Topics named only to say they were not discussed. */
static void test_negation(void)
{
	taxonomy_state *st = open_shipped();
	const char *denied =
	    "The discussion did not address cybersecurity, and no one raised content moderation or "
	    "artificial intelligence. There was no discussion of data protection.";
	is_str(metrics(st, (const char *[]){denied, NULL}),
	       "{\"topics\":{},\"top\":null,\"segments\":[],\"limit_hits\":0}",
	       "did not address / no one raised / no discussion of: no topic");
	is_int(doc_score(st, "We did not discuss cybersecurity at all.", "cybersecurity"), 0,
	       "did not discuss");
	is_int(doc_score(st, "We didn't really discuss cybersecurity.", "cybersecurity"), 0,
	       "didn't really discuss");
	is_int(doc_score(st, "We didn\xe2\x80\x99t discuss cybersecurity.", "cybersecurity"), 0,
	       "didn’t discuss");
	is_int(doc_score(st, "Nor do we discuss cybersecurity here.", "cybersecurity"), 0,
	       "nor do we discuss");
	is_int(doc_score(st, "Cybersecurity was not discussed.", "cybersecurity"), 0,
	       "… was not discussed");
	is_int(doc_score(st, "Cybersecurity issues didn't come up.", "cybersecurity"), 0,
	       "… didn't come up");
	is_int(doc_score(st, "Nobody talked about cybersecurity.", "cybersecurity"), 0,
	       "nobody talked about");
	/* Denials of something else, or turned around. */
	is_int(doc_score(st, "We did not discuss funding, but cybersecurity was central.",
	                 "cybersecurity"),
	       3, "a turn (but) ends the denial");
	is_int(doc_score(st, "We must not forget cybersecurity.", "cybersecurity"), 3,
	       "not forget is no denial of a discussion");
	is_int(doc_score(st, "It is not possible to protect users without cybersecurity.",
	                 "cybersecurity"),
	       3, "not possible to … is no denial");
	is_int(doc_score(st, "We did not only discuss cybersecurity.", "cybersecurity"), 3,
	       "not only");
	is_int(doc_score(st, "The session did not address funding. Cybersecurity was central.",
	                 "cybersecurity"),
	       3, "a denial in the sentence before");
	/* From the review: modals, degrees, comparisons, questions. */
	is_int(doc_score(st, "We can't address cybersecurity without addressing human rights.",
	                 "human-rights"),
	       3, "can't address … (a modal): no denial");
	is_int(doc_score(st, "We should not consider artificial intelligence only as a risk.",
	                 "emerging-technologies"),
	       3, "should not consider: no denial");
	is_int(doc_score(st, "We have never discussed data protection as intensely as this year.",
	                 "data-protection"),
	       3, "never discussed … as intensely: no denial");
	is_int(doc_score(st, "Cybersecurity was not discussed enough in previous years.",
	                 "cybersecurity"),
	       3, "not discussed enough: discussed");
	is_int(doc_score(st, "Why did no one mention artificial intelligence?",
	                 "emerging-technologies"),
	       3, "a question asserts nothing");
	is_int(doc_score(
	           st, "No discussion of Internet governance is complete without data protection.",
	           "data-protection"),
	       3, "no discussion of X … reaches two words, not to the end of the sentence");
	is_int(doc_score(st,
	                 "Cybersecurity, which speakers did not discuss at length before, was "
	                 "the focus.",
	                 "cybersecurity"),
	       3, "a relative clause after the match denies nothing of it");
	taxonomy_close(st);
}

/* ---- limits ---- */

typedef struct timed {
	taxonomy_state *st;
	const char *text;
	double seconds;
	char *metrics;
} timed;

/* tx_negated_next, which looks for denials only near a word that may
 * deny, answers as tx_negated does: for every word (and every two words)
 * of the example records and of sentences made to try its edges. */
static void test_negation_in_order(void)
{
	static const char *const files[] = {
	    "article-cyberspace-rules-2016.txt", "captions-igf2020-ws81.txt",
	    "forum-highlights-shanghai-2017.txt", "igf-report-form-2018-of20.txt",
	    "pipermail-ccwg-ig-2018-03-24.txt"};
	static const char *const made[] = {
	    "The nation's view: we didn't discuss it. Nixon's team did not discuss AI, "
	    "nothing else. NEVER discussed, never. No one raised it; none of us did, nor "
	    "noone.\nNot now, Nobody\xe2\x80\x99s fault: it wasn\xe2\x80\x99t raised.",
	    "n",
	    "no",
	    "not",
	    "a n't",
	    "cybersecurity was not discussed",
	    NULL};
	tx_negation *neg = tx_negation_new();
	const char *srcdir = getenv("top_srcdir");
	size_t asked = 0, same = 0, denied = 0;
	for (size_t f = 0; f < 6; f++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/configs/examples/%s", srcdir ? srcdir : "..",
		         f < 5 ? files[f] : "");
		FILE *in = f < 5 ? fopen(path, "rb") : NULL;
		char line[1 << 16];
		for (size_t m = 0; f < 5 ? in && fgets(line, sizeof(line), in) : made[m] != NULL;
		     m++) {
			if (f == 5)
				snprintf(line, sizeof(line), "%s", made[m]);
			size_t len = strlen(line);
			for (size_t words = 1; words <= 2; words++) {
				tx_negation_segment(neg);
				for (size_t i = 0; i < len; i++) {
					if (!isalpha((unsigned char)line[i]) ||
					    (i > 0 && isalpha((unsigned char)line[i - 1])))
						continue;
					size_t end = i, w = 0;
					while (w < words && end < len) {
						while (end < len &&
						       isalpha((unsigned char)line[end]))
							end++;
						if (++w < words)
							while (end < len &&
							       !isalpha((unsigned char)line[end]))
								end++;
					}
					bool next = tx_negated_next(neg, line, len, i, end);
					bool full = tx_negated(neg, line, len, i, end);
					asked++;
					same += next == full;
					denied += full;
				}
			}
		}
		if (in)
			fclose(in);
	}
	ok(asked > 20000 && denied > 10, "%zu words and pairs of words, %zu denied", asked, denied);
	is_int(same, asked, "looking only near words that may deny changes no answer");
	/* Matches that begin or end inside a word ("no|thing", "now|here"):
	 * a window cut short there may read a word that is no denial as one
	 * ("no"), and a word far enough after the match may be cut by the
	 * window's end. */
	static const char *const cut[] = {
	    "Nothing about it. Nowhere now, nevertheless northwards; notable nonsense.",
	    "cybersecurity was not discussedxx and nobodyâs nor noon nothingness",
	    "AI was discussed and then a very long stretch of words follows here nothing more "
	    "nonetheless",
	    NULL};
	size_t pairs = 0, pairs_same = 0;
	for (size_t m = 0; cut[m]; m++) {
		size_t len = strlen(cut[m]);
		tx_negation_segment(neg);
		for (size_t i = 0; i < len; i++) {
			tx_negation_segment(neg);
			for (size_t end = i + 1; end <= len; end++) {
				/* in order of start within one segment: one start */
				tx_negation_segment(neg);
				bool next = tx_negated_next(neg, cut[m], len, i, end);
				bool full = tx_negated(neg, cut[m], len, i, end);
				pairs++;
				pairs_same += next == full;
			}
		}
	}
	is_int(pairs_same, pairs, "... nor for %zu matches that begin or end inside words", pairs);
	tx_negation_free(neg);
}

static int run_timed(void *p)
{
	timed *t = p;
	const char *segs[] = {t->text, NULL};
	igt_doc *doc = igt_doc_new("plain", "text");
	igt_doc_set(doc, IGT_DOC_ID, "doc-limits", (size_t)-1);
	igt_span span = {0, strlen(t->text)};
	igt_doc_add_segment(doc, "paragraph", segs[0], (size_t)-1, span);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	taxonomy_process(t->st, doc);
	clock_gettime(CLOCK_MONOTONIC, &b);
	t->seconds = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	t->metrics = json_dumps(json_object_get(igt_doc_metrics(doc), "taxonomy"), JSON_COMPACT);
	igt_doc_free(doc);
	return 0;
}

static void test_limits(void)
{
	int rc;
	/* (a+)+$ on "aaa…ab" tries 2^n ways before failing. */
	taxonomy_state *st =
	    open_yaml("topics:\n  - id: bad\n    label: Bad\n    rules:\n      - '(a+)+$'\n"
	              "      - 'aab'\n",
	              NULL, &rc);
	is_int(rc, 0, "a catastrophic pattern compiles");
	char *text = malloc(4002);
	memset(text, 'a', 4000);
	text[4000] = 'b';
	text[4001] = 0;
	timed t = {st, text, 0, NULL};
	with_stderr(run_timed, &t);
	ok(t.seconds < 2.0, "(a+)+$ on 4000 a's and a b ends quickly (%.3f s)", t.seconds);
	like(captured, "warning: taxonomy: document doc-limits", "a warning names the document");
	like(captured, "topic 'bad': pattern '(a+)+$' (", "... the topic and the pattern");
	like(captured, "a.yaml:5:9): the match limit (match_limit) was reached at byte 0",
	     "... where it was written and which limit stopped it");
	like(t.metrics, "\"limit_hits\":1", "the document counts the stopped search");
	like(t.metrics, "\"bad\":1", "the other rule of the topic still matches");
	free(t.metrics);
	taxonomy_close(st);

	/* Slow but under the match limit at every start position (up to 5000
	 * steps each, about 2 s in all here): the time limit ends it. */
	time_limit_ms = 100;
	st = open_yaml("topics:\n  - {id: slow, label: Slow, rules: ['[a-z ]{0,5000}x!']}\n", NULL,
	               &rc);
	time_limit_ms = 1000;
	size_t n = 400000;
	char *big = malloc(n + 4);
	for (size_t i = 0; i < n; i++)
		big[i] = "abcdefgh ij"[i % 11];
	memcpy(big + n, "x?!", 4); /* '!' there, so PCRE2 cannot rule it out at once */
	t = (timed){st, big, 0, NULL};
	with_stderr(run_timed, &t);
	ok(t.seconds < 1.0, "a slow pattern on 400 kB stops at the time limit (%.3f s)", t.seconds);
	like(captured, "the time limit (time_limit) was reached", "... with a warning");
	free(t.metrics);
	free(big);
	taxonomy_close(st);

	/* At most WARNINGS_PER_PAT warnings per pattern, then silence. */
	st = open_yaml("topics:\n  - {id: bad, label: Bad, rules: ['(a+)+$']}\n", NULL, &rc);
	const char *segs[14];
	for (int i = 0; i < 13; i++)
		segs[i] = text;
	segs[13] = NULL;
	igt_doc *doc = run_doc(st, segs);
	size_t warnings = 0;
	for (const char *p = captured; (p = strstr(p, "warning:")) != NULL; p++)
		warnings++;
	is_int(warnings, WARNINGS_PER_PAT, "warnings for one pattern stop after %d",
	       WARNINGS_PER_PAT);
	like(captured, "further limit warnings for this pattern are not shown",
	     "... and the last one says so");
	is_int(st->m.patterns[0].limit_hits, 13, "all 13 stopped searches are counted");
	igt_doc_free(doc);
	taxonomy_close(st);
	free(text);
}

int main(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test-taxonomy.XXXXXX");
	if (!mkdtemp(tmpdir))
		abort();
	test_errors();
	test_options();
	test_literals();
	test_prefilter_equivalence();
	test_places();
	test_rules();
	test_scores();
	test_shipped();
	test_negation();
	test_negation_in_order();
	test_limits();
	static const char *const made[] = {"a.yaml", "b.yaml", "stderr", NULL};
	for (size_t i = 0; made[i]; i++) {
		char path[160];
		snprintf(path, sizeof(path), "%s/%s", tmpdir, made[i]);
		unlink(path);
	}
	rmdir(tmpdir);
	return done_testing();
}
