#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# model_eval_cases: the handed cases of evaluation. Case 02: test pairs
# of an unknown user or item are counted and skipped, never averaged.
# Case 17: a split column with 2 pairs on both sides is refused unless
# --allow-overlap. Given train/test files, and --save-split.
. "$top_srcdir/tests/tap.sh"
fx=$top_srcdir/tests/fixtures/eval
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t() { "$TASTE" --data-dir "$tmp/data" "$@"; }

t eval --train "$fx/cold-train.csv" --test "$fx/cold-test.csv" \
	--model baseline >"$tmp/out" 2>"$tmp/err"
ok_if "02: eval of given files exits 0" test $? = 0
ok_if "02: cold pairs reported" grep -qx \
	'3 test pairs skipped: unknown user/item' "$tmp/out"
t eval --train "$fx/cold-train.csv" --test "$fx/cold-test.csv" \
	--model baseline --json >"$tmp/json" 2>"$tmp/err"
ok_if "02: cold_pairs 3 of 5" grep -q \
	'"test_pairs": 5, "cold_pairs": 3, .*"scored_pairs": 2,' "$tmp/json"
ok_if "02: RMSE is a number, not NaN" grep -q '"rmse": [0-9]' "$tmp/json"
ok_if "02: no NaN anywhere" sh -c "! grep -qi nan '$tmp/json'"

t eval --ratings "$fx/17-leakage.csv" --model baseline >"$tmp/out" \
	2>"$tmp/err"
rc=$?
ok_if "17: refused with exit 1" test "$rc" = 1
ok_if "17: overlap counted" grep -q \
	'2 pairs appear in both train and test' "$tmp/err"
t eval --ratings "$fx/17-leakage.csv" --model baseline \
	--allow-overlap --json >"$tmp/out" 2>"$tmp/err"
ok_if "17: --allow-overlap runs" test $? = 0
ok_if "17: overlap in the JSON" grep -q \
	'"split": "column".*"overlap": 2,' "$tmp/out"

t eval --train "$fx/cold-train.csv" --test "$fx/cold-test.csv" \
	--train "$fx/cold-train.csv" --test "$fx/cold-test.csv" \
	--model baseline --json >"$tmp/pairs" 2>"$tmp/err"
ok_if "two given pairs: mean and folds" grep -q \
	'"split": "given", .*"runs": 2,.*"rmse_std": 0,.*"folds": \[' \
	"$tmp/pairs"

t eval --ratings "$fx/cold-train.csv" --model baseline --seed 3 \
	--test-fraction 0.4 --save-split "$tmp/split" >/dev/null 2>&1
ok_if "--save-split writes the sides" sh -c \
	"test \$(wc -l <'$tmp/split/train-1.csv') = 4 &&
	 test \$(wc -l <'$tmp/split/test-1.csv') = 3"
ok_if "--save-split keeps ids" grep -q '^1,10[0-2],' \
	"$tmp/split/train-1.csv"
tap_done
