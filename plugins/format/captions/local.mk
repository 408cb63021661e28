# captions: format plugin for real-time captioning transcripts. Included by
# the top-level Makefile.am.
igt_bundled_modules += plugins/format/captions/captions.la
noinst_LTLIBRARIES += plugins/format/captions/captions.la
plugins_format_captions_captions_la_SOURCES = plugins/format/captions/captions.c
plugins_format_captions_captions_la_CFLAGS = $(IGT_PLUGIN_CFLAGS) $(YAML_CFLAGS)
plugins_format_captions_captions_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_format_captions_captions_la_LIBADD = $(IGT_PLUGIN_LIBADD) $(YAML_LIBS)
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext.
noinst_LTLIBRARIES += plugins/format/captions/builtin/captions.la
plugins_format_captions_builtin_captions_la_SOURCES = $(plugins_format_captions_captions_la_SOURCES)
plugins_format_captions_builtin_captions_la_CFLAGS = $(plugins_format_captions_captions_la_CFLAGS)
plugins_format_captions_builtin_captions_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
igt_builtin_modules += plugins/format/captions/builtin/captions.la
# Country names come from configs/gazetteers/internet-governance.yaml, which
# plugins/analysis/entities/local.mk installs.
# Unit tests of the readers (title lines, labels, notes, dates, detection).
check_PROGRAMS += plugins/format/captions/tests/test_captions
TESTS += plugins/format/captions/tests/test_captions
plugins_format_captions_tests_test_captions_SOURCES = plugins/format/captions/tests/test_captions.c \
	tests/unit/tap.h
plugins_format_captions_tests_test_captions_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
plugins_format_captions_tests_test_captions_CFLAGS = $(AM_CFLAGS) $(YAML_CFLAGS)
plugins_format_captions_tests_test_captions_LDADD = core/libigtext.la $(JANSSON_LIBS) $(YAML_LIBS)
EXTRA_DIST += plugins/format/captions/README.md plugins/format/captions/tests/bench-gen \
	plugins/format/captions/tests/cases/captions-igf2020-ws81.txt \
	plugins/format/captions/tests/cases/captions-igf2020-ws81.txt.jsonl \
	plugins/format/captions/tests/cases/cart-head.txt \
	plugins/format/captions/tests/cases/cart-head.txt.jsonl \
	plugins/format/captions/tests/cases/cart-notice-copyright.txt \
	plugins/format/captions/tests/cases/cart-notice-copyright.txt.jsonl \
	plugins/format/captions/tests/cases/cjk.txt \
	plugins/format/captions/tests/cases/cjk.txt.jsonl \
	plugins/format/captions/tests/cases/crlf-no-final-newline.txt \
	plugins/format/captions/tests/cases/crlf-no-final-newline.txt.jsonl \
	plugins/format/captions/tests/cases/dated-head.txt \
	plugins/format/captions/tests/cases/dated-head.txt.jsonl \
	plugins/format/captions/tests/cases/date-day-month-unknown.txt \
	plugins/format/captions/tests/cases/date-day-month-unknown.txt.jsonl \
	plugins/format/captions/tests/cases/disclaimer-no-blank-lines.txt \
	plugins/format/captions/tests/cases/disclaimer-no-blank-lines.txt.jsonl \
	plugins/format/captions/tests/cases/disclaimer-wrapped.txt \
	plugins/format/captions/tests/cases/disclaimer-wrapped.txt.jsonl \
	plugins/format/captions/tests/cases/first-line-text.txt \
	plugins/format/captions/tests/cases/first-line-text.txt.jsonl \
	plugins/format/captions/tests/cases/labels-honorific-affiliation.txt \
	plugins/format/captions/tests/cases/labels-honorific-affiliation.txt.jsonl \
	plugins/format/captions/tests/cases/labels-honorifics-world.txt \
	plugins/format/captions/tests/cases/labels-honorifics-world.txt.jsonl \
	plugins/format/captions/tests/cases/labels-mixed-case.txt \
	plugins/format/captions/tests/cases/labels-mixed-case.txt.jsonl \
	plugins/format/captions/tests/cases/latin1-label.txt \
	plugins/format/captions/tests/cases/latin1-label.txt.jsonl \
	plugins/format/captions/tests/cases/midline-label.txt \
	plugins/format/captions/tests/cases/midline-label.txt.jsonl \
	plugins/format/captions/tests/cases/no-labels.txt \
	plugins/format/captions/tests/cases/no-labels.txt.jsonl \
	plugins/format/captions/tests/cases/non-speech.txt \
	plugins/format/captions/tests/cases/numeric-date-head.txt \
	plugins/format/captions/tests/cases/numeric-date-head.txt.jsonl \
	plugins/format/captions/tests/cases/technical-difficulties.txt \
	plugins/format/captions/tests/cases/technical-difficulties.txt.jsonl \
	plugins/format/captions/tests/cases/non-speech.txt.jsonl \
	plugins/format/captions/tests/cases/nul-byte.txt \
	plugins/format/captions/tests/cases/nul-byte.txt.jsonl \
	plugins/format/captions/tests/cases/nul-byte.txt.status \
	plugins/format/captions/tests/cases/one-line.txt \
	plugins/format/captions/tests/cases/one-line.txt.jsonl \
	plugins/format/captions/tests/cases/role-labels.txt \
	plugins/format/captions/tests/cases/role-qualifiers.txt \
	plugins/format/captions/tests/cases/role-qualifiers.txt.jsonl \
	plugins/format/captions/tests/cases/role-labels.txt.jsonl \
	plugins/format/captions/tests/cases/single-turn.txt \
	plugins/format/captions/tests/cases/single-turn.txt.jsonl \
	plugins/format/captions/tests/cases/single-space-colon.txt \
	plugins/format/captions/tests/cases/single-space-colon.txt.jsonl \
	plugins/format/captions/tests/cases/title-day-last.txt \
	plugins/format/captions/tests/cases/title-day-last.txt.jsonl \
	plugins/format/captions/tests/cases/title-no-day.txt \
	plugins/format/captions/tests/cases/title-no-day.txt.jsonl \
	plugins/format/captions/tests/cases/title-not-igf.txt \
	plugins/format/captions/tests/cases/title-not-igf.txt.jsonl \
	plugins/format/captions/tests/cases/title-raw.txt \
	plugins/format/captions/tests/cases/title-raw.txt.jsonl \
	plugins/format/captions/tests/cases/whitespace-only.txt \
	plugins/format/captions/tests/cases/whitespace-only.txt.jsonl \
	plugins/format/captions/tests/cases/whitespace-only.txt.status
