# taxonomy: analysis plugin. Included by the top-level Makefile.am.
igt_bundled_modules += plugins/analysis/taxonomy/taxonomy.la
noinst_LTLIBRARIES += plugins/analysis/taxonomy/taxonomy.la
plugins_analysis_taxonomy_taxonomy_la_SOURCES = \
	plugins/analysis/taxonomy/taxonomy.c
plugins_analysis_taxonomy_taxonomy_la_CFLAGS = $(IGT_PLUGIN_CFLAGS)
plugins_analysis_taxonomy_taxonomy_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_analysis_taxonomy_taxonomy_la_LIBADD = $(IGT_PLUGIN_LIBADD)
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext.
noinst_LTLIBRARIES += plugins/analysis/taxonomy/builtin/taxonomy.la
plugins_analysis_taxonomy_builtin_taxonomy_la_SOURCES = $(plugins_analysis_taxonomy_taxonomy_la_SOURCES)
plugins_analysis_taxonomy_builtin_taxonomy_la_CFLAGS = $(plugins_analysis_taxonomy_taxonomy_la_CFLAGS)
plugins_analysis_taxonomy_builtin_taxonomy_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
igt_builtin_modules += plugins/analysis/taxonomy/builtin/taxonomy.la

EXTRA_DIST += plugins/analysis/taxonomy/README.md
