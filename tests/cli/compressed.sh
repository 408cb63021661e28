#!/bin/sh
# SPDX-License-Identifier: MIT
# igtext parse on a pipermail monthly archive kept as bzip2 and as xz (made
# here with the bzip2 and xz commands): the same documents as the plain
# file, whatever the name (an xz file called .gz is read as xz), also as
# several streams one after another and on standard input; source.sha256
# is that of the file as stored. A truncated file keeps the messages before
# the cut and exits 65 naming the file and the compression; zstd is refused
# with a message saying how to read it.
. "$top_srcdir/tests/lib/tap.sh"
need bzip2
need xz
need sha256sum
need python3

rec="$top_srcdir/plugins/format/pipermail/tests/cases/twisted-python-2021-June.txt"

# The documents without what names the file (path and sha256), one a line.
docs() { sed -E 's/"path":"[^"]*"//; s/"sha256":"[0-9a-f]*"//' "$1"; }

run parse "$rec"
is "$status" 0 "the plain archive parses"
docs "$T/out" > "$T/plain"
is "$(wc -l < "$T/plain" | tr -d ' ')" 9 "the plain archive holds 9 messages"
# (On standard input a message without a Message-ID gets another id.)
run_in "$rec" parse -
docs "$T/out" > "$T/plain-stdin"

for c in bzip2 xz; do
	$c -c < "$rec" > "$T/2021-June.txt.$c"
	run parse "$T/2021-June.txt.$c"
	is "$status" 0 "$c: exit 0"
	docs "$T/out" > "$T/got"
	ok "$c: the same documents as the plain file" cmp -s "$T/plain" "$T/got"
	sum=$(sha256sum < "$T/2021-June.txt.$c" | cut -d' ' -f1)
	like "$T/out" "\"sha256\":\"$sum\"" "$c: source.sha256 is that of the compressed file"
	is "$(wc -c < "$T/err" | tr -d ' ')" 0 "$c: nothing on stderr"

	run_in "$T/2021-June.txt.$c" parse -
	docs "$T/out" > "$T/got"
	ok "$c on standard input: the same documents" cmp -s "$T/plain-stdin" "$T/got"

	# Three streams (as pbzip2 writes, or xz with several files):
	# messages 1-4, 5-7 and 8-9.
	head -n 100 "$rec" | $c -c > "$T/streams.$c"
	sed -n '101,284p' "$rec" | $c -c >> "$T/streams.$c"
	tail -n +285 "$rec" | $c -c >> "$T/streams.$c"
	run parse "$T/streams.$c"
	is "$status" 0 "$c, three streams: exit 0"
	docs "$T/out" > "$T/got"
	ok "$c, three streams: the same documents" cmp -s "$T/plain" "$T/got"

	# The third stream cut in half: the messages of the first two are
	# kept (the last of them marked incomplete: the text might have gone
	# on), and the error names the file and the compression.
	head -n 100 "$rec" | $c -c > "$T/cut.$c"
	sed -n '101,284p' "$rec" | $c -c >> "$T/cut.$c"
	tail -n +285 "$rec" | $c -c > "$T/third"
	head -c $(($(wc -c < "$T/third") / 2)) "$T/third" >> "$T/cut.$c"
	run parse "$T/cut.$c"
	is "$status" 65 "truncated $c: exit 65"
	like "$T/err" "$T/cut.$c: truncated $c data: the input ends after [0-9]+ bytes" \
		"truncated $c: the message names the file and the compression"
	docs "$T/out" | head -n 6 > "$T/got"
	head -n 6 "$T/plain" > "$T/want"
	ok "truncated $c: the six messages before the cut, as in the plain file" \
		cmp -s "$T/want" "$T/got"
	like "$T/out" '"incomplete":true' "truncated $c: the last message read says it is incomplete"
done

# The name does not decide: xz called .gz is read as xz.
cp "$T/2021-June.txt.xz" "$T/2021-June.txt.gz"
run parse "$T/2021-June.txt.gz"
is "$status" 0 "xz called .gz: exit 0"
docs "$T/out" > "$T/got"
ok "xz called .gz: the same documents" cmp -s "$T/plain" "$T/got"

# An xz file whose dictionary (set in its block header) is larger than
# any preset's would take that much memory per parsing thread: refused,
# saying how to read it. The header is patched to ask for 1 GiB, and its
# CRC32 made right again, so the file is sound.
python3 - "$T/2021-June.txt.xz" "$T/bigdict.xz" <<'PY'
import sys, zlib
x = bytearray(open(sys.argv[1], "rb").read())
at = 12                      # the block header, after the stream header
size = (x[at] + 1) * 4
flags, i = x[at + 1], at + 2
for bit in (0x40, 0x80):     # optional compressed and uncompressed sizes
    if flags & bit:
        while x[i] & 0x80:
            i += 1
        i += 1
assert x[i] == 0x21 and x[i + 1] == 1   # LZMA2, one byte of properties
x[i + 2] = 36                           # a dictionary of 1 GiB
x[at + size - 4:at + size] = zlib.crc32(bytes(x[at:at + size - 4])).to_bytes(4, "little")
open(sys.argv[2], "wb").write(x)
PY
xz -t "$T/bigdict.xz" 2> /dev/null
is "$?" 0 "xz with a 1 GiB dictionary: xz itself reads it"
run parse "$T/bigdict.xz" "$rec"
is "$status" 65 "xz with a 1 GiB dictionary: exit 65"
like "$T/err" "$T/bigdict.xz: xz data igtext does not read: its dictionary needs more memory than the 256 MiB" \
	"xz with a 1 GiB dictionary: the message names the file and why"
like "$T/err" "xz -d" "xz with a 1 GiB dictionary: and says how to read it"
is "$(wc -l < "$T/out" | tr -d ' ')" 9 "xz with a 1 GiB dictionary: the other input is read"

# zstd (its magic, then a frame header) is refused, saying how to read it;
# the other inputs of the run are read.
printf '\050\265\057\375\044\005\051\000\000hello' > "$T/2021-June.txt.zst"
run parse "$T/2021-June.txt.zst" "$rec"
is "$status" 65 "zstd: exit 65"
like "$T/err" "$T/2021-June.txt.zst: zstd-compressed data, which igtext does not read" \
	"zstd: the message names the file and the compression"
like "$T/err" "zstd -d" "zstd: and says how to read it"
is "$(wc -l < "$T/out" | tr -d ' ')" 9 "zstd: the other input is read"

done_testing
