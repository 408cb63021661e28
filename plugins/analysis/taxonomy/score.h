/* SPDX-License-Identifier: MIT */
/*
 * Scores: per segment, per document (rolled up the tree) and per run.
 *
 * A segment's score for a topic is the sum of the weights of its kept
 * matches (engine.h) of that topic and of all its descendants: each match
 * adds its weight to its topic and to every ancestor. A document's score
 * is the sum of its segments' scores. The document lists the topics whose
 * score reaches min_score; its "top" topic is the listed topic with the
 * highest score of its own (its own rules' matches, before the roll-up),
 * ties going to the higher rolled-up score, then to the earlier topic in
 * the taxonomy. The run counts, per topic, the documents that list it and
 * the sum of their scores, for the corpus table.
 */
#ifndef TAXONOMY_SCORE_H
#define TAXONOMY_SCORE_H

#include <igtext/igtext.h>

#include "engine.h"
#include "model.h"

typedef struct tx_scores {
	const tx_model *m;
	int64_t min_score;
	int64_t *seg;                /* per topic: the segment's rolled-up score */
	int64_t *own;                /* per topic: the document's own score */
	int64_t *doc;                /* per topic: the document's rolled-up score */
	uint32_t *seg_gen, *doc_gen; /* per topic: set in this segment / document */
	uint32_t gen_seg, gen_doc;
	size_t *seg_topics, n_seg_topics; /* the topics the segment touched */
	size_t *doc_topics, n_doc_topics;
	json_t *segments;   /* the document's "segments" list */
	uint64_t *run_docs; /* per topic: documents of the run that list it */
	int64_t *run_score; /* per topic: the sum of their scores */
} tx_scores;

void tx_scores_init(tx_scores *s, const tx_model *m, int64_t min_score);
void tx_scores_free(tx_scores *s);

void tx_scores_doc_begin(tx_scores *s);
/* Add the kept matches of segment index. */
void tx_scores_segment(tx_scores *s, size_t index, const tx_match *matches, size_t n);
/* The document's metrics object ({"topics", "top", "segments",
 * "limit_hits"}), and the run's counts updated. */
json_t *tx_scores_doc_end(tx_scores *s, uint64_t limit_hits);

/* One row of the corpus table for topic t, or NULL when no document of
 * the run listed it. */
json_t *tx_scores_row(const tx_scores *s, size_t t);

#endif
