#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Signals on the screen: with no ratings, For you is the onboarding
# list, led by The Shawshank Redemption and The Matrix. Importing a
# watched-only Letterboxd export (tests/fixtures/signals/watched-only:
# those two, The Fellowship of the Ring and The Shining) from the
# Import screen takes the four films out of For you at once, and its
# title counts them, and the Search results tag them "seen"; a watch
# list imported by another process (taste import, The Silence of the
# Lambs, the first content pick from those four) reaches the list too,
# without a restart. Browse shows the same signals in its You column,
# dim ("seen", "want"), sorts them after your ratings and before the
# rest, and the details say "seen, not rated"; the statistics (s)
# count them beside your ratings; x takes a signal back.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

mkdir -p "$TUI_DIR/Downloads"
cp "$top_srcdir/tests/fixtures/signals/watched-only/watched.csv" \
	"$TUI_DIR/Downloads/watched.csv"
watched='Shawshank Redem|The Matrix \(1999\)|The Shining'
watched="$watched|Lord of the Rin[^(]*\(2001\)"

# The For you rows: after its rule, without the status and hint lines.
for_you() {
	tui_screen | sed -n '/For you (/,$p' | sed '1d' | head -n -2
}

tui_start
tui_wait "sorted by" >/dev/null
tui_keys F5
ok_if "For you starts as the onboarding list" \
	tui_wait "For you (0 rated · onboarding"
# the content model makes the picks from signals: wait for the models
# (a few seconds, far more under a sanitizer)
ok_if "the models are ready" tui_gone "models…" 120
before=$(for_you)
tap_diag "For you before:" "$before"
ok_if "led by The Shawshank Redemption and The Matrix" eval \
	'printf "%s\n" "$before" | grep -q "The Shawshank Redem" &&
	 printf "%s\n" "$before" | grep -q "The Matrix (1999)"'
ok_if "the check below finds them there" \
	eval 'printf "%s\n" "$before" | grep -E -q "$watched"'

tui_keys F2
tui_wait "sorted by" >/dev/null
tui_keys I
ok_if "the Import screen lists the export" \
	tui_wait_row "watched.csv" "Letterboxd"
tui_keys Down Enter
ok_if "its report offers to write the 4 watched films" \
	tui_wait "Import: write 4 rows to your profile of movies"
tui_type "y"
ok_if "y imports them" tui_wait "Imported 4 rows from"
ok_if "into the signals journal, as seen" \
	test "$(grep -c '	1	' "$TUI_DATA/movies.signals.journal")" = 4
tui_keys F5
ok_if "For you counts the 4 seen films" \
	tui_wait "For you (0 rated · 4 seen · onboarding"
after=$(for_you)
tap_diag "For you after:" "$after"
ok_if "and lists none of them" \
	eval '! printf "%s\n" "$after" | grep -E -q "$watched"'
ok_if "its picks are content-based, from the films seen" \
	eval 'printf "%s\n" "$after" | grep -q "shares "'
ok_if "The Silence of the Lambs first" \
	eval 'printf "%s\n" "$after" | grep -q "^ *1 The Silence of the"'

# The results say which you have seen.
tui_type "Shawshank"
ok_if "the Search results tag The Shawshank Redemption seen" \
	tui_wait_row "The Shawshank Redemption (1994)" " seen *│"
tui_keys Escape

# Another process adds a watch list: the screen follows it.
"$TASTE" --data-dir "$TUI_DATA" import \
	"$top_srcdir/tests/fixtures/signals/watchlist.csv" >/dev/null
ok_if "taste import writes the watch list" test $? = 0
ok_if "For you counts it without a restart" \
	tui_wait "For you (0 rated · 4 seen · 1 wanted · onboarding"
ok_if "and The Silence of the Lambs leaves the list" \
	eval '! for_you | grep -q "The Silence of the"'

# Browse: the You column, its sort and the details.
tui_keys F2
tui_wait "sorted by" >/dev/null
ok_if "Browse's You column says seen for The Shawshank Redemption" \
	tui_wait_row "The Shawshank Redemption" " 4\.43  seen *$"
ok_if "and want for The Silence of the Lambs" \
	tui_wait_row "The Silence of the Lambs" " 4\.16  want *$"
ok_if "a signal is dim, not in the stars' colour" eval \
	'tui_screen -e | grep "The Shawshank Redemption" |
	 grep -q "$(printf "\033")\[2mseen"'
tui_keys 4           # Forrest Gump, the first row
tui_wait_row "Forrest Gump" "★★★★ *$" >/dev/null
tui_keys l l ']'
ok_if "sorted by You: your rating first" \
	tui_wait_row "You ▼" "You ▼"
you_col() {
	tui_screen | sed -n '5,11p' | sed 's/.*  //'
}
ok_if "then the 4 seen, then the wanted one, then the rest" eval \
	'test "$(you_col | tr "\n" " ")" = "★★★★ seen seen seen seen want – "'
ok_if "ascending too" eval \
	'tui_keys "["; tui_wait_row "You ▲" "You ▲" &&
	 test "$(you_col | tr "\n" " ")" = "★★★★ seen seen seen seen want – "'
tui_keys '\'
tui_type "shawshank"
tui_keys Enter Enter
ok_if "the details say seen, not rated" \
	tui_wait_row "│  You" "You        seen, not rated"
tui_keys Escape Escape
tui_keys s
tui_wait "Statistics: movies" >/dev/null
tui_keys /
tui_type "you"
tui_keys Enter
ok_if "the statistics count your rating" \
	tui_wait_row "│  rated" "rated  *1  *│$"
ok_if "and your signals, seen and wanted" \
	tui_wait_row "seen or wanted, not rated" \
	"not rated  *5 (4 seen, 1 wanted)  *│$"
tui_keys Escape Escape

# x takes an imported signal back: the wanted film is no longer wanted.
tui_keys '\' C-u
tui_type "silence of the lambs"
tui_keys Enter
tui_wait_row "The Silence of the Lambs" " want *$" >/dev/null
tui_keys x
ok_if "x on a wanted film clears the signal" tui_wait \
	"Cleared: The Silence of the Lambs (1991) is no longer wanted"
ok_if "its You column is empty again" \
	tui_wait_row "The Silence of the Lambs" " 4\.16  – *$"
ok_if "and the signals journal has the clear" \
	grep -q "^clear	.*	593$" "$TUI_DATA/movies.signals.journal"
tui_keys F10
ok_if "taste exits cleanly" tui_wait_exit
ok_if "exit status 0" test "$(tui_status)" = 0
tui_done
