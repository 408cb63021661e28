/* SPDX-License-Identifier: MIT */
/*
 * Ordered streams: several threads produce items at once, each into a
 * stream of its own, and the items reach one sink in the order the
 * streams were opened: all of the first stream's, then all of the
 * next's. This is what lets the pipeline parse several inputs at once
 * while the outputs still see every document in input order.
 *
 * A stream is either the opener's to fill or for a producer thread to
 * take (igt_ordered_take, oldest first). Memory stays bounded: a producer waits while its stream holds
 * max_waiting items not yet passed to the sink, and the opener waits
 * while max_streams streams are not yet through.
 *
 * The sink runs on whichever producer finds the first stream ready, one
 * call at a time, outside the lock: it may block (the pipeline's sink
 * waits for room in the stages) without keeping other producers from
 * filling their streams up to their bounds.
 */
#ifndef IGT_ORDERED_H
#define IGT_ORDERED_H

#include <stddef.h>

typedef struct igt_ordered igt_ordered;
typedef struct igt_stream igt_stream;

/* Called in order with each item of a stream, then once with item NULL
 * when the stream has ended; job is the stream's. */
typedef void (*igt_ordered_sink)(void *ctx, void *job, void *item);
/* Called about every 100 ms by a thread that waits (may be NULL). */
typedef void (*igt_ordered_tick)(void *ctx);

igt_ordered *igt_ordered_new(igt_ordered_sink sink, igt_ordered_tick tick, void *ctx,
                             size_t max_waiting, size_t max_streams);
/* A new stream, last in the order, carrying job (passed to the sink);
 * own: the caller fills it, else a producer takes it. Waits while
 * max_streams are open. */
igt_stream *igt_ordered_open(igt_ordered *o, void *job, int own);
/* The oldest stream opened for a producer that no producer has taken,
 * and its job; waits for one. NULL once igt_ordered_no_more was called and none is
 * left. */
igt_stream *igt_ordered_take(igt_ordered *o, void **job);
/* Add item to st (waits while st holds max_waiting items). */
void igt_stream_put(igt_stream *st, void *item);
/* st gets no more items; it is freed once the sink has had them all. */
void igt_stream_end(igt_stream *st);
/* Wait until every stream opened so far has ended and reached the sink. */
void igt_ordered_wait(igt_ordered *o);
/* No more streams will be opened: igt_ordered_take returns NULL when
 * none is left. */
void igt_ordered_no_more(igt_ordered *o);
/* Free o; every stream must have reached the sink. */
void igt_ordered_free(igt_ordered *o);

#endif
