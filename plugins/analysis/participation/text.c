/* SPDX-License-Identifier: MIT */
/*
 * The participation measures of a document that is not a report form
 * (transcripts, highlights, mail, articles): how many people speak in it,
 * counted from the text as the format plugins give it. A speaker is a
 * named person who has a segment (a turn, a statement) or whom the format
 * lists with the role "speaker"; each is counted once. When the speakers
 * plugin ran before, its person ids (metrics.speakers.speaker_ids, and the
 * people's ids) make one person of the forms of one name. Role-only voices
 * (MODERATOR, IGF SUPPORT STAFF, audience members) are people with no
 * name: they are counted apart as unnamed_voices, since such a label may
 * stand for a person already named, or for several.
 */
#include <stdlib.h>
#include <string.h>

#include "participation.h"

/* A small set of borrowed strings: a document has tens of speakers, and
 * runs of segments by one speaker, so the last one found is tried first. */
typedef struct keyset {
	const char **items;
	size_t n, cap, last;
} keyset;

static void keyset_add(keyset *s, const char *key)
{
	if (s->last < s->n && strcmp(s->items[s->last], key) == 0)
		return;
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->items[i], key) == 0) {
			s->last = i;
			return;
		}
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->items = realloc(s->items, s->cap * sizeof(char *));
		if (!s->items)
			abort();
	}
	s->last = s->n;
	s->items[s->n++] = key;
}

static bool has_role(const igt_person *p, const char *role)
{
	for (size_t i = 0; i < p->n_roles; i++)
		if (strcmp(p->roles[i], role) == 0)
			return true;
	return false;
}

/* A person without a name who takes part in the speech: any role but
 * those of a text's makers. */
static bool unnamed_voice(const igt_person *p)
{
	if (p->name || p->n_roles == 0)
		return false;
	for (size_t i = 0; i < p->n_roles; i++)
		if (strcmp(p->roles[i], "author") != 0 && strcmp(p->roles[i], "editor") != 0)
			return true;
	return false;
}

json_t *part_text_metrics(igt_doc *doc)
{
	json_t *m = part_metrics_new("text");
	json_t *ids = json_object_get(json_object_get(igt_doc_metrics(doc), "speakers"),
	                              "speaker_ids");
	const char *kind = igt_doc_get(doc, IGT_DOC_KIND);
	bool speech = kind && strcmp(kind, "transcript") == 0;
	keyset named = {0};
	for (size_t i = 0; i < igt_doc_segment_count(doc); i++) {
		const igt_segment *seg = igt_doc_segment(doc, i);
		if (!seg->speaker)
			continue;
		speech = true;
		const char *id = json_string_value(json_object_get(ids, seg->speaker));
		keyset_add(&named, id ? id : seg->speaker);
	}
	size_t unnamed = 0;
	for (size_t i = 0; i < igt_doc_person_count(doc); i++) {
		const igt_person *p = igt_doc_person(doc, i);
		if (p->name && has_role(p, "speaker")) {
			speech = true;
			keyset_add(&named, p->id ? p->id : p->name);
		}
		unnamed += unnamed_voice(p);
	}
	if (speech) {
		set(m, "speakers", json_integer((json_int_t)named.n));
		set(m, "unnamed_voices", json_integer((json_int_t)unnamed));
	}
	free(named.items);
	return m;
}
