#!/bin/sh
# SPDX-License-Identifier: MIT
# A stop signal after every input has been read, while the worker threads
# are still busy with the analysis plugins (a large document takes them
# seconds; test-slow stands for that), stops the run at once on any number
# of threads: the exit status is 128 + the signal, the input being
# processed is named and not committed, the store records the run as
# incomplete, and a re-run imports what the stopped run did not.
. "$top_srcdir/tests/lib/tap.sh"

plugins="$top_builddir/tests/plugins"
mkdir "$T/in"
for i in 1 2 3 4; do
	printf 'Record %d of the stop test, on Internet governance.\n' $i > "$T/in/r$i.txt"
done
# job DELAY_MS: the job file, each document taking DELAY_MS in test-slow.
job() {
	cat <<YAML
job: stop
plugin_path: $plugins
inputs:
  - path: in/*.txt
pipeline:
  - test-slow: { delay_ms: $1 }
  - stats
outputs:
  - sqlite: { path: var/store.db }
  - jsonl: { path: json/docs.jsonl }
YAML
}
job 2000 > "$T/slow.yaml"
job 0 > "$T/rerun.yaml"

# Reading the four inputs takes a moment; the analysis, 8 s. The signal
# comes 1 s in, during the first document: without the stop the run
# would take 7 s more, and end as if nothing had happened.
for case in "default TERM 143 15" "2 INT 130 2" "2 HUP 129 1" "1 TERM 143 15"; do
	set -- $case
	threads=$1 sig=$2 expected=$3 number=$4
	name="$threads threads, SIG$sig"
	[ "$threads" = default ] && set -- || set -- --threads "$threads"
	rm -rf "$T/var" "$T/json"
	"$IGTEXT" run "$@" "$T/slow.yaml" > /dev/null 2> "$T/err" < /dev/null &
	pid=$!
	sleep 1
	kill "-$sig" "$pid"
	ends_within 4 "$pid" "$name: the run ends within 4 s of the signal"
	wait "$pid"
	is "$?" "$expected" "$name: exit status 128 + $number"
	like "$T/err" "interrupted by signal $number while processing [^ ]*in/r1.txt, which was not committed" \
		"$name: the input being processed is named"
	ok "$name: no JSON Lines file is committed" test ! -e "$T/json/docs.jsonl"
	is "$(ls "$T/json" | wc -l | tr -d ' ')" 0 "$name: no temporary file is left"
	"$IGTEXT" runs --db "$T/var/store.db" --json -n 1 > "$T/runs" 2>&1
	like "$T/runs" '"status":"incomplete"' "$name: the run is recorded as incomplete"
	like "$T/runs" '"inputs_imported":0' "$name: no input was committed"

	run run "$@" "$T/rerun.yaml"
	is "$status" 0 "$name: a re-run finishes the job"
	"$IGTEXT" runs --db "$T/var/store.db" --json -n 1 > "$T/runs" 2>&1
	like "$T/runs" '"status":"done"' "$name: the re-run is recorded as done"
	like "$T/runs" '"inputs_imported":4' "$name: the re-run imports every input"
	is "$(wc -l < "$T/json/docs.jsonl" | tr -d ' ')" 4 "$name: the re-run writes every document"
done

done_testing
