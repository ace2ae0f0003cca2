/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ratings_file: one file of (user, item, rating[, timestamp]) rows.
 * Columns are found by header name (userId/user_id/user, movieId/
 * book_id/item_id/item, rating, timestamp); a file without a header
 * (MovieLens 100k u.data) is read as user, item, rating, timestamp in
 * that order. The scale comes from the caller or from the recognised
 * source (MovieLens header: 0.5-5 step 0.5; goodbooks and u.data: 1-5
 * step 1; otherwise SCALE_GENERIC), never from the data. */
#ifndef TASTE_RATINGS_FILE_H
#define TASTE_RATINGS_FILE_H

#include <stdbool.h>

#include "csvread.h"
#include "intern.h"
#include "matrix.h"
#include "report.h"
#include "scale.h"

enum offstep_policy { OFFSTEP_KEEP, OFFSTEP_ROUND, OFFSTEP_REJECT };

struct ratings_opts {
	const struct scale *scale;     /* NULL: from the recognised source */
	enum dup_policy dup;           /* default DUP_LATEST */
	enum offstep_policy offstep;   /* default OFFSTEP_KEEP */
	bool clamp;                    /* opt-in: clamp off-range values */
	struct csvread_opts csv;
	/* When set, items must already be in this table (catalogue ids);
	 * others are rejected as REJ_UNKNOWN_ITEM. */
	const struct intern *known_items;
	/* Keep spaces inside quoted ids (config trim_ids=false); libcsv
	 * trims unquoted fields either way. */
	bool keep_id_spaces;
};

struct ratings {
	struct intern *users;
	struct intern *items;          /* NULL when known_items was given:
					  item indices are then its own */
	struct triplets t;             /* resolved: one row per pair */
	struct report report;
	char source[32];               /* "movielens", "goodbooks", ... */
	bool lookalikes_checked;       /* ratings_warn_lookalikes ran */
	bool empty;                    /* ratings_load failed because the
					  file holds no record at all */
};

void ratings_opts_default(struct ratings_opts *o);
/* Read path into out (which the caller frees with ratings_free, also on
 * failure). Returns 0, or -1 with a message in err when the file cannot
 * be used at all (unreadable, UTF-16, empty, a header without the user
 * or the item column, naming the one that is missing; 0 usable rows,
 * suggesting the delimiter that would split the lines: "every line has
 * 1 field with the delimiter ';'; use --sep ,"). A header without data
 * rows loads, with report.rows 0. A date timestamp must be a real date
 * (2020-02-31 is rejected as bad_timestamp). */
int ratings_load(const char *path, const struct ratings_opts *o,
		 struct ratings *out, char *err, size_t errlen);
void ratings_free(struct ratings *r);
/* Warnings for look-alike ids ("7" vs "007") in the report. ratings_load
 * already calls it; a second call adds nothing. */
void ratings_warn_lookalikes(struct ratings *r);

#endif
