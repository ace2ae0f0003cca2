#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Hostile input: a huge paste into the find box neither stalls the
# screen nor grows without bound; escape sequences curses cannot decode
# are swallowed whole, so the digits inside them never rate anything.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

# Nothing has been written to the journal (no rating was made).
no_rating_saved() {
	! grep -q '^set' "$TUI_DATA/movies.journal" 2>/dev/null
}

# The find box holds at most this many characters (PROMPT_MAX_BYTES).
box_is_capped() {
	line=$(tui_screen | grep 'find:' | head -n 1)
	n=$(printf '%s' "$line" | tr -cd 'x' | wc -c)
	[ "$n" -gt 0 ] && [ "$n" -le 256 ]
}

tui_start --no-mouse
ok_if "taste starts on the movies" tui_wait "sorted by"
esc=$(printf '\033')
tui_tmux send-keys -t taste -l "${esc}[<0;5;7M"
tui_tmux send-keys -t taste -l "${esc}[2;5~${esc}[99;1;3z"
tui_tmux send-keys -t taste -l "${esc}]0;title4${esc}\\"
sleep 0.5
ok_if "unknown escape sequences rate nothing" no_rating_saved
ok_if "and leave no Saved message" tui_gone "Saved:" 1
tui_keys BTab
ok_if "Shift-Tab goes to Search (the last pane)" tui_wait "find:"
paste=$(awk 'BEGIN { for (i = 0; i < 5000; i++) printf "x" }')
tui_tmux send-keys -t taste -l "$paste"
tui_keys Escape
ok_if "after a 5000-character paste Esc still clears the box at once" \
	tui_wait "type to find" 10
tui_tmux send-keys -t taste -l "$paste"
ok_if "the pasted text is capped" tui_poll "find: xxx" 10
ok_if "at 256 characters" box_is_capped
tui_keys Escape F10
ok_if "F10 quits" tui_wait_exit
tui_done
