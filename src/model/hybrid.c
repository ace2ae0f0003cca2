/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hybrid: a learned blend of the collaborative models (explicit ALS and
 * item-kNN) and the content model, which shifts to content for users and
 * items with few ratings, with MMR re-ranking for diversity.
 *
 * Prediction, with cf, kn and ct the parts' predictions and
 *     w = n_u / (n_u + n0) * n_i / (n_i + n0)
 * the collaborative weight (0 for an item nobody rated, so it is scored
 * by content alone, case 02):
 *     r^ = w (a0 + a_cf cf + a_kn kn + a_ct ct) + (1 - w)(b0 + b_ct ct)
 * ALS and item-kNN err differently (global factors, local neighbours),
 * which is what a blend feeds on. When kNN cannot score a pair ALS can,
 * kn takes cf's value; when content cannot, ALS alone is used; when the
 * collaborative parts cannot, the content line b0 + b_ct ct. A user with
 * no ratings at all gets the documented fallback mu + b_i, the item's
 * regularised mean, so a cold user sees well-liked popular items rather
 * than nothing.
 *
 * The weights are learned by least squares on held-out ratings, in two
 * stages so the content line is pinned by data and not a by-product of
 * the split: first b0, b_ct on every held-out row content can score,
 * then a0, a_cf, a_kn, a_ct on the rows ALS and content score, fitting
 * the residual y - (1 - w)(b0 + b_ct ct) with features w, w cf, w kn,
 * w ct. n0, the number of ratings at which a side gives the
 * collaborative part half its say, is chosen on the same rows from a
 * grid by RMSE (stage 2 refitted for each): a fixed n0 would pay for
 * cold-start safety with accuracy on warm pairs wherever content is
 * weak. The grid starts at 1, so the shift never switches off.
 *
 * Held-out rows are fit_data.valid when given. Otherwise 10% of the
 * training rows, chosen by a hash of (seed, user, item), are held out:
 * the parts are fitted on the other 90%, the weights learned on the
 * 10%, and the parts then refitted on all rows (no split when 10% would
 * be fewer than HYBRID_MIN_ROWS), the weights learned on an even spread
 * of at most HYBRID_LEARN_MAX of them. With fewer than HYBRID_MIN_ROWS
 * held-out rows the weights stay at their defaults (ALS alone, content
 * alone, n0 = HYBRID_N0).
 *
 * Lists rank by a score of their own, not by the predicted rating:
 * ordered by rating, the items everyone rates highly (their biases)
 * top every list, whoever asks (a horror fan's top 20 was The
 * Godfather, Dr. Strangelove and Casablanca, one horror film among
 * them), and precision@10 was a third of iALS's. score_all gives
 *     rank = (r^ - min)/(max - min) * s / n_i^0.5,
 * s the item-kNN support (the sum of the item's similarities to the
 * items the user liked, Deshpande and Karypis's item-based top-N)
 * and n_i its ratings: the support ties the item to this user's
 * liking, the discount keeps popularity from taking the list over, and
 * the prediction weighs what the user is expected to rate low down.
 * Items without support follow, by prediction. predict() is unchanged,
 * so RMSE is too; lists show the predicted rating beside each item.
 *
 * "You" reach the parts as given, signals too (model.h): explicit ALS
 * and item-kNN read the ratings alone, content adds the signals to your
 * profile. n_u, the w above, counts ratings only: having seen an item
 * says nothing of how you would rate the next one.
 *
 * similar() blends item-kNN's co-rating list (ALS factor cosines are
 * noisier: on ml-latest-small they put Billy Elliot and Secondhand Lions
 * among Toy Story's five nearest) and content's, each scaled so its
 * best is 1, with a collaborative share of HYBRID_SIM_CF * n/(n + n0),
 * n the query item's ratings, 0 below MODEL_SIM_MIN_RATINGS (so the
 * list of an item few have rated is content's),
 * and re-ranks them by maximal marginal relevance: score = (1 - lambda)
 * rel - lambda max sim(chosen), with lambda = params.diversity and sim
 * the content cosine, so diversity means variety of genres, creators
 * and tags. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_multifit.h>

#include "i18n.h"
#include "model/content.h"
#include "model/hybrid.h"
#include "model/kinds.h"
#include "model/knn.h"
#include "model/store.h"
#include "util.h"

#define HYBRID_VERSION 1
/* Share of training rows held out when no validation set is given. */
#define HYBRID_HOLD_SHARE 0.1
/* Fewer held-out rows than this leave the default weights. */
#define HYBRID_MIN_ROWS 30
/* At most this many held-out rows are scored to learn the 6 weights,
 * and no more than this much kNN work (ratings walked): plenty for the
 * weights, and it bounds the kNN predictions, most of a fit's time, on
 * big catalogues (on a 25 M one 10% is 2.5 M rows, each walking
 * thousands of rows). ML-100k and ml-latest-small stay whole. */
#define HYBRID_LEARN_MAX 50000
#define HYBRID_LEARN_WORK 2e9
/* Candidates taken from each part before blending and MMR: enough for
 * the re-ranking to have a choice, few enough to stay within a frame. */
#define HYBRID_POOL_MIN 50
#define HYBRID_POOL_FACTOR 4

/* The popularity discount of the ranking score: support / n^this, n
 * the item's ratings. Raw support favours the most rated films for
 * anyone (a horror fan's top 20 held 2 horror films); 0.5, the cosine's
 * own normalisation, leaves 8 and gains precision (bench/NOTES.md has
 * the measurements). */
#define HYBRID_RANK_POP 0.5

/* The collaborative share of a similar() list between two well-rated
 * items: item-item similarity has no held-out target to learn a blend
 * from, so the parts get an equal say, and items both agree on lead. */
#define HYBRID_SIM_CF 0.5

/* Candidate n0, the default first so that a tie keeps it. */
static const double hybrid_n0_grid[] = { HYBRID_N0, 1, 2, 10, 20, 50 };

struct hybrid {
	struct model *cf, *kn, *ct;   /* ALS, item-kNN, content */
	struct hybrid_weights w;
	double mu;
	float *bi;               /* item biases: the cold-user fallback */
	uint32_t *n_user, *n_item, *liked;
	uint32_t n_users, n_items;
	float like;
};

/* The parts' predictions for one pair, each with whether it exists. */
struct hy_parts {
	double cf, kn, ct;
	bool cf_ok, kn_ok, ct_ok;
};

/* One held-out row as the blend sees it. */
struct hy_row {
	double y, w;
	uint32_t nu, ni;         /* ratings of its user and item */
	struct hy_parts p;
};

/* A candidate of similar(): its collaborative similarity, scaled so
 * the part's best is 1, and whether the part listed it. */
struct hy_cand {
	uint32_t item;
	double cf;
	bool in_cf;
};

/* The cold-start weight of the collaborative part (hybrid.h). */
double hybrid_cf_weight(double n0, uint32_t n_user, uint32_t n_item)
{
	if (n_user == 0 || n_item == 0)
		return 0;
	return (n_user / (n_user + n0)) * (n_item / (n_item + n0));
}

/* Least squares through gsl_multifit_linear (hybrid.h). */
int hybrid_lsq(const double *x, const double *y, size_t n, size_t p,
	       double *beta)
{
	gsl_matrix *X;
	gsl_vector *Y, *c;
	gsl_matrix *cov;
	gsl_multifit_linear_workspace *ws;
	double chisq;
	int rc = 0;

	if (p == 0 || n < p)
		return -1;
	X = gsl_matrix_alloc(n, p);
	Y = gsl_vector_alloc(n);
	c = gsl_vector_alloc(p);
	cov = gsl_matrix_alloc(p, p);
	ws = gsl_multifit_linear_alloc(n, p);
	for (size_t r = 0; r < n; r++) {
		gsl_vector_set(Y, r, y[r]);
		for (size_t k = 0; k < p; k++)
			gsl_matrix_set(X, r, k, x[r * p + k]);
	}
	if (gsl_multifit_linear(X, Y, c, cov, &chisq, ws) != 0)
		rc = -1;
	for (size_t k = 0; k < p && rc == 0; k++) {
		beta[k] = gsl_vector_get(c, k);
		if (!isfinite(beta[k]))
			rc = -1;
	}
	gsl_multifit_linear_free(ws);
	gsl_matrix_free(cov);
	gsl_vector_free(c);
	gsl_vector_free(Y);
	gsl_matrix_free(X);
	return rc;
}

/* The learned blend (hybrid.h). */
bool hybrid_get_weights(const struct model *m, struct hybrid_weights *w)
{
	const struct hybrid *h = m->state;

	if (m->ops != &hybrid_ops || !h)
		return false;
	*w = h->w;
	return true;
}

/* The defaults: each part alone on its own line. */
static void hy_default_weights(struct hybrid_weights *w)
{
	memset(w, 0, sizeof *w);
	w->a_cf = 1;
	w->b_ct = 1;
	w->n0 = HYBRID_N0;
}

/* The blended prediction from whichever parts could score the pair. */
static bool hy_combine(const struct hybrid_weights *w,
		       const struct hy_parts *x, double wcf, double *out)
{
	double kn = x->kn_ok ? x->kn : x->cf, p;

	if (x->cf_ok && x->ct_ok)
		p = wcf * (w->a0 + w->a_cf * x->cf + w->a_kn * kn +
			   w->a_ct * x->ct) +
		    (1 - wcf) * (w->b0 + w->b_ct * x->ct);
	else if (x->cf_ok)
		p = x->cf;
	else if (x->ct_ok)
		p = w->b0 + w->b_ct * x->ct;
	else
		return false;
	if (!isfinite(p))
		return false;
	*out = p;
	return true;
}

/* Stage 1: the content line y = b0 + b_ct ct. */
static bool hy_learn_content(const struct hy_row *r, size_t n,
			     struct hybrid_weights *w)
{
	double *x = xmalloc((n ? n : 1) * 2 * sizeof *x);
	double *y = xmalloc((n ? n : 1) * sizeof *y);
	double beta[2];
	size_t m = 0;
	bool ok;

	for (size_t i = 0; i < n; i++)
		if (r[i].p.ct_ok) {
			x[2 * m] = 1;
			x[2 * m + 1] = r[i].p.ct;
			y[m++] = r[i].y;
		}
	ok = m >= HYBRID_MIN_ROWS && hybrid_lsq(x, y, m, 2, beta) == 0;
	if (ok) {
		w->b0 = beta[0];
		w->b_ct = beta[1];
		w->n_content = (uint32_t)m;
	}
	free(x);
	free(y);
	return ok;
}

/* Stage 2: the full part, fitted to what the content line leaves. */
static bool hy_learn_full(const struct hy_row *r, size_t n,
			  struct hybrid_weights *w)
{
	double *x = xmalloc((n ? n : 1) * 4 * sizeof *x);
	double *y = xmalloc((n ? n : 1) * sizeof *y);
	double beta[4];
	size_t m = 0;
	bool ok;

	for (size_t i = 0; i < n; i++) {
		const struct hy_parts *p = &r[i].p;

		if (!p->cf_ok || !p->ct_ok)
			continue;
		x[4 * m] = r[i].w;
		x[4 * m + 1] = r[i].w * p->cf;
		x[4 * m + 2] = r[i].w * (p->kn_ok ? p->kn : p->cf);
		x[4 * m + 3] = r[i].w * p->ct;
		y[m++] = r[i].y - (1 - r[i].w) * (w->b0 + w->b_ct * p->ct);
	}
	ok = m >= HYBRID_MIN_ROWS && hybrid_lsq(x, y, m, 4, beta) == 0;
	if (ok) {
		w->a0 = beta[0];
		w->a_cf = beta[1];
		w->a_kn = beta[2];
		w->a_ct = beta[3];
		w->n_full = (uint32_t)m;
	}
	free(x);
	free(y);
	return ok;
}

/* A part's score clamped to the scale, as model_predict clamps, so the
 * hybrid's score_all agrees with its predict. */
static double hy_clamp(const struct model *m, double v)
{
	if (m->scale.max > m->scale.min)
		v = fmin(fmax(v, m->scale.min), m->scale.max);
	return v;
}

/* A held-out row's place, for visiting the rows user by user. */
struct hy_ref {
	uint32_t user;
	size_t at;
};

/* By user, then by position. */
static int hy_ref_cmp(const void *pa, const void *pb)
{
	const struct hy_ref *a = pa, *b = pb;

	if (a->user != b->user)
		return (a->user > b->user) - (a->user < b->user);
	return (a->at > b->at) - (a->at < b->at);
}

/* Content scores of the rows refs[0..n), all of one user: one profile
 * and one pass over the items instead of a profile per row. */
static void hy_rows_content(const struct model *ct, const struct hy_ref *refs,
			    size_t n, const struct triplets *hold, float *buf,
			    struct hy_row *r)
{
	model_score_all(ct, refs[0].user, NULL, buf);
	for (size_t x = 0; x < n; x++) {
		struct hy_row *w = &r[refs[x].at];
		float v = buf[hold->v[refs[x].at].item];

		w->p.ct_ok = isfinite(v);
		w->p.ct = w->p.ct_ok ? hy_clamp(ct, v) : 0;
	}
}

/* The parts' predictions for every held-out row, with the counts of
 * the matrix the parts were fitted on; NULL when m is cancelled (the
 * kNN predictions are most of a hybrid fit's time). */
static struct hy_row *hy_rows(const struct model *m,
			      const struct hybrid *h,
			      const struct rmatrix *fit,
			      const struct triplets *hold)
{
	struct hy_row *r = xcalloc(hold->n ? hold->n : 1, sizeof *r);
	struct hy_ref *refs = xmalloc((hold->n ? hold->n : 1) * sizeof *refs);
	float *buf = xmalloc((fit->n_items ? fit->n_items : 1) * sizeof *buf);
	size_t n = 0;

	for (size_t i = 0; i < hold->n; i++) {
		const struct triplet *t = &hold->v[i];

		if (i % 1024 == 0 && model_cancelled(m)) {
			free(buf);
			free(refs);
			free(r);
			return NULL;
		}
		r[i].y = t->value;
		if (t->user >= fit->n_users || t->item >= fit->n_items)
			continue;
		r[i].nu = (uint32_t)rmatrix_by_user(fit, t->user).n;
		r[i].ni = (uint32_t)rmatrix_by_item(fit, t->item).n;
		r[i].p.cf_ok = model_predict(h->cf, t->user, NULL, t->item,
					     &r[i].p.cf);
		r[i].p.kn_ok = model_predict(h->kn, t->user, NULL, t->item,
					     &r[i].p.kn);
		refs[n++] = (struct hy_ref){ t->user, i };
	}
	qsort(refs, n, sizeof *refs, hy_ref_cmp);
	for (size_t x = 0, y; x < n; x = y) {
		for (y = x + 1; y < n && refs[y].user == refs[x].user; y++)
			;
		hy_rows_content(h->ct, refs + x, y - x, hold, buf, r);
	}
	free(buf);
	free(refs);
	return r;
}

/* RMSE of the blend w over the rows it can predict (inf if none). */
static double hy_rmse(const struct hy_row *r, size_t n,
		      const struct hybrid_weights *w)
{
	double sse = 0, p;
	size_t m = 0;

	for (size_t i = 0; i < n; i++)
		if (hy_combine(w, &r[i].p, r[i].w, &p)) {
			sse += (p - r[i].y) * (p - r[i].y);
			m++;
		}
	return m ? sqrt(sse / m) : INFINITY;
}

/* Stage 2 for each n0 of the grid; keep the best by RMSE. */
static bool hy_learn_n0(struct hy_row *r, size_t n,
			struct hybrid_weights *w)
{
	struct hybrid_weights best = *w, t;
	double best_rmse = INFINITY;

	for (size_t g = 0; g < ARRAY_LEN(hybrid_n0_grid); g++) {
		double e;

		t = *w;
		t.n0 = hybrid_n0_grid[g];
		for (size_t i = 0; i < n; i++)
			r[i].w = hybrid_cf_weight(t.n0, r[i].nu, r[i].ni);
		if (!hy_learn_full(r, n, &t))
			return false;
		e = hy_rmse(r, n, &t);
		if (e < best_rmse) {
			best_rmse = e;
			best = t;
		}
	}
	*w = best;
	return isfinite(best_rmse);
}

/* The work of item-kNN's prediction for item j: the ratings of the
 * users who rated it (knn_item_row walks their rows), per item. */
static double *hy_item_work(const struct rmatrix *fit)
{
	double *w = xcalloc(fit->n_items ? fit->n_items : 1, sizeof *w);

	for (uint32_t j = 0; j < fit->n_items; j++) {
		struct rvec c = rmatrix_by_item(fit, j);

		for (size_t x = 0; x < c.n; x++)
			w[j] += (double)rmatrix_by_user(fit, c.idx[x]).n;
	}
	return w;
}

/* Every step-th row of t from the first (t's order: by user), at most
 * max rows and until their kNN work passes HYBRID_LEARN_WORK; as a view
 * whose rows are in *own (NULL when all of t is kept). */
static struct triplets hy_spread(const struct triplets *t,
				 const struct rmatrix *fit, size_t max,
				 struct triplet **own)
{
	double *work = hy_item_work(fit), done = 0;
	size_t step = t->n > max ? (t->n + max - 1) / max : 1, n = 0;
	struct triplets out = *t;

	*own = xmalloc((t->n < max ? t->n : max) * sizeof **own + 1);
	for (size_t i = 0; i < t->n && n < max &&
	     done < HYBRID_LEARN_WORK; i += step) {
		(*own)[n++] = t->v[i];
		if (t->v[i].item < fit->n_items)
			done += work[t->v[i].item];
	}
	free(work);
	if (n == t->n) {
		free(*own);
		*own = NULL;
		return out;
	}
	out.v = *own;
	out.n = out.cap = n;
	return out;
}

/* Learn the weights on the held-out rows (an even spread of at most
 * HYBRID_LEARN_MAX); defaults when too few. False when m was
 * cancelled. */
static bool hy_learn(const struct model *m, struct hybrid *h,
		     const struct rmatrix *fit, const struct triplets *all)
{
	struct triplet *own;
	struct triplets held = hy_spread(all, fit, HYBRID_LEARN_MAX, &own);
	const struct triplets *hold = &held;
	struct hy_row *r = hy_rows(m, h, fit, hold);

	if (!r) {
		free(own);
		return false;
	}
	hy_default_weights(&h->w);
	if (hy_learn_content(r, hold->n, &h->w) &&
	    hy_learn_n0(r, hold->n, &h->w))
		h->w.learned = true;
	else
		hy_default_weights(&h->w);
	free(r);
	free(own);
	return true;
}

/* The seeded hash that picks held-out rows: one splitmix64 step from
 * x (util.h). */
static uint64_t hy_mix(uint64_t x)
{
	return util_rng_next(&x);
}

/* Split the training rows into fitted and held-out by the seed. */
static struct rmatrix *hy_split(const struct rmatrix *train, uint64_t seed,
				struct triplets *hold)
{
	struct triplets keep = { 0 };
	struct rmatrix *fit;

	for (uint32_t u = 0; u < train->n_users; u++) {
		struct rvec row = rmatrix_by_user(train, u);

		for (size_t x = 0; x < row.n; x++) {
			uint64_t k = hy_mix(seed ^ hy_mix(((uint64_t)u << 32) |
							  row.idx[x]));
			bool out = (k >> 11) * 0x1p-53 < HYBRID_HOLD_SHARE;

			triplets_push(out ? hold : &keep, u, row.idx[x],
				      row.val[x], INT64_MIN);
		}
	}
	fit = rmatrix_build(&keep, train->n_users, train->n_items);
	triplets_free(&keep);
	return fit;
}

/* The settings of a part: its kind's tuned defaults, except where the
 * hybrid's own settings differ from the hybrid defaults, i.e. were set
 * by the caller: those pass on, so --factors, --epochs and --reg work on
 * the hybrid's ALS as on als, and the kNN settings on its item-kNN.
 * Seed and threads always pass. */
static void hy_part_params(const struct model_params *hp,
			   enum model_kind k, struct model_params *out)
{
	struct model_params def;

	model_params_default(MODEL_HYBRID, &def);
	model_params_default(k, out);
	if (k == MODEL_ALS) {
		if (hp->factors != def.factors && hp->factors > 0)
			out->factors = hp->factors;
		if (hp->epochs != def.epochs && hp->epochs > 0)
			out->epochs = hp->epochs;
		if (hp->reg != def.reg && hp->reg > 0)
			out->reg = hp->reg;
		if (hp->reg_bias != def.reg_bias && hp->reg_bias >= 0)
			out->reg_bias = hp->reg_bias;
	} else if (k == MODEL_ITEM_KNN) {
		if (hp->neighbours != def.neighbours)
			out->neighbours = hp->neighbours;
		if (hp->shrink != def.shrink)
			out->shrink = hp->shrink;
		if (hp->centred != def.centred)
			out->centred = hp->centred;
	}
	out->seed = hp->seed;
	if (hp->threads > 0)
		out->threads = hp->threads;
}

/* -1 with "stopped" in err when m was cancelled, else 0. */
static int hy_stopped(const struct model *m, char *err, size_t errlen)
{
	if (!model_cancelled(m))
		return 0;
	xsnprintf(err, errlen, "%s", _("stopped"));
	return -1;
}

/* Fit the parts on train; only the last fit reports epochs, with the
 * validation rows when there are any. */
static int hy_fit_parts(struct model *m, struct hybrid *h,
			const struct rmatrix *train,
			const struct triplets *valid, bool report, char *err,
			size_t errlen)
{
	struct fit_data d = { train, m->cat, valid };

	h->cf->on_epoch = report ? m->on_epoch : NULL;
	h->cf->epoch_ctx = report ? m->epoch_ctx : NULL;
	h->cf->cancel = h->kn->cancel = h->ct->cancel = m->cancel;
	if (model_fit(h->cf, &d, err, errlen) != 0 ||
	    model_fit(h->kn, &d, err, errlen) != 0 ||
	    model_fit(h->ct, &d, err, errlen) != 0)
		return -1;
	return hy_stopped(m, err, errlen);
}

/* Rating counts, "liked" counts and item biases of the training rows. */
static void hy_counts(struct hybrid *h, const struct rmatrix *r,
		      double reg_bias)
{
	double sum = 0;

	h->n_users = r->n_users;
	h->n_items = r->n_items;
	h->n_user = xcalloc(r->n_users ? r->n_users : 1, sizeof *h->n_user);
	h->n_item = xcalloc(r->n_items ? r->n_items : 1, sizeof *h->n_item);
	h->liked = xcalloc(r->n_items ? r->n_items : 1, sizeof *h->liked);
	h->bi = xcalloc(r->n_items ? r->n_items : 1, sizeof *h->bi);
	for (uint64_t x = 0; x < r->nnz; x++)
		sum += r->user_val[x];
	h->mu = r->nnz ? sum / r->nnz : 0;
	for (uint32_t u = 0; u < r->n_users; u++)
		h->n_user[u] = (uint32_t)rmatrix_by_user(r, u).n;
	for (uint32_t i = 0; i < r->n_items; i++) {
		struct rvec c = rmatrix_by_item(r, i);
		double s = 0;

		for (size_t x = 0; x < c.n; x++) {
			s += c.val[x] - h->mu;
			h->liked[i] += c.val[x] >= h->like;
		}
		h->n_item[i] = (uint32_t)c.n;
		h->bi[i] = c.n ? (float)(s / (reg_bias + c.n)) : 0;
	}
}

/* Free a hybrid state and its parts. */
static void hy_destroy(struct hybrid *h)
{
	if (!h)
		return;
	model_free(h->cf);
	model_free(h->kn);
	model_free(h->ct);
	free(h->bi);
	free(h->n_user);
	free(h->n_item);
	free(h->liked);
	free(h);
}

/* A hybrid with its parts made but not fitted. */
static struct hybrid *hy_new(const struct model_params *p,
			     const struct scale *sc)
{
	struct hybrid *h = xcalloc(1, sizeof *h);
	struct model_params pp;

	hy_part_params(p, MODEL_ALS, &pp);
	h->cf = model_new(MODEL_ALS, &pp);
	hy_part_params(p, MODEL_ITEM_KNN, &pp);
	h->kn = model_new(MODEL_ITEM_KNN, &pp);
	hy_part_params(p, MODEL_CONTENT, &pp);
	h->ct = model_new(MODEL_CONTENT, &pp);
	h->like = (float)(sc->min + 0.75 * (sc->max - sc->min));
	hy_default_weights(&h->w);
	return h;
}

/* Fit the parts, learn the weights on held-out rows (given, or split
 * off and then refitted on everything), count. */
static int hy_fit_all(struct model *m, struct hybrid *h,
		      const struct fit_data *d, char *err, size_t errlen)
{
	struct triplets hold = { 0 };
	struct rmatrix *fit;
	int rc;

	if (d->valid) {
		if (hy_fit_parts(m, h, d->train, d->valid, true, err,
				 errlen) != 0)
			return -1;
		if (!hy_learn(m, h, d->train, d->valid))
			return hy_stopped(m, err, errlen);
		return 0;
	}
	/* too few rows for a held-out share to learn from: defaults */
	if (d->train->nnz * HYBRID_HOLD_SHARE < HYBRID_MIN_ROWS)
		return hy_fit_parts(m, h, d->train, NULL, true, err, errlen);
	fit = hy_split(d->train, m->params.seed, &hold);
	rc = hy_fit_parts(m, h, fit, NULL, false, err, errlen);
	if (rc == 0 && !hy_learn(m, h, fit, &hold))
		rc = hy_stopped(m, err, errlen);
	rmatrix_free(fit);
	triplets_free(&hold);
	if (rc != 0)
		return -1;
	return hy_fit_parts(m, h, d->train, NULL, true, err, errlen);
}

/* Fit parts and blend, then count ratings for w and reasons. */
static int hybrid_fit(struct model *m, const struct fit_data *d, char *err,
		      size_t errlen)
{
	struct hybrid *h;

	if (!d || !d->cat || !d->train) {
		xsnprintf(err, errlen, "%s",
			  _("the hybrid model needs a catalogue and ratings"));
		return -1;
	}
	m->cat = d->cat;
	m->scale = d->cat->scale;
	m->n_users = d->train->n_users;
	m->n_items = d->train->n_items;
	h = hy_new(&m->params, &m->scale);
	if (hy_fit_all(m, h, d, err, errlen) != 0) {
		hy_destroy(h);
		return -1;
	}
	hy_counts(h, d->train, h->cf->params.reg_bias > 0 ?
		  h->cf->params.reg_bias : 0);
	m->epoch_seconds = h->cf->epoch_seconds;
	xsnprintf(m->warning, sizeof m->warning, "%s", h->cf->warning);
	hy_destroy(m->state);
	m->state = h;
	return 0;
}

/* The user's rating count: the training row, or the ratings given. */
static uint32_t hy_user_count(const struct hybrid *h, uint32_t user,
			      const struct model_you *you)
{
	if (user != MODEL_NO_USER)
		return user < h->n_users ? h->n_user[user] : 0;
	return you ? (uint32_t)you->ratings.n : 0;
}

/* A part's prediction for a training row or "you" (signals and all). */
static bool hy_part_predict(const struct model *p, uint32_t user,
			    const struct model_you *you, uint32_t item,
			    double *out)
{
	if (user == MODEL_NO_USER)
		return model_predict_you(p, you, item, out);
	return model_predict(p, user, NULL, item, out);
}

/* A part's scores for a training row or "you". */
static void hy_part_scores(const struct model *p, uint32_t user,
			   const struct model_you *you, float *out)
{
	if (user == MODEL_NO_USER)
		model_score_you(p, you, out);
	else
		model_score_all(p, user, NULL, out);
}

/* The cold-user fallback: the item's regularised mean when rated. */
static bool hy_fallback(const struct hybrid *h, uint32_t item, double *out)
{
	if (h->n_item[item] == 0)
		return false;
	*out = h->mu + h->bi[item];
	return true;
}

/* The blend for one pair, or the cold-user fallback. */
static bool hybrid_predict(const struct model *m, uint32_t user,
			   const struct model_you *you, uint32_t item,
			   double *out)
{
	const struct hybrid *h = m->state;
	struct hy_parts x = { 0 };
	uint32_t nu;

	if (!h || item >= h->n_items)
		return false;
	nu = hy_user_count(h, user, you);
	if (nu == 0)
		return hy_fallback(h, item, out);
	x.cf_ok = hy_part_predict(h->cf, user, you, item, &x.cf);
	x.kn_ok = hy_part_predict(h->kn, user, you, item, &x.kn);
	x.ct_ok = hy_part_predict(h->ct, user, you, item, &x.ct);
	return hy_combine(&h->w, &x,
			  hybrid_cf_weight(h->w.n0, nu, h->n_item[item]), out);
}

/* Item j's parts from the parts' score_all arrays, clamped as
 * model_predict clamps so score_all agrees with predict. */
static struct hy_parts hy_parts_at(const struct hybrid *h, const float *cf,
				   const float *kn, const float *ct,
				   uint32_t j)
{
	struct hy_parts x = { 0 };

	x.cf_ok = isfinite(cf[j]);
	x.kn_ok = isfinite(kn[j]);
	x.ct_ok = isfinite(ct[j]);
	x.cf = x.cf_ok ? hy_clamp(h->cf, cf[j]) : 0;
	x.kn = x.kn_ok ? hy_clamp(h->kn, kn[j]) : 0;
	x.ct = x.ct_ok ? hy_clamp(h->ct, ct[j]) : 0;
	return x;
}

/* The ranking score of an item of n ratings from its predicted rating
 * p and its support s (knn_support_all): p on [0, 1] of the scale times
 * s / n^HYBRID_RANK_POP where s > 0; else p on [0, 1] less 1, so that
 * unsupported items follow every supported one, by prediction. */
static double hy_rank(const struct model *m, double p, double s, uint32_t n)
{
	double range = m->scale.max - m->scale.min;
	double q = range > 0 ? (p - m->scale.min) / range : 0.5;

	q = fmin(fmax(q, 0), 1);
	if (s > 0 && n > 0)
		return q * s / pow(n, HYBRID_RANK_POP);
	return q - 1;
}

/* The ranking score of every item (hy_rank), -INFINITY where nothing
 * predicts it; for a user without ratings the cold fallback mu + b_i. */
static void hybrid_score_all(const struct model *m, uint32_t user,
			     const struct model_you *you, float *out)
{
	const struct hybrid *h = m->state;
	size_t ni = h && h->n_items ? h->n_items : 1;
	float *kn, *ct, *sup;
	uint32_t nu;

	for (uint32_t j = 0; j < m->n_items; j++)
		out[j] = -INFINITY;
	if (!h)
		return;
	nu = hy_user_count(h, user, you);
	kn = xmalloc(ni * sizeof *kn);
	ct = xmalloc(ni * sizeof *ct);
	sup = xcalloc(ni, sizeof *sup);
	if (nu > 0) {
		hy_part_scores(h->cf, user, you, out);
		hy_part_scores(h->kn, user, you, kn);
		hy_part_scores(h->ct, user, you, ct);
		knn_support_all(h->kn, user, you, sup);
	}
	for (uint32_t j = 0; j < h->n_items; j++) {
		struct hy_parts x;
		double v;
		bool ok;

		if (nu == 0) {
			ok = hy_fallback(h, j, &v);
		} else {
			x = hy_parts_at(h, out, kn, ct, j);
			ok = hy_combine(&h->w, &x, hybrid_cf_weight(h->w.n0,
					nu, h->n_item[j]), &v);
			v = hy_rank(m, v, sup[j], h->n_item[j]);
		}
		out[j] = ok ? (float)v : -INFINITY;
	}
	free(kn);
	free(ct);
	free(sup);
}

/* Order candidates by item, to merge the two lists. */
static int hy_cand_item_cmp(const void *pa, const void *pb)
{
	const struct hy_cand *a = pa, *b = pb;

	return (a->item > b->item) - (a->item < b->item);
}

/* The union of both parts' lists, merged by item; returns its size and
 * the content part's best score in *ct_top. An item only content lists
 * gets a collaborative share of 0: it is not among the nearest by
 * co-ratings. (With the list's lowest value instead, which is near its
 * best on a popular item, the many films sharing Amelie's two genres
 * outranked the films its viewers also loved.) */
static size_t hy_candidates(const struct hybrid *h, uint32_t item,
			    size_t pool, struct hy_cand *c, double *ct_top)
{
	struct scored *l = xmalloc(pool * sizeof *l);
	size_t ncf = model_similar(h->kn, item, l, pool), n = 0, m = 0;
	double top = ncf && l[0].score > 0 ? l[0].score : 1;
	size_t nct;

	for (size_t x = 0; x < ncf; x++)
		c[n++] = (struct hy_cand){ l[x].item, l[x].score / top, true };
	nct = model_similar(h->ct, item, l, pool);
	*ct_top = nct && l[0].score > 0 ? l[0].score : 1;
	for (size_t x = 0; x < nct; x++)
		c[n++] = (struct hy_cand){ l[x].item, 0, false };
	free(l);
	qsort(c, n, sizeof *c, hy_cand_item_cmp);
	for (size_t x = 0; x < n; x++) {
		if (m > 0 && c[m - 1].item == c[x].item) {
			c[m - 1].in_cf = c[m - 1].in_cf || c[x].in_cf;
			if (c[x].in_cf)
				c[m - 1].cf = c[x].cf;
			continue;
		}
		c[m++] = c[x];
	}
	return m;
}

/* Greedy maximal marginal relevance over cand (rel in [0, 1] or so):
 * pick by (1 - lambda) rel - lambda * max content cosine to the items
 * already picked; ties by the higher rel, then the lower index. */
static size_t hy_mmr(const struct model *ct, struct scored *cand, size_t nc,
		     const double *rel, double lambda, struct scored *out,
		     size_t n)
{
	double *maxsim = xcalloc(nc ? nc : 1, sizeof *maxsim);
	bool *used = xcalloc(nc ? nc : 1, sizeof *used);
	size_t k = 0;

	for (; k < n && k < nc; k++) {
		size_t best = SIZE_MAX;
		double bv = -INFINITY;

		for (size_t x = 0; x < nc; x++) {
			double v = (1 - lambda) * rel[x] - lambda * maxsim[x];

			if (!used[x] && (v > bv || best == SIZE_MAX)) {
				best = x;
				bv = v;
			}
		}
		used[best] = true;
		out[k] = cand[best];
		for (size_t x = 0; x < nc; x++) {
			double s;

			if (!used[x] && content_cosine(ct, cand[x].item,
						       cand[best].item, &s) &&
			    s > maxsim[x])
				maxsim[x] = s;
		}
	}
	free(maxsim);
	free(used);
	return k;
}

/* Order scored entries: higher score, then lower item index. */
static int hy_scored_cmp(const void *pa, const void *pb)
{
	const struct scored *a = pa, *b = pb;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return (a->item > b->item) - (a->item < b->item);
}

/* Re-rank a list sorted best first (scores in any unit) by MMR; the
 * scores are min-max scaled to [0, 1] for the trade-off and written
 * back unchanged. */
static size_t hy_rerank(const struct model *ct, struct scored *list,
			size_t nl, double lambda, struct scored *out,
			size_t n)
{
	double *rel;
	double hi, lo;
	size_t k;

	if (!(lambda > 0) || nl == 0) {
		k = nl < n ? nl : n;
		memmove(out, list, k * sizeof *out);
		return k;
	}
	hi = list[0].score;
	lo = list[nl - 1].score;
	rel = xmalloc(nl * sizeof *rel);
	for (size_t x = 0; x < nl; x++)
		rel[x] = hi > lo ? (list[x].score - lo) / (hi - lo) : 1;
	k = hy_mmr(ct, list, nl, rel, lambda > 1 ? 1 : lambda, out, n);
	free(rel);
	return k;
}

/* The collaborative share of item's similar list: HYBRID_SIM_CF * n/(n +
 * n0), n its ratings, and 0 below MODEL_SIM_MIN_RATINGS, where item-kNN
 * lists nothing and the list is content's. */
static double hy_sim_share(const struct hybrid *h, uint32_t item)
{
	uint32_t n = h->n_item[item];

	if (n < MODEL_SIM_MIN_RATINGS)
		return 0;
	return HYBRID_SIM_CF * n / (n + h->w.n0);
}

/* Both parts' similar lists, each scaled so its best is 1, blended with
 * the collaborative share HYBRID_SIM_CF * w, then MMR. w comes from the
 * query item's ratings alone (0 when it has none): a candidate with few
 * ratings is one the collaborative part knows little about, which is
 * no reason to rank it by content alone above items both parts back. */
static size_t hybrid_similar(const struct model *m, uint32_t item,
			     struct scored *out, size_t n)
{
	const struct hybrid *h = m->state;
	size_t pool = n * HYBRID_POOL_FACTOR, nc, ns = 0;
	struct hy_cand *c;
	struct scored *s;
	double ct_top;

	if (!h || item >= h->n_items || n == 0)
		return 0;
	if (pool < HYBRID_POOL_MIN)
		pool = HYBRID_POOL_MIN;
	c = xmalloc(2 * pool * sizeof *c);
	nc = hy_candidates(h, item, pool, c, &ct_top);
	s = xmalloc((nc ? nc : 1) * sizeof *s);
	double w = hy_sim_share(h, item);
	for (size_t x = 0; x < nc; x++) {
		double ct = 0, rel;

		content_similarity(h->ct, item, c[x].item, &ct);
		rel = w * c[x].cf + (1 - w) * ct / ct_top;
		if (rel > 0 && isfinite(rel))
			s[ns++] = (struct scored){ c[x].item, (float)rel };
	}
	free(c);
	qsort(s, ns, sizeof *s, hy_scored_cmp);
	ns = hy_rerank(h->ct, s, ns, m->params.diversity, out, n);
	free(s);
	return ns;
}

/* The content model whose item features MMR compares for m (m itself,
 * or a hybrid's content part); NULL for the other kinds. */
static const struct model *hy_features(const struct model *m)
{
	if (m->ops == &hybrid_ops && m->state)
		return ((const struct hybrid *)m->state)->ct;
	if (m->ops == &content_ops)
		return m;
	return NULL;
}

/* model.h */
size_t model_diverse_pool(const struct model *m, size_t n)
{
	size_t pool = n * HYBRID_POOL_FACTOR;

	if (!hy_features(m) || !(m->params.diversity > 0))
		return n;
	return pool < HYBRID_POOL_MIN ? HYBRID_POOL_MIN : pool;
}

/* model.h */
size_t model_rerank_diverse(const struct model *m, struct scored *list,
			    size_t nl, struct scored *out, size_t n)
{
	const struct model *ct = hy_features(m);

	if (ct)
		return hy_rerank(ct, list, nl, m->params.diversity, out, n);
	nl = nl < n ? nl : n;
	memmove(out, list, nl * sizeof *out);
	return nl;
}

/* model_recommend for a training row or "you" (you NULL: the row),
 * re-ranked by MMR. */
static size_t hy_recommend_diverse(const struct model *m, uint32_t user,
				   const struct model_you *you,
				   struct scored *out, size_t n)
{
	size_t pool = model_diverse_pool(m, n), k;
	struct scored *list = xmalloc((pool ? pool : 1) * sizeof *list);

	k = you ? model_recommend_you(m, you, list, pool)
		: model_recommend(m, user, NULL, list, pool);
	k = model_rerank_diverse(m, list, k, out, n);
	free(list);
	return k;
}

/* model_recommend re-ranked by MMR (model.h). */
size_t model_recommend_diverse(const struct model *m, uint32_t user,
			       const struct rvec *ratings, struct scored *out,
			       size_t n)
{
	struct model_you y = { { 0, NULL, NULL }, { 0, NULL, NULL }, NULL,
			       false, NULL };

	if (user != MODEL_NO_USER)
		return hy_recommend_diverse(m, user, NULL, out, n);
	if (ratings)
		y.ratings = *ratings;
	return hy_recommend_diverse(m, user, &y, out, n);
}

/* The same for "you" with signals (model.h). */
size_t model_recommend_diverse_you(const struct model *m,
				   const struct model_you *you,
				   struct scored *out, size_t n)
{
	return hy_recommend_diverse(m, MODEL_NO_USER, you, out, n);
}

/* The collaborative half of a reason, "46 who liked Toy Story (1995)",
 * counted as the item-kNN part's own reason counts it (those who liked
 * both your item and this one); 0 and "" when there is none or fewer
 * than KNN_MIN_COMMON: "1 who liked Sinister (2012)" is an anecdote,
 * not the evidence "both:" promises. */
static uint32_t hy_co_reason(const struct model *m, uint32_t user,
			     const struct model_you *you, uint32_t item,
			     char *label, size_t n)
{
	const struct hybrid *h = m->state;
	uint32_t nb, co = knn_co_liked(h->kn, user, you, item, &nb);

	label[0] = '\0';
	if (co < KNN_MIN_COMMON)
		return 0;
	if (m->cat)
		catalog_item_label(m->cat, nb, label, n);
	else
		xsnprintf(label, n, _("item %u"), nb);
	return co;
}

/* "both: 46 who liked Toy Story (1995) rated it highly; Animation",
 * "content: shares Comedy", "46 who liked ... rated it highly": the
 * collaborative count is the one the item-kNN column gives for the same
 * pair, and "both:" only when each side has something to say. The
 * count comes first: a narrow column cuts the end. */
static size_t hybrid_explain(const struct model *m, uint32_t user,
			     const struct model_you *you, uint32_t item,
			     char *buf, size_t n)
{
	const struct hybrid *h = m->state;
	char shared[256], label[256];
	uint32_t co;

	if (!h || item >= h->n_items)
		return xsnprintf(buf, n, "%s", _("n/a"));
	if (hy_user_count(h, user, you) == 0)
		return h->n_item[item] ?
			xsnprintf(buf, n, _("no ratings yet: popular, "
					    "%u rated it highly"),
				  h->liked[item]) :
			xsnprintf(buf, n, "%s", _("n/a: no ratings yet"));
	content_shared(h->ct, user, you, item, shared, sizeof shared);
	co = hy_co_reason(m, user, you, item, label, sizeof label);
	if (*shared && co)
		return xsnprintf(buf, n, _("both: %u who liked %s rated it "
					   "highly; %s"), co, label, shared);
	if (*shared)
		return xsnprintf(buf, n, _("content: shares %s"), shared);
	if (co)
		return xsnprintf(buf, n, _("%u who liked %s rated it highly"),
				 co, label);
	if (h->liked[item])
		return xsnprintf(buf, n, _("popular: %u rated it highly"),
				 h->liked[item]);
	return xsnprintf(buf, n, "%s",
			 _("n/a: nobody who liked your items rated it"));
}

/* The blend weights and counts. */
static int hy_save_own(const struct hybrid *h, FILE *f)
{
	double w[7] = { h->w.a0, h->w.a_cf, h->w.a_kn, h->w.a_ct, h->w.b0,
			h->w.b_ct, h->w.n0 };
	uint32_t v[5] = { h->w.learned, h->w.n_full, h->w.n_content,
			  h->n_users, h->n_items };

	if (store_put(f, w, sizeof w[0], 7) != 0 ||
	    store_put(f, v, sizeof v[0], 5) != 0 ||
	    store_put(f, &h->mu, sizeof h->mu, 1) != 0 ||
	    store_put(f, &h->like, sizeof h->like, 1) != 0 ||
	    store_put(f, h->n_user, sizeof *h->n_user, h->n_users) != 0 ||
	    store_put(f, h->n_item, sizeof *h->n_item, h->n_items) != 0 ||
	    store_put(f, h->liked, sizeof *h->liked, h->n_items) != 0)
		return -1;
	return store_put(f, h->bi, sizeof *h->bi, h->n_items);
}

/* A part: its settings, then its own payload. */
static int hy_save_part(const struct model *p, FILE *f)
{
	if (store_put_params(f, &p->params) != 0)
		return -1;
	return p->ops->save(p, f);
}

/* Payload: tag, scale, weights and counts, then the parts. */
static int hybrid_save(const struct model *m, FILE *f)
{
	const struct hybrid *h = m->state;
	double sc[3] = { m->scale.min, m->scale.max, m->scale.step };

	if (!h || store_put_tag(f, "thyb", HYBRID_VERSION) != 0 ||
	    store_put(f, sc, sizeof sc[0], 3) != 0 ||
	    hy_save_own(h, f) != 0 || hy_save_part(h->cf, f) != 0 ||
	    hy_save_part(h->kn, f) != 0)
		return -1;
	return hy_save_part(h->ct, f);
}

/* Read the weights and counts of hy_save_own. */
static int hy_load_own(struct hybrid *h, FILE *f, char *err, size_t errlen)
{
	double w[7];
	uint32_t v[5];
	size_t nu, ni;

	if (store_get(f, w, sizeof w[0], 7, err, errlen) != 0 ||
	    store_get(f, v, sizeof v[0], 5, err, errlen) != 0)
		return -1;
	h->w = (struct hybrid_weights){ w[0], w[1], w[2], w[3], w[4], w[5],
					w[6], v[0] != 0, v[1], v[2] };
	if (!(w[6] > 0)) {
		xsnprintf(err, errlen, "%s",
			  _("model file is truncated or damaged"));
		return -1;
	}
	h->n_users = v[3];
	h->n_items = v[4];
	nu = h->n_users ? h->n_users : 1;
	ni = h->n_items ? h->n_items : 1;
	if (!store_fits(f, 4ULL * h->n_users + 12ULL * h->n_items)) {
		xsnprintf(err, errlen, "%s",
			  _("model file is truncated or damaged"));
		return -1;
	}
	h->n_user = xcalloc(nu, sizeof *h->n_user);
	h->n_item = xcalloc(ni, sizeof *h->n_item);
	h->liked = xcalloc(ni, sizeof *h->liked);
	h->bi = xcalloc(ni, sizeof *h->bi);
	if (store_get(f, &h->mu, sizeof h->mu, 1, err, errlen) != 0 ||
	    store_get(f, &h->like, sizeof h->like, 1, err, errlen) != 0 ||
	    store_get(f, h->n_user, sizeof *h->n_user, h->n_users, err,
		      errlen) != 0 ||
	    store_get(f, h->n_item, sizeof *h->n_item, h->n_items, err,
		      errlen) != 0 ||
	    store_get(f, h->liked, sizeof *h->liked, h->n_items, err,
		      errlen) != 0)
		return -1;
	return store_get(f, h->bi, sizeof *h->bi, h->n_items, err, errlen);
}

/* Read a part into *p, made anew of kind k. The catalogue, training
 * matrix, scale and sizes are set as model_load sets them for a model of
 * its own, before the part's payload is read. */
static int hy_load_part(const struct model *m, struct model **p,
			enum model_kind k, FILE *f, char *err, size_t errlen)
{
	struct model_params pp;

	if (store_get_params(f, &pp, err, errlen) != 0)
		return -1;
	model_free(*p);
	*p = model_new(k, &pp);
	(*p)->cat = m->cat;
	(*p)->train = m->train;
	(*p)->scale = m->scale;
	(*p)->n_users = m->n_users;
	(*p)->n_items = m->n_items;
	return (*p)->ops->load(*p, f, err, errlen);
}

/* Read the payload of hybrid_save. */
static int hybrid_load(struct model *m, FILE *f, char *err, size_t errlen)
{
	struct hybrid *h = xcalloc(1, sizeof *h);
	double sc[3];

	if (store_check_tag(f, "thyb", HYBRID_VERSION, err, errlen) != 0 ||
	    store_get(f, sc, sizeof sc[0], 3, err, errlen) != 0 ||
	    hy_load_own(h, f, err, errlen) != 0)
		goto fail;
	m->scale = (struct scale){ sc[0], sc[1], sc[2] };
	m->n_users = h->n_users;
	m->n_items = h->n_items;
	if (hy_load_part(m, &h->cf, MODEL_ALS, f, err, errlen) != 0 ||
	    hy_load_part(m, &h->kn, MODEL_ITEM_KNN, f, err, errlen) != 0 ||
	    hy_load_part(m, &h->ct, MODEL_CONTENT, f, err, errlen) != 0)
		goto fail;
	hy_destroy(m->state);
	m->state = h;
	return 0;
fail:
	hy_destroy(h);
	return -1;
}

/* Free the kind's state. */
static void hybrid_free(struct model *m)
{
	hy_destroy(m->state);
	m->state = NULL;
}

const struct model_ops hybrid_ops = {
	.name = "hybrid",
	.fit = hybrid_fit,
	.predict = hybrid_predict,
	.score_all = hybrid_score_all,
	.similar = hybrid_similar,
	.explain = hybrid_explain,
	.save = hybrid_save,
	.load = hybrid_load,
	.free = hybrid_free,
};
