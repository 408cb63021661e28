#!/bin/sh
# SPDX-License-Identifier: MIT
# Dynamic loading through the real igtext binary: a format plugin that is
# not built in (tests/plugins/test-format) is found through
# IGTEXT_PLUGIN_PATH and through a job's plugin_path, detected, and used.
. "$top_srcdir/tests/lib/tap.sh"

plugins="$top_builddir/tests/plugins"
printf 'TESTFORMAT\nfirst line\nsecond line\n' > "$T/records.tf"

IGTEXT_PLUGIN_PATH="$plugins" run plugins test-format
is "$status" 0 "plugins test-format finds the module on IGTEXT_PLUGIN_PATH"
like "$T/out" "^file: +$plugins/test-format" "and names the file it was loaded from"
like "$T/out" "tags +list +default: \\[a, b\\]" "its options are listed with type and default"
like "$T/out" "weight +number +default: 0.5" "a real-number option is listed as a number"

IGTEXT_PLUGIN_PATH="$plugins" run detect "$T/records.tf"
like "$T/out" "records.tf	test-format	90" "detection picks the loaded format over plain"

IGTEXT_PLUGIN_PATH="$plugins" run parse "$T/records.tf"
is "$status" 0 "parse with a dynamically loaded format succeeds"
is "$(wc -l < "$T/out" | tr -d ' ')" 2 "one document per line after the marker"
like "$T/out" '"title":"second line"' "documents come in input order"

run plugins test-format
is "$status" 66 "without the path the module is not found (exit 66)"

IGTEXT_PLUGIN_PATH="$plugins" run plugins badabi
like "$T/err" "ABI 42" "a wrong-ABI module is refused with both numbers"

cat > "$T/job.yaml" <<YAML
job: dyn
plugin_path: $plugins
inputs:
  - path: records.tf
    format: test-format
outputs:
  - jsonl: { path: out.jsonl }
YAML
run run -q "$T/job.yaml"
is "$status" 0 "a job's plugin_path loads the module"
is "$(wc -l < "$T/out.jsonl" | tr -d ' ')" 2 "and the job writes its documents"

# Options for a format plugin, given where the input names its format.
cat > "$T/opts.yaml" <<YAML
job: opts
plugin_path: $plugins
inputs:
  - path: records.tf
    format: { test-format: { limit: 1, label: chosen } }
  - path: records.tf
    format: test-format
outputs:
  - jsonl: { path: opts.jsonl }
YAML
run run -q "$T/opts.yaml"
is "$status" 0 "format options in a job are accepted"
is "$(head -n 1 "$T/opts.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["fields"]["label"])')" \
	chosen "the format's options reach the plugin"
is "$(wc -l < "$T/opts.jsonl" | tr -d ' ')" 1 "limit: 1 holds, and the same file named twice is read once"

sed 's/limit: 1/limt: 1/' "$T/opts.yaml" > "$T/bad-opts.yaml"
run check "$T/bad-opts.yaml"
is "$status" 78 "a misspelt format option is a configuration error"
like "$T/err" "bad-opts.yaml:5:30: plugin 'test-format' has no option 'limt' \\(did you mean 'limit'" \
	"it is placed and a near name suggested"
sed 's/format: { test-format:/format: { auto:/' "$T/opts.yaml" > "$T/auto-opts.yaml"
run check "$T/auto-opts.yaml"
is "$status" 78 "options with format auto are refused"

done_testing
