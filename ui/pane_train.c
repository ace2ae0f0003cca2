/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pane_train: pick a model and its settings, start a run, watch it
 * learn (BRIEF §3.2). The left column lists the model kinds and "Linear
 * regression", then the settings of the one under the cursor; the right
 * side shows the run: the split, the epoch counter and latest values,
 * the plot of training loss and validation RMSE per epoch (earlier runs
 * of the same model faint, a divergent epoch as '!'), the metrics when
 * it ends, what was saved, and the monitor of the model in use.
 *
 * All work happens in src/trainer.c on a worker thread; this file only
 * polls it when no key comes (the app's idle hook, every 250 ms) and
 * draws. The plot is rendered by src/plot.c into a cell grid and
 * blitted by plotdraw, in braille, or ASCII with --ascii or outside a
 * UTF-8 locale. ^C arrives as a SIGINT the app hands to this pane
 * (pane->interrupt) while a run goes; q asks first then (pane->busy).
 *
 * The regression entry reads its CSV on this thread when first shown
 * (the bundled housing file is 1.4 MB: about 30 ms) and fits on the
 * worker like the models.
 *
 * The tuning grid: g runs tune.h's grid search for the model shown on
 * a worker (trainer_grid_start) over the two axes of the form's Grid
 * rows, k folds; the right side then shows its progress, the table of
 * mean ± spread per cell and a heat map whose cells are shaded by glyph
 * and attribute and carry their value as text (so it reads in
 * monochrome and in ASCII), the best cell in reverse with '*'. a puts
 * the best setting into the form; g again or ^C cancels. */
#include <config.h>

#include <libintl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "draw.h"
#include "i18n.h"
#include "keymap.h"
#include "log.h"
#include "pane.h"
#include "paths.h"
#include "plot.h"
#include "plotdraw.h"
#include "recs.h"
#include "regress.h"
#include "text.h"
#include "theme.h"
#include "trainer.h"
#include "util.h"

#define TP_REGRESS MODEL_KIND_COUNT     /* the last entry of the list */
#define TP_ENTRIES (MODEL_KIND_COUNT + 1)
#define TP_PAST 3           /* earlier runs of a model drawn faintly */
#define TP_LEFT_W 24        /* the model list and settings column */
#define TP_LEFT_MIN 20
#define TP_PLOT_MIN 4       /* rows below which no plot is drawn */
#define TP_COEFS 32         /* regression weights listed at most */
#define TP_MON_POLL_S 2.0   /* looking again for a model file */
#define TP_SHADES 4         /* levels of the heat map */

/* The regression form's fields. */
enum rfield { RF_CSV, RF_TARGET, RF_FEATURES, RF_EPOCHS, RF_LR, RF_PREDICT,
	      RF_COUNT };

/* Rows of a model's form after its own settings: the split of a run,
 * then the grid (for the kinds that have one). */
enum xfield { XF_HELD_OUT, XF_SPLIT_SEED, XF_GRID_ROWS, XF_GRID_COLS,
	      XF_FOLDS, XF_COUNT };
#define XF_SPLIT_ROWS 2     /* XF_HELD_OUT and XF_SPLIT_SEED */

/* One run's series, for the plot. */
struct tp_series {
	int entry;              /* a model kind, or TP_REGRESS */
	double *loss, *rmse;
	unsigned char *flag;
	size_t n, cap;
	int epochs;
};

struct train {
	struct app *app;
	int cursor;             /* selectable row: entries, then fields */
	int sel;                /* the entry shown */
	int scroll;             /* first left-column row drawn */
	struct model_params params[MODEL_KIND_COUNT];
	/* the run shown (possibly ended) and what it has drawn */
	struct trainer *run;
	int run_entry;
	struct trainer_status st;
	bool have_st;
	struct tp_series cur;
	struct tp_series past[TP_PAST];
	size_t n_past;
	bool log_y;
	bool told_end;          /* the end of the run was announced */
	/* the monitor of each kind's model in use, and its freshness */
	struct trainer_monitor mon[MODEL_KIND_COUNT];
	bool mon_ok[MODEL_KIND_COUNT];
	unsigned long mon_gen[MODEL_KIND_COUNT];
	double mon_at;          /* when a monitor was last computed */
	/* the regression form and its table */
	char csv[512], target[64], features[256], predict[160];
	unsigned r_epochs;
	double r_lr;
	struct regress_table *table;
	char table_path[512];
	char table_err[256];
	char pred_line[256];
	int edit;               /* the field the prompt edits */
	/* the split of model runs, and the one of the run shown */
	double held_out;
	uint64_t split_seed;
	double run_held_out;
	uint64_t run_split_seed;
	/* the grid of each kind, and the grid run shown */
	struct tune_grid grids[MODEL_KIND_COUNT];
	bool has_grid[MODEL_KIND_COUNT];
	int folds;
	struct trainer *grid;
	int grid_entry;
	struct tune_grid grid_axes;     /* of the grid run shown */
	struct trainer_status gst;
	struct tune_result gres;
	bool grid_view;         /* the right side shows the grid */
	bool grid_told_end;
};

static void tp_monitor_refresh(struct train *tp, int k, bool force);
static void tp_part(char *buf, size_t n, int wd, const char *part);

/* =====================================================================
 * Rows of the left column
 * ===================================================================== */

/* The number of the model's own settings (trainer.h) of the entry. */
static int tp_n_model_fields(const struct train *tp)
{
	enum trainer_field f[TF_COUNT];

	return (int)trainer_fields((enum model_kind)tp->sel, f);
}

/* True when the entry shown has a tuning grid. */
static bool tp_grid_entry(const struct train *tp)
{
	return tp->sel != TP_REGRESS && tp->has_grid[tp->sel];
}

/* The number of settings rows of the entry shown. */
static int tp_n_fields(const struct train *tp)
{
	if (tp->sel == TP_REGRESS)
		return RF_COUNT;
	return tp_n_model_fields(tp) + (tp_grid_entry(tp) ? XF_COUNT
							   : XF_SPLIT_ROWS);
}

/* The split or grid row of settings row i, or -1 for a model's own. */
static int tp_xfield(const struct train *tp, int i)
{
	int nf;

	if (tp->sel == TP_REGRESS)
		return -1;
	nf = tp_n_model_fields(tp);
	return i < nf ? -1 : i - nf;
}

/* The trainer field of settings row i of a model entry. */
static enum trainer_field tp_field(const struct train *tp, int i)
{
	enum trainer_field f[TF_COUNT];

	trainer_fields((enum model_kind)tp->sel, f);
	return f[i];
}

/* The name of entry e in the list. */
static const char *tp_entry_name(int e)
{
	if (e == TP_REGRESS)
		return _("Linear regression");
	return model_kind_label((enum model_kind)e);
}

/* The label of regression field f. */
static const char *tp_rfield_label(enum rfield f)
{
	static const char *const names[RF_COUNT] = {
		N_("CSV"), N_("target"), N_("features"), N_("epochs"),
		N_("learning rate"), N_("predict"),
	};
	return _(names[f]);
}

/* The value of regression field f as the form shows it. */
static void tp_rfield_value(const struct train *tp, enum rfield f,
			    char *buf, size_t n)
{
	const char *base;

	switch (f) {
	case RF_CSV:
		base = strrchr(tp->csv, '/');
		xsnprintf(buf, n, "%s", base ? base + 1 : tp->csv);
		break;
	case RF_TARGET: xsnprintf(buf, n, "%s", tp->target); break;
	case RF_FEATURES:
		xsnprintf(buf, n, "%s", tp->features[0] ? tp->features
							: _("all"));
		break;
	case RF_EPOCHS: xsnprintf(buf, n, "%u", tp->r_epochs); break;
	case RF_LR:
		if (tp->r_lr > 0)
			xsnprintf(buf, n, "%g", tp->r_lr);
		else
			xsnprintf(buf, n, "%s", _("auto"));
		break;
	default:
		xsnprintf(buf, n, "%s", tp->predict[0] ? tp->predict
						       : _("(Enter)"));
		break;
	}
}

/* Label and value of split or grid row f. */
static void tp_xfield_text(const struct train *tp, enum xfield f,
			   char *label, size_t ln, char *val, size_t n)
{
	const struct tune_grid *g = &tp->grids[tp->sel];
	char axis[256];
	const char *eq;

	switch (f) {
	case XF_HELD_OUT:
		xsnprintf(label, ln, "%s", _("held out"));
		xsnprintf(val, n, "%g%%", tp->held_out * 100);
		break;
	case XF_SPLIT_SEED:
		xsnprintf(label, ln, "%s", _("split seed"));
		xsnprintf(val, n, "%llu", (unsigned long long)tp->split_seed);
		break;
	case XF_GRID_ROWS: case XF_GRID_COLS: {
		const struct tune_axis *a = &g->axis[f == XF_GRID_COLS];

		xsnprintf(label, ln, "%s %s", f == XF_GRID_ROWS ?
			  (theme_ascii() ? "v" : "↓") :
			  (theme_ascii() ? ">" : "→"),
			  tune_param_name(a->param));
		trainer_grid_axis_text(a, axis, sizeof axis);
		eq = strchr(axis, '=');
		xsnprintf(val, n, "%s", eq ? eq + 1 : axis);
		break;
	}
	default:
		xsnprintf(label, ln, "%s", _("folds"));
		xsnprintf(val, n, "%d", tp->folds);
		break;
	}
}

/* Label and value of settings row i of the entry shown. */
static void tp_field_text(const struct train *tp, int i, char *label,
			  size_t ln, char *val, size_t n)
{
	int x = tp_xfield(tp, i);

	if (tp->sel == TP_REGRESS) {
		xsnprintf(label, ln, "%s", tp_rfield_label((enum rfield)i));
		tp_rfield_value(tp, (enum rfield)i, val, n);
		return;
	}
	if (x >= 0) {
		tp_xfield_text(tp, (enum xfield)x, label, ln, val, n);
		return;
	}
	xsnprintf(label, ln, "%s", trainer_field_label(tp_field(tp, i)));
	trainer_field_format(&tp->params[tp->sel], tp_field(tp, i), val, n);
}

/* =====================================================================
 * Runs: starting, polling, series
 * ===================================================================== */

/* Append a point to a series. */
static void series_push(struct tp_series *s, double loss, double rmse,
			bool flag)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->loss = xrealloc(s->loss, s->cap * sizeof *s->loss);
		s->rmse = xrealloc(s->rmse, s->cap * sizeof *s->rmse);
		s->flag = xrealloc(s->flag, s->cap * sizeof *s->flag);
	}
	s->loss[s->n] = loss;
	s->rmse[s->n] = rmse;
	s->flag[s->n++] = flag;
}

/* Free a series' points. */
static void series_free(struct tp_series *s)
{
	free(s->loss);
	free(s->rmse);
	free(s->flag);
	memset(s, 0, sizeof *s);
}

/* The run shown becomes an earlier run (faint), the oldest dropped. */
static void tp_retire_series(struct train *tp)
{
	if (!tp->cur.n) {
		series_free(&tp->cur);
		return;
	}
	if (tp->n_past == TP_PAST) {
		series_free(&tp->past[0]);
		memmove(tp->past, tp->past + 1,
			(TP_PAST - 1) * sizeof *tp->past);
		tp->n_past--;
	}
	tp->past[tp->n_past++] = tp->cur;
	memset(&tp->cur, 0, sizeof tp->cur);
}

/* True while the run goes (not yet ended). */
static bool tp_running(const struct train *tp)
{
	return tp->run && tp->have_st && !trainer_state_final(tp->st.state);
}

/* Read the table for the regression when its path changed. */
static bool tp_table(struct train *tp)
{
	if (tp->table && strcmp(tp->table_path, tp->csv) == 0)
		return true;
	regress_table_free(tp->table);
	tp->table = regress_table_load(tp->csv, tp->table_err,
				       sizeof tp->table_err);
	xsnprintf(tp->table_path, sizeof tp->table_path, "%s", tp->csv);
	return tp->table != NULL;
}

/* Start the run of the entry shown; false after a message. */
static bool tp_start_run(struct train *tp, struct trainer **out)
{
	char err[512];

	if (tp->sel == TP_REGRESS) {
		struct trainer_regress_config rc = {
			.target = tp->target, .features = tp->features,
			.epochs = tp->r_epochs, .lr = tp->r_lr,
		};

		if (!tp_table(tp)) {
			app_toast(tp->app, TOAST_ERR, "%s", tp->table_err);
			return false;
		}
		rc.table = tp->table;
		*out = trainer_regress_start(&rc, err, sizeof err);
	} else {
		struct trainer_config c;

		trainer_config_default(&c, (enum model_kind)tp->sel);
		c.params = tp->params[tp->sel];
		c.valid_fraction = tp->held_out;
		c.split_seed = tp->split_seed;
		*out = trainer_start(tp->app->cat, &c, err, sizeof err);
		tp->run_held_out = c.valid_fraction;
		tp->run_split_seed = c.split_seed;
	}
	if (!*out)
		app_toast(tp->app, TOAST_ERR, "%s", err);
	return *out != NULL;
}

/* True while a grid runs (not yet ended). */
static bool tp_grid_running(const struct train *tp)
{
	return tp->grid && !trainer_state_final(tp->gst.state);
}

/* t: start a run with the settings shown (one run or grid at a
 * time: they would share the two cores). */
static void tp_start(struct train *tp)
{
	struct trainer *t;

	if (tp_running(tp)) {
		app_toast(tp->app, TOAST_NOTE, "%s", _("a run is going: ^C "
			  "stops it first"));
		return;
	}
	if (tp_grid_running(tp)) {
		app_toast(tp->app, TOAST_NOTE, "%s", _("a grid is running: g "
			  "or ^C stops it first"));
		return;
	}
	if (!tp_start_run(tp, &t))
		return;
	trainer_free(tp->run);
	tp_retire_series(tp);
	tp->run = t;
	tp->run_entry = tp->sel;
	tp->cur.entry = tp->sel;
	tp->have_st = false;
	tp->told_end = false;
	tp->grid_view = false;
	tp->pred_line[0] = '\0';
	trainer_status(t, &tp->st);
	tp->have_st = true;
	tp->cur.epochs = tp->st.epochs;
	log_msg("train: %s started", tp_entry_name(tp->sel));
	app_toast(tp->app, TOAST_INFO, _("%s: training started"),
		  tp_entry_name(tp->sel));
	app_dirty(tp->app, DIRTY_BODY | DIRTY_KEYS);
}

/* Copy the events the run published since the last poll. */
static bool tp_take_events(struct train *tp)
{
	struct trainer_event ev[64];
	size_t k, got = 0;

	while ((k = trainer_events(tp->run, tp->cur.n, ev, 64)) > 0) {
		for (size_t q = 0; q < k; q++)
			series_push(&tp->cur, ev[q].train_loss,
				    ev[q].has_valid ? ev[q].valid_rmse : NAN,
				    ev[q].divergent);
		got += k;
	}
	return got > 0;
}

/* What a run that has just ended says on the status line. */
static void tp_announce_end(struct train *tp)
{
	const struct trainer_status *st = &tp->st;

	tp->told_end = true;
	if (st->state == TRAINER_DONE && st->saved)
		app_toast(tp->app, TOAST_OK, "%s", _("Saved, used by Search"));
	else if (st->state == TRAINER_DONE)
		app_toast(tp->app, TOAST_OK, "%s", _("Training finished"));
	else
		app_toast(tp->app, st->state == TRAINER_STOPPED ? TOAST_NOTE
								: TOAST_ERR,
			  "%s", st->message);
	if (st->saved)
		tp_monitor_refresh(tp, tp->run_entry, true);
	log_msg("train: %s %s at epoch %d, %.2f s", tp_entry_name(
		tp->run_entry), trainer_state_name(st->state), st->epoch,
		st->seconds);
}

/* Poll the run: true when something to draw changed. */
static bool tp_poll(struct train *tp)
{
	struct trainer_status st;
	bool changed;

	if (!tp->run)
		return false;
	trainer_status(tp->run, &st);
	changed = tp_take_events(tp) || st.state != tp->st.state ||
		  st.held != tp->st.held ||
		  st.deploy_epoch != tp->st.deploy_epoch ||
		  st.pause_asked != tp->st.pause_asked;
	tp->st = st;
	tp->have_st = true;
	if (trainer_state_final(st.state) && !tp->told_end)
		tp_announce_end(tp);
	return changed;
}

/* What a grid that has just ended says on the status line. */
static void tp_grid_announce_end(struct train *tp)
{
	const struct trainer_status *st = &tp->gst;

	tp->grid_told_end = true;
	if (st->state == TRAINER_DONE)
		app_toast(tp->app, TOAST_OK, _("%s: a applies it, then t "
			  "trains"), st->message);
	else
		app_toast(tp->app, st->state == TRAINER_STOPPED ? TOAST_NOTE
								: TOAST_ERR,
			  "%s", st->message);
	log_msg("train: grid of %s %s after %zu/%zu fits, %.2f s",
		tp_entry_name(tp->grid_entry), trainer_state_name(st->state),
		st->grid_done, st->grid_total, st->seconds);
}

/* Poll the grid: true when something to draw changed (the cells are
 * copied again only when a fit ended or the state moved). */
static bool tp_grid_poll(struct train *tp)
{
	struct trainer_status st;
	bool changed;

	if (!tp->grid)
		return false;
	trainer_status(tp->grid, &st);
	changed = st.state != tp->gst.state ||
		  st.grid_done != tp->gst.grid_done;
	if (changed) {
		tune_result_free(&tp->gres);
		trainer_grid_result(tp->grid, &tp->gres);
	}
	tp->gst = st;
	if (trainer_state_final(st.state) && !tp->grid_told_end)
		tp_grid_announce_end(tp);
	return changed;
}

/* =====================================================================
 * The monitor
 * ===================================================================== */

/* The Search worker's model of kind k when it holds one, after it has
 * adopted what a run just deployed; NULL: read the file.
 * TODO: baseline, user-kNN and iALS are still loaded from their files
 * on this thread (the worker holds only the four kinds Search shows);
 * move that load to the trainer's thread. */
static const struct model *tp_in_use(const struct train *tp,
				     enum model_kind k)
{
	struct recs_status st;

	if (!tp->app->recs)
		return NULL;
	recs_bg_status(tp->app->recs, &st);
	return recs_bg_model_of(tp->app->recs, k);
}

/* Recompute the monitor of kind k when your ratings or its file
 * changed (force) since. */
static void tp_monitor_refresh(struct train *tp, int k, bool force)
{
	double t0 = util_now();

	if (k == TP_REGRESS)
		return;
	if (!force && tp->mon_ok[k] && tp->mon_gen[k] == tp->app->rated_gen)
		return;
	trainer_monitor(tp->app->cat, tp->app->prof, (enum model_kind)k,
			tp_in_use(tp, (enum model_kind)k), NULL,
			(int64_t)time(NULL), &tp->mon[k]);
	tp->mon_ok[k] = true;
	tp->mon_gen[k] = tp->app->rated_gen;
	tp->mon_at = util_now();
	if (tp->mon[k].exists)
		log_msg("train: monitor of %s in %.1f ms", model_kind_name(
			(enum model_kind)k), (util_now() - t0) * 1e3);
}

/* "3 min", "2 h", "5 days". */
static void fmt_age(double s, char *buf, size_t n)
{
	if (s < 60)
		xsnprintf(buf, n, _("%d s"), (int)(s < 0 ? 0 : s));
	else if (s < 3600)
		xsnprintf(buf, n, _("%d min"), (int)(s / 60));
	else if (s < 86400 * 2)
		xsnprintf(buf, n, _("%d h"), (int)(s / 3600));
	else
		xsnprintf(buf, n, _("%d days"), (int)(s / 86400));
}

/* Whether kind k can be trained on this catalogue: all but content
 * need community ratings (the bundled books have none). */
static bool tp_can_train(const struct train *tp, int k)
{
	const struct catalog *c = tp->app->cat;

	return k == MODEL_CONTENT || (c->m && c->m->nnz > 0);
}

/* The monitor line of a loaded model m in wd cells, "yours" in its
 * long form or short; false when a part had to be left out. */
static bool tp_monitor_parts(const struct trainer_monitor *m, int wd,
			     bool shrt, char *buf, size_t n)
{
	char age[32], part[128];
	int parts = 0;
	size_t len = 0;

	buf[0] = '\0';
	fmt_age((double)(time(NULL) - m->trained_at), age, sizeof age);
	for (int i = 0; i < 4; i++) {
		if (i == 0)
			xsnprintf(part, sizeof part, _("in use: %s old"), age);
		/* yours are folded in at once, whatever their dates (an
		 * imported history); the drift is on those dated after */
		else if (i == 1 && !shrt)
			xsnprintf(part, sizeof part, _("yours: %zu folded in, "
				  "%zu newer than it"), m->yours, m->since);
		else if (i == 1)
			xsnprintf(part, sizeof part, _("yours: %zu, %zu newer"),
				  m->yours, m->since);
		else if (i == 2 && m->has_drift && m->has_saved_rmse)
			xsnprintf(part, sizeof part, _("drift %+.3f"),
				  m->drift);
		else if (i == 2)
			xsnprintf(part, sizeof part, "%s", _("drift n/a"));
		else
			xsnprintf(part, sizeof part, "%s", m->retrain ?
				  _("retrain advised: R") : _("R retrains"));
		tp_part(buf, n, wd, part);
		parts += strlen(buf) != len;
		len = strlen(buf);
	}
	return parts == 4;
}

/* The monitor line of kind k in wd cells. */
static void tp_monitor_line(const struct train *tp, int k, int wd,
			    char *buf, size_t n)
{
	const struct trainer_monitor *m = &tp->mon[k];
	char part[128];

	buf[0] = '\0';
	if (!tp->mon_ok[k])
		return;
	if (!m->loaded) {
		xsnprintf(part, sizeof part, _("in use: none (%s)"), m->why);
		tp_part(buf, n, wd, part);
		if (tp_can_train(tp, k))
			tp_part(buf, n, wd, _("t trains one"));
		return;
	}
	if (!tp_monitor_parts(m, wd, false, buf, n))
		tp_monitor_parts(m, wd, true, buf, n);
}

/* =====================================================================
 * Drawing: the left column
 * ===================================================================== */

/* Rows of the left column (headings included). */
static int tp_left_rows(const struct train *tp)
{
	return 1 + TP_ENTRIES + 1 + tp_n_fields(tp) + tp_grid_entry(tp);
}

/* The selectable row of the first grid row of a model entry. */
static int tp_first_grid_row(const struct train *tp)
{
	return TP_ENTRIES + tp_n_model_fields(tp) + XF_SPLIT_ROWS;
}

/* The left-column row of selectable row c. */
static int tp_row_of(const struct train *tp, int c)
{
	if (c < TP_ENTRIES)
		return 1 + c;
	return tp_grid_entry(tp) && c >= tp_first_grid_row(tp) ? 3 + c
							       : 2 + c;
}

/* One model entry. */
static void tp_draw_entry(struct train *tp, WINDOW *w, int y, int wd,
			  int e)
{
	bool cur = tp->cursor == e, on = tp->sel == e;
	attr_t a = cur ? theme_attr(TH_SEL) : on ? A_BOLD : A_NORMAL;

	ui_text(w, y, 0, cur ? theme_glyphs()->pointer : on ? "*" : " ", 1,
		AL_LEFT, a);
	ui_text(w, y, 1, tp_entry_name(e), wd - 1, AL_LEFT, a);
}

/* One settings row: label left, value right. */
static void tp_draw_setting(struct train *tp, WINDOW *w, int y, int wd,
			    int i)
{
	bool cur = tp->cursor == TP_ENTRIES + i;
	attr_t a = cur ? theme_attr(TH_SEL) : A_NORMAL;
	char label[96], val[256];
	int vw;

	tp_field_text(tp, i, label, sizeof label, val, sizeof val);
	ui_text(w, y, 0, cur ? theme_glyphs()->pointer : " ", 1, AL_LEFT, a);
	vw = (int)text_width(val);
	vw = vw > wd - 12 ? wd - 12 : vw;
	ui_text(w, y, 1, label, wd - 2 - vw, AL_LEFT, a);
	ui_text(w, y, wd - 1 - vw, val, vw + 1, AL_RIGHT,
		cur ? a : theme_attr(TH_KEY));
}

/* The model list and the settings in h rows, scrolled to the cursor. */
static void tp_draw_left(struct train *tp, WINDOW *w, int h, int wd)
{
	int rows = tp_left_rows(tp), want = tp_row_of(tp, tp->cursor);
	int grid_head = tp_grid_entry(tp) ? 2 + tp_first_grid_row(tp) : -1;

	if (want < tp->scroll + 1)
		tp->scroll = want - 1 < 0 ? 0 : want - 1;
	if (want >= tp->scroll + h)
		tp->scroll = want - h + 1;
	if (tp->scroll > rows - h)
		tp->scroll = rows - h > 0 ? rows - h : 0;
	for (int y = 0; y < h; y++) {
		int r = y + tp->scroll;

		ui_blank(w, y, 0, wd, A_NORMAL);
		if (r == 0)
			ui_text(w, y, 1, _("Model"), wd - 1, AL_LEFT,
				theme_attr(TH_COLHEAD));
		else if (r <= TP_ENTRIES)
			tp_draw_entry(tp, w, y, wd, r - 1);
		else if (r == TP_ENTRIES + 1)
			ui_text(w, y, 1, _("Settings"), wd - 1, AL_LEFT,
				theme_attr(TH_COLHEAD));
		else if (r == grid_head)
			ui_text(w, y, 1, _("Grid (g)"), wd - 1, AL_LEFT,
				theme_attr(TH_COLHEAD));
		else if (grid_head > 0 && r > grid_head &&
			 r - TP_ENTRIES - 3 < tp_n_fields(tp))
			tp_draw_setting(tp, w, y, wd, r - TP_ENTRIES - 3);
		else if (grid_head > 0 && r > grid_head)
			continue;
		else if (r - TP_ENTRIES - 2 < tp_n_fields(tp))
			tp_draw_setting(tp, w, y, wd, r - TP_ENTRIES - 2);
	}
}

/* =====================================================================
 * Drawing: the plot
 * ===================================================================== */

/* Series of s into v (loss solid, RMSE dotted); returns how many. */
static size_t tp_series_of(const struct tp_series *s, bool faint,
			   struct plot_series *v)
{
	size_t n = 0;
	bool any_rmse = false;

	for (size_t q = 0; q < s->n; q++)
		any_rmse |= isfinite(s->rmse[q]);
	v[n++] = (struct plot_series){ .y = s->loss, .n = s->n, .kind = 0,
				       .faint = faint, .flag = s->flag };
	if (any_rmse)
		v[n++] = (struct plot_series){ .y = s->rmse, .n = s->n,
					       .kind = 1, .faint = faint };
	return n;
}

/* The plot of the run shown and the earlier runs of its entry. */
static void tp_draw_plot(struct train *tp, WINDOW *w, int y, int x, int h,
			 int wd)
{
	struct plot_series v[2 * (TP_PAST + 1)];
	struct plot_spec spec = { .glyphs = plotdraw_glyphs(false),
				  .log_y = tp->log_y, .fix_x = true,
				  .x_min = 1 };
	struct plot_grid g;
	size_t n = 0;
	int epochs = tp->cur.epochs > 1 ? tp->cur.epochs : 2;

	for (size_t q = 0; q < tp->n_past; q++) {
		if (tp->past[q].entry != tp->cur.entry)
			continue;
		n += tp_series_of(&tp->past[q], true, v + n);
		if ((int)tp->past[q].n > epochs)
			epochs = (int)tp->past[q].n;
	}
	n += tp_series_of(&tp->cur, false, v + n);
	if ((int)tp->cur.n > epochs)
		epochs = (int)tp->cur.n;
	spec.x_max = epochs;
	spec.x_label = _("epoch");
	plot_grid_init(&g, h, wd);
	if (plot_lines(&g, &spec, v, n, NULL) == 0)
		plotdraw_blit(w, y, x, &g);
	plot_grid_free(&g);
}

/* True when an earlier run of the entry shown is drawn faintly. */
static bool tp_has_past(const struct train *tp)
{
	for (size_t q = 0; q < tp->n_past; q++)
		if (tp->past[q].entry == tp->cur.entry)
			return true;
	return false;
}

/* The legend under the plot. */
static void tp_draw_legend(struct train *tp, WINDOW *w, int y, int x,
			   int wd)
{
	enum plot_glyphs gl = plotdraw_glyphs(false);
	bool regress = tp->cur.entry == TP_REGRESS;
	char buf[256];
	int used;

	used = ui_puts(w, y, x, plot_legend_sample(gl, 0, false), wd,
		       plotdraw_attr(PS_SERIES0));
	xsnprintf(buf, sizeof buf, " %s  ", regress ? _("cost J")
						   : _("training loss"));
	used += ui_puts(w, y, x + used, buf, wd - used, A_NORMAL);
	if (!regress) {
		used += ui_puts(w, y, x + used, plot_legend_sample(gl, 1,
				false), wd - used, plotdraw_attr(PS_SERIES1));
		used += ui_puts(w, y, x + used, _(" validation RMSE  "),
				wd - used, A_NORMAL);
	}
	if (tp_has_past(tp)) {
		used += ui_puts(w, y, x + used, plot_legend_sample(gl, 0,
				true), wd - used, plotdraw_attr(PS_FAINT));
		used += ui_puts(w, y, x + used, _(" earlier runs  "),
				wd - used, A_NORMAL);
	}
	if (memchr(tp->cur.flag, 1, tp->cur.n)) {
		used += ui_puts(w, y, x + used, "!", wd - used,
				plotdraw_attr(PS_FLAG));
		used += ui_puts(w, y, x + used, _(" diverged  "), wd - used,
				A_NORMAL);
	}
	if (tp->log_y)
		ui_puts(w, y, x + used, _("(log scale)"), wd - used,
			theme_attr(TH_DIM));
}

/* =====================================================================
 * Drawing: the run's text
 * ===================================================================== */

/* "▶ fitting", "‖ paused", "■ done" for the status line. */
static const char *tp_state_word(const struct trainer_status *st,
				 char *buf, size_t n)
{
	bool a = theme_ascii();

	if (st->held)
		xsnprintf(buf, n, "%s %s", a ? "||" : "‖", _("paused"));
	else if (st->pause_asked && !trainer_state_final(st->state))
		xsnprintf(buf, n, "%s %s%s", a ? "||" : "‖", _("pausing"),
			  theme_glyphs()->ellipsis);
	else if (!trainer_state_final(st->state))
		xsnprintf(buf, n, "%s %s", a ? ">" : "▶",
			  trainer_state_name(st->state));
	else
		xsnprintf(buf, n, "%s %s", a ? "#" : "■",
			  trainer_state_name(st->state));
	return buf;
}

/* Append part to the " · "-joined line in buf when the line still
 * fits in wd cells (the parts come most important first). */
static void tp_part(char *buf, size_t n, int wd, const char *part)
{
	size_t len = strlen(buf);
	char *old = xstrdup(buf);

	xsnprintf(buf + len, n - len, "%s%s", len ? " · " : "", part);
	if (theme_ascii() && len)
		xsnprintf(buf + len, n - len, " - %s", part);
	if ((int)text_width(buf) > wd)
		xsnprintf(buf, n, "%s", old);
	free(old);
}

/* The status line in wd cells: the epoch counter, latest values,
 * best, speed, the refit's progress. */
static void tp_status_line(const struct train *tp, int wd, char *buf,
			   size_t n)
{
	const struct trainer_status *st = &tp->st;
	const struct tp_series *s = &tp->cur;
	char part[128], a[16];

	buf[0] = '\0';
	xsnprintf(part, sizeof part, _("epoch %d/%d"), st->epoch, st->epochs);
	tp_part(buf, n, wd, part);
	if (st->state == TRAINER_DEPLOYING) {
		xsnprintf(part, sizeof part, _("refit on all ratings %d/%d"),
			  st->deploy_epoch, st->epochs);
		tp_part(buf, n, wd, part);
	}
	if (s->n && isfinite(s->loss[s->n - 1])) {
		xsnprintf(part, sizeof part, "%s %s", tp->cur.entry ==
			  TP_REGRESS ? _("cost J") : _("loss"),
			  plot_fmt_num(s->loss[s->n - 1], a, sizeof a));
		tp_part(buf, n, wd, part);
	}
	if (s->n && isfinite(s->rmse[s->n - 1])) {
		xsnprintf(part, sizeof part, _("valid %.4f"),
			  s->rmse[s->n - 1]);
		tp_part(buf, n, wd, part);
	}
	if (st->best_epoch) {
		xsnprintf(part, sizeof part, _("best %.4f @ %d"),
			  st->best_rmse, st->best_epoch);
		tp_part(buf, n, wd, part);
	}
	if (st->metrics.epoch_seconds > 0 || s->n) {
		xsnprintf(part, sizeof part, _("%.1f s"), st->seconds);
		tp_part(buf, n, wd, part);
	}
}

/* The split line of a model run in wd cells. */
static void tp_split_line(const struct train *tp, int wd, char *buf,
			  size_t n)
{
	char part[96];
	int held = (int)lround(tp->run_held_out * 100);

	buf[0] = '\0';
	xsnprintf(part, sizeof part, _("%zu train"), tp->st.n_train);
	tp_part(buf, n, wd, part);
	xsnprintf(part, sizeof part, _("%zu valid"), tp->st.n_valid);
	tp_part(buf, n, wd, part);
	xsnprintf(part, sizeof part, _("%zu cold"), tp->st.n_cold);
	tp_part(buf, n, wd, part);
	xsnprintf(part, sizeof part, _("random %d/%d split, seed %llu"),
		  100 - held, held, (unsigned long long)tp->run_split_seed);
	tp_part(buf, n, wd, part);
}

/* The metrics table: a header row and a value row. */
static int tp_draw_metrics(const struct train *tp, WINDOW *w, int y, int x,
			   int h, int wd)
{
	const struct eval_metrics *r = &tp->st.metrics;
	char head[160], vals[160], cover[16];

	if (!tp->st.has_metrics || h < 2)
		return 0;
	xsnprintf(head, sizeof head, "%-7s %-7s %-6s %-6s %-8s %-6s %s",
		  "RMSE", "MAE", "P@10", "R@10", "NDCG@10", _("cover"),
		  _("ms/epoch"));
	if (r->scored_pairs)
		xsnprintf(vals, sizeof vals, "%-7.4f %-7.4f ", r->rmse, r->mae);
	else
		xsnprintf(vals, sizeof vals, "%-7s %-7s ", "n/a", "n/a");
	size_t len = strlen(vals);
	if (r->ranked_users)
		xsnprintf(vals + len, sizeof vals - len,
			  "%-6.3f %-6.3f %-8.3f ", r->precision, r->recall,
			  r->ndcg);
	else
		xsnprintf(vals + len, sizeof vals - len, "%-6s %-6s %-8s ",
			  "n/a", "n/a", "n/a");
	len = strlen(vals);
	xsnprintf(cover, sizeof cover, "%.0f%%", r->coverage * 100);
	xsnprintf(vals + len, sizeof vals - len, "%-6s %.1f", cover,
		  r->epoch_seconds * 1e3);
	ui_text(w, y, x, head, wd, AL_LEFT, theme_attr(TH_COLHEAD));
	ui_text(w, y + 1, x, vals, wd, AL_LEFT, A_NORMAL);
	return 2;
}

/* Where the model went, for a run that ended well. */
static void tp_saved_line(const struct train *tp, char *buf, size_t n)
{
	enum model_kind k = (enum model_kind)tp->run_entry;
	bool search = k == MODEL_ITEM_KNN || k == MODEL_CONTENT ||
		      k == MODEL_HYBRID || k == MODEL_ALS;

	if (!tp->st.saved)
		xsnprintf(buf, n, "%s", tp->st.message);
	else if (search)
		xsnprintf(buf, n, "%s", _("Saved, used by Search."));
	else
		xsnprintf(buf, n, "%s", _("Saved (Search uses item-kNN, "
					  "content, hybrid and ALS)."));
}

/* Text wrapped into at most h rows of wd cells; returns rows used. */
static int tp_para(WINDOW *w, int y, int x, int h, int wd, const char *s,
		   attr_t a)
{
	int rows = 0;

	while (*s && rows < h) {
		size_t fit = text_fit(s, (size_t)wd), cut = fit;

		if (s[fit] && rows < h - 1) {
			while (cut > 0 && s[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = fit;
		}
		char *line = xstrndup(s, cut);
		ui_text(w, y + rows, x, line, wd, AL_LEFT, a);
		free(line);
		s += cut;
		while (*s == ' ')
			s++;
		rows++;
	}
	return rows;
}

/* The checks of the settings shown: errors, warnings, the iALS rule. */
static int tp_draw_checks(struct train *tp, WINDOW *w, int y, int x, int h,
			  int wd)
{
	struct trainer_check c;
	char buf[256];
	int used = 0;

	if (tp->sel == TP_REGRESS)
		return 0;
	trainer_check((enum model_kind)tp->sel, &tp->params[tp->sel],
		      tp->app->cat, &c);
	for (size_t q = 0; q < c.n_errors && used < h; q++) {
		xsnprintf(buf, sizeof buf, "%s %s", theme_ascii() ? "x" : "✗",
			  c.errors[q]);
		used += tp_para(w, y + used, x, h - used, wd, buf,
				theme_attr(TH_ERR));
	}
	for (size_t q = 0; q < c.n_warnings && used < h; q++) {
		xsnprintf(buf, sizeof buf, "! %s", c.warnings[q]);
		used += tp_para(w, y + used, x, h - used, wd, buf,
				theme_attr(TH_NOTE));
	}
	if (c.rule[0] && used < h) {
		xsnprintf(buf, sizeof buf, _("implicit: %s"), c.rule);
		used += tp_para(w, y + used, x, h - used, wd, buf,
				theme_attr(TH_DIM));
	}
	return used;
}

/* =====================================================================
 * Drawing: the regression's results
 * ===================================================================== */

/* Compare weights by the size of their closed-form standardised value. */
static int cmp_coef(const void *a, const void *b)
{
	const struct regress_coef *x = *(const struct regress_coef *const *)a;
	const struct regress_coef *y = *(const struct regress_coef *const *)b;
	double d = fabs(y->cf_std) - fabs(x->cf_std);

	return d > 0 ? 1 : d < 0 ? -1 : strcmp(x->name, y->name);
}

/* The RMSE line: train and held out, for GD and the closed form. */
static void tp_rmse_line(const struct regress_result *r, char *buf,
			 size_t n)
{
	char a[16], b[16], c[16], d[16];

	xsnprintf(buf, n, _("RMSE train/held-out: GD %s/%s · closed form "
			    "%s/%s · weights agree to %.1e · %zu train, %zu "
			    "held out · lr %g"),
		  plot_fmt_num(r->gd_rmse_train, a, sizeof a),
		  plot_fmt_num(r->gd_rmse_test, b, sizeof b),
		  plot_fmt_num(r->cf_rmse_train, c, sizeof c),
		  plot_fmt_num(r->cf_rmse_test, d, sizeof d), r->max_rel_diff,
		  r->n_train, r->n_test, r->lr);
}

/* The weights, GD beside closed form, the largest first. */
static int tp_draw_coefs(const struct regress_result *r, WINDOW *w, int y,
			 int x, int h, int wd)
{
	const struct regress_coef *v[TP_COEFS];
	size_t n = r->n_coefs < TP_COEFS ? r->n_coefs : TP_COEFS;
	int nw = wd - 26 > 8 ? wd - 26 : 8, used = 1;
	char line[256], a[16], b[16], name[128];

	if (h < 2)
		return 0;
	for (size_t q = 0; q < n; q++)
		v[q] = &r->coefs[q];
	qsort(v, n, sizeof *v, cmp_coef);
	xsnprintf(line, sizeof line, "%-*s %12s %12s", nw, _("weight"),
		  _("GD"), _("closed form"));
	ui_text(w, y, x, line, wd, AL_LEFT, theme_attr(TH_COLHEAD));
	xsnprintf(line, sizeof line, "%-*s %12s %12s", nw, _("(intercept)"),
		  plot_fmt_num(r->gd_intercept, a, sizeof a),
		  plot_fmt_num(r->cf_intercept, b, sizeof b));
	if (used < h)
		ui_text(w, y + used++, x, line, wd, AL_LEFT, A_NORMAL);
	for (size_t q = 0; q < n && used < h; q++) {
		if (used == h - 1 && q + 1 < n) {
			xsnprintf(line, sizeof line, _("%s %zu more (a taller "
				  "terminal lists them)"),
				  theme_glyphs()->ellipsis, n - q);
			ui_text(w, y + used++, x, line, wd, AL_LEFT,
				theme_attr(TH_DIM));
			break;
		}
		ui_fit(v[q]->name, nw, name, sizeof name);
		int pad = nw - (int)text_width(name);
		xsnprintf(line, sizeof line, "%s%*s %12s %12s", name,
			  pad > 0 ? pad : 0, "",
			  plot_fmt_num(v[q]->gd, a, sizeof a),
			  plot_fmt_num(v[q]->cf, b, sizeof b));
		ui_text(w, y + used++, x, line, wd, AL_LEFT, A_NORMAL);
	}
	return used;
}

/* Imputation and left-out columns, as one line. */
static void tp_regress_notes(const struct regress_result *r, char *buf,
			     size_t n)
{
	size_t len = 0;
	char m[16];

	buf[0] = '\0';
	for (size_t q = 0; q < r->n_imputed; q++) {
		const struct regress_imputed *im = &r->imputed[q];

		xsnprintf(buf + len, n - len, _("%s%s: %zu empty filled with "
			  "the training median %s"), len ? "; " : "",
			  im->name, im->train + im->held_out,
			  plot_fmt_num(im->median, m, sizeof m));
		len = strlen(buf);
	}
	for (size_t q = 0; q < r->n_notes; q++) {
		xsnprintf(buf + len, n - len, "%s%s", len ? "; " : "",
			  r->notes[q]);
		len = strlen(buf);
	}
}

/* The regression's results below the plot; returns rows used. */
static int tp_draw_regress(struct train *tp, WINDOW *w, int y, int x,
			   int h, int wd)
{
	const struct regress_result *r = tp->run && tp->run_entry ==
		TP_REGRESS ? trainer_regress_result(tp->run) : NULL;
	char buf[512];
	int used = 0, notes_h;

	if (!r)
		return 0;
	if (tp->st.message[0])
		used += tp_para(w, y, x, h > 3 ? 3 : h, wd, tp->st.message,
				theme_attr(TH_ERR));
	tp_rmse_line(r, buf, sizeof buf);
	used += tp_para(w, y + used, x, h - used > 3 ? 3 : h - used, wd, buf,
			A_NORMAL);
	if (tp->pred_line[0] && used < h)
		used += tp_para(w, y + used, x, 2, wd, tp->pred_line,
				theme_attr(TH_OK));
	tp_regress_notes(r, buf, sizeof buf);
	notes_h = buf[0] && h - used > 4 ? 1 : 0;
	used += tp_draw_coefs(r, w, y + used, x, h - used - notes_h, wd);
	if (notes_h)
		used += tp_para(w, y + used, x, 1, wd, buf,
				theme_attr(TH_DIM));
	return used;
}

/* =====================================================================
 * Drawing: the tuning grid
 * ===================================================================== */

/* Label "factors=32" of value i of axis a into buf. */
static const char *tp_axis_label(const struct tune_axis *a, size_t i,
				 char *buf, size_t n)
{
	char v[32];

	xsnprintf(buf, n, "%s=%s", tune_param_name(a->param),
		  tune_value_text(a->param, a->values[i], v, sizeof v));
	return buf;
}

/* The widest label of axis a, at least min cells. */
static int tp_axis_width(const struct tune_axis *a, int min)
{
	char buf[64];
	int w = min;

	for (size_t i = 0; i < a->n; i++) {
		int lw = (int)text_width(tp_axis_label(a, i, buf, sizeof buf));

		w = lw > w ? lw : w;
	}
	return w;
}

/* The grid's cell (i, j) once measured, else NULL. */
static const struct tune_cell *tp_grid_cell(const struct train *tp,
					    size_t i, size_t j)
{
	if (tp->gres.rows != tp->grid_axes.axis[0].n ||
	    tp->gres.cols != tp->grid_axes.axis[1].n)
		return NULL;
	return tune_cell_at(&tp->gres, i, j);
}

/* True for the best cell of a grid that has ended. */
static bool tp_grid_best(const struct train *tp, size_t i, size_t j)
{
	return tp->gres.has_best && trainer_state_final(tp->gst.state) &&
	       tp->gres.best_row == i && tp->gres.best_col == j;
}

/* What a cell not (yet) measured shows: "…" under way, "n/a" when it
 * failed (the reason is in the message), else a dash. */
static const char *tp_cell_missing(const struct train *tp, size_t i,
				   size_t j, const struct tune_cell *c)
{
	size_t idx = i * tp->grid_axes.axis[1].n + j;

	if (c && c->err[0])
		return "n/a";
	if (tp_grid_running(tp) && tp->gst.grid_cell == idx + 1)
		return theme_glyphs()->ellipsis;
	return theme_glyphs()->dash;
}

/* The table: a header of column values, then per row value the mean
 * ± spread of each cell, '*' after the best; returns rows used. */
static int tp_draw_grid_table(struct train *tp, WINDOW *w, int y, int x,
			      int h, int wd)
{
	const struct tune_axis *r = &tp->grid_axes.axis[0];
	const struct tune_axis *c = &tp->grid_axes.axis[1];
	bool a = theme_ascii();
	int lw = tp_axis_width(r, 6), cw = a ? 16 : 15, used = 0, dec = 4;
	char buf[64];

	if (h < 2)
		return 0;
	/* 0.9123±0.0040, or 0.912±0.004 when three columns do not fit */
	if (lw + 1 + (int)c->n * cw > wd)
		cw -= 2, dec = 3;
	ui_blank(w, y, x, wd, A_NORMAL);
	for (size_t j = 0; j < c->n; j++) {
		int cx = x + lw + 1 + (int)j * cw;

		/* the columns that fit, as the rows below; an ellipsis
		 * says there are more */
		if (cx + cw > x + wd) {
			ui_text(w, y, cx, theme_glyphs()->ellipsis,
				x + wd - cx, AL_LEFT, theme_attr(TH_DIM));
			break;
		}
		ui_text(w, y, cx, tp_axis_label(c, j, buf, sizeof buf),
			cw - 2, AL_RIGHT, theme_attr(TH_COLHEAD));
	}
	for (size_t i = 0; i < r->n && ++used < h; i++) {
		int yy = y + used;

		ui_blank(w, yy, x, wd, A_NORMAL);
		ui_text(w, yy, x, tp_axis_label(r, i, buf, sizeof buf), lw,
			AL_LEFT, theme_attr(TH_COLHEAD));
		for (size_t j = 0; j < c->n; j++) {
			const struct tune_cell *cell = tp_grid_cell(tp, i, j);
			bool best = tp_grid_best(tp, i, j);
			int cx = x + lw + 1 + (int)j * cw;

			if (cx + cw > x + wd)
				break;
			if (cell && cell->valid)
				xsnprintf(buf, sizeof buf, "%.*f%s%.*f",
					  dec, cell->mean, a ? "+-" : "±",
					  dec, cell->sd);
			else
				xsnprintf(buf, sizeof buf, "%s",
					  tp_cell_missing(tp, i, j, cell));
			ui_text(w, yy, cx, buf, cw - 2, AL_RIGHT, best ?
				A_REVERSE | A_BOLD : cell && cell->valid ?
				A_NORMAL : theme_attr(TH_DIM));
			ui_text(w, yy, cx + cw - 2, best ? "*" : " ", 1,
				AL_LEFT, A_BOLD);
		}
	}
	return used + 1;
}

/* The range of the valid cells' means; false when there is none. */
static bool tp_grid_range(const struct train *tp, double *lo, double *hi)
{
	bool any = false;

	for (size_t q = 0; q < tp->gres.rows * tp->gres.cols; q++) {
		const struct tune_cell *c = &tp->gres.cells[q];

		if (!c->valid)
			continue;
		*lo = any && *lo < c->mean ? *lo : c->mean;
		*hi = any && *hi > c->mean ? *hi : c->mean;
		any = true;
	}
	return any;
}

/* The shade 0 (worst) .. TP_SHADES - 1 (best) of a mean in [lo, hi]:
 * RMSE is better low, NDCG high. */
static int tp_shade(const struct train *tp, double v, double lo, double hi)
{
	double good = hi > lo ? (v - lo) / (hi - lo) : 1;
	int k;

	if (!tp->gres.ranking && hi > lo)
		good = 1 - good;
	k = (int)lround(good * (TP_SHADES - 1));
	return k < 0 ? 0 : k >= TP_SHADES ? TP_SHADES - 1 : k;
}

/* One heat-map cell in cw cells at x: two shade glyphs and the value
 * ("▓▓ 0.912"), its attribute by shade too, the best reversed with
 * '*'; the last cell is the gap to the next. */
static void tp_heat_cell(struct train *tp, WINDOW *w, int y, int x, int cw,
			 size_t i, size_t j, double lo, double hi)
{
	static const char *const utf8[TP_SHADES] = {
		"░", "▒", "▓", "█" };
	static const char *const ascii[TP_SHADES] = { ".", ":", "+", "#" };
	const struct tune_cell *c = tp_grid_cell(tp, i, j);
	bool best = tp_grid_best(tp, i, j);
	attr_t rev = best ? A_REVERSE : 0, va;
	int s = x + cw - 10, k;
	const char *g;
	char buf[64];

	if (!c || !c->valid) {
		ui_text(w, y, x, tp_cell_missing(tp, i, j, c), cw - 2,
			AL_RIGHT, theme_attr(TH_DIM));
		return;
	}
	k = tp_shade(tp, c->mean, lo, hi);
	g = theme_ascii() ? ascii[k] : utf8[k];
	va = k == 0 ? theme_attr(TH_DIM) : k == 1 ? A_NORMAL : A_BOLD;
	xsnprintf(buf, sizeof buf, "%s%s", g, g);
	ui_text(w, y, s, buf, 2, AL_LEFT, theme_attr(TH_BAR) | rev);
	xsnprintf(buf, sizeof buf, " %.3f", c->mean);
	ui_text(w, y, s + 2, buf, 6, AL_LEFT, va | rev);
	ui_text(w, y, s + 8, best ? "*" : " ", 1, AL_LEFT, A_BOLD);
}

/* The heat map under the table: a title, the column values, a row per
 * value of the first setting; returns rows used (0 when it does not
 * fit in h or no cell is measured yet). */
static int tp_draw_heat(struct train *tp, WINDOW *w, int y, int x, int h,
			int wd)
{
	const struct tune_axis *r = &tp->grid_axes.axis[0];
	const struct tune_axis *c = &tp->grid_axes.axis[1];
	int lw = tp_axis_width(r, 6), cw = tp_axis_width(c, 9) + 1, used = 2;
	double lo = 0, hi = 0;
	char buf[128];

	if (h < (int)r->n + 2 || !tp_grid_range(tp, &lo, &hi))
		return 0;
	ui_text(w, y, x, tp->gres.ranking ?
		_("heat map: darker is better (higher NDCG)") :
		_("heat map: darker is better (lower RMSE)"), wd, AL_LEFT,
		theme_attr(TH_DIM));
	ui_blank(w, y + 1, x, wd, A_NORMAL);
	for (size_t j = 0; j < c->n; j++)
		if (lw + 1 + ((int)j + 1) * cw <= wd)
			ui_text(w, y + 1, x + lw + 1 + (int)j * cw,
				tp_axis_label(c, j, buf, sizeof buf), cw - 2,
				AL_RIGHT, theme_attr(TH_COLHEAD));
	for (size_t i = 0; i < r->n; i++, used++) {
		ui_blank(w, y + used, x, wd, A_NORMAL);
		ui_text(w, y + used, x, tp_axis_label(r, i, buf, sizeof buf),
			lw, AL_LEFT, theme_attr(TH_COLHEAD));
		for (size_t j = 0; j < c->n; j++) {
			int cx = x + lw + 1 + (int)j * cw;

			if (cx + cw > x + wd)
				break;
			tp_heat_cell(tp, w, y + used, cx, cw, i, j, lo, hi);
		}
	}
	return used;
}

/* The progress line: "cell 4/9, fold 2/3 · 12.3 s", or the end. */
static void tp_grid_status_line(const struct train *tp, int wd, char *buf,
				size_t n)
{
	const struct trainer_status *st = &tp->gst;
	char part[128];

	buf[0] = '\0';
	if (st->state == TRAINER_PREPARING)
		xsnprintf(part, sizeof part, "%s", _("reading the ratings"));
	else if (tp_grid_running(tp))
		xsnprintf(part, sizeof part, _("cell %zu/%zu, fold %d/%d"),
			  st->grid_cell ? st->grid_cell : 1, st->grid_cells,
			  st->grid_fold ? st->grid_fold : 1, st->grid_folds);
	else
		xsnprintf(part, sizeof part, _("%zu of %zu fits"),
			  st->grid_done, st->grid_total);
	tp_part(buf, n, wd, part);
	xsnprintf(part, sizeof part, _("%.1f s"), st->seconds);
	tp_part(buf, n, wd, part);
	if (tp_grid_running(tp))
		tp_part(buf, n, wd, _("g or ^C cancels"));
}

/* The right side while a grid is shown: title, progress, what is
 * measured, the table, the heat map, the best cell or the message. */
static void tp_draw_grid(struct train *tp, WINDOW *w, int x, int h, int wd)
{
	const struct trainer_status *st = &tp->gst;
	char buf[512], word[64];
	int y = 0, ww;

	xsnprintf(buf, sizeof buf, _("%s: tuning grid"),
		  tp_entry_name(tp->grid_entry));
	tp_state_word(st, word, sizeof word);
	ww = (int)text_width(word);
	ui_text(w, y, x, buf, wd - ww - 1, AL_LEFT, theme_attr(TH_TITLE));
	ui_text(w, y++, x + wd - ww - 1, word, ww + 1, AL_RIGHT, A_BOLD |
		(st->state >= TRAINER_STOPPED ? theme_attr(TH_ERR) : 0));
	tp_grid_status_line(tp, wd, buf, sizeof buf);
	ui_text(w, y++, x, buf, wd, AL_LEFT, A_BOLD);
	if (tp->grid_entry == MODEL_IALS)
		xsnprintf(buf, sizeof buf, _("NDCG@10 (higher is better), "
			  "mean %s spread over %d folds"),
			  theme_ascii() ? "+-" : "±", st->grid_folds);
	else
		xsnprintf(buf, sizeof buf, _("validation RMSE (lower is "
			  "better), mean %s spread over %d folds"),
			  theme_ascii() ? "+-" : "±", st->grid_folds);
	y += tp_para(w, y, x, 2, wd, buf, theme_attr(TH_DIM));
	y += tp_draw_grid_table(tp, w, y, x, h - y, wd);
	if (y + (int)tp->grid_axes.axis[0].n + 4 <= h)
		y += 1 + tp_draw_heat(tp, w, y + 1, x, h - y - 1, wd);
	if (trainer_state_final(st->state) && st->message[0] && y + 1 < h)
		tp_para(w, y + 1, x, h - y - 1 > 3 ? 3 : h - y - 1, wd,
			st->message, theme_attr(st->state == TRAINER_DONE
				? TH_OK : st->state == TRAINER_STOPPED
				? TH_NOTE : TH_ERR));
	else if (tp->gres.has_best && y + 1 < h)
		tp_para(w, y + 1, x, 1, wd, _("a applies the best cell to "
			"the form"), theme_attr(TH_DIM));
}

/* =====================================================================
 * Drawing: the right side
 * ===================================================================== */

/* The title row: the entry, and the state of its run on the right. */
static void tp_draw_title(struct train *tp, WINDOW *w, int y, int x, int wd)
{
	bool shown = tp->run && tp->run_entry == tp->sel;
	char word[64] = "";
	int ww;

	if (shown)
		tp_state_word(&tp->st, word, sizeof word);
	ww = (int)text_width(word);
	ui_text(w, y, x, tp_entry_name(tp->sel), wd - ww - 1, AL_LEFT,
		theme_attr(TH_TITLE));
	if (ww)
		ui_text(w, y, x + wd - ww - 1, word, ww + 1, AL_RIGHT,
			A_BOLD | (tp->st.state >= TRAINER_STOPPED ?
				  theme_attr(TH_ERR) : 0));
}

/* The data line under the plot: the split of a model run (a
 * regression says its rows with its RMSE). */
static void tp_data_line(struct train *tp, int wd, char *buf, size_t n)
{
	buf[0] = '\0';
	if (tp->sel != TP_REGRESS && tp->st.n_train)
		tp_split_line(tp, wd, buf, n);
}

/* What the plot area says before the first run of the entry shown. */
static void tp_draw_intro(struct train *tp, WINDOW *w, int y, int x, int h,
			  int wd)
{
	char buf[256];
	enum model_kind k = (enum model_kind)tp->sel;

	if (tp->sel == TP_REGRESS)
		xsnprintf(buf, sizeof buf, "%s", _("t fits the regression by "
			  "gradient descent: its cost is plotted per epoch, "
			  "the closed-form solution shown beside it."));
	else if (k == MODEL_ALS || k == MODEL_IALS || k == MODEL_BASELINE)
		xsnprintf(buf, sizeof buf, "%s", _("t starts a run: the "
			  "training loss and validation RMSE are plotted per "
			  "epoch, then the metrics are measured and the model "
			  "saved for Search."));
	else
		xsnprintf(buf, sizeof buf, "%s", _("t starts a run. This model "
			  "is fitted in one pass: no epochs to plot, the "
			  "metrics come when it ends."));
	tp_para(w, y, x, h, wd, buf, theme_attr(TH_DIM));
}

/* Rows below the plot: metrics or regression results, the message and
 * the monitor; drawn from row y, at most h rows. */
static int tp_draw_below(struct train *tp, WINDOW *w, int y, int x, int h,
			 int wd)
{
	bool shown = tp->run && tp->run_entry == tp->sel;
	char buf[512];
	int used = 0;

	if (shown && tp->sel == TP_REGRESS)
		used += tp_draw_regress(tp, w, y, x, h - 1, wd);
	else if (shown)
		used += tp_draw_metrics(tp, w, y, x, h - used, wd);
	if (shown && trainer_state_final(tp->st.state) && used < h &&
	    tp->sel != TP_REGRESS) {
		tp_saved_line(tp, buf, sizeof buf);
		used += tp_para(w, y + used, x, h - used > 2 ? 2 : h - used, wd,
				buf, theme_attr(tp->st.saved ? TH_OK : TH_ERR));
	} else if (shown && tp->st.message[0] && used < h &&
		   tp->sel != TP_REGRESS) {
		used += tp_para(w, y + used, x, h - used > 3 ? 3 : h - used, wd,
				tp->st.message, theme_attr(TH_ERR));
	}
	if (!tp_running(tp) && used < h)
		used += tp_draw_checks(tp, w, y + used, x, h - used, wd);
	return used;
}

/* How many rows the text below the plot wants. */
static int tp_below_rows(struct train *tp)
{
	bool shown = tp->run && tp->run_entry == tp->sel;

	if (tp->sel == TP_REGRESS)
		return shown && trainer_regress_result(tp->run) ? 99 : 2;
	return 3 + (shown && tp->st.has_metrics ? 2 : 0) +
	       (shown && trainer_state_final(tp->st.state) ? 1 : 0);
}

/* The right side: title, status, plot, legend, the rest, monitor. */
static void tp_draw_right(struct train *tp, WINDOW *w, int x, int h, int wd)
{
	bool shown = tp->run && tp->run_entry == tp->sel;
	int y = 0, below, plot_h, mon = tp->sel != TP_REGRESS && h >= 8;
	char buf[512];

	if (tp->grid && tp->grid_view && tp->grid_entry == tp->sel) {
		tp_draw_grid(tp, w, x, h - mon, wd);
		if (mon) {
			tp_monitor_line(tp, tp->sel, wd, buf, sizeof buf);
			ui_text(w, h - 1, x, buf, wd, AL_LEFT,
				theme_attr(TH_DIM));
		}
		return;
	}
	tp_draw_title(tp, w, y++, x, wd);
	if (shown) {
		tp_status_line(tp, wd, buf, sizeof buf);
		ui_text(w, y, x, buf, wd, AL_LEFT, A_BOLD);
	}
	y++;
	below = tp_below_rows(tp);
	plot_h = h - y - 1 - mon - below;
	if (tp->sel == TP_REGRESS)
		plot_h = below > 2 ? (h - y) / 4 + 1 : h - y - 3;
	if (plot_h < TP_PLOT_MIN)
		plot_h = h - y - mon >= TP_PLOT_MIN + 1 ? TP_PLOT_MIN : 0;
	if (plot_h > 0 && shown && tp->cur.n) {
		tp_draw_plot(tp, w, y, x, plot_h, wd);
		y += plot_h;
		if ((tp->sel != TP_REGRESS || tp_has_past(tp) ||
		     memchr(tp->cur.flag, 1, tp->cur.n)) && y < h - mon)
			tp_draw_legend(tp, w, y++, x, wd);
		tp_data_line(tp, wd, buf, sizeof buf);
		if (buf[0] && y < h - mon)
			ui_text(w, y++, x, buf, wd, AL_LEFT,
				theme_attr(TH_DIM));
	} else if (plot_h > 0) {
		tp_draw_intro(tp, w, y, x, plot_h > 4 ? 4 : plot_h, wd);
		y += plot_h + (tp->sel != TP_REGRESS);
	}
	if (y < h - mon)
		tp_draw_below(tp, w, y, x, h - mon - y, wd);
	if (mon && tp->sel != TP_REGRESS) {
		tp_monitor_line(tp, tp->sel, wd, buf, sizeof buf);
		ui_text(w, h - 1, x, buf, wd, AL_LEFT, theme_attr(TH_DIM));
	}
}

/* Draw the pane: the left column, a rule, the right side. */
static void train_draw(struct pane *p, WINDOW *w, int h, int wd)
{
	struct train *tp = p->st;
	int lw = wd >= 100 ? TP_LEFT_W + 4 : wd >= 80 ? TP_LEFT_W
						      : TP_LEFT_MIN;

	tp_poll(tp);
	tp_grid_poll(tp);
	tp_draw_left(tp, w, h, lw);
	wattrset(w, theme_attr(TH_DIM));
	for (int y = 0; y < h; y++)
		mvwaddstr(w, y, lw, theme_glyphs()->vline);
	wattrset(w, A_NORMAL);
	tp_draw_right(tp, w, lw + 2, h, wd - lw - 3);
}

/* =====================================================================
 * Keys
 * ===================================================================== */

/* Move the cursor to c; on an entry it selects that model. */
static void tp_move(struct train *tp, int c)
{
	int n = TP_ENTRIES + tp_n_fields(tp);

	c = c < 0 ? 0 : c >= n ? n - 1 : c;
	tp->cursor = c;
	if (c < TP_ENTRIES && tp->sel != c) {
		tp->sel = c;
		tp_monitor_refresh(tp, tp->sel, false);
		if (tp->sel == TP_REGRESS)
			tp_table(tp);
	}
	app_dirty(tp->app, DIRTY_BODY);
}

/* A regression setting one step up or down. */
static void tp_rstep(struct train *tp, enum rfield f, int dir)
{
	struct model_params p;

	if (f == RF_EPOCHS) {
		long e = (long)tp->r_epochs + dir * 100L;

		tp->r_epochs = (unsigned)(e < 1 ? 1 : e > 100000 ? 100000 : e);
	} else if (f == RF_LR) {
		memset(&p, 0, sizeof p);
		p.reg = tp->r_lr;
		trainer_field_step(&p, TF_REG, dir);
		if (p.reg > 0)
			tp->r_lr = p.reg;
	}
}

/* A split or grid row one step up or down (the axes are typed). */
static void tp_xstep(struct train *tp, enum xfield f, int dir)
{
	double h;

	switch (f) {
	case XF_HELD_OUT:
		h = round(tp->held_out * 100 / 5) * 5 + dir * 5;
		tp->held_out = (h < 5 ? 5 : h > 50 ? 50 : h) / 100;
		break;
	case XF_SPLIT_SEED:
		if (dir > 0 || tp->split_seed > 0)
			tp->split_seed += (uint64_t)(int64_t)dir;
		break;
	case XF_FOLDS:
		tp->folds += dir;
		tp->folds = tp->folds < 2 ? 2 : tp->folds > 10 ? 10
							       : tp->folds;
		break;
	default:
		app_toast(tp->app, TOAST_NOTE, "%s", _("Enter types the "
			  "values, as in factors=16,32,64"));
		break;
	}
}

/* ←/→ or -/+: the setting under the cursor by one step. */
static void tp_step(struct train *tp, int dir)
{
	int i = tp->cursor - TP_ENTRIES;

	if (i < 0)
		return;
	if (tp_xfield(tp, i) >= 0)
		tp_xstep(tp, (enum xfield)tp_xfield(tp, i), dir);
	else if (tp->sel == TP_REGRESS)
		tp_rstep(tp, (enum rfield)i, dir);
	else
		trainer_field_step(&tp->params[tp->sel], tp_field(tp, i), dir);
	app_dirty(tp->app, DIRTY_BODY);
}

/* predict: the target for the values typed. */
static void tp_predict(struct train *tp)
{
	const struct regress_result *r = tp->run && tp->run_entry ==
		TP_REGRESS ? trainer_regress_result(tp->run) : NULL;
	struct regress_prediction pr;
	char err[256], a[16], b[16];

	if (!r) {
		app_toast(tp->app, TOAST_NOTE, "%s", _("fit the regression "
			  "first (t), then predict"));
		return;
	}
	if (regress_predict(r, tp->predict, &pr, err, sizeof err) != 0) {
		app_toast(tp->app, TOAST_ERR, "%s", err);
		return;
	}
	xsnprintf(tp->pred_line, sizeof tp->pred_line,
		  _("%s → %s: %s (GD), %s (closed form)%s%s"), tp->predict,
		  r->target, plot_fmt_num(pr.gd, a, sizeof a),
		  plot_fmt_num(pr.cf, b, sizeof b), pr.defaulted[0] ? "; " : "",
		  pr.defaulted);
	regress_prediction_free(&pr);
	app_dirty(tp->app, DIRTY_BODY);
}

/* A regression field typed in. */
static void tp_redit_done(struct train *tp, enum rfield f, const char *s)
{
	char *end;
	double v;

	switch (f) {
	case RF_CSV: xsnprintf(tp->csv, sizeof tp->csv, "%s", s);
		if (!tp_table(tp))
			app_toast(tp->app, TOAST_ERR, "%s", tp->table_err);
		break;
	case RF_TARGET: xsnprintf(tp->target, sizeof tp->target, "%s", s);
		break;
	case RF_FEATURES:
		xsnprintf(tp->features, sizeof tp->features, "%s", s);
		break;
	case RF_PREDICT:
		xsnprintf(tp->predict, sizeof tp->predict, "%s", s);
		tp_predict(tp);
		break;
	default:
		if (f == RF_LR && (!strcmp(s, "auto") || !strcmp(s, _("auto"))))
			s = "0";
		v = strtod(s, &end);
		if (end == s || *end || !isfinite(v) || v < 0 ||
		    (v == 0 && f == RF_EPOCHS) ||
		    (f == RF_EPOCHS && (v != floor(v) || v > 100000))) {
			app_toast(tp->app, TOAST_ERR, f == RF_LR ?
				  _("%s: \"%s\" is not a number ≥ 0 "
				    "(0: auto)") :
				  _("%s: \"%s\" is not a positive number"),
				  tp_rfield_label(f), s);
			return;
		}
		if (f == RF_EPOCHS)
			tp->r_epochs = (unsigned)v;
		else
			tp->r_lr = v;
	}
}

/* A number typed for a split or folds row: 0, or -1 after a message. */
static int tp_xnumber(struct train *tp, const char *s, double lo, double hi,
		      const char *what, double *v)
{
	char *end;

	while (*s == ' ')
		s++;
	*v = strtod(s, &end);
	while (*end == ' ' || *end == '%')
		end++;
	if (end == s || *end || !isfinite(*v) || *v < lo || *v > hi) {
		app_toast(tp->app, TOAST_ERR, _("%s: \"%s\" is not a number "
			  "from %g to %g"), what, s, lo, hi);
		return -1;
	}
	return 0;
}

/* A split or grid row typed in. */
static void tp_xedit_done(struct train *tp, enum xfield f, const char *s)
{
	struct tune_grid *g = &tp->grids[tp->sel];
	struct tune_axis ax;
	char err[256];
	double v;

	switch (f) {
	case XF_HELD_OUT:
		/* "20" or "20%" is a percentage, "0.2" a share */
		if (tp_xnumber(tp, s, 0.01, 90, _("held out"), &v) == 0)
			tp->held_out = v < 1 ? v : v / 100;
		break;
	case XF_SPLIT_SEED:
		if (tp_xnumber(tp, s, 0, 4294967295.0, _("split seed"),
			       &v) == 0)
			tp->split_seed = (uint64_t)llround(v);
		break;
	case XF_FOLDS:
		if (tp_xnumber(tp, s, 2, 10, _("folds"), &v) == 0)
			tp->folds = (int)lround(v);
		break;
	default: {
		int a = f == XF_GRID_COLS;

		if (trainer_grid_axis_parse(s, &g->axis[!a], &ax, err,
					    sizeof err) != 0)
			app_toast(tp->app, TOAST_ERR, "%s", err);
		else
			g->axis[a] = ax;
		break;
	}
	}
}

/* The prompt for a setting ended (text NULL: cancelled). */
static void tp_edit_done(struct app *a, void *ctx, const char *text)
{
	struct train *tp = ctx;
	char err[256];
	double v;

	if (!text)
		return;
	if (tp_xfield(tp, tp->edit) >= 0) {
		tp_xedit_done(tp, (enum xfield)tp_xfield(tp, tp->edit), text);
	} else if (tp->sel == TP_REGRESS) {
		tp_redit_done(tp, (enum rfield)tp->edit, text);
	} else if (trainer_field_parse(tp_field(tp, tp->edit), text, &v, err,
				       sizeof err) != 0) {
		app_toast(a, TOAST_ERR, "%s", err);
	} else {
		trainer_field_set(&tp->params[tp->sel], tp_field(tp, tp->edit),
				  v);
	}
	app_dirty(a, DIRTY_BODY);
}

/* Enter: type the setting under the cursor (on an entry: go to its
 * settings). */
static void tp_edit(struct train *tp)
{
	int i = tp->cursor - TP_ENTRIES, x;
	char label[160], name[96], val[512];

	if (i < 0) {
		if (tp_n_fields(tp))
			tp_move(tp, TP_ENTRIES);
		return;
	}
	tp->edit = i;
	tp_field_text(tp, i, name, sizeof name, val, sizeof val);
	x = tp_xfield(tp, i);
	if (x == XF_GRID_ROWS || x == XF_GRID_COLS) {
		xsnprintf(name, sizeof name, "%s", x == XF_GRID_ROWS ?
			  _("grid rows") : _("grid columns"));
		trainer_grid_axis_text(&tp->grids[tp->sel].axis[
			x == XF_GRID_COLS], val, sizeof val);
	} else if (x == XF_HELD_OUT) {
		xsnprintf(val, sizeof val, "%g", tp->held_out * 100);
		xsnprintf(name, sizeof name, "%s", _("held out (%)"));
	}
	if (tp->sel == TP_REGRESS && i == RF_CSV)
		xsnprintf(val, sizeof val, "%s", tp->csv);
	if (tp->sel == TP_REGRESS && (i == RF_FEATURES || i == RF_PREDICT))
		xsnprintf(val, sizeof val, "%s", i == RF_FEATURES ?
			  tp->features : tp->predict);
	xsnprintf(label, sizeof label, "%s: ", name);
	app_prompt(tp->app, label, val, tp_edit_done, tp);
}

/* Space: pause or resume. */
static void tp_pause(struct train *tp)
{
	if (!tp_running(tp)) {
		app_toast(tp->app, TOAST_NOTE, "%s", _("no run to pause: t "
			  "starts one"));
		return;
	}
	trainer_pause(tp->run, !tp->st.pause_asked);
	tp_poll(tp);
	app_toast(tp->app, TOAST_INFO, "%s", tp->st.pause_asked ?
		  _("pausing at the end of the epoch (Space resumes)") :
		  _("resumed"));
	app_dirty(tp->app, DIRTY_BODY);
}

/* ^C: stop the run; false when there is none. */
static bool tp_stop(struct train *tp)
{
	if (!tp_running(tp))
		return false;
	trainer_stop(tp->run);
	app_toast(tp->app, TOAST_NOTE, "%s", _("stopping the run"));
	app_dirty(tp->app, DIRTY_BODY);
	return true;
}

/* R: retrain the model in use with the settings saved in it. */
static void tp_retrain(struct train *tp)
{
	if (tp->sel == TP_REGRESS)
		return;
	tp_monitor_refresh(tp, tp->sel, false);
	if (tp->mon[tp->sel].loaded)
		tp->params[tp->sel] = tp->mon[tp->sel].params;
	tp_start(tp);
}

/* g: run the grid of the model shown, or cancel the one running. */
static void tp_grid_toggle(struct train *tp)
{
	struct trainer_grid_config c = { .kind = (enum model_kind)tp->sel };
	struct trainer *t;
	char err[512];

	if (tp_grid_running(tp)) {
		trainer_stop(tp->grid);
		app_toast(tp->app, TOAST_NOTE, "%s", _("stopping the grid"));
		app_dirty(tp->app, DIRTY_BODY);
		return;
	}
	if (!tp_grid_entry(tp)) {
		app_toast(tp->app, TOAST_NOTE, _("%s has no grid to tune"),
			  tp_entry_name(tp->sel));
		return;
	}
	if (tp_running(tp)) {
		app_toast(tp->app, TOAST_NOTE, "%s", _("a run is going: ^C "
			  "stops it first"));
		return;
	}
	c.base = tp->params[tp->sel];
	c.grid = tp->grids[tp->sel];
	c.folds = tp->folds;
	t = trainer_grid_start(tp->app->cat, &c, err, sizeof err);
	if (!t) {
		app_toast(tp->app, TOAST_ERR, "%s", err);
		return;
	}
	trainer_free(tp->grid);
	tune_result_free(&tp->gres);
	tp->grid = t;
	tp->grid_entry = tp->sel;
	tp->grid_axes = c.grid;
	tp->grid_view = true;
	tp->grid_told_end = false;
	trainer_status(t, &tp->gst);
	log_msg("train: grid of %s started", tp_entry_name(tp->sel));
	app_toast(tp->app, TOAST_INFO, _("grid of %zu cells, %d folds each: "
		  "g or ^C cancels"), tp->gst.grid_cells, tp->gst.grid_folds);
	app_dirty(tp->app, DIRTY_BODY | DIRTY_KEYS);
}

/* a: the grid's best cell into the form of its model. */
static void tp_grid_apply(struct train *tp)
{
	const struct tune_axis *r = &tp->grid_axes.axis[0];
	const struct tune_axis *c = &tp->grid_axes.axis[1];
	char x[64], y[64];

	if (!tp->grid || tp->grid_entry != tp->sel || !tp->gres.has_best ||
	    !trainer_state_final(tp->gst.state)) {
		app_toast(tp->app, TOAST_NOTE, "%s", tp_grid_running(tp) ?
			  _("the grid is still running") :
			  _("no grid result to apply: g runs one"));
		return;
	}
	tune_param_apply(&tp->params[tp->sel], r->param,
			 r->values[tp->gres.best_row]);
	tune_param_apply(&tp->params[tp->sel], c->param,
			 c->values[tp->gres.best_col]);
	app_toast(tp->app, TOAST_OK, _("applied %s, %s%s: t trains with "
		  "them"), tp_axis_label(r, tp->gres.best_row, x, sizeof x),
		  tp_axis_label(c, tp->gres.best_col, y, sizeof y),
		  tp->gst.state == TRAINER_STOPPED ?
		  _(" (the best of the cells measured)") : "");
	app_dirty(tp->app, DIRTY_BODY);
}

/* Keys of the pane (KC_TRAIN, then moving in the list). */
static bool train_key(struct pane *p, int key)
{
	struct train *tp = p->st;
	int page = 5;

	switch (keymap_lookup(KC_BIT(KC_TRAIN) | KC_BIT(KC_LIST), key)) {
	case ACT_UP: tp_move(tp, tp->cursor - 1); return true;
	case ACT_DOWN: tp_move(tp, tp->cursor + 1); return true;
	case ACT_PAGE_UP: tp_move(tp, tp->cursor - page); return true;
	case ACT_PAGE_DOWN: tp_move(tp, tp->cursor + page); return true;
	case ACT_TOP: tp_move(tp, 0); return true;
	case ACT_BOTTOM: tp_move(tp, 1 << 20); return true;
	case ACT_TRAIN_DEC: tp_step(tp, -1); return true;
	case ACT_TRAIN_INC: tp_step(tp, 1); return true;
	case ACT_TRAIN_EDIT: tp_edit(tp); return true;
	case ACT_TRAIN_START: tp_start(tp); return true;
	case ACT_TRAIN_PAUSE: tp_pause(tp); return true;
	case ACT_TRAIN_STOP: tp_stop(tp); return true;
	case ACT_TRAIN_RETRAIN: tp_retrain(tp); return true;
	case ACT_TRAIN_GRID: tp_grid_toggle(tp); return true;
	case ACT_TRAIN_APPLY: tp_grid_apply(tp); return true;
	case ACT_TRAIN_LOG:
		tp->log_y = !tp->log_y;
		app_toast(tp->app, TOAST_INFO, "%s", tp->log_y ?
			  _("log scale") : _("linear scale"));
		app_dirty(tp->app, DIRTY_BODY);
		return true;
	default:
		return false;
	}
}

/* Contexts of the keymap in the Train pane. */
static unsigned train_keyctx(struct pane *p)
{
	(void)p;
	return KC_BIT(KC_TRAIN) | KC_BIT(KC_LIST) | KC_BIT(KC_PANE) |
	       KC_BIT(KC_GLOBAL);
}

/* =====================================================================
 * The pane
 * ===================================================================== */

/* Background work: the run's news, and the monitor once your ratings
 * changed while the pane is shown. */
static bool train_idle(struct pane *p)
{
	struct train *tp = p->st;
	bool shown = tp->app->panes[tp->app->cur] == p;

	bool missing = tp->sel != TP_REGRESS && tp->mon_ok[tp->sel] &&
		       !tp->mon[tp->sel].exists;
	bool changed = false;

	/* a missing file is looked for again (the Search worker may save
	 * one); a file that exists is read again only when it may differ */
	if (shown && missing && util_now() - tp->mon_at >= TP_MON_POLL_S) {
		tp_monitor_refresh(tp, tp->sel, true);
		changed = tp->mon[tp->sel].exists;
	} else if (shown) {
		tp_monitor_refresh(tp, tp->sel, false);
	}
	changed |= tp_grid_poll(tp);
	return tp_poll(tp) || changed;
}

/* Shown again: the monitor may be stale. */
static void train_show(struct pane *p)
{
	struct train *tp = p->st;

	tp_monitor_refresh(tp, tp->sel, false);
}

/* Busy while a run or a grid goes: quitting asks first. */
static bool train_busy(struct pane *p)
{
	struct train *tp = p->st;

	tp_poll(tp);
	tp_grid_poll(tp);
	return tp_running(tp) || tp_grid_running(tp);
}

/* ^C while shown: stop the grid or the run when one goes. */
static bool train_interrupt(struct pane *p)
{
	struct train *tp = p->st;

	tp_poll(tp);
	tp_grid_poll(tp);
	if (tp_grid_running(tp)) {
		tp_grid_toggle(tp);
		return true;
	}
	return tp_stop(tp);
}

/* Free the pane (a run is stopped and waited for). */
static void train_free(struct pane *p)
{
	struct train *tp = p->st;
	double t0 = util_now();

	trainer_free(tp->run);
	if (tp->run)
		log_msg("train: run freed in %.1f ms", (util_now() - t0) * 1e3);
	trainer_free(tp->grid);
	tune_result_free(&tp->gres);
	series_free(&tp->cur);
	for (size_t q = 0; q < tp->n_past; q++)
		series_free(&tp->past[q]);
	regress_table_free(tp->table);
	free(tp);
	free(p);
}

/* The regression form's defaults: the bundled housing data. */
static void tp_regress_defaults(struct train *tp)
{
	const char *dir = paths_bundled_dir();

	xsnprintf(tp->csv, sizeof tp->csv, "%s/housing/housing.csv",
		  dir ? dir : "data");
	xsnprintf(tp->target, sizeof tp->target, "median_house_value");
	tp->r_epochs = REGRESS_EPOCHS;
	tp->r_lr = REGRESS_LR;
}

/* The Train pane, on ALS with its defaults. */
struct pane *pane_train_new(struct app *a)
{
	struct pane *p = xcalloc(1, sizeof(*p));
	struct train *tp = xcalloc(1, sizeof(*tp));

	tp->app = a;
	for (int k = 0; k < MODEL_KIND_COUNT; k++) {
		model_params_default((enum model_kind)k, &tp->params[k]);
		tp->has_grid[k] = trainer_grid_default((enum model_kind)k,
						       &tp->grids[k]);
	}
	tp->held_out = 0.2;
	tp->split_seed = 42;
	tp->folds = TUNE_FOLDS;
	tp_regress_defaults(tp);
	tp->sel = tp->cursor = MODEL_ALS;
	p->name = N_("Train");
	p->fkey = FNKEY(KEY_F(3));
	p->app = a;
	p->st = tp;
	p->keyctx = train_keyctx;
	p->draw = train_draw;
	p->key = train_key;
	p->show = train_show;
	p->idle = train_idle;
	p->busy = train_busy;
	p->interrupt = train_interrupt;
	p->free = train_free;
	return p;
}
