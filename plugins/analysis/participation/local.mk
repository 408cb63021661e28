# participation: analysis plugin. Included by the top-level Makefile.am.
igt_bundled_modules += plugins/analysis/participation/participation.la
noinst_LTLIBRARIES += plugins/analysis/participation/participation.la
plugins_analysis_participation_participation_la_SOURCES = \
	plugins/analysis/participation/participation.c
plugins_analysis_participation_participation_la_CFLAGS = $(IGT_PLUGIN_CFLAGS)
plugins_analysis_participation_participation_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_analysis_participation_participation_la_LIBADD = $(IGT_PLUGIN_LIBADD)
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext.
noinst_LTLIBRARIES += plugins/analysis/participation/builtin/participation.la
plugins_analysis_participation_builtin_participation_la_SOURCES = $(plugins_analysis_participation_participation_la_SOURCES)
plugins_analysis_participation_builtin_participation_la_CFLAGS = $(plugins_analysis_participation_participation_la_CFLAGS)
plugins_analysis_participation_builtin_participation_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
igt_builtin_modules += plugins/analysis/participation/builtin/participation.la

EXTRA_DIST += plugins/analysis/participation/README.md
