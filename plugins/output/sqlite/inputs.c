/* SPDX-License-Identifier: MIT */
/*
 * What the store remembers of inputs and runs. An input whose size and
 * mtime match what was imported is skipped without reading a byte; any
 * other is read and imported in one transaction, begun in begin_input and
 * committed in end_input, so a run killed at any moment leaves every input
 * either wholly imported or not at all.
 */
#include <string.h>
#include <unistd.h>

#include <igtext/version.h>

#include "sqlite_private.h"

static const struct {
	int which;
	const char *sql;
} input_sql[] = {
	{ST_INPUT_FIND, "SELECT size, mtime_ns, status FROM inputs WHERE path = ?1"},
	{ST_INPUT_UPSERT,
	 "INSERT INTO inputs (path, format, status, first_run, last_run, imported_at)"
	 " VALUES (?1, ?2, 'importing', ?3, ?3, ?4)"
	 " ON CONFLICT (path) DO UPDATE SET format = ?2, status = 'importing', last_run = ?3"
	 " RETURNING id"},
	{ST_INPUT_DONE,
	 "UPDATE inputs SET size = ?2, mtime_ns = ?3, sha256 = ?4, status = ?5, imported_at = ?6,"
	 " documents = ?7 WHERE id = ?1"},
	{ST_SEG_MARK, "SELECT coalesce(max(id), 0) FROM segments"},
	{ST_RUN_PROGRESS,
	 "UPDATE runs SET inputs_seen = ?2, inputs_skipped = ?3, inputs_imported = ?4,"
	 " inputs_failed = ?5, documents_added = ?6, documents_updated = ?7,"
	 " documents_unchanged = ?8, documents_vanished = ?9 WHERE id = ?1"},
	{ST_FTS_INDEX,
	 "INSERT INTO segments_fts (rowid, text, speaker) SELECT id, text, speaker FROM segments"
	 " WHERE id > ?1"},
	{ST_INPUT_VANISHED,
	 "UPDATE documents SET vanished_run = ?2 WHERE vanished_run IS NULL AND key IN"
	 " (SELECT doc FROM input_documents WHERE input_id = ?1 AND last_run < ?2)"
	 " AND NOT EXISTS (SELECT 1 FROM input_documents o JOIN inputs i ON i.id = o.input_id"
	 " WHERE o.doc = documents.key AND o.input_id != ?1 AND o.last_run = i.last_run)"},
};

int sqlite_prepare_inputs(sqlite_state *s)
{
	for (size_t i = 0; i < sizeof(input_sql) / sizeof(input_sql[0]); i++)
		if (sqlite3_prepare_v3(s->db, input_sql[i].sql, -1, SQLITE_PREPARE_PERSISTENT,
		                       &s->st[input_sql[i].which], NULL) != SQLITE_OK)
			return sqlite_fail(s, "cannot prepare the store's statements");
	return 0;
}

int sqlite_skip_input(void *state, const igt_input_info *info)
{
	sqlite_state *s = state;
	sqlite3_stmt *st = s->st[ST_INPUT_FIND];
	sqlite3_bind_text(st, 1, info->path, -1, SQLITE_STATIC);
	int skip = 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		skip = sqlite3_column_type(st, 0) != SQLITE_NULL &&
		       sqlite3_column_int64(st, 0) == info->size &&
		       sqlite3_column_int64(st, 1) == info->mtime_ns &&
		       strcmp((const char *)sqlite3_column_text(st, 2), "imported") == 0;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return skip;
}

int sqlite_begin_input(void *state, const igt_input_info *info)
{
	sqlite_state *s = state;
	int rc = sqlite_exec(s, "BEGIN IMMEDIATE", "cannot start an input's transaction");
	if (rc)
		return rc;
	s->in_tx = 1;
	s->input_id = 0;
	s->input_docs = 0;
	/* New segments get ids above the highest one: we hold the lock, and
	 * rowids grow from the maximum. */
	sqlite3_stmt *mark = s->st[ST_SEG_MARK];
	s->seg_mark = sqlite3_step(mark) == SQLITE_ROW ? sqlite3_column_int64(mark, 0) : -1;
	sqlite3_reset(mark);
	if (s->seg_mark < 0)
		return sqlite_fail(s, "cannot read the segments");
	s->seg_next = s->seg_mark + 1;
	s->seg_start = s->seg_mark;
	if (!info->path)
		return 0; /* stdin: its documents are kept, the input is not remembered */
	char now[32];
	igt_store_now(now);
	sqlite3_stmt *st = s->st[ST_INPUT_UPSERT];
	sqlite3_bind_text(st, 1, info->path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, info->format, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, s->run_id);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		s->input_id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return s->input_id ? 0 : sqlite_fail(s, "cannot record an input");
}

/* Documents an input gave before and no longer gives are marked, never
 * deleted: unless another input still gives them (its link is as recent
 * as that input's last import, whether it was read in this run or skipped
 * as unchanged). */
static int mark_vanished(sqlite_state *s)
{
	sqlite3_stmt *st = s->st[ST_INPUT_VANISHED];
	sqlite3_bind_int64(st, 1, s->input_id);
	sqlite3_bind_int64(st, 2, s->run_id);
	int rc = sqlite_step_reset(s, ST_INPUT_VANISHED, "cannot mark vanished documents");
	if (rc == 0)
		s->n.vanished += sqlite3_changes(s->db);
	return rc;
}

/* The full-text index of the input's new segments, in its transaction. */
static int index_segments(sqlite_state *s)
{
	sqlite3_bind_int64(s->st[ST_FTS_INDEX], 1, s->seg_mark);
	return sqlite_step_reset(s, ST_FTS_INDEX, "cannot index the segments");
}

/* The current input is not yet in the core's failed count: ok says whether
 * it failed. */
static int record_progress(sqlite_state *s, const sqlite_counts *n, int ok)
{
	const igt_run_stats *rs = igt_host_run_stats(s->host);
	sqlite3_stmt *st = s->st[ST_RUN_PROGRESS];
	sqlite3_bind_int64(st, 1, s->run_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)rs->inputs);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)rs->inputs_skipped);
	sqlite3_bind_int64(st, 4, n->imported);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)rs->inputs_failed + !ok);
	sqlite3_bind_int64(st, 6, n->added);
	sqlite3_bind_int64(st, 7, n->updated);
	sqlite3_bind_int64(st, 8, n->unchanged);
	sqlite3_bind_int64(st, 9, n->vanished);
	return sqlite_step_reset(s, ST_RUN_PROGRESS, "cannot record the run");
}

int sqlite_end_input(void *state, const igt_input_info *info, int ok)
{
	sqlite_state *s = state;
	int rc = index_segments(s);
	if (s->input_id && rc == 0) {
		if (ok)
			rc = mark_vanished(s);
		/* A failed input keeps what it gave but forgets its size and
		 * mtime, so the next run reads it again. */
		char now[32];
		igt_store_now(now);
		sqlite3_stmt *st = s->st[ST_INPUT_DONE];
		sqlite3_bind_int64(st, 1, s->input_id);
		if (ok && info->size >= 0) {
			sqlite3_bind_int64(st, 2, info->size);
			sqlite3_bind_int64(st, 3, info->mtime_ns);
		}
		sqlite3_bind_text(st, 4, info->sha256, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, ok ? "imported" : "failed", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 7, s->input_docs);
		if (rc == 0)
			rc = sqlite_step_reset(s, ST_INPUT_DONE, "cannot record an input");
	}
	if (rc == 0) {
		/* The run's counts go with each input, so a run that is killed
		 * later still shows what it committed. */
		sqlite_counts after = s->n;
		if (ok)
			after.imported++;
		else
			after.failed++;
		rc = record_progress(s, &after, ok);
	}
	if (rc == 0)
		rc = sqlite_exec(s, "COMMIT", "cannot commit an input");
	if (rc) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		igt_host_log(s->host, IGT_LOG_ERROR, "%s: not imported; the store is as it was before it",
		             info->name);
	}
	s->in_tx = 0;
	if (rc == 0 && ok)
		s->n.imported++;
	else if (rc == 0)
		s->n.failed++;
	return rc;
}

int sqlite_run_start(sqlite_state *s)
{
	/* We hold the lock, so a run still marked running died without
	 * saying so. */
	int rc = sqlite_exec(s, "UPDATE runs SET status = 'killed' WHERE status = 'running'",
	                     "cannot record the run");
	if (rc)
		return rc;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db,
	                       "INSERT INTO runs (job, pid, igtext_version, started) "
	                       "VALUES (?1, ?2, ?3, ?4)",
	                       -1, &st, NULL) != SQLITE_OK)
		return sqlite_fail(s, "cannot record the run");
	char now[32];
	igt_store_now(now);
	sqlite3_bind_text(st, 1, igt_host_job_name(s->host), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)getpid());
	sqlite3_bind_text(st, 3, IGT_VERSION, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sqlite_fail(s, "cannot record the run");
	sqlite3_finalize(st);
	s->run_id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

int sqlite_run_end(sqlite_state *s, const char *status)
{
	/* The final counts (inputs that failed before reaching the store are
	 * in the core's count), then how the run ended. */
	int rc = record_progress(s, &s->n, 1);
	sqlite3_stmt *st;
	if (rc == 0 &&
	    sqlite3_prepare_v2(s->db, "UPDATE runs SET ended = ?2, status = ?3 WHERE id = ?1", -1,
	                       &st, NULL) == SQLITE_OK) {
		char now[32];
		igt_store_now(now);
		sqlite3_bind_int64(st, 1, s->run_id);
		sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, status, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sqlite_fail(s, "cannot record the run's end");
		sqlite3_finalize(st);
	} else if (rc == 0) {
		rc = sqlite_fail(s, "cannot record the run's end");
	}
	if (s->in_tx) {
		if (rc == 0)
			rc = sqlite_exec(s, "COMMIT", "cannot commit the corpus tables");
		if (rc)
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		s->in_tx = 0;
	}
	return rc;
}
