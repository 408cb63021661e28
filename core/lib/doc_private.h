/* SPDX-License-Identifier: MIT */
/* The layout of igt_doc, shared by doc.c, docjson.c and docwrite.c only. */
#ifndef IGT_DOC_PRIVATE_H
#define IGT_DOC_PRIVATE_H

#include <igtext/doc.h>

typedef struct igt_claim {
	igt_span span;
	igt_claim_kind kind;
} igt_claim;

struct igt_doc {
	char *attrs[IGT_DOC_ATTR_COUNT];
	igt_span source;
	int has_source_span;
	json_t *fields, *metrics;
	igt_segment *segments;
	size_t n_segments, cap_segments;
	igt_person *people;
	size_t n_people, cap_people;
	igt_annotation *annotations;
	size_t n_annotations, cap_annotations;
	igt_claim *claims;
	size_t n_claims, cap_claims;
	uint64_t invalid_utf8;
	struct igt_doc_chunk *chunks; /* where its strings are (doc.c) */
	/* Its JSON text written ahead (igt__doc_prepare_json), with
	 * json_flags, and igt_doc_write_json's result then. */
	int has_json, json_rc;
	unsigned json_flags;
	char *json;
	size_t json_len;
	/* When the pipeline releases it, the thread that made it frees it
	 * (doc.c): that thread's list of dead documents, and the link in such
	 * a list. */
	struct doc_yard *yard;
	struct igt_doc *next_dead;
};

/* Write doc's JSON text with flags now, for igt_doc_prepared_json to
 * hand out or igt_doc_write_json to copy later: for the pipeline, once nothing will change doc any more. scratch
 * is a buffer the caller reuses. */
void igt__doc_prepare_json(igt_doc *doc, unsigned flags, igt_buf *scratch);

/* For the pipeline's workers: free doc, or when another thread made it
 * and is still running, leave it to that thread, which frees it when it
 * makes its next document, calls igt__doc_yard_flush or ends (doc.c). */
void igt__doc_release(igt_doc *doc);

/* Free now the documents the calling thread made that others released. */
void igt__doc_yard_flush(void);

/* How many such documents wait for the calling thread (for the tests). */
size_t igt__doc_yard_held(void);

/* The JSON keys of the attributes written at the top of a document, in
 * their order (id … language); the source attributes go in "source". */
#define IGT__DOC_N_TOP_ATTRS (IGT_DOC_LANGUAGE + 1)
extern const char *const igt__doc_attr_keys[IGT__DOC_N_TOP_ATTRS];

char *igt__doc_strdup(igt_doc *doc, const char *s, size_t len, size_t *out_len);

/* An annotation in its JSON form (docjson.c). Returns a new reference. */
json_t *igt__annotation_json(const igt_annotation *a);

#endif
