/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_blockmap: the Matrix pane's block aggregates on a 5 x 6 matrix
 * worked out by hand, both as whole grids and as tiles (a tiny grid
 * bound), in both orders; the orders themselves; the zoom arithmetic;
 * your pinned row; the sampled predictions of a block; and the
 * synthetic catalogue they are measured on. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>

#include "blockmap.h"
#include "catalog.h"
#include "synth.h"

/* The matrix (users x items, "." unrated), with counts per row and
 * column:
 *
 *        i0  i1  i2  i3  i4  i5
 *   u0    4   3   5   .   .   1     4
 *   u1    2   .   .   4   .   .     2
 *   u2    5   1   2   3   4   .     5
 *   u3    .   .   .   .   .   3     1
 *   u4    . 2.5   .   .   .   5     2
 *         3   3   2   2   1   3    14
 *
 * By count, rows are u2 u0 u1 u4 u3 (u1 before u4: a tie, by index)
 * and columns i0 i1 i5 i2 i3 i4. */
static struct rmatrix *hand_matrix(void)
{
	static const struct { uint32_t u, i; float v; } r[] = {
		{ 0, 0, 4 }, { 0, 1, 3 }, { 0, 2, 5 }, { 0, 5, 1 },
		{ 1, 0, 2 }, { 1, 3, 4 },
		{ 2, 0, 5 }, { 2, 1, 1 }, { 2, 2, 2 }, { 2, 3, 3 },
		{ 2, 4, 4 },
		{ 3, 5, 3 },
		{ 4, 1, 2.5f }, { 4, 5, 5 },
	};
	struct triplets t = { 0 };
	struct rmatrix *m;

	for (size_t k = 0; k < sizeof r / sizeof r[0]; k++)
		triplets_push(&t, r[k].u, r[k].i, r[k].v, INT64_MIN);
	triplets_resolve(&t, DUP_LATEST, NULL);
	m = rmatrix_build(&t, 5, 6);
	triplets_free(&t);
	return m;
}

/* A cell must hold count ratings of this mean (any mean when none). */
static void cell_is(const struct bm_cell *c, uint32_t count, double mean)
{
	assert_int_equal(c->count, count);
	if (count)
		assert_float_equal(c->mean, mean, 1e-6);
	else
		assert_true(isnan(c->mean));
}

/* Level 1 (2 x 2 blocks) by index: a 3 x 3 grid. */
static void level1_by_id(struct blockmap *bm)
{
	struct bm_cell g[9];

	blockmap_window(bm, 1, 0, 0, 3, 3, g);
	cell_is(&g[0], 3, 3.0);        /* u0-1 x i0-1: 4 3 2 */
	cell_is(&g[1], 2, 4.5);        /* 5, 4 */
	cell_is(&g[2], 1, 1.0);
	cell_is(&g[3], 2, 3.0);        /* u2-3 x i0-1: 5 1 */
	cell_is(&g[4], 2, 2.5);        /* 2 3 */
	cell_is(&g[5], 2, 3.5);        /* 4, 3 */
	cell_is(&g[6], 1, 2.5);        /* u4 x i0-1 */
	cell_is(&g[7], 0, 0);
	cell_is(&g[8], 1, 5.0);
}

/* Level 2 (4 x 4 blocks) by index: 2 x 2, the 14 ratings in all. */
static void level2_by_id(struct blockmap *bm)
{
	struct bm_cell g[4];

	blockmap_window(bm, 2, 0, 0, 2, 2, g);
	cell_is(&g[0], 9, 29.0 / 9);   /* 4+3+5+2+4+5+1+2+3 */
	cell_is(&g[1], 3, 8.0 / 3);    /* 1, 4, 3 */
	cell_is(&g[2], 1, 2.5);
	cell_is(&g[3], 1, 5.0);
}

/* Level 1 by count: rows u2 u0 | u1 u4 | u3, columns i0 i1 | i5 i2 |
 * i3 i4. */
static void level1_by_count(struct blockmap *bm)
{
	struct bm_cell g[9];

	blockmap_window(bm, 1, 0, 0, 3, 3, g);
	cell_is(&g[0], 4, 13.0 / 4);   /* 5 1 4 3 */
	cell_is(&g[1], 3, 8.0 / 3);    /* 2; 1 5 */
	cell_is(&g[2], 2, 3.5);        /* 3 4 */
	cell_is(&g[3], 2, 2.25);       /* 2; 2.5 */
	cell_is(&g[4], 1, 5.0);
	cell_is(&g[5], 1, 4.0);
	cell_is(&g[6], 0, 0);
	cell_is(&g[7], 1, 3.0);
	cell_is(&g[8], 0, 0);
}

/* Whole grids (the default bound holds the 30 cells at level 0). */
static void whole_grids_count_and_average(void **state)
{
	struct rmatrix *m = hand_matrix();
	struct blockmap *bm = blockmap_new(m);
	struct bm_cell c;

	(void)state;
	assert_int_equal(blockmap_full_level(bm), 0);
	blockmap_set_order(bm, BM_BY_ID, BM_BY_ID);
	level1_by_id(bm);
	level2_by_id(bm);
	blockmap_window(bm, 0, 4, 1, 1, 1, &c);
	cell_is(&c, 1, 2.5);           /* u4 x i1: a single rating */
	blockmap_window(bm, 3, 0, 0, 1, 1, &c);
	cell_is(&c, 14, 44.5 / 14);    /* everything in one block */
	blockmap_set_order(bm, BM_BY_COUNT, BM_BY_COUNT);
	level1_by_count(bm);
	blockmap_window(bm, 0, 0, 0, 1, 1, &c);
	cell_is(&c, 1, 5.0);           /* u2 x i0 comes first */
	blockmap_free(bm);
	rmatrix_free(m);
}

/* Tiles: with a bound of 4 cells only level 2 (2 x 2) is whole; levels
 * 0 and 1 are built around each window, and agree with the grids. */
static void tiles_agree_with_whole_grids(void **state)
{
	struct rmatrix *m = hand_matrix();
	struct blockmap *bm = blockmap_new(m);
	struct bm_cell g[4];

	(void)state;
	blockmap_set_grid_max(bm, 4);
	assert_int_equal(blockmap_full_level(bm), 2);
	blockmap_set_order(bm, BM_BY_ID, BM_BY_ID);
	level1_by_id(bm);
	level2_by_id(bm);
	/* a 1 x 1 window tiles 3 x 3 around it: panning off rebuilds */
	blockmap_window(bm, 0, 0, 0, 1, 1, g);
	cell_is(&g[0], 1, 4.0);
	blockmap_window(bm, 0, 4, 5, 1, 1, g);
	cell_is(&g[0], 1, 5.0);
	blockmap_window(bm, 0, 2, 4, 2, 2, g);  /* u2-3 x i4-5 */
	cell_is(&g[0], 1, 4.0);
	cell_is(&g[1], 0, 0);
	cell_is(&g[2], 0, 0);
	cell_is(&g[3], 1, 3.0);
	blockmap_set_order(bm, BM_BY_COUNT, BM_BY_COUNT);
	level1_by_count(bm);
	/* beyond the grid: empty */
	blockmap_window(bm, 1, 2, 2, 2, 2, g);
	cell_is(&g[0], 0, 0);
	cell_is(&g[1], 0, 0);
	cell_is(&g[3], 0, 0);
	assert_true(blockmap_bytes(bm) > 0);
	blockmap_free(bm);
	rmatrix_free(m);
}

/* The orders are permutations with their inverses. */
static void orders_by_count_and_by_index(void **state)
{
	static const uint32_t rows[] = { 2, 0, 1, 4, 3 };
	static const uint32_t cols[] = { 0, 1, 5, 2, 3, 4 };
	struct rmatrix *m = hand_matrix();
	struct blockmap *bm = blockmap_new(m);

	(void)state;
	assert_int_equal(blockmap_row_order(bm), BM_BY_COUNT);
	for (uint32_t r = 0; r < 5; r++) {
		assert_int_equal(blockmap_user_at(bm, r), rows[r]);
		assert_int_equal(blockmap_row_of(bm, rows[r]), r);
	}
	for (uint32_t c = 0; c < 6; c++) {
		assert_int_equal(blockmap_item_at(bm, c), cols[c]);
		assert_int_equal(blockmap_col_of(bm, cols[c]), c);
	}
	blockmap_set_order(bm, BM_BY_ID, BM_BY_COUNT);
	assert_int_equal(blockmap_user_at(bm, 3), 3);
	assert_int_equal(blockmap_item_at(bm, 2), 5);
	assert_int_equal(blockmap_user_at(bm, 5), UINT32_MAX);
	assert_int_equal(blockmap_col_of(bm, 6), UINT32_MAX);
	blockmap_free(bm);
	rmatrix_free(m);
}

/* Zoom arithmetic on an empty 100 x 1000 matrix. */
static void zoom_levels_and_spans(void **state)
{
	struct triplets none = { 0 };
	struct rmatrix *m = rmatrix_build(&none, 100, 1000);
	struct blockmap *bm = blockmap_new(m);
	uint32_t r0, r1, c0, c1;

	(void)state;
	assert_int_equal(blockmap_grid_rows(bm, 0), 100);
	assert_int_equal(blockmap_grid_rows(bm, 3), 13);   /* ceil 12.5 */
	assert_int_equal(blockmap_grid_cols(bm, 3), 125);
	/* top: rows <= 8 from level 4 (7), columns <= 48 from 5 (32) */
	assert_int_equal(blockmap_top_level(bm), 5);
	/* 20 x 80 cells: level 3 is 13 x 125, level 4 7 x 63 */
	assert_int_equal(blockmap_fit_level(bm, 20, 80), 4);
	assert_int_equal(blockmap_fit_level(bm, 1000, 1000), 0);
	assert_int_equal(blockmap_fit_level(bm, 1, 1), 5);
	blockmap_block_span(bm, 3, 12, 124, &r0, &r1, &c0, &c1);
	assert_int_equal(r0, 96);
	assert_int_equal(r1, 100);      /* the last block is cut short */
	assert_int_equal(c0, 992);
	assert_int_equal(c1, 1000);
	blockmap_block_span(bm, 0, 7, 9, &r0, &r1, &c0, &c1);
	assert_true(r0 == 7 && r1 == 8 && c0 == 9 && c1 == 10);
	blockmap_free(bm);
	rmatrix_free(m);
}

/* Your row: i0 5, i2 3, i5 4 into the blocks of columns by count. */
static void your_row_is_pinned_in_column_order(void **state)
{
	static const uint32_t idx[] = { 0, 2, 5 };
	static const float val[] = { 5, 3, 4 };
	struct rvec you = { 3, idx, val };
	struct rmatrix *m = hand_matrix();
	struct blockmap *bm = blockmap_new(m);
	struct bm_cell g[6];

	(void)state;
	blockmap_you_window(bm, &you, 1, 0, 3, g);
	cell_is(&g[0], 1, 5.0);         /* i0 i1 */
	cell_is(&g[1], 2, 3.5);         /* i5 i2 */
	cell_is(&g[2], 0, 0);
	blockmap_you_window(bm, &you, 0, 1, 3, g);
	cell_is(&g[0], 0, 0);           /* i1 */
	cell_is(&g[1], 1, 4.0);         /* i5 */
	cell_is(&g[2], 1, 3.0);         /* i2 */
	blockmap_you_window(bm, NULL, 0, 0, 6, g);
	for (int k = 0; k < 6; k++)
		cell_is(&g[k], 0, 0);
	blockmap_free(bm);
	rmatrix_free(m);
}

/* A fake model: user * 10 + item, you as user 9; none for item 3. */
static bool fake_predict(void *ctx, uint32_t user, uint32_t item,
			 double *out)
{
	(void)ctx;
	if (item == 3)
		return false;
	*out = (user == BLOCKMAP_YOU ? 90.0 : user * 10.0) + item;
	return true;
}

/* Predictions of a block are the mean over its sampled cells. */
static void block_predictions_are_sampled_means(void **state)
{
	struct rmatrix *m = hand_matrix();
	struct blockmap *bm = blockmap_new(m);
	double v;

	(void)state;
	blockmap_set_order(bm, BM_BY_ID, BM_BY_ID);
	assert_true(blockmap_predict_block(bm, 1, 0, 0, false, fake_predict,
					   NULL, &v));
	assert_float_equal(v, (0 + 1 + 10 + 11) / 4.0, 1e-9);
	/* level 2, block (1, 1): u4 x i4 i5 */
	assert_true(blockmap_predict_block(bm, 2, 1, 1, false, fake_predict,
					   NULL, &v));
	assert_float_equal(v, 44.5, 1e-9);
	/* your row at level 1, block 1: i2, i3 (none) */
	assert_true(blockmap_predict_block(bm, 1, 7, 1, true, fake_predict,
					   NULL, &v));
	assert_float_equal(v, 92.0, 1e-9);
	/* level 0 at i3: nothing to predict */
	assert_false(blockmap_predict_block(bm, 0, 0, 3, false,
					    fake_predict, NULL, &v));
	blockmap_free(bm);
	rmatrix_free(m);
}

/* synthetic:100k: ML-100k's shape, ids "1".., the titles, the scale,
 * and the same matrix every time. */
static void synthetic_catalogue_is_seeded(void **state)
{
	char err[256];
	struct catalog *a = catalog_open("synthetic:100k", err, sizeof err);
	struct catalog *b = catalog_open("synthetic:100k", err, sizeof err);
	uint64_t n = 0;

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	assert_null(synth_shape_of("synthetic:2m"));
	assert_string_equal(synth_shape_of("synthetic")->name,
			    "synthetic:25m");
	assert_string_equal(a->key, "synthetic-100k");
	assert_int_equal(a->m->n_users, 943);
	assert_int_equal(a->n_items, 1682);
	assert_true(a->m->nnz >= 100000 && a->m->nnz < 101500);
	assert_int_equal(a->m->nnz, b->m->nnz);
	assert_string_equal(a->items[122].title, "Synthetic item 123");
	assert_int_equal(catalog_find_id(a, "123"), 122);
	assert_int_equal(intern_find(a->user_ids, "943"), 942);
	assert_float_equal(a->scale.step, 0.5, 0);
	for (uint64_t k = 0; k < a->m->nnz; k++) {
		float v = a->m->user_val[k];

		assert_true(v >= 0.5f && v <= 5.0f && v * 2 == floorf(v * 2));
		assert_true(v == b->m->user_val[k] &&
			    a->m->user_item[k] == b->m->user_item[k]);
	}
	for (uint32_t i = 0; i < a->n_items; i++)
		n += a->items[i].n_ratings;
	assert_int_equal(n, a->m->nnz);
	/* the power law: the first items are the most rated */
	assert_true(a->items[0].n_ratings > 5 * a->items[1600].n_ratings);
	catalog_free(a);
	catalog_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(whole_grids_count_and_average),
		cmocka_unit_test(tiles_agree_with_whole_grids),
		cmocka_unit_test(orders_by_count_and_by_index),
		cmocka_unit_test(zoom_levels_and_spans),
		cmocka_unit_test(your_row_is_pinned_in_column_order),
		cmocka_unit_test(block_predictions_are_sampled_means),
		cmocka_unit_test(synthetic_catalogue_is_seeded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
