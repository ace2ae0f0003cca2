/* SPDX-License-Identifier: GPL-3.0-or-later */
/* trainer: what the Train pane does, without curses. Four parts:
 *
 * - the settings form of each model kind: which fields of struct
 *   model_params a kind uses, their labels, steps and ranges;
 * - checks before a run: errors that refuse it (λ > 0, k >= 1,
 *   epochs >= 1, ...) and warnings (k >= the number of users or items),
 *   with the implicit conversion rule for iALS;
 * - a run on a worker thread: a seeded validation split of the
 *   catalogue's ratings, the fit on the training side publishing one
 *   event per epoch (loss, validation RMSE, seconds) into a
 *   mutex-protected buffer the screen polls, pause and resume (the
 *   epoch callback waits on a condition variable), stop (the model's
 *   cancel flag and the callback's answer), divergence (a non-finite
 *   loss or factor ends the run with the last good factors and advice),
 *   then the metrics of eval.h on the held-out side and, when asked, a
 *   refit on every rating saved where recs.h looks (deploy);
 * - the monitor of the deployed model: its age, your ratings dated
 *   after it was trained (by their own dates, so an imported history
 *   is older), the drift of its error on those ratings against the
 *   validation RMSE saved with it, and whether a retrain is advised;
 * - a tuning grid: tune_run (tune.h) on the same kind of worker, its
 *   progress and the cells measured so far polled like a run's events.
 *
 * The worker reads the catalogue it is given and never writes it: the
 * caller keeps it open and unchanged until trainer_free (the TUI's
 * catalogue is read-only once opened). Its thread, and the fitting
 * threads it starts, run at a lower priority than the screen. */
#ifndef TASTE_TRAINER_H
#define TASTE_TRAINER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "eval.h"
#include "model/model.h"
#include "regress.h"
#include "tune.h"

struct profile;

/* ---- the settings form --------------------------------------------- */

enum trainer_field {
	TF_FACTORS, TF_REG, TF_REG_BIAS, TF_ALPHA, TF_POSITIVE_MIN,
	TF_NEIGHBOURS, TF_SHRINK, TF_CENTRED, TF_DIVERSITY, TF_EPOCHS,
	TF_SEED, TF_THREADS,
	TF_COUNT
};

/* The fields kind k uses, in form order, into out (TF_COUNT fit);
 * returns how many. */
size_t trainer_fields(enum model_kind k, enum trainer_field *out);
/* The short label ("k", "λ") and a translated line on what f does. */
const char *trainer_field_label(enum trainer_field f);
const char *trainer_field_help(enum trainer_field f);
double trainer_field_get(const struct model_params *p,
			 enum trainer_field f);
void trainer_field_set(struct model_params *p, enum trainer_field f,
		       double v);
/* One step up (dir > 0) or down: counts by one (epochs by 5 from 10),
 * factors double and halve, λ, α and shrinkage walk 1-2-5 decades, the
 * switch flips. Never steps out of the typed range. */
void trainer_field_step(struct model_params *p, enum trainer_field f,
			int dir);
/* The value as the form shows it ("32", "0.13", "yes"). */
void trainer_field_format(const struct model_params *p,
			  enum trainer_field f, char *buf, size_t n);
/* Parse a typed value (C numbers; yes/no, on/off, 1/0 for switches);
 * 0, or -1 with a message when it is not a number or out of the range
 * a value can be typed in at all. Whether it suits a run is
 * trainer_check's business. */
int trainer_field_parse(enum trainer_field f, const char *text, double *v,
			char *err, size_t errlen);

/* ---- checks before a run ------------------------------------------- */

#define TRAINER_NOTES 6

struct trainer_check {
	size_t n_errors, n_warnings;
	char errors[TRAINER_NOTES][192];    /* refuse the run */
	char warnings[TRAINER_NOTES][192];  /* shown, the run may go */
	char rule[192];                     /* iALS conversion rule, or "" */
};

/* Check settings p of kind k against cat (its numbers of users and
 * items), translated messages into out. */
void trainer_check(enum model_kind k, const struct model_params *p,
		   const struct catalog *cat, struct trainer_check *out);

/* ---- a run --------------------------------------------------------- */

struct trainer_config {
	enum model_kind kind;
	struct model_params params;
	double valid_fraction;  /* held out for validation; default 0.2 */
	uint64_t split_seed;    /* default 42 */
	bool deploy;            /* refit on every rating and save */
	const char *model_path; /* NULL: recs_model_path (copied) */
};

void trainer_config_default(struct trainer_config *c, enum model_kind k);

enum trainer_state {
	TRAINER_PREPARING,   /* the split and the training matrix */
	TRAINER_FITTING,     /* epochs on the training side */
	TRAINER_MEASURING,   /* metrics on the held-out side */
	TRAINER_DEPLOYING,   /* the refit on every rating, then saving */
	TRAINER_DONE,
	TRAINER_STOPPED,     /* asked to stop: nothing measured or saved */
	TRAINER_DIVERGED,    /* non-finite loss or factors: see message */
	TRAINER_FAILED       /* see message */
};

/* One epoch of the validation fit. */
struct trainer_event {
	int epoch, epochs;
	double train_loss;
	bool has_valid;
	double valid_rmse;
	double seconds;
	bool divergent;      /* the run diverged here: loss is NaN */
};

struct trainer_status {
	enum trainer_state state;
	enum model_kind kind;
	bool pause_asked;    /* pause asked for */
	bool held;           /* the worker waits (paused at an epoch end) */
	int epoch, epochs;   /* last epoch of the validation fit */
	int deploy_epoch;    /* of the refit, 0 before it reports */
	size_t n_events;
	size_t n_train, n_valid, n_cold;  /* the split; cold: held-out
					     pairs without training data */
	double best_rmse;    /* lowest validation RMSE, and its epoch */
	int best_epoch;      /* 0: none yet */
	bool has_metrics;
	struct eval_metrics metrics;
	bool restored;       /* diverged, and the last good factors kept
				predict finite values on every training
				pair */
	bool has_restored_rmse;
	double restored_rmse;  /* their validation RMSE */
	bool saved;          /* deployed: refit and saved to path */
	char path[512];
	char message[512];   /* why it failed, stopped or diverged */
	char warning[256];   /* the fit's own settings warning, or "" */
	double seconds;      /* since the start, or the whole run */
	double stop_seconds; /* from trainer_stop to the end, or 0 */
	/* a grid run: fold fits done of all; the fit under way (1-based,
	 * 0 before the first) is fold grid_fold of cell grid_cell */
	size_t grid_done, grid_total, grid_cell, grid_cells;
	int grid_fold, grid_folds;
};

/* True for the states a run ends in. */
bool trainer_state_final(enum trainer_state s);
/* Translated name of a state ("fitting", "diverged"). */
const char *trainer_state_name(enum trainer_state s);

struct trainer;

/* Start a run on cat (kept open and unchanged by the caller until
 * trainer_free). NULL with err when the settings fail trainer_check
 * (its first error) or the thread cannot start. */
struct trainer *trainer_start(const struct catalog *cat,
			      const struct trainer_config *c, char *err,
			      size_t errlen);
/* A copy of the status (under the mutex). */
void trainer_status(struct trainer *t, struct trainer_status *out);
/* Copy events [from, from + n) that exist into out; returns how many. */
size_t trainer_events(struct trainer *t, size_t from,
		      struct trainer_event *out, size_t n);
/* Pause at the end of the current epoch, or resume. */
void trainer_pause(struct trainer *t, bool pause);
/* Ask the run to stop: the fit ends at its next cancel check (between
 * epochs, or sooner where the kind checks more often). Returns at once;
 * the status says when it has. */
void trainer_stop(struct trainer *t);
/* Stop if needed, wait for the worker and free everything. */
void trainer_free(struct trainer *t);

/* ---- a linear regression run ---------------------------------------- */

/* The pane's "Linear regression": regress_fit on a worker thread, each
 * epoch's cost published as an event (train_loss; no validation), the
 * same pause and stop. A diverging descent ends DIVERGED with advice on
 * the learning rate; its result (the weights of the last good epoch)
 * is still there. */
struct trainer_regress_config {
	const struct regress_table *table;  /* kept by the caller, unchanged,
					       until trainer_free */
	const char *target;
	const char *features;   /* "a,b,c"; NULL or "": every usable one */
	unsigned epochs;        /* 0: REGRESS_EPOCHS */
	double lr;              /* 0: chosen by regress_fit (auto) */
};

/* NULL with err when the thread cannot start (bad columns are reported
 * by the run: FAILED with the message). */
struct trainer *trainer_regress_start(const struct trainer_regress_config *c,
				      char *err, size_t errlen);
/* The fit once the run has ended with one (done, stopped or diverged),
 * else NULL; owned by t. */
const struct regress_result *trainer_regress_result(struct trainer *t);

/* ---- a tuning grid -------------------------------------------------- */

/* tune_run on a worker thread (niced like a run): every cell of the
 * grid measured over the same k folds of the catalogue's ratings, by
 * mean validation RMSE, or NDCG@10 for iALS. The status says which
 * cell and fold is under way (PREPARING, FITTING, then DONE, STOPPED
 * or FAILED); trainer_stop cancels the fit under way (tune.h), the
 * cells measured before stay. */
struct trainer_grid_config {
	enum model_kind kind;
	struct model_params base;   /* the settings not on the grid */
	struct tune_grid grid;      /* axis 0: rows, axis 1: columns */
	int folds;                  /* 0: TUNE_FOLDS */
	uint64_t seed;              /* of the folds; 0: tune's default */
};

/* The grid the form starts with for kind k: ALS and iALS factors
 * 16,32,64 x reg 0.05,0.1,0.2, user- and item-kNN neighbours 10,20,40
 * x shrink 0,10,100, the baseline reg_bias 1,5,25 x epochs 5,10,20;
 * false for the kinds with nothing to tune here (content, hybrid). */
bool trainer_grid_default(enum model_kind k, struct tune_grid *g);
/* Axis a as the form shows and takes it: "factors=16,32,64". */
void trainer_grid_axis_text(const struct tune_axis *a, char *buf,
			    size_t n);
/* Parse a typed axis ("reg=0.01,0.1") into a; other is the grid's
 * other axis (a setting may not be on both). -1 with a message. */
int trainer_grid_axis_parse(const char *text, const struct tune_axis *other,
			    struct tune_axis *a, char *err, size_t errlen);
/* Start a grid on cat (kept open and unchanged until trainer_free).
 * NULL with err when a setting of the grid is not in kind's form, a
 * cell's settings fail trainer_check (its first error, with the cell),
 * or the thread cannot start. */
struct trainer *trainer_grid_start(const struct catalog *cat,
				   const struct trainer_grid_config *c,
				   char *err, size_t errlen);
/* A copy of the grid's result so far (cells measured so far valid;
 * the best marked once it has ended) into out, to free with
 * tune_result_free; false when t is not a grid run. */
bool trainer_grid_result(struct trainer *t, struct tune_result *out);

/* ---- the monitor --------------------------------------------------- */

/* A retrain is advised beyond these (see trainer.c for why). */
#define TRAINER_STALE_DAYS 30
#define TRAINER_STALE_RATINGS 10
#define TRAINER_STALE_DRIFT 0.10

struct trainer_monitor {
	bool exists;         /* a model file is there */
	bool loaded;         /* and it loads for this catalogue */
	char err[256];       /* why not, when it does not */
	int64_t trained_at;  /* Unix time */
	struct model_params params;  /* it was trained with (R retrains) */
	double age_seconds;
	size_t yours;        /* your ratings */
	size_t since;        /* ... rated after the model was trained */
	bool has_saved_rmse; /* the validation RMSE saved with the model */
	double saved_rmse;
	size_t drift_n;      /* of the newer ratings, how many it predicts */
	bool has_drift;      /* drift_n > 0 */
	double your_rmse;    /* its RMSE on them (folded in on the older) */
	double drift;        /* your_rmse - saved_rmse */
	bool retrain;        /* advised */
	char why[256];       /* translated reasons, or "" */
};

/* The monitor of kind k's saved model (path NULL: recs_model_path) at
 * Unix time now: in_use when the caller holds that model (the Search
 * worker's, recs_bg_model_of), else it is loaded from the file, which
 * takes long on a big catalogue; the caller decides how often. */
void trainer_monitor(const struct catalog *cat, const struct profile *prof,
		     enum model_kind k, const struct model *in_use,
		     const char *path, int64_t now,
		     struct trainer_monitor *out);

#endif
