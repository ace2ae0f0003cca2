/* SPDX-License-Identifier: GPL-3.0-or-later */
/* knn: what the kNN kinds offer beyond model.h: the similarity of two
 * users or two items exactly as the model uses it (cosine or centred
 * cosine, then shrinkage), for the tests and for "why" screens. */
#ifndef TASTE_MODEL_KNN_H
#define TASTE_MODEL_KNN_H

#include <stdbool.h>
#include <stdint.h>

#include "model/model.h"

/* Damping of the neighbour term, in units of similarity: a prediction
 * resting on a total similarity of 0.1 moves only half way to its
 * neighbours' mean deviation. With shrunk similarities of 0.05-0.3 this
 * only touches items with few, weak neighbours, which otherwise top
 * every list on one enthusiast's rating. On the ML-100k folds u1 and u3
 * it lowered item-kNN's RMSE (0.930 to 0.926, 0.907 to 0.905) and on u1
 * raised P@10 from 0.10 to 0.15 (user-kNN: from 0.005 to 0.15). */
#define KNN_DAMP 0.1

/* Minimum co-ratings for an item to appear in a kNN similar() list. */
#define KNN_MIN_COMMON 3

/* Similarity of training users u and v (m a fitted user- or item-kNN);
 * false ("n/a") when either vector has norm 0 or they share no item. */
bool knn_user_similarity(const struct model *m, uint32_t u, uint32_t v,
			 double *out);
/* Similarity of items i and j, likewise. */
bool knn_item_similarity(const struct model *m, uint32_t i, uint32_t j,
			 double *out);
/* Item-kNN's evidence for item, as its reason counts it: the item you
 * rated that pulls the prediction up most (*neighbour) and how many
 * users liked both it and item (0 when none did, or when there is no
 * such neighbour; *neighbour is then unset). you as in model_ops. */
uint32_t knn_co_liked(const struct model *m, uint32_t user,
		      const struct model_you *you, uint32_t item,
		      uint32_t *neighbour);

/* Item-kNN's support of every item for a user (you as in model_ops):
 * the sum of its positive similarities to the items the user liked
 * (rated at least 75% up the scale), 0 where there are none: how
 * closely an item is tied to what this user likes, the item-based
 * top-N score of Deshpande and Karypis (2004). out is n_items long;
 * all 0 for user-kNN. */
void knn_support_all(const struct model *m, uint32_t user,
		     const struct model_you *you, float *out);

#endif
