/* SPDX-License-Identifier: MIT */
/*
 * The taxonomy as the plugin holds it: topics in a tree, their rules, and
 * one table of distinct patterns (a pattern written twice is compiled
 * once). Filled by load.c from YAML files, checked and ordered by tree.c,
 * compiled by search.c. Every topic and pattern remembers where it was
 * written, so that errors and warnings name the file, line and column.
 */
#ifndef TAXONOMY_MODEL_H
#define TAXONOMY_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <igtext/igtext.h>

#include "strmap.h"

#define TX_NONE       ((size_t)-1)
#define TX_MAX_WEIGHT 1000

/* A place in a taxonomy file (1-based line and column). */
typedef struct tx_where {
	const char *file; /* one of tx_model.files */
	unsigned long line, col;
} tx_where;

typedef struct tx_rule {
	size_t topic;
	size_t pattern;  /* the rule's own pattern, in tx_model.patterns */
	size_t *require; /* patterns that must all occur in the segment */
	size_t n_require;
	size_t *exclude; /* patterns none of which may occur in the segment */
	size_t n_exclude;
	int weight;
} tx_rule;

typedef struct tx_topic {
	char *id;
	char *label;
	char *parent_id; /* as written; NULL for a root */
	size_t parent;   /* index, or TX_NONE; set by tx_tree_check */
	unsigned depth;  /* 0 for a root */
	tx_where at;     /* the topic's id */
	tx_where parent_at;
	json_t *value; /* {"topic", "label"}: shared, never changed, by every annotation */
} tx_topic;

typedef struct tx_pattern {
	char *text;
	tx_where at;    /* where it was first written */
	size_t topic;   /* the topic of the first rule that uses it (for messages) */
	bool utf;       /* compiled in UTF mode (the pattern has non-ASCII or \p) */
	void *code;     /* pcre2_code *, set by tx_search_compile */
	void *anchored; /* the same, anchored, when the pattern is tried only where it may begin */
	/* JIT-compiled (by tx_search_jit, when that form first runs): tried,
	 * and done */
	bool jit_tried, jit, anchored_jit_tried, anchored_jit;
	bool always;        /* no literal is known that every match contains */
	size_t *main_rules; /* rules whose own pattern this is */
	size_t n_main_rules;
	/* Limit warnings given so far, and segments where a limit stopped it. */
	unsigned warned;
	uint64_t limit_hits;
} tx_pattern;

typedef struct tx_model {
	char **files;
	size_t n_files;
	tx_topic *topics;
	size_t n_topics, cap_topics;
	tx_rule *rules;
	size_t n_rules, cap_rules;
	tx_pattern *patterns;
	size_t n_patterns, cap_patterns;
	tx_strmap topic_ids;   /* id -> topic */
	tx_strmap pattern_ids; /* text -> pattern */
	size_t *deepest_first; /* topics ordered by depth, deepest first (roll-up) */
} tx_model;

/* Add the topics of one YAML file. 0, or -1 with a message that names
 * the file, line and column in err. */
int tx_load(tx_model *m, const char *path, char *err, size_t errlen);

/* Resolve the parents, refuse missing parents and cycles, and compute
 * depths and the roll-up order. 0, or -1 with a message in err. */
int tx_tree_check(tx_model *m, char *err, size_t errlen);

/* Whether a is b or one of b's ancestors, or the other way round. */
bool tx_same_line(const tx_model *m, size_t a, size_t b);

void tx_model_free(tx_model *m);

#endif
