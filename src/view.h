/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view: the Browse table as data: which items, in what order, and the
 * text of each cell. Sorting is stable, numbers as numbers, empty cells
 * last in both directions. The filter keeps rows whose folded text (or
 * one column's, with "col:words") holds every word as a prefix. */
#ifndef TASTE_VIEW_H
#define TASTE_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "profile.h"

enum view_col {
	COL_TITLE,
	COL_YEAR,
	COL_CREATORS,   /* books only */
	COL_GENRES,     /* genres or tags */
	COL_NRATINGS,
	COL_MEAN,
	COL_YOU,
	COL_COUNT
};

struct view {
	const struct catalog *cat;
	const struct profile *prof;
	uint32_t *rows;        /* item indices shown, in order */
	uint32_t n_rows;
	enum view_col sort_col;
	bool sort_desc;
	char *filter;          /* NULL or the filter text */
	struct view_cache *cache;  /* private: order, folded cells */
};

/* All items, sorted by number of ratings, most first; p may be NULL
 * (no "you" column values). */
void view_init(struct view *v, const struct catalog *c,
	       const struct profile *p);
void view_free(struct view *v);
/* Columns that make sense for the catalogue (no creators for movies). */
size_t view_columns(const struct view *v, enum view_col *out, size_t max);
const char *view_col_name(enum view_col col);  /* translated header */
/* Sort all rows by col; re-applies the current filter. Rows that tie
 * keep their previous order (the first order is the catalogue's), so
 * sorting by year after title gives titles in order within a year. */
void view_sort(struct view *v, enum view_col col, bool desc);
/* Set (or clear with NULL/"") the filter; returns rows kept.
 * "words" keeps rows whose title, year, creators, series, genres or tags
 * start a word with each word (folded: case and accents ignored).
 * "col:words" looks in one column only; col is title, year, creators
 * (or author, authors), genres (or genre, tags), ratings, mean or you.
 * On the number columns (year, ratings, mean, you) the words are a
 * prefix of the cell ("year:199") or a comparison: ">2000", ">=4",
 * "<10", "<=3.5", "=1999", or a range "1990..1999". */
uint32_t view_filter(struct view *v, const char *text);
/* The next row after from (dir +1) or before it (dir -1), wrapping,
 * whose title matches query as in search; -1 when none. */
int64_t view_find(const struct view *v, const char *query, int64_t from,
		  int dir);
/* Text of a cell ("" when empty); ascii picks "4.5" over stars. */
size_t view_cell(const struct view *v, uint32_t item, enum view_col col,
		 bool ascii, char *buf, size_t n);

/* A frequency table of one column over the rows shown: genres and tags
 * count each value, numbers count each distinct value. */
struct freq_entry {
	char *value;
	uint32_t count;
};
struct freq_table {
	struct freq_entry *v;
	size_t n;
	uint32_t total;        /* rows counted */
	uint32_t empty;        /* rows with an empty cell */
};
void view_freq(const struct view *v, enum view_col col,
	       struct freq_table *out);
void freq_free(struct freq_table *t);

#endif
