/* SPDX-License-Identifier: GPL-3.0-or-later */
/* search: find items as you type. Every query word must be a prefix of
 * a word of the item's folded text (title, year, creators, series), so
 * the search is case- and accent-insensitive. Results rank an exact
 * title first, then titles starting with the query, then by number of
 * ratings, ties by item index. */
#ifndef TASTE_SEARCH_H
#define TASTE_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "catalog.h"

/* Up to max matching item indices into out; returns how many. */
size_t search_items(const struct catalog *c, const char *query,
		    uint32_t *out, size_t max);

#endif
