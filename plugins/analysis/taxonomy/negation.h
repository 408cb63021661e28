/* SPDX-License-Identifier: MIT */
/*
 * negation: whether a match is named only to say it was not discussed
 * ("we did not discuss cybersecurity", "data protection was not raised").
 */
#ifndef TX_NEGATION_H
#define TX_NEGATION_H

#include <stdbool.h>
#include <stddef.h>

typedef struct tx_negation tx_negation;

/* NULL only when a pattern fails to compile (a bug: they are fixed). */
tx_negation *tx_negation_new(void);
void tx_negation_free(tx_negation *n);

/* Whether text[start, end) (a match in a segment of len bytes) is denied
 * by its sentence. */
bool tx_negated(tx_negation *n, const char *text, size_t len, size_t start, size_t end);

/* The same for the matches of one segment, asked in order of start after
 * tx_negation_segment: each byte near a match is read once to find the
 * words that may deny, and only a match with one of them near it costs
 * the patterns. */
void tx_negation_segment(tx_negation *n);
bool tx_negated_next(tx_negation *n, const char *text, size_t len, size_t start, size_t end);

#endif
