#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# --ascii and NO_COLOR: ratings as "4.5", no glyphs, our own text in
# ASCII (lambda, >=), and no colour (state shown by bold and reverse
# only).
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

# True when the screen has none of the UTF-8 glyphs.
no_glyphs() {
	! tui_screen | grep -q '[★½─│▶▲▼…·↵]'
}
# True when the screen's escape sequences set no foreground colour.
no_colour() {
	! tui_screen -e | grep -q '\[\([0-9;]*;\)\{0,1\}3[0-7]m'
}

tui_start
tui_wait "sorted by" >/dev/null
ok_if "by default the theme uses colour" eval '! no_colour'
tui_keys q
tui_wait_exit >/dev/null

TUI_ENV="NO_COLOR=1"
tui_start --ascii
ok_if "--ascii starts" tui_wait "sorted by #Ratings v"
ok_if "with ASCII glyphs only" no_glyphs
ok_if "NO_COLOR: no colour at all" no_colour
ok_if "the highlighted row is in reverse video" \
	eval "tui_screen -e | grep -F 'Forrest Gump' | grep -q '7m'"
tui_keys F5
tui_type "matrix"
tui_wait "The Matrix (1999)" >/dev/null
tui_keys Down r
tui_wait "Rate The Matrix (1999)" >/dev/null
tui_type "4.5"
tui_keys Enter
ok_if "the saved rating reads 4.5" tui_wait "Saved: The Matrix (1999) 4.5"
ok_if "the details read 4.5" tui_wait "You        4.5"
tui_keys F2 '\'
tui_type "matrix"
tui_keys Enter
tui_wait "filter: matrix" >/dev/null
ok_if "Browse shows 4.5 in the You column" \
	tui_row_has "The Matrix  " '4\.19  4\.5$'
ok_if "still no glyphs" no_glyphs
# Our own text is ASCII too: the Train form spells lambda out.
tui_keys F3
ok_if "the Train form says lambda, not the Greek letter" \
	tui_wait_row "lambda bias" "2"
ok_if "and the screen has no byte outside ASCII" \
	eval '! tui_screen | LC_ALL=C grep -q "[^ -~]"'
tui_keys q
ok_if "q quits" tui_wait_exit
tui_done
