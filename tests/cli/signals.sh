#!/bin/sh
# SPDX-License-Identifier: MIT
# A run stopped by SIGTERM or SIGINT (a timer's timeout, Ctrl-C) exits
# 128 + the signal, commits nothing and leaves no temporary file: the
# previous output file, if any, is untouched.
. "$top_srcdir/tests/lib/tap.sh"

cat > "$T/job.yaml" <<'YAML'
job: slow
inputs:
  - path: "-"
    format: plain
outputs:
  - jsonl: { path: out/docs.jsonl }
YAML

# stop_run SIGNAL: run the job on a standard input that stays open, then
# send SIGNAL once it is running; sets $status.
stop_run() {
	{ printf 'first paragraph\n\nsecond\n'; sleep 5; } | "$IGTEXT" -q run "$T/job.yaml" 2> "$T/err" &
	pid=$!
	sleep 1
	# The pipeline's last process is igtext (the libtool wrapper execs it).
	pkill "-$1" -f "run $T/job.yaml" || kill "-$1" "$pid"
	wait "$pid"
	status=$?
}

stop_run TERM
is "$status" 143 "SIGTERM: exit status 128 + 15"
like "$T/err" "interrupted by signal 15" "SIGTERM: the reason is printed"
ok "SIGTERM: no output file was committed" test ! -e "$T/out/docs.jsonl"
is "$(ls "$T/out" | wc -l | tr -d ' ')" 0 "SIGTERM: no temporary file is left"

echo '{"old":true}' > "$T/out/docs.jsonl"
stop_run INT
is "$status" 130 "SIGINT: exit status 128 + 2"
is "$(cat "$T/out/docs.jsonl")" '{"old":true}' "SIGINT: the previous output is untouched"
is "$(ls "$T/out" | wc -l | tr -d ' ')" 1 "SIGINT: no temporary file is left"

done_testing
