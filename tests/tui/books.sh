#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The books catalogue opens and says plainly that its community ratings
# are missing.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

tui_start --catalog books
ok_if "books open" tui_wait "books (goodbooks-10k)" 20
ok_if "10000 items" tui_wait "10000 items"
ok_if "the missing ratings are noted" \
	tui_wait "This catalogue has no community ratings"
ok_if "The Hunger Games is the most rated" \
	tui_row_has "▶" "The Hunger Games"
ok_if "with its author" tui_wait "Suzanne Collins"
tui_keys s
ok_if "the statistics give the whole note" \
	tui_wait "'taste import goodbooks DIR' adds"
tui_keys Escape F5
tui_type "rowling chamber"
ok_if "Search finds a book by author and title words" \
	tui_wait "Harry Potter and the Chamber of Secret"
tui_keys Down 4
ok_if "whole stars on a 1-5 scale" \
	tui_wait "Saved: Harry Potter and the Chamber of Secrets (1998) ★★★★"
tui_keys q
ok_if "q quits" tui_wait_exit
tui_done
