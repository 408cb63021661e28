/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for job files (job.h), with the real plain and jsonl modules
 * loaded from the build tree by a registry without built-ins. A valid job
 * loads with inputs resolved against the job file's folder, "format: auto"
 * as NULL and output options applied (a relative jsonl path resolved
 * against the job's folder too); every kind of mistake is refused with
 * IGT_ECONFIG and a message that starts with the exact "FILE:LINE:COL:" of
 * the offending node, with a "did you mean" where one fits; plugin_path is
 * taken relative to the job's folder. Job files are written from strings
 * into a temporary folder.
 */
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "job.h"
#include "tap.h"
#include "util.h"

static char tmpdir[4096];
static const char *top_builddir;
static char *plain_dir, *jsonl_dir;

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void bail(const char *what)
{
	printf("Bail out! %s: %s\n", what, strerror(errno));
	exit(99);
}

/* Write text to name in the temp folder; the full path, owned. */
static char *write_job(const char *name, const char *text)
{
	char *path = igt_xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) == EOF || fclose(f) != 0)
		bail(path);
	return path;
}

/* A registry that finds only the build tree's plain and jsonl. */
static igt_registry *new_registry(int with_plugins)
{
	igt_registry *reg;
	igt_error err;
	if (igt_registry_new(&reg, "/nonexistent", &err) != 0) {
		printf("Bail out! %s\n", err.message);
		exit(99);
	}
	if (with_plugins) {
		char *dirs = igt_xasprintf("%s:%s", plain_dir, jsonl_dir);
		igt_registry_add_path(reg, dirs, NULL);
		free(dirs);
	}
	return reg;
}

/* The slot of option name in a plugin's config struct. */
static void *opt_slot(const igt_job_plugin *p, const char *name)
{
	for (const igt_option *o = p->module->plugin->options; o && o->name; o++)
		if (strcmp(o->name, name) == 0)
			return (char *)p->config + o->offset;
	return NULL;
}

static const char *opt_str(const igt_job_plugin *p, const char *name)
{
	char **slot = opt_slot(p, name);
	return slot ? *slot : "(no such option)";
}

static int opt_bool(const igt_job_plugin *p, const char *name)
{
	bool *slot = opt_slot(p, name);
	return slot ? *slot : -1;
}

static void test_valid(igt_registry *reg)
{
	char *path = write_job("nightly.yaml", "job: igf-imports\n"
	                                       "inputs:\n"
	                                       "  - path: in/a.txt\n"
	                                       "    format: auto\n"
	                                       "  - path: corpus/**/*.txt\n"
	                                       "    format: plain\n"
	                                       "  - /abs/c.txt\n"
	                                       "  - path: \"-\"\n"
	                                       "    format: ~\n"
	                                       "outputs:\n"
	                                       "  - jsonl: { path: out/docs.jsonl, pretty: true }\n"
	                                       "  - jsonl:\n"
	                                       "      path: /var/abs.jsonl\n"
	                                       "  - jsonl\n");
	igt_job *job = NULL;
	igt_error err = {0};
	int rc = igt_job_load(&job, reg, path, &err);
	is_int(rc, 0, "a valid job loads");
	if (rc) {
		printf("#   %s\n", err.message);
		free(path);
		return;
	}
	is_str(job->name, "igf-imports", "job name from the 'job' key");
	is_str(job->file, path, "job file kept");
	is_str(job->dir, tmpdir, "job dir is the file's folder");
	is_int(job->n_inputs, 4, "four inputs");
	char *want = igt_xasprintf("%s/in/a.txt", tmpdir);
	is_str(job->inputs[0].pattern, want, "relative input resolved against the job's folder");
	free(want);
	ok(job->inputs[0].format == NULL, "format auto means detect (NULL)");
	ok(job->inputs[0].line == 3 && job->inputs[0].col == 11,
	   "input position is its path, 3:11");
	want = igt_xasprintf("%s/corpus/**/*.txt", tmpdir);
	is_str(job->inputs[1].pattern, want, "relative glob resolved against the job's folder");
	free(want);
	ok(job->inputs[1].format && strcmp(job->inputs[1].format->plugin->name, "plain") == 0,
	   "forced format plain loaded");
	ok(job->inputs[1].format && job->inputs[1].format->plugin->kind == IGT_FORMAT,
	   "and it is a format plugin");
	is_str(job->inputs[2].pattern, "/abs/c.txt", "a bare absolute input kept");
	ok(job->inputs[2].format == NULL, "a bare input detects its format");
	ok(job->inputs[2].line == 7 && job->inputs[2].col == 5, "bare input at 7:5");
	is_str(job->inputs[3].pattern, "-", "\"-\" (stdin) kept");
	ok(job->inputs[3].format == NULL, "format null means detect");

	is_int(job->n_pipeline, 0, "no pipeline");
	is_int(job->n_outputs, 3, "three outputs");
	const igt_job_plugin *o = job->outputs;
	ok(o[0].module && strcmp(o[0].module->plugin->name, "jsonl") == 0, "output is jsonl");
	ok(o[0].line == 11 && o[0].col == 5, "output position is its name, 11:5");
	want = igt_xasprintf("%s/out/docs.jsonl", tmpdir);
	is_str(opt_str(&o[0], "path"), want, "jsonl path relative to the job's folder");
	free(want);
	is_int(opt_bool(&o[0], "pretty"), 1, "pretty: true applied");
	is_str(opt_str(&o[1], "path"), "/var/abs.jsonl", "absolute jsonl path kept");
	is_int(opt_bool(&o[1], "pretty"), 0, "pretty defaults to false");
	is_str(opt_str(&o[2], "path"), "-", "bare jsonl writes to \"-\" by default");
	ok(o[2].line == 14 && o[2].col == 5, "bare output at 14:5");
	igt_job_free(job);
	free(path);

	/* Without a 'job' key the name is the file's base name. */
	path = write_job("weekly-run.yaml", "inputs: a.txt\noutputs: [jsonl]\n");
	rc = igt_job_load(&job, reg, path, &err);
	is_int(rc, 0, "a job with a single input scalar loads");
	if (!rc) {
		is_str(job->name, "weekly-run", "job name defaults to the file name without .yaml");
		is_int(job->n_inputs, 1, "a scalar 'inputs' is one input");
		igt_job_free(job);
	}
	free(path);

	/* A relative job path: inputs relative to its folder, not the cwd. */
	char *sub = igt_xasprintf("%s/sub", tmpdir);
	if (mkdir(sub, 0777) != 0)
		bail(sub);
	free(write_job("sub/rel.yaml", "inputs: [x.txt]\noutputs: [jsonl: {path: o.jsonl}]\n"));
	char cwd[4096];
	if (!getcwd(cwd, sizeof(cwd)) || chdir(tmpdir) != 0)
		bail("chdir");
	rc = igt_job_load(&job, reg, "sub/rel.yaml", &err);
	is_int(rc, 0, "a job loaded by a relative path");
	if (!rc) {
		is_str(job->dir, "sub", "its dir is relative too");
		is_str(job->inputs[0].pattern, "sub/x.txt", "input under the job's folder");
		is_str(opt_str(&job->outputs[0], "path"), "sub/o.jsonl",
		       "output under the job's folder");
		igt_job_free(job);
	}
	if (chdir(cwd) != 0)
		bail("chdir back");
	free(sub);
}

/* Loading text as a job must fail with code and a message that starts with
 * "FILE:line:col: " and holds want (and want2 if not NULL). */
static void check_job_error(igt_registry *reg, const char *text, int code, int line, int col,
                            const char *want, const char *want2, const char *name)
{
	char *path = write_job("bad.yaml", text);
	igt_job *job = (igt_job *)&job;
	igt_error err = {0};
	int rc = igt_job_load(&job, reg, path, &err);
	is_int(rc, code, "%s: refused", name);
	ok(job == NULL, "%s: *out is NULL", name);
	char *prefix = line ? igt_xasprintf("%s:%d:%d: ", path, line, col) : igt_xstrdup(path);
	int pass = strncmp(err.message, prefix, strlen(prefix)) == 0;
	ok(pass, "%s: message starts with FILE:%d:%d:", name, line, col);
	if (!pass)
		printf("#   got:      '%s'\n#   expected: '%s...'\n", err.message, prefix);
	like(err.message, want, "%s: message", name);
	if (want2)
		like(err.message, want2, "%s: message (more)", name);
	if (rc == 0)
		igt_job_free(job);
	free(prefix);
	free(path);
}

static void test_errors(igt_registry *reg)
{
	check_job_error(reg, "job: x\ninptus: [a.txt]\noutputs: [jsonl]\n", IGT_ECONFIG, 2, 1,
	                "unknown key 'inptus' in the job (did you mean 'inputs'?)",
	                "valid keys: job, plugin_path, inputs, pipeline, outputs",
	                "unknown top key");
	check_job_error(reg, "inputs: [a.txt]\noutputs: [jsonl]\ndatabase: x\n", IGT_ECONFIG, 3, 1,
	                "unknown key 'database' in the job;", NULL,
	                "unknown top key, no suggestion");
	check_job_error(reg, "inputs:\n  - path: a.txt\n    fromat: plain\noutputs: [jsonl]\n",
	                IGT_ECONFIG, 3, 5,
	                "unknown key 'fromat' in an input (did you mean 'format'?)",
	                "valid keys: path, format", "unknown input key");
	check_job_error(reg, "inputs:\n  - format: plain\noutputs: [jsonl]\n", IGT_ECONFIG, 2, 5,
	                "an input needs a 'path'", NULL, "input without path");
	check_job_error(reg, "inputs:\n  - path: [a, b]\noutputs: [jsonl]\n", IGT_ECONFIG, 2, 11,
	                "an input path must be a string", "got a list", "input path a list");
	check_job_error(reg, "inputs:\n  - path:\noutputs: [jsonl]\n", IGT_ECONFIG, 0, 0,
	                "an input path must be a string", NULL, "input path empty");
	check_job_error(reg, "inputs: [a.txt]\noutputs:\n  - jsnl: { path: x.jsonl }\n",
	                IGT_ECONFIG, 3, 5, "unknown plugin 'jsnl' (did you mean 'jsonl'?)", NULL,
	                "unknown output plugin");
	check_job_error(reg, "inputs:\n  - path: a.txt\n    format: plin\noutputs: [jsonl]\n",
	                IGT_ECONFIG, 3, 13, "unknown plugin 'plin' (did you mean 'plain'?)", NULL,
	                "unknown format plugin");
	check_job_error(reg, "inputs: [a.txt]\noutputs:\n  - plain\n", IGT_ECONFIG, 3, 5,
	                "'plain' is a format plugin; it cannot be used as", "as an output plugin",
	                "format plugin under outputs");
	check_job_error(reg, "inputs: [a.txt]\npipeline:\n  - plain\noutputs: [jsonl]\n",
	                IGT_ECONFIG, 3, 5,
	                "'plain' is a format plugin; it cannot be used as an analysis plugin", NULL,
	                "format plugin under pipeline");
	check_job_error(reg, "inputs:\n  - path: a.txt\n    format: jsonl\noutputs: [jsonl]\n",
	                IGT_ECONFIG, 3, 13, "not a format plugin", "'jsonl' is an output plugin",
	                "output plugin as an input format");
	check_job_error(reg, "inputs: [a.txt]\noutputs:\n  - jsonl: { pth: x.jsonl }\n",
	                IGT_ECONFIG, 3, 14,
	                "plugin 'jsonl' has no option 'pth' (did you mean 'path'?)",
	                "its options: path, pretty", "unknown option");
	check_job_error(reg, "inputs: [a.txt]\noutputs:\n  - jsonl:\n      pretty: maybe\n",
	                IGT_ECONFIG, 4, 15, "option 'pretty' expects true or false, got 'maybe'",
	                NULL, "bool option given maybe");
	check_job_error(reg, "inputs: [a.txt]\noutputs:\n  - jsonl:\n      path: [a, b]\n",
	                IGT_ECONFIG, 4, 13, "option 'path' expects a path, got a list", NULL,
	                "path option given a list");
	check_job_error(reg, "inputs: [a.txt]\noutputs:\n  - jsonl: x.jsonl\n", IGT_ECONFIG, 3, 12,
	                "options of plugin 'jsonl' must be a mapping", NULL,
	                "options not a mapping");
	check_job_error(reg, "inputs: [a.txt]\noutputs:\n  - jsonl: {path: a}\n    pretty: true\n",
	                IGT_ECONFIG, 3, 5, "names one plugin", NULL,
	                "two keys in one plugin entry");
	check_job_error(reg, "inputs: [a.txt]\n", IGT_ECONFIG, 1, 1, "the job has no outputs", NULL,
	                "no outputs key");
	check_job_error(reg, "inputs: [a.txt]\noutputs: []\n", IGT_ECONFIG, 2, 10,
	                "the job has no outputs", NULL, "empty outputs list");
	check_job_error(reg,
	                "inputs: [a.txt]\noutputs:\n  - jsonl: {path: a.jsonl}\n"
	                "  - jsonl: {path: a.jsonl}\n",
	                IGT_ECONFIG, 4, 5, "a.jsonl, which the output at line 3 already writes",
	                NULL, "two outputs writing one file");
	check_job_error(reg, "inputs: [a.txt]\noutputs: [jsonl, jsonl]\n", IGT_ECONFIG, 2, 18,
	                "this output writes standard output", NULL,
	                "two outputs writing standard output (the default path)");
	check_job_error(reg, "inputs: [a.txt]\noutputs: jsonl\n", IGT_ECONFIG, 2, 10,
	                "'outputs' must be a list of plugins", "got a scalar", "outputs a scalar");
	check_job_error(reg, "outputs: [jsonl]\n", IGT_ECONFIG, 1, 1, "the job has no 'inputs'",
	                NULL, "no inputs key");
	check_job_error(reg, "job: x\ninputs: []\noutputs: [jsonl]\n", IGT_ECONFIG, 2, 9,
	                "'inputs' is empty", NULL, "empty inputs list");
	check_job_error(reg, "", IGT_ECONFIG, 1, 1, "the job file is empty", NULL, "empty file");
	check_job_error(reg, "# nothing here\n", IGT_ECONFIG, 1, 1, "the job file is empty", NULL,
	                "only a comment");
	check_job_error(reg, "- inputs\n- outputs\n", IGT_ECONFIG, 1, 1, "a job file is a mapping",
	                "got a list", "top level a list");
	check_job_error(reg, "hello\n", IGT_ECONFIG, 1, 1, "a job file is a mapping",
	                "got a scalar", "top level a scalar");
	check_job_error(reg, "job: [a]\ninputs: [a.txt]\noutputs: [jsonl]\n", IGT_ECONFIG, 1, 6,
	                "'job' must be a name", NULL, "job name a list");
	check_job_error(reg, "inputs: [a.txt]\noutputs: [jsonl]\ninputs: [b.txt]\n", IGT_ECONFIG, 3,
	                1, "key 'inputs' appears twice (first at line 1)", NULL, "repeated key");
	check_job_error(reg, "inputs: [a.txt\noutputs: [jsonl]\n", IGT_ECONFIG, 2, 8,
	                "YAML syntax error", NULL, "YAML syntax error");

	char *missing = igt_xasprintf("%s/no-such-job.yaml", tmpdir);
	igt_job *job = NULL;
	igt_error err = {0};
	is_int(igt_job_load(&job, reg, missing, &err), IGT_ENOTFOUND,
	       "missing job file: IGT_ENOTFOUND");
	like(err.message, missing, "missing job file: message names it");
	free(missing);
}

static void test_plugin_path(void)
{
	/* plugs/p and plugs/j point at the build folders of plain and jsonl; a
	 * job names them relative to its own folder. */
	char *plugs = igt_xasprintf("%s/plugs", tmpdir);
	char *p = igt_xasprintf("%s/p", plugs), *j = igt_xasprintf("%s/j", plugs);
	if (mkdir(plugs, 0777) != 0 || symlink(plain_dir, p) != 0 || symlink(jsonl_dir, j) != 0)
		bail("symlink");
	static const char body[] =
	    "inputs:\n  - path: a.txt\n    format: plain\noutputs: [jsonl]\n";

	/* Control: without plugin_path nothing can be found. */
	igt_registry *reg = new_registry(0);
	char *path = write_job("nopath.yaml", body);
	igt_job *job = NULL;
	igt_error err = {0};
	int rc = igt_job_load(&job, reg, path, &err);
	is_int(rc, IGT_ECONFIG, "without plugin_path, plain is not found");
	like(err.message, "unknown plugin 'plain'", "and the message says so");
	igt_job_free(job);
	igt_registry_free(reg);
	free(path);

	/* A list of folders relative to the job's folder. */
	reg = new_registry(0);
	path = write_job("listpath.yaml", "plugin_path: [plugs/p, plugs/j]\n"
	                                  "inputs:\n  - path: a.txt\n    format: plain\n"
	                                  "outputs: [jsonl]\n");
	rc = igt_job_load(&job, reg, path, &err);
	is_int(rc, 0, "plugin_path list relative to the job dir finds plain and jsonl");
	if (rc == 0) {
		char *want = igt_xasprintf("%s/plain", p);
		ok(job->inputs[0].format != NULL, "plain loaded");
		is_str(job->inputs[0].format ? job->inputs[0].format->path : NULL, want,
		       "plain loaded from the plugin_path folder");
		free(want);
		want = igt_xasprintf("%s/jsonl", j);
		is_str(job->outputs[0].module->path, want,
		       "jsonl loaded from the plugin_path folder");
		free(want);
		igt_job_free(job);
	} else {
		printf("#   %s\n", err.message);
	}
	igt_registry_free(reg);
	free(path);

	/* One string, colon-separated. */
	reg = new_registry(0);
	path = write_job("strpath.yaml", "plugin_path: plugs/p:plugs/j\n"
	                                 "inputs:\n  - path: a.txt\n    format: plain\n"
	                                 "outputs: [jsonl]\n");
	rc = igt_job_load(&job, reg, path, &err);
	is_int(rc, 0, "plugin_path as a colon-separated string");
	if (rc)
		printf("#   %s\n", err.message);
	igt_job_free(job);
	igt_registry_free(reg);
	free(path);

	/* An absolute folder, as the brief for build trees has it. */
	reg = new_registry(0);
	char *text = igt_xasprintf("plugin_path:\n  - %s\n  - %s\n%s", plain_dir, jsonl_dir, body);
	path = write_job("abspath.yaml", text);
	rc = igt_job_load(&job, reg, path, &err);
	is_int(rc, 0, "absolute plugin_path folders");
	if (rc == 0) {
		char *want = igt_xasprintf("%s/plain", plain_dir);
		is_str(job->inputs[0].format->path, want, "plain loaded from the absolute folder");
		free(want);
		igt_job_free(job);
	} else {
		printf("#   %s\n", err.message);
	}
	igt_registry_free(reg);
	free(text);
	free(path);

	reg = new_registry(1);
	path =
	    write_job("badpath.yaml", "plugin_path: {a: b}\ninputs: [a.txt]\noutputs: [jsonl]\n");
	rc = igt_job_load(&job, reg, path, &err);
	is_int(rc, IGT_ECONFIG, "plugin_path a mapping is refused");
	like(err.message, "'plugin_path' must be a folder or a list of folders", "with a message");
	igt_registry_free(reg);
	free(path);

	free(p);
	free(j);
	free(plugs);
}

/* The settings digest of a job's only input, from the job's text. */
static void input_settings(igt_registry *reg, const char *name, const char *text, char out[65])
{
	igt_job *job = NULL;
	igt_error err;
	out[0] = '\0';
	char *path = write_job(name, text);
	if (igt_job_load(&job, reg, path, &err) == 0)
		igt_job_input_settings(job, 0, out);
	else
		printf("# %s\n", err.message);
	igt_job_free(job);
	free(path);
}

/* What shapes the documents is in the digest; defaults written out and
 * the outputs are not. */
static void test_settings(igt_registry *reg)
{
	char plain[65], spelled[65], other[65], outputs[65], detect[65];
	input_settings(reg, "s1.yaml",
	               "job: s\ninputs:\n  - {path: in.txt, format: plain}\n"
	               "outputs:\n  - jsonl: {path: a.jsonl}\n",
	               plain);
	input_settings(reg, "s2.yaml",
	               "job: s\ninputs:\n  - {path: in.txt, format: {plain: {keep_empty: false}}}\n"
	               "outputs:\n  - jsonl: {path: a.jsonl}\n",
	               spelled);
	input_settings(reg, "s3.yaml",
	               "job: s\ninputs:\n  - {path: in.txt, format: {plain: {keep_empty: true}}}\n"
	               "outputs:\n  - jsonl: {path: a.jsonl}\n",
	               other);
	input_settings(reg, "s4.yaml",
	               "job: s\ninputs:\n  - {path: other.txt, format: plain}\n"
	               "outputs:\n  - jsonl: {path: b.jsonl, tables: true}\n",
	               outputs);
	input_settings(reg, "s5.yaml",
	               "job: s\ninputs:\n  - in.txt\noutputs:\n  - jsonl: {path: a.jsonl}\n", detect);
	is_int((int)strlen(plain), 64, "settings: 64 hex digits");
	is_str(spelled, plain, "settings: an option written at its default is the same setting");
	ok(strcmp(other, plain) != 0, "settings: a format option changed is another setting");
	is_str(outputs, plain, "settings: the outputs and the input's path are not settings");
	ok(strcmp(detect, plain) != 0, "settings: auto is not the format it may detect");
}

int main(void)
{
	top_builddir = getenv("top_builddir");
	if (!top_builddir || !*top_builddir) {
		printf("1..0 # SKIP top_builddir is not set (run through make check)\n");
		return 0;
	}
	plain_dir = igt_xasprintf("%s/plugins/format/plain", top_builddir);
	jsonl_dir = igt_xasprintf("%s/plugins/output/jsonl", top_builddir);
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof(tmpdir), "%s/igt-job-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpdir))
		bail("mkdtemp");

	igt_registry *reg = new_registry(1);
	test_valid(reg);
	test_errors(reg);
	test_settings(reg);
	igt_registry_free(reg);
	test_plugin_path();

	nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(plain_dir);
	free(jsonl_dir);
	return done_testing();
}
