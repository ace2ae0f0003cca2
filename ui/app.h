/* SPDX-License-Identifier: GPL-3.0-or-later */
/* app: the TUI's state and main loop. It owns the terminal (curses,
 * signals, stderr while curses runs), lays the screen out from the
 * terminal size (header, tab bar, the pane's body, status line, key
 * hints), routes keys (modal prompt, then overlay, then the pane, then
 * the global keys) and redraws only the regions marked dirty. */
#ifndef TASTE_UI_APP_H
#define TASTE_UI_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "catalog.h"
#include "curses_inc.h"
#include "options.h"
#include "profile.h"
#include "prompt.h"

#define APP_MAX_PANES 4
#define APP_MIN_COLS 60     /* below this the screen asks for more room */
#define APP_MIN_ROWS 15

/* Regions to redraw at the end of the current key. */
#define DIRTY_HEAD 0x01u
#define DIRTY_TABS 0x02u
#define DIRTY_BODY 0x04u
#define DIRTY_OVERLAY 0x08u
#define DIRTY_STATUS 0x10u
#define DIRTY_KEYS 0x20u
#define DIRTY_ALL 0x3fu
#define DIRTY_FULL 0x40u    /* everything, from a cleared screen */

enum toast_kind { TOAST_INFO, TOAST_OK, TOAST_ERR, TOAST_NOTE };

struct app;
struct pane;
struct overlay;

/* Called when a modal prompt ends: text is NULL when cancelled. */
typedef void (*app_prompt_fn)(struct app *a, void *ctx, const char *text);
/* Makes the modal prompt's label for the cells it may take, so that a
 * long title is cut and the rest of the label kept. */
typedef void (*app_label_fn)(struct app *a, void *ctx, int cols, char *buf,
			     size_t n);
/* Completes the open prompt's text on Tab (the Import screen's path). */
typedef void (*app_complete_fn)(struct app *a, void *ctx,
				struct prompt *p);

struct recs_bg;
struct usertags;

struct app {
	struct taste_opts *opts;
	struct catalog *cat;
	struct profile *prof;
	/* Your signals journal (import.h: items seen or wanted), opened
	 * beside prof and refreshed with it; NULL until it exists. */
	struct profile *signals;
	/* Your shelves, tags and genres of items (usertags.h), read again
	 * with the profile when an import changed them; NULL when the
	 * file cannot be read (said once). */
	struct usertags *words;
	/* The worker that loads or fits the models the panes share (Search
	 * lists, Matrix predictions), or NULL with why in recs_err. */
	struct recs_bg *recs;
	char recs_err[256];
	struct pane *panes[APP_MAX_PANES];
	size_t n_panes, cur;
	WINDOW *w_head, *w_tabs, *w_body, *w_status, *w_keys;
	int rows, cols;
	bool small;             /* below the minimum size */
	struct overlay *ov;     /* details, stats, freq or help, or NULL */
	struct prompt prompt;   /* the modal prompt on the status line */
	app_prompt_fn prompt_done;
	app_label_fn prompt_label;  /* or NULL: the label is fixed */
	app_complete_fn prompt_complete;  /* Tab, or NULL: Tab ignored */
	void *prompt_ctx;
	/* What the last Tab found (app_prompt_candidates), listed in a box
	 * over the body just above the prompt until the text changes. */
	char *cand_title;       /* NULL: no list shown */
	char **cands;
	size_t n_cands;
	WINDOW *w_cands;
	unsigned long rated_gen;    /* counts the changes to the profile */
	double last_refresh;        /* when the profile was last re-read */
	char toast[512];
	enum toast_kind toast_kind;
	bool toast_keep;        /* survives the next key (start-up notes) */
	unsigned dirty;
	unsigned hint_mask;     /* contexts of the hint bar last drawn */
	int tab_x[APP_MAX_PANES], tab_w[APP_MAX_PANES];  /* for clicks */
	int prompt_x;           /* cursor column in the modal prompt */
	WINDOW *cur_win;        /* where the pane wants the cursor */
	int cur_y, cur_x;
	bool cursor_on;
	bool quit;
	int exit_code;
};

/* Start the TUI with the options the CLI parsed; returns the exit code. */
int app_run(struct taste_opts *opts);

void app_dirty(struct app *a, unsigned what);
/* Show a message on the status line until the next key. */
void app_toast(struct app *a, enum toast_kind k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Open the modal prompt on the status line. */
void app_prompt(struct app *a, const char *label, const char *init,
		app_prompt_fn done, void *ctx);
/* Make the open prompt's label with fn at each draw (same ctx). */
void app_prompt_label(struct app *a, app_label_fn fn);
/* Complete the open prompt's text with fn on Tab (same ctx). */
void app_prompt_complete(struct app *a, app_complete_fn fn);
/* List names[0..n) (copied) under title in a box just above the open
 * prompt, as a shell lists completions, until its text changes or it
 * ends; title NULL takes the list away. n may be 0 (the title says
 * why). */
void app_prompt_candidates(struct app *a, const char *title,
			   char *const *names, size_t n);
/* Show o over the body (replacing any other overlay), or close it. */
void app_overlay_open(struct app *a, struct overlay *o);
void app_overlay_close(struct app *a);
/* Ask for the terminal cursor at (y, x) of w (while drawing). */
void app_cursor(struct app *a, WINDOW *w, int y, int x);
/* Your signals journal (a->signals), opened when it exists or, when
 * create, made; NULL when it does not exist, or with err when it
 * cannot be opened. */
struct profile *app_signals(struct app *a, bool create, char *err,
			    size_t errlen);
/* A rating of item changed: every view that shows it is redrawn.
 * INTERN_NONE: many changed (an import, another process); the pane
 * shown also sorts and filters again at once. */
void app_rated(struct app *a, uint32_t item);
/* Switch to pane i. */
void app_switch(struct app *a, size_t i);
/* The label of item i ("The Matrix (1999)") into buf. */
const char *app_label(const struct app *a, uint32_t i, char *buf,
		      size_t n);
/* The same cut to cols cells: the title loses its end, the year stays. */
const char *app_label_fit(const struct app *a, uint32_t i, int cols,
			  char *buf, size_t n);

#endif
