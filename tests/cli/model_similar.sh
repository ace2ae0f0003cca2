#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# model_similar: taste similar by title, the --json shape for each
# method, an unknown title, and case 02's item without ratings (no
# collaborative neighbours, reachable through content).
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
	'no item titled "No Such Film" in tiny' "$tmp/err"

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
tap_done
