/* SPDX-License-Identifier: GPL-3.0-or-later */
/* search: find items as you type. Every query word must be a prefix of
 * a word of the item's folded text (title, year, creators, series), so
 * the search is case- and accent-insensitive. Results rank an exact
 * title first, then titles starting with the query, then by number of
 * ratings, ties by item index. */
#ifndef TASTE_SEARCH_H
#define TASTE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"

/* Up to max matching item indices into out; returns how many. */
size_t search_items(const struct catalog *c, const char *query,
		    uint32_t *out, size_t max);

/* A query folded and split into words, for matching many texts. */
struct search_query {
	char *fold;            /* the folded query */
	char **words;          /* n NUL-ended words inside buf */
	size_t n;
	char *buf;
};

/* Fold and split text (no words when it folds to nothing). */
void search_query_init(struct search_query *q, const char *text);
void search_query_free(struct search_query *q);
/* True when every word of q is a prefix of a word of the folded text
 * (words separated by single spaces, as text_fold writes them); a
 * query without words matches nothing. */
bool search_query_match(const struct search_query *q, const char *fold);

#endif
