# dedup: analysis plugin. Included by the top-level Makefile.am.
igt_bundled_modules += plugins/analysis/dedup/dedup.la
noinst_LTLIBRARIES += plugins/analysis/dedup/dedup.la
plugins_analysis_dedup_dedup_la_SOURCES = plugins/analysis/dedup/dedup.c \
	plugins/analysis/dedup/dedup.h plugins/analysis/dedup/ascii.h plugins/analysis/dedup/clusters.c \
	plugins/analysis/dedup/index.c plugins/analysis/dedup/norm.c \
	plugins/analysis/dedup/sketch.c plugins/analysis/dedup/store.c
plugins_analysis_dedup_dedup_la_CFLAGS = $(IGT_PLUGIN_CFLAGS) $(NETTLE_CFLAGS) $(UTF8PROC_CFLAGS) \
	$(SQLITE_CFLAGS)
plugins_analysis_dedup_dedup_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_analysis_dedup_dedup_la_LIBADD = $(IGT_PLUGIN_LIBADD) $(NETTLE_LIBS) $(UTF8PROC_LIBS) \
	$(SQLITE_LIBS) -lm
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext.
# igtext links SQLite and utf8proc itself; nettle only through libigtext
# and libm not by name, so the static copy names them.
noinst_LTLIBRARIES += plugins/analysis/dedup/builtin/dedup.la
plugins_analysis_dedup_builtin_dedup_la_SOURCES = $(plugins_analysis_dedup_dedup_la_SOURCES)
plugins_analysis_dedup_builtin_dedup_la_CFLAGS = $(plugins_analysis_dedup_dedup_la_CFLAGS)
plugins_analysis_dedup_builtin_dedup_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
plugins_analysis_dedup_builtin_dedup_la_LIBADD = $(NETTLE_LIBS) -lm
igt_builtin_modules += plugins/analysis/dedup/builtin/dedup.la

EXTRA_DIST += plugins/analysis/dedup/README.md

# Unit tests: normalisation, signatures, each matching rule with its false
# friends, the cluster table, options, and the store (made with the SQLite
# C API). The test includes dedup.c itself, to reach its static functions.
check_PROGRAMS += plugins/analysis/dedup/tests/test_dedup
TESTS += plugins/analysis/dedup/tests/test_dedup
plugins_analysis_dedup_tests_test_dedup_SOURCES = plugins/analysis/dedup/tests/test_dedup.c \
	tests/unit/tap.h plugins/analysis/dedup/clusters.c plugins/analysis/dedup/index.c \
	plugins/analysis/dedup/norm.c plugins/analysis/dedup/sketch.c plugins/analysis/dedup/store.c
plugins_analysis_dedup_tests_test_dedup_CFLAGS = $(AM_CFLAGS) $(NETTLE_CFLAGS) $(UTF8PROC_CFLAGS) \
	$(SQLITE_CFLAGS) -I$(top_srcdir)/plugins/analysis/dedup -I$(top_srcdir)/tests/unit
plugins_analysis_dedup_tests_test_dedup_LDADD = core/libigtext.la $(JANSSON_LIBS) $(NETTLE_LIBS) \
	$(UTF8PROC_LIBS) $(SQLITE_LIBS) -lm

# End to end: the example records (the Short Report repeating its Long
# Report), a transcript saved twice, a message cross-posted to three lists,
# and a second run against a store made with the sqlite3 shell when there
# is one.
TESTS += plugins/analysis/dedup/tests/examples.sh
dist_check_SCRIPTS += plugins/analysis/dedup/tests/examples.sh
