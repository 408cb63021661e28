#!/bin/sh
# SPDX-License-Identifier: MIT
# After `make install` (and in `make distcheck`): the installed igtext runs
# with its built-in plugins and no plugin folder, parses a bundled record,
# and a plugin built out of tree against the installed headers and
# `pkg-config igtext` loads through IGTEXT_PLUGIN_PATH.
#
#   tests/installcheck.sh BINDIR LIBDIR SRCDIR
set -eu
bindir=$1 libdir=$2 srcdir=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/igtext-installcheck.XXXXXX")
trap 'rm -rf "$work"' EXIT
igtext="$bindir/igtext"
unset IGTEXT_PLUGIN_PATH || true

"$igtext" --version
"$igtext" plugins | grep -q '^plain	format' || { echo "installcheck: plain is not built in"; exit 1; }
n=$("$igtext" -q parse "$srcdir/configs/examples/article-cyberspace-rules-2016.txt" | wc -l)
[ "$n" -eq 1 ] || { echo "installcheck: expected 1 document, got $n"; exit 1; }

export PKG_CONFIG_PATH="$libdir/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
flags=$(pkg-config --cflags --libs igtext)
${CC:-cc} -std=c11 -shared -fPIC -o "$work/test-format.so" \
	"$srcdir/tests/plugins/test-format.c" $flags -Wl,-rpath,"$libdir"
printf 'TESTFORMAT\none\ntwo\n' > "$work/in.tf"
IGTEXT_PLUGIN_PATH="$work" "$igtext" plugins test-format | grep -q "^file: *$work/test-format" ||
	{ echo "installcheck: the out-of-tree plugin was not loaded from $work"; exit 1; }
n=$(IGTEXT_PLUGIN_PATH="$work" "$igtext" -q parse "$work/in.tf" | wc -l)
[ "$n" -eq 2 ] || { echo "installcheck: out-of-tree plugin gave $n documents, expected 2"; exit 1; }
echo "installcheck: ok"
