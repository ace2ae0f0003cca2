# SPDX-License-Identifier: GPL-3.0-or-later
# Matrix pane tests: cmocka tests of the block aggregates (blockmap.h)
# and of the synthetic catalogues (synth.h); the tmux test of the pane
# on the bundled movies.
if HAVE_CMOCKA
matrix_unit_tests = tests/unit/test_blockmap
check_PROGRAMS += $(matrix_unit_tests)
TESTS += $(matrix_unit_tests)
endif

tests_unit_test_blockmap_SOURCES = tests/unit/test_blockmap.c
tests_unit_test_blockmap_CFLAGS = $(unit_cflags)
tests_unit_test_blockmap_LDADD = $(unit_ldadd)

TESTS += tests/tui/matrix.sh
EXTRA_DIST += tests/tui/matrix.sh bench/matrix-latency.sh
