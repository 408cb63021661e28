/* SPDX-License-Identifier: MIT */
/*
 * captions: real-time captioning (CART) transcripts as the IGF and similar
 * forums publish them. A file is one session: a title line ("IGF 2020 -
 * Day 7 - WS 81 Overcoming ..."), the captioning disclaimer, then speaker
 * turns introduced by ">> NAME:" with continuation paragraphs, and
 * captioner notes such as "(Applause)" or "[ Inaudible ]".
 *
 * One input gives one document of kind "transcript". The title line is
 * read into event, day, room, session code and title; the disclaimer is
 * boilerplate; each paragraph of a turn is a "turn" segment carrying the
 * speaker's normalised name, and fields.turns groups the segments into
 * turns; captioner notes are "non_speech" segments of their own, so they
 * never count as the speaker's words. Labels that name a role and not a
 * person (MODERATOR, SPEAKER 1, IGF SUPPORT STAFF) give a person with no
 * name and that role, and turns with no named speaker.
 *
 * Reading is one pass over the lines; the only text kept is the current
 * paragraph and, for the head of the file, one line whose meaning depends
 * on the line after it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include <igtext/igtext.h>

#define LABEL_MAX 120   /* longest "NAME, AFFILIATION" label, in bytes */
#define MARKER_MAX 64   /* longest captioner note inside its brackets */
#define TITLE_SCAN 8192 /* the head ends here even without a label */
#define TITLE_MAX 512   /* a longer first line is text, not a title */

/* ---- configuration ---- */

typedef struct captions_config {
	igt_strlist non_speech;
	bool comma_affiliation;
	bool country_labels;
	char *countries;
} captions_config;

static const igt_option captions_options[] = {
	{"non_speech", IGT_OPT_LIST, NULL, 0, offsetof(captions_config, non_speech),
	 "more captioner notes, besides the built-in ones, that make a bracketed phrase a "
	 "non_speech segment (matched ignoring case and inner spaces)"},
	{"comma_affiliation", IGT_OPT_BOOL, "true", 0, offsetof(captions_config, comma_affiliation),
	 "read \">> NAME, TEXT:\" as a name and an affiliation; turn off for labels written "
	 "\"SURNAME, GIVEN NAME\""},
	{"country_labels", IGT_OPT_BOOL, "true", 0, offsetof(captions_config, country_labels),
	 "read a label that is a country's name (\">> BRAZIL:\") as that country's delegation, "
	 "not as a person named Brazil"},
	{"countries", IGT_OPT_PATH, NULL, 0, offsetof(captions_config, countries),
	 "gazetteer whose entries of kind country name the countries (default: the shipped "
	 "gazetteers/internet-governance.yaml)"},
	{0},
};

/* String to index, open addressing. The keys stay where they are: key()
 * reads entry idx's key out of owner. */
typedef struct strmap {
	size_t *slot; /* index + 1; 0 is empty */
	size_t cap, n;
	const char *(*key)(const void *owner, size_t idx, size_t *len);
	const void *owner;
} strmap;

/* The countries a label may name: every name and alias of the
 * gazetteer's entries of kind country, folded (country_fold), each
 * pointing at its entry's name as the list writes it. */
typedef struct country_table {
	char **names;        /* canonical: "Brazil", "South Korea" */
	size_t n_names, cap_names;
	char **forms;        /* folded: "brazil", "republic of korea" */
	size_t *form_name;   /* index into names */
	size_t n_forms, cap_forms;
	strmap map;          /* form -> index into forms */
} country_table;

typedef struct captions_state {
	bool comma_affiliation;
	char **markers; /* the non_speech option, folded like a note */
	size_t n_markers;
	country_table *countries; /* NULL when country_labels is off */
} captions_state;

/* ---- small text helpers ---- */

static int is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_lower(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int is_alnum(unsigned char c)
{
	return is_upper(c) || is_lower(c) || is_digit(c);
}

static unsigned char fold(unsigned char c)
{
	return is_upper(c) ? (unsigned char)(c + 32) : c;
}

/* The byte at s[i] as a number. */
static unsigned char u8(const char *s, size_t i)
{
	return (unsigned char)s[i];
}

/* Length of the dash at s[i]: 1 for '-', 3 for U+2010..U+2015 (hyphens,
 * en and em dashes), else 0. */
static size_t dash_at(const char *s, size_t i, size_t n)
{
	if (i < n && s[i] == '-')
		return 1;
	if (i < n && n - i >= 3 && u8(s, i) == 0xE2 && u8(s, i + 1) == 0x80 &&
	    u8(s, i + 2) >= 0x90 && u8(s, i + 2) <= 0x95)
		return 3;
	return 0;
}

/* ASCII case-insensitive comparison of n bytes. */
static int ieq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (fold((unsigned char)a[i]) != fold((unsigned char)b[i]))
			return 0;
	return 1;
}

/* Whether s[0..n) starts with the lower-case word w, ignoring case. */
static int istarts(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	return n >= k && ieq(s, w, k);
}

/*
 * Length of the white space character at s[i], or 0. Besides ASCII this
 * counts the Unicode spaces captioning tools indent with (U+00A0 above
 * all), U+2000-U+200B, U+202F, U+205F, U+3000 and U+FEFF.
 */
static size_t space_at(const char *s, size_t i, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char c = u[i];
	if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
		return 1;
	if (c < 0xC2)
		return 0;
	if (c == 0xC2)
		return i + 1 < n && u[i + 1] == 0xA0 ? 2 : 0;
	if (i + 2 >= n)
		return 0;
	unsigned char d = u[i + 1], e = u[i + 2];
	if ((c == 0xE2 && d == 0x80 && (e <= 0x8B || e == 0xAF)) ||
	    (c == 0xE2 && d == 0x81 && e == 0x9F) || (c == 0xE3 && d == 0x80 && e == 0x80) ||
	    (c == 0xEF && d == 0xBB && e == 0xBF) || (c == 0xE1 && d == 0x9A && e == 0x80))
		return 3;
	return 0;
}

/* Length of the white space character ending at s[j-1] (not before lo). */
static size_t space_before(const char *s, size_t j, size_t lo)
{
	if (j <= lo)
		return 0;
	if (space_at(s, j - 1, j) == 1)
		return 1;
	if (j - lo >= 2 && space_at(s, j - 2, j) == 2)
		return 2;
	if (j - lo >= 3 && space_at(s, j - 3, j) == 3)
		return 3;
	return 0;
}

static void trim(const char *s, size_t *a, size_t *b)
{
	size_t w;
	while (*a < *b && (w = space_at(s, *a, *b)))
		*a += w;
	while (*b > *a && (w = space_before(s, *b, *a)))
		*b -= w;
}

static size_t skip_space(const char *s, size_t i, size_t n)
{
	size_t w;
	while (i < n && (w = space_at(s, i, n)))
		i += w;
	return i;
}

/* ---- string maps ---- */

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static long map_get(const strmap *m, const char *k, size_t n)
{
	if (!m->cap)
		return -1;
	for (size_t h = (size_t)hash_bytes(k, n) & (m->cap - 1);; h = (h + 1) & (m->cap - 1)) {
		if (!m->slot[h])
			return -1;
		size_t len;
		const char *key = m->key(m->owner, m->slot[h] - 1, &len);
		if (len == n && memcmp(key, k, n) == 0)
			return (long)(m->slot[h] - 1);
	}
}

static void map_put(strmap *m, size_t idx)
{
	if ((m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		strmap g = {calloc(cap, sizeof(size_t)), cap, 0, m->key, m->owner};
		if (!g.slot)
			abort();
		for (size_t i = 0; i < m->cap; i++)
			if (m->slot[i])
				map_put(&g, m->slot[i] - 1);
		free(m->slot);
		*m = g;
	}
	size_t len;
	const char *key = m->key(m->owner, idx, &len);
	size_t h = (size_t)hash_bytes(key, len) & (m->cap - 1);
	while (m->slot[h])
		h = (h + 1) & (m->cap - 1);
	m->slot[h] = idx + 1;
	m->n++;
}

/* ---- countries: ">> BRAZIL:" is Brazil's delegation ---- */

#define COUNTRY_FOLD_MAX (2 * LABEL_MAX + 8) /* "&" grows into "and" */

/*
 * Fold a country's name as a label or the list may write it: ASCII and
 * Latin-1 capitals (UTF-8 À..Þ) in lower case, runs of white space and
 * hyphens as one space ("GUINEA BISSAU"), "’" as "'", "&" as "and", and
 * no "the" in front ("THE GAMBIA", "THE NETHERLANDS"). Returns the
 * length written to out (size bytes with the NUL), 0 when it does not
 * fit or nothing is left.
 */
static size_t country_fold(const char *s, size_t n, char *out, size_t size)
{
	size_t o = 0;
	int space = 0;
	for (size_t i = 0; i < n;) {
		size_t w = space_at(s, i, n);
		if (w || s[i] == '-') {
			space = 1;
			i += w ? w : 1;
			continue;
		}
		char tmp[2];
		const char *add = tmp;
		size_t k = 1, used = 1;
		unsigned char c = u8(s, i);
		if (c == '&') {
			add = "and";
			k = 3;
			space = 1;
		} else if (c == 0xE2 && n - i >= 3 && u8(s, i + 1) == 0x80 && u8(s, i + 2) == 0x99) {
			tmp[0] = '\'';
			used = 3;
		} else if (c == 0xC3 && n - i >= 2 && u8(s, i + 1) >= 0x80 && u8(s, i + 1) <= 0x9E &&
		           u8(s, i + 1) != 0x97) {
			tmp[0] = s[i];
			tmp[1] = (char)(u8(s, i + 1) + 0x20);
			k = used = 2;
		} else {
			tmp[0] = (char)fold(c);
		}
		if (o + 1 + k + 1 > size)
			return 0;
		if (space && o)
			out[o++] = ' ';
		space = c == '&';
		memcpy(out + o, add, k);
		o += k;
		i += used;
	}
	out[o] = '\0';
	if (o > 4 && memcmp(out, "the ", 4) == 0) {
		memmove(out, out + 4, o - 3);
		o -= 4;
	}
	return o;
}

static const char *country_form_key(const void *owner, size_t idx, size_t *len)
{
	const country_table *ct = owner;
	*len = strlen(ct->forms[idx]);
	return ct->forms[idx];
}

/* The country t[0..n) names, the whole of it: the list's name for it
 * ("REPUBLIC OF KOREA" is South Korea), or NULL. */
static const char *country_find(const country_table *ct, const char *t, size_t n)
{
	char f[COUNTRY_FOLD_MAX];
	size_t k = country_fold(t, n, f, sizeof(f));
	long i = k ? map_get(&ct->map, f, k) : -1;
	return i >= 0 ? ct->names[ct->form_name[i]] : NULL;
}

static void country_form_add(country_table *ct, size_t name, const char *form)
{
	char f[COUNTRY_FOLD_MAX];
	size_t k = country_fold(form, strlen(form), f, sizeof(f));
	if (!k || map_get(&ct->map, f, k) >= 0)
		return; /* a form two entries share names the first */
	if (ct->n_forms == ct->cap_forms) {
		size_t cap = ct->cap_forms;
		igt_array_grow((void **)&ct->forms, &cap, ct->n_forms + 1, sizeof(*ct->forms));
		igt_array_grow((void **)&ct->form_name, &ct->cap_forms, ct->n_forms + 1,
		               sizeof(*ct->form_name));
	}
	ct->forms[ct->n_forms] = igt_strndup(f, k);
	ct->form_name[ct->n_forms] = name;
	map_put(&ct->map, ct->n_forms++);
}

static void country_table_free(country_table *ct)
{
	if (!ct)
		return;
	for (size_t i = 0; i < ct->n_names; i++)
		free(ct->names[i]);
	for (size_t i = 0; i < ct->n_forms; i++)
		free(ct->forms[i]);
	free(ct->names);
	free(ct->forms);
	free(ct->form_name);
	free(ct->map.slot);
	free(ct);
}

static const char *yaml_text(yaml_node_t *node)
{
	return node && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value
	                                              : NULL;
}

static yaml_node_t *yaml_value(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		const char *k = yaml_text(yaml_document_get_node(doc, p->key));
		if (k && strcmp(k, key) == 0)
			return yaml_document_get_node(doc, p->value);
	}
	return NULL;
}

/* One entry of the gazetteer: its name and aliases when its kind is
 * country. Acronyms are left out: "US" and "UK" are words and initials
 * too, and no captioner writes a delegation so. */
static void country_entry(country_table *ct, yaml_document_t *doc, yaml_node_t *e)
{
	const char *kind = yaml_text(yaml_value(doc, e, "kind"));
	const char *name = yaml_text(yaml_value(doc, e, "name"));
	if (!kind || strcmp(kind, "country") != 0 || !name || !*name)
		return;
	if (ct->n_names == ct->cap_names)
		igt_array_grow((void **)&ct->names, &ct->cap_names, ct->n_names + 1,
		               sizeof(*ct->names));
	size_t idx = ct->n_names++;
	ct->names[idx] = igt_strndup(name, strlen(name));
	country_form_add(ct, idx, name);
	yaml_node_t *aliases = yaml_value(doc, e, "aliases");
	const char *one = yaml_text(aliases);
	if (one)
		country_form_add(ct, idx, one);
	else if (aliases && aliases->type == YAML_SEQUENCE_NODE)
		for (yaml_node_item_t *it = aliases->data.sequence.items.start;
		     it < aliases->data.sequence.items.top; it++) {
			const char *a = yaml_text(yaml_document_get_node(doc, *it));
			if (a)
				country_form_add(ct, idx, a);
		}
}

/*
 * Read the countries of a gazetteer (the entities plugin's format: a
 * mapping whose "entities" list holds {name, kind, aliases, …}); other
 * kinds and keys are left to that plugin. Returns the table, or NULL
 * with a message in err.
 */
static country_table *countries_load(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	country_table *ct = calloc(1, sizeof(*ct));
	if (!ct)
		abort();
	ct->map.key = country_form_key;
	ct->map.owner = ct;
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &doc)) {
		snprintf(err, errlen, "%s:%lu:%lu: %s", path,
		         (unsigned long)parser.problem_mark.line + 1,
		         (unsigned long)parser.problem_mark.column + 1,
		         parser.problem ? parser.problem : "YAML error");
		country_table_free(ct);
		ct = NULL;
	} else {
		yaml_node_t *list = yaml_value(&doc, yaml_document_get_root_node(&doc), "entities");
		if (list && list->type == YAML_SEQUENCE_NODE)
			for (yaml_node_item_t *it = list->data.sequence.items.start;
			     it < list->data.sequence.items.top; it++)
				country_entry(ct, &doc, yaml_document_get_node(&doc, *it));
		yaml_document_delete(&doc);
		if (ct->n_names == 0) {
			snprintf(err, errlen, "%s: no entries of kind country", path);
			country_table_free(ct);
			ct = NULL;
		}
	}
	yaml_parser_delete(&parser);
	fclose(f);
	return ct;
}

/* ---- captioner notes: "(Applause)", "[ Inaudible ]" ---- */

static const char *const note_phrases[] = {
	"adjourned", "applause", "background noise", "bell", "bell rings", "break", "brief pause",
	"captioner standing by", "cheering", "cheers", "chuckles", "chuckling", "coffee break",
	"coughing", "coughs", "cross talk", "cross-talk", "crosstalk", "echo", "end of meeting",
	"end of session", "feedback", "garbled", "gavel", "inaudible", "indiscernible",
	"indistinct", "interpretation", "laughing", "laughs", "laughter", "long pause",
	"lunch break", "meeting adjourned", "mic off", "microphone muted", "multiple speakers",
	"music", "music playing", "muted", "no audio", "no interpretation", "no sound", "off mic",
	"off microphone", "off-mic", "off-microphone", "overlapping speakers", "overlapping voices",
	"pause", "pausing", "playing video", "poor audio", "recess", "session concluded",
	"session ended", "session ends", "sighs", "silence", "singing", "sound check",
	"speaking simultaneously", "stand by", "standby", "standing by", "static", "unclear",
	"unintelligible", "video", "video playing", "video plays", "video presentation",
	/* Chinese, in full-width brackets: applause, laughter, inaudible,
	 * music, no sound, silence, pause. */
	"\xE6\x8E\x8C\xE5\xA3\xB0", "\xE7\xAC\x91\xE5\xA3\xB0",
	"\xE5\x90\xAC\xE4\xB8\x8D\xE6\xB8\x85", "\xE9\x9F\xB3\xE4\xB9\x90",
	"\xE6\x97\xA0\xE5\xA3\xB0\xE9\x9F\xB3", "\xE6\xB2\x89\xE9\xBB\x98",
	"\xE6\x9A\x82\xE5\x81\x9C", NULL,
};

/* A note may also be one of these words, alone or followed by more
 * ("Inaudible 10:32", "Audio cutting out", "Speaking French", "Session
 * concluded at 16:15"). */
static const char *const note_prefixes[] = {
	"adjourned", "applause", "audio", "break for", "break of", "break until", "break till",
	"captioner", "crosstalk", "end of", "inaudible",
	"indiscernible", "interpretation", "interpreter", "laughter", "lunch break",
	"meeting adjourned", "meeting closed", "meeting concluded", "meeting ended", "music",
	"no audio", "off mic", "pause", "recess", "session adjourned", "session closed",
	"session concluded", "session ended", "session ends", "silence", "speaking",
	"technical difficulties", "technical difficulty", "technical issue", "technical issues",
	"technical problem", "technical problems", "unintelligible", "video", NULL,
};

/* Fold the inside of a bracket pair for comparison: lower case, runs of
 * white space as one space, no final dot. 0 when it cannot be a note. */
static size_t note_fold(const char *s, size_t a, size_t b, char *out)
{
	size_t o = 0;
	int space = 0;
	trim(s, &a, &b);
	if (b > a && s[b - 1] == '.')
		b--;
	trim(s, &a, &b);
	for (size_t i = a; i < b;) {
		size_t w = space_at(s, i, b);
		if (w) {
			space = 1;
			i += w;
			continue;
		}
		if (o + 2 >= MARKER_MAX)
			return 0;
		if (space && o)
			out[o++] = ' ';
		space = 0;
		out[o++] = (char)fold((unsigned char)s[i++]);
	}
	out[o] = '\0';
	return o;
}

static int note_known(const captions_state *st, const char *f, size_t n)
{
	for (size_t i = 0; note_phrases[i]; i++)
		if (strcmp(f, note_phrases[i]) == 0)
			return 1;
	for (size_t i = 0; note_prefixes[i]; i++) {
		size_t k = strlen(note_prefixes[i]);
		if (n >= k && memcmp(f, note_prefixes[i], k) == 0 &&
		    (n == k || !is_alnum((unsigned char)f[k])))
			return 1; /* the word alone, or followed by more */
	}
	for (size_t i = 0; st && i < st->n_markers; i++)
		if (strcmp(f, st->markers[i]) == 0)
			return 1;
	return 0;
}

/* Full-width brackets of CJK text: U+FF08 "（", U+FF09 "）". */
#define FW_OPEN "\xEF\xBC\x88"
#define FW_CLOSE "\xEF\xBC\x89"

/* Length of the bracket at s[i]: 1 for ( ) [ ], 3 for （ ）, else 0;
 * *kind is 1 for "(", 2 for "[", 3 for "（", negative for the closers. */
static size_t bracket_at(const char *s, size_t i, size_t n, int *kind)
{
	switch (s[i]) {
	case '(': *kind = 1; return 1;
	case ')': *kind = -1; return 1;
	case '[': *kind = 2; return 1;
	case ']': *kind = -2; return 1;
	default: break;
	}
	if (n - i >= 3 && memcmp(s + i, FW_OPEN, 3) == 0) {
		*kind = 3;
		return 3;
	}
	if (n - i >= 3 && memcmp(s + i, FW_CLOSE, 3) == 0) {
		*kind = -3;
		return 3;
	}
	return 0;
}

/* If s[i] opens a captioner note, its end (after the closing bracket). */
static size_t note_at(const captions_state *st, const char *s, size_t i, size_t n)
{
	int open, kind;
	size_t ow = bracket_at(s, i, n, &open);
	if (!ow || open < 0)
		return 0;
	size_t lim = n - i > MARKER_MAX + 6 ? i + MARKER_MAX + 6 : n;
	for (size_t j = i + ow; j < lim; j++) {
		size_t w = bracket_at(s, j, n, &kind);
		if (!w)
			continue;
		if (kind != -open)
			return 0;
		char f[MARKER_MAX];
		size_t len = note_fold(s, i + ow, j, f);
		return len && note_known(st, f, len) ? j + w : 0;
	}
	return 0;
}

/* ---- speaker labels ---- */

/* Roles a label can name instead of a person. The index is a bit in
 * person.roles; "speaker" is first because every named label has it. */
static const char *const role_names[] = {
	"speaker", "moderator", "chair", "audience", "participant", "interpreter", "staff", "host",
	"panelist", "rapporteur", "everyone", "captioner", "video", "facilitator", "presenter",
	"organizer", "narrator", "delegate", NULL,
};
enum { ROLE_SPEAKER = 0, ROLE_DELEGATE = 17 };

typedef struct role_phrase {
	const char *phrase; /* upper case, single spaces */
	int role;
} role_phrase;

static const role_phrase role_phrases[] = {
	{"SPEAKER", 0}, {"SPEAKERS", 0}, {"VOICE", 0}, {"VOICES", 0}, {"MAN", 0}, {"WOMAN", 0},
	{"MODERATOR", 1}, {"MODERATORS", 1}, {"CO-MODERATOR", 1}, {"COMODERATOR", 1},
	{"CHAIR", 2}, {"CHAIRMAN", 2}, {"CHAIRWOMAN", 2}, {"CHAIRPERSON", 2}, {"CO-CHAIR", 2},
	{"COCHAIR", 2}, {"VICE-CHAIR", 2}, {"AUDIENCE", 3}, {"AUDIENCE MEMBER", 3},
	{"AUDIENCE MEMBERS", 3}, {"FLOOR", 3}, {"FROM THE FLOOR", 3}, {"ATTENDEE", 3},
	{"QUESTION", 3}, {"QUESTIONER", 3}, {"COMMENT", 3}, {"QUESTION FROM THE FLOOR", 3},
	{"COMMENT FROM THE FLOOR", 3}, {"FROM THE AUDIENCE", 3}, {"QUESTION FROM THE AUDIENCE", 3},
	{"PARTICIPANT", 4}, {"PARTICIPANTS", 4}, {"INTERPRETER", 5}, {"INTERPRETERS", 5},
	{"INTERPRETATION", 5}, {"STAFF", 6}, {"SUPPORT", 6}, {"TECH SUPPORT", 6}, {"TECHNICIAN", 6},
	{"SECRETARIAT", 6}, {"HOST", 7}, {"CO-HOST", 7}, {"MC", 7}, {"EMCEE", 7},
	{"MASTER OF CEREMONIES", 7}, {"ANNOUNCER", 7}, {"PANELIST", 8}, {"PANELLIST", 8},
	{"PANELISTS", 8}, {"RAPPORTEUR", 9}, {"EVERYONE", 10}, {"ALL", 10}, {"GROUP", 10},
	{"CAPTIONER", 11}, {"CAPTIONING", 11}, {"STENOGRAPHER", 11}, {"VIDEO", 12},
	{"RECORDING", 12}, {"FACILITATOR", 13}, {"PRESENTER", 14}, {"ORGANIZER", 15},
	{"ORGANISER", 15}, {"ORGANIZERS", 15}, {"NARRATOR", 16}, {"Q", 3}, {"A", 0},
	{"UNKNOWN", 0}, {"ANSWER", 0}, {"RESPONSE", 0}, {"RESPONDENT", 0}, {"PRESIDENT", 0},
	{"VICE PRESIDENT", 0}, {"MINISTER", 0}, {"SECRETARY-GENERAL", 0},
	{"SECRETARY GENERAL", 0}, {"AMBASSADOR", 0}, {"DIRECTOR", 0},
	{"DELEGATE", ROLE_DELEGATE}, {"DELEGATION", ROLE_DELEGATE},
	{"REPRESENTATIVE", ROLE_DELEGATE}, {"HEAD OF DELEGATION", ROLE_DELEGATE},
	{"HEAD OF THE DELEGATION", ROLE_DELEGATE}, {NULL, 0},
};

/* Words before a role that leave it a role: "REMOTE MODERATOR", "IGF
 * SUPPORT STAFF", "UNIDENTIFIED SPEAKER". */
static const char *const role_modifiers[] = {
	"ANOTHER", "CO", "FEMALE", "FIRST", "IGF", "IN-PERSON", "IN-ROOM", "LEAD", "MAIN", "MALE",
	"NEW", "NEXT", "ONLINE", "ON-SITE", "ONSITE", "OTHER", "REMOTE", "SECOND", "SESSION",
	"SUPPORT", "TECHNICAL", "THIRD", "UNIDENTIFIED", "UNIDENTIFIABLE", "UNKNOWN", "VICE",
	"VIRTUAL", "WORKSHOP", "ZOOM", NULL,
};

/* Roles written before a name: "CHAIR ESTERHUYSEN", "MODERATOR JANE DOE". */
static const role_phrase role_prefixes[] = {
	{"MODERATOR", 1}, {"CO-MODERATOR", 1}, {"CHAIR", 2}, {"CHAIRMAN", 2}, {"CHAIRWOMAN", 2},
	{"CHAIRPERSON", 2}, {"CO-CHAIR", 2}, {"VICE-CHAIR", 2}, {"INTERPRETER", 5}, {"HOST", 7},
	{"PANELIST", 8}, {"PANELLIST", 8}, {"RAPPORTEUR", 9}, {"FACILITATOR", 13},
	{"PRESENTER", 14}, {NULL, 0},
};

/* Offices written before a name: "PRESIDENT MACRON". Longest first. */
static const char *const position_prefixes[] = {
	"UNDER-SECRETARY-GENERAL", "DEPUTY SECRETARY-GENERAL", "ASSISTANT SECRETARY-GENERAL",
	"SECRETARY-GENERAL", "SECRETARY GENERAL", "VICE PRESIDENT", "VICE-PRESIDENT", "PRESIDENT",
	"PRIME MINISTER", "DEPUTY MINISTER", "MINISTER", "SENATOR", "COMMISSIONER", "MAYOR",
	"CONGRESSMAN", "CONGRESSWOMAN", NULL,
};

/* Abbreviations that may end in a dot inside a label ("MR. SMITH", "JR."). */
static const char *const label_abbrevs[] = {
	"amb", "capt", "co", "col", "corp", "dept", "dr", "eng", "engr", "gen", "gov", "hon", "inc",
	"jr", "lic", "lt", "ltd", "messrs", "mlle", "mme", "mr", "mrs", "ms", "mt", "prof",
	"professor", "rep", "rev", "rt", "sen", "smt", "sr", "sra", "srta", "st", "univ", NULL,
};

/* Lower-case words that may stand inside a mixed-case name or affiliation. */
static const char *const name_particles[] = {
	"&", "al", "and", "bin", "binti", "da", "das", "de", "del", "della", "den", "der", "di",
	"do", "dos", "du", "e", "el", "for", "la", "le", "of", "on", "the", "ter", "van", "von",
	"y", "zu", NULL,
};

static const char *const articles[] = {"a", "an", "the", NULL};

static int in_list(const char *const *list, const char *w, size_t n)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && ieq(list[i], w, n))
			return 1;
	return 0;
}

/* One word of a label: [a, b) of the label text. */
typedef struct word {
	size_t a, b;
} word;

/* Split t[0..n) into at most max words at white space. */
static size_t split_words(const char *t, size_t n, word *w, size_t max)
{
	size_t k = 0, i = skip_space(t, 0, n);
	while (i < n) {
		size_t a = i;
		while (i < n && !space_at(t, i, n))
			i++;
		if (k == max)
			return max + 1;
		w[k].a = a;
		w[k].b = i;
		k++;
		i = skip_space(t, i, n);
	}
	return k;
}

/* A word ending in a dot is an abbreviation or an initial, never the end
 * of a sentence: "Okay. Hi. My name is Fitri:" is not a label. */
static int word_dot_ok(const char *w, size_t n)
{
	if (n == 0 || w[n - 1] != '.')
		return 1;
	n--;
	if (n == 1 || memchr(w, '.', n))
		return 1;
	return in_list(label_abbrevs, w, n);
}

/*
 * The role a label names when it names nothing else, or -1: "MODERATOR",
 * "The Chair", "SPEAKER 1", "REMOTE MODERATOR", "IGF SUPPORT STAFF".
 */
static int role_of(const char *t, size_t n)
{
	word w[10];
	size_t k = split_words(t, n, w, 9);
	if (k == 0 || k > 9)
		return -1;
	size_t first = 0, last = k;
	if (k > 1 && in_list(articles, t + w[0].a, w[0].b - w[0].a))
		first = 1;
	/* A trailing number or letter tells speakers apart: "SPEAKER 2". */
	if (last - first > 1) {
		const char *x = t + w[last - 1].a;
		size_t xn = w[last - 1].b - w[last - 1].a;
		size_t d = xn && x[0] == '#' ? 1 : 0;
		int digits = xn > d;
		for (size_t i = d; i < xn; i++)
			if (!is_digit((unsigned char)x[i]))
				digits = 0;
		int letter = xn == 1 && (is_upper(u8(x, 0)) || is_lower(u8(x, 0)));
		if (digits || letter)
			last--;
	}
	while (last - first > 1 && in_list(role_modifiers, t + w[first].a, w[first].b - w[first].a))
		first++;
	for (size_t r = 0; role_phrases[r].phrase; r++) {
		const char *p = role_phrases[r].phrase;
		size_t i = first;
		while (i < last) {
			size_t wn = w[i].b - w[i].a;
			if (strlen(p) < wn || !ieq(p, t + w[i].a, wn))
				break;
			if (p[wn] != ' ' && p[wn] != '\0')
				break;
			p += wn;
			if (*p == ' ')
				p++;
			i++;
		}
		if (i == last && *p == '\0')
			return role_phrases[r].role;
	}
	return -1;
}

static int is_particle(const char *w, size_t n)
{
	return in_list(name_particles, w, n);
}

static int starts_capital(const char *w, size_t n)
{
	unsigned char c = (unsigned char)w[0];
	return n && (is_upper(c) || c >= 0x80);
}

/*
 * Whether t[0..n) (the text between ">>" and ":") is a speaker label.
 * Labels are short and hold no sentence punctuation. In capitals (or a
 * script without case) anything short is accepted; in mixed case the name
 * part must be at least two capitalised words ("Milton Mueller",
 * "Mr. Smith") or a role ("Moderator", "audience member"), so that ">> So
 * the question is: ..." stays text.
 */
static int label_ok(const char *t, size_t n)
{
	if (n == 0 || n > LABEL_MAX)
		return 0;
	size_t base = n, open = 0, close = 0, letters = 0, lower = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c == '(')
			open++;
		if (c == ')')
			close++;
		if ((c == ',' || c == '(') && base == n)
			base = i;
		if (is_lower(c))
			lower++;
		if (is_lower(c) || is_upper(c) || c >= 0x80)
			letters++;
	}
	if (open != close || open > 1 || letters == 0)
		return 0;
	if (open && t[n - 1] != ')')
		return 0;
	word w[15];
	size_t k = split_words(t, n, w, 14);
	if (k == 0 || k > 14)
		return 0;
	size_t kb = 0; /* words of the name part */
	for (size_t i = 0; i < k; i++) {
		if (!word_dot_ok(t + w[i].a, w[i].b - w[i].a))
			return 0;
		if (w[i].a < base)
			kb++;
	}
	if (kb == 0 || kb > 8)
		return 0;
	if (lower == 0) {
		/* Capitals, or a script without case: keep it short then. */
		int ascii = 0;
		for (size_t i = 0; i < base; i++)
			if (is_upper((unsigned char)t[i]))
				ascii = 1;
		return ascii || (kb <= 4 && base <= 40);
	}
	size_t bn = base;
	while (bn > 0 && space_before(t, bn, 0))
		bn -= space_before(t, bn, 0);
	if (role_of(t, bn) >= 0)
		return 1;
	size_t caps = 0;
	for (size_t i = 0; i < kb; i++) {
		const char *x = t + w[i].a;
		size_t xn = w[i].b - w[i].a;
		if (xn && x[xn - 1] == '.' && igt_name_honorific(x, xn))
			caps++;
		else if (starts_capital(x, xn))
			caps++;
		else if (i == 0 || !(is_particle(x, xn) || is_digit((unsigned char)x[0])))
			return 0;
	}
	return caps >= 2;
}

/* U+FF1A "：", the colon of CJK text. */
#define FW_COLON "\xEF\xBC\x9A"

/*
 * Find the label after a ">>" whose second '>' is at s[i-1]. Returns 1 with
 * the label text in [*la, *lb) and *end just after its colon (":" or
 * "："), or 0 when the ">>" starts a turn without a name.
 */
static int label_at(const char *s, size_t i, size_t n, size_t *la, size_t *lb, size_t *end)
{
	i = skip_space(s, i, n);
	size_t a = i, lim = n - i > LABEL_MAX + 1 ? i + LABEL_MAX + 1 : n, cw = 0;
	for (; i < lim; i++) {
		char c = s[i];
		if (c == ':') {
			cw = 1;
			break;
		}
		if (c == '\xEF' && n - i >= 3 && memcmp(s + i, FW_COLON, 3) == 0) {
			cw = 3;
			break;
		}
		if (c && strchr("<>?!;\"[]=*/\t", c))
			return 0; /* sentence or markup, not a name */
	}
	if (!cw)
		return 0;
	/* "10:30" or "http://" is not a label's colon. */
	if (cw == 1 && i + 1 < n && (is_digit((unsigned char)s[i + 1]) || s[i + 1] == '/'))
		return 0;
	size_t b = i;
	trim(s, &a, &b);
	if (a == b || !label_ok(s + a, b - a))
		return 0;
	*la = a;
	*lb = b;
	*end = i + cw;
	return 1;
}

/* What a label says about its speaker. Strings are owned. */
typedef struct label_info {
	size_t base_a, base_b; /* the name (or role) part of the label text */
	char *name;       /* normalised; NULL for a role-only label */
	char *honorific, *affiliation, *position;
	int role;         /* role_names index named by the label, or -1 */
} label_info;

static void label_info_clear(label_info *li)
{
	free(li->name);
	free(li->honorific);
	free(li->affiliation);
	free(li->position);
	li->name = li->honorific = li->affiliation = li->position = NULL;
	li->role = -1;
}

/* If name starts with one of the upper-case phrases (whole words) and more
 * follows, the length of the phrase; else 0. */
static size_t prefix_len(const char *name, const char *p)
{
	size_t k = strlen(p);
	return strlen(name) > k + 1 && ieq(name, p, k) && name[k] == ' ' ? k : 0;
}

/* Whether the words after a prefix are a name: "CHAIR ESTERHUYSEN" is,
 * "CHAIRMAN OF THE BOARD" and "MINISTER FOR ICT" are not. */
static int name_follows(const char *rest)
{
	size_t n = strcspn(rest, " ");
	return !is_particle(rest, n) && role_of(rest, strlen(rest)) < 0;
}

/*
 * Move a leading role or office out of the normalised name. When what
 * follows is not a name ("Minister Of Foreign Affairs"), the whole label
 * is the office of a speaker whose name is not given.
 */
static void label_prefixes(label_info *li)
{
	int role = -1;
	size_t k = 0;
	for (size_t i = 0; role_prefixes[i].phrase && !k; i++) {
		k = prefix_len(li->name, role_prefixes[i].phrase);
		role = role_prefixes[i].role;
	}
	for (size_t i = 0; position_prefixes[i] && !k; i++) {
		k = prefix_len(li->name, position_prefixes[i]);
		role = -1;
	}
	if (!k)
		return;
	const char *rest = li->name + k + 1;
	if (!name_follows(rest)) {
		li->position = li->name;
		li->name = NULL;
		li->role = role >= 0 ? role : ROLE_SPEAKER;
		return;
	}
	if (role >= 0)
		li->role = role;
	else
		li->position = igt_strndup(li->name, k);
	memmove(li->name, rest, strlen(rest) + 1);
}

/* Whether t[0..n) is only words like REMOTE, ONLINE: how a role is
 * taken, not an affiliation. */
static int only_modifiers(const char *t, size_t n)
{
	word w[4];
	size_t k = split_words(t, n, w, 3);
	if (k == 0 || k > 3)
		return 0;
	for (size_t i = 0; i < k; i++)
		if (!in_list(role_modifiers, t + w[i].a, w[i].b - w[i].a))
			return 0;
	return 1;
}

/* Where "JOHN DOE FROM ICANN" says FROM, or "DELEGATE OF CHINA" says OF:
 * the offset of the word, or 0; *len is its length. */
static size_t from_word(const char *t, size_t n, size_t *len)
{
	word w[15];
	size_t k = split_words(t, n, w, 14);
	for (size_t i = 1; i + 1 < k && k <= 14; i++) {
		*len = w[i].b - w[i].a;
		if (*len == 4 && ieq(t + w[i].a, "from", 4))
			return w[i].a;
		if (*len == 2 && ieq(t + w[i].a, "of", 2) && role_of(t, w[i].a) == ROLE_DELEGATE)
			return w[i].a;
	}
	return 0;
}

/*
 * Read a label (already accepted by label_ok): "MILTON MUELLER", "MR.
 * SMITH", "JOHN DOE, ICANN", "JANE ROE (ISOC)", "AUDIENCE MEMBER FROM
 * KENYA", "MODERATOR", "SPEAKER 1", "CHAIR ESTERHUYSEN", "Moderator".
 */
static void label_parse(const captions_state *st, const char *t, size_t n, label_info *out)
{
	memset(out, 0, sizeof(*out));
	out->role = -1;
	size_t base = n, aa = n, ab = n;
	const char *paren = memchr(t, '(', n);
	const char *comma = st->comma_affiliation ? memchr(t, ',', n) : NULL;
	size_t from_len = 0, from = role_of(t, n) < 0 ? from_word(t, n, &from_len) : 0;
	if (paren && (!comma || paren < comma)) {
		base = (size_t)(paren - t);
		aa = base + 1;
		ab = n - 1; /* label_ok made sure it ends with ')' */
	} else if (comma) {
		base = (size_t)(comma - t);
		aa = base + 1;
		ab = n;
	} else if (from) {
		base = from;
		aa = from + from_len;
		ab = n;
	}
	trim(t, &aa, &ab);
	size_t ba = 0;
	trim(t, &ba, &base);
	if (ba == base) { /* ", ICANN:" reads as nothing but the text */
		ba = 0;
		base = n;
		aa = ab = n;
		trim(t, &ba, &base);
	}
	out->base_a = ba;
	out->base_b = base;
	if (aa < ab) {
		int r = role_of(t + aa, ab - aa);
		if (r >= 0)
			out->role = r;
		else if (!only_modifiers(t + aa, ab - aa)) /* "MODERATOR (REMOTE)" */
			out->affiliation = igt_strndup(t + aa, ab - aa);
	}
	igt_name nm;
	igt_name_parse(&nm, t + ba, base - ba);
	out->honorific = nm.honorific;
	if (!nm.name)
		return;
	int r = role_of(nm.name, strlen(nm.name));
	if (r >= 0) {
		free(nm.name);
		out->role = r;
		return;
	}
	out->name = nm.name;
	label_prefixes(out);
}

/* "IRAN (ISLAMIC REPUBLIC OF)", "KOREA (REPUBLIC OF)", "GAMBIA (THE)":
 * the UN's lists put what comes before a country's short name after it,
 * in brackets. The country, with the end of its short name in *end; NULL
 * when t is not written so. */
static const char *country_inverted(const country_table *ct, const char *t, size_t n,
                                    size_t *end)
{
	const char *open = memchr(t, '(', n);
	if (!open || t[n - 1] != ')')
		return NULL;
	size_t a = 0, b = (size_t)(open - t), qa = b + 1, qb = n - 1;
	trim(t, &a, &b);
	trim(t, &qa, &qb);
	char buf[LABEL_MAX + 2];
	if (a == b || qa == qb || (qb - qa) + 1 + (b - a) > sizeof(buf))
		return NULL;
	memcpy(buf, t + qa, qb - qa);
	buf[qb - qa] = ' ';
	memcpy(buf + (qb - qa) + 1, t + a, b - a);
	const char *country = country_find(ct, buf, (qb - qa) + 1 + (b - a));
	if (!country) {
		/* "NETHERLANDS (KINGDOM OF THE)": a form the list may lack, but
		 * a bracket ending in OF (THE) is this order all the same. */
		word w[10];
		size_t k = split_words(t + qa, qb - qa, w, 9), last = k - 1;
		if (k < 2 || k > 9)
			return NULL;
		if (w[last].b - w[last].a == 3 && ieq(t + qa + w[last].a, "the", 3))
			last--;
		if (last >= 1 && w[last].b - w[last].a == 2 && ieq(t + qa + w[last].a, "of", 2))
			country = country_find(ct, t + a, b - a);
	}
	if (country)
		*end = b;
	return country;
}

/*
 * A label that names a country's delegation, as they speak in UN-style
 * sessions (WSIS, ITU, the IGF's open consultations): the country alone
 * ("BRAZIL", "THE NETHERLANDS", "REPUBLIC OF KOREA"), in the UN's order
 * ("IRAN (ISLAMIC REPUBLIC OF)"), with how it takes part ("BRAZIL
 * (REMOTE)"), or with a delegate's word ("BRAZIL DELEGATION", "BRAZIL,
 * DELEGATE"). li, as label_parse read the label, becomes a speaker with
 * no name, the role delegate and, as affiliation, the country as the list
 * names it ("Brazil", "South Korea"); a delegate's country is written so
 * too ("DELEGATE OF CHINA": China). Returns 1 for a country alone, which
 * another label may yet show to be a person's name (JORDAN beside JORDAN
 * CARTER), with the words that name it in [*wa, *wb) of t; 2 for a
 * delegate of a country; 0 for anything else (li unchanged but for a
 * delegate's country).
 */
static int label_country(const captions_state *st, const char *t, size_t n, label_info *li,
                         size_t *wa, size_t *wb)
{
	const country_table *ct = st->countries;
	if (!ct || (li->role >= 0 && li->role != ROLE_DELEGATE))
		return 0;
	if (!li->name) {
		const char *c = li->affiliation && li->role == ROLE_DELEGATE
		                    ? country_find(ct, li->affiliation, strlen(li->affiliation))
		                    : NULL;
		if (c) {
			free(li->affiliation);
			li->affiliation = igt_strndup(c, strlen(c));
		}
		return 0;
	}
	int sure = li->role == ROLE_DELEGATE;
	*wa = 0;
	*wb = n;
	const char *country = li->role < 0 ? country_find(ct, t, n) : NULL;
	if (!country && !li->honorific && !li->position) {
		if (li->role < 0)
			country = country_inverted(ct, t, n, wb);
		if (!country && !li->affiliation) {
			/* "BRAZIL (REMOTE)", "BRAZIL, DELEGATION" */
			*wa = li->base_a;
			*wb = li->base_b;
			country = country_find(ct, t + *wa, *wb - *wa);
		}
		if (!country && !li->affiliation) {
			/* "BRAZIL DELEGATION", "UNITED STATES REPRESENTATIVE" */
			size_t b = *wb;
			while (b > *wa && !space_at(t, b - 1, *wb))
				b--;
			size_t x = *wa, y = b;
			trim(t, &x, &y);
			if (x < y && role_of(t + b, *wb - b) == ROLE_DELEGATE &&
			    (country = country_find(ct, t + x, y - x)) != NULL)
				sure = 1;
		}
	}
	if (!country)
		return 0;
	free(li->name);
	free(li->affiliation);
	li->name = NULL;
	li->affiliation = igt_strndup(country, strlen(country));
	li->role = ROLE_DELEGATE;
	return sure ? 2 : 1;
}

/* ---- the title line ---- */

typedef struct title_info {
	char event[64];        /* "IGF 2020", or empty */
	int day;               /* -1 when not given */
	size_t room_a, room_b; /* [a, b) of the line, empty when none */
	size_t code_a, code_b;
	size_t title_a, title_b;
	int raw;               /* marked "RAW" (unedited captions) */
} title_info;

/* Length of a title separator at s[i]: white space and dashes, colons,
 * bars; 0 if none. */
static size_t sep_at(const char *s, size_t i, size_t n)
{
	size_t j = i, w;
	while (j < n) {
		if ((w = space_at(s, j, n)) || (w = dash_at(s, j, n)))
			j += w;
		else if (s[j] == ':' || s[j] == '|' || s[j] == ',')
			j++;
		else
			break;
	}
	return j - i;
}

/* A dash between spaces ends a part of the title: " - ", " – ". Returns
 * the offset of the separator's start after i, or n. */
static size_t part_end(const char *s, size_t i, size_t n)
{
	for (size_t j = i; j < n; j++) {
		size_t w = space_at(s, j, n);
		if (!w)
			continue;
		size_t k = j + w, d = k < n && s[k] == '|' ? 1 : dash_at(s, k, n);
		if (d && (k + d >= n || space_at(s, k + d, n)))
			return j;
	}
	return n;
}

/*
 * An event at the start of a title line: "IGF 2020", "IGf 2019", "IGF2019"
 * and "Internet Governance Forum 2019" (all given as "IGF YYYY"), or
 * another forum's "EuroDIG 2019", "WSIS Forum 2018" as written. Returns
 * the end of the year, or 0; *igf tells which kind it was.
 */
static size_t title_event(const char *s, size_t n, char *event, size_t size, int *igf)
{
	size_t tok = 0, i;
	int forum = 0;
	*igf = 0;
	if (istarts(s, n, "internet governance forum")) {
		i = 25;
		*igf = 1;
	} else if (n > 3 && ieq(s, "igf", 3) && is_digit((unsigned char)s[3])) {
		i = 3;
		*igf = 1;
	} else {
		size_t caps = 0;
		while (tok < n && (is_alnum((unsigned char)s[tok]) || s[tok] == '-'))
			caps += is_upper((unsigned char)s[tok++]) ? 1 : 0;
		*igf = tok == 3 && ieq(s, "igf", 3);
		if (!*igf && (tok < 2 || tok > 24 || caps < 2))
			return 0;
		i = tok;
		size_t j = skip_space(s, i, n);
		if (!*igf && n - j >= 5 && ieq(s + j, "forum", 5) &&
		    (j + 5 == n || !is_alnum((unsigned char)s[j + 5]))) {
			forum = 1;
			i = j + 5;
		}
	}
	size_t y = skip_space(s, i, n);
	if (n - y < 4 || !(memcmp(s + y, "19", 2) == 0 || memcmp(s + y, "20", 2) == 0) ||
	    !is_digit((unsigned char)s[y + 2]) || !is_digit((unsigned char)s[y + 3]) ||
	    (y + 4 < n && is_alnum((unsigned char)s[y + 4])))
		return 0;
	if (*igf)
		snprintf(event, size, "IGF %.4s", s + y);
	else
		snprintf(event, size, "%.*s%s %.4s", (int)tok, s, forum ? " Forum" : "", s + y);
	return y + 4;
}

/* "Day 7" at s[i]: the number, and *end after it; -1 if not there. */
static int title_day(const char *s, size_t i, size_t n, size_t *end)
{
	if (n - i < 5 || !ieq(s + i, "day", 3))
		return -1;
	size_t j = skip_space(s, i + 3, n);
	if (j == i + 3 || j >= n || !is_digit((unsigned char)s[j]))
		return -1;
	int day = 0;
	size_t k = j;
	while (k < n && is_digit((unsigned char)s[k]) && k - j < 3)
		day = day * 10 + (s[k++] - '0');
	if (k < n && is_alnum((unsigned char)s[k]))
		return -1;
	*end = k;
	return day;
}

static const char *const room_words[] = {
	"auditorium", "ballroom", "hall", "plenary", "raum", "room", "saal", "sala", "salle",
	"stage", "studio", NULL,
};

/* A room part: at most five words, one of them a room word. */
static int title_room(const char *s, size_t a, size_t b)
{
	if (memchr(s + a, '#', b - a))
		return 0;
	word w[6];
	size_t k = split_words(s + a, b - a, w, 5);
	if (k == 0 || k > 5)
		return 0;
	for (size_t i = 0; i < k; i++)
		if (in_list(room_words, s + a + w[i].a, w[i].b - w[i].a))
			return 1;
	return 0;
}

static const char *const code_short[] = {
	"BPF", "DC", "IS", "LT", "MS", "NRI", "NS", "OF", "OS", "PN", "TH", "WS", NULL,
};
static const char *const code_long[] = {
	"best practice forum", "day 0 event", "dynamic coalition", "event", "launch & award",
	"launch and award", "lightning talk", "main session", "networking session", "open forum",
	"pre-event", "town hall", "workshop", NULL,
};

/* A session code at s[i] ("WS 81", "WS #273", "OF40", "Open Forum #15"):
 * its end, or 0. */
static size_t title_code(const char *s, size_t i, size_t n)
{
	size_t j = 0;
	/* "WS" then a space, '#' or the number itself ("WS111"). */
	for (size_t c = 0; code_short[c] && !j; c++) {
		size_t k = strlen(code_short[c]);
		if (n - i > k && memcmp(s + i, code_short[c], k) == 0 &&
		    (!is_alnum(u8(s, i + k)) || is_digit(u8(s, i + k))))
			j = i + k;
	}
	int need_hash = 0;
	for (size_t c = 0; code_long[c] && !j; c++) {
		size_t k = strlen(code_long[c]);
		if (n - i > k && ieq(s + i, code_long[c], k) && !is_alnum(u8(s, i + k))) {
			j = i + k;
			need_hash = 1;
		}
	}
	if (!j)
		return 0;
	j = skip_space(s, j, n);
	int hash = j < n && s[j] == '#';
	if (hash)
		j = skip_space(s, j + 1, n);
	if (need_hash && !hash)
		return 0;
	size_t d = j;
	while (j < n && is_digit((unsigned char)s[j]) && j - d < 5)
		j++;
	if (j == d)
		return 0;
	if (j < n && is_upper(u8(s, j)) && (j + 1 == n || !is_alnum(u8(s, j + 1))))
		j++; /* "WS 12A" */
	if (j < n && is_alnum((unsigned char)s[j]))
		return 0;
	return j;
}

/* Length of a dash ending at s[j-1] (not before lo), or 0. */
static size_t dash_before(const char *s, size_t j, size_t lo)
{
	if (j > lo && s[j - 1] == '-')
		return 1;
	return j - lo >= 3 && dash_at(s, j - 3, j) == 3 ? 3 : 0;
}

/* Whether [a, b) ends with a "RAW" mark ("- RAW", "– RAW", "(RAW)"):
 * unedited captions. Moves *b before it. */
static int title_raw(const char *s, size_t a, size_t *b)
{
	size_t e = *b;
	if (e - a >= 5 && (s[e - 1] == ')' || s[e - 1] == ']') && ieq(s + e - 4, "raw", 3) &&
	    (s[e - 5] == '(' || s[e - 5] == '[')) {
		e -= 5;
	} else if (e - a > 3 && ieq(s + e - 3, "raw", 3) && !is_alnum((unsigned char)s[e - 4])) {
		/* Only after a dash: "... Raw" alone is a word of the title. */
		e -= 3;
		int dash = 0;
		for (;;) {
			size_t w = space_before(s, e, a), d = w ? 0 : dash_before(s, e, a);
			if (!w && !d)
				break;
			dash |= d > 0;
			e -= w + d;
		}
		if (!dash)
			return 0;
	} else {
		return 0;
	}
	while (e > a && space_before(s, e, a))
		e -= space_before(s, e, a);
	*b = e;
	return 1;
}

/*
 * Read a title line: [EVENT] [Day N] [ROOM] [CODE] TITLE [- Day N] [- RAW]
 * with parts separated by white space and dashes. Returns 2 when it
 * starts with "IGF YYYY" (a title line for sure), 1 for another event
 * (one more sign is needed), 0 for none.
 */
static int title_parse(const char *s, size_t n, title_info *t)
{
	memset(t, 0, sizeof(*t));
	t->day = -1;
	int igf;
	size_t i = title_event(s, n, t->event, sizeof(t->event), &igf);
	int has_event = i == 0 ? 0 : igf ? 2 : 1;
	for (int round = 0; round < 3; round++) {
		i += sep_at(s, i, n);
		size_t e;
		int day = t->day < 0 ? title_day(s, i, n, &e) : -1;
		if (day >= 0) {
			t->day = day;
			i = e;
			continue;
		}
		size_t pe = part_end(s, i, n);
		if (t->room_b == 0 && pe < n && title_room(s, i, pe) && !title_code(s, i, n)) {
			t->room_a = i;
			t->room_b = pe;
			trim(s, &t->room_a, &t->room_b);
			i = pe;
			continue;
		}
		break;
	}
	size_t b = n;
	t->raw = title_raw(s, i, &b);
	/* "... MAG Meeting - Day 2": the day closes the line. */
	if (t->day < 0) {
		size_t pe = i, last = n;
		while ((pe = part_end(s, pe, b)) < b) {
			last = pe;
			pe += sep_at(s, pe, b);
		}
		if (last < b) {
			size_t d = last + sep_at(s, last, b), e;
			int day = title_day(s, d, b, &e);
			if (day >= 0 && skip_space(s, e, b) == b) {
				t->day = day;
				b = last;
			}
		}
	}
	size_t c = title_code(s, i, b);
	if (c) {
		t->code_a = i;
		t->code_b = c;
		i = c + sep_at(s, c, b);
	}
	t->title_a = i;
	t->title_b = b;
	trim(s, &t->title_a, &t->title_b);
	return has_event;
}

/* ---- a line holding only a date: "23 OCTOBER 2013" ---- */

static const char *const weekdays[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
	"tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", NULL,
};

/* Day number, with an optional "st", "nd", "rd", "th". */
static int date_daynum(const char *w, size_t n)
{
	size_t k = 0;
	int v = 0;
	while (k < n && k < 2 && is_digit((unsigned char)w[k]))
		v = v * 10 + (w[k++] - '0');
	if (k == 0)
		return 0;
	if (k < n && !(n - k == 2 && (ieq(w + k, "st", 2) || ieq(w + k, "nd", 2) ||
	                              ieq(w + k, "rd", 2) || ieq(w + k, "th", 2))))
		return 0;
	return v;
}

/* A number of exactly len digits at s, or -1. */
static int digits(const char *s, size_t n, size_t len)
{
	int v = 0;
	if (n != len)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!is_digit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* "09:00" or "9:00" ending a date line: its hour and minute. */
static int date_time(const char *s, size_t n, igt_date *d)
{
	if (n < 4 || n > 5 || s[n - 3] != ':')
		return 0;
	int h = digits(s, n - 3, n - 3), m = digits(s + n - 2, 2, 2);
	if (h < 0 || h > 23 || m < 0 || m > 59)
		return 0;
	d->hour = h;
	d->minute = m;
	return 1;
}

/* Whether the line holds only a date (and perhaps a weekday and a time):
 * 1 with the date in d, 2 when it has a date's form but no such day
 * exists ("31 FEBRUARY 2013"), 3 with only the year in d when its day and
 * month could be either way round ("03/04/2013"), else 0. */
static int date_line(const char *s, size_t n, igt_date *d)
{
	word w[7];
	char tmp[64];
	if (n >= sizeof(tmp))
		return 0;
	/* Commas separate like spaces here: "Monday, 23 October, 2013". */
	for (size_t i = 0; i < n; i++)
		tmp[i] = s[i] == ',' ? ' ' : s[i];
	size_t k = split_words(tmp, n, w, 6);
	igt_date at;
	igt_date_init(&at);
	if (k >= 2 && date_time(tmp + w[k - 1].a, w[k - 1].b - w[k - 1].a, &at))
		k--; /* "Wednesday, 23 October 2013, 09:00" */
	if (k == 1 || (k == 2 && in_list(weekdays, tmp + w[0].a, w[0].b - w[0].a))) {
		int rc = igt_date_parse_numeric(d, tmp + w[k - 1].a, w[k - 1].b - w[k - 1].a);
		if (rc < 0)
			return 0;
		if (rc == 1)
			return 3; /* the year only: day and month could be either way */
		d->hour = at.hour;
		d->minute = at.minute;
		return igt_date_valid(d) ? 1 : 2;
	}
	if (k < 3 || k > 4)
		return 0;
	size_t f = 0;
	if (k == 4) {
		size_t wn = w[0].b - w[0].a;
		if (wn && tmp[w[0].a + wn - 1] == '.')
			wn--;
		if (!in_list(weekdays, tmp + w[0].a, wn))
			return 0;
		f = 1;
	}
	const char *x = tmp + w[f].a, *y = tmp + w[f + 1].a, *z = tmp + w[f + 2].a;
	size_t xn = w[f].b - w[f].a, yn = w[f + 1].b - w[f + 1].a, zn = w[f + 2].b - w[f + 2].a;
	int day = date_daynum(x, xn), month = igt_month_parse(y, yn);
	if (!day || !month) { /* "October 23 2013" */
		day = date_daynum(y, yn);
		month = igt_month_parse(x, xn);
	}
	if (!day || !month || zn != 4)
		return 0;
	int year = 0;
	for (size_t i = 0; i < 4; i++) {
		if (!is_digit((unsigned char)z[i]))
			return 0;
		year = year * 10 + (z[i] - '0');
	}
	igt_date_init(d);
	d->year = year;
	d->month = month;
	d->day = day;
	d->hour = at.hour;
	d->minute = at.minute;
	return igt_date_valid(d) ? 1 : 2;
}

/* ---- the head of the file ---- */

/* "The following are the outputs of the real-time captioning taken
 * during ..." and its variants ("is the output", "the captioning"). */
static int disclaimer_start(const char *s, size_t n)
{
	/* CART providers' own: "This text is being provided in a rough draft
	 * format. Communication Access Realtime Translation (CART) …". */
	if (istarts(s, n, "this text is being provided in a rough") ||
	    istarts(s, n, "this is being provided in a rough") ||
	    istarts(s, n, "this text, document, or file is based on live transcription") ||
	    istarts(s, n, "this text, document, or file is not to be distributed"))
		return 1;
	if (!istarts(s, n, "the following "))
		return 0;
	size_t lim = n < 160 ? n : 160;
	for (size_t i = 14; i + 7 <= lim; i++)
		if (ieq(s + i, "caption", 7))
			return 1;
	return 0;
}

/* End of "... should not be treated as an authoritative record." (or
 * CART's "... may not be a totally verbatim record of the proceedings.")
 * in s, or 0. */
static size_t disclaimer_end(const char *s, size_t n)
{
	/* The first that the text has: CART's notice may go on after "… of
	 * the proceedings." with "… may violate copyright law." */
	static const char *const tails[] = {"violate copyright law", "authoritative record",
	                                    "record of the proceedings", NULL};
	for (int t = 0; tails[t]; t++) {
		size_t k = strlen(tails[t]);
		for (size_t i = 0; i + k <= n; i++) {
			if (fold((unsigned char)s[i]) == fold((unsigned char)tails[t][0]) &&
			    ieq(s + i, tails[t], k)) {
				size_t e = i + k;
				if (e < n && s[e] == '.')
					e++;
				return e;
			}
		}
	}
	return 0;
}

/* The marks a CART file's head carries: "RAW FILE", "ROUGH EDITED
 * COPY", "UNEDITED". */
static int head_mark(const char *s, size_t n)
{
	static const char *const marks[] = {"raw file", "raw copy", "raw", "rough edited copy",
	                                    "rough edited", "rough draft", "unedited",
	                                    "unedited copy", "finished file", "edited copy", NULL};
	size_t a = 0;
	trim(s, &a, &n);
	for (int i = 0; marks[i]; i++)
		if (strlen(marks[i]) == n - a && ieq(s + a, marks[i], n - a))
			return 1;
	return 0;
}

/* "***", "* * *", "=====": a rule between the head and the text. */
static int separator_line(const char *s, size_t n)
{
	size_t marks = 0;
	char mark = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t')
			continue;
		if (s[i] != '*' && s[i] != '=' && s[i] != '_' && s[i] != '~')
			return 0;
		if (mark && s[i] != mark)
			return 0;
		mark = s[i];
		marks++;
	}
	return marks >= 3;
}

/* ---- the document being built ---- */

typedef struct person {
	char *key;        /* normalised name, or the role label in capitals */
	char *name, *as_written, *honorific, *affiliation, *position;
	unsigned roles;   /* bits of role_names */
	size_t first;     /* the turn that named them first */
} person;

/* A label seen before, so that each distinct label is parsed once. */
typedef struct label_entry {
	char *text;
	size_t len;
	long person;      /* index into people, or -1 */
	int role;         /* role named by the label, or -1 */
	int country;      /* label_country's answer; -1 once read as a name after all */
	size_t country_a, country_b; /* the words naming the country */
	size_t first;     /* the turn it first started */
} label_entry;

enum { HEAD_START, HEAD, BODY };

typedef struct ctx {
	const captions_state *st;
	igt_doc *doc;
	igt_input *in;
	int phase;
	/* head */
	int in_disclaimer, title_done, date_done, disclaimer_seen;
	igt_buf pending;        /* a first line that is a title if the disclaimer follows */
	uint64_t pending_off;
	int has_pending, pending_blank;
	/* the open paragraph */
	igt_buf para;
	int para_open;
	uint64_t para_start, para_end;
	/* turns */
	json_t *turns;
	json_t *turn;           /* the open turn's entry in turns, or NULL */
	size_t turn_first;
	const char *speaker;    /* the open turn's speaker, or NULL */
	size_t n_turns, n_labelled, n_before;
	/* people and labels */
	person *people;
	size_t n_people, cap_people;
	label_entry *labels;
	size_t n_labels, cap_labels;
	strmap people_map, label_map;
	size_t *turn_labels;    /* per turn, its label's index + 1, or 0 */
	size_t cap_turn_labels;
	size_t n_countries;     /* labels that are a country alone */
	int people_changed;     /* a country label was read as a name at the end */
} ctx;

static const char *people_key(const void *owner, size_t idx, size_t *len)
{
	const ctx *c = owner;
	*len = strlen(c->people[idx].key);
	return c->people[idx].key;
}

static const char *label_key(const void *owner, size_t idx, size_t *len)
{
	const ctx *c = owner;
	*len = c->labels[idx].len;
	return c->labels[idx].text;
}

static void claim(ctx *c, igt_claim_kind kind, uint64_t off, uint64_t len)
{
	igt_doc_claim(c->doc, kind, off, len);
}

/* Claim white space that coverage would count: the Unicode spaces (an
 * indentation of U+00A0) outside every segment. */
static void claim_blank(ctx *c, const char *s, size_t x, size_t y, uint64_t base)
{
	for (size_t i = x; i < y; i++) {
		if ((unsigned char)s[i] >= 0x80) {
			claim(c, IGT_CLAIM_BOILERPLATE, base + x, y - x);
			return;
		}
	}
}

static void add_segment(ctx *c, const char *type, const char *text, size_t len, uint64_t start,
                        uint64_t end, const char *speaker)
{
	igt_span span = {start, end - start};
	igt_segment *seg = igt_doc_add_segment(c->doc, type, text, len, span);
	if (speaker)
		igt_segment_set_speaker(c->doc, seg, speaker);
}

static void para_end(ctx *c)
{
	if (!c->para_open)
		return;
	const char *type = c->turn ? "turn" : "paragraph";
	add_segment(c, type, c->para.data, c->para.len, c->para_start, c->para_end, c->speaker);
	if (!c->turn)
		c->n_before++;
	igt_buf_reset(&c->para);
	c->para_open = 0;
}

/* Add s[a..b) of a line at base to the open paragraph or start one; the
 * edges' white space is left out (and claimed when coverage counts it). */
static void para_piece(ctx *c, const char *s, size_t a, size_t b, uint64_t base)
{
	size_t x = a, y = b;
	trim(s, &x, &y);
	claim_blank(c, s, a, x, base);
	claim_blank(c, s, y, b, base);
	if (x == y)
		return;
	if (c->para_open) {
		igt_buf_add(&c->para, "\n", 1);
	} else {
		c->para_open = 1;
		c->para_start = base + x;
	}
	igt_buf_add(&c->para, s + x, y - x);
	c->para_end = base + y;
}

static void turn_end(ctx *c)
{
	para_end(c);
	if (!c->turn)
		return;
	size_t count = igt_doc_segment_count(c->doc) - c->turn_first;
	json_object_set_new(c->turn, "segments",
	                    json_pack("[II]", (json_int_t)c->turn_first, (json_int_t)count));
	c->turn = NULL;
	c->speaker = NULL;
}

static void person_free(person *p)
{
	free(p->key);
	free(p->name);
	free(p->as_written);
	free(p->honorific);
	free(p->affiliation);
	free(p->position);
}

/* The person a label first seen at the given turn stands for, created on
 * first sight; -1 for none. */
static long person_for(ctx *c, const char *t, size_t n, label_info *li, size_t turn)
{
	char *key;
	if (li->name) {
		key = igt_strndup(li->name, strlen(li->name));
	} else if (li->role >= 0) {
		/* Nothing tells two audience members apart but their labels:
		 * "SPEAKER 1" is not "SPEAKER 2", "Moderator" is "MODERATOR". */
		key = igt_strndup(t, n);
		for (size_t i = 0; i < n; i++)
			if (is_lower((unsigned char)key[i]))
				key[i] = (char)(key[i] - 32);
	} else {
		return -1;
	}
	/* A named person is written as the name part of the label; one known
	 * by a role alone as the whole label ("PARTICIPANT FROM THE FLOOR"). */
	if (li->name) {
		t += li->base_a;
		n = li->base_b - li->base_a;
	}
	long idx = map_get(&c->people_map, key, strlen(key));
	person *p;
	if (idx >= 0) {
		free(key);
		p = &c->people[idx];
	} else {
		if (c->n_people == c->cap_people) {
			c->cap_people = c->cap_people ? c->cap_people * 2 : 16;
			c->people = realloc(c->people, c->cap_people * sizeof(*c->people));
			if (!c->people)
				abort();
		}
		idx = (long)c->n_people++;
		p = &c->people[idx];
		memset(p, 0, sizeof(*p));
		p->key = key;
		p->name = li->name;
		li->name = NULL;
		p->as_written = igt_strndup(t, n);
		p->first = turn;
		map_put(&c->people_map, (size_t)idx);
	}
	if (turn < p->first)
		p->first = turn;
	/* The first value seen is kept; a later label may fill a gap. */
	if (!p->honorific) {
		p->honorific = li->honorific;
		li->honorific = NULL;
	}
	if (!p->affiliation) {
		p->affiliation = li->affiliation;
		li->affiliation = NULL;
	}
	if (!p->position) {
		p->position = li->position;
		li->position = NULL;
	}
	if (p->name)
		p->roles |= 1u << ROLE_SPEAKER;
	if (li->role >= 0)
		p->roles |= 1u << li->role;
	return idx;
}

static const label_entry *label_lookup(ctx *c, const char *t, size_t n)
{
	long idx = map_get(&c->label_map, t, n);
	if (idx >= 0)
		return &c->labels[idx];
	label_info li;
	label_parse(c->st, t, n, &li);
	size_t ca = 0, cb = 0;
	int country = label_country(c->st, t, n, &li, &ca, &cb);
	if (c->n_labels == c->cap_labels) {
		c->cap_labels = c->cap_labels ? c->cap_labels * 2 : 16;
		c->labels = realloc(c->labels, c->cap_labels * sizeof(*c->labels));
		if (!c->labels)
			abort();
	}
	label_entry *e = &c->labels[c->n_labels];
	e->text = igt_strndup(t, n);
	e->len = n;
	e->role = li.role;
	e->country = country;
	e->country_a = ca;
	e->country_b = cb;
	e->first = c->n_turns - 1;
	e->person = person_for(c, t, n, &li, e->first);
	label_info_clear(&li);
	c->n_countries += country == 1;
	map_put(&c->label_map, c->n_labels++);
	return e;
}

/* Start a turn at ">>"; label is [la, lb) of s or empty for none. */
static void turn_start(ctx *c, const char *s, size_t la, size_t lb)
{
	turn_end(c);
	c->phase = BODY;
	c->turn = json_object();
	c->turn_first = igt_doc_segment_count(c->doc);
	c->n_turns++;
	json_t *label = json_null(), *speaker = json_null(), *role = json_null();
	if (c->n_turns > c->cap_turn_labels)
		igt_array_grow((void **)&c->turn_labels, &c->cap_turn_labels, c->n_turns,
		               sizeof(*c->turn_labels));
	c->turn_labels[c->n_turns - 1] = 0;
	if (lb > la) {
		const label_entry *e = label_lookup(c, s + la, lb - la);
		c->turn_labels[c->n_turns - 1] = (size_t)(e - c->labels) + 1;
		c->n_labelled++;
		label = igt_doc_json_string(c->doc, s + la, lb - la);
		if (e->person >= 0 && c->people[e->person].name) {
			c->speaker = c->people[e->person].name;
			speaker = igt_doc_json_string(c->doc, c->speaker, (size_t)-1);
		}
		if (e->role >= 0)
			role = json_string(role_names[e->role]);
	}
	json_object_set_new(c->turn, "label", label);
	json_object_set_new(c->turn, "speaker", speaker);
	json_object_set_new(c->turn, "role", role);
	json_array_append_new(c->turns, c->turn);
}

/* Whether s[i] starts a ">>" turn mark: two '>' (not three), at the start
 * of the text or after white space. */
static int arrows_at(const char *s, size_t i, size_t a, size_t n)
{
	if (i + 1 >= n || s[i + 1] != '>' || (i + 2 < n && s[i + 2] == '>'))
		return 0;
	return i == a || space_before(s, i, a);
}

/* The bytes that can start a turn mark or a note; the text between them
 * is skipped eight bytes at a time. */
static const unsigned char mark_byte[256] = {['>'] = 1, ['('] = 1, ['['] = 1, [0xEF] = 1};

static size_t next_mark(const char *s, size_t i, size_t b)
{
	const unsigned char *u = (const unsigned char *)s;
	while (i + 8 <= b && !(mark_byte[u[i]] | mark_byte[u[i + 1]] | mark_byte[u[i + 2]] |
	                       mark_byte[u[i + 3]] | mark_byte[u[i + 4]] | mark_byte[u[i + 5]] |
	                       mark_byte[u[i + 6]] | mark_byte[u[i + 7]]))
		i += 8;
	while (i < b && !mark_byte[u[i]])
		i++;
	return i;
}

/*
 * Read the text s[a..b) of a line (base is the offset of s): turn marks
 * start turns, captioner notes become non_speech segments, the rest goes
 * to paragraphs.
 */
static void body_text(ctx *c, const char *s, size_t a, size_t b, uint64_t base)
{
	size_t piece = a;
	for (size_t i = next_mark(s, a, b); i < b; i = next_mark(s, i, b)) {
		size_t e = 0;
		if (s[i] == '>' && arrows_at(s, i, a, b)) {
			para_piece(c, s, piece, i, base);
			size_t la = 0, lb = 0;
			e = i + 2;
			label_at(s, i + 2, b, &la, &lb, &e);
			turn_start(c, s, la, lb);
			claim(c, IGT_CLAIM_FIELD, base + i, e - i);
		} else if (s[i] != '>' && (e = note_at(c->st, s, i, b)) != 0) {
			para_piece(c, s, piece, i, base);
			para_end(c);
			add_segment(c, "non_speech", s + i, e - i, base + i, base + e, NULL);
		} else {
			i++;
			continue;
		}
		piece = i = e;
	}
	para_piece(c, s, piece, b, base);
}

static void set_title(ctx *c, const char *s, size_t n, uint64_t off)
{
	title_info t;
	title_parse(s, n, &t);
	json_t *f = igt_doc_fields(c->doc);
	c->title_done = 1;
	claim(c, IGT_CLAIM_FIELD, off, n);
	json_object_set_new(f, "title_line", igt_doc_json_string(c->doc, s, n));
	if (t.event[0])
		igt_doc_set(c->doc, IGT_DOC_EVENT, t.event, (size_t)-1);
	if (t.title_b > t.title_a)
		igt_doc_set(c->doc, IGT_DOC_TITLE, s + t.title_a, t.title_b - t.title_a);
	if (t.day >= 0)
		json_object_set_new(f, "day", json_integer(t.day));
	if (t.room_b > t.room_a)
		json_object_set_new(f, "room",
		                    igt_doc_json_string(c->doc, s + t.room_a, t.room_b - t.room_a));
	if (t.code_b > t.code_a)
		json_object_set_new(f, "session_code",
		                    igt_doc_json_string(c->doc, s + t.code_a, t.code_b - t.code_a));
	if (t.raw)
		json_object_set_new(f, "raw", json_true());
}

/* The first line was text after all: read it as such. */
static void pending_flush(ctx *c)
{
	if (!c->has_pending)
		return;
	c->has_pending = 0;
	body_text(c, c->pending.data, 0, c->pending.len, c->pending_off);
	if (c->pending_blank)
		para_end(c);
}

/* Where a first line stops being a title: at a turn mark or at the
 * disclaimer run on after it, else n. */
static size_t title_cut(const char *t, size_t n)
{
	static const char disc[] = "The following ";
	for (size_t i = 1; i < n; i++) {
		if (t[i] == '>' && arrows_at(t, i, 0, n))
			return i;
		if (t[i] == 'T' && n - i > sizeof(disc) && memcmp(t + i, disc, sizeof(disc) - 1) == 0 &&
		    disclaimer_start(t + i, n - i))
			return i;
	}
	return n;
}

/* A line of the head (before the first turn mark): the title, a date, the
 * disclaimer and rules. Returns 1 when the line was taken. */
static int head_line(ctx *c, const char *s, size_t a, size_t b, uint64_t base)
{
	const char *t = s + a;
	size_t n = b - a;
	int arrows = n >= 2 && t[0] == '>' && t[1] == '>';
	if (arrows)
		c->in_disclaimer = 0; /* a wrapped disclaimer ends at the first turn */
	if (c->in_disclaimer || disclaimer_start(t, n)) {
		if (!c->in_disclaimer) {
			if (c->has_pending) {
				c->has_pending = 0;
				set_title(c, c->pending.data, c->pending.len, c->pending_off);
			}
			para_end(c);
			c->in_disclaimer = c->disclaimer_seen = 1;
			if (c->phase == HEAD_START)
				c->phase = HEAD; /* the title comes before it */
		}
		size_t e = disclaimer_end(t, n);
		if (!e) {
			claim(c, IGT_CLAIM_BOILERPLATE, base + a, n);
			return 1;
		}
		c->in_disclaimer = 0;
		claim(c, IGT_CLAIM_BOILERPLATE, base + a, e);
		if (skip_space(t, e, n) < n) /* "... record. >> MODERATOR: ..." */
			body_text(c, s, a + e, b, base);
		return 1;
	}
	if (arrows)
		return 0;
	if (head_mark(t, n)) {
		claim(c, IGT_CLAIM_BOILERPLATE, base + a, n);
		return 1;
	}
	igt_date d;
	int dated;
	if (!c->date_done && !c->para_open && (dated = date_line(t, n, &d)) != 0) {
		char iso[32];
		if ((dated == 1 || dated == 3) && igt_date_format(&d, iso, sizeof(iso)))
			igt_doc_set(c->doc, IGT_DOC_DATE, iso, (size_t)-1);
		if (dated == 3)
			igt_input_log(c->in, IGT_LOG_WARNING,
			              "date '%.*s' could be read day first or month first; only the "
			              "year is kept",
			              (int)n, t);
		else if (dated == 2)
			igt_input_log(c->in, IGT_LOG_WARNING, "no such day: '%.*s'; date is null",
			              (int)n, t);
		igt_doc_set(c->doc, IGT_DOC_DATE_TEXT, t, n);
		claim(c, IGT_CLAIM_FIELD, base + a, n);
		c->date_done = 1;
		return 1;
	}
	if (c->phase == HEAD_START && !c->title_done) {
		size_t cut = title_cut(t, n), tb = cut;
		while (tb > 0 && space_before(t, tb, 0))
			tb -= space_before(t, tb, 0);
		title_info ti;
		int sure = tb && title_parse(t, tb, &ti) == 2;
		if (tb > TITLE_MAX || (!sure && cut < n))
			return 0; /* text, not a title */
		c->phase = HEAD;
		if (!sure) {
			igt_buf_reset(&c->pending);
			igt_buf_add(&c->pending, t, n);
			c->pending_off = base + a;
			c->has_pending = 1;
			c->pending_blank = 0;
			return 1;
		}
		set_title(c, t, tb, base + a);
		/* The rest of a line that runs on: "... Cold War >> MILTON ...". */
		size_t ra = a + skip_space(t, cut, n);
		claim_blank(c, s, a + tb, ra, base);
		if (ra < b && !head_line(c, s, ra, b, base))
			body_text(c, s, ra, b, base);
		return 1;
	}
	return 0;
}

static void line(ctx *c, const char *s, size_t n, uint64_t base)
{
	size_t a = 0, b = n;
	trim(s, &a, &b);
	if (a == b) {
		claim_blank(c, s, 0, n, base);
		para_end(c);
		c->in_disclaimer = 0;
		if (c->has_pending)
			c->pending_blank = 1;
		return;
	}
	claim_blank(c, s, 0, a, base);
	claim_blank(c, s, b, n, base);
	if (separator_line(s + a, b - a)) {
		para_end(c);
		c->in_disclaimer = 0;
		claim(c, IGT_CLAIM_BOILERPLATE, base + a, b - a);
		return;
	}
	if (c->phase != BODY && base + a < TITLE_SCAN && head_line(c, s, a, b, base))
		return;
	pending_flush(c);
	if (c->phase == HEAD_START)
		c->phase = HEAD;
	body_text(c, s, a, b, base);
}

/* Whether a named person of the document has the words t[0..n) in their
 * name, as JORDAN CARTER has JORDAN. */
static int name_has_words(const ctx *c, const char *t, size_t n)
{
	char w[COUNTRY_FOLD_MAX + 2], f[COUNTRY_FOLD_MAX + 2];
	size_t k = country_fold(t, n, w + 1, sizeof(w) - 2);
	if (!k)
		return 0;
	w[0] = w[k + 1] = ' ';
	w[k + 2] = '\0';
	for (size_t i = 0; i < c->n_people; i++) {
		const char *name = c->people[i].name;
		size_t m = name ? country_fold(name, strlen(name), f + 1, sizeof(f) - 2) : 0;
		if (!m)
			continue;
		f[0] = f[m + 1] = ' ';
		f[m + 2] = '\0';
		if (strstr(f, w))
			return 1;
	}
	return 0;
}

/*
 * A country alone is a delegation only while no other label of the
 * document names a person by that word: beside JORDAN CARTER, JORDAN is
 * read as a name, as any other label. Only then is anything done: the
 * label's turns get the person as their speaker, and the delegation is
 * dropped unless another label still names it.
 */
static void countries_settle(ctx *c)
{
	size_t changed = 0;
	for (size_t i = 0; i < c->n_labels; i++) {
		label_entry *e = &c->labels[i];
		if (e->country == 1 &&
		    name_has_words(c, e->text + e->country_a, e->country_b - e->country_a)) {
			e->country = -1;
			changed++;
		}
	}
	if (!changed)
		return;
	for (size_t i = 0; i < c->n_labels; i++) {
		label_entry *e = &c->labels[i];
		if (e->country != -1)
			continue;
		label_info li;
		label_parse(c->st, e->text, e->len, &li);
		e->role = li.role;
		e->person = person_for(c, e->text, e->len, &li, e->first);
		label_info_clear(&li);
	}
	for (size_t t = 0; t < c->n_turns; t++) {
		if (!c->turn_labels[t] || c->labels[c->turn_labels[t] - 1].country != -1)
			continue;
		const label_entry *e = &c->labels[c->turn_labels[t] - 1];
		const char *name = e->person >= 0 ? c->people[e->person].name : NULL;
		json_t *turn = json_array_get(c->turns, t), *range = json_object_get(turn, "segments");
		json_object_set_new(turn, "speaker", igt_doc_json_string(c->doc, name, (size_t)-1));
		json_object_set_new(turn, "role",
		                    e->role >= 0 ? json_string(role_names[e->role]) : json_null());
		size_t first = (size_t)json_integer_value(json_array_get(range, 0));
		size_t count = (size_t)json_integer_value(json_array_get(range, 1));
		for (size_t i = first; name && i < first + count; i++) {
			/* The document is still this plugin's own, being built. */
			igt_segment *seg = (igt_segment *)igt_doc_segment(c->doc, i);
			if (strcmp(seg->type, "turn") == 0)
				igt_segment_set_speaker(c->doc, seg, name);
		}
	}
	c->people_changed = 1;
}

typedef struct person_order {
	size_t first, idx;
} person_order;

static int person_order_cmp(const void *a, const void *b)
{
	const person_order *x = a, *y = b;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void people_out(ctx *c)
{
	/* People are made in the order they first speak, unless a country
	 * label was read as a name at the end: then the people some label
	 * still names, put back in that order. */
	person_order *order = NULL;
	size_t n = c->n_people;
	if (c->people_changed) {
		order = calloc(c->n_people + 1, sizeof(*order));
		unsigned char *named = calloc(c->n_people + 1, 1);
		if (!order || !named)
			abort();
		for (size_t i = 0; i < c->n_labels; i++)
			if (c->labels[i].person >= 0)
				named[c->labels[i].person] = 1;
		n = 0;
		for (size_t i = 0; i < c->n_people; i++)
			if (named[i])
				order[n++] = (person_order){c->people[i].first, i};
		free(named);
		qsort(order, n, sizeof(*order), person_order_cmp);
	}
	for (size_t k = 0; k < n; k++) {
		person *p = &c->people[order ? order[k].idx : k];
		igt_person *dp = igt_doc_add_person(c->doc, p->name, p->as_written);
		if (p->honorific)
			igt_person_set(c->doc, dp, IGT_PERSON_HONORIFIC, p->honorific);
		if (p->affiliation)
			igt_person_set(c->doc, dp, IGT_PERSON_AFFILIATION, p->affiliation);
		if (p->position)
			igt_person_set(c->doc, dp, IGT_PERSON_POSITION, p->position);
		for (size_t r = 0; role_names[r]; r++)
			if (p->roles & (1u << r))
				igt_person_add_role(c->doc, dp, role_names[r]);
	}
	free(order);
}

static void ctx_free(ctx *c)
{
	igt_buf_free(&c->para);
	igt_buf_free(&c->pending);
	for (size_t i = 0; i < c->n_people; i++)
		person_free(&c->people[i]);
	free(c->people);
	for (size_t i = 0; i < c->n_labels; i++)
		free(c->labels[i].text);
	free(c->labels);
	free(c->people_map.slot);
	free(c->label_map.slot);
	free(c->turn_labels);
	json_decref(c->turns);
}

/* Close the document: the open turn, people, fields, warnings. */
static void finish(ctx *c)
{
	pending_flush(c);
	turn_end(c);
	if (c->n_countries)
		countries_settle(c);
	people_out(c);
	json_object_set(igt_doc_fields(c->doc), "turns", c->turns);
	if (c->n_turns == 0) {
		igt_input_log(c->in, IGT_LOG_WARNING,
		              "no speaker turns (\">> NAME:\") found: text kept as paragraphs");
	} else if (c->n_before) {
		igt_input_log(c->in, IGT_LOG_WARNING,
		              "%zu paragraph(s) before the first \">>\" turn mark: kept as "
		              "paragraphs with no speaker",
		              c->n_before);
	}
}

static int captions_parse(void *state, igt_input *in, igt_emit_fn emit, void *payload)
{
	ctx c;
	memset(&c, 0, sizeof(c));
	c.st = state;
	c.in = in;
	c.doc = igt_doc_new("captions", "transcript");
	c.turns = json_array();
	c.people_map = (strmap){NULL, 0, 0, people_key, &c};
	c.label_map = (strmap){NULL, 0, 0, label_key, &c};
	/* Every document has every field, in this order; null when unknown. */
	static const char *const keys[] = {
		"title_line", "day", "room", "session_code", "raw", NULL,
	};
	for (size_t i = 0; keys[i]; i++)
		json_object_set_new(igt_doc_fields(c.doc), keys[i], json_null());
	igt_line ln;
	int rc;
	uint64_t total = 0;
	while ((rc = igt_input_getline(in, &ln)) == 1) {
		const char *s = ln.text;
		size_t n = ln.len - ln.eol;
		uint64_t base = ln.offset;
		total = ln.offset + ln.len;
		if (ln.number == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			claim(&c, IGT_CLAIM_BOILERPLATE, base, 3);
			s += 3;
			n -= 3;
			base += 3;
		}
		if (memchr(s, '\0', n)) {
			igt_input_log(in, IGT_LOG_ERROR,
			              "binary data (a NUL byte): nothing imported");
			ctx_free(&c);
			igt_doc_free(c.doc);
			return IGT_EBADINPUT;
		}
		line(&c, s, n, base);
	}
	if (rc < 0 && total == 0) {
		ctx_free(&c);
		igt_doc_free(c.doc);
		return rc;
	}
	/* The last paragraph is still open here (finish closes it), and a
	 * label alone is a turn: neither is white space. */
	int empty = igt_doc_segment_count(c.doc) == 0 && !c.para_open && c.n_turns == 0 &&
	            !c.has_pending && !c.title_done && !c.disclaimer_seen && !c.date_done;
	if (!empty)
		finish(&c);
	ctx_free(&c);
	if (empty) {
		igt_input_log(in, IGT_LOG_ERROR, "only white space; nothing to import");
		igt_doc_free(c.doc);
		return rc < 0 ? rc : IGT_EBADINPUT;
	}
	if (rc < 0)
		json_object_set_new(igt_doc_fields(c.doc), "incomplete", json_true());
	igt_doc_set_source_span(c.doc, 0, total);
	int erc = emit(c.doc, payload);
	return erc ? erc : rc < 0 ? rc : 0;
}

/* ---- detection ---- */

/*
 * Captions are ">> NAME:" turn marks at the start of lines plus the
 * captioning disclaimer or an "IGF 2020 - ..." title line. Turn marks
 * alone score lower; mail quoting (">> Joel wrote:") is not a label.
 */
static int captions_score(const unsigned char *head, size_t len)
{
	const char *s = (const char *)head;
	if (memchr(s, '\0', len))
		return 0;
	size_t labels = 0, marks = 0, i = 0;
	int disclaimer = 0, title = 0, first = 1;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len, a = i, b = e;
		trim(s, &a, &b);
		if (a < b) {
			if (first) {
				title_info t;
				title = title_parse(s + a, b - a, &t) == 2;
				first = 0;
			}
			if (disclaimer_start(s + a, b - a))
				disclaimer = 1;
			if (b - a >= 2 && s[a] == '>' && arrows_at(s, a, a, b)) {
				size_t la, lb, end;
				if (label_at(s, a + 2, b, &la, &lb, &end))
					labels++;
				else
					marks++;
			}
		}
		i = e + 1;
	}
	if (disclaimer && labels + marks)
		return 90;
	if (title && labels)
		return 85;
	if (disclaimer)
		return 60;
	if (labels >= 3 || (title && marks >= 2))
		return 40;
	return 0;
}

/* ---- life cycle ---- */

static void captions_close(void *state)
{
	captions_state *st = state;
	if (!st)
		return;
	for (size_t i = 0; i < st->n_markers; i++)
		free(st->markers[i]);
	free(st->markers);
	country_table_free(st->countries);
	free(st);
}

#define SHIPPED_COUNTRIES "gazetteers/internet-governance.yaml"

static int captions_open(void **state, const void *config, igt_host *host)
{
	const captions_config *cfg = config;
	captions_state *st = calloc(1, sizeof(*st));
	if (!st)
		abort();
	st->comma_affiliation = cfg->comma_affiliation;
	if (cfg->non_speech.n) {
		st->markers = calloc(cfg->non_speech.n, sizeof(*st->markers));
		if (!st->markers)
			abort();
	}
	for (size_t i = 0; i < cfg->non_speech.n; i++) {
		const char *m = cfg->non_speech.items[i];
		size_t n = strlen(m);
		char f[MARKER_MAX];
		/* Written with or without its brackets. */
		int bracketed = n >= 2 && ((m[0] == '(' && m[n - 1] == ')') ||
		                           (m[0] == '[' && m[n - 1] == ']'));
		if (bracketed) {
			m++;
			n -= 2;
		}
		if (!note_fold(m, 0, n, f)) {
			igt_host_log(host, IGT_LOG_WARNING,
			             "non_speech: '%s' is empty or longer than %d bytes; ignored",
			             cfg->non_speech.items[i], MARKER_MAX - 2);
			continue;
		}
		st->markers[st->n_markers++] = igt_strndup(f, strlen(f));
	}
	if (cfg->country_labels) {
		char *path = cfg->countries ? igt_strndup(cfg->countries, strlen(cfg->countries))
		                            : igt_data_find(SHIPPED_COUNTRIES);
		char err[512];
		if (!path)
			snprintf(err, sizeof(err),
			         "cannot find the data file %s (set IGTEXT_DATA_PATH, or turn "
			         "country_labels off)",
			         SHIPPED_COUNTRIES);
		else
			st->countries = countries_load(path, err, sizeof(err));
		free(path);
		if (!st->countries) {
			igt_host_log(host, IGT_LOG_ERROR, "countries: %s", err);
			captions_close(st);
			return IGT_ECONFIG;
		}
	}
	*state = st;
	return 0;
}

IGT_PLUGIN_DEFINE(captions) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "captions",
	.version = "1.0",
	.summary = "real-time captioning transcripts: title line, speaker turns, captioner notes",
	.kind = IGT_FORMAT,
	.options = captions_options,
	.config_size = sizeof(captions_config),
	.open = captions_open,
	.close = captions_close,
	.op.format = {.score = captions_score, .parse = captions_parse},
};
