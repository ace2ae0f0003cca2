/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_model_als: explicit and implicit ALS. A 2x2 fixed point and a
 * fold-in solve worked out by hand, determinism across runs and thread
 * counts, fold-in against the fitted user vectors, cases 14 (singular
 * systems) and 19 (implicit vs explicit), the conversion rule, epoch
 * events, similar items and explanations. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "model_util.h"

/* Explicit ALS settings for the small tests. */
static struct model_params small_params(int k, double reg, int epochs)
{
	struct model_params p;

	model_params_default(MODEL_ALS, &p);
	p.factors = k;
	p.reg = reg;
	p.reg_bias = 1;
	p.epochs = epochs;
	p.threads = 1;
	return p;
}

/* R = [[5, 1], [1, 5]], mu = 3, so t = r - mu = 2 [1, -1]'[1, -1]. With
 * k = 1 and q = (c, -c), every row sum of t and of q is 0, the biases
 * stay 0 and the user solve is p = 2c / (c^2 + lambda); by symmetry the
 * fixed point has p = c, so c^2 = 2 - lambda and r(1,1) = 3 + c^2 =
 * 5 - lambda, r(1,2) = 1 + lambda. */
static void als_fixed_point_2x2(void **state)
{
	struct model_params p = small_params(1, 0.1, 300);
	struct tdata d;
	struct model *m;
	char err[256];
	double v;
	int rc;

	(void)state;
	tdata_init(&d);
	tdata_add(&d, "u1", "i1", 5);
	tdata_add(&d, "u1", "i2", 1);
	tdata_add(&d, "u2", "i1", 1);
	tdata_add(&d, "u2", "i2", 5);
	tdata_finish(&d);
	m = tdata_fit(&d, MODEL_ALS, &p, false, err, sizeof err, &rc);
	assert_int_equal(rc, 0);
	assert_true(model_predict(m, 0, NULL, 0, &v));
	assert_near(v, 4.9, 1e-6);
	assert_true(model_predict(m, 0, NULL, 1, &v));
	assert_near(v, 1.1, 1e-6);
	assert_true(model_predict(m, 1, NULL, 1, &v));
	assert_near(v, 4.9, 1e-6);
	model_free(m);
	tdata_free(&d);
}

/* One half-step by hand: at that fixed point (q = (c, -c), b_i = 0,
 * c^2 = 1.9), "you" rate i1 = 4, so t = 1 and
 *     [c^2 + lambda   c      ] [p]   [c]
 *     [c              1 + l_b] [b] = [1],  det = 2.0 * 2 - 1.9 = 2.1,
 * p = c l_b / det, b = lambda / det; r(i1) = 3 + (lambda + c^2 l_b) /
 * det = 3 + 2.0 / 2.1, r(i2) = 3 + (lambda - c^2 l_b) / det = 3 - 1.8 /
 * 2.1. */
static void als_fold_in_half_step_by_hand(void **state)
{
	struct model_params p = small_params(1, 0.1, 300);
	struct tdata d;
	struct model *m;
	uint32_t idx[1] = { 0 };
	float val[1] = { 4 };
	struct rvec you = { 1, idx, val };
	char err[256];
	double v;
	int rc;

	(void)state;
	tdata_init(&d);
	tdata_add(&d, "u1", "i1", 5);
	tdata_add(&d, "u1", "i2", 1);
	tdata_add(&d, "u2", "i1", 1);
	tdata_add(&d, "u2", "i2", 5);
	tdata_finish(&d);
	m = tdata_fit(&d, MODEL_ALS, &p, false, err, sizeof err, &rc);
	assert_int_equal(rc, 0);
	assert_true(model_predict(m, MODEL_NO_USER, &you, 0, &v));
	assert_near(v, 3 + 2.0 / 2.1, 1e-6);
	assert_true(model_predict(m, MODEL_NO_USER, &you, 1, &v));
	assert_near(v, 3 - 1.8 / 2.1, 1e-6);
	model_free(m);
	tdata_free(&d);
}

/* Scores of every user, into a fresh array of n_users x n_items. */
static float *all_scores(const struct model *m)
{
	float *s = xmalloc((size_t)m->n_users * m->n_items * sizeof *s);

	for (uint32_t u = 0; u < m->n_users; u++)
		model_score_all(m, u, NULL, s + (size_t)u * m->n_items);
	return s;
}

/* Fit kind k on d with the seed and thread count; all scores out. */
static float *fit_scores(struct tdata *d, enum model_kind k, uint64_t seed,
			 int threads)
{
	struct model_params p;
	struct model *m;
	char err[256];
	float *s;
	int rc;

	model_params_default(k, &p);
	p.factors = 8;
	p.epochs = 5;
	p.seed = seed;
	p.threads = threads;
	m = tdata_fit(d, k, &p, false, err, sizeof err, &rc);
	assert_int_equal(rc, 0);
	s = all_scores(m);
	model_free(m);
	return s;
}

/* Same seed, same factors: identical scores for 1, 2 and 3 threads (a
 * row's arithmetic does not depend on its thread); another seed moves
 * them. Checked for explicit and implicit ALS. */
static void als_deterministic(void **state)
{
	enum model_kind kinds[] = { MODEL_ALS, MODEL_IALS };
	struct tdata d;

	(void)state;
	tdata_random(&d, 200, 100, 20, 11);
	for (size_t k = 0; k < ARRAY_LEN(kinds); k++) {
		size_t bytes = (size_t)d.m->n_users * d.m->n_items *
			       sizeof(float);
		float *a = fit_scores(&d, kinds[k], 5, 2);
		float *b = fit_scores(&d, kinds[k], 5, 2);
		float *c = fit_scores(&d, kinds[k], 5, 1);
		float *e = fit_scores(&d, kinds[k], 5, 3);
		float *f = fit_scores(&d, kinds[k], 6, 2);

		assert_memory_equal(a, b, bytes);
		assert_memory_equal(a, c, bytes);
		assert_memory_equal(a, e, bytes);
		assert_memory_not_equal(a, f, bytes);
		free(a);
		free(b);
		free(c);
		free(e);
		free(f);
	}
	tdata_free(&d);
}

/* The same top-10 for every user from two fits with the same seed. */
static void als_same_top10(void **state)
{
	struct model_params p;
	struct tdata d;
	struct model *m1, *m2;
	char err[256];
	int rc;

	(void)state;
	tdata_random(&d, 120, 80, 15, 4);
	model_params_default(MODEL_ALS, &p);
	p.threads = 2;
	m1 = tdata_fit(&d, MODEL_ALS, &p, false, err, sizeof err, &rc);
	assert_int_equal(rc, 0);
	m2 = tdata_fit(&d, MODEL_ALS, &p, false, err, sizeof err, &rc);
	assert_int_equal(rc, 0);
	for (uint32_t u = 0; u < d.m->n_users; u++) {
		struct scored a[10], b[10];
		size_t na = model_recommend(m1, u, NULL, a, 10);

		assert_int_equal(na, 10);
		assert_int_equal(model_recommend(m2, u, NULL, b, 10), na);
		assert_memory_equal(a, b, sizeof a);
	}
	model_free(m1);
	model_free(m2);
	tdata_free(&d);
}

/* Folding a training user's own ratings in against the fitted items gives
 * back their fitted vector: the last half-sweep of a fit is that solve. */
static void fold_in_equals_fitted_user(void **state)
{
	enum model_kind kinds[] = { MODEL_ALS, MODEL_IALS };
	struct tdata d;
	char err[256];

	(void)state;
	tdata_random(&d, 60, 40, 10, 9);
	for (size_t k = 0; k < ARRAY_LEN(kinds); k++) {
		struct model *m;
		float a[40], b[40];
		int rc;

		m = tdata_fit(&d, kinds[k], NULL, false, err, sizeof err, &rc);
		assert_int_equal(rc, 0);
		for (uint32_t u = 0; u < d.m->n_users; u++) {
			struct rvec row = rmatrix_by_user(d.m, u);

			model_score_all(m, u, NULL, a);
			model_score_all(m, MODEL_NO_USER, &row, b);
			for (uint32_t i = 0; i < 40; i++) {
				if (isinf(a[i])) {
					assert_true(isinf(b[i]));
					continue;
				}
				assert_float_equal(a[i], b[i], 1e-5);
			}
		}
		model_free(m);
	}
	tdata_free(&d);
}

/* Case 14, 3x3 diagonal, k = 8: lambda = 0 is refused with both messages;
 * weighted lambda > 0 trains without NaN; a lambda so small the systems
 * are numerically singular stops with the divergence message and leaves
 * finite factors. */
static void case14_singular_refused(void **state)
{
	struct model_params p = small_params(8, 0, 10);
	struct tdata d;
	struct model *m;
	char err[256];
	double v;
	int rc;

	(void)state;
	assert_int_equal(tdata_case(&d, "cases/14-als-tiny-diagonal.csv"), 0);
	m = tdata_fit(&d, MODEL_ALS, &p, false, err, sizeof err, &rc);
	assert_int_equal(rc, -1);
	assert_string_equal(err, "λ=0 makes the system singular for users "
			    "with < k ratings; use λ > 0");
	assert_string_equal(m->warning, "k=8 ≥ min(users=3, items=3)");
	model_free(m);
	p.reg = 0.1;
	m = tdata_fit(&d, MODEL_ALS, &p, false, err, sizeof err, &rc);
	assert_int_equal(rc, 0);
	for (uint32_t u = 0; u < 3; u++) {
		for (uint32_t i = 0; i < 3; i++) {
			assert_true(model_predict(m, u, NULL, i, &v));
			assert_true(isfinite(v));
		}
	}
	model_free(m);
	p.reg = 1e-300;
	p.reg_bias = 0;
	m = tdata_fit(&d, MODEL_ALS, &p, false, err, sizeof err, &rc);
	assert_int_equal(rc, -1);
	assert_true(strncmp(err, "ALS diverged at epoch ", 22) == 0);
	assert_non_null(strstr(err, "). Increase λ or reduce k."));
	for (uint32_t i = 0; i < 3; i++) {
		assert_true(model_predict(m, 0, NULL, i, &v));
		assert_true(isfinite(v));
	}
	model_free(m);
	tdata_free(&d);
}

/* Case 19, explicit: everyone gave item 10 one star, so it is predicted
 * low, below item 12, for "you" who liked 11. */
static void case19_explicit_predicts_10_low(void **state)
{
	struct model_params p = small_params(2, 0.1, 20);
	struct tdata d;
	struct model *m;
	uint32_t idx[1];
	float val[1] = { 5 };
	struct rvec you = { 1, idx, val };
	char err[256];
	double v10, v12;
	int rc;

	(void)state;
	assert_int_equal(tdata_case(&d, "cases/19-implicit-vs-explicit.csv"),
			 0);
	m = tdata_fit(&d, MODEL_ALS, &p, false, err, sizeof err, &rc);
	assert_int_equal(rc, 0);
	for (uint32_t u = 0; u < 3; u++) {
		assert_true(model_predict(m, u, NULL, tdata_item(&d, "10"),
					  &v10));
		assert_true(v10 < 2.0);
	}
	idx[0] = tdata_item(&d, "11");
	assert_true(model_predict(m, MODEL_NO_USER, &you, tdata_item(&d, "10"),
				  &v10));
	assert_true(model_predict(m, MODEL_NO_USER, &you, tdata_item(&d, "12"),
				  &v12));
	assert_true(v10 < 2.5);
	assert_true(v10 < v12);
	model_free(m);
	tdata_free(&d);
}

/* Case 19, implicit: with the default rule (3 of 5) the 1-star item is no
 * positive at all and never recommended; with "all positive" it becomes
 * the first recommendation whatever else "you" liked, and the fit warns. */
static void case19_implicit_all_positive(void **state)
{
	struct model_params p;
	struct tdata d;
	struct model *m;
	uint32_t idx[1];
	float val[1] = { 5 };
	struct rvec you = { 1, idx, val };
	struct scored out[3];
	char err[256];
	int rc;

	(void)state;
	assert_int_equal(tdata_case(&d, "cases/19-implicit-vs-explicit.csv"),
			 0);
	idx[0] = tdata_item(&d, "11");
	model_params_default(MODEL_IALS, &p);
	p.factors = 2;
	p.reg = 0.1;        /* the default is for 100 k ratings, not 6 */
	p.threads = 1;
	m = tdata_fit(&d, MODEL_IALS, &p, false, err, sizeof err, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(m->warning, "");
	assert_int_equal(model_recommend(m, MODEL_NO_USER, &you, out, 3), 1);
	assert_int_equal(out[0].item, tdata_item(&d, "12"));
	model_free(m);
	p.positive_min = 1;
	m = tdata_fit(&d, MODEL_IALS, &p, false, err, sizeof err, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(m->warning, "implicit mode is treating 1-star "
			    "ratings as positive");
	assert_int_equal(model_recommend(m, MODEL_NO_USER, &you, out, 3), 2);
	assert_int_equal(out[0].item, tdata_item(&d, "10"));
	idx[0] = tdata_item(&d, "12");
	assert_int_equal(model_recommend(m, MODEL_NO_USER, &you, out, 3), 2);
	assert_int_equal(out[0].item, tdata_item(&d, "10"));
	model_free(m);
	tdata_free(&d);
}

/* The rule in words, scaled from the catalogue's scale. */
static void implicit_rule_text(void **state)
{
	struct scale ten = { 1, 10, 1 };
	struct model_params p;
	char buf[128];

	(void)state;
	model_params_default(MODEL_IALS, &p);
	p.alpha = 2;
	model_implicit_rule(&p, &SCALE_MOVIELENS, buf, sizeof buf);
	assert_string_equal(buf, "positive if rating ≥ 3 (of 5), confidence "
			    "1 + α·r (α = 2)");
	model_implicit_rule(&p, &ten, buf, sizeof buf);
	assert_string_equal(buf, "positive if rating ≥ 6 (of 10), confidence "
			    "1 + α·r (α = 2)");
	assert_near(model_positive_min(&p, &SCALE_GOODBOOKS), 3, 0);
	p.positive_min = 3.5;
	assert_near(model_positive_min(&p, &ten), 3.5, 0);
}

struct epochs_seen {
	int calls, stop_at;
	bool all_valid;
};

/* Count epochs; stop at stop_at. */
static bool on_epoch(void *ctx, const struct epoch_event *ev)
{
	struct epochs_seen *s = ctx;

	s->calls++;
	s->all_valid = s->all_valid && ev->has_valid &&
		       isfinite(ev->valid_rmse) && isfinite(ev->train_loss) &&
		       ev->epoch == s->calls && ev->epochs == 6;
	return ev->epoch < s->stop_at;
}

/* One event per epoch with training loss and validation RMSE; false from
 * the listener stops the fit, which still succeeds. */
static void epoch_events_and_stop(void **state)
{
	struct model_params p = small_params(4, 0.1, 6);
	struct epochs_seen seen = { 0, 3, true };
	struct tdata d;
	struct triplets valid = { 0 };
	struct fit_data fd;
	struct model *m;
	char err[256];

	(void)state;
	tdata_random(&d, 50, 30, 10, 2);
	for (uint32_t u = 0; u < 50; u += 5)
		triplets_push(&valid, u, u % 30, 3.0f, INT64_MIN);
	fd = (struct fit_data){ d.m, NULL, &valid };
	m = model_new(MODEL_ALS, &p);
	m->on_epoch = on_epoch;
	m->epoch_ctx = &seen;
	assert_int_equal(model_fit(m, &fd, err, sizeof err), 0);
	assert_int_equal(seen.calls, 3);
	assert_true(seen.all_valid);
	assert_true(m->epoch_seconds > 0);
	assert_true(strncmp(m->metrics, "valid_rmse=", 11) == 0);
	model_free(m);
	triplets_free(&valid);
	tdata_free(&d);
}

/* Two users of opposite taste over three items, i1 and i3 alike. */
static void two_camps(struct tdata *d)
{
	tdata_init(d);
	tdata_add(d, "u1", "i1", 5);
	tdata_add(d, "u1", "i2", 1);
	tdata_add(d, "u1", "i3", 5);
	tdata_add(d, "u2", "i1", 1);
	tdata_add(d, "u2", "i2", 5);
	tdata_add(d, "u2", "i3", 1);
	tdata_finish(d);
}

/* With k = 1, i1 and i3 point the same way (cosine 1), but on so few
 * ratings that similar() lists nothing (MODEL_SIM_MIN_RATINGS); i3 is
 * still explained by i1 for "you". */
static void similar_and_explain(void **state)
{
	struct model_params p = small_params(1, 0.1, 50);
	struct tdata d;
	struct model *m;
	struct scored out[3];
	uint32_t idx[1];
	float val[1] = { 5 };
	struct rvec you = { 1, idx, val };
	char err[256], why[128];
	int rc;

	(void)state;
	two_camps(&d);
	idx[0] = tdata_item(&d, "i1");
	m = tdata_fit(&d, MODEL_ALS, &p, true, err, sizeof err, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(model_similar(m, tdata_item(&d, "i1"), out, 3), 0);
	model_explain(m, MODEL_NO_USER, &you, tdata_item(&d, "i3"), why,
		      sizeof why);
	assert_string_equal(why, "close to Item i1, which you rated 5");
	model_free(m);
	tdata_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(als_fixed_point_2x2),
		cmocka_unit_test(als_fold_in_half_step_by_hand),
		cmocka_unit_test(als_deterministic),
		cmocka_unit_test(als_same_top10),
		cmocka_unit_test(fold_in_equals_fitted_user),
		cmocka_unit_test(case14_singular_refused),
		cmocka_unit_test(case19_explicit_predicts_10_low),
		cmocka_unit_test(case19_implicit_all_positive),
		cmocka_unit_test(implicit_rule_text),
		cmocka_unit_test(epoch_events_and_stop),
		cmocka_unit_test(similar_and_explain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
