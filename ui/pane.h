/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pane: one screen of the TUI, as a small struct of function pointers.
 * The app draws the pane into the body window when it is dirty, and
 * offers it each key before the global keys; one file per pane. */
#ifndef TASTE_UI_PANE_H
#define TASTE_UI_PANE_H

#include <stdbool.h>

#include "app.h"
#include "curses_inc.h"

struct pane {
	const char *name;       /* N_() tab name */
	int fkey;               /* FNKEY(KEY_F(n)) that shows it */
	struct app *app;
	void *st;               /* the pane's own state */
	/* Contexts of the keymap in force (for lookups and hints). */
	unsigned (*keyctx)(struct pane *p);
	void (*draw)(struct pane *p, WINDOW *w, int h, int wd);
	/* True when the pane used the key. */
	bool (*key)(struct pane *p, int key);
	void (*resize)(struct pane *p, int h, int wd);
	/* The pane is shown again: after a switch or an overlay (may be
	 * NULL). */
	void (*show)(struct pane *p);
	/* A click (button 1) or wheel (dy) at body row y, column x. */
	void (*mouse)(struct pane *p, int y, int x, int dy);
	/* No key came within the loop's timeout (may be NULL): true when
	 * the pane has something new to show (background work). */
	bool (*idle)(struct pane *p);
	void (*free)(struct pane *p);
	/* Train pane hooks (may be NULL): busy is true while work runs
	 * that quitting would lose (q and F10 then ask first); interrupt
	 * gets a ^C (SIGINT) while the pane is shown and returns true when
	 * it used it (stopped its run), else ^C quits as everywhere. */
	bool (*busy)(struct pane *p);
	bool (*interrupt)(struct pane *p);
};

struct pane *pane_browse_new(struct app *a);
struct pane *pane_search_new(struct app *a);
struct pane *pane_matrix_new(struct app *a);
struct pane *pane_train_new(struct app *a);

#endif
