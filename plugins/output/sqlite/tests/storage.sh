#!/bin/sh
# SPDX-License-Identifier: MIT
# Storage that refuses writes: a full disk (a file size limit) and a
# read-only store. Each gives a clear error naming the store, exit 74, and
# leaves what was stored intact. Also: what is not an igtext store is
# never touched.
. "$top_srcdir/tests/lib/tap.sh"
need sqlite3

mkdir -p "$T/in"
cp "$top_srcdir/configs/examples/article-cyberspace-rules-2016.txt" "$T/in/"
cat > "$T/job.yaml" <<'YAML'
job: storage
inputs:
  - path: in/*.txt
outputs:
  - sqlite: { path: var/store.db }
YAML
q() { sqlite3 "$T/var/store.db" "$@"; }
run -q run "$T/job.yaml"
is "$status" 0 "a first import"
sqlite3 "$T/var/store.db" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
before=$(q "SELECT id, content_sha256 FROM documents ORDER BY id")

# ---- full disk: no file may grow past 64 KB ----
awk 'BEGIN { for (p = 0; p < 3000; p++) print "Paragraph " p " of a long record about Internet governance.\n" }' \
	> "$T/in/big.txt"
(
	trap '' XFSZ # a write past the limit fails with EFBIG instead of killing
	ulimit -f 128
	exec "$IGTEXT" run "$T/job.yaml"
) > "$T/out" 2> "$T/err"
status=$?
is "$status" 74 "full disk: exit 74 (EX_IOERR)"
like "$T/err" "var/store.db: .*(full|disk|I/O)" "full disk: the message names the store and the cause"
like "$T/err" "in/big.txt: not imported; the store is as it was before it" \
	"full disk: the message names the input that was not imported"
is "$(q 'PRAGMA integrity_check')" ok "full disk: the store is sound"
is "$(q "SELECT id, content_sha256 FROM documents ORDER BY id")" "$before" \
	"full disk: what was stored is intact"
is "$(q "SELECT count(*) FROM inputs WHERE path LIKE '%big.txt'")" 0 \
	"full disk: the input is not recorded as imported"
run -q run "$T/job.yaml"
is "$status" 0 "with room again, the next run imports it"
is "$(q "SELECT status FROM inputs WHERE path LIKE '%big.txt'")" imported "and records it"

# ---- full disk at the commit of a batch, before a large input ----
# The batch (a.txt, b.txt) is committed before c.txt, of more than 1 MB,
# starts a batch of its own; the failure names what was lost, not c.txt.
mkdir -p "$T/batch/in"
printf 'A first record.\n' > "$T/batch/in/0.txt"
cat > "$T/batch/job.yaml" <<'YAML'
job: storage-batch
inputs:
  - path: in/*.txt
outputs:
  - sqlite: { path: var/store.db, commit_interval: 3600 }
YAML
"$IGTEXT" -q run "$T/batch/job.yaml"
sqlite3 "$T/batch/var/store.db" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
for r in a b; do
	awk -v r=$r 'BEGIN { for (p = 0; p < 300; p++) print "Paragraph " p " of record " r " on Internet governance.\n" }' \
		> "$T/batch/in/$r.txt"
done
awk 'BEGIN { for (p = 0; p < 20000; p++) print "Paragraph " p " of a long record on Internet governance.\n" }' \
	> "$T/batch/in/c.txt"
(
	trap '' XFSZ
	ulimit -f 128
	exec "$IGTEXT" run "$T/batch/job.yaml"
) > "$T/out" 2> "$T/err"
status=$?
is "$status" 74 "full disk at a batch's commit: exit 74"
like "$T/err" "in/b.txt: not imported, nor the 1 inputs read before it since the last commit" \
	"the message names the batch's last input and counts the other"
ok "it does not blame the large input, which was not read" sh -c '! grep -q "c.txt: not imported" "$1"' sh "$T/err"
is "$(sqlite3 "$T/batch/var/store.db" "SELECT count(*) FROM inputs WHERE status = 'imported'")" 1 \
	"only the first run's input is recorded"

# ---- read-only store ----
before=$(q "SELECT count(*) FROM documents")
"$IGTEXT" -q run "$T/job.yaml" # the importer is the last to close the store, as under cron
echo "A new record." > "$T/in/new.txt"
# As root, permissions do not stop writes: run as nobody instead.
if [ "$(id -u)" -eq 0 ]; then
	need setpriv
	chmod 755 "$T"
	chmod -R a+rX "$T/in" "$T/var" "$T/job.yaml"
	as_reader() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	chmod a-w "$T/var" "$T"/var/*
	as_reader() { "$@"; }
fi
if ! as_reader "$IGTEXT" --version > /dev/null 2>&1; then
	# The build tree itself is closed to other users (a clone in /root).
	for t in "exit 74" "the message names the file" "nothing changed" "search still works"; do
		tap_n=$((tap_n + 1)); echo "ok $tap_n - read-only store: $t # SKIP nobody cannot run $IGTEXT"
	done
else
	as_reader "$IGTEXT" run "$T/job.yaml" > "$T/out" 2> "$T/err"
	status=$?
	is "$status" 74 "read-only store: exit 74"
	as_reader "$IGTEXT" search --db "$T/var/store.db" -n 1 governance > "$T/out2" 2> "$T/err2"
	is "$?" 0 "read-only store: search still works"
	like "$T/err" "var/store.db: cannot record the run: attempt to write a readonly database" \
		"read-only store: the message names the file and the cause"
	is "$(q "SELECT count(*) FROM documents")" "$before" "read-only store: nothing changed"
fi
[ "$(id -u)" -eq 0 ] || chmod u+w "$T/var" "$T"/var/*

# ---- not an igtext store ----
sqlite3 "$T/other.db" "CREATE TABLE mine (x); INSERT INTO mine VALUES (42)"
cat > "$T/other.yaml" <<'YAML'
job: other
inputs:
  - path: in/*.txt
outputs:
  - sqlite: { path: other.db }
YAML
run run "$T/other.yaml"
is "$status" 78 "someone else's SQLite database: exit 78"
like "$T/err" "other.db: an SQLite database that is not an igtext store; refusing" \
	"the message says why"
is "$(sqlite3 "$T/other.db" "SELECT x FROM mine")" 42 "and the database is untouched"
printf 'not a database at all, just text\n%.0s' $(seq 1 200) > "$T/text.db"
sed 's/other.db/text.db/' "$T/other.yaml" > "$T/text.yaml"
run run "$T/text.yaml"
like "$T/err" "text.db: .*(not a database|cannot read the database)" "a text file as store: refused with SQLite's reason"
is "$(head -c 14 "$T/text.db")" "not a database" "and the file is untouched"
sqlite3 "$T/var/store.db" "PRAGMA user_version = 99"
run search --db "$T/var/store.db" governance
is "$status" 78 "a store from a newer igtext: exit 78"
like "$T/err" "made by a newer igtext \(schema version 99; this one knows up to 3\)" \
	"the message gives both versions"

done_testing
