#!/bin/sh
# SPDX-License-Identifier: MIT
# Empty and whitespace-only inputs: each is bad input (exit 65), named on
# stderr with the reason, produces no document, and does not stop the
# other inputs of the same run (parse, run, standard input, detect).
. "$top_srcdir/tests/lib/tap.sh"

bad="$top_srcdir/tests/bad-input"
good="$top_srcdir/configs/examples/forum-highlights-shanghai-2017.txt"

run parse "$bad/empty.txt" "$good"
is "$status" 65 "empty file: exit 65"
like "$T/err" "$bad/empty.txt: .*empty" "empty file: named, and called empty"
is "$(wc -l < "$T/out" | tr -d ' ')" 1 "empty file: the good input is still parsed"
like "$T/out" "\"path\":\"$good\"" "empty file: the document is the good input's"

run parse "$good" "$bad/empty.txt"
is "$status" 65 "empty file last: exit 65"
is "$(wc -l < "$T/out" | tr -d ' ')" 1 "empty file last: the good input before it is kept"

run_in "$bad/empty.txt" parse -
is "$status" 65 "empty standard input: exit 65"
like "$T/err" "<stdin>: .*empty" "empty standard input: named <stdin>, called empty"
ok "empty standard input: nothing on stdout" test ! -s "$T/out"

run parse -q "$bad/empty.txt"
is "$status" 65 "empty file with -q: exit 65"
like "$T/err" "empty.txt" "empty file with -q: the error is still shown"

run detect "$bad/empty.txt"
is "$status" 65 "detect on an empty file: exit 65"
like "$T/err" "$bad/empty.txt: .*empty" "detect on an empty file: named, called empty"

run parse "$bad/whitespace-only.txt" "$good"
is "$status" 65 "whitespace-only file: exit 65"
like "$T/err" "$bad/whitespace-only.txt(:[0-9]+)?: .*white space" "whitespace-only file: named, says white space"
is "$(wc -l < "$T/out" | tr -d ' ')" 1 "whitespace-only file: the good input is still parsed"
like "$T/out" "\"path\":\"$good\"" "whitespace-only file: no document of its own"

run_in "$bad/whitespace-only.txt" parse
is "$status" 65 "whitespace-only standard input: exit 65"
ok "whitespace-only standard input: nothing on stdout" test ! -s "$T/out"

# The same through a job.
mkdir -p "$T/in"
cp "$bad/empty.txt" "$bad/whitespace-only.txt" "$good" "$T/in/"
cat > "$T/job.yaml" <<'YAML'
job: empties
inputs:
  - path: in
outputs:
  - jsonl: { path: out.jsonl }
YAML
run run "$T/job.yaml"
is "$status" 65 "a job with empty inputs: exit 65"
like "$T/err" "$T/in/empty.txt: .*empty" "the job names the empty file"
like "$T/err" "$T/in/whitespace-only.txt(:[0-9]+)?: .*white space" "the job names the whitespace-only file"
like "$T/err" "3 inputs read, 2 bad; 1 document" "the summary counts both as bad"
is "$(wc -l < "$T/out.jsonl" | tr -d ' ')" 1 "the job still writes the good document"

done_testing
