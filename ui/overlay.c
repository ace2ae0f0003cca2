/* SPDX-License-Identifier: GPL-3.0-or-later */
/* overlay: the framed lists over the body. The search keeps a row when
 * every word of the folded query (case and accents ignored) occurs in
 * its folded cells or in its section's heading, so "rate" finds every
 * rating key and "browse" the whole Browse section; a heading is kept
 * when any row under it is. Cells are fitted to the width the table
 * gives them: an item label keeps its year, a bar its proportion. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "intern.h"
#include "overlay.h"
#include "plotdraw.h"
#include "rate.h"
#include "text.h"
#include "theme.h"
#include "util.h"

#define BAR_MIN 5       /* the narrowest bar column */

/* The line behind table row r. */
static const struct ui_line *row_line(const struct overlay *o, size_t r)
{
	return &o->lines.v[o->shown[r]];
}

/* A bar of frac of width cells into buf (at least an eighth of a cell
 * when frac > 0), drawn by the plot code like the charts. */
static void bar_cell(double frac, int width, char *buf, size_t n)
{
	plot_hbar_text(frac, width, plotdraw_glyphs(true), buf, n);
}

/* Table callback: the text of a cell, fitted to width. */
static void ov_cell(void *ctx, size_t row, size_t col, int width,
		    char *buf, size_t n, attr_t *attr)
{
	const struct overlay *o = ctx;
	const struct ui_line *l = row_line(o, row);

	if ((l->flags & LINE_BAR) && col == 1) {
		bar_cell(l->bar, width, buf, n);
		*attr = theme_attr(TH_BAR);
		return;
	}
	ui_fit_label(l->cell[col] ? l->cell[col] : "", width, buf, n);
	if ((l->flags & LINE_STARS) && col == 1)
		*attr = theme_attr(TH_STARS);
}

/* Table callback: heading rows, and wrapped rows shown under the row
 * their text starts on (a search may show one without it: then it is a
 * row of its own). */
static unsigned ov_row(void *ctx, size_t row)
{
	const struct overlay *o = ctx;
	unsigned f = row_line(o, row)->flags;
	bool cont = (f & LINE_CONT) && row > 0 &&
		    o->shown[row - 1] + 1 == o->shown[row];

	return ((f & LINE_HEAD) ? ROW_HEAD : 0) | (cont ? ROW_CONT : 0) |
	       ((f & LINE_NOTE) ? ROW_NOTE : 0);
}

/* A new overlay; ctx is freed with free_ctx (may be NULL). */
struct overlay *overlay_new(struct app *a, const char *title,
			    overlay_build_fn build, void *ctx,
			    void (*free_ctx)(void *ctx))
{
	struct overlay *o = xcalloc(1, sizeof(*o));

	o->app = a;
	xsnprintf(o->title, sizeof(o->title), "%s", title);
	o->build = build;
	o->ctx = ctx;
	o->free_ctx = free_ctx;
	o->item = INTERN_NONE;
	o->table.cols = o->cols;
	o->table.select = true;
	o->table.span = true;
	o->table.cell = ov_cell;
	o->table.row_flags = ov_row;
	o->table.ctx = o;
	return o;
}

/* Set column n: header (or NULL), alignment, flexible width. */
void overlay_col(struct overlay *o, int n, const char *head,
		 enum ui_align al, bool flex)
{
	o->cols[n].head = head ? head : "";
	o->cols[n].al = al;
	o->cols[n].flex = flex;
	if (head)
		o->header = true;
	if (n + 1 > o->n_cols)
		o->n_cols = n + 1;
}

/* Append s and a space at raw + *at. */
static void add_words(char *raw, size_t *at, const char *s)
{
	size_t n = strlen(s);

	memcpy(raw + *at, s, n);
	raw[*at + n] = ' ';
	*at += n + 1;
}

/* The folded text of line l and of its section's heading. */
static char *line_text(const struct ui_line *l, const struct ui_line *head)
{
	const char *part[LINES_COLS + 1];
	size_t n = 1, at = 0;
	char *raw, *f;

	for (int c = 0; c < LINES_COLS; c++)
		part[c] = l->cell[c] ? l->cell[c] : "";
	part[LINES_COLS] = head && head->cell[0] ? head->cell[0] : "";
	for (int c = 0; c <= LINES_COLS; c++)
		n += strlen(part[c]) + 1;
	raw = xmalloc(n);
	for (int c = 0; c <= LINES_COLS; c++)
		add_words(raw, &at, part[c]);
	raw[at] = '\0';
	f = text_fold(raw);
	free(raw);
	return f;
}

/* True when every word of the folded query q occurs in line l or in
 * the heading of its section. */
static bool line_matches(const struct ui_line *l, const struct ui_line *head,
			 const char *q)
{
	char *text = line_text(l, head), *words = xstrdup(q), *save = NULL;
	bool hit = true;

	for (char *w = strtok_r(words, " ", &save); w && hit;
	     w = strtok_r(NULL, " ", &save))
		hit = strstr(text, w) != NULL;
	free(words);
	free(text);
	return hit;
}

/* Keep row i in the shown list. */
static void show_row(struct overlay *o, size_t i)
{
	xgrow((void **)&o->shown, &o->cap_shown, o->n_shown + 1,
	      sizeof(*o->shown));
	o->shown[o->n_shown++] = i;
}

/* Recompute the rows shown for the query; returns the matches. */
static size_t overlay_filter(struct overlay *o)
{
	size_t head = SIZE_MAX, hits = 0;
	const struct ui_line *section = NULL;

	o->n_shown = 0;
	for (size_t i = 0; i < o->lines.n; i++) {
		const struct ui_line *l = &o->lines.v[i];

		if (l->flags & LINE_HEAD) {
			head = i;
			section = l;
			if (!o->query)
				show_row(o, i);
			continue;
		}
		if (o->query && !line_matches(l, section, o->query))
			continue;
		if (o->query && head != SIZE_MAX) {
			show_row(o, head);
			head = SIZE_MAX;
		}
		show_row(o, i);
		hits++;
	}
	o->table.n_rows = o->n_shown;
	return hits;
}

/* True when cell c of line l shows something. */
static bool cell_filled(const struct ui_line *l, int c)
{
	if (c == 1 && (l->flags & LINE_BAR))
		return l->bar > 0;
	return c < LINES_COLS && l->cell[c] && *l->cell[c];
}

/* True when a cell after column c of line l shows something. */
static bool filled_after(const struct ui_line *l, int c)
{
	for (int k = c + 1; k < LINES_COLS; k++)
		if (cell_filled(l, k))
			return true;
	return false;
}

/* Display width of the widest cell of column c. For the flexible
 * column only rows with a filled cell after it count, since the others
 * run over the empty cells to the end (a span); all rows when none
 * has one. */
static int col_nat(const struct overlay *o, int c, bool flex)
{
	size_t max = 0;
	bool any = false;

	for (size_t i = 0; flex && i < o->lines.n; i++) {
		const struct ui_line *l = &o->lines.v[i];
		size_t w;

		if ((l->flags & LINE_HEAD) || !filled_after(l, c))
			continue;
		any = true;
		w = l->cell[c] ? text_width(l->cell[c]) : 0;
		max = w > max ? w : max;
	}
	return (int)(any ? max : lines_col_width(&o->lines, c));
}

/* Natural and minimum widths of the columns from the content. */
static void overlay_widths(struct overlay *o)
{
	for (int c = 0; c < o->n_cols; c++) {
		struct ui_col *col = &o->cols[c];
		int head = (int)text_width(col->head);
		int nat = c == 1 && o->bar_nat ? o->bar_nat
					       : col_nat(o, c, col->flex);

		col->nat = nat > head ? nat : head;
		col->min = col->flex ? (col->nat < 12 ? col->nat : 12)
				     : col->nat;
		if (c == 1 && o->bar_nat)
			col->min = BAR_MIN;
	}
	o->table.n_cols = (size_t)o->n_cols;
	o->table.header = o->header;
}

/* Rebuild the content (after a rating or the width changed). */
void overlay_rebuild(struct overlay *o)
{
	lines_clear(&o->lines);
	o->n_cols = 0;
	o->bar_nat = 0;
	o->header = false;
	o->build(o, o->width);
	overlay_widths(o);
	overlay_filter(o);
	ui_table_select(&o->table, o->table.sel);   /* a row's start */
	if (o->table.sel == 0)
		ui_table_act(&o->table, ACT_TOP);
}

/* Column 1 holds bars and would like nat cells. */
void overlay_bar(struct overlay *o, int nat)
{
	o->bar_nat = nat;
	if (o->n_cols < 2)
		o->n_cols = 2;
}

/* (Re)make the window over the body area and rebuild the content. */
void overlay_layout(struct overlay *o, int y, int x, int h, int w)
{
	if (o->win)
		delwin(o->win);
	o->win = newwin(h, w, y, x);
	o->width = w - 6;
	overlay_rebuild(o);
}

/* The frame title, with the search when there is one. */
static void overlay_title(const struct overlay *o, char *buf, size_t n)
{
	if (!o->query) {
		xsnprintf(buf, n, "%s", o->title);
		return;
	}
	xsnprintf(buf, n, _("%s %s matching \"%s\" (Esc shows all)"),
		  o->title, theme_glyphs()->dot, o->query);
}

/* Draw the frame and the rows. */
void overlay_draw(struct overlay *o)
{
	char title[512];
	int h, w;

	getmaxyx(o->win, h, w);
	werase(o->win);
	overlay_title(o, title, sizeof(title));
	ui_frame(o->win, title, theme_attr(TH_DIM), theme_attr(TH_TITLE));
	ui_table_draw(&o->table, o->win, 1, 1, h - 2, w - 3);
}

/* The prompt for / ended: search, or keep the old view. */
static void overlay_find_done(struct app *a, void *ctx, const char *text)
{
	struct overlay *o = ctx;
	char *old = o->query;

	if (!text)
		return;
	o->query = *text ? text_fold(text) : NULL;
	if (o->query && *o->query == '\0') {
		free(o->query);
		o->query = NULL;
	}
	if (overlay_filter(o) == 0 && o->query) {
		app_toast(a, TOAST_ERR, _("No match for \"%s\""), text);
		free(o->query);
		o->query = old;
		overlay_filter(o);
	} else {
		free(old);
	}
	o->table.sel = 0;
	ui_table_act(&o->table, ACT_TOP);
	app_dirty(a, DIRTY_OVERLAY);
}

/* Esc: clear the search first, then close. */
static void overlay_close_key(struct overlay *o)
{
	if (!o->query) {
		app_overlay_close(o->app);
		return;
	}
	free(o->query);
	o->query = NULL;
	overlay_filter(o);
	ui_table_act(&o->table, ACT_TOP);
	app_dirty(o->app, DIRTY_OVERLAY);
}

/* Contexts in force while the overlay is shown. */
unsigned overlay_keyctx(const struct overlay *o)
{
	unsigned m = KC_BIT(KC_OVERLAY) | KC_BIT(KC_LIST) | KC_BIT(KC_PANE) |
		     KC_BIT(KC_GLOBAL);

	if (o->item != INTERN_NONE)
		m |= KC_BIT(KC_RATE);
	if (o->pick)
		m |= KC_BIT(o->pick_ctx ? o->pick_ctx : KC_FREQ);
	return m | o->extra_ctx;
}

/* Enter with a pick callback: hand it the highlighted row. */
static void overlay_pick(struct overlay *o)
{
	size_t line;

	if (o->n_shown == 0)
		return;
	line = o->shown[o->table.sel < o->n_shown ? o->table.sel : 0];
	if (!(o->lines.v[line].flags & (LINE_HEAD | LINE_NOTE)))
		o->pick(o, line);
}

/* True when the overlay used the key. */
bool overlay_key(struct overlay *o, int key)
{
	enum action act = keymap_lookup(overlay_keyctx(o) &
					~(KC_BIT(KC_GLOBAL) | KC_BIT(KC_PANE)),
					key);

	switch (act) {
	case ACT_CLOSE: overlay_close_key(o); return true;
	case ACT_PICK: overlay_pick(o); return true;
	case ACT_DETAILS:
		/* Enter on the details of an item closes them again */
		if (o->item != INTERN_NONE)
			app_overlay_close(o->app);
		return true;
	case ACT_FIND:
		app_prompt(o->app, _("Find: "), NULL, overlay_find_done, o);
		return true;
	case ACT_FIND_NEXT: act = ACT_DOWN; break;
	case ACT_FIND_PREV: act = ACT_UP; break;
	case ACT_NONE: return false;
	default:
		if (o->act && o->act(o, act))
			return true;
		break;
	}
	if (o->item != INTERN_NONE && rate_action(o->app, o->item, act, key))
		return true;
	if (ui_table_act(&o->table, act))
		app_dirty(o->app, DIRTY_OVERLAY);
	return true;
}

/* A click (dy 0) or wheel turn at window row y of the screen. */
void overlay_mouse(struct overlay *o, int y, int dy)
{
	long r;

	if (dy) {
		ui_table_scroll(&o->table, dy);
	} else {
		r = ui_table_row_at(&o->table, y - getbegy(o->win));
		/* a click on a note or heading chooses nothing */
		if (r >= 0 && (!o->pick || !(row_line(o, (size_t)r)->flags &
					     (LINE_HEAD | LINE_NOTE))))
			ui_table_select(&o->table, (size_t)r);
	}
	app_dirty(o->app, DIRTY_OVERLAY);
}

/* Free the overlay, its window and its context. */
void overlay_free(struct overlay *o)
{
	if (!o)
		return;
	if (o->free_ctx)
		o->free_ctx(o->ctx);
	lines_free(&o->lines);
	free(o->shown);
	free(o->query);
	if (o->win)
		delwin(o->win);
	free(o);
}
