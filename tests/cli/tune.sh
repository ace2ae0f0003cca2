#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# taste eval --grid: a 2 x 2 ALS grid (factors x reg) on the tiny eval
# fixture with 2 folds: the JSON table has 2 rows of 2 cells, each a
# mean, and "best" names the cell with the smallest mean; the text
# table has a header and two rows with one '*'; a bad grid and a
# setting the model does not use are usage errors.
. "$top_srcdir/tests/tap.sh"
fx=$top_srcdir/tests/fixtures/eval
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t() { "$TASTE" --data-dir "$tmp/data" "$@"; }
grid='factors=2,4;reg=0.05,0.5'

t eval --catalog "$fx/tiny" --model als --folds 2 --grid "$grid" --json \
	>"$tmp/json" 2>"$tmp/err"
ok_if "eval --grid --json exits 0" test $? = 0
# The means, one line per row of the table.
sed -n 's/^  \[\(.*\)\],*$/\1/p' "$tmp/json" |
	sed 's/{"mean": \([^,]*\), "sd": [^}]*}/\1/g' >"$tmp/means"
ok_if "the table has 2 rows" test "$(wc -l <"$tmp/means")" = 2
ok_if "each row has 2 cells" test "$(awk -F', ' 'NF != 2' "$tmp/means" |
	wc -l)" = 0
# The best cell is the minimum of the means.
best_is_min() {
	n='\([0-9]*\)'
	row=$(sed -n "s/.*\"best\": {\"row\": $n, \"col\": $n}.*/\\1 \\2/p" \
		"$tmp/json")
	[ -n "$row" ] || { tap_diag "no best cell"; return 1; }
	awk -F', ' -v rc="$row" '
		BEGIN { split(rc, b, " ") }
		{ for (j = 1; j <= NF; j++) {
			if (min == "" || $j + 0 < min) { min = $j + 0 }
			if (NR - 1 == b[1] && j - 1 == b[2]) { best = $j + 0 } } }
		END { exit !(best == min) }' "$tmp/means" || {
		tap_diag "best $row is not the minimum of: $(cat "$tmp/means")"
		return 1
	}
}
ok_if "the best cell has the smallest mean RMSE" best_is_min
axes='"rows": {"param": "factors", "values": [2, 4]}, '
axes=$axes'"cols": {"param": "reg", "values": [0.05, 0.5]}'
ok_if "the rows are factors, the columns reg" grep -qF "$axes" "$tmp/json"

t eval --catalog "$fx/tiny" --model als --folds 2 --grid "$grid" \
	>"$tmp/text" 2>"$tmp/err"
ok_if "eval --grid exits 0" test $? = 0
ok_if "the text table: header, 2 rows, best line" test \
	"$(grep -c '^factors=' "$tmp/text")" = 2
ok_if "one cell is marked best" test "$(grep -o '\*' "$tmp/text" |
	wc -l)" = 1
ok_if "the best line" grep -q '^Best: factors=[24], reg=0\.0\{0,1\}5: ' \
	"$tmp/text"

t eval --catalog "$fx/tiny" --grid 'factors=2' >"$tmp/out" 2>"$tmp/err"
ok_if "one setting is a usage error" test $? = 2
ok_if "... that says what a grid is" grep -qF "a grid takes two settings" \
	"$tmp/err"
t eval --catalog "$fx/tiny" --model user-knn --grid 'factors=2;reg=1' \
	>"$tmp/out" 2>"$tmp/err"
ok_if "a setting the model does not use is a usage error" test $? = 2
t eval --catalog "$fx/tiny" --model als,baseline --grid "$grid" \
	>"$tmp/out" 2>"$tmp/err"
ok_if "two models are a usage error" test $? = 2
tap_done
