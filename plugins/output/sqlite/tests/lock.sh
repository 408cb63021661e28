#!/bin/sh
# SPDX-License-Identifier: MIT
# One run per store: a second run while one is going exits 75 at once,
# naming the holder; the lock of a run killed with SIGKILL is recognised
# as stale and taken over, and that run is listed as killed.
. "$top_srcdir/tests/lib/tap.sh"
need sqlite3

cat > "$T/job.yaml" <<'YAML'
job: lock-test
inputs:
  - path: "-"
    format: plain
outputs:
  - sqlite: { path: var/store.db }
YAML
cat > "$T/other.yaml" <<'YAML'
job: other
inputs:
  - path: in.txt
outputs:
  - sqlite: { path: var/store.db }
YAML
printf 'A paragraph of text.\n' > "$T/in.txt"

# wait_for_lock: until the background run has written its name into the
# lock file (it has opened the store and holds the lock).
wait_for_lock() {
	i=0
	while [ $i -lt 100 ] && ! grep -q "job 'lock-test'" "$T/var/store.db.lock" 2>/dev/null; do
		sleep 0.1; i=$((i + 1))
	done
}

# wait_for_run PID: until the run of that process is recorded in the
# store, which it does just after taking the lock; on a loaded machine a
# signal can come between the two, and a run killed before it is recorded
# cannot be listed.
wait_for_run() {
	i=0
	while [ $i -lt 100 ] && [ "$(sqlite3 "$T/var/store.db" "SELECT count(*) FROM runs WHERE pid = $1")" != 1 ]; do
		sleep 0.1; i=$((i + 1))
	done
}

# A run that holds the lock while its standard input stays open.
{ printf 'first paragraph\n\nsecond\n'; sleep 3; } | "$IGTEXT" -q run "$T/job.yaml" 2> "$T/err1" &
first=$!
wait_for_lock
start=$(date +%s)
run run "$T/other.yaml"
took=$(( $(date +%s) - start ))
is "$status" 75 "a second run while one is going: exit 75 (EX_TEMPFAIL)"
like "$T/err" "var/store.db is in use by another run \(pid [0-9]+, started [0-9T:-]+Z, job 'lock-test'\)" \
	"the message names the holder: pid, start time and job"
ok "it gives up at once instead of waiting" test "$took" -le 2
wait "$first"
is "$?" 0 "the first run completes normally"
is "$(cat "$T/err1")" "" "the first run saw nothing wrong"
is "$(sqlite3 "$T/var/store.db" "SELECT count(*) FROM runs WHERE job = 'other'")" 0 \
	"the refused run left no trace in the store"
is "$(cat "$T/var/store.db.lock")" "" "a run that ends releases and empties the lock"

# A run killed with SIGKILL cannot release anything.
{ printf 'killed paragraph\n'; sleep 30; } | "$IGTEXT" -q run "$T/job.yaml" 2>/dev/null &
victim=$!
wait_for_lock
victim_pid=$(sed -n 's/^pid \([0-9]*\),.*/\1/p' "$T/var/store.db.lock")
wait_for_run "$victim_pid"
kill -KILL "$victim_pid"
wait "$victim" 2>/dev/null
run run "$T/other.yaml"
is "$status" 0 "the next run after a killed one: exit 0"
like "$T/err" "took over the lock of run pid $victim_pid" "it says it took over the stale lock"
is "$(sqlite3 "$T/var/store.db" "SELECT status FROM runs WHERE pid = $victim_pid")" killed \
	"the killed run is listed as killed"
run runs --db "$T/var/store.db"
like "$T/out" " killed " "igtext runs shows it"
is "$(sqlite3 "$T/var/store.db" "PRAGMA integrity_check")" ok "the store is sound"
is "$(sqlite3 "$T/var/store.db" "SELECT count(*) FROM documents")" 2 \
	"documents: the first run's and the last run's; nothing of the killed run"

# SIGTERM (a timer's timeout): the run ends cleanly as incomplete, the
# input it was reading is not committed, and the lock is released.
docs_before=$(sqlite3 "$T/var/store.db" "SELECT count(*) FROM documents")
{ printf 'a paragraph the signal cuts off\n'; sleep 30; } | "$IGTEXT" -q run "$T/job.yaml" 2> "$T/err3" &
stopped=$!
wait_for_lock
stopped_pid=$(sed -n 's/^pid \([0-9]*\),.*/\1/p' "$T/var/store.db.lock")
wait_for_run "$stopped_pid"
kill -TERM "$stopped_pid"
wait "$stopped"
is "$?" 143 "SIGTERM: exit 143"
is "$(sqlite3 "$T/var/store.db" "SELECT status FROM runs WHERE pid = $stopped_pid")" incomplete \
	"SIGTERM: the run is recorded as incomplete"
is "$(sqlite3 "$T/var/store.db" "SELECT count(*) FROM documents")" "$docs_before" \
	"SIGTERM: nothing of the input it was reading is stored"
is "$(cat "$T/var/store.db.lock")" "" "SIGTERM: the lock is released"

# SIGTERM while a batch is open: the inputs it holds are committed, the one
# being read is not.
printf 'A record read before the signal.\n' > "$T/before.txt"
cat > "$T/batch.yaml" <<'YAML'
job: lock-test
inputs:
  - path: before.txt
  - path: "-"
    format: plain
outputs:
  - sqlite: { path: var/store.db, commit_interval: 600 }
YAML
docs_before=$(sqlite3 "$T/var/store.db" "SELECT count(*) FROM documents")
{ printf 'cut off\n'; sleep 30; } | "$IGTEXT" -q run "$T/batch.yaml" 2> "$T/err4" &
stopped=$!
wait_for_lock
stopped_pid=$(sed -n 's/^pid \([0-9]*\),.*/\1/p' "$T/var/store.db.lock")
wait_for_run "$stopped_pid" # then the first input is read and the second one waits
sleep 0.5
kill -TERM "$stopped_pid"
wait "$stopped"
is "$?" 143 "SIGTERM in a batch: exit 143"
is "$(sqlite3 "$T/var/store.db" "SELECT status FROM inputs WHERE path LIKE '%/before.txt'")" imported \
	"SIGTERM in a batch: the input read before the signal is committed"
is "$(sqlite3 "$T/var/store.db" "SELECT count(*) FROM documents")" "$((docs_before + 1))" \
	"SIGTERM in a batch: with its document, and nothing of the input cut off"
is "$(sqlite3 "$T/var/store.db" "SELECT inputs_imported FROM runs WHERE pid = $stopped_pid")" 1 \
	"SIGTERM in a batch: the run counts what it committed"

done_testing
