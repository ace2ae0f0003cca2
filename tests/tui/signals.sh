#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# ^C (SIGINT), SIGTERM and SIGHUP restore the terminal and exit; the
# ratings given before are on disk.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

# The pid of taste (the child of the pane's shell), read from /proc so
# the test needs no procps.
taste_pid() {
	ppid=$(tui_tmux display-message -p -t taste '#{pane_pid}')
	for st in /proc/[0-9]*/stat; do
		# field 4 of stat is the parent's pid (after "pid (comm) S")
		set -- $(sed 's/.*) //' "$st" 2>/dev/null)
		if [ "${2:-}" = "$ppid" ]; then
			basename "$(dirname "$st")"
			return
		fi
	done
}

for sig in TERM HUP; do
	tui_start
	tui_wait "sorted by" >/dev/null
	tui_keys 4
	tui_wait "Saved: Forrest Gump (1994) ★★★★" >/dev/null
	pid=$(taste_pid)
	ok_if "taste runs as a child of the pane ($sig)" [ -n "$pid" ]
	kill -"$sig" "$pid"
	ok_if "SIG$sig ends taste" tui_wait_exit
	case $sig in TERM) code=143 ;; HUP) code=129 ;; esac
	ok_if "with status $code" [ "$(tui_status)" = "$code" ]
	ok_if "the terminal is restored (the TUI screen is gone)" \
		tui_gone "sorted by"
	ok_if "the rating is in the journal" \
		grep -q "^set	[0-9]*	4	356\$" "$TUI_DATA/movies.journal"
done
tui_start
tui_wait "sorted by" >/dev/null
tui_keys C-c
ok_if "^C ends taste" tui_wait_exit
ok_if "with status 130 (SIGINT)" [ "$(tui_status)" = 130 ]
ok_if "and the terminal is restored" tui_gone "sorted by"
tui_done
