#!/bin/sh
# SPDX-License-Identifier: MIT
# The entities plugin end to end on the example records. Every expected
# count below was established by hand from the text (grep and reading),
# not captured from the plugin's output; the reasoning is noted beside it.
. "$top_srcdir/tests/lib/tap.sh"

cp "$top_srcdir"/configs/examples/*.txt "$T/"
cat > "$T/job.yaml" <<YAML
job: entities-examples
inputs:
  - path: "*.txt"
pipeline:
  - entities
outputs:
  - jsonl: { path: out.jsonl, tables: true }
YAML
run run -q "$T/job.yaml"
is "$status" 0 "a job with the entities plugin runs over the examples"

# counts RECORD: the metrics.entities.counts object of that record's document.
counts() {
	grep "\"path\":\"[^\"]*$1" "$T/out.jsonl" | head -1 |
		sed -n 's/.*"entities":{"counts":{\([^}]*\)}.*/\1/p'
}
# check RECORD NAME N WHY
check() {
	got=$(counts "$1" | grep -o "\"$2\":[0-9]*" | sed 's/.*://')
	is "${got:-0}" "$3" "$1: $2 x$3 ($4)"
}
# distinct RECORD N: how many entities the record has, so that a false
# friend adding one more fails the test.
distinct() {
	got=$(counts "$1" | grep -o '":[0-9][0-9]*' | wc -l | tr -d ' ')
	is "$got" "$2" "$1: $2 distinct entities"
}

r=forum-highlights-shanghai-2017
check $r "Internet Assigned Numbers Authority" 8 "IANA written 8 times"
check $r "Internet Corporation for Assigned Names and Numbers" 3 "ICANN twice, the typo ICAN once"
check $r "United States" 7 "US 3 times, United States 4 times"
check $r "IANA Stewardship Transition Coordination Group" 1 "ICG"
check $r "Public Technical Identifiers" 1 "PTI"
check $r "United Nations" 1 "the United Nations declared"
check $r "China" 3 "China 3 times; Chinese is not China"
distinct $r 7
like "$T/out.jsonl" '"surface":"ICAN","source":"typo"\},"score":0.75' "ICAN is a typo of ICANN, scored below 1"

r=pipermail-ccwg-ig-2018
check $r "Cross Community Working Group on Internet Governance" 3 "CCWG IG 3 times"
check $r "WSIS Forum" 6 "WSIS Forum 6 times"
check $r "World Summit on the Information Society" 2 "WSIS 8 times, 6 of them in WSIS Forum"
check $r "Internet Governance Forum" 6 "IGF 8 times, 2 of them in IGF Secretariat"
check $r "IGF Secretariat" 2 "IGF Secretariat twice"
check $r "National and Regional IGF Initiatives" 4 "NRIs 4 times"
check $r "IANA stewardship transition" 2 "the ICANN IANA Transition, the IANA Transition"
check $r "Internet Corporation for Assigned Names and Numbers" 9 \
	"ICANN 12 times less 2 ICANN Board, less the one in ICANN IANA Transition"
check $r "ICANN Board" 2 "Matthew Shears (ICANN Board) twice"
check $r "United Nations Conference on Trade and Development" 4 "UNCTAD 4 times"
check $r "United Nations Educational, Scientific and Cultural Organization" 4 "UNESCO 4 times"
check $r "International Telecommunication Union" 8 "ITU 8 times; itu.int is not ITU"
check $r "UN Group of Governmental Experts" 1 "UN GGE"
check $r "United Nations" 2 "UN 3 times, one of them in UN GGE"
check $r "World Trade Organization" 1 "WTO"
check $r "World Bank" 1 "World Bank"
check $r "NETmundial" 1 "NETMundial, in another case"
check $r "Sustainable Development Goals" 1 "SDGs"
check $r "Internet Society" 1 "ISOC/ICANN"
check $r "IGF Best Practice Forum" 1 "BPF"
check $r "United States" 1 "a US Bill"
check $r "Russia" 1 "Russia"
check $r "Botswana" 1 "Botswana"
check $r "Namibia" 2 "Namibia twice"
distinct $r 24

r=article-cyberspace-rules-2016
check $r "Internet Corporation for Assigned Names and Numbers" 8 \
	"the long name once (its (ICANN) is not counted again), ICANN 9 times less the one in the CCWG's name"
check $r "Internet Assigned Numbers Authority" 1 "defined once with (IANA); the other IANA is in an alias of the transition"
check $r "IANA stewardship transition" 1 "transition of the IANA stewardship"
check $r "IANA Stewardship Transition Coordination Group" 1 "ICG"
check $r "Cross Community Working Group on Enhancing ICANN Accountability" 1 "defined once"
check $r "National Telecommunications and Information Administration" 1 "defined once"
check $r "United States" 20 "US 13 times less the one in US-EU Safe Harbor, U.S. twice, United States 6 times"
check $r "European Union" 5 "EU 6 times less the one in US-EU Safe Harbor"
check $r "EU-US Safe Harbor" 2 "Safe Harbor Agreement, US-EU Safe Harbor Framework"
check $r "Court of Justice of the European Union" 1 "European Court of Justice"
check $r "China" 30 "China 30 times"
check $r "Brazil" 3 "Brazil 3 times"
check $r "World Internet Conference" 3 "3 times"
check $r "United Nations" 3 "UN twice, United Nations once"
check $r "Europe" 2 "Europe 3 times, one in European Court"
check $r "Asia" 2 "Asia twice"
check $r "South Africa" 1 "South Africa"
check $r "Africa" 0 "the only Africa is South Africa"
check $r "Committee for Internet-Related Policies" 1 "learned: CIRP"
check $r "Distributed Denial of Service" 1 "learned: DDOS"
check $r "Advanced Persistent Threat" 1 "learned: APT"
distinct $r 26
like "$T/out.jsonl" '\{"acronym":"IANA","long_name":"Internet Assigned Numbers Authority","entity":"Internet Assigned Numbers Authority","score":1\.0*\}' \
	"a defined acronym is linked to its gazetteer entry"
like "$T/out.jsonl" '\{"acronym":"CCWG-Accountability","long_name":"Cross Community Working Group on Enhancing ICANN Accountability"' \
	"CCWG-Accountability is learned from its long name"
like "$T/out.jsonl" '\{"acronym":"CIRP","long_name":"Committee for Internet-Related Policies"\}' \
	"an acronym without an entry is learned unlinked"

like "$T/out.jsonl" '"surface":"IGf","source":"typo"\},"score":0.875' "IGf is read as IGF, scored below 1"
like "$T/out.jsonl" '^\{"table":"entities","name":"Internet Assigned Numbers Authority","kind":"organisation","mentions":9,"documents":\["[0-9a-f]*","[0-9a-f]*"\]\}$' \
	"the corpus table: one row per entity, its mentions and its documents"
rows=$(grep -c '"table":"entities"' "$T/out.jsonl")
names=$(grep '"table":"entities"' "$T/out.jsonl" | sed 's/.*"name":"\([^"]*\)".*/\1/' | sort -u | wc -l)
is "$rows" "$names" "one row per entity"

# A job's own gazetteer, named relative to the job file, is found whatever
# folder igtext runs in.
mkdir -p "$T/jobdir/lists" "$T/elsewhere"
cat > "$T/jobdir/lists/extra.yaml" <<'YAML'
entities:
  - name: Test Body of Examples
    kind: organisation
    acronyms: [TBOE]
YAML
printf 'The TBOE met twice.\n' > "$T/jobdir/note.txt"
cat > "$T/jobdir/job.yaml" <<'YAML'
job: own-gazetteer
inputs:
  - path: note.txt
    format: plain
pipeline:
  - entities: { gazetteer: [lists/extra.yaml] }
outputs:
  - jsonl: { path: out.jsonl }
YAML
(cd "$T/elsewhere" && "$IGTEXT" -q run ../jobdir/job.yaml) > /dev/null 2> "$T/err-own"
is "$?" 0 "a job with its own gazetteer runs from another folder"
like "$T/jobdir/out.jsonl" '"Test Body of Examples":1' "the gazetteer named relative to the job file is used"

# note_counts DIR: run DIR/job.yaml (in DIR) over its note; the counts
# of the note's document.
note_counts() {
	(cd "$1" && "$IGTEXT" -q run job.yaml) > /dev/null 2>&1
	sed -n 's/.*"entities":{"counts":{\([^}]*\)}.*/\1/p' "$1/out.jsonl"
}

# False friends of the shipped gazetteer, each checked by reading: places
# named after a country, another country's department, a common noun.
mkdir -p "$T/friends"
printf '%s\n' 'New Mexico and the Niger Delta, Papua New Guinea and guinea pigs, American Samoa.' \
	'The Indian Department of Commerce and the Department of Commerce of the Philippines.' \
	'A new privacy shield for children. The Department of Commerce and NTIA.' > "$T/friends/note.txt"
cat > "$T/friends/job.yaml" <<'YAML'
job: false-friends
inputs:
  - path: note.txt
    format: plain
pipeline:
  - entities
outputs:
  - jsonl: { path: out.jsonl }
YAML
got=$(note_counts "$T/friends")
is "$got" '"Papua New Guinea":1,"Philippines":1,"United States Department of Commerce":1,"National Telecommunications and Information Administration":1' \
	"New Mexico, the Niger Delta, guinea pigs, American Samoa, other departments of commerce and a privacy shield are none of ours"

# Bodies and companies named after their country are not mentions of the
# country; the country beside them still is.
mkdir -p "$T/named"
printf '%s\n' 'China Mobile, China Telecom and China Unicom met the Internet Society of China' \
	'and the Japan Network Information Center (JPNIC) in China; the League of Arab States,' \
	'the Organization of American States and the Nigeria Internet Registration Association' \
	'joined from Nigeria.' > "$T/named/note.txt"
sed 's/false-friends/named/' "$T/friends/job.yaml" > "$T/named/job.yaml"
got=$(note_counts "$T/named")
is "$got" '"China Mobile":1,"China Telecom":1,"China Unicom":1,"Internet Society of China":1,"Japan Network Information Center":1,"China":1,"League of Arab States":1,"Organization of American States":1,"Nigeria Internet Registration Association":1,"Nigeria":1' \
	"China once and Nigeria once, beside six bodies named after a country; JPNIC beside its name once"

# A name and its acronym side by side are one mention, whatever their
# letters; a parenthesis holding more, or another body, is not a pair.
printf '%s\n' 'The RIPE NCC (Réseaux IP Européens Network Coordination Centre), the Internet' \
	'Corporation for Assigned Names and Numbers (ICANN) and ICANN (IANA) met the ITU (UN agency).' > "$T/named/note.txt"
got=$(note_counts "$T/named")
is "$got" '"RIPE Network Coordination Centre":1,"Internet Corporation for Assigned Names and Numbers":2,"Internet Assigned Numbers Authority":1,"International Telecommunication Union":1,"United Nations":1' \
	"RIPE NCC and ICANN once each beside their names; ICANN (IANA) and the ITU (UN agency) are no pairs"

# Companies named after China are names as written; in prose the word is
# the country. A mistyped TRAI needs more than the letters of TRAIN.
printf '%s\n' 'In China mobile internet users now exceed one billion, and China telecom' \
	'operators must TRAIN THE TRAINERS, as TRAI asks, and keep an AUDIT TRAIL.' > "$T/named/note.txt"
got=$(note_counts "$T/named")
is "$got" '"China":2,"Telecom Regulatory Authority of India":1' \
	"China twice in prose; TRAIN and TRAIL are no typos of TRAI"

done_testing
