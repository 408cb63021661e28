/* SPDX-License-Identifier: MIT */
/*
 * dedup: finds documents that say the same thing twice: exact copies (the
 * same normalised text: the same transcript saved twice, a message
 * cross-posted with only the list's footer and subject tag changed) and
 * near-duplicates (a Short Report that repeats its Long Report, a message
 * sent to two lists with different footers), across the documents of the
 * run and, with the `store` option, against what an earlier run stored.
 *
 * Documents stream through: each is compared with the documents before
 * it, never with later ones, and is written at once. Each gets
 * metrics.dedup with its hash, its signature, its cluster (the id of the
 * cluster's first document), the earlier document it copies and how
 * similar they are; at the end of the run the clusters become the corpus
 * table "dedup". Nothing is ever removed. The normalisation is in norm.c,
 * the estimates in sketch.c, the search in index.c.
 */
#include <stdlib.h>
#include <string.h>

#include "dedup.h"

typedef struct dedup_config {
	double threshold;
	double containment;
	int64_t shingle;
	int64_t min_words;
	int64_t min_exact_words;
	igt_strlist skip_segments;
	char *store;
} dedup_config;

static const igt_option dedup_options[] = {
    {"threshold", IGT_OPT_REAL, "0.8", 0, offsetof(dedup_config, threshold),
     "near-duplicates: estimated Jaccard resemblance of the two documents' word shingles, "
     "from 0 to 1"},
    {"containment", IGT_OPT_REAL, "0.8", 0, offsetof(dedup_config, containment),
     "near-duplicates also: estimated share of the smaller document's shingles found in the "
     "other (a Short Report repeating part of its Long Report), from 0 to 1"},
    {"shingle", IGT_OPT_INT, "3", 0, offsetof(dedup_config, shingle), "words per shingle, 1 to 8"},
    {"min_words", IGT_OPT_INT, "50", 0, offsetof(dedup_config, min_words),
     "documents with fewer words are matched as exact copies only (short mails would "
     "otherwise all resemble each other)"},
    {"min_exact_words", IGT_OPT_INT, "6", 0, offsetof(dedup_config, min_exact_words),
     "documents with fewer words are not compared at all (two report forms left empty but "
     "for their headings, two replies saying \"+1\", are not copies of each other)"},
    {"skip_segments", IGT_OPT_LIST, "[quote, signature, non_speech, author_note]", 0,
     offsetof(dedup_config, skip_segments),
     "segment types left out of the compared text (quoted mail, signatures, captioner "
     "notes, author notes)"},
    {"store", IGT_OPT_PATH, NULL, 0, offsetof(dedup_config, store),
     "SQLite store of earlier runs (sqlite output), read-only: new documents are compared "
     "with the ones stored too"},
    {0},
};

typedef struct dedup_state {
	igt_host *host;
	dd_rules rules;
	int shingle;
	const igt_strlist *skip;
	dd_norm norm;
	dd_index index;
	dd_sketch current;
	unsigned char *skipped; /* of the current document's segments */
	size_t skipped_cap;
} dedup_state;

static void dedup_close(void *p)
{
	dedup_state *st = p;
	if (!st)
		return;
	dd_norm_free(&st->norm);
	dd_index_free(&st->index);
	free(st->skipped);
	free(st);
}

static int check_options(const dedup_config *cfg, dedup_state *st)
{
	st->rules.threshold = cfg->threshold;
	st->rules.containment = cfg->containment;
	if (!(cfg->threshold > 0 && cfg->threshold <= 1) ||
	    !(cfg->containment > 0 && cfg->containment <= 1)) {
		int t = !(cfg->threshold > 0 && cfg->threshold <= 1);
		igt_host_log(st->host, IGT_LOG_ERROR,
		             "option '%s' must be a number above 0 and at most 1, got %g",
		             t ? "threshold" : "containment", t ? cfg->threshold : cfg->containment);
		return IGT_ECONFIG;
	}
	if (cfg->shingle < 1 || cfg->shingle > DD_MAX_SHINGLE) {
		igt_host_log(st->host, IGT_LOG_ERROR,
		             "option 'shingle' must be from 1 to %d, got %lld", DD_MAX_SHINGLE,
		             (long long)cfg->shingle);
		return IGT_ECONFIG;
	}
	if (cfg->min_words < 0 || cfg->min_exact_words < 0) {
		igt_host_log(st->host, IGT_LOG_ERROR, "option '%s' must not be negative",
		             cfg->min_words < 0 ? "min_words" : "min_exact_words");
		return IGT_ECONFIG;
	}
	st->shingle = (int)cfg->shingle;
	st->rules.min_words = (uint64_t)cfg->min_words;
	st->rules.min_exact_words = (uint64_t)cfg->min_exact_words;
	return 0;
}

static int dedup_open(void **state, const void *config, igt_host *host)
{
	const dedup_config *cfg = config;
	dedup_state *st = dd_xrealloc(NULL, sizeof(*st));
	memset(st, 0, sizeof(*st));
	st->host = host;
	st->skip = &cfg->skip_segments; /* the core keeps the config until close */
	int rc = check_options(cfg, st);
	if (rc) {
		dedup_close(st);
		return rc;
	}
	dd_norm_init(&st->norm, st->shingle);
	if (cfg->store && *cfg->store)
		dd_store_load(&st->index, cfg->store, st->shingle, &st->rules, host);
	*state = st;
	return 0;
}

static void sketch_document(dedup_state *st, const igt_doc *doc)
{
	size_t n = igt_doc_segment_count(doc), bytes = 0;
	if (n > st->skipped_cap) {
		st->skipped_cap = n * 2;
		st->skipped = dd_xrealloc(st->skipped, st->skipped_cap);
	}
	/* The length of the text to come sizes the bitmap of distinct
	 * shingles before any is added; each segment's type is looked up once. */
	for (size_t i = 0; i < n; i++) {
		const igt_segment *seg = igt_doc_segment(doc, i);
		st->skipped[i] = (unsigned char)igt_strlist_has(st->skip, seg->type);
		if (!st->skipped[i])
			bytes += seg->text_len + 1;
	}
	dd_norm_begin(&st->norm, &st->current, bytes);
	for (size_t i = 0; i < n; i++) {
		const igt_segment *seg = igt_doc_segment(doc, i);
		if (!st->skipped[i])
			dd_norm_add(&st->norm, seg->text, seg->text_len);
	}
	dd_norm_end(&st->norm);
}

static json_t *real_or_null(double x)
{
	return x >= 0 ? json_real(dd_round3(x)) : json_null();
}

static json_t *metrics(const dedup_state *st, const dd_entry *e)
{
	static const char hex[] = "0123456789abcdef";
	char sha[64], sig[DD_SIG_SIZE];
	for (int i = 0; i < 32; i++) {
		sha[2 * i] = hex[e->sha[i] >> 4];
		sha[2 * i + 1] = hex[e->sha[i] & 15];
	}
	json_t *m = json_object();
	/* The hash and the signature are ASCII by construction. */
	json_object_set_new_nocheck(m, "hash", json_stringn_nocheck(sha, sizeof(sha)));
	if (e->has_sketch)
		dd_signature_format(&st->current, st->shingle, sig);
	json_object_set_new_nocheck(m, "signature",
	                            e->has_sketch ? json_string_nocheck(sig) : json_null());
	json_object_set_new_nocheck(m, "words", json_integer((json_int_t)e->words));
	json_object_set_new_nocheck(m, "cluster", json_string(e->cluster));
	json_object_set_new_nocheck(m, "duplicate_of",
	                            e->copies ? json_string(e->copies) : json_null());
	json_object_set_new_nocheck(m, "exact", json_boolean(e->exact));
	json_object_set_new_nocheck(m, "similarity", real_or_null(e->similarity));
	json_object_set_new_nocheck(m, "containment", real_or_null(e->containment));
	return m;
}

/* A document the store already holds with the same text: its stored
 * result stands, so that importing it again changes nothing (it is not
 * its own copy, nor the copy of a document stored after it). */
static int reimported(dedup_state *st, const char *id, uint32_t *ei)
{
	uint32_t s = dd_index_stored(&st->index, id);
	if (s == DD_NONE || memcmp(st->index.entries[s].sha, st->current.sha, 32) != 0)
		return 0;
	const dd_entry *old = &st->index.entries[s];
	const char *cluster = old->cluster, *copies = old->copies; /* outlive the growth */
	*ei = dd_index_add(&st->index, id, cluster, &st->current);
	dd_entry *e = &st->index.entries[*ei];
	old = &st->index.entries[s];
	e->copies = copies ? igt_strndup(copies, strlen(copies)) : NULL;
	e->has_hash = old->has_hash;
	e->has_sketch = st->current.shingles > 0;
	e->exact = old->exact;
	e->similarity = old->similarity;
	e->containment = old->containment;
	return 1;
}

/* A new document (or a stored one whose text changed): compared with
 * every earlier one but itself. */
static uint32_t matched(dedup_state *st, const char *id)
{
	const dd_sketch *sk = &st->current;
	int near = dd_near_eligible(sk->words, sk->shingles, &st->rules);
	uint32_t keys[DD_BANDS];
	dd_match m = dd_index_query(&st->index, sk, id, near ? keys : NULL, &st->rules);
	/* The strings of an entry outlive the growth of the entry array. */
	const char *cluster = m.entry != DD_NONE ? st->index.entries[m.entry].cluster : NULL;
	const char *copies = m.entry != DD_NONE ? st->index.entries[m.entry].id : NULL;
	uint32_t ei = dd_index_add(&st->index, id, cluster, sk);
	dd_entry *e = &st->index.entries[ei];
	e->copies = copies ? igt_strndup(copies, strlen(copies)) : NULL;
	e->has_hash = dd_exact_eligible(sk->words, &st->rules);
	e->has_sketch = sk->shingles > 0;
	e->exact = m.exact;
	e->similarity = m.similarity;
	e->containment = m.containment;
	/* An exact copy adds nothing to the buckets its first copy is in. */
	if (near && !m.exact && !m.banded)
		dd_band_keys(sk->mins, keys);
	dd_index_insert(&st->index, ei, near && !m.exact ? keys : NULL);
	return ei;
}

static int dedup_process(void *state, igt_doc *doc)
{
	dedup_state *st = state;
	const char *id = igt_doc_get(doc, IGT_DOC_ID);
	if (!id)
		id = "";
	sketch_document(st, doc);
	uint32_t ei;
	if (!reimported(st, id, &ei))
		ei = matched(st, id);
	json_object_set_new(igt_doc_metrics(doc), "dedup", metrics(st, &st->index.entries[ei]));
	return 0;
}

static int dedup_finish(void *state)
{
	dedup_state *st = state;
	return dd_clusters_emit(&st->index, st->host);
}

IGT_PLUGIN_DEFINE(dedup) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "dedup",
	.version = "1.0",
	.summary = "exact and near-duplicate documents (MinHash over word shingles), clustered",
	.kind = IGT_ANALYSIS,
	.options = dedup_options,
	.config_size = sizeof(dedup_config),
	.open = dedup_open,
	.close = dedup_close,
	.op.analysis = {.process = dedup_process, .finish = dedup_finish},
};
