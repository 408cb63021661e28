/* SPDX-License-Identifier: MIT */
/*
 * stats: an analysis plugin that measures each document's text (characters,
 * bytes, words, sentences, paragraphs, segments by type, average sentence
 * length, reading time, and the share of letters in each script as a
 * language signal) into metrics.stats, and at the end of a run hands the
 * same measures for the whole run and for each format to the outputs as
 * the corpus table "stats". This file is the plugin's glue: options,
 * which segments count, the JSON of the results. The text itself is
 * measured in measure.c, scripts told apart in scripts.c.
 */
#include <stdlib.h>
#include <string.h>

#include <igtext/igtext.h>

#include "stats.h"

typedef struct stats_config {
	igt_strlist exclude_types;
	igt_strlist no_sentence_types;
	igt_strlist abbreviations;
	int64_t words_per_minute;
	int64_t cjk_chars_per_minute;
	bool table;
} stats_config;

static const igt_option stats_options[] = {
	{"exclude_types", IGT_OPT_LIST, "[quote, signature, non_speech]", 0,
	 offsetof(stats_config, exclude_types),
	 "segment types left out of the text measures (still counted in segments): quoted mail, "
	 "signatures, captioners' notes"},
	{"no_sentence_types", IGT_OPT_LIST, "[heading]", 0,
	 offsetof(stats_config, no_sentence_types),
	 "segment types whose words and characters count but which hold no sentence and are no "
	 "paragraph"},
	{"abbreviations", IGT_OPT_LIST, "[]", 0, offsetof(stats_config, abbreviations),
	 "more abbreviations after which a full stop does not end a sentence "
	 "(\"Amb.\", \"approx.\")"},
	{"words_per_minute", IGT_OPT_INT, "238", 0, offsetof(stats_config, words_per_minute),
	 "reading speed for reading_minutes, in words (Brysbaert 2019: 238 for silent reading of "
	 "English non-fiction)"},
	{"cjk_chars_per_minute", IGT_OPT_INT, "255", 0,
	 offsetof(stats_config, cjk_chars_per_minute),
	 "reading speed for Han and kana characters (IReST 2012: 255 for Chinese)"},
	{"table", IGT_OPT_BOOL, "true", 0, offsetof(stats_config, table),
	 "hand the corpus table \"stats\" (the whole run and each format) to the outputs"},
	{0},
};

/* A segment type seen in a document, with what the options say of it. */
typedef struct seg_type {
	const char *name; /* borrowed from the document */
	uint64_t count;
	bool excluded, no_sentences;
} seg_type;

/* The totals of one format, or of the whole run. */
typedef struct total {
	char *format; /* NULL for the whole run */
	uint64_t documents;
	stats_counts counts;
	char **types; /* segment types in order of first appearance */
	uint64_t *type_counts;
	size_t n_types, cap_types;
} total;

typedef struct stats_state {
	igt_host *host;
	const stats_config *cfg;
	stats_abbrevs abbrevs;
	seg_type *doc_types; /* reused for every document */
	size_t n_doc_types, cap_doc_types;
	total run;
	total *formats;
	size_t n_formats, cap_formats;
} stats_state;

static void total_free(total *t)
{
	free(t->format);
	for (size_t i = 0; i < t->n_types; i++)
		free(t->types[i]);
	free(t->types);
	free(t->type_counts);
}

static void stats_close(void *p)
{
	stats_state *st = p;
	if (!st)
		return;
	stats_abbrevs_free(&st->abbrevs);
	free(st->doc_types);
	total_free(&st->run);
	for (size_t i = 0; i < st->n_formats; i++)
		total_free(&st->formats[i]);
	free(st->formats);
	free(st);
}

static int stats_open(void **state, const void *config, igt_host *host)
{
	const stats_config *cfg = config;
	if (cfg->words_per_minute <= 0 || cfg->cjk_chars_per_minute <= 0) {
		igt_host_log(host, IGT_LOG_ERROR,
		             "words_per_minute and cjk_chars_per_minute must be above 0");
		return IGT_ECONFIG;
	}
	stats_state *st = calloc(1, sizeof(*st));
	if (!st)
		abort();
	st->host = host;
	st->cfg = cfg;
	char err[256];
	if (stats_abbrevs_init(&st->abbrevs, cfg->abbreviations.items, cfg->abbreviations.n, err,
	                       sizeof(err))) {
		igt_host_log(host, IGT_LOG_ERROR, "%s", err);
		free(st);
		return IGT_ECONFIG;
	}
	*state = st;
	return 0;
}

/* The document's entry for a segment type, added when new. Documents
 * have a handful of types and runs of one, so the last one is tried
 * first. */
static seg_type *doc_type(stats_state *st, const char *name, size_t *last)
{
	if (*last < st->n_doc_types && strcmp(st->doc_types[*last].name, name) == 0)
		return &st->doc_types[*last];
	for (size_t i = 0; i < st->n_doc_types; i++)
		if (strcmp(st->doc_types[i].name, name) == 0) {
			*last = i;
			return &st->doc_types[i];
		}
	if (st->n_doc_types == st->cap_doc_types) {
		st->cap_doc_types = st->cap_doc_types ? 2 * st->cap_doc_types : 8;
		st->doc_types = realloc(st->doc_types, st->cap_doc_types * sizeof(seg_type));
		if (!st->doc_types)
			abort();
	}
	seg_type *t = &st->doc_types[st->n_doc_types];
	*t = (seg_type){.name = name,
	                .excluded = igt_strlist_has(&st->cfg->exclude_types, name),
	                .no_sentences = igt_strlist_has(&st->cfg->no_sentence_types, name)};
	*last = st->n_doc_types++;
	return t;
}

static void total_add_type(total *t, const char *name, uint64_t n)
{
	for (size_t i = 0; i < t->n_types; i++)
		if (strcmp(t->types[i], name) == 0) {
			t->type_counts[i] += n;
			return;
		}
	if (t->n_types == t->cap_types) {
		t->cap_types = t->cap_types ? 2 * t->cap_types : 8;
		t->types = realloc(t->types, t->cap_types * sizeof(char *));
		t->type_counts = realloc(t->type_counts, t->cap_types * sizeof(uint64_t));
		if (!t->types || !t->type_counts)
			abort();
	}
	t->types[t->n_types] = igt_strndup(name, strlen(name));
	t->type_counts[t->n_types++] = n;
}

static total *format_total(stats_state *st, const char *format)
{
	const char *f = format ? format : "";
	for (size_t i = 0; i < st->n_formats; i++)
		if (strcmp(st->formats[i].format, f) == 0)
			return &st->formats[i];
	if (st->n_formats == st->cap_formats) {
		st->cap_formats = st->cap_formats ? 2 * st->cap_formats : 8;
		st->formats = realloc(st->formats, st->cap_formats * sizeof(total));
		if (!st->formats)
			abort();
	}
	total *t = &st->formats[st->n_formats++];
	*t = (total){.format = igt_strndup(f, strlen(f))};
	return t;
}

/* ---- JSON ---- */

/* Every key here is a constant or a string of a document, which is valid
 * UTF-8 already: jansson's check of each key would cost more than the
 * rest of building the object. */
static void set(json_t *o, const char *key, json_t *value)
{
	json_object_set_new_nocheck(o, key, value);
}

/* x >= 0 rounded to two decimals (without libm). */
static json_t *rounded(double x)
{
	return json_real((double)(uint64_t)(x * 100 + 0.5) / 100);
}

typedef struct share {
	size_t script;
	uint64_t letters, units;
	double remainder;
} share;

static int by_letters(const void *x, const void *y)
{
	const share *a = x, *b = y;
	if (a->letters != b->letters)
		return a->letters < b->letters ? 1 : -1;
	return a->script < b->script ? -1 : 1;
}

static int by_remainder(const void *x, const void *y)
{
	const share *a = x, *b = y;
	if (a->remainder != b->remainder)
		return a->remainder < b->remainder ? 1 : -1;
	return by_letters(x, y);
}

/* Shares of the letters in four decimals that add up to exactly 1: each
 * script gets its share rounded down, and the ten-thousandths left over
 * go to the largest remainders (the largest remainder method). Scripts
 * whose share rounds to nothing are left out. */
static json_t *scripts_json(const stats_counts *c)
{
	enum { UNITS = 10000 };
	share s[SCRIPT_COUNT];
	size_t n = 0;
	uint64_t letters = 0, given = 0;
	for (size_t i = 0; i < SCRIPT_COUNT; i++)
		letters += c->letters[i];
	json_t *o = json_object();
	if (!letters)
		return o;
	for (size_t i = 0; i < SCRIPT_COUNT; i++) {
		if (!c->letters[i])
			continue;
		double exact = (double)c->letters[i] * UNITS / (double)letters;
		s[n] = (share){i, c->letters[i], (uint64_t)exact, 0};
		s[n].remainder = exact - (double)s[n].units;
		given += s[n++].units;
	}
	qsort(s, n, sizeof(share), by_remainder);
	for (size_t i = 0; given < UNITS && i < n; i++, given++)
		s[i].units++;
	qsort(s, n, sizeof(share), by_letters);
	for (size_t i = 0; i < n; i++)
		if (s[i].units)
			set(o, stats_script_name((stats_script)s[i].script),
			    json_real((double)s[i].units / UNITS));
	return o;
}

static json_t *measures_json(const stats_state *st, const stats_counts *c, json_t *segments)
{
	double minutes = (double)(c->words - c->cjk_words) / (double)st->cfg->words_per_minute +
	                 (double)c->cjk_words / (double)st->cfg->cjk_chars_per_minute;
	json_t *o = json_object();
	set(o, "characters", json_integer((json_int_t)c->characters));
	set(o, "bytes", json_integer((json_int_t)c->bytes));
	set(o, "words", json_integer((json_int_t)c->words));
	set(o, "sentences", json_integer((json_int_t)c->sentences));
	set(o, "paragraphs", json_integer((json_int_t)c->paragraphs));
	set(o, "segments", segments);
	set(o, "average_sentence_words",
	    c->sentences ? rounded((double)c->sentence_words / (double)c->sentences) : json_null());
	set(o, "reading_minutes", rounded(minutes));
	set(o, "scripts", scripts_json(c));
	return o;
}

/* ---- per document ---- */

static int stats_process(void *p, igt_doc *doc)
{
	stats_state *st = p;
	stats_counts c = {0};
	size_t last = 0;
	st->n_doc_types = 0;
	for (size_t i = 0; i < igt_doc_segment_count(doc); i++) {
		const igt_segment *seg = igt_doc_segment(doc, i);
		seg_type *t = doc_type(st, seg->type ? seg->type : "", &last);
		t->count++;
		if (!t->excluded)
			stats_measure(&c, seg->text, seg->text_len, !t->no_sentences, &st->abbrevs);
	}
	json_t *segments = json_object();
	total *f = format_total(st, igt_doc_get(doc, IGT_DOC_FORMAT));
	for (size_t i = 0; i < st->n_doc_types; i++) {
		const seg_type *t = &st->doc_types[i];
		set(segments, t->name, json_integer((json_int_t)t->count));
		total_add_type(&st->run, t->name, t->count);
		total_add_type(f, t->name, t->count);
	}
	set(igt_doc_metrics(doc), "stats", measures_json(st, &c, segments));
	stats_counts_add(&st->run.counts, &c);
	stats_counts_add(&f->counts, &c);
	st->run.documents++;
	f->documents++;
	return 0;
}

/* ---- the corpus table ---- */

static json_t *total_row(const stats_state *st, const total *t)
{
	json_t *segments = json_object();
	for (size_t i = 0; i < t->n_types; i++)
		set(segments, t->types[i], json_integer((json_int_t)t->type_counts[i]));
	json_t *m = measures_json(st, &t->counts, segments);
	json_t *row = json_object();
	if (t->format) {
		char *id = malloc(strlen(t->format) + 8);
		if (!id)
			abort();
		memcpy(id, "format:", 7);
		memcpy(id + 7, t->format, strlen(t->format) + 1);
		set(row, "id", json_string(id));
		set(row, "format", json_string(t->format));
		free(id);
	} else {
		set(row, "id", json_string("corpus"));
		set(row, "format", json_null());
	}
	set(row, "documents", json_integer((json_int_t)t->documents));
	json_object_update(row, m);
	json_decref(m);
	return row;
}

static int stats_finish(void *p)
{
	stats_state *st = p;
	if (!st->cfg->table)
		return 0;
	int rc = igt_host_table_row(st->host, "stats", total_row(st, &st->run));
	for (size_t i = 0; !rc && i < st->n_formats; i++)
		rc = igt_host_table_row(st->host, "stats", total_row(st, &st->formats[i]));
	return rc;
}

IGT_PLUGIN_DEFINE(stats) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "stats",
	.version = "1.0",
	.summary = "characters, words, sentences, paragraphs, reading time and scripts of each "
	           "document, and of the run",
	.kind = IGT_ANALYSIS,
	.options = stats_options,
	.config_size = sizeof(stats_config),
	.open = stats_open,
	.close = stats_close,
	.op.analysis = {.process = stats_process, .finish = stats_finish},
};
