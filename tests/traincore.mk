# SPDX-License-Identifier: GPL-3.0-or-later
# Train core tests (issue 4): plot rendering into cell grids, linear
# regression (unit and golden CLI), and the tuning grid.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_plot tests/unit/test_regress \
	tests/unit/test_tune
TESTS += tests/unit/test_plot tests/unit/test_regress tests/unit/test_tune
endif
tests_unit_test_plot_SOURCES = tests/unit/test_plot.c
tests_unit_test_plot_CFLAGS = $(unit_cflags)
tests_unit_test_plot_LDADD = $(unit_ldadd)
tests_unit_test_regress_SOURCES = tests/unit/test_regress.c \
	tests/unit/fixture.h
tests_unit_test_regress_CFLAGS = $(unit_cflags)
tests_unit_test_regress_LDADD = $(unit_ldadd)
tests_unit_test_tune_SOURCES = tests/unit/test_tune.c tests/unit/fixture.h
tests_unit_test_tune_CFLAGS = $(unit_cflags)
tests_unit_test_tune_LDADD = $(unit_ldadd)

traincore_cli_tests = tests/cli/regress.sh tests/cli/tune.sh
TESTS += $(traincore_cli_tests)
EXTRA_DIST += $(traincore_cli_tests) \
	tests/fixtures/regress/exact.csv \
	tests/fixtures/regress/constant.csv \
	tests/golden/regress-exact.out \
	tests/golden/regress-exact-json.out \
	tests/golden/regress-diverge.out tests/golden/regress-diverge.err \
	tests/golden/regress-no-column.out \
	tests/golden/regress-no-column.err \
	tests/golden/regress-bad-predict.out \
	tests/golden/regress-bad-predict.err \
	tests/golden/regress-help.out
