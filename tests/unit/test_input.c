/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the input reader (input.h, input_private.h): getline
 * gives each line with its exact offset, 1-based number and line end (1
 * for LF, 2 for CRLF, 0 for a last line without one); a 1 MiB line, longer
 * than the first 256 KiB buffer, comes back whole and the next line after
 * it is right; peek does not consume; gzip is recognised by its magic
 * bytes (a gzip file called .txt is decompressed, a plain file called .gz
 * is read as it is); a truncated gzip file gives its complete lines and
 * then IGT_EBADINPUT; igt_input_sha256 is the sha256 of the file's bytes;
 * a missing file is IGT_ENOTFOUND naming it and a directory is refused;
 * "-" reads standard input. bzip2 and xz are read like gzip, by their magic
 * bytes whatever the name, from a file read whole for its hash and from
 * one streamed in blocks: several streams one after another are read
 * whole, a truncated or corrupt stream gives the text before the damage
 * and then IGT_EBADINPUT with a message naming the file, the compression
 * and the place, bytes after the last stream are left out with a warning;
 * zstd is refused with a message saying how to read it; text that only
 * looks like a magic is read as text.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <bzlib.h>
#include <lzma.h>
#include <nettle/sha2.h>
#include <zlib.h>

#include <igtext/buf.h>

#include "input_private.h"
#include "log_private.h"
#include "tap.h"
#include "util.h"

#define INITIAL_BUFFER (256 * 1024)

static char tmpdir[4096];

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void bail(const char *what)
{
	printf("Bail out! %s: %s\n", what, strerror(errno));
	exit(99);
}

static char *tmp_path(const char *name)
{
	return igt_xasprintf("%s/%s", tmpdir, name);
}

/* Write len bytes to name in the temp folder; the full path, owned. */
static char *write_file(const char *name, const void *data, size_t len)
{
	char *path = tmp_path(name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0)
		bail(path);
	return path;
}

/* Write len bytes gzip-compressed with zlib to name; the full path, owned. */
static char *write_gzip(const char *name, const void *data, size_t len)
{
	char *path = tmp_path(name);
	gzFile gz = gzopen(path, "wb9");
	if (!gz || gzwrite(gz, data, (unsigned)len) != (int)len || gzclose(gz) != Z_OK)
		bail(path);
	return path;
}

enum { PACK_GZIP, PACK_BZIP2, PACK_XZ };
static const char *const pack_names[] = {"gzip", "bzip2", "xz"};

/* data as one stream of the compression kind (bzip2 in blocks of 100 kB,
 * so that a few hundred kB make several); *out_len its size. Owned. */
static unsigned char *pack(int kind, const void *data, size_t len, size_t *out_len)
{
	size_t cap = len + len / 100 + 1024;
	unsigned char *out = igt_xmalloc(cap);
	int good = 0;
	if (kind == PACK_GZIP) {
		z_stream z;
		memset(&z, 0, sizeof(z));
		if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK) {
			z.next_in = (Bytef *)(uintptr_t)data;
			z.avail_in = (uInt)len;
			z.next_out = out;
			z.avail_out = (uInt)cap;
			good = deflate(&z, Z_FINISH) == Z_STREAM_END;
			*out_len = cap - z.avail_out;
			deflateEnd(&z);
		}
	} else if (kind == PACK_BZIP2) {
		unsigned got = (unsigned)cap;
		good = BZ2_bzBuffToBuffCompress((char *)out, &got, (char *)(uintptr_t)data,
		                                (unsigned)len, 1, 0, 0) == BZ_OK;
		*out_len = got;
	} else {
		size_t pos = 0;
		good = lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, NULL, data, len, out, &pos, cap) ==
		       LZMA_OK;
		*out_len = pos;
	}
	if (!good)
		bail("compressing a fixture");
	return out;
}

static igt_input *open_ok(const char *path, const char *name)
{
	igt_input *in = NULL;
	igt_error err = {0};
	int rc = igt_input_open(&in, path, &err);
	is_int(rc, IGT_OK, "%s: opens", name);
	if (rc) {
		printf("#   %s\n", err.message);
		printf("Bail out! cannot open %s\n", path);
		exit(99);
	}
	return in;
}

/* The next line must be text (len bytes) at offset with eol and number. */
static void check_line(igt_input *in, const char *text, uint64_t offset, size_t eol,
                       uint64_t number, const char *name)
{
	igt_line line;
	memset(&line, 0, sizeof(line));
	int rc = igt_input_getline(in, &line);
	is_int(rc, 1, "%s: a line", name);
	size_t len = strlen(text);
	ok(rc == 1 && line.len == len && memcmp(line.text, text, len) == 0, "%s: text", name);
	if (rc == 1 && (line.len != len || memcmp(line.text, text, len) != 0))
		printf("#   got %zu bytes: '%.*s'\n", line.len,
		       (int)(line.len < 80 ? line.len : 80), line.text);
	is_int(line.offset, offset, "%s: offset", name);
	is_int(line.eol, eol, "%s: eol", name);
	is_int(line.number, number, "%s: number", name);
}

/* Every line of in, as one text; the code the reading ended with. */
static int read_all(igt_input *in, igt_buf *text)
{
	igt_line line;
	int rc;
	while ((rc = igt_input_getline(in, &line)) == 1)
		igt_buf_add(text, line.text, line.len);
	return rc;
}

/* Open path with or without the hash (read whole, or streamed in blocks). */
static igt_input *open_as(const char *path, int hashed, const char *name)
{
	if (hashed)
		return open_ok(path, name);
	igt_input *in = NULL;
	igt_error err = {0};
	if (igt_input_open_unhashed(&in, path, &err) != 0) {
		printf("Bail out! cannot open %s: %s\n", path, err.message);
		exit(99);
	}
	return in;
}

/* The sha256 of len bytes, in hex. */
static void sha256_hex(const void *data, size_t len, char out[SHA256_DIGEST_SIZE * 2 + 1])
{
	struct sha256_ctx ctx;
	unsigned char digest[SHA256_DIGEST_SIZE];
	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof(digest), digest);
	for (size_t i = 0; i < sizeof(digest); i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

static void test_lines(void)
{
	static const char text[] = "one\ntwo\r\n\nlone\rcr\n\r\nlast";
	char *path = write_file("lines.txt", text, sizeof(text) - 1);
	igt_input *in = open_ok(path, "plain file");
	is_str(igt_input_name(in), path, "name is the path as given");
	ok(igt_input_identity(in) != NULL && igt_input_identity(in)[0] == '/',
	   "identity is a real (absolute) path");
	is_int(igt_input_offset(in), 0, "offset starts at 0");
	check_line(in, "one\n", 0, 1, 1, "LF line");
	is_int(igt_input_offset(in), 4, "offset after the first line");
	check_line(in, "two\r\n", 4, 2, 2, "CRLF line");
	check_line(in, "\n", 9, 1, 3, "empty line");
	check_line(in, "lone\rcr\n", 10, 1, 4, "a lone CR is not a line end");
	check_line(in, "\r\n", 18, 2, 5, "empty CRLF line");
	check_line(in, "last", 20, 0, 6, "last line without a line end");
	igt_line line;
	is_int(igt_input_getline(in, &line), 0, "then the end");
	is_int(igt_input_getline(in, &line), 0, "and the end again");
	is_int(igt_input_offset(in), sizeof(text) - 1, "offset at the end is the size");
	is_int(igt_input_bytes_read(in), sizeof(text) - 1, "bytes read at the end is the size");
	is_int(igt_input_is_compressed(in), 0, "a plain file is not compressed");
	is_int(igt_input_failure(in), 0, "no failure");
	igt_input_close(in);
	free(path);

	path = write_file("empty.txt", "", 0);
	in = open_ok(path, "empty file");
	is_int(igt_input_getline(in, &line), 0, "empty file: the end at once");
	igt_input_close(in);
	free(path);

	path = write_file("cr.txt", "a\r", 2);
	in = open_ok(path, "file ending in CR");
	check_line(in, "a\r", 0, 0, 1, "a trailing lone CR is no line end");
	igt_input_close(in);
	free(path);
	igt_input_close(NULL);
	ok(1, "igt_input_close(NULL) is safe");
}

static void test_long_line(void)
{
	size_t big = 1024 * 1024;
	size_t total = 6 + big + 1 + 6;
	char *data = igt_xmalloc(total + 1);
	memcpy(data, "first\n", 6);
	for (size_t i = 0; i < big; i++)
		data[6 + i] = (char)('a' + i % 26);
	data[6 + big] = '\n';
	memcpy(data + 6 + big + 1, "after\n", 6);
	char *path = write_file("long.txt", data, total);
	igt_input *in = open_ok(path, "1 MiB line");
	check_line(in, "first\n", 0, 1, 1, "line before the long one");
	igt_line line;
	int rc = igt_input_getline(in, &line);
	is_int(rc, 1, "long line: read");
	is_int(line.len, big + 1, "long line: whole (1 MiB + LF)");
	ok(line.len == big + 1 && memcmp(line.text, data + 6, big + 1) == 0,
	   "long line: every byte right");
	is_int(line.offset, 6, "long line: offset");
	is_int(line.number, 2, "long line: number");
	is_int(line.eol, 1, "long line: eol");
	check_line(in, "after\n", 6 + big + 1, 1, 3, "line after the long one");
	is_int(igt_input_getline(in, &line), 0, "long file: the end");
	igt_input_close(in);
	free(path);

	/* The same as the last line, with no line end, and longer than twice
	 * the buffer so that it grows more than once. */
	size_t huge = 3 * INITIAL_BUFFER + 17;
	char *h = igt_xmalloc(huge);
	memset(h, 'z', huge);
	path = write_file("huge.txt", h, huge);
	in = open_ok(path, "long last line");
	rc = igt_input_getline(in, &line);
	ok(rc == 1 && line.len == huge && line.eol == 0 && line.offset == 0,
	   "a last line of 3 buffers + 17 bytes comes back whole");
	is_int(igt_input_getline(in, &line), 0, "and then the end");
	igt_input_close(in);
	free(path);
	free(h);
	free(data);
}

/* A file the hash reads whole (under 1 MiB) is parsed from that read; a
 * larger one is read again. Around the limit, and as gzip, every line
 * comes back whole at its offset. */
static void test_read_once_limit(void)
{
	static const size_t sizes[] = {1024 * 1024 - 1, 1024 * 1024, 1024 * 1024 + 1};
	for (size_t k = 0; k < 3; k++) {
		size_t n = sizes[k];
		char *data = igt_xmalloc(n);
		for (size_t i = 0; i < n; i++)
			data[i] = i % 61 == 60 ? '\n' : (char)('a' + i % 26);
		for (int gz = 0; gz < 2; gz++) {
			char *path = gz ? write_gzip("limit.txt.gz", data, n)
			                : write_file("limit.txt", data, n);
			igt_input *in = open_ok(path, "a file around 1 MiB");
			igt_line line;
			size_t at = 0, lines = 0;
			int same = 1, rc;
			while ((rc = igt_input_getline(in, &line)) == 1) {
				same &= line.offset == at && at + line.len <= n &&
				        memcmp(line.text, data + at, line.len) == 0;
				at += line.len;
				lines++;
			}
			ok(rc == 0 && same && at == n && lines == (n + 60) / 61,
			   "%zu bytes%s: every line whole at its offset", n, gz ? ", gzip" : "");
			ok(igt_input_sha256(in) != NULL && !igt_input_is_compressed(in) == !gz,
			   "%zu bytes%s: hashed, compression as written", n, gz ? ", gzip" : "");
			igt_input_close(in);
			free(path);
		}
		free(data);
	}
}

static void test_peek(void)
{
	static const char text[] = "alpha\nbeta\ngamma\n";
	char *path = write_file("peek.txt", text, sizeof(text) - 1);
	igt_input *in = open_ok(path, "peek");
	const char *data = NULL;
	size_t len = 0;
	is_int(igt_input_peek(in, 5, &data, &len), 0, "peek 5 bytes");
	ok(len >= 5 && memcmp(data, "alpha", 5) == 0, "peek sees the start");
	is_int(igt_input_offset(in), 0, "peek does not move the offset");
	is_int(igt_input_peek(in, 4096, &data, &len), 0, "peek past the end");
	is_int(len, sizeof(text) - 1, "peek past the end gives the whole (short) input");
	ok(memcmp(data, text, sizeof(text) - 1) == 0, "peek data is the input");
	check_line(in, "alpha\n", 0, 1, 1, "getline after peek starts at the beginning");
	is_int(igt_input_peek(in, 3, &data, &len), 0, "peek after a line");
	ok(len >= 3 && memcmp(data, "bet", 3) == 0, "peek starts at the read position");
	check_line(in, "beta\n", 6, 1, 2, "getline after the second peek");
	check_line(in, "gamma\n", 11, 1, 3, "third line");
	is_int(igt_input_peek(in, 10, &data, &len), 0, "peek at the end");
	is_int(len, 0, "peek at the end gives 0 bytes");
	igt_input_close(in);
	free(path);

	/* Peek more than the first buffer holds. */
	size_t big = INITIAL_BUFFER + 1000;
	char *b = igt_xmalloc(big);
	for (size_t i = 0; i < big; i++)
		b[i] = (char)('0' + i % 10);
	path = write_file("bigpeek.txt", b, big);
	in = open_ok(path, "big peek");
	is_int(igt_input_peek(in, big, &data, &len), 0, "peek more than the first buffer");
	ok(len == big && memcmp(data, b, big) == 0, "and get all of it");
	igt_line line;
	ok(igt_input_getline(in, &line) == 1 && line.len == big && line.offset == 0,
	   "then getline reads it all from offset 0");
	igt_input_close(in);
	free(path);
	free(b);
}

static void test_gzip(void)
{
	static const char text[] = "alpha\nbeta\r\ngamma";
	char *path = write_gzip("packed.txt", text, sizeof(text) - 1);
	igt_input *in = open_ok(path, "gzip named .txt");
	check_line(in, "alpha\n", 0, 1, 1, "gzip: first line");
	is_int(igt_input_is_compressed(in), 1, "gzip named .txt is recognised as compressed");
	check_line(in, "beta\r\n", 6, 2, 2, "gzip: CRLF line");
	check_line(in, "gamma", 12, 0, 3, "gzip: last line");
	igt_line line;
	is_int(igt_input_getline(in, &line), 0, "gzip: the end");
	is_int(igt_input_bytes_read(in), sizeof(text) - 1, "gzip: bytes counted decompressed");
	is_int(igt_input_failure(in), 0, "gzip: no failure");
	igt_input_close(in);
	free(path);

	path = write_gzip("packed.gz", text, sizeof(text) - 1);
	in = open_ok(path, "gzip named .gz");
	const char *data;
	size_t len;
	is_int(igt_input_peek(in, 100, &data, &len), 0, "gzip: peek");
	ok(len == sizeof(text) - 1 && memcmp(data, text, len) == 0, "gzip: peek sees plain text");
	is_int(igt_input_is_compressed(in), 1, "gzip: compressed after peek");
	igt_input_close(in);
	free(path);

	path = write_file("plain.gz", text, sizeof(text) - 1);
	in = open_ok(path, "plain text named .gz");
	check_line(in, "alpha\n", 0, 1, 1, "plain .gz: first line as is");
	is_int(igt_input_is_compressed(in), 0, "plain text named .gz is not compressed");
	igt_input_close(in);
	free(path);

	/* Truncated: many distinct lines, compressed, cut in half. */
	size_t n_lines = 5000, cap = n_lines * 40, used = 0;
	char *many = igt_xmalloc(cap);
	for (size_t i = 0; i < n_lines; i++)
		used += (size_t)snprintf(many + used, cap - used, "line %zu of the record %zx\n", i,
		                         i * 2654435761u);
	path = write_gzip("whole.gz", many, used);
	FILE *f = fopen(path, "rb");
	if (!f)
		bail(path);
	char *packed = igt_xmalloc(used + 1024);
	size_t packed_len = fread(packed, 1, used + 1024, f);
	fclose(f);
	free(path);
	path = write_file("cut.txt.gz", packed, packed_len / 2);
	in = open_ok(path, "truncated gzip");
	size_t got = 0, complete = 1, partial = 0;
	const char *expect = many;
	int rc;
	while ((rc = igt_input_getline(in, &line)) == 1) {
		if (!complete)
			continue; /* read on, to see how reading ends */
		const char *nl = memchr(expect, '\n', (size_t)(many + used - expect));
		size_t want_len = (size_t)(nl - expect) + 1;
		/* The bytes read before the cut come back as a last line without
		 * a line end (nothing read is dropped); the error follows. */
		if (line.eol == 0 && line.len < want_len && !partial &&
		    memcmp(line.text, expect, line.len) == 0 && line.offset == (uint64_t)(expect - many)) {
			partial = 1;
			continue;
		}
		if (partial || line.eol != 1 || line.len != want_len ||
		    memcmp(line.text, expect, want_len) != 0 ||
		    line.offset != (uint64_t)(expect - many)) {
			complete = 0;
			printf("#   line %zu: %zu bytes, eol %zu: '%.*s'\n", got + 1, line.len,
			       line.eol, (int)(line.len < 60 ? line.len : 60), line.text);
			continue;
		}
		expect = nl + 1;
		got++;
	}
	ok(got > 0 && got < n_lines, "truncated gzip: some lines read (%zu of %zu)", got, n_lines);
	ok(complete, "truncated gzip: every line returned is right (the last may be cut short)");
	is_int(rc, IGT_EBADINPUT, "truncated gzip: then IGT_EBADINPUT");
	is_int(igt_input_failure(in), IGT_EBADINPUT, "truncated gzip: igt_input_failure says so");
	igt_input_close(in);
	free(path);

	/* A wrong checksum is found after all of a member's text: all of it
	 * is read (as zcat prints it), then the error. Alone, and as the
	 * second of two members. */
	packed[packed_len - 8] ^= 0xff;
	for (int members = 1; members <= 2; members++) {
		char *two = igt_xmalloc(2 * packed_len);
		FILE *g = NULL;
		path = write_gzip("first.gz", "first member\n", 13);
		g = fopen(path, "rb");
		size_t first_len = g ? fread(two, 1, packed_len, g) : 0;
		if (g)
			fclose(g);
		free(path);
		size_t off = members == 2 ? first_len : 0;
		memcpy(two + off, packed, packed_len);
		path = write_file("bad-crc.txt.gz", two, off + packed_len);
		in = open_ok(path, "gzip with a bad checksum");
		size_t lines_read = 0, text_bytes = 0;
		while ((rc = igt_input_getline(in, &line)) == 1) {
			lines_read++;
			text_bytes += line.len;
		}
		size_t want_lines = n_lines + (members == 2), want_bytes = used + (members == 2) * 13;
		ok(lines_read == want_lines && text_bytes == want_bytes,
		   "bad checksum in member %d of %d: all %zu lines read (%zu, %zu bytes)", members,
		   members, want_lines, lines_read, text_bytes);
		is_int(rc, IGT_EBADINPUT, "bad checksum: then IGT_EBADINPUT");
		igt_input_close(in);
		free(path);
		free(two);
	}
	free(packed);
	free(many);

	/* A small file that unpacks to much more than its size: its buffer
	 * is sized to the file, zlib's own is larger, and all of it comes
	 * back. */
	size_t small_used = 0, small_cap = 40000;
	char *small = igt_xmalloc(small_cap);
	for (size_t i = 0; small_used + 64 < small_cap; i++)
		small_used += (size_t)snprintf(small + small_used, small_cap - small_used,
		                               "line %zu of a small record\n", i % 50);
	path = write_gzip("small-whole.gz", small, small_used);
	FILE *h = fopen(path, "rb");
	char *small_packed = igt_xmalloc(small_used + 1024);
	size_t small_len = h ? fread(small_packed, 1, small_used + 1024, h) : 0;
	if (h)
		fclose(h);
	free(path);
	small_packed[small_len - 8] ^= 0xff;
	path = write_file("small-bad-crc.gz", small_packed, small_len);
	in = open_ok(path, "small gzip with a bad checksum");
	size_t small_read = 0;
	while ((rc = igt_input_getline(in, &line)) == 1)
		small_read += line.len;
	ok(small_len < 4096 && small_read == small_used,
	   "bad checksum in a %zu-byte file: all %zu bytes of text read (%zu)", small_len,
	   small_used, small_read);
	is_int(rc, IGT_EBADINPUT, "small bad checksum: then IGT_EBADINPUT");
	igt_input_close(in);
	free(path);
	free(small_packed);
	free(small);
}

/* Whether text is data's first text->len bytes. */
static int is_prefix(const igt_buf *text, const char *data, size_t len)
{
	return text->len <= len && (text->len == 0 || memcmp(text->data, data, text->len) == 0);
}

/* bzip2 and xz, as gzip: by magic, whole, several streams, damaged. */
static void test_bzip2_xz(void)
{
	static const char small[] = "alpha\nbeta\r\ngamma";
	size_t n_lines = 12000, cap = n_lines * 48, used = 0;
	char *many = igt_xmalloc(cap);
	for (size_t i = 0; i < n_lines; i++)
		used += (size_t)snprintf(many + used, cap - used, "line %zu of the archive %zx\n", i,
		                         i * 2654435761u);
	for (int kind = PACK_BZIP2; kind <= PACK_XZ; kind++) {
		const char *k = pack_names[kind];
		size_t packed_len;
		unsigned char *packed = pack(kind, small, sizeof(small) - 1, &packed_len);
		/* Named as the other compression: the magic decides. */
		char *path = write_file(kind == PACK_XZ ? "small.bz2" : "small.xz", packed, packed_len);
		for (int hashed = 1; hashed >= 0; hashed--) {
			const char *how = hashed ? "read whole" : "streamed";
			igt_input *in = open_as(path, hashed, k);
			check_line(in, "alpha\n", 0, 1, 1, k);
			is_int(igt_input_is_compressed(in), 1, "%s (%s): compressed", k, how);
			check_line(in, "beta\r\n", 6, 2, 2, k);
			check_line(in, "gamma", 12, 0, 3, k);
			igt_line line;
			is_int(igt_input_getline(in, &line), 0, "%s (%s): the end", k, how);
			is_int(igt_input_bytes_read(in), sizeof(small) - 1,
			       "%s (%s): bytes counted decompressed", k, how);
			is_int(igt_input_failure(in), 0, "%s (%s): no failure", k, how);
			if (hashed) {
				char want[SHA256_DIGEST_SIZE * 2 + 1];
				sha256_hex(packed, packed_len, want);
				is_str(igt_input_sha256(in), want, "%s: the sha256 is of the bytes as stored", k);
			}
			igt_input_close(in);
		}
		free(path);
		free(packed);

		/* A few hundred kB: several bzip2 blocks, several reads of the
		 * file when streamed. */
		unsigned char *big = pack(kind, many, used, &packed_len);
		path = write_file("big.txt", big, packed_len);
		for (int hashed = 1; hashed >= 0; hashed--) {
			igt_input *in = open_as(path, hashed, k);
			igt_buf text = {0};
			int rc = read_all(in, &text);
			ok(rc == 0 && text.len == used && memcmp(text.data, many, used) == 0,
			   "%s (%s): %zu bytes of text from %zu, all of it", k,
			   hashed ? "read whole" : "streamed", used, packed_len);
			igt_buf_free(&text);
			igt_input_close(in);
		}
		free(path);

		/* Truncated: the text before the cut, then IGT_EBADINPUT and a
		 * message naming the file, the compression and the place. */
		path = write_file("cut.txt", big, packed_len * 2 / 3);
		for (int hashed = 1; hashed >= 0; hashed--) {
			const char *how = hashed ? "read whole" : "streamed";
			igt_input *in = open_as(path, hashed, k);
			igt_buf text = {0}, log = {0};
			igt_buf *was = igt_log_capture(&log);
			int rc = read_all(in, &text);
			igt_log_capture(was);
			/* bzip2 gives text a block (100 kB here) at a time. */
			ok(text.len >= used / 3 && text.len < used && is_prefix(&text, many, used),
			   "truncated %s (%s): the text before the cut (%zu of %zu bytes)", k, how,
			   text.len, used);
			is_int(rc, IGT_EBADINPUT, "truncated %s (%s): then IGT_EBADINPUT", k, how);
			is_int(igt_input_failure(in), IGT_EBADINPUT, "truncated %s (%s): failure kept", k,
			       how);
			char *want = igt_xasprintf("%s: truncated %s data: the input ends after %zu bytes",
			                           path, k, text.len);
			like(log.data ? log.data : "", want, "truncated %s (%s): the message", k, how);
			free(want);
			igt_buf_free(&log);
			igt_buf_free(&text);
			igt_input_close(in);
		}
		free(path);

		/* Corrupt near the end: the text before the damage, then the
		 * error (xz's check or bzip2's block CRC may let some damaged
		 * text through first, as zcat does for gzip). */
		big[packed_len - packed_len / 8] ^= 0x55;
		path = write_file("corrupt.txt", big, packed_len);
		igt_input *in = open_ok(path, k);
		igt_buf text = {0}, log = {0};
		igt_buf *was = igt_log_capture(&log);
		int rc = read_all(in, &text);
		igt_log_capture(was);
		ok(text.len >= used / 2 && memcmp(text.data, many, used / 2) == 0,
		   "corrupt %s: the text before the damage (%zu of %zu bytes)", k, text.len, used);
		is_int(rc, IGT_EBADINPUT, "corrupt %s: then IGT_EBADINPUT", k);
		char *want = igt_xasprintf("%s: corrupt %s data (", path, k);
		like(log.data ? log.data : "", want, "corrupt %s: the message names file and compression",
		     k);
		like(log.data ? log.data : "", " bytes of text\n", "corrupt %s: and the place", k);
		free(want);
		igt_buf_free(&log);
		igt_buf_free(&text);
		igt_input_close(in);
		free(path);
		free(big);
	}

	/* Several streams one after another (pbzip2, xz with several files,
	 * gzip members), one of them empty, and xz's zero padding between
	 * streams; then bytes that are no stream, left out with a warning. */
	static const char *const parts[] = {"first stream\nand its second line\n", "",
	                                    "third stream, no line end"};
	for (int kind = PACK_GZIP; kind <= PACK_XZ; kind++) {
		const char *k = pack_names[kind];
		igt_buf file = {0}, whole = {0};
		for (int i = 0; i < 3; i++) {
			size_t len;
			unsigned char *p = pack(kind, parts[i], strlen(parts[i]), &len);
			igt_buf_add(&file, (const char *)p, len);
			igt_buf_add(&whole, parts[i], strlen(parts[i]));
			if (kind == PACK_XZ && i == 0)
				igt_buf_add(&file, "\0\0\0\0", 4);
			free(p);
		}
		for (int junk = 0; junk < 2; junk++) {
			if (junk)
				igt_buf_add(&file, "\nnot compressed\n", 16);
			char *path = write_file("streams.txt", file.data, file.len);
			for (int hashed = 1; hashed >= 0; hashed--) {
				igt_input *in = open_as(path, hashed, k);
				igt_buf text = {0}, log = {0};
				igt_buf *was = igt_log_capture(&log);
				int rc = read_all(in, &text);
				igt_log_capture(was);
				ok(rc == 0 && text.len == whole.len && memcmp(text.data, whole.data, whole.len) == 0,
				   "%s, three streams%s (%s): all the text", k, junk ? " and other bytes" : "",
				   hashed ? "read whole" : "streamed");
				if (junk) {
					char *want = igt_xasprintf("%s: the bytes after the %s data (from byte %zu "
					                           "of the file) are not %s data; left out",
					                           path, k, file.len - 16, k);
					like(log.data ? log.data : "", want, "%s: the other bytes are named", k);
					free(want);
				} else {
					ok(log.len == 0, "%s, three streams: no message", k);
				}
				igt_buf_free(&log);
				igt_buf_free(&text);
				igt_input_close(in);
			}
			free(path);
		}
		igt_buf_free(&file);
		igt_buf_free(&whole);
	}

	/* zstd is recognised and refused, saying how to read it. */
	char *path = write_file("archive.txt", "\x28\xb5\x2f\xfd\x24\x05\x29\x00\x00hello", 14);
	igt_input *in = open_ok(path, "zstd");
	igt_buf log = {0};
	igt_buf *was = igt_log_capture(&log);
	igt_line line;
	is_int(igt_input_getline(in, &line), IGT_EBADINPUT, "zstd: IGT_EBADINPUT, no line");
	igt_log_capture(was);
	is_int(igt_input_is_compressed(in), 1, "zstd: compressed");
	char *want = igt_xasprintf("%s: zstd-compressed data, which igtext does not read; "
	                           "decompress it first (zstd -d",
	                           path);
	like(log.data ? log.data : "", want, "zstd: the message names the file and zstd -d");
	free(want);
	igt_buf_free(&log);
	igt_input_close(in);
	free(path);

	/* Text that begins like a magic, and magics cut short, are text. */
	static const char *const friends[] = {
		"BZh9 is how a bzip2 file begins\n",
		"BZh0AY&SY is no block size\n",
		"BZh91AY&SX almost\n",
		"BZh9",
		"\xfd" "7zXY not xz\n",
		"\x28\xb5\x2f",
		"\x1f",
	};
	for (size_t i = 0; i < sizeof(friends) / sizeof(friends[0]); i++) {
		for (int hashed = 1; hashed >= 0; hashed--) {
			path = write_file("friend.bz2", friends[i], strlen(friends[i]));
			in = open_as(path, hashed, "false friend");
			igt_buf text = {0};
			int rc = read_all(in, &text);
			ok(rc == 0 && !igt_input_is_compressed(in) && text.len == strlen(friends[i]) &&
			       memcmp(text.data, friends[i], text.len) == 0,
			   "false friend %zu (%s): read as text", i, hashed ? "read whole" : "streamed");
			igt_buf_free(&text);
			igt_input_close(in);
			free(path);
		}
	}
	free(many);
}

static void test_sha256_and_errors(void)
{
	char *path = write_file("abc.txt", "abc", 3);
	igt_input *in = open_ok(path, "abc");
	is_str(igt_input_sha256(in),
	       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	       "sha256 of \"abc\"");
	check_line(in, "abc", 0, 0, 1, "hashing first does not eat the data");
	igt_input_close(in);
	free(path);

	path = write_file("empty2.txt", "", 0);
	in = open_ok(path, "empty");
	is_str(igt_input_sha256(in),
	       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	       "sha256 of the empty file");
	igt_input_close(in);
	free(path);

	char *missing = tmp_path("no-such-file.txt");
	in = (igt_input *)&in;
	igt_error err = {0};
	int rc = igt_input_open(&in, missing, &err);
	is_int(rc, IGT_ENOTFOUND, "missing file: IGT_ENOTFOUND");
	is_int(err.code, IGT_ENOTFOUND, "missing file: err.code");
	like(err.message, missing, "missing file: message names the path");
	ok(in == NULL, "missing file: *out is NULL");
	free(missing);

	in = (igt_input *)&in;
	rc = igt_input_open(&in, tmpdir, &err);
	ok(rc < 0, "a directory is refused");
	like(err.message, tmpdir, "directory: message names the path");
	like(err.message, "directory", "directory: message says it is one");
	ok(in == NULL, "directory: *out is NULL");
}

static void test_stdin(void)
{
	char *path = write_file("stdin.txt", "from\nstdin\n", 11);
	int saved = dup(STDIN_FILENO);
	int fd = open(path, O_RDONLY);
	if (saved < 0 || fd < 0 || dup2(fd, STDIN_FILENO) < 0)
		bail("redirect stdin");
	close(fd);
	igt_input *in = open_ok("-", "stdin");
	is_str(igt_input_name(in), "<stdin>", "stdin is called <stdin>");
	ok(igt_input_sha256(in) == NULL, "stdin has no sha256");
	ok(igt_input_identity(in) == NULL, "stdin has no identity");
	check_line(in, "from\n", 0, 1, 1, "stdin: first line");
	check_line(in, "stdin\n", 5, 1, 2, "stdin: second line");
	igt_input_close(in);
	if (dup2(saved, STDIN_FILENO) < 0)
		bail("restore stdin");
	free(path);

	/* Compressed on standard input: xz, and a gzip member whose checksum
	 * is wrong, whose text is all read although it cannot be read again. */
	static const char text[] = "piped\ncompressed\n";
	for (int kind = PACK_GZIP; kind <= PACK_XZ; kind += PACK_XZ - PACK_GZIP) {
		size_t len;
		unsigned char *p = pack(kind, text, sizeof(text) - 1, &len);
		if (kind == PACK_GZIP)
			p[len - 8] ^= 0xff; /* the CRC-32 */
		path = write_file("stdin.packed", p, len);
		fd = open(path, O_RDONLY);
		if (fd < 0 || dup2(fd, STDIN_FILENO) < 0)
			bail("redirect stdin");
		close(fd);
		in = open_ok("-", pack_names[kind]);
		igt_buf got = {0};
		int rc = read_all(in, &got);
		ok(got.len == sizeof(text) - 1 && memcmp(got.data, text, got.len) == 0,
		   "%s on stdin: all the text", pack_names[kind]);
		is_int(rc, kind == PACK_GZIP ? IGT_EBADINPUT : 0, "%s on stdin: %s", pack_names[kind],
		       kind == PACK_GZIP ? "then the bad checksum" : "no failure");
		is_int(igt_input_is_compressed(in), 1, "%s on stdin: compressed", pack_names[kind]);
		igt_buf_free(&got);
		igt_input_close(in);
		if (dup2(saved, STDIN_FILENO) < 0)
			bail("restore stdin");
		free(path);
		free(p);
	}
	close(saved);
}

int main(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof(tmpdir), "%s/igt-input-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpdir))
		bail("mkdtemp");
	test_lines();
	test_long_line();
	test_read_once_limit();
	test_peek();
	test_gzip();
	test_bzip2_xz();
	test_sha256_and_errors();
	test_stdin();
	nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return done_testing();
}
