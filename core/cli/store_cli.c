/* SPDX-License-Identifier: MIT */
/*
 * Finding and opening the store for the look-up verbs (runs, search,
 * show): --db PATH, else the sqlite output of --job JOB.yaml, else
 * $IGTEXT_DB, else ./igtext.db (the sqlite output's default path). The
 * store is opened read-only: a look-up never changes it and never waits
 * for a running import (WAL).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <igtext/log.h>

#include "cli.h"
#include "job.h"
#include "util.h"

/* The path option of the job's first sqlite output, read through the
 * plugin's option table (the CLI does not know its config struct). */
static char *job_store_path(const char *job_path, int *status)
{
	igt_registry *reg = cli_registry();
	if (!reg) {
		*status = EX_SOFTWARE;
		return NULL;
	}
	igt_job *job;
	igt_error err;
	int rc = igt_job_load(&job, reg, job_path, &err);
	if (rc) {
		fprintf(stderr, "%s\n", err.message);
		igt_registry_free(reg);
		*status = rc == IGT_ENOTFOUND ? EX_NOINPUT : EX_CONFIG;
		return NULL;
	}
	char *path = NULL;
	for (size_t i = 0; i < job->n_outputs && !path; i++) {
		const igt_plugin *pl = job->outputs[i].module->plugin;
		if (strcmp(pl->name, "sqlite") != 0 || !pl->options)
			continue;
		for (const igt_option *o = pl->options; o->name && !path; o++)
			if (strcmp(o->name, "path") == 0 && o->type == IGT_OPT_PATH)
				path = igt_xstrdup(*(char **)((char *)job->outputs[i].config + o->offset));
	}
	if (!path) {
		fprintf(stderr, "igtext: %s: the job has no sqlite output, so no store\n", job_path);
		*status = EX_CONFIG;
	}
	igt_job_free(job);
	igt_registry_free(reg);
	return path;
}

int cli_store_open(const char *verb, const char *db_opt, const char *job_opt, sqlite3 **db,
                   char **path_out)
{
	*db = NULL;
	*path_out = NULL;
	int status = EX_OK;
	char *path = NULL;
	if (db_opt)
		path = igt_xstrdup(db_opt);
	else if (job_opt)
		path = job_store_path(job_opt, &status);
	else if (getenv("IGTEXT_DB") && *getenv("IGTEXT_DB"))
		path = igt_xstrdup(getenv("IGTEXT_DB"));
	else if (access("igtext.db", F_OK) == 0)
		path = igt_xstrdup("igtext.db");
	else
		return cli_usage_error(verb, "which store? give --db PATH or --job JOB.yaml, or set "
		                             "IGTEXT_DB (there is no ./igtext.db)");
	if (!path)
		return status;
	igt_error err;
	int rc = igt_store_open(db, path, IGT_STORE_READONLY, &err);
	if (rc) {
		igt_log_error(&err);
		free(path);
		return cli_exit_status(rc);
	}
	*path_out = path;
	return EX_OK;
}

int cli_parse_threads(const char *verb, const char *arg, long *out)
{
	char *end;
	long n = strtol(arg, &end, 10);
	if (end == arg || *end || n < 0 || n > CLI_MAX_THREADS)
		return cli_usage_error(verb, "--threads wants a number from 0 (one per processor) to %d",
		                       CLI_MAX_THREADS);
	*out = n;
	return 0;
}

int cli_parse_limit(const char *verb, const char *arg, long *out)
{
	char *end;
	long n = strtol(arg, &end, 10);
	if (end == arg || *end || n < 0)
		return cli_usage_error(verb, "--limit wants a number (0 for all)");
	*out = n;
	return 0;
}
