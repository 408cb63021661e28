#!/bin/sh
# SPDX-License-Identifier: MIT
# igtext check: the example job is valid (exit 0; silent with -q) and
# changes nothing; wrong jobs exit 78 with FILE:LINE:COL: messages at the
# right place (unknown keys with suggestions, unknown plugins, plugins of
# the wrong kind, bad option types and names, YAML syntax errors, an alias
# bomb); a missing input exits 65 naming the job's line; a missing job
# file 66; usage errors 64.
. "$top_srcdir/tests/lib/tap.sh"

mkdir -p "$T/job/configs"
cp "$top_srcdir/configs/example.yaml" "$T/job/configs/"
cp -R "$top_srcdir/configs/examples" "$T/job/configs/"
chmod -R u+w "$T/job" # the source tree is read-only under distcheck
cd "$T/job/configs" || exit 99

run check example.yaml
is "$status" 0 "the example job is valid"
like "$T/err" "example.yaml: job 'example' is valid" "check says the job is valid"
ok "check prints nothing on stdout" test ! -s "$T/out"
ok "check writes no output" test ! -e "$T/job/var"

run check -q example.yaml
is "$status" 0 "check -q: exit 0"
ok "check -q: nothing on stderr" test ! -s "$T/err"
ok "check -q: nothing on stdout" test ! -s "$T/out"
run -q check example.yaml
is "$status" 0 "-q check: exit 0"
ok "-q check: nothing on stderr or stdout" test ! -s "$T/err" -a ! -s "$T/out"

cd "$T" || exit 99
run check "$T/job/configs/example.yaml"
is "$status" 0 "the example job is valid from another folder"

# job NAME: write $T/NAME.yaml from standard input.
job() { cat > "$T/$1.yaml"; }

job unknown-key <<'YAML'
job: typo
inptus:
  - path: job/configs/examples/*.txt
outputs:
  - jsonl: { path: out.jsonl }
YAML
run check "$T/unknown-key.yaml"
is "$status" 78 "unknown top-level key: exit 78"
like "$T/err" "^$T/unknown-key.yaml:2:1: unknown key 'inptus'" "unknown key: FILE:LINE:COL at the key"
like "$T/err" "did you mean 'inputs'" "unknown key: inputs is suggested"
like "$T/err" "valid keys: .*inputs" "unknown key: the valid keys are listed"

job unknown-input-key <<'YAML'
job: typo
inputs:
  - path: job/configs/examples/*.txt
    fromat: plain
outputs:
  - jsonl: { path: out.jsonl }
YAML
run check "$T/unknown-input-key.yaml"
is "$status" 78 "unknown key in an input: exit 78"
like "$T/err" "^$T/unknown-input-key.yaml:4:5: unknown key 'fromat'" "unknown input key: at line 4, column 5"
like "$T/err" "did you mean 'format'" "unknown input key: format is suggested"

job unknown-plugin <<'YAML'
job: typo
inputs:
  - path: job/configs/examples/*.txt
outputs:
  - jsnol: { path: out.jsonl }
YAML
run check "$T/unknown-plugin.yaml"
is "$status" 78 "unknown output plugin: exit 78"
like "$T/err" "^$T/unknown-plugin.yaml:5:5: unknown plugin 'jsnol'" "unknown plugin: at the plugin's name"
like "$T/err" "did you mean 'jsonl'" "unknown plugin: jsonl is suggested"

job unknown-analysis <<'YAML'
job: nothing-like-it
inputs:
  - path: job/configs/examples/*.txt
pipeline:
  - frobnicator
outputs:
  - jsonl
YAML
run check "$T/unknown-analysis.yaml"
is "$status" 78 "unknown analysis plugin: exit 78"
like "$T/err" "^$T/unknown-analysis.yaml:5:5: unknown plugin 'frobnicator'" "unknown analysis plugin: at line 5"

job unknown-format <<'YAML'
job: f
inputs:
  - path: job/configs/examples/*.txt
    format: plian
outputs:
  - jsonl
YAML
run check "$T/unknown-format.yaml"
is "$status" 78 "unknown format: exit 78"
like "$T/err" "^$T/unknown-format.yaml:4:13: unknown plugin 'plian'" "unknown format: at the value"
like "$T/err" "did you mean 'plain'" "unknown format: plain is suggested"

job wrong-kind <<'YAML'
job: k
inputs:
  - path: job/configs/examples/*.txt
    format: jsonl
outputs:
  - jsonl
YAML
run check "$T/wrong-kind.yaml"
is "$status" 78 "an output plugin as a format: exit 78"
like "$T/err" "^$T/wrong-kind.yaml:4:13: 'jsonl' is an? output plugin, not a format plugin" \
	"an output plugin as a format: at the value"

job format-as-output <<'YAML'
job: k
inputs:
  - path: job/configs/examples/*.txt
outputs:
  - plain
YAML
run check "$T/format-as-output.yaml"
is "$status" 78 "a format plugin as an output: exit 78"
like "$T/err" "^$T/format-as-output.yaml:5:5: 'plain' is a format plugin" "a format as an output: at the name"

job bad-bool <<'YAML'
job: opts
inputs:
  - path: job/configs/examples/*.txt
outputs:
  - jsonl: { path: out.jsonl, pretty: maybe }
YAML
run check "$T/bad-bool.yaml"
is "$status" 78 "a bad option value: exit 78"
like "$T/err" "^$T/bad-bool.yaml:5:[0-9]+: .*'pretty'.*true or false.*'maybe'" \
	"a bad option value: FILE:LINE:COL, option, expected type and value"
like "$T/err" "^$T/bad-bool.yaml:5:39:" "a bad option value: the column of the value"

job bad-type <<'YAML'
job: opts
inputs:
  - path: job/configs/examples/*.txt
outputs:
  - jsonl:
      path: [a, b]
YAML
run check "$T/bad-type.yaml"
is "$status" 78 "a list where a path belongs: exit 78"
like "$T/err" "^$T/bad-type.yaml:6:[0-9]+: .*'path'.*a list" "a list where a path belongs: at line 6"

job unknown-option <<'YAML'
job: opts
inputs:
  - path: job/configs/examples/*.txt
outputs:
  - jsonl: { path: out.jsonl, colour: red }
YAML
run check "$T/unknown-option.yaml"
is "$status" 78 "an unknown option: exit 78"
like "$T/err" "^$T/unknown-option.yaml:5:[0-9]+: .*no option 'colour'" "an unknown option: FILE:LINE:COL and name"
like "$T/err" "path, pretty" "an unknown option: the options are listed"

job syntax <<'YAML'
job: syntax
inputs:
  - path: job/configs/examples/*.txt
  - path: more.txt: oops
outputs:
  - jsonl
YAML
run check "$T/syntax.yaml"
is "$status" 78 "a YAML syntax error: exit 78"
like "$T/err" "^$T/syntax.yaml:4:[0-9]+: YAML syntax error" "a YAML syntax error: at line 4"

job flow <<'YAML'
job: flow
inputs: [ job/configs/examples/a.txt,
outputs:
  - jsonl
YAML
run check "$T/flow.yaml"
is "$status" 78 "an unclosed flow sequence: exit 78"
like "$T/err" "^$T/flow.yaml:[0-9]+:[0-9]+: YAML syntax error" "an unclosed flow sequence: FILE:LINE:COL"

job bomb <<'YAML'
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
YAML
if command -v timeout > /dev/null 2>&1; then
	timeout 30 "$IGTEXT" check "$T/bomb.yaml" > "$T/out" 2> "$T/err"
else
	"$IGTEXT" check "$T/bomb.yaml" > "$T/out" 2> "$T/err"
fi
is "$?" 78 "an alias bomb: exit 78 (promptly)"
like "$T/err" "^$T/bomb.yaml:[0-9]+:[0-9]+: .*alias" "an alias bomb: FILE:LINE:COL, blames the aliases"
line=$(sed -n "s|^$T/bomb.yaml:\\([0-9]*\\):.*|\\1|p" "$T/err")
ok "an alias bomb: the line named holds aliases" \
	sh -c "sed -n '${line:-0}p' '$T/bomb.yaml' | grep -q '\\*'"

# A missing input is not a wrong job: 65, with the job's line.
job missing-input <<'YAML'
job: missing
inputs:
  - path: job/configs/examples/*.txt
  - path: job/configs/examples/no-such-record.txt
outputs:
  - jsonl: { path: out.jsonl }
YAML
run check "$T/missing-input.yaml"
is "$status" 65 "a missing input: exit 65"
like "$T/err" "^$T/missing-input.yaml:4:11: .*no-such-record.txt" "a missing input: FILE:LINE:COL of its path"

job no-match <<'YAML'
job: later
inputs:
  - path: job/configs/examples/*.not-yet
outputs:
  - jsonl: { path: out.jsonl }
YAML
run check "$T/no-match.yaml"
is "$status" 0 "a glob that matches nothing yet: exit 0"
like "$T/err" "^igtext: warning: $T/no-match.yaml:3:11: .*matches no files" "a glob that matches nothing: warned, at its line"

# A number option (IGT_OPT_REAL): words, NaN and lists are refused where
# they stand; a number is taken.
for bad in "0.8x:'0.8x'" ".nan:'.nan'" "[1]:a list"; do
	value=${bad%%:*}
	printf 'job: real\ninputs: [a.txt]\npipeline:\n  - dedup: { threshold: %s }\noutputs: [jsonl]\n' \
		"$value" > "$T/real.yaml"
	run check "$T/real.yaml"
	is "$status" 78 "a number option given $value: exit 78"
	like "$T/err" "real.yaml:4:25: plugin 'dedup': option 'threshold' expects a number, got ${bad#*:}" \
		"a number option given $value: the place and the reason"
done
printf 'job: real\ninputs: [a.txt]\npipeline:\n  - dedup: { threshold: 0.9 }\noutputs: [jsonl]\n' > "$T/real.yaml"
touch "$T/a.txt"
run check "$T/real.yaml"
is "$status" 0 "a number option given 0.9: the job is valid"

run check "$T/no-such-job.yaml"
is "$status" 66 "a missing job file: exit 66"
like "$T/err" "no-such-job.yaml" "a missing job file is named"

run check
is "$status" 64 "check without a job: exit 64"
run check "$T/job/configs/example.yaml" "$T/job/configs/example.yaml"
is "$status" 64 "check with two jobs: exit 64"

done_testing
