#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# taste check: the import report of the bad-input cases, as text and
# JSON, and its exit status (0 all accepted, 1 rows rejected or file
# unusable or without data rows, 2 bad usage). Kept off-step rows are
# named by line; rows with a wrong field count are "whole row" (JSON
# column 0). Escapes in header fields and ids are shown escaped; a wrong
# --sep names the one that splits the lines; a --scale whose maximum is
# off its steps is refused.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/cli/core_golden.sh"

golden check-01-duplicates 0 check cases/01-duplicate-user-item.csv
golden check-01-duplicates-json 0 check cases/01-duplicate-user-item.csv --json
golden check-01-dup-first 0 check --dup first cases/01-duplicate-user-item.csv
golden check-01-dup-error 1 check cases/01-duplicate-user-item.csv --dup error
golden check-07-half-stars 0 check cases/07-half-stars.csv
golden check-07-half-stars-json 0 check cases/07-half-stars.csv --json
golden check-07-offstep-round 0 check cases/07-half-stars.csv --offstep round
golden check-07-offstep-reject 1 check cases/07-half-stars.csv --offstep reject
golden check-08-out-of-range 1 check cases/08-out-of-range.csv
golden check-08-out-of-range-json 1 check --json cases/08-out-of-range.csv
golden check-08-clamp 1 check cases/08-out-of-range.csv --clamp
golden check-08-scale-0-10 1 check cases/08-out-of-range.csv --scale 0:10
golden check-09-empty-nan 1 check cases/09-empty-nan-fields.csv
golden check-09-empty-nan-json 1 check cases/09-empty-nan-fields.csv --json
golden check-10-bom-crlf 0 check cases/10-bom-crlf.csv
golden check-23-udata-tab 0 check cases/23-udata-tab-separated.csv
golden check-23-udata-tab-json 0 check cases/23-udata-tab-separated.csv --json
golden check-23-wrong-sep 1 check cases/23-udata-tab-separated.csv --sep ,
# A "::" file whose genres hold more '|' than it has fields: '::' is
# the hint; a delimiter outside the documented ones is bad usage.
golden check-dat-sep-hint 1 check import/dat-genres.dat --sep ,
golden check-sep-unknown 2 check import/ml-1m/movies.dat --sep x
golden check-08-all-rejected 1 check cases/08-out-of-range.csv --scale 7:9
golden check-23-sep-tab 0 check --sep tab cases/23-udata-tab-separated.csv
golden check-missing-file 1 check no/such/file.csv
golden check-only-header 1 check brk/check-only-header.csv
golden check-header-escape 1 check brk/check-header-escape-sequence.csv
golden check-lookalike-escape 0 check brk/check-lookalike-escape-sequence.csv
golden check-01-sep-semicolon 1 check --sep=';' cases/01-duplicate-user-item.csv
# Personal exports: read and reported as taste import reads them
golden check-22-imdb 0 check cases/22-imdb-ratings.csv
golden check-20-goodreads 0 check --format goodreads cases/20-goodreads-export.csv

ok_if "check without a path is bad usage" \
	status_case 2 "taste check: which file?" check
ok_if "check with two paths is bad usage" \
	status_case 2 "taste check: one file" check a.csv b.csv
ok_if "check --sep xy is bad usage" \
	status_case 2 "taste check: bad value for --sep: xy" \
	check cases/01-duplicate-user-item.csv --sep xy
ok_if "check --scale 5:1 is bad usage" \
	status_case 2 "taste check: bad value for --scale" \
	check cases/01-duplicate-user-item.csv --scale 5:1
ok_if "check --scale with a maximum off the steps is bad usage" \
	status_case 2 "taste check: bad value for --scale: 1:5:0.3: the \
maximum 5 is not the minimum 1 plus a whole number of steps of 0.3" \
	check brk/check-scale-max-off-step.csv --scale 1:5:0.3
ok_if "check --scale 1:5:0.5 is fine" \
	status_case 0 "" check brk/check-scale-max-off-step.csv --scale 1:5:0.5
ok_if "check --dup sum is bad usage (values are never summed)" \
	status_case 2 "taste check: bad value for --dup: sum" \
	check cases/01-duplicate-user-item.csv --dup sum
ok_if "check --encoding utf-16 is bad usage" \
	status_case 2 "taste check: bad value for --encoding" \
	check cases/01-duplicate-user-item.csv --encoding utf-16
ok_if "check --bogus is bad usage" \
	status_case 2 "taste check: unknown option --bogus" \
	check --bogus cases/01-duplicate-user-item.csv
ok_if "check --sep needs a value" \
	status_case 2 "taste check: option --sep needs a value" \
	check cases/01-duplicate-user-item.csv --sep
ok_if "check writes nothing to the data directory" \
	sh -c '[ ! -e "$1" ] || [ -z "$(ls -A "$1")" ]' sh "$data"

tap_done
