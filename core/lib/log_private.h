/* SPDX-License-Identifier: MIT */
/*
 * Holding messages back: with worker threads, a message about a document
 * is written to stderr when the document reaches the outputs, so that
 * stderr reads exactly as it does on one thread (pipeline.c).
 */
#ifndef IGT_LOG_PRIVATE_H
#define IGT_LOG_PRIVATE_H

#include <igtext/buf.h>

/* From now on, the calling thread's messages are appended to *to (NULL:
 * written to stderr again). Returns the previous destination, so that a
 * caller can put it back. */
igt_buf *igt_log_capture(igt_buf *to);
/* Write what was captured in *captured to stderr and empty it. */
void igt_log_flush(igt_buf *captured);

#endif
