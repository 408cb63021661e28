/* SPDX-License-Identifier: MIT */
/*
 * dedup: what the plugin's files share. A document's text is normalised
 * (norm.c) into the sha256 of its normalised text and a one-permutation
 * MinHash sketch of its word shingles (sketch.c); the sketches of earlier
 * documents, from this run and from the store (store.c), are kept in an
 * index (index.c) where exact copies are found by hash and near-duplicates
 * through LSH bands, so a document is compared only with candidates; the
 * clusters become a corpus table at the end (clusters.c).
 */
#ifndef DEDUP_H
#define DEDUP_H

#include <stddef.h>
#include <stdint.h>

#include <igtext/igtext.h>
#include <nettle/sha2.h>

/* ---- sketches (sketch.c) ---- */

/* Bins of the one-permutation MinHash: the top DD_BIN_BITS bits of a
 * shingle's 64-bit hash pick its bin, where the smallest value wins; a
 * bin keeps the low 16 bits of its minimum (b-bit minwise hashing: two
 * different minima look alike with probability 2^-16 only, and the
 * signature is half as long). */
#define DD_BIN_BITS    7
#define DD_K           (1u << DD_BIN_BITS)
#define DD_EMPTY       UINT16_MAX /* a bin no shingle fell into */
#define DD_MAX_SHINGLE 8

/* LSH: DD_BANDS bands of DD_ROWS bins; two documents are compared when
 * they agree on every bin of at least one band. */
#define DD_ROWS  2
#define DD_BANDS 64

typedef struct dd_sketch {
	uint16_t mins[DD_K];
	uint64_t words;    /* tokens of the normalised text */
	uint64_t shingles; /* distinct shingles */
	unsigned char sha[32];
} dd_sketch;

/* Estimated Jaccard resemblance of two shingle sets from their bins (bins
 * empty in both are left out), and from it and the set sizes na and nb
 * the containment of the smaller set in the larger. */
void dd_compare(const uint16_t *a, uint64_t na, const uint16_t *b, uint64_t nb, double *jaccard,
                double *containment);

/* The signature as text, "oph1:w3:n792:<base64 of the 128 bins>", into
 * buf (DD_SIG_SIZE bytes). */
#define DD_SIG_SIZE 400
void dd_signature_format(const dd_sketch *s, int shingle, char *buf);
/* Read a signature written by dd_signature_format: 0 and *shingle, or -1
 * when it is not one. */
int dd_signature_parse(const char *text, dd_sketch *out, int *shingle);

/* ---- normalisation (norm.c) ---- */

/* Token hashes gathered before their shingles are hashed, in one tight
 * loop over all of them. */
#define DD_TOKENS 256

/* Scratch buffers reused from document to document. */
typedef struct dd_norm {
	int shingle;
	igt_buf text;          /* the normalised text not yet hashed */
	uint64_t hashed;       /* bytes of it already hashed */
	struct sha256_ctx sha; /* of the normalised text */
	uint32_t mins[DD_K];   /* the bins' minima in full */
	int32_t *ucs;          /* code points of a chunk that is not ASCII */
	size_t ucs_cap;
	uint64_t *bits;  /* linear counting of distinct shingles */
	size_t bits_cap; /* in 64-bit words */
	uint64_t bits_mask;
	uint64_t set; /* bits set in it */
	/* the current document */
	dd_sketch *out;
	/* the hashes of the last DD_MAX_SHINGLE tokens whose shingles were
	 * hashed (0 before the first), then of ntok tokens whose are not yet */
	uint64_t toks[DD_MAX_SHINGLE + DD_TOKENS];
	size_t ntok;
	uint64_t words; /* tokens whose shingles were hashed */
	uint64_t roll;  /* rolling hash of the last `shingle` of them */
	size_t tok_start; /* where the token read through utf8proc starts in text */
	int in_token, pending_space;
} dd_norm;

void dd_norm_init(dd_norm *n, int shingle);
void dd_norm_free(dd_norm *n);
/* Start a document; bytes_hint is the length of the text to come. */
void dd_norm_begin(dd_norm *n, dd_sketch *out, size_t bytes_hint);
/* One segment's text (valid UTF-8). */
void dd_norm_add(dd_norm *n, const char *text, size_t len);
/* Close the document: fills out's bins, hash, words and shingles. */
void dd_norm_end(dd_norm *n);

/* ---- the index of earlier documents (index.c) ---- */

#define DD_NONE UINT32_MAX

typedef struct dd_entry {
	char *id;
	char *cluster;
	char *copies; /* the id of its duplicate_of, NULL when none */
	unsigned char sha[32];
	uint64_t words, shingles;
	double similarity, containment; /* to its duplicate_of; < 0 when none */
	uint32_t next_same;             /* next entry with the same hash */
	unsigned has_hash : 1, has_sketch : 1, from_store : 1, exact : 1;
} dd_entry;

/* An open-addressing table from 64-bit keys to a pair of numbers. */
typedef struct dd_slot {
	uint64_t key; /* 0: free */
	uint32_t a, b;
} dd_slot;

typedef struct dd_table {
	dd_slot *slots;
	size_t mask, n;
} dd_table;

typedef struct dd_posting {
	uint32_t entry, next;
} dd_posting;

/* What a query reads of every candidate, apart from its bins. */
typedef struct dd_hot {
	uint64_t id_hash; /* to tell a document's own earlier copy cheaply */
	uint64_t shingles;
	uint32_t stamp; /* the last query that looked at the entry */
} dd_hot;

/* An LSH bucket: 32 bits of the band key (0: free; a clash of two keys
 * only adds candidates, which are checked anyway) and its newest posting. */
typedef struct dd_bucket {
	uint32_t key, head;
} dd_bucket;

/* Entries, with what a query reads of each candidate in arrays of their
 * own, so that passing over a candidate touches few cache lines. */
typedef struct dd_index {
	dd_entry *entries;
	uint16_t *mins; /* DD_K bins per entry */
	dd_hot *hot;
	size_t n, cap;
	dd_table exact;  /* hash prefix -> first and last entry with that hash */
	dd_table stored; /* id hash -> first entry of the store with that id */
	dd_bucket *buckets;
	size_t bucket_mask, n_buckets;
	dd_posting *postings;
	size_t n_postings, cap_postings;
	uint32_t query;
} dd_index;

/* The best earlier match of a document. */
typedef struct dd_match {
	uint32_t entry; /* DD_NONE: none */
	int exact;
	double similarity, containment;
	int banded; /* the query filled in the sketch's band keys */
} dd_match;

/* Acceptance rules of a near-duplicate. */
typedef struct dd_rules {
	double threshold;   /* Jaccard */
	double containment; /* of the smaller document in the larger */
	uint64_t min_words;
	uint64_t min_exact_words;
} dd_rules;

/* How many entries of one LSH bucket a query looks at, newest first: a
 * bucket that grows past this holds copies of one text (or of one common
 * passage), and its newest members stand for the rest. */
#define DD_BUCKET_CAP 4

void dd_index_free(dd_index *ix);
/* A new entry (id and cluster copied; cluster NULL: the id) with the
 * hash, counts and bins of sk; returns its number. Not yet findable: see
 * dd_index_insert. */
uint32_t dd_index_add(dd_index *ix, const char *id, const char *cluster, const dd_sketch *sk);
/* The LSH bucket keys of the bands of a sketch's bins (0: a band of empty
 * bins), into keys. */
void dd_band_keys(const uint16_t *mins, uint32_t *keys);
/* Make entry e findable: by hash when it has one, and through its bands,
 * whose keys are keys (DD_BANDS of them, from dd_band_keys), when keys is
 * not NULL. */
void dd_index_insert(dd_index *ix, uint32_t e, const uint32_t *keys);
/* Remember entry e (from the store) under its id. */
void dd_index_remember(dd_index *ix, uint32_t e);
/* The stored entry of document id, DD_NONE when the store has none. */
uint32_t dd_index_stored(dd_index *ix, const char *id);
/* The earliest entry with the same hash and another id, else the most
 * similar entry with another id that the rules accept among the LSH
 * candidates (near only when keys is not NULL: then the sketch's band
 * keys are computed into it when they are needed, which banded says, so
 * that dd_index_insert need not compute them again). */
dd_match dd_index_query(dd_index *ix, const dd_sketch *sk, const char *id, uint32_t *keys,
                        const dd_rules *rules);

/* ---- the store (store.c) ---- */

/* Load the earlier documents' hashes and signatures from the SQLite store
 * at path into ix (read-only; a missing file or table is not an error:
 * the plugin goes on without, with a message). */
void dd_store_load(dd_index *ix, const char *path, int shingle, const dd_rules *rules,
                   igt_host *host);

/* ---- the corpus table (clusters.c) ---- */

/* One row per cluster with two documents or more, at least one of them
 * from this run; 0 or an output's error. */
int dd_clusters_emit(const dd_index *ix, igt_host *host);

/* ---- helpers ---- */

/* Allocation that ends the process with a message when memory runs out,
 * as everywhere in igtext. */
void *dd_xrealloc(void *p, size_t n);
void *dd_xcalloc(size_t n, size_t size);
/* Whether a document of these counts takes part in near matching. */
int dd_near_eligible(uint64_t words, uint64_t shingles, const dd_rules *rules);
/* Whether it has words enough to be compared at all (as an exact copy). */
int dd_exact_eligible(uint64_t words, const dd_rules *rules);
/* Values rounded to three decimals, so that output is stable. */
double dd_round3(double x);

#endif
