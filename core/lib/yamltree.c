/* SPDX-License-Identifier: MIT */
/*
 * libyaml events to a tree of positioned nodes (yamltree.h). libyaml marks
 * count from zero; every position stored here has one added.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "util.h"
#include "yamltree.h"

typedef struct anchor {
	char *name;
	igt_yaml_node *node;
} anchor;

typedef struct builder {
	igt_yaml_doc *doc;
	igt_yaml_node *stack[IGT_YAML_MAX_DEPTH];
	int depth;
	anchor *anchors;
	size_t n_anchors, cap_anchors;
	size_t total;
	igt_error *err;
} builder;

static igt_yaml_node *new_node(builder *b, igt_yaml_type type, yaml_mark_t mark)
{
	igt_yaml_node *n = igt_xcalloc(1, sizeof(*n));
	n->type = type;
	n->line = (int)mark.line + 1;
	n->col = (int)mark.column + 1;
	n->expanded = 1;
	igt_xgrow((void **)&b->doc->all, &b->doc->cap_all, b->doc->n_all + 1, sizeof(*b->doc->all));
	b->doc->all[b->doc->n_all++] = n;
	return n;
}

static int fail_at(builder *b, int line, int col, const char *fmt, ...) IGT_PRINTF(4, 5);
static int fail_at(builder *b, int line, int col, const char *fmt, ...)
{
	char msg[700];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return igt_error_set(b->err, IGT_ECONFIG, "%s:%d:%d: %.700s", b->doc->file, line, col, msg);
}

static void remember_anchor(builder *b, const yaml_char_t *name, igt_yaml_node *node)
{
	if (!name)
		return;
	igt_xgrow((void **)&b->anchors, &b->cap_anchors, b->n_anchors + 1, sizeof(*b->anchors));
	b->anchors[b->n_anchors].name = igt_xstrdup((const char *)name);
	b->anchors[b->n_anchors].node = node;
	b->n_anchors++;
}

/* Attach a finished (or aliased) node to the open collection, or make it
 * the root. Checks repeated keys and the expansion budget. */
static int attach(builder *b, igt_yaml_node *node, int line, int col)
{
	b->total += node->expanded;
	if (b->total > IGT_YAML_MAX_NODES)
		return fail_at(b, line, col,
		               "the document expands to more than %d nodes through aliases; refusing "
		               "to expand it",
		               IGT_YAML_MAX_NODES);
	if (b->depth == 0) {
		b->doc->root = node;
		return 0;
	}
	igt_yaml_node *parent = b->stack[b->depth - 1];
	if (parent->type == IGT_YAML_MAP && parent->n % 2 == 0 && node->type == IGT_YAML_SCALAR) {
		for (size_t i = 0; i < parent->n; i += 2) {
			igt_yaml_node *k = parent->items[i];
			if (k->type == IGT_YAML_SCALAR && strcmp(k->value, node->value) == 0) {
				return fail_at(b, line, col, "key '%.200s' appears twice (first at line %d)",
				               node->value, k->line);
			}
		}
	}
	parent->items = igt_xrealloc(parent->items, (parent->n + 1) * sizeof(*parent->items));
	parent->items[parent->n++] = node;
	parent->expanded += node->expanded;
	return 0;
}

static int open_collection(builder *b, igt_yaml_type type, const yaml_event_t *ev,
                           const yaml_char_t *anchor_name)
{
	if (b->depth >= IGT_YAML_MAX_DEPTH)
		return fail_at(b, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1,
		               "nested deeper than %d levels", IGT_YAML_MAX_DEPTH);
	igt_yaml_node *n = new_node(b, type, ev->start_mark);
	remember_anchor(b, anchor_name, n);
	b->stack[b->depth++] = n;
	return 0;
}

static int close_collection(builder *b)
{
	igt_yaml_node *n = b->stack[--b->depth];
	n->complete = 1;
	/* Its expanded size was added to total piecewise as children came. */
	b->total -= n->expanded - 1;
	return attach(b, n, n->line, n->col);
}

static int handle_event(builder *b, yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT: {
		igt_yaml_node *n = new_node(b, IGT_YAML_SCALAR, ev->start_mark);
		n->value = igt_xstrndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
		n->len = ev->data.scalar.length;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		n->complete = 1;
		remember_anchor(b, ev->data.scalar.anchor, n);
		return attach(b, n, n->line, n->col);
	}
	case YAML_SEQUENCE_START_EVENT:
		return open_collection(b, IGT_YAML_SEQ, ev, ev->data.sequence_start.anchor);
	case YAML_MAPPING_START_EVENT:
		return open_collection(b, IGT_YAML_MAP, ev, ev->data.mapping_start.anchor);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_collection(b);
	case YAML_ALIAS_EVENT: {
		const char *name = (const char *)ev->data.alias.anchor;
		int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;
		for (size_t i = b->n_anchors; i-- > 0;) {
			if (strcmp(b->anchors[i].name, name) != 0)
				continue;
			if (!b->anchors[i].node->complete)
				return fail_at(b, line, col, "alias '*%s' refers to a node that contains it",
				               name);
			return attach(b, b->anchors[i].node, line, col);
		}
		return fail_at(b, line, col, "alias '*%s' has no anchor before it", name);
	}
	default:
		return 0;
	}
}

/* Line and column (0-based, as libyaml's) of byte offset in text; columns
 * count characters, not bytes. */
static yaml_mark_t mark_at(const char *text, size_t len, size_t offset)
{
	yaml_mark_t m = {0, 0, 0};
	for (size_t i = 0; i < offset && i < len; i++) {
		if (text[i] == '\n') {
			m.line++;
			m.column = 0;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			m.column++;
		}
	}
	m.index = offset;
	return m;
}

static int load_with_parser(igt_yaml_doc *doc, yaml_parser_t *parser, const char *text,
                            size_t len, igt_error *err)
{
	builder b = {.doc = doc, .err = err};
	int rc = 0, documents = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(parser, &ev)) {
			yaml_mark_t m = parser->problem_mark;
			/* Encoding errors are found by the reader, which gives a byte
			 * offset instead of a mark. */
			if (parser->error == YAML_READER_ERROR)
				m = mark_at(text, len, parser->problem_offset);
			rc = igt_error_set(err, IGT_ECONFIG, "%s:%d:%d: YAML syntax error: %s%s%s", doc->file,
			                   (int)m.line + 1, (int)m.column + 1,
			                   parser->problem ? parser->problem : "unknown problem",
			                   parser->context ? " " : "", parser->context ? parser->context : "");
			break;
		}
		int done = ev.type == YAML_STREAM_END_EVENT;
		if (ev.type == YAML_DOCUMENT_START_EVENT && ++documents > 1) {
			rc = igt_error_set(err, IGT_ECONFIG,
			                   "%s:%d:%d: a job file holds one YAML document; found a second",
			                   doc->file, (int)ev.start_mark.line + 1,
			                   (int)ev.start_mark.column + 1);
			yaml_event_delete(&ev);
			break;
		}
		rc = handle_event(&b, &ev);
		yaml_event_delete(&ev);
		if (rc || done)
			break;
	}
	for (size_t i = 0; i < b.n_anchors; i++)
		free(b.anchors[i].name);
	free(b.anchors);
	return rc;
}

int igt_yaml_load_string(igt_yaml_doc **out, const char *name, const char *text, size_t len,
                         igt_error *err)
{
	*out = NULL;
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		return igt_error_set(err, IGT_EGENERIC, "%s: cannot start the YAML parser", name);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	igt_yaml_doc *doc = igt_xcalloc(1, sizeof(*doc));
	doc->file = igt_xstrdup(name);
	int rc = load_with_parser(doc, &parser, text, len, err);
	yaml_parser_delete(&parser);
	if (rc) {
		igt_yaml_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

int igt_yaml_load(igt_yaml_doc **out, const char *path, igt_error *err)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f)
		return igt_error_set(err, errno == ENOENT ? IGT_ENOTFOUND : IGT_ECONFIG, "%s: %s", path,
		                     strerror(errno));
	char *text = igt_xmalloc(IGT_YAML_MAX_BYTES + 1);
	size_t len = fread(text, 1, IGT_YAML_MAX_BYTES + 1, f);
	int read_error = ferror(f);
	fclose(f);
	int rc;
	if (read_error)
		rc = igt_error_set(err, IGT_ECONFIG, "%s: read error", path);
	else if (len > IGT_YAML_MAX_BYTES)
		rc = igt_error_set(err, IGT_ECONFIG, "%s: larger than 1 MiB; is it really a job file?",
		                   path);
	else if (memchr(text, '\0', len)) {
		yaml_mark_t m = mark_at(text, len, (size_t)((char *)memchr(text, '\0', len) - text));
		rc = igt_error_set(err, IGT_ECONFIG,
		                   "%s:%d:%d: a NUL byte: this is binary data, not a YAML job file", path,
		                   (int)m.line + 1, (int)m.column + 1);
	}
	else
		rc = igt_yaml_load_string(out, path, text, len, err);
	free(text);
	return rc;
}

void igt_yaml_free(igt_yaml_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->n_all; i++) {
		free(doc->all[i]->value);
		free(doc->all[i]->items);
		free(doc->all[i]);
	}
	free(doc->all);
	free(doc->file);
	free(doc);
}

int igt_yaml_is_null(const igt_yaml_node *node)
{
	if (!node)
		return 1;
	if (node->type != IGT_YAML_SCALAR || !node->plain)
		return 0;
	return node->len == 0 || strcmp(node->value, "~") == 0 || strcmp(node->value, "null") == 0 ||
	       strcmp(node->value, "Null") == 0 || strcmp(node->value, "NULL") == 0;
}

igt_yaml_node *igt_yaml_get(const igt_yaml_node *map, const char *key)
{
	if (!map || map->type != IGT_YAML_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (map->items[i]->type == IGT_YAML_SCALAR && strcmp(map->items[i]->value, key) == 0)
			return map->items[i + 1];
	return NULL;
}

const char *igt_yaml_type_name(const igt_yaml_node *node)
{
	if (igt_yaml_is_null(node))
		return "nothing (null)";
	switch (node->type) {
	case IGT_YAML_SCALAR: return "a scalar";
	case IGT_YAML_SEQ: return "a list";
	case IGT_YAML_MAP: return "a mapping";
	}
	return "?";
}
