/* SPDX-License-Identifier: GPL-3.0-or-later */
/* keymap: keys are data. One table maps each key, in each context, to
 * an action with its help text; lookups, the key-hint bar and the help
 * screen all come from that table, so they cannot disagree.
 *
 * A key is an int: a Unicode code point for characters, or a curses
 * KEY_* code with UI_FN set for function keys (the two ranges overlap
 * in curses, since get_wch returns them apart). */
#ifndef TASTE_UI_KEYMAP_H
#define TASTE_UI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "curses_inc.h"
#include "lines.h"

#define UI_FN 0x200000          /* beyond the last code point */
#define FNKEY(k) ((k) | UI_FN)
#define CTRLKEY(c) ((c) & 0x1f)
#define KEY_ESC 27

/* Contexts, in the order lookups try them (the first match wins). */
enum keyctx {
	KC_PROMPT,       /* a one-line editor has the keys */
	KC_SEARCH_BOX,   /* typing in the Search find box */
	KC_RATE,         /* an item is highlighted */
	KC_FREQ,         /* the frequency table */
	KC_BROWSE,
	KC_SEARCH_LIST,  /* the Search results have the focus */
	KC_OVERLAY,      /* details, statistics, frequency table, help */
	KC_LIST,         /* moving in any list */
	KC_PANE,         /* panes and overlays, when letters are commands */
	KC_GLOBAL,       /* everywhere but in the modal prompt */
	/* Matrix pane */
	KC_MATRIX,       /* the density map */
	/* Train pane */
	KC_TRAIN,        /* the settings form, the run and its plot */
	/* Import screen */
	KC_IMPORT,       /* its file list and report (Enter chooses) */
	/* Import screen: the report */
	KC_IMPORT_REPORT, /* y writes, n cancels */
	/* Search: one list of items like it (a narrow window) */
	KC_SEARCH_ONE,   /* c shows the next */
	KC_COUNT
};
#define KC_BIT(c) (1u << (c))
/* Contexts where printable keys are text, not commands. */
#define KC_TEXT_MODE (KC_BIT(KC_PROMPT) | KC_BIT(KC_SEARCH_BOX))

enum action {
	ACT_NONE,
	ACT_QUIT, ACT_HELP, ACT_REDRAW, ACT_NEXT_PANE, ACT_PREV_PANE,
	ACT_PANE_BROWSE, ACT_PANE_SEARCH,
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM,
	ACT_LEFT, ACT_RIGHT,
	ACT_RATE, ACT_RATE_EXACT, ACT_RATE_CLEAR, ACT_DETAILS,
	ACT_SORT_ASC, ACT_SORT_DESC, ACT_FILTER, ACT_FIND, ACT_FIND_NEXT,
	ACT_FIND_PREV, ACT_FREQ, ACT_STATS, ACT_UNFILTER, ACT_PICK,
	ACT_TO_RESULTS, ACT_TO_BOX, ACT_CLEAR_QUERY, ACT_DIVERSITY,
	ACT_CLOSE,
	ACT_ACCEPT, ACT_CANCEL, ACT_CHAR_LEFT, ACT_CHAR_RIGHT,
	ACT_LINE_START, ACT_LINE_END, ACT_DEL_BACK, ACT_DEL_FWD,
	ACT_KILL_LINE, ACT_KILL_WORD,
	/* Matrix pane */
	ACT_PANE_MATRIX, ACT_MX_ZOOM_IN, ACT_MX_ZOOM_OUT, ACT_MX_ORDER,
	ACT_MX_SHADE, ACT_MX_PREDICT, ACT_MX_PAGE_LEFT, ACT_MX_PAGE_RIGHT,
	ACT_MX_FIRST_COL, ACT_MX_LAST_COL,
	/* Train pane */
	ACT_PANE_TRAIN, ACT_TRAIN_START, ACT_TRAIN_PAUSE, ACT_TRAIN_STOP,
	ACT_TRAIN_LOG, ACT_TRAIN_DEC, ACT_TRAIN_INC, ACT_TRAIN_EDIT,
	ACT_TRAIN_RETRAIN,
	/* Import screen */
	ACT_IMPORT,
	/* Train pane: the tuning grid */
	ACT_TRAIN_GRID, ACT_TRAIN_APPLY,
	/* Import screen: the report */
	ACT_IMPORT_YES, ACT_IMPORT_NO,
	/* Search: the list of items like it shown when one fits */
	ACT_RECS_NEXT,
	/* Search: the focus among results, items like it and For you */
	ACT_FOCUS_NEXT, ACT_FOCUS_PREV,
	ACT_COUNT
};

/* The action of key in the first context of mask that binds it. */
enum action keymap_lookup(unsigned mask, int key);
/* A key's name for people ("↑", "PgDn", "^L", "F1", "x"). */
void keymap_key_name(int key, char *buf, size_t n);
/* True for keys that insert text in a prompt. */
bool keymap_is_text(int key);
/* Draw the hint bar for the contexts in mask, within cols cells: the
 * most useful keys first, abbreviated before any is left out. */
void keymap_draw_hints(WINDOW *w, int y, int cols, unsigned mask);
/* The help screen: a heading per context, then "keys  what they do". */
void keymap_help_lines(struct ui_lines *out);

#endif
