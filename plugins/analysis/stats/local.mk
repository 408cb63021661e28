# stats: analysis plugin. Included by the top-level Makefile.am.
igt_bundled_modules += plugins/analysis/stats/stats.la
noinst_LTLIBRARIES += plugins/analysis/stats/stats.la
plugins_analysis_stats_stats_la_SOURCES = \
	plugins/analysis/stats/stats.c \
	plugins/analysis/stats/stats.h \
	plugins/analysis/stats/measure.c \
	plugins/analysis/stats/scripts.c \
	plugins/analysis/stats/abbrevs.c
plugins_analysis_stats_stats_la_CFLAGS = $(IGT_PLUGIN_CFLAGS) $(UTF8PROC_CFLAGS)
plugins_analysis_stats_stats_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_analysis_stats_stats_la_LIBADD = $(IGT_PLUGIN_LIBADD) $(UTF8PROC_LIBS)
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext.
noinst_LTLIBRARIES += plugins/analysis/stats/builtin/stats.la
plugins_analysis_stats_builtin_stats_la_SOURCES = $(plugins_analysis_stats_stats_la_SOURCES)
plugins_analysis_stats_builtin_stats_la_CFLAGS = $(plugins_analysis_stats_stats_la_CFLAGS)
plugins_analysis_stats_builtin_stats_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
igt_builtin_modules += plugins/analysis/stats/builtin/stats.la

EXTRA_DIST += plugins/analysis/stats/README.md

# Unit tests: each counting rule with its false friends. The test includes
# stats.c itself, to reach its static functions.
check_PROGRAMS += plugins/analysis/stats/tests/test_stats
TESTS += plugins/analysis/stats/tests/test_stats
plugins_analysis_stats_tests_test_stats_SOURCES = \
	plugins/analysis/stats/tests/test_stats.c tests/unit/tap.h \
	plugins/analysis/stats/measure.c plugins/analysis/stats/scripts.c \
	plugins/analysis/stats/abbrevs.c
plugins_analysis_stats_tests_test_stats_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit \
	-I$(top_srcdir)/plugins/analysis/stats
plugins_analysis_stats_tests_test_stats_CFLAGS = $(AM_CFLAGS) $(UTF8PROC_CFLAGS)
plugins_analysis_stats_tests_test_stats_LDADD = core/libigtext.la $(JANSSON_LIBS) $(UTF8PROC_LIBS)

# The measure's fast paths against its byte-by-byte scan. The test
# includes measure.c itself, to reach both.
check_PROGRAMS += plugins/analysis/stats/tests/test_measure
TESTS += plugins/analysis/stats/tests/test_measure
plugins_analysis_stats_tests_test_measure_SOURCES = \
	plugins/analysis/stats/tests/test_measure.c tests/unit/tap.h \
	plugins/analysis/stats/scripts.c plugins/analysis/stats/abbrevs.c
EXTRA_plugins_analysis_stats_tests_test_measure_SOURCES = plugins/analysis/stats/measure.c
plugins_analysis_stats_tests_test_measure_CPPFLAGS = $(plugins_analysis_stats_tests_test_stats_CPPFLAGS)
plugins_analysis_stats_tests_test_measure_CFLAGS = $(plugins_analysis_stats_tests_test_stats_CFLAGS)
plugins_analysis_stats_tests_test_measure_LDADD = $(plugins_analysis_stats_tests_test_stats_LDADD)

# End to end: the example records, with counts established by hand.
TESTS += plugins/analysis/stats/tests/examples.sh
dist_check_SCRIPTS += plugins/analysis/stats/tests/examples.sh
