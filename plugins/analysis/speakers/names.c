/* SPDX-License-Identifier: MIT */
/*
 * Names as keys: the words of a person's name casefolded (utf8proc), the
 * family-name list that tells "Yuxiao Li" and "Li Yuxiao" apart from
 * "Feng Guo" and "Guo Feng", the stable person id derived from the key,
 * and the scores of forms that are only probably the same person.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#include <yaml.h>

#include "speakers.h"

/* ---- string set ---- */

uint64_t spk_fnv1a(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static size_t set_slot(char **slots, size_t cap, const char *key, size_t len)
{
	size_t i = (size_t)spk_fnv1a(key, len) & (cap - 1);
	while (slots[i] && !(strlen(slots[i]) == len && memcmp(slots[i], key, len) == 0))
		i = (i + 1) & (cap - 1);
	return i;
}

bool spk_set_has(const spk_set *s, const char *key, size_t len)
{
	return s->cap && s->slots[set_slot(s->slots, s->cap, key, len)] != NULL;
}

void spk_set_add(spk_set *s, const char *key, size_t len)
{
	if (2 * (s->n + 1) > s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		char **slots = calloc(cap, sizeof(*slots));
		if (!slots)
			abort();
		for (size_t i = 0; i < s->cap; i++)
			if (s->slots[i])
				slots[set_slot(slots, cap, s->slots[i], strlen(s->slots[i]))] = s->slots[i];
		free(s->slots);
		s->slots = slots;
		s->cap = cap;
	}
	size_t i = set_slot(s->slots, s->cap, key, len);
	if (!s->slots[i]) {
		s->slots[i] = igt_strndup(key, len);
		s->n++;
	}
}

void spk_set_free(spk_set *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->slots[i]);
	free(s->slots);
	s->slots = NULL;
	s->cap = s->n = 0;
}

/* ---- folding ---- */

/* Casefolded NFC of len bytes; NULL when the text is not UTF-8. */
static char *fold(const char *s, size_t len, bool strip_marks)
{
	/* ASCII without NUL, most names: folding is lowering, and composing
	 * or stripping marks changes nothing. utf8proc_map costs some 300
	 * instructions a character, which made folding names a fifth of the
	 * plugin's time on report forms. */
	size_t ascii = 0;
	while (ascii < len && (unsigned char)s[ascii] - 1u < 0x7fu)
		ascii++;
	if (ascii == len) {
		char *lower = malloc(len + 1);
		if (!lower)
			abort();
		for (size_t i = 0; i < len; i++)
			lower[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
		lower[len] = '\0';
		return lower;
	}
	utf8proc_uint8_t *out = NULL;
	int opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD;
	if (strip_marks)
		opts = UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK;
	if (utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
	                 (utf8proc_option_t)opts) < 0)
		return NULL;
	return (char *)out;
}

void spk_family_add(spk_set *fam, const char *name)
{
	char *f = fold(name, strlen(name), false);
	if (f && *f)
		spk_set_add(fam, f, strlen(f));
	free(f);
}

int spk_family_load(spk_set *fam, const char *path, char *err, size_t errsz)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		snprintf(err, errsz, "%s: cannot open", path);
		return -1;
	}
	yaml_parser_t p;
	yaml_event_t ev;
	int depth_seq = 0, rc = 0, done = 0;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, fp);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			snprintf(err, errsz, "%s:%zu: %s", path, p.problem_mark.line + 1,
			         p.problem ? p.problem : "YAML error");
			rc = -1;
			break;
		}
		if (ev.type == YAML_SEQUENCE_START_EVENT)
			depth_seq++;
		else if (ev.type == YAML_SEQUENCE_END_EVENT)
			depth_seq--;
		else if (ev.type == YAML_SCALAR_EVENT && depth_seq > 0)
			spk_family_add(fam, (const char *)ev.data.scalar.value);
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	fclose(fp);
	return rc;
}

/* ---- names ---- */

/* Separators inside a normalised name: spaces and the middle dots some
 * records put between given and family name ("Wolfgang·Kleinwachter"). */
static size_t sep_len(const unsigned char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == ',')
		return 1;
	if (s[0] == 0xC2 && (s[1] == 0xB7 || s[1] == 0xA0)) /* U+00B7, U+00A0 */
		return 2;
	if (s[0] == 0xE3 && s[1] == 0x83 && s[2] == 0xBB) /* U+30FB katakana middle dot */
		return 3;
	if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) /* U+3000 ideographic space */
		return 3;
	return 0;
}

/* Append a folded word to b: dots dropped ("J." is the initial "j"),
 * typographic apostrophes and hyphens made ASCII so O’Brien = O'Brien. */
static void add_word(igt_buf *b, const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const unsigned char *u = (const unsigned char *)w + i;
		if (*u == '.')
			continue;
		if (i + 2 < n && u[0] == 0xE2 && u[1] == 0x80 &&
		    (u[2] == 0x98 || u[2] == 0x99)) { /* ‘ ’ */
			igt_buf_addc(b, '\'');
			i += 2;
		} else if (i + 2 < n && u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x90 &&
		           u[2] <= 0x93) { /* ‐ ‑ ‒ – */
			igt_buf_addc(b, '-');
			i += 2;
		} else {
			igt_buf_addc(b, (char)*u);
		}
	}
}

static bool word_listed(const spk_name *nm, size_t i, const spk_set *fam)
{
	return spk_set_has(fam, nm->folded + nm->off[i], nm->len[i]);
}

/* The key: the words joined, rotated so that a family name written last
 * comes first when only one end of the name is a listed family name. */
static void make_key(spk_name *nm, const spk_set *fam)
{
	igt_buf b = {0};
	size_t first = 0;
	if (nm->n >= 2) {
		bool f0 = word_listed(nm, 0, fam), fl = word_listed(nm, nm->n - 1, fam);
		nm->order_unknown = f0 && fl;
		if (fl && !f0)
			first = nm->n - 1;
	}
	for (size_t k = 0; k < nm->n; k++) {
		size_t i = (first + k) % nm->n;
		if (k)
			igt_buf_addc(&b, ' ');
		igt_buf_add(&b, nm->folded + nm->off[i], nm->len[i]);
	}
	nm->key = igt_buf_take(&b);
}

int spk_name_init(spk_name *nm, const char *name, const spk_set *fam)
{
	memset(nm, 0, sizeof(*nm));
	igt_name parsed = {0};
	igt_name_parse(&parsed, name, strlen(name));
	const char *src = parsed.name ? parsed.name : "";
	char *f = fold(src, strlen(src), false);
	igt_name_clear(&parsed);
	if (!f)
		return -1;
	igt_buf b = {0};
	const unsigned char *s = (const unsigned char *)f;
	while (*s) {
		size_t k = sep_len(s);
		if (k) {
			s += k;
			continue;
		}
		const unsigned char *w = s;
		while (*s && !sep_len(s))
			s++;
		size_t before = b.len;
		if (nm->n == SPK_MAX_TOKENS)
			break;
		if (b.len)
			igt_buf_addc(&b, ' ');
		size_t start = b.len;
		add_word(&b, (const char *)w, (size_t)(s - w));
		if (b.len == start) { /* a lone dot */
			b.len = before;
			continue;
		}
		nm->off[nm->n] = start;
		nm->len[nm->n] = b.len - start;
		nm->n++;
	}
	free(f);
	if (!nm->n) {
		igt_buf_free(&b);
		return -1;
	}
	nm->folded = igt_buf_take(&b);
	make_key(nm, fam);
	return 0;
}

void spk_name_free(spk_name *nm)
{
	free(nm->folded);
	free(nm->key);
	free(nm->unaccented);
	free(nm->squeezed);
	memset(nm, 0, sizeof(*nm));
}

bool spk_name_word_is(const spk_name *nm, size_t i, const char *s, size_t len)
{
	return i < nm->n && nm->len[i] == len && memcmp(nm->folded + nm->off[i], s, len) == 0;
}

bool spk_name_same_words(const spk_name *a, const spk_name *b)
{
	if (a->n != b->n)
		return false;
	bool used[SPK_MAX_TOKENS] = {0};
	for (size_t i = 0; i < a->n; i++) {
		size_t j = 0;
		while (j < b->n && (used[j] || !spk_name_word_is(b, j, a->folded + a->off[i], a->len[i])))
			j++;
		if (j == b->n)
			return false;
		used[j] = true;
	}
	return true;
}

void spk_person_id(const char *key, char buf[SPK_ID_SIZE])
{
	snprintf(buf, SPK_ID_SIZE, "p-%016llx", (unsigned long long)spk_fnv1a(key, strlen(key)));
}

/* ---- probable links ---- */

/* The key without spaces and hyphens: "ShenYi" against "Shen Yi". */
static char *squeezed(const char *key)
{
	igt_buf b = {0};
	for (const char *p = key; *p; p++)
		if (*p != ' ' && *p != '-')
			igt_buf_addc(&b, *p);
	return igt_buf_take(&b);
}

/* Word a is an initial of word b (or the same word); *initial set when
 * it was an initial. Initials are one letter, counted as one code point. */
static bool initial_of(const char *a, size_t na, const char *b, size_t nb, bool *initial)
{
	if (na == nb && memcmp(a, b, na) == 0)
		return true;
	utf8proc_int32_t ca, cb;
	utf8proc_ssize_t la = utf8proc_iterate((const utf8proc_uint8_t *)a, (utf8proc_ssize_t)na, &ca);
	utf8proc_ssize_t lb = utf8proc_iterate((const utf8proc_uint8_t *)b, (utf8proc_ssize_t)nb, &cb);
	if (la <= 0 || lb <= 0 || ca != cb)
		return false;
	if ((size_t)la == na) {
		*initial = true;
		return true;
	}
	return false;
}

static bool initials_match(const spk_name *a, const spk_name *b)
{
	if (a->n != b->n || a->n < 2)
		return false;
	bool initial = false;
	for (size_t i = 0; i < a->n; i++) {
		const char *wa = a->folded + a->off[i], *wb = b->folded + b->off[i];
		if (!initial_of(wa, a->len[i], wb, b->len[i], &initial) &&
		    !initial_of(wb, b->len[i], wa, a->len[i], &initial))
			return false;
	}
	return initial;
}

void spk_name_prepare_link(spk_name *nm)
{
	if (nm->prepared)
		return;
	nm->unaccented = fold(nm->key, strlen(nm->key), true);
	nm->squeezed = squeezed(nm->key);
	nm->prepared = true;
}

double spk_name_link(const spk_name *a, const spk_name *b, const char **rule)
{
	*rule = NULL;
	if (strcmp(a->key, b->key) == 0)
		return 0;
	spk_name ta = {0}, tb = {0}; /* for a name not prepared: its forms, freed below */
	if (!a->prepared) {
		ta.key = a->key;
		spk_name_prepare_link(&ta);
	}
	if (!b->prepared) {
		tb.key = b->key;
		spk_name_prepare_link(&tb);
	}
	const spk_name *fa = a->prepared ? a : &ta, *fb = b->prepared ? b : &tb;
	bool marks = fa->unaccented && fb->unaccented &&
	             strcmp(fa->unaccented, fb->unaccented) == 0;
	bool joined = strcmp(fa->squeezed, fb->squeezed) == 0;
	free(ta.unaccented);
	free(ta.squeezed);
	free(tb.unaccented);
	free(tb.squeezed);
	if (marks) {
		*rule = "accents";
		return 0.9;
	}
	if (joined) {
		*rule = "joined";
		return 0.8;
	}
	if (initials_match(a, b)) {
		*rule = "initials";
		return 0.6;
	}
	if (a->n >= 2 && spk_name_same_words(a, b)) {
		*rule = "order";
		return 0.5;
	}
	return 0;
}
