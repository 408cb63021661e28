#!/bin/sh
# SPDX-License-Identifier: MIT
# Broken job files (tests/bad-input/jobs/broken-*.yaml): a YAML syntax
# error, tab indentation, a repeated key, a "billion laughs" alias bomb, a
# recursive alias, a binary (gzip-compressed) job, an empty job, a
# comments-only job, a top-level list and scalar, Latin-1 bytes, two YAML
# documents, absurd nesting. 'check' and 'run' both exit 78 with a
# FILE:LINE:COL: message at the right line, promptly, and write nothing.
. "$top_srcdir/tests/lib/tap.sh"

jobs="$top_srcdir/tests/bad-input/jobs"

# igt ARGS...: as run, but give up after 30 s where timeout(1) exists, so a
# job that makes igtext loop or expand forever fails instead of hanging.
igt() {
	if command -v timeout > /dev/null 2>&1; then
		timeout 30 "$IGTEXT" "$@" > "$T/out" 2> "$T/err" < /dev/null
	else
		"$IGTEXT" "$@" > "$T/out" 2> "$T/err" < /dev/null
	fi
	status=$?
}

# expect NAME LINE REGEX: check and run of jobs/NAME exit 78 with
# "FILE:LINE:COL: " then REGEX on stderr (LINE '*': any line) and print
# nothing on stdout.
expect() {
	name=$1 at=$2 re=$3
	file="$jobs/$name"
	[ "$at" = '*' ] && at='[0-9]+'
	for verb in check run; do
		igt "$verb" "$file"
		is "$status" 78 "$name: $verb exits 78"
		like "$T/err" "^$file:$at:[0-9]+: .*$re" "$name: $verb says FILE:LINE:COL: at line $2 ($re)"
		ok "$name: $verb prints nothing on stdout" test ! -s "$T/out"
	done
}

expect broken-syntax.yaml 5 'YAML syntax error'
expect broken-tab.yaml 4 'YAML syntax error'
expect broken-duplicate.yaml 7 "'outputs' appears twice \\(first at line 5\\)"
expect broken-alias-recursive.yaml 5 "alias '\\*inputs'"
expect broken-empty.yaml 1 'empty'
expect broken-comments-only.yaml 1 'empty'
expect broken-list.yaml 2 'got a list'
expect broken-scalar.yaml 2 'got a scalar'
expect broken-two-documents.yaml 7 'one YAML document'
expect broken-deep.yaml 3 'nested deeper'
# The offending byte is on line 4; a message at 1:1 sends the reader to
# the wrong place.
expect broken-latin1.yaml 4 'UTF-8'
# A gzip-compressed job: binary, with NUL bytes.
expect broken-binary.yaml '*' '(NUL|binary|not a YAML text)'

# The alias bomb: refused, promptly, at a line that holds aliases.
expect broken-alias-bomb.yaml '*' 'alias'
line=$(sed -n "s|^$jobs/broken-alias-bomb.yaml:\\([0-9]*\\):.*|\\1|p" "$T/err" | head -n 1)
ok "broken-alias-bomb.yaml: the line named ($line) holds aliases" \
	sh -c "sed -n '${line:-0}p' '$jobs/broken-alias-bomb.yaml' | grep -q '\\*'"

# A wrong job writes nothing: not even where its outputs would go.
ok "no file was written next to the job files" \
	test -z "$(find "$jobs" -newer "$T" -print 2>/dev/null)"

done_testing
