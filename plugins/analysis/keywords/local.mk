# keywords: analysis plugin. Included by the top-level Makefile.am.
igt_bundled_modules += plugins/analysis/keywords/keywords.la
noinst_LTLIBRARIES += plugins/analysis/keywords/keywords.la
plugins_analysis_keywords_keywords_la_SOURCES = plugins/analysis/keywords/keywords.c \
	plugins/analysis/keywords/corpus.c plugins/analysis/keywords/corpus.h \
	plugins/analysis/keywords/guess.c plugins/analysis/keywords/guess.h \
	plugins/analysis/keywords/intern.c plugins/analysis/keywords/intern.h \
	plugins/analysis/keywords/lang.c plugins/analysis/keywords/lang.h \
	plugins/analysis/keywords/ngram.c plugins/analysis/keywords/ngram.h \
	plugins/analysis/keywords/rank.c plugins/analysis/keywords/rank.h \
	plugins/analysis/keywords/stopwords.c plugins/analysis/keywords/stopwords.h \
	plugins/analysis/keywords/token.c plugins/analysis/keywords/token.h
plugins_analysis_keywords_keywords_la_CFLAGS = $(IGT_PLUGIN_CFLAGS) $(UTF8PROC_CFLAGS)
plugins_analysis_keywords_keywords_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_analysis_keywords_keywords_la_LIBADD = $(IGT_PLUGIN_LIBADD) $(UTF8PROC_LIBS) \
	$(STEMMER_LIBS) -lm
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext.
noinst_LTLIBRARIES += plugins/analysis/keywords/builtin/keywords.la
plugins_analysis_keywords_builtin_keywords_la_SOURCES = $(plugins_analysis_keywords_keywords_la_SOURCES)
plugins_analysis_keywords_builtin_keywords_la_CFLAGS = $(plugins_analysis_keywords_keywords_la_CFLAGS)
plugins_analysis_keywords_builtin_keywords_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
# libm for log(): igtext links the rest itself.
plugins_analysis_keywords_builtin_keywords_la_LIBADD = $(STEMMER_LIBS) -lm
igt_builtin_modules += plugins/analysis/keywords/builtin/keywords.la
EXTRA_DIST += plugins/analysis/keywords/README.md

# The shipped stopword lists, found at run time with igt_data_find().
nobase_dist_pkgdata_DATA += configs/stopwords/english.txt configs/stopwords/french.txt \
	configs/stopwords/spanish.txt configs/stopwords/german.txt configs/stopwords/russian.txt \
	configs/stopwords/stems-english.txt

# Unit tests: tokeniser, stopwords, stemming, TF-IDF and the phrase
# measure, on hand-made text.
check_PROGRAMS += plugins/analysis/keywords/tests/test_keywords
TESTS += plugins/analysis/keywords/tests/test_keywords
plugins_analysis_keywords_tests_test_keywords_SOURCES = \
	plugins/analysis/keywords/tests/test_keywords.c tests/unit/tap.h \
	plugins/analysis/keywords/corpus.c plugins/analysis/keywords/guess.c \
	plugins/analysis/keywords/intern.c \
	plugins/analysis/keywords/lang.c plugins/analysis/keywords/ngram.c \
	plugins/analysis/keywords/rank.c plugins/analysis/keywords/stopwords.c \
	plugins/analysis/keywords/token.c
plugins_analysis_keywords_tests_test_keywords_CFLAGS = $(AM_CFLAGS) $(UTF8PROC_CFLAGS) \
	-I$(top_srcdir)/plugins/analysis/keywords -I$(top_srcdir)/tests/unit
plugins_analysis_keywords_tests_test_keywords_LDADD = core/libigtext.la $(JANSSON_LIBS) \
	$(UTF8PROC_LIBS) $(STEMMER_LIBS) -lm

# End to end: the example records, with expectations established by hand.
TESTS += plugins/analysis/keywords/tests/examples.sh
dist_check_SCRIPTS += plugins/analysis/keywords/tests/examples.sh
