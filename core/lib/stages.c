/* SPDX-License-Identifier: MIT */
/* Ordered stages on worker threads (stages.h). */
#include "config.h"

#include <pthread.h>
#include <signal.h>
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

/* The last stage with an item waiting that no thread is in: finishing
 * items first keeps the number in flight, and memory, low. */
static size_t pick(const igt_stages *s)
{
	for (size_t i = s->n_stages; i-- > 0;)
		if (s->q[i].head && !s->q[i].running)
			return i;
	return (size_t)-1;
}

/* With the lock held: run one waiting item through one stage, if any can
 * run. Returns 1 if one ran (the lock was let go meanwhile). */
static int run_one(igt_stages *s)
{
	size_t i = pick(s);
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

static void *worker(void *arg)
{
	igt_stages *s = arg;
	pthread_mutex_lock(&s->lock);
	for (;;) {
		if (run_one(s))
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
	s->threads = igt_xcalloc(workers, sizeof(*s->threads));
	/* The workers inherit a mask without the stop signals: a signal then
	 * reaches the reading thread, whose read() it interrupts, as it does
	 * without workers. */
	sigset_t stop, old;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &stop, &old);
	for (size_t i = 0; i < workers; i++) {
		if (pthread_create(&s->threads[s->n_threads], NULL, worker, s) != 0)
			break;
		s->n_threads++;
	}
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
		if (!run_one(s))
			pthread_cond_wait(&s->changed, &s->lock);
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
	while (s->q[stage].running)
		pthread_cond_wait(&s->changed, &s->lock);
	s->q[stage].running = 1;
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
		if (!run_one(s))
			pthread_cond_wait(&s->changed, &s->lock);
	pthread_mutex_unlock(&s->lock);
	for (size_t i = 0; i < s->n_threads; i++)
		pthread_join(s->threads[i], NULL);
	pthread_cond_destroy(&s->changed);
	pthread_mutex_destroy(&s->lock);
	free(s->threads);
	free(s->q);
	free(s);
}
