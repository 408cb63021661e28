/* SPDX-License-Identifier: MIT */
/*
 * Who is who inside one document. Every named person becomes an entry
 * with the key of its name (names.c); entries with the same key are one
 * person ("Mr. Yuxiao Li" the chair and "Professor. Li Yuxiao" the
 * speaker), and a one-word form ("Milton") joins a fuller name only when
 * exactly one person of the document has that word as first or last
 * name. Anything less certain is kept apart and written down as a
 * candidate with a score. The document itself is changed only at the end
 * (spk_identity_commit): ids set, merged people folded into the kept one.
 */
#include <stdlib.h>
#include <string.h>

#include "speakers.h"

void spk_ctx_init(spk_ctx *c, igt_doc *doc, const spk_set *fam)
{
	memset(c, 0, sizeof(*c));
	c->doc = doc;
	c->fam = fam;
	c->candidates = json_array();
	c->links = json_array();
	c->speakers = json_object();
	c->gen = 1; /* a remembered name starts at 0: no answer */
}

void spk_ctx_free(spk_ctx *c)
{
	for (size_t i = 0; i < c->n; i++) {
		if (c->e[i].has_name)
			spk_name_free(&c->e[i].nm);
		json_decref(c->e[i].forms);
		json_decref(c->e[i].affiliations);
	}
	free(c->e);
	json_decref(c->candidates);
	json_decref(c->links);
	json_decref(c->speakers);
	for (size_t i = 0; i < c->found_cap; i++) {
		free(c->found[i].name);
		free(c->found[i].key);
	}
	free(c->found);
	free(c->last_speaker);
	memset(c, 0, sizeof(*c));
}

void spk_add_distinct(json_t *arr, const char *s)
{
	if (!s || !*s)
		return;
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		if (strcmp(json_string_value(v), s) == 0)
			return;
	}
	json_array_append_new(arr, json_string(s));
}

long spk_identity_root(const spk_ctx *c, long i)
{
	while (i >= 0 && c->e[i].into >= 0)
		i = c->e[i].into;
	return i;
}

/* A new entry; name may be NULL (a role-only person). doc_index is
 * SIZE_MAX for an alias (a form met in the text, no person of its own). */
static long entry_new(spk_ctx *c, size_t doc_index, const char *name)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->e = realloc(c->e, c->cap * sizeof(*c->e));
		if (!c->e)
			abort();
	}
	c->gen++; /* one more entry: spk_identity_find may answer otherwise */
	spk_entry *e = &c->e[c->n];
	memset(e, 0, sizeof(*e));
	e->doc_index = doc_index;
	e->into = -1;
	e->forms = json_array();
	e->affiliations = json_array();
	if (name && spk_name_init(&e->nm, name, c->fam) == 0) {
		e->has_name = true;
		const char *doc_id = igt_doc_get(c->doc, IGT_DOC_ID);
		const igt_person *p = doc_index < igt_doc_person_count(c->doc)
		                          ? igt_doc_person(c->doc, doc_index)
		                          : NULL;
		if (e->nm.n == 1 && p && p->honorific && doc_id) {
			/* "MR. LI", "MS. DOE": a surname with a title is one person
			 * in this document, not in every one (MR. LI of CNNIC
			 * here, MS. LI of UNICEF there). A name written as one
			 * word without a title ("ShenYi", Han names) keeps its
			 * own id everywhere. */
			char *key = malloc(strlen(e->nm.key) + strlen(doc_id) + 2);
			if (!key)
				abort();
			sprintf(key, "%s\x1f%s", e->nm.key, doc_id);
			spk_person_id(key, e->id);
			free(key);
		} else {
			spk_person_id(e->nm.key, e->id);
		}
	}
	return (long)c->n++;
}

static void add_json_strings(json_t *to, const json_t *from)
{
	size_t i;
	json_t *v;
	json_array_foreach(from, i, v) spk_add_distinct(to, json_string_value(v));
}

void spk_identity_merge(spk_ctx *c, long from, long to, double score, const char *rule)
{
	from = spk_identity_root(c, from);
	to = spk_identity_root(c, to);
	if (from == to || from < 0 || to < 0)
		return;
	c->gen++; /* roots changed: spk_identity_find may answer otherwise */
	c->e[from].into = to;
	c->e[from].into_score = score;
	c->e[from].into_rule = rule;
	add_json_strings(c->e[to].forms, c->e[from].forms);
	add_json_strings(c->e[to].affiliations, c->e[from].affiliations);
}

/* Roots with a name of two or more words whose first or last word is w. */
static size_t word_matches(const spk_ctx *c, const char *w, size_t len, long *only)
{
	size_t k = 0;
	for (size_t j = 0; j < c->n; j++) {
		const spk_entry *e = &c->e[j];
		if (e->into >= 0 || !e->has_name || e->nm.n < 2)
			continue;
		if (spk_name_word_is(&e->nm, 0, w, len) || spk_name_word_is(&e->nm, e->nm.n - 1, w, len)) {
			k++;
			*only = (long)j;
		}
	}
	return k;
}

static long find_key(const spk_ctx *c, const char *key, long skip)
{
	for (size_t j = 0; j < c->n; j++)
		if ((long)j != skip && c->e[j].has_name && strcmp(c->e[j].nm.key, key) == 0)
			return spk_identity_root(c, (long)j);
	return -1;
}

static void candidate(spk_ctx *c, long a, long b, double score, const char *rule)
{
	json_array_append_new(c->candidates, json_pack("{s:I,s:I,s:f,s:s}", "a", (json_int_t)a, "b",
	                                               (json_int_t)b, "score", score, "rule", rule));
}

/* The single-word rule for entry i (a root whose name is one word). */
static void link_single(spk_ctx *c, long i)
{
	const spk_name *nm = &c->e[i].nm;
	long only = -1;
	size_t k = word_matches(c, nm->folded, nm->len[0], &only);
	if (k == 1) {
		spk_identity_merge(c, i, only, 1.0, "single word");
		return;
	}
	for (size_t j = 0; k > 1 && j < c->n; j++) {
		const spk_entry *e = &c->e[j];
		if (e->into < 0 && e->has_name && e->nm.n >= 2 &&
		    (spk_name_word_is(&e->nm, 0, nm->folded, nm->len[0]) ||
		     spk_name_word_is(&e->nm, e->nm.n - 1, nm->folded, nm->len[0])))
			candidate(c, i, (long)j, 1.0 / (double)k, "single word, ambiguous");
	}
}

void spk_identity_build(spk_ctx *c)
{
	size_t np = igt_doc_person_count(c->doc);
	for (size_t i = 0; i < np; i++) {
		const igt_person *p = igt_doc_person(c->doc, i);
		long e = entry_new(c, i, p->name);
		spk_add_distinct(c->e[e].forms, p->name);
		spk_add_distinct(c->e[e].forms, p->as_written);
		spk_add_distinct(c->e[e].affiliations, p->affiliation);
		if (!c->e[e].has_name)
			continue;
		long same = find_key(c, c->e[e].nm.key, e);
		if (same >= 0)
			spk_identity_merge(c, e, same, 1.0, "same name");
	}
	for (size_t i = 0; i < c->n; i++)
		if (c->e[i].into < 0 && c->e[i].has_name && c->e[i].nm.n == 1)
			link_single(c, (long)i);
	for (size_t i = 0; i < c->n; i++)
		if (c->e[i].into < 0 && c->e[i].has_name)
			spk_name_prepare_link(&c->e[i].nm);
	for (size_t i = 0; i < c->n; i++) {
		for (size_t j = i + 1; j < c->n; j++) {
			const spk_entry *a = &c->e[i], *b = &c->e[j];
			if (a->into >= 0 || b->into >= 0 || !a->has_name || !b->has_name)
				continue;
			const char *rule;
			double s = spk_name_link(&a->nm, &b->nm, &rule);
			if (s > 0)
				candidate(c, (long)i, (long)j, s, rule);
		}
	}
}

/* The entry for a name keyed (and, for one word, folded) as key. */
static long find_keyed(const spk_ctx *c, const char *key, bool one_word)
{
	long r = find_key(c, key, -1);
	if (r < 0 && one_word) {
		long only = -1;
		if (word_matches(c, key, strlen(key), &only) == 1)
			r = only;
	}
	return r;
}

/* The slot of name, or the empty slot where it goes. */
static size_t found_slot(const spk_ctx *c, const char *name, size_t len)
{
	size_t mask = c->found_cap - 1, i = (size_t)spk_fnv1a(name, len) & mask;
	while (c->found[i].name && strcmp(c->found[i].name, name) != 0)
		i = (i + 1) & mask;
	return i;
}

static void found_grow(spk_ctx *c)
{
	spk_found *old = c->found;
	size_t old_cap = c->found_cap;
	c->found_cap = old_cap ? 2 * old_cap : 32;
	c->found = calloc(c->found_cap, sizeof(*c->found));
	if (!c->found)
		abort();
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].name)
			c->found[found_slot(c, old[i].name, strlen(old[i].name))] = old[i];
	free(old);
}

long spk_identity_find(spk_ctx *c, const char *name)
{
	if (!name)
		return -1;
	size_t len = strlen(name);
	spk_found *f = c->found_cap ? &c->found[found_slot(c, name, len)] : NULL;
	if (!f || !f->name) {
		if (2 * (c->found_n + 1) > c->found_cap) {
			found_grow(c);
			f = &c->found[found_slot(c, name, len)];
		}
		spk_name nm;
		f->name = igt_strndup(name, len);
		f->gen = 0; /* no answer yet */
		if (spk_name_init(&nm, name, c->fam) == 0) {
			/* a one-word key is its folded word */
			f->key = nm.key;
			f->one_word = nm.n == 1;
			nm.key = NULL;
			spk_name_free(&nm);
		}
		c->found_n++;
	}
	if (f->gen != c->gen) {
		f->entry = f->key ? find_keyed(c, f->key, f->one_word) : -1;
		f->gen = c->gen;
	}
	return f->entry;
}

long spk_identity_add(spk_ctx *c, const char *name, const char *as_written, const char *role)
{
	igt_person *p = igt_doc_add_person(c->doc, name, as_written);
	if (role)
		igt_person_add_role(c->doc, p, role);
	long e = entry_new(c, igt_doc_person_count(c->doc) - 1, name);
	spk_add_distinct(c->e[e].forms, name);
	spk_add_distinct(c->e[e].forms, as_written);
	return e;
}

long spk_identity_add_alias(spk_ctx *c, const char *name)
{
	long e = entry_new(c, SIZE_MAX, name);
	spk_add_distinct(c->e[e].forms, name);
	return e;
}

long spk_identity_speaker(spk_ctx *c, const char *speaker)
{
	if (c->last_speaker && strcmp(c->last_speaker, speaker) == 0)
		return spk_identity_root(c, c->last_speaker_entry);
	json_t *v = json_object_get(c->speakers, speaker);
	long e;
	if (v) {
		e = (long)json_integer_value(v);
	} else {
		e = spk_identity_find(c, speaker);
		if (e < 0) /* a speaker the format gave no person for */
			e = spk_identity_add(c, speaker, speaker, "speaker");
		json_object_set_new(c->speakers, speaker, json_integer(e));
	}
	free(c->last_speaker);
	c->last_speaker = igt_strndup(speaker, strlen(speaker));
	c->last_speaker_entry = e;
	return spk_identity_root(c, e);
}

/* Fill what the kept person lacks from a merged one. */
static void fold_person(spk_ctx *c, igt_person *keep, const igt_person *gone)
{
	for (size_t r = 0; r < gone->n_roles; r++)
		igt_person_add_role(c->doc, keep, gone->roles[r]);
	if (!keep->affiliation && gone->affiliation)
		igt_person_set(c->doc, keep, IGT_PERSON_AFFILIATION, gone->affiliation);
	if (!keep->position && gone->position)
		igt_person_set(c->doc, keep, IGT_PERSON_POSITION, gone->position);
	if (!keep->honorific && gone->honorific)
		igt_person_set(c->doc, keep, IGT_PERSON_HONORIFIC, gone->honorific);
}

static void record_link(spk_ctx *c, long i)
{
	const spk_entry *e = &c->e[i];
	const spk_entry *r = &c->e[spk_identity_root(c, i)];
	json_t *form = json_array_size(e->forms) ? json_array_get(e->forms, 0) : NULL;
	json_array_append_new(c->links, json_pack("{s:O?,s:s,s:f,s:s}", "form", form, "person_id",
	                                          r->id, "score", e->into_score, "rule",
	                                          e->into_rule));
}

void spk_identity_commit(spk_ctx *c)
{
	size_t np = igt_doc_person_count(c->doc);
	bool *gone = calloc(np ? np : 1, sizeof(*gone));
	if (!gone)
		abort();
	for (size_t i = 0; i < c->n; i++) {
		spk_entry *e = &c->e[i];
		if (!e->has_name)
			continue;
		long r = spk_identity_root(c, (long)i);
		if (e->into >= 0) {
			record_link(c, (long)i);
			memcpy(e->id, c->e[r].id, SPK_ID_SIZE);
		}
		if (e->into < 0 || e->doc_index >= np || c->e[r].doc_index >= np)
			continue;
		igt_person *keep = igt_doc_person_at(c->doc, c->e[r].doc_index);
		fold_person(c, keep, igt_doc_person(c->doc, e->doc_index));
		gone[e->doc_index] = true;
	}
	for (size_t i = 0; i < c->n; i++) {
		spk_entry *e = &c->e[i];
		if (e->has_name && e->into < 0 && e->doc_index < np)
			igt_person_set(c->doc, igt_doc_person_at(c->doc, e->doc_index), IGT_PERSON_ID, e->id);
	}
	for (size_t i = np; i-- > 0;)
		if (gone[i])
			igt_doc_remove_person(c->doc, i);
	/* New positions of the people that stay. */
	size_t *shift = calloc(np + 1, sizeof(*shift));
	if (!shift)
		abort();
	for (size_t i = 0; i < np; i++)
		shift[i + 1] = shift[i] + gone[i];
	for (size_t i = 0; i < c->n; i++) {
		spk_entry *e = &c->e[i];
		if (e->doc_index < np)
			e->doc_index = gone[e->doc_index] ? SIZE_MAX : e->doc_index - shift[e->doc_index];
	}
	free(shift);
	free(gone);
}
