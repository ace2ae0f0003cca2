# SPDX-License-Identifier: GPL-3.0-or-later
# lib.sh: drive the real taste binary in tmux, as a person would.
# Sourced by the tests/tui/*.sh scripts after tests/tap.sh.
#
#   tui_init             fresh data dir and private tmux socket; skips
#                        the script when tmux is missing
#   tui_start ARGS...    start "$TASTE --data-dir DIR ARGS" at 100x30
#   tui_wait TEXT [S]    wait until TEXT is on screen (default 10 s)
#   tui_gone TEXT [S]    wait until TEXT is no longer on screen
#   tui_keys KEY...      tmux key names (Enter, Escape, F5, Down, C-u)
#   tui_type TEXT        literal text
#   tui_screen           the screen as text (tui_screen -e: with SGR)
#   tui_row TEXT         the screen line holding TEXT
#   tui_row_has TEXT RE  true when that line matches the grep regex RE
#   tui_wait_row TEXT RE [S]  wait until it does (default 10 s)
#   tui_alive            true while taste runs
#   tui_wait_exit [S]    wait until taste has exited
#   tui_status           taste's exit status, once it has exited
#   tui_stop             kill the tmux server (also done by the trap)
#   tui_done             one last case (no sanitizer report), then tap_done
#
# Nothing here sleeps blindly: every wait polls the screen with a
# timeout, and the session is killed on exit whatever happens.

TUI_TIMEOUT=${TUI_TIMEOUT:-10}

# Quote one word for the shell tmux runs the command with.
tui_quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# The tmux command on our private socket, without any user config.
tui_tmux() {
	tmux -S "$TUI_DIR/tmux.sock" -f "$TUI_DIR/tmux.conf" "$@"
}

tui_init() {
	command -v tmux >/dev/null 2>&1 || tap_skip_all "tmux is not installed"
	[ -x "$TASTE" ] || tap_skip_all "TASTE ($TASTE) is not built"
	TUI_DIR=$(mktemp -d "${TMPDIR:-/tmp}/taste-tui.XXXXXX")
	TUI_DATA="$TUI_DIR/data"
	mkdir -p "$TUI_DATA"
	printf '%s\n' 'set -g status off' 'set -g remain-on-exit on' \
		'set -g exit-empty off' 'set -g history-limit 100' \
		>"$TUI_DIR/tmux.conf"
	trap 'tui_stop; rm -rf "$TUI_DIR"' EXIT
	trap 'exit 1' INT TERM HUP
}

# Start taste with the given extra arguments (env VAR=... allowed
# through TUI_ENV, e.g. TUI_ENV="NO_COLOR=1").
tui_start() {
	cmd="env LC_ALL=C.UTF-8 HOME=$(tui_quote "$TUI_DIR")"
	cmd="$cmd XDG_CONFIG_HOME=$(tui_quote "$TUI_DIR/xdg")"
	cmd="$cmd XDG_DATA_HOME=$(tui_quote "$TUI_DIR/xdg")"
	cmd="$cmd XDG_CACHE_HOME=$(tui_quote "$TUI_DIR/xdg")"
	# sanitizer reports (ASan builds) go to files that tui_done checks
	cmd="$cmd ASAN_OPTIONS=$(tui_quote "log_path=$TUI_DIR/san:${ASAN_OPTIONS:-}")"
	cmd="$cmd UBSAN_OPTIONS=$(tui_quote "log_path=$TUI_DIR/san:${UBSAN_OPTIONS:-}")"
	for e in ${TUI_ENV:-}; do
		cmd="$cmd $(tui_quote "$e")"
	done
	cmd="$cmd $(tui_quote "$TASTE") --data-dir $(tui_quote "$TUI_DATA")"
	for a in "$@"; do
		cmd="$cmd $(tui_quote "$a")"
	done
	# the shell records the status (tmux may miss it when the pty
	# closes before the child is reaped)
	rm -f "$TUI_DIR/status"
	cmd="$cmd; echo \$? >$(tui_quote "$TUI_DIR/status")"
	tui_tmux kill-session -t taste 2>/dev/null
	tui_tmux new-session -d -s taste -x 100 -y 30 "$cmd"
}

tui_screen() {
	tui_tmux capture-pane -t taste -p "$@" 2>/dev/null
}

tui_row() {
	tui_screen | grep -F -- "$1" | head -n 1
}

tui_row_has() {
	tui_row "$1" | grep -q -- "$2"
}

tui_wait_row() {
	n=$(( ${3:-$TUI_TIMEOUT} * 10 ))
	while [ "$n" -gt 0 ]; do
		tui_row_has "$1" "$2" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	tap_diag "timed out waiting for a line with '$1' matching '$2';" \
		"the screen was:"
	tap_diag "$(tui_screen)"
	return 1
}

tui_keys() {
	tui_tmux send-keys -t taste "$@"
}

tui_type() {
	tui_tmux send-keys -t taste -l -- "$1"
}

# Poll every 0.1 s until the screen holds $1 (or $3 = "gone": not).
tui_poll() {
	n=$(( ${2:-$TUI_TIMEOUT} * 10 ))
	while [ "$n" -gt 0 ]; do
		if tui_screen | grep -qF -- "$1"; then
			[ "${3:-}" != gone ] && return 0
		else
			[ "${3:-}" = gone ] && return 0
		fi
		sleep 0.1
		n=$((n - 1))
	done
	tap_diag "timed out waiting for '$1' ${3:-}; the screen was:"
	tap_diag "$(tui_screen)"
	return 1
}

tui_wait() {
	tui_poll "$1" "${2:-}"
}

tui_gone() {
	tui_poll "$1" "${2:-}" gone
}

tui_alive() {
	[ "$(tui_tmux display-message -p -t taste '#{pane_dead}' \
		2>/dev/null)" = 0 ]
}

tui_wait_exit() {
	n=$(( ${1:-$TUI_TIMEOUT} * 10 ))
	while [ "$n" -gt 0 ] && tui_alive; do
		sleep 0.1
		n=$((n - 1))
	done
	! tui_alive
}

# taste's exit status, as the shell around it recorded it.
tui_status() {
	cat "$TUI_DIR/status" 2>/dev/null
}

# True when no sanitizer wrote a report (ASan/UBSan builds).
tui_no_reports() {
	for f in "$TUI_DIR"/san.*; do
		[ -e "$f" ] || continue
		tap_diag "$(cat "$f")"
		return 1
	done
	return 0
}

tui_done() {
	tui_stop
	ok_if "no sanitizer reported an error" tui_no_reports
	tap_done
}

tui_stop() {
	[ -n "${TUI_DIR:-}" ] && tui_tmux kill-server 2>/dev/null
	return 0
}
