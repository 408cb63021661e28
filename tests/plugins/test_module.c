/* SPDX-License-Identifier: MIT */
/*
 * The plugin loader (module.c) against real modules on disk: the bundled
 * plugins from their build folders, the test-only modules of
 * tests/plugins (good, wrong ABI, no descriptor, unresolved symbol,
 * misnamed, missing callback, bad option table), search order, and the
 * "did you mean" for unknown names. Run with LD_BIND_NOW=1 (make check
 * sets it) so the unresolved symbol fails at load time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "module.h"
#include "../unit/tap.h"

static igt_registry *new_registry(const char *builddir)
{
	igt_registry *reg;
	igt_error err;
	if (igt_registry_new(&reg, "/nonexistent/igtext-plugins", &err) != 0) {
		printf("Bail out! %s\n", err.message);
		exit(99);
	}
	char path[4096];
	snprintf(path, sizeof(path), "%s/tests/plugins:%s/plugins/format/plain:%s/plugins/output/jsonl",
	         builddir, builddir, builddir);
	igt_registry_add_path(reg, path, NULL);
	return reg;
}

static void expect_refusal(igt_registry *reg, const char *name, const char *needle)
{
	const igt_module *m = NULL;
	igt_error err = {0};
	int rc = igt_registry_load(reg, name, &m, &err);
	ok(rc == IGT_EGENERIC, "%s is refused", name);
	like(err.message, needle, "%s: the reason is given", name);
	like(err.message, name, "%s: the message names the module", name);
}

int main(void)
{
	const char *builddir = getenv("top_builddir");
	if (!builddir) {
		printf("Bail out! top_builddir is not set (run through make check)\n");
		return 99;
	}
	igt_registry *reg = new_registry(builddir);
	const igt_module *m = NULL;
	igt_error err = {0};

	ok(igt_registry_load(reg, "test-format", &m, &err) == 0, "a module with a dash in its name loads: %s",
	   err.message);
	if (m) {
		is_str(m->plugin->name, "test-format", "its descriptor is found through the LTX prefix");
		ok(m->path && strstr(m->path, "tests/plugins/test-format"), "it records its file");
		is_int(m->plugin->kind, IGT_FORMAT, "its kind is read");
	}
	const igt_module *again = NULL;
	igt_registry_load(reg, "test-format", &again, &err);
	ok(again == m, "loading twice gives the same module");

	ok(igt_registry_load(reg, "plain", &m, &err) == 0, "bundled plain loads from disk");
	ok(m && m->path && strstr(m->path, "plugins/format/plain/plain"), "plain came from its build folder");
	ok(igt_registry_load(reg, "jsonl", &m, &err) == 0, "bundled jsonl loads from disk");
	ok(m && m->plugin->kind == IGT_OUTPUT, "jsonl is an output plugin");

	expect_refusal(reg, "badabi", "ABI 42");
	{
		igt_error e = {0};
		const igt_module *x;
		igt_registry_load(reg, "badabi", &x, &e);
		char want[64];
		snprintf(want, sizeof(want), "this igtext uses ABI %d", IGT_PLUGIN_ABI);
		like(e.message, want, "the ABI message names both numbers");
	}
	expect_refusal(reg, "nosym", "igt_plugin_descriptor");
	expect_refusal(reg, "unresolved", "igt_function_that_does_not_exist");
	expect_refusal(reg, "misnamed", "othername");
	expect_refusal(reg, "nocallback", "parse");
	expect_refusal(reg, "badopts", "outside the config struct");

	err.message[0] = '\0';
	int rc = igt_registry_load(reg, "plian", &m, &err);
	is_int(rc, IGT_ENOTFOUND, "an unknown name is not found");
	like(err.message, "did you mean 'plain'", "with a suggestion");
	like(err.message, "(built-in)", "and the search path");
	rc = igt_registry_load(reg, "../etc/passwd", &m, &err);
	is_int(rc, IGT_ENOTFOUND, "a name with a path in it is refused");

	/* A failed load leaves nothing behind. */
	size_t before = igt_registry_count(reg);
	igt_registry_load(reg, "badabi", &m, &err);
	is_int(igt_registry_count(reg), before, "a refused module is not registered");

	size_t formats = igt_registry_load_all(reg, IGT_FORMAT);
	ok(formats >= 2, "load_all finds the format plugins on the path (%zu)", formats);
	int seen_plain = 0, seen_test = 0;
	for (size_t i = 0; i < igt_registry_count(reg); i++) {
		const char *n = igt_registry_at(reg, i)->plugin->name;
		seen_plain += strcmp(n, "plain") == 0;
		seen_test += strcmp(n, "test-format") == 0;
	}
	is_int(seen_plain, 1, "each plugin is registered once");
	is_int(seen_test, 1, "the test format is registered once");
	igt_registry_free(reg);

	/* Search order: a folder named first wins over one named later. */
	igt_registry *r2;
	igt_registry_new(&r2, "/nonexistent", &err);
	char path[4096];
	snprintf(path, sizeof(path), "%s/plugins/format/plain:%s/tests/plugins", builddir, builddir);
	igt_registry_add_path(r2, path, NULL);
	ok(igt_registry_load(r2, "plain", &m, &err) == 0 && strstr(m->path, "plugins/format/plain"),
	   "the first folder on the path is used");
	char *desc = igt_registry_describe_path(r2);
	like(desc, "plugins/format/plain", "the described path lists the folders");
	free(desc);
	igt_registry_free(r2);
	return done_testing();
}
