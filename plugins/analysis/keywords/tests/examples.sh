#!/bin/sh
# SPDX-License-Identifier: MIT
# The keywords plugin end to end on the example records. Every expected
# count below was established by hand from the text (grep for the word as
# a whole token, reading which lines are fields and which are segments),
# not captured from the plugin's output; the reasoning is noted beside it.
. "$top_srcdir/tests/lib/tap.sh"
need python3

cp "$top_srcdir"/configs/examples/*.txt "$T/"
job() { # NAME OPTIONS INPUT: a job over INPUT with keywords: OPTIONS
	cat > "$T/$1.yaml" <<YAML
job: $1
inputs:
  - path: "$3"
pipeline:
  - keywords: $2
outputs:
  - jsonl: { path: $1.jsonl, tables: true }
YAML
}

# facts JSONL: one tab-separated line per fact, for grep:
#   tf RECORD/N RANK TERM COUNT        metrics.keywords.top_tf
#   term RECORD/N RANK TERM COUNT      the keywords row's terms (TF-IDF)
#   phrase RECORD/N RANK PHRASE COUNT  the keywords row's phrases
#   meta RECORD/N STEMMER TOKENS COUNTED TERMS
#   corpus RANK TERM PHRASE DOCUMENTS COUNT
#   row RECORD/N                       a keywords row names a document
# RECORD is the input's name without .txt, N the document's place in it.
facts() {
	python3 - "$1" <<'PY'
import json, sys
docs, rows = [], []
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    (rows if "table" in o else docs).append(o)
name, seen = {}, {}
for d in docs:
    rec = d["source"]["path"].rsplit("/", 1)[-1].rsplit(".", 1)[0]
    seen[rec] = seen.get(rec, 0) + 1
    key = "%s/%d" % (rec, seen[rec])
    name[d["id"]] = key
    m = d["metrics"]["keywords"]
    print("meta\t%s\t%s\t%d\t%d\t%d" % (key, m["stemmer"], m["tokens"], m["counted"], m["terms"]))
    for i, t in enumerate(m["top_tf"]):
        print("tf\t%s\t%d\t%s\t%d" % (key, i + 1, t["term"], t["count"]))
n = 0
for r in rows:
    if r["table"] == "keywords":
        key = name.get(r["doc_id"], "?")
        print("row\t%s" % key)
        for i, t in enumerate(r["terms"]):
            print("term\t%s\t%d\t%s\t%d" % (key, i + 1, t["term"], t["count"]))
        for i, p in enumerate(r["phrases"]):
            print("phrase\t%s\t%d\t%s\t%d" % (key, i + 1, p["phrase"], p["count"]))
    elif r["table"] == "keywords-corpus":
        n += 1
        print("corpus\t%d\t%s\t%s\t%d\t%d" % (n, r["term"], str(r["phrase"]).lower(),
                                            r["documents"], r["count"]))
PY
}

tab=$(printf '\t')
# has FACTS LINE WHY: FACTS holds LINE exactly (fields joined by tabs).
has() {
	line=$(printf '%s' "$2" | tr '|' "$tab")
	if grep -qxF -- "$line" "$1"; then tap_pass "$3"
	else tap_fail "$3" "no line '$2' in the facts"; fi
}
# lacks FACTS PATTERN WHY: no fact matches grep -E PATTERN (| is a tab).
lacks() {
	pat=$(printf '%s' "$2" | tr '|' "$tab")
	if grep -qE -- "$pat" "$1"; then
		tap_fail "$3" "unexpected: $(grep -E -- "$pat" "$1" | head -2)"
	else tap_pass "$3"; fi
}

job all "{corpus_top: 100000}" "*.txt"
run run -q "$T/all.yaml"
is "$status" 0 "a job with the keywords plugin runs over the examples"
facts "$T/all.jsonl" > "$T/all.facts"
F=$T/all.facts
is "$(grep -c '^meta' "$F")" 7 "every document has metrics.keywords"
is "$(grep -c '^row' "$F")" 7 "one keywords row per document"
lacks "$F" '^row|\?' "each row's doc_id is a document's id"
lacks "$F" '^(tf|term)\|[^|]*\|[0-9]*\|(the|and|of|to|think|know|going|said)\|' \
	"no stopword among the top terms (think: 60 times in the transcript)"
lacks "$F" '^meta\|[^|]*\|[^e]' "no language given: every document is stemmed as English"

r=article-cyberspace-rules-2016/1
has "$F" "tf|$r|1|Internet|53" "$r: Internet 52 times in the text, once in the title"
has "$F" "tf|$r|2|governance|36" "$r: governance 36 times"
has "$F" "tf|$r|3|China|28" "$r: China 23 times, China's 5 (the possessive is the same term)"
for p in "Internet governance${tab}18" "President Xi Jinping${tab}6" "mutual trust${tab}6"; do
	grep -q "^phrase${tab}$r${tab}[0-9]*${tab}$p\$" "$F"
	ok "$r: phrase $(echo "$p" | tr "$tab" ' ') times" test $? -eq 0
done
grep -q "^term${tab}$r${tab}[0-9]${tab}cyberspace${tab}28\$" "$F"
ok "$r: cyberspace among the first ten terms by TF-IDF" test $? -eq 0

r=captions-igf2020-ws81/1
has "$F" "tf|$r|1|China|84" "$r: China 77 times, China's 7"
grep -q "^tf${tab}$r${tab}[0-9]*${tab}sovereignty${tab}40\$" "$F"
ok "$r: sovereignty 40 times (sovereign, once, is another term)" test $? -eq 0
for p in "cyber sovereignty${tab}24" "United States${tab}25" "digital economy${tab}15" \
	"multi-stakeholder model${tab}8" "Cold War${tab}7"; do
	grep -q "^phrase${tab}$r${tab}[0-9]*${tab}$p\$" "$F"
	ok "$r: phrase $(echo "$p" | tr "$tab" ' ') times" test $? -eq 0
done

r=forum-highlights-shanghai-2017/1
grep -q "^tf${tab}$r${tab}[0-9]*${tab}IANA${tab}8\$" "$F"
ok "$r: IANA 8 times" test $? -eq 0

# The report form: the session description, then the long and the short
# report. Field answers (title, speakers, themes) are not segments; the
# document's title ("Technological Innovation and Internet Governance
# Rules") is counted once.
r=igf-report-form-2018-of20/2
has "$F" "tf|$r|1|Internet|25" \
	"$r: Internet 31 times in the long report, 7 of them in fields, plus the title"
has "$F" "tf|$r|2|governance|21" "$r: governance 23 times, 3 in fields, plus the title"
has "$F" "tf|$r|3|development|13" "$r: development 13 times, before cyberspace (13, met later)"
has "$F" "tf|$r|4|cyberspace|13" "$r: cyberspace 13 times"
r=igf-report-form-2018-of20/3
has "$F" "tf|$r|1|Internet|20" "$r: Internet 26 times in the short report, 7 in fields, + title"
has "$F" "tf|$r|3|development|10" "$r: development 10 times"

r=pipermail-ccwg-ig-2018-03-24/1
grep -q "^tf${tab}$r${tab}[0-9]*${tab}multistakeholder${tab}9\$" "$F"
ok "$r: multistakeholder 9 times (multi-stakeholder, once, is another word)" test $? -eq 0
grep -q "^term${tab}$r${tab}[0-9]*${tab}cybersecuirty${tab}9\$" "$F"
ok "$r: the typo cybersecuirty 9 times, kept as written, among its top terms" test $? -eq 0
grep -q "^phrase${tab}$r${tab}[0-9]*${tab}WSIS Forum${tab}6\$" "$F"
ok "$r: phrase 'WSIS Forum' 6 times" test $? -eq 0
lacks "$F" '^corpus\|[0-9]*\|(https|net4|intro|www)\|' \
	"the URL https://www.itu.int/net4/wsis/…#intro is not read as words"

grep -q "^corpus${tab}1${tab}Internet${tab}false${tab}7${tab}" "$F"
ok "the run's first term is Internet, in all 7 documents" test $? -eq 0
grep -q "^corpus${tab}[0-9]*${tab}cyber sovereignty${tab}true${tab}2${tab}25\$" "$F"
ok "phrase 'cyber sovereignty': 24 times in the transcript, once in the article" test $? -eq 0
grep -q "^corpus${tab}[0-9]*${tab}digital economy${tab}true${tab}2${tab}16\$" "$F"
ok "phrase 'digital economy': 15 times in the transcript, once in the mail" test $? -eq 0
grep -q "^corpus${tab}[0-9]*${tab}cybersecuirty${tab}false${tab}1${tab}9\$" "$F"
ok "the typo is a term of its own, not merged with cybersecurity" test $? -eq 0

# Quoted mail text is not counted (the words were written by someone else,
# earlier); skip_types: [] counts it.
awk '/^1\. Introductions/ && !d { print "> Zanzibar zanzibar Zanzibar quoted."
	print "> Zanzibar.\n"; d = 1 } { print }' "$T/pipermail-ccwg-ig-2018-03-24.txt" > "$T/quoted.mail"
job quoted "{}" "quoted.mail"
run run -q "$T/quoted.yaml"
is "$status" 0 "a message with a quote"
facts "$T/quoted.jsonl" > "$T/quoted.facts"
lacks "$T/quoted.facts" 'Zanzibar' "the quote's words are not counted"
is "$(grep '^meta' "$T/quoted.facts" | cut -f3-)" \
	"$(grep "^meta${tab}pipermail-ccwg-ig-2018-03-24/1" "$F" | cut -f3-)" \
	"the counts are those of the message without its quote"
job quoted2 "{skip_types: [], corpus_top: 100000}" "quoted.mail"
run run -q "$T/quoted2.yaml"
facts "$T/quoted2.jsonl" > "$T/quoted2.facts"
grep -q "^corpus${tab}[0-9]*${tab}Zanzibar${tab}false${tab}1${tab}4\$" "$T/quoted2.facts"
ok "skip_types: [] counts them (4 times)" test $? -eq 0

# Options.
job opts "{extra_stopwords: [Internet], title: false, top: 3}" "article-cyberspace-rules-2016.txt"
run run -q "$T/opts.yaml"
facts "$T/opts.jsonl" > "$T/opts.facts"
has "$T/opts.facts" "tf|article-cyberspace-rules-2016/1|1|governance|35" \
	"extra_stopwords drops Internet; title: false drops the title's Governance"
is "$(grep -c '^tf' "$T/opts.facts")" 3 "top: 3 lists three terms"
job fr "{language: fr}" "article-cyberspace-rules-2016.txt"
run run -q "$T/fr.yaml"
facts "$T/fr.jsonl" > "$T/fr.facts"
like "$T/fr.facts" "^meta${tab}[^${tab}]*${tab}french${tab}" "language: fr stems in French"

# A French text that does not say its language: the shipped lists tell.
printf '%s\n' "La gouvernance de l'Internet est un sujet important pour les pays en" \
	"développement. Les acteurs de la société civile, du secteur privé et des" \
	"gouvernements participent au Forum sur la gouvernance de l'Internet. Le modèle" \
	"multipartite est au cœur des discussions sur la cybersécurité." > "$T/rapport.txt"
job guessed "{}" "rapport.txt"
run run -q "$T/guessed.yaml"
facts "$T/guessed.jsonl" > "$T/guessed.facts"
like "$T/guessed.facts" "^meta${tab}rapport/1${tab}french${tab}" \
	"a French text without a language tag is stemmed in French"
has "$T/guessed.facts" "tf|rapport/1|1|gouvernance|3" "its top term is gouvernance"
lacks "$T/guessed.facts" "^tf\|rapport/1\|[0-9]+\|(les|des|est|et|la|de|du|au)\|" \
	"French stopwords are not keywords"
like "$T/guessed.jsonl" '"language_guessed":"fr"' "the guess is said in the metrics"
like "$T/guessed.jsonl" '"language":null' "the document's own language stays unknown"
job notguessed "{default_stopwords: false}" "rapport.txt"
run run -q "$T/notguessed.yaml"
facts "$T/notguessed.jsonl" > "$T/notguessed.facts"
like "$T/notguessed.facts" "^meta${tab}rapport/1${tab}english${tab}" \
	"without the shipped lists there is no guess: English"

# Bad lists are configuration errors naming the file, line and column.
printf 'fine\ntwo words\n' > "$T/bad.txt"
job bad "{stopwords: [bad.txt]}" "article-cyberspace-rules-2016.txt"
run run -q "$T/bad.yaml"
is "$status" 78 "a bad stopword list stops the job (EX_CONFIG)"
like "$T/err" 'keywords: .*bad\.txt:2:5: one word per line' "naming file, line and column"
printf 'governance\n' > "$T/stems.txt"
job badstems "{stem_overrides: [stems.txt]}" "article-cyberspace-rules-2016.txt"
run run -q "$T/badstems.yaml"
is "$status" 78 "a bad stem override list too"
like "$T/err" 'stems\.txt:1:1: a line needs a word and its stem' "with its place"
job badtop "{top: 0}" "article-cyberspace-rules-2016.txt"
run run -q "$T/badtop.yaml"
is "$status" 78 "top: 0 is refused"

done_testing
