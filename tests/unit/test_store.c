/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the store's opening, schema versions and lock
 * (core/lib/store.h): a new store gets the current schema; an older one is
 * migrated forward with its rows kept, in one transaction that a failing
 * step rolls back whole; a newer one, someone else's database and a file
 * that is not a database are refused untouched; the lock excludes a second
 * holder, names the first, and a holder's leftover name marks it stale.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "store_private.h"
#include "tap.h"

static char tmpdir[256];

static char *path_in(const char *name)
{
	size_t n = strlen(tmpdir) + strlen(name) + 2;
	char *p = malloc(n);
	snprintf(p, n, "%s/%s", tmpdir, name);
	return p;
}

static int query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void test_new_store(void)
{
	char *path = path_in("new.db");
	sqlite3 *db;
	igt_error err;
	ok(igt_store_open(&db, path, IGT_STORE_READONLY, &err) == IGT_ENOTFOUND,
	   "read-only open of a missing store: not found");
	is_int(igt_store_open(&db, path, IGT_STORE_CREATE, &err), 0, "create a store");
	is_int(query_int(db, "PRAGMA user_version"), IGT_STORE_VERSION, "it has the current schema");
	is_int(query_int(db, "PRAGMA application_id"), 0x49475458, "it is marked as igtext's");
	is_int(query_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'segments_fts'"), 1,
	       "it has the full-text index");
	is_int(query_int(db, "PRAGMA foreign_keys"), 1, "foreign keys are enforced");
	sqlite3_close(db);
	is_int(igt_store_open(&db, path, IGT_STORE_READONLY, &err), 0, "it opens read-only");
	ok(sqlite3_exec(db, "INSERT INTO runs (job, pid, igtext_version, started) VALUES "
	                    "('x', 1, 'v', 'now')",
	                NULL, NULL, NULL) != SQLITE_OK,
	   "a read-only open cannot write");
	sqlite3_close(db);
	free(path);
}

/* A later version, as a future release would add it: the real steps and
 * one more. */
static const char later_sql[] = "ALTER TABLE documents ADD COLUMN summary TEXT;"
                                "UPDATE documents SET summary = 'from ' || id;";

static void test_migration(void)
{
	char *path = path_in("old.db");
	sqlite3 *db;
	igt_error err;
	char msg[128];
	const int later = IGT_STORE_VERSION + 1;
	is_int(igt_store_open(&db, path, IGT_STORE_CREATE, &err), 0, "a current store");
	ok(sqlite3_exec(db,
	                "INSERT INTO runs (id, job, pid, igtext_version, started) VALUES "
	                "(1, 'j', 1, 'v', 'now');"
	                "INSERT INTO documents (id, content_sha256, first_run, last_run) VALUES "
	                "('doc-1', 'h', 1, 1), ('doc-2', 'h', 1, 1);",
	                NULL, NULL, NULL) == SQLITE_OK,
	   "with two documents");
	size_t n;
	const igt_store_step *real = igt_store_steps(&n);
	igt_store_step steps[IGT_STORE_VERSION + 1];
	for (size_t i = 0; i < n; i++)
		steps[i] = (igt_store_step){real[i].to, "SELECT 1"}; /* applied: must not run again */
	steps[n] = (igt_store_step){later, later_sql};
	is_int(igt_store_migrate(db, path, steps, n + 1, &err), 0, "migrate it to version %d", later);
	is_int(query_int(db, "PRAGMA user_version"), later, "it has the later version");
	is_int(query_int(db, "SELECT count(*) FROM documents WHERE summary = 'from ' || id"), 2,
	       "the step ran on the rows that were there");
	is_int(igt_store_migrate(db, path, steps, n + 1, &err), 0, "migrating again does nothing");
	sqlite3_close(db);
	ok(igt_store_open(&db, path, IGT_STORE_CREATE, &err) == IGT_ECONFIG,
	   "this igtext refuses the later store");
	snprintf(msg, sizeof(msg), "made by a newer igtext (schema version %d; this one knows up to %d)",
	         later, IGT_STORE_VERSION);
	like(err.message, msg, "and says which versions");

	/* A failing step leaves the store as it was. */
	char *path3 = path_in("failing.db");
	is_int(igt_store_open(&db, path3, IGT_STORE_CREATE, &err), 0, "another current store");
	igt_store_step bad[IGT_STORE_VERSION + 2];
	for (size_t i = 0; i < n; i++)
		bad[i] = (igt_store_step){real[i].to, "SELECT 1"};
	bad[n] = (igt_store_step){later, "ALTER TABLE documents ADD COLUMN extra TEXT;"};
	bad[n + 1] = (igt_store_step){later + 1, "THIS IS NOT SQL;"};
	ok(igt_store_migrate(db, path3, bad, n + 2, &err) != 0, "a step that fails: the migration fails");
	snprintf(msg, sizeof(msg), "upgrading the schema from version %d to %d failed",
	         IGT_STORE_VERSION, later + 1);
	like(err.message, msg, "naming the versions");
	is_int(query_int(db, "PRAGMA user_version"), IGT_STORE_VERSION, "the version is unchanged");
	is_int(query_int(db, "SELECT count(*) FROM pragma_table_info('documents') "
	                     "WHERE name = 'extra'"),
	       0, "the earlier step of the same migration was rolled back");
	sqlite3_close(db);
	free(path);
	free(path3);
}

/* A store of schema version 1, made as the first release made it, with
 * metrics and corpus rows: opening it brings it to the current version
 * with every row kept. */
static void test_upgrade_from_v1(void)
{
	char *path = path_in("v1.db");
	sqlite3 *db;
	igt_error err;
	size_t n;
	const igt_store_step *real = igt_store_steps(&n);
	sqlite3_open(path, &db);
	ok(sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) == SQLITE_OK &&
	       igt_store_migrate(db, path, real, 1, &err) == 0,
	   "a version 1 store");
	ok(sqlite3_exec(db,
	                "INSERT INTO runs (id, job, pid, igtext_version, started) VALUES "
	                "(1, 'j', 1, 'v', 'now');"
	                "INSERT INTO documents (key, id, content_sha256, first_run, last_run) VALUES "
	                "(1, 'doc-1', 'h', 1, 1), (2, 'doc-2', 'h', 1, 1);"
	                "INSERT INTO metrics (doc, plugin, idx, value) VALUES "
	                "(1, 'stats', 0, '{\"words\":3}'), (2, 'stats', 0, '{\"words\":5}'),"
	                "(2, 'dedup', 1, '{\"cluster\":null}');"
	                "INSERT INTO annotations (doc, idx, plugin, type, segment, span_offset,"
	                " span_length, value, score) VALUES "
	                "(1, 0, 'entities', 'entity', 0, 4, 5, '{\"name\":\"ICANN\"}', 1.0),"
	                "(1, 1, 'entities', 'entity', 2, 0, 4, '{\"name\":\"IANA\"}', 0.75),"
	                "(1, 2, 'taxonomy', 'topic', 2, 0, 9, NULL, NULL),"
	                "(1, 3, 'entities', 'flag', 0, 0, 1, 'true', NULL);"
	                "INSERT INTO corpus_rows (run_id, tbl, idx, doc_id, row) VALUES "
	                "(1, 'keywords', 0, 'doc-1', '{\"doc_id\":\"doc-1\"}'),"
	                "(1, 'keywords', 1, 'doc-2', '{\"doc_id\":\"doc-2\"}');",
	                NULL, NULL, NULL) == SQLITE_OK,
	   "with metrics and corpus rows");
	is_int(query_int(db, "PRAGMA user_version"), 1, "it is version 1");
	sqlite3_close(db);
	is_int(igt_store_open(&db, path, IGT_STORE_CREATE, &err), 0, "opening it upgrades it");
	is_int(query_int(db, "PRAGMA user_version"), IGT_STORE_VERSION, "to the current version");
	is_int(query_int(db, "SELECT count(*) FROM metrics"), 3, "every metric is kept");
	is_int(query_int(db, "SELECT count(*) FROM metrics WHERE doc = 2 AND plugin = 'stats' AND "
	                     "value = '{\"words\":5}'"),
	       1, "with its values");
	is_int(query_int(db, "SELECT count(*) FROM corpus_rows WHERE doc_id = 'doc-2'"), 1,
	       "every corpus row is kept");
	is_int(query_int(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('metrics', "
	                     "'corpus_rows') AND sql NOT LIKE '%WITHOUT ROWID%'"),
	       2, "metrics and corpus_rows are rowid tables");
	is_int(query_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'corpus_rows_doc'"), 1,
	       "corpus rows are still found by document");
	is_int(query_int(db, "SELECT count(*) FROM annotation_sets WHERE doc = 1"), 3,
	       "annotations become runs: consecutive annotations of one plugin");
	is_int(query_int(db, "SELECT count(*) FROM annotations"), 4,
	       "the annotations view gives every annotation");
	is_int(query_int(db, "SELECT count(DISTINCT idx) = 4 AND min(idx) = 0 AND max(idx) = 3 FROM "
	                     "annotations WHERE doc = 1"),
	       1, "each at its own place");
	is_int(query_int(db, "SELECT count(*) FROM annotations WHERE doc = 1 AND idx = 3 AND "
	                     "plugin = 'entities' AND type = 'flag' AND value = 'true'"),
	       1, "a plugin's later run keeps its place, and a scalar value its JSON text");
	is_int(query_int(db, "SELECT count(*) FROM annotations WHERE doc = 1 AND idx = 1 AND "
	                     "plugin = 'entities' AND type = 'entity' AND segment = 2 AND "
	                     "span_offset = 0 AND span_length = 4 AND value = '{\"name\":\"IANA\"}' "
	                     "AND score = 0.75"),
	       1, "with every column as it was");
	is_int(query_int(db, "SELECT count(*) FROM annotations WHERE idx = 2 AND plugin = 'taxonomy' "
	                     "AND value IS NULL AND score IS NULL"),
	       1, "and no value or score where there was none");
	ok(sqlite3_exec(db, "INSERT INTO metrics (doc, plugin, idx, value) VALUES (1, 'stats', 5, '{}')",
	                NULL, NULL, NULL) != SQLITE_OK,
	   "a document still has one row per plugin");
	ok(sqlite3_exec(db, "DELETE FROM documents WHERE key = 1", NULL, NULL, NULL) == SQLITE_OK &&
	       query_int(db, "SELECT count(*) FROM metrics WHERE doc = 1") == 0 &&
	       query_int(db, "SELECT count(*) FROM annotation_sets WHERE doc = 1") == 0,
	   "and its metrics and annotations still go with it");
	sqlite3_close(db);
	free(path);
}

static void test_refusals(void)
{
	sqlite3 *db;
	igt_error err;
	char *other = path_in("other.db");
	sqlite3_open(other, &db);
	sqlite3_exec(db, "CREATE TABLE mine (x)", NULL, NULL, NULL);
	sqlite3_close(db);
	ok(igt_store_open(&db, other, IGT_STORE_CREATE, &err) == IGT_ECONFIG,
	   "someone else's database is refused");
	like(err.message, "not an igtext store", "saying why");
	sqlite3_open(other, &db);
	is_int(query_int(db, "SELECT count(*) FROM sqlite_master"), 1, "and left untouched");
	sqlite3_close(db);

	char *text = path_in("text.db");
	FILE *f = fopen(text, "w");
	for (int i = 0; i < 100; i++)
		fputs("this is a text file, not a database\n", f);
	fclose(f);
	ok(igt_store_open(&db, text, IGT_STORE_CREATE, &err) != 0, "a text file is refused");
	like(err.message, "text.db", "naming it");
	free(other);
	free(text);
}

static void test_lock(void)
{
	char *path = path_in("locked.db");
	igt_store_lock *a, *b;
	long stale;
	igt_error err;
	is_int(igt_store_lock_take(&a, path, "first", &stale, &err), 0, "take the lock");
	is_int(stale, 0, "a fresh lock is not stale");
	ok(igt_store_lock_take(&b, path, "second", &stale, &err) == IGT_ELOCKED,
	   "a second holder is refused");
	char want[64];
	snprintf(want, sizeof(want), "(pid %ld, started ", (long)getpid());
	like(err.message, want, "the message names the holder's pid and start");
	like(err.message, "job 'first')", "and its job");
	igt_store_lock_release(a);
	is_int(igt_store_lock_take(&b, path, "second", &stale, &err), 0, "released: it can be taken");
	is_int(stale, 0, "a released lock is not stale");
	igt_store_lock_release(b);

	/* What a killed holder leaves: its name in the file, no flock. */
	char *lockfile = path_in("locked.db.lock");
	FILE *f = fopen(lockfile, "w");
	fputs("pid 999999, started 2026-01-01T00:00:00Z, job 'gone'\n", f);
	fclose(f);
	is_int(igt_store_lock_take(&a, path, "third", &stale, &err), 0, "a stale lock is taken over");
	is_int(stale, 999999, "and the dead holder's pid is reported");
	igt_store_lock_release(a);
	free(lockfile);
	free(path);
}

int main(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof(tmpdir), "%s/igt-store-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpdir)) {
		puts("Bail out! mkdtemp");
		return 99;
	}
	test_new_store();
	test_migration();
	test_upgrade_from_v1();
	test_refusals();
	test_lock();
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	return done_testing();
}
