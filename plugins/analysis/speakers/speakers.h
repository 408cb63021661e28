/* SPDX-License-Identifier: MIT */
/*
 * Shared declarations of the speakers analysis plugin. The plugin is split
 * into small files: name keys and the family-name list (names.c), word
 * counting (words.c), identity inside one document (identity.c), roles
 * and affiliations from introductions in the text (intro.c), per-document
 * metrics (metrics.c) and the corpus people table (corpus.c). Every name
 * outside a file is prefixed spk_ because the plugin is also linked
 * statically into igtext beside the other plugins.
 */
#ifndef SPEAKERS_H
#define SPEAKERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <igtext/igtext.h>

/* ---- a set of strings (names.c) ---- */

/* Open addressing over owned copies; grows at half load. Used for the
 * family-name list (a few hundred names), so lookups are O(1). */
typedef struct spk_set {
	char **slots;
	size_t cap, n;
} spk_set;

/* FNV-1a 64 of len bytes: the set's hash and the person id's. */
uint64_t spk_fnv1a(const char *s, size_t len);

void spk_set_add(spk_set *s, const char *key, size_t len);
bool spk_set_has(const spk_set *s, const char *key, size_t len);
void spk_set_free(spk_set *s);

/* ---- names and keys (names.c) ---- */

/* Add the family names of a YAML file (every scalar that is an item of a
 * sequence), casefolded. 0, or -1 with a message in err (size errsz). */
int spk_family_load(spk_set *fam, const char *path, char *err, size_t errsz);
/* Add one family name (casefolded). */
void spk_family_add(spk_set *fam, const char *name);

/* The words of a name, casefolded: at most SPK_MAX_TOKENS. */
#define SPK_MAX_TOKENS 8
typedef struct spk_name {
	char *folded;       /* the casefolded words joined by single spaces (owned) */
	size_t n;           /* number of words */
	size_t off[SPK_MAX_TOKENS], len[SPK_MAX_TOKENS]; /* words inside folded */
	char *key;          /* canonical key (owned): family name first when known */
	bool order_unknown; /* both ends are listed family names: keyed as written */
	/* The key without accents and without spaces and hyphens, as
	 * spk_name_link compares them (owned); set by spk_name_prepare_link,
	 * so that comparing every pair of a document folds each name once. */
	bool prepared;
	char *unaccented; /* NULL also when the key is not UTF-8 */
	char *squeezed;
} spk_name;

/* Split and fold a normalised name (honorifics are removed again, so text
 * taken from an introduction can be passed too). 0, or -1 when no word is
 * left (then nothing needs freeing). */
int spk_name_init(spk_name *nm, const char *name, const spk_set *fam);
void spk_name_free(spk_name *nm);
/* Whether word i of nm equals s[0..len). */
bool spk_name_word_is(const spk_name *nm, size_t i, const char *s, size_t len);
/* Same words, any order (the "order" candidate rule). */
bool spk_name_same_words(const spk_name *a, const spk_name *b);

/* "p-" and 16 hex digits of FNV-1a 64 over the key: stable everywhere.
 * buf must hold SPK_ID_SIZE bytes. */
#define SPK_ID_SIZE 19
void spk_person_id(const char *key, char buf[SPK_ID_SIZE]);

/* Scoring rules for two different keys that may still be one person;
 * returns the score (0 when unrelated) and the rule's name in *rule. */
double spk_name_link(const spk_name *a, const spk_name *b, const char **rule);
/* Compute once what spk_name_link compares (it works without, slower). */
void spk_name_prepare_link(spk_name *nm);

/* ---- words (words.c) ---- */

/* Words in len bytes of UTF-8: runs of letters, marks and digits, joined
 * across an apostrophe or hyphen between two of them; each Han, kana or
 * other ideograph counts as one word by itself. */
size_t spk_count_words(const char *s, size_t len);

/* ---- identity in one document (identity.c) ---- */

/* One person of the document as the plugin sees it while it works. */
typedef struct spk_entry {
	size_t doc_index;  /* index in the document's people before removals */
	spk_name nm;       /* valid when has_name */
	bool has_name;
	long into;         /* -1, or the entry this one was merged into */
	double into_score; /* 1 for certain merges */
	const char *into_rule;
	json_t *forms;        /* array of distinct strings seen (names, as written) */
	json_t *affiliations; /* array of distinct affiliations seen */
	char id[SPK_ID_SIZE];
} spk_entry;

/* A name spk_identity_find was asked about: its key, computed once, and
 * its answer, valid while gen is the context's (every new entry and
 * every merge changes it). */
typedef struct spk_found {
	char *name;    /* owned; NULL: an empty slot */
	char *key;     /* owned; NULL when the name has no word */
	bool one_word; /* the single-word rule applies */
	long entry;
	unsigned gen;
} spk_found;

typedef struct spk_ctx {
	igt_doc *doc;
	const spk_set *fam;
	spk_entry *e;
	size_t n, cap;
	json_t *candidates; /* [{a, b, score, rule}] */
	json_t *links;      /* [{form, person_id, score, rule}] merges done */
	json_t *speakers;   /* speaker string -> entry (cache) */
	/* The names spk_identity_find was asked about: the text asks about
	 * the same few names again and again, and folding and keying a name
	 * costs far more than comparing its key. Open addressing. */
	spk_found *found;
	size_t found_cap, found_n;
	unsigned gen;
	/* The last speaker string spk_identity_speaker looked up and its
	 * entry (before merges): a segment's speaker is mostly the one of
	 * the segment before. */
	char *last_speaker; /* owned */
	long last_speaker_entry;
} spk_ctx;

void spk_ctx_init(spk_ctx *c, igt_doc *doc, const spk_set *fam);
void spk_ctx_free(spk_ctx *c);
/* Entries for every person of the document, merged by key and by the
 * single-word rule; candidate links recorded. */
void spk_identity_build(spk_ctx *c);
/* The entry (after following merges) for a name, or -1: by key, by a form
 * seen, or by the single-word rule when exactly one entry fits. */
long spk_identity_find(spk_ctx *c, const char *name);
/* Add a person to the document (and an entry); returns the entry. */
long spk_identity_add(spk_ctx *c, const char *name, const char *as_written, const char *role);
/* A form met in the text that has no person of its own ("Guo Feng" said
 * by FENG GUO); returns the new entry, to be merged. */
long spk_identity_add_alias(spk_ctx *c, const char *name);
/* spk_identity_find for a segment's speaker string, cached per document
 * (the same few strings come back on every segment). */
long spk_identity_speaker(spk_ctx *c, const char *speaker);
/* Follow merges to the entry that stays. */
long spk_identity_root(const spk_ctx *c, long i);
/* Record a string seen for an entry (a form or an affiliation). */
void spk_add_distinct(json_t *arr, const char *s);
/* Merge entry from into entry to (roles, attributes, forms). */
void spk_identity_merge(spk_ctx *c, long from, long to, double score, const char *rule);
/* Give ids, move attributes of merged people into the kept ones and remove
 * the merged people from the document. */
void spk_identity_commit(spk_ctx *c);

/* ---- introductions (intro.c) ---- */

typedef struct spk_intro spk_intro;
/* Compile the patterns once; NULL with a message in err on failure. */
spk_intro *spk_intro_new(char *err, size_t errsz);
void spk_intro_free(spk_intro *in);
/* Read roles, affiliations and self-introductions from the segments. */
void spk_intro_scan(spk_intro *in, spk_ctx *c);
/* Whether an affiliation candidate reads as an organisation (exported for
 * the tests). */
bool spk_intro_is_org(const char *s, size_t len);
/* For the tests: the offsets (start, end) of the matches of an inline
 * introduction (which 0), a role (1) or a self-introduction (2) in t,
 * found as the plugin finds them (scan false: the pattern anchored where
 * byte tests say a match can begin) or by a plain regex scan (scan
 * true); both must agree. Fills at most max offsets, returns how many
 * there are. */
size_t spk_intro_spans(spk_intro *in, int which, bool scan, const char *t, size_t len,
                       size_t *spans, size_t max);

/* ---- metrics (metrics.c) ---- */

/* The metrics object for a document whose identities are built and
 * committed; speaker strings of segments resolved through c. */
json_t *spk_metrics(spk_ctx *c);

/* ---- corpus people table (corpus.c) ---- */

typedef struct spk_corpus spk_corpus;
spk_corpus *spk_corpus_new(void);
void spk_corpus_free(spk_corpus *co);
/* Record the document's people (after commit). */
void spk_corpus_add(spk_corpus *co, spk_ctx *c);
/* Hand one row per person to the outputs; 0 or the first error. */
int spk_corpus_emit(spk_corpus *co, igt_host *host);

#endif
