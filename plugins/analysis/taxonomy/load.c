/* SPDX-License-Identifier: MIT */
/*
 * load: reading taxonomy files (YAML) into the model (model.h). The files
 * of a job are untrusted, so everything is checked here and every error
 * names the file, line and column: unknown keys (a misspelt "requires"
 * must not be ignored silently), ids that are not lower-case and
 * hyphenated, an id defined twice (both places are named), weights that
 * are not whole numbers from 1 to TX_MAX_WEIGHT, empty patterns. YAML
 * aliases are refused: a taxonomy has no use for them, and following them
 * is how a small file expands into a huge one. The format:
 *
 *   topics:
 *     - id: cybercrime
 *       label: Cybercrime
 *       parent: cybersecurity
 *       rules:
 *         - '\bcyber[\s-]*crim'                      # weight 1
 *         - {pattern: '\bhack(?:ing|ers?)\b', weight: 2,
 *            require: ['\b(?:crim|attack|illegal)'], exclude: ['\bhackathon']}
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "model.h"

#define MAX_FILE_BYTES (4u << 20)

typedef struct loader {
	tx_model *m;
	yaml_document_t *doc;
	const char *file;
	unsigned char *seen; /* per node: visited once already (an alias if twice) */
	size_t n_nodes;
	char *err;
	size_t errlen;
} loader;

#define GROW(arr, n, cap)                                                                          \
	do {                                                                                       \
		if ((n) == (cap)) {                                                                \
			(cap) = (cap) ? (cap)*2 : 32;                                              \
			void *grown_ = realloc((arr), (cap) * sizeof(*(arr)));                     \
			if (!grown_)                                                               \
				abort();                                                           \
			(arr) = grown_;                                                            \
		}                                                                                  \
	} while (0)

static tx_where where_of(const loader *l, const yaml_node_t *n)
{
	return (tx_where){l->file, (unsigned long)n->start_mark.line + 1,
	                  (unsigned long)n->start_mark.column + 1};
}

static int fail(loader *l, const yaml_node_t *n, const char *fmt, ...) IGT_PRINTF(3, 4);
static int fail(loader *l, const yaml_node_t *n, const char *fmt, ...)
{
	int k = snprintf(l->err, l->errlen, "%s:%lu:%lu: ", l->file,
	                 (unsigned long)n->start_mark.line + 1,
	                 (unsigned long)n->start_mark.column + 1);
	if (k >= 0 && (size_t)k < l->errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(l->err + k, l->errlen - (size_t)k, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* The node with this index, refusing a second visit (an alias). */
static yaml_node_t *node(loader *l, const yaml_node_t *from, int index, int *rc)
{
	yaml_node_t *n = yaml_document_get_node(l->doc, index);
	size_t i = (size_t)index - 1;
	if (!n || i >= l->n_nodes) {
		*rc = fail(l, from, "broken YAML node");
		return NULL;
	}
	if (l->seen[i]) {
		*rc = fail(l, from, "YAML aliases are not allowed in a taxonomy");
		return NULL;
	}
	l->seen[i] = 1;
	return n;
}

static const char *scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* A plain null (~, null, empty). */
static bool is_null(const yaml_node_t *n)
{
	const char *s = scalar(n);
	return s && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	       (!*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
	        !strcmp(s, "NULL"));
}

/* Call each(l, key, value, data) for every pair of a mapping, refusing
 * keys that are not in keys. */
typedef int (*pair_fn)(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v, void *data);
static int each_pair(loader *l, yaml_node_t *map, const char *const *keys, pair_fn fn, void *data)
{
	int rc = 0;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = node(l, map, p->key, &rc);
		yaml_node_t *v = k ? node(l, k, p->value, &rc) : NULL;
		if (!v)
			return rc;
		const char *name = scalar(k);
		size_t i = 0;
		while (name && keys[i] && strcmp(keys[i], name) != 0)
			i++;
		if (!name || !keys[i]) {
			char list[200] = "";
			for (size_t j = 0; keys[j]; j++) {
				size_t used = strlen(list);
				snprintf(list + used, sizeof(list) - used, "%s%s", j ? ", " : "",
				         keys[j]);
			}
			return fail(l, k, "unknown key '%s' (known: %s)", name ? name : "?", list);
		}
		if ((rc = fn(l, name, k, v, data)) != 0)
			return rc;
	}
	return 0;
}

static size_t pattern_add(loader *l, const yaml_node_t *n, size_t topic, int *rc)
{
	const char *s = scalar(n);
	if (!s || !*s) {
		*rc = fail(l, n, "a pattern must be a non-empty string");
		return TX_NONE;
	}
	tx_model *m = l->m;
	size_t *slot = tx_map_put(&m->pattern_ids, s, m->n_patterns);
	if (*slot == m->n_patterns) {
		GROW(m->patterns, m->n_patterns, m->cap_patterns);
		m->patterns[m->n_patterns++] = (tx_pattern){
		    .text = igt_strndup(s, strlen(s)), .at = where_of(l, n), .topic = topic};
	}
	return *slot;
}

/* A list of patterns (or one) for require or exclude. */
static int pattern_list(loader *l, yaml_node_t *v, size_t topic, size_t **out, size_t *n_out)
{
	int rc = 0;
	if (v->type == YAML_SCALAR_NODE) {
		size_t p = pattern_add(l, v, topic, &rc);
		if (p == TX_NONE)
			return rc;
		*out = realloc(*out, (*n_out + 1) * sizeof(**out));
		if (!*out)
			abort();
		(*out)[(*n_out)++] = p;
		return 0;
	}
	if (v->type != YAML_SEQUENCE_NODE)
		return fail(l, v, "expected a pattern or a list of patterns");
	for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top;
	     it++) {
		yaml_node_t *item = node(l, v, *it, &rc);
		if (!item)
			return rc;
		if (item->type != YAML_SCALAR_NODE)
			return fail(l, item, "expected a pattern");
		if ((rc = pattern_list(l, item, topic, out, n_out)) != 0)
			return rc;
	}
	return 0;
}

static int rule_pair(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v, void *data)
{
	tx_rule *r = data;
	int rc = 0;
	(void)k;
	if (!strcmp(key, "pattern")) {
		r->pattern = pattern_add(l, v, r->topic, &rc);
		return r->pattern == TX_NONE ? rc : 0;
	}
	if (!strcmp(key, "weight")) {
		const char *s = scalar(v);
		char *end = NULL;
		errno = 0;
		long w = s ? strtol(s, &end, 10) : 0;
		if (!s || !*s || *end || errno || w < 1 || w > TX_MAX_WEIGHT)
			return fail(l, v, "weight must be a whole number from 1 to %d",
			            TX_MAX_WEIGHT);
		r->weight = (int)w;
		return 0;
	}
	if (!strcmp(key, "require"))
		return pattern_list(l, v, r->topic, &r->require, &r->n_require);
	return pattern_list(l, v, r->topic, &r->exclude, &r->n_exclude);
}

static void rule_free(tx_rule *r)
{
	free(r->require);
	free(r->exclude);
}

static int rule_node(loader *l, yaml_node_t *n, size_t topic)
{
	static const char *const keys[] = {"pattern", "weight", "require", "exclude", NULL};
	tx_rule r = {.topic = topic, .pattern = TX_NONE, .weight = 1};
	int rc = 0;
	if (n->type == YAML_SCALAR_NODE) {
		r.pattern = pattern_add(l, n, topic, &rc);
	} else if (n->type != YAML_MAPPING_NODE) {
		rc = fail(l, n,
		          "a rule is a pattern or a mapping (pattern, weight, require, "
		          "exclude)");
	} else if ((rc = each_pair(l, n, keys, rule_pair, &r)) == 0 && r.pattern == TX_NONE) {
		rc = fail(l, n, "the rule has no pattern");
	}
	if (rc || r.pattern == TX_NONE) {
		rule_free(&r);
		return rc ? rc : -1;
	}
	tx_model *m = l->m;
	GROW(m->rules, m->n_rules, m->cap_rules);
	m->rules[m->n_rules] = r;
	tx_pattern *p = &m->patterns[r.pattern];
	p->main_rules = realloc(p->main_rules, (p->n_main_rules + 1) * sizeof(size_t));
	if (!p->main_rules)
		abort();
	p->main_rules[p->n_main_rules++] = m->n_rules++;
	return 0;
}

static bool valid_id(const char *s)
{
	bool after_dash = true; /* no leading, trailing or double hyphen */
	for (; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			after_dash = false;
		else if (*s == '-' && !after_dash)
			after_dash = true;
		else
			return false;
	}
	return !after_dash;
}

typedef struct topic_build {
	yaml_node_t *id, *label, *parent, *rules;
} topic_build;

static int topic_pair(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v, void *data)
{
	topic_build *b = data;
	(void)l;
	(void)k;
	if (!strcmp(key, "id"))
		b->id = v;
	else if (!strcmp(key, "label"))
		b->label = v;
	else if (!strcmp(key, "parent"))
		b->parent = v;
	else
		b->rules = v;
	return 0;
}

static int topic_node(loader *l, yaml_node_t *n)
{
	static const char *const keys[] = {"id", "label", "parent", "rules", NULL};
	topic_build b = {0};
	if (n->type != YAML_MAPPING_NODE)
		return fail(l, n, "a topic must be a mapping (id, label, parent, rules)");
	int rc = each_pair(l, n, keys, topic_pair, &b);
	if (rc)
		return rc;
	const char *id = scalar(b.id), *label = scalar(b.label);
	if (!id)
		return fail(l, b.id ? b.id : n, "a topic needs an id");
	if (!valid_id(id))
		return fail(l, b.id,
		            "topic id '%s' must be lower-case letters and digits in words "
		            "joined by single hyphens",
		            id);
	if (!label || !*label)
		return fail(l, b.label ? b.label : n, "topic '%s' needs a label", id);
	if (b.parent && !is_null(b.parent) && !scalar(b.parent))
		return fail(l, b.parent, "topic '%s': parent must be a topic id", id);
	tx_model *m = l->m;
	size_t *slot = tx_map_put(&m->topic_ids, id, m->n_topics);
	if (*slot != m->n_topics) {
		const tx_where *w = &m->topics[*slot].at;
		return fail(l, b.id, "topic id '%s' is defined twice: first at %s:%lu:%lu", id,
		            w->file, w->line, w->col);
	}
	GROW(m->topics, m->n_topics, m->cap_topics);
	tx_topic *t = &m->topics[m->n_topics++];
	*t = (tx_topic){.id = igt_strndup(id, strlen(id)),
	                .label = igt_strndup(label, strlen(label)),
	                .parent = TX_NONE,
	                .at = where_of(l, b.id),
	                .value = json_pack("{s:s,s:s}", "topic", id, "label", label)};
	if (b.parent && !is_null(b.parent)) {
		t->parent_id = igt_strndup(scalar(b.parent), strlen(scalar(b.parent)));
		t->parent_at = where_of(l, b.parent);
	}
	if (!b.rules || is_null(b.rules))
		return 0;
	if (b.rules->type != YAML_SEQUENCE_NODE)
		return fail(l, b.rules, "topic '%s': rules must be a list", id);
	size_t topic = m->n_topics - 1;
	for (yaml_node_item_t *it = b.rules->data.sequence.items.start;
	     it < b.rules->data.sequence.items.top; it++) {
		yaml_node_t *r = node(l, b.rules, *it, &rc);
		if (!r || (rc = rule_node(l, r, topic)) != 0)
			return rc ? rc : -1;
	}
	return 0;
}

static int root_pair(loader *l, const char *key, yaml_node_t *k, yaml_node_t *v, void *data)
{
	(void)key;
	(void)k;
	(void)data;
	if (is_null(v))
		return 0;
	if (v->type != YAML_SEQUENCE_NODE)
		return fail(l, v, "topics must be a list");
	int rc = 0;
	for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top;
	     it++) {
		yaml_node_t *t = node(l, v, *it, &rc);
		if (!t || (rc = topic_node(l, t)) != 0)
			return rc ? rc : -1;
	}
	return 0;
}

static int load_document(loader *l)
{
	static const char *const keys[] = {"topics", NULL};
	yaml_node_t *root = yaml_document_get_root_node(l->doc);
	if (!root)
		return 0; /* an empty file adds nothing */
	l->n_nodes = (size_t)(l->doc->nodes.top - l->doc->nodes.start);
	l->seen = calloc(l->n_nodes ? l->n_nodes : 1, 1);
	if (!l->seen)
		abort();
	l->seen[0] = 1;
	if (root->type != YAML_MAPPING_NODE)
		return fail(l, root, "a taxonomy is a mapping with the key 'topics'");
	return each_pair(l, root, keys, root_pair, NULL);
}

/* The file's bytes (at most MAX_FILE_BYTES), NUL-terminated. */
static char *slurp(const char *path, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;
	if (!f || fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		snprintf(err, errlen, "%s: cannot read: %s", path,
		         f ? (errno ? strerror(errno) : "not a regular file") : strerror(errno));
		if (f)
			fclose(f);
		return NULL;
	}
	if (sb.st_size > (off_t)MAX_FILE_BYTES) {
		snprintf(err, errlen, "%s: larger than %u MiB", path, MAX_FILE_BYTES >> 20);
		fclose(f);
		return NULL;
	}
	char *buf = malloc((size_t)sb.st_size + 1);
	if (!buf)
		abort();
	*len = fread(buf, 1, (size_t)sb.st_size, f);
	buf[*len] = 0;
	fclose(f);
	return buf;
}

int tx_load(tx_model *m, const char *path, char *err, size_t errlen)
{
	size_t len = 0;
	char *text = slurp(path, &len, err, errlen);
	if (!text)
		return -1;
	if (memchr(text, 0, len)) {
		snprintf(err, errlen, "%s: holds a NUL byte: not a YAML file", path);
		free(text);
		return -1;
	}
	m->files = realloc(m->files, (m->n_files + 1) * sizeof(char *));
	if (!m->files)
		abort();
	m->files[m->n_files] = igt_strndup(path, strlen(path));
	loader l = {.m = m, .file = m->files[m->n_files++], .err = err, .errlen = errlen};
	yaml_parser_t parser;
	yaml_document_t doc, next;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	int rc = -1;
	if (!yaml_parser_load(&parser, &doc)) {
		snprintf(err, errlen, "%s:%lu:%lu: %s", path,
		         (unsigned long)parser.problem_mark.line + 1,
		         (unsigned long)parser.problem_mark.column + 1,
		         parser.problem ? parser.problem : "YAML error");
	} else {
		l.doc = &doc;
		rc = load_document(&l);
		if (!rc && !yaml_parser_load(&parser, &next)) {
			snprintf(err, errlen, "%s:%lu:%lu: %s", path,
			         (unsigned long)parser.problem_mark.line + 1,
			         (unsigned long)parser.problem_mark.column + 1,
			         parser.problem ? parser.problem : "YAML error");
			rc = -1;
		} else if (!rc) {
			if (yaml_document_get_root_node(&next)) {
				snprintf(err, errlen, "%s:%lu:1: more than one YAML document", path,
				         (unsigned long)next.start_mark.line + 1);
				rc = -1;
			}
			yaml_document_delete(&next);
		}
		yaml_document_delete(&doc);
	}
	free(l.seen);
	yaml_parser_delete(&parser);
	free(text);
	return rc;
}

void tx_model_free(tx_model *m)
{
	for (size_t i = 0; i < m->n_topics; i++) {
		free(m->topics[i].id);
		free(m->topics[i].label);
		free(m->topics[i].parent_id);
		json_decref(m->topics[i].value);
	}
	for (size_t i = 0; i < m->n_rules; i++)
		rule_free(&m->rules[i]);
	for (size_t i = 0; i < m->n_patterns; i++) {
		free(m->patterns[i].text);
		free(m->patterns[i].main_rules);
	}
	for (size_t i = 0; i < m->n_files; i++)
		free(m->files[i]);
	free(m->files);
	free(m->topics);
	free(m->rules);
	free(m->patterns);
	free(m->deepest_first);
	tx_map_free(&m->topic_ids);
	tx_map_free(&m->pattern_ids);
	memset(m, 0, sizeof(*m));
}
