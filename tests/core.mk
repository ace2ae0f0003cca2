# SPDX-License-Identifier: GPL-3.0-or-later
# Core tests: cmocka tests of the profile journal, the catalogues,
# search, the Browse view, the statistics and the whole-file writer;
# golden-output tests of the command line (tests/cli/core_*.sh against
# tests/golden/*).
if HAVE_CMOCKA
core_unit_tests = tests/unit/test_profile tests/unit/test_catalog \
	tests/unit/test_search tests/unit/test_view tests/unit/test_stats \
	tests/unit/test_safe tests/unit/test_replace
check_PROGRAMS += $(core_unit_tests)
TESTS += $(core_unit_tests)
endif

tests_unit_test_profile_SOURCES = tests/unit/test_profile.c
tests_unit_test_profile_CFLAGS = $(unit_cflags)
tests_unit_test_profile_LDADD = $(unit_ldadd)
tests_unit_test_catalog_SOURCES = tests/unit/test_catalog.c \
	tests/unit/fixture.h
tests_unit_test_catalog_CFLAGS = $(unit_cflags)
tests_unit_test_catalog_LDADD = $(unit_ldadd)
tests_unit_test_search_SOURCES = tests/unit/test_search.c
tests_unit_test_search_CFLAGS = $(unit_cflags)
tests_unit_test_search_LDADD = $(unit_ldadd)
tests_unit_test_view_SOURCES = tests/unit/test_view.c
tests_unit_test_view_CFLAGS = $(unit_cflags)
tests_unit_test_view_LDADD = $(unit_ldadd)
tests_unit_test_stats_SOURCES = tests/unit/test_stats.c
tests_unit_test_stats_CFLAGS = $(unit_cflags)
tests_unit_test_stats_LDADD = $(unit_ldadd)
tests_unit_test_safe_SOURCES = tests/unit/test_safe.c
tests_unit_test_safe_CFLAGS = $(unit_cflags)
tests_unit_test_safe_LDADD = $(unit_ldadd)
tests_unit_test_replace_SOURCES = tests/unit/test_replace.c
tests_unit_test_replace_CFLAGS = $(unit_cflags)
tests_unit_test_replace_LDADD = $(unit_ldadd)

core_cli_tests = tests/cli/core_check.sh tests/cli/core_stats.sh \
	tests/cli/core_rate.sh tests/cli/core_usage.sh \
	tests/cli/core_safety.sh tests/cli/core_journal.sh
TESTS += $(core_cli_tests)
EXTRA_DIST += $(core_cli_tests) tests/cli/core_golden.sh \
	tests/fixtures/tiny-movies/movies.csv \
	tests/fixtures/tiny-movies/ratings.csv \
	tests/fixtures/tiny-movies/tags.csv \
	tests/fixtures/tiny-movies/links.csv \
	tests/fixtures/tiny-books/books.csv \
	tests/fixtures/tiny-books/ratings.csv \
	tests/fixtures/import/dat-genres.dat \
	$(core_brk_files) $(core_golden_files)

# The inputs of a break-it pass (tests/cli/core_safety.sh and check).
core_brk_files = \
	tests/fixtures/brk/catalog-all-ratings-unknown/movies.csv \
	tests/fixtures/brk/catalog-all-ratings-unknown/ratings.csv \
	tests/fixtures/brk/catalog-empty-links/links.csv \
	tests/fixtures/brk/catalog-empty-links/movies.csv \
	tests/fixtures/brk/catalog-only-header/movies.csv \
	tests/fixtures/brk/check-header-escape-sequence.csv \
	tests/fixtures/brk/check-lookalike-escape-sequence.csv \
	tests/fixtures/brk/check-only-header.csv \
	tests/fixtures/brk/check-scale-max-off-step.csv \
	tests/fixtures/brk/journal-offscale-values/movies.journal \
	tests/fixtures/brk/name-collision/books/movies.csv \
	tests/fixtures/brk/name-collision/movies/movies.csv \
	tests/fixtures/brk/title-escape-sequences/movies.csv \
	tests/fixtures/brk/title-escape-sequences/ratings.csv

# Expected outputs of the golden CLI tests.
core_golden_files = \
	tests/golden/check-01-dup-error.err \
	tests/golden/check-01-dup-error.out \
	tests/golden/check-01-dup-first.out \
	tests/golden/check-01-duplicates-json.out \
	tests/golden/check-01-duplicates.out \
	tests/golden/check-01-sep-semicolon.err \
	tests/golden/check-01-sep-semicolon.out \
	tests/golden/check-07-half-stars-json.out \
	tests/golden/check-07-half-stars.out \
	tests/golden/check-07-offstep-reject.out \
	tests/golden/check-07-offstep-round.out \
	tests/golden/check-08-all-rejected.err \
	tests/golden/check-08-all-rejected.out \
	tests/golden/check-08-clamp.out \
	tests/golden/check-08-out-of-range-json.out \
	tests/golden/check-08-out-of-range.out \
	tests/golden/check-08-scale-0-10.out \
	tests/golden/check-09-empty-nan-json.out \
	tests/golden/check-09-empty-nan.out \
	tests/golden/check-10-bom-crlf.out \
	tests/golden/check-23-sep-tab.out \
	tests/golden/check-23-udata-tab-json.out \
	tests/golden/check-23-udata-tab.out \
	tests/golden/check-22-imdb.out \
	tests/golden/check-20-goodreads.out \
	tests/golden/check-23-wrong-sep.err \
	tests/golden/check-23-wrong-sep.out \
	tests/golden/check-dat-sep-hint.err \
	tests/golden/check-dat-sep-hint.out \
	tests/golden/check-sep-unknown.err \
	tests/golden/check-sep-unknown.out \
	tests/golden/check-header-escape.err \
	tests/golden/check-header-escape.out \
	tests/golden/check-lookalike-escape.out \
	tests/golden/check-missing-file.err \
	tests/golden/check-missing-file.out \
	tests/golden/check-only-header.err \
	tests/golden/check-only-header.out \
	tests/golden/help-check.out \
	tests/golden/help-rate.out \
	tests/golden/help-short.out \
	tests/golden/help-stats.out \
	tests/golden/help.out \
	tests/golden/rate-ambiguous.err \
	tests/golden/rate-ambiguous.out \
	tests/golden/rate-bare-title-year.out \
	tests/golden/rate-bare-title.out \
	tests/golden/rate-books-alien.out \
	tests/golden/rate-books-ambiguous.err \
	tests/golden/rate-books-ambiguous.out \
	tests/golden/rate-books-half.err \
	tests/golden/rate-books-half.out \
	tests/golden/rate-books.out \
	tests/golden/rate-clear-again.out \
	tests/golden/rate-clear.out \
	tests/golden/rate-label.out \
	tests/golden/rate-matrix-again.out \
	tests/golden/rate-matrix.out \
	tests/golden/rate-not-a-number.err \
	tests/golden/rate-not-a-number.out \
	tests/golden/rate-off-scale.err \
	tests/golden/rate-off-scale.out \
	tests/golden/rate-off-step.err \
	tests/golden/rate-off-step.out \
	tests/golden/rate-search-ambiguous-clear.err \
	tests/golden/rate-search-ambiguous-clear.out \
	tests/golden/rate-search-ambiguous.err \
	tests/golden/rate-search-ambiguous.out \
	tests/golden/rate-search-none.err \
	tests/golden/rate-search-none.out \
	tests/golden/rate-search-one.out \
	tests/golden/rate-search-punctuation.out \
	tests/golden/rate-unknown-id.err \
	tests/golden/rate-unknown-id.out \
	tests/golden/rate-unknown.err \
	tests/golden/rate-unknown.out \
	tests/golden/stats-books-json.out \
	tests/golden/stats-books.out \
	tests/golden/stats-movies-json.out \
	tests/golden/stats-movies.out \
	tests/golden/stats-tiny-books-json.out \
	tests/golden/stats-tiny-movies.out \
	tests/golden/unknown-command.err \
	tests/golden/unknown-command.out
