/* SPDX-License-Identifier: MIT */
/*
 * Input expansion (expand.h). Globs are matched one path component at a
 * time with fnmatch(3), so "**" can stand for any depth; directories are
 * walked in sorted order so that runs are reproducible, and never again
 * through a link back to a folder the walk is in.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "expand.h"
#include "util.h"

#define MAX_DEPTH 40

/* The folders a walk is in, innermost first: a link back to one of them
 * (a folder linking to its parent) would make the walk read the same
 * files again at every depth. */
typedef struct dir_id {
	dev_t dev;
	ino_t ino;
	const struct dir_id *up;
} dir_id;

static int on_path(const dir_id *up, const struct stat *st)
{
	for (; up; up = up->up)
		if (up->dev == st->st_dev && up->ino == st->st_ino)
			return 1;
	return 0;
}

static void add(igt_pathlist *l, char *path)
{
	igt_xgrow((void **)&l->paths, &l->cap, l->n + 1, sizeof(char *));
	l->paths[l->n++] = path;
}

void igt_pathlist_clear(igt_pathlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	l->paths = NULL;
	l->n = l->cap = 0;
}

int igt_pattern_is_glob(const char *p)
{
	return strpbrk(p, "*?[") != NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of the visible entries of dir. */
static char **list_dir(const char *dir, size_t *n_out)
{
	*n_out = 0;
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		igt_xgrow((void **)&names, &cap, n + 1, sizeof(char *));
		names[n++] = igt_xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(char *), cmp_str);
	*n_out = n;
	return names;
}

static char *join(const char *dir, const char *name)
{
	if (!dir || !*dir)
		return igt_xstrdup(name);
	if (strcmp(dir, "/") == 0)
		return igt_xasprintf("/%s", name);
	return igt_xasprintf("%s/%s", dir, name);
}

static void walk_dir(igt_pathlist *l, const char *dir, int depth, const dir_id *up)
{
	struct stat self;
	if (depth > MAX_DEPTH || stat(dir, &self) != 0 || on_path(up, &self))
		return;
	dir_id here = {self.st_dev, self.st_ino, up};
	size_t n;
	char **names = list_dir(dir, &n);
	for (size_t i = 0; i < n; i++) {
		char *path = join(dir, names[i]);
		struct stat st;
		int found = stat(path, &st) == 0;
		if (found && S_ISDIR(st.st_mode)) {
			walk_dir(l, path, depth + 1, &here);
			free(path);
		} else if (found && S_ISREG(st.st_mode)) {
			add(l, path);
		} else {
			free(path);
		}
		free(names[i]);
	}
	free(names);
}

/* Match comps[i..] below dir (NULL dir: relative to the working folder);
 * up: the folders "**" descended through to get there. */
static void match(igt_pathlist *l, const char *dir, char **comps, size_t n, size_t i, int depth,
                  const dir_id *up)
{
	if (depth > MAX_DEPTH)
		return;
	const char *here = dir ? dir : ".";
	if (i == n) {
		struct stat st;
		if (dir && stat(dir, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				walk_dir(l, dir, depth, up);
			else if (S_ISREG(st.st_mode))
				add(l, igt_xstrdup(dir));
		}
		return;
	}
	const char *c = comps[i];
	if (strcmp(c, "**") == 0) {
		/* Zero directories, then each directory below, recursively. */
		if (i + 1 == n) {
			walk_dir(l, here, depth, up);
			return;
		}
		struct stat self;
		if (stat(here, &self) != 0 || on_path(up, &self))
			return;
		dir_id node = {self.st_dev, self.st_ino, up};
		match(l, dir, comps, n, i + 1, depth, up);
		size_t m;
		char **names = list_dir(here, &m);
		for (size_t k = 0; k < m; k++) {
			char *path = join(dir, names[k]);
			struct stat st;
			if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
				match(l, path, comps, n, i, depth + 1, &node);
			free(path);
			free(names[k]);
		}
		free(names);
		return;
	}
	if (!igt_pattern_is_glob(c)) {
		char *path = join(dir, c);
		struct stat st;
		if (stat(path, &st) == 0)
			match(l, path, comps, n, i + 1, depth, up);
		free(path);
		return;
	}
	size_t m;
	char **names = list_dir(here, &m);
	for (size_t k = 0; k < m; k++) {
		if (fnmatch(c, names[k], FNM_PERIOD) == 0) {
			char *path = join(dir, names[k]);
			match(l, path, comps, n, i + 1, depth + 1, up);
			free(path);
		}
		free(names[k]);
	}
	free(names);
}

int igt_expand(igt_pathlist *l, const char *pattern, igt_error *err)
{
	size_t before = l->n;
	if (strcmp(pattern, "-") == 0) {
		add(l, igt_xstrdup("-"));
		return 1;
	}
	if (!igt_pattern_is_glob(pattern)) {
		struct stat st;
		if (stat(pattern, &st) != 0)
			return igt_error_set(err, errno == ENOENT ? IGT_ENOTFOUND : IGT_EBADINPUT, "%s: %s",
			                     pattern, strerror(errno));
		if (S_ISDIR(st.st_mode))
			walk_dir(l, pattern, 0, NULL);
		else
			add(l, igt_xstrdup(pattern));
		/* The same order as a glob over the same files: by full path. */
		if (l->n - before > 1)
			qsort(l->paths + before, l->n - before, sizeof(char *), cmp_str);
		return (int)(l->n - before);
	}
	/* Split into components; an absolute pattern starts at "/". */
	char *copy = igt_xstrdup(pattern);
	char **comps = NULL;
	size_t n = 0, cap = 0;
	for (char *save = NULL, *tok = strtok_r(copy, "/", &save); tok;
	     tok = strtok_r(NULL, "/", &save)) {
		igt_xgrow((void **)&comps, &cap, n + 1, sizeof(char *));
		comps[n++] = tok;
	}
	match(l, pattern[0] == '/' ? "/" : NULL, comps, n, 0, 0, NULL);
	free(comps);
	free(copy);
	if (l->n - before > 1)
		qsort(l->paths + before, l->n - before, sizeof(char *), cmp_str);
	/* "**" can reach one file along two routes; keep it once. */
	size_t w = before;
	for (size_t i = before; i < l->n; i++) {
		if (w > before && strcmp(l->paths[w - 1], l->paths[i]) == 0) {
			free(l->paths[i]);
			continue;
		}
		l->paths[w++] = l->paths[i];
	}
	l->n = w;
	return (int)(l->n - before);
}
