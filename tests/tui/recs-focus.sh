#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The lists under the Search results take the focus: Right and Left
# move it from the results to the lists of items like it and For you
# and back, Down in an empty find box goes to For you; the focused
# entry is drawn in reverse, the details show it, the rating keys rate
# it (a rated item leaves For you, the highlight stays on its row) and
# Enter opens it; Esc and / go back to typing. The rating is in the
# journal (taste export). At 80x24, among books (no community ratings)
# the one list of items like it shown first is Content-based, and the
# list c chooses stays as the result changes.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

# True when, on the screen row holding $1 (+fy: For you's first row),
# text in reverse video holds $2 (a fixed string).
reversed() {
	esc=$(printf '\033')
	case $1 in
	+*)     # the row under the For you rule
		row=$(tui_screen | grep -n "^─ For you" | cut -d: -f1)
		row=$((row + 1)) ;;
	*)
		row=$(tui_screen | grep -n -F -- "$1" | head -n 1 |
		      cut -d: -f1) ;;
	esac
	[ -n "$row" ] && tui_screen -e | sed -n "${row}p" |
		sed "s/$esc\[[34]9m//g" |
		sed "s/$esc\[\([0-9]*;\)*7m/\n&/g" | grep "^$esc\[[0-9;]*7m" |
		sed "s/^$esc\[[0-9;]*m//; s/$esc.*//" | grep -q -F -- "$2"
}
# Wait until reversed "$1" "$2" holds.
wait_reversed() {
	n=$((TUI_TIMEOUT * 10))
	while [ "$n" -gt 0 ]; do
		reversed "$1" "$2" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	tap_diag "not in reverse: $2; the screen was:"
	tap_diag "$(tui_screen)"
	return 1
}

tui_start
tui_tmux resize-window -t taste -x 80 -y 24
tui_wait "you: 0 rated" >/dev/null
tui_keys F5
tui_wait_row "For you" "onboarding" >/dev/null
ok_if "the onboarding list has The Shawshank Redemption first" \
	tui_wait_row " 1 The Shawshank" "^ 1 The Shawshank.* 2 The Matrix"
tui_keys Down
ok_if "Down in the empty box highlights For you's first entry" \
	wait_reversed " 1 The Shawshank" "The Shawshank"
ok_if "whose details are shown" \
	tui_wait_row "Title " "│ Title      The Shawshank Redemption"
ok_if "the hint bar names the keys of the lists" \
	tui_wait_row "1-5 rate" "→ ← lists"
tui_keys Down
ok_if "Down moves the highlight to the next entry" \
	wait_reversed " 2 The Matrix" "The Matrix (1999)"
ok_if "and the details follow it" \
	tui_wait_row "Title " "│ Title      Matrix, The\|│ Title      The Matrix"
tui_keys 4
ok_if "4 rates the highlighted entry" \
	tui_wait "Saved: The Matrix (1999)"
ok_if "which leaves For you" \
	eval '! tui_screen | grep -q " 2 The Matrix (1999)"'
ok_if "For you counts it" tui_wait "For you (1 rated"
ok_if "the highlight stays on the second entry" \
	wait_reversed +fy "2 "
# the details are of the entry now highlighted, which the next key
# rates, and say whole why it is listed
second=$(tui_screen | grep -o " 2 [^(]*" | head -n 1 | cut -c4-14)
ok_if "the details follow the highlight after a rating" \
	tui_wait_row "│ Title " "│ Title      $second"
ok_if "and say why the entry is listed" \
	tui_wait_row "│ Why " "│ Why        popular: "
tui_keys Up
ok_if "Up moves it to the first" wait_reversed +fy "1 "
title=$(tui_row "│ Title " | sed 's/.*│ Title *//; s/ *$//' | cut -c1-12)
tui_keys Enter
ok_if "Enter opens the highlighted entry's details" \
	tui_wait "┌─ $title"
tui_keys Escape Escape
ok_if "Esc goes back to typing" eval '! reversed +fy "1 "'
tui_type "star wars"
tui_wait "Star Wars: Episode IV" >/dev/null
tui_keys Down Right
ok_if "Right goes from the results to the list of items like it" \
	wait_reversed "1 Star Wars: Episode V" "Star Wars: Episode V"
ok_if "the results' highlight is off" \
	eval '! tui_screen | grep -q "▶ Star Wars"'
tui_keys Right
ok_if "Right again goes to For you" wait_reversed +fy "1 "
tui_keys Left
ok_if "Left goes back to the list of items like it" \
	wait_reversed "1 Star Wars: Episode V" "Star Wars: Episode V"
tui_keys Left
ok_if "and once more to the results" tui_wait "▶ Star Wars"
tui_keys Left 5
ok_if "Left from the results goes to For you, 5 rates there" \
	tui_wait "Saved: "
# the title saved, without a leading article (export may move it)
saved=$(tui_row "Saved: " | sed 's/.*Saved: //; s/ ([0-9]*).*//; s/^The //')
tui_keys /
ok_if "/ goes back to typing" tui_gone "▶ Star Wars"
tui_keys F10
ok_if "F10 quits" tui_wait_exit
ok_if "the ratings given in For you are in the journal" \
	eval '"$TASTE" --data-dir "$TUI_DATA" export |
	      grep -q "Matrix.*,1999,4," &&
	      "$TASTE" --data-dir "$TUI_DATA" export |
	      grep -F "$saved" | grep -q ",5,"'

# books: no community ratings, so the first list with entries is shown
tui_start --catalog books
tui_tmux resize-window -t taste -x 80 -y 24
tui_wait "you: 0 rated" >/dev/null
tui_keys F5
tui_type "hobbit"
tui_wait "The Hobbit (1937)" >/dev/null
ok_if "80x24 books: Content-based is the list shown" \
	tui_wait_row "Content-based" \
	"^ Collaborative  \[Content-based · content\]  Hybrid" 30
ok_if "with its entries" tui_wait "1 The Fellowship of the Ring (1954)"
tui_keys Down c
ok_if "c chooses the next" \
	tui_wait_row "Content-based" "Content-based  \[Hybrid · content only\]"
tui_keys Down
ok_if "which stays for the next result" \
	tui_wait_row "Like The Hobbit: Graphic" "Graphic Novel (1989)"
ok_if "still Hybrid" \
	tui_wait_row "Content-based" "Content-based  \[Hybrid · content only\]"
tui_keys Right
ok_if "Right highlights the shown list's first entry" \
	wait_reversed "1 The Hobbit (1937)" "The Hobbit (1937)"
tui_keys F10
tui_wait_exit >/dev/null
tui_done
