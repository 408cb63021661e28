# Golden tests of the format plugins and their compare tool.
check_PROGRAMS += tests/golden/json_eq
tests_golden_json_eq_SOURCES = tests/golden/json_eq.c
tests_golden_json_eq_LDADD = $(JANSSON_LIBS)
TESTS += tests/golden/golden.sh
dist_check_SCRIPTS += tests/golden/golden.sh
