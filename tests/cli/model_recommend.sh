#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# model_recommend: case 02 (a user with no ratings gets the onboarding
# list and is told so), the --json shape, rated items never shown, and
# "you" from the profile.
. "$top_srcdir/tests/tap.sh"
fx=$top_srcdir/tests/fixtures/eval
gold=$top_srcdir/tests/golden
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t() { "$TASTE" --data-dir "$tmp/data" "$@"; }
# The keys of each JSON list entry, one list per line.
entry_keys() { grep '^{' "$1" | sed 's/"[^"]*"\(,\|}\)/X\1/g' |
	grep -o '"[a-z_]*":' | tr -d '":' | sort -u; }

t recommend --catalog "$fx/cold" --user 4 >"$tmp/out" 2>"$tmp/err"
ok_if "02: recommend for a user without ratings exits 0" test $? = 0
ok_if "02: onboarding list" diff -u "$gold/model_recommend_cold.out" \
	"$tmp/out"
t recommend --catalog "$fx/cold" --user 4 --json >"$tmp/json" \
	2>"$tmp/err"
ok_if "02: onboarding --json" diff -u \
	"$gold/model_recommend_cold_json.out" "$tmp/json"
ok_if "02: the note goes to stderr with --json" grep -qx \
	'user 4: no ratings yet: showing popular / content-based' "$tmp/err"

for method in cf content hybrid; do
	t recommend --catalog "$fx/tiny" --user 3 -n 4 --method $method \
		--json >"$tmp/$method" 2>"$tmp/err"
	ok_if "recommend --method $method exits 0" test $? = 0
	entry_keys "$tmp/$method" >"$tmp/keys"
	ok_if "recommend --method $method entry keys" diff -u \
		"$gold/model_list_keys.out" "$tmp/keys"
	ok_if "recommend --method $method: 4 entries" test \
		"$(grep -c '^{"id": ' "$tmp/$method")" = 4
	# user 3 rated 1, 3, 4, 7, 9 and 10
	ids=$(grep -o '"id": "[0-9]*"' "$tmp/$method" | grep -o '[0-9]*')
	seen=$(printf '%s\n' $ids | grep -cx '1\|3\|4\|7\|9\|10')
	ok_if "recommend --method $method: nothing already rated" \
		test "$seen" = 0
done

t rate "Star Raiders" 5 --catalog "$fx/tiny" >/dev/null 2>&1
t recommend --catalog "$fx/tiny" >"$tmp/you" 2>"$tmp/err"
ok_if "you with 1 rating: onboarding note" grep -q \
	'^you: 1 rating so far: showing popular / content-based' "$tmp/you"
ok_if "you: your rated item not shown" sh -c \
	"! grep -q 'Star Raiders' '$tmp/you'"
tap_done
