/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the dedup plugin: the normalisation (what counts as the
 * same text and what does not), the signature, each matching rule with
 * its false friends (short mails, empty texts, quoted mail, the same
 * document met again), the cluster table, the options, and the store,
 * made here with the SQLite C API. The plugin's own file is included so
 * that its static functions run as they do in igtext.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <nettle/sha2.h>
#include <sqlite3.h>

#include "host_private.h"
#include "store.h"
#include "tap.h"

#include "ascii.h"
#include "dedup.c"

/* ---- helpers ---- */

static dd_norm norm;

/* The sketch of segments (NULL-terminated). */
static dd_sketch sketch_of(const char *const *segments)
{
	dd_sketch s;
	size_t bytes = 0;
	for (const char *const *p = segments; *p; p++)
		bytes += strlen(*p);
	dd_norm_begin(&norm, &s, bytes);
	for (const char *const *p = segments; *p; p++)
		dd_norm_add(&norm, *p, strlen(*p));
	dd_norm_end(&norm);
	return s;
}

static dd_sketch sketch1(const char *text)
{
	const char *segs[] = {text, NULL};
	return sketch_of(segs);
}

static int same_hash(const char *a, const char *b)
{
	dd_sketch x = sketch1(a), y = sketch1(b);
	return memcmp(x.sha, y.sha, 32) == 0;
}

static int same_bins(const char *a, const char *b)
{
	dd_sketch x = sketch1(a), y = sketch1(b);
	return memcmp(x.mins, y.mins, sizeof(x.mins)) == 0 && x.words == y.words;
}

/* Deterministic text: n words from a vocabulary, by seed. */
static const char *const vocabulary[] = {"internet",
                                         "governance",
                                         "forum",
                                         "session",
                                         "policy",
                                         "access",
                                         "digital",
                                         "rights",
                                         "security",
                                         "cyber",
                                         "network",
                                         "public",
                                         "private",
                                         "sector",
                                         "civil",
                                         "society",
                                         "government",
                                         "technical",
                                         "community",
                                         "development",
                                         "data",
                                         "protection",
                                         "privacy",
                                         "open",
                                         "global",
                                         "local",
                                         "regional",
                                         "national",
                                         "cooperation",
                                         "trust",
                                         "norms",
                                         "rules",
                                         "standards",
                                         "infrastructure",
                                         "capacity",
                                         "building",
                                         "women",
                                         "youth",
                                         "inclusion",
                                         "multistakeholder",
                                         "model",
                                         "process",
                                         "dialogue",
                                         "agenda",
                                         "report",
                                         "panel",
                                         "speaker",
                                         "question",
                                         "answer",
                                         "discussion",
                                         "economy",
                                         "trade",
                                         "market",
                                         "innovation",
                                         "technology",
                                         "artificial",
                                         "intelligence",
                                         "blockchain",
                                         "content",
                                         "platform",
                                         "freedom",
                                         "expression",
                                         "human",
                                         "law",
                                         "court",
                                         "treaty",
                                         "state",
                                         "sovereignty",
                                         "domain",
                                         "name",
                                         "address",
                                         "registry",
                                         "root",
                                         "server",
                                         "stewardship",
                                         "transition",
                                         "accountability",
                                         "transparency",
                                         "the",
                                         "of",
                                         "and",
                                         "to",
                                         "in",
                                         "a",
                                         "for",
                                         "on",
                                         "with",
                                         "that",
                                         "is",
                                         "we",
                                         "this",
                                         "are",
                                         "be",
                                         "by",
                                         "as",
                                         "it",
                                         "at",
                                         "from",
                                         "have",
                                         "more",
                                         "need",
                                         "should",
                                         "will",
                                         "can",
                                         "all",
                                         "new",
                                         "our",
                                         "their"};

static char *gen_text(unsigned seed, size_t n)
{
	igt_buf b = {0};
	uint64_t x = seed * 2654435761u + 12345;
	for (size_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		const char *w = vocabulary[x % (sizeof(vocabulary) / sizeof(*vocabulary))];
		if (i)
			igt_buf_addc(&b, ' ');
		igt_buf_add(&b, w, strlen(w));
	}
	return igt_buf_take(&b);
}

/* text with every k-th word replaced by a word of its own */
static char *edit_text(const char *text, size_t k)
{
	igt_buf b = {0};
	size_t i = 0;
	char word[32];
	for (const char *p = text; *p;) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (i)
			igt_buf_addc(&b, ' ');
		if (k && i % k == k - 1) {
			int n = snprintf(word, sizeof(word), "changed%zu", i);
			igt_buf_add(&b, word, (size_t)n);
		} else {
			igt_buf_add(&b, p, len);
		}
		i++;
		p = e ? e + 1 : p + len;
	}
	return igt_buf_take(&b);
}

/* words [from, from + n) of text */
static char *slice_words(const char *text, size_t from, size_t n)
{
	igt_buf b = {0};
	size_t i = 0;
	for (const char *p = text; *p && i < from + n; i++) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (i >= from) {
			if (b.len)
				igt_buf_addc(&b, ' ');
			igt_buf_add(&b, p, len);
		}
		p = e ? e + 1 : p + len;
	}
	return igt_buf_take(&b);
}

/* ---- the plugin, as igtext runs it ---- */

static json_t *rows;

static int sink(void *payload, const char *table, const json_t *row)
{
	(void)payload;
	json_t *r = json_deep_copy(row);
	json_object_set_new(r, "table", json_string(table));
	json_array_append_new(rows, r);
	return 0;
}

typedef struct plugin {
	igt_host *host;
	dedup_config cfg;
	void *st;
} plugin;

static char *default_skip[] = {"quote", "signature", "non_speech", "author_note"};

static dedup_config config(void)
{
	dedup_config c = {.threshold = 0.8,
	                  .containment = 0.8,
	                  .shingle = 3,
	                  .min_words = 50,
	                  .min_exact_words = 6,
	                  .skip_segments = {4, default_skip},
	                  .store = NULL};
	return c;
}

static int start_with(plugin *p, dedup_config cfg)
{
	p->host = igt_host_new("dedup", "test");
	p->host->row_sink = sink;
	p->cfg = cfg;
	p->st = NULL;
	return dedup_open(&p->st, &p->cfg, p->host);
}

static void start(plugin *p)
{
	if (start_with(p, config()))
		abort();
}

static void stop(plugin *p)
{
	dedup_close(p->st);
	igt_host_free(p->host);
}

static void finish(plugin *p)
{
	json_decref(rows);
	rows = json_array();
	p->host->in_finish = 1;
	dedup_finish(p->st);
	p->host->in_finish = 0;
}

/* A document of one segment per text: a paragraph, or a quote or a
 * signature when the text starts with "quote:" or "signature:". */
static igt_doc *new_doc(const char *id, const char *const *segments)
{
	igt_doc *doc = igt_doc_new("plain", "text");
	igt_doc_set(doc, IGT_DOC_ID, id, (size_t)-1);
	for (const char *const *s = segments; *s; s++) {
		const char *type = "paragraph", *text = *s;
		const char *colon = strchr(*s, ':');
		if (strncmp(*s, "quote:", 6) == 0 || strncmp(*s, "signature:", 10) == 0) {
			static char t[16];
			snprintf(t, sizeof(t), "%.*s", (int)(colon - *s), *s);
			type = t;
			text = colon + 1;
		}
		igt_span span = {0, strlen(text)};
		igt_doc_add_segment(doc, type, text, (size_t)-1, span);
	}
	return doc;
}

/* Process a document; returns a copy of its metrics.dedup. */
static json_t *process_segs(plugin *p, const char *id, const char *const *segments)
{
	igt_doc *doc = new_doc(id, segments);
	dedup_process(p->st, doc);
	json_t *m = json_incref(json_object_get(igt_doc_metrics(doc), "dedup"));
	igt_doc_free(doc);
	return m;
}

static json_t *process(plugin *p, const char *id, const char *text)
{
	const char *segs[] = {text, NULL};
	return process_segs(p, id, segs);
}

static const char *str(const json_t *m, const char *key)
{
	return json_string_value(json_object_get(m, key));
}

static double num(const json_t *m, const char *key)
{
	const json_t *v = json_object_get(m, key);
	return json_is_number(v) ? json_number_value(v) : -1.0;
}

static int is_true(const json_t *m, const char *key)
{
	return json_is_true(json_object_get(m, key));
}

/* stderr into a file while f runs; returns what was written (static). */
static char captured[4096];
static int saved_fd = -1;
static void capture_begin(void)
{
	fflush(stderr);
	saved_fd = dup(2);
	int fd = open("/tmp/test-dedup-stderr", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, 2);
	close(fd);
}
static const char *capture_end(void)
{
	fflush(stderr);
	dup2(saved_fd, 2);
	close(saved_fd);
	FILE *f = fopen("/tmp/test-dedup-stderr", "r");
	size_t n = f ? fread(captured, 1, sizeof(captured) - 1, f) : 0;
	captured[n] = 0;
	if (f)
		fclose(f);
	unlink("/tmp/test-dedup-stderr");
	return captured;
}

/* ---- normalisation ---- */

static void test_normalisation(void)
{
	dd_norm_init(&norm, 3);
	ok(same_hash("Hello   World\n", "hello world"),
	   "case and runs of white space do not count");
	ok(same_hash("caf\xc3\xa9 au lait", "cafe\xcc\x81 au lait"),
	   "NFC: a precomposed and a combining accent are the same text");
	ok(same_hash("na\xc3\xafve", "nai\xcc\x88ve") && same_bins("na\xc3\xafve", "nai\xcc\x88ve"),
	   "an accent combining with an ASCII letter composes in the tokens too");
	ok(same_hash("STRASSE", "strasse") && same_hash("\xc3\x89TAT", "\xc3\xa9tat"),
	   "case folding beyond ASCII");
	ok(same_hash("inter\xc2\xadnet governance", "internet governance"),
	   "a soft hyphen is ignored");
	ok(same_hash("internet\xc2\xa0governance", "internet governance"),
	   "a no-break space is white space");
	ok(!same_hash("Hello, world", "Hello world"), "punctuation is part of the exact text");
	ok(same_bins("Hello, world; again", "hello world again"),
	   "but not of the tokens: the shingles are the same");
	ok(same_bins("China\xe2\x80\x99s role", "China's role") &&
	       !same_hash("China\xe2\x80\x99s role", "China's role"),
	   "curly and straight apostrophes: same tokens, not the same text");
	const char *two[] = {"first part", "second part", NULL};
	dd_sketch a = sketch_of(two), b = sketch1("first part second part");
	ok(memcmp(a.sha, b.sha, 32) == 0 && a.words == 4,
	   "segments are joined by one space, and shingles run across them");

	/* The hash is the sha256 of the normalised text itself. */
	dd_sketch s = sketch1("  The IGF,\tin  GENEVA.  ");
	const char *want = "the igf, in geneva.";
	unsigned char sha[32];
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	sha256_update(&ctx, strlen(want), (const uint8_t *)want);
	sha256_digest(&ctx, 32, sha);
	ok(memcmp(s.sha, sha, 32) == 0, "the hash is sha256 of \"%s\"", want);
	is_int(s.words, 4, "4 words: the igf in geneva");

	is_int(sketch1("\xe4\xba\x92\xe8\x81\x94\xe7\xbd\x91\xe6\xb2\xbb\xe7\x90\x86").words, 5,
	       "each Han character is a token (no spaces in Chinese)");
	is_int(sketch1("Internet-Governance-Forum 2018").words, 4, "hyphens separate words");
	is_int(sketch1("caf\xc3\xa9-au-lait \xc3\xa9t\xc3\xa9").words, 4,
	       "words with accents, separated by ASCII hyphens");
	is_int(sketch1("... --- !!!").words, 0, "punctuation alone has no words");
	dd_sketch e = sketch1("");
	ok(e.words == 0 && e.shingles == 0, "an empty text has no words and no shingles");
	dd_sketch one = sketch1("hello");
	ok(one.words == 1 && one.shingles == 1,
	   "a text shorter than a shingle is one shingle of its words");
	char *text = gen_text(1, 2000);
	dd_sketch big = sketch1(text);
	ok(big.shingles > 1900 && big.shingles <= 2000, "distinct shingles counted: %llu of 1998",
	   (unsigned long long)big.shingles);
	free(text);
	dd_norm_free(&norm);
}

/* ---- the normalisation's fast paths against recorded results ---- */

/* Inputs where the byte-at-a-time and the word-at-a-time readings of ASCII
 * could part, and where ASCII meets the characters that go through
 * utf8proc: words of 7 to 9 and 15 to 17 bytes (a word's last block), at
 * the end of a segment (no byte may be read past it), the bytes just
 * outside the letter and digit ranges, controls and DEL, a letter or a
 * punctuation mark followed by a combining mark, expansions of case
 * folding, ignorable characters, segments empty or only white space. */
static const char *const tricky[][4] = {
    {"abcdefg abcdefgh abcdefghi", NULL},
    {"ABCDEFGHIJKLMNO abcdefghijklmnop AbCdEfGhIjKlMnOpQ", NULL},
    {"abcdefgh", "ABCDEFGHIJKLMNOP", "x", NULL},
    {"a@b[c`d{e/f:g", "@[`{/:", "Z@A", NULL},
    {"one\x01two\x7fthree\tfour\r\nfive\x1fsix", NULL},
    {"", "   ", "\t\n", NULL},
    {"  leading", "trailing  ", "  both  ", NULL},
    {"word", "", "word", NULL},
    {"caf\xc3\xa9 CAFE\xcc\x81 abcdefgh\xcc\x81 abcdefghijklmnop\xc3\xa9", NULL},
    {"x<\xcc\xb8y a.\xcc\x81 E\xcc\x81TAT", NULL},
    {"STRA\xc3\x9f" "E \xef\xac\x81nal \xe2\x84\xaang \xe2\x84\xab \xc4\xb0stanbul", NULL},
    {"inter\xc2\xadnet zero\xe2\x80\x8bwidth no\xc2\xa0" "break ideo\xe3\x80\x80space", NULL},
    {"\xe4\xba\x92\xe8\x81\x94\xe7\xbd\x91" "abc\xe3\x81\x82" "def\xe0\xb8\x81\xe0\xb8\x82 9\xe4\xb8\x80", NULL},
    {"China\xe2\x80\x99s It's \xf0\x9f\x98\x80smile \xe1\x84\x80\xe1\x85\xa1", NULL},
    {"0123456789 12345678 123456789012345678901234567890", "Mixed123Case456", NULL},
    {"a", "b", "c", NULL},
    {"...,,,;;;", "---", "!", NULL},
    {"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz", NULL},
};

static const char *const pieces[] = {
    "a", "B", "z", "Z", "0", "9", "@", "[", "`", "{", "/", ":", " ", "  ", "\t", "\n", "\r\n",
    "\x7f", "\x01", ".", ",", ";", "'", "\"", "-", "(", ")", "internet", "GOVERNANCE", "Forum",
    "multistakeholder", "IGF2018", "x", "abcdefgh", "ABCDEFGHI", "abcdefghijklmnop",
    "\xc3\xa9", "\xc3\x89", "\xcc\x81", "\xcc\xb8", "\xc2\xad", "\xc2\xa0", "\xe3\x80\x80",
    "\xe4\xba\x92", "\xe3\x81\x82", "\xe0\xb8\x81", "\xe2\x80\x99", "\xc3\x9f", "\xef\xac\x81",
    "\xce\xa3", "\xc4\xb0", "\xf0\x9f\x98\x80", "\xe2\x80\x8b", "\xe1\x84\x80", "\xe1\x85\xa1",
    "\xe2\x84\xaa", "\xd9\xa3",
};

static uint64_t tricky_seed;

static unsigned tricky_rand(unsigned n)
{
	tricky_seed = tricky_seed * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)(tricky_seed >> 33) % n;
}

/* A random text of pieces, in up to 4 segments; returns how many. */
static size_t tricky_text(char (*segs)[256])
{
	size_t n = 1 + tricky_rand(4);
	for (size_t s = 0; s < n; s++) {
		size_t len = 0, pieces_n = tricky_rand(24);
		for (size_t k = 0; k < pieces_n; k++) {
			const char *p = pieces[tricky_rand(sizeof(pieces) / sizeof(*pieces))];
			size_t l = strlen(p);
			if (len + l >= 256)
				break;
			memcpy(segs[s] + len, p, l);
			len += l;
		}
		segs[s][len] = 0;
	}
	return n;
}

/* What a sketch says, into a sha256 context. */
static void digest_sketch(struct sha256_ctx *ctx, const dd_sketch *s)
{
	unsigned char b[DD_K * 2 + 16];
	for (unsigned i = 0; i < DD_K; i++) {
		b[2 * i] = (unsigned char)s->mins[i];
		b[2 * i + 1] = (unsigned char)(s->mins[i] >> 8);
	}
	for (unsigned i = 0; i < 8; i++) {
		b[DD_K * 2 + i] = (unsigned char)(s->words >> (8 * i));
		b[DD_K * 2 + 8 + i] = (unsigned char)(s->shingles >> (8 * i));
	}
	sha256_update(ctx, 32, s->sha);
	sha256_update(ctx, sizeof(b), b);
}

static void digest_hex(struct sha256_ctx *ctx, char hex[17])
{
	unsigned char d[32];
	sha256_digest(ctx, sizeof(d), d);
	for (int i = 0; i < 8; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

static void sketch_segments(dd_norm *nm, dd_sketch *s, const char *const *segs, size_t n)
{
	size_t bytes = 0;
	for (size_t i = 0; i < n; i++)
		bytes += strlen(segs[i]) + 1;
	dd_norm_begin(nm, s, bytes);
	for (size_t i = 0; i < n; i++) {
		/* A copy of exactly its length, so that a memory checker sees any
		 * byte read beyond the segment. */
		size_t len = strlen(segs[i]);
		char *copy = dd_xrealloc(NULL, len);
		memcpy(copy, segs[i], len);
		dd_norm_add(nm, copy, len);
		free(copy);
	}
	dd_norm_end(nm);
}

/* The digest of the tricky inputs (index k) or, for k = -1, of 3000
 * random texts, with shingles of w words. */
static void tricky_digest(int k, int w, char hex[17])
{
	dd_norm nm;
	dd_sketch s;
	struct sha256_ctx ctx;
	dd_norm_init(&nm, w);
	sha256_init(&ctx);
	if (k >= 0) {
		size_t n = 0;
		while (n < 4 && tricky[k][n])
			n++;
		sketch_segments(&nm, &s, tricky[k], n);
		digest_sketch(&ctx, &s);
	} else {
		static char segs[4][256];
		tricky_seed = 42;
		for (int t = 0; t < 3000; t++) {
			size_t n = tricky_text(segs);
			const char *p[4] = {segs[0], segs[1], segs[2], segs[3]};
			sketch_segments(&nm, &s, p, n);
			digest_sketch(&ctx, &s);
		}
	}
	dd_norm_free(&nm);
	digest_hex(&ctx, hex);
}

/* The two ways of classifying 16 bytes agree (where the compiler has
 * SSE2), on every byte value at every place and on random blocks. */
static void test_classify(void)
{
#ifdef __SSE2__
	unsigned char in[16];
	char a[16], b[16];
	int same = 1;
	tricky_seed = 7;
	for (int t = 0; t < 256 * 16 + 20000 && same; t++) {
		for (int k = 0; k < 16; k++)
			in[k] = (unsigned char)tricky_rand(256);
		if (t < 256 * 16)
			in[t % 16] = (unsigned char)(t / 16);
		dd_block x = dd_classify_portable(in, a), y = dd_classify_sse2(in, b);
		same = x.word == y.word && x.space == y.space && x.high == y.high;
		for (int k = 0; k < 16; k++)
			same &= in[k] >= 0x80 || a[k] == b[k];
	}
	ok(same, "the portable and the SSE2 classification agree");
#else
	ok(1, "# SKIP no SSE2");
#endif
}

/* Each digest was recorded from the byte-at-a-time reading of ASCII that
 * the word-at-a-time one replaced; they must never change, as stored
 * hashes and signatures are compared with new ones. */
static void test_fast_paths(void)
{
	static const char *const want[] = {
	    "689ce1e3bb4e7527",
	    "bd68d3bf22ce906e",
	    "71b3c182410cdca3",
	    "9bf3a0df6444fd2d",
	    "774d55ad7561d83c",
	    "4d96eb548ba12481",
	    "0df22af73d958f30",
	    "4ae4cb9f77251895",
	    "3755086a152b14e7",
	    "ca5214707ef9481c",
	    "e4982c3683c8c708",
	    "39939bd9bc2fe34c",
	    "0f2eb54732b9f37a",
	    "0330a7e6c5dd4cf3",
	    "232f48347aa0a479",
	    "fd999880620c78b1",
	    "b48dbfa392f6aff8",
	    "7b2429ab509c4676",
	};
	static const char *const want_random[] = {
	    "9bf37ff138c13b3d",
	    "4e2c98b7b91ac1ec",
	    "9745cd6d7094838b",
	    "714c3080fabec8dc",
	    "36abfbed10cc96da",
	    "6838129e24831400",
	    "386f2417088bf802",
	    "ece624d7831e0498",
	};
	char hex[17];
	for (size_t k = 0; k < sizeof(tricky) / sizeof(*tricky); k++) {
		tricky_digest((int)k, 3, hex);
		is_str(hex, want[k], "tricky input %zu", k);
	}
	for (int w = 1; w <= DD_MAX_SHINGLE; w++) {
		tricky_digest(-1, w, hex);
		is_str(hex, want_random[w - 1], "3000 random texts of tricky pieces, shingles of %d", w);
	}
}

/* ---- the signature ---- */

static void test_signature(void)
{
	dd_norm_init(&norm, 3);
	char *text = gen_text(2, 300);
	dd_sketch s = sketch1(text), r;
	char sig[DD_SIG_SIZE];
	dd_signature_format(&s, 3, sig);
	like(sig, "oph1:w3:n", "the signature names its scheme, shingle size and size");
	int w = 0;
	memset(&r, 0, sizeof(r));
	ok(dd_signature_parse(sig, &r, &w) == 0 && w == 3 && r.shingles == s.shingles &&
	       memcmp(r.mins, s.mins, sizeof(s.mins)) == 0,
	   "a signature reads back to the same bins");
	ok(strlen(sig) < 400, "and is short: %zu characters", strlen(sig));
	ok(dd_signature_parse("oph1:w3:n12:AAAA", &r, &w) < 0, "a truncated signature is refused");
	ok(dd_signature_parse("minhash:w3:n12:AAAA", &r, &w) < 0, "so is another scheme");
	sig[strlen(sig) - 5] = '!';
	ok(dd_signature_parse(sig, &r, &w) < 0, "and a character that is not base64");

	double j, c;
	dd_compare(s.mins, s.shingles, s.mins, s.shingles, &j, &c);
	ok(j == 1.0 && c == 1.0, "a sketch is identical to itself");
	char *other = gen_text(3, 300);
	dd_sketch o = sketch1(other);
	dd_compare(s.mins, s.shingles, o.mins, o.shingles, &j, &c);
	ok(j < 0.05 && c < 0.05, "unrelated texts: J %.3f, containment %.3f", j, c);
	free(text);
	free(other);
	dd_norm_free(&norm);
}

/* ---- matching ---- */

static void test_exact(void)
{
	plugin p;
	start(&p);
	char *text = gen_text(10, 300);
	json_t *a = process(&p, "a", text);
	ok(json_is_null(json_object_get(a, "duplicate_of")) &&
	       strcmp(str(a, "cluster"), "a") == 0 && !is_true(a, "exact") &&
	       json_is_null(json_object_get(a, "similarity")),
	   "the first document is its own cluster and copies nothing");
	is_int(strlen(str(a, "hash")), 64, "hash: 64 hex digits");
	is_int(json_integer_value(json_object_get(a, "words")), 300, "words: 300");

	/* The same transcript saved twice: other line ends, other case. */
	char *copy = strdup(text);
	for (char *q = copy; *q; q++)
		if (*q == ' ' && (q - copy) % 7 == 0)
			*q = '\n';
	copy[0] = (char)(copy[0] - 32);
	json_t *b = process(&p, "b", copy);
	is_str(str(b, "duplicate_of"), "a", "the same text saved again copies the first");
	ok(is_true(b, "exact") && num(b, "similarity") == 1.0 && num(b, "containment") == 1.0,
	   "exactly, with similarity 1");
	is_str(str(b, "cluster"), "a", "in the first one's cluster");
	is_str(str(b, "hash"), str(a, "hash"), "with the same hash");

	/* A third copy names the earliest copy, not the latest. */
	json_t *c = process(&p, "c", text);
	is_str(str(c, "duplicate_of"), "a", "a third copy copies the earliest");
	finish(&p);
	is_int(json_array_size(rows), 1, "one cluster row");
	json_t *row = json_array_get(rows, 0);
	is_str(str(row, "table"), "dedup", "in the table dedup");
	is_str(str(row, "id"), "a", "named after its first document");
	char *docs = json_dumps(json_object_get(row, "documents"), JSON_COMPACT);
	is_str(docs, "[\"a\",\"b\",\"c\"]", "listing the three, oldest first");
	ok(is_true(row, "exact") && num(row, "similarity") == 1.0, "all exact, similarity 1");
	free(docs);
	json_decref(a);
	json_decref(b);
	json_decref(c);
	free(copy);
	free(text);
	stop(&p);
}

static void test_near(void)
{
	plugin p;
	start(&p);
	char *text = gen_text(20, 400);
	char *edited = edit_text(text, 50); /* 2% of the words changed */
	char *far = edit_text(text, 3);     /* a third changed */
	json_t *a = process(&p, "orig", text);
	json_t *b = process(&p, "edited", edited);
	is_str(str(b, "duplicate_of"), "orig", "2%% of the words changed: a near-duplicate");
	ok(!is_true(b, "exact") && num(b, "similarity") >= 0.8 && num(b, "similarity") < 1.0,
	   "not exact, similarity %.3f (exact Jaccard of the shingles: about 0.89)",
	   num(b, "similarity"));
	is_str(str(b, "cluster"), "orig", "in the original's cluster");
	json_t *c = process(&p, "far", far);
	ok(json_is_null(json_object_get(c, "duplicate_of")),
	   "a third of the words changed: not a near-duplicate (similarity %.3f)",
	   num(c, "similarity"));
	is_str(str(c, "cluster"), "far", "its own cluster");

	/* A chain: an exact copy of the edited one joins the original's cluster. */
	json_t *d = process(&p, "edited-again", edited);
	is_str(str(d, "duplicate_of"), "edited", "an exact copy of the edited text copies it");
	is_str(str(d, "cluster"), "orig", "and is in the cluster of the first");
	finish(&p);
	is_int(json_array_size(rows), 1, "one cluster row");
	json_t *row = json_array_get(rows, 0);
	ok(!is_true(row, "exact") && num(row, "similarity") >= 0.8 && num(row, "similarity") < 1,
	   "not exact; the lowest similarity in it: %.3f", num(row, "similarity"));
	is_int(json_array_size(json_object_get(row, "documents")), 3, "three documents");
	json_decref(a);
	json_decref(b);
	json_decref(c);
	json_decref(d);
	free(text);
	free(edited);
	free(far);
	stop(&p);
}

static void test_containment(void)
{
	plugin p;
	start(&p);
	/* A Short Report that repeats half of its Long Report. */
	char *longer = gen_text(30, 600);
	char *part = slice_words(longer, 150, 300);
	json_t *a = process(&p, "long", longer);
	json_t *b = process(&p, "short", part);
	is_str(str(b, "duplicate_of"), "long", "half of a document repeated: a near-duplicate");
	ok(num(b, "containment") >= 0.9 && num(b, "similarity") < 0.8,
	   "by containment %.3f, though the Jaccard similarity is %.3f (exact: 1 and 0.5)",
	   num(b, "containment"), num(b, "similarity"));

	/* False friend: a document sharing a fifth of its text. */
	char *mixed = gen_text(31, 240);
	char *shared = slice_words(longer, 0, 60);
	igt_buf m = {0};
	igt_buf_add(&m, shared, strlen(shared));
	igt_buf_addc(&m, ' ');
	igt_buf_add(&m, mixed, strlen(mixed));
	json_t *c = process(&p, "quotes-a-passage", m.data);
	ok(json_is_null(json_object_get(c, "duplicate_of")),
	   "a document quoting one passage of another is not its duplicate");
	igt_buf_free(&m);
	json_decref(a);
	json_decref(b);
	json_decref(c);
	free(longer);
	free(part);
	free(mixed);
	free(shared);
	stop(&p);

	/* The option decides: half of the text with one word in 8 changed
	 * (containment 187/298 = 0.63, Jaccard 0.26) is not a near-duplicate
	 * by default, and is with containment: 0.5. */
	longer = gen_text(30, 600);
	char *edited = edit_text(longer, 8);
	part = slice_words(edited, 150, 300);
	start(&p);
	json_decref(process(&p, "long", longer));
	b = process(&p, "short", part);
	ok(json_is_null(json_object_get(b, "duplicate_of")),
	   "a half with one word in 8 changed is not a near-duplicate by default");
	json_decref(b);
	stop(&p);
	dedup_config cfg = config();
	cfg.containment = 0.5;
	start_with(&p, cfg);
	json_decref(process(&p, "long", longer));
	b = process(&p, "short", part);
	is_str(str(b, "duplicate_of"), "long", "but is with containment: 0.5 (estimated %.3f)",
	       num(b, "containment"));
	json_decref(b);
	free(longer);
	free(edited);
	free(part);
	stop(&p);
}

static void test_false_friends(void)
{
	plugin p;
	start(&p);
	/* Short mails: alike, but under min_words; only exact copies match. */
	json_t *a = process(&p, "m1", "Thanks, I agree with the proposal for the session on data.");
	json_t *b = process(&p, "m2", "Thanks, I agree with this proposal for the session on data.");
	json_t *c = process(&p, "m3", "Thanks, I agree with the proposal for the session on data.");
	ok(json_is_null(json_object_get(b, "duplicate_of")),
	   "two short mails that differ by a word are not near-duplicates");
	is_str(str(c, "duplicate_of"), "m1",
	       "a short mail with the very same text is an exact copy");
	json_decref(a);
	json_decref(b);
	json_decref(c);
	/* Under min_exact_words, not even that: "+1" from two people, or two
	 * report forms left empty but for their headings. */
	a = process(&p, "r1", "Report\nIGF 2024 Short Report");
	b = process(&p, "r2", "Report\nIGF 2024 Short Report");
	c = process(&p, "p1", "+1, I agree.");
	json_t *c2 = process(&p, "p2", "+1, I agree.");
	ok(json_is_null(json_object_get(b, "duplicate_of")) && !is_true(b, "exact"),
	   "two forms with only their headings are not copies");
	ok(json_is_null(json_object_get(c2, "duplicate_of")), "nor two replies saying +1");
	is_str(str(b, "cluster"), "r2", "  each is its own cluster");
	json_decref(a);
	json_decref(b);
	json_decref(c);
	json_decref(c2);

	/* Texts without words (only a quote, which is left out) match nothing. */
	char *quoted = gen_text(40, 200);
	char qseg[4096];
	snprintf(qseg, sizeof(qseg), "quote:%s", quoted);
	const char *only_quote[] = {qseg, NULL};
	json_t *d = process_segs(&p, "q1", only_quote);
	json_t *e = process_segs(&p, "q2", only_quote);
	ok(json_is_null(json_object_get(e, "duplicate_of")) &&
	       json_is_null(json_object_get(e, "signature")),
	   "two messages of nothing but the same quote are not copies");
	is_int(json_integer_value(json_object_get(e, "words")), 0, "their text has no words");

	/* Replies quoting the same message, each with its own answer. */
	char *r1 = gen_text(41, 80), *r2 = gen_text(42, 80);
	const char *reply1[] = {r1, qseg, NULL}, *reply2[] = {r2, qseg, NULL};
	json_t *f = process_segs(&p, "r1", reply1);
	json_t *g = process_segs(&p, "r2", reply2);
	ok(json_is_null(json_object_get(g, "duplicate_of")),
	   "two replies quoting the same message are not duplicates");

	/* The same long signature under different messages. */
	char *sigtext = gen_text(43, 120), sseg[2048];
	snprintf(sseg, sizeof(sseg), "signature:%s", sigtext);
	char *s1 = gen_text(44, 60), *s2 = gen_text(45, 60);
	const char *signed1[] = {s1, sseg, NULL}, *signed2[] = {s2, sseg, NULL};
	json_t *h = process_segs(&p, "s1", signed1);
	json_t *i = process_segs(&p, "s2", signed2);
	ok(json_is_null(json_object_get(i, "duplicate_of")),
	   "two messages with the same signature are not duplicates");

	/* The same document met again (same id): never a copy of itself. */
	char *text = gen_text(46, 200);
	json_t *k = process(&p, "same-id", text);
	json_t *l = process(&p, "same-id", text);
	ok(json_is_null(json_object_get(l, "duplicate_of")) && !is_true(l, "exact"),
	   "a document met twice under the same id is not its own duplicate");
	is_str(str(l, "cluster"), "same-id", "and stays its own cluster");
	finish(&p);
	size_t n_rows = json_array_size(rows);
	is_int(n_rows, 1, "one cluster: the two identical short mails");
	is_str(str(json_array_get(rows, 0), "id"), "m1", "named after the first of them");
	json_t *docs[] = {d, e, f, g, h, i, k, l};
	for (size_t x = 0; x < sizeof(docs) / sizeof(*docs); x++)
		json_decref(docs[x]);
	free(quoted);
	free(r1);
	free(r2);
	free(sigtext);
	free(s1);
	free(s2);
	free(text);
	stop(&p);
}

static void test_unrelated_many(void)
{
	plugin p;
	start(&p);
	int matched = 0;
	for (unsigned i = 0; i < 300; i++) {
		char *t = gen_text(1000 + i, 80 + i % 200);
		char id[16];
		snprintf(id, sizeof(id), "u%u", i);
		json_t *m = process(&p, id, t);
		matched += !json_is_null(json_object_get(m, "duplicate_of"));
		json_decref(m);
		free(t);
	}
	is_int(matched, 0, "300 unrelated texts: none is anyone's duplicate");
	finish(&p);
	is_int(json_array_size(rows), 0, "and the cluster table is empty");
	stop(&p);
}

/* The index looks only at candidates: a document repeated in 2000
 * documents does not make a query read them all. */
static void test_bounded(void)
{
	plugin p;
	start(&p);
	char *text = gen_text(50, 120);
	char id[16];
	for (int i = 0; i < 2000; i++) {
		char *t = edit_text(text, (size_t)(20 + i % 30));
		snprintf(id, sizeof(id), "n%d", i);
		json_decref(process(&p, id, t));
		free(t);
	}
	dedup_state *st = p.st;
	uint32_t q = st->index.query;
	size_t looked = 0;
	json_t *m = process(&p, "last", text);
	for (size_t i = 0; i < st->index.n; i++)
		looked += st->index.hot[i].stamp == q + 1;
	ok(looked <= DD_BANDS * DD_BUCKET_CAP, "a query looked at %zu entries of 2001", looked);
	ok(!json_is_null(json_object_get(m, "duplicate_of")), "and still found its cluster");
	json_decref(m);
	free(text);
	stop(&p);
}

/* ---- options ---- */

static void test_options(void)
{
	plugin p;
	/* Words are refused by the core's option reader (tests/unit/test_job). */
	const double bad[] = {1.5, 0, -0.5};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		dedup_config cfg = config();
		cfg.threshold = bad[i];
		capture_begin();
		int rc = start_with(&p, cfg);
		const char *err = capture_end();
		ok(rc == IGT_ECONFIG && strstr(err, "threshold"), "threshold %g is refused", bad[i]);
		stop(&p);
	}
	dedup_config cfg = config();
	cfg.containment = 2;
	capture_begin();
	int rc = start_with(&p, cfg);
	ok(rc == IGT_ECONFIG && strstr(capture_end(), "containment"), "containment 2 is refused");
	stop(&p);
	cfg = config();
	cfg.shingle = 9;
	capture_begin();
	rc = start_with(&p, cfg);
	ok(rc == IGT_ECONFIG && strstr(capture_end(), "shingle"), "shingle 9 is refused");
	stop(&p);
	cfg = config();
	cfg.threshold = 0.95;
	ok(start_with(&p, cfg) == 0 && ((dedup_state *)p.st)->rules.threshold == 0.95,
	   "threshold 0.95 is taken");
	stop(&p);

	/* min_words 0: short texts are compared too. */
	cfg = config();
	cfg.min_words = 0;
	start_with(&p, cfg);
	json_decref(process(&p, "x1", "the internet governance forum met in paris in november"));
	json_t *m =
	    process(&p, "x2", "the internet governance forum met in paris in november 2018");
	is_str(str(m, "duplicate_of"), "x1", "min_words 0: short texts are near-matched too");
	json_decref(m);
	stop(&p);

	/* skip_segments [] keeps the quotes. */
	cfg = config();
	static char *none[1];
	cfg.skip_segments = (igt_strlist){0, none};
	start_with(&p, cfg);
	char *quoted = gen_text(60, 200), qseg[4096];
	snprintf(qseg, sizeof(qseg), "quote:%s", quoted);
	const char *segs[] = {qseg, NULL};
	json_decref(process_segs(&p, "k1", segs));
	m = process_segs(&p, "k2", segs);
	is_str(str(m, "duplicate_of"), "k1", "skip_segments []: quotes count");
	json_decref(m);
	free(quoted);
	stop(&p);
}

/* ---- the store ---- */

static char db_path[64];

static void db_exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		printf("# sqlite: %s\n", err);
		abort();
	}
}

/* A row of the store's metrics table, and its document's row when new. */
static void db_put(sqlite3 *db, const char *id, const char *plugin_name, const char *value)
{
	sqlite3_stmt *s;
	sqlite3_prepare_v2(db,
	                   "INSERT OR IGNORE INTO documents (id, content_sha256, first_run, last_run)"
	                   " VALUES (?, 'h', 1, 1)",
	                   -1, &s, NULL);
	sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_step(s);
	sqlite3_finalize(s);
	sqlite3_prepare_v2(db,
	                   "INSERT INTO metrics (doc, plugin, idx, value)"
	                   " SELECT key, ?, 0, ? FROM documents WHERE id = ?",
	                   -1, &s, NULL);
	sqlite3_bind_text(s, 1, plugin_name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, id, -1, SQLITE_TRANSIENT);
	sqlite3_step(s);
	sqlite3_finalize(s);
}

static void test_store(void)
{
	snprintf(db_path, sizeof(db_path), "/tmp/test-dedup-%d.db", (int)getpid());
	unlink(db_path);

	/* A first run; its metrics go into a store as the sqlite output keeps them. */
	plugin p;
	start(&p);
	char *ta = gen_text(70, 300), *tb = edit_text(ta, 40), *tc = gen_text(71, 300);
	json_t *ma = process(&p, "A", ta), *mb = process(&p, "B", tb), *mc = process(&p, "C", tc);
	is_str(str(mb, "duplicate_of"), "A", "first run: B is a near-duplicate of A");
	stop(&p);
	/* A store with the sqlite output's schema, made by the core. */
	sqlite3 *db;
	igt_error err;
	if (igt_store_open(&db, db_path, IGT_STORE_CREATE, &err) != 0) {
		printf("Bail out! %s\n", err.message);
		exit(99);
	}
	db_exec(db, "INSERT INTO runs (id, job, pid, igtext_version, started)"
	            " VALUES (1, 'first', 1, 'test', 'now')");
	json_t *ms[] = {ma, mb, mc};
	const char *ids[] = {"A", "B", "C"};
	for (int i = 0; i < 3; i++) {
		char *v = json_dumps(ms[i], JSON_COMPACT);
		db_put(db, ids[i], "dedup", v);
		free(v);
	}
	db_put(db, "A", "stats", "{\"words\": 300}");
	db_put(db, "X", "dedup", "{\"hash\": \"not a hash\"}");
	db_put(db, "Y", "dedup", "not json");
	sqlite3_close(db);

	/* A second run against the store. */
	dedup_config cfg = config();
	cfg.store = db_path;
	igt_log_set_level(IGT_LOG_INFO);
	capture_begin();
	start_with(&p, cfg);
	const char *msg = capture_end();
	like(msg, "3 earlier documents, 3 with a comparable signature",
	     "the store's dedup metrics are read (other plugins' rows are not)");
	like(msg, "2 of 5 stored dedup metrics have no readable id or hash",
	     "unreadable rows are counted in a warning");
	json_t *ra = process(&p, "A", ta);
	ok(json_is_null(json_object_get(ra, "duplicate_of")) && !is_true(ra, "exact"),
	   "A imported again is not a duplicate of its stored self");
	json_t *rb = process(&p, "B", tb);
	is_str(str(rb, "duplicate_of"), "A", "B imported again is still a near-duplicate of A");
	is_str(str(rb, "cluster"), "A", "in A's cluster");
	json_t *rd = process(&p, "D", ta);
	is_str(str(rd, "duplicate_of"), "A", "a new copy of A's text is found in the store");
	ok(is_true(rd, "exact"), "as an exact copy");
	char *te = edit_text(tc, 30);
	json_t *re = process(&p, "E", te);
	is_str(str(re, "duplicate_of"), "C", "a near-duplicate of a stored document is found");
	char *tc2 = gen_text(72, 300);
	json_t *rc2 = process(&p, "C", tc2);
	ok(json_is_null(json_object_get(rc2, "duplicate_of")),
	   "a stored document whose text changed is compared anew, never with itself");
	json_decref(rc2);
	free(tc2);
	finish(&p);
	/* Clusters of this run, with their stored members: A {A, B, D}, C {C, E}. */
	is_int(json_array_size(rows), 2, "two cluster rows");
	char *d0 = json_dumps(json_object_get(json_array_get(rows, 0), "documents"), JSON_COMPACT);
	char *d1 = json_dumps(json_object_get(json_array_get(rows, 1), "documents"), JSON_COMPACT);
	is_str(d0, "[\"A\",\"B\",\"D\"]", "A's cluster: stored and new members, each once");
	is_str(d1, "[\"C\",\"E\"]", "C's cluster");
	free(d0);
	free(d1);
	stop(&p);
	json_t *all[] = {ma, mb, mc, ra, rb, rd, re};
	for (size_t i = 0; i < sizeof(all) / sizeof(*all); i++)
		json_decref(all[i]);

	/* Another shingle size in the store: exact copies only. */
	cfg.shingle = 4;
	capture_begin();
	start_with(&p, cfg);
	msg = capture_end();
	like(msg, "3 stored signatures use another shingle size than 4",
	     "signatures of another shingle size are named in a warning");
	json_t *x = process(&p, "F", ta);
	is_str(str(x, "duplicate_of"), "A", "exact copies are still found");
	json_decref(x);
	char *tg = edit_text(tc, 40);
	x = process(&p, "G", tg);
	ok(json_is_null(json_object_get(x, "duplicate_of")),
	   "near ones are not compared with the stored signatures");
	free(tg);
	json_decref(x);
	stop(&p);
	cfg.shingle = 3;

	/* A missing store: a first run, said only with -v. */
	unlink(db_path);
	capture_begin();
	int rc = start_with(&p, cfg);
	msg = capture_end();
	ok(rc == 0 && strstr(msg, "does not exist yet") && !strstr(msg, "warning"),
	   "a store that does not exist yet: no earlier documents, an info message");
	ok(access(db_path, F_OK) != 0, "and it is not created");
	stop(&p);

	/* A database without the table, and a file that is no database. */
	sqlite3_open(db_path, &db);
	db_exec(db, "CREATE TABLE other(x)");
	sqlite3_close(db);
	capture_begin();
	rc = start_with(&p, cfg);
	msg = capture_end();
	ok(rc == 0 && strstr(msg, "warning") && strstr(msg, db_path) &&
	       strstr(msg, "no such table: metrics"),
	   "a store without the metrics table: a warning naming the file and SQLite's message");
	x = process(&p, "H", ta);
	ok(json_is_null(json_object_get(x, "duplicate_of")), "and the run goes on without");
	json_decref(x);
	stop(&p);
	FILE *f = fopen(db_path, "w");
	fputs("this is not a database, only some text long enough to be read\n", f);
	fclose(f);
	capture_begin();
	rc = start_with(&p, cfg);
	msg = capture_end();
	ok(rc == 0 && strstr(msg, "warning") && strstr(msg, "not a database"),
	   "a file that is no SQLite database: a warning");
	stop(&p);
	unlink(db_path);
	igt_log_set_level(IGT_LOG_NOTICE);
	free(ta);
	free(tb);
	free(tc);
	free(te);
}

int main(void)
{
	rows = json_array();
	test_normalisation();
	test_fast_paths();
	test_classify();
	test_signature();
	test_exact();
	test_near();
	test_containment();
	test_false_friends();
	test_unrelated_many();
	test_bounded();
	test_options();
	test_store();
	json_decref(rows);
	return done_testing();
}
