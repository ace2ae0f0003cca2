/* SPDX-License-Identifier: GPL-3.0-or-later */
/* draw: fixed-width text cells measured by display width. Control
 * characters never reach the screen (a title holding one would shift
 * every column after it): they are drawn as spaces. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "text.h"
#include "theme.h"
#include "util.h"

/* The typographic glyphs of our own text spelled in ASCII, for
 * --ascii: every string drawn goes through ui_text or ui_puts, so this
 * is the one place (a title holding one is spelled so too, which an
 * ASCII terminal needs as much). */
static const struct { const char *glyph, *ascii; } ascii_spelling[] = {
	{ "\u03bb", "lambda" }, { "\u2265", ">=" }, { "\u2264", "<=" },
	{ "\u00b7", "-" }, { "\u2026", "..." }, { "\u00d7", "x" },
	{ "\u2192", "->" }, { "\u2190", "<-" }, { "\u00b1", "+-" },
	{ "\u2013", "-" }, { "\u2014", "-" }, { "\u2016", "||" },
	{ "\u2212", "-" }, { "\u2248", "~" }, { "\u00b0", " deg" },
};

/* s with ascii_spelling applied under --ascii, into a malloc'd copy
 * (*own, to free) when anything changed; else s itself. */
static const char *ascii_text(const char *s, char **own)
{
	*own = NULL;
	if (!s || !theme_ascii())
		return s;
	const char *p = s;
	while (*p && !((unsigned char)*p & 0x80))
		p++;
	if (!*p)
		return s;       /* ASCII already: the usual case */
	size_t cap = strlen(s) * 3 + 1, len = 0;
	char *out = xmalloc(cap);
	while (*s) {
		size_t k = 0;
		while (k < ARRAY_LEN(ascii_spelling) &&
		       strncmp(s, ascii_spelling[k].glyph,
			       strlen(ascii_spelling[k].glyph)) != 0)
			k++;
		if (k == ARRAY_LEN(ascii_spelling)) {
			out[len++] = *s++;
			continue;
		}
		size_t m = strlen(ascii_spelling[k].ascii);
		memcpy(out + len, ascii_spelling[k].ascii, m);
		len += m;
		s += strlen(ascii_spelling[k].glyph);
	}
	out[len] = '\0';
	return *own = out;
}

/* Write n bytes of s, with control bytes drawn as spaces. */
static void put_bytes(WINDOW *w, const char *s, size_t n)
{
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)s[i] >= 0x20 && s[i] != 0x7f)
			continue;
		if (i > start)
			waddnstr(w, s + start, (int)(i - start));
		waddch(w, ' ');
		start = i + 1;
	}
	if (n > start)
		waddnstr(w, s + start, (int)(n - start));
}

/* Display width of the first n bytes of s. */
static int prefix_width(const char *s, size_t n)
{
	char buf[512];
	char *p = n < sizeof(buf) ? buf : xmalloc(n + 1);
	int wd;

	memcpy(p, s, n);
	p[n] = '\0';
	wd = (int)text_width(p);
	if (p != buf)
		free(p);
	return wd;
}

/* Draw s from (y, x) without padding, at most cols cells. */
/* cols cut to what is left of the window's width from x, so that text
 * is cut at the window's right edge and never wraps onto the next line
 * whatever the caller worked out. */
static int clip_cols(WINDOW *w, int x, int cols)
{
	int room = getmaxx(w) - x;

	return cols < room ? cols : room;
}

int ui_puts(WINDOW *w, int y, int x, const char *s, int cols, attr_t a)
{
	size_t n;
	char *own;
	int wd;

	cols = clip_cols(w, x, cols);
	if (cols <= 0 || !s)
		return 0;
	s = ascii_text(s, &own);
	n = text_fit(s, (size_t)cols);
	wattrset(w, a);
	wmove(w, y, x);
	put_bytes(w, s, n);
	wattrset(w, A_NORMAL);
	wd = prefix_width(s, n);
	free(own);
	return wd;
}

/* cols spaces. */
void ui_blank(WINDOW *w, int y, int x, int cols, attr_t a)
{
	if (cols <= 0)
		return;
	wattrset(w, a);
	mvwhline(w, y, x, ' ', cols);
	wattrset(w, A_NORMAL);
}

/* Draw s in exactly cols cells at (y, x), padded, cut with an ellipsis. */
int ui_text(WINDOW *w, int y, int x, const char *s, int cols,
	    enum ui_align al, attr_t a)
{
	char *own;
	const char *t = ascii_text(s ? s : "", &own);
	int wd, used, pad = 0;
	size_t n;

	cols = clip_cols(w, x, cols);
	if (cols <= 0) {
		free(own);
		return 0;
	}
	wd = (int)text_width(t);
	n = wd <= cols ? strlen(t) : text_fit(t, (size_t)(cols - 1));
	used = wd <= cols ? wd : prefix_width(t, n) + 1;
	if (al == AL_RIGHT)
		pad = cols - used;
	else if (al == AL_CENTER)
		pad = (cols - used) / 2;
	ui_blank(w, y, x, pad, a);
	wattrset(w, a);
	wmove(w, y, x + pad);
	put_bytes(w, t, n);
	if (wd > cols)
		waddstr(w, theme_glyphs()->ellipsis);
	wattrset(w, A_NORMAL);
	ui_blank(w, y, x + pad + used, cols - pad - used, a);
	free(own);
	return used;
}

/* s cut to at most cols cells into buf, with an ellipsis when cut. */
char *ui_fit(const char *s, int cols, char *buf, size_t n)
{
	const char *ell = theme_glyphs()->ellipsis;
	size_t keep;

	if (cols <= 0 || (int)text_width(s) <= cols) {
		xsnprintf(buf, n, "%s", cols > 0 ? s : "");
		return buf;
	}
	keep = text_fit(s, (size_t)(cols - (int)text_width(ell)));
	xsnprintf(buf, n, "%.*s%s", (int)keep, s, ell);
	return buf;
}

/* s cut to cols cells keeping a trailing " (year)" whole. */
char *ui_fit_label(const char *s, int cols, char *buf, size_t n)
{
	return text_fit_label(s, cols > 0 ? (size_t)cols : 0,
			      theme_glyphs()->ellipsis, buf, n);
}

/* A horizontal rule of cols cells. */
void ui_hline(WINDOW *w, int y, int x, int cols, attr_t a)
{
	const char *g = theme_glyphs()->hline;

	cols = clip_cols(w, x, cols);
	wattrset(w, a);
	wmove(w, y, x);
	for (int i = 0; i < cols; i++)
		waddstr(w, g);
	wattrset(w, A_NORMAL);
}

/* One vertical edge cell at (y, x). */
static void vcell(WINDOW *w, int y, int x)
{
	mvwaddstr(w, y, x, theme_glyphs()->vline);
}

/* A frame around the whole window with a title in the top edge. */
void ui_frame(WINDOW *w, const char *title, attr_t frame, attr_t title_a)
{
	const struct glyphs *g = theme_glyphs();
	int h, wd;

	getmaxyx(w, h, wd);
	ui_hline(w, 0, 1, wd - 2, frame);
	ui_hline(w, h - 1, 1, wd - 2, frame);
	wattrset(w, frame);
	for (int y = 1; y < h - 1; y++) {
		vcell(w, y, 0);
		vcell(w, y, wd - 1);
	}
	mvwaddstr(w, 0, 0, g->tl);
	mvwaddstr(w, 0, wd - 1, g->tr);
	mvwaddstr(w, h - 1, 0, g->bl);
	/* the last cell of a window: curses reports ERR but draws it */
	mvwaddstr(w, h - 1, wd - 1, g->br);
	wattrset(w, A_NORMAL);
	if (title && *title) {
		char cut[512];
		int n = ui_puts(w, 0, 2, " ", 1, frame);

		ui_fit(title, wd - 6, cut, sizeof(cut));
		n += ui_puts(w, 0, 2 + n, cut, wd - 6, title_a);
		ui_puts(w, 0, 2 + n, " ", 1, frame);
	}
}

/* Encode code point c as UTF-8 into buf (5 bytes, NUL-ended). */
size_t ui_utf8(int c, char *buf)
{
	unsigned v = (unsigned)c;
	size_t n = v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4;
	static const unsigned char lead[] = { 0, 0, 0xc0, 0xe0, 0xf0 };

	buf[0] = (char)(n == 1 ? v : (lead[n] | (v >> (6 * (n - 1)))));
	for (size_t i = 1; i < n; i++)
		buf[i] = (char)(0x80 | ((v >> (6 * (n - 1 - i))) & 0x3f));
	buf[n] = '\0';
	return n;
}
