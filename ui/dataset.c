/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dataset: statistics and frequency overlays. Rows use four cells: a
 * label (the flexible one), a bar, a number and a second number, so
 * every section lines up in one table; a label runs over the bar cell
 * when it is empty (a long title in the top lists), and the bars are
 * drawn to the width the column gets, scaled to the largest count.
 * Figures of a catalogue that only has Goodreads rating histograms say
 * so. The import report lists every rejected row with its line, column
 * and reason. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "draw.h"
#include "i18n.h"
#include "plotdraw.h"
#include "stats.h"
#include "synth.h"
#include "text.h"
#include "theme.h"
#include "util.h"

/* Rejected rows listed per report before "... and N more". */
#define MAX_REJECTS_SHOWN 500
#define STATS_BAR_W 50      /* the bars' natural widths */
#define FREQ_BAR_W 40
#define TAIL_CHART_W 72     /* the long-tail charts */
#define TAIL_CHART_H 6

/* Append a label / number row. */
static void add_num(struct ui_lines *l, const char *label, uint64_t v)
{
	char buf[32];

	xsnprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
	lines_add(l, 0, label, NULL, buf, NULL);
}

/* Append a label / preformatted value row. */
static void add_value(struct ui_lines *l, const char *label, const char *v)
{
	lines_add(l, 0, label, NULL, v, NULL);
}

/* The ratings the histogram counts: the rating matrix's, or the sum
 * of the Goodreads histograms. */
static uint64_t hist_total(const struct stats *s)
{
	uint64_t n = s->off_step;

	if (!s->from_histograms)
		return s->ratings;
	for (size_t i = 0; i < s->n_bins; i++)
		n += s->bin_count[i];
	return n;
}

/* Append "label: text" in the first cell (the numbers column stays
 * narrow). */
static void add_text(struct ui_lines *l, const char *label, const char *t)
{
	char buf[1024];

	xsnprintf(buf, sizeof(buf), _("%s: %s"), label, t);
	lines_add(l, 0, buf, NULL, NULL, NULL);
}

/* The counts section; with only Goodreads histograms there are no
 * users and no ratings to count, only the ratings the histograms sum. */
static void stats_counts(const struct app *a, const struct stats *s,
			 struct ui_lines *l, int width)
{
	const char *note = catalog_missing_note(a->cat);
	bool hist = s->from_histograms;
	char buf[64];

	lines_add(l, LINE_HEAD, _("Counts"), NULL, NULL, NULL);
	if (!hist)
		add_num(l, _("Users"), s->users);
	add_num(l, _("Items"), s->items);
	if (hist) {
		add_num(l, _("Ratings in the Goodreads histograms"),
			hist_total(s));
	} else {
		add_num(l, _("Ratings"), s->ratings);
		xsnprintf(buf, sizeof(buf), "%.3f%%", 100.0 * s->density);
		add_value(l, _("Density"), buf);
	}
	if (hist_total(s) && isfinite(s->mean_rating)) {
		xsnprintf(buf, sizeof(buf), "%.2f", s->mean_rating);
		add_value(l, hist ? _("Mean rating (Goodreads histograms)")
				  : _("Mean rating"), buf);
	}
	if (s->off_step)
		add_num(l, _("Ratings between scale steps"), s->off_step);
	scale_describe(&a->cat->scale, buf, sizeof(buf));
	add_text(l, _("Scale"), buf);
	if (note)
		lines_para(l, LINE_HEAD, note, (size_t)width);
}

/* The rating histogram, one bar per scale step. */
static void stats_histogram(const struct app *a, const struct stats *s,
			    struct ui_lines *l)
{
	uint64_t max = 0, total = hist_total(s);
	char val[32], cnt[32], pct[16];

	if (total == 0)
		return;
	lines_add(l, LINE_HEAD, s->from_histograms
		  ? _("Rating histogram (from the Goodreads histograms)")
		  : _("Rating histogram"), NULL, NULL, NULL);
	for (size_t i = 0; i < s->n_bins; i++)
		if (s->bin_count[i] > max)
			max = s->bin_count[i];
	for (size_t i = 0; i < s->n_bins; i++) {
		scale_format(&a->cat->scale, s->bin_value[i], true, val,
			     sizeof(val));
		xsnprintf(cnt, sizeof(cnt), "%llu",
			  (unsigned long long)s->bin_count[i]);
		xsnprintf(pct, sizeof(pct), "%.1f%%",
			  100.0 * (double)s->bin_count[i] / (double)total);
		lines_bar(l, val, max ? (double)s->bin_count[i] / (double)max
				      : 0.0, cnt, pct);
	}
}

/* A long-tail section: percentiles of ratings per user or per item. */
static void stats_tail(struct ui_lines *l, const char *title,
		       const char *none, const struct tail *t)
{
	char buf[32];

	lines_add(l, LINE_HEAD, title, NULL, NULL, NULL);
	add_num(l, _("fewest"), t->min);
	add_num(l, _("25th percentile"), t->p25);
	add_num(l, _("median"), t->median);
	add_num(l, _("75th percentile"), t->p75);
	add_num(l, _("90th percentile"), t->p90);
	add_num(l, _("most"), t->max);
	xsnprintf(buf, sizeof(buf), "%.1f", t->mean);
	add_value(l, _("mean"), buf);
	add_num(l, none, t->zero);
}

/* A long tail drawn by the plot code (stats_tail_chart), one line per
 * row of the chart, at most TAIL_CHART_W wide. */
static void stats_tail_plot(const struct stats *s, bool users,
			    struct ui_lines *l, int width)
{
	int cols = width - 2 < TAIL_CHART_W ? width - 2 : TAIL_CHART_W;
	char row[TAIL_CHART_W * PLOT_GLYPH_MAX + 1];
	struct plot_grid g;

	plot_grid_init(&g, TAIL_CHART_H, cols);
	if (stats_tail_chart(s, users, plotdraw_glyphs(true), &g) == 0) {
		for (int r = 0; r < g.rows; r++)
			lines_add(l, 0, plot_grid_row(&g, r, row, sizeof(row)),
				  NULL, NULL, NULL);
		lines_add(l, 0, users ? _("(users, most active first)")
				      : _("(items, most rated first)"), NULL,
			  NULL, NULL);
	}
	plot_grid_free(&g);
}

/* The most rated items; Goodreads counts when that is all there is. */
static void stats_most(const struct app *a, const struct stats *s,
		       struct ui_lines *l)
{
	char label[300], row[320], v[32];

	if (s->n_most_rated)
		lines_add(l, LINE_HEAD, s->from_histograms
			  ? _("Most rated (Goodreads counts)")
			  : _("Most rated"), NULL, NULL, NULL);
	for (size_t i = 0; i < s->n_most_rated; i++) {
		const struct item *it = &a->cat->items[s->most_rated[i]];

		app_label(a, s->most_rated[i], label, sizeof(label));
		xsnprintf(row, sizeof(row), "%2zu. %s", i + 1, label);
		xsnprintf(v, sizeof(v), "%u", it->n_ratings);
		add_value(l, row, v);
	}
}

/* The best rated items, with their mean and number of ratings. */
static void stats_best(const struct app *a, const struct stats *s,
		       struct ui_lines *l)
{
	char head[128], label[300], row[320], v[32], n[32];

	if (!s->n_best_rated)
		return;
	xsnprintf(head, sizeof(head), s->from_histograms
		  ? _("Best rated (at least %u Goodreads ratings)")
		  : _("Best rated (at least %u ratings)"), s->min_best);
	lines_add(l, LINE_HEAD, head, NULL, NULL, NULL);
	for (size_t i = 0; i < s->n_best_rated; i++) {
		const struct item *it = &a->cat->items[s->best_rated[i]];

		app_label(a, s->best_rated[i], label, sizeof(label));
		xsnprintf(row, sizeof(row), "%2zu. %s", i + 1, label);
		xsnprintf(v, sizeof(v), "%.2f", it->mean);
		xsnprintf(n, sizeof(n), "%u", it->n_ratings);
		lines_add(l, 0, row, NULL, v, n);
	}
}

/* The last path component of p. */
static const char *base_name(const char *p)
{
	const char *s = p ? strrchr(p, '/') : NULL;

	return s ? s + 1 : (p ? p : "");
}

/* Rejected rows of one report, each with line, column and reason. */
static void report_rejects(const struct report *r, struct ui_lines *l)
{
	char row[512];
	size_t n = r->n_rejects < MAX_REJECTS_SHOWN ? r->n_rejects
						    : MAX_REJECTS_SHOWN;

	for (size_t i = 0; i < n; i++) {
		const struct reject *j = &r->rejects[i];

		xsnprintf(row, sizeof(row), _("line %llu, column %d: %s: %s"),
			  (unsigned long long)j->line, j->column,
			  report_reason_text(j->reason),
			  j->text ? j->text : "");
		lines_add(l, 0, row, NULL, NULL, NULL);
	}
	if (r->n_rejects > n) {
		xsnprintf(row, sizeof(row),
			  _("... and %zu more (taste check lists them all)"),
			  r->n_rejects - n);
		lines_add(l, 0, row, NULL, NULL, NULL);
	}
}

/* One import report: totals, reasons, rejected rows. */
static void stats_report(const struct report *r, struct ui_lines *l)
{
	char head[300], enc[96];

	xsnprintf(head, sizeof(head), _("Import report: %s"),
		  base_name(r->path));
	lines_add(l, LINE_HEAD, head, NULL, NULL, NULL);
	add_num(l, _("rows read"), r->rows);
	add_num(l, _("accepted"), r->accepted);
	add_num(l, _("rejected"), r->rejected);
	if (r->dup_pairs)
		add_num(l, _("duplicate pairs (latest kept)"), r->dup_pairs);
	xsnprintf(enc, sizeof(enc), _("%s, delimiter %s"), r->encoding,
		  report_delimiter_name(r));
	add_text(l, _("encoding"), enc);
	for (int k = 0; k < REJ_COUNT; k++)
		if (r->by_reason[k])
			add_num(l, report_reason_text((enum reject_reason)k),
				r->by_reason[k]);
	for (size_t w = 0; w < r->n_warnings; w++)
		lines_add(l, 0, r->warnings[w], NULL, NULL, NULL);
	report_rejects(r, l);
}

/* The You section: your ratings, your signals of items you have not
 * rated (counted again at each build: they change under it), and the
 * profile's path. */
static void stats_you(const struct app *a, struct stats *s,
		      struct ui_lines *l)
{
	char sig[128];

	stats_signals(a->prof, a->signals, s);
	lines_add(l, LINE_HEAD, _("You"), NULL, NULL, NULL);
	add_num(l, _("rated"), profile_count(a->prof));
	add_value(l, _("seen or wanted, not rated"),
		  stats_signals_text(s, sig, sizeof sig));
	add_text(l, _("profile"), profile_path(a->prof));
}

/* Overlay callback: the statistics for the overlay's width. */
static void stats_build(struct overlay *o, int width)
{
	struct stats *s = o->ctx;
	const struct app *a = o->app;

	stats_counts(a, s, &o->lines, width);
	stats_histogram(a, s, &o->lines);
	if (s->users) {
		stats_tail(&o->lines, _("Ratings per user"),
			   _("users with no rating"), &s->per_user);
		stats_tail_plot(s, true, &o->lines, width);
	}
	stats_tail(&o->lines, s->from_histograms
		   ? _("Ratings per item (Goodreads counts)")
		   : _("Ratings per item"), _("items with no rating"),
		   &s->per_item);
	stats_tail_plot(s, false, &o->lines, width);
	stats_most(a, s, &o->lines);
	stats_best(a, s, &o->lines);
	stats_you(a, s, &o->lines);
	for (size_t i = 0; i < a->cat->n_reports; i++)
		stats_report(&a->cat->reports[i], &o->lines);
	if (!a->cat->n_reports && synth_shape_of(a->cat->name))
		lines_add(&o->lines, LINE_HEAD, _("Import: no file read, the "
			  "catalogue is generated in memory"), NULL, NULL,
			  NULL);
	overlay_col(o, 0, NULL, AL_LEFT, true);
	overlay_col(o, 1, NULL, AL_LEFT, false);
	overlay_col(o, 2, NULL, AL_RIGHT, false);
	overlay_col(o, 3, NULL, AL_RIGHT, false);
	overlay_bar(o, STATS_BAR_W);
}

/* Free the statistics held by the overlay. */
static void stats_ctx_free(void *ctx)
{
	stats_free(ctx);
	free(ctx);
}

/* Counts, density, histogram, long tails, top items, import reports. */
struct overlay *dataset_stats_overlay(struct app *a)
{
	struct stats *s = xcalloc(1, sizeof(*s));
	char title[256];

	struct overlay *o;

	stats_compute(a->cat, s);
	xsnprintf(title, sizeof(title), _("Statistics: %s (%s)"),
		  a->cat->name, a->cat->label);
	o = overlay_new(a, title, stats_build, s, stats_ctx_free);
	o->table.select = false;
	return o;
}

/* The frequency table and what Enter on a value does. */
struct freq_ctx {
	struct freq_table t;
	enum view_col col;
	dataset_pick_fn pick;
	void *pick_ctx;
};

/* Overlay callback: one row per distinct value. */
static void freq_build(struct overlay *o, int width)
{
	const struct freq_ctx *f = o->ctx;
	const struct freq_table *t = &f->t;
	uint32_t max = 0;
	char cnt[32], pct[16];

	(void)width;
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].count > max)
			max = t->v[i].count;
	for (size_t i = 0; i < t->n; i++) {
		const struct freq_entry *e = &t->v[i];

		xsnprintf(cnt, sizeof(cnt), "%u", e->count);
		xsnprintf(pct, sizeof(pct), "%.1f%%",
			  t->total ? 100.0 * e->count / t->total : 0.0);
		lines_bar(&o->lines, e->value, max ? (double)e->count / max
						   : 0.0, cnt, pct);
	}
	overlay_col(o, 0, _("Value"), AL_LEFT, true);
	overlay_col(o, 1, "", AL_LEFT, false);
	overlay_col(o, 2, _("Count"), AL_RIGHT, false);
	overlay_col(o, 3, "%", AL_RIGHT, false);
	overlay_bar(o, FREQ_BAR_W);
}

/* Enter on the value of row line: close, then hand the value over. */
static void freq_pick(struct overlay *o, size_t line)
{
	const struct freq_ctx *f = o->ctx;
	dataset_pick_fn pick = f->pick;
	void *ctx = f->pick_ctx;
	enum view_col col = f->col;
	char *value = xstrdup(f->t.v[line].value);

	app_overlay_close(o->app);
	pick(ctx, col, value);
	free(value);
}

/* Free the frequency table held by the overlay. */
static void freq_ctx_free(void *ctx)
{
	struct freq_ctx *f = ctx;

	freq_free(&f->t);
	free(f);
}

/* How often each value of col occurs over the rows v shows. */
struct overlay *dataset_freq_overlay(struct app *a, const struct view *v,
				     enum view_col col, dataset_pick_fn pick,
				     void *ctx)
{
	struct freq_ctx *f = xcalloc(1, sizeof(*f));
	struct freq_table *t = &f->t;
	struct overlay *o;
	char title[256];

	view_freq(v, col, t);
	f->col = col;
	f->pick = pick;
	f->pick_ctx = ctx;
	xsnprintf(title, sizeof(title),
		  _("Frequency: %s %s %u rows, %u empty, %zu values"),
		  view_col_name(col), theme_glyphs()->dot, t->total, t->empty,
		  t->n);
	o = overlay_new(a, title, freq_build, f, freq_ctx_free);
	if (pick)
		o->pick = freq_pick;
	return o;
}
