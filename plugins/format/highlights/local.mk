# highlights: format plugin. Included by the top-level Makefile.am.
igt_bundled_modules += plugins/format/highlights/highlights.la
noinst_LTLIBRARIES += plugins/format/highlights/highlights.la
plugins_format_highlights_highlights_la_SOURCES = plugins/format/highlights/highlights.c
plugins_format_highlights_highlights_la_CFLAGS = $(IGT_PLUGIN_CFLAGS)
plugins_format_highlights_highlights_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_format_highlights_highlights_la_LIBADD = $(IGT_PLUGIN_LIBADD)
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext.
noinst_LTLIBRARIES += plugins/format/highlights/builtin/highlights.la
plugins_format_highlights_builtin_highlights_la_SOURCES = $(plugins_format_highlights_highlights_la_SOURCES)
plugins_format_highlights_builtin_highlights_la_CFLAGS = $(plugins_format_highlights_highlights_la_CFLAGS)
plugins_format_highlights_builtin_highlights_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
igt_builtin_modules += plugins/format/highlights/builtin/highlights.la
# The rules one by one, and the options (which a job cannot set for a
# format plugin yet): the plugin's source is included by the test.
check_PROGRAMS += plugins/format/highlights/tests/test_highlights
TESTS += plugins/format/highlights/tests/test_highlights
plugins_format_highlights_tests_test_highlights_SOURCES = \
	plugins/format/highlights/tests/test_highlights.c tests/unit/tap.h
plugins_format_highlights_tests_test_highlights_LDADD = core/libigtext.la $(JANSSON_LIBS)
EXTRA_DIST += plugins/format/highlights/README.md plugins/format/highlights/tests/bench-gen \
	plugins/format/highlights/tests/cases/bold-lines-abbreviations.txt \
	plugins/format/highlights/tests/cases/bold-lines-abbreviations.txt.jsonl \
	plugins/format/highlights/tests/cases/bold-lines-and-labels.txt \
	plugins/format/highlights/tests/cases/bold-lines-and-labels.txt.jsonl \
	plugins/format/highlights/tests/cases/bold-statement-under-speaker.txt \
	plugins/format/highlights/tests/cases/bold-statement-under-speaker.txt.jsonl \
	plugins/format/highlights/tests/cases/cjk.txt \
	plugins/format/highlights/tests/cases/cjk.txt.jsonl \
	plugins/format/highlights/tests/cases/crlf-no-final-newline.txt \
	plugins/format/highlights/tests/cases/crlf-no-final-newline.txt.jsonl \
	plugins/format/highlights/tests/cases/forum-highlights-shanghai-2017.txt \
	plugins/format/highlights/tests/cases/forum-highlights-shanghai-2017.txt.jsonl \
	plugins/format/highlights/tests/cases/label-then-labelled-block.txt \
	plugins/format/highlights/tests/cases/label-then-labelled-block.txt.jsonl \
	plugins/format/highlights/tests/cases/label-then-phrase.txt \
	plugins/format/highlights/tests/cases/label-then-phrase.txt.jsonl \
	plugins/format/highlights/tests/cases/moderator-one-line.txt \
	plugins/format/highlights/tests/cases/moderator-one-line.txt.jsonl \
	plugins/format/highlights/tests/cases/name-dash-and-comma.txt \
	plugins/format/highlights/tests/cases/name-dash-and-comma.txt.jsonl \
	plugins/format/highlights/tests/cases/no-header.txt \
	plugins/format/highlights/tests/cases/no-header.txt.jsonl \
	plugins/format/highlights/tests/cases/numbered-lists.txt \
	plugins/format/highlights/tests/cases/numbered-lists.txt.jsonl \
	plugins/format/highlights/tests/cases/odd.txt \
	plugins/format/highlights/tests/cases/odd.txt.jsonl \
	plugins/format/highlights/tests/cases/page-break.txt \
	plugins/format/highlights/tests/cases/page-break.txt.jsonl \
	plugins/format/highlights/tests/cases/reporter-editor.txt \
	plugins/format/highlights/tests/cases/reporter-editor.txt.jsonl \
	plugins/format/highlights/tests/cases/two-sessions.txt \
	plugins/format/highlights/tests/cases/two-sessions.txt.jsonl \
	plugins/format/highlights/tests/cases/whitespace-only.txt \
	plugins/format/highlights/tests/cases/whitespace-only.txt.jsonl \
	plugins/format/highlights/tests/cases/whitespace-only.txt.status
