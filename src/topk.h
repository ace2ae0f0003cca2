/* SPDX-License-Identifier: GPL-3.0-or-later */
/* topk: keep the best k of a stream in a bounded heap, O(N log k), then
 * sort them best first. One template for every element type, so the
 * search hits, the model's top-n lists and kNN's neighbour sets share
 * one heap. TOPK_DEFINE(prefix, type, cmp), where cmp(a, b) < 0 when
 * *a ranks before *b (a qsort comparator; ties must be broken by it),
 * defines:
 *   void prefix_offer(type *h, size_t *len, size_t k, type x)
 *       keep x when it is among the best k seen (h holds k);
 *   void prefix_sort(type *h, size_t len)
 *       sort the kept entries best first, in place.
 * The heap's root is the worst entry kept, the one a better one
 * replaces. */
#ifndef TASTE_TOPK_H
#define TASTE_TOPK_H

#include <stddef.h>

#define TOPK_DEFINE(P, T, CMP)                                              \
/* Restore the heap below i: each parent ranks after its children. */   \
static inline void P##_down(T *h, size_t n, size_t i)                    \
{                                                                        \
	for (;;) {                                                       \
		size_t l = 2 * i + 1, w = i;                             \
		T t;                                                     \
		if (l < n && CMP(&h[l], &h[w]) > 0)                      \
			w = l;                                           \
		if (l + 1 < n && CMP(&h[l + 1], &h[w]) > 0)              \
			w = l + 1;                                       \
		if (w == i)                                              \
			return;                                          \
		t = h[i];                                                \
		h[i] = h[w];                                             \
		h[w] = t;                                                \
		i = w;                                                   \
	}                                                                \
}                                                                        \
                                                                         \
static inline void P##_offer(T *h, size_t *len, size_t k, T x)           \
{                                                                        \
	if (*len < k) {                                                  \
		size_t i = (*len)++;                                     \
		h[i] = x;                                                \
		while (i > 0 && CMP(&h[i], &h[(i - 1) / 2]) > 0) {       \
			T t = h[i];                                      \
			h[i] = h[(i - 1) / 2];                           \
			h[(i - 1) / 2] = t;                              \
			i = (i - 1) / 2;                                 \
		}                                                        \
	} else if (k > 0 && CMP(&x, &h[0]) < 0) {                        \
		h[0] = x;                                                \
		P##_down(h, *len, 0);                                    \
	}                                                                \
}                                                                        \
                                                                         \
static inline void P##_sort(T *h, size_t len)                            \
{                                                                        \
	for (size_t e = len; e > 1; e--) {                               \
		T t = h[0];                                              \
		h[0] = h[e - 1];                                         \
		h[e - 1] = t;                                            \
		P##_down(h, e - 1, 0);                                   \
	}                                                                \
}

#endif
