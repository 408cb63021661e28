/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the document model (doc.h): every setter copies its
 * string and a NULL value unsets; invalid UTF-8 given to any setter is
 * repaired (igt_utf8_repair) and counted by igt_doc_invalid_utf8,
 * while valid CJK text passes untouched; segments, people and roles (with
 * add_role de-duplicating), annotations (a segment or span out of range is
 * refused with IGT_EGENERIC and the value's reference is released, never
 * leaked), claims, igt_doc_free(NULL), and documents freed or released
 * by another thread than the one that made them.
 */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <igtext/doc.h>

#include "doc_private.h"

#include "tap.h"

#define FFFD "\xEF\xBF\xBD"
#define CJK  "\xE4\xBA\x92\xE8\x81\x94\xE7\xBD\x91\xE6\xB2\xBB\xE7\x90\x86" /* 互联网治理 */

static igt_span span(uint64_t offset, uint64_t length)
{
	igt_span s = {offset, length};
	return s;
}

static void test_new_and_free(void)
{
	igt_doc *doc = igt_doc_new("plain", "report");
	ok(doc != NULL, "igt_doc_new returns a document");
	is_str(igt_doc_get(doc, IGT_DOC_FORMAT), "plain", "format from igt_doc_new");
	is_str(igt_doc_get(doc, IGT_DOC_KIND), "report", "kind from igt_doc_new");
	for (int a = 0; a < IGT_DOC_ATTR_COUNT; a++)
		if (a != IGT_DOC_FORMAT && a != IGT_DOC_KIND)
			ok(igt_doc_get(doc, (igt_doc_attr)a) == NULL, "attribute %d starts unset",
			   a);
	is_int(igt_doc_segment_count(doc), 0, "no segments");
	is_int(igt_doc_person_count(doc), 0, "no people");
	is_int(igt_doc_annotation_count(doc), 0, "no annotations");
	is_int(igt_doc_claim_count(doc), 0, "no claims");
	is_int(igt_doc_invalid_utf8(doc), 0, "no invalid bytes");
	ok(json_is_object(igt_doc_fields(doc)) && json_object_size(igt_doc_fields(doc)) == 0,
	   "fields is an empty object");
	ok(json_is_object(igt_doc_metrics(doc)) && json_object_size(igt_doc_metrics(doc)) == 0,
	   "metrics is an empty object");
	igt_doc_free(doc);

	doc = igt_doc_new(NULL, NULL);
	ok(igt_doc_get(doc, IGT_DOC_FORMAT) == NULL && igt_doc_get(doc, IGT_DOC_KIND) == NULL,
	   "igt_doc_new(NULL, NULL) leaves format and kind unset");
	igt_doc_free(doc);
	igt_doc_free(NULL);
	ok(1, "igt_doc_free(NULL) is safe");
}

static void test_set_get(void)
{
	igt_doc *doc = igt_doc_new(NULL, NULL);
	char buf[32];
	strcpy(buf, "IGF 2018");
	igt_doc_set(doc, IGT_DOC_EVENT, buf, (size_t)-1);
	const char *got = igt_doc_get(doc, IGT_DOC_EVENT);
	ok(got != buf, "set stores a copy, not the caller's pointer");
	strcpy(buf, "changed!");
	is_str(igt_doc_get(doc, IGT_DOC_EVENT), "IGF 2018",
	       "changing the caller's buffer has no effect");

	igt_doc_set(doc, IGT_DOC_TITLE, "Workshop 12: data flows", 11);
	is_str(igt_doc_get(doc, IGT_DOC_TITLE), "Workshop 12", "len limits the bytes copied");
	igt_doc_set(doc, IGT_DOC_TITLE, "Second title", (size_t)-1);
	is_str(igt_doc_get(doc, IGT_DOC_TITLE), "Second title", "setting again replaces");
	igt_doc_set(doc, IGT_DOC_TITLE, NULL, (size_t)-1);
	ok(igt_doc_get(doc, IGT_DOC_TITLE) == NULL, "NULL unsets");
	igt_doc_set(doc, IGT_DOC_TITLE, "", (size_t)-1);
	is_str(igt_doc_get(doc, IGT_DOC_TITLE), "", "empty string is set, not unset");

	igt_doc_set(doc, IGT_DOC_LANGUAGE, CJK, (size_t)-1);
	is_str(igt_doc_get(doc, IGT_DOC_LANGUAGE), CJK, "valid CJK text untouched");
	is_int(igt_doc_invalid_utf8(doc), 0, "valid CJK text counts nothing");

	igt_doc_set(doc, IGT_DOC_ATTR_COUNT, "x", (size_t)-1);
	ok(igt_doc_get(doc, IGT_DOC_ATTR_COUNT) == NULL, "out-of-range attribute is ignored");

	igt_doc_set_source_span(doc, 1000, 250);
	igt_span s = igt_doc_source_span(doc);
	ok(s.offset == 1000 && s.length == 250, "source span stored");
	igt_doc_free(doc);
}

/* Each setter, given invalid UTF-8, stores a repaired copy and counts the
 * bytes: U+FFFD for those Windows-1252 has no character for (0x81, 0x8D,
 * 0x8F, 0x90, 0x9D) and for broken UTF-8 sequences, the Windows-1252
 * character for others. */
static void test_invalid_utf8(void)
{
	igt_doc *doc = igt_doc_new("pl\x81"
	                           "ain",
	                           NULL);
	is_str(igt_doc_get(doc, IGT_DOC_FORMAT), "pl" FFFD "ain", "igt_doc_new repairs format");
	is_int(igt_doc_invalid_utf8(doc), 1, "and counts one byte");

	uint64_t before = igt_doc_invalid_utf8(doc);
	for (int a = 0; a < IGT_DOC_ATTR_COUNT; a++) {
		igt_doc_set(doc, (igt_doc_attr)a,
		            "a\x81"
		            "b\x8D",
		            (size_t)-1);
		is_str(igt_doc_get(doc, (igt_doc_attr)a), "a" FFFD "b" FFFD,
		       "attribute %d: each bad byte becomes U+FFFD", a);
	}
	is_int(igt_doc_invalid_utf8(doc) - before, 2 * IGT_DOC_ATTR_COUNT,
	       "every attribute counted two bytes");

	before = igt_doc_invalid_utf8(doc);
	igt_doc_set(doc, IGT_DOC_TITLE, "\xE4\xBA", (size_t)-1);
	is_str(igt_doc_get(doc, IGT_DOC_TITLE), FFFD FFFD, "truncated CJK: one U+FFFD per byte");
	is_int(igt_doc_invalid_utf8(doc) - before, 2, "truncated CJK counts two bytes");

	before = igt_doc_invalid_utf8(doc);
	igt_doc_set(doc, IGT_DOC_TITLE, "\xC0\xAF", (size_t)-1);
	is_str(igt_doc_get(doc, IGT_DOC_TITLE), FFFD FFFD, "overlong '/' replaced");
	igt_doc_set(doc, IGT_DOC_TITLE, "x\x80", 1);
	is_str(igt_doc_get(doc, IGT_DOC_TITLE), "x", "bytes past len are not looked at");
	is_int(igt_doc_invalid_utf8(doc) - before, 2, "only the overlong pair counted");

	before = igt_doc_invalid_utf8(doc);
	igt_segment *seg =
	    igt_doc_add_segment(doc, "tu\x81rn", "text \x8F\x90 end", (size_t)-1, span(0, 12));
	is_str(seg->type, "tu" FFFD "rn", "segment type repaired");
	is_str(seg->text, "text " FFFD FFFD " end", "segment text repaired");
	is_int(seg->text_len, strlen("text " FFFD FFFD " end"), "text_len is the repaired length");
	igt_segment_set_speaker(doc, seg, "M\x81. Chair");
	is_str(seg->speaker, "M" FFFD ". Chair", "speaker repaired");
	igt_segment_set_section(doc, seg,
	                        "\x81"
	                        "Opening");
	is_str(seg->section, FFFD "Opening", "section repaired");
	is_int(igt_doc_invalid_utf8(doc) - before, 5, "segment setters counted 5 bytes");

	before = igt_doc_invalid_utf8(doc);
	igt_person *p = igt_doc_add_person(doc, "Jos\xE9", "JOS\xC9");
	is_str(p->name, "Jos\xC3\xA9", "person name: a Latin-1 byte read as Latin-1");
	is_str(p->as_written, "JOS\xC3\x89", "person as_written likewise");
	igt_person_set(doc, p, IGT_PERSON_AFFILIATION, "Univ\x81");
	is_str(p->affiliation, "Univ" FFFD, "person attribute repaired");
	igt_person_add_role(doc, p,
	                    "ch\x81"
	                    "air");
	is_str(p->roles[0], "ch" FFFD "air", "role repaired");
	is_int(igt_doc_invalid_utf8(doc) - before, 4, "person setters counted 4 bytes");

	before = igt_doc_invalid_utf8(doc);
	ok(igt_doc_add_annotation(doc, "sp\x81", "ty\x81", 0, span(0, 4), NULL, 0, 0) == IGT_OK,
	   "annotation with bad bytes in by and type added");
	const igt_annotation *a = igt_doc_annotation(doc, 0);
	is_str(a->by, "sp" FFFD, "annotation by repaired");
	is_str(a->type, "ty" FFFD, "annotation type repaired");
	is_int(igt_doc_invalid_utf8(doc) - before, 2, "annotation counted 2 bytes");

	before = igt_doc_invalid_utf8(doc);
	json_t *j = igt_doc_json_string(doc,
	                                "val\x81"
	                                "ue",
	                                (size_t)-1);
	is_str(json_string_value(j), "val" FFFD "ue", "igt_doc_json_string repairs");
	is_int(igt_doc_invalid_utf8(doc) - before, 1, "igt_doc_json_string counts");
	json_decref(j);
	j = igt_doc_json_string(doc, "abcdef", 3);
	is_str(json_string_value(j), "abc", "igt_doc_json_string honours len");
	json_decref(j);
	j = igt_doc_json_string(doc, NULL, (size_t)-1);
	ok(json_is_null(j), "igt_doc_json_string(NULL) is JSON null");
	json_decref(j);

	before = igt_doc_invalid_utf8(doc);
	seg = igt_doc_add_segment(doc, NULL, CJK " \xF0\x9F\x98\x80", (size_t)-1, span(0, 0));
	is_str(seg->text, CJK " \xF0\x9F\x98\x80", "valid CJK and emoji in a segment untouched");
	is_int(igt_doc_invalid_utf8(doc) - before, 0, "and nothing counted");
	igt_doc_free(doc);
}

static void test_segments(void)
{
	igt_doc *doc = igt_doc_new(NULL, NULL);
	char text[] = "Good morning.\nWelcome.";
	igt_segment *s = igt_doc_add_segment(doc, "turn", text, (size_t)-1, span(100, 22));
	ok(s->text != text, "segment text is a copy");
	text[0] = 'X';
	is_str(s->text, "Good morning.\nWelcome.", "changing the caller's text has no effect");
	is_str(s->type, "turn", "segment type");
	is_int(s->text_len, 22, "segment text_len");
	ok(s->span.offset == 100 && s->span.length == 22, "segment span");
	ok(s->speaker == NULL && s->section == NULL, "speaker and section start unset");

	igt_segment_set_speaker(doc, s, "Chair");
	igt_segment_set_section(doc, s, "Opening");
	is_str(s->speaker, "Chair", "speaker set");
	is_str(s->section, "Opening", "section set");
	igt_segment_set_speaker(doc, s, NULL);
	igt_segment_set_section(doc, s, NULL);
	ok(s->speaker == NULL && s->section == NULL, "NULL unsets speaker and section");

	s = igt_doc_add_segment(doc, NULL, "abcdef", 3, span(5, 3));
	is_str(s->type, "paragraph", "NULL type defaults to paragraph");
	is_str(s->text, "abc", "len limits the text");
	is_int(s->text_len, 3, "text_len follows len");

	s = igt_doc_add_segment(doc, "heading", NULL, 99, span(0, 0));
	is_str(s->text, "", "NULL text is empty");
	is_int(s->text_len, 0, "NULL text has length 0, whatever len says");

	s = igt_doc_add_segment(doc, "quote", "a\0b", 3, span(0, 3));
	is_int(s->text_len, 3, "embedded NUL kept in text_len");
	ok(memcmp(s->text, "a\0b", 4) == 0, "embedded NUL kept in text, NUL-terminated");

	/* Many segments: the array grows and the earlier ones are kept. */
	for (int i = 0; i < 100; i++) {
		char t[16];
		snprintf(t, sizeof(t), "seg %d", i);
		igt_doc_add_segment(doc, NULL, t, (size_t)-1, span((uint64_t)i, 1));
	}
	is_int(igt_doc_segment_count(doc), 104, "segment count after 104 appends");
	is_str(igt_doc_segment(doc, 0)->text, "Good morning.\nWelcome.", "first segment kept");
	is_str(igt_doc_segment(doc, 103)->text, "seg 99", "last segment in order");
	ok(igt_doc_segment(doc, 104) == NULL, "segment index out of range gives NULL");
	igt_doc_free(doc);
}

static void test_people(void)
{
	igt_doc *doc = igt_doc_new(NULL, NULL);
	igt_person *p = igt_doc_add_person(doc, "Milton Mueller", "MILTON MUELLER");
	is_str(p->name, "Milton Mueller", "person name");
	is_str(p->as_written, "MILTON MUELLER", "person as_written");
	ok(p->id == NULL && p->affiliation == NULL && p->position == NULL && p->honorific == NULL,
	   "other person attributes start unset");
	is_int(p->n_roles, 0, "no roles yet");

	igt_person_set(doc, p, IGT_PERSON_ID, "milton-mueller");
	igt_person_set(doc, p, IGT_PERSON_AFFILIATION, "Georgia Tech");
	igt_person_set(doc, p, IGT_PERSON_POSITION, "Professor");
	igt_person_set(doc, p, IGT_PERSON_HONORIFIC, "Dr.");
	is_str(p->id, "milton-mueller", "person id");
	is_str(p->affiliation, "Georgia Tech", "person affiliation");
	is_str(p->position, "Professor", "person position");
	is_str(p->honorific, "Dr.", "person honorific");
	igt_person_set(doc, p, IGT_PERSON_NAME, "M. Mueller");
	is_str(p->name, "M. Mueller", "person name replaced");
	igt_person_set(doc, p, IGT_PERSON_HONORIFIC, NULL);
	ok(p->honorific == NULL, "NULL unsets a person attribute");

	char role[16];
	strcpy(role, "speaker");
	igt_person_add_role(doc, p, role);
	strcpy(role, "XXXXXXX");
	igt_person_add_role(doc, p, "moderator");
	igt_person_add_role(doc, p, "speaker");
	igt_person_add_role(doc, p, NULL);
	is_int(p->n_roles, 2, "add_role de-duplicates and ignores NULL");
	is_str(p->roles[0], "speaker", "first role, copied");
	is_str(p->roles[1], "moderator", "second role");
	igt_person_add_role(doc, p, "Speaker");
	is_int(p->n_roles, 3, "roles differing in case are distinct");

	/* A role with a bad byte is stored repaired; adding the same bytes again
	 * names the same role and must not add it twice. */
	igt_person_add_role(doc, p, "rapporteur\xFF");
	igt_person_add_role(doc, p, "rapporteur\xFF");
	is_int(p->n_roles, 4, "add_role de-duplicates a role that needed repair");

	igt_person *q = igt_doc_add_person(doc, NULL, NULL);
	ok(q->name == NULL && q->as_written == NULL, "a person with no name");
	is_int(igt_doc_person_count(doc), 2, "person count");
	is_str(igt_doc_person(doc, 0)->name, "M. Mueller", "first person still there");
	ok(igt_doc_person(doc, 2) == NULL, "person index out of range gives NULL");
	igt_doc_free(doc);
}

static void test_annotations(void)
{
	igt_doc *doc = igt_doc_new(NULL, NULL);
	igt_doc_add_segment(doc, NULL, "0123456789", (size_t)-1, span(0, 10));

	json_t *v = json_pack("{s:s}", "topic", "access");
	json_incref(v); /* keep our own reference to watch the document's */
	int rc = igt_doc_add_annotation(doc, "topics", "topic", 0, span(2, 5), v, 0.75, 1);
	is_int(rc, IGT_OK, "annotation inside the segment accepted");
	is_int(v->refcount, 2, "the document now holds the value's reference");
	const igt_annotation *a = igt_doc_annotation(doc, 0);
	is_str(a->by, "topics", "annotation by");
	is_str(a->type, "topic", "annotation type");
	is_int(a->segment, 0, "annotation segment");
	ok(a->span.offset == 2 && a->span.length == 5, "annotation span");
	ok(a->value == v, "annotation value is the one passed");
	ok(a->has_score && a->score == 0.75, "annotation score");

	is_int(igt_doc_add_annotation(doc, NULL, NULL, 0, span(10, 0), NULL, -1, 0), IGT_OK,
	       "empty span at the very end accepted");
	a = igt_doc_annotation(doc, 1);
	ok(a->by && a->type && !*a->by && !*a->type, "NULL by and type become empty strings");
	ok(a->value == NULL && !a->has_score, "no value, no score");
	is_int(igt_doc_add_annotation(doc, "x", "y", 0, span(0, 10), NULL, 0, 0), IGT_OK,
	       "span covering the whole text accepted");

	static const struct {
		size_t segment;
		uint64_t offset, length;
		const char *name;
	} bad[] = {
	    {1, 0, 0, "segment index past the end"},
	    {(size_t)-1, 0, 0, "huge segment index"},
	    {0, 11, 0, "offset past the text"},
	    {0, 5, 6, "span running past the text"},
	    {0, 0, 11, "length longer than the text"},
	    {0, 1, UINT64_MAX, "length that would overflow offset + length"},
	    {0, UINT64_MAX, 1, "huge offset"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_t *w = json_string("value");
		json_incref(w);
		rc = igt_doc_add_annotation(doc, "x", "y", bad[i].segment,
		                            span(bad[i].offset, bad[i].length), w, 0, 0);
		is_int(rc, IGT_EGENERIC, "refused: %s", bad[i].name);
		is_int(w->refcount, 1, "refused: %s: the value's reference was released",
		       bad[i].name);
		json_decref(w);
	}
	is_int(igt_doc_annotation_count(doc), 3, "refused annotations were not added");
	ok(igt_doc_annotation(doc, 3) == NULL, "annotation index out of range gives NULL");

	igt_doc_free(doc);
	is_int(v->refcount, 1, "freeing the document released its reference to the value");
	json_decref(v);

	doc = igt_doc_new(NULL, NULL);
	json_t *w = json_integer(1);
	json_incref(w);
	rc = igt_doc_add_annotation(doc, "x", "y", 0, span(0, 0), w, 0, 0);
	is_int(rc, IGT_EGENERIC, "annotation on a document with no segments refused");
	is_int(w->refcount, 1, "and its value's reference released");
	json_decref(w);
	igt_doc_free(doc);
}

static void test_claims(void)
{
	igt_doc *doc = igt_doc_new(NULL, NULL);
	igt_doc_claim(doc, IGT_CLAIM_FIELD, 0, 40);
	igt_doc_claim(doc, IGT_CLAIM_BOILERPLATE, 4000, 120);
	igt_doc_claim(doc, IGT_CLAIM_FIELD, 50, 0);
	is_int(igt_doc_claim_count(doc), 2, "two claims; the empty one is dropped");
	igt_claim_kind kind = 0;
	igt_span s = igt_doc_claim_at(doc, 0, &kind);
	ok(s.offset == 0 && s.length == 40 && kind == IGT_CLAIM_FIELD,
	   "first claim: field [0, 40)");
	s = igt_doc_claim_at(doc, 1, &kind);
	ok(s.offset == 4000 && s.length == 120 && kind == IGT_CLAIM_BOILERPLATE,
	   "second claim: boilerplate [4000, 4120)");
	s = igt_doc_claim_at(doc, 1, NULL);
	ok(s.offset == 4000, "kind_out may be NULL");
	kind = 0;
	s = igt_doc_claim_at(doc, 2, &kind);
	ok(s.offset == 0 && s.length == 0 && kind == 0, "claim index out of range: empty span");
	for (int i = 0; i < 50; i++)
		igt_doc_claim(doc, IGT_CLAIM_FIELD, (uint64_t)i * 10, 5);
	is_int(igt_doc_claim_count(doc), 52, "claims grow");
	s = igt_doc_claim_at(doc, 51, NULL);
	ok(s.offset == 490 && s.length == 5, "last claim in order");
	igt_doc_free(doc);
}

/* igt_doc_free frees at once, whatever thread made the document. A
 * document the pipeline releases (igt__doc_release) on another thread
 * than its maker's is freed by its maker later (when it makes another,
 * flushes or ends), or at once when its maker has ended: documents made on
 * a worker and freed or released by the main thread after the worker
 * ended, and documents made on the main thread and freed or released on a
 * worker. Each must be freed once and still be whole when freed (valgrind
 * and the sanitizers see the rest). */
enum { N_THREAD_DOCS = 8 };

static void *make_docs(void *payload)
{
	igt_doc **docs = payload;
	for (int i = 0; i < N_THREAD_DOCS; i++) {
		docs[i] = igt_doc_new("t", "t");
		igt_doc_add_segment(docs[i], "paragraph", "text", 4, span(0, 4));
		json_object_set_new(igt_doc_fields(docs[i]), "n", json_integer(i));
	}
	/* One made and freed here, as the parsers do with some. */
	igt_doc_free(igt_doc_new("t", "t"));
	return NULL;
}

static void *free_doc(void *payload)
{
	igt_doc_free(payload);
	return NULL;
}

static void *release_doc(void *payload)
{
	igt__doc_release(payload);
	return NULL;
}

static void test_threads(void)
{
	igt_doc *docs[N_THREAD_DOCS];
	pthread_t t;
	ok(pthread_create(&t, NULL, make_docs, docs) == 0 && pthread_join(t, NULL) == 0,
	   "documents made on another thread");
	int whole = 1;
	for (int i = 0; i < N_THREAD_DOCS; i++)
		whole &= igt_doc_segment_count(docs[i]) == 1 &&
		         json_integer_value(json_object_get(igt_doc_fields(docs[i]), "n")) == i;
	ok(whole, "are whole after their thread ended");
	for (int i = 0; i < N_THREAD_DOCS / 2; i++)
		igt_doc_free(docs[i]);
	for (int i = N_THREAD_DOCS / 2; i < N_THREAD_DOCS; i++)
		igt__doc_release(docs[i]);
	ok(igt__doc_yard_held() == 0, "and are freed or released on this one at once");

	/* Freed on another thread while their maker still runs: at once. */
	igt_doc *mine = igt_doc_new("t", "t");
	ok(pthread_create(&t, NULL, free_doc, mine) == 0 && pthread_join(t, NULL) == 0,
	   "a document of this thread freed on another");
	ok(igt__doc_yard_held() == 0, "is not kept for this thread");

	/* Released there: kept for this thread until it makes the next one. */
	mine = igt_doc_new("t", "t");
	ok(pthread_create(&t, NULL, release_doc, mine) == 0 && pthread_join(t, NULL) == 0,
	   "a document of this thread released on another");
	ok(igt__doc_yard_held() == 1, "is kept for this thread");
	igt_doc *next = igt_doc_new("t", "t");
	ok(igt__doc_yard_held() == 0, "which frees it when it makes the next one");

	/* Or when it flushes (the pipeline does when its workers stop). */
	ok(pthread_create(&t, NULL, release_doc, next) == 0 && pthread_join(t, NULL) == 0,
	   "another released on another thread");
	ok(igt__doc_yard_held() == 1, "is kept");
	igt__doc_yard_flush();
	ok(igt__doc_yard_held() == 0, "until this thread flushes");
}

int main(void)
{
	test_new_and_free();
	test_set_get();
	test_invalid_utf8();
	test_segments();
	test_people();
	test_annotations();
	test_claims();
	test_threads();
	{
		igt_doc *d = igt_doc_new("t", "t");
		igt_doc_add_person(d, "A", NULL);
		igt_doc_add_person(d, "B", NULL);
		igt_doc_add_person(d, "C", NULL);
		igt_person *b = igt_doc_person_at(d, 1);
		igt_person_set(d, b, IGT_PERSON_ID, "p-b");
		is_str(igt_doc_person(d, 1)->id, "p-b", "person_at gives a changeable person");
		ok(igt_doc_remove_person(d, 0) == IGT_OK, "remove_person removes");
		is_int(igt_doc_person_count(d), 2, "one person fewer");
		is_str(igt_doc_person(d, 0)->name, "B", "later people move down");
		is_str(igt_doc_person(d, 1)->name, "C", "in order");
		ok(igt_doc_remove_person(d, 2) == IGT_EGENERIC, "out of range is refused");
		ok(igt_doc_person_at(d, 5) == NULL, "person_at out of range is NULL");
		igt_doc_free(d);
	}
	return done_testing();
}
