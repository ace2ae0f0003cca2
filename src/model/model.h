/* SPDX-License-Identifier: GPL-3.0-or-later */
/* model: one small interface that every recommender implements, and the
 * registry of kinds. A model is fitted on a training matrix (catalogue
 * indices, users x items) plus the catalogue's item features, then
 * predicts ratings, scores every item for a user, finds similar items and
 * explains a score in a few words.
 *
 * A user is either a row of the training matrix or MODEL_NO_USER with
 * their ratings given as an rvec (item indices ascending): that is how
 * "you" are served, folded in against the fitted item side without a
 * retrain. Scores that cannot be computed (cold user or item) are
 * reported as such, never as NaN: predict returns false, score_all
 * writes -INFINITY, similar leaves the item out. */
#ifndef TASTE_MODEL_H
#define TASTE_MODEL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "catalog.h"
#include "matrix.h"
#include "scale.h"

#define MODEL_NO_USER UINT32_MAX

/* Fewer community ratings than this and an item has no collaborative
 * "items like": co-ratings by one or two people give cosines of 1.00
 * (two items rated by the same single user have parallel ALS factors)
 * that look certain and say nothing. item-kNN and ALS similar() return
 * nothing for such an item, nor ALS a neighbour with so few, and the
 * hybrid's list is content's. */
#define MODEL_SIM_MIN_RATINGS 5

enum model_kind {
	MODEL_BASELINE,     /* global mean + regularised biases */
	MODEL_USER_KNN,
	MODEL_ITEM_KNN,
	MODEL_ALS,          /* explicit, with biases, weighted-lambda */
	MODEL_IALS,         /* implicit (Hu-Koren-Volinsky) */
	MODEL_CONTENT,      /* TF-IDF over item features */
	MODEL_HYBRID,       /* learned blend + cold-start shift + MMR */
	MODEL_KIND_COUNT
};

struct model_params {
	int factors;          /* ALS/iALS k */
	int epochs;           /* ALS/iALS sweeps; baseline passes */
	double reg;           /* lambda, weighted by each row's count */
	double reg_bias;      /* lambda of the biases */
	double alpha;         /* iALS confidence 1 + alpha * r */
	double positive_min;  /* iALS: rating >= this is positive; 0: from
				 the scale (3 of 5, 6 of 10) */
	int neighbours;       /* kNN k */
	double shrink;        /* kNN shrinkage: sim * n / (n + shrink) */
	bool centred;         /* kNN: centred cosine (Pearson-like) */
	double diversity;     /* hybrid MMR lambda in [0,1], 0 = off */
	uint64_t seed;
	int threads;
};

/* What a model is fitted on. valid may be NULL; when given, iterative
 * models report validation RMSE per epoch on it and the hybrid learns
 * its blend weights on it. Neither ever sees test rows. */
struct fit_data {
	const struct rmatrix *train;
	const struct catalog *cat;
	const struct triplets *valid;
};

struct epoch_event {
	int epoch, epochs;     /* 1-based */
	double train_loss;     /* regularised objective / n, or RMSE */
	bool has_valid;
	double valid_rmse;
	double seconds;        /* this epoch's wall time */
};
/* Called after each epoch from the fitting thread; false stops the run. */
typedef bool (*model_epoch_fn)(void *ctx, const struct epoch_event *ev);

struct scored {
	uint32_t item;
	float score;
};

/* Values of model_you.signals: an item you have seen (watched, read)
 * or want (watch list, to-read shelf) without rating it. The same
 * numbers as import.h's signals journal. */
#define MODEL_SIGNAL_SEEN 1.0f
#define MODEL_SIGNAL_WANT 2.0f

/* "You" as a fold-in sees you: your ratings and, beside them, your
 * implicit signals, each with indices ascending. A rating always wins:
 * the _you functions drop the signal of a rated item (and of an item
 * out of range) before any kind sees it. iALS and the content model
 * take signals as weak positives, the hybrid through its content part
 * (see each kind); the others use the ratings alone. words (may be
 * NULL) are your own words for items you rated or signalled, which the
 * content model (and so the hybrid) reads as features of those items
 * in your profile. */
struct model_words {
	size_t n;
	const uint32_t *item;           /* ascending */
	const char *const *genres;      /* "Drama|Romance", or NULL */
	const char *const *tags;        /* "sci-fi|space opera", or NULL */
};

struct model_you {
	struct rvec ratings;
	struct rvec signals;
	const struct model_words *words;
	/* The ratings are a query's, not yours (items like one: the item
	 * given as rated at the top of the scale): reasons then do not say
	 * "you rated". */
	bool query;
	/* Items left out of lists beside those rated or signalled
	 * (n_items long), or NULL: the box sets of books you know
	 * (recs.h's recs_you). */
	const bool *also_skip;
};

struct model;

struct model_ops {
	const char *name;        /* "als": the --model name */
	int (*fit)(struct model *m, const struct fit_data *d, char *err,
		   size_t errlen);
	/* you: NULL for a training row (the kind reads the row itself),
	 * else "you" (user MODEL_NO_USER), signals already cleaned. */
	bool (*predict)(const struct model *m, uint32_t user,
			const struct model_you *you, uint32_t item,
			double *out);
	void (*score_all)(const struct model *m, uint32_t user,
			  const struct model_you *you, float *out);
	size_t (*similar)(const struct model *m, uint32_t item,
			  struct scored *out, size_t n);
	size_t (*explain)(const struct model *m, uint32_t user,
			  const struct model_you *you, uint32_t item,
			  char *buf, size_t n);
	int (*save)(const struct model *m, FILE *f);
	int (*load)(struct model *m, FILE *f, char *err, size_t errlen);
	void (*free)(struct model *m);   /* m->state only, set to NULL */
};

struct model {
	const struct model_ops *ops;
	enum model_kind kind;
	struct model_params params;
	const struct catalog *cat;   /* set by fit and load */
	uint32_t n_users, n_items;
	struct scale scale;
	void *state;                 /* the kind's own */
	model_epoch_fn on_epoch;
	void *epoch_ctx;
	/* May be NULL. Once it reads true, a fit stops within a few ms:
	 * iterative fits keep the epochs done (as when on_epoch returns
	 * false), the hybrid fails with "stopped". Parts inherit it. */
	const atomic_bool *cancel;
	double fit_seconds;
	double epoch_seconds;        /* mean over epochs, 0 if none */
	char warning[256];           /* settings warning from fit, or "" */
	/* The training matrix: d->train after fit, cat->m after load. It
	 * must outlive the model (recommend skips its rated items). */
	const struct rmatrix *train;
	char fingerprint[17];        /* of the training data; "" unfitted */
	char metrics[128];           /* "rmse=0.912 mae=0.716", kept in the
					file; fit sets valid_rmse when it can */
	int64_t trained_at;          /* Unix time of the fit, in the file */
};

/* True once m->cancel is set and true. */
bool model_cancelled(const struct model *m);

/* "als" -> MODEL_ALS; false when unknown. */
bool model_kind_parse(const char *name, enum model_kind *out);
const char *model_kind_name(enum model_kind k);
/* Translated one-line description ("ALS (explicit, biases)"). */
const char *model_kind_label(enum model_kind k);
/* Defaults tuned for MovieLens-like data; say why in model.c. */
void model_params_default(enum model_kind k, struct model_params *p);

/* p NULL: the kind's defaults. NULL when the kind is not in this build.
 * Sets m->scale to SCALE_GENERIC; fit replaces it by the catalogue's, so
 * set it after model_new when fitting without a catalogue. */
struct model *model_new(enum model_kind k, const struct model_params *p);
void model_free(struct model *m);
int model_fit(struct model *m, const struct fit_data *d, char *err,
	      size_t errlen);
/* Predicted rating clamped to the scale; false when it cannot be
 * computed (cold item, or a kind that predicts no ratings: iALS). */
bool model_predict(const struct model *m, uint32_t user,
		   const struct rvec *ratings, uint32_t item, double *out);
void model_score_all(const struct model *m, uint32_t user,
		     const struct rvec *ratings, float *out);
/* Top n by score among items the user has not rated (in ratings, or the
 * user's training row), excluding non-finite scores; ties by item index.
 * Returns how many were written. */
size_t model_recommend(const struct model *m, uint32_t user,
		       const struct rvec *ratings, struct scored *out,
		       size_t n);
/* model_recommend re-ranked for diversity by MMR with lambda =
 * m->params.diversity over a pool of the max(4n, 50) best: each pick
 * maximises (1 - lambda) rel - lambda * max content cosine to the items
 * already picked (rel: score min-max scaled over the pool). Hybrid and
 * content models only, as they know item features; other kinds, and
 * lambda 0, give model_recommend's list. Scores are left unchanged.
 * (In hybrid.c.) */
size_t model_recommend_diverse(const struct model *m, uint32_t user,
			       const struct rvec *ratings,
			       struct scored *out, size_t n);
size_t model_similar(const struct model *m, uint32_t item,
		     struct scored *out, size_t n);
size_t model_explain(const struct model *m, uint32_t user,
		     const struct rvec *ratings, uint32_t item, char *buf,
		     size_t n);
/* The same for "you" with your signals: model_x(m, MODEL_NO_USER, r,
 * ...) is model_x_you with you = { *r, no signals }. The lists leave
 * out the items model_you_mark marks. */
bool model_predict_you(const struct model *m, const struct model_you *you,
		       uint32_t item, double *out);
void model_score_you(const struct model *m, const struct model_you *you,
		     float *out);
size_t model_recommend_you(const struct model *m,
			   const struct model_you *you, struct scored *out,
			   size_t n);
size_t model_recommend_diverse_you(const struct model *m,
				   const struct model_you *you,
				   struct scored *out, size_t n);
/* A list of m's scored best first, list[0..nl), re-ranked by MMR at
 * m->params.diversity into out (n long), as model_recommend_diverse
 * re-ranks its own; lambda 0, or a kind without item features, keeps
 * the order. Returns how many were written. */
size_t model_rerank_diverse(const struct model *m, struct scored *list,
			    size_t nl, struct scored *out, size_t n);
/* How many best items a list of n re-ranked for diversity is taken
 * from: n when m->params.diversity is 0, else max(4n, 50). */
size_t model_diverse_pool(const struct model *m, size_t n);
size_t model_explain_you(const struct model *m, const struct model_you *you,
			 uint32_t item, char *buf, size_t n);
/* Mark in skip[0..n_items) what is never recommended to you: the
 * items you rated and those you have seen or want, and also_skip's.
 * The one rule every list for you follows (recs.h's lists too). */
void model_you_mark(const struct model_you *you, bool *skip,
		    uint32_t n_items);

/* Versioned file: kind, settings, data fingerprint, metrics, date, then
 * the kind's payload; written to a temporary file and renamed. */
int model_save(const struct model *m, const char *path, char *err,
	       size_t errlen);
/* Refuses a file of another version or another catalogue (fingerprint)
 * with a clear message. cat NULL skips the fingerprint check (tests,
 * benchmarks); the model then has no training matrix. */
struct model *model_load(const char *path, const struct catalog *cat,
			 char *err, size_t errlen);
/* Fingerprint of a catalogue's ids and ratings (hex, 16 digits). */
void model_fingerprint(const struct catalog *cat,
		       const struct rmatrix *train, char out[17]);

/* iALS conversion rule: a rating >= this threshold is positive. It is
 * p->positive_min, or when that is 0, floor(max / 2) + 1 of the
 * scale: 3 of 5, 6 of 10. */
double model_positive_min(const struct model_params *p,
			  const struct scale *sc);
/* The rule as a translated line for the UI:
 * "positive if rating ≥ 3 (of 5), confidence 1 + α·r (α = 0.5)". */
size_t model_implicit_rule(const struct model_params *p,
			   const struct scale *sc, char *buf, size_t n);

/* Shared helper: the n best finite scores of scores[0..n_items), skipping
 * items where skip[i] is true (skip may be NULL); ties by item index. */
size_t model_top_n(const float *scores, uint32_t n_items,
		   const bool *skip, struct scored *out, size_t n);

#endif
