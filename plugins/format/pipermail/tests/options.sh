#!/bin/sh
# SPDX-License-Identifier: MIT
# The pipermail plugin's options, through a job file (igtext parse has no
# way to set a format's options): `list` fills fields.list when a message
# names no list, and `max_thread_map` bounds the thread map, whose
# forgotten entries make a reply without References take its parent as
# root.
. "$top_srcdir/tests/lib/tap.sh"

cat > "$T/chain.mbox" <<'EOF'
From a at example.org  Mon Mar  5 10:00:00 2018
From: a at example.org (A)
Date: Mon, 5 Mar 2018 10:00:00 +0000
Subject: Root
Message-ID: <a@example.org>

First.

From x at example.org  Mon Mar  5 10:30:00 2018
From: x at example.org (X)
Date: Mon, 5 Mar 2018 10:30:00 +0000
Subject: Unrelated
Message-ID: <x@example.org>

Another thread.

From b at example.org  Mon Mar  5 11:00:00 2018
From: b at example.org (B)
Date: Mon, 5 Mar 2018 11:00:00 +0000
Subject: Re: Root
In-Reply-To: <a@example.org>
Message-ID: <b@example.org>

Second.

From y at example.org  Mon Mar  5 11:30:00 2018
From: y at example.org (Y)
Date: Mon, 5 Mar 2018 11:30:00 +0000
Subject: Unrelated again
Message-ID: <y@example.org>

Yet another thread.

From c at example.org  Mon Mar  5 12:00:00 2018
From: c at example.org (C)
Date: Mon, 5 Mar 2018 12:00:00 +0000
Subject: Re: Root
In-Reply-To: <b@example.org>
Message-ID: <c@example.org>

Third, without References.
EOF

job() {
	cat > "$T/job.yaml" <<YAML
job: options
inputs:
  - path: chain.mbox
    format: { pipermail: { $1 } }
outputs:
  - jsonl: { path: out.jsonl }
YAML
	rm -f "$T/out.jsonl"
	run -q run "$T/job.yaml"
}

field() {
	python3 -c 'import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    print(d["fields"][sys.argv[2]] or "null", end=" ")' "$T/out.jsonl" "$1"
}

job "list: governance"
is "$status" 0 "a job with the list option runs"
is "$(field list)" "governance governance governance governance governance " \
	"list: the option names the list of messages that name none"
is "$(field list_source)" "option option option option option " "list_source: option"

job "max_thread_map: 65536"
is "$(field thread_root)" "a@example.org x@example.org a@example.org y@example.org a@example.org " \
	"a roomy map: the reply of a reply finds the thread's root"

job "max_thread_map: 1"
is "$status" 0 "a map of one entry runs"
is "$(field thread_root)" "a@example.org x@example.org a@example.org y@example.org b@example.org " \
	"a map of one entry forgets: a reply without References then takes its parent"

# A Message-ID used again after the map has forgotten it: the repeat still
# gets an id of its own, so a store keeps both messages.
cp "$T/chain.mbox" "$T/chain.orig"
cat >> "$T/chain.mbox" <<'EOF'

From a at example.org  Mon Mar  5 13:00:00 2018
From: a at example.org (A)
Date: Mon, 5 Mar 2018 13:00:00 +0000
Subject: Root again
Message-ID: <a@example.org>

The same Message-ID, much later.
EOF
# Two Message-IDs that differ only in bytes that are not UTF-8.
printf '\nFrom q at example.org  Mon Mar  5 14:00:00 2018\nFrom: q at example.org (Q)\nMessage-ID: <m\351@example.org>\n\nOne.\n\nFrom q at example.org  Mon Mar  5 14:01:00 2018\nFrom: q at example.org (Q)\nMessage-ID: <m\350@example.org>\n\nTwo.\n' \
	>> "$T/chain.mbox"
job "max_thread_map: 1"
ids=$(python3 -c 'import json, sys
print(" ".join(json.loads(l)["id"] for l in open(sys.argv[1])))' "$T/out.jsonl")
is "$(echo "$ids" | tr ' ' '\n' | sort -u | wc -l | tr -d ' ')" 8 \
	"a repeated Message-ID, and two that differ only in bad bytes: eight messages, eight ids"
is "$(echo "$ids" | tr ' ' '\n' | grep -c '@example.org$')" 5 \
	"only the five first, valid Message-IDs are used as ids"
run run "$T/job.yaml" # again, with its warnings
like "$T/err" "Message-ID <a@example.org> already used earlier in this input" \
	"the repeat is named although the thread map forgot it"
like "$T/err" "Message-ID with bytes that are not UTF-8" "the undecodable ids are named"
mv "$T/chain.orig" "$T/chain.mbox"

job "max_thread_map: 0"
is "$status" 65 "max_thread_map 0: the input is not read"
like "$T/err" "max_thread_map must be between 1 and" "the error names the option"

done_testing
