/* SPDX-License-Identifier: MIT */
/* The store's schema steps (store_schema.c), for store.c. */
#ifndef IGT_STORE_PRIVATE_H
#define IGT_STORE_PRIVATE_H

#include <stddef.h>

#include "store.h"

const igt_store_step *igt_store_steps(size_t *n);

#endif
