#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Import screen's files. A Letterboxd export still zipped in
# ~/Downloads is listed with "zip: unzip it first", and a
# zip of no CSV file is not; choosing the zip says under it, in taste
# import's words, that it must be extracted, and writes nothing; so
# does a zip path typed in the prompt. A typed directory that is no
# export says to type one of its files, naming no option.
#
# A generic CSV (tests/fixtures/import/generic.csv: Film, Yr, Score,
# When) typed as a path gets the columns form, its fields guessed from
# the header's names and shown with the first row's values; without a
# title (or id) column it is not read; the scale typed (1:10:1) and
# Read give the report of taste import csv with the same options (2
# items to write), and y writes Alien's 8 on 1-10. The format list
# offers csv too, which opens the same form for an IMDb export, its
# columns guessed from IMDb's names.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

fixtures="$top_srcdir/tests/fixtures"
mkdir -p "$TUI_DIR/Downloads"
cp "$fixtures/zip/letterboxd-export.zip" "$fixtures/zip/photos.zip" \
	"$TUI_DIR/Downloads/"
cp "$fixtures/import/imdb-14.csv" "$TUI_DIR/Downloads/ratings.csv"
# an empty directory is looked at too, and passed over
mkdir -p "$TUI_DIR/Downloads/empty"

tui_start
tui_wait "sorted by" >/dev/null
# the profile as it is before the import screen: it must stay so
journal="$TUI_DATA/movies.journal"
unchanged() {
	cmp -s "$journal" "$TUI_DIR/journal.before" &&
	test ! -e "$TUI_DATA/movies.signals.journal"
}
cp "$journal" "$TUI_DIR/journal.before"
tui_keys I
tui_wait "Import: choose a file" >/dev/null
zip_note="zip: unzip it first"
ok_if "a zipped export is listed with what to do first" \
	tui_wait_row "letterboxd-export.zip" \
	"letterboxd-export.zip  *$zip_note *│$"
ok_if "beside the CSV export" \
	tui_wait_row "ratings.csv" "IMDb ratings export"
ok_if "a zip of no CSV file is not listed" \
	eval '! tui_screen | grep -q "photos.zip"'
ok_if "nor an empty directory" eval '! tui_screen | grep -q "empty "'
tui_keys Down Enter
ok_if "choosing the zip says under it, as taste import does, why not" \
	tui_wait \
	"letterboxd-export.zip is a zip archive: extract it and import the"
ok_if "and how to unzip it" \
	tui_wait "unzip letterboxd-export.zip in a shell, then choose what it"
ok_if "the status line points to the note" \
	tui_wait "A zip archive: unzip it first (see the note)"
ok_if "the screen stays on the file list" \
	tui_wait "Import: choose a file"
ok_if "nothing was written" unchanged

tui_keys Home Enter
tui_wait "Import file (Tab completes):" >/dev/null
tui_keys C-u
tui_type "~/Downloads/photos.zip"
tui_keys Enter
ok_if "a zip path typed says the same under the path line" \
	tui_wait "photos.zip is a zip archive: extract it and import the"
# a directory that is no export: what to do here, no option named
mkdir -p "$TUI_DIR/notes"
: >"$TUI_DIR/notes/todo.txt"
tui_keys Home Enter
tui_wait "Import file (Tab completes):" >/dev/null
tui_keys C-u
tui_type "~/notes"
tui_keys Enter
ok_if "a directory no format knows says to type one of its files" \
	tui_wait "/notes: no export taste knows as a directory; type the path"
ok_if "naming no command-line option" \
	eval '! tui_screen | grep -q "taste import --help"'
# Tab on names that differ in their first character's second byte
# ("é1" and "è2") completes nothing rather than half a character.
mkdir -p "$TUI_DIR/accents"
: >"$TUI_DIR/accents/é1.csv"
: >"$TUI_DIR/accents/è2.csv"
tui_keys Home Enter
tui_wait "Import file (Tab completes):" >/dev/null
tui_keys C-u
tui_type "~/accents/"
tui_keys Tab
ok_if "Tab lists the two names" tui_wait "2 names start with"
ok_if "and the prompt holds no half character" \
	eval '! tui_screen | grep -q "$(printf "\357\277\275")"'
tui_type "é"
tui_keys Tab
ok_if "é then Tab completes é1.csv" \
	tui_wait "Import file (Tab completes): ~/accents/é1.csv"
tui_keys C-u Escape
tui_keys Escape
ok_if "Esc closes the screen" tui_gone "Import: choose a file"
ok_if "still nothing written" unchanged

# The generic CSV's form, from a typed path.
cp "$fixtures/import/generic.csv" "$TUI_DIR/scores.csv"
tui_keys I
tui_wait "Import: choose a file" >/dev/null
tui_keys Enter
tui_wait "Import file (Tab completes):" >/dev/null
tui_keys C-u
tui_type "~/scores.csv"
tui_keys Enter
ok_if "a CSV no format knows opens the columns form" \
	tui_wait "Import: the columns of"
ok_if "saying why" \
	tui_wait "No export taste knows has this header: say which column"
ok_if "the rating guessed from the header: Score, with its first value" \
	tui_wait_row "Rating " "Rating  *Score (first row: 8) *│"
ok_if "the title: Film" tui_wait_row "Title " "Title  *Film (first row: Alien)"
ok_if "the year: Yr" tui_wait_row "Year " "Year  *Yr (first row: 1979)"
ok_if "the date: When" \
	tui_wait_row "Date " "Date  *When (first row: 2020-01-01)"
ok_if "no IMDb id" tui_wait_row "IMDb id " "IMDb id  *- *│"
ok_if "the scale is the generic one until typed" \
	tui_wait_row "Scale of the ratings" "1-5 step 0\.5"
# Title: (none), then Read is refused
tui_keys Down Enter
ok_if "Enter on a field lists the header's columns" \
	tui_wait "Import: the column of Title in"
ok_if "with the first row's values, on the field's column" \
	tui_wait_row "Film " "^│▶ Film  *first row: Alien"
tui_keys Up Enter
ok_if "(none) takes the title away" tui_wait_row "Title " "Title  *- *│"
ok_if "and the form says what is missing" \
	tui_wait_row "Read the file" "first choose the rating and a title"
tui_keys End Enter
ok_if "Read is refused without a title or id column, in words that fit" \
	tui_wait_row "First choose" \
	"^ First choose the rating column and a title or id column *$"
tui_keys Home Down Enter
tui_wait "Import: the column of Title in" >/dev/null
tui_keys Down Enter
ok_if "Film is the title again" \
	tui_wait_row "Title " "Title  *Film (first row: Alien)"
tui_keys End Up Enter
ok_if "Enter on the scale asks for it, filled in" \
	tui_wait_row "Scale of the ratings (MIN" "(MIN:MAX:STEP): 1:5:0\.5"
tui_keys C-u
tui_type "1:10:1"
tui_keys Enter
ok_if "the scale typed is kept" \
	tui_wait_row "Scale of the ratings" "1-10 step 1"
tui_keys Down Enter
ok_if "Read gives taste import csv's report" \
	tui_wait "format: csv (generic CSV (column options))"
ok_if "on the scale typed" tui_wait "header: yes, scale: 1-10 step 1"
ok_if "which offers to write the 2 items found" \
	tui_wait "Import: write 2 rows to your profile of movies"
ok_if "and can go back to the columns" \
	tui_wait "Columns of the CSV: change them"
tui_type "y"
ok_if "y writes them" tui_wait "Imported 2 rows from"
ok_if "Alien's 8 kept on 1-10" \
	grep -q "$(printf '	8@1:10:1	1214$')" "$journal"

# The format list's csv: the same form, for an IMDb export.
tui_keys I
tui_wait "Import: choose a file" >/dev/null
tui_keys Down Down Enter
tui_wait "Import: report of" >/dev/null
tui_keys Down Down Enter
tui_wait "Import: the format of" >/dev/null
ok_if "the format list offers csv with its columns next" \
	tui_wait_row "│  csv " "generic CSV: choose its columns next"
tui_keys End
ok_if "End rests on csv, the last format, not the note under it" \
	tui_wait_row "│▶ csv " "generic CSV"
tui_keys Enter
ok_if "choosing it opens the form" tui_wait "Import: the columns of"
ok_if "IMDb's Your Rating guessed as the rating" \
	tui_wait_row "Rating " "Rating  *Your Rating (first row: 9)"
ok_if "and Const as the IMDb id" \
	tui_wait_row "IMDb id " "IMDb id  *Const (first row: tt0211915)"
tui_keys Escape
tui_gone "Import: the columns of" >/dev/null
tui_keys q
ok_if "q quits" tui_wait_exit
tui_done
