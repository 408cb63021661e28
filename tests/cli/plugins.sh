#!/bin/sh
# SPDX-License-Identifier: MIT
# igtext plugins: the list (NAME<TAB>KIND<TAB>VERSION<TAB>SUMMARY, sorted,
# with the bundled plain and jsonl), one plugin's description (kind,
# version, "(built in)", options with types and defaults), unknown and
# invalid names (66, with a suggestion where one is near), usage errors.
. "$top_srcdir/tests/lib/tap.sh"

tab=$(printf '\t')

run plugins
is "$status" 0 "plugins: exit 0"
ok "plugins: nothing on stderr" test ! -s "$T/err"
ok "every line is NAME<TAB>KIND<TAB>VERSION<TAB>SUMMARY" \
	awk -F '\t' 'NF != 4 || $1 == "" || $3 == "" || $4 == "" || $2 !~ /^(format|analysis|output)$/ { bad = 1 } END { exit bad }' "$T/out"
like "$T/out" "^plain${tab}format${tab}[0-9][^${tab}]*${tab}." "plain is listed as a format plugin"
like "$T/out" "^jsonl${tab}output${tab}[0-9][^${tab}]*${tab}." "jsonl is listed as an output plugin"
cut -f 1 "$T/out" > "$T/names"
LC_ALL=C sort -u "$T/names" > "$T/names-sorted"
ok "the list is sorted by name, each name once" cmp -s "$T/names" "$T/names-sorted"

run -v plugins
like "$T/err" "plugin search path: .*\\(built-in\\)" "-v shows the plugin search path"

run plugins jsonl
is "$status" 0 "plugins jsonl: exit 0"
like "$T/out" "^name: +jsonl\$" "plugins jsonl: name"
like "$T/out" "^kind: +output\$" "plugins jsonl: kind"
like "$T/out" "^version: +[0-9]" "plugins jsonl: version"
like "$T/out" "^summary: +." "plugins jsonl: summary"
like "$T/out" "^file: +\\(built in\\)\$" "plugins jsonl: (built in)"
like "$T/out" "^options:\$" "plugins jsonl: has options"
like "$T/out" "^  path +path +default: \"-\"" "option path: type path, default \"-\""
like "$T/out" "^  pretty +boolean +default: false" "option pretty: type boolean, default false"
like "$T/out" "standard output" "option help text is shown"

run plugins plain
is "$status" 0 "plugins plain: exit 0"
like "$T/out" "^kind: +format\$" "plugins plain: kind format"
like "$T/out" "^file: +\\(built in\\)\$" "plugins plain: (built in)"
like "$T/out" "^  keep_empty +boolean +default: false" "option keep_empty: boolean, default false"

run plugins nosuch
is "$status" 66 "unknown plugin: exit 66"
like "$T/err" "unknown plugin 'nosuch'" "unknown plugin: named"
unlike "$T/err" "did you mean" "unknown plugin: no suggestion for a name like nothing"
ok "unknown plugin: nothing on stdout" test ! -s "$T/out"

run plugins jsnol
is "$status" 66 "misspelt plugin: exit 66"
like "$T/err" "did you mean 'jsonl'" "misspelt plugin: jsonl is suggested"

run plugins 'Bad/Name'
is "$status" 66 "an impossible plugin name: exit 66"
like "$T/err" "Bad/Name" "an impossible plugin name is named"

run plugins plain jsonl
is "$status" 64 "two names: exit 64"

run plugins --help
is "$status" 0 "plugins --help: exit 0"
like "$T/out" "NAME<TAB>KIND<TAB>VERSION<TAB>SUMMARY" "plugins --help describes the list"

done_testing
