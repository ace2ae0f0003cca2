#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Import screen in a busy ~/Downloads: 1000 other files, 150 old
# CSV files that are no export, and 5 IMDb exports downloaded last.
# Every entry is looked at, the newest 100 candidates (CSV files, zips,
# folders) are read: the 5 exports are listed, and one line counts the
# older candidates not read and says to type a path for them.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

dl="$TUI_DIR/Downloads"
mkdir -p "$dl"
i=1
while [ $i -le 1000 ]; do
	: >"$dl/file$i.pdf"
	i=$((i + 1))
done
i=1
while [ $i -le 150 ]; do
	printf 'a,b\n1,2\n' >"$dl/table$i.csv"
	touch -d '2020-01-01' "$dl/table$i.csv"
	i=$((i + 1))
done
for i in 1 2 3 4 5; do
	cp "$top_srcdir/tests/fixtures/import/imdb-14.csv" \
		"$dl/imdb_export_$i.csv"
done

tui_start
tui_wait "sorted by" >/dev/null
tui_keys I
tui_wait "Import: choose a file" >/dev/null
for i in 1 2 3 4 5; do
	ok_if "export $i of 5 is listed" \
		tui_wait_row "imdb_export_$i.csv" "IMDb ratings export"
done
ok_if "the older candidates not read are counted, with what to do" \
	tui_wait "55 older CSV files, zips or folders were not read"
tui_keys Escape
tui_gone "Import: choose a file" >/dev/null
tui_keys F10
ok_if "taste exits cleanly" tui_wait_exit
tui_done
