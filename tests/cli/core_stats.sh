#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# taste stats: the bundled movies as JSON (610 users, 9,742 items,
# 100,836 ratings), the bundled books as text (no community ratings:
# Goodreads histograms and the note), a catalogue directory, errors.
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

ok_if "stats of a missing directory fails with status 1" \
	status_case 1 "taste stats: " stats --catalog /no/such/dir
ok_if "stats takes no arguments" \
	status_case 2 "taste stats: stats takes no arguments" stats extra
ok_if "stats --bogus is bad usage" \
	status_case 2 "taste stats: unknown option --bogus" stats --bogus

tap_done
