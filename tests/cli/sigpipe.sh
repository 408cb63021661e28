#!/bin/sh
# SPDX-License-Identifier: MIT
# Standard output piped to a reader that goes away (igtext ... | head):
# igtext run ignores SIGPIPE, so the write fails instead of killing it: it
# says so, exits 74, leaves no temporary file, and the store records the
# run as incomplete. igtext parse, which has nothing to record, ends quietly
# by SIGPIPE, as grep and jq do.
. "$top_srcdir/tests/lib/tap.sh"

# Enough documents that their JSON outgrows the pipe and stdio's buffer
# long after head has gone.
mkdir "$T/in"
i=0
while [ $i -lt 8 ]; do
	for f in "$top_srcdir"/configs/examples/*.txt; do cp "$f" "$T/in/$i-$(basename "$f")"; done
	i=$((i + 1))
done
cat > "$T/job.yaml" <<'YAML'
job: piped
inputs:
  - path: in/*.txt
pipeline:
  - stats
outputs:
  - sqlite: { path: var/store.db }
  - jsonl: { path: "-" }
  - jsonl: { path: json/docs.jsonl }
YAML

for threads in default 1 2; do
	[ "$threads" = default ] && set -- || set -- --threads "$threads"
	rm -rf "$T/var" "$T/json"
	{ "$IGTEXT" run "$@" "$T/job.yaml" 2> "$T/err" < /dev/null; echo $? > "$T/status"; } |
		head -c 100 > /dev/null
	is "$(cat "$T/status")" 74 "run, $threads threads: a reader gone is a failed output (74)"
	like "$T/err" "standard output: Broken pipe" "run, $threads threads: it says so"
	"$IGTEXT" runs --db "$T/var/store.db" --json -n 1 > "$T/runs" 2>&1
	like "$T/runs" '"status":"incomplete"' "run, $threads threads: the run is recorded as incomplete"
	ok "run, $threads threads: the JSON Lines file is not committed" test ! -e "$T/json/docs.jsonl"
	is "$(ls "$T/json" | wc -l | tr -d ' ')" 0 "run, $threads threads: no temporary file is left"
done

# A SIGPIPE ignored by whatever started the tests stays ignored (a shell
# cannot restore it): parse then reports the failed write instead.
ignored=$(awk '/^SigIgn:/ { print $2 }' /proc/self/status 2> /dev/null)
if [ -n "$ignored" ] && [ $((0x$ignored >> 12 & 1)) = 1 ]; then
	tap_pass "parse: SIGPIPE is ignored here (# SKIP)"
	done_testing
	exit
fi
for threads in 1 2; do
	{ "$IGTEXT" parse --threads $threads "$T"/in/*.txt 2> "$T/err" < /dev/null; echo $? > "$T/status"; } |
		head -c 100 > /dev/null
	is "$(cat "$T/status")" 141 "parse, $threads threads: ends by SIGPIPE (128 + 13)"
	is "$(wc -c < "$T/err" | tr -d ' ')" 0 "parse, $threads threads: and says nothing"
done

done_testing
