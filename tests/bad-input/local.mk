# tests/bad-input: see tests/local.mk. Bad inputs and broken job files:
# each must give a clear error naming the file (and the place), the right
# exit status, and leave the other inputs of the run processed.
igt_bad_input_tests = \
	tests/bad-input/empty.sh \
	tests/bad-input/binary.sh \
	tests/bad-input/encoding.sh \
	tests/bad-input/big-line.sh \
	tests/bad-input/missing.sh \
	tests/bad-input/gzip.sh \
	tests/bad-input/jobs.sh
TESTS += $(igt_bad_input_tests)
dist_check_SCRIPTS += $(igt_bad_input_tests)
EXTRA_DIST += \
	tests/bad-input/binary.dat \
	tests/bad-input/bom.txt \
	tests/bad-input/crlf-no-eol.txt \
	tests/bad-input/empty.txt \
	tests/bad-input/latin1.txt \
	tests/bad-input/whitespace-only.txt \
	tests/bad-input/jobs/broken-alias-bomb.yaml \
	tests/bad-input/jobs/broken-alias-recursive.yaml \
	tests/bad-input/jobs/broken-binary.yaml \
	tests/bad-input/jobs/broken-comments-only.yaml \
	tests/bad-input/jobs/broken-deep.yaml \
	tests/bad-input/jobs/broken-duplicate.yaml \
	tests/bad-input/jobs/broken-empty.yaml \
	tests/bad-input/jobs/broken-latin1.yaml \
	tests/bad-input/jobs/broken-list.yaml \
	tests/bad-input/jobs/broken-scalar.yaml \
	tests/bad-input/jobs/broken-syntax.yaml \
	tests/bad-input/jobs/broken-tab.yaml \
	tests/bad-input/jobs/broken-two-documents.yaml
