#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Browse: the sort, filter, find and details keys change what is shown.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

# The highlighted row's text (the one with the pointer).
sel() {
	tui_screen | grep -F "▶" | head -n 1
}
# True when the highlighted row holds $1.
sel_is() {
	tui_wait "$1" >/dev/null
	case "$(sel)" in *"$1"*) return 0 ;; esac
	tap_diag "highlighted: $(sel)"
	return 1
}

tui_start
ok_if "sorted by number of ratings, most first" \
	tui_wait "sorted by #Ratings ▼ · filter: none · 1 of 9742"
ok_if "Forrest Gump (329 ratings) on top" sel_is "Forrest Gump"
tui_keys '\'
tui_type "matrix"
tui_keys Enter
ok_if "the filter keeps the Matrix films" \
	tui_wait "filter: matrix (4 of 9742) · 1 of 4"
ok_if "Forrest Gump is filtered out" tui_gone "Forrest Gump"
ok_if "The Matrix is on top (most ratings)" sel_is "The Matrix  "
tui_keys l ']'
ok_if "] sorts by the current column (Year) descending" \
	tui_wait "sorted by Year ▼"
ok_if "a 2003 sequel comes first" sel_is "The Matrix Reloaded"
tui_keys '['
ok_if "[ sorts ascending" tui_wait "sorted by Year ▲"
ok_if "The Matrix (1999) comes first" sel_is "1999"
tui_keys '\' C-u Enter
ok_if "an empty filter shows all rows" tui_wait "filter: none"
tui_keys '/'
tui_type "pulp fiction"
tui_keys Enter
ok_if "/ finds Pulp Fiction" sel_is "Pulp Fiction"
tui_keys '/'
tui_type "no such film zz"
tui_keys Enter
ok_if "a title that is not there is reported" \
	tui_wait "Not found: no such film zz"
tui_keys Enter
ok_if "Enter opens the details" tui_wait "Pulp Fiction (1994)"
ok_if "with the IMDb id" tui_wait "tt0110912"
tui_keys 5
ok_if "a digit rates the item shown" tui_wait "Saved: Pulp Fiction (1994) ★★★★★"
ok_if "and the details show it" tui_wait "You        ★★★★★"
tui_keys Escape
ok_if "Esc closes the details" tui_wait "sorted by Year ▲"
tui_keys l F
ok_if "F shows the frequency table of Genres" \
	tui_wait "Frequency: Genres"
ok_if "Drama is the most frequent genre" \
	eval "tui_screen | grep -F -A1 Count | tail -n 1 | grep -q Drama"
tui_keys Escape s
ok_if "s shows the statistics" tui_wait "Statistics: movies"
ok_if "with the count of ratings" tui_wait "100836"
tui_keys G
ok_if "and the import report of ratings.csv" \
	tui_wait "Import report: ratings.csv"
tui_keys Escape q
ok_if "q quits" tui_wait_exit
tui_done
