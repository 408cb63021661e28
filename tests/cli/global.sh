#!/bin/sh
# SPDX-License-Identifier: MIT
# The command line as a whole: --version, --help, no arguments, unknown
# commands and options (with did-you-mean), 'help COMMAND', and every
# command's own --help.
. "$top_srcdir/tests/lib/tap.sh"

verbs='run parse detect plugins check'

run --version
is "$status" 0 "--version exits 0"
like "$T/out" '^igtext [0-9]+\.[0-9]+(\.[0-9]+)?' "--version prints 'igtext X.Y'"
is "$(wc -l < "$T/out" | tr -d ' ')" 1 "--version prints one line"
ok "--version prints nothing on stderr" test ! -s "$T/err"
version=$(cat "$T/out")

# The allocator --version names is the one in use: mimalloc reports
# itself on stderr when asked, and configure links it unless told not to.
if [ -n "$MIMALLOC_LIBS" ]; then
	like "$T/out" ', mimalloc [0-9]+\.[0-9]+\.[0-9]+\)$' "--version names mimalloc, which configure linked"
else
	unlike "$T/out" 'mimalloc' "--version names no mimalloc, which configure did not link"
fi
MIMALLOC_VERBOSE=1 "$IGTEXT" --version > /dev/null 2> "$T/mi"
if grep -q mimalloc "$T/out"; then
	like "$T/mi" '^mimalloc: ' "the mimalloc --version names is the process's malloc"
else
	unlike "$T/mi" 'mimalloc' "no mimalloc in the process when --version names none"
fi

run -V
is "$status" 0 "-V exits 0"
is "$(cat "$T/out")" "$version" "-V prints the same as --version"

run --help
is "$status" 0 "--help exits 0"
like "$T/out" '^Usage: igtext' "--help prints usage on stdout"
ok "--help prints nothing on stderr" test ! -s "$T/err"
for v in $verbs; do
	like "$T/out" "^  $v +[a-z]" "--help lists the command '$v'"
done
like "$T/out" 'IGTEXT_PLUGIN_PATH' "--help names the environment variable"
like "$T/out" 'Exit status' "--help documents exit statuses"

run -h
is "$status" 0 "-h exits 0"
like "$T/out" '^Usage: igtext' "-h prints usage"

run
is "$status" 64 "no arguments: exit 64 (usage)"
like "$T/err" '^Usage: igtext' "no arguments: usage on stderr"
ok "no arguments: nothing on stdout" test ! -s "$T/out"

run pars
is "$status" 64 "unknown command 'pars': exit 64"
like "$T/err" "unknown command 'pars'" "the unknown command is named"
like "$T/err" "did you mean 'parse'" "and 'parse' is suggested"
ok "unknown command: nothing on stdout" test ! -s "$T/out"

run chek
is "$status" 64 "unknown command 'chek': exit 64"
like "$T/err" "did you mean 'check'" "'check' is suggested for 'chek'"

run frobnicate
is "$status" 64 "unknown command 'frobnicate': exit 64"
like "$T/err" "unknown command 'frobnicate'" "the unknown command is named"
unlike "$T/err" "did you mean" "no suggestion for a word that is nothing like a command"

run --no-such-option
is "$status" 64 "unknown global option: exit 64"
like "$T/err" "Try 'igtext --help'" "unknown global option: points at --help"

run help
is "$status" 0 "'help' alone exits 0"
like "$T/out" '^Usage: igtext \[' "'help' alone prints the global usage"

run help parse
is "$status" 0 "'help parse' exits 0"
like "$T/out" '^Usage: igtext parse' "'help parse' prints the parse usage"
ok "'help parse' prints nothing on stderr" test ! -s "$T/err"
cp "$T/out" "$T/help-parse"
run parse --help
is "$(cat "$T/out")" "$(cat "$T/help-parse")" "'help parse' is the same as 'parse --help'"

run help nosuch
is "$status" 64 "'help nosuch': exit 64"
like "$T/err" "nosuch" "'help nosuch' names the unknown command"

for v in $verbs; do
	run "$v" --help
	is "$status" 0 "'$v --help' exits 0"
	like "$T/out" "^Usage: igtext $v" "'$v --help' prints its usage"
	like "$T/out" "Exit status" "'$v --help' documents exit statuses"
	run "$v" -h
	is "$status" 0 "'$v -h' exits 0"
	run "$v" --no-such-option
	is "$status" 64 "'$v --no-such-option' exits 64"
	like "$T/err" "Try 'igtext $v --help'" "'$v --no-such-option' points at '$v --help'"
done

# Global options come before the command; -q and -v are accepted there.
run -q plugins
is "$status" 0 "'-q plugins' exits 0"
run -v -v plugins
is "$status" 0 "'-v -v plugins' exits 0"

done_testing
