# keywords: analysis plugin. Included by the top-level Makefile.am.
igt_bundled_modules += plugins/analysis/keywords/keywords.la
noinst_LTLIBRARIES += plugins/analysis/keywords/keywords.la
plugins_analysis_keywords_keywords_la_SOURCES = \
	plugins/analysis/keywords/keywords.c
plugins_analysis_keywords_keywords_la_CFLAGS = $(IGT_PLUGIN_CFLAGS)
plugins_analysis_keywords_keywords_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_analysis_keywords_keywords_la_LIBADD = $(IGT_PLUGIN_LIBADD)
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext.
noinst_LTLIBRARIES += plugins/analysis/keywords/builtin/keywords.la
plugins_analysis_keywords_builtin_keywords_la_SOURCES = $(plugins_analysis_keywords_keywords_la_SOURCES)
plugins_analysis_keywords_builtin_keywords_la_CFLAGS = $(plugins_analysis_keywords_keywords_la_CFLAGS)
plugins_analysis_keywords_builtin_keywords_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
igt_builtin_modules += plugins/analysis/keywords/builtin/keywords.la

EXTRA_DIST += plugins/analysis/keywords/README.md
