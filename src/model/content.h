/* SPDX-License-Identifier: GPL-3.0-or-later */
/* content: what the content kind offers beyond model.h, for the hybrid
 * (pairwise similarity for its similar() and MMR, shared features for
 * its reasons) and for the tests (the exact TF-IDF weights). */
#ifndef TASTE_MODEL_CONTENT_H
#define TASTE_MODEL_CONTENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/model.h"

/* Similarity of items a and b (m a fitted content model) in [0, 1]:
 * the dot product of their vectors, the mean of their fields' TF-IDF
 * cosines weighted by the squared field weights (content.c), what
 * similar() ranks by and predict() sums; false ("n/a") when either
 * item has no features. */
bool content_similarity(const struct model *m, uint32_t a, uint32_t b,
			double *out);
/* The plain cosine of the vectors of items a and b, 1 for items alike
 * in every field they have, whatever fields they lack: how alike two
 * listed items are, for diversity (MMR); false when either item has
 * no features. */
bool content_cosine(const struct model *m, uint32_t a, uint32_t b,
		    double *out);
/* The features the user's profile and the item share with the largest
 * weight products, display names joined by ", " ("Sci-Fi, space"), at
 * most three. you: "you" (user MODEL_NO_USER) with signals already
 * cleaned (model.h), or NULL for a training row. Returns the length
 * written, 0 when nothing is shared. */
size_t content_shared(const struct model *m, uint32_t user,
		      const struct model_you *you, uint32_t item, char *buf,
		      size_t n);
/* Which of the items of list[0..n) share with what you liked (what
 * content_shared would name) a genre, tag, creator or series, or two
 * title words: shares[q]. One profile for the whole list; you as for
 * content_shared. A content list for you leaves out the others, whose
 * score is only your mean or a word's chance. */
void content_sharing(const struct model *m, const struct model_you *you,
		     const struct scored *list, size_t n, bool *shares);
/* The smoothed IDF of a token ("g:comedy"), or -1 when unknown. */
double content_idf(const struct model *m, const char *token);
/* The normalised weight of a token in item's vector, 0 when absent. */
double content_weight(const struct model *m, uint32_t item,
		      const char *token);
/* Non-zero features of item (0 for an item without features). */
size_t content_item_size(const struct model *m, uint32_t item);

#endif
