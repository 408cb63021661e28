#!/bin/sh
# SPDX-License-Identifier: MIT
# igtext run: the example job writes a complete, valid JSON Lines file with
# a summary on stderr (nothing at all with -q); a re-run gives the same
# file; paths are relative to the job file whatever the working folder; an
# output that cannot be written exits 74 and leaves a previous output file
# untouched; output to standard output with path "-"; a missing input
# exits 65 naming the job's line while the others are still imported.
. "$top_srcdir/tests/lib/tap.sh"
need python3

keys='id format kind title date date_text event language source fields people segments annotations metrics'
check_docs() {
	python3 -c '
import json, sys
n = 0
with open(sys.argv[1], "rb") as f:
    for raw in f:
        d = json.loads(raw.decode("utf-8"))
        missing = [k for k in sys.argv[2].split() if k not in d]
        assert not missing, "document %d lacks %s" % (n + 1, missing)
        n += 1
print(n)' "$1" "$keys"
}
docs() {
	python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    print(eval(sys.argv[2]))' "$1" "$2"
}

mkdir -p "$T/job/configs" "$T/elsewhere"
# The example job as it was before the store: every example, detected,
# written as JSON Lines (configs/example.yaml now writes the store).
cat > "$T/job/configs/example.yaml" <<'YAML'
job: example
inputs:
  - path: examples/*.txt
    format: auto
outputs:
  - jsonl: { path: ../var/example.jsonl }
YAML
cp -R "$top_srcdir/configs/examples" "$T/job/configs/"
chmod -R u+w "$T/job" # the source tree is read-only under distcheck
# $n inputs; $ndocs documents, what the examples give each alone.
n=0
ndocs=0
for f in "$T/job/configs/examples"/*.txt; do
	n=$((n + 1))
	ndocs=$((ndocs + $(docs_alone "$f")))
done
job="$T/job/configs/example.yaml"
out="$T/job/var/example.jsonl"

cd "$T/job/configs" || exit 99
ok "each example alone gives at least one document" test "$ndocs" -ge "$n"
run run example.yaml
is "$status" 0 "the example job: exit 0"
like "$T/err" "job 'example': $n inputs read, 0 bad; $ndocs documents" "the summary on stderr counts inputs and documents"
ok "nothing on stdout" test ! -s "$T/out"
ok "the output file exists (its folder was created)" test -f "$out"
is "$(check_docs "$out" 2>&1)" "$ndocs" "the output holds every example's valid documents"
is "$(tail -c 1 "$out" | od -An -tx1 | tr -d ' ')" 0a "the output file ends with a line end"
is "$(docs "$out" 'd["source"]["path"]' | sed 's|.*/||' | tr '\n' ' ')" \
	"$(cd examples && paths_alone $(LC_ALL=C ls *.txt))" "every example is in the output, in order"
ok "no temporary file is left behind" sh -c "! ls -a '$T/job/var' | grep -q tmp"
cp "$out" "$T/first.jsonl"

run run example.yaml
is "$status" 0 "a re-run: exit 0"
ok "a re-run writes the same file (same ids)" cmp -s "$out" "$T/first.jsonl"

run -q run example.yaml
is "$status" 0 "-q run: exit 0"
ok "-q run: nothing on stderr" test ! -s "$T/err"
ok "-q run: nothing on stdout" test ! -s "$T/out"
run run -q example.yaml
is "$status" 0 "run -q: exit 0"
ok "run -q: nothing on stderr or stdout" test ! -s "$T/err" -a ! -s "$T/out"
ok "run -q: the output is still complete" cmp -s "$out" "$T/first.jsonl"

# Relative paths are relative to the job file, not the working folder.
rm -rf "$T/job/var"
cd "$T/elsewhere" || exit 99
run run ../job/configs/example.yaml
is "$status" 0 "run from another folder: exit 0"
ok "run from another folder: the output lands beside the job" test -f "$out"
ok "run from another folder: nothing is written in the working folder" \
	test -z "$(ls -A "$T/elsewhere")"
is "$(check_docs "$out" 2>&1)" "$ndocs" "run from another folder: every document"
docs "$out" 'd["id"]' > "$T/ids-b"
docs "$T/first.jsonl" 'd["id"]' > "$T/ids-a"
ok "run from another folder: the same ids" cmp -s "$T/ids-a" "$T/ids-b"
cd / || exit 99
run run "$job"
is "$status" 0 "run by absolute path from /: exit 0"
is "$(check_docs "$out" 2>&1)" "$ndocs" "run by absolute path: every document"
cd "$T" || exit 99

# job NAME: write $T/NAME.yaml from standard input.
job() { cat > "$T/$1.yaml"; }

# Output to standard output.
job stdout <<'YAML'
job: to-stdout
inputs:
  - path: job/configs/examples/*.txt
outputs:
  - jsonl: { path: "-" }
YAML
run run "$T/stdout.yaml"
is "$status" 0 "path \"-\": exit 0"
is "$(check_docs "$T/out" 2>&1)" "$ndocs" "path \"-\": every document on stdout"
unlike "$T/out" "job 'to-stdout'" "path \"-\": the summary is not on stdout"
like "$T/err" "job 'to-stdout': $n inputs read" "path \"-\": the summary is on stderr"
docs "$T/out" 'd["id"]' > "$T/ids-c"
ok "path \"-\": the same ids as the file output" cmp -s "$T/ids-a" "$T/ids-c"
run -q run "$T/stdout.yaml"
is "$(check_docs "$T/out" 2>&1)" "$ndocs" "-q with path \"-\": documents still on stdout"
ok "-q with path \"-\": nothing on stderr" test ! -s "$T/err"

# An output that cannot be created: its parent is a regular file.
: > "$T/plainfile"
job unwritable <<'YAML'
job: unwritable
inputs:
  - path: job/configs/examples/*.txt
outputs:
  - jsonl: { path: plainfile/out.jsonl }
YAML
run run "$T/unwritable.yaml"
is "$status" 74 "an output under a regular file: exit 74"
like "$T/err" "plainfile/out.jsonl" "an output under a regular file: the path is named"
like "$T/err" "Not a directory|not a directory|cannot create" "an output under a regular file: the reason is given"
ok "an output under a regular file: the file is untouched" test ! -s "$T/plainfile"

# When the run fails, an existing output file is left as it was (and no
# temporary file remains beside it).
printf 'previous contents\n' > "$T/keep.jsonl"
cp "$T/keep.jsonl" "$T/keep.orig"
job two-outputs <<'YAML'
job: two-outputs
inputs:
  - path: job/configs/examples/*.txt
outputs:
  - jsonl: { path: keep.jsonl }
  - jsonl: { path: plainfile/out.jsonl }
YAML
run run "$T/two-outputs.yaml"
is "$status" 74 "a failing second output: exit 74"
ok "a failing run leaves the previous output file untouched" cmp -s "$T/keep.jsonl" "$T/keep.orig"
ok "a failing run leaves no temporary file" sh -c "! ls -a '$T' | grep -q 'keep.jsonl.tmp'"

# The output path is a folder: the new file cannot be put in place.
mkdir -p "$T/adir/inside"
job into-dir <<'YAML'
job: into-dir
inputs:
  - path: job/configs/examples/*.txt
outputs:
  - jsonl: { path: adir }
YAML
run run "$T/into-dir.yaml"
is "$status" 74 "an output path that is a folder: exit 74"
like "$T/err" "adir" "an output path that is a folder: named"
ok "an output path that is a folder: the folder is untouched" test -d "$T/adir/inside"
ok "an output path that is a folder: no temporary file left" sh -c "! ls -a '$T' | grep -q 'adir.tmp'"

# Standard output that cannot be written.
if [ -w /dev/full ]; then
	"$IGTEXT" run "$T/stdout.yaml" > /dev/full 2> "$T/err"
	is "$?" 74 "stdout on a full device: exit 74"
	like "$T/err" "standard output" "stdout on a full device: says so"
else
	tap_pass "# SKIP no /dev/full"
	tap_pass "# SKIP no /dev/full"
fi

# A missing input: the rest is imported, the job's line is named, exit 65.
job missing <<'YAML'
job: missing
inputs:
  - path: job/configs/examples/forum-highlights-shanghai-2017.txt
  - path: job/configs/examples/no-such-record.txt
  - path: job/configs/examples/captions-igf2020-ws81.txt
outputs:
  - jsonl: { path: missing.jsonl }
YAML
run run "$T/missing.yaml"
is "$status" 65 "a missing input: exit 65"
like "$T/err" "$T/missing.yaml:4:11: .*no-such-record.txt" "a missing input: named with the job's FILE:LINE:COL"
is "$(check_docs "$T/missing.jsonl" 2>&1)" 2 "a missing input: the other inputs are imported"
like "$T/err" "2 inputs read, 1 bad; 2 documents" "a missing input: the summary counts it as bad"
run -q run "$T/missing.yaml"
is "$status" 65 "-q with a missing input: exit 65"
like "$T/err" "no-such-record.txt" "-q with a missing input: the error is still printed"

# An input named by two entries is read once.
job twice <<'YAML'
job: twice
inputs:
  - path: job/configs/examples/*.txt
  - path: job/configs/examples/captions-igf2020-ws81.txt
outputs:
  - jsonl: { path: "-" }
YAML
run run "$T/twice.yaml"
is "$status" 0 "an input named twice: exit 0"
is "$(check_docs "$T/out" 2>&1)" "$ndocs" "an input named twice is imported once"

# Usage.
run run "$T/no-such-job.yaml"
is "$status" 66 "a missing job file: exit 66"
like "$T/err" "no-such-job.yaml" "a missing job file is named"
run run
is "$status" 64 "run without a job: exit 64"
run run "$job" "$job"
is "$status" 64 "run with two jobs: exit 64"

done_testing
