/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stats: dataset statistics for Browse 's' and 'taste stats': counts,
 * density, the rating histogram on the scale's steps, the long tail of
 * ratings per user and per item, the most and best rated items. */
#ifndef TASTE_STATS_H
#define TASTE_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "catalog.h"
#include "plot.h"

struct profile;

#define STATS_TOP 10
/* best_rated needs this many ratings of an item in a rating matrix:
 * in MovieLens latest-small half the movies have 3 ratings or fewer,
 * and a mean of 5.0 from one or two people says nothing; with 50 the
 * standard error of a mean (sd about 1 star) is about 0.14 stars, small
 * enough to rank by, and 450 movies qualify. Catalogues with only
 * Goodreads histograms (counts in the thousands) use the median count
 * instead, so the list shows widely read books. */
#define STATS_MIN_BEST 50

struct tail {
	uint32_t min, p25, median, p75, p90, max;
	double mean;
	uint32_t zero;              /* users or items with no rating */
};

struct stats {
	uint32_t users, items;
	uint64_t ratings;
	double density;
	double mean_rating;
	size_t n_bins;              /* one per scale step */
	double *bin_value;
	uint64_t *bin_count;
	uint64_t off_step;          /* ratings between steps */
	struct tail per_user, per_item;
	/* The long tails themselves: ratings per user and per item
	 * (Goodreads counts for histograms), most first, for the charts. */
	uint32_t *tail_users, *tail_items;
	size_t n_tail_users, n_tail_items;
	uint32_t most_rated[STATS_TOP];
	size_t n_most_rated;
	uint32_t best_rated[STATS_TOP];  /* by mean, at least min_best */
	size_t n_best_rated;
	uint32_t min_best;
	/* No rating matrix but Goodreads histograms (goodbooks): bins,
	 * mean_rating and per_item come from books.csv, ratings stays 0
	 * and the text says "no community ratings" instead. */
	bool from_histograms;
	int64_t you;                /* your ratings, -1 (not shown) unless
				       the caller sets it */
	/* Your signals (import.h) of items you have not rated, seen and
	 * wanted: -1 (not shown) unless the caller sets them
	 * (stats_signals). */
	int64_t you_seen, you_wanted;
	bool ascii;                 /* "..." for the ellipsis of a cut
				       title: set when the locale is not
				       UTF-8; the caller may set it */
};

void stats_compute(const struct catalog *c, struct stats *s);
/* The same with a chosen minimum for best_rated (tests, tiny data). */
void stats_compute_min(const struct catalog *c, uint32_t min_best,
		       struct stats *s);
void stats_free(struct stats *s);
/* A long tail (users true: ratings per user, else per item) as a bar
 * chart into g, whose size the caller chose: the counts most first,
 * each column the largest it covers (plot_bar_chart), the largest at
 * the top of the axis. -1 when g is too small or there are none. */
int stats_tail_chart(const struct stats *s, bool users,
		     enum plot_glyphs glyphs, struct plot_grid *g);
/* Count into s->you_seen and you_wanted the items of your signals
 * journal (NULL: none) that your ratings (may be NULL) do not hold. */
void stats_signals(const struct profile *ratings,
		   const struct profile *signals, struct stats *s);
/* "5 (3 seen, 2 wanted)", or "0", for s's signals; returns buf. */
const char *stats_signals_text(const struct stats *s, char *buf,
			       size_t n);
void stats_print(const struct catalog *c, const struct stats *s, FILE *f);
/* catalog, label, has_ratings, community_ratings (false: users,
 * ratings and density are 0 because there are none; has_ratings is the
 * older name of the same), users, items, ratings, density, mean,
 * scale, you, you_signals ({"seen": N, "wanted": N}, when counted),
 * histogram_source and per_item_source ("ratings" or
 * "goodreads"), histogram, off_step, per_user, per_item, most_rated,
 * min_best, best_rated, note and the import reports. */
void stats_print_json(const struct catalog *c, const struct stats *s,
		      FILE *f);

#endif
