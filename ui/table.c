/* SPDX-License-Identifier: GPL-3.0-or-later */
/* table: layout and drawing of the list widget.
 *
 * Layout: every column first gets its minimum width. When all minimums
 * fit, the room left grows each column toward its natural width, in
 * proportion to what it lacks; anything beyond every natural width
 * goes to the flexible columns (titles). When the minimums do not fit,
 * the pinned columns stay and the others scroll sideways so that the
 * current column is in view; the kept columns stay too.
 *
 * Spans: in a table with span, a row whose flexible cell is followed by
 * empty cells draws that text across them (the statistics put titles
 * over the empty bar column, where the histogram rows have bars). */
#include <config.h>

#include <string.h>

#include "table.h"
#include "theme.h"

#define GAP 2           /* cells between columns */

/* Mix a cell's attributes into a row's: one colour pair wins. */
static attr_t attr_mix(attr_t base, attr_t add)
{
	attr_t color = (add & A_COLOR) ? (add & A_COLOR) : (base & A_COLOR);

	return ((base | add) & ~A_COLOR) | color;
}

/* Width a shown column still lacks. */
static long want_of(const struct ui_col *c)
{
	return c->nat > c->w ? c->nat - c->w : 0;
}

/* Cells left after every column has its natural width: to the first
 * flexible column, else to the last column shown. */
static void give_rest(struct ui_table *t, int extra)
{
	struct ui_col *flex = NULL, *last = NULL;

	for (size_t i = 0; i < t->n_cols; i++) {
		struct ui_col *c = &t->cols[i];

		if (!c->shown)
			continue;
		last = c;
		if (c->flex && !flex)
			flex = c;
	}
	if (!flex)
		flex = last;
	if (flex && extra > 0)
		flex->w += extra;
}

/* Share extra cells among the shown columns. */
static void distribute(struct ui_table *t, int extra)
{
	long total = 0;
	int given = 0;

	for (size_t i = 0; i < t->n_cols; i++)
		if (t->cols[i].shown)
			total += want_of(&t->cols[i]);
	for (size_t i = 0; i < t->n_cols && total > 0; i++) {
		struct ui_col *c = &t->cols[i];
		long add;

		if (!c->shown)
			continue;
		add = extra >= total ? c->nat - c->w
				     : want_of(c) * extra / total;
		if (add > c->nat - c->w)
			add = c->nat > c->w ? c->nat - c->w : 0;
		c->w += (int)add;
		given += (int)add;
	}
	give_rest(t, extra - given);
}

/* Show pinned columns and those from t->left that fit; returns the
 * room left, or -1 when the current column did not fit. */
static int show_from_left(struct ui_table *t, int avail)
{
	int used = 0;
	bool stop = false;

	for (size_t i = 0; i < t->n_cols; i++) {
		struct ui_col *c = &t->cols[i];

		c->w = c->min;
		c->shown = c->pinned || c->keep;
		if (c->shown)
			used += c->w + GAP;
	}
	for (size_t i = t->left; i < t->n_cols && !stop; i++) {
		struct ui_col *c = &t->cols[i];

		if (c->shown)
			continue;
		if (used + c->w > avail) {
			stop = true;
			continue;
		}
		c->shown = true;
		used += c->w + GAP;
	}
	if (t->col_cursor && !t->cols[t->cur_col].shown)
		return -1;
	return avail - used + GAP;
}

/* Choose the columns shown and their widths for avail cells. */
static void table_layout(struct ui_table *t, int avail)
{
	int room;

	if (t->left >= t->n_cols)
		t->left = 0;
	if (t->col_cursor && !t->cols[t->cur_col].pinned &&
	    t->cur_col < t->left)
		t->left = t->cur_col;
	while ((room = show_from_left(t, avail)) < 0 &&
	       t->left + 1 < t->n_cols)
		t->left++;
	if (room < 0)
		room = 0;
	distribute(t, room);
}

/* Place the shown columns from x0, pinned ones first. */
static void table_place(struct ui_table *t, int x0)
{
	int x = x0;

	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < t->n_cols; i++) {
			struct ui_col *c = &t->cols[i];

			if (!c->shown || c->pinned != (pass == 0))
				continue;
			c->x = x;
			x += c->w + GAP;
		}
}

/* Marks in the header where columns are scrolled away: after the
 * pinned columns for those on the left, at the end for the others. */
static void draw_more(struct ui_table *t, WINDOW *w, int y)
{
	const struct glyphs *g = theme_glyphs();
	attr_t a = theme_attr(TH_COLHEAD);
	bool left = false, right = false;
	int pin_end = t->x + 2;

	for (size_t i = 0; i < t->n_cols; i++) {
		const struct ui_col *c = &t->cols[i];

		if (c->pinned && c->shown)
			pin_end = c->x + c->w;
		else if (!c->shown && i < t->left)
			left = true;
		else if (!c->shown)
			right = true;
	}
	if (left)
		ui_puts(w, y, pin_end, g->more_left, 1, a);
	if (right)
		ui_puts(w, y, t->x + t->w - 1, g->more_right, 1, a);
}

/* The header row, the current column's header highlighted. */
static void draw_header(struct ui_table *t, WINDOW *w, int y)
{
	ui_blank(w, y, t->x, t->w, theme_attr(TH_COLHEAD));
	for (size_t i = 0; i < t->n_cols; i++) {
		const struct ui_col *c = &t->cols[i];
		bool on = t->col_cursor && i == t->cur_col;

		if (!c->shown)
			continue;
		ui_text(w, y, c->x, c->head, c->w, c->al,
			theme_attr(on ? TH_COLHEAD_ON : TH_COLHEAD));
	}
	draw_more(t, w, y);
}

/* A heading row: one bold cell across the table. */
static void draw_heading(struct ui_table *t, WINDOW *w, int y, size_t r,
			 attr_t base)
{
	char buf[512];
	attr_t a = 0;

	buf[0] = '\0';
	t->cell(t->ctx, r, 0, t->w - 2, buf, sizeof(buf), &a);
	ui_text(w, y, t->x + 2, buf, t->w - 2, AL_LEFT,
		attr_mix(base, theme_attr(TH_TITLE) | a));
}

/* True when cell (r, i) has no text. */
static bool cell_empty(struct ui_table *t, size_t r, size_t i)
{
	char buf[512];
	attr_t a = 0;

	buf[0] = '\0';
	t->cell(t->ctx, r, i, t->cols[i].w, buf, sizeof(buf), &a);
	return buf[0] == '\0';
}

/* Cells for column i in row r: its width, or with a span the width up
 * to the end of the empty cells after it; *last is the last column
 * covered. */
static int cell_width(struct ui_table *t, size_t r, size_t i, size_t *last)
{
	const struct ui_col *c = &t->cols[i];
	int end = c->x + c->w;

	*last = i;
	if (!t->span || !c->flex)
		return c->w;
	for (size_t j = i + 1; j < t->n_cols; j++) {
		const struct ui_col *d = &t->cols[j];

		if (!d->shown)
			continue;
		if (d->x < end || !cell_empty(t, r, j))
			break;
		end = d->x + d->w;
		*last = j;
	}
	return end - c->x;
}

/* One data row. */
static void draw_row(struct ui_table *t, WINDOW *w, int y, size_t r)
{
	bool sel = t->select && r == t->sel;
	attr_t base = sel ? theme_attr(TH_SEL) : A_NORMAL;
	char buf[1024];

	ui_blank(w, y, t->x, t->w, base);
	if (sel)
		ui_puts(w, y, t->x, theme_glyphs()->pointer, 1, base);
	if (t->row_flags && (t->row_flags(t->ctx, r) & ROW_HEAD)) {
		draw_heading(t, w, y, r, base);
		return;
	}
	for (size_t i = 0; i < t->n_cols; i++) {
		const struct ui_col *c = &t->cols[i];
		attr_t a = 0;
		size_t last;
		int wd;

		if (!c->shown)
			continue;
		wd = cell_width(t, r, i, &last);
		buf[0] = '\0';
		t->cell(t->ctx, r, i, wd, buf, sizeof(buf), &a);
		if (t->col_cursor && i == t->cur_col)
			a = attr_mix(theme_attr(TH_COL_ON), a);
		ui_text(w, y, c->x, buf, wd, c->al, attr_mix(base, a));
		i = last;
	}
}

/* True when row r is the wrapped rest of the row above. */
static bool is_cont(const struct ui_table *t, size_t r)
{
	return t->row_flags && (t->row_flags(t->ctx, r) & ROW_CONT);
}

/* The last row of the text that starts on row r. */
static size_t last_cont(const struct ui_table *t, size_t r)
{
	while (r + 1 < t->n_rows && is_cont(t, r + 1))
		r++;
	return r;
}

/* True when the highlight never rests on row r: a heading, a note, or
 * the wrapped rest of the row above. */
static bool is_skipped(const struct ui_table *t, long r)
{
	return t->row_flags && (t->row_flags(t->ctx, (size_t)r) &
				(ROW_HEAD | ROW_CONT | ROW_NOTE));
}

/* The first row from r on, going by step, the highlight may rest on;
 * -1 when there is none that way. */
static long land_from(const struct ui_table *t, long r, long step)
{
	long n = (long)t->n_rows;

	while (r >= 0 && r < n && is_skipped(t, r))
		r += step;
	return r >= 0 && r < n ? r : -1;
}

/* Keep the highlighted row (or the top) inside the page. */
static void table_scroll_into_view(struct ui_table *t)
{
	size_t page = t->page > 0 ? (size_t)t->page : 1;

	ui_table_clamp(t);
	if (t->select) {
		size_t end = last_cont(t, t->sel);

		/* the notes after the last choice, and the headings
		 * before the first, come into view with it */
		if (land_from(t, (long)t->sel + 1, 1) < 0)
			end = t->n_rows - 1;
		if (land_from(t, (long)t->sel - 1, -1) < 0 && end < page)
			t->top = 0;
		if (t->sel < t->top)
			t->top = t->sel;
		else if (t->sel >= t->top + page)
			t->top = t->sel - page + 1;
		/* the wrapped rest of the row too, if the page holds it */
		if (end >= t->top + page)
			t->top = end - page + 1 < t->sel ? end - page + 1
							  : t->sel;
	}
	if (t->top + page > t->n_rows)
		t->top = t->n_rows > page ? t->n_rows - page : 0;
}

/* Draw in the h x wd area at (y, x) of w. */
void ui_table_draw(struct ui_table *t, WINDOW *w, int y, int x, int h,
		   int wd)
{
	int ry = y;

	t->y = y;
	t->x = x;
	t->h = h;
	t->w = wd;
	table_layout(t, wd - 3);  /* gutter, and a cell for the » mark */
	table_place(t, x + 2);
	if (t->header && ry < y + h)
		draw_header(t, w, ry++);
	if (t->rule && ry < y + h)
		ui_hline(w, ry++, x, wd, theme_attr(TH_DIM));
	t->first_y = ry;
	t->page = y + h - ry;
	table_scroll_into_view(t);
	for (int i = 0; i < t->page; i++) {
		size_t r = t->top + (size_t)i;

		if (r < t->n_rows)
			draw_row(t, w, ry + i, r);
		else
			ui_blank(w, ry + i, x, wd, A_NORMAL);
	}
}

/* Move the highlight by d rows, stepping over headings and wrapped
 * rows; at an end, back to the nearest row it may rest on. */
static void move_sel(struct ui_table *t, long d)
{
	long r = (long)t->sel + d, n = (long)t->n_rows;
	long step = d < 0 ? -1 : 1, to;

	if (n == 0)
		return;
	if (r < 0)
		r = 0;
	if (r >= n)
		r = n - 1;
	to = land_from(t, r, step);
	if (to < 0)
		to = land_from(t, r, -step);
	t->sel = (size_t)(to < 0 ? r : to);
}

/* Move the first row shown by d rows (tables without a highlight). */
static void move_top(struct ui_table *t, long d)
{
	long r = (long)t->top + d;

	t->top = r < 0 ? 0 : (size_t)r;
	table_scroll_into_view(t);
}

/* Move by d rows, as the highlight or the view. */
static void move_by(struct ui_table *t, long d)
{
	if (t->select)
		move_sel(t, d);
	else
		move_top(t, d);
}

/* Apply a movement action; false when act is not one. */
bool ui_table_act(struct ui_table *t, enum action act)
{
	long page = t->page > 1 ? t->page - 1 : 1;
	long all = (long)t->n_rows;

	switch (act) {
	case ACT_UP: move_by(t, -1); break;
	case ACT_DOWN: move_by(t, 1); break;
	case ACT_PAGE_UP: move_by(t, -page); break;
	case ACT_PAGE_DOWN: move_by(t, page); break;
	case ACT_TOP: move_by(t, -all); break;
	case ACT_BOTTOM: move_by(t, all); break;
	case ACT_LEFT:
		if (t->col_cursor && t->cur_col > 0)
			t->cur_col--;
		break;
	case ACT_RIGHT:
		if (t->col_cursor && t->cur_col + 1 < t->n_cols)
			t->cur_col++;
		break;
	default:
		return false;
	}
	return true;
}

/* Highlight row (clamped, at the start of its text) and bring it into
 * view at the next draw. */
void ui_table_select(struct ui_table *t, size_t row)
{
	long to;

	t->sel = row;
	ui_table_clamp(t);
	while (t->sel > 0 && is_cont(t, t->sel))
		t->sel--;
	if (t->n_rows && is_skipped(t, (long)t->sel)) {
		to = land_from(t, (long)t->sel, 1);
		if (to < 0)
			to = land_from(t, (long)t->sel, -1);
		if (to >= 0)
			t->sel = (size_t)to;
	}
	table_scroll_into_view(t);
}

/* The row under window row y, or -1. */
long ui_table_row_at(const struct ui_table *t, int y)
{
	size_t r;

	if (y < t->first_y || y >= t->first_y + t->page)
		return -1;
	r = t->top + (size_t)(y - t->first_y);
	return r < t->n_rows ? (long)r : -1;
}

/* Move by n rows (mouse wheel); negative is up. */
void ui_table_scroll(struct ui_table *t, int n)
{
	move_by(t, n);
}

/* Clamp the selection after n_rows changed. */
void ui_table_clamp(struct ui_table *t)
{
	if (t->n_rows == 0) {
		t->sel = t->top = 0;
		return;
	}
	if (t->sel >= t->n_rows)
		t->sel = t->n_rows - 1;
	if (t->top >= t->n_rows)
		t->top = t->n_rows - 1;
	if (t->cur_col >= t->n_cols)
		t->cur_col = t->n_cols ? t->n_cols - 1 : 0;
}
