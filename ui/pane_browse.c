/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pane_browse: the catalogue as a table (struct view). The header is
 * frozen and the title column pinned; column widths come from the
 * widest cell of each column, measured once when the pane is made (so
 * a key press never scans 10,000 rows to lay the table out). After a
 * sort or a filter the first row is highlighted. The sort column and
 * your ratings stay in view however narrow the window. The You column
 * shows your stars, or, dim, "seen" or "want" for an item you have
 * only among your signals (imported watched lists, shelves, watch
 * lists), as Search tags it.
 *
 * The order follows the profile: when a rating changes while the sort
 * or the filter uses your ratings, the rows are sorted again the next
 * time Browse is shown, with the same item highlighted (not while you
 * rate in Browse itself, where rows jumping away would be confusing).
 *
 * Find (/, n, N) says where it is: "match 2 of 3", and when it wrapped.
 * The matches are counted once per query and order, with view_find
 * over every row: 0.3 ms for "star wars" over 9,742 movies, 1.3 ms for
 * "the" (2,990 matches). */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dataset.h"
#include "details.h"
#include "draw.h"
#include "i18n.h"
#include "import.h"
#include "intern.h"
#include "keymap.h"
#include "lines.h"
#include "pane.h"
#include "rate.h"
#include "table.h"
#include "text.h"
#include "theme.h"
#include "util.h"
#include "view.h"

#define TEXT_MAX 60         /* natural width cap for text columns */
#define NOTE_MAX 3          /* rows for the note on missing data */

struct browse {
	struct app *app;
	struct view v;
	struct ui_table t;
	struct ui_col cols[COL_COUNT];
	enum view_col vcol[COL_COUNT];
	char head[COL_COUNT][64];
	char *find;             /* the last / query */
	uint32_t *hits;         /* rows matching it, in order */
	size_t n_hits;
	bool hits_ok;           /* hits are for this query and order */
	const char *note;       /* what the catalogue lacks, or NULL */
	struct ui_lines note_lines;  /* the note wrapped to note_w */
	int note_w;
	unsigned long seen_gen; /* app->rated_gen the order is from */
};

/* Table callback: the text of a cell, a dash when empty; your rating
 * in the stars' colour, a signal ("seen") dim. */
static void browse_cell(void *ctx, size_t row, size_t col, int width,
			char *buf, size_t n, attr_t *attr)
{
	struct browse *b = ctx;
	enum view_col vc = b->vcol[col];
	uint32_t item = b->v.rows[row];

	(void)width;
	view_cell(&b->v, item, vc, theme_ascii(), buf, n);
	if (!*buf) {
		xsnprintf(buf, n, "%s", theme_glyphs()->dash);
		*attr = theme_attr(TH_DIM);
	} else if (vc == COL_YOU) {
		*attr = theme_attr(view_you_state(&b->v, item) ==
				   VIEW_YOU_RATED ? TH_STARS : TH_DIM);
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

/* Width of the You cell at its widest: a rating ("★★★★½") or the tag
 * of a signal ("seen", "want"). */
static int you_width(const struct app *a)
{
	const struct scale *sc = &a->cat->scale;
	const char *tags[] = { view_signal_tag(IMPORT_SIGNAL_SEEN),
			       view_signal_tag(IMPORT_SIGNAL_WANT) };
	char buf[64];
	int w = 0;

	for (int k = 0; k < 2; k++) {
		int wk;

		scale_format(sc, sc->max - k * sc->step, theme_ascii(), buf,
			     sizeof(buf));
		wk = (int)text_width(buf);
		w = wk > w ? wk : w;
		wk = (int)text_width(tags[k]);
		w = wk > w ? wk : w;
	}
	return w;
}

/* Set up column i for view column c: alignment and widths. */
static void browse_col(struct browse *b, size_t i, enum view_col c)
{
	struct ui_col *col = &b->cols[i];
	int head = (int)text_width(view_col_name(c)) + 2; /* + arrow */
	bool text = !view_col_numeric(c);
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

/* Header texts, with the sort direction on the sorted column, which
 * stays in view with your ratings. */
static void browse_heads(struct browse *b)
{
	const struct glyphs *g = theme_glyphs();

	for (size_t i = 0; i < b->t.n_cols; i++) {
		bool sorted = b->vcol[i] == b->v.sort_col;

		b->cols[i].keep = sorted || b->vcol[i] == COL_YOU;
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
	b->hits_ok = false;
	b->seen_gen = b->app->rated_gen;
	ui_table_select(&b->t, 0);
	app_dirty(b->app, DIRTY_BODY);
}

/* The rows changed: highlight item again if it is still shown. */
static void browse_keep_item(struct browse *b, uint32_t item)
{
	browse_rows_changed(b);
	for (uint32_t r = 0; r < b->v.n_rows; r++)
		if (b->v.rows[r] == item) {
			ui_table_select(&b->t, r);
			return;
		}
}

/* [ or ]: sort by the current column. */
static void browse_sort(struct browse *b, bool desc)
{
	view_sort(&b->v, b->vcol[b->t.cur_col], desc);
	browse_rows_changed(b);
}

/* True when filter text f may look at your ratings: a term starts
 * with "you:" or "you=" ("you:>=4"). A quoted word that looks like
 * one only costs a needless sort. */
static bool filter_uses_you(const char *f)
{
	for (const char *p = f; p && *p; p++)
		if ((p == f || p[-1] == ' ') && strncasecmp(p, "you", 3) == 0 &&
		    (p[3] == ':' || p[3] == '='))
			return true;
	return false;
}

/* Browse is shown again: if ratings changed what the order or the
 * filter depends on, sort again, keeping the highlighted item. */
static void browse_show(struct pane *p)
{
	struct browse *b = p->st;
	uint32_t item = browse_item(b);

	view_signals(&b->v, b->app->signals);   /* it may have appeared */
	if (b->seen_gen == b->app->rated_gen)
		return;
	b->seen_gen = b->app->rated_gen;
	if (b->v.sort_col != COL_YOU && !filter_uses_you(b->v.filter))
		return;
	view_sort(&b->v, b->v.sort_col, b->v.sort_desc);
	browse_keep_item(b, item);
}

/* The \ prompt ended: apply the filter (empty clears it); one that
 * is not a filter is refused and the rows stay. */
static void filter_done(struct app *a, void *ctx, const char *text)
{
	struct browse *b = ctx;
	char err[256];
	int64_t n;

	if (!text)
		return;
	n = view_filter_set(&b->v, text, err, sizeof(err));
	if (n < 0) {
		app_toast(a, TOAST_ERR, _("Not a filter: %s"), err);
		return;
	}
	browse_rows_changed(b);
	if (n == 0)
		app_toast(a, TOAST_ERR,
			  _("No row matches \"%s\" (Esc shows all rows)"),
			  text);
}

/* Esc: clear the filter, keeping the highlighted item. */
static void browse_unfilter(struct browse *b)
{
	uint32_t item = browse_item(b);

	if (!b->v.filter)
		return;
	view_filter(&b->v, NULL);
	browse_keep_item(b, item);
	app_toast(b->app, TOAST_INFO, _("Filter cleared"));
}

/* True when the filter f already holds term t as a whole term. */
static bool filter_has(const char *f, const char *t)
{
	size_t n = strlen(t);

	for (const char *p = f; (p = strstr(p, t)) != NULL; p++)
		if ((p == f || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

/* Enter in the frequency table: keep the rows shown whose cell is
 * that value (the filter so far, narrowed by an exact term). */
static void freq_picked(void *ctx, enum view_col col, const char *value)
{
	struct browse *b = ctx;
	const char *old = b->v.filter ? b->v.filter : "";
	char term[600], text[1200], err[256];
	int64_t n;

	view_filter_term(col, value, term, sizeof(term));
	if (filter_has(old, term))
		xsnprintf(text, sizeof(text), "%s", old);
	else
		xsnprintf(text, sizeof(text), "%s%s%s", old, *old ? " " : "",
			  term);
	n = view_filter_set(&b->v, text, err, sizeof(err));
	if (n < 0) {
		app_toast(b->app, TOAST_ERR, _("Not a filter: %s"), err);
		return;
	}
	browse_rows_changed(b);
	app_toast(b->app, TOAST_INFO,
		  ngettext("Filter %s: %lld row", "Filter %s: %lld rows",
			   (unsigned long)n), text, (long long)n);
}

/* The rows that match b->find, in order; made once per query and
 * order. */
static void find_hits(struct browse *b)
{
	int64_t r;

	if (b->hits_ok)
		return;
	r = view_find(&b->v, b->find, -1, 1);
	b->n_hits = 0;
	while (r >= 0) {
		b->hits[b->n_hits++] = (uint32_t)r;
		r = view_find(&b->v, b->find, r, 1);
		if (r <= (int64_t)b->hits[b->n_hits - 1])
			break;
	}
	b->hits_ok = true;
}

/* The 1-based place of row r among the matches (0 if not one). */
static size_t hit_number(const struct browse *b, uint32_t r)
{
	size_t lo = 0, hi = b->n_hits;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (b->hits[mid] < r)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < b->n_hits && b->hits[lo] == r ? lo + 1 : 0;
}

/* "match 2 of 3 for ..." for row r, and whether the search wrapped. */
static void find_say(struct browse *b, uint32_t r, bool wrapped, int dir)
{
	size_t at;

	find_hits(b);
	at = hit_number(b, r);
	if (!wrapped)
		app_toast(b->app, TOAST_INFO, _("match %zu of %zu for \"%s\""),
			  at, b->n_hits, b->find);
	else if (dir > 0)
		app_toast(b->app, TOAST_INFO, _("match %zu of %zu for \"%s\" "
						"%s search wrapped to the top"),
			  at, b->n_hits, b->find, theme_glyphs()->dot);
	else
		app_toast(b->app, TOAST_INFO, _("match %zu of %zu for \"%s\" "
						"%s search wrapped to the "
						"bottom"),
			  at, b->n_hits, b->find, theme_glyphs()->dot);
}

/* Highlight the next (dir 1) or previous (-1) match of b->find,
 * starting after row from. */
static void browse_find_from(struct browse *b, int64_t from, int dir)
{
	int64_t r;

	if (!b->find) {
		app_toast(b->app, TOAST_INFO,
			  _("Nothing to find yet: press /"));
		return;
	}
	r = view_find(&b->v, b->find, from, dir);
	if (r < 0) {
		app_toast(b->app, TOAST_ERR, _("Not found: %s"), b->find);
		return;
	}
	find_say(b, (uint32_t)r, from >= 0 && (dir > 0 ? r <= from
							 : r >= from), dir);
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
	b->hits_ok = false;
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
					b->vcol[b->t.cur_col], freq_picked, b));
		return true;
	case ACT_STATS:
		app_overlay_open(a, dataset_stats_overlay(a));
		return true;
	case ACT_FILTER:
		app_prompt(a, _("Filter: "), b->v.filter, filter_done, b);
		return true;
	case ACT_FIND:
		app_prompt(a, _("Find: "), b->find, find_done, b);
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
	       KC_BIT(KC_PANE) | KC_BIT(KC_GLOBAL);
}

/* A key in Browse; false for the global keys. */
static bool browse_key(struct pane *p, int key)
{
	struct browse *b = p->st;
	enum action act = keymap_lookup(browse_keyctx(p) &
					~(KC_BIT(KC_GLOBAL) | KC_BIT(KC_PANE)),
					key);
	int64_t sel = (int64_t)b->t.sel;

	if (rate_action(b->app, browse_item(b), act, key) ||
	    browse_open(b, act))
		return true;
	switch (act) {
	case ACT_SORT_ASC: browse_sort(b, false); return true;
	case ACT_SORT_DESC: browse_sort(b, true); return true;
	case ACT_UNFILTER: browse_unfilter(b); return true;
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

/* Rows of the note on missing data for an h x wd body: wrapped to
 * the width, at most NOTE_MAX and a quarter of the body. */
static int note_rows(struct browse *b, int h, int wd)
{
	int max = h / 4 < NOTE_MAX ? h / 4 : NOTE_MAX;

	if (!b->note)
		return 0;
	if (b->note_w != wd) {
		lines_clear(&b->note_lines);
		lines_para(&b->note_lines, 0, b->note, (size_t)(wd - 2));
		b->note_w = wd;
	}
	if (max < 1)
		max = 1;
	return (int)b->note_lines.n < max ? (int)b->note_lines.n : max;
}

/* The note from row y in n rows; the last one ends in an ellipsis
 * when the note needs more. */
static void draw_note(struct browse *b, WINDOW *w, int y, int n, int wd)
{
	attr_t a = theme_attr(TH_NOTE);
	char rest[1024] = "";

	for (int i = 0; i < n - 1; i++)
		ui_text(w, y + i, 1, b->note_lines.v[i].cell[0], wd - 1,
			AL_LEFT, a);
	for (size_t i = (size_t)n - 1; i < b->note_lines.n; i++)
		xsnprintf(rest + strlen(rest), sizeof(rest) - strlen(rest),
			  "%s%s", *rest ? " " : "", b->note_lines.v[i].cell[0]);
	ui_text(w, y + n - 1, 1, rest, wd - 1, AL_LEFT, a);
}

/* Draw the table, the note on missing data and the footer. */
static void browse_draw(struct pane *p, WINDOW *w, int h, int wd)
{
	struct browse *b = p->st;
	int notes = note_rows(b, h, wd);
	int rows = h - 2 - notes;

	view_signals(&b->v, b->app->signals);
	browse_heads(b);
	b->t.n_rows = b->v.n_rows;
	ui_table_draw(&b->t, w, 0, 0, rows, wd);
	ui_hline(w, rows, 0, wd, theme_attr(TH_DIM));
	if (notes)
		draw_note(b, w, rows + 1, notes, wd);
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
	lines_free(&b->note_lines);
	free(b->hits);
	free(b->find);
	free(b);
	free(p);
}

/* Build the table's columns from the view's. */
static void browse_setup_table(struct browse *b)
{
	enum view_col vc[COL_COUNT];
	size_t n = view_columns(&b->v, vc, COL_COUNT);

	for (size_t i = 0; i < n; i++) {
		browse_col(b, i, vc[i]);
		if (vc[i] == b->v.sort_col)
			b->t.cur_col = i;
	}
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
	view_signals(&b->v, a->signals);
	view_sort(&b->v, COL_NRATINGS, true);
	b->hits = xmalloc((a->cat->n_items + 1) * sizeof(*b->hits));
	browse_setup_table(b);
	p->name = N_("Browse");
	p->fkey = FNKEY(KEY_F(2));
	p->app = a;
	p->st = b;
	p->keyctx = browse_keyctx;
	p->draw = browse_draw;
	p->key = browse_key;
	p->resize = browse_resize;
	p->show = browse_show;
	p->mouse = browse_mouse;
	p->free = browse_free;
	return p;
}
