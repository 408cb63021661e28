/* SPDX-License-Identifier: MIT */
/*
 * score: segment, document and run scores (see score.h). Per-topic arrays
 * are stamped with a generation instead of cleared, so a segment costs
 * only the topics it touches, however large the taxonomy.
 */
#include <stdlib.h>
#include <string.h>

#include "score.h"

static void *zalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		abort();
	return p;
}

void tx_scores_init(tx_scores *s, const tx_model *m, int64_t min_score)
{
	size_t n = m->n_topics;
	memset(s, 0, sizeof(*s));
	s->m = m;
	s->min_score = min_score;
	s->seg = zalloc(n, sizeof(int64_t));
	s->own = zalloc(n, sizeof(int64_t));
	s->doc = zalloc(n, sizeof(int64_t));
	s->seg_gen = zalloc(n, sizeof(uint32_t));
	s->doc_gen = zalloc(n, sizeof(uint32_t));
	s->seg_topics = zalloc(n, sizeof(size_t));
	s->doc_topics = zalloc(n, sizeof(size_t));
	s->run_docs = zalloc(n, sizeof(uint64_t));
	s->run_score = zalloc(n, sizeof(int64_t));
}

void tx_scores_free(tx_scores *s)
{
	free(s->seg);
	free(s->own);
	free(s->doc);
	free(s->seg_gen);
	free(s->doc_gen);
	free(s->seg_topics);
	free(s->doc_topics);
	free(s->run_docs);
	free(s->run_score);
	json_decref(s->segments);
	memset(s, 0, sizeof(*s));
}

/* Advance a generation, clearing the stamps when it wraps. */
static uint32_t next_gen(uint32_t *gen, uint32_t *stamps, size_t n)
{
	if (++*gen == 0) {
		memset(stamps, 0, n * sizeof(uint32_t));
		*gen = 1;
	}
	return *gen;
}

void tx_scores_doc_begin(tx_scores *s)
{
	next_gen(&s->gen_doc, s->doc_gen, s->m->n_topics);
	s->n_doc_topics = 0;
	json_decref(s->segments);
	s->segments = json_array();
}

static void touch_doc(tx_scores *s, size_t t)
{
	if (s->doc_gen[t] == s->gen_doc)
		return;
	s->doc_gen[t] = s->gen_doc;
	s->own[t] = s->doc[t] = 0;
	s->doc_topics[s->n_doc_topics++] = t;
}

/* Sort topic indices by score, highest first, then in taxonomy order
 * (Shell sort: no comparison context is needed, and lists are short). */
static void sort_by_score(size_t *t, size_t n, const int64_t *score)
{
	size_t gap = 1;
	while (gap < n / 3)
		gap = gap * 3 + 1;
	for (; gap > 0; gap /= 3) {
		for (size_t i = gap; i < n; i++) {
			size_t v = t[i], j = i;
			while (j >= gap && (score[t[j - gap]] < score[v] ||
			                    (score[t[j - gap]] == score[v] && t[j - gap] > v))) {
				t[j] = t[j - gap];
				j -= gap;
			}
			t[j] = v;
		}
	}
}

static json_t *score_object(const tx_scores *s, size_t *topics, size_t n, const int64_t *score,
                            int64_t min)
{
	json_t *o = json_object();
	sort_by_score(topics, n, score);
	/* ids are checked ASCII when the taxonomy is loaded: no UTF-8 check */
	for (size_t i = 0; i < n && score[topics[i]] >= min; i++)
		json_object_set_new_nocheck(o, s->m->topics[topics[i]].id,
		                            json_integer(score[topics[i]]));
	return o;
}

void tx_scores_segment(tx_scores *s, size_t index, const tx_match *matches, size_t n)
{
	if (!n)
		return;
	uint32_t gen = next_gen(&s->gen_seg, s->seg_gen, s->m->n_topics);
	s->n_seg_topics = 0;
	for (size_t i = 0; i < n; i++) {
		size_t t = matches[i].topic;
		touch_doc(s, t);
		s->own[t] += matches[i].weight;
		for (; t != TX_NONE; t = s->m->topics[t].parent) {
			if (s->seg_gen[t] != gen) {
				s->seg_gen[t] = gen;
				s->seg[t] = 0;
				s->seg_topics[s->n_seg_topics++] = t;
			}
			s->seg[t] += matches[i].weight;
		}
	}
	for (size_t i = 0; i < s->n_seg_topics; i++) {
		size_t t = s->seg_topics[i];
		touch_doc(s, t);
		s->doc[t] += s->seg[t];
	}
	json_t *entry = json_object();
	json_object_set_new_nocheck(entry, "segment", json_integer((json_int_t)index));
	json_object_set_new_nocheck(entry, "topics",
	                            score_object(s, s->seg_topics, s->n_seg_topics, s->seg, 1));
	json_array_append_new(s->segments, entry);
}

json_t *tx_scores_doc_end(tx_scores *s, uint64_t limit_hits)
{
	size_t top = TX_NONE;
	for (size_t i = 0; i < s->n_doc_topics; i++) {
		size_t t = s->doc_topics[i];
		if (s->doc[t] < s->min_score)
			continue;
		s->run_docs[t]++;
		s->run_score[t] += s->doc[t];
		if (s->own[t] <= 0)
			continue;
		if (top == TX_NONE || s->own[t] > s->own[top] ||
		    (s->own[t] == s->own[top] &&
		     (s->doc[t] > s->doc[top] || (s->doc[t] == s->doc[top] && t < top))))
			top = t;
	}
	json_t *o = json_object();
	json_object_set_new(o, "topics",
	                    score_object(s, s->doc_topics, s->n_doc_topics, s->doc, s->min_score));
	json_object_set_new(o, "top",
	                    top == TX_NONE ? json_null() : json_string(s->m->topics[top].id));
	json_object_set_new(o, "segments", s->segments);
	json_object_set_new(o, "limit_hits", json_integer((json_int_t)limit_hits));
	s->segments = NULL;
	return o;
}

json_t *tx_scores_row(const tx_scores *s, size_t t)
{
	if (!s->run_docs[t])
		return NULL;
	const tx_topic *topic = &s->m->topics[t];
	return json_pack(
	    "{s:s,s:s,s:o,s:I,s:I}", "id", topic->id, "label", topic->label, "parent",
	    topic->parent == TX_NONE ? json_null() : json_string(s->m->topics[topic->parent].id),
	    "documents", (json_int_t)s->run_docs[t], "score", (json_int_t)s->run_score[t]);
}
