#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# taste recommend after a Letterboxd import with watched rows
# (tests/fixtures/signals/letterboxd, made up on the bundled movies):
# five Pixar films rated; watched.csv has Toy Story (rated, so the
# rating wins), Toy Story 3, Ratatouille, WALL·E and The Incredibles;
# watchlist.csv Inside Out and Coco. With the ratings alone the lists
# hold some of those films; once the export is imported none of the
# six is listed by content, implicit ALS or the hybrid, and the list
# says what it took into account. A rating given later wins over the
# item's signal, and --clear takes the rating back, then the signal.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/cli/core_golden.sh"

lb=signals/letterboxd
signalled='Toy Story 3 \(2010\)|Ratatouille \(2007\)|WALL·E \(2008\)'
signalled="$signalled|The Incredibles \(2004\)|Inside Out \(2015\)"
signalled="$signalled|Coco \(2017\)"

# Whether the list in $1 names none of the six films.
none_signalled() {
	! grep -E -- "$signalled" "$1"
}

mkdir "$work/ratings-only"
cp "$fixtures/$lb/ratings.csv" "$work/ratings-only/"
run_taste import "$work/ratings-only"
ok_if "the ratings alone import" test $? = 0
run_taste train --model content,ials,hybrid
ok_if "content, iALS and the hybrid train" test $? = 0
run_taste recommend --method content -n 10
cp "$out" "$work/content-before"
ok_if "before: content lists Toy Story 3" \
	grep -q "Toy Story 3 (2010)" "$work/content-before"
run_taste recommend --method cf -n 20
cp "$out" "$work/cf-before"
ok_if "before: implicit ALS lists The Incredibles" \
	grep -q "The Incredibles (2004)" "$work/cf-before"
run_taste recommend -n 20
cp "$out" "$work/hybrid-before"
ok_if "before: the hybrid lists Toy Story 3 and WALL·E" eval \
	'grep -q "Toy Story 3 (2010)" "$work/hybrid-before" &&
	 grep -q "WALL·E (2008)" "$work/hybrid-before"'
ok_if "the check below finds them there" \
	eval '! none_signalled "$work/hybrid-before" >/dev/null'

golden signals-import 0 import $lb
golden signals-recommend-content 0 recommend --method content -n 10
ok_if "content: none of the six is listed" none_signalled "$out"
run_taste recommend --method cf -n 20
ok_if "implicit ALS: none of the six is listed" none_signalled "$out"
ok_if "implicit ALS: the signals change the list" \
	sh -c "! cmp -s '$out' '$work/cf-before'"
run_taste recommend -n 20
ok_if "hybrid: none of the six is listed" none_signalled "$out"
ok_if "it says six items count and are not listed" grep -qx \
	'you: 6 items you have seen or want count too, and are not listed' \
	"$out"
run_taste recommend --method cf -n 20 --json
ok_if "with --json the note goes to stderr" eval \
	'grep -q "6 items you have seen" "$errout" &&
	 ! grep -E -- "$signalled" "$out"'

# A rating beats the signal of the same item: Toy Story 3 rated 2.
run_taste rate --id 78499 2
ok_if "Toy Story 3 rated 2" test $? = 0
run_taste recommend -n 20
ok_if "five signals are left" grep -qx \
	'you: 5 items you have seen or want count too, and are not listed' \
	"$out"
ok_if "and the rated film is still not listed" none_signalled "$out"

# --clear takes back the rating, then the signal under it, then says
# there is nothing left; the other signals stay.
run_taste rate --id 78499 --clear
ok_if "clearing the rating says the film is still seen" grep -qx \
	"Cleared your rating of Toy Story 3 (2010) in movies; it is still \
seen (--clear again clears that)" "$out"
run_taste rate --id 78499 --clear
ok_if "a second --clear takes the imported signal back" grep -qx \
	'Cleared Toy Story 3 (2010) in movies: no longer seen' "$out"
run_taste rate --id 78499 --clear
ok_if "a third finds nothing to clear" grep -qx \
	'You had not rated Toy Story 3 (2010) in movies' "$out"
run_taste recommend -n 20
ok_if "the other five signals are left" grep -qx \
	'you: 5 items you have seen or want count too, and are not listed' \
	"$out"
run_taste export
cp "$out" "$work/cleared.csv"
ok_if "the export has Toy Story 3 as two clears, and nothing more" eval \
	'test "$(grep "^78499," "$work/cleared.csv" | cut -d, -f1-6)" = \
"$(printf "%s\n" "78499,Toy Story 3,2010,,,cleared" \
		  "78499,Toy Story 3,2010,,,unmarked")"'
# Rebuilt from the export, the profile has the clears: the export is
# the same file, and the Letterboxd files leave Toy Story 3 cleared.
rm -rf "$work/data"
run_taste import "$work/cleared.csv"
ok_if "the export goes into an empty profile" test $? = 0
run_taste export
ok_if "whose export is the same file" cmp -s "$out" "$work/cleared.csv"
run_taste import "$fixtures/$lb"
ok_if "the Letterboxd export again writes nothing of Toy Story 3" eval \
	'grep -q "yours kept: Toy Story 3 (2010), seen: you cleared it" \
	 "$out" && ! grep -q "^new: .*Toy Story 3" "$out"'
run_taste rate --id 78499 --clear
ok_if "and it is still neither rated nor seen" grep -qx \
	'You had not rated Toy Story 3 (2010) in movies' "$out"
tap_done
