/* SPDX-License-Identifier: MIT */
/* Ordered streams (ordered.h). One lock and one condition variable: the
 * items are coarse (the pipeline's batches), so contention is low. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>

#include "ordered.h"
#include "util.h"

typedef struct node {
	struct node *next;
	void *item;
} node;

struct igt_stream {
	igt_ordered *o;
	igt_stream *next; /* in the order */
	void *job;
	int taken, ended;
	node *head, *tail;
	size_t n; /* items waiting */
};

struct igt_ordered {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	igt_stream *first, *last; /* open or not yet through the sink */
	size_t open;
	size_t max_waiting, max_streams;
	int forwarding; /* a thread is passing items to the sink */
	int no_more;
	igt_ordered_sink sink;
	igt_ordered_tick tick;
	void *ctx;
};

igt_ordered *igt_ordered_new(igt_ordered_sink sink, igt_ordered_tick tick, void *ctx,
                             size_t max_waiting, size_t max_streams)
{
	igt_ordered *o = igt_xcalloc(1, sizeof(*o));
	pthread_mutex_init(&o->lock, NULL);
	pthread_cond_init(&o->changed, NULL);
	o->sink = sink;
	o->tick = tick;
	o->ctx = ctx;
	o->max_waiting = max_waiting ? max_waiting : 1;
	o->max_streams = max_streams ? max_streams : 1;
	return o;
}

void igt_ordered_free(igt_ordered *o)
{
	if (!o)
		return;
	pthread_cond_destroy(&o->changed);
	pthread_mutex_destroy(&o->lock);
	free(o);
}

/* Wait for a change, with the lock held; the tick runs every 100 ms,
 * without the lock. */
static void wait_for_change(igt_ordered *o)
{
	if (!o->tick) {
		pthread_cond_wait(&o->changed, &o->lock);
		return;
	}
	if (igt_cond_wait_ms(&o->changed, &o->lock, 100) != 0) {
		pthread_mutex_unlock(&o->lock);
		o->tick(o->ctx);
		pthread_mutex_lock(&o->lock);
	}
}

/* Pass whatever is ready, in order, to the sink; with the lock held. One
 * thread forwards at a time; a thread that finds another at it leaves the
 * work to it, which looks again before it stops. */
static void forward(igt_ordered *o)
{
	if (o->forwarding)
		return;
	o->forwarding = 1;
	for (igt_stream *st; (st = o->first);) {
		if (st->head) {
			node *n = st->head;
			st->head = n->next;
			if (!st->head)
				st->tail = NULL;
			st->n--;
			pthread_cond_broadcast(&o->changed);
			pthread_mutex_unlock(&o->lock);
			o->sink(o->ctx, st->job, n->item);
			free(n);
			pthread_mutex_lock(&o->lock);
		} else if (st->ended) {
			o->first = st->next;
			if (!o->first)
				o->last = NULL;
			o->open--;
			pthread_cond_broadcast(&o->changed);
			pthread_mutex_unlock(&o->lock);
			o->sink(o->ctx, st->job, NULL);
			free(st);
			pthread_mutex_lock(&o->lock);
		} else {
			break;
		}
	}
	o->forwarding = 0;
	pthread_cond_broadcast(&o->changed);
}

igt_stream *igt_ordered_open(igt_ordered *o, void *job, int own)
{
	igt_stream *st = igt_xcalloc(1, sizeof(*st));
	st->o = o;
	st->job = job;
	st->taken = own;
	pthread_mutex_lock(&o->lock);
	while (o->open >= o->max_streams)
		wait_for_change(o);
	if (o->last)
		o->last->next = st;
	else
		o->first = st;
	o->last = st;
	o->open++;
	pthread_cond_broadcast(&o->changed);
	pthread_mutex_unlock(&o->lock);
	return st;
}

igt_stream *igt_ordered_take(igt_ordered *o, void **job)
{
	pthread_mutex_lock(&o->lock);
	for (;;) {
		/* At most max_streams are open: the walk is short. */
		for (igt_stream *st = o->first; st; st = st->next) {
			if (!st->taken) {
				st->taken = 1;
				*job = st->job;
				pthread_mutex_unlock(&o->lock);
				return st;
			}
		}
		if (o->no_more)
			break;
		wait_for_change(o);
	}
	pthread_mutex_unlock(&o->lock);
	*job = NULL;
	return NULL;
}

void igt_stream_put(igt_stream *st, void *item)
{
	igt_ordered *o = st->o;
	node *n = igt_xcalloc(1, sizeof(*n));
	n->item = item;
	pthread_mutex_lock(&o->lock);
	/* Only the first stream's items move: a later one waits here until
	 * the streams before it are through. */
	while (st->n >= o->max_waiting)
		wait_for_change(o);
	if (st->tail)
		st->tail->next = n;
	else
		st->head = n;
	st->tail = n;
	st->n++;
	forward(o);
	pthread_mutex_unlock(&o->lock);
}

void igt_stream_end(igt_stream *st)
{
	igt_ordered *o = st->o;
	pthread_mutex_lock(&o->lock);
	st->ended = 1;
	forward(o);
	pthread_mutex_unlock(&o->lock);
}

void igt_ordered_wait(igt_ordered *o)
{
	pthread_mutex_lock(&o->lock);
	while (o->first || o->forwarding)
		wait_for_change(o);
	pthread_mutex_unlock(&o->lock);
}

void igt_ordered_no_more(igt_ordered *o)
{
	pthread_mutex_lock(&o->lock);
	o->no_more = 1;
	pthread_cond_broadcast(&o->changed);
	pthread_mutex_unlock(&o->lock);
}
