/* SPDX-License-Identifier: GPL-3.0-or-later */
/* synth: the synthetic catalogues, generated in memory and never written
 * to disk. "synthetic" (or "synthetic:25m") has the shape of MovieLens
 * 25M: 162,541 users, 59,047 items, 25 M ratings; "synthetic:1m" and
 * "synthetic:100k" have the shapes of ML-1M and ML-100k, for tests.
 * Users are uniform, item popularity a power law p(i) ~ (i + 100)^-1.3
 * (item 1 is the most rated: about 88 k ratings in the 25 M set, ML-25M's
 * most rated has 81 k), ratings 0.5-5 step 0.5 from a fixed formula, all
 * seeded by splitmix64, so one name always gives the same matrix. Items
 * are titled "Synthetic item 123"; user and item ids are the strings
 * "1".."n". bench_als and catalog_open both draw from here: there is one
 * generator. */
#ifndef TASTE_SYNTH_H
#define TASTE_SYNTH_H

#include <stdint.h>

#include "catalog.h"
#include "matrix.h"

/* The seed catalog_open uses for every synthetic name. */
#define SYNTH_SEED 1

struct synth_shape {
	const char *name;     /* "synthetic:25m" */
	const char *label;    /* "Synthetic, MovieLens 25M shape" */
	uint32_t users, items;
	uint64_t ratings;     /* distinct (user, item) pairs at least */
};

/* The shape a catalogue name asks for: "synthetic" is synthetic:25m;
 * NULL when name is not a synthetic catalogue's. */
const struct synth_shape *synth_shape_of(const char *name);
/* At least s->ratings distinct ratings of shape s from seed. Draws
 * repeat popular pairs, so rounds of draws and duplicate resolution (the
 * first kept, as the importer would) run until the count is reached:
 * the matrix holds a few hundred more than asked for. */
struct rmatrix *synth_matrix(const struct synth_shape *s, uint64_t seed);
/* The whole catalogue of shape s (catalog_open calls it for a synthetic
 * name): items, ids, matrix, item counts and means; no import report,
 * since no file is read. Never fails (allocation failure is fatal). */
struct catalog *synth_catalog(const struct synth_shape *s);

#endif
