/* SPDX-License-Identifier: MIT */
/*
 * What the store remembers of inputs and runs. An input whose size and
 * mtime match what was imported, read with the same settings (the digest
 * of the input's format and the pipeline, igt_input_info.settings), is
 * skipped without reading a byte; any other is read and imported whole or
 * not at all: alone in its transaction, or inside a savepoint begun in
 * begin_input and released in end_input.
 *
 * Inputs are committed in batches: one transaction holds the inputs read
 * in about a second (the option commit_interval) or 8 MB of them, and their segments are added to the
 * full-text index together just before it commits. A commit per input
 * cost a fifth of an import of small files (each commit rewrites the
 * pages every input touches: b-tree roots, the index's structure), and
 * indexing per input left many small index segments for FTS5 to merge. A
 * run killed with -9 loses at most the open batch, which the next run
 * reads again; a run that stops on a signal or an error rolls back only
 * the input it was reading and commits the rest of the batch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <igtext/version.h>

#include "sqlite_private.h"
#include "util.h"

static const struct {
	int which;
	const char *sql;
} input_sql[] = {
	{ST_INPUT_FIND,
	 "SELECT size, mtime_ns, status, settings IS ?2 FROM inputs WHERE path = ?1"},
	/* Its sha256 is still the last import's. */
	{ST_INPUT_UPSERT,
	 "INSERT INTO inputs (path, format, status, first_run, last_run, imported_at)"
	 " VALUES (?1, ?2, 'importing', ?3, ?3, ?4)"
	 " ON CONFLICT (path) DO UPDATE SET format = ?2, status = 'importing', last_run = ?3"
	 " RETURNING id, sha256"},
	{ST_INPUT_DONE,
	 "UPDATE inputs SET size = ?2, mtime_ns = ?3, sha256 = ?4, status = ?5, imported_at = ?6,"
	 " documents = ?7, settings = ?8 WHERE id = ?1"},
	{ST_SEG_MARK, "SELECT coalesce(max(id), 0) FROM segments"},
	{ST_RUN_PROGRESS,
	 "UPDATE runs SET inputs_seen = ?2, inputs_skipped = ?3, inputs_imported = ?4,"
	 " inputs_failed = ?5, documents_added = ?6, documents_updated = ?7,"
	 " documents_unchanged = ?8, documents_vanished = ?9 WHERE id = ?1"},
	{ST_FTS_INDEX,
	 "INSERT INTO segments_fts (rowid, text, speaker) SELECT id, text, speaker FROM segments"
	 " WHERE id > ?1"},
	{ST_INPUT_GONE,
	 "SELECT key FROM documents WHERE vanished_run IS NULL AND key IN"
	 " (SELECT doc FROM input_documents WHERE input_id = ?1 AND last_run < ?2)"
	 " AND NOT EXISTS (SELECT 1 FROM input_documents o JOIN inputs i ON i.id = o.input_id"
	 " WHERE o.doc = documents.key AND o.input_id != ?1 AND o.last_run = i.last_run)"},
	{ST_DOC_VANISH, "UPDATE documents SET vanished_run = ?2 WHERE key = ?1"},
	{ST_INPUT_KEEP, "UPDATE input_documents SET last_run = ?2 WHERE input_id = ?1"},
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
	if (info->settings)
		sqlite3_bind_text(st, 2, info->settings, -1, SQLITE_STATIC);
	int skip = 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		skip = sqlite3_column_type(st, 0) != SQLITE_NULL &&
		       sqlite3_column_int64(st, 0) == info->size &&
		       sqlite3_column_int64(st, 1) == info->mtime_ns &&
		       strcmp((const char *)sqlite3_column_text(st, 2), "imported") == 0;
	/* Its documents were made with other settings (another format,
	 * pipeline or options; none recorded: a store from before they were):
	 * read it again, and say why once, at the run's end. */
	if (skip && !sqlite3_column_int(st, 3)) {
		skip = 0;
		s->resettled++;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return skip;
}

#define BATCH_BYTES (8LL << 20) /* commit after 8 MB of input at most */
#define BIG_INPUT   (1LL << 20) /* an input this large starts a batch */

static int64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

int sqlite_batch_begin(sqlite_state *s)
{
	if (s->in_tx)
		return 0;
	int rc = sqlite_exec(s, "BEGIN IMMEDIATE", "cannot start a transaction");
	if (rc)
		return rc;
	s->in_tx = 1;
	s->batch_start = now_ns();
	s->batch_bytes = 0;
	s->batch_inputs = 0;
	s->batch_n = s->n;
	/* New segments get ids above the highest one: we hold the lock, and
	 * rowids grow from the maximum. */
	sqlite3_stmt *mark = s->st[ST_SEG_MARK];
	s->seg_mark = sqlite3_step(mark) == SQLITE_ROW ? sqlite3_column_int64(mark, 0) : -1;
	sqlite3_reset(mark);
	if (s->seg_mark < 0)
		return sqlite_fail(s, "cannot read the segments");
	s->seg_next = s->seg_mark + 1;
	return 0;
}

/* The open batch is gone: rolled back here, or by SQLite itself after an
 * I/O error. Its inputs are not recorded, so the next run reads them. */
static void batch_lost(sqlite_state *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	int64_t lost = s->batch_inputs + s->in_input;
	const char *name = s->input_name ? s->input_name : "the run's last input";
	if (lost == 1)
		igt_host_log(s->host, IGT_LOG_ERROR,
		             "%s: not imported; the store is as it was before it", name);
	else if (lost > 1)
		igt_host_log(s->host, IGT_LOG_ERROR,
		             "%s: not imported, nor the %lld inputs read before it since the last "
		             "commit; the store is as it was before them, and the next run reads them",
		             name, (long long)(lost - 1));
	s->in_tx = 0;
	s->in_input = 0;
	s->batch_inputs = 0;
	s->n = s->batch_n;
	s->n_replaced = 0;
}

void sqlite_input_abandon(sqlite_state *s)
{
	if (!s->in_input)
		return;
	s->n_replaced = 0; /* set aside inside what is rolled back */
	if (!s->input_savepoint) { /* the batch holds only this input */
		if (!sqlite3_get_autocommit(s->db))
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		s->in_tx = 0;
		s->in_input = 0;
		s->n = s->input_n;
		return;
	}
	if (sqlite3_get_autocommit(s->db) ||
	    sqlite3_exec(s->db, "ROLLBACK TO input; RELEASE input", NULL, NULL, NULL) != SQLITE_OK) {
		batch_lost(s);
		return;
	}
	s->in_input = 0;
	s->n = s->input_n;
	s->seg_mark = s->input_seg_mark;
	s->seg_next = s->input_seg_next;
}

/* The full-text index of the batch's new segments, in its transaction. */
static int index_segments(sqlite_state *s)
{
	sqlite3_bind_int64(s->st[ST_FTS_INDEX], 1, s->seg_mark);
	int rc = sqlite_step_reset(s, ST_FTS_INDEX, "cannot index the segments");
	if (rc == 0)
		s->seg_mark = s->seg_next - 1;
	return rc;
}

/* Commit the open batch, if there is one. */
static int batch_commit(sqlite_state *s)
{
	if (!s->in_tx)
		return 0;
	int rc = index_segments(s);
	if (rc == 0)
		rc = sqlite_exec(s, "COMMIT", "cannot commit");
	if (rc) {
		batch_lost(s);
		return rc;
	}
	s->in_tx = 0;
	s->batch_inputs = 0;
	s->batch_n = s->n;
	return 0;
}

int sqlite_begin_input(void *state, const igt_input_info *info)
{
	sqlite_state *s = state;
	/* Inside a savepoint SQLite first copies every page it changes that
	 * existed before into a sub-journal, so an input gets one only when
	 * its batch holds earlier inputs to keep; a large input (or one of
	 * unknown size, standard input) starts a batch of its own instead.
	 * (Committed before this input's name replaces the last one's, which
	 * a failed commit names.) */
	int rc = 0;
	if (s->in_tx && s->batch_inputs > 0 && (info->size < 0 || info->size >= BIG_INPUT))
		rc = batch_commit(s);
	if (rc)
		return rc;
	free(s->input_name);
	if (!(s->input_name = strdup(info->name)))
		return IGT_EGENERIC;
	rc = sqlite_batch_begin(s);
	s->input_savepoint = s->batch_inputs > 0;
	if (rc == 0 && s->input_savepoint)
		rc = sqlite_exec(s, "SAVEPOINT input", "cannot start an input's transaction");
	if (rc)
		return rc;
	s->in_input = 1;
	s->input_n = s->n;
	s->input_seg_mark = s->seg_mark;
	s->input_seg_next = s->seg_next;
	s->input_id = 0;
	s->input_docs = 0;
	s->input_sha256[0] = '\0';
	s->n_replaced = 0;
	sqlite3_stmt *mark = s->st[ST_DOC_KEY_MARK];
	s->key_start = sqlite3_step(mark) == SQLITE_ROW ? sqlite3_column_int64(mark, 0) : -1;
	sqlite3_reset(mark);
	if (s->key_start < 0)
		return sqlite_fail(s, "cannot read the documents");
	if (!info->path)
		return 0; /* stdin: its documents are kept, the input is not remembered */
	char now[32];
	igt_store_now(now);
	sqlite3_stmt *st = s->st[ST_INPUT_UPSERT];
	sqlite3_bind_text(st, 1, info->path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, info->format, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, s->run_id);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		s->input_id = sqlite3_column_int64(st, 0);
		const char *sha = (const char *)sqlite3_column_text(st, 1);
		if (sha)
			snprintf(s->input_sha256, sizeof(s->input_sha256), "%s", sha);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return s->input_id ? 0 : sqlite_fail(s, "cannot record an input");
}

/* The documents an input gave before and no longer gives, unless another
 * input still gives them (its link is as recent as that input's last
 * import, whether it was read in this run or skipped as unchanged). Those
 * already marked vanished are left as they are. */
static int64_t *gone_documents(sqlite_state *s, size_t *n, int *rc)
{
	sqlite3_stmt *st = s->st[ST_INPUT_GONE];
	sqlite3_bind_int64(st, 1, s->input_id);
	sqlite3_bind_int64(st, 2, s->run_id);
	int64_t *keys = NULL;
	size_t cap = 0;
	*n = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		igt_xgrow((void **)&keys, &cap, *n + 1, sizeof(*keys));
		keys[(*n)++] = sqlite3_column_int64(st, 0);
	}
	*rc = step == SQLITE_DONE ? 0 : sqlite_fail(s, "cannot find vanished documents");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return keys;
}

/* What becomes of the documents an input no longer gives. Read from the
 * bytes it was last imported from, the input gives other documents only
 * because the job's settings changed (another format gives other ids):
 * those documents are removed, as reading it with the old settings would
 * give them back, so that search does not find the input twice. From
 * changed bytes, a document may have left the input (a message removed
 * from an archive): it is kept and marked vanished, never deleted. */
static int settle_gone(sqlite_state *s, const igt_input_info *info)
{
	size_t n;
	int rc;
	int64_t *keys = gone_documents(s, &n, &rc);
	int same_bytes = info->sha256 && strcmp(s->input_sha256, info->sha256) == 0;
	for (size_t i = 0; i < n && !rc; i++) {
		if (same_bytes) {
			rc = sqlite_delete_document(s, keys[i]);
			continue;
		}
		sqlite3_bind_int64(s->st[ST_DOC_VANISH], 1, keys[i]);
		sqlite3_bind_int64(s->st[ST_DOC_VANISH], 2, s->run_id);
		rc = sqlite_step_reset(s, ST_DOC_VANISH, "cannot mark vanished documents");
		if (rc == 0)
			s->n.vanished++;
	}
	free(keys);
	if (rc == 0 && same_bytes && n)
		igt_host_log(s->host, IGT_LOG_INFO,
		             "%s: %zu document%s read from it with the job's earlier settings "
		             "removed; it gives others now",
		             info->name, n, n == 1 ? "" : "s");
	return rc;
}

/* A failed input keeps the stored copies of what it gave (they come back
 * where it replaced them), and as far as the store knows it still gives
 * the documents it did not reach: another input that stops giving one
 * does not mark it vanished. */
static int keep_failed(sqlite_state *s)
{
	int rc = sqlite_settle_replaced(s, 0);
	if (rc || !s->input_id)
		return rc;
	sqlite3_bind_int64(s->st[ST_INPUT_KEEP], 1, s->input_id);
	sqlite3_bind_int64(s->st[ST_INPUT_KEEP], 2, s->run_id);
	return sqlite_step_reset(s, ST_INPUT_KEEP, "cannot record a failed input");
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
	int rc = ok ? sqlite_settle_replaced(s, 1) : keep_failed(s);
	if (rc == 0 && ok && s->input_id)
		rc = settle_gone(s, info);
	if (rc == 0 && s->input_id) {
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
		if (info->settings)
			sqlite3_bind_text(st, 8, info->settings, -1, SQLITE_STATIC);
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
	if (rc == 0 && s->input_savepoint)
		rc = sqlite_exec(s, "RELEASE input", "cannot end an input's transaction");
	if (rc) {
		/* The batch's earlier inputs are committed when the run ends. */
		int lost_all = sqlite3_get_autocommit(s->db) && s->input_savepoint;
		sqlite_input_abandon(s);
		if (!lost_all)
			igt_host_log(s->host, IGT_LOG_ERROR,
			             "%s: not imported; the store is as it was before it", info->name);
		return rc;
	}
	s->in_input = 0;
	if (ok)
		s->n.imported++;
	else
		s->n.failed++;
	s->batch_inputs++;
	s->batch_bytes += info->size > 0 ? info->size : 0;
	if (s->batch_bytes >= BATCH_BYTES ||
	    (double)(now_ns() - s->batch_start) >= s->cfg->commit_interval * 1e9)
		return batch_commit(s);
	return 0;
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
	if (s->resettled)
		igt_host_log(s->host, IGT_LOG_NOTICE,
		             "%s: the job's settings (an input's format, the pipeline or their "
		             "options) changed since the last import: %lld unchanged input%s read again",
		             s->cfg->path, (long long)s->resettled, s->resettled == 1 ? " was" : "s were");
	if (s->in_tx && sqlite3_get_autocommit(s->db))
		batch_lost(s); /* SQLite rolled it back after an error: not counted */
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
	if (rc)
		batch_lost(s);
	else
		rc = batch_commit(s);
	return rc;
}
