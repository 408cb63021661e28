/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for stages.h: every item passes every stage, in the order it
 * was pushed, one item at a time per stage, whatever the numbers of
 * stages, workers and items allowed in flight; the pushing thread's limit
 * holds; a held stage does not run until it is released.
 */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "stages.h"
#include "tap.h"

#define MAX_STAGES 8

typedef struct item {
	long seq;
	int passed[MAX_STAGES];
} item;

typedef struct run {
	size_t n_stages;
	long next[MAX_STAGES];      /* the sequence number each stage expects */
	atomic_int inside[MAX_STAGES]; /* threads in each stage now */
	atomic_int overlaps, out_of_order, skipped;
	atomic_long in_flight, most_in_flight;
	atomic_int held;            /* the test holds stage 0 */
	atomic_int ran_while_held;
	long done;                  /* items through the last stage */
} run;

static void pause_briefly(long seq)
{
	/* Uneven work, so that stages overtake one another. */
	if (seq % 7 == 0) {
		struct timespec ts = {0, 20000};
		nanosleep(&ts, NULL);
	}
}

static void stage(void *ctx, size_t s, void *p)
{
	run *r = ctx;
	item *it = p;
	if (atomic_fetch_add(&r->inside[s], 1) != 0)
		atomic_fetch_add(&r->overlaps, 1);
	if (s == 0 && atomic_load(&r->held))
		atomic_fetch_add(&r->ran_while_held, 1);
	/* r->next[s] is touched only inside stage s: no lock needed if the
	 * stage runs one item at a time, which is what is tested. */
	if (it->seq != r->next[s])
		atomic_fetch_add(&r->out_of_order, 1);
	r->next[s] = it->seq + 1;
	for (size_t k = 0; k < s; k++)
		if (!it->passed[k])
			atomic_fetch_add(&r->skipped, 1);
	it->passed[s] = 1;
	pause_briefly(it->seq + (long)s);
	atomic_fetch_sub(&r->inside[s], 1);
	if (s == r->n_stages - 1) {
		r->done++;
		atomic_fetch_sub(&r->in_flight, 1);
		free(it);
	}
}

static void check(size_t n_stages, size_t workers, size_t max_items, long n_items)
{
	run r = {.n_stages = n_stages};
	igt_stages *s = igt_stages_start(n_stages, workers, max_items, stage, &r);
	ok(s != NULL, "%zu stages, %zu workers, %zu in flight: started", n_stages, workers, max_items);
	if (!s)
		return;
	for (long i = 0; i < n_items; i++) {
		item *it = calloc(1, sizeof(*it));
		it->seq = i;
		long now = atomic_fetch_add(&r.in_flight, 1) + 1;
		if (now > atomic_load(&r.most_in_flight))
			atomic_store(&r.most_in_flight, now);
		igt_stages_push(s, it);
	}
	igt_stages_finish(s);
	ok(r.done == n_items, "  every item passed the last stage (%ld of %ld)", r.done, n_items);
	ok(r.overlaps == 0, "  no stage ran two items at once (%d overlaps)", (int)r.overlaps);
	ok(r.out_of_order == 0, "  each stage saw the items in order (%d not)", (int)r.out_of_order);
	ok(r.skipped == 0, "  no item skipped a stage (%d did)", (int)r.skipped);
	/* Counted before push, so one more than the limit can be seen. */
	ok(atomic_load(&r.most_in_flight) <= (long)max_items + 1, "  at most %zu in flight (%ld)",
	   max_items, atomic_load(&r.most_in_flight));
}

static void check_hold(void)
{
	run r = {.n_stages = 2};
	/* Room for all 20: a push that waited for room behind the held stage
	 * would wait for ever (a holder must not push). */
	igt_stages *s = igt_stages_start(2, 2, 20, stage, &r);
	ok(s != NULL, "hold: started");
	if (!s)
		return;
	/* Items 10-12 are pushed while stage 0 is held; it is released
	 * before 13. */
	for (long i = 0; i < 20; i++) {
		if (i == 10) {
			igt_stages_hold(s, 0);
			atomic_store(&r.held, 1);
		}
		if (i == 13) {
			struct timespec ts = {0, 5000000};
			nanosleep(&ts, NULL);
			atomic_store(&r.held, 0);
			igt_stages_release(s, 0);
		}
		item *it = calloc(1, sizeof(*it));
		it->seq = i;
		igt_stages_push(s, it);
	}
	igt_stages_finish(s);
	ok(r.ran_while_held == 0, "hold: stage 0 did not run while held");
	ok(r.done == 20 && r.out_of_order == 0, "hold: after release every item passed, in order");
}

int main(void)
{
	check(1, 1, 1, 200);
	check(1, 4, 3, 500);
	check(3, 1, 1, 300);
	check(3, 2, 5, 1000);
	check(8, 8, 2, 1000);
	check(8, 3, 20, 2000);
	check(5, 16, 7, 1000);
	check_hold();
	printf("1..%d\n", tap_count);
	return tap_failures ? 1 : 0;
}
