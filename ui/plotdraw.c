/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plotdraw: blit a plot grid into a curses window with theme
 * attributes (see plotdraw.h). */
#include <config.h>

#include "plotdraw.h"
#include "theme.h"

/* The theme role of each style class: series 0 bold (and cyan), series
 * 1 plain (and yellow), earlier runs and axes dim, flags as errors. */
static const enum theme_role style_role[PS_COUNT] = {
	[PS_NONE] = TH_NORMAL,
	[PS_AXIS] = TH_DIM,
	[PS_LABEL] = TH_NORMAL,
	[PS_SERIES0] = TH_KEY,
	[PS_SERIES1] = TH_STARS,
	[PS_FAINT] = TH_DIM,
	[PS_FLAG] = TH_ERR,
	[PS_BAR] = TH_BAR,
};

/* The attribute a style class is drawn with. */
attr_t plotdraw_attr(enum plot_style st)
{
	if ((unsigned)st >= PS_COUNT)
		st = PS_NONE;
	return theme_attr(style_role[st]);
}

/* Draw g into w at (y, x). */
void plotdraw_blit(WINDOW *w, int y, int x, const struct plot_grid *g)
{
	int maxy, maxx;

	getmaxyx(w, maxy, maxx);
	for (int r = 0; r < g->rows && y + r < maxy; r++) {
		if (y + r < 0)
			continue;
		for (int c = 0; c < g->cols && x + c < maxx; c++) {
			const struct plot_cell *cell = plot_grid_at(g, r, c);

			/* "" continues the wide character before it. */
			if (x + c < 0 || !cell->glyph[0])
				continue;
			wattrset(w, plotdraw_attr(cell->style));
			mvwaddstr(w, y + r, x + c, cell->glyph);
		}
	}
	wattrset(w, A_NORMAL);
}

/* The glyph set for this terminal. */
enum plot_glyphs plotdraw_glyphs(bool block)
{
	return plot_glyphs_choose(theme_locale_utf8(), theme_ascii(), block);
}
