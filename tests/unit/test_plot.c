/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_plot: known series rendered into small grids by each renderer
 * (braille, block, ASCII), with every cell worked out by hand from the
 * mapping (x_min at dot 0, x_max at the last dot) and Bresenham's
 * walk; log scales that report the values they leave out; bars
 * vertical and horizontal with eighth blocks; a long tail squeezed
 * into fewer columns; the compact number format. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <string.h>

#include "plot.h"

/* Every row of g must be as given. */
static void rows_are(const struct plot_grid *g, const char *const *want)
{
	char buf[512];

	for (int r = 0; r < g->rows; r++)
		assert_string_equal(plot_grid_row(g, r, buf, sizeof buf),
				    want[r]);
}

static enum plot_style style_at(const struct plot_grid *g, int r, int c)
{
	return (enum plot_style)plot_grid_at(g, r, c)->style;
}

/* y = x / 3 at x = 0, 3, 6, 9 in a 6 x 12 ASCII grid: a 4 x 10 area,
 * so dots map one to one and each segment is a 3-by-1 Bresenham step. */
static void test_ascii_line(void **state)
{
	(void)state;
	double x[] = { 0, 3, 6, 9 }, y[] = { 0, 1, 2, 3 };
	struct plot_series s = { x, y, 4, 0, false, NULL };
	struct plot_spec spec = { .glyphs = PLOT_ASCII };
	struct plot_grid g;
	struct plot_info info;
	static const char *const want[] = {
		"3+        **",
		" |     ***  ",
		" |  ***     ",
		"0+**        ",
		" +---------+",
		"  0        9",
	};

	plot_grid_init(&g, 6, 12);
	assert_int_equal(plot_lines(&g, &spec, &s, 1, &info), 0);
	rows_are(&g, want);
	assert_int_equal(style_at(&g, 0, 10), PS_SERIES0);
	assert_int_equal(style_at(&g, 0, 1), PS_AXIS);
	assert_int_equal(style_at(&g, 0, 0), PS_LABEL);
	assert_int_equal(style_at(&g, 0, 2), PS_NONE);
	assert_int_equal(info.area_row, 0);
	assert_int_equal(info.area_col, 2);
	assert_int_equal(info.area_rows, 4);
	assert_int_equal(info.area_cols, 10);
	assert_int_equal(info.drawn, 4);
	assert_true(info.x_min == 0 && info.x_max == 9);
	assert_true(info.y_min == 0 && info.y_max == 3);
	plot_grid_free(&g);
}

/* A flat series 0 at the top and a flat series 1 at the bottom with a
 * flag: 2 x 10 cells of area, fixed ranges x [0, 19] (20 dots across),
 * y [0, 7] (8 dots down). */
static void two_flat_series(enum plot_glyphs gl, struct plot_grid *g)
{
	static const double x[] = { 0, 19 }, top[] = { 7, 7 };
	static const double bottom[] = { 0, 0 };
	static const unsigned char flag[] = { 0, 1 };
	struct plot_series s[] = {
		{ x, top, 2, 0, false, flag },
		{ x, bottom, 2, 1, false, NULL },
	};
	struct plot_spec spec = {
		.glyphs = gl, .fix_x = true, .fix_y = true,
		.x_min = 0, .x_max = 19, .y_min = 0, .y_max = 7,
	};

	plot_grid_init(g, 4, 12);
	assert_int_equal(plot_lines(g, &spec, s, 2, NULL), 0);
}

/* Braille: series 0 fills the top dot row (dots 1 and 4: U+2809),
 * series 1 every other dot of the bottom row (dot 7 only: U+2840) with
 * a marker at both its points (2 points in 10 columns). */
static void test_braille_two_series(void **state)
{
	(void)state;
	struct plot_grid g;
	static const char *const want[] = {
		"7┤⠉⠉⠉⠉⠉⠉⠉⠉⠉!",
		"0┤•⡀⡀⡀⡀⡀⡀⡀⡀•",
		" └┬────────┬",
		"  0       19",
	};

	two_flat_series(PLOT_BRAILLE, &g);
	rows_are(&g, want);
	assert_int_equal(style_at(&g, 0, 2), PS_SERIES0);
	assert_int_equal(style_at(&g, 1, 3), PS_SERIES1);
	assert_int_equal(style_at(&g, 1, 2), PS_SERIES1);
	assert_int_equal(style_at(&g, 0, 11), PS_FLAG);
	assert_int_equal(style_at(&g, 2, 5), PS_AXIS);
	assert_int_equal(style_at(&g, 3, 10), PS_LABEL);
	plot_grid_free(&g);
}

/* Block: 2x2 quadrants, so y [0, 7] spans 4 dots: series 0 the upper
 * halves (U+2580), series 1 every other lower-left quadrant (U+2596). */
static void test_block_two_series(void **state)
{
	(void)state;
	struct plot_grid g;
	static const char *const want[] = {
		"7┤▀▀▀▀▀▀▀▀▀!",
		"0┤•▖▖▖▖▖▖▖▖•",
		" └┬────────┬",
		"  0       19",
	};

	two_flat_series(PLOT_BLOCK, &g);
	rows_are(&g, want);
	plot_grid_free(&g);
}

/* ASCII: series 1 is '+' (no markers: the glyph tells it apart). */
static void test_ascii_two_series(void **state)
{
	(void)state;
	struct plot_grid g;
	static const char *const want[] = {
		"7+*********!",
		"0+++++++++++",
		" +---------+",
		"  0       19",
	};

	two_flat_series(PLOT_ASCII, &g);
	rows_are(&g, want);
	assert_int_equal(style_at(&g, 1, 2), PS_SERIES1);
	plot_grid_free(&g);
}

/* Log y over 1, 10, 100 with a 0 and a -1 left out and counted: the
 * y axis reads 1, 10 (the middle of the decades), 100; the x range
 * fits the points drawn only (1..3). */
static void test_log_scale(void **state)
{
	(void)state;
	double y[] = { 1, 10, 100, 0, -1 };
	struct plot_series s = { NULL, y, 5, 0, false, NULL };
	struct plot_spec spec = { .glyphs = PLOT_ASCII, .log_y = true };
	struct plot_grid g;
	struct plot_info info;
	static const char *const want[] = {
		"100+       *",
		"   |     ** ",
		" 10+   **   ",
		"   | **     ",
		"  1+*       ",
		"   +-------+",
		"    1      3",
	};

	plot_grid_init(&g, 7, 12);
	assert_int_equal(plot_lines(&g, &spec, &s, 1, &info), 0);
	rows_are(&g, want);
	assert_int_equal(info.nonpositive, 2);
	assert_int_equal(info.nonfinite, 0);
	assert_true(info.y_min == 1 && info.y_max == 100);
	assert_true(info.x_min == 1 && info.x_max == 3);
	plot_grid_free(&g);
}

/* NaN breaks the line and is counted; its flag goes to the top of the
 * area above its x; faint runs draw '.' under the current one; the y
 * label takes the first row. */
static void test_nan_faint_labels(void **state)
{
	(void)state;
	double x[] = { 0, 9 }, cur[] = { 0, NAN }, old[] = { 1, 1 };
	unsigned char flag[] = { 0, 1 };
	struct plot_series s[] = {
		{ x, cur, 2, 0, false, flag },
		{ x, old, 2, 0, true, NULL },
	};
	struct plot_spec spec = {
		.glyphs = PLOT_ASCII, .x_label = "epoch", .y_label = "loss",
		.fix_y = true, .y_min = 0, .y_max = 3,
	};
	struct plot_grid g;
	struct plot_info info;
	static const char *const want[] = {
		"loss        ",
		"3+         !",
		" |          ",
		" |..........",
		"0+*         ",
		" +---------+",
		"  0 epoch  9",
	};

	plot_grid_init(&g, 7, 12);
	assert_int_equal(plot_lines(&g, &spec, s, 2, &info), 0);
	rows_are(&g, want);
	assert_int_equal(info.nonfinite, 1);
	assert_int_equal(info.drawn, 3);
	assert_int_equal(style_at(&g, 3, 5), PS_FAINT);
	assert_int_equal(style_at(&g, 1, 11), PS_FLAG);
	plot_grid_free(&g);
}

/* A grid without room for axes is refused and left blank. */
static void test_too_small(void **state)
{
	(void)state;
	double y[] = { 1, 2 };
	struct plot_series s = { NULL, y, 2, 0, false, NULL };
	struct plot_spec spec = { .glyphs = PLOT_BRAILLE };
	struct plot_grid g;
	char buf[64];

	plot_grid_init(&g, 3, 20);
	assert_int_equal(plot_lines(&g, &spec, &s, 1, NULL), -1);
	assert_string_equal(plot_grid_row(&g, 0, buf, sizeof buf),
			    "                    ");
	plot_grid_free(&g);
	plot_grid_init(&g, 0, 5);
	assert_int_equal(plot_lines(&g, &spec, &s, 1, NULL), -1);
	assert_null(plot_grid_at(&g, 0, 0));
	plot_grid_free(&g);
}

/* Vertical bars 1, 3, 4 over 2 rows (16 eighths): 4/16 is a lower half
 * block, 12/16 a full cell under a half, 16/16 two full cells. */
static void test_vertical_bars(void **state)
{
	(void)state;
	double v[] = { 1, 3, 4 };
	const char *lab[] = { "a", "b", "c" };
	struct plot_bars b = { v, 3, lab, false, PLOT_BRAILLE, NULL };
	struct plot_grid g;
	static const char *const want[] = {
		"4┤  ▄▄██",
		"0┤▄▄████",
		" └──────",
		"  a b c ",
	};

	plot_grid_init(&g, 4, 8);
	assert_int_equal(plot_bar_chart(&g, &b, NULL), 0);
	rows_are(&g, want);
	assert_int_equal(style_at(&g, 1, 2), PS_BAR);
	assert_int_equal(style_at(&g, 3, 2), PS_LABEL);
	plot_grid_free(&g);
}

/* Horizontal ASCII bars in 6 cells: 2/4 -> 3 cells, 4/4 -> 6, 1/4 ->
 * 1.5 rounded to 2; labels in a left column, values after the bars. */
static void test_horizontal_bars(void **state)
{
	(void)state;
	double v[] = { 2, 4, 1 };
	const char *lab[] = { "x", "yy", "z" };
	struct plot_bars b = { v, 3, lab, true, PLOT_ASCII, NULL };
	struct plot_grid g;
	struct plot_info info;
	static const char *const want[] = {
		"x  |### 2   ",
		"yy |###### 4",
		"z  |## 1    ",
	};

	plot_grid_init(&g, 3, 12);
	assert_int_equal(plot_bar_chart(&g, &b, &info), 0);
	rows_are(&g, want);
	assert_int_equal(info.drawn, 3);
	plot_grid_free(&g);
}

/* Horizontal eighths in 4 cells (32 eighths for the largest, 10):
 * 2 is 6.4 -> 6 eighths (U+258A), 3 is 9.6 -> 10, a full cell and a
 * quarter (U+258E). */
static void test_horizontal_eighths(void **state)
{
	(void)state;
	double v[] = { 10, 2, 3 };
	struct plot_bars b = { v, 3, NULL, true, PLOT_BLOCK, "n" };
	struct plot_grid g;
	static const char *const want[] = {
		"n       ",
		"│████ 10",
		"│▊ 2    ",
		"│█▎ 3   ",
	};

	plot_grid_init(&g, 4, 8);
	assert_int_equal(plot_bar_chart(&g, &b, NULL), 0);
	rows_are(&g, want);
	plot_grid_free(&g);
}

/* 20 falling values in 5 columns: each column shows the largest of the
 * 4 it covers (20, 16, 12, 8, 4), rounded to whole cells in ASCII. */
static void test_long_tail(void **state)
{
	(void)state;
	double v[20];
	struct plot_bars b = { v, 20, NULL, false, PLOT_ASCII, NULL };
	struct plot_grid g;
	static const char *const want[] = {
		"20+##   ",
		" 0+#####",
		"  +-----",
	};

	for (int i = 0; i < 20; i++)
		v[i] = 20 - i;
	plot_grid_init(&g, 3, 8);
	assert_int_equal(plot_bar_chart(&g, &b, NULL), 0);
	rows_are(&g, want);
	plot_grid_free(&g);
}

/* The compact number format. */
static void test_fmt_num(void **state)
{
	(void)state;
	static const struct { double v; const char *s; } cases[] = {
		{ 0, "0" }, { 1e-4, "1.0e-04" }, { 0.91234, "0.9123" },
		{ 12, "12" }, { -3.5, "-3.5" }, { 12345, "12.3k" },
		{ 4560000, "4.56M" }, { 999999, "1M" }, { 9999.7, "10k" },
		{ 1e20, "1.0e+20" }, { 0.001234, "0.00123" },
		{ 123.456, "123.5" },
	};
	char buf[16];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(plot_fmt_num(cases[i].v, buf, sizeof buf),
				    cases[i].s);
	assert_string_equal(plot_fmt_num(NAN, buf, sizeof buf), "n/a");
	assert_string_equal(plot_fmt_num(-INFINITY, buf, sizeof buf), "n/a");
}

/* The glyph set choice and legend samples. */
static void test_choose(void **state)
{
	(void)state;
	assert_int_equal(plot_glyphs_choose(true, false, false),
			 PLOT_BRAILLE);
	assert_int_equal(plot_glyphs_choose(true, false, true), PLOT_BLOCK);
	assert_int_equal(plot_glyphs_choose(false, false, true), PLOT_ASCII);
	assert_int_equal(plot_glyphs_choose(true, true, false), PLOT_ASCII);
	assert_string_equal(plot_legend_sample(PLOT_ASCII, 1, false), "++");
	assert_string_equal(plot_legend_sample(PLOT_BRAILLE, 0, false),
			    "⠉⠉");
}

/* A table's bar as text: whole cells and an eighth-block end, at least
 * an eighth for a tiny positive value, whole '#' cells in ASCII. */
static void test_hbar_text(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(plot_hbar_text(0.5, 4, PLOT_BLOCK, buf,
					   sizeof buf), "\u2588\u2588");
	/* 0.55 x 4 cells = 17.6 eighths: 2 cells and 2 eighths */
	assert_string_equal(plot_hbar_text(0.55, 4, PLOT_BLOCK, buf,
					   sizeof buf),
			    "\u2588\u2588\u258e");
	assert_string_equal(plot_hbar_text(0.55, 4, PLOT_ASCII, buf,
					   sizeof buf), "##");
	assert_string_equal(plot_hbar_text(0.01, 4, PLOT_BLOCK, buf,
					   sizeof buf), "\u258f");
	assert_string_equal(plot_hbar_text(0.01, 4, PLOT_ASCII, buf,
					   sizeof buf), "#");
	assert_string_equal(plot_hbar_text(0, 4, PLOT_BLOCK, buf,
					   sizeof buf), "");
	assert_string_equal(plot_hbar_text(1, 3, PLOT_ASCII, buf,
					   sizeof buf), "###");
	/* a buffer too small keeps whole glyphs */
	assert_string_equal(plot_hbar_text(1, 4, PLOT_BLOCK, buf, 8),
			    "\u2588\u2588");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii_line),
		cmocka_unit_test(test_braille_two_series),
		cmocka_unit_test(test_block_two_series),
		cmocka_unit_test(test_ascii_two_series),
		cmocka_unit_test(test_log_scale),
		cmocka_unit_test(test_nan_faint_labels),
		cmocka_unit_test(test_too_small),
		cmocka_unit_test(test_vertical_bars),
		cmocka_unit_test(test_horizontal_bars),
		cmocka_unit_test(test_horizontal_eighths),
		cmocka_unit_test(test_long_tail),
		cmocka_unit_test(test_fmt_num),
		cmocka_unit_test(test_choose),
		cmocka_unit_test(test_hbar_text),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
