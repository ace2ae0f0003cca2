/* SPDX-License-Identifier: GPL-3.0-or-later */
/* trainer: the Train pane's core (see trainer.h).
 *
 * A run is one worker thread, niced like the recs worker so that the
 * screen keeps a core's worth of priority whatever the thread count of
 * the fit. It splits the catalogue's ratings with eval_split_random
 * (the held-out side is the validation set of every epoch and the test
 * set of the final metrics, so nothing fitted sees it), fits on a
 * catalogue view of the training side (eval_catalog_view: counts and
 * means of that side only), measures with eval_model, and, to deploy,
 * refits the same settings on every rating: a model file must match the
 * whole catalogue's fingerprint to be loaded by Search (model_load), so
 * the validated model itself cannot be the one saved.
 *
 * Stop sets the model's cancel flag (checked by the fits between epochs
 * and in the hybrid's long passes) and makes the epoch callback answer
 * false, so a stop lands within one epoch; pause makes the callback wait
 * on a condition variable that resume and stop signal.
 *
 * Divergence: ALS checks every Cholesky pivot and, after each
 * half-sweep, the loss and a checksum of the factors; on failure it puts
 * the side's previous factors back and fails with "ALS diverged at epoch
 * N (...)". Any kind whose reported loss or validation RMSE is not
 * finite is stopped here the same way. The run then ends DIVERGED with
 * a flagged event at that epoch and advice on what to change.
 *
 * A grid run is tune_run on the same kind of thread: its progress
 * callback copies the cells measured so far under the lock, and stop
 * sets the cancel flag tune_run passes on to the fit under way. */
#include <config.h>

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "i18n.h"
#include "intern.h"
#include "log.h"
#include "profile.h"
#include "recs.h"
#include "trainer.h"
#include "util.h"

/* Niceness of the worker and its fitting threads (as recs.c's): the UI
 * thread at 0 then gets about nine tenths of a contended core. */
#define TRAINER_NICE 10
/* Limits the kinds themselves apply (als.c). */
#define TRAINER_MAX_FACTORS 1000
#define TRAINER_MAX_THREADS 64

/* =====================================================================
 * The settings form
 * ===================================================================== */

enum step_kind { STEP_ADD, STEP_DOUBLE, STEP_125, STEP_FLIP };

struct field_def {
	const char *label, *help;
	double lo, hi;           /* what can be typed at all */
	bool integer;
	enum step_kind step;
};

static const struct field_def field_defs[TF_COUNT] = {
	[TF_FACTORS] = { N_("k"), N_("latent factors per user and item"),
			 0, TRAINER_MAX_FACTORS, true, STEP_DOUBLE },
	[TF_REG] = { N_("λ"), N_("regularisation, weighted by each row's "
				  "number of ratings"), 0, 1e6, false,
		     STEP_125 },
	[TF_REG_BIAS] = { N_("λ bias"), N_("regularisation of the user and "
					   "item biases"), 0, 1e6, false,
			  STEP_125 },
	[TF_ALPHA] = { N_("α"), N_("confidence of a positive: 1 + α·r"),
		       0, 1e6, false, STEP_125 },
	[TF_POSITIVE_MIN] = { N_("positive ≥"), N_("ratings at or above "
						   "this are positives (0: "
						   "from the scale)"),
			      0, 1e6, false, STEP_ADD },
	[TF_NEIGHBOURS] = { N_("neighbours"), N_("neighbours per "
						 "prediction"), 0, 100000,
			    true, STEP_DOUBLE },
	[TF_SHRINK] = { N_("shrinkage"), N_("similarity · n / (n + "
					    "shrinkage)"), 0, 1e9, false,
			STEP_125 },
	[TF_CENTRED] = { N_("centred"), N_("centred cosine "
					   "(Pearson-like)"), 0, 1, true,
			 STEP_FLIP },
	[TF_DIVERSITY] = { N_("diversity"), N_("MMR re-ranking, 0 = off"),
			   0, 1, false, STEP_ADD },
	[TF_EPOCHS] = { N_("epochs"), N_("passes over the ratings"), 0,
			100000, true, STEP_ADD },
	[TF_SEED] = { N_("seed"), N_("of the initial factors"), 0,
		      4294967295.0, true, STEP_ADD },
	[TF_THREADS] = { N_("threads"), N_("fitting threads"), 0,
			 TRAINER_MAX_THREADS, true, STEP_ADD },
};

/* The fields of each kind, in form order, TF_COUNT-terminated. */
static const enum trainer_field kind_fields[MODEL_KIND_COUNT][8] = {
	[MODEL_BASELINE] = { TF_REG_BIAS, TF_EPOCHS, TF_COUNT },
	[MODEL_USER_KNN] = { TF_NEIGHBOURS, TF_SHRINK, TF_CENTRED,
			     TF_REG_BIAS, TF_COUNT },
	[MODEL_ITEM_KNN] = { TF_NEIGHBOURS, TF_SHRINK, TF_CENTRED,
			     TF_REG_BIAS, TF_COUNT },
	[MODEL_ALS] = { TF_FACTORS, TF_REG, TF_REG_BIAS, TF_EPOCHS, TF_SEED,
			TF_THREADS, TF_COUNT },
	[MODEL_IALS] = { TF_FACTORS, TF_REG, TF_ALPHA, TF_POSITIVE_MIN,
			 TF_EPOCHS, TF_SEED, TF_THREADS, TF_COUNT },
	[MODEL_CONTENT] = { TF_COUNT },
	[MODEL_HYBRID] = { TF_DIVERSITY, TF_SEED, TF_THREADS, TF_COUNT },
};

/* The fields kind k uses, in form order. */
size_t trainer_fields(enum model_kind k, enum trainer_field *out)
{
	size_t n = 0;

	if ((unsigned)k >= MODEL_KIND_COUNT)
		return 0;
	while (n < ARRAY_LEN(kind_fields[k]) && kind_fields[k][n] != TF_COUNT) {
		out[n] = kind_fields[k][n];
		n++;
	}
	return n;
}

/* The field's short label. */
const char *trainer_field_label(enum trainer_field f)
{
	return _(field_defs[f].label);
}

/* A line on what the field does. */
const char *trainer_field_help(enum trainer_field f)
{
	return _(field_defs[f].help);
}

/* The value of f in p, as a double. */
double trainer_field_get(const struct model_params *p,
			 enum trainer_field f)
{
	switch (f) {
	case TF_FACTORS: return p->factors;
	case TF_REG: return p->reg;
	case TF_REG_BIAS: return p->reg_bias;
	case TF_ALPHA: return p->alpha;
	case TF_POSITIVE_MIN: return p->positive_min;
	case TF_NEIGHBOURS: return p->neighbours;
	case TF_SHRINK: return p->shrink;
	case TF_CENTRED: return p->centred;
	case TF_DIVERSITY: return p->diversity;
	case TF_EPOCHS: return p->epochs;
	case TF_SEED: return (double)p->seed;
	case TF_THREADS: return p->threads;
	default: return 0;
	}
}

/* Set f in p to v (rounded for the integer fields). */
void trainer_field_set(struct model_params *p, enum trainer_field f,
		       double v)
{
	int iv = (int)lround(v > INT32_MAX ? INT32_MAX : v < 0 ? 0 : v);

	switch (f) {
	case TF_FACTORS: p->factors = iv; break;
	case TF_REG: p->reg = v; break;
	case TF_REG_BIAS: p->reg_bias = v; break;
	case TF_ALPHA: p->alpha = v; break;
	case TF_POSITIVE_MIN: p->positive_min = v; break;
	case TF_NEIGHBOURS: p->neighbours = iv; break;
	case TF_SHRINK: p->shrink = v; break;
	case TF_CENTRED: p->centred = v != 0; break;
	case TF_DIVERSITY: p->diversity = v; break;
	case TF_EPOCHS: p->epochs = iv; break;
	case TF_SEED: p->seed = (uint64_t)llround(v < 0 ? 0 : v); break;
	case TF_THREADS: p->threads = iv; break;
	default: break;
	}
}

/* The next value of the 1-2-5 sequence above (dir > 0) or below v. */
static double step_125(double v, int dir)
{
	static const double m[] = { 1, 2, 5 };
	double d, best = dir > 0 ? INFINITY : 0;

	if (!(v > 0))
		return dir > 0 ? 0.01 : 0;
	for (int e = -6; e <= 9; e++) {
		for (size_t q = 0; q < ARRAY_LEN(m); q++) {
			d = m[q] * pow(10, e);
			if (dir > 0 && d > v * (1 + 1e-9) && d < best)
				best = d;
			if (dir < 0 && d < v * (1 - 1e-9) && d > best)
				best = d;
		}
	}
	return isfinite(best) ? best : v;
}

/* The next value of f after one step in direction dir. */
static double step_value(enum trainer_field f, double v, int dir)
{
	const struct field_def *d = &field_defs[f];

	switch (d->step) {
	case STEP_FLIP: return v != 0 ? 0 : 1;
	case STEP_DOUBLE:
		if (dir > 0)
			return v < 1 ? 1 : v * 2;
		return floor(v / 2);
	case STEP_125: return step_125(v, dir);
	default: break;
	}
	if (f == TF_DIVERSITY)
		return v + dir * 0.1;
	if (f == TF_POSITIVE_MIN)
		return v + dir * 0.5;
	if (f == TF_EPOCHS && (v > 10 || (v == 10 && dir > 0)))
		return v + dir * 5;
	return v + dir;
}

/* One step of f up or down, kept in the typed range. */
void trainer_field_step(struct model_params *p, enum trainer_field f,
			int dir)
{
	const struct field_def *d = &field_defs[f];
	double v = step_value(f, trainer_field_get(p, f), dir);

	if (f == TF_DIVERSITY)
		v = round(v * 10) / 10;
	v = v < d->lo ? d->lo : v > d->hi ? d->hi : v;
	trainer_field_set(p, f, v);
}

/* The value of f as the form shows it. */
void trainer_field_format(const struct model_params *p,
			  enum trainer_field f, char *buf, size_t n)
{
	double v = trainer_field_get(p, f);

	if (f == TF_CENTRED)
		xsnprintf(buf, n, "%s", v != 0 ? _("yes") : _("no"));
	else if (f == TF_SEED)
		xsnprintf(buf, n, "%llu", (unsigned long long)p->seed);
	else if (field_defs[f].integer)
		xsnprintf(buf, n, "%d", (int)v);
	else if (f == TF_POSITIVE_MIN && v == 0)
		xsnprintf(buf, n, "%s", _("auto"));
	else
		xsnprintf(buf, n, "%g", v);
}

/* The C locale for parsing typed numbers ("0.1" in any locale). */
static locale_t trainer_c_locale(void)
{
	static locale_t c;

	if (!c)
		c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	return c;
}

/* A switch typed as yes/no, on/off or 1/0; -1 when it is none. */
static int parse_switch(const char *s)
{
	static const char *const yes[] = { "yes", "y", "on", "1", "true" };
	static const char *const no[] = { "no", "n", "off", "0", "false" };

	for (size_t q = 0; q < ARRAY_LEN(yes); q++) {
		if (strcasecmp(s, yes[q]) == 0 || strcasecmp(s, _(yes[q])) == 0)
			return 1;
		if (strcasecmp(s, no[q]) == 0 || strcasecmp(s, _(no[q])) == 0)
			return 0;
	}
	return -1;
}

/* Parse a typed value of f (see trainer.h). */
int trainer_field_parse(enum trainer_field f, const char *text, double *v,
			char *err, size_t errlen)
{
	const struct field_def *d = &field_defs[f];
	const char *label = _(d->label);
	char *end;
	double x;

	while (*text == ' ')
		text++;
	if (f == TF_CENTRED) {
		int s = parse_switch(text);

		if (s < 0) {
			xsnprintf(err, errlen, _("%s: type yes or no"), label);
			return -1;
		}
		*v = s;
		return 0;
	}
	errno = 0;
	x = trainer_c_locale() ? strtod_l(text, &end, trainer_c_locale())
			       : strtod(text, &end);
	while (end && *end == ' ')
		end++;
	if (end == text || *end || errno || !isfinite(x)) {
		xsnprintf(err, errlen, _("%s: \"%s\" is not a number"), label,
			  text);
		return -1;
	}
	if (d->integer && x != floor(x)) {
		xsnprintf(err, errlen, _("%s: a whole number is needed"),
			  label);
		return -1;
	}
	if (x < d->lo || x > d->hi) {
		xsnprintf(err, errlen, _("%s: between %g and %g"), label,
			  d->lo, d->hi);
		return -1;
	}
	*v = x;
	return 0;
}

/* =====================================================================
 * Checks before a run
 * ===================================================================== */

/* Add a formatted note to a list of at most TRAINER_NOTES. */
static void note_add(char (*list)[192], size_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void note_add(char (*list)[192], size_t *n, const char *fmt, ...)
{
	va_list ap;

	if (*n >= TRAINER_NOTES)
		return;
	va_start(ap, fmt);
	vsnprintf(list[*n], sizeof list[*n], fmt, ap);
	va_end(ap);
	(*n)++;
}

#define CHECK_ERR(o, ...) note_add((o)->errors, &(o)->n_errors, __VA_ARGS__)
#define CHECK_WARN(o, ...) \
	note_add((o)->warnings, &(o)->n_warnings, __VA_ARGS__)

/* The factorisation settings (ALS, iALS). The wording of the λ and k
 * messages is ALS's own (case 14), so each is translated once. */
static void check_factors(enum model_kind k, const struct model_params *p,
			  const struct catalog *cat, struct trainer_check *o)
{
	uint32_t nu = cat && cat->m ? cat->m->n_users : 0;
	uint32_t ni = cat ? cat->n_items : 0;
	uint32_t lim = nu < ni ? nu : ni;

	if (p->factors < 1 || p->factors > TRAINER_MAX_FACTORS)
		CHECK_ERR(o, _("k=%d: the number of factors must be between "
			       "1 and %d"), p->factors, TRAINER_MAX_FACTORS);
	else if ((uint32_t)p->factors >= lim && nu)     /* none: an error */
		CHECK_WARN(o, _("k=%d ≥ min(users=%u, items=%u)"),
			   p->factors, nu, ni);
	if (!(p->reg > 0) || !isfinite(p->reg))
		CHECK_ERR(o, _("λ=%g makes the system singular for users "
			       "with < k ratings; use λ > 0"), p->reg);
	if (k == MODEL_ALS && (!(p->reg_bias >= 0) || !isfinite(p->reg_bias)))
		CHECK_ERR(o, _("bias λ=%g must be ≥ 0"), p->reg_bias);
	if (k == MODEL_IALS && (!(p->alpha >= 0) || !isfinite(p->alpha)))
		CHECK_ERR(o, _("α=%g must be ≥ 0"), p->alpha);
	if (p->threads < 1 || p->threads > TRAINER_MAX_THREADS)
		CHECK_ERR(o, _("threads=%d: between 1 and %d"), p->threads,
			  TRAINER_MAX_THREADS);
	if (k == MODEL_IALS && cat)
		model_implicit_rule(p, &cat->scale, o->rule, sizeof o->rule);
}

/* The neighbourhood settings (user- and item-kNN). */
static void check_knn(enum model_kind k, const struct model_params *p,
		      const struct catalog *cat, struct trainer_check *o)
{
	uint32_t n = !cat || !cat->m ? 0 : k == MODEL_USER_KNN ?
		     cat->m->n_users : cat->n_items;

	if (p->neighbours < 1)
		CHECK_ERR(o, "%s", _("at least one neighbour is needed"));
	else if (n && (uint32_t)p->neighbours >= n)
		CHECK_WARN(o, k == MODEL_USER_KNN ?
			   _("%d neighbours ≥ the %u users: every user is "
			     "a neighbour") :
			   _("%d neighbours ≥ the %u items: every item is "
			     "a neighbour"), p->neighbours, n);
	if (!(p->shrink >= 0) || !isfinite(p->shrink))
		CHECK_ERR(o, _("shrinkage=%g must be ≥ 0"), p->shrink);
}

/* Check settings p of kind k against cat. */
void trainer_check(enum model_kind k, const struct model_params *p,
		   const struct catalog *cat, struct trainer_check *out)
{
	memset(out, 0, sizeof *out);
	if (k == MODEL_ALS || k == MODEL_IALS)
		check_factors(k, p, cat, out);
	if (k == MODEL_USER_KNN || k == MODEL_ITEM_KNN)
		check_knn(k, p, cat, out);
	if ((k == MODEL_BASELINE || k == MODEL_USER_KNN ||
	     k == MODEL_ITEM_KNN) &&
	    (!(p->reg_bias >= 0) || !isfinite(p->reg_bias)))
		CHECK_ERR(out, _("bias λ=%g must be ≥ 0"), p->reg_bias);
	if ((k == MODEL_ALS || k == MODEL_IALS || k == MODEL_BASELINE) &&
	    p->epochs < 1)
		CHECK_ERR(out, "%s", _("at least one epoch is needed"));
	if (k == MODEL_HYBRID && !(p->diversity >= 0 && p->diversity <= 1))
		CHECK_ERR(out, _("diversity=%g: between 0 and 1"),
			  p->diversity);
	if (cat && (!cat->m || cat->m->nnz == 0) && k != MODEL_CONTENT)
		CHECK_ERR(out, "%s", _("this catalogue has no community "
				       "ratings to train on"));
}

/* =====================================================================
 * A run
 * ===================================================================== */

struct trainer {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;         /* pause changed or stop asked */
	const struct catalog *cat;
	struct trainer_config cfg;
	char *path;                  /* where the deployed model goes */
	atomic_bool cancel;          /* read by the fits */
	/* under lock */
	bool stop, pause;
	double stop_asked;
	struct trainer_status st;
	struct trainer_event *ev;
	size_t n_ev, cap_ev;
	double t0;
	/* a regression run */
	bool regress;
	struct trainer_regress_config rcfg;
	char *target, *features;     /* copies of rcfg's strings */
	struct regress_result res;
	bool has_res;                /* under lock once final */
	/* a grid run */
	bool grid;
	struct trainer_grid_config gcfg;
	struct tune_result gres;     /* under lock: the cells so far */
};

/* Set the default run of kind k: its settings, 20 % held out, seed 42,
 * deployed. */
void trainer_config_default(struct trainer_config *c, enum model_kind k)
{
	memset(c, 0, sizeof *c);
	c->kind = k;
	model_params_default(k, &c->params);
	c->valid_fraction = 0.2;
	c->split_seed = 42;
	c->deploy = true;
}

/* True for the states a run ends in. */
bool trainer_state_final(enum trainer_state s)
{
	return s >= TRAINER_DONE;
}

/* Translated name of a state. */
const char *trainer_state_name(enum trainer_state s)
{
	static const char *const names[] = {
		[TRAINER_PREPARING] = N_("preparing"),
		[TRAINER_FITTING] = N_("fitting"),
		[TRAINER_MEASURING] = N_("measuring"),
		[TRAINER_DEPLOYING] = N_("deploying"),
		[TRAINER_DONE] = N_("done"),
		[TRAINER_STOPPED] = N_("stopped"),
		[TRAINER_DIVERGED] = N_("diverged"),
		[TRAINER_FAILED] = N_("failed"),
	};
	return (unsigned)s < ARRAY_LEN(names) ? _(names[s]) : "?";
}

/* Set the state (and the elapsed time) under the lock. */
static void tr_set_state(struct trainer *t, enum trainer_state s)
{
	pthread_mutex_lock(&t->lock);
	t->st.state = s;
	t->st.seconds = util_now() - t->t0;
	pthread_mutex_unlock(&t->lock);
}

/* True once a stop was asked. */
static bool tr_stopping(struct trainer *t)
{
	pthread_mutex_lock(&t->lock);
	bool s = t->stop;
	pthread_mutex_unlock(&t->lock);
	return s;
}

/* Wait while paused (and not stopping), telling the screen it waits.
 * Called with the lock held. */
static void tr_hold(struct trainer *t)
{
	while (t->pause && !t->stop) {
		t->st.held = true;
		pthread_cond_wait(&t->wake, &t->lock);
	}
	t->st.held = false;
}

/* Append an event (lock held). */
static void tr_push(struct trainer *t, const struct trainer_event *e)
{
	xgrow((void **)&t->ev, &t->cap_ev, t->n_ev + 1, sizeof *t->ev);
	t->ev[t->n_ev++] = *e;
	t->st.n_events = t->n_ev;
}

/* The epoch callback of the validation fit: publish, check finiteness,
 * hold while paused; false stops the fit. */
static bool tr_on_epoch(void *ctx, const struct epoch_event *ev)
{
	struct trainer *t = ctx;
	struct trainer_event e = {
		.epoch = ev->epoch, .epochs = ev->epochs,
		.train_loss = ev->train_loss, .has_valid = ev->has_valid,
		.valid_rmse = ev->valid_rmse, .seconds = ev->seconds,
	};
	bool finite = isfinite(ev->train_loss) &&
		      (!ev->has_valid || isfinite(ev->valid_rmse));
	bool go;

	e.divergent = !finite;
	pthread_mutex_lock(&t->lock);
	tr_push(t, &e);
	t->st.epoch = ev->epoch;
	t->st.epochs = ev->epochs;
	t->st.seconds = util_now() - t->t0;
	if (finite && ev->has_valid &&
	    (!t->st.best_epoch || ev->valid_rmse < t->st.best_rmse)) {
		t->st.best_rmse = ev->valid_rmse;
		t->st.best_epoch = ev->epoch;
	}
	if (!finite)
		t->st.state = TRAINER_DIVERGED;
	tr_hold(t);
	go = finite && !t->stop;
	pthread_mutex_unlock(&t->lock);
	return go;
}

/* The epoch callback of the deploying refit: progress and pause. */
static bool tr_on_deploy_epoch(void *ctx, const struct epoch_event *ev)
{
	struct trainer *t = ctx;
	bool go;

	pthread_mutex_lock(&t->lock);
	t->st.deploy_epoch = ev->epoch;
	t->st.seconds = util_now() - t->t0;
	tr_hold(t);
	go = !t->stop && isfinite(ev->train_loss);
	pthread_mutex_unlock(&t->lock);
	return go;
}

/* Set the final message (lock taken here). */
static void tr_message(struct trainer *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void tr_message(struct trainer *t, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&t->lock);
	va_start(ap, fmt);
	vsnprintf(t->st.message, sizeof t->st.message, fmt, ap);
	va_end(ap);
	pthread_mutex_unlock(&t->lock);
}

/* What to change after a divergence, for the settings of the run:
 * more regularisation always helps a factorisation (a larger λ bounds
 * the factors), fewer factors when k reaches the data's rank. */
static void tr_advice(const struct trainer *t, char *buf, size_t n)
{
	const struct model_params *p = &t->cfg.params;
	const struct catalog *cat = t->cat;
	uint32_t lim = cat->m->n_users < cat->n_items ? cat->m->n_users
						      : cat->n_items;
	double reg = p->reg > 0 ? step_125(p->reg, 1) : 0.1;

	if (reg < 0.01)
		reg = 0.01;
	if (t->cfg.kind != MODEL_ALS && t->cfg.kind != MODEL_IALS &&
	    t->cfg.kind != MODEL_HYBRID)
		xsnprintf(buf, n, _("Raise the bias λ (now %g)."),
			  p->reg_bias);
	else if ((uint32_t)p->factors >= lim && lim > 1)
		xsnprintf(buf, n, _("Try λ = %g (now %g) or k ≤ %u "
				    "(now %d)."), reg, p->reg, lim - 1,
			  p->factors);
	else
		xsnprintf(buf, n, _("Try λ = %g (now %g) or fewer factors "
				    "(now k = %d)."), reg, p->reg, p->factors);
}

/* Mark the divergent epoch (flagged event) and say what to change. */
static void tr_diverged(struct trainer *t, const char *why)
{
	char advice[192];
	struct trainer_event e = { .train_loss = NAN, .valid_rmse = NAN,
				   .divergent = true };

	tr_advice(t, advice, sizeof advice);
	pthread_mutex_lock(&t->lock);
	if (!t->n_ev || !t->ev[t->n_ev - 1].divergent) {
		e.epoch = t->st.epoch + 1;
		e.epochs = t->cfg.params.epochs;
		tr_push(t, &e);
	}
	e = t->ev[t->n_ev - 1];
	if (why && why[0])
		xsnprintf(t->st.message, sizeof t->st.message, "%s %s", why,
			  advice);
	else
		xsnprintf(t->st.message, sizeof t->st.message,
			  _("Training diverged at epoch %d (the loss is not "
			    "finite); nothing was saved. %s"),
			  e.epoch, advice);
	t->st.state = TRAINER_DIVERGED;
	pthread_mutex_unlock(&t->lock);
	log_msg("trainer: %s", t->st.message);
}

/* The run's data: the split and the training side as matrix and view. */
struct tr_data {
	struct eval_data ed;
	struct triplets train, valid;
	struct rmatrix *tm;
	struct catalog *view;
};

/* Held-out pairs whose user or item has no training rating. */
static size_t tr_cold(const struct rmatrix *tm, const struct triplets *v)
{
	size_t n = 0;

	for (size_t q = 0; q < v->n; q++) {
		const struct triplet *r = &v->v[q];

		if (r->user >= tm->n_users ||
		    tm->user_ptr[r->user + 1] == tm->user_ptr[r->user] ||
		    tm->item_ptr[r->item + 1] == tm->item_ptr[r->item])
			n++;
	}
	return n;
}

/* Split the catalogue's ratings and build the training side. */
static int tr_prepare(struct trainer *t, struct tr_data *d)
{
	char err[512];

	memset(d, 0, sizeof *d);
	if (eval_data_from_catalog(&d->ed, t->cat, false, err,
				   sizeof err) != 0) {
		tr_message(t, "%s", err);
		return -1;
	}
	eval_split_random(&d->ed.all, t->cfg.valid_fraction,
			  t->cfg.split_seed, &d->train, &d->valid);
	d->tm = rmatrix_build(&d->train, t->cat->m->n_users,
			      t->cat->n_items);
	d->view = eval_catalog_view(t->cat, d->tm);
	pthread_mutex_lock(&t->lock);
	t->st.n_train = d->train.n;
	t->st.n_valid = d->valid.n;
	t->st.n_cold = tr_cold(d->tm, &d->valid);
	pthread_mutex_unlock(&t->lock);
	return 0;
}

/* Free what tr_prepare made. */
static void tr_data_free(struct tr_data *d)
{
	eval_catalog_view_free(d->view);
	rmatrix_free(d->tm);
	triplets_free(&d->train);
	triplets_free(&d->valid);
	eval_data_free(&d->ed);
}

/* True when a failed fit of this kind can only be a divergence: the
 * settings passed trainer_check, which refuses everything else ALS
 * refuses, and there were ratings to fit. */
static bool tr_fit_diverged(const struct trainer *t, const struct model *m)
{
	return (t->cfg.kind == MODEL_ALS || t->cfg.kind == MODEL_IALS) &&
	       m->state != NULL && !model_cancelled(m);
}

/* RMSE of m's predictions over the pairs of v it can predict; false
 * when one is not finite (all_finite) or none is predicted. */
static bool tr_rmse(const struct model *m, const struct triplets *v,
		    bool *all_finite, double *out)
{
	double sse = 0, pred;
	size_t n = 0;

	*all_finite = true;
	for (size_t q = 0; q < v->n; q++) {
		if (!model_predict(m, v->v[q].user, NULL, v->v[q].item, &pred))
			continue;
		if (!isfinite(pred))
			*all_finite = false;
		sse += (pred - v->v[q].value) * (pred - v->v[q].value);
		n++;
	}
	*out = n ? sqrt(sse / (double)n) : 0;
	return n && *all_finite;
}

/* After a divergence: do the factors ALS put back predict finite
 * values, and how well? (iALS predicts no ratings: not checked.) */
static void tr_restored(struct trainer *t, const struct tr_data *d,
			const struct model *m)
{
	bool fin_train, fin_valid;
	double rmse;

	if (t->cfg.kind != MODEL_ALS || !m->state)
		return;
	tr_rmse(m, &d->train, &fin_train, &rmse);
	bool has = tr_rmse(m, &d->valid, &fin_valid, &rmse);
	pthread_mutex_lock(&t->lock);
	t->st.restored = fin_train && fin_valid;
	t->st.has_restored_rmse = has;
	t->st.restored_rmse = rmse;
	pthread_mutex_unlock(&t->lock);
}

/* The validation fit; 0 when it ran to its end (or was stopped). */
static int tr_fit(struct trainer *t, struct tr_data *d, struct model *m)
{
	struct fit_data fd = { .train = d->tm, .cat = d->view,
			       .valid = &d->valid };
	char err[512];
	int rc;

	m->on_epoch = tr_on_epoch;
	m->epoch_ctx = t;
	m->cancel = &t->cancel;
	tr_set_state(t, TRAINER_FITTING);
	rc = model_fit(m, &fd, err, sizeof err);
	m->on_epoch = NULL;
	pthread_mutex_lock(&t->lock);
	xsnprintf(t->st.warning, sizeof t->st.warning, "%s", m->warning);
	bool diverged = t->st.state == TRAINER_DIVERGED;
	pthread_mutex_unlock(&t->lock);
	if (diverged || (rc != 0 && tr_fit_diverged(t, m))) {
		tr_diverged(t, rc != 0 ? err : NULL);
		tr_restored(t, d, m);
		return -1;
	}
	if (rc != 0 && !tr_stopping(t)) {
		tr_message(t, "%s", err);
		tr_set_state(t, TRAINER_FAILED);
		return -1;
	}
	return 0;
}

/* The metrics of the validated model on the held-out side. */
static void tr_measure(struct trainer *t, struct tr_data *d,
		       const struct model *m)
{
	struct eval_opts o;
	struct eval_metrics r;

	tr_set_state(t, TRAINER_MEASURING);
	eval_opts_default(&o, &t->cat->scale);
	o.threads = t->cfg.params.threads > 0 ? t->cfg.params.threads : 1;
	eval_model(m, d->tm, &d->valid, d->view, &o, &r);
	r.fit_seconds = m->fit_seconds;
	r.epoch_seconds = m->epoch_seconds;
	pthread_mutex_lock(&t->lock);
	t->st.metrics = r;
	t->st.has_metrics = true;
	pthread_mutex_unlock(&t->lock);
}

/* "valid_rmse=0.8612 mae=0.6601" in the C locale, for the model file. */
static void tr_metrics_line(const struct eval_metrics *r, char *buf,
			    size_t n)
{
	locale_t c = trainer_c_locale(), old = (locale_t)0;

	buf[0] = '\0';
	if (!r->scored_pairs)
		return;
	if (c)
		old = uselocale(c);
	xsnprintf(buf, n, "valid_rmse=%.4f mae=%.4f", r->rmse, r->mae);
	if (c)
		uselocale(old);
}

/* Refit on every rating with the same settings and save it where
 * Search looks; the held-out metrics go into the file. */
static void tr_deploy(struct trainer *t)
{
	struct model *m = model_new(t->cfg.kind, &t->cfg.params);
	char err[512];
	int rc;

	tr_set_state(t, TRAINER_DEPLOYING);
	m->cancel = &t->cancel;
	rc = recs_fit(m, t->cat, tr_on_deploy_epoch, t, err, sizeof err);
	if (rc == 0 && tr_stopping(t)) {
		tr_message(t, "%s", _("stopped while deploying: the model "
				      "in use was kept"));
		rc = 1;
	} else if (rc != 0) {
		tr_message(t, _("not deployed: %s"), err);
	}
	if (rc == 0) {
		pthread_mutex_lock(&t->lock);
		tr_metrics_line(&t->st.metrics, m->metrics, sizeof m->metrics);
		pthread_mutex_unlock(&t->lock);
		rc = model_save(m, t->path, err, sizeof err);
		if (rc != 0)
			tr_message(t, _("not saved: %s"), err);
	}
	pthread_mutex_lock(&t->lock);
	t->st.saved = rc == 0;
	pthread_mutex_unlock(&t->lock);
	if (rc == 0)
		recs_deployed(t->cfg.kind);
	model_free(m);
}

/* The end state of a run that was not diverged or failed. */
static void tr_finish(struct trainer *t)
{
	pthread_mutex_lock(&t->lock);
	if (t->stop && !trainer_state_final(t->st.state)) {
		t->st.state = TRAINER_STOPPED;
		t->st.stop_seconds = util_now() - t->stop_asked;
		if (!t->st.message[0])
			xsnprintf(t->st.message, sizeof t->st.message,
				  _("stopped at epoch %d of %d: nothing was "
				    "measured or saved"), t->st.epoch,
				  t->cfg.params.epochs);
	} else if (!trainer_state_final(t->st.state)) {
		t->st.state = TRAINER_DONE;
	}
	t->st.seconds = util_now() - t->t0;
	pthread_mutex_unlock(&t->lock);
}

/* The worker: prepare, fit, measure, deploy. */
static void *tr_main(void *arg)
{
	struct trainer *t = arg;
	struct tr_data d;
	struct model *m = NULL;

	/* Linux: the thread's own nice value, inherited by the threads it
	 * starts; failing only leaves the run at the screen's priority */
	(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid),
			  TRAINER_NICE);
	if (tr_prepare(t, &d) != 0) {
		tr_set_state(t, TRAINER_FAILED);
		return NULL;
	}
	m = model_new(t->cfg.kind, &t->cfg.params);
	if (!m) {
		tr_message(t, _("model %s is not in this build"),
			   model_kind_name(t->cfg.kind));
		tr_set_state(t, TRAINER_FAILED);
	} else if (tr_fit(t, &d, m) == 0 && !tr_stopping(t)) {
		tr_measure(t, &d, m);
		if (t->cfg.deploy && !tr_stopping(t))
			tr_deploy(t);
	}
	model_free(m);
	tr_data_free(&d);
	tr_finish(t);
	log_msg("trainer: %s %s after %.2f s%s", model_kind_name(t->cfg.kind),
		trainer_state_name(t->st.state), t->st.seconds,
		t->st.stop_seconds > 0 ? " (stop asked)" : "");
	return NULL;
}

/* Free a run's memory (the thread has ended or never started). */
static void tr_free_mem(struct trainer *t)
{
	if (t->has_res)
		regress_result_free(&t->res);
	tune_result_free(&t->gres);
	free(t->target);
	free(t->features);
	pthread_cond_destroy(&t->wake);
	pthread_mutex_destroy(&t->lock);
	free(t->path);
	free(t->ev);
	free(t);
}

/* Start t's thread on main, the status "preparing" (t->cfg.kind and
 * t->grid set); NULL (t freed) with err when the thread cannot start. */
static struct trainer *tr_launch(struct trainer *t, void *(*main)(void *),
				 char *err, size_t errlen)
{
	int rc;

	atomic_init(&t->cancel, false);
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->wake, NULL);
	t->st.state = TRAINER_PREPARING;
	t->st.kind = t->cfg.kind;
	t->t0 = util_now();
	rc = pthread_create(&t->thread, NULL, main, t);
	if (rc != 0) {
		xsnprintf(err, errlen, t->grid
			  ? _("cannot start the tuning thread: %s")
			  : _("cannot start the training thread: %s"),
			  strerror(rc));
		tr_free_mem(t);
		return NULL;
	}
	return t;
}

/* Start a run (see trainer.h). */
struct trainer *trainer_start(const struct catalog *cat,
			      const struct trainer_config *c, char *err,
			      size_t errlen)
{
	struct trainer_check chk;
	struct trainer *t;

	trainer_check(c->kind, &c->params, cat, &chk);
	if (chk.n_errors) {
		xsnprintf(err, errlen, "%s", chk.errors[0]);
		return NULL;
	}
	t = xcalloc(1, sizeof *t);
	t->cat = cat;
	t->cfg = *c;
	t->path = c->model_path ? xstrdup(c->model_path)
				: recs_model_path(cat, c->kind, err, errlen);
	if (!t->path) {
		free(t);
		return NULL;
	}
	t->cfg.model_path = t->path;
	t->st.epochs = c->params.epochs;
	xsnprintf(t->st.path, sizeof t->st.path, "%s", t->path);
	return tr_launch(t, tr_main, err, errlen);
}

/* A copy of the status. */
void trainer_status(struct trainer *t, struct trainer_status *out)
{
	pthread_mutex_lock(&t->lock);
	*out = t->st;
	out->pause_asked = t->pause;
	if (!trainer_state_final(out->state))
		out->seconds = util_now() - t->t0;
	pthread_mutex_unlock(&t->lock);
}

/* Copy events [from, from + n) that exist. */
size_t trainer_events(struct trainer *t, size_t from,
		      struct trainer_event *out, size_t n)
{
	size_t k = 0;

	pthread_mutex_lock(&t->lock);
	if (from < t->n_ev) {
		k = t->n_ev - from < n ? t->n_ev - from : n;
		memcpy(out, t->ev + from, k * sizeof *out);
	}
	pthread_mutex_unlock(&t->lock);
	return k;
}

/* Pause at the end of the epoch, or resume. */
void trainer_pause(struct trainer *t, bool pause)
{
	pthread_mutex_lock(&t->lock);
	t->pause = pause;
	pthread_cond_broadcast(&t->wake);
	pthread_mutex_unlock(&t->lock);
}

/* Ask the run to stop (returns at once). */
void trainer_stop(struct trainer *t)
{
	pthread_mutex_lock(&t->lock);
	if (!t->stop && !trainer_state_final(t->st.state)) {
		t->stop = true;
		t->stop_asked = util_now();
	}
	pthread_cond_broadcast(&t->wake);
	pthread_mutex_unlock(&t->lock);
	atomic_store(&t->cancel, true);
}

/* Stop, wait for the worker and free. */
void trainer_free(struct trainer *t)
{
	if (!t)
		return;
	trainer_stop(t);
	pthread_join(t->thread, NULL);
	tr_free_mem(t);
}

/* =====================================================================
 * The monitor
 * ===================================================================== */

/* The validation RMSE in a model's metrics line ("valid_rmse=0.8612"). */
static bool saved_rmse(const char *metrics, double *out)
{
	const char *p = strstr(metrics, "valid_rmse=");
	char *end;
	double v;

	if (!p || !trainer_c_locale())
		return false;
	p += strlen("valid_rmse=");
	v = strtod_l(p, &end, trainer_c_locale());
	if (end == p || !isfinite(v))
		return false;
	*out = v;
	return true;
}

/* Your ratings split at the model's date: before (folded in, items
 * ascending) and after (to predict). */
struct you_split {
	uint32_t *old_idx, *new_idx;
	float *old_val, *new_val;
	size_t n_old, n_new;
};

/* Compare two (item, value) pairs by item. */
static int cmp_item_val(const void *a, const void *b)
{
	const uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Split your ratings at time when. */
static void you_split(const struct catalog *cat, const struct profile *p,
		      int64_t when, struct you_split *s)
{
	size_t n = profile_count(p);
	uint64_t *pairs = xmalloc((n ? n : 1) * sizeof *pairs);

	memset(s, 0, sizeof *s);
	s->old_idx = xmalloc((n ? n : 1) * sizeof *s->old_idx);
	s->old_val = xmalloc((n ? n : 1) * sizeof *s->old_val);
	s->new_idx = xmalloc((n ? n : 1) * sizeof *s->new_idx);
	s->new_val = xmalloc((n ? n : 1) * sizeof *s->new_val);
	for (size_t q = 0; q < n; q++) {
		struct profile_entry pe = profile_entry_at(p, q);
		uint32_t i = catalog_find_id(cat, pe.item_id);
		float v = (float)pe.value;
		uint32_t bits;

		if (i == INTERN_NONE)
			continue;
		if (pe.when > when) {
			s->new_idx[s->n_new] = i;
			s->new_val[s->n_new++] = v;
			continue;
		}
		memcpy(&bits, &v, sizeof bits);
		pairs[s->n_old++] = (uint64_t)i << 32 | bits;
	}
	qsort(pairs, s->n_old, sizeof *pairs, cmp_item_val);
	for (size_t q = 0; q < s->n_old; q++) {
		uint32_t bits = (uint32_t)pairs[q];

		s->old_idx[q] = (uint32_t)(pairs[q] >> 32);
		memcpy(&s->old_val[q], &bits, sizeof bits);
	}
	free(pairs);
}

/* Free a you_split. */
static void you_split_free(struct you_split *s)
{
	free(s->old_idx);
	free(s->old_val);
	free(s->new_idx);
	free(s->new_val);
}

/* RMSE of m on your newer ratings, folded in on the older ones. */
static void monitor_drift(const struct model *m, const struct you_split *s,
			  struct trainer_monitor *out)
{
	struct rvec old = { s->n_old, s->old_idx, s->old_val };
	double sse = 0, pred;

	for (size_t q = 0; q < s->n_new; q++) {
		if (!model_predict(m, MODEL_NO_USER, &old, s->new_idx[q],
				   &pred) || !isfinite(pred))
			continue;
		sse += (pred - s->new_val[q]) * (pred - s->new_val[q]);
		out->drift_n++;
	}
	if (!out->drift_n)
		return;
	out->has_drift = true;
	out->your_rmse = sqrt(sse / (double)out->drift_n);
	out->drift = out->has_saved_rmse ? out->your_rmse - out->saved_rmse
					 : 0;
}

/* Append a reason to the monitor's why ("; "-separated). */
static void monitor_why(struct trainer_monitor *o, const char *s)
{
	size_t len = strlen(o->why);

	xsnprintf(o->why + len, sizeof o->why - len, "%s%s",
		  len ? "; " : "", s);
	o->retrain = true;
}

/* Whether a retrain is advised, and why. A month is when a catalogue
 * re-import or a taste that moved is likely; ten new ratings are about
 * what the onboarding list asks for twice; a drift of 0.1 RMSE is
 * larger than the spread of ALS across seeds and folds (about 0.01). */
static void monitor_advise(struct trainer_monitor *o)
{
	char buf[128];

	if (!o->loaded) {
		monitor_why(o, o->exists ? o->err : _("no saved model"));
		return;
	}
	if (o->age_seconds > TRAINER_STALE_DAYS * 86400.0) {
		xsnprintf(buf, sizeof buf, _("older than %d days"),
			  TRAINER_STALE_DAYS);
		monitor_why(o, buf);
	}
	if (o->since >= TRAINER_STALE_RATINGS) {
		xsnprintf(buf, sizeof buf, ngettext("%zu rating dated after "
						    "it",
						    "%zu ratings dated after "
						    "it", o->since), o->since);
		monitor_why(o, buf);
	}
	if (o->has_drift && o->has_saved_rmse &&
	    o->drift > TRAINER_STALE_DRIFT) {
		xsnprintf(buf, sizeof buf, _("drift +%.2f RMSE"), o->drift);
		monitor_why(o, buf);
	}
}

/* The monitor of kind k's saved model at time now. */
void trainer_monitor(const struct catalog *cat, const struct profile *prof,
		     enum model_kind k, const struct model *in_use,
		     const char *path, int64_t now,
		     struct trainer_monitor *out)
{
	char *own = path || in_use ? NULL
		    : recs_model_path(cat, k, out->err, sizeof out->err);
	const char *where = path ? path : own;
	struct model *loaded = NULL;
	const struct model *m = in_use;
	struct you_split s;

	memset(out, 0, sizeof *out);
	out->yours = prof ? profile_count(prof) : 0;
	out->exists = in_use || (where && access(where, F_OK) == 0);
	if (!in_use && out->exists)
		m = loaded = model_load(where, cat, out->err,
					sizeof out->err);
	free(own);
	if (m) {
		out->loaded = true;
		out->trained_at = m->trained_at;
		out->params = m->params;
		out->age_seconds = (double)(now - m->trained_at);
		out->has_saved_rmse = saved_rmse(m->metrics, &out->saved_rmse);
		if (prof) {
			you_split(cat, prof, m->trained_at, &s);
			out->since = s.n_new;
			monitor_drift(m, &s, out);
			you_split_free(&s);
		}
		model_free(loaded);
	}
	monitor_advise(out);
}

/* =====================================================================
 * A linear regression run
 * ===================================================================== */

/* The cost of each epoch, as an event; a non-zero answer stops. */
static int rg_on_epoch(void *ctx, unsigned epoch, double cost)
{
	struct trainer *t = ctx;
	struct trainer_event e = {
		.epoch = (int)epoch, .epochs = (int)t->rcfg.epochs,
		.train_loss = cost, .divergent = !isfinite(cost),
	};
	int stop;

	pthread_mutex_lock(&t->lock);
	tr_push(t, &e);
	t->st.epoch = (int)epoch;
	t->st.seconds = util_now() - t->t0;
	tr_hold(t);
	stop = t->stop;
	pthread_mutex_unlock(&t->lock);
	return stop;
}

/* The feature names of "a, b,c" (malloc'd array of pointers into s,
 * which is cut in place); *n their count, NULL when there are none. */
static const char **rg_split(char *s, size_t *n)
{
	const char **v = NULL;
	char *save = NULL;

	*n = 0;
	for (char *tok = strtok_r(s, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		for (char *e = tok + strlen(tok); e > tok && e[-1] == ' ';)
			*--e = '\0';
		if (!*tok)
			continue;
		v = xrealloc(v, (*n + 1) * sizeof *v);
		v[(*n)++] = tok;
	}
	return v;
}

/* What a diverged descent should change: a learning rate at most half
 * of this one, on the 1-2-5 steps of the form (the cost grows once lr
 * passes 2 / the Hessian's largest eigenvalue). */
static void rg_diverged(struct trainer *t)
{
	pthread_mutex_lock(&t->lock);
	xsnprintf(t->st.message, sizeof t->st.message,
		  _("Gradient descent diverged at epoch %u (the cost is not "
		    "finite); the weights of the last good epoch were kept. "
		    "Lower the learning rate (now %g, try %g)."),
		  t->res.epochs_run + 1, t->res.lr,
		  step_125(t->res.lr / 2 * (1 + 1e-6), -1));
	t->st.state = TRAINER_DIVERGED;
	pthread_mutex_unlock(&t->lock);
}

/* The regression worker: regress_fit with the epoch events. */
static void *rg_main(void *arg)
{
	struct trainer *t = arg;
	struct regress_opts o;
	struct report rep;
	char err[512];
	char *feat = t->features ? xstrdup(t->features) : NULL;
	size_t nf = 0;
	const char **fv = feat ? rg_split(feat, &nf) : NULL;
	int rc;

	(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid),
			  TRAINER_NICE);
	regress_opts_default(&o);
	o.target = t->target;
	o.features = nf ? fv : NULL;
	o.n_features = nf;
	o.epochs = t->rcfg.epochs;
	o.lr = t->rcfg.lr;
	tr_set_state(t, TRAINER_FITTING);
	rc = regress_fit(t->rcfg.table, &o, rg_on_epoch, t, &t->res, &rep,
			 err, sizeof err);
	report_free(&rep);
	free(fv);
	free(feat);
	if (rc != 0) {
		tr_message(t, "%s", err);
		tr_set_state(t, TRAINER_FAILED);
	} else {
		pthread_mutex_lock(&t->lock);
		t->has_res = true;
		pthread_mutex_unlock(&t->lock);
		if (t->res.diverged)
			rg_diverged(t);
	}
	tr_finish(t);
	return NULL;
}

/* Start a regression run (see trainer.h). */
struct trainer *trainer_regress_start(const struct trainer_regress_config *c,
				      char *err, size_t errlen)
{
	struct trainer *t = xcalloc(1, sizeof *t);
	int rc;

	t->regress = true;
	t->rcfg = *c;
	if (!t->rcfg.epochs)
		t->rcfg.epochs = REGRESS_EPOCHS;
	if (!(t->rcfg.lr >= 0))
		t->rcfg.lr = REGRESS_LR;
	t->target = xstrdup(c->target ? c->target : "");
	t->features = c->features && c->features[0] ? xstrdup(c->features)
						    : NULL;
	t->rcfg.target = t->target;
	t->rcfg.features = t->features;
	atomic_init(&t->cancel, false);
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->wake, NULL);
	t->st.state = TRAINER_PREPARING;
	t->st.epochs = (int)t->rcfg.epochs;
	t->t0 = util_now();
	rc = pthread_create(&t->thread, NULL, rg_main, t);
	if (rc != 0) {
		xsnprintf(err, errlen, _("cannot start the training thread: "
					 "%s"), strerror(rc));
		tr_free_mem(t);
		return NULL;
	}
	return t;
}

/* The fit, once the run has ended with one. */
const struct regress_result *trainer_regress_result(struct trainer *t)
{
	pthread_mutex_lock(&t->lock);
	bool ok = t->has_res && trainer_state_final(t->st.state);
	pthread_mutex_unlock(&t->lock);
	return ok ? &t->res : NULL;
}

/* =====================================================================
 * A tuning grid
 * ===================================================================== */

/* The form field of a grid setting. */
static enum trainer_field grid_field(enum tune_param p)
{
	static const enum trainer_field f[TP_COUNT] = {
		[TP_FACTORS] = TF_FACTORS, [TP_REG] = TF_REG,
		[TP_REG_BIAS] = TF_REG_BIAS, [TP_ALPHA] = TF_ALPHA,
		[TP_NEIGHBOURS] = TF_NEIGHBOURS, [TP_SHRINK] = TF_SHRINK,
		[TP_EPOCHS] = TF_EPOCHS,
	};
	return (unsigned)p < TP_COUNT ? f[p] : TF_COUNT;
}

/* Set axis a to param p with the n values v. */
static void grid_axis_set(struct tune_axis *a, enum tune_param p,
			  const double *v, size_t n)
{
	a->param = p;
	a->n = n;
	memcpy(a->values, v, n * sizeof *v);
}

/* The grid the form starts with (see trainer.h): about the defaults of
 * model.c, a factor of two or three apart. */
bool trainer_grid_default(enum model_kind k, struct tune_grid *g)
{
	static const double factors[] = { 16, 32, 64 };
	static const double reg[] = { 0.05, 0.1, 0.2 };
	static const double nb[] = { 10, 20, 40 };
	static const double shrink[] = { 0, 10, 100 };
	static const double reg_bias[] = { 1, 5, 25 };
	static const double epochs[] = { 5, 10, 20 };

	memset(g, 0, sizeof *g);
	switch (k) {
	case MODEL_ALS: case MODEL_IALS:
		grid_axis_set(&g->axis[0], TP_FACTORS, factors, 3);
		grid_axis_set(&g->axis[1], TP_REG, reg, 3);
		return true;
	case MODEL_USER_KNN: case MODEL_ITEM_KNN:
		grid_axis_set(&g->axis[0], TP_NEIGHBOURS, nb, 3);
		grid_axis_set(&g->axis[1], TP_SHRINK, shrink, 3);
		return true;
	case MODEL_BASELINE:
		grid_axis_set(&g->axis[0], TP_REG_BIAS, reg_bias, 3);
		grid_axis_set(&g->axis[1], TP_EPOCHS, epochs, 3);
		return true;
	default:
		return false;
	}
}

/* "factors=16,32,64" (tune_value_text for each value). */
void trainer_grid_axis_text(const struct tune_axis *a, char *buf, size_t n)
{
	char v[32];
	size_t len;

	xsnprintf(buf, n, "%s=", tune_param_name(a->param));
	for (size_t q = 0; q < a->n; q++) {
		len = strlen(buf);
		xsnprintf(buf + len, n - len, "%s%s", q ? "," : "",
			  tune_value_text(a->param, a->values[q], v,
					  sizeof v));
	}
}

/* Parse a typed axis with tune's own parser: the text and the other
 * axis make a whole grid, which also refuses a setting named twice. */
int trainer_grid_axis_parse(const char *text, const struct tune_axis *other,
			    struct tune_axis *a, char *err, size_t errlen)
{
	char spec[512], o[256];
	struct tune_grid g;

	while (*text == ' ')
		text++;
	trainer_grid_axis_text(other, o, sizeof o);
	xsnprintf(spec, sizeof spec, "%s;%s", text, o);
	if (strchr(text, ';')) {
		xsnprintf(err, errlen, "%s", _("one setting per axis, as in "
			  "factors=16,32,64"));
		return -1;
	}
	if (tune_grid_parse(spec, &g, err, errlen) != 0)
		return -1;
	*a = g.axis[0];
	return 0;
}

/* -1 with a message when the grid does not suit kind k's form or a
 * cell's settings would be refused by trainer_check. */
static int grid_check(const struct catalog *cat,
		      const struct trainer_grid_config *c, char *err,
		      size_t errlen)
{
	enum trainer_field f[TF_COUNT];
	size_t nf = trainer_fields(c->kind, f);
	char v0[32], v1[32];

	for (int a = 0; a < 2; a++) {
		enum trainer_field want = grid_field(c->grid.axis[a].param);
		bool found = false;

		for (size_t q = 0; q < nf; q++)
			found |= f[q] == want;
		if (!found || !c->grid.axis[a].n) {
			xsnprintf(err, errlen, _("%s has no setting %s to "
				  "tune"), model_kind_label(c->kind),
				  tune_param_name(c->grid.axis[a].param));
			return -1;
		}
	}
	for (size_t i = 0; i < c->grid.axis[0].n; i++)
		for (size_t j = 0; j < c->grid.axis[1].n; j++) {
			const struct tune_axis *r = &c->grid.axis[0];
			const struct tune_axis *k = &c->grid.axis[1];
			struct model_params p = c->base;
			struct trainer_check chk;

			tune_param_apply(&p, r->param, r->values[i]);
			tune_param_apply(&p, k->param, k->values[j]);
			trainer_check(c->kind, &p, cat, &chk);
			if (!chk.n_errors)
				continue;
			xsnprintf(err, errlen, _("cell %s=%s, %s=%s: %s"),
				  tune_param_name(r->param),
				  tune_value_text(r->param, r->values[i], v0,
						  sizeof v0),
				  tune_param_name(k->param),
				  tune_value_text(k->param, k->values[j], v1,
						  sizeof v1), chk.errors[0]);
			return -1;
		}
	return 0;
}

/* Copy a result (its cells duplicated). */
static void grid_copy(struct tune_result *to, const struct tune_result *from)
{
	size_t n = from->rows * from->cols;

	*to = *from;
	to->cells = NULL;
	if (from->cells) {
		to->cells = xmalloc((n ? n : 1) * sizeof *to->cells);
		memcpy(to->cells, from->cells, n * sizeof *to->cells);
	}
}

/* Publish r (lock held): its cells and which fit comes next. */
static void grid_publish(struct trainer *t, const struct tune_result *r)
{
	int folds = r->folds > 0 ? r->folds : 1;
	size_t cells = r->rows * r->cols;

	tune_result_free(&t->gres);
	grid_copy(&t->gres, r);
	t->st.grid_done = r->runs_done;
	t->st.grid_total = r->runs_total;
	t->st.grid_cells = cells;
	t->st.grid_folds = folds;
	if (r->runs_done < r->runs_total) {
		t->st.grid_cell = r->runs_done / (size_t)folds + 1;
		t->st.grid_fold = (int)(r->runs_done % (size_t)folds) + 1;
	}
	t->st.seconds = util_now() - t->t0;
}

/* tune_run's progress, after each fold fit (on the worker). */
static void grid_on_progress(void *ctx, const struct tune_result *r)
{
	struct trainer *t = ctx;

	pthread_mutex_lock(&t->lock);
	grid_publish(t, r);
	pthread_mutex_unlock(&t->lock);
}

/* The message of a grid that ended: its best cell, or why none. */
static void grid_end_message(struct trainer *t, const struct tune_result *r)
{
	char a[32], b[32], metric[32];

	xsnprintf(metric, sizeof metric, r->ranking ? "NDCG@%d" : "RMSE",
		  r->k);
	if (r->cancelled) {
		tr_message(t, _("grid stopped at cell %zu of %zu: the cells "
				"measured are kept"), t->st.grid_cell,
			   r->rows * r->cols);
	} else if (r->has_best) {
		const struct tune_cell *c = tune_cell_at(r, r->best_row,
							 r->best_col);
		const struct tune_axis *x = &r->grid.axis[0];
		const struct tune_axis *y = &r->grid.axis[1];

		tr_message(t, _("best: %s=%s, %s=%s (%s %.4f)"),
			   tune_param_name(x->param),
			   tune_value_text(x->param, x->values[r->best_row],
					   a, sizeof a),
			   tune_param_name(y->param),
			   tune_value_text(y->param, y->values[r->best_col],
					   b, sizeof b),
			   metric, c->mean);
	} else {
		for (size_t q = 0; q < r->rows * r->cols; q++)
			if (r->cells[q].err[0]) {
				tr_message(t, _("no cell was measured: %s"),
					   r->cells[q].err);
				return;
			}
		tr_message(t, "%s", _("no cell was measured"));
	}
}

/* The grid worker: the ratings, then tune_run. */
static void *grid_main(void *arg)
{
	struct trainer *t = arg;
	struct eval_data ed;
	struct tune_opts o;
	struct tune_result r;
	char err[512];
	int rc;

	(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid),
			  TRAINER_NICE);
	if (eval_data_from_catalog(&ed, t->cat, false, err, sizeof err)
	    != 0) {
		tr_message(t, "%s", err);
		tr_set_state(t, TRAINER_FAILED);
		return NULL;
	}
	tune_opts_default(&o, t->gcfg.kind, &t->cat->scale);
	o.base = t->gcfg.base;
	if (t->gcfg.folds)
		o.folds = t->gcfg.folds;
	if (t->gcfg.seed)
		o.seed = t->gcfg.seed;
	if (o.base.threads > 0)
		o.eval.threads = o.base.threads;
	tr_set_state(t, TRAINER_FITTING);
	rc = tune_run(t->cat, &ed.all, &o, &t->gcfg.grid, grid_on_progress,
		      t, &t->cancel, &r, err, sizeof err);
	eval_data_free(&ed);
	if (rc != 0) {
		tr_message(t, "%s", err);
		tr_set_state(t, TRAINER_FAILED);
		return NULL;
	}
	pthread_mutex_lock(&t->lock);
	grid_publish(t, &r);
	pthread_mutex_unlock(&t->lock);
	grid_end_message(t, &r);
	tr_set_state(t, r.cancelled ? TRAINER_STOPPED
		     : r.has_best ? TRAINER_DONE : TRAINER_FAILED);
	log_msg("trainer: grid of %s %s after %zu/%zu fits, %.2f s",
		model_kind_name(t->gcfg.kind), trainer_state_name(
		t->st.state), r.runs_done, r.runs_total, t->st.seconds);
	tune_result_free(&r);
	return NULL;
}

/* Start a grid (see trainer.h). */
struct trainer *trainer_grid_start(const struct catalog *cat,
				   const struct trainer_grid_config *c,
				   char *err, size_t errlen)
{
	struct trainer *t;

	if (grid_check(cat, c, err, errlen) != 0)
		return NULL;
	t = xcalloc(1, sizeof *t);
	t->grid = true;
	t->cat = cat;
	t->gcfg = *c;
	t->cfg.kind = c->kind;
	t->cfg.params = c->base;
	t->st.grid_cells = c->grid.axis[0].n * c->grid.axis[1].n;
	t->st.grid_folds = c->folds ? c->folds : TUNE_FOLDS;
	t->st.grid_total = t->st.grid_cells * (size_t)t->st.grid_folds;
	return tr_launch(t, grid_main, err, errlen);
}

/* A copy of the grid's result so far. */
bool trainer_grid_result(struct trainer *t, struct tune_result *out)
{
	memset(out, 0, sizeof *out);
	if (!t->grid)
		return false;
	pthread_mutex_lock(&t->lock);
	grid_copy(out, &t->gres);
	pthread_mutex_unlock(&t->lock);
	return true;
}
