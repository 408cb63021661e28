/* SPDX-License-Identifier: MIT */
/*
 * Schema-driven option handling (schema.h). The core, not the plugin,
 * validates option values, so every plugin gets the same error messages
 * and `igtext check` can validate a job without running any plugin code.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <nettle/sha2.h>
#include <pcre2.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "schema.h"
#include "util.h"

const char *igt_opt_type_name(igt_opt_type type)
{
	switch (type) {
	case IGT_OPT_STR: return "string";
	case IGT_OPT_INT: return "integer";
	case IGT_OPT_BOOL: return "boolean";
	case IGT_OPT_PATH: return "path";
	case IGT_OPT_REGEX: return "regex";
	case IGT_OPT_LIST: return "list";
	case IGT_OPT_PATHS: return "paths";
	case IGT_OPT_REAL: return "number";
	}
	return "unknown";
}

static size_t type_size(igt_opt_type type)
{
	switch (type) {
	case IGT_OPT_STR:
	case IGT_OPT_PATH:
	case IGT_OPT_REGEX: return sizeof(char *);
	case IGT_OPT_INT: return sizeof(int64_t);
	case IGT_OPT_REAL: return sizeof(double);
	case IGT_OPT_BOOL: return sizeof(bool);
	case IGT_OPT_LIST:
	case IGT_OPT_PATHS: return sizeof(igt_strlist);
	}
	return 0;
}

static int valid_key(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* Where a message about node n points. */
#define AT(file, n) (file), (n) ? (n)->line : 0, (n) ? (n)->col : 0

static int parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = {"true", "yes", "on", "True", "Yes", "On", "TRUE", NULL};
	static const char *const no[] = {"false", "no", "off", "False", "No", "Off", "FALSE", NULL};
	for (int i = 0; yes[i]; i++)
		if (strcmp(s, yes[i]) == 0)
			return *out = true, 0;
	for (int i = 0; no[i]; i++)
		if (strcmp(s, no[i]) == 0)
			return *out = false, 0;
	return -1;
}

static int check_regex(const char *pattern, char *why, size_t why_size)
{
	int code;
	PCRE2_SIZE offset;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &code,
	                               &offset, NULL);
	if (re) {
		pcre2_code_free(re);
		return 0;
	}
	PCRE2_UCHAR msg[256];
	pcre2_get_error_message(code, msg, sizeof(msg));
	snprintf(why, why_size, "%s at offset %zu", (const char *)msg, (size_t)offset);
	return -1;
}

/* Convert one YAML value into the slot of option o. */
static int convert(const igt_option *o, const char *plugin, const igt_yaml_node *v,
                   const char *file, const char *base_dir, void *slot, igt_error *err)
{
	if (o->type == IGT_OPT_LIST || o->type == IGT_OPT_PATHS) {
		igt_strlist *l = slot;
		if (v->type == IGT_YAML_MAP)
			return igt_error_set(err, IGT_ECONFIG,
			                     "%s:%d:%d: plugin '%s': option '%s' expects a list of strings, "
			                     "got a mapping",
			                     AT(file, v), plugin, o->name);
		size_t count = v->type == IGT_YAML_SEQ ? v->n : 1;
		l->items = igt_xcalloc(count, sizeof(char *));
		for (size_t i = 0; i < count; i++) {
			const igt_yaml_node *item = v->type == IGT_YAML_SEQ ? v->items[i] : v;
			if (item->type != IGT_YAML_SCALAR)
				return igt_error_set(err, IGT_ECONFIG,
				                     "%s:%d:%d: plugin '%s': option '%s' expects a list of "
				                     "strings, got %s as an item",
				                     AT(file, item), plugin, o->name, igt_yaml_type_name(item));
			l->items[l->n++] = o->type == IGT_OPT_PATHS && base_dir
			                       ? igt_path_join(base_dir, item->value)
			                       : igt_xstrdup(item->value);
		}
		return 0;
	}
	if (v->type != IGT_YAML_SCALAR || igt_yaml_is_null(v))
		return igt_error_set(err, IGT_ECONFIG,
		                     "%s:%d:%d: plugin '%s': option '%s' expects a %s, got %s",
		                     AT(file, v), plugin, o->name, igt_opt_type_name(o->type),
		                     igt_yaml_type_name(v));
	const char *s = v->value;
	switch (o->type) {
	case IGT_OPT_INT: {
		char *end;
		errno = 0;
		long long x = strtoll(s, &end, 10);
		if (errno || end == s || *end)
			return igt_error_set(err, IGT_ECONFIG,
			                     "%s:%d:%d: plugin '%s': option '%s' expects an integer, got "
			                     "'%.100s'",
			                     AT(file, v), plugin, o->name, s);
		*(int64_t *)slot = x;
		return 0;
	}
	case IGT_OPT_REAL: {
		char *end;
		errno = 0;
		double x = strtod(s, &end);
		if (errno || end == s || *end || !isfinite(x))
			return igt_error_set(err, IGT_ECONFIG,
			                     "%s:%d:%d: plugin '%s': option '%s' expects a number, got "
			                     "'%.100s'",
			                     AT(file, v), plugin, o->name, s);
		*(double *)slot = x;
		return 0;
	}
	case IGT_OPT_BOOL:
		if (parse_bool(s, slot) != 0)
			return igt_error_set(err, IGT_ECONFIG,
			                     "%s:%d:%d: plugin '%s': option '%s' expects true or false, got "
			                     "'%.100s'",
			                     AT(file, v), plugin, o->name, s);
		return 0;
	case IGT_OPT_REGEX: {
		char why[300];
		if (check_regex(s, why, sizeof(why)) != 0)
			return igt_error_set(err, IGT_ECONFIG,
			                     "%s:%d:%d: plugin '%s': option '%s': bad pattern '%.200s': %s",
			                     AT(file, v), plugin, o->name, s, why);
		*(char **)slot = igt_xstrdup(s);
		return 0;
	}
	case IGT_OPT_PATH:
		*(char **)slot = base_dir ? igt_path_join(base_dir, s) : igt_xstrdup(s);
		return 0;
	default:
		*(char **)slot = igt_xstrdup(s);
		return 0;
	}
}

static void clear_slot(const igt_option *o, void *slot)
{
	switch (o->type) {
	case IGT_OPT_STR:
	case IGT_OPT_PATH:
	case IGT_OPT_REGEX:
		free(*(char **)slot);
		*(char **)slot = NULL;
		break;
	case IGT_OPT_LIST:
	case IGT_OPT_PATHS: {
		igt_strlist *l = slot;
		for (size_t i = 0; i < l->n; i++)
			free(l->items[i]);
		free(l->items);
		l->items = NULL;
		l->n = 0;
		break;
	}
	default: break;
	}
}

/* Convert a default written as YAML text. */
static int convert_default(const igt_option *o, const char *plugin, const char *base_dir,
                           void *slot, igt_error *err)
{
	igt_yaml_doc *doc;
	char name[160];
	snprintf(name, sizeof(name), "default of %s.%s", plugin, o->name);
	int rc = igt_yaml_load_string(&doc, name, o->def, strlen(o->def), err);
	if (rc)
		return rc;
	if (!doc->root) {
		igt_yaml_free(doc);
		return igt_error_set(err, IGT_EGENERIC, "%s: empty", name);
	}
	rc = convert(o, plugin, doc->root, name, base_dir, slot, err);
	igt_yaml_free(doc);
	return rc;
}

int igt_schema_check(const igt_plugin *d, const char *where, igt_error *err)
{
	if (d->config_size > (1u << 20))
		return igt_error_set(err, IGT_EGENERIC, "%s: config_size %zu is implausible", where,
		                     d->config_size);
	for (const igt_option *o = d->options; o && o->name; o++) {
		if (!valid_key(o->name))
			return igt_error_set(err, IGT_EGENERIC,
			                     "%s: option name '%s' must be lower_snake_case", where, o->name);
		for (const igt_option *p = d->options; p != o; p++)
			if (strcmp(p->name, o->name) == 0)
				return igt_error_set(err, IGT_EGENERIC, "%s: option '%s' is declared twice",
				                     where, o->name);
		size_t size = type_size(o->type);
		if (!size)
			return igt_error_set(err, IGT_EGENERIC, "%s: option '%s' has an unknown type %d",
			                     where, o->name, (int)o->type);
		if (o->offset + size > d->config_size)
			return igt_error_set(err, IGT_EGENERIC,
			                     "%s: option '%s' lies outside the config struct (offset %zu, "
			                     "config_size %zu)",
			                     where, o->name, o->offset, d->config_size);
		if (!o->help)
			return igt_error_set(err, IGT_EGENERIC, "%s: option '%s' has no help text", where,
			                     o->name);
		if (o->def) {
			unsigned char scratch[sizeof(igt_strlist) + sizeof(int64_t)] = {0};
			if (convert_default(o, d->name, NULL, scratch, err) != 0)
				return igt_error_set(err, IGT_EGENERIC, "%s: option '%s': bad default: %s",
				                     where, o->name, err ? err->message : "");
			clear_slot(o, scratch);
		}
	}
	return 0;
}

static const igt_option *find_option(const igt_plugin *d, const char *key)
{
	for (const igt_option *o = d->options; o && o->name; o++)
		if (strcmp(o->name, key) == 0)
			return o;
	return NULL;
}

static int unknown_option(const igt_plugin *d, const igt_yaml_node *k, const char *file,
                          igt_error *err)
{
	const char *names[64];
	char list[512];
	size_t n = 0;
	for (const igt_option *o = d->options; o && o->name && n < 63; o++)
		names[n++] = o->name;
	names[n] = NULL;
	igt_join_names(names, list, sizeof(list));
	const char *hint = igt_suggest(k->value, names);
	if (n == 0)
		return igt_error_set(err, IGT_ECONFIG, "%s:%d:%d: plugin '%s' takes no options, got '%s'",
		                     AT(file, k), d->name, k->value);
	return igt_error_set(err, IGT_ECONFIG,
	                     "%s:%d:%d: plugin '%s' has no option '%.100s'%s%s%s; its options: %s",
	                     AT(file, k), d->name, k->value, hint ? " (did you mean '" : "",
	                     hint ? hint : "", hint ? "'?)" : "", list);
}

int igt_config_new(void **out, const igt_plugin *d, const igt_yaml_node *entry,
                   const igt_yaml_node *opts, const char *file, const char *base_dir,
                   igt_error *err)
{
	*out = NULL;
	void *cfg = igt_xcalloc(1, d->config_size ? d->config_size : 1);
	int rc = 0;
	for (const igt_option *o = d->options; o && o->name && !rc; o++)
		if (o->def)
			rc = convert_default(o, d->name, base_dir, (char *)cfg + o->offset, err);
	if (!rc && opts && !igt_yaml_is_null(opts) && opts->type != IGT_YAML_MAP)
		rc = igt_error_set(err, IGT_ECONFIG,
		                   "%s:%d:%d: options of plugin '%s' must be a mapping (key: value), got %s",
		                   AT(file, opts), d->name, igt_yaml_type_name(opts));
	for (size_t i = 0; !rc && opts && opts->type == IGT_YAML_MAP && i + 1 < opts->n; i += 2) {
		const igt_yaml_node *k = opts->items[i], *v = opts->items[i + 1];
		const igt_option *o = k->type == IGT_YAML_SCALAR ? find_option(d, k->value) : NULL;
		if (!o) {
			rc = k->type == IGT_YAML_SCALAR
			         ? unknown_option(d, k, file, err)
			         : igt_error_set(err, IGT_ECONFIG, "%s:%d:%d: option names must be scalars",
			                         AT(file, k));
			break;
		}
		if (o->flags & IGT_OPT_DEPRECATED)
			igt_log(IGT_LOG_WARNING, "%s:%d:%d: plugin '%s': option '%s' is deprecated (%s)",
			        AT(file, k), d->name, o->name, o->help);
		void *slot = (char *)cfg + o->offset;
		clear_slot(o, slot);
		rc = convert(o, d->name, v, file, base_dir, slot, err);
	}
	for (const igt_option *o = d->options; !rc && o && o->name; o++) {
		if (!(o->flags & IGT_OPT_REQUIRED) || o->def)
			continue;
		if (!igt_yaml_get(opts, o->name))
			rc = igt_error_set(err, IGT_ECONFIG, "%s:%d:%d: plugin '%s' needs option '%s' (%s)",
			                   AT(file, opts ? opts : entry), d->name, o->name, o->help);
	}
	if (rc) {
		igt_config_free(d, cfg);
		return rc;
	}
	*out = cfg;
	return 0;
}

void igt_config_free(const igt_plugin *d, void *cfg)
{
	if (!cfg)
		return;
	for (const igt_option *o = d->options; o && o->name; o++)
		clear_slot(o, (char *)cfg + o->offset);
	free(cfg);
}

/* A path as the digest sees it: absolute, without "." and ".." parts
 * (by its spelling, so that it does not depend on whether the file exists
 * yet). A job run as jobs/daily.yaml one day and as
 * /srv/igtext/jobs/daily.yaml the next names the same files, and must not
 * read every input again. */
static void digest_path(struct sha256_ctx *h, const char *path)
{
	char cwd[4096];
	if (!path || (path[0] != '/' && !getcwd(cwd, sizeof(cwd)))) {
		igt_sha256_str(h, path);
		return;
	}
	char *abs = path[0] == '/' ? igt_xstrdup(path) : igt_xasprintf("%s/%s", cwd, path);
	char *out = igt_xmalloc(strlen(abs) + 2);
	size_t n = 0;
	for (char *save = NULL, *c = strtok_r(abs, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		if (strcmp(c, ".") == 0)
			continue;
		if (strcmp(c, "..") == 0) {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--; /* and its slash */
			continue;
		}
		out[n++] = '/';
		size_t k = strlen(c);
		memcpy(out + n, c, k);
		n += k;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = '\0';
	igt_sha256_str(h, out);
	free(out);
	free(abs);
}

void igt_config_digest(struct sha256_ctx *h, const igt_plugin *d, const void *cfg)
{
	for (const igt_option *o = d->options; o && o->name; o++) {
		const void *slot = (const char *)cfg + o->offset;
		igt_sha256_str(h, o->name);
		switch (o->type) {
		case IGT_OPT_STR:
		case IGT_OPT_REGEX: igt_sha256_str(h, *(char *const *)slot); break;
		case IGT_OPT_PATH: digest_path(h, *(char *const *)slot); break;
		case IGT_OPT_INT: igt_sha256_u64(h, (uint64_t) * (const int64_t *)slot); break;
		case IGT_OPT_BOOL: igt_sha256_u64(h, *(const bool *)slot); break;
		case IGT_OPT_REAL: {
			uint64_t bits;
			memcpy(&bits, slot, sizeof(bits));
			igt_sha256_u64(h, bits);
			break;
		}
		case IGT_OPT_LIST:
		case IGT_OPT_PATHS: {
			const igt_strlist *l = slot;
			igt_sha256_u64(h, l->n);
			for (size_t i = 0; i < l->n; i++) {
				if (o->type == IGT_OPT_PATHS)
					digest_path(h, l->items[i]);
				else
					igt_sha256_str(h, l->items[i]);
			}
			break;
		}
		}
	}
}

bool igt_strlist_has(const igt_strlist *l, const char *s)
{
	for (size_t i = 0; s && i < l->n; i++)
		if (strcmp(l->items[i], s) == 0)
			return true;
	return false;
}
