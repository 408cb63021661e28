# jsonl: the JSON Lines output plugin. Included by the top-level Makefile.am.
igt_bundled_modules += plugins/output/jsonl/jsonl.la
noinst_LTLIBRARIES += plugins/output/jsonl/jsonl.la
plugins_output_jsonl_jsonl_la_SOURCES = plugins/output/jsonl/jsonl.c
plugins_output_jsonl_jsonl_la_CFLAGS = $(IGT_PLUGIN_CFLAGS)
plugins_output_jsonl_jsonl_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_output_jsonl_jsonl_la_LIBADD = $(IGT_PLUGIN_LIBADD)
EXTRA_DIST += plugins/output/jsonl/README.md
