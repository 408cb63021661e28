# sqlite: the embedded store (output plugin). Included by the top-level
# Makefile.am. It opens the store through the core (core/lib/store.h).
igt_bundled_modules += plugins/output/sqlite/sqlite.la
noinst_LTLIBRARIES += plugins/output/sqlite/sqlite.la
plugins_output_sqlite_sqlite_la_SOURCES = \
	plugins/output/sqlite/sqlite.c \
	plugins/output/sqlite/sqlite_private.h \
	plugins/output/sqlite/inputs.c \
	plugins/output/sqlite/docs.c \
	plugins/output/sqlite/rows.c
plugins_output_sqlite_sqlite_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/core/lib
plugins_output_sqlite_sqlite_la_CFLAGS = $(IGT_PLUGIN_CFLAGS) $(SQLITE_CFLAGS) $(NETTLE_CFLAGS)
plugins_output_sqlite_sqlite_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_output_sqlite_sqlite_la_LIBADD = $(IGT_PLUGIN_LIBADD) $(SQLITE_LIBS) $(NETTLE_LIBS)
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext.
noinst_LTLIBRARIES += plugins/output/sqlite/builtin/sqlite.la
plugins_output_sqlite_builtin_sqlite_la_SOURCES = $(plugins_output_sqlite_sqlite_la_SOURCES)
plugins_output_sqlite_builtin_sqlite_la_CPPFLAGS = $(plugins_output_sqlite_sqlite_la_CPPFLAGS)
plugins_output_sqlite_builtin_sqlite_la_CFLAGS = $(plugins_output_sqlite_sqlite_la_CFLAGS)
plugins_output_sqlite_builtin_sqlite_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
igt_builtin_modules += plugins/output/sqlite/builtin/sqlite.la

EXTRA_DIST += plugins/output/sqlite/README.md

sqlite_tests = plugins/output/sqlite/tests/store.sh plugins/output/sqlite/tests/lock.sh \
	plugins/output/sqlite/tests/kill9.sh plugins/output/sqlite/tests/storage.sh \
	plugins/output/sqlite/tests/edge.sh plugins/output/sqlite/tests/failed-input.sh \
	plugins/output/sqlite/tests/settings.sh
TESTS += $(sqlite_tests)
dist_check_SCRIPTS += $(sqlite_tests)
