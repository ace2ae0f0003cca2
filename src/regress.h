/* SPDX-License-Identifier: GPL-3.0-or-later */
/* regress: linear regression on any numeric CSV, the classic first
 * example of machine learning (BRIEF §4), for `taste regress` and the
 * Train pane.
 *
 * A table is read once through csvread with its header names. Each
 * column is numeric when at least half of its non-empty values are
 * numbers (its other values are then malformed), categorical when it
 * has at most REGRESS_MAX_LEVELS distinct values, else text (left out).
 * A fit then picks a numeric target and features by name (by default
 * every usable column but the target), and:
 *
 * - rejects, with line and column in the import report, every row
 *   whose target is empty or not a number, or whose numeric feature is
 *   malformed or not finite; a row with the wrong number of fields is
 *   rejected when the table is read;
 * - holds out a seeded share of the rows (default 0.2, the eval.h
 *   shuffle) before anything is learned from them;
 * - fills each empty numeric value with the median of its column over
 *   the training rows, and reports how many were filled where;
 * - one-hot encodes categorical columns, dropping the level most
 *   frequent in training (ties: the first by name), which becomes the
 *   reference the other dummies are measured against;
 * - standardises every feature with the training mean and standard
 *   deviation, computed on the column divided by a power of two at or
 *   above its largest magnitude, so any finite range works (a feature
 *   constant in training is left out, weight 0; so is one that is a
 *   linear combination of the features before it, with a note);
 * - refuses a fit with more coefficients than training rows (the least
 *   squares solution is not unique) and one whose cost or coefficients
 *   cannot be represented as finite numbers, naming the column;
 * - runs batch gradient descent (on the target divided by a power of
 *   two, exact in binary, so nothing overflows) from zero weights for
 *   N epochs on the cost J = sum of squared residuals / (2 n),
 *   delivering J after each epoch to a callback; a cost or weight
 *   that is not finite stops the run and the weights of the last good
 *   epoch are kept;
 * - solves the same least-squares problem in closed form through GSL
 *   (gsl_multifit_linear, SVD) beside it;
 * - reports both on the standardised and the original scale, with
 *   training and held-out RMSE. */
#ifndef TASTE_REGRESS_H
#define TASTE_REGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report.h"

#define REGRESS_MAX_LEVELS 32   /* more distinct values: a text column */
#define REGRESS_EPOCHS 500
/* The learning rate 0 asks for one chosen from the data: 2 / (l_max +
 * l_min) over the eigenvalues of the cost's Hessian (the correlation
 * matrix of the standardised features, with the intercept's 1), the
 * best fixed step for a quadratic cost. On the bundled housing data it
 * is about 0.51 and reaches the closed form within the default 500
 * epochs, where a fixed 0.1 is still 20% away (latitude and longitude
 * correlate at -0.92 and converge slowest). The fallback is for when
 * the eigenvalues cannot be had. */
#define REGRESS_LR 0.0
#define REGRESS_LR_FALLBACK 0.1
#define REGRESS_HOLDOUT 0.2
#define REGRESS_SEED 42

/* RC_EMPTY: not one value in any row (left out with a note). */
enum regress_col_kind { RC_NUMERIC, RC_CATEGORICAL, RC_TEXT, RC_EMPTY };

/* A CSV read for regression (opaque). */
struct regress_table;

/* Read path; NULL with a translated message in err when it cannot be
 * read or has no header and data rows. */
struct regress_table *regress_table_load(const char *path, char *err,
					 size_t errlen);
void regress_table_free(struct regress_table *t);
size_t regress_table_columns(const struct regress_table *t);
size_t regress_table_rows(const struct regress_table *t);
const char *regress_table_name(const struct regress_table *t, size_t col);
enum regress_col_kind regress_table_kind(const struct regress_table *t,
					 size_t col);

struct regress_opts {
	const char *target;             /* column name; required */
	const char *const *features;    /* NULL: every usable column */
	size_t n_features;
	unsigned epochs;                /* REGRESS_EPOCHS */
	double lr;                      /* 0: chosen from the data */
	double holdout;                 /* share held out, 0 <= h < 1 */
	uint64_t seed;                  /* REGRESS_SEED */
};

void regress_opts_default(struct regress_opts *o);

/* Called after each epoch with the cost (J above); cost is not finite
 * at the epoch that stops a diverging run. Return non-zero to stop
 * (a cancel). */
typedef int (*regress_epoch_fn)(void *ctx, unsigned epoch, double cost);

/* One fitted weight. */
struct regress_coef {
	char *name;             /* "median_income", "ocean_proximity=INLAND" */
	int column;             /* source column */
	int level;              /* -1, or the level of a categorical column */
	double mean, sd;        /* of the feature over the training rows */
	bool constant;          /* sd 0 in training: left out, weight 0 */
	bool collinear;         /* a combination of earlier features: left
				 * out too, weight 0 (implies constant) */
	double gd_std, cf_std;  /* on standardised features */
	double gd, cf;          /* on the original scale */
};

/* A numeric column whose empty values were filled. */
struct regress_imputed {
	char *name;
	double median;          /* the training median put in */
	size_t train, held_out; /* values filled on each side */
};

/* A categorical column, one-hot encoded. */
struct regress_onehot {
	char *name;
	int column;
	char **levels;          /* sorted by name; "" is an empty value */
	size_t n_levels;
	size_t dropped;         /* the reference level, without a dummy */
	size_t *train_count;    /* rows of each level in training */
};

struct regress_result {
	char *path, *target;
	int target_column;
	size_t rows_used, n_train, n_test;
	double holdout;
	double lr;              /* the learning rate used */
	bool lr_auto;           /* ... chosen from the data */
	uint64_t seed;
	unsigned epochs;        /* asked for */
	unsigned epochs_run;    /* done (fewer when stopped) */
	double *cost;           /* cost[e - 1] after epoch e, epochs_run */
	double cost0;           /* at the zero weights */
	bool diverged;          /* a cost or weight was not finite */
	bool stopped;           /* the callback asked to stop */
	struct regress_coef *coefs;
	size_t n_coefs;
	double gd_intercept_std, cf_intercept_std;
	double gd_intercept, cf_intercept;      /* original scale */
	double y_mean, y_sd;    /* of the target over the training rows */
	double gd_rmse_train, cf_rmse_train;
	double gd_rmse_test, cf_rmse_test;      /* NaN without test rows */
	/* Largest |gd - cf| over the standardised weights and intercept,
	 * relative to the largest |cf| among them: 0 when they agree. */
	double max_rel_diff;
	struct regress_imputed *imputed;
	size_t n_imputed;
	struct regress_onehot *onehot;
	size_t n_onehot;
	char **notes;           /* translated: columns left out, and why */
	size_t n_notes;
};

/* What a failed fit or prediction was refused for. */
enum {
	REGRESS_EUSAGE = -1,    /* unknown column, a bad option or pair */
	REGRESS_EDATA = -2,     /* the data cannot give this fit */
};

/* Fit o on t (see the top of this file). rep is initialised here (free
 * it with report_free, also on failure) and filled with every row read
 * and rejected. Returns 0 (also when the descent diverged or was
 * stopped: see out), or with a translated message in err
 * REGRESS_EUSAGE (no target, an unknown column, a feature given twice
 * or being the target, a bad option) or REGRESS_EDATA (a column that
 * cannot be used, too few rows, more coefficients than rows, values
 * whose fit cannot be represented). */
int regress_fit(const struct regress_table *t, const struct regress_opts *o,
		regress_epoch_fn fn, void *ctx, struct regress_result *out,
		struct report *rep, char *err, size_t errlen);
void regress_result_free(struct regress_result *r);

struct regress_prediction {
	double gd, cf;          /* the target predicted by each solution */
	/* Translated, malloc'd: the features not given, which took their
	 * training mean ("" when every one was given). */
	char *defaulted;
};

/* Check "col=value,..." against table t before fitting with o: each
 * pair has a name and '=', no column is given twice, each is a feature
 * o would use (not the target), a numeric one gets a finite number
 * (one beyond the range of a double is "out of range"), a categorical
 * one a level the column has. Returns 0, or -1 with a translated
 * message in err. */
int regress_check_pairs(const struct regress_table *t,
			const struct regress_opts *o, const char *pairs,
			char *err, size_t errlen);

/* Predict from "col=value,col=value" (a categorical column takes a
 * level name). Features not given take their training mean, a dummy
 * its training share. Returns 0, or -1 with a translated message (as
 * regress_check_pairs, and a prediction that is not finite). */
int regress_predict(const struct regress_result *r, const char *pairs,
		    struct regress_prediction *out, char *err,
		    size_t errlen);
void regress_prediction_free(struct regress_prediction *p);

#endif
