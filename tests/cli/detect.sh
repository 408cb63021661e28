#!/bin/sh
# SPDX-License-Identifier: MIT
# igtext detect: FILE<TAB>FORMAT<TAB>SCORE per input; --all (a line per
# format plugin, best first); an unrecognised (binary), empty or missing
# file gives exit 65, '-' and 0, and is named on stderr while the other
# files are still reported; folders and globs; usage errors.
. "$top_srcdir/tests/lib/tap.sh"
need gzip

ex="$top_srcdir/configs/examples"
tab=$(printf '\t')

# fields_ok FILE: every line has three tab-separated fields, the last an
# integer score from 0 to 100.
fields_ok() {
	awk -F '\t' 'NF != 3 || $3 !~ /^[0-9]+$/ || $3 > 100 { bad = 1 } END { exit bad }' "$1"
}

n=0
for f in "$ex"/*.txt; do n=$((n + 1)); done

run detect "$ex"/*.txt
is "$status" 0 "detect on the examples: exit 0"
is "$(wc -l < "$T/out" | tr -d ' ')" "$n" "one line per input"
ok "each line is FILE<TAB>FORMAT<TAB>SCORE" fields_ok "$T/out"
is "$(cut -f 1 "$T/out" | tr '\n' ' ')" "$(printf '%s ' "$ex"/*.txt)" \
	"the FILE column names the inputs in order"
for f in "$ex"/*.txt; do
	want=$(expected_format "$f")
	like "$T/out" "^$f${tab}$want${tab}([1-9][0-9]*)\$" "$(basename "$f") is detected as $want"
done

formats=$("$IGTEXT" plugins | awk -F '\t' '$2 == "format"' | wc -l | tr -d ' ')
rec="$ex/captions-igf2020-ws81.txt"
recfmt=$(expected_format "$rec")
run detect --all "$rec"
is "$status" 0 "--all: exit 0"
is "$(wc -l < "$T/out" | tr -d ' ')" "$formats" "--all: one line per format plugin"
ok "--all: each line is FILE<TAB>FORMAT<TAB>SCORE" fields_ok "$T/out"
ok "--all: best first" sh -c "cut -f 3 '$T/out' | sort -s -n -r -c"
head -n 1 "$T/out" > "$T/best"
run detect "$rec"
ok "--all's first line is what detect chooses" cmp -s "$T/best" "$T/out"
run detect -a "$ex"/*.txt
is "$(wc -l < "$T/out" | tr -d ' ')" "$((n * formats))" "-a on several files: a line per file and format"

# An unrecognised (binary) file.
printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\003\000>\000' > "$T/blob.bin"
i=0
while [ $i -lt 40 ]; do printf '\000\001\002\003\004\005\006\007\377\376' >> "$T/blob.bin"; i=$((i + 1)); done
run detect "$T/blob.bin"
is "$status" 65 "a binary file: exit 65"
is "$(cat "$T/out")" "$T/blob.bin${tab}-${tab}0" "a binary file: '-' and score 0"
like "$T/err" "$T/blob.bin: no format plugin recognises" "a binary file is named on stderr"

run detect "$T/blob.bin" "$rec"
is "$status" 65 "binary and a good file: exit 65"
like "$T/out" "^$rec${tab}$recfmt${tab}[1-9]" "the good file is still reported"
like "$T/out" "^$T/blob.bin${tab}-${tab}0\$" "and the binary one with '-'"

run detect --all "$T/blob.bin"
is "$status" 65 "--all on a binary file: exit 65"
like "$T/out" "^$T/blob.bin${tab}-${tab}0\$" "--all on a binary file ends with '-' and 0"

# Plain text allows one control character in twenty, wherever it falls
# (the count is taken sixteen bytes at a time): 20 in 400 bytes are text,
# 21 are not. Tabs, line ends and form feeds are text.
ctl() { awk -v n="$1" 'BEGIN { for (i = 0; i < 400; i++) printf "%s", (i % 19 == 15 && i / 19 < n) ? "\001" : (i % 7 == 3 ? "\t" : (i % 50 == 49 ? "\n" : "a")) }'; }
ctl 20 > "$T/ctl20.txt"
ctl 21 > "$T/ctl21.txt"
is "$(tr -cd '\001' < "$T/ctl20.txt" | wc -c | tr -d ' ')" 20 "the first sample has 20 control characters"
run detect --all "$T/ctl20.txt"
like "$T/out" "${tab}plain${tab}[1-9][0-9]*\$" "20 control characters in 400 bytes: plain text"
run detect --all "$T/ctl21.txt"
like "$T/out" "${tab}plain${tab}0\$" "21 control characters in 400 bytes: not plain text"

# Empty and missing files.
: > "$T/empty.txt"
run detect "$T/empty.txt" "$rec"
is "$status" 65 "an empty file: exit 65"
like "$T/err" "$T/empty.txt: .*empty" "an empty file is named and called empty"
like "$T/out" "^$rec${tab}$recfmt${tab}[1-9]" "the other file is still reported"

run detect "$T/missing.txt" "$rec"
is "$status" 65 "a missing file: exit 65"
like "$T/err" "$T/missing.txt" "a missing file is named"
like "$T/out" "^$rec${tab}$recfmt${tab}[1-9]" "the other file is still reported"

# gzip, folders and globs.
gzip -c < "$rec" > "$T/rec.txt.gz"
run detect "$T/rec.txt.gz"
is "$status" 0 "a gzip file: exit 0"
like "$T/out" "^$T/rec.txt.gz${tab}$recfmt${tab}[1-9]" "a gzip file is detected by its content"

mkdir -p "$T/dir/sub"
cp "$rec" "$T/dir/a.txt"
cp "$rec" "$T/dir/sub/b.txt"
run detect "$T/dir"
is "$status" 0 "a folder: exit 0"
is "$(cut -f 1 "$T/out" | tr '\n' ' ')" "$T/dir/a.txt $T/dir/sub/b.txt " "a folder: every file below it"
run detect "$T/dir/**/*.txt"
is "$(wc -l < "$T/out" | tr -d ' ')" 2 "a '**' glob: every match"

# -q keeps stdout and errors, drops warnings.
run detect -q "$T/dir/*.none" "$rec"
is "$status" 0 "-q with a glob matching nothing: exit 0"
ok "-q: no warning on stderr" test ! -s "$T/err"
like "$T/out" "^$rec${tab}" "-q: results still on stdout"

run detect
is "$status" 64 "no FILE: exit 64"
like "$T/err" "Try 'igtext detect --help'" "no FILE: points at --help"

run detect --help
is "$status" 0 "detect --help: exit 0"
like "$T/out" "FILE<TAB>FORMAT<TAB>SCORE" "detect --help describes the output"

done_testing
