#!/bin/sh
# SPDX-License-Identifier: MIT
# Worker threads (--threads): whatever the number of threads, a run writes
# the same documents in the same order, prints the same messages in the
# same order, counts the same bad inputs and exits with the same status as
# on one thread. Each analysis plugin sees one document at a time, in
# input order (the test-order plugin records overlaps and reordering).
. "$top_srcdir/tests/lib/tap.sh"

plugins="$top_builddir/tests/plugins"
cases="$top_srcdir/plugins/format/pipermail/tests/cases"
mkdir "$T/in"
# Many inputs of every format, so that documents travel in many batches,
# with inputs that warn (invalid UTF-8, undecodable dates, a broken mbox)
# or fail (empty, binary) among them.
i=0
while [ $i -lt 12 ]; do
	for f in "$top_srcdir"/configs/examples/*.txt; do
		cp "$f" "$T/in/$i-$(basename "$f")"
	done
	i=$((i + 1))
done
for f in ietf-latin1.mbox dates-zones.mbox message-id-missing.mbox ietf-mail-bad-no-headers \
	bigbang-dev-test.txt; do
	cp "$cases/$f" "$T/in/mail-$f"
done
gzip -c "$cases/bigbang-dev-test.txt" > "$T/in/mail-archive.txt.gz"
: > "$T/in/empty.txt"
cp "$top_srcdir/tests/bad-input/binary.dat" "$T/in/binary.txt"
printf 'A record the test plugin refuses: FAIL-HERE.\n' > "$T/in/5-fail.txt"
printf 'An invalid byte \377 in plain text.\n' > "$T/in/6-invalid.txt"

cat > "$T/job.yaml" <<YAML
job: threads
plugin_path: $plugins
inputs:
  - path: in/*
pipeline:
  - test-order
  - stats
  - speakers
  - entities
  - taxonomy
  - test-order
  - keywords
  - participation
  - dedup
outputs:
  - jsonl: { path: out.jsonl, tables: true }
YAML

run_threads() { # N: run the job with N threads, keep out, err and status as *.N
	"$IGTEXT" -v run --threads "$1" "$T/job.yaml" > /dev/null 2> "$T/err.$1" < /dev/null
	echo $? > "$T/status.$1"
	# the summary line ends with the time the run took
	sed -i 's/ in [0-9.]* s)$/)/' "$T/err.$1"
	mv "$T/out.jsonl" "$T/out.$1"
}

run_threads 1
is "$(cat "$T/status.1")" 65 "one thread: the bad inputs make the status 65"
like "$T/err.1" "plugin 'test-order' failed on document" "one thread: the failing document is named"
like "$T/err.1" "empty input" "one thread: the empty input is named"
like "$T/err.1" "instance 2, document 3 of" "one thread: both instances log every document"
ok "one thread: documents were written" test -s "$T/out.1"
for n in 2 3 16; do
	run_threads $n
	is "$(cat "$T/status.$n")" "$(cat "$T/status.1")" "$n threads: the same exit status"
	if cmp -s "$T/out.1" "$T/out.$n"; then tap_pass "$n threads: the same output, byte for byte"
	else tap_fail "$n threads: the same output, byte for byte" "$(cmp "$T/out.1" "$T/out.$n")"; fi
	if cmp -s "$T/err.1" "$T/err.$n"; then tap_pass "$n threads: the same messages in the same order"
	else tap_fail "$n threads: the same messages in the same order" \
		"$(diff "$T/err.1" "$T/err.$n" | head -5)"; fi
done
unlike "$T/out.16" '"overlapped":true' "no plugin instance was called twice at once"
unlike "$T/out.16" '"out_of_order":true' "every instance saw documents in input order"
seen=$(grep -o '"test-order-2":{"seen":[0-9]*' "$T/out.16" | sed 's/.*://' | tr '\n' ' ')
expected=$(seq 1 "$(grep -c '"test-order-2"' "$T/out.16")" | tr '\n' ' ')
is "$seen" "$expected" "the last instance numbered the documents in output order"

# parse (no analysis: the outputs are the only stage)
"$IGTEXT" -v parse --threads 1 "$T"/in/* > "$T/parse.1" 2> "$T/perr.1" < /dev/null
s1=$?
"$IGTEXT" -v parse --threads 4 "$T"/in/* > "$T/parse.4" 2> "$T/perr.4" < /dev/null
s4=$?
is "$s4" "$s1" "parse: the same status on 4 threads as on one"
ok "parse: the same documents on 4 threads" cmp -s "$T/parse.1" "$T/parse.4"
ok "parse: the same messages on 4 threads" cmp -s "$T/perr.1" "$T/perr.4"

# An output that fails stops the run the same way on any number of threads:
# nothing read after the failure is said (-v names every input as it is
# detected, so a message let through would show).
if [ -w /dev/full ]; then
	for n in 1 2 4; do
		"$IGTEXT" -v parse --threads $n "$T"/in/*.txt > /dev/full 2> "$T/full.$n" < /dev/null
		echo $? > "$T/fstatus.$n"
	done
	is "$(cat "$T/fstatus.2")" 74 "a full disk: exit 74 with threads"
	like "$T/full.2" "failed" "a full disk: the failure is named"
	for n in 2 4; do
		is "$(cat "$T/fstatus.$n")" "$(cat "$T/fstatus.1")" "a full disk, $n threads: the status of one"
		if cmp -s "$T/full.1" "$T/full.$n"; then tap_pass "a full disk, $n threads: the messages of one"
		else tap_fail "a full disk, $n threads: the messages of one" \
			"$(diff "$T/full.1" "$T/full.$n" | head -5)"; fi
	done
fi

# The same file twice, under its name and through a link, into a store:
# the second is found unchanged on any number of threads, as the first
# import has reached the store by then on one thread.
mkdir "$T/same" "$T/same/in"
i=0
while [ $i -lt 40 ]; do
	printf 'Record %d on Internet governance.\n' $i > "$T/same/in/r$i.txt"
	i=$((i + 1))
done
ln -s in/r5.txt "$T/same/link5.txt"
for n in 1 4; do
	cat > "$T/same/job$n.yaml" <<YAML
job: same
inputs:
  - path: in/*.txt
  - path: link5.txt
pipeline: [stats]
outputs:
  - sqlite: { path: store$n.db }
YAML
	"$IGTEXT" -v run --threads $n "$T/same/job$n.yaml" > /dev/null 2> "$T/same/err.$n" < /dev/null
	echo $? > "$T/same/status.$n"
	sed -i 's/ in [0-9.]* s)$/)/' "$T/same/err.$n"
done
# A cron re-run: every input is unchanged, and skipped, on any number of
# threads, with the same messages.
for n in 1 4; do
	"$IGTEXT" -v run --threads $n "$T/same/job$n.yaml" > /dev/null 2> "$T/same/rerr.$n" < /dev/null
	echo $? > "$T/same/rstatus.$n"
	sed -i 's/ in [0-9.]* s)$/)/' "$T/same/rerr.$n"
done
is "$(cat "$T/same/rstatus.4")" 0 "a re-run: exit 0 with threads"
like "$T/same/rerr.4" "r39.txt: unchanged since it was imported; skipped" "a re-run: inputs skipped"
if cmp -s "$T/same/rerr.1" "$T/same/rerr.4"; then tap_pass "a re-run: the same messages on 4 threads"
else tap_fail "a re-run: the same messages on 4 threads" \
	"$(diff "$T/same/rerr.1" "$T/same/rerr.4" | head -5)"; fi
is "$(cat "$T/same/status.4")" 0 "a file named twice: exit 0 with threads"
like "$T/same/err.1" "link5.txt: unchanged since it was imported; skipped" \
	"a file named twice: one thread skips the second name"
if cmp -s "$T/same/err.1" "$T/same/err.4"; then tap_pass "a file named twice: the same messages on 4 threads"
else tap_fail "a file named twice: the same messages on 4 threads" \
	"$(diff "$T/same/err.1" "$T/same/err.4" | head -5)"; fi

# A stop signal while the output is blocked (a reader that does not read):
# the write, on the outputs' thread or the only one, is interrupted, and
# the run ends at once instead of when the reader reads.
mkdir "$T/many"
i=0
while [ $i -lt 4 ]; do
	for f in "$T"/in/[0-9]*-*.txt; do cp "$f" "$T/many/$i-$(basename "$f")"; done
	i=$((i + 1))
done
# The first document's line is longer than the pipe holds, so the write
# that blocks has written part of it when the signal comes (then stdio
# writes the rest, blocked again, unless the signal comes again).
awk 'BEGIN { for (i = 0; i < 30000; i++) printf "governance "; print "" }' > "$T/huge.txt"
mkfifo "$T/fifo"
# Cases: threads and inputs. With one input the reading thread is done
# first and waits for the workers, which must still get the signal again.
for case in "1 many" "2 many" "2 one" "3 one"; do
	n=${case% *}
	if [ "$n" = 1 ] && [ -n "${TSAN_OPTIONS:-}" ]; then
		# ThreadSanitizer runs a handler only once the intercepted fwrite
		# returns, which a write blocked for good never does.
		tap_pass "SIGTERM with the output blocked, 1 thread: not under ThreadSanitizer (# SKIP)"
		continue
	fi
	set -- "$T/huge.txt"
	[ "${case#* }" = many ] && set -- "$T/huge.txt" "$T/many"
	"$IGTEXT" -q parse --threads $n "$@" > "$T/fifo" 2> "$T/sig.err" < /dev/null &
	pid=$!
	exec 3< "$T/fifo" # opened, never read: the pipe fills and the writer blocks
	sleep 1
	kill -TERM "$pid"
	ends_within 10 "$pid" "SIGTERM with the output blocked, $case: the run ends within 10 s"
	wait "$pid"
	status=$?
	exec 3<&-
	is "$status" 143 "SIGTERM with the output blocked, $case: the status of SIGTERM"
	like "$T/sig.err" "interrupted by signal 15" "SIGTERM with the output blocked, $case: it says why"
done

# SIGALRM from elsewhere (timeout -s ALRM) stops a run, as it did before
# the alarm above: with its status, and saying so.
mkfifo "$T/stdin-fifo"
"$IGTEXT" -q parse --threads 1 - < "$T/stdin-fifo" > /dev/null 2> "$T/alrm.err" &
pid=$!
exec 4> "$T/stdin-fifo" # opened, nothing written: the run waits for input
sleep 1
kill -ALRM "$pid"
i=0
while kill -0 "$pid" 2> /dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
kill -KILL "$pid" 2> /dev/null
wait "$pid"
status=$?
exec 4>&-
is "$status" 142 "SIGALRM: the status of SIGALRM"
like "$T/alrm.err" "interrupted by signal 14" "SIGALRM: it says so"

# Inputs are parsed several at once, each on one thread with format plugin
# instances of its own, and written in input order; a pipe among them is
# read in its turn. Messages (-v names each input as it is detected) stay
# in input order.
first=$(ls "$T"/in/1-*.txt "$T"/in/mail-*)
second=$(ls "$T"/in/2-*.txt "$T"/in/5-fail.txt "$T"/in/empty.txt)
stdin_file=$(ls "$T"/in/0-*.txt | head -1)
for n in 1 3; do
	# shellcheck disable=SC2086 # the lists are file names without blanks
	cat "$stdin_file" | "$IGTEXT" -v parse --threads $n $first - $second > "$T/mixed.$n" 2> "$T/merr.$n"
	echo $? > "$T/mstatus.$n"
done
is "$(cat "$T/mstatus.3")" "$(cat "$T/mstatus.1")" "files and a pipe: the same status on 3 threads"
ok "files and a pipe: the same documents on 3 threads" cmp -s "$T/mixed.1" "$T/mixed.3"
if cmp -s "$T/merr.1" "$T/merr.3"; then tap_pass "files and a pipe: the same messages on 3 threads"
else tap_fail "files and a pipe: the same messages on 3 threads" \
	"$(diff "$T/merr.1" "$T/merr.3" | head -5)"; fi
like "$T/mixed.1" '"path":"<stdin>"' "files and a pipe: the pipe's documents are there"
# shellcheck disable=SC2086
"$IGTEXT" -v -v parse --threads 3 $first > /dev/null 2> "$T/debug.3" < /dev/null
like "$T/debug.3" "parsing up to 3 inputs at once" "-v -v: says that inputs are parsed at once"

# The counts an output is shown as each input begins and ends (what the
# store records) are those of one thread, also for inputs a parsing thread
# reads together in one task.
mkdir "$T/counts"
for i in 1 2 3 4 5 6 7 8; do printf 'Record %d of the counts test.\n' $i > "$T/counts/r$i.txt"; done
: > "$T/counts/r3.txt"
printf 'plugin_path: %s\ninputs:\n  - path: counts/*.txt\noutputs:\n  - test-stats\n' \
	"$plugins" > "$T/counts.yaml"
for n in 1 3; do
	"$IGTEXT" run --threads $n "$T/counts.yaml" > /dev/null 2> "$T/cerr.$n" < /dev/null
	sed -i 's/ in [0-9.]* s)$/)/' "$T/cerr.$n"
done
like "$T/cerr.1" "begin .*counts/r4.txt: inputs 4, skipped 0, failed 1, documents 2, bytes 58" \
	"counts: one thread shows the inputs before"
if cmp -s "$T/cerr.1" "$T/cerr.3"; then tap_pass "counts: the same on 3 threads"
else tap_fail "counts: the same on 3 threads" "$(diff "$T/cerr.1" "$T/cerr.3" | head -5)"; fi

# What a format plugin says as it is opened (each parsing thread opens
# its own instance) is said once, as on one thread.
mkdir "$T/opened"
i=0
while [ $i -lt 40 ]; do
	cp "$top_srcdir/configs/examples/captions-igf2020-ws81.txt" "$T/opened/c$i.txt"
	i=$((i + 1))
done
cat > "$T/opened.yaml" <<YAML
inputs:
  - path: opened/*.txt
    format: { captions: { non_speech: ["()", "[applause]"] } }
outputs:
  - jsonl: { path: opened.jsonl }
YAML
for n in 1 3; do
	"$IGTEXT" run --threads $n "$T/opened.yaml" > /dev/null 2> "$T/oerr.$n" < /dev/null
	sed -i 's/ in [0-9.]* s)$/)/' "$T/oerr.$n"
done
is "$(grep -c "ignored" "$T/oerr.3")" 1 "a format's warning as it opens: said once on 3 threads"
ok "a format's warning as it opens: the same messages as one thread" cmp -s "$T/oerr.1" "$T/oerr.3"

# A stop signal while one input is read: inputs that parsing threads read
# ahead of it are neither written nor named, as one thread never read them.
mkdir "$T/cut"
awk 'BEGIN { for (i = 0; i < 12000; i++) printf "Line %d of a long record on Internet governance.\n\n", i }' \
	> "$T/cut/a.txt"
for f in c1 c2 c3; do cp "$T/cut/a.txt" "$T/cut/$f.txt"; done
printf 'TESTFORMAT\nWAIT-FOR-STOP\n' > "$T/cut/b.tf"
for n in 1 3; do
	rm -f "$T/cut/waiting"
	IGTEXT_TEST_WAITING="$T/cut/waiting" IGTEXT_PLUGIN_PATH="$plugins" \
		"$IGTEXT" -v parse --threads $n "$T/cut/a.txt" "$T/cut/b.tf" \
		"$T/cut/c1.txt" "$T/cut/c2.txt" "$T/cut/c3.txt" > "$T/cut/out.$n" 2> "$T/cut/err.$n" < /dev/null &
	pid=$!
	# The signal comes while b.tf is being read (it waits for it for
	# 30 s), once a.txt before it is through, however loaded the machine:
	# a second after b.tf began and a.txt was written, not a second after
	# the run began. (Parsing threads may begin b.tf while a.txt is still
	# being read; a signal then would rightly drop b.tf.)
	i=0
	while { [ ! -e "$T/cut/waiting" ] || ! grep -q 'Line 11999 of' "$T/cut/out.$n"; } &&
		kill -0 "$pid" 2> /dev/null && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 1
	kill -TERM "$pid"
	wait "$pid"
	echo $? > "$T/cut/status.$n"
done
is "$(cat "$T/cut/status.3")" "$(cat "$T/cut/status.1")" "a stop signal: the status of one thread"
like "$T/cut/out.3" '"title":"waiting"' "a stop signal: the input being read was written up to it"
unlike "$T/cut/out.3" 'cut/c[123].txt' "a stop signal: no document of an input after it"
unlike "$T/cut/err.3" 'cut/c[123].txt' "a stop signal: no message about an input after it"
like "$T/cut/err.3" "interrupted by signal" "a stop signal: it says so"

# The same when the stop comes before the input began: a lane still
# hashing a large file (a sparse one: no disk) when the signal comes,
# while another has read what follows.
if truncate -s 4G "$T/cut/sparse.bin" 2> /dev/null; then
	printf 'plain text after the large file.\n' > "$T/cut/after.txt"
	IGTEXT_PLUGIN_PATH="$plugins" "$IGTEXT" -v parse --threads 3 "$T/cut/sparse.bin" \
		"$T/cut/after.txt" > "$T/cut/out.s" 2> "$T/cut/err.s" < /dev/null &
	pid=$!
	sleep 1
	kill -TERM "$pid"
	wait "$pid"
	is "$?" 143 "a stop before an input began: the status of SIGTERM"
	unlike "$T/cut/out.s" 'after.txt' "a stop before an input began: no document of an input after it"
	unlike "$T/cut/err.s" 'after.txt' "a stop before an input began: no message about an input after it"
	rm -f "$T/cut/sparse.bin"
fi

# --threads takes 0 (one per processor) to 256
for bad in -1 257 two ""; do
	run run --threads "$bad" "$T/job.yaml"
	is "$status" 64 "--threads '$bad' is a usage error"
	like "$T/err" "--threads wants a number" "--threads '$bad' says what it wants"
done
run run -q --threads 0 "$T/job.yaml"
is "$status" 65 "--threads 0: one per processor"
ok "--threads 0: the same output" cmp -s "$T/out.1" "$T/out.jsonl"

done_testing
