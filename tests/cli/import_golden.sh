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
golden import-case22-dry 0 --catalog $m import imdb cases/22-imdb-ratings.csv \
	--dry-run
golden import-case20-dry 0 --catalog $b import cases/20-goodreads-export.csv \
	--dry-run
golden import-imdb-13 0 --catalog $m import import/imdb-13.csv
golden import-imdb-14 0 --catalog $m import import/imdb-14.csv
# A title in the export's language is said beside the catalogue's.
golden import-imdb-localised 0 --catalog $m import import/imdb-de.csv \
	--dry-run
golden import-imdb-types 0 --catalog $m import import/imdb-14.csv --imdb-types \
	movie,tvMovie,short,tvSeries --dry-run
golden import-letterboxd 0 --catalog $m import import/letterboxd
golden import-letterboxd-again 0 --catalog $m import letterboxd \
	import/letterboxd
golden import-letterboxd-one-file 0 --catalog $m import \
	import/letterboxd/watchlist.csv --dry-run
golden import-goodreads 0 --catalog $b import goodreads import/goodreads.csv
golden import-goodreads-json 0 --catalog $b import import/goodreads.csv --json
golden import-generic 0 --catalog $m import csv import/generic.csv --title-col \
	Film --year-col Yr --rating-col Score --date-col When --scale 1:10:1

# Exports of what was imported, and the round trip through a fresh
# profile: the second export is the first, byte for byte.
golden export-movies 0 --catalog $m export
golden export-books 0 --catalog $b export
# An export of one catalogue into another: ids name other items
# there, so no row is taken (the titles differ) and each says why.
golden import-other-catalogue 0 --catalog $m import taste \
	../golden/export-books.out --dry-run

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
	  "item_id,title,year,rating,scale,signal,timestamp,genres,tags,$(
	  )catalog" ] ||
		return 1
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
golden import-goodbooks 0 --catalog import/books import goodbooks import/books

# Faults: a zip, an unknown format, a dataset given as an export.
golden import-zip 1 import import/letterboxd-export.zip
# A Letterboxd list, sniffed or named, even one called a watchlist.
golden import-letterboxd-list 1 import \
	import/letterboxd-lists/watchlist-2024.csv
golden import-letterboxd-list-named 1 import letterboxd \
	import/letterboxd-lists/watchlist-2024.csv
golden import-unknown-format 2 import nosuch import/generic.csv
golden import-generic-no-columns 1 import csv import/generic.csv
golden import-no-args 2 import
# A directory given as a file format: only the error, no half report.
golden import-imdb-dir 1 import imdb import/movies

# The reports below start from an empty profile, so that what they say
# does not hang on the cases above (nor on the fixtures' mtimes).
data=$work/data-fresh

# Dates (made-up rows): 20210501 is that day in a date column, a day
# that does not exist (2021-02-30) and one in the future (9999-12-31)
# keep their rating with the file's time and a warning with the line.
golden import-imdb-dates 0 --catalog $m import import/imdb-dates.csv --dry-run
# An IMDb watchlist (Position column): unrated rows are wanted, a rated
# one a rating, title types filtered; the label says it is a list.
golden import-imdb-watchlist 0 --catalog $m import import/imdb-watchlist.csv \
	--dry-run
golden import-imdb-watchlist-json 0 --catalog $m import \
	import/imdb-watchlist.csv --dry-run --json
# A movies export into books, and a books export into movies: nothing
# is matched (not even a shared title) and one note says where it goes.
golden import-letterboxd-into-books 0 --catalog $b import import/letterboxd \
	--dry-run
golden import-goodreads-into-movies 0 --catalog $m import import/goodreads.csv \
	--dry-run
# taste's export: rows on a scale of their own say so ("scale: per
# row", "rating 9 (1-10 step 1)"); a rating without one is on the
# catalogue's, and 8 of 0.5-5 is a reject with its line and column,
# in the new export as in an old one without the scale column.
golden import-taste-scales 0 --catalog $m import import/taste-scales.csv \
	--dry-run
golden import-taste-old 0 --catalog $m import import/taste-old.csv --dry-run
# A folder whose only export cannot be read says why (a UTF-16 diary).
golden import-dir-unreadable 1 import import/letterboxd-utf16
# A generic CSV of Goodreads ids: matched as Goodreads ids, never as the
# catalogue's book_id of the same number (2 is a book_id here).
golden import-generic-goodreads 0 --catalog $b import csv \
	import/generic-goodreads.csv --goodreads-col "Goodreads ID" \
	--rating-col Stars --scale 1:5:1 --dry-run
# Goodreads ISBNs against goodbooks' rounded isbn13 floats: each book's
# own ISBN-10 matches it although two books share the float; a reading
# of a tie (check digit 5) is found; a bad check digit or a field that
# is no ISBN is a warning with its line; an ISBN two books hold is not
# taken.
golden import-goodreads-isbn 0 --catalog ./import/books-isbn import \
	import/goodreads-isbn.csv --dry-run
golden help-export 0 export --help
# Titles as exports write them (another title in brackets, & for and,
# Oldboy for Old Boy, the words of a longer title, no year in the
# catalogue), a row a year off that yields to its item's own year;
# books by their original title, an ISBN of another book not taken, a
# shelf of your own skipped.
golden import-titles 0 --catalog ./import/titles import \
	import/titles/letterboxd.csv --dry-run
golden import-titles-books 0 --catalog ./import/titles-books import \
	import/titles-books/goodreads.csv --dry-run
# A title type --imdb-types does not know is refused (any spelling of a
# known one is fine).
golden import-imdb-types-bad 2 --catalog $m import import/imdb-14.csv \
	--imdb-types 'TV Seris'
golden import-imdb-types-empty 2 --catalog $m import import/imdb-14.csv \
	--imdb-types=
golden import-imdb-types-spelt 0 --catalog $m import import/imdb-14.csv \
	--imdb-types 'Movie,TV Series' --dry-run
# A folder of IMDb files is no Letterboxd export: the error names the
# files to import one at a time.
imdb_folder() {
	mkdir -p "$work/imdbdir" &&
	cp "$fixtures/import/imdb-14.csv" "$work/imdbdir/ratings.csv" &&
	cp "$fixtures/import/imdb-watchlist.csv" \
		"$work/imdbdir/watchlist.csv" ||
		return 1
	status_case 1 "taste import: $work/imdbdir: no dataset or Letterboxd" \
		import "$work/imdbdir" || return 1
	grep -q "ratings.csv (IMDb ratings export), watchlist.csv (IMDb list" \
		"$errout" || { tap_diag "$(cat "$errout")"; return 1; }
}
ok_if "a folder of IMDb files: not Letterboxd, its files named" imdb_folder

# Every time taste writes reads back: a Goodreads date of 1965 is a
# negative timestamp in the export, which a fresh profile imports and
# exports again byte for byte; so are -1 and INT64_MIN, while a time
# in the future (INT64_MAX) is stored as the import's, so that it
# beats no later change.
pre1970() {
	(cd "$fixtures" &&
	 "$TASTE" --data-dir "$work/old1" --catalog $b import \
		import/goodreads-1965.csv >/dev/null &&
	 "$TASTE" --data-dir "$work/old1" --catalog $b export \
		-o "$work/old1.csv" &&
	 "$TASTE" --data-dir "$work/old2" --catalog $b import \
		"$work/old1.csv" >"$work/old2.out" &&
	 "$TASTE" --data-dir "$work/old2" --catalog $b export \
		-o "$work/old2.csv") || return 1
	grep -q '^1,.*,5,,,-144720000,' "$work/old1.csv" &&
	grep -q '^3,.*,,,seen,-86400,' "$work/old1.csv" || {
		tap_diag "$(cat "$work/old1.csv")"
		return 1
	}
	cmp "$work/old1.csv" "$work/old2.csv" || {
		tap_diag "$(cat "$work/old2.out")"
		return 1
	}
}
ok_if "a 1965 date: exported as -144720000 and read back" pre1970
extreme_times() {
	(cd "$fixtures" &&
	 "$TASTE" --data-dir "$work/times" --catalog $m import \
		import/taste-scales.csv >/dev/null &&
	 "$TASTE" --data-dir "$work/times" --catalog $m export \
		-o "$work/times.csv") || return 1
	for t in ',,,-1,' ',seen,-9223372036854775808,'; do
		grep -q -- "$t" "$work/times.csv" || {
			tap_diag "no $t in: $(cat "$work/times.csv")"
			return 1
		}
	done
	now=$(date +%s)
	grep ',wanted,' "$work/times.csv" | awk -F, -v now="$now" '
		{ t = $7 } END { exit !(t >= now - 60 && t <= now + 60) }'
}
ok_if "timestamps -1 and INT64_MIN read back as written, INT64_MAX now" \
	extreme_times

# An import that writes nothing creates no journal: a dry run, and an
# export of another catalogue whose rows all go unmatched.
no_journal() {
	(cd "$fixtures" &&
	 "$TASTE" --data-dir "$work/nj" --catalog $m import \
		import/imdb-14.csv --dry-run >/dev/null &&
	 "$TASTE" --data-dir "$work/nj" --catalog $m import taste \
		../golden/export-books.out >/dev/null) || return 1
	set -- "$work/nj"/*.journal
	[ ! -e "$1" ] || { tap_diag "created: $*"; return 1; }
}
ok_if "a dry run or an import that writes nothing creates no journal" \
	no_journal
# ... and one that writes ratings only creates the ratings journal.
ratings_only() {
	(cd "$fixtures" &&
	 "$TASTE" --data-dir "$work/ro" --catalog $m import \
		import/imdb-14.csv >/dev/null) || return 1
	set -- "$work/ro"/*.journal
	[ $# = 1 ] && [ -e "$1" ] && [ "${1%.signals.journal}" = "$1" ] || {
		tap_diag "journals: $*"
		return 1
	}
}
ok_if "ratings only: no signals journal" ratings_only

# taste's export as a backup: a seen beside a rating of its item, and
# clears (of a rating: cleared; of a seen or wanted: unmarked) with
# their times; an unknown signal is a rejected line.
golden import-taste-clears 0 --catalog $m import import/taste-clears.csv \
	--dry-run

# A profile with a seen item then rated and a rating cleared: the
# export has both rows of the one and the clear of the other; a fresh
# profile rebuilt from it exports the same file, says the same on
# --clear, and takes the Letterboxd export again as the original does.
bk() {
	d=$1; shift
	(cd "$fixtures" && "$TASTE" --data-dir "$work/$d" --catalog $m "$@")
}
backup_rows() {
	bk bk import import/letterboxd >/dev/null &&
	bk bk rate --id 8 4 >/dev/null &&
	bk bk rate --id 4 --clear >/dev/null &&
	bk bk export -o "$work/bk1.csv" || return 1
	grep -q '^8,Café Étoile,1996,4,,,[0-9]*,,cosy|rainy,' \
		"$work/bk1.csv" &&
	grep -q '^8,Café Étoile,1996,,,seen,1612051200,,cosy|rainy,' \
		"$work/bk1.csv" &&
	grep -q '^4,The Matrix,1999,,,cleared,[0-9]*,,,' "$work/bk1.csv" &&
	! grep -q '^4,The Matrix,1999,4.5,' "$work/bk1.csv" ||
		{ tap_diag "$(cat "$work/bk1.csv")"; return 1; }
}
ok_if "export: a seen beside its rating, and a clear with its time" \
	backup_rows
backup_again() {
	bk bk2 import "$work/bk1.csv" >/dev/null &&
	bk bk2 export -o "$work/bk2.csv" || return 1
	cmp "$work/bk1.csv" "$work/bk2.csv" ||
		{ tap_diag "$(diff "$work/bk1.csv" "$work/bk2.csv")"; return 1; }
}
ok_if "export, import into a fresh profile, export: the same file" \
	backup_again
backup_later() {
	bk bk import import/letterboxd >"$work/bk-lb.out" &&
	bk bk2 import import/letterboxd >"$work/bk2-lb.out" || return 1
	cmp "$work/bk-lb.out" "$work/bk2-lb.out" ||
		{ tap_diag "$(diff "$work/bk-lb.out" "$work/bk2-lb.out")"
		  return 1; }
	grep -q '^  to write: 0 new, 0 changed$' "$work/bk2-lb.out" &&
	grep -q "yours kept: The Matrix (1999), rating 4.5 (0.5-5 step $(
		)0.5): you cleared it after this row's date" \
		"$work/bk2-lb.out"
}
ok_if "a later import: the rebuilt profile keeps the clear, as the first" \
	backup_later
backup_clear() {
	bk bk2 rate --id 8 --clear >"$work/bk2-clear.out" || return 1
	grep -qx "Cleared your rating of Café Étoile (1996) in movies; it is \
still seen (--clear again clears that)" "$work/bk2-clear.out"
}
ok_if "the rebuilt profile: clearing the rating leaves it seen" backup_clear

# A rating of an item the catalogue no longer has stays in the export,
# without a title, and stderr says so; an import reports it not found.
backup_unknown() {
	printf 'set\t1600000000\t4\tgone-99\n' >>"$work/bk"/movies-*[0-9a-f].journal
	bk bk export -o "$work/bk3.csv" 2>"$work/bk3.err" || return 1
	grep -q '^gone-99,,,4,,,1600000000,' "$work/bk3.csv" &&
	grep -q '^taste export: note: 1 row is of an item movies does not have' \
		"$work/bk3.err" || { tap_diag "$(cat "$work/bk3.err")"; return 1; }
	bk bk4 import "$work/bk3.csv" >"$work/bk4.out" || return 1
	grep -q "unmatched: gone-99, rating 4 (0.5-5 step 0.5): no item $(
		)with id gone-99 in movies" \
		"$work/bk4.out"
}
ok_if "an item the catalogue lacks: kept in the export, unmatched after" \
	backup_unknown

# export -o never writes onto a file taste keeps, however it is named
# (a link, another path, a new file of a kept name), nor a directory;
# nothing is changed.
refuse_kept() {
	j=$(ls "$work/bk"/movies-*[0-9a-f].journal)
	sum=$(cat "$work/bk"/* 2>/dev/null | cksum)
	ln -s "$j" "$work/link.csv"
	for t in "$j" "$work/bk/../bk/${j##*/}" "$work/link.csv" \
		 "${j%.journal}.signals.journal" "${j%.journal}.tags.csv" \
		 "${j%.journal}.source" "$work/bk/new.tags.csv"; do
		bk bk export -o "$t" 2>"$work/refuse.err"
		[ $? = 1 ] && grep -q "^taste export: refusing to write $(
			).*a file taste keeps (nothing was written)$" \
			"$work/refuse.err" ||
			{ tap_diag "$t: $(cat "$work/refuse.err")"; return 1; }
	done
	bk bk export -o "$work" 2>"$work/refuse.err"
	[ $? = 1 ] && grep -q 'is a directory: -o takes the name' \
		"$work/refuse.err" || return 1
	[ ! -e "$work/bk/new.tags.csv" ] &&
	[ "$(cat "$work/bk"/* 2>/dev/null | cksum)" = "$sum" ]
}
ok_if "export -o refuses taste's own files and a directory" refuse_kept

# ... nor onto the default profile when --data-dir names another.
refuse_default() {
	h=$work/home
	mkdir -p "$h"
	(cd "$fixtures" && env -u XDG_DATA_HOME -u XDG_CACHE_HOME \
		-u XDG_CONFIG_HOME HOME="$h" "$TASTE" rate --id 1 4) \
		>/dev/null || return 1
	j=$h/.local/share/taste/movies.journal
	sum=$(cksum <"$j")
	(cd "$fixtures" && env -u XDG_DATA_HOME -u XDG_CACHE_HOME \
		-u XDG_CONFIG_HOME HOME="$h" "$TASTE" --data-dir "$work/bk" \
		export -o "$j") 2>"$work/refuse.err"
	[ $? = 1 ] && grep -q "refusing to write" "$work/refuse.err" &&
	[ "$(cksum <"$j")" = "$sum" ]
}
ok_if "export -o spares the default profile under --data-dir" \
	refuse_default

# An export's signal records replay in time order in one file too: a
# "wanted" after an "unmarked" stands.
replay_signals() {
	printf '%s\n' 'item_id,title,year,rating,scale,signal,timestamp' \
		'2,,,,,unmarked,1700000000' '2,,,,,wanted,1700000100' \
		>"$work/replay.csv"
	bk bk6 import "$work/replay.csv" >/dev/null &&
	bk bk6 export | grep -q '^2,"Another, Example",2010,,,wanted,1700000100,'
}
ok_if "an export's later wanted beats its earlier unmarked" replay_signals

# --json: a clear says the rating it would clear.
json_clear_had() {
	bk bk7 rate --id 1 4 >/dev/null || return 1
	printf '%s\n' 'item_id,title,year,rating,scale,signal,timestamp' \
		'1,,,,,cleared,' >"$work/clear.csv"
	bk bk7 import --json --dry-run "$work/clear.csv" |
		grep -q '"what": "cleared", "value": null, "scale": null, '$(
			)'"shown": null, "had": 4,'
}
ok_if "import --json: a clear's had is the rating it clears" json_clear_had

# A rating beside a signal word says two things: the row is rejected.
rating_and_signal() {
	printf '%s\n' 'item_id,title,year,rating,scale,signal,timestamp' \
		'1,,,3,,cleared,1700000000' >"$work/both.csv"
	bk bk8 import "$work/both.csv" |
		grep -q "line 2, column 6: bad value: 'cleared'" &&
	[ -z "$(bk bk8 export | sed 1d)" ]
}
ok_if "a rating with signal cleared is rejected, not taken" \
	rating_and_signal

# A typed rating is stored as the step it is shown as.
rate_snapped() {
	bk bk5 rate --id 5 5.0000000001 >"$work/snap.out" &&
	bk bk5 rate --id 6 0.4999999999 >>"$work/snap.out" || return 1
	grep -Eq 'in movies: 5( |$)' "$work/snap.out" &&
	grep -Eq 'in movies: 0.5( |$)' "$work/snap.out" &&
	[ "$(cut -f3,4 "$work/bk5"/movies-*[0-9a-f].journal)" = \
	  "$(printf '5\t5\n0.5\t6')" ]
}
ok_if "rate 5.0000000001 stores 5, 0.4999999999 stores 0.5" rate_snapped

tap_done
