/* SPDX-License-Identifier: MIT */
/*
 * mention: choosing among overlapping candidates (see mention.h). Greedy
 * by length is what "longest match wins" means for readers: "ICANN Board"
 * is one mention, not ICANN plus a stray word. The overlap check marks
 * bytes in a buffer reused across segments, so it costs the candidates'
 * length, not their number squared.
 */
#include <stdlib.h>
#include <string.h>

#include "mention.h"

void ent_mention_add(mention_list *l, mention m)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->items = realloc(l->items, l->cap * sizeof(*l->items));
		if (!l->items)
			abort();
	}
	l->items[l->n++] = m;
}

static int mention_by_strength(const void *a, const void *b)
{
	const mention *x = a, *y = b;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	if (x->prio != y->prio)
		return x->prio > y->prio ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int mention_by_start(const void *a, const void *b)
{
	const mention *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Sort a segment's few candidates: an insertion sort, stable as the C
 * library's merge sort is, so that equal candidates keep their order;
 * qsort for many. */
static void sort(mention *items, size_t n, int (*cmp)(const void *, const void *))
{
	if (n > 32) {
		qsort(items, n, sizeof(*items), cmp);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		mention x = items[i];
		size_t j = i;
		for (; j > 0 && cmp(&items[j - 1], &x) > 0; j--)
			items[j] = items[j - 1];
		items[j] = x;
	}
}

void ent_mention_resolve(mention_list *l, size_t text_len)
{
	if (l->n < 2)
		return;
	if (l->taken_cap < text_len) {
		free(l->taken);
		l->taken_cap = text_len;
		l->taken = malloc(text_len);
		if (!l->taken)
			abort();
	}
	sort(l->items, l->n, mention_by_strength);
	size_t kept = 0;
	for (size_t i = 0; i < l->n; i++) {
		mention *m = &l->items[i];
		if (i == 0)
			memset(l->taken, 0, text_len);
		size_t j = 0;
		while (j < m->len && !l->taken[m->start + j])
			j++;
		if (j < m->len)
			continue;
		memset(l->taken + m->start, 1, m->len);
		l->items[kept++] = *m;
	}
	l->n = kept;
	sort(l->items, l->n, mention_by_start);
}

void ent_mention_list_free(mention_list *l)
{
	free(l->items);
	free(l->taken);
	memset(l, 0, sizeof(*l));
}
