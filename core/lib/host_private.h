/* SPDX-License-Identifier: MIT */
/* Creating hosts: the core's side of host.h. */
#ifndef IGT_HOST_PRIVATE_H
#define IGT_HOST_PRIVATE_H

#include <igtext/host.h>

struct igt_host {
	char *plugin;
	char *job;
};

igt_host *igt_host_new(const char *plugin, const char *job);
void igt_host_free(igt_host *host);

#endif
