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

char *igt_resolve(igt_resolver *r, const char *path, struct stat *st, int *have_stat)
{
	size_t n = folder_length(path);
	if (n) {
		if (!r->dir || strlen(r->dir) != n || memcmp(r->dir, path, n) != 0) {
			free(r->dir);
			free(r->real);
			r->dir = igt_xstrndup(path, n);
			r->real = realpath(r->dir, NULL);
		}
		/* Not a symbolic link: then its real path is the folder's and
		 * its name, and lstat says what stat would. */
		if (r->real && lstat(path, st) == 0 && !S_ISLNK(st->st_mode)) {
			*have_stat = 1;
			const char *name = path + n + 1;
			return strcmp(r->real, "/") == 0 ? igt_xasprintf("/%s", name)
			                                 : igt_xasprintf("%s/%s", r->real, name);
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
