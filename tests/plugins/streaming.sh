#!/bin/sh
# SPDX-License-Identifier: MIT
# Memory is bounded by the largest document, not by the input: an input
# holding many small documents (here through the test-only test-format
# plugin, one document per line) is processed document by document, so
# peak memory stays flat as the input grows tenfold.
. "$top_srcdir/tests/lib/tap.sh"

[ -x /usr/bin/time ] || { echo "1..0 # SKIP /usr/bin/time (GNU time) is not installed"; exit 0; }
export IGTEXT_PLUGIN_PATH="$top_builddir/tests/plugins"
# AddressSanitizer holds freed memory in a quarantine; keep it small so
# the measurement shows what the program keeps, not what ASan keeps.
export ASAN_OPTIONS="quarantine_size_mb=1:${ASAN_OPTIONS:-}"

make_input() { # FILE MEGABYTES
	python3 - "$1" "$2" <<'PY'
import sys
path, mb = sys.argv[1], int(sys.argv[2])
line = b"a short document of forty bytes or so.\n"
with open(path, "wb") as f:
    f.write(b"TESTFORMAT\n")
    f.write(line * (mb * 1024 * 1024 // len(line)))
PY
}

peak_kb() { # FILE -> max RSS in KiB of igtext parse FILE > /dev/null
	/usr/bin/time -f %M -o "$T/rss" "$IGTEXT" -q parse "$1" > /dev/null 2>"$T/err"
	echo "$?" > "$T/status"
	tail -n 1 "$T/rss"
}

make_input "$T/small.tf" 2
make_input "$T/large.tf" 20
small=$(peak_kb "$T/small.tf")
is "$(cat "$T/status")" 0 "a 2 MB input of small documents parses"
large=$(peak_kb "$T/large.tf")
is "$(cat "$T/status")" 0 "a 20 MB input of small documents parses"
echo "# peak RSS: 2 MB input ${small} KiB, 20 MB input ${large} KiB"
growth=$((large - small))
ok "peak memory grows by less than 8 MiB for 18 MB more input (grew ${growth} KiB)" \
	[ "$growth" -lt 8192 ]

done_testing
