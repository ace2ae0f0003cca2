#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# taste rate: a rating goes to the profile journal (0600 in a 0700
# directory), shows in stats, can be overwritten and cleared; titles
# that match nothing or several items, and values off the scale, are
# refused with status 1; bad usage gives 2. A title that is not exact
# falls back to the title without its article, then to the search,
# and the message names the item and the catalogue; several matches
# are listed with their ids, never guessed.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/cli/core_golden.sh"

journal=$data/movies.journal

# The journal with its time stamps replaced by T.
tab=$(printf '\t')
journal_is() {
	sed "s/^\([a-z]*\)$tab[0-9]*$tab/\1${tab}T$tab/" "$journal" \
		>"$work/journal"
	printf "$1" >"$work/want"
	diff -u "$work/want" "$work/journal" >"$work/diff" || {
		tap_diag "$(cat "$work/diff")"
		return 1
	}
}

# Permission bits of a file as octal text.
mode_is() {
	[ "$(stat -c %a "$1")" = "$2" ] || {
		tap_diag "$1 has mode $(stat -c %a "$1"), want $2"
		return 1
	}
}

golden rate-matrix 0 rate "The Matrix" 4.5
ok_if "the rating is in the journal" journal_is 'set\tT\t4.5\t2571\n'
ok_if "the journal is 0600" mode_is "$journal" 600
ok_if "the data directory is 0700" mode_is "$data" 700
ok_if "stats counts your rating" \
	sh -c '"$1" --data-dir "$2" stats --json | grep -q "^  \"you\": 1,\$"' \
	sh "$TASTE" "$data"
golden rate-matrix-again 0 rate --id 2571 5 --ascii
golden rate-label 0 rate "Matrix, The (1999)" 3
golden rate-clear 0 rate "The Matrix (1999)" --clear
golden rate-clear-again 0 rate --clear --id 2571
ok_if "overwrite and clear are journal lines" journal_is \
	'set\tT\t4.5\t2571\nset\tT\t5\t2571\nset\tT\t3\t2571\nclear\tT\t2571\n'
golden rate-ambiguous 1 rate Hamlet 4
golden rate-unknown 1 rate "No Such Film" 4
golden rate-unknown-id 1 rate --id 999999999 4
golden rate-off-scale 2 rate "The Matrix" 5.5
golden rate-off-step 2 rate "The Matrix" 4.25
golden rate-not-a-number 2 rate "The Matrix" lots
golden rate-books 0 --catalog books rate "The Hunger Games" 4
ok_if "books have their own journal" test -s "$data/books.journal"
golden rate-books-half 2 rate --catalog books "The Hunger Games" 4.5
ok_if "rate without arguments is bad usage" \
	status_case 2 "taste rate: what and how?" rate
ok_if "rate with a title and no rating is bad usage" \
	status_case 2 "taste rate: what and how?" rate "The Matrix"
ok_if "rate --clear with a rating is bad usage" \
	status_case 2 "taste rate: too many arguments" rate X 4 --clear
ok_if "nothing was written by the refused commands" journal_is \
	'set\tT\t4.5\t2571\nset\tT\t5\t2571\nset\tT\t3\t2571\nclear\tT\t2571\n'

# Titles that are not exact: article left out, year as a word, search.
golden rate-bare-title 0 rate Matrix 4
golden rate-bare-title-year 0 rate "matrix 1999" 3.5
golden rate-search-one 0 rate Amelie 5
golden rate-search-punctuation 0 rate "Leon: The Professional" 4
golden rate-search-ambiguous 1 rate "Star Wars" 4
golden rate-search-ambiguous-clear 1 rate "hamlet" --clear
golden rate-search-none 1 rate "Matrix Zzz" 4
before='set\tT\t4.5\t2571\nset\tT\t5\t2571\nset\tT\t3\t2571\nclear\tT\t2571\n'
after='set\tT\t4\t2571\nset\tT\t3.5\t2571\nset\tT\t5\t4973\n'
ok_if "the fallbacks rated the items they named, the rest nothing" \
	journal_is "$before${after}set\tT\t4\t293\n"
# The same title in two catalogues: the message names the one used.
golden rate-books-alien 0 --catalog books rate Alien 4
golden rate-books-ambiguous 1 rate "harry potter" 4 --catalog books
ok_if "books journal: the Hunger Games and Alien" sh -c \
	'test "$(cut -f 3,4 "$1")" = "$(printf "4\t1\n4\t7098")"' \
	sh "$data/books.journal"
# The bundled movies opened by their directory are the movies: one
# profile, however the catalogue is named.
run_taste --catalog "$top_srcdir/data/movies" rate --id 1 3
ok_if "the bundled directory given as DIR rates into movies.journal" \
	eval 'tail -n 1 "$data/movies.journal" | grep -q "	3	1$" &&
	      ! ls "$data" | grep -q "^movies-"'
# A profile an older taste kept apart for that directory is named, with
# the command that takes it into movies, while movies has none.
old="$work/older"
mkdir -p "$old"
printf 'set\t1700000000\t4\t1\n' >"$old/movies-0123456789abcdef.journal"
(cd "$top_srcdir/data/movies" && pwd -P) >"$old/movies-0123456789abcdef.source"
"$TASTE" --data-dir "$old" stats >/dev/null 2>"$work/older.err"
by_path="ratings of .*/data/movies opened by its path are in"
by_path="$by_path .*movies-0123456789abcdef.journal; to take them into"
ok_if "the bundled movies name a profile of their directory by path" \
	grep -q "$by_path movies: mv " "$work/older.err"

tap_done
