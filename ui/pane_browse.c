/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pane_browse: the catalogue as a table (struct view). The header is
 * frozen and the title column pinned; column widths come from the
 * widest cell of each column, measured once when the pane is made (so
 * a key press never scans 10,000 rows to lay the table out). After a
 * sort or a filter the first row is highlighted. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "details.h"
#include "draw.h"
#include "i18n.h"
#include "intern.h"
#include "keymap.h"
#include "pane.h"
#include "rate.h"
#include "table.h"
#include "text.h"
#include "theme.h"
#include "util.h"
#include "view.h"

#define TEXT_MAX 60         /* natural width cap for text columns */

struct browse {
	struct app *app;
	struct view v;
	struct ui_table t;
	struct ui_col cols[COL_COUNT];
	enum view_col vcol[COL_COUNT];
	char head[COL_COUNT][64];
	char *find;             /* the last / query */
	const char *note;       /* what the catalogue lacks, or NULL */
};

/* Table callback: the text of a cell, a dash when empty. */
static void browse_cell(void *ctx, size_t row, size_t col, char *buf,
			size_t n, attr_t *attr)
{
	struct browse *b = ctx;
	enum view_col vc = b->vcol[col];

	view_cell(&b->v, b->v.rows[row], vc, theme_ascii(), buf, n);
	if (!*buf) {
		xsnprintf(buf, n, "%s", theme_glyphs()->dash);
		*attr = theme_attr(TH_DIM);
	} else if (vc == COL_YOU) {
		*attr = theme_attr(TH_STARS);
	}
}

/* The natural width of column c: for text, wide enough for 95% of the
 * cells (the few longest would squeeze every other column), capped;
 * numbers are never cut, so for them the widest. */
static int natural_width(struct browse *b, enum view_col c, bool text)
{
	uint32_t count[TEXT_MAX + 1] = { 0 };
	uint32_t keep = b->v.n_rows - (text ? b->v.n_rows / 20 : 0);
	uint32_t seen = 0;
	char buf[512];

	for (uint32_t r = 0; r < b->v.n_rows; r++) {
		size_t w;

		view_cell(&b->v, b->v.rows[r], c, theme_ascii(), buf,
			  sizeof(buf));
		w = text_width(buf);
		count[w < TEXT_MAX ? w : TEXT_MAX]++;
	}
	for (int w = 0; w <= TEXT_MAX; w++) {
		seen += count[w];
		if (seen >= keep)
			return w;
	}
	return TEXT_MAX;
}

/* Width of your rating at its widest ("★★★★½"). */
static int you_width(const struct app *a)
{
	const struct scale *sc = &a->cat->scale;
	char buf[64];
	int w1, w2;

	scale_format(sc, sc->max, theme_ascii(), buf, sizeof(buf));
	w1 = (int)text_width(buf);
	scale_format(sc, sc->max - sc->step, theme_ascii(), buf, sizeof(buf));
	w2 = (int)text_width(buf);
	return w1 > w2 ? w1 : w2;
}

/* Set up column i for view column c: alignment and widths. */
static void browse_col(struct browse *b, size_t i, enum view_col c)
{
	struct ui_col *col = &b->cols[i];
	int head = (int)text_width(view_col_name(c)) + 2; /* + arrow */
	bool text = c == COL_TITLE || c == COL_CREATORS || c == COL_GENRES;
	int nat = c == COL_YOU ? you_width(b->app)
			       : natural_width(b, c, text);

	b->vcol[i] = c;
	col->head = b->head[i];
	col->al = text || c == COL_YOU ? AL_LEFT : AL_RIGHT;
	col->flex = c == COL_TITLE;
	col->pinned = c == COL_TITLE;
	col->nat = nat > head ? nat : head;
	col->min = text ? (c == COL_TITLE ? 16 : 10) : col->nat;
	if (col->min > col->nat)
		col->min = col->nat;
}

/* Header texts, with the sort direction on the sorted column. */
static void browse_heads(struct browse *b)
{
	const struct glyphs *g = theme_glyphs();

	for (size_t i = 0; i < b->t.n_cols; i++) {
		bool sorted = b->vcol[i] == b->v.sort_col;

		xsnprintf(b->head[i], sizeof(b->head[i]), "%s%s%s",
			  view_col_name(b->vcol[i]), sorted ? " " : "",
			  sorted ? (b->v.sort_desc ? g->down : g->up) : "");
	}
}

/* The highlighted item, or INTERN_NONE when no row is shown. */
static uint32_t browse_item(const struct browse *b)
{
	if (b->v.n_rows == 0)
		return INTERN_NONE;
	return b->v.rows[b->t.sel < b->v.n_rows ? b->t.sel : 0];
}

/* The rows changed (sort or filter): show the first of them. */
static void browse_rows_changed(struct browse *b)
{
	b->t.n_rows = b->v.n_rows;
	b->t.top = 0;
	ui_table_select(&b->t, 0);
	app_dirty(b->app, DIRTY_BODY);
}

/* [ or ]: sort by the current column. */
static void browse_sort(struct browse *b, bool desc)
{
	view_sort(&b->v, b->vcol[b->t.cur_col], desc);
	browse_rows_changed(b);
}

/* The \ prompt ended: apply the filter (empty clears it). */
static void filter_done(struct app *a, void *ctx, const char *text)
{
	struct browse *b = ctx;
	uint32_t n;

	if (!text)
		return;
	n = view_filter(&b->v, text);
	browse_rows_changed(b);
	if (n == 0)
		app_toast(a, TOAST_ERR,
			  _("No row matches \"%s\" (\\ then Enter on an "
			    "empty line shows all)"), text);
}

/* Highlight the next (dir 1) or previous (-1) match of b->find,
 * starting after row from. */
static void browse_find_from(struct browse *b, int64_t from, int dir)
{
	int64_t r;

	if (!b->find) {
		app_toast(b->app, TOAST_INFO, _("Nothing to find yet: press /"));
		return;
	}
	r = view_find(&b->v, b->find, from, dir);
	if (r < 0) {
		app_toast(b->app, TOAST_ERR, _("Not found: %s"), b->find);
		return;
	}
	if ((dir > 0 && r <= from) || (dir < 0 && r >= from))
		app_toast(b->app, TOAST_INFO, _("Search wrapped around"));
	ui_table_select(&b->t, (size_t)r);
	app_dirty(b->app, DIRTY_BODY);
}

/* The / prompt ended: find from the highlighted row on. */
static void find_done(struct app *a, void *ctx, const char *text)
{
	struct browse *b = ctx;

	(void)a;
	if (!text || !*text)
		return;
	free(b->find);
	b->find = xstrdup(text);
	browse_find_from(b, (int64_t)b->t.sel - 1, 1);
}

/* Open an overlay or a prompt for a Browse action; false if not one. */
static bool browse_open(struct browse *b, enum action act)
{
	struct app *a = b->app;
	uint32_t item = browse_item(b);

	switch (act) {
	case ACT_DETAILS:
		if (item != INTERN_NONE)
			app_overlay_open(a, details_overlay(a, item));
		return true;
	case ACT_FREQ:
		app_overlay_open(a, dataset_freq_overlay(a, &b->v,
					b->vcol[b->t.cur_col]));
		return true;
	case ACT_STATS:
		app_overlay_open(a, dataset_stats_overlay(a));
		return true;
	case ACT_FILTER:
		app_prompt(a, _("Filter: "), b->v.filter, filter_done, b);
		return true;
	case ACT_FIND:
		app_prompt(a, _("Find: "), NULL, find_done, b);
		return true;
	default:
		return false;
	}
}

/* Contexts of the keymap in Browse. */
static unsigned browse_keyctx(struct pane *p)
{
	(void)p;
	return KC_BIT(KC_BROWSE) | KC_BIT(KC_RATE) | KC_BIT(KC_LIST) |
	       KC_BIT(KC_GLOBAL);
}

/* A key in Browse; false for the global keys. */
static bool browse_key(struct pane *p, int key)
{
	struct browse *b = p->st;
	enum action act = keymap_lookup(browse_keyctx(p) & ~KC_BIT(KC_GLOBAL),
					key);
	int64_t sel = (int64_t)b->t.sel;

	if (rate_action(b->app, browse_item(b), act, key) ||
	    browse_open(b, act))
		return true;
	switch (act) {
	case ACT_SORT_ASC: browse_sort(b, false); return true;
	case ACT_SORT_DESC: browse_sort(b, true); return true;
	case ACT_FIND_NEXT: browse_find_from(b, sel, 1); return true;
	case ACT_FIND_PREV: browse_find_from(b, sel, -1); return true;
	default: break;
	}
	if (!ui_table_act(&b->t, act))
		return false;
	app_dirty(b->app, DIRTY_BODY);
	return true;
}

/* "sorted by Title ▲ · filter: none · 4 of 9742". */
static void browse_footer(struct browse *b, WINDOW *w, int y, int wd)
{
	const struct glyphs *g = theme_glyphs();
	char buf[512], filt[200];

	if (b->v.filter && *b->v.filter)
		xsnprintf(filt, sizeof(filt), _("%s (%u of %u)"), b->v.filter,
			  b->v.n_rows, b->app->cat->n_items);
	else
		xsnprintf(filt, sizeof(filt), "%s", _("none"));
	xsnprintf(buf, sizeof(buf), _("sorted by %s %s %s filter: %s %s %zu "
				      "of %u"),
		  view_col_name(b->v.sort_col),
		  b->v.sort_desc ? g->down : g->up, g->dot, filt, g->dot,
		  b->v.n_rows ? b->t.sel + 1 : 0, b->v.n_rows);
	ui_text(w, y, 1, buf, wd - 1, AL_LEFT, theme_attr(TH_DIM));
	ui_blank(w, y, 0, 1, A_NORMAL);
}

/* Draw the table, the note on missing data and the footer. */
static void browse_draw(struct pane *p, WINDOW *w, int h, int wd)
{
	struct browse *b = p->st;
	int rows = h - 2 - (b->note ? 1 : 0);

	browse_heads(b);
	b->t.n_rows = b->v.n_rows;
	ui_table_draw(&b->t, w, 0, 0, rows, wd);
	ui_hline(w, rows, 0, wd, theme_attr(TH_DIM));
	if (b->note)
		ui_text(w, rows + 1, 1, b->note, wd - 1, AL_LEFT,
			theme_attr(TH_NOTE));
	browse_footer(b, w, h - 1, wd);
}

/* The window changed size: keep the highlighted row in view. */
static void browse_resize(struct pane *p, int h, int wd)
{
	struct browse *b = p->st;

	(void)h;
	(void)wd;
	ui_table_select(&b->t, b->t.sel);
}

/* The column under screen column x of the header, or -1. */
static long col_at(const struct browse *b, int x)
{
	for (size_t i = 0; i < b->t.n_cols; i++) {
		const struct ui_col *c = &b->cols[i];

		if (c->shown && x >= c->x && x < c->x + c->w)
			return (long)i;
	}
	return -1;
}

/* A click picks a row (or, on the header, a column); the wheel scrolls. */
static void browse_mouse(struct pane *p, int y, int x, int dy)
{
	struct browse *b = p->st;
	long r, c;

	if (dy) {
		ui_table_scroll(&b->t, dy);
	} else if (y == b->t.y && (c = col_at(b, x)) >= 0) {
		b->t.cur_col = (size_t)c;
	} else if ((r = ui_table_row_at(&b->t, y)) >= 0) {
		ui_table_select(&b->t, (size_t)r);
	}
	app_dirty(b->app, DIRTY_BODY);
}

/* Free the pane. */
static void browse_free(struct pane *p)
{
	struct browse *b = p->st;

	view_free(&b->v);
	free(b->find);
	free(b);
	free(p);
}

/* Build the table's columns from the view's. */
static void browse_setup_table(struct browse *b)
{
	enum view_col vc[COL_COUNT];
	size_t n = view_columns(&b->v, vc, COL_COUNT);

	for (size_t i = 0; i < n; i++)
		browse_col(b, i, vc[i]);
	b->t.cols = b->cols;
	b->t.n_cols = n;
	b->t.header = b->t.rule = b->t.select = b->t.col_cursor = true;
	b->t.cell = browse_cell;
	b->t.ctx = b;
	b->t.n_rows = b->v.n_rows;
}

/* The Browse pane, sorted by number of ratings, most first. */
struct pane *pane_browse_new(struct app *a)
{
	struct pane *p = xcalloc(1, sizeof(*p));
	struct browse *b = xcalloc(1, sizeof(*b));

	b->app = a;
	b->note = catalog_missing_note(a->cat);
	view_init(&b->v, a->cat, a->prof);
	view_sort(&b->v, COL_NRATINGS, true);
	browse_setup_table(b);
	p->name = N_("Browse");
	p->fkey = FNKEY(KEY_F(2));
	p->app = a;
	p->st = b;
	p->keyctx = browse_keyctx;
	p->draw = browse_draw;
	p->key = browse_key;
	p->resize = browse_resize;
	p->mouse = browse_mouse;
	p->free = browse_free;
	return p;
}
