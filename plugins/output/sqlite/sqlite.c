/* SPDX-License-Identifier: MIT */
/*
 * sqlite: the embedded store. Documents, their people, segments (with a
 * full-text index), annotations and metrics go into one SQLite database,
 * together with every input it has imported, so a re-run from cron reads
 * only what changed. Each input whole or not at all, inputs committed in
 * batches (inputs.c); one lock per store. The
 * schema is in core/lib/store_schema.c and documented in README.md.
 */
#include <stdlib.h>
#include <string.h>

#include "sqlite_private.h"

static const igt_option sqlite_options[] = {
	{"path", IGT_OPT_PATH, "igtext.db", 0, offsetof(sqlite_config, path),
	 "the store's database file (created with its folders when missing; PATH.lock beside it "
	 "is its lock)"},
	{"commit_interval", IGT_OPT_REAL, "1", 0, offsetof(sqlite_config, commit_interval),
	 "seconds of work between commits (at most 8 MB of input): each input is stored whole "
	 "or not at all, and a run killed with -9 loses at most this much, which the next run "
	 "reads again; 0 commits after every input"},
	{0},
};

int sqlite_fail(sqlite_state *s, const char *what)
{
	igt_host_log(s->host, IGT_LOG_ERROR, "%s: %s: %s", s->cfg->path, what, sqlite3_errmsg(s->db));
	return IGT_EIO;
}

int sqlite_step_reset(sqlite_state *s, int which, const char *what)
{
	sqlite3_stmt *st = s->st[which];
	int rc = sqlite3_step(st);
	int ok = rc == SQLITE_DONE || rc == SQLITE_ROW;
	if (!ok)
		sqlite_fail(s, what);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return ok ? 0 : IGT_EIO;
}

int sqlite_exec(sqlite_state *s, const char *sql, const char *what)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : sqlite_fail(s, what);
}

static void sqlite_close(void *p)
{
	sqlite_state *s = p;
	if (!s)
		return;
	if (s->db) {
		/* A run that stops (a signal, a failed output) abandons the
		 * input it was reading and commits the batch's earlier ones. */
		sqlite_input_abandon(s);
		if (s->run_id && !s->committed)
			sqlite_run_end(s, "incomplete");
		if (s->in_tx)
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		s->in_tx = 0;
		for (int i = 0; i < ST_COUNT; i++)
			sqlite3_finalize(s->st[i]);
		sqlite3_close(s->db);
	}
	igt_store_lock_release(s->lock);
	free(s->input_name);
	free(s->replaced);
	igt_json_writer_free(s->jw);
	igt_buf_free(&s->json);
	free(s);
}

static int sqlite_open(void **state, const void *config, igt_host *host)
{
	sqlite_state *s = calloc(1, sizeof(*s));
	if (!s)
		return IGT_EGENERIC;
	s->cfg = config;
	s->host = host;
	s->jw = igt_json_writer_new();
	*state = s;
	const char *path = s->cfg->path;
	if (!(s->cfg->commit_interval >= 0 && s->cfg->commit_interval <= 3600)) {
		igt_host_log(host, IGT_LOG_ERROR, "commit_interval: %g is not from 0 to 3600 seconds",
		             s->cfg->commit_interval);
		return IGT_ECONFIG;
	}
	if (strcmp(path, "-") == 0) {
		igt_host_log(host, IGT_LOG_ERROR, "path: a store must be a file, not standard output");
		return IGT_ECONFIG;
	}
	int rc = igt_host_make_parent_dirs(host, path);
	if (rc)
		return rc;
	/* The lock first: a second cron run must stop before it reads
	 * anything, and only the holder may upgrade the schema. */
	long stale = 0;
	igt_error err;
	rc = igt_store_lock_take(&s->lock, path, igt_host_job_name(host), &stale, &err);
	if (rc) {
		igt_host_log(host, IGT_LOG_ERROR, "%s", err.message);
		return rc;
	}
	if (stale)
		igt_host_log(host, IGT_LOG_WARNING,
		             "%s: took over the lock of run pid %ld, which ended without releasing it",
		             path, stale);
	rc = igt_store_open(&s->db, path, IGT_STORE_CREATE, &err);
	if (rc) {
		igt_host_log(host, IGT_LOG_ERROR, "%s", err.message);
		return rc == IGT_EIO ? IGT_EIO : IGT_ECONFIG;
	}
	/* Statement journals in memory: SQLite keeps one for a statement that
	 * writes several b-trees (a row and its unique index), and once one
	 * had spilled to a temporary file, every later statement journalled
	 * there, two writes per page: a tenth of an import. They hold a few
	 * pages each (inputs.c keeps large inputs out of savepoints). */
	if (sqlite3_exec(s->db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL) != SQLITE_OK)
		return sqlite_fail(s, "cannot configure the store");
	if ((rc = sqlite_prepare_inputs(s)) != 0 || (rc = sqlite_prepare_docs(s)) != 0)
		return rc;
	return sqlite_run_start(s);
}

static int sqlite_commit(void *p)
{
	sqlite_state *s = p;
	int rc = sqlite_run_end(s, "done");
	if (rc == 0)
		s->committed = 1;
	return rc;
}

IGT_PLUGIN_DEFINE(sqlite) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "sqlite",
	.version = "1.0",
	.summary = "the embedded store: documents with full-text search, imported inputs, runs",
	.kind = IGT_OUTPUT,
	.options = sqlite_options,
	.config_size = sizeof(sqlite_config),
	.open = sqlite_open,
	.close = sqlite_close,
	.op.output =
		{
			.skip_input = sqlite_skip_input,
			.begin_input = sqlite_begin_input,
			.end_input = sqlite_end_input,
			.write = sqlite_write,
			.commit = sqlite_commit,
			.write_row = sqlite_write_row,
		},
};
