#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Matrix pane on the bundled movies: ordered by id and zoomed in to
# single cells, user 4's rating of Get Shorty (1995), 3.0 in
# data/movies/ratings.csv ("4,21,3.0,..."; movie 21 is the 21st of
# movies.csv, user 4 the 4th), is read from the screen with its title;
# once the Search pane's worker has saved a model, p fills the empty
# cells with predictions drawn as "~3.4" and dim, the rating itself
# stays "3.0" in bold; o changes the order; the pane draws at the
# minimum size and comes back after a resize; the legend counts the
# community's ratings and yours apart ("nnz 100836 + 1 yours" once you
# rate); and it reads in ASCII without colour.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

# Training takes a few seconds, far more under a sanitizer.
TRAIN_S=180
ESC=$(printf '\033')

# True once $1 exists (polled up to $2 s).
file_within() {
	n=$(($2 * 10))
	while [ "$n" -gt 0 ]; do
		[ -e "$1" ] && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# The screen line of user $1 (its label right-aligned in 6 cells);
# with -e as $2, the same line with its attributes.
user_row() {
	n=$(tui_screen | grep -nE "^ {0,5}$1 " | head -n 1 | cut -d: -f1)
	[ -n "$n" ] && tui_screen ${2:-} | sed -n "${n}p"
}

# True once (within 30 s) user $1's line matches the ERE $2; with -e
# as $3, matched with its attributes (a slow build, ASan, may draw the
# predictions a frame after the legend).
row_within() {
	n=300
	while [ "$n" -gt 0 ]; do
		user_row "$1" ${3:-} | grep -qE -- "$2" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# True when no block glyph is on screen.
no_blocks() {
	! tui_screen | grep -q "[░▒▓█]"
}

tui_start
tui_tmux resize-window -t taste -x 80 -y 24
ok_if "Browse is shown" tui_wait "sorted by #Ratings"
tui_keys F4
ok_if "F4 shows the Matrix, zoomed out" tui_wait "zoom 1:64 (64"
ok_if "rows by activity, columns by popularity" \
	tui_wait "rows by activity · columns by popularity"
ok_if "your row is pinned on top" tui_wait "   you ···"
ok_if "the legend gives nnz, the community's and yours, and density" \
	tui_wait "nnz 100836 + 0 yours · density 1.70%"
ok_if "and the shading scale" tui_wait_row "nnz 100836" "count: ░ 1-"
ok_if "the cursor line names the block" \
	tui_wait "users 1-64 × items 1-64:"
tui_keys o
ok_if "o orders both by id" tui_wait "rows by id · columns by id"
tui_type "++++++++"
ok_if "+ zooms down to single cells" tui_wait "zoom 1:1 (single cells)"
ok_if "the first cell is user 1's Toy Story" \
	tui_wait "user 1 × Toy Story (1995): rated 4.0"
tui_type "jjj"
tui_type "llllllllllllllllllll"
ok_if "the cursor line reads user 4's rating of Get Shorty" \
	tui_wait "user 4 × Get Shorty (1995): rated 3.0"
ok_if "and the cell shows it, at the right edge" \
	sh -c '[ -n "$1" ] && printf "%s\n" "$1" | grep -q " 3\.0 *$"' \
	sh "$(user_row 4)"
ok_if "the hints offer the rating keys on a single cell" \
	tui_wait "1-5 rate"

ok_if "the Search pane's worker saves a model" \
	file_within "$TUI_DATA/models/movies-hybrid.model" "$TRAIN_S"
tui_keys p
ok_if "p shows the hybrid's predictions" \
	tui_wait "~4.1 predicted by hybrid" 15
ok_if "user 4's empty cells show ~values" row_within 4 "~[0-5]\.[0-9]"
ok_if "the rating is still shown as observed" \
	sh -c 'printf "%s\n" "$1" | grep -q " 3\.0 *$"' sh "$(user_row 4)"
# A prediction in SGR dim (2) and the observed 3.0 in bold (1).
dim_and_bold() {
	row_within 4 "${ESC}\[[0-9;]*2[0-9;]*m~" -e &&
	row_within 4 "${ESC}\[[0-9;]*1[0-9;]*m(${ESC}\[[0-9;]*m)* 3\.0" -e
}
ok_if "predictions are dim, the rating bold (not colour alone)" \
	dim_and_bold
ok_if "the cursor line adds the prediction" \
	tui_wait_row "Get Shorty" "rated 3.0 · predicted [0-5]\.[0-9]"
tui_keys o
ok_if "o again: rows by activity, columns by id" \
	tui_wait "rows by activity · columns by id"
tui_type "---"
ok_if "- zooms out" tui_wait "zoom 1:8 (8×8 per cell)"
ok_if "empty blocks show the predicted glyph" tui_wait "   you ◦" 30

tui_tmux resize-window -t taste -x 60 -y 15
ok_if "60x15 still draws the map" tui_wait "zoom 1:8"
ok_if "with its cursor line" tui_wait "users "
tui_tmux resize-window -t taste -x 50 -y 12
ok_if "50x12 says the terminal is too small" tui_wait "at least 60×15"
tui_tmux resize-window -t taste -x 80 -y 24
ok_if "80x24 brings the Matrix back" tui_wait "rows by activity"
ok_if "with the legend" tui_wait "nnz 100836"
"$TASTE" --data-dir "$TUI_DATA" rate "Toy Story (1995)" 4 >/dev/null
ok_if "a rating of yours is counted apart from the community's" \
	tui_wait "nnz 100836 + 1 yours · density 1.70%"
tui_keys q
ok_if "q quits" tui_wait_exit

TUI_ENV="NO_COLOR=1"
tui_start --ascii
tui_tmux resize-window -t taste -x 80 -y 24
ok_if "ASCII, no colour: Browse is shown" tui_wait "sorted by #Ratings"
tui_keys F4
ok_if "the Matrix is shown" tui_wait "zoom 1:64 (64x64 per cell)"
ok_if "shaded with the ASCII ramp" tui_wait_row "nnz 100836" "count: \. 1"
ok_if "and no block glyphs" no_blocks
ok_if "the densest blocks are drawn with @" tui_wait_row "     1" "@"
tui_keys q
ok_if "q quits" tui_wait_exit
tui_done
