/* SPDX-License-Identifier: MIT */
/*
 * Shared declarations of the participation plugin: the reader of the
 * numbers in a form's answers (numbers.c), the reading of the gender
 * question's answer (gender.c), the per-document measures of report forms
 * (form.c) and of other documents (text.c), and the corpus summary per
 * event and year (corpus.c).
 */
#ifndef IGT_PARTICIPATION_H
#define IGT_PARTICIPATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <igtext/igtext.h>

/* ---- numbers.c ---- */

/* What the words next to a number say it counts. */
typedef enum part_label {
	LABEL_NONE = 0, /* nothing: "Approximately 35" */
	LABEL_PEOPLE,   /* participants, people, attendees … */
	LABEL_WOMEN,    /* women, female … */
	LABEL_VARIANT,  /* gender-variant, non-binary, transgender … */
	LABEL_MEN,      /* men, male … */
	LABEL_PART,     /* a part of the audience: online, on site, remote … */
	LABEL_OTHER,    /* another thing counted: "2 hours", "3 rooms" */
} part_label;

typedef struct part_number {
	double value;
	bool integral;      /* no decimals: a count of people can be read from it */
	bool percent;       /* "25%", "25 percent" */
	bool range;         /* one end of "80-100", "80 to 100" */
	part_label label;
	const char *qualifier; /* "about", "at least", "at most" or NULL (static) */
} part_number;

#define PART_MAX_NUMBERS 16

/* The numbers of one answer, in order; n_seen counts those beyond the
 * array too, so that a long answer is never read as having one number. */
typedef struct part_answer {
	part_number numbers[PART_MAX_NUMBERS];
	size_t n, n_seen;
} part_answer;

void part_answer_read(part_answer *a, const char *text, size_t len);

/* The one number of the answer with this label (percent or not): false
 * when there is none, several, or it is an end of a range. */
bool part_answer_single(const part_answer *a, part_label label, bool percent, part_number *out);
/* How many numbers carry this label. */
size_t part_answer_count(const part_answer *a, part_label label);

/* ---- gender.c ---- */

typedef struct part_gender part_gender;

/* Compiles the patterns (once, in open); NULL with err filled on failure. */
part_gender *part_gender_new(char *err, size_t err_size);
void part_gender_free(part_gender *g);

/* Whether the answer to "To what extent did the session discuss gender
 * issues?" says they were discussed: 1 yes, 0 no, -1 it does not say
 * (empty, "unknown", only the panel's make-up, nothing about gender). */
int part_gender_discussed(part_gender *g, const char *answer, size_t len);

/* ---- form.c and text.c: metrics.participation ---- */

/* What the corpus summary needs of one document. */
typedef struct part_facts {
	bool report;               /* a report form */
	bool has_participants, has_women;
	int64_t participants, women;
	int gender_discussed;      /* 1, 0, -1 unknown */
	bool women_exceeds;        /* more women than participants: no share */
} part_facts;

/* The measures of a report form (source "form"). */
json_t *part_form_metrics(part_gender *g, igt_doc *doc, part_facts *facts);
/* The measures of any other document (source "text"). */
json_t *part_text_metrics(igt_doc *doc);

/* A new metrics object with every member null, source set: both kinds of
 * document have the same members. */
json_t *part_metrics_new(const char *source);

/* Add a member: every key here is a constant or a string of a document,
 * valid UTF-8 already, so jansson's check of the key is skipped. */
static inline void set(json_t *o, const char *key, json_t *value)
{
	json_object_set_new_nocheck(o, key, value);
}

/* Case-insensitive (ASCII) search for needle in len bytes of s. */
bool part_contains(const char *s, size_t len, const char *needle);

/* ---- corpus.c ---- */

typedef struct part_corpus part_corpus;

part_corpus *part_corpus_new(void);
void part_corpus_free(part_corpus *c);
void part_corpus_add(part_corpus *c, igt_doc *doc, const part_facts *facts);
/* Hands one row per event and year to the outputs (table "participation"). */
int part_corpus_rows(part_corpus *c, igt_host *host);

#endif
