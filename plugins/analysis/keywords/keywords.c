/* SPDX-License-Identifier: MIT */
/*
 * keywords: the words and phrases each document is about. Words are
 * tokenised with utf8proc (NFC, case folding), stopwords dropped (shipped
 * lists and the job's own), stemmed with Snowball in the document's
 * language; each document gets its most frequent terms in metrics at
 * once, and at the end of the run, when the document frequencies are
 * known, its terms ranked by TF-IDF and its phrases in the corpus table
 * "keywords", and the run's top terms and phrases in "keywords-corpus".
 *
 * The work is split: token.c reads words, lang.c picks stemmers,
 * stopwords.c loads lists, corpus.c counts, ngram.c keeps word pairs and
 * triples, rank.c ranks at the end.
 */
#include <stdlib.h>
#include <string.h>

#include <igtext/igtext.h>

#include "corpus.h"
#include "guess.h"
#include "rank.h"
#include "stopwords.h"

typedef struct keywords_config {
	int64_t top;
	char *language;
	igt_strlist stopwords;
	igt_strlist extra_stopwords;
	bool default_stopwords;
	igt_strlist stem_overrides;
	igt_strlist skip_types;
	bool title;
	bool phrases;
	int64_t min_phrase_count;
	int64_t corpus_top;
	int64_t max_ngrams;
} keywords_config;

static const igt_option keywords_options[] = {
    {"top", IGT_OPT_INT, "10", 0, offsetof(keywords_config, top),
     "terms (and phrases) listed per document, in metrics and in the keywords table (1-1000)"},
    {"language", IGT_OPT_STR, NULL, 0, offsetof(keywords_config, language),
     "BCP 47 tag (\"fr\") used for every document instead of its own language: stemmer and "
     "stopwords"},
    {"stopwords", IGT_OPT_PATHS, NULL, 0, offsetof(keywords_config, stopwords),
     "more stopword files, one word per line, # comments; they apply to every language"},
    {"extra_stopwords", IGT_OPT_LIST, NULL, 0, offsetof(keywords_config, extra_stopwords),
     "more stopwords written in the job file; they apply to every language"},
    {"default_stopwords", IGT_OPT_BOOL, "true", 0, offsetof(keywords_config, default_stopwords),
     "use the shipped lists of configs/stopwords/: stopwords (English for every language, "
     "French, Spanish, German, Russian for their own) and English stem overrides"},
    {"stem_overrides", IGT_OPT_PATHS, NULL, 0, offsetof(keywords_config, stem_overrides),
     "more stem override files (\"word stem\" per line) for words the stemmer conflates; "
     "they apply to every language"},
    {"skip_types", IGT_OPT_LIST, "[boilerplate, non_speech, quote, signature]", 0,
     offsetof(keywords_config, skip_types),
     "segment types whose text is not counted (captioner notes, mail quotes and signatures)"},
    {"title", IGT_OPT_BOOL, "true", 0, offsetof(keywords_config, title),
     "count the document's title as text too"},
    {"phrases", IGT_OPT_BOOL, "true", 0, offsetof(keywords_config, phrases),
     "find multi-word phrases (pairs and triples of adjacent words)"},
    {"min_phrase_count", IGT_OPT_INT, "3", 0, offsetof(keywords_config, min_phrase_count),
     "occurrences in the run a phrase needs"},
    {"corpus_top", IGT_OPT_INT, "100", 0, offsetof(keywords_config, corpus_top),
     "terms, and phrases, listed in the keywords-corpus table"},
    {"max_ngrams", IGT_OPT_INT, "500000", 0, offsetof(keywords_config, max_ngrams),
     "word pairs and triples kept for phrases; the rarest are dropped beyond it (memory: about "
     "60 bytes each)"},
    {0},
};

typedef struct keywords_state {
	igt_host *host;
	const keywords_config *cfg;
	kw_stopwords stop;
	kw_stems stems;
	kw_guesser guesser; /* the shipped lists, for documents without a language */
	kw_corpus corpus;
	/* The last segment type asked about, and whether it is skipped: a
	 * document's segments are mostly of one or two types. */
	char last_type[32];
	bool last_skip;
} keywords_state;

static void keywords_close(void *p)
{
	keywords_state *st = p;
	if (!st)
		return;
	kw_corpus_free(&st->corpus);
	kw_stop_free(&st->stop);
	kw_stems_free(&st->stems);
	kw_guesser_free(&st->guesser);
	free(st);
}

/* Load a shipped list (below configs/) with load (stopwords or stems). */
static int load_data(keywords_state *st, const char *rel, const char *code,
                     int (*load)(keywords_state *, const char *, const char *, char *, size_t))
{
	char err[600];
	char *path = igt_data_find(rel);
	if (!path) {
		igt_host_log(st->host, IGT_LOG_ERROR, "cannot find the data file %s", rel);
		return IGT_ECONFIG;
	}
	int rc = load(st, path, code, err, sizeof(err));
	free(path);
	if (rc) {
		igt_host_log(st->host, IGT_LOG_ERROR, "%s", err);
		return IGT_ECONFIG;
	}
	return 0;
}

static int load_stop(keywords_state *st, const char *path, const char *code, char *err,
                     size_t errlen)
{
	return kw_stop_load(&st->stop, path, code, err, errlen);
}

static int load_stems(keywords_state *st, const char *path, const char *code, char *err,
                      size_t errlen)
{
	return kw_stems_load(&st->stems, path, code, err, errlen);
}

/* The shipped lists: English stopwords for every language, the others'
 * for their own, and the English stem overrides. */
static int load_shipped(keywords_state *st)
{
	int rc = 0;
	for (size_t i = 0; !rc && kw_stop_languages[i]; i++) {
		const char *code = kw_stop_languages[i];
		rc = load_data(st, kw_stop_shipped(code),
		               strcmp(code, "en") == 0 ? KW_STOP_ALL : code, load_stop);
		if (!rc && kw_stems_shipped(code))
			rc = load_data(st, kw_stems_shipped(code), code, load_stems);
	}
	return rc;
}

static int load_job_lists(keywords_state *st, const keywords_config *cfg)
{
	char err[600];
	for (size_t i = 0; i < cfg->stopwords.n; i++) {
		if (kw_stop_load(&st->stop, cfg->stopwords.items[i], KW_STOP_ALL, err,
		                 sizeof(err))) {
			igt_host_log(st->host, IGT_LOG_ERROR, "%s", err);
			return IGT_ECONFIG;
		}
	}
	for (size_t i = 0; i < cfg->stem_overrides.n; i++) {
		if (kw_stems_load(&st->stems, cfg->stem_overrides.items[i], KW_STOP_ALL, err,
		                  sizeof(err))) {
			igt_host_log(st->host, IGT_LOG_ERROR, "%s", err);
			return IGT_ECONFIG;
		}
	}
	for (size_t i = 0; i < cfg->extra_stopwords.n; i++) {
		const char *w = cfg->extra_stopwords.items[i];
		if (kw_stop_add(&st->stop, KW_STOP_ALL, w, strlen(w), err, sizeof(err))) {
			igt_host_log(st->host, IGT_LOG_ERROR, "extra_stopwords: %s", err);
			return IGT_ECONFIG;
		}
	}
	return 0;
}

/* Options the option table cannot check. */
static int check_options(igt_host *host, const keywords_config *cfg)
{
	const struct {
		const char *name;
		int64_t value, min, max;
	} ranges[] = {
	    {"top", cfg->top, 1, 1000},
	    {"min_phrase_count", cfg->min_phrase_count, 1, 1000000},
	    {"corpus_top", cfg->corpus_top, 0, 1000000},
	    {"max_ngrams", cfg->max_ngrams, 1000, 100000000},
	};
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		if (ranges[i].value < ranges[i].min || ranges[i].value > ranges[i].max) {
			igt_host_log(host, IGT_LOG_ERROR, "%s must be from %lld to %lld, not %lld",
			             ranges[i].name, (long long)ranges[i].min,
			             (long long)ranges[i].max, (long long)ranges[i].value);
			return IGT_ECONFIG;
		}
	}
	if (cfg->language) {
		size_t n =
		    strspn(cfg->language, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
		char end = cfg->language[n];
		if (n < 2 || n > 3 || (end && end != '-' && end != '_')) {
			igt_host_log(
			    host, IGT_LOG_ERROR,
			    "language '%s' is not a BCP 47 language tag (\"en\", \"fr-CA\")",
			    cfg->language);
			return IGT_ECONFIG;
		}
	}
	return 0;
}

static int keywords_open(void **state, const void *config, igt_host *host)
{
	const keywords_config *cfg = config;
	int rc = check_options(host, cfg);
	if (rc)
		return rc;
	keywords_state *st = calloc(1, sizeof(*st));
	if (!st)
		abort();
	st->host = host;
	st->cfg = cfg;
	if (cfg->default_stopwords)
		rc = load_shipped(st);
	if (!rc && cfg->default_stopwords)
		kw_guesser_init(&st->guesser, &st->stop);
	if (!rc)
		rc = load_job_lists(st, cfg);
	if (rc) {
		keywords_close(st);
		return rc;
	}
	kw_corpus_init(&st->corpus, (size_t)cfg->top, cfg->phrases, (size_t)cfg->max_ngrams,
	               &st->stop, &st->stems);
	*state = st;
	return 0;
}

/* Whether segments of type type are not counted (skip_types). */
static bool skipped(keywords_state *st, const char *type)
{
	if (!type)
		return false;
	if (st->last_type[0] && strcmp(type, st->last_type) == 0)
		return st->last_skip;
	bool skip = igt_strlist_has(&st->cfg->skip_types, type);
	size_t n = strlen(type);
	if (n > 0 && n < sizeof(st->last_type)) {
		memcpy(st->last_type, type, n + 1);
		st->last_skip = skip;
	}
	return skip;
}

/* The language of a document that does not say, from its first words
 * (guess.h); NULL: English, the default. */
static const char *guess_language(keywords_state *st, const igt_doc *doc)
{
	kw_guess g;
	kw_guess_init(&g);
	const char *title = igt_doc_get(doc, IGT_DOC_TITLE);
	if (st->cfg->title && title && kw_guess_add(&g, &st->guesser, title, strlen(title)))
		return kw_guess_language(&g);
	size_t n = igt_doc_segment_count(doc);
	for (size_t i = 0; i < n; i++) {
		const igt_segment *seg = igt_doc_segment(doc, i);
		if (!skipped(st, seg->type) &&
		    kw_guess_add(&g, &st->guesser, seg->text, seg->text_len))
			break;
	}
	return kw_guess_language(&g);
}

static int keywords_process(void *p, igt_doc *doc)
{
	keywords_state *st = p;
	const keywords_config *cfg = st->cfg;
	const char *lang = cfg->language ? cfg->language : igt_doc_get(doc, IGT_DOC_LANGUAGE);
	const char *guessed = NULL;
	if (!lang && cfg->default_stopwords)
		lang = guessed = guess_language(st, doc);
	if (kw_doc_begin(&st->corpus, lang))
		igt_host_log(st->host, IGT_LOG_WARNING,
		             "this libstemmer has no stemmer for '%s': its words are not stemmed",
		             lang);
	const char *title = igt_doc_get(doc, IGT_DOC_TITLE);
	if (cfg->title && title)
		kw_doc_text(&st->corpus, title, strlen(title));
	size_t n = igt_doc_segment_count(doc);
	for (size_t i = 0; i < n; i++) {
		const igt_segment *seg = igt_doc_segment(doc, i);
		if (!skipped(st, seg->type))
			kw_doc_text(&st->corpus, seg->text, seg->text_len);
	}
	json_t *m = kw_doc_end(&st->corpus, igt_doc_get(doc, IGT_DOC_ID));
	if (guessed)
		json_object_set_new(m, "language_guessed", json_string(guessed));
	json_object_set_new(igt_doc_metrics(doc), "keywords", m);
	return 0;
}

static int emit_row(void *payload, const char *table, json_t *row)
{
	return igt_host_table_row(payload, table, row);
}

static int keywords_finish(void *p)
{
	keywords_state *st = p;
	const kw_ngrams *g = &st->corpus.ngrams;
	if (g->prunes)
		igt_host_log(st->host, IGT_LOG_NOTICE,
		             "the phrase table passed max_ngrams (%zu) %zu time%s and dropped its "
		             "rarest entries: phrase counts up to %u may be low",
		             g->max, g->prunes, g->prunes == 1 ? "" : "s", g->floor);
	return kw_rank(&st->corpus, (size_t)st->cfg->corpus_top, (size_t)st->cfg->min_phrase_count,
	               emit_row, st->host);
}

IGT_PLUGIN_DEFINE(keywords) = {
    .abi = IGT_PLUGIN_ABI,
    .size = sizeof(igt_plugin),
    .name = "keywords",
    .version = "1.0",
    .summary = "terms ranked by TF-IDF and multi-word phrases, per document and for the run",
    .kind = IGT_ANALYSIS,
    .options = keywords_options,
    .config_size = sizeof(keywords_config),
    .open = keywords_open,
    .close = keywords_close,
    .op.analysis = {.process = keywords_process, .finish = keywords_finish},
};
