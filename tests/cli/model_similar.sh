#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# model_similar: taste similar by title, the --json shape for each
# method, an unknown title, titles found as taste rate finds them (a
# word, no article, the year; several matches listed with their ids and
# never guessed), --id, case 02's item without ratings (no
# collaborative neighbours, reachable through content), and content
# lists on the bundled movies.
. "$top_srcdir/tests/tap.sh"
fx=$top_srcdir/tests/fixtures/eval
gold=$top_srcdir/tests/golden
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t() { "$TASTE" --data-dir "$tmp/data" "$@"; }
entry_keys() { grep '^{' "$1" | sed 's/"[^"]*"\(,\|}\)/X\1/g' |
	grep -o '"[a-z_]*":' | tr -d '":' | sort -u; }

for method in cf content hybrid; do
	t similar "Star Raiders" --catalog "$fx/tiny" -n 3 \
		--method $method --json >"$tmp/$method" 2>"$tmp/err"
	ok_if "similar --method $method exits 0" test $? = 0
	entry_keys "$tmp/$method" >"$tmp/keys"
	ok_if "similar --method $method entry keys" diff -u \
		"$gold/model_list_keys.out" "$tmp/keys"
	ok_if "similar --method $method: not the item itself" sh -c \
		"! grep -q '\"title\": \"Star Raiders\"' '$tmp/$method'"
done
ok_if "similar content: Laser Storm is close" grep -q \
	'"title": "Laser Storm", "year": 1992' "$tmp/content"

t similar Star Raiders --catalog "$fx/tiny" -n 2 >"$tmp/text" 2>&1
ok_if "similar takes the title as several words" grep -q \
	'^like Star Raiders (1990) (' "$tmp/text"

t similar "No Such Film" --catalog "$fx/tiny" >"$tmp/out" 2>"$tmp/err"
ok_if "unknown title: exit 1" test $? = 1
ok_if "unknown title: said on stderr" grep -q \
	'nothing in tiny matches "No Such Film"' "$tmp/err"

# A title that is not exact is found as taste rate finds it, never
# guessed between several items.
t similar raiders --catalog "$fx/tiny" -n 2 >"$tmp/text" 2>"$tmp/err"
ok_if "a word of the title is enough when one item has it" grep -q \
	'^like Star Raiders (1990) (' "$tmp/text"
t similar "long table 1997" --catalog "$fx/tiny" -n 2 >"$tmp/text" \
	2>"$tmp/err"
ok_if "the title without its article and with its year" grep -q \
	'^like The Long Table (1997) (' "$tmp/text"
t similar l --catalog "$fx/tiny" -n 2 >"$tmp/out" 2>"$tmp/err"
ok_if "several matches: exit 1, nothing listed" sh -c \
	'[ $1 = 1 ] && [ ! -s "$2" ]' sh $? "$tmp/out"
ok_if "several matches: the candidates with their ids" grep -qx \
	'  --id 2  Laser Storm (1992)' "$tmp/err"
ok_if "several matches: a command to paste" grep -qx \
	"For example: taste --catalog $fx/tiny similar --id 6" "$tmp/err"
t similar --id 3 --catalog "$fx/tiny" -n 2 >"$tmp/text" 2>"$tmp/err"
ok_if "similar --id ID" grep -q '^like Robot Dawn (1995) (' "$tmp/text"
t similar --id 3 Robot --catalog "$fx/tiny" >"$tmp/out" 2>"$tmp/err"
ok_if "a title and --id is bad usage" sh -c '[ $1 = 2 ]' sh $?

t similar "Delta Unwatched" --catalog "$fx/cold" --method cf --json \
	>"$tmp/dcf" 2>"$tmp/err"
ok_if "02: no collaborative neighbours: an empty list" test \
	"$(cat "$tmp/dcf")" = "[]"
t similar "Star Raiders" --catalog "$fx/noratings" --method cf -n 2 \
	>"$tmp/nr" 2>"$tmp/err"
ok_if "no community ratings: exit 0" test $? = 0
ok_if "no community ratings: content instead, said so" grep -qx \
	'noratings has no community ratings: showing content-based' "$tmp/nr"
ok_if "no community ratings: content neighbours" grep -q \
	'^  1\. Laser Storm (1992) ' "$tmp/nr"

# The report's lists on the bundled movies: content likeness (genres,
# tags, title words at 0.5) weighed by the community's opinion, so
# neither one title word (The Heat, Body Heat) nor genres alone (2012,
# Lawnmower Man 2 beside The Matrix) lead.
for q in "matrix 1999" heat "toy story"; do
	t similar "$q" --method content
done >"$tmp/like" 2>"$tmp/err"
ok_if "content lists like The Matrix, Heat and Toy Story" diff -u \
	"$gold/model_similar_content.out" "$tmp/like"
ok_if "no title word leads them" eval \
	'! grep -E "^ *[0-9]+\. .*shares (heat|matrix|toy)" "$tmp/like"'

# Items like one are no ratings of yours: no reason says "you rated",
# by any method (ALS says whose people liked both).
for m in cf hybrid; do
	t similar "the thing 2011" --method $m -n 20
	t similar "old boy" --method $m -n 20
done >"$tmp/q" 2>"$tmp/err"
ok_if "items like one: no reason says you rated it" eval \
	'! grep -q "you rated" "$tmp/q"'
ok_if "and they name the item they are like" \
	grep -q "The Thing (2011)" "$tmp/q"
tap_done
