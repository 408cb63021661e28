/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the stats plugin: each counting rule (characters, words,
 * sentences with their false friends, scripts, reading time), the options
 * and the corpus table. The plugin's own file is included so that its
 * static functions are tested as they run.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"

#include "host_private.h"
#include "stats.c"

static stats_abbrevs abbrevs;

static stats_counts measure(const char *text, bool sentences)
{
	stats_counts c = {0};
	stats_measure(&c, text, strlen(text), sentences, &abbrevs);
	return c;
}

static uint64_t words(const char *text)
{
	return measure(text, true).words;
}

static uint64_t sentences(const char *text)
{
	return measure(text, true).sentences;
}

static void test_characters(void)
{
	stats_counts c = measure("Müller", true);
	is_int(c.characters, 6, "characters are code points: Müller has 6");
	is_int(c.bytes, 7, "bytes: Müller has 7");
	c = measure("中国 …", true);
	is_int(c.characters, 4, "中国 … is 4 characters");
	is_int(c.bytes, 10, "and 10 bytes");
	c = measure("Wait… what? Yes.", true);
	is_int(c.characters, 16, "an ellipsis read as a terminator is still one character");
	c = measure("e\xCC\x81t\xC3\xA9", true);
	is_int(c.characters, 4, "a combining accent is a code point of its own");
}

static void test_words(void)
{
	is_int(words("Hello world"), 2, "two words");
	is_int(words("don't"), 1, "an apostrophe between letters keeps one word");
	is_int(words("don’t"), 1, "a typographic apostrophe too");
	is_int(words("US-China relations"), 2, "a hyphen between letters keeps one word");
	is_int(words("hello -- world"), 2, "a dash between spaces is no word");
	is_int(words("'quoted'"), 1, "quotes around a word are not part of it");
	is_int(words("IPv6 and 5G"), 3, "letters and digits make one word");
	is_int(words("About 100 participants."), 3, "a number is a word");
	is_int(words("3.5"), 2, "a full stop splits a number, as the speakers plugin counts");
	is_int(words("中国互联网"), 5, "each Han character is a word");
	is_int(words("Hello 世界"), 3, "Latin words and Han characters together");
	is_int(words("ひらがなカタカナ"), 8, "each kana is a word");
	is_int(words("한국 인터넷"), 2, "Hangul is written with spaces: words by runs");
	is_int(words("Привет, мир!"), 2, "Cyrillic words");
	is_int(words("मनुष्य"), 1, "Devanagari vowel signs are marks inside the word");
	is_int(words("e\xCC\x81t\xC3\xA9"), 1, "a combining accent stays in its word");
	is_int(words(""), 0, "an empty text has no words");
	is_int(words(" ... !!! "), 0, "punctuation alone has no words");
}

static void test_sentences(void)
{
	is_int(sentences("Hello. World."), 2, "two full stops, two sentences");
	is_int(sentences("Is it? Yes! Good."), 3, "question and exclamation marks end sentences");
	is_int(sentences("Really?! Yes."), 2, "a run of terminators counts once");
	is_int(sentences("Unterminated text"), 1, "text after the last end is a sentence");
	is_int(sentences("Done. "), 1, "white space after the last end adds nothing");
	is_int(sentences(""), 0, "an empty text has no sentence");
	is_int(sentences("Mr. Smith went home. He left."), 2, "Mr. does not end a sentence");
	is_int(sentences("Dr. Jones and Prof. Lee arrived."), 1, "Dr. and Prof. neither");
	is_int(sentences("We need rules, e.g. Internet rules. Next."), 2, "e.g. does not");
	is_int(sentences("Rules, i.e. norms, matter."), 1, "i.e. does not");
	is_int(sentences("Smith et al. Showed it."), 1, "et al. does not");
	is_int(sentences("I met J. Smith today."), 1, "an initial does not");
	is_int(sentences("The U.S. delegation spoke."), 1, "a dotted abbreviation does not");
	is_int(sentences("It costs 3.5 dollars."), 1, "a decimal point does not");
	is_int(sentences("See www.intgovforum.org for more."), 1, "dots in an address do not");
	is_int(sentences("No. 5 was chosen."), 1, "No. before a number does not");
	is_int(sentences("No. It was not."), 2, "but No. as an answer does");
	is_int(sentences("Many topics, etc. and more."), 1,
	       "a full stop before a lower-case word does not");
	is_int(sentences("Many topics etc. The end."), 2, "etc. before a capital does");
	is_int(sentences("Neither did I. Then we left."), 2, "I. is the pronoun, not an initial");
	is_int(sentences("He said \"Stop.\" Then he left."), 2, "a quote after the full stop");
	is_int(sentences("(It was late.) We left."), 2, "a bracket after the full stop");
	is_int(sentences("Wait... what happened? Nothing."), 2,
	       "an ellipsis before a lower-case word does not end a sentence");
	is_int(sentences("We waited… Then it began."), 2, "an ellipsis before a capital does");
	is_int(sentences("1. The internet is growing. It matters."), 2,
	       "the number opening a segment is no sentence");
	is_int(sentences("a. first item here."), 1, "nor a letter opening it");
	is_int(sentences("IV. Conclusions are here."), 1, "nor a Roman numeral opening it");
	is_int(sentences("In 2018. The year."), 2, "a number ending a sentence elsewhere does");
	is_int(sentences("Thanks.\xC2\xA0Next speaker."), 2,
	       "a no-break space after a full stop (captioning)");
	is_int(sentences("Thanks.Next"), 1, "no space after a full stop: no end");
	is_int(sentences("中国很大。我们很好！真的吗？"), 3,
	       "CJK 。！？ end sentences");
	is_int(sentences("“中国”。"), 1, "a CJK full stop after a quote");
	is_int(sentences("Ende gut. Über alles."), 2, "an upper-case letter outside ASCII");
	is_int(sentences("The Müller. and so on"), 1, "a lower-case word after a full stop");
	is_int(sentences("."), 0, "a full stop without words is no sentence");
	stats_counts c = measure("Heading One. Two", false);
	is_int(c.sentences, 0, "a heading holds no sentence");
	is_int(c.words, 3, "but its words count");
	is_int(c.paragraphs, 0, "and it is no paragraph");
	is_int(c.sentence_words, 0, "nor in the average sentence length");
	c = measure("One two. Three.", true);
	is_int(c.paragraphs, 1, "a segment with words is a paragraph");
	is_int(c.sentence_words, 3, "whose words make the average");
	c = measure(" ... ", true);
	is_int(c.paragraphs, 0, "a segment without words is no paragraph");
}

static void test_scripts(void)
{
	size_t hint = 0;
	ok(stats_script_of('a', &hint) == SCRIPT_LATIN, "a is Latin");
	ok(stats_script_of(0x00E9, &hint) == SCRIPT_LATIN, "é is Latin");
	ok(stats_script_of(0x1EA1, &hint) == SCRIPT_LATIN, "ạ (Vietnamese) is Latin");
	ok(stats_script_of(0x0416, &hint) == SCRIPT_CYRILLIC, "Ж is Cyrillic");
	ok(stats_script_of(0x03A9, &hint) == SCRIPT_GREEK, "Ω is Greek");
	ok(stats_script_of(0x0628, &hint) == SCRIPT_ARABIC, "ب is Arabic");
	ok(stats_script_of(0xFEFB, &hint) == SCRIPT_ARABIC, "a presentation form is Arabic");
	ok(stats_script_of(0x05D0, &hint) == SCRIPT_HEBREW, "א is Hebrew");
	ok(stats_script_of(0x4E2D, &hint) == SCRIPT_HAN, "中 is Han");
	ok(stats_script_of(0x20BB7, &hint) == SCRIPT_HAN, "𠮷 (extension B) is Han");
	ok(stats_script_of(0x3042, &hint) == SCRIPT_KANA, "あ is Kana");
	ok(stats_script_of(0x30AB, &hint) == SCRIPT_KANA, "カ is Kana");
	ok(stats_script_of(0xFF76, &hint) == SCRIPT_KANA, "halfwidth ｶ is Kana");
	ok(stats_script_of(0xD55C, &hint) == SCRIPT_HANGUL, "한 is Hangul");
	ok(stats_script_of(0x0915, &hint) == SCRIPT_DEVANAGARI, "क is Devanagari");
	ok(stats_script_of(0x0E01, &hint) == SCRIPT_THAI, "ก is Thai");
	ok(stats_script_of(0xFF21, &hint) == SCRIPT_LATIN, "fullwidth Ａ is Latin");
	ok(stats_script_of(0x13A0, &hint) == SCRIPT_OTHER, "Cherokee is another script");
	ok(stats_script_of(0x00B5, &hint) == SCRIPT_OTHER, "µ (Common) is not Latin");

	stats_counts c = measure("abc Жжж 中 2018", true);
	is_int(c.letters[SCRIPT_LATIN], 3, "letters by script: 3 Latin");
	is_int(c.letters[SCRIPT_CYRILLIC], 3, "3 Cyrillic");
	is_int(c.letters[SCRIPT_HAN], 1, "1 Han; digits are no letters");
	c = measure("मनुष्य", true);
	is_int(c.letters[SCRIPT_DEVANAGARI], 6,
	       "Devanagari vowel signs take their letter's script");
	c = measure("e\xCC\x81", true);
	is_int(c.letters[SCRIPT_LATIN], 2, "a combining accent takes its letter's script");
	is_int(c.letters[SCRIPT_OTHER], 0, "and is not another script");

	json_t *j = scripts_json(&(stats_counts){.letters = {[SCRIPT_LATIN] = 1, [SCRIPT_HAN] = 1,
	                                                      [SCRIPT_CYRILLIC] = 1}});
	char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	is_str(s, "{\"Latin\":0.3334,\"Han\":0.3333,\"Cyrillic\":0.3333}",
	       "three equal scripts: shares in four decimals that add up to 1");
	free(s);
	json_decref(j);
	j = scripts_json(&(stats_counts){.letters = {[SCRIPT_LATIN] = 2, [SCRIPT_HAN] = 6}});
	s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	is_str(s, "{\"Han\":0.75,\"Latin\":0.25}", "the larger share first");
	free(s);
	json_decref(j);
	j = scripts_json(&(stats_counts){.letters = {[SCRIPT_LATIN] = 100000, [SCRIPT_HAN] = 1}});
	s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	is_str(s, "{\"Latin\":1.0}", "a share that rounds to nothing is left out");
	free(s);
	json_decref(j);
	j = scripts_json(&(stats_counts){0});
	is_int(json_object_size(j), 0, "no letters, no scripts");
	json_decref(j);
}

static void test_abbreviations(void)
{
	stats_abbrevs more;
	char *items[] = {"Cllr.", "a.s.a.p"};
	char err[256];
	ok(stats_abbrev_has(&abbrevs, "mr", 2), "mr is built in");
	ok(!stats_abbrev_has(&abbrevs, "m", 1), "a prefix of one is not");
	ok(!stats_abbrev_has(&abbrevs, "mrx", 3), "nor a longer word");
	is_int(sentences("Cllr. Smith spoke."), 2, "an unlisted abbreviation ends a sentence");
	ok(stats_abbrevs_init(&more, items, 2, err, sizeof(err)) == 0, "more abbreviations load");
	ok(stats_abbrev_has(&more, "cllr", 4), "Cllr. is kept without its dot, in lower case");
	ok(stats_abbrev_has(&more, "asap", 4), "a.s.a.p without its dots");
	stats_counts c = {0};
	const char *t = "Cllr. Smith spoke.";
	stats_measure(&c, t, strlen(t), true, &more);
	is_int(c.sentences, 1, "a listed abbreviation does not end a sentence");
	stats_abbrevs_free(&more);
	char *bad[] = {"e g"};
	ok(stats_abbrevs_init(&more, bad, 1, err, sizeof(err)) != 0,
	   "a bad abbreviation is refused");
	like(err, "\"e g\" is not an abbreviation", "naming it: %s", err);
}

/* ---- the plugin ---- */

static json_t *rows;

static int sink(void *payload, const char *table, const json_t *row)
{
	(void)payload;
	json_t *r = json_deep_copy(row);
	json_object_set_new(r, "table", json_string(table));
	json_array_append_new(rows, r);
	return 0;
}

static stats_config default_config(void)
{
	static char *exclude[] = {"quote", "signature", "non_speech"};
	static char *heading[] = {"heading"};
	return (stats_config){.exclude_types = {3, exclude},
	                      .no_sentence_types = {1, heading},
	                      .words_per_minute = 238,
	                      .cjk_chars_per_minute = 255,
	                      .table = true};
}

static void add(igt_doc *doc, const char *type, const char *text)
{
	igt_span span = {0, strlen(text)};
	igt_doc_add_segment(doc, type, text, (size_t)-1, span);
}

static double real_at(json_t *o, const char *key)
{
	return json_number_value(json_object_get(o, key));
}

static void test_plugin(void)
{
	igt_host *host = igt_host_new("stats", "test");
	stats_config cfg = default_config();
	void *p = NULL;
	ok(stats_open(&p, &cfg, host) == 0, "the plugin opens with the defaults");

	igt_doc *doc = igt_doc_new("pipermail", "message");
	add(doc, "heading", "Introduction");
	add(doc, "paragraph", "Mr. Smith spoke first. Then we left.");
	add(doc, "quote", "Quoted text. Not counted.");
	add(doc, "paragraph", "中国很大。");
	add(doc, "non_speech", "(Applause)");
	ok(stats_process(p, doc) == 0, "a document is processed");
	json_t *m = json_object_get(igt_doc_metrics(doc), "stats");
	is_int(json_integer_value(json_object_get(m, "words")), 1 + 7 + 4,
	       "words: heading 1, paragraph 7, Han 4; the quote and the note left out");
	is_int(json_integer_value(json_object_get(m, "sentences")), 3, "sentences: 2 + 1");
	is_int(json_integer_value(json_object_get(m, "paragraphs")), 2, "paragraphs: 2");
	is_int(json_integer_value(json_object_get(m, "characters")), 12 + 36 + 5,
	       "characters of the counted segments");
	is_int(json_integer_value(json_object_get(m, "bytes")), 12 + 36 + 15,
	       "bytes of the counted segments");
	char *s = json_dumps(json_object_get(m, "segments"), JSON_COMPACT | JSON_PRESERVE_ORDER);
	is_str(s, "{\"heading\":1,\"paragraph\":2,\"quote\":1,\"non_speech\":1}",
	       "segments by type, all of them, in order of first appearance");
	free(s);
	ok(real_at(m, "average_sentence_words") == 3.67, "average sentence: 11 words / 3");
	ok(real_at(m, "reading_minutes") == 0.05, "reading: 8/238 + 4/255 minutes = 0.049");
	s = json_dumps(json_object_get(m, "scripts"),
	               JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	is_str(s, "{\"Latin\":0.907,\"Han\":0.093}", "scripts: 39 Latin and 4 Han letters");
	free(s);
	igt_doc_free(doc);

	doc = igt_doc_new("captions", "transcript");
	ok(stats_process(p, doc) == 0, "a document without segments");
	m = json_object_get(igt_doc_metrics(doc), "stats");
	ok(json_is_null(json_object_get(m, "average_sentence_words")),
	   "no sentence: the average is null");
	is_int(json_object_size(json_object_get(m, "scripts")), 0, "no letters: no scripts");
	igt_doc_free(doc);

	rows = json_array();
	host->row_sink = sink;
	host->in_finish = 1;
	ok(stats_finish(p) == 0, "finish hands the table over");
	is_int(json_array_size(rows), 3, "three rows: the run and two formats");
	json_t *r = json_array_get(rows, 0);
	is_str(json_string_value(json_object_get(r, "id")), "corpus", "the run's row first");
	is_int(json_integer_value(json_object_get(r, "documents")), 2, "two documents");
	is_int(json_integer_value(json_object_get(r, "words")), 12, "their words");
	r = json_array_get(rows, 2);
	is_str(json_string_value(json_object_get(r, "id")), "format:captions", "a format's row");
	is_str(json_string_value(json_object_get(r, "table")), "stats", "in the table stats");
	json_decref(rows);
	stats_close(p);

	cfg.exclude_types.n = 0;
	cfg.table = false;
	ok(stats_open(&p, &cfg, host) == 0, "the plugin opens with exclude_types: []");
	doc = igt_doc_new("pipermail", "message");
	add(doc, "quote", "Quoted text. Counted now.");
	stats_process(p, doc);
	m = json_object_get(igt_doc_metrics(doc), "stats");
	is_int(json_integer_value(json_object_get(m, "words")), 4,
	       "quotes count when not excluded");
	igt_doc_free(doc);
	rows = json_array();
	ok(stats_finish(p) == 0 && json_array_size(rows) == 0, "table: false gives no rows");
	json_decref(rows);
	stats_close(p);

	cfg = default_config();
	cfg.words_per_minute = 0;
	ok(stats_open(&p, &cfg, host) == IGT_ECONFIG,
	   "words_per_minute 0 is a configuration error");
	cfg = default_config();
	char *bad[] = {"2nd"};
	cfg.abbreviations = (igt_strlist){1, bad};
	ok(stats_open(&p, &cfg, host) == IGT_ECONFIG,
	   "a bad abbreviation is a configuration error");
	igt_host_free(host);
}

int main(void)
{
	char err[256];
	if (stats_abbrevs_init(&abbrevs, NULL, 0, err, sizeof(err)))
		return 99;
	test_characters();
	test_words();
	test_sentences();
	test_scripts();
	test_abbreviations();
	test_plugin();
	stats_abbrevs_free(&abbrevs);
	return done_testing();
}
