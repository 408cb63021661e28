/* SPDX-License-Identifier: MIT */
/* igtext parse: files to JSON Lines on stdout, no job file needed. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <igtext/log.h>

#include "cli.h"
#include "pipeline.h"

static void help(void)
{
	printf("Usage: igtext parse [--format NAME] [--coverage] [--threads N] [FILE...]\n\n"
	       "Parse each FILE and write its documents to standard output, one JSON object\n"
	       "per line. FILE may be a file, a folder (every file below it), a glob ('**'\n"
	       "matches any depth; quote it) or '-' for standard input, which is also read\n"
	       "when no FILE is given and input is not a terminal. gzip, bzip2 and xz input\n"
	       "is recognised by its content, not its name, and read transparently; zstd\n"
	       "is refused with a message (decompress it first).\n\n"
	       "Options:\n"
	       "  -f, --format NAME  read every FILE with format plugin NAME instead of\n"
	       "                     detecting the format ('igtext plugins' lists them)\n"
	       "  -c, --coverage     report on stderr every non-blank part of an input that no\n"
	       "                     document accounts for, and the share that is covered\n"
	       CLI_THREADS_HELP
	       "  -q, --quiet        print only errors\n"
	       "  -v, --verbose      also say which format was detected for each file\n"
	       "  -h, --help         show this help\n\n"
	       "Examples:\n"
	       "  igtext parse report.txt\n"
	       "  igtext parse --format plain notes.txt | jq -r '.segments[].text'\n"
	       "  zcat 2018-March.txt.gz | igtext parse -\n\n"
	       "Exit status: 0 all inputs parsed; 65 some inputs were bad (each named on\n"
	       "stderr; the others were parsed); 74 standard output could not be written;\n"
	       "64 usage error; 129/130/143 stopped by SIGHUP/SIGINT/SIGTERM. When the reader\n"
	       "of standard output goes away (igtext parse FILE | head), igtext ends quietly\n"
	       "by SIGPIPE, as grep and jq do.\n");
}

int cmd_parse(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"coverage", no_argument, NULL, 'c'},
		{"threads", required_argument, NULL, 't'},
		CLI_COMMON_LONG,
		{NULL, 0, NULL, 0},
	};
	const char *format = NULL;
	igt_pipeline_options popts = {0};
	int opt;
	while ((opt = getopt_long(argc, argv, "f:ct:" CLI_COMMON_SHORT, longopts, NULL)) != -1) {
		if (cli_common_option(opt, help))
			continue;
		switch (opt) {
		case 'f': format = optarg; break;
		case 'c': popts.coverage = 1; break;
		case 't':
			if (cli_parse_threads("parse", optarg, &popts.threads) != 0)
				return EX_USAGE;
			break;
		default: return cli_usage_error("parse", "unknown option");
		}
	}
	int use_stdin = optind >= argc;
	if (use_stdin && isatty(STDIN_FILENO))
		return cli_usage_error("parse", "no FILE given (use '-' to read standard input)");

	igt_registry *reg = cli_registry();
	if (!reg)
		return EX_SOFTWARE;
	cli_catch_signals();
	igt_error err;
	int status = EX_OK;
	igt_pipeline *p = NULL;
	igt_job *job = igt_job_new("parse");
	const igt_module *fm = NULL;
	if (format) {
		if (igt_registry_load(reg, format, &fm, &err) != 0) {
			status = cli_usage_error("parse", "%s", err.message);
			goto done;
		}
		if (fm->plugin->kind != IGT_FORMAT) {
			status = cli_usage_error("parse", "'%s' is an %s plugin, not a format plugin",
			                         format, igt_kind_name(fm->plugin->kind));
			goto done;
		}
	}
	if (use_stdin)
		igt_job_add_input(job, "-", fm);
	for (int i = optind; i < argc; i++)
		igt_job_add_input(job, argv[i], fm);
	if (igt_job_add_plugin(job, reg, IGT_OUTPUT, "jsonl", &err) != 0 ||
	    igt_pipeline_open(&p, reg, job, &popts, &err) != 0) {
		igt_log_error(&err);
		status = cli_exit_status(err.code);
		goto done;
	}
	int rc = igt_pipeline_run(p, &err);
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
	igt_log(IGT_LOG_INFO, "%zu input%s read, %zu bad; %zu document%s", st->inputs,
	        st->inputs == 1 ? "" : "s", st->inputs_failed, st->documents,
	        st->documents == 1 ? "" : "s");
	status = rc == IGT_EBADINPUT ? EX_DATAERR : EX_OK;
done:
	igt_pipeline_close(p);
	igt_job_free(job);
	igt_registry_free(reg);
	return status;
}
