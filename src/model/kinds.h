/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kinds: the operations of each model kind, for the registry in model.c
 * only. Callers use model.h. */
#ifndef TASTE_MODEL_KINDS_H
#define TASTE_MODEL_KINDS_H

#include <stdio.h>

#include "model/model.h"

extern const struct model_ops baseline_ops;
extern const struct model_ops user_knn_ops;
extern const struct model_ops item_knn_ops;
extern const struct model_ops als_ops;
extern const struct model_ops ials_ops;
extern const struct model_ops content_ops;
extern const struct model_ops hybrid_ops;

/* Little-endian payload I/O for the kinds' save and load (model.c):
 * 0 on success, -1 on a short read or write. */
int model_write_u32(FILE *f, const uint32_t *v, size_t n);
int model_write_f32(FILE *f, const float *v, size_t n);
int model_write_f64(FILE *f, const double *v, size_t n);
int model_read_u32(FILE *f, uint32_t *v, size_t n);
int model_read_f32(FILE *f, float *v, size_t n);
int model_read_f64(FILE *f, double *v, size_t n);

/* The community's implicit signals (catalog.h: catalog.implicit) that
 * a fit of kind k trains on beside train: iALS only, and only when the
 * matrix has train's shape; NULL otherwise. The fingerprint of such a
 * model covers them. */
const struct rmatrix *model_fit_signals(enum model_kind k,
					const struct catalog *cat,
					const struct rmatrix *train);

/* RMSE of the model's clamped predictions over the rows of v it can
 * predict (the others are cold and left out); false when there are
 * none. Used for the per-epoch validation figure. */
bool model_valid_rmse(const struct model *m, const struct triplets *v,
		      double *out);

#endif
