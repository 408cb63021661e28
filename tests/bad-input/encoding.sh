#!/bin/sh
# SPDX-License-Identifier: MIT
# Awkward encodings and line ends that are still text: Latin-1 bytes
# (parsed; the output is valid UTF-8, each byte read as Windows-1252, so
# the accents are kept; a warning names the file), CRLF line ends with no final line end, and a
# UTF-8 byte order mark (neither leaks into the text; spans stay exact).
. "$top_srcdir/tests/lib/tap.sh"
need python3

bad="$top_srcdir/tests/bad-input"
good="$top_srcdir/configs/examples/forum-highlights-shanghai-2017.txt"

# py FILE INPUT CODE: run Python CODE with docs (the documents of FILE,
# read as strict UTF-8) and raw (the bytes of INPUT); print its result.
py() {
	python3 -c '
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8", errors="strict")]
raw = open(sys.argv[2], "rb").read()
print(eval(sys.argv[3]))' "$1" "$2" "$3"
}

# Latin-1.
high=$(python3 -c 'import sys; print(sum(b >= 0x80 for b in open(sys.argv[1], "rb").read()))' "$bad/latin1.txt")
run parse "$bad/latin1.txt" "$good"
is "$status" 0 "Latin-1 file: parsed, exit 0"
is "$(py "$T/out" "$bad/latin1.txt" 'len(docs)' 2>&1)" 2 "Latin-1 file: output is valid UTF-8 JSON, a document per input"
is "$(py "$T/out" "$bad/latin1.txt" '[s["text"] for s in docs[0]["segments"]] == raw.decode("cp1252").strip().split("\n\n")')" True \
	"Latin-1 file: each of the $high bytes is its Windows-1252 character"
is "$(py "$T/out" "$bad/latin1.txt" 'docs[0]["segments"][0]["text"]')" \
	"Rapport de la r$(printf '\303\251')union du Forum sur la gouvernance de l'Internet" \
	"Latin-1 file: réunion keeps its accent"
like "$T/err" "warning: $bad/latin1.txt: .*$high bytes that are not UTF-8 repaired" "Latin-1 file: a warning names the file and counts the bytes"
is "$(grep -c 'not UTF-8' "$T/err")" 1 "Latin-1 file: one warning, for that file only"
is "$(py "$T/out" "$bad/latin1.txt" 'docs[0]["source"]["length"] == len(raw)')" True \
	"Latin-1 file: source.length counts the input bytes"
is "$(py "$T/out" "$bad/latin1.txt" 'all(raw[s["span"][0]:s["span"][0]+s["span"][1]].decode("cp1252") == s["text"] for s in docs[0]["segments"])')" True \
	"Latin-1 file: each span covers exactly its paragraph"
run parse -q "$bad/latin1.txt"
is "$status" 0 "Latin-1 file with -q: exit 0"
ok "Latin-1 file with -q: no warning" test ! -s "$T/err"
run_in "$bad/latin1.txt" parse -
is "$status" 0 "Latin-1 on standard input: exit 0"
like "$T/err" "<stdin>: .*not UTF-8" "Latin-1 on standard input: the warning names <stdin>"

# CRLF line ends, no final line end.
run parse "$bad/crlf-no-eol.txt"
is "$status" 0 "CRLF without a final line end: exit 0"
is "$(py "$T/out" "$bad/crlf-no-eol.txt" '[s["text"] for s in docs[0]["segments"]]')" \
	"['Session report\\nWorkshop 81', 'The moderator opened the session.\\nSpeakers followed.', 'Closing remarks, no final line end']" \
	"CRLF: three paragraphs, line ends normalised, the last line kept"
is "$(py "$T/out" "$bad/crlf-no-eol.txt" 'any("\r" in s["text"] for s in docs[0]["segments"])')" False \
	"CRLF: no carriage return in the text"
is "$(py "$T/out" "$bad/crlf-no-eol.txt" 'all(raw[s["span"][0]:s["span"][0]+s["span"][1]].decode().replace("\r\n", "\n") == s["text"] for s in docs[0]["segments"])')" True \
	"CRLF: each span covers exactly its paragraph in the input"
is "$(py "$T/out" "$bad/crlf-no-eol.txt" 'docs[0]["source"]["length"] == len(raw)')" True \
	"CRLF: source.length is the whole input"
ok "CRLF: no warning" test ! -s "$T/err"
run parse --coverage "$bad/crlf-no-eol.txt"
like "$T/err" "crlf-no-eol.txt: coverage 100\\.0%" "CRLF: coverage 100%"

# UTF-8 byte order mark.
run parse "$bad/bom.txt"
is "$status" 0 "BOM: exit 0"
is "$(py "$T/out" "$bad/bom.txt" '[s["text"] for s in docs[0]["segments"]]')" \
	"['IGF 2018 Open Forum', 'Summary of the discussion.']" "BOM: the text does not start with the mark"
is "$(py "$T/out" "$bad/bom.txt" 'docs[0]["segments"][0]["span"]')" "[3, 19]" "BOM: the first span starts after the mark"
is "$(py "$T/out" "$bad/bom.txt" 'docs[0]["title"] is None or not docs[0]["title"].startswith("\ufeff")')" True \
	"BOM: the mark is not in the title"
ok "BOM: no warning" test ! -s "$T/err"
run parse --coverage "$bad/bom.txt"
like "$T/err" "bom.txt: coverage 100\\.0%" "BOM: coverage 100% (the mark is accounted for)"
run_in "$bad/bom.txt" parse
is "$(py "$T/out" "$bad/bom.txt" 'docs[0]["segments"][0]["text"]')" "IGF 2018 Open Forum" "BOM on standard input: stripped too"

done_testing
