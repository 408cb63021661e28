#!/bin/sh
# SPDX-License-Identifier: MIT
# A 50 MB input that is one single line with no line end (generated here,
# never committed): parsed into one paragraph of exactly that text and
# span, with peak memory kept reasonable (checked with /usr/bin/time where
# it exists); the same compressed with gzip and on standard input.
. "$top_srcdir/tests/lib/tap.sh"
need python3
need gzip

size=50000000
limit_kb=600000
python3 -c '
import sys
with open(sys.argv[1], "wb") as f:
    f.write(b"Internet governance " * (int(sys.argv[2]) // 20))' "$T/big.txt" "$size"
is "$(wc -c < "$T/big.txt" | tr -d ' ')" "$size" "the generated input is $size bytes"

# check FILE: one document, one paragraph holding exactly the input's text
# (the trailing space trimmed), with its span.
check() {
	python3 -c '
import json, sys
size = int(sys.argv[2])
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert len(lines) == 1, "%d documents" % len(lines)
d = json.loads(lines[0])
segs = d["segments"]
assert len(segs) == 1, "%d segments" % len(segs)
t = segs[0]["text"]
want = ("Internet governance " * (size // 20)).rstrip(" ")
assert len(t) == len(want), "text of %d characters, expected %d" % (len(t), len(want))
assert t == want, "the text differs"
assert segs[0]["span"] == [0, len(want)], "span %r" % (segs[0]["span"],)
assert d["source"]["length"] == size, "source.length %r" % d["source"]["length"]
print("ok")' "$1" "$size"
}

if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o "$T/mem" true 2> /dev/null; then
	/usr/bin/time -f %M -o "$T/mem" "$IGTEXT" parse "$T/big.txt" > "$T/out" 2> "$T/err"
	status=$?
	mem=$(tail -n 1 "$T/mem")
	is "$status" 0 "50 MB line: exit 0"
	ok "50 MB line: peak memory ${mem} KB stays under $limit_kb KB" test "$mem" -lt "$limit_kb"
else
	run parse "$T/big.txt"
	is "$status" 0 "50 MB line: exit 0"
	tap_pass "# SKIP no GNU /usr/bin/time to measure memory"
fi
is "$(check "$T/out" 2>&1)" ok "50 MB line: one paragraph, exact text, length and span"
ok "50 MB line: nothing on stderr" test ! -s "$T/err"

gzip -1 -c < "$T/big.txt" > "$T/big.txt.gz"
run parse "$T/big.txt.gz"
is "$status" 0 "50 MB line, gzip-compressed: exit 0"
is "$(check "$T/out" 2>&1)" ok "50 MB line, gzip-compressed: the same paragraph"
rm -f "$T/big.txt.gz"

run_in "$T/big.txt" parse -
is "$status" 0 "50 MB line on standard input: exit 0"
is "$(check "$T/out" 2>&1)" ok "50 MB line on standard input: the same paragraph"

done_testing
