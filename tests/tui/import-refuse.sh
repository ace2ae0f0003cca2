#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Import screen refuses a typed Letterboxd list as taste import
# does, under the typed line, without the columns form; a typed path
# that does not exist is named as typed, its start cut off only when
# it is wider than the note.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

printf '%s\n' 'Letterboxd list export v7' 'Date,Name,Tags,URL,Description' \
	'2023-01-01,Noir,,https://letterboxd.com/x/list/noir/,' '' \
	'Position,Name,Year,URL,Description' \
	'1,Chinatown,1974,https://boxd.it/x,' >"$TUI_DIR/noir.csv"

tui_start
tui_tmux resize-window -t taste -x 80 -y 24
tui_wait "sorted by" >/dev/null
tui_keys I
tui_wait "Import: choose a file" >/dev/null
tui_keys Enter
tui_type "$TUI_DIR/noir.csv"
tui_keys Enter
ok_if "a Letterboxd list is refused under the typed line" \
	tui_wait "noir.csv: a Letterboxd list: its films are neither"
ok_if "the note is right under that line" \
	eval 'tui_screen | grep -A1 "Type a path" | tail -n 1 |
	      grep -q "noir.csv: a Letterboxd list"'
ok_if "the status line points to it" \
	tui_wait "Not read: why is under the line chosen"
ok_if "no columns form is offered" \
	eval '! tui_screen | grep -q "A CSV in no format taste knows"'
ok_if "the screen stays on the file list" tui_wait "Import: choose a file"
tui_keys Enter
tui_type "sub/li"
tui_keys Enter
ok_if "a missing path is named as typed" \
	tui_wait "cannot open sub/li: No such file or directory"
long="/no/such/directory/at/all/with/a/rather/long/name"
long="$long/that/goes/on/and/on/for/ever/li.csv"
tui_keys Enter
tui_type "$long"
tui_keys Enter
ok_if "a long one loses its start, not its end" \
	tui_wait_row "/for/ever/li.csv" "│  ….*/goes/on/and/on/for/ever/li\.csv:"
tui_keys Escape
tui_wait_row "1-5 rate" "I import" >/dev/null
tui_keys q
ok_if "q quits" tui_wait_exit
tui_done
