/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hybrid: what the hybrid kind offers beyond model.h: its least-squares
 * solver, the learned blend weights and the cold-start weight, for the
 * tests and for the Train view. The blend itself is described in
 * hybrid.c. */
#ifndef TASTE_MODEL_HYBRID_H
#define TASTE_MODEL_HYBRID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/model.h"

/* The default n0 of the cold-start weight w_cf = n_u/(n_u+n0) *
 * n_i/(n_i+n0): at n0 ratings a side halves the collaborative say. The
 * fit picks n0 from a grid on held-out rows; this is the value kept when
 * there are too few of them. */
#define HYBRID_N0 5.0

/* The blend: the full part for pairs both models score, and the
 * content-only part that takes over as w_cf falls to 0. */
struct hybrid_weights {
	double a0, a_cf, a_kn, a_ct;  /* full: a0 + a_cf cf + a_kn kn +
					 a_ct ct (ALS, item-kNN, content) */
	double b0, b_ct;         /* content only: b0 + b_ct * ct */
	double n0;               /* of the cold-start weight */
	bool learned;            /* false: too few held-out rows, defaults */
	uint32_t n_full;         /* held-out rows each part was fitted on */
	uint32_t n_content;
};

/* Ordinary least squares (SVD, so a rank-deficient design still gives
 * the minimum-norm solution): x is n rows of p features, row-major.
 * beta receives p coefficients. -1 when n < p or the result is not
 * finite. */
int hybrid_lsq(const double *x, const double *y, size_t n, size_t p,
	       double *beta);
/* The weights of a fitted hybrid; false when m is not one. */
bool hybrid_get_weights(const struct model *m, struct hybrid_weights *w);
/* w_cf for a user with n_user ratings and an item with n_item: 0 when
 * either has none. */
double hybrid_cf_weight(double n0, uint32_t n_user, uint32_t n_item);

#endif
