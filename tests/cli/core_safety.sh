#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# core_safety: what a catalogue or a file must not do to the person who
# opens it (the inputs of a break-it pass, in tests/fixtures/brk): write
# escape sequences to the terminal through stats, rate, check or
# similar; share a profile with another catalogue of the same name
# (each directory has a key of its own); pass an unreadable file off as
# a missing one; refuse to open over an empty optional file. And the
# profile is validated against the catalogue, with warnings.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/cli/core_golden.sh"

# True when file $1 holds no control byte but newline (C0, DEL) and no
# C1 control (UTF-8 C2 80 to C2 9F).
no_controls() {
	bad=$(od -An -v -tx1 "$1" | tr -s ' \n' '\n\n' | awk '
		prev == "c2" && /^[89]/ { n++ }
		/^(0[0-9a-f]|1[0-9a-f]|7f)$/ && $0 != "0a" { n++ }
		{ prev = $0 }
		END { print n + 0 }')
	[ "$bad" = 0 ] && return 0
	tap_diag "$bad control bytes in $1:" "$(cat -v "$1")"
	return 1
}

# Run taste with status want; neither stdout nor stderr may hold a
# control byte, and stdout or stderr must hold the text $2.
clean_run() {
	want=$1; text=$2; shift 2
	run_taste "$@"
	got=$?
	[ "$got" = "$want" ] || { tap_diag "exit $got, want $want"; return 1; }
	no_controls "$out" && no_controls "$errout" || return 1
	cat "$out" "$errout" | grep -qF -- "$text" && return 0
	tap_diag "no '$text' in:" "$(cat -v "$out" "$errout")"
	return 1
}

esc=brk/title-escape-sequences
ok_if "stats: titles with escapes are shown escaped" clean_run 0 \
	'   1. Evil \x1B[2J\x1B[31mRED\x1B]0;pwned' stats --catalog $esc
ok_if "stats: a C1 CSI is shown as \\u009B" clean_run 0 \
	'   4. C1 \u009B31m csi (2003)' stats --catalog $esc
ok_if "rate: the label is escaped" clean_run 0 \
	'Rated Evil \x1B[2J\x1B[31mRED\x1B]0;pwned\x07 Title (2000) in' \
	rate --catalog $esc --id 1 4
ok_if "rate: candidates and their ids are escaped" clean_run 1 \
	'  --id 2  Multi\x0Aline (2001)' rate --catalog $esc 200 4
ok_if "rate: a typed title is echoed escaped" clean_run 1 \
	'nothing in title-escape-sequences matches "\x1B]0;nothing"' \
	rate --catalog $esc "$(printf '\033]0;nothing')" 4
ok_if "similar: list and label are escaped" clean_run 0 \
	'like C1 \u009B31m csi (2003)' \
	similar --catalog $esc --id 4 --method content -n 4
ok_if "check: a header field is quoted escaped" clean_run 1 \
	"the first '\\x1B]0;owned\\x07\\x1B[2J')" \
	check brk/check-header-escape-sequence.csv
ok_if "check: look-alike ids are quoted escaped" clean_run 0 \
	'"7\x1B]0;pwn\x07" vs "007\x1B]0;pwn\x07"' \
	check brk/check-lookalike-escape-sequence.csv
ok_if "check: a path is echoed escaped" clean_run 1 \
	'cannot open \x1B]0;x\x07.csv' check "$(printf '\033]0;x\007').csv"
mkdir -p "$work/x$(printf '\033')y" &&
	cp "$fixtures/$esc/movies.csv" "$work/x$(printf '\033')y/"
ok_if "stats: a directory name is shown escaped" clean_run 0 \
	'MovieLens (x\x1By)' stats --catalog "$work/x$(printf '\033')y"

# Keys: a directory named like a bundled catalogue, two of the same
# name, and "." each have their own journal.
nc=$fixtures/brk/name-collision
journals() { (cd "$data" && ls ./*.journal 2>/dev/null | sed 's|^\./||'); }
# stats of the catalogue $2 must count $1 ratings of yours.
your_is() {
	run_taste --catalog "$2" stats && grep -qx "  your ratings   $1" "$out"
}
rate_private() {
	run_taste rate --catalog "$nc/movies" --id 2 1 &&
	run_taste rate --catalog "$nc/books" --id 1 4.5 &&
	journals | grep -qx 'movies-[0-9a-f]\{16\}\.journal' &&
	journals | grep -qx 'books-[0-9a-f]\{16\}\.journal' &&
	! journals | grep -qx 'movies\.journal\|books\.journal'
}
ok_if "a directory named movies or books has its own journal" \
	rate_private
ok_if "... and the bundled movies have no rating from it" \
	your_is 0 movies
ok_if "... nor the bundled books" your_is 0 books
ok_if "... while the directory has its own" your_is 1 "$nc/movies"
dot_key() {
	(cd "$nc/movies" && "$TASTE" --data-dir "$data" --catalog . stats) \
		>"$out" &&
	grep -qx "  your ratings   1" "$out" &&
	! ls -a "$data" | grep -q '^\.\.journal$'
}
ok_if "--catalog . is the directory itself, by its real path" dot_key
mkdir -p "$work/other/movies" && cp "$nc/movies/movies.csv" \
	"$work/other/movies/"
ok_if "two directories of one name do not share ratings" \
	your_is 0 "$work/other/movies"

# Unreadable is not missing: a directory, a dangling link, no
# permission (as root only the first two can be tested: root reads a
# mode 000 file).
mkdir -p "$work/unr" && cp "$fixtures/$esc/movies.csv" "$work/unr/" &&
	mkdir "$work/unr/ratings.csv"
ok_if "a directory named ratings.csv is an error" status_case 1 \
	"taste stats: cannot open .*/unr/ratings.csv: Is a directory" \
	stats --catalog "$work/unr"
rmdir "$work/unr/ratings.csv"
ln -s "$work/nowhere.csv" "$work/unr/tags.csv"
ok_if "a dangling tags.csv link is an error" status_case 1 \
	"taste stats: cannot open .*/unr/tags.csv: No such file or directory" \
	stats --catalog "$work/unr"
rm "$work/unr/tags.csv"
cp "$fixtures/$esc/ratings.csv" "$work/unr/" &&
	chmod 000 "$work/unr/ratings.csv"
if [ "$(id -u)" != 0 ]; then
	ok_if "a ratings.csv without permission is an error" status_case 1 \
		"taste stats: cannot open .*ratings.csv: Permission denied" \
		stats --catalog "$work/unr"
else
	echo "ok $((tap_n += 1)) - a ratings.csv without permission # SKIP root"
fi
chmod 600 "$work/unr/ratings.csv"

# Empty or useless files.
has() {
	grep -qF -- "$1" "$2" && return 0
	tap_diag "no '$1' in:" "$(cat "$2")"
	return 1
}
empty_links() {
	run_taste stats --catalog brk/catalog-empty-links &&
	has "  links.csv    0 rows, 0 accepted, 0 rejected
    warning: empty file: ignored" "$out"
}
ok_if "an empty links.csv is a warning" empty_links
ok_if "only a header in movies.csv is an error" status_case 1 \
	"taste stats: movies.csv has no movies (only a header)" \
	stats --catalog brk/catalog-only-header
unknown() {
	run_taste stats --catalog brk/catalog-all-ratings-unknown &&
	has "  ratings.csv  1 row, 0 accepted, 1 rejected; unknown item 1
    line 2, column 2: unknown item: '99'
    warning: 1 rating is of an item not in movies.csv: no community" \
		"$out"
}
ok_if "every rating unknown: opens, each row named" unknown
: >"$work/unr/ratings.csv"
empty_ratings() {
	run_taste rate --catalog "$work/unr" --id 3 4 &&
	has "taste rate: warning: ratings.csv: empty file: no community" \
		"$errout"
}
ok_if "an empty ratings.csv opens, with a warning" empty_ratings

# The profile is checked against the catalogue: off-scale values and
# unknown ids are hidden, unreadable lines named, on stderr.
cp "$fixtures/brk/journal-offscale-values/movies.journal" "$data/"
validated() {
	run_taste stats &&
	has "  your ratings   0" "$out" &&
	has "taste stats: warning: 4 ratings in your profile are off the \
scale and were ignored; 1 is for an item not in this catalogue" \
		"$errout" &&
	has "taste stats: warning: 1 unreadable line in movies.journal \
(line 5) ignored" "$errout"
}
ok_if "stats validates the profile and says what it hides" validated
rate_validated() {
	run_taste rate --id 1 4 && has "Rated Toy Story (1995)" "$out" &&
	has "taste rate: warning: 4 ratings in your profile" "$errout" &&
	run_taste stats && has "  your ratings   1" "$out"
}
ok_if "rate validates too, and rates" rate_validated

tap_done
