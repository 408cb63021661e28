/* SPDX-License-Identifier: MIT */
/* The pipeline runner (pipeline.h). */
#include "config.h"

#include <nettle/sha2.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc_private.h"
#include "expand.h"
#include "host_private.h"
#include "input_private.h"
#include "log_private.h"
#include "ordered.h"
#include "pipeline.h"
#include "resolve.h"
#include "schema.h"
#include "stages.h"
#include "util.h"

/* No stage: see json_stage. */
#define NO_STAGE ((size_t)-1)

/* Set by the signal handler, which may run on any thread: a lock-free
 * atomic, which is async-signal-safe. */
static atomic_int interrupted;

void igt_pipeline_interrupt(int signal_number)
{
	int before = atomic_exchange(&interrupted, signal_number ? signal_number : 1);
	/* Whichever thread caught it, every thread's blocked read or write
	 * is interrupted, as the only thread's is without workers. */
	if (!before && signal_number)
		igt_stages_pass_signal(signal_number);
}

int igt_pipeline_interrupted(void)
{
	return (int)interrupted;
}

void igt_pipeline_repeat_signal(void)
{
	igt_stages_repeat_signal();
}

/* Paths seen so far, so an input named by two entries is read once. */
typedef struct seen_set {
	char **slots;
	size_t cap, n;
} seen_set;

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Returns 1 if s was new (and is now remembered). */
static int seen_add(seen_set *set, const char *s)
{
	if (set->n * 2 >= set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 64;
		char **slots = igt_xcalloc(cap, sizeof(char *));
		for (size_t i = 0; i < set->cap; i++) {
			if (!set->slots[i])
				continue;
			size_t j = hash_str(set->slots[i]) & (cap - 1);
			while (slots[j])
				j = (j + 1) & (cap - 1);
			slots[j] = set->slots[i];
		}
		free(set->slots);
		set->slots = slots;
		set->cap = cap;
	}
	size_t j = hash_str(s) & (set->cap - 1);
	while (set->slots[j]) {
		if (strcmp(set->slots[j], s) == 0)
			return 0;
		j = (j + 1) & (set->cap - 1);
	}
	set->slots[j] = (char *)s;
	set->n++;
	return 1;
}

typedef struct instance {
	const igt_module *module;
	void *config;    /* the options this instance was opened with */
	int owns_config; /* defaults made here; options from the job belong to it */
	void *state;
	igt_host *host;
} instance;

/* What parses inputs: the reading thread, or one of the parsing threads
 * that read several inputs at once (see "parsing threads" below). */
typedef struct lane {
	struct igt_pipeline *p;
	instance *formats; /* its own instances of the format plugins */
	size_t n_formats, cap_formats;
	/* the input being parsed */
	igt_input *in;
	const char *in_name;
	const char *in_format;
	igt_input_info in_info; /* what outputs are told of it */
	int in_bad;
	/* with worker threads */
	struct batch *batch; /* entries not handed over yet */
	igt_buf pending;     /* this thread's messages since the last entry */
	igt_stream *stream;  /* with parsing threads: where its batches go */
	struct task_input *task; /* with parsing threads: the input it parses */
	igt_buf json_scratch;    /* for prepare_json */
	int cut_queued;          /* its stream names the input the stop cut */
	pthread_t thread;
} lane;

struct igt_pipeline {
	igt_registry *reg;
	const igt_job *job;
	igt_pipeline_options opts;
	lane reader; /* the thread that runs the pipeline */
	instance *analysis;
	size_t n_analysis;
	instance *outputs;
	size_t n_outputs;
	igt_run_stats stats;
	igt_resolver resolver; /* real paths of inputs, from the last folder's */
	igt_span *cov;
	size_t n_cov, cap_cov;
	/* an output failed or a signal came: the run stops. With worker
	 * threads, either side may set it: set_fatal, first one wins. */
	atomic_int fatal;
	igt_error fatal_err;
	pthread_mutex_t fatal_lock;
	/* Worker threads (see "worker threads" below); NULL: all runs here. */
	igt_stages *stages;
	/* Parsing threads (see below); NULL: inputs are parsed here. */
	igt_ordered *order;
	lane *lanes;
	size_t n_lanes;
	struct task *group; /* inputs gathered for the next lane's task */
	/* an output writes documents whole as JSON, with these flags */
	int prepare_json;
	unsigned json_flags;
	size_t json_stage;    /* its stage, or NO_STAGE */
	igt_buf json_scratch; /* that stage's, for prepare_json */
	size_t output_stage;
	/* the order's sink's own: counts of the inputs through the order */
	uint64_t through_bytes;
	size_t through_failed, through_unread, through_unskipped;
	int order_cut; /* an input was cut short: what follows is dropped */
	struct {
		const igt_module *module;
		void *config;
	} *opened; /* format instances opened on parsing threads, so far */
	size_t n_opened, cap_opened;
	size_t progress_total; /* inputs named, for the progress line */
	/* the outputs' own: one of them failed, and they get nothing more */
	int outputs_failed;
	/* the outputs' own, with workers: a stop signal came, and they write,
	 * begin and end nothing more (output_entry) */
	int outputs_stopped;
	char *out_input; /* the input begun and not ended at the outputs */
	char *out_cut;   /* the first input not committed because of the stop */
	/* the output stage's own, with workers */
	igt_run_stats out_stats; /* what the outputs are shown (see output_entry) */
	int stage_in_bad;    /* an analysis plugin failed on the current input */
	size_t stage_failed; /* inputs found bad that way, after their END */
	seen_set real_seen;  /* real paths read, with workers (copies) */
	char (*settings)[65]; /* per job input: igt_job_input_settings */
};

/* With worker threads, documents travel in batches of entries; the
 * entries of an input are BEGIN, its documents, END. */
typedef enum entry_kind { ENTRY_DOC, ENTRY_BEGIN, ENTRY_END, ENTRY_MARK, ENTRY_CUT } entry_kind;
static void queue_doc(lane *l, igt_doc *doc);
static void queue_input(lane *l, entry_kind kind, const igt_input_info *info, int ok);
static void queue_cut(lane *l, const char *name);
static void queue_mark(lane *l, size_t done);
static void queue_opened(lane *l, const igt_module *m, void *job_cfg, igt_buf *said);
static void queue_skipped(lane *l);
static void hand_on(lane *l);
static void start_workers(igt_pipeline *p);
static void stop_workers(igt_pipeline *p);
static void show_progress(igt_pipeline *p, size_t done, size_t total);
static void reader_flush(igt_pipeline *p);
static void hand_out_group(igt_pipeline *p);

/* Stop the run with e, unless it is stopping already. */
static void set_fatal(igt_pipeline *p, const igt_error *e)
{
	pthread_mutex_lock(&p->fatal_lock);
	if (!p->fatal) {
		p->fatal_err = *e;
		p->fatal = e->code;
	}
	pthread_mutex_unlock(&p->fatal_lock);
}

/* "UTF-16" or "UTF-32" when the input begins with their byte order mark,
 * else NULL: such text is all NUL bytes to a UTF-8 reader, and the
 * plugins would call it binary. */
static const char *wide_unicode(const char *head, size_t len)
{
	const unsigned char *u = (const unsigned char *)head;
	if (len >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && !u[2] && !u[3]) ||
	                 (!u[0] && !u[1] && u[2] == 0xFE && u[3] == 0xFF)))
		return "UTF-32";
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return "UTF-16";
	return NULL;
}

/* The message of a stop signal that came while name was read, analysed
 * or written (the input is abandoned, not committed as complete), or
 * (name NULL) between inputs. */
static void stop_message(igt_error *e, const char *name)
{
	if (name)
		igt_error_set(e, IGT_EINTERRUPTED,
		              "interrupted by signal %d while processing %s, which was not "
		              "committed",
		              (int)interrupted, name);
	else
		igt_error_set(e, IGT_EINTERRUPTED,
		              "interrupted by signal %d; the run is incomplete (a store keeps the "
		              "inputs it committed before)",
		              (int)interrupted);
}

static void stop_interrupted(igt_pipeline *p, const char *name)
{
	igt_error e;
	stop_message(&e, name);
	set_fatal(p, &e);
}

static int open_instance(instance *inst, const igt_module *m, void *config, const char *job,
                         const igt_run_stats *stats, igt_error *err)
{
	inst->module = m;
	inst->host = igt_host_new(m->plugin->name, job);
	inst->host->stats = stats;
	if (!m->plugin->open)
		return 0;
	int rc = m->plugin->open(&inst->state, config, inst->host);
	if (rc)
		return igt_error_set(err, rc == IGT_EIO || rc == IGT_ELOCKED ? rc : IGT_ECONFIG,
		                     "plugin '%s' failed to start (see the messages above)",
		                     m->plugin->name);
	return 0;
}

static void close_instance(instance *inst)
{
	if (inst->module && inst->module->plugin->close)
		inst->module->plugin->close(inst->state);
	igt_host_free(inst->host);
}

/* The open instance of format module m with the job's options job_cfg
 * (NULL: defaults), opening it on first use. */
static int format_instance(lane *l, const igt_module *m, void *job_cfg, instance **out,
                           igt_error *err)
{
	igt_pipeline *p = l->p;
	for (size_t i = 0; i < l->n_formats; i++)
		if (l->formats[i].module == m &&
		    (job_cfg ? l->formats[i].config == job_cfg : l->formats[i].owns_config))
			return *out = &l->formats[i], 0;
	void *cfg = job_cfg;
	if (!cfg) {
		int rc = igt_config_new(&cfg, m->plugin, NULL, NULL, "(defaults)", p->job->dir, err);
		if (rc)
			return rc;
	}
	igt_xgrow((void **)&l->formats, &l->cap_formats, l->n_formats + 1, sizeof(*l->formats));
	instance *inst = &l->formats[l->n_formats];
	memset(inst, 0, sizeof(*inst));
	inst->config = cfg;
	inst->owns_config = job_cfg == NULL;
	/* With parsing threads each opens its own instance: what open says
	 * is said once, where one thread would have opened it (opened_once). */
	igt_buf said = {0};
	igt_buf *outer = p->order ? igt_log_capture(&said) : NULL;
	int rc = open_instance(inst, m, cfg, p->job->name, &p->stats, err);
	if (p->order) {
		igt_log_capture(outer);
		queue_opened(l, rc ? NULL : m, job_cfg, &said);
	}
	if (rc) {
		igt_host_free(inst->host);
		if (inst->owns_config)
			igt_config_free(m->plugin, cfg);
		return rc;
	}
	l->n_formats++;
	*out = inst;
	return 0;
}

/* igt_host_table_row of the analysis plugins ends here: every output that
 * takes tables gets the row. */
static int route_row(void *payload, const char *table, const json_t *row)
{
	igt_pipeline *p = payload;
	for (size_t i = 0; i < p->n_outputs; i++) {
		const igt_plugin *o = p->outputs[i].module->plugin;
		if (o->op.output.write_row && o->op.output.write_row(p->outputs[i].state, table, row) != 0) {
			igt_log(IGT_LOG_ERROR, "output '%s' failed writing a row of table '%s'", o->name,
			        table);
			return IGT_EIO;
		}
	}
	return 0;
}

static void close_formats(lane *l)
{
	for (size_t i = 0; i < l->n_formats; i++) {
		close_instance(&l->formats[i]);
		if (l->formats[i].owns_config)
			igt_config_free(l->formats[i].module->plugin, l->formats[i].config);
	}
	free(l->formats);
	l->formats = NULL;
	l->n_formats = l->cap_formats = 0;
}

int igt_pipeline_open(igt_pipeline **out, igt_registry *reg, const igt_job *job,
                      const igt_pipeline_options *opts, igt_error *err)
{
	*out = NULL;
	igt_pipeline *p = igt_xcalloc(1, sizeof(*p));
	pthread_mutex_init(&p->fatal_lock, NULL);
	p->reader.p = p;
	p->json_stage = NO_STAGE;
	p->reg = reg;
	p->job = job;
	if (opts)
		p->opts = *opts;
	/* Borrowed by every input's igt_input_info, wherever it travels. */
	p->settings = igt_xcalloc(job->n_inputs ? job->n_inputs : 1, sizeof(*p->settings));
	for (size_t i = 0; i < job->n_inputs; i++)
		igt_job_input_settings(job, i, p->settings[i]);
	int rc = 0;
	int need_detection = 0;
	for (size_t i = 0; i < job->n_inputs; i++)
		need_detection |= job->inputs[i].format == NULL;
	if (need_detection)
		igt_registry_load_all(reg, IGT_FORMAT);
	p->analysis = igt_xcalloc(job->n_pipeline, sizeof(*p->analysis));
	for (size_t i = 0; !rc && i < job->n_pipeline; i++, p->n_analysis++) {
		rc = open_instance(&p->analysis[i], job->pipeline[i].module, job->pipeline[i].config,
		                   job->name, &p->stats, err);
		p->analysis[i].host->row_sink = route_row;
		p->analysis[i].host->row_payload = p;
	}
	p->outputs = igt_xcalloc(job->n_outputs, sizeof(*p->outputs));
	for (size_t i = 0; !rc && i < job->n_outputs; i++, p->n_outputs++)
		rc = open_instance(&p->outputs[i], job->outputs[i].module, job->outputs[i].config,
		                   job->name, &p->stats, err);
	for (size_t i = 0; !rc && i < p->n_outputs && !p->prepare_json; i++) {
		p->prepare_json = p->outputs[i].host->prepare_json;
		p->json_flags = p->outputs[i].host->json_flags;
	}
	if (rc) {
		igt_pipeline_close(p);
		return rc;
	}
	*out = p;
	return 0;
}

void igt_pipeline_close(igt_pipeline *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_outputs; i++)
		close_instance(&p->outputs[i]);
	for (size_t i = 0; i < p->n_analysis; i++)
		close_instance(&p->analysis[i]);
	close_formats(&p->reader);
	free(p->outputs);
	free(p->analysis);
	free(p->settings);
	free(p->cov);
	igt_resolver_free(&p->resolver);
	igt_buf_free(&p->reader.pending);
	igt_buf_free(&p->json_scratch);
	pthread_mutex_destroy(&p->fatal_lock);
	free(p);
}

const igt_run_stats *igt_pipeline_stats(const igt_pipeline *p)
{
	return &p->stats;
}

/* ---- detection ---- */

static int cmp_scored(const void *a, const void *b)
{
	const igt_format_score *x = a, *y = b;
	if (x->score != y->score)
		return y->score - x->score;
	return strcmp(x->module->plugin->name, y->module->plugin->name);
}

static void score_all(igt_registry *reg, const char *head, size_t len, igt_detection *d)
{
	memset(d, 0, sizeof(*d));
	for (size_t i = 0; i < igt_registry_count(reg) && d->n < IGT_DETECT_MAX_FORMATS; i++) {
		const igt_module *m = igt_registry_at(reg, i);
		if (m->plugin->kind != IGT_FORMAT)
			continue;
		int s = m->plugin->op.format.score((const unsigned char *)head, len);
		d->all[d->n].module = m;
		d->all[d->n].score = s < 0 ? 0 : s > 100 ? 100 : s;
		d->n++;
	}
	if (d->n > 1)
		qsort(d->all, d->n, sizeof(d->all[0]), cmp_scored);
	if (d->n && d->all[0].score >= IGT_DETECT_MIN) {
		d->best = d->all[0].module;
		d->score = d->all[0].score;
	}
	if (d->n > 1 && d->all[1].score >= IGT_DETECT_MIN) {
		d->runner_up = d->all[1].module;
		d->runner_up_score = d->all[1].score;
	}
}

int igt_detect_path(igt_registry *reg, const char *path, igt_detection *out, igt_error *err)
{
	igt_input *in;
	int rc = igt_input_open_unhashed(&in, path, err);
	if (rc)
		return rc;
	const char *head;
	size_t len;
	rc = igt_input_peek(in, IGT_DETECT_HEAD, &head, &len);
	if (rc == 0 && len == 0)
		rc = igt_error_set(err, IGT_EBADINPUT, "%s: empty input", igt_input_name(in));
	else if (rc == 0)
		score_all(reg, head, len > IGT_DETECT_HEAD ? IGT_DETECT_HEAD : len, out);
	else
		igt_error_set(err, rc, "%s: cannot read", igt_input_name(in));
	igt_input_close(in);
	return rc;
}

/* ---- documents ---- */

/* id = sha256(format, identity of the input, offset of the document),
 * 128 bits in hex: stable across runs for the same file. Input without a
 * stable identity (stdin) mixes in the document's text instead. */
static void derive_id(lane *l, igt_doc *doc)
{
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	const char *format = igt_doc_get(doc, IGT_DOC_FORMAT);
	const char *identity = igt_input_identity(l->in);
	char offset[32];
	snprintf(offset, sizeof(offset), "%llu", (unsigned long long)igt_doc_source_span(doc).offset);
	sha256_update(&ctx, strlen(format) + 1, (const uint8_t *)format);
	if (identity) {
		sha256_update(&ctx, strlen(identity) + 1, (const uint8_t *)identity);
	} else {
		for (size_t i = 0; i < igt_doc_segment_count(doc); i++) {
			const igt_segment *s = igt_doc_segment(doc, i);
			sha256_update(&ctx, s->text_len + 1, (const uint8_t *)s->text);
		}
	}
	sha256_update(&ctx, strlen(offset), (const uint8_t *)offset);
	unsigned char digest[SHA256_DIGEST_SIZE];
	sha256_digest(&ctx, sizeof(digest), digest);
	char id[33];
	igt_hex(digest, 16, id);
	igt_doc_set(doc, IGT_DOC_ID, id, 32);
}

static void add_cov(igt_pipeline *p, igt_span s)
{
	if (!s.length)
		return;
	/* Documents usually arrive in order: extend the last span in place. */
	if (p->n_cov) {
		igt_span *last = &p->cov[p->n_cov - 1];
		if (s.offset >= last->offset && s.offset <= last->offset + last->length) {
			uint64_t end = s.offset + s.length;
			if (end > last->offset + last->length)
				last->length = end - last->offset;
			return;
		}
	}
	igt_xgrow((void **)&p->cov, &p->cap_cov, p->n_cov + 1, sizeof(*p->cov));
	p->cov[p->n_cov++] = s;
}

/* What the core adds to every document before the analysis plugins. */
static void prepare_doc(lane *l, igt_doc *doc)
{
	if (!igt_doc_get(doc, IGT_DOC_FORMAT))
		igt_doc_set(doc, IGT_DOC_FORMAT, l->in_format, (size_t)-1);
	igt_doc_set(doc, IGT_DOC_SOURCE_PATH, l->in_name, (size_t)-1);
	igt_doc_set(doc, IGT_DOC_SOURCE_SHA256, igt_input_sha256(l->in), (size_t)-1);
	if (!igt_doc_get(doc, IGT_DOC_ID))
		derive_id(l, doc);
	if (igt_doc_invalid_utf8(doc))
		igt_log(IGT_LOG_WARNING,
		        "%s: %llu bytes that are not UTF-8 repaired (read as Latin-1 between "
		        "ASCII ones, else U+FFFD) in the document at byte %llu",
		        l->in_name, (unsigned long long)igt_doc_invalid_utf8(doc),
		        (unsigned long long)igt_doc_source_span(doc).offset);
}

/* Documents up to this size get their JSON written ahead (see
 * igt_host_prepare_json); a larger one would hold its text twice. */
#define PREPARE_JSON_MAX (1024u * 1024)

static void prepare_json(igt_pipeline *p, igt_doc *doc, igt_buf *scratch)
{
	if (p->prepare_json && igt_doc_source_span(doc).length <= PREPARE_JSON_MAX)
		igt__doc_prepare_json(doc, p->json_flags, scratch);
}

/* Analysis plugin i on doc; 1 if it failed (reported). */
static int analyse(igt_pipeline *p, size_t i, igt_doc *doc)
{
	const igt_plugin *a = p->analysis[i].module->plugin;
	if (a->op.analysis.process(p->analysis[i].state, doc) == 0)
		return 0;
	igt_log(IGT_LOG_ERROR, "%s: plugin '%s' failed on document %s",
	        igt_doc_get(doc, IGT_DOC_SOURCE_PATH), a->name, igt_doc_get(doc, IGT_DOC_ID));
	return 1;
}

/* Every output writes doc; 0, or the run is stopped (p->fatal). */
static int write_doc(igt_pipeline *p, igt_doc *doc)
{
	for (size_t i = 0; i < p->n_outputs; i++) {
		const igt_plugin *o = p->outputs[i].module->plugin;
		int rc = o->op.output.write(p->outputs[i].state, doc);
		if (rc && interrupted) {
			/* The write was cut by the stop signal: the input is
			 * abandoned, which the caller names (emit, output_entry). */
			p->outputs_stopped = 1;
			return -1;
		}
		if (rc) {
			igt_error e;
			igt_error_set(&e, rc == IGT_EIO ? IGT_EIO : IGT_EGENERIC,
			              "output '%s' failed writing a document of %s; the run stops", o->name,
			              igt_doc_get(doc, IGT_DOC_SOURCE_PATH));
			set_fatal(p, &e);
			p->outputs_failed = 1;
			return -1;
		}
	}
	p->stats.documents++;
	return 0;
}

static int emit(igt_doc *doc, void *payload)
{
	lane *l = payload;
	igt_pipeline *p = l->p;
	if (interrupted && !p->fatal)
		stop_interrupted(p, l->in_name);
	if (p->fatal) {
		igt_doc_free(doc);
		return p->fatal;
	}
	prepare_doc(l, doc);
	if (p->stages) {
		/* Documents go to the outputs as the format made them: their
		 * JSON is written here, several at once on the parsing threads. */
		if (l != &p->reader && !p->n_analysis)
			prepare_json(p, doc, &l->json_scratch);
		queue_doc(l, doc);
		return p->fatal;
	}
	/* A stop signal is heeded between plugins: the document is not
	 * written, and its input is abandoned. */
	for (size_t i = 0; i < p->n_analysis && !interrupted; i++)
		l->in_bad |= analyse(p, i, doc);
	if (interrupted || write_doc(p, doc) != 0) {
		if (interrupted && !p->fatal)
			stop_interrupted(p, l->in_name);
		igt_doc_free(doc);
		return p->fatal;
	}
	if (p->opts.coverage) {
		for (size_t i = 0; i < igt_doc_segment_count(doc); i++)
			add_cov(p, igt_doc_segment(doc, i)->span);
		for (size_t i = 0; i < igt_doc_claim_count(doc); i++)
			add_cov(p, igt_doc_claim_at(doc, i, NULL));
	}
	igt_doc_free(doc);
	return 0;
}

/* ---- coverage ---- */

static int cmp_span(const void *a, const void *b)
{
	const igt_span *x = a, *y = b;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* Bytes of white space at s[i]: ASCII blanks, U+00A0 (no-break space)
 * and U+3000 (ideographic space), which records use for indentation;
 * 0 when s[i] starts anything else. */
static size_t blank_at(const char *s, size_t i, size_t len)
{
	unsigned char c = (unsigned char)s[i];
	if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
		return 1;
	if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0)
		return 2;
	if (c == 0xE3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x80)
		return 3;
	return 0;
}

static void report_coverage(igt_pipeline *p, const char *name, const char *path)
{
	if (strcmp(path, "-") == 0) {
		igt_log(IGT_LOG_NOTICE, "%s: coverage needs a file it can read twice; skipped", name);
		return;
	}
	if (p->n_cov > 1)
		qsort(p->cov, p->n_cov, sizeof(*p->cov), cmp_span);
	igt_input *in;
	igt_error err;
	if (igt_input_open_unhashed(&in, path, &err) != 0) {
		igt_log_error(&err);
		return;
	}
	uint64_t total = 0, covered = 0;
	size_t k = 0, reported = 0;
	igt_line line;
	while (igt_input_getline(in, &line) == 1) {
		size_t first_gap = (size_t)-1, gap_bytes = 0;
		for (size_t i = 0; i < line.len; i++) {
			size_t w = blank_at(line.text, i, line.len);
			if (w) {
				i += w - 1;
				continue;
			}
			uint64_t off = line.offset + i;
			while (k < p->n_cov && p->cov[k].offset + p->cov[k].length <= off)
				k++;
			total++;
			if (k < p->n_cov && p->cov[k].offset <= off) {
				covered++;
			} else {
				if (first_gap == (size_t)-1)
					first_gap = i;
				gap_bytes++;
			}
		}
		if (gap_bytes && reported++ < 20) {
			size_t show = line.len - line.eol - first_gap;
			igt_log(IGT_LOG_NOTICE, "%s:%llu:%zu: %zu bytes not accounted for: %.*s%s",
			        name, (unsigned long long)line.number, first_gap + 1, gap_bytes,
			        (int)(show > 60 ? 60 : show), line.text + first_gap, show > 60 ? "…" : "");
		}
	}
	igt_input_close(in);
	igt_log(IGT_LOG_NOTICE, "%s: coverage %.1f%%: %llu of %llu non-blank bytes accounted for",
	        name, total ? 100.0 * (double)covered / (double)total : 100.0,
	        (unsigned long long)covered, (unsigned long long)total);
}

/* ---- running ---- */

static void begin_outputs(igt_pipeline *p, const igt_input_info *info)
{
	for (size_t i = 0; i < p->n_outputs && !p->outputs_failed; i++) {
		const igt_plugin *o = p->outputs[i].module->plugin;
		if (o->op.output.begin_input && o->op.output.begin_input(p->outputs[i].state, info) != 0) {
			igt_error e;
			igt_error_set(&e, IGT_EIO, "output '%s' failed starting %s", o->name, info->name);
			set_fatal(p, &e);
			p->outputs_failed = 1;
		}
	}
}

static void end_outputs(igt_pipeline *p, const igt_input_info *info, int ok)
{
	for (size_t i = 0; i < p->n_outputs; i++) {
		const igt_plugin *o = p->outputs[i].module->plugin;
		if (o->op.output.end_input && o->op.output.end_input(p->outputs[i].state, info, ok) != 0) {
			igt_error e;
			igt_error_set(&e, IGT_EIO, "output '%s' failed finishing %s", o->name, info->name);
			set_fatal(p, &e);
			p->outputs_failed = 1;
		}
	}
}

static int run_opened_input(lane *l, const char *path, const igt_module *forced,
                            void *forced_config);

/* Fill what outputs are told of path before it is read: its resolved
 * path, size and mtime (stat only: no byte is read). realpath_buf holds
 * the resolved path. Unknown values stay -1 or NULL. */
static void stat_input(igt_resolver *r, const char *path, igt_input_info *info,
                       char **realpath_buf)
{
	memset(info, 0, sizeof(*info));
	info->name = path;
	info->size = -1;
	info->mtime_ns = -1;
	*realpath_buf = NULL;
	if (strcmp(path, "-") == 0) {
		info->name = "<stdin>";
		return;
	}
	struct stat sb;
	int have_stat;
	*realpath_buf = igt_resolve(r, path, &sb, &have_stat);
	info->path = *realpath_buf;
	if (have_stat && S_ISREG(sb.st_mode)) {
		info->size = (int64_t)sb.st_size;
		info->mtime_ns = (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
	}
}

/* With workers, before an output is asked about path: if this run has
 * read it already under another name (a link), wait until that import
 * has reached the outputs, as it would have on one thread. */
static void settle_same_file(igt_pipeline *p, const char *path)
{
	char *copy = igt_xstrdup(path);
	if (seen_add(&p->real_seen, copy))
		return;
	free(copy);
	if (p->order) {
		reader_flush(p);
		igt_ordered_wait(p->order);
	}
	hand_on(&p->reader);
	igt_stages_drain(p->stages);
}

/* 1 when some output can skip inputs and every such output holds this one
 * unchanged. */
static int unchanged(igt_pipeline *p, const igt_input_info *info)
{
	if (!info->path || info->size < 0 || p->fatal)
		return 0;
	int asked = 0, skip = 1;
	for (size_t i = 0; i < p->n_outputs && skip; i++) {
		const igt_plugin *o = p->outputs[i].module->plugin;
		if (!o->op.output.skip_input)
			continue;
		/* The outputs may be writing on a worker thread. */
		if (!asked && p->stages) {
			settle_same_file(p, info->path);
			igt_stages_hold(p->stages, p->output_stage);
		}
		asked = 1;
		skip = o->op.output.skip_input(p->outputs[i].state, info) == 1;
	}
	if (asked && p->stages)
		igt_stages_release(p->stages, p->output_stage);
	return asked && skip;
}

/* An input to parse on a parsing thread, or on the reading thread while
 * parsing threads run; then it also carries its counts. */
typedef struct task_input {
	const char *path;
	const igt_module *forced;
	void *forced_config;
	igt_input_info info; /* of stat_input; info.path is `resolved` */
	char *resolved;
	igt_run_stats began; /* the reading side's counts when it began */
	size_t done;         /* for the progress line after it, or 0 */
	int failed;          /* it was bad (reported) */
	int unread;          /* the run stopped before it was opened */
	uint64_t bytes;      /* read */
} task_input;

/* Consecutive inputs parsed by one thread into one stream: a record is
 * often a small file, and a stream per file cost more in hand-overs
 * than parsing it. */
typedef struct task {
	task_input *in;
	size_t n, cap;
	uint64_t size;
	int cut; /* the run stopped while one of its inputs was read */
} task;

/* A task is handed out at this many inputs or bytes. */
#define TASK_INPUTS 256
#define TASK_BYTES (512u * 1024)

static void task_add(task *t, igt_pipeline *p, const char *path, const igt_module *forced,
                     void *forced_config, char *resolved)
{
	igt_xgrow((void **)&t->in, &t->cap, t->n + 1, sizeof(*t->in));
	task_input *ti = &t->in[t->n++];
	memset(ti, 0, sizeof(*ti));
	ti->path = path;
	ti->forced = forced;
	ti->forced_config = forced_config;
	ti->info = p->reader.in_info;
	ti->resolved = resolved;
	/* not the documents: the outputs' side counts those */
	ti->began.inputs = p->stats.inputs;
	ti->began.inputs_skipped = p->stats.inputs_skipped;
	ti->began.inputs_failed = p->stats.inputs_failed;
	ti->began.bytes = p->stats.bytes;
	t->size += ti->info.size > 0 ? (uint64_t)ti->info.size : 0;
}

static void parse_task(lane *l, task *t);
static void group_input(igt_pipeline *p, const char *path, const igt_module *forced,
                        void *forced_config, char *resolved);

/* Parse one file. Returns 0 or IGT_EBADINPUT (reported); p->fatal is set
 * when the run must stop. With parsing threads, the file goes to one of
 * them (a regular file) or is parsed here in its turn (a pipe, which
 * may keep its reader waiting), and is counted as it reaches the order's
 * end (order_sink). */
static int run_input(igt_pipeline *p, const char *path, const igt_module *forced,
                     void *forced_config, const char *settings)
{
	lane *l = &p->reader;
	char *resolved;
	stat_input(&p->resolver, path, &l->in_info, &resolved);
	l->in_info.settings = settings;
	if (unchanged(p, &l->in_info)) {
		igt_log(IGT_LOG_INFO, "%s: unchanged since it was imported; skipped", path);
		p->stats.inputs_skipped++;
		if (p->order) /* in its place, so that a stop before it uncounts it */
			queue_skipped(l);
		free(resolved);
		return 0;
	}
	if (p->order) {
		if (l->in_info.size >= 0) {
			group_input(p, path, forced, forced_config, resolved);
		} else {
			reader_flush(p);
			task *t = igt_xcalloc(1, sizeof(*t));
			task_add(t, p, path, forced, forced_config, resolved);
			l->stream = igt_ordered_open(p->order, t, 1);
			parse_task(l, t);
		}
		memset(&l->in_info, 0, sizeof(l->in_info));
		return 0;
	}
	int rc = run_opened_input(l, path, forced, forced_config);
	if (interrupted && !p->fatal) /* before the input was open */
		stop_interrupted(p, path);
	free(resolved);
	memset(&l->in_info, 0, sizeof(l->in_info));
	return rc;
}

/* Open, detect and parse one file that must be read. */
static int run_opened_input(lane *l, const char *path, const igt_module *forced,
                            void *forced_config)
{
	igt_pipeline *p = l->p;
	igt_error err;
	igt_input *in;
	/* run_input resolved the path already (l->in_info.path). */
	if (igt_input_open_resolved(&in, path, l->in_info.path, &err) != 0) {
		igt_log_error(&err);
		return IGT_EBADINPUT;
	}
	const char *name = igt_input_name(in);
	const char *head;
	size_t len;
	int failed_early = 0;
	int rc = igt_input_peek(in, IGT_DETECT_HEAD, &head, &len);
	if (rc < 0 && len > 0) {
		/* A short input that fails early (a small truncated gzip): detect
		 * on what could be read and let the plugin keep the complete
		 * documents; the failure comes back to it when it reads on. */
		failed_early = 1;
		rc = 0;
	}
	if (rc == 0 && len == 0) {
		igt_log(IGT_LOG_ERROR, "%s: empty input; nothing to import", name);
		rc = IGT_EBADINPUT;
	}
	const char *wide = rc == 0 ? wide_unicode(head, len) : NULL;
	if (wide) {
		igt_log(IGT_LOG_ERROR,
		        "%s: %s text (it begins with that byte order mark); igtext reads UTF-8: "
		        "convert it first, e.g. iconv -f %s -t UTF-8",
		        name, wide, wide);
		rc = IGT_EBADINPUT;
	}
	const igt_module *fm = forced;
	if (rc == 0 && !fm) {
		igt_detection d;
		score_all(p->reg, head, len > IGT_DETECT_HEAD ? IGT_DETECT_HEAD : len, &d);
		fm = d.best;
		if (!fm) {
			igt_log(IGT_LOG_ERROR,
			        "%s: no format plugin recognises this input (binary or unknown data?); "
			        "name a format to force one",
			        name);
			rc = IGT_EBADINPUT;
		} else if (d.runner_up && d.runner_up_score == d.score) {
			igt_log(IGT_LOG_WARNING,
			        "%s: formats '%s' and '%s' both score %d; using '%s' (name a format to "
			        "choose)",
			        name, fm->plugin->name, d.runner_up->plugin->name, d.score, fm->plugin->name);
		} else {
			igt_log(IGT_LOG_INFO, "%s: detected format '%s' (score %d)", name, fm->plugin->name,
			        d.score);
		}
	}
	instance *fi = NULL;
	if (rc == 0 && format_instance(l, fm, forced_config, &fi, &err) != 0) {
		igt_log_error(&err);
		rc = IGT_EBADINPUT;
	}
	if (rc) {
		if (interrupted && !p->fatal) /* a peek cut short by the signal */
			stop_interrupted(p, name);
		if (interrupted && p->stages)
			queue_cut(l, name);
		igt_input_close(in);
		return IGT_EBADINPUT;
	}
	l->in = in;
	l->in_name = name;
	l->in_format = fm->plugin->name;
	l->in_bad = failed_early;
	if (p->opts.coverage) /* on one thread */
		p->n_cov = 0;
	l->in_info.name = name;
	l->in_info.sha256 = igt_input_sha256(in);
	l->in_info.format = fm->plugin->name;
	if (p->stages)
		queue_input(l, ENTRY_BEGIN, &l->in_info, 0);
	else
		begin_outputs(p, &l->in_info);
	if (!p->fatal) {
		igt_input_set_plugin(in, fm->plugin->name);
		rc = fm->plugin->op.format.parse(fi->state, in, emit, l);
		if (rc && !p->fatal && rc != IGT_EBADINPUT)
			igt_log(IGT_LOG_ERROR, "%s: format '%s' failed (code %d)", name, fm->plugin->name, rc);
		/* An input the run abandons (a signal, a failed output) is not
		 * bad: the next run reads it again. It was not counted as bad
		 * with workers either, where the reading side reads on. */
		if ((rc || igt_input_failure(in)) && !p->fatal && !interrupted)
			l->in_bad = 1;
		/* A run that is stopping (a signal, a failed output) abandons
		 * the input: the outputs only get close, so a store rolls it
		 * back instead of committing half of it. */
		if (!p->fatal && !interrupted) {
			if (p->stages)
				queue_input(l, ENTRY_END, &l->in_info, !l->in_bad);
			else
				end_outputs(p, &l->in_info, !l->in_bad);
		} else if (p->stages) {
			queue_cut(l, name);
		}
	} else if (p->stages) {
		queue_cut(l, name);
	}
	if (l->task)
		l->task->bytes += igt_input_bytes_read(in);
	else
		p->stats.bytes += igt_input_bytes_read(in);
	if (p->opts.coverage && !p->fatal)
		report_coverage(p, name, path);
	if (interrupted && !p->fatal) /* while the name is still there */
		stop_interrupted(p, name);
	l->in = NULL;
	l->in_name = NULL;
	igt_input_close(in);
	return l->in_bad ? IGT_EBADINPUT : 0;
}

static void progress(igt_pipeline *p, size_t done, size_t total)
{
	if (p->order && p->group && p->opts.progress && !p->reader.pending.len &&
	    !p->group->in[p->group->n - 1].done) {
		/* after the last input gathered, by its lane: nothing of this
		 * thread's comes between */
		p->group->in[p->group->n - 1].done = done;
		return;
	}
	if (p->stages) {
		queue_mark(&p->reader, done);
		return;
	}
	show_progress(p, done, total);
}

static void show_progress(igt_pipeline *p, size_t done, size_t total)
{
	if (!p->opts.progress)
		return;
	fprintf(stderr, "\r\033[K%zu/%zu inputs, %zu documents", done, total, p->stats.documents);
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/* ---- worker threads ----
 *
 * With --threads above 1, the thread that reads also parses, and hands
 * each document on in a batch; every analysis plugin is a stage of
 * stages.h, and the outputs together are the last stage. A plugin's calls
 * stay sequential and in input order, so no plugin has to be thread-safe,
 * and outputs see documents in input order (DESIGN.md). A message about a
 * document travels with it and is written when it reaches the outputs:
 * stderr reads as it does on one thread. */

typedef struct entry {
	entry_kind kind;
	int flag;             /* DOC: an analysis plugin failed on it; END: read whole;
	                       * MARK: an input skipped (queue_skipped) */
	igt_doc *doc;         /* DOC */
	igt_input_info info;  /* BEGIN, END: its strings are in `strings` */
	char *strings;
	igt_run_stats stats;  /* BEGIN, END: the reading side's counts then */
	size_t done;          /* MARK: inputs done, for the progress line */
	igt_buf log;          /* messages before this entry, and about it */
	/* MARK after a format plugin instance was opened on a parsing thread:
	 * its messages from open_from on are open's (see opened_once) */
	const igt_module *open_module;
	void *open_config;
	size_t open_from;
} entry;

typedef struct batch {
	entry *e;
	size_t n, cap;
	uint64_t bytes; /* of the documents' sources */
} batch;

/* A batch is handed on at this many entries or source bytes: enough to
 * make the hand-over cheap, few enough to keep memory low. */
#define BATCH_ENTRIES 64
#define BATCH_BYTES (128u * 1024)
/* Inputs done, in a MARK that only carries messages. */
#define NO_PROGRESS ((size_t)-1)

/* The lane's batch to the stages, or with parsing threads into its
 * stream of the order. */
static void hand_on(lane *l)
{
	if (!l->batch)
		return;
	if (l->stream)
		igt_stream_put(l->stream, l->batch);
	else
		igt_stages_push(l->p->stages, l->batch);
	l->batch = NULL;
}

static entry *new_entry(lane *l, entry_kind kind)
{
	/* The reading thread's own entries (messages, progress) take their
	 * place in the order after the inputs it gathered. */
	igt_pipeline *p = l->p;
	if (p->order && l == &p->reader && p->group)
		hand_out_group(p);
	if (p->order && !l->stream)
		l->stream = igt_ordered_open(p->order, NULL, 1);
	if (!l->batch)
		l->batch = igt_xcalloc(1, sizeof(*l->batch));
	batch *b = l->batch;
	igt_xgrow((void **)&b->e, &b->cap, b->n + 1, sizeof(*b->e));
	entry *e = &b->e[b->n++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	/* The messages logged here since the last entry come before it. */
	e->log = l->pending;
	memset(&l->pending, 0, sizeof(l->pending));
	return e;
}

static void queue_doc(lane *l, igt_doc *doc)
{
	entry *e = new_entry(l, ENTRY_DOC);
	e->doc = doc;
	l->batch->bytes += igt_doc_source_span(doc).length;
	/* A pipe or a terminal (no size) may keep the reader waiting: its
	 * documents go on one by one, so that they come out as they are
	 * read, as on one thread. */
	if (l->batch->n >= BATCH_ENTRIES || l->batch->bytes >= BATCH_BYTES || l->in_info.size < 0)
		hand_on(l);
}

/* Copy a string of info into e->strings at *at. */
static const char *keep(char **at, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *to = memcpy(*at, s, n);
	*at += n;
	return to;
}

static void queue_input(lane *l, entry_kind kind, const igt_input_info *info, int ok)
{
	entry *e = new_entry(l, kind);
	e->flag = ok;
	/* Not the documents: the outputs' side counts those. With parsing
	 * threads, the inputs bad and the bytes read before this one are
	 * known when it reaches the order's end (order_sink). */
	const igt_run_stats *from = l->task ? &l->task->began : &l->p->stats;
	e->stats.inputs = from->inputs;
	e->stats.inputs_skipped = from->inputs_skipped;
	e->stats.inputs_failed = from->inputs_failed;
	e->stats.bytes = from->bytes;
	e->info = *info;
	const char *parts[] = {info->name, info->path, info->sha256, info->format};
	size_t size = 0;
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		size += parts[i] ? strlen(parts[i]) + 1 : 0;
	char *at = e->strings = igt_xmalloc(size ? size : 1);
	e->info.name = keep(&at, info->name);
	e->info.path = keep(&at, info->path);
	e->info.sha256 = keep(&at, info->sha256);
	e->info.format = keep(&at, info->format);
	if (info->size < 0)
		hand_on(l);
}

static void queue_mark(lane *l, size_t done)
{
	if (l->p->opts.progress || done == NO_PROGRESS)
		new_entry(l, ENTRY_MARK)->done = done;
}

/* An input the reading side abandoned, or did not begin, because the run
 * stops: if the outputs had not stopped before it, it is the first input
 * not committed, which the stop message names (output_entry). Once per
 * stream is enough: what follows it is not committed either. */
static void queue_cut(lane *l, const char *name)
{
	if (l->cut_queued || !name)
		return;
	l->cut_queued = 1;
	entry *e = new_entry(l, ENTRY_CUT);
	e->strings = igt_xstrdup(name);
	e->info.name = e->strings;
}

/* A mark for an input the reading thread skipped, with parsing threads:
 * counted already, and uncounted if the run stopped before it. */
static void queue_skipped(lane *l)
{
	entry *e = new_entry(l, ENTRY_MARK);
	e->flag = 1;
	e->done = NO_PROGRESS;
}

/* A mark with what a format plugin instance said as it was opened on a
 * parsing thread (m NULL: the open failed), after the messages before. */
static void queue_opened(lane *l, const igt_module *m, void *job_cfg, igt_buf *said)
{
	entry *e = new_entry(l, ENTRY_MARK);
	e->done = NO_PROGRESS;
	e->open_module = m;
	e->open_config = job_cfg;
	e->open_from = e->log.len;
	igt_buf_add(&e->log, said->data ? said->data : "", said->len);
	igt_buf_free(said);
}

/* An entry that is not to be written, nor its messages said. */
static void free_entry(entry *e)
{
	igt_buf_free(&e->log);
	if (e->kind == ENTRY_DOC)
		igt__doc_release(e->doc);
	free(e->strings);
}

/* The outputs stop at a stop signal: the input they are in is not ended,
 * so it is not committed, and the stop message names it. */
static void stop_outputs(igt_pipeline *p)
{
	p->outputs_stopped = 1;
	if (!p->out_cut) {
		p->out_cut = p->out_input;
		p->out_input = NULL;
	}
}

/* The outputs' stage: each entry as the single thread would have done it.
 * After an output failed, the outputs get nothing more, and nothing more
 * is said. After a stop signal, the outputs get nothing more either,
 * whichever thread read the entries and however far ahead it was: the
 * run stops at once instead of writing (and a store committing) what was
 * read before the signal. Messages are still said: they tell of inputs
 * that were read. */
static void output_entry(igt_pipeline *p, entry *e)
{
	if (p->outputs_failed) {
		/* On one thread the run would have stopped at the failure:
		 * nothing read after it is said or written. */
		free_entry(e);
		return;
	}
	igt_log_flush(&e->log);
	igt_buf_free(&e->log);
	if (!p->outputs_stopped && interrupted)
		stop_outputs(p);
	if (p->outputs_stopped) {
		/* The first input the outputs would have begun, or one the
		 * reading side abandoned before, is the one the stop cut. */
		if (!p->out_cut && (e->kind == ENTRY_BEGIN || e->kind == ENTRY_CUT))
			p->out_cut = igt_xstrdup(e->info.name);
		free_entry(e);
		return;
	}
	if (e->kind == ENTRY_BEGIN || e->kind == ENTRY_END) {
		/* An output may read the run's counts (the store records them as
		 * it goes): show it those of the moment this input began or
		 * ended on the reading side, as on one thread, plus the inputs
		 * failed here and the documents written here. */
		igt_run_stats *o = &p->out_stats;
		o->inputs = e->stats.inputs;
		o->inputs_skipped = e->stats.inputs_skipped;
		o->inputs_failed = e->stats.inputs_failed + p->stage_failed;
		o->bytes = e->stats.bytes;
		o->documents = p->stats.documents;
	}
	switch (e->kind) {
	case ENTRY_DOC:
		p->stage_in_bad |= e->flag;
		if (write_doc(p, e->doc) != 0 && p->outputs_stopped)
			stop_outputs(p); /* the write was cut by the signal */
		igt__doc_release(e->doc);
		break;
	case ENTRY_BEGIN:
		p->stage_in_bad = 0;
		free(p->out_input);
		p->out_input = igt_xstrdup(e->info.name);
		begin_outputs(p, &e->info);
		break;
	case ENTRY_END:
		end_outputs(p, &e->info, e->flag && !p->stage_in_bad);
		free(p->out_input);
		p->out_input = NULL;
		if (e->flag && p->stage_in_bad)
			p->stage_failed++;
		break;
	case ENTRY_MARK:
		if (e->done != NO_PROGRESS)
			show_progress(p, e->done, p->progress_total);
		break;
	case ENTRY_CUT: break; /* the outputs had not stopped: a failed output's */
	}
	free(e->strings);
}

static void run_stage(void *ctx, size_t stage, void *item)
{
	igt_pipeline *p = ctx;
	batch *b = item;
	igt_buf *outer = igt_log_capture(NULL);
	/* A stop signal or a failed output is heeded between documents and
	 * between plugins: what is left of the batch only passes on to the
	 * outputs' stage, which writes none of it (output_entry). */
	if (stage < p->n_analysis) {
		for (size_t i = 0; i < b->n && !interrupted && !p->fatal; i++) {
			entry *e = &b->e[i];
			if (e->kind != ENTRY_DOC)
				continue;
			igt_log_capture(&e->log);
			e->flag |= analyse(p, stage, e->doc);
		}
	} else if (stage == p->json_stage) {
		for (size_t i = 0; i < b->n && !interrupted && !p->fatal; i++)
			if (b->e[i].kind == ENTRY_DOC)
				prepare_json(p, b->e[i].doc, &p->json_scratch);
	} else {
		for (size_t i = 0; i < b->n; i++)
			output_entry(p, &b->e[i]);
		free(b->e);
		free(b);
	}
	igt_log_capture(outer);
}

/* Threads to use: --threads, else the processors this process may run on. */
static long threads_wanted(const igt_pipeline *p)
{
	if (p->opts.threads > 0)
		return p->opts.threads;
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		return CPU_COUNT(&set);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? n : 1;
}

/* ---- parsing threads ----
 *
 * With worker threads and more than one input, inputs are also parsed
 * several at once: the reading thread stats each input, asks the outputs
 * whether to skip it, and hands it to a parsing thread (a lane, with
 * instances of the format plugins of its own), which parses it into a
 * stream of batches. The streams reach the stages in input order
 * (ordered.h), so everything after parsing sees what it sees with one
 * parsing thread. A pipe is parsed on the reading thread, in its turn. */

/* Whether this is the first, in input order, that a format instance of m
 * with the job's options config (NULL: defaults) was opened: on one
 * thread, it would have been opened then and only then, and said what it
 * says then. A failed open is tried again at the next input, as on one
 * thread. */
static int opened_once(igt_pipeline *p, const igt_module *m, void *config)
{
	for (size_t i = 0; i < p->n_opened; i++)
		if (p->opened[i].module == m && p->opened[i].config == config)
			return 0;
	igt_xgrow((void **)&p->opened, &p->cap_opened, p->n_opened + 1, sizeof(*p->opened));
	p->opened[p->n_opened].module = m;
	p->opened[p->n_opened].config = config;
	p->n_opened++;
	return 1;
}

/* Each batch of a stream, in input order, to the stages; at the end of a
 * stream, its input's counts. Runs on one thread at a time. */
static void order_sink(void *ctx, void *job, void *item)
{
	igt_pipeline *p = ctx;
	task *t = job;
	if (item) {
		batch *b = item;
		if (p->order_cut) {
			/* On one thread the run would have stopped at the cut:
			 * nothing read after it is written, said or counted. */
			for (size_t i = 0; i < b->n; i++) {
				if (b->e[i].kind == ENTRY_MARK && b->e[i].flag)
					p->through_unskipped++;
				free_entry(&b->e[i]);
			}
			free(b->e);
			free(b);
			return;
		}
		for (size_t i = 0; t && i < b->n; i++) {
			entry *e = &b->e[i];
			if (e->open_module && !opened_once(p, e->open_module, e->open_config))
				e->log.len = e->open_from;
			if (e->kind == ENTRY_BEGIN || e->kind == ENTRY_END) {
				e->stats.inputs_failed += p->through_failed;
				e->stats.bytes += p->through_bytes;
			}
		}
		igt_stages_push(p->stages, b);
		return;
	}
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		task_input *ti = &t->in[i];
		if (p->order_cut) {
			p->through_unread++;
		} else {
			p->through_failed += (size_t)ti->failed;
			p->through_bytes += ti->bytes;
			p->through_unread += (size_t)ti->unread;
		}
		free(ti->resolved);
	}
	/* The run stopped while this task was read (parse_task): what lanes
	 * read after it stays unwritten. */
	p->order_cut |= t->cut;
	free(t->in);
	free(t);
}

/* While a thread waits for the order: after a stop signal, pass it on
 * again (see igt_stages_repeat_signal). */
static void order_tick(void *ctx)
{
	(void)ctx;
	igt_stages_repeat_signal();
}

/* Parse the inputs of t on lane l into l->stream, then end the stream. */
static void parse_task(lane *l, task *t)
{
	igt_pipeline *p = l->p;
	size_t failed = 0; /* the task's inputs so far */
	uint64_t bytes = 0;
	l->cut_queued = 0;
	for (size_t i = 0; i < t->n; i++) {
		task_input *ti = &t->in[i];
		if (p->fatal) {
			ti->unread = 1; /* as on one thread: the run stopped before it */
			if (interrupted)
				queue_cut(l, ti->path);
			continue;
		}
		l->task = ti;
		l->in_info = ti->info;
		/* the inputs before it in this task; order_sink adds the earlier
		 * tasks' */
		ti->began.inputs_failed += failed;
		ti->began.bytes += bytes;
		ti->failed = run_opened_input(l, ti->path, ti->forced, ti->forced_config) != 0;
		if (interrupted && !p->fatal) /* before the input was open */
			stop_interrupted(p, ti->path);
		failed += (size_t)ti->failed;
		bytes += ti->bytes;
		if (ti->done)
			queue_mark(l, ti->done);
		l->task = NULL;
		memset(&l->in_info, 0, sizeof(l->in_info));
	}
	/* The run stopped while this task was read (an input cut short, or
	 * not begun): what lanes read after it is dropped. */
	if (p->fatal)
		t->cut = 1;
	if (l->pending.len)
		queue_mark(l, NO_PROGRESS); /* messages after its last entry */
	hand_on(l);
	igt_stream_end(l->stream); /* t may be gone from here on */
	l->stream = NULL;
}

static void *lane_main(void *arg)
{
	lane *l = arg;
	igt_log_capture(&l->pending);
	void *job;
	while ((l->stream = igt_ordered_take(l->p->order, &job)))
		parse_task(l, job);
	igt_log_capture(NULL);
	return NULL;
}

/* The reading thread's own entries so far, if any, into the order. */
static void reader_end_stream(igt_pipeline *p)
{
	lane *l = &p->reader;
	if (l->pending.len)
		queue_mark(l, NO_PROGRESS);
	hand_on(l);
	if (l->stream) {
		igt_stream_end(l->stream);
		l->stream = NULL;
	}
}

static void hand_out_group(igt_pipeline *p)
{
	task *t = p->group;
	p->group = NULL;
	igt_ordered_open(p->order, t, 0);
}

/* Everything the reading thread has for the order, in order: the inputs
 * gathered for a lane, then its own entries. */
static void reader_flush(igt_pipeline *p)
{
	if (p->group)
		hand_out_group(p);
	reader_end_stream(p);
}

/* Gather a regular file into the next task for a lane. Messages the
 * reading thread logged since the last input come before it. */
static void group_input(igt_pipeline *p, const char *path, const igt_module *forced,
                        void *forced_config, char *resolved)
{
	if (p->group && p->reader.pending.len)
		hand_out_group(p);
	if (!p->group) {
		reader_end_stream(p);
		p->group = igt_xcalloc(1, sizeof(*p->group));
	}
	task_add(p->group, p, path, forced, forced_config, resolved);
	if (p->group->n >= TASK_INPUTS || p->group->size >= TASK_BYTES)
		hand_out_group(p);
}

/* Batches a stream may hold before its lane waits, and streams open at
 * once per lane: enough to keep the lanes busy while the first input's
 * documents go on, few enough to keep memory low. */
#define STREAM_BATCHES 4
#define STREAMS_PER_LANE 3

/* Start up to `lanes` parsing threads (start_workers decides). */
static void start_lanes(igt_pipeline *p, size_t lanes)
{
	size_t n = lanes < p->progress_total ? lanes : p->progress_total;
	p->order = igt_ordered_new(order_sink, order_tick, p, STREAM_BATCHES,
	                           STREAMS_PER_LANE * n + 2);
	p->lanes = igt_xcalloc(n, sizeof(*p->lanes));
	/* Stop signals stay with the threads that read pipes and write
	 * output; a lane reads regular files only. */
	sigset_t stop, old;
	igt_stop_signals(&stop);
	pthread_sigmask(SIG_BLOCK, &stop, &old);
	for (size_t i = 0; i < n; i++) {
		lane *l = &p->lanes[p->n_lanes];
		l->p = p;
		if (pthread_create(&l->thread, NULL, lane_main, l) != 0)
			break;
		p->n_lanes++;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (p->n_lanes) {
		igt_log(IGT_LOG_DEBUG, "parsing up to %zu inputs at once", p->n_lanes);
	} else {
		igt_log(IGT_LOG_DEBUG, "no parsing thread could be started; parsing on one thread");
		igt_ordered_free(p->order);
		p->order = NULL;
		free(p->lanes);
		p->lanes = NULL;
	}
}

/* Every input handed out parsed and through the order; the lanes end. */
static void stop_lanes(igt_pipeline *p)
{
	reader_flush(p);
	igt_ordered_wait(p->order);
	igt_ordered_no_more(p->order);
	for (size_t i = 0; i < p->n_lanes; i++) {
		pthread_join(p->lanes[i].thread, NULL);
		close_formats(&p->lanes[i]);
		igt_buf_free(&p->lanes[i].pending);
		igt_buf_free(&p->lanes[i].json_scratch);
	}
	free(p->lanes);
	p->lanes = NULL;
	p->n_lanes = 0;
	igt_ordered_free(p->order);
	p->order = NULL;
	free(p->opened);
	p->opened = NULL;
	p->n_opened = p->cap_opened = 0;
	/* Counted on the way out of the order. */
	p->stats.inputs_failed += p->through_failed;
	p->stats.bytes += p->through_bytes;
	p->stats.inputs -= p->through_unread + p->through_unskipped;
	p->stats.inputs_skipped -= p->through_unskipped;
}

static void start_workers(igt_pipeline *p)
{
	long threads = threads_wanted(p);
	/* Coverage is counted as documents are written, on this thread. */
	if (threads <= 1 || p->opts.coverage)
		return;
	/* jansson makes its hash seed on first use, which loading the job
	 * has done already; for a caller of libigtext that made no JSON
	 * value yet, it is made here, before a worker could race for it. */
	json_object_seed(0);
	/* The documents' JSON (igt_host_prepare_json) is written by a stage
	 * of its own after the analysis plugins; with no analysis plugin, on
	 * the parsing threads when there are any. */
	size_t n_lanes = p->progress_total >= 2 ? (size_t)threads : 0;
	p->json_stage = p->prepare_json && (p->n_analysis || !n_lanes) ? p->n_analysis : NO_STAGE;
	size_t stages = p->n_analysis + (p->json_stage != NO_STAGE) + 1;
	p->output_stage = stages - 1;
	/* More workers than stages would wait for a stage to be free. */
	size_t workers = (size_t)threads - 1 < stages ? (size_t)threads - 1 : stages;
	/* Analysis plugins keep the workers busy: parsing gets the threads
	 * left, and one is the reading thread's own (then no lane is needed).
	 * Lanes beside busy workers only took turns on the same processors,
	 * for less in all. Without analysis the outputs' stage is light and
	 * every thread may parse. */
	if (p->n_analysis)
		n_lanes = n_lanes > workers ? n_lanes - workers : 0;
	if (n_lanes < 2)
		n_lanes = 0;
	/* Until the workers stop, the reading side owns p->stats but the
	 * documents, and the outputs see out_stats. */
	p->out_stats = p->stats;
	for (size_t i = 0; i < p->n_outputs; i++)
		p->outputs[i].host->stats = &p->out_stats;
	p->stages = igt_stages_start(stages, workers, stages + workers + 2, run_stage, p);
	if (!p->stages) {
		igt_log(IGT_LOG_DEBUG, "no worker thread could be started; running on one thread");
		for (size_t i = 0; i < p->n_outputs; i++)
			p->outputs[i].host->stats = &p->stats;
		return;
	}
	igt_log_capture(&p->reader.pending);
	if (n_lanes)
		start_lanes(p, n_lanes);
}

static void stop_workers(igt_pipeline *p)
{
	if (p->order)
		stop_lanes(p);
	queue_mark(&p->reader, NO_PROGRESS); /* carries the last messages */
	hand_on(&p->reader);
	igt_stages_finish(p->stages);
	p->stages = NULL;
	/* The documents this thread made that the workers wrote out. */
	igt__doc_yard_flush();
	for (size_t i = 0; i < p->real_seen.cap; i++)
		free(p->real_seen.slots[i]);
	free(p->real_seen.slots);
	memset(&p->real_seen, 0, sizeof(p->real_seen));
	for (size_t i = 0; i < p->n_outputs; i++)
		p->outputs[i].host->stats = &p->stats;
	igt_log_capture(NULL);
	igt_log_flush(&p->reader.pending);
}

int igt_pipeline_run(igt_pipeline *p, igt_error *err)
{
	const igt_job *job = p->job;
	igt_pathlist *lists = igt_xcalloc(job->n_inputs ? job->n_inputs : 1, sizeof(*lists));
	size_t total = 0;
	int bad = 0;
	/* Expand everything first: missing files are reported before any
	 * input is read, and the progress line knows the total. */
	for (size_t i = 0; i < job->n_inputs; i++) {
		const igt_job_input *ji = &job->inputs[i];
		igt_error e;
		int n = igt_expand(&lists[i], ji->pattern, &e);
		if (n < 0) {
			if (ji->line)
				igt_log(IGT_LOG_ERROR, "%s:%d:%d: %s", job->file, ji->line, ji->col, e.message);
			else
				igt_log_error(&e);
			p->stats.inputs_failed++;
			bad = 1;
		} else if (n == 0) {
			if (ji->line)
				igt_log(IGT_LOG_WARNING, "%s:%d:%d: '%s' matches no files", job->file, ji->line,
				        ji->col, ji->pattern);
			else
				igt_log(IGT_LOG_WARNING, "'%s' matches no files", ji->pattern);
		}
		total += lists[i].n;
	}
	p->progress_total = total;
	start_workers(p);
	seen_set seen = {0};
	size_t done = 0;
	for (size_t i = 0; i < job->n_inputs && !p->fatal; i++) {
		for (size_t k = 0; k < lists[i].n && !p->fatal; k++) {
			if (interrupted) {
				stop_interrupted(p, NULL);
				break;
			}
			done++;
			if (!seen_add(&seen, lists[i].paths[k]))
				continue;
			p->stats.inputs++;
			if (run_input(p, lists[i].paths[k], job->inputs[i].format,
			              job->inputs[i].format_config, p->settings[i]) != 0) {
				p->stats.inputs_failed++;
				bad = 1;
			}
			progress(p, done, total);
		}
	}
	if (interrupted && !p->fatal)
		/* The signal may have cut the last input short (a read returns
		 * EINTR): do not let what was read be committed as complete. */
		stop_interrupted(p, NULL);
	if (total && !p->fatal)
		progress(p, total, total);
	if (p->stages) {
		stop_workers(p);
		p->stats.inputs_failed += p->stage_failed;
		bad |= p->stage_failed > 0 || p->through_failed > 0;
		/* The signal may have come while the workers finished what was
		 * read. The input it cut is the first the outputs did not end,
		 * whichever thread stopped first and whatever it was reading. */
		if (interrupted && !p->fatal)
			stop_interrupted(p, NULL);
		if (p->fatal == IGT_EINTERRUPTED)
			stop_message(&p->fatal_err, p->out_cut);
		free(p->out_input);
		free(p->out_cut);
		p->out_input = p->out_cut = NULL;
	}
	free(seen.slots);
	for (size_t i = 0; i < job->n_inputs; i++)
		igt_pathlist_clear(&lists[i]);
	free(lists);
	if (p->fatal) {
		if (err)
			*err = p->fatal_err;
		return p->fatal;
	}
	return bad ? IGT_EBADINPUT : 0;
}

int igt_pipeline_commit(igt_pipeline *p, igt_error *err)
{
	/* A stop signal before the outputs commit (an analysis plugin's
	 * finish may take a while) stops the run as it would have a moment
	 * earlier; once the outputs commit, they all do. */
	for (size_t i = 0; i < p->n_analysis && !interrupted; i++) {
		const igt_plugin *a = p->analysis[i].module->plugin;
		if (!a->op.analysis.finish)
			continue;
		p->analysis[i].host->in_finish = 1;
		int rc = a->op.analysis.finish(p->analysis[i].state);
		p->analysis[i].host->in_finish = 0;
		if (rc != 0 && !interrupted) /* else a write of a row cut by the signal */
			return igt_error_set(err, rc == IGT_EIO ? IGT_EIO : IGT_EGENERIC,
			                     "plugin '%s' failed to finish", a->name);
	}
	if (interrupted) {
		stop_message(err, NULL);
		return IGT_EINTERRUPTED;
	}
	for (size_t i = 0; i < p->n_outputs; i++) {
		const igt_plugin *o = p->outputs[i].module->plugin;
		if (o->op.output.commit && o->op.output.commit(p->outputs[i].state) != 0) {
			if (interrupted) { /* its last write was cut by the signal */
				stop_message(err, NULL);
				return IGT_EINTERRUPTED;
			}
			return igt_error_set(err, IGT_EIO, "output '%s' could not complete its output",
			                     o->name);
		}
	}
	return 0;
}
