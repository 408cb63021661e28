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
	igt_strlist skip_types;
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
    {"skip_types", IGT_OPT_LIST, "[boilerplate, quote]", 0, offsetof(entities_config, skip_types),
     "segment types whose mentions are not counted (a reply's entities are what it says, not "
     "the message it quotes; [] counts every segment)"},
    {0},
};

/* One row of the corpus table. */
typedef struct entity_stat {
	char *name;
	char *kind; /* NULL: a learned entity of unknown kind */
	uint64_t mentions;
	size_t last_doc;   /* the document serial that last counted it */
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
	const igt_strlist *skip_types;
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
	size_t *entry_stat;     /* per gazetteer entry: its row of stats, once counted */
	bool *entry_place;      /* per gazetteer entry: a country or region */
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
	 * country so written, addressing someone, is that person; and each
	 * two neighbouring words of those names, in lower case ("sarah
	 * jordan"): a country written beside the other word is the person. */
	strmap name_words;
	strmap name_pairs;
	igt_buf pair_key;
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
	free(st->entry_stat);
	free(st->entry_place);
	for (size_t i = 0; i < 3; i++)
		json_decref(st->source_json[i]);
	forget_values(st);
	free(st->values);
	igt_buf_free(&st->value_key);
	free(st->doc_mentions);
	free(st->seg_ends);
	free(st->confirmed);
	ent_map_free(&st->name_words);
	ent_map_free(&st->name_pairs);
	igt_buf_free(&st->pair_key);
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
	st->skip_types = &cfg->skip_types;
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
	st->entry_stat = calloc(st->gaz.n_entries ? st->gaz.n_entries : 1, sizeof(size_t));
	st->entry_place = calloc(st->gaz.n_entries ? st->gaz.n_entries : 1, sizeof(bool));
	if (!st->entry_json || !st->confirmed || !st->entry_stat || !st->entry_place)
		abort();
	for (size_t i = 0; i < st->gaz.n_entries; i++) {
		const gz_entry *e = &st->gaz.entries[i];
		st->entry_json[i].name = json_string(e->name);
		st->entry_json[i].kind = e->kind ? json_string(e->kind) : json_null();
		st->entry_stat[i] = STRMAP_NONE;
		st->entry_place[i] =
		    e->kind && (strcmp(e->kind, "country") == 0 || strcmp(e->kind, "region") == 0);
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

/* The row of stats of an entity, added when new. */
static size_t stat_row(entities_state *st, const char *name, const char *kind)
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
	return *i;
}

/* Count a mention x of an entity in the document (counts are made into
 * its metrics by doc_counts) and in the corpus table. A gazetteer entry
 * keeps its row, found by name once: entries' names are unique. */
static void count(entities_state *st, const mention *x, const char *name, const char *kind,
                  const char *doc_id)
{
	size_t i;
	if (x->entry == STRMAP_NONE)
		i = stat_row(st, name, kind);
	else if ((i = st->entry_stat[x->entry]) == STRMAP_NONE)
		i = st->entry_stat[x->entry] = stat_row(st, name, kind);
	entity_stat *s = &st->stats[i];
	s->mentions++;
	if (s->last_doc != st->doc_serial) {
		s->last_doc = st->doc_serial;
		s->in_doc = 0;
		json_array_append_new(s->documents, json_string(doc_id ? doc_id : ""));
		igt_array_grow((void **)&st->doc_stats, &st->cap_doc_stats, st->n_doc_stats + 1,
		               sizeof(*st->doc_stats));
		st->doc_stats[st->n_doc_stats++] = i;
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
 * and the JSON writers write a shared value once and copy its text. A
 * gazetteer entity is keyed by its entry (a NUL first, which no name
 * begins with), a learned one by its name. */
static json_t *mention_value(entities_state *st, igt_doc *doc, const mention *x, const char *name,
                             const char *text)
{
	igt_buf *key = &st->value_key;
	igt_buf_reset(key);
	if (x->entry != STRMAP_NONE) {
		igt_buf_addc(key, '\0');
		igt_buf_add(key, (const char *)&x->entry, sizeof(x->entry));
	} else {
		igt_buf_add(key, name, strlen(name) + 1);
	}
	igt_buf_addc(key, (char)('0' + x->source));
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
	json_object_set_new_nocheck(v, "surface",
	                            igt_doc_json_string(doc, text + x->start, x->len));
	json_object_set_nocheck(v, "source", st->source_json[x->source]);
	igt_array_grow((void **)&st->values, &st->cap_values, st->n_values + 1,
	               sizeof(*st->values));
	st->values[st->n_values++] = v;
	return json_incref(v);
}

/* key = a[0..an) ' ' b[0..bn), ASCII letters in lower case. */
static void pair_key(igt_buf *key, const char *a, size_t an, const char *b, size_t bn)
{
	igt_buf_reset(key);
	igt_buf_add(key, a, an);
	igt_buf_addc(key, ' ');
	igt_buf_add(key, b, bn);
	for (size_t i = 0; i < key->len; i++)
		if (key->data[i] >= 'A' && key->data[i] <= 'Z')
			key->data[i] = (char)(key->data[i] + 32);
}

/* Whether a person's name is a body's ("Government of India", "Mission
 * of Brazil", as a delegation's label reads): it has a small word. */
static bool body_name(const char *name)
{
	static const char *const small[] = {"of", "the", "and", "for", "to", NULL};
	for (const char *w = name; *w;) {
		size_t n = strcspn(w, " ");
		for (size_t i = 0; small[i]; i++)
			if (n == strlen(small[i]) && strncasecmp(w, small[i], n) == 0)
				return true;
		w += n;
		w += strspn(w, " ");
	}
	return false;
}

/* Note the first words of the document's people's names of two words or
 * more ("Jordan" of Jordan Carter), and their neighbouring words: a
 * delegation's label ("Brazil", "Government of India") or a name of one
 * word names no one that way. */
static void gather_name_words(entities_state *st, const igt_doc *doc)
{
	ent_map_free(&st->name_words);
	ent_map_free(&st->name_pairs);
	for (size_t i = 0; i < igt_doc_person_count(doc); i++) {
		const char *name = igt_doc_person(doc, i)->name;
		const char *sp = name ? strchr(name, ' ') : NULL;
		if (!sp || sp == name || body_name(name))
			continue;
		ent_map_put(&st->name_words, name, (size_t)(sp - name), 1);
		for (const char *w = name; sp; w = sp + 1, sp = strchr(w, ' ')) {
			const char *next = sp + 1, *end = strchr(next, ' ');
			size_t nn = end ? (size_t)(end - next) : strlen(next);
			pair_key(&st->pair_key, w, (size_t)(sp - w), next, nn);
			ent_map_put(&st->name_pairs, st->pair_key.data, st->pair_key.len, 1);
		}
	}
}

/* Whether a[0..an) b[0..bn) are two neighbouring words of a name of the
 * document's people. */
static bool name_pair(entities_state *st, const char *a, size_t an, const char *b, size_t bn)
{
	if (!st->name_pairs.n)
		return false;
	pair_key(&st->pair_key, a, an, b, bn);
	return ent_map_get(&st->name_pairs, st->pair_key.data, st->pair_key.len) != STRMAP_NONE;
}

static bool word_is_ci(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && strncasecmp(s, w, n) == 0;
}

static bool word_byte(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c >= 0x80 || c == '\'' || c == '.' || c == '-';
}

/* The word that ends before b (past spaces and one comma): [*a, *e). */
static void word_before(const char *text, size_t b, size_t *a, size_t *e)
{
	while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == '\t'))
		b--;
	if (b > 0 && text[b - 1] == ',')
		b--;
	size_t x = b;
	while (x > 0 && word_byte((unsigned char)text[x - 1]))
		x--;
	*a = x;
	*e = b;
}

/* The word that starts after e (past spaces): [*a, *b). */
static void word_after(const char *text, size_t len, size_t e, size_t *a, size_t *b)
{
	while (e < len && (text[e] == ' ' || text[e] == '\t'))
		e++;
	size_t x = e;
	while (x < len && word_byte((unsigned char)text[x]) && text[x] != '.')
		x++;
	*a = e;
	*b = x;
}

/* Whether text[a..b) is the whole of its line, but for spaces and a final
 * punctuation mark. */
static bool alone_on_line(const char *text, size_t len, size_t a, size_t b)
{
	while (a > 0 && (text[a - 1] == ' ' || text[a - 1] == '\t'))
		a--;
	if (b < len && strchr(".,!", text[b]))
		b++;
	while (b < len && (text[b] == ' ' || text[b] == '\t'))
		b++;
	return (a == 0 || text[a - 1] == '\n') && (b == len || text[b] == '\n');
}

/* Whether a mention of a country or region is a person:
 *   - after a title: "Ms. Jordan", "Ambassador Chad", in any document;
 *   - beside the word next to it in the name of one of the document's
 *     people: "Sarah Jordan, from ICANN", where Sarah Jordan speaks;
 *   - the first word of such a name, addressing, introducing or quoting
 *     that person: "Thanks Jordan", "Thank you, Chad.", "Chad, can you
 *     hear us?", "I'm Jordan from …", "As Chad said", or alone on its
 *     line, as a mail is signed ("Cheers,\nJordan").
 * "The Government of Jordan" stays a country, and so do the labels of
 * delegations, whose names are one word. */
static bool person_word(entities_state *st, const mention *x, const char *text, size_t len)
{
	if (!st->entry_place[x->entry])
		return false;
	size_t s = x->start, e = x->start + x->len, pa, pb, na, nb;
	word_before(text, s, &pa, &pb);
	bool next_to = pb > pa && (pb == s || text[pb] != ','); /* no comma between */
	if (next_to && igt_name_honorific(text + pa, pb - pa))
		return true;
	word_after(text, len, e, &na, &nb);
	if ((next_to && name_pair(st, text + pa, pb - pa, text + s, x->len)) ||
	    (nb > na && na > e && name_pair(st, text + s, x->len, text + na, nb - na)))
		return true;
	if (ent_map_get(&st->name_words, text + s, x->len) == STRMAP_NONE)
		return false;
	if (e < len && (text[e] == ',' || text[e] == '?' || text[e] == '!'))
		return true;
	if (alone_on_line(text, len, s, e))
		return true;
	static const char *const before[] = {"thanks",    "thank",   "i'm",   "i\xe2\x80\x99m",
	                                     "am",        "hi",      "hello", "dear",
	                                     "colleague", "welcome", NULL};
	for (int i = 0; before[i]; i++)
		if (word_is_ci(text + pa, pb - pa, before[i]))
			return true;
	if (word_is_ci(text + pa, pb - pa, "you")) { /* "Thank you, Chad." */
		size_t qa, qb;
		word_before(text, pa, &qa, &qb);
		if (word_is_ci(text + qa, qb - qa, "thank"))
			return true;
	}
	/* "As Chad said", "like Jordan noted": quoting. A country says and
	 * notes things too ("Jordan said last year that it would join"). */
	static const char *const verbs[] = {"said",      "says",      "mentioned", "noted",
	                                    "asked",     "pointed",   "argued",    "wrote",
	                                    "suggested", "explained", NULL};
	if (!word_is_ci(text + pa, pb - pa, "as") && !word_is_ci(text + pa, pb - pa, "like"))
		return false;
	for (int i = 0; verbs[i]; i++)
		if (word_is_ci(text + na, nb - na, verbs[i]))
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
		/* "AU$ 50,000", "US$ 4 million": a currency, not the body or country. */
		if (x->start + x->len < text_len && text[x->start + x->len] == '$')
			continue;
		if (x->entry != STRMAP_NONE && person_word(st, x, text, text_len))
			continue;
		const char *name, *kind;
		mention_entity(st, x, &name, &kind);
		json_t *v = mention_value(st, doc, x, name, text);
		igt_span span = {x->start, x->len};
		igt_doc_add_annotation(doc, "entities", "entity", seg, span, v, x->score, 1);
		count(st, x, name, kind, igt_doc_get(doc, IGT_DOC_ID));
	}
}

/* Keep the segment's resolved mentions for the document; note the
 * entities named as written. */
static void keep_mentions(entities_state *st)
{
	const mention_list *l = &st->mentions;
	igt_array_grow((void **)&st->doc_mentions, &st->cap_doc_mentions, st->n_doc_mentions + l->n,
	               sizeof(*st->doc_mentions));
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

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool white(char c)
{
	return blank(c) || c == '\n' || c == '\r';
}

/* Whether two mentions name one entity: the same entry, or the same
 * definition of an acronym no entry has. */
static bool same_entity(const mention *x, const mention *y)
{
	return x->entry == y->entry && (x->entry != STRMAP_NONE || x->learned == y->learned);
}

/* Whether y is the whole of a parenthesis right after x: "x (y)", with
 * any white space before the '(' (a name may end a wrapped line) and
 * spaces or tabs inside it. */
static bool in_parenthesis_after(const mention *x, const mention *y, const char *text, size_t len)
{
	size_t p = x->start + x->len;
	while (p < y->start && white(text[p]))
		p++;
	if (p == y->start || text[p++] != '(')
		return false;
	while (p < y->start && blank(text[p]))
		p++;
	if (p != y->start)
		return false;
	for (p = y->start + y->len; p < len && blank(text[p]); p++)
		;
	return p < len && text[p] == ')';
}

/* "Japan Network Information Center (JPNIC)", "ICANN (Internet
 * Corporation for Assigned Names and Numbers)": two forms of one entity,
 * one beside the other in parentheses, whatever their letters, are one
 * mention, as at a definition: the long name's (a name over an acronym
 * over a typo, then the longer), and the other is not counted. Only the
 * mentions already found are looked at, where one ends right before a
 * '(' or white space: no new scan of the text. */
static void pair_mentions(mention_list *l, const char *text, size_t len)
{
	for (size_t i = 0; i + 1 < l->n; i++) {
		mention *x = &l->items[i], *y = &l->items[i + 1];
		size_t end = x->start + x->len;
		if (end >= len || (text[end] != '(' && !white(text[end])))
			continue;
		if (x->source == SRC_SUPPRESS || y->source == SRC_SUPPRESS || !same_entity(x, y) ||
		    !in_parenthesis_after(x, y, text, len))
			continue;
		bool keep_x = x->prio != y->prio ? x->prio > y->prio : x->len >= y->len;
		(keep_x ? y : x)->source = SRC_SUPPRESS;
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
	igt_array_grow((void **)&st->seg_ends, &st->cap_seg_ends, nseg, sizeof(*st->seg_ends));
	for (size_t s = 0; s < nseg; s++) {
		const igt_segment *seg = igt_doc_segment(doc, s);
		st->seg_ends[s] = st->n_doc_mentions;
		if (igt_strlist_has(st->skip_types, seg->type))
			continue; /* its definitions are learnt all the same */
		st->mentions.n = 0;
		ent_matcher_scan(&st->m, &st->gaz, seg->text, seg->text_len, &st->mentions);
		definition_mentions(st, s);
		token_mentions(st, s, seg->text);
		ent_mention_resolve(&st->mentions, seg->text_len);
		pair_mentions(&st->mentions, seg->text, seg->text_len);
		keep_mentions(st);
		st->seg_ends[s] = st->n_doc_mentions;
	}
	gather_name_words(st, doc);
	for (size_t s = 0, from = 0; s < nseg; from = st->seg_ends[s++])
		annotate(st, doc, s, igt_doc_segment(doc, s)->text,
		         igt_doc_segment(doc, s)->text_len, st->doc_mentions + from,
		         st->seg_ends[s] - from);
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
