#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden tests of every format plugin: for each case in
# plugins/format/NAME/tests/cases/ (an input file beside its expected
# .jsonl), parse it with that plugin and compare structurally with json_eq.
# id and source.path depend on where the tree is, so they are left out of
# the comparison; id stability is tested by the command-line tests.
# Each case is also parsed a second time to check the output is
# byte-identical (parsing is deterministic). Regenerate expected files
# with scripts/update-golden and review the diff by hand.
. "$top_srcdir/tests/lib/tap.sh"

json_eq="$top_builddir/tests/golden/json_eq"
cases=0
for dir in "$top_srcdir"/plugins/format/*/tests/cases; do
	[ -d "$dir" ] || continue
	plugin=$(basename "$(dirname "$(dirname "$dir")")")
	for expected in "$dir"/*.jsonl; do
		[ -f "$expected" ] || continue
		input=${expected%.jsonl}
		[ -f "$input" ] || { tap_fail "$plugin: $(basename "$expected") has no input file beside it"; continue; }
		name="$plugin/$(basename "$input")"
		cases=$((cases + 1))
		"$IGTEXT" -q parse --format "$plugin" "$input" >"$T/actual" 2>"$T/err"
		st=$?
		# A case may expect an exit status other than 0 in NAME.status.
		want=0
		[ -f "$input.status" ] && want=$(cat "$input.status")
		is "$st" "$want" "$name: exit status"
		if "$json_eq" -i id -i source.path "$expected" "$T/actual" >"$T/diff"; then
			tap_pass "$name: matches $(basename "$expected")"
		else
			tap_fail "$name: differs from $(basename "$expected")" "$(cat "$T/diff")"
		fi
		"$IGTEXT" -q parse --format "$plugin" "$input" >"$T/again" 2>/dev/null
		if cmp -s "$T/actual" "$T/again"; then
			tap_pass "$name: a second parse is byte-identical"
		else
			tap_fail "$name: a second parse differs"
		fi
	done
done
[ "$cases" -gt 0 ] || tap_fail "no golden cases found under $top_srcdir/plugins/format"
done_testing
