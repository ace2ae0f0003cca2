/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plot: line plots and bar charts rendered into a grid of terminal
 * cells, without curses, so the same drawing is tested in the core and
 * blitted by ui/plotdraw.c with theme attributes.
 *
 * Each cell holds one UTF-8 glyph (display width 1) and a style class;
 * the UI maps the class to an attribute. Three glyph sets: braille
 * (2x4 dots per cell, U+2800), block (2x2 quadrants per cell,
 * U+2596-U+259F) and ASCII (one point per cell). Two series are told
 * apart by glyph as well as style, so they read on a monochrome
 * terminal: series kind 0 is a solid line ('*' in ASCII), kind 1 a
 * dotted line (every other dot; '+' in ASCII) with a marker glyph at
 * each of its points when the points are sparse enough to show one.
 * Earlier runs are drawn in the faint style ('.' in ASCII) with their
 * kind's pattern, flagged points (a divergent epoch) as '!'.
 *
 * Layout of a line plot (rows top to bottom): the y label if given
 * (and the grid has 5 rows or more),
 * the data area with the y tick values right-aligned to its left and
 * the y axis, the x axis, then the x tick values with the x label
 * between them. Values that are NaN or infinite, or not positive on a
 * log scale, are left out and counted (struct plot_info); a line
 * breaks at them. Segments are clipped to given ranges. */
#ifndef TASTE_PLOT_H
#define TASTE_PLOT_H

#include <stdbool.h>
#include <stddef.h>

/* Style class of a cell; the UI maps each to a theme attribute. */
enum plot_style {
	PS_NONE,        /* an empty cell */
	PS_AXIS,        /* axis lines */
	PS_LABEL,       /* tick values and axis labels */
	PS_SERIES0,     /* the first series (e.g. training loss) */
	PS_SERIES1,     /* the second series (e.g. validation RMSE) */
	PS_FAINT,       /* earlier runs, drawn for comparison */
	PS_FLAG,        /* a flagged point ('!'): a divergent epoch */
	PS_BAR,         /* histogram and long-tail bars */
	PS_COUNT
};

enum plot_glyphs { PLOT_BRAILLE, PLOT_BLOCK, PLOT_ASCII };

#define PLOT_GLYPH_MAX 5        /* one UTF-8 character and its NUL */

struct plot_cell {
	char glyph[PLOT_GLYPH_MAX];
	unsigned char style;    /* enum plot_style */
};

struct plot_grid {
	int rows, cols;
	struct plot_cell *cells;        /* rows * cols, row-major */
};

/* Allocate a rows x cols grid of blank cells (" ", PS_NONE); rows and
 * cols below 1 give an empty grid. */
void plot_grid_init(struct plot_grid *g, int rows, int cols);
void plot_grid_free(struct plot_grid *g);
/* Blank every cell. */
void plot_grid_clear(struct plot_grid *g);
/* The cell at (row, col); NULL outside the grid. */
struct plot_cell *plot_grid_at(const struct plot_grid *g, int row, int col);
/* Row r as one UTF-8 string (the glyphs side by side) into buf; used by
 * tests and by text output. Returns buf ("" outside the grid). */
char *plot_grid_row(const struct plot_grid *g, int row, char *buf,
		    size_t len);

/* One line series. */
struct plot_series {
	const double *x;        /* NULL: 1, 2, ..., n (epochs) */
	const double *y;
	size_t n;
	int kind;               /* 0 solid / '*', 1 dotted / '+' */
	bool faint;             /* an earlier run: PS_FAINT, '.' in ASCII */
	/* NULL, or n flags: a non-zero flag draws '!' at that point (at
	 * the top of the area when its y cannot be drawn, e.g. NaN). */
	const unsigned char *flag;
};

struct plot_spec {
	enum plot_glyphs glyphs;
	bool log_y;             /* log10 scale on y */
	bool fix_x, fix_y;      /* use the ranges below, else fit the data */
	double x_min, x_max, y_min, y_max;
	const char *x_label;    /* NULL for none; cut to fit */
	const char *y_label;    /* NULL for none: no title row */
};

/* What a render did, for the caller's legend and messages. */
struct plot_info {
	double x_min, x_max, y_min, y_max;      /* the ranges drawn */
	size_t nonfinite;       /* values left out: NaN or infinite */
	size_t nonpositive;     /* values left out on the log scale */
	size_t drawn;           /* points inside the area */
	/* The data area in grid cells. */
	int area_row, area_col, area_rows, area_cols;
};

/* Render series[0..n) into g (cleared first), faint series first so
 * the current run is on top. Returns 0, or -1 when g is too small for
 * axes and an area (fewer than 4 rows or 12 columns): g is then left
 * blank. info may be NULL. */
int plot_lines(struct plot_grid *g, const struct plot_spec *spec,
	       const struct plot_series *series, size_t n,
	       struct plot_info *info);

/* A bar chart: a rating histogram, a long tail. */
struct plot_bars {
	const double *values;   /* n values >= 0 (negatives count as 0) */
	size_t n;
	const char *const *labels;  /* NULL, or n labels ("0.5", "4") */
	bool horizontal;        /* one row per bar, label left, value right */
	enum plot_glyphs glyphs;
	const char *title;      /* NULL for none: no title row */
};

/* Render bars into g (cleared first). Vertical: bars side by side
 * over the width with eighth-block tops (U+2581-U+2588, '#' in ASCII),
 * the maximum at the top of the y axis, the labels under the bars when
 * they fit; when there are more values than columns, each column shows
 * the largest value it covers (the shape of a long tail survives).
 * Horizontal: a bar per row with eighth-block ends (U+258F-U+2589),
 * the labels in a left column and each value after its bar; bars
 * beyond the rows are left out (info->drawn says how many fit).
 * Returns 0, or -1 when g is too small (vertical: fewer than 3 rows;
 * horizontal: no row for a bar; either: fewer than 8 columns, or no
 * room left for the bars): g is then left blank. info may be NULL. */
int plot_bar_chart(struct plot_grid *g, const struct plot_bars *bars,
		   struct plot_info *info);

/* A horizontal bar of frac (0..1) of cells columns as text into buf,
 * with an eighth-block end (whole '#' cells in ASCII), at least an
 * eighth for frac > 0: the bars of tables (frequency tables, the
 * rating histogram) drawn like the charts. Returns buf. */
char *plot_hbar_text(double frac, int cells, enum plot_glyphs glyphs,
		     char *buf, size_t n);

/* v compactly in at most 7 characters for ticks and legends: "0.912",
 * "12", "-3.5", "12.3k", "4.56M", "1.2e-05", "n/a" when not finite.
 * Returns buf (len >= 12). */
char *plot_fmt_num(double v, char *buf, size_t len);

/* A short sample of a series' look for a legend line ("⠉⠉" solid,
 * "⠁⠁" dotted, "**", "++", ".."): a static string. */
const char *plot_legend_sample(enum plot_glyphs glyphs, int kind,
			       bool faint);

/* The glyph set to use: ASCII when asked or the locale is not UTF-8,
 * else block when asked, else braille. */
enum plot_glyphs plot_glyphs_choose(bool utf8_locale, bool ascii,
				    bool block);

#endif
