/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for util.h and utf8.h: igt_edit_distance and igt_suggest
 * (the "did you mean" behind every job-file message), igt_path_join and
 * igt_path_dir on the edge cases job files produce (trailing slashes, the
 * root folder, absolute paths, "-"), and UTF-8 validation and repair:
 * truncated sequences at the end, overlong encodings, surrogates and code
 * points above U+10FFFF are invalid, one U+FFFD per bad byte; CJK text and
 * 4-byte emoji are kept as they are.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "utf8.h"
#include "util.h"

#include <igtext/plugin.h>

#define FFFD "\xEF\xBF\xBD"

static void test_edit_distance(void)
{
	is_int(igt_edit_distance("", ""), 0, "distance of two empty words");
	is_int(igt_edit_distance("abc", ""), 3, "distance to the empty word is the length");
	is_int(igt_edit_distance("", "abcd"), 4, "distance from the empty word is the length");
	is_int(igt_edit_distance("inputs", "inputs"), 0, "equal words");
	is_int(igt_edit_distance("kitten", "sitting"), 3, "kitten -> sitting");
	is_int(igt_edit_distance("flaw", "lawn"), 2, "flaw -> lawn");
	is_int(igt_edit_distance("inptus", "inputs"), 2, "a transposition costs two edits");
	is_int(igt_edit_distance("jsnl", "jsonl"), 1, "one insertion");
	is_int(igt_edit_distance("Path", "path"), 1, "case matters");

	char w64[65], w65[66];
	memset(w64, 'a', 64);
	w64[64] = '\0';
	memset(w65, 'a', 65);
	w65[65] = '\0';
	is_int(igt_edit_distance(w64, ""), 64, "a 64-byte word is still measured");
	is_int(igt_edit_distance(w65, "a"), 100, "longer than 64 bytes: capped at 100");
	is_int(igt_edit_distance("a", w65), 100, "capped either way round");
}

static void test_suggest(void)
{
	static const char *const top[] = {"job",      "plugin_path", "inputs",
	                                  "pipeline", "outputs",     NULL};
	static const char *const opts[] = {"path", "pretty", NULL};
	static const char *const plugins[] = {"jsonl", "plain", NULL};
	static const char *const ties[] = {"ax", "ay", NULL};

	is_str(igt_suggest("inptus", top), "inputs", "inptus -> inputs");
	is_str(igt_suggest("ouputs", top), "outputs", "ouputs -> outputs");
	is_str(igt_suggest("pipline", top), "pipeline", "pipline -> pipeline");
	is_str(igt_suggest("plugin-path", top), "plugin_path", "plugin-path -> plugin_path");
	is_str(igt_suggest("pth", opts), "path", "pth -> path");
	is_str(igt_suggest("jsnl", plugins), "jsonl", "jsnl -> jsonl");
	is_str(igt_suggest("inputs", top), "inputs", "an exact match is its own suggestion");
	is_str(igt_suggest("ab", ties), "ax", "ties go to the first candidate");
	is_str(igt_suggest("zzzzzzzz", top), NULL, "nothing near: no suggestion");
	is_str(igt_suggest("database", top), NULL, "an unrelated word gets no suggestion");
	is_str(igt_suggest("x", opts), NULL, "one letter is no typo of a four-letter word");
	is_str(igt_suggest("inputs", NULL), NULL, "no candidates: no suggestion");
	/* util.c says so in igt_suggest's own comment: '"foo" is not a typo of
	 * "job"' (two edits out of three letters). */
	is_str(igt_suggest("foo", top), NULL, "foo is not a typo of job");
}

static void test_path_join(void)
{
	char *s;
#define JOIN(dir, path, want, name)                                                                \
	do {                                                                                       \
		s = igt_path_join(dir, path);                                                      \
		is_str(s, want, "path_join: " name);                                               \
		free(s);                                                                           \
	} while (0)
	JOIN("a", "b", "a/b", "dir and file");
	JOIN("a/b", "c/d.txt", "a/b/c/d.txt", "nested relative path");
	JOIN("a/", "b", "a/b", "trailing slash on dir dropped");
	JOIN("a//", "b", "a/b", "several trailing slashes dropped");
	JOIN("/srv/jobs", "in/*.txt", "/srv/jobs/in/*.txt", "absolute dir");
	JOIN("a", "/abs/x", "/abs/x", "absolute path kept");
	JOIN("a", "-", "-", "\"-\" (stdin/stdout) kept");
	JOIN(NULL, "b", "b", "NULL dir");
	JOIN("", "b", "b", "empty dir");
	JOIN(".", "b", "b", "dir \".\" adds nothing");
	JOIN("/", "b", "/b", "root dir gives /b, not //b");
#undef JOIN
}

static void test_path_dir(void)
{
	char *s;
#define DIR_OF(path, want, name)                                                                   \
	do {                                                                                       \
		s = igt_path_dir(path);                                                            \
		is_str(s, want, "path_dir: " name);                                                \
		free(s);                                                                           \
	} while (0)
	DIR_OF("a/b/c.yaml", "a/b", "relative file");
	DIR_OF("/srv/jobs/x.yaml", "/srv/jobs", "absolute file");
	DIR_OF("job.yaml", ".", "bare name: \".\"");
	DIR_OF("", ".", "empty path: \".\"");
	DIR_OF("/job.yaml", "/", "file in the root");
	DIR_OF("./job.yaml", ".", "./name");
#undef DIR_OF
}

static void test_valid_prefix(void)
{
#define VP(s, want, name)                                                                          \
	is_int(igt_utf8_valid_prefix(s, sizeof(s) - 1), want, "valid_prefix: " name)
	VP("", 0, "empty");
	VP("plain ascii", 11, "ASCII");
	VP("ab\0cd", 5, "embedded NUL is valid");
	VP("\xE4\xB8\xAD\xE6\x96\x87", 6, "CJK (中文)");
	VP("caf\xC3\xA9", 5, "2-byte sequence");
	VP("\xF0\x9F\x98\x80", 4, "4-byte emoji U+1F600");
	VP("\xF4\x8F\xBF\xBF", 4, "U+10FFFF, the last code point");
	VP("ab\xFF", 2, "stray 0xFF");
	VP("ab\x80", 2, "lone continuation byte");
	VP("ab\xE4\xB8", 2, "truncated 3-byte sequence at the end");
	VP("ab\xF0\x9F\x98", 2, "truncated 4-byte sequence at the end");
	VP("\xC3", 0, "truncated 2-byte sequence");
	VP("\xE4\xB8x", 0, "3-byte sequence broken by ASCII");
	VP("\xC0\xAF", 0, "overlong 2-byte '/'");
	VP("\xC1\xBF", 0, "overlong 2-byte DEL");
	VP("\xE0\x80\xAF", 0, "overlong 3-byte '/'");
	VP("\xF0\x80\x80\xAF", 0, "overlong 4-byte '/'");
	VP("\xED\xA0\x80", 0, "high surrogate U+D800");
	VP("\xED\xBF\xBF", 0, "low surrogate U+DFFF");
	VP("\xED\x9F\xBF", 3, "U+D7FF, just below the surrogates, is valid");
	VP("\xF4\x90\x80\x80", 0, "above U+10FFFF");
	VP("\xF5\x80\x80\x80", 0, "0xF5 lead byte");
#undef VP
	is_int(igt_utf8_valid_prefix("\xE4\xB8\xAD", 2), 0, "length cuts a sequence: not valid");
	is_int(igt_utf8_valid_prefix("a\xE4\xB8\xAD", 1), 1, "length stops before a sequence");

	/* Long ASCII runs are skipped 16 and 8 bytes at a time: a stray byte
	 * at every place of a 40-byte run, and valid sequences at every
	 * place, are still found. */
	char run[40];
	int stray_ok = 1, seq_ok = 1;
	for (size_t at = 0; at < sizeof(run); at++) {
		memset(run, 'a', sizeof(run));
		run[at] = '\xFF';
		stray_ok &= igt_utf8_valid_prefix(run, sizeof(run)) == at;
		if (at + 2 <= sizeof(run)) {
			memset(run, 'a', sizeof(run));
			memcpy(run + at, "\xC3\xA9", 2);
			seq_ok &= igt_utf8_valid_prefix(run, sizeof(run)) == sizeof(run);
		}
	}
	ok(stray_ok, "a stray byte is found at every place of a long ASCII run");
	ok(seq_ok, "a valid sequence is accepted at every place of a long ASCII run");
}

/* Repair s (sizeof - 1 bytes); check the copy, its length and the count. */
static void check_repair(const char *s, size_t len, const char *want, size_t want_len,
                         uint64_t want_bad, const char *name)
{
	size_t out_len = 12345;
	uint64_t bad = 12345;
	char *out = igt_utf8_repair(s, len, &out_len, &bad);
	ok(out_len == want_len && memcmp(out, want, want_len) == 0, "repair: %s: text", name);
	is_int(out_len, want_len, "repair: %s: length", name);
	is_int(bad, want_bad, "repair: %s: bytes replaced", name);
	is_int(out[out_len], 0, "repair: %s: NUL-terminated", name);
	free(out);
}

#define REPAIR(s, want, bad, name) check_repair(s, sizeof(s) - 1, want, sizeof(want) - 1, bad, name)

static void test_repair(void)
{
	REPAIR("", "", 0, "empty");
	REPAIR("hello", "hello", 0, "ASCII unchanged");
	REPAIR("\xE4\xB8\xAD\xE6\x96\x87 \xED\x95\x9C", "\xE4\xB8\xAD\xE6\x96\x87 \xED\x95\x9C", 0,
	       "CJK and Hangul unchanged");
	REPAIR("smile \xF0\x9F\x98\x80!", "smile \xF0\x9F\x98\x80!", 0, "4-byte emoji kept");
	REPAIR(FFFD, FFFD, 0, "U+FFFD itself is valid");
	/* A byte on its own is Windows-1252 (Latin-1 from 0xA0). */
	REPAIR("a\xFF"
	       "b",
	       "a\xC3\xBF"
	       "b",
	       1, "one stray byte: Latin-1 y with diaeresis");
	REPAIR("\xFE\xFF", FFFD FFFD, 2, "two stray bytes side by side: another encoding, U+FFFD");
	REPAIR("\xCF\xF0\xE8\xE2\xE5\xF2", FFFD FFFD FFFD FFFD FFFD FFFD, 6,
	       "Cyrillic in Windows-1251: no Latin letters made of it");
	REPAIR("caf\xC3\xA9\xA9", "caf\xC3\xA9" FFFD, 1,
	       "UTF-8 text with a stray byte: U+FFFD, not a Latin-1 sign");
	REPAIR("r\xE9union, Jos\xC3\xA9", "r" FFFD "union, Jos\xC3\xA9", 1,
	       "a stray byte in text that is UTF-8 elsewhere: U+FFFD");
	REPAIR("Gen\xE8ve, Z\xFCrich", "Gen\xC3\xA8ve, Z\xC3\xBCrich", 2, "Latin-1 accents kept");
	REPAIR("\x93quoted\x94 \x80 5", "\xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC 5", 3,
	       "Windows-1252 quotes and euro sign");
	REPAIR("a\x81"
	       "b",
	       "a" FFFD "b", 1, "a byte Windows-1252 leaves undefined: U+FFFD");
	/* A broken UTF-8 sequence: U+FFFD for each of its bytes. */
	REPAIR("ab\xE4\xB8", "ab" FFFD FFFD, 2, "truncated 3-byte sequence at the end");
	REPAIR("ab\xF0\x9F\x98", "ab" FFFD FFFD FFFD, 3, "truncated emoji at the end");
	REPAIR("\xC0\xAF", FFFD FFFD, 2, "overlong 2-byte");
	REPAIR("\xE0\x80\xAF", FFFD FFFD FFFD, 3, "overlong 3-byte");
	REPAIR("\xED\xA0\x80", FFFD FFFD FFFD, 3, "surrogate");
	REPAIR("x\xFF\xF0\x9F\x98\x80\xFE"
	       "y",
	       "x" FFFD "\xF0\x9F\x98\x80" FFFD "y", 2, "emoji between bad bytes kept");
	REPAIR("\xE4\xB8"
	       "a\xE4\xB8\xAD",
	       FFFD FFFD "a\xE4\xB8\xAD", 2, "valid sequence after a broken one kept");
	REPAIR("a\0\xFF", "a\0\xC3\xBF", 1, "embedded NUL kept");

	size_t n;
	char *out = igt_utf8_repair("ab\xFF", 3, &n, NULL);
	is_str(out, "ab\xC3\xBF", "repair: replaced may be NULL");
	free(out);
	uint64_t bad;
	out = igt_utf8_repair("ab\xFF", 3, NULL, &bad);
	is_str(out, "ab\xC3\xBF", "repair: out_len may be NULL");
	is_int(bad, 1, "repair: count without out_len");
	free(out);
	out = igt_utf8_repair("abcdef", 3, &n, &bad);
	is_str(out, "abc", "repair: only len bytes are copied");
	free(out);
}

static void test_strlist(void)
{
	char *items[] = {"quote", "signature"};
	igt_strlist l = {2, items}, empty = {0, NULL};
	ok(igt_strlist_has(&l, "signature"), "igt_strlist_has: an item");
	ok(!igt_strlist_has(&l, "sig"), "igt_strlist_has: not a prefix");
	ok(!igt_strlist_has(&l, NULL), "igt_strlist_has: NULL is none");
	ok(!igt_strlist_has(&empty, "quote"), "igt_strlist_has: an empty list has nothing");
}

int main(void)
{
	test_strlist();
	test_edit_distance();
	test_suggest();
	test_path_join();
	test_path_dir();
	test_valid_prefix();
	test_repair();
	{
		char hexbuf[9];
		igt_hex((const unsigned char *)"\x00\x9f\xab\xff", 4, hexbuf);
		is_str(hexbuf, "009fabff", "igt_hex: lowercase, two digits a byte");
		const char *const names[] = {"path", "pretty", "tables", NULL};
		char list[64];
		igt_join_names(names, list, sizeof(list));
		is_str(list, "path, pretty, tables", "igt_join_names joins with commas");
		char small[12];
		igt_join_names(names, small, sizeof(small));
		is_str(small, "path", "a name that does not fit is left out whole");
		const char *const none[] = {NULL};
		igt_join_names(none, list, sizeof(list));
		is_str(list, "", "no names: an empty string");
	}
	return done_testing();
}
