# plain: the fallback format plugin. Included by the top-level Makefile.am.
igt_bundled_modules += plugins/format/plain/plain.la
noinst_LTLIBRARIES += plugins/format/plain/plain.la
plugins_format_plain_plain_la_SOURCES = plugins/format/plain/plain.c
plugins_format_plain_plain_la_CFLAGS = $(IGT_PLUGIN_CFLAGS)
plugins_format_plain_plain_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_format_plain_plain_la_LIBADD = $(IGT_PLUGIN_LIBADD)
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext
# (-dlpreopen of the shared module would make igtext need plain.so at run
# time). Same base name, so its preload entry is "plain".
noinst_LTLIBRARIES += plugins/format/plain/builtin/plain.la
plugins_format_plain_builtin_plain_la_SOURCES = plugins/format/plain/plain.c
plugins_format_plain_builtin_plain_la_CFLAGS = $(IGT_PLUGIN_CFLAGS)
plugins_format_plain_builtin_plain_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
igt_builtin_modules += plugins/format/plain/builtin/plain.la
EXTRA_DIST += plugins/format/plain/README.md plugins/format/plain/tests/bench-gen \
	plugins/format/plain/tests/cases/article-cyberspace-rules-2016.txt \
	plugins/format/plain/tests/cases/bom-indented.txt \
	plugins/format/plain/tests/cases/cjk.txt \
	plugins/format/plain/tests/cases/crlf-no-final-newline.txt \
	plugins/format/plain/tests/cases/forum-highlights-shanghai-2017.txt \
	plugins/format/plain/tests/cases/latin1-bytes.txt \
	plugins/format/plain/tests/cases/whitespace-only.txt \
	plugins/format/plain/tests/cases/whitespace-only.txt.status \
	plugins/format/plain/tests/cases/article-cyberspace-rules-2016.txt.jsonl \
	plugins/format/plain/tests/cases/bom-indented.txt.jsonl \
	plugins/format/plain/tests/cases/cjk.txt.jsonl \
	plugins/format/plain/tests/cases/crlf-no-final-newline.txt.jsonl \
	plugins/format/plain/tests/cases/forum-highlights-shanghai-2017.txt.jsonl \
	plugins/format/plain/tests/cases/latin1-bytes.txt.jsonl \
	plugins/format/plain/tests/cases/whitespace-only.txt.jsonl
