/* SPDX-License-Identifier: MIT */
/*
 * A small string-keyed hash map to an index (open addressing, linear
 * probing), for the taxonomy's topic ids and its table of distinct
 * patterns. Filled once in open(); keys are copied.
 */
#ifndef TAXONOMY_STRMAP_H
#define TAXONOMY_STRMAP_H

#include <stddef.h>

typedef struct tx_strmap_slot {
	char *key; /* NULL: free */
	size_t value;
} tx_strmap_slot;

typedef struct tx_strmap {
	tx_strmap_slot *slots;
	size_t cap; /* 0 or a power of two */
	size_t n;
} tx_strmap;

/* The value under key, or (size_t)-1. */
size_t tx_map_get(const tx_strmap *m, const char *key);
/* The value slot under key; a new key gets value def. */
size_t *tx_map_put(tx_strmap *m, const char *key, size_t def);
void tx_map_free(tx_strmap *m);

#endif
