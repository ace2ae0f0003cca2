# SPDX-License-Identifier: GPL-3.0-or-later
# Unit tests of the fast paths of a ratings import (interning decimal
# ids, remembered rating texts, plain timestamps, whole blocks fed to
# libcsv): each must give what the general path gives.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_import_fast
TESTS += tests/unit/test_import_fast

tests_unit_test_import_fast_SOURCES = tests/unit/test_import_fast.c
tests_unit_test_import_fast_CFLAGS = $(unit_cflags)
tests_unit_test_import_fast_LDADD = $(unit_ldadd)
endif
