/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lines: rows of up to four text cells, the content of every overlay
 * (details, statistics, frequency table, help) and of the Search
 * details column. Rows own their strings. A heading row is drawn as one
 * bold cell across the table. */
#ifndef TASTE_UI_LINES_H
#define TASTE_UI_LINES_H

#include <stddef.h>

#define LINES_COLS 4
#define LINE_HEAD 1u     /* a section heading across all columns */
#define LINE_STARS 2u    /* the second cell is a rating of yours */
#define LINE_BAR 4u      /* the second cell is a bar, drawn to fit */
#define LINE_CONT 8u     /* a wrapped row after the first of its text */
#define LINE_NOTE 16u    /* text in a list of choices: never highlighted */

struct ui_line {
	char *cell[LINES_COLS];
	unsigned flags;
	float bar;          /* LINE_BAR: its length, 0-1 of the cell */
};

struct ui_lines {
	struct ui_line *v;
	size_t n, cap;
};

/* Append a row; cells may be NULL (empty). */
void lines_add(struct ui_lines *l, unsigned flags, const char *c0,
	       const char *c1, const char *c2, const char *c3);
/* Append a row whose second cell is a bar of frac (0-1) of its width,
 * drawn when the width is known (LINE_BAR). */
void lines_bar(struct ui_lines *l, const char *label, double frac,
	       const char *c2, const char *c3);
/* Append a label and a printf-formatted value. */
void lines_addf(struct ui_lines *l, const char *label, const char *fmt,
		...) __attribute__((format(printf, 3, 4)));
/* Append label: text, wrapped at spaces to width display columns; the
 * continuation rows have an empty label. */
void lines_wrap(struct ui_lines *l, const char *label, const char *text,
		size_t width);
/* Append text alone in the first cell, wrapped, with flags. */
void lines_para(struct ui_lines *l, unsigned flags, const char *text,
		size_t width);
/* Display width of the widest cell in column col. */
size_t lines_col_width(const struct ui_lines *l, int col);
void lines_clear(struct ui_lines *l);
void lines_free(struct ui_lines *l);

#endif
