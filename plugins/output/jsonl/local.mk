# jsonl: the JSON Lines output plugin. Included by the top-level Makefile.am.
igt_bundled_modules += plugins/output/jsonl/jsonl.la
noinst_LTLIBRARIES += plugins/output/jsonl/jsonl.la
plugins_output_jsonl_jsonl_la_SOURCES = plugins/output/jsonl/jsonl.c
plugins_output_jsonl_jsonl_la_CFLAGS = $(IGT_PLUGIN_CFLAGS)
plugins_output_jsonl_jsonl_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_output_jsonl_jsonl_la_LIBADD = $(IGT_PLUGIN_LIBADD)
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext
# (-dlpreopen of the shared module would make igtext need jsonl.so at run
# time). Same base name, so its preload entry is "jsonl".
noinst_LTLIBRARIES += plugins/output/jsonl/builtin/jsonl.la
plugins_output_jsonl_builtin_jsonl_la_SOURCES = plugins/output/jsonl/jsonl.c
plugins_output_jsonl_builtin_jsonl_la_CFLAGS = $(IGT_PLUGIN_CFLAGS)
plugins_output_jsonl_builtin_jsonl_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
igt_builtin_modules += plugins/output/jsonl/builtin/jsonl.la
EXTRA_DIST += plugins/output/jsonl/README.md
