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

/* Which rule of search_title found the candidates. */
enum search_rule {
	SEARCH_NOTHING,    /* no item matches */
	SEARCH_EXACT,      /* the title or label, as catalog_title_matches
			      (also "Matrix, The (1999)") */
	SEARCH_BARE,       /* the title without its leading article, with
			      or without the year: "Matrix", "matrix 1999" */
	SEARCH_WORDS       /* every word starts a word, as search_items */
};

/* The items a title typed by a person can mean, for commands such as
 * 'taste rate TITLE': the first rule of SEARCH_EXACT, SEARCH_BARE and
 * SEARCH_WORDS that matches anything decides. Returns how many items
 * it matches in all and puts the best max of them in out (exact and
 * bare matches most rated first, words in search_items' order). One
 * match is the item; several are for the person to pick from, never
 * to guess. *rule (when not NULL) says which rule decided. */
size_t search_title(const struct catalog *c, const char *title,
		    uint32_t *out, size_t max, enum search_rule *rule);

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
