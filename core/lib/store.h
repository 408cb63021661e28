/* SPDX-License-Identifier: MIT */
/*
 * The embedded store: one SQLite database per job, written by the sqlite
 * output plugin and read by `igtext runs`, `search` and `show`. Both sides
 * open it here, so the schema, its version and its migrations live in one
 * place. The tables are described in plugins/output/sqlite/README.md.
 *
 * Not part of the installed API: the sqlite plugin and the command line
 * are built with the core.
 */
#ifndef IGT_STORE_H
#define IGT_STORE_H

#include <stddef.h>
#include <sqlite3.h>

#include <igtext/error.h>

/* The schema this build writes (PRAGMA user_version). */
#define IGT_STORE_VERSION 3

/* One step forward: the SQL that turns version to - 1 into version to. */
typedef struct igt_store_step {
	int to;
	const char *sql;
} igt_store_step;

enum {
	IGT_STORE_CREATE = 1 << 0, /* create the file and the schema when missing */
	IGT_STORE_READONLY = 1 << 1, /* for look-ups: never writes (an old store is refused) */
};

/* Open the store at path: WAL journal, foreign keys on, a busy timeout for
 * readers meeting a writer's checkpoint. A store of an older version is
 * migrated forward in one transaction (never in READONLY mode); a newer
 * one, or a database that is not an igtext store, is refused. */
int igt_store_open(sqlite3 **out, const char *path, unsigned flags, igt_error *err);

/* Bring db from its user_version to the last step's, applying each later
 * step in order inside one transaction. Exposed for the tests, which add
 * steps of their own. */
int igt_store_migrate(sqlite3 *db, const char *path, const igt_store_step *steps, size_t n,
                      igt_error *err);

/* The store's lock: PATH.lock beside the database, held with flock() for
 * the whole run, so it is released by the kernel when the holder dies
 * however it dies; the file names the holder (pid, start, job) for the
 * message a second run prints. */
typedef struct igt_store_lock igt_store_lock;
/* IGT_ELOCKED (err names the holder) when another process holds it. When
 * the file names a holder that no longer runs, *stale_pid is set to it
 * (0 otherwise) so the caller can say it took the lock over. */
int igt_store_lock_take(igt_store_lock **out, const char *db_path, const char *job,
                        long *stale_pid, igt_error *err);
void igt_store_lock_release(igt_store_lock *lock); /* accepts NULL */

/* The current time as ISO 8601 UTC with seconds ("2026-11-21T09:30:00Z"). */
void igt_store_now(char buf[32]);

#endif
