/* SPDX-License-Identifier: MIT */
/* Creating hosts: the core's side of host.h. */
#ifndef IGT_HOST_PRIVATE_H
#define IGT_HOST_PRIVATE_H

#include <igtext/host.h>

/* Where igt_host_table_row sends rows (the pipeline's outputs). */
typedef int (*igt_row_sink)(void *payload, const char *table, const json_t *row);

struct igt_host {
	char *plugin;
	char *job;
	igt_row_sink row_sink; /* NULL: rows are refused */
	void *row_payload;
	int in_finish;         /* rows are accepted only during finish */
	const igt_run_stats *stats; /* the pipeline's; NULL outside a run */
	int prepare_json;           /* igt_host_prepare_json was called */
	unsigned json_flags;        /* with these flags */
};

igt_host *igt_host_new(const char *plugin, const char *job);
void igt_host_free(igt_host *host);

#endif
