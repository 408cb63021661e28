/* SPDX-License-Identifier: MIT */
/* The igt_host handed to plugin instances (host.h, host_private.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

void igt_host_prepare_json(igt_host *h, unsigned flags)
{
	h->prepare_json = 1;
	h->json_flags = flags;
}

const igt_run_stats *igt_host_run_stats(const igt_host *h)
{
	static const igt_run_stats none;
	return h->stats ? h->stats : &none;
}

int igt_host_table_row(igt_host *h, const char *table, json_t *row)
{
	int rc = 0;
	if (!json_is_object(row) || !table || !*table) {
		igt_log(IGT_LOG_ERROR, "%s: a table row must be a JSON object with a table name",
		        h->plugin);
		rc = IGT_EGENERIC;
	} else if (!h->row_sink || !h->in_finish) {
		igt_log(IGT_LOG_ERROR, "%s: table rows can only be given in finish", h->plugin);
		rc = IGT_EGENERIC;
	} else {
		rc = h->row_sink(h->row_payload, table, row);
	}
	json_decref(row);
	return rc;
}

#ifndef IGT_SOURCE_DATA_DIR
#define IGT_SOURCE_DATA_DIR ""
#endif
#ifndef IGT_DATA_DIR
#define IGT_DATA_DIR "/usr/local/share/igtext/configs"
#endif

static char *existing(const char *dir, size_t dir_len, const char *relpath)
{
	if (dir_len == 0)
		return NULL;
	char *path = igt_xasprintf("%.*s/%s", (int)dir_len, dir, relpath);
	struct stat st;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		return path;
	free(path);
	return NULL;
}

char *igt_data_find(const char *relpath)
{
	/* Only names below configs/: an absolute path is the caller's own. */
	if (!relpath || !*relpath || relpath[0] == '/')
		return NULL;
	const char *env = getenv("IGTEXT_DATA_PATH");
	for (const char *p = env; p && *p;) {
		const char *colon = strchr(p, ':');
		size_t len = colon ? (size_t)(colon - p) : strlen(p);
		char *found = existing(p, len, relpath);
		if (found)
			return found;
		if (!colon)
			break;
		p = colon + 1;
	}
	char *found = existing(IGT_SOURCE_DATA_DIR, strlen(IGT_SOURCE_DATA_DIR), relpath);
	if (found)
		return found;
	return existing(IGT_DATA_DIR, strlen(IGT_DATA_DIR), relpath);
}

int igt_host_make_parent_dirs(igt_host *h, const char *path)
{
	char *dir = igt_xstrdup(path);
	int rc = 0;
	for (char *p = dir + 1; *p && !rc; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
			igt_host_log(h, IGT_LOG_ERROR, "cannot create folder %s: %s", dir, strerror(errno));
			rc = IGT_EIO;
		}
		*p = '/';
	}
	free(dir);
	return rc;
}
