/* SPDX-License-Identifier: MIT */
/*
 * plain: any UTF-8 text as one document of paragraphs. Paragraphs are
 * separated by blank lines; a paragraph's text is its lines joined with
 * "\n", with line ends normalised and surrounding white space trimmed, and
 * its span covers it exactly in the input. It is the fallback format: its
 * detection score is low so that every specific format wins over it.
 */
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <igtext/igtext.h>

#define PLAIN_SCORE 5

typedef struct plain_config {
	bool keep_empty;
} plain_config;

static const igt_option plain_options[] = {
	{"keep_empty", IGT_OPT_BOOL, "false", 0, offsetof(plain_config, keep_empty),
	 "emit a document (with no segments) for a file that holds only white space"},
	{0},
};

/* Text has no NUL bytes and few control characters. Counted sixteen
 * bytes at a time: detection scores the head of every input. */
static int plain_score(const unsigned char *head, size_t len)
{
	if (memchr(head, '\0', len))
		return 0;
	size_t control = 0, i = 0;
#ifdef __SSE2__
	const __m128i below = _mm_set1_epi8(0x1F);
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(head + i));
		__m128i low = _mm_cmpeq_epi8(_mm_max_epu8(v, below), below); /* v <= 0x1F */
		__m128i text = _mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
		                 _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
		    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')),
		                 _mm_cmpeq_epi8(v, _mm_set1_epi8('\f'))));
		unsigned mask = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(text, low));
		if (mask)
			control += (size_t)__builtin_popcount(mask);
	}
#endif
	for (; i < len; i++) {
		unsigned char c = head[i];
		control += c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f';
	}
	return len && control * 20 <= len ? PLAIN_SCORE : 0;
}

typedef struct paragraph {
	igt_buf text;
	uint64_t start, end; /* span of the non-blank text in the input */
	int open;
} paragraph;

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static void para_flush(paragraph *p, igt_doc *doc)
{
	if (!p->open)
		return;
	igt_span span = {p->start, p->end - p->start};
	igt_doc_add_segment(doc, "paragraph", p->text.data, p->text.len, span);
	igt_buf_reset(&p->text);
	p->open = 0;
}

static int plain_parse(void *state, igt_input *in, igt_emit_fn emit, void *payload)
{
	const plain_config *cfg = state;
	igt_doc *doc = igt_doc_new("plain", "text");
	paragraph para = {0};
	igt_line line;
	int rc;
	uint64_t total = 0;
	while ((rc = igt_input_getline(in, &line)) == 1) {
		const char *s = line.text;
		size_t n = line.len - line.eol;
		total = line.offset + line.len;
		if (line.number == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			/* The byte order mark says nothing about the text. */
			igt_doc_claim(doc, IGT_CLAIM_BOILERPLATE, line.offset, 3);
			s += 3;
			n -= 3;
		}
		if (memchr(s, '\0', n)) {
			igt_input_log(in, IGT_LOG_ERROR,
			              "binary data (a NUL byte): not text; nothing imported from this file");
			igt_buf_free(&para.text);
			igt_doc_free(doc);
			return IGT_EBADINPUT;
		}
		size_t a = 0, b = n;
		while (a < b && is_space(s[a]))
			a++;
		while (b > a && is_space(s[b - 1]))
			b--;
		if (a == b) {
			para_flush(&para, doc);
			continue;
		}
		uint64_t base = line.offset + (uint64_t)(s - line.text);
		if (para.open) {
			igt_buf_add(&para.text, "\n", 1);
		} else {
			para.open = 1;
			para.start = base + a;
		}
		/* Keep the line's own indentation inside a paragraph; trim only
		 * the paragraph's outer edges. */
		size_t from = para.text.len == 0 ? a : 0;
		igt_buf_add(&para.text, s + from, b - from);
		para.end = base + b;
	}
	para_flush(&para, doc);
	igt_buf_free(&para.text);
	if (rc < 0 && igt_doc_segment_count(doc) == 0) {
		igt_doc_free(doc);
		return rc;
	}
	if (igt_doc_segment_count(doc) == 0 && !cfg->keep_empty) {
		/* As bad as an empty file: most likely a failed download or a
		 * file still being written. */
		igt_input_log(in, IGT_LOG_ERROR, "only white space; nothing to import");
		igt_doc_free(doc);
		return rc < 0 ? rc : IGT_EBADINPUT;
	}
	if (rc < 0) {
		/* Reading failed (a truncated gzip): keep what was read, but say
		 * the document is not the whole input. */
		json_object_set_new(igt_doc_fields(doc), "incomplete", json_true());
	}
	igt_doc_set_source_span(doc, 0, total);
	int erc = emit(doc, payload);
	return erc ? erc : rc < 0 ? rc : 0;
}

static int plain_open(void **state, const void *config, igt_host *host)
{
	(void)host;
	*state = (void *)config;
	return 0;
}

IGT_PLUGIN_DEFINE(plain) = {
	.abi = IGT_PLUGIN_ABI,
	.size = sizeof(igt_plugin),
	.name = "plain",
	.version = "1.0",
	.summary = "any UTF-8 text as paragraphs (the fallback format)",
	.kind = IGT_FORMAT,
	.options = plain_options,
	.config_size = sizeof(plain_config),
	.open = plain_open,
	.op.format = {.score = plain_score, .parse = plain_parse},
};
