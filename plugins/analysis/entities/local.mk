# entities: analysis plugin. Included by the top-level Makefile.am.
igt_bundled_modules += plugins/analysis/entities/entities.la
noinst_LTLIBRARIES += plugins/analysis/entities/entities.la
plugins_analysis_entities_entities_la_SOURCES = plugins/analysis/entities/entities.c \
	plugins/analysis/entities/gazetteer.c plugins/analysis/entities/gazetteer.h \
	plugins/analysis/entities/learn.c plugins/analysis/entities/learn.h \
	plugins/analysis/entities/matcher.c plugins/analysis/entities/matcher.h \
	plugins/analysis/entities/mention.c plugins/analysis/entities/mention.h \
	plugins/analysis/entities/strmap.c plugins/analysis/entities/strmap.h
plugins_analysis_entities_entities_la_CFLAGS = $(IGT_PLUGIN_CFLAGS) $(PCRE2_CFLAGS) $(UTF8PROC_CFLAGS) $(YAML_CFLAGS)
plugins_analysis_entities_entities_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_analysis_entities_entities_la_LIBADD = $(IGT_PLUGIN_LIBADD) $(PCRE2_LIBS) $(UTF8PROC_LIBS) $(YAML_LIBS)
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext.
noinst_LTLIBRARIES += plugins/analysis/entities/builtin/entities.la
plugins_analysis_entities_builtin_entities_la_SOURCES = $(plugins_analysis_entities_entities_la_SOURCES)
plugins_analysis_entities_builtin_entities_la_CFLAGS = $(plugins_analysis_entities_entities_la_CFLAGS)
plugins_analysis_entities_builtin_entities_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
igt_builtin_modules += plugins/analysis/entities/builtin/entities.la
EXTRA_DIST += plugins/analysis/entities/README.md

# The shipped gazetteer, found at run time with igt_data_find().
nobase_dist_pkgdata_DATA += configs/gazetteers/internet-governance.yaml

# Unit tests: the matching rules, one by one, on a small gazetteer. The test
# includes entities.c itself, to reach its static functions.
check_PROGRAMS += plugins/analysis/entities/tests/test_entities
TESTS += plugins/analysis/entities/tests/test_entities
plugins_analysis_entities_tests_test_entities_SOURCES = \
	plugins/analysis/entities/tests/test_entities.c tests/unit/tap.h \
	plugins/analysis/entities/gazetteer.c plugins/analysis/entities/learn.c \
	plugins/analysis/entities/matcher.c plugins/analysis/entities/mention.c \
	plugins/analysis/entities/strmap.c
plugins_analysis_entities_tests_test_entities_CFLAGS = $(AM_CFLAGS) $(PCRE2_CFLAGS) $(YAML_CFLAGS) \
	-I$(top_srcdir)/plugins/analysis/entities -I$(top_srcdir)/tests/unit
plugins_analysis_entities_tests_test_entities_LDADD = core/libigtext.la $(JANSSON_LIBS) \
	$(PCRE2_LIBS) $(YAML_LIBS)

# End to end: the example records, with counts established by hand.
TESTS += plugins/analysis/entities/tests/examples.sh
dist_check_SCRIPTS += plugins/analysis/entities/tests/examples.sh
