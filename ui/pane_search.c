/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pane_search: find items as you type. A find box on top, the results
 * on the left and the details of the highlighted result on the right;
 * under them, when there is room, the recommendations for it and For
 * you (recs_view), else a line saying how tall the window must be.
 *
 * Focus: while the box has it, printable keys edit the query (so q and
 * ? are letters there; F1 and F10 still work); Down or Enter moves to
 * the results, where the rating keys work; / or any other letter goes
 * back to typing (the letter is typed), and Up on the first result
 * and Esc too. Esc in the box clears it. Right and Left move the focus
 * on from the results to the lists of items like it and For you (and
 * back): there the arrows move a highlight, the rating keys and Enter
 * act on its item and the details show it. Down in the box with no
 * results goes to For you. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "details.h"
#include "draw.h"
#include "i18n.h"
#include "intern.h"
#include "keymap.h"
#include "lines.h"
#include "pane.h"
#include "prompt.h"
#include "rate.h"
#include "recs_view.h"
#include "search.h"
#include "table.h"
#include "text.h"
#include "theme.h"
#include "util.h"

#define MAX_RESULTS 1000
#define LABEL_W 10          /* the details' label column */
#define RECS_H 11           /* body rows the recommendations get at least */
#define DET_MAX 13          /* rows of details kept above them, at most */
#define RECS_MIN_H (2 + 4 + RECS_H)  /* fewer body rows: no recs */

struct search {
	struct app *app;
	struct prompt box;
	bool in_list;           /* the results have the focus */
	uint32_t *res;
	size_t n_res;
	struct ui_table list;
	struct ui_col cols[2];
	struct ui_lines det;    /* details of the highlighted result */
	int list_w;             /* width of the results column */
	bool stale;             /* the query changed since it last ran */
	struct recs_view *recs; /* columns and For you under the results */
};

/* Table callback: a result's label (cut keeping the year), and your
 * rating, or "seen" / "want" when it is among your signals. */
static void result_cell(void *ctx, size_t row, size_t col, int width,
			char *buf, size_t n, attr_t *attr)
{
	struct search *s = ctx;
	uint32_t item = s->res[row];

	if (col == 0) {
		app_label_fit(s->app, item, width, buf, n);
		return;
	}
	bool rated;

	rate_format_known(s->app, item, buf, n, &rated);
	*attr = theme_attr(rated ? TH_STARS : TH_DIM);
}

/* The highlighted result, or INTERN_NONE. */
static uint32_t search_item(const struct search *s)
{
	return s->n_res ? s->res[s->list.sel] : INTERN_NONE;
}

/* The item the keys act on: the highlighted entry of the focused list
 * of recommendations, else the highlighted result. */
static uint32_t focus_item(const struct search *s)
{
	if (recs_view_focused(s->recs))
		return recs_view_item(s->recs);
	return search_item(s);
}

/* The query changed: run it before the next key or draw, so a burst
 * of typed (or pasted) keys runs it once. */
static void search_run(struct search *s)
{
	s->stale = true;
	app_dirty(s->app, DIRTY_BODY);
}

/* Run a changed query now. */
static void search_update(struct search *s)
{
	if (!s->stale)
		return;
	s->stale = false;
	s->n_res = search_items(s->app->cat, prompt_text(&s->box), s->res,
				MAX_RESULTS);
	s->list.n_rows = s->n_res;
	s->list.sel = s->list.top = 0;
}

/* Give the focus to the box (typing) or to the results. */
static void search_focus(struct search *s, bool list)
{
	recs_view_unfocus(s->recs);
	s->in_list = list && s->n_res > 0;
	s->list.select = s->in_list;
	app_dirty(s->app, DIRTY_BODY | DIRTY_KEYS);
}

/* A list of recommendations took the focus: the keys go to it. */
static void search_focus_recs(struct search *s)
{
	s->in_list = true;
	s->list.select = false;
	app_dirty(s->app, DIRTY_BODY | DIRTY_KEYS);
}

/* Move the focus to the next (dir 1) or previous (-1) list of
 * recommendations; past the last or the first it comes back to the
 * results, or to the box when there are none. */
static void search_focus_step(struct search *s, int dir)
{
	if (recs_view_focus_step(s->recs, dir))
		search_focus_recs(s);
	else
		search_focus(s, s->n_res > 0);
}

/* A key while typing in the box. */
static bool box_key(struct search *s, int key)
{
	enum action act = keymap_lookup(KC_BIT(KC_SEARCH_BOX), key);

	if (act == ACT_TO_RESULTS) {
		search_update(s);
		if (s->n_res)
			search_focus(s, true);
		else if (recs_view_focus_step(s->recs, 1))
			search_focus_recs(s);
		else
			app_toast(s->app, TOAST_INFO, _("No results yet"));
		return true;
	}
	if (act == ACT_CLEAR_QUERY) {
		prompt_set(&s->box, "");
		search_run(s);
		return true;
	}
	switch (prompt_key(&s->box, key)) {
	case PR_EDIT: search_run(s); return true;
	case PR_MOVE: app_dirty(s->app, DIRTY_BODY); return true;
	default: return false;
	}
}

/* A key in the results that sends the focus back to typing. */
static bool list_to_box(struct search *s, enum action act, int key)
{
	bool text = keymap_is_text(key) &&
		    keymap_lookup(KC_BIT(KC_PANE) | KC_BIT(KC_GLOBAL), key) ==
		    ACT_NONE;
	bool edit = keymap_lookup(KC_BIT(KC_PROMPT), key) == ACT_DEL_BACK;

	if (act == ACT_TO_BOX || (act == ACT_UP && s->list.sel == 0 &&
				  !recs_view_focused(s->recs))) {
		search_focus(s, false);
		return true;
	}
	if (act != ACT_NONE || !(text || edit))
		return false;
	search_focus(s, false);
	if (prompt_key(&s->box, key) == PR_EDIT)
		search_run(s);
	return true;
}

/* True when the items like the result are shown one list at a time
 * (c the next): the window is tall enough for them, but too narrow
 * for three columns. */
static bool one_list(const struct search *s)
{
	return s->app->rows - 4 >= RECS_MIN_H &&
	       recs_view_narrow(s->app->cols);
}

/* Contexts of the keymap in Search, by focus. */
static unsigned search_keyctx(struct pane *p)
{
	struct search *s = p->st;

	if (!s->in_list)
		return KC_BIT(KC_SEARCH_BOX) | KC_BIT(KC_GLOBAL);
	return KC_BIT(KC_SEARCH_LIST) | KC_BIT(KC_RATE) | KC_BIT(KC_LIST) |
	       KC_BIT(KC_PANE) | KC_BIT(KC_GLOBAL) |
	       (one_list(s) ? KC_BIT(KC_SEARCH_ONE) : 0);
}

/* A key in the results. */
static bool list_key(struct search *s, int key)
{
	unsigned mask = KC_BIT(KC_SEARCH_LIST) | KC_BIT(KC_RATE) |
			KC_BIT(KC_LIST) |
			(one_list(s) ? KC_BIT(KC_SEARCH_ONE) : 0);
	enum action act = keymap_lookup(mask, key);
	uint32_t item = focus_item(s);

	if (list_to_box(s, act, key) || rate_action(s->app, item, act, key))
		return true;
	if (act == ACT_FOCUS_NEXT || act == ACT_FOCUS_PREV) {
		search_focus_step(s, act == ACT_FOCUS_NEXT ? 1 : -1);
		return true;
	}
	if (act == ACT_DETAILS) {
		app_overlay_open(s->app, details_overlay(s->app, item));
		return true;
	}
	if (act == ACT_DIVERSITY) {
		recs_view_diversity(s->recs);
		return true;
	}
	if (act == ACT_RECS_NEXT) {
		recs_view_next_list(s->recs);
		return true;
	}
	if (recs_view_focused(s->recs))
		return recs_view_move(s->recs, act);
	if (!ui_table_act(&s->list, act))
		return false;
	app_dirty(s->app, DIRTY_BODY);
	return true;
}

/* A key in Search; false for the global keys. */
static bool search_key(struct pane *p, int key)
{
	struct search *s = p->st;

	if (s->in_list)
		search_update(s);
	/* the focused list lost its entries (nothing left for you) */
	if (recs_view_focused(s->recs) &&
	    recs_view_item(s->recs) == INTERN_NONE)
		search_focus(s, s->n_res > 0);
	return s->in_list ? list_key(s, key) : box_key(s, key);
}

/* The find box and the count of results on row 0. */
static void draw_box(struct search *s, WINDOW *w, int wd)
{
	char count[64];
	int cx, cw;

	if (!*prompt_text(&s->box))
		count[0] = '\0';
	else
		xsnprintf(count, sizeof(count),
			  ngettext("%zu%s match", "%zu%s matches", s->n_res),
			  s->n_res, s->n_res == MAX_RESULTS ? "+" : "");
	cw = (int)text_width(count) + 2;
	ui_blank(w, 0, 0, wd, A_NORMAL);
	prompt_draw(&s->box, w, 0, 1, wd - cw - 1, &cx);
	ui_text(w, 0, wd - cw, count, cw - 1, AL_RIGHT, theme_attr(TH_DIM));
	if (!s->in_list)
		app_cursor(s->app, w, 0, cx);
}

/* What the results column says when there are no results. */
static void draw_empty(struct search *s, WINDOW *w, int y, int h)
{
	char buf[512];

	if (!*prompt_text(&s->box))
		xsnprintf(buf, sizeof(buf), "%s",
			  _("Type part of a title, an author or a year. "
			    "Down or Enter goes to the results (with none, "
			    "to For you)."));
	else
		xsnprintf(buf, sizeof(buf), _("Nothing matches \"%s\"."),
			  prompt_text(&s->box));
	lines_clear(&s->det);
	lines_para(&s->det, 0, buf, (size_t)(s->list_w - 2));
	for (size_t i = 0; i < s->det.n && (int)i < h; i++)
		ui_text(w, y + (int)i, 1, s->det.v[i].cell[0], s->list_w - 1,
			AL_LEFT, theme_attr(TH_DIM));
}

/* The details of the highlighted result, in the right column. */
static void draw_details(struct search *s, WINDOW *w, int y, int x, int h,
			 int wd)
{
	uint32_t item = focus_item(s);
	const char *why = recs_view_focused(s->recs)
			  ? recs_view_reason(s->recs) : NULL;

	lines_clear(&s->det);
	if (item == INTERN_NONE)
		return;
	/* a list cuts its reasons: the highlighted one whole, first */
	if (why && *why)
		lines_wrap(&s->det, _("Why"), why,
			   wd > LABEL_W + 10 ? (size_t)(wd - LABEL_W - 2) : 8);
	details_lines(s->app, item, wd, &s->det);
	for (size_t i = 0; i < s->det.n && (int)i < h; i++) {
		const struct ui_line *l = &s->det.v[i];
		attr_t va = (l->flags & LINE_STARS) ? theme_attr(TH_STARS)
			  : i == 0 ? theme_attr(TH_TITLE) : A_NORMAL;

		ui_text(w, y + (int)i, x, l->cell[0], LABEL_W, AL_LEFT,
			theme_attr(TH_DIM));
		ui_text(w, y + (int)i, x + LABEL_W + 1, l->cell[1],
			wd - LABEL_W - 1, AL_LEFT, va);
	}
}

/* The last body row when the recommendations do not fit: a rule
 * saying how tall the window must be for them (any width the screen
 * takes is wide enough). */
static void draw_no_room(struct search *s, WINDOW *w, int y, int h,
			 int wd)
{
	int need = s->app->rows - h + RECS_MIN_H;
	char buf[256];

	xsnprintf(buf, sizeof buf, _(" Items like it and For you need a "
				     "window %d rows high (this one has %d) "),
		  need, s->app->rows);
	if ((int)text_width(buf) > wd - 2)
		xsnprintf(buf, sizeof buf, _(" Items like it, For you: %d "
					     "rows needed, %d here "),
			  need, s->app->rows);
	ui_hline(w, y, 0, wd, theme_attr(TH_DIM));
	ui_puts(w, y, 1, buf, wd - 2, theme_attr(TH_NOTE));
}

/* Draw the box, the results and the details; under them the
 * recommendations, or a line saying they need a taller window. */
static void search_draw(struct pane *p, WINDOW *w, int h, int wd)
{
	struct search *s = p->st;
	int lw = wd / 2, top = h - 1, rows;

	search_update(s);
	if (h >= RECS_MIN_H) {      /* the details whole, the rest below */
		rows = h - 2 - RECS_H;
		top = 2 + (rows > DET_MAX ? DET_MAX : rows);
	}
	s->list_w = lw < 24 ? 24 : lw;
	draw_box(s, w, wd);
	ui_hline(w, 1, 0, wd, theme_attr(TH_DIM));
	if (s->n_res)
		ui_table_draw(&s->list, w, 2, 0, top - 2, s->list_w - 1);
	else
		draw_empty(s, w, 2, top - 2);
	wattrset(w, theme_attr(TH_DIM));
	for (int y = 2; y < top; y++)
		mvwaddstr(w, y, s->list_w, theme_glyphs()->vline);
	wattrset(w, A_NORMAL);
	/* the lists first: a rating changes For you, and the details are
	 * of the entry now highlighted, the one the next key acts on */
	if (h >= RECS_MIN_H)
		recs_view_draw(s->recs, w, top, 0, h - top, wd,
			       search_item(s));
	else
		draw_no_room(s, w, h - 1, h, wd);
	draw_details(s, w, 2, s->list_w + 2, top - 2, wd - s->list_w - 3);
}

/* Background models: redraw when the worker has news. */
static bool search_idle(struct pane *p)
{
	struct search *s = p->st;

	return recs_view_poll(s->recs);
}

/* The window changed size: keep the highlighted result in view. */
static void search_resize(struct pane *p, int h, int wd)
{
	struct search *s = p->st;

	(void)h;
	(void)wd;
	ui_table_select(&s->list, s->list.sel);
}

/* A click on the box types, on a result picks it; the wheel scrolls. */
static void search_mouse(struct pane *p, int y, int x, int dy)
{
	struct search *s = p->st;
	long r;

	search_update(s);
	if (dy) {
		ui_table_scroll(&s->list, dy);
	} else if (y == 0) {
		search_focus(s, false);
	} else if (x < s->list_w && (r = ui_table_row_at(&s->list, y)) >= 0) {
		ui_table_select(&s->list, (size_t)r);
		search_focus(s, true);
	}
	app_dirty(s->app, DIRTY_BODY);
}

/* Free the pane. */
static void search_free(struct pane *p)
{
	struct search *s = p->st;

	recs_view_free(s->recs);
	prompt_free(&s->box);
	lines_free(&s->det);
	free(s->res);
	free(s);
	free(p);
}

/* Set up the results table: label, then your rating. */
static void search_setup_list(struct search *s)
{
	s->cols[0] = (struct ui_col){ .head = "", .nat = 60, .min = 12,
				      .al = AL_LEFT, .flex = true };
	s->cols[1] = (struct ui_col){ .head = "", .nat = 5, .min = 5,
				      .al = AL_LEFT };
	s->list.cols = s->cols;
	s->list.n_cols = 2;
	s->list.cell = result_cell;
	s->list.ctx = s;
}

/* The Search pane, with an empty find box that has the focus. */
struct pane *pane_search_new(struct app *a)
{
	struct pane *p = xcalloc(1, sizeof(*p));
	struct search *s = xcalloc(1, sizeof(*s));

	s->app = a;
	s->res = xmalloc(MAX_RESULTS * sizeof(*s->res));
	prompt_start(&s->box, _("find: "), "");
	search_setup_list(s);
	s->recs = recs_view_new(a);
	p->name = N_("Search");
	p->fkey = FNKEY(KEY_F(5));
	p->app = a;
	p->st = s;
	p->keyctx = search_keyctx;
	p->draw = search_draw;
	p->key = search_key;
	p->resize = search_resize;
	p->mouse = search_mouse;
	p->free = search_free;
	p->idle = search_idle;
	return p;
}
