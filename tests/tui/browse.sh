#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Browse: the sort, filter, find and details keys change what is shown;
# find says where it is; Esc clears the filter; Enter in a frequency
# table filters by its value; a rating elsewhere re-sorts a table
# sorted by your ratings.
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
# Data row $1 of the table (1 is the first under the header's rule).
data_row() {
	tui_screen | sed -n "$(( $1 + 4 ))p"
}

tui_start
ok_if "sorted by number of ratings, most first" \
	tui_wait "sorted by #Ratings ▼ · filter: none · 1 of 9742"
ok_if "Forrest Gump (329 ratings) on top" sel_is "Forrest Gump"
tui_keys '['
ok_if "the current column at start is the sort column" \
	tui_wait "sorted by #Ratings ▲"
tui_keys ']'
tui_wait "sorted by #Ratings ▼" >/dev/null
tui_keys Escape
ok_if "Esc without a filter changes nothing" \
	tui_wait "sorted by #Ratings ▼ · filter: none · 1 of 9742"
ok_if "and says nothing" eval '! tui_screen | grep -q "Filter cleared"'
tui_keys '\'
tui_type "matrix"
tui_keys Enter
ok_if "the filter keeps the Matrix films" \
	tui_wait "filter: matrix (4 of 9742) · 1 of 4"
ok_if "Forrest Gump is filtered out" tui_gone "Forrest Gump"
ok_if "The Matrix is on top (most ratings)" sel_is "The Matrix  "
tui_keys '\'
ok_if "\\ shows the filter to edit" tui_wait "Filter: matrix"
tui_type "zz"
ok_if "typing replaces it" tui_wait_row "Filter: " "Filter: zz$"
tui_keys Escape
tui_keys h h h h h h h l ']'
ok_if "] sorts by the current column (Year) descending" \
	tui_wait "sorted by Year ▼"
ok_if "a 2003 sequel comes first" sel_is "The Matrix Reloaded"
tui_keys '['
ok_if "[ sorts ascending" tui_wait "sorted by Year ▲"
ok_if "The Matrix (1999) comes first" sel_is "1999"
tui_keys j Escape
ok_if "Esc clears the filter" tui_wait "Filter cleared"
ok_if "all rows are back" tui_wait "filter: none"
ok_if "with the same item highlighted" sel_is "The Matrix Reloaded"
tui_keys '/'
tui_type "pulp fiction"
tui_keys Enter
ok_if "/ finds Pulp Fiction" sel_is "Pulp Fiction"
ok_if "and says it is the only match" \
	tui_wait 'match 1 of 1 for "pulp fiction"'
tui_keys g '/'
tui_type "star wars"
tui_keys Enter
ok_if "/ star wars from the top: the first of 13 matches" \
	tui_wait 'match 1 of 13 for "star wars"'
tui_keys n
ok_if "n: the second" tui_wait 'match 2 of 13 for "star wars"'
tui_keys N N
ok_if "N from the first wraps to the last" \
	tui_wait 'match 13 of 13 for "star wars" · search wrapped to the bottom'
tui_keys n
ok_if "n from the last wraps to the first" \
	tui_wait 'match 1 of 13 for "star wars" · search wrapped to the top'
tui_keys '/'
ok_if "/ offers the last query again, selected" tui_wait "Find: star wars"
tui_type "no such film zz"
tui_keys Enter
ok_if "a title that is not there is reported" \
	tui_wait "Not found: no such film zz"
tui_keys '/'
tui_type "pulp fiction"
tui_keys Enter
tui_wait 'match 1 of 1' >/dev/null
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
tui_keys Enter
ok_if "Enter filters Browse by that genre" \
	tui_wait "filter: genres=Drama (4361 of 9742)"
ok_if "and says so" tui_wait "Filter genres=Drama: 4361 rows"
tui_keys F j Enter
ok_if "Enter in the next table narrows the filter" \
	tui_wait_row "filter: genres=Drama genres=" "of 9742) · 1 of"
tui_keys Escape
tui_wait "filter: none" >/dev/null
tui_keys l l l l l l ']'
ok_if "sorted by your ratings" tui_wait "sorted by You ▼"
ok_if "Pulp Fiction, rated, comes first" \
	eval 'data_row 1 | grep -q "Pulp Fiction.*★★★★★$"'
tui_keys j
tui_wait "2 of 9742" >/dev/null
held=$(sel | sed 's/^▶ *//; s/  .*//')
tui_keys F5
tui_type "matrix"
tui_wait "The Matrix (1999)" >/dev/null
tui_keys Down 4
tui_wait "Saved: The Matrix (1999) ★★★★" >/dev/null
# Wait until row 2 of the table shows The Matrix with its stars.
matrix_sorted_in() {
	n=$((TUI_TIMEOUT * 10))
	while [ "$n" -gt 0 ]; do
		data_row 2 | grep -q "The Matrix .*★★★★$" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	tap_diag "row 2: $(data_row 2)"
	return 1
}
tui_keys F2
ok_if "a rating given in Search is sorted in when Browse shows again" \
	matrix_sorted_in
ok_if "with the same item still highlighted ($held)" sel_is "$held"
ok_if "the footer still tells the truth" tui_wait "sorted by You ▼"
tui_keys s
ok_if "s shows the statistics" tui_wait "Statistics: movies"
ok_if "with the count of ratings" tui_wait "100836"
tui_keys G
ok_if "and the import report of ratings.csv" \
	tui_wait "Import report: ratings.csv"
tui_keys Escape q
ok_if "q quits" tui_wait_exit
tui_done
