/* SPDX-License-Identifier: MIT */
/*
 * Streaming input reader (input.h, input_private.h).
 *
 * zlib's gz* functions read gzip and plain data alike ("transparent"
 * mode), so compression is recognised by its magic bytes whatever the file
 * is called. A regular file is read once first for its sha256; when all
 * of it fitted in the buffer and it is not gzip, it is parsed from there.
 * One buffer holds the unread data; it grows only when a single line does
 * not fit, so memory is bounded by the longest line. Searching
 * for a line end resumes where the previous search stopped, so a 50 MB line
 * costs one pass, not one pass per refill. On corrupt gzip data the text
 * the failing gzread had decompressed is recovered (gzip_recover) before
 * the failure is reported, so nothing read is dropped.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <igtext/buf.h>

#include "input_private.h"
#include "util.h"

#define INITIAL_BUFFER (1024 * 1024)
#define MIN_BUFFER 4096

struct igt_input {
	char *name;
	char *identity;
	char sha256[SHA256_DIGEST_SIZE * 2 + 1];
	int has_sha256;
	gzFile gz;
	int raw_fd; /* a regular file's descriptor, to recover text on corrupt gzip data; -1 */
	int compressed;
	char *buf;
	size_t cap, start, end;
	/* Line feeds are found 64 bytes at a time: bit i of nl_bits is set
	 * when buf[scanned - 64 + i] is a line feed not yet returned; the
	 * bytes before scanned have been searched. A line then costs a bit
	 * scan, not a search of its own. */
	size_t scanned;
	uint64_t nl_bits;
	uint64_t base; /* input offset of buf[0] */
	uint64_t lineno;
	int eof;
	int failure;
	const char *plugin;
};

/* The hash is read through the input's own buffer, before any of it is
 * used for text. *kept is the file's size when one read brought all of it
 * (then it is still in buf), or (size_t)-1 when the buffer was reused and
 * the file has been rewound for reading again. */
static int hash_file(int fd, unsigned char *buf, size_t bufsize,
                     char out[SHA256_DIGEST_SIZE * 2 + 1], size_t *kept)
{
	struct sha256_ctx ctx;
	size_t total = 0;
	int reads = 0;
	sha256_init(&ctx);
	for (;;) {
		ssize_t n = read(fd, buf, bufsize);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		sha256_update(&ctx, (size_t)n, buf);
		total += (size_t)n;
		reads++;
	}
	unsigned char digest[SHA256_DIGEST_SIZE];
	sha256_digest(&ctx, sizeof(digest), digest);
	igt_hex(digest, sizeof(digest), out);
	/* gzip data (by its magic bytes) is read again through zlib. */
	int gzip = total >= 2 && buf[0] == 0x1f && buf[1] == 0x8b;
	*kept = reads <= 1 && !gzip ? total : (size_t)-1;
	if (*kept != (size_t)-1)
		return 0;
	return lseek(fd, 0, SEEK_SET) == 0 ? 0 : -1;
}

static int open_input(igt_input **out, const char *path, const char *real, int hash,
                      igt_error *err);

int igt_input_open(igt_input **out, const char *path, igt_error *err)
{
	return open_input(out, path, NULL, 1, err);
}

int igt_input_open_resolved(igt_input **out, const char *path, const char *real,
                            igt_error *err)
{
	return open_input(out, path, real, 1, err);
}

int igt_input_open_unhashed(igt_input **out, const char *path, igt_error *err)
{
	return open_input(out, path, NULL, 0, err);
}

static int open_input(igt_input **out, const char *path, const char *real, int hash,
                      igt_error *err)
{
	*out = NULL;
	int is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return igt_error_set(err, errno == ENOENT ? IGT_ENOTFOUND : IGT_EBADINPUT, "%s: %s",
		                     is_stdin ? "<stdin>" : path, strerror(errno));
	igt_input *in = igt_xcalloc(1, sizeof(*in));
	in->raw_fd = -1;
	in->name = igt_xstrdup(is_stdin ? "<stdin>" : path);
	struct stat st;
	int have_stat = fstat(fd, &st) == 0;
	if (have_stat && S_ISDIR(st.st_mode)) {
		close(fd);
		igt_input_close(in);
		return igt_error_set(err, IGT_EBADINPUT, "%s: is a directory", path);
	}
	/* A small file gets a buffer of its size (and zlib buffers to match):
	 * a run over thousands of small records spent more time setting up
	 * and unmapping buffers of the usual size than parsing. */
	in->cap = INITIAL_BUFFER;
	unsigned want = 128 * 1024;
	if (have_stat && S_ISREG(st.st_mode) && st.st_size >= 0 &&
	    (uint64_t)st.st_size < INITIAL_BUFFER) {
		in->cap = (size_t)st.st_size + 1 < MIN_BUFFER ? MIN_BUFFER : (size_t)st.st_size + 1;
		want = in->cap / 2 < 8192 ? 8192 : (unsigned)(in->cap / 2);
	}
	in->buf = igt_xmalloc(in->cap);
	if (!is_stdin && have_stat && S_ISREG(st.st_mode)) {
		char resolved[PATH_MAX];
		if (!real)
			real = realpath(path, resolved) ? resolved : path;
		in->identity = igt_xstrdup(real);
		size_t kept = (size_t)-1;
		if (hash && hash_file(fd, (unsigned char *)in->buf, in->cap, in->sha256, &kept) != 0) {
			int e = errno;
			close(fd);
			igt_input_close(in);
			return igt_error_set(err, IGT_EBADINPUT, "%s: %s", path, strerror(e));
		}
		in->has_sha256 = hash;
		if (kept != (size_t)-1) {
			/* The whole file is in the buffer already (not gzip): it is
			 * parsed from there, not read a second time. Most records
			 * are small files, and reading one twice through zlib cost
			 * more system calls than parsing it took time. */
			close(fd);
			in->end = kept;
			in->eof = 1;
			*out = in;
			return IGT_OK;
		}
	}
	/* The same open file (not the path, which may name another by then),
	 * read with pread so that zlib's offset is not moved. */
	in->raw_fd = !is_stdin && have_stat && S_ISREG(st.st_mode) ? dup(fd) : -1;
	in->gz = gzdopen(fd, "rb");
	if (!in->gz) {
		close(fd);
		igt_input_close(in);
		return igt_error_set(err, IGT_EGENERIC, "%s: cannot start reading", path);
	}
	/* zlib reads straight into the buffer when asked for at least twice
	 * its own buffer's size, which the text buffer mostly is. */
	gzbuffer(in->gz, want);
	*out = in;
	return IGT_OK;
}

void igt_input_close(igt_input *in)
{
	if (!in)
		return;
	if (in->gz)
		gzclose_r(in->gz);
	if (in->raw_fd >= 0)
		close(in->raw_fd);
	free(in->buf);
	free(in->name);
	free(in->identity);
	free(in);
}

const char *igt_input_name(const igt_input *in)
{
	return in->name;
}

const char *igt_input_sha256(const igt_input *in)
{
	return in->has_sha256 ? in->sha256 : NULL;
}

const char *igt_input_identity(const igt_input *in)
{
	return in->identity;
}

int igt_input_is_compressed(const igt_input *in)
{
	return in->compressed;
}

void igt_input_set_plugin(igt_input *in, const char *plugin_name)
{
	in->plugin = plugin_name;
}

int igt_input_failure(const igt_input *in)
{
	return in->failure;
}

uint64_t igt_input_bytes_read(const igt_input *in)
{
	return in->base + in->start;
}

uint64_t igt_input_offset(const igt_input *in)
{
	return in->base + in->start;
}

/* Make at least want (1 or 2) bytes of the file available to z, keeping
 * what is left, reading at *pos; 0 when the file ends first. */
static int recover_input(int fd, off_t *pos, z_stream *z, unsigned char *in, size_t size,
                         uInt want)
{
	while (z->avail_in < want) {
		if (z->avail_in)
			memmove(in, z->next_in, z->avail_in);
		ssize_t n = pread(fd, in + z->avail_in, size - z->avail_in, *pos);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		*pos += n;
		z->next_in = in;
		z->avail_in += (uInt)n;
	}
	return 1;
}

/* After gzread failed on corrupt data: the text it had decompressed in
 * that call (and held in its own buffer), which it does not hand back. A
 * wrong checksum is found only at the end of a gzip member, after all of
 * its text, which zcat prints. The file (fd, read from its start with
 * pread) is inflated again, members one after another as gzread reads
 * them; skip bytes of text already passed on are left out, the rest up to
 * the error is added to out. */
static void gzip_recover(int fd, uint64_t skip, igt_buf *out)
{
	enum { CHUNK = 65536 };
	z_stream z;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return;
	unsigned char *in = igt_xmalloc(CHUNK), *chunk = igt_xmalloc(CHUNK);
	uint64_t made = 0;
	off_t pos = 0;
	while (recover_input(fd, &pos, &z, in, CHUNK, 1)) {
		z.next_out = chunk;
		z.avail_out = CHUNK;
		int rc = inflate(&z, Z_NO_FLUSH);
		size_t n = CHUNK - z.avail_out;
		if (made + n > skip) {
			size_t from = made >= skip ? 0 : (size_t)(skip - made);
			igt_buf_add(out, (const char *)chunk + from, n - from);
		}
		made += n;
		if (rc == Z_STREAM_END) {
			/* Another member only where the next bytes are gzip's. */
			if (!recover_input(fd, &pos, &z, in, CHUNK, 2) || z.next_in[0] != 0x1f ||
			    z.next_in[1] != 0x8b || inflateReset(&z) != Z_OK)
				break;
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			break;
		}
	}
	inflateEnd(&z);
	free(in);
	free(chunk);
}

/* Read more data into the buffer, compacting and growing as needed.
 * Returns 1 if data was added, 0 at end of input, negative on failure
 * (after which the buffer may still hold data that came before it). */
static int fill(igt_input *in)
{
	if (in->failure)
		return in->failure;
	if (in->eof)
		return 0;
	if (in->start > 0) {
		size_t keep = in->end - in->start;
		memmove(in->buf, in->buf + in->start, keep);
		in->base += in->start;
		in->scanned -= in->start;
		in->end = keep;
		in->start = 0;
	}
	if (in->end == in->cap) {
		in->cap *= 2;
		in->buf = igt_xrealloc(in->buf, in->cap);
	}
	size_t room = in->cap - in->end;
	if (room > INT_MAX)
		room = INT_MAX;
	int n = gzread(in->gz, in->buf + in->end, (unsigned)room);
	if (in->base == 0 && in->end == 0 && n >= 0)
		in->compressed = !gzdirect(in->gz);
	if (n > 0) {
		in->end += (size_t)n;
		return 1;
	}
	int errnum = 0;
	const char *msg = gzerror(in->gz, &errnum);
	uint64_t at = in->base + in->end;
	if (n == 0 && errnum == Z_OK) {
		in->eof = 1;
		return 0;
	}
	if (errnum == Z_BUF_ERROR) {
		igt_log(IGT_LOG_ERROR, "%s: truncated gzip data: the input ends after %llu bytes",
		        in->name, (unsigned long long)at);
		in->failure = IGT_EBADINPUT;
	} else if (errnum == Z_ERRNO && errno == EINTR) {
		/* A signal that stops the run (the pipeline says which). */
		in->failure = IGT_EINTERRUPTED;
	} else if (errnum == Z_ERRNO) {
		igt_log(IGT_LOG_ERROR, "%s: read error after %llu bytes: %s", in->name,
		        (unsigned long long)at, strerror(errno));
		in->failure = IGT_EIO;
	} else {
		/* zlib prefixes its own name for the stream ("<fd:3>: "). */
		if (msg && strncmp(msg, "<fd:", 4) == 0 && strstr(msg, ": "))
			msg = strstr(msg, ": ") + 2;
		if (in->raw_fd >= 0) {
			igt_buf text = {0};
			gzip_recover(in->raw_fd, at, &text);
			if (text.len > in->cap - in->end) {
				in->cap = in->end + text.len;
				in->buf = igt_xrealloc(in->buf, in->cap);
			}
			if (text.len)
				memcpy(in->buf + in->end, text.data, text.len);
			in->end += text.len;
			at += text.len;
			igt_buf_free(&text);
		}
		igt_log(IGT_LOG_ERROR, "%s: corrupt gzip data (%s) after %llu bytes of text", in->name,
		        msg ? msg : "unknown error", (unsigned long long)at);
		in->failure = IGT_EBADINPUT;
	}
	in->eof = 1;
	return in->failure;
}

/* A bit for each line feed among the 64 bytes at s. */
static inline uint64_t line_feeds(const char *s)
{
#ifdef __SSE2__
	const __m128i lf = _mm_set1_epi8('\n');
	const __m128i *p = (const __m128i *)(const void *)s;
	uint64_t m0 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(p), lf));
	uint64_t m1 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(p + 1), lf));
	uint64_t m2 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(p + 2), lf));
	uint64_t m3 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(p + 3), lf));
	return m0 | m1 << 16 | m2 << 32 | m3 << 48;
#else
	uint64_t m = 0;
	for (int k = 0; k < 64; k++)
		m |= (uint64_t)(s[k] == '\n') << k;
	return m;
#endif
}

/* The next line feed not yet returned, from the search state: 1 with its
 * position in *at (taken: the next call gives the one after it), or 0
 * when the buffer holds none (then all of it has been searched). */
static inline int next_line_feed(igt_input *in, size_t *at)
{
	for (;;) {
		if (in->nl_bits) {
			/* Unsigned arithmetic: scanned - 64 may wrap after the buffer
			 * was compacted, the position it gives does not. */
			*at = in->scanned - 64 + (size_t)__builtin_ctzll(in->nl_bits);
			in->nl_bits &= in->nl_bits - 1;
			return 1;
		}
		if (in->end - in->scanned >= 64) {
			in->nl_bits = line_feeds(in->buf + in->scanned);
			in->scanned += 64;
			continue;
		}
		/* Fewer than 64 bytes left unsearched. */
		const char *nl = memchr(in->buf + in->scanned, '\n', in->end - in->scanned);
		if (!nl) {
			in->scanned = in->end;
			return 0;
		}
		*at = (size_t)(nl - in->buf);
		in->scanned = *at + 1;
		return 1;
	}
}

int igt_input_getline(igt_input *in, igt_line *out)
{
	for (;;) {
		size_t len, at;
		if (next_line_feed(in, &at)) {
			len = at + 1 - in->start;
		} else {
			uint64_t had = in->base + in->end;
			int r = fill(in);
			if (r > 0 || in->base + in->end > had)
				continue; /* text, also what came before a failure */
			if (in->end == in->start)
				return r < 0 ? r : 0;
			/* The last line, without a line end. After a read failure it
			 * is what could be read; the failure comes with the next
			 * call, so nothing read is dropped and nothing looks whole
			 * that is not. */
			len = in->end - in->start;
		}
		out->text = in->buf + in->start;
		out->len = len;
		out->eol = 0;
		if (len && out->text[len - 1] == '\n')
			out->eol = len >= 2 && out->text[len - 2] == '\r' ? 2 : 1;
		out->offset = in->base + in->start;
		out->number = ++in->lineno;
		in->start += len;
		return 1;
	}
}

size_t igt_input_getlines(igt_input *in, const char *stop, size_t stop_len, size_t max,
                          size_t *ends, igt_line *out)
{
	size_t n = 0, end = in->start;
	while (n < max) {
		/* Whether the line at end begins with stop: decided before its
		 * line feed is taken from the search state, so a line left to
		 * getline is found there again. */
		if (in->end - end < stop_len ||
		    ((!stop_len || in->buf[end] == stop[0]) && memcmp(in->buf + end, stop, stop_len) == 0))
			break; /* (the first byte first: most lines differ there) */
		size_t at;
		if (!next_line_feed(in, &at))
			break;
		end = at + 1;
		ends[n++] = end - in->start;
	}
	if (!n)
		return 0;
	out->text = in->buf + in->start;
	out->len = end - in->start;
	out->eol = out->len >= 2 && out->text[out->len - 2] == '\r' ? 2 : 1;
	out->offset = in->base + in->start;
	out->number = in->lineno + 1;
	in->lineno += n;
	in->start = end;
	return n;
}

int igt_input_peek(igt_input *in, size_t want, const char **data, size_t *len)
{
	int r = 0;
	while (in->end - in->start < want) {
		r = fill(in);
		if (r <= 0)
			break;
	}
	/* Also after a failure: the bytes read before it are still data. */
	*data = in->buf + in->start;
	*len = in->end - in->start;
	return r < 0 ? r : 0;
}

void igt_input_log(igt_input *in, igt_log_level level, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (in->plugin)
		igt_log(level, "%s:%llu: %s: %s", in->name, (unsigned long long)in->lineno, in->plugin,
		        msg);
	else
		igt_log(level, "%s:%llu: %s", in->name, (unsigned long long)in->lineno, msg);
}
