/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for resolve.h: the real path and the stat of each input are
 * those realpath(3) and stat(2) give, whether the resolver takes them from
 * the folder it remembers or resolves the whole path: files in one folder
 * one after the other, symbolic links to files and to folders, dangling
 * links, missing files, relative paths, "." and "..", and a folder that
 * changes between two inputs.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "resolve.h"
#include "tap.h"
#include "util.h"

static char top[512]; /* short: the paths built from it fit PATH_MAX */

static void write_file(const char *rel)
{
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/%s", top, rel);
	FILE *f = fopen(path, "w");
	if (!f || fputs("text\n", f) < 0 || fclose(f) != 0)
		abort();
}

static void make(const char *rel, int dir, const char *link_to)
{
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/%s", top, rel);
	if (dir ? mkdir(path, 0755) : symlink(link_to, path))
		abort();
}

/* Resolve path (relative to top unless absolute) and compare with
 * realpath and stat. */
static void same_as_libc(igt_resolver *r, const char *rel, const char *what)
{
	char path[PATH_MAX];
	if (rel[0] == '/' || strncmp(rel, "./", 2) == 0 || strchr(rel, '/') == NULL)
		snprintf(path, sizeof(path), "%s", rel);
	else
		snprintf(path, sizeof(path), "%s/%s", top, rel);
	struct stat got_st, want_st;
	int have = -1;
	char *got = igt_resolve(r, path, &got_st, &have);
	char *want = realpath(path, NULL);
	int want_have = stat(path, &want_st) == 0;
	ok((got == NULL) == (want == NULL) && (!got || strcmp(got, want) == 0),
	   "%s: the real path is realpath's (%s)", what, want ? want : "none");
	ok(have == want_have &&
	       (!have || (got_st.st_ino == want_st.st_ino && got_st.st_mode == want_st.st_mode &&
	                  got_st.st_size == want_st.st_size)),
	   "%s: the stat is stat's", what);
	free(got);
	free(want);
}

int main(void)
{
	snprintf(top, sizeof(top), "%s/igt-resolve-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(top))
		abort();
	make("d", 1, NULL);
	make("d/sub", 1, NULL);
	write_file("d/a.txt");
	write_file("d/b.txt");
	make("d/link.txt", 0, "a.txt");
	make("d/dangling", 0, "nowhere");
	make("dl", 0, "d");
	make("d/sublink", 0, "sub");
	write_file("d/sub/c.txt");

	igt_resolver r = {0};
	same_as_libc(&r, "d/a.txt", "a file in a folder");
	same_as_libc(&r, "d/b.txt", "the next file of the same folder");
	same_as_libc(&r, "d/link.txt", "a link to a file of that folder");
	same_as_libc(&r, "d/dangling", "a dangling link");
	same_as_libc(&r, "d/missing.txt", "a missing file");
	same_as_libc(&r, "d/sub", "a folder");
	same_as_libc(&r, "dl/a.txt", "a file through a linked folder");
	same_as_libc(&r, "d/sublink/c.txt", "a file through a link inside the folder");
	same_as_libc(&r, "d/sub/../b.txt", "a path through ..");
	same_as_libc(&r, "d/sub/..", "a path ending in ..");
	same_as_libc(&r, "d/.", "a path ending in .");
	same_as_libc(&r, "d/", "a trailing slash");
	same_as_libc(&r, "/", "the root");
	same_as_libc(&r, "missing/a.txt", "a file in a missing folder");

	/* Relative paths, from top. */
	if (chdir(top) != 0)
		abort();
	same_as_libc(&r, "./d/a.txt", "a relative path");
	same_as_libc(&r, "d", "a name without a folder");

	/* The folder becomes another between two inputs: a link on the way
	 * is pointed elsewhere (a "current" link a sync job moves). */
	char from[PATH_MAX];
	snprintf(from, sizeof(from), "%s/dl", top);
	same_as_libc(&r, "dl/b.txt", "a file through the linked folder, remembered");
	if (unlink(from) != 0 || symlink("d/sub", from) != 0)
		abort();
	same_as_libc(&r, "dl/c.txt", "the same resolver follows the link's new target");

	/* Real paths of PATH_MAX bytes or more: realpath refuses them, and so
	 * does the resolver. Folders are nested from a working folder deep
	 * enough that "d" has a real path of 3,845 bytes. */
	if (chdir(top) != 0)
		abort();
	char cwd[PATH_MAX], name[256];
	for (;;) {
		if (!getcwd(cwd, sizeof(cwd)))
			abort();
		size_t len = strlen(cwd), step = 3843 - len - 1; /* "/" + step, then "/d" */
		if (step > 250) /* names of up to 255 bytes: the last one takes the rest */
			step = 200;
		memset(name, 'x', step);
		name[step] = 0;
		if (mkdir(name, 0755) != 0 || chdir(name) != 0)
			abort();
		if (len + 1 + step == 3843)
			break;
	}
	if (mkdir("d", 0755) != 0)
		abort();
	for (size_t k = 248; k <= 251; k++) { /* real paths of 4,094 to 4,097 bytes */
		char rel[300];
		memset(name, 'a', k);
		name[k] = 0;
		snprintf(rel, sizeof(rel), "d/%s", name);
		FILE *f = fopen(rel, "w");
		if (!f || fclose(f) != 0)
			abort();
		char what[80];
		snprintf(what, sizeof(what), "a real path of %zu bytes", 3845 + 1 + k);
		snprintf(rel, sizeof(rel), "./d/%s", name);
		same_as_libc(&r, rel, what);
	}
	igt_resolver_free(&r);

	char cmd[PATH_MAX + 16];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", top);
	if (system(cmd) != 0)
		return 1;
	return done_testing();
}
