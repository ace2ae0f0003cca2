/* SPDX-License-Identifier: GPL-3.0-or-later */
/* baseline: r = mu + b_u + b_i, the global mean plus regularised user and
 * item biases. The biases minimise
 *     sum (r - mu - b_u - b_i)^2 + lambda (sum b_u^2 + sum b_i^2)
 * by alternating exact passes: with the users fixed each item bias is
 * sum (r - mu - b_u) / (n_i + lambda), and the other way round. lambda
 * acts as lambda phantom ratings at the mean, so an item rated twice
 * stays near the mean. "You" are folded in by one user pass over your
 * ratings against the fitted item biases. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "model/kinds.h"
#include "util.h"

struct baseline {
	double mu;
	double *bu, *bi;
	uint32_t *item_n;   /* training ratings per item; 0 = cold */
};

/* Free the state. */
static void baseline_free(struct model *m)
{
	struct baseline *b = m->state;

	if (!b)
		return;
	free(b->bu);
	free(b->bi);
	free(b->item_n);
	free(b);
	m->state = NULL;
}

/* Fresh zeroed state for the model's sizes. */
static struct baseline *baseline_alloc(const struct model *m)
{
	struct baseline *b = xcalloc(1, sizeof *b);

	b->bu = xcalloc(m->n_users ? m->n_users : 1, sizeof *b->bu);
	b->bi = xcalloc(m->n_items ? m->n_items : 1, sizeof *b->bi);
	b->item_n = xcalloc(m->n_items ? m->n_items : 1, sizeof *b->item_n);
	return b;
}

/* Bias of one row against the other side's fixed biases: the exact
 * minimiser sum (r - mu - other) / (n + lambda). */
static double bias_of(const struct rvec *r, const double *other, double mu,
		      double lambda)
{
	double s = 0;

	for (size_t j = 0; j < r->n; j++)
		s += r->val[j] - mu - other[r->idx[j]];
	return r->n ? s / (r->n + lambda) : 0.0;
}

/* One pass over the items, then one over the users; returns the
 * regularised objective / n after it. */
static double baseline_pass(struct baseline *b, const struct rmatrix *R,
			    double lambda)
{
	double sse = 0, reg = 0;

	for (uint32_t i = 0; i < R->n_items; i++) {
		struct rvec c = rmatrix_by_item(R, i);

		b->bi[i] = bias_of(&c, b->bu, b->mu, lambda);
		reg += b->bi[i] * b->bi[i];
	}
	for (uint32_t u = 0; u < R->n_users; u++) {
		struct rvec r = rmatrix_by_user(R, u);

		b->bu[u] = bias_of(&r, b->bi, b->mu, lambda);
		reg += b->bu[u] * b->bu[u];
		for (size_t j = 0; j < r.n; j++) {
			double e = r.val[j] - b->mu - b->bu[u] -
				   b->bi[r.idx[j]];

			sse += e * e;
		}
	}
	return (sse + lambda * reg) / (double)R->nnz;
}

/* Report one pass; false when the listener asks to stop. */
static bool baseline_event(struct model *m, const struct fit_data *d,
			   int pass, double loss, double seconds)
{
	struct epoch_event ev = {
		.epoch = pass, .epochs = m->params.epochs,
		.train_loss = loss, .seconds = seconds,
	};

	if (!m->on_epoch)
		return true;
	if (d->valid)
		ev.has_valid = model_valid_rmse(m, d->valid, &ev.valid_rmse);
	return m->on_epoch(m->epoch_ctx, &ev);
}

/* Fit the biases by alternating passes (params.epochs of them). */
static int baseline_fit(struct model *m, const struct fit_data *d,
			char *err, size_t errlen)
{
	const struct rmatrix *R = d->train;
	struct baseline *b;
	double sum = 0, total = 0;
	int pass, done = 0;

	if (R->nnz == 0) {
		xsnprintf(err, errlen, "%s", _("no ratings to train on"));
		return -1;
	}
	if (m->params.reg_bias < 0 || !isfinite(m->params.reg_bias)) {
		xsnprintf(err, errlen, _("bias λ=%g must be ≥ 0"),
			  m->params.reg_bias);
		return -1;
	}
	b = baseline_alloc(m);
	for (uint32_t u = 0; u < R->n_users; u++) {
		struct rvec r = rmatrix_by_user(R, u);

		for (size_t j = 0; j < r.n; j++)
			sum += r.val[j];
	}
	b->mu = sum / (double)R->nnz;
	for (uint32_t i = 0; i < R->n_items; i++)
		b->item_n[i] = (uint32_t)(R->item_ptr[i + 1] - R->item_ptr[i]);
	m->state = b;
	for (pass = 1; pass <= m->params.epochs; pass++) {
		double t0 = util_now(), loss, dt;

		loss = baseline_pass(b, R, m->params.reg_bias);
		dt = util_now() - t0;
		total += dt;
		done = pass;
		if (!baseline_event(m, d, pass, loss, dt))
			break;
	}
	m->epoch_seconds = done ? total / done : 0;
	return 0;
}

/* Bias of "you" from your ratings against the fitted item biases; items
 * out of range or never rated in training carry no information. */
static double baseline_fold_in(const struct model *m, const struct rvec *r)
{
	const struct baseline *b = m->state;
	double s = 0;
	size_t n = 0;

	for (size_t j = 0; j < r->n; j++) {
		uint32_t i = r->idx[j];

		if (i >= m->n_items || b->item_n[i] == 0)
			continue;
		s += r->val[j] - b->mu - b->bi[i];
		n++;
	}
	return n ? s / (n + m->params.reg_bias) : 0.0;
}

/* The user's bias: fitted for a training row, folded in for "you". */
static double user_bias(const struct model *m, uint32_t user,
			const struct rvec *ratings)
{
	const struct baseline *b = m->state;

	if (user != MODEL_NO_USER)
		return b->bu[user];
	return baseline_fold_in(m, ratings);
}

/* mu + b_u + b_i; false for an item nobody rated in training. */
static bool baseline_predict(const struct model *m, uint32_t user,
			     const struct model_you *you, uint32_t item,
			     double *out)
{
	const struct baseline *b = m->state;
	const struct rvec *ratings = you ? &you->ratings : NULL;

	if (b->item_n[item] == 0)
		return false;
	*out = b->mu + user_bias(m, user, ratings) + b->bi[item];
	return true;
}

/* Predicted rating of every item (the same order for every user, shifted
 * by the user's bias). */
static void baseline_score_all(const struct model *m, uint32_t user,
			       const struct model_you *you, float *out)
{
	const struct baseline *b = m->state;
	double base = b->mu + user_bias(m, user, you ? &you->ratings : NULL);

	for (uint32_t i = 0; i < m->n_items; i++)
		out[i] = b->item_n[i] ? (float)(base + b->bi[i]) : -INFINITY;
}

/* Biases say nothing about which items resemble each other, so the
 * baseline has no similar items. */
static size_t baseline_similar(const struct model *m, uint32_t item,
			       struct scored *out, size_t n)
{
	(void)m;
	(void)item;
	(void)out;
	(void)n;
	return 0;
}

/* The item's part of the explanation: how it is rated against the mean. */
static size_t explain_item(const struct baseline *b, uint32_t item,
			   char *buf, size_t n)
{
	double bi = b->bi[item];
	unsigned cnt = b->item_n[item];

	if (cnt == 0)
		return xsnprintf(buf, n, "%s", _("nobody has rated it yet"));
	if (fabs(bi) < 0.05)
		return xsnprintf(buf, n, ngettext("rated about average by %u "
						  "person",
						  "rated about average by %u "
						  "people", cnt), cnt);
	if (bi > 0)
		return xsnprintf(buf, n, ngettext("rated %.1f above average "
						  "by %u person",
						  "rated %.1f above average "
						  "by %u people", cnt),
				 bi, cnt);
	return xsnprintf(buf, n, ngettext("rated %.1f below average by %u "
					  "person",
					  "rated %.1f below average by %u "
					  "people", cnt), -bi, cnt);
}

/* "rated 0.6 above average by 215 people; you rate 0.3 above most". */
static size_t baseline_explain(const struct model *m, uint32_t user,
			       const struct model_you *you, uint32_t item,
			       char *buf, size_t n)
{
	size_t len = explain_item(m->state, item, buf, n);
	double bu = user_bias(m, user, you ? &you->ratings : NULL);

	if (len + 1 >= n || fabs(bu) < 0.1)
		return len;
	if (bu > 0)
		len += xsnprintf(buf + len, n - len,
				 _("; you rate %.1f above most"), bu);
	else
		len += xsnprintf(buf + len, n - len,
				 _("; you rate %.1f below most"), -bu);
	return len;
}

/* Payload: mu, user biases, item biases, item counts. */
static int baseline_save(const struct model *m, FILE *f)
{
	const struct baseline *b = m->state;

	if (model_write_f64(f, &b->mu, 1) != 0 ||
	    model_write_f64(f, b->bu, m->n_users) != 0 ||
	    model_write_f64(f, b->bi, m->n_items) != 0)
		return -1;
	return model_write_u32(f, b->item_n, m->n_items);
}

/* True when all n values are finite. */
static bool all_finite(const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(v[i]))
			return false;
	}
	return true;
}

/* Read the payload written by baseline_save, refusing non-finite values. */
static int baseline_load(struct model *m, FILE *f, char *err,
			 size_t errlen)
{
	struct baseline *b = baseline_alloc(m);

	if (model_read_f64(f, &b->mu, 1) != 0 ||
	    model_read_f64(f, b->bu, m->n_users) != 0 ||
	    model_read_f64(f, b->bi, m->n_items) != 0 ||
	    model_read_u32(f, b->item_n, m->n_items) != 0 ||
	    !isfinite(b->mu) || !all_finite(b->bu, m->n_users) ||
	    !all_finite(b->bi, m->n_items)) {
		xsnprintf(err, errlen, "%s",
			  _("baseline model file is truncated or damaged"));
		m->state = b;
		baseline_free(m);
		return -1;
	}
	m->state = b;
	return 0;
}

const struct model_ops baseline_ops = {
	.name = "baseline",
	.fit = baseline_fit,
	.predict = baseline_predict,
	.score_all = baseline_score_all,
	.similar = baseline_similar,
	.explain = baseline_explain,
	.save = baseline_save,
	.load = baseline_load,
	.free = baseline_free,
};
