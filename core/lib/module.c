/* SPDX-License-Identifier: MIT */
/*
 * Plugin loading on libltdl (module.h). This is the only file that
 * includes <ltdl.h>; swapping the loader touches nothing else.
 *
 * Modules are opened by full path without extension through
 * lt_dlopenext, which tries the .la file first and then the shared object,
 * so plugins load from a build tree (the .la points into .libs/) and from
 * packages that delete .la files. Built-in plugins are not opened at all:
 * their descriptors are read from libtool's preloaded symbol list (see
 * collect_builtins for why). A module that fails the checks is closed again; one
 * that passes is never unloaded, so sanitizer and valgrind stacks through
 * it stay readable and no document outlives its code.
 */
#include "config.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <ltdl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "module.h"
#include "schema.h"
#include "util.h"

#ifndef IGT_PLUGIN_DIR
#define IGT_PLUGIN_DIR "/usr/local/lib/igtext"
#endif

static const lt_dlsymlist *builtin_symbols;

struct igt_registry {
	char **user_dirs;
	size_t n_user_dirs;
	char *system_dir;
	const igt_plugin **builtins; /* descriptors linked into the program */
	size_t n_builtins;
	igt_module **modules; /* each allocated on its own: callers keep pointers */
	size_t n_modules, cap_modules;
};

void igt_registry_set_builtins(const void *symbols)
{
	builtin_symbols = symbols;
}

const char *igt_kind_name(igt_kind kind)
{
	switch (kind) {
	case IGT_FORMAT: return "format";
	case IGT_ANALYSIS: return "analysis";
	case IGT_OUTPUT: return "output";
	}
	return "unknown";
}

/* Module name from a file or preload entry: basename without extension. */
static char *module_name_of(const char *entry)
{
	const char *base = strrchr(entry, '/');
	base = base ? base + 1 : entry;
	const char *dot = strchr(base, '.');
	return igt_xstrndup(base, dot ? (size_t)(dot - base) : strlen(base));
}

static int valid_name(const char *name)
{
	if (!*name || strlen(name) > 64)
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return 0;
	return 1;
}

/* The descriptors of the plugins linked into the program. libtool's
 * symbol list holds, for each preloaded module, its exported symbols; ours
 * is ident_LTX_igt_plugin_descriptor. They are read straight from the list
 * rather than opened through libltdl's preload loader, which would also
 * answer requests for files on disk with the same base name (it prefers a
 * preloaded copy of a .la's old_library) and so stop a folder on the plugin
 * path from overriding a built-in plugin. */
static void collect_builtins(igt_registry *reg)
{
	static const char suffix[] = "_LTX_" IGT_PLUGIN_SYMBOL;
	if (!builtin_symbols)
		return;
	for (const lt_dlsymlist *s = builtin_symbols; s->name; s++) {
		size_t len = strlen(s->name), slen = sizeof(suffix) - 1;
		if (!s->address || len <= slen || strcmp(s->name + len - slen, suffix) != 0)
			continue;
		const igt_plugin *d = s->address;
		/* The prefix must be the descriptor's name made an identifier. */
		size_t ident_len = len - slen;
		int match = d->name && strlen(d->name) == ident_len;
		for (size_t i = 0; match && i < ident_len; i++) {
			char c = d->name[i];
			int alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
			match = s->name[i] == (alnum ? c : '_');
		}
		if (!match) {
			igt_log(IGT_LOG_WARNING, "built-in plugin symbol %s does not match its name '%s'",
			        s->name, d->name ? d->name : "(null)");
			continue;
		}
		reg->builtins = igt_xrealloc(reg->builtins, (reg->n_builtins + 1) * sizeof(*reg->builtins));
		reg->builtins[reg->n_builtins++] = d;
	}
}

int igt_registry_new(igt_registry **out, const char *system_dir, igt_error *err)
{
	*out = NULL;
	if (lt_dlinit() != 0)
		return igt_error_set(err, IGT_EGENERIC, "cannot start the plugin loader: %s",
		                     lt_dlerror());
	igt_registry *reg = igt_xcalloc(1, sizeof(*reg));
	reg->system_dir = igt_xstrdup(system_dir ? system_dir : IGT_PLUGIN_DIR);
	collect_builtins(reg);
	const char *env = getenv("IGTEXT_PLUGIN_PATH");
	if (env && *env)
		igt_registry_add_path(reg, env, NULL);
	*out = reg;
	return 0;
}

void igt_registry_free(igt_registry *reg)
{
	if (!reg)
		return;
	for (size_t i = 0; i < reg->n_user_dirs; i++)
		free(reg->user_dirs[i]);
	free(reg->user_dirs);
	free(reg->builtins);
	for (size_t i = 0; i < reg->n_modules; i++) {
		free(reg->modules[i]->path);
		free(reg->modules[i]);
	}
	free(reg->modules);
	free(reg->system_dir);
	free(reg);
	/* No lt_dlclose or lt_dlexit: loaded modules stay mapped until the
	 * process ends (see the file comment), and libltdl's own list keeps
	 * their handles reachable, so leak checkers stay quiet. */
}

void igt_registry_add_path(igt_registry *reg, const char *dirs, const char *base_dir)
{
	const char *p = dirs;
	while (*p) {
		const char *colon = strchr(p, ':');
		size_t len = colon ? (size_t)(colon - p) : strlen(p);
		if (len) {
			char *dir = igt_xstrndup(p, len);
			char *full = base_dir ? igt_path_join(base_dir, dir) : igt_xstrdup(dir);
			free(dir);
			reg->user_dirs = igt_xrealloc(reg->user_dirs, (reg->n_user_dirs + 1) * sizeof(char *));
			reg->user_dirs[reg->n_user_dirs++] = full;
		}
		if (!colon)
			break;
		p = colon + 1;
	}
}

static int file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Whether dir holds name.la or name.so. */
static int dir_has_module(const char *dir, const char *name)
{
	char *la = igt_xasprintf("%s/%s.la", dir, name);
	char *so = igt_xasprintf("%s/%s.so", dir, name);
	int found = file_exists(la) || file_exists(so);
	free(la);
	free(so);
	return found;
}

static const igt_plugin *find_builtin(const igt_registry *reg, const char *name)
{
	for (size_t i = 0; i < reg->n_builtins; i++)
		if (strcmp(reg->builtins[i]->name, name) == 0)
			return reg->builtins[i];
	return NULL;
}

static void add_module(igt_registry *reg, const igt_plugin *d, const char *path,
                       const igt_module **out)
{
	igt_xgrow((void **)&reg->modules, &reg->cap_modules, reg->n_modules + 1,
	          sizeof(*reg->modules));
	igt_module *m = igt_xcalloc(1, sizeof(*m));
	reg->modules[reg->n_modules++] = m;
	m->plugin = d;
	m->path = path ? igt_xstrdup(path) : NULL;
	*out = m;
}

static const igt_module *find_loaded(const igt_registry *reg, const char *name)
{
	for (size_t i = 0; i < reg->n_modules; i++)
		if (strcmp(reg->modules[i]->plugin->name, name) == 0)
			return reg->modules[i];
	return NULL;
}

/* Check everything in a descriptor before trusting any of it. */
static int verify(const igt_plugin *d, const char *name, const char *where, igt_error *err)
{
	if (d->abi != IGT_PLUGIN_ABI)
		return igt_error_set(err, IGT_EGENERIC,
		                     "%s: built for plugin ABI %u, but this igtext uses ABI %u; rebuild "
		                     "the plugin against igtext %s",
		                     where, d->abi, IGT_PLUGIN_ABI, PACKAGE_VERSION);
	if (d->size < sizeof(igt_plugin))
		return igt_error_set(err, IGT_EGENERIC,
		                     "%s: descriptor is %u bytes, expected %zu: built against older "
		                     "headers; rebuild it",
		                     where, d->size, sizeof(igt_plugin));
	if (!d->name || strcmp(d->name, name) != 0)
		return igt_error_set(err, IGT_EGENERIC,
		                     "%s: the descriptor names plugin '%s' but the module is called "
		                     "'%s'; they must match",
		                     where, d->name ? d->name : "(null)", name);
	if (!d->version || !d->summary)
		return igt_error_set(err, IGT_EGENERIC, "%s: descriptor lacks a version or summary",
		                     where);
	for (size_t i = 0; i < sizeof(d->reserved) / sizeof(d->reserved[0]); i++)
		if (d->reserved[i])
			return igt_error_set(err, IGT_EGENERIC, "%s: reserved descriptor slots must be zero",
			                     where);
	int ok;
	switch (d->kind) {
	case IGT_FORMAT: ok = d->op.format.score && d->op.format.parse; break;
	case IGT_ANALYSIS: ok = d->op.analysis.process != NULL; break;
	case IGT_OUTPUT: ok = d->op.output.write != NULL; break;
	default:
		return igt_error_set(err, IGT_EGENERIC, "%s: unknown plugin kind %d", where, (int)d->kind);
	}
	if (!ok)
		return igt_error_set(err, IGT_EGENERIC,
		                     "%s: a %s plugin must set its mandatory callbacks (%s)", where,
		                     igt_kind_name(d->kind),
		                     d->kind == IGT_FORMAT     ? "score and parse"
		                     : d->kind == IGT_ANALYSIS ? "process"
		                                               : "write");
	return igt_schema_check(d, where, err);
}

/* libltdl reports only its last attempt ("file not found") when a module
 * exists but the dynamic linker refuses it. Ask the linker directly, for
 * the message only, so the user learns the real reason (an unresolved
 * symbol, a missing library, a wrong architecture). Returns a static
 * buffer or NULL. */
static const char *linker_reason(const char *target)
{
	static char reason[512];
	const char *base = strrchr(target, '/');
	if (!base)
		return NULL;
	char *candidates[2];
	candidates[0] = igt_xasprintf("%s.so", target);
	candidates[1] = igt_xasprintf("%.*s/.libs%s.so", (int)(base - target), target, base);
	const char *found = NULL;
	for (int i = 0; i < 2 && !found; i++) {
		if (!file_exists(candidates[i]))
			continue;
		void *h = dlopen(candidates[i], RTLD_NOW | RTLD_LOCAL);
		if (h) {
			dlclose(h);
			continue;
		}
		const char *e = dlerror();
		if (e) {
			snprintf(reason, sizeof(reason), "%s", e);
			found = reason;
		}
	}
	free(candidates[0]);
	free(candidates[1]);
	return found;
}

/* Open one module file (a path without extension), verify it and add it
 * to the registry. Rolls back on any failure. */
static int open_module(igt_registry *reg, const char *name, const char *target,
                       const igt_module **out, igt_error *err)
{
	const char *where = target;
	lt_dladvise advise;
	lt_dlhandle h = NULL;
	if (lt_dladvise_init(&advise) == 0) {
		lt_dladvise_ext(&advise);
		lt_dladvise_local(&advise);
		h = lt_dlopenadvise(target, advise);
		lt_dladvise_destroy(&advise);
	}
	if (!h) {
		const char *why = lt_dlerror();
		const char *real = linker_reason(target);
		if (real)
			why = real;
		return igt_error_set(err, IGT_EGENERIC,
		                     "plugin '%s': cannot load %s: %s (a library it needs may be missing: "
		                     "check with ldd; or it was built for another system)",
		                     name, where, why ? why : "unknown reason");
	}
	lt_dlerror(); /* clear before lt_dlsym */
	const igt_plugin *d = lt_dlsym(h, IGT_PLUGIN_SYMBOL);
	if (!d) {
		lt_dlclose(h);
		return igt_error_set(err, IGT_EGENERIC,
		                     "plugin '%s': %s has no %s symbol: not an igtext plugin, or not "
		                     "defined with IGT_PLUGIN_DEFINE(%s)",
		                     name, where, IGT_PLUGIN_SYMBOL, name);
	}
	int rc = verify(d, name, where, err);
	if (rc) {
		lt_dlclose(h);
		return rc;
	}
	add_module(reg, d, target, out);
	return 0;
}

/* Every plugin name that can be found, for suggestions (not loaded). */
static char **available_names(const igt_registry *reg, size_t *n_out);

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static int not_found(igt_registry *reg, const char *name, igt_error *err)
{
	size_t n = 0;
	char **names = available_names(reg, &n);
	names = igt_xrealloc(names, (n + 1) * sizeof(char *));
	names[n] = NULL;
	const char *hint = igt_suggest(name, (const char *const *)names);
	char *path = igt_registry_describe_path(reg);
	igt_error_set(err, IGT_ENOTFOUND, "unknown plugin '%s'%s%s%s (searched: %s)", name,
	              hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "", path);
	free(path);
	free_names(names, n);
	return IGT_ENOTFOUND;
}

int igt_registry_load(igt_registry *reg, const char *name, const igt_module **out, igt_error *err)
{
	*out = find_loaded(reg, name);
	if (*out)
		return 0;
	if (!valid_name(name))
		return igt_error_set(err, IGT_ENOTFOUND,
		                     "'%s' is not a plugin name (lowercase letters, digits, '-', '_')",
		                     name);
	for (size_t i = 0; i < reg->n_user_dirs; i++) {
		if (!dir_has_module(reg->user_dirs[i], name))
			continue;
		char *target = igt_xasprintf("%s/%s", reg->user_dirs[i], name);
		int rc = open_module(reg, name, target, out, err);
		free(target);
		return rc;
	}
	const igt_plugin *builtin = find_builtin(reg, name);
	if (builtin) {
		int rc = verify(builtin, name, name, err);
		if (rc == 0)
			add_module(reg, builtin, NULL, out);
		return rc;
	}
	if (dir_has_module(reg->system_dir, name)) {
		char *target = igt_xasprintf("%s/%s", reg->system_dir, name);
		int rc = open_module(reg, name, target, out, err);
		free(target);
		return rc;
	}
	return not_found(reg, name, err);
}

/* Append the module names found in dir (from *.la and *.so files). */
static void scan_dir(const char *dir, char ***names, size_t *n)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 4)
			continue;
		if (strcmp(e->d_name + len - 3, ".la") != 0 && strcmp(e->d_name + len - 3, ".so") != 0)
			continue;
		char *name = module_name_of(e->d_name);
		if (!valid_name(name)) {
			free(name);
			continue;
		}
		*names = igt_xrealloc(*names, (*n + 1) * sizeof(char *));
		(*names)[(*n)++] = name;
	}
	closedir(d);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **available_names(const igt_registry *reg, size_t *n_out)
{
	char **names = NULL;
	size_t n = 0;
	for (size_t i = 0; i < reg->n_user_dirs; i++)
		scan_dir(reg->user_dirs[i], &names, &n);
	for (size_t i = 0; i < reg->n_builtins; i++) {
		names = igt_xrealloc(names, (n + 1) * sizeof(char *));
		names[n++] = igt_xstrdup(reg->builtins[i]->name);
	}
	scan_dir(reg->system_dir, &names, &n);
	/* Sort and drop repeats (x.la beside x.so, or one name in two places:
	 * the search order decides which one loads). */
	if (n)
		qsort(names, n, sizeof(char *), cmp_str);
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		if (w && strcmp(names[w - 1], names[i]) == 0) {
			free(names[i]);
			continue;
		}
		names[w++] = names[i];
	}
	*n_out = w;
	return names;
}

size_t igt_registry_load_all(igt_registry *reg, igt_kind kind)
{
	size_t n = 0, loaded = 0;
	char **names = available_names(reg, &n);
	for (size_t i = 0; i < n; i++) {
		const igt_module *m;
		igt_error err;
		if (igt_registry_load(reg, names[i], &m, &err) != 0) {
			igt_log(IGT_LOG_WARNING, "%s", err.message);
			continue;
		}
		if (!kind || m->plugin->kind == kind)
			loaded++;
	}
	free_names(names, n);
	return loaded;
}

size_t igt_registry_count(const igt_registry *reg)
{
	return reg->n_modules;
}

const igt_module *igt_registry_at(const igt_registry *reg, size_t index)
{
	return index < reg->n_modules ? reg->modules[index] : NULL;
}

char *igt_registry_describe_path(const igt_registry *reg)
{
	size_t cap = 32 + strlen(reg->system_dir);
	for (size_t i = 0; i < reg->n_user_dirs; i++)
		cap += strlen(reg->user_dirs[i]) + 2;
	char *s = igt_xmalloc(cap);
	size_t used = 0;
	for (size_t i = 0; i < reg->n_user_dirs; i++)
		used += (size_t)snprintf(s + used, cap - used, "%s, ", reg->user_dirs[i]);
	snprintf(s + used, cap - used, "(built-in), %s", reg->system_dir);
	return s;
}
