/* SPDX-License-Identifier: GPL-3.0-or-later */
/* recs_view: three columns of items like the highlighted one and the
 * For you list (BRIEF §3.4), from the models of the background worker.
 *
 * Collaborative is item-kNN (people who rated this rated those alike),
 * or ALS factor cosines when kNN finds no neighbour; an item nobody
 * rated says "no community ratings", one rated by fewer than
 * MODEL_SIM_MIN_RATINGS "too few ratings to say (n ratings)".
 * Content-based is TF-IDF; Hybrid the blend of both. A catalogue
 * without community ratings has only the content model: Hybrid then
 * shows the content list and says so. The
 * columns are about the highlighted item, so they keep items you
 * rated, have seen or want, and tag them (your stars, "seen", "want").
 *
 * For you folds your ratings and your signals (items seen or wanted,
 * from imports: the app's signals journal) in against the fixed item
 * side (hybrid, or content without community ratings) after every
 * change of either, at the diversity d chooses (MMR lambda 0, 0.3,
 * 0.6); with fewer than RECS_ONBOARD_MIN ratings it is the onboarding
 * list, whose content picks use the signals too. Rated, seen and
 * wanted items are never listed.
 *
 * The lists are computed when drawn, once per highlighted item (and
 * once per change of your ratings or diversity), and kept: moving the
 * highlight back and forth costs one list each, never a recomputation
 * per frame. Only this UI thread touches curses; the worker is polled.
 *
 * Focus: the lists of items like it (the one shown, in a narrow
 * window) and For you can take the focus in turn (recs_view_focus_step);
 * the focused one highlights an entry, which the Search pane rates and
 * opens like a result. Only entries on screen can be highlighted. */
#include <config.h>

#include <libintl.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "intern.h"
#include "log.h"
#include "rate.h"
#include "recs.h"
#include "recs_view.h"
#include "text.h"
#include "theme.h"
#include "util.h"

#define RV_ROWS 10        /* entries kept per column */
#define RV_FOR_YOU 12     /* entries kept for For you */
#define RV_COLS 3
#define RV_COL_MIN 28     /* cells a column needs, else one list shows */
#define RV_TITLE_MIN 16   /* cells a title keeps before your stars go */
#define RV_REASON_MIN 24  /* cells a reason keeps beside its entry */
#define RV_FY_HALF 36     /* cells For you needs for two entries a row */
#define RV_FY RV_COLS     /* For you's index among the focusable lists */
#define RV_NONE_FOCUS (-1)

static const double rv_diversity[] = { 0, 0.3, 0.6 };

/* How a list's scores read. */
enum rv_score { RV_SIM, RV_RATING, RV_NONE };

/* One computed list: a column or For you. */
struct rv_list {
	struct recs_entry e[RV_FOR_YOU];
	size_t n;
	enum rv_score score;
	char note[160];          /* shown instead of rows when n == 0 */
	char method[64];         /* what made it ("item-kNN") */
};

struct recs_view {
	struct app *app;
	struct recs_bg *bg;
	char start_err[256];
	struct recs_status st;
	unsigned ready;          /* bit per slot that is ready */
	/* the columns, for col_item with the models of col_ready */
	uint32_t col_item;
	unsigned col_ready;
	bool col_valid;
	struct rv_list col[RV_COLS];
	/* For you, for rated_gen fy_gen, fy_div and fy_ready */
	unsigned long fy_gen;
	unsigned fy_ready;
	int fy_div;
	bool fy_valid;
	struct rv_list fy;
	size_t n_rated;
	size_t n_seen, n_wanted;  /* your signals of items not rated */
	int div;                 /* index into rv_diversity */
	int one;                 /* the column shown when one fits */
	bool one_chosen;         /* c was pressed: one stays as chosen */
	/* the focus: a column, RV_FY or RV_NONE_FOCUS, and its entry */
	int focus;
	size_t sel;
	size_t shown[RV_COLS + 1];  /* entries of each list on screen */
	bool narrow;             /* drawn one list at a time */
};

/* The view, on the app's worker (app.h a->recs). */
struct recs_view *recs_view_new(struct app *a)
{
	struct recs_view *v = xcalloc(1, sizeof *v);

	v->app = a;
	v->bg = a->recs;
	v->focus = RV_NONE_FOCUS;
	xsnprintf(v->start_err, sizeof v->start_err, "%s", a->recs_err);
	if (v->bg)
		recs_bg_status(v->bg, &v->st);
	return v;
}

/* Free the view (the app stops the worker). */
void recs_view_free(struct recs_view *v)
{
	free(v);
}

/* Poll the worker; true when a model became ready or progress moved. */
bool recs_view_poll(struct recs_view *v)
{
	struct recs_status st;
	unsigned ready = 0;

	if (!v->bg)
		return false;
	recs_bg_status(v->bg, &st);
	for (int s = 0; s < RECS_SLOTS; s++)
		if (st.state[s] == RECS_READY)
			ready |= 1u << s;
	bool changed = memcmp(&st, &v->st, sizeof st) != 0;
	if (st.adopted != v->st.adopted)   /* Train deployed a model */
		v->col_valid = v->fy_valid = false;
	if (st.finished && !v->st.finished)
		log_msg("recs: models ready (%d of %d)%s%s", st.done, st.total,
			st.err[0] ? ": " : "", st.err);
	v->st = st;
	v->ready = ready;
	return changed;
}

/* The d key: the next diversity, For you recomputed at the next draw. */
void recs_view_diversity(struct recs_view *v)
{
	v->div = (v->div + 1) % (int)ARRAY_LEN(rv_diversity);
	app_toast(v->app, TOAST_INFO, _("For you: diversity %.1f (MMR)"),
		  rv_diversity[v->div]);
	app_dirty(v->app, DIRTY_BODY);
}

/* The c key: the next list, when only one is shown. */
void recs_view_next_list(struct recs_view *v)
{
	v->one = (v->one + 1) % RV_COLS;
	v->one_chosen = true;
	if (v->focus >= 0 && v->focus < RV_COLS)
		v->focus = v->one;
	app_dirty(v->app, DIRTY_BODY);
}

/* The width of each of the three columns in wd cells, with a rule
 * between two and a blank on either side of it ("... .30 │ 1 ..."). */
static int rv_col_width(int wd)
{
	return (wd + 1 - 2 * (RV_COLS - 1)) / RV_COLS;
}

bool recs_view_narrow(int wd)
{
	return rv_col_width(wd) - 1 < RV_COL_MIN;
}

/* A ready model of slot s, or NULL. */
static struct model *rv_model(struct recs_view *v, enum recs_slot s)
{
	return (v->ready >> s) & 1u ? recs_bg_model(v->bg, s) : NULL;
}

/* "training…", or why slot s has no model. */
static void rv_pending(struct recs_view *v, enum recs_slot s, char *buf,
		       size_t n)
{
	if (!v->bg)
		xsnprintf(buf, n, _("n/a: %s"), v->start_err);
	else if (v->st.state[s] == RECS_FAILED)
		xsnprintf(buf, n, _("n/a: the model failed: %s"), v->st.err);
	else if (v->st.state[s] == RECS_LOADING)
		xsnprintf(buf, n, _("loading%s"), theme_glyphs()->ellipsis);
	else
		xsnprintf(buf, n, _("training%s"), theme_glyphs()->ellipsis);
}

/* The similar list of the model in slot s, or a note. */
static void rv_similar(struct recs_view *v, enum recs_slot s, uint32_t item,
		       struct rv_list *l)
{
	struct model *m = rv_model(v, s);

	if (!m) {
		rv_pending(v, s, l->note, sizeof l->note);
		return;
	}
	m->params.diversity = 0;
	l->n = recs_similar_list(m, item, l->e, RV_ROWS);
	l->score = RV_SIM;
	xsnprintf(l->method, sizeof l->method, "%s", model_kind_name(m->kind));
}

/* Collaborative: item-kNN, else ALS, else why not ("too few ratings to
 * say" for an item fewer than MODEL_SIM_MIN_RATINGS have rated). */
static void rv_collab(struct recs_view *v, uint32_t item, struct rv_list *l)
{
	const struct catalog *cat = v->app->cat;

	if (rmatrix_by_item(cat->m, item).n == 0) {
		xsnprintf(l->note, sizeof l->note, "%s",
			  _("no community ratings"));
		return;
	}
	if (recs_too_few_to_say(cat, item, l->note, sizeof l->note))
		return;
	rv_similar(v, RECS_ITEM_KNN, item, l);
	if (l->n || !rv_model(v, RECS_ITEM_KNN))
		return;
	rv_similar(v, RECS_ALS, item, l);
	if (!l->n && rv_model(v, RECS_ALS))
		xsnprintf(l->note, sizeof l->note, "%s",
			  _("n/a: too few ratings in common"));
}

/* Until c is pressed, the list shown alone is the first with entries
 * (Content-based among books, which have no community ratings). */
static void rv_pick_one(struct recs_view *v)
{
	if (v->one_chosen)
		return;
	v->one = 0;
	for (int c = 0; c < RV_COLS; c++)
		if (v->col[c].n) {
			v->one = c;
			break;
		}
	if (v->narrow && v->focus >= 0 && v->focus < RV_COLS)
		v->focus = v->one;
}

/* The three columns for item. */
static void rv_columns(struct recs_view *v, uint32_t item)
{
	double t0 = util_now();

	memset(v->col, 0, sizeof v->col);
	rv_collab(v, item, &v->col[0]);
	rv_similar(v, RECS_CONTENT, item, &v->col[1]);
	if (!v->col[1].n && rv_model(v, RECS_CONTENT))
		xsnprintf(v->col[1].note, sizeof v->col[1].note, "%s",
			  _("n/a: no genres, tags or title words"));
	if (v->st.state[RECS_HYBRID] == RECS_UNAVAILABLE) {
		v->col[2] = v->col[1];
		xsnprintf(v->col[2].method, sizeof v->col[2].method, "%s",
			  _("content only"));
	} else {
		rv_similar(v, RECS_HYBRID, item, &v->col[2]);
	}
	v->col_item = item;
	v->col_ready = v->ready;
	v->col_valid = true;
	rv_pick_one(v);
	log_msg("recs: columns for item %u in %.2f ms", item,
		(util_now() - t0) * 1e3);
}

/* For you from the folded-in model (hybrid, or content alone). */
static void rv_for_you_model(struct recs_view *v,
			     const struct model_you *you)
{
	bool content = v->st.state[RECS_HYBRID] == RECS_UNAVAILABLE;
	enum recs_slot s = content ? RECS_CONTENT : RECS_HYBRID;
	struct model *m = rv_model(v, s);

	if (!m) {
		rv_pending(v, s, v->fy.note, sizeof v->fy.note);
		return;
	}
	m->params.diversity = rv_diversity[v->div];
	v->fy.n = recs_model_list(m, MODEL_NO_USER, you, true, v->fy.e,
				  RV_FOR_YOU);
	m->params.diversity = 0;
	v->fy.score = content ? RV_SIM : RV_RATING;
	xsnprintf(v->fy.method, sizeof v->fy.method, "%s",
		  model_kind_name(m->kind));
	if (!v->fy.n)
		xsnprintf(v->fy.note, sizeof v->fy.note, "%s",
			  _("n/a: nothing left to recommend"));
}

/* For you from your ratings as they are now. */
static void rv_for_you(struct recs_view *v)
{
	const struct catalog *cat = v->app->cat;
	struct recs_you you;
	struct model_you fold;
	double t0 = util_now();

	memset(&v->fy, 0, sizeof v->fy);
	recs_you_from_profile(&you, cat, v->app->prof);
	recs_you_add_signals(&you, cat, v->app->signals);
	recs_you_add_words(&you, cat, v->app->words);
	recs_you_signal_counts(&you, &v->n_seen, &v->n_wanted);
	fold = recs_you_model(&you);
	v->n_rated = you.rv.n;
	if (you.rv.n < RECS_ONBOARD_MIN) {
		struct model *ct = rv_model(v, RECS_CONTENT);

		v->fy.n = recs_few(cat, ct, &fold, v->fy.e, RV_FOR_YOU);
		v->fy.score = RV_NONE;
		xsnprintf(v->fy.method, sizeof v->fy.method, "%s",
			  _("onboarding"));
	} else {
		rv_for_you_model(v, &fold);
	}
	/* rated, seen and wanted items are never listed: recs_few and
	 * recs_model_list skip them (tests/unit/test_recs.c) */
	recs_you_free(&you);
	v->fy_gen = v->app->rated_gen;
	v->fy_ready = v->ready;
	v->fy_div = v->div;
	v->fy_valid = true;
	log_msg("recs: for you (%zu rated, %s) in %.2f ms", v->n_rated,
		v->fy.method, (util_now() - t0) * 1e3);
}

/* A score as the list reads it: ".81" for similarities, "4.6" for
 * predicted ratings, nothing for the onboarding list. */
static void rv_score(enum rv_score k, double s, char *buf, size_t n)
{
	if (k == RV_NONE) {
		buf[0] = '\0';
	} else if (k == RV_RATING) {
		xsnprintf(buf, n, "%.1f", s);
	} else {
		xsnprintf(buf, n, "%.2f", s);
		if (buf[0] == '0')
			memmove(buf, buf + 1, strlen(buf));
	}
}

/* Mix attributes into the highlight's (one colour pair wins), or
 * return them as they are when the entry is not highlighted. */
static attr_t rv_attr(bool sel, attr_t a)
{
	attr_t base = theme_attr(TH_SEL);
	attr_t color = (a & A_COLOR) ? (a & A_COLOR) : (base & A_COLOR);

	return sel ? (((base | a) & ~A_COLOR) | color) : a;
}

/* True when entry q of list l (a column or RV_FY) is highlighted. */
static bool rv_is_sel(const struct recs_view *v, int l, size_t q)
{
	return v->focus == l && v->sel == q;
}

/* One entry: "1 Title (year)  .81" and, when two rows are given, the
 * reason under it; returns the rows used. An item you rated, have seen
 * or want (the columns list such items, For you never) says so before
 * its score: your stars, "seen" or "want". A highlighted entry (sel)
 * is drawn in reverse. */
static int rv_entry(struct recs_view *v, WINDOW *w, int y, int x, int wd,
		    int rows, const struct rv_list *l, size_t q, bool sel)
{
	char rank[16], score[16], label[512], known[32];
	int rw, sw, kw;
	bool rated;

	if (sel)
		for (int r = 0; r < rows; r++)
			ui_blank(w, y + r, x, wd, theme_attr(TH_SEL));
	xsnprintf(rank, sizeof rank, "%zu ", q + 1);
	rv_score(l->score, l->e[q].score, score, sizeof score);
	rate_format_known(v->app, l->e[q].item, known, sizeof known, &rated);
	rw = (int)text_width(rank);
	sw = score[0] ? (int)text_width(score) + 1 : 0;
	kw = known[0] ? (int)text_width(known) + 1 : 0;
	if (wd - rw - sw - kw < RV_TITLE_MIN)
		kw = 0;          /* too narrow: the title first */
	ui_text(w, y, x, rank, rw, AL_LEFT, rv_attr(sel, theme_attr(TH_DIM)));
	app_label_fit(v->app, l->e[q].item, wd - rw - sw - kw, label,
		      sizeof label);
	ui_text(w, y, x + rw, label, wd - rw - sw - kw, AL_LEFT,
		rv_attr(sel, A_NORMAL));
	if (kw)
		ui_text(w, y, x + wd - sw - kw, known, kw, AL_RIGHT,
			rv_attr(sel, theme_attr(rated ? TH_STARS : TH_DIM)));
	if (sw)
		ui_text(w, y, x + wd - sw, score, sw, AL_RIGHT,
			rv_attr(sel, A_NORMAL));
	if (rows < 2)
		return 1;
	ui_text(w, y + 1, x + rw, l->e[q].reason, wd - rw, AL_LEFT,
		rv_attr(sel, theme_attr(TH_DIM)));
	return 2;
}

/* The cells entry q of l would like: rank, whole label, your stars
 * and score. */
static int rv_entry_nat(struct recs_view *v, const struct rv_list *l,
			size_t q)
{
	char score[16], label[512], known[32];
	bool rated;
	int n = (int)text_width(q + 1 >= 10 ? "10 " : "1 ");

	rv_score(l->score, l->e[q].score, score, sizeof score);
	rate_format_known(v->app, l->e[q].item, known, sizeof known, &rated);
	n += (int)text_width(app_label(v->app, l->e[q].item, label,
				       sizeof label));
	n += score[0] ? (int)text_width(score) + 1 : 0;
	return n + (known[0] ? (int)text_width(known) + 1 : 0);
}

/* The cells the labels of entries from..from+count of l take in a
 * column of wd cells with their reasons beside them: as many as the
 * widest would like, leaving the reasons RV_REASON_MIN (and at least
 * 3/5 of wd when the reasons cannot have that). */
static int rv_label_width(struct recs_view *v, const struct rv_list *l,
			  size_t from, size_t step, size_t count, int wd)
{
	int most = wd - 1 - RV_REASON_MIN, want = 0;

	if (most < wd * 3 / 5)
		most = wd * 3 / 5;
	for (size_t q = from; q < l->n && count > 0; q += step, count--) {
		int n = rv_entry_nat(v, l, q);

		want = n > want ? n : want;
	}
	return want < most ? want : most;
}

/* Keep the highlight of list l on one of its n entries on screen (a
 * rating may have taken the last one out of For you). */
static void rv_clamp_sel(struct recs_view *v, int l, size_t n)
{
	if (v->focus == l && n && v->sel >= n)
		v->sel = n - 1;
}

/* Column c in h rows: entries, or its note. */
static void rv_draw_list(struct recs_view *v, WINDOW *w, int y, int x,
			 int h, int wd, int c)
{
	const struct rv_list *l = &v->col[c];
	int per = h >= 6 ? 2 : 1, row = 0;
	size_t q;

	for (int r = 0; r < h; r++)
		ui_blank(w, y + r, x, wd, A_NORMAL);
	if (!l->n) {
		ui_text(w, y, x, l->note, wd, AL_LEFT, theme_attr(TH_NOTE));
		return;
	}
	rv_clamp_sel(v, c, (size_t)(h / per) < l->n ? (size_t)(h / per)
						    : l->n);
	for (q = 0; q < l->n && row + per <= h; q++)
		row += rv_entry(v, w, y + row, x, wd, per, l, q,
				rv_is_sel(v, c, q));
	v->shown[c] = q;
}

/* The rule above the columns: the item (its title cut to keep the
 * year), and the worker's progress. */
static void rv_draw_title(struct recs_view *v, WINDOW *w, int y, int x,
			  int wd, uint32_t item)
{
	char title[512], label[512], prog[128] = "";
	int pw, room;

	ui_hline(w, y, x, wd, theme_attr(TH_DIM));
	if (v->bg && !v->st.finished && v->st.epochs)
		xsnprintf(prog, sizeof prog, _(" training models%s %d/%d · "
			  "epoch %d/%d "), theme_glyphs()->ellipsis,
			  v->st.done, v->st.total, v->st.epoch, v->st.epochs);
	else if (v->bg && !v->st.finished)
		xsnprintf(prog, sizeof prog, _(" %s models%s %d/%d "),
			  v->st.trained ? _("training") : _("loading"),
			  theme_glyphs()->ellipsis, v->st.done, v->st.total);
	pw = (int)text_width(prog);
	room = wd - pw - 3;
	if (item == INTERN_NONE) {
		xsnprintf(title, sizeof title, " %s ",
			  _("Pick a result to see items like it"));
	} else {
		xsnprintf(title, sizeof title, _(" Like %s "), "");
		app_label_fit(v->app, item, room - (int)text_width(title),
			      label, sizeof label);
		xsnprintf(title, sizeof title, _(" Like %s "), label);
	}
	ui_puts(w, y, x + 1, title, room, theme_attr(TH_TITLE));
	if (pw)
		ui_puts(w, y, x + wd - pw - 1, prog, pw, theme_attr(TH_NOTE));
}

/* A column heading: "Collaborative · item-knn". */
static void rv_draw_head(WINDOW *w, int y, int x, int wd, const char *name,
			 const struct rv_list *l)
{
	char buf[160];

	if (l->method[0])
		xsnprintf(buf, sizeof buf, "%s %s %s", name,
			  theme_glyphs()->dot, l->method);
	else
		xsnprintf(buf, sizeof buf, "%s", name);
	ui_text(w, y, x, buf, wd, AL_LEFT, theme_attr(TH_COLHEAD));
}

static const char *const rv_names[RV_COLS] = {
	N_("Collaborative"), N_("Content-based"), N_("Hybrid"),
};

/* The heading of one list: the three names, the one shown in brackets
 * with its method, and the key for the next. */
static void rv_draw_one_head(struct recs_view *v, WINDOW *w, int y, int x,
			     int wd, bool any)
{
	char buf[160], key[64];
	int at = 0;

	for (int c = 0; c < RV_COLS && at < wd; c++) {
		const struct rv_list *l = &v->col[c];

		if (c == v->one && any && l->method[0])
			xsnprintf(buf, sizeof buf, "[%s %s %s]", _(rv_names[c]),
				  theme_glyphs()->dot, l->method);
		else if (c == v->one)
			xsnprintf(buf, sizeof buf, "[%s]", _(rv_names[c]));
		else
			xsnprintf(buf, sizeof buf, " %s ", _(rv_names[c]));
		at += ui_puts(w, y, x + at, buf, wd - at, theme_attr(
			      c == v->one ? TH_COLHEAD : TH_DIM)) + 1;
	}
	xsnprintf(key, sizeof key, "%s", _("c: next"));
	if (at + (int)text_width(key) + 1 <= wd)
		ui_text(w, y, x + wd - (int)text_width(key), key,
			(int)text_width(key), AL_RIGHT, theme_attr(TH_DIM));
}

/* One list of the three across wd cells in h rows (a window too
 * narrow for three columns): an entry a row, its reason beside it. */
static void rv_draw_one(struct recs_view *v, WINDOW *w, int y, int x,
			int h, int wd, uint32_t item)
{
	const struct rv_list *l = &v->col[v->one];
	int lw;

	rv_draw_one_head(v, w, y, x, wd, item != INTERN_NONE);
	if (item == INTERN_NONE)
		return;
	if (!l->n) {
		ui_text(w, y + 1, x, l->note, wd, AL_LEFT, theme_attr(TH_NOTE));
		return;
	}
	lw = rv_label_width(v, l, 0, 1, (size_t)(h - 1), wd);
	rv_clamp_sel(v, v->one, (size_t)(h - 1) < l->n ? (size_t)(h - 1)
						     : l->n);
	for (size_t q = 0; q < l->n && (int)q + 1 < h; q++) {
		bool sel = rv_is_sel(v, v->one, q);

		if (sel)
			ui_blank(w, y + 1 + (int)q, x, wd, theme_attr(TH_SEL));
		rv_entry(v, w, y + 1 + (int)q, x, lw, 1, l, q, sel);
		ui_text(w, y + 1 + (int)q, x + lw + 2, l->e[q].reason,
			wd - lw - 2, AL_LEFT, rv_attr(sel, theme_attr(TH_DIM)));
		v->shown[v->one] = q + 1;
	}
}

/* The three columns side by side in h rows, or one of them when the
 * columns would be narrower than RV_COL_MIN. */
static void rv_draw_columns(struct recs_view *v, WINDOW *w, int y, int x,
			    int h, int wd, uint32_t item)
{
	const char *const *names = rv_names;
	int cw = rv_col_width(wd);

	if (item != INTERN_NONE && (!v->col_valid || v->col_item != item ||
				    v->col_ready != v->ready))
		rv_columns(v, item);
	for (int r = 0; r < h; r++)
		ui_blank(w, y + r, x, wd, A_NORMAL);
	v->narrow = recs_view_narrow(wd);
	if (v->narrow) {
		rv_draw_one(v, w, y, x, h, wd, item);
		return;
	}
	for (int c = 0; c < RV_COLS; c++) {
		int cx = x + c * (cw + 2), iw = cw - 1;

		if (c) {
			wattrset(w, theme_attr(TH_DIM));
			for (int r = 0; r < h; r++)
				mvwaddstr(w, y + r, cx - 2,
					  theme_glyphs()->vline);
			wattrset(w, A_NORMAL);
		}
		if (item == INTERN_NONE) {
			rv_draw_head(w, y, cx, iw, _(names[c]),
				     &(struct rv_list){ .n = 0 });
			for (int r = 1; r < h; r++)
				ui_blank(w, y + r, cx, iw, A_NORMAL);
			continue;
		}
		rv_draw_head(w, y, cx, iw, _(names[c]), &v->col[c]);
		rv_draw_list(v, w, y + 1, cx, h - 1, iw, c);
	}
}

/* " · 3 seen · 2 wanted": your signals, the parts that are not 0. */
static void rv_signals_text(const struct recs_view *v, char *buf, size_t n)
{
	size_t len = 0;

	buf[0] = '\0';
	if (v->n_seen)
		len += xsnprintf(buf, n, _(" · %zu seen"), v->n_seen);
	if (v->n_wanted && len < n)
		xsnprintf(buf + len, n - len, _(" · %zu wanted"), v->n_wanted);
}

/* What For you lacks, at most n bytes in buf, long or short
 * (" · content only"): why only content, or how many more ratings
 * unlock collaborative lists; "" when nothing. */
static void rv_fy_lacks(const struct recs_view *v, bool shrt, char *buf,
			size_t n)
{
	size_t left = RECS_ONBOARD_MIN - v->n_rated;

	buf[0] = '\0';
	/* Without community ratings (books before taste import goodbooks)
	 * no number of yours unlocks collaborative lists: say what does. */
	if (!v->app->cat->has_ratings)
		xsnprintf(buf, n, "%s", shrt ? _(" · content only") :
			  _(" · content only: no community ratings (taste "
			    "import goodbooks DIR)"));
	else if (v->n_rated < RECS_ONBOARD_MIN && shrt)
		xsnprintf(buf, n, ngettext(" · %zu more to rate",
					   " · %zu more to rate", left), left);
	else if (v->n_rated < RECS_ONBOARD_MIN)
		xsnprintf(buf, n, ngettext(
			  " · %zu more rating unlocks collaborative lists",
			  " · %zu more ratings unlock collaborative lists",
			  left), left);
}

/* The For you rule: counts, method and diversity, and what it lacks
 * in as many words as fit. */
static void rv_draw_fy_title(struct recs_view *v, WINDOW *w, int y, int x,
			     int wd)
{
	char title[320], more[128], sig[64];

	ui_hline(w, y, x, wd, theme_attr(TH_DIM));
	rv_signals_text(v, sig, sizeof sig);
	for (int form = 0; form < 3; form++) {
		if (form < 2)
			rv_fy_lacks(v, form == 1, more, sizeof more);
		else
			more[0] = '\0';
		xsnprintf(title, sizeof title, ngettext(
			  " For you (%zu rated%s · %s · diversity %.1f)%s ",
			  " For you (%zu rated%s · %s · diversity %.1f)%s ",
			  v->n_rated), v->n_rated, sig, v->fy.method,
			  rv_diversity[v->div], more);
		if ((int)text_width(title) <= wd - 2)
			break;
	}
	ui_puts(w, y, x + 1, title, wd - 2, theme_attr(TH_TITLE));
}

/* For you in h rows: a rule, then two entries a row with reasons, or
 * one when half the width would be under RV_FY_HALF. */
static void rv_draw_for_you(struct recs_view *v, WINDOW *w, int y, int x,
			    int h, int wd)
{
	int per = (wd - 2) / 2 >= RV_FY_HALF ? 2 : 1;
	int cw = per == 2 ? (wd - 2) / 2 : wd - 1;

	if (!v->fy_valid || v->fy_gen != v->app->rated_gen ||
	    v->fy_div != v->div || v->fy_ready != v->ready)
		rv_for_you(v);
	rv_draw_fy_title(v, w, y, x, wd);
	for (int r = 1; r < h; r++)
		ui_blank(w, y + r, x, wd, A_NORMAL);
	if (!v->fy.n) {
		ui_text(w, y + 1, x + 1, v->fy.note, wd - 1, AL_LEFT,
			theme_attr(TH_NOTE));
		return;
	}
	rv_clamp_sel(v, RV_FY, (size_t)((h - 1) * per) < v->fy.n ?
		     (size_t)((h - 1) * per) : v->fy.n);
	for (size_t q = 0; q < v->fy.n && (int)(q / per) + 1 < h; q++) {
		int ex = x + 1 + (int)(q % per) * (cw + 1);
		int ey = y + 1 + (int)(q / per);
		/* the labels of a column as wide as they need, the
		 * reasons the rest */
		int lw = rv_label_width(v, &v->fy, q % per, (size_t)per,
					(size_t)(h - 1), cw);
		bool sel = rv_is_sel(v, RV_FY, q);

		/* label and score, then the reason after it on the row */
		if (sel)
			ui_blank(w, ey, ex, cw, theme_attr(TH_SEL));
		rv_entry(v, w, ey, ex, lw, 1, &v->fy, q, sel);
		ui_text(w, ey, ex + lw + 1, v->fy.e[q].reason, cw - lw - 1,
			AL_LEFT, rv_attr(sel, theme_attr(TH_DIM)));
		v->shown[RV_FY] = q + 1;
	}
}

/* Columns and For you in the given cells. */
void recs_view_draw(struct recs_view *v, WINDOW *w, int y, int x, int h,
		    int wd, uint32_t item)
{
	int fy_rows = (h - 4) / 3, fy_h;

	memset(v->shown, 0, sizeof v->shown);
	if (h < 3 || wd < 30)
		return;
	fy_rows = fy_rows < 1 ? 1 : fy_rows > 4 ? 4 : fy_rows;
	fy_h = h >= 8 ? fy_rows + 1 : 0;
	rv_draw_title(v, w, y, x, wd, item);
	rv_draw_columns(v, w, y + 1, x, h - 1 - fy_h, wd, item);
	if (fy_h)
		rv_draw_for_you(v, w, y + h - fy_h, x, fy_h, wd);
}

/* The lists focus visits in turn: the columns (the one shown, in a
 * narrow window), then For you; returns how many are in order. */
static int rv_focus_order(const struct recs_view *v, int *order)
{
	int n = 0;

	if (v->narrow)
		order[n++] = v->one;
	else
		for (int c = 0; c < RV_COLS; c++)
			order[n++] = c;
	order[n++] = RV_FY;
	return n;
}

bool recs_view_focus_step(struct recs_view *v, int dir)
{
	int order[RV_COLS + 1], n = rv_focus_order(v, order), at = dir > 0 ?
		-1 : n;

	for (int i = 0; i < n; i++)
		if (order[i] == v->focus)
			at = i;
	for (at += dir; at >= 0 && at < n; at += dir)
		if (v->shown[order[at]]) {
			v->focus = order[at];
			if (v->sel >= v->shown[v->focus])
				v->sel = v->shown[v->focus] - 1;
			app_dirty(v->app, DIRTY_BODY);
			return true;
		}
	recs_view_unfocus(v);
	return false;
}

void recs_view_unfocus(struct recs_view *v)
{
	v->focus = RV_NONE_FOCUS;
	v->sel = 0;
	app_dirty(v->app, DIRTY_BODY);
}

bool recs_view_focused(const struct recs_view *v)
{
	return v->focus != RV_NONE_FOCUS;
}

/* The list with the focus, NULL when none has it. */
static const struct rv_list *rv_focus_list(const struct recs_view *v)
{
	if (v->focus == RV_NONE_FOCUS)
		return NULL;
	return v->focus == RV_FY ? &v->fy : &v->col[v->focus];
}

/* The highlighted entry of the focused list, or NULL. */
static const struct recs_entry *rv_focus_entry(const struct recs_view *v)
{
	const struct rv_list *l = rv_focus_list(v);
	size_t n = l ? v->shown[v->focus] : 0;

	if (!l || !n)
		return NULL;
	if (n > l->n)
		n = l->n;
	return &l->e[v->sel < n ? v->sel : n - 1];
}

uint32_t recs_view_item(const struct recs_view *v)
{
	const struct recs_entry *e = rv_focus_entry(v);

	return e ? e->item : INTERN_NONE;
}

const char *recs_view_reason(const struct recs_view *v)
{
	const struct recs_entry *e = rv_focus_entry(v);

	return e ? e->reason : NULL;
}

bool recs_view_move(struct recs_view *v, enum action act)
{
	size_t n = v->focus == RV_NONE_FOCUS ? 0 : v->shown[v->focus];
	size_t page = n > 1 ? n - 1 : 1;

	if (!n)
		return false;
	if (v->sel >= n)
		v->sel = n - 1;
	switch (act) {
	case ACT_UP: v->sel -= v->sel > 0; break;
	case ACT_DOWN: v->sel += v->sel + 1 < n; break;
	case ACT_PAGE_UP: v->sel = v->sel > page ? v->sel - page : 0; break;
	case ACT_PAGE_DOWN:
		v->sel = v->sel + page < n ? v->sel + page : n - 1;
		break;
	case ACT_TOP: v->sel = 0; break;
	case ACT_BOTTOM: v->sel = n - 1; break;
	default: return false;
	}
	app_dirty(v->app, DIRTY_BODY);
	return true;
}
