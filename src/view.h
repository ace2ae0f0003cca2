/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view: the Browse table as data: which items, in what order, and the
 * text of each cell. Sorting is stable, numbers as numbers, empty cells
 * last in both directions. The filter is a list of terms that a row
 * must all pass (see view_filter_set).
 *
 * The You column shows your rating, or, for an item you have not rated
 * but have among your signals (import.h: seen or wanted), "seen" or
 * "want". Sorted by You, your ratings come first (by value, in the
 * direction asked), then the items you have seen, then those you want,
 * then the rest, in either direction. */
#ifndef TASTE_VIEW_H
#define TASTE_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "profile.h"

/* The values are stable: a column added later goes before COL_COUNT,
 * and view_columns gives the order to show them in. */
enum view_col {
	COL_TITLE,
	COL_YEAR,
	COL_CREATORS,   /* authors (books) */
	COL_GENRES,     /* genres only (MovieLens genres) */
	COL_NRATINGS,
	COL_MEAN,
	COL_YOU,
	COL_TAGS,       /* the most used tags (MovieLens tags.csv) */
	COL_COUNT
};

struct view {
	const struct catalog *cat;
	const struct profile *prof;
	/* Your signals journal (values IMPORT_SIGNAL_SEEN, _WANT), or
	 * NULL; view_signals sets it. */
	const struct profile *signals;
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
/* Use s (NULL: none) as your signals from now on; sort or filter again
 * to order the rows by it. */
void view_signals(struct view *v, const struct profile *s);
/* What you have said of an item: rated, seen, wanted, or nothing. */
enum view_you { VIEW_YOU_NONE, VIEW_YOU_RATED, VIEW_YOU_SEEN,
		VIEW_YOU_WANT };
enum view_you view_you_state(const struct view *v, uint32_t item);
/* The You column's tag of a signal value: "seen" or "want"
 * (translated). */
const char *view_signal_tag(double signal);
/* The columns to show, in order: Title, Year, Authors, Genres, Tags,
 * #Ratings, Mean, You, leaving out each column that no item of the
 * catalogue fills (no authors for movies; no genres or tags for the
 * bundled books; #Ratings when every count is 0, Mean when no item has
 * one). You is always there. */
size_t view_columns(const struct view *v, enum view_col *out, size_t max);
const char *view_col_name(enum view_col col);  /* translated header */
/* The column's name in filters ("title", "authors", "genres"...), not
 * translated. */
const char *view_col_key(enum view_col col);
/* True for the number columns (year, ratings, mean, you): aligned
 * right, sorted and compared as numbers. */
bool view_col_numeric(enum view_col col);
/* Sort all rows by col; re-applies the current filter. Rows that tie
 * keep their previous order (the first order is the catalogue's), so
 * sorting by year after title gives titles in order within a year. */
void view_sort(struct view *v, enum view_col col, bool desc);
/* Set (or clear with NULL/"") the filter; returns the rows kept, or -1
 * with a message in err when the text is not a filter (the filter and
 * rows are then left as they were). The text is terms separated by
 * spaces, and a row is kept when it passes every term:
 *   word        starts a word of the title, year, authors, series,
 *               genres or tags, folded (case and accents ignored);
 *               "two words" in quotes are two such words
 *   col:word    starts a word of that column's cell; "col: word" is
 *               the same; col:"two words" gives both to the column
 *   col=value   the cell is value, folded; for genres and tags one of
 *               the item's values is (genres=Film-Noir); a value with
 *               spaces is quoted: tags="dark comedy"; col="" keeps the
 *               empty cells. Inside quotes \" is a quote, \\ a
 *               backslash.
 * On the number columns (year, ratings, mean, you) col:text is a prefix
 * of the cell ("year:199") or a comparison: ">2000", ">=4", "<10",
 * "<=3.5", "=1999", or a range "1990..1999"; col=N compares the
 * number shown ("mean=4.5" keeps cells showing 4.50). you=seen and
 * you=want keep the items of that signal that you have not rated
 * (comparisons keep only rated ones).
 * col is title, year, authors (author, creators), genres (genre), tags
 * (tag), ratings, mean or you, without case. A name that is none of
 * these, or a column view_columns leaves out, is an error: "no column
 * foo (columns: title, year, genres, tags, ratings, mean, you)"; so is
 * a comparison that is no number and an unclosed quote. A word ending
 * in a colon that names no column ("Leon: The Professional") is a
 * plain word. */
int64_t view_filter_set(struct view *v, const char *text, char *err,
			size_t errlen);
/* The same check without applying it: 0, or -1 with a message. */
int view_filter_check(const struct view *v, const char *text, char *err,
		      size_t errlen);
/* view_filter_set without the message: an invalid filter is kept as
 * the filter text and keeps no rows. Returns the rows kept. */
uint32_t view_filter(struct view *v, const char *text);
/* The term that keeps the rows whose cell in col is value, for turning
 * a frequency table row into a filter: genres=Film-Noir, year=1999,
 * tags="dark comedy", tags="say \"hi\""; NULL or "" gives col=""
 * (empty cells). Add it to a filter after a space to narrow it.
 * Returns the length. */
size_t view_filter_term(enum view_col col, const char *value, char *buf,
			size_t n);
/* The next row after from (dir +1) or before it (dir -1), wrapping,
 * whose title matches query as in search; -1 when none. */
int64_t view_find(const struct view *v, const char *query, int64_t from,
		  int dir);
/* Text of a cell ("" when empty); ascii picks "4.5" over stars. */
size_t view_cell(const struct view *v, uint32_t item, enum view_col col,
		 bool ascii, char *buf, size_t n);

/* A frequency table of one column over the rows shown: genres and tags
 * count each value (tags that differ only in case or accents as one,
 * under their first spelling), other columns each distinct cell. */
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
