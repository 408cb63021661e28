/* SPDX-License-Identifier: MIT */
/*
 * The plugin contract. A plugin is a libtool module that exports exactly
 * one constant igt_plugin descriptor, defined with IGT_PLUGIN_DEFINE. The
 * core reads the ABI number first and refuses a module built for another
 * ABI; then it checks the size, the kind, the option table and that the
 * callbacks of the kind are set, so a broken plugin fails at load time.
 *
 * Ownership: the core owns the config struct (it allocates config_size
 * bytes, fills them from the option table by offsetof, and frees them and
 * every string in them after close) and every document. The plugin owns
 * its state from open until close. Documents passed to process and write
 * are borrowed for the length of the call; a document passed to emit is
 * owned by the core from then on, also when emit fails.
 *
 * ABI changelog (bump IGT_PLUGIN_ABI on any incompatible change here or in
 * the layout of the public structures in doc.h):
 *   1  first version.
 *   2  output plugins may take corpus tables (op.output.write_row).
 *   3  outputs see each input as an igt_input_info (path, size, mtime,
 *      sha256, format) in begin_input and end_input, and may ask for an
 *      unchanged input to be skipped (op.output.skip_input); options may
 *      be real numbers (IGT_OPT_REAL).
 *   4  igt_input_info carries settings, a digest of the job's settings
 *      that shape the input's documents, so a store can read an unchanged
 *      input again when they changed.
 */
#ifndef IGTEXT_PLUGIN_H
#define IGTEXT_PLUGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <igtext/doc.h>
#include <igtext/error.h>
#include <igtext/host.h>
#include <igtext/input.h>
#include <igtext/log.h>

#ifdef __cplusplus
extern "C" {
#endif

#define IGT_PLUGIN_ABI 4

typedef enum igt_kind {
	IGT_FORMAT = 1,
	IGT_ANALYSIS = 2,
	IGT_OUTPUT = 3,
} igt_kind;

/* Option types and the C type each fills in the config struct. */
typedef enum igt_opt_type {
	IGT_OPT_STR = 1, /* char * (NULL when unset and no default) */
	IGT_OPT_INT,     /* int64_t */
	IGT_OPT_BOOL,    /* bool */
	IGT_OPT_PATH,    /* char *, relative paths resolved against the job file's folder; "-" kept */
	IGT_OPT_REGEX,   /* char *, checked to compile as a PCRE2 pattern */
	IGT_OPT_LIST,    /* igt_strlist: a YAML sequence of scalars, or one scalar */
	IGT_OPT_PATHS,   /* igt_strlist of paths, each resolved like IGT_OPT_PATH */
	IGT_OPT_REAL,    /* double: a finite number (0.8, 1e-3); ranges are the plugin's to check */
} igt_opt_type;

typedef struct igt_strlist {
	size_t n;
	char **items;
} igt_strlist;

/* Whether s is one of l's items (false for NULL): a segment type in a
 * plugin's skip list, say. */
bool igt_strlist_has(const igt_strlist *l, const char *s);

#define IGT_OPT_REQUIRED 0x1u
#define IGT_OPT_DEPRECATED 0x2u

typedef struct igt_option {
	const char *name;  /* YAML key, lower_snake_case */
	igt_opt_type type;
	const char *def;   /* default, written as YAML text; NULL: none */
	unsigned flags;    /* IGT_OPT_REQUIRED | IGT_OPT_DEPRECATED */
	size_t offset;     /* offsetof() into the plugin's config struct */
	const char *help;  /* one line for `igtext plugins NAME` */
} igt_option;

/* What an output is told about an input. Strings are borrowed for the
 * length of the call. */
typedef struct igt_input_info {
	const char *name;   /* as shown to the user: the path as given, or "<stdin>" */
	const char *path;   /* absolute path with symbolic links resolved; NULL for stdin */
	int64_t size;       /* bytes on disk; -1 when unknown (stdin, a pipe) */
	int64_t mtime_ns;   /* modification time in ns since the epoch; -1 when unknown */
	const char *sha256; /* lowercase hex of the file's bytes; NULL in skip_input and for stdin */
	const char *format; /* the format plugin reading it; NULL in skip_input */
	/* Lowercase hex sha256 of the settings that shape its documents: the
	 * input's format (or auto) and its options, the analysis plugins in
	 * order and their options; not the outputs. Known in skip_input too. */
	const char *settings;
} igt_input_info;

/* Handed to a format plugin's parse: takes ownership of doc (always), runs
 * it through the pipeline (or hands it to the worker threads that do) and
 * returns 0, or a negative code that the plugin should return from parse
 * at once (an output failed, a signal came). */
typedef int (*igt_emit_fn)(igt_doc *doc, void *payload);

typedef struct igt_plugin {
	unsigned abi;  /* must be first: IGT_PLUGIN_ABI */
	unsigned size; /* sizeof(igt_plugin) as the plugin saw it */
	const char *name; /* must equal the module's file name */
	const char *version;
	const char *summary; /* one line */
	igt_kind kind;
	const igt_option *options; /* terminated by an all-zero entry; may be NULL */
	size_t config_size;
	/* Create the instance state; 0 or a negative code. May be NULL when the
	 * plugin needs no state (state is then NULL). */
	int (*open)(void **state, const void *config, igt_host *host);
	void (*close)(void *state); /* must accept NULL; may itself be NULL */
	union {
		struct {
			/* 0 to 100: how surely head (the first bytes of an input, up to
			 * 4096) is this format. Must be pure and fast. */
			int (*score)(const unsigned char *head, size_t len);
			/* Read the whole input, emitting each document as soon as it is
			 * complete. 0; IGT_EBADINPUT when the input is malformed (what
			 * was emitted stays); another negative code otherwise. With
			 * worker threads, several instances (one per parsing thread,
			 * opened there) may parse different inputs at once: keep
			 * nothing in state from one input for the next. */
			int (*parse)(void *state, igt_input *in, igt_emit_fn emit, void *payload);
		} format;
		struct {
			/* Called for each document in input order; may change it. */
			int (*process)(void *state, igt_doc *doc);
			/* Called once after the last document; may be NULL. The
			 * place to hand corpus-level tables (people, entities …)
			 * to the outputs with igt_host_table_row. */
			int (*finish)(void *state);
		} analysis;
		struct {
			/* Called before an input is opened, with only its path, size
			 * and mtime known: return 1 when this output already holds
			 * the input unchanged, 0 to have it read. An input is skipped
			 * when every output that has this callback returns 1. May be
			 * NULL. Never called for stdin. */
			int (*skip_input)(void *state, const igt_input_info *info);
			/* Called before the first and after the last document of each
			 * input (ok is 0 when the input failed: what was written from
			 * it stays, but it is not complete); both may be NULL. The
			 * store uses them for its per-input transactions. When the
			 * run stops during an input (a signal, a failing output),
			 * end_input is not called: close must abandon that input. */
			int (*begin_input)(void *state, const igt_input_info *info);
			int (*end_input)(void *state, const igt_input_info *info, int ok);
			int (*write)(void *state, const igt_doc *doc);
			/* Called once when the run ends normally: make the output
			 * permanent (rename a temporary file, commit). May be NULL. A
			 * run that is abandoned only gets close. */
			int (*commit)(void *state);
			/* One row of a corpus table that an analysis plugin made
			 * (table is its name: "people", "entities" …; row a JSON
			 * object, borrowed). Called after the last document and
			 * before commit. May be NULL: the output takes no tables. */
			int (*write_row)(void *state, const char *table, const json_t *row);
		} output;
	} op;
	void *reserved[4]; /* must be zero */
} igt_plugin;

/* Define the one exported descriptor. ident is the module name with every
 * character that is not a letter or digit turned into '_' (igf-report.la:
 * igf_report), which gives libtool's preload prefix ident_LTX_. */
#define IGT_PLUGIN_SYMBOL "igt_plugin_descriptor"
#define IGT_PLUGIN_DEFINE(ident) \
	extern const igt_plugin ident##_LTX_igt_plugin_descriptor; \
	const igt_plugin ident##_LTX_igt_plugin_descriptor

#ifdef __cplusplus
}
#endif
#endif
