/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eval: offline evaluation of the models. Three parts:
 *
 * - data: what is evaluated, in one index space: a catalogue's ratings,
 *   one ratings file, a file with a pre-assigned split column (train/
 *   test), or given train/test files (MovieLens u1.base/u1.test as they
 *   are). Duplicates are resolved before any split (within each side of
 *   a pre-assigned split, whose overlap is then counted and refused
 *   unless allowed).
 * - splits over resolved triplets: seeded random by pair, k-fold (fold f
 *   of a seeded permutation), per-user holdout (last n by timestamp,
 *   with a leakage warning) and a global temporal cutoff. The shuffle is
 *   splitmix64 + Fisher-Yates, so a seed gives the same split anywhere.
 * - metrics of a model fitted on the train side only: RMSE and MAE over
 *   test pairs whose user and item both have training ratings (cold
 *   pairs are counted apart, never averaged); precision, recall, NDCG,
 *   MAP and hit rate at k, ranking every item the user has not rated in
 *   training, for users with a relevant test item (rating >= min +
 *   0.75 x (max - min) on the scale's steps: 4 on 1-5 and 0.5-5
 *   scales); catalogue coverage (share of the items in some user's top
 *   k) and intra-list diversity (mean pairwise 1 - cosine of the items'
 *   genre and tag sets, content features, not factors). Users are ranked
 *   in parallel; results do not depend on the thread count. */
#ifndef TASTE_EVAL_H
#define TASTE_EVAL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "matrix.h"
#include "model/model.h"
#include "scale.h"

/* ---- data ---------------------------------------------------------- */

struct eval_data {
	struct catalog *cat;     /* the index space (users and items) */
	bool own_cat;            /* built from files: freed with the data */
	struct triplets all;     /* resolved; empty when pre-assigned */
	bool preassigned;        /* split column or given train/test files */
	struct triplets train, test;  /* pre-assigned sides, resolved */
	uint64_t overlap;        /* pairs in both sides of a pre-assigned
				    split */
	uint64_t rows_rejected;  /* unusable rows of the files read */
	char source[64];         /* "catalogue", "file", "split column",
				    "train/test files" (machine words) */
};

/* The ratings of an opened catalogue; timestamps are read back from its
 * ratings.csv when need_time (the matrix keeps none). */
int eval_data_from_catalog(struct eval_data *d, const struct catalog *cat,
			   bool need_time, char *err, size_t errlen);
/* One ratings file. A file whose header has a "split" column (values
 * train/test) is pre-assigned. Item titles and genres come from a
 * MovieLens 100k u.item beside the file when there is one. */
int eval_data_from_file(struct eval_data *d, const char *path, char *err,
			size_t errlen);
/* Given train and test files; users and items of the test file that the
 * train file lacks are added to the index space (they are cold). */
int eval_data_from_pair(struct eval_data *d, const char *train_path,
			const char *test_path, char *err, size_t errlen);
void eval_data_free(struct eval_data *d);

/* ---- splits -------------------------------------------------------- */

/* A seeded permutation of 0..n-1, malloc'd (splitmix64 + Fisher-Yates:
 * the shuffle every split here uses; also the regression's hold-out). */
size_t *eval_permutation(size_t n, uint64_t seed);
/* round(n * fraction) pairs, drawn by a seeded shuffle, go to test. */
void eval_split_random(const struct triplets *all, double fraction,
		       uint64_t seed, struct triplets *train,
		       struct triplets *test);
/* Fold f (0-based) of k: the f-th slice of a seeded permutation; the k
 * test sides partition the data. */
void eval_split_kfold(const struct triplets *all, int k, int f,
		      uint64_t seed, struct triplets *train,
		      struct triplets *test);
/* The last n ratings of every user with more than n go to test (by
 * timestamp, ties and missing timestamps by arrival). */
void eval_split_user(const struct triplets *all, int n,
		     struct triplets *train, struct triplets *test);
/* Every rating at or after the cutoff time goes to test; the cutoff is
 * the timestamp of the round(n * fraction)-th latest rating. -1 with a
 * message when there are no timestamps or no training rows would be
 * left. */
int eval_split_temporal(const struct triplets *all, double fraction,
			struct triplets *train, struct triplets *test,
			char *err, size_t errlen);
/* Distinct (user, item) pairs present in both (any order). */
uint64_t eval_overlap(const struct triplets *a, const struct triplets *b);

/* ---- metrics ------------------------------------------------------- */

/* Test ratings at or above this are relevant: min + 0.75 x (max - min),
 * raised to the next step of the scale (4 on 1-5 and 0.5-5, 8 on
 * 1-10). */
double eval_relevant_min(const struct scale *sc);

struct eval_opts {
	int k;                /* ranking cut-off; default 10 */
	double relevant_min;  /* default eval_relevant_min(scale) */
	int threads;          /* ranking threads; default 2 */
	bool ranking;         /* compute the ranking metrics; default true */
	/* eval_run's fit stops soon once this reads true (model.h
	 * m->cancel) and the run fails with "stopped"; default NULL */
	const atomic_bool *cancel;
};

void eval_opts_default(struct eval_opts *o, const struct scale *sc);

struct eval_metrics {
	uint64_t test_pairs;     /* every test pair */
	uint64_t cold_pairs;     /* user or item without training ratings */
	uint64_t fallback_pairs; /* warm pairs the model could not predict:
				    scored with the training mean */
	uint64_t scored_pairs;   /* test_pairs - cold_pairs */
	double rmse, mae;        /* valid when scored_pairs > 0 */
	uint32_t ranked_users;   /* warm users with a relevant test item */
	double precision, recall, ndcg, map, hit_rate; /* when ranked */
	double coverage;         /* share of items in some top-k list */
	bool has_diversity;      /* some list had two items with features */
	double diversity;
	double fit_seconds, epoch_seconds, eval_seconds;
};

/* One user's ranking: list[0..n) best first, rel[0..n_rel) the relevant
 * items sorted ascending. Precision = hits / k, recall = hits / n_rel,
 * NDCG with binary gains and log2(rank + 1) discounts over the ideal
 * min(k, n_rel) list, AP = sum of precision at each hit / min(k, n_rel). */
struct eval_rank {
	double precision, recall, ndcg, ap;
	bool hit;
};
void eval_rank_user(const uint32_t *list, size_t n, const uint32_t *rel,
		    size_t n_rel, int k, struct eval_rank *out);

/* Metrics of m (fitted on train) on test; cat gives the features for
 * diversity and the scale for clamping predictions. */
void eval_model(const struct model *m, const struct rmatrix *train,
		const struct triplets *test, const struct catalog *cat,
		const struct eval_opts *o, struct eval_metrics *out);

/* Mean and sample standard deviation of each metric over n runs (std
 * is 0 for one run; ranking fields over the runs that ranked users). */
void eval_summarise(const struct eval_metrics *runs, size_t n,
		    struct eval_metrics *mean, struct eval_metrics *std);

/* The catalogue as a model may see it during evaluation: the same items
 * and ids, but counts and means of the train side only and m = train,
 * so no test rating reaches a fit through the catalogue. Shares the
 * strings of cat; free with eval_catalog_view_free. */
struct catalog *eval_catalog_view(const struct catalog *cat,
				  const struct rmatrix *train);
void eval_catalog_view_free(struct catalog *v);

/* ---- one run ------------------------------------------------------- */

/* Fit a new model of kind k with params p on train (through a view of
 * cat; no validation set is passed, so a kind that needs held-out rows,
 * the hybrid, carves them from train itself), then measure it on test.
 * fit_seconds is the wall time of model_fit. Returns 0, or -1 with a
 * message when the fit failed. */
int eval_run(enum model_kind k, const struct model_params *p,
	     const struct catalog *cat, const struct triplets *train,
	     const struct triplets *test, const struct eval_opts *o,
	     struct eval_metrics *out, char *err, size_t errlen);

#endif
