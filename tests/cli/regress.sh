#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# taste regress: a tiny CSV whose exact solution is y = 3 + 2a - b
# (gradient descent and the closed form both give 3, 2, -1; RMSE 0;
# a=1,b=1 predicts 4), with a malformed number, an empty target and a
# short row rejected by line; JSON; a diverging learning rate; usage
# errors; and the bundled California housing: 207 empty total_bedrooms
# filled, ocean_proximity one-hot with <1H OCEAN dropped, and gradient
# descent agreeing with the closed form to 1e-3.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/cli/core_golden.sh"

golden regress-exact 0 regress regress/exact.csv --target y \
	--predict a=1,b=1
golden regress-exact-json 0 regress regress/exact.csv --target y \
	--features a,b --epochs 100 --predict a=1 --json
golden regress-diverge 1 regress regress/exact.csv --target y --lr 50
golden regress-no-column 2 regress regress/exact.csv --target z
golden regress-bad-predict 2 regress regress/exact.csv --target y \
	--predict c=1
golden regress-help 0 regress --help

# Hostile inputs: more features than training rows and a target whose
# squares overflow are bad data (1); a column that is 2x another is
# left out as collinear, values near 1e-301 and 1e+300 standardise, an
# all-empty column is left out; a bad --predict is refused before any
# output (2).
golden regress-wide 1 regress regress/wide.csv --target y
golden regress-hugey 1 regress regress/hugey.csv --target y
golden regress-collinear 0 regress regress/collinear.csv --target y \
	--epochs 10
golden regress-scale 0 regress regress/scale.csv --target y --epochs 10 \
	--predict a=1e300,b=1e-300
golden regress-tiny 0 regress regress/tiny.csv --target y --epochs 10
golden regress-allmissing 0 regress regress/allmissing.csv --target y \
	--epochs 10
golden regress-predict-noname 2 regress regress/exact.csv --target y \
	--predict =5
golden regress-predict-range 2 regress regress/exact.csv --target y \
	--predict a=1e400
golden regress-predict-twice 2 regress regress/exact.csv --target y \
	--predict a=1,a=2

# The housing figures, from the JSON output.
housing_has() {
	grep -qF -- "$1" "$out" || {
		tap_diag "no '$1' in the housing output"
		return 1
	}
}
# The "agreement" value is below 1e-3.
housing_agrees() {
	v=$(sed -n 's/.*"agreement": \([^,}]*\).*/\1/p' "$out")
	awk -v v="$v" 'BEGIN { exit !(v != "" && v + 0 < 1e-3) }' || {
		tap_diag "agreement '$v' is not below 1e-3"
		return 1
	}
}
if run_taste regress housing --target median_house_value --json; then
	ok_if "housing: 20640 rows, none rejected" housing_has \
		'"rows": 20640, "accepted": 20640, "rejected": 0'
	filled='{"column": "total_bedrooms", "train": 168, "held_out": 39'
	ok_if "housing: 207 total_bedrooms filled with the median" \
		housing_has "$filled, \"median\": 434}"
	ok_if "housing: <1H OCEAN is the dropped level" housing_has \
		'"dropped": "<1H OCEAN"'
	ok_if "housing: gradient descent agrees with the closed form" \
		housing_agrees
else
	tap_diag "taste regress housing failed: $(cat "$errout")"
	ok_if "housing: regress runs" false
fi
tap_done
