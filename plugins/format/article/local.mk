# article: essays and op-eds (title, byline, dateline, numbered sections,
# author note). Included by the top-level Makefile.am.
igt_bundled_modules += plugins/format/article/article.la
noinst_LTLIBRARIES += plugins/format/article/article.la
plugins_format_article_article_la_SOURCES = plugins/format/article/article.c
plugins_format_article_article_la_CFLAGS = $(IGT_PLUGIN_CFLAGS)
plugins_format_article_article_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_format_article_article_la_LIBADD = $(IGT_PLUGIN_LIBADD)
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext.
noinst_LTLIBRARIES += plugins/format/article/builtin/article.la
plugins_format_article_builtin_article_la_SOURCES = $(plugins_format_article_article_la_SOURCES)
plugins_format_article_builtin_article_la_CFLAGS = $(plugins_format_article_article_la_CFLAGS)
plugins_format_article_builtin_article_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
igt_builtin_modules += plugins/format/article/builtin/article.la

# Unit tests of the text rules (the source is included by the test).
check_PROGRAMS += plugins/format/article/tests/test_article
TESTS += plugins/format/article/tests/test_article
plugins_format_article_tests_test_article_SOURCES = plugins/format/article/tests/test_article.c \
	tests/unit/tap.h
plugins_format_article_tests_test_article_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit
plugins_format_article_tests_test_article_LDADD = core/libigtext.la $(JANSSON_LIBS)

EXTRA_DIST += plugins/format/article/README.md plugins/format/article/tests/bench-gen \
	plugins/format/article/tests/test_article.c \
	plugins/format/article/tests/cases/about-the-author.txt \
	plugins/format/article/tests/cases/about-the-author.txt.jsonl \
	plugins/format/article/tests/cases/arabic-sections.txt \
	plugins/format/article/tests/cases/arabic-sections.txt.jsonl \
	plugins/format/article/tests/cases/article-cyberspace-rules-2016.txt \
	plugins/format/article/tests/cases/article-cyberspace-rules-2016.txt.jsonl \
	plugins/format/article/tests/cases/author-note.txt \
	plugins/format/article/tests/cases/author-note.txt.jsonl \
	plugins/format/article/tests/cases/blank-lines.txt \
	plugins/format/article/tests/cases/bracketed-authors.txt \
	plugins/format/article/tests/cases/bracketed-authors.txt.jsonl \
	plugins/format/article/tests/cases/byline-par-et.txt \
	plugins/format/article/tests/cases/byline-par-et.txt.jsonl \
	plugins/format/article/tests/cases/byline-position-line.txt \
	plugins/format/article/tests/cases/byline-position-line.txt.jsonl \
	plugins/format/article/tests/cases/blank-lines.txt.jsonl \
	plugins/format/article/tests/cases/bom-nbsp.txt \
	plugins/format/article/tests/cases/bom-nbsp.txt.jsonl \
	plugins/format/article/tests/cases/byline-then-body.txt \
	plugins/format/article/tests/cases/byline-then-body.txt.jsonl \
	plugins/format/article/tests/cases/byline-date.txt \
	plugins/format/article/tests/cases/byline-date.txt.jsonl \
	plugins/format/article/tests/cases/byline-honorific.txt \
	plugins/format/article/tests/cases/byline-honorific.txt.jsonl \
	plugins/format/article/tests/cases/byline-unsplit.txt \
	plugins/format/article/tests/cases/byline-unsplit.txt.jsonl \
	plugins/format/article/tests/cases/cjk-title.txt \
	plugins/format/article/tests/cases/cjk-title.txt.jsonl \
	plugins/format/article/tests/cases/crlf-no-final-newline.txt \
	plugins/format/article/tests/cases/crlf-no-final-newline.txt.jsonl \
	plugins/format/article/tests/cases/dash-numbers-in-text.txt \
	plugins/format/article/tests/cases/dash-numbers-in-text.txt.jsonl \
	plugins/format/article/tests/cases/dateline-place.txt \
	plugins/format/article/tests/cases/dateline-place.txt.jsonl \
	plugins/format/article/tests/cases/dateline-year.txt \
	plugins/format/article/tests/cases/dateline-year.txt.jsonl \
	plugins/format/article/tests/cases/byline-title-surname.txt \
	plugins/format/article/tests/cases/byline-title-surname.txt.jsonl \
	plugins/format/article/tests/cases/dateline-day-month-unknown.txt \
	plugins/format/article/tests/cases/dateline-day-month-unknown.txt.jsonl \
	plugins/format/article/tests/cases/dateline.txt \
	plugins/format/article/tests/cases/dateline.txt.jsonl \
	plugins/format/article/tests/cases/narrow-wrapped.txt \
	plugins/format/article/tests/cases/narrow-wrapped.txt.jsonl \
	plugins/format/article/tests/cases/hyphen-sections.txt \
	plugins/format/article/tests/cases/hyphen-sections.txt.jsonl \
	plugins/format/article/tests/cases/lettered-sections.txt \
	plugins/format/article/tests/cases/lines-dash-sections.txt \
	plugins/format/article/tests/cases/lines-dash-sections.txt.jsonl \
	plugins/format/article/tests/cases/lettered-sections.txt.jsonl \
	plugins/format/article/tests/cases/no-sections.txt \
	plugins/format/article/tests/cases/no-sections.txt.jsonl \
	plugins/format/article/tests/cases/not-an-article.txt \
	plugins/format/article/tests/cases/not-an-article.txt.jsonl \
	plugins/format/article/tests/cases/part-sections.txt \
	plugins/format/article/tests/cases/part-sections.txt.jsonl \
	plugins/format/article/tests/cases/truncated-gzip.txt.gz \
	plugins/format/article/tests/cases/truncated-gzip.txt.gz.jsonl \
	plugins/format/article/tests/cases/truncated-gzip.txt.gz.status \
	plugins/format/article/tests/cases/von-subtitle.txt \
	plugins/format/article/tests/cases/von-subtitle.txt.jsonl \
	plugins/format/article/tests/cases/whitespace-only.txt \
	plugins/format/article/tests/cases/whitespace-only.txt.jsonl \
	plugins/format/article/tests/cases/whitespace-only.txt.status
