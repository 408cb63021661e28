/* SPDX-License-Identifier: MIT */
/*
 * What the core offers a plugin instance: logging under the instance's
 * name and facts about the job it runs in. An igt_host is handed to the
 * plugin's open callback and stays valid until its close callback returns.
 */
#ifndef IGTEXT_HOST_H
#define IGTEXT_HOST_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include <igtext/log.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct igt_host igt_host;

/* "igtext: <level>: <plugin>: message". */
void igt_host_log(igt_host *host, igt_log_level level, const char *fmt, ...) IGT_PRINTF(3, 4);
/* Name of the plugin this instance belongs to. */
const char *igt_host_plugin_name(const igt_host *host);
/* Name of the job ("parse" for igtext parse), never NULL. */
const char *igt_host_job_name(const igt_host *host);

/* Hand one row of a corpus-level table to every output that takes tables
 * (see op.output.write_row). row must be a JSON object; it is stolen (its
 * reference moves to the core, also on failure). Only analysis plugins may
 * call it, during their finish callback. Returns 0, or a negative code
 * when an output failed. */
int igt_host_table_row(igt_host *host, const char *table, json_t *row);

/* What the run has done so far: outputs read it in commit (or close, when
 * the run was abandoned) to record the run. */
typedef struct igt_run_stats {
	size_t inputs;         /* distinct inputs named by the job */
	size_t inputs_skipped; /* of those, unchanged since an output last saw them */
	size_t inputs_failed;  /* of those, bad (each reported) */
	size_t documents;      /* documents written */
	uint64_t bytes;        /* input bytes read (decompressed) */
} igt_run_stats;
/* For outputs (in their callbacks and in commit) and for any plugin in
 * finish and commit. With worker threads an output sees the counts as of
 * the input it is beginning or ending; an analysis or format plugin must
 * not read them during a run, since the reading thread is changing them. */
const igt_run_stats *igt_host_run_stats(const igt_host *host);

/* For an output that writes every document whole with
 * igt_doc_write_json(doc, out, flags): say so in open. With worker
 * threads, the core may then write a document's JSON ahead, on another
 * thread, once nothing will change the document any more, and
 * igt_doc_write_json only copies it: the same bytes and the same result,
 * while the thread that runs the outputs is free for the next one. */
void igt_host_prepare_json(igt_host *host, unsigned flags);

/* Create the folders above path that do not exist yet, as mkdir -p does,
 * so a job's output folder (var/, out/) need not be made by hand. 0, or
 * IGT_EIO after logging which folder could not be made and why. */
int igt_host_make_parent_dirs(igt_host *host, const char *path);

/* Find a data file shipped with igtext (a gazetteer, a name list) by its
 * path below configs/, e.g. "gazetteers/internet-governance.yaml". Looks
 * in the folders of IGTEXT_DATA_PATH, then in the source tree igtext was
 * built from (so it works before installation), then in the installed data
 * folder. Returns a new string (free) or NULL when no such file exists. */
char *igt_data_find(const char *relpath);

#ifdef __cplusplus
}
#endif
#endif
