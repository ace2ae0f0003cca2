#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# model_train: taste train fits on the catalogue, prints an epoch line
# per epoch when stdout is not a terminal, and saves the model where
# recommend and similar find it.
. "$top_srcdir/tests/tap.sh"
fx=$top_srcdir/tests/fixtures/eval
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t() { "$TASTE" --data-dir "$tmp/data" "$@"; }

t train --catalog "$fx/tiny" --model baseline >"$tmp/out" 2>"$tmp/err"
ok_if "train exits 0" test $? = 0
ok_if "train says what it fits" grep -qx \
	'baseline: fitting on tiny: 61 ratings, 10 users, 12 items' "$tmp/out"
# A directory catalogue's files are named by its key: the folder's name
# and a hash of its real path, so two folders called tiny never collide.
saved=$(ls "$tmp/data/models/" | grep -x 'tiny-[0-9a-f]\{16\}-baseline\.model')
ok_if "train saves the model under the catalogue's key" \
	test -n "$saved" -a -s "$tmp/data/models/$saved"
ok_if "train says where" grep -q \
	"saved to $tmp/data/models/$saved\$" "$tmp/out"

t train --catalog "$fx/tiny" --model als --epochs 3 --factors 4 \
	--seed 2 --threads 1 >"$tmp/als" 2>"$tmp/err"
ok_if "train als exits 0" test $? = 0
ok_if "train als: a line per epoch" test \
	"$(grep -c '^als: epoch [1-3]/3  loss ' "$tmp/als")" = 3
ok_if "train als: per-epoch time" grep -q \
	'^als: fitted in [0-9.]* s ([0-9.]* ms per epoch); saved to ' \
	"$tmp/als"
tap_done
