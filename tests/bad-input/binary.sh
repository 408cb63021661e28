#!/bin/sh
# SPDX-License-Identifier: MIT
# Binary input (tests/bad-input/binary.dat: an ELF-like header and random
# bytes with NULs): not recognised by detection (exit 65, named), refused
# when a format is forced, refused when the NUL bytes come only after a
# text beginning that passes detection; the other inputs of the run are
# still processed.
. "$top_srcdir/tests/lib/tap.sh"
need python3

bad="$top_srcdir/tests/bad-input"
good="$top_srcdir/configs/examples/igf-report-form-2018-of20.txt"
ngood=$(docs_alone "$good")

is "$ngood" "$(expected_docs "$good")" "the good input alone gives its documents"
run parse "$bad/binary.dat" "$good"
is "$status" 65 "binary file: exit 65"
like "$T/err" "$bad/binary.dat: .*no format plugin recognises" "binary file: named, not recognised"
is "$(wc -l < "$T/out" | tr -d ' ')" "$ngood" "binary file: the good input is still parsed"
is "$(grep -c "\"path\":\"$good\"" "$T/out")" "$ngood" "binary file: every document is the good input's"

run parse --format plain "$bad/binary.dat" "$good"
is "$status" 65 "binary file forced to plain: exit 65"
like "$T/err" "$bad/binary.dat:[0-9]+: .*(binary|NUL)" "binary file forced to plain: named with a line, says binary"
is "$(wc -l < "$T/out" | tr -d ' ')" 1 "binary file forced to plain: the good input is still parsed"

run_in "$bad/binary.dat" parse -
is "$status" 65 "binary standard input: exit 65"
like "$T/err" "<stdin>: .*no format plugin recognises" "binary standard input: named <stdin>"
ok "binary standard input: nothing on stdout" test ! -s "$T/out"

# Text for the first 8 KiB (past what detection looks at), then a NUL on
# line 201.
python3 -c '
import sys
with open(sys.argv[1], "wb") as f:
    for i in range(200):
        f.write(b"line %03d of a record that looks like text at first\n" % i)
    f.write(b"then \x00\x01\x02 binary\n")
    f.write(b"and text again\n")' "$T/late-nul.txt"
run parse "$T/late-nul.txt" "$good"
is "$status" 65 "NUL after a text beginning: exit 65"
like "$T/err" "$T/late-nul.txt:201: .*(binary|NUL)" "NUL after a text beginning: named, at line 201"
is "$(wc -l < "$T/out" | tr -d ' ')" "$ngood" "NUL after a text beginning: no document from it, the good one still parsed"

run detect "$bad/binary.dat"
is "$status" 65 "detect on a binary file: exit 65"
like "$T/out" "^$bad/binary.dat	-	0\$" "detect on a binary file: '-' and 0"

# Through a job: a folder holding a binary file among text ones.
mkdir -p "$T/in"
cp "$bad/binary.dat" "$T/in/b.dat"
cp "$good" "$T/in/a.txt"
cp "$top_srcdir/configs/examples/captions-igf2020-ws81.txt" "$T/in/c.txt"
cat > "$T/job.yaml" <<'YAML'
job: binary
inputs:
  - path: in
outputs:
  - jsonl: { path: out.jsonl }
YAML
run run "$T/job.yaml"
is "$status" 65 "a job with a binary input: exit 65"
like "$T/err" "$T/in/b.dat: .*no format plugin recognises" "the job names the binary file"
ntext=$(($(docs_alone "$T/in/a.txt") + $(docs_alone "$T/in/c.txt")))
like "$T/err" "3 inputs read, 1 bad; $ntext documents" "the summary counts it as bad"
is "$(wc -l < "$T/out.jsonl" | tr -d ' ')" "$ntext" "the job still writes the documents of the two text files"

cat > "$T/forced.yaml" <<'YAML'
job: binary-forced
inputs:
  - path: in
    format: plain
outputs:
  - jsonl: { path: forced.jsonl }
YAML
run run "$T/forced.yaml"
is "$status" 65 "a job forcing plain on a binary input: exit 65"
like "$T/err" "$T/in/b.dat:[0-9]+: .*(binary|NUL)" "the binary file is named with a line"
is "$(wc -l < "$T/forced.jsonl" | tr -d ' ')" 2 "the text documents are still written"

done_testing
