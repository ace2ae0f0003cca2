# SPDX-License-Identifier: GPL-3.0-or-later
# The Import screen's files: zip archives (src/zipinfo.c), listed with
# a note that they must be unzipped first, and the generic CSV's
# columns chosen in a form (ui/import_csv.c), in tmux.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_zipinfo
TESTS += tests/unit/test_zipinfo
endif
tests_unit_test_zipinfo_SOURCES = tests/unit/test_zipinfo.c \
	tests/unit/fixture.h
tests_unit_test_zipinfo_CFLAGS = $(unit_cflags)
tests_unit_test_zipinfo_LDADD = $(unit_ldadd)

TESTS += tests/tui/import-files.sh tests/tui/import-busy.sh
EXTRA_DIST += tests/tui/import-files.sh tests/tui/import-busy.sh \
	tests/fixtures/zip/letterboxd-export.zip \
	tests/fixtures/zip/photos.zip
