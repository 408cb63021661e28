/* SPDX-License-Identifier: MIT */
/*
 * Reading the answer to the report forms' gender question ("To what
 * extent did the session discuss gender issues, and if to any extent,
 * what was the discussion?") as yes, no or unknown, from what it says
 * rather than from its presence: "No discussion related to gender issues."
 * is an answer, and it says no.
 *
 * The answer is cut into clauses at sentence punctuation and at words that
 * turn an answer around (but, however, although, except, only …), and
 * each clause is read on its own, in this order:
 *
 *   composition  it speaks of the panel's make-up, not of a discussion
 *                ("the panel was gender balanced", "two of the speakers
 *                were women") and has no verb of discussion: says nothing;
 *   negative     it denies a discussion ("No", "None", "N/A", "Not
 *                discussed", "gender was not the focus", "there was no
 *                specific discussion"), or it or the clause before ends
 *                in a dangling "not" ("Gender has not, however, been …";
 *                but "No, but a speaker noted …" is no such thing);
 *   positive     it affirms one ("Yes", "Briefly", "To some extent") or
 *                speaks of gender, women, girls, LGBT … without denying;
 *   else         it says nothing (a topic that is not gender).
 *
 * The answer is yes when any clause is positive ("No specific discussion,
 * but one speaker noted that women …"), else no when any is negative
 * ("The panel was balanced, but gender was not discussed"), else unknown.
 * An empty answer, punctuation alone, or "unknown", "not sure", "TBD" are
 * unknown. English only. PCRE2 patterns, compiled once with the JIT.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "participation.h"

/* The verbs that say something was discussed. */
#define DISCUSS                                                                              \
	"(?:discuss\\w*|address\\w*|rais(?:e|ed|es|ing)|mention\\w*|not(?:e|ed|es|ing)|"        \
	"stress\\w*|highlight\\w*|emphasi[sz]\\w*|point(?:ed|s)?\\s+out|argu\\w*|said|says|"    \
	"talk\\w*|touch\\w*|focus\\w*|consider\\w*|explor\\w*|debat\\w*|call(?:ed|s)?\\s+for|" \
	"underlin\\w*|recogni[sz]\\w*|acknowledg\\w*|suggest\\w*|shared|presented|"            \
	"spoke\\s+(?:about|of)|"                                                                 \
	"asked|agreed|referr\\w*|examin\\w*|cover\\w*|dealt|deal(?:s|ing)?\\s+with|tackl\\w*|" \
	"observed|remarked|expressed|recommend\\w*|propos\\w*|describ\\w*|explain\\w*|"       \
	"reported|identified|concluded|comment\\w*|reflect\\w*|brought\\s+up|came\\s+up|"    \
	"come\\s+up|emerg\\w*|arose|arise\\w*)"

/* What a denial may deny. */
#define DENIED                                                                                 \
	"(?:" DISCUSS "|the\\s+(?:focus|topic|subject|main)|an?\\s+(?:topic|focus|theme|subject|" \
	"issue|part|concern|priority)|part\\s+of|relevant|applicable|specific\\w*|direct\\w*|"   \
	"explicit\\w*|really|much|at\\s+all|on\\s+the\\s+agenda|includ\\w*|about|"        \
	"related|connected|linked|within|[\\w]+-(?:focused|related|specific|oriented|centred|" \
	"centered|sensitive))"

#define GROUP                                                                                \
	"(?:panel\\w*|speakers?|moderators?|participants|attendees|audience|organi[sz]ers?|"   \
	"chairs?|presenters?|line-?up|rapporteurs?|discussants?|present|attend\\w*|"             \
	"participation|turnout|"                                                                  \
	"represent\\w*)"

#define MAKEUP "(?:balanc\\w*|parity|divers\\w*|women|woman|female|females|males?|men|ladies)"

enum pattern {
	P_UNKNOWN,
	P_SPLIT,
	P_COMPOSITION,
	P_DISCUSS,
	P_NEGATIVE,
	P_DANGLING,
	P_AFFIRM,
	P_GENDER,
	P_WORDS,
	P_BARE_NO,
	P_FUTURE,
	N_PATTERNS
};

static const char *const patterns[N_PATTERNS] = {
	[P_UNKNOWN] = "^\\W*(?:unknown|not\\s+known|n/?k|don[’']?t\\s+know|do\\s+not\\s+know|"
	              "not\\s+sure|unsure|unclear|tb[cd]|to\\s+be\\s+(?:confirmed|determined)|"
	              "not\\s+recorded|no\\s+(?:answer|response|information|data))\\W*$",
	[P_SPLIT] = "[.;:!?\\n]+|\\b(?:but(?!\\s+also\\b)|however|although|though|except|"
	            "whereas|nevertheless|nonetheless|(?<!not\\s)only|apart\\s+from|"
	            "aside\\s+from|other\\s+than|instead)\\b",
	[P_COMPOSITION] = "\\b" GROUP "\\b.*\\b" MAKEUP "\\b|\\b" MAKEUP "\\b.*\\b" GROUP "\\b|"
	                  "\\bgender[-\\s]+balanced?\\b",
	[P_DISCUSS] = "\\b" DISCUSS "\\b",
	[P_NEGATIVE] = "^\\W*(?:no|none|nil|nothing|not(?!\\s+only\\b)|never|neither|nor|nope|"
	               "n/?a)\\b|"
	               "\\bnot\\s+(?!only\\b)(?:\\w+\\s+){0,3}?" DENIED "\\b|"
	               "\\w+n[’']t\\s+(?:\\w+\\s+){0,3}?" DENIED "\\b|"
	               "\\bno\\s+(?:\\w+\\s+){0,2}?(?:discussion|mention|reference|debate|focus|"
	               "talk|conversation|specific|particular|direct|explicit|gender|time)\\b|"
	               "\\bnothing\\s+(?:specific|particular|on|about|related|was|"
	               "in\\s+particular)\\b|"
	               "\\bwithout\\s+(?:any\\s+)?(?:discussion|mention|reference)\\b|\\bnever\\b|"
	               "\\b(?:nobody|no\\s+one|no-one)\\s+(?:\\w+\\s+){0,2}?(?:" DISCUSS "|gender)\\b|"
	               "\\b(?:unrelated|irrelevant)\\s+(?:to\\s+)?(?:\\w+\\s+){0,2}?gender|"
	               "\\b(?:was|were|is|are|fell|falls)\\s+(?:\\w+\\s+)?(?:outside|beyond)\\s+"
	               "(?:the\\s+|its\\s+|our\\s+)?(?:scope|remit|focus)\\b",
	/* After another word: a bare "No, but …" answers, it denies nothing. */
	[P_DANGLING] = "(?:\\w\\W+(?:not|no|never)|\\wn[’']t)\\W*$",
	[P_AFFIRM] = "^\\W*(?:yes|yeah|yep|indeed|absolutely|definitely|certainly|"
	             "to\\s+(?:some|an?(?:\\s+\\w+)?)\\s+(?:extent|degree)|briefly|partly|"
	             "partially|somewhat|in\\s+part|extensively|indirectly|slightly|a\\s+little|"
	             "a\\s+bit|marginally|implicitly|substantially|considerably|significantly|"
	             "moderately|minimally|throughout|"
	             "it\\s+was\\s+(?:discussed|addressed|raised|mentioned))\\b",
	[P_GENDER] = "\\b(?:gender\\w*|women|woman|girls?|female|females|feminis\\w*|lgbt\\w*|"
	             "queer|transgender|non-?binary|sexual\\s+orientation|sexis[mt]\\w*|"
	             "misogyn\\w*|patriarch\\w*|maternity|men\\s+and\\s+women|sex\\s+equality)",
	[P_WORDS] = "\\w",
	/* The answer "No" and nothing else in its clause. */
	[P_BARE_NO] = "^\\W*(?:no|nope|not\\s+really|none|n/?a)\\W*$",
	/* What should, will or is hoped to happen: no discussion that was. */
	[P_FUTURE] = "\\b(?:should|will|would|shall|hopes?|hoped|hoping|plans?|planned|"
	             "intends?|intended|next\\s+(?:year|time|session|edition)|in\\s+(?:the\\s+)?"
	             "future|future\\s+(?:sessions?|editions?|meetings?)|going\\s+forward)\\b",
};

struct part_gender {
	pcre2_code *re[N_PATTERNS];
	pcre2_match_data *md;
};

void part_gender_free(part_gender *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < N_PATTERNS; i++)
		pcre2_code_free(g->re[i]);
	pcre2_match_data_free(g->md);
	free(g);
}

part_gender *part_gender_new(char *err, size_t err_size)
{
	part_gender *g = calloc(1, sizeof(*g));
	if (!g)
		abort();
	for (size_t i = 0; i < N_PATTERNS; i++) {
		int code;
		PCRE2_SIZE at;
		g->re[i] = pcre2_compile((PCRE2_SPTR)patterns[i], PCRE2_ZERO_TERMINATED,
		                         PCRE2_CASELESS | PCRE2_UTF, &code, &at, NULL);
		if (!g->re[i]) {
			PCRE2_UCHAR msg[200];
			pcre2_get_error_message(code, msg, sizeof(msg));
			snprintf(err, err_size, "gender pattern %zu, offset %zu: %s", i, (size_t)at,
			         (const char *)msg);
			part_gender_free(g);
			return NULL;
		}
		pcre2_jit_compile(g->re[i], PCRE2_JIT_COMPLETE); /* the interpreter runs without */
	}
	g->md = pcre2_match_data_create(4, NULL);
	if (!g->md)
		abort();
	return g;
}

static bool found(part_gender *g, enum pattern p, const char *s, size_t len)
{
	return pcre2_match(g->re[p], (PCRE2_SPTR)s, len, 0, 0, g->md, NULL) >= 0;
}

enum clause { C_NOTHING, C_NEGATIVE, C_POSITIVE };

static enum clause read_clause(part_gender *g, const char *s, size_t len, bool negated)
{
	if (!found(g, P_WORDS, s, len))
		return C_NOTHING;
	bool discuss = found(g, P_DISCUSS, s, len);
	if (!discuss && found(g, P_COMPOSITION, s, len))
		return C_NOTHING;
	if (negated || found(g, P_NEGATIVE, s, len) || found(g, P_DANGLING, s, len))
		return C_NEGATIVE;
	if (found(g, P_AFFIRM, s, len) || found(g, P_GENDER, s, len))
		return C_POSITIVE;
	return C_NOTHING;
}

/* At most three words. */
static bool short_clause(const char *s, size_t n)
{
	size_t words = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t'))
			words++;
	return words <= 3;
}

int part_gender_discussed(part_gender *g, const char *answer, size_t len)
{
	if (!answer || !found(g, P_WORDS, answer, len) || found(g, P_UNKNOWN, answer, len))
		return -1;
	bool negative = false, negated = false, bare_no = false;
	size_t start = 0;
	while (start <= len) {
		size_t end = len, next = len + 1;
		int rc =
		    pcre2_match(g->re[P_SPLIT], (PCRE2_SPTR)answer, len, start, 0, g->md, NULL);
		if (rc >= 0) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(g->md);
			end = ov[0];
			next = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
		}
		/* "Gender: not discussed", "Gender issues: none": a short
		 * clause before a colon is the answer's label, not a claim. */
		bool label = end < len && answer[end] == ':' && short_clause(answer + start, end - start);
		enum clause c = label ? C_NOTHING : read_clause(g, answer + start, end - start, negated);
		/* "No, but gender should be considered next year": after a bare
		 * No, a wish for later turns nothing around. */
		if (c == C_POSITIVE && bare_no && found(g, P_FUTURE, answer + start, end - start))
			c = C_NOTHING;
		if (c == C_POSITIVE)
			return 1;
		if (c == C_NEGATIVE)
			negative = true;
		/* "Gender has not, however, been …": a clause ending in a bare
		 * "not" denies the next one too. Clauses without words
		 * ("e.g." cut at its dots) leave the state as it was. */
		if (found(g, P_WORDS, answer + start, end - start)) {
			negated = found(g, P_DANGLING, answer + start, end - start);
			bare_no = found(g, P_BARE_NO, answer + start, end - start);
		}
		start = next;
	}
	return negative ? 0 : -1;
}
