/* SPDX-License-Identifier: MIT */
/*
 * The plugin registry: finds, loads and checks plugin modules (libltdl is
 * confined to module.c). A module is looked up by name in this order:
 *   1. the directories of IGTEXT_PLUGIN_PATH and of the job's plugin_path;
 *   2. the plugins built into the executable (libtool -dlpreopen);
 *   3. the installed plugin directory, $(pkglibdir).
 * So a user can override a bundled plugin by naming a directory, and a
 * stale copy installed earlier never shadows the binary's own plugins.
 *
 * Load every plugin during single-threaded start-up: libltdl is not meant
 * to be used from several threads.
 */
#ifndef IGT_MODULE_H
#define IGT_MODULE_H

#include <igtext/plugin.h>

typedef struct igt_module {
	const igt_plugin *plugin;
	char *path; /* file it was loaded from; NULL when built in */
} igt_module;

typedef struct igt_registry igt_registry;

/* Called once by an executable that preloads plugins, before the first
 * igt_registry_new: symbols is libtool's lt_preloaded_symbols. */
void igt_registry_set_builtins(const void *symbols);

/* A registry searching IGTEXT_PLUGIN_PATH (if set) and then, after the
 * built-in plugins, system_dir (NULL: the configured $(pkglibdir)). */
int igt_registry_new(igt_registry **out, const char *system_dir, igt_error *err);
void igt_registry_free(igt_registry *reg);

/* Append directories (colon-separated) to the user part of the path, after
 * those already there. Relative ones are taken relative to base_dir. */
void igt_registry_add_path(igt_registry *reg, const char *dirs, const char *base_dir);

/* Load (or return the already loaded) plugin called name. *out is borrowed
 * from the registry. IGT_ENOTFOUND with a suggestion when no such plugin
 * exists; IGT_EGENERIC when a module exists but cannot be used, naming the
 * file and the reason. */
int igt_registry_load(igt_registry *reg, const char *name, const igt_module **out,
                      igt_error *err);

/* Load every plugin that can be found (of kind, or all when kind is 0),
 * in search order, the first of each name winning. Modules that fail to
 * load are reported as warnings and skipped. Returns the number loaded;
 * they can be listed with igt_registry_count / igt_registry_at. */
size_t igt_registry_load_all(igt_registry *reg, igt_kind kind);
size_t igt_registry_count(const igt_registry *reg);
const igt_module *igt_registry_at(const igt_registry *reg, size_t index);

/* The directories searched, in order, with "(built-in)" in the place of
 * the preloaded plugins; a new string owned by the caller. */
char *igt_registry_describe_path(const igt_registry *reg);

const char *igt_kind_name(igt_kind kind);

#endif
