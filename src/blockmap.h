/* SPDX-License-Identifier: GPL-3.0-or-later */
/* blockmap: the rating matrix seen as a density map, for the Matrix
 * pane. Rows (users) and columns (items) are put in an order, by count
 * of ratings (activity, popularity) or by index (the catalogue's order,
 * which is by id for MovieLens), as permutations; at zoom level z a map
 * cell is a block of 2^z x 2^z (users x items) and holds the count and
 * the mean of the ratings in it; level 0 is single cells.
 *
 * Memory is bounded. The finest level whose whole grid has at most
 * grid_max cells (BLOCKMAP_GRID_MAX unless set) is built once from the
 * CSR matrix when a level at or above it is first asked for, and each
 * coarser level asked for is summed from the nearest finer level built (2^d x
 * 2^d cells into one), never from the ratings again. Finer levels are built as
 * a tile around the window asked for (three windows high and wide), again when
 * the window leaves it: building reads the ratings of the tile's users only.
 * A grid cell is 12 bytes (count, sum); blockmap_bytes says how many are
 * held. "You" are not in the matrix: your ratings (an rvec) are shown
 * as a row of their own, pinned above the others. */
#ifndef TASTE_BLOCKMAP_H
#define TASTE_BLOCKMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "matrix.h"

/* 1 M cells of 12 bytes: 12 MB for the finest whole grid, at most 16 MB
 * with the coarser levels summed from it (1/4 + 1/16 + ... of it). */
#define BLOCKMAP_GRID_MAX (1u << 20)
/* The coarsest level is the first whose grid fits the smallest screen
 * (60 x 15, with the legend): at most this many rows and columns. */
#define BLOCKMAP_TOP_ROWS 8
#define BLOCKMAP_TOP_COLS 48

enum blockmap_order {
	BM_BY_COUNT,    /* most ratings first (ties by index) */
	BM_BY_ID,       /* index order */
};

/* One map cell: the ratings in a block. */
struct bm_cell {
	uint32_t count;
	float mean;     /* NAN when count is 0 */
};

struct blockmap;

/* A map of m (which must outlive it), both orders BM_BY_COUNT. */
struct blockmap *blockmap_new(const struct rmatrix *m);
void blockmap_free(struct blockmap *bm);
/* Order rows and columns; the grids built are dropped when it changes. */
void blockmap_set_order(struct blockmap *bm, enum blockmap_order rows,
			enum blockmap_order cols);
enum blockmap_order blockmap_row_order(const struct blockmap *bm);
enum blockmap_order blockmap_col_order(const struct blockmap *bm);
/* For tests: a smaller bound on a whole grid (drops the grids built). */
void blockmap_set_grid_max(struct blockmap *bm, size_t cells);

/* The coarsest zoom level (levels run from 0 to it). */
int blockmap_top_level(const struct blockmap *bm);
/* The finest level built as a whole grid (finer ones are tiled). */
int blockmap_full_level(const struct blockmap *bm);
/* Rows and columns of level z's grid: ceil(users / 2^z), ceil(items /
 * 2^z). */
uint32_t blockmap_grid_rows(const struct blockmap *bm, int z);
uint32_t blockmap_grid_cols(const struct blockmap *bm, int z);
/* The level whose grid first fits rows x cols (the top one if none). */
int blockmap_fit_level(const struct blockmap *bm, uint32_t rows,
		       uint32_t cols);

/* The cells of level z in grid rows [r0, r0 + h) and columns [c0, c0 +
 * w) into out[h * w], row by row; cells beyond the grid are empty. */
void blockmap_window(struct blockmap *bm, int z, uint32_t r0, uint32_t c0,
		     uint32_t h, uint32_t w, struct bm_cell *out);
/* Your row at level z, grid columns [c0, c0 + w), into out[w]: the
 * items of you (catalogue indices, ascending or not) in each block. */
void blockmap_you_window(const struct blockmap *bm, const struct rvec *you,
			 int z, uint32_t c0, uint32_t w,
			 struct bm_cell *out);
/* The users (row positions) and items (column positions) of the block
 * at grid row gr, column gc of level z: [*r0, *r1) x [*c0, *c1). */
void blockmap_block_span(const struct blockmap *bm, int z, uint32_t gr,
			 uint32_t gc, uint32_t *r0, uint32_t *r1,
			 uint32_t *c0, uint32_t *c1);
/* The user at row position r and the item at column position c in the
 * current order, and back. */
uint32_t blockmap_user_at(const struct blockmap *bm, uint32_t r);
uint32_t blockmap_item_at(const struct blockmap *bm, uint32_t c);
uint32_t blockmap_row_of(const struct blockmap *bm, uint32_t user);
uint32_t blockmap_col_of(const struct blockmap *bm, uint32_t item);

/* A prediction of user's rating of item (user BLOCKMAP_YOU for you);
 * false when there is none. */
#define BLOCKMAP_YOU UINT32_MAX
typedef bool (*bm_predict_fn)(void *ctx, uint32_t user, uint32_t item,
			      double *out);
/* The prediction for a block: the mean of fn over at most 4 x 4 cells
 * spread evenly over it (4 cells of your row when you is true), so the
 * cost per block is bounded whatever the zoom; false when fn predicts
 * none of them. */
bool blockmap_predict_block(const struct blockmap *bm, int z, uint32_t gr,
			    uint32_t gc, bool you, bm_predict_fn fn,
			    void *ctx, double *out);

/* Bytes held: permutations and the grids built. */
size_t blockmap_bytes(const struct blockmap *bm);

#endif
