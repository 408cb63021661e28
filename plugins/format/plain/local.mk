# plain: the fallback format plugin. Included by the top-level Makefile.am.
igt_bundled_modules += plugins/format/plain/plain.la
noinst_LTLIBRARIES += plugins/format/plain/plain.la
plugins_format_plain_plain_la_SOURCES = plugins/format/plain/plain.c
plugins_format_plain_plain_la_CFLAGS = $(IGT_PLUGIN_CFLAGS)
plugins_format_plain_plain_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_format_plain_plain_la_LIBADD = $(IGT_PLUGIN_LIBADD)
EXTRA_DIST += plugins/format/plain/README.md
