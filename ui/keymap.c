/* SPDX-License-Identifier: GPL-3.0-or-later */
/* keymap: the one table of keys. Each row binds a key (or a range of
 * keys, for the rating digits) in one context to an action, with the
 * help line shown on the help screen and, for the keys that matter
 * most, a short label for the hint bar. Several rows may share an
 * action (arrows and hjkl); the help screen joins them on one line.
 *
 * The hint bar ranks its groups (hint_core, then hint_extra): when
 * they do not all fit, it first abbreviates (Enter as a glyph, one
 * space between groups) and only then leaves out the least useful, so
 * the keys a newcomer needs stay on an 80-column screen. */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include <wctype.h>

#include "draw.h"
#include "i18n.h"
#include "keymap.h"
#include "text.h"
#include "theme.h"
#include "util.h"

#define KEY_TEXT (-1)   /* a help row for "typing", never matched */

struct keybind {
	enum keyctx ctx;
	int key, last;          /* a range, for the rating digits */
	enum action act;
	const char *help;
	const char *hint;       /* NULL: not in the hint bar */
};

#define K(c, k, a, h, t) { c, k, k, a, h, t }
#define R(c, k, l, a, h, t) { c, k, l, a, h, t }

static const char h_accept[] = N_("accept the text");
static const char h_up[] = N_("move up");
static const char h_down[] = N_("move down");
static const char h_details[] = N_("details of the highlighted item");
static const char h_results[] = N_("go to the results");
static const char h_close[] = N_("close");
static const char h_help[] = N_("this help (/ searches it)");
static const char h_quit[] = N_("quit");
static const char h_pick[] = N_("show the rows with this value in Browse");

static const struct keybind keymap[] = {
	K(KC_PROMPT, '\n', ACT_ACCEPT, h_accept, N_("accept")),
	K(KC_PROMPT, '\r', ACT_ACCEPT, h_accept, NULL),
	K(KC_PROMPT, FNKEY(KEY_ENTER), ACT_ACCEPT, h_accept, NULL),
	K(KC_PROMPT, KEY_ESC, ACT_CANCEL, N_("cancel"), N_("cancel")),
	K(KC_PROMPT, FNKEY(KEY_LEFT), ACT_CHAR_LEFT,
	  N_("move the cursor left"), NULL),
	K(KC_PROMPT, FNKEY(KEY_RIGHT), ACT_CHAR_RIGHT,
	  N_("move the cursor right"), NULL),
	K(KC_PROMPT, FNKEY(KEY_HOME), ACT_LINE_START,
	  N_("to the start of the text"), NULL),
	K(KC_PROMPT, CTRLKEY('A'), ACT_LINE_START,
	  N_("to the start of the text"), NULL),
	K(KC_PROMPT, FNKEY(KEY_END), ACT_LINE_END,
	  N_("to the end of the text"), NULL),
	K(KC_PROMPT, CTRLKEY('E'), ACT_LINE_END,
	  N_("to the end of the text"), NULL),
	K(KC_PROMPT, FNKEY(KEY_BACKSPACE), ACT_DEL_BACK,
	  N_("delete the character before the cursor"), NULL),
	K(KC_PROMPT, 127, ACT_DEL_BACK,
	  N_("delete the character before the cursor"), NULL),
	K(KC_PROMPT, CTRLKEY('H'), ACT_DEL_BACK,
	  N_("delete the character before the cursor"), NULL),
	K(KC_PROMPT, FNKEY(KEY_DC), ACT_DEL_FWD,
	  N_("delete the character under the cursor"), NULL),
	K(KC_PROMPT, CTRLKEY('U'), ACT_KILL_LINE,
	  N_("delete everything before the cursor"), N_("erase")),
	K(KC_PROMPT, CTRLKEY('W'), ACT_KILL_WORD,
	  N_("delete the word before the cursor"), NULL),

	K(KC_SEARCH_BOX, KEY_TEXT, ACT_NONE,
	  N_("type to find: each word is a prefix, case and accents do "
	     "not matter"), N_("type to find")),
	K(KC_SEARCH_BOX, FNKEY(KEY_DOWN), ACT_TO_RESULTS, h_results,
	  N_("results")),
	K(KC_SEARCH_BOX, '\n', ACT_TO_RESULTS, h_results, NULL),
	K(KC_SEARCH_BOX, '\r', ACT_TO_RESULTS, h_results, NULL),
	K(KC_SEARCH_BOX, FNKEY(KEY_ENTER), ACT_TO_RESULTS, h_results, NULL),
	K(KC_SEARCH_BOX, KEY_ESC, ACT_CLEAR_QUERY, N_("clear the query"),
	  N_("clear")),

	R(KC_RATE, '1', '5', ACT_RATE, N_("rate in whole stars"),
	  N_("rate")),
	R(KC_RATE, '6', '9', ACT_RATE, N_("rate 6-9 on 10-point scales"),
	  NULL),
	K(KC_RATE, '0', ACT_RATE, N_("rate 10 on 10-point scales"), NULL),
	K(KC_RATE, 'r', ACT_RATE_EXACT,
	  N_("rate with any value the scale allows (4.5)"), N_("exact")),
	K(KC_RATE, 'x', ACT_RATE_CLEAR, N_("unrate: clear your rating (with "
	  "none, your seen or wanted)"),
	  N_("clear")),
	K(KC_RATE, '\n', ACT_DETAILS, h_details, N_("details")),
	K(KC_RATE, '\r', ACT_DETAILS, h_details, NULL),
	K(KC_RATE, FNKEY(KEY_ENTER), ACT_DETAILS, h_details, NULL),

	K(KC_FREQ, '\n', ACT_PICK, h_pick, N_("filter")),
	K(KC_FREQ, '\r', ACT_PICK, h_pick, NULL),
	K(KC_FREQ, FNKEY(KEY_ENTER), ACT_PICK, h_pick, NULL),

	K(KC_BROWSE, '/', ACT_FIND, N_("find a title, then n / N"),
	  N_("find")),
	K(KC_BROWSE, 'n', ACT_FIND_NEXT, N_("next match"), NULL),
	K(KC_BROWSE, 'N', ACT_FIND_PREV, N_("previous match"), NULL),
	K(KC_BROWSE, '\\', ACT_FILTER,
	  N_("filter rows: words, column:word or column=value "
	     "(genres=Drama)"),
	  N_("filter")),
	K(KC_BROWSE, '[', ACT_SORT_ASC,
	  N_("sort ascending by the current column"), N_("sort")),
	K(KC_BROWSE, ']', ACT_SORT_DESC,
	  N_("sort descending by the current column"), N_("sort")),
	K(KC_BROWSE, 'F', ACT_FREQ,
	  N_("frequency table of the current column"), N_("freq")),
	K(KC_BROWSE, 's', ACT_STATS,
	  N_("dataset statistics and import report"), N_("stats")),
	K(KC_BROWSE, KEY_ESC, ACT_UNFILTER, N_("clear the filter"), NULL),
	K(KC_BROWSE, FNKEY(KEY_LEFT), ACT_LEFT, N_("previous column"),
	  N_("column")),
	K(KC_BROWSE, 'h', ACT_LEFT, N_("previous column"), NULL),
	K(KC_BROWSE, FNKEY(KEY_RIGHT), ACT_RIGHT, N_("next column"),
	  N_("column")),
	K(KC_BROWSE, 'l', ACT_RIGHT, N_("next column"), NULL),

	K(KC_SEARCH_LIST, '/', ACT_TO_BOX,
	  N_("back to the find box (so does any other letter)"),
	  N_("find")),
	K(KC_SEARCH_LIST, KEY_ESC, ACT_TO_BOX,
	  N_("back to the find box (so does any other letter)"), NULL),
	K(KC_SEARCH_LIST, FNKEY(KEY_RIGHT), ACT_FOCUS_NEXT,
	  N_("next list: results, items like it, For you (the arrows "
	     "move in it, the rating keys and Enter act on its item)"),
	  N_("lists")),
	K(KC_SEARCH_LIST, FNKEY(KEY_LEFT), ACT_FOCUS_PREV,
	  N_("previous list: For you, items like it, results"),
	  N_("lists")),
	K(KC_SEARCH_LIST, 'd', ACT_DIVERSITY,
	  N_("diversity of For you: 0, 0.3, 0.6 (MMR re-ranking)"),
	  N_("diversity")),
	K(KC_SEARCH_ONE, 'c', ACT_RECS_NEXT,
	  N_("the next list of items like it (collaborative, "
	     "content-based, hybrid)"),
	  N_("list")),

	/* Matrix pane: the density map (ui/pane_matrix.c; F4 is with the
	 * other pane keys, below) */
	K(KC_MATRIX, '+', ACT_MX_ZOOM_IN,
	  N_("zoom in on the cursor's block (down to single cells)"),
	  N_("zoom")),
	K(KC_MATRIX, '=', ACT_MX_ZOOM_IN,
	  N_("zoom in on the cursor's block (down to single cells)"), NULL),
	K(KC_MATRIX, '\n', ACT_MX_ZOOM_IN,
	  N_("zoom in on the cursor's block (down to single cells)"), NULL),
	K(KC_MATRIX, '\r', ACT_MX_ZOOM_IN,
	  N_("zoom in on the cursor's block (down to single cells)"), NULL),
	K(KC_MATRIX, FNKEY(KEY_ENTER), ACT_MX_ZOOM_IN,
	  N_("zoom in on the cursor's block (down to single cells)"), NULL),
	K(KC_MATRIX, '-', ACT_MX_ZOOM_OUT, N_("zoom out"), N_("zoom")),
	K(KC_MATRIX, FNKEY(KEY_UP), ACT_UP,
	  N_("move up (your row is the top one)"), N_("move")),
	K(KC_MATRIX, 'k', ACT_UP, N_("move up (your row is the top one)"),
	  NULL),
	K(KC_MATRIX, FNKEY(KEY_DOWN), ACT_DOWN, N_("move down"), N_("move")),
	K(KC_MATRIX, 'j', ACT_DOWN, N_("move down"), NULL),
	K(KC_MATRIX, FNKEY(KEY_LEFT), ACT_LEFT, N_("move left"), N_("move")),
	K(KC_MATRIX, 'h', ACT_LEFT, N_("move left"), NULL),
	K(KC_MATRIX, FNKEY(KEY_RIGHT), ACT_RIGHT, N_("move right"),
	  N_("move")),
	K(KC_MATRIX, 'l', ACT_RIGHT, N_("move right"), NULL),
	K(KC_MATRIX, FNKEY(KEY_PPAGE), ACT_PAGE_UP, N_("a screen up"), NULL),
	K(KC_MATRIX, FNKEY(KEY_NPAGE), ACT_PAGE_DOWN, N_("a screen down"),
	  NULL),
	K(KC_MATRIX, 'H', ACT_MX_PAGE_LEFT, N_("a screen left"), NULL),
	K(KC_MATRIX, 'L', ACT_MX_PAGE_RIGHT, N_("a screen right"), NULL),
	K(KC_MATRIX, 'g', ACT_TOP, N_("to your row, at the top"), NULL),
	K(KC_MATRIX, 'G', ACT_BOTTOM, N_("to the last row"), NULL),
	K(KC_MATRIX, FNKEY(KEY_HOME), ACT_MX_FIRST_COL,
	  N_("to the first column"), NULL),
	K(KC_MATRIX, FNKEY(KEY_END), ACT_MX_LAST_COL,
	  N_("to the last column"), NULL),
	K(KC_MATRIX, 'o', ACT_MX_ORDER,
	  N_("order rows by activity or id, columns by popularity or id"),
	  N_("order")),
	K(KC_MATRIX, 'm', ACT_MX_SHADE,
	  N_("shade blocks by number of ratings or by mean rating"),
	  N_("shade")),
	K(KC_MATRIX, 'p', ACT_MX_PREDICT,
	  N_("show the model's predictions in empty cells (~ and dim)"),
	  N_("predictions")),
	/* end of the Matrix pane */

	/* Train pane: the settings form, runs and plots (ui/pane_train.c).
	 * ^C never reaches the pane as a key: the tty turns it into SIGINT,
	 * which the app hands to the Train pane while a run goes (app.c);
	 * the row is here for the help screen and the hint bar. F3 is with
	 * the other pane keys, below. */
	K(KC_TRAIN, 't', ACT_TRAIN_START,
	  N_("start a run of the model with these settings"), N_("start")),
	K(KC_TRAIN, ' ', ACT_TRAIN_PAUSE,
	  N_("pause or resume the run (at the end of an epoch)"),
	  N_("pause")),
	K(KC_TRAIN, 'p', ACT_TRAIN_PAUSE,
	  N_("pause or resume the run (at the end of an epoch)"), NULL),
	K(KC_TRAIN, CTRLKEY('C'), ACT_TRAIN_STOP,
	  N_("stop the run (with no run going, ^C quits)"),
	  N_("stop")),
	K(KC_TRAIN, FNKEY(KEY_LEFT), ACT_TRAIN_DEC,
	  N_("lower the setting by a step"), N_("setting")),
	K(KC_TRAIN, FNKEY(KEY_RIGHT), ACT_TRAIN_INC,
	  N_("raise the setting by a step"), N_("setting")),
	K(KC_TRAIN, '-', ACT_TRAIN_DEC, N_("lower the setting by a step"),
	  NULL),
	K(KC_TRAIN, '+', ACT_TRAIN_INC, N_("raise the setting by a step"),
	  NULL),
	K(KC_TRAIN, '=', ACT_TRAIN_INC, N_("raise the setting by a step"),
	  NULL),
	K(KC_TRAIN, '\n', ACT_TRAIN_EDIT, N_("type a value for the setting "
	  "(on a model: go to its settings)"), N_("edit")),
	K(KC_TRAIN, '\r', ACT_TRAIN_EDIT, N_("type a value for the setting "
	  "(on a model: go to its settings)"), NULL),
	K(KC_TRAIN, FNKEY(KEY_ENTER), ACT_TRAIN_EDIT, N_("type a value for "
	  "the setting (on a model: go to its settings)"), NULL),
	K(KC_TRAIN, 'L', ACT_TRAIN_LOG, N_("log scale on the plot's y axis"),
	  N_("log")),
	K(KC_TRAIN, 'R', ACT_TRAIN_RETRAIN,
	  N_("retrain the model in use with its own settings"),
	  N_("retrain")),
	/* the tuning grid (before KC_LIST, whose g goes to the top) */
	K(KC_TRAIN, 'g', ACT_TRAIN_GRID, N_("run the tuning grid of the "
	  "Grid rows, k-fold (g again or ^C cancels it)"), N_("grid")),
	K(KC_TRAIN, 'a', ACT_TRAIN_APPLY, N_("apply the grid's best setting "
	  "to the form (then t trains with it)"), N_("apply")),
	/* end of the Train pane */

	/* Import screen: bring a history in (ui/import_view.c). I is a
	 * pane key, so it works in Browse and in the Search results (in
	 * the find box it is typed). */
	K(KC_PANE, 'I', ACT_IMPORT, N_("import a history: Goodreads, "
	  "Letterboxd, IMDb or CSV (report first, then confirm)"),
	  N_("import")),
	K(KC_IMPORT, '\n', ACT_PICK,
	  N_("choose the file, format or action highlighted"), N_("choose")),
	K(KC_IMPORT, '\r', ACT_PICK,
	  N_("choose the file, format or action highlighted"), NULL),
	K(KC_IMPORT, FNKEY(KEY_ENTER), ACT_PICK,
	  N_("choose the file, format or action highlighted"), NULL),
	K(KC_IMPORT_REPORT, 'y', ACT_IMPORT_YES,
	  N_("write the rows of the report to your profile"), N_("confirm")),
	K(KC_IMPORT_REPORT, 'Y', ACT_IMPORT_YES,
	  N_("write the rows of the report to your profile"), NULL),
	K(KC_IMPORT_REPORT, 'n', ACT_IMPORT_NO,
	  N_("cancel: write nothing (as Esc)"), N_("cancel")),
	K(KC_IMPORT_REPORT, 'N', ACT_IMPORT_NO,
	  N_("cancel: write nothing (as Esc)"), NULL),
	/* end of the Import screen */

	K(KC_OVERLAY, KEY_ESC, ACT_CLOSE, h_close, N_("close")),
	K(KC_OVERLAY, 'q', ACT_CLOSE, h_close, NULL),
	K(KC_OVERLAY, '/', ACT_FIND, N_("search in this list, then n / N"),
	  N_("find")),
	K(KC_OVERLAY, 'n', ACT_FIND_NEXT, N_("next match"), NULL),
	K(KC_OVERLAY, 'N', ACT_FIND_PREV, N_("previous match"), NULL),

	K(KC_LIST, FNKEY(KEY_UP), ACT_UP, h_up, N_("move")),
	K(KC_LIST, 'k', ACT_UP, h_up, NULL),
	K(KC_LIST, FNKEY(KEY_DOWN), ACT_DOWN, h_down, N_("move")),
	K(KC_LIST, 'j', ACT_DOWN, h_down, NULL),
	K(KC_LIST, FNKEY(KEY_PPAGE), ACT_PAGE_UP, N_("page up"), NULL),
	K(KC_LIST, FNKEY(KEY_NPAGE), ACT_PAGE_DOWN, N_("page down"), NULL),
	K(KC_LIST, 'g', ACT_TOP, N_("first row"), NULL),
	K(KC_LIST, FNKEY(KEY_HOME), ACT_TOP, N_("first row"), NULL),
	K(KC_LIST, 'G', ACT_BOTTOM, N_("last row"), NULL),
	K(KC_LIST, FNKEY(KEY_END), ACT_BOTTOM, N_("last row"), NULL),

	K(KC_PANE, '?', ACT_HELP, h_help, N_("help")),
	K(KC_PANE, 'q', ACT_QUIT, N_("quit (in an overlay q closes it)"),
	  N_("quit")),

	K(KC_GLOBAL, FNKEY(KEY_F(1)), ACT_HELP, h_help, N_("help")),
	K(KC_GLOBAL, '\t', ACT_NEXT_PANE, N_("next pane"), NULL),
	K(KC_GLOBAL, FNKEY(KEY_BTAB), ACT_PREV_PANE, N_("previous pane"),
	  NULL),
	K(KC_GLOBAL, FNKEY(KEY_F(2)), ACT_PANE_BROWSE, N_("Browse pane"),
	  NULL),
	K(KC_GLOBAL, FNKEY(KEY_F(3)), ACT_PANE_TRAIN, N_("Train pane"), NULL),
	K(KC_GLOBAL, FNKEY(KEY_F(4)), ACT_PANE_MATRIX, N_("Matrix pane"),
	  NULL),
	K(KC_GLOBAL, FNKEY(KEY_F(5)), ACT_PANE_SEARCH, N_("Search pane"),
	  NULL),
	K(KC_GLOBAL, CTRLKEY('L'), ACT_REDRAW, N_("redraw the screen"),
	  NULL),
	K(KC_GLOBAL, FNKEY(KEY_F(10)), ACT_QUIT, h_quit, N_("quit")),
};

/* Help sections, in the order the help screen shows them. */
static const struct {
	enum keyctx ctx;
	const char *title;
} sections[] = {
	{ KC_GLOBAL, N_("Everywhere but in a prompt") },
	{ KC_PANE, N_("Panes and overlays (in the find box letters are "
		      "typed)") },
	{ KC_LIST, N_("Moving in lists") },
	{ KC_RATE, N_("Wherever an item is highlighted") },
	{ KC_BROWSE, N_("Browse") },
	{ KC_SEARCH_BOX, N_("Search: the find box (Down with no results "
			    "goes to For you)") },
	{ KC_SEARCH_LIST, N_("Search: the results, the lists of items like "
			     "it and For you") },
	{ KC_OVERLAY, N_("Details, statistics, frequency table, help") },
	{ KC_FREQ, N_("Frequency table") },
	{ KC_PROMPT, N_("Prompts (find, filter, exact rating)") },
	{ KC_MATRIX, N_("Matrix (at single cells the rating keys rate the "
		       "column's item)") },
	{ KC_TRAIN, N_("Train") },
	{ KC_IMPORT, N_("Import (Esc cancels: nothing is written before "
			"you confirm)") },
	{ KC_IMPORT_REPORT, N_("Import: the report") },
	{ KC_SEARCH_ONE, N_("Search, in a window too narrow for the three "
			    "lists of items like it side by side") },
};

/* Hint groups from the most useful down: when the bar is too narrow
 * the last ones are left out first. The core ones are abbreviated
 * rather than left out; the extras (and actions not listed) are shown
 * only when they fit as well. */
static const enum action hint_core[] = {
	ACT_NONE,               /* "type to find" */
	ACT_ACCEPT, ACT_CANCEL, ACT_TO_RESULTS, ACT_RATE, ACT_RATE_EXACT,
	ACT_DETAILS, ACT_FOCUS_NEXT, ACT_FOCUS_PREV, ACT_PICK, ACT_CLOSE,
	ACT_FIND, ACT_TO_BOX, ACT_FILTER,
	ACT_SORT_ASC, ACT_SORT_DESC, ACT_HELP, ACT_FREQ,
	ACT_IMPORT,     /* in Browse and the Search results: hint_rank */
	ACT_STATS, ACT_CLEAR_QUERY, ACT_QUIT, ACT_RATE_CLEAR, ACT_KILL_LINE,
	/* Matrix */
	ACT_MX_ZOOM_IN, ACT_MX_PREDICT, ACT_MX_SHADE, ACT_MX_ORDER,
	ACT_TRAIN_START, ACT_TRAIN_PAUSE, ACT_TRAIN_STOP,            /* Train */
	ACT_TRAIN_GRID, ACT_TRAIN_APPLY,                     /* Train: grid */
	ACT_IMPORT_YES, ACT_IMPORT_NO,                /* Import: the report */
};
static const enum action hint_extra[] = {
	ACT_DIVERSITY, ACT_RECS_NEXT,
	/* Train */
	ACT_TRAIN_DEC, ACT_TRAIN_INC, ACT_TRAIN_EDIT, ACT_TRAIN_LOG,
	ACT_TRAIN_RETRAIN,
	ACT_LEFT, ACT_RIGHT, ACT_UP, ACT_DOWN,
	ACT_IMPORT,     /* elsewhere (Matrix, Train, overlays) */
};

/* The action of key in the first context of mask that binds it. */
enum action keymap_lookup(unsigned mask, int key)
{
	for (size_t i = 0; i < ARRAY_LEN(keymap); i++) {
		const struct keybind *b = &keymap[i];

		if ((mask & KC_BIT(b->ctx)) && key >= b->key &&
		    key <= b->last)
			return b->act;
	}
	return ACT_NONE;
}

/* True for keys that insert text in a prompt. */
bool keymap_is_text(int key)
{
	return key >= 0x20 && key != 0x7f && !(key & UI_FN) &&
	       iswprint((wint_t)key);
}

/* Names of curses function keys; glyph names fall back to words. */
static const char *fn_name(int k)
{
	bool a = theme_ascii();

	switch (k) {
	case KEY_UP: return a ? _("Up") : "↑";
	case KEY_DOWN: return a ? _("Down") : "↓";
	case KEY_LEFT: return a ? _("Left") : "←";
	case KEY_RIGHT: return a ? _("Right") : "→";
	case KEY_PPAGE: return _("PgUp");
	case KEY_NPAGE: return _("PgDn");
	case KEY_HOME: return _("Home");
	case KEY_END: return _("End");
	case KEY_BACKSPACE: return _("Backspace");
	case KEY_DC: return _("Del");
	case KEY_ENTER: return _("Enter");
	case KEY_BTAB: return _("Shift-Tab");
	default: return NULL;
	}
}

/* Names of control and other special characters. */
static const char *char_name(int k)
{
	switch (k) {
	case '\n': case '\r': return _("Enter");
	case KEY_ESC: return _("Esc");
	case '\t': return _("Tab");
	case 127: return _("Backspace");
	case ' ': return _("Space");
	default: return NULL;
	}
}

/* A key's name for people ("↑", "PgDn", "^L", "F1", "x"). */
void keymap_key_name(int key, char *buf, size_t n)
{
	const char *s = NULL;
	char u[8];

	if (key & UI_FN) {
		int k = key & ~UI_FN;

		if (k >= KEY_F(1) && k <= KEY_F(12)) {
			xsnprintf(buf, n, "F%d", k - KEY_F0);
			return;
		}
		s = fn_name(k);
		xsnprintf(buf, n, "%s", s ? s : "?");
		return;
	}
	s = char_name(key);
	if (s) {
		xsnprintf(buf, n, "%s", s);
	} else if (key < 0x20) {
		xsnprintf(buf, n, "^%c", key + '@');
	} else {
		ui_utf8(key, u);
		xsnprintf(buf, n, "%s", u);
	}
}

/* A key's name, or its short form for a crowded hint bar. */
static void hint_key_name(int key, bool brief, char *buf, size_t n)
{
	bool enter = key == '\n' || key == '\r' || key == FNKEY(KEY_ENTER);

	if (brief && enter && !theme_ascii())
		xsnprintf(buf, n, "%s", "↵");
	else
		keymap_key_name(key, buf, n);
}

/* The name of a binding: one key, a range "1-5", or "letters". */
static void bind_name(const struct keybind *b, bool brief, char *buf,
		      size_t n)
{
	char a[32], z[32];

	if (b->key == KEY_TEXT) {
		xsnprintf(buf, n, "%s", _("letters"));
		return;
	}
	hint_key_name(b->key, brief, a, sizeof(a));
	if (b->last == b->key) {
		xsnprintf(buf, n, "%s", a);
		return;
	}
	hint_key_name(b->last, brief, z, sizeof(z));
	xsnprintf(buf, n, "%s-%s", a, z);
}

/* Whether b works (and may be shown) in the contexts of mask: its
 * context is there, it is not text while typing, and no earlier
 * context takes its key for something else. */
static bool bind_usable(const struct keybind *b, unsigned mask)
{
	if (!(mask & KC_BIT(b->ctx)))
		return false;
	if (b->key == KEY_TEXT)
		return (mask & KC_TEXT_MODE) != 0;
	if ((mask & KC_TEXT_MODE) && b->ctx != KC_PROMPT &&
	    b->ctx != KC_SEARCH_BOX && keymap_is_text(b->key))
		return false;
	return keymap_lookup(mask, b->key) == b->act;
}

/* Append name to the " "-separated list in buf unless already there. */
static void add_name(char *buf, size_t n, const char *name)
{
	size_t len = strlen(buf), nl = strlen(name);
	const char *p = buf;

	while ((p = strstr(p, name)) != NULL) {
		bool start = p == buf || p[-1] == ' ';

		if (start && (p[nl] == ' ' || p[nl] == '\0'))
			return;
		p += nl;
	}
	xsnprintf(buf + len, n - len, "%s%s", len ? " " : "", name);
}

/* One group of the hint bar: "[ ] sort"; keys[1] is the short form. */
struct hint {
	char keys[2][96];
	const char *label;
	int width[2];
	size_t rank;
};

/* Keys of the hint group starting at entry i: that binding and the
 * later ones of its context with the same label. */
static void hint_keys(size_t i, unsigned mask, bool *shown, struct hint *h)
{
	const struct keybind *b = &keymap[i];
	char name[32];

	h->keys[0][0] = h->keys[1][0] = '\0';
	for (size_t j = i; j < ARRAY_LEN(keymap); j++) {
		const struct keybind *c = &keymap[j];

		if (c->ctx != b->ctx || !c->hint || strcmp(c->hint, b->hint))
			continue;
		if (j != i && (c->act == b->act || shown[c->act]))
			continue;
		if (!bind_usable(c, mask))
			continue;
		shown[c->act] = true;
		for (int s = 0; s < 2; s++) {
			bind_name(c, s == 1, name, sizeof(name));
			add_name(h->keys[s], sizeof(h->keys[s]), name);
		}
	}
	shown[b->act] = true;
}

/* Where act comes in hint_core then hint_extra (after: not there). */
static size_t hint_rank_of(enum action act)
{
	size_t nc = ARRAY_LEN(hint_core);

	for (size_t r = 0; r < nc; r++)
		if (hint_core[r] == act)
			return r;
	for (size_t r = 0; r < ARRAY_LEN(hint_extra); r++)
		if (hint_extra[r] == act)
			return nc + r;
	return nc + ARRAY_LEN(hint_extra);
}

/* The rank of act's group in the contexts of mask: I import is a
 * core key where the Import screen is announced (Browse, the Search
 * results), an extra one where the pane's own keys come first. */
static size_t hint_rank(enum action act, unsigned mask)
{
	size_t nc = ARRAY_LEN(hint_core);
	size_t r = hint_rank_of(act);

	if (act == ACT_IMPORT &&
	    !(mask & (KC_BIT(KC_BROWSE) | KC_BIT(KC_SEARCH_LIST))))
		for (size_t k = 0; k < ARRAY_LEN(hint_extra); k++)
			if (hint_extra[k] == act)
				r = nc + k;
	return r;
}

/* Fill h for the group of binding b (keys already set). */
static void hint_measure(const struct keybind *b, unsigned mask,
			 struct hint *h)
{
	h->label = _(b->hint);
	for (int s = 0; s < 2; s++)
		h->width[s] = (int)(text_width(h->keys[s]) +
				    !!h->keys[s][0] + text_width(h->label));
	h->rank = hint_rank(b->act, mask);
}

/* The hint groups for mask, in table order; returns how many. */
static size_t hint_groups(unsigned mask, struct hint *out, size_t max)
{
	bool shown[ACT_COUNT] = { false };
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_LEN(keymap) && n < max; i++) {
		const struct keybind *b = &keymap[i];

		if (!b->hint || !bind_usable(b, mask))
			continue;
		if (b->key != KEY_TEXT && shown[b->act])
			continue;
		/* the Import screen does not offer itself again */
		if (b->act == ACT_IMPORT && (mask & KC_BIT(KC_IMPORT)))
			continue;
		if (b->key == KEY_TEXT)
			out[n].keys[0][0] = out[n].keys[1][0] = '\0';
		else
			hint_keys(i, mask, shown, &out[n]);
		hint_measure(b, mask, &out[n]);
		n++;
	}
	return n;
}

/* Mark in keep the k best ranked of n groups (ties: table order). */
static void hint_best(const struct hint *h, size_t n, size_t k, bool *keep)
{
	for (size_t i = 0; i < n; i++) {
		size_t better = 0;

		for (size_t j = 0; j < n; j++)
			better += h[j].rank < h[i].rank ||
				  (h[j].rank == h[i].rank && j < i);
		keep[i] = better < k;
	}
}

/* Cells the kept groups take at a level: 0 full, 1 short keys, 2 short
 * keys and one space between groups. */
static int hint_width(const struct hint *h, size_t n, const bool *keep,
		      int level)
{
	int w = 0, gap = level == 2 ? 1 : 2;

	for (size_t i = 0; i < n; i++)
		if (keep[i])
			w += (w ? gap : 0) + h[i].width[level > 0];
	return w;
}

/* Draw one group at x; returns the x after it. */
static int draw_hint(WINDOW *w, int y, int x, const struct hint *h,
		     bool brief)
{
	const char *keys = h->keys[brief];

	if (keys[0]) {
		x += ui_puts(w, y, x, keys, h->width[brief],
			     theme_attr(TH_KEY));
		x += 1;
	}
	return x + ui_puts(w, y, x, h->label, h->width[brief], A_NORMAL);
}

/* Draw the kept groups from column 1 at a level. */
static void hint_put(WINDOW *w, int y, const struct hint *h, size_t n,
		     const bool *keep, int level)
{
	int x = 1;

	for (size_t i = 0; i < n; i++)
		if (keep[i])
			x = draw_hint(w, y, x, &h[i], level > 0) +
			    (level == 2 ? 1 : 2);
}

/* The fullest level at which the k best groups fit in cols, or -1. */
static int hint_level(const struct hint *h, size_t n, size_t k, bool *keep,
		      int cols)
{
	hint_best(h, n, k, keep);
	for (int level = 0; level < 3; level++)
		if (hint_width(h, n, keep, level) <= cols - 2)
			return level;
	return -1;
}

/* Draw the hint bar for the contexts in mask, within cols cells: the
 * core groups at the fullest level they fit (dropping the last ranked
 * only when even the shortest form is too wide), then as many of the
 * others as still fit at that level. */
void keymap_draw_hints(WINDOW *w, int y, int cols, unsigned mask)
{
	struct hint h[48];
	bool keep[48];
	size_t n = hint_groups(mask, h, ARRAY_LEN(h)), core = 0, k;
	int level = -1, more;

	ui_blank(w, y, 0, cols, A_NORMAL);
	for (size_t i = 0; i < n; i++)
		core += h[i].rank < ARRAY_LEN(hint_core);
	for (k = core ? core : n; k > 0; k--)
		if ((level = hint_level(h, n, k, keep, cols)) >= 0)
			break;
	if (k == 0)
		return;
	while (k < n && (more = hint_level(h, n, k + 1, keep, cols)) >= 0 &&
	       more <= level)
		k++;
	hint_best(h, n, k, keep);
	hint_put(w, y, h, n, keep, level);
}

/* Keys of the help row for entry i: every binding of its context with
 * the same action and help text. */
static void help_keys(size_t i, char *buf, size_t n)
{
	const struct keybind *b = &keymap[i];
	char name[32];

	buf[0] = '\0';
	for (size_t j = i; j < ARRAY_LEN(keymap); j++) {
		const struct keybind *c = &keymap[j];

		if (c->ctx != b->ctx || c->act != b->act ||
		    strcmp(c->help, b->help))
			continue;
		bind_name(c, false, name, sizeof(name));
		add_name(buf, n, name);
	}
}

/* True when an earlier binding of the same row was already listed. */
static bool help_listed(size_t i)
{
	const struct keybind *b = &keymap[i];

	for (size_t j = 0; j < i; j++)
		if (keymap[j].ctx == b->ctx && keymap[j].act == b->act &&
		    !strcmp(keymap[j].help, b->help))
			return true;
	return false;
}

/* The help screen: a heading per context, then "keys  what they do". */
void keymap_help_lines(struct ui_lines *out)
{
	char keys[96];

	for (size_t s = 0; s < ARRAY_LEN(sections); s++) {
		lines_add(out, LINE_HEAD, _(sections[s].title), NULL, NULL,
			  NULL);
		for (size_t i = 0; i < ARRAY_LEN(keymap); i++) {
			if (keymap[i].ctx != sections[s].ctx || help_listed(i))
				continue;
			help_keys(i, keys, sizeof(keys));
			lines_add(out, 0, keys, _(keymap[i].help), NULL,
				  NULL);
		}
	}
}
