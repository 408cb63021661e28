/* SPDX-License-Identifier: MIT */
/*
 * What the core offers a plugin instance: logging under the instance's
 * name and facts about the job it runs in. An igt_host is handed to the
 * plugin's open callback and stays valid until its close callback returns.
 */
#ifndef IGTEXT_HOST_H
#define IGTEXT_HOST_H

#include <igtext/log.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct igt_host igt_host;

/* "igtext: <level>: <plugin>: message". */
void igt_host_log(igt_host *host, igt_log_level level, const char *fmt, ...) IGT_PRINTF(3, 4);
/* Name of the plugin this instance belongs to. */
const char *igt_host_plugin_name(const igt_host *host);
/* Name of the job ("parse" for igtext parse), never NULL. */
const char *igt_host_job_name(const igt_host *host);

#ifdef __cplusplus
}
#endif
#endif
