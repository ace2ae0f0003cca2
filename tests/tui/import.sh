#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Import screen at 80x24: I in Browse lists the IMDb export put in
# ~/Downloads; Enter shows its report (2 ratings matched: Amélie 9/10
# and Alien 7/10, which are 4.5 and 3.5 on the movies' scale; one
# unmatched id, two other title types); cancelling writes nothing (the
# journal does not change, byte for byte; so does n on the report); a
# single y on the report writes the two ratings, kept as 9 and 7 on
# 1-10, and Browse shows Alien (1979) rated 3.5 without a restart, its
# details the 7 it came as. The report sums up the rows matched by an
# id; a format the file is not in (goodreads) says why and stays on the
# format list, where imdb then gives the report again. The path prompt
# completes file names with Tab, and I works from the Search results
# too; an ambiguous Tab lists the candidates above the prompt, as many
# as the window has rows for. The cursor rests on the start of a report
# line, never on its wrapped rest (End, Up), and never on the notes of
# the file and format lists (Down, End, PgDn, Home); why a format does
# not fit is said whole under its line, the file by its name.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

fixture="$top_srcdir/tests/fixtures/import/imdb-14.csv"
journal="$TUI_DATA/movies.journal"
mkdir -p "$TUI_DIR/Downloads" "$TUI_DIR/imdb" "$TUI_DIR/many"
cp "$fixture" "$TUI_DIR/Downloads/ratings.csv"
# for Tab completion: three names with a common start, and forty
for f in ratings ratings-old ratings-new; do
	cp "$fixture" "$TUI_DIR/imdb/$f.csv"
done
for i in $(seq -w 1 40); do
	: >"$TUI_DIR/many/export-$i.csv"
done

# A journal with one rating already, so "unchanged" means unchanged.
"$TASTE" --data-dir "$TUI_DATA" rate "Toy Story (1995)" 4 >/dev/null
cp "$journal" "$TUI_DIR/journal.before"

tui_start --ascii
tui_tmux resize-window -t taste -x 80 -y 24
tui_wait "sorted by" >/dev/null
tui_keys I
ok_if "I opens the Import screen" tui_wait "Import: choose a file"
ok_if "it lists the export found in ~/Downloads, with its format" \
	tui_wait_row "ratings.csv" "IMDb ratings export"
ok_if "the screen fits 80 columns" \
	test "$(tui_screen | awk '{ if (length($0) > n) n = length($0) }
		END { print n }')" -le 80

# Choose the file (headings are skipped by the cursor): the report.
tui_keys Down
ok_if "Down highlights the file" tui_wait_row "ratings.csv" "^| *> *ratings"
# the note under the files is no choice: Down, End, PgDn stay
tui_keys Down Down
ok_if "Down past the last file stays on it" \
	tui_wait_row "ratings.csv" "^| *> *ratings"
ok_if "the note under it is not highlighted" \
	tui_wait_row "Nothing is written before" "^| *Nothing is written"
tui_keys End NPage
ok_if "so do End and PgDn" tui_wait_row "ratings.csv" "^| *> *ratings"
tui_keys Home
ok_if "Home goes to the first choice" \
	tui_wait_row "Type a path" "^| *> *Type a path"
tui_keys Down
tui_keys Enter
ok_if "Enter on the file shows its report" tui_wait "Import: report of"
ok_if "the report offers to write the 2 matched ratings" \
	tui_wait "Import: write 2 rows to your profile of movies"
# the report is longer than the screen: End shows its last lines
tui_keys End
ok_if "the report names the unmatched row and why" \
	tui_wait "no item with IMDb id tt0000009"
ok_if "End puts the cursor on the start of the last line, not its wrap" \
	tui_wait_row "Kurz (2016)" "^| *> *ratings.csv line 6: skipped: Kurz"
ok_if "whose wrapped rest shows under it" \
	eval 'tui_screen | grep -A1 "Kurz (2016)" | tail -n 1 |
	      grep -q "^| *type short *|$"'
tui_keys Up
ok_if "Up goes to the start of the line before" \
	tui_wait_row "Fernsehfilm" "^| *> *ratings.csv line 5: unmatched"
tui_keys Home
ok_if "the report says the format was sniffed" \
	tui_wait "Format: imdb (sniffed)"
ok_if "the report sums up the rows matched by an id" \
	tui_wait "matched by an id: 2 items (2 by IMDb id)"
ok_if "its note on title types says what the screen keeps" \
	tui_wait "skipped by title type (this screen keeps movies and TV"
ok_if "and names no option, which the screen cannot take" \
	eval '! tui_screen | grep -q -- "--imdb-types changes"'

# A wrong format keeps you on the format list with the reason; the
# right one then shows the report again. The list: sniff, taste,
# imdb-list, imdb, goodreads, ...
tui_keys Down Down Enter
ok_if "choose another format opens the format list" \
	tui_wait "Import: the format of"
tui_keys End
ok_if "End in the format list rests on the last format, not the note" \
	tui_wait_row "generic CSV" "^| *> *csv "
tui_keys Home Down Down Down Down Enter
tui_wait "no column Book Id" >/dev/null
ok_if "goodreads for an IMDb file says why, whole, under its line" \
	eval 'tui_screen | grep -A2 "^| *> *goodreads " | tr -s " " |
	      tr "\n" "@" | grep -q "@| ratings.csv: no column Book Id"'
ok_if "naming the file, not its whole path" \
	eval '! tui_screen | grep -q "Downloads/ratings.csv: no column"'
ok_if "the status line says where to look" \
	tui_wait "Not read: why is under the line chosen"
ok_if "and stays on the format list" tui_wait "Import: the format of"
ok_if "the report is not shown" tui_gone "Import: report of"
tui_keys Down
ok_if "Down steps over the note to the next format" \
	tui_wait_row "Letterboxd export" "^| *> *letterboxd "
tui_keys Up Up Enter
ok_if "imdb then shows the report, the format chosen" \
	tui_wait "Format: imdb (chosen)"

# Cancel: Down to "Cancel: write nothing", Enter.
tui_keys Down Enter
ok_if "cancel says nothing was written" \
	tui_wait "Import cancelled: nothing was written"
ok_if "cancel wrote nothing: the journal is byte for byte the same" \
	cmp -s "$journal" "$TUI_DIR/journal.before"
ok_if "no signals journal was created" \
	test ! -e "$TUI_DATA/movies.signals.journal"

# Again, typing the path with Tab completion, and answering n first.
tui_keys I
tui_wait "Import: choose a file" >/dev/null
tui_keys Enter
ok_if "the path prompt opens" tui_wait "Import file (Tab completes):"
tui_keys C-u
tui_type "~/imdb/rat"
tui_keys Tab
ok_if "Tab completes an ambiguous name to the common start" \
	tui_wait_row "Import file" "file (Tab completes): ~/imdb/ratings$"
cands="3 names start with \"ratings\".*@"
cands="$cands| ratings-new.csv  ratings-old.csv  ratings.csv *|@+-*+@$"
ok_if "and lists the candidates right above the prompt, as shells do" \
	eval 'tui_screen | tail -n 5 | head -n 3 | tr "\n" "@" |
	      grep -q "$cands"'
tui_keys Tab
ok_if "a second Tab keeps them listed" \
	tui_wait_row "ratings-new.csv" "ratings-old.csv  ratings.csv"
tui_type "."
ok_if "typing takes the list away" tui_gone "3 names start with"
tui_keys Tab
ok_if "and Tab then completes the one name left" \
	tui_wait_row "Import file" "~/imdb/ratings\.csv$"
tui_type "x"
tui_keys Tab
ok_if "a start no name has says so above the prompt" \
	tui_wait 'No file name starts with "ratings.csvx"'
# 40 names in a 60x15 window: as many rows as fit, then the count left
tui_tmux resize-window -t taste -x 60 -y 15
tui_keys C-u
tui_type "~/many/e"
tui_keys Tab
ok_if "60x15: the candidates take the rows the window has" \
	tui_wait_row "export-01.csv" "export-01.csv  *export-09.csv"
ok_if "and count the ones left out" \
	tui_wait "... and 16 more: type more of the name"
ok_if "the prompt stays on its line under them" \
	tui_wait_row "Import file" \
	"^ Import file (Tab completes): ~/many/export-$"
tui_tmux resize-window -t taste -x 80 -y 24
tui_keys C-u
tui_type "~/Down"
tui_keys Tab
ok_if "Tab completes the directory" tui_wait "~/Downloads/"
tui_type "rat"
tui_keys Tab
ok_if "Tab completes the file" tui_wait "~/Downloads/ratings.csv"
tui_keys Enter
ok_if "the typed path shows its report" \
	tui_wait "Import: write 2 rows to your profile of movies"
tui_keys Enter
ok_if "Enter on the write asks first" \
	tui_wait "Write 2 rows to your profile? (y/N)"
tui_type "n"
tui_keys Enter
ok_if "answering n writes nothing" \
	tui_wait "Import cancelled: nothing was written"
ok_if "the journal is still the same" \
	cmp -s "$journal" "$TUI_DIR/journal.before"

# On the report one key answers: n cancels, y writes.
ok_if "the report's hints offer y and n" \
	tui_wait_row "Esc close" "y confirm  n cancel"
tui_type "n"
ok_if "n on the report closes it" tui_gone "Import: report of"
ok_if "and writes nothing" cmp -s "$journal" "$TUI_DIR/journal.before"
tui_keys I
tui_wait "Import: choose a file" >/dev/null
tui_keys Down Enter
tui_wait "Import: write 2 rows to your profile of movies" >/dev/null
tui_type "y"
ok_if "a single y on the report imports the 2 rows" \
	tui_wait "Imported 2 rows from"
ok_if "the journal keeps Alien's 7 on IMDb's 1-10, not a conversion" \
	grep -q "$(printf '	7@1:10:1	1214$')" "$journal"
# Browse shows it: find Alien (1979).
tui_keys /
tui_type "Alien (1979)"
tui_keys Enter
ok_if "Browse shows Alien (1979) rated 3.5" \
	tui_wait_row "> Alien " "1979.* 3\.5 *$"
tui_keys Enter
ok_if "its details show the 3.5 stars and the 7 on 1-10 it came as" \
	tui_wait_row "Imported" "7 on 1-10 step 1"
ok_if "and the genres the IMDb row gave it, which the content model reads" \
	tui_wait_row "Your words" "Horror, Sci-Fi"
ok_if "kept in the profile's words file" \
	grep -q '^1214,Horror|Sci-Fi,$' "$TUI_DATA/movies.tags.csv"
tui_keys Escape
ok_if "the header counts the 3 ratings" tui_wait "you: 3 rated"

# From the Search results, I opens it too.
tui_keys F5
tui_type "Toy"
tui_keys Down
tui_keys I
ok_if "I in the Search results opens the Import screen" \
	tui_wait "Import: choose a file"
tui_keys Escape
tui_gone "Import: choose a file" >/dev/null
tui_keys F10
ok_if "taste exits cleanly" tui_wait_exit
ok_if "exit status 0" test "$(tui_status)" = 0
tui_done
