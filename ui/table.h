/* SPDX-License-Identifier: GPL-3.0-or-later */
/* table: the one list widget. It serves Browse, the Search results,
 * help, the frequency table and the statistics. It owns no data: a
 * callback gives the text of each cell, so a table of 10,000 rows only
 * ever formats the rows on screen. Frozen header, pinned columns that
 * stay when the others scroll sideways, widths by display width, a
 * highlighted row and optionally a highlighted column. Columns marked
 * keep stay in view like the pinned ones (Browse's sort column and your
 * ratings), and with span the flexible column's text may run over the
 * empty cells after it. */
#ifndef TASTE_UI_TABLE_H
#define TASTE_UI_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "curses_inc.h"
#include "draw.h"
#include "keymap.h"

#define ROW_HEAD 1u      /* one bold cell across the table */
#define ROW_CONT 2u      /* the wrapped rest of the row above: the
			    highlight lands on the row its text starts
			    on, and moves over the rest */
#define ROW_NOTE 4u      /* text that is no choice: the highlight never
			    rests on it */

struct ui_col {
	const char *head;   /* header text, may hold a sort arrow */
	int nat;            /* natural width: widest cell or header */
	int min;            /* narrowest useful width */
	enum ui_align al;
	bool flex;          /* takes the room left over (titles) */
	bool pinned;        /* stays when scrolling sideways, shown first */
	bool keep;          /* stays when scrolling sideways, in place */
	int x, w;           /* placement at the last draw */
	bool shown;
};

/* Text of a cell into buf, for width cells (longer text is cut with an
 * ellipsis); *attr may add attributes (TH_DIM...). */
typedef void (*ui_cell_fn)(void *ctx, size_t row, size_t col, int width,
			   char *buf, size_t n, attr_t *attr);
/* ROW_HEAD for heading rows, ROW_CONT for wrapped ones (may be NULL:
 * neither). */
typedef unsigned (*ui_row_fn)(void *ctx, size_t row);

struct ui_table {
	struct ui_col *cols;
	size_t n_cols;
	size_t n_rows;
	size_t top, sel;    /* first row shown, highlighted row */
	size_t cur_col;     /* highlighted column (col_cursor) */
	size_t left;        /* first scrolling column shown */
	bool header;        /* draw the column headers */
	bool rule;          /* a line under the headers */
	bool select;        /* a highlighted row, with a pointer */
	bool col_cursor;    /* a highlighted column */
	bool span;          /* flexible cells run over empty ones after */
	ui_cell_fn cell;
	ui_row_fn row_flags;
	void *ctx;
	int y, x, h, w;     /* area of the last draw */
	int first_y;        /* window row of the first data row */
	int page;           /* data rows shown */
};

/* Draw in the h x wd area at (y, x) of w. */
void ui_table_draw(struct ui_table *t, WINDOW *w, int y, int x, int h,
		   int wd);
/* Apply a movement action; false when act is not one. */
bool ui_table_act(struct ui_table *t, enum action act);
/* Highlight row (clamped; a ROW_CONT row gives the row its text starts
 * on, a heading or note the nearest row after it, else before it, the
 * highlight may rest on) and bring it into view at the next draw. */
void ui_table_select(struct ui_table *t, size_t row);
/* The row under window row y, or -1. */
long ui_table_row_at(const struct ui_table *t, int y);
/* Move by n rows (mouse wheel); negative is up. */
void ui_table_scroll(struct ui_table *t, int n);
/* Clamp the selection after n_rows changed. */
void ui_table_clamp(struct ui_table *t);

#endif
