/* SPDX-License-Identifier: MIT */
/*
 * negation (negation.h). A topic named to say it was not discussed is
 * no sign of the topic: "The discussion did not address cybersecurity,
 * and no one raised content moderation or AI. There was no discussion of
 * data protection." names four topics and is about none of them.
 *
 * Only the sentence of the match is read, and within it only the clause:
 * a denial before the match (a verb of discussion after "did not", "was
 * not", "haven't" …, after nor or nobody, with at most three words
 * between; or "no discussion of" with at most two), none of the words
 * between one that turns the sentence (but, however, although …); or a
 * denial after it ("… was not discussed", "… did not come up") within
 * four words. What is no denial of a discussion: a modal ("we can't
 * address X without Y", "we must not talk about AI as if …"), a degree
 * ("was not discussed enough", "in depth"), something else denied ("It
 * is not possible to secure networks without cybersecurity", "not only
 * cybersecurity": the verb must follow the negation directly, or after
 * one adverb), and a question ("Why did no one mention AI?").
 * English only; byte patterns, compiled once with the JIT.
 *
 * Most matches have no word that may deny near them: tx_negated_next
 * finds those words once per segment, near its matches, and reads a
 * match's sentence only when one is within reach.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <igtext/igtext.h>

#include "negation.h"

#define APOS "(?:'|\\xe2\\x80\\x99)"
#define VERB                                                                                       \
	"(?:discuss\\w*|address\\w*|rais(?:e|ed|es|ing)|cover\\w*|mention\\w*|debat\\w*|"          \
	"consider\\w*|tackl\\w*|explor\\w*|examin\\w*|talk(?:s|ed|ing)?\\s+(?:about|of)|"          \
	"touch(?:es|ed|ing)?\\s+(?:on|upon)|deal(?:s|t|ing)?\\s+with|focus\\w*\\s+on|"             \
	"go(?:es)?\\s+into|went\\s+into|get\\s+into|got\\s+into|bring\\s+up|brought\\s+up)"
#define ADVERB "(?:really|specifically|explicitly|even|yet|directly|much|at\\s+all|properly)"
/* A word that ends the clause a denial reaches over. */
#define TURN "(?:but|however|although|though|whereas|instead|rather|yet|while|except)\\b"

/* A verb of discussion, past or present, not followed by a word of
 * degree: "was not discussed enough" says it was discussed. */
#define NOT_DEGREE                                                                                 \
	"(?!\\s+(?:enough|sufficiently|as\\b|so\\b|in\\s+(?:depth|detail)|much|fully|"             \
	"extensively|at\\s+length|more|further|properly|thoroughly))"
/* "not" and "n't" after an auxiliary of what happened ("did not", "was
 * not", "haven't"): after a modal ("we can't address X without Y",
 * "we must not talk about AI as if …") it denies no discussion. */
#define AUX_NOT                                                                                    \
	"(?:(?<=\\bdid\\s|\\bdo\\s|\\bdoes\\s|\\bwas\\s|\\bwere\\s|\\bis\\s|\\bare\\s|\\bhas\\s|"  \
	"\\bhave\\s|\\bhad\\s)not|(?<=\\bdid|\\bdo|\\bdoes|\\bwas|\\bwere|\\bis|\\bare|\\bhas|"    \
	"\\bhave|\\bhad)n" APOS "t)"

/* From a word that may deny (compiled anchored: it is run at each): the
 * denial, then a few words (none a turn) to the end of the window: up to
 * three after a verb ("no one raised content moderation or AI"), two
 * after "no discussion of". */
static const char before_pattern[] =
    "(?:(?:" AUX_NOT "\\s+(?:" ADVERB "\\s+)?" VERB "|\\bnor\\s+(?:\\w+\\s+){0,2}?" VERB
    "|\\b(?:no\\s*one|no-one|nobody|none\\s+of\\s+(?:us|them|the\\s+\\w+))\\s+"
    "(?:(?:really|even|ever|specifically)\\s+)?" VERB ")" NOT_DEGREE "(?:\\W+(?!" TURN ")[\\w" APOS
    "-]+){0,3}?"
    "|\\bno\\s+(?:\\w+\\s+)?(?:discussion|mention|debate|talk|reference)s?\\s+"
    "(?:of|on|about|around|regarding|to)(?:\\W+(?!" TURN ")[\\w" APOS "-]+){0,2}?)"
    "\\W*$";

/* From the start of the window: up to four words, then the denial. */
static const char after_pattern[] =
    "^(?:\\W+(?!" TURN ")[\\w-]+){0,4}?\\W+"
    "(?:(?:(?:was|were|is|are|has\\s+been|have\\s+been|had\\s+been)\\s+(?:not|never)\\s+"
    "|(?:wasn|weren|isn|aren)" APOS "t\\s+)"
    "(?:" ADVERB "\\s+)?(?:discussed|raised|addressed|covered|mentioned|debated|"
    "touched\\s+(?:on|upon)|talked\\s+about|brought\\s+up|on\\s+the\\s+agenda)" NOT_DEGREE
    "|(?:did\\s+not|didn" APOS "t|never)\\s+(?:really\\s+)?(?:come\\s+up|arise|feature))\\b";

/* A word that may deny: where it begins, and where it ends when it is
 * no denial as a whole ("now", "nothing", "nevertheless"), so that only
 * a window that cuts it short ("no|thing") can read it as one; 0 when it
 * is one ("not", "never", "n't"). */
struct cue {
	size_t at, end;
};

struct tx_negation {
	pcre2_code *before, *after;
	pcre2_match_data *md;
	/* The segment's words that may deny (may_deny), in order, where
	 * tx_negated_next has read: first .. n of them, found before scanned. */
	struct cue *cues;
	size_t first, n, cap, scanned;
};

static pcre2_code *compile(const char *pattern)
{
	int code;
	PCRE2_SIZE at;
	/* Anchored when compiled: pcre2_jit_match ignores it as a match option. */
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	                               PCRE2_CASELESS | PCRE2_ANCHORED, &code, &at, NULL);
	if (re)
		pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* the interpreter runs without */
	return re;
}

tx_negation *tx_negation_new(void)
{
	tx_negation *n = calloc(1, sizeof(*n));
	if (!n)
		abort();
	n->before = compile(before_pattern);
	n->after = compile(after_pattern);
	n->md = pcre2_match_data_create(1, NULL);
	if (!n->before || !n->after || !n->md) {
		tx_negation_free(n);
		return NULL;
	}
	return n;
}

void tx_negation_free(tx_negation *n)
{
	if (!n)
		return;
	pcre2_code_free(n->before);
	pcre2_code_free(n->after);
	pcre2_match_data_free(n->md);
	free(n->cues);
	free(n);
}

/* A byte that ends a sentence or a line: . ! ? ; and newline. */
static bool sentence_end(char c)
{
	/* one test of a bit in a word, where the windows are scanned */
	static const uint64_t ends =
	    1ull << '.' | 1ull << '!' | 1ull << '?' | 1ull << ';' | 1ull << '\n';
	unsigned char u = (unsigned char)c;
	return u < 64 && (ends >> u & 1);
}

/* How far the windows reach: a denial and three words before the match,
 * or four words and a denial after it, fit; a long sentence costs no more
 * than a short one. */
#define BEFORE 100
#define AFTER  72

static bool letter(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static bool word_is(const char *w, size_t n, const char *lower)
{
	size_t i = 0;
	for (; i < n && lower[i]; i++)
		if ((w[i] | 0x20) != lower[i])
			return false;
	return i == n && !lower[i];
}

/* The words that deny. */
static const char *const cues[] = {"not", "no", "nor", "never", "nobody", "none", "noone", NULL};

/* Whether the word of letters at i (cut at b) is one of cues; *end: its
 * end. */
static bool denial_word(const char *text, size_t i, size_t b, size_t *end)
{
	size_t e = i + 1;
	while (e < b && letter((unsigned char)text[e]))
		e++;
	*end = e;
	for (size_t k = 0; cues[k]; k++)
		if (word_is(text + i, e - i, cues[k]))
			return true;
	return false;
}

/* The first word at or after i, before b, that may deny: not, no, nor,
 * never, nobody, none, noone, or the n of n't ("didn't"); b when there is
 * none. Every one has an n, so only the n's are looked at: most windows
 * have none of these words, and this look costs far less than a pattern. */
static size_t next_cue(const char *text, size_t i, size_t b)
{
	for (; i < b; i++) {
		if ((text[i] | 0x20) != 'n')
			continue;
		bool inside = i > 0 && letter((unsigned char)text[i - 1]);
		if (inside && i + 2 < b &&
		    (text[i + 1] == '\'' || (unsigned char)text[i + 1] == 0xe2))
			return i;
		if (inside)
			continue;
		size_t e;
		if (denial_word(text, i, b, &e))
			return i;
		i = e;
	}
	return b;
}

bool tx_negated(tx_negation *n, const char *text, size_t len, size_t start, size_t end)
{
	size_t b = end;
	while (b < len && b - end < AFTER && !sentence_end(text[b]))
		b++;
	if (b < len && text[b] == '?')
		return false; /* "Why did no one mention AI?" asks */
	size_t a = start;
	while (a > 0 && start - a < BEFORE && !sentence_end(text[a - 1]))
		a--;
	/* The window starts at a, so that \b and the look-behinds see the
	 * bytes before a cue. */
	for (size_t c = next_cue(text, a, start); c < start; c = next_cue(text, c + 1, start))
		if (pcre2_match(n->before, (PCRE2_SPTR)(text + a), start - a, c - a, 0, n->md,
		                NULL) >= 0)
			return true;
	return b > end && next_cue(text, end, b) < b &&
	       pcre2_match(n->after, (PCRE2_SPTR)(text + end), b - end, 0, 0, n->md, NULL) >= 0;
}

/* Whether next_cue may stop at i, in any window: an n that begins a word
 * beginning with "no" or "never", or the n of n't. *end: 0 when it does
 * in every window that holds the word, else the word's end (see struct
 * cue). */
static bool may_deny(const char *text, size_t i, size_t len, size_t *end)
{
	*end = 0;
	if (i + 1 >= len)
		return false;
	if (i > 0 && letter((unsigned char)text[i - 1]))
		return text[i + 1] == '\'' || (unsigned char)text[i + 1] == 0xe2;
	if ((text[i + 1] | 0x20) != 'o' && !(len - i >= 5 && word_is(text + i, 5, "never")))
		return false;
	size_t e;
	if (!denial_word(text, i, len, &e))
		*end = e;
	return true;
}

/* Whether cue c may be read as a denial by a window of the match
 * [start, end): always when it is a denial word, else only when a window
 * cuts it short: the match begins inside it, or the window after the
 * match ends inside it (it reaches AFTER bytes at most; a sentence ends
 * at no letter). */
static bool may_read(const struct cue *c, size_t start, size_t end)
{
	if (!c->end)
		return true;
	return c->at < start ? start < c->end : c->end > end + AFTER;
}

void tx_negation_segment(tx_negation *n)
{
	n->first = n->n = n->scanned = 0;
}

/* The first n or N in text[i, to), or to. Eight bytes at a time (an n is
 * one letter in fifteen): a byte of x that is n or N is 0 in v, and the
 * lowest byte that the test flags is the first such byte. */
static size_t next_n(const char *text, size_t i, size_t to)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	for (; i + 8 <= to; i += 8) {
		uint64_t x;
		memcpy(&x, text + i, 8);
		uint64_t v = (x | 0x20 * ones) ^ ('n' * ones);
		uint64_t zero = (v - ones) & ~v & highs;
		if (zero)
			return i + (size_t)__builtin_ctzll(zero) / 8;
	}
	while (i < to && (text[i] | 0x20) != 'n')
		i++;
	return i;
}

bool tx_negated_next(tx_negation *n, const char *text, size_t len, size_t start, size_t end)
{
	/* where tx_negated's windows can reach: starts do not decrease, so
	 * neither does from, and what lies before it is not needed again */
	size_t from = start > BEFORE ? start - BEFORE : 0;
	size_t to = len - end > AFTER ? end + AFTER : len;
	for (size_t i = next_n(text, n->scanned > from ? n->scanned : from, to); i < to;
	     i = next_n(text, i + 1, to)) {
		size_t word_end;
		if (!may_deny(text, i, len, &word_end))
			continue;
		igt_array_grow((void **)&n->cues, &n->cap, n->n + 1, sizeof(struct cue));
		n->cues[n->n++] = (struct cue){i, word_end};
	}
	if (to > n->scanned)
		n->scanned = to;
	while (n->first < n->n && n->cues[n->first].at < from)
		n->first++;
	for (size_t k = n->first; k < n->n && n->cues[k].at < to; k++)
		if ((n->cues[k].at < start || n->cues[k].at >= end) &&
		    may_read(&n->cues[k], start, end))
			return tx_negated(n, text, len, start, end);
	return false; /* no word near it may deny */
}
