/* SPDX-License-Identifier: GPL-3.0-or-later */
/* curses_inc: the one place ui/ includes curses, with the wide-character
 * API (get_wch, add_wch) switched on. src/ never includes this. */
#ifndef TASTE_UI_CURSES_INC_H
#define TASTE_UI_CURSES_INC_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

#endif
