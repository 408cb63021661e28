/* SPDX-License-Identifier: MIT */
/*
 * speakers: an analysis plugin that resolves the people of each document
 * into one identity each (one person however their name is written, a
 * person_id that is the same in every document and every run), gathers
 * their roles and affiliations, measures what each said, and at the end
 * of a run hands the corpus "people" table to the outputs. This file is
 * the plugin's glue: options, the family-name list, and the order of the
 * steps per document.
 */
#include <stdlib.h>
#include <string.h>

#include "speakers.h"

typedef struct speakers_config {
	igt_strlist family_names;
	char *family_names_file;
	bool introductions;
	bool table;
} speakers_config;

static const igt_option speakers_options[] = {
	{"family_names", IGT_OPT_LIST, "[]", 0, offsetof(speakers_config, family_names),
	 "more family names (romanised, any case) added to the shipped names/family-names.yaml"},
	{"family_names_file", IGT_OPT_PATH, NULL, 0, offsetof(speakers_config, family_names_file),
	 "a YAML file of more family names (lists under any keys, like the shipped one)"},
	{"introductions", IGT_OPT_BOOL, "true", 0, offsetof(speakers_config, introductions),
	 "read roles and affiliations from the text (\"Name (Org)\" lines, \"X of Org\", "
	 "\"moderated by X\", \"my name is X\")"},
	{"table", IGT_OPT_BOOL, "true", 0, offsetof(speakers_config, table),
	 "hand the corpus table \"people\" to the outputs at the end of the run"},
	{0},
};

typedef struct speakers_state {
	igt_host *host;
	const speakers_config *cfg;
	spk_set family;
	spk_intro *intro;
	spk_corpus *corpus;
} speakers_state;

static void speakers_close(void *p)
{
	speakers_state *st = p;
	if (!st)
		return;
	spk_set_free(&st->family);
	spk_intro_free(st->intro);
	spk_corpus_free(st->corpus);
	free(st);
}

static int load_family(speakers_state *st, const char *path)
{
	char err[512];
	if (spk_family_load(&st->family, path, err, sizeof(err)) == 0)
		return 0;
	igt_host_log(st->host, IGT_LOG_ERROR, "family names: %s", err);
	return IGT_ECONFIG;
}

static int speakers_open(void **state, const void *config, igt_host *host)
{
	const speakers_config *cfg = config;
	speakers_state *st = calloc(1, sizeof(*st));
	if (!st)
		abort();
	st->host = host;
	st->cfg = cfg;
	char *shipped = igt_data_find("names/family-names.yaml");
	int rc = 0;
	if (!shipped) {
		igt_host_log(host, IGT_LOG_ERROR, "names/family-names.yaml not found "
		                                  "(set IGTEXT_DATA_PATH)");
		rc = IGT_ECONFIG;
	} else {
		rc = load_family(st, shipped);
		free(shipped);
	}
	if (!rc && cfg->family_names_file)
		rc = load_family(st, cfg->family_names_file);
	for (size_t i = 0; !rc && i < cfg->family_names.n; i++)
		spk_family_add(&st->family, cfg->family_names.items[i]);
	char err[256];
	if (!rc && cfg->introductions && !(st->intro = spk_intro_new(err, sizeof(err)))) {
		igt_host_log(host, IGT_LOG_ERROR, "%s", err);
		rc = IGT_EGENERIC;
	}
	if (rc) {
		speakers_close(st);
		return rc;
	}
	st->corpus = spk_corpus_new();
	*state = st;
	return 0;
}

static int speakers_process(void *p, igt_doc *doc)
{
	speakers_state *st = p;
	spk_ctx c;
	spk_ctx_init(&c, doc, &st->family);
	spk_identity_build(&c);
	if (st->intro)
		spk_intro_scan(st->intro, &c);
	/* Every speaker string resolved (and a person added for one the format
	 * gave none) before ids are given and merged people removed. */
	for (size_t i = 0; i < igt_doc_segment_count(doc); i++) {
		const igt_segment *seg = igt_doc_segment(doc, i);
		if (seg->speaker)
			spk_identity_speaker(&c, seg->speaker);
	}
	spk_identity_commit(&c);
	json_object_set_new(igt_doc_metrics(doc), "speakers", spk_metrics(&c));
	spk_corpus_add(st->corpus, &c);
	spk_ctx_free(&c);
	return 0;
}

static int speakers_finish(void *p)
{
	speakers_state *st = p;
	return st->cfg->table ? spk_corpus_emit(st->corpus, st->host) : 0;
}

IGT_PLUGIN_DEFINE(speakers) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "speakers",
	.version = "1.0",
	.summary = "one identity per person (stable person_id), roles, affiliations, speaking "
	           "metrics and a corpus people table",
	.kind = IGT_ANALYSIS,
	.options = speakers_options,
	.config_size = sizeof(speakers_config),
	.open = speakers_open,
	.close = speakers_close,
	.op.analysis = {.process = speakers_process, .finish = speakers_finish},
};
