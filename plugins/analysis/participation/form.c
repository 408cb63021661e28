/* SPDX-License-Identifier: MIT */
/*
 * The participation measures of a report form, from the fields the
 * igf-report format plugin reads: the answers to "Please estimate the total
 * number of participants" (fields.participants) and "… of women and
 * gender-variant individuals present" (fields.women_participants), the
 * gender question (fields.gender_discussed), and the list of speakers
 * with the gender the 2017 form asked each to state (fields.speakers).
 * Only the answers' text is read (numbers.c says what each number
 * counts): a value that the text does not give stays null.
 */
#include <stdlib.h>
#include <string.h>

#include "participation.h"

bool part_contains(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++) {
		size_t k = 0;
		while (k < n) {
			char c = s[i + k];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c + 32);
			if (c != needle[k])
				break;
			k++;
		}
		if (k == n)
			return true;
	}
	return false;
}

json_t *part_metrics_new(const char *source)
{
	static const char *const keys[] = {
		"participants", "participants_qualifier", "women", "women_qualifier",
		"women_includes_gender_variant", "gender_variant", "women_share",
		"women_share_from", "gender_discussed", "speakers", "speakers_by_gender",
		"unnamed_voices",
	};
	json_t *o = json_object();
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		set(o, keys[i], json_null());
	set(o, "source", json_string(source));
	return o;
}

/* The answer text of a count field ({"value", "unit", "qualifier",
 * "text"}), or of a plain string field; NULL when unanswered. */
static const char *answer_text(json_t *fields, const char *key)
{
	json_t *f = json_object_get(fields, key);
	if (json_is_object(f))
		f = json_object_get(f, "text");
	return json_string_value(f);
}

static const char *label_of(json_t *fields, const char *key)
{
	return json_string_value(json_object_get(json_object_get(fields, "labels"), key));
}

static bool names_variant(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return part_contains(s, n, "variant") || part_contains(s, n, "non-binary") ||
	       part_contains(s, n, "nonbinary") || part_contains(s, n, "gender diverse") ||
	       part_contains(s, n, "gender-diverse");
}

/* A question about gender-variant people rather than about a discussion:
 * the format files any label with "gender" under gender_discussed. */
static bool variant_count_label(const char *label)
{
	return label && names_variant(label) && !part_contains(label, strlen(label), "discuss");
}

static void read_answer(part_answer *a, const char *text)
{
	if (text)
		part_answer_read(a, text, strlen(text));
	else
		a->n = a->n_seen = 0;
}

/* The count of what label names in an answer: the one number labelled so,
 * or, when no number is, the one unlabelled number (an answer to a
 * question that already says what it counts: "Approximately 35"). */
static bool count_of(const part_answer *a, part_label label, bool percent, part_number *out)
{
	if (part_answer_single(a, label, percent, out))
		return true;
	return part_answer_count(a, label) == 0 && part_answer_single(a, LABEL_NONE, percent, out);
}

static void set_count(json_t *m, const char *key, const char *qkey, const part_number *x)
{
	set(m, key, json_integer((json_int_t)x->value));
	if (qkey)
		set(m, qkey, x->qualifier ? json_string(x->qualifier) : json_null());
}

/* A separate question about gender-variant people, as some forms ask it:
 * in fields.other, or read by the format as the gender question because
 * its label says "gender". */
static bool variant_question(json_t *fields, part_number *out)
{
	part_answer a;
	if (variant_count_label(label_of(fields, "gender_discussed"))) {
		read_answer(&a, answer_text(fields, "gender_discussed"));
		if (count_of(&a, LABEL_VARIANT, false, out))
			return true;
	}
	size_t i;
	json_t *q;
	json_array_foreach(json_object_get(fields, "other"), i, q) {
		const char *l = json_string_value(json_object_get(q, "label"));
		if (!l || !names_variant(l) || part_contains(l, strlen(l), "women"))
			continue;
		read_answer(&a, json_string_value(json_object_get(q, "answer")));
		if (count_of(&a, LABEL_VARIANT, false, out))
			return true;
	}
	return false;
}

/* The genders as the form states them, in the categories of the 2017
 * form, in the order they are written out. */
enum gender_cat {
	G_FEMALE,
	G_MALE,
	G_TRANS_FEMALE,
	G_TRANS_MALE,
	G_VARIANT,
	G_NOT_DISCLOSED, /* "prefer not to answer" */
	G_OTHER,         /* anything else stated */
	G_NOT_STATED,
	N_GENDER_CATS
};

static const char *const gender_names[N_GENDER_CATS] = {
	"female", "male", "transgender_female", "transgender_male", "gender_variant",
	"not_disclosed", "other", "not_stated",
};

static bool word_of(const char *low, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(low, list[i]) == 0)
			return true;
	return false;
}

static enum gender_cat gender_category(const char *g)
{
	size_t n = g ? strlen(g) : 0;
	if (!n)
		return G_NOT_STATED;
	bool trans = part_contains(g, n, "trans");
	if (trans && (part_contains(g, n, "female") || part_contains(g, n, "woman")))
		return G_TRANS_FEMALE;
	if (trans && (part_contains(g, n, "male") || part_contains(g, n, "man")))
		return G_TRANS_MALE;
	if (names_variant(g) || part_contains(g, n, "genderqueer"))
		return G_VARIANT;
	if (part_contains(g, n, "prefer not") || part_contains(g, n, "disclos"))
		return G_NOT_DISCLOSED;
	static const char *const female[] = {"female", "f", "woman", NULL};
	static const char *const male[] = {"male", "m", "man", NULL};
	char low[16];
	size_t k = 0;
	for (; k < n && k < sizeof(low) - 1; k++)
		low[k] = (char)(g[k] >= 'A' && g[k] <= 'Z' ? g[k] + 32 : g[k]);
	low[k] = '\0';
	if (word_of(low, female))
		return G_FEMALE;
	if (word_of(low, male))
		return G_MALE;
	return G_OTHER;
}

static bool speaks(const char *role)
{
	static const char *const roles[] = {
		"speaker", "panelist", "panellist", "presenter", "discussant", "keynote", NULL,
	};
	if (!role)
		return true;
	for (size_t i = 0; roles[i]; i++)
		if (part_contains(role, strlen(role), roles[i]))
			return true;
	return false;
}

/* speakers and speakers_by_gender from the speakers' answer: each person
 * listed once (by name as written), moderators listed there left out. */
static void form_speakers(json_t *m, json_t *fields)
{
	json_t *list = json_object_get(fields, "speakers");
	if (!json_is_array(list))
		return;
	const char *label = label_of(fields, "speakers");
	size_t llen = label ? strlen(label) : 0;
	bool asked = part_contains(label, llen, "female") || part_contains(label, llen, "gender");
	size_t by[N_GENDER_CATS] = {0}, speakers = 0, i;
	json_t *p;
	json_array_foreach(list, i, p) {
		if (!speaks(json_string_value(json_object_get(p, "role"))))
			continue;
		const char *name = json_string_value(json_object_get(p, "as_written"));
		bool seen = false;
		for (size_t j = 0; name && j < i && !seen; j++) {
			json_t *q = json_array_get(list, j);
			const char *other = json_string_value(json_object_get(q, "as_written"));
			seen = other && strcmp(other, name) == 0 &&
			       speaks(json_string_value(json_object_get(q, "role")));
		}
		if (seen)
			continue;
		speakers++;
		by[gender_category(json_string_value(json_object_get(p, "gender")))]++;
	}
	set(m, "speakers", json_integer((json_int_t)speakers));
	if (!(speakers > by[G_NOT_STATED] || (asked && speakers)))
		return;
	json_t *o = json_object();
	for (size_t k = 0; k < N_GENDER_CATS; k++)
		if (by[k])
			set(o, gender_names[k], json_integer((json_int_t)by[k]));
	set(m, "speakers_by_gender", o);
}

/* Whether an answer speaks of the speakers ("3 of the 5 speakers were
 * women", "2 women panelists"): its women are not the women present,
 * which is what the question asks and the share divides. */
static bool about_speakers(const char *s)
{
	static const char *const words[] = {"speaker",      "panelist", "panellist",
	                                    "on the panel", "moderator", "presenter",
	                                    "discussant",   "keynote",  NULL};
	for (size_t i = 0; s && words[i]; i++)
		if (part_contains(s, strlen(s), words[i]))
			return true;
	return false;
}

/* women / participants to four decimals. */
static json_t *share(double part, double whole)
{
	return json_real((double)(int64_t)(part / whole * 10000 + 0.5) / 10000);
}

json_t *part_form_metrics(part_gender *g, igt_doc *doc, part_facts *facts)
{
	json_t *fields = igt_doc_fields(doc);
	json_t *m = part_metrics_new("form");
	*facts = (part_facts){.report = true, .gender_discussed = -1};
	part_answer pa, wa;
	read_answer(&pa, answer_text(fields, "participants"));
	read_answer(&wa, answer_text(fields, "women_participants"));
	part_number x, w, pct;

	bool people = count_of(&pa, LABEL_PEOPLE, false, &x);
	if (!people && pa.n_seen == 1 && part_answer_single(&pa, LABEL_PART, false, &x)) {
		/* "About 100 participants online" and nothing else: all of them,
		 * or the part the reporter counted; the total is at least that. */
		x.qualifier = "at least";
		people = true;
	}
	if (people) {
		set_count(m, "participants", "participants_qualifier", &x);
		facts->has_participants = true;
		facts->participants = (int64_t)x.value;
	}
	/* Women from their own answer, else from the participants' answer
	 * ("100 participants, 40 women"); not from one that counts speakers. */
	bool wa_ok = !about_speakers(answer_text(fields, "women_participants"));
	bool pa_ok = !about_speakers(answer_text(fields, "participants"));
	if ((wa_ok && count_of(&wa, LABEL_WOMEN, false, &w)) ||
	    (pa_ok && part_answer_single(&pa, LABEL_WOMEN, false, &w))) {
		set_count(m, "women", "women_qualifier", &w);
		facts->has_women = true;
		facts->women = (int64_t)w.value;
	}
	bool has_pct = (wa_ok && count_of(&wa, LABEL_WOMEN, true, &pct)) ||
	               (pa_ok && part_answer_single(&pa, LABEL_WOMEN, true, &pct));
	const char *wlabel = label_of(fields, "women_participants");
	if (wlabel)
		set(m, "women_includes_gender_variant", json_boolean(names_variant(wlabel)));
	if (part_answer_single(&wa, LABEL_VARIANT, false, &x) ||
	    part_answer_single(&pa, LABEL_VARIANT, false, &x) || variant_question(fields, &x))
		set_count(m, "gender_variant", NULL, &x);

	if (facts->has_women && facts->has_participants && facts->participants > 0 &&
	    facts->women <= facts->participants) {
		set(m, "women_share", share((double)facts->women, (double)facts->participants));
		set(m, "women_share_from", json_string("counts"));
	} else if (!facts->has_women && has_pct && pct.value >= 0 && pct.value <= 100) {
		set(m, "women_share", share(pct.value, 100));
		set(m, "women_share_from", json_string("percent"));
		if (!json_is_string(json_object_get(m, "women_qualifier")) && pct.qualifier)
			set(m, "women_qualifier", json_string(pct.qualifier));
	}
	facts->women_exceeds = facts->has_women && facts->has_participants &&
	                       facts->women > facts->participants;

	if (json_object_get(fields, "gender_discussed") &&
	    !variant_count_label(label_of(fields, "gender_discussed"))) {
		const char *a = answer_text(fields, "gender_discussed");
		facts->gender_discussed = a ? part_gender_discussed(g, a, strlen(a)) : -1;
		if (facts->gender_discussed >= 0)
			set(m, "gender_discussed", json_boolean(facts->gender_discussed == 1));
	}
	form_speakers(m, fields);
	return m;
}
