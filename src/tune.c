/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tune: the grid search (see tune.h). Each cell runs eval_run once per
 * fold; the cancel flag reaches the fit under way through eval_opts
 * (model.h m->cancel), so a cancel lands within an epoch. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "tune.h"
#include "util.h"

/* A setting: its names, its range and whether it is a whole number. */
struct param_def {
	const char *name, *alias;
	double lo, hi;
	bool whole;
};

static const struct param_def params[TP_COUNT] = {
	[TP_FACTORS] = { "factors", "k", 1, 1024, true },
	[TP_REG] = { "reg", "lambda", 0, 1e6, false },
	[TP_REG_BIAS] = { "reg_bias", NULL, 0, 1e6, false },
	[TP_ALPHA] = { "alpha", NULL, 1e-9, 1e6, false },
	[TP_NEIGHBOURS] = { "neighbours", "neighbors", 1, 100000, true },
	[TP_SHRINK] = { "shrink", NULL, 0, 1e9, false },
	[TP_EPOCHS] = { "epochs", NULL, 1, 10000, true },
};

/* Which settings each kind reads. */
static const bool kind_uses[MODEL_KIND_COUNT][TP_COUNT] = {
	[MODEL_BASELINE] = { [TP_REG] = true, [TP_REG_BIAS] = true,
			     [TP_EPOCHS] = true },
	[MODEL_USER_KNN] = { [TP_NEIGHBOURS] = true, [TP_SHRINK] = true },
	[MODEL_ITEM_KNN] = { [TP_NEIGHBOURS] = true, [TP_SHRINK] = true },
	[MODEL_ALS] = { [TP_FACTORS] = true, [TP_REG] = true,
			[TP_REG_BIAS] = true, [TP_EPOCHS] = true },
	[MODEL_IALS] = { [TP_FACTORS] = true, [TP_REG] = true,
			 [TP_ALPHA] = true, [TP_EPOCHS] = true },
	[MODEL_HYBRID] = { [TP_FACTORS] = true, [TP_REG] = true,
			   [TP_REG_BIAS] = true, [TP_EPOCHS] = true,
			   [TP_NEIGHBOURS] = true, [TP_SHRINK] = true },
};

const char *tune_param_name(enum tune_param p)
{
	return (unsigned)p < TP_COUNT ? params[p].name : "?";
}

/* Set one setting of p. */
void tune_param_apply(struct model_params *p, enum tune_param which,
		      double v)
{
	int whole = (int)lround(v);

	switch (which) {
	case TP_FACTORS: p->factors = whole; break;
	case TP_REG: p->reg = v; break;
	case TP_REG_BIAS: p->reg_bias = v; break;
	case TP_ALPHA: p->alpha = v; break;
	case TP_NEIGHBOURS: p->neighbours = whole; break;
	case TP_SHRINK: p->shrink = v; break;
	case TP_EPOCHS: p->epochs = whole; break;
	default: break;
	}
}

char *tune_value_text(enum tune_param which, double v, char *buf,
		      size_t len)
{
	(void)which;
	xsnprintf(buf, len, "%.6g", v);
	return buf;
}

/* The setting called name (or its alias); false when there is none. */
static bool param_find(const char *name, enum tune_param *out)
{
	for (int p = 0; p < TP_COUNT; p++)
		if (strcmp(params[p].name, name) == 0 || (params[p].alias
		    && strcmp(params[p].alias, name) == 0)) {
			*out = (enum tune_param)p;
			return true;
		}
	return false;
}

/* The values "16,32,64" of setting p into a; -1 with a message. */
static int parse_values(char *list, enum tune_param p, struct tune_axis *a,
			char *err, size_t errlen)
{
	const struct param_def *d = &params[p];
	char *next = list;

	a->param = p;
	a->n = 0;
	/* every comma separates a value ("16,,32" has an empty one, which
	 * is refused, not skipped); spaces around a value are fine */
	while (next) {
		char *w = next, *comma = strchr(w, ','), *end;
		double v;

		if (comma)
			*comma = '\0';
		next = comma ? comma + 1 : NULL;
		w = text_trim(w);
		errno = 0;
		v = strtod(w, &end);
		if (errno || end == w || *end || !isfinite(v) || v < d->lo
		    || v > d->hi || (d->whole && v != floor(v))) {
			xsnprintf(err, errlen, d->whole ? _("%s takes whole "
				  "numbers from %g to %g, not '%s'")
				  : _("%s takes numbers from %g to %g, not "
				      "'%s'"), d->name, d->lo, d->hi, w);
			return -1;
		}
		if (a->n == TUNE_MAX_VALUES) {
			xsnprintf(err, errlen, _("at most %d values of %s"),
				  TUNE_MAX_VALUES, d->name);
			return -1;
		}
		a->values[a->n++] = v;
	}
	if (!a->n) {
		xsnprintf(err, errlen, _("%s has no values"), d->name);
		return -1;
	}
	return 0;
}

/* One "name=v,v" part into axis a; -1 with a message. */
static int parse_axis(char *part, struct tune_axis *a, char *err,
		      size_t errlen)
{
	char *eq = strchr(part, '=');
	enum tune_param p;

	if (!eq) {
		xsnprintf(err, errlen, _("'%s' is not setting=values"), part);
		return -1;
	}
	*eq = '\0';
	if (!param_find(part, &p)) {
		xsnprintf(err, errlen, _("unknown setting '%s' (factors, reg, "
			  "reg_bias, alpha, neighbours, shrink, epochs)"),
			  part);
		return -1;
	}
	return parse_values(eq + 1, p, a, err, errlen);
}

/* Parse a grid (tune.h). */
int tune_grid_parse(const char *spec, struct tune_grid *g, char *err,
		    size_t errlen)
{
	char *copy = xstrdup(spec ? spec : ""), *save = NULL;
	size_t n = 0;
	int rc = 0;

	memset(g, 0, sizeof *g);
	for (char *part = strtok_r(copy, ";", &save); part && rc == 0;
	     part = strtok_r(NULL, ";", &save)) {
		if (n == 2) {
			n++;
			break;
		}
		rc = parse_axis(part, &g->axis[n++], err, errlen);
	}
	free(copy);
	if (rc == 0 && n != 2) {
		xsnprintf(err, errlen, _("a grid takes two settings, as in "
			  "'factors=16,32,64;reg=0.05,0.1,0.2'"));
		rc = -1;
	}
	if (rc == 0 && g->axis[0].param == g->axis[1].param) {
		xsnprintf(err, errlen, _("the grid names %s twice"),
			  tune_param_name(g->axis[0].param));
		rc = -1;
	}
	return rc;
}

void tune_opts_default(struct tune_opts *o, enum model_kind kind,
		       const struct scale *sc)
{
	memset(o, 0, sizeof *o);
	o->kind = kind;
	model_params_default(kind, &o->base);
	o->folds = TUNE_FOLDS;
	o->seed = 1;
	eval_opts_default(&o->eval, sc);
}

const struct tune_cell *tune_cell_at(const struct tune_result *r, size_t i,
				     size_t j)
{
	return i < r->rows && j < r->cols ? &r->cells[i * r->cols + j] : NULL;
}

/* -1 with a message when the kind does not read a setting of g. */
static int check_kind(const struct tune_grid *g, enum model_kind kind,
		      char *err, size_t errlen)
{
	for (int a = 0; a < 2; a++)
		if (!kind_uses[kind][g->axis[a].param]) {
			xsnprintf(err, errlen, _("%s does not use the setting "
				  "%s"), model_kind_name(kind),
				  tune_param_name(g->axis[a].param));
			return -1;
		}
	return 0;
}

/* The metric of one fold; false when the fold has none. */
static bool fold_metric(const struct tune_result *r,
			const struct eval_metrics *m, double *v)
{
	if (r->ranking) {
		*v = m->ndcg;
		return m->ranked_users > 0;
	}
	*v = m->rmse;
	return m->scored_pairs > 0;
}

/* Measure cell (i, j) over the folds; a cancel sets r->cancelled. */
static void run_cell(struct tune_result *r, const struct tune_opts *o,
		     const struct catalog *cat, const struct triplets *train,
		     const struct triplets *test, size_t i, size_t j,
		     tune_progress_fn fn, void *ctx,
		     const atomic_bool *cancel)
{
	struct tune_cell *c = &r->cells[i * r->cols + j];
	struct model_params p = o->base;
	double sum = 0, ss = 0, *v = xcalloc((size_t)r->folds, sizeof *v);
	int ok = 0;

	tune_param_apply(&p, r->grid.axis[0].param,
			 r->grid.axis[0].values[i]);
	tune_param_apply(&p, r->grid.axis[1].param,
			 r->grid.axis[1].values[j]);
	for (int f = 0; f < r->folds; f++) {
		struct eval_metrics m;
		char err[160] = "";

		if (cancel && atomic_load(cancel)) {
			r->cancelled = true;
			break;
		}
		if (eval_run(o->kind, &p, cat, &train[f], &test[f], &o->eval,
			     &m, err, sizeof err) != 0) {
			if (cancel && atomic_load(cancel)) {
				r->cancelled = true;
				break;
			}
			xsnprintf(c->err, sizeof c->err, "%s", err);
		}
		else if (fold_metric(r, &m, &v[ok]))
			ok++, c->seconds += m.fit_seconds + m.eval_seconds;
		else
			xsnprintf(c->err, sizeof c->err, r->ranking
				  ? _("no user to rank in a fold")
				  : _("no warm test pair in a fold"));
		r->runs_done++;
		if (fn)
			fn(ctx, r);
	}
	c->valid = ok == r->folds;
	for (int f = 0; f < ok; f++)
		sum += v[f];
	c->mean = ok ? sum / ok : NAN;
	for (int f = 0; f < ok; f++)
		ss += (v[f] - c->mean) * (v[f] - c->mean);
	c->sd = ok > 1 ? sqrt(ss / (ok - 1)) : 0;
	free(v);
}

/* The best valid cell: lowest RMSE or highest NDCG, the first on ties. */
static void find_best(struct tune_result *r)
{
	for (size_t i = 0; i < r->rows; i++)
		for (size_t j = 0; j < r->cols; j++) {
			const struct tune_cell *c = tune_cell_at(r, i, j);
			const struct tune_cell *b;

			if (!c->valid)
				continue;
			b = r->has_best ? tune_cell_at(r, r->best_row,
						       r->best_col) : NULL;
			if (!b || (r->ranking ? c->mean > b->mean
					      : c->mean < b->mean)) {
				r->has_best = true;
				r->best_row = i;
				r->best_col = j;
			}
		}
}

/* Run the grid (tune.h). */
int tune_run(const struct catalog *cat, const struct triplets *all,
	     const struct tune_opts *o, const struct tune_grid *g,
	     tune_progress_fn fn, void *ctx, const atomic_bool *cancel,
	     struct tune_result *out, char *err, size_t errlen)
{
	struct triplets *train, *test;
	struct tune_opts opts = *o;

	memset(out, 0, sizeof *out);
	if ((unsigned)o->kind >= MODEL_KIND_COUNT
	    || check_kind(g, o->kind, err, errlen) != 0)
		return -1;
	if (o->folds < 2 || all->n < (size_t)o->folds) {
		xsnprintf(err, errlen, _("%zu ratings cannot make %d folds"),
			  all->n, o->folds);
		return -1;
	}
	out->grid = *g;
	out->kind = o->kind;
	out->ranking = o->kind == MODEL_IALS;
	out->k = o->eval.k;
	out->folds = o->folds;
	out->seed = o->seed;
	out->rows = g->axis[0].n;
	out->cols = g->axis[1].n;
	out->cells = xcalloc(out->rows * out->cols, sizeof *out->cells);
	out->runs_total = out->rows * out->cols * (size_t)o->folds;
	opts.eval.ranking = out->ranking;
	opts.eval.cancel = cancel;     /* a fit under way stops too */
	train = xcalloc((size_t)o->folds, sizeof *train);
	test = xcalloc((size_t)o->folds, sizeof *test);
	for (int f = 0; f < o->folds; f++)
		eval_split_kfold(all, o->folds, f, o->seed, &train[f],
				 &test[f]);
	for (size_t i = 0; i < out->rows && !out->cancelled; i++)
		for (size_t j = 0; j < out->cols && !out->cancelled; j++)
			run_cell(out, &opts, cat, train, test, i, j, fn, ctx,
				 cancel);
	find_best(out);
	for (int f = 0; f < o->folds; f++) {
		triplets_free(&train[f]);
		triplets_free(&test[f]);
	}
	free(train);
	free(test);
	return 0;
}

void tune_result_free(struct tune_result *r)
{
	free(r->cells);
	memset(r, 0, sizeof *r);
}
