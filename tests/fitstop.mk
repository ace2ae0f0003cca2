# SPDX-License-Identifier: GPL-3.0-or-later
# A stop inside an ALS or iALS epoch (unit), Browse re-sorting after
# many ratings at once (tmux), and the hybrid's reasons (CLI).
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_fit_cancel
TESTS += tests/unit/test_fit_cancel

tests_unit_test_fit_cancel_SOURCES = tests/unit/test_fit_cancel.c \
	tests/unit/model_util.h tests/unit/fixture.h
tests_unit_test_fit_cancel_CFLAGS = $(unit_cflags)
tests_unit_test_fit_cancel_LDADD = $(unit_ldadd)
endif

TESTS += tests/tui/browse-resort.sh
EXTRA_DIST += tests/unit/test_fit_cancel.c tests/tui/browse-resort.sh
TESTS += tests/cli/hybrid_reasons.sh
EXTRA_DIST += tests/cli/hybrid_reasons.sh
