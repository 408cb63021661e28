# tests/cli: see tests/local.mk. End-to-end tests of the igtext command
# line, one script per command plus cross-cutting ones; their inputs are
# the bundled example records and files they make in their own folder.
igt_cli_tests = \
	tests/cli/global.sh \
	tests/cli/parse.sh \
	tests/cli/detect.sh \
	tests/cli/plugins.sh \
	tests/cli/check.sh \
	tests/cli/run.sh \
	tests/cli/quickstart.sh \
	tests/cli/plugin-path.sh \
	tests/cli/signals.sh \
	tests/cli/sigpipe.sh \
	tests/cli/special-files.sh \
	tests/cli/wide-text.sh \
	tests/cli/compressed.sh \
	tests/cli/analysis-job.sh
TESTS += $(igt_cli_tests)
dist_check_SCRIPTS += $(igt_cli_tests)
