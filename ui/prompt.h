/* SPDX-License-Identifier: GPL-3.0-or-later */
/* prompt: a one-line text editor with a cursor, UTF-8 aware (the cursor
 * moves by characters and is placed by display width). Used by the
 * find (/), filter (\) and exact-rating (r) prompts and by the Search
 * find box. Its editing keys come from the keymap (KC_PROMPT).
 *
 * Text given when the prompt starts is selected, as in a GUI field:
 * the first character typed replaces it, while an editing key (arrows,
 * Home, End, Backspace...) keeps it and edits it. The label never takes
 * the room of the last PROMPT_FIELD_MIN cells, which are for typing. */
#ifndef TASTE_UI_PROMPT_H
#define TASTE_UI_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#include "curses_inc.h"

struct prompt {
	char label[160];
	char *buf;          /* UTF-8 text, NUL-ended */
	size_t len, cap;
	size_t cur;         /* cursor, a byte offset at a character start */
	size_t scroll;      /* first display column shown */
	bool active;
	bool selected;      /* the initial text, replaced by typing */
};

#define PROMPT_FIELD_MIN 12

/* The widest label that prompt_draw shows whole in cols cells. */
int prompt_label_room(int cols);

enum prompt_result {
	PR_NONE,            /* not a prompt key */
	PR_EDIT,            /* the text changed */
	PR_MOVE,            /* only the cursor moved */
	PR_ACCEPT,
	PR_CANCEL,
};

/* Start editing with a label and initial text (NULL for none), which
 * is selected. */
void prompt_start(struct prompt *p, const char *label, const char *init);
/* Replace the text, not selected; the cursor goes to its end. */
void prompt_set(struct prompt *p, const char *text);
const char *prompt_text(const struct prompt *p);
/* Longest text a prompt takes (bytes): more than any title or filter. */
#define PROMPT_MAX_BYTES 256

enum prompt_result prompt_key(struct prompt *p, int key);
/* Draw label and text in cols cells at (y, x); *cur_x receives the
 * column of the cursor. */
void prompt_draw(struct prompt *p, WINDOW *w, int y, int x, int cols,
		 int *cur_x);
void prompt_free(struct prompt *p);

#endif
