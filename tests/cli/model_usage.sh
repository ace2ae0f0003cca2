#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# model_usage: bad usage of the model subcommands exits 2 with a message
# on stderr; --help exits 0 on stdout; bad data exits 1.
. "$top_srcdir/tests/tap.sh"
fx=$top_srcdir/tests/fixtures/eval
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t() { "$TASTE" --data-dir "$tmp/data" "$@"; }
# usage NAME EXPECTED-STDERR-FRAGMENT ARGS...: exit 2, message, no stdout
usage() {
	name=$1 want=$2
	shift 2
	t "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	ok_if "$name: exit 2" test "$rc" = 2
	ok_if "$name: says why" grep -qF -- "$want" "$tmp/err"
	ok_if "$name: nothing on stdout" test ! -s "$tmp/out"
}

usage "eval --folds 1" "--folds wants a number from 2 to 100" \
	eval --folds 1
usage "eval --train alone" "give --train and --test in pairs" \
	eval --train a.csv
usage "eval --split nope" "--split takes random, temporal or user" \
	eval --split nope
usage "eval --model nope" "unknown model 'nope'" eval --model als,nope
usage "eval --folds --split temporal" "--folds goes with the random" \
	eval --folds 3 --split temporal
usage "eval --k x" "--k wants a whole number" eval --k x
usage "eval --test-fraction 2" "--test-fraction wants a number" \
	eval --test-fraction 2
usage "train --bogus" "unknown option '--bogus'" train --bogus
usage "train --epochs" "option '--epochs' needs a value" train --epochs
usage "recommend --method x" "--method takes cf, content or hybrid" \
	recommend --method x
usage "recommend -n 0" "-n wants a whole number" recommend -n 0
usage "similar without a title" "which title?" similar
for sub in train eval recommend similar; do
	t "$sub" --help >"$tmp/out" 2>"$tmp/err"
	ok_if "$sub --help exits 0" test $? = 0
	ok_if "$sub --help prints usage" grep -q "^Usage: taste $sub" \
		"$tmp/out"
done
t eval --ratings "$tmp/missing.csv" >"$tmp/out" 2>"$tmp/err"
ok_if "eval of a missing file: exit 1" test $? = 1
ok_if "eval of a missing file: says so" test -s "$tmp/err"
tap_done
