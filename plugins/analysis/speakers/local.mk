# speakers: analysis plugin. Included by the top-level Makefile.am.
igt_bundled_modules += plugins/analysis/speakers/speakers.la
noinst_LTLIBRARIES += plugins/analysis/speakers/speakers.la
plugins_analysis_speakers_speakers_la_SOURCES = \
	plugins/analysis/speakers/speakers.c \
	plugins/analysis/speakers/speakers.h \
	plugins/analysis/speakers/names.c \
	plugins/analysis/speakers/words.c \
	plugins/analysis/speakers/identity.c \
	plugins/analysis/speakers/intro.c \
	plugins/analysis/speakers/metrics.c \
	plugins/analysis/speakers/corpus.c
plugins_analysis_speakers_speakers_la_CFLAGS = $(IGT_PLUGIN_CFLAGS) $(PCRE2_CFLAGS) $(UTF8PROC_CFLAGS) $(YAML_CFLAGS)
plugins_analysis_speakers_speakers_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_analysis_speakers_speakers_la_LIBADD = $(IGT_PLUGIN_LIBADD) $(PCRE2_LIBS) $(UTF8PROC_LIBS) $(YAML_LIBS)
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext.
noinst_LTLIBRARIES += plugins/analysis/speakers/builtin/speakers.la
plugins_analysis_speakers_builtin_speakers_la_SOURCES = $(plugins_analysis_speakers_speakers_la_SOURCES)
plugins_analysis_speakers_builtin_speakers_la_CFLAGS = $(plugins_analysis_speakers_speakers_la_CFLAGS)
plugins_analysis_speakers_builtin_speakers_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
igt_builtin_modules += plugins/analysis/speakers/builtin/speakers.la

nobase_dist_pkgdata_DATA += configs/names/family-names.yaml

check_PROGRAMS += plugins/analysis/speakers/tests/test_speakers
TESTS += plugins/analysis/speakers/tests/test_speakers plugins/analysis/speakers/tests/examples.sh
dist_check_SCRIPTS += plugins/analysis/speakers/tests/examples.sh
plugins_analysis_speakers_tests_test_speakers_SOURCES = \
	plugins/analysis/speakers/tests/test_speakers.c \
	plugins/analysis/speakers/names.c \
	plugins/analysis/speakers/words.c \
	plugins/analysis/speakers/identity.c \
	plugins/analysis/speakers/intro.c \
	plugins/analysis/speakers/metrics.c \
	plugins/analysis/speakers/corpus.c \
	tests/unit/tap.h
plugins_analysis_speakers_tests_test_speakers_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit \
	-I$(top_srcdir)/plugins/analysis/speakers
plugins_analysis_speakers_tests_test_speakers_CFLAGS = $(AM_CFLAGS) $(PCRE2_CFLAGS) $(UTF8PROC_CFLAGS) $(YAML_CFLAGS)
plugins_analysis_speakers_tests_test_speakers_LDADD = core/libigtext.la $(JANSSON_LIBS) \
	$(PCRE2_LIBS) $(UTF8PROC_LIBS) $(YAML_LIBS)

EXTRA_DIST += plugins/analysis/speakers/README.md
