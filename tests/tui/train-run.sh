#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Whole runs in the Train pane at 80x24: ALS for 5 epochs ends with the
# metrics table, the model saved and used by Search, and the monitor of
# the model in use; settings that cannot run are refused with ALS's
# words (λ = 0); the linear regression on the bundled housing data
# reaches the closed form and predicts a price for a typed
# median_income; a learning rate of 5 makes it diverge, which the plot
# marks with '!' and the message says how to fix.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/tui/lib.sh"
tui_init

RUN_S=120

tui_start
tui_wait "sorted by" >/dev/null
tui_tmux resize-window -t taste -x 80 -y 24
tui_keys F3
tui_wait_row "Model" "ALS (explicit" >/dev/null
# epochs: 5 (the fourth setting)
tui_keys Enter Down Down Down Enter C-u
tui_type 5
tui_keys Enter
tui_wait_row "epochs" "epochs *5" >/dev/null
tui_keys t
ok_if "the run ends" tui_wait "■ done" "$RUN_S"
ok_if "after 5 epochs" tui_wait_row "epoch 5/5" "loss 0\.[0-9]"
ok_if "the metrics table has its columns" \
	tui_wait_row "NDCG@10" "RMSE *MAE *P@10 *R@10 *NDCG@10 *cover"
rmse=$(tui_screen | grep -A1 "NDCG@10" | tail -n 1 |
	awk '{ print $NF == "" ? "" : $0 }' | sed 's/.*│ *//' |
	awk '{ print $1 }')
tap_diag "held-out RMSE: $rmse"
ok_if "the held-out RMSE is a plausible figure" \
	awk -v r="$rmse" 'BEGIN { exit !(r > 0.7 && r < 1.1) }'
ok_if "the split is shown" tui_wait_row " train · " \
	"80669 train · 20167 valid"
ok_if "the model is saved and used by Search" \
	tui_wait "Saved, used by Search."
ok_if "the model file is where Search looks" \
	[ -f "$TUI_DATA/models/movies-als.model" ]
ok_if "the monitor shows the model in use" tui_wait_row "in use:" \
	"in use: [0-9]* s old · yours: 0, 0 newer · drift n/a"

# λ = 0 (the second setting): refused before a run, in ALS's words
tui_keys Up Up Enter C-u
tui_type 0
tui_keys Enter
ok_if "λ = 0 is flagged under the form" \
	tui_wait "λ=0 makes the system singular for users with < k"
tui_keys t
ok_if "and t refuses to start" tui_wait_row "λ=0 makes" "λ=0 makes"
ok_if "the finished run stays on screen" tui_wait "■ done"

# Linear regression: the last entry
tui_keys Home Down Down Down Down Down Down Down Down
ok_if "Linear regression is in the list and selected" \
	tui_wait_row " Model " "│ Linear regression"
ok_if "its form names the bundled housing CSV" \
	tui_wait_row "CSV" "housing.csv"
tui_keys t
ok_if "gradient descent runs its 500 epochs" \
	tui_wait "epoch 500/500" "$RUN_S"
ok_if "the closed form agrees" \
	eval "tui_screen | grep -q 'agree to [0-9.]*e-0[4-9]'"
ok_if "the weights are listed beside the closed form's" \
	tui_wait_row "median_income" "median_income *[0-9.]*k *[0-9.]*k"
# predict: the last setting
tui_keys G Enter C-u
tui_type "median_income=8"
tui_keys Enter
ok_if "a typed median_income gives a price by both" \
	tui_wait_row "median_income=8 →" \
	"median_house_value: [0-9.]*k (GD), [0-9.]*k"

# learning rate 5 (the fifth setting) diverges
tui_keys Up Enter C-u
tui_type 5
tui_keys Enter t
ok_if "a learning rate of 5 diverges" tui_wait "■ diverged" "$RUN_S"
ok_if "the message says to lower it" \
	tui_wait "Lower the learning rate (now 5, try 2)."
ok_if "the plot marks the epoch with !" \
	eval "tui_screen | grep '┤' | grep -q '!'"
ok_if "the earlier run is drawn faintly beside it" \
	tui_wait "earlier runs"
tui_keys q
ok_if "q quits" tui_wait_exit
tui_done
