/* SPDX-License-Identifier: MIT */
/*
 * Opening the store (version check, migration, pragmas) and its lock. See
 * store.h for the contract and store_schema.c for the tables.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include <igtext/log.h>

#include "store.h"
#include "store_private.h"
#include "util.h"

/* PRAGMA application_id of an igtext store: "IGTX". A database with
 * another id is someone else's and is never touched. */
#define IGT_STORE_APPLICATION_ID 0x49475458

void igt_store_now(char buf[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int int_pragma(sqlite3 *db, const char *sql, int *out)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int db_error(sqlite3 *db, const char *path, const char *what, igt_error *err)
{
	int code = sqlite3_errcode(db);
	int ours = code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_READONLY ||
	                   code == SQLITE_CANTOPEN || code == SQLITE_PERM
	               ? IGT_EIO
	           : code == SQLITE_NOTADB || code == SQLITE_CORRUPT ? IGT_ECONFIG
	                                                             : IGT_EGENERIC;
	return igt_error_set(err, ours, "%s: %s: %s", path, what, sqlite3_errmsg(db));
}

int igt_store_migrate(sqlite3 *db, const char *path, const igt_store_step *steps, size_t n,
                      igt_error *err)
{
	int version;
	if (int_pragma(db, "PRAGMA user_version", &version) != 0)
		return db_error(db, path, "cannot read the schema version", err);
	if (n == 0 || version >= steps[n - 1].to)
		return 0;
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return db_error(db, path, "cannot start the schema upgrade", err);
	for (size_t i = 0; i < n; i++) {
		if (steps[i].to <= version)
			continue;
		char pragma[64];
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", steps[i].to);
		if (sqlite3_exec(db, steps[i].sql, NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_exec(db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
			char what[96];
			snprintf(what, sizeof(what), "upgrading the schema from version %d to %d failed",
			         version, steps[i].to);
			db_error(db, path, what, err);
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			return err ? err->code : IGT_EGENERIC;
		}
	}
	char app[64];
	snprintf(app, sizeof(app), "PRAGMA application_id = %d", IGT_STORE_APPLICATION_ID);
	if (sqlite3_exec(db, app, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		db_error(db, path, "cannot commit the schema upgrade", err);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return err ? err->code : IGT_EGENERIC;
	}
	if (version > 0)
		igt_log(IGT_LOG_NOTICE, "%s: store upgraded from schema version %d to %d", path, version,
		        steps[n - 1].to);
	return 0;
}

/* Refuse what is not an igtext store this build can read. */
static int check_identity(sqlite3 *db, const char *path, unsigned flags, igt_error *err)
{
	int version, app, tables;
	if (int_pragma(db, "PRAGMA user_version", &version) != 0 ||
	    int_pragma(db, "PRAGMA application_id", &app) != 0 ||
	    int_pragma(db, "SELECT count(*) FROM sqlite_master", &tables) != 0)
		return db_error(db, path, "cannot read the database (is it an SQLite file?)", err);
	if ((app != 0 && app != IGT_STORE_APPLICATION_ID) || (app == 0 && tables > 0))
		return igt_error_set(err, IGT_ECONFIG,
		                     "%s: an SQLite database that is not an igtext store; refusing to "
		                     "change it (choose another path)",
		                     path);
	if (version > IGT_STORE_VERSION)
		return igt_error_set(err, IGT_ECONFIG,
		                     "%s: made by a newer igtext (schema version %d; this one knows up to "
		                     "%d); upgrade igtext to use it",
		                     path, version, IGT_STORE_VERSION);
	if ((flags & IGT_STORE_READONLY) && version == 0)
		return igt_error_set(err, IGT_ENOTFOUND, "%s: an empty store: no job has run into it",
		                     path);
	if ((flags & IGT_STORE_READONLY) && version < IGT_STORE_VERSION)
		return igt_error_set(err, IGT_ECONFIG,
		                     "%s: schema version %d is older than this igtext's %d; the next run "
		                     "of its job upgrades it",
		                     path, version, IGT_STORE_VERSION);
	return 0;
}

int igt_store_open(sqlite3 **out, const char *path, unsigned flags, igt_error *err)
{
	*out = NULL;
	int oflags = (flags & IGT_STORE_READONLY) ? SQLITE_OPEN_READONLY
	             : (flags & IGT_STORE_CREATE) ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
	                                          : SQLITE_OPEN_READWRITE;
	if (!(flags & IGT_STORE_CREATE) && access(path, F_OK) != 0)
		return igt_error_set(err, IGT_ENOTFOUND, "%s: no store here (%s)", path, strerror(errno));
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		int rc = db ? db_error(db, path, "cannot open the store", err)
		            : igt_error_set(err, IGT_EIO, "%s: cannot open the store", path);
		sqlite3_close(db);
		return rc == IGT_EGENERIC ? IGT_EIO : rc;
	}
	sqlite3_busy_timeout(db, 10000);
	int rc = check_identity(db, path, flags, err);
	if (rc == 0 && !(flags & IGT_STORE_READONLY)) {
		/* WAL: readers (igtext search) never wait for an import, and a
		 * killed writer leaves the last committed state. NORMAL sync is
		 * durable against a process dying at any point. The log is kept
		 * between runs (below) but cut back to 8 MB after a checkpoint.
		 * Pages of 8 KB (for a new store; an existing one keeps its
		 * own) made an import a tenth faster than 4 KB: fewer pages to
		 * split, log and checkpoint. */
		if (sqlite3_exec(db,
		                 "PRAGMA page_size = 8192; PRAGMA journal_mode = WAL;"
		                 " PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = 8388608",
		                 NULL, NULL, NULL) != SQLITE_OK)
			rc = db_error(db, path, "cannot switch the store to WAL mode", err);
		/* Keep the -wal and -shm files when the importer closes: a
		 * reader that may not write the folder (a web server's user
		 * running igtext search) can open a WAL store only when they
		 * exist. */
		int persist = 1;
		sqlite3_file_control(db, NULL, SQLITE_FCNTL_PERSIST_WAL, &persist);
		size_t n;
		const igt_store_step *steps = igt_store_steps(&n);
		if (rc == 0)
			rc = igt_store_migrate(db, path, steps, n, err);
	}
	if (rc == 0 && sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK)
		rc = db_error(db, path, "cannot enable foreign keys", err);
	if (rc) {
		sqlite3_close(db);
		return rc;
	}
	*out = db;
	return 0;
}

/* ---- the lock ---- */

struct igt_store_lock {
	int fd;
};

int igt_store_lock_take(igt_store_lock **out, const char *db_path, const char *job,
                        long *stale_pid, igt_error *err)
{
	*out = NULL;
	*stale_pid = 0;
	size_t n = strlen(db_path) + sizeof(".lock");
	char *path = igt_xmalloc(n);
	snprintf(path, n, "%s.lock", db_path);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	int writable = fd >= 0, why = errno;
	if (fd < 0 && errno == EACCES)
		fd = open(path, O_RDONLY | O_CLOEXEC); /* left by another user: flock still works */
	if (fd < 0) {
		int rc = igt_error_set(err, IGT_EIO, "%s: cannot open the store's lock: %s", path,
		                       strerror(why));
		free(path);
		return rc;
	}
	char holder[256] = "";
	ssize_t got = pread(fd, holder, sizeof(holder) - 1, 0);
	holder[got > 0 ? got : 0] = '\0';
	holder[strcspn(holder, "\n")] = '\0';
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int rc = errno == EWOULDBLOCK
		             ? igt_error_set(err, IGT_ELOCKED,
		                             "%s is in use by another run (%s); try again later", db_path,
		                             *holder ? holder : "holder unknown")
		             : igt_error_set(err, IGT_EIO, "%s: cannot lock: %s", path, strerror(errno));
		close(fd);
		free(path);
		return rc;
	}
	/* We hold it. A holder still named in the file ended without releasing
	 * it (killed): its lock is stale and now ours. */
	long pid = 0;
	if (sscanf(holder, "pid %ld", &pid) == 1 && pid > 0 && pid != (long)getpid())
		*stale_pid = pid;
	char now[32], line[320];
	igt_store_now(now);
	int len = snprintf(line, sizeof(line), "pid %ld, started %s, job '%s'\n", (long)getpid(), now,
	                   job ? job : "?");
	if (writable && (ftruncate(fd, 0) != 0 || pwrite(fd, line, (size_t)len, 0) != len)) {
		int rc = igt_error_set(err, IGT_EIO, "%s: cannot write the store's lock: %s", path,
		                       strerror(errno));
		close(fd);
		free(path);
		return rc;
	}
	free(path);
	igt_store_lock *lock = igt_xmalloc(sizeof(*lock));
	lock->fd = fd;
	*out = lock;
	return 0;
}

void igt_store_lock_release(igt_store_lock *lock)
{
	if (!lock)
		return;
	/* Empty the file first: a holder named in it means a killed run. */
	if (ftruncate(lock->fd, 0) != 0) {
		/* The lock goes with the descriptor anyway; the next run will only
		 * call it stale. */
	}
	close(lock->fd);
	free(lock);
}
