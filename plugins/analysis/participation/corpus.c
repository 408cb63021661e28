/* SPDX-License-Identifier: MIT */
/*
 * The corpus summary of the participation plugin: per event and year, how
 * many participants and women the report forms give and in how many
 * sessions gender was discussed, the figure the IGF's own gender reporting
 * asks for.
 *
 * Counted per session, not per document: the Long and the Short Report of
 * one session (the same fields.session_key) repeat its figures, and adding
 * both would count its participants twice. A session's value is the one
 * its reports give; when two reports give different values, the session's
 * value is unknown (and counted in conflicts) rather than either guessed.
 * Sums run only over the sessions whose value is known, and say over how
 * many. Memory grows with the number of sessions and of event-year pairs,
 * not with the text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "participation.h"

/* A value of a session: unknown, known, or given differently by two of
 * its reports. */
typedef enum vstate { V_UNKNOWN = 0, V_KNOWN, V_CONFLICT } vstate;

typedef struct value {
	vstate state;
	int64_t v;
} value;

typedef struct session {
	size_t group;
	value participants, women, gender; /* gender: 1 discussed, 0 not */
} session;

typedef struct group {
	char *event; /* NULL: unknown */
	int year;    /* 0: unknown */
	uint64_t documents, reports, sessions;
} group;

struct part_corpus {
	group *groups;
	size_t n_groups, cap_groups, last_group;
	session *sessions;
	size_t n_sessions, cap_sessions;
	/* session_key -> index into sessions; open addressing, a power of 2 */
	char **keys;
	size_t *slots;
	size_t n_keys, cap_keys;
};

part_corpus *part_corpus_new(void)
{
	part_corpus *c = calloc(1, sizeof(*c));
	if (!c)
		abort();
	return c;
}

void part_corpus_free(part_corpus *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n_groups; i++)
		free(c->groups[i].event);
	free(c->groups);
	free(c->sessions);
	for (size_t i = 0; i < c->cap_keys; i++)
		free(c->keys[i]);
	free(c->keys);
	free(c->slots);
	free(c);
}

static void *grow(void *p, size_t *cap, size_t elem)
{
	*cap = *cap ? 2 * *cap : 16;
	p = realloc(p, *cap * elem);
	if (!p)
		abort();
	return p;
}

/* ---- event and year ---- */

/* The year of an ISO date ("2018-11-14T11:20"), or the last 19xx/20xx
 * in the event's name ("IGF 2018"); 0 when neither gives one. */
static int doc_year(igt_doc *doc)
{
	const char *d = igt_doc_get(doc, IGT_DOC_DATE);
	if (d && strlen(d) >= 4 && d[0] >= '1' && d[0] <= '2' && d[1] >= '0' && d[1] <= '9' &&
	    d[2] >= '0' && d[2] <= '9' && d[3] >= '0' && d[3] <= '9')
		return (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
	const char *e = igt_doc_get(doc, IGT_DOC_EVENT);
	int year = 0;
	for (size_t i = 0; e && e[i]; i++) {
		const char *p = e + i;
		bool four = (p[0] == '1' || p[0] == '2') && p[1] >= '0' && p[1] <= '9' &&
		            p[2] >= '0' && p[2] <= '9' && p[3] >= '0' && p[3] <= '9';
		bool alone = four && (i == 0 || e[i - 1] < '0' || e[i - 1] > '9') &&
		             (p[4] < '0' || p[4] > '9');
		if (alone && (p[0] == '2' ? p[1] == '0' : p[1] == '9'))
			year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 +
			       (p[3] - '0');
		if (four)
			i += 3;
	}
	return year;
}

static size_t group_of(part_corpus *c, const char *event, int year)
{
	for (size_t k = 0; k < c->n_groups; k++) {
		size_t i = (c->last_group + k) % c->n_groups; /* the last one first */
		const group *g = &c->groups[i];
		if (g->year == year && (g->event && event ? strcmp(g->event, event) == 0
		                                          : !g->event && !event)) {
			c->last_group = i;
			return i;
		}
	}
	if (c->n_groups == c->cap_groups)
		c->groups = grow(c->groups, &c->cap_groups, sizeof(group));
	c->groups[c->n_groups] =
	    (group){.event = event ? igt_strndup(event, strlen(event)) : NULL, .year = year};
	return c->last_group = c->n_groups++;
}

/* ---- sessions ---- */

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 14695981039346656037ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static size_t new_session(part_corpus *c, size_t g)
{
	if (c->n_sessions == c->cap_sessions)
		c->sessions = grow(c->sessions, &c->cap_sessions, sizeof(session));
	c->sessions[c->n_sessions] = (session){.group = g};
	c->groups[g].sessions++;
	return c->n_sessions++;
}

static void rehash(part_corpus *c)
{
	size_t cap = c->cap_keys ? 2 * c->cap_keys : 64;
	char **keys = calloc(cap, sizeof(char *));
	size_t *slots = calloc(cap, sizeof(size_t));
	if (!keys || !slots)
		abort();
	for (size_t i = 0; i < c->cap_keys; i++) {
		if (!c->keys[i])
			continue;
		size_t j = fnv1a(c->keys[i]) & (cap - 1);
		while (keys[j])
			j = (j + 1) & (cap - 1);
		keys[j] = c->keys[i];
		slots[j] = c->slots[i];
	}
	free(c->keys);
	free(c->slots);
	c->keys = keys;
	c->slots = slots;
	c->cap_keys = cap;
}

/* The session of a session key, made in group g when new. */
static size_t session_of(part_corpus *c, const char *key, size_t g)
{
	if (!key)
		return new_session(c, g);
	if (2 * (c->n_keys + 1) > c->cap_keys)
		rehash(c);
	size_t j = fnv1a(key) & (c->cap_keys - 1);
	while (c->keys[j]) {
		if (strcmp(c->keys[j], key) == 0)
			return c->slots[j];
		j = (j + 1) & (c->cap_keys - 1);
	}
	c->keys[j] = igt_strndup(key, strlen(key));
	c->slots[j] = new_session(c, g);
	c->n_keys++;
	return c->slots[j];
}

static void merge(value *to, bool known, int64_t v)
{
	if (!known || to->state == V_CONFLICT)
		return;
	if (to->state == V_UNKNOWN)
		*to = (value){V_KNOWN, v};
	else if (to->v != v)
		to->state = V_CONFLICT;
}

void part_corpus_add(part_corpus *c, igt_doc *doc, const part_facts *f)
{
	size_t g = group_of(c, igt_doc_get(doc, IGT_DOC_EVENT), doc_year(doc));
	c->groups[g].documents++;
	if (!f->report)
		return;
	c->groups[g].reports++;
	const char *key = json_string_value(json_object_get(igt_doc_fields(doc), "session_key"));
	size_t i = session_of(c, key, g); /* may move the sessions: before taking one */
	session *s = &c->sessions[i];
	merge(&s->participants, f->has_participants, f->participants);
	merge(&s->women, f->has_women, f->women);
	merge(&s->gender, f->gender_discussed >= 0, f->gender_discussed);
}

/* ---- the rows ---- */

typedef struct sums {
	int64_t participants, women, pair_participants, pair_women;
	uint64_t with_participants, with_women, discussed, known, conflicts;
} sums;

/* part / whole to four decimals, or null without a whole. */
static json_t *share(int64_t part, int64_t whole)
{
	if (whole <= 0)
		return json_null();
	return json_real((double)(int64_t)((double)part / (double)whole * 10000 + 0.5) / 10000);
}

static json_t *row(const group *g, const sums *s)
{
	char id[300];
	char year[8] = "";
	if (g->year)
		snprintf(year, sizeof(year), "%d", g->year);
	snprintf(id, sizeof(id), "%s|%s", g->event ? g->event : "", year);
	json_t *r = json_object();
	set(r, "id", json_string(id));
	set(r, "event", g->event ? json_string(g->event) : json_null());
	set(r, "year", g->year ? json_integer(g->year) : json_null());
	set(r, "documents", json_integer((json_int_t)g->documents));
	set(r, "reports", json_integer((json_int_t)g->reports));
	set(r, "sessions", json_integer((json_int_t)g->sessions));
	set(r, "participants", s->with_participants ? json_integer(s->participants) : json_null());
	set(r, "sessions_with_participants", json_integer((json_int_t)s->with_participants));
	set(r, "women", s->with_women ? json_integer(s->women) : json_null());
	set(r, "sessions_with_women", json_integer((json_int_t)s->with_women));
	set(r, "women_share", share(s->pair_women, s->pair_participants));
	set(r, "gender_discussed", json_integer((json_int_t)s->discussed));
	set(r, "of", json_integer((json_int_t)s->known));
	set(r, "conflicts", json_integer((json_int_t)s->conflicts));
	return r;
}

int part_corpus_rows(part_corpus *c, igt_host *host)
{
	sums *s = calloc(c->n_groups ? c->n_groups : 1, sizeof(sums));
	if (!s)
		abort();
	for (size_t i = 0; i < c->n_sessions; i++) {
		const session *x = &c->sessions[i];
		sums *g = &s[x->group];
		bool p = x->participants.state == V_KNOWN, w = x->women.state == V_KNOWN;
		if (p) {
			g->participants += x->participants.v;
			g->with_participants++;
		}
		if (w) {
			g->women += x->women.v;
			g->with_women++;
		}
		/* The share only from sessions that give both, and consistent ones. */
		if (p && w && x->women.v <= x->participants.v) {
			g->pair_participants += x->participants.v;
			g->pair_women += x->women.v;
		}
		if (x->gender.state == V_KNOWN) {
			g->known++;
			g->discussed += x->gender.v == 1;
		}
		g->conflicts += x->participants.state == V_CONFLICT ||
		                x->women.state == V_CONFLICT || x->gender.state == V_CONFLICT;
	}
	int rc = 0;
	for (size_t i = 0; !rc && i < c->n_groups; i++)
		rc = igt_host_table_row(host, "participation", row(&c->groups[i], &s[i]));
	free(s);
	return rc;
}
