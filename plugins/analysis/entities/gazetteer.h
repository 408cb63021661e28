/* SPDX-License-Identifier: MIT */
/*
 * The gazetteer: canonical entities (name, kind) and the written forms
 * that name them (the name itself, aliases, acronyms, PCRE2 patterns),
 * read from YAML files (configs/gazetteers/ and the job's own). An entry
 * whose name is already known extends that entry, so a job can add
 * aliases to a shipped entity without repeating it.
 */
#ifndef ENTITIES_GAZETTEER_H
#define ENTITIES_GAZETTEER_H

#include <stdbool.h>
#include <stddef.h>

#include "strmap.h"

typedef struct gz_entry {
	char *name;
	char *kind;      /* organisation, country, region, process, instrument, … */
	char **patterns; /* PCRE2, as written */
	size_t n_patterns;
} gz_entry;

typedef struct gz_form {
	char *text;
	size_t entry;
	bool acronym;    /* matched as written, on word boundaries */
	bool exact_case; /* a name matched as written (Turkey, China, …) */
	bool no_match;   /* only for linking: the entry's patterns find it (Jordan) */
} gz_form;

typedef struct gazetteer {
	gz_entry *entries;
	size_t n_entries, cap_entries;
	gz_form *forms;
	size_t n_forms, cap_forms;
	strmap by_name;   /* entry name -> entry */
	strmap not_typos; /* words never read as mistyped acronyms */
} gazetteer;

/* Add the entries of one YAML file. 0, or -1 with a message in err. */
int ent_gz_load(gazetteer *g, const char *path, char *err, size_t errlen);
/* Add an entry (or find the one with that name); returns its index. */
size_t ent_gz_entry_add(gazetteer *g, const char *name, const char *kind);
void ent_gz_form_add(gazetteer *g, size_t entry, const char *text, bool acronym, bool exact_case);
void ent_gz_free(gazetteer *g);

#endif
