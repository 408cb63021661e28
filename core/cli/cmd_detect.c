/* SPDX-License-Identifier: MIT */
/* igtext detect: which format plugin would read each file. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <igtext/log.h>

#include "cli.h"
#include "expand.h"
#include "pipeline.h"

static void help(void)
{
	printf("Usage: igtext detect [--all] FILE...\n\n"
	       "For each FILE, print the format plugin detection chooses and its score (0-100),\n"
	       "separated by tabs:  FILE<TAB>FORMAT<TAB>SCORE. A file no plugin recognises\n"
	       "prints '-' as its format and score 0, and is named on stderr. FILE may be a\n"
	       "folder or a glob, as for 'igtext parse'.\n\n"
	       "Options:\n"
	       "  -a, --all      print a line for every format plugin, best first\n"
	       "  -q, --quiet    print only errors on stderr\n"
	       "  -h, --help     show this help\n\n"
	       "Exit status: 0 every file was recognised; 65 some were not, or could not be\n"
	       "read; 64 usage error.\n");
}

int cmd_detect(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"all", no_argument, NULL, 'a'},
		CLI_COMMON_LONG,
		{NULL, 0, NULL, 0},
	};
	int all = 0, opt;
	while ((opt = getopt_long(argc, argv, "a" CLI_COMMON_SHORT, longopts, NULL)) != -1) {
		if (cli_common_option(opt, help))
			continue;
		if (opt == 'a')
			all = 1;
		else
			return cli_usage_error("detect", "unknown option");
	}
	if (optind >= argc)
		return cli_usage_error("detect", "no FILE given");
	igt_registry *reg = cli_registry();
	if (!reg)
		return EX_SOFTWARE;
	igt_registry_load_all(reg, IGT_FORMAT);
	int bad = 0;
	igt_pathlist files = {0};
	for (int i = optind; i < argc; i++) {
		igt_error err;
		int n = igt_expand(&files, argv[i], &err);
		if (n < 0) {
			igt_log_error(&err);
			bad = 1;
		} else if (n == 0) {
			igt_log(IGT_LOG_WARNING, "'%s' matches no files", argv[i]);
		}
	}
	for (size_t i = 0; i < files.n; i++) {
		const char *path = files.paths[i];
		igt_detection d;
		igt_error err;
		if (igt_detect_path(reg, path, &d, &err) != 0) {
			igt_log_error(&err);
			bad = 1;
			continue;
		}
		for (size_t k = 0; all && k < d.n; k++)
			printf("%s\t%s\t%d\n", path, d.all[k].module->plugin->name, d.all[k].score);
		if (all && d.best)
			continue;
		if (!d.best) {
			printf("%s\t-\t0\n", path);
			igt_log(IGT_LOG_ERROR, "%s: no format plugin recognises this input", path);
			bad = 1;
			continue;
		}
		printf("%s\t%s\t%d\n", path, d.best->plugin->name, d.score);
		if (d.runner_up && d.runner_up_score == d.score)
			igt_log(IGT_LOG_WARNING, "%s: formats '%s' and '%s' both score %d", path,
			        d.best->plugin->name, d.runner_up->plugin->name, d.score);
	}
	igt_pathlist_clear(&files);
	igt_registry_free(reg);
	if (fflush(stdout) != 0)
		return EX_IOERR;
	return bad ? EX_DATAERR : EX_OK;
}
