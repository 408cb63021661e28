/* SPDX-License-Identifier: MIT */
/*
 * matcher: compiling a gazetteer into PCRE2 patterns and running them.
 *
 * Each kind of rule is one pattern searched over a whole segment, bytes
 * not locale. A plain alternation of hundreds of names would make PCRE2
 * try every name at every word start, so the names are laid out as a trie
 * ("I(?:ANA(*:3)|CANN(*:7))"): each byte is tried once per branch, and
 * the (*MARK) names the form that matched. Longer forms come before
 * their prefixes, so at one position the longest form that ends on a word
 * boundary wins.
 *
 * Word boundaries are ASCII letters and digits and the two-byte UTF-8
 * letters (Latin, Greek, Cyrillic); three-byte characters (CJK, curly
 * quotes, dashes) are boundaries, since Chinese text writes "ICANN的".
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <igtext/igtext.h>

#include "matcher.h"

#define AMBIGUOUS ((size_t)-2)
#define BEFORE    "(?<![A-Za-z0-9_])(?<![\\xc0-\\xdf][\\x80-\\xbf])"
#define AFTER     "(?![A-Za-z0-9_\\xc0-\\xdf])"
#define K_SPACE   '\x01' /* a run of white space or hyphens */
#define K_APOS    '\x02' /* ' or ’ */

typedef struct trie_key {
	char *key;
	size_t len;
	size_t form;
} trie_key;

/* The trie key of a form: folded to lower case when caseless. */
static void key_of(igt_buf *b, const char *s, bool fold)
{
	igt_buf_reset(b);
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '-') {
			if (b->len && b->data[b->len - 1] != K_SPACE)
				igt_buf_addc(b, K_SPACE);
		} else if (c == '\'' ||
		           (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		            (unsigned char)s[i + 2] == 0x99)) {
			igt_buf_addc(b, K_APOS);
			i += c == '\'' ? 0 : 2;
		} else {
			igt_buf_addc(b, (char)(fold ? tolower(c) : c));
		}
	}
	while (b->len && b->data[b->len - 1] == K_SPACE)
		b->len--;
}

static int key_cmp(const void *a, const void *b)
{
	const trie_key *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->key, y->key, n);
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->form < y->form ? -1 : x->form > y->form;
}

static void emit_byte(igt_buf *re, unsigned char c)
{
	char tmp[8];
	if (c == K_SPACE) {
		igt_buf_add(re, "[\\s\\-]+", 7);
	} else if (c == K_APOS) {
		igt_buf_add(re, "(?:'|\\xe2\\x80\\x99)", 18);
	} else if (isalnum(c)) {
		igt_buf_addc(re, (char)c);
	} else {
		snprintf(tmp, sizeof(tmp), "\\x%02x", c);
		igt_buf_add(re, tmp, 4);
	}
}

/* Emit k[lo..hi), which share their first depth bytes, as a trie. */
static void emit_trie(igt_buf *re, const trie_key *k, size_t lo, size_t hi, size_t depth)
{
	size_t term = STRMAP_NONE, i = lo, groups = 0;
	if (k[i].len == depth) {
		term = k[i].form; /* the same key twice: the first entry keeps it */
		while (i < hi && k[i].len == depth)
			i++;
	}
	for (size_t j = i; j < hi; groups++) {
		char c = k[j].key[depth];
		while (j < hi && k[j].key[depth] == c)
			j++;
	}
	bool group = groups + (term != STRMAP_NONE) > 1;
	if (group)
		igt_buf_add(re, "(?:", 3);
	for (size_t g = 0; i < hi; g++) {
		char c = k[i].key[depth];
		size_t j = i;
		while (j < hi && k[j].key[depth] == c)
			j++;
		if (g)
			igt_buf_addc(re, '|');
		emit_byte(re, (unsigned char)c);
		emit_trie(re, k, i, j, depth + 1);
		i = j;
	}
	if (term != STRMAP_NONE) {
		char mark[32];
		int n = snprintf(mark, sizeof(mark), "%s(*:%zu)", groups ? "|" : "", term);
		igt_buf_add(re, mark, (size_t)n);
	}
	if (group)
		igt_buf_addc(re, ')');
}

static pcre2_code *compile(const char *pattern, size_t len, uint32_t options, char *err,
                           size_t errlen)
{
	int code;
	PCRE2_SIZE at;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, len, options, &code, &at, NULL);
	if (!re) {
		PCRE2_UCHAR msg[160];
		pcre2_get_error_message(code, msg, sizeof(msg));
		snprintf(err, errlen, "pattern error at %zu: %s", (size_t)at, (char *)msg);
		return NULL;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* without the JIT, the interpreter runs */
	return re;
}

/* One trie pattern over the forms that pass want (acronym or not, …). */
static pcre2_code *build_trie(const gazetteer *g, bool caseless, char *err, size_t errlen)
{
	trie_key *keys = calloc(g->n_forms + 1, sizeof(*keys));
	igt_buf b = {0}, re = {0};
	size_t n = 0;
	if (!keys)
		abort();
	for (size_t i = 0; i < g->n_forms; i++) {
		const gz_form *f = &g->forms[i];
		if (f->no_match || caseless != !(f->acronym || f->exact_case))
			continue;
		key_of(&b, f->text, caseless);
		if (!b.len)
			continue;
		keys[n].len = b.len;
		keys[n].form = i;
		keys[n++].key = igt_buf_take(&b);
	}
	qsort(keys, n, sizeof(*keys), key_cmp);
	igt_buf_add(&re, BEFORE, strlen(BEFORE));
	if (n)
		emit_trie(&re, keys, 0, n, 0);
	else
		igt_buf_add(&re, "(*FAIL)", 7);
	igt_buf_add(&re, AFTER, strlen(AFTER));
	pcre2_code *code = compile(re.data, re.len, caseless ? PCRE2_CASELESS : 0, err, errlen);
	for (size_t i = 0; i < n; i++)
		free(keys[i].key);
	free(keys);
	igt_buf_free(&b);
	igt_buf_free(&re);
	return code;
}

static void put_unique(strmap *m, const char *key, size_t len, size_t entry)
{
	size_t *v = ent_map_put(m, key, len, entry);
	if (*v != entry)
		*v = AMBIGUOUS;
}

static bool all_alpha(const char *s)
{
	for (; *s; s++) {
		if (!isalpha((unsigned char)*s))
			return false;
	}
	return true;
}

/* The lookup maps: names, acronyms, acronyms in capitals, and the
 * acronyms of four letters or more less one letter (not the first). */
static void build_maps(matcher *m, const gazetteer *g)
{
	igt_buf b = {0};
	for (size_t i = 0; i < g->n_forms; i++) {
		const gz_form *f = &g->forms[i];
		size_t len = strlen(f->text);
		if (!f->acronym) {
			ent_matcher_normalise(&b, f->text, len);
			put_unique(&m->names, b.data, b.len, f->entry);
			continue;
		}
		put_unique(&m->acronyms, f->text, len, f->entry);
		igt_buf_reset(&b);
		for (size_t j = 0; j < len; j++)
			igt_buf_addc(&b, (char)toupper((unsigned char)f->text[j]));
		put_unique(&m->upper, b.data, b.len, f->entry);
		if (len < 4 || !all_alpha(b.data))
			continue;
		for (size_t j = 1; j < len; j++) {
			char del[64];
			if (len > sizeof(del))
				break;
			memcpy(del, b.data, j);
			memcpy(del + j, b.data + j + 1, len - j - 1);
			put_unique(&m->deletions, del, len - 1, f->entry);
		}
	}
	igt_buf_free(&b);
}

static int build_user(matcher *m, const gazetteer *g, char *err, size_t errlen)
{
	for (size_t i = 0; i < g->n_entries; i++) {
		for (size_t j = 0; j < g->entries[i].n_patterns; j++) {
			const char *p = g->entries[i].patterns[j];
			char sub[200];
			pcre2_code *re = compile(p, strlen(p), PCRE2_UTF, sub, sizeof(sub));
			if (!re) {
				snprintf(err, errlen, "entity '%s': %s", g->entries[i].name, sub);
				return -1;
			}
			m->user = realloc(m->user, (m->n_user + 1) * sizeof(*m->user));
			m->user_entry = realloc(m->user_entry, (m->n_user + 1) * sizeof(size_t));
			if (!m->user || !m->user_entry)
				abort();
			m->user[m->n_user] = re;
			m->user_entry[m->n_user++] = i;
		}
	}
	return 0;
}

int ent_matcher_build(matcher *m, const gazetteer *g, char *err, size_t errlen)
{
	static const char token[] = BEFORE "[A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*" AFTER;
	static const char paren[] = "\\(([^()\\n]{1,200})\\)";
	memset(m, 0, sizeof(*m));
	build_maps(m, g);
	m->md = pcre2_match_data_create(8, NULL);
	if (!(m->exact = build_trie(g, false, err, errlen)) ||
	    !(m->caseless = build_trie(g, true, err, errlen)) || build_user(m, g, err, errlen) ||
	    !(m->token = compile(token, sizeof(token) - 1, 0, err, errlen)) ||
	    !(m->paren = compile(paren, sizeof(paren) - 1, 0, err, errlen)))
		return -1;
	return 0;
}

void ent_matcher_free(matcher *m)
{
	pcre2_code_free(m->exact);
	pcre2_code_free(m->caseless);
	for (size_t i = 0; i < m->n_user; i++)
		pcre2_code_free(m->user[i]);
	free(m->user);
	free(m->user_entry);
	pcre2_code_free(m->token);
	pcre2_code_free(m->paren);
	pcre2_match_data_free(m->md);
	ent_map_free(&m->acronyms);
	ent_map_free(&m->upper);
	ent_map_free(&m->deletions);
	ent_map_free(&m->names);
	memset(m, 0, sizeof(*m));
}

/* Run one pattern over text; fixed >= 0 is the entry of a user pattern,
 * otherwise the mark names the form. */
static void scan_one(matcher *m, const gazetteer *g, pcre2_code *re, size_t fixed, uint32_t opts,
                     const char *text, size_t len, mention_list *out)
{
	PCRE2_SIZE at = 0;
	while (at < len) {
		int rc = pcre2_match(re, (PCRE2_SPTR)text, len, at, opts, m->md, NULL);
		if (rc < 0)
			break;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
		mention x = {.start = ov[0],
		             .len = ov[1] - ov[0],
		             .entry = fixed,
		             .score = 1,
		             .source = SRC_GAZETTEER,
		             .prio = PRIO_NAME};
		if (fixed == STRMAP_NONE) {
			PCRE2_SPTR mark = pcre2_get_mark(m->md);
			const gz_form *f =
			    &g->forms[mark ? strtoul((const char *)mark, NULL, 10) : 0];
			x.entry = f->entry;
			x.prio = f->acronym ? PRIO_ACRONYM : PRIO_NAME;
		}
		if (x.len)
			ent_mention_add(out, x);
		at = ov[1] > at ? ov[1] : at + 1;
	}
}

void ent_matcher_scan(matcher *m, const gazetteer *g, const char *text, size_t len,
                      mention_list *out)
{
	scan_one(m, g, m->exact, STRMAP_NONE, 0, text, len, out);
	scan_one(m, g, m->caseless, STRMAP_NONE, 0, text, len, out);
	for (size_t i = 0; i < m->n_user; i++)
		scan_one(m, g, m->user[i], m->user_entry[i], PCRE2_NO_UTF_CHECK, text, len, out);
}

void ent_matcher_normalise(igt_buf *out, const char *s, size_t len)
{
	igt_buf_reset(out);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-') {
			if (out->len && out->data[out->len - 1] != ' ')
				igt_buf_addc(out, ' ');
		} else if (c == 0xe2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
		           (unsigned char)s[i + 2] == 0x99) {
			igt_buf_addc(out, '\'');
			i += 2;
		} else {
			igt_buf_addc(out, (char)tolower(c));
		}
	}
	while (out->len && out->data[out->len - 1] == ' ')
		out->len--;
	igt_buf_addc(out, '\0');
	out->len--;
}

static void typo_note(size_t e, size_t *found)
{
	if (e == STRMAP_NONE)
		return;
	*found = *found == STRMAP_NONE || *found == e ? e : AMBIGUOUS;
}

size_t ent_matcher_typo(const matcher *m, const gazetteer *g, const char *word, size_t len,
                        double *score)
{
	char up[32], var[32];
	bool caps = true;
	if (len < 3 || len >= sizeof(up))
		return STRMAP_NONE;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)word[i];
		if (!isalpha(c))
			return STRMAP_NONE;
		caps = caps && isupper(c);
		up[i] = (char)toupper(c);
	}
	if (ent_map_get(&g->not_typos, word, len) != STRMAP_NONE ||
	    ent_map_get(&g->not_typos, up, len) != STRMAP_NONE)
		return STRMAP_NONE;
	size_t e = ent_map_get(&m->upper, up, len);
	if (e != STRMAP_NONE) { /* IGf, IcANN: the letters are right, the case is not */
		*score = 0.875;
		return e == AMBIGUOUS ? STRMAP_NONE : e;
	}
	if (!caps || len < 4)
		return STRMAP_NONE;
	size_t found = STRMAP_NONE;
	typo_note(ent_map_get(&m->deletions, up, len), &found); /* ICAN: a letter missing */
	for (size_t i = 1; i < len && len > 4; i++) {           /* ICANNN: one too many */
		memcpy(var, up, i);
		memcpy(var + i, up + i + 1, len - i - 1);
		typo_note(ent_map_get(&m->upper, var, len - 1), &found);
	}
	for (size_t i = 1; i + 1 < len; i++) { /* ICNAN: two swapped */
		if (up[i] == up[i + 1])
			continue;
		memcpy(var, up, len);
		var[i] = up[i + 1];
		var[i + 1] = up[i];
		typo_note(ent_map_get(&m->upper, var, len), &found);
	}
	if (found == STRMAP_NONE || found == AMBIGUOUS)
		return STRMAP_NONE;
	*score = 0.75;
	return found;
}
