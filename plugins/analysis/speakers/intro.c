/* SPDX-License-Identifier: MIT */
/*
 * Roles and affiliations that the text itself gives: a participants list
 * in a mail ("Matthew Shears (ICANN Board)" on a line of its own), a
 * moderator introducing someone ("Stephen Anderson of the US State
 * Department"), "moderated by Marilyn Cade", and a speaker's own
 * "My name is Guo Feng" inside the turn of FENG GUO. The patterns are
 * compiled once (PCRE2 with the JIT) and run over each segment once.
 *
 * Only a person the document already names gets an affiliation from the
 * running text (finding new names in prose is the entities plugin's
 * work); a new person is added only from an unmistakable shape: a line
 * that is nothing but a name and a bracket, or "moderated/chaired by NAME".
 * "from India" and "from Europe" are places, not affiliations: a phrase
 * after from/of/at counts only when it reads as an organisation.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "speakers.h"

#define HON "(?:(?:Mr|Ms|Mrs|Dr|Prof|Professor|Madam|Ambassador|H\\.E)\\.?[ \\t]+)?"
/* A capitalised word, or an initial with its dot ("J."); a dot after a
 * longer word ends the sentence, not the name. */
#define WORD "\\p{Lu}(?:[\\p{L}\\p{M}'’-]+|\\.)"
#define NAME HON "(?<name>" WORD "(?:[ \\t]+" WORD "){1,3})"
#define ORGW "[\\p{Lu}\\d][\\p{L}\\p{M}\\d&'’.-]+" /* two characters or more: not "I" */
#define ORG "(?:the[ \\t]+)?" ORGW "(?:[ \\t]+(?:of|for|and|on|in|de|du|the|&|" ORGW ")){0,8}"

enum { P_LINE, P_INLINE, P_ROLE, P_SELF, P_COUNT };

static const char *const patterns[P_COUNT] = {
	/* a paragraph that is only a name and a bracket */
	"^\\s*" NAME "\\s*\\((?<aff>[^()\\n]{1,100})\\)\\s*\\.?\\s*$",
	/* NAME (Org) / NAME from|of|at Org / NAME, a Position at Org */
	NAME "(?:\\s*\\((?<paff>[^()\\n]{2,100})\\)|,?[ \\t]+(?:from|of|at|with)[ \\t]+(?<org>" ORG
	     ")|,[ \\t]+(?:a|an|the)[ \\t]+(?<pos>[\\p{L} -]{2,60}?)[ \\t]+(?:at|of|from)[ \\t]+"
	     "(?<org2>" ORG "))",
	"\\b(?<verb>moderated|chaired|co-chaired|facilitated|hosted)[ \\t]+by[ \\t]+" NAME,
	"\\b(?:[Mm]y[ \\t]+name[ \\t]+is|I[ \\t]+am|I'm|I’m)[ \\t]+" NAME,
};

struct spk_intro {
	pcre2_code *re[P_COUNT];
	/* P_INLINE, P_ROLE and P_SELF compiled anchored: tried only where
	 * plain byte tests say a match can start (a scan that finds no match
	 * would read all the rest of the text) */
	pcre2_code *re_at[P_COUNT];
	pcre2_match_data *md;
};

static pcre2_code *compile(int i, uint32_t opts, char *err, size_t errsz)
{
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)patterns[i], PCRE2_ZERO_TERMINATED,
	                               PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK | opts, &ec, &eo,
	                               NULL);
	if (!re) {
		PCRE2_UCHAR msg[120];
		pcre2_get_error_message(ec, msg, sizeof(msg));
		snprintf(err, errsz, "pattern %d at %zu: %s", i, (size_t)eo, (char *)msg);
		return NULL;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
	return re;
}

spk_intro *spk_intro_new(char *err, size_t errsz)
{
	spk_intro *in = calloc(1, sizeof(*in));
	if (!in)
		abort();
	for (int i = 0; i < P_COUNT; i++) {
		if (!(in->re[i] = compile(i, 0, err, errsz))) {
			spk_intro_free(in);
			return NULL;
		}
	}
	for (int i = P_INLINE; i <= P_SELF; i++) {
		if (!(in->re_at[i] = compile(i, PCRE2_ANCHORED, err, errsz))) {
			spk_intro_free(in);
			return NULL;
		}
	}
	in->md = pcre2_match_data_create(16, NULL);
	return in;
}

void spk_intro_free(spk_intro *in)
{
	if (!in)
		return;
	for (int i = 0; i < P_COUNT; i++) {
		pcre2_code_free(in->re[i]);
		pcre2_code_free(in->re_at[i]);
	}
	pcre2_match_data_free(in->md);
	free(in);
}

/* ---- reading what was matched ---- */

typedef struct cut {
	const char *s;
	size_t len; /* 0 when the group did not take part */
} cut;

static cut group(spk_intro *in, int re, const char *subject, const char *name)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(in->md);
	int n = pcre2_substring_number_from_name(in->re[re], (PCRE2_SPTR)name);
	cut c = {NULL, 0};
	if (n > 0 && ov[2 * n] != PCRE2_UNSET) {
		c.s = subject + ov[2 * n];
		c.len = ov[2 * n + 1] - ov[2 * n];
	}
	return c;
}

static bool has_word(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w);
	for (size_t i = 0; i + n <= len; i++) {
		if ((i == 0 || s[i - 1] == ' ') && strncmp(s + i, w, n) == 0 &&
		    (i + n == len || s[i + n] == ' ' || s[i + n] == ','))
			return true;
	}
	return false;
}

/* Trim spaces and trailing ". , ;" and dangling linking words. */
static cut trim_org(cut c)
{
	static const char *const tail[] = {" of", " for", " and", " on", " in", " the", " &", " de",
	                                   " du"};
	bool again = true;
	while (again && c.len) {
		again = false;
		while (c.len && strchr(" \t.,;", c.s[c.len - 1])) {
			c.len--;
			again = true;
		}
		for (size_t i = 0; i < sizeof(tail) / sizeof(tail[0]); i++) {
			size_t n = strlen(tail[i]);
			if (c.len > n && memcmp(c.s + c.len - n, tail[i], n) == 0) {
				c.len -= n;
				again = true;
			}
		}
	}
	while (c.len && (*c.s == ' ' || *c.s == '\t')) {
		c.s++;
		c.len--;
	}
	return c;
}

static const char *const org_word_list[] = {
		"University", "Universidad", "Université", "Institute", "Institut", "Academy",
		"College", "School", "Department", "Ministry", "Agency", "Association", "Center",
		"Centre", "Council", "Commission", "Committee", "Foundation", "Society", "Forum",
		"Group", "Company", "Corporation", "Inc", "Ltd", "GmbH", "Bank", "Organization",
		"Organisation", "Union", "Network", "Secretariat", "Board", "Office", "Bureau",
		"Authority", "Administration", "Government", "Parliament", "Laboratory", "Lab",
		"Labs", "Project", "Initiative", "Alliance", "Federation", "Coalition", "Trust",
		"Fund", "Registry", "Chamber", "Court", "Consortium", "Services", "Studies",
		"Programme", "Program", "Telecom", "Technologies", "Platform", "Observatory"};

/* Whether s has a word of organisations ("Internet Society"); a word in
 * capitals does not count here ("Markus KUMMER" is a person). */
static bool org_words(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof(org_word_list) / sizeof(org_word_list[0]); i++)
		if (has_word(s, len, org_word_list[i]))
			return true;
	return false;
}

bool spk_intro_is_org(const char *s, size_t len)
{
	/* Acronyms that name countries and regions, not organisations. */
	static const char *const places[] = {"US", "USA", "UK", "EU", "UAE", "PRC", "DRC", "ROK"};
	if (org_words(s, len))
		return true;
	/* A word of two or more capitals (ICANN, ITU, CNNIC) that is no place. */
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && s[j] != ' ')
			j++;
		size_t caps = 0, n = j - i;
		for (size_t k = i; k < j; k++)
			caps += s[k] >= 'A' && s[k] <= 'Z';
		bool place = false;
		for (size_t p = 0; p < sizeof(places) / sizeof(places[0]); p++)
			place |= strlen(places[p]) == n && memcmp(places[p], s + i, n) == 0;
		if (caps >= 2 && caps == n && !place)
			return true;
		i = j + 1;
	}
	return false;
}

/* A bracket after a name that says how someone took part, not where
 * they come from: "(Remote)", "(moderator)" (PART_PRESENT), or that they
 * did not: "(not present)", "(apologies)" (PART_ABSENT). */
enum { PART_NONE, PART_PRESENT, PART_ABSENT };

static int participation(cut c)
{
	static const char *const present[] = {"remote", "remotely", "online", "virtual",
	                                      "in person", "on site", "onsite", "present",
	                                      "moderator", "chair", "co-chair", "rapporteur",
	                                      "speaker", "panelist", "panellist", "observer",
	                                      "host", "remote participant"};
	static const char *const absent[] = {"not present", "absent", "apologies", "excused",
	                                     "unable to attend", "did not attend"};
	for (size_t i = 0; i < sizeof(present) / sizeof(present[0]); i++)
		if (strlen(present[i]) == c.len && strncasecmp(c.s, present[i], c.len) == 0)
			return PART_PRESENT;
	for (size_t i = 0; i < sizeof(absent) / sizeof(absent[0]); i++)
		if (strlen(absent[i]) == c.len && strncasecmp(c.s, absent[i], c.len) == 0)
			return PART_ABSENT;
	return PART_NONE;
}

/* ---- applying what was found ---- */

static void give_affiliation(spk_ctx *c, long e, cut aff)
{
	char *a = igt_strndup(aff.s, aff.len);
	e = spk_identity_root(c, e);
	spk_add_distinct(c->e[e].affiliations, a);
	igt_person *p = c->e[e].doc_index < igt_doc_person_count(c->doc)
	                    ? igt_doc_person_at(c->doc, c->e[e].doc_index)
	                    : NULL;
	if (p && !p->affiliation)
		igt_person_set(c->doc, p, IGT_PERSON_AFFILIATION, a);
	free(a);
}

/* "Milton Mueller, a Professor at …": the position, when none is known. */
static void give_position(spk_ctx *c, long e, cut pos)
{
	e = spk_identity_root(c, e);
	if (!pos.len || c->e[e].doc_index >= igt_doc_person_count(c->doc))
		return;
	igt_person *p = igt_doc_person_at(c->doc, c->e[e].doc_index);
	if (!p->position) {
		char *s = igt_strndup(pos.s, pos.len);
		igt_person_set(c->doc, p, IGT_PERSON_POSITION, s);
		free(s);
	}
}

static void give_role(spk_ctx *c, long e, const char *role)
{
	e = spk_identity_root(c, e);
	if (c->e[e].doc_index < igt_doc_person_count(c->doc))
		igt_person_add_role(c->doc, igt_doc_person_at(c->doc, c->e[e].doc_index), role);
}

/* The person a matched name is, trying it without leading words as well
 * ("Welcome Stephen Anderson" is no one; "Stephen Anderson" is). */
static long known(spk_ctx *c, cut name)
{
	char *s = igt_strndup(name.s, name.len);
	long e = -1;
	for (char *p = s; p && e < 0;) {
		if (strchr(p, ' '))
			e = spk_identity_find(c, p);
		p = strchr(p, ' ');
		if (p)
			while (*p == ' ' || *p == '\t')
				p++;
	}
	free(s);
	return e;
}

/* "Name (Org)" alone on a line: a participants list. A bracket that is
 * neither an organisation nor a way of taking part ("Background Paper
 * (draft)") means the line is no introduction. */
static void line_intro(spk_intro *in, spk_ctx *c, const char *t)
{
	cut name = group(in, P_LINE, t, "name"), aff = trim_org(group(in, P_LINE, t, "aff"));
	int part = participation(aff);
	bool org = part == PART_NONE && spk_intro_is_org(aff.s, aff.len);
	if (org_words(name.s, name.len))
		return; /* "Internet Society (ISOC)": a body and its acronym */
	char *nm = igt_strndup(name.s, name.len);
	long e = spk_identity_find(c, nm);
	if (e < 0 && (org || part != PART_NONE))
		e = spk_identity_add(c, nm, nm, part == PART_ABSENT ? NULL : "participant");
	if (e >= 0 && org)
		give_affiliation(c, e, aff);
	free(nm);
}

/* "IGF 2019", "ICANN 66 in Montreal": a word in capitals and a number. */
static bool meeting(cut org)
{
	size_t i = 0;
	while (i < org.len && org.s[i] >= 'A' && org.s[i] <= 'Z')
		i++;
	return i >= 2 && i + 1 < org.len && org.s[i] == ' ' && org.s[i + 1] >= '0' &&
	       org.s[i + 1] <= '9';
}

/* An organisation ends where its sentence does: at a full stop after a
 * word of four letters or more ("… in Montreal.  Eve Hoe"), not after an
 * abbreviation ("the U.S. Department of Commerce"). */
static void sentence_end(cut *org)
{
	for (size_t i = 4; i + 1 < org->len; i++) {
		if (org->s[i] != '.' || org->s[i + 1] != ' ')
			continue;
		size_t w = i;
		while (w > 0 && org->s[w - 1] != ' ' && org->s[w - 1] != '.')
			w--;
		if (i - w >= 4) {
			org->len = i;
			return;
		}
	}
}

static void inline_intro(spk_intro *in, spk_ctx *c, const char *t)
{
	long e = known(c, group(in, P_INLINE, t, "name"));
	if (e < 0)
		return;
	cut paff = trim_org(group(in, P_INLINE, t, "paff"));
	cut org = trim_org(group(in, P_INLINE, t, "org"));
	cut org2 = trim_org(group(in, P_INLINE, t, "org2"));
	/* "(see ITU report)", "(former ICANN CEO)": a bracket that starts in
	 * lower case is a remark, not an affiliation. */
	if (paff.len && !(paff.s[0] & 0x80) && !(paff.s[0] >= 'A' && paff.s[0] <= 'Z') &&
	    !(paff.s[0] >= '0' && paff.s[0] <= '9'))
		paff.len = 0;
	/* "I met Jane Doe at IGF 2019", "at ICANN 66": at a meeting (an
	 * acronym and its number), not of a body. */
	if (org.len && org.s - t >= 3 && memcmp(org.s - 3, "at ", 3) == 0 && meeting(org))
		org.len = 0;
	sentence_end(&org);
	sentence_end(&org2);
	cut *pick[] = {&paff, &org, &org2};
	for (size_t i = 0; i < 3; i++) {
		if (pick[i]->len && spk_intro_is_org(pick[i]->s, pick[i]->len)) {
			give_affiliation(c, e, *pick[i]);
			if (pick[i] == &org2)
				give_position(c, e, group(in, P_INLINE, t, "pos"));
			return;
		}
	}
}

static void role_intro(spk_intro *in, spk_ctx *c, const char *t)
{
	static const char *const roles[][2] = {{"moderated", "moderator"}, {"chaired", "chair"},
	                                       {"co-chaired", "co-chair"},
	                                       {"facilitated", "facilitator"}, {"hosted", "host"}};
	cut verb = group(in, P_ROLE, t, "verb"), name = group(in, P_ROLE, t, "name");
	const char *role = NULL;
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strlen(roles[i][0]) == verb.len && memcmp(roles[i][0], verb.s, verb.len) == 0)
			role = roles[i][1];
	char *nm = igt_strndup(name.s, name.len);
	long e = spk_identity_find(c, nm);
	if (e < 0)
		spk_identity_add(c, nm, nm, role);
	else
		give_role(c, e, role);
	free(nm);
}

/* "My name is Guo Feng" said by FENG GUO: the same words in another order
 * are that speaker, whatever the family-name list says. */
static void self_intro(spk_intro *in, spk_ctx *c, const char *t, long speaker)
{
	cut name = group(in, P_SELF, t, "name");
	char *nm = igt_strndup(name.s, name.len);
	spk_name said;
	if (speaker >= 0 && spk_name_init(&said, nm, c->fam) == 0) {
		const spk_entry *sp = &c->e[speaker];
		if (sp->has_name && strcmp(said.key, sp->nm.key) != 0 &&
		    spk_name_same_words(&said, &sp->nm)) {
			long other = spk_identity_find(c, nm);
			if (other < 0) /* an alias: the form has no person of its own */
				other = spk_identity_add_alias(c, nm);
			spk_identity_merge(c, other, speaker, 1.0, "self-introduction");
		}
		spk_name_free(&said);
	}
	free(nm);
}

/* ---- where P_INLINE can match ---- */

/* P_INLINE begins with NAME, which the JIT cannot find by its first
 * character (\p{Lu}): on its own it tries the honorifics and a first word
 * at every character of the text. Most of the text cannot hold a match,
 * and plain byte tests tell so: a match is two to five tokens (an
 * honorific and up to four words) separated by spaces or tabs, each
 * beginning with a capital, followed by "(" and a closing bracket, by
 * "from/of/at/with" and an organisation's first letter, or by ", a/an/the",
 * a position and "at/of/from". The tests below are looser than the
 * pattern, never stricter, so the anchored pattern tried only where they
 * pass finds the same matches, in the same order, as a scan of the whole
 * text. */

/* Bytes that can be part of an honorific or a word of NAME: ASCII
 * letters, apostrophe, hyphen, dot, and to be safe every byte of a
 * multibyte character. A token is a run of them that stops before a
 * no-break space (U+00A0), which no word holds and no blank of the
 * pattern is. The table has 0xC2 apart, for that test. */
static const unsigned char name_bytes[256] = {
	['\''] = 1, ['-'] = 1, ['.'] = 1,
	['A'] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['a'] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x80] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* continuation bytes */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* lead bytes; 0xC2: 2 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

static size_t token_end(const unsigned char *s, size_t len, size_t i)
{
	for (; i < len; i++) {
		unsigned char k = name_bytes[s[i]];
		if (k != 1 && (k == 0 || (i + 1 < len && s[i + 1] == 0xA0)))
			break;
	}
	return i;
}

/* A byte that can begin \p{Lu}: A-Z or the lead byte of a multibyte
 * character from U+00C0 on (lead byte 0xC3 or more): U+0080 to U+00BF
 * (lead 0xC2, the no-break space among them) hold no capital. */
static bool upper_byte(unsigned char b)
{
	return (unsigned char)(b - 'A') < 26 || b >= 0xC3;
}

static bool blank(unsigned char b)
{
	return b == ' ' || b == '\t';
}

/* Whether w (then a space or tab) is at s + i. */
static bool word_at(const unsigned char *s, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w);
	return i + n < len && memcmp(s + i, w, n) == 0 && blank(s[i + n]);
}

static size_t skip_blanks(const unsigned char *s, size_t len, size_t i)
{
	while (i < len && blank(s[i]))
		i++;
	return i;
}

/* Bytes of a UTF-8 character by its first byte (1 for a stray byte). */
static size_t char_len(unsigned char b)
{
	return b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
}

/* Whether s[p..e), a token from a capital, can be a WORD: a dot only
 * as an initial's ("J."), never inside or after a longer word. */
static bool word_token(const unsigned char *s, size_t p, size_t e)
{
	const void *dot = memchr(s + p, '.', e - p);
	return !dot || ((const unsigned char *)dot == s + e - 1 && char_len(s[p]) + 1 == e - p);
}

/* Whether s[p..e) can be HON's honorific with its dot ("Dr.", "H.E."). */
static bool dotted_honorific(const unsigned char *s, size_t p, size_t e)
{
	static const char *const hon[] = {"Mr.", "Ms.", "Mrs.", "Dr.", "Prof.", "Professor.",
	                                  "Madam.", "Ambassador.", "H.E", "H.E."};
	for (size_t i = 0; i < sizeof(hon) / sizeof(hon[0]); i++)
		if (strlen(hon[i]) == e - p && memcmp(hon[i], s + p, e - p) == 0)
			return true;
	return false;
}

/* What ORG can begin with at q, after optional "the" and blanks: a
 * capital, a digit or a multibyte character (ORGW's [\p{Lu}\d]). */
static bool org_at(const unsigned char *s, size_t len, size_t q)
{
	if (word_at(s, len, q, "the"))
		q = skip_blanks(s, len, q + 3);
	return q < len && ((unsigned char)(s[q] - 'A') < 26 || (unsigned char)(s[q] - '0') < 10 ||
	                   s[q] >= 0x80);
}

/* After "from/of/at/with" of n bytes at q: blanks and an organisation. */
static bool linked_org(const unsigned char *s, size_t len, size_t q, const char *w)
{
	return word_at(s, len, q, w) && org_at(s, len, skip_blanks(s, len, q + strlen(w)));
}

/* A bracket at q that closes: "(" then two bytes or more without a
 * bracket or a line break, then ")" (paff is 2 to 100 characters, so at
 * most 400 bytes). */
static bool closed_bracket(const unsigned char *s, size_t len, size_t q)
{
	size_t j = q + 1;
	while (j < len && j - q <= 401 && s[j] != '(' && s[j] != ')' && s[j] != '\n')
		j++;
	return j < len && s[j] == ')' && j - q >= 3;
}

/* After ", a/an/the" of n bytes at q: a position of letters, spaces and
 * hyphens (60 characters at most: 240 bytes), then "at/of/from" between
 * blanks and an organisation. */
static bool position_org(const unsigned char *s, size_t len, size_t q, const char *w)
{
	if (!word_at(s, len, q, w))
		return false;
	size_t from = skip_blanks(s, len, q + strlen(w));
	size_t end = len - from > 242 ? from + 242 : len;
	for (size_t i = from; i < end; i++) {
		unsigned char b = s[i];
		if (blank(b)) {
			size_t k = skip_blanks(s, len, i);
			unsigned char c = k < len ? s[k] : 0;
			if ((c == 'a' && linked_org(s, len, k, "at")) ||
			    (c == 'o' && linked_org(s, len, k, "of")) ||
			    (c == 'f' && linked_org(s, len, k, "from")))
				return true;
			i = k - 1;
		} else if (!((unsigned char)((b | 0x20) - 'a') < 26 || b == '-' || b >= 0x80)) {
			return false;
		}
	}
	return false;
}

/* What may follow NAME, for a token ending at e. A Unicode space may
 * stand for the \s before the bracket: then anything may follow. */
static bool after_name(const unsigned char *s, size_t len, size_t e)
{
	size_t q = e;
	while (q < len && (s[q] == ' ' || (s[q] >= '\t' && s[q] <= '\r')))
		q++;
	if (q < len && ((s[q] == '(' && closed_bracket(s, len, q)) || s[q] >= 0x80))
		return true;
	bool comma = e < len && s[e] == ',';
	q = e + comma;
	if (q >= len || !blank(s[q]))
		return false;
	q = skip_blanks(s, len, q);
	switch (q < len ? s[q] : 0) { /* by the first letter: most words are none of these */
	case 'f':
		return linked_org(s, len, q, "from");
	case 'o':
		return linked_org(s, len, q, "of");
	case 'w':
		return linked_org(s, len, q, "with");
	case 'a':
		return linked_org(s, len, q, "at") ||
		       (comma && (position_org(s, len, q, "a") || position_org(s, len, q, "an")));
	case 't':
		return comma && position_org(s, len, q, "the");
	default:
		return false;
	}
}

/* Whether a token ending at e can be the first of a NAME: one to four
 * more capitalised tokens of two bytes or more that can be words, then
 * what follows a NAME. */
static bool name_goes_on(const unsigned char *s, size_t len, size_t e)
{
	for (int k = 2; k <= 5; k++) {
		size_t q = skip_blanks(s, len, e);
		if (q == e || q == len || !upper_byte(s[q]))
			return false;
		e = token_end(s, len, q);
		if (e - q < 2 || !word_token(s, q, e))
			return false;
		if (after_name(s, len, e))
			return true;
	}
	return false;
}

/* Bit 7 of each of 8 bytes set when the byte can begin \p{Lu} (A-Z, or
 * 0xC3 and more): text is mostly lower case, so it is passed over 8
 * bytes at a time. */
static uint64_t upper8(const unsigned char *s)
{
	uint64_t x;
	memcpy(&x, s, sizeof(x));
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t low7 = x & ~high;
	/* per byte, bit 7 of low7 + 0x3F is low7 >= 'A', of low7 + 0x25
	 * low7 > 'Z', of low7 + 0x3D low7 >= 0x43 */
	uint64_t ge_a = low7 + ones * (0x80 - 'A'), gt_z = low7 + ones * (0x7F - 'Z');
	uint64_t ge_c3 = low7 + ones * (0x80 - 0x43);
	return (ge_a & ~gt_z & ~x & high) | (ge_c3 & x & high);
}

/* The first byte from p to len that can begin \p{Lu}, or len. */
static size_t next_upper(const unsigned char *s, size_t len, size_t p)
{
	for (; p + 8 <= len; p += 8) {
		uint64_t m = upper8(s + p);
		if (m) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* the byte at the lowest address is the lowest */
			return p + (size_t)__builtin_ctzll(m) / 8;
#else
			break;
#endif
		}
	}
	while (p < len && !upper_byte(s[p]))
		p++;
	return p;
}

/* The first offset from start where P_INLINE can match, or len: a
 * capital inside a token, two bytes or more before its end, when the
 * token from there can be an honorific or a word and the token can
 * begin a NAME ("McDonald" can match from "D"). Every capital of a token
 * has the same end, so when what follows fails it fails them all. */
static size_t name_start(const char *text, size_t len, size_t start)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t p = start;
	while ((p = next_upper(s, len, p)) < len) {
		size_t e = token_end(s, len, p);
		if (p + 2 <= e && name_goes_on(s, len, e)) {
			for (; p + 2 <= e; p = next_upper(s, e, p + 1))
				if (word_token(s, p, e) || dotted_honorific(s, p, e))
					return p;
		}
		p = e;
	}
	return len;
}

/* Where t, from offset from, holds `first`, one or more blanks (space or
 * tab), then `second`: the offset of `first`, or len. These are the words
 * a pattern needs, blanks as it allows them. The bytes are looked for by
 * a rare one, at k in first and second written together ("edby": 2 is
 * the b): memchr finds it, then a compare; several times quicker than
 * memmem on running text. */
static size_t words_at(const char *t, size_t len, size_t from, const char *first,
                       const char *second, size_t k)
{
	size_t n = strlen(first), n2 = strlen(second);
	char anchor = k < n ? first[k] : second[k - n];
	for (const char *p = t + from; p < t + len && (p = memchr(p, anchor, len - (size_t)(p - t)));
	     p++) {
		size_t at = (size_t)(p - t), i, j, b; /* first at i..j, blanks, second at b */
		if (k < n) {
			if (at < k || (i = at - k) < from || (j = i + n) > len ||
			    memcmp(t + i, first, n) != 0)
				continue;
			for (b = j; b < len && blank((unsigned char)t[b]);)
				b++;
		} else {
			if (at < k - n || (b = at - (k - n)) + n2 > len)
				continue;
			for (j = b; j > from && blank((unsigned char)t[j - 1]);)
				j--;
			if (j < from + n || memcmp(t + (i = j - n), first, n) != 0)
				continue;
		}
		if (b > j && b + n2 <= len && memcmp(t + b, second, n2) == 0)
			return i;
	}
	return len;
}

/* The next character boundary after offset i. */
static size_t next_char(const char *text, size_t len, size_t i)
{
	for (i++; i < len && (text[i] & 0xC0) == 0x80; i++)
		;
	return i;
}

/* The first offset from `from` where P_ROLE can match, or len: a verb
 * of the pattern whose "ed" is followed by blanks and "by". The verbs
 * are tried longest first, so that offsets come in order. */
static size_t role_at(const char *t, size_t len, size_t from)
{
	static const char *const verbs[] = {"facilitated", "co-chaired", "moderated", "chaired",
	                                    "hosted"};
	for (size_t at = from; (at = words_at(t, len, at, "ed", "by", 2)) < len; at++) {
		for (size_t v = 0; v < sizeof(verbs) / sizeof(verbs[0]); v++) {
			size_t n = strlen(verbs[v]) - 2; /* bytes before its "ed" */
			if (at >= from + n && memcmp(t + at - n, verbs[v], n) == 0)
				return at - n;
		}
	}
	return len;
}

/* The first offset from `from` where P_SELF can match, or len: the "I"
 * of "I am", "I'm" or "I’m", or the "my" or "My" before blanks and
 * "name is". */
static size_t self_at(const char *t, size_t len, size_t from)
{
	size_t at = len;
	for (const char *p = t + from; (p = memchr(p, 'I', len - (size_t)(p - t))); p++) {
		size_t i = (size_t)(p - t) + 1, b = i;
		while (b < len && blank((unsigned char)t[b]))
			b++;
		if ((len - i >= 2 && t[i] == '\'' && t[i + 1] == 'm') ||
		    (len - i >= 4 && memcmp(t + i, "\xe2\x80\x99m", 4) == 0) ||
		    (b > i && len - b >= 2 && t[b] == 'a' && t[b + 1] == 'm')) {
			at = i - 1;
			break;
		}
	}
	for (size_t i = from; (i = words_at(t, len, i, "name", "is", 2)) < at; i++) {
		size_t j = i;
		while (j > from && blank((unsigned char)t[j - 1]))
			j--;
		if (j < i && j >= from + 2 && (t[j - 2] == 'M' || t[j - 2] == 'm') && t[j - 1] == 'y')
			return j - 2;
	}
	return at;
}

/* Run pattern re over the whole text, handling each match in turn. */
/* The leftmost match of pattern re in t from start: the anchored
 * pattern at each offset where one can begin, in order. Returns whether
 * there is one (its offsets in in->md). */
static bool next_match(spk_intro *in, int re, const char *t, size_t len, size_t start)
{
	while (start < len) {
		start = re == P_INLINE ? name_start(t, len, start)
		        : re == P_ROLE ? role_at(t, len, start)
		                       : self_at(t, len, start);
		if (start == len)
			return false;
		if (pcre2_match(in->re_at[re], (PCRE2_SPTR)t, len, start, PCRE2_NO_UTF_CHECK, in->md,
		                NULL) > 0)
			return true;
		start = next_char(t, len, start);
	}
	return false;
}

/* Where the next search starts after a match. */
static size_t after_match(spk_intro *in, const char *t, size_t len)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(in->md);
	size_t start = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	while (start < len && (t[start] & 0xC0) == 0x80)
		start++;
	return start;
}

/* Run pattern re over the whole text, handling each match in turn. */
static void each_match(spk_intro *in, spk_ctx *c, int re, const igt_segment *seg, long speaker)
{
	const char *t = seg->text;
	size_t len = seg->text_len;
	for (size_t start = 0; next_match(in, re, t, len, start); start = after_match(in, t, len)) {
		if (re == P_INLINE)
			inline_intro(in, c, t);
		else if (re == P_ROLE)
			role_intro(in, c, t);
		else
			self_intro(in, c, t, speaker);
	}
}

size_t spk_intro_spans(spk_intro *in, int which, bool scan, const char *t, size_t len,
                       size_t *spans, size_t max)
{
	int re = which == 0 ? P_INLINE : which == 1 ? P_ROLE : P_SELF;
	size_t n = 0;
	for (size_t start = 0; start < len; start = after_match(in, t, len)) {
		if (scan ? pcre2_match(in->re[re], (PCRE2_SPTR)t, len, start, PCRE2_NO_UTF_CHECK,
		                       in->md, NULL) <= 0
		         : !next_match(in, re, t, len, start))
			break;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(in->md);
		if (n + 2 <= max) {
			spans[n] = ov[0];
			spans[n + 1] = ov[1];
		}
		n += 2;
	}
	return n;
}

/* Two passes: the first finds the people (a participants list may come
 * after the sentence that gives someone's affiliation), the second reads
 * affiliations of the people known by then. */
void spk_intro_scan(spk_intro *in, spk_ctx *c)
{
	size_t ns = igt_doc_segment_count(c->doc);
	for (size_t i = 0; i < ns; i++) {
		const igt_segment *seg = igt_doc_segment(c->doc, i);
		if (strcmp(seg->type, "non_speech") == 0 || strcmp(seg->type, "heading") == 0)
			continue;
		if (!seg->speaker && seg->text_len < 200 &&
		    pcre2_match(in->re[P_LINE], (PCRE2_SPTR)seg->text, seg->text_len, 0,
		                PCRE2_NO_UTF_CHECK, in->md, NULL) > 0) {
			line_intro(in, c, seg->text);
			continue;
		}
		/* A look for the words first: most segments hold neither shape,
		 * and it is far cheaper than a regex scan of the whole text. */
		const char *t = seg->text;
		size_t n = seg->text_len;
		if (role_at(t, n, 0) < n)
			each_match(in, c, P_ROLE, seg, -1);
		if (seg->speaker && self_at(t, n, 0) < n)
			each_match(in, c, P_SELF, seg, spk_identity_speaker(c, seg->speaker));
	}
	/* The second pass gives only to people already known: a document
	 * that names no one (most plain text) has nothing to gain from it. */
	if (!c->n)
		return;
	for (size_t i = 0; i < ns; i++) {
		const igt_segment *seg = igt_doc_segment(c->doc, i);
		if (strcmp(seg->type, "non_speech") != 0 && strcmp(seg->type, "heading") != 0)
			each_match(in, c, P_INLINE, seg, -1);
	}
}
