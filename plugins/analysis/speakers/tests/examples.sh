#!/bin/sh
# SPDX-License-Identifier: MIT
# The speakers plugin over every example record. The expected values were
# established by hand from the records: the turns and turn-taking pairs
# from the sequence of >> labels of the transcript, word counts by
# counting the words of short turns and statements (Anriette Esterhuysen:
# 17 + 60 + 33 = 110; IGF SUPPORT STAFF, unattributed: 43; Roman Chukov:
# 25 + 27 + 24 + 17 + 20 = 113), identities and affiliations by reading
# the speaker lists, the mail's participants list and the introductions.
. "$top_srcdir/tests/lib/tap.sh"
need jq

cp "$top_srcdir"/configs/examples/*.txt "$T/"
cat > "$T/job.yaml" <<YAML
job: speakers-examples
inputs:
  - path: "*.txt"
pipeline:
  - speakers
outputs:
  - jsonl: { path: out.jsonl, tables: true }
YAML
run run -q "$T/job.yaml"
is "$status" 0 "the job runs"
out="$T/out.jsonl"

doc() { jq -c "select(.format == \"$1\")" "$out"; }
q() { # FORMAT JQ-FILTER: the filter applied to that format's documents
	doc "$1" | jq -r "$2"
}
person() { # FORMAT NAME FIELD
	doc "$1" | jq -r --arg n "$2" ".metrics.speakers.people[] | select(.name == \$n) | .$3"
}

# ---- captions: IGF 2020 WS 81 ----
is "$(q captions '.metrics.speakers.speakers')" 9 "captions: nine people speak"
is "$(person captions 'Milton Mueller' turns)" 34 "captions: Milton Mueller has 34 turns (37 labels, 3 following his own)"
for t in 'Peixi Xu:6' 'Feng Guo:6' 'Charles Mok:5' 'Stephen Anderson:4' 'Joanna Kulesza:4' \
	'Jyoti Panday:3' 'Iginio Gagliardone:3' 'Anriette Esterhuysen:1'; do
	is "$(person captions "${t%:*}" turns)" "${t#*:}" "captions: ${t%:*} has ${t#*:} turns"
done
is "$(person captions 'Anriette Esterhuysen' words)" 110 "captions: Anriette Esterhuysen says 110 words"
is "$(person captions 'Anriette Esterhuysen' longest_turn_words)" 110 "captions: in one turn"
is "$(person captions 'Anriette Esterhuysen' first_segment)/$(person captions 'Anriette Esterhuysen' last_segment)" \
	3/5 "captions: her three paragraphs are segments 3 to 5"
is "$(q captions '.metrics.speakers.unattributed_words')" 43 "captions: the support staff's 43 words are spoken but unattributed"
is "$(person captions 'Milton Mueller' first_segment)" 0 "captions: Milton Mueller speaks first"
is "$(q captions '(([.metrics.speakers.people[].words] | add) + .metrics.speakers.unattributed_words) == .metrics.speakers.spoken_words')" \
	true "captions: the people's words and the unattributed ones make the spoken words"
is "$(q captions '(.metrics.speakers.people | max_by(.words) | .name)')" "Milton Mueller" "captions: the moderator speaks most"
is "$(q captions '(.metrics.speakers.top_share - ((.metrics.speakers.people | max_by(.words) | .words) / .metrics.speakers.spoken_words)) | fabs < 1e-9')" \
	true "captions: top_share is his share"
mm=$(person captions 'Milton Mueller' person_id)
px=$(person captions 'Peixi Xu' person_id)
fg=$(person captions 'Feng Guo' person_id)
an=$(person captions 'Anriette Esterhuysen' person_id)
pair() { q captions ".metrics.speakers.pairs[] | select(.from == \"$1\" and .to == \"$2\") | .count"; }
is "$(pair "$mm" "$px")/$(pair "$px" "$mm")" 6/6 "captions: Milton Mueller -> Peixi Xu 6 times, and back 6"
is "$(pair "$mm" "$fg")/$(pair "$fg" "$mm")" 6/6 "captions: Milton Mueller <-> Feng Guo 6 each way"
is "$(pair "$mm" "$an")/$(pair "$an" "$mm")" 1/1 "captions: Milton Mueller <-> Anriette Esterhuysen once each way"
is "$(q captions '.metrics.speakers.pairs | length')" 16 "captions: 16 distinct pairs, all with the moderator"
is "$(q captions '[.metrics.speakers.pairs[].count] | add')" 64 "captions: 64 changes of speaker (67 turns, the staff turn breaks two)"
is "$(q captions '[.people[] | select(.name == "Feng Guo") | .affiliation][0]')" "the China Academy of ICT" \
	"captions: 'My name is Guo Feng from the China Academy of ICT' gives FENG GUO his affiliation"
is "$(q captions '[.metrics.speakers.links[] | select(.form == "Guo Feng" and .rule == "self-introduction")] | length')" 1 \
	"captions: Guo Feng, said by FENG GUO, is recorded as his form"
is "$(q captions '[.people[] | select(.name == "Stephen Anderson") | .affiliation][0]')" "the US State Department" \
	"captions: 'Stephen Anderson of the US State Department'"
is "$(q captions '[.people[] | select(.name == "Milton Mueller") | .affiliation, .position] | join("|")')" \
	"the Georgia Institute of Technology|Professor" "captions: 'I am Milton Mueller, a Professor at the Georgia Institute of Technology'"
is "$(q captions '[.people[] | select(.name == "Jyoti Panday" or .name == "Joanna Kulesza") | .affiliation] | map(tostring) | join(",")')" \
	"null,null" "captions: 'from India', 'from Europe' are places, not affiliations"
is "$(q captions '[.people[] | select(.name == null) | .id] | map(tostring) | join(",")')" "null" \
	"captions: the role-only IGF SUPPORT STAFF gets no person_id"
is "$(q captions '.metrics.speakers.speaker_ids["Milton Mueller"]')" "$mm" "captions: speaker strings map to person ids"

# ---- highlights: Shanghai Forum 2017 ----
is "$(q highlights '.metrics.speakers.speakers')" 6 "highlights: six speakers make statements"
is "$(person highlights 'Roman Chukov' words)" 113 "highlights: Roman Chukov's statement has 113 words"
is "$(person highlights 'Chu Nan' turns)/$(person highlights 'Chu Nan' first_segment)/$(person highlights 'Chu Nan' last_segment)" \
	1/2/6 "highlights: Chu Nan's statement and list items are one turn, segments 2-6"
is "$(person highlights 'ShenYi' turns)" 0 "highlights: the chair's words carry no speaker"
is "$(q highlights '.metrics.speakers.pairs | length')" 5 "highlights: five pairs in the order of the statements"
is "$(q highlights '[.people[] | .id | select(. != null)] | length')" 8 "highlights: every named person has an id"

# ---- igf-report: OF 20, 2018, long and short report ----
is "$(q igf-report 'select(.kind == "report") | .people | length' | sort -u)" 11 \
	"igf-report: chair Mr. Yuxiao Li and speaker Professor. Li Yuxiao are one person (12 -> 11)"
li=$(q igf-report 'select(.kind == "report") | .people[] | select(.name == "Yuxiao Li") | [.id, (.roles | join(",")), .affiliation, .position, .honorific] | join("|")' | sort -u)
is "$(echo "$li" | cut -d'|' -f2-)" "chair,speaker|Chinese Academy of Cyberspace Studies|Vice-President|Mr." \
	"igf-report: the merged person keeps both roles and the speaker line's affiliation"
is "$(q igf-report 'select(.kind == "report") | .metrics.speakers.people[] | select(.name == "Yuxiao Li") | .forms | join("|")' | sort -u)" \
	"Yuxiao Li|Mr. Yuxiao Li|Li Yuxiao|Professor. Li Yuxiao" "igf-report: every form is recorded"
is "$(q igf-report 'select(.kind == "report") | .metrics.speakers.speakers' | sort -u)" 0 "igf-report: lists, no speech"
art=$(q article '.people[0].id')
is "$(echo "$li" | cut -d'|' -f1)" "$art" "the article's Li Yuxiao has the same person_id as the report's Yuxiao Li"

# ---- pipermail: CCWG IG, 24 March 2018 ----
pm() { q pipermail ".people[] | select(.name == \"$1\") | [(.roles | join(\",\")), (.affiliation // \"-\")] | join(\"|\")"; }
is "$(q pipermail '.people | length')" 9 "pipermail: the author, the moderator and seven people introduced"
is "$(pm 'Nigel Hickson')" "author|-" "pipermail: the author"
is "$(pm 'Marilyn Cade')" "moderator|-" "pipermail: 'kindly moderated by Marilyn Cade'"
is "$(pm 'Matthew Shears')" "participant|ICANN Board" "pipermail: 'Matthew Shears (ICANN Board)'"
is "$(pm 'Hu Xianhong')" "participant|UNESCO" "pipermail: 'Hu Xianhong  (UNESCO)'"
is "$(pm 'Anja Gengo')" "participant|IGF Secretariat" "pipermail: 'Anja Gengo  (IGF Secretariat)'"
is "$(pm 'Tatiana Tropina')" "participant|-" "pipermail: '(Remote)' is no affiliation"
is "$(pm 'Joanna Kulesza')" "|University of Lodz" "pipermail: not present, but 'Joanna Kulesza (University of Lodz)'"

# ---- the people table ----
is "$(jq -c 'select(.table == "people")' "$out" | wc -l | tr -d ' ')" \
	"$(jq -r 'select(.format) | .people[] | .id // empty' "$out" | sort -u | wc -l | tr -d ' ')" \
	"table: one row per distinct person_id"
row=$(jq -c --arg id "$art" 'select(.table == "people" and .person_id == $id)' "$out")
is "$(echo "$row" | jq -r '.roles | join(",")')" "author,chair,speaker" "table: Li Yuxiao's roles from three documents"
is "$(echo "$row" | jq -r '.documents | length')" 3 "table: Li Yuxiao appears in the article and both reports"
jk=$(person captions 'Joanna Kulesza' person_id)
is "$(jq -r --arg id "$jk" 'select(.table == "people" and .person_id == $id) | .documents | length' "$out")" 2 \
	"table: Joanna Kulesza is one person in the transcript and the mail"

# ---- stable ids: a second run gives the same ones ----
first=$(jq -r 'select(.format) | .people[].id' "$out" | md5sum)
rm "$out"
run run -q "$T/job.yaml"
is "$(jq -r 'select(.format) | .people[].id' "$out" | md5sum)" "$first" "ids are the same in a second run"
is "$mm" "p-2406998adb5e06ec" "ids are FNV-1a 64 of the key: 'milton mueller'"

done_testing
