/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_tune: the grid parser (names, aliases, ranges, two settings),
 * and a 2 x 2 ALS grid (factors x reg) on tests/fixtures/eval/tiny with
 * 2 folds: the table's shape, every cell measured, the best cell the
 * minimum of the means, progress after each of the 8 fold fits, the
 * same table for the same seed, a cancel, and a setting the kind does
 * not use. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdatomic.h>
#include <string.h>

#include "eval.h"
#include "fixture.h"
#include "tune.h"

static void test_parse(void **state)
{
	(void)state;
	struct tune_grid g;
	char err[256];

	assert_int_equal(tune_grid_parse("factors=16,32,64;reg=0.05,0.1,0.2",
					 &g, err, sizeof err), 0);
	assert_int_equal(g.axis[0].param, TP_FACTORS);
	assert_int_equal(g.axis[0].n, 3);
	assert_true(g.axis[0].values[2] == 64);
	assert_int_equal(g.axis[1].param, TP_REG);
	assert_true(g.axis[1].values[0] == 0.05);
	assert_int_equal(tune_grid_parse("neighbors=10,20;shrink=0,100", &g,
					 err, sizeof err), 0);
	assert_int_equal(g.axis[0].param, TP_NEIGHBOURS);
	assert_int_equal(tune_grid_parse("factors=16,32", &g, err,
					 sizeof err), -1);
	assert_string_equal(err, "a grid takes two settings, as in "
			    "'factors=16,32,64;reg=0.05,0.1,0.2'");
	assert_int_equal(tune_grid_parse("factors=1.5;reg=1", &g, err,
					 sizeof err), -1);
	assert_string_equal(err, "factors takes whole numbers from 1 to "
			    "1024, not '1.5'");
	assert_int_equal(tune_grid_parse("size=1;reg=1", &g, err,
					 sizeof err), -1);
	assert_int_equal(tune_grid_parse("reg=1;lambda=2", &g, err,
					 sizeof err), -1);
	assert_string_equal(err, "the grid names reg twice");
	assert_int_equal(tune_grid_parse("reg=-1;k=2", &g, err, sizeof err),
			 -1);
	/* an empty value is refused, never skipped; spaces are fine */
	assert_int_equal(tune_grid_parse("factors=16,,32;reg=0.1", &g, err,
					 sizeof err), -1);
	assert_string_equal(err, "factors takes whole numbers from 1 to "
			    "1024, not ''");
	assert_int_equal(tune_grid_parse("factors=16 , 32;reg= 0.1", &g, err,
					 sizeof err), 0);
	assert_int_equal(g.axis[0].n, 2);
	assert_true(g.axis[0].values[1] == 32 && g.axis[1].values[0] == 0.1);
}

struct seen {
	size_t calls, last_done;
	atomic_bool *cancel_at_2;
};

static void progress(void *ctx, const struct tune_result *r)
{
	struct seen *s = ctx;

	s->calls++;
	s->last_done = r->runs_done;
	if (s->cancel_at_2 && r->runs_done == 2)
		atomic_store(s->cancel_at_2, true);
}

/* Run the 2 x 2 grid. */
static void run_grid(const struct eval_data *d, struct tune_result *r,
		     struct seen *s, const atomic_bool *cancel)
{
	struct tune_opts o;
	struct tune_grid g;
	char err[256];

	assert_int_equal(tune_grid_parse("factors=2,4;reg=0.05,0.5", &g, err,
					 sizeof err), 0);
	tune_opts_default(&o, MODEL_ALS, &d->cat->scale);
	o.folds = 2;
	o.eval.threads = 1;
	if (tune_run(d->cat, &d->all, &o, &g, progress, s, cancel, r, err,
		     sizeof err) != 0)
		fail_msg("tune_run: %s", err);
}

static void test_grid(void **state)
{
	(void)state;
	struct eval_data d;
	struct tune_result r, again;
	struct seen s = { 0, 0, NULL };
	char err[256];
	double min = INFINITY;

	if (eval_data_from_file(&d, fixture("eval/tiny/ratings.csv"), err,
				sizeof err) != 0)
		fail_msg("eval_data_from_file: %s", err);
	run_grid(&d, &r, &s, NULL);
	assert_int_equal(r.rows, 2);
	assert_int_equal(r.cols, 2);
	assert_false(r.ranking);
	assert_false(r.cancelled);
	assert_int_equal(r.runs_total, 8);
	assert_int_equal(s.calls, 8);
	assert_int_equal(s.last_done, 8);
	for (size_t i = 0; i < 2; i++)
		for (size_t j = 0; j < 2; j++) {
			const struct tune_cell *c = tune_cell_at(&r, i, j);

			assert_true(c->valid);
			assert_true(c->mean > 0 && isfinite(c->sd));
			min = fmin(min, c->mean);
		}
	assert_true(r.has_best);
	assert_true(tune_cell_at(&r, r.best_row, r.best_col)->mean == min);
	assert_null(tune_cell_at(&r, 2, 0));
	s.calls = 0;
	run_grid(&d, &again, &s, NULL);
	for (size_t i = 0; i < 4; i++)
		assert_true(again.cells[i].mean == r.cells[i].mean);
	tune_result_free(&again);
	tune_result_free(&r);
	eval_data_free(&d);
}

/* A cancel during the first cell stops the run after that fit; one
 * already set stops eval_run's fit. */
static void test_cancel_and_kind(void **state)
{
	(void)state;
	struct eval_data d;
	struct tune_result r;
	atomic_bool cancel = false;
	struct seen s = { 0, 0, &cancel };
	struct tune_opts o;
	struct tune_grid g;
	char err[256];

	if (eval_data_from_file(&d, fixture("eval/tiny/ratings.csv"), err,
				sizeof err) != 0)
		fail_msg("eval_data_from_file: %s", err);
	run_grid(&d, &r, &s, &cancel);
	assert_true(r.cancelled);
	assert_int_equal(r.runs_done, 2);
	assert_true(r.cells[0].valid);
	assert_false(r.cells[1].valid);
	assert_false(r.cells[3].valid);
	tune_result_free(&r);
	assert_int_equal(tune_grid_parse("neighbours=5,10;reg=1", &g, err,
					 sizeof err), 0);
	tune_opts_default(&o, MODEL_ALS, &d.cat->scale);
	assert_int_equal(tune_run(d.cat, &d.all, &o, &g, NULL, NULL, NULL,
				  &r, err, sizeof err), -1);
	assert_string_equal(err, "als does not use the setting neighbours");
	/* a cancel reaches the fit itself through eval_opts */
	struct eval_metrics m;
	struct model_params p;
	atomic_store(&cancel, true);
	o.eval.cancel = &cancel;
	model_params_default(MODEL_ALS, &p);
	assert_int_equal(eval_run(MODEL_ALS, &p, d.cat, &d.all, &d.all,
				  &o.eval, &m, err, sizeof err), -1);
	assert_string_equal(err, "stopped");
	eval_data_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_grid),
		cmocka_unit_test(test_cancel_and_kind),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
