/* SPDX-License-Identifier: GPL-3.0-or-later */
/* draw: text in a fixed number of screen cells. Every width is a
 * display width (text_width / text_fit, so wide CJK characters count
 * two), never a byte count; text that does not fit is cut at a
 * character and ends in an ellipsis. */
#ifndef TASTE_UI_DRAW_H
#define TASTE_UI_DRAW_H

#include <stddef.h>

#include "curses_inc.h"

enum ui_align { AL_LEFT, AL_RIGHT, AL_CENTER };

/* Draw s in exactly cols cells at (y, x), padded with spaces, cut with
 * an ellipsis when too wide. Returns the cells the text itself took. */
int ui_text(WINDOW *w, int y, int x, const char *s, int cols,
	    enum ui_align al, attr_t a);
/* Draw s from (y, x) without padding, at most cols cells; returns the
 * cells used (so runs of differently styled text can follow). */
int ui_puts(WINDOW *w, int y, int x, const char *s, int cols, attr_t a);
/* s cut to at most cols cells into buf, ending in an ellipsis when it
 * was cut; returns buf. */
char *ui_fit(const char *s, int cols, char *buf, size_t n);
/* The same for an item label: a trailing " (1964)" stays and the text
 * before it is cut ("Dr. Strangelove or: How I Le… (1964)"). */
char *ui_fit_label(const char *s, int cols, char *buf, size_t n);
/* A horizontal rule of cols cells. */
void ui_hline(WINDOW *w, int y, int x, int cols, attr_t a);
/* cols spaces. */
void ui_blank(WINDOW *w, int y, int x, int cols, attr_t a);
/* A frame around the whole window with a title in the top edge. */
void ui_frame(WINDOW *w, const char *title, attr_t frame, attr_t title_a);
/* Encode code point c as UTF-8 into buf (5 bytes, NUL-ended); returns
 * the bytes used. */
size_t ui_utf8(int c, char *buf);

#endif
