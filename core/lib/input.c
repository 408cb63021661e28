/* SPDX-License-Identifier: MIT */
/*
 * Streaming input reader (input.h, input_private.h).
 *
 * Compression is recognised by the magic bytes the input begins with,
 * whatever the file is called: gzip (zlib), bzip2 (libbz2) and xz
 * (liblzma) are decompressed, zstd is named and refused. The three share
 * one small decoder interface (codec below) and one driver (decode), which
 * reads the file in blocks into its own buffer and decompresses straight
 * into the text buffer, so memory is bounded as for plain text, streams
 * written one after another (gzip members, pbzip2, xz with several files)
 * are read whole, and on damaged data every byte decompressed before the
 * damage was found is already text when the failure is reported.
 *
 * A regular file is read once first for its sha256 (of its bytes as
 * stored); when all of it fitted in the buffer it is parsed (or
 * decompressed) from there, not read again. One buffer holds the unread
 * text; it grows only when a single line does not fit, so memory is
 * bounded by the longest line. Searching for a line end resumes where the
 * previous search stopped, so a 50 MB line costs one pass, not one pass
 * per refill.
 */
#include "config.h"

#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <lzma.h>
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

#include "input_private.h"
#include "util.h"

#define INITIAL_BUFFER (1024 * 1024)
#define MIN_BUFFER 4096
/* Bytes that decide the compression: bzip2's magic with the block (or
 * end-of-stream) magic after it, the longest. */
#define SNIFF_LEN 10

/* The state of one decompressor, whichever library's. */
typedef union dec_state {
	z_stream z;
	bz_stream bz;
	lzma_stream xz;
} dec_state;

/* One step's buffers: run consumes from in and writes to out, and leaves
 * in and out pointing after what it took and gave. */
typedef struct dec_io {
	const unsigned char *in;
	size_t in_len;
	char *out;
	size_t out_len;
} dec_io;

enum { DEC_OK, DEC_END, DEC_ERROR, DEC_REFUSED };

/* A compression the reader recognises. magic says whether p[0..n) is the
 * start of one of its streams (at the start of the input, and after a
 * stream, where another may follow). begin starts a decoder (0, or -1 when
 * memory is short); NULL for one that is recognised only to be refused,
 * with hint saying how to read it. run decodes one step: DEC_END when a
 * stream ended, DEC_ERROR with *msg on damaged data, DEC_REFUSED with *msg
 * on sound data it will not read (xz asking for too much memory), else
 * DEC_OK; finish says no input follows what io holds. end frees the decoder; the next
 * stream gets a new one. */
typedef struct codec {
	const char *name;
	int (*magic)(const unsigned char *p, size_t n);
	int (*begin)(dec_state *s);
	int (*run)(dec_state *s, dec_io *io, int finish, const char **msg);
	void (*end)(dec_state *s);
	const char *hint;
	int padded; /* zero bytes may come between streams (xz's stream padding) */
} codec;

struct igt_input {
	char *name;
	char *identity;
	char sha256[SHA256_DIGEST_SIZE * 2 + 1];
	int has_sha256;
	int fd; /* where more of the input comes from; -1 once all of it is in a buffer */
	const codec *codec; /* NULL: plain text, or not known yet */
	int started;        /* the first bytes have been looked at */
	int compressed;
	dec_state dec;
	int dec_live;
	/* Compressed bytes read and not yet decoded: raw[raw_start..raw_end);
	 * raw_pos counts the file's bytes read, for messages. */
	unsigned char *raw;
	size_t raw_cap, raw_start, raw_end;
	uint64_t raw_pos;
	int raw_eof;
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

/* zlib and libbz2 count in unsigned int. */
static unsigned clamp_uint(size_t n)
{
	return n > UINT_MAX ? UINT_MAX : (unsigned)n;
}

/* Move io past used bytes of input and made bytes of output. */
static void dec_io_advance(dec_io *io, size_t used, size_t made)
{
	io->in += used;
	io->in_len -= used;
	io->out += made;
	io->out_len -= made;
}

static int gzip_magic(const unsigned char *p, size_t n)
{
	return n >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

static int gzip_begin(dec_state *s)
{
	memset(&s->z, 0, sizeof(s->z));
	return inflateInit2(&s->z, 15 + 16) == Z_OK ? 0 : -1; /* gzip only */
}

static int gzip_run(dec_state *s, dec_io *io, int finish, const char **msg)
{
	(void)finish;
	unsigned in_len = clamp_uint(io->in_len), out_len = clamp_uint(io->out_len);
	s->z.next_in = (z_const Bytef *)io->in;
	s->z.avail_in = in_len;
	s->z.next_out = (Bytef *)io->out;
	s->z.avail_out = out_len;
	int rc = inflate(&s->z, Z_NO_FLUSH);
	dec_io_advance(io, in_len - s->z.avail_in, out_len - s->z.avail_out);
	if (rc == Z_STREAM_END)
		return DEC_END;
	if (rc == Z_OK || rc == Z_BUF_ERROR)
		return DEC_OK;
	*msg = rc == Z_MEM_ERROR ? "out of memory" : s->z.msg ? s->z.msg : "unknown error";
	return DEC_ERROR;
}

static void gzip_end(dec_state *s)
{
	inflateEnd(&s->z);
}

/* "BZh", the block size 1-9, then a block's magic (the digits of pi) or
 * the end of the stream's (those of sqrt(pi)): ten bytes no text begins
 * with. */
static int bzip2_magic(const unsigned char *p, size_t n)
{
	static const unsigned char block[6] = {0x31, 0x41, 0x59, 0x26, 0x53, 0x59};
	static const unsigned char eos[6] = {0x17, 0x72, 0x45, 0x38, 0x50, 0x90};
	return n >= SNIFF_LEN && memcmp(p, "BZh", 3) == 0 && p[3] >= '1' && p[3] <= '9' &&
	       (memcmp(p + 4, block, 6) == 0 || memcmp(p + 4, eos, 6) == 0);
}

static int bzip2_begin(dec_state *s)
{
	memset(&s->bz, 0, sizeof(s->bz));
	return BZ2_bzDecompressInit(&s->bz, 0, 0) == BZ_OK ? 0 : -1;
}

static int bzip2_run(dec_state *s, dec_io *io, int finish, const char **msg)
{
	(void)finish;
	unsigned in_len = clamp_uint(io->in_len), out_len = clamp_uint(io->out_len);
	s->bz.next_in = (char *)(uintptr_t)io->in; /* libbz2 does not write it */
	s->bz.avail_in = in_len;
	s->bz.next_out = io->out;
	s->bz.avail_out = out_len;
	int rc = BZ2_bzDecompress(&s->bz);
	dec_io_advance(io, in_len - s->bz.avail_in, out_len - s->bz.avail_out);
	if (rc == BZ_STREAM_END)
		return DEC_END;
	if (rc == BZ_OK)
		return DEC_OK;
	*msg = rc == BZ_DATA_ERROR         ? "data integrity error"
	       : rc == BZ_DATA_ERROR_MAGIC ? "bad magic number"
	       : rc == BZ_MEM_ERROR        ? "out of memory"
	                                   : "unknown error";
	return DEC_ERROR;
}

static void bzip2_end(dec_state *s)
{
	BZ2_bzDecompressEnd(&s->bz);
}

static int xz_magic(const unsigned char *p, size_t n)
{
	return n >= 6 && memcmp(p, "\xfd" "7zXZ\0", 6) == 0;
}

/* The memory the xz decoder may take. What it needs is set by the file's
 * dictionary, whatever the file's size: 65 MiB for xz -9, the largest
 * preset; a header may ask for up to 1.5 GiB, once per parsing thread. */
#define XZ_MEMLIMIT (256u << 20)

/* One stream at a time, as for the others (liblzma's LZMA_CONCATENATED
 * would take bytes after the last stream for damage). */
static int xz_begin(dec_state *s)
{
	lzma_stream init = LZMA_STREAM_INIT;
	s->xz = init;
	return lzma_stream_decoder(&s->xz, XZ_MEMLIMIT, 0) == LZMA_OK ? 0 : -1;
}

static int xz_run(dec_state *s, dec_io *io, int finish, const char **msg)
{
	s->xz.next_in = io->in;
	s->xz.avail_in = io->in_len;
	s->xz.next_out = (uint8_t *)io->out;
	s->xz.avail_out = io->out_len;
	lzma_ret rc = lzma_code(&s->xz, finish ? LZMA_FINISH : LZMA_RUN);
	dec_io_advance(io, io->in_len - s->xz.avail_in, io->out_len - s->xz.avail_out);
	if (rc == LZMA_STREAM_END)
		return DEC_END;
	if (rc == LZMA_OK || rc == LZMA_BUF_ERROR)
		return DEC_OK;
	if (rc == LZMA_MEMLIMIT_ERROR) {
		/* Not damage: a dictionary larger than any preset's. */
		*msg = "its dictionary needs more memory than the 256 MiB igtext allows; "
		       "decompress it first (xz -d)";
		return DEC_REFUSED;
	}
	/* xz's own words for these. */
	*msg = rc == LZMA_DATA_ERROR      ? "compressed data is corrupt"
	       : rc == LZMA_FORMAT_ERROR  ? "file format not recognized"
	       : rc == LZMA_OPTIONS_ERROR ? "unsupported options"
	       : rc == LZMA_MEM_ERROR     ? "cannot allocate memory"
	                                  : "unknown error";
	return DEC_ERROR;
}

static void xz_end(dec_state *s)
{
	lzma_end(&s->xz);
}

static int zstd_magic(const unsigned char *p, size_t n)
{
	return n >= 4 && memcmp(p, "\x28\xb5\x2f\xfd", 4) == 0;
}

static const codec codecs[] = {
	{"gzip", gzip_magic, gzip_begin, gzip_run, gzip_end, NULL, 0},
	{"bzip2", bzip2_magic, bzip2_begin, bzip2_run, bzip2_end, NULL, 0},
	{"xz", xz_magic, xz_begin, xz_run, xz_end, NULL, 1},
	{"zstd", zstd_magic, NULL, NULL, NULL, "zstd -d", 0},
};

/* The compression p[0..n) (the input's first bytes) begins with, or NULL. */
static const codec *sniff(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < sizeof(codecs) / sizeof(codecs[0]); i++)
		if (codecs[i].magic(p, n))
			return &codecs[i];
	return NULL;
}

/* The hash is read through the input's own buffer, before any of it is
 * used. *kept is the file's size when one read brought all of it (then it
 * is still in buf), or (size_t)-1 when the buffer was reused and the file
 * has been rewound for reading again. */
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
	*kept = reads <= 1 ? total : (size_t)-1;
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
	in->fd = fd;
	in->name = igt_xstrdup(is_stdin ? "<stdin>" : path);
	struct stat st;
	int have_stat = fstat(fd, &st) == 0;
	if (have_stat && S_ISDIR(st.st_mode)) {
		igt_input_close(in);
		return igt_error_set(err, IGT_EBADINPUT, "%s: is a directory", path);
	}
	/* A small file gets a buffer of its size (and a compressed one a
	 * read buffer to match): a run over thousands of small records spent
	 * more time setting up and unmapping buffers of the usual size than
	 * parsing. */
	in->cap = INITIAL_BUFFER;
	in->raw_cap = 128 * 1024;
	if (have_stat && S_ISREG(st.st_mode) && st.st_size >= 0 &&
	    (uint64_t)st.st_size < INITIAL_BUFFER) {
		in->cap = (size_t)st.st_size + 1 < MIN_BUFFER ? MIN_BUFFER : (size_t)st.st_size + 1;
		in->raw_cap = in->cap / 2 < 8192 ? 8192 : in->cap / 2;
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
			igt_input_close(in);
			return igt_error_set(err, IGT_EBADINPUT, "%s: %s", path, strerror(e));
		}
		in->has_sha256 = hash;
		if (kept != (size_t)-1) {
			/* The whole file is in the buffer already: it is parsed
			 * (or decompressed) from there, not read a second time.
			 * Most records are small files, and reading one twice cost
			 * more system calls than parsing it took time. */
			close(in->fd);
			in->fd = -1;
			in->raw_pos = kept;
			in->codec = sniff((const unsigned char *)in->buf, kept);
			if (in->codec) {
				in->raw = (unsigned char *)in->buf;
				in->raw_cap = in->cap;
				in->raw_end = kept;
				in->raw_eof = 1;
				in->buf = igt_xmalloc(in->cap);
			} else {
				in->started = 1;
				in->end = kept;
				in->eof = 1;
			}
		}
	}
	*out = in;
	return IGT_OK;
}

void igt_input_close(igt_input *in)
{
	if (!in)
		return;
	if (in->dec_live)
		in->codec->end(&in->dec);
	if (in->fd >= 0)
		close(in->fd);
	free(in->raw);
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

/* Stop reading the input with failure code; the text read before stays. */
static int fail(igt_input *in, int code)
{
	in->failure = code;
	in->eof = 1;
	return code;
}

/* Read up to len bytes of the file into p: the number read (0 at its
 * end), or a failure code (reported). text is the bytes of text had so
 * far, for the message. */
static ssize_t read_file(igt_input *in, void *p, size_t len, uint64_t text)
{
	if (len > INT_MAX)
		len = INT_MAX;
	ssize_t n = read(in->fd, p, len);
	if (n >= 0) {
		in->raw_pos += (uint64_t)n;
		return n;
	}
	if (errno == EINTR) /* a signal that stops the run (the pipeline says which) */
		return fail(in, IGT_EINTERRUPTED);
	igt_log(IGT_LOG_ERROR, "%s: read error after %llu bytes: %s", in->name,
	        (unsigned long long)text, strerror(errno));
	return fail(in, IGT_EIO);
}

/* Read more of the file after the compressed bytes not yet decoded. 0, or
 * a failure code. */
static int read_raw(igt_input *in, uint64_t text)
{
	if (in->raw_start > 0) {
		memmove(in->raw, in->raw + in->raw_start, in->raw_end - in->raw_start);
		in->raw_end -= in->raw_start;
		in->raw_start = 0;
	}
	ssize_t n = read_file(in, in->raw + in->raw_end, in->raw_cap - in->raw_end, text);
	if (n < 0)
		return (int)n;
	in->raw_end += (size_t)n;
	in->raw_eof = n == 0;
	return 0;
}

/* The first bytes decide how the input is read (unless open saw all of
 * it). They are read into the text buffer, where plain text stays; a
 * compressed input's move to the read buffer. 0 to go on, or a failure
 * code (reported). */
static int start(igt_input *in)
{
	in->started = 1;
	if (!in->codec) {
		size_t most = in->cap < in->raw_cap ? in->cap : in->raw_cap;
		while (in->end < SNIFF_LEN) {
			ssize_t n = read_file(in, in->buf + in->end, most - in->end, 0);
			if (n < 0)
				return (int)n; /* (the bytes before are left as text) */
			if (n == 0) {
				in->eof = 1;
				break;
			}
			in->end += (size_t)n;
		}
		in->codec = sniff((const unsigned char *)in->buf, in->end);
		if (!in->codec)
			return 0;
		in->raw = igt_xmalloc(in->raw_cap);
		memcpy(in->raw, in->buf, in->end);
		in->raw_end = in->end;
		in->raw_eof = in->eof;
		in->end = 0;
		in->eof = 0;
	}
	in->compressed = 1;
	if (!in->codec->begin) {
		igt_log(IGT_LOG_ERROR,
		        "%s: %s-compressed data, which igtext does not read; decompress it first "
		        "(%s FILE), or pipe it in (%s -c FILE | igtext parse -)",
		        in->name, in->codec->name, in->codec->hint, in->codec->hint);
		return fail(in, IGT_EBADINPUT);
	}
	if (in->codec->begin(&in->dec) != 0) {
		igt_log(IGT_LOG_ERROR, "%s: cannot start reading %s data (out of memory)", in->name,
		        in->codec->name);
		return fail(in, IGT_EGENERIC);
	}
	in->dec_live = 1;
	return 0;
}

/* After a stream ended: whether another of the same compression follows
 * (1, the decoder is ready for it), the input ends (0), or reading failed
 * (a failure code). Bytes that are not a stream end the input with a
 * warning, as gzip and bzip2 ignore them. text is as for read_file. */
static int next_stream(igt_input *in, uint64_t text)
{
	for (;;) {
		while (in->raw_end - in->raw_start < SNIFF_LEN && !in->raw_eof) {
			int r = read_raw(in, text);
			if (r < 0)
				return r;
		}
		if (!in->codec->padded)
			break;
		while (in->raw_start < in->raw_end && in->raw[in->raw_start] == 0)
			in->raw_start++;
		if (in->raw_end - in->raw_start >= SNIFF_LEN || in->raw_eof)
			break;
	}
	const unsigned char *p = in->raw + in->raw_start;
	size_t left = in->raw_end - in->raw_start;
	if (left == 0)
		return 0;
	if (in->codec->magic(p, left)) {
		in->codec->end(&in->dec);
		in->dec_live = in->codec->begin(&in->dec) == 0;
		return in->dec_live ? 1 : fail(in, IGT_EGENERIC);
	}
	igt_log(IGT_LOG_WARNING,
	        "%s: the bytes after the %s data (from byte %llu of the file) are not %s data; "
	        "left out",
	        in->name, in->codec->name, (unsigned long long)(in->raw_pos - left), in->codec->name);
	return 0;
}

/* Decompress into out (room bytes, at least 1) until it is full or the
 * input ends: the bytes made. After damaged data (truncated or corrupt)
 * they are what came before it and in->failure is set. text is the bytes
 * of text before out, for messages. */
static size_t decode(igt_input *in, char *out, size_t room, uint64_t text)
{
	dec_io io = {in->raw + in->raw_start, in->raw_end - in->raw_start, out, room};
	while (io.out_len) {
		if (!io.in_len && !in->raw_eof) {
			if (read_raw(in, text + (size_t)(io.out - out)) < 0)
				break;
			io.in = in->raw + in->raw_start;
			io.in_len = in->raw_end - in->raw_start;
		}
		size_t had_in = io.in_len, had_out = io.out_len;
		const char *msg = NULL;
		int rc = in->codec->run(&in->dec, &io, in->raw_eof, &msg);
		in->raw_start = (size_t)(io.in - in->raw);
		uint64_t at = text + (size_t)(io.out - out);
		if (rc == DEC_ERROR || rc == DEC_REFUSED) {
			if (rc == DEC_ERROR)
				igt_log(IGT_LOG_ERROR, "%s: corrupt %s data (%s) after %llu bytes of text",
				        in->name, in->codec->name, msg, (unsigned long long)at);
			else
				igt_log(IGT_LOG_ERROR, "%s: %s data igtext does not read: %s", in->name,
				        in->codec->name, msg);
			fail(in, IGT_EBADINPUT);
			break;
		}
		if (rc == DEC_END) {
			int r = next_stream(in, at);
			if (r <= 0) {
				in->eof = 1;
				break;
			}
			io.in = in->raw + in->raw_start;
			io.in_len = in->raw_end - in->raw_start;
		} else if (io.in_len == had_in && io.out_len == had_out && in->raw_eof) {
			igt_log(IGT_LOG_ERROR, "%s: truncated %s data: the input ends after %llu bytes",
			        in->name, in->codec->name, (unsigned long long)at);
			fail(in, IGT_EBADINPUT);
			break;
		} else if (io.in_len == had_in && io.out_len == had_out) {
			/* The decoder wants more than the bytes left: read on
			 * after them. */
			if (in->raw_end - in->raw_start == in->raw_cap)
				in->raw = igt_xrealloc(in->raw, in->raw_cap *= 2);
			if (read_raw(in, at) < 0)
				break;
			io.in = in->raw + in->raw_start;
			io.in_len = in->raw_end - in->raw_start;
		}
	}
	return (size_t)(io.out - out);
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
	uint64_t had = in->base + in->end;
	if (!in->started) {
		int r = start(in);
		if (r < 0)
			return r;
		if (!in->codec)
			return in->base + in->end > had ? 1 : 0;
	}
	if (in->codec) {
		size_t n = decode(in, in->buf + in->end, in->cap - in->end, had);
		in->end += n;
		if (in->failure)
			return in->failure;
		return n ? 1 : 0;
	}
	ssize_t n = read_file(in, in->buf + in->end, in->cap - in->end, had);
	if (n < 0)
		return (int)n;
	if (n == 0) {
		in->eof = 1;
		return 0;
	}
	in->end += (size_t)n;
	return 1;
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
