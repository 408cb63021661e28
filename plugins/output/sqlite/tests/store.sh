#!/bin/sh
# SPDX-License-Identifier: MIT
# The store end to end, with real processes: import the example records,
# re-run (nothing changes), touch, grow and shrink a monthly archive, read
# from stdin, then look things up with show, search and runs.
. "$top_srcdir/tests/lib/tap.sh"
need sqlite3

q() { sqlite3 "$T/var/store.db" "$@"; }

mkdir -p "$T/in"
cp "$top_srcdir"/configs/examples/*.txt "$T/in/"
# A monthly archive that grows: its first three messages now, three later.
archive=$top_srcdir/plugins/format/pipermail/tests/cases/bigbang-dev-test.txt
awk '/^From /{n++} n<=3' "$archive" > "$T/in/2014-November.txt"
cat > "$T/job.yaml" <<'YAML'
job: store-test
inputs:
  - path: in/*.txt
pipeline: [speakers, entities]
outputs:
  - sqlite: { path: var/store.db }
  - jsonl: { path: var/docs.jsonl, tables: true }
YAML

# ---- first import ----
run run "$T/job.yaml"
is "$status" 0 "first run: exit 0"
like "$T/err" "6 inputs read, 0 bad; 10 documents" "first run: six inputs, ten documents"
is "$(q 'SELECT count(*) FROM documents')" 10 "the store holds ten documents"
is "$(q "SELECT count(*) FROM inputs WHERE status = 'imported'")" 6 "six inputs recorded as imported"
is "$(q 'SELECT sum(documents) FROM inputs')" 10 "each input records how many documents it gave"
is "$(q "SELECT count(*) FROM inputs WHERE sha256 IS NULL OR length(sha256) != 64")" 0 \
	"each input has its sha256"
is "$(q 'SELECT count(*) FROM input_documents')" 10 "each document is linked to its input"
is "$(q "SELECT status || ' ' || inputs_imported || ' ' || documents_added FROM runs")" "done 6 10" \
	"the run is recorded: done, six inputs, ten documents added"
is "$(q 'PRAGMA journal_mode')" wal "the store is in WAL mode"
is "$(q 'PRAGMA user_version')" 3 "the schema version is recorded"
is "$(q 'SELECT count(*) FROM segments') $(q "SELECT count(*) FROM segments_fts")" \
	"$(q 'SELECT count(*) FROM segments') $(q 'SELECT count(*) FROM segments')" \
	"every segment is in the full-text index"
is "$(q 'SELECT count(*) FROM corpus_rows WHERE tbl = '"'people'")" \
	"$(grep -c '"table":"people"' "$T/var/docs.jsonl")" "the people table is stored, row for row"
is "$(q "SELECT count(*) FROM annotations WHERE plugin = 'entities'")" \
	"$(grep -o '"by":"entities"' "$T/var/docs.jsonl" | wc -l | tr -d ' ')" \
	"every entity annotation is stored"

# show prints each document as the jsonl output wrote it, byte for byte.
same=0
grep -v '"table":' "$T/var/docs.jsonl" > "$T/docs-only.jsonl"
while IFS= read -r line; do
	id=$(printf '%s\n' "$line" | sed 's/^{"id":"\([^"]*\)".*/\1/')
	"$IGTEXT" show --db "$T/var/store.db" --compact "$id" > "$T/shown" 2>/dev/null
	[ "$(cat "$T/shown")" = "$line" ] && same=$((same + 1))
done < "$T/docs-only.jsonl"
is "$same" 10 "show rebuilds all ten documents exactly as parsed and analysed"
ids_before=$(q 'SELECT id FROM documents ORDER BY id')
hashes_before=$(q 'SELECT content_sha256 FROM documents ORDER BY id')

# ---- a re-run changes nothing ----
run -q run "$T/job.yaml"
is "$status" 0 "re-run: exit 0"
is "$(cat "$T/err")" "" "re-run with -q: silent"
is "$(q "SELECT inputs_skipped || ' ' || inputs_imported || ' ' || documents_added FROM runs WHERE id = 2")" \
	"6 0 0" "re-run: all six inputs skipped, nothing imported"
is "$(q 'SELECT id FROM documents ORDER BY id')" "$ids_before" "re-run: the same document ids"
is "$(q 'SELECT content_sha256 FROM documents ORDER BY id')" "$hashes_before" \
	"re-run: the same document contents"

# ---- touched, not changed: read again, nothing rewritten ----
touch -d '2001-01-01' "$T/in/captions-igf2020-ws81.txt"
run run "$T/job.yaml"
like "$T/err" "1 input read, 0 bad, 5 unchanged; 1 document" "touched: only that input is read"
is "$(q "SELECT documents_added || ' ' || documents_updated || ' ' || documents_unchanged FROM runs WHERE id = 3")" \
	"0 0 1" "touched: its document is found unchanged"

# ---- the archive grows: only the new messages are added ----
awk '/^From /{n++} n>3' "$archive" >> "$T/in/2014-November.txt"
run run "$T/job.yaml"
is "$status" 0 "grown archive: exit 0"
is "$(q "SELECT documents_added || ' ' || documents_updated || ' ' || documents_unchanged FROM runs WHERE id = 4")" \
	"3 0 3" "grown archive: three messages added, the first three unchanged"
is "$(q 'SELECT count(*) FROM documents')" 13 "grown archive: thirteen documents in all"
is "$(q "SELECT documents FROM inputs WHERE path LIKE '%2014-November.txt'")" 6 \
	"grown archive: the input now gives six"
is "$(q 'SELECT count(*) FROM (SELECT id FROM documents GROUP BY id HAVING count(*) > 1)')" 0 \
	"no document is stored twice"

# ---- the archive shrinks: the missing message is kept and marked ----
awk '/^From /{n++} n!=2' "$archive" > "$T/in/2014-November.txt"
run run "$T/job.yaml"
is "$(q 'SELECT count(*) FROM documents')" 13 "shrunk archive: nothing is deleted"
is "$(q 'SELECT count(*) FROM documents WHERE vanished_run = 5')" 1 \
	"shrunk archive: the message it no longer holds is marked vanished"
is "$(q 'SELECT documents_vanished FROM runs WHERE id = 5')" 1 "the run counts it"
cat "$archive" > "$T/in/2014-November.txt"
run run "$T/job.yaml"
is "$(q 'SELECT count(*) FROM documents WHERE vanished_run IS NOT NULL')" 0 \
	"the message back in the archive is no longer marked"

# ---- a changed record replaces its document as a whole ----
printf '\n>> MILTON MUELLER:  One more remark about zebrafinches.\n' >> "$T/in/captions-igf2020-ws81.txt"
run run "$T/job.yaml"
is "$(q 'SELECT documents_updated FROM runs WHERE id = 7')" 1 "changed record: one document updated"
is "$(q "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH 'zebrafinch'")" 1 \
	"changed record: the full-text index has the new text"
is "$(q "SELECT count(*) FROM segments s JOIN documents d ON d.key = s.doc WHERE d.format = 'captions'")" \
	"$(sed -n '/"format":"captions"/p' "$T/var/docs.jsonl" | grep -o '"type":"[a-z_-]*","text"' | wc -l | tr -d ' ')" \
	"changed record: its old segments were replaced, not kept beside the new"
is "$(q 'SELECT count(*) FROM documents')" 13 "changed record: still thirteen documents"
is "$(q "PRAGMA integrity_check")" ok "the database is sound"
is "$(q "INSERT INTO segments_fts(segments_fts) VALUES('integrity-check'); SELECT 'ok'")" ok \
	"the full-text index matches the segments"

# ---- stdin: documents kept, no input remembered ----
printf 'A note read from standard input about multistakeholder governance.\n' > "$T/note.txt"
cat > "$T/stdin.yaml" <<'YAML'
job: from-stdin
inputs:
  - path: "-"
    format: plain
outputs:
  - sqlite: { path: var/store.db }
YAML
run_in "$T/note.txt" run "$T/stdin.yaml"
is "$status" 0 "stdin: exit 0"
is "$(q 'SELECT count(*) FROM documents')" 14 "stdin: its document is stored"
is "$(q 'SELECT count(*) FROM inputs')" 6 "stdin: no input is remembered for it"

# ---- search ----
run search --db "$T/var/store.db" multistakeholder
is "$status" 0 "search: exit 0 with hits"
like "$T/out" '\*\*[Mm]ultistakeholder\*\*' "search: the matched word is marked in a pipe"
like "$T/out" "ccwg-internet-governance, 2018-03-24" "search: a message shows its list and date"
run search --db "$T/var/store.db" --json -n 0 multistakeholder
hits=$(wc -l < "$T/out" | tr -d ' ')
is "$hits" "$(q "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH 'multistakeholder'")" \
	"search --json -n 0: one line per matching segment"
like "$T/out" '^\{"doc_id":"[^"]+","title":' "search --json: objects with doc_id and title"
run search --db "$T/var/store.db" --json --speaker 'peixi xu' multi-stakeholder
is "$status" 0 "search: a hyphenated word (not FTS5 syntax) still searches"
unlike "$T/out" '"speaker":"[^P]' "search --speaker: only that speaker's segments"
like "$T/out" '"speaker":"Peixi Xu"' "search --speaker: finds the speaker's turns"
run search --db "$T/var/store.db" --json --event 'IGF 2020' ICANN
unlike "$T/out" '"event":"[^I]' "search --event: only that event"
run search --db "$T/var/store.db" --json --since 2018-03 ICANN
unlike "$T/out" '"date":null' "search --since: undated documents are left out"
unlike "$T/out" '"date":"(201[0-7]|2018-0[12])' "search --since: nothing older"
run search --db "$T/var/store.db" --json governing
like "$T/out" "[Gg]overnance" "search: words match by stem (governing finds governance)"
run search --db "$T/var/store.db" zzyzzyqx
is "$status" 1 "search: no hit gives exit 1"
run search --db "$T/var/store.db" $(yes governance | head -n 101)
is "$status" 64 "search: a query of over 100 words is a usage error"
like "$T/err" "a query of 101 words; at most 100" "search: and says why"
run search --db "$T/var/store.db" --topic cybersecurity ICANN
like "$T/err" "taxonomy plugin did not run" "search --topic on a store without topics says so"
run search --db "$T/var/nothing.db" ICANN
is "$status" 66 "search: a missing store gives exit 66"
like "$T/err" "nothing.db: no store here" "search: the missing store is named"
(cd "$T" && "$IGTEXT" search ICANN > "$T/out" 2> "$T/err"); status=$?
is "$status" 64 "search: no store given and no ./igtext.db: usage error"
like "$T/err" "give --db PATH or --job" "search: the message says how to name the store"
run search --job "$T/job.yaml" -n 1 ICANN
is "$status" 0 "search --job: the job's sqlite output is the store"
IGTEXT_DB=$T/var/store.db "$IGTEXT" search -n 1 ICANN > "$T/out" 2>&1; status=$?
is "$status" 0 "search: IGTEXT_DB names the store"

# ---- show and runs ----
run show --db "$T/var/store.db" no-such-id
is "$status" 65 "show: an unknown id gives exit 65"
like "$T/err" "no document with id 'no-such-id'" "show: the unknown id is named"
run show --db "$T/var/store.db" --tables "$(q "SELECT doc_id FROM corpus_rows WHERE doc_id IS NOT NULL LIMIT 1")"
if [ -n "$(q "SELECT doc_id FROM corpus_rows WHERE doc_id IS NOT NULL LIMIT 1")" ]; then
	like "$T/out" '"table":' "show --tables: the document's corpus rows follow it"
else
	tap_pass "show --tables: no corpus row names a document in this store"
fi
run runs --db "$T/var/store.db"
is "$(grep -c ' done ' "$T/out")" 8 "runs: all eight runs are listed as done"
like "$T/out" "RUN +STARTED +ENDED +STATUS" "runs: a header names the columns"
run runs --db "$T/var/store.db" --json -n 1
like "$T/out" '"job":"from-stdin"' "runs --json -n 1: the newest run first"

done_testing
