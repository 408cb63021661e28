#!/bin/sh
# SPDX-License-Identifier: MIT
# A failed input never replaces what the store holds: a monthly archive
# imported whole, then found truncated (a mirror cut the download short),
# leaves every stored message as it was, marks none vanished, and still
# adds the messages the store did not have. A changed message read from a
# failed input waits for the input to be read whole.
. "$top_srcdir/tests/lib/tap.sh"
need sqlite3
need python3
need gzip

q() { sqlite3 "$T/var/gz.db" "$@"; }

# An archive of 200 messages; $2 rewrites the body of message 3.
archive() {
	python3 - "$1" "${2:-}" <<'PY'
import sys
out, changed = sys.argv[1], sys.argv[2]
with open(out, 'w') as f:
    for i in range(200):
        body = changed if (changed and i == 3) else f"Body {i} " + "filler text " * 50
        f.write(f"From u{i} at example.org  Sat Mar 24 13:56:31 2018\n"
                f"From: u{i} at example.org (User {i})\n"
                f"Date: Sat, 24 Mar 2018 13:{i % 60:02d}:31 +0000\n"
                f"Subject: [ccwg] message number {i}\n"
                f"Message-ID: <gz{i}@example.org>\n\n{body}\n\n")
PY
}
# truncate FILE: keep its first third (the gzip trailer and most messages go).
truncate_third() {
	size=$(wc -c < "$1")
	head -c $((size / 3)) "$1" > "$1.cut" && mv "$1.cut" "$1"
}

mkdir -p "$T/gz"
archive "$T/full.txt"
gzip -c "$T/full.txt" > "$T/gz/2018-March.txt.gz"
cat > "$T/job.yaml" <<'YAML'
job: gz
inputs:
  - path: gz/*.txt.gz
    format: pipermail
outputs:
  - sqlite: { path: var/gz.db }
YAML
run run "$T/job.yaml"
is "$status" 0 "whole archive: exit 0"
is "$(q 'SELECT count(*) FROM documents')" 200 "whole archive: 200 messages stored"
stored=$(q 'SELECT id, content_sha256, length(fields) FROM documents ORDER BY id')
text=$(q 'SELECT d.id, s.text FROM segments s JOIN documents d ON d.key = s.doc ORDER BY s.id')

# ---- the same archive, truncated ----
truncate_third "$T/gz/2018-March.txt.gz"
run run "$T/job.yaml"
is "$status" 65 "truncated archive: exit 65"
like "$T/err" "truncated gzip data" "truncated archive: the input is named as bad"
is "$(q 'SELECT id, content_sha256, length(fields) FROM documents WHERE id LIKE '"'gz%'"' ORDER BY id')" \
	"$stored" "truncated archive: every stored message is as it was"
is "$(q 'SELECT d.id, s.text FROM segments s JOIN documents d ON d.key = s.doc WHERE d.id LIKE '"'gz%'"' ORDER BY s.id')" \
	"$text" "truncated archive: and so is their text"
is "$(q "SELECT count(*) FROM documents WHERE id LIKE 'gz%' AND json_extract(fields, '\$.incomplete')")" \
	0 "truncated archive: no stored message is replaced by a cut-off one"
is "$(q 'SELECT count(*) FROM documents WHERE vanished_run IS NOT NULL')" 0 \
	"truncated archive: the messages it did not reach are not marked vanished"
is "$(q 'SELECT documents_updated || " " || documents_vanished || " " || inputs_failed FROM runs WHERE id = 2')" \
	"0 0 1" "truncated archive: the run updated nothing, marked nothing, and counts the failure"
is "$(q "SELECT count(*) FROM documents WHERE typeof(id) != 'text'")" 0 \
	"no document is left set aside"
is "$(q "SELECT count(*) FROM input_documents WHERE last_run = 2")" \
	"$(q "SELECT count(*) FROM input_documents")" \
	"the failed input still gives, as far as the store knows, all it gave"

# ---- a changed message in a failed input waits ----
# (The messages after it move in the archive: their offsets, part of what
# is stored, change too, so the failed input tries to replace them all.)
archive "$T/changed.txt" "A corrected body: the minutes were wrong about the quorum."
gzip -c "$T/changed.txt" > "$T/gz/2018-March.txt.gz"
cp "$T/gz/2018-March.txt.gz" "$T/changed.txt.gz"
truncate_third "$T/gz/2018-March.txt.gz"
run run "$T/job.yaml"
is "$status" 65 "changed and truncated: exit 65"
like "$T/err" "truncated gzip data" "changed and truncated: the input is named as bad"
is "$(q "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH 'quorum'")" 0 \
	"changed and truncated: the stored message keeps its text"
is "$(q 'SELECT id, content_sha256, length(fields) FROM documents WHERE id LIKE '"'gz%'"' ORDER BY id')" \
	"$stored" "changed and truncated: every stored message is as it was"
is "$(q 'SELECT documents_updated FROM runs WHERE id = 3')" 0 \
	"changed and truncated: nothing counted as updated"
is "$(q 'PRAGMA integrity_check')" ok "the database is sound"
is "$(q "INSERT INTO segments_fts(segments_fts) VALUES('integrity-check'); SELECT 'ok'")" ok \
	"the full-text index matches the segments"

# ---- read whole again, the change arrives ----
cp "$T/changed.txt.gz" "$T/gz/2018-March.txt.gz"
run run "$T/job.yaml"
is "$status" 0 "whole again: exit 0"
# (and the messages after it, whose offsets in the archive moved)
is "$(q "SELECT d.id FROM segments_fts JOIN segments s ON s.id = segments_fts.rowid JOIN documents d ON d.key = s.doc WHERE segments_fts MATCH 'quorum'")" \
	"gz3@example.org" "whole again: search finds its new text"
is "$(q "SELECT count(*) FROM documents WHERE id LIKE 'gz%' AND vanished_run IS NULL")" 200 \
	"whole again: all 200 messages are there, none vanished"
is "$(q "SELECT first_run FROM documents WHERE id = 'gz3@example.org'")" 1 \
	"the updated message keeps the run that first added it"
is "$(q "INSERT INTO segments_fts(segments_fts) VALUES('integrity-check'); SELECT 'ok'")" ok \
	"the full-text index still matches the segments"

# ---- a first import from a truncated archive keeps what it gave ----
rm -f "$T"/var/gz.db*
truncate_third "$T/gz/2018-March.txt.gz"
run run "$T/job.yaml"
is "$status" 65 "truncated first import: exit 65"
got=$(q "SELECT count(*) FROM documents WHERE id LIKE 'gz%'")
ok "truncated first import: the messages before the cut are added ($got)" [ "$got" -gt 10 ]
is "$(q "SELECT status || ' ' || coalesce(size, 'null') FROM inputs")" "failed null" \
	"truncated first import: the input is read again next time"

done_testing
