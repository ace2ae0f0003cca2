#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Import screen's files. A Letterboxd export still zipped in
# ~/Downloads is listed with "zip: unzip it first (unzip NAME)", and a
# zip of no CSV file is not; choosing the zip says under it, in taste
# import's words, that it must be extracted, and writes nothing; so
# does a zip path typed in the prompt.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

fixtures="$top_srcdir/tests/fixtures"
mkdir -p "$TUI_DIR/Downloads"
cp "$fixtures/zip/letterboxd-export.zip" "$fixtures/zip/photos.zip" \
	"$TUI_DIR/Downloads/"
cp "$fixtures/import/imdb-14.csv" "$TUI_DIR/Downloads/ratings.csv"

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
zip_note="zip: unzip it first (unzip letterboxd-export.zip)"
ok_if "a zipped export is listed with what to do first" \
	tui_wait_row "letterboxd-export.zip" \
	"letterboxd-export.zip  *$zip_note *│$"
ok_if "beside the CSV export" \
	tui_wait_row "ratings.csv" "IMDb ratings export"
ok_if "a zip of no CSV file is not listed" \
	eval '! tui_screen | grep -q "photos.zip"'
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
tui_keys Escape
ok_if "Esc closes the screen" tui_gone "Import: choose a file"
ok_if "still nothing written" unchanged
tui_keys q
ok_if "q quits" tui_wait_exit
tui_done
