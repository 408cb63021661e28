/* SPDX-License-Identifier: MIT */
/*
 * The document model: what every format plugin produces and every analysis
 * and output plugin consumes (DESIGN.md, "The document").
 *
 * Ownership: the core allocates and frees everything in a document. Plugins
 * change a document only through these functions, which copy the strings
 * they are given; pointers returned by the getters are borrowed and live as
 * long as the document (or until the same attribute is set again). The
 * structures igt_segment, igt_person and igt_annotation are public so that
 * plugins can read them cheaply; their members must not be written directly.
 *
 * Text is always valid UTF-8: every setter replaces invalid sequences with
 * U+FFFD and counts the bytes replaced (igt_doc_invalid_utf8), so a bad
 * byte in an input can never reach a JSON writer or a database.
 *
 * Spans are byte ranges [offset, offset + length) of the input as read,
 * after decompression. Annotation spans are relative to their segment text.
 *
 * Not thread-safe per document; distinct documents may be used from
 * distinct threads.
 */
#ifndef IGTEXT_DOC_H
#define IGTEXT_DOC_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include <igtext/buf.h>
#include <igtext/error.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct igt_span {
	uint64_t offset;
	uint64_t length;
} igt_span;

/* Text attributes of a document; all start out unset (JSON null). */
typedef enum igt_doc_attr {
	IGT_DOC_ID = 0,    /* stable id; the core derives one if unset */
	IGT_DOC_FORMAT,    /* format plugin name */
	IGT_DOC_KIND,      /* report, session-description, transcript, message, … */
	IGT_DOC_TITLE,
	IGT_DOC_DATE,      /* ISO 8601, as precise as the source allows */
	IGT_DOC_DATE_TEXT, /* the date as written */
	IGT_DOC_EVENT,     /* "IGF 2018", "Shanghai Forum 2017", … */
	IGT_DOC_LANGUAGE,  /* BCP 47 tag where known */
	IGT_DOC_SOURCE_PATH,
	IGT_DOC_SOURCE_SHA256, /* hex sha256 of the input file */
	IGT_DOC_ATTR_COUNT
} igt_doc_attr;

typedef struct igt_segment {
	char *type;    /* paragraph, turn, heading, list_item, quote, … */
	char *text;    /* NUL-terminated; text_len excludes the NUL */
	size_t text_len;
	char *speaker; /* NULL when none */
	char *section; /* NULL when none */
	igt_span span; /* where the text came from in the input */
} igt_segment;

typedef struct igt_person {
	char *id;         /* derived from the normalised name */
	char *name;       /* normalised: "Milton Mueller" */
	char *as_written; /* "MILTON MUELLER" */
	char **roles;     /* n_roles strings */
	size_t n_roles;
	char *affiliation, *position, *honorific; /* NULL when unknown */
} igt_person;

typedef struct igt_annotation {
	char *by;       /* plugin that added it */
	char *type;
	size_t segment; /* index into the document's segments */
	igt_span span;  /* relative to that segment's text */
	json_t *value;  /* any JSON value, or NULL */
	double score;
	int has_score;
} igt_annotation;

/* What a claimed byte range of the input is, for coverage accounting:
 * segments claim their spans themselves; fields and boilerplate are
 * claimed by the plugin with igt_doc_claim. */
typedef enum igt_claim_kind {
	IGT_CLAIM_FIELD = 1,
	IGT_CLAIM_BOILERPLATE,
} igt_claim_kind;

typedef struct igt_doc igt_doc;

/* A new, empty document. format and kind may be NULL. Never returns NULL. */
igt_doc *igt_doc_new(const char *format, const char *kind);
void igt_doc_free(igt_doc *doc); /* accepts NULL */

/* Set a text attribute: len bytes of value, or strlen(value) when len is
 * (size_t)-1. A NULL value unsets it (JSON null). */
void igt_doc_set(igt_doc *doc, igt_doc_attr attr, const char *value, size_t len);
/* Borrowed; NULL when unset. */
const char *igt_doc_get(const igt_doc *doc, igt_doc_attr attr);

/* The byte range of the input this document was read from. */
void igt_doc_set_source_span(igt_doc *doc, uint64_t offset, uint64_t length);
igt_span igt_doc_source_span(const igt_doc *doc);

/* Format-specific fields and per-plugin metrics: JSON objects owned by the
 * document, borrowed here. Use jansson to add members; strings added this
 * way must be valid UTF-8 (use igt_doc_json_string to be safe). */
json_t *igt_doc_fields(igt_doc *doc);
json_t *igt_doc_metrics(igt_doc *doc);
/* A new JSON string from len bytes (or strlen when (size_t)-1), invalid
 * UTF-8 replaced and counted against doc. NULL value gives json null. */
json_t *igt_doc_json_string(igt_doc *doc, const char *value, size_t len);

/* Append a segment; text is copied (len or (size_t)-1). The returned
 * pointer is borrowed and valid until the next segment is added. */
igt_segment *igt_doc_add_segment(igt_doc *doc, const char *type, const char *text,
                                 size_t len, igt_span span);
void igt_segment_set_speaker(igt_doc *doc, igt_segment *seg, const char *speaker);
void igt_segment_set_section(igt_doc *doc, igt_segment *seg, const char *section);
size_t igt_doc_segment_count(const igt_doc *doc);
const igt_segment *igt_doc_segment(const igt_doc *doc, size_t index);

/* Append a person; name is the normalised form, as_written the original
 * (either may be NULL). Borrowed until the next person is added. */
igt_person *igt_doc_add_person(igt_doc *doc, const char *name, const char *as_written);
typedef enum igt_person_attr {
	IGT_PERSON_ID = 0,
	IGT_PERSON_NAME,
	IGT_PERSON_AS_WRITTEN,
	IGT_PERSON_AFFILIATION,
	IGT_PERSON_POSITION,
	IGT_PERSON_HONORIFIC,
} igt_person_attr;
void igt_person_set(igt_doc *doc, igt_person *person, igt_person_attr attr, const char *value);
/* Add a role unless the person already has it. */
void igt_person_add_role(igt_doc *doc, igt_person *person, const char *role);
size_t igt_doc_person_count(const igt_doc *doc);
const igt_person *igt_doc_person(const igt_doc *doc, size_t index);
/* The same, for changing it (analysis plugins giving ids, adding roles);
 * borrowed until a person is added or removed. NULL when out of range. */
igt_person *igt_doc_person_at(igt_doc *doc, size_t index);
/* Remove a person (merged into another one, say); later people move down
 * by one. Returns IGT_EGENERIC when index is out of range. */
int igt_doc_remove_person(igt_doc *doc, size_t index);

/* Append an annotation. value is stolen (its reference moves to the
 * document, also on failure); pass score < 0 with has_score 0 for none.
 * Returns IGT_EGENERIC if segment is out of range or the span does not fit
 * in the segment's text. Annotations may share one value (json_incref it
 * for each): taxonomy and entities do, and writers then write it once per
 * document. A value given to a document is not changed afterwards, by its
 * plugin or any other. */
int igt_doc_add_annotation(igt_doc *doc, const char *by, const char *type, size_t segment,
                           igt_span span, json_t *value, double score, int has_score);
size_t igt_doc_annotation_count(const igt_doc *doc);
const igt_annotation *igt_doc_annotation(const igt_doc *doc, size_t index);

/* Declare that [offset, offset+length) of the input is accounted for by a
 * field or is boilerplate (page headers, disclaimers, archive footers). */
void igt_doc_claim(igt_doc *doc, igt_claim_kind kind, uint64_t offset, uint64_t length);
size_t igt_doc_claim_count(const igt_doc *doc);
/* Borrowed; kind_out may be NULL. */
igt_span igt_doc_claim_at(const igt_doc *doc, size_t index, igt_claim_kind *kind_out);

/* Bytes of invalid UTF-8 replaced so far in this document. */
uint64_t igt_doc_invalid_utf8(const igt_doc *doc);

/* Add to jansson's dump flags (JSON_COMPACT, JSON_INDENT) wherever igtext
 * writes JSON: numbers with a fraction get 15 significant digits, so a
 * share of 0.4 reads 0.4, not 0.40000000000000002 (jansson's default of 17
 * digits shows the binary rounding, which no record ever had). */
#define IGT_JSON_REALS JSON_REAL_PRECISION(15)

/* The JSON form of DESIGN.md. Returns a new reference. */
json_t *igt_doc_to_json(const igt_doc *doc);

/* Flags of igt_doc_write_json. */
#define IGT_DOC_JSON_PRETTY 0x1u /* indented by two spaces over several lines */

/* Append the JSON form of doc to out as text, without building a json_t
 * tree: the same bytes as json_dumpb(igt_doc_to_json(doc), JSON_COMPACT |
 * JSON_PRESERVE_ORDER), several times faster; with IGT_DOC_JSON_PRETTY,
 * those of JSON_INDENT(2). No newline is added. Returns IGT_OK, or
 * IGT_EGENERIC when the document cannot be written (a fields value that
 * holds invalid UTF-8 or refers to itself, which jansson refuses too); out
 * is then left as it was. */
int igt_doc_write_json(const igt_doc *doc, igt_buf *out, unsigned flags);
/* The JSON text of doc as igt_doc_write_json would append it with flags,
 * when it was written ahead (igt_host_prepare_json), so that an output
 * can write it where it goes without copying it first: the text (not
 * followed by a NUL) and its length in *len. NULL when it was not written
 * ahead, or with other flags, or could not be written; then
 * igt_doc_write_json writes it, or says why not. The text is the
 * document's, valid until the document changes or is freed. */
const char *igt_doc_prepared_json(const igt_doc *doc, unsigned flags, size_t *len);
/* A writer of compact JSON text for many small values (an output storing
 * each annotation's value): igt_json_write appends the bytes of
 * json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | IGT_JSON_REALS) to out,
 * followed by a NUL not counted in out->len, the way igt_doc_write_json
 * writes. Returns IGT_OK, or IGT_EGENERIC (out as it was) for what jansson
 * refuses too. One writer per thread; igt_json_writer_new aborts when out
 * of memory. */
typedef struct igt_json_writer igt_json_writer;
igt_json_writer *igt_json_writer_new(void);
int igt_json_write(igt_json_writer *w, const json_t *v, igt_buf *out);
void igt_json_writer_free(igt_json_writer *w);
/* Append the JSON array of doc's annotations first .. first + n - 1, each
 * as in the document's JSON form, the same way (NUL after it). Returns
 * IGT_OK, or IGT_EGENERIC (out as it was) for a value jansson refuses, or
 * a range beyond the document's annotations. */
int igt_json_write_annotations(igt_json_writer *w, const igt_doc *doc, size_t first, size_t n,
                               igt_buf *out);
/* Rebuild a document from its JSON form; *out is owned by the caller.
 * Returns IGT_EBADINPUT with err filled when j is not a document. */
int igt_doc_from_json(igt_doc **out, const json_t *j, igt_error *err);

#ifdef __cplusplus
}
#endif
#endif
