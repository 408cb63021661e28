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

done_testing
