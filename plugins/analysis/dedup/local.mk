# dedup: analysis plugin. Included by the top-level Makefile.am.
igt_bundled_modules += plugins/analysis/dedup/dedup.la
noinst_LTLIBRARIES += plugins/analysis/dedup/dedup.la
plugins_analysis_dedup_dedup_la_SOURCES = \
	plugins/analysis/dedup/dedup.c
plugins_analysis_dedup_dedup_la_CFLAGS = $(IGT_PLUGIN_CFLAGS)
plugins_analysis_dedup_dedup_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_analysis_dedup_dedup_la_LIBADD = $(IGT_PLUGIN_LIBADD)
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext.
noinst_LTLIBRARIES += plugins/analysis/dedup/builtin/dedup.la
plugins_analysis_dedup_builtin_dedup_la_SOURCES = $(plugins_analysis_dedup_dedup_la_SOURCES)
plugins_analysis_dedup_builtin_dedup_la_CFLAGS = $(plugins_analysis_dedup_dedup_la_CFLAGS)
plugins_analysis_dedup_builtin_dedup_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
igt_builtin_modules += plugins/analysis/dedup/builtin/dedup.la

EXTRA_DIST += plugins/analysis/dedup/README.md
