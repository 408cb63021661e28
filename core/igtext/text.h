/* SPDX-License-Identifier: MIT */
/*
 * Text helpers that every format plugin needs in the same way: person
 * names (honorifics, capitals) and dates (ISO 8601 as precise as the
 * source allows, month names, time zones). Kept in the core so that all
 * plugins normalise alike and the rules are tested once.
 *
 * Nothing here guesses: a part that cannot be read stays unknown.
 */
#ifndef IGTEXT_TEXT_H
#define IGTEXT_TEXT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- names ---- */

/* A person's name split into its honorific and the normalised name. */
typedef struct igt_name {
	char *name;      /* normalised, NULL when nothing but an honorific was given */
	char *honorific; /* as written, without surrounding space ("Professor."), or NULL */
} igt_name;

/*
 * Whether the word w (len n, any case, a final dot allowed) is a title
 * written before a name: 1 for Mr, Mrs, Ms, Miss, Mx, Madam, Madame, Mme,
 * Mlle, Dr, Prof, Professor, Sir, Dame, Hon, Rev, Ambassador, Amb, H.E.,
 * Engr, Smt, Dr.-Ing., and, only with the dot, since they are words of
 * names too, Eng., Sra., Srta., Sr., Lic., Rt., Sen.; 2 for the titles
 * that are family names too, Sheikh, Shaikh, Shri, Senator, Dato',
 * Datuk: titles only as the first words of a name with more after them
 * ("Nadia Sheikh", a label "SHEIKH" are names); 0 for any other word.
 */
int igt_name_honorific(const char *w, size_t n);

/*
 * Parse len bytes of s (UTF-8; invalid bytes are repaired as documents'
 * strings are, a stray Latin-1 byte read as its letter): surrounding white space and
 * punctuation are trimmed, inner white space collapsed, leading honorifics
 * (igt_name_honorific, several in a row: "H.E. Dr.", "Rt. Hon.", and
 * "Sri" after another, "Dato' Sri") are moved to honorific, and words written in capitals become capitalised
 * ("MILTON MUELLER" -> "Milton Mueller", "O'BRIEN" -> "O'Brien",
 * "JEAN-PIERRE" -> "Jean-Pierre"). Words in mixed case are kept as written
 * ("ShenYi", "McDonald"); word order is never changed. Returns 0; out's
 * strings are owned by the caller (igt_name_clear).
 */
int igt_name_parse(igt_name *out, const char *s, size_t len);
void igt_name_clear(igt_name *name);

/* ---- dates ---- */

/* A date known to some precision. Unknown parts are 0 (year, month,
 * day) or -1 (hour, minute, second). */
typedef struct igt_date {
	int year, month, day;
	int hour, minute, second;
	int has_zone;
	int zone_minutes; /* offset east of UTC, when has_zone */
} igt_date;

void igt_date_init(igt_date *d);

/* Whether the known parts form a real date and time (month 1-12, the day
 * exists in that month of that year, hour < 24, …; a zone within ±14 h). */
int igt_date_valid(const igt_date *d);

/* ISO 8601 with the precision known: "2018", "2018-03", "2018-03-24",
 * "2018-03-24T13:56", "2018-03-24T13:56:31", plus "Z" or "+09:00" when the
 * zone is known and there is a time. Writes at most size bytes including
 * the NUL; returns the length, or 0 when the year is unknown (write
 * nothing then: the date is null). */
size_t igt_date_format(const igt_date *d, char *buf, size_t size);

/* English month name or abbreviation, any case, optional final dot
 * ("Mar", "march", "Sept.") -> 1..12; 0 when not a month. */
int igt_month_parse(const char *s, size_t len);

/* A time zone: "Z", "UT", "UTC", "GMT", numeric "+0900" "-05:00" "+9", and
 * the unambiguous abbreviations seen in mail (EST EDT CST CDT MST MDT PST
 * PDT CET CEST EET EEST WET WEST JST KST HKT SGT AEST AEDT NZST NZDT MSK
 * BST), optionally in parentheses. Returns 0 and the offset east of UTC in
 * minutes; -1 for anything else (including ambiguous ones like IST), so
 * the caller can warn and keep the zone unknown. */
int igt_zone_parse(const char *s, size_t len, int *minutes);

/*
 * The dates of e-mail and mail archives: RFC 5322 ("Sat, 24 Mar 2018
 * 13:56:31 +0000 (UTC)", day name and seconds optional, two-digit years
 * per RFC 5322) and the ctime form pipermail prints ("Sat Mar 24 13:56:31
 * UTC 2018", zone optional). A zone that cannot be read leaves has_zone 0
 * and sets *zone_unknown (if given) to 1. Returns 0, or -1 when the text
 * is not such a date (out is then all unknown).
 */
int igt_date_parse_mail(igt_date *out, const char *s, size_t len, int *zone_unknown);

/*
 * A date written with numbers, the whole of s: "23/10/2013", "23.10.2013",
 * "23-10-2013" day first, "10/23/2013" month first (each where only that
 * reading exists; with dots always day first, "03.04.2013"), or
 * "2013-10-23", "2013/10/23". Returns 0 with year, month and day set
 * (which may name no real day, "31/02/2013": igt_date_valid says); 1 when
 * the day and the month could be either number ("03/04/2013": Europe
 * reads 3 April, the United States March 4), with only the year set; or -1 when s has no such form (out is then all
 * unknown).
 */
int igt_date_parse_numeric(igt_date *out, const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
