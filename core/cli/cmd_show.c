/* SPDX-License-Identifier: MIT */
/*
 * igtext show: print stored documents in the JSON form `igtext parse`
 * writes. The document is rebuilt from the store's rows through the
 * document API, so both print the same shape.
 */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <igtext/doc.h>
#include <igtext/log.h>

#include "cli.h"

static void help(void)
{
	printf("Usage: igtext show [OPTIONS] ID...\n\n"
	       "Print each stored document with this id as JSON, as 'igtext parse' wrote it:\n"
	       "indented on a terminal, one line per document otherwise. Ids are printed by\n"
	       "'igtext search'.\n\n"
	       "Options:\n" CLI_STORE_HELP
	       "      --tables   also print the corpus-table rows about the document (keywords\n"
	       "                 and the like), one line each with a \"table\" member\n"
	       "      --pretty   indent even in a pipe;  --compact  one line even on a terminal\n"
	       "  -h, --help     show this help\n\n"
	       "Exit status: 0 all found; 65 some id is not in the store; 66 no store there;\n"
	       "64 usage; 78 not an igtext store.\n");
}

static const char *col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* Rows of sql (?1 = the document's key) handed one by one to add. */
static int each_row(sqlite3 *db, const char *sql, sqlite3_int64 key, igt_doc *doc,
                    void (*add)(igt_doc *, sqlite3_stmt *))
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, key);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		add(doc, st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static json_t *load_json(sqlite3_stmt *st, int i)
{
	const char *text = col(st, i);
	return text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;
}

static void add_person(igt_doc *doc, sqlite3_stmt *st)
{
	igt_person *p = igt_doc_add_person(doc, col(st, 1), col(st, 2));
	static const igt_person_attr attrs[] = {IGT_PERSON_ID, IGT_PERSON_HONORIFIC,
	                                        IGT_PERSON_AFFILIATION, IGT_PERSON_POSITION};
	const int cols[] = {0, 3, 4, 5};
	for (int i = 0; i < 4; i++)
		if (col(st, cols[i]))
			igt_person_set(doc, p, attrs[i], col(st, cols[i]));
	json_t *roles = load_json(st, 6);
	size_t k;
	json_t *r;
	json_array_foreach(roles, k, r) igt_person_add_role(doc, p, json_string_value(r));
	json_decref(roles);
}

static void add_segment(igt_doc *doc, sqlite3_stmt *st)
{
	igt_span span = {(uint64_t)sqlite3_column_int64(st, 4), (uint64_t)sqlite3_column_int64(st, 5)};
	igt_segment *seg = igt_doc_add_segment(doc, col(st, 0), col(st, 1),
	                                       (size_t)sqlite3_column_bytes(st, 1), span);
	if (col(st, 2))
		igt_segment_set_speaker(doc, seg, col(st, 2));
	if (col(st, 3))
		igt_segment_set_section(doc, seg, col(st, 3));
}

static void add_annotation(igt_doc *doc, sqlite3_stmt *st)
{
	igt_span span = {(uint64_t)sqlite3_column_int64(st, 3), (uint64_t)sqlite3_column_int64(st, 4)};
	int has_score = sqlite3_column_type(st, 6) != SQLITE_NULL;
	igt_doc_add_annotation(doc, col(st, 0), col(st, 1), (size_t)sqlite3_column_int64(st, 2), span,
	                       load_json(st, 5), has_score ? sqlite3_column_double(st, 6) : -1,
	                       has_score);
}

static void add_metric(igt_doc *doc, sqlite3_stmt *st)
{
	json_t *v = load_json(st, 1);
	json_object_set_new(igt_doc_metrics(doc), col(st, 0), v ? v : json_null());
}

/* The document with this id, rebuilt; NULL when the store has none. */
static igt_doc *load_doc(sqlite3 *db, const char *id, int *failed)
{
	sqlite3_stmt *st;
	*failed = 0;
	if (sqlite3_prepare_v2(db,
	                       "SELECT format, kind, title, date, date_text, event, language,"
	                       " source_path, source_offset, source_length, source_sha256, fields,"
	                       " vanished_run, key FROM documents WHERE id = ?1",
	                       -1, &st, NULL) != SQLITE_OK) {
		*failed = 1;
		return NULL;
	}
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return NULL;
	}
	igt_doc *doc = igt_doc_new(col(st, 0), col(st, 1));
	igt_doc_set(doc, IGT_DOC_ID, id, (size_t)-1);
	static const igt_doc_attr attrs[] = {IGT_DOC_TITLE, IGT_DOC_DATE,        IGT_DOC_DATE_TEXT,
	                                     IGT_DOC_EVENT, IGT_DOC_LANGUAGE,    IGT_DOC_SOURCE_PATH};
	for (int i = 0; i < 6; i++)
		igt_doc_set(doc, attrs[i], col(st, 2 + i), (size_t)-1);
	igt_doc_set(doc, IGT_DOC_SOURCE_SHA256, col(st, 10), (size_t)-1);
	if (sqlite3_column_type(st, 8) != SQLITE_NULL)
		igt_doc_set_source_span(doc, (uint64_t)sqlite3_column_int64(st, 8),
		                        (uint64_t)sqlite3_column_int64(st, 9));
	json_t *fields = load_json(st, 11);
	json_object_update(igt_doc_fields(doc), fields);
	json_decref(fields);
	if (sqlite3_column_type(st, 12) != SQLITE_NULL)
		igt_log(IGT_LOG_NOTICE, "%s: no longer given by its input since run %lld", id,
		        sqlite3_column_int64(st, 12));
	sqlite3_int64 key = sqlite3_column_int64(st, 13);
	sqlite3_finalize(st);
	if (each_row(db,
	             "SELECT person_id, name, as_written, honorific, affiliation, position, roles"
	             " FROM people WHERE doc = ?1 ORDER BY idx",
	             key, doc, add_person) ||
	    /* Its segments are the id range its row names (no index on doc). */
	    each_row(db,
	             "SELECT s.type, s.text, s.speaker, s.section, s.span_offset, s.span_length"
	             " FROM documents d JOIN segments s"
	             " ON s.id BETWEEN d.segments_first AND d.segments_first + d.segments_count - 1"
	             " WHERE d.key = ?1 ORDER BY s.id",
	             key, doc, add_segment) ||
	    each_row(db,
	             "SELECT plugin, type, segment, span_offset, span_length, value, score"
	             " FROM annotations WHERE doc = ?1 ORDER BY idx",
	             key, doc, add_annotation) ||
	    each_row(db, "SELECT plugin, value FROM metrics WHERE doc = ?1 ORDER BY idx", key,
	             doc, add_metric))
		*failed = 1;
	return doc;
}

static int print_tables(sqlite3 *db, const char *id, size_t flags)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db,
	                       "SELECT tbl, row FROM corpus_rows WHERE doc_id = ?1"
	                       " ORDER BY run_id, idx",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		json_t *row = json_object();
		json_object_set_new(row, "table", json_string(col(st, 0)));
		json_t *rest = load_json(st, 1);
		json_object_update(row, rest);
		json_decref(rest);
		json_dumpf(row, stdout, flags);
		putchar('\n');
		json_decref(row);
	}
	sqlite3_finalize(st);
	return 0;
}

int cmd_show(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG,
		CLI_STORE_LONG,
		{"tables", no_argument, NULL, 'T'},
		{"pretty", no_argument, NULL, 'P'},
		{"compact", no_argument, NULL, 'C'},
		{NULL, 0, NULL, 0},
	};
	const char *db_opt = NULL, *job_opt = NULL;
	int tables = 0, pretty = isatty(STDOUT_FILENO), opt;
	while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT "d:j:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd': db_opt = optarg; break;
		case 'j': job_opt = optarg; break;
		case 'T': tables = 1; break;
		case 'P': pretty = 1; break;
		case 'C': pretty = 0; break;
		default:
			if (!cli_common_option(opt, help))
				return cli_usage_error("show", "unknown option");
		}
	}
	if (optind >= argc)
		return cli_usage_error("show", "give the ID of a document ('igtext search' prints them)");
	sqlite3 *db;
	char *path;
	int status = cli_store_open("show", db_opt, job_opt, &db, &path);
	if (status != EX_OK)
		return status;
	size_t flags = (pretty ? JSON_INDENT(2) : JSON_COMPACT) | IGT_JSON_REALS;
	for (int i = optind; i < argc && status != EX_SOFTWARE; i++) {
		int failed;
		igt_doc *doc = load_doc(db, argv[i], &failed);
		if (failed) {
			fprintf(stderr, "igtext show: %s: %s\n", path, sqlite3_errmsg(db));
			status = EX_SOFTWARE;
		} else if (!doc) {
			fprintf(stderr, "igtext show: %s: no document with id '%s'\n", path, argv[i]);
			status = EX_DATAERR;
		} else {
			json_t *j = igt_doc_to_json(doc);
			json_dumpf(j, stdout, flags);
			putchar('\n');
			json_decref(j);
			if (tables && print_tables(db, argv[i], JSON_COMPACT | IGT_JSON_REALS) != 0)
				status = EX_SOFTWARE;
		}
		igt_doc_free(doc);
	}
	sqlite3_close(db);
	free(path);
	return status;
}
