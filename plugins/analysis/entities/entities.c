/* SPDX-License-Identifier: MIT */
/*
 * entities: finds mentions of Internet-governance bodies, countries and
 * regions, and named processes and instruments in every segment, with
 * their spans. The gazetteer (configs/gazetteers/, plus the job's own
 * files) gives canonical names, kinds and written forms; acronyms a
 * document defines are learned for that document; mistyped acronyms
 * ("ICAN", "IGf") are found with a score below 1. Each mention becomes an
 * "entity" annotation, each document gets its counts in metrics, and at
 * the end of the run the corpus table "entities" lists every entity with
 * its mentions and documents.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <igtext/igtext.h>

#include "learn.h"
#include "matcher.h"
#include "mention.h"

#define DEFAULT_GAZETTEER "gazetteers/internet-governance.yaml"

typedef struct entities_config {
	igt_strlist gazetteer;
	bool default_gazetteer;
	bool typos;
	bool learn;
} entities_config;

static const igt_option entities_options[] = {
    {"gazetteer", IGT_OPT_PATHS, NULL, 0, offsetof(entities_config, gazetteer),
     "more gazetteer files (YAML) to load after the shipped one; entries with a known name "
     "extend it"},
    {"default_gazetteer", IGT_OPT_BOOL, "true", 0, offsetof(entities_config, default_gazetteer),
     "load the shipped gazetteers/internet-governance.yaml"},
    {"typos", IGT_OPT_BOOL, "true", 0, offsetof(entities_config, typos),
     "also find mistyped acronyms (ICAN, IGf), with a score below 1"},
    {"learn", IGT_OPT_BOOL, "true", 0, offsetof(entities_config, learn),
     "learn the acronyms a document defines (Long Name (ACR)) for that document"},
    {0},
};

/* One row of the corpus table. */
typedef struct entity_stat {
	char *name;
	char *kind; /* NULL: a learned entity of unknown kind */
	uint64_t mentions;
	size_t last_doc; /* the document serial that last counted it */
	json_int_t in_doc; /* its mentions in that document */
	json_t *documents;
} entity_stat;

/* The JSON strings every mention of a gazetteer entry shares (a reference
 * each): made once, where building them per mention was a tenth of the
 * plugin's time in allocations. */
typedef struct entry_json {
	json_t *name, *kind;
} entry_json;

typedef struct entities_state {
	igt_host *host;
	bool typos, learn;
	gazetteer gaz;
	matcher m;
	definitions defs;
	mention_list mentions;
	strmap stat_index; /* canonical name -> stats */
	entity_stat *stats;
	size_t n_stats, cap_stats;
	size_t doc_serial;
	size_t *doc_stats; /* the stats the current document counted, in order */
	size_t n_doc_stats, cap_doc_stats;
	entry_json *entry_json; /* per gazetteer entry */
	json_t *source_json[3];
	/* The current document's mention values, by entity, source and
	 * surface (see mention_value). */
	strmap value_index;
	json_t **values;
	size_t n_values, cap_values;
	igt_buf value_key;
	/* The document's mentions, segment by segment (segment s's end at
	 * seg_ends[s]), kept until all are found: a typo counts only for
	 * an entity the document also names as written (confirmed[entry] is
	 * the serial of the last document that did). */
	mention *doc_mentions;
	size_t n_doc_mentions, cap_doc_mentions;
	size_t *seg_ends;
	size_t cap_seg_ends;
	size_t *confirmed;
	/* The first words of the document's people's names ("Jordan"): a
	 * country so written, addressing someone, is that person. */
	strmap name_words;
} entities_state;

static const char *const sources[] = {"gazetteer", "learned", "typo"};

/* The end of a document: its mentions hold their values. */
static void forget_values(entities_state *st)
{
	for (size_t i = 0; i < st->n_values; i++)
		json_decref(st->values[i]);
	st->n_values = 0;
	ent_map_free(&st->value_index);
}

static void entities_close(void *p)
{
	entities_state *st = p;
	if (!st)
		return;
	ent_matcher_free(&st->m);
	ent_defs_free(&st->defs);
	ent_mention_list_free(&st->mentions);
	for (size_t i = 0; i < st->n_stats; i++) {
		free(st->stats[i].name);
		free(st->stats[i].kind);
		json_decref(st->stats[i].documents);
	}
	free(st->stats);
	free(st->doc_stats);
	ent_map_free(&st->stat_index);
	for (size_t i = 0; st->entry_json && i < st->gaz.n_entries; i++) {
		json_decref(st->entry_json[i].name);
		json_decref(st->entry_json[i].kind);
	}
	free(st->entry_json);
	for (size_t i = 0; i < 3; i++)
		json_decref(st->source_json[i]);
	forget_values(st);
	free(st->values);
	igt_buf_free(&st->value_key);
	free(st->doc_mentions);
	free(st->seg_ends);
	free(st->confirmed);
	ent_map_free(&st->name_words);
	ent_gz_free(&st->gaz);
	free(st);
}

static int load_one(entities_state *st, const char *path)
{
	char err[300];
	if (ent_gz_load(&st->gaz, path, err, sizeof(err))) {
		igt_host_log(st->host, IGT_LOG_ERROR, "%s: %s", path, err);
		return IGT_ECONFIG;
	}
	return 0;
}

static int entities_open(void **state, const void *config, igt_host *host)
{
	const entities_config *cfg = config;
	entities_state *st = calloc(1, sizeof(*st));
	if (!st)
		abort();
	st->host = host;
	st->typos = cfg->typos;
	st->learn = cfg->learn;
	int rc = 0;
	if (cfg->default_gazetteer) {
		char *path = igt_data_find(DEFAULT_GAZETTEER);
		if (!path) {
			igt_host_log(host, IGT_LOG_ERROR, "cannot find the data file %s",
			             DEFAULT_GAZETTEER);
			rc = IGT_ECONFIG;
		} else {
			rc = load_one(st, path);
			free(path);
		}
	}
	for (size_t i = 0; !rc && i < cfg->gazetteer.n; i++)
		rc = load_one(st, cfg->gazetteer.items[i]);
	char err[300];
	if (!rc && ent_matcher_build(&st->m, &st->gaz, err, sizeof(err))) {
		igt_host_log(host, IGT_LOG_ERROR, "%s", err);
		rc = IGT_ECONFIG;
	}
	if (rc) {
		entities_close(st);
		return rc;
	}
	st->entry_json = calloc(st->gaz.n_entries ? st->gaz.n_entries : 1, sizeof(entry_json));
	st->confirmed = calloc(st->gaz.n_entries ? st->gaz.n_entries : 1, sizeof(size_t));
	if (!st->entry_json || !st->confirmed)
		abort();
	for (size_t i = 0; i < st->gaz.n_entries; i++) {
		const gz_entry *e = &st->gaz.entries[i];
		st->entry_json[i].name = json_string(e->name);
		st->entry_json[i].kind = e->kind ? json_string(e->kind) : json_null();
	}
	for (size_t i = 0; i < 3; i++)
		st->source_json[i] = json_string(sources[i]);
	*state = st;
	return 0;
}

/* The canonical name and kind of a mention. */
static void mention_entity(const entities_state *st, const mention *x, const char **name,
                           const char **kind)
{
	if (x->entry != STRMAP_NONE) {
		*name = st->gaz.entries[x->entry].name;
		*kind = st->gaz.entries[x->entry].kind;
	} else {
		*name = st->defs.items[x->learned].long_name;
		*kind = NULL;
	}
}

/* Count a mention in the document (counts are made into its metrics by
 * doc_counts) and in the corpus table. */
static void count(entities_state *st, const char *name, const char *kind, const char *doc_id)
{
	size_t *i = ent_map_put(&st->stat_index, name, strlen(name), st->n_stats);
	if (*i == st->n_stats) {
		if (st->n_stats == st->cap_stats) {
			st->cap_stats = st->cap_stats ? st->cap_stats * 2 : 64;
			st->stats = realloc(st->stats, st->cap_stats * sizeof(*st->stats));
			if (!st->stats)
				abort();
		}
		st->stats[st->n_stats++] = (entity_stat){
		    .name = igt_strndup(name, strlen(name)),
		    .kind = kind ? igt_strndup(kind, strlen(kind)) : NULL,
		    .last_doc = (size_t)-1,
		    .documents = json_array(),
		};
	}
	entity_stat *s = &st->stats[*i];
	s->mentions++;
	if (s->last_doc != st->doc_serial) {
		s->last_doc = st->doc_serial;
		s->in_doc = 0;
		json_array_append_new(s->documents, json_string(doc_id ? doc_id : ""));
		igt_array_grow((void **)&st->doc_stats, &st->cap_doc_stats, st->n_doc_stats + 1,
		               sizeof(*st->doc_stats));
		st->doc_stats[st->n_doc_stats++] = *i;
	}
	s->in_doc++;
}

/* The document's mentions per entity, in the order of their first
 * mention. */
static json_t *doc_counts(entities_state *st)
{
	json_t *counts = json_object();
	for (size_t i = 0; i < st->n_doc_stats; i++) {
		const entity_stat *s = &st->stats[st->doc_stats[i]];
		json_object_set_new_nocheck(counts, s->name, json_integer(s->in_doc));
	}
	st->n_doc_stats = 0;
	return counts;
}

/* The value of mention x (a new reference): one json_t per entity,
 * source and surface in a document, shared by its mentions. A transcript
 * names ICANN hundreds of times; one value saves building each of them,
 * and the JSON writers write a shared value once and copy its text. */
static json_t *mention_value(entities_state *st, igt_doc *doc, const mention *x,
                             const char *name, const char *text)
{
	igt_buf *key = &st->value_key;
	igt_buf_reset(key);
	igt_buf_add(key, name, strlen(name) + 1);
	igt_buf_addc(key, (char)('0' + x->source));
	igt_buf_addc(key, x->entry != STRMAP_NONE ? 'g' : 'l');
	igt_buf_add(key, text + x->start, x->len);
	size_t *slot = ent_map_put(&st->value_index, key->data, key->len, st->n_values);
	if (*slot != st->n_values)
		return json_incref(st->values[*slot]);
	json_t *v = json_object();
	if (x->entry != STRMAP_NONE) {
		json_object_set_nocheck(v, "name", st->entry_json[x->entry].name);
		json_object_set_nocheck(v, "kind", st->entry_json[x->entry].kind);
	} else {
		json_object_set_new_nocheck(v, "name", json_string(name));
		json_object_set_new_nocheck(v, "kind", json_null());
	}
	json_object_set_new_nocheck(v, "surface", igt_doc_json_string(doc, text + x->start, x->len));
	json_object_set_nocheck(v, "source", st->source_json[x->source]);
	igt_array_grow((void **)&st->values, &st->cap_values, st->n_values + 1, sizeof(*st->values));
	st->values[st->n_values++] = v;
	return json_incref(v);
}

/* Note the first words of the document's people's names of two words or
 * more ("Jordan" of Jordan Carter): a delegation's label ("Brazil") or a
 * name of one word names no one that way. */
static void gather_name_words(entities_state *st, const igt_doc *doc)
{
	ent_map_free(&st->name_words);
	for (size_t i = 0; i < igt_doc_person_count(doc); i++) {
		const char *name = igt_doc_person(doc, i)->name;
		const char *sp = name ? strchr(name, ' ') : NULL;
		if (sp && sp > name)
			ent_map_put(&st->name_words, name, (size_t)(sp - name), 1);
	}
}

static bool word_is_ci(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && strncasecmp(s, w, n) == 0;
}

/* Whether a mention of a country or region is a person addressed or
 * introduced by the first word of a name of the document: "Thanks
 * Jordan", "Chad, can you hear us?", "I'm Jordan from …" where Jordan
 * Carter and Chad Johnson speak. "The Government of Jordan" stays a
 * country. */
static bool person_word(const entities_state *st, const mention *x, const char *text,
                        size_t len)
{
	const char *kind = st->gaz.entries[x->entry].kind;
	if (!kind || (strcmp(kind, "country") != 0 && strcmp(kind, "region") != 0) ||
	    ent_map_get(&st->name_words, text + x->start, x->len) == STRMAP_NONE)
		return false;
	size_t e = x->start + x->len;
	if (e < len && (text[e] == ',' || text[e] == '?' || text[e] == '!'))
		return true;
	size_t b = x->start;
	while (b > 0 && text[b - 1] == ' ')
		b--;
	size_t a = b;
	while (a > 0 && text[a - 1] != ' ' && text[a - 1] != '\n')
		a--;
	static const char *const before[] = {"thanks", "thank", "i'm", "i\xe2\x80\x99m", "am",
	                                      "hi", "hello", "dear", "colleague", "welcome",
	                                      NULL};
	for (int i = 0; before[i]; i++)
		if (word_is_ci(text + a, b - a, before[i]))
			return true;
	return false;
}

static void annotate(entities_state *st, igt_doc *doc, size_t seg, const char *text,
                     size_t text_len, const mention *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const mention *x = &items[i]; /* keep_mentions left out SRC_SUPPRESS */
		/* "WIPRO" is WIPO mistyped only where the text names WIPO too. */
		if (x->source == SRC_TYPO && st->confirmed[x->entry] != st->doc_serial)
			continue;
		if (x->entry != STRMAP_NONE && person_word(st, x, text, text_len))
			continue;
		const char *name, *kind;
		mention_entity(st, x, &name, &kind);
		json_t *v = mention_value(st, doc, x, name, text);
		igt_span span = {x->start, x->len};
		igt_doc_add_annotation(doc, "entities", "entity", seg, span, v, x->score, 1);
		count(st, name, kind, igt_doc_get(doc, IGT_DOC_ID));
	}
}

/* Keep the segment's resolved mentions for the document; note the
 * entities named as written. */
static void keep_mentions(entities_state *st)
{
	const mention_list *l = &st->mentions;
	if (st->n_doc_mentions + l->n > st->cap_doc_mentions) {
		st->cap_doc_mentions = (st->n_doc_mentions + l->n) * 2;
		st->doc_mentions =
		    realloc(st->doc_mentions, st->cap_doc_mentions * sizeof(*st->doc_mentions));
		if (!st->doc_mentions)
			abort();
	}
	for (size_t i = 0; i < l->n; i++) {
		const mention *x = &l->items[i];
		if (x->source == SRC_SUPPRESS)
			continue;
		st->doc_mentions[st->n_doc_mentions++] = *x;
		if (x->source != SRC_TYPO && x->entry != STRMAP_NONE)
			st->confirmed[x->entry] = st->doc_serial;
	}
}

/* Mentions at a definition: the long name is the mention and the
 * acronym in parentheses beside it is not counted again. */
static void definition_mentions(entities_state *st, size_t seg)
{
	for (size_t i = 0; i < st->defs.n; i++) {
		const definition *d = &st->defs.items[i];
		if (d->segment != seg)
			continue;
		ent_mention_add(&st->mentions, (mention){.start = d->name_start,
		                                         .len = d->name_len,
		                                         .entry = d->entry,
		                                         .learned = i,
		                                         .source = SRC_LEARNED,
		                                         .prio = PRIO_LEARNED,
		                                         .score = d->score});
		ent_mention_add(&st->mentions, (mention){.start = d->acr_start,
		                                         .len = d->acr_len,
		                                         .entry = STRMAP_NONE,
		                                         .source = SRC_SUPPRESS,
		                                         .prio = PRIO_SUPPRESS});
	}
}

/* Words with two capitals or more (among the words with a capital that
 * ent_matcher_scan listed): later uses of learned acronyms, and mistyped
 * gazetteer acronyms. */
static void token_mentions(entities_state *st, size_t seg, const char *text)
{
	matcher *m = &st->m;
	for (size_t t = 0; t < m->n_tokens; t += 2) {
		size_t start = m->tokens[t], wlen = m->tokens[t + 1];
		const char *w = text + start;
		size_t upper = 0;
		for (size_t i = 0; i < wlen; i++)
			upper += w[i] >= 'A' && w[i] <= 'Z';
		if (upper < 2)
			continue;
		size_t d = ent_learn_find(&st->defs, w, wlen, seg, start);
		if (d == STRMAP_NONE) { /* NTIA-led: the part before the hyphen */
			const char *h = memchr(w, '-', wlen);
			wlen = h ? (size_t)(h - w) : wlen;
			d = ent_learn_find(&st->defs, w, wlen, seg, start);
		}
		size_t known = ent_map_get(&m->acronyms, w, wlen);
		if (d != STRMAP_NONE) {
			const definition *def = &st->defs.items[d];
			if (def->entry != STRMAP_NONE && known == def->entry)
				continue; /* the gazetteer's own acronym: found as such */
			ent_mention_add(&st->mentions, (mention){.start = start,
			                                         .len = wlen,
			                                         .entry = def->entry,
			                                         .learned = d,
			                                         .source = SRC_LEARNED,
			                                         .prio = PRIO_LEARNED,
			                                         .score = def->score});
			continue;
		}
		double score;
		size_t e;
		if (st->typos && known == STRMAP_NONE &&
		    (e = ent_matcher_typo(m, &st->gaz, w, wlen, &score)) != STRMAP_NONE)
			ent_mention_add(&st->mentions, (mention){.start = start,
			                                         .len = wlen,
			                                         .entry = e,
			                                         .source = SRC_TYPO,
			                                         .prio = PRIO_TYPO,
			                                         .score = score});
	}
}

static json_t *learned_metrics(const entities_state *st)
{
	json_t *list = json_array();
	for (size_t i = 0; i < st->defs.n; i++) {
		const definition *d = &st->defs.items[i];
		json_t *o =
		    json_pack("{s:s,s:s}", "acronym", d->acronym, "long_name", d->long_name);
		if (d->entry != STRMAP_NONE) {
			json_object_set_new(o, "entity",
			                    json_string(st->gaz.entries[d->entry].name));
			json_object_set_new(o, "score", json_real(d->score));
		} else if (d->candidate != STRMAP_NONE) {
			/* Same acronym, another name: maybe the same body, maybe not. */
			json_object_set_new(o, "candidate",
			                    json_string(st->gaz.entries[d->candidate].name));
			json_object_set_new(o, "candidate_score", json_real(d->candidate_score));
		}
		json_array_append_new(list, o);
	}
	return list;
}

static int entities_process(void *p, igt_doc *doc)
{
	entities_state *st = p;
	size_t nseg = igt_doc_segment_count(doc);
	ent_defs_reset(&st->defs);
	st->doc_serial++;
	for (size_t s = 0; st->learn && s < nseg; s++) {
		const igt_segment *seg = igt_doc_segment(doc, s);
		ent_learn_segment(&st->m, &st->gaz, seg->text, seg->text_len, s, &st->defs);
	}
	st->n_doc_stats = 0;
	st->n_doc_mentions = 0;
	if (nseg > st->cap_seg_ends) {
		st->cap_seg_ends = nseg;
		st->seg_ends = realloc(st->seg_ends, nseg * sizeof(*st->seg_ends));
		if (!st->seg_ends)
			abort();
	}
	for (size_t s = 0; s < nseg; s++) {
		const igt_segment *seg = igt_doc_segment(doc, s);
		st->mentions.n = 0;
		ent_matcher_scan(&st->m, &st->gaz, seg->text, seg->text_len, &st->mentions);
		definition_mentions(st, s);
		token_mentions(st, s, seg->text);
		ent_mention_resolve(&st->mentions, seg->text_len);
		keep_mentions(st);
		st->seg_ends[s] = st->n_doc_mentions;
	}
	gather_name_words(st, doc);
	for (size_t s = 0, from = 0; s < nseg; from = st->seg_ends[s++])
		annotate(st, doc, s, igt_doc_segment(doc, s)->text, igt_doc_segment(doc, s)->text_len,
		         st->doc_mentions + from, st->seg_ends[s] - from);
	forget_values(st);
	json_object_set_new(
	    igt_doc_metrics(doc), "entities",
	    json_pack("{s:o,s:o}", "counts", doc_counts(st), "learned", learned_metrics(st)));
	return 0;
}

static int entities_finish(void *p)
{
	entities_state *st = p;
	for (size_t i = 0; i < st->n_stats; i++) {
		const entity_stat *s = &st->stats[i];
		json_t *row = json_pack("{s:s,s:o,s:I,s:O}", "name", s->name, "kind",
		                        s->kind ? json_string(s->kind) : json_null(), "mentions",
		                        (json_int_t)s->mentions, "documents", s->documents);
		int rc = igt_host_table_row(st->host, "entities", row);
		if (rc)
			return rc;
	}
	return 0;
}

IGT_PLUGIN_DEFINE(entities) = {
    .abi = IGT_PLUGIN_ABI,
    .size = sizeof(igt_plugin),
    .name = "entities",
    .version = "1.0",
    .summary = "mentions of bodies, countries, regions, processes and instruments, with spans",
    .kind = IGT_ANALYSIS,
    .options = entities_options,
    .config_size = sizeof(entities_config),
    .open = entities_open,
    .close = entities_close,
    .op.analysis = {.process = entities_process, .finish = entities_finish},
};
