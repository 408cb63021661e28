/* SPDX-License-Identifier: MIT */
/* Opening and closing inputs: the core's side of input.h. */
#ifndef IGT_INPUT_PRIVATE_H
#define IGT_INPUT_PRIVATE_H

#include <igtext/input.h>

/* Open path ("-" for stdin) for reading. For a regular file the sha256 of
 * its bytes (compressed or not) is computed first, so documents can carry
 * it. *out is owned by the caller (igt_input_close). */
int igt_input_open(igt_input **out, const char *path, igt_error *err);
/* The same for a path already resolved to real (realpath), which becomes
 * the input's identity without resolving it again. */
int igt_input_open_resolved(igt_input **out, const char *path, const char *real,
                            igt_error *err);
/* The same without hashing: for readers that look at part of the file
 * (detection, the coverage report); igt_input_sha256 is then NULL. */
int igt_input_open_unhashed(igt_input **out, const char *path, igt_error *err);
void igt_input_close(igt_input *in); /* accepts NULL */

/* Lowercase hex sha256 of the file, or NULL (stdin). Borrowed. */
const char *igt_input_sha256(const igt_input *in);
/* Stable identity for document ids: the real path, or NULL for stdin. */
const char *igt_input_identity(const igt_input *in);
/* Whether the input is compressed (gzip, bzip2, xz, or zstd, which is
 * refused); known once the first bytes have been read. */
int igt_input_is_compressed(const igt_input *in);
/* The plugin named in messages from igt_input_log. */
void igt_input_set_plugin(igt_input *in, const char *plugin_name);
/* Negative code of the first read failure, or 0. */
int igt_input_failure(const igt_input *in);
/* Total bytes consumed so far. */
uint64_t igt_input_bytes_read(const igt_input *in);

#endif
