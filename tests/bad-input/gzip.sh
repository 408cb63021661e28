#!/bin/sh
# SPDX-License-Identifier: MIT
# Damaged gzip input (made here from an example record): truncated in the
# middle and after the header (exit 65, "truncated", file named), corrupt
# data and a bad checksum (exit 65, named), an empty compressed file (65,
# "empty"); the other inputs of the same run are still processed, in
# parse and in a job.
. "$top_srcdir/tests/lib/tap.sh"
need gzip
need python3

rec="$top_srcdir/configs/examples/captions-igf2020-ws81.txt"
good="$top_srcdir/configs/examples/forum-highlights-shanghai-2017.txt"

gzip -n -c < "$rec" > "$T/full.txt.gz"
full=$(wc -c < "$T/full.txt.gz" | tr -d ' ')
ok "the compressed record is big enough to cut ($full bytes)" test "$full" -gt 4000
head -c $((full / 2)) "$T/full.txt.gz" > "$T/truncated.txt.gz"
head -c 10 "$T/full.txt.gz" > "$T/header-only.txt.gz"
python3 -c '
import sys
d = bytearray(open(sys.argv[1], "rb").read())
c = bytearray(d); c[len(c) // 3] ^= 0xff; c[len(c) // 3 + 1] ^= 0x55
open(sys.argv[2], "wb").write(bytes(c))
k = bytearray(d); k[-6] ^= 0xff   # inside the CRC-32 of the trailer
open(sys.argv[3], "wb").write(bytes(k))' "$T/full.txt.gz" "$T/corrupt.txt.gz" "$T/badcrc.txt.gz"
gzip -n -c < /dev/null > "$T/empty.txt.gz"

run parse "$T/full.txt.gz"
is "$status" 0 "the intact compressed record parses (exit 0)"

run parse "$T/truncated.txt.gz" "$good"
is "$status" 65 "truncated gzip: exit 65"
like "$T/err" "$T/truncated.txt.gz: .*truncated" "truncated gzip: named, says truncated"
like "$T/out" "\"path\":\"$good\"" "truncated gzip: the good input is still parsed"

run parse "$good" "$T/truncated.txt.gz"
is "$status" 65 "truncated gzip last: exit 65"
like "$T/out" "\"path\":\"$good\"" "truncated gzip last: the good input before it is kept"

cp "$T/truncated.txt.gz" "$T/truncated-no-suffix.txt"
run parse "$T/truncated-no-suffix.txt"
is "$status" 65 "truncated gzip named without .gz: exit 65"
like "$T/err" "$T/truncated-no-suffix.txt: .*truncated" "truncated gzip named without .gz: named, says truncated"

run_in "$T/truncated.txt.gz" parse -
is "$status" 65 "truncated gzip on standard input: exit 65"
like "$T/err" "<stdin>: .*truncated" "truncated gzip on standard input: says truncated"

run parse "$T/header-only.txt.gz" "$good"
is "$status" 65 "gzip header only: exit 65"
like "$T/err" "$T/header-only.txt.gz: .*truncated" "gzip header only: named, says truncated"
like "$T/out" "\"path\":\"$good\"" "gzip header only: the good input is still parsed"

run parse "$T/corrupt.txt.gz" "$good"
is "$status" 65 "corrupt gzip: exit 65"
like "$T/err" "$T/corrupt.txt.gz: .*(corrupt|invalid)" "corrupt gzip: named, says corrupt"
unlike "$T/err" "<fd:[0-9]+>" "corrupt gzip: the message names the file, not a descriptor"
like "$T/out" "\"path\":\"$good\"" "corrupt gzip: the good input is still parsed"

run parse "$T/badcrc.txt.gz" "$good"
is "$status" 65 "gzip with a bad checksum: exit 65"
like "$T/err" "$T/badcrc.txt.gz: " "gzip with a bad checksum: named"
like "$T/out" "\"path\":\"$good\"" "gzip with a bad checksum: the good input is still parsed"

run parse "$T/empty.txt.gz" "$good"
is "$status" 65 "empty compressed file: exit 65"
like "$T/err" "$T/empty.txt.gz: .*empty" "empty compressed file: named, says empty"
is "$(wc -l < "$T/out" | tr -d ' ')" 1 "empty compressed file: only the good document"

run detect "$T/header-only.txt.gz" "$good"
is "$status" 65 "detect on a gzip header only: exit 65"
like "$T/err" "header-only.txt.gz" "detect names it"

# Through a job: every damaged file in one folder with a good one.
mkdir -p "$T/in"
cp "$T/truncated.txt.gz" "$T/corrupt.txt.gz" "$T/empty.txt.gz" "$T/in/"
cp "$good" "$T/in/good.txt"
cat > "$T/job.yaml" <<'YAML'
job: gzip
inputs:
  - path: in
outputs:
  - jsonl: { path: out.jsonl }
YAML
run run "$T/job.yaml"
is "$status" 65 "a job with damaged gzip inputs: exit 65"
like "$T/err" "$T/in/truncated.txt.gz: .*truncated" "the job names the truncated file"
like "$T/err" "$T/in/corrupt.txt.gz: " "the job names the corrupt file"
like "$T/err" "$T/in/empty.txt.gz: .*empty" "the job names the empty file"
like "$T/err" "4 inputs read, 3 bad" "the summary counts three bad inputs"
like "$T/out.jsonl" "\"path\":\"$T/in/good.txt\"" "the job still writes the good document"

done_testing
