/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_fit_cancel: a stop asked from another thread while ALS or iALS
 * is inside an epoch with a large k ends the fit in that epoch, not at
 * its end: the epoch is never reported done, the fit says it was
 * cancelled, and the factors are those of the last whole epoch. No wall
 * time is asserted: an epoch here takes far longer than the stop's
 * delay, and the epoch counter tells whether the epoch finished. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "model/model.h"
#include "model_util.h"

/* Large enough that one epoch solves many rows of (k+1)-square systems
 * (about a second on one core), far past the stop's delay. */
#define BIG_K 200
#define STOP_DELAY_MS 20

/* The stopper: waits for its go, sleeps a little (so the fit is inside
 * an epoch), then sets the flag. */
struct stopper {
	atomic_bool flag;
	pthread_mutex_t lock;
	pthread_cond_t go_cond;
	bool go;
	int epochs_done;           /* counted by the epoch callback */
	int go_after;              /* epoch after which to start; 0: now */
	pthread_t tid;
};

static void *stopper_run(void *arg)
{
	struct stopper *s = arg;
	struct timespec d = { 0, STOP_DELAY_MS * 1000000L };

	pthread_mutex_lock(&s->lock);
	while (!s->go)
		pthread_cond_wait(&s->go_cond, &s->lock);
	pthread_mutex_unlock(&s->lock);
	nanosleep(&d, NULL);
	atomic_store(&s->flag, true);
	return NULL;
}

static void stopper_go(struct stopper *s)
{
	pthread_mutex_lock(&s->lock);
	s->go = true;
	pthread_cond_signal(&s->go_cond);
	pthread_mutex_unlock(&s->lock);
}

/* Counts epochs; starts the stopper after epoch go_after. */
static bool count_epoch(void *ctx, const struct epoch_event *ev)
{
	struct stopper *s = ctx;

	s->epochs_done = ev->epoch;
	if (ev->epoch == s->go_after)
		stopper_go(s);
	return true;
}

static void stopper_start(struct stopper *s, int go_after)
{
	memset(s, 0, sizeof *s);
	atomic_init(&s->flag, false);
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->go_cond, NULL);
	s->go_after = go_after;
	assert_int_equal(pthread_create(&s->tid, NULL, stopper_run, s), 0);
	if (go_after == 0)
		stopper_go(s);
}

static void stopper_join(struct stopper *s)
{
	stopper_go(s);             /* when the fit ended before its go */
	pthread_join(s->tid, NULL);
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->go_cond);
}

static struct model_params big_params(enum model_kind kind, int epochs)
{
	struct model_params p;

	model_params_default(kind, &p);
	p.factors = BIG_K;
	p.epochs = epochs;
	p.threads = 2;
	p.seed = 7;
	return p;
}

/* A fit of kind with epochs epochs, stopped STOP_DELAY_MS after epoch
 * go_after (0: after the start); returns the model, rc in *rc. */
static struct model *fit_stopped(struct tdata *d, enum model_kind kind,
				 int epochs, int go_after,
				 struct stopper *s, int *rc)
{
	struct model_params p = big_params(kind, epochs);
	struct model *m = model_new(kind, &p);
	struct fit_data fd = { d->m, &d->cat, NULL };
	char err[256] = "";

	stopper_start(s, go_after);
	m->cancel = &s->flag;
	m->on_epoch = count_epoch;
	m->epoch_ctx = s;
	*rc = model_fit(m, &fd, err, sizeof err);
	stopper_join(s);
	return m;
}

static int setup(void **state)
{
	struct tdata *d = xcalloc(1, sizeof *d);

	tdata_random(d, 400, 300, 30, 11);
	*state = d;
	return 0;
}

static int teardown(void **state)
{
	tdata_free(*state);
	free(*state);
	return 0;
}

/* A single long epoch stopped inside: never reported, fit cancelled. */
static void stop_in_first_epoch(void **state, enum model_kind kind)
{
	struct stopper s;
	int rc;
	struct model *m = fit_stopped(*state, kind, 1, 0, &s, &rc);

	assert_int_equal(rc, 0);
	assert_int_equal(s.epochs_done, 0);
	assert_true(model_cancelled(m));
	model_free(m);
}

static void als_stop_in_first_epoch(void **state)
{
	stop_in_first_epoch(state, MODEL_ALS);
}

static void ials_stop_in_first_epoch(void **state)
{
	stop_in_first_epoch(state, MODEL_IALS);
}

/* Stopped inside epoch 2 of 3: epoch 1 stays, so every prediction and
 * score equals that of a fit of one epoch (same seed, the factors do not
 * depend on the threads). */
static void stop_in_second_epoch(void **state, enum model_kind kind)
{
	struct tdata *d = *state;
	struct stopper s;
	int rc;
	struct model *m = fit_stopped(d, kind, 3, 1, &s, &rc);
	struct model_params p = big_params(kind, 1);
	struct model *one = model_new(kind, &p);
	struct fit_data fd = { d->m, &d->cat, NULL };
	char err[256] = "";
	uint32_t n = m->n_items;
	float *a = xcalloc(n, sizeof *a), *b = xcalloc(n, sizeof *b);

	assert_int_equal(rc, 0);
	assert_int_equal(s.epochs_done, 1);
	assert_true(model_cancelled(m));
	assert_int_equal(model_fit(one, &fd, err, sizeof err), 0);
	for (uint32_t u = 0; u < m->n_users; u += 37) {
		model_score_all(m, u, NULL, a);
		model_score_all(one, u, NULL, b);
		for (uint32_t i = 0; i < n; i++)
			assert_true(a[i] == b[i]);
	}
	free(a);
	free(b);
	model_free(one);
	model_free(m);
}

static void als_stop_in_second_epoch(void **state)
{
	stop_in_second_epoch(state, MODEL_ALS);
}

static void ials_stop_in_second_epoch(void **state)
{
	stop_in_second_epoch(state, MODEL_IALS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(als_stop_in_first_epoch),
		cmocka_unit_test(ials_stop_in_first_epoch),
		cmocka_unit_test(als_stop_in_second_epoch),
		cmocka_unit_test(ials_stop_in_second_epoch),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
