/* SPDX-License-Identifier: MIT */
/*
 * The store's schema, as the list of steps that build it. A new version is
 * a new step appended here (never an edit of an old one), so a store made
 * by any earlier release is brought forward by running the steps it lacks.
 * plugins/output/sqlite/README.md documents every table and column.
 */
#include "config.h"

#include "store.h"
#include "store_private.h"

/* Version 1. Documents have their stable id and an integer key that child
 * rows name (appending to the indexes instead of inserting at random
 * places), so a document can be replaced as a whole. Segment text is indexed
 * by FTS5 with the segments table as external content (no second copy of
 * the text). The writer indexes an input's new segments with one
 * statement before it commits the input (row by row, through a trigger,
 * costs seven times as much); the trigger removes deleted ones. */
static const char schema_v1[] =
	"CREATE TABLE runs ("
	"  id INTEGER PRIMARY KEY,"
	"  job TEXT NOT NULL,"
	"  pid INTEGER NOT NULL,"
	"  igtext_version TEXT NOT NULL,"
	"  started TEXT NOT NULL,"
	"  ended TEXT,"
	"  status TEXT NOT NULL DEFAULT 'running'," /* running, done, failed, interrupted, killed */
	"  inputs_seen INTEGER NOT NULL DEFAULT 0,"
	"  inputs_skipped INTEGER NOT NULL DEFAULT 0,"
	"  inputs_imported INTEGER NOT NULL DEFAULT 0,"
	"  inputs_failed INTEGER NOT NULL DEFAULT 0,"
	"  documents_added INTEGER NOT NULL DEFAULT 0,"
	"  documents_updated INTEGER NOT NULL DEFAULT 0,"
	"  documents_unchanged INTEGER NOT NULL DEFAULT 0,"
	"  documents_vanished INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE TABLE inputs ("
	"  id INTEGER PRIMARY KEY,"
	"  path TEXT NOT NULL UNIQUE,"
	"  size INTEGER,"
	"  mtime_ns INTEGER,"
	"  sha256 TEXT,"
	"  format TEXT,"
	"  status TEXT NOT NULL," /* imported, failed */
	"  first_run INTEGER NOT NULL REFERENCES runs(id),"
	"  last_run INTEGER NOT NULL REFERENCES runs(id),"
	"  imported_at TEXT NOT NULL,"
	"  documents INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE TABLE documents ("
	"  key INTEGER PRIMARY KEY," /* what child rows name: compact, and new ones append */
	"  id TEXT NOT NULL UNIQUE,"
	"  format TEXT, kind TEXT, title TEXT, date TEXT, date_text TEXT, event TEXT,"
	"  language TEXT,"
	"  source_path TEXT, source_offset INTEGER, source_length INTEGER, source_sha256 TEXT,"
	"  fields TEXT NOT NULL DEFAULT '{}'," /* JSON object */
	"  content_sha256 TEXT NOT NULL,"     /* of everything stored for it */
	/* Its segments have the consecutive ids first .. first + count - 1:
	 * found without an index on segments.doc. */
	"  segments_first INTEGER, segments_count INTEGER NOT NULL DEFAULT 0,"
	"  first_run INTEGER NOT NULL REFERENCES runs(id),"
	"  last_run INTEGER NOT NULL REFERENCES runs(id),"
	"  vanished_run INTEGER REFERENCES runs(id)" /* no longer in its changed input */
	");"
	"CREATE INDEX documents_event ON documents(event, date);"
	"CREATE INDEX documents_date ON documents(date);"
	"CREATE TABLE input_documents ("
	"  input_id INTEGER NOT NULL REFERENCES inputs(id) ON DELETE CASCADE,"
	"  doc INTEGER NOT NULL REFERENCES documents(key),"
	"  last_run INTEGER NOT NULL,"
	"  PRIMARY KEY (input_id, doc)"
	") WITHOUT ROWID;"
	"CREATE INDEX input_documents_doc ON input_documents(doc);"
	"CREATE TABLE people ("
	"  doc INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,"
	"  idx INTEGER NOT NULL,"
	"  person_id TEXT, name TEXT, as_written TEXT, honorific TEXT, affiliation TEXT,"
	"  position TEXT,"
	"  roles TEXT NOT NULL DEFAULT '[]'," /* JSON array */
	"  PRIMARY KEY (doc, idx)"
	") WITHOUT ROWID;"
	"CREATE INDEX people_person ON people(person_id);"
	"CREATE TABLE segments ("
	"  id INTEGER PRIMARY KEY,"
	"  doc INTEGER NOT NULL REFERENCES documents(key),"
	"  idx INTEGER NOT NULL,"
	"  type TEXT NOT NULL, speaker TEXT, section TEXT, text TEXT NOT NULL,"
	"  span_offset INTEGER NOT NULL, span_length INTEGER NOT NULL"
	");"
	"CREATE VIRTUAL TABLE segments_fts USING fts5("
	"  text, speaker, content='segments', content_rowid='id',"
	"  tokenize='porter unicode61 remove_diacritics 2');"
	"CREATE TRIGGER segments_fts_delete AFTER DELETE ON segments BEGIN"
	"  INSERT INTO segments_fts(segments_fts, rowid, text, speaker)"
	"  VALUES ('delete', old.id, old.text, old.speaker);"
	" END;"
	"CREATE TABLE annotations ("
	"  doc INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,"
	"  idx INTEGER NOT NULL,"
	"  plugin TEXT NOT NULL, type TEXT NOT NULL, segment INTEGER NOT NULL,"
	"  span_offset INTEGER NOT NULL, span_length INTEGER NOT NULL,"
	"  value TEXT," /* JSON */
	"  score REAL,"
	"  PRIMARY KEY (doc, idx)"
	") WITHOUT ROWID;"
	"CREATE TABLE metrics ("
	"  doc INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,"
	"  plugin TEXT NOT NULL,"
	"  idx INTEGER NOT NULL," /* order of the document's metrics */
	"  value TEXT NOT NULL," /* JSON */
	"  PRIMARY KEY (doc, plugin)"
	") WITHOUT ROWID;"
	"CREATE INDEX metrics_plugin ON metrics(plugin);"
	"CREATE TABLE corpus_rows ("
	"  run_id INTEGER NOT NULL REFERENCES runs(id),"
	"  tbl TEXT NOT NULL,"
	"  idx INTEGER NOT NULL,"
	"  doc_id TEXT," /* the row's doc_id member, when it has one */
	"  row TEXT NOT NULL," /* JSON object */
	"  PRIMARY KEY (run_id, tbl, idx)"
	") WITHOUT ROWID;"
	"CREATE INDEX corpus_rows_doc ON corpus_rows(doc_id);";

/* Version 2. metrics and corpus_rows become rowid tables. Their rows are
 * JSON of a kilobyte or more, and a WITHOUT ROWID table keeps at most
 * about a quarter of a page of a row in its b-tree: the rest went to an
 * overflow page of its own, mostly empty, so these two tables took twice
 * to three times the space of their text, all of it written twice (the
 * log, then the checkpoint). Their keys stay as unique indexes. The
 * index of metrics by plugin goes: it cost an insert per metric, for the
 * one query per run (dedup's store option) that reads them all anyway.
 *
 * Annotations are stored as runs: one row per document and plugin holds
 * that plugin's annotations as a JSON array (the document's JSON form).
 * A row per annotation was ten rows per segment with the default
 * pipeline, the largest cost of an import; the view "annotations" still
 * gives one row per annotation, with the columns of version 1. */
static const char schema_v2[] =
	"CREATE TABLE metrics_v2 ("
	"  doc INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,"
	"  plugin TEXT NOT NULL,"
	"  idx INTEGER NOT NULL,"
	"  value TEXT NOT NULL,"
	"  UNIQUE (doc, plugin)"
	");"
	"INSERT INTO metrics_v2 (doc, plugin, idx, value)"
	"  SELECT doc, plugin, idx, value FROM metrics ORDER BY doc, plugin;"
	"DROP TABLE metrics;"
	"ALTER TABLE metrics_v2 RENAME TO metrics;"
	"CREATE TABLE corpus_rows_v2 ("
	"  run_id INTEGER NOT NULL REFERENCES runs(id),"
	"  tbl TEXT NOT NULL,"
	"  idx INTEGER NOT NULL,"
	"  doc_id TEXT,"
	"  row TEXT NOT NULL,"
	"  UNIQUE (run_id, tbl, idx)"
	");"
	"INSERT INTO corpus_rows_v2 (run_id, tbl, idx, doc_id, row)"
	"  SELECT run_id, tbl, idx, doc_id, row FROM corpus_rows ORDER BY run_id, tbl, idx;"
	"DROP TABLE corpus_rows;"
	"ALTER TABLE corpus_rows_v2 RENAME TO corpus_rows;"
	"CREATE INDEX corpus_rows_doc ON corpus_rows(doc_id);"
	"CREATE TABLE annotation_sets ("
	"  doc INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,"
	"  idx INTEGER NOT NULL," /* of its first annotation in the document */
	"  plugin TEXT NOT NULL,"
	"  items TEXT NOT NULL," /* JSON array of annotations in the document's JSON form */
	"  UNIQUE (doc, idx)"
	");"
	/* A run: consecutive annotations of one plugin, whose idx minus their
	 * rank among the plugin's annotations of the document is constant. */
	"INSERT INTO annotation_sets (doc, idx, plugin, items)"
	"  SELECT doc, min(idx), plugin, json_group_array(json(item)) FROM ("
	"    SELECT doc, idx, plugin,"
	"      idx - row_number() OVER (PARTITION BY doc, plugin ORDER BY idx) AS run,"
	"      CASE WHEN score IS NULL THEN"
	"      json_object('by', plugin, 'type', type, 'segment', segment,"
	"        'span', json_array(span_offset, span_length), 'value', json(value))"
	"    ELSE json_object('by', plugin, 'type', type, 'segment', segment,"
	"        'span', json_array(span_offset, span_length), 'value', json(value), 'score', score)"
	"    END AS item FROM annotations ORDER BY doc, idx)"
	"  GROUP BY doc, plugin, run ORDER BY doc, min(idx);"
	"DROP TABLE annotations;"
	"CREATE VIEW annotations AS"
	"  SELECT s.doc AS doc, s.idx + a.key AS idx, s.plugin AS plugin,"
	"    json_extract(a.value, '$.type') AS type,"
	"    json_extract(a.value, '$.segment') AS segment,"
	"    json_extract(a.value, '$.span[0]') AS span_offset,"
	"    json_extract(a.value, '$.span[1]') AS span_length,"
	"    CASE json_type(a.value, '$.value') WHEN 'null' THEN NULL"
	"      ELSE a.value -> '$.value' END AS value," /* JSON text as written */
	"    json_extract(a.value, '$.score') AS score"
	"  FROM annotation_sets s, json_each(s.items) a;";

/* Version 3. Each input records a digest of the job's settings that shaped
 * its documents (the input's format and its options, the pipeline and its
 * options): an unchanged input is skipped only while they are the same.
 * Inputs imported before have none, so the first run after the upgrade
 * reads them all again: the settings they were read with are unknown.
 * Segments are indexed by document: a replaced document's row is deleted,
 * and the check of the segments that name it would otherwise read the
 * whole table (a re-read of 12,000 changed documents took a minute, not
 * five seconds). */
static const char schema_v3[] = "ALTER TABLE inputs ADD COLUMN settings TEXT;"
                                "CREATE INDEX segments_doc ON segments(doc);";

static const igt_store_step steps[] = {
	{1, schema_v1},
	{2, schema_v2},
	{3, schema_v3},
};

const igt_store_step *igt_store_steps(size_t *n)
{
	*n = sizeof(steps) / sizeof(steps[0]);
	return steps;
}
