/* SPDX-License-Identifier: MIT */
/*
 * gazetteer: reading the entity lists (see gazetteer.h). libyaml's
 * document API is enough: the files are small and read once in open().
 * Unknown keys are refused, so a misspelt "aliasses" is not silently
 * ignored.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include <igtext/igtext.h>

#include "gazetteer.h"

#define GROW(arr, n, cap)                                                                          \
	do {                                                                                       \
		if ((n) == (cap)) {                                                                \
			(cap) = (cap) ? (cap)*2 : 64;                                              \
			void *grown_ = realloc((arr), (cap) * sizeof(*(arr)));                     \
			if (!grown_)                                                               \
				abort();                                                           \
			(arr) = grown_;                                                            \
		}                                                                                  \
	} while (0)

size_t ent_gz_entry_add(gazetteer *g, const char *name, const char *kind)
{
	size_t *slot = ent_map_put(&g->by_name, name, strlen(name), g->n_entries);
	if (*slot != g->n_entries) {
		gz_entry *e = &g->entries[*slot];
		if (kind) { /* a later file may correct the kind */
			free(e->kind);
			e->kind = igt_strndup(kind, strlen(kind));
		}
		return *slot;
	}
	GROW(g->entries, g->n_entries, g->cap_entries);
	gz_entry *e = &g->entries[g->n_entries];
	memset(e, 0, sizeof(*e));
	e->name = igt_strndup(name, strlen(name));
	e->kind = kind ? igt_strndup(kind, strlen(kind)) : NULL;
	ent_gz_form_add(g, g->n_entries, name, false, false);
	return g->n_entries++;
}

void ent_gz_form_add(gazetteer *g, size_t entry, const char *text, bool acronym, bool exact_case)
{
	if (!*text)
		return;
	GROW(g->forms, g->n_forms, g->cap_forms);
	gz_form *f = &g->forms[g->n_forms++];
	memset(f, 0, sizeof(*f));
	f->text = igt_strndup(text, strlen(text));
	f->entry = entry;
	f->acronym = acronym;
	f->exact_case = exact_case;
}

static const char *gz_scalar(yaml_document_t *doc, yaml_node_t *node)
{
	(void)doc;
	return node && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value
	                                              : NULL;
}

/* Call fn for each scalar of a sequence (or for a lone scalar). */
static int gz_each(yaml_document_t *doc, yaml_node_t *node, gazetteer *g, size_t entry, int what,
                   bool exact_case)
{
	const char *one = gz_scalar(doc, node);
	yaml_node_item_t *it = NULL, *end = NULL;
	if (!one) {
		if (!node || node->type != YAML_SEQUENCE_NODE)
			return -1;
		it = node->data.sequence.items.start;
		end = node->data.sequence.items.top;
	}
	for (;;) {
		const char *s = one;
		if (!s) {
			if (it == end)
				break;
			s = gz_scalar(doc, yaml_document_get_node(doc, *it++));
			if (!s)
				return -1;
		}
		if (what == 'p') {
			gz_entry *e = &g->entries[entry];
			e->patterns = realloc(e->patterns, (e->n_patterns + 1) * sizeof(char *));
			if (!e->patterns)
				abort();
			e->patterns[e->n_patterns++] = igt_strndup(s, strlen(s));
		} else if (what == 'w') {
			ent_map_put(&g->not_typos, s, strlen(s), 0);
		} else {
			ent_gz_form_add(g, entry, s, what == 'a', exact_case);
		}
		if (one)
			break;
	}
	return 0;
}

static yaml_node_t *gz_get(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		const char *k = gz_scalar(doc, yaml_document_get_node(doc, p->key));
		if (k && strcmp(k, key) == 0)
			return yaml_document_get_node(doc, p->value);
	}
	return NULL;
}

static int gz_check_keys(yaml_document_t *doc, yaml_node_t *map, const char *const *keys, char *err,
                         size_t errlen)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		const char *k = gz_scalar(doc, yaml_document_get_node(doc, p->key));
		size_t i = 0;
		while (keys[i] && (!k || strcmp(keys[i], k) != 0))
			i++;
		if (!keys[i]) {
			snprintf(err, errlen, "line %lu: unknown key '%s'",
			         (unsigned long)map->start_mark.line + 1, k ? k : "?");
			return -1;
		}
	}
	return 0;
}

static int gz_entry_node(gazetteer *g, yaml_document_t *doc, yaml_node_t *n, char *err,
                         size_t errlen)
{
	static const char *const keys[] = {"name",     "kind",           "aliases",    "acronyms",
	                                   "patterns", "case_sensitive", "match_name", NULL};
	unsigned long line = (unsigned long)n->start_mark.line + 1;
	if (n->type != YAML_MAPPING_NODE) {
		snprintf(err, errlen, "line %lu: an entity must be a mapping", line);
		return -1;
	}
	if (gz_check_keys(doc, n, keys, err, errlen))
		return -1;
	const char *name = gz_scalar(doc, gz_get(doc, n, "name"));
	if (!name || !*name) {
		snprintf(err, errlen, "line %lu: an entity needs a name", line);
		return -1;
	}
	const char *cs = gz_scalar(doc, gz_get(doc, n, "case_sensitive"));
	bool exact = cs && strcmp(cs, "true") == 0;
	size_t e = ent_gz_entry_add(g, name, gz_scalar(doc, gz_get(doc, n, "kind")));
	if (!g->entries[e].kind) {
		snprintf(err, errlen, "line %lu: entity '%s' needs a kind", line, name);
		return -1;
	}
	const char *mn = gz_scalar(doc, gz_get(doc, n, "match_name"));
	bool off = mn && strcmp(mn, "false") == 0;
	for (size_t i = 0; (exact || off) && i < g->n_forms; i++) {
		if (g->forms[i].entry == e && !g->forms[i].acronym) {
			g->forms[i].exact_case = exact;
			g->forms[i].no_match = off;
		}
	}
	static const struct {
		const char *key;
		int what;
	} lists[] = {{"aliases", 'n'}, {"acronyms", 'a'}, {"patterns", 'p'}};
	for (size_t i = 0; i < 3; i++) {
		yaml_node_t *v = gz_get(doc, n, lists[i].key);
		if (v && gz_each(doc, v, g, e, lists[i].what, exact)) {
			snprintf(err, errlen, "line %lu: %s must be a list of strings", line,
			         lists[i].key);
			return -1;
		}
	}
	return 0;
}

static int gz_document(gazetteer *g, yaml_document_t *doc, char *err, size_t errlen)
{
	static const char *const keys[] = {"entities", "not_typos", NULL};
	yaml_node_t *root = yaml_document_get_root_node(doc);
	if (!root)
		return 0; /* an empty file adds nothing */
	if (root->type != YAML_MAPPING_NODE) {
		snprintf(err, errlen, "the top level must be a mapping (entities, not_typos)");
		return -1;
	}
	if (gz_check_keys(doc, root, keys, err, errlen))
		return -1;
	yaml_node_t *words = gz_get(doc, root, "not_typos");
	if (words && gz_each(doc, words, g, 0, 'w', false)) {
		snprintf(err, errlen, "not_typos must be a list of strings");
		return -1;
	}
	yaml_node_t *list = gz_get(doc, root, "entities");
	if (!list)
		return 0;
	if (list->type != YAML_SEQUENCE_NODE) {
		snprintf(err, errlen, "entities must be a list");
		return -1;
	}
	for (yaml_node_item_t *it = list->data.sequence.items.start;
	     it < list->data.sequence.items.top; it++) {
		if (gz_entry_node(g, doc, yaml_document_get_node(doc, *it), err, errlen))
			return -1;
	}
	return 0;
}

int ent_gz_load(gazetteer *g, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "cannot open: %s", strerror(errno));
		return -1;
	}
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	int rc = -1;
	if (!yaml_parser_load(&parser, &doc)) {
		snprintf(err, errlen, "line %lu: %s", (unsigned long)parser.problem_mark.line + 1,
		         parser.problem ? parser.problem : "YAML error");
	} else {
		rc = gz_document(g, &doc, err, errlen);
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&parser);
	fclose(f);
	return rc;
}

void ent_gz_free(gazetteer *g)
{
	for (size_t i = 0; i < g->n_entries; i++) {
		free(g->entries[i].name);
		free(g->entries[i].kind);
		for (size_t j = 0; j < g->entries[i].n_patterns; j++)
			free(g->entries[i].patterns[j]);
		free(g->entries[i].patterns);
	}
	for (size_t i = 0; i < g->n_forms; i++)
		free(g->forms[i].text);
	free(g->entries);
	free(g->forms);
	ent_map_free(&g->by_name);
	ent_map_free(&g->not_typos);
	memset(g, 0, sizeof(*g));
}
