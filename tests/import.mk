# SPDX-License-Identifier: GPL-3.0-or-later
# Import tests: cmocka tests of the importers, matching and dataset
# layouts (tests/unit/test_import.c); golden reports of taste import and
# export on the made-up fixtures (tests/cli/import_golden.sh).
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_import
TESTS += tests/unit/test_import
endif
tests_unit_test_import_SOURCES = tests/unit/test_import.c \
	tests/unit/fixture.h
tests_unit_test_import_CFLAGS = $(unit_cflags)
tests_unit_test_import_LDADD = $(unit_ldadd)

# Your shelves, tags and genres (src/usertags.c).
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_usertags
TESTS += tests/unit/test_usertags
endif
tests_unit_test_usertags_SOURCES = tests/unit/test_usertags.c
tests_unit_test_usertags_CFLAGS = $(unit_cflags)
tests_unit_test_usertags_LDADD = $(unit_ldadd)

# The report's hints for the Import screen (import_opts.screen).
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_import_screen
TESTS += tests/unit/test_import_screen
endif
tests_unit_test_import_screen_SOURCES = tests/unit/test_import_screen.c \
	tests/unit/fixture.h
tests_unit_test_import_screen_CFLAGS = $(unit_cflags)
tests_unit_test_import_screen_LDADD = $(unit_ldadd)

# The binary catalogue cache (src/catalog_cache.c).
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_catalog_cache
TESTS += tests/unit/test_catalog_cache
endif
tests_unit_test_catalog_cache_SOURCES = tests/unit/test_catalog_cache.c \
	tests/unit/fixture.h
tests_unit_test_catalog_cache_CFLAGS = $(unit_cflags)
tests_unit_test_catalog_cache_LDADD = $(unit_ldadd)

TESTS += tests/cli/import_golden.sh
# taste import goodbooks DIR: attached to the bundled books.
TESTS += tests/cli/import_goodbooks.sh
# The Import screen in tmux (tests/tui/lib.sh).
TESTS += tests/tui/import.sh
EXTRA_DIST += tests/cli/import_golden.sh tests/tui/import.sh \
	tests/cli/import_goodbooks.sh \
	$(import_fixture_files) \
	$(import_golden_files)

import_fixture_files = \
	tests/fixtures/cases/20-goodreads-export.csv \
	tests/fixtures/cases/22-imdb-ratings.csv \
	tests/fixtures/import/generic.csv \
	tests/fixtures/import/goodreads.csv \
	tests/fixtures/import/goodreads-1965.csv \
	tests/fixtures/import/goodreads-isbn.csv \
	tests/fixtures/import/imdb-dates.csv \
	tests/fixtures/import/imdb-watchlist.csv \
	tests/fixtures/import/taste-clears.csv \
	tests/fixtures/import/taste-old.csv \
	tests/fixtures/import/taste-scales.csv \
	tests/fixtures/import/books-isbn/books.csv \
	tests/fixtures/import/imdb-13.csv \
	tests/fixtures/import/imdb-14.csv \
	tests/fixtures/import/imdb-de.csv \
	tests/fixtures/import/letterboxd-export.zip \
	tests/fixtures/import/letterboxd-lists/watchlist-2024.csv \
	tests/fixtures/import/letterboxd/diary.csv \
	tests/fixtures/import/letterboxd/ratings.csv \
	tests/fixtures/import/letterboxd/reviews.csv \
	tests/fixtures/import/titles/letterboxd.csv \
	tests/fixtures/import/titles/movies.csv \
	tests/fixtures/import/titles-books/books.csv \
	tests/fixtures/import/titles-books/goodreads.csv \
	tests/fixtures/import/letterboxd/watched.csv \
	tests/fixtures/import/letterboxd/watchlist.csv \
	tests/fixtures/import/books/book_tags.csv \
	tests/fixtures/import/books/books.csv \
	tests/fixtures/import/books/ratings.csv \
	tests/fixtures/import/books/tags.csv \
	tests/fixtures/import/goodbooks-full/book_tags.csv \
	tests/fixtures/import/goodbooks-full/ratings.csv \
	tests/fixtures/import/goodbooks-full/tags.csv \
	tests/fixtures/import/goodbooks-full/to_read.csv \
	tests/fixtures/import/movies/links.csv \
	tests/fixtures/import/movies/movies.csv \
	tests/fixtures/import/movies/ratings.csv \
	tests/fixtures/import/ml100k-like/README \
	tests/fixtures/import/ml100k-like/items.psv \
	tests/fixtures/import/ml100k-like/ratings.tsv \
	tests/fixtures/import/ml-1m/movies.dat \
	tests/fixtures/import/ml-1m/ratings.dat \
	tests/fixtures/import/ml-1m/users.dat \
	tests/fixtures/import/movietweetings/movies.dat \
	tests/fixtures/import/movietweetings/ratings.dat \
	tests/fixtures/import/movietweetings/users.dat

import_golden_files = \
	tests/golden/export-books.out \
	tests/golden/export-movies.out \
	tests/golden/help-export.out \
	tests/golden/import-case20-dry.out \
	tests/golden/import-case22-dry.out \
	tests/golden/import-other-catalogue.out \
	tests/golden/import-generic-no-columns.err \
	tests/golden/import-generic-no-columns.out \
	tests/golden/import-generic.out \
	tests/golden/import-goodbooks.out \
	tests/golden/import-goodreads-json.out \
	tests/golden/import-goodreads.out \
	tests/golden/import-imdb-13.out \
	tests/golden/import-imdb-14.out \
	tests/golden/import-imdb-localised.out \
	tests/golden/import-imdb-dates.out \
	tests/golden/import-imdb-watchlist.out \
	tests/golden/import-imdb-watchlist-json.out \
	tests/golden/import-letterboxd-into-books.out \
	tests/golden/import-goodreads-into-movies.out \
	tests/golden/import-imdb-dir.err \
	tests/golden/import-imdb-dir.out \
	tests/golden/import-goodreads-isbn.out \
	tests/golden/import-taste-clears.out \
	tests/golden/import-taste-old.out \
	tests/golden/import-taste-scales.out \
	tests/golden/import-imdb-types.out \
	tests/golden/import-imdb-types-bad.err \
	tests/golden/import-imdb-types-bad.out \
	tests/golden/import-imdb-types-empty.err \
	tests/golden/import-imdb-types-empty.out \
	tests/golden/import-imdb-types-spelt.out \
	tests/golden/import-titles.out \
	tests/golden/import-titles-books.out \
	tests/golden/import-letterboxd-again.out \
	tests/golden/import-letterboxd-one-file.out \
	tests/golden/import-letterboxd.out \
	tests/golden/import-letterboxd-list.err \
	tests/golden/import-letterboxd-list.out \
	tests/golden/import-letterboxd-list-named.err \
	tests/golden/import-letterboxd-list-named.out \
	tests/golden/import-ml-100k.out \
	tests/golden/import-ml-1m.out \
	tests/golden/import-movietweetings.out \
	tests/golden/import-no-args.err \
	tests/golden/import-no-args.out \
	tests/golden/import-unknown-format.err \
	tests/golden/import-unknown-format.out \
	tests/golden/import-zip.err \
	tests/golden/import-zip.out
