#!/bin/sh
# SPDX-License-Identifier: MIT
# An output path that is not a regular file (a named pipe here; /dev/null
# in real use) is written as it is: the temporary-file-and-rename that
# protects regular files must never replace a device or a pipe. A folder as
# the output path is refused.
. "$top_srcdir/tests/lib/tap.sh"

cp "$top_srcdir/configs/examples/captions-igf2020-ws81.txt" "$T/"
mkfifo "$T/pipe" || { echo "1..0 # SKIP mkfifo not available"; exit 0; }
cat > "$T/job.yaml" <<'YAML'
job: to-a-pipe
inputs:
  - path: captions-igf2020-ws81.txt
outputs:
  - jsonl: { path: pipe }
YAML
cat "$T/pipe" > "$T/received" &
reader=$!
run -q run "$T/job.yaml"
wait "$reader"
is "$status" 0 "a job writing to a named pipe succeeds"
ok "the named pipe is still a pipe" test -p "$T/pipe"
is "$(wc -l < "$T/received" | tr -d ' ')" 1 "the reader got the document"
is "$(ls "$T" | grep -c '\.tmp\.')" 0 "no temporary file was made"

mkdir "$T/folder"
sed 's/path: pipe/path: folder/' "$T/job.yaml" > "$T/folder.yaml"
run -q run "$T/folder.yaml"
is "$status" 74 "a folder as the output path: exit 74"
like "$T/err" "folder is a folder, not a file" "and the message says so"
ok "the folder is untouched" test -d "$T/folder"

done_testing
