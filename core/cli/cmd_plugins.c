/* SPDX-License-Identifier: MIT */
/* igtext plugins: list the plugins, or describe one. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <igtext/log.h>

#include "cli.h"
#include "schema.h"

static void help(void)
{
	printf("Usage: igtext plugins [NAME]\n\n"
	       "Without NAME, list every plugin that can be found, one per line:\n"
	       "  NAME<TAB>KIND<TAB>VERSION<TAB>SUMMARY\n"
	       "With NAME, show that plugin: its kind, version, the file it was loaded from (or\n"
	       "that it is built in), and each option with its type, default and help. These\n"
	       "are the options a job file may set, e.g.\n"
	       "  outputs:\n    - jsonl: { path: out/docs.jsonl }\n\n"
	       "Plugins are searched in IGTEXT_PLUGIN_PATH, then among the built-in ones, then\n"
	       "in the installed plugin folder; the search path is shown with -v.\n\n"
	       "Exit status: 0; 66 no plugin NAME; 64 usage error.\n");
}

static int cmp_module(const void *a, const void *b)
{
	const igt_module *const *x = a, *const *y = b;
	return strcmp((*x)->plugin->name, (*y)->plugin->name);
}

static int list_all(igt_registry *reg)
{
	igt_registry_load_all(reg, 0);
	size_t n = igt_registry_count(reg);
	const igt_module **mods = calloc(n ? n : 1, sizeof(*mods));
	if (!mods)
		return EX_SOFTWARE;
	for (size_t i = 0; i < n; i++)
		mods[i] = igt_registry_at(reg, i);
	qsort(mods, n, sizeof(*mods), cmp_module);
	for (size_t i = 0; i < n; i++) {
		const igt_plugin *d = mods[i]->plugin;
		printf("%s\t%s\t%s\t%s\n", d->name, igt_kind_name(d->kind), d->version, d->summary);
	}
	free(mods);
	return EX_OK;
}

static int describe(igt_registry *reg, const char *name)
{
	const igt_module *m;
	igt_error err;
	if (igt_registry_load(reg, name, &m, &err) != 0) {
		igt_log_error(&err);
		return err.code == IGT_ENOTFOUND ? EX_NOINPUT : EX_SOFTWARE;
	}
	const igt_plugin *d = m->plugin;
	printf("name:     %s\nkind:     %s\nversion:  %s\nsummary:  %s\nfile:     %s\n", d->name,
	       igt_kind_name(d->kind), d->version, d->summary, m->path ? m->path : "(built in)");
	if (!d->options || !d->options->name) {
		printf("options:  none\n");
		return EX_OK;
	}
	printf("options:\n");
	for (const igt_option *o = d->options; o->name; o++) {
		printf("  %-16s %-8s %s%s%s%s\n", o->name, igt_opt_type_name(o->type),
		       o->def ? "default: " : "", o->def ? o->def : "",
		       (o->flags & IGT_OPT_REQUIRED) ? "required" : "",
		       (o->flags & IGT_OPT_DEPRECATED) ? " (deprecated)" : "");
		printf("      %s\n", o->help);
	}
	return EX_OK;
}

int cmd_plugins(int argc, char **argv)
{
	static const struct option longopts[] = {CLI_COMMON_LONG, {NULL, 0, NULL, 0}};
	int opt;
	while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, longopts, NULL)) != -1)
		if (!cli_common_option(opt, help))
			return cli_usage_error("plugins", "unknown option");
	if (argc - optind > 1)
		return cli_usage_error("plugins", "give at most one plugin NAME");
	igt_registry *reg = cli_registry();
	if (!reg)
		return EX_SOFTWARE;
	char *path = igt_registry_describe_path(reg);
	igt_log(IGT_LOG_INFO, "plugin search path: %s", path);
	free(path);
	int status = optind < argc ? describe(reg, argv[optind]) : list_all(reg);
	igt_registry_free(reg);
	if (fflush(stdout) != 0)
		return EX_IOERR;
	return status;
}
