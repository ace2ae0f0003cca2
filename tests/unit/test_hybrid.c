/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_hybrid: the least-squares blend solved by hand, the cold-start
 * weight, case 02 (cold user fallback, item 103 scored by content
 * alone), learned weights on held-out rows, MMR re-ranking, case 15
 * with the diverse recommender, determinism and save/load. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
#include <cmocka.h>

#include "model/content.h"
#include "model/hybrid.h"
#include "model/knn.h"
#include "model2_util.h"

/* Field by field: the struct has padding. */
static void assert_weights_equal(const struct hybrid_weights *a,
				 const struct hybrid_weights *b)
{
	assert_true(a->a0 == b->a0 && a->a_cf == b->a_cf &&
		    a->a_kn == b->a_kn && a->a_ct == b->a_ct);
	assert_true(a->b0 == b->b0 && a->b_ct == b->b_ct && a->n0 == b->n0);
	assert_true(a->learned == b->learned && a->n_full == b->n_full &&
		    a->n_content == b->n_content);
}

/* Small and quick ALS settings for the hybrid's collaborative part. */
static struct model_params quick(void)
{
	struct model_params p;

	model_params_default(MODEL_HYBRID, &p);
	p.factors = 4;
	p.epochs = 8;
	p.threads = 1;
	return p;
}

/* y = b0 + b1 t on (0,1) (1,3) (2,4) (3,8): mean t 1.5, mean y 4,
 * Sxy = 11, Sxx = 5, so b1 = 2.2 and b0 = 4 - 2.2 * 1.5 = 0.7. */
static void test_lsq_by_hand(void **state)
{
	double x[8] = { 1, 0, 1, 1, 1, 2, 1, 3 }, y[4] = { 1, 3, 4, 8 };
	double x3[9] = { 1, 1, 0, 1, 0, 1, 1, 1, 1 }, y3[3] = { 3, 4, 6 };
	double b[3];

	(void)state;
	assert_int_equal(hybrid_lsq(x, y, 4, 2, b), 0);
	assert_float_equal(b[0], 0.7, 1e-9);
	assert_float_equal(b[1], 2.2, 1e-9);
	/* three held-out points, three weights: a + b = 3, a + c = 4,
	 * a + b + c = 6 gives a = 1, b = 2, c = 3 exactly */
	assert_int_equal(hybrid_lsq(x3, y3, 3, 3, b), 0);
	assert_float_equal(b[0], 1, 1e-9);
	assert_float_equal(b[1], 2, 1e-9);
	assert_float_equal(b[2], 3, 1e-9);
	assert_int_equal(hybrid_lsq(x, y, 1, 2, b), -1);
}

/* w_cf = n_u/(n_u+n0) * n_i/(n_i+n0); 0 with no ratings on a side. */
static void test_cf_weight(void **state)
{
	(void)state;
	assert_float_equal(hybrid_cf_weight(5, 5, 5), 0.25, 1e-12);
	assert_float_equal(hybrid_cf_weight(5, 15, 5), 0.375, 1e-12);
	assert_float_equal(hybrid_cf_weight(5, 0, 10), 0, 0);
	assert_float_equal(hybrid_cf_weight(5, 10, 0), 0, 0);
}

/* User 4 has no ratings: the documented fallback ranks rated items by
 * their regularised mean (100: 5 and 4; 101: 3 and 4; 102: 2) and says
 * so; never-rated 103 and 104 have no score for them. */
static void test_case02_cold_user(void **state)
{
	struct m2 m;
	struct model_params p = quick();
	struct model *md;
	struct scored out[5];
	struct rvec none = { 0, NULL, NULL };
	char buf[128];
	double v;

	(void)state;
	m2_case02(&m);
	md = m2_fit(&m, MODEL_HYBRID, &p, NULL);
	assert_non_null(md);
	assert_int_equal(model_recommend(md, MODEL_NO_USER, &none, out, 5), 3);
	assert_int_equal(out[0].item, m2_id(&m, "100"));
	assert_int_equal(out[1].item, m2_id(&m, "101"));
	assert_int_equal(out[2].item, m2_id(&m, "102"));
	model_explain(md, MODEL_NO_USER, &none, m2_id(&m, "100"),
		      buf, sizeof buf);
	assert_string_equal(buf, "no ratings yet: popular, 2 rated it highly");
	assert_false(model_predict(md, MODEL_NO_USER, &none, m2_id(&m, "103"),
				   &v));
	model_free(md);
	m2_free(&m);
}

/* Item 103: collaborative "n/a" (ALS cannot score it, w_cf = 0), so the
 * hybrid's score is the content line's alone; it is reached through
 * content similarity to the other Comedy and explained by content. */
static void test_case02_cold_item(void **state)
{
	struct m2 m;
	struct model_params p = quick();
	struct model *md, *als, *ct;
	struct hybrid_weights w;
	struct scored out[5];
	float yv[1] = { 5 };
	uint32_t yi[1];
	struct rvec you = { 1, yi, yv };
	uint32_t u1;
	double h, c, a;
	char buf[128];
	size_t n;

	(void)state;
	m2_case02(&m);
	u1 = tdata_user(&m.d, "1");
	md = m2_fit(&m, MODEL_HYBRID, &p, NULL);
	als = m2_fit(&m, MODEL_ALS, NULL, NULL);
	ct = m2_fit(&m, MODEL_CONTENT, NULL, NULL);
	assert_true(hybrid_get_weights(md, &w));
	assert_false(w.learned);    /* 5 rows: too few to hold any out */
	assert_false(model_predict(als, u1, NULL, m2_id(&m, "103"), &a));
	assert_true(model_predict(ct, u1, NULL, m2_id(&m, "103"), &c));
	assert_true(model_predict(md, u1, NULL, m2_id(&m, "103"), &h));
	assert_float_equal(h, w.b0 + w.b_ct * c, 1e-6);
	/* the hybrid's similar list for 103 is content's: 104 */
	n = model_similar(md, m2_id(&m, "103"), out, 5);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].item, m2_id(&m, "104"));
	/* "you" rated 104: 103 comes first, for a content reason */
	yi[0] = m2_id(&m, "104");
	n = model_recommend(md, MODEL_NO_USER, &you, out, 5);
	assert_true(n >= 1);
	assert_int_equal(out[0].item, m2_id(&m, "103"));
	model_explain(md, MODEL_NO_USER, &you, m2_id(&m, "103"),
		      buf, sizeof buf);
	assert_string_equal(buf, "content: shares Comedy");
	model_free(md);
	model_free(als);
	model_free(ct);
	m2_free(&m);
}

/* Items with genres tied to the ratings, for the learned blend. */
static void featured_random(struct m2 *m, struct triplets *valid)
{
	static const char *const g[] = { "Drama", "Comedy", "Horror",
					 "Action", "Crime", "War" };
	char u[16], i[16];
	uint64_t s = 12345;

	m2_init(m);
	for (int j = 0; j < 60; j++) {
		snprintf(i, sizeof i, "i%d", j);
		m2_item(m, i, NULL, g[j % 6]);
	}
	for (int a = 0; a < 200; a++)
		for (int k = 0; k < 25; k++) {
			int j, v;

			s = s * 6364136223846793005ULL + 1442695040888963407ULL;
			j = (int)((s >> 33) % 60);
			/* each user likes one genre; noise of one star */
			v = (j % 6 == a % 6 ? 4 : 2) + (int)((s >> 61) % 2);
			snprintf(u, sizeof u, "u%d", a);
			snprintf(i, sizeof i, "i%d", j);
			if (k % 5 == 4) {
				uint32_t ui = intern_add(m->d.users, u,
							 strlen(u), NULL);

				triplets_push(valid, ui, tdata_item(&m->d, i),
					      (float)v, INT64_MIN);
			} else {
				tdata_add(&m->d, u, i, (float)v);
			}
		}
	m2_finish(m, &SCALE_GENERIC);
	for (uint32_t j = 0; j < m->d.cat.n_items; j++) {
		free(m->d.cat.items[j].title);
		m->d.cat.items[j].title = NULL;
	}
}

/* RMSE of a model on rows it can predict. */
static double rmse(const struct model *md, const struct triplets *t)
{
	double sse = 0, v;
	size_t n = 0;

	for (size_t j = 0; j < t->n; j++)
		if (model_predict(md, t->v[j].user, NULL, t->v[j].item, &v)) {
			sse += (v - t->v[j].value) * (v - t->v[j].value);
			n++;
		}
	return n ? sqrt(sse / n) : INFINITY;
}

/* Held-out rows given: weights are learned, finite, n0 from the grid,
 * and the blend beats the content line and the global mean on them. */
static void test_learned_weights(void **state)
{
	struct m2 m;
	struct triplets valid = { 0 };
	struct model_params p = quick();
	struct model *md, *ct;
	struct hybrid_weights w;
	double mean = 0, sse = 0;

	(void)state;
	featured_random(&m, &valid);
	for (size_t j = 0; j < valid.n; j++)
		mean += valid.v[j].value / valid.n;
	for (size_t j = 0; j < valid.n; j++)
		sse += pow(valid.v[j].value - mean, 2);
	md = m2_fit(&m, MODEL_HYBRID, &p, &valid);
	ct = m2_fit(&m, MODEL_CONTENT, NULL, NULL);
	assert_true(hybrid_get_weights(md, &w));
	assert_true(w.learned);
	assert_true(w.n_full >= 30 && w.n_content >= w.n_full);
	assert_true(isfinite(w.a0) && isfinite(w.a_cf) && isfinite(w.a_kn) &&
		    isfinite(w.a_ct));
	assert_true(isfinite(w.b0) && isfinite(w.b_ct) && w.n0 >= 1);
	/* genre taste is all there is to learn: content carries weight */
	assert_true(w.b_ct > 0);
	assert_true(rmse(md, &valid) < sqrt(sse / valid.n));
	assert_true(rmse(md, &valid) <= rmse(ct, &valid) + 1e-9);
	model_free(md);
	model_free(ct);
	triplets_free(&valid);
	m2_free(&m);
}

/* Lists rank by (r^ - min)/(max - min) * support / sqrt(n_i), the
 * support item-kNN's (a kNN fitted alike gives the same), items without
 * support after, by prediction - 1; predict is the rating. User 0 likes
 * the genre of items 0, 6, 12, ...: their top 10 is of that genre. */
static void test_rank_score(void **state)
{
	struct m2 m;
	struct triplets valid = { 0 };
	struct model_params p = quick(), pk;
	struct model *md, *kn;
	uint32_t n_items, own = 0;
	float *sc, *sup;
	struct scored top[10];

	(void)state;
	featured_random(&m, &valid);
	md = m2_fit(&m, MODEL_HYBRID, &p, &valid);
	model_params_default(MODEL_ITEM_KNN, &pk);
	pk.seed = p.seed;
	kn = m2_fit(&m, MODEL_ITEM_KNN, &pk, NULL);
	n_items = md->n_items;
	sc = xmalloc(n_items * sizeof *sc);
	sup = xmalloc(n_items * sizeof *sup);
	model_score_all(md, 0, NULL, sc);
	knn_support_all(kn, 0, NULL, sup);
	for (uint32_t j = 0; j < n_items; j++) {
		size_t n = rmatrix_by_item(md->train, j).n;
		double r, q;

		assert_true(model_predict(md, 0, NULL, j, &r));
		q = (r - 1) / 4;
		if (sup[j] > 0)
			assert_float_equal(sc[j], q * sup[j] / sqrt((double)n),
					   1e-5);
		else
			assert_float_equal(sc[j], q - 1, 1e-5);
	}
	assert_int_equal(model_recommend(md, 0, NULL, top, 10), 10);
	for (size_t k = 0; k < 10; k++)
		own += top[k].item % 6 == 0;
	assert_true(own >= 8);
	free(sc);
	free(sup);
	model_free(md);
	model_free(kn);
	triplets_free(&valid);
	m2_free(&m);
}

/* Without held-out rows the hybrid splits its own 10% off: with enough
 * rows it learns; the same seed gives the same weights and top-10. */
static void test_internal_split_determinism(void **state)
{
	struct m2 m;
	struct triplets valid = { 0 };
	struct model_params p = quick();
	struct model *a, *b;
	struct hybrid_weights wa, wb;
	struct scored ra[10], rb[10];

	(void)state;
	featured_random(&m, &valid);
	a = m2_fit(&m, MODEL_HYBRID, &p, NULL);
	b = m2_fit(&m, MODEL_HYBRID, &p, NULL);
	assert_true(hybrid_get_weights(a, &wa));
	assert_true(hybrid_get_weights(b, &wb));
	assert_true(wa.learned);
	assert_weights_equal(&wa, &wb);
	for (uint32_t u = 0; u < 200; u += 23) {
		size_t na = model_recommend(a, u, NULL, ra, 10);

		assert_int_equal(na, 10);
		assert_int_equal(model_recommend(b, u, NULL, rb, 10), na);
		assert_memory_equal(ra, rb, na * sizeof ra[0]);
	}
	model_free(a);
	model_free(b);
	triplets_free(&valid);
	m2_free(&m);
}

/* MMR: Q's twins T1 and T2 (cosine 1) and a half-match H. Without
 * diversity the twins come first; with lambda 0.7 H is picked second. */
static void test_mmr(void **state)
{
	struct m2 m;
	struct model_params p = quick();
	struct model *md;
	struct scored out[3];

	(void)state;
	m2_init(&m);
	m2_item(&m, "Q", NULL, "Sci-Fi|Action");
	m2_item(&m, "T1", NULL, "Sci-Fi|Action");
	m2_item(&m, "T2", NULL, "Sci-Fi|Action");
	m2_item(&m, "H", NULL, "Sci-Fi|Drama");
	tdata_add(&m.d, "u", "T1", 4);
	m2_finish(&m, &SCALE_GENERIC);
	for (uint32_t j = 0; j < 4; j++) {
		free(m.d.cat.items[j].title);
		m.d.cat.items[j].title = NULL;
	}
	md = m2_fit(&m, MODEL_HYBRID, &p, NULL);
	assert_int_equal(model_similar(md, m2_id(&m, "Q"), out, 3), 3);
	assert_int_equal(out[0].item, m2_id(&m, "T1"));
	assert_int_equal(out[1].item, m2_id(&m, "T2"));
	assert_int_equal(out[2].item, m2_id(&m, "H"));
	md->params.diversity = 0.7;
	assert_int_equal(model_similar(md, m2_id(&m, "Q"), out, 3), 3);
	assert_int_equal(out[0].item, m2_id(&m, "T1"));
	assert_int_equal(out[1].item, m2_id(&m, "H"));
	assert_int_equal(out[2].item, m2_id(&m, "T2"));
	model_free(md);
	m2_free(&m);
}

/* Case 15: A rated 1, 2, 3; plain and diverse lists hold only 4 and 5. */
static void test_case15_never_rated(void **state)
{
	struct m2 m;
	struct model_params p = quick();
	struct model *md;
	struct scored out[5];
	uint32_t a;

	(void)state;
	m2_init(&m);
	m2_item(&m, "1", "One (2000)", "Drama");
	m2_item(&m, "2", "Two (2000)", "Drama|War");
	m2_item(&m, "3", "Three (2000)", "Comedy");
	m2_item(&m, "4", "Four (2000)", "Drama");
	m2_item(&m, "5", "Five (2000)", "Comedy|War");
	assert_int_equal(m2_ratings_csv(&m, "cases/15-already-rated.csv",
					&SCALE_GENERIC), 0);
	m2_finish(&m, &SCALE_GENERIC);
	md = m2_fit(&m, MODEL_HYBRID, &p, NULL);
	a = tdata_user(&m.d, "A");
	for (int d = 0; d < 2; d++) {
		size_t n;

		md->params.diversity = d ? 0.5 : 0;
		n = model_recommend_diverse(md, a, NULL, out, 5);
		assert_int_equal(n, 2);
		for (size_t j = 0; j < n; j++)
			assert_true(out[j].item == m2_id(&m, "4") ||
				    out[j].item == m2_id(&m, "5"));
	}
	model_free(md);
	m2_free(&m);
}

/* Save and load with the catalogue: the same weights and predictions. */
static void test_save_load(void **state)
{
	struct m2 m;
	struct triplets valid = { 0 };
	struct model_params p = quick();
	struct model *a, *b;
	struct hybrid_weights wa, wb;
	char path[] = "/tmp/taste-hybrid-XXXXXX";
	char err[256] = "";
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	featured_random(&m, &valid);
	a = m2_fit(&m, MODEL_HYBRID, &p, &valid);
	assert_int_equal(model_save(a, path, err, sizeof err), 0);
	b = model_load(path, &m.d.cat, err, sizeof err);
	assert_non_null(b);
	assert_true(hybrid_get_weights(a, &wa));
	assert_true(hybrid_get_weights(b, &wb));
	assert_weights_equal(&wa, &wb);
	for (size_t j = 0; j < valid.n; j += 37) {
		double x, y;
		bool ok = model_predict(a, valid.v[j].user, NULL,
					valid.v[j].item, &x);

		assert_int_equal(ok, model_predict(b, valid.v[j].user, NULL,
						   valid.v[j].item, &y));
		if (ok)
			assert_float_equal(x, y, 1e-6);
	}
	model_free(a);
	model_free(b);
	unlink(path);
	triplets_free(&valid);
	m2_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lsq_by_hand),
		cmocka_unit_test(test_cf_weight),
		cmocka_unit_test(test_case02_cold_user),
		cmocka_unit_test(test_case02_cold_item),
		cmocka_unit_test(test_learned_weights),
		cmocka_unit_test(test_internal_split_determinism),
		cmocka_unit_test(test_mmr),
		cmocka_unit_test(test_rank_score),
		cmocka_unit_test(test_case15_never_rated),
		cmocka_unit_test(test_save_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
