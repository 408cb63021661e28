/* SPDX-License-Identifier: MIT */
/*
 * The document model (doc.h): storage, setters that copy and repair UTF-8,
 * and the getters plugins read through. The JSON form is in docjson.c.
 * Threads: a document is used by one thread at a time, but may be freed
 * by another than the one that made it (see struct doc_yard).
 */
#include "config.h"

#include <pthread.h>
#include <string.h>

#include <igtext/doc.h>

#include "doc_private.h"
#include "utf8.h"
#include "util.h"

/*
 * A document the pipeline releases is freed by the thread that made it.
 * The pipeline parses on
 * worker threads and frees each document on the thread that wrote it out,
 * and the allocator (mimalloc) handles a block freed by another thread
 * through a shared list that the owning thread must later walk: with two
 * threads, that was a sixth of parsing. A document the pipeline is done
 * with on another thread (igt__doc_release) is put on its maker's list of
 * dead documents instead, which that thread frees when it next makes one,
 * when the pipeline's workers stop (igt__doc_yard_flush) or when it ends.
 * Once it has ended, documents are freed where they are. igt_doc_free
 * frees at once on any thread: a caller of the library that frees on one
 * thread what another made would otherwise find the memory held until
 * the maker made another document, for ever on a main thread that does
 * not (its thread-specific data is never destroyed).
 */
struct doc_yard {
	pthread_mutex_t lock;
	igt_doc *dead; /* linked by next_dead */
	size_t refs;   /* its thread, until it ends, and each of its documents */
	int closed;    /* its thread has ended */
};

static pthread_key_t yard_key;
static pthread_once_t yard_once = PTHREAD_ONCE_INIT;

static void doc_destroy(igt_doc *doc);

static void free_dead(igt_doc *doc)
{
	while (doc) {
		igt_doc *next = doc->next_dead;
		doc_destroy(doc);
		doc = next;
	}
}

static void yard_unref(struct doc_yard *y)
{
	pthread_mutex_lock(&y->lock);
	int last = --y->refs == 0;
	pthread_mutex_unlock(&y->lock);
	if (last) {
		pthread_mutex_destroy(&y->lock);
		free(y);
	}
}

/* At the end of the yard's thread. */
static void yard_close(void *payload)
{
	struct doc_yard *y = payload;
	pthread_mutex_lock(&y->lock);
	y->closed = 1;
	igt_doc *dead = y->dead;
	y->dead = NULL;
	pthread_mutex_unlock(&y->lock);
	free_dead(dead);
	yard_unref(y);
}

static void yard_key_make(void)
{
	if (pthread_key_create(&yard_key, yard_close) != 0)
		abort();
}

/* The calling thread's yard, made on first use, with a reference for a
 * new document and its dead documents taken off into *dead. */
static struct doc_yard *yard_for_new(igt_doc **dead)
{
	pthread_once(&yard_once, yard_key_make);
	struct doc_yard *y = pthread_getspecific(yard_key);
	if (!y) {
		y = igt_xcalloc(1, sizeof(*y));
		if (pthread_mutex_init(&y->lock, NULL) != 0 || pthread_setspecific(yard_key, y) != 0)
			abort();
		y->refs = 1;
	}
	pthread_mutex_lock(&y->lock);
	y->refs++;
	*dead = y->dead;
	y->dead = NULL;
	pthread_mutex_unlock(&y->lock);
	return y;
}

igt_doc *igt_doc_new(const char *format, const char *kind)
{
	igt_doc *dead = NULL;
	struct doc_yard *yard = yard_for_new(&dead);
	free_dead(dead);
	igt_doc *doc = igt_xcalloc(1, sizeof(*doc));
	doc->yard = yard;
	doc->fields = json_object();
	doc->metrics = json_object();
	if (!doc->fields || !doc->metrics)
		abort();
	if (format)
		igt_doc_set(doc, IGT_DOC_FORMAT, format, (size_t)-1);
	if (kind)
		igt_doc_set(doc, IGT_DOC_KIND, kind, (size_t)-1);
	return doc;
}

/* The strings of a document live in chunks that are freed with it: a
 * document holds several strings per segment and per annotation, and
 * allocating and freeing each one took a tenth of parsing. A string that
 * is replaced stays in its chunk until the document is freed. */
struct igt_doc_chunk {
	struct igt_doc_chunk *next;
	size_t cap, used;
	char data[];
};

enum { CHUNK_MIN = 4096, CHUNK_MAX = 65536 };

static char *doc_alloc(igt_doc *doc, size_t n)
{
	struct igt_doc_chunk *c = doc->chunks;
	if (c && c->cap - c->used >= n) {
		char *p = c->data + c->used;
		c->used += n;
		return p;
	}
	/* Chunks double up to CHUNK_MAX; a string larger than that has a
	 * chunk of its own, behind the current one, which keeps its room. */
	size_t cap = c ? (c->cap < CHUNK_MAX ? c->cap * 2 : CHUNK_MAX) : CHUNK_MIN;
	if (n > cap)
		cap = n;
	if (cap > ((size_t)-1) - sizeof(*c))
		abort();
	struct igt_doc_chunk *fresh = igt_xmalloc(sizeof(*fresh) + cap);
	fresh->cap = cap;
	fresh->used = n;
	if (c && n > CHUNK_MAX) {
		fresh->next = c->next;
		c->next = fresh;
	} else {
		fresh->next = c;
		doc->chunks = fresh;
	}
	return fresh->data;
}

void igt_doc_free(igt_doc *doc)
{
	if (doc)
		doc_destroy(doc);
}

void igt__doc_release(igt_doc *doc)
{
	if (!doc)
		return;
	struct doc_yard *y = doc->yard;
	if (y != pthread_getspecific(yard_key)) {
		pthread_mutex_lock(&y->lock);
		int later = !y->closed;
		if (later) {
			doc->next_dead = y->dead;
			y->dead = doc;
		}
		pthread_mutex_unlock(&y->lock);
		if (later)
			return;
	}
	doc_destroy(doc);
}

size_t igt__doc_yard_held(void)
{
	pthread_once(&yard_once, yard_key_make);
	struct doc_yard *y = pthread_getspecific(yard_key);
	if (!y)
		return 0;
	size_t n = 0;
	pthread_mutex_lock(&y->lock);
	for (const igt_doc *d = y->dead; d; d = d->next_dead)
		n++;
	pthread_mutex_unlock(&y->lock);
	return n;
}

void igt__doc_yard_flush(void)
{
	pthread_once(&yard_once, yard_key_make);
	struct doc_yard *y = pthread_getspecific(yard_key);
	if (!y)
		return;
	pthread_mutex_lock(&y->lock);
	igt_doc *dead = y->dead;
	y->dead = NULL;
	pthread_mutex_unlock(&y->lock);
	free_dead(dead);
}

static void doc_destroy(igt_doc *doc)
{
	struct doc_yard *yard = doc->yard;
	json_decref(doc->fields);
	json_decref(doc->metrics);
	free(doc->segments);
	for (size_t i = 0; i < doc->n_people; i++)
		free(doc->people[i].roles);
	free(doc->people);
	for (size_t i = 0; i < doc->n_annotations; i++)
		json_decref(doc->annotations[i].value);
	free(doc->annotations);
	free(doc->claims);
	free(doc->json);
	for (struct igt_doc_chunk *c = doc->chunks, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(doc);
	yard_unref(yard);
}

/* A malloc'd copy of s with invalid UTF-8 replaced, the replacements
 * counted on doc; its length in *n. */
static char *repaired(igt_doc *doc, const char *s, size_t len, size_t *n)
{
	uint64_t bad = 0;
	char *copy = igt_utf8_repair(s, len, n, &bad);
	doc->invalid_utf8 += bad;
	return copy;
}

/* Copy len bytes (or strlen) as repaired UTF-8, counting replacements,
 * into the document's chunks. */
char *igt__doc_strdup(igt_doc *doc, const char *s, size_t len, size_t *out_len)
{
	if (!s)
		return NULL;
	if (len == (size_t)-1)
		len = strlen(s);
	if (igt_utf8_valid_prefix(s, len) == len) {
		char *copy = doc_alloc(doc, len + 1);
		memcpy(copy, s, len);
		copy[len] = '\0';
		if (out_len)
			*out_len = len;
		return copy;
	}
	size_t n = 0;
	char *fixed = repaired(doc, s, len, &n);
	char *copy = doc_alloc(doc, n + 1);
	memcpy(copy, fixed, n + 1);
	free(fixed);
	if (out_len)
		*out_len = n;
	return copy;
}

/* s stored as igt__doc_strdup stores it, or prev when that holds the same
 * text: a segment's type and section, an annotation's plugin and type,
 * are mostly those of the one before, and a copy and UTF-8 check of each
 * was a tenth of adding a segment. prev is stored text, valid UTF-8, so
 * s equal to it is stored unchanged. */
static char *same_or_copy(igt_doc *doc, char *prev, const char *s)
{
	if (prev && strcmp(prev, s) == 0)
		return prev;
	return igt__doc_strdup(doc, s, (size_t)-1, NULL);
}

void igt_doc_set(igt_doc *doc, igt_doc_attr attr, const char *value, size_t len)
{
	if ((unsigned)attr >= IGT_DOC_ATTR_COUNT)
		return;
	doc->attrs[attr] = igt__doc_strdup(doc, value, len, NULL);
}

const char *igt_doc_get(const igt_doc *doc, igt_doc_attr attr)
{
	return (unsigned)attr < IGT_DOC_ATTR_COUNT ? doc->attrs[attr] : NULL;
}

void igt_doc_set_source_span(igt_doc *doc, uint64_t offset, uint64_t length)
{
	doc->source.offset = offset;
	doc->source.length = length;
	doc->has_source_span = 1;
}

igt_span igt_doc_source_span(const igt_doc *doc)
{
	return doc->source;
}

json_t *igt_doc_fields(igt_doc *doc)
{
	return doc->fields;
}

json_t *igt_doc_metrics(igt_doc *doc)
{
	return doc->metrics;
}

json_t *igt_doc_json_string(igt_doc *doc, const char *value, size_t len)
{
	if (!value)
		return json_null();
	if (len == (size_t)-1)
		len = strlen(value);
	/* Valid text, the usual case, goes to jansson as it is: a repaired
	 * copy would be the same bytes, one allocation and copy more. */
	if (igt_utf8_valid_prefix(value, len) == len)
		return json_stringn_nocheck(value, len);
	size_t n = 0;
	char *copy = repaired(doc, value, len, &n);
	json_t *j = json_stringn_nocheck(copy, n);
	free(copy);
	return j;
}

igt_segment *igt_doc_add_segment(igt_doc *doc, const char *type, const char *text, size_t len,
                                 igt_span span)
{
	igt_xgrow((void **)&doc->segments, &doc->cap_segments, doc->n_segments + 1,
	          sizeof(*doc->segments));
	igt_segment *prev = doc->n_segments ? &doc->segments[doc->n_segments - 1] : NULL;
	igt_segment *s = &doc->segments[doc->n_segments++];
	memset(s, 0, sizeof(*s));
	s->type = same_or_copy(doc, prev ? prev->type : NULL, type ? type : "paragraph");
	s->text = igt__doc_strdup(doc, text ? text : "", text ? len : 0, &s->text_len);
	s->span = span;
	return s;
}

/* The segment before seg in doc, or one with no strings. */
static const igt_segment *previous(const igt_doc *doc, const igt_segment *seg)
{
	static const igt_segment none;
	size_t i = (size_t)(seg - doc->segments);
	return i > 0 && i < doc->n_segments ? &doc->segments[i - 1] : &none;
}

void igt_segment_set_speaker(igt_doc *doc, igt_segment *seg, const char *speaker)
{
	seg->speaker = speaker ? same_or_copy(doc, previous(doc, seg)->speaker, speaker) : NULL;
}

void igt_segment_set_section(igt_doc *doc, igt_segment *seg, const char *section)
{
	seg->section = section ? same_or_copy(doc, previous(doc, seg)->section, section) : NULL;
}

size_t igt_doc_segment_count(const igt_doc *doc)
{
	return doc->n_segments;
}

const igt_segment *igt_doc_segment(const igt_doc *doc, size_t index)
{
	return index < doc->n_segments ? &doc->segments[index] : NULL;
}

igt_person *igt_doc_add_person(igt_doc *doc, const char *name, const char *as_written)
{
	igt_xgrow((void **)&doc->people, &doc->cap_people, doc->n_people + 1, sizeof(*doc->people));
	igt_person *p = &doc->people[doc->n_people++];
	memset(p, 0, sizeof(*p));
	p->name = igt__doc_strdup(doc, name, (size_t)-1, NULL);
	p->as_written = igt__doc_strdup(doc, as_written, (size_t)-1, NULL);
	return p;
}

void igt_person_set(igt_doc *doc, igt_person *p, igt_person_attr attr, const char *value)
{
	char **slot = NULL;
	switch (attr) {
	case IGT_PERSON_ID: slot = &p->id; break;
	case IGT_PERSON_NAME: slot = &p->name; break;
	case IGT_PERSON_AS_WRITTEN: slot = &p->as_written; break;
	case IGT_PERSON_AFFILIATION: slot = &p->affiliation; break;
	case IGT_PERSON_POSITION: slot = &p->position; break;
	case IGT_PERSON_HONORIFIC: slot = &p->honorific; break;
	}
	if (slot)
		*slot = igt__doc_strdup(doc, value, (size_t)-1, NULL);
}

void igt_person_add_role(igt_doc *doc, igt_person *p, const char *role)
{
	if (!role)
		return;
	/* Compare the repaired form: it is what is stored. */
	char *copy = igt__doc_strdup(doc, role, (size_t)-1, NULL);
	for (size_t i = 0; i < p->n_roles; i++)
		if (strcmp(p->roles[i], copy) == 0)
			return;
	p->roles = igt_xrealloc(p->roles, (p->n_roles + 1) * sizeof(*p->roles));
	p->roles[p->n_roles++] = copy;
}

size_t igt_doc_person_count(const igt_doc *doc)
{
	return doc->n_people;
}

const igt_person *igt_doc_person(const igt_doc *doc, size_t index)
{
	return index < doc->n_people ? &doc->people[index] : NULL;
}

igt_person *igt_doc_person_at(igt_doc *doc, size_t index)
{
	return index < doc->n_people ? &doc->people[index] : NULL;
}

int igt_doc_remove_person(igt_doc *doc, size_t index)
{
	if (index >= doc->n_people)
		return IGT_EGENERIC;
	free(doc->people[index].roles);
	memmove(&doc->people[index], &doc->people[index + 1],
	        (doc->n_people - index - 1) * sizeof(*doc->people));
	doc->n_people--;
	return IGT_OK;
}

int igt_doc_add_annotation(igt_doc *doc, const char *by, const char *type, size_t segment,
                           igt_span span, json_t *value, double score, int has_score)
{
	if (segment >= doc->n_segments ||
	    span.offset > doc->segments[segment].text_len ||
	    span.length > doc->segments[segment].text_len - span.offset) {
		json_decref(value);
		return IGT_EGENERIC;
	}
	igt_xgrow((void **)&doc->annotations, &doc->cap_annotations, doc->n_annotations + 1,
	          sizeof(*doc->annotations));
	igt_annotation *prev = doc->n_annotations ? &doc->annotations[doc->n_annotations - 1] : NULL;
	igt_annotation *a = &doc->annotations[doc->n_annotations++];
	a->by = same_or_copy(doc, prev ? prev->by : NULL, by ? by : "");
	a->type = same_or_copy(doc, prev ? prev->type : NULL, type ? type : "");
	a->segment = segment;
	a->span = span;
	a->value = value;
	a->score = score;
	a->has_score = has_score;
	return IGT_OK;
}

size_t igt_doc_annotation_count(const igt_doc *doc)
{
	return doc->n_annotations;
}

const igt_annotation *igt_doc_annotation(const igt_doc *doc, size_t index)
{
	return index < doc->n_annotations ? &doc->annotations[index] : NULL;
}

void igt_doc_claim(igt_doc *doc, igt_claim_kind kind, uint64_t offset, uint64_t length)
{
	if (length == 0)
		return;
	igt_xgrow((void **)&doc->claims, &doc->cap_claims, doc->n_claims + 1, sizeof(*doc->claims));
	doc->claims[doc->n_claims].span.offset = offset;
	doc->claims[doc->n_claims].span.length = length;
	doc->claims[doc->n_claims].kind = kind;
	doc->n_claims++;
}

size_t igt_doc_claim_count(const igt_doc *doc)
{
	return doc->n_claims;
}

igt_span igt_doc_claim_at(const igt_doc *doc, size_t index, igt_claim_kind *kind_out)
{
	igt_span none = {0, 0};
	if (index >= doc->n_claims)
		return none;
	if (kind_out)
		*kind_out = doc->claims[index].kind;
	return doc->claims[index].span;
}

uint64_t igt_doc_invalid_utf8(const igt_doc *doc)
{
	return doc->invalid_utf8;
}
