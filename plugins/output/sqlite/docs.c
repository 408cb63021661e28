/* SPDX-License-Identifier: MIT */
/*
 * A document's upsert. Everything the store keeps of a document is hashed
 * first (sha256 over length-prefixed values); a document stored with the
 * same hash is left alone, so a re-read archive rewrites only the messages
 * that changed. A changed one is replaced as a whole: its child rows
 * (people, segments and their full-text entries, annotation runs, metrics)
 * are deleted and written again.
 *
 * A stored document that an input replaces is set aside, not deleted, until
 * the input ends (sqlite_settle_replaced): its id becomes a BLOB (which no
 * document id, always TEXT, can equal) and the new copy gets a key of its
 * own. When the input ends whole the stored copy goes; when it fails (a
 * truncated gzip: its last document is cut short) the new copy goes and the
 * stored one comes back, so a bad input never replaces what the store
 * holds. Both happen in the input's savepoint: other connections never see
 * a copy set aside.
 */
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite_private.h"
#include "util.h"

static const struct {
	int which;
	const char *sql;
} doc_sql[] = {
	{ST_LINK,
	 "INSERT INTO input_documents (input_id, doc, last_run) VALUES (?1, ?2, ?3)"
	 " ON CONFLICT (input_id, doc) DO UPDATE SET last_run = ?3"},
	{ST_LINKS_MOVE, "UPDATE OR IGNORE input_documents SET doc = ?2 WHERE doc = ?1"},
	{ST_LINKS_DELETE, "DELETE FROM input_documents WHERE doc = ?1"},
	/* Whether the stored copy is complete only when asked (?4): most
	 * documents need no look into their fields. */
	{ST_DOC_FIND,
	 "SELECT content_sha256, vanished_run, source_path IS ?2 AND source_sha256 IS ?3, key,"
	 " segments_first, segments_count, first_run,"
	 " CASE WHEN ?4 THEN json_extract(fields, '$.incomplete') IS NOT 1 END"
	 " FROM documents WHERE id = ?1"},
	{ST_DOC_KEY_MARK, "SELECT coalesce(max(key), 0) FROM documents"},
	{ST_DOC_SET_ID, "UPDATE documents SET id = coalesce(?2, CAST(key AS BLOB)) WHERE key = ?1"},
	{ST_DOC_PARTS, "SELECT id, segments_first, segments_count FROM documents WHERE key = ?1"},
	{ST_DOC_DELETE, "DELETE FROM documents WHERE key = ?1"},
	{ST_DOC_REVIVE,
	 "UPDATE documents SET vanished_run = NULL, last_run = ?2, source_path = ?3,"
	 " source_sha256 = ?4 WHERE key = ?1"},
	{ST_DOC_UPSERT,
	 "INSERT INTO documents (id, format, kind, title, date, date_text, event, language,"
	 " source_path, source_offset, source_length, source_sha256, fields, content_sha256,"
	 " first_run, last_run, segments_first, segments_count)"
	 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, coalesce(?18, ?15), ?15,"
	 " ?16, ?17)"
	 " ON CONFLICT (id) DO UPDATE SET format = ?2, kind = ?3, title = ?4, date = ?5,"
	 " date_text = ?6, event = ?7, language = ?8, source_path = ?9, source_offset = ?10,"
	 " source_length = ?11, source_sha256 = ?12, fields = ?13, content_sha256 = ?14,"
	 " last_run = ?15, vanished_run = NULL, segments_first = ?16, segments_count = ?17"
	 " RETURNING key"},
	{ST_DEL_SEGMENTS, "DELETE FROM segments WHERE id BETWEEN ?1 AND ?2"},
	{ST_DEL_PEOPLE, "DELETE FROM people WHERE doc = ?1"},
	{ST_DEL_ANNOTATIONS, "DELETE FROM annotation_sets WHERE doc = ?1"},
	{ST_DEL_METRICS, "DELETE FROM metrics WHERE doc = ?1"},
	{ST_SEGMENT,
	 "INSERT INTO segments (doc, idx, type, speaker, section, text, span_offset, span_length, id)"
	 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
	{ST_PERSON,
	 "INSERT INTO people (doc, idx, person_id, name, as_written, honorific, affiliation,"
	 " position, roles) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"},
	{ST_ANNOTATION, "INSERT INTO annotation_sets (doc, idx, plugin, items) VALUES (?1, ?2, ?3, ?4)"},
	{ST_METRIC, "INSERT INTO metrics (doc, plugin, idx, value) VALUES (?1, ?2, ?3, ?4)"},
};

int sqlite_prepare_docs(sqlite_state *s)
{
	for (size_t i = 0; i < sizeof(doc_sql) / sizeof(doc_sql[0]); i++)
		if (sqlite3_prepare_v3(s->db, doc_sql[i].sql, -1, SQLITE_PREPARE_PERSISTENT,
		                       &s->st[doc_sql[i].which], NULL) != SQLITE_OK)
			return sqlite_fail(s, "cannot prepare the store's statements");
	return 0;
}

/* The JSON texts of a document's JSON-valued parts, made once for both the
 * hash and the rows. They are written one after the other into the
 * state's buffer (each ends with a NUL), reused from document to document;
 * the arrays hold their offsets there. */
#define NO_JSON ((size_t)-1)

/* Consecutive annotations by one plugin: one row of annotation_sets. */
typedef struct annotation_run {
	const char *by;
	size_t first, count;
	size_t items; /* their JSON array */
} annotation_run;

typedef struct doc_json {
	const igt_buf *text;
	size_t fields;
	size_t n_metrics;
	const char **metric_keys;
	size_t *metrics;
	size_t n_runs;
	annotation_run *runs;
	size_t *roles; /* one JSON array per person */
	size_t n_people;
} doc_json;

static const char *jtext(const doc_json *dj, size_t off)
{
	return off == NO_JSON ? NULL : dj->text->data + off;
}

/* A text just written at off in the state's buffer (rc says whether it
 * was), kept with its NUL: the text ends there. Its offset, or NO_JSON. */
static size_t keep(sqlite_state *s, size_t off, int rc)
{
	if (rc != IGT_OK)
		return NO_JSON;
	s->json.len++;
	return off;
}

/* Append v's text to the state's buffer. */
static size_t dump(sqlite_state *s, const json_t *v)
{
	size_t off = s->json.len;
	return keep(s, off, igt_json_write(s->jw, v, &s->json));
}

static void doc_json_free(doc_json *dj)
{
	free(dj->metrics);
	free(dj->metric_keys);
	free(dj->runs);
	free(dj->roles);
}

static int doc_json_make(sqlite_state *s, doc_json *dj, const igt_doc *doc)
{
	memset(dj, 0, sizeof(*dj));
	igt_buf_reset(&s->json);
	dj->text = &s->json;
	json_t *fields = igt_doc_fields((igt_doc *)doc);
	json_t *metrics = igt_doc_metrics((igt_doc *)doc);
	dj->fields = dump(s, fields);
	size_t nm = json_object_size(metrics);
	size_t na = igt_doc_annotation_count(doc);
	size_t np = igt_doc_person_count(doc);
	dj->metric_keys = calloc(nm ? nm : 1, sizeof(char *));
	dj->metrics = calloc(nm ? nm : 1, sizeof(size_t));
	dj->runs = calloc(na ? na : 1, sizeof(*dj->runs));
	dj->roles = calloc(np ? np : 1, sizeof(size_t));
	if (dj->fields == NO_JSON || !dj->metric_keys || !dj->metrics || !dj->runs || !dj->roles)
		return IGT_EGENERIC;
	const char *key;
	json_t *value;
	json_object_foreach(metrics, key, value) {
		dj->metric_keys[dj->n_metrics] = key;
		if ((dj->metrics[dj->n_metrics++] = dump(s, value)) == NO_JSON)
			return IGT_EGENERIC;
	}
	for (size_t i = 0; i < na;) {
		annotation_run *r = &dj->runs[dj->n_runs++];
		r->by = igt_doc_annotation(doc, i)->by;
		r->first = i;
		while (i < na && strcmp(igt_doc_annotation(doc, i)->by, r->by) == 0)
			i++;
		r->count = i - r->first;
		size_t off = s->json.len;
		r->items = keep(s, off, igt_json_write_annotations(s->jw, doc, r->first, r->count,
		                                                    &s->json));
		if (r->items == NO_JSON)
			return IGT_EGENERIC;
	}
	json_t *roles = json_array();
	for (; dj->n_people < np; dj->n_people++) {
		const igt_person *p = igt_doc_person(doc, dj->n_people);
		json_array_clear(roles);
		for (size_t r = 0; r < p->n_roles; r++)
			json_array_append_new(roles, json_string(p->roles[r]));
		if ((dj->roles[dj->n_people] = dump(s, roles)) == NO_JSON)
			break;
	}
	json_decref(roles);
	return dj->n_people == np ? 0 : IGT_EGENERIC;
}

/* ---- the content hash ---- */

static void content_hash(const igt_doc *doc, const doc_json *dj, char hex[65])
{
	struct sha256_ctx h;
	sha256_init(&h);
	/* Not the source's path and hash: they describe the file, and a
	 * message does not change because its archive grew. */
	for (int a = 0; a < IGT_DOC_ATTR_COUNT; a++)
		if (a != IGT_DOC_SOURCE_PATH && a != IGT_DOC_SOURCE_SHA256)
			igt_sha256_str(&h, igt_doc_get(doc, (igt_doc_attr)a));
	igt_span src = igt_doc_source_span(doc);
	igt_sha256_u64(&h, src.offset);
	igt_sha256_u64(&h, src.length);
	igt_sha256_str(&h, jtext(dj, dj->fields));
	for (size_t i = 0; i < dj->n_people; i++) {
		const igt_person *p = igt_doc_person(doc, i);
		const char *v[] = {p->id, p->name, p->as_written, p->honorific, p->affiliation,
		                   p->position, jtext(dj, dj->roles[i])};
		for (size_t k = 0; k < sizeof(v) / sizeof(v[0]); k++)
			igt_sha256_str(&h, v[k]);
	}
	size_t ns = igt_doc_segment_count(doc);
	igt_sha256_u64(&h, ns);
	for (size_t i = 0; i < ns; i++) {
		const igt_segment *seg = igt_doc_segment(doc, i);
		igt_sha256_str(&h, seg->type);
		igt_sha256_str(&h, seg->speaker);
		igt_sha256_str(&h, seg->section);
		igt_sha256_u64(&h, seg->text_len);
		sha256_update(&h, seg->text_len, (const uint8_t *)seg->text);
		igt_sha256_u64(&h, seg->span.offset);
		igt_sha256_u64(&h, seg->span.length);
	}
	/* The annotations as the runs stored: their JSON holds every part. */
	igt_sha256_u64(&h, dj->n_runs);
	for (size_t i = 0; i < dj->n_runs; i++) {
		igt_sha256_str(&h, dj->runs[i].by);
		igt_sha256_str(&h, jtext(dj, dj->runs[i].items));
	}
	for (size_t i = 0; i < dj->n_metrics; i++) {
		igt_sha256_str(&h, dj->metric_keys[i]);
		igt_sha256_str(&h, jtext(dj, dj->metrics[i]));
	}
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_digest(&h, sizeof(d), d);
	igt_hex(d, sizeof(d), hex);
}

/* ---- rows ---- */

static void bind_str(sqlite3_stmt *st, int col, const char *s)
{
	if (s)
		sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, col);
}

static int write_children(sqlite_state *s, const igt_doc *doc, int64_t key, const doc_json *dj)
{
	int rc = 0;
	for (size_t i = 0; i < dj->n_people && !rc; i++) {
		const igt_person *p = igt_doc_person(doc, i);
		sqlite3_stmt *st = s->st[ST_PERSON];
		sqlite3_bind_int64(st, 1, key);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		const char *v[] = {p->id, p->name, p->as_written, p->honorific, p->affiliation,
		                   p->position, jtext(dj, dj->roles[i])};
		for (int k = 0; k < 7; k++)
			bind_str(st, 3 + k, v[k]);
		rc = sqlite_step_reset(s, ST_PERSON, "cannot store a person");
	}
	size_t ns = igt_doc_segment_count(doc);
	for (size_t i = 0; i < ns && !rc; i++) {
		const igt_segment *seg = igt_doc_segment(doc, i);
		sqlite3_stmt *st = s->st[ST_SEGMENT];
		sqlite3_bind_int64(st, 1, key);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		bind_str(st, 3, seg->type);
		bind_str(st, 4, seg->speaker);
		bind_str(st, 5, seg->section);
		sqlite3_bind_text(st, 6, seg->text, (int)seg->text_len, SQLITE_STATIC);
		sqlite3_bind_int64(st, 7, (sqlite3_int64)seg->span.offset);
		sqlite3_bind_int64(st, 8, (sqlite3_int64)seg->span.length);
		sqlite3_bind_int64(st, 9, s->seg_next++);
		rc = sqlite_step_reset(s, ST_SEGMENT, "cannot store a segment");
	}
	for (size_t i = 0; i < dj->n_runs && !rc; i++) {
		const annotation_run *r = &dj->runs[i];
		sqlite3_stmt *st = s->st[ST_ANNOTATION];
		sqlite3_bind_int64(st, 1, key);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)r->first);
		bind_str(st, 3, r->by);
		bind_str(st, 4, jtext(dj, r->items));
		rc = sqlite_step_reset(s, ST_ANNOTATION, "cannot store annotations");
	}
	for (size_t i = 0; i < dj->n_metrics && !rc; i++) {
		sqlite3_stmt *st = s->st[ST_METRIC];
		sqlite3_bind_int64(st, 1, key);
		bind_str(st, 2, dj->metric_keys[i]);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)i);
		bind_str(st, 4, jtext(dj, dj->metrics[i]));
		rc = sqlite_step_reset(s, ST_METRIC, "cannot store a metric");
	}
	return rc;
}

/* Segments with the ids segs[0] .. segs[0] + segs[1] - 1, and their
 * full-text entries. */
static int delete_segments(sqlite_state *s, const int64_t segs[2])
{
	if (segs[1] == 0)
		return 0;
	if (segs[0] > s->seg_mark) {
		/* Written in this batch and not indexed yet: index them first,
		 * so the delete trigger removes entries that exist. */
		sqlite3_bind_int64(s->st[ST_FTS_INDEX], 1, s->seg_mark);
		int rc = sqlite_step_reset(s, ST_FTS_INDEX, "cannot index the segments");
		if (rc)
			return rc;
		s->seg_mark = s->seg_next - 1;
	}
	sqlite3_bind_int64(s->st[ST_DEL_SEGMENTS], 1, segs[0]);
	sqlite3_bind_int64(s->st[ST_DEL_SEGMENTS], 2, segs[0] + segs[1] - 1);
	return sqlite_step_reset(s, ST_DEL_SEGMENTS, "cannot replace a document");
}

/* The stored document's old parts, before it is written again in place. */
static int delete_children(sqlite_state *s, int64_t key, const int64_t segs[2])
{
	static const int which[] = {ST_DEL_PEOPLE, ST_DEL_ANNOTATIONS, ST_DEL_METRICS};
	for (size_t i = 0; i < sizeof(which) / sizeof(which[0]); i++) {
		sqlite3_bind_int64(s->st[which[i]], 1, key);
		int rc = sqlite_step_reset(s, which[i], "cannot replace a document");
		if (rc)
			return rc;
	}
	return delete_segments(s, segs);
}

/* The id of the document with key (a copy, the caller frees it) and its
 * segments' range; NULL when there is none. */
static char *document_parts(sqlite_state *s, int64_t key, int64_t segs[2])
{
	sqlite3_stmt *st = s->st[ST_DOC_PARTS];
	sqlite3_bind_int64(st, 1, key);
	char *id = NULL;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);
		id = igt_xstrdup(text ? text : "");
		segs[0] = sqlite3_column_int64(st, 1);
		segs[1] = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return id;
}

/* The people, annotation runs and metrics go with the row (ON DELETE
 * CASCADE); segments and links first, which name it without. */
int sqlite_delete_document(sqlite_state *s, int64_t key)
{
	int64_t segs[2];
	char *id = document_parts(s, key, segs);
	if (!id)
		return sqlite_fail(s, "cannot find a document to remove");
	free(id);
	int rc = delete_segments(s, segs);
	sqlite3_bind_int64(s->st[ST_LINKS_DELETE], 1, key);
	if (rc == 0)
		rc = sqlite_step_reset(s, ST_LINKS_DELETE, "cannot remove a document");
	sqlite3_bind_int64(s->st[ST_DOC_DELETE], 1, key);
	if (rc == 0)
		rc = sqlite_step_reset(s, ST_DOC_DELETE, "cannot remove a document");
	return rc;
}

/* The document with key gets id, or with id NULL a BLOB made of its key:
 * set aside, out of the way of its id. */
static int set_id(sqlite_state *s, int64_t key, const char *id)
{
	sqlite3_stmt *st = s->st[ST_DOC_SET_ID];
	sqlite3_bind_int64(st, 1, key);
	if (id)
		sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	return sqlite_step_reset(s, ST_DOC_SET_ID, "cannot replace a document");
}

/* A failed input's copy goes, and the stored one it replaced is back. */
static int restore_replaced(sqlite_state *s, const struct sqlite_replaced *r)
{
	int64_t segs[2];
	char *id = document_parts(s, r->new_key, segs);
	if (!id)
		return sqlite_fail(s, "cannot find a document to restore");
	int rc = sqlite_delete_document(s, r->new_key);
	if (rc == 0)
		rc = set_id(s, r->old_key, id);
	free(id);
	if (rc == 0) {
		s->n.updated--;
		s->n.unchanged++;
	}
	return rc;
}

int sqlite_settle_replaced(sqlite_state *s, int keep_new)
{
	int rc = 0;
	for (size_t i = 0; i < s->n_replaced && !rc; i++) {
		const struct sqlite_replaced *r = &s->replaced[i];
		if (!keep_new) {
			rc = restore_replaced(s, r);
			continue;
		}
		/* Other inputs that gave the stored copy give the new one. */
		sqlite3_bind_int64(s->st[ST_LINKS_MOVE], 1, r->old_key);
		sqlite3_bind_int64(s->st[ST_LINKS_MOVE], 2, r->new_key);
		rc = sqlite_step_reset(s, ST_LINKS_MOVE, "cannot replace a document");
		if (rc == 0)
			rc = sqlite_delete_document(s, r->old_key);
	}
	s->n_replaced = 0;
	return rc;
}

static int upsert_document(sqlite_state *s, const igt_doc *doc, const doc_json *dj,
                           const char *hash, int64_t first_run, int64_t *key)
{
	sqlite3_stmt *st = s->st[ST_DOC_UPSERT];
	static const igt_doc_attr cols[] = {IGT_DOC_ID,     IGT_DOC_FORMAT,    IGT_DOC_KIND,
	                                    IGT_DOC_TITLE,  IGT_DOC_DATE,      IGT_DOC_DATE_TEXT,
	                                    IGT_DOC_EVENT,  IGT_DOC_LANGUAGE,  IGT_DOC_SOURCE_PATH};
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		bind_str(st, (int)i + 1, igt_doc_get(doc, cols[i]));
	igt_span src = igt_doc_source_span(doc);
	if (src.length || src.offset) {
		sqlite3_bind_int64(st, 10, (sqlite3_int64)src.offset);
		sqlite3_bind_int64(st, 11, (sqlite3_int64)src.length);
	}
	bind_str(st, 12, igt_doc_get(doc, IGT_DOC_SOURCE_SHA256));
	bind_str(st, 13, jtext(dj, dj->fields));
	bind_str(st, 14, hash);
	sqlite3_bind_int64(st, 15, s->run_id);
	/* write_children gives the segments the next ids, in order. */
	size_t ns = igt_doc_segment_count(doc);
	if (ns)
		sqlite3_bind_int64(st, 16, s->seg_next);
	sqlite3_bind_int64(st, 17, (sqlite3_int64)ns);
	if (first_run) /* a replaced document's new copy */
		sqlite3_bind_int64(st, 18, first_run);
	*key = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return *key ? 0 : sqlite_fail(s, "cannot store a document");
}

/* What the store holds under a document's id. */
typedef struct stored_doc {
	int64_t key; /* 0: nothing */
	int64_t segs[2];
	int64_t first_run;
	int complete; /* asked only for a document cut short: the stored one is not */
} stored_doc;

/* 1 when the document is stored with this hash (and is now marked seen,
 * with the path and hash of the file it was read from this time), 0 when
 * it must be written. *old is what is stored under its id. */
static int stored_unchanged(sqlite_state *s, const igt_doc *doc, const char *hash, int incomplete,
                            stored_doc *old, int *rc)
{
	const char *id = igt_doc_get(doc, IGT_DOC_ID);
	const char *path = igt_doc_get(doc, IGT_DOC_SOURCE_PATH);
	const char *sha = igt_doc_get(doc, IGT_DOC_SOURCE_SHA256);
	sqlite3_stmt *st = s->st[ST_DOC_FIND];
	bind_str(st, 1, id);
	bind_str(st, 2, path);
	bind_str(st, 3, sha);
	sqlite3_bind_int(st, 4, incomplete);
	int same = 0, touch = 0;
	memset(old, 0, sizeof(*old));
	if (sqlite3_step(st) == SQLITE_ROW) {
		same = strcmp((const char *)sqlite3_column_text(st, 0), hash) == 0;
		touch = sqlite3_column_type(st, 1) != SQLITE_NULL || !sqlite3_column_int(st, 2);
		old->key = sqlite3_column_int64(st, 3);
		old->segs[0] = sqlite3_column_int64(st, 4);
		old->segs[1] = sqlite3_column_int64(st, 5);
		old->first_run = sqlite3_column_int64(st, 6);
		old->complete = sqlite3_column_int(st, 7);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	*rc = 0;
	if (same && touch) {
		sqlite3_stmt *up = s->st[ST_DOC_REVIVE];
		sqlite3_bind_int64(up, 1, old->key);
		sqlite3_bind_int64(up, 2, s->run_id);
		bind_str(up, 3, path);
		bind_str(up, 4, sha);
		*rc = sqlite_step_reset(s, ST_DOC_REVIVE, "cannot update a document");
	}
	return same;
}

/* Write a document the store does not hold as it is. One it holds from
 * before this input is set aside until the input ends; one this input
 * gave already (an id given twice) is replaced in place. */
static int store_document(sqlite_state *s, const igt_doc *doc, const doc_json *dj, const char *hash,
                          const stored_doc *old, int64_t *key)
{
	int rc = 0;
	int set_aside = old->key && old->key <= s->key_start;
	if (set_aside) {
		rc = set_id(s, old->key, NULL);
	} else if (old->key) {
		igt_host_log(s->host, IGT_LOG_WARNING,
		             "%s: document id %s occurs twice in this input; the later document "
		             "replaces the earlier one",
		             igt_doc_get(doc, IGT_DOC_SOURCE_PATH), igt_doc_get(doc, IGT_DOC_ID));
		rc = delete_children(s, old->key, old->segs);
	}
	if (!rc)
		rc = upsert_document(s, doc, dj, hash, set_aside ? old->first_run : 0, key);
	if (!rc)
		rc = write_children(s, doc, *key, dj);
	if (!rc && set_aside) {
		igt_xgrow((void **)&s->replaced, &s->cap_replaced, s->n_replaced + 1,
		          sizeof(*s->replaced));
		s->replaced[s->n_replaced].old_key = old->key;
		s->replaced[s->n_replaced++].new_key = *key;
	}
	if (!rc && old->key)
		s->n.updated++;
	else if (!rc)
		s->n.added++;
	return rc;
}

static int link_input(sqlite_state *s, int64_t key)
{
	if (!s->input_id)
		return 0;
	sqlite3_stmt *st = s->st[ST_LINK];
	sqlite3_bind_int64(st, 1, s->input_id);
	sqlite3_bind_int64(st, 2, key);
	sqlite3_bind_int64(st, 3, s->run_id);
	return sqlite_step_reset(s, ST_LINK, "cannot link a document to its input");
}

int sqlite_write(void *state, const igt_doc *doc)
{
	sqlite_state *s = state;
	const char *id = igt_doc_get(doc, IGT_DOC_ID);
	doc_json dj;
	int rc = doc_json_make(s, &dj, doc);
	if (rc) {
		doc_json_free(&dj);
		igt_host_log(s->host, IGT_LOG_ERROR, "out of memory storing document %s", id);
		return rc;
	}
	char hash[65];
	content_hash(doc, &dj, hash);
	/* A format marks the document it was reading when the input could
	 * not be read further (fields.incomplete). */
	json_t *fields = igt_doc_fields((igt_doc *)doc);
	int incomplete = json_is_true(json_object_get(fields, "incomplete"));
	stored_doc old;
	int64_t key = 0;
	if (stored_unchanged(s, doc, hash, incomplete, &old, &rc)) {
		key = old.key;
		s->n.unchanged++;
	} else if (!rc && old.key && incomplete && old.complete) {
		/* Cut short: the complete copy stays. */
		key = old.key;
		s->n.unchanged++;
	} else if (!rc) {
		rc = store_document(s, doc, &dj, hash, &old, &key);
	}
	if (!rc)
		rc = link_input(s, key);
	if (!rc)
		s->input_docs++;
	doc_json_free(&dj);
	return rc;
}
