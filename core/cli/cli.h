/* SPDX-License-Identifier: MIT */
/* Shared parts of the igtext command line: one function per verb, exit
 * status mapping, and the registry every verb starts from. */
#ifndef IGT_CLI_H
#define IGT_CLI_H

#include <getopt.h>
#include <sysexits.h>

#include "module.h"
#include "store.h"

int cmd_parse(int argc, char **argv);
int cmd_detect(int argc, char **argv);
int cmd_plugins(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_runs(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_show(int argc, char **argv);

/* Register the preloaded plugins (builtin.c). */
void cli_register_builtins(void);

/* sysexits(3) status for a core return code. */
int cli_exit_status(int code);
/* A registry with the built-in plugins; NULL after printing why. */
igt_registry *cli_registry(void);

/* Options every verb accepts: -q, -v, -h. Returns 1 if opt was one of
 * them (handled), 0 otherwise. help prints the verb's help. */
int cli_common_option(int opt, void (*help)(void));
#define CLI_COMMON_SHORT "qvh"
#define CLI_COMMON_LONG                                                                         \
	{"quiet", no_argument, NULL, 'q'}, {"verbose", no_argument, NULL, 'v'},                     \
	{"help", no_argument, NULL, 'h'}

/* The store of a look-up verb, opened read-only: --db PATH, else the
 * sqlite output of --job JOB.yaml, else $IGTEXT_DB, else ./igtext.db.
 * EX_OK, or the exit status after printing why. */
int cli_store_open(const char *verb, const char *db_opt, const char *job_opt, sqlite3 **db,
                   char **path);
#define CLI_STORE_LONG                                                                          \
	{"db", required_argument, NULL, 'd'}, {"job", required_argument, NULL, 'j'}
#define CLI_STORE_HELP                                                                          \
	"  -d, --db PATH  the store (default: --job's sqlite output, $IGTEXT_DB, ./igtext.db)\n"    \
	"  -j, --job JOB  use the store of this job file's sqlite output\n"

/* Stop a run cleanly on SIGINT, SIGTERM and SIGHUP: the pipeline stops
 * after the current plugin call, outputs write nothing more and are
 * abandoned (a temporary file is removed); the status is 128 + the
 * signal's number. */
void cli_catch_signals(void);
/* For igtext run: ignore SIGPIPE, so that a write to a pipe whose reader
 * has gone fails (EPIPE) instead of killing the process. The run then
 * stops like on any failed output: it says so, exits 74, leaves no
 * temporary file and a store records the run as incomplete. The other
 * verbs keep SIGPIPE's default: they have nothing to record, and die
 * quietly when their reader goes away, as grep and jq do. */
void cli_ignore_sigpipe(void);

/* --limit N of the look-up verbs: 0 or more (0: all). 0 when arg is a
 * number (*out set), else EX_USAGE after saying so. */
int cli_parse_limit(const char *verb, const char *arg, long *out);

/* --threads N of parse and run: 0 (one per processor) to CLI_MAX_THREADS.
 * 0 when arg is such a number (*out set), else EX_USAGE after saying so. */
#define CLI_MAX_THREADS 256
int cli_parse_threads(const char *verb, const char *arg, long *out);
#define CLI_THREADS_HELP                                                                        \
	"  -t, --threads N    processors to spread the work over: inputs parsed at once,\n"       \
	"                     plugins side by side (default 0: one per processor; 1: all\n"       \
	"                     on one thread); the output is the same for any N\n"

/* Print "Try 'igtext VERB --help'." and return EX_USAGE. */
int cli_usage_error(const char *verb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
