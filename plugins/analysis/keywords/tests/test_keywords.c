/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the keywords plugin, rule by rule, on hand-made text:
 * the tokeniser (case folding, NFC and NFD, hyphens, apostrophes, Han and
 * Kana, URLs, repaired UTF-8), the stopword and stem lists (format and
 * errors), languages and stemmers, TF-IDF ranking on a small corpus whose
 * order is worked out by hand below, the phrase measure, and the bounded
 * n-gram table. Expected stems are Snowball's published behaviour
 * (running -> run, continuellement -> continuel).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <igtext/igtext.h>

#include "corpus.h"
#include "guess.h"
#include "lang.h"
#include "ngram.h"
#include "rank.h"
#include "stopwords.h"
#include "tap.h"
#include "token.h"

/* ---- helpers ---- */

/* The tokens of text, as "tok|tok|…", a '^' before those after a break. */
static const char *tokens(const char *text)
{
	static char out[2048];
	kw_tokenizer t;
	kw_token tok;
	size_t n = 0;
	out[0] = '\0';
	kw_tok_init(&t, text, strlen(text));
	for (int first = 1; kw_tok_next(&t, &tok); first = 0) {
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s%.*s", first ? "" : "|",
		                      tok.brk && !first ? "^" : "", (int)tok.len, text + tok.start);
	}
	return out;
}

static const char *fold(const char *s, int casefold)
{
	static char out[512];
	kw_tokenizer t;
	kw_token tok;
	kw_tok_init(&t, s, strlen(s));
	int ascii = kw_tok_next(&t, &tok) ? tok.ascii : 0;
	size_t n = kw_fold(s, strlen(s), ascii, casefold, out, sizeof(out));
	return n ? out : "(none)";
}

static kw_stopwords stop;
static kw_stems stems;

static void load_shipped(void)
{
	char err[600];
	char *path = igt_data_find("stopwords/english.txt");
	ok(path && kw_stop_load(&stop, path, KW_STOP_ALL, err, sizeof(err)) == 0,
	   "the shipped English stopwords load");
	free(path);
	path = igt_data_find("stopwords/french.txt");
	ok(path && kw_stop_load(&stop, path, "fr", err, sizeof(err)) == 0,
	   "the shipped French stopwords load");
	free(path);
	const char *others[] = {"spanish", "german", "russian"};
	for (size_t i = 0; i < 3; i++) {
		char rel[64];
		snprintf(rel, sizeof(rel), "stopwords/%s.txt", others[i]);
		path = igt_data_find(rel);
		kw_stopwords tmp = {0};
		ok(path && kw_stop_load(&tmp, path, "xx", err, sizeof(err)) == 0 &&
		       kw_stop_count(&tmp) > 150,
		   "the shipped %s stopwords load", others[i]);
		kw_stop_free(&tmp);
		free(path);
	}
	path = igt_data_find("stopwords/stems-english.txt");
	ok(path && kw_stems_load(&stems, path, "en", err, sizeof(err)) == 0,
	   "the shipped English stem overrides load");
	free(path);
}

static json_t *rows;

static int keep_row(void *payload, const char *table, json_t *row)
{
	(void)payload;
	json_object_set_new(row, "table", json_string(table));
	json_array_append_new(rows, row);
	return 0;
}

/* Run docs (NULL-terminated) through a fresh corpus; the metrics of each
 * document go to metrics (an array), the rows to rows. */
static void run_corpus(const char *const *docs, const char *lang, size_t top, json_t *metrics)
{
	kw_corpus c;
	kw_corpus_init(&c, top, true, 100000, &stop, &stems);
	for (size_t i = 0; docs[i]; i++) {
		char id[32];
		snprintf(id, sizeof(id), "d%zu", i + 1);
		kw_doc_begin(&c, lang);
		kw_doc_text(&c, docs[i], strlen(docs[i]));
		json_t *m = kw_doc_end(&c, id);
		if (metrics)
			json_array_append_new(metrics, m);
		else
			json_decref(m);
	}
	json_array_clear(rows);
	kw_rank(&c, 100, 3, keep_row, NULL);
	kw_corpus_free(&c);
}

/* The "term" of each entry of a list (top_tf, terms, phrases), joined. */
static const char *names(const json_t *list, const char *key)
{
	static char out[1024];
	size_t n = 0, i;
	json_t *e;
	out[0] = '\0';
	json_array_foreach(list, i, e)
	{
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s", i ? "|" : "",
		                      json_string_value(json_object_get(e, key)));
	}
	return out;
}

/* The keywords row of document id. */
static const json_t *doc_row(const char *id)
{
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		const char *d = json_string_value(json_object_get(r, "doc_id"));
		if (d && strcmp(d, id) == 0)
			return r;
	}
	return NULL;
}

/* The keywords-corpus row whose "term" is term. */
static const json_t *corpus_row(const char *term)
{
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
	{
		const char *t = json_string_value(json_object_get(r, "term"));
		if (t && strcmp(t, term) == 0 &&
		    strcmp(json_string_value(json_object_get(r, "table")), "keywords-corpus") == 0)
			return r;
	}
	return NULL;
}

static double num(const json_t *o, const char *key)
{
	return json_number_value(json_object_get(o, key));
}

/* ---- tokeniser ---- */

static void test_tokens(void)
{
	is_str(tokens("Internet governance, digital economy."),
	       "Internet|governance|^digital|economy", "words; a comma breaks phrases");
	is_str(tokens("the multi-stakeholder model"), "the|multi-stakeholder|model",
	       "an inner hyphen joins a word");
	is_str(tokens("non- governmental -- co--op"), "non|^governmental|^co|^op",
	       "a hyphen without a letter on both sides does not (and breaks phrases)");
	is_str(tokens("multi\xe2\x80\x90stakeholder"), "multi\xe2\x80\x90stakeholder",
	       "U+2010 HYPHEN joins too");
	is_str(tokens("China's and China\xe2\x80\x99s"), "China's|and|China\xe2\x80\x99s",
	       "apostrophes, straight and typographic, join");
	is_str(tokens("the students' rights"), "the|students|^rights",
	       "a final apostrophe is not part of the word");
	is_str(tokens("U.S. e.g."), "U|^S|^e|^g", "dots split abbreviations");
	is_str(tokens("IPv6 and 5G in 2018"), "IPv6|and|5G|in|2018", "digits belong to words");
	is_str(tokens("Soci\xc3\xa9t\xc3\xa9 civile"), "Soci\xc3\xa9t\xc3\xa9|civile",
	       "accented letters (NFC)");
	is_str(tokens("Socie\xcc\x81te\xcc\x81 civile"), "Socie\xcc\x81te\xcc\x81|civile",
	       "combining accents stay in the word (NFD)");
	is_str(tokens("co\xc2\xadoperation"), "co\xc2\xadoperation", "a soft hyphen stays inside");
	is_str(tokens("telecommunications infrastructure"), "telecommunications|infrastructure",
	       "long words across eight-byte blocks");
	is_str(tokens("abcdefgh"), "abcdefgh", "a word that fills the text");
	is_str(tokens("x"), "x", "a one-letter text");
	is_str(tokens(""), "", "an empty text");
}

static void test_urls(void)
{
	is_str(tokens("see https://www.itu.int/net4/wsis/forum now"), "see|^now",
	       "a URL is skipped whole");
	is_str(tokens("(http://example.org/a-b) and"), "and", "in parentheses too");
	is_str(tokens("visit www.icann.org today"), "visit|^today", "www. without a scheme");
	is_str(tokens("write to nigel.hickson@icann.org soon"), "write|to|^soon",
	       "an e-mail address with a dotted local part");
	is_str(tokens("mail info@igf.org or mailto:a@b.org"), "mail|^or", "addresses and mailto:");
	is_str(tokens("write to nigel.hickson at icann.org soon"), "write|to|^soon",
	       "pipermail's spelled-out address is skipped whole too");
	is_str(tokens("available at icann.org today"), "available|at|icann|^org|today",
	       "but a word before 'at' and a domain is text");
	is_str(tokens("say &quot;hi&quot; in <div class=\"x\">text</div>"), "say|^hi|^in|^text",
	       "HTML entities and tags are not words");
	is_str(tokens("hash d41d8cd98f00b204e9800998ecf8427e here"), "hash|^here",
	       "a hexadecimal string is not a word");
	is_str(tokens("decade2020 facade1234"), "decade2020|facade1234",
	       "a word and a number are words");
	is_str(tokens("the Secretary-General at U.N. Headquarters"),
	       "the|Secretary-General|at|U|^N|^Headquarters", "U.N. is no domain");
	is_str(tokens("ratio 3:2 at 10:30"), "ratio|3|^2|at|10|^30", "a colon alone is no URL");
	is_str(tokens("网址https://x.org/治理"), "网址|^治理", "a URL inside Chinese text");
}

/* The fast path of the tokeniser (whole ASCII words read from one vector
 * load) and the general path must give the same tokens, breaks and
 * apostrophes on any text: the general path alone (t.slow) against both,
 * on texts made of pieces chosen to sit on the fast path's edges (words
 * of fifteen and sixteen bytes, " at ", tags, entities, hexadecimal
 * strings, URLs, DEL, non-ASCII letters and apostrophes, the end of the
 * text). */
static int same_tokens(const char *text, size_t len)
{
	kw_tokenizer a, b;
	kw_token x, y;
	kw_tok_init(&a, text, len);
	kw_tok_init(&b, text, len);
	a.slow = 1;
	for (;;) {
		int ga = kw_tok_next(&a, &x), gb = kw_tok_next(&b, &y);
		if (ga != gb)
			return 0;
		if (!ga)
			return 1;
		if (x.start != y.start || x.len != y.len || x.kind != y.kind || x.ascii != y.ascii ||
		    x.brk != y.brk || x.apos != y.apos || x.apos_len != y.apos_len)
			return 0;
		if (y.headed) {
			uint64_t head[2];
			kw__head((const unsigned char *)text + y.start, y.len, head);
			if (head[0] != y.head[0] || head[1] != y.head[1])
				return 0;
		}
	}
}

static void test_fast_tokens(void)
{
	static const char *const pieces[] = {
	    "a", "I", "of", "the", "and", "Internet", "governance", "stakeholders",
	    "abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnopq", "IPv6", "2018", "5G",
	    "d41d8cd98f00b204", "deadbeef", "0bc43ea9", "decade2020", "facade12", " ", " ", " ",
	    "  ", "\n", "\t", "\r\n", "\x7f", ",", ".", ":", ";", "@", "/", "<", ">", "</", "&",
	    "&quot;", "'", "-", "_", "+", " at ", " at icann.org", "nigel.hickson", "www.",
	    "http://x.org/a", "mailto:", "Soci\xc3\xa9t\xc3\xa9", "\xe2\x80\x99", "\xe2\x80\x90",
	    "\xc2\xad", "\xe4\xba\x92\xe8\x81\x94", "\xc3\xa9", "l'", "qu'", "(", ")", "\"",
	};
	size_t n_pieces = sizeof(pieces) / sizeof(pieces[0]);
	static char text[8192];
	unsigned long long r = 42;
	int bad = 0;
	for (int round = 0; round < 3000 && !bad; round++) {
		size_t len = 0, count = 1 + (size_t)(round % 97);
		for (size_t i = 0; i < count; i++) {
			r = r * 6364136223846793005ull + 1442695040888963407ull;
			const char *p = pieces[(r >> 33) % n_pieces];
			size_t k = strlen(p);
			if (len + k >= sizeof(text))
				break;
			memcpy(text + len, p, k);
			len += k;
		}
		/* Every suffix too: the text's end moves across the words. */
		for (size_t from = 0; from < len && !bad; from += 1 + from / 8)
			bad = !same_tokens(text + from, len - from);
		if (bad)
			printf("# differ on \"%.*s\"\n", (int)len, text);
	}
	ok(!bad, "the fast path and the general path give the same tokens on mixed texts");
	static const char *const tricky[] = {
	    "word at icann.org and more words here to pass sixteen",
	    "nigel.hickson at icann.org soon and other words after it",
	    "<div class=x>text</div> and words after the tag here",
	    "a /path and abcdefghijklmnop abcdefghijklmno end of the text",
	    "hash d41d8cd98f00b204 and deadbeefcafe1234 and facade12 words",
	    "see https://www.itu.int/net4/wsis/forum now and then words",
	    "say &quot;hi&quot; in words that follow the entity here",
	    "words\x7f"
	    "with\x7f"
	    "del bytes between them and more words",
	};
	for (size_t i = 0; i < sizeof(tricky) / sizeof(tricky[0]); i++)
		ok(same_tokens(tricky[i], strlen(tricky[i])), "same tokens: %s", tricky[i]);
}

/* The fast path's lookup (a key all in its head) agrees with the general
 * one, on keys present and absent, of every length up to sixteen bytes,
 * next to longer keys with the same head and in a table that grows. */
static void test_short_lookup(void)
{
	kw_intern t = {0};
	kw_intern_reserve(&t);
	static const char *const keys[] = {
	    "a", "ab", "abc", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno",
	    "abcdefghijklmnop", "abcdefghijklmnopq", "abcdefghijklmnopqrstuvwxyz", "z", "Z", "0",
	};
	size_t n = sizeof(keys) / sizeof(keys[0]);
	int agree = 1;
	for (size_t round = 0; round < 400 && agree; round++) {
		char key[32];
		if (round < n)
			snprintf(key, sizeof(key), "%s", keys[round]);
		else
			snprintf(key, sizeof(key), "w%zu", round * 7919 % 100003);
		if (round % 3 == 0 || round < n)
			kw_intern_put(&t, key, strlen(key), (uint32_t)round);
		for (size_t i = 0; i < n + 3; i++) {
			char probe[32];
			if (i < n)
				snprintf(probe, sizeof(probe), "%s", keys[i]);
			else
				snprintf(probe, sizeof(probe), "w%zu", (round + i) * 7919 % 100003);
			size_t len = strlen(probe);
			if (len > 16)
				continue;
			uint64_t head[2];
			uint32_t v1 = KW_NONE, v2 = KW_NONE;
			kw__head((const unsigned char *)probe, len, head);
			int f1 = kw_intern_get_short(&t, len, head, &v1);
			int f2 = kw_intern_get(&t, probe, len, &v2);
			if (f1 != f2 || v1 != v2) {
				printf("# %s: %d %u, %d %u\n", probe, f1, v1, f2, v2);
				agree = 0;
			}
		}
	}
	ok(agree, "the short lookup agrees with the general one");
	kw_intern_free(&t);
}

static void test_cjk(void)
{
	is_str(tokens("互联网治理"), "互联|^联网|^网治|^治理",
	       "a Han run gives its overlapping bigrams, each a break");
	is_str(tokens("网"), "", "a lone Han character gives nothing");
	is_str(tokens("IT产业"), "IT|产业", "a script change ends a word");
	is_str(tokens("治理。网络安全"), "治理|^网络|^络安|^安全", "punctuation ends a run");
	is_str(tokens("インターネット"), "イン|^ンタ|^ター|^ーネ|^ネッ|^ット", "Katakana too");
	is_str(tokens("인터넷 거버넌스"), "인터넷|거버넌스",
	       "Hangul is written with spaces: words");
}

static void test_odd_bytes(void)
{
	/* What the document setters make of "caf\xffe": U+FFFD inside. */
	igt_doc *doc = igt_doc_new("plain", "text");
	igt_span span = {0, 7};
	const igt_segment *seg = igt_doc_add_segment(doc, "paragraph",
	                                             "caf\x81"
	                                             "e x",
	                                             7, span);
	is_str(tokens(seg->text), "caf|^e|x", "a repaired byte (U+FFFD) ends a word");
	igt_doc_free(doc);
	is_str(tokens("abc\xff\xfe"
	              "def"),
	       "abc|^def", "raw invalid bytes only end a word");
	is_str(tokens("abc\xe4\xb8"), "abc", "a truncated sequence at the end is skipped");
	char longw[300];
	memset(longw, 'a', sizeof(longw) - 1);
	longw[sizeof(longw) - 1] = '\0';
	char text[400];
	snprintf(text, sizeof(text), "one %s two", longw);
	is_str(tokens(text), "one|^two", "a word over 100 bytes is skipped");
}

static void test_fold(void)
{
	is_str(fold("Soci\xc3\xa9t\xc3\xa9", 1), "soci\xc3\xa9t\xc3\xa9",
	       "case folding (NFC input)");
	is_str(fold("SOCIE\xcc\x81TE\xcc\x81", 1), "soci\xc3\xa9t\xc3\xa9",
	       "NFD input folds to the same NFC form");
	is_str(fold("Socie\xcc\x81te\xcc\x81", 0), "Soci\xc3\xa9t\xc3\xa9",
	       "the shown form is NFC with its case");
	is_str(fold("Stra\xc3\x9f"
	            "e",
	            1),
	       "strasse", "full case folding: \xc3\x9f is ss");
	is_str(fold("it\xe2\x80\x99s", 1), "it's", "a typographic apostrophe compares as '");
	is_str(fold("it\xe2\x80\x99s", 0), "it\xe2\x80\x99s", "but is shown as written");
	is_str(fold("multi\xe2\x80\x90stakeholder", 1), "multi-stakeholder",
	       "U+2010 compares as -");
	is_str(fold("co\xc2\xadoperation", 1), "cooperation", "soft hyphens are dropped");
	is_str(fold("\xce\xa3\xce\x95\xce\xa3", 1), "\xcf\x83\xce\xb5\xcf\x83",
	       "Greek capitals fold");
}

/* ---- lists ---- */

static char tmpdir[64];

static const char *write_file(const char *name, const char *content)
{
	static char path[128];
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	fputs(content, f);
	fclose(f);
	return path;
}

static void test_stopwords(void)
{
	kw_stopwords sw = {0};
	char err[600];
	const char *p = write_file("list.txt", "\xef\xbb\xbf# a comment\r\n"
	                                       "The   # trailing comment\r\n"
	                                       "\n"
	                                       "  don't\n"
	                                       "c#\n");
	ok(kw_stop_load(&sw, p, KW_STOP_ALL, err, sizeof(err)) != 0, "'c#' is refused");
	like(err, "list.txt:5:1: 'c#' is not one word", "with file, line and column: %s", err);
	kw_stop_free(&sw);
	p = write_file("list.txt", "\xef\xbb\xbf# a comment\r\nThe   # trailing\r\n\n  don't\n");
	ok(kw_stop_load(&sw, p, KW_STOP_ALL, err, sizeof(err)) == 0, "a list with a BOM, CRLF");
	is_int(kw_stop_count(&sw), 2, "two entries");
	ok(kw_stop_has(&sw, "en", "the", 3), "entries are folded ('The')");
	ok(kw_stop_has(&sw, "fr", "don't", 5), "a list for every language applies to French");
	ok(!kw_stop_has(&sw, "en", "# trailing", 10), "comments are not entries");
	kw_stop_free(&sw);

	p = write_file("two.txt", "one\ntwo words\n");
	ok(kw_stop_load(&sw, p, KW_STOP_ALL, err, sizeof(err)) != 0, "two words on a line");
	like(err, "two.txt:2:5: one word per line", "named at the second word: %s", err);
	kw_stop_free(&sw);
	p = write_file("bad.txt", "ok\nbad\xff\n");
	ok(kw_stop_load(&sw, p, KW_STOP_ALL, err, sizeof(err)) != 0, "invalid UTF-8");
	like(err, "bad.txt:2:4: invalid UTF-8", "named at the bad byte: %s", err);
	kw_stop_free(&sw);
	ok(kw_stop_load(&sw, "/nonexistent/x.txt", KW_STOP_ALL, err, sizeof(err)) != 0 &&
	       strstr(err, "/nonexistent/x.txt: cannot open") != NULL,
	   "a missing file: %s", err);
	ok(kw_stop_add(&sw, KW_STOP_ALL, "e.g.", 4, err, sizeof(err)) != 0,
	   "an inline entry that is two words: %s", err);
	ok(kw_stop_add(&sw, "fr", "Le", 2, err, sizeof(err)) == 0, "a French entry");
	ok(kw_stop_has(&sw, "fr", "le", 2) && !kw_stop_has(&sw, "en", "le", 2),
	   "a language's entry applies to that language only");
	ok(kw_stop_add(&sw, KW_STOP_ALL, "\xe7\x9a\x84", 3, err, sizeof(err)) == 0,
	   "a lone Han character is accepted (and never counted anyway)");
	kw_stop_free(&sw);

	ok(kw_stop_has(&stop, "en", "the", 3) && kw_stop_has(&stop, "en", "don't", 5),
	   "the shipped list has 'the' and \"don't\"");
	ok(!kw_stop_has(&stop, "en", "governance", 10) && !kw_stop_has(&stop, "en", "rights", 6) &&
	       !kw_stop_has(&stop, "en", "government", 10),
	   "content words of Internet governance are not stopwords");
	ok(kw_stop_has(&stop, "fr", "les", 3) && !kw_stop_has(&stop, "en", "les", 3),
	   "French stopwords for French only");

	kw_stems st = {0};
	p = write_file("stems.txt", "# overrides\nGovernance governance\nonly\n");
	ok(kw_stems_load(&st, p, KW_STOP_ALL, err, sizeof(err)) != 0,
	   "a stem line needs two words");
	like(err, "stems.txt:3:1: a line needs a word and its stem", "%s", err);
	kw_stems_free(&st);
	p = write_file("stems.txt", "governance governance\nfoo bar.baz\n");
	ok(kw_stems_load(&st, p, KW_STOP_ALL, err, sizeof(err)) != 0, "a bad stem");
	like(err, "stems.txt:2:5: 'bar.baz' is not one word", "named at the stem: %s", err);
	kw_stems_free(&st);
}

/* ---- languages and stemmers ---- */

static const char *code_of(const char *tag)
{
	static char code[8];
	kw_lang_code(tag, code);
	return code;
}

static const char *stem(const char *code, const char *word)
{
	static char out[128];
	kw_lang l;
	kw_lang_init(&l, code);
	size_t n;
	const char *s = kw_lang_stem(&l, word, strlen(word), &n);
	snprintf(out, sizeof(out), "%.*s", (int)n, s);
	kw_lang_free(&l);
	return out;
}

static void test_languages(void)
{
	is_str(code_of(NULL), "en", "no language: English");
	is_str(code_of("en-GB"), "en", "en-GB");
	is_str(code_of("fr-CA"), "fr", "fr-CA");
	is_str(code_of("FRA"), "fr", "a three-letter code");
	is_str(code_of("zh-Hans"), "en", "Chinese: Latin words read as English");
	is_str(code_of("ja"), "en", "Japanese too");
	is_str(code_of("und"), "en", "und");
	is_str(code_of("pl"), "pl", "a language without a Snowball stemmer keeps its code");
	is_str(code_of("x-private"), "en", "not a language subtag");
	is_str(code_of("12"), "en", "digits");
	is_str(kw_lang_algorithm("fr"), "french", "fr: Snowball's french");
	ok(kw_lang_algorithm("pl") == NULL, "pl: none");

	is_str(stem("en", "running"), "run", "English: running");
	is_str(stem("en", "countries"), "countri", "English: countries");
	is_str(stem("en", "china's"), "china", "English: the possessive goes");
	is_str(stem("fr", "continuellement"), "continuel", "French: continuellement");
	is_str(stem("de", "regierungen"), "regier", "German: regierungen");
	is_str(
	    stem("ru", "\xd0\xb8\xd0\xbd\xd1\x82\xd0\xb5\xd1\x80\xd0\xbd\xd0\xb5\xd1\x82\xd0\xb0"),
	    "\xd0\xb8\xd0\xbd\xd1\x82\xd0\xb5\xd1\x80\xd0\xbd\xd0\xb5\xd1\x82",
	    "Russian: \xd0\xb8\xd0\xbd\xd1\x82\xd0\xb5\xd1\x80\xd0\xbd\xd0\xb5\xd1\x82\xd0\xb0");
	is_str(stem("pl", "internetowe"), "internetowe", "no stemmer: the word itself");

	kw_lang fr, en;
	kw_lang_init(&fr, "fr");
	kw_lang_init(&en, "en");
	is_int(kw_lang_elision(&fr, "l'Internet", 1, 1), 2, "French: l' is cut");
	is_int(kw_lang_elision(&fr, "qu'il", 2, 1), 3, "qu' is cut");
	is_int(kw_lang_elision(&fr, "aujourd'hui", 7, 1), 0, "aujourd'hui is kept");
	is_int(kw_lang_elision(&en, "l'Internet", 1, 1), 0, "English cuts nothing");
	kw_lang_free(&fr);
	kw_lang_free(&en);
}

/* ---- the language of a text that does not say ---- */

static const char *guess(const kw_guesser *gs, const char *text)
{
	kw_guess g;
	kw_guess_init(&g);
	kw_guess_add(&g, gs, text, strlen(text));
	const char *code = kw_guess_language(&g);
	return code ? code : "en";
}

static void test_guess(void)
{
	/* All the shipped lists, as the plugin loads them: English's for
	 * every language. */
	kw_stopwords all = {0};
	char err[600];
	int loaded = 1;
	for (size_t i = 0; kw_stop_languages[i]; i++) {
		char *path = igt_data_find(kw_stop_shipped(kw_stop_languages[i]));
		loaded &= path && kw_stop_load(&all, path, i ? kw_stop_languages[i] : KW_STOP_ALL, err,
		                               sizeof(err)) == 0;
		free(path);
	}
	ok(loaded, "the shipped lists load");
	kw_guesser gs;
	kw_guesser_init(&gs, &all);
	static const struct {
		const char *text, *code, *why;
	} cases[] = {
	    {"La gouvernance de l'Internet est un sujet important pour les pays en "
	     "d\xc3\xa9veloppement. Les acteurs de la soci\xc3\xa9t\xc3\xa9 civile et des "
	     "gouvernements participent au Forum.",
	     "fr", "French"},
	    {"La gobernanza de Internet es un tema importante para los pa\xc3\xadses en desarrollo. "
	     "Los actores de la sociedad civil y de los gobiernos participan en el Foro, con el apoyo "
	     "de las Naciones Unidas.",
	     "es", "Spanish"},
	    {"Die Verwaltung des Internets ist ein wichtiges Thema f\xc3\xbcr die L\xc3\xa4nder. Die "
	     "Akteure der Zivilgesellschaft und der Regierungen nehmen an dem Forum teil, und sie sind "
	     "sich einig.",
	     "de", "German"},
	    {"\xd0\xa3\xd0\xbf\xd1\x80\xd0\xb0\xd0\xb2\xd0\xbb\xd0\xb5\xd0\xbd\xd0\xb8\xd0\xb5 "
	     "\xd0\xb8 \xd0\xb2 \xd0\xbd\xd0\xb0 \xd0\xbf\xd0\xbe \xd1\x87\xd1\x82\xd0\xbe "
	     "\xd0\xbd\xd0\xb5 \xd0\xb8 \xd0\xb2 \xd0\xbd\xd0\xb0 \xd0\xbf\xd0\xbe "
	     "\xd1\x87\xd1\x82\xd0\xbe \xd0\xbd\xd0\xb5",
	     "ru", "Russian"},
	    {"The governance of the Internet is an important topic for developing countries. The "
	     "actors of civil society and of governments take part in the Forum, with the support of "
	     "the United Nations.",
	     "en", "English"},
	    {"The session opened with a quote: \"la souverainet\xc3\xa9 num\xc3\xa9rique est un "
	     "d\xc3\xa9" "fi\". The panel then discussed what it means for the governance of the "
	     "Internet in developing countries and for the IGF.",
	     "en", "English with a French quote is English"},
	    {"Les pays et les acteurs.", "en", "too few words to tell: English, the default"},
	    {"", "en", "no words: English"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		is_str(guess(&gs, cases[i].text), cases[i].code, "%s", cases[i].why);
	is_str(guess(&gs, "LA GOUVERNANCE DE L'INTERNET EST UN SUJET IMPORTANT POUR LES PAYS EN "
	                  "DEVELOPPEMENT. LES ACTEURS DE LA SOCIETE CIVILE ET DES GOUVERNEMENTS "
	                  "PARTICIPENT AU FORUM."),
	       "fr", "French in capitals: the fast path folds the words it reads");
	kw_guesser_free(&gs);
	/* The fast path's folding of a word's head agrees with kw_fold, on
	 * the letters next to the capitals' range and on every length. */
	static const char *const words[] = {
	    "A", "Z", "a", "z", "AZ", "azAZ09", "The", "MiXeD09CaSe", "ABCDEFGHIJKLMNO",
	    "abcdefghijklmno", "ZYXWVUTSRQPONML", "9Z9z9A9a", "QUELQU", "Ab1Cd2Ef3Gh4Ij5",
	};
	int agree = 1;
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++) {
		size_t n = strlen(words[i]);
		char out[32];
		uint64_t head[2], want[2], got[2];
		kw__head((const unsigned char *)words[i], n, head);
		kw_guess_fold_head(head, got);
		kw_fold(words[i], n, 1, 1, out, sizeof(out));
		kw__head((const unsigned char *)out, n, want);
		if (got[0] != want[0] || got[1] != want[1]) {
			fprintf(stderr, "# %s: the fast fold differs\n", words[i]);
			agree = 0;
		}
	}
	ok(agree, "folding a head agrees with kw_fold");
	kw_stop_free(&all);
}

/* ---- counting ---- */

static void test_counting(void)
{
	json_t *m = json_array();
	const char *docs[] = {/* NFC, NFD and capitals of one word; a number; one letter; 5G. */
	                      "Soci\xc3\xa9t\xc3\xa9 socie\xcc\x81te\xcc\x81 SOCI\xc3\x89T\xc3\x89 "
	                      "soci\xc3\xa9t\xc3\xa9 "
	                      "2018 a I x 5G",
	                      NULL};
	run_corpus(docs, NULL, 10, m);
	const json_t *met = json_array_get(m, 0);
	is_str(names(json_object_get(met, "top_tf"), "term"), "soci\xc3\xa9t\xc3\xa9|5G",
	       "NFC and NFD give one term, shown as written most often; numbers and single "
	       "letters are dropped, 5G is not");
	is_int(json_integer_value(
	           json_object_get(json_array_get(json_object_get(met, "top_tf"), 0), "count")),
	       4, "counted four times");
	is_int(json_integer_value(json_object_get(met, "tokens")), 9, "nine tokens read");
	is_int(json_integer_value(json_object_get(met, "counted")), 5, "five counted");
	is_int(json_integer_value(json_object_get(met, "terms")), 2, "two terms");
	is_str(json_string_value(json_object_get(met, "stemmer")), "english", "stemmer");
	json_array_clear(m);

	const char *docs2[] = {"Governance, governance and governance. The government and "
	                       "governments. The developing and the developed countries.",
	                       NULL};
	run_corpus(docs2, NULL, 10, m);
	met = json_array_get(m, 0);
	is_str(names(json_object_get(met, "top_tf"), "term"),
	       "governance|government|developing|developed|countries",
	       "stem overrides keep governance, government, developing, developed apart");
	is_str(names(json_object_get(met, "top_tf"), "stem"),
	       "governance|government|developing|developed|countri", "with their stems");
	json_array_clear(m);

	const char *docs3[] = {"govern governing governed governing", NULL};
	run_corpus(docs3, NULL, 10, m);
	met = json_array_get(m, 0);
	is_str(names(json_object_get(met, "top_tf"), "term"), "governing",
	       "a term is shown by its most frequent form");
	json_array_clear(m);

	const char *docs4[] = {"l'Internet et l\xe2\x80\x99internet, qu'il", NULL};
	run_corpus(docs4, "fr", 10, m);
	met = json_array_get(m, 0);
	is_str(names(json_object_get(met, "top_tf"), "term"), "Internet",
	       "French: elided articles cut off, 'il' is a French stopword");
	is_str(names(json_object_get(met, "top_tf"), "stem"), "internet", "stem internet");
	is_str(json_string_value(json_object_get(met, "stemmer")), "french", "stemmer french");
	json_array_clear(m);

	const char *docs5[] = {"互联网治理互联网治理", NULL};
	run_corpus(docs5, "zh", 10, m);
	met = json_array_get(m, 0);
	is_str(names(json_object_get(met, "top_tf"), "term"), "互联|联网|网治|治理|理互",
	       "Han bigrams are terms, by count then first occurrence");
	is_int(json_array_size(doc_row("d1") ? json_object_get(doc_row("d1"), "phrases") : NULL), 0,
	       "and never phrases");
	json_array_clear(m);
	json_decref(m);
}

/*
 * TF-IDF on three documents, by hand. Counted words: d1 6, d2 4, d3 4;
 * document frequencies: apple 3, banana 2, cherry, durian, elderberry 1.
 * idf = ln((1 + 3) / (1 + df)) + 1: apple 1, banana 1.287682, the others
 * 1.693147. Scores (count / counted × idf):
 *   d1: apple 0.5, banana 0.429227, cherry 0.282191
 *   d2: banana 0.643841, durian 0.423287, apple 0.25 (IDF puts durian
 *       before apple, which came first with the same count)
 *   d3: elderberry 1.269860, apple 0.25
 */
static void test_tfidf(void)
{
	const char *docs[] = {"apple apple apple banana banana cherry",
	                      "apple banana banana durian",
	                      "apple elderberry elderberry elderberry", NULL};
	json_t *m = json_array();
	run_corpus(docs, NULL, 10, m);
	is_str(names(json_object_get(json_array_get(m, 1), "top_tf"), "term"),
	       "banana|apple|durian", "top_tf of d2: by count, ties by first occurrence");
	const json_t *r1 = doc_row("d1"), *r2 = doc_row("d2"), *r3 = doc_row("d3");
	ok(r1 && r2 && r3, "one keywords row per document");
	is_str(names(json_object_get(r1, "terms"), "term"), "apple|banana|cherry", "d1 by TF-IDF");
	is_str(names(json_object_get(r2, "terms"), "term"), "banana|durian|apple",
	       "d2 by TF-IDF: the rare durian before the common apple");
	is_str(names(json_object_get(r3, "terms"), "term"), "elderberry|apple", "d3 by TF-IDF");
	const json_t *t = json_array_get(json_object_get(r2, "terms"), 1);
	ok(fabs(num(t, "score") - 0.423287) < 1e-6, "durian's score is 1/4 x 1.693147 (%g)",
	   num(t, "score"));
	t = json_array_get(json_object_get(r1, "terms"), 1);
	ok(fabs(num(t, "score") - 0.429227) < 1e-6, "banana's in d1 is 2/6 x 1.287682 (%g)",
	   num(t, "score"));
	is_str(json_string_value(json_object_get(t, "stem")), "banana", "with its stem");
	const json_t *c = corpus_row("apple");
	ok(c && num(c, "documents") == 3 && num(c, "count") == 5, "the corpus row of apple");
	is_str(json_string_value(json_object_get(c, "id")), "en:appl", "its id: language and stem");
	ok(json_is_false(json_object_get(c, "phrase")), "a term is no phrase");

	/* The same first document alone: IDF is 1 for every word, TF decides. */
	const char *one[] = {"apple apple apple banana banana cherry", NULL};
	run_corpus(one, NULL, 10, NULL);
	r1 = doc_row("d1");
	is_str(names(json_object_get(r1, "terms"), "term"), "apple|banana|cherry",
	       "a run of one document ranks by frequency");
	t = json_array_get(json_object_get(r1, "terms"), 2);
	ok(fabs(num(t, "score") - 1.0 / 6) < 1e-6, "and scores are not zero (%g)", num(t, "score"));

	run_corpus(docs, NULL, 2, NULL);
	is_int(json_array_size(json_object_get(doc_row("d1"), "terms")), 2, "top limits the rows");
	json_decref(m);
}

/* ---- phrases ---- */

/* The counting sort of a document's terms by count gives kw_select's
 * order, ties included, and declines counts too high for it. */
static void test_sort_by_count(void)
{
	kw_corpus c;
	kw_corpus_init(&c, 10, true, 1000, &stop, &stems);
	kw_rank_rec r[300], want[300], tmp[300];
	unsigned long long x = 7;
	int same = 1;
	for (size_t round = 0; round < 200 && same; round++) {
		size_t n = round % 300, spread = 1 + round % 9;
		for (size_t i = 0; i < n; i++) {
			x = x * 6364136223846793005ull + 1442695040888963407ull;
			uint32_t count = 1 + (uint32_t)((x >> 33) % spread);
			r[i] = (kw_rank_rec){count, count, (uint32_t)i, (uint32_t)(1000 + i)};
		}
		memcpy(want, r, n * sizeof(*r));
		kw_select(want, n, n);
		same = kw_sort_by_count(&c, r, tmp, n) &&
		       (n == 0 || memcmp(r, want, n * sizeof(*r)) == 0);
	}
	ok(same, "the counting sort orders as kw_select does");
	/* A document without terms: nothing to sort, and no records either
	 * (memcpy must not see their NULL; the sanitizer build would stop). */
	ok(kw_sort_by_count(&c, NULL, NULL, 0), "no records: sorted, nothing touched");
	r[0] = (kw_rank_rec){70000, 70000, 0, 0};
	r[1] = (kw_rank_rec){3, 3, 1, 1};
	ok(!kw_sort_by_count(&c, r, tmp, 2) && r[0].count == 70000,
	   "a count too high for it: declined, the records untouched");
	kw_corpus_free(&c);
}

static void test_llr(void)
{
	/* G² by hand for k11 = 10, r1 = 20, c1 = 15, n = 1000: the table
	 * (10, 10, 5, 975), expected (0.3, 19.7, 14.7, 965.3). */
	double e = 2 * (10 * log(10 / 0.3) + 10 * log(10 / 19.7) + 5 * log(5 / 14.7) +
	                975 * log(975 / 965.3));
	ok(fabs(kw_llr(10, 20, 15, 1000) - e) < 1e-9, "G² of a 2x2 table (%g)", e);
	ok(kw_llr(2, 100, 100, 10000) < KW_LLR_MIN, "a pair no more frequent than chance fails");
	ok(kw_llr(5, 5, 5, 10000) > KW_LLR_MIN, "five times always together passes");
}

static void test_phrases(void)
{
	const char *docs[] = {
	    "The digital economy grows. A digital economy needs rules. Our digital economy.",
	    "The World Internet Conference met. The World Internet Conference ended. "
	    "World Internet Conference, again. The world internet conference.",
	    "digital rules; economy growth; new rules and digital growth",
	    "Human rights matter. Human rights twice. Data twice.",
	    /* Unrelated pairs: more pairs make the test above chance stronger
	     * (G² of digital economy: 10.49 with 21 pairs, 14.42 with 39). */
	    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda omicron sigma tau "
	    "upsilon phi chi psi omega",
	    NULL};
	run_corpus(docs, NULL, 10, NULL);
	const json_t *p = corpus_row("digital economy");
	ok(p && json_is_true(json_object_get(p, "phrase")), "'digital economy' is a phrase");
	ok(p && num(p, "count") == 3 && num(p, "documents") == 1, "three times, in one document");
	is_str(json_string_value(json_object_get(p, "id")), "en:digital economy",
	       "its id: the words before stemming");
	p = corpus_row("World Internet Conference");
	ok(p && num(p, "count") == 4, "a triple, shown as written most often (4)");
	ok(!corpus_row("World Internet") && !corpus_row("Internet Conference"),
	   "its pairs, never apart from it, are not listed");
	ok(!corpus_row("Human rights"), "two occurrences are below min_count (3)");
	ok(!corpus_row("digital rules") && !corpus_row("digital growth"),
	   "pairs met once are not phrases");
	is_str(names(json_object_get(doc_row("d1"), "phrases"), "phrase"), "digital economy",
	       "the document's phrases");
	is_str(names(json_object_get(doc_row("d2"), "phrases"), "phrase"),
	       "World Internet Conference", "and the other's");
}

static void test_ngram_bound(void)
{
	kw_ngrams g;
	kw_ngrams_init(&g, 64);
	uint32_t d[3] = {0, 0, KW_NONE};
	for (uint32_t i = 0; i < 100; i++) {
		uint32_t w[3] = {i, i + 1, KW_NONE};
		kw_ngrams_count(&g, w, d, 1);
	}
	uint32_t hot[3] = {1000, 1001, KW_NONE};
	for (int i = 0; i < 10; i++)
		kw_ngrams_count(&g, hot, d, 1);
	is_int(g.n, 101, "101 pairs counted in one document (past max: a document is whole)");
	ok(kw_ngrams_end_doc(&g) == 1, "pruned at the end of the document");
	ok(g.n <= 48, "down to three quarters of max (%zu)", g.n);
	uint32_t e = kw_ngrams_find(&g, 1000, 1001, KW_NONE);
	ok(e != KW_NONE && g.e[e].count == 10, "the frequent pair is kept with its count");
	is_int(g.floor, 1, "counts up to 1 may be low");
	kw_ngrams_free(&g);
}

int main(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/kw-test.XXXXXX");
	if (!mkdtemp(tmpdir))
		return 99;
	rows = json_array();
	load_shipped();
	test_tokens();
	test_urls();
	test_fast_tokens();
	test_short_lookup();
	test_cjk();
	test_odd_bytes();
	test_fold();
	test_stopwords();
	test_languages();
	test_guess();
	test_counting();
	test_tfidf();
	test_sort_by_count();
	test_llr();
	test_phrases();
	test_ngram_bound();
	json_decref(rows);
	kw_stop_free(&stop);
	kw_stems_free(&stems);
	const char *files[] = {"list.txt", "two.txt", "bad.txt", "stems.txt"};
	for (size_t i = 0; i < 4; i++) {
		char path[128];
		snprintf(path, sizeof(path), "%s/%s", tmpdir, files[i]);
		unlink(path);
	}
	rmdir(tmpdir);
	return done_testing();
}
