/* SPDX-License-Identifier: MIT */
/*
 * test-format: a test-only format plugin, loaded from disk by the tests to
 * prove dynamic loading (its name has a dash, so its descriptor carries the
 * test_format_LTX_ prefix). It claims inputs whose first line is
 * "TESTFORMAT" and emits one document per following line, so the tests can
 * check multi-document inputs, emit order and ids. A line
 * "WAIT-FOR-STOP" makes it emit a document every 10 ms until the run
 * stops (emit fails), for at most 30 s: an input being read when a stop
 * signal comes; it first creates the file $IGTEXT_TEST_WAITING names, if
 * set, so that the test knows when to send it. Its options cover every option type so `igtext plugins
 * test-format` and the schema can be tested.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <igtext/igtext.h>

typedef struct test_format_config {
	char *label;
	int64_t limit;
	bool shout;
	char *map;
	char *pattern;
	igt_strlist tags;
	double weight;
	bool line_ids;
} test_format_config;

static const igt_option test_format_options[] = {
	{"label", IGT_OPT_STR, "\"test\"", 0, offsetof(test_format_config, label),
	 "stored in fields.label of every document"},
	{"limit", IGT_OPT_INT, "0", 0, offsetof(test_format_config, limit),
	 "stop after this many documents (0: no limit)"},
	{"shout", IGT_OPT_BOOL, "false", 0, offsetof(test_format_config, shout),
	 "an option to test booleans"},
	{"map", IGT_OPT_PATH, NULL, 0, offsetof(test_format_config, map), "an option to test paths"},
	{"pattern", IGT_OPT_REGEX, "\"^x\"", 0, offsetof(test_format_config, pattern),
	 "an option to test regexes"},
	{"tags", IGT_OPT_LIST, "[a, b]", 0, offsetof(test_format_config, tags),
	 "an option to test lists"},
	{"weight", IGT_OPT_REAL, "0.5", 0, offsetof(test_format_config, weight),
	 "an option to test real numbers"},
	{"line_ids", IGT_OPT_BOOL, "false", 0, offsetof(test_format_config, line_ids),
	 "the first word of each line is its document's id (ids may repeat)"},
	{0},
};

static int test_format_score(const unsigned char *head, size_t len)
{
	return len >= 10 && memcmp(head, "TESTFORMAT", 10) == 0 ? 90 : 0;
}

static int test_format_open(void **state, const void *config, igt_host *host)
{
	(void)host;
	*state = (void *)config;
	return 0;
}

static int test_format_parse(void *state, igt_input *in, igt_emit_fn emit, void *payload)
{
	const test_format_config *cfg = state;
	igt_line line;
	int rc;
	int64_t n = 0;
	while ((rc = igt_input_getline(in, &line)) == 1) {
		if (line.number == 1)
			continue; /* the TESTFORMAT marker */
		size_t len = line.len - line.eol;
		if (!len)
			continue;
		if (cfg->limit && n >= cfg->limit)
			break;
		igt_doc *doc = igt_doc_new(NULL, "test");
		igt_doc_set(doc, IGT_DOC_TITLE, line.text, len);
		igt_span span = {line.offset, len};
		igt_doc_add_segment(doc, "paragraph", line.text, len, span);
		igt_doc_set_source_span(doc, line.offset, line.len);
		json_object_set_new(igt_doc_fields(doc), "label", json_string(cfg->label));
		if (cfg->line_ids) {
			const char *sp = memchr(line.text, ' ', len);
			igt_doc_set(doc, IGT_DOC_ID, line.text, sp ? (size_t)(sp - line.text) : len);
		}
		n++;
		if ((rc = emit(doc, payload)) != 0)
			return rc;
		if (len == 13 && memcmp(line.text, "WAIT-FOR-STOP", 13) == 0) {
			/* A test that signals the run waits for this file, not
			 * for a time that a loaded machine may not keep. */
			const char *mark = getenv("IGTEXT_TEST_WAITING");
			FILE *f = mark ? fopen(mark, "w") : NULL;
			if (f)
				fclose(f);
			for (int i = 0; i < 3000; i++) {
				struct timespec tick = {0, 10 * 1000 * 1000};
				nanosleep(&tick, NULL);
				doc = igt_doc_new(NULL, "test");
				igt_doc_set(doc, IGT_DOC_TITLE, "waiting", 7);
				igt_doc_add_segment(doc, "paragraph", line.text, len, span);
				igt_doc_set_source_span(doc, line.offset, line.len);
				if ((rc = emit(doc, payload)) != 0)
					return rc;
			}
		}
	}
	return rc < 0 ? rc : 0;
}

IGT_PLUGIN_DEFINE(test_format) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "test-format",
	.version = "0.1",
	.summary = "test-only format: one document per line after a TESTFORMAT line",
	.kind = IGT_FORMAT,
	.options = test_format_options,
	.config_size = sizeof(test_format_config),
	.open = test_format_open,
	.op.format = {.score = test_format_score, .parse = test_format_parse},
};
