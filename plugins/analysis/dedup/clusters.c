/* SPDX-License-Identifier: MIT */
/*
 * dedup: the corpus table "dedup", one row per cluster of two documents
 * or more with at least one document of this run:
 *   {"id": cluster id (its first document), "documents": [ids, first
 *    seen first], "exact": every member has the same normalised text,
 *    "similarity": the lowest similarity of a member to the document it
 *    copies, "containment": the same for containment}
 * Members from the store are listed with the run's own; a document seen
 * twice (a re-import) once.
 */
#include <stdlib.h>
#include <string.h>

#include "dedup.h"

static const dd_index *sort_ix; /* for the comparisons of qsort; one run at a time */

/* By cluster, then id, then age. */
static int by_cluster(const void *pa, const void *pb)
{
	const dd_entry *a = &sort_ix->entries[*(const uint32_t *)pa];
	const dd_entry *b = &sort_ix->entries[*(const uint32_t *)pb];
	int c = strcmp(a->cluster, b->cluster);
	if (!c)
		c = strcmp(a->id, b->id);
	if (!c)
		c = *(const uint32_t *)pa < *(const uint32_t *)pb ? -1 : 1;
	return c;
}

static int by_age(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	return a < b ? -1 : a > b;
}

typedef struct group {
	size_t start, n;
	uint32_t first_run; /* the group's first entry from this run */
} group;

static int by_first_run(const void *pa, const void *pb)
{
	const group *a = pa, *b = pb;
	return a->first_run < b->first_run ? -1 : a->first_run > b->first_run;
}

/* Keep the lowest known value of row[key]. */
static void lowest(json_t *row, const char *key, double x)
{
	const json_t *old = json_object_get(row, key);
	if (x >= 0 && (json_is_null(old) || x < json_real_value(old)))
		json_object_set_new(row, key, json_real(dd_round3(x)));
}

static json_t *make_row(const dd_index *ix, const uint32_t *members, size_t n)
{
	const dd_entry *head = &ix->entries[members[0]];
	json_t *docs = json_array();
	json_t *row = json_pack("{s:s,s:o,s:b,s:n,s:n}", "id", head->cluster, "documents", docs,
	                        "exact", 1, "similarity", "containment");
	int exact = 1;
	for (size_t i = 0; i < n; i++) {
		const dd_entry *e = &ix->entries[members[i]];
		json_array_append_new(docs, json_string(e->id));
		exact &=
		    e->has_hash && head->has_hash && memcmp(e->sha, head->sha, sizeof(e->sha)) == 0;
		if (strcmp(e->id, e->cluster) == 0)
			continue; /* the first document copies nothing */
		lowest(row, "similarity", e->similarity);
		lowest(row, "containment", e->containment);
	}
	json_object_set_new(row, "exact", json_boolean(exact));
	return row;
}

/* Keep the first entry of each id in sorted[start, start + n): returns
 * the new count, the kept ones in order of age. */
static size_t unique_ids(const dd_index *ix, uint32_t *m, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (k == 0 || strcmp(ix->entries[m[i]].id, ix->entries[m[k - 1]].id) != 0)
			m[k++] = m[i];
	qsort(m, k, sizeof(*m), by_age);
	return k;
}

int dd_clusters_emit(const dd_index *ix, igt_host *host)
{
	if (ix->n < 2)
		return 0;
	uint32_t *order = dd_xrealloc(NULL, ix->n * sizeof(*order));
	for (size_t i = 0; i < ix->n; i++)
		order[i] = (uint32_t)i;
	sort_ix = ix;
	if (ix->n)
		qsort(order, ix->n, sizeof(*order), by_cluster);
	group *groups = NULL;
	size_t n_groups = 0, cap = 0;
	for (size_t i = 0; i < ix->n;) {
		size_t j = i + 1;
		while (j < ix->n &&
		       strcmp(ix->entries[order[i]].cluster, ix->entries[order[j]].cluster) == 0)
			j++;
		/* The run's first member, before a re-imported document's run
		 * entry gives way to its stored one. */
		uint32_t first_run = DD_NONE;
		for (size_t k = i; k < j; k++)
			if (!ix->entries[order[k]].from_store && order[k] < first_run)
				first_run = order[k];
		size_t n = unique_ids(ix, order + i, j - i);
		if (n >= 2 && first_run != DD_NONE) {
			if (n_groups == cap) {
				cap = cap ? 2 * cap : 64;
				groups = dd_xrealloc(groups, cap * sizeof(*groups));
			}
			groups[n_groups++] = (group){i, n, first_run};
		}
		i = j;
	}
	if (n_groups) /* qsort wants a real array even for none */
		qsort(groups, n_groups, sizeof(*groups), by_first_run);
	int rc = 0;
	for (size_t g = 0; g < n_groups && !rc; g++)
		rc = igt_host_table_row(host, "dedup",
		                        make_row(ix, order + groups[g].start, groups[g].n));
	free(groups);
	free(order);
	return rc;
}
