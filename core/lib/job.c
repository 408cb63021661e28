/* SPDX-License-Identifier: MIT */
/* Reading and checking job files (job.h). */
#include "config.h"

#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

#include "job.h"
#include "schema.h"
#include "util.h"

static const char *const top_keys[] = {"job", "plugin_path", "inputs", "pipeline", "outputs", NULL};
static const char *const input_keys[] = {"path", "format", NULL};

#define AT(file, n) (file), (n)->line, (n)->col

static const char *article(igt_kind kind)
{
	return kind == IGT_FORMAT ? "a" : "an";
}

igt_job *igt_job_new(const char *name)
{
	igt_job *job = igt_xcalloc(1, sizeof(*job));
	job->name = igt_xstrdup(name);
	job->dir = igt_xstrdup(".");
	return job;
}

static void free_plugins(igt_job_plugin *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		igt_config_free(p[i].module->plugin, p[i].config);
	free(p);
}

void igt_job_free(igt_job *job)
{
	if (!job)
		return;
	for (size_t i = 0; i < job->n_inputs; i++) {
		free(job->inputs[i].pattern);
		if (job->inputs[i].format_config)
			igt_config_free(job->inputs[i].format->plugin, job->inputs[i].format_config);
	}
	free(job->inputs);
	free_plugins(job->pipeline, job->n_pipeline);
	free_plugins(job->outputs, job->n_outputs);
	free(job->name);
	free(job->file);
	free(job->dir);
	free(job);
}

void igt_job_add_input(igt_job *job, const char *pattern, const igt_module *format)
{
	igt_xgrow((void **)&job->inputs, &job->cap_inputs, job->n_inputs + 1, sizeof(*job->inputs));
	igt_job_input *in = &job->inputs[job->n_inputs++];
	memset(in, 0, sizeof(*in));
	in->pattern = igt_path_join(job->dir, pattern);
	in->format = format;
}

static int unknown_key(const igt_yaml_node *k, const char *file, const char *where,
                       const char *const *valid, igt_error *err)
{
	char list[256];
	igt_join_names(valid, list, sizeof(list));
	const char *hint = igt_suggest(k->value, valid);
	return igt_error_set(err, IGT_ECONFIG, "%s:%d:%d: unknown key '%.100s' in %s%s%s%s; valid keys: %s",
	                     AT(file, k), k->value, where, hint ? " (did you mean '" : "",
	                     hint ? hint : "", hint ? "'?)" : "", list);
}

/* A plugin entry is "name" or "name: {options}" (a one-key mapping). */
static int add_plugin_entry(igt_job *job, igt_registry *reg, igt_kind kind,
                            const igt_yaml_node *entry, igt_error *err)
{
	const char *file = job->file;
	const igt_yaml_node *name_node = entry, *opts = NULL;
	if (entry->type == IGT_YAML_MAP) {
		if (entry->n != 2)
			return igt_error_set(err, IGT_ECONFIG,
			                     "%s:%d:%d: a %s entry names one plugin: '- name' or '- name: "
			                     "{options}'",
			                     AT(file, entry), igt_kind_name(kind));
		name_node = entry->items[0];
		opts = entry->items[1];
	}
	if (name_node->type != IGT_YAML_SCALAR || igt_yaml_is_null(name_node))
		return igt_error_set(err, IGT_ECONFIG, "%s:%d:%d: expected a plugin name, got %s",
		                     AT(file, name_node), igt_yaml_type_name(name_node));
	const igt_module *m;
	int rc = igt_registry_load(reg, name_node->value, &m, err);
	if (rc) {
		char msg[sizeof(err->message)];
		snprintf(msg, sizeof(msg), "%s", err->message);
		return igt_error_set(err, IGT_ECONFIG, "%s:%d:%d: %s", AT(file, name_node), msg);
	}
	if (m->plugin->kind != kind)
		return igt_error_set(err, IGT_ECONFIG,
		                     "%s:%d:%d: '%s' is %s %s plugin; it cannot be used as %s %s plugin",
		                     AT(file, name_node), name_node->value,
		                     article(m->plugin->kind), igt_kind_name(m->plugin->kind),
		                     article(kind), igt_kind_name(kind));
	void *cfg;
	rc = igt_config_new(&cfg, m->plugin, entry, opts, file, job->dir, err);
	if (rc)
		return rc;
	igt_job_plugin **list = kind == IGT_OUTPUT ? &job->outputs : &job->pipeline;
	size_t *n = kind == IGT_OUTPUT ? &job->n_outputs : &job->n_pipeline;
	size_t *cap = kind == IGT_OUTPUT ? &job->cap_outputs : &job->cap_pipeline;
	igt_xgrow((void **)list, cap, *n + 1, sizeof(**list));
	igt_job_plugin *p = &(*list)[(*n)++];
	p->module = m;
	p->config = cfg;
	p->line = name_node->line;
	p->col = name_node->col;
	return 0;
}

int igt_job_add_plugin(igt_job *job, igt_registry *reg, igt_kind kind, const char *name,
                       igt_error *err)
{
	igt_yaml_node node = {.type = IGT_YAML_SCALAR, .value = (char *)name, .len = strlen(name)};
	return add_plugin_entry(job, reg, kind, &node, err);
}

static int read_plugin_list(igt_job *job, igt_registry *reg, igt_kind kind,
                            const igt_yaml_node *list, const char *key, igt_error *err)
{
	if (igt_yaml_is_null(list))
		return 0;
	if (list->type != IGT_YAML_SEQ)
		return igt_error_set(err, IGT_ECONFIG, "%s:%d:%d: '%s' must be a list of plugins, got %s",
		                     AT(job->file, list), key, igt_yaml_type_name(list));
	for (size_t i = 0; i < list->n; i++) {
		int rc = add_plugin_entry(job, reg, kind, list->items[i], err);
		if (rc)
			return rc;
	}
	return 0;
}

static int read_input(igt_job *job, igt_registry *reg, const igt_yaml_node *e, igt_error *err)
{
	const char *file = job->file;
	const igt_yaml_node *path = e, *format = NULL;
	if (e->type == IGT_YAML_MAP) {
		for (size_t i = 0; i + 1 < e->n; i += 2) {
			const igt_yaml_node *k = e->items[i];
			int known = 0;
			for (size_t j = 0; input_keys[j]; j++)
				known |= k->type == IGT_YAML_SCALAR && strcmp(k->value, input_keys[j]) == 0;
			if (!known)
				return unknown_key(k, file, "an input", input_keys, err);
		}
		path = igt_yaml_get(e, "path");
		format = igt_yaml_get(e, "format");
		if (!path)
			return igt_error_set(err, IGT_ECONFIG, "%s:%d:%d: an input needs a 'path'",
			                     AT(file, e));
	}
	if (path->type != IGT_YAML_SCALAR || igt_yaml_is_null(path))
		return igt_error_set(err, IGT_ECONFIG,
		                     "%s:%d:%d: an input path must be a string (a file, folder, glob or "
		                     "'-'), got %s",
		                     AT(file, path), igt_yaml_type_name(path));
	const igt_module *fm = NULL;
	void *fcfg = NULL;
	/* format: auto | NAME | { NAME: { options } } */
	const igt_yaml_node *fname = format, *fopts = NULL;
	if (format && format->type == IGT_YAML_MAP) {
		if (format->n != 2)
			return igt_error_set(err, IGT_ECONFIG,
			                     "%s:%d:%d: 'format' names one plugin: 'NAME' or "
			                     "'{ NAME: { options } }'",
			                     AT(file, format));
		fname = format->items[0];
		fopts = format->items[1];
	}
	if (fname && !igt_yaml_is_null(fname)) {
		if (fname->type != IGT_YAML_SCALAR)
			return igt_error_set(err, IGT_ECONFIG, "%s:%d:%d: 'format' must be a plugin name or auto",
			                     AT(file, fname));
		if (strcmp(fname->value, "auto") == 0 && fopts)
			return igt_error_set(err, IGT_ECONFIG,
			                     "%s:%d:%d: options need a named format, not auto",
			                     AT(file, fname));
		if (strcmp(fname->value, "auto") != 0) {
			int rc = igt_registry_load(reg, fname->value, &fm, err);
			if (rc) {
				char msg[sizeof(err->message)];
				snprintf(msg, sizeof(msg), "%s", err->message);
				return igt_error_set(err, IGT_ECONFIG, "%s:%d:%d: %s", AT(file, fname), msg);
			}
			if (fm->plugin->kind != IGT_FORMAT)
				return igt_error_set(err, IGT_ECONFIG,
				                     "%s:%d:%d: '%s' is %s %s plugin, not a format plugin",
				                     AT(file, fname), fname->value,
				                     article(fm->plugin->kind), igt_kind_name(fm->plugin->kind));
			if (fopts) {
				rc = igt_config_new(&fcfg, fm->plugin, fname, fopts, file, job->dir, err);
				if (rc)
					return rc;
			}
		}
	}
	igt_job_add_input(job, path->value, fm);
	job->inputs[job->n_inputs - 1].format_config = fcfg;
	job->inputs[job->n_inputs - 1].line = path->line;
	job->inputs[job->n_inputs - 1].col = path->col;
	return 0;
}

/* The file an output writes: its "path" option, or NULL. */
static const char *output_path(const igt_job_plugin *o)
{
	for (const igt_option *opt = o->module->plugin->options; opt && opt->name; opt++)
		if (opt->type == IGT_OPT_PATH && strcmp(opt->name, "path") == 0)
			return *(char *const *)(const void *)((const char *)o->config + opt->offset);
	return NULL;
}

/* Two outputs writing one file would fight over it: a store's second
 * writer finds it locked by the first (and that exit status, 75, is one a
 * timer takes for "try again"), two JSON Lines writers interleave. */
static int distinct_outputs(const igt_job *job, igt_error *err)
{
	for (size_t i = 1; i < job->n_outputs; i++) {
		const char *a = output_path(&job->outputs[i]);
		for (size_t k = 0; a && k < i; k++) {
			const char *b = output_path(&job->outputs[k]);
			if (b && strcmp(a, b) == 0)
				return igt_error_set(err, IGT_ECONFIG,
				                     "%s:%d:%d: this output writes %s, which the output at "
				                     "line %d already writes; give each output its own path",
				                     job->file, job->outputs[i].line, job->outputs[i].col,
				                     strcmp(a, "-") == 0 ? "standard output" : a,
				                     job->outputs[k].line);
		}
	}
	return 0;
}

static int read_job(igt_job *job, igt_registry *reg, const igt_yaml_node *root, igt_error *err)
{
	const char *file = job->file;
	if (!root)
		return igt_error_set(err, IGT_ECONFIG,
		                     "%s:1:1: the job file is empty; it needs at least 'inputs' and "
		                     "'outputs'",
		                     file);
	if (root->type != IGT_YAML_MAP)
		return igt_error_set(err, IGT_ECONFIG,
		                     "%s:%d:%d: a job file is a mapping of %s, got %s", AT(file, root),
		                     "job, plugin_path, inputs, pipeline and outputs",
		                     igt_yaml_type_name(root));
	for (size_t i = 0; i + 1 < root->n; i += 2) {
		const igt_yaml_node *k = root->items[i];
		int known = 0;
		for (size_t j = 0; top_keys[j]; j++)
			known |= k->type == IGT_YAML_SCALAR && strcmp(k->value, top_keys[j]) == 0;
		if (!known)
			return k->type == IGT_YAML_SCALAR
			           ? unknown_key(k, file, "the job", top_keys, err)
			           : igt_error_set(err, IGT_ECONFIG, "%s:%d:%d: keys must be plain names",
			                           AT(file, k));
	}
	const igt_yaml_node *name = igt_yaml_get(root, "job");
	if (name) {
		if (name->type != IGT_YAML_SCALAR || igt_yaml_is_null(name))
			return igt_error_set(err, IGT_ECONFIG, "%s:%d:%d: 'job' must be a name",
			                     AT(file, name));
		free(job->name);
		job->name = igt_xstrdup(name->value);
	}
	const igt_yaml_node *pp = igt_yaml_get(root, "plugin_path");
	if (pp && !igt_yaml_is_null(pp)) {
		size_t n = pp->type == IGT_YAML_SEQ ? pp->n : 1;
		for (size_t i = 0; i < n; i++) {
			const igt_yaml_node *d = pp->type == IGT_YAML_SEQ ? pp->items[i] : pp;
			if (d->type != IGT_YAML_SCALAR)
				return igt_error_set(err, IGT_ECONFIG,
				                     "%s:%d:%d: 'plugin_path' must be a folder or a list of "
				                     "folders",
				                     AT(file, d));
			igt_registry_add_path(reg, d->value, job->dir);
		}
	}
	const igt_yaml_node *inputs = igt_yaml_get(root, "inputs");
	if (!inputs || igt_yaml_is_null(inputs))
		return igt_error_set(err, IGT_ECONFIG,
		                     "%s:%d:%d: the job has no 'inputs' (files, folders, globs or '-')",
		                     AT(file, inputs ? inputs : root));
	size_t n_in = inputs->type == IGT_YAML_SEQ ? inputs->n : 1;
	if (inputs->type == IGT_YAML_SEQ && inputs->n == 0)
		return igt_error_set(err, IGT_ECONFIG, "%s:%d:%d: 'inputs' is empty", AT(file, inputs));
	for (size_t i = 0; i < n_in; i++) {
		int rc = read_input(job, reg, inputs->type == IGT_YAML_SEQ ? inputs->items[i] : inputs,
		                    err);
		if (rc)
			return rc;
	}
	int rc = read_plugin_list(job, reg, IGT_ANALYSIS, igt_yaml_get(root, "pipeline"), "pipeline",
	                          err);
	if (rc)
		return rc;
	const igt_yaml_node *outputs = igt_yaml_get(root, "outputs");
	rc = read_plugin_list(job, reg, IGT_OUTPUT, outputs, "outputs", err);
	if (rc)
		return rc;
	if (job->n_outputs == 0)
		return igt_error_set(err, IGT_ECONFIG,
		                     "%s:%d:%d: the job has no outputs; add for example\n"
		                     "  outputs:\n    - jsonl: { path: \"-\" }",
		                     AT(file, outputs ? outputs : root));
	return distinct_outputs(job, err);
}

int igt_job_load(igt_job **out, igt_registry *reg, const char *path, igt_error *err)
{
	*out = NULL;
	igt_yaml_doc *doc;
	int rc = igt_yaml_load(&doc, path, err);
	if (rc)
		return rc == IGT_ENOTFOUND ? IGT_ENOTFOUND : IGT_ECONFIG;
	/* The job's name defaults to the file's base name without .yaml. */
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	char *name = igt_xstrndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
	igt_job *job = igt_job_new(name);
	free(name);
	job->file = igt_xstrdup(path);
	free(job->dir);
	job->dir = igt_path_dir(path);
	rc = read_job(job, reg, doc->root, err);
	igt_yaml_free(doc);
	if (rc) {
		igt_job_free(job);
		return rc;
	}
	*out = job;
	return 0;
}

/* A plugin's name and options; the options of a format named without
 * any are its defaults, made here. */
static void digest_plugin(struct sha256_ctx *h, const igt_job *job, const igt_module *m,
                          const void *config)
{
	igt_sha256_str(h, m->plugin->name);
	void *defaults = NULL;
	igt_error err;
	if (!config && igt_config_new(&defaults, m->plugin, NULL, NULL, NULL, job->dir, &err) == 0)
		config = defaults;
	if (config)
		igt_config_digest(h, m->plugin, config);
	igt_config_free(m->plugin, defaults);
}

void igt_job_input_settings(const igt_job *job, size_t i, char out[65])
{
	struct sha256_ctx h;
	sha256_init(&h);
	const igt_job_input *in = &job->inputs[i];
	if (in->format)
		digest_plugin(&h, job, in->format, in->format_config);
	else
		igt_sha256_str(&h, "auto");
	igt_sha256_u64(&h, job->n_pipeline);
	for (size_t k = 0; k < job->n_pipeline; k++)
		digest_plugin(&h, job, job->pipeline[k].module, job->pipeline[k].config);
	unsigned char digest[SHA256_DIGEST_SIZE];
	sha256_digest(&h, sizeof(digest), digest);
	igt_hex(digest, sizeof(digest), out);
}
