/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_trainer: the Train pane's core. The run life cycle on a random
 * matrix (events arrive in order with finite figures, pause holds the
 * epoch counter, stop ends a 100,000-epoch run within a fraction of a
 * second, a full run measures, deploys and saves a model that loads),
 * divergence on handed case 14 (flagged epoch, the last good factors
 * kept, advice, nothing saved), the checks before a run (case 14's
 * λ = 0 and k = 8 messages, the iALS rule), the form's steps and typed
 * values, the monitor of a deployed model (age, your ratings since,
 * drift, retrain advice), the tuning grid on the worker (the same cells
 * as tune_run itself, progress, cancel midway, grids refused before a
 * run, the form's axis text) and the deploy race with the Search
 * worker (its default fit never overwrites a file saved meanwhile). */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "model/model.h"
#include "model_util.h"
#include "paths.h"
#include "profile.h"
#include "recs.h"
#include "trainer.h"
#include "tune.h"

/* How long the polls below wait at most before failing. */
#define WAIT_S 60.0

/* A temporary directory for model files and profiles. */
static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "%s/test_trainer.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmpdir))
		return -1;
	paths_init(tmpdir);
	return 0;
}

static int teardown(void **state)
{
	char cmd[512];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* A path in the temporary directory (static buffer). */
static const char *tmp_path(const char *name)
{
	static char buf[512];

	snprintf(buf, sizeof buf, "%s/%s", tmpdir, name);
	return buf;
}

/* Sleep ms milliseconds. */
static void nap(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Poll the status until pred holds (or WAIT_S passes). */
static void wait_for(struct trainer *t, struct trainer_status *st,
		     bool (*pred)(const struct trainer_status *, int),
		     int arg)
{
	double t0 = util_now();

	for (;;) {
		trainer_status(t, st);
		if (pred(st, arg))
			return;
		if (util_now() - t0 > WAIT_S)
			fail_msg("timed out in state %s at epoch %d",
				 trainer_state_name(st->state), st->epoch);
		nap(2);
	}
}

static bool is_final(const struct trainer_status *st, int arg)
{
	(void)arg;
	return trainer_state_final(st->state);
}

static bool has_events(const struct trainer_status *st, int n)
{
	return st->n_events >= (size_t)n || trainer_state_final(st->state);
}

static bool is_held(const struct trainer_status *st, int arg)
{
	(void)arg;
	return st->held || trainer_state_final(st->state);
}

/* ALS settings that train in about a millisecond an epoch here. */
static void als_config(struct trainer_config *c, int epochs,
		       const char *path)
{
	trainer_config_default(c, MODEL_ALS);
	c->params.factors = 8;
	c->params.reg = 0.1;
	c->params.reg_bias = 1;
	c->params.epochs = epochs;
	c->params.threads = 2;
	c->model_path = path;
}

/* A full run: epochs 1..8 in order with finite loss and validation
 * RMSE, the split counted, metrics measured, the refit saved where
 * asked and loadable for the catalogue, with its metrics in the file. */
static void run_done_in_order(void **state)
{
	struct trainer_config c;
	struct trainer_status st;
	struct trainer_event ev[16];
	struct tdata d;
	char err[256];
	struct trainer *t;
	struct model *m;
	size_t n;

	(void)state;
	tdata_random(&d, 300, 200, 30, 7);
	als_config(&c, 8, tmp_path("done.model"));
	t = trainer_start(&d.cat, &c, err, sizeof err);
	assert_non_null(t);
	wait_for(t, &st, is_final, 0);
	assert_int_equal(st.state, TRAINER_DONE);
	assert_int_equal(st.n_events, 8);
	n = trainer_events(t, 0, ev, 16);
	assert_int_equal(n, 8);
	for (size_t q = 0; q < n; q++) {
		assert_int_equal(ev[q].epoch, (int)q + 1);
		assert_int_equal(ev[q].epochs, 8);
		assert_true(isfinite(ev[q].train_loss));
		assert_true(ev[q].has_valid);
		assert_true(isfinite(ev[q].valid_rmse));
		assert_false(ev[q].divergent);
		assert_true(ev[q].seconds >= 0);
	}
	/* ALS decreases its objective every epoch */
	for (size_t q = 1; q < n; q++)
		assert_true(ev[q].train_loss <= ev[q - 1].train_loss + 1e-9);
	assert_int_equal(trainer_events(t, 6, ev, 16), 2);
	assert_int_equal(trainer_events(t, 8, ev, 16), 0);
	assert_int_equal(st.n_train + st.n_valid, d.t.n);
	assert_int_equal(st.n_valid, (size_t)lround(0.2 * (double)d.t.n));
	assert_true(st.best_epoch >= 1 && st.best_epoch <= 8);
	assert_true(st.has_metrics);
	assert_true(st.metrics.scored_pairs > 0);
	assert_near(st.metrics.rmse, ev[7].valid_rmse, 1e-9);
	assert_true(st.metrics.epoch_seconds > 0);
	assert_true(st.saved);
	assert_string_equal(st.path, tmp_path("done.model"));
	trainer_free(t);
	m = model_load(tmp_path("done.model"), &d.cat, err, sizeof err);
	assert_non_null(m);
	assert_int_equal(m->params.factors, 8);
	assert_non_null(strstr(m->metrics, "valid_rmse="));
	model_free(m);
	tdata_free(&d);
}

/* Pause holds the counter at an epoch end; resume goes on; stop ends
 * a run of 100,000 epochs within half a second (one epoch here is
 * about a millisecond), with nothing measured or saved. */
static void run_pause_and_stop(void **state)
{
	struct trainer_config c;
	struct trainer_status st, st2;
	struct tdata d;
	char err[256];
	struct trainer *t;

	(void)state;
	tdata_random(&d, 300, 200, 30, 11);
	als_config(&c, 100000, tmp_path("stopped.model"));
	c.deploy = true;
	t = trainer_start(&d.cat, &c, err, sizeof err);
	assert_non_null(t);
	wait_for(t, &st, has_events, 3);
	trainer_pause(t, true);
	wait_for(t, &st, is_held, 0);
	assert_true(st.held);
	assert_true(st.pause_asked);
	nap(200);
	trainer_status(t, &st2);
	assert_int_equal(st2.n_events, st.n_events);
	assert_int_equal(st2.epoch, st.epoch);
	assert_int_equal(st2.state, TRAINER_FITTING);
	trainer_pause(t, false);
	wait_for(t, &st2, has_events, (int)st.n_events + 3);
	assert_true(st2.n_events >= st.n_events + 3);
	trainer_stop(t);
	wait_for(t, &st, is_final, 0);
	assert_int_equal(st.state, TRAINER_STOPPED);
	/* how soon is a benchmark's to say (bench/), not a test's: here,
	 * that the stop is timed and came before the fit ended */
	assert_true(st.stop_seconds > 0);
	assert_true(st.epoch < 100000);
	assert_false(st.has_metrics);
	assert_false(st.saved);
	assert_int_equal(access(tmp_path("stopped.model"), F_OK), -1);
	print_message("# stop landed in %.2f ms at epoch %d\n",
		      st.stop_seconds * 1e3, st.epoch);
	trainer_free(t);
	tdata_free(&d);
}

/* Stopping a paused run ends it at once; freeing a running one too. */
static void run_stop_while_paused(void **state)
{
	struct trainer_config c;
	struct trainer_status st;
	struct tdata d;
	char err[256];
	struct trainer *t;

	(void)state;
	tdata_random(&d, 300, 200, 30, 13);
	als_config(&c, 100000, tmp_path("paused.model"));
	t = trainer_start(&d.cat, &c, err, sizeof err);
	assert_non_null(t);
	trainer_pause(t, true);
	wait_for(t, &st, is_held, 0);
	trainer_stop(t);
	wait_for(t, &st, is_final, 0);
	assert_int_equal(st.state, TRAINER_STOPPED);
	trainer_free(t);
	t = trainer_start(&d.cat, &c, err, sizeof err);
	assert_non_null(t);
	wait_for(t, &st, has_events, 2);
	trainer_free(t);
	tdata_free(&d);
}

/* Case 14 (3 users x 3 items, one rating each) with k = 8 and a λ so
 * small the systems are numerically singular: the run diverges at
 * epoch 1, that epoch is flagged, the last good factors stay (finite
 * predictions), the message says what to change, nothing is saved. */
static void case14_diverges(void **state)
{
	struct trainer_config c;
	struct trainer_status st;
	struct trainer_event ev[4];
	struct tdata d;
	char err[256];
	struct trainer *t;

	(void)state;
	assert_int_equal(tdata_case(&d, "cases/14-als-tiny-diagonal.csv"), 0);
	als_config(&c, 10, tmp_path("case14.model"));
	c.params.reg = 1e-300;
	c.params.reg_bias = 0;
	c.valid_fraction = 0;
	t = trainer_start(&d.cat, &c, err, sizeof err);
	assert_non_null(t);
	wait_for(t, &st, is_final, 0);
	assert_int_equal(st.state, TRAINER_DIVERGED);
	assert_int_equal(trainer_events(t, 0, ev, 4), 1);
	assert_int_equal(ev[0].epoch, 1);
	assert_true(ev[0].divergent);
	assert_true(isnan(ev[0].train_loss));
	assert_true(strncmp(st.message, "ALS diverged at epoch 1 (", 25) == 0);
	assert_non_null(strstr(st.message, "Increase λ or reduce k. "
				"Try λ = 0.01 (now 1e-300) or k ≤ 2 "
				"(now 8)."));
	assert_string_equal(st.warning, "k=8 ≥ min(users=3, items=3)");
	assert_true(st.restored);
	assert_false(st.has_metrics);
	assert_false(st.saved);
	assert_int_equal(access(tmp_path("case14.model"), F_OK), -1);
	trainer_free(t);
	tdata_free(&d);
}

/* Case 14 as handed: λ = 0 is refused before any thread starts, with
 * ALS's words, and k = 8 is warned about. */
static void case14_refused_before_a_run(void **state)
{
	struct trainer_config c;
	struct trainer_check chk;
	struct tdata d;
	char err[256];

	(void)state;
	assert_int_equal(tdata_case(&d, "cases/14-als-tiny-diagonal.csv"), 0);
	als_config(&c, 10, tmp_path("never.model"));
	c.params.reg = 0;
	trainer_check(MODEL_ALS, &c.params, &d.cat, &chk);
	assert_int_equal(chk.n_errors, 1);
	assert_string_equal(chk.errors[0], "λ=0 makes the system singular "
			    "for users with < k ratings; use λ > 0");
	assert_int_equal(chk.n_warnings, 1);
	assert_string_equal(chk.warnings[0], "k=8 ≥ min(users=3, items=3)");
	assert_string_equal(chk.rule, "");
	assert_null(trainer_start(&d.cat, &c, err, sizeof err));
	assert_string_equal(err, chk.errors[0]);
	tdata_free(&d);
}

/* The other checks: k, epochs and threads out of range, negative
 * shrinkage, kNN neighbours beyond the data, the iALS rule. */
static void checks_say_what_is_wrong(void **state)
{
	struct model_params p;
	struct trainer_check chk;
	struct tdata d;

	(void)state;
	tdata_random(&d, 20, 10, 5, 3);
	model_params_default(MODEL_ALS, &p);
	trainer_check(MODEL_ALS, &p, &d.cat, &chk);
	assert_int_equal(chk.n_errors, 0);
	assert_int_equal(chk.n_warnings, 1);   /* k = 32 >= 10 items */
	assert_string_equal(chk.warnings[0], "k=32 ≥ min(users=20, "
			    "items=10)");
	p.factors = 0;
	p.epochs = 0;
	p.threads = 0;
	trainer_check(MODEL_ALS, &p, &d.cat, &chk);
	assert_int_equal(chk.n_errors, 3);
	assert_string_equal(chk.errors[0], "k=0: the number of factors must "
			    "be between 1 and 1000");
	assert_string_equal(chk.errors[1], "threads=0: between 1 and 64");
	assert_string_equal(chk.errors[2], "at least one epoch is needed");
	model_params_default(MODEL_ITEM_KNN, &p);
	p.shrink = -1;
	trainer_check(MODEL_ITEM_KNN, &p, &d.cat, &chk);
	assert_int_equal(chk.n_errors, 1);
	assert_string_equal(chk.errors[0], "shrinkage=-1 must be ≥ 0");
	assert_string_equal(chk.warnings[0], "40 neighbours ≥ the 10 items: "
			    "every item is a neighbour");
	model_params_default(MODEL_IALS, &p);
	p.alpha = 2;
	p.positive_min = 4;
	trainer_check(MODEL_IALS, &p, &d.cat, &chk);
	assert_int_equal(chk.n_errors, 0);
	assert_string_equal(chk.rule, "positive if rating ≥ 4 (of 5), "
			    "confidence 1 + α·r (α = 2)");
	tdata_free(&d);
}

/* The form: each kind's fields, steps, formats and typed values. */
static void form_fields_step_and_parse(void **state)
{
	enum trainer_field f[TF_COUNT];
	struct model_params p;
	char buf[64], err[128];
	double v;

	(void)state;
	assert_int_equal(trainer_fields(MODEL_ALS, f), 6);
	assert_int_equal(f[0], TF_FACTORS);
	assert_int_equal(f[1], TF_REG);
	assert_int_equal(trainer_fields(MODEL_CONTENT, f), 0);
	assert_int_equal(trainer_fields(MODEL_IALS, f), 7);
	model_params_default(MODEL_ALS, &p);
	trainer_field_step(&p, TF_FACTORS, 1);
	assert_int_equal(p.factors, 64);
	trainer_field_step(&p, TF_FACTORS, -1);
	trainer_field_step(&p, TF_FACTORS, -1);
	assert_int_equal(p.factors, 16);
	p.reg = 0.13;
	trainer_field_step(&p, TF_REG, 1);
	assert_near(p.reg, 0.2, 1e-12);
	trainer_field_step(&p, TF_REG, -1);
	trainer_field_step(&p, TF_REG, -1);
	assert_near(p.reg, 0.05, 1e-12);
	p.epochs = 9;
	trainer_field_step(&p, TF_EPOCHS, 1);
	trainer_field_step(&p, TF_EPOCHS, 1);
	assert_int_equal(p.epochs, 15);
	p.epochs = 0;
	trainer_field_step(&p, TF_EPOCHS, -1);
	assert_int_equal(p.epochs, 0);
	trainer_field_format(&p, TF_REG, buf, sizeof buf);
	assert_string_equal(buf, "0.05");
	trainer_field_format(&p, TF_CENTRED, buf, sizeof buf);
	assert_string_equal(buf, p.centred ? "yes" : "no");
	assert_int_equal(trainer_field_parse(TF_REG, "0.25", &v, err,
					     sizeof err), 0);
	assert_near(v, 0.25, 1e-15);
	assert_int_equal(trainer_field_parse(TF_REG, "lots", &v, err,
					     sizeof err), -1);
	assert_string_equal(err, "λ: \"lots\" is not a number");
	assert_int_equal(trainer_field_parse(TF_REG, "-1", &v, err,
					     sizeof err), -1);
	assert_string_equal(err, "λ: between 0 and 1e+06");
	assert_int_equal(trainer_field_parse(TF_FACTORS, "2.5", &v, err,
					     sizeof err), -1);
	assert_string_equal(err, "k: a whole number is needed");
	assert_int_equal(trainer_field_parse(TF_CENTRED, "no", &v, err,
					     sizeof err), 0);
	assert_true(v == 0);
	trainer_field_set(&p, TF_FACTORS, 8);
	assert_int_equal(p.factors, 8);
}

/* Rewrite the model at path as trained age seconds ago. */
static void age_model(const char *path, const struct catalog *cat,
		      int64_t age)
{
	char err[256];
	struct model *m = model_load(path, cat, err, sizeof err);

	assert_non_null(m);
	m->trained_at -= age;
	assert_int_equal(model_save(m, path, err, sizeof err), 0);
	model_free(m);
}

/* The monitor: no model at first (retrain advised), then a deployed
 * one of the saved RMSE; rating 12 items after it was trained counts
 * them, measures its error on them (folded in on the older ratings)
 * and advises a retrain; age beyond 30 days does too. */
static void monitor_age_since_drift(void **state)
{
	struct trainer_config c;
	struct trainer_status st;
	struct trainer_monitor mon;
	struct tdata d;
	struct profile *prof;
	char err[256];
	struct trainer *t;
	const char *path = tmp_path("monitor.model");
	int64_t now = (int64_t)time(NULL);

	(void)state;
	tdata_random(&d, 300, 200, 30, 17);
	trainer_monitor(&d.cat, NULL, MODEL_ALS, NULL, path, now, &mon);
	assert_false(mon.exists);
	assert_true(mon.retrain);
	assert_string_equal(mon.why, "no saved model");
	als_config(&c, 5, path);
	t = trainer_start(&d.cat, &c, err, sizeof err);
	assert_non_null(t);
	wait_for(t, &st, is_final, 0);
	assert_int_equal(st.state, TRAINER_DONE);
	trainer_free(t);
	age_model(path, &d.cat, 100);
	now = (int64_t)time(NULL);
	prof = profile_open(tmpdir, "monitor", err, sizeof err);
	assert_non_null(prof);
	trainer_monitor(&d.cat, prof, MODEL_ALS, NULL, path, now, &mon);
	assert_true(mon.loaded);
	assert_true(mon.age_seconds >= 100 && mon.age_seconds < 200);
	assert_int_equal(mon.since, 0);
	assert_true(mon.has_saved_rmse);
	assert_near(mon.saved_rmse, st.metrics.rmse, 5e-5);
	assert_false(mon.has_drift);
	assert_false(mon.retrain);
	for (int i = 0; i < 12; i++) {
		char id[16];

		snprintf(id, sizeof id, "i%d", i);
		if (tdata_item(&d, id) == INTERN_NONE)
			continue;
		assert_int_equal(profile_set(prof, id, i % 2 ? 5 : 1, err,
					     sizeof err), 0);
	}
	trainer_monitor(&d.cat, prof, MODEL_ALS, NULL, path, now, &mon);
	assert_int_equal(mon.yours, profile_count(prof));
	assert_int_equal(mon.since, profile_count(prof));
	assert_true(mon.since >= 10);
	assert_true(mon.has_drift);
	assert_int_equal(mon.drift_n, mon.since);
	assert_near(mon.drift, mon.your_rmse - mon.saved_rmse, 1e-12);
	assert_true(mon.retrain);
	assert_non_null(strstr(mon.why, "ratings dated after it"));
	/* The model in use, handed over, gives the same figures as the
	 * file (the screen passes the Search worker's). */
	struct trainer_monitor same;
	struct model *in_use = model_load(path, &d.cat, err, sizeof err);
	assert_non_null(in_use);
	trainer_monitor(&d.cat, prof, MODEL_ALS, in_use, NULL, now, &same);
	assert_true(same.loaded && same.exists);
	assert_int_equal(same.trained_at, mon.trained_at);
	assert_int_equal(same.since, mon.since);
	assert_true(same.your_rmse == mon.your_rmse);
	assert_string_equal(same.why, mon.why);
	model_free(in_use);
	trainer_monitor(&d.cat, prof, MODEL_ALS, NULL, path,
			now + 31 * 86400, &mon);
	assert_true(strncmp(mon.why, "older than 30 days", 18) == 0);
	profile_close(prof);
	tdata_free(&d);
}

static bool grid_started(const struct trainer_status *st, int n)
{
	return (st->state == TRAINER_FITTING &&
		st->grid_done >= (size_t)n) || trainer_state_final(st->state);
}

/* A 2 x 2 ALS grid of 3 epochs on the worker: progress counts the 12
 * fold fits, each cell's mean and spread are exactly tune_run's on the
 * same ratings and options, the best is the lowest mean, and the
 * message names it. */
static void grid_matches_tune_run(void **state)
{
	struct trainer_grid_config c = { .kind = MODEL_ALS, .folds = 3 };
	struct trainer_status st;
	struct tune_result got, want;
	struct tune_opts o;
	struct eval_data ed;
	struct tdata d;
	char err[256];
	struct trainer *t;

	(void)state;
	tdata_random(&d, 300, 200, 30, 23);
	model_params_default(MODEL_ALS, &c.base);
	c.base.epochs = 3;
	c.base.threads = 2;
	assert_int_equal(tune_grid_parse("factors=2,4;reg=0.1,0.5", &c.grid,
					 err, sizeof err), 0);
	t = trainer_grid_start(&d.cat, &c, err, sizeof err);
	assert_non_null(t);
	wait_for(t, &st, is_final, 0);
	assert_int_equal(st.state, TRAINER_DONE);
	assert_int_equal(st.grid_done, 12);
	assert_int_equal(st.grid_total, 12);
	assert_int_equal(st.grid_cells, 4);
	assert_int_equal(st.grid_folds, 3);
	assert_true(trainer_grid_result(t, &got));
	trainer_free(t);

	assert_int_equal(eval_data_from_catalog(&ed, &d.cat, false, err,
						sizeof err), 0);
	tune_opts_default(&o, MODEL_ALS, &d.cat.scale);
	o.base = c.base;
	o.eval.threads = 2;
	assert_int_equal(tune_run(&d.cat, &ed.all, &o, &c.grid, NULL, NULL,
				  NULL, &want, err, sizeof err), 0);
	assert_int_equal(got.rows, 2);
	assert_int_equal(got.cols, 2);
	assert_true(got.has_best);
	for (size_t i = 0; i < 2; i++)
		for (size_t j = 0; j < 2; j++) {
			const struct tune_cell *a = tune_cell_at(&got, i, j);
			const struct tune_cell *b = tune_cell_at(&want, i, j);
			const struct tune_cell *best = tune_cell_at(&got,
				got.best_row, got.best_col);

			assert_true(a->valid && b->valid);
			assert_true(a->mean == b->mean);
			assert_true(a->sd == b->sd);
			assert_true(best->mean <= a->mean);
			assert_true(a->mean > 0.5 && a->mean < 2.5);
		}
	assert_int_equal(got.best_row, want.best_row);
	assert_int_equal(got.best_col, want.best_col);
	tune_result_free(&got);
	tune_result_free(&want);
	eval_data_free(&ed);
	tdata_free(&d);
}

/* A grid of long fits: the status names the cell and fold under way;
 * a stop lands within the fit (a second, not its 100,000 epochs) and
 * ends STOPPED with no cell measured and the message saying where. */
static void grid_cancel_midway(void **state)
{
	struct trainer_grid_config c = { .kind = MODEL_ALS };
	struct trainer_status st;
	struct tune_result r;
	struct tdata d;
	char err[256];
	struct trainer *t;

	(void)state;
	tdata_random(&d, 300, 200, 30, 29);
	model_params_default(MODEL_ALS, &c.base);
	c.base.epochs = 100000;
	c.base.threads = 2;
	assert_true(trainer_grid_default(MODEL_ALS, &c.grid));
	t = trainer_grid_start(&d.cat, &c, err, sizeof err);
	assert_non_null(t);
	wait_for(t, &st, grid_started, 0);
	nap(50);
	trainer_status(t, &st);
	assert_int_equal(st.state, TRAINER_FITTING);
	assert_int_equal(st.grid_cells, 9);
	assert_int_equal(st.grid_total, 27);
	assert_int_equal(st.grid_done, 0);
	trainer_stop(t);
	wait_for(t, &st, is_final, 0);
	assert_int_equal(st.state, TRAINER_STOPPED);
	assert_int_equal(st.grid_cell, 1);
	assert_non_null(strstr(st.message, "grid stopped at cell 1 of 9"));
	assert_true(trainer_grid_result(t, &r));
	assert_false(r.has_best);
	assert_true(r.cancelled);
	for (size_t q = 0; q < 9; q++)
		assert_false(r.cells[q].valid);
	tune_result_free(&r);
	trainer_free(t);
	tdata_free(&d);
}

/* Grids that cannot run are refused before a thread starts: a setting
 * the kind's form does not have, a cell trainer_check refuses (λ = 0,
 * named with its cell); the form's axis text and typed axes. */
static void grid_refused_and_axes(void **state)
{
	struct trainer_grid_config c = { .kind = MODEL_ALS };
	struct tune_axis ax;
	struct tdata d;
	char err[256], buf[128];

	(void)state;
	tdata_random(&d, 100, 80, 10, 31);
	model_params_default(MODEL_ALS, &c.base);
	assert_int_equal(tune_grid_parse("neighbours=5,10;reg=0.1", &c.grid,
					 err, sizeof err), 0);
	assert_null(trainer_grid_start(&d.cat, &c, err, sizeof err));
	assert_string_equal(err, "ALS (explicit, biases) has no setting "
			    "neighbours to tune");
	assert_int_equal(tune_grid_parse("factors=4;reg=0.1,0", &c.grid, err,
					 sizeof err), 0);
	assert_null(trainer_grid_start(&d.cat, &c, err, sizeof err));
	assert_non_null(strstr(err, "cell factors=4, reg=0: "));
	assert_non_null(strstr(err, "use λ > 0"));
	assert_true(trainer_grid_default(MODEL_ALS, &c.grid));
	trainer_grid_axis_text(&c.grid.axis[0], buf, sizeof buf);
	assert_string_equal(buf, "factors=16,32,64");
	trainer_grid_axis_text(&c.grid.axis[1], buf, sizeof buf);
	assert_string_equal(buf, "reg=0.05,0.1,0.2");
	assert_true(trainer_grid_default(MODEL_ITEM_KNN, &c.grid));
	trainer_grid_axis_text(&c.grid.axis[1], buf, sizeof buf);
	assert_string_equal(buf, "shrink=0,10,100");
	assert_false(trainer_grid_default(MODEL_CONTENT, &c.grid));
	assert_true(trainer_grid_default(MODEL_ALS, &c.grid));
	assert_int_equal(trainer_grid_axis_parse(" reg=0.01,1", &c.grid.axis[0],
						 &ax, err, sizeof err), 0);
	assert_int_equal(ax.param, TP_REG);
	assert_int_equal(ax.n, 2);
	assert_true(ax.values[1] == 1);
	assert_int_equal(trainer_grid_axis_parse("factors=2", &c.grid.axis[0],
						 &ax, err, sizeof err), -1);
	assert_string_equal(err, "the grid names factors twice");
	assert_int_equal(trainer_grid_axis_parse("reg=1;k=2", &c.grid.axis[0],
						 &ax, err, sizeof err), -1);
	tdata_free(&d);
}

/* The model a deploy saves in the middle of the Search worker's fit. */
struct race {
	struct tdata *d;
	const char *path;
	bool saved;
};

/* recs' epoch callback: at epoch 2, a Train run deploys (factors 3). */
static bool race_on_epoch(void *ctx, const struct epoch_event *ev)
{
	struct race *r = ctx;
	struct model_params p;
	struct model *m;
	char err[256];
	int rc;

	if (ev->epoch != 2 || r->saved)
		return true;
	model_params_default(MODEL_ALS, &p);
	p.factors = 3;
	p.epochs = 2;
	m = tdata_fit(r->d, MODEL_ALS, &p, true, err, sizeof err, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(model_save(m, r->path, err, sizeof err), 0);
	model_free(m);
	r->saved = true;
	return true;
}

/* The deploy race: the Search worker (recs_model) fitting its default
 * ALS while a deploy saves the same file keeps the deployed file, and
 * with no deploy it saves its own. */
static void deploy_race_keeps_deployed(void **state)
{
	const char *path = tmp_path("race.model");
	struct tdata d;
	struct race r = { &d, path, false };
	struct recs_hooks h = { NULL, NULL, race_on_epoch, &r, NULL };
	struct model_params def;
	struct model *m;
	char err[256];

	(void)state;
	tdata_random(&d, 300, 200, 30, 37);
	model_params_default(MODEL_ALS, &def);
	assert_int_not_equal(def.factors, 3);
	m = recs_model(&d.cat, MODEL_ALS, path, &h, err, sizeof err);
	assert_non_null(m);
	assert_true(r.saved);
	assert_int_equal(m->params.factors, def.factors);
	model_free(m);
	m = model_load(path, &d.cat, err, sizeof err);
	assert_non_null(m);
	assert_int_equal(m->params.factors, 3);
	model_free(m);
	/* no deploy: the worker's own fit is saved */
	unlink(path);
	h.on_epoch = NULL;
	m = recs_model(&d.cat, MODEL_ALS, path, &h, err, sizeof err);
	assert_non_null(m);
	model_free(m);
	m = model_load(path, &d.cat, err, sizeof err);
	assert_non_null(m);
	assert_int_equal(m->params.factors, def.factors);
	model_free(m);
	tdata_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(run_done_in_order),
		cmocka_unit_test(run_pause_and_stop),
		cmocka_unit_test(run_stop_while_paused),
		cmocka_unit_test(case14_diverges),
		cmocka_unit_test(case14_refused_before_a_run),
		cmocka_unit_test(checks_say_what_is_wrong),
		cmocka_unit_test(form_fields_step_and_parse),
		cmocka_unit_test(monitor_age_since_drift),
		cmocka_unit_test(grid_matches_tune_run),
		cmocka_unit_test(grid_cancel_midway),
		cmocka_unit_test(grid_refused_and_axes),
		cmocka_unit_test(deploy_race_keeps_deployed),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
