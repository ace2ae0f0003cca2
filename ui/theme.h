/* SPDX-License-Identifier: GPL-3.0-or-later */
/* theme: the attributes for each role on screen and the glyph set.
 * Colours sit on the terminal's own background (use_default_colors);
 * the monochrome theme (NO_COLOR, --no-color, or a terminal without
 * colours) shows every state with bold, reverse or underline, never
 * with colour alone, and the colour theme keeps those same attributes
 * so colour only ever adds to them. Glyphs are UTF-8 (box lines, stars,
 * arrows) unless --ascii is given or the locale is not UTF-8. */
#ifndef TASTE_UI_THEME_H
#define TASTE_UI_THEME_H

#include <stdbool.h>

#include "curses_inc.h"

enum theme_role {
	TH_NORMAL,
	TH_HEAD,        /* the catalogue line at the top */
	TH_TAB,         /* an inactive tab */
	TH_TAB_ON,      /* the pane shown */
	TH_COLHEAD,     /* table column headers */
	TH_COLHEAD_ON,  /* the current column's header */
	TH_SEL,         /* the highlighted row */
	TH_COL_ON,      /* cells of the current column */
	TH_DIM,         /* empty cells, frames, secondary text */
	TH_KEY,         /* a key name in the hint bar or help */
	TH_OK,          /* "Saved: ..." */
	TH_ERR,         /* errors */
	TH_NOTE,        /* notes such as missing community ratings */
	TH_STARS,       /* your ratings */
	TH_BAR,         /* histogram and frequency bars */
	TH_TITLE,       /* titles of overlays and the selected item */
	TH_COUNT
};

struct glyphs {
	const char *hline, *vline;
	const char *tl, *tr, *bl, *br;  /* frame corners */
	const char *pointer;            /* the highlighted row */
	const char *up, *down;          /* sort direction */
	const char *ellipsis;           /* a cut cell */
	const char *dash;               /* an empty cell */
	const char *dot;                /* separator in running text */
	const char *times;              /* "100×30" */
	const char *more_left, *more_right;  /* columns scrolled away */
};

/* Set up colours (after initscr) and glyphs. */
void theme_init(bool want_color, bool ascii);
attr_t theme_attr(enum theme_role r);
const struct glyphs *theme_glyphs(void);
bool theme_ascii(void);
bool theme_color(void);
/* True when the locale's codeset is UTF-8 (nl_langinfo). */
bool theme_locale_utf8(void);

#endif
