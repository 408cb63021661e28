# participation: analysis plugin. Included by the top-level Makefile.am.
igt_bundled_modules += plugins/analysis/participation/participation.la
noinst_LTLIBRARIES += plugins/analysis/participation/participation.la
plugins_analysis_participation_participation_la_SOURCES = \
	plugins/analysis/participation/participation.c \
	plugins/analysis/participation/participation.h \
	plugins/analysis/participation/numbers.c \
	plugins/analysis/participation/gender.c \
	plugins/analysis/participation/form.c \
	plugins/analysis/participation/text.c \
	plugins/analysis/participation/corpus.c
plugins_analysis_participation_participation_la_CFLAGS = $(IGT_PLUGIN_CFLAGS) $(PCRE2_CFLAGS)
plugins_analysis_participation_participation_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_analysis_participation_participation_la_LIBADD = $(IGT_PLUGIN_LIBADD) $(PCRE2_LIBS)
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext.
noinst_LTLIBRARIES += plugins/analysis/participation/builtin/participation.la
plugins_analysis_participation_builtin_participation_la_SOURCES = $(plugins_analysis_participation_participation_la_SOURCES)
plugins_analysis_participation_builtin_participation_la_CFLAGS = $(plugins_analysis_participation_participation_la_CFLAGS)
plugins_analysis_participation_builtin_participation_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
igt_builtin_modules += plugins/analysis/participation/builtin/participation.la

EXTRA_DIST += plugins/analysis/participation/README.md

# Unit tests: the number reader, the gender answer's rules with their
# false friends, forms, texts and the corpus table. The test includes
# participation.c itself, to reach its static functions.
check_PROGRAMS += plugins/analysis/participation/tests/test_participation
TESTS += plugins/analysis/participation/tests/test_participation
plugins_analysis_participation_tests_test_participation_SOURCES = \
	plugins/analysis/participation/tests/test_participation.c tests/unit/tap.h \
	plugins/analysis/participation/numbers.c plugins/analysis/participation/gender.c \
	plugins/analysis/participation/form.c plugins/analysis/participation/text.c \
	plugins/analysis/participation/corpus.c
plugins_analysis_participation_tests_test_participation_CPPFLAGS = $(AM_CPPFLAGS) \
	-I$(top_srcdir)/tests/unit -I$(top_srcdir)/plugins/analysis/participation
plugins_analysis_participation_tests_test_participation_CFLAGS = $(AM_CFLAGS) $(PCRE2_CFLAGS)
plugins_analysis_participation_tests_test_participation_LDADD = core/libigtext.la \
	$(JANSSON_LIBS) $(PCRE2_LIBS)

# End to end: the example records, with counts established by hand.
TESTS += plugins/analysis/participation/tests/examples.sh
dist_check_SCRIPTS += plugins/analysis/participation/tests/examples.sh
