#!/bin/sh
# SPDX-License-Identifier: MIT
# Edge cases of incremental imports: one document id twice in one input
# (the full-text index must stay sound), a document two inputs share (not
# "vanished" while one of them still holds it), and a run stopped by
# SIGTERM while an archive streams in (nothing of that input committed).
. "$top_srcdir/tests/lib/tap.sh"
need sqlite3

q() { sqlite3 "$T/var/store.db" "$@"; }
fts_ok() { q "INSERT INTO segments_fts(segments_fts, rank) VALUES('integrity-check', 1); SELECT 'ok'" 2>&1; }
# message ID TEXT: one mbox message.
message() {
	printf 'From a at example.org  Sat Mar 24 13:56:31 2018\nFrom: a at example.org (A)\nDate: Sat, 24 Mar 2018 13:56:31 +0000\nSubject: [L] %s\nMessage-ID: <%s>\n\n%s\n\n' \
		"$1" "$1" "$2"
}

# ---- one id twice in one input ----
# A format that cannot tell two records apart (test-format with line_ids:
# each line's first word is its id).
mkdir -p "$T/dup"
printf 'TESTFORMAT\nfirst about accountability\nsecond about the transition\nfirst about zebrafinches\n' \
	> "$T/dup/records.tf"
cat > "$T/dup.yaml" <<YAML
job: dup
plugin_path: $TEST_PLUGIN_DIR
inputs:
  - path: dup/*.tf
    format: { test-format: { line_ids: true } }
outputs:
  - sqlite: { path: var/store.db }
YAML
run run "$T/dup.yaml"
is "$status" 0 "an id twice in one input: exit 0"
like "$T/err" "document id first occurs twice in this input; the later document replaces" \
	"it is named in a warning"
is "$(fts_ok)" ok "the full-text index stays sound"
is "$(q "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH 'zebrafinches'")" 1 \
	"the later document is the one indexed"
is "$(q "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH 'accountability'")" 0 \
	"the replaced one is no longer indexed"
printf 'third one more\n' >> "$T/dup/records.tf"
run run "$T/dup.yaml"
is "$(fts_ok)" ok "re-read after it grew: the index is still sound"
is "$(q 'SELECT count(*) FROM documents')" 3 "three distinct ids stored"

# ---- a document two inputs share ----
rm -rf "$T/var"
mkdir -p "$T/two"
{ message shared@x 'A message sent to both lists.'; message only-a@x 'Only on list A.'; } > "$T/two/a.txt"
{ message shared@x 'A message sent to both lists.'; message only-b@x 'Only on list B.'; } > "$T/two/b.txt"
cat > "$T/two.yaml" <<'YAML'
job: two
inputs:
  - path: two/*.txt
    format: pipermail
outputs:
  - sqlite: { path: var/store.db }
YAML
run -q run "$T/two.yaml"
is "$(q 'SELECT count(*) FROM documents')" 3 "shared message: stored once"
message only-b@x 'Only on list B.' > "$T/two/b.txt" # b no longer holds it; a is unchanged
run -q run "$T/two.yaml"
is "$(q "SELECT vanished_run IS NULL FROM documents WHERE id = 'shared@x'")" 1 \
	"not vanished while the unchanged input a still holds it"
message only-a@x 'Only on list A.' > "$T/two/a.txt"
run -q run "$T/two.yaml"
is "$(q "SELECT vanished_run IS NOT NULL FROM documents WHERE id = 'shared@x'")" 1 \
	"vanished once no input holds it"
is "$(q 'SELECT count(*) FROM documents')" 3 "and kept"

# ---- SIGTERM while an archive streams in ----
rm -rf "$T/var"
cat > "$T/stream.yaml" <<'YAML'
job: stream
inputs:
  - path: "-"
    format: pipermail
outputs:
  - sqlite: { path: var/store.db }
YAML
i=0
while [ $i -lt 300 ]; do message "m$i@x" "Message number $i."; i=$((i + 1)); done > "$T/many.txt"
{ cat "$T/many.txt"; sleep 30; } | "$IGTEXT" -q run "$T/stream.yaml" 2> "$T/err" &
bg=$!
n=0
while [ $n -lt 100 ] && ! grep -q "pid" "$T/var/store.db.lock" 2>/dev/null; do sleep 0.1; n=$((n + 1)); done
sleep 0.5 # the messages are read and written, uncommitted
pid=$(sed -n 's/^pid \([0-9]*\),.*/\1/p' "$T/var/store.db.lock")
kill -TERM "$pid"
wait "$bg"
is "$?" 143 "SIGTERM during a streamed archive: exit 143"
like "$T/err" "interrupted by signal 15 while processing <stdin>, which was not committed" \
	"the message says the input was not committed"
is "$(q 'SELECT count(*) FROM documents')" 0 "none of its messages is stored"
is "$(q "SELECT status FROM runs")" incomplete "the run is recorded as incomplete"

done_testing
