/* SPDX-License-Identifier: MIT */
/*
 * What each person did in a document: turns, words, share of the spoken
 * words, longest turn, first and last segment; and for the document the
 * number of speakers, the share of the most active one and who speaks
 * after whom. One pass over the segments.
 *
 * A turn is a run of segments with the same speaker. A non_speech segment
 * (applause) neither counts nor ends a turn; any other segment without a
 * speaker ends it, and a `turn` segment without one (a MODERATOR label,
 * a bare >>) counts as spoken but unattributed words, so shares are of
 * everything said, not only of what can be attributed. A pair (A, B)
 * is counted when a turn of B directly follows a turn of A.
 */
#include <stdlib.h>
#include <string.h>

#include "speakers.h"

typedef struct stat {
	size_t turns, words, longest;
	long first, last;
} stat;

typedef struct pair {
	long a, b;
	size_t count, order;
} pair;

typedef struct run {
	stat *st;
	pair *pairs;
	size_t npairs, cappairs;
	long cur;          /* root speaking now, -1 none */
	size_t cur_words;  /* words of the current turn */
	size_t spoken, unattributed;
} run;

static void end_turn(run *r)
{
	if (r->cur >= 0 && r->cur_words > r->st[r->cur].longest)
		r->st[r->cur].longest = r->cur_words;
	r->cur_words = 0;
}

static void add_pair(run *r, long a, long b)
{
	for (size_t i = 0; i < r->npairs; i++) {
		if (r->pairs[i].a == a && r->pairs[i].b == b) {
			r->pairs[i].count++;
			return;
		}
	}
	if (r->npairs == r->cappairs) {
		r->cappairs = r->cappairs ? 2 * r->cappairs : 16;
		r->pairs = realloc(r->pairs, r->cappairs * sizeof(*r->pairs));
		if (!r->pairs)
			abort();
	}
	r->pairs[r->npairs] = (pair){a, b, 1, r->npairs};
	r->npairs++;
}

static void speech(run *r, long who, size_t words, size_t seg)
{
	stat *s = &r->st[who];
	if (who != r->cur) {
		end_turn(r);
		if (r->cur >= 0)
			add_pair(r, r->cur, who);
		r->cur = who;
		s->turns++;
	}
	if (s->first < 0)
		s->first = (long)seg;
	s->last = (long)seg;
	s->words += words;
	r->cur_words += words;
	r->spoken += words;
}

static void scan(spk_ctx *c, run *r)
{
	size_t ns = igt_doc_segment_count(c->doc);
	for (size_t i = 0; i < ns; i++) {
		const igt_segment *seg = igt_doc_segment(c->doc, i);
		if (strcmp(seg->type, "non_speech") == 0)
			continue;
		if (seg->speaker) {
			long who = spk_identity_speaker(c, seg->speaker);
			if (who >= 0) {
				speech(r, who, spk_count_words(seg->text, seg->text_len), i);
				continue;
			}
		}
		end_turn(r);
		r->cur = -1;
		if (strcmp(seg->type, "turn") == 0) {
			size_t w = spk_count_words(seg->text, seg->text_len);
			r->unattributed += w;
			r->spoken += w;
		}
	}
	end_turn(r);
}

static int by_count(const void *x, const void *y)
{
	const pair *a = x, *b = y;
	if (a->count != b->count)
		return a->count < b->count ? 1 : -1;
	return a->order < b->order ? -1 : 1;
}

static json_t *share(size_t words, size_t spoken)
{
	return spoken ? json_real((double)words / (double)spoken) : json_null();
}

static json_t *segment_or_null(long i)
{
	return i >= 0 ? json_integer(i) : json_null();
}

/* Objects are built member by member rather than with json_pack: there
 * is one per person and per pair of every document, and parsing the
 * format each time cost more than the members themselves. The members
 * go in the order of the README. */
static void set(json_t *obj, const char *key, json_t *v)
{
	json_object_set_new_nocheck(obj, key, v);
}

static json_t *person_json(spk_ctx *c, long i, const stat *s, size_t spoken)
{
	const spk_entry *e = &c->e[i];
	const igt_person *p = e->doc_index < igt_doc_person_count(c->doc)
	                          ? igt_doc_person(c->doc, e->doc_index)
	                          : NULL;
	json_t *name = p && p->name ? json_string(p->name) : json_incref(json_array_get(e->forms, 0));
	json_t *o = json_object();
	set(o, "person_id", json_string(e->id));
	set(o, "name", name ? name : json_null());
	set(o, "forms", json_incref(e->forms));
	set(o, "affiliations", json_incref(e->affiliations));
	set(o, "turns", json_integer((json_int_t)s->turns));
	set(o, "words", json_integer((json_int_t)s->words));
	set(o, "share", share(s->words, spoken));
	set(o, "longest_turn_words", json_integer((json_int_t)s->longest));
	set(o, "first_segment", segment_or_null(s->first));
	set(o, "last_segment", segment_or_null(s->last));
	return o;
}

static json_t *candidates_json(spk_ctx *c)
{
	json_t *out = json_array();
	size_t i;
	json_t *v;
	json_array_foreach(c->candidates, i, v) {
		long a = spk_identity_root(c, (long)json_integer_value(json_object_get(v, "a")));
		long b = spk_identity_root(c, (long)json_integer_value(json_object_get(v, "b")));
		if (a == b) /* merged later after all */
			continue;
		json_array_append_new(
		    out, json_pack("{s:s,s:O,s:s,s:O,s:O,s:O}", "a", c->e[a].id, "a_form",
		                   json_array_get(c->e[a].forms, 0), "b", c->e[b].id, "b_form",
		                   json_array_get(c->e[b].forms, 0), "score", json_object_get(v, "score"),
		                   "rule", json_object_get(v, "rule")));
	}
	return out;
}

static json_t *speaker_map(spk_ctx *c)
{
	json_t *out = json_object();
	const char *k;
	json_t *v;
	json_object_foreach(c->speakers, k, v) {
		long e = spk_identity_root(c, (long)json_integer_value(v));
		if (e >= 0 && c->e[e].has_name)
			json_object_set_new(out, k, json_string(c->e[e].id));
	}
	return out;
}

json_t *spk_metrics(spk_ctx *c)
{
	run r = {0};
	r.cur = -1;
	/* Resolve every speaker first: it may add entries, and the stats are
	 * indexed by entry. */
	for (size_t i = 0; i < igt_doc_segment_count(c->doc); i++) {
		const igt_segment *seg = igt_doc_segment(c->doc, i);
		if (seg->speaker)
			spk_identity_speaker(c, seg->speaker);
	}
	r.st = calloc(c->n ? c->n : 1, sizeof(*r.st));
	if (!r.st)
		abort();
	for (size_t i = 0; i < c->n; i++)
		r.st[i].first = r.st[i].last = -1;
	scan(c, &r);

	json_t *people = json_array();
	size_t speakers = 0, top = 0;
	for (size_t i = 0; i < c->n; i++) {
		if (c->e[i].into >= 0 || !c->e[i].has_name)
			continue;
		json_array_append_new(people, person_json(c, (long)i, &r.st[i], r.spoken));
		speakers += r.st[i].turns > 0;
		if (r.st[i].words > top)
			top = r.st[i].words;
	}
	if (r.npairs > 1)
		qsort(r.pairs, r.npairs, sizeof(*r.pairs), by_count);
	json_t *pairs = json_array();
	for (size_t i = 0; i < r.npairs; i++) {
		json_t *o = json_object();
		set(o, "from", json_string(c->e[r.pairs[i].a].id));
		set(o, "to", json_string(c->e[r.pairs[i].b].id));
		set(o, "count", json_integer((json_int_t)r.pairs[i].count));
		json_array_append_new(pairs, o);
	}
	json_t *m = json_pack("{s:I,s:o,s:I,s:I,s:o,s:o,s:o,s:O,s:o}", "speakers",
	                      (json_int_t)speakers, "top_share",
	                      speakers ? share(top, r.spoken) : json_null(), "spoken_words",
	                      (json_int_t)r.spoken, "unattributed_words",
	                      (json_int_t)r.unattributed, "pairs", pairs, "people", people,
	                      "candidates", candidates_json(c), "links", c->links, "speaker_ids",
	                      speaker_map(c));
	free(r.st);
	free(r.pairs);
	return m;
}
