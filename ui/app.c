/* SPDX-License-Identifier: GPL-3.0-or-later */
/* app: the TUI's main loop and the services panes use (toasts, the
 * modal prompt, overlays, dirty regions).
 *
 * A key goes to the first of: the modal prompt, the overlay, the pane;
 * whatever none of them takes is looked up among the global keys. The
 * loop waits at most 250 ms for a key so that a signal's flag is seen
 * promptly; KEY_RESIZE (curses handles SIGWINCH) re-runs the layout.
 * With -v every key is logged with the time from reading it to the end
 * of doupdate(), which is how the 16 ms redraw goal is measured. */
#include <config.h>

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "draw.h"
#include "help.h"
#include "i18n.h"
#include "import.h"
#include "import_view.h"
#include "keymap.h"
#include "layout.h"
#include "log.h"
#include "overlay.h"
#include "pane.h"
#include "paths.h"
#include "recs.h"
#include "term.h"
#include "usertags.h"
#include "util.h"

/* The keys no pane or overlay took: the find box has typed the letters
 * already, so ? and q here are commands. */
#define APP_FALLBACK_KEYS (KC_BIT(KC_PANE) | KC_BIT(KC_GLOBAL))
/* Seconds between checks for ratings written by another process. */
#define PROFILE_POLL_S 2.0
/* Keys handled before a redraw at most, so the screen still moves. */
#define DRAIN_MAX 4096
/* Bytes of an unknown escape sequence swallowed at most. */
#define ESC_SEQ_MAX 64

/* Mark regions to redraw at the end of this key. */
void app_dirty(struct app *a, unsigned what)
{
	a->dirty |= what;
}

/* Show a message on the status line until the next key. */
void app_toast(struct app *a, enum toast_kind k, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->toast, sizeof(a->toast), fmt, ap);
	va_end(ap);
	a->toast_kind = k;
	a->dirty |= DIRTY_STATUS;
	log_msg("status: %s", a->toast);
}

/* Open the modal prompt on the status line. */
void app_prompt(struct app *a, const char *label, const char *init,
		app_prompt_fn done, void *ctx)
{
	prompt_start(&a->prompt, label, init);
	app_prompt_candidates(a, NULL, NULL, 0);
	a->prompt_done = done;
	a->prompt_label = NULL;
	a->prompt_complete = NULL;
	a->prompt_ctx = ctx;
	a->dirty |= DIRTY_STATUS | DIRTY_KEYS;
}

/* Make the open prompt's label with fn at each draw. */
void app_prompt_label(struct app *a, app_label_fn fn)
{
	a->prompt_label = fn;
	a->dirty |= DIRTY_STATUS;
}

/* Complete the open prompt's text with fn on Tab. */
void app_prompt_complete(struct app *a, app_complete_fn fn)
{
	a->prompt_complete = fn;
}

/* List names under title above the prompt (title NULL: no list). */
void app_prompt_candidates(struct app *a, const char *title,
			   char *const *names, size_t n)
{
	if (!title && !a->cand_title)
		return;
	for (size_t k = 0; k < a->n_cands; k++)
		free(a->cands[k]);
	free(a->cands);
	free(a->cand_title);
	a->cands = NULL;
	a->n_cands = 0;
	a->cand_title = title ? xstrdup(title) : NULL;
	if (title && n) {
		a->cands = xcalloc(n, sizeof *a->cands);
		for (size_t k = 0; k < n; k++)
			a->cands[k] = xstrdup(names[k]);
		a->n_cands = n;
	}
	/* what the box covered, or will cover, is drawn again */
	a->dirty |= DIRTY_BODY | DIRTY_OVERLAY | DIRTY_STATUS;
}

/* Show o over the body, replacing any other overlay. */
void app_overlay_open(struct app *a, struct overlay *o)
{
	overlay_free(a->ov);
	a->ov = o;
	if (!a->small)
		overlay_layout(o, 2, 0, a->rows - 4, a->cols);
	a->dirty |= DIRTY_OVERLAY | DIRTY_KEYS;
}

/* Tell the current pane it is shown again. */
static void app_pane_shown(struct app *a)
{
	struct pane *p = a->panes[a->cur];

	if (p->show)
		p->show(p);
}

/* Close the overlay and show the pane again. */
void app_overlay_close(struct app *a)
{
	overlay_free(a->ov);
	a->ov = NULL;
	a->dirty |= DIRTY_BODY | DIRTY_KEYS;
	app_pane_shown(a);
}

/* Ask for the terminal cursor at (y, x) of w (while drawing). */
void app_cursor(struct app *a, WINDOW *w, int y, int x)
{
	a->cur_win = w;
	a->cur_y = y;
	a->cur_x = x;
}

/* A rating changed: the header count, the pane and the overlay. Many
 * at once (INTERN_NONE: an import, another process) and the pane under
 * no overlay is shown again at once, so Browse sorts and filters the new
 * ratings in as it does when you come back to it; a single rating made
 * in the pane leaves its rows where they are until then. */
void app_rated(struct app *a, uint32_t item)
{
	a->rated_gen++;
	a->dirty |= DIRTY_HEAD | DIRTY_BODY;
	if (a->ov) {
		overlay_rebuild(a->ov);
		a->dirty |= DIRTY_OVERLAY;
	} else if (item == INTERN_NONE) {
		app_pane_shown(a);
	}
}

/* Your signals journal, opened when it exists (or, create, made). */
struct profile *app_signals(struct app *a, bool create, char *err,
			    size_t errlen)
{
	char *name;
	bool exists;

	if (errlen)
		err[0] = '\0';
	if (a->signals)
		return a->signals;
	name = import_signals_name(a->cat->key);
	exists = import_journal_exists(name);
	free(name);
	if (exists || create)
		a->signals = import_signals_open(a->cat, err, errlen);
	return a->signals;
}

/* Read your words again when another process changed them (or open
 * them, err set when they cannot be read); true when they changed. */
static bool app_refresh_words(struct app *a, char *err, size_t errlen)
{
	err[0] = '\0';
	if (a->words && !usertags_stale(a->words))
		return false;
	struct usertags *t = usertags_open(NULL, a->cat->key, err, errlen);
	if (!t)
		return false;
	usertags_free(a->words);
	a->words = t;
	return true;
}

/* Re-read the profile, the signals journal and your words when another
 * process (taste rate, taste import) changed them; a signals journal
 * that has appeared is opened. */
static void app_refresh_profile(struct app *a)
{
	char err[512];
	bool changed = false, sig_changed = false, had = a->signals;

	a->last_refresh = util_now();
	if (profile_refresh(a->prof, &changed, err, sizeof(err)) != 0) {
		app_toast(a, TOAST_ERR, "%s", err);
		return;
	}
	if (!app_signals(a, false, err, sizeof err) && err[0])
		app_toast(a, TOAST_ERR, "%s", err);
	else if (had && a->signals && profile_refresh(a->signals,
			&sig_changed, err, sizeof(err)) != 0)
		app_toast(a, TOAST_ERR, "%s", err);
	if (!had && a->signals)
		sig_changed = profile_count(a->signals) > 0;
	if (app_refresh_words(a, err, sizeof err))
		sig_changed = true;
	if (changed || sig_changed)
		app_rated(a, INTERN_NONE);
}

/* Switch to pane i (closing any overlay). */
void app_switch(struct app *a, size_t i)
{
	if (i >= a->n_panes)
		return;
	overlay_free(a->ov);
	a->ov = NULL;
	a->cur = i;
	a->dirty |= DIRTY_TABS | DIRTY_BODY | DIRTY_KEYS;
	app_pane_shown(a);
}

/* The label of item i ("The Matrix (1999)") into buf. */
const char *app_label(const struct app *a, uint32_t i, char *buf,
		      size_t n)
{
	catalog_item_label(a->cat, i, buf, n);
	return buf;
}

/* The label of item i cut to cols cells, keeping the year. */
const char *app_label_fit(const struct app *a, uint32_t i, int cols,
			  char *buf, size_t n)
{
	char full[512];

	catalog_item_label(a->cat, i, full, sizeof(full));
	return ui_fit_label(full, cols, buf, n);
}

/* The pane that function key fkey shows, as an index (or n_panes). */
static size_t pane_by_fkey(const struct app *a, int fkey)
{
	size_t i;

	for (i = 0; i < a->n_panes; i++)
		if (a->panes[i]->fkey == fkey)
			break;
	return i;
}

/* Train pane hooks: asking before quitting while a run goes, and ^C as
 * its stop key. */

/* True when some pane has work that quitting would lose. */
static bool app_busy(struct app *a)
{
	for (size_t i = 0; i < a->n_panes; i++)
		if (a->panes[i]->busy && a->panes[i]->busy(a->panes[i]))
			return true;
	return false;
}

/* The answer to "quit anyway?": y or yes (any case) quits. */
static void app_quit_done(struct app *a, void *ctx, const char *text)
{
	(void)ctx;
	if (text && (text[0] == 'y' || text[0] == 'Y' ||
		     !strcasecmp(text, _("yes"))))
		a->quit = true;
}

/* The quit question takes one key: y is yes at once, n no (Esc and
 * Enter are no through the prompt itself); r otherwise. */
static enum prompt_result app_quit_answer(struct app *a,
					  enum prompt_result r)
{
	const char *t = prompt_text(&a->prompt);

	if (a->prompt_done != app_quit_done || r != PR_EDIT || !t[0] || t[1])
		return r;
	if (t[0] == 'y' || t[0] == 'Y' || t[0] == _("yes")[0])
		return PR_ACCEPT;
	if (t[0] == 'n' || t[0] == 'N' || t[0] == _("no")[0])
		return PR_CANCEL;
	return r;
}

/* q or F10: quit, asking first while a run goes (on the too-small
 * screen, which cannot show the question, at once). */
static void app_quit(struct app *a)
{
	if (a->small || !app_busy(a)) {
		a->quit = true;
		return;
	}
	app_prompt(a, _("Training is running: quit anyway? (y/N) "), "",
		   app_quit_done, NULL);
}

/* A ^C (SIGINT) the pane shown takes as a key: true when it did (the
 * signal is then forgotten), false when ^C quits as usual. */
static bool app_sigint_to_pane(struct app *a)
{
	struct pane *p = a->panes[a->cur];

	if (term_signal() != SIGINT || a->small || !p->interrupt ||
	    !p->interrupt(p))
		return false;
	term_forget_sigint();
	a->dirty |= DIRTY_BODY | DIRTY_STATUS | DIRTY_KEYS;
	layout_draw(a);
	return true;
}

/* A global action. */
static void app_global(struct app *a, enum action act)
{
	size_t n = a->n_panes;

	switch (act) {
	case ACT_QUIT: app_quit(a); break;
	case ACT_HELP:
		if (!a->ov || !a->ov->help)
			app_overlay_open(a, help_overlay(a));
		break;
	case ACT_REDRAW:
		app_refresh_profile(a);
		clearok(curscr, TRUE);
		a->dirty |= DIRTY_FULL;
		break;
	case ACT_NEXT_PANE: app_switch(a, (a->cur + 1) % n); break;
	case ACT_PREV_PANE: app_switch(a, (a->cur + n - 1) % n); break;
	case ACT_PANE_BROWSE:
		app_switch(a, pane_by_fkey(a, FNKEY(KEY_F(2))));
		break;
	case ACT_PANE_SEARCH:
		app_switch(a, pane_by_fkey(a, FNKEY(KEY_F(5))));
		break;
	case ACT_PANE_MATRIX:
		app_switch(a, pane_by_fkey(a, FNKEY(KEY_F(4))));
		break;
	case ACT_PANE_TRAIN:
		app_switch(a, pane_by_fkey(a, FNKEY(KEY_F(3))));
		break;
	case ACT_IMPORT:        /* Import screen (ui/import_view.c) */
		app_overlay_open(a, import_view_open(a));
		break;
	default: break;
	}
}

/* A key while the modal prompt is open. */
static void app_prompt_key(struct app *a, int key)
{
	enum prompt_result r = app_quit_answer(a, prompt_key(&a->prompt,
							      key));
	app_prompt_fn done = a->prompt_done;
	char *text;

	a->dirty |= DIRTY_STATUS;
	if (r == PR_EDIT || r == PR_ACCEPT || r == PR_CANCEL)
		app_prompt_candidates(a, NULL, NULL, 0);
	if (r == PR_NONE && key == '\t' && a->prompt_complete)
		a->prompt_complete(a, a->prompt_ctx, &a->prompt);
	if (r != PR_ACCEPT && r != PR_CANCEL)
		return;
	text = xstrdup(prompt_text(&a->prompt));
	a->prompt.active = false;
	a->prompt_done = NULL;
	a->dirty |= DIRTY_KEYS;
	if (done)
		done(a, a->prompt_ctx, r == PR_ACCEPT ? text : NULL);
	free(text);
}

/* The tab under screen column x, or n_panes. */
static size_t tab_at(const struct app *a, int x)
{
	for (size_t i = 0; i < a->n_panes; i++)
		if (x >= a->tab_x[i] && x < a->tab_x[i] + a->tab_w[i])
			return i;
	return a->n_panes;
}

/* A mouse event: tabs switch panes, the body gets clicks and wheel. */
static void app_mouse(struct app *a)
{
	MEVENT ev;
	int dy;
	bool click;

	if (getmouse(&ev) != OK || a->small || a->prompt.active)
		return;
	dy = (ev.bstate & BUTTON4_PRESSED) ? -3
	   : (ev.bstate & BUTTON5_PRESSED) ? 3 : 0;
	click = (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0;
	if (!dy && !click)
		return;
	if (a->ov)
		overlay_mouse(a->ov, ev.y, dy);
	else if (click && ev.y == 1)
		app_switch(a, tab_at(a, ev.x));
	else if (ev.y >= 2 && ev.y < a->rows - 2 && a->panes[a->cur]->mouse)
		a->panes[a->cur]->mouse(a->panes[a->cur], ev.y - 2, ev.x, dy);
}

/* Drop the last message at the next key (unless it must stay). */
static void app_toast_expire(struct app *a)
{
	if (a->toast_keep) {
		a->toast_keep = false;
		return;
	}
	if (a->toast[0]) {
		a->toast[0] = '\0';
		a->dirty |= DIRTY_STATUS;
	}
}

/* Handle one key. */
static void app_key(struct app *a, int key)
{
	struct pane *p = a->panes[a->cur];

	if (key == FNKEY(KEY_RESIZE)) {
		layout_make(a);
		return;
	}
	if (key == FNKEY(KEY_MOUSE)) {
		app_mouse(a);
		return;
	}
	app_toast_expire(a);
	if (a->small) {
		enum action act = keymap_lookup(APP_FALLBACK_KEYS, key);

		if (act == ACT_QUIT || act == ACT_REDRAW)
			app_global(a, act);
		return;
	}
	if (a->prompt.active)
		app_prompt_key(a, key);
	else if (!(a->ov ? overlay_key(a->ov, key) : p->key(p, key)))
		app_global(a, keymap_lookup(APP_FALLBACK_KEYS, key));
}

/* The wait of the key reads now (ms): KEY_TIMEOUT_MS, or 0 while the
 * keys already typed are drained. */
static int key_timeout = KEY_TIMEOUT_MS;

/* Set how long key reads wait. */
static void app_key_timeout(int ms)
{
	key_timeout = ms;
	wtimeout(stdscr, ms);
}

/* The final byte of the escape sequence that began with ESC intro. */
static bool seq_final(wint_t intro, wint_t c)
{
	if (intro == ']')                 /* OSC ends with BEL (or ST) */
		return c == 7 || c == '\\';
	if (intro == 'O')                 /* SS3: one character */
		return true;
	return c >= 0x40 && c <= 0x7e;    /* CSI */
}

/* After an Esc that curses did not decode: swallow the rest of an
 * escape sequence it did not know (CSI, SS3, OSC), so the digits in it
 * never act as rating keys. False for a lone Esc (or Alt+key, whose key
 * is pushed back). */
static bool app_swallow_sequence(void)
{
	wint_t intro, c;
	bool swallowed = false;
	int r;

	wtimeout(stdscr, 0);
	r = wget_wch(stdscr, &intro);
	if (r == OK && (intro == '[' || intro == 'O' || intro == ']')) {
		swallowed = true;
		for (int n = 0; n < ESC_SEQ_MAX; n++)
			if (wget_wch(stdscr, &c) != OK || seq_final(intro, c))
				break;
	} else if (r == OK) {
		unget_wch((wchar_t)intro);
	} else if (r == KEY_CODE_YES) {
		ungetch((int)intro);
	}
	wtimeout(stdscr, key_timeout);
	return swallowed;
}

/* Read one key: a code point, or FNKEY(curses key). */
static bool app_read_key(int *key)
{
	wint_t wch;
	int r = wget_wch(stdscr, &wch);

	if (r == ERR)
		return false;
	if (r == OK && wch == 27 && app_swallow_sequence())
		return false;
	*key = r == KEY_CODE_YES ? FNKEY((int)wch) : (int)wch;
	return true;
}

/* Handle the keys already waiting (a paste, key repeat) before the
 * next draw, so a burst costs one redraw, not one per key. */
static void app_drain_keys(struct app *a)
{
	int key;

	app_key_timeout(0);
	for (int n = 0; n < DRAIN_MAX && !a->quit && app_read_key(&key);
	     n++)
		app_key(a, key);
	app_key_timeout(KEY_TIMEOUT_MS);
}

/* No key came: let the panes poll their background work; the pane shown
 * is redrawn when it has news (never under an overlay). */
static void app_idle(struct app *a)
{
	for (size_t i = 0; i < a->n_panes; i++) {
		struct pane *p = a->panes[i];

		if (p->idle && p->idle(p) && i == a->cur && !a->ov &&
		    !a->small)
			a->dirty |= DIRTY_BODY;
	}
}

/* The loop: read a key, handle it, redraw what changed, log the time. */
static void app_loop(struct app *a)
{
	int key;

	while (!a->quit && (!term_signal() || app_sigint_to_pane(a))) {
		double t0;

		if (!app_read_key(&key)) {
			app_idle(a);
			if (util_now() - a->last_refresh >= PROFILE_POLL_S)
				app_refresh_profile(a);
			if (a->dirty)
				layout_draw(a);
			continue;
		}
		t0 = util_now();
		app_key(a, key);
		app_drain_keys(a);
		layout_draw(a);
		log_msg("key %#x handled+drawn in %.2f ms [%s]",
			(unsigned)key, (util_now() - t0) * 1e3,
			a->panes[a->cur]->name);
	}
}

/* Open the catalogue and your profile; false after a message. */
static bool app_open_data(struct app *a)
{
	char err[512];
	const char *name = a->opts->catalog ? a->opts->catalog : "movies";
	double t0 = util_now();

	paths_init(a->opts->data_dir);
	a->cat = catalog_open(name, err, sizeof(err));
	if (!a->cat) {
		fprintf(stderr, "taste: %s\n", err);
		return false;
	}
	a->prof = profile_open(NULL, a->cat->key, err, sizeof(err));
	if (!a->prof) {
		fprintf(stderr, "taste: %s\n", err);
		catalog_free(a->cat);
		return false;
	}
	profile_validate_catalog(a->prof, a->cat);
	if (!app_signals(a, false, err, sizeof err) && err[0]) {
		fprintf(stderr, "taste: %s\n", err);
		profile_close(a->prof);
		catalog_free(a->cat);
		return false;
	}
	if (!app_refresh_words(a, err, sizeof err) && err[0])
		log_msg("tui: %s", err);    /* said at start-up */
	a->last_refresh = util_now();
	log_msg("tui: %s opened in %.1f ms, %zu ratings of yours", name,
		(util_now() - t0) * 1e3, profile_count(a->prof));
	return true;
}

/* Messages worth seeing once at start-up. */
static void app_startup_notes(struct app *a)
{
	char bad[256], hidden[256];

	profile_unreadable_message(a->prof, bad, sizeof(bad));
	if (!bad[0] && a->signals)      /* the signals journal's, else */
		profile_unreadable_message(a->signals, bad, sizeof(bad));
	profile_dropped_message(a->prof, hidden, sizeof(hidden));
	if (!bad[0] && !a->words)
		xsnprintf(bad, sizeof(bad), "%s", _("your shelves, tags and "
			  "genres cannot be read (see taste -v's log)"));
	else if (!bad[0] && usertags_problem(a->words))
		xsnprintf(bad, sizeof(bad), "%s", usertags_problem(a->words));
	if (!bad[0] && !hidden[0])
		return;
	app_toast(a, TOAST_NOTE, "%s%s%s", bad, bad[0] && hidden[0] ?
		  " · " : "", hidden);
	a->toast_keep = true;
}

/* Start the models' worker on the catalogue as it was named. */
static void app_recs_start(struct app *a)
{
	const char *name = a->opts->catalog ? a->opts->catalog : "movies";

	a->recs = recs_bg_start(a->cat, name, a->recs_err,
				sizeof a->recs_err);
	if (!a->recs)
		log_msg("recs: %s", a->recs_err);
}

/* Stop the worker (a fit stops within milliseconds) once no pane holds
 * its models. */
static void app_recs_stop(struct app *a)
{
	double t0 = util_now();

	if (!a->recs)
		return;
	recs_bg_stop(a->recs);
	a->recs = NULL;
	log_msg("recs: worker stopped in %.1f ms", (util_now() - t0) * 1e3);
}

/* Free panes, the worker, overlay, prompt, profile and catalogue. */
static void app_close(struct app *a)
{
	overlay_free(a->ov);
	a->ov = NULL;
	for (size_t i = 0; i < a->n_panes; i++)
		a->panes[i]->free(a->panes[i]);
	app_recs_stop(a);
	app_prompt_candidates(a, NULL, NULL, 0);
	layout_free(a);
	prompt_free(&a->prompt);
	usertags_free(a->words);
	profile_close(a->signals);
	profile_close(a->prof);
	catalog_free(a->cat);
}

/* Start the TUI with the options the CLI parsed; returns the exit code. */
int app_run(struct taste_opts *opts)
{
	struct app a = { .opts = opts };
	const char *nc = getenv("NO_COLOR");
	bool color = !opts->no_color && !(nc && *nc);
	double t0 = util_now();
	int sig;

	if (!app_open_data(&a))
		return 1;
	term_start(color, opts->ascii, !opts->no_mouse);
	app_recs_start(&a);
	a.panes[a.n_panes++] = pane_browse_new(&a);
	a.panes[a.n_panes++] = pane_train_new(&a);
	a.panes[a.n_panes++] = pane_matrix_new(&a);
	a.panes[a.n_panes++] = pane_search_new(&a);
	layout_make(&a);
	app_startup_notes(&a);
	layout_draw(&a);
	log_msg("tui: first screen drawn %.1f ms after start",
		(util_now() - t0) * 1e3);
	app_loop(&a);
	sig = term_signal();
	overlay_free(a.ov);
	a.ov = NULL;
	term_stop();
	app_close(&a);
	if (sig)
		log_msg("tui: stopped by signal %d", sig);
	return sig ? 128 + sig : 0;
}
