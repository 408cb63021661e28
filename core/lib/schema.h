/* SPDX-License-Identifier: MIT */
/*
 * Plugin option schemas: checking a plugin's option table when it loads,
 * and turning YAML option values into the plugin's config struct.
 */
#ifndef IGT_SCHEMA_H
#define IGT_SCHEMA_H

#include <igtext/plugin.h>

#include "yamltree.h"

/* Whether the option table of d is well formed and its defaults convert.
 * where names the module in messages. */
int igt_schema_check(const igt_plugin *d, const char *where, igt_error *err);

/* Allocate d's config struct and fill it from opts (a YAML mapping, or NULL
 * for defaults only; entry, the plugin's place in the job, positions
 * messages about missing options). Unknown, repeated, mistyped or missing required
 * options are errors placed at their YAML position. PATH values are
 * resolved against base_dir. *out is owned by the caller: igt_config_free. */
int igt_config_new(void **out, const igt_plugin *d, const igt_yaml_node *entry,
                   const igt_yaml_node *opts, const char *file, const char *base_dir,
                   igt_error *err);
void igt_config_free(const igt_plugin *d, void *cfg);

/* Feed cfg, a config struct of d, to the sha256 h: every option's name and
 * value in the order of d's table, defaults included, so options written
 * out at their default digest like options left out. */
struct sha256_ctx;
void igt_config_digest(struct sha256_ctx *h, const igt_plugin *d, const void *cfg);

const char *igt_opt_type_name(igt_opt_type type);

#endif
