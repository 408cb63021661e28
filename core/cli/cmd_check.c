/* SPDX-License-Identifier: MIT */
/* igtext check: validate a job file without running it. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <igtext/log.h>

#include "cli.h"
#include "expand.h"
#include "job.h"

static void help(void)
{
	printf("Usage: igtext check JOB.yaml\n\n"
	       "Check a job file the way 'igtext run' would before reading any input: the YAML,\n"
	       "every key, every plugin (which is loaded) and every option value, and that\n"
	       "each input names something that exists. Problems are printed as\n"
	       "FILE:LINE:COLUMN: message. Nothing is read, written or changed.\n\n"
	       "Options:\n"
	       "  -q, --quiet    print nothing when the job is fine\n"
	       "  -h, --help     show this help\n\n"
	       "Exit status: 0 the job is fine; 78 the job file is wrong; 65 it is fine but an\n"
	       "input does not exist; 66 the job file does not exist; 64 usage error.\n");
}

int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {CLI_COMMON_LONG, {NULL, 0, NULL, 0}};
	int opt;
	while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, longopts, NULL)) != -1)
		if (!cli_common_option(opt, help))
			return cli_usage_error("check", "unknown option");
	if (argc - optind != 1)
		return cli_usage_error("check", "give exactly one JOB.yaml");
	igt_registry *reg = cli_registry();
	if (!reg)
		return EX_SOFTWARE;
	igt_job *job;
	igt_error err;
	int rc = igt_job_load(&job, reg, argv[optind], &err);
	if (rc) {
		fprintf(stderr, "%s\n", err.message);
		igt_registry_free(reg);
		return rc == IGT_ENOTFOUND ? EX_NOINPUT : EX_CONFIG;
	}
	size_t files = 0;
	int bad = 0;
	for (size_t i = 0; i < job->n_inputs; i++) {
		igt_pathlist list = {0};
		int n = igt_expand(&list, job->inputs[i].pattern, &err);
		if (n < 0) {
			fprintf(stderr, "%s:%d:%d: %s\n", job->file, job->inputs[i].line, job->inputs[i].col,
			        err.message);
			bad = 1;
		} else if (n == 0) {
			igt_log(IGT_LOG_WARNING, "%s:%d:%d: '%s' matches no files (yet)", job->file,
			        job->inputs[i].line, job->inputs[i].col, job->inputs[i].pattern);
		}
		files += list.n;
		igt_pathlist_clear(&list);
	}
	if (!bad)
		igt_log(IGT_LOG_NOTICE, "%s: job '%s' is valid: %zu input entries (%zu files now), %zu "
		        "analysis plugins, %zu outputs",
		        job->file, job->name, job->n_inputs, files, job->n_pipeline, job->n_outputs);
	igt_job_free(job);
	igt_registry_free(reg);
	return bad ? EX_DATAERR : EX_OK;
}
