/* SPDX-License-Identifier: MIT */
/*
 * search: compiling the patterns and searching with one (see search.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "search.h"

#define MAX_PATTERN_BYTES (64u << 10)
#define WINDOW            2048 /* start positions per PCRE2 call */
#define HEAP_LIMIT_KIB    (64u << 10)
#define JIT_STACK_START   (32u << 10)
#define JIT_STACK_MAX     (1u << 20)

struct tx_searcher {
	pcre2_match_context *mctx;
	pcre2_jit_stack *stack;
	pcre2_match_data *md;
	int64_t time_limit_ms;
	igt_buf view;
};

/* UTF mode only where the pattern needs it: non-ASCII characters (whose
 * case PCRE2 then knows), \p, \P and \X, or an explicit (*UTF). Matching
 * bytes is faster, and byte-mode \w and \b see ASCII words. */
static bool needs_utf(const char *p)
{
	if (!strncmp(p, "(*UTF)", 6))
		return true;
	for (; *p; p++) {
		if ((unsigned char)*p >= 0x80)
			return true;
		if (*p == '\\' && p[1]) {
			p++;
			if (*p == 'p' || *p == 'P' || *p == 'X')
				return true;
		}
	}
	return false;
}

static uint32_t options_of(const tx_pattern *p)
{
	return PCRE2_CASELESS | PCRE2_USE_OFFSET_LIMIT | PCRE2_NEVER_BACKSLASH_C |
	       (p->utf ? PCRE2_UTF | PCRE2_UCP : PCRE2_NEVER_UTF);
}

static bool jit_compile(pcre2_code *re)
{
	size_t jit_size = 0;
	if (pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) == 0)
		pcre2_pattern_info(re, PCRE2_INFO_JITSIZE, &jit_size);
	return jit_size > 0;
}

static int compile_one(tx_model *m, tx_pattern *p, pcre2_compile_context *cctx, char *err,
                       size_t errlen)
{
	int code;
	PCRE2_SIZE offset;
	p->utf = needs_utf(p->text);
	uint32_t opts = options_of(p);
	pcre2_code *re =
	    pcre2_compile((PCRE2_SPTR)p->text, PCRE2_ZERO_TERMINATED, opts, &code, &offset, cctx);
	const char *topic = m->topics[p->topic].id;
	if (!re) {
		char msg[256];
		pcre2_get_error_message(code, (PCRE2_UCHAR *)msg, sizeof(msg));
		snprintf(err, errlen,
		         "%s:%lu:%lu: topic '%s': pattern '%.200s' does not compile: %s (at offset "
		         "%zu)",
		         p->at.file, p->at.line, p->at.col, topic, p->text, msg, (size_t)offset);
		return -1;
	}
	uint32_t min = 0;
	pcre2_pattern_info(re, PCRE2_INFO_MINLENGTH, &min);
	if (min == 0) {
		pcre2_code_free(re);
		snprintf(err, errlen,
		         "%s:%lu:%lu: topic '%s': pattern '%.200s' can match an empty string",
		         p->at.file, p->at.line, p->at.col, topic, p->text);
		return -1;
	}
	p->code = re;
	return 0;
}

void tx_search_jit(tx_pattern *p, bool anchored)
{
	if (anchored && !p->anchored_jit_tried) {
		p->anchored_jit = jit_compile(p->anchored);
		p->anchored_jit_tried = true;
	} else if (!anchored && !p->jit_tried) {
		p->jit = jit_compile(p->code);
		p->jit_tried = true;
	}
}

bool tx_search_compile_anchored(tx_pattern *p)
{
	int code;
	PCRE2_SIZE offset;
	/* PCRE2_ANCHORED must be given here: the JIT ignores it at match time */
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)p->text, PCRE2_ZERO_TERMINATED,
	                               options_of(p) | PCRE2_ANCHORED, &code, &offset, NULL);
	if (!re)
		return false;
	p->anchored = re;
	return true;
}

int tx_search_compile(tx_model *m, char *err, size_t errlen)
{
	pcre2_compile_context *cctx = pcre2_compile_context_create(NULL);
	if (!cctx)
		abort();
	pcre2_set_max_pattern_length(cctx, MAX_PATTERN_BYTES);
	int rc = 0;
	for (size_t i = 0; i < m->n_patterns && !rc; i++)
		rc = compile_one(m, &m->patterns[i], cctx, err, errlen);
	pcre2_compile_context_free(cctx);
	return rc;
}

void tx_search_free_patterns(tx_model *m)
{
	for (size_t i = 0; i < m->n_patterns; i++) {
		pcre2_code_free(m->patterns[i].code);
		pcre2_code_free(m->patterns[i].anchored);
		m->patterns[i].code = NULL;
		m->patterns[i].anchored = NULL;
	}
}

tx_searcher *tx_searcher_new(const tx_limits *limits)
{
	tx_searcher *s = calloc(1, sizeof(*s));
	if (!s)
		abort();
	s->mctx = pcre2_match_context_create(NULL);
	s->stack = pcre2_jit_stack_create(JIT_STACK_START, JIT_STACK_MAX, NULL);
	s->md = pcre2_match_data_create(1, NULL);
	if (!s->mctx || !s->md)
		abort();
	pcre2_set_match_limit(s->mctx, limits->match_limit);
	pcre2_set_depth_limit(s->mctx, limits->depth_limit);
	pcre2_set_heap_limit(s->mctx, HEAP_LIMIT_KIB);
	if (s->stack) /* else the JIT's default 32 KiB on the machine stack */
		pcre2_jit_stack_assign(s->mctx, NULL, s->stack);
	s->time_limit_ms = limits->time_limit_ms;
	return s;
}

void tx_searcher_free(tx_searcher *s)
{
	if (!s)
		return;
	pcre2_match_context_free(s->mctx);
	pcre2_jit_stack_free(s->stack);
	pcre2_match_data_free(s->md);
	igt_buf_free(&s->view);
	free(s);
}

/* The ASCII stand-in, of the same length, for a Unicode space (Zs) or
 * hyphen (U+2010, U+2011) at t, or NULL. */
static const char *ascii_for(const unsigned char *t, size_t left)
{
	if (left >= 2 && t[0] == 0xc2 && t[1] == 0xa0)
		return "  ";
	if (left < 3)
		return NULL;
	if (t[0] == 0xe2 && t[1] == 0x80) {
		if (t[2] <= 0x8a || t[2] == 0xaf)
			return "   ";
		if (t[2] == 0x90 || t[2] == 0x91)
			return "-  ";
	}
	if ((t[0] == 0xe2 && t[1] == 0x81 && t[2] == 0x9f) ||
	    (t[0] == 0xe3 && t[1] == 0x80 && t[2] == 0x80))
		return "   ";
	return NULL;
}

/* The next byte from p on (before end) that may begin a Unicode space or
 * hyphen: 0xc2 (U+00A0), 0xe2 (U+2000 …), 0xe3 (U+3000); or end. */
static const char *next_lead(const char *p, const char *end)
{
	while (p < end) {
		const char *q = strpbrk(p, "\xc2\xe2\xe3"); /* stops at a NUL too */
		if (q)
			return q < end ? q : end;
		p += strlen(p) + 1;
	}
	return end;
}

const char *tx_search_view(tx_searcher *s, const char *text, size_t len)
{
	const char *end = text + len, *p = next_lead(text, end);
	if (p == end)
		return text;
	igt_buf_reset(&s->view);
	igt_buf_add(&s->view, text, len);
	char *v = s->view.data;
	for (size_t i = (size_t)(p - text); i < len; i = (size_t)(next_lead(v + i, v + len) - v)) {
		const char *a = ascii_for((const unsigned char *)v + i, len - i);
		size_t n = a ? strlen(a) : 1;
		if (a)
			memcpy(v + i, a, n);
		i += n;
	}
	return v;
}

static bool continuation(const char *t, size_t i)
{
	return ((unsigned char)t[i] & 0xc0) == 0x80;
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Whether the time limit has passed, checked at a checkpoint (after a
 * window of start positions): the clock starts at the first checkpoint,
 * so the short searches of most segments never read it. */
static bool out_of_time(const tx_searcher *s, int64_t *deadline)
{
	if (s->time_limit_ms <= 0)
		return false;
	if (!*deadline) {
		*deadline = now_ms() + s->time_limit_ms;
		return false;
	}
	return now_ms() > *deadline;
}

static tx_stop stop_of(int rc)
{
	switch (rc) {
	case PCRE2_ERROR_MATCHLIMIT: return TX_MATCH_LIMIT;
	case PCRE2_ERROR_DEPTHLIMIT:
	case PCRE2_ERROR_HEAPLIMIT: return TX_DEPTH_LIMIT;
	case PCRE2_ERROR_JIT_STACKLIMIT: return TX_STACK_LIMIT;
	default: return TX_ERROR;
	}
}

/* Record the match in md, moved out to whole characters; its end. */
static size_t report(tx_searcher *s, const char *original, size_t len, tx_match_fn add, void *data,
                     bool *go_on, bool *bad)
{
	const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
	size_t start = ov[0], end = ov[1];
	*go_on = true;
	*bad = start > end || end > len; /* \K in a lookahead: not a span */
	if (*bad)
		return end;
	while (start > 0 && continuation(original, start))
		start--;
	while (end < len && continuation(original, end))
		end++;
	if (end > start)
		*go_on = add(start, end, data);
	return ov[1];
}

tx_stopped tx_search(tx_searcher *s, const tx_pattern *p, const char *view, const char *original,
                     size_t len, tx_match_fn add, void *data)
{
	const pcre2_code *re = p->code;
	uint32_t opts = p->utf ? PCRE2_NO_UTF_CHECK : 0; /* documents hold valid UTF-8 */
	int64_t deadline = 0;
	size_t pos = 0, next_check = WINDOW;
	while (pos <= len) {
		size_t limit = len - pos > WINDOW ? pos + WINDOW : len;
		pcre2_set_offset_limit(s->mctx, limit);
		int rc = p->jit
		             ? pcre2_jit_match(re, (PCRE2_SPTR)view, len, pos, opts, s->md, s->mctx)
		             : pcre2_match(re, (PCRE2_SPTR)view, len, pos, opts, s->md, s->mctx);
		if (rc == PCRE2_ERROR_NOMATCH) {
			if (limit >= len)
				break;
			pos = limit + 1;
		} else if (rc < 0) {
			return (tx_stopped){stop_of(rc), pos, rc};
		} else {
			bool go_on, bad;
			size_t end = report(s, original, len, add, data, &go_on, &bad);
			if (bad)
				return (tx_stopped){TX_ERROR, pos, 0};
			if (!go_on)
				break;
			pos = end > pos ? end : pos + 1;
		}
		while (p->utf && pos < len && continuation(view, pos))
			pos++;
		if (pos >= next_check) {
			next_check = pos + WINDOW;
			if (out_of_time(s, &deadline))
				return (tx_stopped){TX_TIME_LIMIT, pos, 0};
		}
	}
	return (tx_stopped){TX_DONE, 0, 0};
}

tx_stopped tx_search_at(tx_searcher *s, const tx_pattern *p, const char *view, const char *original,
                        size_t len, const size_t *at, size_t n, tx_match_fn add, void *data)
{
	const pcre2_code *re = p->anchored;
	uint32_t opts = p->utf ? PCRE2_NO_UTF_CHECK : 0;
	int64_t deadline = 0;
	size_t resume = 0;
	for (size_t i = 0; i < n; i++) {
		if (at[i] < resume || at[i] > len)
			continue; /* inside the last match */
		pcre2_set_offset_limit(s->mctx, at[i]);
		int rc =
		    p->anchored_jit
		        ? pcre2_jit_match(re, (PCRE2_SPTR)view, len, at[i], opts, s->md, s->mctx)
		        : pcre2_match(re, (PCRE2_SPTR)view, len, at[i], opts, s->md, s->mctx);
		if (rc >= 0) {
			bool go_on, bad;
			size_t end = report(s, original, len, add, data, &go_on, &bad);
			if (bad)
				return (tx_stopped){TX_ERROR, at[i], 0};
			if (!go_on)
				break;
			resume = end > at[i] ? end : at[i] + 1;
		} else if (rc != PCRE2_ERROR_NOMATCH) {
			return (tx_stopped){stop_of(rc), at[i], rc};
		}
		if ((i & 255) == 255 && out_of_time(s, &deadline))
			return (tx_stopped){TX_TIME_LIMIT, at[i], 0};
	}
	return (tx_stopped){TX_DONE, 0, 0};
}

const char *tx_stop_text(tx_stop why)
{
	switch (why) {
	case TX_MATCH_LIMIT: return "the match limit (match_limit) was reached";
	case TX_DEPTH_LIMIT: return "the depth limit (depth_limit) was reached";
	case TX_STACK_LIMIT: return "the JIT stack limit (1 MiB) was reached";
	case TX_TIME_LIMIT: return "the time limit (time_limit) was reached";
	case TX_ERROR: return "matching failed";
	default: return "done";
	}
}
