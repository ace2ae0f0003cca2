/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plotdraw: the one drawer of plot grids (src/plot.h) for every pane.
 * Each style class maps to a theme role, so a plot follows the colour
 * and monochrome themes like the rest of the screen; the series are
 * also told apart by glyph (plot.h), never by colour alone. */
#ifndef TASTE_UI_PLOTDRAW_H
#define TASTE_UI_PLOTDRAW_H

#include <stdbool.h>

#include "curses_inc.h"
#include "plot.h"

/* Draw grid g into w with its top left cell at (y, x); cells that fall
 * outside w are left out. */
void plotdraw_blit(WINDOW *w, int y, int x, const struct plot_grid *g);
/* The attribute a style class is drawn with (for legends that match
 * their series). */
attr_t plotdraw_attr(enum plot_style st);
/* The glyph set for the terminal: ASCII with --ascii or outside a
 * UTF-8 locale, else block when asked, else braille. */
enum plot_glyphs plotdraw_glyphs(bool block);

#endif
