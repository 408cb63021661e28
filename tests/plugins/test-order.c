/* SPDX-License-Identifier: MIT */
/*
 * test-order: a test-only analysis plugin for worker threads. Per
 * document it logs a warning naming its instance and the document's
 * number, so that a test can see stderr keep the one-thread order; it
 * fails on a document whose first segment holds "FAIL-HERE"; and it
 * writes into the document whether its calls ever overlapped or came out
 * of input order (each instance must see one document at a time, in
 * order).
 */
#include <stdlib.h>
#include <string.h>

#include <igtext/igtext.h>

typedef struct order_state {
	igt_host *host;
	unsigned instance; /* 1, 2 …: the order instances were opened in */
	int inside;        /* a call is running */
	long seen;         /* documents so far */
	char *last_path;   /* the input of the last document */
	uint64_t last_offset;
} order_state;

static unsigned opened; /* instances are opened on one thread, at startup */

static int order_open(void **state, const void *config, igt_host *host)
{
	(void)config;
	order_state *st = calloc(1, sizeof(*st));
	if (!st)
		return IGT_EGENERIC;
	st->host = host;
	st->instance = ++opened;
	*state = st;
	return 0;
}

static void order_close(void *p)
{
	order_state *st = p;
	if (st)
		free(st->last_path);
	free(st);
}

static int order_process(void *p, igt_doc *doc)
{
	order_state *st = p;
	/* Not atomic on purpose: two threads in here at once is the bug this
	 * looks for, and ThreadSanitizer reports it too. */
	int overlapped = st->inside++ != 0;
	const char *path = igt_doc_get(doc, IGT_DOC_SOURCE_PATH);
	uint64_t offset = igt_doc_source_span(doc).offset;
	/* Within an input, documents come in offset order in these tests. */
	int out_of_order = st->last_path && strcmp(st->last_path, path) == 0 && offset < st->last_offset;
	free(st->last_path);
	st->last_path = strdup(path);
	st->last_offset = offset;
	st->seen++;
	igt_host_log(st->host, IGT_LOG_WARNING, "instance %u, document %ld of %s at %llu",
	             st->instance, st->seen, path, (unsigned long long)offset);
	json_object_set_new(igt_doc_metrics(doc), st->instance == 1 ? "test-order-1" : "test-order-2",
	                    json_pack("{s:I,s:b,s:b}", "seen", (json_int_t)st->seen, "overlapped",
	                              overlapped, "out_of_order", out_of_order));
	const igt_segment *first = igt_doc_segment_count(doc) ? igt_doc_segment(doc, 0) : NULL;
	int fail = first && strstr(first->text, "FAIL-HERE") != NULL;
	st->inside--;
	return fail ? IGT_EGENERIC : 0;
}

IGT_PLUGIN_DEFINE(test_order) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "test-order",
	.version = "0.1",
	.summary = "test-only analysis: logs each document, checks call order, fails on FAIL-HERE",
	.kind = IGT_ANALYSIS,
	.open = order_open,
	.close = order_close,
	.op.analysis = {.process = order_process},
};
