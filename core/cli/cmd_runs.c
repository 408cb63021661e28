/* SPDX-License-Identifier: MIT */
/* igtext runs: the past runs recorded in a store, newest first. */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void help(void)
{
	printf("Usage: igtext runs [--db PATH | --job JOB.yaml] [--limit N] [--json]\n\n"
	       "List the runs recorded in a store, newest first: when each started and ended,\n"
	       "how it ended, and what it did with its inputs and documents.\n\n"
	       "  STATUS    done; incomplete (stopped by a signal or an error: the inputs it\n"
	       "            committed are kept); killed (ended without a word, e.g. kill -9;\n"
	       "            found by the next run); running\n"
	       "  SEEN      inputs the job named;  SKIPPED unchanged since imported\n"
	       "  IMPORTED  inputs read and committed;  FAILED bad inputs (see the run's stderr)\n"
	       "  ADDED, UPDATED, VANISHED  documents new, changed, and no longer in their input\n\n"
	       "Options:\n" CLI_STORE_HELP
	       "  -n, --limit N  show at most N runs (default 20; 0 for all)\n"
	       "      --json     one JSON object per run, for scripts\n"
	       "  -h, --help     show this help\n\n"
	       "Exit status: 0 done; 66 no store there; 64 usage; 78 not an igtext store.\n");
}

static const char *const columns[] = {
	"id", "job", "pid", "started", "ended", "status", "inputs_seen", "inputs_skipped",
	"inputs_imported", "inputs_failed", "documents_added", "documents_updated",
	"documents_unchanged", "documents_vanished",
};
#define N_COLUMNS (sizeof(columns) / sizeof(columns[0]))

static void print_json(sqlite3_stmt *st)
{
	json_t *o = json_object();
	for (int i = 0; i < (int)N_COLUMNS; i++) {
		json_t *v;
		switch (sqlite3_column_type(st, i)) {
		case SQLITE_INTEGER: v = json_integer(sqlite3_column_int64(st, i)); break;
		case SQLITE_NULL: v = json_null(); break;
		default: v = json_string((const char *)sqlite3_column_text(st, i)); break;
		}
		json_object_set_new(o, columns[i], v ? v : json_null());
	}
	json_dumpf(o, stdout, JSON_COMPACT | IGT_JSON_REALS);
	putchar('\n');
	json_decref(o);
}

static const char *text(sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return s ? s : "-";
}

static void print_row(sqlite3_stmt *st)
{
	printf("%4lld  %-20s  %-20s  %-10s  %5lld %7lld %8lld %6lld  %5lld %7lld %8lld  %s\n",
	       sqlite3_column_int64(st, 0), text(st, 3), text(st, 4), text(st, 5),
	       sqlite3_column_int64(st, 6), sqlite3_column_int64(st, 7), sqlite3_column_int64(st, 8),
	       sqlite3_column_int64(st, 9), sqlite3_column_int64(st, 10),
	       sqlite3_column_int64(st, 11), sqlite3_column_int64(st, 13), text(st, 1));
}

int cmd_runs(int argc, char **argv)
{
	static const struct option longopts[] = {CLI_COMMON_LONG, CLI_STORE_LONG,
	                                         {"limit", required_argument, NULL, 'n'},
	                                         {"json", no_argument, NULL, 'J'},
	                                         {NULL, 0, NULL, 0}};
	const char *db_opt = NULL, *job_opt = NULL;
	long limit = 20;
	int as_json = 0, opt;
	while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT "d:j:n:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd': db_opt = optarg; break;
		case 'j': job_opt = optarg; break;
		case 'J': as_json = 1; break;
		case 'n':
			if (cli_parse_limit("runs", optarg, &limit) != 0)
				return EX_USAGE;
			break;
		default:
			if (!cli_common_option(opt, help))
				return cli_usage_error("runs", "unknown option");
		}
	}
	if (optind != argc)
		return cli_usage_error("runs", "unexpected argument '%s'", argv[optind]);
	sqlite3 *db;
	char *path;
	int status = cli_store_open("runs", db_opt, job_opt, &db, &path);
	if (status != EX_OK)
		return status;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db,
	                       "SELECT id, job, pid, started, ended, status, inputs_seen, "
	                       "inputs_skipped, inputs_imported, inputs_failed, documents_added, "
	                       "documents_updated, documents_unchanged, documents_vanished "
	                       "FROM runs ORDER BY id DESC LIMIT ?1",
	                       -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "igtext: %s: %s\n", path, sqlite3_errmsg(db));
		status = EX_SOFTWARE;
	} else {
		sqlite3_bind_int64(st, 1, limit ? limit : -1);
		if (!as_json)
			printf(" RUN  STARTED               ENDED                 STATUS       SEEN SKIPPED "
			       "IMPORTED FAILED  ADDED UPDATED VANISHED  JOB\n");
		while (sqlite3_step(st) == SQLITE_ROW)
			as_json ? print_json(st) : print_row(st);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	free(path);
	return status;
}
