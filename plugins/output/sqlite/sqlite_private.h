/* SPDX-License-Identifier: MIT */
/*
 * The sqlite output's state, shared by its files: sqlite.c (options, open,
 * close, commit), inputs.c (which inputs to skip, each input in a
 * savepoint of a batch's transaction, the runs table), docs.c (a
 * document's upsert) and rows.c (corpus tables).
 */
#ifndef IGT_SQLITE_PRIVATE_H
#define IGT_SQLITE_PRIVATE_H

#include <sqlite3.h>

#include <igtext/igtext.h>

#include "store.h"

typedef struct sqlite_config {
	char *path;
	double commit_interval; /* seconds */
} sqlite_config;

/* Prepared once at open, reset after each use. */
enum {
	ST_INPUT_FIND,     /* size, mtime, status of an input by path */
	ST_INPUT_UPSERT,   /* the input's row at its start: its id */
	ST_INPUT_DONE,     /* the input's row at its end */
	ST_INPUT_GONE,     /* documents of the input it no longer gave */
	ST_INPUT_KEEP,     /* a failed input: its links stay current */
	ST_LINK,           /* input_documents */
	ST_LINKS_MOVE,     /* from a replaced document to its new copy */
	ST_LINKS_DELETE,   /* of a document removed */
	ST_DOC_FIND,       /* content hash of a stored document */
	ST_DOC_REVIVE,     /* an unchanged document seen again */
	ST_DOC_VANISH,     /* mark a document gone from its input */
	ST_DOC_KEY_MARK,   /* the highest document key so far */
	ST_DOC_SET_ID,     /* set aside (a BLOB id) or restored */
	ST_DOC_PARTS,      /* a document's id and segments by key */
	ST_DOC_DELETE,
	ST_DOC_UPSERT,
	ST_DEL_SEGMENTS, ST_DEL_PEOPLE, ST_DEL_ANNOTATIONS, ST_DEL_METRICS,
	ST_SEGMENT, ST_PERSON, ST_ANNOTATION, ST_METRIC,
	ST_ROW,
	ST_SEG_MARK,       /* the highest segment id so far */
	ST_FTS_INDEX,      /* index the segments above the mark */
	ST_RUN_PROGRESS,   /* the run's counts so far */
	ST_COUNT
};

typedef struct sqlite_counts {
	int64_t imported, failed, added, updated, unchanged, vanished;
} sqlite_counts;

typedef struct sqlite_state {
	const sqlite_config *cfg;
	igt_host *host;
	sqlite3 *db;
	igt_store_lock *lock;
	sqlite3_stmt *st[ST_COUNT];
	int64_t run_id;
	int in_tx;            /* a batch's transaction is open */
	int in_input;         /* and in it an input being read, */
	int input_savepoint;  /* in a savepoint of its own (the batch holds others) */
	int64_t batch_start;  /* CLOCK_MONOTONIC ns when the batch began */
	int64_t batch_bytes;  /* size of the inputs it holds */
	int64_t batch_inputs; /* inputs it holds, ended (not the one being read) */
	char *input_name;     /* the input being read, or the last one */
	int64_t input_id;     /* 0: the input has no path (stdin) */
	int64_t input_docs;   /* documents written from the current input */
	int64_t seg_mark;     /* segments above this id are not indexed yet */
	int64_t seg_next;     /* id of the next segment written */
	int64_t key_start;    /* documents above this key came from the current input */
	/* Stored documents the current input replaced, set aside until it ends
	 * (docs.c): their keys and their new copies'. */
	struct sqlite_replaced {
		int64_t old_key, new_key;
	} *replaced;
	size_t n_replaced, cap_replaced;
	char input_sha256[65]; /* of the input's bytes as last imported; "" if unknown */
	int64_t resettled;     /* inputs read again only because the job's settings changed */
	int64_t row_idx;      /* rows of corpus tables so far */
	int committed;
	igt_json_writer *jw;   /* the JSON text of values, */
	igt_buf json;          /* written here (reused for each document) */
	sqlite_counts n;       /* so far, with the open batch */
	sqlite_counts batch_n; /* what was committed before the open batch */
	/* What the savepoint of the input being read restores. */
	sqlite_counts input_n;
	int64_t input_seg_mark, input_seg_next;
} sqlite_state;

/* Report the database's last error for what, naming the store; returns
 * IGT_EIO. */
int sqlite_fail(sqlite_state *s, const char *what);
/* Run one statement of st (bound by the caller) to completion and reset
 * it; SQLITE_DONE or SQLITE_ROW mean success. */
int sqlite_step_reset(sqlite_state *s, int which, const char *what);
int sqlite_exec(sqlite_state *s, const char *sql, const char *what);

int sqlite_prepare_inputs(sqlite_state *s);
int sqlite_skip_input(void *state, const igt_input_info *info);
int sqlite_begin_input(void *state, const igt_input_info *info);
int sqlite_end_input(void *state, const igt_input_info *info, int ok);
/* Open a batch's transaction unless one is open. */
int sqlite_batch_begin(sqlite_state *s);
/* Abandon the input being read, if one is: its savepoint is rolled back. */
void sqlite_input_abandon(sqlite_state *s);
int sqlite_run_start(sqlite_state *s);
int sqlite_run_end(sqlite_state *s, const char *status);

int sqlite_prepare_docs(sqlite_state *s);
int sqlite_write(void *state, const igt_doc *doc);
/* At the end of an input: its new copies of the stored documents it
 * replaced take their place (keep_new), or the stored copies come back
 * (a failed input). */
int sqlite_settle_replaced(sqlite_state *s, int keep_new);
/* Remove a document with all its parts and links. */
int sqlite_delete_document(sqlite_state *s, int64_t key);

int sqlite_write_row(void *state, const char *table, const json_t *row);

#endif
