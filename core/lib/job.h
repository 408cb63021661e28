/* SPDX-License-Identifier: MIT */
/*
 * Job files (DESIGN.md, "Job files"): reading and checking one into an
 * igt_job, or building one in code (igtext parse does that). Checking
 * covers the YAML, the keys, the plugins (which are loaded) and every
 * option value, so that a job either starts with everything valid or does
 * not start at all. Relative paths in a job file are relative to the
 * folder of the job file, so a job behaves the same whatever folder cron
 * starts it from.
 */
#ifndef IGT_JOB_H
#define IGT_JOB_H

#include "module.h"
#include "yamltree.h"

typedef struct igt_job_plugin {
	const igt_module *module;
	void *config; /* owned: igt_config_free */
	int line, col;
} igt_job_plugin;

typedef struct igt_job_input {
	char *pattern;            /* resolved against the job's folder */
	const igt_module *format; /* NULL: detect */
	void *format_config;      /* options given in the job (owned), or NULL: defaults */
	int line, col;            /* 0 when not from a file */
} igt_job_input;

typedef struct igt_job {
	char *name;
	char *file; /* NULL when built in code */
	char *dir;  /* folder relative paths are resolved against */
	igt_job_input *inputs;
	size_t n_inputs, cap_inputs;
	igt_job_plugin *pipeline;
	size_t n_pipeline, cap_pipeline;
	igt_job_plugin *outputs;
	size_t n_outputs, cap_outputs;
} igt_job;

/* Read and check the job file at path, loading its plugins from reg (the
 * job's plugin_path is added to reg first). err holds "file:line:col:
 * message"; the code is IGT_ECONFIG for anything wrong in the job. */
int igt_job_load(igt_job **out, igt_registry *reg, const char *path, igt_error *err);

/* An empty job for building in code; dir is "." */
igt_job *igt_job_new(const char *name);
void igt_job_add_input(igt_job *job, const char *pattern, const igt_module *format);
/* Add plugin name (which must be of kind) with its default options. */
int igt_job_add_plugin(igt_job *job, igt_registry *reg, igt_kind kind, const char *name,
                       igt_error *err);
void igt_job_free(igt_job *job);

/* A digest of the settings that shape the documents read from job input i:
 * its format ("auto" or the plugin's name) with that format's options, and
 * the pipeline's analysis plugins in order with theirs (defaults written
 * out or left out digest alike). Not the outputs, nor the list of inputs:
 * they change what is stored where, not what a document holds. A store
 * reads an unchanged input again when this differs from the digest it was
 * imported with. out gets 64 lowercase hex digits and a NUL. */
void igt_job_input_settings(const igt_job *job, size_t i, char out[65]);

#endif
