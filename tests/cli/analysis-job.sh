#!/bin/sh
# SPDX-License-Identifier: MIT
# The bundled analysis job (configs/analysis.yaml) runs on the example
# records and writes documents with speaker and entity results, then the
# people and entities tables.
. "$top_srcdir/tests/lib/tap.sh"

mkdir -p "$T/configs"
cp "$top_srcdir/configs/analysis.yaml" "$T/configs/"
cp -R "$top_srcdir/configs/examples" "$T/configs/"
chmod -R u+w "$T/configs"
run -q run "$T/configs/analysis.yaml"
is "$status" 0 "the analysis job runs"
out="$T/var/analysis.jsonl"
ok "it writes var/analysis.jsonl beside configs/" test -s "$out"
like "$out" '"metrics":\{.*"speakers":' "documents carry speaker metrics"
like "$out" '"metrics":\{.*"entities":' "documents carry entity counts"
like "$out" '^\{"table":"people",.*"name":"Milton Mueller"' "the people table names the transcript's moderator"
like "$out" '^\{"table":"entities",.*"name":"Internet Assigned Numbers Authority"' \
	"the entities table holds IANA"
done_testing
