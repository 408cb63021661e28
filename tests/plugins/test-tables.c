/* SPDX-License-Identifier: MIT */
/*
 * test-tables: a test-only analysis plugin that counts documents per
 * format and, in finish, hands one row per format to the outputs as the
 * corpus table "formats". It also tries to give a row from process, which
 * the core must refuse (rows belong to finish).
 */
#include <stdlib.h>
#include <string.h>

#include <igtext/igtext.h>

typedef struct tables_state {
	igt_host *host;
	json_t *counts; /* format -> documents */
	int tried_early;
} tables_state;

static int tables_open(void **state, const void *config, igt_host *host)
{
	(void)config;
	tables_state *st = calloc(1, sizeof(*st));
	if (!st)
		return IGT_EGENERIC;
	st->host = host;
	st->counts = json_object();
	*state = st;
	return 0;
}

static void tables_close(void *p)
{
	tables_state *st = p;
	if (!st)
		return;
	json_decref(st->counts);
	free(st);
}

static int tables_process(void *p, igt_doc *doc)
{
	tables_state *st = p;
	const char *format = igt_doc_get(doc, IGT_DOC_FORMAT);
	json_int_t n = json_integer_value(json_object_get(st->counts, format));
	json_object_set_new(st->counts, format, json_integer(n + 1));
	if (!st->tried_early) {
		st->tried_early = 1;
		/* Must fail: outside finish. The result goes into the document so
		 * the test can see it. */
		int rc = igt_host_table_row(st->host, "formats", json_object());
		json_object_set_new(igt_doc_metrics(doc), "test-tables",
		                    json_pack("{s:b}", "early_row_refused", rc != 0));
	}
	return 0;
}

static int tables_finish(void *p)
{
	tables_state *st = p;
	const char *format;
	json_t *n;
	json_object_foreach(st->counts, format, n) {
		int rc = igt_host_table_row(st->host, "formats",
		                            json_pack("{s:s,s:O}", "format", format, "documents", n));
		if (rc)
			return rc;
	}
	return 0;
}

IGT_PLUGIN_DEFINE(test_tables) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "test-tables",
	.version = "0.1",
	.summary = "test-only analysis: documents per format as a corpus table",
	.kind = IGT_ANALYSIS,
	.open = tables_open,
	.close = tables_close,
	.op.analysis = {.process = tables_process, .finish = tables_finish},
};
