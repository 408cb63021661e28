/* SPDX-License-Identifier: MIT */
/*
 * tree: the topics' parent links, checked once all files are read (a
 * job's topic may hang below a shipped one): every parent must exist and
 * following parents must end at a root, not go round. Then each topic gets
 * its depth, and the roll-up order (deepest first) is fixed, so that one
 * pass adding each topic's score to its parent's sums every subtree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* "a -> b -> c -> a" for the cycle through topic start, into err. */
static void cycle_text(const tx_model *m, size_t start, char *buf, size_t len)
{
	size_t used = 0, t = start;
	buf[0] = 0;
	for (size_t steps = 0; steps <= m->n_topics && used < len; steps++) {
		int k =
		    snprintf(buf + used, len - used, "%s%s", steps ? " -> " : "", m->topics[t].id);
		if (k < 0)
			return;
		used += (size_t)k;
		if (steps && t == start)
			return;
		t = m->topics[t].parent;
	}
}

static int resolve_parents(tx_model *m, char *err, size_t errlen)
{
	for (size_t i = 0; i < m->n_topics; i++) {
		tx_topic *t = &m->topics[i];
		if (!t->parent_id)
			continue;
		t->parent = tx_map_get(&m->topic_ids, t->parent_id);
		if (t->parent == TX_NONE) {
			snprintf(err, errlen, "%s:%lu:%lu: topic '%s': parent '%s' is not a topic",
			         t->parent_at.file, t->parent_at.line, t->parent_at.col, t->id,
			         t->parent_id);
			return -1;
		}
	}
	return 0;
}

/* Depths by walking up from each topic; a topic met again on the same
 * walk is a cycle. state: 0 not seen, 1 on the current walk, 2 done. */
static int depths(tx_model *m, char *err, size_t errlen)
{
	unsigned char *state = calloc(m->n_topics ? m->n_topics : 1, 1);
	size_t *path = malloc((m->n_topics ? m->n_topics : 1) * sizeof(size_t));
	if (!state || !path)
		abort();
	int rc = 0;
	for (size_t i = 0; i < m->n_topics && !rc; i++) {
		size_t n = 0, t = i;
		while (t != TX_NONE && state[t] == 0) {
			state[t] = 1;
			path[n++] = t;
			t = m->topics[t].parent;
		}
		if (t != TX_NONE && state[t] == 1) {
			char cycle[400];
			const tx_topic *c = &m->topics[t];
			cycle_text(m, t, cycle, sizeof(cycle));
			snprintf(
			    err, errlen, "%s:%lu:%lu: topic '%s': its parents form a cycle: %s",
			    c->parent_at.file, c->parent_at.line, c->parent_at.col, c->id, cycle);
			rc = -1;
			break;
		}
		unsigned d = t == TX_NONE ? 0 : m->topics[t].depth + 1;
		while (n-- > 0) {
			m->topics[path[n]].depth = d++;
			state[path[n]] = 2;
		}
	}
	free(state);
	free(path);
	return rc;
}

/* Topics by depth, deepest first, in file order within a depth (a
 * counting sort: depths are below n_topics). */
static void roll_up_order(tx_model *m)
{
	size_t n = m->n_topics, max = 0;
	size_t *first = calloc(n + 2, sizeof(size_t));
	free(m->deepest_first);
	m->deepest_first = malloc((n ? n : 1) * sizeof(size_t));
	if (!first || !m->deepest_first)
		abort();
	for (size_t i = 0; i < n; i++)
		if (m->topics[i].depth > max)
			max = m->topics[i].depth;
	for (size_t i = 0; i < n; i++)
		first[max - m->topics[i].depth + 1]++;
	for (size_t d = 1; d <= max + 1; d++)
		first[d] += first[d - 1];
	for (size_t i = 0; i < n; i++)
		m->deepest_first[first[max - m->topics[i].depth]++] = i;
	free(first);
}

int tx_tree_check(tx_model *m, char *err, size_t errlen)
{
	if (resolve_parents(m, err, errlen) || depths(m, err, errlen))
		return -1;
	roll_up_order(m);
	return 0;
}

bool tx_same_line(const tx_model *m, size_t a, size_t b)
{
	if (m->topics[a].depth < m->topics[b].depth) {
		size_t t = a;
		a = b;
		b = t;
	}
	while (m->topics[a].depth > m->topics[b].depth)
		a = m->topics[a].parent;
	return a == b;
}
