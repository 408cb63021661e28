/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for input expansion (expand.h) on a small tree built in a
 * temporary folder: a plain file is itself; a missing one is IGT_ENOTFOUND;
 * a directory is walked recursively in sorted order, skipping hidden files
 * and folders; "*.txt" globs, "**" standing for zero, one or two folders
 * (also between two fixed names), relative and absolute patterns; a glob
 * that matches nothing gives 0 and no error; "-" stays "-"; results are
 * sorted and each file appears once even when "**" reaches it along two
 * routes; a second expansion appends.
 */
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "expand.h"
#include "tap.h"
#include "util.h"

static char tmpdir[4096];

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void bail(const char *what)
{
	printf("Bail out! %s: %s\n", what, strerror(errno));
	exit(99);
}

/* Create tmpdir/rel, with its folders; a name ending in '/' is a folder. */
static void make(const char *rel)
{
	char *path = igt_xasprintf("%s/%s", tmpdir, rel);
	for (char *p = path + strlen(tmpdir) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST)
			bail(path);
		*p = '/';
	}
	if (path[strlen(path) - 1] != '/') {
		FILE *f = fopen(path, "w");
		if (!f || fputs("x\n", f) == EOF || fclose(f) != 0)
			bail(path);
	}
	free(path);
}

/* The list joined with spaces, each path with prefix removed; owned. */
static char *joined(const igt_pathlist *l, size_t from, const char *prefix)
{
	size_t cap = 1, plen = prefix ? strlen(prefix) : 0;
	for (size_t i = from; i < l->n; i++)
		cap += strlen(l->paths[i]) + 1;
	char *s = igt_xmalloc(cap);
	s[0] = '\0';
	for (size_t i = from; i < l->n; i++) {
		const char *p = l->paths[i];
		if (plen && strncmp(p, prefix, plen) == 0)
			p += plen;
		if (i > from)
			strcat(s, " ");
		strcat(s, p);
	}
	return s;
}

/* Expand pattern into a fresh list; expect rc and the files want (paths
 * relative to strip, joined with spaces). */
static void check(const char *pattern, const char *strip, int want_rc, const char *want,
                  const char *name)
{
	igt_pathlist l = {0};
	igt_error err = {0};
	int rc = igt_expand(&l, pattern, &err);
	is_int(rc, want_rc, "%s: count", name);
	if (rc < 0)
		printf("#   %s\n", err.message);
	char *got = joined(&l, 0, strip);
	is_str(got, want, "%s: files", name);
	free(got);
	int sorted = 1;
	for (size_t i = 1; i < l.n; i++)
		if (strcmp(l.paths[i - 1], l.paths[i]) >= 0)
			sorted = 0;
	ok(sorted, "%s: sorted, no repeats", name);
	igt_pathlist_clear(&l);
}

int main(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof(tmpdir), "%s/igt-expand-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpdir))
		bail("mkdtemp");

	/* t/ holds files at depths 0 to 2, hidden ones, and an empty folder;
	 * a/ has folders b at depths 0 to 2 below it, and decoys. */
	make("t/a.txt");
	make("t/b.md");
	make("t/.hidden.txt");
	make("t/.hdir/x.txt");
	make("t/sub/c.txt");
	make("t/sub/e.log");
	make("t/sub/.h.txt");
	make("t/sub/deeper/d.txt");
	make("t/z/y.txt");
	make("t/empty/");
	make("a/b/1.txt");
	make("a/b/skip.md");
	make("a/x/b/2.txt");
	make("a/x/y/b/3.txt");
	make("a/b/c/4.txt");
	make("a/bb/5.txt");

	char *root = igt_xasprintf("%s/", tmpdir);
	char *p;

	p = igt_xasprintf("%s/t/a.txt", tmpdir);
	check(p, root, 1, "t/a.txt", "plain file");
	free(p);
	p = igt_xasprintf("%s/t/.hidden.txt", tmpdir);
	check(p, root, 1, "t/.hidden.txt", "a hidden file named outright is taken");
	free(p);

	p = igt_xasprintf("%s/t/missing.txt", tmpdir);
	igt_pathlist l = {0};
	igt_error err = {0};
	is_int(igt_expand(&l, p, &err), IGT_ENOTFOUND, "missing file: IGT_ENOTFOUND");
	is_int(err.code, IGT_ENOTFOUND, "missing file: err.code");
	like(err.message, p, "missing file: the message names it");
	is_int(l.n, 0, "missing file: nothing added");
	free(p);

	p = igt_xasprintf("%s/t", tmpdir);
	check(p, root, 6, "t/a.txt t/b.md t/sub/c.txt t/sub/deeper/d.txt t/sub/e.log t/z/y.txt",
	      "directory walked recursively, sorted, hidden skipped");
	free(p);
	p = igt_xasprintf("%s/t/", tmpdir);
	igt_expand(&l, p, &err);
	ok(l.n == 6, "directory with a trailing slash walked too");
	igt_pathlist_clear(&l);
	free(p);
	p = igt_xasprintf("%s/t/empty", tmpdir);
	check(p, root, 0, "", "an empty directory gives nothing");
	free(p);

	p = igt_xasprintf("%s/t/*.txt", tmpdir);
	check(p, root, 1, "t/a.txt", "*.txt: one level, hidden skipped");
	free(p);
	p = igt_xasprintf("%s/t/*", tmpdir);
	check(p, root, 6, "t/a.txt t/b.md t/sub/c.txt t/sub/deeper/d.txt t/sub/e.log t/z/y.txt",
	      "* matching folders walks them");
	free(p);
	p = igt_xasprintf("%s/t/?.md", tmpdir);
	check(p, root, 1, "t/b.md", "? glob");
	free(p);
	p = igt_xasprintf("%s/t/[ab].*", tmpdir);
	check(p, root, 2, "t/a.txt t/b.md", "[ab] glob");
	free(p);
	p = igt_xasprintf("%s/t/*/*.txt", tmpdir);
	check(p, root, 2, "t/sub/c.txt t/z/y.txt", "*/*.txt: exactly one level down");
	free(p);

	p = igt_xasprintf("%s/t/**/*.txt", tmpdir);
	check(p, root, 4, "t/a.txt t/sub/c.txt t/sub/deeper/d.txt t/z/y.txt",
	      "**/*.txt at depths 0, 1 and 2, hidden skipped");
	free(p);
	p = igt_xasprintf("%s/t/**", tmpdir);
	check(p, root, 6, "t/a.txt t/b.md t/sub/c.txt t/sub/deeper/d.txt t/sub/e.log t/z/y.txt",
	      "trailing ** is every file below");
	free(p);
	p = igt_xasprintf("%s/t/**/deeper/*.txt", tmpdir);
	check(p, root, 1, "t/sub/deeper/d.txt", "**/deeper/*.txt");
	free(p);
	p = igt_xasprintf("%s/a/**/b/*.txt", tmpdir);
	check(p, root, 3, "a/b/1.txt a/x/b/2.txt a/x/y/b/3.txt",
	      "a/**/b/*.txt: b at depths 0, 1 and 2, not b/c, not bb");
	free(p);
	p = igt_xasprintf("%s/t/**/**/*.txt", tmpdir);
	check(p, root, 4, "t/a.txt t/sub/c.txt t/sub/deeper/d.txt t/z/y.txt",
	      "**/** reaches files along several routes: each kept once");
	free(p);
	p = igt_xasprintf("%s/**/b/1.txt", tmpdir);
	check(p, root, 1, "a/b/1.txt", "** before a plain name");
	free(p);

	p = igt_xasprintf("%s/t/*.pdf", tmpdir);
	check(p, root, 0, "", "glob with no match: 0, not an error");
	free(p);
	p = igt_xasprintf("%s/nowhere/**/*.txt", tmpdir);
	check(p, root, 0, "", "glob under a missing folder: 0, not an error");
	free(p);

	check("-", NULL, 1, "-", "\"-\" is stdin");

	/* Relative patterns from the working folder. */
	char cwd[4096];
	if (!getcwd(cwd, sizeof(cwd)) || chdir(tmpdir) != 0)
		bail("chdir");
	check("t/*.txt", NULL, 1, "t/a.txt", "relative glob");
	check("t/sub", NULL, 3, "t/sub/c.txt t/sub/deeper/d.txt t/sub/e.log", "relative directory");
	check("**/b/*.txt", NULL, 3, "a/b/1.txt a/x/b/2.txt a/x/y/b/3.txt",
	      "relative pattern starting with **");
	check("*/b", NULL, 3, "a/b/1.txt a/b/c/4.txt a/b/skip.md", "glob naming a folder walks it");
	if (chdir(cwd) != 0)
		bail("chdir back");

	/* Appending: earlier entries are kept and the count is of the new. */
	p = igt_xasprintf("%s/t/*.txt", tmpdir);
	char *q = igt_xasprintf("%s/a/**/*.txt", tmpdir);
	igt_expand(&l, "-", &err);
	is_int(igt_expand(&l, q, &err), 5, "second expansion returns the files it added");
	is_int(igt_expand(&l, p, &err), 1, "third expansion too");
	char *got = joined(&l, 0, root);
	is_str(got, "- a/b/1.txt a/b/c/4.txt a/bb/5.txt a/x/b/2.txt a/x/y/b/3.txt t/a.txt",
	       "expansions append in order, each one sorted");
	free(got);
	igt_pathlist_clear(&l);
	ok(l.n == 0 && l.paths == NULL && l.cap == 0, "igt_pathlist_clear empties the list");
	free(p);
	free(q);

	/* One order whatever the pattern: a folder and the same folder with
	 * "**" list the same files in the same order, also when names sort
	 * around '/' ('-' and '.' sort before it). */
	make("o/sub/x.txt");
	make("o/sub-a/y.txt");
	make("o/sub.txt");
	igt_pathlist dir = {0}, glob = {0};
	p = igt_xasprintf("%s/o", tmpdir);
	q = igt_xasprintf("%s/o/**", tmpdir);
	igt_expand(&dir, p, &err);
	igt_expand(&glob, q, &err);
	char *a = joined(&dir, 0, root), *b = joined(&glob, 0, root);
	is_str(a, b, "a folder and folder/** give the same order");
	int sorted = 1;
	for (size_t i = 1; i < dir.n; i++)
		if (strcmp(dir.paths[i - 1], dir.paths[i]) >= 0)
			sorted = 0;
	ok(sorted, "a folder's files come sorted, as igt_expand promises");
	if (!sorted)
		printf("#   got: %s\n", a);
	free(a);
	free(b);
	free(p);
	free(q);
	igt_pathlist_clear(&dir);
	igt_pathlist_clear(&glob);

	/* A folder linking back to its parent: walked once, not at every
	 * depth until the depth limit (which read one file 20 times). */
	make("loop/in/f.txt");
	char *link = igt_xasprintf("%s/loop/in/up", tmpdir);
	if (symlink("..", link) != 0)
		bail("symlink");
	free(link);
	p = igt_xasprintf("%s/loop", tmpdir);
	check(p, root, 1, "loop/in/f.txt", "a link back to a parent folder is not walked again");
	free(p);
	p = igt_xasprintf("%s/loop/**/*.txt", tmpdir);
	check(p, root, 1, "loop/in/f.txt", "nor through **");
	free(p);
	make("side/g.txt");
	link = igt_xasprintf("%s/loop/in/side", tmpdir);
	if (symlink("../../side", link) != 0)
		bail("symlink");
	free(link);
	p = igt_xasprintf("%s/loop", tmpdir);
	check(p, root, 2, "loop/in/f.txt loop/in/side/g.txt", "a link to another folder is followed");
	free(p);

	ok(igt_pattern_is_glob("a/*.txt") && igt_pattern_is_glob("a/?.txt") &&
	       igt_pattern_is_glob("a/[ab].txt"),
	   "igt_pattern_is_glob knows * ? [");
	ok(!igt_pattern_is_glob("a/b.txt") && !igt_pattern_is_glob("-"),
	   "igt_pattern_is_glob: plain names are not globs");

	free(root);
	nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return done_testing();
}
