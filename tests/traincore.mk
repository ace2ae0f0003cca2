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
	tests/golden/regress-help.out \
	tests/fixtures/regress/wide.csv tests/fixtures/regress/collinear.csv \
	tests/fixtures/regress/tiny.csv tests/fixtures/regress/scale.csv \
	tests/fixtures/regress/hugey.csv \
	tests/fixtures/regress/allmissing.csv \
	tests/golden/regress-wide.out tests/golden/regress-wide.err \
	tests/golden/regress-hugey.out tests/golden/regress-hugey.err \
	tests/golden/regress-collinear.out tests/golden/regress-scale.out \
	tests/golden/regress-tiny.out tests/golden/regress-allmissing.out \
	tests/golden/regress-predict-noname.out \
	tests/golden/regress-predict-noname.err \
	tests/golden/regress-predict-range.out \
	tests/golden/regress-predict-range.err \
	tests/golden/regress-predict-twice.out \
	tests/golden/regress-predict-twice.err
