# SPDX-License-Identifier: GPL-3.0-or-later
# Train pane tests: the core of a training run (tests/unit/test_trainer:
# life cycle, divergence on case 14, checks, form, monitor, the tuning
# grid, the deploy race with the Search worker) and the pane driven
# through tmux (tests/tui/train*.sh).
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_trainer
TESTS += tests/unit/test_trainer
endif
tests_unit_test_trainer_SOURCES = tests/unit/test_trainer.c \
	tests/unit/model_util.h tests/unit/fixture.h
tests_unit_test_trainer_CFLAGS = $(unit_cflags)
tests_unit_test_trainer_LDADD = $(unit_ldadd)

trainpane_tui_tests = tests/tui/train.sh tests/tui/train-run.sh \
	tests/tui/train-grid.sh
TESTS += $(trainpane_tui_tests)
EXTRA_DIST += $(trainpane_tui_tests)
