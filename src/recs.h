/* SPDX-License-Identifier: GPL-3.0-or-later */
/* recs: what the CLI and the screen share about recommendations: where
 * a model is saved, loading it or else fitting and saving it, your
 * profile as an rvec, lists with reasons, the onboarding list for
 * fewer than RECS_ONBOARD_MIN ratings, and a background worker that
 * gets the models the screen needs ready without blocking it.
 *
 * "You" are your ratings and your implicit signals (the items you have
 * seen or want without rating them: import.h's signals journal). A
 * rating wins over a signal of the same item. Every list for you
 * leaves out what you rated, have seen or want (model_you_mark); the
 * onboarding threshold counts ratings, and the content picks of the
 * few-ratings list use the signals too.
 *
 * The worker opens its own copy of the catalogue, so the models it
 * hands over (and their training matrix) live as long as the worker
 * and nothing it reads changes under it. It publishes
 * its progress through a mutex-protected status that the screen polls;
 * a model, once published, is never touched by the worker again. */
#ifndef TASTE_RECS_H
#define TASTE_RECS_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "model/model.h"

struct profile;
struct usertags;

/* Ratings below which a person gets the onboarding list: a fold-in on
 * fewer is mostly noise. */
#define RECS_ONBOARD_MIN 5

/* Where a line of a list comes from: a model's own list, or one of the
 * two sources of the onboarding list. */
enum recs_source {
	RECS_FROM_MODEL,      /* the score is the model's */
	RECS_FROM_CONTENT,    /* onboarding: the content model's score */
	RECS_FROM_POPULAR,    /* onboarding: popularity, 1 the best */
};

/* One line of a list. */
struct recs_entry {
	uint32_t item;
	double score;
	char reason[160];
	enum recs_source source;
};

/* What recs_model tells its caller about, for messages. */
enum recs_event {
	RECS_EV_RETRAIN,    /* the file was refused (detail: why) */
	RECS_EV_TRAINING,   /* fitting starts (first use) */
	RECS_EV_TRAINED,    /* fitted (m->fit_seconds) */
	RECS_EV_NOT_SAVED,  /* fitted but not saved (detail: why) */
};
typedef void (*recs_note_fn)(void *ctx, enum recs_event ev,
			     const struct model *m, const char *detail);
struct recs_hooks {
	recs_note_fn note;          /* may be NULL */
	void *note_ctx;
	model_epoch_fn on_epoch;    /* may be NULL */
	void *epoch_ctx;
	/* May be NULL; once true, a fit stops soon, and its model is
	 * neither returned nor saved (model.h m->cancel). */
	const atomic_bool *cancel;
};

/* Where kind k of cat is saved, <data dir>/models/<cat>-<kind>.model
 * (malloc'd; the directory is made), or NULL with err. */
char *recs_model_path(const struct catalog *cat, enum model_kind k,
		      char *err, size_t errlen);
/* Fit m on the whole catalogue, epochs reported to fn (may be NULL). */
int recs_fit(struct model *m, const struct catalog *cat, model_epoch_fn fn,
	     void *ctx, char *err, size_t errlen);
/* Kind k for cat with its default settings: loaded from path when that
 * file exists and matches, else fitted and saved there (path NULL:
 * recs_model_path). NULL with err when the fit fails. */
struct model *recs_model(const struct catalog *cat, enum model_kind k,
			 const char *path, const struct recs_hooks *h,
			 char *err, size_t errlen);

/* Your ratings and signals as rvecs over the catalogue's items,
 * indices ascending; ids the catalogue lacks are left out. */
struct recs_you {
	struct rvec rv;          /* your ratings */
	struct rvec sig;         /* your signals of items you did not rate */
	struct model_words words;  /* your words of items (usertags.h) */
	uint32_t *idx, *sig_idx, *w_item;
	float *val, *sig_val;
	const char **w_genres, **w_tags;  /* point into the usertags */
	bool *gathered;          /* the catalogue's collections that gather
				    an item you rated or signalled
				    (catalog_gathers), left out of your
				    lists; NULL when none */
};
/* Your ratings from the profile p; no signals yet. */
void recs_you_from_profile(struct recs_you *y, const struct catalog *cat,
			   const struct profile *p);
/* Your signals from the signals journal s (may be NULL: none) beside
 * the ratings already in y: those of rated items are left out. */
void recs_you_add_signals(struct recs_you *y, const struct catalog *cat,
			  const struct profile *s);
/* Your words of items from t (may be NULL: none), which must outlive
 * y's use. */
void recs_you_add_words(struct recs_you *y, const struct catalog *cat,
			const struct usertags *t);
/* y as a model's fold-in input (points into y). */
struct model_you recs_you_model(const struct recs_you *y);
/* How many of y's signals are seen (value MODEL_SIGNAL_SEEN) and how
 * many wanted. */
void recs_you_signal_counts(const struct recs_you *y, size_t *seen,
			    size_t *wanted);
void recs_you_free(struct recs_you *y);
/* What lists for you leave out (model_you_mark) as a mask of
 * cat->n_items (free()). */
bool *recs_you_mask(const struct catalog *cat, const struct model_you *you);

/* The model's top n with reasons for a training row (user, you NULL)
 * or for you (user MODEL_NO_USER, your ratings and signals); diverse
 * uses model_recommend_diverse (MMR at m->params.diversity). */
size_t recs_model_list(const struct model *m, uint32_t user,
		       const struct model_you *you, bool diverse,
		       struct recs_entry *out, size_t n);
/* True when item has too few community ratings for collaborative
 * "items like" (MODEL_SIM_MIN_RATINGS, model.h), with the note the
 * collaborative column and taste similar --method cf show in its place:
 * "n/a: too few ratings to say (1 rating)". */
bool recs_too_few_to_say(const struct catalog *cat, uint32_t item,
			 char *note, size_t n);
/* Items like item by m, with reasons ("rated highly by 46 who liked
 * Toy Story (1995)"); 0 when the kind cannot say. The content kind's
 * likeness is weighed by the community's opinion of each item (its
 * mean rating shrunk towards 40% of the scale by 20 ratings), when the
 * catalogue has any, and the score is that product. */
size_t recs_similar_list(const struct model *m, uint32_t item,
			 struct recs_entry *out, size_t n);
/* The list for fewer than RECS_ONBOARD_MIN ratings: popular,
 * well-rated items and content picks from the ratings and signals
 * there are (content may be NULL: none), in turn, content first. The
 * popular candidates are ranked by their mean damped towards the
 * catalogue's times log popularity; the content ones by the content
 * model's score times the community's opinion. Each source's next pick
 * is its best candidate after a cost for what the list already holds
 * (MMR over series, creators and genres), so the list varies; a source
 * that runs out leaves the rest to the other, and a longer list starts
 * with the shorter one. Each row says its source (the scores of two
 * sources do not compare); rated, seen and wanted items are never
 * listed. */
size_t recs_few(const struct catalog *cat, const struct model *content,
		const struct model_you *you, struct recs_entry *out,
		size_t n);

/* The models the screen needs, in the order the worker gets them. */
enum recs_slot {
	RECS_ITEM_KNN,      /* the Collaborative column */
	RECS_CONTENT,       /* the Content-based column */
	RECS_HYBRID,        /* the Hybrid column and For you */
	RECS_ALS,           /* Collaborative when kNN has no neighbours */
	RECS_SLOTS
};

enum recs_slot_state {
	RECS_PENDING, RECS_LOADING, RECS_TRAINING, RECS_READY,
	RECS_FAILED,
	RECS_UNAVAILABLE    /* no community ratings to fit it on */
};

/* A copy of the worker's state. */
struct recs_status {
	enum recs_slot_state state[RECS_SLOTS];
	int done, total;    /* slots settled (ready or failed) / to get */
	int epoch, epochs;  /* of the fit running, 0 when none reports */
	bool finished;      /* the worker has ended */
	bool trained;       /* at least one model was fitted (not loaded) */
	char err[256];      /* the last failure, or "" */
	unsigned adopted;   /* models replaced by recs_deployed (Train) */
};

struct recs_bg;

/* Start the worker for the catalogue cat was opened as (name_or_dir):
 * it opens its own copy, checks that it matches cat, then loads or
 * fits and saves each slot's model. NULL with err when it cannot
 * start. */
struct recs_bg *recs_bg_start(const struct catalog *cat,
			      const char *name_or_dir, char *err,
			      size_t errlen);
/* The current state (under the mutex). */
void recs_bg_status(struct recs_bg *b, struct recs_status *out);
/* Slot s's model once ready, else NULL. The caller may use it (and set
 * its params.diversity) from one thread until recs_bg_stop. */
struct model *recs_bg_model(struct recs_bg *b, enum recs_slot s);
/* The ready model of kind k if a slot holds that kind, else NULL; the
 * same contract as recs_bg_model. */
struct model *recs_bg_model_of(struct recs_bg *b, enum model_kind k);
/* The worker's catalogue (the models' m->cat), same items as cat. */
const struct catalog *recs_bg_catalog(const struct recs_bg *b);
/* Ask the worker to stop (a fit stops at its next epoch), wait for it
 * and free it and its models. */
void recs_bg_stop(struct recs_bg *b);

/* ---- Deploying (the Train pane) -------------------------------------
 * A model trained elsewhere in the process and saved to
 * recs_model_path: every worker whose slot holds that kind loads the
 * file again at its next recs_bg_status and hands the new model out
 * (st.adopted counts these). The model it replaces stays valid until
 * recs_bg_stop, as the contract above says. */
void recs_deployed(enum model_kind k);

#endif
