/* SPDX-License-Identifier: MIT */
/*
 * igtext search: a full-text query (SQLite FTS5) over the segments of a
 * store, best hits first, each with its document's title, event and date,
 * the speaker and a snippet with the matched words highlighted.
 */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <igtext/buf.h>

#include "cli.h"

static void help(void)
{
	printf("Usage: igtext search [OPTIONS] QUERY...\n\n"
	       "Search the text of every stored segment. The words of QUERY are joined by\n"
	       "spaces and read as an SQLite FTS5 query: words must all occur (AND), \"a phrase\"\n"
	       "in quotes, OR, NOT, NEAR(a b, 5), prefix* and speaker:name work. Words are\n"
	       "matched by their English stem and without accents (governing finds governance).\n"
	       "A query that is not valid FTS5 syntax (multi-stakeholder, say) is searched again\n"
	       "with each word but OR, AND and NOT as a phrase of its own.\n\n"
	       "Each hit shows the document's title, event and date, its id and segment, the\n"
	       "speaker and a snippet; the matched words are in bold on a terminal and between\n"
	       "** ** otherwise.\n\n"
	       "Options:\n" CLI_STORE_HELP
	       "  -s, --speaker NAME  only segments whose speaker's name contains NAME\n"
	       "  -e, --event NAME    only documents whose event contains NAME (IGF 2018, …)\n"
	       "      --since DATE    only documents dated DATE or later (2018, 2018-11,\n"
	       "                      2018-11-14); undated documents are left out\n"
	       "  -t, --topic ID      only documents the taxonomy plugin tagged with topic ID\n"
	       "                      (or a topic below it)\n"
	       "  -n, --limit N       at most N hits (default 20; 0 for all)\n"
	       "      --json          one JSON object per hit, for scripts\n"
	       "  -h, --help          show this help\n\n"
	       "Examples:\n"
	       "  igtext search --job configs/example.yaml multistakeholder OR multi-stakeholder\n"
	       "  igtext search --job jobs/igf.yaml --event 'IGF 2018' '\"gender balance\"'\n"
	       "  igtext search -s mueller 'ICANN NOT accountability' --json | jq .doc_id\n\n"
	       "A query has at most 100 words.\n"
	       "Exit status: 0 hits found; 1 no hit; 64 usage or a query SQLite cannot read;\n"
	       "66 no store there; 78 not an igtext store.\n");
}

typedef struct search_opts {
	const char *speaker, *event, *since, *topic;
	long limit;
	int as_json, tty;
} search_opts;

static const char search_sql[] =
	/* A message has no title or event of its own: its subject and list
	 * stand in for them. */
	"SELECT d.id,"
	" coalesce(d.title, json_extract(d.fields, '$.subject_clean'),"
	"  json_extract(d.fields, '$.subject')),"
	" coalesce(d.event, json_extract(d.fields, '$.list')), d.date, s.speaker, s.idx, s.type,"
	" snippet(segments_fts, 0, ?2, ?3, '…', 24), bm25(segments_fts)"
	" FROM segments_fts JOIN segments s ON s.id = segments_fts.rowid"
	" JOIN documents d ON d.key = s.doc"
	" WHERE segments_fts MATCH ?1"
	" AND (?4 IS NULL OR instr(lower(s.speaker), lower(?4)) > 0)"
	" AND (?5 IS NULL OR instr(lower(d.event), lower(?5)) > 0)"
	" AND (?6 IS NULL OR d.date >= ?6)"
	" AND (?7 IS NULL OR EXISTS (SELECT 1 FROM metrics m, json_each(m.value, '$.topics') t"
	"  WHERE m.doc = d.key AND m.plugin = 'taxonomy' AND t.key = ?7))"
	" ORDER BY bm25(segments_fts) LIMIT ?8";

static const char *col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static void print_hit(sqlite3_stmt *st, const search_opts *o)
{
	if (o->as_json) {
		json_t *h = json_pack("{s:s?,s:s?,s:s?,s:s?,s:s?,s:I,s:s?,s:s?,s:f}", "doc_id", col(st, 0),
		                      "title", col(st, 1), "event", col(st, 2), "date", col(st, 3),
		                      "speaker", col(st, 4), "segment",
		                      (json_int_t)sqlite3_column_int64(st, 5), "type", col(st, 6),
		                      "snippet", col(st, 7), "rank", sqlite3_column_double(st, 8));
		if (h)
			json_dumpf(h, stdout, JSON_COMPACT | IGT_JSON_REALS);
		putchar('\n');
		json_decref(h);
		return;
	}
	const char *title = col(st, 1), *event = col(st, 2), *date = col(st, 3);
	printf("%s", title ? title : "(untitled)");
	if (event || date)
		printf(" — %s%s%s", event ? event : "", event && date ? ", " : "", date ? date : "");
	printf("  [%s #%lld]\n", col(st, 0), sqlite3_column_int64(st, 5));
	const char *speaker = col(st, 4);
	printf("    %s%s", speaker ? speaker : "", speaker ? ": " : "");
	/* One line per hit: the segment's own line breaks become spaces. */
	for (const char *c = col(st, 7); c && *c; c++)
		putchar(*c == '\n' || *c == '\r' ? ' ' : *c);
	fputs("\n\n", stdout);
}

/* Each word of query as an FTS5 string ("multi-stakeholder" →
 * "\"multi-stakeholder\""), for a query FTS5 cannot parse. */
static char *quote_words(const char *query)
{
	igt_buf b = {0};
	const char *p = query;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (b.len)
			igt_buf_addc(&b, ' ');
		size_t n = strcspn(p, " \t");
		if ((n == 2 && strncmp(p, "OR", 2) == 0) || (n == 3 && strncmp(p, "AND", 3) == 0) ||
		    (n == 3 && strncmp(p, "NOT", 3) == 0)) {
			igt_buf_add(&b, p, n); /* the operators keep their meaning */
			p += n;
			continue;
		}
		igt_buf_addc(&b, '"');
		for (; *p && *p != ' ' && *p != '\t'; p++) {
			if (*p == '"')
				igt_buf_addc(&b, '"');
			igt_buf_addc(&b, *p);
		}
		igt_buf_addc(&b, '"');
	}
	return igt_buf_take(&b);
}

/* Hits printed, or -1 when SQLite refused the query (message in db). */
static long run_query(sqlite3 *db, const char *query, const search_opts *o)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, search_sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
	const char *open = o->tty ? "\033[1m" : "**", *close = o->tty ? "\033[0m" : "**";
	sqlite3_bind_text(st, 2, open, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, close, -1, SQLITE_STATIC);
	const char *filters[] = {o->speaker, o->event, o->since, o->topic};
	for (int i = 0; i < 4; i++)
		if (filters[i])
			sqlite3_bind_text(st, 4 + i, filters[i], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, o->limit ? o->limit : -1);
	long hits = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		print_hit(st, o);
		hits++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? hits : -1;
}

static char *join_args(int argc, char **argv)
{
	igt_buf b = {0};
	for (int i = 0; i < argc; i++) {
		if (i)
			igt_buf_addc(&b, ' ');
		igt_buf_add(&b, argv[i], strlen(argv[i]));
	}
	return igt_buf_take(&b);
}

/* The topic filter only means something where the taxonomy plugin ran. */
static void warn_without_topics(sqlite3 *db, const char *path)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM metrics WHERE plugin = 'taxonomy' LIMIT 1", -1,
	                       &st, NULL) != SQLITE_OK)
		return;
	if (sqlite3_step(st) != SQLITE_ROW)
		igt_log(IGT_LOG_WARNING,
		        "%s: no document has topics (the taxonomy plugin did not run on this store)",
		        path);
	sqlite3_finalize(st);
}

#define MAX_QUERY_WORDS 100

static size_t count_words(const char *s)
{
	size_t n = 0;
	for (const char *p = s; *p; p++)
		if (*p != ' ' && *p != '\t' && (p == s || p[-1] == ' ' || p[-1] == '\t'))
			n++;
	return n;
}

int cmd_search(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONG,
		CLI_STORE_LONG,
		{"speaker", required_argument, NULL, 's'},
		{"event", required_argument, NULL, 'e'},
		{"since", required_argument, NULL, 'S'},
		{"topic", required_argument, NULL, 't'},
		{"limit", required_argument, NULL, 'n'},
		{"json", no_argument, NULL, 'J'},
		{NULL, 0, NULL, 0},
	};
	search_opts o = {.limit = 20, .tty = isatty(STDOUT_FILENO)};
	const char *db_opt = NULL, *job_opt = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT "d:j:s:e:t:n:", longopts, NULL)) !=
	       -1) {
		switch (opt) {
		case 'd': db_opt = optarg; break;
		case 'j': job_opt = optarg; break;
		case 's': o.speaker = optarg; break;
		case 'e': o.event = optarg; break;
		case 'S': o.since = optarg; break;
		case 't': o.topic = optarg; break;
		case 'J': o.as_json = 1; break;
		case 'n':
			if (cli_parse_limit("search", optarg, &o.limit) != 0)
				return EX_USAGE;
			break;
		default:
			if (!cli_common_option(opt, help))
				return cli_usage_error("search", "unknown option");
		}
	}
	if (optind >= argc)
		return cli_usage_error("search", "give a QUERY");
	if (o.as_json)
		o.tty = 0;
	sqlite3 *db;
	char *path;
	int status = cli_store_open("search", db_opt, job_opt, &db, &path);
	if (status != EX_OK)
		return status;
	if (o.topic)
		warn_without_topics(db, path);
	char *query = join_args(argc - optind, argv + optind);
	size_t words = count_words(query);
	if (words > MAX_QUERY_WORDS) {
		/* FTS5's ranking and snippets take time that grows with the
		 * square of the query's terms: thousands take minutes. */
		fprintf(stderr, "igtext search: a query of %zu words; at most %d\n", words,
		        MAX_QUERY_WORDS);
		free(query);
		sqlite3_close(db);
		free(path);
		return EX_USAGE;
	}
	long hits = run_query(db, query, &o);
	if (hits < 0) {
		char *quoted = quote_words(query);
		hits = run_query(db, quoted, &o);
		free(quoted);
	}
	if (hits < 0) {
		fprintf(stderr, "igtext search: cannot search for '%s': %s\n", query, sqlite3_errmsg(db));
		status = EX_USAGE;
	} else if (hits == 0) {
		igt_log(IGT_LOG_NOTICE, "no hit for '%s' in %s", query, path);
		status = 1;
	}
	free(query);
	sqlite3_close(db);
	free(path);
	return status;
}
