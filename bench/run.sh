#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run.sh: measure the figures of BRIEF §9 and print bench/RESULTS.md.
# 'make bench' runs it with the environment below and writes the output
# to $(top_srcdir)/bench/RESULTS.md.
#
#   TASTE      the built taste binary
#   BENCH_ALS  the built bench/bench_als (epoch timings, peak memory)
#   ML100K     MovieLens 100k (../shared/data/ml-100k); skipped if absent
#   SRCDIR     the source tree (bench/NOTES.md, bench/peer_numpy.py)
#   BUILDDIR   the build tree (config.h: the BLAS under GSL)
#   PYTHON     the Python with Debian's numpy and scipy (/usr/bin/python3)
#
# The model figures come from 'taste eval --json' (the code people run),
# on the five given ML-100k folds as they are, on the bundled
# ml-latest-small catalogue split 80/20 with seed 1, and on ML-100k's
# u.data split 80/20 with seed 1. Those splits are written out with
# --save-split so the numpy peer is measured on exactly the same rows.
# Epoch times and peak memory come from bench_als (one process per
# figure, so ru_maxrss is that figure's peak). Nothing measured here is
# written anywhere but a temporary directory and stdout.
set -u

: "${TASTE:?set TASTE to the taste binary}"
: "${SRCDIR:=$(dirname "$0")/..}"
: "${BUILDDIR:=.}"
: "${ML100K:=$SRCDIR/../shared/data/ml-100k}"
SRCDIR=$(cd "$SRCDIR" && pwd)
ML100K=$(cd "$ML100K" 2>/dev/null && pwd || echo "$ML100K")
# Shown relative to the source tree's parent: no machine path in RESULTS.
top_parent=$(cd "$SRCDIR/.." && pwd)
case $ML100K in
"$top_parent"/*) ml100k_shown="../${ML100K#"$top_parent"/}" ;;
*) ml100k_shown=$(basename "$ML100K") ;;
esac
: "${PYTHON:=/usr/bin/python3}"
BENCH_ALS=${BENCH_ALS:-}
SEED=1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/taste-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C
export LC_ALL

# ---- helpers ---------------------------------------------------------

# Progress on stderr, so the report stays clean.
say() { echo "bench: $*" >&2; }

# jget FILE MODEL KEY: a member of MODEL's object in taste eval --json
# output (the mean over runs; the folds array is cut off first).
jget() {
	grep "^{\"model\": \"$2\"" "$1" | sed 's/, "folds".*//' |
		sed -n "s/.*\"$3\": \([^,}]*\).*/\1/p"
}

# kv FILE KEY: the value of KEY=value in bench_als output (last one).
kv() { tr ' ' '\n' <"$1" | grep "^$2=" | tail -1 | cut -d= -f2; }

# pv FILE NAME [FIELD]: field (default 2) of the peer's "name v..." line.
pv() { awk -v n="$2" -v f="${3:-2}" '$1 == n { print $f }' "$1"; }

# fmt N DIGITS: a number with DIGITS decimals, or "n/a".
fmt() {
	case $1 in
	''|null) echo "n/a" ;;
	*) awk -v v="$1" -v d="$2" 'BEGIN { printf "%.*f\n", d, v }' ;;
	esac
}

# verdict VALUE GOAL le|ge UNIT: "met" or "short by X (Y %)".
verdict() {
	case $1 in ''|null|n/a) echo "not measured"; return ;; esac
	awk -v v="$1" -v g="$2" -v op="$3" -v u="$4" 'BEGIN {
		ok = (op == "le") ? v <= g : v >= g
		d = (op == "le") ? v - g : g - v
		if (ok) print "met"
		else printf "short by %.4g%s (%.1f %%)\n", d, u, 100 * d / g
	}'
}

# best FILE KEY min|max MODELS...: "model value" with the best value.
best() {
	f=$1 key=$2 dir=$3
	shift 3
	for m in "$@"; do
		v=$(jget "$f" "$m" "$key")
		[ -n "$v" ] && [ "$v" != null ] && echo "$m $v"
	done | sort -k2,2g | if [ "$dir" = min ]; then head -1; else
		tail -1; fi
}

MODELS="baseline user-knn item-knn als ials content hybrid"

# label KEY: a column heading for a JSON key.
label() {
	case $1 in
	rmse) echo RMSE ;; mae) echo MAE ;;
	precision_at_k) echo P@10 ;; recall_at_k) echo R@10 ;;
	ndcg_at_k) echo NDCG@10 ;; map_at_k) echo MAP@10 ;;
	hit_rate) echo "hit rate" ;; fit_seconds) echo "fit s" ;;
	epoch_seconds) echo "epoch s" ;; *) echo "$1" ;;
	esac
}

# models_table FILE COLUMNS...: one row per model; a column is KEY or
# KEY:std (shown as mean ± std).
models_table() {
	f=$1
	shift
	printf '| model |'
	for c in "$@"; do printf ' %s |' "$(label "${c%:std}")"; done
	printf '\n|---|'
	for c in "$@"; do printf -- '---|'; done
	printf '\n'
	for m in $MODELS; do
		grep -q "^{\"model\": \"$m\"" "$f" || continue
		printf '| %s |' "$m"
		for c in "$@"; do
			key=${c%:std}
			v=$(fmt "$(jget "$f" "$m" "$key")" 4)
			if [ "$key" != "$c" ]; then
				s=$(fmt "$(jget "$f" "$m" "${key}_std")" 4)
				v="$v ± $s"
			fi
			printf ' %s |' "$v"
		done
		printf '\n'
	done
}

# ---- measurements ----------------------------------------------------

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
have_ml100k=no
[ -f "$ML100K/u.data" ] && [ -f "$ML100K/u5.test" ] && have_ml100k=yes
have_peer=no
if "$PYTHON" -c 'import numpy, scipy' 2>/dev/null; then
	have_peer=yes
fi
# One BLAS thread: numpy's tiny per-row products only get slower with
# two (measured: 70 ms against 290 ms per epoch on ML-100k).
peer() { OPENBLAS_NUM_THREADS=1 "$PYTHON" "$SRCDIR/bench/peer_numpy.py" \
	"$@"; }

if [ $have_ml100k = yes ]; then
	say "ML-100k u1-u5, every model"
	set --
	for f in 1 2 3 4 5; do
		set -- "$@" --train "$ML100K/u$f.base" --test "$ML100K/u$f.test"
	done
	"$TASTE" --data-dir "$tmp/data" eval "$@" --json >"$tmp/folds.json" \
		2>"$tmp/folds.err" || say "folds: eval failed"
	say "ML-100k 80/20 seed $SEED, every model"
	"$TASTE" --data-dir "$tmp/data" eval --ratings "$ML100K/u.data" \
		--seed $SEED --test-fraction 0.2 --k 10 --json \
		--save-split "$tmp/split100k" >"$tmp/rank.json" \
		2>"$tmp/rank.err" || say "ranking: eval failed"
fi
say "ml-latest-small 80/20 seed $SEED, every model"
"$TASTE" --data-dir "$tmp/data" eval --catalog movies --seed $SEED \
	--test-fraction 0.2 --json --save-split "$tmp/splitmls" \
	>"$tmp/mls.json" 2>"$tmp/mls.err" || say "ml-latest-small: eval failed"

if [ -n "$BENCH_ALS" ] && [ -x "$BENCH_ALS" ]; then
	if [ $have_ml100k = yes ]; then
		say "ALS epoch, k = 32, 2 threads, ML-100k"
		"$BENCH_ALS" --k 32 --threads 2 epoch "$ML100K" \
			>"$tmp/epoch100k" 2>&1
	fi
	say "ALS epoch, k = 32, 2 threads, 25 M synthetic ratings"
	"$BENCH_ALS" --k 32 --threads 2 --epochs 3 synth >"$tmp/synth" 2>&1
fi

if [ $have_peer = yes ]; then
	if [ $have_ml100k = yes ]; then
		say "peer: ML-100k u1-u5"
		peer folds "$ML100K" >"$tmp/peer_folds" 2>&1
		say "peer: ML-100k 80/20"
		peer split "$tmp/split100k/train-1.csv" \
			"$tmp/split100k/test-1.csv" >"$tmp/peer_rank" 2>&1
		say "peer: ALS epoch, k = 32, ML-100k"
		peer epoch "$ML100K/u.data" 32 >"$tmp/peer_epoch" 2>&1
	fi
	say "peer: ml-latest-small 80/20"
	peer split "$tmp/splitmls/train-1.csv" "$tmp/splitmls/test-1.csv" \
		>"$tmp/peer_mls" 2>&1
	say "peer: ALS epoch, k = 32, 25 M synthetic ratings"
	peer synth 32 >"$tmp/peer_synth" 2>&1
fi
touch "$tmp/folds.json" "$tmp/rank.json" "$tmp/mls.json" \
	"$tmp/epoch100k" "$tmp/synth" "$tmp/peer_folds" "$tmp/peer_rank" \
	"$tmp/peer_epoch" "$tmp/peer_mls" "$tmp/peer_synth"

load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)

# ---- the figures -----------------------------------------------------

als_folds=$(jget "$tmp/folds.json" als rmse)
als_folds_std=$(jget "$tmp/folds.json" als rmse_std)
set -- $(best "$tmp/folds.json" rmse min $MODELS)
best_folds_model=${1:-n/a} best_folds=${2:-}
als_mls=$(jget "$tmp/mls.json" als rmse)
set -- $(best "$tmp/rank.json" precision_at_k max $MODELS)
best_rank_model=${1:-n/a} best_rank=${2:-}
# The best ranker again on seeds 2-5: one split's P@10 moves by about
# 0.01 with the seed, more than the margins that matter here.
rank_seeds=""
if [ $have_ml100k = yes ] && [ "$best_rank_model" != n/a ]; then
	say "ML-100k 80/20, $best_rank_model, seeds 2-5"
	rank_seeds=$best_rank
	for s in 2 3 4 5; do
		"$TASTE" --data-dir "$tmp/data" eval --ratings \
			"$ML100K/u.data" --seed $s --test-fraction 0.2 \
			--k 10 --json --model "$best_rank_model" \
			>"$tmp/seed$s.json" 2>/dev/null
		rank_seeds="$rank_seeds $(jget "$tmp/seed$s.json" \
			"$best_rank_model" precision_at_k)"
	done
fi
rank_mean=$(echo $rank_seeds | awk '{ for (i = 1; i <= NF; i++) s += $i
	if (NF) printf "%.4f\n", s / NF }')
epoch100k=$(kv "$tmp/epoch100k" epoch_ms)
best100k=$(kv "$tmp/epoch100k" best_epoch_ms)
cpu100k=$(kv "$tmp/epoch100k" cpu_ms_per_epoch)
synth_ms=$(kv "$tmp/synth" epoch_ms)
synth_best=$(awk -v v="$(kv "$tmp/synth" best_epoch_ms)" 'BEGIN {
	if (v != "") print v / 1000 }')
synth_s=$(awk -v v="$synth_ms" 'BEGIN { if (v != "") print v / 1000 }')
synth_mb=$(kv "$tmp/synth" peak_mb)
synth_cpu=$(awk -v v="$(kv "$tmp/synth" cpu_ms_per_epoch)" 'BEGIN {
	if (v != "") print v / 1000 }')
synth_matrix=$(kv "$tmp/synth" matrix_mb)
synth_n=$(kv "$tmp/synth" ratings)
synth_rss=$(kv "$tmp/synth" rss_mb)
# Resident with the model fitted and the matrix loaded (the figure of
# BRIEF §9), and the peak, which also counts the generator's triplets.
per_rating=$(awk -v mb="$synth_rss" -v n="$synth_n" 'BEGIN {
	if (mb != "" && n > 0) printf "%.1f\n", mb * 1048576 / n }')
peak_per_rating=$(awk -v mb="$synth_mb" -v n="$synth_n" 'BEGIN {
	if (mb != "" && n > 0) printf "%.1f\n", mb * 1048576 / n }')
matrix_per_rating=$(awk -v mb="$synth_matrix" -v n="$synth_n" 'BEGIN {
	if (mb != "" && n > 0) printf "%.1f\n", mb * 1048576 / n }')

peer_folds=$(pv "$tmp/peer_folds" folds_als_rmse)
peer_folds_std=$(pv "$tmp/peer_folds" folds_als_rmse 3)
peer_knn_folds=$(pv "$tmp/peer_folds" folds_knn_rmse)
peer_mls=$(pv "$tmp/peer_mls" split_als_rmse)
peer_knn_p10=$(pv "$tmp/peer_rank" split_knn_p10)
peer_pop_p10=$(pv "$tmp/peer_rank" split_pop_p10)
peer_epoch=$(pv "$tmp/peer_epoch" epoch_ms)
peer_synth=$(pv "$tmp/peer_synth" synth_epoch_s)

peer_cell() {
	[ $have_peer = yes ] || { echo "not run: no python3-numpy/scipy"; return; }
	echo "$1"
}
# t100k TEXT: a cell of an ML-100k row, or why it is empty.
t100k() {
	if [ $have_ml100k = yes ]; then echo "$1"; else
		echo "skipped: no ML-100k"; fi
}
if [ $have_ml100k = yes ]; then skip100k=""; else
	skip100k=" (skipped: no ML-100k at $ML100K)"; fi

# ---- the report ------------------------------------------------------

blas=$(sed -n 's/^#define TASTE_BLAS "\(.*\)"/\1/p' "$BUILDDIR/config.h" \
	2>/dev/null)
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null |
	head -1)
rev=$(git -C "$SRCDIR" rev-parse --short HEAD 2>/dev/null || echo "n/a")
dirty=$(git -C "$SRCDIR" status --porcelain 2>/dev/null | head -1)
[ -n "$dirty" ] && rev="$rev (with uncommitted changes)"

cat <<EOF
# taste benchmarks

Written by \`make bench\` (bench/run.sh); do not edit by hand: the
analysis lives in bench/NOTES.md and is copied in at the end.

- command: \`make bench\` in the build tree (bench/run.sh, seed $SEED)
- date: $(date -u '+%Y-%m-%d %H:%M UTC')
- machine: $(nproc) cores (nproc), ${cpu:-unknown CPU}, $(uname -sr);
  load average ${load_before:-n/a} before, ${load_after:-n/a} after (other
  work on the machine inflates wall times; CPU time per epoch, summed
  over threads, is given beside them)
- BLAS under GSL: ${blas:-unknown}
- source: $($TASTE --version 2>/dev/null | head -1), git $rev
- data: MovieLens 100k from \`$ml100k_shown\`$skip100k; ml-latest-small is
  the bundled \`movies\` catalogue
- peer: bench/peer_numpy.py on Debian's numpy/scipy, on the same folds
  and the same saved splits, OPENBLAS_NUM_THREADS=1$( [ $have_peer = yes ] ||
	echo " (not run: $PYTHON lacks numpy or scipy)")

## BRIEF §9, side by side

| what | goal | taste | peer here | reference (BRIEF §9) | verdict |
|---|---|---|---|---|---|
| ML-100k u1–u5 mean RMSE, ALS+biases | ≤ 0.915 | $(t100k "$(fmt "$als_folds" 4) ± $(fmt "$als_folds_std" 4)") | $(peer_cell "$(fmt "$peer_folds" 4) ± $(fmt "$peer_folds_std" 4)") | tuned numpy ALS+biases 0.9165 | $(verdict "$als_folds" 0.915 le "") |
| ML-100k u1–u5 mean RMSE, best model | ≤ 0.905 | $(t100k "$best_folds_model $(fmt "$best_folds" 4)") | $(peer_cell "item-kNN $(fmt "$peer_knn_folds" 4)") | Surprise SVD 0.934, SVD++ 0.919 (random 5-fold, published) | $(verdict "$best_folds" 0.905 le "") |
| ml-latest-small 80/20 RMSE, ALS+biases | ≤ 0.850 | $(fmt "$als_mls" 4) | $(peer_cell "$(fmt "$peer_mls" 4)") | numpy ALS 0.850, LIBMF 0.875 | $(verdict "$als_mls" 0.850 le "") |
| ML-100k 80/20 P@10 (rel ≥ 4), best ranking model | ≥ 0.27 | $(t100k "$best_rank_model $(fmt "$best_rank" 4); seeds 1–5: mean $(fmt "$rank_mean" 4)") | $(peer_cell "item-kNN $(fmt "$peer_knn_p10" 4), popularity $(fmt "$peer_pop_p10" 4)") | iALS 0.267, EASE 0.265, item-kNN 0.227, popularity 0.139 | $(verdict "$best_rank" 0.27 ge "") |
| one ALS epoch, k = 32, ML-100k, 2 threads | ≤ 15 ms | $(t100k "$(fmt "$epoch100k" 2) ms (best $(fmt "$best100k" 2), CPU over both threads $(fmt "$cpu100k" 2))") | $(peer_cell "$(fmt "$peer_epoch" 1) ms") | numpy 73 ms; floor ≈ 7 ms | $(verdict "$epoch100k" 15 le " ms") |
| one ALS epoch, k = 32, 25 M synthetic, 2 threads | ≤ 2 s | $(fmt "$synth_s" 2) s (best $(fmt "$synth_best" 2), CPU over both threads $(fmt "$synth_cpu" 2)), peak $(fmt "$synth_mb" 0) MB | $(peer_cell "$(fmt "$peer_synth" 2) s (1 BLAS thread)") | numpy 13.7 s; LIBMF SGD 0.31 s/iter; floor ≈ 1 s | $(verdict "$synth_s" 2 le " s") |
| memory per rating, k = 32 model fitted (25 M set) | ≤ 64 B | $(fmt "$per_rating" 1) B resident / ratings with the model and matrix loaded (the matrix alone $(fmt "$matrix_per_rating" 1) B); peak while generating $(fmt "$peak_per_rating" 1) B | | | $(verdict "$per_rating" 64 le " B") |

## MovieLens 100k, the given folds u1–u5 (mean ± std over folds)

EOF
if [ $have_ml100k = yes ]; then
	models_table "$tmp/folds.json" rmse:std mae:std \
		precision_at_k recall_at_k ndcg_at_k coverage fit_seconds \
		epoch_seconds
	echo
	echo "Cold test pairs (item or user without training ratings,"
	echo "skipped, over the 5 folds): $(jget "$tmp/folds.json" als \
		cold_pairs) of $(jget "$tmp/folds.json" als test_pairs)."
else
	echo "Skipped: no ML-100k at \`$ML100K\`."
fi
cat <<EOF

## ml-latest-small (the bundled movies), seeded 80/20

EOF
models_table "$tmp/mls.json" rmse mae precision_at_k recall_at_k \
	ndcg_at_k map_at_k hit_rate coverage diversity fit_seconds
cat <<EOF

## MovieLens 100k u.data, seeded 80/20: ranking

Relevant: test rating ≥ 4; every item the user has not rated in
training is ranked (never a sample); users with a relevant test item.

EOF
if [ $have_ml100k = yes ]; then
	models_table "$tmp/rank.json" precision_at_k recall_at_k ndcg_at_k \
		map_at_k hit_rate coverage diversity rmse fit_seconds
else
	echo "Skipped: no ML-100k at \`$ML100K\`."
fi
cat <<EOF

## The screen: first screen and key press to redrawn screen

Goals: the first screen on the bundled movies in under a second; every
key press in Browse and Search redrawn within 16 ms with 10,000 items
(the books catalogue). Measured by bench/ui-latency.sh: the real binary
in a 100×30 tmux session with -v, a fixed sequence of moves, sorts,
filters, finds, typed searches and a rating; taste logs each key's time
from reading it to the end of doupdate(), and the time from start-up to
the first screen drawn (catalogue and profile loaded).

\`\`\`
$(sh "$SRCDIR/bench/ui-latency.sh" "$TASTE" 2>&1 ||
	echo "(not run: ui-latency.sh failed or tmux is missing)")
\`\`\`

## The Train pane while ALS trains on 25 M synthetic ratings

Goal (issue 4): while ALS trains on the 25 M synthetic catalogue, a key
press is still redrawn within 16 ms. Measured by bench/train-latency.sh:
the real binary in a 100×30 tmux session with -v on \`--catalog
synthetic\`; F3, t starts ALS (k = 32, 2 threads), and once its first
epoch is in, 60 moves in the model list, one every 0.15 s; each key's
time from reading it to the end of doupdate(). The Search worker fits
its own models on its copy meanwhile, as on a first start.

\`\`\`
$(sh "$SRCDIR/bench/train-latency.sh" "$TASTE" 2>&1 ||
	echo "(not run: train-latency.sh failed or tmux is missing)")
\`\`\`

## The Matrix pane on 25 M synthetic ratings

Goal (issue 5): zoom and pan in the Matrix pane redrawn within 16 ms on
the 25 M synthetic catalogue (\`--catalog synthetic\`, src/synth.h), its
block aggregates in bounded memory. Measured by bench/matrix-latency.sh:
the real binary in a 100×30 tmux session with -v; once the catalogue is
generated (twice: the screen's and the Search worker's), F4, then zooms
to single cells and back, pans, an order change and mean shading; each
key's time from reading it to the end of doupdate(). The first show and
an order change build the aggregates of the level shown from the
ratings; every other level is summed from those or tiled.

\`\`\`
$(sh "$SRCDIR/bench/matrix-latency.sh" "$TASTE" 2>&1 ||
	echo "(not run: matrix-latency.sh failed or tmux is missing)")
\`\`\`

## CSV import and the binary catalogue cache

Goals (BRIEF §9): CSV import at 120 MB/s or more per core with libcsv,
and a warm start of ml-latest-small from the binary cache in 50 ms or
less. Measured by bench/import-speed.sh: \`taste check\` (the whole
ratings load: libcsv, id interning, number parsing, duplicates) of a
ratings file generated in the MovieLens 25M form, and the catalogue
load time that -v logs for the bundled movies read from the cache.

\`\`\`
$(sh "$SRCDIR/bench/import-speed.sh" "$TASTE" ||
	echo "(not run: import-speed.sh failed)")
\`\`\`

## Raw output

bench_als, ML-100k epoch (k = 32, 2 threads):

\`\`\`
$(cat "$tmp/epoch100k")
\`\`\`

bench_als, 25 M synthetic ratings (k = 32, 2 threads, 3 epochs):

\`\`\`
$(cat "$tmp/synth")
\`\`\`

peer_numpy.py (folds, ML-100k 80/20, epoch, ml-latest-small 80/20,
25 M synthetic):

\`\`\`
$(cat "$tmp/peer_folds" "$tmp/peer_rank" "$tmp/peer_epoch" "$tmp/peer_mls" \
	"$tmp/peer_synth")
\`\`\`
EOF
if [ -f "$SRCDIR/bench/NOTES.md" ]; then
	echo
	cat "$SRCDIR/bench/NOTES.md"
fi
