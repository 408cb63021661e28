/* SPDX-License-Identifier: MIT */
/*
 * Resolving input paths (realpath) and stating them, one input after the
 * other. The inputs of a run mostly come in folders, and realpath reads
 * every component of every path again (a readlink each); the resolver
 * remembers the last folder's real path, so a file in it that is no
 * symbolic link costs a stat of the folder (is it still the one
 * resolved?) and an lstat of the file.
 */
#ifndef IGT_RESOLVE_H
#define IGT_RESOLVE_H

#include <sys/stat.h>

typedef struct igt_resolver {
	char *dir;  /* the folder part of the last path, as written */
	char *real; /* its real path, or NULL when it has none */
	dev_t dev;  /* and the folder it named when it was resolved */
	ino_t ino;
} igt_resolver;

/* The real path of path (malloc'd; NULL when it cannot be resolved, as
 * with realpath), and in *st what stat(2) says of it; *have_stat is 0
 * when stat failed. */
char *igt_resolve(igt_resolver *r, const char *path, struct stat *st, int *have_stat);
void igt_resolver_free(igt_resolver *r);

#endif
