/* SPDX-License-Identifier: MIT */
/*
 * Dates (text.h): precision-aware ISO 8601, month names, time zones, and
 * the fixed formats of mail archives. Parsing is by hand on purpose: it
 * runs once per message on multi-gigabyte archives, and strptime depends
 * on the locale.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <igtext/text.h>

void igt_date_init(igt_date *d)
{
	d->year = d->month = d->day = 0;
	d->hour = d->minute = d->second = -1;
	d->has_zone = 0;
	d->zone_minutes = 0;
}

static int days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[month - 1];
}

int igt_date_valid(const igt_date *d)
{
	if (d->year && (d->year < 1 || d->year > 9999))
		return 0;
	if (d->month && (d->month < 1 || d->month > 12))
		return 0;
	if (d->day && (d->day < 1 || !d->month || d->day > days_in_month(d->year ? d->year : 2000, d->month)))
		return 0;
	if (d->hour > 23 || d->minute > 59 || d->second > 60)
		return 0;
	if (d->has_zone && (d->zone_minutes < -14 * 60 || d->zone_minutes > 14 * 60))
		return 0;
	return 1;
}

/* v as "%0*d" writes it: at least width characters, zeros after the sign.
 * snprintf did this before; it cost more than the rest of reading a mail
 * header, and a date is formatted twice per message. */
static size_t put_int(char *out, int v, int width)
{
	char digits[12];
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	size_t nd = 0, n = 0;
	do {
		digits[nd++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		out[n++] = '-';
	for (size_t len = nd + n; len < (size_t)width; len++)
		out[n++] = '0';
	while (nd)
		out[n++] = digits[--nd];
	return n;
}

size_t igt_date_format(const igt_date *d, char *buf, size_t size)
{
	if (!d->year || size == 0)
		return 0;
	/* Room for every part at its widest ("-2147483648" is 11). */
	char tmp[96];
	size_t n = put_int(tmp, d->year, 4);
	if (d->month) {
		tmp[n++] = '-';
		n += put_int(tmp + n, d->month, 2);
		if (d->day) {
			tmp[n++] = '-';
			n += put_int(tmp + n, d->day, 2);
			if (d->hour >= 0 && d->minute >= 0) {
				tmp[n++] = 'T';
				n += put_int(tmp + n, d->hour, 2);
				tmp[n++] = ':';
				n += put_int(tmp + n, d->minute, 2);
				if (d->second >= 0) {
					tmp[n++] = ':';
					n += put_int(tmp + n, d->second, 2);
				}
				if (d->has_zone && d->zone_minutes == 0) {
					tmp[n++] = 'Z';
				} else if (d->has_zone) {
					int z = d->zone_minutes < 0 ? -d->zone_minutes : d->zone_minutes;
					tmp[n++] = d->zone_minutes < 0 ? '-' : '+';
					n += put_int(tmp + n, z / 60, 2);
					tmp[n++] = ':';
					n += put_int(tmp + n, z % 60, 2);
				}
			}
		}
	}
	if (n >= size)
		return 0;
	memcpy(buf, tmp, n);
	buf[n] = '\0';
	return n;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Case-insensitive: s[0..len) equals word. */
static int eq_word(const char *s, size_t len, const char *word)
{
	if (strlen(word) != len)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (lower((unsigned char)s[i]) != word[i])
			return 0;
	return 1;
}

int igt_month_parse(const char *s, size_t len)
{
	static const char *const full[] = {"january", "february", "march",     "april",
	                                   "may",     "june",     "july",      "august",
	                                   "september", "october", "november", "december"};
	if (len && s[len - 1] == '.')
		len--;
	if (len < 3)
		return 0;
	for (int m = 0; m < 12; m++) {
		if (eq_word(s, len, full[m]))
			return m + 1;
		if (len == 3 && eq_word(s, 3, (char[4]){full[m][0], full[m][1], full[m][2], 0}))
			return m + 1;
	}
	if (eq_word(s, len, "sept"))
		return 9;
	return 0;
}

int igt_zone_parse(const char *s, size_t len, int *minutes)
{
	static const struct {
		const char *name;
		int minutes;
	} zones[] = {
		{"z", 0},       {"ut", 0},       {"utc", 0},     {"gmt", 0},    {"est", -300},
		{"edt", -240},  {"cst", -360},   {"cdt", -300},  {"mst", -420}, {"mdt", -360},
		{"pst", -480},  {"pdt", -420},   {"cet", 60},    {"cest", 120}, {"eet", 120},
		{"eest", 180},  {"wet", 0},      {"west", 60},   {"jst", 540},  {"kst", 540},
		{"hkt", 480},   {"sgt", 480},    {"aest", 600},  {"aedt", 660}, {"nzst", 720},
		{"nzdt", 780},  {"msk", 180},    {"bst", 60},    {"met", 60},   {"mest", 120},
	};
	while (len && (*s == '(' || *s == ' ')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ')' || s[len - 1] == ' '))
		len--;
	if (len == 0)
		return -1;
	if (*s == '+' || *s == '-') {
		int sign = *s == '-' ? -1 : 1;
		int digits[4], nd = 0;
		for (size_t i = 1; i < len; i++) {
			if (s[i] == ':' && nd == 2)
				continue;
			if (s[i] < '0' || s[i] > '9' || nd == 4)
				return -1;
			digits[nd++] = s[i] - '0';
		}
		int h, m = 0;
		if (nd == 4) {
			h = digits[0] * 10 + digits[1];
			m = digits[2] * 10 + digits[3];
		} else if (nd == 2) {
			h = digits[0] * 10 + digits[1];
		} else if (nd == 1) {
			h = digits[0];
		} else {
			return -1;
		}
		if (h > 14 || m > 59 || h * 60 + m > 14 * 60)
			return -1;
		*minutes = sign * (h * 60 + m);
		return 0;
	}
	for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		if (eq_word(s, len, zones[i].name)) {
			*minutes = zones[i].minutes;
			return 0;
		}
	}
	return -1;
}

/* ---- mail dates ---- */

typedef struct token {
	const char *s;
	size_t len;
} token;

static size_t tokenize(const char *s, size_t len, token *out, size_t max)
{
	size_t n = 0, i = 0;
	while (i < len && n < max) {
		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == ',' || s[i] == '\r' || s[i] == '\n'))
			i++;
		if (i == len)
			break;
		size_t start = i;
		if (s[i] == '(') { /* a comment: one token up to ')' */
			while (i < len && s[i] != ')')
				i++;
			if (i < len)
				i++;
		} else {
			while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != ',' && s[i] != '\r' && s[i] != '\n')
				i++;
		}
		out[n].s = s + start;
		out[n].len = i - start;
		n++;
	}
	return n;
}

/* A number of 1 to max_digits digits; -1 otherwise. */
static int number(const token *t, size_t max_digits)
{
	if (t->len == 0 || t->len > max_digits)
		return -1;
	int v = 0;
	for (size_t i = 0; i < t->len; i++) {
		if (t->s[i] < '0' || t->s[i] > '9')
			return -1;
		v = v * 10 + (t->s[i] - '0');
	}
	return v;
}

/* "HH:MM" or "HH:MM:SS". */
static int parse_time(const token *t, igt_date *d)
{
	int part[3] = {-1, -1, -1}, np = 0, v = -1;
	for (size_t i = 0; i <= t->len; i++) {
		if (i == t->len || t->s[i] == ':') {
			if (v < 0 || np == 3)
				return -1;
			part[np++] = v;
			v = -1;
		} else if (t->s[i] >= '0' && t->s[i] <= '9') {
			v = (v < 0 ? 0 : v * 10) + (t->s[i] - '0');
			if (v > 99)
				return -1;
		} else {
			return -1;
		}
	}
	if (np < 2)
		return -1;
	d->hour = part[0];
	d->minute = part[1];
	d->second = part[2];
	return 0;
}

static int full_year(int y, size_t digits)
{
	if (digits == 2)
		return y < 50 ? 2000 + y : 1900 + y;
	if (digits == 3)
		return 1900 + y;
	return y;
}

static int is_day_name(const token *t)
{
	static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
	if (t->len < 3)
		return 0;
	for (int i = 0; i < 7; i++)
		if (lower((unsigned char)t->s[0]) == days[i][0] && lower((unsigned char)t->s[1]) == days[i][1] &&
		    lower((unsigned char)t->s[2]) == days[i][2])
			return 1;
	return 0;
}

/* The zone at t[*i], moving *i past it: 0, or -1 when it is not one. A
 * zone name followed by "DST" ("MET DST", as mailers of the 1990s wrote
 * summer time) is an hour ahead; a numeric offset says it all. */
static int mail_zone(const token *t, size_t n, size_t *i, int *minutes)
{
	const token *z = &t[*i];
	(*i)++;
	if (igt_zone_parse(z->s, z->len, minutes) != 0)
		return -1;
	if (*i < n && t[*i].len == 3 && strncasecmp(t[*i].s, "DST", 3) == 0) {
		(*i)++;
		/* Only European standard-time names: "CEST DST" would count the
		 * summer hour twice, and a number says it all. */
		static const char *const standard[] = {"MET", "CET", "EET", "WET", "MEZ", NULL};
		for (int k = 0; standard[k]; k++)
			if (z->len == 3 && strncasecmp(z->s, standard[k], 3) == 0)
				*minutes += 60;
	}
	return 0;
}

int igt_date_parse_mail(igt_date *out, const char *s, size_t len, int *zone_unknown)
{
	token t[12];
	size_t n = tokenize(s, len, t, 12), i = 0;
	igt_date d;
	igt_date_init(&d);
	if (zone_unknown)
		*zone_unknown = 0;
	if (i < n && is_day_name(&t[i]) && number(&t[i], 2) < 0)
		i++;
	int zone_seen = 0, zone_bad = 0;
	if (i + 3 < n && number(&t[i], 2) > 0 && igt_month_parse(t[i + 1].s, t[i + 1].len)) {
		/* RFC 5322: 24 Mar 2018 13:56:31 +0000 */
		d.day = number(&t[i], 2);
		d.month = igt_month_parse(t[i + 1].s, t[i + 1].len);
		int y = number(&t[i + 2], 4);
		if (y < 0 || parse_time(&t[i + 3], &d) != 0)
			goto fail;
		d.year = full_year(y, t[i + 2].len);
		i += 4;
	} else if (i + 3 < n && igt_month_parse(t[i].s, t[i].len) && number(&t[i + 1], 2) > 0) {
		/* ctime: Mar 24 13:56:31 [UTC] 2018 */
		d.month = igt_month_parse(t[i].s, t[i].len);
		d.day = number(&t[i + 1], 2);
		if (parse_time(&t[i + 2], &d) != 0)
			goto fail;
		i += 3;
		if (i < n && number(&t[i], 4) < 0) {
			zone_seen = 1;
			zone_bad = mail_zone(t, n, &i, &d.zone_minutes) != 0;
			d.has_zone = !zone_bad;
		}
		if (i >= n || number(&t[i], 4) < 0)
			goto fail;
		d.year = full_year(number(&t[i], 4), t[i].len);
		i++;
	} else {
		goto fail;
	}
	/* The zone after the time decides; a comment such as "(UTC)" is read
	 * only when there is no zone, so an impossible offset stays unknown
	 * rather than being replaced by a guess. */
	if (!zone_seen && i < n) {
		zone_seen = 1;
		zone_bad = mail_zone(t, n, &i, &d.zone_minutes) != 0;
		d.has_zone = !zone_bad;
	}
	if (!igt_date_valid(&d)) {
		/* A date with an impossible zone keeps its date; anything else
		 * impossible is not a date. */
		d.has_zone = 0;
		zone_bad = 1;
		if (!igt_date_valid(&d))
			goto fail;
	}
	if (zone_unknown)
		*zone_unknown = zone_seen && zone_bad && !d.has_zone;
	*out = d;
	return 0;
fail:
	igt_date_init(out);
	return -1;
}

/* The value of s[0..n) when it is 1 to max digits, else -1. */
static int digits_value(const char *s, size_t n, size_t max)
{
	int v = 0;
	if (n == 0 || n > max)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int igt_date_parse_numeric(igt_date *out, const char *s, size_t len)
{
	igt_date_init(out);
	size_t p1 = 0;
	while (p1 < len && s[p1] >= '0' && s[p1] <= '9')
		p1++;
	if (p1 == 0 || p1 >= len || !s[p1] || !strchr("/.-", s[p1]))
		return -1;
	const char *second = memchr(s + p1 + 1, s[p1], len - p1 - 1);
	if (!second)
		return -1;
	size_t p2 = (size_t)(second - s);
	const char *a = s, *b = s + p1 + 1, *c = s + p2 + 1;
	size_t an = p1, bn = p2 - p1 - 1, cn = len - p2 - 1;
	int x = digits_value(a, an, 4), y = digits_value(b, bn, 2), z = digits_value(c, cn, 4);
	if (x < 1 || y < 1 || z < 1)
		return -1;
	if (an == 4 && cn <= 2) { /* 2013-10-23 */
		out->year = x;
		out->month = y;
		out->day = z;
	} else if (an <= 2 && cn == 4) { /* 23/10/2013 */
		out->year = z;
		/* 03/04/2013: 3 April or March 4; only the year is sure. Dots
		 * are written day first (03.04.2013, as in Germany or Russia). */
		if (x <= 12 && y <= 12 && x != y && s[p1] != '.')
			return 1;
		int swap = y > 12 && x <= 12; /* 10/23/2013: the only reading */
		out->day = swap ? y : x;
		out->month = swap ? x : y;
	} else {
		return -1;
	}
	return 0;
}
