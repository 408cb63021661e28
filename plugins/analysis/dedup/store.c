/* SPDX-License-Identifier: MIT */
/*
 * dedup: the documents of earlier runs, read from the SQLite store that
 * the sqlite output writes (table metrics(doc_id, plugin, value), value
 * being the JSON text of a document's metrics.dedup). The file is opened
 * read-only and closed again at once: the output of the same run may be
 * about to write to it. A store that does not exist yet is a first run; a
 * store that cannot be read is a warning, and the run goes on comparing
 * its documents with each other only.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "dedup.h"

/* What was read, for the messages. */
typedef struct dd_store_stats {
	size_t rows, loaded, comparable, bad, other_shingle;
} dd_store_stats;

/* The store's schema: core/lib/store_schema.c (plugins/output/sqlite). */
static const char query[] = "SELECT d.id, m.value FROM metrics m JOIN documents d ON d.key = m.doc"
                            " WHERE m.plugin = 'dedup'";

/* sha256 of the empty text. */
static const unsigned char empty_sha[32] = {
    0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
    0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55};

static int hex_digit(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
	                              : -1;
}

static int read_hash(const char *hex, unsigned char out[32])
{
	if (!hex || strlen(hex) != 64)
		return -1;
	for (int i = 0; i < 32; i++) {
		int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

static double number_or(const json_t *v, double def)
{
	return json_is_number(v) ? json_number_value(v) : def;
}

/* The hash, counts and bins of a stored document: 0, or -1 when the row
 * has no id or no readable hash. *comparable tells whether the bins can
 * be compared with this run's (a signature of the same shingle size). */
static int read_value(const json_t *v, int shingle, dd_sketch *sk, int *comparable,
                      int *other_shingle)
{
	*comparable = *other_shingle = 0;
	if (!json_is_object(v) || read_hash(json_string_value(json_object_get(v, "hash")), sk->sha))
		return -1;
	for (unsigned i = 0; i < DD_K; i++)
		sk->mins[i] = DD_EMPTY;
	sk->shingles = 0;
	const char *sig = json_string_value(json_object_get(v, "signature"));
	int w = 0;
	if (sig && dd_signature_parse(sig, sk, &w) == 0) {
		*comparable = w == shingle;
		*other_shingle = w != shingle;
	}
	if (!*comparable) { /* its bins mean nothing here */
		for (unsigned i = 0; i < DD_K; i++)
			sk->mins[i] = DD_EMPTY;
		sk->shingles = 0;
	}
	/* A text without words is nobody's copy (dd_index_query); when the
	 * count is missing, the shingles give a lower bound. */
	const json_t *words = json_object_get(v, "words");
	if (json_is_integer(words))
		sk->words = json_integer_value(words) > 0 ? (uint64_t)json_integer_value(words) : 0;
	else
		sk->words = memcmp(sk->sha, empty_sha, 32) == 0 ? 0
		            : sk->shingles ? sk->shingles + (uint64_t)shingle - 1
		                           : 1;
	return 0;
}

/* One row; 0 when it became an entry. */
static int load_row(dd_index *ix, const char *doc_id, const char *value, int shingle,
                    const dd_rules *rules, dd_store_stats *n)
{
	json_t *v = value ? json_loads(value, 0, NULL) : NULL;
	dd_sketch sk;
	int comparable, other;
	if (!doc_id || read_value(v, shingle, &sk, &comparable, &other)) {
		json_decref(v);
		n->bad++;
		return -1;
	}
	uint32_t ei =
	    dd_index_add(ix, doc_id, json_string_value(json_object_get(v, "cluster")), &sk);
	dd_entry *e = &ix->entries[ei];
	e->from_store = 1;
	e->has_hash = dd_exact_eligible(sk.words, rules);
	e->has_sketch = comparable && sk.shingles > 0;
	e->exact = json_is_true(json_object_get(v, "exact"));
	e->similarity = number_or(json_object_get(v, "similarity"), -1.0);
	e->containment = number_or(json_object_get(v, "containment"), -1.0);
	const char *copies = json_string_value(json_object_get(v, "duplicate_of"));
	e->copies = copies ? igt_strndup(copies, strlen(copies)) : NULL;
	dd_index_remember(ix, ei);
	uint32_t keys[DD_BANDS];
	int bands = e->has_sketch && dd_near_eligible(sk.words, sk.shingles, rules);
	if (bands)
		dd_band_keys(sk.mins, keys);
	dd_index_insert(ix, ei, bands ? keys : NULL);
	json_decref(v);
	n->loaded++;
	n->comparable += comparable;
	n->other_shingle += other;
	return 0;
}

static void read_rows(sqlite3 *db, dd_index *ix, const char *path, int shingle,
                      const dd_rules *rules, igt_host *host, dd_store_stats *n)
{
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v2(db, query, -1, &stmt, NULL) != SQLITE_OK) {
		igt_host_log(host, IGT_LOG_WARNING,
		             "%s: cannot read earlier documents (%s); comparing this run's "
		             "documents only",
		             path, sqlite3_errmsg(db));
		return;
	}
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		n->rows++;
		load_row(ix, (const char *)sqlite3_column_text(stmt, 0),
		         (const char *)sqlite3_column_text(stmt, 1), shingle, rules, n);
	}
	if (rc != SQLITE_DONE)
		igt_host_log(host, IGT_LOG_WARNING,
		             "%s: reading earlier documents stopped after %zu rows (%s)", path,
		             n->rows, sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
}

void dd_store_load(dd_index *ix, const char *path, int shingle, const dd_rules *rules,
                   igt_host *host)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		if (errno == ENOENT)
			igt_host_log(host, IGT_LOG_INFO,
			             "%s does not exist yet: no earlier documents", path);
		else
			igt_host_log(host, IGT_LOG_WARNING,
			             "%s: %s; comparing this run's documents only", path,
			             strerror(errno));
		return;
	}
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		igt_host_log(host, IGT_LOG_WARNING,
		             "%s: cannot open the store (%s); comparing this run's documents only",
		             path, db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return;
	}
	sqlite3_busy_timeout(db, 10000);
	dd_store_stats n = {0};
	read_rows(db, ix, path, shingle, rules, host, &n);
	sqlite3_close(db);
	if (n.bad)
		igt_host_log(host, IGT_LOG_WARNING,
		             "%s: %zu of %zu stored dedup metrics have no readable id or hash; "
		             "skipped",
		             path, n.bad, n.rows);
	if (n.other_shingle)
		igt_host_log(host, IGT_LOG_WARNING,
		             "%s: %zu stored signatures use another shingle size than %d; those "
		             "documents are matched by exact hash only",
		             path, n.other_shingle, shingle);
	igt_host_log(host, IGT_LOG_INFO,
	             "%s: %zu earlier documents, %zu with a comparable signature", path, n.loaded,
	             n.comparable);
}
