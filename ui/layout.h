/* SPDX-License-Identifier: GPL-3.0-or-later */
/* layout: the screen's regions from the terminal size, and drawing
 * the regions marked dirty. Rows: the catalogue line, the tab bar, the
 * pane's body, the status line and the key hints. */
#ifndef TASTE_UI_LAYOUT_H
#define TASTE_UI_LAYOUT_H

#include "app.h"

/* (Re)make the windows for the current terminal size. */
void layout_make(struct app *a);
/* Draw what is dirty and update the terminal once. */
void layout_draw(struct app *a);
/* Free the windows. */
void layout_free(struct app *a);

#endif
