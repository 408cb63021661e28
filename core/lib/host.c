/* SPDX-License-Identifier: MIT */
/* The igt_host handed to plugin instances (host.h, host_private.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "host_private.h"
#include "util.h"

igt_host *igt_host_new(const char *plugin, const char *job)
{
	igt_host *h = igt_xcalloc(1, sizeof(*h));
	h->plugin = igt_xstrdup(plugin);
	h->job = igt_xstrdup(job ? job : "");
	return h;
}

void igt_host_free(igt_host *h)
{
	if (!h)
		return;
	free(h->plugin);
	free(h->job);
	free(h);
}

void igt_host_log(igt_host *h, igt_log_level level, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	igt_log(level, "%s: %s", h->plugin, msg);
}

const char *igt_host_plugin_name(const igt_host *h)
{
	return h->plugin;
}

const char *igt_host_job_name(const igt_host *h)
{
	return h->job;
}
