/* SPDX-License-Identifier: MIT */
/*
 * igt_doc_write_json (doc.h): a document's JSON text written straight from
 * the model, for outputs that write every document (jsonl), and
 * igt_json_write for single values (the store). igt_doc_to_json builds a
 * jansson tree first and dumps it afterwards, which costs more than the
 * parse of most formats; this writes the same bytes without the tree. yajl's
 * streaming generator places the document's keys and the json_t values
 * (fields, metrics, annotation values); the parts of fixed layout
 * (segments, people, annotations, spans) and all string values are
 * written directly (see struct gen). The jansson path stays the
 * reference: whenever this writer meets what it does not handle the same
 * way (nesting deeper than MAX_DEPTH, a string jansson would refuse) it
 * discards what it wrote and falls back to igt_doc_to_json and json_dump,
 * so the output, and the failures, are those of jansson in every case.
 *
 * Byte equality with jansson's compact form holds because strings are
 * escaped as jansson escapes them (raw_string for values, yajl for the
 * keys of json_t objects): '"', '\\', and control characters (\b \f \n
 * \r \t by name, the others as \u00XX in capitals), with "/" and
 * non-ASCII UTF-8 written as they are. Integers are written in decimal as
 * "%lld" writes them (jansson's format); reals are formatted by jansson
 * itself. Indented output is jansson's.
 * tests/unit/test_docwrite.c compares the two writers.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <igtext/doc.h>

#include "doc_private.h"
#include "utf8.h"
#include "util.h"

/* Below yajl's own limit (128), so that yajl never sees a depth it refuses
 * in a way that leaves the generator unusable. */
#define MAX_DEPTH 100

static int ok(yajl_gen_status st)
{
	return st == yajl_gen_status_ok ? 0 : -1;
}

/* Where the output goes: yajl's print callback and the writes below that
 * bypass yajl both append to out. */
struct sink {
	igt_buf *out;
};

/* An annotation value already written for this document: plugins give
 * every annotation of one topic or one entity the same json_t, and a
 * transcript holds hundreds of annotations per distinct value. */
struct memo {
	const json_t *value;
	size_t offset, length; /* in the output buffer */
};

#define MEMO_SLOTS 256

/*
 * yajl places the document's own keys and the values of its json_t parts
 * (fields, metrics): any JSON. The parts whose layout is fixed (segments,
 * people, annotations, spans) and string values are written here
 * directly: yajl told about each as one value, so that it still places
 * the commas around them, and the text written after that. A segment took
 * a dozen generator calls and two dozen callbacks; the keys alone, which
 * yajl escapes byte by byte like any string, were a quarter of writing an
 * annotation.
 */
struct gen {
	yajl_gen y;
	yajl_gen sub; /* for json_t values inside a fixed part; made when needed */
	struct sink *sink;
	json_t *real; /* reused to format annotation scores; made when needed */
	struct memo *memo; /* MEMO_SLOTS of them, by address; made when needed */
};

/* yajl hands over every token separately, so this is called several
 * times per value: keep it short. The buffer is NUL-terminated once, at
 * the end. */
static void print_to_buf(void *ctx, const char *s, size_t n)
{
	igt_buf *b = ((struct sink *)ctx)->out;
	if (b->cap - b->len <= n)
		igt_buf_reserve(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
}

static yajl_gen gen_alloc(struct sink *sink)
{
	yajl_gen y = yajl_gen_alloc(NULL);
	if (!y)
		abort();
	yajl_gen_config(y, yajl_gen_print_callback, print_to_buf, sink);
	return y;
}

static void gen_clear(struct gen *g)
{
	if (g->sub)
		yajl_gen_free(g->sub);
	json_decref(g->real);
	free(g->memo);
	g->sub = NULL;
	g->real = NULL;
	g->memo = NULL;
}

/* What the memo holds points into one output buffer, as written so far:
 * forgotten whenever that may change. */
static void memo_forget(struct gen *g)
{
	if (g->memo)
		memset(g->memo, 0, MEMO_SLOTS * sizeof(*g->memo));
}

/* Text written as it is, after yajl has placed what comes before it. */
static void raw(struct gen *g, const char *s, size_t n)
{
	print_to_buf(g->sink, s, n);
}

#define RAW(g, literal) raw((g), (literal), sizeof(literal) - 1)

/* Tell yajl a value starts here, so that it writes the comma or colon
 * before it; the value itself is then written raw. */
static int begin_value(struct gen *g)
{
	return ok(yajl_gen_number(g->y, "", 0));
}

static int key(struct gen *g, const char *k)
{
	return ok(yajl_gen_string(g->y, (const unsigned char *)k, strlen(k)));
}

/* A word of eight bytes with each byte set to b. */
#define BYTES(b) (0x0101010101010101ULL * (uint64_t)(b))

/* Whether any byte of w is below 0x20, '"' or '\\': the bytes JSON
 * escapes. The usual test for a zero byte, applied to w and to w with
 * '"' and '\\' turned into zeros; it may report a byte that is not one
 * of those (after a byte that is), never miss one. */
static int needs_escape(uint64_t w)
{
	uint64_t quote = w ^ BYTES('"'), backslash = w ^ BYTES('\\');
	uint64_t hit = ((w - BYTES(0x20)) & ~w) | ((quote - BYTES(1)) & ~quote) |
	               ((backslash - BYTES(1)) & ~backslash);
	return (hit & BYTES(0x80)) != 0;
}

/* The escape of c as jansson and yajl write it into e; its length. */
static size_t escape(unsigned char c, char e[6])
{
	static const char hex[] = "0123456789ABCDEF";
	const char *named = NULL;
	switch (c) {
	case '"': named = "\\\""; break;
	case '\\': named = "\\\\"; break;
	case '\b': named = "\\b"; break;
	case '\f': named = "\\f"; break;
	case '\n': named = "\\n"; break;
	case '\r': named = "\\r"; break;
	case '\t': named = "\\t"; break;
	}
	if (named) {
		memcpy(e, named, 2);
		return 2;
	}
	memcpy(e, "\\u00", 4);
	e[4] = hex[c >> 4];
	e[5] = hex[c & 15];
	return 6;
}

static int escaped(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

/* The escape of s[i] into o after the run s[*run..i); returns the new o. */
static char *escape_at(const char *s, size_t i, size_t *run, char *o)
{
	memcpy(o, s + *run, i - *run);
	o += i - *run;
	o += escape((unsigned char)s[i], o);
	*run = i + 1;
	return o;
}

/* s[0..n) escaped into o, which has room for 6 * n bytes; the length
 * written. Runs without escapes are copied whole. */
static size_t escape_block(const char *s, size_t n, char *o)
{
	char *start = o;
	size_t i = 0, run = 0;
#ifdef __SSE2__
	/* Sixteen bytes at a time; the bits of the mask are the escapes. */
	const __m128i below = _mm_set1_epi8(0x1F), quote = _mm_set1_epi8('"'),
	              backslash = _mm_set1_epi8('\\');
	for (; n - i >= 16; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i hit =
		    _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, below), below),
		                 _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
		for (unsigned mask = (unsigned)_mm_movemask_epi8(hit); mask; mask &= mask - 1)
			o = escape_at(s, i + (size_t)__builtin_ctz(mask), &run, o);
	}
#endif
	for (;;) {
		/* Eight bytes at a time to the word that holds an escape... */
		while (n - i >= 8) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (needs_escape(w))
				break;
			i += 8;
		}
		/* ...then the bytes of that word (or of the tail) one by one. */
		size_t end = n - i >= 8 ? i + 8 : n;
		for (; i < end; i++)
			if (escaped((unsigned char)s[i]))
				o = escape_at(s, i, &run, o);
		if (i == n)
			break;
	}
	memcpy(o, s + run, n - run);
	return (size_t)(o + (n - run) - start);
}

/* A string, quoted and escaped. yajl's own encoder looks at one byte at a
 * time and took a quarter of the time of parsing plain text to JSON Lines;
 * this looks at sixteen or eight, and copies the runs between escapes,
 * which in prose are whole paragraphs. */
static void raw_string(struct gen *g, const char *s, size_t n)
{
	/* The buffer grows by at most six bytes per byte of a block, so a
	 * long text does not reserve six times its size at once. */
	enum { BLOCK = 16384 };
	igt_buf *b = g->sink->out;
	igt_buf_reserve(b, 1);
	b->data[b->len++] = '"';
	for (size_t start = 0; start < n; start += BLOCK) {
		size_t len = n - start < BLOCK ? n - start : BLOCK;
		igt_buf_reserve(b, 6 * len);
		b->len += escape_block(s + start, len, b->data + b->len);
	}
	igt_buf_reserve(b, 1);
	b->data[b->len++] = '"';
}

static int string_value(struct gen *g, const char *s, size_t n)
{
	if (begin_value(g))
		return -1;
	raw_string(g, s, n);
	return 0;
}

/* A document string: valid UTF-8 by construction (doc.c). Written up to
 * its first NUL, as igt_doc_to_json does. */
static void raw_str_or_null(struct gen *g, const char *s)
{
	if (s)
		raw_string(g, s, strlen(s));
	else
		RAW(g, "null");
}

/* A key with the punctuation around it (",\"name\":"), then s. */
static void raw_member(struct gen *g, const char *key_text, const char *s)
{
	raw(g, key_text, strlen(key_text));
	raw_str_or_null(g, s);
}

static int str_or_null(struct gen *g, const char *s)
{
	if (begin_value(g))
		return -1;
	raw_str_or_null(g, s);
	return 0;
}

/* v in decimal, written backwards so that it ends before end (room for
 * 21 bytes); returns its start. */
static char *decimal(char *end, long long v)
{
	char *p = end;
	/* Work on the magnitude as unsigned, so LLONG_MIN does not overflow. */
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	return p;
}

/* An integer as "%lld" writes it. yajl_gen_integer calls sprintf, which
 * costs more than the rest of writing a span; documents hold two integers
 * per segment and more in their fields. */
static void raw_integer(struct gen *g, long long v)
{
	char text[24];
	char *end = text + sizeof(text);
	char *p = decimal(end, v);
	raw(g, p, (size_t)(end - p));
}

static int integer(struct gen *g, long long v)
{
	if (begin_value(g))
		return -1;
	raw_integer(g, v);
	return 0;
}

/* [offset,length] */
static void raw_span(struct gen *g, igt_span sp)
{
	char text[48];
	char *end = text + sizeof(text);
	end[-1] = ']';
	char *p = decimal(end - 1, (long long)sp.length);
	*--p = ',';
	p = decimal(p, (long long)sp.offset);
	*--p = '[';
	raw(g, p, (size_t)(end - p));
}

/* A real as jansson writes it with IGT_JSON_REALS ("0.5", "1.0", "1e300"):
 * jansson formats it, so the two paths cannot drift apart. Except whole
 * numbers below 1e15, which jansson writes as "%.15g" does, plus ".0"
 * ("1.0", "-3.0"): most scores are 1, and formatting each one cost a
 * fifth of writing a mention. Not -0.0, which it writes as "-0.0". */
static size_t real_text(const json_t *r, char text[100], const char **start)
{
	double d = json_real_value(r);
	if (d > -1e15 && d < 1e15 && d == (double)(long long)d && (d != 0 || !signbit(d))) {
		char *end = text + 100;
		memcpy(end - 2, ".0", 2);
		char *p = decimal(end - 2, (long long)d);
		*start = p;
		return (size_t)(end - p);
	}
	size_t n = json_dumpb(r, text, 100, JSON_ENCODE_ANY | IGT_JSON_REALS);
	*start = text;
	return n > 100 ? 0 : n;
}

static int real(struct gen *g, const json_t *r)
{
	char text[100];
	const char *p;
	size_t n = real_text(r, text, &p);
	if (!n || begin_value(g))
		return -1;
	raw(g, p, n);
	return 0;
}

/* A string from a json_t, as a key or a value: jansson checks UTF-8 when
 * it dumps, and strings made with its _nocheck functions have not been
 * checked before; one that fails here sends the document to jansson,
 * which refuses it. */
static int checked_string(struct gen *g, const char *s, size_t n, int is_key)
{
	if (igt_utf8_valid_prefix(s, n) != n)
		return -1;
	return is_key ? ok(yajl_gen_string(g->y, (const unsigned char *)s, n)) : string_value(g, s, n);
}

static int value(struct gen *g, const json_t *v, int depth);

static int object(struct gen *g, const json_t *o, int depth)
{
	if (ok(yajl_gen_map_open(g->y)))
		return -1;
	/* jansson iterates an object in insertion order, which is the order
	 * it dumps in without JSON_SORT_KEYS. */
	for (void *it = json_object_iter((json_t *)o); it;
	     it = json_object_iter_next((json_t *)o, it)) {
		const char *k = json_object_iter_key(it);
#if JANSSON_VERSION_HEX >= 0x020e00
		size_t klen = json_object_iter_key_len(it);
#else
		size_t klen = strlen(k);
#endif
		if (checked_string(g, k, klen, 1) || value(g, json_object_iter_value(it), depth + 1))
			return -1;
	}
	return ok(yajl_gen_map_close(g->y));
}

static int value(struct gen *g, const json_t *v, int depth)
{
	/* A cycle (jansson refuses those) also ends here. */
	if (depth > MAX_DEPTH)
		return -1;
	switch (json_typeof(v)) {
	case JSON_OBJECT: return object(g, v, depth);
	case JSON_ARRAY: {
		size_t n = json_array_size(v);
		if (ok(yajl_gen_array_open(g->y)))
			return -1;
		for (size_t i = 0; i < n; i++)
			if (value(g, json_array_get(v, i), depth + 1))
				return -1;
		return ok(yajl_gen_array_close(g->y));
	}
	case JSON_STRING: return checked_string(g, json_string_value(v), json_string_length(v), 0);
	case JSON_INTEGER: return integer(g, (long long)json_integer_value(v));
	case JSON_REAL: return real(g, v);
	case JSON_TRUE: return ok(yajl_gen_bool(g->y, 1));
	case JSON_FALSE: return ok(yajl_gen_bool(g->y, 0));
	case JSON_NULL: return ok(yajl_gen_null(g->y));
	}
	return -1;
}

/* A json_t value inside a fixed part, by the second generator, which
 * starts afresh for each value and so writes no comma before it. */
static int nested_value(struct gen *g, const json_t *v, int depth)
{
	igt_buf *b = g->sink->out;
	/* A container held by more than its annotation may have been
	 * written already: its text is copied. The plugin that shares it may
	 * be taking references on another thread (jansson counts them with
	 * atomics): the count is read as one too. */
	struct memo *m = NULL;
	if (__atomic_load_n(&v->refcount, __ATOMIC_RELAXED) > 1 &&
	    (json_is_object(v) || json_is_array(v))) {
		if (!g->memo)
			g->memo = igt_xcalloc(MEMO_SLOTS, sizeof(*g->memo));
		m = &g->memo[((uintptr_t)v >> 4) % MEMO_SLOTS];
		if (m->value == v) {
			igt_buf_reserve(b, m->length);
			memcpy(b->data + b->len, b->data + m->offset, m->length);
			b->len += m->length;
			return 0;
		}
	}
	if (!g->sub)
		g->sub = gen_alloc(g->sink);
	yajl_gen_reset(g->sub, NULL);
	struct gen nested = {g->sub, NULL, g->sink, NULL, NULL};
	size_t start = b->len;
	if (value(&nested, v, depth))
		return -1;
	if (m)
		*m = (struct memo){v, start, b->len - start};
	return 0;
}

static int person(struct gen *g, const igt_person *p)
{
	if (begin_value(g))
		return -1;
	raw_member(g, "{\"id\":", p->id);
	raw_member(g, ",\"name\":", p->name);
	raw_member(g, ",\"as_written\":", p->as_written);
	RAW(g, ",\"roles\":[");
	for (size_t i = 0; i < p->n_roles; i++) {
		if (i)
			RAW(g, ",");
		raw_str_or_null(g, p->roles[i]);
	}
	raw_member(g, "],\"affiliation\":", p->affiliation);
	raw_member(g, ",\"position\":", p->position);
	raw_member(g, ",\"honorific\":", p->honorific);
	RAW(g, "}");
	return 0;
}

static int segment(struct gen *g, const igt_segment *s)
{
	if (begin_value(g))
		return -1;
	raw_member(g, "{\"type\":", s->type);
	RAW(g, ",\"text\":");
	raw_string(g, s->text, s->text_len);
	if (s->speaker)
		raw_member(g, ",\"speaker\":", s->speaker);
	if (s->section)
		raw_member(g, ",\"section\":", s->section);
	RAW(g, ",\"span\":");
	raw_span(g, s->span);
	RAW(g, "}");
	return 0;
}

static int annotation(struct gen *g, const igt_annotation *a)
{
	if (begin_value(g))
		return -1;
	raw_member(g, "{\"by\":", a->by);
	raw_member(g, ",\"type\":", a->type);
	RAW(g, ",\"segment\":");
	raw_integer(g, (long long)a->segment);
	RAW(g, ",\"span\":");
	raw_span(g, a->span);
	RAW(g, ",\"value\":");
	if (!a->value)
		RAW(g, "null");
	else if (nested_value(g, a->value, 1))
		return -1;
	/* json_real refuses NaN and infinities; igt_doc_to_json then leaves
	 * the score out, and so does this. */
	if (a->has_score) {
		if (!g->real && !(g->real = json_real(0)))
			abort();
		if (json_real_set(g->real, a->score) == 0) {
			char text[100];
			const char *p;
			size_t n = real_text(g->real, text, &p);
			if (!n)
				return -1;
			RAW(g, ",\"score\":");
			raw(g, p, n);
		}
	}
	RAW(g, "}");
	return 0;
}

static int document(struct gen *g, const igt_doc *doc)
{
	if (ok(yajl_gen_map_open(g->y)))
		return -1;
	for (int i = 0; i < IGT__DOC_N_TOP_ATTRS; i++)
		if (key(g, igt__doc_attr_keys[i]) || str_or_null(g, doc->attrs[i]))
			return -1;
	if (key(g, "source") || ok(yajl_gen_map_open(g->y)) || key(g, "path") ||
	    str_or_null(g, doc->attrs[IGT_DOC_SOURCE_PATH]))
		return -1;
	if (doc->has_source_span) {
		if (key(g, "offset") || integer(g, (long long)doc->source.offset) ||
		    key(g, "length") || integer(g, (long long)doc->source.length))
			return -1;
	} else if (key(g, "offset") || ok(yajl_gen_null(g->y)) || key(g, "length") ||
	           ok(yajl_gen_null(g->y))) {
		return -1;
	}
	if (key(g, "sha256") || str_or_null(g, doc->attrs[IGT_DOC_SOURCE_SHA256]) ||
	    ok(yajl_gen_map_close(g->y)) || key(g, "fields") || value(g, doc->fields, 1) ||
	    key(g, "people") || ok(yajl_gen_array_open(g->y)))
		return -1;
	for (size_t i = 0; i < doc->n_people; i++)
		if (person(g, &doc->people[i]))
			return -1;
	if (ok(yajl_gen_array_close(g->y)) || key(g, "segments") || ok(yajl_gen_array_open(g->y)))
		return -1;
	for (size_t i = 0; i < doc->n_segments; i++)
		if (segment(g, &doc->segments[i]))
			return -1;
	if (ok(yajl_gen_array_close(g->y)) || key(g, "annotations") || ok(yajl_gen_array_open(g->y)))
		return -1;
	for (size_t i = 0; i < doc->n_annotations; i++)
		if (annotation(g, &doc->annotations[i]))
			return -1;
	return ok(yajl_gen_array_close(g->y)) || key(g, "metrics") || value(g, doc->metrics, 1) ||
	       ok(yajl_gen_map_close(g->y));
}

static int dump_to_buf(const char *s, size_t n, void *payload)
{
	igt_buf_add(payload, s, n);
	return 0;
}

/* The reference path: the jansson tree, dumped into out. */
static int write_with_jansson(const igt_doc *doc, igt_buf *out, size_t flags)
{
	json_t *j = igt_doc_to_json(doc);
	int rc = json_dump_callback(j, dump_to_buf, out, flags | JSON_PRESERVE_ORDER);
	json_decref(j);
	return rc ? IGT_EGENERIC : IGT_OK;
}

/* The writer keeps its generators: allocating one per value cost more
 * than writing most values. They are reset after each value. */
struct igt_json_writer {
	struct sink sink; /* sink.out: where the value being written goes */
	struct gen gen;
};

igt_json_writer *igt_json_writer_new(void)
{
	igt_json_writer *w = igt_xcalloc(1, sizeof(*w));
	w->gen.sink = &w->sink;
	w->gen.y = gen_alloc(&w->sink);
	return w;
}

void igt_json_writer_free(igt_json_writer *w)
{
	if (!w)
		return;
	yajl_gen_free(w->gen.y);
	gen_clear(&w->gen);
	free(w);
}

/* Whatever the writer did not handle as jansson does (rc != 0), jansson
 * writes from start instead, or refuses; then the NUL. */
static int settle(igt_json_writer *w, int rc, igt_buf *out, size_t start, const json_t *v)
{
	yajl_gen_reset(w->gen.y, NULL);
	if (rc != 0) {
		out->len = start;
		rc = v ? json_dump_callback(v, dump_to_buf, out,
		                            JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER |
		                                IGT_JSON_REALS)
		       : -1;
		if (rc != 0)
			out->len = start;
	}
	igt_buf_reserve(out, 1);
	out->data[out->len] = '\0';
	return rc ? IGT_EGENERIC : IGT_OK;
}

int igt_json_write(igt_json_writer *w, const json_t *v, igt_buf *out)
{
	size_t start = out->len;
	igt_buf_reserve(out, 256);
	w->sink.out = out;
	return settle(w, value(&w->gen, v, 0), out, start, v);
}

int igt_json_write_annotations(igt_json_writer *w, const igt_doc *doc, size_t first, size_t n,
                               igt_buf *out)
{
	size_t start = out->len;
	if (first > doc->n_annotations || n > doc->n_annotations - first)
		return IGT_EGENERIC;
	igt_buf_reserve(out, 256);
	w->sink.out = out;
	memo_forget(&w->gen);
	int rc = ok(yajl_gen_array_open(w->gen.y));
	for (size_t i = first; i < first + n && !rc; i++)
		rc = annotation(&w->gen, &doc->annotations[i]);
	if (!rc)
		rc = ok(yajl_gen_array_close(w->gen.y));
	if (!rc)
		return settle(w, 0, out, start, NULL);
	json_t *list = json_array();
	for (size_t i = first; i < first + n; i++)
		json_array_append_new(list, igt__annotation_json(&doc->annotations[i]));
	rc = settle(w, rc, out, start, list);
	json_decref(list);
	return rc;
}

void igt__doc_prepare_json(igt_doc *doc, unsigned flags, igt_buf *scratch)
{
	/* Written in the caller's reused buffer, then kept at its size: a
	 * buffer grown for each document cost more than the writing. */
	igt_buf_reset(scratch);
	int rc = igt_doc_write_json(doc, scratch, flags);
	free(doc->json);
	doc->json = NULL;
	doc->json_len = 0;
	if (rc == 0) {
		doc->json = igt_xmalloc(scratch->len);
		memcpy(doc->json, scratch->data, scratch->len);
		doc->json_len = scratch->len;
	}
	doc->json_flags = flags;
	doc->json_rc = rc;
	doc->has_json = 1;
}

int igt_doc_write_json(const igt_doc *doc, igt_buf *out, unsigned flags)
{
	if (doc->has_json && doc->json_flags == flags) {
		if (doc->json_rc == 0)
			igt_buf_add(out, doc->json, doc->json_len);
		else
			igt_buf_reserve(out, 1);
		out->data[out->len] = '\0';
		return doc->json_rc;
	}
	size_t start = out->len;
	int rc = -1;
	igt_buf_reserve(out, 4096);
	/* Indented output is for reading by eye: jansson's layout is kept,
	 * which yajl's beautifier does not reproduce (it opens "{}" over two
	 * lines), and speed does not matter there. */
	if (!(flags & IGT_DOC_JSON_PRETTY)) {
		struct sink sink = {out};
		struct gen g = {gen_alloc(&sink), NULL, &sink, NULL, NULL};
		rc = document(&g, doc);
		yajl_gen_free(g.y);
		gen_clear(&g);
	}
	if (rc != 0) {
		out->len = start;
		rc = write_with_jansson(
		    doc, out, (flags & IGT_DOC_JSON_PRETTY ? JSON_INDENT(2) : JSON_COMPACT) | IGT_JSON_REALS);
		if (rc != 0)
			out->len = start;
	}
	out->data[out->len] = '\0';
	return rc;
}
