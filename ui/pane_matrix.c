/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pane_matrix: the users x items rating matrix as a density map (F4).
 * Zoomed out each map cell is a block of 2^z x 2^z, shaded by its
 * number of ratings (log scale over the blocks on screen) or, on m, by
 * its mean rating; zoomed in to single cells (level 0) each cell shows
 * its rating as text. Your ratings are the row pinned on top. On p the
 * empty cells show the current model's predictions, dim and with their
 * own glyph ("~4.1", or "◦"/"~" for a block), never told apart by
 * colour alone. A cursor line names the user, item, rating and
 * prediction; a legend gives nnz (the community's, + yours), density
 * and the shading scale.
 *
 * The aggregates come from the core (blockmap.h). The model is the
 * one the app's worker (recs.h) has ready for the Search pane, shared
 * in memory: the hybrid, else ALS, followed when the worker replaces it (a
 * Train deploy); until one is ready p says so. Predictions are computed only
 * for the single cells drawn and for the cursor's block (a sampled mean); a
 * zoomed-out empty block shows only that the model fills it, since a
 * hybrid prediction costs tens of microseconds and a screen holds
 * thousands of blocks. They are cached (yours per item, others by
 * user and item) until your ratings or the model change. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "blockmap.h"
#include "details.h"
#include "draw.h"
#include "i18n.h"
#include "keymap.h"
#include "log.h"
#include "model/model.h"
#include "pane.h"
#include "rate.h"
#include "recs.h"
#include "safe.h"
#include "text.h"
#include "theme.h"
#include "util.h"

#define LABEL_W 7           /* row labels: "you", a user id, a position */
#define CELL_W0 5           /* a single cell: " 4.5 ", "~4.1 " */
#define NO_ROW (-1)         /* the cursor on your row */
#define PCACHE_SIZE 16384   /* predictions of single cells kept */

/* The orders o cycles through: rows, then columns. */
static const struct {
	enum blockmap_order rows, cols;
} mx_orders[] = {
	{ BM_BY_COUNT, BM_BY_COUNT },
	{ BM_BY_ID, BM_BY_ID },
	{ BM_BY_COUNT, BM_BY_ID },
	{ BM_BY_ID, BM_BY_COUNT },
};

/* Shades of a non-empty block, lightest first. */
static const char *const ramp_ascii[] = {
	".", ":", "-", "=", "+", "*", "#", "%", "@"
};
static const char *const ramp_utf8[] = { "░", "▒", "▓", "█" };

struct mx {
	struct app *app;
	struct blockmap *bm;
	int z;                  /* zoom level: blocks of 2^z x 2^z */
	int order;              /* index into mx_orders */
	bool by_mean, predict, placed;
	long cr;                /* cursor grid row, NO_ROW for yours */
	uint32_t cc;            /* cursor grid column */
	uint32_t top, left;     /* first grid row and column shown */
	uint32_t map_h, map_w;  /* grid rows and columns shown */
	struct bm_cell *cells, *you_cells;
	size_t cap;
	uint32_t max_count;     /* over the blocks on screen, yours too */
	size_t logged_bytes;    /* blockmap_bytes when last logged */
	/* your ratings, for rated_gen you_gen */
	struct recs_you you;
	unsigned long you_gen;
	bool you_valid;
	/* the worker's model in use (not ours: never freed here) */
	const struct model *model;
	float *you_pred;        /* per item: NAN unknown, INFINITY none */
	struct mx_pred {
		uint64_t key;   /* user << 32 | item, plus 1; 0: free */
		float v;        /* INFINITY: none */
	} *pcache;
	size_t pcache_n;
};

/* ---------------------------------------------------------------------
 * Data: your row, the model, predictions
 * ------------------------------------------------------------------- */

/* Your ratings as an rvec, again when the profile changed. */
static void mx_you(struct mx *s)
{
	struct app *a = s->app;

	if (s->you_valid && s->you_gen == a->rated_gen)
		return;
	if (s->you_valid)
		recs_you_free(&s->you);
	recs_you_from_profile(&s->you, a->cat, a->prof);
	s->you_valid = true;
	s->you_gen = a->rated_gen;
	for (uint32_t i = 0; i < a->cat->n_items; i++)
		s->you_pred[i] = NAN;
}

/* The worker's ready model: the hybrid (the Search pane's For you),
 * else ALS. True when it changed (caches are then cleared). */
static bool mx_model_poll(struct mx *s)
{
	static const enum recs_slot slots[] = { RECS_HYBRID, RECS_ALS };
	const struct model *m = NULL;
	struct recs_status st;

	if (s->app->recs) {
		recs_bg_status(s->app->recs, &st);
		for (size_t k = 0; k < ARRAY_LEN(slots) && !m; k++)
			if (st.state[slots[k]] == RECS_READY)
				m = recs_bg_model(s->app->recs, slots[k]);
	}
	if (m == s->model)
		return false;
	s->model = m;
	for (uint32_t i = 0; i < s->app->cat->n_items; i++)
		s->you_pred[i] = NAN;
	memset(s->pcache, 0, PCACHE_SIZE * sizeof *s->pcache);
	s->pcache_n = 0;
	return true;
}

/* The cache slot of (user, item): its own or a free one (the cache is
 * emptied when half full, so there always is one). */
static struct mx_pred *mx_pcache_slot(struct mx *s, uint32_t user,
				      uint32_t item)
{
	uint64_t key = ((uint64_t)user << 32 | item) + 1;
	size_t h = (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 50);

	if (s->pcache_n >= PCACHE_SIZE / 2) {
		memset(s->pcache, 0, PCACHE_SIZE * sizeof *s->pcache);
		s->pcache_n = 0;
	}
	for (;; h = (h + 1) % PCACHE_SIZE)
		if (s->pcache[h].key == key || s->pcache[h].key == 0) {
			if (s->pcache[h].key == 0) {
				s->pcache[h].key = key;
				s->pcache[h].v = NAN;
				s->pcache_n++;
			}
			return &s->pcache[h];
		}
}

/* The model's rating of item by user (BLOCKMAP_YOU: you, folded in),
 * cached. */
static bool mx_predict(void *ctx, uint32_t user, uint32_t item,
		       double *out)
{
	struct mx *s = ctx;
	float *c = &s->you_pred[item];

	if (!s->model)
		return false;
	if (user != BLOCKMAP_YOU) {
		if (user >= s->model->n_users)
			return false;
		c = &mx_pcache_slot(s, user, item)->v;
		if (isnan(*c))
			*c = model_predict(s->model, user, NULL, item, out)
			     ? (float)*out : INFINITY;
		*out = *c;
		return !isinf(*c);
	}
	if (isnan(*c))
		*c = model_predict(s->model, MODEL_NO_USER, &s->you.rv, item,
				   out) ? (float)*out : INFINITY;
	*out = *c;
	return !isinf(*c);
}

/* ---------------------------------------------------------------------
 * Cursor and view
 * ------------------------------------------------------------------- */

/* Single cells are wider: they show the rating as text. */
static int mx_cell_w(const struct mx *s)
{
	return s->z == 0 ? CELL_W0 : 1;
}

/* Keep the cursor in the grid and on screen. */
static void mx_clamp(struct mx *s)
{
	uint32_t nr = blockmap_grid_rows(s->bm, s->z);
	uint32_t nc = blockmap_grid_cols(s->bm, s->z);

	if (s->cr >= (long)nr)
		s->cr = (long)nr - 1;
	if (s->cr < NO_ROW)
		s->cr = NO_ROW;
	if (s->cc >= nc)
		s->cc = nc ? nc - 1 : 0;
	if (s->cr >= 0 && (uint32_t)s->cr < s->top)
		s->top = (uint32_t)s->cr;
	if (s->cr >= 0 && s->map_h && (uint32_t)s->cr >= s->top + s->map_h)
		s->top = (uint32_t)s->cr - s->map_h + 1;
	if (s->cc < s->left)
		s->left = s->cc;
	if (s->map_w && s->cc >= s->left + s->map_w)
		s->left = s->cc - s->map_w + 1;
}

/* Zoom to level z, keeping the cursor's block and centring on it. */
static void mx_zoom(struct mx *s, int z)
{
	int top = blockmap_top_level(s->bm);

	z = z < 0 ? 0 : z > top ? top : z;
	if (z == s->z)
		return;
	if (s->cr >= 0)
		s->cr = z < s->z ? s->cr << (s->z - z) : s->cr >> (z - s->z);
	s->cc = z < s->z ? s->cc << (s->z - z) : s->cc >> (z - s->z);
	s->map_w = s->map_w * (uint32_t)mx_cell_w(s);
	s->z = z;
	s->map_w /= (uint32_t)mx_cell_w(s);
	s->top = s->cr > (long)(s->map_h / 2) ? (uint32_t)s->cr - s->map_h / 2
					      : 0;
	s->left = s->cc > s->map_w / 2 ? s->cc - s->map_w / 2 : 0;
	mx_clamp(s);
}

/* The item of the cursor's single cell, or INTERN_NONE. */
static uint32_t mx_cursor_item(const struct mx *s)
{
	if (s->z != 0)
		return INTERN_NONE;
	uint32_t i = blockmap_item_at(s->bm, s->cc);

	return i == UINT32_MAX ? INTERN_NONE : i;
}

/* ---------------------------------------------------------------------
 * Drawing
 * ------------------------------------------------------------------- */

/* Shades in the ramp of this glyph set. */
static int mx_shades(void)
{
	return theme_ascii() ? (int)ARRAY_LEN(ramp_ascii)
			     : (int)ARRAY_LEN(ramp_utf8);
}

static const char *mx_ramp(int k)
{
	return theme_ascii() ? ramp_ascii[k] : ramp_utf8[k];
}

/* The shade of a count on a log scale up to max. */
static int mx_count_shade(uint32_t c, uint32_t max)
{
	int n = mx_shades();
	int k = max <= 1 ? n - 1
		: (int)(n * log((double)c) / log((double)max + 1));

	return k < 0 ? 0 : k >= n ? n - 1 : k;
}

/* The shade of a mean on the scale. */
static int mx_mean_shade(const struct scale *sc, double mean)
{
	int n = mx_shades();
	double span = sc->max - sc->min;
	int k = span > 0 ? (int)(n * (mean - sc->min) / span) : n - 1;

	return k < 0 ? 0 : k >= n ? n - 1 : k;
}

/* An empty cell: "·", or in ASCII "." for a single cell and a blank
 * for a block (the ramp's lightest). */
static const char *mx_empty_glyph(const struct mx *s)
{
	if (!theme_ascii())
		return "·";
	return s->z == 0 ? "." : " ";
}

/* A single cell's text: " 4.5 ", "~4.1 " or "  ·  ". */
static void mx_single_text(const struct mx *s, const struct bm_cell *c,
			   bool pred, double pv, char *buf, size_t n)
{
	if (c->count)
		xsnprintf(buf, n, "%4.1f ", c->mean);
	else if (pred)
		xsnprintf(buf, n, "~%3.1f ", pv);
	else
		xsnprintf(buf, n, "  %s  ", mx_empty_glyph(s));
}

/* Draw one map cell at (y, x); gr is NO_ROW for your row. */
static void mx_draw_cell(struct mx *s, WINDOW *w, int y, int x, long gr,
			 uint32_t gc, const struct bm_cell *c)
{
	bool cur = gr == s->cr && gc == s->cc;
	attr_t rev = cur ? A_REVERSE : 0;
	double pv = 0;
	bool pred = false;
	char buf[32];

	if (!c->count && s->predict && s->model && s->z > 0)
		pred = true;
	else if (!c->count && s->predict && s->model)
		pred = blockmap_predict_block(s->bm, 0,
					      gr < 0 ? 0 : (uint32_t)gr, gc,
					      gr < 0, mx_predict, s, &pv);
	if (s->z == 0) {
		mx_single_text(s, c, pred, pv, buf, sizeof buf);
		ui_puts(w, y, x, buf, CELL_W0, (c->count ? A_BOLD
			: theme_attr(TH_DIM)) | rev);
		return;
	}
	if (c->count) {
		int k = s->by_mean ? mx_mean_shade(&s->app->cat->scale,
						   c->mean)
			: mx_count_shade(c->count, s->max_count);
		ui_puts(w, y, x, mx_ramp(k), 1, theme_attr(TH_BAR) | rev);
	} else if (pred) {
		ui_puts(w, y, x, theme_ascii() ? "~" : "◦", 1,
			theme_attr(TH_DIM) | rev);
	} else {
		ui_puts(w, y, x, mx_empty_glyph(s), 1,
			theme_attr(TH_DIM) | rev);
	}
}

/* The row label: "you", a user's id at single cells, else the first
 * position of the block. */
static void mx_row_label(struct mx *s, WINDOW *w, int y, long gr)
{
	char buf[64], id[64];
	attr_t a = gr == s->cr ? A_BOLD : theme_attr(TH_DIM);

	if (gr < 0) {
		ui_text(w, y, 0, _("you"), LABEL_W - 1, AL_RIGHT,
			theme_attr(TH_TITLE) | (gr == s->cr ? A_BOLD : 0));
		return;
	}
	if (s->z == 0) {
		uint32_t u = blockmap_user_at(s->bm, (uint32_t)gr);

		safe_text(intern_str(s->app->cat->user_ids, u), id, sizeof id);
		xsnprintf(buf, sizeof buf, "%s", id);
	} else {
		xsnprintf(buf, sizeof buf, "%lu",
			  ((unsigned long)gr << s->z) + 1);
	}
	ui_text(w, y, 0, buf, LABEL_W - 1, AL_RIGHT, a);
}

/* Room for the cells of the window. */
static void mx_cells_room(struct mx *s)
{
	size_t n = (size_t)s->map_h * s->map_w;

	if (n + s->map_w <= s->cap)
		return;
	s->cap = n + s->map_w;
	free(s->cells);
	free(s->you_cells);
	s->cells = xmalloc((s->cap ? s->cap : 1) * sizeof *s->cells);
	s->you_cells = xmalloc((s->map_w ? s->map_w : 1) *
			       sizeof *s->you_cells);
	s->cap = n + s->map_w;
}

/* The map: your row on row y0, the users' rows below it. */
static void mx_draw_map(struct mx *s, WINDOW *w, int y0)
{
	int cw = mx_cell_w(s);

	mx_cells_room(s);
	blockmap_window(s->bm, s->z, s->top, s->left, s->map_h, s->map_w,
			s->cells);
	blockmap_you_window(s->bm, &s->you.rv, s->z, s->left, s->map_w,
			    s->you_cells);
	/* one count scale for the users' rows and yours, as the legend
	 * gives it */
	s->max_count = 0;
	for (size_t k = 0; k < (size_t)s->map_h * s->map_w; k++)
		if (s->cells[k].count > s->max_count)
			s->max_count = s->cells[k].count;
	for (uint32_t j = 0; j < s->map_w; j++)
		if (s->you_cells[j].count > s->max_count)
			s->max_count = s->you_cells[j].count;
	uint32_t nr = blockmap_grid_rows(s->bm, s->z);
	uint32_t nc = blockmap_grid_cols(s->bm, s->z);
	mx_row_label(s, w, y0, NO_ROW);
	for (uint32_t j = 0; j < s->map_w && s->left + j < nc; j++)
		mx_draw_cell(s, w, y0, LABEL_W + (int)j * cw, NO_ROW,
			     s->left + j, &s->you_cells[j]);
	for (uint32_t i = 0; i < s->map_h && s->top + i < nr; i++) {
		long gr = (long)(s->top + i);

		mx_row_label(s, w, y0 + 1 + (int)i, gr);
		for (uint32_t j = 0; j < s->map_w && s->left + j < nc; j++)
			mx_draw_cell(s, w, y0 + 1 + (int)i,
				     LABEL_W + (int)j * cw, gr, s->left + j,
				     &s->cells[(size_t)i * s->map_w + j]);
	}
}

/* Names of an order, for the title line. */
static const char *mx_order_name(enum blockmap_order o, bool rows)
{
	if (o == BM_BY_ID)
		return rows ? _("rows by id") : _("columns by id");
	return rows ? _("rows by activity") : _("columns by popularity");
}

/* The title line: zoom, block size, orders. */
static void mx_draw_title(struct mx *s, WINDOW *w, int wd)
{
	char buf[256];
	unsigned long b = 1ul << s->z;
	const char *dot = theme_glyphs()->dot;

	if (s->z == 0)
		xsnprintf(buf, sizeof buf, "%s", _("zoom 1:1 (single cells)"));
	else
		xsnprintf(buf, sizeof buf, _("zoom 1:%lu (%lu%s%lu per cell)"),
			  b, b, theme_glyphs()->times, b);
	size_t n = strlen(buf);
	xsnprintf(buf + n, sizeof buf - n, " %s %s %s %s", dot,
		  mx_order_name(mx_orders[s->order].rows, true), dot,
		  mx_order_name(mx_orders[s->order].cols, false));
	ui_text(w, 0, 1, buf, wd - 1, AL_LEFT, theme_attr(TH_COLHEAD));
}

/* The lowest count shown with shade k (max: the largest on screen). */
static uint32_t mx_shade_low(int k, uint32_t max)
{
	uint32_t lo = (uint32_t)ceil(pow((double)max + 1,
					 (double)k / mx_shades()));

	if (lo < 1)
		lo = 1;
	while (lo <= max && mx_count_shade(lo, max) < k)
		lo++;
	while (lo > 1 && mx_count_shade(lo - 1, max) >= k)
		lo--;
	return lo;
}

/* The shading scale: "░ 1-3 ▒ 4-15 ..." or for means
 * "░ 0.5 ▒ 1.6 ...". */
static void mx_scale_text(struct mx *s, char *buf, size_t n)
{
	const struct scale *sc = &s->app->cat->scale;
	int shades = mx_shades();
	size_t len = 0;

	buf[0] = '\0';
	for (int k = 0; k < shades && len < n; k++) {
		if (s->by_mean) {
			double lo = sc->min + k * (sc->max - sc->min) / shades;

			len += xsnprintf(buf + len, n - len, "%s%s %.1f",
					 k ? " " : "", mx_ramp(k), lo);
			continue;
		}
		uint32_t lo = mx_shade_low(k, s->max_count);
		uint32_t hi = k + 1 < shades
			      ? mx_shade_low(k + 1, s->max_count) - 1
			      : s->max_count;
		if (lo > hi)
			continue;
		len += lo == hi ? xsnprintf(buf + len, n - len, "%s%s %u",
					    len ? " " : "", mx_ramp(k), lo)
			: xsnprintf(buf + len, n - len, "%s%s %u-%u",
				    len ? " " : "", mx_ramp(k), lo, hi);
	}
	if (!s->by_mean && len)
		xsnprintf(buf + len, n - len, "%s", _(" ratings"));
}

/* What p shows, for the legend. */
static void mx_model_text(const struct mx *s, char *buf, size_t n)
{
	const char *g = theme_ascii() ? "~" : "◦";

	if (!s->model && s->app->cat->m->nnz == 0)
		xsnprintf(buf, n, "%s", _("no community ratings: only your "
					  "row, and no model to predict"));
	else if (!s->model)
		xsnprintf(buf, n, "%s", _("p: no model ready yet (loading "
					  "or training)"));
	else if (s->z == 0)
		xsnprintf(buf, n, _("~4.1 predicted by %s%s"),
			  model_kind_name(s->model->kind),
			  s->predict ? "" : _(" (p shows)"));
	else
		xsnprintf(buf, n, _("%s predicted by %s%s"), g,
			  model_kind_name(s->model->kind),
			  s->predict ? "" : _(" (p shows)"));
}

/* The legend on rows y and y + 1: nnz (the community's ratings, then
 * yours: "nnz 100836 + 3 yours"), the community's density and the
 * shading scale, then what the empty cells show. */
static void mx_draw_legend(struct mx *s, WINDOW *w, int y, int wd)
{
	const struct rmatrix *m = s->app->cat->m;
	const char *dot = theme_glyphs()->dot;
	char scale[512], model[160], buf[1024];

	if (s->z == 0)
		xsnprintf(scale, sizeof scale, "%s", _("ratings as text, "
							"bold"));
	else
		mx_scale_text(s, scale, sizeof scale);
	/* the community's ratings, and yours in the row pinned on top */
	xsnprintf(buf, sizeof buf, _("nnz %llu + %zu yours %s density "
				     "%.2f%% %s %s%s"),
		  (unsigned long long)m->nnz, profile_count(s->app->prof),
		  dot, 100 * rmatrix_density(m), dot, s->z == 0 ? ""
		  : s->by_mean ? _("mean from: ") : _("count: "), scale);
	ui_text(w, y, 1, buf, wd - 1, AL_LEFT, A_NORMAL);
	mx_model_text(s, model, sizeof model);
	if (theme_ascii() && s->z > 0)
		xsnprintf(buf, sizeof buf, _("blank: empty %s %s"), dot,
			  model);
	else
		xsnprintf(buf, sizeof buf, _("%s empty %s %s"),
			  mx_empty_glyph(s), dot, model);
	ui_text(w, y + 1, 1, buf, wd - 1, AL_LEFT, theme_attr(TH_DIM));
}

/* " · predicted 4.1" for the cursor line, or "". */
static void mx_pred_text(struct mx *s, uint32_t gr, bool you, char *buf,
			 size_t n)
{
	double v;

	buf[0] = '\0';
	if (s->model && blockmap_predict_block(s->bm, s->z, gr, s->cc, you,
					       mx_predict, s, &v))
		xsnprintf(buf, n, s->z ? _(" %s predicted ~%.1f (sampled)")
				       : _(" %s predicted %.1f"),
			  theme_glyphs()->dot, v);
}

/* "user 414", "you", or "users 33-64" (positions). */
static void mx_who(struct mx *s, uint32_t r0, uint32_t r1, char *buf,
		   size_t n)
{
	char id[64];

	if (s->cr < 0) {
		xsnprintf(buf, n, "%s", _("you"));
	} else if (s->z == 0) {
		safe_text(intern_str(s->app->cat->user_ids,
				     blockmap_user_at(s->bm, r0)), id,
			  sizeof id);
		xsnprintf(buf, n, _("user %s"), id);
	} else {
		xsnprintf(buf, n, _("users %u-%u"), r0 + 1, r1);
	}
}

/* The cursor line: who, what, the rating(s) and the prediction. */
static void mx_draw_cursor_line(struct mx *s, WINDOW *w, int y, int wd)
{
	uint32_t gr = s->cr < 0 ? 0 : (uint32_t)s->cr, r0, r1, c0, c1;
	struct bm_cell c;
	char who[96], what[512], pred[96], buf[1024];

	blockmap_block_span(s->bm, s->z, gr, s->cc, &r0, &r1, &c0, &c1);
	if (s->cr < 0)
		blockmap_you_window(s->bm, &s->you.rv, s->z, s->cc, 1, &c);
	else
		blockmap_window(s->bm, s->z, gr, s->cc, 1, 1, &c);
	mx_who(s, r0, r1, who, sizeof who);
	mx_pred_text(s, gr, s->cr < 0, pred, sizeof pred);
	if (s->z == 0 && c0 < c1) {
		char label[512];

		app_label_fit(s->app, blockmap_item_at(s->bm, c0), wd / 2,
			      label, sizeof label);
		if (c.count)
			xsnprintf(what, sizeof what, _("%s: rated %.1f"),
				  label, c.mean);
		else
			xsnprintf(what, sizeof what, _("%s: not rated"),
				  label);
	} else if (c.count) {
		xsnprintf(what, sizeof what, ngettext(
			"items %u-%u: %u rating, mean %.2f",
			"items %u-%u: %u ratings, mean %.2f", c.count),
			c0 + 1, c1, c.count, c.mean);
	} else {
		xsnprintf(what, sizeof what, _("items %u-%u: no ratings"),
			  c0 + 1, c1);
	}
	xsnprintf(buf, sizeof buf, "%s %s %s%s", who, theme_glyphs()->times,
		  what, pred);
	ui_text(w, y, 1, buf, wd - 1, AL_LEFT, A_BOLD);
}

/* The first draw: the zoom level whose rows fit the map's height. */
static void mx_place(struct mx *s)
{
	int z = 0, top = blockmap_top_level(s->bm);

	if (s->placed)
		return;
	s->placed = true;
	while (z < top && blockmap_grid_rows(s->bm, z) > s->map_h)
		z++;
	s->z = z;
	s->cr = 0;
}

/* Draw the title, the map, the legend and the cursor line. */
static void mx_draw(struct pane *p, WINDOW *w, int h, int wd)
{
	struct mx *s = p->st;
	int rows = h - 5;     /* title, your row, legend, cursor line */

	werase(w);
	if (rows < 1 || wd <= LABEL_W + 1)
		return;
	mx_you(s);
	mx_model_poll(s);
	s->map_h = (uint32_t)rows;
	mx_place(s);
	s->map_w = (uint32_t)((wd - LABEL_W) / mx_cell_w(s));
	mx_clamp(s);
	mx_draw_title(s, w, wd);
	mx_draw_map(s, w, 1);
	mx_draw_legend(s, w, h - 3, wd);
	mx_draw_cursor_line(s, w, h - 1, wd);
	if (blockmap_bytes(s->bm) != s->logged_bytes) {
		s->logged_bytes = blockmap_bytes(s->bm);
		log_msg("matrix: aggregates hold %zu bytes (zoom 1:%lu)",
			s->logged_bytes, 1ul << s->z);
	}
}

/* ---------------------------------------------------------------------
 * Keys
 * ------------------------------------------------------------------- */

/* Contexts: the rating keys too when a single cell names an item. */
static unsigned mx_keyctx(struct pane *p)
{
	struct mx *s = p->st;
	unsigned m = KC_BIT(KC_MATRIX) | KC_BIT(KC_PANE) | KC_BIT(KC_GLOBAL);

	return mx_cursor_item(s) != INTERN_NONE ? m | KC_BIT(KC_RATE) : m;
}

/* The next order; the grids are built again for it. */
static void mx_next_order(struct mx *s)
{
	s->order = (s->order + 1) % (int)ARRAY_LEN(mx_orders);
	blockmap_set_order(s->bm, mx_orders[s->order].rows,
			   mx_orders[s->order].cols);
	app_toast(s->app, TOAST_INFO, "%s, %s",
		  mx_order_name(mx_orders[s->order].rows, true),
		  mx_order_name(mx_orders[s->order].cols, false));
}

/* p: predictions on or off (the model is looked for first). */
static void mx_toggle_predict(struct mx *s)
{
	mx_model_poll(s);
	if (!s->model && s->app->cat->m->nnz == 0) {
		app_toast(s->app, TOAST_NOTE, "%s", _("No community ratings: "
			  "there is no model to predict with"));
		s->predict = false;
		return;
	}
	if (!s->model) {
		app_toast(s->app, TOAST_NOTE, "%s", _("No model ready for "
			  "this catalogue yet: it is being loaded or trained "
			  "in the background"));
		s->predict = false;
		return;
	}
	s->predict = !s->predict;
}

/* Moves of the cursor; false when act is none. */
static bool mx_move(struct mx *s, enum action act)
{
	uint32_t nc = blockmap_grid_cols(s->bm, s->z);
	long page = s->map_h > 1 ? (long)s->map_h - 1 : 1;
	uint32_t wpage = s->map_w > 1 ? s->map_w - 1 : 1;

	switch (act) {
	case ACT_UP: s->cr--; break;
	case ACT_DOWN: s->cr++; break;
	case ACT_LEFT: s->cc -= s->cc > 0; break;
	case ACT_RIGHT: s->cc += s->cc + 1 < nc; break;
	case ACT_PAGE_UP: s->cr -= page; break;
	case ACT_PAGE_DOWN: s->cr += page; break;
	case ACT_MX_PAGE_LEFT: s->cc = s->cc > wpage ? s->cc - wpage : 0;
		break;
	case ACT_MX_PAGE_RIGHT: s->cc += wpage; break;
	case ACT_TOP: s->cr = NO_ROW; s->top = 0; break;
	case ACT_BOTTOM: s->cr = (long)blockmap_grid_rows(s->bm, s->z);
		break;
	case ACT_MX_FIRST_COL: s->cc = 0; break;
	case ACT_MX_LAST_COL: s->cc = nc; break;
	default: return false;
	}
	if (s->cr < NO_ROW)
		s->cr = NO_ROW;
	mx_clamp(s);
	return true;
}

/* A key in the Matrix pane; false for the global keys. */
static bool mx_key(struct pane *p, int key)
{
	struct mx *s = p->st;
	unsigned mask = mx_keyctx(p) & ~(KC_BIT(KC_PANE) | KC_BIT(KC_GLOBAL));
	enum action act = keymap_lookup(mask, key);
	uint32_t item = mx_cursor_item(s);

	if (item != INTERN_NONE && rate_action(s->app, item, act, key))
		return true;
	if (act == ACT_DETAILS && item != INTERN_NONE) {
		app_overlay_open(s->app, details_overlay(s->app, item));
		return true;
	}
	switch (act) {
	case ACT_MX_ZOOM_IN: mx_zoom(s, s->z - 1); break;
	case ACT_MX_ZOOM_OUT: mx_zoom(s, s->z + 1); break;
	case ACT_MX_ORDER: mx_next_order(s); break;
	case ACT_MX_SHADE: s->by_mean = !s->by_mean; break;
	case ACT_MX_PREDICT: mx_toggle_predict(s); break;
	default:
		if (!mx_move(s, act))
			return false;
	}
	app_dirty(s->app, DIRTY_BODY | DIRTY_KEYS);
	return true;
}

/* A click puts the cursor on a cell; the wheel moves it by rows. */
static void mx_mouse(struct pane *p, int y, int x, int dy)
{
	struct mx *s = p->st;

	if (dy) {
		s->cr += dy;
	} else if (y >= 1 && x >= LABEL_W) {
		s->cr = y == 1 ? NO_ROW : (long)s->top + (y - 2);
		s->cc = s->left + (uint32_t)((x - LABEL_W) / mx_cell_w(s));
	}
	mx_clamp(s);
	app_dirty(s->app, DIRTY_BODY | DIRTY_KEYS);
}

/* A newer model file: redraw when predictions are shown. */
static bool mx_idle(struct pane *p)
{
	struct mx *s = p->st;

	return s->app->panes[s->app->cur] == p && mx_model_poll(s);
}

/* Nothing to do on resize: the next draw fits the map to the body. */
static void mx_resize(struct pane *p, int h, int wd)
{
	(void)p;
	(void)h;
	(void)wd;
}

/* Free the pane. */
static void mx_free(struct pane *p)
{
	struct mx *s = p->st;

	blockmap_free(s->bm);
	free(s->cells);
	free(s->you_cells);
	if (s->you_valid)
		recs_you_free(&s->you);
	free(s->you_pred);
	free(s->pcache);
	free(s);
	free(p);
}

/* The Matrix pane: rows by activity, columns by popularity. */
struct pane *pane_matrix_new(struct app *a)
{
	struct pane *p = xcalloc(1, sizeof(*p));
	struct mx *s = xcalloc(1, sizeof(*s));
	double t0 = util_now();

	s->app = a;
	s->bm = blockmap_new(a->cat->m);
	s->you_pred = xmalloc((a->cat->n_items ? a->cat->n_items : 1) *
			      sizeof *s->you_pred);
	s->pcache = xcalloc(PCACHE_SIZE, sizeof *s->pcache);
	log_msg("matrix: orders of %u users and %u items in %.1f ms",
		a->cat->m->n_users, a->cat->m->n_items,
		(util_now() - t0) * 1e3);
	p->name = N_("Matrix");
	p->fkey = FNKEY(KEY_F(4));
	p->app = a;
	p->st = s;
	p->keyctx = mx_keyctx;
	p->draw = mx_draw;
	p->key = mx_key;
	p->resize = mx_resize;
	p->mouse = mx_mouse;
	p->idle = mx_idle;
	p->free = mx_free;
	return p;
}
