/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_signals: what implicit "seen" signals are worth to the iALS
 * fold-in, on a MovieLens 100k directory.
 *
 *   bench_signals [--seed S] [--test-users F] [--hold F] DIR
 *
 * Protocol: a seeded share F of the users (default 0.2) are test
 * users; iALS (taste's defaults) is fitted on the other users' ratings
 * only, so every test user is folded in, as "you" are. Each test
 * user's ratings are shuffled (seed + user) and the last share --hold
 * (default 0.2) held out; relevant: a held-out rating >= 4. Of the
 * rest, the history, the first share s (s = 0, 0.25, 0.5, 0.75, 1:
 * nested, the same order for every s) lose their rating and become
 * "seen". For each s, P@10 over the test users with a relevant
 * held-out item (a user left with no list counts 0):
 *   without   the fold-in of the remaining ratings; the seen items are
 *             unknown, so they may be listed (a recommender that
 *             ignores watched films);
 *   excluded  the same fold-in, the seen items left out of the list;
 *   with      the remaining ratings and the seen signals folded in
 *             (model_recommend_you): evidence and exclusion.
 * One line per s, "key=value ...", for bench/NOTES.md. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "catalog_cache.h"
#include "eval.h"
#include "model/model.h"
#include "util.h"

#define K 10
#define N_SHARES 5

static const double shares[N_SHARES] = { 0, 0.25, 0.5, 0.75, 1 };

struct opts {
	uint64_t seed;
	double test_users, hold;
	const char *dir;
};

/* One test user: the history (shuffled) and the relevant held-out
 * items (ascending). */
struct tuser {
	uint32_t *hist_idx;
	float *hist_val;
	size_t n_hist;
	uint32_t *rel;
	size_t n_rel;
};

/* P@10 sums for one share. */
struct sums {
	double without, excluded, with;
	size_t users;
};

/* Parse the options; false after a usage message. */
static bool parse(int argc, char **argv, struct opts *o)
{
	o->seed = 1;
	o->test_users = 0.2;
	o->hold = 0.2;
	o->dir = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			o->seed = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--test-users") == 0 && i + 1 < argc)
			o->test_users = strtod(argv[++i], NULL);
		else if (strcmp(argv[i], "--hold") == 0 && i + 1 < argc)
			o->hold = strtod(argv[++i], NULL);
		else if (!o->dir && argv[i][0] != '-')
			o->dir = argv[i];
		else
			o->dir = NULL, i = argc;
	}
	if (o->dir && o->test_users > 0 && o->test_users < 1 &&
	    o->hold > 0 && o->hold < 1)
		return true;
	fprintf(stderr, "usage: bench_signals [--seed S] [--test-users F] "
		"[--hold F] DIR\n");
	return false;
}

/* Ascending order of item indices. */
static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* User u's ratings split into history and relevant held-out items. */
static void split_user(const struct rmatrix *m, uint32_t u,
		       const struct opts *o, struct tuser *t)
{
	struct rvec r = rmatrix_by_user(m, u);
	size_t *perm = eval_permutation(r.n, o->seed + u);
	size_t n_hold = (size_t)llround((double)r.n * o->hold);

	t->n_hist = r.n - n_hold;
	t->hist_idx = xmalloc((r.n ? r.n : 1) * sizeof *t->hist_idx);
	t->hist_val = xmalloc((r.n ? r.n : 1) * sizeof *t->hist_val);
	t->rel = xmalloc((r.n ? r.n : 1) * sizeof *t->rel);
	t->n_rel = 0;
	for (size_t j = 0; j < r.n; j++) {
		size_t q = perm[j];

		if (j < t->n_hist) {
			t->hist_idx[j] = r.idx[q];
			t->hist_val[j] = r.val[q];
		} else if (r.val[q] >= 4) {
			t->rel[t->n_rel++] = r.idx[q];
		}
	}
	qsort(t->rel, t->n_rel, sizeof *t->rel, cmp_u32);
	free(perm);
}

/* One history entry, for sorting by item. */
struct entry {
	uint32_t item;
	float value;
};

/* Ascending order of entries by item. */
static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return (x->item > y->item) - (x->item < y->item);
}

/* Entries [lo, hi) of the history sorted by item into idx and val,
 * with value v instead of the rating when v > 0. */
static void sorted_part(const struct tuser *t, size_t lo, size_t hi,
			float v, uint32_t *idx, float *val)
{
	size_t n = hi - lo;
	struct entry *e = xmalloc((n ? n : 1) * sizeof *e);

	for (size_t j = 0; j < n; j++)
		e[j] = (struct entry){ t->hist_idx[lo + j],
				       v > 0 ? v : t->hist_val[lo + j] };
	qsort(e, n, sizeof *e, cmp_entry);
	for (size_t j = 0; j < n; j++) {
		idx[j] = e[j].item;
		val[j] = e[j].value;
	}
	free(e);
}

/* The first n_seen of the history as seen signals, the rest as
 * ratings, each sorted by item (model.h wants indices ascending). */
static void sort_you(const struct tuser *t, size_t n_seen, uint32_t *ri,
		     float *rv, uint32_t *si, float *sv)
{
	sorted_part(t, 0, n_seen, MODEL_SIGNAL_SEEN, si, sv);
	sorted_part(t, n_seen, t->n_hist, 0, ri, rv);
}

/* Precision at K of a list against the user's relevant items. */
static double p_at_k(const struct scored *top, size_t n,
		     const struct tuser *t)
{
	uint32_t list[K];
	struct eval_rank r;

	for (size_t q = 0; q < n; q++)
		list[q] = top[q].item;
	eval_rank_user(list, n, t->rel, t->n_rel, K, &r);
	return r.precision;
}

/* The three lists of one user at one share, added to s. */
static void measure(const struct model *m, const struct tuser *t,
		    double share, struct sums *s)
{
	size_t n_seen = (size_t)llround((double)t->n_hist * share);
	size_t nr = t->n_hist - n_seen, cap = t->n_hist ? t->n_hist : 1;
	uint32_t *ri = xmalloc(cap * sizeof *ri), *si = xmalloc(cap *
								 sizeof *si);
	float *rv = xmalloc(cap * sizeof *rv), *sv = xmalloc(cap *
							      sizeof *sv);
	float *scores = xmalloc(m->n_items * sizeof *scores);
	bool *skip = xcalloc(m->n_items, sizeof *skip);
	struct model_you you = { { nr, ri, rv }, { n_seen, si, sv }, NULL,
				 false };
	struct model_you bare = { { nr, ri, rv }, { 0, NULL, NULL }, NULL,
				  false };
	struct scored top[K];
	size_t n;

	sort_you(t, n_seen, ri, rv, si, sv);
	model_score_you(m, &bare, scores);
	model_you_mark(&bare, skip, m->n_items);
	n = model_top_n(scores, m->n_items, skip, top, K);
	s->without += p_at_k(top, n, t);
	model_you_mark(&you, skip, m->n_items);
	n = model_top_n(scores, m->n_items, skip, top, K);
	s->excluded += p_at_k(top, n, t);
	n = model_recommend_you(m, &you, top, K);
	s->with += p_at_k(top, n, t);
	s->users++;
	free(ri);
	free(rv);
	free(si);
	free(sv);
	free(scores);
	free(skip);
}

/* Fit iALS on the ratings of the users who are not test users. */
static struct model *fit_train(const struct catalog *cat, const bool *test,
			       struct rmatrix **train)
{
	const struct rmatrix *m = cat->m;
	struct triplets t = { 0 };
	struct fit_data fd;
	struct model *md = model_new(MODEL_IALS, NULL);
	char err[256];

	for (uint32_t u = 0; u < m->n_users; u++) {
		struct rvec r = rmatrix_by_user(m, u);

		for (size_t j = 0; !test[u] && j < r.n; j++)
			triplets_push(&t, u, r.idx[j], r.val[j], INT64_MIN);
	}
	*train = rmatrix_build(&t, m->n_users, m->n_items);
	triplets_free(&t);
	fd = (struct fit_data){ *train, cat, NULL };
	if (model_fit(md, &fd, err, sizeof err) != 0) {
		fprintf(stderr, "bench_signals: %s\n", err);
		model_free(md);
		return NULL;
	}
	return md;
}

/* The seeded test users: the first share of a user permutation. */
static bool *pick_test_users(uint32_t n_users, const struct opts *o,
			     size_t *n_test)
{
	size_t *perm = eval_permutation(n_users, o->seed);
	bool *test = xcalloc(n_users ? n_users : 1, sizeof *test);

	*n_test = (size_t)llround((double)n_users * o->test_users);
	for (size_t j = 0; j < *n_test; j++)
		test[perm[j]] = true;
	free(perm);
	return test;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct catalog *cat;
	struct rmatrix *train = NULL;
	struct model *m;
	struct sums s[N_SHARES];
	char err[512];
	size_t n_test;
	bool *test;

	if (!parse(argc, argv, &o))
		return 2;
	catalog_cache_enable(false);
	cat = catalog_open(o.dir, err, sizeof err);
	if (!cat) {
		fprintf(stderr, "bench_signals: %s\n", err);
		return 1;
	}
	test = pick_test_users(cat->m->n_users, &o, &n_test);
	m = fit_train(cat, test, &train);
	if (!m)
		return 1;
	memset(s, 0, sizeof s);
	for (uint32_t u = 0; u < cat->m->n_users; u++) {
		struct tuser t;

		if (!test[u])
			continue;
		split_user(cat->m, u, &o, &t);
		for (int k = 0; t.n_rel && k < N_SHARES; k++)
			measure(m, &t, shares[k], &s[k]);
		free(t.hist_idx);
		free(t.hist_val);
		free(t.rel);
	}
	for (int k = 0; k < N_SHARES; k++)
		printf("signals seed=%llu test_users=%zu ranked=%zu hold=%.2f "
		       "seen_share=%.2f p10_without=%.4f p10_excluded=%.4f "
		       "p10_with=%.4f\n", (unsigned long long)o.seed, n_test,
		       s[k].users, o.hold, shares[k],
		       s[k].without / (double)s[k].users,
		       s[k].excluded / (double)s[k].users,
		       s[k].with / (double)s[k].users);
	model_free(m);
	rmatrix_free(train);
	free(test);
	catalog_free(cat);
	return 0;
}
