/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dataset: the overlays about the data rather than one item: the
 * statistics (s) with the import reports, and the frequency table of
 * a Browse column (F), where Enter filters Browse by a value. */
#ifndef TASTE_UI_DATASET_H
#define TASTE_UI_DATASET_H

#include "app.h"
#include "overlay.h"
#include "view.h"

/* Counts, density, histogram, long tails, top items, import reports. */
struct overlay *dataset_stats_overlay(struct app *a);
/* Enter on a value of the frequency table, which is closed first. */
typedef void (*dataset_pick_fn)(void *ctx, enum view_col col,
				const char *value);
/* How often each value of col occurs over the rows v shows; Enter on a
 * value calls pick (which may be NULL). */
struct overlay *dataset_freq_overlay(struct app *a, const struct view *v,
				     enum view_col col, dataset_pick_fn pick,
				     void *ctx);

#endif
