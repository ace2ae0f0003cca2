/* SPDX-License-Identifier: GPL-3.0-or-later */
/* blockmap: block aggregates of the rating matrix (see blockmap.h).
 *
 * A grid holds, for a rectangle of one level's cells, the count and the
 * sum of the ratings in each (the sum in double: a coarse block of the
 * 25 M synthetic set sums to 10^8, beyond a float's 24 bits). The whole
 * grids live in full[z] for z >= the full level, built on first use;
 * one tile serves the finer levels, rebuilt when the window leaves it
 * or the level changes. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "blockmap.h"
#include "util.h"

#define BM_LEVELS 33     /* 2^32 rows at most: level 32 is one block */

struct bm_grid {
	int z;                   /* -1: nothing built */
	uint32_t r0, c0, rows, cols;
	uint32_t *count;
	double *sum;
};

struct blockmap {
	const struct rmatrix *m;
	enum blockmap_order row_order, col_order;
	bool ordered;                    /* the permutations are made */
	uint32_t *row_user, *user_row;   /* position <-> user */
	uint32_t *col_item, *item_col;   /* position <-> item */
	size_t grid_max;
	int full_level, top_level;
	struct bm_grid full[BM_LEVELS];
	struct bm_grid tile;
};

/* ceil(n / 2^z). */
static uint32_t bm_blocks(uint32_t n, int z)
{
	return (uint32_t)(((uint64_t)n + ((uint64_t)1 << z) - 1) >> z);
}

/* Rows and columns of level z's grid. */
uint32_t blockmap_grid_rows(const struct blockmap *bm, int z)
{
	return bm_blocks(bm->m->n_users, z);
}

uint32_t blockmap_grid_cols(const struct blockmap *bm, int z)
{
	return bm_blocks(bm->m->n_items, z);
}

/* Free a grid's cells and mark it unbuilt. */
static void bm_grid_drop(struct bm_grid *g)
{
	free(g->count);
	free(g->sum);
	memset(g, 0, sizeof *g);
	g->z = -1;
}

/* Drop every grid built (the order or the bound changed). */
static void bm_drop_all(struct blockmap *bm)
{
	for (int z = 0; z < BM_LEVELS; z++)
		bm_grid_drop(&bm->full[z]);
	bm_grid_drop(&bm->tile);
}

/* Counts to sort positions by, and which way. */
struct bm_sort {
	const uint64_t *ptr;     /* CSR or CSC pointers: count = diff */
};

/* qsort_r order: more ratings first, ties by index. */
static int bm_cmp_count(const void *a, const void *b, void *arg)
{
	const struct bm_sort *s = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	uint64_t nx = s->ptr[x + 1] - s->ptr[x];
	uint64_t ny = s->ptr[y + 1] - s->ptr[y];

	if (nx != ny)
		return nx > ny ? -1 : 1;
	return (x > y) - (x < y);
}

/* pos -> index in the order, and its inverse. */
static void bm_permute(uint32_t n, const uint64_t *ptr,
		       enum blockmap_order o, uint32_t *at, uint32_t *of)
{
	struct bm_sort s = { ptr };

	for (uint32_t k = 0; k < n; k++)
		at[k] = k;
	if (o == BM_BY_COUNT && n > 1)
		qsort_r(at, n, sizeof *at, bm_cmp_count, &s);
	for (uint32_t k = 0; k < n; k++)
		of[at[k]] = k;
}

/* The finest level whose whole grid has at most grid_max cells, and
 * the coarsest, whose grid fits the smallest screen. */
static void bm_levels(struct blockmap *bm)
{
	int z = 0;

	while (z < BM_LEVELS - 1 &&
	       (uint64_t)blockmap_grid_rows(bm, z) * blockmap_grid_cols(bm, z)
	       > bm->grid_max)
		z++;
	bm->full_level = z;
	z = 0;
	while (z < BM_LEVELS - 1 &&
	       (blockmap_grid_rows(bm, z) > BLOCKMAP_TOP_ROWS ||
		blockmap_grid_cols(bm, z) > BLOCKMAP_TOP_COLS))
		z++;
	bm->top_level = z;
}

/* A map of m, both orders by count. */
struct blockmap *blockmap_new(const struct rmatrix *m)
{
	struct blockmap *bm = xcalloc(1, sizeof *bm);
	size_t nu = m->n_users ? m->n_users : 1;
	size_t ni = m->n_items ? m->n_items : 1;

	bm->m = m;
	bm->row_user = xmalloc(nu * sizeof *bm->row_user);
	bm->user_row = xmalloc(nu * sizeof *bm->user_row);
	bm->col_item = xmalloc(ni * sizeof *bm->col_item);
	bm->item_col = xmalloc(ni * sizeof *bm->item_col);
	bm->grid_max = BLOCKMAP_GRID_MAX;
	for (int z = 0; z < BM_LEVELS; z++)
		bm->full[z].z = -1;
	bm->tile.z = -1;
	blockmap_set_order(bm, BM_BY_COUNT, BM_BY_COUNT);
	bm_levels(bm);
	return bm;
}

void blockmap_free(struct blockmap *bm)
{
	if (!bm)
		return;
	bm_drop_all(bm);
	free(bm->row_user);
	free(bm->user_row);
	free(bm->col_item);
	free(bm->item_col);
	free(bm);
}

/* Order rows and columns; nothing to do when they already are. */
void blockmap_set_order(struct blockmap *bm, enum blockmap_order rows,
			enum blockmap_order cols)
{
	const struct rmatrix *m = bm->m;

	if (bm->ordered && rows == bm->row_order && cols == bm->col_order)
		return;
	bm->ordered = true;
	bm_drop_all(bm);
	bm->row_order = rows;
	bm->col_order = cols;
	bm_permute(m->n_users, m->user_ptr, rows, bm->row_user,
		   bm->user_row);
	bm_permute(m->n_items, m->item_ptr, cols, bm->col_item,
		   bm->item_col);
}

enum blockmap_order blockmap_row_order(const struct blockmap *bm)
{
	return bm->row_order;
}

enum blockmap_order blockmap_col_order(const struct blockmap *bm)
{
	return bm->col_order;
}

/* For tests: a smaller bound on a whole grid. */
void blockmap_set_grid_max(struct blockmap *bm, size_t cells)
{
	bm_drop_all(bm);
	bm->grid_max = cells ? cells : 1;
	bm_levels(bm);
}

int blockmap_top_level(const struct blockmap *bm)
{
	return bm->top_level;
}

int blockmap_full_level(const struct blockmap *bm)
{
	return bm->full_level;
}

/* The level whose grid first fits rows x cols (the top one if none). */
int blockmap_fit_level(const struct blockmap *bm, uint32_t rows,
		       uint32_t cols)
{
	for (int z = 0; z < bm->top_level; z++)
		if (blockmap_grid_rows(bm, z) <= rows &&
		    blockmap_grid_cols(bm, z) <= cols)
			return z;
	return bm->top_level;
}

/* Room for a grid of level z over rows x cols cells at (r0, c0). */
static void bm_grid_alloc(struct bm_grid *g, int z, uint32_t r0,
			  uint32_t c0, uint32_t rows, uint32_t cols)
{
	size_t n = (size_t)rows * cols;

	bm_grid_drop(g);
	g->z = z;
	g->r0 = r0;
	g->c0 = c0;
	g->rows = rows;
	g->cols = cols;
	g->count = xcalloc(n ? n : 1, sizeof *g->count);
	g->sum = xcalloc(n ? n : 1, sizeof *g->sum);
}

/* Fill g from the ratings of the users in its rows: each rating goes
 * to the cell of its row and column position, when in g. */
static void bm_grid_from_ratings(const struct blockmap *bm,
				 struct bm_grid *g)
{
	const struct rmatrix *m = bm->m;
	uint64_t first = (uint64_t)g->r0 << g->z;
	uint64_t last = (uint64_t)(g->r0 + g->rows) << g->z;

	if (last > m->n_users)
		last = m->n_users;
	for (uint64_t pos = first; pos < last; pos++) {
		uint32_t u = bm->row_user[pos];
		size_t row = (size_t)((pos >> g->z) - g->r0) * g->cols;

		for (uint64_t k = m->user_ptr[u]; k < m->user_ptr[u + 1];
		     k++) {
			uint32_t gc = bm->item_col[m->user_item[k]] >> g->z;

			if (gc < g->c0 || gc - g->c0 >= g->cols)
				continue;
			g->count[row + gc - g->c0]++;
			g->sum[row + gc - g->c0] += m->user_val[k];
		}
	}
}

/* The whole grid of level z >= full_level: the full level from the
 * ratings, a coarser one summed from the cells of the nearest finer
 * level built (the full level at worst), so zooming out level by level
 * reads a quarter of the cells each time. */
static const struct bm_grid *bm_full(struct blockmap *bm, int z)
{
	struct bm_grid *g = &bm->full[z];
	const struct bm_grid *f = NULL;
	int d;

	if (g->z == z)
		return g;
	for (int k = z - 1; k > bm->full_level && !f; k--)
		if (bm->full[k].z == k)
			f = &bm->full[k];
	if (!f && z > bm->full_level)
		f = bm_full(bm, bm->full_level);
	d = f ? z - f->z : 0;
	bm_grid_alloc(g, z, 0, 0, blockmap_grid_rows(bm, z),
		      blockmap_grid_cols(bm, z));
	if (!f) {
		bm_grid_from_ratings(bm, g);
		return g;
	}
	for (uint32_t r = 0; r < f->rows; r++)
		for (uint32_t c = 0; c < f->cols; c++) {
			size_t from = (size_t)r * f->cols + c;
			size_t to = (size_t)(r >> d) * g->cols + (c >> d);

			g->count[to] += f->count[from];
			g->sum[to] += f->sum[from];
		}
	return g;
}

/* [lo, hi) widened by len on both sides within [0, n). */
static void bm_widen(uint32_t lo, uint32_t len, uint32_t n, uint32_t *a,
		     uint32_t *b)
{
	uint64_t hi = (uint64_t)lo + 2 * (uint64_t)len;

	*a = lo > len ? lo - len : 0;
	*b = (uint32_t)(hi < n ? hi : n);
	if (*b < *a)
		*b = *a;
}

/* The tile of level z < full_level holding the window, rebuilt around
 * it (three windows high and wide) when it does not. */
static const struct bm_grid *bm_tile(struct blockmap *bm, int z,
				     uint32_t r0, uint32_t c0, uint32_t h,
				     uint32_t w)
{
	struct bm_grid *t = &bm->tile;
	uint32_t nr = blockmap_grid_rows(bm, z), nc = blockmap_grid_cols(bm, z);
	uint32_t re = r0 + h < nr ? r0 + h : nr, ce = c0 + w < nc ? c0 + w : nc;
	uint32_t a, b, c, d;

	if (t->z == z && r0 >= t->r0 && re <= t->r0 + t->rows &&
	    c0 >= t->c0 && ce <= t->c0 + t->cols)
		return t;
	bm_widen(r0 < nr ? r0 : nr, h, nr, &a, &b);
	bm_widen(c0 < nc ? c0 : nc, w, nc, &c, &d);
	bm_grid_alloc(t, z, a, c, b - a, d - c);
	bm_grid_from_ratings(bm, t);
	return t;
}

/* A cell from a count and a sum. */
static struct bm_cell bm_cell_of(uint32_t count, double sum)
{
	struct bm_cell c = { count, count ? (float)(sum / count) : NAN };

	return c;
}

/* The cells of level z in the window into out[h * w]. */
void blockmap_window(struct blockmap *bm, int z, uint32_t r0, uint32_t c0,
		     uint32_t h, uint32_t w, struct bm_cell *out)
{
	const struct bm_grid *g;

	if (z < 0)
		z = 0;
	if (z >= BM_LEVELS)
		z = BM_LEVELS - 1;
	g = z >= bm->full_level ? bm_full(bm, z)
				: bm_tile(bm, z, r0, c0, h, w);
	for (uint32_t i = 0; i < h; i++)
		for (uint32_t j = 0; j < w; j++) {
			uint64_t r = (uint64_t)r0 + i, c = (uint64_t)c0 + j;
			struct bm_cell *o = &out[(size_t)i * w + j];

			*o = bm_cell_of(0, 0);
			if (r < g->r0 || r - g->r0 >= g->rows || c < g->c0 ||
			    c - g->c0 >= g->cols)
				continue;
			size_t k = (size_t)(r - g->r0) * g->cols +
				   (size_t)(c - g->c0);
			*o = bm_cell_of(g->count[k], g->sum[k]);
		}
}

/* Your row at level z, grid columns [c0, c0 + w), into out[w]. */
void blockmap_you_window(const struct blockmap *bm, const struct rvec *you,
			 int z, uint32_t c0, uint32_t w,
			 struct bm_cell *out)
{
	double *sum = xcalloc(w ? w : 1, sizeof *sum);

	for (uint32_t j = 0; j < w; j++)
		out[j].count = 0;
	for (size_t k = 0; you && k < you->n; k++) {
		uint32_t gc;

		if (you->idx[k] >= bm->m->n_items)
			continue;
		gc = bm->item_col[you->idx[k]] >> z;
		if (gc < c0 || gc - c0 >= w)
			continue;
		out[gc - c0].count++;
		sum[gc - c0] += you->val[k];
	}
	for (uint32_t j = 0; j < w; j++)
		out[j] = bm_cell_of(out[j].count, sum[j]);
	free(sum);
}

/* The row and column positions of a block of level z. */
void blockmap_block_span(const struct blockmap *bm, int z, uint32_t gr,
			 uint32_t gc, uint32_t *r0, uint32_t *r1,
			 uint32_t *c0, uint32_t *c1)
{
	uint64_t a = (uint64_t)gr << z, b = (uint64_t)(gr + 1) << z;
	uint64_t c = (uint64_t)gc << z, d = (uint64_t)(gc + 1) << z;
	uint32_t nu = bm->m->n_users, ni = bm->m->n_items;

	*r0 = (uint32_t)(a < nu ? a : nu);
	*r1 = (uint32_t)(b < nu ? b : nu);
	*c0 = (uint32_t)(c < ni ? c : ni);
	*c1 = (uint32_t)(d < ni ? d : ni);
}

uint32_t blockmap_user_at(const struct blockmap *bm, uint32_t r)
{
	return r < bm->m->n_users ? bm->row_user[r] : UINT32_MAX;
}

uint32_t blockmap_item_at(const struct blockmap *bm, uint32_t c)
{
	return c < bm->m->n_items ? bm->col_item[c] : UINT32_MAX;
}

uint32_t blockmap_row_of(const struct blockmap *bm, uint32_t user)
{
	return user < bm->m->n_users ? bm->user_row[user] : UINT32_MAX;
}

uint32_t blockmap_col_of(const struct blockmap *bm, uint32_t item)
{
	return item < bm->m->n_items ? bm->item_col[item] : UINT32_MAX;
}

/* Up to 4 positions spread evenly over [a, b). */
static size_t bm_samples(uint32_t a, uint32_t b, uint32_t *out)
{
	uint32_t n = b - a, k = n < 4 ? n : 4;

	for (uint32_t j = 0; j < k; j++)
		out[j] = a + (uint32_t)(((uint64_t)(2 * j + 1) * n) / (2 * k));
	return k;
}

/* The mean of fn over at most 4 x 4 cells spread over the block. */
bool blockmap_predict_block(const struct blockmap *bm, int z, uint32_t gr,
			    uint32_t gc, bool you, bm_predict_fn fn,
			    void *ctx, double *out)
{
	uint32_t r0, r1, c0, c1, rs[4], cs[4];
	size_t nr, nc, n = 0;
	double sum = 0, v;

	blockmap_block_span(bm, z, you ? 0 : gr, gc, &r0, &r1, &c0, &c1);
	nr = you ? 1 : bm_samples(r0, r1, rs);
	nc = bm_samples(c0, c1, cs);
	for (size_t i = 0; i < nr; i++) {
		uint32_t u = you ? BLOCKMAP_YOU : bm->row_user[rs[i]];

		for (size_t j = 0; j < nc; j++)
			if (fn(ctx, u, bm->col_item[cs[j]], &v)) {
				sum += v;
				n++;
			}
	}
	if (n)
		*out = sum / (double)n;
	return n > 0;
}

/* Bytes held: permutations and the grids built. */
size_t blockmap_bytes(const struct blockmap *bm)
{
	size_t b = sizeof *bm + 2 * sizeof(uint32_t) *
		   ((size_t)bm->m->n_users + bm->m->n_items);
	size_t cell = sizeof(uint32_t) + sizeof(double);

	for (int z = 0; z < BM_LEVELS; z++)
		if (bm->full[z].z >= 0)
			b += (size_t)bm->full[z].rows * bm->full[z].cols * cell;
	if (bm->tile.z >= 0)
		b += (size_t)bm->tile.rows * bm->tile.cols * cell;
	return b;
}
