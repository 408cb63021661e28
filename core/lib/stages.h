/* SPDX-License-Identifier: MIT */
/*
 * Ordered stages on worker threads: items pass stage 0, 1, … n-1 in the
 * order they were pushed, and each stage sees one item at a time, always
 * in that order, whichever thread runs it. Different stages run at once
 * on different items. This is what lets the pipeline spread a document's
 * analysis plugins over threads without asking any plugin to be
 * thread-safe: a plugin is one stage, and its calls stay sequential.
 *
 * Which thread runs a stage is decided item by item: an idle thread takes
 * the last stage that has an item waiting and is not running, so finished
 * work drains first and no stage needs a thread of its own. The pushing
 * thread takes part too while it waits for room, in every stage but the
 * last (the outputs, in the pipeline), so that a write blocked on a pipe
 * never keeps it from passing a stop signal on.
 */
#ifndef IGT_STAGES_H
#define IGT_STAGES_H

#include <signal.h>
#include <stddef.h>

typedef struct igt_stages igt_stages;

/* Runs stage `stage` on item. After the last stage the item is the
 * callback's to free. */
typedef void (*igt_stage_fn)(void *ctx, size_t stage, void *item);

/* Start `workers` threads (at least 1) for n_stages stages (at least 1);
 * at most max_items items are between push and the end of the last
 * stage. NULL if no thread could be started. */
igt_stages *igt_stages_start(size_t n_stages, size_t workers, size_t max_items,
                             igt_stage_fn fn, void *ctx);
/* Hand item to stage 0. Waits, running stages meanwhile, while max_items
 * are in flight. */
void igt_stages_push(igt_stages *s, void *item);
/* Wait until stage `stage` is not running and keep it from running until
 * igt_stages_release: the caller may then use what that stage uses. The
 * holder must not push meanwhile: a push that waits for room could wait
 * for the held stage. */
void igt_stages_hold(igt_stages *s, size_t stage);
void igt_stages_release(igt_stages *s, size_t stage);
/* Wait, running stages meanwhile, until every item pushed so far has
 * passed the last stage. */
void igt_stages_drain(igt_stages *s);
/* Pass stop signal sig on to the other threads of the running stages, so
 * that a read or write blocked on any of them is interrupted (EINTR) as
 * it is on one thread. Async-signal-safe: for the signal handler. */
void igt_stages_pass_signal(int sig);
/* After a stop signal was passed on, pass it on again: for a thread that
 * waits elsewhere than in these functions, or cannot be sure it waits
 * with a timeout (see wait_for_change in stages.c). Async-signal-safe. */
void igt_stages_repeat_signal(void);
/* The stop signals (SIGINT, SIGTERM, SIGHUP): the set a thread blocks
 * when it must leave them to the threads that can be stuck in a read or
 * a write. */
void igt_stop_signals(sigset_t *set);
/* Run every pushed item through every stage, stop the threads and free s. */
void igt_stages_finish(igt_stages *s);

#endif
