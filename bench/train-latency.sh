#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# train-latency: key press to redrawn screen in the Train pane while ALS
# trains on the 25 M synthetic catalogue (issue 4: within 16 ms).
#
#   sh bench/train-latency.sh [path/to/taste]
#
# Starts the real binary with -v in a detached 100x30 tmux session (a
# private socket, a fresh --data-dir) on --catalog synthetic, waits for
# the catalogue to be generated, starts an ALS run (k = 32, 2 threads,
# the pane's defaults) with t, waits for its first epoch, then sends 60
# moves in the model list, one every 0.15 s, stops the run with ^C and
# quits. The Search worker fits its own models on its copy at the same
# time, as on any first start. Prints count, median, p99 and max of the
# keys taste logged while the run went ("key ... handled+drawn in N ms
# [Train]", from reading the key to the end of doupdate), and the
# epochs the run logged.
set -eu

TASTE=${1:-${TASTE:-./taste}}
command -v tmux >/dev/null 2>&1 || { echo "train-latency: needs tmux" >&2; exit 77; }
[ -x "$TASTE" ] || { echo "train-latency: no binary at $TASTE" >&2; exit 2; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/taste-trl.XXXXXX")
sock="$dir/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$dir"' EXIT
printf '%s\n' 'set -g status off' 'set -g exit-empty off' >"$dir/tmux.conf"

t() { tmux -S "$sock" -f "$dir/tmux.conf" "$@"; }

# Wait (up to $2 s, default 120) until the screen shows $1.
wait_for() {
	n=$(( ${2:-120} * 10 ))
	until t capture-pane -t trl -p | grep -qF -- "$1"; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || { echo "train-latency: no '$1'" >&2; exit 1; }
		sleep 0.1
	done
}

mkdir -p "$dir/data"
t new-session -d -s trl -x 100 -y 30 \
	"env LC_ALL=C.UTF-8 '$TASTE' --data-dir '$dir/data' --catalog synthetic -v"
wait_for "sorted by" 300
t send-keys -t trl F3
wait_for "ALS (explicit"
t send-keys -t trl t
wait_for "epoch 1/" 300
i=0
while [ $i -lt 30 ]; do
	t send-keys -t trl Down; sleep 0.15
	t send-keys -t trl Up; sleep 0.15
	i=$((i + 1))
done
t send-keys -t trl C-c
sleep 1
t send-keys -t trl q
sleep 3
log=$(ls "$dir"/data/*.log "$dir"/data/cache/*.log 2>/dev/null | head -1)
grep -h 'handled+drawn' "$log" | grep '\[Train\]' |
	sed 's/.* in \([0-9.]*\) ms.*/\1/' | sort -n >"$dir/v" || true
echo "train-latency: $(date -u +%Y-%m-%dT%H:%MZ) $(uname -m)," \
	"$(basename "$TASTE"), 100x30, --catalog synthetic (25 M ratings)," \
	"load $(cut -d' ' -f1-3 /proc/loadavg)"
awk '{ v[NR] = $1 }
	END {
		n = NR; if (n == 0) { print "no keys logged"; exit }
		q = int(n * 0.99 + 0.999)
		printf "Train pane keys while ALS trains: %d, median %.2f ms, " \
		       "p99 %.2f ms, max %.2f ms\n", n, v[int((n + 1) / 2)],
		       v[q], v[n]
	}' "$dir/v"
grep -h 'train\|epoch' "$log" | grep -v handled | sed 's/^[^ ]* /  /' |
	head -20
exit 0
