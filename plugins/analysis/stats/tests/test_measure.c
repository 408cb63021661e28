/* SPDX-License-Identifier: MIT */
/*
 * The measure's fast paths against its byte-by-byte scan: the windows of
 * sixty-four bytes read with masks, and the punctuation read without
 * utf8proc, must count exactly what the plain scan counts, whatever the
 * text: words that go on across a window's edge or across a character
 * the masks leave to the scan, joiners at the edges, combining marks
 * after runs of digits, full stops after abbreviations and numbering,
 * tails shorter than a window. measure.c is included to reach both.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"

#include "measure.c"

static stats_abbrevs abbrevs;

/* Whether both paths agree on text (as sentences or not); the first
 * difference is printed. */
static bool same(const char *text, size_t len, bool sentences)
{
	stats_counts fast = {0}, slow = {0};
	measure(&fast, text, len, sentences, &abbrevs, true);
	measure(&slow, text, len, sentences, &abbrevs, false);
	if (memcmp(&fast, &slow, sizeof(fast)) == 0)
		return true;
	printf("# differ on \"%.*s\"\n#   words %llu/%llu sentences %llu/%llu characters "
	       "%llu/%llu\n",
	       (int)len, text, (unsigned long long)fast.words, (unsigned long long)slow.words,
	       (unsigned long long)fast.sentences, (unsigned long long)slow.sentences,
	       (unsigned long long)fast.characters, (unsigned long long)slow.characters);
	for (size_t i = 0; i < SCRIPT_COUNT; i++)
		if (fast.letters[i] != slow.letters[i])
			printf("#   %s letters %llu/%llu\n", stats_script_name((stats_script)i),
			       (unsigned long long)fast.letters[i], (unsigned long long)slow.letters[i]);
	return false;
}

/* Each tricky text, alone and after 1 to 70 bytes of filler, so that
 * every part of it falls on every place of a window. */
static void test_tricky(void)
{
	static const char *const texts[] = {
		"Hello world. This is it.",
		"don't stop, US-China talks; 'quoted' -- dashes - and --x",
		"a1\xCC\x81 b22\xCC\x81 C\xCC\x81 9\xCC\x81",  /* marks after letters and digits */
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\xCC\x81 " /* a run across windows */
		"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz0123456789\xCC\x81",
		"M\xC3\xBCller. Stra\xC3\x9F" "e und \xC3\x89tat caf\xC3\xA9.",
		"don\xE2\x80\x99t, co\xE2\x80\x90operate\xE2\x80\x91now \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x93 x",
		"it's\xE2\x80\x99 a'\xE2\x80\x99" "b -\xE2\x80\x90- x'-y",
		"1. The first. 2. The second. IV. Fourth. a. item.",
		"Mr. Smith met Dr. Jones, e.g. at the U.S. office. No. 5 is No. It ends.",
		"J. Smith and I. Then etc. and so on. Ph.D. holders. Amb. Lee.",
		"Really?! Yes... Wait\xE2\x80\xA6 what? \xE2\x80\xA6 and \"quoted.\" (bracket.) end",
		"\xE4\xB8\xAD\xE5\x9B\xBD\xE4\xBA\x92\xE8\x81\x94\xE7\xBD\x91\xE3\x80\x82IGF 2018 \xE7\x9A\x84\xEF\xBC\x81 ok",
		"\xE3\x81\xB2\xE3\x82\x89\xE3\x81\x8C\xE3\x81\xAA\xE3\x82\xAB\xE3\x82\xBF\xE3\x82\xAB\xE3\x83\x8A\xE3\x82\x99 x",
		"\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, \xD0\xBC\xD0\xB8\xD1\x80! "
		"\xE0\xA4\xAE\xE0\xA4\xA8\xE0\xA5\x81\xE0\xA4\xB7\xE0\xA5\x8D\xE0\xA4\xAF",
		"no\xC2\xA0" "break\xC2\xA0\xC2\xA0spaces.\xC2\xA0Next \xE3\x80\x80wide\xE2\x80\xAFthin",
		"\xF0\x9F\x98\x80 emoji \xF0\xA0\x80\x80 ext-B \x7F\x01 controls\t\n\r end",
		"www.igf.org 3.5 Yahoo!Inc x.y.z. A.B. a.m. end.",
		"", "x", ".", "'", "-", "a-", "-a", "a'", "'a", "a''b", "a--b", "a-'b",
	};
	static const char filler[] = "abcdefghij klmnopqrs tuvwxyz0123456789 ABCDEFGHIJ KLMNOPQ "
	                             "RSTUVWXYZ abcdefghij ";
	char buf[1024];
	bool all = true;
	for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		for (size_t lead = 0; lead <= 70; lead++) {
			size_t n = strlen(texts[t]);
			memcpy(buf, filler, lead);
			memcpy(buf + lead, texts[t], n);
			for (int sentences = 0; sentences < 2; sentences++)
				all = same(buf, lead + n, sentences) && all;
			/* and with the text first: the segment's first word */
			memcpy(buf, texts[t], n);
			memcpy(buf + n, filler, lead);
			all = same(buf, lead + n, true) && all;
		}
	}
	ok(all, "fast and byte-by-byte scans agree on every tricky text at every offset");
}

/* Texts made of random pieces: what the list above did not think of. */
static void test_random(void)
{
	static const char *const pieces[] = {
		"a", "Mr", "No", "e", "g", "U", "S", "IV", "I", "1", "23", ".", " .", "..", "!",
		"?", " ", "  ", "\n", "\t", "'", "-", "\xE2\x80\x99", "\xC3\xA9", "\xC3\x89",
		"\xE4\xB8\xAD", "\xE3\x82\xA2", "\xCC\x81", "\xE2\x80\xA6", "\xC2\xA0", "\"", ")",
		"\xC2\xBB", "\xE3\x80\x82", "Ph", "D", "etc", "and", "The", "x9", "\xE2\x80\x90",
		"abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
		"hello world this is a test ", "0", "cf", "Amb", "vs", "\xE3\x80\x80",
		"\xE2\x80\xAF", "\xEF\xBC\x81", "\xD0\x9F\xD1\x80\xD0\xB8", "#", "(", ",",
		"\xF0\x9F\x98\x80", "\x7F", "z", "Z", "q.", "\xE2\x80\x9C", "\xE2\x80\x94",
	};
	const size_t n_pieces = sizeof(pieces) / sizeof(pieces[0]);
	uint64_t seed = 42;
	char buf[4096];
	bool all = true;
	for (int round = 0; round < 20000 && all; round++) {
		size_t len = 0;
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		size_t count = (size_t)(seed >> 33) % 150;
		for (size_t i = 0; i < count; i++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			const char *piece = pieces[(seed >> 33) % n_pieces];
			size_t n = strlen(piece);
			if (len + n > sizeof(buf))
				break;
			memcpy(buf + len, piece, n);
			len += n;
		}
		all = same(buf, len, round & 1);
	}
	ok(all, "fast and byte-by-byte scans agree on random texts");
}

/* The characters read without utf8proc are what utf8proc says they are,
 * and none is a letter, mark or number. */
static void test_known_punct(void)
{
	bool all = true;
	for (utf8proc_int32_t cp = 0x80; cp < 0x10000; cp++) {
		utf8proc_uint8_t b[4];
		utf8proc_ssize_t n = utf8proc_encode_char(cp, b);
		utf8proc_int32_t got;
		utf8proc_ssize_t k;
		if (!known_punct(b, b + n, &got, &k))
			continue;
		utf8proc_category_t c = utf8proc_category(cp);
		bool word = (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO);
		if (got != cp || k != n || word) {
			printf("# U+%04X read as U+%04X of %d bytes, category %d\n", (unsigned)cp,
			       (unsigned)got, (int)k, (int)c);
			all = false;
		}
	}
	ok(all, "the punctuation read without utf8proc is what utf8proc says");
}

int main(void)
{
	char err[256];
	char *more[] = {"Cllr.", "a.s.a.p", "verylongabbreviationword"};
	if (stats_abbrevs_init(&abbrevs, more, 3, err, sizeof(err))) {
		printf("Bail out! %s\n", err);
		return 99;
	}
	test_tricky();
	test_random();
	test_known_punct();
	stats_abbrevs_free(&abbrevs);
	return done_testing();
}
