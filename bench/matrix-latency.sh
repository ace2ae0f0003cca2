#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# matrix-latency: the Matrix pane on the 25 M synthetic catalogue
# (src/synth.h), key press to redrawn screen, measured by taste itself.
#
#   sh bench/matrix-latency.sh [path/to/taste]
#   MATRIX_LATENCY_LOG=FILE keeps taste's debug log in FILE.
#
# Starts the real binary with -v and --catalog synthetic in a detached
# 100x30 tmux session (a private socket, a fresh --data-dir), waits
# until the catalogue is generated (and the Search pane's worker has
# generated its own copy, so the two do not race the keys), opens the
# Matrix pane (F4) and sends a fixed sequence: zoom in step by step to
# single cells, pan there, zoom out to the top, pan, change the order
# (which sorts again and rebuilds the aggregates), shade by mean, zoom
# and pan again. Keys go one at a time so each is drawn before the next
# arrives. From the log ("key 0x2b handled+drawn in 0.41 ms [Matrix]")
# it prints count, median, p99 and max per kind of key, the first show
# (the aggregates of the level shown are built then), the bytes the
# aggregates held at most, the generation time and the process's peak
# resident memory. The goal (BRIEF §9, issue 5) is 16 ms for zoom and
# pan.
set -eu

TASTE=${1:-${TASTE:-./taste}}
command -v tmux >/dev/null 2>&1 || {
	echo "matrix-latency: needs tmux" >&2; exit 77; }
[ -x "$TASTE" ] || {
	echo "matrix-latency: no binary at $TASTE" >&2; exit 2; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/taste-mxlat.XXXXXX")
sock="$dir/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$dir"' EXIT
printf '%s\n' 'set -g status off' 'set -g exit-empty off' >"$dir/tmux.conf"

t() { tmux -S "$sock" -f "$dir/tmux.conf" "$@"; }

# Wait (up to $2 s, default 30) until the screen shows $1.
wait_for() {
	n=$((${2:-30} * 10))
	until t capture-pane -t lat -p | grep -qF -- "$1"; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || { echo "matrix-latency: no '$1'" >&2; exit 1; }
		sleep 0.1
	done
}

# The debug log of the run.
log_file() { ls "$data"/*.log "$data"/cache/*.log 2>/dev/null | head -1; }

# Wait (up to 180 s) until the log has $1 lines matching $2.
wait_log() {
	n=1800
	until [ "$(grep -c -- "$2" "$(log_file)" 2>/dev/null)" -ge "$1" ]; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || { echo "matrix-latency: no '$2'" >&2; exit 1; }
		sleep 0.1
	done
}

# Send each argument as one key (literally), with a pause for it to be
# drawn; names of special keys start with '@' (@NPage).
keys() {
	for k in "$@"; do
		case $k in
		@*) t send-keys -t lat "${k#@}" ;;
		*) t send-keys -t lat -l -- "$k" ;;
		esac
		sleep 0.05
	done
}

# Repeat key $1 $2 times.
rep() { i=0; while [ $i -lt "$2" ]; do keys "$1"; i=$((i + 1)); done; }

data="$dir/data"
mkdir -p "$data"
t new-session -d -s lat -x 100 -y 30 \
	"env LC_ALL=C.UTF-8 '$TASTE' --data-dir '$data' --catalog synthetic -v"
wait_for "sorted by" 180
wait_log 2 "catalog synthetic:25m"
pid=$(t display-message -p -t lat '#{pane_pid}')
keys @F4
wait_for "zoom 1:"
rep + 15
rep l 30; rep j 30; keys @NPage @NPage @PPage L L H; rep k 10; rep h 10
rep - 15
rep j 5; rep l 3; rep k 5; rep h 3
rep + 6; rep j 20; rep l 20; keys @NPage L
keys o
rep - 3; rep + 3; rep j 10; rep l 10
keys m; rep + 4; rep l 10; rep - 4
keys m
hwm=$(sed -n 's/^VmHWM:[[:space:]]*//p' "/proc/$pid/status" 2>/dev/null ||
	true)
rss=$(sed -n 's/^VmRSS:[[:space:]]*//p' "/proc/$pid/status" 2>/dev/null ||
	true)
keys @F2 q
sleep 1
log=$(log_file)
[ -n "${MATRIX_LATENCY_LOG:-}" ] && cp "$log" "$MATRIX_LATENCY_LOG"

# Key lines of the Matrix pane as "code ms".
grep 'handled+drawn.*\[Matrix\]' "$log" |
	sed 's/.*key \(0x[0-9a-f]*\) handled+drawn in \([0-9.]*\) ms.*/\1 \2/' \
	>"$dir/keys"

# Times of the keys whose codes match the regex $1, sorted.
key_times() { awk -v re="$1" '$1 ~ re { print $2 }' "$dir/keys" | sort -n; }

# One row: what, count, median, p99, max of the times on stdin.
row() {
	sort -n >"$dir/v"
	awk -v what="$1" '{ v[NR] = $1 } END {
		if (NR == 0) { printf "%-22s %5d\n", what, 0; exit }
		p = int(0.99 * NR + 0.999999); if (p > NR) p = NR
		printf "%-22s %5d %8.2f %8.2f %8.2f\n", what, NR,
			v[int((NR + 1) / 2)], v[p], v[NR]
	}' "$dir/v"
}

echo "matrix-latency: $(date -u +%Y-%m-%dT%H:%MZ) $(uname -m)," \
	"$(basename "$TASTE"), 100x30, load $(cut -d' ' -f1-3 /proc/loadavg)"
grep -h 'catalog synthetic:25m' "$log" | head -1 | sed 's/^[^ ]* //'
printf '%-22s %5s %8s %8s %8s\n' keys count median p99 max
key_times '^0x2[bd]$' | row "zoom (+ -)"
key_times '^0x(6[a-c]|68|2001(52|53)|4[8c])$' | row "pan (hjkl PgUp/Dn H L)"
key_times '^0x6d$' | row "shade (m)"
key_times '^0x6f$' | row "order (o: sort, build)"
key_times '^0x20010c$' | row "first show (F4)"
bytes=$(sed -n 's/.*matrix: aggregates hold \([0-9]*\) bytes.*/\1/p' "$log" |
	sort -n | tail -1)
echo "aggregates at most: ${bytes:-?} bytes" \
	"($(awk -v b="${bytes:-0}" 'BEGIN { printf "%.1f", b / 1048576 }') MB)"
echo "taste process (catalogue twice: the screen's and the worker's):" \
	"peak ${hwm:-?}, at the end ${rss:-?}"
exit 0
