/* SPDX-License-Identifier: GPL-3.0-or-later */
/* synth: the synthetic catalogues (see synth.h). The generator draws
 * users uniformly and items by binary search of the popularity CDF,
 * resolves duplicates, and draws again, each round 1.1 times what is
 * still missing, until the count is reached. Its peak memory is the
 * draws (a struct triplet, 32 bytes each, room for 9/8 of the count)
 * plus the finished matrix (16 bytes per rating, both orientations):
 * about 1.5 GB for the 25 M shape, 383 MB of it kept. The ratings are
 * exactly the ones bench_als drew before this module existed (same
 * seed, same order of draws), so its figures stay comparable. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "synth.h"
#include "text.h"
#include "util.h"

static const struct synth_shape synth_shapes[] = {
	{ "synthetic:25m", "Synthetic, MovieLens 25M shape",
	  162541u, 59047u, 25000000u },
	{ "synthetic:1m", "Synthetic, MovieLens 1M shape",
	  6040u, 3706u, 1000000u },
	{ "synthetic:100k", "Synthetic, MovieLens 100k shape",
	  943u, 1682u, 100000u },
};

/* The shape a catalogue name asks for, or NULL. */
const struct synth_shape *synth_shape_of(const char *name)
{
	if (!name)
		return NULL;
	if (strcmp(name, "synthetic") == 0)
		return &synth_shapes[0];
	for (size_t k = 0; k < ARRAY_LEN(synth_shapes); k++)
		if (strcmp(name, synth_shapes[k].name) == 0)
			return &synth_shapes[k];
	return NULL;
}

/* Cumulative power-law popularity p(i) ~ (i + 100)^-1.3: the offset
 * keeps the head from being a handful of items, the exponent gives a
 * long tail like MovieLens's. */
static double *synth_popularity_cdf(uint32_t n_items)
{
	double *cdf = xmalloc(n_items * sizeof *cdf), s = 0;

	for (uint32_t i = 0; i < n_items; i++) {
		s += pow(i + 100.0, -1.3);
		cdf[i] = s;
	}
	for (uint32_t i = 0; i < n_items; i++)
		cdf[i] /= s;
	return cdf;
}

/* An item drawn from the popularity law (binary search of the CDF). */
static uint32_t synth_draw_item(const double *cdf, uint32_t n_items,
				double u)
{
	uint32_t lo = 0, hi = n_items - 1;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Push n random ratings: users uniform, items by the popularity law,
 * values 0.5..5 in steps of 0.5 from the pair and the draw's index. */
static void synth_draw(struct triplets *t, const struct synth_shape *sh,
		       const double *cdf, size_t n, uint64_t *seed)
{
	for (size_t j = 0; j < n; j++) {
		uint32_t u = (uint32_t)(util_rng_next(seed) % sh->users);
		uint32_t i = synth_draw_item(cdf, sh->items,
					     util_rng_uniform(seed));
		float v = (float)(1 + (u * 7 + i * 13 + j) % 10) / 2;

		triplets_push(t, u, i, v, INT64_MIN);
	}
}

/* At least sh->ratings distinct ratings of the shape (see synth.h). */
struct rmatrix *synth_matrix(const struct synth_shape *sh, uint64_t seed)
{
	double *cdf = synth_popularity_cdf(sh->items);
	struct triplets t = { 0 };
	struct dup_stats st;
	struct rmatrix *m;
	size_t want = sh->ratings;

	t.cap = sh->ratings + sh->ratings / 8;
	t.v = xmalloc(t.cap * sizeof *t.v);
	while (t.n < sh->ratings) {
		synth_draw(&t, sh, cdf, want, &seed);
		triplets_resolve(&t, DUP_FIRST, &st);
		want = (sh->ratings - t.n) * 11 / 10 + 1000;
	}
	m = rmatrix_build(&t, sh->users, sh->items);
	triplets_free(&t);
	free(cdf);
	return m;
}

/* The ids "1".."n" as an intern table (index k is id k + 1). */
static struct intern *synth_ids(uint32_t n)
{
	struct intern *t = intern_new();

	for (uint32_t k = 0; k < n; k++) {
		char id[16];
		size_t len = xsnprintf(id, sizeof id, "%u", k + 1);

		intern_add(t, id, len, NULL);
	}
	return t;
}

/* Item k: "Synthetic item <id>", its search text, and its count and
 * mean from the matrix column. */
static void synth_item(struct catalog *c, uint32_t k)
{
	struct item *it = &c->items[k];
	struct rvec col = rmatrix_by_item(c->m, k);
	double sum = 0;

	it->id = k;
	it->title = xasprintf("Synthetic item %u", k + 1);
	it->fold = text_fold(it->title);
	it->fold_title = (uint32_t)strlen(it->fold);
	for (size_t j = 0; j < col.n; j++)
		sum += col.val[j];
	it->n_ratings = (uint32_t)col.n;
	it->mean = col.n ? (float)(sum / (double)col.n) : NAN;
}

/* The catalogue of shape sh, generated with SYNTH_SEED. */
struct catalog *synth_catalog(const struct synth_shape *sh)
{
	double t0 = util_now();
	struct catalog *c = xcalloc(1, sizeof *c);
	char *colon;

	c->name = xstrdup(sh->name);
	c->key = xstrdup(sh->name);      /* a file name: "synthetic-25m" */
	colon = strchr(c->key, ':');
	*colon = '-';
	c->label = xstrdup(sh->label);
	/* no directory: eval's time split, which rereads ratings.csv, then
	 * fails with "cannot open synthetic:25m/ratings.csv" */
	c->dir = xstrdup(sh->name);
	c->kind = CATALOG_MOVIELENS;
	c->scale = SCALE_MOVIELENS;
	c->item_ids = synth_ids(sh->items);
	c->user_ids = synth_ids(sh->users);
	c->m = synth_matrix(sh, SYNTH_SEED);
	c->has_ratings = true;
	c->n_items = sh->items;
	c->items = xcalloc(sh->items, sizeof *c->items);
	for (uint32_t k = 0; k < sh->items; k++)
		synth_item(c, k);
	c->load_seconds = util_now() - t0;
	log_msg("catalog %s: %u items, %u users, %llu ratings generated in "
		"%.3f s, matrix %.0f MB", c->name, c->n_items, c->m->n_users,
		(unsigned long long)c->m->nnz, c->load_seconds,
		rmatrix_bytes(c->m) / 1048576.0);
	return c;
}
