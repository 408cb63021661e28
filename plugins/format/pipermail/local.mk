# pipermail: format plugin. Included by the top-level Makefile.am.
igt_bundled_modules += plugins/format/pipermail/pipermail.la
noinst_LTLIBRARIES += plugins/format/pipermail/pipermail.la
plugins_format_pipermail_pipermail_la_SOURCES = \
	plugins/format/pipermail/pipermail.c \
	plugins/format/pipermail/pipermail.h \
	plugins/format/pipermail/body.c \
	plugins/format/pipermail/charset.c \
	plugins/format/pipermail/header.c \
	plugins/format/pipermail/html.c \
	plugins/format/pipermail/mbox.c \
	plugins/format/pipermail/message.c \
	plugins/format/pipermail/mime.c \
	plugins/format/pipermail/page.c \
	plugins/format/pipermail/thread.c \
	plugins/format/pipermail/idset.c \
	plugins/format/pipermail/util.c
plugins_format_pipermail_pipermail_la_CFLAGS = $(IGT_PLUGIN_CFLAGS)
plugins_format_pipermail_pipermail_la_LDFLAGS = $(IGT_PLUGIN_LDFLAGS)
plugins_format_pipermail_pipermail_la_LIBADD = $(IGT_PLUGIN_LIBADD)
# The same code as a static-only library (-static; -rpath only so that
# libtool does not make it a convenience library), preloaded into igtext.
noinst_LTLIBRARIES += plugins/format/pipermail/builtin/pipermail.la
plugins_format_pipermail_builtin_pipermail_la_SOURCES = $(plugins_format_pipermail_pipermail_la_SOURCES)
plugins_format_pipermail_builtin_pipermail_la_CFLAGS = $(plugins_format_pipermail_pipermail_la_CFLAGS)
plugins_format_pipermail_builtin_pipermail_la_LDFLAGS = -module -static -avoid-version -rpath /nowhere
igt_builtin_modules += plugins/format/pipermail/builtin/pipermail.la
# Unit tests of the splitter's pieces, built from the same sources.
check_PROGRAMS += plugins/format/pipermail/tests/test_pipermail
TESTS += plugins/format/pipermail/tests/test_pipermail
plugins_format_pipermail_tests_test_pipermail_SOURCES = \
	plugins/format/pipermail/tests/test_pipermail.c \
	plugins/format/pipermail/pipermail.h \
	plugins/format/pipermail/pipermail.c \
	plugins/format/pipermail/mbox.c \
	plugins/format/pipermail/page.c \
	plugins/format/pipermail/charset.c \
	plugins/format/pipermail/header.c \
	plugins/format/pipermail/message.c \
	plugins/format/pipermail/body.c \
	plugins/format/pipermail/mime.c \
	plugins/format/pipermail/html.c \
	plugins/format/pipermail/thread.c \
	plugins/format/pipermail/idset.c \
	plugins/format/pipermail/util.c
plugins_format_pipermail_tests_test_pipermail_CPPFLAGS = $(AM_CPPFLAGS) \
	-I$(top_srcdir)/plugins/format/pipermail -I$(top_srcdir)/tests/unit
plugins_format_pipermail_tests_test_pipermail_LDADD = core/libigtext.la $(JANSSON_LIBS)
# The options, through job files.
TESTS += plugins/format/pipermail/tests/options.sh
dist_check_SCRIPTS += plugins/format/pipermail/tests/options.sh
EXTRA_DIST += plugins/format/pipermail/README.md \
	plugins/format/pipermail/tests/bench-gen \
	plugins/format/pipermail/tests/bench-ref \
	plugins/format/pipermail/tests/ietf/mailbox-x-envelope-from \
	plugins/format/pipermail/tests/ietf/mailbox_envelope-to \
	plugins/format/pipermail/tests/ietf/mailbox_from \
	plugins/format/pipermail/tests/ietf/mailbox_return-path \
	plugins/format/pipermail/tests/ietf/mailbox_to \
	plugins/format/pipermail/tests/ietf/mailbox_year \
	plugins/format/pipermail/tests/cases/author-names.mbox \
	plugins/format/pipermail/tests/cases/author-names.mbox.jsonl \
	plugins/format/pipermail/tests/cases/bad-checksum.txt.gz \
	plugins/format/pipermail/tests/cases/bad-checksum.txt.gz.jsonl \
	plugins/format/pipermail/tests/cases/bad-checksum.txt.gz.status \
	plugins/format/pipermail/tests/cases/base64-attachment.mbox \
	plugins/format/pipermail/tests/cases/base64-attachment.mbox.jsonl \
	plugins/format/pipermail/tests/cases/base64-padding.mbox \
	plugins/format/pipermail/tests/cases/base64-padding.mbox.jsonl \
	plugins/format/pipermail/tests/cases/bigbang-dev-test.txt \
	plugins/format/pipermail/tests/cases/bigbang-dev-test.txt.jsonl \
	plugins/format/pipermail/tests/cases/crlf-bom.mbox \
	plugins/format/pipermail/tests/cases/crlf-bom.mbox.jsonl \
	plugins/format/pipermail/tests/cases/dates-zones.mbox \
	plugins/format/pipermail/tests/cases/dates-zones.mbox.jsonl \
	plugins/format/pipermail/tests/cases/cr-line-ends.mbox \
	plugins/format/pipermail/tests/cases/cr-line-ends.mbox.jsonl \
	plugins/format/pipermail/tests/cases/disclaimer.txt \
	plugins/format/pipermail/tests/cases/disclaimer.txt.jsonl \
	plugins/format/pipermail/tests/cases/cr-line-ends.mbox.status \
	plugins/format/pipermail/tests/cases/envelope-rfc-date-dst.mbox \
	plugins/format/pipermail/tests/cases/envelope-rfc-date-dst.mbox.jsonl \
	plugins/format/pipermail/tests/cases/forwarded-message.eml \
	plugins/format/pipermail/tests/cases/forwarded-message.eml.jsonl \
	plugins/format/pipermail/tests/cases/from-escape.mbox \
	plugins/format/pipermail/tests/cases/from-unescaped-body.mbox \
	plugins/format/pipermail/tests/cases/from-unescaped-body.mbox.jsonl \
	plugins/format/pipermail/tests/cases/from-escape.mbox.jsonl \
	plugins/format/pipermail/tests/cases/html-only.mbox \
	plugins/format/pipermail/tests/cases/html-only.mbox.jsonl \
	plugins/format/pipermail/tests/cases/ietf-bad-date.mail \
	plugins/format/pipermail/tests/cases/ietf-bad-date.mail.jsonl \
	plugins/format/pipermail/tests/cases/ietf-duplicates.mbox \
	plugins/format/pipermail/tests/cases/ietf-duplicates.mbox.jsonl \
	plugins/format/pipermail/tests/cases/ietf-latin1.mbox \
	plugins/format/pipermail/tests/cases/ietf-latin1.mbox.jsonl \
	plugins/format/pipermail/tests/cases/ietf-received-flowed.mbox \
	plugins/format/pipermail/tests/cases/ietf-received-flowed.mbox.jsonl \
	plugins/format/pipermail/tests/cases/ietf-mail-bad-no-headers \
	plugins/format/pipermail/tests/cases/ietf-mail-bad-no-headers.jsonl \
	plugins/format/pipermail/tests/cases/ietf-mail-bad-no-headers.status \
	plugins/format/pipermail/tests/cases/ietf-mailbox-date-no-separators \
	plugins/format/pipermail/tests/cases/ietf-mailbox-date-no-separators.jsonl \
	plugins/format/pipermail/tests/cases/ietf-windows1252.mbox \
	plugins/format/pipermail/tests/cases/ietf-windows1252.mbox.jsonl \
	plugins/format/pipermail/tests/cases/message-id-missing.mbox \
	plugins/format/pipermail/tests/cases/message-id-missing.mbox.jsonl \
	plugins/format/pipermail/tests/cases/mmdf.mmdf \
	plugins/format/pipermail/tests/cases/mmdf.mmdf.jsonl \
	plugins/format/pipermail/tests/cases/no-blank-after-head.mbox \
	plugins/format/pipermail/tests/cases/no-blank-after-head.mbox.jsonl \
	plugins/format/pipermail/tests/cases/attribution-forms.txt \
	plugins/format/pipermail/tests/cases/attribution-forms.txt.jsonl \
	plugins/format/pipermail/tests/cases/page-with-subject.txt \
	plugins/format/pipermail/tests/cases/page-with-subject.txt.jsonl \
	plugins/format/pipermail/tests/cases/perceval-complex.mbox \
	plugins/format/pipermail/tests/cases/perceval-complex.mbox.jsonl \
	plugins/format/pipermail/tests/cases/perceval-iso8859-encoding.mbox \
	plugins/format/pipermail/tests/cases/perceval-iso8859-encoding.mbox.jsonl \
	plugins/format/pipermail/tests/cases/perceval-multipart.mbox \
	plugins/format/pipermail/tests/cases/perceval-multipart.mbox.jsonl \
	plugins/format/pipermail/tests/cases/perceval-no-fields.mbox \
	plugins/format/pipermail/tests/cases/perceval-no-fields.mbox.jsonl \
	plugins/format/pipermail/tests/cases/perceval-unixfrom-encoding.mbox \
	plugins/format/pipermail/tests/cases/perceval-unixfrom-encoding.mbox.jsonl \
	plugins/format/pipermail/tests/cases/perceval-unknown-encoding.mbox \
	plugins/format/pipermail/tests/cases/perceval-unknown-encoding.mbox.jsonl \
	plugins/format/pipermail/tests/cases/pipermail-ccwg-ig-2018-03-24.txt \
	plugins/format/pipermail/tests/cases/pipermail-ccwg-ig-2018-03-24.txt.jsonl \
	plugins/format/pipermail/tests/cases/quoted-printable.mbox \
	plugins/format/pipermail/tests/cases/quoted-printable.mbox.jsonl \
	plugins/format/pipermail/tests/cases/rfc2047-subject.mbox \
	plugins/format/pipermail/tests/cases/rfc2047-subject.mbox.jsonl \
	plugins/format/pipermail/tests/cases/signature-before-original.mbox \
	plugins/format/pipermail/tests/cases/signature-before-original.mbox.jsonl \
	plugins/format/pipermail/tests/cases/subject-markers.mbox \
	plugins/format/pipermail/tests/cases/subject-markers.mbox.jsonl \
	plugins/format/pipermail/tests/cases/thread-roots.mbox \
	plugins/format/pipermail/tests/cases/thread-roots.mbox.jsonl \
	plugins/format/pipermail/tests/cases/truncated-archive.txt.gz \
	plugins/format/pipermail/tests/cases/truncated-archive.txt.gz.jsonl \
	plugins/format/pipermail/tests/cases/truncated-archive.txt.gz.status \
	plugins/format/pipermail/tests/cases/truncated-envelope.txt.gz \
	plugins/format/pipermail/tests/cases/truncated-envelope.txt.gz.jsonl \
	plugins/format/pipermail/tests/cases/truncated-envelope.txt.gz.status \
	plugins/format/pipermail/tests/cases/truncated-small.txt.gz \
	plugins/format/pipermail/tests/cases/truncated-small.txt.gz.jsonl \
	plugins/format/pipermail/tests/cases/truncated-small.txt.gz.status \
	plugins/format/pipermail/tests/cases/twisted-python-1945-February.txt.gz \
	plugins/format/pipermail/tests/cases/twisted-python-1945-February.txt.gz.jsonl \
	plugins/format/pipermail/tests/cases/twisted-python-2021-June.txt \
	plugins/format/pipermail/tests/cases/twisted-python-2021-June.txt.jsonl \
	plugins/format/pipermail/tests/cases/undated-envelope.mbox \
	plugins/format/pipermail/tests/cases/undated-envelope.mbox.jsonl \
	plugins/format/pipermail/tests/cases/unknown-charset.mbox \
	plugins/format/pipermail/tests/cases/unknown-charset.mbox.jsonl \
	plugins/format/pipermail/tests/cases/whitespace-only.txt \
	plugins/format/pipermail/tests/cases/whitespace-only.txt.jsonl \
	plugins/format/pipermail/tests/cases/whitespace-only.txt.status \
	plugins/format/pipermail/tests/cases/year-separated.mbox \
	plugins/format/pipermail/tests/cases/year-separated.mbox.jsonl
