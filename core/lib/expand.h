/* SPDX-License-Identifier: MIT */
/*
 * Input expansion: what an input entry of a job (or a command-line
 * argument) names, as a sorted list of files. An entry is "-" (stdin), a
 * file, a directory (every regular file below it, hidden ones skipped), or
 * a glob where "**" matches any number of directories.
 */
#ifndef IGT_EXPAND_H
#define IGT_EXPAND_H

#include <stddef.h>
#include <igtext/error.h>

typedef struct igt_pathlist {
	char **paths;
	size_t n, cap;
} igt_pathlist;

/* Append the files pattern names to list, sorted. Returns the number of
 * files added; IGT_ENOTFOUND (err filled) when a plain path does not
 * exist; 0 when a glob matches nothing (not an error: a cron job may run
 * before the first file arrives). */
int igt_expand(igt_pathlist *list, const char *pattern, igt_error *err);
int igt_pattern_is_glob(const char *pattern);
void igt_pathlist_clear(igt_pathlist *list);

#endif
