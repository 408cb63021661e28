/* SPDX-License-Identifier: MIT */
/*
 * pipermail: mailing-list archives as one document per message. Reads the
 * two forms Mailman 2 publishes (monthly archives, .txt or .txt.gz, and a
 * single message page saved as text) and the mailbox files of other
 * archivers (mbox, MMDF, a lone RFC 5322 message). This file holds the
 * descriptor, the options, detection and the choice of reader; the work
 * is in mbox.c (splitting), message.c (fields), header.c, mime.c,
 * charset.c, html.c, body.c (segments), thread.c and page.c.
 */
#include <stdlib.h>

#include "pipermail.h"

#define DEFAULT_THREAD_MAP "16384"

static const igt_option pipermail_options[] = {
    {"list", IGT_OPT_STR, NULL, 0, offsetof(pm_config, list),
     "list name for fields.list when a message names none (no footer, List-Id or subject tag)"},
    {"max_thread_map", IGT_OPT_INT, DEFAULT_THREAD_MAP, 0, offsetof(pm_config, max_thread_map),
     "Message-IDs remembered per input to find thread roots (oldest forgotten first)"},
    {0},
};

static int pipermail_score(const unsigned char *head, size_t len)
{
	int score;
	pm_sniff((const char *)head, len, &score);
	return score;
}

static int pipermail_open(void **state, const void *config, igt_host *host)
{
	const pm_config *cfg = config;
	if (cfg->max_thread_map < 1 || cfg->max_thread_map > 100000000) {
		igt_host_log(host, IGT_LOG_ERROR, "max_thread_map must be between 1 and 100000000");
		return IGT_ECONFIG;
	}
	pm_ctx *ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		abort();
	ctx->cfg = cfg;
	ctx->plugin = "pipermail";
	ctx->conv = pm_conv_new();
	ctx->threads = pm_threads_new((size_t)cfg->max_thread_map);
	ctx->ids = pm_idset_new();
	*state = ctx;
	return 0;
}

static void pipermail_close(void *state)
{
	pm_ctx *ctx = state;
	if (!ctx)
		return;
	pm_conv_free(ctx->conv);
	pm_threads_free(ctx->threads);
	pm_idset_free(ctx->ids);
	igt_buf *bufs[] = {&ctx->msg, &ctx->arena, &ctx->scratch,
	                   &ctx->tmp, &ctx->tmp2,  &ctx->line};
	for (size_t i = 0; i < sizeof(bufs) / sizeof(bufs[0]); i++)
		igt_buf_free(bufs[i]);
	pm_headers_free(&ctx->headers);
	pm_headers_free(&ctx->part_headers);
	pm_fields_free(&ctx->fields);
	pm_depths_release(ctx);
	free(ctx->lines);
	free(ctx->eols);
	free(ctx->starts);
	free(ctx->ckpt);
	free(ctx->leaves);
	free(ctx->footer_list);
	free(ctx);
}

static int pipermail_parse(void *state, igt_input *in, igt_emit_fn emit, void *payload)
{
	pm_ctx *ctx = state;
	ctx->in = in;
	ctx->emit = emit;
	ctx->payload = payload;
	ctx->emitted = 0;
	ctx->bom = 0;
	ctx->incomplete = 0;
	pm_threads_clear(ctx->threads);
	pm_idset_clear(ctx->ids);
	const char *head;
	size_t len;
	int rc = igt_input_peek(in, 4096, &head, &len);
	if (rc && !len)
		return rc;
	/* After a failure inside the head (a small gzip with a bad checksum),
	 * what was read is still read, and the failure comes again after it. */
	if (len && !memchr(head, '\n', len) && memchr(head, '\r', len)) {
		/* Read as one line, its messages would run together. */
		igt_log(IGT_LOG_ERROR,
		        "%s: %s: its lines end in a carriage return alone (classic Mac OS), so it "
		        "cannot be split into messages: nothing imported (convert the line ends "
		        "first, e.g. tr '\\r' '\\n')",
		        igt_input_name(in), ctx->plugin);
		return IGT_EBADINPUT;
	}
	int score, mode = pm_sniff(head, len > 4096 ? 4096 : len, &score);
	switch (mode) {
	case PM_MODE_MBOX:
	case PM_MODE_MMDF:
	case PM_MODE_HEADERS:
	case PM_MODE_YEARS: return pm_read_mailbox(ctx, mode);
	case PM_MODE_PAGE: return pm_read_page(ctx);
	default:
		igt_log(IGT_LOG_ERROR,
		        "%s: %s: not a mailbox or pipermail page: no mbox \"From \" line, MMDF "
		        "marker, header fields or page head (name, address, date) at its start",
		        igt_input_name(in), ctx->plugin);
		return IGT_EBADINPUT;
	}
}

IGT_PLUGIN_DEFINE(pipermail) = {
    .abi = IGT_PLUGIN_ABI,
    .size = sizeof(igt_plugin),
    .name = "pipermail",
    .version = "1.0",
    .summary = "mailing-list archives (Mailman pipermail, mbox, MMDF) as one document per message",
    .kind = IGT_FORMAT,
    .options = pipermail_options,
    .config_size = sizeof(pm_config),
    .open = pipermail_open,
    .close = pipermail_close,
    .op.format = {.score = pipermail_score, .parse = pipermail_parse},
};
