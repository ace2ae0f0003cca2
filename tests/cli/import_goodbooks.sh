#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# taste import goodbooks DIR attaches a goodbooks-10k download to the
# bundled books (tests/fixtures/import/goodbooks-full: made-up rows on
# the bundled book ids 1-3). Counted by hand: ratings.csv has 6 rows,
# one of book 99999 (not in books.csv): 5 ratings of 3 users; book 1
# (The Hunger Games, goodreads 2767052) gets the tag dystopia, to-read
# being a shelf; to_read.csv has 4 rows, one of an unknown book. A
# rating made in books before keeps its profile (key "books"); a
# directory without ratings.csv, or one whose files cannot be read, is
# refused and leaves the attachment as it was (it is written only once
# the books were read and cached with it); --dry-run checks the same
# and attaches nothing; a book_tags.csv without a usable row, or
# without tags.csv (said in its report), is no failure; when the
# attached directory has gone, books opens without community ratings
# and says so.
. "$top_srcdir/tests/tap.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/taste-gb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
data="$tmp/data"
gb="$tmp/goodbooks-10k"
cp -r "$top_srcdir/tests/fixtures/import/goodbooks-full" "$gb"
t() { "$TASTE" --data-dir "$data" "$@"; }

t --catalog books stats --json >"$tmp/before.json" 2>&1
ok_if "before: books has no community ratings" \
	grep -q '"has_ratings": false' "$tmp/before.json"
t --catalog books rate "The Hunger Games" 5 >/dev/null 2>&1
ok_if "a rating made in books before the import" \
	grep -q "$(printf '\t5\t1$')" "$data/books.journal"

# A dry run checks what the import would attach, and attaches nothing.
t import goodbooks "$gb" --dry-run >"$tmp/dry" 2>&1
ok_if "import goodbooks DIR --dry-run exits 0" test $? = 0
ok_if "the dry run reads the ratings as the import would" \
	grep -q "catalogue books: 10000 items, 3 users, 5 ratings" "$tmp/dry"
ok_if "the dry run says it attached nothing" \
	grep -q "^dry run: not attached" "$tmp/dry"
ok_if "the dry run wrote no attachment" test ! -e "$data/books.goodbooks-dir"

t -v import goodbooks "$gb" >"$tmp/out" 2>"$tmp/err"
ok_if "import goodbooks DIR exits 0" test $? = 0
ok_if "it says the download is attached to the bundled books" \
	grep -q "Attached to the bundled books" "$tmp/out"
ok_if "its report: 5 of 6 ratings, book 99999 unknown" \
	grep -q "ratings.csv: 6 rows: 5 ok, 1 rejected" "$tmp/out"
ok_if "its report: to_read.csv read, 3 of 4 rows" \
	grep -q "to_read.csv: 4 rows: 3 ok, 1 rejected" "$tmp/out"
ok_if "the catalogue: 10000 books, 3 users, 5 ratings" \
	grep -q "catalogue books: 10000 items, 3 users, 5 ratings" "$tmp/out"
ok_if "the data dir names the download" \
	grep -qF "$(cd "$gb" && pwd -P)" "$data/books.goodbooks-dir"
ok_if "it is attached only after the books were read and cached" \
	awk '/catalog cache of .*: wrote/ { w = NR }
	     /catalog books: attached/ { a = NR }
	     END { exit !(w && a > w) }' "$data/taste.log"

t --catalog books stats --json >"$tmp/after.json" 2>&1
ok_if "after: books has its community ratings" \
	grep -q '"has_ratings": true' "$tmp/after.json"
ok_if "after: 5 ratings from 3 users" \
	grep -q '"ratings": 5' "$tmp/after.json"
t --catalog books export >"$tmp/export.csv"
ok_if "the rating made before is still in the profile of books" \
	grep -q "^1,The Hunger Games,2008,5,," "$tmp/export.csv"
t --catalog books similar "The Hunger Games" --method content \
	>/dev/null 2>&1
ok_if "books still opens for the commands (similar)" test $? = 0

# A directory without ratings.csv: refused, the attachment stays.
mkdir "$tmp/empty"
t import goodbooks "$tmp/empty" >/dev/null 2>"$tmp/err2"
ok_if "a directory without ratings.csv is refused (exit 1)" test $? = 1
ok_if "the message names what is missing" \
	grep -q "has no ratings.csv" "$tmp/err2"
ok_if "the attachment is still the first download" \
	grep -qF "$(cd "$gb" && pwd -P)" "$data/books.goodbooks-dir"

# Only a ratings.csv: the dry run and the import agree (both take it).
mkdir "$tmp/only"
printf 'user_id,book_id,rating\n7,1,4\n' >"$tmp/only/ratings.csv"
t import goodbooks "$tmp/only" --dry-run >"$tmp/dry2" 2>&1
ok_if "a download without books.csv passes the dry run" test $? = 0
ok_if "and the dry run left the attachment as it was" \
	grep -qF "$(cd "$gb" && pwd -P)" "$data/books.goodbooks-dir"

# A download the books cannot be read with (book_tags.csv is a
# directory): refused after the ratings.csv check, the attachment stays.
mkdir "$tmp/broken" "$tmp/broken/book_tags.csv"
cp "$gb/ratings.csv" "$gb/tags.csv" "$tmp/broken/"
t import goodbooks "$tmp/broken" >/dev/null 2>"$tmp/err3"
ok_if "a download that cannot be read is refused (exit 1)" test $? = 1
ok_if "the message names the file" grep -q "book_tags.csv" "$tmp/err3"
ok_if "the attachment is still the first download after it" \
	grep -qF "$(cd "$gb" && pwd -P)" "$data/books.goodbooks-dir"

# No book_tags.csv row usable (its tag is not in tags.csv): attached,
# without tags; no book_tags.csv's tags.csv: its report says so.
mkdir "$tmp/notags" "$tmp/unnamed"
cp "$gb/ratings.csv" "$gb/tags.csv" "$tmp/notags/"
printf 'goodreads_book_id,tag_id,count\n2767052,99,10\n' \
	>"$tmp/notags/book_tags.csv"
t import goodbooks "$tmp/notags" >"$tmp/out4" 2>&1
ok_if "a book_tags.csv without a usable row is no failure" test $? = 0
ok_if "its row is rejected in the report" \
	grep -q "book_tags.csv: 1 row: 0 ok, 1 rejected" "$tmp/out4"
cp "$gb/ratings.csv" "$tmp/notags/book_tags.csv" "$tmp/unnamed/"
t import goodbooks "$tmp/unnamed" >"$tmp/out5" 2>&1
ok_if "a book_tags.csv without tags.csv: attached all the same" test $? = 0
ok_if "its report names the missing tags.csv" \
	grep -q "warning: not read: there is no tags.csv beside it" "$tmp/out5"
t --catalog books recommend >/dev/null 2>"$tmp/warn5"
ok_if "and so do the later commands on books" \
	grep -q "book_tags.csv: not read: there is no tags.csv" "$tmp/warn5"
t import goodbooks "$gb" >/dev/null 2>&1

# The download moves away: books says its ratings are missing.
mv "$gb" "$tmp/moved"
t --catalog books stats >"$tmp/gone" 2>&1
ok_if "books still opens when the download has gone" test $? = 0
ok_if "and says the attached download has gone" \
	grep -q "attached to books has gone" "$tmp/gone"
t import goodbooks "$tmp/moved" >/dev/null 2>&1
t --catalog books stats --json >"$tmp/again.json" 2>&1
ok_if "importing it again from where it is now brings the ratings back" \
	grep -q '"ratings": 5' "$tmp/again.json"

# A MovieLens directory is no goodbooks download: refused by its
# ratings.csv header, and the attachment stays.
mkdir "$tmp/ml"
printf 'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n' \
	>"$tmp/ml/ratings.csv"
printf 'movieId,title,genres\n1,Toy Story (1995),Comedy\n' \
	>"$tmp/ml/movies.csv"
t import goodbooks "$tmp/ml" >/dev/null 2>"$tmp/err6"
ok_if "a MovieLens directory is refused as goodbooks (exit 1)" test $? = 1
ok_if "the message quotes its header" grep -q \
	"ratings.csv is not goodbooks-10k's: its header is 'userId,movieId" \
	"$tmp/err6"
ok_if "the attachment is still the download" \
	grep -qF "$(cd "$tmp/moved" && pwd -P)" "$data/books.goodbooks-dir"
# The same ratings.csv beside a books.csv, opened as a catalogue: the
# books open without community ratings, and the report says why.
mkdir "$tmp/gbml"
cp "$tmp/ml/ratings.csv" "$tmp/gbml/"
cp "$top_srcdir/tests/fixtures/import/books/books.csv" "$tmp/gbml/"
t --catalog "$tmp/gbml" stats --json >"$tmp/gbml.json" 2>&1
ok_if "a goodbooks directory with a MovieLens ratings.csv: no ratings" \
	grep -q '"ratings": 0' "$tmp/gbml.json"
t --catalog "$tmp/gbml" stats >"$tmp/gbml.txt" 2>&1
ok_if "its report says the ratings.csv is not goodbooks'" grep -q \
	"ratings.csv is not goodbooks-10k's: its header is 'userId,movieId" \
	"$tmp/gbml.txt"
t import movietweetings "$tmp/ml" >/dev/null 2>"$tmp/err7"
ok_if "a format given for another layout is refused (exit 1)" test $? = 1
ok_if "saying what the directory is not" grep -q \
	"is not laid out as movietweetings" "$tmp/err7"

# --detach: books read no download from then on; twice is no error.
t import goodbooks --detach --dry-run >"$tmp/out8" 2>&1
ok_if "--detach --dry-run says what it would detach, and detaches nothing" \
	eval 'grep -q "^dry run: not detached" "$tmp/out8" &&
	 test -e "$data/books.goodbooks-dir"'
t import goodbooks --detach >"$tmp/out8" 2>&1
ok_if "--detach detaches the download" eval \
	'grep -q "^Detached from the bundled books" "$tmp/out8" &&
	 test ! -e "$data/books.goodbooks-dir"'
t --catalog books stats --json >"$tmp/none.json" 2>&1
ok_if "books have no community ratings again" \
	grep -q '"ratings": 0' "$tmp/none.json"
t import goodbooks --detach >"$tmp/out9" 2>&1
ok_if "a second --detach says nothing was attached" grep -q \
	"No goodbooks-10k download was attached" "$tmp/out9"
t import goodbooks "$tmp/moved" --detach >/dev/null 2>&1
ok_if "--detach with a path is bad usage (exit 2)" test $? = 2
tap_done
