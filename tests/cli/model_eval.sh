#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# model_eval: taste eval on the tiny fixture: the --json keys of one
# run and of folds, one object per model, the table, a seed that
# reproduces, and a temporal and per-user split.
. "$top_srcdir/tests/tap.sh"
fx=$top_srcdir/tests/fixtures/eval
gold=$top_srcdir/tests/golden
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t() { "$TASTE" --data-dir "$tmp/data" "$@"; }
# The keys of the object on line 2 (the first model), in order.
keys() { sed -n 2p "$1" | sed 's/"folds".*//' | grep -o '"[a-z_]*":' |
	tr -d '":'; }

t eval --catalog "$fx/tiny" --model baseline --json >"$tmp/one" \
	2>"$tmp/err"
rc=$?
ok_if "eval --json exits 0" test "$rc" = 0
keys "$tmp/one" >"$tmp/keys"
ok_if "eval --json keys" diff -u "$gold/model_eval_keys.out" "$tmp/keys"
ok_if "eval --json opens an array" test "$(head -1 "$tmp/one")" = "["
ok_if "eval --json closes it" test "$(tail -1 "$tmp/one")" = "]"
head='{"model": "baseline", "data": "catalogue", "split": "random", '
ok_if "eval --json model and k" grep -qF \
	"$head\"seed\": 1, \"k\": 10," "$tmp/one"
ok_if "eval --json rmse is a number" grep -q '"rmse": [0-9]' "$tmp/one"

t eval --catalog "$fx/tiny" --model baseline --folds 3 --json \
	>"$tmp/folds" 2>"$tmp/err"
ok_if "eval --folds exits 0" test $? = 0
keys "$tmp/folds" >"$tmp/fkeys"
ok_if "eval --folds keys" diff -u "$gold/model_eval_fold_keys.out" \
	"$tmp/fkeys"
ok_if "eval --folds lists 3 folds" test "$(grep -o '"fold": [0-9]*' \
	"$tmp/folds" | tr '\n' ' ')" = '"fold": 1 "fold": 2 "fold": 3 '

t eval --catalog "$fx/tiny" --model baseline --json --seed 5 \
	>"$tmp/s1" 2>/dev/null
t eval --catalog "$fx/tiny" --model baseline --json --seed 5 \
	>"$tmp/s2" 2>/dev/null
sed 's/"[a-z_]*seconds[a-z_]*": [^,}]*//g' "$tmp/s1" >"$tmp/s1n"
sed 's/"[a-z_]*seconds[a-z_]*": [^,}]*//g' "$tmp/s2" >"$tmp/s2n"
ok_if "eval: same seed, same figures" cmp -s "$tmp/s1n" "$tmp/s2n"

t eval --catalog "$fx/tiny" --json >"$tmp/all" 2>"$tmp/err"
ok_if "eval: every model by default" test \
	"$(grep -c '^{"model": ' "$tmp/all")" = 7

t eval --catalog "$fx/tiny" --model baseline,item-knn >"$tmp/table" \
	2>"$tmp/err"
ok_if "eval table exits 0" test $? = 0
ok_if "eval table states the relevance rule" grep -q \
	'^relevant: rating >= 4 (min + 0.75 x range)' "$tmp/table"
ok_if "eval table has a row per model" sh -c \
	"grep -q '^baseline ' '$tmp/table' && grep -q '^item-knn ' '$tmp/table'"

t eval --catalog "$fx/tiny" --model baseline --split temporal --json \
	>"$tmp/tm" 2>"$tmp/err"
ok_if "eval --split temporal" grep -q '"split": "temporal"' "$tmp/tm"
t eval --catalog "$fx/tiny" --model baseline --split user --holdout 2 \
	--json >"$tmp/us" 2>"$tmp/err"
ok_if "eval --split user: 2 per user of 10" grep -q \
	'"split": "user".*"test_pairs": 20,' "$tmp/us"
ok_if "eval --split user warns of the leak" grep -q \
	'per-user holdout keeps other users' "$tmp/err"
tap_done
