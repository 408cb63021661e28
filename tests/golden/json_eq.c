/* SPDX-License-Identifier: MIT */
/*
 * json_eq: compare two JSON Lines files structurally, line by line, and
 * print the first difference as a JSON path with both values. Used by the
 * golden tests, so that key order and white space never matter and a
 * failure says exactly which field changed.
 *
 *   json_eq [-i PATH]... EXPECTED ACTUAL
 *
 * -i PATH ignores a member (dotted path from the document root, e.g.
 * "id" or "source.path"): values that depend on where the test runs.
 * Exit 0 equal, 1 different, 2 usage or unreadable/invalid input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#define MAX_IGNORE 16

static const char *ignored[MAX_IGNORE];
static int n_ignored;

static int is_ignored(const char *path)
{
	for (int i = 0; i < n_ignored; i++)
		if (strcmp(ignored[i], path) == 0)
			return 1;
	return 0;
}

static void show(const char *label, const json_t *v)
{
	char *s = v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	printf("#   %s %.300s%s\n", label, s ? s : "(absent)", s && strlen(s) > 300 ? "…" : "");
	free(s);
}

/* Returns 0 when equal; else prints the path and returns 1. */
static int compare(const json_t *a, const json_t *b, char *path, size_t cap)
{
	if (is_ignored(path))
		return 0;
	if (!a || !b || json_typeof(a) != json_typeof(b)) {
		printf("# difference at %s\n", *path ? path : "(root)");
		show("expected:", a);
		show("actual:  ", b);
		return 1;
	}
	size_t len = strlen(path);
	if (json_is_object(a)) {
		const char *key;
		json_t *v;
		json_object_foreach((json_t *)a, key, v) {
			snprintf(path + len, cap - len, "%s%s", len ? "." : "", key);
			if (compare(v, json_object_get(b, key), path, cap))
				return 1;
		}
		json_object_foreach((json_t *)b, key, v) {
			snprintf(path + len, cap - len, "%s%s", len ? "." : "", key);
			if (!json_object_get(a, key) && !is_ignored(path))
				return compare(NULL, v, path, cap);
		}
		path[len] = '\0';
		return 0;
	}
	if (json_is_array(a)) {
		size_t na = json_array_size(a), nb = json_array_size(b);
		for (size_t i = 0; i < na || i < nb; i++) {
			snprintf(path + len, cap - len, "[%zu]", i);
			if (compare(json_array_get(a, i), json_array_get(b, i), path, cap))
				return 1;
		}
		path[len] = '\0';
		return 0;
	}
	if (!json_equal((json_t *)a, (json_t *)b)) {
		printf("# difference at %s\n", *path ? path : "(root)");
		show("expected:", a);
		show("actual:  ", b);
		return 1;
	}
	return 0;
}

static json_t *next_line(FILE *f, const char *name, size_t lineno, int *bad)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, f);
	if (n < 0) {
		free(line);
		return NULL;
	}
	json_error_t e;
	json_t *j = json_loadb(line, (size_t)n, 0, &e);
	if (!j) {
		printf("# %s:%zu: not JSON: %s\n", name, lineno, e.text);
		*bad = 1;
	}
	free(line);
	return j;
}

int main(int argc, char **argv)
{
	int argi = 1;
	while (argi + 1 < argc && strcmp(argv[argi], "-i") == 0 && n_ignored < MAX_IGNORE) {
		ignored[n_ignored++] = argv[argi + 1];
		argi += 2;
	}
	if (argc - argi != 2) {
		fprintf(stderr, "usage: json_eq [-i PATH]... EXPECTED ACTUAL\n");
		return 2;
	}
	FILE *fa = fopen(argv[argi], "r"), *fb = fopen(argv[argi + 1], "r");
	if (!fa || !fb) {
		fprintf(stderr, "json_eq: cannot open %s\n", !fa ? argv[argi] : argv[argi + 1]);
		return 2;
	}
	int rc = 0, bad = 0;
	for (size_t lineno = 1;; lineno++) {
		json_t *a = next_line(fa, argv[argi], lineno, &bad);
		json_t *b = next_line(fb, argv[argi + 1], lineno, &bad);
		if (bad) {
			rc = 2;
		} else if (!a && !b) {
			json_decref(a);
			json_decref(b);
			break;
		} else if (!a || !b) {
			printf("# %s has more documents than %s (document %zu)\n", a ? "expected" : "actual",
			       a ? "actual" : "expected", lineno);
			rc = 1;
		} else {
			char path[1024] = "";
			if (compare(a, b, path, sizeof(path))) {
				printf("# in document %zu\n", lineno);
				rc = 1;
			}
		}
		json_decref(a);
		json_decref(b);
		if (rc)
			break;
	}
	fclose(fa);
	fclose(fb);
	return rc;
}
