#!/bin/sh
# SPDX-License-Identifier: MIT
# A large import killed with SIGKILL at several points: each time the
# store opens, is sound, and holds exactly the inputs committed before the
# kill (each with all its documents, none half-imported); the next run
# completes the rest, with no document twice. First with a commit after
# every input, then with inputs committed in batches (the default).
. "$top_srcdir/tests/lib/tap.sh"
need sqlite3
need awk

inputs=400
mkdir -p "$T/in"
# Distinct records of about 24 KB each: numbered paragraphs of words.
awk -v n="$inputs" -v dir="$T/in" 'BEGIN {
	split("internet governance forum session report multistakeholder ICANN " \
	      "cybersecurity access development rights privacy standards policy", w, " ")
	for (f = 1; f <= n; f++) {
		file = sprintf("%s/record-%04d.txt", dir, f)
		for (p = 1; p <= 40; p++) {
			line = sprintf("Record %d paragraph %d:", f, p)
			for (k = 0; k < 90; k++)
				line = line " " w[1 + (f * 7 + p * 13 + k * 5) % 14]
			print line "\n" > file
		}
		close(file)
	}
}'
cat > "$T/job.yaml" <<'YAML'
job: big-import
inputs:
  - path: in/*.txt
    format: plain
# Analysis makes each input take long enough for the kills to land
# mid-import.
pipeline: [speakers, entities, taxonomy]
outputs:
  - sqlite: { path: var/store.db, commit_interval: 0 }
YAML
db=$T/var/store.db
q() { sqlite3 "$db" "$@"; }
imported() { q "SELECT count(*) FROM inputs WHERE status = 'imported'" 2>/dev/null || echo 0; }

# kill_after N [SIGNAL [JOB]]: start the import and send it SIGNAL (KILL)
# once N inputs are committed.
kill_after() {
	"$IGTEXT" -q run "${3:-$T/job.yaml}" 2>/dev/null &
	pid=$!
	i=0
	while [ "$(imported)" -lt "$1" ] && [ $i -lt 600 ] && kill -0 "$pid" 2>/dev/null; do
		sleep 0.05; i=$((i + 1))
	done
	kill -"${2:-KILL}" "$pid" 2>/dev/null
	wait "$pid"
	status=$?
}

# check_killed POINT [EXIT]: the store after the run was stopped with
# exit status EXIT (137); sets $n to the inputs it holds.
check_killed() {
	point=$1
	code=${2:-137}
	n=$(imported)
	if [ "$status" -eq "$code" ] && [ "$n" -lt "$inputs" ]; then
		tap_pass "stopped at $n of $inputs inputs (exit $code)"
	else
		tap_fail "stopped at $n of $inputs inputs (exit $code)" "exit $status, $n imported"
	fi
	is "$(q 'PRAGMA integrity_check')" ok "after $point: the store opens and is sound"
	is "$(q "SELECT count(*) FROM inputs WHERE status != 'imported'")" 0 \
		"after $point: no input is half-imported"
	is "$(q 'SELECT count(*) FROM documents')" "$n" \
		"after $point: exactly the documents of the committed inputs"
	is "$(q 'SELECT count(*) FROM segments')" "$((n * 40))" \
		"after $point: exactly their segments"
	is "$(q 'SELECT inputs_imported + inputs_skipped FROM runs ORDER BY id DESC LIMIT 1')" "$n" \
		"after $point: the killed run's counts are those it committed"
}

for point in 5 100 200; do
	kill_after "$point"
	check_killed "the kill at $point"
done

run -q run "$T/job.yaml"
is "$status" 0 "the next run completes"
is "$(imported)" "$inputs" "every input is imported"
is "$(q 'SELECT count(*) FROM documents')" "$inputs" "one document per input, none twice"
is "$(q 'SELECT count(*) FROM segments')" "$((inputs * 40))" "every segment once"
is "$(q "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH 'record'")" "$((inputs * 40))" \
	"the full-text index holds every segment once"
is "$(q "INSERT INTO segments_fts(segments_fts) VALUES('integrity-check'); SELECT 'ok'")" ok \
	"the full-text index is consistent with the segments"
is "$(q "SELECT count(*) FROM runs WHERE status = 'killed'")" 3 "the three killed runs are listed as killed"
last=$(q "SELECT inputs_skipped + inputs_imported FROM runs ORDER BY id DESC LIMIT 1")
is "$last" "$inputs" "the last run skipped what was imported and imported the rest"

# Batches: a commit about every 0.3 s holds many inputs at once, and a kill
# loses only the open batch.
sed -e 's|var/store.db, commit_interval: 0|var/batched.db, commit_interval: 0.3|' \
	"$T/job.yaml" > "$T/batched.yaml"
mv "$T/batched.yaml" "$T/job.yaml"
db=$T/var/batched.db
kill_after 1
check_killed "the kill in the first batch"
ok "the first commit held several inputs ($n)" [ "$n" -gt 1 ]
run -q run "$T/job.yaml"
is "$status" 0 "batched: the next run completes"
is "$(q 'SELECT count(*) FROM documents')" "$inputs" "batched: one document per input, none twice"
is "$(q "INSERT INTO segments_fts(segments_fts) VALUES('integrity-check'); SELECT 'ok'")" ok \
	"batched: the full-text index is consistent with the segments"

# SIGTERM in the middle of a batch: the input being read is rolled back
# (its savepoint), the batch's earlier inputs are committed as the run
# closes, and the run is marked incomplete.
db=$T/var/term.db
sed -e 's|var/batched.db|var/term.db|' "$T/job.yaml" > "$T/term.yaml"
kill_after 1 TERM "$T/term.yaml"
check_killed "SIGTERM" 143
is "$(q "SELECT status, inputs_imported FROM runs ORDER BY id DESC LIMIT 1")" "incomplete|$n" \
	"after SIGTERM: the run is incomplete and counts what it committed"
is "$(q "INSERT INTO segments_fts(segments_fts) VALUES('integrity-check'); SELECT 'ok'")" ok \
	"after SIGTERM: the full-text index is consistent with the segments"

done_testing
