#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A new user finds The Matrix in Search, rates it 4.5 with the r
# prompt, quits, starts again and sees the rating: the rating is on
# disk before the screen says "Saved". The r prompt shows the old
# rating selected: typing replaces it, editing keys keep it.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

tui_start
ok_if "opens on the bundled movies" tui_wait "movies (MovieLens latest-small)"
ok_if "nothing rated yet" tui_wait "you: 0 rated"
tui_keys F5
ok_if "F5 shows Search with its find box" tui_wait "[F5 Search]"
tui_type "matrix"
ok_if "typing finds The Matrix (1999)" tui_wait "The Matrix (1999)"
ok_if "and its sequels, counted" tui_wait "3 matches"
ok_if "details of the first result" tui_wait "tt0133093"
tui_keys Down r
ok_if "r asks for a rating on the scale" \
	tui_wait "Rate The Matrix (1999) (0.5-5 step 0.5):"
tui_type "4.5"
tui_keys Enter
ok_if "the screen says it is saved" \
	tui_wait "Saved: The Matrix (1999) ★★★★½"
ok_if "the journal holds 4.5 for movieId 2571" \
	grep -q "^set	[0-9]*	4.5	2571\$" "$TUI_DATA/movies.journal"
ok_if "the header counts it" tui_wait "you: 1 rated"
tui_keys r
tui_wait "Rate The Matrix" >/dev/null
tui_keys C-u
tui_type "4.7"
tui_keys Enter
ok_if "an off-step value is refused" tui_wait "nothing saved"
ok_if "and the old value stays" tui_wait "You        ★★★★½"
tui_keys r
ok_if "r shows the old rating" tui_wait "step 0.5): 4.5"
ok_if "selected (in reverse video)" \
	eval "tui_screen -e | grep -F 'Rate The Matrix' | grep -q '7m'"
tui_type "4"
ok_if "the first character typed replaces it (not 4.54)" \
	tui_wait_row "Rate The Matrix" "step 0\.5): 4$"
tui_keys Enter
ok_if "so 4 is saved" tui_wait "Saved: The Matrix (1999) ★★★★"
tui_keys r
tui_wait "step 0.5): 4" >/dev/null
tui_keys End
tui_type ".5"
ok_if "End keeps the old rating and edits it" \
	tui_wait_row "Rate The Matrix" "step 0\.5): 4\.5$"
tui_keys Enter
tui_wait "Saved: The Matrix (1999) ★★★★½" >/dev/null
tui_keys r
tui_wait "step 0.5): 4.5" >/dev/null
tui_keys BSpace
tui_type "0"
ok_if "Backspace edits the old rating too" \
	tui_wait_row "Rate The Matrix" "step 0\.5): 4\.0$"
tui_keys C-u
tui_type "4.5"
tui_keys Enter
ok_if "4.5 again" tui_wait "Saved: The Matrix (1999) ★★★★½"
tui_keys q
ok_if "q quits" tui_wait_exit
ok_if "with status 0" [ "$(tui_status)" = 0 ]

tui_start
tui_wait "movies (MovieLens latest-small)" >/dev/null
ok_if "after a restart the rating is counted" tui_wait "you: 1 rated"
tui_keys F5
tui_type "matrix"
tui_wait "The Matrix (1999)" >/dev/null
ok_if "and shown for The Matrix" tui_wait "You        ★★★★½"
ok_if "in the results too" tui_row_has "The Matrix (1999)" "★★★★½ *│"
tui_keys Escape
ok_if "Esc clears the find box" tui_gone "The Matrix (1999)"
tui_keys F10
ok_if "F10 quits from the find box" tui_wait_exit
tui_done
