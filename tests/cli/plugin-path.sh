#!/bin/sh
# SPDX-License-Identifier: MIT
# Plugins from disk instead of the built-in copies: IGTEXT_PLUGIN_PATH
# pointing at the built jsonl module makes 'plugins jsonl' show its file;
# a job's plugin_path (absolute, relative to the job file, or a list)
# pointing at the built plain module is searched before the built-in one;
# a job using both runs and writes its documents.
. "$top_srcdir/tests/lib/tap.sh"
need python3

plain_dir="$top_builddir/plugins/format/plain"
jsonl_dir="$top_builddir/plugins/output/jsonl"
ex="$top_srcdir/configs/examples"

# with_path DIRS ARGS...: run igtext with IGTEXT_PLUGIN_PATH=DIRS.
with_path() {
	dirs=$1; shift
	IGTEXT_PLUGIN_PATH=$dirs "$IGTEXT" "$@" > "$T/out" 2> "$T/err" < /dev/null
	status=$?
}

ok "the built plain module exists" test -f "$plain_dir/plain.la"
ok "the built jsonl module exists" test -f "$jsonl_dir/jsonl.la"

with_path "$jsonl_dir" plugins jsonl
is "$status" 0 "IGTEXT_PLUGIN_PATH: plugins jsonl exits 0"
like "$T/out" "^file: +$jsonl_dir/jsonl\$" "IGTEXT_PLUGIN_PATH: jsonl is loaded from its file"
unlike "$T/out" "built in" "IGTEXT_PLUGIN_PATH: jsonl is not the built-in copy"
like "$T/out" "^  path +path +default: \"-\"" "the module's options are shown"

with_path "/nonexistent-dir:$jsonl_dir" plugins jsonl
like "$T/out" "^file: +$jsonl_dir/jsonl\$" "IGTEXT_PLUGIN_PATH with several folders: searched in order"

with_path "$jsonl_dir" plugins plain
like "$T/out" "^file: +\\(built in\\)\$" "a plugin not on IGTEXT_PLUGIN_PATH is still the built-in one"

with_path "$jsonl_dir" -v plugins
like "$T/err" "plugin search path: $jsonl_dir, \\(built-in\\)" "-v shows IGTEXT_PLUGIN_PATH first in the search path"

# A folder with a broken plain module proves the search order: it is
# tried before the built-in plain, and the failure names it.
mkdir -p "$T/fake"
echo 'not a shared object' > "$T/fake/plain.so"
with_path "$T/fake" plugins plain
ok "IGTEXT_PLUGIN_PATH with a broken module: plugins plain fails" test "$status" -ne 0
like "$T/err" "$T/fake/plain" "IGTEXT_PLUGIN_PATH with a broken module: the module file is named"

mkdir -p "$T/job/records"
cp "$ex/forum-highlights-shanghai-2017.txt" "$ex/captions-igf2020-ws81.txt" "$T/job/records/"

cat > "$T/job/fake.yaml" <<'YAML'
job: fake
plugin_path: ../fake
inputs:
  - path: records/*.txt
    format: plain
outputs:
  - jsonl: { path: out.jsonl }
YAML
run check "$T/job/fake.yaml"
is "$status" 78 "plugin_path with a broken module: check exits 78"
like "$T/err" "^$T/job/fake.yaml:5:13: .*plain.*fake/plain" \
	"plugin_path (relative to the job file) is searched before the built-in plugins"

# The job: plain from plugin_path, jsonl from IGTEXT_PLUGIN_PATH.
cat > "$T/job/disk.yaml" <<YAML
job: disk
plugin_path: $plain_dir
inputs:
  - path: records/*.txt
    format: plain
outputs:
  - jsonl: { path: out.jsonl }
YAML
with_path "$jsonl_dir" check "$T/job/disk.yaml"
is "$status" 0 "a job with plugin_path: check exits 0"
with_path "$jsonl_dir" run "$T/job/disk.yaml"
is "$status" 0 "a job with plugin_path and IGTEXT_PLUGIN_PATH: run exits 0"
like "$T/err" "2 inputs read, 0 bad; 2 documents" "the modules from disk parse and write both records"
is "$(python3 -c 'import json,sys; print(sum(1 for l in open(sys.argv[1]) if json.loads(l)["segments"]))' "$T/job/out.jsonl" 2>&1)" \
	2 "the output holds both documents, valid JSON"
# Like with like: the job forces plain, so the built-in run does too.
"$IGTEXT" parse --format plain "$T/job/records"/*.txt > "$T/builtin.jsonl" 2>/dev/null
python3 -c '
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
b = [json.loads(l) for l in open(sys.argv[2])]
sys.exit(0 if [d["segments"] for d in a] == [d["segments"] for d in b] else 1)' \
	"$T/job/out.jsonl" "$T/builtin.jsonl"
is "$?" 0 "the modules from disk give the same segments as the built-in ones"

# Where the C library can say which shared objects it opens, check that
# both modules really came from disk: "file: PATH" in 'plugins NAME' must
# not name a file while the built-in copy runs.
IGTEXT_PLUGIN_PATH=$jsonl_dir LD_DEBUG=files "$IGTEXT" -q run "$T/job/disk.yaml" > /dev/null 2> "$T/lddebug"
if grep -q 'file=' "$T/lddebug"; then
	# Control: a folder with only jsonl.so (no .la) is opened for real, so
	# LD_DEBUG does show modules loaded here.
	mkdir -p "$T/soonly"
	cp "$jsonl_dir/.libs/jsonl.so" "$T/soonly/"
	IGTEXT_PLUGIN_PATH=$T/soonly LD_DEBUG=files "$IGTEXT" plugins jsonl > "$T/out" 2> "$T/lddebug-so"
	like "$T/lddebug-so" "file=$T/soonly/jsonl\\.so .*dynamically loaded" \
		"control: a lone jsonl.so on IGTEXT_PLUGIN_PATH is loaded from disk"
	unlike "$T/lddebug" "file=(plain|jsonl)\\.so .*needed by .*igtext" \
		"igtext does not link the bundled modules as shared libraries"
	like "$T/lddebug" "file=$plain_dir/\\.libs/plain\\.so .*dynamically loaded" \
		"the plain module (plain.la) is opened from plugin_path, not replaced by the built-in one"
	like "$T/lddebug" "file=$jsonl_dir/\\.libs/jsonl\\.so .*dynamically loaded" \
		"the jsonl module (jsonl.la) is opened from IGTEXT_PLUGIN_PATH, not replaced by the built-in one"
	IGTEXT_PLUGIN_PATH=$jsonl_dir LD_DEBUG=files "$IGTEXT" plugins jsonl > "$T/out" 2> "$T/lddebug-la"
	if grep -q "^file: *$jsonl_dir/jsonl" "$T/out"; then
		like "$T/lddebug-la" "file=$jsonl_dir/\\.libs/jsonl\\.so .*dynamically loaded" \
			"when 'plugins jsonl' names $jsonl_dir/jsonl, that file is what was loaded"
	else
		tap_fail "when 'plugins jsonl' names $jsonl_dir/jsonl, that file is what was loaded" \
			"it does not name it: $(grep '^file:' "$T/out")"
	fi
else
	for i in 1 2 3 4 5; do tap_pass "# SKIP LD_DEBUG not supported by this C library"; done
fi

# plugin_path as a list, one entry relative to the job file.
cat > "$T/job/list.yaml" <<YAML
job: list
plugin_path:
  - does-not-exist
  - $plain_dir
inputs:
  - path: records/*.txt
    format: plain
outputs:
  - jsonl: { path: "-" }
YAML
run run "$T/job/list.yaml"
is "$status" 0 "plugin_path as a list of folders: run exits 0"
is "$(wc -l < "$T/out" | tr -d ' ')" 2 "plugin_path as a list: both documents"

cat > "$T/job/badpath.yaml" <<'YAML'
job: badpath
plugin_path: { a: b }
inputs:
  - path: records/*.txt
outputs:
  - jsonl
YAML
run check "$T/job/badpath.yaml"
is "$status" 78 "plugin_path that is a mapping: exit 78"
like "$T/err" "^$T/job/badpath.yaml:2:[0-9]+: 'plugin_path' must be" "plugin_path that is a mapping: FILE:LINE:COL"

done_testing
