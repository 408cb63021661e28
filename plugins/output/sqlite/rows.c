/* SPDX-License-Identifier: MIT */
/*
 * Corpus tables (people, entities, keywords …) that analysis plugins hand
 * over at the end of a run. They describe that run's documents, so they are
 * kept per run, in one transaction with the run's end.
 */
#include "sqlite_private.h"

int sqlite_write_row(void *state, const char *table, const json_t *row)
{
	sqlite_state *s = state;
	int rc;
	if (!s->st[ST_ROW] &&
	    sqlite3_prepare_v3(s->db,
	                       "INSERT INTO corpus_rows (run_id, tbl, idx, doc_id, row)"
	                       " VALUES (?1, ?2, ?3, ?4, ?5)",
	                       -1, SQLITE_PREPARE_PERSISTENT, &s->st[ST_ROW], NULL) != SQLITE_OK)
		return sqlite_fail(s, "cannot prepare the store's statements");
	if ((rc = sqlite_batch_begin(s)) != 0)
		return rc;
	igt_buf_reset(&s->json);
	if (igt_json_write(s->jw, row, &s->json) != IGT_OK)
		return IGT_EGENERIC;
	sqlite3_stmt *st = s->st[ST_ROW];
	sqlite3_bind_int64(st, 1, s->run_id);
	sqlite3_bind_text(st, 2, table, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, s->row_idx++);
	const char *doc_id = json_string_value(json_object_get(row, "doc_id"));
	if (doc_id)
		sqlite3_bind_text(st, 4, doc_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, s->json.data, (int)s->json.len, SQLITE_STATIC);
	return sqlite_step_reset(s, ST_ROW, "cannot store a corpus table row");
}
