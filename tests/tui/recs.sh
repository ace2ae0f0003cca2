#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Recommendations in Search: on a fresh data dir the models train in
# the background (the columns say so meanwhile) and are saved; for Toy
# Story (1995) the three columns list real, different items with
# scores and reasons; rating three items changes For you, which never
# lists a rated item; the next start loads the models from disk.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

# Training takes a few seconds, far more under a sanitizer.
TRAIN_S=120
SEP='│'

# The body rows of the three columns: from the row of headings to the
# For you rule.
columns() {
	tui_screen |
		sed -n '/Collaborative.*Content-based.*Hybrid/,/For you (/p' |
		sed '1d;$d'
}

# Column $1 (1-3) of those rows, trimmed.
column() {
	columns | awk -F "$SEP" -v c="$1" '{ print $c }' |
		sed 's/^ *//; s/ *$//'
}

# The For you rows: after its rule, without the status and hint lines.
for_you() {
	tui_screen | sed -n '/For you (/,$p' | sed '1d' | head -n -2
}

tui_start
tui_wait "sorted by" >/dev/null
tui_keys F5
tui_type "Toy Story"
ok_if "Search finds Toy Story (1995)" tui_wait "Toy Story (1995)"
ok_if "the columns say the models are on their way" \
	eval "tui_screen | grep -q 'training…\|loading…\|models… [0-9]'"
ok_if "the models finish training" \
	tui_gone "models…" "$TRAIN_S"
tui_keys Down
ok_if "the columns are for Toy Story (1995)" tui_wait "Like Toy Story (1995)"
ok_if "three columns, named with their method" \
	tui_wait_row "Collaborative" \
	"Collaborative · item-knn.*Content-based · content.*Hybrid · hybrid"
c1=$(column 1); c2=$(column 2); c3=$(column 3)
tap_diag "collaborative:" "$c1" "content-based:" "$c2" "hybrid:" "$c3"
nonempty() { [ "$(printf '%s\n' "$1" | grep -c '^[0-9] ')" -ge 3 ]; }
ok_if "Collaborative lists at least 3 items" nonempty "$c1"
ok_if "Content-based lists at least 3 items" nonempty "$c2"
ok_if "Hybrid lists at least 3 items" nonempty "$c3"
ok_if "Toy Story 2 (1999) is among them" \
	eval "printf '%s\n' \"\$c1\$c2\$c3\" | grep -q 'Toy Story 2 (1999)'"
# The first three ranked rows of each column, as one line each.
top3() { printf '%s\n' "$1" | grep '^[1-3] ' | tr '\n' '|'; }
ok_if "the three columns differ" \
	eval '[ "$(top3 "$c1")" != "$(top3 "$c2")" ] &&
	      [ "$(top3 "$c1")" != "$(top3 "$c3")" ] &&
	      [ "$(top3 "$c2")" != "$(top3 "$c3")" ]'
ok_if "collaborative rows carry a similarity and a reason" \
	eval "printf '%s\n' \"\$c1\" | grep -q '^1 .* \.[0-9][0-9]\$' &&
	      printf '%s\n' \"\$c1\" | grep -q 'rated highly by [0-9]* who'"
ok_if "content rows say what is shared" \
	eval "printf '%s\n' \"\$c2\" | grep -q 'shares .*Animation'"
ok_if "hybrid rows say both" \
	eval "printf '%s\n' \"\$c3\" | grep -q 'both: '"
ok_if "For you starts as the onboarding list" \
	tui_wait "For you (0 rated · onboarding · diversity 0.0)"
ok_if "and says how many ratings unlock collaborative lists" \
	tui_wait "5 more ratings unlock collaborative lists"
before=$(for_you)
tap_diag "For you before:" "$before"
ok_if "with popular items" \
	eval "printf '%s\n' \"\$before\" | grep -q '(1994) *popular: '"

# Rate the first three results: Toy Story (1995), then the next two.
tui_keys 5
ok_if "rating Toy Story" tui_wait "Saved: Toy Story (1995)"
tui_keys Down 4
tui_wait "you: 2 rated" >/dev/null
r2=$(tui_screen | sed -n 's/.*Saved: \(.*([0-9]*)\).*/\1/p' | head -n 1)
tui_keys Down 5
tui_wait "you: 3 rated" >/dev/null
ok_if "three rated" tui_wait "For you (3 rated · onboarding"
r3=$(tui_screen | sed -n 's/.*Saved: \(.*([0-9]*)\).*/\1/p' | head -n 1)
after=$(for_you)
tap_diag "rated: Toy Story (1995), $r2, $r3" "For you after:" "$after"
ok_if "For you changed" [ "$before" != "$after" ]
notin() { ! printf '%s\n' "$after" | grep -qF "$1"; }
ok_if "it lists no rated item (Toy Story (1995))" notin "1 Toy Story (1995)"
ok_if "nor $r2" notin "$r2"
ok_if "nor $r3" notin "$r3"
ok_if "it now has content-based picks" \
	eval "printf '%s\n' \"\$after\" | grep -q 'shares '"

# Two more (Shrek and Shrek 2): the hybrid folds you in, and d
# changes the diversity.
tui_keys / Escape
tui_type "Shrek"
tui_wait "Shrek 2 (2004)" >/dev/null
tui_keys Down 4 Down 4
ok_if "five ratings switch For you to the hybrid" \
	tui_wait "For you (5 rated · hybrid · diversity 0.0)"
fy5=$(for_you)
tui_keys d
ok_if "d sets the diversity to 0.3" \
	tui_wait "For you (5 rated · hybrid · diversity 0.3)"
# 0.3 may change only rows below the four shown; 0.6 changes those.
tui_keys d
ok_if "d again sets it to 0.6" \
	tui_wait "For you (5 rated · hybrid · diversity 0.6)"
ok_if "which re-ranks the list" eval '[ "$(for_you)" != "$fy5" ]'
tui_keys q
ok_if "q quits" tui_wait_exit
ok_if "the models are saved" eval \
	'[ -s "$TUI_DATA/models/movies-item-knn.model" ] &&
	 [ -s "$TUI_DATA/models/movies-content.model" ] &&
	 [ -s "$TUI_DATA/models/movies-hybrid.model" ] &&
	 [ -s "$TUI_DATA/models/movies-als.model" ]'

# The next start loads them: ready within the normal timeout.
tui_start
tui_wait "sorted by" >/dev/null
tui_keys F5
tui_type "Toy Story"
ok_if "the next start loads the models from disk" \
	tui_wait_row "Collaborative" "item-knn" 30
ok_if "and goes on from your five ratings" \
	tui_wait "For you (5 rated · hybrid"
tui_keys F10
tui_wait_exit >/dev/null
tui_done
