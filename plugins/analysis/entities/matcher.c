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
 * Searching every byte with PCRE2 cost most of the plugin's time, so the
 * tries are compiled anchored and stand for a copy of each trie in C:
 * one pass in C finds the word starts (BEFORE) and walks the copy over
 * the text there, normalised as the keys are, which finds what the
 * pattern would match there (trie_walk says why); the pattern itself
 * runs only for a gazetteer whose keys the normalisation would not keep
 * (trie_filter.off). Each trie still resumes after its last match, so
 * the candidates are those of an unanchored search from the segment
 * start. (PCRE2_ANCHORED must be given when compiling: pcre2_jit_match
 * ignores it as a match option.) The same pass lists the words with a
 * capital, which the token pattern BEFORE
 * "[A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*" AFTER found before,
 * and notes where the entries' own patterns may begin.
 *
 * Before that walk, a word is looked up by its hash in a bitmap of the
 * keys' leading words (their bytes up to the first one that is not a
 * letter, digit or underscore): where a key can match, the word in the
 * text is exactly that leading word, since the key's next byte (or
 * AFTER) must then end the word. The hash is taken as the scan reads the
 * word, so that most words cost it and one test; the same test covers
 * the words that entry patterns begin with. A leading word that keys
 * follow with a space and another word ("the", "internet") is walked
 * only where the text's next word is one of those: a second hash, where
 * most walks failed at that word.
 * (Classifying sixteen bytes at a time with SSE2 and visiting
 * only the ends of words was tried: fewer instructions per byte, no
 * faster, since words are short.)
 *
 * Word boundaries are ASCII letters and digits and the two-byte UTF-8
 * letters (Latin, Greek, Cyrillic); three-byte characters (CJK, curly
 * quotes, dashes) are boundaries, since Chinese text writes "ICANN的".
 */
#include <ctype.h>
#include <stdint.h>
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

/* Byte classes, as the patterns (bytes, no UTF, PCRE2's default tables)
 * see them: a table, since the scans test every byte. */
#define C_WORD  1  /* [A-Za-z0-9_]: what BEFORE and AFTER exclude */
#define C_ALNUM 2  /* [A-Za-z0-9] */
#define C_UPPER 4  /* [A-Z] */
#define C_LEAD2 8  /* [\xc0-\xdf]: the first byte of a two-byte letter */
#define C_CONT  16 /* [\x80-\xbf] */
#define C_SPACE 32 /* [\s\-]: what K_SPACE matches */
#define C_UNDER 64 /* _ */
#define C_LOOK  128 /* in matcher.classes only: see ent_matcher_scan */
#define ODD_LONG_S "\xc5\xbf" /* ſ, and K (Kelvin), which a caseless s or k matches */
#define ODD_KELVIN "\xe2\x84\xaa"
/* clang-format off */
static const unsigned char byte_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 32, 32, 32, 32, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0,
	0, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 0, 0, 0, 0, 65,
	0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0,
	16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
	16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
	16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
	16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
	8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,
	8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};
/* clang-format on */

/* Bytes in ASCII lower case: a table, as the scan folds every byte of
 * every word. */
#define SEQ4(b)  (b), (b) + 1, (b) + 2, (b) + 3
#define SEQ16(b) SEQ4(b), SEQ4((b) + 4), SEQ4((b) + 8), SEQ4((b) + 12)
static const unsigned char folded[256] = {
    SEQ16(0),   SEQ16(16),  SEQ16(32),  SEQ16(48),  '@',        SEQ4('a'),  SEQ4('e'),
    SEQ4('i'),  SEQ4('m'),  SEQ4('q'),  SEQ4('u'),  'y',        'z',        SEQ4('['),
    '_',        SEQ16(96),  SEQ16(112), SEQ16(128), SEQ16(144), SEQ16(160), SEQ16(176),
    SEQ16(192), SEQ16(208), SEQ16(224), SEQ16(240),
};
#undef SEQ16
#undef SEQ4

/* ASCII only, like PCRE2's caseless matching without UTF or UCP. */
static inline unsigned char fold(unsigned char c)
{
	return folded[c];
}

/* BEFORE at p: not after a letter, digit, underscore or two-byte UTF-8
 * letter. */
static inline bool word_start(const unsigned char *s, size_t p)
{
	if (p == 0)
		return true;
	unsigned char c = byte_class[s[p - 1]];
	if (c & C_WORD)
		return false;
	return !(p >= 2 && (c & C_CONT) && (byte_class[s[p - 2]] & C_LEAD2));
}

/* AFTER at p: not before a letter, digit, underscore or two-byte lead. */
static inline bool word_end(const unsigned char *s, size_t p, size_t len)
{
	return p >= len || !(byte_class[s[p]] & (C_WORD | C_LEAD2));
}

#define WORD_HASH_INIT 2166136261u

/* A step of a word's hash: cheap, as the scan takes it at every byte of
 * every word; bit_test mixes the bits. */
static inline uint32_t word_hash_step(uint32_t h, unsigned char c)
{
	return (h << 5 | h >> 27) ^ c;
}

/* The hash of a word of n bytes, folded. */
static uint32_t word_hash(const unsigned char *w, size_t n)
{
	uint32_t h = WORD_HASH_INIT;
	for (size_t i = 0; i < n; i++)
		h = word_hash_step(h, fold(w[i]));
	return h;
}

static inline bool bit_test(const uint64_t *bits, uint32_t h)
{
	uint32_t bit = (h * 0x9e3779b1u) >> 16;
	return bits[bit >> 6] >> (bit & 63) & 1;
}

static inline void bit_set(uint64_t *bits, uint32_t h)
{
	uint32_t bit = (h * 0x9e3779b1u) >> 16;
	bits[bit >> 6] |= UINT64_C(1) << (bit & 63);
}

/* The hash h of a word, carried on over a run of white space or hyphens
 * and the word after it (bytes up to one that is not a letter, digit or
 * underscore), folded; in the text as in a key, where K_SPACE stands for
 * the run. */
static inline uint32_t pair_hash(uint32_t h, const unsigned char *s, size_t len)
{
	h = word_hash_step(h, K_SPACE);
	for (size_t i = 0; i < len && (byte_class[s[i]] & C_WORD); i++)
		h = word_hash_step(h, fold(s[i]));
	return h;
}

/* Note the leading word of a key (its bytes up to the first one that is
 * not a letter, digit or underscore): where the key can match, the word
 * in the text is exactly that word, since the key's next byte (or AFTER)
 * must then end the word. Its hash, folded, goes to m->words and to
 * t->words (one hash of the text's word serves both tries and the entry
 * patterns; the exact trie checks the case when it walks). Where the key goes on with a space
 * and a word ("internet K_SPACE society"), the two words are noted in
 * t->pairs; otherwise (the key is that word, or goes on with another
 * byte) the word is noted in t->alone. Leading words like "the" and
 * "internet" are common in the text, and most of their walks would end
 * at the next word. A key that begins with another byte is found where
 * the text has that byte (t->may). */
static void word_note(matcher *m, trie_filter *t, const char *key, size_t len)
{
	const unsigned char *k = (const unsigned char *)key;
	uint32_t h = WORD_HASH_INIT;
	size_t i = 0;
	for (; i < len && (byte_class[k[i]] & C_WORD); i++)
		h = word_hash_step(h, fold(k[i]));
	if (i == 0)
		return;
	bit_set(m->words, h);
	bit_set(t->words, h);
	if (i + 1 < len && k[i] == K_SPACE && (byte_class[k[i + 1]] & C_WORD))
		bit_set(t->pairs, pair_hash(h, k + i + 1, len - i - 1));
	else
		bit_set(t->alone, h);
}

/* Whether a key of t may begin at the word that ends at e, whose hash is
 * h: the word alone, or with the word after a run of white space or
 * hyphens. A key's second word ends where the text's does: the key's
 * next byte, or AFTER at its end, matches no letter or digit. */
static inline bool words_maybe(const trie_filter *t, uint32_t h, const unsigned char *s, size_t e,
                               size_t len)
{
	if (!bit_test(t->words, h))
		return false;
	if (bit_test(t->alone, h))
		return true;
	size_t j = e;
	while (j < len && (byte_class[s[j]] & C_SPACE))
		j++;
	return j > e && j < len && bit_test(t->pairs, pair_hash(h, s + j, len - j));
}

/* The child of node k for byte c, or 0. Below the first bytes most nodes
 * have one child, the tail of one key: a test. Others are found with a
 * probe or two in a hash table, where a search among the children would
 * cost a test per child. */
static inline uint32_t filter_step(const trie_filter *t, uint32_t k, unsigned char c)
{
	const trie_node *n = &t->nodes[k];
	if (n->n_children == 1)
		return n->only == c ? n->child : 0;
	uint32_t key = k << 8 | c;
	for (uint32_t h = (key * 0x9e3779b1u) >> t->edge_shift;; h = (h + 1) & t->edge_mask) {
		uint64_t e = t->edges[h];
		if (!e || (uint32_t)(e >> 32) == key)
			return (uint32_t)e;
	}
}

/* The match of trie t's pattern at the word start p, found in C: the end
 * of the key that matches, with its form in *form, or 0 when none does.
 * The text normalised as the keys are (see filter_norm) follows one path
 * down the trie: a node's children are distinct bytes, a byte of the
 * text matches at most one of them, and K_SPACE takes the whole run of
 * [\s\-], as giving some back cannot help (no key ends with K_SPACE or
 * has two in a row, and no key byte after one is a space or hyphen). The
 * pattern tries a node's children before the key that ends there, so the
 * match is the deepest key on the path that AFTER ends. */
static size_t trie_walk(const trie_filter *t, const unsigned char *s, size_t p, size_t len,
                        uint32_t *form)
{
	size_t i = p, end = 0;
	uint32_t k = 0; /* the root */
	while (i < len) {
		unsigned char b = s[i++], c = t->norm[b];
		if (c == K_SPACE) {
			while (i < len && (byte_class[s[i]] & C_SPACE))
				i++;
		} else if (b == 0xe2 && i + 1 < len && s[i] == 0x80 && s[i + 1] == 0x99) {
			i += 2;
			c = K_APOS;
		}
		if (!(k = k ? filter_step(t, k, c) : t->first[c]))
			break;
		const trie_node *n = &t->nodes[k];
		if (n->term && word_end(s, i, len)) {
			end = i;
			*form = n->form;
		}
		if (!n->n_children)
			break;
	}
	return end;
}

/* The bytes of text normalised as keys are: a run of [\s\-] is K_SPACE,
 * ' and ’ (0xe2 here, then two bytes) are K_APOS, letters are folded for
 * the caseless trie. The bytes K_SPACE and K_APOS themselves (and NUL)
 * are 0, which begins no key and follows no node: in a key they stand
 * for other text. */
static void filter_norm(trie_filter *t, bool caseless)
{
	for (unsigned c = 0; c < 256; c++) {
		unsigned char b = (unsigned char)c;
		t->norm[c] = (byte_class[c] & C_SPACE) ? K_SPACE
		             : c == '\''               ? K_APOS
		             : c <= K_APOS             ? 0
		             : caseless                ? fold(b)
		                                       : b;
	}
}

/* The edges of t's nodes in a hash table, for filter_step. */
static void filter_edges(trie_filter *t)
{
	uint32_t bits = 4;
	while ((1u << bits) < 2 * t->n)
		bits++;
	t->edge_mask = (1u << bits) - 1;
	t->edge_shift = 32 - bits;
	t->edges = calloc((size_t)t->edge_mask + 1, sizeof(*t->edges));
	if (!t->edges)
		abort();
	if (t->n >= 1u << 24) { /* node << 8 would overflow: no filter */
		t->off = true;
		return;
	}
	for (uint32_t k = 0; k < t->n; k++) {
		for (uint32_t j = t->nodes[k].child; j < t->nodes[k].child + t->nodes[k].n_children;
		     j++) {
			uint32_t key = k << 8 | t->nodes[j].byte;
			uint32_t h = (key * 0x9e3779b1u) >> t->edge_shift;
			while (t->edges[h])
				h = (h + 1) & t->edge_mask;
			t->edges[h] = (uint64_t)key << 32 | j;
		}
	}
}

static uint32_t filter_node(trie_filter *t)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->nodes = realloc(t->nodes, t->cap * sizeof(*t->nodes));
		if (!t->nodes)
			abort();
	}
	memset(&t->nodes[t->n], 0, sizeof(*t->nodes));
	return (uint32_t)t->n++;
}

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

/* Fill node k with the children of k[lo..hi) (sorted, sharing their
 * first depth bytes), as emit_trie lays out the pattern. */
static void filter_build(trie_filter *t, uint32_t node, const trie_key *k, size_t lo, size_t hi,
                         size_t depth)
{
	size_t i = lo, groups = 0;
	if (i < hi && k[i].len == depth) { /* the same key twice: the first form keeps it */
		t->nodes[node].term = true;
		t->nodes[node].form = (uint32_t)k[i].form;
	}
	while (i < hi && k[i].len == depth)
		i++;
	for (size_t j = i; j < hi; groups++) {
		char c = k[j].key[depth];
		while (j < hi && k[j].key[depth] == c)
			j++;
	}
	uint32_t first = (uint32_t)t->n;
	for (size_t g = 0; g < groups; g++)
		filter_node(t);
	t->nodes[node].child = first;
	t->nodes[node].n_children = (uint16_t)groups;
	for (size_t g = 0; i < hi; g++) {
		unsigned char c = (unsigned char)k[i].key[depth];
		size_t j = i;
		while (j < hi && (unsigned char)k[j].key[depth] == c)
			j++;
		t->nodes[first + g].byte = c;
		t->nodes[node].only = c; /* the last; the only one when there is one */
		if (node == 0)
			t->first[c] = first + (uint32_t)g;
		filter_build(t, first + (uint32_t)g, k, i, j, depth + 1);
		i = j;
	}
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

static pcre2_code *compile(const char *pattern, size_t len, uint32_t options, bool jit, char *err,
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
	if (jit) /* without the JIT, the interpreter runs */
		pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

/* One trie pattern, anchored, over the forms matched as written or those
 * matched in any case; its copy in C goes to m->filter[caseless]. The
 * pattern runs only where the copy cannot stand for it (t->off), but it
 * is compiled all the same: a gazetteer that PCRE2 refuses is refused. */
static pcre2_code *build_trie(matcher *m, const gazetteer *g, bool caseless, char *err,
                              size_t errlen)
{
	trie_filter *t = &m->filter[caseless];
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
		for (size_t j = 0; j < b.len; j++) { /* a \r written in a form */
			unsigned char c = (unsigned char)b.data[j];
			t->off |= byte_class[c] & (C_SPACE | (caseless ? C_UPPER : 0));
		}
		for (const char *c = f->text; *c; c++) /* a K_SPACE or K_APOS written in a form */
			t->off |= (unsigned char)*c <= K_APOS;
		word_note(m, t, b.data, b.len);
		keys[n].len = b.len;
		keys[n].form = i;
		keys[n++].key = igt_buf_take(&b);
	}
	qsort(keys, n, sizeof(*keys), key_cmp);
	filter_node(t); /* the root */
	filter_build(t, 0, keys, 0, n, 0);
	filter_edges(t);
	filter_norm(t, caseless);
	if (t->off) {
		memset(t->words, 0xff, sizeof(t->words));
		memset(t->alone, 0xff, sizeof(t->alone));
		memset(m->words, 0xff, sizeof(m->words));
	}
	igt_buf_add(&re, BEFORE, strlen(BEFORE));
	if (n)
		emit_trie(&re, keys, 0, n, 0);
	else
		igt_buf_add(&re, "(*FAIL)", 7);
	igt_buf_add(&re, AFTER, strlen(AFTER));
	uint32_t options = PCRE2_ANCHORED | (caseless ? PCRE2_CASELESS : 0);
	pcre2_code *code = compile(re.data, re.len, options, t->off, err, errlen);
	size_t jit_size = 0;
	if (code)
		pcre2_pattern_info(code, PCRE2_INFO_JITSIZE, &jit_size);
	t->jit = jit_size != 0;
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

/* The end of the group that opens at p[i] ('('), or 0 when it does not
 * close; escapes and character classes are skipped. */
static size_t group_end(const char *p, size_t i)
{
	size_t depth = 0;
	bool in_class = false;
	for (; p[i]; i++) {
		if (p[i] == '\\') {
			if (!p[++i])
				return 0;
		} else if (in_class) {
			in_class = p[i] != ']';
		} else if (p[i] == '[') {
			in_class = true;
			i += p[i + 1] == '^';
			i += p[i + 1] == ']'; /* a ']' first in a class is itself */
		} else if (p[i] == '(') {
			depth++;
		} else if (p[i] == ')' && --depth == 0) {
			return i + 1;
		}
	}
	return 0;
}

/* Whether p has a '|' outside every group (or does not parse plainly). */
static bool top_level_bar(const char *p)
{
	for (size_t i = 0; p[i]; i++) {
		if (p[i] == '|' || p[i] == ')' || p[i] == '[')
			return true; /* a class at the top level: not worth parsing */
		if (p[i] == '\\') {
			if (!p[++i])
				return true;
		} else if (p[i] == '(') {
			size_t e = group_end(p, i);
			if (!e)
				return true;
			i = e - 1;
		}
	}
	return false;
}

static bool is_quantifier(char c)
{
	return c == '?' || c == '*' || c == '+' || c == '{';
}

/* A word of letters or digits at p[*i] that ends there: \b, or \s or a
 * space at least once. Its length (and *i past it), or 0. */
static size_t literal_word(const char *p, size_t *i, char *word, size_t cap, bool caseless,
                           bool *odd)
{
	size_t n = 0, j = *i;
	for (; isalnum((unsigned char)p[j]) || p[j] == '_'; j++) {
		if (n + 1 >= cap || is_quantifier(p[j + 1]))
			return 0;
		*odd |= caseless && strchr("kKsS", p[j]);
		word[n++] = caseless ? (char)fold((unsigned char)p[j]) : p[j];
	}
	bool boundary = !strncmp(p + j, "\\b", 2);
	bool space = !strncmp(p + j, "\\s", 2) || p[j] == ' ';
	char next = p[j + (p[j] == ' ' ? 1 : 2)];
	if (!n || !(boundary || space) ||
	    (boundary ? is_quantifier(next) : next == '?' || next == '*' || next == '{'))
		return 0;
	*i = j;
	return n;
}

/* The word every match of pattern p begins with, when p says so plainly:
 * an optional (?i) first, then lookarounds, then \b and a word that ends
 * (literal_word); and the word after it, where \s+ and another such word
 * follow. A match then begins where a run of [A-Za-z0-9_] begins and is
 * that word: \b and \s are ASCII in UTF mode without UCP. So the pattern
 * runs anchored only where that word is (and the next one), which finds
 * what a search of the whole segment finds. Anything else, or anything
 * that could make a search differ from tries at those places (\G, verbs,
 * \Q, comments, extended mode, a top-level alternative, a POSIX class,
 * whose ']' group_end would take for the class's), is searched as
 * before: uw->len is 0. In UTF mode a caseless k or s also matches the
 * Kelvin sign or the long s: uw->odd, and a segment with either is
 * searched. */
static void user_word_of(const char *p, user_word *uw)
{
	memset(uw, 0, sizeof(*uw));
	if (strstr(p, "\\G") || strstr(p, "(*") || strstr(p, "\\Q") || strstr(p, "(?#") ||
	    strstr(p, "(?x") || strstr(p, "[:") || top_level_bar(p))
		return;
	size_t i = 0;
	bool caseless = strncmp(p, "(?i)", 4) == 0;
	if (caseless)
		i = 4;
	while (!strncmp(p + i, "(?<!", 4) || !strncmp(p + i, "(?<=", 4) ||
	       !strncmp(p + i, "(?!", 3) || !strncmp(p + i, "(?=", 3)) {
		size_t e = group_end(p, i);
		if (!e)
			return;
		i = e;
	}
	if (strncmp(p + i, "\\b", 2))
		return;
	i += 2;
	uw->len = literal_word(p, &i, uw->word, sizeof(uw->word), caseless, &uw->odd);
	if (uw->len && !strncmp(p + i, "\\s+", 3)) {
		i += 3;
		uw->len2 = literal_word(p, &i, uw->word2, sizeof(uw->word2), caseless, &uw->odd);
	}
	uw->caseless = caseless;
}

static int build_user(matcher *m, const gazetteer *g, char *err, size_t errlen)
{
	for (size_t i = 0; i < g->n_entries; i++) {
		for (size_t j = 0; j < g->entries[i].n_patterns; j++) {
			const char *p = g->entries[i].patterns[j];
			char sub[200];
			pcre2_code *re = compile(p, strlen(p), PCRE2_UTF, true, sub, sizeof(sub));
			if (!re) {
				snprintf(err, errlen, "entity '%s': %s", g->entries[i].name, sub);
				return -1;
			}
			m->user = realloc(m->user, (m->n_user + 1) * sizeof(*m->user));
			m->user_entry = realloc(m->user_entry, (m->n_user + 1) * sizeof(size_t));
			m->user_word = realloc(m->user_word, (m->n_user + 1) * sizeof(*m->user_word));
			if (!m->user || !m->user_entry || !m->user_word)
				abort();
			user_word *uw = &m->user_word[m->n_user];
			user_word_of(p, uw);
			if (uw->len) {
				uw->hash = word_hash((const unsigned char *)uw->word, uw->len);
				bit_set(m->words, uw->hash);
				bit_set(m->user_words, uw->hash);
			}
			m->user[m->n_user] = re;
			m->user_entry[m->n_user++] = i;
		}
	}
	return 0;
}

int ent_matcher_build(matcher *m, const gazetteer *g, char *err, size_t errlen)
{
	memset(m, 0, sizeof(*m));
	build_maps(m, g);
	m->md = pcre2_match_data_create(8, NULL);
	if (!(m->exact = build_trie(m, g, false, err, errlen)) ||
	    !(m->caseless = build_trie(m, g, true, err, errlen)) || build_user(m, g, err, errlen))
		return -1;
	for (int i = 0; i < 2; i++) {
		trie_filter *t = &m->filter[i];
		for (unsigned c = 0; c < 256; c++) {
			t->may[c] = t->off || t->first[t->norm[c]];
			t->may[c] |= c == 0xe2 && t->first[K_APOS];
		}
	}
	bool odd = false;
	for (size_t i = 0; i < m->n_user; i++)
		odd |= m->user_word[i].len && m->user_word[i].odd;
	for (unsigned c = 0; c < 256; c++) {
		bool look = m->filter[0].may[c] || m->filter[1].may[c];
		look |=
		    odd && (c == (unsigned char)ODD_LONG_S[0] || c == (unsigned char)ODD_KELVIN[0]);
		m->classes[c] = byte_class[c] | (look && !(byte_class[c] & C_WORD) ? C_LOOK : 0);
	}
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
	free(m->user_word);
	free(m->user_at);
	pcre2_match_data_free(m->md);
	ent_mention_list_free(&m->later);
	free(m->tokens);
	for (int i = 0; i < 2; i++) {
		free(m->filter[i].nodes);
		free(m->filter[i].edges);
	}
	ent_map_free(&m->acronyms);
	ent_map_free(&m->upper);
	ent_map_free(&m->deletions);
	ent_map_free(&m->names);
	memset(m, 0, sizeof(*m));
}

/* Add the mention [start, end) of form (a trie's match) to out. */
static void form_found(const gazetteer *g, size_t form, size_t start, size_t end, mention_list *out)
{
	const gz_form *f = &g->forms[form];
	ent_mention_add(out, (mention){.start = start,
	                               .len = end - start,
	                               .entry = f->entry,
	                               .score = 1,
	                               .source = SRC_GAZETTEER,
	                               .prio = f->acronym ? PRIO_ACRONYM : PRIO_NAME});
}

/* Add the match in m->md of entry pattern i to out, unless empty; where
 * the pattern's search goes on (after the match, or past an empty one at
 * `at`). */
static size_t pattern_found(matcher *m, size_t i, size_t at, mention_list *out)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
	if (ov[1] > ov[0])
		ent_mention_add(out, (mention){.start = ov[0],
		                               .len = ov[1] - ov[0],
		                               .entry = m->user_entry[i],
		                               .score = 1,
		                               .source = SRC_GAZETTEER,
		                               .prio = PRIO_NAME});
	return ov[1] > at ? ov[1] : at + 1;
}

/* Search the whole text with entry pattern i. */
static void scan_one(matcher *m, size_t i, const char *text, size_t len, mention_list *out)
{
	for (PCRE2_SIZE at = 0; at < len;) {
		if (pcre2_match(m->user[i], (PCRE2_SPTR)text, len, at, PCRE2_NO_UTF_CHECK, m->md,
		                NULL) < 0)
			break;
		at = pattern_found(m, i, at, out);
	}
}

/* Run trie `which`'s pattern, anchored, at p (where its copy in C cannot
 * stand for it); the end of its match (p + 1 for an empty one), or 0 when
 * it does not match there. */
static size_t trie_at(matcher *m, const gazetteer *g, int which, const char *text, size_t len,
                      size_t p, mention_list *out)
{
	pcre2_code *re = which ? m->caseless : m->exact;
	int rc = m->filter[which].jit
	             ? pcre2_jit_match(re, (PCRE2_SPTR)text, len, p, 0, m->md, NULL)
	             : pcre2_match(re, (PCRE2_SPTR)text, len, p, 0, m->md, NULL);
	if (rc < 0)
		return 0;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
	PCRE2_SPTR mark = pcre2_get_mark(m->md);
	if (ov[1] > ov[0])
		form_found(g, mark ? strtoul((const char *)mark, NULL, 10) : 0, ov[0], ov[1], out);
	return ov[1] > p ? ov[1] : p + 1;
}

/* The end of the token (see ent_matcher_scan) that starts at a word
 * start and whose letters and digits, with a capital, run to e; 0 when
 * the pattern fails there. */
static size_t token_end(const unsigned char *s, size_t len, size_t e)
{
	/* Whole hyphenated parts only (a part cut short is followed by a
	 * letter); the pattern backtracks from the last part when AFTER
	 * fails there, and before a hyphen it never fails. */
	size_t last = e, before_last = e;
	while (last + 1 < len && s[last] == '-' && (byte_class[s[last + 1]] & C_ALNUM)) {
		before_last = last;
		for (last++; last < len && (byte_class[s[last]] & C_ALNUM);)
			last++;
	}
	size_t end = word_end(s, last, len) ? last : before_last;
	return end == e && !word_end(s, e, len) ? 0 : end;
}

/* Append the pair a, b to the array *items of *n numbers. */
static inline void pair_add(size_t **items, size_t *n, size_t *cap, size_t a, size_t b)
{
	if (*n + 2 > *cap)
		igt_array_grow((void **)items, cap, *n + 2, sizeof(**items));
	(*items)[(*n)++] = a;
	(*items)[(*n)++] = b;
}

/* Whether the text at s (len bytes) is word, whole (the byte after it
 * is not a letter, digit or underscore) when `whole`. */
static inline bool word_is(const unsigned char *s, size_t len, const char *word, size_t n,
                           bool caseless, bool whole)
{
	if (len < n)
		return false;
	for (size_t j = 0; j < n; j++) {
		if ((caseless ? fold(s[j]) : s[j]) != (unsigned char)word[j])
			return false;
	}
	return !whole || len == n || !(byte_class[s[n]] & C_WORD);
}

/* Note the word [w, e), whose hash is h, for each entry pattern that
 * begins with it (and with the word after it, past white space as \s
 * is). */
static void user_note(matcher *m, const unsigned char *s, size_t len, size_t w, size_t e,
                      uint32_t h)
{
	for (size_t i = 0; i < m->n_user; i++) {
		const user_word *uw = &m->user_word[i];
		if (uw->hash != h || !uw->len || uw->len != e - w ||
		    !word_is(s + w, e - w, uw->word, uw->len, uw->caseless, false))
			continue;
		if (uw->len2) {
			size_t j = e;
			while (j < len && (s[j] == ' ' || (s[j] >= '\t' && s[j] <= '\r')))
				j++;
			if (j == e ||
			    !word_is(s + j, len - j, uw->word2, uw->len2, uw->caseless, true))
				continue;
		}
		pair_add(&m->user_at, &m->n_user_at, &m->cap_user_at, i, w);
	}
}

/* Entry pattern i, anchored at each place noted for it, in order; each
 * try after the end of the last match, as a search resumes there. */
static void user_run(matcher *m, size_t i, const char *text, size_t len, mention_list *out)
{
	size_t from = 0;
	for (size_t k = 0; k < m->n_user_at; k += 2) {
		size_t w = m->user_at[k + 1];
		if (m->user_at[k] != i || w < from)
			continue;
		/* The JIT does not take PCRE2_ANCHORED at match time; the
		 * interpreter runs, at these few places. */
		if (pcre2_match(m->user[i], (PCRE2_SPTR)text, len, w,
		                PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK, m->md, NULL) < 0)
			continue;
		from = pattern_found(m, i, w, out);
	}
}

/* Trie `which` (0 exact, 1 caseless) at the word start p, where a key
 * may begin; its search resumes after a match. */
static inline void try_trie(matcher *m, const gazetteer *g, int which, const char *text,
                            size_t len, size_t p, size_t *from, mention_list *out)
{
	const trie_filter *t = &m->filter[which];
	size_t e;
	uint32_t form;
	if (p < *from)
		return;
	if (t->off)
		e = trie_at(m, g, which, text, len, p, out);
	else if ((e = trie_walk(t, (const unsigned char *)text, p, len, &form)))
		form_found(g, form, p, e, out);
	if (e)
		*from = e;
}

/* Whether the text at p (a lead byte of ODD_LONG_S or ODD_KELVIN) is
 * one of them. */
static bool odd_at(const unsigned char *s, size_t p, size_t len)
{
	const char *o = s[p] == (unsigned char)ODD_LONG_S[0] ? ODD_LONG_S : ODD_KELVIN;
	size_t n = strlen(o);
	return p + n <= len && !memcmp(s + p, o, n);
}

/* One pass over the text: at each byte that is not in a word and may
 * begin a key (C_LOOK), the tries; at each word, one test of its hash
 * tells whether a key or an entry pattern may begin there (most words:
 * no), and a capital makes it a token. */
void ent_matcher_scan(matcher *m, const gazetteer *g, const char *text, size_t len,
                      mention_list *out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t from[2] = {0, 0}; /* where each trie's search resumes */
	size_t token_from = 0;   /* and the tokens' */
	bool odd = false;        /* the text has a Kelvin sign or a long s */
	m->later.n = 0;
	m->n_tokens = 0;
	m->n_user_at = 0;
	/* A word that begins before `safe` ends before it, at a byte that is
	 * not a word's: no test of the length in its loop. */
	size_t safe = len;
	while (safe > 0 && (byte_class[s[safe - 1]] & C_WORD))
		safe--;
	for (size_t p = 0; p < len;) {
		unsigned cls = m->classes[s[p]];
		if (!(cls & C_WORD)) {
			if (cls & C_LOOK) {
				if (s[p] == (unsigned char)ODD_LONG_S[0] ||
				    s[p] == (unsigned char)ODD_KELVIN[0])
					odd = odd || odd_at(s, p, len);
				if (word_start(s, p)) {
					if (m->filter[0].may[s[p]])
						try_trie(m, g, 0, text, len, p, &from[0], out);
					if (m->filter[1].may[s[p]])
						try_trie(m, g, 1, text, len, p, &from[1],
						         &m->later);
				}
			}
			p++;
			continue;
		}
		/* A word: no key begins inside it. Its hash is taken as it is
		 * read, and one test says whether a key or an entry pattern
		 * may begin with it: for most words, no. */
		size_t w = p;
		unsigned all = cls;
		uint32_t h = word_hash_step(WORD_HASH_INIT, fold(s[p]));
		if (p < safe) {
			while ((cls = byte_class[s[++p]]) & C_WORD) {
				all |= cls;
				h = word_hash_step(h, fold(s[p]));
			}
		} else {
			while (++p < len) {
				all |= byte_class[s[p]];
				h = word_hash_step(h, fold(s[p]));
			}
		}
		if (bit_test(m->words, h)) {
			if (bit_test(m->user_words, h)) /* \b begins after a two-byte letter too */
				user_note(m, s, len, w, p, h);
			if (word_start(s, w)) {
				if (words_maybe(&m->filter[0], h, s, p, len))
					try_trie(m, g, 0, text, len, w, &from[0], out);
				if (words_maybe(&m->filter[1], h, s, p, len))
					try_trie(m, g, 1, text, len, w, &from[1], &m->later);
			}
		}
		/* A token: letters and digits with a capital, not glued to an
		 * underscore (then AFTER fails and no hyphen can follow). */
		size_t end;
		if ((all & (C_UPPER | C_UNDER)) == C_UPPER && w >= token_from && word_start(s, w) &&
		    (end = token_end(s, len, p))) {
			pair_add(&m->tokens, &m->n_tokens, &m->cap_tokens, w, end - w);
			token_from = end;
		}
	}
	/* In the order of two unanchored searches: all exact, then all caseless. */
	for (size_t i = 0; i < m->later.n; i++)
		ent_mention_add(out, m->later.items[i]);
	for (size_t i = 0; i < m->n_user; i++) {
		const user_word *uw = &m->user_word[i];
		if (uw->len && !(uw->odd && odd))
			user_run(m, i, text, len, out);
		else
			scan_one(m, i, text, len, out);
	}
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
