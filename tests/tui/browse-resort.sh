#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Browse sorted by your ratings takes in ratings that came many at once
# (another process, an import) without a key.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

# Rate with the CLI into the same data directory as the TUI.
cli_rate() {
	LC_ALL=C.UTF-8 "$TASTE" --data-dir "$TUI_DATA" rate "$@" >/dev/null
}
# Data row $1 of the table (1 is the first under the header's rule).
data_row() {
	tui_screen | sed -n "$(( $1 + 4 ))p"
}
# Wait until data row $1 matches the regular expression $2.
row_becomes() {
	n=$((TUI_TIMEOUT * 10))
	while [ "$n" -gt 0 ]; do
		data_row "$1" | grep -q "$2" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	tap_diag "row $1: $(data_row "$1")"
	return 1
}

tui_start
tui_wait "sorted by #Ratings ▼" >/dev/null
tui_keys l l l l l l ']'
ok_if "Browse sorted by your ratings" tui_wait "sorted by You ▼"
ok_if "taste rate from the shell succeeds" cli_rate "Jumanji (1995)" 5
ok_if "the header counts it without a key" tui_wait "you: 1 rated" 10
ok_if "and Jumanji moves to the top at once, with no ] pressed" \
	row_becomes 1 "Jumanji .*1995.*★★★★★$"
ok_if "the highlighted item (Forrest Gump) stays highlighted, now second" \
	eval 'data_row 2 | grep -q "^▶ Forrest Gump" &&
	      tui_wait "sorted by You ▼ · filter: none · 2 of 9742"' 
tui_keys q
ok_if "q quits" tui_wait_exit
tui_done
