#!/bin/sh
# SPDX-License-Identifier: MIT
# An unchanged input is skipped only while the job's settings that shape
# its documents are those it was imported with: the pipeline, the plugins'
# options and the input's format. Changing them reads the inputs again (and
# says so once); changing the outputs or the list of inputs does not. An
# input read with another format gives other documents, which replace
# those of the old format.
. "$top_srcdir/tests/lib/tap.sh"
need sqlite3

q() { sqlite3 "$T/var/store.db" "$@"; }
# job PIPELINE [FORMAT] [MORE_OUTPUTS]: write the job file.
job() {
	cat > "$T/job.yaml" <<YAML
job: settings-test
inputs:
  - path: in/*.txt
    format: ${2:-auto}
  - path: more/*.txt
pipeline: $1
outputs:
  - sqlite: { path: var/store.db${4:-} }
${3:-}
YAML
}
imported() { q "SELECT inputs_imported || ' ' || inputs_skipped FROM runs ORDER BY id DESC LIMIT 1"; }

mkdir -p "$T/in" "$T/more"
cp "$top_srcdir"/configs/examples/*.txt "$T/in/"
n=$(ls "$T/in" | wc -l | tr -d ' ')

job '[stats]'
run run "$T/job.yaml"
is "$status" 0 "first run: exit 0"
is "$(imported)" "$n 0" "first run: every input read"
run -q run "$T/job.yaml"
is "$(imported)" "0 $n" "re-run: every input skipped"
is "$(cat "$T/err")" "" "re-run with -q: silent"

# ---- defaults written out are the same settings ----
job '[{stats: {words_per_minute: 238}}]' auto
run run "$T/job.yaml"
is "$(imported)" "0 $n" "an option written at its default: nothing read again"

# ---- outputs and the list of inputs are not settings of the documents ----
job '[stats]' auto '  - jsonl: { path: var/docs.jsonl }' ', commit_interval: 5'
printf 'A note about multistakeholder governance.\n' > "$T/more/note.txt"
run run "$T/job.yaml"
is "$status" 0 "another output and input: exit 0"
is "$(imported)" "1 $n" "another output and input: only the new input is read"
unlike "$T/err" "read again" "another output and input: no word of changed settings"

# ---- an analysis plugin added: every input read again ----
run search --db "$T/var/store.db" --topic cybersecurity ICANN
like "$T/err" "taxonomy plugin did not run" "before: the store has no topics"
hashes=$(q 'SELECT id, content_sha256 FROM documents ORDER BY id')
job '[stats, taxonomy]'
run run "$T/job.yaml"
is "$status" 0 "taxonomy added: exit 0"
is "$(imported)" "$((n + 1)) 0" "taxonomy added: every input read again"
like "$T/err" "var/store.db: the job's settings .* changed since the last import: $((n + 1)) unchanged inputs were read again" \
	"taxonomy added: said once, with the count"
is "$(grep -c "read again" "$T/err")" 1 "taxonomy added: said only once"
is "$(q 'SELECT documents_updated FROM runs ORDER BY id DESC LIMIT 1')" \
	"$(q 'SELECT count(*) FROM documents')" "taxonomy added: every document updated"
run search --db "$T/var/store.db" --topic cybersecurity ICANN
unlike "$T/err" "taxonomy plugin did not run" "taxonomy added: search --topic finds topics"
run -q run "$T/job.yaml"
is "$(imported)" "0 $((n + 1))" "re-run after the change: every input skipped again"

# ---- a plugin's option changed ----
job '[{stats: {words_per_minute: 200}}, taxonomy]'
run -q run "$T/job.yaml"
is "$(imported)" "$((n + 1)) 0" "an option changed: every input read again"
is "$(cat "$T/err")" "" "with -q the reason is not said"

# ---- an input's format changed: its old documents are replaced ----
job '[{stats: {words_per_minute: 200}}, taxonomy]' plain
run run "$T/job.yaml"
is "$status" 0 "format changed to plain: exit 0"
is "$(imported)" "$n 1" "format changed: that entry's inputs read again, the other's skipped"
is "$(q "SELECT count(*) FROM documents WHERE source_path LIKE '%/in/%' AND format != 'plain'")" 0 \
	"format changed: no document of the old formats is left"
is "$(q "SELECT count(*) FROM documents WHERE source_path LIKE '%/in/%'")" "$n" \
	"format changed: one plain document per input"
is "$(q 'SELECT count(*) FROM documents WHERE vanished_run IS NOT NULL')" 0 \
	"format changed: the old documents are replaced, not marked vanished"
run search --db "$T/var/store.db" --json -n 0 multistakeholder
unlike "$T/out" '"format":"(pipermail|captions|article|highlights|igf-report)"' \
	"format changed: search finds only the new documents"
is "$(q "INSERT INTO segments_fts(segments_fts) VALUES('integrity-check'); SELECT 'ok'")" ok \
	"format changed: the full-text index matches the segments"
is "$(q 'SELECT count(*) FROM input_documents') $(q 'SELECT count(*) FROM documents')" \
	"$(q 'SELECT count(*) FROM documents') $(q 'SELECT count(*) FROM documents')" \
	"format changed: one link per document"

# ---- the format changed back while one input's bytes changed too ----
archive=$(ls "$T"/in/pipermail-*.txt)
printf '\nA line added to the archive after it was imported.\n' >> "$archive"
job '[{stats: {words_per_minute: 200}}, taxonomy]' auto
run run "$T/job.yaml"
is "$status" 0 "format back to auto: exit 0"
is "$(q "SELECT count(*) FROM documents WHERE source_path LIKE '%/in/%' AND format = 'plain' AND vanished_run IS NULL")" 0 \
	"format back: the plain documents of unchanged inputs are gone"
is "$(q "SELECT count(*) FROM documents WHERE format = 'plain' AND vanished_run IS NOT NULL AND source_path LIKE '%/in/pipermail-%'")" 1 \
	"format back: the changed input's old document is kept, marked vanished (it may have left the input)"

# ---- a store from before settings were recorded: read again once ----
q 'DROP INDEX segments_doc; ALTER TABLE inputs DROP COLUMN settings; PRAGMA user_version = 2'
run run "$T/job.yaml"
is "$status" 0 "a version 2 store: exit 0"
is "$(q 'PRAGMA user_version')" 3 "a version 2 store: upgraded"
is "$(imported)" "$((n + 1)) 0" "a version 2 store: every input read again once"
run -q run "$T/job.yaml"
is "$(imported)" "0 $((n + 1))" "and skipped after that"

# ---- the job named another way: the same settings ----
# A path option (here dedup's store) is resolved against the job's folder,
# which is spelled as the job file was named: relative, absolute, via "..".
job '[{dedup: {store: var/store.db}}]'
run -q run "$T/job.yaml"
mkdir -p "$T/sub"
(cd "$T/sub" && "$IGTEXT" -q run ../job.yaml) > "$T/out" 2> "$T/err"
is "$(imported)" "0 $((n + 1))" "a job named ../job.yaml: every input skipped"
(cd "$T" && "$IGTEXT" -q run ./job.yaml) > "$T/out" 2> "$T/err"
is "$(imported)" "0 $((n + 1))" "named ./job.yaml: skipped too"

done_testing
