#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The books catalogue opens and says plainly that its community ratings
# are missing: in the header (which names the catalogue at any width),
# in a note shown whole at 100 and 80 columns, and in the statistics,
# whose figures from the Goodreads histograms say where they come from.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

# The note as the core words it (taste stats --json).
note=$("$TASTE" --data-dir "$TUI_DATA" --catalog books stats --json |
	sed -n 's/^  "note": "\(.*\)",$/\1/p')
# The rows between the table's last rule and the footer, joined.
shown_note() {
	tui_screen | awk '/^(─)+$/ { buf = ""; on = 1; next }
		/sorted by/ { print buf; exit }
		on { sub(/^ /, ""); buf = buf (buf == "" ? "" : " ") $0 }'
}
# Wait until the screen shows the whole note.
note_whole() {
	n=$((TUI_TIMEOUT * 10))
	while [ "$n" -gt 0 ]; do
		[ "$(shown_note)" = "$note" ] && return 0
		sleep 0.1
		n=$((n - 1))
	done
	tap_diag "note: $note" "shown: $(shown_note)"
	return 1
}

tui_start --catalog books
ok_if "books open" tui_wait "taste ─ books ─ " 20
ok_if "the header says there are no community ratings" \
	tui_wait "10000 items · no community ratings (Goodreads histograms only) · you: 0 rated"
ok_if "the core has a note on the missing ratings" [ -n "$note" ]
ok_if "100 columns: the note is shown whole" note_whole
ok_if "The Hunger Games is the most rated" \
	tui_row_has "▶" "The Hunger Games"
ok_if "with its author" tui_wait "Suzanne Collins"
tui_tmux resize-window -t taste -x 80 -y 24
ok_if "80 columns: the header keeps the catalogue's name and the point" \
	tui_wait_row "10000 items" \
	"^ taste ─ books ─ 10000 items · no community ratings · you: 0 rated *$"
ok_if "80 columns: the note is still whole" note_whole
tui_tmux resize-window -t taste -x 60 -y 15
ok_if "60 columns: the name stays, the program's goes" \
	tui_wait_row "10000 items" \
	"^ books ─ 10000 items · no community ratings · you: 0 rated *$"
tui_tmux resize-window -t taste -x 100 -y 30
tui_keys s
ok_if "the statistics give the note" \
	tui_wait "$(printf '%s' "$note" | cut -c1-40)"
ok_if "they count no users but the ratings in the histograms" \
	tui_wait_row "Ratings in the Goodreads histograms" "[0-9] *│$"
ok_if "the histogram says where it comes from" \
	tui_wait "Rating histogram (from the Goodreads histograms)"
ok_if "so do the mean" tui_wait "Mean rating (Goodreads histograms)"
ok_if "and the ratings per item" \
	tui_wait "Ratings per item (Goodreads counts)"
ok_if "no 'Users 0' line" eval '! tui_screen | grep -q "Users  "'
tui_keys Escape F5
tui_type "rowling chamber"
ok_if "Search finds a book by author and title words" \
	tui_wait "Harry Potter and the Chamber of… (1998)"
ok_if "its details call the ratings Goodreads'" \
	tui_wait "Ratings    mean 4.37 from 1779331 Goodreads"
tui_keys Down 4
ok_if "whole stars on a 1-5 scale" \
	tui_wait "Saved: Harry Potter and the Chamber of Secrets (1998) ★★★★"
tui_keys q
ok_if "q quits" tui_wait_exit
tui_done
