# SPDX-License-Identifier: MIT
# Shell helpers for the end-to-end tests: TAP output, a private temporary
# folder per test, and running igtext with its output captured.
# Source it from a test: . "$top_srcdir/tests/lib/tap.sh"
set -u

: "${top_srcdir:?run through make check}"
: "${IGTEXT:?run through make check}"

tap_n=0
tap_failed=0
T=$(mktemp -d "${TMPDIR:-/tmp}/igtext-test.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT

tap_pass() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1"; }
tap_fail() {
	tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	shift
	for line in "$@"; do printf '#   %s\n' "$line"; done
}

# ok DESCRIPTION COMMAND...: passes when COMMAND succeeds.
ok() {
	desc=$1; shift
	if "$@"; then tap_pass "$desc"; else tap_fail "$desc" "command failed: $*"; fi
}

# is GOT EXPECTED DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then tap_pass "$3"
	else tap_fail "$3" "got:      '$1'" "expected: '$2'"; fi
}

# like FILE PATTERN DESCRIPTION: FILE holds a line matching grep -E PATTERN.
like() {
	if grep -Eq -- "$2" "$1"; then tap_pass "$3"
	else tap_fail "$3" "no line matching '$2' in:" "$(head -c 600 "$1")"; fi
}

# unlike FILE PATTERN DESCRIPTION
unlike() {
	if grep -Eq -- "$2" "$1"; then tap_fail "$3" "unexpected line matching '$2':" "$(grep -E -- "$2" "$1" | head -3)"
	else tap_pass "$3"; fi
}

# run ARGS...: run igtext; sets $status, $T/out and $T/err.
run() {
	"$IGTEXT" "$@" >"$T/out" 2>"$T/err" </dev/null
	status=$?
}

# run_in INPUT_FILE ARGS...: as run, with INPUT_FILE on standard input.
run_in() {
	input=$1; shift
	"$IGTEXT" "$@" <"$input" >"$T/out" 2>"$T/err"
	status=$?
}

# ends_within SECONDS PID DESCRIPTION: passes when process PID (a child,
# stopped with a signal) is gone within SECONDS; otherwise fails and kills
# it. The caller still waits for it, for its status.
ends_within() {
	ew_n=0
	while kill -0 "$2" 2> /dev/null && [ $ew_n -lt $(($1 * 10)) ]; do
		sleep 0.1
		ew_n=$((ew_n + 1))
	done
	if kill -0 "$2" 2> /dev/null; then
		tap_fail "$3" "still running"
		kill -KILL "$2"
	else
		tap_pass "$3"
	fi
}

# Fail loudly if the harness itself is broken (exit 99 = hard error).
need() { command -v "$1" >/dev/null 2>&1 || { echo "Bail out! $1 not found"; exit 99; }; }

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# expected_format FILE: the format plugin that should read a bundled
# example record, from its name (configs/examples/<format>-….txt).
expected_format() {
	case $(basename "$1") in
	igf-report-*) echo igf-report ;;
	captions-*) echo captions ;;
	pipermail-*) echo pipermail ;;
	forum-highlights-*) echo highlights ;;
	article-*) echo article ;;
	*) echo plain ;;
	esac
}

# expected_docs FILE: how many documents a bundled example record holds:
# three for an IGF report form (session description, long report, short
# report), one for every other example.
expected_docs() {
	case $(basename "$1") in
	igf-report-form-*) echo 3 ;;
	*) echo 1 ;;
	esac
}

# docs_alone FILE: how many documents 'igtext parse FILE' writes for FILE
# alone, to compare with a run over several inputs.
docs_alone() {
	"$IGTEXT" parse "$1" < /dev/null 2> /dev/null | wc -l | tr -d ' '
}

# paths_alone FILE...: each FILE followed by a space, once per document
# 'igtext parse FILE' writes for it alone: the source.path sequence a run
# over FILE... should give, documents following the order of the inputs.
paths_alone() {
	for pa_f in "$@"; do
		pa_n=$(docs_alone "$pa_f")
		while [ "$pa_n" -gt 0 ]; do printf '%s ' "$pa_f"; pa_n=$((pa_n - 1)); done
	done
}
