# Test-only plugin modules (never installed). -rpath makes libtool build
# real shared modules for check_LTLIBRARIES instead of static archives.
IGT_TEST_PLUGIN_LDFLAGS = -module -avoid-version -rpath /nowhere \
	-export-symbols-regex '_LTX_igt_plugin_descriptor$$'
IGT_TEST_PLUGIN_LIBADD = core/libigtext.la $(JANSSON_LIBS)

check_LTLIBRARIES += tests/plugins/test-format.la tests/plugins/badabi.la \
	tests/plugins/nosym.la tests/plugins/unresolved.la tests/plugins/misnamed.la \
	tests/plugins/nocallback.la tests/plugins/badopts.la tests/plugins/discard.la \
	tests/plugins/test-tables.la tests/plugins/test-order.la tests/plugins/test-stats.la \
	tests/plugins/test-slow.la

tests_plugins_test_format_la_SOURCES = tests/plugins/test-format.c
tests_plugins_test_format_la_LDFLAGS = $(IGT_TEST_PLUGIN_LDFLAGS) -no-undefined
tests_plugins_test_format_la_LIBADD = $(IGT_TEST_PLUGIN_LIBADD)
tests_plugins_badabi_la_SOURCES = tests/plugins/badabi.c
tests_plugins_badabi_la_LDFLAGS = $(IGT_TEST_PLUGIN_LDFLAGS) -no-undefined
tests_plugins_badabi_la_LIBADD = $(IGT_TEST_PLUGIN_LIBADD)
tests_plugins_nosym_la_SOURCES = tests/plugins/nosym.c
tests_plugins_nosym_la_LDFLAGS = -module -avoid-version -rpath /nowhere -no-undefined
tests_plugins_unresolved_la_SOURCES = tests/plugins/unresolved.c
# Deliberately without -no-undefined: the missing symbol is the test.
tests_plugins_unresolved_la_LDFLAGS = $(IGT_TEST_PLUGIN_LDFLAGS)
tests_plugins_unresolved_la_LIBADD = $(IGT_TEST_PLUGIN_LIBADD)
tests_plugins_misnamed_la_SOURCES = tests/plugins/misnamed.c
tests_plugins_misnamed_la_LDFLAGS = $(IGT_TEST_PLUGIN_LDFLAGS) -no-undefined
tests_plugins_misnamed_la_LIBADD = $(IGT_TEST_PLUGIN_LIBADD)
tests_plugins_nocallback_la_SOURCES = tests/plugins/nocallback.c
tests_plugins_nocallback_la_LDFLAGS = $(IGT_TEST_PLUGIN_LDFLAGS) -no-undefined
tests_plugins_nocallback_la_LIBADD = $(IGT_TEST_PLUGIN_LIBADD)
tests_plugins_badopts_la_SOURCES = tests/plugins/badopts.c
tests_plugins_badopts_la_LDFLAGS = $(IGT_TEST_PLUGIN_LDFLAGS) -no-undefined
tests_plugins_badopts_la_LIBADD = $(IGT_TEST_PLUGIN_LIBADD)

tests_plugins_test_order_la_SOURCES = tests/plugins/test-order.c
tests_plugins_test_order_la_LDFLAGS = $(IGT_TEST_PLUGIN_LDFLAGS) -no-undefined
tests_plugins_test_order_la_LIBADD = $(IGT_TEST_PLUGIN_LIBADD)

tests_plugins_test_slow_la_SOURCES = tests/plugins/test-slow.c
tests_plugins_test_slow_la_LDFLAGS = $(IGT_TEST_PLUGIN_LDFLAGS) -no-undefined
tests_plugins_test_slow_la_LIBADD = $(IGT_TEST_PLUGIN_LIBADD)

tests_plugins_test_stats_la_SOURCES = tests/plugins/test-stats.c
tests_plugins_test_stats_la_LDFLAGS = $(IGT_TEST_PLUGIN_LDFLAGS) -no-undefined
tests_plugins_test_stats_la_LIBADD = $(IGT_TEST_PLUGIN_LIBADD)

tests_plugins_discard_la_SOURCES = tests/plugins/discard.c
tests_plugins_discard_la_LDFLAGS = $(IGT_TEST_PLUGIN_LDFLAGS) -no-undefined
tests_plugins_discard_la_LIBADD = $(IGT_TEST_PLUGIN_LIBADD)

tests_plugins_test_tables_la_SOURCES = tests/plugins/test-tables.c
tests_plugins_test_tables_la_LDFLAGS = $(IGT_TEST_PLUGIN_LDFLAGS) -no-undefined
tests_plugins_test_tables_la_LIBADD = $(IGT_TEST_PLUGIN_LIBADD)

# The loader, against these modules and the real bundled ones on disk.
check_PROGRAMS += tests/plugins/test_module
TESTS += tests/plugins/test_module
tests_plugins_test_module_SOURCES = tests/plugins/test_module.c tests/unit/tap.h
tests_plugins_test_module_LDADD = core/libigtext.la $(JANSSON_LIBS)

# The same loader through the real binary: a module from IGTEXT_PLUGIN_PATH.
TESTS += tests/plugins/dynamic.sh tests/plugins/streaming.sh tests/plugins/tables.sh \
	tests/plugins/threads.sh tests/plugins/stop-workers.sh
dist_check_SCRIPTS += tests/plugins/dynamic.sh tests/plugins/streaming.sh tests/plugins/tables.sh \
	tests/plugins/threads.sh tests/plugins/stop-workers.sh
