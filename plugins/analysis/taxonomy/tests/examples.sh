#!/bin/sh
# SPDX-License-Identifier: MIT
# The taxonomy plugin end to end on the example records, with the shipped
# taxonomy. The topics that must and must not be found, and the counts
# below, were established by hand from the text (reading, and grep -i -o
# for the counts); the reasoning is noted beside each. Then the job's own
# taxonomy files: a topic added below a shipped one, and the errors of a
# bad file.
. "$top_srcdir/tests/lib/tap.sh"

cp "$top_srcdir"/configs/examples/*.txt "$T/"
cat > "$T/job.yaml" <<YAML
job: taxonomy-examples
inputs:
  - path: "*.txt"
pipeline:
  - taxonomy
outputs:
  - jsonl: { path: out.jsonl, tables: true }
YAML
run run -q "$T/job.yaml"
is "$status" 0 "a job with the taxonomy plugin runs over the examples"
is "$(grep -c '"taxonomy":{"topics":' "$T/out.jsonl")" 7 "each of the 7 documents has metrics.taxonomy"

# doc RECORD [N]: the Nth document (default 1) read from that record, in
# the output $out.
out=$T/out.jsonl
doc() {
	grep "\"path\":\"[^\"]*$1" "$out" | sed -n "${2:-1}p"
}
# topics RECORD [N]: its metrics.taxonomy.topics, as "id":score,…
topics() {
	doc "$1" "${2:-1}" | sed -n 's/.*"taxonomy":{"topics":{\([^}]*\)}.*/\1/p'
}
# has RECORD N ID WHY / hasnt RECORD N ID WHY: the topic is (not) listed.
has() {
	case ",$(topics "$1" "$2")," in
	*",\"$3\":"*) tap_pass "$1 #$2 has $3 ($4)" ;;
	*) tap_fail "$1 #$2 has $3 ($4)" "topics: $(topics "$1" "$2")" ;;
	esac
}
hasnt() {
	case ",$(topics "$1" "$2")," in
	*",\"$3\":"*) tap_fail "$1 #$2 has no $3 ($4)" "topics: $(topics "$1" "$2")" ;;
	*) tap_pass "$1 #$2 has no $3 ($4)" ;;
	esac
}
# top RECORD N ID WHY
top() {
	got=$(doc "$1" "$2" | sed -n 's/.*"taxonomy":{.*"top":"\{0,1\}\([a-z0-9-]*\)"\{0,1\},"segments".*/\1/p')
	is "$got" "$3" "$1 #$2: top topic $3 ($4)"
}
# spans RECORD N ID COUNT WHY: how many "topic" annotations name ID.
spans() {
	got=$(doc "$1" "$2" | grep -o "\"value\":{\"topic\":\"$3\"" | wc -l | tr -d ' ')
	is "$got" "$4" "$1 #$2: $4 spans of $3 ($5)"
}

r=article-cyberspace-rules-2016
has $r 1 iana-transition "the IANA Stewardship Transition, the transition of stewardship"
has $r 1 icann-accountability "Enhancing ICANN Accountability, CCWG-Accountability, ICANN reform"
has $r 1 cybercrime "cyber crime, Trojan botnet, phishing, DDOS"
has $r 1 cyber-conflict "cyber espionage, cyber terrorism, international cyberspace rules"
has $r 1 multilateralism "a multilateral, democratic and transparent system"
has $r 1 cyber-sovereignty "information sovereignty, cyber sovereignty"
has $r 1 data-protection "the Safe Harbor Agreement, personal data"
has $r 1 privacy "the Prism scandal, privacy protection"
has $r 1 netmundial "the NetMundial Initiative"
has $r 1 internet-fragmentation "the fragmentation of the cyberspace"
has $r 1 governance-processes "rolled up from its children"
hasnt $r 1 standards "'no double standards' is not about technical standards"
hasnt $r 1 gender "not discussed"
hasnt $r 1 e-commerce "not discussed"
hasnt $r 1 encryption "not discussed"
# own scores: cybersecurity 25 (cyber security x5 at 3, cyber attacks x3 at
# 2, security of industrial systems 2, secure ... cyberspace 1, cyber issue
# 1); multilateralism 25 (multilateral x4 at 3, bilateral x5 at 1,
# framework of the UN 2, CIRP and its name 3 each): a tie, which the
# higher rolled-up score breaks
top $r 1 cybersecurity "own scores tie at 25 with multilateralism; cybersecurity rolls up more"
spans $r 1 multilateralism 12 "multilateral x4, bilateral x5, framework of the UN, CIRP, its name"
spans $r 1 cybercrime 6 "cyber crime, Trojan, botnet, phishing, DDOS, Distributed Denial of Service"

r=captions-igf2020-ws81
has $r 1 cyber-sovereignty "cyber sovereignty, 24 times"
has $r 1 multistakeholderism "the multi-stakeholder model"
has $r 1 privacy "surveillance, privacy"
has $r 1 data-protection "GDPR, 9 times"
has $r 1 content-regulation "the great firewall, fake news laws"
has $r 1 freedom-of-expression "censorship, self-censorship, chilling effect"
has $r 1 e-commerce "the trade war, the chip war, export controls"
has $r 1 digital-economy "China's digital economy"
has $r 1 standards "the new IP proposal"
has $r 1 internet-fragmentation "Balkanisation, two Internets"
has $r 1 telecom-infrastructure "5G"
has $r 1 encryption "back doors, cryptography"
hasnt $r 1 iana-transition "not discussed"
hasnt $r 1 gender "not discussed"
hasnt $r 1 online-education "'one school of thought', 'old school person' are not schools"
hasnt $r 1 capacity-building "'the exact same training' of diplomats is no capacity building"
hasnt $r 1 access "'For Internet users here' is not about access"
top $r 1 cyber-sovereignty "the session's main thread"
# cyber sovereignty x24, digital sovereignty x3, technology sovereignty x1,
# sovereignty alone x12 less one ("people's sovereignty", in a turn that
# names nothing digital), territorialisation, strategic autonomy x2, tech
# nationalism
spans $r 1 cyber-sovereignty 43 "every sovereignty claim in a digital context"

r=forum-highlights-shanghai-2017
has $r 1 iana-transition "the handover of IANA, the IANA transfer plan"
has $r 1 cybercrime "cybercrime, Internet crime x2"
has $r 1 critical-infrastructure "the key information infrastructure"
has $r 1 human-rights "access to the Internet as a basic human right"
has $r 1 access "the access to Internet"
has $r 1 cyber-sovereignty "cyberspace sovereignty"
has $r 1 icann-accountability "the empowerment community"
has $r 1 multilingualism "the local language"
hasnt $r 1 e-commerce "not discussed"
hasnt $r 1 data-protection "not discussed"
top $r 1 iana-transition "the first speaker's whole contribution"
# IANA alone x7 (of 8; the 8th is in "IANA transfer"), IANA transfer,
# handed over, handover x2, transfer (management committee), ICG, PTI,
# Post-Transition (the session's title)
spans $r 1 iana-transition 15 "IANA, its transfer and handover, ICG, PTI"

r=igf-report-form-2018-of20
has $r 1 emerging-technologies "Artificial Intelligence, blockchain, industrial Internet"
has $r 1 ip-addressing "IPv6"
has $r 1 cybercrime "new types of cyber attack and cyber crime"
has $r 1 multilateralism "a multilateral approach"
hasnt $r 1 dns "'Asia Pacific Top Level Domain Association' is a speaker's affiliation"
top $r 1 emerging-technologies "the description is about new technologies"
has $r 2 emerging-technologies "AI, blockchain, Industrial internet and IoTs"
has $r 2 wsis-igf "the IGF, the MAG, the World Summit on Information Society Forum"
hasnt $r 2 gender "the form's gender question and its answer are fields, not text"
top $r 2 emerging-technologies "the key messages"
has $r 3 wsis-igf "IGf serves as a way ..., the IGF will expand the consensus"
hasnt $r 3 gender "the same"

r=pipermail-ccwg-ig-2018-03-24
has $r 1 multistakeholderism "multistakeholder processes, MS approaches"
has $r 1 cybersecurity "cybersecuirty, 9 times"
has $r 1 wsis-igf "the WSIS Forum, the IGF, NRIs"
has $r 1 e-commerce "e-commerce, E Commerce Week, eTrade for All"
has $r 1 capacity-building "'capacity making' and capacity building"
has $r 1 child-safety "Child on-line Protection"
has $r 1 netmundial "NETMundial"
has $r 1 cyber-conflict "the UN GGE, norms"
has $r 1 dns "ccTLDs, the domain name of a country"
hasnt $r 1 intellectual-property "'piracy' here is the sea's, an analogy"
hasnt $r 1 privacy "not discussed"
top $r 1 multistakeholderism "the session's subject"
# Cybersecurity x1, cybersecuirty x6, Cybersecuirty x3, cyber-security,
# cyber security, Cyber Security
spans $r 1 cybersecurity 13 "every spelling, typos included"
# multistakeholder x6, Multistakeholder x3, multi-stakeholder x1, MS
# approach(es) and processes x4, bottom-up x1, stakeholder(s) x10
spans $r 1 multistakeholderism 25 "every spelling and sign"
# WSIS x8, IGF alone x6 (of 8; two are in "IGF Secretariat"), IGF
# Secretariat x2, NRIs x3 where the paragraph names the IGF (the fourth,
# "the doubling of NRIs", stands alone), BPF; not the "wsis" of the
# programme's web address
spans $r 1 wsis-igf 20 "the WSIS and IGF process, not a web address"

# The corpus table: one row per topic listed in a document of the run.
like "$T/out.jsonl" \
	'^\{"table":"taxonomy","id":"netmundial","label":"NETmundial","parent":"governance-processes","documents":2,"score":6\}$' \
	"NETmundial: 2 documents (article, pipermail), NETmundial once each at weight 3"
like "$T/out.jsonl" '^\{"table":"taxonomy","id":"iana-transition",.*"documents":3,' \
	"the IANA transition: article, highlights, pipermail"
like "$T/out.jsonl" '^\{"table":"taxonomy","id":"cybersecurity","label":"Cybersecurity","parent":null,"documents":7,' \
	"cybersecurity (a root) is in all 7 documents"
unlike "$T/out.jsonl" '^\{"table":"taxonomy","id":"gender"' "no document discusses gender"
is "$(tail -n 1 "$T/out.jsonl" | grep -c '"table":"taxonomy"')" 1 "rows come after the documents"

# annotations: false keeps the metrics and drops the annotations.
sed 's/  - taxonomy$/  - taxonomy: { annotations: false }/; s/out.jsonl/quiet.jsonl/' \
	"$T/job.yaml" > "$T/quiet.yaml"
run run -q "$T/quiet.yaml"
is "$(grep -c '"by":"taxonomy"' "$T/quiet.jsonl")" 0 "annotations: false adds no annotation"
is "$(grep -c '"taxonomy":{"topics":{"' "$T/quiet.jsonl")" 7 "... but every document has its topics"

# A job's own taxonomy: a topic below a shipped one.
cat > "$T/extra.yaml" <<'YAML'
topics:
  - id: cyber-diplomacy
    label: Cyber diplomacy
    parent: cyber-conflict
    rules:
      - {pattern: '\bmutual\s+trust\b', weight: 2}
YAML
sed 's/  - taxonomy$/  - taxonomy: { taxonomy: [extra.yaml] }/; s/out.jsonl/extra.jsonl/' \
	"$T/job.yaml" > "$T/extra-job.yaml"
run run -q "$T/extra-job.yaml"
is "$status" 0 "a job's taxonomy file is added to the shipped one"
# "mutual trust" 6 times in the article, at 2 each
out=$T/extra.jsonl
got=$(topics article-cyberspace 1 | grep -o '"cyber-diplomacy":[0-9]*' | sed 's/.*://')
is "$got" 12 "its topic scores in the article (mutual trust x6)"
like "$T/extra.jsonl" '"id":"cyber-diplomacy","label":"Cyber diplomacy","parent":"cyber-conflict"' \
	"... and has its row, below its shipped parent"

# Bad files of a job: configuration errors naming the place.
printf 'topics:\n  - id: cybersecurity\n    label: Again\n' > "$T/dup.yaml"
sed 's/  - taxonomy$/  - taxonomy: { taxonomy: [dup.yaml] }/' "$T/job.yaml" > "$T/dup-job.yaml"
run run -q "$T/dup-job.yaml"
is "$status" 78 "an id the shipped taxonomy has is a configuration error (EX_CONFIG)"
like "$T/err" "dup.yaml:2:9: topic id 'cybersecurity' is defined twice: first at .*internet-governance.yaml:[0-9]+:[0-9]+" \
	"... naming both places"
printf 'topics:\n  - id: bad\n    label: Bad\n    rules:\n      - (?<=a+)b\n' > "$T/bad.yaml"
sed 's/  - taxonomy$/  - taxonomy: { taxonomy: [bad.yaml], shipped: false }/' "$T/job.yaml" > "$T/bad-job.yaml"
run run -q "$T/bad-job.yaml"
is "$status" 78 "a pattern that does not compile is a configuration error"
like "$T/err" "bad.yaml:5:9: topic 'bad': pattern '\(\?<=a\+\)b' does not compile: .* \(at offset [0-9]+\)" \
	"... naming the file, line, column, pattern and offset"

done_testing
