/* SPDX-License-Identifier: GPL-3.0-or-later */
/* matrix: the sparse rating matrix, stored twice, CSR by user and CSC by
 * item (4-byte index + 4-byte value per rating in each), so neither
 * orientation is ever computed from the other on a hot path. Built from
 * triplets after duplicates are resolved; values are never summed. */
#ifndef TASTE_MATRIX_H
#define TASTE_MATRIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct triplet {
	uint32_t user, item;
	float value;
	int64_t ts;         /* INT64_MIN when the source has none */
	uint64_t seq;       /* order of arrival, breaks timestamp ties */
};

struct triplets {
	struct triplet *v;
	size_t n, cap;
};

enum dup_policy { DUP_LATEST, DUP_FIRST, DUP_MEAN, DUP_ERROR };

struct dup_stats {
	uint64_t pairs;        /* distinct pairs that occurred more than once */
	uint64_t conflicting;  /* ... whose values differ */
	uint64_t identical;
};

void triplets_push(struct triplets *t, uint32_t user, uint32_t item,
		   float value, int64_t ts);
void triplets_free(struct triplets *t);
/* Sort by (user, item) and keep one row per pair by policy: LATEST keeps
 * the highest timestamp, ties and missing timestamps by later arrival.
 * Returns -1 only for DUP_ERROR when a duplicate exists. */
int triplets_resolve(struct triplets *t, enum dup_policy policy,
		     struct dup_stats *st);

struct rmatrix {
	uint32_t n_users, n_items;
	uint64_t nnz;
	uint64_t *user_ptr;  /* n_users + 1 */
	uint32_t *user_item; /* items of each user, ascending */
	float *user_val;
	uint64_t *item_ptr;  /* n_items + 1 */
	uint32_t *item_user; /* users of each item, ascending */
	float *item_val;
};

/* A row (user's ratings) or column (item's ratings). */
struct rvec {
	size_t n;
	const uint32_t *idx;
	const float *val;
};

/* Build from resolved triplets (one per pair); sizes are the id counts,
 * so users and items without ratings still exist. */
struct rmatrix *rmatrix_build(const struct triplets *t, uint32_t n_users,
			      uint32_t n_items);
void rmatrix_free(struct rmatrix *m);
struct rvec rmatrix_by_user(const struct rmatrix *m, uint32_t user);
struct rvec rmatrix_by_item(const struct rmatrix *m, uint32_t item);
/* Binary search for (user, item); false when not rated. */
bool rmatrix_get(const struct rmatrix *m, uint32_t user, uint32_t item,
		 float *value);
size_t rmatrix_bytes(const struct rmatrix *m);
double rmatrix_density(const struct rmatrix *m);

#endif
