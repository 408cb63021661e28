#!/bin/sh
# SPDX-License-Identifier: MIT
# Corpus tables: an analysis plugin hands rows to the outputs in finish
# (igt_host_table_row); jsonl writes them after the documents when its
# "tables" option is on, and not otherwise; a row given outside finish is
# refused.
. "$top_srcdir/tests/lib/tap.sh"

plugins="$top_builddir/tests/plugins"
cp "$top_srcdir/configs/examples/article-cyberspace-rules-2016.txt" \
	"$top_srcdir/configs/examples/captions-igf2020-ws81.txt" "$T/"
printf 'Plain notes.\n' > "$T/notes.txt"

job() { # NAME TABLES
	cat > "$T/$1.yaml" <<YAML
job: $1
plugin_path: $plugins
inputs:
  - path: "*.txt"
pipeline:
  - test-tables
outputs:
  - jsonl: { path: $1.jsonl, tables: $2 }
YAML
}

job with true
run run -q "$T/with.yaml"
is "$status" 0 "a job with a table-making analysis plugin runs"
rows=$(grep -c '"table":"formats"' "$T/with.jsonl")
is "$rows" 3 "tables: true writes one row per format"
like "$T/with.jsonl" '^\{"table":"formats","format":"captions","documents":1\}$' \
	"a row names its table first, then its members"
is "$(tail -n 3 "$T/with.jsonl" | grep -c '"table"')" 3 "rows come after the documents"
like "$T/with.jsonl" '"early_row_refused":true' "a row given outside finish is refused"

job without false
run run -q "$T/without.yaml"
is "$status" 0 "the same job without tables runs"
is "$(grep -c '"table"' "$T/without.jsonl")" 0 "tables: false writes no rows"
is "$(wc -l < "$T/without.jsonl" | tr -d ' ')" 3 "only the documents"

done_testing
