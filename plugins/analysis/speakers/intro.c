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
#define _GNU_SOURCE /* memmem */
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
	pcre2_match_data *md;
};

spk_intro *spk_intro_new(char *err, size_t errsz)
{
	spk_intro *in = calloc(1, sizeof(*in));
	if (!in)
		abort();
	for (int i = 0; i < P_COUNT; i++) {
		int ec;
		PCRE2_SIZE eo;
		in->re[i] = pcre2_compile((PCRE2_SPTR)patterns[i], PCRE2_ZERO_TERMINATED,
		                          PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &ec, &eo, NULL);
		if (!in->re[i]) {
			PCRE2_UCHAR msg[120];
			pcre2_get_error_message(ec, msg, sizeof(msg));
			snprintf(err, errsz, "pattern %d at %zu: %s", i, (size_t)eo, (char *)msg);
			spk_intro_free(in);
			return NULL;
		}
		pcre2_jit_compile(in->re[i], PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
	}
	in->md = pcre2_match_data_create(16, NULL);
	return in;
}

void spk_intro_free(spk_intro *in)
{
	if (!in)
		return;
	for (int i = 0; i < P_COUNT; i++)
		pcre2_code_free(in->re[i]);
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

bool spk_intro_is_org(const char *s, size_t len)
{
	static const char *const words[] = {
		"University", "Universidad", "Université", "Institute", "Institut", "Academy",
		"College", "School", "Department", "Ministry", "Agency", "Association", "Center",
		"Centre", "Council", "Commission", "Committee", "Foundation", "Society", "Forum",
		"Group", "Company", "Corporation", "Inc", "Ltd", "GmbH", "Bank", "Organization",
		"Organisation", "Union", "Network", "Secretariat", "Board", "Office", "Bureau",
		"Authority", "Administration", "Government", "Parliament", "Laboratory", "Lab",
		"Labs", "Project", "Initiative", "Alliance", "Federation", "Coalition", "Trust",
		"Fund", "Registry", "Chamber", "Court", "Consortium", "Services", "Studies",
		"Programme", "Program", "Telecom", "Technologies", "Platform", "Observatory"};
	/* Acronyms that name countries and regions, not organisations. */
	static const char *const places[] = {"US", "USA", "UK", "EU", "UAE", "PRC", "DRC", "ROK"};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (has_word(s, len, words[i]))
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
	char *nm = igt_strndup(name.s, name.len);
	long e = spk_identity_find(c, nm);
	if (e < 0 && (org || part != PART_NONE))
		e = spk_identity_add(c, nm, nm, part == PART_ABSENT ? NULL : "participant");
	if (e >= 0 && org)
		give_affiliation(c, e, aff);
	free(nm);
}

static void inline_intro(spk_intro *in, spk_ctx *c, const char *t)
{
	long e = known(c, group(in, P_INLINE, t, "name"));
	if (e < 0)
		return;
	cut paff = trim_org(group(in, P_INLINE, t, "paff"));
	cut org = trim_org(group(in, P_INLINE, t, "org"));
	cut org2 = trim_org(group(in, P_INLINE, t, "org2"));
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

/* Run pattern re over the whole text, calling fn at each match. */
static void each_match(spk_intro *in, spk_ctx *c, int re, const igt_segment *seg, long speaker)
{
	PCRE2_SIZE start = 0;
	while (start < seg->text_len &&
	       pcre2_match(in->re[re], (PCRE2_SPTR)seg->text, seg->text_len, start,
	                   PCRE2_NO_UTF_CHECK, in->md, NULL) > 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(in->md);
		if (re == P_INLINE)
			inline_intro(in, c, seg->text);
		else if (re == P_ROLE)
			role_intro(in, c, seg->text);
		else
			self_intro(in, c, seg->text, speaker);
		start = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		while (start < seg->text_len && (seg->text[start] & 0xC0) == 0x80)
			start++;
	}
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
		/* memmem first: most segments hold neither shape, and it is far
		 * cheaper than a regex scan of the whole text. */
		if (memmem(seg->text, seg->text_len, "ed by", 5))
			each_match(in, c, P_ROLE, seg, -1);
		if (seg->speaker && (memmem(seg->text, seg->text_len, "name is", 7) ||
		                     memmem(seg->text, seg->text_len, "I am", 4) ||
		                     memmem(seg->text, seg->text_len, "I'm", 3) ||
		                     memmem(seg->text, seg->text_len, "I’m", 5)))
			each_match(in, c, P_SELF, seg, spk_identity_speaker(c, seg->speaker));
	}
	for (size_t i = 0; i < ns; i++) {
		const igt_segment *seg = igt_doc_segment(c->doc, i);
		if (strcmp(seg->type, "non_speech") != 0 && strcmp(seg->type, "heading") != 0)
			each_match(in, c, P_INLINE, seg, -1);
	}
}
