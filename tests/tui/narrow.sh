#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Narrow windows: long titles are cut before the year, the scale hint
# or the colon of a prompt; the hint bar abbreviates before it leaves
# keys out, and names I (the Import screen) in Browse and the Search
# results at 80 and 100 columns; below 90 columns the items like the
# result are one list at a time (c the next), whole titles and reasons
# on a row, For you one a row at 60; the sort column and your ratings stay
# in view; Search says how tall the window must be for the
# recommendations when they do not fit; the statistics give a long
# title the room the bars leave.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

# The table's header row (the one under the tab bar).
head_row() {
	tui_screen | sed -n 3p
}
# Wait until the header row matches the regex $1.
head_has() {
	n=$((TUI_TIMEOUT * 10))
	while [ "$n" -gt 0 ]; do
		head_row | grep -q -- "$1" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	tap_diag "header: $(head_row)"
	return 1
}

tui_start
tui_wait "sorted by" >/dev/null
ok_if "100x30: the Browse hint bar names every Browse key and I import" \
	tui_wait_row "1-5 rate" "F freq s stats I import ? help q quit *$"
tui_tmux resize-window -t taste -x 80 -y 24
tui_wait "you: 0 rated" >/dev/null
ok_if "80x24: the hint bar keeps F freq and I import" \
	tui_wait_row "1-5 rate" "F freq I import ? help *$"
ok_if "by writing Enter as ↵ and one space between keys" \
	tui_wait_row "1-5 rate" "^ 1-5 rate r exact ↵ details / find"
tui_keys F5
tui_type "star wars"
tui_keys Down
ok_if "80x24: the Search results' hint bar names I import" \
	tui_wait_row "1-5 rate" "/ find → ← lists I import ? help q quit *$"
# too narrow for three columns of items like it: one, c the next
ok_if "80x24: one list of items like it, its name in brackets" \
	tui_wait_row "Content-based" \
	"^\[Collaborative · item-knn\]  Content-based   Hybrid *c: next$" 30
ok_if "with whole titles, scores and reasons on one row" \
	tui_wait_row "Return of the Jedi" \
	"^2 Star Wars: Episode VI - Return of the Jedi (1983) \.41  rated highly"
tui_keys c
ok_if "c shows the next list" \
	tui_wait_row "Content-based" "^ Collaborative  \[Content-based · content\]"
tui_keys c c
ok_if "and round to the first" tui_wait "[Collaborative · item-knn]"
ok_if "the rule above names the item whole" \
	tui_wait "─ Like Star Wars: Episode IV - A New Hope (1977) ─"
tui_keys /
ok_if "Search at 80 columns keeps the year of a cut title" \
	tui_wait_row "Star Wars: Episode IV" "Episode IV.*… (1977) *│"
tui_keys C-u
tui_type "strangelove"
tui_wait "Dr. Strange" >/dev/null
tui_keys Down r
ok_if "the r prompt cuts the title and keeps year, scale and colon" \
	tui_wait_row "Rate Dr. Strangelove" \
	"^ Rate Dr\. Strangelove or: How I.*… (1964) (0\.5-5 step 0\.5): *$"
tui_type "4"
ok_if "and leaves room to type" \
	tui_wait_row "Rate Dr. Strangelove" "step 0\.5): 4$"
tui_keys Escape Enter
ok_if "the details box cuts its title with … and keeps the year" \
	tui_wait_row "┌─ Dr. Strangelove" "Bo… (1964) ─┐$"
tui_keys Escape F2
tui_tmux resize-window -t taste -x 60 -y 15
tui_wait "you: 0 rated" >/dev/null
ok_if "60x15: the sort column and You are in view" \
	head_has "#Ratings ▼ *You"
tui_keys l l l l l l ']'
ok_if "sorted by You, You is in view" head_has "You ▼"
tui_keys h h h h h h h l ']'
ok_if "sorted by Year: Year and You are in view" \
	head_has "Year ▼.*You"
# Search with too few rows for the recommendations says how many
tui_keys F5
ok_if "60x15: Search says the recommendations need 21 rows" \
	tui_wait "Items like it, For you: 21 rows needed, 15 here"
tui_tmux resize-window -t taste -x 80 -y 20
ok_if "80x20: in full when there is room for it" \
	tui_wait \
	"Items like it and For you need a window 21 rows high (this one has 20)"
tui_tmux resize-window -t taste -x 60 -y 21
ok_if "60x21: the recommendations are shown instead, with the year" \
	tui_wait_row "─ Like Dr. Str" "^─ Like Dr\. Str.* (1964) ─"
ok_if "and the line is gone" tui_gone "rows needed"
ok_if "For you has one entry a row, its title whole" \
	tui_wait_row "For you" "^─ For you"
ok_if "one entry a row" \
	eval 'tui_screen | grep -A1 "^─ For you" | tail -n 1 |
	      grep -q "^ 1 [^│]*$" && ! tui_screen | grep -q "^ 1 .* 2 "'
tui_tmux resize-window -t taste -x 100 -y 30
ok_if "100 columns: the three columns side by side again" \
	tui_wait_row "Content-based" "^Collaborative .*│ Content-based .*│ Hybrid"
tui_tmux resize-window -t taste -x 60 -y 21
tui_keys F2
tui_tmux resize-window -t taste -x 100 -y 30
tui_wait "sorted by Year" >/dev/null
tui_keys s
tui_wait "Statistics: movies" >/dev/null
tui_keys /
tui_type "strangelove"
tui_keys Enter
long="Dr. Strangelove or: How I Learned to Stop Worrying"
ok_if "100 columns: the statistics show a long title whole" \
	tui_wait "$long and Love the Bomb (1964)"
ok_if "with its mean and count in their columns" \
	tui_wait_row "Love the Bomb (1964)" "(1964) *4\.27 *97 *│$"
tui_keys Escape Escape q
ok_if "q quits" tui_wait_exit
tui_done
