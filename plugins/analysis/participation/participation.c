/* SPDX-License-Identifier: MIT */
/*
 * participation: an analysis plugin that says who took part in a session.
 * For report forms: participants, women and gender-variant participants,
 * the share of women, whether gender issues were discussed (read from the
 * answer, not from its presence), and the listed speakers by the gender
 * the form asks them to state. For transcripts, highlights and other
 * documents: the speakers counted from the text. Everything goes into
 * metrics.participation; at the end of a run the corpus table
 * "participation" sums the forms per event and year, per session. This
 * file is the plugin's glue: options and which reader a document gets.
 */
#include <stdlib.h>
#include <string.h>

#include "participation.h"

typedef struct participation_config {
	igt_strlist form_formats;
	bool table;
} participation_config;

static const igt_option participation_options[] = {
	{"form_formats", IGT_OPT_LIST, "[igf-report]", 0,
	 offsetof(participation_config, form_formats),
	 "formats whose documents of kind \"report\" are report forms, read from their fields "
	 "(participants, women_participants, gender_discussed, speakers)"},
	{"table", IGT_OPT_BOOL, "true", 0, offsetof(participation_config, table),
	 "hand the corpus table \"participation\" (per event and year) to the outputs"},
	{0},
};

typedef struct participation_state {
	igt_host *host;
	const participation_config *cfg;
	part_gender *gender;
	part_corpus *corpus;
} participation_state;

static void participation_close(void *p)
{
	participation_state *st = p;
	if (!st)
		return;
	part_gender_free(st->gender);
	part_corpus_free(st->corpus);
	free(st);
}

static int participation_open(void **state, const void *config, igt_host *host)
{
	participation_state *st = calloc(1, sizeof(*st));
	if (!st)
		abort();
	st->host = host;
	st->cfg = config;
	char err[256];
	st->gender = part_gender_new(err, sizeof(err));
	if (!st->gender) {
		igt_host_log(host, IGT_LOG_ERROR, "%s", err);
		free(st);
		return IGT_EGENERIC;
	}
	st->corpus = part_corpus_new();
	*state = st;
	return 0;
}

static bool is_form(const participation_state *st, igt_doc *doc)
{
	const char *format = igt_doc_get(doc, IGT_DOC_FORMAT);
	const char *kind = igt_doc_get(doc, IGT_DOC_KIND);
	if (!format || !kind || strcmp(kind, "report") != 0)
		return false;
	for (size_t i = 0; i < st->cfg->form_formats.n; i++)
		if (strcmp(st->cfg->form_formats.items[i], format) == 0)
			return true;
	return false;
}

static int participation_process(void *p, igt_doc *doc)
{
	participation_state *st = p;
	part_facts facts = {.gender_discussed = -1};
	json_t *m;
	if (is_form(st, doc)) {
		m = part_form_metrics(st->gender, doc, &facts);
		if (facts.women_exceeds)
			igt_host_log(st->host, IGT_LOG_WARNING,
			             "%s (%s): %lld women but %lld participants; no share given",
			             igt_doc_get(doc, IGT_DOC_SOURCE_PATH),
			             igt_doc_get(doc, IGT_DOC_ID),
			             (long long)facts.women, (long long)facts.participants);
	} else {
		m = part_text_metrics(doc);
	}
	set(igt_doc_metrics(doc), "participation", m);
	part_corpus_add(st->corpus, doc, &facts);
	return 0;
}

static int participation_finish(void *p)
{
	participation_state *st = p;
	return st->cfg->table ? part_corpus_rows(st->corpus, st->host) : 0;
}

IGT_PLUGIN_DEFINE(participation) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "participation",
	.version = "1.0",
	.summary = "participants, women, gender discussed and speakers of each session, and per "
	           "event and year",
	.kind = IGT_ANALYSIS,
	.options = participation_options,
	.config_size = sizeof(participation_config),
	.open = participation_open,
	.close = participation_close,
	.op.analysis = {.process = participation_process, .finish = participation_finish},
};
