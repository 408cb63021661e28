/* SPDX-License-Identifier: MIT */
/*
 * taxonomy: tags segments and documents with topics from a taxonomy
 * written in YAML (the shipped configs/taxonomy/internet-governance.yaml
 * and the job's own files): each topic has an id, a label, a parent and
 * rules (PCRE2 patterns with weights, and patterns that must or must not
 * occur in the same segment). Each matching span becomes a "topic"
 * annotation; each document gets its topic scores per segment and rolled
 * up the tree in metrics.taxonomy; the run ends with the corpus table
 * "taxonomy". This file is the glue: options, open and close, the steps
 * per document, warnings and the table.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "model.h"
#include "score.h"
#include "search.h"

#define SHIPPED          "taxonomy/internet-governance.yaml"
#define WARNINGS_PER_PAT 10

typedef struct taxonomy_config {
	igt_strlist taxonomy;
	bool shipped;
	int64_t min_score;
	int64_t match_limit;
	int64_t depth_limit;
	int64_t time_limit;
	bool annotations;
	igt_strlist skip_types;
	bool negation;
} taxonomy_config;

static const igt_option taxonomy_options[] = {
    {"taxonomy", IGT_OPT_PATHS, NULL, 0, offsetof(taxonomy_config, taxonomy),
     "the job's own taxonomy files (YAML), added to the shipped one unless shipped is false; "
     "an id defined twice is an error; a topic may have a shipped parent"},
    {"shipped", IGT_OPT_BOOL, "true", 0, offsetof(taxonomy_config, shipped),
     "load the shipped taxonomy/internet-governance.yaml (false: only the job's files)"},
    {"min_score", IGT_OPT_INT, "2", 0, offsetof(taxonomy_config, min_score),
     "the rolled-up score a topic needs to be listed for a document (1 or more)"},
    {"match_limit", IGT_OPT_INT, "100000", 0, offsetof(taxonomy_config, match_limit),
     "PCRE2 match limit (per start position, also for the JIT): stops catastrophic "
     "backtracking with a warning"},
    {"depth_limit", IGT_OPT_INT, "10000", 0, offsetof(taxonomy_config, depth_limit),
     "PCRE2 depth limit (the interpreter only, for patterns the JIT cannot compile)"},
    {"time_limit", IGT_OPT_INT, "1000", 0, offsetof(taxonomy_config, time_limit),
     "milliseconds one pattern may spend searching one segment (0: no limit)"},
    {"annotations", IGT_OPT_BOOL, "true", 0, offsetof(taxonomy_config, annotations),
     "add a \"topic\" annotation for each matching span (false: metrics only)"},
    {"skip_types", IGT_OPT_LIST, "[boilerplate, quote]", 0,
     offsetof(taxonomy_config, skip_types),
     "segment types not searched (a reply's topics are what it says, not the message it "
     "quotes)"},
    {"negation", IGT_OPT_BOOL, "true", 0, offsetof(taxonomy_config, negation),
     "a match its sentence denies (\"we did not discuss cybersecurity\", \"data protection "
     "was not raised\") does not count (false: every match counts)"},
    {0},
};

typedef struct taxonomy_state {
	igt_host *host;
	bool annotations;
	const igt_strlist *skip_types;
	tx_model m;
	tx_searcher *searcher;
	tx_engine e;
	tx_scores scores;
	/* the document and segment being searched, for warnings */
	const igt_doc *doc;
	size_t segment;
	uint64_t limit_hits;
} taxonomy_state;

static void taxonomy_close(void *p)
{
	taxonomy_state *st = p;
	if (!st)
		return;
	tx_negation_free(st->e.negation);
	tx_engine_free(&st->e);
	tx_scores_free(&st->scores);
	tx_searcher_free(st->searcher);
	tx_search_free_patterns(&st->m);
	tx_model_free(&st->m);
	free(st);
}

static void log_to(igt_host *host, igt_log_level level, const char *msg)
{
	if (host)
		igt_host_log(host, level, "%s", msg);
	else
		igt_log(level, "taxonomy: %s", msg);
}

static int check_int(igt_host *host, const char *name, int64_t v, int64_t min, int64_t max)
{
	if (v >= min && v <= max)
		return 0;
	char msg[200];
	snprintf(msg, sizeof(msg),
	         "option '%s' must be from %" PRId64 " to %" PRId64 ", not %" PRId64, name, min,
	         max, v);
	log_to(host, IGT_LOG_ERROR, msg);
	return IGT_ECONFIG;
}

static int check_options(const taxonomy_config *cfg, igt_host *host)
{
	int rc = check_int(host, "min_score", cfg->min_score, 1, INT64_C(1) << 40);
	if (!rc)
		rc = check_int(host, "match_limit", cfg->match_limit, 1, UINT32_MAX);
	if (!rc)
		rc = check_int(host, "depth_limit", cfg->depth_limit, 1, UINT32_MAX);
	if (!rc)
		rc = check_int(host, "time_limit", cfg->time_limit, 0, INT64_C(1) << 40);
	if (!rc && !cfg->shipped && cfg->taxonomy.n == 0) {
		log_to(host, IGT_LOG_ERROR,
		       "no taxonomy: shipped is false and no taxonomy file is given");
		rc = IGT_ECONFIG;
	}
	return rc;
}

/* Read the taxonomy files, check the tree and compile the patterns. */
static int load_all(taxonomy_state *st, const taxonomy_config *cfg)
{
	char err[1024];
	int rc = 0;
	if (cfg->shipped) {
		char *path = igt_data_find(SHIPPED);
		if (!path) {
			snprintf(err, sizeof(err),
			         "cannot find the data file %s (IGTEXT_DATA_PATH)", SHIPPED);
			rc = -1;
		} else {
			rc = tx_load(&st->m, path, err, sizeof(err));
			free(path);
		}
	}
	for (size_t i = 0; !rc && i < cfg->taxonomy.n; i++)
		rc = tx_load(&st->m, cfg->taxonomy.items[i], err, sizeof(err));
	if (!rc)
		rc = tx_tree_check(&st->m, err, sizeof(err));
	if (!rc)
		rc = tx_search_compile(&st->m, err, sizeof(err));
	if (rc) {
		log_to(st->host, IGT_LOG_ERROR, err);
		return IGT_ECONFIG;
	}
	return 0;
}

static void on_limit(size_t pattern, size_t topic, tx_stopped why, void *data);

static int taxonomy_open(void **state, const void *config, igt_host *host)
{
	const taxonomy_config *cfg = config;
	int rc = check_options(cfg, host);
	if (rc)
		return rc;
	taxonomy_state *st = calloc(1, sizeof(*st));
	if (!st)
		abort();
	st->host = host;
	st->annotations = cfg->annotations;
	st->skip_types = &cfg->skip_types;
	if ((rc = load_all(st, cfg)) != 0) {
		taxonomy_close(st);
		return rc;
	}
	tx_limits limits = {(uint32_t)cfg->match_limit, (uint32_t)cfg->depth_limit,
	                    cfg->time_limit};
	st->searcher = tx_searcher_new(&limits);
	tx_engine_init(&st->e, &st->m, st->searcher, true);
	st->e.on_limit = on_limit;
	st->e.on_limit_data = st;
	if (cfg->negation && !(st->e.negation = tx_negation_new())) {
		igt_host_log(host, IGT_LOG_ERROR, "cannot compile the patterns of denials");
		taxonomy_close(st);
		return IGT_EGENERIC;
	}
	tx_scores_init(&st->scores, &st->m, cfg->min_score);
	*state = st;
	return 0;
}

/* A warning for a search a limit stopped; at most WARNINGS_PER_PAT per
 * pattern, the rest are counted and summed up in finish. */
static void on_limit(size_t pattern, size_t topic, tx_stopped why, void *data)
{
	taxonomy_state *st = data;
	tx_pattern *p = &st->m.patterns[pattern];
	st->limit_hits++;
	p->limit_hits++;
	if (p->warned >= WARNINGS_PER_PAT)
		return;
	p->warned++;
	const char *id = igt_doc_get(st->doc, IGT_DOC_ID);
	const char *path = igt_doc_get(st->doc, IGT_DOC_SOURCE_PATH);
	char reason[80], msg[1024];
	if (why.why == TX_ERROR)
		snprintf(reason, sizeof(reason), "matching failed (PCRE2 error %d)",
		         why.pcre2_error);
	else
		snprintf(reason, sizeof(reason), "%s", tx_stop_text(why.why));
	snprintf(msg, sizeof(msg),
	         "document %s (%s), segment %zu: topic '%s': pattern '%.200s' (%s:%lu:%lu): %s at "
	         "byte %zu; the pattern's search of this segment stops there%s",
	         id ? id : "?", path ? path : "?", st->segment, st->m.topics[topic].id, p->text,
	         p->at.file, p->at.line, p->at.col, reason, why.at,
	         p->warned == WARNINGS_PER_PAT ? " (further limit warnings for this pattern are "
	                                         "not shown)"
	                                       : "");
	log_to(st->host, IGT_LOG_WARNING, msg);
}

static void annotate(taxonomy_state *st, igt_doc *doc, size_t seg)
{
	for (size_t i = 0; i < st->e.n_matches; i++) {
		const tx_match *x = &st->e.matches[i];
		igt_span span = {x->start, x->end - x->start};
		/* The value is shared: every annotation of a topic holds the
		 * same immutable {"topic", "label"} object. */
		igt_doc_add_annotation(doc, "taxonomy", "topic", seg, span,
		                       json_incref(st->m.topics[x->topic].value), x->weight, 1);
	}
}

static int taxonomy_process(void *p, igt_doc *doc)
{
	taxonomy_state *st = p;
	size_t n = igt_doc_segment_count(doc);
	st->doc = doc;
	st->limit_hits = 0;
	tx_scores_doc_begin(&st->scores);
	for (size_t s = 0; s < n; s++) {
		const igt_segment *seg = igt_doc_segment(doc, s);
		if (igt_strlist_has(st->skip_types, seg->type))
			continue;
		st->segment = s;
		tx_engine_segment(&st->e, seg->text, seg->text_len);
		if (!st->e.n_matches)
			continue;
		tx_scores_segment(&st->scores, s, st->e.matches, st->e.n_matches);
		if (st->annotations)
			annotate(st, doc, s);
	}
	json_object_set_new(igt_doc_metrics(doc), "taxonomy",
	                    tx_scores_doc_end(&st->scores, st->limit_hits));
	st->doc = NULL;
	return 0;
}

static int taxonomy_finish(void *p)
{
	taxonomy_state *st = p;
	for (size_t i = 0; i < st->m.n_patterns; i++) {
		const tx_pattern *pat = &st->m.patterns[i];
		if (pat->limit_hits <= pat->warned)
			continue;
		char msg[512];
		snprintf(msg, sizeof(msg),
		         "pattern '%.200s' (%s:%lu:%lu) was stopped by a limit in %" PRIu64
		         " segments in all",
		         pat->text, pat->at.file, pat->at.line, pat->at.col, pat->limit_hits);
		log_to(st->host, IGT_LOG_WARNING, msg);
	}
	for (size_t t = 0; t < st->m.n_topics; t++) {
		json_t *row = tx_scores_row(&st->scores, t);
		if (!row)
			continue;
		int rc = igt_host_table_row(st->host, "taxonomy", row);
		if (rc)
			return rc;
	}
	return 0;
}

IGT_PLUGIN_DEFINE(taxonomy) = {
    .abi = IGT_PLUGIN_ABI,
    .size = sizeof(igt_plugin),
    .name = "taxonomy",
    .version = "1.0",
    .summary = "topics of segments and documents from a YAML taxonomy of PCRE2 rules, rolled up "
               "a tree",
    .kind = IGT_ANALYSIS,
    .options = taxonomy_options,
    .config_size = sizeof(taxonomy_config),
    .open = taxonomy_open,
    .close = taxonomy_close,
    .op.analysis = {.process = taxonomy_process, .finish = taxonomy_finish},
};
