/* SPDX-License-Identifier: MIT */
/*
 * The corpus "people" table: one row per person_id over the whole run,
 * with the names and forms seen, roles, affiliations and the documents
 * the person appears in. Memory grows with distinct people and their
 * appearances, never with text. Rows are handed to the outputs in the
 * order people were first met, in finish.
 */
#include <stdlib.h>
#include <string.h>

#include "speakers.h"

struct spk_corpus {
	json_t *rows;  /* person_id -> row */
	json_t *order; /* person_ids in order of first appearance */
};

spk_corpus *spk_corpus_new(void)
{
	spk_corpus *co = calloc(1, sizeof(*co));
	if (!co)
		abort();
	co->rows = json_object();
	co->order = json_array();
	return co;
}

void spk_corpus_free(spk_corpus *co)
{
	if (!co)
		return;
	json_decref(co->rows);
	json_decref(co->order);
	free(co);
}

static void add_all(json_t *to, const json_t *from)
{
	size_t i;
	json_t *v;
	json_array_foreach(from, i, v) spk_add_distinct(to, json_string_value(v));
}

static json_t *row_for(spk_corpus *co, const spk_entry *e, const igt_person *p)
{
	json_t *row = json_object_get(co->rows, e->id);
	if (row)
		return row;
	row = json_pack("{s:s,s:O,s:[],s:[],s:[],s:[]}", "person_id", e->id, "name",
	                json_array_get(e->forms, 0), "forms", "roles", "affiliations",
	                "documents");
	if (p && p->name)
		json_object_set_new(row, "name", json_string(p->name));
	json_object_set_new(co->rows, e->id, row);
	json_array_append_new(co->order, json_string(e->id));
	return row;
}

void spk_corpus_add(spk_corpus *co, spk_ctx *c)
{
	const char *doc_id = igt_doc_get(c->doc, IGT_DOC_ID);
	size_t np = igt_doc_person_count(c->doc);
	for (size_t i = 0; i < c->n; i++) {
		const spk_entry *e = &c->e[i];
		if (!e->has_name || e->into >= 0)
			continue;
		const igt_person *p = e->doc_index < np ? igt_doc_person(c->doc, e->doc_index) : NULL;
		json_t *row = row_for(co, e, p);
		add_all(json_object_get(row, "forms"), e->forms);
		add_all(json_object_get(row, "affiliations"), e->affiliations);
		for (size_t r = 0; p && r < p->n_roles; r++)
			spk_add_distinct(json_object_get(row, "roles"), p->roles[r]);
		if (p && p->affiliation)
			spk_add_distinct(json_object_get(row, "affiliations"), p->affiliation);
		/* A document adds each person once and documents come one after
		 * another, so comparing with the last one is enough. */
		json_t *docs = json_object_get(row, "documents");
		json_t *last = json_array_get(docs, json_array_size(docs) - 1);
		if (doc_id && !(last && strcmp(json_string_value(last), doc_id) == 0))
			json_array_append_new(docs, json_string(doc_id));
	}
}

int spk_corpus_emit(spk_corpus *co, igt_host *host)
{
	size_t i;
	json_t *id;
	json_array_foreach(co->order, i, id) {
		json_t *row = json_object_get(co->rows, json_string_value(id));
		int rc = igt_host_table_row(host, "people", json_incref(row));
		if (rc)
			return rc;
	}
	return 0;
}
