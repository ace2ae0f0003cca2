/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_knn: user- and item-kNN on matrices small enough to compute by
 * hand: cosine, centred cosine and shrinkage of three users, the
 * predictions built from them, case 02 (cold user and item: "n/a"),
 * case 03 (a user whose ratings are all 0), case 15 (rated items never
 * recommended), explanations, determinism and a save/load round trip. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
#include <cmocka.h>

#include "model/knn.h"
#include "model2_util.h"

static const struct scale scale_0_5 = { 0, 5, 1 };

/* Three users by hand:  u1: i1=4 i2=2;  u2: i1=2 i2=4 i3=5;
 * u3: i2=3 i3=1. */
static void three_users(struct m2 *m)
{
	m2_init(m);
	tdata_add(&m->d, "u1", "i1", 4);
	tdata_add(&m->d, "u1", "i2", 2);
	tdata_add(&m->d, "u2", "i1", 2);
	tdata_add(&m->d, "u2", "i2", 4);
	tdata_add(&m->d, "u2", "i3", 5);
	tdata_add(&m->d, "u3", "i2", 3);
	tdata_add(&m->d, "u3", "i3", 1);
	m2_finish(m, &SCALE_GENERIC);
}

/* Settings for hand computation: no shrinkage, every neighbour, and
 * biases regularised to nothing (mu alone is the baseline). */
static struct model_params hand_params(enum model_kind k, bool centred)
{
	struct model_params p;

	model_params_default(k, &p);
	p.centred = centred;
	p.shrink = 0;
	p.neighbours = 0;
	p.reg_bias = 1e12;
	return p;
}

static uint32_t U(struct m2 *m, const char *id)
{
	return tdata_user(&m->d, id);
}

static uint32_t I(struct m2 *m, const char *id)
{
	return tdata_item(&m->d, id);
}

/* Raw cosine of the three users, missing ratings as 0. */
static void test_cosine_three_users(void **state)
{
	struct m2 m;
	struct model_params p = hand_params(MODEL_USER_KNN, false);
	struct model *md;
	double s;

	(void)state;
	three_users(&m);
	md = m2_fit(&m, MODEL_USER_KNN, &p, NULL);
	assert_non_null(md);
	assert_true(knn_user_similarity(md, U(&m, "u1"), U(&m, "u2"), &s));
	assert_float_equal(s, 16.0 / 30.0, 1e-6);
	assert_true(knn_user_similarity(md, U(&m, "u1"), U(&m, "u3"), &s));
	assert_float_equal(s, 6.0 / sqrt(200.0), 1e-6);
	assert_true(knn_user_similarity(md, U(&m, "u2"), U(&m, "u3"), &s));
	assert_float_equal(s, 17.0 / sqrt(450.0), 1e-6);
	model_free(md);
	m2_free(&m);
}

/* Centred cosine: each rating minus its user's mean (3, 11/3, 2). */
static void test_centred_cosine(void **state)
{
	struct m2 m;
	struct model_params p = hand_params(MODEL_USER_KNN, true);
	struct model *md;
	double s;

	(void)state;
	three_users(&m);
	md = m2_fit(&m, MODEL_USER_KNN, &p, NULL);
	/* u1 (1, -1, .), u2 (-5/3, 1/3, 4/3): dot -2, norms sqrt 2 and
	 * sqrt(42)/3 */
	assert_true(knn_user_similarity(md, U(&m, "u1"), U(&m, "u2"), &s));
	assert_float_equal(s, -2.0 / (sqrt(2.0) * sqrt(42.0) / 3.0), 1e-6);
	model_free(md);
	/* item-kNN adjusted cosine of i1 and i2: dot 1*(-1) + (-5/3)(1/3),
	 * norms sqrt(34)/3 and sqrt(19)/3 */
	p = hand_params(MODEL_ITEM_KNN, true);
	md = m2_fit(&m, MODEL_ITEM_KNN, &p, NULL);
	assert_true(knn_item_similarity(md, I(&m, "i1"), I(&m, "i2"), &s));
	assert_float_equal(s, (-14.0 / 9.0) /
			   (sqrt(34.0) / 3.0 * sqrt(19.0) / 3.0), 1e-6);
	model_free(md);
	m2_free(&m);
}

/* Shrinkage: sim * n / (n + shrink) with n the co-ratings. */
static void test_shrinkage(void **state)
{
	struct m2 m;
	struct model_params p = hand_params(MODEL_USER_KNN, false);
	struct model *md;
	double s;

	(void)state;
	three_users(&m);
	p.shrink = 2;
	md = m2_fit(&m, MODEL_USER_KNN, &p, NULL);
	/* u1, u2 share 2 items: (16/30) * 2/4 */
	assert_true(knn_user_similarity(md, U(&m, "u1"), U(&m, "u2"), &s));
	assert_float_equal(s, 16.0 / 30.0 * 0.5, 1e-6);
	/* u1, u3 share 1: (6/sqrt 200) * 1/3 */
	assert_true(knn_user_similarity(md, U(&m, "u1"), U(&m, "u3"), &s));
	assert_float_equal(s, 6.0 / sqrt(200.0) / 3.0, 1e-6);
	model_free(md);
	m2_free(&m);
}

/* Predictions by hand: mu = 3,
 * r^ = mu + sum s (r - mu) / (sum s + KNN_DAMP). */
static void test_predict_by_hand(void **state)
{
	struct m2 m;
	struct model_params p = hand_params(MODEL_USER_KNN, false);
	struct model *md;
	double v, s12 = 16.0 / 30.0, s13 = 6.0 / sqrt(200.0);
	double a = 16.0 / sqrt(580.0), b = 10.0 / sqrt(520.0);

	(void)state;
	three_users(&m);
	md = m2_fit(&m, MODEL_USER_KNN, &p, NULL);
	/* u1 on i3: u2 rated 5, u3 rated 1 */
	assert_true(model_predict(md, U(&m, "u1"), NULL, I(&m, "i3"), &v));
	assert_float_equal(v, 3 + (s12 * 2 + s13 * -2) /
			   (s12 + s13 + KNN_DAMP), 1e-6);
	model_free(md);
	p.neighbours = 1;   /* only u2, the nearest */
	md = m2_fit(&m, MODEL_USER_KNN, &p, NULL);
	assert_true(model_predict(md, U(&m, "u1"), NULL, I(&m, "i3"), &v));
	assert_float_equal(v, 3 + s12 * 2 / (s12 + KNN_DAMP), 1e-6);
	model_free(md);
	/* item-kNN, u3 on i1: s(i1,i2) = 16/sqrt(20*29), s(i1,i3) =
	 * 10/sqrt(20*26); u3 rated i2 = 3, i3 = 1 */
	p = hand_params(MODEL_ITEM_KNN, false);
	md = m2_fit(&m, MODEL_ITEM_KNN, &p, NULL);
	assert_true(model_predict(md, U(&m, "u3"), NULL, I(&m, "i1"), &v));
	assert_float_equal(v, 3 + (a * 0 + b * -2) / (a + b + KNN_DAMP),
			   1e-6);
	model_free(md);
	m2_free(&m);
}

/* "You" (ratings given) are answered like the training row they copy. */
static void test_fold_in_matches_row(void **state)
{
	struct m2 m;
	enum model_kind kinds[2] = { MODEL_USER_KNN, MODEL_ITEM_KNN };

	(void)state;
	three_users(&m);
	for (int k = 0; k < 2; k++) {
		struct model_params p = hand_params(kinds[k], true);
		struct model *md = m2_fit(&m, kinds[k], &p, NULL);
		struct rvec row = m2_row(&m, "u3");
		double a, b;

		assert_true(model_predict(md, U(&m, "u3"), NULL, I(&m, "i1"),
					  &a));
		assert_true(model_predict(md, MODEL_NO_USER, &row,
					  I(&m, "i1"), &b));
		/* user-kNN: "you" are not excluded as your own neighbour,
		 * but u3 has not rated i1, so the neighbours agree */
		assert_float_equal(a, b, 1e-6);
		model_free(md);
	}
	m2_free(&m);
}

/* score_all agrees with predict for every item. */
static void test_score_all_matches_predict(void **state)
{
	struct tdata *d = xcalloc(1, sizeof *d);
	enum model_kind kinds[2] = { MODEL_USER_KNN, MODEL_ITEM_KNN };

	(void)state;
	tdata_random(d, 60, 40, 12, 7);
	for (int k = 0; k < 2; k++) {
		struct model_params p;
		struct model *md;
		float *sc = xmalloc(d->m->n_items * sizeof *sc);
		char err[256];
		int rc;

		model_params_default(kinds[k], &p);
		p.neighbours = 5;
		md = tdata_fit(d, kinds[k], &p, true, err, sizeof err, &rc);
		assert_int_equal(rc, 0);
		for (uint32_t u = 0; u < 60; u += 7) {
			model_score_all(md, u, NULL, sc);
			for (uint32_t i = 0; i < d->m->n_items; i++) {
				double v;
				bool ok = model_predict(md, u, NULL, i, &v);

				assert_int_equal(ok, isfinite(sc[i]));
				if (ok && v > 1 && v < 5)
					assert_float_equal(v, sc[i], 1e-4);
			}
		}
		free(sc);
		model_free(md);
	}
	tdata_free(d);
	free(d);
}

/* Case 03: u1 rated i1 = 0, u2 rated i1 = 1 and i2 = 0 (0 legal on a
 * 0-5 scale). Cosine with a zero vector is "n/a" and skipped; no NaN. */
static void test_case03_all_zero_user(void **state)
{
	struct m2 m;
	enum model_kind kinds[2] = { MODEL_USER_KNN, MODEL_ITEM_KNN };

	(void)state;
	m2_init(&m);
	assert_int_equal(m2_ratings_csv(&m, "cases/03-all-zero-user.csv",
					&scale_0_5), 0);
	m2_finish(&m, &scale_0_5);
	assert_int_equal(m.d.m->nnz, 3);
	for (int k = 0; k < 2; k++) {
		for (int centred = 0; centred < 2; centred++) {
			struct model_params p;
			struct model *md;
			float sc[2];
			struct scored out[4];
			double s;

			model_params_default(kinds[k], &p);
			p.centred = centred;
			md = m2_fit(&m, kinds[k], &p, NULL);
			assert_non_null(md);
			if (!centred) {
				assert_false(knn_user_similarity(md,
					U(&m, "u1"), U(&m, "u2"), &s));
				assert_false(knn_item_similarity(md,
					I(&m, "i1"), I(&m, "i2"), &s));
				assert_int_equal(model_similar(md,
					I(&m, "i1"), out, 4), 0);
			}
			for (uint32_t u = 0; u < 2; u++) {
				model_score_all(md, u, NULL, sc);
				for (int i = 0; i < 2; i++) {
					assert_false(isnan(sc[i]));
					assert_true(isfinite(sc[i]));
				}
			}
			model_free(md);
		}
	}
	m2_free(&m);
}

/* Case 15: A rated 1, 2, 3 and gets only 4 and 5, as a training row and
 * as "you"; the intersection with the rated items is empty. */
static void test_case15_never_rated(void **state)
{
	struct m2 m;
	enum model_kind kinds[2] = { MODEL_USER_KNN, MODEL_ITEM_KNN };

	(void)state;
	m2_init(&m);
	assert_int_equal(m2_ratings_csv(&m, "cases/15-already-rated.csv",
					&SCALE_GENERIC), 0);
	m2_finish(&m, &SCALE_GENERIC);
	for (int k = 0; k < 2; k++) {
		struct model_params p;
		struct model *md;
		struct scored out[5];
		struct rvec row = m2_row(&m, "A");
		size_t n;

		model_params_default(kinds[k], &p);
		md = m2_fit(&m, kinds[k], &p, NULL);
		n = model_recommend(md, U(&m, "A"), NULL, out, 5);
		assert_int_equal(n, 2);
		for (size_t j = 0; j < n; j++)
			assert_true(out[j].item == I(&m, "4") ||
				    out[j].item == I(&m, "5"));
		n = model_recommend(md, MODEL_NO_USER, &row, out, 5);
		assert_int_equal(n, 2);
		for (size_t j = 0; j < n; j++)
			for (size_t r = 0; r < row.n; r++)
				assert_int_not_equal(out[j].item, row.idx[r]);
		model_free(md);
	}
	m2_free(&m);
}

/* Case 02: user 4 has no ratings and item 103 none either: no
 * collaborative score at all ("n/a"), never 0 or NaN. */
static void test_case02_cold(void **state)
{
	struct m2 m;
	enum model_kind kinds[2] = { MODEL_USER_KNN, MODEL_ITEM_KNN };
	struct rvec none = { 0, NULL, NULL };

	(void)state;
	m2_init(&m);
	assert_int_equal(m2_items_csv(&m, "cases/02-cold-start-items.csv"),
			 0);
	assert_int_equal(m2_ratings_csv(&m, "cases/02-cold-start.csv",
					&SCALE_GENERIC), 0);
	m2_finish(&m, &SCALE_GENERIC);
	assert_int_equal(m.d.cat.n_items, 4);
	for (int k = 0; k < 2; k++) {
		struct model *md = m2_fit(&m, kinds[k], NULL, NULL);
		struct scored out[4];
		float sc[4];
		double v;
		char buf[128];
		uint32_t u1 = U(&m, "1"), i103 = I(&m, "103");

		assert_false(model_predict(md, u1, NULL, i103, &v));
		model_score_all(md, u1, NULL, sc);
		assert_true(isinf(sc[i103]) && sc[i103] < 0);
		assert_true(isfinite(sc[I(&m, "102")]));
		model_explain(md, u1, NULL, i103, buf, sizeof buf);
		assert_string_equal(buf, "n/a: nobody has rated it yet");
		assert_false(model_predict(md, MODEL_NO_USER, &none,
					   I(&m, "100"), &v));
		assert_int_equal(model_recommend(md, MODEL_NO_USER, &none,
						 out, 4), 0);
		model_free(md);
	}
	m2_free(&m);
}

/* Explanations name the neighbour and count who liked both. */
static void test_explain(void **state)
{
	struct m2 m;
	struct model_params p = hand_params(MODEL_USER_KNN, false);
	struct model *md;
	char buf[128];

	(void)state;
	three_users(&m);
	md = m2_fit(&m, MODEL_USER_KNN, &p, NULL);
	/* u1 on i3: neighbours u2 (5, liked) and u3 (1) */
	model_explain(md, U(&m, "u1"), NULL, I(&m, "i3"), buf, sizeof buf);
	assert_string_equal(buf, "liked by 1 of 2 similar users");
	model_free(md);
	p = hand_params(MODEL_ITEM_KNN, false);
	md = m2_fit(&m, MODEL_ITEM_KNN, &p, NULL);
	/* u3 on i1: i2 (s 0.66, u3 rated it at the mean) pulls most; nobody
	 * rated both i1 and i2 4 or more */
	model_explain(md, U(&m, "u3"), NULL, I(&m, "i1"), buf, sizeof buf);
	assert_string_equal(buf, "similar to Item i2, which you rated");
	/* a new user without ratings has nothing to explain */
	model_explain(md, MODEL_NO_USER, NULL, I(&m, "i1"), buf, sizeof buf);
	assert_string_equal(buf, "n/a: no ratings yet");
	model_free(md);
	m2_free(&m);
}

/* "rated highly by N who liked X" counts users who liked both. */
static void test_explain_co_likers(void **state)
{
	struct m2 m;
	struct model_params p = hand_params(MODEL_ITEM_KNN, false);
	struct model *md;
	float you_val[1] = { 5 };
	uint32_t you_idx[1];
	struct rvec you = { 1, you_idx, you_val };
	char buf[128];

	(void)state;
	m2_init(&m);
	tdata_add(&m.d, "a", "x", 5);
	tdata_add(&m.d, "a", "y", 5);
	tdata_add(&m.d, "b", "x", 4);
	tdata_add(&m.d, "b", "y", 4);
	tdata_add(&m.d, "c", "x", 2);
	tdata_add(&m.d, "c", "y", 5);
	m2_finish(&m, &SCALE_GENERIC);
	you_idx[0] = I(&m, "x");
	md = m2_fit(&m, MODEL_ITEM_KNN, &p, NULL);
	model_explain(md, MODEL_NO_USER, &you, I(&m, "y"), buf, sizeof buf);
	assert_string_equal(buf, "rated highly by 2 who liked Item x");
	model_free(md);
	m2_free(&m);
}

/* Users who rated both items. */
static uint32_t co_raters(const struct rmatrix *r, uint32_t a, uint32_t b)
{
	struct rvec x = rmatrix_by_item(r, a), y = rmatrix_by_item(r, b);
	uint32_t n = 0;

	for (size_t i = 0; i < x.n; i++)
		for (size_t j = 0; j < y.n; j++)
			n += x.idx[i] == y.idx[j];
	return n;
}

/* How many items similar(q) should list, by brute force: a positive
 * similarity and at least KNN_MIN_COMMON co-raters, at most cap. */
static size_t similar_count(const struct rmatrix *r, const struct model *md,
			    uint32_t q, size_t cap)
{
	size_t n = 0;

	for (uint32_t j = 0; j < r->n_items; j++) {
		double s;

		if (j != q && co_raters(r, q, j) >= KNN_MIN_COMMON &&
		    knn_item_similarity(md, q, j, &s) && s > 0)
			n++;
	}
	return n < cap ? n : cap;
}

/* similar(): co-rating similarity, at least KNN_MIN_COMMON co-raters,
 * best first, equal to knn_item_similarity. */
static void test_similar(void **state)
{
	struct tdata *d = xcalloc(1, sizeof *d);
	struct model_params p;
	struct model *md;
	struct scored out[10];
	char err[256];
	int rc;
	size_t n;

	(void)state;
	tdata_random(d, 100, 30, 10, 3);
	model_params_default(MODEL_ITEM_KNN, &p);
	md = tdata_fit(d, MODEL_ITEM_KNN, &p, true, err, sizeof err, &rc);
	assert_int_equal(rc, 0);
	n = model_similar(md, 0, out, 10);
	assert_int_equal(n, similar_count(d->m, md, 0, 10));
	assert_true(n >= 3);
	for (size_t j = 0; j < n; j++) {
		double s;

		assert_int_not_equal(out[j].item, 0);
		assert_true(knn_item_similarity(md, 0, out[j].item, &s));
		assert_float_equal(s, out[j].score, 1e-5);
		assert_true(s > 0);
		if (j)
			assert_true(out[j - 1].score >= out[j].score);
	}
	model_free(md);
	tdata_free(d);
	free(d);
}

/* Support (knn_support_all): the sum of an item's raw cosines to the
 * items the user liked (4 and up of 1-5). Columns i1 = (4, 2, 0),
 * i2 = (2, 4, 3), i3 = (0, 5, 1): u1 liked i1 alone, u2 i2 and i3. */
static void test_support_by_hand(void **state)
{
	struct m2 m;
	struct model_params p = hand_params(MODEL_ITEM_KNN, false);
	struct model *md;
	float s[3];
	double c12 = 16 / sqrt(580.0), c13 = 10 / sqrt(520.0);
	double c23 = 23 / sqrt(754.0);

	(void)state;
	three_users(&m);
	md = m2_fit(&m, MODEL_ITEM_KNN, &p, NULL);
	assert_non_null(md);
	knn_support_all(md, U(&m, "u1"), NULL, s);
	assert_float_equal(s[I(&m, "i1")], 0, 0);
	assert_float_equal(s[I(&m, "i2")], c12, 1e-6);
	assert_float_equal(s[I(&m, "i3")], c13, 1e-6);
	knn_support_all(md, U(&m, "u2"), NULL, s);
	assert_float_equal(s[I(&m, "i1")], c12 + c13, 1e-6);
	assert_float_equal(s[I(&m, "i2")], c23, 1e-6);
	assert_float_equal(s[I(&m, "i3")], c23, 1e-6);
	model_free(md);
	m2_free(&m);
}

/* An item of fewer than MODEL_SIM_MIN_RATINGS ratings has no similar
 * list, however alike its one or two raters make it look. */
static void test_similar_too_few(void **state)
{
	struct m2 m;
	struct model_params p = hand_params(MODEL_ITEM_KNN, false);
	struct model *md;
	struct scored out[3];

	(void)state;
	three_users(&m);
	md = m2_fit(&m, MODEL_ITEM_KNN, &p, NULL);
	assert_non_null(md);
	assert_int_equal(model_similar(md, I(&m, "i2"), out, 3), 0);
	model_free(md);
	m2_free(&m);
}

/* The same data and settings give the same top-10, twice. */
static void test_determinism(void **state)
{
	struct tdata *d = xcalloc(1, sizeof *d);
	enum model_kind kinds[2] = { MODEL_USER_KNN, MODEL_ITEM_KNN };

	(void)state;
	tdata_random(d, 120, 80, 15, 11);
	for (int k = 0; k < 2; k++) {
		struct scored a[10], b[10];
		struct model *m1, *m2;
		char err[256];
		int rc;

		m1 = tdata_fit(d, kinds[k], NULL, true, err, sizeof err, &rc);
		m2 = tdata_fit(d, kinds[k], NULL, true, err, sizeof err, &rc);
		for (uint32_t u = 0; u < 120; u += 17) {
			size_t na = model_recommend(m1, u, NULL, a, 10);
			size_t nb = model_recommend(m2, u, NULL, b, 10);

			assert_int_equal(na, 10);
			assert_int_equal(na, nb);
			assert_memory_equal(a, b, na * sizeof a[0]);
		}
		model_free(m1);
		model_free(m2);
	}
	tdata_free(d);
	free(d);
}

/* Save, load with the catalogue: the same predictions. Without the
 * catalogue a kNN model is refused with a message. */
static void test_save_load(void **state)
{
	struct tdata *d = xcalloc(1, sizeof *d);
	char path[] = "/tmp/taste-knn-XXXXXX";
	int fd = mkstemp(path);
	enum model_kind kinds[2] = { MODEL_USER_KNN, MODEL_ITEM_KNN };

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	tdata_random(d, 50, 30, 8, 5);
	for (int k = 0; k < 2; k++) {
		char err[256] = "";
		int rc;
		struct model *a = tdata_fit(d, kinds[k], NULL, true, err,
					    sizeof err, &rc);
		struct model *b;

		assert_int_equal(model_save(a, path, err, sizeof err), 0);
		b = model_load(path, &d->cat, err, sizeof err);
		assert_non_null(b);
		assert_int_equal(b->kind, kinds[k]);
		for (uint32_t u = 0; u < 50; u += 9)
			for (uint32_t i = 0; i < 30; i++) {
				double x, y;
				bool ok = model_predict(a, u, NULL, i, &x);

				assert_int_equal(ok, model_predict(b, u, NULL,
								   i, &y));
				if (ok)
					assert_float_equal(x, y, 1e-9);
			}
		model_free(b);
		err[0] = '\0';
		assert_null(model_load(path, NULL, err, sizeof err));
		assert_string_equal(err, "a kNN model is loaded with the "
			"catalogue it was trained on");
		model_free(a);
	}
	unlink(path);
	tdata_free(d);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cosine_three_users),
		cmocka_unit_test(test_centred_cosine),
		cmocka_unit_test(test_shrinkage),
		cmocka_unit_test(test_predict_by_hand),
		cmocka_unit_test(test_fold_in_matches_row),
		cmocka_unit_test(test_score_all_matches_predict),
		cmocka_unit_test(test_case03_all_zero_user),
		cmocka_unit_test(test_case15_never_rated),
		cmocka_unit_test(test_case02_cold),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_explain_co_likers),
		cmocka_unit_test(test_similar),
		cmocka_unit_test(test_support_by_hand),
		cmocka_unit_test(test_similar_too_few),
		cmocka_unit_test(test_determinism),
		cmocka_unit_test(test_save_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
