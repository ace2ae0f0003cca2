/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tune: a grid search over two model settings at a time (ALS factors x
 * reg, kNN neighbours x shrink, any two of the names below that the
 * kind uses) with k-fold validation through eval.h.
 *
 * Every cell is measured on the same folds (one seeded k-fold split of
 * the ratings, made once), so cells differ only by their settings. The
 * metric is the mean validation RMSE over the folds (lower is better),
 * or NDCG@k for implicit ALS, which ranks and predicts no ratings
 * (higher is better); the spread across folds is kept beside the
 * mean. The run reports progress after each fold and checks a cancel
 * flag between fits and, through eval_opts, within the fit under way,
 * so it can run on a worker thread (the Train pane); the callback runs
 * on that thread. */
#ifndef TASTE_TUNE_H
#define TASTE_TUNE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "eval.h"
#include "matrix.h"
#include "model/model.h"

#define TUNE_MAX_VALUES 12
#define TUNE_FOLDS 3

/* The settings a grid can vary (struct model_params fields). */
enum tune_param {
	TP_FACTORS, TP_REG, TP_REG_BIAS, TP_ALPHA, TP_NEIGHBOURS,
	TP_SHRINK, TP_EPOCHS, TP_COUNT
};

struct tune_axis {
	enum tune_param param;
	double values[TUNE_MAX_VALUES];
	size_t n;
};

/* Axis 0 gives the rows of the table, axis 1 the columns. */
struct tune_grid {
	struct tune_axis axis[2];
};

/* Parse "factors=16,32,64;reg=0.05,0.1,0.2" (names: factors or k,
 * reg or lambda, reg_bias, alpha, neighbours, shrink, epochs): exactly
 * two settings, each with 1 to TUNE_MAX_VALUES
 * values in its range. -1 with a translated message. */
int tune_grid_parse(const char *spec, struct tune_grid *g, char *err,
		    size_t errlen);
/* "factors"; the name a grid and --json use. */
const char *tune_param_name(enum tune_param p);
/* Set setting which of p to v (rounded for whole-number settings). */
void tune_param_apply(struct model_params *p, enum tune_param which,
		      double v);
/* v as the setting shows it ("32", "0.05"), into buf; returns buf. */
char *tune_value_text(enum tune_param which, double v, char *buf,
		      size_t len);

struct tune_opts {
	enum model_kind kind;
	struct model_params base;       /* the settings not on the grid */
	int folds;                      /* TUNE_FOLDS */
	uint64_t seed;                  /* of the folds */
	struct eval_opts eval;          /* k and threads; ranking is set
					   from the kind */
};

/* The kind's defaults, TUNE_FOLDS folds, seed 1. */
void tune_opts_default(struct tune_opts *o, enum model_kind kind,
		       const struct scale *sc);

struct tune_cell {
	bool valid;             /* every fold gave the metric */
	double mean, sd;        /* over the folds (sample sd; 0 for one) */
	double seconds;         /* fits and measures of all folds */
	char err[160];          /* why not valid, translated */
};

struct tune_result {
	struct tune_grid grid;
	enum model_kind kind;
	bool ranking;           /* NDCG@k, higher better; else RMSE */
	int k, folds;
	uint64_t seed;
	struct tune_cell *cells;        /* rows x cols, row-major */
	size_t rows, cols;
	bool has_best;
	size_t best_row, best_col;      /* the best valid cell */
	bool cancelled;
	size_t runs_done, runs_total;   /* fold fits */
};

/* After each fold fit; r holds the cells finished so far. */
typedef void (*tune_progress_fn)(void *ctx, const struct tune_result *r);

/* Measure every cell of g for o on the ratings all of cat (see the top
 * of this file). cancel may be NULL; once it reads true the run stops
 * after the current fit with out->cancelled set (cells not reached are
 * not valid) and returns 0. Returns -1 with a translated message when
 * the grid does not fit the kind (a setting it does not use) or there
 * are too few ratings for the folds. */
int tune_run(const struct catalog *cat, const struct triplets *all,
	     const struct tune_opts *o, const struct tune_grid *g,
	     tune_progress_fn fn, void *ctx, const atomic_bool *cancel,
	     struct tune_result *out, char *err, size_t errlen);
void tune_result_free(struct tune_result *r);
/* The cell of row i (axis 0 value i) and column j. */
const struct tune_cell *tune_cell_at(const struct tune_result *r, size_t i,
				     size_t j);

#endif
