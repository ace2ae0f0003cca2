/* SPDX-License-Identifier: GPL-3.0-or-later */
/* prompt: the one-line editor. Text is kept as UTF-8 bytes; the cursor
 * is a byte offset that only ever sits at the start of a character, so
 * moving and deleting step over continuation bytes. When the text is
 * wider than the field it scrolls so the cursor stays in view. A
 * selected text is drawn in reverse video until the first key. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "keymap.h"
#include "prompt.h"
#include "text.h"
#include "theme.h"
#include "util.h"

/* Start editing with a label and initial text (NULL for none). */
void prompt_start(struct prompt *p, const char *label, const char *init)
{
	xsnprintf(p->label, sizeof(p->label), "%s", label ? label : "");
	prompt_set(p, init ? init : "");
	p->selected = p->len > 0;
	p->active = true;
}

/* Make room for need bytes plus the terminating NUL. */
static void prompt_room(struct prompt *p, size_t need)
{
	xgrow((void **)&p->buf, &p->cap, need + 1, 1);
}

/* Replace the text; the cursor goes to its end. */
void prompt_set(struct prompt *p, const char *text)
{
	size_t n = strlen(text);

	prompt_room(p, n);
	memcpy(p->buf, text, n + 1);
	p->len = p->cur = n;
	p->scroll = 0;
	p->selected = false;
}

/* The text being edited ("" before the first edit). */
const char *prompt_text(const struct prompt *p)
{
	return p->buf ? p->buf : "";
}

/* Byte offset of the character before at. */
static size_t char_prev(const struct prompt *p, size_t at)
{
	if (at == 0)
		return 0;
	do
		at--;
	while (at > 0 && ((unsigned char)p->buf[at] & 0xc0) == 0x80);
	return at;
}

/* Byte offset of the character after at. */
static size_t char_next(const struct prompt *p, size_t at)
{
	if (at >= p->len)
		return p->len;
	do
		at++;
	while (at < p->len && ((unsigned char)p->buf[at] & 0xc0) == 0x80);
	return at;
}

/* Remove bytes [from, to) and put the cursor at from. */
static void prompt_cut(struct prompt *p, size_t from, size_t to)
{
	memmove(p->buf + from, p->buf + to, p->len - to + 1);
	p->len -= to - from;
	p->cur = from;
}

/* Insert code point c at the cursor; past PROMPT_MAX_BYTES the key is
 * dropped, so a huge paste cannot stall the screen. */
static void prompt_insert(struct prompt *p, int c)
{
	char u[5];
	size_t n = ui_utf8(c, u);

	if (p->len + n > PROMPT_MAX_BYTES) {
		beep();
		return;
	}
	prompt_room(p, p->len + n);
	memmove(p->buf + p->cur + n, p->buf + p->cur, p->len - p->cur + 1);
	memcpy(p->buf + p->cur, u, n);
	p->len += n;
	p->cur += n;
}

/* The start of the word before the cursor (for ^W). */
static size_t word_start(const struct prompt *p)
{
	size_t at = p->cur;

	while (at > 0 && p->buf[at - 1] == ' ')
		at--;
	while (at > 0 && p->buf[at - 1] != ' ')
		at--;
	return at;
}

/* Apply an editing action; returns what it did. */
static enum prompt_result prompt_act(struct prompt *p, enum action act)
{
	size_t old = p->cur;

	switch (act) {
	case ACT_ACCEPT: return PR_ACCEPT;
	case ACT_CANCEL: return PR_CANCEL;
	case ACT_CHAR_LEFT: p->cur = char_prev(p, p->cur); break;
	case ACT_CHAR_RIGHT: p->cur = char_next(p, p->cur); break;
	case ACT_LINE_START: p->cur = 0; break;
	case ACT_LINE_END: p->cur = p->len; break;
	case ACT_DEL_BACK:
		prompt_cut(p, char_prev(p, p->cur), p->cur);
		return old ? PR_EDIT : PR_MOVE;
	case ACT_DEL_FWD:
		if (p->cur == p->len)
			return PR_MOVE;
		prompt_cut(p, p->cur, char_next(p, p->cur));
		return PR_EDIT;
	case ACT_KILL_LINE: prompt_cut(p, 0, p->cur); return PR_EDIT;
	case ACT_KILL_WORD:
		prompt_cut(p, word_start(p), p->cur);
		return PR_EDIT;
	default: return PR_NONE;
	}
	return PR_MOVE;
}

/* Handle one key: an editing key, a character, or PR_NONE. */
enum prompt_result prompt_key(struct prompt *p, int key)
{
	enum action act = keymap_lookup(KC_BIT(KC_PROMPT), key);

	if (!p->buf)
		prompt_set(p, "");
	if (act != ACT_NONE) {
		p->selected = false;
		return prompt_act(p, act);
	}
	if (!keymap_is_text(key))
		return PR_NONE;
	if (p->selected)
		prompt_set(p, "");
	prompt_insert(p, key);
	return PR_EDIT;
}

/* Display width of the text before byte at. */
static size_t width_before(const struct prompt *p, size_t at)
{
	char save = p->buf[at];
	size_t w;

	p->buf[at] = '\0';
	w = text_width(p->buf);
	p->buf[at] = save;
	return w;
}

/* Bytes to skip so that display column scroll starts the field; a
 * wide character across the edge is skipped whole. */
static size_t skip_cols(const struct prompt *p, size_t scroll)
{
	size_t n = text_fit(p->buf, scroll);

	if (n < p->len && width_before(p, n) < scroll)
		n = char_next(p, n);
	return n;
}

/* The widest label that prompt_draw shows whole in cols cells. */
int prompt_label_room(int cols)
{
	int room = cols - PROMPT_FIELD_MIN - 1;

	return room > 0 ? room : 0;
}

/* Draw label and text in cols cells at (y, x); *cur_x gets the cursor. */
void prompt_draw(struct prompt *p, WINDOW *w, int y, int x, int cols,
		 int *cur_x)
{
	char label[sizeof(p->label) + 8];
	int lw, field;
	size_t cw;

	ui_fit(p->label, prompt_label_room(cols), label, sizeof(label));
	lw = ui_puts(w, y, x, label, cols, theme_attr(TH_TITLE));
	field = cols - lw - 1;
	if (!p->buf)
		prompt_set(p, "");
	cw = width_before(p, p->cur);
	if (field < 2)
		field = 2;
	if (cw < p->scroll)
		p->scroll = cw;
	else if (cw >= p->scroll + (size_t)field)
		p->scroll = cw - (size_t)field + 1;
	ui_text(w, y, x + lw, p->buf + skip_cols(p, p->scroll), field,
		AL_LEFT, A_NORMAL);
	if (p->selected)
		ui_puts(w, y, x + lw, p->buf + skip_cols(p, p->scroll),
			field, A_REVERSE);
	*cur_x = x + lw + (int)(cw - p->scroll);
}

/* Free the text. */
void prompt_free(struct prompt *p)
{
	free(p->buf);
	p->buf = NULL;
	p->len = p->cap = p->cur = 0;
	p->active = false;
}
