#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The help screen comes from the keymap and its search finds a key.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

tui_start
tui_wait "sorted by" >/dev/null
tui_keys '?'
ok_if "? opens the help" tui_wait "Help: keys"
ok_if "it lists the global keys" tui_wait "redraw the screen"
tui_keys '/'
ok_if "/ asks what to find" tui_wait "Find:"
tui_type "frequency"
tui_keys Enter
ok_if "the search is shown in the title" tui_wait 'matching "frequency"'
ok_if "the F key is found" \
	tui_row_has "frequency table of the current column" " F  *frequency"
ok_if "other keys are hidden" tui_gone "redraw the screen"
tui_keys Escape
ok_if "Esc shows every key again" tui_wait "redraw the screen"
tui_keys Escape
ok_if "Esc again closes the help" tui_gone "Help: keys"
tui_keys F1
ok_if "F1 opens it too" tui_wait "Help: keys"
tui_keys q
ok_if "q closes it" tui_gone "Help: keys"
tui_keys q
ok_if "q quits" tui_wait_exit
tui_done
