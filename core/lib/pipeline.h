/* SPDX-License-Identifier: MIT */
/*
 * The pipeline runner: expands a job's inputs, picks each input's format
 * (forced or detected), lets the format plugin parse it, and passes every
 * document through the analysis plugins to the outputs as soon as it is
 * emitted, then frees it. Memory is therefore bounded by the largest
 * document, not by the input (and, with worker threads, by the batches
 * in flight). Outputs see documents in input order, however many threads
 * parse and analyse them.
 *
 * A bad input (missing, unreadable, empty, binary, malformed) is reported
 * naming the file and the run goes on with the others; the run's status
 * then says some inputs were bad. An output that fails stops the run.
 */
#ifndef IGT_PIPELINE_H
#define IGT_PIPELINE_H

#include <stdint.h>

#include "job.h"

/* Lowest score a format must reach to be chosen by detection. */
#define IGT_DETECT_MIN 1
/* Bytes of an input that detection looks at. */
#define IGT_DETECT_HEAD 4096

typedef struct igt_pipeline igt_pipeline;

typedef struct igt_pipeline_options {
	int coverage; /* report input bytes no document accounts for */
	int progress; /* show a progress line on stderr */
	long threads; /* threads to use; 0: one per processor this process may use */
} igt_pipeline_options;

/* Open every plugin instance of job (and, if any input needs detection,
 * every format plugin reg can find). */
int igt_pipeline_open(igt_pipeline **out, igt_registry *reg, const igt_job *job,
                      const igt_pipeline_options *opts, igt_error *err);
/* Run every input. 0 when all went well; IGT_EBADINPUT when some inputs
 * were bad (each reported); another negative code when the run had to
 * stop (err filled). */
int igt_pipeline_run(igt_pipeline *p, igt_error *err);
/* Let analysis plugins finish and outputs make their results permanent. */
int igt_pipeline_commit(igt_pipeline *p, igt_error *err);
const igt_run_stats *igt_pipeline_stats(const igt_pipeline *p);

/* Ask every running pipeline to stop after the plugin call in progress,
 * on every thread: the outputs write nothing more, and the input being
 * processed is abandoned. Safe to call from a signal handler.
 * igt_pipeline_run (or igt_pipeline_commit, when the signal comes after
 * the last input) then returns IGT_EINTERRUPTED, whose message names the
 * input the stop cut, and the outputs are abandoned, not committed, so a
 * half-written file never replaces a good one. */
void igt_pipeline_interrupt(int signal_number);
/* The signal passed to igt_pipeline_interrupt, or 0. */
int igt_pipeline_interrupted(void);
/* After a stop signal, pass it on again to the threads of a running
 * pipeline, whose blocked writes it interrupts again. Async-signal-safe:
 * for a handler that repeats (the command line's alarm). */
void igt_pipeline_repeat_signal(void);
void igt_pipeline_close(igt_pipeline *p); /* accepts NULL */

/* Detection on its own, for igtext detect: the best format for the input
 * at path and its score. *best is NULL when nothing recognises it. */
#define IGT_DETECT_MAX_FORMATS 64
typedef struct igt_format_score {
	const igt_module *module;
	int score;
} igt_format_score;
typedef struct igt_detection {
	const igt_module *best; /* NULL when no score reaches IGT_DETECT_MIN */
	int score;
	const igt_module *runner_up; /* second best, NULL if none scored */
	int runner_up_score;
	/* every format plugin's score, best first (ties by name) */
	size_t n;
	igt_format_score all[IGT_DETECT_MAX_FORMATS];
} igt_detection;
int igt_detect_path(igt_registry *reg, const char *path, igt_detection *out, igt_error *err);

#endif
