/* SPDX-License-Identifier: MIT */
/*
 * UTF-8 validation and repair for everything that enters a document.
 * ASCII runs, the common case, are skipped many bytes at a time, and
 * two-byte sequences are read here; longer sequences are decoded by
 * utf8proc.
 */
#ifndef IGT_UTF8_H
#define IGT_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Length of the valid UTF-8 prefix of s (len if all of it is valid). */
size_t igt_utf8_valid_prefix(const char *s, size_t len);

/* A NUL-terminated copy of s in which each byte that is not UTF-8 is
 * replaced by U+FFFD, except in text with no valid UTF-8 sequence of
 * several bytes, where a byte standing between ASCII ones is read as
 * Windows-1252 (the Latin-1 of files saved on Windows: "Gen\xe8ve" is
 * "Genève"; U+FFFD for 0x81, 0x8D, 0x8F, 0x90 and 0x9D, where it has no
 * character). Runs of such bytes are another encoding (Windows-1251,
 * GB2312), which it would turn into Latin letters. *replaced (if not
 * NULL) gets the number of such bytes. *out_len gets the copy's
 * length. Owned by the caller. An embedded NUL is kept (it is valid UTF-8)
 * but JSON writers escape it. */
char *igt_utf8_repair(const char *s, size_t len, size_t *out_len, uint64_t *replaced);

#endif
