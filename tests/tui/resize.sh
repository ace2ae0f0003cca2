#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Shrinking the terminal below the minimum shows how large it must be;
# enlarging it brings the pane back, and taste keeps running.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

tui_start
ok_if "Browse is shown" tui_wait "sorted by #Ratings"
tui_tmux resize-window -t taste -x 30 -y 8
ok_if "30x8 says the terminal is too small" \
	tui_wait "Terminal too small: 30×8"
ok_if "and the size needed" tui_wait "at least 60×15"
ok_if "taste is still running" tui_alive
tui_tmux resize-window -t taste -x 20 -y 5
ok_if "20x5 gives the size needed in short" tui_wait "need 60×15"
ok_if "and the size it has" tui_wait "too small: 20×5"
tui_tmux resize-window -t taste -x 6 -y 2
ok_if "6x2 gives the size needed alone" tui_wait_row "60×15" "^60×15"
tui_tmux resize-window -t taste -x 1 -y 1
# At 1x1 the screen stays blank: its one cell is the bottom-right one,
# which curses writes on a terminal with automatic margins (tmux's) only
# by inserting it after the cell on its left, and there is none.
ok_if "taste is still running at 1x1" tui_alive
tui_tmux resize-window -t taste -x 100 -y 30
ok_if "100x30 shows Browse again" tui_wait "sorted by #Ratings"
ok_if "with its rows" tui_wait "Forrest Gump"
ok_if "taste is still running after the resize" tui_alive
tui_tmux resize-window -t taste -x 80 -y 24
ok_if "80x24 keeps the counts in the header" tui_wait "you: 0 rated"
ok_if "and the key hints" tui_wait "? help"
tui_keys C-l
ok_if "^L redraws" tui_wait "Forrest Gump"
tui_keys q
ok_if "q quits" tui_wait_exit
tui_done
