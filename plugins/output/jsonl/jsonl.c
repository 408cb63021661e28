/* SPDX-License-Identifier: MIT */
/*
 * jsonl: one JSON document per line (JSON Lines), to stdout or a file. A
 * file is written under a temporary name in the same folder and renamed
 * into place only when the run completes, so a reader never sees half a
 * file and a failed run leaves the previous file untouched.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <igtext/igtext.h>

/* stdio's buffer for the output (glibc ignores a size given without a
 * buffer): documents are written whole, and a buffer of a few documents
 * keeps the system calls few. */
#define OUT_BUFFER (64 * 1024)

typedef struct jsonl_config {
	char *path;
	bool pretty;
	bool tables;
} jsonl_config;

static const igt_option jsonl_options[] = {
	{"path", IGT_OPT_PATH, "\"-\"", 0, offsetof(jsonl_config, path),
	 "file to write, or \"-\" for standard output"},
	{"pretty", IGT_OPT_BOOL, "false", 0, offsetof(jsonl_config, pretty),
	 "indent each document over several lines (no longer JSON Lines; for reading by eye)"},
	{"tables", IGT_OPT_BOOL, "false", 0, offsetof(jsonl_config, tables),
	 "after the documents, write the corpus tables of analysis plugins (people, entities …), "
	 "one row per line with a \"table\" member"},
	{0},
};

typedef struct jsonl_state {
	const jsonl_config *cfg;
	igt_host *host;
	FILE *out;
	char *tmp; /* temporary file, renamed to cfg->path on commit */
	int direct; /* a device or FIFO opened as it is (no temporary file) */
	igt_buf line; /* one document's JSON, reused: one fwrite per document */
	igt_json_writer *rows; /* compact table rows, made when the first is written */
	char stdio_buffer[OUT_BUFFER]; /* out's, until it is closed */
} jsonl_state;

static void jsonl_close(void *p)
{
	jsonl_state *st = p;
	if (!st)
		return;
	igt_buf_free(&st->line);
	igt_json_writer_free(st->rows);
	if (st->direct && st->out)
		fclose(st->out);
	if (st->tmp) {
		/* Not committed: leave the previous file as it was. */
		if (st->out)
			fclose(st->out);
		unlink(st->tmp);
		free(st->tmp);
	}
	free(st);
}

static int jsonl_open(void **state, const void *config, igt_host *host)
{
	const jsonl_config *cfg = config;
	jsonl_state *st = calloc(1, sizeof(*st));
	if (!st)
		return IGT_EGENERIC;
	st->cfg = cfg;
	st->host = host;
	/* Every document is written whole, by jsonl_write: with worker
	 * threads its JSON can be written ahead, off the outputs' thread. */
	igt_host_prepare_json(host, cfg->pretty ? IGT_DOC_JSON_PRETTY : 0);
	if (strcmp(cfg->path, "-") == 0) {
		st->out = stdout;
		/* Into a pipe or a file, in large writes (stdio's usual 4 KB made
		 * a system call per 4 KB of documents); a terminal stays line
		 * by line. Only before the first write, which this is when the
		 * first output on stdout opens. */
		static int stdout_buffered;
		/* stdout is flushed at exit, after the plugin has closed; its
		 * module stays mapped until then (module.c never unloads one). */
		static char stdout_buffer[OUT_BUFFER];
		if (!stdout_buffered && !isatty(STDOUT_FILENO))
			setvbuf(stdout, stdout_buffer, _IOFBF, sizeof(stdout_buffer));
		stdout_buffered = 1;
		*state = st;
		return 0;
	}
	/* A device, FIFO or socket (/dev/null, a named pipe) is written as it
	 * is: renaming a temporary file over it would replace the device. */
	struct stat target;
	if (stat(cfg->path, &target) == 0 && !S_ISREG(target.st_mode)) {
		if (S_ISDIR(target.st_mode)) {
			igt_host_log(host, IGT_LOG_ERROR, "%s is a folder, not a file", cfg->path);
			free(st);
			return IGT_EIO;
		}
		st->out = fopen(cfg->path, "w");
		if (!st->out) {
			igt_host_log(host, IGT_LOG_ERROR, "cannot open %s: %s", cfg->path,
			             strerror(errno));
			free(st);
			return IGT_EIO;
		}
		setvbuf(st->out, st->stdio_buffer, _IOFBF, sizeof(st->stdio_buffer));
		st->direct = 1;
		*state = st;
		return 0;
	}
	if (igt_host_make_parent_dirs(host, cfg->path) != 0) {
		free(st);
		return IGT_EIO;
	}
	size_t n = strlen(cfg->path) + 16;
	st->tmp = malloc(n);
	if (!st->tmp) {
		free(st);
		return IGT_EGENERIC;
	}
	snprintf(st->tmp, n, "%s.tmp.XXXXXX", cfg->path);
	int fd = mkstemp(st->tmp);
	if (fd < 0) {
		igt_host_log(host, IGT_LOG_ERROR, "cannot create %s: %s", st->tmp, strerror(errno));
		free(st->tmp);
		free(st);
		return IGT_EIO;
	}
	/* mkstemp makes the file private; give it the mode any new file gets. */
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0)
		igt_host_log(host, IGT_LOG_WARNING, "cannot set the mode of %s: %s", st->tmp,
		             strerror(errno));
	st->out = fdopen(fd, "w");
	if (!st->out) {
		close(fd);
		jsonl_close(st);
		return IGT_EIO;
	}
	setvbuf(st->out, st->stdio_buffer, _IOFBF, sizeof(st->stdio_buffer));
	*state = st;
	return 0;
}

/* After a write: whether it failed, said. */
static int write_failed(jsonl_state *st, int failed)
{
	if (!failed && !ferror(st->out))
		return 0;
	igt_host_log(st->host, IGT_LOG_ERROR, "cannot write %s: %s",
	             st->tmp ? st->tmp : st->direct ? st->cfg->path : "standard output",
	             strerror(errno));
	return IGT_EIO;
}

/* Write st->line, which holds one JSON text, as a line. */
static int write_line(jsonl_state *st)
{
	igt_buf_addc(&st->line, '\n');
	return write_failed(st, fwrite(st->line.data, 1, st->line.len, st->out) != st->line.len);
}

static int dump_to_line(const char *s, size_t n, void *payload)
{
	igt_buf_add(payload, s, n);
	return 0;
}

/* Write one JSON value as a line; j is released. Compact rows go through
 * the core's writer, which gives jansson's bytes without jansson's cost
 * per object and number (a keywords row cost more to dump than the
 * plugin spent making it); indented ones through jansson. */
static int write_json(jsonl_state *st, json_t *j)
{
	size_t flags = (st->cfg->pretty ? JSON_INDENT(2) : JSON_COMPACT) | JSON_PRESERVE_ORDER |
	               IGT_JSON_REALS;
	igt_buf_reset(&st->line);
	int rc;
	if (st->cfg->pretty) {
		rc = json_dump_callback(j, dump_to_line, &st->line, flags);
	} else {
		if (!st->rows)
			st->rows = igt_json_writer_new();
		rc = igt_json_write(st->rows, j, &st->line);
	}
	json_decref(j);
	if (rc != 0) {
		igt_host_log(st->host, IGT_LOG_ERROR, "cannot serialise a table row");
		return IGT_EGENERIC;
	}
	return write_line(st);
}

/* Documents are written from the model without a jansson tree
 * (igt_doc_write_json): for most formats that is most of the time a parse
 * to JSON Lines takes. */
static int jsonl_write(void *p, const igt_doc *doc)
{
	jsonl_state *st = p;
	unsigned flags = st->cfg->pretty ? IGT_DOC_JSON_PRETTY : 0;
	/* Text written ahead goes out from where it is: copying it into the
	 * line first cost a pass over all the output. */
	size_t len;
	const char *text = igt_doc_prepared_json(doc, flags, &len);
	if (text)
		return write_failed(st, fwrite(text, 1, len, st->out) != len ||
		                            putc('\n', st->out) == EOF);
	igt_buf_reset(&st->line);
	if (igt_doc_write_json(doc, &st->line, flags) != 0) {
		igt_host_log(st->host, IGT_LOG_ERROR, "cannot serialise a document");
		return IGT_EGENERIC;
	}
	return write_line(st);
}

/* A table row as {"table": NAME, ...the row's members}: documents have no
 * "table" member, so a reader tells the two apart. */
static int jsonl_write_row(void *p, const char *table, const json_t *row)
{
	jsonl_state *st = p;
	if (!st->cfg->tables)
		return 0;
	json_t *j = json_pack("{s:s}", "table", table);
	json_object_update(j, (json_t *)row);
	return write_json(st, j);
}

static int jsonl_commit(void *p)
{
	jsonl_state *st = p;
	const char *what = st->tmp ? st->tmp : st->direct ? st->cfg->path : "standard output";
	if (fflush(st->out) != 0 || ferror(st->out) ||
	    (st->tmp && fsync(fileno(st->out)) != 0)) {
		igt_host_log(st->host, IGT_LOG_ERROR, "cannot write %s: %s", what, strerror(errno));
		return IGT_EIO;
	}
	if (!st->tmp)
		return 0;
	int rc = fclose(st->out);
	st->out = NULL;
	if (rc != 0 || rename(st->tmp, st->cfg->path) != 0) {
		igt_host_log(st->host, IGT_LOG_ERROR, "cannot put %s in place: %s", st->cfg->path,
		             strerror(errno));
		return IGT_EIO;
	}
	free(st->tmp);
	st->tmp = NULL;
	return 0;
}

IGT_PLUGIN_DEFINE(jsonl) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "jsonl",
	.version = "1.0",
	.summary = "documents as JSON Lines, to standard output or a file",
	.kind = IGT_OUTPUT,
	.options = jsonl_options,
	.config_size = sizeof(jsonl_config),
	.open = jsonl_open,
	.close = jsonl_close,
	.op.output = {.write = jsonl_write, .commit = jsonl_commit, .write_row = jsonl_write_row},
};
