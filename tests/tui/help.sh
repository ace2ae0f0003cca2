#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The help screen comes from the keymap, its sections say where keys
# work, and its search finds a key by any word of its description or
# of its section.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

# The help rows under the heading $1, up to the next heading (key
# rows have a run of spaces between the keys and what they do).
section() {
	tui_screen | sed 's/^│[ ▶] //; s/ *│$//' |
		awk -v h="$1" '$0 == h { on = 1; next }
			on && !/  / { exit }
			on { print }'
}

tui_start
tui_tmux resize-window -t taste -x 100 -y 50
tui_wait "sorted by" >/dev/null
tui_keys '?'
ok_if "? opens the help" tui_wait "Help: keys"
ok_if "it lists the global keys" tui_wait "redraw the screen"
ok_if "whose section says they work everywhere but in a prompt" \
	tui_wait "Everywhere but in a prompt"
ok_if "F10 quits everywhere" \
	eval 'section "Everywhere but in a prompt" | grep -q "F10  *quit"'
ok_if "q is not listed as working everywhere" \
	eval '! section "Everywhere but in a prompt" | grep -q "│  q "'
ok_if "q quits from the panes, and closes an overlay" \
	tui_wait_row "quit (in an overlay q closes it)" "│  q  "
tui_keys '/'
tui_type "close"
tui_keys Enter
ok_if "Esc and q close an overlay" tui_wait_row "│  Esc q " "  close *│$"
tui_keys Escape '/'
ok_if "/ asks what to find" tui_wait "Find:"
tui_type "frequency"
tui_keys Enter
ok_if "the search is shown in the title" tui_wait 'matching "frequency"'
ok_if "the F key is found" \
	tui_row_has "frequency table of the current column" " F  *frequency"
ok_if "other keys are hidden" tui_gone "redraw the screen"
tui_keys Escape
ok_if "Esc shows every key again" tui_wait "redraw the screen"
tui_keys '/'
tui_type "rate"
tui_keys Enter
ok_if "searching rate finds x, which clears a rating" \
	tui_wait_row "unrate: clear your rating" "│  x  "
ok_if "and r" tui_wait "rate with any value the scale allows"
tui_keys Escape '/'
tui_type "browse sort"
tui_keys Enter
ok_if "words can come from the section: browse sort finds [" \
	tui_wait "sort ascending by the current column"
ok_if "and leaves out the rest" tui_gone "redraw the screen"
tui_keys Escape Escape
ok_if "Esc again closes the help" tui_gone "Help: keys"
tui_keys F1
ok_if "F1 opens it too" tui_wait "Help: keys"
tui_keys q
ok_if "q closes it" tui_gone "Help: keys"
tui_keys q
ok_if "q quits" tui_wait_exit
tui_done
