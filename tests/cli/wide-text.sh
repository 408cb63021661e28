#!/bin/sh
# SPDX-License-Identifier: MIT
# Text in UTF-16 or UTF-32 (as some editors on Windows save it) is refused
# with a message that names the encoding and how to convert it, whatever
# the format: not called binary data for its NUL bytes.
. "$top_srcdir/tests/lib/tap.sh"

printf '\377\376I\000G\000F\000\n\000' > "$T/utf16le.txt"
printf '\376\377\000I\000G\000F\000\n' > "$T/utf16be.txt"
printf '\377\376\000\000I\000\000\000\n\000\000\000' > "$T/utf32le.txt"

for f in utf16le utf16be; do
	run parse "$T/$f.txt"
	is "$status" 65 "$f: exit 65"
	like "$T/err" "$f.txt: UTF-16 text" "$f: the message names the encoding"
	like "$T/err" "iconv -f UTF-16 -t UTF-8" "$f: and how to convert it"
done
run parse --format plain "$T/utf16le.txt"
is "$status" 65 "a forced format: the same"
like "$T/err" "UTF-16 text" "  the same message, not 'binary data'"
run parse "$T/utf32le.txt"
like "$T/err" "utf32le.txt: UTF-32 text" "UTF-32 is named as such"

# Text in UTF-8 that begins with the letters ÿþ is no byte order mark.
printf '\303\277\303\276 text\n' > "$T/letters.txt"
run parse --format plain "$T/letters.txt"
is "$status" 0 "UTF-8 that begins with ÿþ is read"

done_testing
