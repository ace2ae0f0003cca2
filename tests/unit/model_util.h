/* SPDX-License-Identifier: GPL-3.0-or-later */
/* model_util: small rating matrices for the model tests, from a handed
 * case file or from a list of (user, item, rating) written in the test,
 * and a catalogue around them (ids, titles, scale) for the tests that
 * need one (fingerprints, explanations). */
#ifndef TASTE_TEST_MODEL_UTIL_H
#define TASTE_TEST_MODEL_UTIL_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "intern.h"
#include "matrix.h"
#include "model/model.h"
#include "ratings_file.h"
#include "util.h"
#include "fixture.h"

/* |a - b| <= eps for doubles (cmocka 1.1.5 compares floats only); cmocka.h
 * must come first. */
#define assert_near(a, b, eps) \
	near_check((double)(a), (double)(b), (eps), __FILE__, __LINE__)

static inline void near_check(double a, double b, double eps,
			      const char *file, int line)
{
	if (fabs(a - b) <= eps)
		return;
	print_error("%.17g != %.17g (within %g)\n", a, b, eps);
	_fail(file, line);
}

struct tdata {
	struct intern *users, *items;
	struct triplets t;
	struct rmatrix *m;
	struct catalog cat;
};

/* A catalogue over the data's ids, titled "Item <id>", on scale sc. */
static inline void tdata_catalog(struct tdata *d, const struct scale *sc)
{
	uint32_t n = intern_count(d->items);

	memset(&d->cat, 0, sizeof d->cat);
	d->cat.name = (char *)"test";
	d->cat.item_ids = d->items;
	d->cat.user_ids = d->users;
	d->cat.n_items = n;
	d->cat.m = d->m;
	d->cat.scale = *sc;
	d->cat.has_ratings = true;
	d->cat.items = xcalloc(n ? n : 1, sizeof *d->cat.items);
	for (uint32_t i = 0; i < n; i++) {
		d->cat.items[i].id = i;
		d->cat.items[i].title = xasprintf("Item %s",
						  intern_str(d->items, i));
	}
}

/* Build the matrix once the triplets are in. */
static inline void tdata_finish(struct tdata *d)
{
	struct dup_stats st;

	triplets_resolve(&d->t, DUP_LATEST, &st);
	d->m = rmatrix_build(&d->t, intern_count(d->users),
			     intern_count(d->items));
	tdata_catalog(d, &SCALE_GENERIC);
}

/* Add one rating by id strings. */
static inline void tdata_add(struct tdata *d, const char *user,
			     const char *item, float value)
{
	uint32_t u = intern_add(d->users, user, strlen(user), NULL);
	uint32_t i = intern_add(d->items, item, strlen(item), NULL);

	triplets_push(&d->t, u, i, value, INT64_MIN);
}

static inline void tdata_init(struct tdata *d)
{
	memset(d, 0, sizeof *d);
	d->users = intern_new();
	d->items = intern_new();
}

/* A handed case file (tests/fixtures/cases/NAME) as data. */
static inline int tdata_case(struct tdata *d, const char *name)
{
	struct ratings_opts o;
	struct ratings r;
	char err[256];

	tdata_init(d);
	ratings_opts_default(&o);
	if (ratings_load(fixture(name), &o, &r, err, sizeof err) != 0) {
		fprintf(stderr, "%s: %s\n", name, err);
		ratings_free(&r);
		return -1;
	}
	for (size_t j = 0; j < r.t.n; j++) {
		const struct triplet *t = &r.t.v[j];

		tdata_add(d, intern_str(r.users, t->user),
			  intern_str(r.items, t->item), t->value);
	}
	ratings_free(&r);
	tdata_finish(d);
	return 0;
}

/* A random matrix: each of nu users rates about per_user of ni items,
 * values on 1..5 with a user and an item tendency. Deterministic. */
static inline void tdata_random(struct tdata *d, uint32_t nu, uint32_t ni,
				uint32_t per_user, uint64_t seed)
{
	char a[32], b[32];

	tdata_init(d);
	for (uint32_t u = 0; u < nu; u++) {
		for (uint32_t j = 0; j < per_user; j++) {
			uint32_t i;
			int v;

			seed = seed * 6364136223846793005ULL +
			       1442695040888963407ULL;
			i = (uint32_t)((seed >> 33) % ni);
			v = (int)((u * 7 + i * 3 + (seed >> 60)) % 5) + 1;
			snprintf(a, sizeof a, "u%u", u);
			snprintf(b, sizeof b, "i%u", i);
			tdata_add(d, a, b, (float)v);
		}
	}
	tdata_finish(d);
}

static inline void tdata_free(struct tdata *d)
{
	for (uint32_t i = 0; i < d->cat.n_items; i++)
		free(d->cat.items[i].title);
	free(d->cat.items);
	rmatrix_free(d->m);
	triplets_free(&d->t);
	intern_free(d->users);
	intern_free(d->items);
}

static inline uint32_t tdata_item(const struct tdata *d, const char *id)
{
	return intern_find(d->items, id);
}

static inline uint32_t tdata_user(const struct tdata *d, const char *id)
{
	return intern_find(d->users, id);
}

/* Fit a model of kind k with p on d (catalogue attached when with_cat). */
static inline struct model *tdata_fit(struct tdata *d, enum model_kind k,
				      const struct model_params *p,
				      bool with_cat, char *err, size_t errlen,
				      int *rc)
{
	struct model *m = model_new(k, p);
	struct fit_data fd = { d->m, with_cat ? &d->cat : NULL, NULL };

	*rc = model_fit(m, &fd, err, errlen);
	return m;
}

#endif
