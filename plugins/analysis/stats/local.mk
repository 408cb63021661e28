# stats: analysis plugin. Included by the top-level Makefile.am.
igt_bundled_modules += plugins/analysis/stats/stats.la
noinst_LTLIBRARIES += plugins/analysis/stats/stats.la
plugins_analysis_stats_stats_la_SOURCES = \
	plugins/analysis/stats/stats.c
plugins_analysis_stats_stats_la_CFLAGS = $(IGT_PLUGIN_CFLAGS)
plugins_analysis_stats_stats_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_analysis_stats_stats_la_LIBADD = $(IGT_PLUGIN_LIBADD)
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext.
noinst_LTLIBRARIES += plugins/analysis/stats/builtin/stats.la
plugins_analysis_stats_builtin_stats_la_SOURCES = $(plugins_analysis_stats_stats_la_SOURCES)
plugins_analysis_stats_builtin_stats_la_CFLAGS = $(plugins_analysis_stats_stats_la_CFLAGS)
plugins_analysis_stats_builtin_stats_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
igt_builtin_modules += plugins/analysis/stats/builtin/stats.la

EXTRA_DIST += plugins/analysis/stats/README.md
