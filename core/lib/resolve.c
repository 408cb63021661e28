/* SPDX-License-Identifier: MIT */
/* Resolving input paths (resolve.h). */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "resolve.h"
#include "util.h"

/* The folder of path, for the cache: its length, or 0 when the path has
 * none that can be joined back (no slash, the root, a trailing slash, or
 * a last component "." or ".."). */
static size_t folder_length(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path)
		return 0;
	const char *name = slash + 1;
	if (!*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return 0;
	return (size_t)(slash - path);
}

/* Make r hold the folder path[0..n) and its real path. The folder as
 * written is stated every time: when a link on the way was pointed
 * elsewhere since (a "current" link a sync job moves), it is another
 * folder and is resolved again. */
static void remember_folder(igt_resolver *r, const char *path, size_t n)
{
	int same = r->dir && strlen(r->dir) == n && memcmp(r->dir, path, n) == 0;
	if (!same) {
		free(r->dir);
		r->dir = igt_xstrndup(path, n);
	}
	struct stat st;
	if (stat(r->dir, &st) != 0) {
		free(r->real);
		r->real = NULL;
		return;
	}
	if (same && r->real && st.st_dev == r->dev && st.st_ino == r->ino)
		return;
	free(r->real);
	r->real = realpath(r->dir, NULL);
	r->dev = st.st_dev;
	r->ino = st.st_ino;
}

char *igt_resolve(igt_resolver *r, const char *path, struct stat *st, int *have_stat)
{
	size_t n = folder_length(path);
	if (n) {
		remember_folder(r, path, n);
		const char *name = path + n + 1;
		int root = r->real && strcmp(r->real, "/") == 0;
		/* Not a symbolic link: then its real path is the folder's and
		 * its name, and lstat says what stat would. realpath refuses a
		 * result of PATH_MAX bytes or more, and so does this. */
		if (r->real && (root ? 0 : strlen(r->real)) + 1 + strlen(name) < PATH_MAX &&
		    lstat(path, st) == 0 && !S_ISLNK(st->st_mode)) {
			*have_stat = 1;
			return root ? igt_xasprintf("/%s", name) : igt_xasprintf("%s/%s", r->real, name);
		}
	}
	char *real = realpath(path, NULL);
	*have_stat = stat(path, st) == 0;
	return real;
}

void igt_resolver_free(igt_resolver *r)
{
	free(r->dir);
	free(r->real);
	r->dir = r->real = NULL;
}
