/* SPDX-License-Identifier: GPL-3.0-or-later */
/* recs_view: the recommendations under the Search results: three
 * columns of items like the highlighted one (collaborative,
 * content-based, hybrid; one at a time, c the next, in a window too
 * narrow for three), each row with rank, label, score and a short
 * reason (an item you rated, have seen or want tagged so), and the For
 * you list below, folded in from your ratings and signals at every
 * change. The models come from the background worker of recs.h;
 * until they are ready the columns say so. */
#ifndef TASTE_UI_RECS_VIEW_H
#define TASTE_UI_RECS_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "curses_inc.h"
#include "keymap.h"

struct recs_view;

/* The view, with the worker started on a's catalogue. */
struct recs_view *recs_view_new(struct app *a);
/* Stop the worker (at its fit's next epoch) and free the view. */
void recs_view_free(struct recs_view *v);
/* Poll the worker: true when what the view shows has changed. */
bool recs_view_poll(struct recs_view *v);
/* The d key: the next For you diversity (0, 0.3, 0.6). */
void recs_view_diversity(struct recs_view *v);
/* The c key: the next list of items like it, where the window is too
 * narrow for the three columns and shows one. */
void recs_view_next_list(struct recs_view *v);
/* True when wd cells are too narrow for the three lists of items like
 * it side by side: one is shown, c the next. */
bool recs_view_narrow(int wd);
/* Move the focus to the next (dir 1) or previous (dir -1) list that
 * has entries on screen: the lists of items like it, then For you.
 * From no focus, 1 starts at the first and -1 at For you; false (and
 * no focus) when it leaves the last or the first. The highlight keeps
 * its row where the new list has one. */
bool recs_view_focus_step(struct recs_view *v, int dir);
/* No list has the focus any more. */
void recs_view_unfocus(struct recs_view *v);
/* True when a list has the focus. */
bool recs_view_focused(const struct recs_view *v);
/* The highlighted entry's item, or INTERN_NONE (no focus, or the list
 * has none on screen). */
uint32_t recs_view_item(const struct recs_view *v);
/* The reason of that entry ("both: 60 who liked ..."), or NULL. */
const char *recs_view_reason(const struct recs_view *v);
/* Up, Down, PgUp, PgDn, Home and End in the focused list; false for
 * other actions. */
bool recs_view_move(struct recs_view *v, enum action act);
/* Draw the columns for item (INTERN_NONE: nothing highlighted) and For
 * you in the h x wd cells at (y, x) of w. */
void recs_view_draw(struct recs_view *v, WINDOW *w, int y, int x, int h,
		    int wd, uint32_t item);

#endif
