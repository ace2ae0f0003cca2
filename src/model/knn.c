/* SPDX-License-Identifier: GPL-3.0-or-later */
/* knn: the user-based and item-based neighbourhood models.
 *
 * Both predict a baseline plus the weighted deviations of the k most
 * similar neighbours with a positive similarity (Koren's kNN with
 * baseline), the weights damped by KNN_DAMP:
 *     r^(u,j) = b(u,j) + sum s (r - b) / (sum s + KNN_DAMP),
 *     b(u,j) = mu + bu + bj
 * The biases are regularised (lambda = params.reg_bias) and fitted here
 * by a few alternating passes, so neither kind depends on another model.
 *
 * Similarity is the cosine of the rating vectors, a missing rating
 * counting as 0. With params.centred each rating first loses its USER's
 * mean: for item-kNN that is the adjusted cosine of Sarwar et al. (the
 * standard for items, it removes rater generosity), for user-kNN a
 * mean-centred cosine (Pearson with full-vector norms). Shrinkage then
 * multiplies by n / (n + shrink), n being the co-ratings. A vector of
 * norm 0 (case 03: a user whose ratings are all 0) has no similarity,
 * "n/a": that neighbour is skipped, never divided by.
 *
 * Nothing users x users or items x items is ever stored. The similarity
 * row of one item (or user) is accumulated on demand through the users
 * (items) that rated it, into scratch arrays cleared through a touched
 * list, so a query costs the length of the rows it crosses. Scratch is
 * per call: a fitted model may be queried from several threads.
 *
 * The model reads its training matrix through m->train, which model.h
 * requires to outlive the model (after load it is the catalogue's
 * matrix, whose fingerprint model.c has checked), so nothing is copied.
 * Saving writes only the settings: biases, means and norms are
 * recomputed on load in a few passes over the ratings. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "model/kinds.h"
#include "model/knn.h"
#include "model/store.h"
#include "topk.h"
#include "util.h"

/* Alternating bias passes. On ml-latest-small (lambda 10) the largest
 * change of any bias shrinks about 0.68 times a pass: 0.03 after 3,
 * 1.5e-3 after 10, some 3e-5 after 20. A pass is two sweeps over the
 * ratings, so 20 cost milliseconds. */
#define KNN_BIAS_PASSES 20
#define KNN_VERSION 1

struct knn {
	const struct rmatrix *r;  /* m->train */
	bool user_based;
	bool centred;
	uint32_t k;            /* neighbours per prediction, 0 = all */
	double shrink;         /* 0 = none */
	double reg;            /* lambda of the biases */
	double mu;
	float *bu, *bi;
	float *mean;           /* each user's mean rating, 0 when none */
	float *unorm, *inorm;  /* norms of the (centred) rows and columns */
	float like;            /* a rating >= like counts as "liked" */
};

/* One neighbour's vote in a prediction. */
struct knn_nb {
	float s;               /* similarity, > 0 */
	float d;               /* its rating minus its baseline */
	float r;               /* its rating */
	uint32_t who;          /* the neighbour item or user */
};

/* Scratch for one similarity row: dot products and co-rating counts. */
struct knn_acc {
	double *dot;
	uint32_t *cnt;
	uint32_t *touched;
	size_t n_touched;
};

/* The user a query is about: a training row or ratings given. */
struct knn_query {
	uint32_t self;         /* training row, or MODEL_NO_USER */
	struct rvec rated;
	double bu;
	double mean, norm;     /* of the (centred) ratings */
};

/* Per-item collectors of the best votes, for score_all. */
struct knn_votes {
	uint32_t k;
	struct knn_nb *heap;   /* k per item when k > 0 */
	uint32_t *n;
	double *num, *den;     /* running sums when k == 0 */
};

/* A training user's rating as the similarity sees it. */
static double knn_centre(const struct knn *k, uint32_t u, double r)
{
	return k->centred ? r - k->mean[u] : r;
}

/* The query user's rating as the similarity sees it. */
static double knn_qcentre(const struct knn *k, const struct knn_query *q,
			  double r)
{
	return k->centred ? r - q->mean : r;
}

/* The baseline b(u, j) of the query user. */
static double knn_base(const struct knn *k, const struct knn_query *q,
		       uint32_t j)
{
	return k->mu + q->bu + k->bi[j];
}

/* Cosine from a dot product and two norms, shrunk by the co-rating
 * count; false ("n/a") for a zero vector or a non-finite result. */
static bool knn_sim(const struct knn *k, double dot, double na, double nb,
		    uint32_t n, double *out)
{
	double s;

	if (!(na > 0) || !(nb > 0) || n == 0)
		return false;
	s = dot / (na * nb);
	if (k->shrink > 0)
		s *= n / (n + k->shrink);
	if (!isfinite(s))
		return false;
	*out = s;
	return true;
}

/* Scratch arrays for rows over n entries. */
static void acc_init(struct knn_acc *a, size_t n)
{
	a->dot = xcalloc(n ? n : 1, sizeof *a->dot);
	a->cnt = xcalloc(n ? n : 1, sizeof *a->cnt);
	a->touched = xmalloc((n ? n : 1) * sizeof *a->touched);
	a->n_touched = 0;
}

/* Add one product to entry j, remembering j for the clear. */
static void acc_add(struct knn_acc *a, uint32_t j, double v)
{
	if (a->cnt[j]++ == 0)
		a->touched[a->n_touched++] = j;
	a->dot[j] += v;
}

/* Zero what the last row touched, in time proportional to it. */
static void acc_clear(struct knn_acc *a)
{
	for (size_t t = 0; t < a->n_touched; t++) {
		a->dot[a->touched[t]] = 0;
		a->cnt[a->touched[t]] = 0;
	}
	a->n_touched = 0;
}

/* Release the scratch arrays. */
static void acc_free(struct knn_acc *a)
{
	free(a->dot);
	free(a->cnt);
	free(a->touched);
}

/* Dot products of item i's column with every item co-rated with it,
 * through the rows of i's raters. */
static void knn_item_row(const struct knn *k, uint32_t i, struct knn_acc *a)
{
	struct rvec col = rmatrix_by_item(k->r, i);

	for (size_t x = 0; x < col.n; x++) {
		uint32_t u = col.idx[x];
		double cu = knn_centre(k, u, col.val[x]);
		struct rvec row = rmatrix_by_user(k->r, u);

		for (size_t y = 0; y < row.n; y++)
			acc_add(a, row.idx[y],
				cu * knn_centre(k, u, row.val[y]));
	}
}

/* Dot products of the query user's ratings with every training user who
 * shares an item, through the columns of the rated items. */
static void knn_user_row(const struct knn *k, const struct knn_query *q,
			 struct knn_acc *a)
{
	for (size_t x = 0; x < q->rated.n; x++) {
		uint32_t i = q->rated.idx[x];
		double cq;
		struct rvec col;

		if (i >= k->r->n_items)
			continue;
		cq = knn_qcentre(k, q, q->rated.val[x]);
		col = rmatrix_by_item(k->r, i);
		for (size_t y = 0; y < col.n; y++)
			if (col.idx[y] != q->self)
				acc_add(a, col.idx[y],
					cq * knn_centre(k, col.idx[y],
							col.val[y]));
	}
}

/* Describe the user of a query: their ratings, bias, mean and norm. A
 * training row wins over ratings given; "you" (MODEL_NO_USER) get a
 * bias fitted against the fixed item biases. */
static void knn_query_init(const struct knn *k, uint32_t user,
			   const struct model_you *you, struct knn_query *q)
{
	double sum = 0, dev = 0, sq = 0;
	size_t n = 0;

	memset(q, 0, sizeof *q);
	q->self = MODEL_NO_USER;
	if (user != MODEL_NO_USER) {
		if (user >= k->r->n_users)
			return;
		q->self = user;
		q->rated = rmatrix_by_user(k->r, user);
		q->bu = k->bu[user];
		q->mean = k->mean[user];
		q->norm = k->unorm[user];
		return;
	}
	if (you)
		q->rated = you->ratings;    /* signals are not ratings */
	for (size_t x = 0; x < q->rated.n; x++) {
		if (q->rated.idx[x] >= k->r->n_items)
			continue;
		sum += q->rated.val[x];
		dev += q->rated.val[x] - k->mu - k->bi[q->rated.idx[x]];
		n++;
	}
	q->bu = n ? dev / (k->reg + n) : 0;
	q->mean = n ? sum / n : 0;
	for (size_t x = 0; x < q->rated.n; x++)
		if (q->rated.idx[x] < k->r->n_items)
			sq += pow(knn_qcentre(k, q, q->rated.val[x]), 2);
	q->norm = sqrt(sq);
}

/* Order votes best first: larger similarity, then smaller index. */
static int knn_nb_cmp(const void *pa, const void *pb)
{
	const struct knn_nb *a = pa, *b = pb;

	if (a->s != b->s)
		return a->s > b->s ? -1 : 1;
	return (a->who > b->who) - (a->who < b->who);
}

/* Sort votes best first and keep the k best (all when k is 0). */
static size_t knn_keep_best(struct knn_nb *v, size_t n, uint32_t k)
{
	qsort(v, n, sizeof *v, knn_nb_cmp);
	return k && n > k ? k : n;
}

/* The weighted mean deviation of the votes, 0 when there are none. */
static double knn_vote(const struct knn_nb *v, size_t n)
{
	double num = 0, den = 0;

	for (size_t x = 0; x < n; x++) {
		num += (double)v[x].s * v[x].d;
		den += v[x].s;
	}
	return den > 0 ? num / (den + KNN_DAMP) : 0;
}

/* Item-kNN: the votes of the query user's rated items for item j, best
 * first, at most k. out holds q->rated.n entries. */
static size_t knn_item_votes(const struct knn *k, const struct knn_query *q,
			     uint32_t j, struct knn_nb *out)
{
	struct knn_acc a;
	size_t n = 0;

	acc_init(&a, k->r->n_items);
	knn_item_row(k, j, &a);
	for (size_t x = 0; x < q->rated.n; x++) {
		uint32_t i = q->rated.idx[x];
		double s;

		if (i >= k->r->n_items || i == j || a.cnt[i] == 0 ||
		    !knn_sim(k, a.dot[i], k->inorm[j], k->inorm[i],
			     a.cnt[i], &s) || !(s > 0))
			continue;
		out[n++] = (struct knn_nb){ (float)s,
			(float)(q->rated.val[x] - knn_base(k, q, i)),
			q->rated.val[x], i };
	}
	acc_free(&a);
	return knn_keep_best(out, n, k->k);
}

/* User-kNN: the votes of the raters of item j most similar to the query
 * user, best first, at most k. out holds j's rating count. */
static size_t knn_user_votes(const struct knn *k, const struct knn_query *q,
			     uint32_t j, struct knn_nb *out)
{
	struct rvec col = rmatrix_by_item(k->r, j);
	struct knn_acc a;
	size_t n = 0;

	acc_init(&a, k->r->n_users);
	knn_user_row(k, q, &a);
	for (size_t y = 0; y < col.n; y++) {
		uint32_t v = col.idx[y];
		double s;

		if (v == q->self || a.cnt[v] == 0 ||
		    !knn_sim(k, a.dot[v], q->norm, k->unorm[v], a.cnt[v],
			     &s) || !(s > 0))
			continue;
		out[n++] = (struct knn_nb){ (float)s,
			(float)(col.val[y] - k->mu - k->bu[v] - k->bi[j]),
			col.val[y], v };
	}
	acc_free(&a);
	return knn_keep_best(out, n, k->k);
}

/* The votes for item j of whichever kind k is, into a malloc'd array. */
static size_t knn_votes_for(const struct knn *k, const struct knn_query *q,
			    uint32_t j, struct knn_nb **out)
{
	size_t cap = k->user_based ? rmatrix_by_item(k->r, j).n
				   : q->rated.n;

	*out = xmalloc((cap ? cap : 1) * sizeof **out);
	if (k->user_based)
		return knn_user_votes(k, q, j, *out);
	return knn_item_votes(k, q, j, *out);
}

/* Fit mu and the regularised biases by alternating passes:
 * bj = sum(r - mu - bu) / (lambda + n_j), then bu likewise. */
static void knn_fit_biases(struct knn *k)
{
	const struct rmatrix *r = k->r;
	double sum = 0;

	for (uint64_t x = 0; x < r->nnz; x++)
		sum += r->user_val[x];
	k->mu = r->nnz ? sum / r->nnz : 0;
	for (int pass = 0; pass < KNN_BIAS_PASSES; pass++) {
		for (uint32_t i = 0; i < r->n_items; i++) {
			struct rvec c = rmatrix_by_item(r, i);
			double s = 0;

			for (size_t x = 0; x < c.n; x++)
				s += c.val[x] - k->mu - k->bu[c.idx[x]];
			k->bi[i] = c.n ? (float)(s / (k->reg + c.n)) : 0;
		}
		for (uint32_t u = 0; u < r->n_users; u++) {
			struct rvec w = rmatrix_by_user(r, u);
			double s = 0;

			for (size_t x = 0; x < w.n; x++)
				s += w.val[x] - k->mu - k->bi[w.idx[x]];
			k->bu[u] = w.n ? (float)(s / (k->reg + w.n)) : 0;
		}
	}
}

/* Each user's mean, then the norms of the centred rows and columns. */
static void knn_fit_norms(struct knn *k)
{
	const struct rmatrix *r = k->r;
	double *isq = xcalloc(r->n_items ? r->n_items : 1, sizeof *isq);

	for (uint32_t u = 0; u < r->n_users; u++) {
		struct rvec w = rmatrix_by_user(r, u);
		double sum = 0, sq = 0;

		for (size_t x = 0; x < w.n; x++)
			sum += w.val[x];
		k->mean[u] = w.n ? (float)(sum / w.n) : 0;
		for (size_t x = 0; x < w.n; x++) {
			double c = knn_centre(k, u, w.val[x]);

			sq += c * c;
			isq[w.idx[x]] += c * c;
		}
		k->unorm[u] = (float)sqrt(sq);
	}
	for (uint32_t i = 0; i < r->n_items; i++)
		k->inorm[i] = (float)sqrt(isq[i]);
	free(isq);
}

/* The model state over the training matrix r, from the settings. */
static struct knn *knn_build(const struct model_params *p, bool user_based,
			     const struct rmatrix *r, const struct scale *sc)
{
	struct knn *k = xcalloc(1, sizeof *k);
	size_t nu = r->n_users ? r->n_users : 1;
	size_t ni = r->n_items ? r->n_items : 1;

	k->r = r;
	k->user_based = user_based;
	k->centred = p->centred;
	k->k = p->neighbours > 0 ? (uint32_t)p->neighbours : 0;
	k->shrink = p->shrink > 0 ? p->shrink : 0;
	k->reg = p->reg_bias > 0 ? p->reg_bias : 0;
	k->like = (float)(sc->min + 0.75 * (sc->max - sc->min));
	k->bu = xcalloc(nu, sizeof *k->bu);
	k->mean = xcalloc(nu, sizeof *k->mean);
	k->unorm = xcalloc(nu, sizeof *k->unorm);
	k->bi = xcalloc(ni, sizeof *k->bi);
	k->inorm = xcalloc(ni, sizeof *k->inorm);
	knn_fit_biases(k);
	knn_fit_norms(k);
	return k;
}

/* Free a model state (the training matrix is the caller's). */
static void knn_destroy(struct knn *k)
{
	if (!k)
		return;
	free(k->bu);
	free(k->bi);
	free(k->mean);
	free(k->unorm);
	free(k->inorm);
	free(k);
}

/* The scale of the catalogue, or the generic one without a catalogue. */
static void knn_set_scale(struct model *m, const struct catalog *cat)
{
	if (cat)
		m->scale = cat->scale;
	else if (!(m->scale.max > m->scale.min))
		m->scale = SCALE_GENERIC;
}

/* Fit either kind: biases, means and norms over the training matrix. */
static int knn_fit(struct model *m, const struct fit_data *d,
		   bool user_based, char *err, size_t errlen)
{
	if (!d || !d->train) {
		xsnprintf(err, errlen, "%s", _("no training ratings given"));
		return -1;
	}
	if (d->cat && d->cat->n_items != d->train->n_items) {
		xsnprintf(err, errlen,
			  _("training matrix has %u items, catalogue %u"),
			  d->train->n_items, d->cat->n_items);
		return -1;
	}
	knn_destroy(m->state);
	knn_set_scale(m, d->cat);
	m->cat = d->cat;
	m->n_users = d->train->n_users;
	m->n_items = d->train->n_items;
	m->train = d->train;
	m->state = knn_build(&m->params, user_based, d->train, &m->scale);
	return 0;
}

/* user-kNN's fit. */
static int user_knn_fit(struct model *m, const struct fit_data *d,
			char *err, size_t errlen)
{
	return knn_fit(m, d, true, err, errlen);
}

/* item-kNN's fit. */
static int item_knn_fit(struct model *m, const struct fit_data *d,
			char *err, size_t errlen)
{
	return knn_fit(m, d, false, err, errlen);
}

/* Baseline plus neighbour deviations; false for a cold user or item. */
static bool knn_predict(const struct model *m, uint32_t user,
			const struct model_you *you, uint32_t item,
			double *out)
{
	const struct knn *k = m->state;
	struct knn_query q;
	struct knn_nb *v;
	size_t n;
	double p;

	if (!k || item >= k->r->n_items ||
	    rmatrix_by_item(k->r, item).n == 0)
		return false;
	knn_query_init(k, user, you, &q);
	if (q.rated.n == 0)
		return false;
	n = knn_votes_for(k, &q, item, &v);
	p = knn_base(k, &q, item) + knn_vote(v, n);
	free(v);
	if (!isfinite(p))
		return false;
	*out = p;
	return true;
}

/* Collectors for n_items targets keeping k votes each (sums if k = 0). */
static void votes_init(struct knn_votes *v, uint32_t n_items, uint32_t k)
{
	size_t n = n_items ? n_items : 1;

	memset(v, 0, sizeof *v);
	v->k = k;
	if (k) {
		v->heap = xmalloc(n * k * sizeof *v->heap);
		v->n = xcalloc(n, sizeof *v->n);
	} else {
		v->num = xcalloc(n, sizeof *v->num);
		v->den = xcalloc(n, sizeof *v->den);
	}
}

TOPK_DEFINE(nb_top, struct knn_nb, knn_nb_cmp)

/* Offer a vote for target j; with k > 0 only the k best are kept. */
static void votes_offer(struct knn_votes *v, uint32_t j, struct knn_nb nb)
{
	struct knn_nb *h;

	if (!v->k) {
		v->num[j] += (double)nb.s * nb.d;
		v->den[j] += nb.s;
		return;
	}
	h = v->heap + (size_t)j * v->k;
	size_t len = v->n[j];
	nb_top_offer(h, &len, v->k, nb);
	v->n[j] = (uint32_t)len;
}

/* The weighted mean deviation collected for target j. */
static double votes_result(const struct knn_votes *v, uint32_t j)
{
	if (!v->k)
		return v->den[j] > 0 ? v->num[j] / (v->den[j] + KNN_DAMP) : 0;
	return knn_vote(v->heap + (size_t)j * v->k, v->n[j]);
}

/* Release the collectors. */
static void votes_free(struct knn_votes *v)
{
	free(v->heap);
	free(v->n);
	free(v->num);
	free(v->den);
}

/* The positive similarity of item j to item i from i's row a (filled
 * by knn_item_row) into *s; false for i itself and for none. */
static bool knn_item_pos_sim(const struct knn *k, const struct knn_acc *a,
			     uint32_t i, uint32_t j, double *s)
{
	return j != i && knn_sim(k, a->dot[j], k->inorm[i], k->inorm[j],
				 a->cnt[j], s) && *s > 0;
}

/* Item-kNN: each rated item's similarity row votes for every item it
 * is co-rated with. */
static void knn_item_collect(const struct knn *k, const struct knn_query *q,
			     struct knn_votes *v)
{
	struct knn_acc a;

	acc_init(&a, k->r->n_items);
	for (size_t x = 0; x < q->rated.n; x++) {
		uint32_t i = q->rated.idx[x];
		float d;

		if (i >= k->r->n_items)
			continue;
		d = (float)(q->rated.val[x] - knn_base(k, q, i));
		knn_item_row(k, i, &a);
		for (size_t t = 0; t < a.n_touched; t++) {
			uint32_t j = a.touched[t];
			double s;

			if (knn_item_pos_sim(k, &a, i, j, &s))
				votes_offer(v, j, (struct knn_nb){
					(float)s, d, q->rated.val[x], i });
		}
		acc_clear(&a);
	}
	acc_free(&a);
}

/* User-kNN: every similar user votes for each item they rated. */
static void knn_user_collect(const struct knn *k, const struct knn_query *q,
			     struct knn_votes *v)
{
	struct knn_acc a;

	acc_init(&a, k->r->n_users);
	knn_user_row(k, q, &a);
	for (size_t t = 0; t < a.n_touched; t++) {
		uint32_t u = a.touched[t];
		struct rvec row = rmatrix_by_user(k->r, u);
		double s;

		if (!knn_sim(k, a.dot[u], q->norm, k->unorm[u], a.cnt[u],
			     &s) || !(s > 0))
			continue;
		for (size_t y = 0; y < row.n; y++) {
			uint32_t j = row.idx[y];
			float d = (float)(row.val[y] - k->mu - k->bu[u] -
					  k->bi[j]);

			votes_offer(v, j, (struct knn_nb){ (float)s, d,
				row.val[y], u });
		}
	}
	acc_free(&a);
}

/* Scores of every item: the prediction, -INFINITY where none exists. */
static void knn_score_all(const struct model *m, uint32_t user,
			  const struct model_you *you, float *out)
{
	const struct knn *k = m->state;
	struct knn_query q;
	struct knn_votes v;

	for (uint32_t j = 0; j < m->n_items; j++)
		out[j] = -INFINITY;
	if (!k)
		return;
	knn_query_init(k, user, you, &q);
	if (q.rated.n == 0)
		return;
	votes_init(&v, k->r->n_items, k->k);
	if (k->user_based)
		knn_user_collect(k, &q, &v);
	else
		knn_item_collect(k, &q, &v);
	for (uint32_t j = 0; j < k->r->n_items; j++) {
		double p;

		if (rmatrix_by_item(k->r, j).n == 0)
			continue;
		p = knn_base(k, &q, j) + votes_result(&v, j);
		if (isfinite(p))
			out[j] = (float)p;
	}
	votes_free(&v);
}

/* Item-kNN's support for every item (knn.h). */
void knn_support_all(const struct model *m, uint32_t user,
		     const struct model_you *you, float *out)
{
	const struct knn *k = m ? m->state : NULL;
	struct knn_query q;
	struct knn_acc a;

	for (uint32_t j = 0; m && j < m->n_items; j++)
		out[j] = 0;
	if (!k || k->user_based)
		return;
	knn_query_init(k, user, you, &q);
	acc_init(&a, k->r->n_items);
	for (size_t x = 0; x < q.rated.n; x++) {
		uint32_t i = q.rated.idx[x];

		if (i >= k->r->n_items || q.rated.val[x] < k->like)
			continue;
		knn_item_row(k, i, &a);
		for (size_t t = 0; t < a.n_touched; t++) {
			uint32_t j = a.touched[t];
			double s;

			if (knn_item_pos_sim(k, &a, i, j, &s))
				out[j] += (float)s;
		}
		acc_clear(&a);
	}
	acc_free(&a);
}

/* Items most similar to item by co-rating similarity (shrunk), at least
 * KNN_MIN_COMMON co-ratings and a positive similarity, the best n by
 * model_top_n; none for an item of fewer than MODEL_SIM_MIN_RATINGS
 * ratings. User-kNN has no item model of its own and answers with
 * the same list. */
static size_t knn_similar(const struct model *m, uint32_t item,
			  struct scored *out, size_t n)
{
	const struct knn *k = m->state;
	struct knn_acc a;
	float *sc;
	size_t got;

	if (!k || item >= k->r->n_items || n == 0 ||
	    rmatrix_by_item(k->r, item).n < MODEL_SIM_MIN_RATINGS)
		return 0;
	acc_init(&a, k->r->n_items);
	knn_item_row(k, item, &a);
	sc = xmalloc((k->r->n_items ? k->r->n_items : 1) * sizeof *sc);
	for (uint32_t j = 0; j < k->r->n_items; j++)
		sc[j] = -INFINITY;
	for (size_t t = 0; t < a.n_touched; t++) {
		uint32_t j = a.touched[t];
		double s;

		if (a.cnt[j] >= KNN_MIN_COMMON &&
		    knn_item_pos_sim(k, &a, item, j, &s))
			sc[j] = (float)s;
	}
	acc_free(&a);
	got = model_top_n(sc, k->r->n_items, NULL, out, n);
	free(sc);
	return got;
}

/* Users of both items who rated each at least like. */
static uint32_t knn_co_likers(const struct knn *k, uint32_t a, uint32_t b)
{
	struct rvec x = rmatrix_by_item(k->r, a), y = rmatrix_by_item(k->r, b);
	uint32_t n = 0;

	for (size_t i = 0, j = 0; i < x.n && j < y.n;) {
		if (x.idx[i] < y.idx[j]) {
			i++;
		} else if (x.idx[i] > y.idx[j]) {
			j++;
		} else {
			n += x.val[i] >= k->like && y.val[j] >= k->like;
			i++;
			j++;
		}
	}
	return n;
}

/* The vote that pulls the prediction up most (n > 0). */
static size_t knn_best_vote(const struct knn_nb *v, size_t n)
{
	size_t best = 0;

	for (size_t x = 1; x < n; x++)
		if (v[x].s * v[x].d > v[best].s * v[best].d)
			best = x;
	return best;
}

/* "rated highly by 41 who liked The Matrix (1999)": the neighbour that
 * pulls the prediction up most, and the people who liked both; without
 * them, "similar to" it (for you, "which you rated"; a query's item
 * was not rated by you). */
static size_t knn_explain_item(const struct model *m, const struct knn *k,
			       const struct knn_nb *v, size_t n,
			       uint32_t item, bool query, char *buf,
			       size_t len)
{
	size_t best;
	char label[256];
	uint32_t co;

	if (n == 0)
		return xsnprintf(buf, len, "%s",
				 _("no similar item among your ratings"));
	best = knn_best_vote(v, n);
	if (m->cat)
		catalog_item_label(m->cat, v[best].who, label, sizeof label);
	else
		xsnprintf(label, sizeof label, _("item %u"), v[best].who);
	co = knn_co_likers(k, v[best].who, item);
	if (co == 0 && query)
		return xsnprintf(buf, len, _("similar to %s"), label);
	if (co == 0)
		return xsnprintf(buf, len, _("similar to %s, which you rated"),
				 label);
	return xsnprintf(buf, len, _("rated highly by %u who liked %s"), co,
			 label);
}

/* "liked by 7 of 20 similar users": the neighbours that voted. */
static size_t knn_explain_user(const struct knn *k, const struct knn_nb *v,
			       size_t n, char *buf, size_t len)
{
	uint32_t liked = 0;

	if (n == 0)
		return xsnprintf(buf, len, "%s",
				 _("no similar user rated it"));
	for (size_t x = 0; x < n; x++)
		liked += v[x].r >= k->like;
	return xsnprintf(buf, len, ngettext("liked by %u of %zu similar user",
					    "liked by %u of %zu similar users",
					    n), liked, n);
}

/* A few words on where the score of item for the user comes from. */
static size_t knn_explain(const struct model *m, uint32_t user,
			  const struct model_you *you, uint32_t item,
			  char *buf, size_t len)
{
	const struct knn *k = m->state;
	struct knn_query q;
	struct knn_nb *v;
	size_t n, r;

	if (!k || item >= k->r->n_items ||
	    rmatrix_by_item(k->r, item).n == 0)
		return xsnprintf(buf, len, "%s",
				 _("n/a: nobody has rated it yet"));
	knn_query_init(k, user, you, &q);
	if (q.rated.n == 0)
		return xsnprintf(buf, len, "%s", _("n/a: no ratings yet"));
	n = knn_votes_for(k, &q, item, &v);
	if (k->user_based)
		r = knn_explain_user(k, v, n, buf, len);
	else
		r = knn_explain_item(m, k, v, n, item, you && you->query, buf,
				     len);
	free(v);
	return r;
}

/* The evidence of item-kNN's reason (knn.h). */
uint32_t knn_co_liked(const struct model *m, uint32_t user,
		      const struct model_you *you, uint32_t item,
		      uint32_t *neighbour)
{
	const struct knn *k = m ? m->state : NULL;
	struct knn_query q;
	struct knn_nb *v;
	uint32_t co = 0;
	size_t n;

	if (!k || k->user_based || item >= k->r->n_items ||
	    rmatrix_by_item(k->r, item).n == 0)
		return 0;
	knn_query_init(k, user, you, &q);
	if (q.rated.n == 0)
		return 0;
	n = knn_votes_for(k, &q, item, &v);
	if (n > 0) {
		*neighbour = v[knn_best_vote(v, n)].who;
		co = knn_co_likers(k, *neighbour, item);
	}
	free(v);
	return co;
}

/* Similarity from two sorted sparse vectors and their norms. */
static bool knn_pair(const struct knn *k, struct rvec a, struct rvec b,
		     bool a_users, uint32_t ua, uint32_t ub, double na,
		     double nb, double *out)
{
	double dot = 0;
	uint32_t n = 0;

	for (size_t i = 0, j = 0; i < a.n && j < b.n;) {
		if (a.idx[i] != b.idx[j]) {
			a.idx[i] < b.idx[j] ? i++ : j++;
			continue;
		}
		/* For items, a.idx are users; for users, ua/ub are. */
		uint32_t wa = a_users ? a.idx[i] : ua;
		uint32_t wb = a_users ? b.idx[j] : ub;

		dot += knn_centre(k, wa, a.val[i]) *
		       knn_centre(k, wb, b.val[j]);
		n++;
		i++;
		j++;
	}
	return knn_sim(k, dot, na, nb, n, out);
}

/* Similarity of two training users (knn.h). */
bool knn_user_similarity(const struct model *m, uint32_t u, uint32_t v,
			 double *out)
{
	const struct knn *k = m->state;

	if (!k || u >= k->r->n_users || v >= k->r->n_users)
		return false;
	return knn_pair(k, rmatrix_by_user(k->r, u), rmatrix_by_user(k->r, v),
			false, u, v, k->unorm[u], k->unorm[v], out);
}

/* Similarity of two items (knn.h). */
bool knn_item_similarity(const struct model *m, uint32_t i, uint32_t j,
			 double *out)
{
	const struct knn *k = m->state;

	if (!k || i >= k->r->n_items || j >= k->r->n_items)
		return false;
	return knn_pair(k, rmatrix_by_item(k->r, i), rmatrix_by_item(k->r, j),
			true, 0, 0, k->inorm[i], k->inorm[j], out);
}

/* Payload: tag, kind, settings, scale. */
static int knn_save(const struct model *m, FILE *f)
{
	const struct knn *k = m->state;
	uint8_t ub;
	double sc[3] = { m->scale.min, m->scale.max, m->scale.step };

	if (!k)
		return -1;
	ub = k->user_based;
	if (store_put_tag(f, "tknn", KNN_VERSION) != 0 ||
	    store_put(f, &ub, 1, 1) != 0 ||
	    store_put_params(f, &m->params) != 0 ||
	    store_put(f, sc, sizeof sc[0], 3) != 0)
		return -1;
	return 0;
}

/* Read the payload back and recompute biases, means and norms from
 * the catalogue's ratings, which model_load has checked. */
static int knn_load(struct model *m, FILE *f, char *err, size_t errlen)
{
	uint8_t ub;
	double sc[3];

	if (store_check_tag(f, "tknn", KNN_VERSION, err, errlen) != 0 ||
	    store_get(f, &ub, 1, 1, err, errlen) != 0 ||
	    store_get_params(f, &m->params, err, errlen) != 0 ||
	    store_get(f, sc, sizeof sc[0], 3, err, errlen) != 0)
		return -1;
	if ((ub != 0) != (m->ops == &user_knn_ops)) {
		xsnprintf(err, errlen, "%s",
			  _("model file holds another kind of model"));
		return -1;
	}
	if (!m->train || m->train->n_items != m->n_items) {
		xsnprintf(err, errlen, "%s",
			  _("a kNN model is loaded with the catalogue it was "
			    "trained on"));
		return -1;
	}
	knn_destroy(m->state);
	m->scale = (struct scale){ sc[0], sc[1], sc[2] };
	m->state = knn_build(&m->params, ub, m->train, &m->scale);
	return 0;
}

/* Free the kind's state. */
static void knn_free(struct model *m)
{
	knn_destroy(m->state);
	m->state = NULL;
}

const struct model_ops user_knn_ops = {
	.name = "user-knn",
	.fit = user_knn_fit,
	.predict = knn_predict,
	.score_all = knn_score_all,
	.similar = knn_similar,
	.explain = knn_explain,
	.save = knn_save,
	.load = knn_load,
	.free = knn_free,
};

const struct model_ops item_knn_ops = {
	.name = "item-knn",
	.fit = item_knn_fit,
	.predict = knn_predict,
	.score_all = knn_score_all,
	.similar = knn_similar,
	.explain = knn_explain,
	.save = knn_save,
	.load = knn_load,
	.free = knn_free,
};
