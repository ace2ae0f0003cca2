#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A rating written by another process (taste rate) while the TUI runs
# shows up in the TUI without a key press, and ^L re-reads at once.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

# Rate with the CLI into the same data directory as the TUI.
cli_rate() {
	LC_ALL=C.UTF-8 "$TASTE" --data-dir "$TUI_DATA" rate "$@" >/dev/null
}

tui_start
ok_if "taste starts on the movies" tui_wait "sorted by"
ok_if "the header counts no ratings yet" tui_wait "you: 0 rated"
ok_if "taste rate from the shell succeeds" cli_rate "Forrest Gump" 4
ok_if "the TUI shows the new count without a key" \
	tui_wait "you: 1 rated" 10
ok_if "and Forrest Gump's row shows the stars" \
	tui_wait_row "Forrest Gump" "★★★★"
ok_if "a clear from the shell succeeds" cli_rate "Forrest Gump" --clear
tui_keys C-l
ok_if "^L re-reads the profile at once" tui_wait "you: 0 rated" 3
tui_keys q
ok_if "q quits" tui_wait_exit
tui_done
