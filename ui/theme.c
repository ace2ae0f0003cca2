/* SPDX-License-Identifier: GPL-3.0-or-later */
/* theme: attributes per role and the glyph set. Each role has a
 * monochrome attribute that carries the meaning on its own; the colour
 * theme adds a foreground colour on the default background and keeps
 * the monochrome attribute, so nothing is told by colour alone. */
#include <config.h>

#include <langinfo.h>
#include <string.h>

#include "theme.h"

struct role_def {
	attr_t mono;    /* the attribute that carries the meaning */
	short fg;       /* colour added in the colour theme, -1 for none */
};

static const struct role_def roles[TH_COUNT] = {
	[TH_NORMAL] = { A_NORMAL, -1 },
	[TH_HEAD] = { A_BOLD, COLOR_CYAN },
	[TH_TAB] = { A_NORMAL, -1 },
	[TH_TAB_ON] = { A_REVERSE | A_BOLD, -1 },
	[TH_COLHEAD] = { A_BOLD, -1 },
	[TH_COLHEAD_ON] = { A_REVERSE | A_BOLD, -1 },
	[TH_SEL] = { A_REVERSE, -1 },
	[TH_COL_ON] = { A_NORMAL, COLOR_YELLOW },
	[TH_DIM] = { A_DIM, -1 },
	[TH_KEY] = { A_BOLD, COLOR_CYAN },
	[TH_OK] = { A_BOLD, COLOR_GREEN },
	[TH_ERR] = { A_BOLD | A_UNDERLINE, COLOR_RED },
	[TH_NOTE] = { A_BOLD, COLOR_MAGENTA },
	[TH_STARS] = { A_NORMAL, COLOR_YELLOW },
	[TH_BAR] = { A_NORMAL, COLOR_CYAN },
	[TH_TITLE] = { A_BOLD, -1 },
};

static const struct glyphs glyphs_utf8 = {
	"─", "│", "┌", "┐", "└", "┘", "▶", "▲",
	"▼", "…", "–", "·", "×", "«", "»",
};

static const struct glyphs glyphs_ascii = {
	"-", "|", "+", "+", "+", "+", ">", "^", "v", "~", "-", "|", "x",
	"<", ">",
};

static attr_t attrs[TH_COUNT];
static const struct glyphs *glyphs = &glyphs_utf8;
static bool use_ascii;
static bool use_color;

/* True when the locale's codeset is UTF-8 (nl_langinfo). */
bool theme_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* Give each coloured role its own pair on the default background. */
static void theme_init_pairs(void)
{
	short pair = 1;

	for (int r = 0; r < TH_COUNT; r++) {
		attrs[r] = roles[r].mono;
		if (roles[r].fg < 0)
			continue;
		init_pair(pair, roles[r].fg, -1);
		attrs[r] |= COLOR_PAIR(pair);
		pair++;
	}
}

/* Set up colours (after initscr) and glyphs. */
void theme_init(bool want_color, bool ascii)
{
	use_ascii = ascii || !theme_locale_utf8();
	glyphs = use_ascii ? &glyphs_ascii : &glyphs_utf8;
	use_color = want_color && has_colors() && start_color() == OK;
	if (use_color && use_default_colors() != OK)
		assume_default_colors(-1, -1);
	for (int r = 0; r < TH_COUNT; r++)
		attrs[r] = roles[r].mono;
	if (use_color)
		theme_init_pairs();
}

/* The attribute to draw role r with. */
attr_t theme_attr(enum theme_role r)
{
	return attrs[r];
}

/* The glyph set in use. */
const struct glyphs *theme_glyphs(void)
{
	return glyphs;
}

/* True when glyphs (and stars) are drawn in ASCII. */
bool theme_ascii(void)
{
	return use_ascii;
}

/* True when the colour theme is on. */
bool theme_color(void)
{
	return use_color;
}
