/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_eval: splits (sizes, disjointness, seeds, folds, holdout, time),
 * the pre-assigned split of case 17 and its overlap, cold pairs of case
 * 02, and every metric on examples worked out by hand. A fake model
 * with fixed predictions and scores makes the metric values exact. */
#include <config.h>

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "eval.h"
#include "intern.h"
#include "util.h"

#ifndef TOP_SRCDIR
#define TOP_SRCDIR "."
#endif
#define FIXTURES TOP_SRCDIR "/tests/fixtures/eval"

/* users x items, every pair rated, with a timestamp per row. */
static void make_grid(struct triplets *t, uint32_t users, uint32_t items)
{
	memset(t, 0, sizeof *t);
	for (uint32_t u = 0; u < users; u++)
		for (uint32_t i = 0; i < items; i++)
			triplets_push(t, u, i, (float)(1 + (u + i) % 5),
				      (int64_t)(1000 + 10 * i + u));
}

/* True when a and b hold the same rows in the same order. */
static bool same_rows(const struct triplets *a, const struct triplets *b)
{
	if (a->n != b->n)
		return false;
	for (size_t k = 0; k < a->n; k++)
		if (a->v[k].user != b->v[k].user ||
		    a->v[k].item != b->v[k].item)
			return false;
	return true;
}

/* 100 pairs, 20% test: 20 and 80 rows, disjoint, together the whole. */
static void test_random_sizes_disjoint(void **state)
{
	struct triplets all, tr, te;
	(void)state;
	make_grid(&all, 10, 10);
	eval_split_random(&all, 0.2, 7, &tr, &te);
	assert_int_equal(te.n, 20);
	assert_int_equal(tr.n, 80);
	assert_int_equal(eval_overlap(&tr, &te), 0);
	assert_int_equal(eval_overlap(&tr, &all), 80);
	assert_int_equal(eval_overlap(&te, &all), 20);
	triplets_free(&tr);
	triplets_free(&te);
	triplets_free(&all);
}

/* The same seed gives the same split; another seed another one. */
static void test_random_seeded(void **state)
{
	struct triplets all, a1, b1, a2, b2, a3, b3;
	(void)state;
	make_grid(&all, 10, 10);
	eval_split_random(&all, 0.3, 42, &a1, &b1);
	eval_split_random(&all, 0.3, 42, &a2, &b2);
	eval_split_random(&all, 0.3, 43, &a3, &b3);
	assert_true(same_rows(&b1, &b2));
	assert_true(same_rows(&a1, &a2));
	assert_false(same_rows(&b1, &b3));
	assert_int_equal(b3.n, 30);
	triplets_free(&a1);
	triplets_free(&b1);
	triplets_free(&a2);
	triplets_free(&b2);
	triplets_free(&a3);
	triplets_free(&b3);
	triplets_free(&all);
}

/* 5 folds of 103 rows: test sides of 20 or 21 rows partition the data,
 * and each fold's train is the rest. */
static void test_kfold_partition(void **state)
{
	struct triplets all, tr[5], te[5];
	size_t total = 0;
	(void)state;
	make_grid(&all, 1, 103);
	for (int f = 0; f < 5; f++) {
		eval_split_kfold(&all, 5, f, 3, &tr[f], &te[f]);
		assert_true(te[f].n == 20 || te[f].n == 21);
		assert_int_equal(tr[f].n + te[f].n, 103);
		assert_int_equal(eval_overlap(&tr[f], &te[f]), 0);
		total += te[f].n;
	}
	assert_int_equal(total, 103);
	for (int f = 0; f < 5; f++)
		for (int g = f + 1; g < 5; g++)
			assert_int_equal(eval_overlap(&te[f], &te[g]), 0);
	for (int f = 0; f < 5; f++) {
		triplets_free(&tr[f]);
		triplets_free(&te[f]);
	}
	triplets_free(&all);
}

/* Leave-last-2: each user's two latest rows go to test, and a user with
 * only two ratings keeps both in training. */
static void test_user_holdout(void **state)
{
	struct triplets all = { 0 }, tr, te;
	(void)state;
	triplets_push(&all, 0, 0, 4, 30);
	triplets_push(&all, 0, 1, 3, 10);
	triplets_push(&all, 0, 2, 5, 20);
	triplets_push(&all, 0, 3, 2, 5);
	triplets_push(&all, 1, 0, 4, 1);
	triplets_push(&all, 1, 1, 4, 2);
	eval_split_user(&all, 2, &tr, &te);
	assert_int_equal(te.n, 2);
	assert_int_equal(tr.n, 4);
	assert_int_equal(te.v[0].user, 0);
	assert_int_equal(te.v[0].item, 0);
	assert_int_equal(te.v[1].item, 2);
	triplets_free(&tr);
	triplets_free(&te);
	triplets_free(&all);
}

/* The temporal cutoff sends the latest ratings (and ties at the cutoff
 * time) to test; without timestamps it refuses. */
static void test_temporal(void **state)
{
	struct triplets all = { 0 }, tr, te;
	char err[256];
	(void)state;
	for (int k = 0; k < 10; k++)
		triplets_push(&all, (uint32_t)k % 3, (uint32_t)k, 3,
			      k < 8 ? 100 + k : 200);
	assert_int_equal(eval_split_temporal(&all, 0.1, &tr, &te, err,
					     sizeof err), 0);
	assert_int_equal(te.n, 2);     /* both rows at time 200 */
	assert_int_equal(tr.n, 8);
	triplets_free(&tr);
	triplets_free(&te);
	all.v[3].ts = INT64_MIN;
	assert_int_equal(eval_split_temporal(&all, 0.1, &tr, &te, err,
					     sizeof err), -1);
	assert_non_null(strstr(err, "timestamps"));
	triplets_free(&all);
}

/* Case 17: a split column; (1,12) is in both sides and (2,13) has an
 * earlier duplicate in train: 2 overlapping pairs, each side deduped. */
static void test_case17_overlap(void **state)
{
	struct eval_data d;
	char err[256];
	(void)state;
	assert_int_equal(eval_data_from_file(&d, FIXTURES "/17-leakage.csv",
					     err, sizeof err), 0);
	assert_true(d.preassigned);
	assert_int_equal(d.overlap, 2);
	assert_int_equal(d.train.n, 5);
	assert_int_equal(d.test.n, 2);
	assert_int_equal(d.rows_rejected, 0);
	assert_string_equal(d.source, "split column");
	eval_data_free(&d);
}

/* A file without a split column is read whole, to be split by eval. */
static void test_plain_file(void **state)
{
	struct eval_data d;
	char err[256];
	(void)state;
	assert_int_equal(eval_data_from_file(&d, FIXTURES "/cold-train.csv",
					     err, sizeof err), 0);
	assert_false(d.preassigned);
	assert_int_equal(d.all.n, 5);
	assert_int_equal(d.cat->n_items, 3);
	assert_int_equal(d.cat->m->n_users, 3);
	eval_data_free(&d);
}

/* Case 02: test pairs of an unknown user (4) and an unknown item (103)
 * are counted as cold, 3 of them; RMSE over the 2 others is finite. */
static void test_case02_cold_pairs(void **state)
{
	struct eval_data d;
	struct eval_opts o;
	struct eval_metrics r;
	struct model_params p;
	char err[256];
	(void)state;
	assert_int_equal(eval_data_from_pair(&d, FIXTURES "/cold-train.csv",
					     FIXTURES "/cold-test.csv", err,
					     sizeof err), 0);
	assert_int_equal(d.test.n, 5);
	assert_int_equal(d.cat->n_items, 4);      /* 103 added, cold */
	assert_int_equal(d.cat->m->n_users, 4);   /* user 4 added */
	eval_opts_default(&o, &d.cat->scale);
	model_params_default(MODEL_BASELINE, &p);
	assert_int_equal(eval_run(MODEL_BASELINE, &p, d.cat, &d.train,
				  &d.test, &o, &r, err, sizeof err), 0);
	assert_int_equal(r.test_pairs, 5);
	assert_int_equal(r.cold_pairs, 3);
	assert_int_equal(r.scored_pairs, 2);
	assert_true(isfinite(r.rmse) && r.rmse >= 0);
	assert_true(isfinite(r.mae) && r.mae <= r.rmse + 1e-12);
	eval_data_free(&d);
}

/* Hand-made ranking: list 5 3 9 1, relevant {1, 3, 7}. At 2: one hit
 * at rank 2. At 4: hits at ranks 2 and 4. */
static void test_rank_by_hand(void **state)
{
	const uint32_t list[] = { 5, 3, 9, 1 };
	const uint32_t rel[] = { 1, 3, 7 };
	struct eval_rank r;
	double l2 = 1 / log2(3.0), l4 = 1 / log2(5.0);
	(void)state;
	eval_rank_user(list, 4, rel, 3, 2, &r);
	assert_float_equal(r.precision, 0.5, 1e-12);
	assert_float_equal(r.recall, 1.0 / 3, 1e-12);
	assert_float_equal(r.ndcg, l2 / (1 + l2), 1e-12);
	assert_float_equal(r.ndcg, 0.3868528072, 1e-9);
	assert_float_equal(r.ap, 0.25, 1e-12);
	assert_true(r.hit);
	eval_rank_user(list, 4, rel, 3, 4, &r);
	assert_float_equal(r.precision, 0.5, 1e-12);
	assert_float_equal(r.recall, 2.0 / 3, 1e-12);
	assert_float_equal(r.ndcg, (l2 + l4) / (1 + l2 + 0.5), 1e-12);
	assert_float_equal(r.ap, (0.5 + 0.5) / 3, 1e-12);
	eval_rank_user(list, 1, rel, 3, 2, &r);   /* a short list */
	assert_float_equal(r.precision, 0, 1e-12);
	assert_false(r.hit);
}

/* ---- a fake model: predicts 3 everywhere, scores item i as i -------- */

/* Always 3. */
static bool fake_predict(const struct model *m, uint32_t user,
			 const struct model_you *ratings, uint32_t item,
			 double *out)
{
	(void)m;
	(void)user;
	(void)ratings;
	(void)item;
	*out = 3;
	return true;
}

/* Item i scores i; item 1 cannot be scored for user 0. */
static void fake_score_all(const struct model *m, uint32_t user,
			   const struct model_you *ratings, float *out)
{
	(void)ratings;
	for (uint32_t i = 0; i < m->n_items; i++)
		out[i] = (float)i;
	if (user == 0)
		out[1] = -INFINITY;
}

static const struct model_ops fake_ops = {
	.name = "fake",
	.predict = fake_predict,
	.score_all = fake_score_all,
};

/* The tiny world of the metric test: 4 users, 4 items, genres. */
struct world {
	struct triplets train, test;
	struct rmatrix *m;
	struct catalog cat;
	struct item items[4];
	struct model model;
	int dummy_state;
};

/* train: u0 i0; u1 i1; u2 i0..i3. test: u0 i2=5 i3=2; u1 i2=4 i3=5;
 * u3 (no training ratings) i0=4, cold. */
static void world_init(struct world *w)
{
	static char g_cd[] = "Comedy|Drama", g_d[] = "Drama";
	memset(w, 0, sizeof *w);
	triplets_push(&w->train, 0, 0, 5, 1);
	triplets_push(&w->train, 1, 1, 4, 2);
	triplets_push(&w->train, 2, 0, 2, 3);
	triplets_push(&w->train, 2, 1, 3, 4);
	triplets_push(&w->train, 2, 2, 4, 5);
	triplets_push(&w->train, 2, 3, 1, 6);
	triplets_push(&w->test, 0, 2, 5, 7);
	triplets_push(&w->test, 0, 3, 2, 8);
	triplets_push(&w->test, 1, 2, 4, 9);
	triplets_push(&w->test, 1, 3, 5, 10);
	triplets_push(&w->test, 3, 0, 4, 11);
	w->m = rmatrix_build(&w->train, 4, 4);
	w->items[2].genres = g_cd;
	w->items[3].genres = g_d;
	w->cat.items = w->items;
	w->cat.n_items = 4;
	w->cat.scale = (struct scale){ 1, 5, 1 };
	w->cat.m = w->m;
	w->model.ops = &fake_ops;
	w->model.state = &w->dummy_state;
	w->model.n_users = 4;
	w->model.n_items = 4;
	w->model.scale = w->cat.scale;
	w->model.train = w->m;
}

/* Release the world. */
static void world_free(struct world *w)
{
	triplets_free(&w->train);
	triplets_free(&w->test);
	rmatrix_free(w->m);
}

/* Every metric by hand. RMSE: errors 2, -1, 1, 2 -> sqrt(10/4); MAE
 * 6/4. u0 (rel {2}) gets [3, 2] (item 1 unscorable, 0 rated): P 0.5,
 * R 1, NDCG 1/log2(3), AP 0.5. u1 (rel {2, 3}) gets [3, 2]: all 1.
 * Coverage 2 of 4 items; diversity 1 - 1/sqrt(2) in both lists. */
static void test_metrics_by_hand(void **state)
{
	struct world w;
	struct eval_opts o;
	struct eval_metrics r1, r3;
	(void)state;
	world_init(&w);
	eval_opts_default(&o, &w.cat.scale);
	assert_float_equal(o.relevant_min, 4, 1e-12);
	o.k = 2;
	o.threads = 1;
	eval_model(&w.model, w.m, &w.test, &w.cat, &o, &r1);
	o.threads = 3;
	eval_model(&w.model, w.m, &w.test, &w.cat, &o, &r3);
	assert_int_equal(r1.test_pairs, 5);
	assert_int_equal(r1.cold_pairs, 1);
	assert_int_equal(r1.scored_pairs, 4);
	assert_float_equal(r1.rmse, sqrt(2.5), 1e-12);
	assert_float_equal(r1.mae, 1.5, 1e-12);
	assert_int_equal(r1.ranked_users, 2);
	assert_float_equal(r1.precision, 0.75, 1e-12);
	assert_float_equal(r1.recall, 1.0, 1e-12);
	assert_float_equal(r1.ndcg, (1 / log2(3.0) + 1) / 2, 1e-12);
	assert_float_equal(r1.map, 0.75, 1e-12);
	assert_float_equal(r1.hit_rate, 1.0, 1e-12);
	assert_float_equal(r1.coverage, 0.5, 1e-12);
	assert_true(r1.has_diversity);
	assert_float_equal(r1.diversity, 1 - 1 / sqrt(2.0), 1e-12);
	assert_memory_equal(&r1.precision, &r3.precision,
			    sizeof r1.precision * 5);
	assert_float_equal(r1.diversity, r3.diversity, 0);
	world_free(&w);
}

/* Relevance is scaled for other scales and lands on a step: 0.5-5
 * gives 3.875 -> 4, 1-10 gives 7.75 -> 8, a stepless 0-1 gives 0.75. */
static void test_relevant_scaled(void **state)
{
	struct scale ml = { 0.5, 5, 0.5 }, ten = { 1, 10, 1 };
	struct scale unit = { 0, 1, 0 };
	(void)state;
	assert_float_equal(eval_relevant_min(&ml), 4, 1e-12);
	assert_float_equal(eval_relevant_min(&ten), 8, 1e-12);
	assert_float_equal(eval_relevant_min(&unit), 0.75, 1e-12);
}

/* Mean and sample spread over runs; a run without scored pairs does not
 * count in the RMSE mean; counts add up. */
static void test_summarise(void **state)
{
	struct eval_metrics runs[3], mean, std;
	(void)state;
	memset(runs, 0, sizeof runs);
	runs[0].rmse = 1;
	runs[0].scored_pairs = 10;
	runs[1].rmse = 3;
	runs[1].scored_pairs = 5;
	runs[2].rmse = 100;      /* not valid: no scored pairs */
	runs[2].cold_pairs = 4;
	eval_summarise(runs, 3, &mean, &std);
	assert_float_equal(mean.rmse, 2, 1e-12);
	assert_float_equal(std.rmse, sqrt(2.0), 1e-12);
	assert_int_equal(mean.scored_pairs, 15);
	assert_int_equal(mean.cold_pairs, 4);
	assert_int_equal(mean.ranked_users, 0);
}

/* The view a fit sees counts only training ratings. */
static void test_catalog_view(void **state)
{
	struct world w;
	(void)state;
	world_init(&w);
	w.items[0].n_ratings = 99;
	w.items[0].mean = 1;
	struct catalog *v = eval_catalog_view(&w.cat, w.m);
	assert_int_equal(v->items[0].n_ratings, 2);
	assert_float_equal(v->items[0].mean, 3.5, 1e-6);
	assert_int_equal(v->items[3].n_ratings, 1);
	assert_ptr_equal(v->m, w.m);
	assert_int_equal(w.items[0].n_ratings, 99);  /* original kept */
	eval_catalog_view_free(v);
	world_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_sizes_disjoint),
		cmocka_unit_test(test_random_seeded),
		cmocka_unit_test(test_kfold_partition),
		cmocka_unit_test(test_user_holdout),
		cmocka_unit_test(test_temporal),
		cmocka_unit_test(test_case17_overlap),
		cmocka_unit_test(test_plain_file),
		cmocka_unit_test(test_case02_cold_pairs),
		cmocka_unit_test(test_rank_by_hand),
		cmocka_unit_test(test_metrics_by_hand),
		cmocka_unit_test(test_relevant_scaled),
		cmocka_unit_test(test_summarise),
		cmocka_unit_test(test_catalog_view),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
