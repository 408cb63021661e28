/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for yamltree.h: nodes carry the 1-based line:column where
 * they start; errors read "file:LINE:COL: message" at the right place (a
 * syntax error, a repeated key naming both lines, an alias with no anchor,
 * an alias inside its own anchor); an alias bomb ("billion laughs") is
 * refused quickly with a message about aliases; nesting past
 * IGT_YAML_MAX_DEPTH, files over 1 MiB and files holding NUL bytes are
 * refused; igt_yaml_is_null says null only for plain ~, null and empty.
 */
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "util.h"
#include "yamltree.h"

static char tmpdir[4096];

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void make_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof(tmpdir), "%s/igt-yaml-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpdir)) {
		printf("Bail out! mkdtemp %s: %s\n", tmpdir, strerror(errno));
		exit(99);
	}
}

/* Write len bytes to name in the temp folder; the full path, owned. */
static char *write_file(const char *name, const char *data, size_t len)
{
	char *path = igt_xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(99);
	}
	return path;
}

static igt_yaml_doc *load(const char *text, igt_error *err)
{
	igt_yaml_doc *doc = NULL;
	igt_error_clear(err);
	igt_yaml_load_string(&doc, "t.yaml", text, strlen(text), err);
	return doc;
}

/* Loading text must fail with IGT_ECONFIG and a message starting with
 * prefix and holding want. */
static void check_refused(const char *text, const char *prefix, const char *want, const char *name)
{
	igt_yaml_doc *doc = (igt_yaml_doc *)&doc;
	igt_error err;
	igt_error_clear(&err);
	int rc = igt_yaml_load_string(&doc, "t.yaml", text, strlen(text), &err);
	is_int(rc, IGT_ECONFIG, "%s: refused with IGT_ECONFIG", name);
	ok(strncmp(err.message, prefix, strlen(prefix)) == 0, "%s: message starts with '%s'", name,
	   prefix);
	if (strncmp(err.message, prefix, strlen(prefix)) != 0)
		printf("#   got: '%s'\n", err.message);
	like(err.message, want, "%s: message says what is wrong", name);
	ok(doc == NULL, "%s: *out is NULL", name);
	if (rc == 0)
		igt_yaml_free(doc);
}

static void test_positions(void)
{
	igt_error err;
	igt_yaml_doc *doc = load("job: test\n"
	                         "inputs:\n"
	                         "  - path: a/*.txt\n"
	                         "    format: plain\n"
	                         "  - b.txt\n"
	                         "outputs: [jsonl, {x: 1}]\n",
	                         &err);
	ok(doc != NULL, "a small document loads");
	if (!doc) {
		printf("#   %s\n", err.message);
		return;
	}
	const igt_yaml_node *root = doc->root;
	ok(root && root->type == IGT_YAML_MAP && root->line == 1 && root->col == 1,
	   "root mapping at 1:1");
	is_int(root->n, 6, "root mapping holds 3 keys and 3 values");
	const igt_yaml_node *k = root->items[0], *v = root->items[1];
	ok(k->line == 1 && k->col == 1, "key 'job' at 1:1");
	ok(v->type == IGT_YAML_SCALAR && v->line == 1 && v->col == 6, "value 'test' at 1:6");
	is_str(v->value, "test", "scalar text");
	is_int(v->len, 4, "scalar length");
	const igt_yaml_node *inputs = igt_yaml_get(root, "inputs");
	ok(inputs && inputs->type == IGT_YAML_SEQ, "inputs is a sequence");
	ok(inputs && inputs->line == 3 && inputs->col == 3,
	   "block sequence starts at its '-', 3:3");
	const igt_yaml_node *first = inputs->items[0];
	ok(first->type == IGT_YAML_MAP && first->line == 3 && first->col == 5,
	   "mapping in the sequence at 3:5");
	const igt_yaml_node *path = igt_yaml_get(first, "path");
	ok(path && path->line == 3 && path->col == 11, "value a/*.txt at 3:11");
	const igt_yaml_node *format = igt_yaml_get(first, "format");
	ok(format && format->line == 4 && format->col == 13, "value plain at 4:13");
	ok(first->items[2]->line == 4 && first->items[2]->col == 5, "key format at 4:5");
	ok(inputs->items[1]->line == 5 && inputs->items[1]->col == 5, "b.txt at 5:5");
	const igt_yaml_node *outputs = igt_yaml_get(root, "outputs");
	ok(outputs && outputs->type == IGT_YAML_SEQ && outputs->line == 6 && outputs->col == 10,
	   "flow sequence at its '[', 6:10");
	ok(outputs->items[0]->line == 6 && outputs->items[0]->col == 11, "jsonl at 6:11");
	ok(outputs->items[1]->type == IGT_YAML_MAP && outputs->items[1]->line == 6 &&
	       outputs->items[1]->col == 18,
	   "flow mapping at its '{', 6:18");
	ok(igt_yaml_get(root, "missing") == NULL, "igt_yaml_get of an absent key is NULL");
	ok(igt_yaml_get(inputs, "path") == NULL, "igt_yaml_get on a sequence is NULL");
	ok(igt_yaml_get(NULL, "path") == NULL, "igt_yaml_get(NULL) is NULL");
	is_str(doc->file, "t.yaml", "the name is kept for messages");
	igt_yaml_free(doc);

	doc = load("", &err);
	ok(doc != NULL && doc->root == NULL, "empty text: a document with no root");
	igt_yaml_free(doc);
	doc = load("# only a comment\n", &err);
	ok(doc != NULL && doc->root == NULL, "only a comment: no root");
	igt_yaml_free(doc);
	igt_yaml_free(NULL);
	ok(1, "igt_yaml_free(NULL) is safe");
}

static void test_errors(void)
{
	check_refused("a: 1\nb: c: d\n", "t.yaml:2:5:", "YAML syntax error",
	              "syntax error on line 2");
	check_refused("a: 1\nb:\n  - x\n  - [y, z\nc: 3\n", "t.yaml:5:", "YAML syntax error",
	              "unclosed flow sequence");
	check_refused("job: x\ninputs:\n  - a\n\t- b\n", "t.yaml:4:", "YAML syntax error",
	              "tab indentation on line 4");
	check_refused("a: 1\nb: 2\na: 3\n",
	              "t.yaml:3:1:", "key 'a' appears twice (first at line 1)",
	              "duplicate key names both lines");
	check_refused("outer:\n  x: 1\n  y: 2\n  x: 3\n",
	              "t.yaml:4:3:", "key 'x' appears twice (first at line 2)",
	              "duplicate key in a nested mapping");
	check_refused("{a: 1, a: 2}", "t.yaml:1:8:", "appears twice",
	              "duplicate key in flow mapping");
	check_refused("a: *nope\n", "t.yaml:1:4:", "alias '*nope' has no anchor before it",
	              "unknown alias");
	check_refused("a: *later\nb: &later 1\n", "t.yaml:1:4:", "has no anchor before it",
	              "alias before its anchor");
	check_refused("a: &x [1, *x]\n",
	              "t.yaml:1:11:", "alias '*x' refers to a node that contains it",
	              "recursive alias");
	check_refused("a: &m\n  b:\n    c: *m\n",
	              "t.yaml:3:8:", "refers to a node that contains it",
	              "recursive alias two levels down");
	check_refused("a: 1\n---\nb: 2\n", "t.yaml:2:1:", "found a second", "two documents");

	/* Aliases to completed nodes are fine and shared. */
	igt_error err;
	igt_yaml_doc *doc = load("base: &b {x: 1}\nuse: *b\n", &err);
	ok(doc && igt_yaml_get(doc->root, "use") == igt_yaml_get(doc->root, "base"),
	   "an alias shares its anchor's node");
	igt_yaml_free(doc);
}

static void test_alias_bomb(void)
{
	static const char bomb[] = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
	                           "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	                           "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	                           "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	                           "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
	                           "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
	                           "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
	                           "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
	                           "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	check_refused(bomb, "t.yaml:5:", "aliases", "billion laughs refused at line 5");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	ok(secs < 1.0, "billion laughs refused quickly (%.3f s)", secs);

	/* Just under the budget: 3 levels of 9 is 820 nodes, fine. */
	igt_error err;
	igt_yaml_doc *doc = load("a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\n"
	                         "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	                         "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
	                         &err);
	ok(doc != NULL, "moderate use of aliases accepted");
	if (!doc)
		printf("#   %s\n", err.message);
	igt_yaml_free(doc);
}

static void test_depth(void)
{
	char deep[2 * (IGT_YAML_MAX_DEPTH + 1) + 2];
	igt_error err;
	/* IGT_YAML_MAX_DEPTH nested flow sequences: the limit itself is fine. */
	size_t n = 0;
	for (int i = 0; i < IGT_YAML_MAX_DEPTH; i++)
		deep[n++] = '[';
	for (int i = 0; i < IGT_YAML_MAX_DEPTH; i++)
		deep[n++] = ']';
	deep[n] = '\0';
	igt_yaml_doc *doc = load(deep, &err);
	ok(doc != NULL, "nesting of exactly %d levels accepted", IGT_YAML_MAX_DEPTH);
	if (!doc)
		printf("#   %s\n", err.message);
	igt_yaml_free(doc);

	n = 0;
	for (int i = 0; i < IGT_YAML_MAX_DEPTH + 1; i++)
		deep[n++] = '[';
	for (int i = 0; i < IGT_YAML_MAX_DEPTH + 1; i++)
		deep[n++] = ']';
	deep[n] = '\0';
	check_refused(deep, "t.yaml:1:65:", "nested deeper than 64 levels", "nesting of 65 levels");

	/* Block style, mappings in mappings. */
	char *block = igt_xmalloc(100 * 100);
	size_t used = 0;
	for (int i = 0; i < 70; i++)
		used += (size_t)sprintf(block + used, "%*sk%d:\n", i, "", i);
	check_refused(block, "t.yaml:65:", "nested deeper than 64 levels", "block nesting of 70");
	free(block);
}

static void test_files(void)
{
	igt_yaml_doc *doc = NULL;
	igt_error err;

	char *path = write_file("ok.yaml", "job: x\ninputs: [a]\n", 19);
	igt_error_clear(&err);
	int rc = igt_yaml_load(&doc, path, &err);
	ok(rc == 0 && doc && doc->root, "igt_yaml_load reads a file");
	is_str(doc ? doc->file : NULL, path, "the file name is kept");
	igt_yaml_free(doc);
	free(path);

	path = write_file("bad.yaml", "a: 1\na: 2\n", 10);
	rc = igt_yaml_load(&doc, path, &err);
	char *prefix = igt_xasprintf("%s:2:1:", path);
	ok(rc == IGT_ECONFIG && strncmp(err.message, prefix, strlen(prefix)) == 0,
	   "errors in a file name the file: %s", err.message);
	free(prefix);
	free(path);

	char *missing = igt_xasprintf("%s/missing.yaml", tmpdir);
	doc = (igt_yaml_doc *)&doc;
	rc = igt_yaml_load(&doc, missing, &err);
	is_int(rc, IGT_ENOTFOUND, "missing file: IGT_ENOTFOUND");
	like(err.message, missing, "missing file: message names it");
	ok(doc == NULL, "missing file: *out is NULL");
	free(missing);

	/* A file of exactly 1 MiB of comments loads; one byte more does not. */
	size_t big = IGT_YAML_MAX_BYTES + 1;
	char *text = igt_xmalloc(big);
	memset(text, '#', big);
	for (size_t i = 63; i < big; i += 64)
		text[i] = '\n';
	text[IGT_YAML_MAX_BYTES - 1] = '\n';
	path = write_file("exact.yaml", text, IGT_YAML_MAX_BYTES);
	rc = igt_yaml_load(&doc, path, &err);
	ok(rc == 0 && doc && doc->root == NULL, "a file of exactly 1 MiB loads");
	if (rc)
		printf("#   %s\n", err.message);
	igt_yaml_free(doc);
	free(path);
	path = write_file("big.yaml", text, big);
	doc = (igt_yaml_doc *)&doc;
	rc = igt_yaml_load(&doc, path, &err);
	is_int(rc, IGT_ECONFIG, "a file over 1 MiB is refused");
	like(err.message, "larger than 1 MiB", "the message says it is too large");
	like(err.message, path, "the message names the file");
	ok(doc == NULL, "too large: *out is NULL");
	free(path);
	free(text);

	path = write_file("nul.yaml", "job: x\0\ninputs: [a]\n", 20);
	doc = (igt_yaml_doc *)&doc;
	rc = igt_yaml_load(&doc, path, &err);
	is_int(rc, IGT_ECONFIG, "a file with a NUL byte is refused");
	like(err.message, "NUL", "the message names the NUL byte");
	like(err.message, path, "the message names the file");
	ok(doc == NULL, "NUL byte: *out is NULL");
	free(path);
}

static void test_nulls(void)
{
	igt_error err;
	igt_yaml_doc *doc = load("tilde: ~\n"
	                         "word: null\n"
	                         "cap: Null\n"
	                         "upper: NULL\n"
	                         "empty:\n"
	                         "q_tilde: '~'\n"
	                         "q_word: \"null\"\n"
	                         "q_empty: ''\n"
	                         "dq_empty: \"\"\n"
	                         "text: nothing\n"
	                         "nullish: nulls\n"
	                         "zero: 0\n"
	                         "list: []\n"
	                         "map: {}\n",
	                         &err);
	ok(doc != NULL, "null test document loads");
	if (!doc)
		return;
	static const struct {
		const char *key;
		int is_null;
	} cases[] = {
	    {"tilde", 1},   {"word", 1},   {"cap", 1},     {"upper", 1},    {"empty", 1},
	    {"q_tilde", 0}, {"q_word", 0}, {"q_empty", 0}, {"dq_empty", 0}, {"text", 0},
	    {"nullish", 0}, {"zero", 0},   {"list", 0},    {"map", 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const igt_yaml_node *v = igt_yaml_get(doc->root, cases[i].key);
		ok(v != NULL, "'%s' present", cases[i].key);
		is_int(igt_yaml_is_null(v), cases[i].is_null, "igt_yaml_is_null('%s')",
		       cases[i].key);
	}
	is_int(igt_yaml_is_null(NULL), 1, "a missing node is null");
	const igt_yaml_node *e = igt_yaml_get(doc->root, "empty");
	ok(e && e->plain && e->len == 0, "an empty value is a plain scalar of length 0");
	const igt_yaml_node *q = igt_yaml_get(doc->root, "q_word");
	ok(q && !q->plain, "a quoted scalar is not plain");
	is_str(igt_yaml_type_name(igt_yaml_get(doc->root, "tilde")), "nothing (null)",
	       "type name null");
	is_str(igt_yaml_type_name(igt_yaml_get(doc->root, "text")), "a scalar", "type name scalar");
	is_str(igt_yaml_type_name(igt_yaml_get(doc->root, "list")), "a list", "type name list");
	is_str(igt_yaml_type_name(igt_yaml_get(doc->root, "map")), "a mapping",
	       "type name mapping");
	igt_yaml_free(doc);
}

int main(void)
{
	make_tmpdir();
	test_positions();
	test_errors();
	test_alias_bomb();
	test_depth();
	test_files();
	test_nulls();
	nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return done_testing();
}
