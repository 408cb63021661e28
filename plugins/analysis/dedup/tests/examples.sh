#!/bin/sh
# SPDX-License-Identifier: MIT
# The dedup plugin end to end: the example records, the same transcript
# saved twice, a message cross-posted to three lists, and a second run
# against a store. What is expected was established by reading the
# records, not by capturing the plugin's output; the reasoning is noted
# beside each check.
. "$top_srcdir/tests/lib/tap.sh"
need jq

cp "$top_srcdir"/configs/examples/*.txt "$T/"
# The same transcript saved again, with CRLF line ends.
sed 's/$/\r/' "$T/captions-igf2020-ws81.txt" > "$T/transcript-saved-again.txt"

# One message sent to three lists (each copy with its own Message-ID,
# subject tag and footer). Mailman's footers are boilerplate to the
# pipermail plugin; the third list's footer is not one, so it stays text.
mkdir "$T/lists"
body='Good afternoon. This is a note of our CCWG IG Session on Monday in Geneva, kindly
moderated by Marilyn Cade. It was a very constructive and informative session on
the first day of the WSIS Forum. It explored a number of pertinent issues and
where, for many of the organisations present, multistakeholder approaches had made
a significant contribution to their initiatives and successes. In contrast it was
noted that while there were effective multilateral solutions, in cyberspace there
had been problems. The WSIS Forum approach to inclusiveness was recognised, as was
the IGF (and the NRIs) and the ICANN IANA Transition. Cybersecurity was thought to
be possibly the most significant Internet issue on which progress (and solutions)
were required.

Will circulate a wider report of the WSIS Forum in due course.

Nigel'
# message FILE TIME TAG ID FOOTER
message() {
	cat > "$T/lists/$1" <<EOF
From nigel.hickson at icann.org  Sat Mar 24 $2 2018
From: nigel.hickson at icann.org (Nigel Hickson)
Date: Sat, 24 Mar 2018 $2 +0000
Subject: [$3] Note of the CCWG IG session at the WSIS Forum
Message-ID: <$4>

$body

$5
EOF
}
message 1-ccwg.txt 13:56:31 "CCWG IG" note-ccwg@icann.org '_______________________________________________
CCWG-Internet-Governance mailing list
CCWG-Internet-Governance at icann.org
https://mm.icann.org/mailman/listinfo/ccwg-internet-governance'
message 2-governance.txt 14:02:10 Governance note-gov@icann.org '_______________________________________________
Governance mailing list
Governance at lists.igcaucus.org
https://lists.igcaucus.org/mailman/listinfo/governance'
message 3-isoc.txt 14:05:44 ISOC-Members note-isoc@icann.org 'You are subscribed to the ISOC Members discussion list. To change your
subscription or to leave the list, visit the members portal of the Internet
Society and choose your mailing list preferences.'

# job NAME [STORE]
job() {
	{
		printf 'job: %s\ninputs:\n  - path: "*.txt"\n  - path: "lists/*.txt"\n' "$1"
		if [ -n "${2:-}" ]; then
			printf 'pipeline:\n  - dedup: { store: %s }\n' "$2"
		else
			printf 'pipeline:\n  - dedup\n'
		fi
		printf 'outputs:\n  - jsonl: { path: %s.jsonl, tables: true }\n' "$1"
		[ -z "${3:-}" ] || printf '  - sqlite: { path: %s }\n' "$3"
	} > "$T/$1.yaml"
}
# The first run also fills a store, which the second run reads.
job first "" store.db
run run -q "$T/first.yaml"
is "$status" 0 "a job with the dedup plugin runs over the examples"
out="$T/first.jsonl"

# id SELECT: the id of the document jq's select(SELECT) picks.
id() { jq -r "select(.format and ($1)) | .id" "$out"; }
# dd SELECT FIELD: its metrics.dedup.FIELD.
dd() { jq -r "select(.format and ($1)) | .metrics.dedup.$2" "$out"; }

is "$(jq -c 'select(.format) | .metrics.dedup | select(.hash and .cluster)' "$out" | wc -l | tr -d ' ')" \
	11 "every one of the 11 documents has its hash and cluster"

desc='.kind == "session-description"'
long='.fields.report == "long"'
short='.fields.report == "short"'
long_id=$(id "$long")
desc_id=$(id "$desc")
# The Short Report repeats the Long Report's answers, shortened: of its 477
# distinct 3-word shingles, 456 (95.6%) are in the Long Report, whose 792
# it shares 456 of (Jaccard 456/813 = 0.56).
is "$(dd "$short" duplicate_of)" "$long_id" "the Short Report is a near-duplicate of the Long Report"
is "$(dd "$short" cluster)" "$long_id" "in the Long Report's cluster"
is "$(dd "$short" exact)" false "not an exact copy"
is "$(jq -r "select($short) | .metrics.dedup.containment >= 0.8" "$out")" true \
	"found by containment (by hand: 0.956)"
is "$(jq -r "select($short) | .metrics.dedup.similarity | . > 0.45 and . < 0.67" "$out")" true \
	"its Jaccard similarity estimated near 0.56"
# The session description shares one sentence with the Long Report (16%
# of its shingles), not more.
is "$(dd "$desc" duplicate_of)" null "the session description is nobody's duplicate"
is "$(dd "$long" duplicate_of)" null "nor is the Long Report (it comes first)"

# The transcript saved again: the same text, other line ends.
cap='.format == "captions" and (.source.path | test("captions-igf2020"))'
again='.source.path | test("transcript-saved-again")'
is "$(dd "$again" duplicate_of)" "$(id "$cap")" "the transcript saved again copies the first"
is "$(dd "$again" exact)" true "exactly (CRLF and LF give the same normalised text)"
is "$(dd "$again" similarity)" 1 "similarity 1"

# The cross-posted message.
is "$(dd '.id == "note-gov@icann.org"' duplicate_of)" note-ccwg@icann.org \
	"a message cross-posted with another footer and subject tag copies the first post"
is "$(dd '.id == "note-gov@icann.org"' exact)" true \
	"exactly: the footers are boilerplate, the subject tag is not text"
is "$(dd '.id == "note-isoc@icann.org"' duplicate_of)" note-ccwg@icann.org \
	"a copy whose footer stayed text is a near-duplicate of the first post"
is "$(dd '.id == "note-isoc@icann.org"' exact)" false "not an exact one"
# The body's 127 distinct shingles (132 words) are all in the copy, which
# has 32 more from its footer: Jaccard 127/159 = 0.799, containment 1.
is "$(jq -r 'select(.id == "note-isoc@icann.org") | .metrics.dedup.containment >= 0.8' "$out")" \
	true "found by containment (by hand: 1; Jaccard 0.799)"
is "$(dd '.id == "note-isoc@icann.org"' cluster)" note-ccwg@icann.org "in the first post's cluster"

# Unrelated records are never clustered: each other document is its own.
for r in '.format == "article"' "$cap" '.format == "highlights"' "$desc" "$long" \
	'.format == "pipermail" and (.source.path | test("pipermail-ccwg"))' \
	'.id == "note-ccwg@icann.org"'; do
	is "$(jq -r "select(.format and ($r)) | .metrics.dedup | (.duplicate_of == null and .cluster != null)" "$out")" \
		true "unrelated: $r copies nothing"
	is "$(jq -r "select(.format and ($r)) | .metrics.dedup.cluster == .id" "$out")" true \
		"and is its own cluster"
done

# The corpus table: three clusters, in the order their first document came.
rows=$(jq -c 'select(.table == "dedup")' "$out")
is "$(printf '%s\n' "$rows" | wc -l | tr -d ' ')" 3 "three cluster rows"
is "$(printf '%s\n' "$rows" | jq -r '.id' | tr '\n' ' ')" \
	"$(id "$cap") $long_id note-ccwg@icann.org " "named after their first documents"
is "$(printf '%s\n' "$rows" | jq -r '.documents | length' | tr '\n' ' ')" "2 2 3 " \
	"with 2, 2 and 3 documents"
is "$(printf '%s\n' "$rows" | jq -r '.exact' | tr '\n' ' ')" "true false false " \
	"only the transcript's is all exact"
is "$(printf '%s\n' "$rows" | sed -n 2p | jq -r '.documents[1]')" "$(id "$short")" \
	"the report's lists the Short Report after the Long one"

# A second run against the store the first one filled, with one more copy
# of the report.
if command -v sqlite3 > /dev/null 2>&1; then
	is "$(sqlite3 "$T/store.db" "SELECT count(*) FROM metrics WHERE plugin = 'dedup'")" 11 \
		"the store holds the 11 documents' dedup results"
	cp "$T/igf-report-form-2018-of20.txt" "$T/igf-report-copy.txt"
	job second store.db
	run run -q "$T/second.yaml"
	is "$status" 0 "the second run reads the store"
	out="$T/second.jsonl"
	is "$(jq -c 'select(.format) | {id, d: .metrics.dedup}' "$T/first.jsonl" | sort)" \
		"$(jq -c 'select(.format and (.source.path | test("igf-report-copy") | not)) |
			{id, d: .metrics.dedup}' "$out" | sort)" \
		"documents imported again keep their results: none is its own duplicate"
	copy='.source.path | test("igf-report-copy")'
	is "$(jq -r "select(.format and ($copy) and $long) | .metrics.dedup.duplicate_of" "$out")" "$long_id" \
		"the new copy of the Long Report copies the stored one"
	is "$(jq -r "select(.format and ($copy) and $short) | .metrics.dedup | .exact and .cluster == \"$long_id\"" "$out")" \
		true "the new Short Report is an exact copy, in the stored Long Report's cluster"
	is "$(jq -r "select(.format and ($copy) and $desc) | .metrics.dedup | [.exact, .duplicate_of] | @tsv" "$out")" \
		"$(printf 'true\t%s' "$desc_id")" "the new description copies the stored one"
	row=$(jq -c "select(.table == \"dedup\" and .id == \"$long_id\")" "$out")
	is "$(printf '%s' "$row" | jq -r '.documents | length')" 4 \
		"the Long Report's cluster: the stored two and their two new copies"
else
	for n in 1 2 3 4 5 6 7; do tap_pass "# SKIP no sqlite3 shell (the store is tested in test_dedup)"; done
fi

done_testing
