/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_regress: linear regression on tests/fixtures/regress/exact.csv
 * (y = 3 + 2a - b exactly, with a malformed number on line 10, an
 * empty target on line 13 and a short row on line 15), on
 * constant.csv (y = 2x, a constant column, a categorical one), and on
 * the bundled California housing: 207 empty total_bedrooms filled with
 * the training median, ocean_proximity one-hot with its most frequent
 * level dropped, and gradient descent agreeing with the closed form to
 * 1e-3 within the default 500 epochs (relative to the largest
 * standardised weight) and coefficient by coefficient once run to
 * convergence. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "regress.h"

/* A table that must load. */
static struct regress_table *load_ok(const char *path)
{
	char err[512] = "";
	struct regress_table *t = regress_table_load(path, err, sizeof err);

	if (!t)
		fail_msg("regress_table_load(%s): %s", path, err);
	return t;
}

/* Fit with o, which must succeed. */
static void fit_ok(const struct regress_table *t, struct regress_opts *o,
		   regress_epoch_fn fn, void *ctx, struct regress_result *r,
		   struct report *rep)
{
	char err[512] = "";

	if (regress_fit(t, o, fn, ctx, r, rep, err, sizeof err) != 0)
		fail_msg("regress_fit: %s", err);
}

static void near(double got, double want, double tol)
{
	if (!(fabs(got - want) <= tol))
		fail_msg("%.17g is not within %g of %.17g", got, tol, want);
}

static void test_exact(void **state)
{
	(void)state;
	struct regress_table *t = load_ok(fixture("regress/exact.csv"));
	struct regress_opts o;
	struct regress_result r;
	struct regress_prediction p;
	struct report rep;
	char err[256];

	regress_opts_default(&o);
	o.target = "y";
	fit_ok(t, &o, NULL, NULL, &r, &rep);
	assert_int_equal(rep.rows, 14);
	assert_int_equal(rep.accepted, 11);
	assert_int_equal(rep.rejected, 3);
	assert_int_equal(rep.rejects[0].line, 10);
	assert_int_equal(rep.rejects[0].column, 1);
	assert_int_equal(rep.rejects[0].reason, REJ_NOT_A_NUMBER);
	assert_int_equal(rep.rejects[1].line, 13);
	assert_int_equal(rep.rejects[1].column, 3);
	assert_int_equal(rep.rejects[2].line, 15);
	assert_int_equal(rep.rejects[2].reason, REJ_FIELD_COUNT);
	assert_int_equal(r.n_train, 9);
	assert_int_equal(r.n_test, 2);
	assert_int_equal(r.n_coefs, 2);
	near(r.cf_intercept, 3, 1e-9);
	near(r.gd_intercept, 3, 1e-9);
	near(r.coefs[0].cf, 2, 1e-9);
	near(r.coefs[0].gd, 2, 1e-9);
	near(r.coefs[1].cf, -1, 1e-9);
	near(r.coefs[1].gd, -1, 1e-9);
	near(r.gd_rmse_test, 0, 1e-9);
	near(r.cf_rmse_train, 0, 1e-9);
	assert_false(r.diverged);
	assert_int_equal(r.epochs_run, 500);
	assert_int_equal(regress_predict(&r, "a=1,b=1", &p, err, sizeof err),
			 0);
	near(p.gd, 4, 1e-9);
	near(p.cf, 4, 1e-9);
	assert_string_equal(p.defaulted, "");
	regress_prediction_free(&p);
	/* b not given: its training mean. */
	assert_int_equal(regress_predict(&r, "a=1", &p, err, sizeof err), 0);
	near(p.cf, 5 - r.coefs[1].mean, 1e-9);
	assert_string_equal(p.defaulted, "b");
	regress_prediction_free(&p);
	assert_int_equal(regress_predict(&r, "a=x", &p, err, sizeof err), -1);
	assert_string_equal(err, "'x' is not a number");
	assert_int_equal(regress_predict(&r, "y=1", &p, err, sizeof err), -1);
	regress_result_free(&r);
	report_free(&rep);
	regress_table_free(t);
}

/* Counts the epochs seen; stops at stop_at when it is not 0. */
struct watch {
	unsigned seen, stop_at;
	double last;
};

static int watch_epoch(void *ctx, unsigned epoch, double cost)
{
	struct watch *w = ctx;

	w->seen = epoch;
	w->last = cost;
	return w->stop_at && epoch == w->stop_at;
}

/* A step of 50 diverges: the run stops at the first non-finite cost,
 * which the callback sees, and the weights kept are finite. */
static void test_diverge_and_cancel(void **state)
{
	(void)state;
	struct regress_table *t = load_ok(fixture("regress/exact.csv"));
	struct regress_opts o;
	struct regress_result r;
	struct report rep;
	struct watch w = { 0, 0, 0 };

	regress_opts_default(&o);
	o.target = "y";
	o.lr = 50;
	fit_ok(t, &o, watch_epoch, &w, &r, &rep);
	assert_true(r.diverged);
	assert_false(r.stopped);
	assert_true(r.epochs_run < 500);
	assert_int_equal(w.seen, r.epochs_run);
	assert_false(isfinite(w.last));
	assert_true(isfinite(r.gd_intercept) && isfinite(r.coefs[0].gd));
	near(r.coefs[0].cf, 2, 1e-9);
	regress_result_free(&r);
	report_free(&rep);
	o.lr = 0;
	w.stop_at = 5;
	fit_ok(t, &o, watch_epoch, &w, &r, &rep);
	assert_true(r.stopped);
	assert_int_equal(r.epochs_run, 5);
	regress_result_free(&r);
	report_free(&rep);
	regress_table_free(t);
}

/* y = 2x with k constant and a colour column: k is left out with a
 * note, colour is one-hot with red (5 of 10) dropped, the dummies get
 * 0, and without held-out rows there is no held-out RMSE. */
static void test_constant_onehot(void **state)
{
	(void)state;
	struct regress_table *t = load_ok(fixture("regress/constant.csv"));
	struct regress_opts o;
	struct regress_result r;
	struct regress_prediction p;
	struct report rep;
	char err[256];

	assert_int_equal(regress_table_kind(t, 2), RC_CATEGORICAL);
	regress_opts_default(&o);
	o.target = "y";
	o.holdout = 0;
	fit_ok(t, &o, NULL, NULL, &r, &rep);
	assert_int_equal(r.n_test, 0);
	assert_true(isnan(r.cf_rmse_test));
	assert_int_equal(r.n_coefs, 4);
	assert_string_equal(r.coefs[1].name, "k");
	assert_true(r.coefs[1].constant);
	assert_true(r.coefs[1].gd == 0 && r.coefs[1].cf == 0);
	assert_int_equal(r.n_notes, 1);
	assert_string_equal(r.notes[0],
			    "k is constant in the training rows: left out");
	assert_int_equal(r.n_onehot, 1);
	assert_int_equal(r.onehot[0].n_levels, 3);
	assert_string_equal(r.onehot[0].levels[r.onehot[0].dropped], "red");
	assert_string_equal(r.coefs[2].name, "colour=blue");
	assert_string_equal(r.coefs[3].name, "colour=green");
	near(r.coefs[0].cf, 2, 1e-9);
	near(r.coefs[2].cf, 0, 1e-9);
	near(r.cf_intercept, 0, 1e-9);
	assert_int_equal(regress_predict(&r, "x=3,colour=green", &p, err,
					 sizeof err), 0);
	near(p.cf, 6, 1e-9);
	assert_string_equal(p.defaulted, "k");
	regress_prediction_free(&p);
	assert_int_equal(regress_predict(&r, "colour=purple", &p, err,
					 sizeof err), -1);
	assert_string_equal(err, "colour has no level 'purple'");
	regress_result_free(&r);
	report_free(&rep);
	regress_table_free(t);
}

/* Columns that cannot be used are refused with a message. */
static void test_bad_columns(void **state)
{
	(void)state;
	struct regress_table *t = load_ok(fixture("regress/constant.csv"));
	const char *twice[] = { "x", "x" };
	struct regress_opts o;
	struct regress_result r;
	struct report rep;
	char err[256];

	regress_opts_default(&o);
	o.target = "z";
	assert_int_equal(regress_fit(t, &o, NULL, NULL, &r, &rep, err,
				     sizeof err), -1);
	assert_string_equal(err, "no column z; the columns are: x, k, "
			    "colour, y");
	regress_result_free(&r);
	report_free(&rep);
	o.target = "colour";
	assert_int_equal(regress_fit(t, &o, NULL, NULL, &r, &rep, err,
				     sizeof err), REGRESS_EDATA);
	assert_string_equal(err, "the target colour is not a numeric column");
	regress_result_free(&r);
	report_free(&rep);
	o.target = "y";
	o.features = twice;
	o.n_features = 2;
	assert_int_equal(regress_fit(t, &o, NULL, NULL, &r, &rep, err,
				     sizeof err), -1);
	assert_string_equal(err, "feature x is given twice");
	regress_result_free(&r);
	report_free(&rep);
	regress_table_free(t);
}

/* Fit fixture name with the target y; returns regress_fit's code. */
static int fit_file(const char *name, struct regress_result *r, char *err,
		    size_t errlen)
{
	struct regress_table *t = load_ok(fixture(name));
	struct regress_opts o;
	struct report rep;
	int rc;

	regress_opts_default(&o);
	o.target = "y";
	err[0] = '\0';
	rc = regress_fit(t, &o, NULL, NULL, r, &rep, err, errlen);
	report_free(&rep);
	regress_table_free(t);
	return rc;
}

/* The note of r that starts with prefix, or a failure. */
static const char *note_with(const struct regress_result *r,
			     const char *prefix)
{
	for (size_t k = 0; k < r->n_notes; k++)
		if (strncmp(r->notes[k], prefix, strlen(prefix)) == 0)
			return r->notes[k];
	fail_msg("no note starting '%s'", prefix);
	return NULL;
}

/* 12 features, 8 rows (6 training): refused as bad data. b = 2a
 * exactly, y = 1 + 3a + c: b is left out as collinear, a gets 3. */
static void test_rank(void **state)
{
	(void)state;
	struct regress_result r;
	char err[256];

	assert_int_equal(fit_file("regress/wide.csv", &r, err, sizeof err),
			 REGRESS_EDATA);
	assert_string_equal(err, "12 features but 6 training rows: the "
			    "least-squares solution is not unique; give "
			    "fewer features");
	regress_result_free(&r);

	assert_int_equal(fit_file("regress/collinear.csv", &r, err,
				  sizeof err), 0);
	assert_int_equal(r.n_coefs, 3);
	assert_true(r.coefs[1].collinear && r.coefs[1].constant);
	assert_false(r.coefs[0].collinear || r.coefs[2].collinear);
	assert_string_equal(note_with(&r, "b "), "b is a linear combination "
			    "of a in the training rows (collinear): left "
			    "out");
	near(r.coefs[0].cf, 3, 1e-12);
	near(r.coefs[0].gd, 3, 1e-9);
	near(r.coefs[1].cf, 0, 0);
	near(r.coefs[1].gd, 0, 0);
	near(r.coefs[2].cf, 1, 1e-12);
	near(r.cf_intercept, 1, 1e-12);
	regress_result_free(&r);
}

/* Values near 1e-301 and 1e+300 standardise (tiny: y = 5 + 2e301 a;
 * scale: y = 1 + 2e-300 a - 3e300 b); a target near 1e308 whose cost
 * overflows is refused by name; an all-empty column is left out. */
static void test_extreme_scales(void **state)
{
	(void)state;
	struct regress_result r;
	char err[256];

	assert_int_equal(fit_file("regress/tiny.csv", &r, err, sizeof err),
			 0);
	assert_false(r.coefs[0].constant);
	assert_true(r.coefs[0].sd > 1e-301 && r.coefs[0].sd < 5e-301);
	near(r.coefs[0].cf / 2e301, 1, 1e-12);
	near(r.coefs[0].gd / 2e301, 1, 1e-9);
	near(r.cf_intercept, 5, 1e-9);
	regress_result_free(&r);

	assert_int_equal(fit_file("regress/scale.csv", &r, err, sizeof err),
			 0);
	near(r.coefs[0].cf / 2e-300, 1, 1e-12);
	near(r.coefs[1].cf / -3e300, 1, 1e-12);
	near(r.cf_intercept, 1, 1e-9);
	assert_true(isfinite(r.cost0) && isfinite(r.cf_rmse_train));
	regress_result_free(&r);

	assert_int_equal(fit_file("regress/hugey.csv", &r, err, sizeof err),
			 REGRESS_EDATA);
	assert_non_null(strstr(err, "the target y has values up to "
			       "1.4e+308"));
	regress_result_free(&r);

	assert_int_equal(fit_file("regress/allmissing.csv", &r, err,
				  sizeof err), 0);
	assert_int_equal(r.n_coefs, 1);
	assert_string_equal(note_with(&r, "b "), "b has no values: left out");
	near(r.coefs[0].cf, 2, 1e-12);
	regress_result_free(&r);
}

/* --predict pairs are checked against the table before a fit. */
static void test_check_pairs(void **state)
{
	(void)state;
	struct regress_table *t = load_ok(fixture("regress/constant.csv"));
	static const struct {
		const char *pairs, *err;
	} bad[] = {
		{ "=5", "'=5' has no column name" },
		{ "x", "'x' is not column=value" },
		{ "z=1", "z is not a feature of this fit" },
		{ "y=1", "y is the target, not a feature" },
		{ "x=abc", "'abc' is not a number" },
		{ "x=1e400", "'1e400' is out of range" },
		{ "x=-1e400", "'-1e400' is out of range" },
		{ "x=nan", "'nan' is not a number" },
		{ "x=1,x=2", "x is given twice" },
		{ "colour=purple", "colour has no level 'purple'" },
	};
	struct regress_opts o;
	char err[256];

	regress_opts_default(&o);
	o.target = "y";
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
		err[0] = '\0';
		assert_int_equal(regress_check_pairs(t, &o, bad[k].pairs, err,
						     sizeof err), -1);
		assert_string_equal(err, bad[k].err);
	}
	assert_int_equal(regress_check_pairs(t, &o, "x=3, colour=green", err,
					     sizeof err), 0);
	assert_int_equal(regress_check_pairs(t, &o, "", err, sizeof err), 0);
	regress_table_free(t);
}

/* The bundled housing data with the defaults, then run to convergence. */
static void test_housing(void **state)
{
	(void)state;
	struct regress_table *t =
		load_ok(srcfile("data/housing/housing.csv"));
	struct regress_opts o;
	struct regress_result r;
	struct report rep;

	regress_opts_default(&o);
	o.target = "median_house_value";
	fit_ok(t, &o, NULL, NULL, &r, &rep);
	assert_int_equal(rep.rows, 20640);
	assert_int_equal(rep.rejected, 0);
	assert_int_equal(r.n_imputed, 1);
	assert_string_equal(r.imputed[0].name, "total_bedrooms");
	assert_int_equal(r.imputed[0].train + r.imputed[0].held_out, 207);
	near(r.imputed[0].median, 434, 0);
	assert_int_equal(r.n_onehot, 1);
	assert_int_equal(r.onehot[0].n_levels, 5);
	assert_string_equal(r.onehot[0].levels[r.onehot[0].dropped],
			    "<1H OCEAN");
	assert_int_equal(r.n_coefs, 12);
	assert_true(r.lr_auto && r.lr > 0.4 && r.lr < 0.6);
	assert_true(r.max_rel_diff < 1e-3);
	near(r.gd_rmse_test / r.cf_rmse_test, 1, 1e-3);
	near(r.gd_rmse_train / r.cf_rmse_train, 1, 1e-3);
	regress_result_free(&r);
	report_free(&rep);

	o.epochs = 3000;
	fit_ok(t, &o, NULL, NULL, &r, &rep);
	for (size_t k = 0; k < r.n_coefs; k++)
		near(r.coefs[k].gd, r.coefs[k].cf, 1e-3 * fabs(r.coefs[k].cf));
	near(r.gd_intercept, r.cf_intercept, 1e-3 * fabs(r.cf_intercept));
	near(r.gd_rmse_test, r.cf_rmse_test, 1e-6 * r.cf_rmse_test);
	regress_result_free(&r);
	report_free(&rep);
	regress_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact),
		cmocka_unit_test(test_diverge_and_cancel),
		cmocka_unit_test(test_constant_onehot),
		cmocka_unit_test(test_bad_columns),
		cmocka_unit_test(test_rank),
		cmocka_unit_test(test_extreme_scales),
		cmocka_unit_test(test_check_pairs),
		cmocka_unit_test(test_housing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
