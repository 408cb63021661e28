/* SPDX-License-Identifier: MIT */
/*
 * literal: required literals of a pattern (see literal.h).
 *
 * Each piece of the pattern is summed up as one of:
 *   EXACT  it matches exactly one of a few strings of [a-z0-9] ("cyber";
 *          "ip6" and "ipv6" for ipv?6; "3g", "4g", "5g" for [345]g; the
 *          empty string for ^ and lookarounds, and a boundary mark for
 *          \b, which consume nothing);
 *   REQ    each of its matches contains a string of each of a few sets
 *          (clauses), kept best first;
 *   ANY    nothing is known (a class, a dot, a space, a hyphen, \w …).
 * A sequence multiplies out its runs of EXACT pieces and gathers every
 * clause it meets, keeping the best (those whose weakest string is
 * longest: rarer in text). Alternatives join their EXACT sets; otherwise
 * the n-th clause of the whole is the union of the n-th clauses of the
 * alternatives (any such union is implied by the alternation). One ANY
 * alternative makes the whole ANY; a quantifier with a minimum of 0 makes
 * its item optional.
 *
 * Beside, each piece keeps the strings its matches begin with: those of
 * an EXACT piece, the leading EXACT run of a sequence (multiplied by the
 * beginnings of the next piece), the union of the alternatives'.
 */
#include <string.h>

#include "literal.h"

#define MAX_DEPTH 32
#define MAX_CLASS 8 /* a class of this many letters or digits at most is a set of strings */
#define K         TX_LIT_MAX_CLAUSES

enum { L_ANY, L_EXACT, L_REQ };

typedef tx_lit_clause strset;

typedef struct lset {
	int kind;
	strset exact; /* L_EXACT: also what every match begins with */
	size_t nc;    /* L_REQ: clauses, best first */
	strset c[K];
	bool has_pre; /* L_REQ: every match begins with a string of pre */
	strset pre;
	/* Made optional by a quantifier (x?, (…)*): 1 when what it began
	 * with is in opt_pre, 2 when that is unknown. */
	int optional;
	strset opt_pre;
	/* ANY that matches one character or more, none of them a word
	 * character (\s, a hyphen, [\s-]+): the letters on either side of it
	 * are at word boundaries. */
	bool nonword;
} lset;

typedef struct lparse {
	const char *p, *end;
	bool utf;
	bool bail; /* something not understood: the whole pattern gets no literals */
	int depth;
} lparse;

static void set_any(lset *x)
{
	x->kind = L_ANY;
	x->nc = 0;
	x->has_pre = false;
	x->optional = 0;
	x->nonword = false;
}

static void set_exact(lset *x, const char *s)
{
	set_any(x); /* no flags */
	x->kind = L_EXACT;
	x->exact.n = 1;
	memcpy(x->exact.s[0], s, strlen(s) + 1); /* s is at most two bytes here */
}

static bool ss_has(const strset *x, const char *s)
{
	for (size_t i = 0; i < x->n; i++)
		if (!strcmp(x->s[i], s))
			return true;
	return false;
}

/* Add s (cut to TX_LIT_MAX_LEN; *cut set when it was) unless present.
 * false when the set is full. */
static bool ss_add(strset *x, const char *s, bool *cut)
{
	char tmp[TX_LIT_MAX_LEN + 1];
	size_t len = strlen(s);
	if (len > TX_LIT_MAX_LEN) {
		len = TX_LIT_MAX_LEN;
		*cut = true;
	}
	memcpy(tmp, s, len);
	tmp[len] = 0;
	if (ss_has(x, tmp))
		return true;
	if (x->n == TX_LIT_MAX_SET)
		return false;
	memcpy(x->s[x->n++], tmp, len + 1);
	return true;
}

/* a := every string of a followed by every string of b. false when that
 * does not fit (too many strings, or too long). */
static bool ss_cross(strset *a, const strset *b)
{
	strset r = {0};
	bool cut = false;
	for (size_t i = 0; i < a->n; i++) {
		for (size_t j = 0; j < b->n; j++) {
			char buf[2 * TX_LIT_MAX_LEN + 1];
			size_t la = strlen(a->s[i]), lb = strlen(b->s[j]);
			memcpy(buf, a->s[i], la);
			if (la && lb && buf[la - 1] == TX_LIT_BOUNDARY &&
			    b->s[j][0] == TX_LIT_BOUNDARY)
				la--; /* \b\b is \b */
			memcpy(buf + la, b->s[j], lb + 1);
			if (!ss_add(&r, buf, &cut) || cut)
				return false;
		}
	}
	*a = r;
	return true;
}

/* a := a ∪ b; false when that does not fit. */
static bool ss_union(strset *a, const strset *b, bool *cut)
{
	for (size_t i = 0; i < b->n; i++)
		if (!ss_add(a, b->s[i], cut))
			return false;
	return true;
}

/* Whether clause a implies clause b: each of a's strings contains one of
 * b's, so a text with a string of a has one of b. */
static bool implies(const strset *a, const strset *b)
{
	for (size_t i = 0; i < a->n; i++) {
		bool one = false;
		for (size_t k = 0; k < b->n && !one; k++)
			one = strstr(a->s[i], b->s[k]) != NULL;
		if (!one)
			return false;
	}
	return true;
}

/* Letters and digits in s (not counting boundary marks). */
static size_t text_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s != TX_LIT_BOUNDARY;
	return n;
}

/* How selective a clause is: its weakest string's letters, a boundary
 * mark counting a quarter of one (a word that must stand alone is rarer);
 * 0 when it holds a string without letters (it requires nothing). */
static size_t string_quality(const char *s)
{
	size_t t = text_len(s);
	return t ? 4 * t + (strlen(s) - t) : 0;
}

static size_t quality(const strset *x)
{
	size_t m = x->n ? (size_t)-1 : 0;
	for (size_t i = 0; i < x->n; i++) {
		size_t q = string_quality(x->s[i]);
		if (q < m)
			m = q;
	}
	return m;
}

/* Whether a is a better clause than b. */
static bool better(const strset *a, const strset *b)
{
	size_t qa = quality(a), qb = quality(b);
	return qa > qb || (qa == qb && a->n < b->n);
}

/* Add clause c to x (a REQ, or ANY becoming one), keeping the K best.
 * A clause that one of x's implies adds nothing ("internet" beside
 * "⊢internet"), and one that c implies goes: the K places are kept for
 * clauses that each require something more ("⊢crime" in
 * "\b(?:internet|online|computer)\s+crimes?\b"). */
static void req_add(lset *x, const strset *c)
{
	if (quality(c) == 0)
		return;
	if (x->kind != L_REQ) {
		x->kind = L_REQ;
		x->nc = 0;
	}
	for (size_t i = 0; i < x->nc; i++)
		if (implies(&x->c[i], c))
			return;
	size_t at = x->nc;
	while (at > 0 && better(c, &x->c[at - 1]))
		at--;
	if (at >= K)
		return;
	size_t last = x->nc < K ? x->nc : K - 1;
	memmove(&x->c[at + 1], &x->c[at], (last - at) * sizeof(strset));
	x->c[at] = *c;
	if (x->nc < K)
		x->nc++;
	size_t kept = 0;
	for (size_t i = 0; i < x->nc; i++)
		if (i == at || !implies(c, &x->c[i]))
			x->c[kept++] = x->c[i];
	x->nc = kept;
}

/* Add everything item requires to x. */
static void req_add_all(lset *x, const lset *item)
{
	if (item->kind == L_EXACT)
		req_add(x, &item->exact);
	for (size_t i = 0; item->kind == L_REQ && i < item->nc; i++)
		req_add(x, &item->c[i]);
}

/* What every match of x begins with, or NULL. */
static const strset *prefix_of(const lset *x)
{
	return x->kind == L_EXACT ? &x->exact : x->kind == L_REQ && x->has_pre ? &x->pre : NULL;
}

static void set_prefix(lset *x, const strset *pre)
{
	x->has_pre = pre && x->kind == L_REQ;
	if (x->has_pre)
		x->pre = *pre;
}

static const strset boundary_mark = {1, {{TX_LIT_BOUNDARY, 0}}};

/* What an item's matches begin with: its beginnings, or for one that
 * matches only characters that are not word characters ([\s-]+), the
 * word boundary before them; NULL when that is not known. */
static const strset *beginning_of(const lset *x)
{
	return x->kind == L_ANY && x->nonword ? &boundary_mark : prefix_of(x);
}

static void parse_alt(lparse *ps, lset *out);

static int peek(const lparse *ps, size_t k)
{
	return ps->p + k < ps->end ? (unsigned char)ps->p[k] : -1;
}

/* Skip "{…}" at p (after \x, \o, \p, \N …). */
static void skip_braces(lparse *ps)
{
	const char *close = memchr(ps->p, '}', (size_t)(ps->end - ps->p));
	if (!close)
		ps->bail = true;
	else
		ps->p = close + 1;
}

static bool alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static char fold(int c)
{
	return (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

/* Add the letter or digit c of a class to out; false when the class is
 * no longer a small set of them. */
static bool class_add(lparse *ps, strset *out, int c)
{
	bool cut = false;
	char s[2] = {fold(c), 0};
	if (!alnum(c) || (ps->utf && (s[0] == 'k' || s[0] == 's')))
		return false;
	return ss_add(out, s, &cut) && out->n <= MAX_CLASS;
}

/* A character class, from just after '['. A class of a few letters and
 * digits ([345], [sz]) is the set of those one-letter strings; any other
 * class (a negation, a wide range, an escape) is ANY. */
static void parse_class(lparse *ps, lset *out)
{
	bool small = true, nonword = peek(ps, 0) != '^';
	set_any(out);
	out->kind = L_EXACT;
	out->exact.n = 0;
	if (peek(ps, 0) == '^') {
		ps->p++;
		small = false;
	}
	if (peek(ps, 0) == ']') {
		ps->p++;
		small = false;
	}
	while (ps->p < ps->end && !ps->bail) {
		int c = (unsigned char)*ps->p++;
		if (c == ']') {
			if (!small || out->exact.n == 0) {
				set_any(out);
				out->nonword = nonword;
			}
			return;
		}
		/* a member that is not a word character: punctuation, a space,
		 * \s, \W, \h, \v (a range or anything else may be one) */
		nonword = nonword && c < 0x80 && !alnum(c) && c != '_' && c != '[' &&
		          (peek(ps, 0) != '-' || peek(ps, 1) == ']' || c == '\\') &&
		          (c != '\\' || (peek(ps, 0) >= 0 && strchr("sWhv", peek(ps, 0))));
		if (small && alnum(c) && peek(ps, 0) == '-' && peek(ps, 1) >= 0 &&
		    peek(ps, 1) != ']') {
			int last = peek(ps, 1);
			if (last == '\\' || last == '[') {
				ps->bail = true; /* ranges to escapes: not worth reading */
				return;
			}
			ps->p += 2;
			bool same = alnum(last) && ((c <= '9') == (last <= '9')) &&
			            ((c >= 'a') == (last >= 'a')) && last >= c &&
			            last - c < MAX_CLASS;
			for (int x = c; same && x <= last; x++)
				same = class_add(ps, &out->exact, x);
			small = same;
			continue;
		}
		if (small)
			small = class_add(ps, &out->exact, c);
		if (c == '[' && peek(ps, 0) == ':') {
			const char *close = strstr(ps->p, ":]");
			if (!close || close >= ps->end)
				break;
			ps->p = close + 2;
		} else if (c == '\\') {
			int e = peek(ps, 0);
			if (e < 0 || e == 'Q' || e == 'E')
				break;
			ps->p++;
			if (strchr("xopPN", e) && peek(ps, 0) == '{')
				skip_braces(ps);
		}
	}
	ps->bail = true; /* no closing bracket: not understood */
}

/* An escape, from just after '\'. */
static void parse_escape(lparse *ps, lset *out)
{
	int e = peek(ps, 0);
	set_any(out);
	if (e < 0) {
		ps->bail = true;
		return;
	}
	ps->p++;
	if (e == 'b') {
		char mark[2] = {TX_LIT_BOUNDARY, 0};
		set_exact(out, mark); /* a word boundary: consumes nothing, but is a mark */
	} else if (strchr("BAzZGK", e)) {
		set_exact(out, ""); /* assertions consume nothing */
	} else if (strchr("dDwWsShHvVRXC", e)) {
		out->nonword = strchr("WshvR", e) != NULL; /* a class of characters */
	} else if (e == 'p' || e == 'P' || e == 'x' || e == 'o' || e == 'N') {
		if (peek(ps, 0) == '{')
			skip_braces(ps);
		else if (e == 'p' || e == 'P')
			ps->p += ps->p < ps->end;
		else if (e == 'x')
			for (int i = 0;
			     i < 2 && ps->p < ps->end && strchr("0123456789abcdefABCDEF", *ps->p);
			     i++)
				ps->p++;
		else if (e == 'o')
			ps->bail = true;
	} else if (e >= '0' && e <= '9') {
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++; /* a back reference or an octal character */
	} else if (strchr("ntrfae", e)) {
		out->nonword = true; /* a control character */
	} else if (alnum(e) || e >= 0x80) {
		ps->bail = true; /* \Q, \E, \c, \g, \k, … */
	} else {
		out->nonword = e != '_'; /* an escaped punctuation character */
	}
}

/* Option letters, from "?" at p, that change nothing the literals
 * depend on: case (the prefilter folds case, so the literals of a
 * case-sensitive part hold all the more), dot, anchors, greed and names.
 * The letters' end: ':' (a group follows) or ')' (a setting); 0 when
 * there are none, or others (x, where spaces are not literal). */
static int option_letters(lparse *ps, size_t *n)
{
	*n = 1;
	while (peek(ps, *n) > 0 && strchr("imnsUJ^-", peek(ps, *n)))
		(*n)++;
	int end = peek(ps, *n);
	return *n > 1 && (end == ':' || end == ')') ? end : 0;
}

/* "(" … ")", from just after '('. */
static void parse_group(lparse *ps, lset *out)
{
	bool zero_width = false;
	size_t n;
	int end;
	set_any(out);
	if (peek(ps, 0) == '*') {
		ps->bail = true; /* verbs, (*UTF), (*positive_lookahead: …) */
		return;
	}
	if (peek(ps, 0) == '?') {
		int a = peek(ps, 1), b = peek(ps, 2);
		if (a == ':' || a == '>' || a == '|') {
			ps->p += 2;
		} else if (a == '=' || a == '!') {
			ps->p += 2;
			zero_width = true;
		} else if (a == '<' && (b == '=' || b == '!')) {
			ps->p += 3;
			zero_width = true;
		} else if (a == '<' || a == '\'' || (a == 'P' && b == '<')) {
			const char *close =
			    memchr(ps->p, a == '\'' ? '\'' : '>', (size_t)(ps->end - ps->p));
			if (a == '\'' && close)
				close = memchr(close + 1, '\'', (size_t)(ps->end - close - 1));
			if (!close) {
				ps->bail = true;
				return;
			}
			ps->p = close + 1; /* a named group */
		} else if ((end = option_letters(ps, &n)) == ':') {
			ps->p += n + 1; /* (?-i: … ) */
		} else if (end == ')') {
			ps->p += n + 1; /* (?-i): for the rest of the enclosing group */
			set_exact(out, "");
			return;
		} else {
			ps->bail = true; /* comments, recursion, conditions, callouts */
			return;
		}
	}
	if (++ps->depth > MAX_DEPTH) {
		ps->bail = true;
		return;
	}
	parse_alt(ps, out);
	ps->depth--;
	if (peek(ps, 0) != ')') {
		ps->bail = true;
		return;
	}
	ps->p++;
	if (zero_width)
		set_exact(out, "");
}

/* A number in a quantifier at *d (spaces around it allowed): its value
 * (at most 1000), or -1 when there is none. */
static long quantifier_number(const char **d)
{
	long v = -1;
	while (**d == ' ')
		(*d)++;
	while (**d >= '0' && **d <= '9') {
		v = (v < 0 ? 0 : v) * 10 + (*(*d)++ - '0');
		if (v > 1000)
			v = 1000;
	}
	while (**d == ' ')
		(*d)++;
	return v;
}

/* A quantifier after an item: its minimum, or -1 when there is none, and
 * its maximum in *max (-1: unbounded). "{" that is not a quantifier
 * (PCRE2 reads it as a literal) is left. */
static long parse_quantifier(lparse *ps, long *max)
{
	int c = peek(ps, 0);
	long min;
	*max = -1;
	if (c == '?' || c == '*' || c == '+') {
		ps->p++;
		min = c == '+' ? 1 : 0;
		if (c == '?')
			*max = 1;
	} else if (c == '{') {
		const char *q = ps->p + 1;
		bool digits = false;
		while (q < ps->end && (strchr("0123456789, ", *q)))
			digits |= *q++ >= '0';
		if (q >= ps->end || *q != '}' || !digits)
			return -1;
		const char *d = ps->p + 1;
		min = quantifier_number(&d);
		if (min < 0)
			min = 0; /* {,n} */
		if (*d == ',') {
			d++;
			*max = quantifier_number(&d); /* {n,} : -1 */
		} else {
			*max = min; /* {n} */
		}
		ps->p = q + 1;
	} else {
		return -1;
	}
	if (peek(ps, 0) == '?' || peek(ps, 0) == '+')
		ps->p++; /* lazy or possessive */
	return min;
}

/* One item and its quantifiers. */
static void parse_item(lparse *ps, lset *out)
{
	int c = (unsigned char)*ps->p++;
	set_any(out);
	if (c == '(') {
		parse_group(ps, out);
	} else if (c == '[') {
		parse_class(ps, out);
	} else if (c == '\\') {
		parse_escape(ps, out);
	} else if (c == '^' || c == '$') {
		set_exact(out, "");
	} else if (c == '*' || c == '+' || c == '?') {
		ps->bail = true;
	} else if (c >= 0x80) {
		while (ps->p < ps->end && ((unsigned char)*ps->p & 0xc0) == 0x80)
			ps->p++; /* one UTF-8 character: its case is Unicode's */
		set_any(out);
	} else if (alnum(c) && !(ps->utf && (fold(c) == 'k' || fold(c) == 's'))) {
		char s[2] = {fold(c), 0};
		set_exact(out, s);
	} else {
		set_any(out); /* '.', space, hyphen, other punctuation; k, s in UTF */
		out->nonword = !alnum(c) && c != '.' && c != '_' && c != '{' && c != '}';
	}
	long min, max;
	while (!ps->bail && (min = parse_quantifier(ps, &max)) >= 0) {
		bool cut = false;
		if (min == 1 && max == 1)
			continue; /* x{1} is x */
		if (min == 0 && max == 1 && out->kind == L_EXACT && ss_add(&out->exact, "", &cut))
			continue; /* x? : x or nothing */
		if (min == 0) {
			const strset *pre = beginning_of(out);
			strset keep = pre ? *pre : (strset){0};
			int optional = pre && !out->optional ? 1 : 2;
			set_any(out);
			out->optional = optional;
			out->opt_pre = keep;
		} else if (out->kind == L_EXACT) { /* x+, x{2,} : at least one x */
			strset e = out->exact;
			set_any(out);
			req_add(out, &e);
			if (out->kind != L_REQ)
				out->kind = L_REQ; /* no clause, but still a beginning */
			set_prefix(out, &e);
		}
	}
}

/* lead := lead followed by the beginnings of item, while it is still
 * leading; the end of the leading run when item is not EXACT. So the
 * matches of "\bco[\s-]+governance" begin with the word "co" ("⊢co⊣"),
 * not with any word that begins with co. */
static void extend_lead(strset *lead, bool *leading, const lset *item)
{
	const strset *pre = beginning_of(item);
	if (!*leading)
		return;
	if (pre) {
		strset t = *lead;
		if (ss_cross(&t, pre))
			*lead = t;
		else
			*leading = false;
	}
	if (item->kind != L_EXACT)
		*leading = false;
}

/* An optional item whose beginnings are known, while the sequence is
 * still leading: the matches that take it begin with lead and those
 * beginnings, the others go on with lead as it is. false when that does
 * not fit. */
static bool fork_lead(const strset *lead, const lset *item, strset *forks)
{
	strset t = *lead, u = *forks;
	bool cut = false;
	if (!ss_cross(&t, &item->opt_pre) || !ss_union(&u, &t, &cut) || cut)
		return false;
	*forks = u;
	return true;
}

/* Items up to '|' or ')' or the end. */
static void parse_seq(lparse *ps, lset *out)
{
	strset cur = {1, {""}}, lead = {1, {""}}, forks = {0}, unforked;
	lset acc, item;
	bool exact = true, leading = true, forked = false;
	set_any(&acc);
	while (ps->p < ps->end && *ps->p != '|' && *ps->p != ')' && !ps->bail) {
		parse_item(ps, &item);
		if (leading && item.optional == 1) {
			if (!forked)
				unforked = lead; /* what every match begins with, fork or not */
			forked = true;
			/* too many strings: the matches that take it begin with
			 * lead too */
			if (!fork_lead(&lead, &item, &forks))
				leading = false;
		} else if (item.optional) /* all matches still begin with lead */
			leading = false;
		else
			extend_lead(&lead, &leading, &item);
		if (item.kind == L_EXACT) {
			if (ss_cross(&cur, &item.exact))
				continue;
			req_add(&acc, &cur); /* too many strings: start a new run */
			cur = item.exact;
		} else if (item.kind == L_ANY && item.nonword) {
			/* letters on either side are at word boundaries */
			if (ss_cross(&cur, &boundary_mark))
				req_add(&acc, &cur);
			cur = boundary_mark;
		} else {
			req_add(&acc, &cur);
			req_add_all(&acc, &item);
			cur = (strset){1, {""}};
		}
		exact = false;
	}
	if (exact) {
		set_any(out);
		out->kind = L_EXACT;
		out->exact = cur;
		return;
	}
	req_add(&acc, &cur);
	*out = acc;
	bool cut = false;
	if (!ss_union(&lead, &forks, &cut) || cut)
		lead = forked ? unforked : (strset){0};
	bool known = quality(&lead) > 0;
	if (out->kind == L_ANY && known)
		out->kind = L_REQ; /* no clause, but a beginning */
	set_prefix(out, known ? &lead : NULL);
}

/* a := a | b. */
static void alternate(lset *a, const lset *b)
{
	bool cut = false;
	if (a->kind == L_ANY || b->kind == L_ANY) {
		bool nonword = a->nonword && b->nonword;
		set_any(a);
		a->nonword = nonword;
		return;
	}
	if (a->kind == L_EXACT && b->kind == L_EXACT) {
		strset u = a->exact;
		if (ss_union(&u, &b->exact, &cut) && !cut) {
			a->exact = u;
			return;
		}
	}
	lset x, y, r;
	set_any(&x);
	set_any(&y);
	set_any(&r);
	req_add_all(&x, a);
	req_add_all(&y, b);
	for (size_t j = 0; j < K && x.nc && y.nc; j++) {
		strset u = x.c[j < x.nc ? j : x.nc - 1];
		if (ss_union(&u, &y.c[j < y.nc ? j : y.nc - 1], &cut))
			req_add(&r, &u);
	}
	const strset *pa = prefix_of(a), *pb = prefix_of(b);
	strset pre;
	bool has = false;
	if (pa && pb) {
		pre = *pa;
		cut = false;
		has = ss_union(&pre, pb, &cut) && quality(&pre) > 0;
	}
	if (has && r.kind == L_ANY)
		r.kind = L_REQ; /* no clause, but a beginning */
	set_prefix(&r, has ? &pre : NULL);
	*a = r;
}

static void parse_alt(lparse *ps, lset *out)
{
	lset branch;
	parse_seq(ps, out);
	while (!ps->bail && peek(ps, 0) == '|') {
		ps->p++;
		parse_seq(ps, &branch);
		alternate(out, &branch);
	}
}

/* Copy clause c to out, without the strings that contain another of its
 * strings (they add nothing to the test). */
static void minimise(const strset *c, strset *out)
{
	out->n = 0;
	for (size_t i = 0; i < c->n; i++) {
		bool redundant = false;
		for (size_t j = 0; j < c->n && !redundant; j++)
			redundant = j != i && strstr(c->s[i], c->s[j]) &&
			            (strlen(c->s[j]) < strlen(c->s[i]) || j < i);
		if (!redundant)
			memcpy(out->s[out->n++], c->s[i], TX_LIT_MAX_LEN + 1);
	}
}

/* Whether beginnings are worth trying a pattern at: each has two letters,
 * or one between word boundaries. */
static bool rare_enough(const strset *begin)
{
	for (size_t i = 0; i < begin->n; i++) {
		const char *s = begin->s[i];
		size_t n = strlen(s);
		if (text_len(s) < 2 && !(text_len(s) == 1 && n == 3 && s[0] == TX_LIT_BOUNDARY &&
		                         s[2] == TX_LIT_BOUNDARY))
			return false;
	}
	return begin->n > 0;
}

/* Whether clause c is worth adding after the clauses in out. One with a
 * string of three letters or fewer ("of", "the", "e") would be found
 * nearly everywhere: it costs the prefilter more than it saves, unless
 * the prefilter looks for each such string already, for a clause in out
 * ("\b(?:internet\s+exchange\s+points?|IXPs?)\b" has the clauses
 * {⊢internet, ⊢ixp} and {⊢exchange, ⊢ixp}: a segment that says Internet
 * but neither IXP nor exchange is not searched). */
static bool worth_adding(const strset *c, const tx_literals *out)
{
	for (size_t i = 0; i < c->n; i++) {
		bool known = string_quality(c->s[i]) >= 4 * 4;
		for (size_t k = 0; k < out->n && !known; k++)
			known = ss_has(&out->clauses[k], c->s[i]);
		if (!known)
			return false;
	}
	return true;
}

void tx_literals_of(const char *pattern, bool utf, tx_literals *out)
{
	lparse ps = {.p = pattern, .end = pattern + strlen(pattern), .utf = utf};
	lset r;
	out->n = 0;
	parse_alt(&ps, &r);
	out->prefix.n = 0;
	if (ps.bail || ps.p != ps.end)
		return;
	const strset *pre = prefix_of(&r);
	strset begin = {0};
	if (pre)
		begin = *pre;
	/* Trying a pattern anchored where it may begin costs a little per
	 * place (and the prefilter notes every place, in every segment);
	 * searching a segment with it all through costs a little per byte:
	 * two letters are rare enough to be worth it, and a word of one
	 * letter, but not a word's first letter (one word in sixteen begins
	 * with s). */
	if (rare_enough(&begin))
		out->prefix = begin;
	if (r.kind == L_EXACT)
		set_any(&r);
	req_add(&r, &begin); /* a beginning is required too */
	for (size_t i = 0; r.kind == L_REQ && i < r.nc; i++)
		if (i == 0 || worth_adding(&r.c[i], out))
			minimise(&r.c[i], &out->clauses[out->n++]);
}
