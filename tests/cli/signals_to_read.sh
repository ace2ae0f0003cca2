#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# goodbooks' to_read.csv as community implicit data, through --catalog
# (tests/fixtures/to-read, made up; counted by hand): books 1-6 are
# one cluster, 7-10 another, 11 (East Gate) is rated by nobody but
# wanted by users 1-4, who rate the first cluster. to_read.csv has 9
# rows: one of book 999 (rejected), one a duplicate, one of user 20
# (no ratings: not used), one of a book its user rated (the rating
# wins). Implicit ALS trained there recommends East Gate to user 8,
# who rated books 1-5; without to_read.csv it cannot (nobody rated
# it). The iALS model's fingerprint covers to_read.csv: a change to it
# retrains iALS, and item-kNN's model stays valid.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/cli/core_golden.sh"

golden signals-to-read-dry 0 --catalog to-read import to-read --dry-run
ok_if "the report does not say the rows are unused" \
	sh -c "! grep -q 'not used yet' '$out'"

cp -r "$fixtures/to-read" "$work/tr"
cp -r "$fixtures/to-read" "$work/plain"
rm "$work/plain/to_read.csv"
run_taste --catalog "$work/tr" train --model ials,item-knn --reg 1
ok_if "iALS and item-kNN train on the catalogue" test $? = 0
ok_if "its warning: a row of a user without ratings is not used" \
	grep -q "to_read.csv: 1 want-to-read row of a user without ratings" \
	"$errout"
run_taste --catalog "$work/tr" recommend --user 8 --method cf -n 3
ok_if "recommend loads the trained model" sh -c "! grep -q train '$errout'"
ok_if "user 8 gets East Gate (wanted by the others, rated by nobody)" \
	grep -q '^  1\. East Gate (2020) ' "$out"
run_taste --catalog "$work/plain" train --model ials --reg 1
run_taste --catalog "$work/plain" recommend --user 8 --method cf -n 6
ok_if "without to_read.csv, East Gate is not listed" eval \
	'grep -q "^  1\. " "$out" && ! grep -q "East Gate" "$out"'

# The fingerprint: a changed to_read.csv retrains iALS only.
sed '/^4,11$/d' "$fixtures/to-read/to_read.csv" >"$work/tr/to_read.csv"
run_taste --catalog "$work/tr" recommend --user 8 --method cf -n 3
ok_if "iALS is trained again after to_read.csv changed" \
	grep -q "training ials on tr" "$errout"
run_taste --catalog "$work/tr" similar --id 1 --method cf -n 3
ok_if "item-kNN's model is still valid (not trained again)" \
	sh -c "! grep -q 'train' '$errout'"
tap_done
