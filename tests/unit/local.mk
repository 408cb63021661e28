# tests/unit: one TAP program per core module (see tests/local.mk for the
# driver and environment). Each writes its fixtures from strings into its
# own mkdtemp() folder and removes it; test_job loads the build tree's plain
# and jsonl modules through $top_builddir.
IGT_UNIT_LDADD = core/libigtext.la $(JANSSON_LIBS)

check_PROGRAMS += tests/unit/test_doc
TESTS += tests/unit/test_doc
tests_unit_test_doc_SOURCES = tests/unit/test_doc.c tests/unit/tap.h
tests_unit_test_doc_LDADD = $(IGT_UNIT_LDADD)
tests_unit_test_doc_CFLAGS = $(AM_CFLAGS) $(YAML_CFLAGS)

check_PROGRAMS += tests/unit/test_docjson
TESTS += tests/unit/test_docjson
tests_unit_test_docjson_SOURCES = tests/unit/test_docjson.c tests/unit/tap.h
tests_unit_test_docjson_LDADD = $(IGT_UNIT_LDADD)
tests_unit_test_docjson_CFLAGS = $(AM_CFLAGS) $(YAML_CFLAGS)

check_PROGRAMS += tests/unit/test_yaml
TESTS += tests/unit/test_yaml
tests_unit_test_yaml_SOURCES = tests/unit/test_yaml.c tests/unit/tap.h
tests_unit_test_yaml_LDADD = $(IGT_UNIT_LDADD)
tests_unit_test_yaml_CFLAGS = $(AM_CFLAGS) $(YAML_CFLAGS)

check_PROGRAMS += tests/unit/test_job
TESTS += tests/unit/test_job
tests_unit_test_job_SOURCES = tests/unit/test_job.c tests/unit/tap.h
tests_unit_test_job_LDADD = $(IGT_UNIT_LDADD)
tests_unit_test_job_CFLAGS = $(AM_CFLAGS) $(YAML_CFLAGS)

check_PROGRAMS += tests/unit/test_expand
TESTS += tests/unit/test_expand
tests_unit_test_expand_SOURCES = tests/unit/test_expand.c tests/unit/tap.h
tests_unit_test_expand_LDADD = $(IGT_UNIT_LDADD)
tests_unit_test_expand_CFLAGS = $(AM_CFLAGS) $(YAML_CFLAGS)

# test_input writes gzip, bzip2 and xz files itself, so it links the
# three libraries directly (and nettle, for the sha256 of what it wrote).
check_PROGRAMS += tests/unit/test_input
TESTS += tests/unit/test_input
tests_unit_test_input_SOURCES = tests/unit/test_input.c tests/unit/tap.h
tests_unit_test_input_LDADD = $(IGT_UNIT_LDADD) $(ZLIB_LIBS) $(BZ2_LIBS) $(LZMA_LIBS) \
	$(NETTLE_LIBS)
tests_unit_test_input_CFLAGS = $(AM_CFLAGS) $(YAML_CFLAGS) $(ZLIB_CFLAGS) $(LZMA_CFLAGS) \
	$(NETTLE_CFLAGS)

check_PROGRAMS += tests/unit/test_util
TESTS += tests/unit/test_util
tests_unit_test_util_SOURCES = tests/unit/test_util.c tests/unit/tap.h
tests_unit_test_util_LDADD = $(IGT_UNIT_LDADD)
tests_unit_test_util_CFLAGS = $(AM_CFLAGS) $(YAML_CFLAGS)

check_PROGRAMS += tests/unit/test_text
TESTS += tests/unit/test_text
tests_unit_test_text_SOURCES = tests/unit/test_text.c tests/unit/tap.h
tests_unit_test_text_LDADD = core/libigtext.la $(JANSSON_LIBS)

check_PROGRAMS += tests/unit/test_buf
TESTS += tests/unit/test_buf
tests_unit_test_buf_SOURCES = tests/unit/test_buf.c tests/unit/tap.h
tests_unit_test_buf_LDADD = core/libigtext.la $(JANSSON_LIBS)

check_PROGRAMS += tests/unit/test_data
TESTS += tests/unit/test_data
tests_unit_test_data_SOURCES = tests/unit/test_data.c tests/unit/tap.h
tests_unit_test_data_LDADD = core/libigtext.la $(JANSSON_LIBS)

check_PROGRAMS += tests/unit/test_store
TESTS += tests/unit/test_store
tests_unit_test_store_SOURCES = tests/unit/test_store.c tests/unit/tap.h
tests_unit_test_store_LDADD = $(IGT_UNIT_LDADD) $(SQLITE_LIBS)
tests_unit_test_store_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)

check_PROGRAMS += tests/unit/test_docwrite
TESTS += tests/unit/test_docwrite
tests_unit_test_docwrite_SOURCES = tests/unit/test_docwrite.c tests/unit/tap.h
tests_unit_test_docwrite_LDADD = $(IGT_UNIT_LDADD) -lm

check_PROGRAMS += tests/unit/test_resolve
TESTS += tests/unit/test_resolve
tests_unit_test_resolve_SOURCES = tests/unit/test_resolve.c tests/unit/tap.h
tests_unit_test_resolve_LDADD = $(IGT_UNIT_LDADD)
tests_unit_test_resolve_CFLAGS = $(AM_CFLAGS) $(YAML_CFLAGS)

check_PROGRAMS += tests/unit/test_stages
TESTS += tests/unit/test_stages
tests_unit_test_stages_SOURCES = tests/unit/test_stages.c tests/unit/tap.h
tests_unit_test_stages_LDADD = $(IGT_UNIT_LDADD)

check_PROGRAMS += tests/unit/test_ordered
TESTS += tests/unit/test_ordered
tests_unit_test_ordered_SOURCES = tests/unit/test_ordered.c tests/unit/tap.h
tests_unit_test_ordered_LDADD = $(IGT_UNIT_LDADD)
