#!/bin/sh
# SPDX-License-Identifier: MIT
# The stats plugin end to end on the example records and one small
# hand-made CJK note. Every expected count below was established by hand
# from the text (reading, counting, and wc or awk as a second opinion
# where the text is long), not captured from the plugin's output; the
# reasoning is noted beside each.
. "$top_srcdir/tests/lib/tap.sh"

cp "$top_srcdir"/configs/examples/*.txt "$T/"
# Two paragraphs: 中国互联网发展。(7 Han) 我们欢迎 (4) IGF 2018 的讨论！(3 Han) and
# "Mr. Li spoke. Dr. Wang replied."
printf '中国互联网发展。我们欢迎 IGF 2018 的讨论！\n\nMr. Li spoke. Dr. Wang replied.\n' \
	> "$T/cjk-notes.txt"
cat > "$T/job.yaml" <<YAML
job: stats-examples
inputs:
  - path: "*.txt"
pipeline:
  - stats
outputs:
  - jsonl: { path: out.jsonl, tables: true }
YAML
run run -q "$T/job.yaml"
is "$status" 0 "a job with the stats plugin runs over the examples"

# doc PATTERN...: the first document line matching every grep -E PATTERN.
doc() {
	d_lines=$(grep -v '^{"table"' "$T/out.jsonl")
	for d_p in "$@"; do d_lines=$(printf '%s\n' "$d_lines" | grep -E -- "$d_p"); done
	printf '%s\n' "$d_lines" | head -1 | sed -n 's/.*"stats":{\(.*\)}}}$/\1/p'
}
# num STATS KEY: a number of the stats object, written with 4 decimals so
# that 8.3100000000000005 compares as 8.31.
num() {
	printf '%s\n' "$1" | grep -o "\"$2\":[0-9.e+-]*" | head -1 | sed 's/.*://' |
		awk '{ v = sprintf("%.4f", $1); sub(/0+$/, "", v); sub(/\.$/, "", v); print v }'
}
# check STATS KEY EXPECTED WHY
check() {
	is "$(num "$1" "$2")" "$3" "$2 $3 ($4)"
}
# has STATS TEXT WHY: the stats object holds TEXT.
has() {
	case $1 in
	*"$2"*) tap_pass "$3" ;;
	*) tap_fail "$3" "no '$2' in: $1" ;;
	esac
}

# The IGF report form's session description: the heading "Session" and
# five paragraphs ("Other", the long description, "Cyberspace
# Administration of China", the run-together speaker line, "Delegate from
# Cyberspace Administration of China").
s=$(doc '"kind":"session-description"')
has "$s" '"segments":{"heading":1,"paragraph":5}' "description: segments by type"
check "$s" paragraphs 5 "the five paragraphs; the heading is none"
check "$s" sentences 11 "Other 1, the description 7, the three other lines 1 each"
check "$s" words 370 "Session 1, Other 1, CAC 4, the speaker line 55, the Delegate line 6, \
and the description 303 (wc -w 302, plus citizens;all)"
check "$s" bytes 2709 "lines 1, 2 and 4 to 7 of the file (awk length in bytes)"
check "$s" characters 2707 "one ’ (3 bytes) in China’s"
check "$s" average_sentence_words 33.55 "369 words outside the heading / 11"
check "$s" reading_minutes 1.55 "370 / 238"
has "$s" '"scripts":{"Latin":1.0}' "description: all letters are Latin"

# The Long Report.
s=$(doc '"report":"long"')
has "$s" '"segments":{"heading":2,"key_message":3,"paragraph":7,"recommendation":3}' \
	"long report: segments by type"
check "$s" sentences 43 "key messages 4+6+4, discussion 3+3+3+6, recommendations 5+1+1, \
ideas 3+2+2 (the numbers 1. 2. 3. are the format's list markers)"
check "$s" paragraphs 13 "3 key messages, 7 paragraphs, 3 recommendations"
check "$s" words 850 "wc -w 848, plus transformation,which and R&D"
check "$s" characters 5784 "four ’ and three pairs of “ ”, 2 extra bytes each"

# The Short Report.
s=$(doc '"report":"short"')
has "$s" '"segments":{"heading":1,"key_message":3,"paragraph":5,"recommendation":2}' \
	"short report: segments by type"
check "$s" sentences 25 "key messages 3+3+2, discussion 2+2+6, recommendations 1+1, ideas 3+2"
check "$s" paragraphs 10 "3 key messages, 5 paragraphs, 2 recommendations"
check "$s" words 494 "wc -w 492, plus transformation,which and communities,private"
check "$s" bytes 3445 "the segments' text"
check "$s" characters 3429 "two ’ and three pairs of “ ”, 2 extra bytes each"
check "$s" average_sentence_words 19.6 "490 words outside the heading (IGF 2018 Short Report) / 25"
check "$s" reading_minutes 2.08 "494 / 238 = 2.076"

# The captions transcript: 239 paragraphs after the title and disclaimer
# (awk in paragraph mode over line 4 on), each a turn segment.
s=$(doc '"format":"captions"')
has "$s" '"segments":{"turn":239}' "captions: 239 turns"
check "$s" paragraphs 239 "each turn paragraph is a paragraph"
has "$s" '"scripts":{"Latin":1.0}' "captions: all Latin"

# The CJK note, counted by hand.
s=$(doc 'cjk-notes.txt')
check "$s" words 22 "7 + 4 + 3 Han characters, IGF, 2018, and Mr Li spoke Dr Wang replied"
check "$s" sentences 4 "。 and ！, then spoke. and replied. (Mr. and Dr. end nothing)"
check "$s" paragraphs 2 "two paragraphs"
check "$s" characters 57 "26 + 31"
check "$s" bytes 89 "18 CJK characters of 3 bytes, 35 ASCII"
check "$s" reading_minutes 0.09 "8 words / 238 + 14 Han characters / 255 = 0.089"
check "$s" average_sentence_words 5.5 "22 / 4"
has "$s" '"scripts":{"Latin":0.6' "Latin first: 25 of 39 letters"
s_latin=$(printf '%s\n' "$s" | sed -n 's/.*"scripts":{\(.*\)}$/\1/p')
is "$(num "{$s_latin" Latin)" 0.641 "Latin 25/39 = 0.6410"
is "$(num "{$s_latin" Han)" 0.359 "Han 14/39 = 0.3590: the two add up to 1"

# The corpus table: one row for the run, then one per format.
rows=$(grep -c '^{"table":"stats"' "$T/out.jsonl")
is "$rows" 7 "seven rows: the run and six formats (article, captions, plain, highlights, \
igf-report, pipermail)"
like "$T/out.jsonl" '^\{"table":"stats","id":"corpus","format":null,"documents":8,' \
	"the run's row: 8 documents (the form gives 3)"
like "$T/out.jsonl" '^\{"table":"stats","id":"format:igf-report","format":"igf-report","documents":3,"characters":11920,"bytes":11958,"words":1714,"sentences":79,"paragraphs":28,' \
	"the form's row adds up its three documents"
like "$T/out.jsonl" '"id":"format:plain".*"scripts":\{"Latin":0\.6' "a format's row has its scripts"

# Options: no table, and quotes counted.
cat > "$T/opts.yaml" <<YAML
job: stats-options
inputs:
  - path: "cjk-notes.txt"
pipeline:
  - stats: {table: false, no_sentence_types: [paragraph], abbreviations: ["Cllr."]}
outputs:
  - jsonl: { path: opts.jsonl, tables: true }
YAML
run run -q "$T/opts.yaml"
is "$status" 0 "a job with options runs"
unlike "$T/opts.jsonl" '"table"' "table: false gives no rows"
like "$T/opts.jsonl" '"sentences":0,"paragraphs":0' "no_sentence_types: [paragraph]"

cat > "$T/bad.yaml" <<YAML
job: stats-bad
inputs:
  - path: "cjk-notes.txt"
pipeline:
  - stats: {abbreviations: ["e g"]}
outputs:
  - jsonl: { path: bad.jsonl }
YAML
run run -q "$T/bad.yaml"
is "$status" 78 "a bad abbreviation is a configuration error (EX_CONFIG)"
like "$T/err" '"e g" is not an abbreviation' "and the message names it"

done_testing
