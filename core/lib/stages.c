/* SPDX-License-Identifier: MIT */
/* Ordered stages on worker threads (stages.h). */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "stages.h"
#include "util.h"

typedef struct node {
	void *item;
	struct node *next;
} node;

typedef struct stage_queue {
	node *head, *tail; /* items waiting for this stage, oldest first */
	int running;       /* a thread is in the stage, or it is held */
	int hold_wanted;   /* igt_stages_hold waits for it: let it have it */
} stage_queue;

struct igt_stages {
	/* One lock and one condition for everything: state changes once per
	 * item and stage, and items are batches of documents, so there are a
	 * few thousand changes a second at most. */
	pthread_mutex_t lock;
	pthread_cond_t changed;
	stage_queue *q;
	size_t n_stages;
	size_t in_flight, max_items;
	int closing;
	igt_stage_fn fn;
	void *ctx;
	pthread_t *threads;
	size_t n_threads;
};

/* The last stage below `below` with an item waiting that no thread is
 * in: finishing items first keeps the number in flight, and memory, low. */
static size_t pick(const igt_stages *s, size_t below)
{
	for (size_t i = below; i-- > 0;)
		if (s->q[i].head && !s->q[i].running && !s->q[i].hold_wanted)
			return i;
	return (size_t)-1;
}

/* With the lock held: run one waiting item through one stage below
 * `below`, if any can run. Returns 1 if one ran (the lock was let go
 * meanwhile). */
static int run_one(igt_stages *s, size_t below)
{
	size_t i = pick(s, below);
	if (i == (size_t)-1)
		return 0;
	stage_queue *q = &s->q[i];
	node *n = q->head;
	q->head = n->next;
	if (!q->head)
		q->tail = NULL;
	q->running = 1;
	pthread_mutex_unlock(&s->lock);
	s->fn(s->ctx, i, n->item);
	pthread_mutex_lock(&s->lock);
	q->running = 0;
	if (i + 1 < s->n_stages) {
		stage_queue *next = &s->q[i + 1];
		n->next = NULL;
		if (next->tail)
			next->tail->next = n;
		else
			next->head = n;
		next->tail = n;
	} else {
		free(n);
		s->in_flight--;
	}
	pthread_cond_broadcast(&s->changed);
	return 1;
}

/* The threads a stop signal is passed on to: the one that started the
 * stages and the workers. One set of stages runs at a time. Filled before
 * the count is published and emptied before the threads are joined, so
 * that the signal handler reads only live threads. */
#define MAX_SIGNAL_THREADS 512
static pthread_t signal_threads[MAX_SIGNAL_THREADS];
static atomic_size_t n_signal_threads;
static atomic_int signal_passed; /* the stop signal passed on, or 0 */

void igt_stages_pass_signal(int sig)
{
	atomic_store(&signal_passed, sig);
	size_t n = atomic_load(&n_signal_threads);
	pthread_t self = pthread_self();
	for (size_t i = 0; i < n; i++)
		if (!pthread_equal(signal_threads[i], self))
			pthread_kill(signal_threads[i], sig);
}

void igt_stages_repeat_signal(void)
{
	int sig = atomic_load(&signal_passed);
	if (sig && atomic_load(&n_signal_threads))
		igt_stages_pass_signal(sig);
}

/* Wait for a change, with the lock held. After a stop signal the thread
 * that started the stages passes it on again every 100 ms while it
 * waits: a signal that came during a worker's write to a pipe only
 * shortens it when part of it went through, and stdio writes the rest,
 * blocked again; the next signal then interrupts it, as the only
 * thread's write would be interrupted without workers. */
static void wait_for_change(igt_stages *s)
{
	int sig = atomic_load(&signal_passed);
	if (!sig || !pthread_equal(pthread_self(), signal_threads[0])) {
		pthread_cond_wait(&s->changed, &s->lock);
		return;
	}
	if (igt_cond_wait_ms(&s->changed, &s->lock, 100) != 0)
		igt_stages_pass_signal(sig);
}

/* The stages the starting thread helps with while it waits: not the
 * last, whose writes to a pipe may block; the starting thread stays free
 * to pass a stop signal on (wait_for_change) and the workers always have
 * the last stage. */
static size_t helper_stages(const igt_stages *s)
{
	return s->n_stages - 1;
}

void igt_stop_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
}

static void *worker(void *arg)
{
	igt_stages *s = arg;
	/* The lock is free once igt_stages_start has listed this thread for
	 * igt_stages_pass_signal: from then on it may take stop signals. */
	pthread_mutex_lock(&s->lock);
	sigset_t stop;
	igt_stop_signals(&stop);
	pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
	for (;;) {
		if (run_one(s, s->n_stages))
			continue;
		if (s->closing && s->in_flight == 0)
			break;
		pthread_cond_wait(&s->changed, &s->lock);
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

igt_stages *igt_stages_start(size_t n_stages, size_t workers, size_t max_items,
                             igt_stage_fn fn, void *ctx)
{
	igt_stages *s = igt_xcalloc(1, sizeof(*s));
	s->q = igt_xcalloc(n_stages, sizeof(*s->q));
	s->n_stages = n_stages;
	s->max_items = max_items ? max_items : 1;
	s->fn = fn;
	s->ctx = ctx;
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->changed, NULL);
	if (workers > MAX_SIGNAL_THREADS - 1)
		workers = MAX_SIGNAL_THREADS - 1;
	s->threads = igt_xcalloc(workers, sizeof(*s->threads));
	/* Workers start with the stop signals blocked and take them only
	 * once they are listed for igt_stages_pass_signal (they wait for
	 * the lock held here), so that a signal caught on any thread reaches
	 * them all: a worker's blocked write is interrupted as the single
	 * thread's is, and the reading thread's read as before. */
	sigset_t stop, old;
	igt_stop_signals(&stop);
	pthread_sigmask(SIG_BLOCK, &stop, &old);
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < workers; i++) {
		if (pthread_create(&s->threads[s->n_threads], NULL, worker, s) != 0)
			break;
		s->n_threads++;
	}
	signal_threads[0] = pthread_self();
	atomic_store(&signal_passed, 0);
	for (size_t i = 0; i < s->n_threads; i++)
		signal_threads[i + 1] = s->threads[i];
	atomic_store(&n_signal_threads, s->n_threads + 1);
	pthread_mutex_unlock(&s->lock);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!s->n_threads) {
		igt_stages_finish(s);
		return NULL;
	}
	return s;
}

void igt_stages_push(igt_stages *s, void *item)
{
	node *n = igt_xcalloc(1, sizeof(*n));
	n->item = item;
	pthread_mutex_lock(&s->lock);
	while (s->in_flight >= s->max_items)
		if (!run_one(s, helper_stages(s)))
			wait_for_change(s);
	stage_queue *q = &s->q[0];
	if (q->tail)
		q->tail->next = n;
	else
		q->head = n;
	q->tail = n;
	s->in_flight++;
	pthread_cond_broadcast(&s->changed);
	pthread_mutex_unlock(&s->lock);
}

void igt_stages_hold(igt_stages *s, size_t stage)
{
	pthread_mutex_lock(&s->lock);
	/* Without this, a worker that ends an item of this stage would take
	 * the next one before the lock is let go, for as long as the stage
	 * has items waiting. */
	s->q[stage].hold_wanted++;
	while (s->q[stage].running)
		wait_for_change(s);
	s->q[stage].hold_wanted--;
	s->q[stage].running = 1;
	pthread_mutex_unlock(&s->lock);
}

void igt_stages_drain(igt_stages *s)
{
	pthread_mutex_lock(&s->lock);
	while (s->in_flight > 0)
		if (!run_one(s, helper_stages(s)))
			wait_for_change(s);
	pthread_mutex_unlock(&s->lock);
}

void igt_stages_release(igt_stages *s, size_t stage)
{
	pthread_mutex_lock(&s->lock);
	s->q[stage].running = 0;
	pthread_cond_broadcast(&s->changed);
	pthread_mutex_unlock(&s->lock);
}

void igt_stages_finish(igt_stages *s)
{
	pthread_mutex_lock(&s->lock);
	s->closing = 1;
	pthread_cond_broadcast(&s->changed);
	while (s->in_flight > 0)
		if (!run_one(s, helper_stages(s)))
			wait_for_change(s);
	atomic_store(&n_signal_threads, 0);
	pthread_mutex_unlock(&s->lock);
	for (size_t i = 0; i < s->n_threads; i++)
		pthread_join(s->threads[i], NULL);
	pthread_cond_destroy(&s->changed);
	pthread_mutex_destroy(&s->lock);
	free(s->threads);
	free(s->q);
	free(s);
}
