# igf-report: format plugin. Included by the top-level Makefile.am.
igt_bundled_modules += plugins/format/igf-report/igf-report.la
noinst_LTLIBRARIES += plugins/format/igf-report/igf-report.la
plugins_format_igf_report_igf_report_la_SOURCES = plugins/format/igf-report/igf-report.c
plugins_format_igf_report_igf_report_la_CFLAGS = $(IGT_PLUGIN_CFLAGS) $(PCRE2_CFLAGS)
plugins_format_igf_report_igf_report_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_format_igf_report_igf_report_la_LIBADD = $(IGT_PLUGIN_LIBADD) $(PCRE2_LIBS)
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext.
noinst_LTLIBRARIES += plugins/format/igf-report/builtin/igf-report.la
plugins_format_igf_report_builtin_igf_report_la_SOURCES = $(plugins_format_igf_report_igf_report_la_SOURCES)
plugins_format_igf_report_builtin_igf_report_la_CFLAGS = $(plugins_format_igf_report_igf_report_la_CFLAGS)
plugins_format_igf_report_builtin_igf_report_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
# igtext links this library and must therefore also link PCRE2 itself.
plugins_format_igf_report_builtin_igf_report_la_LIBADD = $(PCRE2_LIBS)
igt_builtin_modules += plugins/format/igf-report/builtin/igf-report.la
EXTRA_DIST += plugins/format/igf-report/README.md plugins/format/igf-report/tests/bench-gen \
	plugins/format/igf-report/tests/cases/answers-on-question-line.txt \
	plugins/format/igf-report/tests/cases/answers-on-question-line.txt.jsonl \
	plugins/format/igf-report/tests/cases/bom-cjk.txt \
	plugins/format/igf-report/tests/cases/bom-cjk.txt.jsonl \
	plugins/format/igf-report/tests/cases/crlf-no-final-newline.txt \
	plugins/format/igf-report/tests/cases/crlf-no-final-newline.txt.jsonl \
	plugins/format/igf-report/tests/cases/date-without-time.txt \
	plugins/format/igf-report/tests/cases/date-without-time.txt.jsonl \
	plugins/format/igf-report/tests/cases/igf-report-form-2018-of20.txt \
	plugins/format/igf-report/tests/cases/igf-report-form-2018-of20.txt.jsonl \
	plugins/format/igf-report/tests/cases/label-variants-2017.txt \
	plugins/format/igf-report/tests/cases/label-variants-2017.txt.jsonl \
	plugins/format/igf-report/tests/cases/lone-report-after-answer.txt \
	plugins/format/igf-report/tests/cases/lone-report-after-answer.txt.jsonl \
	plugins/format/igf-report/tests/cases/no-preamble-no-heading.txt \
	plugins/format/igf-report/tests/cases/no-preamble-no-heading.txt.jsonl \
	plugins/format/igf-report/tests/cases/not-a-form.txt \
	plugins/format/igf-report/tests/cases/not-a-form.txt.jsonl \
	plugins/format/igf-report/tests/cases/numbered-lists.txt \
	plugins/format/igf-report/tests/cases/numbered-lists.txt.jsonl \
	plugins/format/igf-report/tests/cases/people-lines-odd.txt \
	plugins/format/igf-report/tests/cases/people-lines-odd.txt.jsonl \
	plugins/format/igf-report/tests/cases/question-mark-bullets.txt \
	plugins/format/igf-report/tests/cases/question-mark-bullets.txt.jsonl \
	plugins/format/igf-report/tests/cases/short-report-only.txt \
	plugins/format/igf-report/tests/cases/short-report-only.txt.jsonl \
	plugins/format/igf-report/tests/cases/speakers-heading-role.txt \
	plugins/format/igf-report/tests/cases/speakers-heading-role.txt.jsonl \
	plugins/format/igf-report/tests/cases/speakers-not-applicable.txt \
	plugins/format/igf-report/tests/cases/speakers-not-applicable.txt.jsonl \
	plugins/format/igf-report/tests/cases/speakers-forms.txt \
	plugins/format/igf-report/tests/cases/speakers-forms.txt.jsonl \
	plugins/format/igf-report/tests/cases/template-2015-undashed.txt \
	plugins/format/igf-report/tests/cases/template-2015-undashed.txt.jsonl \
	plugins/format/igf-report/tests/cases/unanswered-questions.txt \
	plugins/format/igf-report/tests/cases/unanswered-questions.txt.jsonl \
	plugins/format/igf-report/tests/cases/unknown-question.txt \
	plugins/format/igf-report/tests/cases/unknown-question.txt.jsonl \
	plugins/format/igf-report/tests/cases/whitespace-only.txt \
	plugins/format/igf-report/tests/cases/whitespace-only.txt.jsonl \
	plugins/format/igf-report/tests/cases/whitespace-only.txt.status
# Unit tests of the value readers (dates, counts, people); the program
# includes the plugin's source to reach its static functions.
check_PROGRAMS += plugins/format/igf-report/tests/test_igf_report
TESTS += plugins/format/igf-report/tests/test_igf_report
plugins_format_igf_report_tests_test_igf_report_SOURCES = \
	plugins/format/igf-report/tests/test_igf_report.c
plugins_format_igf_report_tests_test_igf_report_CFLAGS = $(AM_CFLAGS) $(PCRE2_CFLAGS)
plugins_format_igf_report_tests_test_igf_report_LDADD = core/libigtext.la $(JANSSON_LIBS) \
	$(PCRE2_LIBS)
