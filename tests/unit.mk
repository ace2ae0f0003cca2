# SPDX-License-Identifier: GPL-3.0-or-later
# Unit tests (cmocka) of the core foundation: util, log and json,
# text, intern, scale, csvread, matrix, and the ratings importer on
# the bad-input cases.
if HAVE_CMOCKA
unit_tests = \
	tests/unit/test_util \
	tests/unit/test_text \
	tests/unit/test_intern \
	tests/unit/test_scale \
	tests/unit/test_csvread \
	tests/unit/test_matrix \
	tests/unit/test_ratings_cases
check_PROGRAMS += $(unit_tests)
TESTS += $(unit_tests)

tests_unit_test_util_SOURCES = tests/unit/test_util.c
tests_unit_test_util_CFLAGS = $(unit_cflags)
tests_unit_test_util_LDADD = $(unit_ldadd)

tests_unit_test_text_SOURCES = tests/unit/test_text.c tests/unit/fixture.h
tests_unit_test_text_CFLAGS = $(unit_cflags)
tests_unit_test_text_LDADD = $(unit_ldadd)

tests_unit_test_intern_SOURCES = tests/unit/test_intern.c
tests_unit_test_intern_CFLAGS = $(unit_cflags)
tests_unit_test_intern_LDADD = $(unit_ldadd)

tests_unit_test_scale_SOURCES = tests/unit/test_scale.c
tests_unit_test_scale_CFLAGS = $(unit_cflags)
tests_unit_test_scale_LDADD = $(unit_ldadd)

tests_unit_test_csvread_SOURCES = tests/unit/test_csvread.c \
	tests/unit/fixture.h
tests_unit_test_csvread_CFLAGS = $(unit_cflags)
tests_unit_test_csvread_LDADD = $(unit_ldadd)

tests_unit_test_matrix_SOURCES = tests/unit/test_matrix.c
tests_unit_test_matrix_CFLAGS = $(unit_cflags)
tests_unit_test_matrix_LDADD = $(unit_ldadd)

tests_unit_test_ratings_cases_SOURCES = tests/unit/test_ratings_cases.c \
	tests/unit/fixture.h
tests_unit_test_ratings_cases_CFLAGS = $(unit_cflags)
tests_unit_test_ratings_cases_LDADD = $(unit_ldadd)
endif

# Fixtures: the handed bad-input cases (same names as in the shared
# cases directory) and small files of our own.
EXTRA_DIST += \
	tests/fixtures/cases/01-duplicate-user-item.csv \
	tests/fixtures/cases/04-nonnumeric-ids.csv \
	tests/fixtures/cases/05-huge-ids.csv \
	tests/fixtures/cases/06-sparse-ids.csv \
	tests/fixtures/cases/07-half-stars.csv \
	tests/fixtures/cases/08-out-of-range.csv \
	tests/fixtures/cases/09-empty-nan-fields.csv \
	tests/fixtures/cases/10-bom-crlf.csv \
	tests/fixtures/cases/10b-cr-only-and-no-final-newline.csv \
	tests/fixtures/cases/13-latin1-uitem.csv \
	tests/fixtures/cases/17-leakage.csv \
	tests/fixtures/cases/23-udata-tab-separated.csv \
	tests/fixtures/csv/bad-ts.csv \
	tests/fixtures/csv/comma-titles.csv \
	tests/fixtures/csv/empty.csv \
	tests/fixtures/csv/goodbooks.csv \
	tests/fixtures/csv/header-only.csv \
	tests/fixtures/csv/movies.dat \
	tests/fixtures/csv/no-rating.csv \
	tests/fixtures/csv/onecol.csv \
	tests/fixtures/csv/quoted.csv \
	tests/fixtures/csv/ratings.dat \
	tests/fixtures/csv/semicolon.csv \
	tests/fixtures/csv/tab-spaces.tsv \
	tests/fixtures/csv/utf16be.csv \
	tests/fixtures/csv/utf16le-nobom.csv \
	tests/fixtures/csv/utf16le.csv \
	tests/fixtures/csv/nul-bytes.csv \
	tests/fixtures/csv/unterminated-quote.csv \
	tests/fixtures/csv/malformed-quote.csv \
	tests/fixtures/csv/unterminated-after-multiline.csv \
	tests/fixtures/csv/unterminated-later-field.csv \
	tests/fixtures/csv/quote-closes-rows-later.csv \
	tests/fixtures/csv/mixed-utf8-latin1.csv \
	tests/fixtures/csv/utf32le.csv \
	tests/fixtures/csv/utf32be.csv \
	tests/fixtures/csv/utf32le-nobom.csv
