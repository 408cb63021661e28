/* SPDX-License-Identifier: MIT */
/*
 * igtext: the command line. Global options, then a verb; each verb lives
 * in its own cmd_*.c file. Exit status follows sysexits(3).
 */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef HAVE_MIMALLOC
#include <mimalloc.h>
#endif

#include <igtext/log.h>

#include "cli.h"
#include "pipeline.h"
#include "util.h"

static const struct verb {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
} verbs[] = {
	{"run", cmd_run, "run a job file: read its inputs, analyse, write its outputs"},
	{"parse", cmd_parse, "parse files and print one JSON document per line (no job file needed)"},
	{"detect", cmd_detect, "tell which format plugin would read each file, and its score"},
	{"plugins", cmd_plugins, "list the plugins, or show one plugin's options"},
	{"check", cmd_check, "check a job file without running it"},
	{"search", cmd_search, "full-text search of a store: hits with title, event, date, speaker"},
	{"show", cmd_show, "print stored documents by id, as JSON"},
	{"runs", cmd_runs, "list the runs recorded in a store (imported, skipped, failed)"},
	{NULL, NULL, NULL},
};

static void usage(FILE *f)
{
	fprintf(f, "Usage: igtext [-q|-v] COMMAND [ARGS]\n\n"
	           "Turn the records of Internet-governance meetings (session reports, captioning\n"
	           "transcripts, mailing-list archives, forum highlights, articles) into structured,\n"
	           "searchable data.\n\nCommands:\n");
	for (const struct verb *v = verbs; v->name; v++)
		fprintf(f, "  %-8s %s\n", v->name, v->summary);
	fprintf(f,
	        "\nOptions:\n"
	        "  -q, --quiet    print only errors (for cron: a clean run prints nothing)\n"
	        "  -v, --verbose  say more; repeat for debugging output\n"
	        "  -h, --help     show this help; 'igtext COMMAND --help' for a command\n"
	        "  -V, --version  show the version\n"
	        "\nExamples:\n"
	        "  igtext parse report.txt | jq .title\n"
	        "  igtext detect archive/*.txt.gz\n"
	        "  igtext check configs/example.yaml && igtext -q run configs/example.yaml\n"
	        "  igtext search --job configs/example.yaml multistakeholder OR multi-stakeholder\n"
	        "\nEnvironment:\n"
	        "  IGTEXT_PLUGIN_PATH  colon-separated folders searched for plugins first\n"
	        "  IGTEXT_DB           the store search, show and runs use without --db/--job\n"
	        "\nExit status: 0 done; 64 usage; 65 some inputs were bad (the rest were\n"
	        "processed); 66 a named file does not exist; 74 an output could not be\n"
	        "written (for run, also standard output piped to a reader that has gone);\n"
	        "75 the store is locked by another run; 78 the job file or an option is\n"
	        "wrong; 129, 130, 143 stopped by SIGHUP, SIGINT, SIGTERM. parse, search,\n"
	        "show and runs end quietly by SIGPIPE (141) when their reader goes away.\n"
	        "\nSee igtext(1) and docs/architecture.md.\n");
}

static void on_signal(int sig)
{
	igt_pipeline_interrupt(sig);
	/* A write to a pipe nobody reads, when the signal came after part of
	 * it went through, is only shortened, and stdio writes the rest,
	 * blocked again: an alarm every second interrupts it again until the
	 * run has stopped. */
	alarm(1);
}

/* After a stop signal, the alarm interrupts this thread and passes the
 * stop signal on to the worker threads again (a thread waiting for the
 * workers to finish may not be passing it on by itself). An alarm from
 * elsewhere (timeout -s ALRM) stops the run, as SIGALRM used to. */
static void on_alarm(int sig)
{
	if (!igt_pipeline_interrupted()) {
		on_signal(sig);
		return;
	}
	igt_pipeline_repeat_signal();
	alarm(1);
}

void cli_catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a blocked read or write returns (EINTR) */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
}

void cli_ignore_sigpipe(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, NULL);
}

int cli_exit_status(int code)
{
	switch (code) {
	case IGT_EINTERRUPTED: return 128 + (igt_pipeline_interrupted() ? igt_pipeline_interrupted() : 2);
	case IGT_OK: return EX_OK;
	case IGT_EBADINPUT: return EX_DATAERR;
	case IGT_ENOTFOUND: return EX_NOINPUT;
	case IGT_ECONFIG: return EX_CONFIG;
	case IGT_EUSAGE: return EX_USAGE;
	case IGT_EIO: return EX_IOERR;
	case IGT_ELOCKED: return EX_TEMPFAIL;
	default: return EX_SOFTWARE;
	}
}

igt_registry *cli_registry(void)
{
	igt_registry *reg;
	igt_error err;
	if (igt_registry_new(&reg, NULL, &err) != 0) {
		igt_log_error(&err);
		return NULL;
	}
	return reg;
}

int cli_common_option(int opt, void (*help)(void))
{
	switch (opt) {
	case 'q': igt_log_set_level(IGT_LOG_ERROR); return 1;
	case 'v':
		igt_log_set_level(igt_log_get_level() < IGT_LOG_INFO ? IGT_LOG_INFO : IGT_LOG_DEBUG);
		return 1;
	case 'h': help(); exit(EX_OK);
	}
	return 0;
}

int cli_usage_error(const char *verb, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "igtext%s%s: %s\nTry 'igtext%s%s --help'.\n", verb ? " " : "",
	        verb ? verb : "", msg, verb ? " " : "", verb ? verb : "");
	return EX_USAGE;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"quiet", no_argument, NULL, 'q'}, {"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},  {"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	cli_register_builtins();
	int opt;
	/* '+': stop at the verb, whose own options follow it. */
	while ((opt = getopt_long(argc, argv, "+qvhV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'q': igt_log_set_level(IGT_LOG_ERROR); break;
		case 'v':
			igt_log_set_level(igt_log_get_level() < IGT_LOG_INFO ? IGT_LOG_INFO : IGT_LOG_DEBUG);
			break;
		case 'h': usage(stdout); return EX_OK;
		case 'V':
#ifdef HAVE_MIMALLOC
			/* mi_version() is 209 for 2.0.9. */
			printf("igtext %s (plugin ABI %d, mimalloc %d.%d.%d)\n", PACKAGE_VERSION,
			       IGT_PLUGIN_ABI, mi_version() / 100, mi_version() / 10 % 10,
			       mi_version() % 10);
#else
			printf("igtext %s (plugin ABI %d)\n", PACKAGE_VERSION, IGT_PLUGIN_ABI);
#endif
			return EX_OK;
		default: return cli_usage_error(NULL, "unknown option");
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EX_USAGE;
	}
	const char *name = argv[optind];
	if (strcmp(name, "help") == 0) {
		if (optind + 1 >= argc) {
			usage(stdout);
			return EX_OK;
		}
		name = argv[optind + 1];
		for (const struct verb *v = verbs; v->name; v++) {
			if (strcmp(v->name, name) == 0) {
				char *help_argv[] = {(char *)name, (char *)"--help", NULL};
				optind = 0;
				return v->fn(2, help_argv);
			}
		}
	}
	for (const struct verb *v = verbs; v->name; v++) {
		if (strcmp(v->name, name) == 0) {
			int vargc = argc - optind;
			char **vargv = argv + optind;
			optind = 0; /* restart getopt for the verb's own options */
			return v->fn(vargc, vargv);
		}
	}
	const char *names[8];
	size_t n = 0;
	for (const struct verb *v = verbs; v->name && n < 7; v++)
		names[n++] = v->name;
	names[n] = NULL;
	const char *hint = igt_suggest(name, names);
	if (hint)
		return cli_usage_error(NULL, "unknown command '%s' (did you mean '%s'?)", name, hint);
	return cli_usage_error(NULL, "unknown command '%s'", name);
}
