# The core library, its public headers, and the igtext executable.
lib_LTLIBRARIES += core/libigtext.la
core_libigtext_la_SOURCES = \
	core/lib/buf.c \
	core/lib/dates.c \
	core/lib/doc.c core/lib/doc_private.h \
	core/lib/docjson.c \
	core/lib/docwrite.c \
	core/lib/error.c \
	core/lib/expand.c core/lib/expand.h core/lib/resolve.c core/lib/resolve.h \
	core/lib/host.c core/lib/host_private.h \
	core/lib/input.c core/lib/input_private.h \
	core/lib/job.c core/lib/job.h \
	core/lib/log.c core/lib/log_private.h \
	core/lib/module.c core/lib/module.h \
	core/lib/names.c \
	core/lib/pipeline.c core/lib/pipeline.h core/lib/stages.c core/lib/stages.h \
	core/lib/ordered.c core/lib/ordered.h \
	core/lib/schema.c core/lib/schema.h \
	core/lib/store.c core/lib/store.h core/lib/store_private.h core/lib/store_schema.c \
	core/lib/utf8.c core/lib/utf8.h \
	core/lib/util.c core/lib/util.h \
	core/lib/yamltree.c core/lib/yamltree.h
core_libigtext_la_CFLAGS = $(AM_CFLAGS) $(YAML_CFLAGS) $(PCRE2_CFLAGS) $(UTF8PROC_CFLAGS) \
	$(NETTLE_CFLAGS) $(ZLIB_CFLAGS) $(LZMA_CFLAGS) $(SQLITE_CFLAGS)
core_libigtext_la_LIBADD = $(LTDL_LIBS) $(YAML_LIBS) $(PCRE2_LIBS) $(UTF8PROC_LIBS) \
	$(NETTLE_LIBS) $(ZLIB_LIBS) $(BZ2_LIBS) $(LZMA_LIBS) $(JANSSON_LIBS) $(SQLITE_LIBS)
core_libigtext_la_LDFLAGS = -version-info $(IGT_LT_VERSION) -no-undefined

igtextincludedir = $(includedir)/igtext
igtextinclude_HEADERS = core/igtext/doc.h core/igtext/error.h core/igtext/host.h \
	core/igtext/igtext.h core/igtext/input.h core/igtext/log.h core/igtext/plugin.h \
	core/igtext/text.h core/igtext/buf.h
nodist_igtextinclude_HEADERS = core/igtext/version.h

pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA = igtext.pc
EXTRA_DIST += igtext.pc.in core/igtext/version.h.in

bin_PROGRAMS += igtext
igtext_SOURCES = core/cli/igtext.c core/cli/cli.h core/cli/builtin.c core/cli/cmd_check.c \
	core/cli/cmd_detect.c core/cli/cmd_parse.c core/cli/cmd_plugins.c core/cli/cmd_run.c \
	core/cli/cmd_runs.c core/cli/cmd_search.c core/cli/cmd_show.c core/cli/store_cli.c
# Built-in plugins are linked in statically: their libraries come too.
# mimalloc, when configured, replaces malloc for the whole process: libigtext,
# the libraries and every plugin, built in or loaded (configure.ac says why).
igtext_LDADD = $(MIMALLOC_LIBS) core/libigtext.la $(JANSSON_LIBS) $(LTDL_LIBS) $(PCRE2_LIBS) $(UTF8PROC_LIBS) \
	$(YAML_LIBS) $(SQLITE_LIBS) $(STEMMER_LIBS) $(NETTLE_LIBS) \
	-dlpreopen plugins/format/plain/builtin/plain.la \
	-dlpreopen plugins/format/igf-report/builtin/igf-report.la \
	-dlpreopen plugins/format/captions/builtin/captions.la \
	-dlpreopen plugins/format/pipermail/builtin/pipermail.la \
	-dlpreopen plugins/format/highlights/builtin/highlights.la \
	-dlpreopen plugins/format/article/builtin/article.la \
	-dlpreopen plugins/analysis/speakers/builtin/speakers.la \
	-dlpreopen plugins/analysis/entities/builtin/entities.la \
	-dlpreopen plugins/analysis/taxonomy/builtin/taxonomy.la \
	-dlpreopen plugins/analysis/keywords/builtin/keywords.la \
	-dlpreopen plugins/analysis/stats/builtin/stats.la \
	-dlpreopen plugins/analysis/participation/builtin/participation.la \
	-dlpreopen plugins/analysis/dedup/builtin/dedup.la \
	-dlpreopen plugins/output/jsonl/builtin/jsonl.la \
	-dlpreopen plugins/output/sqlite/builtin/sqlite.la
igtext_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS) $(JANSSON_CFLAGS)
igtext_DEPENDENCIES = core/libigtext.la $(igt_builtin_modules) $(igt_bundled_modules)
