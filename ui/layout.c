/* SPDX-License-Identifier: GPL-3.0-or-later */
/* layout: one window per region, so a key that changes only the body
 * (or only the status line) redraws only that window; curses then
 * sends the terminal only the cells that changed. Everything goes out
 * with a single doupdate() per key. Below APP_MIN_COLS x APP_MIN_ROWS
 * the screen says how large it must be, and the normal layout returns
 * as soon as the terminal is large enough again. */
#include <config.h>

#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "keymap.h"
#include "layout.h"
#include "overlay.h"
#include "pane.h"
#include "text.h"
#include "theme.h"
#include "util.h"

/* Delete a window if there is one. */
static void drop(WINDOW **w)
{
	if (*w)
		delwin(*w);
	*w = NULL;
}

/* Free the windows. */
void layout_free(struct app *a)
{
	drop(&a->w_head);
	drop(&a->w_tabs);
	drop(&a->w_body);
	drop(&a->w_status);
	drop(&a->w_keys);
	drop(&a->w_cands);
}

/* (Re)make the windows for the current terminal size. */
void layout_make(struct app *a)
{
	int body;

	layout_free(a);
	getmaxyx(stdscr, a->rows, a->cols);
	a->small = a->rows < APP_MIN_ROWS || a->cols < APP_MIN_COLS;
	a->dirty |= DIRTY_FULL | DIRTY_ALL;
	if (a->small)
		return;
	body = a->rows - 4;
	a->w_head = newwin(1, a->cols, 0, 0);
	a->w_tabs = newwin(1, a->cols, 1, 0);
	a->w_body = newwin(body, a->cols, 2, 0);
	a->w_status = newwin(1, a->cols, a->rows - 2, 0);
	a->w_keys = newwin(1, a->cols, a->rows - 1, 0);
	for (size_t i = 0; i < a->n_panes; i++)
		if (a->panes[i]->resize)
			a->panes[i]->resize(a->panes[i], body, a->cols);
	if (a->ov)
		overlay_layout(a->ov, 2, 0, body, a->cols);
}

/* The counts of the catalogue line, from the longest form (0) to the
 * shortest (3): the status words short (1), then the items alone (2),
 * then your ratings alone (3). A catalogue without community ratings
 * says so instead of "0 users". */
static void head_counts(struct app *a, int form, char *buf, size_t n)
{
	const struct catalog *c = a->cat;
	const char *dot = theme_glyphs()->dot;
	const char *none = form > 0 || !c->hist
		? _("no community ratings")
		: _("no community ratings (Goodreads histograms only)");
	size_t you = profile_count(a->prof);

	if (form == 3)
		xsnprintf(buf, n, _("you: %zu rated"), you);
	else if (form == 2)
		xsnprintf(buf, n, _("%u items %s you: %zu rated"), c->n_items,
			  dot, you);
	else if (!c->has_ratings)
		xsnprintf(buf, n, _("%u items %s %s %s you: %zu rated"),
			  c->n_items, dot, none, dot, you);
	else
		xsnprintf(buf, n, _("%u items %s %u users %s %llu ratings %s "
				    "you: %zu rated"), c->n_items, dot,
			  c->m->n_users, dot, (unsigned long long)c->m->nnz,
			  dot, you);
}

/* The catalogue line's forms, longest first, into buf[k]; how many. */
static int head_forms(struct app *a, char buf[][512])
{
	const struct catalog *c = a->cat;
	const char *hl = theme_glyphs()->hline;
	char counts[4][256];
	int k = 0;

	for (int f = 0; f < 4; f++)
		head_counts(a, f, counts[f], sizeof(counts[f]));
	xsnprintf(buf[k++], 512, "taste %s %s (%s) %s %s", hl, c->name,
		  c->label, hl, counts[0]);
	for (int f = 0; f < 2; f++)
		xsnprintf(buf[k++], 512, "taste %s %s %s %s", hl, c->name, hl,
			  counts[f]);
	for (int f = 1; f < 4; f++)
		xsnprintf(buf[k++], 512, "%s %s %s", c->name, hl, counts[f]);
	xsnprintf(buf[k++], 512, "%s", c->name);
	return k;
}

/* The catalogue line: name, label, counts, your ratings. The name of
 * the catalogue always shows; when the line does not fit, the label
 * goes first, then the long status words, the program's name, the
 * counts of users and ratings, then the items. */
static void draw_head(struct app *a)
{
	char buf[8][512];
	int n = head_forms(a, buf), k = 0;

	while (k + 1 < n && (int)text_width(buf[k]) > a->cols - 2)
		k++;
	ui_text(a->w_head, 0, 1, buf[k], a->cols - 1, AL_LEFT,
		theme_attr(TH_HEAD));
	ui_blank(a->w_head, 0, 0, 1, A_NORMAL);
	wnoutrefresh(a->w_head);
}

/* The tab bar: the pane shown in brackets and reverse video. */
static void draw_tabs(struct app *a)
{
	int x = 1;

	werase(a->w_tabs);
	for (size_t i = 0; i < a->n_panes; i++) {
		char buf[64], key[16];
		bool on = i == a->cur;

		keymap_key_name(a->panes[i]->fkey, key, sizeof(key));
		xsnprintf(buf, sizeof(buf), on ? "[%s %s]" : " %s %s ", key,
			  _(a->panes[i]->name));
		a->tab_x[i] = x;
		a->tab_w[i] = ui_puts(a->w_tabs, 0, x, buf, a->cols - x,
				      theme_attr(on ? TH_TAB_ON : TH_TAB));
		x += a->tab_w[i] + 1;
	}
	wnoutrefresh(a->w_tabs);
}

/* The status line: the modal prompt, or the last message. */
static void draw_status(struct app *a)
{
	static const enum theme_role role[] = {
		[TOAST_INFO] = TH_NORMAL, [TOAST_OK] = TH_OK,
		[TOAST_ERR] = TH_ERR, [TOAST_NOTE] = TH_NOTE,
	};

	werase(a->w_status);
	if (a->prompt.active && a->prompt_label)
		a->prompt_label(a, a->prompt_ctx,
				prompt_label_room(a->cols - 2), a->prompt.label,
				sizeof(a->prompt.label));
	if (a->prompt.active)
		prompt_draw(&a->prompt, a->w_status, 0, 1, a->cols - 2,
			    &a->prompt_x);
	else if (a->toast[0])
		ui_text(a->w_status, 0, 1, a->toast, a->cols - 2, AL_LEFT,
			theme_attr(role[a->toast_kind]));
	wnoutrefresh(a->w_status);
}

/* The contexts whose keys matter now. */
static unsigned hint_mask(const struct app *a)
{
	const struct pane *p = a->panes[a->cur];

	if (a->prompt.active)
		return KC_BIT(KC_PROMPT);
	if (a->ov)
		return overlay_keyctx(a->ov);
	return p->keyctx((struct pane *)p);
}

/* The key-hint bar. */
static void draw_keys(struct app *a)
{
	a->hint_mask = hint_mask(a);
	keymap_draw_hints(a->w_keys, 0, a->cols, a->hint_mask);
	wnoutrefresh(a->w_keys);
}

/* The pane, and the overlay over it when there is one. */
static void draw_body(struct app *a)
{
	struct pane *p = a->panes[a->cur];
	int h, w;

	getmaxyx(a->w_body, h, w);
	a->cur_win = NULL;
	werase(a->w_body);
	p->draw(p, a->w_body, h, w);
	wnoutrefresh(a->w_body);
	if (a->ov)
		a->dirty |= DIRTY_OVERLAY;
}

/* The completion list's shape: columns of names colw cells apart, in
 * rows, column by column; more names than fit are counted, not
 * shown. */
struct cand_grid {
	int colw, ncol, rows;
	size_t shown;
};

/* Lay n_cands names out in at most max rows of cols cells. */
static struct cand_grid cand_grid(const struct app *a, int cols, int max)
{
	struct cand_grid g = { 0, 1, 0, 0 };
	int widest = 0;

	for (size_t k = 0; k < a->n_cands; k++) {
		int w = (int)text_width(a->cands[k]);

		widest = w > widest ? w : widest;
	}
	g.colw = widest + 2;
	g.ncol = cols / g.colw > 1 ? cols / g.colw : 1;
	g.rows = (int)((a->n_cands + (size_t)g.ncol - 1) / (size_t)g.ncol);
	if (g.rows > max)
		g.rows = max - 1 > 0 ? max - 1 : 0;   /* a row for "more" */
	g.shown = (size_t)g.rows * (size_t)g.ncol;
	if (g.shown > a->n_cands)
		g.shown = a->n_cands;
	return g;
}

/* The names the last Tab found, in a framed box over the body right
 * above the prompt, as a shell lists them; as many rows as the body
 * has, then "... and N more". */
static void draw_cands(struct app *a)
{
	int body = a->rows - 4, h;
	struct cand_grid g;
	char more[128];

	drop(&a->w_cands);
	if (!a->prompt.active || !a->cand_title)
		return;
	g = cand_grid(a, a->cols - 4 + 2, body - 2);
	h = g.rows + 2 + (g.shown < a->n_cands);
	a->w_cands = newwin(h, a->cols, a->rows - 2 - h, 0);
	if (!a->w_cands)
		return;
	ui_frame(a->w_cands, a->cand_title, theme_attr(TH_DIM),
		 theme_attr(TH_TITLE));
	for (size_t k = 0; k < g.shown; k++)
		ui_text(a->w_cands, 1 + (int)k % g.rows,
			2 + (int)k / g.rows * g.colw, a->cands[k],
			g.colw - 2, AL_LEFT, A_NORMAL);
	if (g.shown < a->n_cands) {
		xsnprintf(more, sizeof more, _("... and %zu more: type more "
					       "of the name"),
			  a->n_cands - g.shown);
		ui_text(a->w_cands, h - 2, 2, more, a->cols - 4, AL_LEFT,
			theme_attr(TH_DIM));
	}
	wnoutrefresh(a->w_cands);
}

/* One centred line of the too-small screen: the first of the forms
 * (longest first, NULL-ended) that fits the width, else the last one
 * cut with an ellipsis; nothing when y is off the screen. */
static void small_line(struct app *a, int y, const char *const *forms)
{
	const char *s = forms[0];
	char cut[128];
	int w;

	if (y < 0 || y >= a->rows || a->cols <= 0)
		return;
	for (size_t i = 0; forms[i]; i++) {
		s = forms[i];
		if ((int)text_width(s) <= a->cols)
			break;
	}
	s = ui_fit(s, a->cols, cut, sizeof cut);
	w = (int)text_width(s);
	/* inserted, not added: adding to the screen's last cell fails */
	mvwinsnstr(stdscr, y, (a->cols - w) / 2, s, (int)strlen(s));
}

/* Say how large the terminal must be, in as few words as the screen
 * needs: "taste needs at least 60x15", "need 60x15", "60x15"; the size
 * needed comes first when there is room for one line only. */
static void draw_small(struct app *a)
{
	char now[3][64], need[3][64];
	const char *x = theme_glyphs()->times;
	const char *now_f[] = { now[0], now[1], now[2], NULL };
	const char *need_f[] = { need[0], need[1], need[2], NULL };
	const char *quit_f[] = { _("q quits"), "q", NULL };
	int y = a->rows >= 3 ? a->rows / 2 - 1 : -1;

	werase(stdscr);
	xsnprintf(now[0], sizeof now[0], _("Terminal too small: %d%s%d"),
		  a->cols, x, a->rows);
	xsnprintf(now[1], sizeof now[1], _("too small: %d%s%d"), a->cols, x,
		  a->rows);
	xsnprintf(now[2], sizeof now[2], "%s", _("too small"));
	xsnprintf(need[0], sizeof need[0], _("taste needs at least %d%s%d"),
		  APP_MIN_COLS, x, APP_MIN_ROWS);
	xsnprintf(need[1], sizeof need[1], _("need %d%s%d"), APP_MIN_COLS, x,
		  APP_MIN_ROWS);
	xsnprintf(need[2], sizeof need[2], "%d%s%d", APP_MIN_COLS, x,
		  APP_MIN_ROWS);
	small_line(a, y, now_f);
	small_line(a, y + 1, need_f);
	small_line(a, a->rows >= 3 ? y + 2 : 1, quit_f);
	wnoutrefresh(stdscr);
}

/* Show the terminal cursor where a prompt or the find box wants it. */
static void place_cursor(struct app *a)
{
	WINDOW *w = NULL;
	int y = 0, x = 0;

	if (a->prompt.active) {
		w = a->w_status;
		x = a->prompt_x;
	} else if (!a->ov && a->cur_win) {
		w = a->cur_win;
		y = a->cur_y;
		x = a->cur_x;
	}
	if ((w != NULL) != a->cursor_on) {
		a->cursor_on = w != NULL;
		curs_set(a->cursor_on ? 1 : 0);
	}
	if (w) {
		wmove(w, y, x);
		wnoutrefresh(w);
	}
}

/* A full redraw: blank the screen, then every region. */
static void start_full(struct app *a)
{
	werase(stdscr);
	wnoutrefresh(stdscr);
	a->dirty |= DIRTY_ALL;
}

/* Draw what is dirty and update the terminal once. */
void layout_draw(struct app *a)
{
	if (a->small) {
		draw_small(a);
	} else {
		if (a->dirty & DIRTY_FULL)
			start_full(a);
		if (hint_mask(a) != a->hint_mask)
			a->dirty |= DIRTY_KEYS;
		if (a->dirty & DIRTY_HEAD)
			draw_head(a);
		if (a->dirty & DIRTY_TABS)
			draw_tabs(a);
		if (a->dirty & DIRTY_BODY)
			draw_body(a);
		if (a->ov && (a->dirty & DIRTY_OVERLAY)) {
			overlay_draw(a->ov);
			touchwin(a->ov->win);
			wnoutrefresh(a->ov->win);
		}
		if (a->dirty & (DIRTY_BODY | DIRTY_OVERLAY | DIRTY_STATUS))
			draw_cands(a);
		if (a->dirty & DIRTY_STATUS)
			draw_status(a);
		if (a->dirty & DIRTY_KEYS)
			draw_keys(a);
		place_cursor(a);
	}
	doupdate();
	a->dirty = 0;
}
