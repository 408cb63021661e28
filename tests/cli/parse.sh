#!/bin/sh
# SPDX-License-Identifier: MIT
# igtext parse: every bundled example record becomes its valid JSON Lines
# documents (three for the IGF report form, one for the others) with the
# full set of keys, read by its own format; several inputs give what each
# gives alone, in input order; ids are stable and distinct; --format (the
# detected format, plain, an unknown name, a non-format plugin); standard
# input ('-' and piped with no FILE); gzip input whatever its name; folders
# and '**' globs; --coverage; -q; --help.
. "$top_srcdir/tests/lib/tap.sh"
need python3
need gzip

ex="$top_srcdir/configs/examples"
keys='id format kind title date date_text event language source fields people segments annotations metrics'

# check_docs FILE: every line of FILE is a JSON object holding every
# document key; prints the number of documents.
check_docs() {
	python3 -c '
import json, sys
n = 0
with open(sys.argv[1], "rb") as f:
    for raw in f:
        d = json.loads(raw.decode("utf-8"))
        assert isinstance(d, dict), "not an object"
        missing = [k for k in sys.argv[2].split() if k not in d]
        assert not missing, "document %d lacks %s" % (n + 1, missing)
        n += 1
print(n)' "$1" "$keys"
}

# docs FILE EXPR: print the Python expression EXPR over each document d.
docs() {
	python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    print(eval(sys.argv[2]))' "$1" "$2"
}

# Each example alone: its documents, every key, plausible content.
n_examples=0
for f in "$ex"/*.txt; do
	n_examples=$((n_examples + 1))
	b=$(basename "$f")
	run parse "$f"
	is "$status" 0 "$b: exit 0"
	is "$(check_docs "$T/out" 2>&1)" "$(expected_docs "$f")" \
		"$b: $(expected_docs "$f") line(s) of valid JSON with every document key"
	is "$(docs "$T/out" 'd["source"]["path"]' | sort -u)" "$f" "$b: source.path is the path given"
	is "$(docs "$T/out" 'd["format"]' | sort -u)" "$(expected_format "$f")" "$b: format is recorded"
	is "$(docs "$T/out" 'len(d["id"]) >= 16 and all(c in "0123456789abcdef" for c in d["id"])' | sort -u)" \
		True "$b: the id is a hex string"
	is "$(docs "$T/out" 'len(d["segments"]) > 0 and all(s["text"] for s in d["segments"])' | sort -u)" \
		True "$b: has non-empty segments"
	is "$(docs "$T/out" 'len(d["source"]["sha256"])' | sort -u)" 64 "$b: source.sha256 is recorded"
done
ok "there are example records to test" test "$n_examples" -ge 3

# All together: the documents of each file alone, ids stable across runs,
# distinct across files and documents.
n_docs=0
for f in "$ex"/*.txt; do n_docs=$((n_docs + $(docs_alone "$f"))); done
run parse "$ex"/*.txt
is "$status" 0 "all examples: exit 0"
is "$(check_docs "$T/out" 2>&1)" "$n_docs" "all examples: as many valid documents as the files give alone"
docs "$T/out" 'd["id"]' > "$T/ids1"
run parse "$ex"/*.txt
docs "$T/out" 'd["id"]' > "$T/ids2"
ok "ids are the same on a second run" cmp -s "$T/ids1" "$T/ids2"
is "$(sort -u "$T/ids1" | wc -l | tr -d ' ')" "$n_docs" "ids differ between files (and documents)"
cp "$T/out" "$T/all.jsonl"
is "$(docs "$T/out" 'd["source"]["path"]' | tr '\n' ' ')" "$(paths_alone "$ex"/*.txt)" \
	"documents come in the order the files were given"

# The same file named twice is read once.
first=$(ls "$ex"/*.txt | head -n 1)
run parse "$first" "$first"
is "$(wc -l < "$T/out" | tr -d ' ')" "$(docs_alone "$first")" "a file named twice is parsed once"

# --format
rec="$ex/forum-highlights-shanghai-2017.txt"
recfmt=$(expected_format "$rec")
run parse "$rec"
cp "$T/out" "$T/rec.jsonl"
run parse --format "$recfmt" "$rec"
is "$status" 0 "--format $recfmt: exit 0"
ok "--format $recfmt gives the same document as detection" cmp -s "$T/out" "$T/rec.jsonl"
printf 'Some notes.\nOn two lines.\n\nA second paragraph.\n' > "$T/notes.txt"
run parse "$T/notes.txt"
cp "$T/out" "$T/notes.jsonl"
is "$(docs "$T/out" 'd["format"]')" plain "plain text is detected as plain"
run parse --format plain "$T/notes.txt"
is "$status" 0 "--format plain: exit 0"
ok "--format plain gives the same document as detection" cmp -s "$T/out" "$T/notes.jsonl"
run parse -f plain "$rec"
is "$status" 0 "-f plain: exit 0"

run parse --format nosuch "$rec"
is "$status" 64 "--format nosuch: exit 64"
like "$T/err" "unknown plugin 'nosuch'" "--format nosuch: the name is in the error"
unlike "$T/err" "did you mean" "--format nosuch: no suggestion for a name like nothing"
ok "--format nosuch: nothing on stdout" test ! -s "$T/out"

run parse --format plian "$rec"
is "$status" 64 "--format plian: exit 64"
like "$T/err" "did you mean 'plain'" "--format plian suggests plain"

run parse --format jsonl "$rec"
is "$status" 64 "--format jsonl (an output plugin): exit 64"
like "$T/err" "'jsonl' is an? output plugin, not a format plugin" \
	"--format jsonl: says jsonl is not a format plugin"
ok "--format jsonl: nothing on stdout" test ! -s "$T/out"

run parse --format
is "$status" 64 "--format without a name: exit 64"

# Standard input.
run_in "$rec" parse -
is "$status" 0 "stdin via '-': exit 0"
is "$(check_docs "$T/out" 2>&1)" 1 "stdin via '-': one valid document"
is "$(docs "$T/out" 'd["source"]["path"]')" "<stdin>" "stdin via '-': source.path is <stdin>"
docs "$T/out" 'd["segments"]' > "$T/stdin-segs"
docs "$T/rec.jsonl" 'd["segments"]' > "$T/file-segs"
ok "stdin via '-': same segments as the file" cmp -s "$T/stdin-segs" "$T/file-segs"
docs "$T/out" 'd["id"]' > "$T/stdin-id1"

run_in "$rec" parse
is "$status" 0 "piped stdin with no FILE: exit 0"
is "$(check_docs "$T/out" 2>&1)" 1 "piped stdin with no FILE: one valid document"
docs "$T/out" 'd["id"]' > "$T/stdin-id2"
ok "stdin: the id is stable across runs" cmp -s "$T/stdin-id1" "$T/stdin-id2"

# No FILE and a terminal on stdin: a usage error, not a hang. util-linux
# script(1) provides the terminal where it exists.
if command -v script > /dev/null 2>&1 && script -qec true /dev/null < /dev/null > /dev/null 2>&1; then
	script -qec "'$IGTEXT' parse" /dev/null < /dev/null > "$T/tty" 2>&1
	is "$?" 64 "no FILE with a terminal on stdin: exit 64"
	like "$T/tty" "no FILE given" "no FILE with a terminal on stdin: says so"
else
	tap_pass "# SKIP no util-linux script(1) for a terminal"
	tap_pass "# SKIP no util-linux script(1) for a terminal"
fi

"$IGTEXT" parse - "$ex/captions-igf2020-ws81.txt" < "$rec" > "$T/out" 2> "$T/err"
is "$?" 0 "'-' mixed with a file: exit 0"
is "$(docs "$T/out" 'd["source"]["path"]' | tr '\n' ' ')" "<stdin> $ex/captions-igf2020-ws81.txt " \
	"'-' mixed with a file: both, in order"

# gzip input is recognised by its content, whatever its name.
gzip -c < "$rec" > "$T/rec.txt.gz"
cp "$T/rec.txt.gz" "$T/rec-gz-in-disguise.txt"
run parse "$T/rec.txt.gz" "$T/rec-gz-in-disguise.txt"
is "$status" 0 "gzip input: exit 0"
is "$(check_docs "$T/out" 2>&1)" 2 "gzip input: two valid documents"
docs "$T/out" 'd["segments"]' > "$T/gz-segs"
ok "gzip input (.gz): same segments as the plain file" \
	test "$(sed -n 1p "$T/gz-segs")" = "$(cat "$T/file-segs")"
ok "gzip input named .txt: same segments as the plain file" \
	test "$(sed -n 2p "$T/gz-segs")" = "$(cat "$T/file-segs")"
is "$(docs "$T/out" 'd["source"]["length"]' | sort -u)" "$(wc -c < "$rec" | tr -d ' ')" \
	"gzip input: source.length counts the uncompressed text"
run_in "$T/rec.txt.gz" parse -
is "$status" 0 "gzip on stdin: exit 0"
docs "$T/out" 'd["segments"]' > "$T/gz-stdin-segs"
ok "gzip on stdin: same segments as the plain file" cmp -s "$T/gz-stdin-segs" "$T/file-segs"

# Folders and globs.
mkdir -p "$T/tree/a/b" "$T/tree/c"
cp "$ex/forum-highlights-shanghai-2017.txt" "$T/tree/top.txt"
cp "$ex/igf-report-form-2018-of20.txt" "$T/tree/a/one.txt"
cp "$ex/pipermail-ccwg-ig-2018-03-24.txt" "$T/tree/a/b/two.txt"
cp "$ex/article-cyberspace-rules-2016.txt" "$T/tree/c/three.md"
cp "$T/rec.txt.gz" "$T/tree/c/four.txt.gz"

n_tree=0
for f in "$T/tree/top.txt" "$T/tree/a/one.txt" "$T/tree/a/b/two.txt" "$T/tree/c/three.md" "$T/tree/c/four.txt.gz"; do
	n_tree=$((n_tree + $(docs_alone "$f")))
done
run parse "$T/tree"
is "$status" 0 "a folder: exit 0"
is "$(check_docs "$T/out" 2>&1)" "$n_tree" "a folder: every file below it, at any depth"
docs "$T/out" 'd["source"]["path"]' > "$T/paths"
LC_ALL=C sort "$T/paths" > "$T/paths-sorted"
ok "a folder is read in sorted order" cmp -s "$T/paths" "$T/paths-sorted"

run parse "$T/tree/**/*.txt"
is "$status" 0 "a quoted '**' glob: exit 0"
is "$(docs "$T/out" 'd["source"]["path"]' | tr '\n' ' ')" \
	"$(paths_alone "$T/tree/a/b/two.txt" "$T/tree/a/one.txt" "$T/tree/top.txt")" \
	"'**/*.txt' matches at every depth (including none), and only *.txt"

run parse "$T/tree/*/*.t?t*"
is "$(docs "$T/out" 'd["source"]["path"]' | tr '\n' ' ')" \
	"$(paths_alone "$T/tree/a/one.txt" "$T/tree/c/four.txt.gz")" "'*' and '?' match within one level"

(cd "$T/tree" && "$IGTEXT" parse '**/*.md' > "$T/out" 2> "$T/err")
is "$?" 0 "a relative glob: exit 0"
is "$(docs "$T/out" 'd["source"]["path"]')" "c/three.md" "a relative glob is relative to the working folder"

run parse "$T/tree/**/*.nothing"
is "$status" 0 "a glob that matches nothing is not an error"
like "$T/err" "matches no files" "but it is reported"

# --coverage: a coverage line per input on stderr.
run parse --coverage "$ex"/*.txt
is "$status" 0 "--coverage: exit 0"
is "$(grep -c 'coverage [0-9.]*%' "$T/err")" "$n_examples" "--coverage: one coverage line per input"
for f in "$ex"/*.txt; do
	like "$T/err" "^igtext: $f: coverage [0-9.]+%" "--coverage names $(basename "$f")"
done
ok "--coverage does not change stdout" cmp -s "$T/out" "$T/all.jsonl"
run parse -c "$rec"
like "$T/err" "coverage 100\\.0%" "-c: the format plugin accounts for all of a record"
run_in "$rec" parse --coverage -
is "$status" 0 "--coverage on stdin: exit 0"
like "$T/err" "<stdin>: coverage .*skipped" "--coverage on stdin: says it is skipped"

# -q silences warnings (and notices); errors still appear.
run parse "$T/tree/*.nothing" "$rec"
like "$T/err" "warning" "without -q the no-match warning appears"
run parse -q "$T/tree/*.nothing" "$rec"
is "$status" 0 "-q: exit 0"
ok "-q: no warnings on stderr" test ! -s "$T/err"
is "$(check_docs "$T/out" 2>&1)" 1 "-q: documents are still written"
run -q parse --coverage "$rec"
ok "global -q silences --coverage notices too" test ! -s "$T/err"
run parse -q "$T/no-such-file.txt"
is "$status" 65 "-q: a missing file still exits 65"
like "$T/err" "no-such-file.txt" "-q: errors still appear"

# -v names the detected format.
run parse -v "$rec"
like "$T/err" "detected format '$(expected_format "$rec")'" "-v says which format was detected"

run parse --help
is "$status" 0 "parse --help: exit 0"
like "$T/out" "^Usage: igtext parse" "parse --help prints usage"
like "$T/out" "--coverage" "parse --help documents --coverage"

done_testing
