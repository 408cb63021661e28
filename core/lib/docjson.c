/* SPDX-License-Identifier: MIT */
/*
 * The JSON form of a document (DESIGN.md, "The document"), both ways.
 * Every key is always present so that consumers can rely on the shape:
 * unknown values are null, empty lists are []. Only a segment's speaker and
 * section and an annotation's score are left out when absent.
 */
#include "config.h"

#include <string.h>

#include <igtext/doc.h>

#include "doc_private.h"
#include "util.h"

const char *const igt__doc_attr_keys[IGT__DOC_N_TOP_ATTRS] = {
	[IGT_DOC_ID] = "id",
	[IGT_DOC_FORMAT] = "format",
	[IGT_DOC_KIND] = "kind",
	[IGT_DOC_TITLE] = "title",
	[IGT_DOC_DATE] = "date",
	[IGT_DOC_DATE_TEXT] = "date_text",
	[IGT_DOC_EVENT] = "event",
	[IGT_DOC_LANGUAGE] = "language",
};

/* Strings in a document are valid UTF-8 by construction (doc.c). */
static json_t *str_or_null(const char *s)
{
	return s ? json_stringn_nocheck(s, strlen(s)) : json_null();
}

static json_t *span_json(igt_span span)
{
	return json_pack("[II]", (json_int_t)span.offset, (json_int_t)span.length);
}

static json_t *person_json(const igt_person *p)
{
	json_t *roles = json_array();
	for (size_t i = 0; i < p->n_roles; i++)
		json_array_append_new(roles, str_or_null(p->roles[i]));
	json_t *o = json_object();
	json_object_set_new(o, "id", str_or_null(p->id));
	json_object_set_new(o, "name", str_or_null(p->name));
	json_object_set_new(o, "as_written", str_or_null(p->as_written));
	json_object_set_new(o, "roles", roles);
	json_object_set_new(o, "affiliation", str_or_null(p->affiliation));
	json_object_set_new(o, "position", str_or_null(p->position));
	json_object_set_new(o, "honorific", str_or_null(p->honorific));
	return o;
}

static json_t *segment_json(const igt_segment *s)
{
	json_t *o = json_object();
	json_object_set_new(o, "type", str_or_null(s->type));
	json_object_set_new(o, "text", json_stringn_nocheck(s->text, s->text_len));
	if (s->speaker)
		json_object_set_new(o, "speaker", str_or_null(s->speaker));
	if (s->section)
		json_object_set_new(o, "section", str_or_null(s->section));
	json_object_set_new(o, "span", span_json(s->span));
	return o;
}

json_t *igt__annotation_json(const igt_annotation *a)
{
	json_t *o = json_object();
	json_object_set_new(o, "by", str_or_null(a->by));
	json_object_set_new(o, "type", str_or_null(a->type));
	json_object_set_new(o, "segment", json_integer((json_int_t)a->segment));
	json_object_set_new(o, "span", span_json(a->span));
	json_object_set(o, "value", a->value ? a->value : json_null());
	if (a->has_score)
		json_object_set_new(o, "score", json_real(a->score));
	return o;
}

json_t *igt_doc_to_json(const igt_doc *doc)
{
	json_t *o = json_object();
	for (int i = 0; i < IGT__DOC_N_TOP_ATTRS; i++)
		json_object_set_new(o, igt__doc_attr_keys[i], str_or_null(doc->attrs[i]));

	json_t *src = json_object();
	json_object_set_new(src, "path", str_or_null(doc->attrs[IGT_DOC_SOURCE_PATH]));
	json_object_set_new(src, "offset", doc->has_source_span
	                                       ? json_integer((json_int_t)doc->source.offset)
	                                       : json_null());
	json_object_set_new(src, "length", doc->has_source_span
	                                       ? json_integer((json_int_t)doc->source.length)
	                                       : json_null());
	json_object_set_new(src, "sha256", str_or_null(doc->attrs[IGT_DOC_SOURCE_SHA256]));
	json_object_set_new(o, "source", src);

	json_object_set(o, "fields", doc->fields);

	json_t *people = json_array();
	for (size_t i = 0; i < doc->n_people; i++)
		json_array_append_new(people, person_json(&doc->people[i]));
	json_object_set_new(o, "people", people);

	json_t *segs = json_array();
	for (size_t i = 0; i < doc->n_segments; i++)
		json_array_append_new(segs, segment_json(&doc->segments[i]));
	json_object_set_new(o, "segments", segs);

	json_t *anns = json_array();
	for (size_t i = 0; i < doc->n_annotations; i++)
		json_array_append_new(anns, igt__annotation_json(&doc->annotations[i]));
	json_object_set_new(o, "annotations", anns);

	json_object_set(o, "metrics", doc->metrics);
	return o;
}

/* ---- from JSON ---- */

/* NULL for null or absent; -1 (with err) for a non-string. */
static int get_opt_string(const json_t *o, const char *key, const char **out, igt_error *err)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return igt_error_set(err, IGT_EBADINPUT, "'%s' must be a string or null", key);
	*out = json_string_value(v);
	return 0;
}

static int get_span(const json_t *v, igt_span *out, const char *what, igt_error *err)
{
	json_int_t off, len;
	if (!json_is_array(v) || json_array_size(v) != 2 ||
	    !json_is_integer(json_array_get(v, 0)) || !json_is_integer(json_array_get(v, 1)))
		return igt_error_set(err, IGT_EBADINPUT, "%s: span must be [offset, length]", what);
	off = json_integer_value(json_array_get(v, 0));
	len = json_integer_value(json_array_get(v, 1));
	if (off < 0 || len < 0)
		return igt_error_set(err, IGT_EBADINPUT, "%s: span must not be negative", what);
	out->offset = (uint64_t)off;
	out->length = (uint64_t)len;
	return 0;
}

static int person_from_json(igt_doc *doc, const json_t *pj, size_t idx, igt_error *err)
{
	static const struct { const char *key; igt_person_attr attr; } keys[] = {
		{"id", IGT_PERSON_ID},
		{"affiliation", IGT_PERSON_AFFILIATION},
		{"position", IGT_PERSON_POSITION},
		{"honorific", IGT_PERSON_HONORIFIC},
	};
	const char *name, *as_written;
	if (!json_is_object(pj))
		return igt_error_set(err, IGT_EBADINPUT, "people[%zu] must be an object", idx);
	if (get_opt_string(pj, "name", &name, err) || get_opt_string(pj, "as_written", &as_written, err))
		return IGT_EBADINPUT;
	igt_person *p = igt_doc_add_person(doc, name, as_written);
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		const char *v;
		if (get_opt_string(pj, keys[k].key, &v, err))
			return IGT_EBADINPUT;
		igt_person_set(doc, p, keys[k].attr, v);
	}
	json_t *roles = json_object_get(pj, "roles");
	size_t i;
	json_t *r;
	if (roles && !json_is_array(roles))
		return igt_error_set(err, IGT_EBADINPUT, "people[%zu].roles must be a list", idx);
	json_array_foreach(roles, i, r) {
		if (!json_is_string(r))
			return igt_error_set(err, IGT_EBADINPUT, "people[%zu].roles must hold strings", idx);
		igt_person_add_role(doc, p, json_string_value(r));
	}
	return 0;
}

static int segment_from_json(igt_doc *doc, const json_t *sj, size_t idx, igt_error *err)
{
	char what[64];
	snprintf(what, sizeof(what), "segments[%zu]", idx);
	const char *type, *speaker, *section;
	json_t *text = json_object_get(sj, "text");
	igt_span span;
	if (!json_is_object(sj) || !json_is_string(text))
		return igt_error_set(err, IGT_EBADINPUT, "%s must be an object with a text", what);
	if (get_opt_string(sj, "type", &type, err) || get_opt_string(sj, "speaker", &speaker, err) ||
	    get_opt_string(sj, "section", &section, err) ||
	    get_span(json_object_get(sj, "span"), &span, what, err))
		return IGT_EBADINPUT;
	igt_segment *s = igt_doc_add_segment(doc, type, json_string_value(text),
	                                     json_string_length(text), span);
	igt_segment_set_speaker(doc, s, speaker);
	igt_segment_set_section(doc, s, section);
	return 0;
}

static int annotation_from_json(igt_doc *doc, const json_t *aj, size_t idx, igt_error *err)
{
	char what[64];
	snprintf(what, sizeof(what), "annotations[%zu]", idx);
	const char *by, *type;
	igt_span span;
	json_t *seg = json_object_get(aj, "segment");
	json_t *score = json_object_get(aj, "score");
	if (!json_is_object(aj) || !json_is_integer(seg) || json_integer_value(seg) < 0)
		return igt_error_set(err, IGT_EBADINPUT, "%s needs a segment index", what);
	if (get_opt_string(aj, "by", &by, err) || get_opt_string(aj, "type", &type, err) ||
	    get_span(json_object_get(aj, "span"), &span, what, err))
		return IGT_EBADINPUT;
	if (score && !json_is_number(score))
		return igt_error_set(err, IGT_EBADINPUT, "%s: score must be a number", what);
	json_t *value = json_object_get(aj, "value");
	if (igt_doc_add_annotation(doc, by, type, (size_t)json_integer_value(seg), span,
	                           value && !json_is_null(value) ? json_deep_copy(value) : NULL,
	                           score ? json_number_value(score) : 0.0, score != NULL))
		return igt_error_set(err, IGT_EBADINPUT, "%s: segment or span out of range", what);
	return 0;
}

int igt_doc_from_json(igt_doc **out, const json_t *j, igt_error *err)
{
	*out = NULL;
	if (!json_is_object(j))
		return igt_error_set(err, IGT_EBADINPUT, "a document must be a JSON object");
	igt_doc *doc = igt_doc_new(NULL, NULL);
	size_t i;
	json_t *v;
	for (int a = 0; a < IGT__DOC_N_TOP_ATTRS; a++) {
		const char *s;
		if (get_opt_string(j, igt__doc_attr_keys[a], &s, err))
			goto fail;
		igt_doc_set(doc, (igt_doc_attr)a, s, (size_t)-1);
	}
	json_t *src = json_object_get(j, "source");
	if (src && !json_is_null(src)) {
		const char *s;
		json_t *off = json_object_get(src, "offset"), *len = json_object_get(src, "length");
		if (!json_is_object(src)) {
			igt_error_set(err, IGT_EBADINPUT, "'source' must be an object");
			goto fail;
		}
		if (get_opt_string(src, "path", &s, err))
			goto fail;
		igt_doc_set(doc, IGT_DOC_SOURCE_PATH, s, (size_t)-1);
		if (get_opt_string(src, "sha256", &s, err))
			goto fail;
		igt_doc_set(doc, IGT_DOC_SOURCE_SHA256, s, (size_t)-1);
		if (json_is_integer(off) && json_is_integer(len))
			igt_doc_set_source_span(doc, (uint64_t)json_integer_value(off),
			                        (uint64_t)json_integer_value(len));
	}
	json_t *fields = json_object_get(j, "fields"), *metrics = json_object_get(j, "metrics");
	if ((fields && !json_is_object(fields)) || (metrics && !json_is_object(metrics))) {
		igt_error_set(err, IGT_EBADINPUT, "'fields' and 'metrics' must be objects");
		goto fail;
	}
	if (fields)
		json_object_update(doc->fields, fields);
	if (metrics)
		json_object_update(doc->metrics, metrics);

	json_t *people = json_object_get(j, "people"), *segs = json_object_get(j, "segments"),
	       *anns = json_object_get(j, "annotations");
	if ((people && !json_is_array(people)) || (segs && !json_is_array(segs)) ||
	    (anns && !json_is_array(anns))) {
		igt_error_set(err, IGT_EBADINPUT, "'people', 'segments' and 'annotations' must be lists");
		goto fail;
	}
	json_array_foreach(people, i, v) if (person_from_json(doc, v, i, err)) goto fail;
	json_array_foreach(segs, i, v) if (segment_from_json(doc, v, i, err)) goto fail;
	json_array_foreach(anns, i, v) if (annotation_from_json(doc, v, i, err)) goto fail;
	*out = doc;
	return IGT_OK;
fail:
	igt_doc_free(doc);
	return IGT_EBADINPUT;
}
