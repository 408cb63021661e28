/* SPDX-License-Identifier: MIT */
/*
 * A string-keyed hash map to size_t, open addressing with linear probing.
 * The entities plugin looks up acronyms, normalised names, typo variants
 * and corpus statistics by string; the map copies its keys, so callers
 * may pass borrowed or unterminated text (key, len).
 */
#ifndef ENTITIES_STRMAP_H
#define ENTITIES_STRMAP_H

#include <stddef.h>

#define STRMAP_NONE ((size_t)-1)

typedef struct strmap_slot {
	char *key; /* NULL: empty */
	size_t len;
	size_t value;
} strmap_slot;

typedef struct strmap {
	strmap_slot *slots;
	size_t cap; /* a power of two, or 0 */
	size_t n;
} strmap;

/* The value stored under key, or STRMAP_NONE. */
size_t ent_map_get(const strmap *m, const char *key, size_t len);
/* A pointer to the value under key, adding key with value def when absent. */
size_t *ent_map_put(strmap *m, const char *key, size_t len, size_t def);
void ent_map_free(strmap *m);

#endif
