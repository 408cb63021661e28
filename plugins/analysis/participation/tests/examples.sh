#!/bin/sh
# SPDX-License-Identifier: MIT
# The participation plugin end to end on the example records, plus two
# forms of the igf-report plugin's test cases that the examples lack (the
# 2017 form with a percentage and speakers' genders; a Short Report only).
# Every expected value below was established by hand from the records'
# text (line numbers given), not captured from the plugin's output.
. "$top_srcdir/tests/lib/tap.sh"

cp "$top_srcdir"/configs/examples/*.txt "$T/"
cases="$top_srcdir/plugins/format/igf-report/tests/cases"
cp "$cases/label-variants-2017.txt" "$cases/short-report-only.txt" "$T/"
cat > "$T/job.yaml" <<YAML
job: participation-examples
inputs:
  - path: "*.txt"
pipeline:
  - participation
outputs:
  - jsonl: { path: out.jsonl, tables: true }
YAML
run run -q "$T/job.yaml"
is "$status" 0 "a job with the participation plugin runs over the examples"

# doc PATTERN...: metrics.participation of the first document line that
# matches every grep -E PATTERN.
doc() {
	d_lines=$(grep -v '^{"table"' "$T/out.jsonl")
	for d_p in "$@"; do d_lines=$(printf '%s\n' "$d_lines" | grep -E -- "$d_p"); done
	printf '%s\n' "$d_lines" | head -1 | sed -n 's/.*"participation":{\(.*\)}}}$/\1/p'
}
# has TEXT SUBSTRING WHY
has() {
	case $1 in
	*"$2"*) tap_pass "$3" ;;
	*) tap_fail "$3" "no '$2' in: $1" ;;
	esac
}

# The IGF 2018 OF20 form, Long Report (lines 58-63 of the record).
m=$(doc 'igf-report-form' '"report":"long"')
has "$m" '"participants":100,"participants_qualifier":"about"' \
	"long: About 100 participants. (line 59)"
has "$m" '"women":40,"women_qualifier":"about"' "long: About 40 women present. (line 61)"
has "$m" '"women_includes_gender_variant":true' \
	"long: the question counts women and gender-variant individuals (line 60)"
has "$m" '"gender_variant":null' "long: no gender-variant count apart"
has "$m" '"women_share":0.4,' "long: 40 / 100"
has "$m" '"women_share_from":"counts"' "long: the share from the two counts"
has "$m" '"gender_discussed":false' "long: No discussion related to gender issues. (line 63)"
has "$m" '"speakers":9,' "long: nine lines in the speakers' answer"
has "$m" '"speakers_by_gender":null' "long: the Long Report does not ask for genders"
has "$m" '"source":"form"' "long: read from the form"

# The Short Report (lines 112-116): the participants' answer is empty.
m=$(doc 'igf-report-form' '"report":"short"')
has "$m" '"participants":null' "short: the participants' answer is empty (line 112)"
has "$m" '"women":40' "short: About 40 women present. (line 114)"
has "$m" '"women_share":null' "short: no share without participants (never from the Long one)"
has "$m" '"gender_discussed":false' "short: No discussion related to gender issues. (line 116)"
has "$m" '"speakers_by_gender":{"not_stated":9}' \
	"short: the question asks for genders (line 80), none of the nine states one"

# The session description is no report.
m=$(doc 'igf-report-form' '"kind":"session-description"')
has "$m" '"source":"text"' "description: not a form"
has "$m" '"participants":null' "description: no counts"
has "$m" '"speakers":null' "description: no speech, no speakers"

# The 2017 test form: Approximately 35; 25%; Briefly: one speaker noted …;
# three speakers: female, male, (female).
m=$(doc 'label-variants-2017')
has "$m" '"participants":35,"participants_qualifier":"about"' "2017: Approximately 35"
has "$m" '"women":null' "2017: 25% is no count of women"
has "$m" '"women_share":0.25' "2017: but a share"
has "$m" '"women_share_from":"percent"' "2017: stated as a percentage"
has "$m" '"gender_discussed":true' "2017: Briefly: one speaker noted that women-led businesses …"
has "$m" '"speakers":3,"speakers_by_gender":{"female":2,"male":1}' \
	"2017: Amina Wekesa female, Rohan Mehta male, Ines Carvalho (female)"

# The Short Report only (2017): About 50, Approximately 20, Not discussed.
m=$(doc 'short-report-only')
has "$m" '"participants":50' "short 2017: About 50"
has "$m" '"women":20' "short 2017: Approximately 20"
has "$m" '"women_share":0.4,' "short 2017: 20 / 50"
has "$m" '"gender_discussed":false' "short 2017: Not discussed."
has "$m" '"speakers_by_gender":{"female":1,"male":1}' \
	"short 2017: Dinh Van Long male, Priya Nair female"

# The transcript: ten labels (grep '>> *[^:]*:'), nine named people and
# IGF SUPPORT STAFF.
m=$(doc 'captions-igf2020')
has "$m" '"speakers":9' "captions: nine named speakers"
has "$m" '"unnamed_voices":1' "captions: IGF SUPPORT STAFF is a voice without a name"
has "$m" '"participants":null' "captions: form-only members are null"
has "$m" '"source":"text"' "captions: counted from the text"

# The highlights: six speaker blocks (Chu Nan, Maxim Mikhalev, Roman
# Chukov, Xu Weidi, Tian Shen, Jiang Tianjiao); the chair ShenYi (line 15)
# and the editor Yin Peiqiu (line 91) say nothing.
m=$(doc 'forum-highlights')
has "$m" '"speakers":6' "highlights: six speakers"
has "$m" '"unnamed_voices":0' "highlights: no unnamed voice"

# A mail message and an article have no speakers at all.
has "$(doc 'pipermail-ccwg')" '"speakers":null' "message: speakers null, not 0"
has "$(doc 'article-cyberspace')" '"speakers":null' "article: speakers null"

# The corpus table, one row per event and year.
rows=$(grep -c '^{"table":"participation"' "$T/out.jsonl")
is "$rows" 6 "six rows: IGF 2018, IGF 2017, IGF 2020, Shanghai Forum 2017, a 2018 message, \
an article of no date"
like "$T/out.jsonl" '^\{"table":"participation","id":"IGF 2018\|2018","event":"IGF 2018","year":2018,"documents":3,"reports":2,"sessions":1,"participants":100,"sessions_with_participants":1,"women":40,"sessions_with_women":1,"women_share":0\.4[0-9]*,"gender_discussed":0,"of":1,"conflicts":0\}$' \
	"IGF 2018: the Long and Short Report are one session: 100 participants, 40 women, once"
like "$T/out.jsonl" '^\{"table":"participation","id":"IGF 2017\|2017","event":"IGF 2017","year":2017,"documents":2,"reports":2,"sessions":2,"participants":85,"sessions_with_participants":2,"women":20,"sessions_with_women":1,"women_share":0\.4[0-9]*,"gender_discussed":1,"of":2,"conflicts":0\}$' \
	"IGF 2017: 35 + 50 participants, 20 women (25% is no count), the share from 20/50"
like "$T/out.jsonl" '"id":"IGF 2020\|2020",.*"documents":1,"reports":0,"sessions":0,"participants":null' \
	"IGF 2020: the transcript, no report"
like "$T/out.jsonl" '"id":"\|2018","event":null,"year":2018' "a message of no event: its year alone"
like "$T/out.jsonl" '"id":"\|","event":null,"year":null' "an article of no date and no event"

# With the speakers plugin first, its ids are used: the counts stay.
cat > "$T/both.yaml" <<YAML
job: participation-after-speakers
inputs:
  - path: "captions-igf2020-ws81.txt"
  - path: "forum-highlights-shanghai-2017.txt"
pipeline:
  - speakers
  - participation: {table: false}
outputs:
  - jsonl: { path: both.jsonl, tables: true }
YAML
run run -q "$T/both.yaml"
is "$status" 0 "a job with speakers, then participation runs"
like "$T/both.jsonl" '"participation":\{.*"speakers":9,' "captions: still nine speakers"
like "$T/both.jsonl" '"participation":\{.*"speakers":6,' "highlights: still six"
unlike "$T/both.jsonl" '"table":"participation"' "table: false gives no rows"

# form_formats: [] reads the reports as text.
cat > "$T/noform.yaml" <<YAML
job: participation-no-forms
inputs:
  - path: "igf-report-form-2018-of20.txt"
pipeline:
  - participation: {form_formats: []}
outputs:
  - jsonl: { path: noform.jsonl }
YAML
run run -q "$T/noform.yaml"
is "$status" 0 "a job with form_formats: [] runs"
unlike "$T/noform.jsonl" '"source":"form"' "no document is read as a form"

done_testing
