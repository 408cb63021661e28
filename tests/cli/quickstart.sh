#!/bin/sh
# SPDX-License-Identifier: MIT
# The README's quick start: the example job imports every example record
# into the store, a search finds them, and a second run skips them all.
. "$top_srcdir/tests/lib/tap.sh"

mkdir -p "$T/configs"
cp "$top_srcdir/configs/example.yaml" "$T/configs/"
cp -R "$top_srcdir/configs/examples" "$T/configs/"
chmod -R u+w "$T" # the source tree is read-only under distcheck
n=$(ls "$T/configs/examples"/*.txt | wc -l | tr -d ' ')

run run "$T/configs/example.yaml"
is "$status" 0 "the example job: exit 0"
like "$T/err" "job 'example': $n inputs read, 0 bad; [0-9]+ documents imported" \
	"it reads every example record"
ok "the store is beside the configs folder" test -f "$T/var/example.db"
run search --job "$T/configs/example.yaml" multistakeholder OR multi-stakeholder
is "$status" 0 "the README's search finds hits"
like "$T/out" "ccwg-internet-governance" "among them the mailing-list message"
like "$T/out" "Overcoming the US-China digital Cold War" "and the transcript"
run run "$T/configs/example.yaml"
like "$T/err" "0 inputs read, 0 bad, $n unchanged; 0 documents" "a second run skips every record"
run runs --job "$T/configs/example.yaml"
is "$(grep -c ' done ' "$T/out")" 2 "igtext runs lists both runs"

done_testing
