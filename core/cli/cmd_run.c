/* SPDX-License-Identifier: MIT */
/* igtext run: run a job file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <igtext/log.h>

#include "cli.h"
#include "pipeline.h"

static void help(void)
{
	printf("Usage: igtext run [--coverage] [--threads N] JOB.yaml\n\n"
	       "Run a job: check it (as 'igtext check' does), then read every input, pass each\n"
	       "document through the pipeline's analysis plugins and write it to every output.\n"
	       "Relative paths in the job are relative to the job file's folder, so a job runs\n"
	       "the same from cron as from a shell. A bad input (missing, empty, binary,\n"
	       "malformed) is named on stderr and the run goes on with the others. A summary\n"
	       "is printed on stderr unless -q; a progress line appears on a terminal only.\n\n"
	       "Options:\n"
	       "  -c, --coverage     report input text that no document accounts for\n"
	       CLI_THREADS_HELP
	       "  -q, --quiet        print only errors: a good run prints nothing (for cron)\n"
	       "  -v, --verbose      also name each input and its detected format\n"
	       "  -h, --help         show this help\n\n"
	       "A minimal job:\n"
	       "  job: reports\n"
	       "  inputs:\n"
	       "    - path: records/**/*.txt\n"
	       "      format: auto\n"
	       "  outputs:\n"
	       "    - jsonl: { path: out/reports.jsonl }\n\n"
	       "Exit status: 0 done; 65 some inputs were bad (the rest were imported); 74 an\n"
	       "output could not be written (a full disk; standard output a pipe whose reader\n"
	       "has gone, such as head: the run stops and says so); 75 another run holds the\n"
	       "store's lock; 78 the job file is wrong; 66 it does not exist; 64 usage error;\n"
	       "129/130/143 stopped by SIGHUP/SIGINT/SIGTERM: a JSON Lines file is not\n"
	       "replaced, a store keeps the inputs committed before the signal and records\n"
	       "the run as incomplete.\n");
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int cmd_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"coverage", no_argument, NULL, 'c'},
		{"threads", required_argument, NULL, 't'},
		CLI_COMMON_LONG,
		{NULL, 0, NULL, 0},
	};
	igt_pipeline_options popts = {0};
	int opt;
	while ((opt = getopt_long(argc, argv, "ct:" CLI_COMMON_SHORT, longopts, NULL)) != -1) {
		if (cli_common_option(opt, help))
			continue;
		if (opt == 'c')
			popts.coverage = 1;
		else if (opt == 't') {
			if (cli_parse_threads("run", optarg, &popts.threads) != 0)
				return EX_USAGE;
		} else
			return cli_usage_error("run", "unknown option");
	}
	if (argc - optind != 1)
		return cli_usage_error("run", "give exactly one JOB.yaml");
	popts.progress = isatty(STDERR_FILENO) && igt_log_get_level() >= IGT_LOG_NOTICE;

	double t0 = now();
	igt_registry *reg = cli_registry();
	if (!reg)
		return EX_SOFTWARE;
	cli_catch_signals();
	cli_ignore_sigpipe();
	igt_job *job = NULL;
	igt_pipeline *p = NULL;
	igt_error err;
	int status;
	int rc = igt_job_load(&job, reg, argv[optind], &err);
	if (rc) {
		fprintf(stderr, "%s\n", err.message);
		status = rc == IGT_ENOTFOUND ? EX_NOINPUT : EX_CONFIG;
		goto done;
	}
	if (igt_pipeline_open(&p, reg, job, &popts, &err) != 0) {
		igt_log_error(&err);
		status = cli_exit_status(err.code);
		goto done;
	}
	rc = igt_pipeline_run(p, &err);
	if (rc != 0 && rc != IGT_EBADINPUT) {
		igt_log_error(&err);
		status = cli_exit_status(rc);
		goto done;
	}
	int commit_rc = igt_pipeline_commit(p, &err);
	if (commit_rc != 0) {
		igt_log_error(&err);
		status = commit_rc == IGT_EINTERRUPTED ? cli_exit_status(commit_rc) : EX_IOERR;
		goto done;
	}
	const igt_run_stats *st = igt_pipeline_stats(p);
	size_t read = st->inputs - st->inputs_skipped;
	char skipped[64] = "";
	if (st->inputs_skipped)
		snprintf(skipped, sizeof(skipped), ", %zu unchanged", st->inputs_skipped);
	igt_log(IGT_LOG_NOTICE, "job '%s': %zu input%s read, %zu bad%s; %zu document%s imported "
	        "(%.1f MB in %.2f s)",
	        job->name, read, read == 1 ? "" : "s", st->inputs_failed, skipped, st->documents,
	        st->documents == 1 ? "" : "s", (double)st->bytes / 1e6, now() - t0);
	status = rc == IGT_EBADINPUT ? EX_DATAERR : EX_OK;
done:
	igt_pipeline_close(p);
	igt_job_free(job);
	igt_registry_free(reg);
	return status;
}
