/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lines: owned rows of text cells, with word wrapping by display
 * width for long values (tags, titles) in narrow columns. */
#include <config.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "text.h"
#include "util.h"

/* Append a row; cells may be NULL (empty). */
void lines_add(struct ui_lines *l, unsigned flags, const char *c0,
	       const char *c1, const char *c2, const char *c3)
{
	const char *c[LINES_COLS] = { c0, c1, c2, c3 };
	struct ui_line *r;

	xgrow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	r = &l->v[l->n++];
	r->flags = flags;
	r->bar = 0;
	for (int i = 0; i < LINES_COLS; i++)
		r->cell[i] = c[i] ? xstrdup(c[i]) : NULL;
}

/* Append a row whose second cell is a bar of frac of its width. */
void lines_bar(struct ui_lines *l, const char *label, double frac,
	       const char *c2, const char *c3)
{
	lines_add(l, LINE_BAR, label, NULL, c2, c3);
	l->v[l->n - 1].bar = frac < 0 ? 0.0f : frac > 1 ? 1.0f : (float)frac;
}

/* Append a label and a printf-formatted value. */
void lines_addf(struct ui_lines *l, const char *label, const char *fmt,
		...)
{
	va_list ap;
	char buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	lines_add(l, 0, label, buf, NULL, NULL);
}

/* Bytes of s[0..) up to the last space that fits in width columns; the
 * whole fitting part when there is no space (a very long word). */
static size_t wrap_cut(const char *s, size_t width)
{
	size_t fit = text_fit(s, width);

	if (s[fit] == '\0')
		return fit;
	for (size_t i = fit; i > 0; i--)
		if (s[i] == ' ')
			return i;
	return fit > 0 ? fit : 1;
}

/* Append text wrapped to width columns, rows of one cell or two; the
 * rows after the first are marked LINE_CONT. Text alone that starts
 * indented (a report's item) hangs: its later rows go two columns
 * further in, so each item stays apart from the next. */
static void wrap_rows(struct ui_lines *l, unsigned flags, const char *label,
		      const char *text, size_t width)
{
	const char *s = text ? text : "";
	size_t indent = label ? 0 : strspn(s, " "), hang;
	bool first = true;

	if (width < 8)
		width = 8;
	hang = indent && indent + 2 <= width / 2 ? indent + 2 : 0;
	do {
		size_t pad = first ? 0 : hang;
		size_t n = wrap_cut(s, width - pad);
		char *part = xasprintf("%*s%.*s", (int)pad, "", (int)n, s);
		unsigned f = flags | (first ? 0 : LINE_CONT);

		if (label)
			lines_add(l, f, first ? label : "", part, NULL, NULL);
		else
			lines_add(l, f, part, NULL, NULL, NULL);
		free(part);
		first = false;
		s += n;
		while (*s == ' ')
			s++;
	} while (*s);
}

/* Append label: text, wrapped at spaces to width display columns. */
void lines_wrap(struct ui_lines *l, const char *label, const char *text,
		size_t width)
{
	wrap_rows(l, 0, label ? label : "", text, width);
}

/* Append text alone in the first cell, wrapped, with flags. */
void lines_para(struct ui_lines *l, unsigned flags, const char *text,
		size_t width)
{
	wrap_rows(l, flags, NULL, text, width);
}

/* Display width of the widest cell in column col. */
size_t lines_col_width(const struct ui_lines *l, int col)
{
	size_t max = 0;

	for (size_t i = 0; i < l->n; i++) {
		const struct ui_line *r = &l->v[i];
		size_t w;

		if ((r->flags & LINE_HEAD) || !r->cell[col])
			continue;
		w = text_width(r->cell[col]);
		if (w > max)
			max = w;
	}
	return max;
}

/* Drop every row, keeping the storage. */
void lines_clear(struct ui_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		for (int c = 0; c < LINES_COLS; c++)
			free(l->v[i].cell[c]);
	l->n = 0;
}

/* Free rows and storage. */
void lines_free(struct ui_lines *l)
{
	lines_clear(l);
	free(l->v);
	l->v = NULL;
	l->cap = 0;
}
