/* SPDX-License-Identifier: MIT */
/*
 * A YAML file as a generic tree of nodes, each with its 1-based line and
 * column, so that the layers above (job.c, schema.c) can say exactly where
 * a wrong value is. Types are not converted here: scalars stay text.
 *
 * Aliases are shared, not copied; a document whose aliases would expand
 * past IGT_YAML_MAX_NODES nodes ("billion laughs") is refused at the alias
 * that crosses the limit. Repeated keys in a mapping are refused too.
 */
#ifndef IGT_YAMLTREE_H
#define IGT_YAMLTREE_H

#include <stddef.h>
#include <igtext/error.h>

#define IGT_YAML_MAX_NODES 10000
#define IGT_YAML_MAX_DEPTH 64
#define IGT_YAML_MAX_BYTES (1024 * 1024)

typedef enum igt_yaml_type {
	IGT_YAML_SCALAR = 1,
	IGT_YAML_SEQ,
	IGT_YAML_MAP,
} igt_yaml_type;

typedef struct igt_yaml_node {
	igt_yaml_type type;
	int line, col;   /* 1-based */
	char *value;     /* scalars: the text, NUL-terminated */
	size_t len;
	int plain;       /* scalars: unquoted (so "null", "~" and "" mean null) */
	struct igt_yaml_node **items; /* sequence items; mapping keys and values alternating */
	size_t n;        /* number of entries in items */
	size_t expanded; /* nodes in this subtree with aliases expanded */
	int complete;
} igt_yaml_node;

typedef struct igt_yaml_doc {
	char *file;
	igt_yaml_node *root; /* NULL for an empty file */
	igt_yaml_node **all; /* every node, for freeing */
	size_t n_all, cap_all;
} igt_yaml_doc;

/* Parse path. On error err holds "file:line:col: message". */
int igt_yaml_load(igt_yaml_doc **out, const char *path, igt_error *err);
/* Parse a string (name is used in messages). */
int igt_yaml_load_string(igt_yaml_doc **out, const char *name, const char *text, size_t len,
                         igt_error *err);
void igt_yaml_free(igt_yaml_doc *doc);

int igt_yaml_is_null(const igt_yaml_node *node);
/* Value for key in a mapping, or NULL. */
igt_yaml_node *igt_yaml_get(const igt_yaml_node *map, const char *key);
const char *igt_yaml_type_name(const igt_yaml_node *node);

#endif
