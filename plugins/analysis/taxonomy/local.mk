# taxonomy: analysis plugin. Included by the top-level Makefile.am.
igt_bundled_modules += plugins/analysis/taxonomy/taxonomy.la
noinst_LTLIBRARIES += plugins/analysis/taxonomy/taxonomy.la
plugins_analysis_taxonomy_taxonomy_la_SOURCES = plugins/analysis/taxonomy/taxonomy.c \
	plugins/analysis/taxonomy/engine.c plugins/analysis/taxonomy/engine.h \
	plugins/analysis/taxonomy/literal.c plugins/analysis/taxonomy/literal.h \
	plugins/analysis/taxonomy/negation.c plugins/analysis/taxonomy/negation.h \
	plugins/analysis/taxonomy/load.c plugins/analysis/taxonomy/model.h \
	plugins/analysis/taxonomy/prefilter.c plugins/analysis/taxonomy/prefilter.h \
	plugins/analysis/taxonomy/score.c plugins/analysis/taxonomy/score.h \
	plugins/analysis/taxonomy/search.c plugins/analysis/taxonomy/search.h \
	plugins/analysis/taxonomy/strmap.c plugins/analysis/taxonomy/strmap.h \
	plugins/analysis/taxonomy/tree.c
plugins_analysis_taxonomy_taxonomy_la_CFLAGS = $(IGT_PLUGIN_CFLAGS) $(PCRE2_CFLAGS) $(YAML_CFLAGS)
plugins_analysis_taxonomy_taxonomy_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_analysis_taxonomy_taxonomy_la_LIBADD = $(IGT_PLUGIN_LIBADD) $(PCRE2_LIBS) $(YAML_LIBS)
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext.
noinst_LTLIBRARIES += plugins/analysis/taxonomy/builtin/taxonomy.la
plugins_analysis_taxonomy_builtin_taxonomy_la_SOURCES = $(plugins_analysis_taxonomy_taxonomy_la_SOURCES)
plugins_analysis_taxonomy_builtin_taxonomy_la_CFLAGS = $(plugins_analysis_taxonomy_taxonomy_la_CFLAGS)
plugins_analysis_taxonomy_builtin_taxonomy_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
igt_builtin_modules += plugins/analysis/taxonomy/builtin/taxonomy.la

EXTRA_DIST += plugins/analysis/taxonomy/README.md

# The shipped taxonomy, found at run time with igt_data_find().
nobase_dist_pkgdata_DATA += configs/taxonomy/internet-governance.yaml

# Unit tests: loading, the prefilter's literals, matching rules, overlaps,
# roll-up and the limits on untrusted patterns. The test includes
# taxonomy.c itself, to reach its static functions.
check_PROGRAMS += plugins/analysis/taxonomy/tests/test_taxonomy
TESTS += plugins/analysis/taxonomy/tests/test_taxonomy
plugins_analysis_taxonomy_tests_test_taxonomy_SOURCES = \
	plugins/analysis/taxonomy/tests/test_taxonomy.c tests/unit/tap.h \
	plugins/analysis/taxonomy/engine.c plugins/analysis/taxonomy/literal.c \
	plugins/analysis/taxonomy/load.c plugins/analysis/taxonomy/negation.c \
	plugins/analysis/taxonomy/prefilter.c plugins/analysis/taxonomy/score.c \
	plugins/analysis/taxonomy/search.c plugins/analysis/taxonomy/strmap.c \
	plugins/analysis/taxonomy/tree.c
plugins_analysis_taxonomy_tests_test_taxonomy_CFLAGS = $(AM_CFLAGS) $(PCRE2_CFLAGS) $(YAML_CFLAGS) \
	-I$(top_srcdir)/plugins/analysis/taxonomy -I$(top_srcdir)/tests/unit
plugins_analysis_taxonomy_tests_test_taxonomy_LDADD = core/libigtext.la $(JANSSON_LIBS) \
	$(PCRE2_LIBS) $(YAML_LIBS)

# End to end: the example records, with topics established by hand.
TESTS += plugins/analysis/taxonomy/tests/examples.sh
dist_check_SCRIPTS += plugins/analysis/taxonomy/tests/examples.sh
