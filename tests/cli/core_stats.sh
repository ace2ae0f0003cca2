#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# taste stats: the bundled movies as JSON (610 users, 9,742 items,
# 100,836 ratings), the bundled books as text (no community ratings:
# Goodreads histograms, labelled so, and the note), a catalogue
# directory, a goodbooks download with its ratings.csv, long titles cut
# with an ellipsis ("..." without UTF-8), your signals (seen, wanted)
# beside your ratings, errors.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/cli/core_golden.sh"

golden stats-movies-json 0 stats --json
golden stats-movies 0 stats
golden stats-books 0 stats --catalog books
golden stats-books-json 0 --catalog books stats --json
golden stats-tiny-movies 0 stats --catalog tiny-movies
golden stats-tiny-books-json 0 stats --json --catalog tiny-books

# The three counts the brief names, checked on their own as well.
count_is() {
	run_taste stats --json || return 1
	grep -q "^  \"$1\": $2,\$" "$out"
}
ok_if "movies: 610 users" count_is users 610
ok_if "movies: 9742 items" count_is items 9742
ok_if "movies: 100836 ratings" count_is ratings 100836

# Long titles keep their year after the ellipsis.
has_line() {
	grep -qF -- "$1" "$out" || {
		tap_diag "no line with '$1' in:" "$(cat "$out")"
		return 1
	}
}
ellipsis_is() {
	want=$1; shift
	run_taste "$@" && has_line "$want"
}
ok_if "a cut title ends in an ellipsis and keeps its year" \
	ellipsis_is "   5. Dr. Strangelove or: How I Learned to… (1964)" stats
ok_if "--ascii cuts with three dots" \
	ellipsis_is "   5. Dr. Strangelove or: How I Learned... (1964)" \
	stats --ascii
c_locale() {
	(cd "$fixtures" && LC_ALL=C "$TASTE" --data-dir "$data" stats) \
		>"$out" 2>"$errout" &&
	has_line "   5. Dr. Strangelove or: How I Learned... (1964)"
}
ok_if "a locale without UTF-8 cuts with three dots" c_locale

# A goodbooks-10k download (books.csv and ratings.csv with user_id,
# book_id, rating) opened with --catalog DIR: the bundled books.csv
# and the first 10,257 rows of the real ratings.csv stand for it.
gb=${SHARED_DIR:-/nonexistent}/data/goodbooks-10k/head-prefix/ratings.csv
if [ -r "$gb" ]; then
	mkdir -p "$work/goodbooks"
	ln -s "$top_srcdir/data/books/books.csv" "$work/goodbooks/books.csv"
	ln -s "$gb" "$work/goodbooks/ratings.csv"
	download() {
		run_taste --catalog "$work/goodbooks" stats &&
		has_line "  users          268" &&
		has_line "  ratings        10257" &&
		has_line "Ratings per item: min 0," &&
		! grep -q "no community ratings" "$out"
	}
	ok_if "a goodbooks download has community ratings" download
else
	echo "ok $((tap_n += 1)) - a goodbooks download # SKIP no $gb"
fi

# Your signals beside your ratings: a Goodreads export into the fixture
# books rates 2 books, has 2 read or reading and 1 to-read; a book
# rated afterwards leaves the signals.
has_json() {
	grep -qF -- "$1" "$out" || {
		tap_diag "no '$1' in:" "$(cat "$out")"
		return 1
	}
}
signals_counted() {
	run_taste --catalog import/books import import/goodreads.csv &&
	run_taste --catalog import/books stats &&
	has_line "  your ratings   2" &&
	has_line "  your signals   3 (2 seen, 1 wanted)" &&
	run_taste --catalog import/books stats --json &&
	has_json '"you": 2,' &&
	has_json '"you_signals": {"seen": 2, "wanted": 1},'
}
ok_if "stats counts your signals: 3 (2 seen, 1 wanted)" signals_counted
rated_leaves() {
	run_taste --catalog import/books rate "Read But Not Rated" 4 &&
	run_taste --catalog import/books stats &&
	has_line "  your ratings   3" &&
	has_line "  your signals   2 (1 seen, 1 wanted)"
}
ok_if "a book you rate leaves your signals" rated_leaves

ok_if "stats of a missing directory fails with status 1" \
	status_case 1 "taste stats: " stats --catalog /no/such/dir
ok_if "stats takes no arguments" \
	status_case 2 "taste stats: stats takes no arguments" stats extra
ok_if "stats --bogus is bad usage" \
	status_case 2 "taste stats: unknown option --bogus" stats --bogus

tap_done
