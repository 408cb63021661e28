#!/bin/sh
# SPDX-License-Identifier: MIT
# A missing file among good ones: the good ones are still parsed, in order;
# the missing one is named with the reason; exit 65. The same for a
# dangling symbolic link, for detect, and for a missing input in a job
# (named with the job's FILE:LINE:COL).
. "$top_srcdir/tests/lib/tap.sh"

ex="$top_srcdir/configs/examples"
a="$ex/article-cyberspace-rules-2016.txt"
b="$ex/pipermail-ccwg-ig-2018-03-24.txt"

run parse "$a" "$T/no-such-file.txt" "$b"
is "$status" 65 "a missing file among good ones: exit 65"
like "$T/err" "$T/no-such-file.txt: No such file or directory" "the missing file is named, with the reason"
is "$(wc -l < "$T/out" | tr -d ' ')" 2 "both good files are still parsed"
is "$(sed -n 's/.*"source":{"path":"\([^"]*\)".*/\1/p' "$T/out" | tr '\n' ' ')" "$a $b " \
	"the good documents come in order"

run parse -q "$T/no-such-file.txt" "$a"
is "$status" 65 "with -q: exit 65"
like "$T/err" "no-such-file.txt" "with -q the error is still printed"

run parse "$T/one-missing.txt" "$T/two-missing.txt"
is "$status" 65 "only missing files: exit 65"
like "$T/err" "one-missing.txt" "the first is named"
like "$T/err" "two-missing.txt" "the second is named"
ok "only missing files: nothing on stdout" test ! -s "$T/out"

ln -s "$T/nowhere.txt" "$T/dangling.txt"
run parse "$T/dangling.txt" "$a"
is "$status" 65 "a dangling symbolic link: exit 65"
like "$T/err" "$T/dangling.txt" "a dangling symbolic link is named"
is "$(wc -l < "$T/out" | tr -d ' ')" 1 "the good file is still parsed"

run detect "$a" "$T/no-such-file.txt"
is "$status" 65 "detect with a missing file: exit 65"
like "$T/err" "no-such-file.txt" "detect names the missing file"
is "$(wc -l < "$T/out" | tr -d ' ')" 1 "detect still reports the good file"

mkdir -p "$T/job/in"
cp "$a" "$b" "$T/job/in/"
cat > "$T/job/job.yaml" <<'YAML'
job: missing
inputs:
  - path: in/article-cyberspace-rules-2016.txt
  - path: in/gone.txt
  - path: in/pipermail-ccwg-ig-2018-03-24.txt
outputs:
  - jsonl: { path: out.jsonl }
YAML
run run "$T/job/job.yaml"
is "$status" 65 "a job with a missing input: exit 65"
like "$T/err" "$T/job/job.yaml:4:11: .*gone.txt" "the missing input is named with the job's FILE:LINE:COL"
is "$(wc -l < "$T/job/out.jsonl" | tr -d ' ')" 2 "the job still writes the two good documents"

done_testing
