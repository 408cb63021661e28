/* SPDX-License-Identifier: MIT */
/*
 * The text helpers of text.h: person names (honorifics, capitals,
 * hyphens, apostrophes, non-ASCII capitals, names left as written) and
 * dates (precision-aware ISO 8601, validity, months, zones, the RFC 5322
 * and ctime dates of mail archives, impossible zones kept unknown).
 */
#include <igtext/text.h>

#include "tap.h"

static void name_is(const char *in, const char *name, const char *honorific)
{
	igt_name n;
	igt_name_parse(&n, in, strlen(in));
	is_str(n.name, name, "name of '%s'", in);
	is_str(n.honorific, honorific, "honorific of '%s'", in);
	igt_name_clear(&n);
}

static void mail_is(const char *in, const char *iso, int zone_unknown)
{
	igt_date d;
	int unknown = -1;
	char buf[64] = "";
	int rc = igt_date_parse_mail(&d, in, strlen(in), &unknown);
	if (iso) {
		ok(rc == 0, "'%s' is a mail date", in);
		igt_date_format(&d, buf, sizeof(buf));
		is_str(buf, iso, "'%s' as ISO 8601", in);
		is_int(unknown, zone_unknown, "'%s': zone unknown flag", in);
	} else {
		is_int(rc, -1, "'%s' is not a mail date", in);
		is_int(d.year, 0, "'%s' leaves the year unknown", in);
	}
}

int main(void)
{
	name_is("MILTON MUELLER", "Milton Mueller", NULL);
	name_is("  Mr. Yuxiao Li ", "Yuxiao Li", "Mr.");
	name_is("Professor. Li Yuxiao", "Li Yuxiao", "Professor.");
	name_is("Madam Chu Nan", "Chu Nan", "Madam");
	/* Titles of other places and languages. */
	name_is("Amb. Thomas Schneider", "Thomas Schneider", "Amb.");
	name_is("ENG. HAITHAM AL-OHALI", "Haitham Al-Ohali", "ENG.");
	name_is("Engr. Kossi Amessinou", "Kossi Amessinou", "Engr.");
	name_is("Shri Sanjay Jaju", "Sanjay Jaju", "Shri");
	name_is("Dato' Sri Ahmad Fadzil", "Ahmad Fadzil", "Dato' Sri");
	name_is("Sheikh Salman bin Abdulaziz", "Salman bin Abdulaziz", "Sheikh");
	name_is("Dr.-Ing. Ulrike Meyer", "Ulrike Meyer", "Dr.-Ing.");
	name_is("Sra. Valeria Betancourt", "Valeria Betancourt", "Sra.");
	name_is("Rt. Hon. Ama Ansah", "Ama Ansah", "Rt. Hon.");
	name_is("Senator Koliana Winchester", "Koliana Winchester", "Senator");
	name_is("Lic. Ximena Castillo", "Ximena Castillo", "Lic.");
	/* Words of names as well: titles only with their dot, or after one. */
	name_is("Eng Kok Hwa", "Eng Kok Hwa", NULL);
	name_is("Sen Amartya", "Sen Amartya", NULL);
	name_is("Sri Mulyani Indrawati", "Sri Mulyani Indrawati", NULL);
	name_is("Pak Dedy Permadi", "Pak Dedy Permadi", NULL);
	/* Titles that are family names too: a name alone, or after a name. */
	name_is("SHEIKH", "Sheikh", NULL);
	name_is("Nadia Sheikh", "Nadia Sheikh", NULL);
	name_is("Senator", "Senator", NULL);
	name_is("Dr. Shaikh", "Shaikh", "Dr.");
	ok(igt_name_honorific("Sheikh", 6) == 2 && igt_name_honorific("Mr.", 3) == 1 &&
	       igt_name_honorific("Eng", 3) == 0,
	   "igt_name_honorific: 2 for a title that is a name too, 1 for one that is not, 0");
	name_is("Dr Anja Gengo", "Anja Gengo", "Dr");
	name_is("Prof. Dr. Wolfgang Kleinwächter", "Wolfgang Kleinwächter", "Prof. Dr.");
	name_is("H.E. Ambassador Thomas Schneider", "Thomas Schneider", "H.E. Ambassador");
	name_is("JEAN-PIERRE O'BRIEN", "Jean-Pierre O'Brien", NULL);
	name_is("ÉRIC ŁUKASZEWICZ", "Éric Łukaszewicz", NULL);
	name_is("ShenYi", "ShenYi", NULL);
	name_is("Hu Xianhong", "Hu Xianhong", NULL);
	name_is("**Chu Nan,", "Chu Nan", NULL);
	name_is("A. K. SMITH", "A. K. Smith", NULL);
	name_is("Mr.", NULL, "Mr.");
	name_is("", NULL, NULL);
	name_is("Li\xc2\xa0Yuxiao", "Li Yuxiao", NULL);
	name_is("李玉晓", "李玉晓", NULL);
	name_is("李玉晓，", "李玉晓", NULL);
	name_is("**褚楠、**", "褚楠", NULL);
	name_is("Drew Smith", "Drew Smith", NULL); /* "Dr" only as a whole word */

	igt_date d;
	char buf[64];
	igt_date_init(&d);
	is_int(igt_date_format(&d, buf, sizeof(buf)), 0, "an unknown year formats as nothing");
	d.year = 2018;
	igt_date_format(&d, buf, sizeof(buf));
	is_str(buf, "2018", "year only");
	d.month = 11;
	d.day = 14;
	d.hour = 11;
	d.minute = 20;
	igt_date_format(&d, buf, sizeof(buf));
	is_str(buf, "2018-11-14T11:20", "minutes, no zone");
	d.has_zone = 1;
	d.zone_minutes = 540;
	igt_date_format(&d, buf, sizeof(buf));
	is_str(buf, "2018-11-14T11:20+09:00", "with a zone");
	d.zone_minutes = -210;
	igt_date_format(&d, buf, sizeof(buf));
	is_str(buf, "2018-11-14T11:20-03:30", "a negative half-hour zone");
	is_int(igt_date_format(&d, buf, 5), 0, "a buffer too small writes nothing");
	d.day = 31;
	ok(!igt_date_valid(&d), "14 November has no 31st");
	d.month = 2;
	d.day = 29;
	d.year = 2016;
	ok(igt_date_valid(&d), "29 February 2016 exists");
	d.year = 2018;
	ok(!igt_date_valid(&d), "29 February 2018 does not");

	is_int(igt_month_parse("Mar", 3), 3, "Mar");
	is_int(igt_month_parse("september", 9), 9, "september");
	is_int(igt_month_parse("Sept.", 5), 9, "Sept.");
	is_int(igt_month_parse("Ma", 2), 0, "too short");
	is_int(igt_month_parse("Marc", 4), 0, "not a month");

	int m = 0;
	ok(igt_zone_parse("+0900", 5, &m) == 0 && m == 540, "+0900");
	ok(igt_zone_parse("-05:00", 6, &m) == 0 && m == -300, "-05:00");
	ok(igt_zone_parse("(JST)", 5, &m) == 0 && m == 540, "(JST)");
	ok(igt_zone_parse("CEST", 4, &m) == 0 && m == 120, "CEST");
	is_int(igt_zone_parse("IST", 3, &m), -1, "IST is ambiguous");
	is_int(igt_zone_parse("+9900", 5, &m), -1, "+9900 is impossible");
	is_int(igt_zone_parse("+1500", 5, &m), -1, "+1500 is beyond any zone");

	mail_is("Sat, 24 Mar 2018 13:56:31 +0000", "2018-03-24T13:56:31Z", 0);
	mail_is("Sat Mar 24 13:56:31 UTC 2018", "2018-03-24T13:56:31Z", 0);
	mail_is("Tue, 3 Nov 2015 09:05:00 +0900 (JST)", "2015-11-03T09:05:00+09:00", 0);
	mail_is("3 Nov 15 09:05 -0500", "2015-11-03T09:05-05:00", 0);
	mail_is("Mon, 2 Apr 2001 17:12:44 (CEST)", "2001-04-02T17:12:44+02:00", 0);
	mail_is("Fri, 30 Nov 2001 10:00:00 +9900", "2001-11-30T10:00:00", 1);
	mail_is("Fri, 30 Nov 2001 10:00:00 +9900 (UTC)", "2001-11-30T10:00:00", 1);
	mail_is("Thu Nov 1 08:00:00 IST 2001", "2001-11-01T08:00:00", 1);
	mail_is("Fri, 30 Nov 2001 10:00:00", "2001-11-30T10:00:00", 0);
	mail_is("Mon, 3 Jun 1996 10:00:00 MET DST", "1996-06-03T10:00:00+02:00", 0);
	mail_is("Mon Jun  3 10:00:00 MET DST 1996", "1996-06-03T10:00:00+02:00", 0);
	mail_is("Mon, 3 Jun 1996 10:00:00 +0100 DST", "1996-06-03T10:00:00+01:00", 0);
	mail_is("Mon, 3 Jun 1996 10:00:00 CEST DST", "1996-06-03T10:00:00+02:00", 0);

	/* Dates written with numbers: day first, month first where only that
	 * reading exists, or year first; both readings possible: the year only. */
	static const struct {
		const char *text;
		int rc, y, m, d;
	} nums[] = {
	    {"14/11/2018", 0, 2018, 11, 14}, {"05.06.2013", 0, 2013, 6, 5},
	    {"05/06/2013", 1, 2013, 0, 0},
	    {"5-6-2013", 1, 2013, 0, 0},     {"11/14/2018", 0, 2018, 11, 14},
	    {"06/06/2013", 0, 2013, 6, 6},   {"13.12.2013", 0, 2013, 12, 13},
	    {"2013-10-23", 0, 2013, 10, 23}, {"2013/1/2", 0, 2013, 1, 2},
	    {"31/02/2013", 0, 2013, 2, 31},  {"14/11/18", -1, 0, 0, 0},
	    {"14/11-2018", -1, 0, 0, 0},     {"2013-10", -1, 0, 0, 0},
	    {"0/11/2018", -1, 0, 0, 0},      {"14/11/2018x", -1, 0, 0, 0},
	    {"", -1, 0, 0, 0},
	};
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		igt_date nd;
		int rc = igt_date_parse_numeric(&nd, nums[i].text, strlen(nums[i].text));
		ok(rc == nums[i].rc &&
		       (rc < 0 || (nd.year == nums[i].y && nd.month == nums[i].m && nd.day == nums[i].d)),
		   "numeric date '%s'", nums[i].text);
	}
	mail_is("Sat, 30 Feb 2018 10:00:00 +0000", NULL, 0);
	mail_is("yesterday afternoon", NULL, 0);
	mail_is("", NULL, 0);
	return done_testing();
}
