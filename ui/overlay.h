/* SPDX-License-Identifier: GPL-3.0-or-later */
/* overlay: a framed window over the body showing rows of text (item
 * details, statistics, a frequency table, help) in the table widget.
 * Its content is rebuilt for the width it gets, so wrapped text and
 * bars fit after a resize. Every overlay can be searched with /: rows
 * that do not match are hidden until Esc (each word of the search must
 * occur in the row or in the heading of its section). When it shows
 * one item, the rating keys work on that item; when it has a pick
 * callback, Enter hands it the highlighted row. Column 1 of rows made
 * with lines_bar is drawn as a bar that fits the column. */
#ifndef TASTE_UI_OVERLAY_H
#define TASTE_UI_OVERLAY_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "lines.h"
#include "table.h"

struct overlay;
/* Fill o->lines (and o->cols, o->n_cols) for a content width. */
typedef void (*overlay_build_fn)(struct overlay *o, int width);

struct overlay {
	struct app *app;
	char title[256];
	struct ui_lines lines;
	struct ui_col cols[LINES_COLS];
	int n_cols;
	bool header;            /* draw the column heads */
	size_t *shown;          /* rows of lines shown (the search) */
	size_t n_shown, cap_shown;
	char *query;            /* folded search text, or NULL */
	struct ui_table table;
	overlay_build_fn build;
	void *ctx;
	void (*free_ctx)(void *ctx);
	uint32_t item;          /* the item shown, or INTERN_NONE */
	int bar_nat;            /* natural width of the bar column 1 */
	/* Enter on row line of lines (may free the overlay), or NULL. */
	void (*pick)(struct overlay *o, size_t line);
	/* The keymap context of Enter with pick (its hint): KC_FREQ when
	 * 0 ("filter"); the Import screen sets KC_IMPORT ("choose"). */
	unsigned pick_ctx;
	/* More keymap contexts in force (KC_BIT mask), and the owner's
	 * handler of their actions (true when it used one), or 0, NULL;
	 * the handler may free the overlay. */
	unsigned extra_ctx;
	bool (*act)(struct overlay *o, enum action act);
	bool help;              /* the help screen (? does not reopen it) */
	WINDOW *win;
	int width;              /* content width at the last build */
};

/* A new overlay; ctx is freed with free_ctx (may be NULL). */
struct overlay *overlay_new(struct app *a, const char *title,
			    overlay_build_fn build, void *ctx,
			    void (*free_ctx)(void *ctx));
/* Set column n: header (or NULL), alignment, flexible width. */
void overlay_col(struct overlay *o, int n, const char *head,
		 enum ui_align al, bool flex);
/* Column 1 holds bars (lines_bar) and would like nat cells. */
void overlay_bar(struct overlay *o, int nat);
/* (Re)make the window over the body area and rebuild the content. */
void overlay_layout(struct overlay *o, int y, int x, int h, int w);
/* Rebuild the content (after a rating changed it). */
void overlay_rebuild(struct overlay *o);
void overlay_draw(struct overlay *o);
/* True when the overlay used the key. */
bool overlay_key(struct overlay *o, int key);
void overlay_mouse(struct overlay *o, int y, int dy);
unsigned overlay_keyctx(const struct overlay *o);
void overlay_free(struct overlay *o);

#endif
