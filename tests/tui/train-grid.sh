#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The tuning grid of the Train pane on the bundled movies, at 100x30:
# ALS for 3 epochs over factors=4,8 x reg=0.1,0.2 typed in the form's
# Grid rows; g runs it, the table read off the screen holds the same
# mean ± spread per cell as `taste eval --grid` on the same catalogue
# (same folds, seed 1), the best cell is marked '*' (reversed) and is
# the lowest RMSE, the heat map carries the values as text; a puts the
# best setting into the form. A longer grid is cancelled midway with g
# and with ^C (taste stays, the cells measured are kept), the held-out
# share and split seed are typed into the form and used by a run, and
# q while a grid runs asks, a single y quitting.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

# Sanitizer builds fit ten times slower: every wait is generous.
RUN_S=180
GRID="factors=4,8;reg=0.1,0.2"

# The CLI's table for the same grid: "factors=4 0.9011±0.0025 ..." rows.
cli=$("$TASTE" --data-dir "$TUI_DATA" eval --catalog movies --model als \
	--epochs 3 --grid "$GRID" 2>/dev/null)
tap_diag "taste eval --grid: $cli"

# The mean±spread figures of row $2 in a table ($1: the text).
cells_of() {
	printf '%s\n' "$1" | grep -m 1 "^ *$2 " |
		grep -o "0\.[0-9]*±0\.[0-9]*\*\{0,1\}"
}

# The figures of row $1 of the pane's table (its first line naming it).
screen_cells() {
	tui_screen | sed 's/.*│ //' | grep -m 1 "^$1 " |
		grep -o "0\.[0-9]*±0\.[0-9]*\*\{0,1\}"
}

tui_start
tui_wait "sorted by" >/dev/null
tui_tmux resize-window -t taste -x 100 -y 30
tui_keys F3
tui_wait_row "Model" "ALS (explicit" >/dev/null
ok_if "the form has a Grid section with ALS's default axes" \
	tui_wait_row "Grid (g)" "Grid (g)"
ok_if "rows: factors 16,32,64" tui_wait_row "↓ factors" "16,32,64"
ok_if "columns: reg 0.05,0.1,0.2" tui_wait_row "→ reg" "0.05,0.1,0.2"
ok_if "and 3 folds" tui_wait_row "folds " "folds *3"

# epochs: 3 (the fourth setting), then the Grid rows five further down
tui_keys Enter Down Down Down Enter C-u
tui_type 3
tui_keys Enter
tui_wait_row "epochs" "epochs *3" >/dev/null
tui_keys Down Down Down Down Down Enter
ok_if "Enter on the rows axis opens its prompt" \
	tui_wait "grid rows: factors=16,32,64"
tui_type "factors=4,8"
tui_keys Enter
tui_keys Down Enter
tui_wait "grid columns: " >/dev/null
tui_type "reg=0.1,0.2"
tui_keys Enter
ok_if "the typed axes are shown" tui_wait_row "↓ factors" "4,8"
ok_if "both of them" tui_wait_row "→ reg" "0\.1,0\.2"
tui_keys Up Enter
tui_wait "grid rows: " >/dev/null
tui_type "neighbours=5"
tui_keys Enter
ok_if "a setting ALS's form lacks is refused when the grid starts" \
	tui_wait_row "↓ neighbours" "5"
tui_keys g
ok_if "with a clear message" tui_wait "has no setting neighbours to tune"
tui_keys Enter
tui_wait "grid rows: " >/dev/null
tui_type "factors=4,8"
tui_keys Enter
tui_wait_row "↓ factors" "4,8" >/dev/null

tui_keys g
ok_if "g runs the grid to its end" tui_wait "■ done" "$RUN_S"
ok_if "the title says it is the tuning grid" \
	tui_wait "ALS (explicit, biases): tuning grid"
ok_if "the progress counts the 12 fits" tui_wait "12 of 12 fits"
ok_if "the column heads are the reg values" \
	tui_wait_row "reg=0.1 " "reg=0\.1 .*reg=0\.2"
for r in factors=4 factors=8; do
	want=$(cells_of "$cli" "$r" | tr '\n' ' ')
	got=$(screen_cells "$r" | tr '\n' ' ')
	tap_diag "$r: CLI '$want', pane '$got'"
	ok_if "row $r holds the CLI's figures and best mark" \
		[ -n "$want" ] && [ "$want" = "$got" ]
done
best=$(printf '%s\n' "$cli" | grep -o "0\.[0-9]*±[0-9.]*\*" | cut -c1-6)
all=$(printf '%s\n' "$cli" | grep -o "0\.[0-9]*±" | tr -d '±' | sort |
	head -n 1)
ok_if "the starred cell ($best) is the lowest RMSE ($all)" \
	[ -n "$best" ] && [ "$best" = "$all" ]
short=$(awk -v b="$best" 'BEGIN { printf "%.3f", b }')
ok_if "the heat map shows the best value as text, starred" \
	tui_wait_row "heat map" "darker is better"
ok_if "in its row ($short*)" tui_wait "$short*"
ok_if "the best cell and the way to apply it are named" \
	tui_wait "best: factors="

# the best cell's settings, as the CLI names them
best_re='s/^Best: factors=\([0-9]*\), reg=\([0-9.]*\):.*'
bf=$(printf '%s\n' "$cli" | sed -n "$best_re/\\1/p")
br=$(printf '%s\n' "$cli" | sed -n "$best_re/\\2/p")
tap_diag "best: factors=$bf reg=$br"
tui_keys a
ok_if "a applies the best cell" tui_wait "applied factors=$bf, reg=$br"
ok_if "the form's k is now $bf" tui_wait_row " k  " " k  *$bf│"
ok_if "and its λ $br" tui_wait_row " λ  " " λ  *$br│"

# a held-out share and split seed of our own for the next run
tui_keys Up Up Enter
tui_wait "held out (%): 20" >/dev/null
tui_type 25
tui_keys Enter
tui_keys Down Enter C-u
tui_type 7
tui_keys Enter
ok_if "the held-out share is shown" tui_wait_row "held out" "25%"
ok_if "and the split seed" tui_wait_row "split seed" "seed *7"
tui_keys t
ok_if "t trains with the applied settings" tui_wait "■ done" "$RUN_S"
ok_if "on the split typed" tui_wait "random 75/25 split, seed 7"
# the run ends with its refit and save: a grid waits for those (on a
# loaded machine "done" shows a moment before "Saved")
tui_wait "Saved, used by Search." "$RUN_S" >/dev/null

# a longer grid, cancelled midway by g, then by ^C
tui_keys Up Up Up Up Enter C-u
tui_type 400
tui_keys Enter
tui_wait_row "epochs" "epochs *400" >/dev/null
tui_keys g
ok_if "a long grid shows its progress" \
	tui_wait "cell 1/4, fold 2/3" "$RUN_S"
tui_keys g
ok_if "g again cancels it" tui_wait "■ stopped" "$RUN_S"
ok_if "saying where" tui_wait "grid stopped at cell 1 of 4"
ok_if "the fold measured before is no cell: cell 1 is not shown" \
	[ -z "$(screen_cells factors=4)" ]
ok_if "taste is still there" tui_alive
tui_keys g
tui_wait "cell 2/4, fold 1/3" "$RUN_S" >/dev/null
tui_keys C-c
ok_if "^C cancels a grid too" tui_wait "■ stopped" "$RUN_S"
ok_if "keeping the cell measured" [ -n "$(screen_cells factors=4)" ]
ok_if "^C did not quit taste" tui_alive
tui_keys a
ok_if "a applies the best of the cells measured" \
	tui_wait "the best of the cells measured"

tui_keys g
tui_wait "cell 1/4" "$RUN_S" >/dev/null
tui_keys q
ok_if "q while a grid runs asks first" tui_wait "quit anyway? (y/N)"
tui_keys n
ok_if "n alone answers no" tui_gone "quit anyway?"
ok_if "and the grid goes on" tui_wait "fold 2/3" "$RUN_S"
tui_keys q
tui_wait "quit anyway?" >/dev/null
tui_keys y
ok_if "a single y quits" tui_wait_exit 30
ok_if "with status 0" [ "$(tui_status)" = 0 ]
tui_done
