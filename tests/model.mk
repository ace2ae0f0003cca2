# SPDX-License-Identifier: GPL-3.0-or-later
# Model layer tests (M1): registry, top-n, baseline, ALS and implicit ALS,
# the model file, and the handed cases 14, 15 and 19.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_model_core tests/unit/test_model_als
TESTS += tests/unit/test_model_core tests/unit/test_model_als
endif
tests_unit_test_model_core_SOURCES = tests/unit/test_model_core.c \
	tests/unit/model_util.h tests/unit/fixture.h
tests_unit_test_model_core_CFLAGS = $(unit_cflags)
tests_unit_test_model_core_LDADD = $(unit_ldadd)
tests_unit_test_model_als_SOURCES = tests/unit/test_model_als.c \
	tests/unit/model_util.h tests/unit/fixture.h
tests_unit_test_model_als_CFLAGS = $(unit_cflags)
tests_unit_test_model_als_LDADD = $(unit_ldadd)
EXTRA_DIST += tests/fixtures/cases/14-als-tiny-diagonal.csv \
	tests/fixtures/cases/15-already-rated.csv \
	tests/fixtures/cases/19-implicit-vs-explicit.csv
