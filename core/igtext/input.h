/* SPDX-License-Identifier: MIT */
/*
 * Reading an input, as a format plugin sees it.
 *
 * The core opens each input (a file, stdin; plain, or compressed with gzip,
 * bzip2 or xz, which are recognised by their magic bytes, not by the file
 * name) and hands the format plugin an igt_input to read from. Reading is
 * streaming through one buffer that grows only to the longest line, so
 * memory stays bounded by the largest document, not by the input. Offsets count bytes of the
 * decompressed stream from 0; segment and document spans use them.
 */
#ifndef IGTEXT_INPUT_H
#define IGTEXT_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <igtext/error.h>
#include <igtext/log.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct igt_input igt_input;

/* One line of input, borrowed until the next read call on the input. */
typedef struct igt_line {
	const char *text; /* not NUL-terminated */
	size_t len;       /* bytes, including the line end if any */
	size_t eol;       /* bytes of line end at the end of text: 0, 1 (\n) or 2 (\r\n) */
	uint64_t offset;  /* offset of text[0] in the input */
	uint64_t number;  /* 1-based line number */
} igt_line;

/* The name to show the user: the path as given, or "<stdin>". */
const char *igt_input_name(const igt_input *in);

/* Read the next line into *out. Returns 1 for a line, 0 at the end of the
 * input, IGT_EBADINPUT or IGT_EIO when reading failed (already reported,
 * naming the input; the lines returned before stay valid data). */
int igt_input_getline(igt_input *in, igt_line *out);

/* Read at once the whole lines already buffered after the read position,
 * up to (not including) the first line that begins with stop[0..stop_len)
 * (which holds no line feed), at most max of them. *out gets them as one
 * block: text and len of all of them, the offset and number of the first,
 * the eol of the last; ends[k] is the length of the block up to the end of
 * its line k. Returns the number of lines: 0 when the next line begins
 * with stop, or is not whole in the buffer yet (igt_input_getline reads
 * it, reading more of the input). For readers that look at a few lines
 * and take the others as they are, at the cost of one bit test a line.
 * Borrowed like a line. */
size_t igt_input_getlines(igt_input *in, const char *stop, size_t stop_len, size_t max,
                          size_t *ends, igt_line *out);

/* Make at least want bytes ahead of the read position available without
 * consuming them (fewer at the end of input). *data and *len are borrowed
 * until the next read call. Returns 0, or a negative code as above; *data
 * and *len are set in both cases (after a failure they hold what could be
 * read before it). */
int igt_input_peek(igt_input *in, size_t want, const char **data, size_t *len);

/* Offset of the next byte getline will return. */
uint64_t igt_input_offset(const igt_input *in);

/* Report a problem in the input at the line last read, as
 * "NAME:LINE: warning: PLUGIN: message" (or error). */
void igt_input_log(igt_input *in, igt_log_level level, const char *fmt, ...) IGT_PRINTF(3, 4);

#ifdef __cplusplus
}
#endif
#endif
