/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for igt_doc_write_json (docwrite.c): its text must be the
 * bytes jansson writes for igt_doc_to_json (with IGT_JSON_REALS; compact
 * with JSON_COMPACT | JSON_PRESERVE_ORDER, pretty with JSON_INDENT(2)),
 * since outputs switched
 * from one to the other. Checked on hand-made documents that hold every
 * escape, every kind of number jansson formats its own way, a NaN score,
 * NUL bytes, nesting past the writer's depth and an unwritable value, then
 * on many random documents from a fixed seed (IGT_TEST_SEED overrides it).
 * A document's JSON written ahead (igt__doc_prepare_json, for worker
 * threads) must give the same bytes and the same result again.
 */
#include "config.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <igtext/doc.h>

#include "doc_private.h"
#include "tap.h"

static int dump_to_buf(const char *s, size_t n, void *payload)
{
	igt_buf_add(payload, s, n);
	return 0;
}

/* jansson's text for doc, as the jsonl output wrote it before; -1 when
 * jansson refuses the document. */
static int reference(const igt_doc *doc, size_t flags, igt_buf *out)
{
	json_t *j = igt_doc_to_json(doc);
	igt_buf_reset(out);
	int rc = json_dump_callback(j, dump_to_buf, out, flags | JSON_PRESERVE_ORDER | IGT_JSON_REALS);
	json_decref(j);
	return rc;
}

/* Whether both writers give the same bytes for doc, compact and pretty;
 * prints where they part on failure. */
static int same_as_jansson(const igt_doc *doc, int quiet)
{
	static const struct {
		unsigned flags;
		size_t jflags;
		const char *name;
	} forms[] = {
	    {0, JSON_COMPACT, "compact"},
	    {IGT_DOC_JSON_PRETTY, JSON_INDENT(2), "pretty"},
	};
	int same = 1;
	for (size_t f = 0; f < 2; f++) {
		igt_buf want = {0}, got = {0};
		int wrc = reference(doc, forms[f].jflags, &want);
		/* Something before the document must be kept: the writer appends. */
		igt_buf_add(&got, "prefix", 6);
		int grc = igt_doc_write_json(doc, &got, forms[f].flags);
		int eq;
		if (wrc)
			eq = grc != 0 && got.len == 6;
		else
			eq = grc == 0 && got.len == want.len + 6 &&
			     memcmp(got.data + 6, want.data, want.len) == 0 &&
			     got.data[got.len] == '\0';
		if (!eq && !quiet) {
			size_t i = 0;
			while (i < want.len && i + 6 < got.len && got.data[i + 6] == want.data[i])
				i++;
			printf("# %s: jansson rc %d, writer rc %d; first difference at byte %zu\n",
			       forms[f].name, wrc, grc, i);
			printf("#   jansson: %.60s\n#   writer:  %.60s\n",
			       want.data ? want.data + i : "",
			       got.len > i + 6 ? got.data + i + 6 : "");
		}
		same &= eq;
		igt_buf_free(&want);
		igt_buf_free(&got);
	}
	return same;
}

static igt_span span(uint64_t offset, uint64_t length)
{
	igt_span s = {offset, length};
	return s;
}

static void test_empty(void)
{
	igt_doc *doc = igt_doc_new(NULL, NULL);
	ok(same_as_jansson(doc, 0), "an empty document");
	igt_buf b = {0};
	ok(igt_doc_write_json(doc, &b, 0) == IGT_OK && b.data[0] == '{' && b.data[b.len - 1] == '}',
	   "one object, no newline after it");
	igt_buf_free(&b);
	igt_doc_free(doc);
}

static void test_escapes(void)
{
	igt_doc *doc = igt_doc_new("plain", "text");
	/* Every control character, the two mandatory escapes, the slash
	 * (written as it is), DEL, and UTF-8 of two, three and four bytes. */
	char text[64];
	size_t n = 0;
	for (int c = 1; c < 0x20; c++)
		text[n++] = (char)c;
	static const char tail[] = "\"\\/\x7F\xC3\xA9\xE2\x80\xA8\xF0\x9F\x98\x80";
	memcpy(text + n, tail, sizeof(tail) - 1);
	n += sizeof(tail) - 1;
	igt_doc_set(doc, IGT_DOC_TITLE, text, n);
	igt_doc_add_segment(doc, "paragraph", text, n, span(0, n));
	/* A NUL inside segment text is written (as \u0000); attributes stop
	 * at it, as C strings do. */
	igt_doc_add_segment(doc, "paragraph", "before\0after", 12, span(0, 12));
	igt_doc_set(doc, IGT_DOC_EVENT, "cut\0here", 8);
	json_object_set_new(igt_doc_fields(doc), "tab\tkey/\xC3\xA9", json_stringn("a\0b", 3));
	ok(same_as_jansson(doc, 0), "escapes, control characters, NUL, non-ASCII, '/'");
	igt_buf b = {0};
	igt_doc_write_json(doc, &b, 0);
	ok(strstr(b.data, "\\u0001\\u0002") && strstr(b.data, "\\b\\t\\n\\u000B\\f\\r") &&
	       strstr(b.data, "\\u001F\\\"\\\\/\x7F\xC3\xA9"),
	   "control characters as \\uXXXX in capitals, named ones by name, '/' unescaped");
	igt_buf_free(&b);
	igt_doc_free(doc);
}

/* Escapes at every place of a word and on both sides of the writer's
 * block boundaries (it escapes long texts 16 KB at a time), in a text long
 * enough to span several blocks. */
static void test_long_escapes(void)
{
	enum { N = 40000 };
	char *text = malloc(N);
	for (size_t i = 0; i < N; i++)
		text[i] = (char)('a' + i % 26);
	static const char specials[] = "\"\\\n\x01\x1F";
	for (size_t i = 0; i < N; i += 37)
		text[i] = specials[(i / 37) % 5];
	size_t edges[] = {16383, 16384, 16385, 32767, 32768, N - 1};
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		text[edges[i]] = '"';
	igt_doc *doc = igt_doc_new("plain", "text");
	igt_doc_add_segment(doc, "paragraph", text, N, span(0, N));
	igt_doc_add_segment(doc, "paragraph", text, 9, span(0, 9));
	ok(same_as_jansson(doc, 0), "a long text with escapes everywhere, across blocks");
	igt_doc_free(doc);
	free(text);
}

static void test_numbers(void)
{
	static const double reals[] = {
	    0.0,   -0.0,    1.0,    0.5,     0.1,      1.0 / 3, -2.5e-7, 1e21,
	    1e300, -1e-300, 5e-324, DBL_MAX, 123456.0, 1e16,    1e17,    9007199254740993.0,
	    0.875, 100.0,   1.5e-5, 2.0e+100,
	    /* whole numbers, written without formatting, around its limits */
	    -1.0, -7.0, 1e15, -1e15, 999999999999999.0, -999999999999999.0, 1e14 + 1};
	static const long long ints[] = {
	    0, 1, -1, 9, 10, -10, 1234567890123LL, LLONG_MAX, LLONG_MIN, LLONG_MIN + 1};
	igt_doc *doc = igt_doc_new("plain", NULL);
	igt_doc_set_source_span(doc, UINT64_C(1) << 40, 0);
	json_t *r = json_array(), *i = json_array();
	for (size_t k = 0; k < sizeof(reals) / sizeof(reals[0]); k++)
		json_array_append_new(r, json_real(reals[k]));
	for (size_t k = 0; k < sizeof(ints) / sizeof(ints[0]); k++)
		json_array_append_new(i, json_integer(ints[k]));
	json_object_set_new(igt_doc_metrics(doc), "reals", r);
	json_object_set_new(igt_doc_metrics(doc), "integers", i);
	json_object_set_new(igt_doc_fields(doc), "flags", json_pack("[bbn]", 1, 0));
	igt_doc_add_segment(doc, "paragraph", "some text here", (size_t)-1, span(0, 14));
	for (size_t k = 0; k < sizeof(reals) / sizeof(reals[0]); k++)
		igt_doc_add_annotation(doc, "test", "score", 0, span(k % 14, 0), NULL, reals[k], 1);
	ok(same_as_jansson(doc, 0), "integers at the limits and reals as jansson formats them");
	/* jansson has no NaN or infinity: igt_doc_to_json leaves such a
	 * score out, and the writer must too. */
	igt_doc_add_annotation(doc, "test", "nan", 0, span(0, 1), NULL, NAN, 1);
	igt_doc_add_annotation(doc, "test", "inf", 0, span(0, 1), json_integer(3), INFINITY, 1);
	igt_doc_add_annotation(doc, "test", "none", 0, span(0, 1), json_true(), 7.0, 0);
	ok(same_as_jansson(doc, 0), "a NaN or infinite score is left out, as jansson does");
	igt_doc_free(doc);
}

/* Integers are written with their digits counted first: on both sides
 * of every power of ten, negative too, and as the offsets and lengths
 * of spans (unsigned, written as jansson writes them cast to json_int_t). */
static void test_digit_counts(void)
{
	igt_doc *doc = igt_doc_new("plain", NULL);
	json_t *list = json_array();
	igt_doc_add_segment(doc, "paragraph", "x", (size_t)-1, span(0, 1));
	unsigned long long ten = 1;
	for (int k = 0; k < 20; k++, ten *= 10) {
		const unsigned long long near[] = {ten - 1, ten, ten + 1, ten * 2 - 1};
		for (size_t j = 0; j < sizeof(near) / sizeof(near[0]); j++) {
			json_int_t v = (json_int_t)near[j];
			json_array_append_new(list, json_integer(v));
			if (v != LLONG_MIN)
				json_array_append_new(list, json_integer(-v));
			igt_doc_add_annotation(doc, "test", "digits", 0, span(1, 0),
			                       json_integer((json_int_t)near[j]), 1.0, 1);
		}
	}
	json_array_append_new(list, json_integer((json_int_t)ULLONG_MAX));
	json_object_set_new(igt_doc_metrics(doc), "integers", list);
	igt_doc_set_source_span(doc, UINT64_C(10000000000000000000), UINT64_C(9999999999999999999));
	ok(same_as_jansson(doc, 0), "integers on both sides of each power of ten");
	igt_doc_free(doc);
}

/* The start of an annotation is copied from one written before with the
 * same plugin and type: pairs that alternate, more of them than are
 * remembered, the same text stored twice, and empty or odd strings. */
static void test_annotation_starts(void)
{
	static const char *const names[] = {"entities", "taxonomy", "", "a\"b", "\xC3\xA9t\xC3\xA9",
	                                    "keywords", "x\ny", "speakers", "dedup"};
	enum { N_NAMES = sizeof(names) / sizeof(names[0]) };
	igt_doc *doc = igt_doc_new("plain", NULL);
	igt_doc_add_segment(doc, "paragraph", "some text here", (size_t)-1, span(0, 14));
	for (size_t i = 0; i < 600; i++) {
		size_t b = (i / 40 + i / 7 % 2) % N_NAMES, t = (i / 3 + i % 2) % N_NAMES;
		igt_doc_add_annotation(doc, names[b], names[t], 0, span(i % 14, 0),
		                       i % 3 ? json_integer((json_int_t)i) : NULL, (double)(i % 4) / 2,
		                       (int)(i % 5 != 0));
	}
	ok(same_as_jansson(doc, 0), "annotations of many plugins and types, interleaved");
	igt_doc_free(doc);
}

static void test_deep_and_refused(void)
{
	/* Deeper than the streaming writer goes: the document is written by
	 * jansson instead, the same bytes in the end. */
	igt_doc *doc = igt_doc_new("plain", NULL);
	json_t *v = json_string("bottom");
	for (int d = 0; d < 300; d++)
		v = d % 2 ? json_pack("[o]", v) : json_pack("{s:o}", "k", v);
	json_object_set_new(igt_doc_fields(doc), "deep", v);
	ok(same_as_jansson(doc, 0), "nesting 300 deep: the same bytes");
	igt_doc_free(doc);

	/* A string that skipped jansson's check: jansson refuses to write it,
	 * and so must the writer, leaving the buffer as it was. */
	doc = igt_doc_new("plain", NULL);
	json_object_set_new(igt_doc_fields(doc), "bad", json_stringn_nocheck("a\xFF", 2));
	igt_buf b = {0};
	igt_buf_add(&b, "kept", 4);
	ok(igt_doc_write_json(doc, &b, 0) == IGT_EGENERIC && b.len == 4 &&
	       strcmp(b.data, "kept") == 0,
	   "invalid UTF-8 in a field: IGT_EGENERIC, buffer unchanged");
	ok(same_as_jansson(doc, 0), "invalid UTF-8 in a field: refused by both");
	json_object_clear(igt_doc_fields(doc));
	json_object_set_new_nocheck(igt_doc_fields(doc), "k\xC0", json_null());
	ok(same_as_jansson(doc, 0), "invalid UTF-8 in a key: refused by both");
	json_object_clear(igt_doc_fields(doc));

	/* A value that contains itself: jansson refuses it, so must we. */
	json_t *a = json_array(), *o = json_object();
	json_object_set(o, "a", a);
	json_array_append(a, o);
	json_object_set_new(igt_doc_fields(doc), "loop", o);
	b.len = 4;
	ok(igt_doc_write_json(doc, &b, 0) == IGT_EGENERIC && b.len == 4,
	   "a value that contains itself: IGT_EGENERIC");
	ok(same_as_jansson(doc, 0), "a value that contains itself: refused by both");
	json_array_clear(a); /* break the cycle so that it can be freed */
	json_decref(a);
	igt_buf_free(&b);
	igt_doc_free(doc);
}

/* ---- random documents ---- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64*: reproducible from the seed on every platform. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

static size_t below(size_t n)
{
	return (size_t)(rnd() % n);
}

/* Random bytes, biased towards what needs care: escapes, controls,
 * multi-byte UTF-8, and now and then an invalid byte that the setters
 * repair. */
static size_t random_text(char *out, size_t max)
{
	static const char *const pieces[] = {"a",
	                                     "word ",
	                                     " ",
	                                     "\n",
	                                     "\t",
	                                     "\r\n",
	                                     "\"",
	                                     "\\",
	                                     "/",
	                                     "\x01",
	                                     "\x1F",
	                                     "\b",
	                                     "\f",
	                                     "\x7F",
	                                     "\xC3\xA9",
	                                     "\xE4\xBA\x92",
	                                     "\xF0\x9F\x98\x80",
	                                     "\xE2\x80\xA8",
	                                     "\xFF",
	                                     "\xC3",
	                                     "IGF 2018",
	                                     "0.5",
	                                     "u00e9"};
	size_t n = 0, want = below(max);
	while (n < want) {
		const char *p = pieces[below(sizeof(pieces) / sizeof(pieces[0]))];
		size_t len = strlen(p);
		if (n + len > max)
			break;
		memcpy(out + n, p, len);
		n += len;
	}
	return n;
}

static json_t *random_value(igt_doc *doc, int depth)
{
	char text[64];
	switch (below(depth > 4 ? 6 : 8)) {
	case 0: return json_null();
	case 1: return json_boolean(below(2));
	case 2: return json_integer((json_int_t)(rnd() >> below(64)) * (below(2) ? 1 : -1));
	case 3: {
		double d = (double)(int64_t)rnd() / (double)(rnd() | 1);
		return json_real(ldexp(d, (int)below(200) - 100));
	}
	case 4:
	case 5: return igt_doc_json_string(doc, text, random_text(text, sizeof(text)));
	case 6: {
		json_t *a = json_array();
		for (size_t i = below(5); i > 0; i--)
			json_array_append_new(a, random_value(doc, depth + 1));
		return a;
	}
	default: {
		json_t *o = json_object();
		for (size_t i = below(5); i > 0; i--) {
			size_t n = random_text(text, 16);
			json_t *k = igt_doc_json_string(doc, text, n);
			json_object_set_new(o, json_string_value(k), random_value(doc, depth + 1));
			json_decref(k);
		}
		return o;
	}
	}
}

static const char *random_str(char *buf, size_t size)
{
	if (below(4) == 0)
		return NULL;
	size_t n = random_text(buf, size - 1);
	buf[n] = '\0';
	return buf;
}

static igt_doc *random_doc(void)
{
	char a[128], b[128];
	igt_doc *doc = igt_doc_new(random_str(a, sizeof(a)), random_str(b, sizeof(b)));
	for (int i = 0; i < IGT_DOC_ATTR_COUNT; i++)
		if (below(2))
			igt_doc_set(doc, (igt_doc_attr)i, random_str(a, sizeof(a)), (size_t)-1);
	if (below(2))
		igt_doc_set_source_span(doc, rnd() >> below(64), rnd() >> 40);
	for (size_t i = below(4); i > 0; i--)
		json_object_set_new(igt_doc_fields(doc), random_str(a, 12) ? a : "k",
		                    random_value(doc, 0));
	for (size_t i = below(3); i > 0; i--)
		json_object_set_new(igt_doc_metrics(doc), random_str(a, 12) ? a : "m",
		                    random_value(doc, 0));
	for (size_t i = below(4); i > 0; i--) {
		igt_person *p =
		    igt_doc_add_person(doc, random_str(a, sizeof(a)), random_str(b, 64));
		for (int at = IGT_PERSON_ID; at <= IGT_PERSON_HONORIFIC; at++)
			if (below(2))
				igt_person_set(doc, p, (igt_person_attr)at,
				               random_str(a, sizeof(a)));
		for (size_t r = below(3); r > 0; r--)
			igt_person_add_role(doc, p, random_str(a, 16) ? a : "speaker");
	}
	size_t nseg = below(6);
	for (size_t i = 0; i < nseg; i++) {
		char text[400];
		size_t n = random_text(text, sizeof(text));
		igt_segment *s =
		    igt_doc_add_segment(doc, random_str(a, 16), text, n, span(rnd() >> 20, n));
		if (below(2))
			igt_segment_set_speaker(doc, s, random_str(a, sizeof(a)));
		if (below(2))
			igt_segment_set_section(doc, s, random_str(a, sizeof(a)));
	}
	for (size_t i = nseg ? below(5) : 0; i > 0; i--) {
		size_t seg = below(nseg);
		size_t len = igt_doc_segment(doc, seg)->text_len;
		size_t off = len ? below(len) : 0;
		int has_score = (int)below(2);
		double score = has_score ? (double)(int64_t)rnd() / 1e18 : 0.0;
		igt_doc_add_annotation(doc, random_str(a, 16), random_str(b, 16), seg,
		                       span(off, len ? below(len - off + 1) : 0),
		                       below(3) ? random_value(doc, 0) : NULL, score, has_score);
	}
	return doc;
}

static void test_random(void)
{
	const char *env = getenv("IGT_TEST_SEED");
	uint64_t seed = env ? strtoull(env, NULL, 0) : UINT64_C(20240521);
	rng_state = seed ? seed : 1;
	int n = 2000, differ = 0;
	for (int i = 0; i < n; i++) {
		igt_doc *doc = random_doc();
		if (!same_as_jansson(doc, differ > 0))
			differ++;
		igt_doc_free(doc);
	}
	ok(differ == 0, "%d random documents (seed %llu): %d differ from jansson", n,
	   (unsigned long long)seed, differ);
}

/* Whether doc's JSON written ahead with flags is what igt_doc_write_json
 * wrote before, with the same result, after what out already holds; and
 * the other form is still jansson's. */
static int prepared_same(igt_doc *doc, unsigned flags, igt_buf *scratch)
{
	igt_buf direct = {0}, ahead = {0};
	igt_buf_add(&direct, "prefix", 6);
	igt_buf_add(&ahead, "prefix", 6);
	int drc = igt_doc_write_json(doc, &direct, flags);
	igt__doc_prepare_json(doc, flags, scratch);
	int arc = igt_doc_write_json(doc, &ahead, flags);
	int same = drc == arc && direct.len == ahead.len &&
	           memcmp(direct.data, ahead.data, direct.len) == 0 && ahead.data[ahead.len] == '\0';
	same &= same_as_jansson(doc, 1);
	igt_buf_free(&direct);
	igt_buf_free(&ahead);
	return same;
}

static void test_prepared(void)
{
	igt_buf scratch = {0};
	rng_state = 7;
	int differ = 0;
	for (int i = 0; i < 300; i++) {
		igt_doc *doc = random_doc();
		differ += !prepared_same(doc, i % 2 ? IGT_DOC_JSON_PRETTY : 0, &scratch);
		igt_doc_free(doc);
	}
	ok(differ == 0, "300 random documents written ahead: %d differ", differ);
	igt_doc *doc = igt_doc_new("plain", NULL);
	json_object_set_new(igt_doc_fields(doc), "bad", json_stringn_nocheck("a\xFF", 2));
	ok(prepared_same(doc, 0, &scratch), "a refused document written ahead: refused again");
	igt_buf b = {0};
	igt_buf_add(&b, "kept", 4);
	ok(igt_doc_write_json(doc, &b, 0) == IGT_EGENERIC && b.len == 4 && strcmp(b.data, "kept") == 0,
	   "a refused document written ahead: the buffer as it was");
	igt_buf_free(&b);
	igt_doc_free(doc);
	igt_buf_free(&scratch);
}

/* Whether igt_json_write gives json_dumps's bytes for v (or refuses it
 * too), after what out already holds. */
static int value_same(igt_json_writer *w, const json_t *v, igt_buf *out)
{
	char *want = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | IGT_JSON_REALS);
	size_t before = out->len;
	int rc = igt_json_write(w, v, out);
	int eq = want ? rc == 0 && out->len - before == strlen(want) &&
	                    memcmp(out->data + before, want, out->len - before) == 0 &&
	                    out->data[out->len] == '\0'
	              : rc != 0 && out->len == before;
	free(want);
	return eq;
}

/* Values one by one, as an output stores annotation values and metrics:
 * every kind at the top level, the random documents' values, and what
 * jansson refuses. */
/* Whether the writer writes the real d as jansson does. */
static int real_same(igt_json_writer *w, double d, igt_buf *out)
{
	json_t *r = json_real(d);
	out->len = 0;
	int eq = value_same(w, r, out);
	if (!eq)
		printf("# %.17g: %s\n", d, out->data);
	json_decref(r);
	return eq;
}

/* Reals with a fraction are written without jansson where the writer can
 * round them to fifteen digits as printf does: values of every count of
 * digits at every scale (as metrics round them), random bit patterns,
 * and those whose sixteenth digit is a 5, or that round up to the next
 * power of ten, with their neighbours on both sides. */
static void test_fractions(void)
{
	igt_json_writer *w = igt_json_writer_new();
	igt_buf out = {0};
	int differ = 0, cases = 0;
	char text[64];
	rng_state = 77;
	for (int digits = 1; digits <= 17; digits++) {
		for (int e = -24; e <= 20; e++) {
			for (int k = 0; k < 12; k++) {
				unsigned long long m = 1 + rnd() % 99999999999999999ULL;
				snprintf(text, sizeof(text), "%llu", m);
				text[digits] = '\0';
				snprintf(text + digits, sizeof(text) - (size_t)digits, "e%d", e - digits);
				double d = strtod(text, NULL);
				for (int side = -1; side <= 1; side++) {
					double v = side ? nextafter(d, side * INFINITY) : d;
					differ += !real_same(w, v, &out) && differ < 10;
					differ += !real_same(w, -v, &out) && differ < 10;
					cases += 2;
				}
			}
		}
	}
	for (int k = 0; k < 200000; k++) {
		uint64_t bits = rnd();
		double d;
		memcpy(&d, &bits, sizeof(d));
		if (!isfinite(d))
			continue;
		differ += !real_same(w, d, &out) && differ < 10;
		cases++;
	}
	static const char *const hard[] = {"1000000000000005", "1000000000000015", "9999999999999995",
	                                   "9999999999999994", "9999999999999996", "1234567890123455",
	                                   "5000000000000005", "1000000000000000"};
	for (size_t h = 0; h < sizeof(hard) / sizeof(hard[0]); h++) {
		for (int e = -22; e <= 2; e++) {
			snprintf(text, sizeof(text), "%se%d", hard[h], e);
			double d = strtod(text, NULL);
			for (int step = -3; step <= 3; step++) {
				double v = d;
				for (int i = 0; i < (step < 0 ? -step : step); i++)
					v = nextafter(v, step < 0 ? -INFINITY : INFINITY);
				differ += !real_same(w, v, &out) && differ < 10;
				cases++;
			}
		}
	}
	ok(differ == 0, "%d reals with fractions: %d differ from jansson", cases, differ);
	igt_buf_free(&out);
	igt_json_writer_free(w);
}

static void test_values(void)
{
	igt_json_writer *w = igt_json_writer_new();
	igt_buf out = {0};
	igt_buf_add(&out, "kept", 4);
	json_t *scalars[] = {json_string("a \"quoted\"\n/ü"), json_integer(-42), json_real(0.4),
	                     json_real(1e300), json_true(), json_false(), json_null(),
	                     json_object(), json_array()};
	int same = 1;
	for (size_t i = 0; i < sizeof(scalars) / sizeof(scalars[0]); i++) {
		same = same && value_same(w, scalars[i], &out);
		json_decref(scalars[i]);
	}
	ok(same && memcmp(out.data, "kept", 4) == 0,
	   "every kind of value at the top level, appended to what the buffer held");
	int differ = 0;
	for (int i = 0; i < 500; i++) {
		igt_doc *doc = random_doc();
		differ += !value_same(w, igt_doc_fields(doc), &out);
		differ += !value_same(w, igt_doc_metrics(doc), &out);
		for (size_t a = 0; a < igt_doc_annotation_count(doc); a++)
			if (igt_doc_annotation(doc, a)->value)
				differ += !value_same(w, igt_doc_annotation(doc, a)->value, &out);
		igt_doc_free(doc);
	}
	ok(differ == 0, "the values of 500 random documents: %d differ from json_dumps", differ);
	json_t *deep = json_array(), *inner = deep;
	for (int i = 0; i < 300; i++) {
		json_t *next = json_array();
		json_array_append_new(inner, next);
		inner = next;
	}
	ok(value_same(w, deep, &out), "nesting 300 deep: the same bytes");
	json_decref(deep);
	json_t *bad = json_stringn_nocheck("\xff\xfe", 2);
	ok(value_same(w, bad, &out), "invalid UTF-8: refused by both");
	json_decref(bad);
	json_t *a = json_object(), *b = json_object();
	json_object_set(a, "b", b);
	json_object_set(b, "a", a);
	ok(value_same(w, a, &out),
	   "a value that contains itself: refused by both");
	json_object_del(b, "a"); /* break the cycle to free them */
	json_decref(a);
	json_decref(b);
	ok(value_same(w, scalars[0] = json_string("after a refusal"), &out),
	   "the writer works after a refusal");
	json_decref(scalars[0]);
	igt_buf_free(&out);
	igt_json_writer_free(w);
}

/* A run of a document's annotations: the same bytes as that slice of the
 * document's JSON form. */
static void test_annotation_runs(void)
{
	igt_json_writer *w = igt_json_writer_new();
	igt_buf out = {0};
	int differ = 0, tried = 0;
	for (int i = 0; i < 500; i++) {
		igt_doc *doc = random_doc();
		size_t na = igt_doc_annotation_count(doc);
		size_t first = na ? below(na) : 0, n = na ? below(na - first + 1) : 0;
		json_t *j = igt_doc_to_json(doc);
		json_t *all = json_object_get(j, "annotations"), *slice = json_array();
		for (size_t k = first; k < first + n; k++)
			json_array_append(slice, json_array_get(all, k));
		char *want = json_dumps(slice, JSON_COMPACT | IGT_JSON_REALS);
		igt_buf_reset(&out);
		int rc = igt_json_write_annotations(w, doc, first, n, &out);
		differ += want ? rc != 0 || strcmp(out.data, want) != 0 : rc == 0;
		tried++;
		free(want);
		json_decref(slice);
		json_decref(j);
		igt_doc_free(doc);
	}
	ok(differ == 0, "runs of annotations of %d random documents: %d differ from their JSON form",
	   tried, differ);
	igt_doc *doc = igt_doc_new("plain", NULL);
	igt_buf_reset(&out);
	igt_buf_add(&out, "kept", 4);
	ok(igt_json_write_annotations(w, doc, 0, 1, &out) != 0 && out.len == 4,
	   "a run beyond the document's annotations is refused, the buffer left as it was");
	ok(igt_json_write_annotations(w, doc, 0, 0, &out) == 0 && strcmp(out.data, "kept[]") == 0,
	   "an empty run is an empty array");
	igt_doc_free(doc);
	igt_buf_free(&out);
	igt_json_writer_free(w);
}

/* Annotations that share one value (plugins give every mention of a topic
 * the same json_t): each is written in full, the same as jansson writes
 * it, in a document and in runs written one after another into a buffer
 * that is emptied in between; a shared value too deep for the writer
 * still falls back. */
static void test_shared_values(void)
{
	igt_doc *doc = igt_doc_new("plain", NULL);
	igt_doc_add_segment(doc, "paragraph", "ICANN and IANA, ICANN again", 27, span(0, 27));
	json_t *topic = json_pack("{s:s, s:s}", "topic", "naming", "label", "Names \"and\" numbers");
	json_t *other = json_pack("{s:[i,i]}", "list", 1, 2);
	for (int i = 0; i < 40; i++) {
		json_t *v = i % 3 == 2 ? json_incref(other) : json_incref(topic);
		igt_doc_add_annotation(doc, "taxonomy", "topic", 0, span((size_t)(i % 20), 5), v,
		                       i % 2 ? 0.5 : 1.0, 1);
	}
	ok(same_as_jansson(doc, 0), "forty annotations sharing two values");

	igt_json_writer *w = igt_json_writer_new();
	igt_buf out = {0};
	json_t *j = igt_doc_to_json(doc), *all = json_object_get(j, "annotations");
	int same = 1;
	for (size_t first = 0; first < 40; first += 7) {
		size_t n = first + 7 <= 40 ? 7 : 40 - first;
		/* The buffer starts again, after a prefix of another length:
		 * text remembered from the run before is no longer there. */
		igt_buf_reset(&out);
		igt_buf_add(&out, "prefix", first % 5);
		size_t before = out.len;
		json_t *slice = json_array();
		for (size_t k = first; k < first + n; k++)
			json_array_append(slice, json_array_get(all, k));
		char *want = json_dumps(slice, JSON_COMPACT | IGT_JSON_REALS);
		same &= igt_json_write_annotations(w, doc, first, n, &out) == 0 &&
		        strcmp(out.data + before, want) == 0;
		free(want);
		json_decref(slice);
	}
	json_decref(j);
	ok(same, "runs written one after another repeat no text of the run before");

	/* Deeper than the writer goes: jansson writes the document. */
	json_t *deep = json_array(), *inner = deep;
	for (int d = 0; d < 120; d++) {
		json_t *next = json_array();
		json_array_append_new(inner, next);
		inner = next;
	}
	igt_doc_add_annotation(doc, "taxonomy", "topic", 0, span(0, 5), json_incref(deep), 1.0, 1);
	igt_doc_add_annotation(doc, "taxonomy", "topic", 0, span(0, 5), deep, 1.0, 1);
	ok(same_as_jansson(doc, 0), "a shared value too deep for the writer: jansson's text");
	json_decref(topic);
	json_decref(other);
	igt_buf_free(&out);
	igt_json_writer_free(w);
	igt_doc_free(doc);
}

/* The writer checks the UTF-8 of json_t strings as it escapes them,
 * sixteen bytes at a time and the last bytes of a string in one look:
 * valid and invalid sequences (truncated, overlong, surrogates, beyond
 * U+10FFFF, stray continuation bytes) at every place around those
 * boundaries, as values and as keys, must be written or refused as
 * jansson does; and in a string longer than the writer's block (16 KB),
 * characters of several bytes across the block's end are valid. */
static void test_utf8_checked(void)
{
	static const char *const seqs[] = {
	    "\xC3\xA9",     "\xE4\xBA\x92", "\xF0\x9F\x98\x80", "\xC3",     "\xE4\xBA",
	    "\xF0\x9F\x98", "\x80",         "\xBF\xBF",         "\xC0\xAF", "\xE0\x80\xAF",
	    "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF",         "\xC3\xA9\x80"};
	int differ = 0, cases = 0;
	for (size_t q = 0; q < sizeof(seqs) / sizeof(seqs[0]); q++) {
		size_t sl = strlen(seqs[q]);
		for (size_t len = 0; len < 40; len++) {
			for (size_t at = 0; at <= len; at++) {
				char text[64];
				memset(text, 'x', len);
				memcpy(text + at, seqs[q], sl);
				memset(text + at + sl, at % 3 ? '"' : 'y', len - at);
				igt_doc *doc = igt_doc_new("plain", NULL);
				json_t *f = igt_doc_fields(doc);
				if (len % 2)
					json_object_set_new(f, "v", json_stringn_nocheck(text, len + sl));
				else
					json_object_setn_new_nocheck(f, text, len + sl, json_true());
				differ += !same_as_jansson(doc, differ > 0);
				cases++;
				igt_doc_free(doc);
			}
		}
	}
	ok(differ == 0, "%d strings with UTF-8 around the scan's boundaries: %d differ", cases,
	   differ);

	enum { N = 40000 };
	char *text = malloc(N + 8);
	differ = 0;
	for (size_t shift = 0; shift < 8; shift++) {
		size_t n = 0;
		while (n < shift)
			text[n++] = 'a';
		while (n + 4 <= N) {
			memcpy(text + n, n % 7 ? "\xE4\xBA\x92" : "\xF0\x9F\x98\x80", n % 7 ? 3 : 4);
			n += n % 7 ? 3 : 4;
		}
		igt_doc *doc = igt_doc_new("plain", NULL);
		json_object_set_new(igt_doc_fields(doc), "long", json_stringn_nocheck(text, n));
		differ += !same_as_jansson(doc, differ > 0);
		igt_buf b = {0};
		differ += igt_doc_write_json(doc, &b, 0) != IGT_OK;
		igt_buf_free(&b);
		igt_doc_free(doc);
	}
	ok(differ == 0, "long texts of characters of several bytes, across blocks");
	free(text);
}

int main(void)
{
	test_empty();
	test_escapes();
	test_long_escapes();
	test_numbers();
	test_digit_counts();
	test_annotation_starts();
	test_deep_and_refused();
	test_random();
	test_prepared();
	test_values();
	test_fractions();
	test_annotation_runs();
	test_shared_values();
	test_utf8_checked();
	done_testing();
}
