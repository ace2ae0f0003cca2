/* SPDX-License-Identifier: GPL-3.0-or-later */
/* model2_util: catalogues with item features for the kNN, content and
 * hybrid tests, built on model_util's tdata: items from a handed item
 * file (02-cold-start-items.csv) or written in the test, ratings from a
 * handed case file on a declared scale, and features (genres, tags,
 * creators, series) set by hand. */
#ifndef TASTE_TEST_MODEL2_UTIL_H
#define TASTE_TEST_MODEL2_UTIL_H

#include <math.h>

#include "csvread.h"
#include "model_util.h"
#include "text.h"

struct m2 {
	struct tdata d;
	char **title;          /* raw MovieLens-style title per item */
	char **genres;
	size_t n, cap;
};

static inline void m2_init(struct m2 *m)
{
	memset(m, 0, sizeof *m);
	tdata_init(&m->d);
}

/* Add an item by id with a raw title ("Alpha Story (2001)") and genres
 * ("A|B", or NULL). */
static inline uint32_t m2_item(struct m2 *m, const char *id,
			       const char *title, const char *genres)
{
	uint32_t i = intern_add(m->d.items, id, strlen(id), NULL);

	if (i >= m->cap) {
		size_t old = m->cap;

		m->cap = (i + 1) * 2;
		m->title = xrealloc(m->title, m->cap * sizeof *m->title);
		m->genres = xrealloc(m->genres, m->cap * sizeof *m->genres);
		for (size_t j = old; j < m->cap; j++)
			m->title[j] = m->genres[j] = NULL;
	}
	free(m->title[i]);
	free(m->genres[i]);
	m->title[i] = title ? xstrdup(title) : NULL;
	m->genres[i] = genres ? xstrdup(genres) : NULL;
	if (i >= m->n)
		m->n = i + 1;
	return i;
}

/* csvread callback: one row "item_id,title,genres" of an item file. */
static inline int m2_item_row(void *ctx, uint64_t line, char **f, size_t n)
{
	if (line == 1 || n < 3)
		return 0;
	m2_item(ctx, f[0], f[1], f[2]);
	return 0;
}

/* Items of a handed item file, in file order. */
static inline int m2_items_csv(struct m2 *m, const char *name)
{
	struct csvfile f;
	char err[256];
	int rc;

	if (csvread_open(&f, fixture(name), NULL, err, sizeof err) != 0) {
		fprintf(stderr, "%s: %s\n", name, err);
		return -1;
	}
	rc = csvread_each(&f, m2_item_row, m, err, sizeof err);
	csvread_close(&f);
	return rc;
}

/* Ratings of a handed case file read on scale sc. */
static inline int m2_ratings_csv(struct m2 *m, const char *name,
				 const struct scale *sc)
{
	struct ratings_opts o;
	struct ratings r;
	char err[256];

	ratings_opts_default(&o);
	o.scale = sc;
	if (ratings_load(fixture(name), &o, &r, err, sizeof err) != 0) {
		fprintf(stderr, "%s: %s\n", name, err);
		ratings_free(&r);
		return -1;
	}
	for (size_t j = 0; j < r.t.n; j++)
		tdata_add(&m->d, intern_str(r.users, r.t.v[j].user),
			  intern_str(r.items, r.t.v[j].item),
			  r.t.v[j].value);
	ratings_free(&r);
	return 0;
}

/* Build the matrix and the catalogue (scale sc), titles and genres. */
static inline void m2_finish(struct m2 *m, const struct scale *sc)
{
	struct dup_stats st;
	struct catalog *c = &m->d.cat;

	triplets_resolve(&m->d.t, DUP_LATEST, &st);
	m->d.m = rmatrix_build(&m->d.t, intern_count(m->d.users),
			       intern_count(m->d.items));
	tdata_catalog(&m->d, sc);
	for (uint32_t i = 0; i < c->n_items && i < m->n; i++) {
		struct title_parts tp;

		c->items[i].genres = m->genres[i] ? xstrdup(m->genres[i])
						  : NULL;
		if (!m->title[i])
			continue;
		text_split_movie_title(m->title[i], &tp);
		free(c->items[i].title);
		c->items[i].title = tp.title;
		c->items[i].year = tp.year;
	}
}

/* The index of item id (INTERN_NONE when there is none). */
static inline uint32_t m2_id(struct m2 *m, const char *id)
{
	return tdata_item(&m->d, id);
}

/* Case 02 with one more Comedy (104) that "you" rate: 100 Drama, 101
 * Adventure|Drama, 102 Horror, 103 Comedy (never rated), 104 Comedy;
 * scale 1-5, so the midpoint is 3 and half the range 2. */
static inline void m2_case02(struct m2 *m)
{
	m2_init(m);
	assert_int_equal(m2_items_csv(m, "cases/02-cold-start-items.csv"), 0);
	m2_item(m, "104", "Epsilon Laughs (2012)", "Comedy");
	assert_int_equal(m2_ratings_csv(m, "cases/02-cold-start.csv",
					&SCALE_GENERIC), 0);
	m2_finish(m, &SCALE_GENERIC);
}

static inline void m2_free(struct m2 *m)
{
	for (uint32_t i = 0; i < m->d.cat.n_items; i++) {
		free(m->d.cat.items[i].genres);
		free(m->d.cat.items[i].tags);
		free(m->d.cat.items[i].creators);
		free(m->d.cat.items[i].series);
	}
	for (size_t i = 0; i < m->cap; i++) {
		free(m->title[i]);
		free(m->genres[i]);
	}
	free(m->title);
	free(m->genres);
	tdata_free(&m->d);
}

/* Fit kind k with p on the data (catalogue attached), failing the test
 * on an error. */
static inline struct model *m2_fit(struct m2 *m, enum model_kind k,
				   const struct model_params *p,
				   const struct triplets *valid)
{
	struct model *md = model_new(k, p);
	struct fit_data fd = { m->d.m, &m->d.cat, valid };
	char err[256] = "";

	if (model_fit(md, &fd, err, sizeof err) != 0) {
		fprintf(stderr, "fit %s: %s\n", model_kind_name(k), err);
		model_free(md);
		return NULL;
	}
	return md;
}

/* A user's training row as an rvec (for "you" tests). */
static inline struct rvec m2_row(const struct m2 *m, const char *user)
{
	return rmatrix_by_user(m->d.m, tdata_user(&m->d, user));
}

#endif
