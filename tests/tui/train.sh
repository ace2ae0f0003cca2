#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Train pane during a run of ALS on the bundled movies: F3 shows it,
# a typed setting sticks, t starts a run whose epoch counter and
# training loss (read off the screen) move as the plot grows, Space
# pauses (the counter holds) and resumes, a resize to the minimum size
# and back keeps it running, q asks before quitting while it runs (Esc
# and a single n answer no), ^C
# stops the run without quitting, and q then quits at once.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

# Sanitizer builds train ten times slower: every wait is generous.
RUN_S=120
EPOCHS=2000

# The epoch counter "epoch N/2000" of the status line: N.
epoch_now() {
	tui_screen | grep -o "epoch [0-9]*/$EPOCHS" | head -n 1 |
		sed 's/epoch \([0-9]*\)\/.*/\1/'
}

# The training loss of the status line.
loss_now() {
	tui_screen | grep -o "loss [0-9.]*" | head -n 1 | cut -d' ' -f2
}

# Wait until the epoch counter passes $1.
epoch_after() {
	n=$((RUN_S * 10))
	while [ "$n" -gt 0 ]; do
		e=$(epoch_now)
		[ -n "$e" ] && [ "$e" -gt "$1" ] && return 0
		sleep 0.1
		n=$((n - 1))
	done
	tap_diag "the epoch counter stayed at '$(epoch_now)'"
	tap_diag "$(tui_screen)"
	return 1
}

tui_start
tui_wait "sorted by" >/dev/null
tui_keys F3
ok_if "F3 shows the Train pane on ALS" tui_wait_row "Model" "ALS (explicit"
ok_if "the tab bar names Train between Browse and Search" \
	tui_wait_row "F2 Browse" "Browse.*F3 Train.*F5 Search"
ok_if "ALS's settings are listed" tui_wait_row "epochs" "epochs *15"
# Enter goes to the first setting (k), three down is epochs; type it.
tui_keys Enter Down Down Down Enter
ok_if "Enter opens a prompt for the setting" tui_wait "epochs: "
tui_keys C-u
tui_type "$EPOCHS"
tui_keys Enter
ok_if "the typed value is shown" tui_wait_row "epochs" "epochs *$EPOCHS"
tui_keys t
ok_if "t starts a run: the epoch counter appears" \
	tui_wait "/$EPOCHS" "$RUN_S"
ok_if "the plot is drawn with its axis" tui_wait_row "epoch  " \
	"1 .*epoch.* $EPOCHS"
epoch_after 2
e1=$(epoch_now); l1=$(loss_now)
ok_if "the run goes on (epoch $e1 and later)" epoch_after $((e1 + 2))
e2=$(epoch_now); l2=$(loss_now)
tap_diag "epoch $e1: loss $l1; epoch $e2: loss $l2"
ok_if "the loss shown is a number that went down" \
	awk -v a="$l1" -v b="$l2" 'BEGIN { exit !(a > 0 && b > 0 && b <= a) }'
ok_if "the validation RMSE is shown" tui_wait_row "/$EPOCHS" \
	"valid 0\.[0-9]"

tui_keys Space
ok_if "Space pauses" tui_wait "‖ paused" "$RUN_S"
p1=$(epoch_now)
sleep 1
p2=$(epoch_now)
ok_if "the counter holds while paused ($p1, then $p2)" [ "$p1" = "$p2" ]
tui_keys Space
ok_if "Space resumes" epoch_after "$p2"

tui_tmux resize-window -t taste -x 60 -y 15
ok_if "at the minimum size the counter is still shown" \
	tui_wait "/$EPOCHS"
r1=$(epoch_now)
ok_if "and the run goes on" epoch_after "$r1"
tui_tmux resize-window -t taste -x 100 -y 30
ok_if "back at 100x30 the plot is drawn again" tui_wait_row "epoch  " \
	"1 .*epoch.* $EPOCHS"
ok_if "taste survived the resizes" tui_alive

tui_keys q
ok_if "q while training asks first" tui_wait "quit anyway? (y/N)"
tui_keys Escape
ok_if "Esc keeps taste and the run" epoch_after "$(epoch_now)"
tui_keys q
tui_wait "quit anyway?" >/dev/null
tui_keys n
ok_if "n alone keeps them too" epoch_after "$(epoch_now)"

tui_keys C-c
ok_if "^C stops the run" tui_wait "■ stopped" "$RUN_S"
ok_if "and says nothing was saved" tui_wait "nothing was measured or saved"
ok_if "^C did not quit taste" tui_alive
s1=$(epoch_now)
sleep 0.5
ok_if "the counter stays after the stop" [ "$s1" = "$(epoch_now)" ]
tui_keys q
ok_if "q with no run quits at once" tui_wait_exit
ok_if "with status 0" [ "$(tui_status)" = 0 ]
tui_done
