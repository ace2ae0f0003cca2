#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# taste import and taste export on the made-up fixtures of
# tests/fixtures/import (and cases 20 and 22): the report of every
# personal format against small catalogues whose matches are known
# (IMDb ids through links.csv, Goodreads id / ISBN / title + author,
# Letterboxd title + year +-1), the dataset layouts opened as
# catalogues, a second import that writes nothing, and an export that
# a fresh profile reads back into the same export. One data directory
# for the whole script, so the cases run in this order.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/cli/core_golden.sh"

m=./import/movies
b=./import/books

# Personal exports, first as dry runs (nothing written), then for real.
golden import-case22-dry 0 --catalog $m import imdb cases/22-imdb-ratings.csv --dry-run
golden import-case20-dry 0 --catalog $b import cases/20-goodreads-export.csv --dry-run
golden import-imdb-13 0 --catalog $m import import/imdb-13.csv
golden import-imdb-14 0 --catalog $m import import/imdb-14.csv
golden import-imdb-types 0 --catalog $m import import/imdb-14.csv --imdb-types movie,tvMovie,short,tvSeries --dry-run
golden import-letterboxd 0 --catalog $m import import/letterboxd
golden import-letterboxd-again 0 --catalog $m import letterboxd import/letterboxd
golden import-letterboxd-one-file 0 --catalog $m import import/letterboxd/watchlist.csv --dry-run
golden import-goodreads 0 --catalog $b import goodreads import/goodreads.csv
golden import-goodreads-json 0 --catalog $b import import/goodreads.csv --json
golden import-generic 0 --catalog $m import csv import/generic.csv --title-col Film --year-col Yr --rating-col Score --date-col When --scale 1:10:1

# Exports of what was imported, and the round trip through a fresh
# profile: the second export is the first, byte for byte.
golden export-movies 0 --catalog $m export
golden export-books 0 --catalog $b export
# An export of one catalogue into another: ids name other items
# there, so no row is taken (the titles differ) and each says why.
golden import-other-catalogue 0 --catalog $m import taste ../golden/export-books.out --dry-run

roundtrip() {
	run_taste --catalog $m export -o "$work/a.csv" || return 1
	(cd "$fixtures" && "$TASTE" --data-dir "$work/fresh" --catalog $m \
		import "$work/a.csv" >"$work/ri.out" 2>&1) || return 1
	(cd "$fixtures" && "$TASTE" --data-dir "$work/fresh" --catalog $m \
		export -o "$work/b.csv") || return 1
	cmp "$work/a.csv" "$work/b.csv" || {
		tap_diag "$(diff "$work/a.csv" "$work/b.csv")"
		return 1
	}
	# and importing the export again changes nothing
	(cd "$fixtures" && "$TASTE" --data-dir "$work/fresh" --catalog $m \
		import "$work/a.csv") >"$work/again.out" 2>&1 &&
	grep -q "^written: 0 rows" "$work/again.out"
}
ok_if "export, re-import into a fresh profile, export: the same file" \
	roundtrip

# An export of a profile that has no journal yet: a header only, and
# no journal is created by reading.
empty_export() {
	(cd "$fixtures" && "$TASTE" --data-dir "$work/none" --catalog $m \
		export >"$work/none.csv") || return 1
	[ "$(cat "$work/none.csv")" = \
	  "item_id,title,year,rating,scale,signal,timestamp" ] || return 1
	set -- "$work/none"/*.journal
	[ ! -e "$1" ] || { tap_diag "created: $*"; return 1; }
}
ok_if "export of an empty profile creates no journal" empty_export

# Datasets open as catalogues.
# (the made-up MovieLens 100k rows are copied in as u.item and u.data:
# no file of the real dataset's name is kept in the tree)
mkdir -p "$work/import/ml-100k"
cp "$fixtures/import/ml100k-like/items.psv" "$work/import/ml-100k/u.item"
cp "$fixtures/import/ml100k-like/ratings.tsv" "$work/import/ml-100k/u.data"
in_fixtures=$fixtures
fixtures=$work
golden import-ml-100k 0 import ml-100k import/ml-100k
fixtures=$in_fixtures
golden import-ml-1m 0 import import/ml-1m
golden import-movietweetings 0 import import/movietweetings
golden import-goodbooks 0 import goodbooks import/books --dry-run

# Faults: a zip, an unknown format, a dataset given as an export.
golden import-zip 1 import import/letterboxd-export.zip
golden import-unknown-format 2 import nosuch import/generic.csv
golden import-generic-no-columns 1 import csv import/generic.csv
golden import-no-args 2 import

tap_done
