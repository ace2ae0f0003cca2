/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plot: line plots and bar charts into a grid of cells (see plot.h).
 *
 * Line series are drawn on a canvas of sub-cell dots (2x4 per cell in
 * braille, 2x2 in block, 1x1 in ASCII): each segment between two
 * drawable points is clipped to the area (Liang-Barsky) and rasterised
 * with Bresenham, so a line stays connected however steep it is. A
 * cell's style is that of the last series to put a dot in it; the dots
 * of all series in a cell are kept, which is what a braille cell can
 * show. Markers and flags replace a cell's glyph after the dots. */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"
#include "safe.h"
#include "text.h"
#include "util.h"

/* Coordinates further than this many dots off the area are pulled in
 * before clipping, so a huge value cannot overflow the rasteriser;
 * the part of such a line inside the area moves by far less than a
 * dot. */
#define PLOT_FAR 1e9

#define MARKER_GLYPH "\xe2\x80\xa2"     /* U+2022 bullet */

/* Cell glyphs of the axes in each glyph set. */
struct axis_glyphs {
	const char *v, *h, *corner, *ytick, *xtick;
};

static const struct axis_glyphs axis_utf8 = {
	"\xe2\x94\x82", "\xe2\x94\x80", "\xe2\x94\x94", "\xe2\x94\xa4",
	"\xe2\x94\xac",
};
static const struct axis_glyphs axis_ascii = { "|", "-", "+", "+", "+" };

/* The 2x2 quadrant glyphs by bit (1 upper left, 2 upper right, 4
 * lower left, 8 lower right). */
static const char *const quadrant[16] = {
	" ", "\xe2\x96\x98", "\xe2\x96\x9d", "\xe2\x96\x80",
	"\xe2\x96\x96", "\xe2\x96\x8c", "\xe2\x96\x9e", "\xe2\x96\x9b",
	"\xe2\x96\x97", "\xe2\x96\x9a", "\xe2\x96\x90", "\xe2\x96\x9c",
	"\xe2\x96\x84", "\xe2\x96\x99", "\xe2\x96\x9f", "\xe2\x96\x88",
};

/* Braille dot bits by [row][column] inside a cell (U+2800 + bits). */
static const unsigned char braille_bit[4][2] = {
	{ 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 },
};

/* ---- the grid ---------------------------------------------------- */

/* Allocate a grid of blank cells. */
void plot_grid_init(struct plot_grid *g, int rows, int cols)
{
	g->rows = rows > 0 && cols > 0 ? rows : 0;
	g->cols = rows > 0 && cols > 0 ? cols : 0;
	g->cells = NULL;
	if (g->rows)
		g->cells = xcalloc((size_t)g->rows * (size_t)g->cols,
				   sizeof *g->cells);
	plot_grid_clear(g);
}

void plot_grid_free(struct plot_grid *g)
{
	free(g->cells);
	g->cells = NULL;
	g->rows = g->cols = 0;
}

/* Blank every cell. */
void plot_grid_clear(struct plot_grid *g)
{
	size_t n = (size_t)g->rows * (size_t)g->cols;

	for (size_t i = 0; i < n; i++) {
		strcpy(g->cells[i].glyph, " ");
		g->cells[i].style = PS_NONE;
	}
}

/* The cell at (row, col), NULL outside. */
struct plot_cell *plot_grid_at(const struct plot_grid *g, int row, int col)
{
	if (row < 0 || col < 0 || row >= g->rows || col >= g->cols)
		return NULL;
	return &g->cells[(size_t)row * (size_t)g->cols + (size_t)col];
}

/* A row's glyphs side by side. */
char *plot_grid_row(const struct plot_grid *g, int row, char *buf,
		    size_t len)
{
	size_t used = 0;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	for (int c = 0; row >= 0 && row < g->rows && c < g->cols; c++) {
		const char *s = plot_grid_at(g, row, c)->glyph;
		size_t n = strlen(s);

		if (used + n + 1 > len)
			break;
		memcpy(buf + used, s, n + 1);
		used += n;
	}
	return buf;
}

/* Put one glyph with a style; outside the grid it is dropped. */
static void put_glyph(struct plot_grid *g, int row, int col,
		      const char *glyph, enum plot_style st)
{
	struct plot_cell *c = plot_grid_at(g, row, col);

	if (!c)
		return;
	xsnprintf(c->glyph, sizeof c->glyph, "%s", glyph);
	c->style = (unsigned char)st;
}

/* Bytes in the UTF-8 character that starts s (1 for a stray byte). */
static size_t utf8_len(const char *s)
{
	unsigned char b = (unsigned char)s[0];
	size_t n = b < 0xc0 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;

	for (size_t i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

/* Write text from (row, col), one character a cell, at most cols
 * cells; made safe first (safe.h). A wide character takes two cells
 * (the second left empty, ""), one of another width becomes '?'.
 * Returns the cells used. */
static int put_text(struct plot_grid *g, int row, int col,
		    const char *s, int cols, enum plot_style st)
{
	char *t = safe_dup(s ? s : "");
	int used = 0;

	for (const char *p = t; *p && used < cols;) {
		size_t n = utf8_len(p);
		char ch[PLOT_GLYPH_MAX] = "";
		size_t w;

		memcpy(ch, p, n < sizeof ch ? n : sizeof ch - 1);
		w = text_width(ch);
		if (w == 2 && used + 2 > cols)
			break;
		if (w != 1 && w != 2)
			strcpy(ch, "?");
		put_glyph(g, row, col + used, ch, st);
		if (w == 2)
			put_glyph(g, row, col + used + 1, "", st);
		used += w == 2 ? 2 : 1;
		p += n;
	}
	free(t);
	return used;
}

/* Display width of text as put_text writes it. */
static int text_cells(const char *s)
{
	char *t = safe_dup(s ? s : "");
	int w = (int)text_width(t);

	free(t);
	return w;
}

/* ---- numbers ----------------------------------------------------- */

/* v in %.Ng with the fewest digits >= 2 that keep it within 7
 * characters. */
static void fmt_plain(double v, char *buf, size_t len)
{
	for (int digits = 4; digits >= 2; digits--) {
		xsnprintf(buf, len, "%.*g", digits, v);
		if (strlen(buf) <= (v < 0 ? 8u : 7u))
			return;
	}
}

/* v with a k, M, G or T suffix ("12.3k"); the unit grows when rounding
 * would reach 1000 of it. */
static void fmt_suffixed(double v, char *buf, size_t len)
{
	static const char units[] = "kMGT";
	double scaled = v;

	for (int u = 0; u < 4; u++) {
		scaled /= 1000.0;
		xsnprintf(buf, len, "%.3g", scaled);
		if (!strchr(buf, 'e')) {
			size_t n = strlen(buf);

			xsnprintf(buf + n, len - n, "%c", units[u]);
			return;
		}
	}
	xsnprintf(buf, len, "%.1e", v);
}

/* v compactly for ticks and legends. */
char *plot_fmt_num(double v, char *buf, size_t len)
{
	double a = fabs(v);

	if (!isfinite(v))
		xsnprintf(buf, len, "n/a");
	else if (v == 0)
		xsnprintf(buf, len, "0");
	else if (a < 1e-3 || a >= 999.5e12)
		xsnprintf(buf, len, "%.1e", v);
	else if (a >= 9999.5)
		fmt_suffixed(v, buf, len);
	else
		fmt_plain(v, buf, len);
	return buf;
}

/* ---- choices and legends ----------------------------------------- */

enum plot_glyphs plot_glyphs_choose(bool utf8_locale, bool ascii,
				    bool block)
{
	if (ascii || !utf8_locale)
		return PLOT_ASCII;
	return block ? PLOT_BLOCK : PLOT_BRAILLE;
}

/* A sample of a series' look for a legend. */
const char *plot_legend_sample(enum plot_glyphs glyphs, int kind,
			       bool faint)
{
	if (glyphs == PLOT_ASCII)
		return faint ? ".." : kind ? "++" : "**";
	if (glyphs == PLOT_BLOCK)       /* ▀▀ solid, ▘▘ dotted */
		return kind ? "\xe2\x96\x98\xe2\x96\x98"
			    : "\xe2\x96\x80\xe2\x96\x80";
	/* ⠉⠉ solid top row, ⠁⠁ every other dot */
	return kind ? "\xe2\xa0\x81\xe2\xa0\x81" : "\xe2\xa0\x89\xe2\xa0\x89";
}

/* ---- the dot canvas ---------------------------------------------- */

struct canvas {
	int rows, cols;         /* cells of the data area */
	int sx, sy;             /* dots per cell across and down */
	enum plot_glyphs glyphs;
	unsigned char *bits;    /* dots set, per cell */
	unsigned char *style;   /* last writer's style, per cell */
	char *ascii;            /* last writer's ASCII glyph, per cell */
};

static void canvas_init(struct canvas *cv, enum plot_glyphs glyphs,
			int rows, int cols)
{
	size_t n = (size_t)rows * (size_t)cols;

	cv->rows = rows;
	cv->cols = cols;
	cv->glyphs = glyphs;
	cv->sx = glyphs == PLOT_ASCII ? 1 : 2;
	cv->sy = glyphs == PLOT_BRAILLE ? 4 : glyphs == PLOT_BLOCK ? 2 : 1;
	cv->bits = xcalloc(n, 1);
	cv->style = xcalloc(n, 1);
	cv->ascii = xcalloc(n, 1);
}

static void canvas_free(struct canvas *cv)
{
	free(cv->bits);
	free(cv->style);
	free(cv->ascii);
}

/* Set the dot (dx, dy) for a series drawn in style st (ASCII glyph
 * ch); dots outside the area are ignored. */
static void canvas_dot(struct canvas *cv, long dx, long dy,
		       enum plot_style st, char ch)
{
	long w = (long)cv->cols * cv->sx, h = (long)cv->rows * cv->sy;
	size_t cell;
	int bx, by;

	if (dx < 0 || dy < 0 || dx >= w || dy >= h)
		return;
	cell = (size_t)(dy / cv->sy) * (size_t)cv->cols
	       + (size_t)(dx / cv->sx);
	bx = (int)(dx % cv->sx);
	by = (int)(dy % cv->sy);
	if (cv->glyphs == PLOT_BRAILLE)
		cv->bits[cell] |= braille_bit[by][bx];
	else if (cv->glyphs == PLOT_BLOCK)
		cv->bits[cell] |= (unsigned char)(1u << (by * 2 + bx));
	else
		cv->bits[cell] = 1;
	cv->style[cell] = (unsigned char)st;
	cv->ascii[cell] = ch;
}

/* The glyph of a canvas cell into out. */
static void canvas_glyph(const struct canvas *cv, size_t cell,
			 char out[PLOT_GLYPH_MAX])
{
	unsigned b = cv->bits[cell];

	if (cv->glyphs == PLOT_BRAILLE) {
		out[0] = (char)0xe2;
		out[1] = (char)(0xa0 | (b >> 6));
		out[2] = (char)(0x80 | (b & 0x3f));
		out[3] = '\0';
	} else if (cv->glyphs == PLOT_BLOCK) {
		xsnprintf(out, PLOT_GLYPH_MAX, "%s", quadrant[b & 15]);
	} else {
		out[0] = cv->ascii[cell];
		out[1] = '\0';
	}
}

/* Copy the cells holding dots into the grid at the area's place. */
static void canvas_blit(const struct canvas *cv, struct plot_grid *g,
			int row0, int col0)
{
	for (int r = 0; r < cv->rows; r++)
		for (int c = 0; c < cv->cols; c++) {
			size_t cell = (size_t)r * (size_t)cv->cols
				      + (size_t)c;
			char glyph[PLOT_GLYPH_MAX];

			if (!cv->bits[cell])
				continue;
			canvas_glyph(cv, cell, glyph);
			put_glyph(g, row0 + r, col0 + c, glyph,
				  cv->style[cell]);
		}
}

/* ---- ranges and mapping ------------------------------------------ */

/* How data values become dot coordinates. */
struct mapping {
	double x_min, x_max, y_min, y_max;      /* y in log10 on a log scale */
	bool log_y;
	double w, h;                            /* dots across and down - 1 */
};

/* The i-th x of a series. */
static double series_x(const struct plot_series *s, size_t i)
{
	return s->x ? s->x[i] : (double)(i + 1);
}

/* y of point i as plotted (log10 on a log scale); false when it cannot
 * be drawn. */
static bool point_y(const struct plot_series *s, size_t i, bool log_y,
		    double *y)
{
	double v = s->y[i];

	if (!isfinite(v) || !isfinite(series_x(s, i)))
		return false;
	if (log_y) {
		if (v <= 0)
			return false;
		v = log10(v);
	}
	*y = v;
	return true;
}

/* Count the values left out, into info. */
static void count_left_out(const struct plot_series *series, size_t n,
			   bool log_y, struct plot_info *info)
{
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < series[k].n; i++) {
			double v = series[k].y[i];

			if (!isfinite(v) || !isfinite(series_x(&series[k], i)))
				info->nonfinite++;
			else if (log_y && v <= 0)
				info->nonpositive++;
		}
}

/* Widen an empty range [lo, lo] so it has a height. */
static void widen(double *lo, double *hi, double pad)
{
	if (*hi > *lo)
		return;
	*lo -= pad;
	*hi += pad;
}

/* The data ranges (fitted or given) into m; y in log10 on a log
 * scale. A single x gets [x, x + 1]; a flat y a band around it. */
static void fit_ranges(const struct plot_spec *spec,
		       const struct plot_series *series, size_t n,
		       struct mapping *m)
{
	double xl = INFINITY, xh = -INFINITY, yl = INFINITY, yh = -INFINITY;

	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < series[k].n; i++) {
			double y, x = series_x(&series[k], i);

			if (!point_y(&series[k], i, spec->log_y, &y))
				continue;
			xl = fmin(xl, x), xh = fmax(xh, x);
			yl = fmin(yl, y), yh = fmax(yh, y);
		}
	if (!(xl <= xh))
		xl = 0, xh = 1;
	if (!(yl <= yh))
		yl = 0, yh = 1;
	if (xh == xl)
		xh = xl + 1;
	widen(&yl, &yh, spec->log_y ? 0.5 : yl != 0 ? fabs(yl) * 0.1 : 1);
	m->x_min = xl, m->x_max = xh, m->y_min = yl, m->y_max = yh;
	if (spec->fix_x && spec->x_max > spec->x_min)
		m->x_min = spec->x_min, m->x_max = spec->x_max;
	if (spec->fix_y && spec->y_max > spec->y_min
	    && (!spec->log_y || spec->y_min > 0)) {
		m->y_min = spec->log_y ? log10(spec->y_min) : spec->y_min;
		m->y_max = spec->log_y ? log10(spec->y_max) : spec->y_max;
	}
	m->log_y = spec->log_y;
}

/* Pull a coordinate in from far away (see PLOT_FAR). */
static double near(double v)
{
	return fmax(-PLOT_FAR, fmin(PLOT_FAR, v));
}

static double map_x(const struct mapping *m, double x)
{
	return near((x - m->x_min) / (m->x_max - m->x_min) * m->w);
}

static double map_y(const struct mapping *m, double y)
{
	return near((m->y_max - y) / (m->y_max - m->y_min) * m->h);
}

/* ---- segments ---------------------------------------------------- */

/* One Liang-Barsky edge test; false when the segment is outside. */
static bool clip_edge(double p, double q, double *t0, double *t1)
{
	double r;

	if (p == 0)
		return q >= 0;
	r = q / p;
	if (p < 0) {
		if (r > *t1)
			return false;
		if (r > *t0)
			*t0 = r;
	} else {
		if (r < *t0)
			return false;
		if (r < *t1)
			*t1 = r;
	}
	return true;
}

/* Clip the segment a-b to [0, w] x [0, h] (dots, with half a dot of
 * slack so points on the edge stay); false when nothing is left. */
static bool clip(double *ax, double *ay, double *bx, double *by,
		 double w, double h)
{
	double dx = *bx - *ax, dy = *by - *ay, t0 = 0, t1 = 1;
	double lo = -0.5, wx = w + 0.5, hy = h + 0.5;

	if (!clip_edge(-dx, *ax - lo, &t0, &t1)
	    || !clip_edge(dx, wx - *ax, &t0, &t1)
	    || !clip_edge(-dy, *ay - lo, &t0, &t1)
	    || !clip_edge(dy, hy - *ay, &t0, &t1))
		return false;
	*bx = *ax + t1 * dx, *by = *ay + t1 * dy;
	*ax = *ax + t0 * dx, *ay = *ay + t0 * dy;
	return true;
}

/* How one series puts its dots. */
struct pen {
	enum plot_style style;
	char ascii;             /* its ASCII glyph */
	bool dotted;            /* every other dot only */
	unsigned long step;     /* dots walked so far (for dotted) */
};

/* Walk the dots from (x0, y0) to (x1, y1) (Bresenham); the first dot
 * is left to the previous segment when skip_first. */
static void raster(struct canvas *cv, struct pen *pen, long x0, long y0,
		   long x1, long y1, bool skip_first)
{
	long dx = labs(x1 - x0), dy = -labs(y1 - y0);
	long sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, err = dx + dy;

	for (bool first = true;; first = false) {
		if (!(first && skip_first)) {
			if (!pen->dotted || pen->step % 2 == 0)
				canvas_dot(cv, x0, y0, pen->style,
					   pen->ascii);
			pen->step++;
		}
		if (x0 == x1 && y0 == y1)
			break;
		long e2 = 2 * err;
		if (e2 >= dy)
			err += dy, x0 += sx;
		if (e2 <= dx)
			err += dx, y0 += sy;
	}
}

/* Draw the segment between two mapped points, clipped. */
static void segment(struct canvas *cv, struct pen *pen,
		    const struct mapping *m, double ax, double ay,
		    double bx, double by, bool joined)
{
	double cax = ax, cay = ay;

	if (!clip(&ax, &ay, &bx, &by, m->w, m->h))
		return;
	/* Skip the first dot only when it is the previous end point. */
	joined = joined && ax == cax && ay == cay;
	raster(cv, pen, lround(ax), lround(ay), lround(bx), lround(by),
	       joined);
}

/* The pen of a series. */
static struct pen series_pen(const struct plot_series *s)
{
	struct pen p = { PS_SERIES0, '*', false, 0 };

	if (s->kind)
		p.style = PS_SERIES1, p.ascii = '+', p.dotted = true;
	if (s->faint)
		p.style = PS_FAINT, p.ascii = '.';
	return p;
}

/* Draw one series as a line through its drawable points; a point with
 * no drawable neighbour is a single dot. */
static void draw_series(struct canvas *cv, const struct mapping *m,
			const struct plot_series *s)
{
	struct pen pen = series_pen(s);
	bool have_prev = false, joined = false;
	double px = 0, py = 0;

	if (cv->glyphs == PLOT_ASCII)
		pen.dotted = false;     /* '+' tells kind 1 apart */
	for (size_t i = 0; i < s->n; i++) {
		double y, x, my;

		if (!point_y(s, i, m->log_y, &y)) {
			have_prev = joined = false;
			continue;
		}
		x = map_x(m, series_x(s, i));
		my = map_y(m, y);
		if (have_prev) {
			segment(cv, &pen, m, px, py, x, my, joined);
			joined = true;
		} else if (i + 1 >= s->n
			   || !point_y(s, i + 1, m->log_y, &y)) {
			segment(cv, &pen, m, x, my, x, my, false);
		}
		px = x, py = my, have_prev = true;
	}
}

/* ---- markers, flags and counts ----------------------------------- */

/* The area cell of a mapped point; false when outside. */
static bool point_cell(const struct canvas *cv, const struct mapping *m,
		       double x, double y, int *row, int *col)
{
	long dx = lround(x), dy = lround(y);

	if (dx < 0 || dy < 0 || dx > (long)m->w || dy > (long)m->h)
		return false;
	*row = (int)(dy / cv->sy);
	*col = (int)(dx / cv->sx);
	return true;
}

/* Drawable points of s inside the area, counted; with g, kind 1 points
 * get a marker when at most one falls in every two columns. */
static size_t mark_points(const struct canvas *cv, const struct mapping *m,
			  const struct plot_series *s, struct plot_grid *g,
			  int row0, int col0)
{
	size_t inside = 0;

	for (size_t i = 0; i < s->n; i++) {
		double y;
		int r, c;

		if (point_y(s, i, m->log_y, &y)
		    && point_cell(cv, m, map_x(m, series_x(s, i)),
				  map_y(m, y), &r, &c))
			inside++;
	}
	if (!g || !s->kind || cv->glyphs == PLOT_ASCII
	    || inside * 2 > (size_t)cv->cols)
		return inside;
	for (size_t i = 0; i < s->n; i++) {
		double y;
		int r, c;

		if (point_y(s, i, m->log_y, &y)
		    && point_cell(cv, m, map_x(m, series_x(s, i)),
				  map_y(m, y), &r, &c))
			put_glyph(g, row0 + r, col0 + c, MARKER_GLYPH,
				  s->faint ? PS_FAINT : PS_SERIES1);
	}
	return inside;
}

/* Draw '!' at each flagged point of s: at the point, or at the top of
 * the area above its x when its y cannot be drawn. */
static void draw_flags(const struct canvas *cv, const struct mapping *m,
		       const struct plot_series *s, struct plot_grid *g,
		       int row0, int col0)
{
	for (size_t i = 0; s->flag && i < s->n; i++) {
		double y, x = series_x(s, i);
		int r, c;

		if (!s->flag[i] || !isfinite(x))
			continue;
		if (!point_y(s, i, m->log_y, &y)
		    || !point_cell(cv, m, map_x(m, x), map_y(m, y), &r, &c)) {
			if (!point_cell(cv, m, map_x(m, x), 0, &r, &c))
				continue;
			r = 0;
		}
		put_glyph(g, row0 + r, col0 + c, "!", PS_FLAG);
	}
}

/* ---- axes -------------------------------------------------------- */

/* A tick value on the plotted scale, as a data value. */
static double tick_value(const struct mapping *m, double v)
{
	return m->log_y ? pow(10, v) : v;
}

/* The three y tick labels (top, middle, bottom) and their rows; the
 * middle is left out of an area under 5 rows. Returns the widest. */
static int y_ticks(const struct mapping *m, const struct canvas *cv,
		   char lab[3][16], int row[3])
{
	double mid = (m->y_min + m->y_max) / 2;
	int w = 0;

	plot_fmt_num(tick_value(m, m->y_max), lab[0], sizeof lab[0]);
	plot_fmt_num(tick_value(m, mid), lab[1], sizeof lab[1]);
	plot_fmt_num(tick_value(m, m->y_min), lab[2], sizeof lab[2]);
	row[0] = 0;
	row[1] = cv->rows >= 5 ? (int)lround(m->h / 2) / cv->sy : -1;
	row[2] = cv->rows - 1;
	for (int i = 0; i < 3; i++)
		if (row[i] >= 0 && (int)strlen(lab[i]) > w)
			w = (int)strlen(lab[i]);
	return w;
}

/* The y axis with its tick labels right-aligned in width cells. */
static void draw_y_axis(struct plot_grid *g, const struct axis_glyphs *ax,
			int row0, int rows, int width, char lab[3][16],
			const int trow[3])
{
	for (int r = 0; r < rows; r++)
		put_glyph(g, row0 + r, width, ax->v, PS_AXIS);
	for (int i = 0; i < 3; i++) {
		int len = (int)strlen(lab[i]);

		if (trow[i] < 0)
			continue;
		put_text(g, row0 + trow[i], width - len, lab[i], len,
			 PS_LABEL);
		put_glyph(g, row0 + trow[i], width, ax->ytick, PS_AXIS);
	}
}

/* The x axis on row, its end values and the x label on the row below. */
static void draw_x_axis(struct plot_grid *g, const struct axis_glyphs *ax,
			const struct mapping *m, const char *label, int row,
			int col0, int cols)
{
	char lo[16], hi[16];
	int nlo, nhi, room, lw;

	put_glyph(g, row, col0 - 1, ax->corner, PS_AXIS);
	for (int c = 0; c < cols; c++)
		put_glyph(g, row, col0 + c, ax->h, PS_AXIS);
	/* In ASCII a tick beside the corner would read "++". */
	if (strcmp(ax->xtick, ax->corner))
		put_glyph(g, row, col0, ax->xtick, PS_AXIS);
	put_glyph(g, row, col0 + cols - 1, ax->xtick, PS_AXIS);
	nlo = put_text(g, row + 1, col0, plot_fmt_num(m->x_min, lo,
		       sizeof lo), cols, PS_LABEL);
	nhi = (int)strlen(plot_fmt_num(m->x_max, hi, sizeof hi));
	if (nlo + 1 + nhi <= cols)
		put_text(g, row + 1, col0 + cols - nhi, hi, nhi, PS_LABEL);
	room = cols - nlo - nhi - 2;
	if (!label || room < 1)
		return;
	lw = text_cells(label);
	if (lw > room)
		lw = room;
	put_text(g, row + 1, col0 + nlo + 1 + (room - lw) / 2, label, lw,
		 PS_LABEL);
}

/* ---- line plots -------------------------------------------------- */

/* Render series into g (see plot.h). */
int plot_lines(struct plot_grid *g, const struct plot_spec *spec,
	       const struct plot_series *series, size_t n,
	       struct plot_info *info)
{
	const struct axis_glyphs *ax = spec->glyphs == PLOT_ASCII
				       ? &axis_ascii : &axis_utf8;
	struct plot_info local;
	struct mapping m;
	struct canvas cv;
	char lab[3][16];
	int trow[3], width, top = 0, rows;

	info = info ? info : &local;
	memset(info, 0, sizeof *info);
	plot_grid_clear(g);
	if (g->rows < 4 || g->cols < 12)
		return -1;
	if (spec->y_label && g->rows >= 5)
		top = 1;
	rows = g->rows - top - 2;
	fit_ranges(spec, series, n, &m);
	canvas_init(&cv, spec->glyphs, rows, 1);
	m.h = (double)(cv.rows * cv.sy - 1);
	width = y_ticks(&m, &cv, lab, trow);
	canvas_free(&cv);
	canvas_init(&cv, spec->glyphs, rows, g->cols - width - 1);
	m.w = (double)(cv.cols * cv.sx - 1);
	m.h = (double)(cv.rows * cv.sy - 1);
	if (top)
		put_text(g, 0, 0, spec->y_label, g->cols, PS_LABEL);
	for (int pass = 0; pass < 2; pass++)    /* faint runs first */
		for (size_t k = 0; k < n; k++)
			if (series[k].faint == (pass == 0))
				draw_series(&cv, &m, &series[k]);
	canvas_blit(&cv, g, top, width + 1);
	for (size_t k = 0; k < n; k++)
		info->drawn += mark_points(&cv, &m, &series[k], g, top,
					   width + 1);
	for (size_t k = 0; k < n; k++)
		draw_flags(&cv, &m, &series[k], g, top, width + 1);
	draw_y_axis(g, ax, top, rows, width, lab, trow);
	draw_x_axis(g, ax, &m, spec->x_label, top + rows, width + 1,
		    cv.cols);
	count_left_out(series, n, spec->log_y, info);
	info->x_min = m.x_min, info->x_max = m.x_max;
	info->y_min = tick_value(&m, m.y_min);
	info->y_max = tick_value(&m, m.y_max);
	info->area_row = top, info->area_col = width + 1;
	info->area_rows = cv.rows, info->area_cols = cv.cols;
	canvas_free(&cv);
	return 0;
}

/* ---- bar charts -------------------------------------------------- */

/* The value of bar i, negatives and non-finite values as 0. */
static double bar_value(const struct plot_bars *b, size_t i)
{
	double v = b->values[i];

	return isfinite(v) && v > 0 ? v : 0;
}

static double bars_max(const struct plot_bars *b)
{
	double mx = 0;

	for (size_t i = 0; i < b->n; i++)
		mx = fmax(mx, bar_value(b, i));
	return mx;
}

/* The glyph of a bar's part: k eighths (1..8) of a cell, upwards or
 * rightwards; ASCII has only whole cells. */
static void eighths_glyph(int k, bool horizontal, enum plot_glyphs gl,
			  char out[PLOT_GLYPH_MAX])
{
	if (gl == PLOT_ASCII) {
		xsnprintf(out, PLOT_GLYPH_MAX, "#");
		return;
	}
	/* Up: U+2581 (1/8) .. U+2588 (full); right: U+258F (1/8) ..
	 * U+2589 (7/8), full U+2588. */
	int cp = horizontal ? (k == 8 ? 0x2588 : 0x2590 - k) : 0x2580 + k;

	out[0] = (char)0xe2;
	out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[2] = (char)(0x80 | (cp & 0x3f));
	out[3] = '\0';
}

/* Eighths of a bar of value v in a length of cells, at least one for a
 * positive value; ASCII rounds to whole cells. */
static long bar_eighths(double v, double mx, int cells,
			enum plot_glyphs gl)
{
	long e;

	if (mx <= 0 || v <= 0)
		return 0;
	e = lround(v / mx * cells * 8);
	if (gl == PLOT_ASCII)
		e = (e + 4) / 8 * 8;
	return e > 0 ? e : gl == PLOT_ASCII ? 8 : 1;
}

/* A bar as text (plot.h). */
char *plot_hbar_text(double frac, int cells, enum plot_glyphs glyphs,
		     char *buf, size_t n)
{
	long e = cells > 0 ? bar_eighths(frac, 1, cells, glyphs) : 0;
	size_t used = 0;

	if (n)
		buf[0] = '\0';
	for (; e > 0; e -= 8) {
		char glyph[PLOT_GLYPH_MAX];
		size_t len;

		eighths_glyph(e >= 8 ? 8 : (int)e, true, glyphs, glyph);
		len = strlen(glyph);
		if (used + len + 1 > n)
			break;
		memcpy(buf + used, glyph, len + 1);
		used += len;
	}
	return buf;
}

/* One vertical bar of value v over columns [c0, c0 + w) of the area. */
static void vbar(struct plot_grid *g, const struct plot_bars *b, double v,
		 double mx, int top, int rows, int c0, int w)
{
	long e = bar_eighths(v, mx, rows, b->glyphs);

	for (int r = 0; e > 0 && r < rows; r++, e -= 8) {
		char glyph[PLOT_GLYPH_MAX];

		eighths_glyph(e >= 8 ? 8 : (int)e, false, b->glyphs, glyph);
		for (int c = 0; c < w; c++)
			put_glyph(g, top + rows - 1 - r, c0 + c, glyph,
				  PS_BAR);
	}
}

/* The largest value among the bars column c of cols covers. */
static double column_max(const struct plot_bars *b, int c, int cols)
{
	size_t lo = (size_t)c * b->n / (size_t)cols;
	size_t hi = (size_t)(c + 1) * b->n / (size_t)cols;
	double mx = 0;

	for (size_t i = lo; i < hi || i == lo; i++)
		mx = fmax(mx, bar_value(b, i));
	return mx;
}

/* Vertical bars over the area, labels under them when given. */
static void vbars_body(struct plot_grid *g, const struct plot_bars *b,
		       double mx, int top, int rows, int col0, int cols)
{
	int bw, gap;

	if (b->n > (size_t)cols) {
		for (int c = 0; c < cols; c++)
			vbar(g, b, column_max(b, c, cols), mx, top, rows,
			     col0 + c, 1);
		return;
	}
	bw = cols / (int)b->n;
	gap = bw >= 3 ? 1 : 0;
	for (size_t i = 0; i < b->n; i++) {
		int c0 = col0 + (int)i * bw;

		vbar(g, b, bar_value(b, i), mx, top, rows, c0, bw - gap);
		if (b->labels && b->labels[i]) {
			int lw = text_cells(b->labels[i]);

			lw = lw < bw - gap ? lw : bw - gap;
			put_text(g, top + rows + 1, c0 + (bw - gap - lw) / 2,
				 b->labels[i], lw, PS_LABEL);
		}
	}
}

/* Vertical bars with a y axis from 0 to the largest value. */
static int vbars(struct plot_grid *g, const struct plot_bars *b,
		 struct plot_info *info)
{
	const struct axis_glyphs *ax = b->glyphs == PLOT_ASCII
				       ? &axis_ascii : &axis_utf8;
	int top = b->title && g->rows >= 4 ? 1 : 0;
	int under = b->labels && g->rows - top >= 4 ? 1 : 0;
	int rows = g->rows - top - 1 - under, width, cols;
	double mx = bars_max(b);
	char lab[3][16] = { "", "", "0" };
	int trow[3] = { 0, -1, rows - 1 };

	if (rows < 2 || g->cols < 8)
		return -1;
	plot_fmt_num(mx, lab[0], sizeof lab[0]);
	width = (int)strlen(lab[0]);
	cols = g->cols - width - 1;
	if (top)
		put_text(g, 0, 0, b->title, g->cols, PS_LABEL);
	draw_y_axis(g, ax, top, rows, width, lab, trow);
	put_glyph(g, top + rows, width, ax->corner, PS_AXIS);
	for (int c = 0; c < cols; c++)
		put_glyph(g, top + rows, width + 1 + c, ax->h, PS_AXIS);
	if (b->n)
		vbars_body(g, b, mx, top, rows, width + 1, cols);
	info->y_min = 0, info->y_max = mx;
	info->drawn = b->n;
	info->area_row = top, info->area_col = width + 1;
	info->area_rows = rows, info->area_cols = cols;
	return 0;
}

/* One horizontal bar on row: its bar from col0 and its value after. */
static void hbar(struct plot_grid *g, const struct plot_bars *b, size_t i,
		 double mx, int row, int col0, int cells)
{
	long e = bar_eighths(bar_value(b, i), mx, cells, b->glyphs);
	char glyph[PLOT_GLYPH_MAX], num[16];
	int c = 0;

	for (; e > 0; c++, e -= 8) {
		eighths_glyph(e >= 8 ? 8 : (int)e, true, b->glyphs, glyph);
		put_glyph(g, row, col0 + c, glyph, PS_BAR);
	}
	plot_fmt_num(bar_value(b, i), num, sizeof num);
	put_text(g, row, col0 + c + 1, num, (int)strlen(num), PS_LABEL);
}

/* Horizontal bars: a label column, the axis, the bars and values. */
static int hbars(struct plot_grid *g, const struct plot_bars *b,
		 struct plot_info *info)
{
	const struct axis_glyphs *ax = b->glyphs == PLOT_ASCII
				       ? &axis_ascii : &axis_utf8;
	int top = b->title && g->rows >= 2 ? 1 : 0;
	int lw = 0, vw = 1, cells;
	double mx = bars_max(b);
	size_t shown = b->n < (size_t)(g->rows - top)
		       ? b->n : (size_t)(g->rows - top);

	if (g->rows - top < 1 || g->cols < 8)
		return -1;
	for (size_t i = 0; i < shown; i++) {
		char num[16];
		int w = b->labels ? text_cells(b->labels[i]) : 0;

		lw = w > lw ? w : lw;
		w = (int)strlen(plot_fmt_num(bar_value(b, i), num,
					     sizeof num));
		vw = w > vw ? w : vw;
	}
	lw = lw > g->cols / 3 ? g->cols / 3 : lw;
	cells = g->cols - (lw ? lw + 1 : 0) - 1 - 1 - vw;
	if (cells < 1)
		return -1;
	if (top)
		put_text(g, 0, 0, b->title, g->cols, PS_LABEL);
	for (size_t i = 0; i < shown; i++) {
		int row = top + (int)i, c = lw ? lw + 1 : 0;

		if (lw && b->labels[i])
			put_text(g, row, 0, b->labels[i], lw, PS_LABEL);
		put_glyph(g, row, c, ax->v, PS_AXIS);
		hbar(g, b, i, mx, row, c + 1, cells);
	}
	info->x_min = 0, info->x_max = mx;
	info->drawn = shown;
	info->area_row = top, info->area_col = lw ? lw + 2 : 1;
	info->area_rows = (int)shown, info->area_cols = cells;
	return 0;
}

/* Render bars into g (see plot.h). */
int plot_bar_chart(struct plot_grid *g, const struct plot_bars *bars,
		   struct plot_info *info)
{
	struct plot_info local;
	int rc;

	info = info ? info : &local;
	memset(info, 0, sizeof *info);
	plot_grid_clear(g);
	for (size_t i = 0; i < bars->n; i++)
		if (!isfinite(bars->values[i]))
			info->nonfinite++;
	rc = bars->horizontal ? hbars(g, bars, info) : vbars(g, bars, info);
	if (rc < 0)
		plot_grid_clear(g);
	return rc;
}
