/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the JSON form of a document (docjson.c): igt_doc_to_json
 * always gives every top-level key, null for what is unset, spans as
 * [offset, length], a source object, and leaves out a segment's speaker and
 * section and an annotation's score when absent; a fully populated
 * document survives doc -> JSON -> igt_doc_from_json -> JSON unchanged
 * (json_equal); igt_doc_from_json refuses what is not a document
 * (non-object, lists that are not lists, bad or negative spans, wrong
 * types, annotations out of range) with IGT_EBADINPUT and a message.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <igtext/doc.h>

#include "tap.h"

static igt_span span(uint64_t offset, uint64_t length)
{
	igt_span s = {offset, length};
	return s;
}

/* Whether j is the array [offset, length]. */
static int is_span(const json_t *j, json_int_t offset, json_int_t length)
{
	return json_is_array(j) && json_array_size(j) == 2 &&
	       json_is_integer(json_array_get(j, 0)) && json_is_integer(json_array_get(j, 1)) &&
	       json_integer_value(json_array_get(j, 0)) == offset &&
	       json_integer_value(json_array_get(j, 1)) == length;
}

static void test_empty_shape(void)
{
	static const char *const null_keys[] = {"id",   "format",    "kind",  "title",
	                                        "date", "date_text", "event", "language"};
	igt_doc *doc = igt_doc_new(NULL, NULL);
	json_t *j = igt_doc_to_json(doc);
	ok(json_is_object(j), "to_json gives an object");
	is_int(json_object_size(j), 14, "exactly the 14 documented top-level keys");
	for (size_t i = 0; i < sizeof(null_keys) / sizeof(null_keys[0]); i++) {
		json_t *v = json_object_get(j, null_keys[i]);
		ok(v != NULL && json_is_null(v), "'%s' present and null when unset", null_keys[i]);
	}
	json_t *src = json_object_get(j, "source");
	ok(json_is_object(src) && json_object_size(src) == 4, "source is an object of 4 keys");
	static const char *const src_keys[] = {"path", "offset", "length", "sha256"};
	for (size_t i = 0; i < 4; i++) {
		json_t *v = json_object_get(src, src_keys[i]);
		ok(v != NULL && json_is_null(v), "source.%s present and null when unset",
		   src_keys[i]);
	}
	static const char *const list_keys[] = {"people", "segments", "annotations"};
	for (size_t i = 0; i < 3; i++) {
		json_t *v = json_object_get(j, list_keys[i]);
		ok(json_is_array(v) && json_array_size(v) == 0, "'%s' is []", list_keys[i]);
	}
	ok(json_is_object(json_object_get(j, "fields")) &&
	       json_object_size(json_object_get(j, "fields")) == 0,
	   "'fields' is {}");
	ok(json_is_object(json_object_get(j, "metrics")) &&
	       json_object_size(json_object_get(j, "metrics")) == 0,
	   "'metrics' is {}");
	json_decref(j);
	igt_doc_free(doc);
}

/* A document with every part set, some parts twice over in both forms. */
static igt_doc *full_doc(void)
{
	igt_doc *doc = igt_doc_new("igf-report", "report");
	igt_doc_set(doc, IGT_DOC_ID, "igf2018-ws12", (size_t)-1);
	igt_doc_set(doc, IGT_DOC_TITLE, "WS 12: \xE4\xBA\x92\xE8\x81\x94\xE7\xBD\x91", (size_t)-1);
	igt_doc_set(doc, IGT_DOC_DATE, "2018-11-13", (size_t)-1);
	igt_doc_set(doc, IGT_DOC_DATE_TEXT, "13 November 2018", (size_t)-1);
	igt_doc_set(doc, IGT_DOC_EVENT, "IGF 2018", (size_t)-1);
	igt_doc_set(doc, IGT_DOC_LANGUAGE, "en", (size_t)-1);
	igt_doc_set(doc, IGT_DOC_SOURCE_PATH, "corpus/igf/2018/ws12.txt", (size_t)-1);
	igt_doc_set(doc, IGT_DOC_SOURCE_SHA256,
	            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", (size_t)-1);
	igt_doc_set_source_span(doc, 0, 4096);
	json_object_set_new(igt_doc_fields(doc), "session_type", json_string("workshop"));
	json_object_set_new(igt_doc_fields(doc), "participants", json_integer(85));
	json_object_set_new(igt_doc_fields(doc), "chair", json_null());
	json_object_set_new(igt_doc_metrics(doc), "stats",
	                    json_pack("{s:i,s:f}", "words", 812, "ratio", 0.5));

	igt_person *p = igt_doc_add_person(doc, "Milton Mueller", "MILTON MUELLER");
	igt_person_set(doc, p, IGT_PERSON_ID, "milton-mueller");
	igt_person_set(doc, p, IGT_PERSON_AFFILIATION, "Georgia Tech");
	igt_person_set(doc, p, IGT_PERSON_POSITION, "Professor");
	igt_person_set(doc, p, IGT_PERSON_HONORIFIC, "Dr.");
	igt_person_add_role(doc, p, "speaker");
	igt_person_add_role(doc, p, "organiser");
	igt_doc_add_person(doc, "Anonymous", NULL);

	igt_segment *s =
	    igt_doc_add_segment(doc, "heading", "Session summary", (size_t)-1, span(0, 15));
	igt_segment_set_section(doc, s, "Summary");
	s = igt_doc_add_segment(doc, "turn", "We need open standards.", (size_t)-1, span(17, 35));
	igt_segment_set_speaker(doc, s, "Milton Mueller");
	igt_segment_set_section(doc, s, "Discussion");
	igt_doc_add_segment(doc, NULL, "Line one\nline two \xF0\x9F\x98\x80", (size_t)-1,
	                    span(60, 24));

	igt_doc_add_annotation(doc, "topics", "topic", 1, span(12, 10),
	                       json_pack("{s:s,s:[s,s]}", "id", "standards", "path", "tech", "std"),
	                       0.875, 1);
	igt_doc_add_annotation(doc, "ner", "person", 1, span(0, 2), NULL, 0, 0);
	igt_doc_add_annotation(doc, "lang", "language", 2, span(0, 8), json_string("en"), 1.0, 1);
	return doc;
}

static void test_full_shape(void)
{
	igt_doc *doc = full_doc();
	json_t *j = igt_doc_to_json(doc);
	is_str(json_string_value(json_object_get(j, "id")), "igf2018-ws12", "id");
	is_str(json_string_value(json_object_get(j, "format")), "igf-report", "format");
	is_str(json_string_value(json_object_get(j, "kind")), "report", "kind");
	is_str(json_string_value(json_object_get(j, "date_text")), "13 November 2018", "date_text");
	ok(json_object_get(j, "source_path") == NULL && json_object_get(j, "source_sha256") == NULL,
	   "source attributes are not top-level keys");
	json_t *src = json_object_get(j, "source");
	is_str(json_string_value(json_object_get(src, "path")), "corpus/igf/2018/ws12.txt",
	       "source.path");
	is_int(json_integer_value(json_object_get(src, "offset")), 0, "source.offset");
	is_int(json_integer_value(json_object_get(src, "length")), 4096, "source.length");
	ok(json_is_integer(json_object_get(src, "offset")),
	   "source.offset 0 is a number, not null");
	is_str(json_string_value(json_object_get(src, "sha256")),
	       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "source.sha256");
	is_int(json_integer_value(json_object_get(json_object_get(j, "fields"), "participants")),
	       85, "fields carried");

	json_t *people = json_object_get(j, "people");
	is_int(json_array_size(people), 2, "two people");
	json_t *p0 = json_array_get(people, 0);
	is_int(json_object_size(p0), 7, "a person has 7 keys");
	is_str(json_string_value(json_object_get(p0, "as_written")), "MILTON MUELLER",
	       "as_written");
	json_t *roles = json_object_get(p0, "roles");
	ok(json_is_array(roles) && json_array_size(roles) == 2 &&
	       strcmp(json_string_value(json_array_get(roles, 1)), "organiser") == 0,
	   "roles in order");
	json_t *p1 = json_array_get(people, 1);
	ok(json_is_null(json_object_get(p1, "id")) &&
	       json_is_null(json_object_get(p1, "as_written")) &&
	       json_is_null(json_object_get(p1, "honorific")),
	   "unset person attributes are null");
	ok(json_is_array(json_object_get(p1, "roles")) &&
	       json_array_size(json_object_get(p1, "roles")) == 0,
	   "a person without roles has roles []");

	json_t *segs = json_object_get(j, "segments");
	is_int(json_array_size(segs), 3, "three segments");
	json_t *s0 = json_array_get(segs, 0), *s1 = json_array_get(segs, 1),
	       *s2 = json_array_get(segs, 2);
	ok(is_span(json_object_get(s1, "span"), 17, 35), "segment span is [offset, length]");
	ok(json_object_get(s0, "speaker") == NULL, "speaker left out when unset");
	is_str(json_string_value(json_object_get(s0, "section")), "Summary", "section when set");
	is_str(json_string_value(json_object_get(s1, "speaker")), "Milton Mueller",
	       "speaker when set");
	ok(json_object_get(s2, "speaker") == NULL && json_object_get(s2, "section") == NULL,
	   "both left out when unset");
	is_int(json_object_size(s2), 3, "a bare segment has type, text and span");
	is_str(json_string_value(json_object_get(s2, "type")), "paragraph", "default type");
	is_str(json_string_value(json_object_get(s2, "text")),
	       "Line one\nline two \xF0\x9F\x98\x80", "text with newline and emoji");

	json_t *anns = json_object_get(j, "annotations");
	is_int(json_array_size(anns), 3, "three annotations");
	json_t *a0 = json_array_get(anns, 0), *a1 = json_array_get(anns, 1);
	is_str(json_string_value(json_object_get(a0, "by")), "topics", "annotation by");
	is_int(json_integer_value(json_object_get(a0, "segment")), 1, "annotation segment");
	ok(is_span(json_object_get(a0, "span"), 12, 10), "annotation span is [offset, length]");
	ok(json_is_object(json_object_get(a0, "value")), "annotation value");
	ok(json_is_real(json_object_get(a0, "score")) &&
	       json_real_value(json_object_get(a0, "score")) == 0.875,
	   "annotation score");
	json_t *v1 = json_object_get(a1, "value");
	ok(v1 != NULL && json_is_null(v1), "absent value is null, not left out");
	ok(json_object_get(a1, "score") == NULL, "absent score left out");
	is_int(json_object_size(a1), 5, "annotation without score has 5 keys");
	json_decref(j);
	igt_doc_free(doc);
}

static void test_round_trip(void)
{
	igt_doc *doc = full_doc();
	json_t *j1 = igt_doc_to_json(doc);
	igt_doc *back = NULL;
	igt_error err = {0};
	int rc = igt_doc_from_json(&back, j1, &err);
	is_int(rc, IGT_OK, "from_json accepts to_json's output");
	ok(back != NULL, "and gives a document");
	if (!back) {
		json_decref(j1);
		igt_doc_free(doc);
		return;
	}
	json_t *j2 = igt_doc_to_json(back);
	int same = json_equal(j1, j2);
	ok(same, "doc -> json -> doc -> json is unchanged");
	if (!same) {
		char *a = json_dumps(j1, JSON_SORT_KEYS), *b = json_dumps(j2, JSON_SORT_KEYS);
		printf("# first:  %s\n# second: %s\n", a, b);
		free(a);
		free(b);
	}
	is_int(igt_doc_segment_count(back), 3, "segments rebuilt");
	is_int(igt_doc_segment(back, 1)->text_len, strlen("We need open standards."),
	       "segment text_len rebuilt");
	is_int(igt_doc_person(back, 0)->n_roles, 2, "roles rebuilt");
	ok(igt_doc_annotation(back, 0)->has_score && !igt_doc_annotation(back, 1)->has_score,
	   "has_score rebuilt");
	igt_span s = igt_doc_source_span(back);
	ok(s.offset == 0 && s.length == 4096, "source span rebuilt");
	is_int(igt_doc_invalid_utf8(back), 0, "nothing needed repair");
	json_decref(j2);
	igt_doc_free(back);

	/* The empty document too. */
	igt_doc *empty = igt_doc_new(NULL, NULL);
	json_t *e1 = igt_doc_to_json(empty);
	rc = igt_doc_from_json(&back, e1, &err);
	json_t *e2 = rc == 0 ? igt_doc_to_json(back) : NULL;
	ok(rc == 0 && json_equal(e1, e2), "empty document round trip");
	json_decref(e1);
	json_decref(e2);
	igt_doc_free(back);
	igt_doc_free(empty);

	/* A segment's text with an embedded NUL (valid UTF-8) keeps its length. */
	igt_doc *nul = igt_doc_new(NULL, NULL);
	igt_doc_add_segment(nul, NULL, "a\0b", 3, span(0, 3));
	json_t *n1 = igt_doc_to_json(nul);
	rc = igt_doc_from_json(&back, n1, &err);
	ok(rc == 0 && igt_doc_segment(back, 0)->text_len == 3, "embedded NUL survives round trip");
	json_decref(n1);
	igt_doc_free(back);
	igt_doc_free(nul);

	json_decref(j1);
	igt_doc_free(doc);
}

/* from_json on text must fail with IGT_EBADINPUT, a message holding want,
 * and *out NULL. */
static void check_bad(const char *text, const char *want, const char *name)
{
	json_error_t jerr;
	json_t *j = json_loads(text, JSON_DECODE_ANY, &jerr);
	if (!j) {
		ok(0, "%s: test JSON does not parse: %s", name, jerr.text);
		return;
	}
	igt_doc *doc = (igt_doc *)&jerr; /* must be overwritten */
	igt_error err = {0};
	int rc = igt_doc_from_json(&doc, j, &err);
	is_int(rc, IGT_EBADINPUT, "%s: IGT_EBADINPUT", name);
	is_int(err.code, IGT_EBADINPUT, "%s: err.code", name);
	like(err.message, want, "%s: message", name);
	ok(doc == NULL, "%s: *out is NULL", name);
	if (rc == 0)
		igt_doc_free(doc);
	json_decref(j);
}

static void test_from_json_errors(void)
{
	check_bad("[]", "must be a JSON object", "array");
	check_bad("\"text\"", "must be a JSON object", "string");
	check_bad("null", "must be a JSON object", "null");
	check_bad("{\"segments\": {}}", "must be lists", "segments an object");
	check_bad("{\"segments\": \"x\"}", "must be lists", "segments a string");
	check_bad("{\"people\": 3}", "must be lists", "people a number");
	check_bad("{\"annotations\": {}}", "must be lists", "annotations an object");
	check_bad("{\"title\": 5}", "'title' must be a string or null", "title a number");
	check_bad("{\"source\": []}", "'source' must be an object", "source a list");
	check_bad("{\"source\": {\"path\": 1}}", "'path' must be a string", "source.path a number");
	check_bad("{\"fields\": []}", "must be objects", "fields a list");
	check_bad("{\"metrics\": \"m\"}", "must be objects", "metrics a string");
	check_bad("{\"people\": [\"Milton\"]}", "people[0] must be an object", "person a string");
	check_bad("{\"people\": [{\"roles\": \"chair\"}]}", "people[0].roles must be a list",
	          "roles a string");
	check_bad("{\"people\": [{\"roles\": [1]}]}", "people[0].roles must hold strings",
	          "role a number");
	check_bad("{\"segments\": [\"text\"]}", "segments[0] must be an object",
	          "segment a string");
	check_bad("{\"segments\": [{\"span\": [0, 1]}]}",
	          "segments[0] must be an object with a text", "segment without text");
	check_bad("{\"segments\": [{\"text\": \"a\"}]}",
	          "segments[0]: span must be [offset, length]", "segment without span");
	check_bad("{\"segments\": [{\"text\": \"a\", \"span\": [0]}]}",
	          "span must be [offset, length]", "span of one number");
	check_bad("{\"segments\": [{\"text\": \"a\", \"span\": [0, 1, 2]}]}",
	          "span must be [offset, length]", "span of three numbers");
	check_bad("{\"segments\": [{\"text\": \"a\", \"span\": {\"offset\": 0, \"length\": 1}}]}",
	          "span must be [offset, length]", "span an object");
	check_bad("{\"segments\": [{\"text\": \"a\", \"span\": [\"0\", 1]}]}",
	          "span must be [offset, length]", "span of strings");
	check_bad("{\"segments\": [{\"text\": \"a\", \"span\": [0.5, 1]}]}",
	          "span must be [offset, length]", "span of reals");
	check_bad("{\"segments\": [{\"text\": \"a\", \"span\": [-1, 1]}]}",
	          "segments[0]: span must not be negative", "negative offset");
	check_bad("{\"segments\": [{\"text\": \"a\", \"span\": [0, -5]}]}",
	          "span must not be negative", "negative length");
	check_bad("{\"segments\": [{\"text\": \"a\", \"span\": [0, 1], \"speaker\": 2}]}",
	          "'speaker' must be a string or null", "speaker a number");
	check_bad("{\"annotations\": [{\"segment\": 0, \"span\": [0, 0]}]}",
	          "annotations[0]: segment or span out of range", "annotation without segments");
	check_bad("{\"segments\": [{\"text\": \"abc\", \"span\": [0, 3]}],"
	          " \"annotations\": [{\"segment\": 0, \"span\": [2, 2]}]}",
	          "annotations[0]: segment or span out of range", "annotation span past the text");
	check_bad("{\"segments\": [{\"text\": \"abc\", \"span\": [0, 3]}],"
	          " \"annotations\": [{\"segment\": -1, \"span\": [0, 0]}]}",
	          "annotations[0] needs a segment index", "negative segment index");
	check_bad("{\"segments\": [{\"text\": \"abc\", \"span\": [0, 3]}],"
	          " \"annotations\": [{\"span\": [0, 0]}]}",
	          "annotations[0] needs a segment index", "annotation without segment");
	check_bad("{\"segments\": [{\"text\": \"abc\", \"span\": [0, 3]}],"
	          " \"annotations\": [{\"segment\": 0, \"span\": [0, 1], \"score\": \"high\"}]}",
	          "annotations[0]: score must be a number", "score a string");
	check_bad("{\"segments\": [{\"text\": \"abc\", \"span\": [0, 3]}],"
	          " \"annotations\": [{\"segment\": 0, \"span\": [0, -1]}]}",
	          "annotations[0]: span must not be negative", "annotation negative span");

	/* A document with only some keys is fine: they are all optional. */
	json_t *j = json_pack("{s:s}", "title", "Only a title");
	igt_doc *doc = NULL;
	igt_error err = {0};
	ok(igt_doc_from_json(&doc, j, &err) == 0 && doc &&
	       strcmp(igt_doc_get(doc, IGT_DOC_TITLE), "Only a title") == 0,
	   "a partial document is accepted");
	igt_doc_free(doc);
	json_decref(j);
	ok(igt_doc_from_json(&doc, json_null(), NULL) == IGT_EBADINPUT, "err may be NULL");
}

int main(void)
{
	test_empty_shape();
	test_full_shape();
	test_round_trip();
	test_from_json_errors();
	return done_testing();
}
