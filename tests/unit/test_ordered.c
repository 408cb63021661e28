/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for ordered.h: whatever the number of producer threads and
 * the bounds, the sink gets every item of every stream, the streams in
 * the order they were opened and each stream's items in the order they
 * were put, one sink call at a time, each stream's end after its items;
 * a stream never holds more than max_waiting items, nor are more than
 * max_streams open; streams the opener fills itself take their place in
 * the order like the others.
 */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "ordered.h"
#include "tap.h"

typedef struct job {
	long first; /* sequence number of its first item */
	long n;     /* items */
} job;

typedef struct run {
	igt_ordered *o;
	long next;          /* the sequence number the sink expects */
	long ends;          /* stream ends seen */
	long ends_early;    /* an end before all of its stream's items */
	long out_of_order;
	atomic_int in_sink, overlaps;
	atomic_long waiting, most_waiting; /* items put, not yet sunk */
	atomic_long open, most_open;       /* streams opened, not yet ended in the sink */
	size_t max_waiting, producers;
} run;

static void pause_briefly(long seq)
{
	/* Uneven work, so that producers overtake one another. */
	if (seq % 5 == 0) {
		struct timespec ts = {0, 30000};
		nanosleep(&ts, NULL);
	}
}

static void sink(void *ctx, void *jp, void *item)
{
	run *r = ctx;
	job *j = jp;
	if (atomic_fetch_add(&r->in_sink, 1) != 0)
		atomic_fetch_add(&r->overlaps, 1);
	if (item) {
		long seq = *(long *)item;
		if (seq != r->next)
			r->out_of_order++;
		r->next = seq + 1;
		atomic_fetch_sub(&r->waiting, 1);
		free(item);
		pause_briefly(seq);
	} else {
		if (r->next != j->first + j->n)
			r->ends_early++;
		r->ends++;
		atomic_fetch_sub(&r->open, 1);
		free(j);
	}
	atomic_fetch_sub(&r->in_sink, 1);
}

static void note_max(atomic_long *v, atomic_long *most)
{
	long now = atomic_fetch_add(v, 1) + 1;
	long m = atomic_load(most);
	while (now > m && !atomic_compare_exchange_weak(most, &m, now))
		;
}

static void fill(run *r, igt_stream *st, const job *j)
{
	for (long i = 0; i < j->n; i++) {
		long *item = malloc(sizeof(*item));
		*item = j->first + i;
		/* put waits while the stream holds max_waiting items; the sink
		 * may have freed the item by the time it returns */
		igt_stream_put(st, item);
		note_max(&r->waiting, &r->most_waiting);
		pause_briefly(j->first + i + 3);
	}
	igt_stream_end(st);
}

static void *producer(void *arg)
{
	run *r = arg;
	void *jp;
	igt_stream *st;
	while ((st = igt_ordered_take(r->o, &jp)))
		fill(r, st, jp);
	return NULL;
}

/* streams of 0 to 20 items; every third one the opener fills itself */
static void check(size_t producers, size_t max_waiting, size_t max_streams, long streams)
{
	run r = {0};
	r.max_waiting = max_waiting;
	r.producers = producers;
	r.o = igt_ordered_new(sink, NULL, &r, max_waiting, max_streams);
	pthread_t t[16];
	for (size_t i = 0; i < producers; i++)
		pthread_create(&t[i], NULL, producer, &r);
	long seq = 0;
	for (long s = 0; s < streams; s++) {
		job *j = malloc(sizeof(*j));
		j->first = seq;
		j->n = (s * 7) % 21;
		seq += j->n;
		int own = s % 3 == 2;
		note_max(&r.open, &r.most_open);
		igt_stream *st = igt_ordered_open(r.o, j, own);
		if (own)
			fill(&r, st, j);
	}
	igt_ordered_wait(r.o);
	long through = r.next;
	igt_ordered_no_more(r.o);
	for (size_t i = 0; i < producers; i++)
		pthread_join(t[i], NULL);
	igt_ordered_free(r.o);
	is_int(through, seq, "%zu producers, %zu waiting, %zu streams: every item through", producers,
	       max_waiting, max_streams);
	is_int(r.ends, streams, "%zu/%zu/%zu: every stream ended in the sink", producers, max_waiting,
	       max_streams);
	is_int(r.out_of_order, 0, "%zu/%zu/%zu: items in order", producers, max_waiting, max_streams);
	is_int(r.ends_early, 0, "%zu/%zu/%zu: each end after its items", producers, max_waiting,
	       max_streams);
	is_int(atomic_load(&r.overlaps), 0, "%zu/%zu/%zu: one sink call at a time", producers,
	       max_waiting, max_streams);
	/* The count is raised after put returns, and lowered in the sink:
	 * one item per producer (and the opener) may be counted late. */
	ok(atomic_load(&r.most_waiting) <= (long)((producers + 1) * (max_waiting + 1)),
	   "%zu/%zu/%zu: items waiting stay bounded (%ld)", producers, max_waiting, max_streams,
	   atomic_load(&r.most_waiting));
	/* Raised before open, which waits while max_streams are open, and
	 * lowered in the sink just after a stream has left: one early, one
	 * late. */
	ok(atomic_load(&r.most_open) <= (long)max_streams + 2,
	   "%zu/%zu/%zu: streams open stay bounded (%ld)", producers, max_waiting, max_streams,
	   atomic_load(&r.most_open));
}

int main(void)
{
	check(1, 1, 1, 50);
	check(2, 1, 2, 200);
	check(2, 4, 8, 300);
	check(3, 2, 3, 300);
	check(8, 4, 26, 500);
	check(16, 1, 4, 300);
	/* no producer: the opener fills every stream it keeps */
	{
		run r = {0};
		r.o = igt_ordered_new(sink, NULL, &r, 2, 4);
		long seq = 0;
		for (long s = 0; s < 30; s++) {
			job *j = malloc(sizeof(*j));
			j->first = seq;
			j->n = s % 4;
			seq += j->n;
			atomic_fetch_add(&r.open, 1);
			fill(&r, igt_ordered_open(r.o, j, 1), j);
		}
		igt_ordered_wait(r.o);
		igt_ordered_no_more(r.o);
		void *jp;
		ok(igt_ordered_take(r.o, &jp) == NULL && jp == NULL,
		   "take returns NULL once there is no more");
		igt_ordered_free(r.o);
		is_int(r.next, seq, "the opener alone: every item through, in order");
		is_int(r.out_of_order, 0, "the opener alone: in order");
	}
	return done_testing();
}
