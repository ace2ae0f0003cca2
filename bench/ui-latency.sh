#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# ui-latency: key press to redrawn screen, measured by taste itself.
#
#   sh bench/ui-latency.sh [path/to/taste]
#   UI_LATENCY_LOG=FILE keeps every logged key line in FILE.
#
# Starts the real binary with -v in a detached 100x30 tmux session (a
# private socket, a fresh --data-dir), sends a fixed sequence of keys in
# Browse and in Search on the movies and the books catalogues, then
# reads the debug log, where every key has a line "key 0x6a
# handled+drawn in 0.41 ms [Browse]" (from reading the key to the end
# of doupdate), and prints count, median, p99 and max per catalogue and
# pane. Keys are sent one at a time so each is drawn before the next
# arrives (curses skips output while typeahead is pending). The goal
# (BRIEF §9) is 16 ms.
set -eu

TASTE=${1:-${TASTE:-./taste}}
command -v tmux >/dev/null 2>&1 || { echo "ui-latency: needs tmux" >&2; exit 77; }
[ -x "$TASTE" ] || { echo "ui-latency: no binary at $TASTE" >&2; exit 2; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/taste-lat.XXXXXX")
sock="$dir/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$dir"' EXIT
printf '%s\n' 'set -g status off' 'set -g exit-empty off' >"$dir/tmux.conf"

t() { tmux -S "$sock" -f "$dir/tmux.conf" "$@"; }

# Wait (up to 30 s) until the screen shows $1.
wait_for() {
	n=300
	until t capture-pane -t lat -p | grep -qF -- "$1"; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || { echo "ui-latency: no '$1'" >&2; exit 1; }
		sleep 0.1
	done
}

# Send each argument as one key, with a pause for it to be drawn.
keys() {
	for k in "$@"; do
		t send-keys -t lat "$k"
		sleep 0.03
	done
}

# Type a string one character at a time.
type_slowly() {
	s=$1
	while [ -n "$s" ]; do
		rest=${s#?}
		t send-keys -t lat -l -- "${s%"$rest"}"
		sleep 0.03
		s=$rest
	done
}

# The fixed sequence on catalogue $1.
drive() {
	data="$dir/data-$1"
	mkdir -p "$data"
	t kill-session -t lat 2>/dev/null || true
	t new-session -d -s lat -x 100 -y 30 \
		"env LC_ALL=C.UTF-8 '$TASTE' --data-dir '$data' --catalog $1 -v"
	wait_for "sorted by"
	keys j j j j j j j j j j j j j j j j j j j j k k k k k
	keys NPage NPage NPage PPage G g End Home
	keys l l ']' '[' l ']' h h h '['
	keys / ; type_slowly "the"; keys Enter n n n n n N N
	keys '\' ; type_slowly "love"; keys Enter j j j k
	keys '\' C-u Enter
	keys F5; type_slowly "the lord of the rings"
	keys BSpace BSpace BSpace BSpace BSpace
	type_slowly "rings"
	keys Down Down Down Down Up Up 4 x / C-u
	type_slowly "harry potter"
	keys Down j j j k Escape Escape
	keys F2 q
	sleep 0.5
	grep -h 'handled+drawn' "$data"/cache/*.log "$data"/*.log \
		"$data"/*/*.log 2>/dev/null | sed "s/^/$1 /" >>"$dir/keys.log"
}

# Search while the background worker fits the models of a first
# start (a fresh data dir: item-kNN, content, hybrid, ALS): keys are
# logged as catalogue "training" until the worker's last model is in.
drive_training() {
	data="$dir/data-training"
	mkdir -p "$data"
	t kill-session -t lat 2>/dev/null || true
	t new-session -d -s lat -x 100 -y 30 \
		"env LC_ALL=C.UTF-8 '$TASTE' --data-dir '$data' -v"
	wait_for "sorted by"
	keys F5; type_slowly "toy"
	i=0
	while [ $i -lt 40 ]; do keys Down Down Up Up; i=$((i + 1)); done
	keys Escape F2 q
	sleep 0.5
	log=$(ls "$data"/*.log "$data"/cache/*.log 2>/dev/null | head -1)
	# Keys logged before the worker's ALS line, i.e. during training.
	awk '/recs: worker got als/ { exit } /handled\+drawn/' "$log" |
		sed "s/^/training /" >>"$dir/keys.log"
	grep -h 'recs: worker got' "$log" | sed 's/^[^ ]* //' >"$dir/worker"
}

drive movies
drive books
drive_training

[ -n "${UI_LATENCY_LOG:-}" ] && cp "$dir/keys.log" "$UI_LATENCY_LOG"

# First screen: from app start (catalogue and profile loaded) to the
# first screen drawn, as taste logs it.
for cat in movies books; do
	grep -h 'first screen drawn' "$dir/data-$cat"/*.log 2>/dev/null |
		sed "s/.*drawn \([0-9.]*\) ms.*/first screen, $cat: \1 ms/"
done

# Summarise: catalogue, pane, count, median, p99, max (milliseconds).
echo "ui-latency: $(date -u +%Y-%m-%dT%H:%MZ) $(uname -m)," \
	"$(basename "$TASTE"), 100x30"
printf '%-8s %-8s %6s %9s %9s %9s\n' catalog pane keys median p99 max
# (rows "training": movies, keys sent while the worker fitted these)
for cat in movies books training; do
	for pane in Browse Search; do
		grep "^$cat .*\[$pane\]" "$dir/keys.log" |
			sed 's/.* in \([0-9.]*\) ms.*/\1/' | sort -n >"$dir/v" || true
		n=$(wc -l <"$dir/v")
		[ "$n" -gt 0 ] || continue
		awk -v n="$n" -v c="$cat" -v p="$pane" '
			{ v[NR] = $1 }
			END {
				m = v[int((n + 1) / 2)]
				q = int(n * 0.99 + 0.999); if (q < 1) q = 1
				printf "%-8s %-8s %6d %9.2f %9.2f %9.2f\n",
				       c, p, n, m, v[q], v[n]
			}' "$dir/v"
	done
done
[ -s "$dir/worker" ] && { echo "while training, the worker (first start):"
	sed 's/^/  /' "$dir/worker"; }
exit 0
