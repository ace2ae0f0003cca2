# SPDX-License-Identifier: GPL-3.0-or-later
# Implicit signals (items seen or wanted) in the fold-in and the lists:
# test_signals (iALS, content, hybrid and recs.h by hand and on the
# bundled movies), taste recommend after importing watched rows, the
# goodbooks to_read fixture through --catalog, and the TUI after an
# import of a watched-only Letterboxd export.
if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_signals
TESTS += tests/unit/test_signals
endif
tests_unit_test_signals_SOURCES = tests/unit/test_signals.c \
	tests/unit/model_util.h tests/unit/model2_util.h tests/unit/fixture.h
tests_unit_test_signals_CFLAGS = $(unit_cflags)
tests_unit_test_signals_LDADD = $(unit_ldadd)

# taste recommend after a Letterboxd import with watched rows.
TESTS += tests/cli/signals_recommend.sh
EXTRA_DIST += tests/cli/signals_recommend.sh \
	tests/fixtures/signals/letterboxd/ratings.csv \
	tests/fixtures/signals/letterboxd/watched.csv \
	tests/fixtures/signals/letterboxd/watchlist.csv \
	tests/golden/signals-import.out \
	tests/golden/signals-recommend-content.out

# goodbooks to_read.csv as community implicit data (--catalog).
TESTS += tests/cli/signals_to_read.sh
EXTRA_DIST += tests/cli/signals_to_read.sh \
	tests/fixtures/to-read/books.csv \
	tests/fixtures/to-read/ratings.csv \
	tests/fixtures/to-read/to_read.csv \
	tests/golden/signals-to-read-dry.out

# The screen: a watched-only Letterboxd import leaves For you.
TESTS += tests/tui/watched.sh
EXTRA_DIST += tests/tui/watched.sh \
	tests/fixtures/signals/watched-only/watched.csv \
	tests/fixtures/signals/watchlist.csv

# The onboarding list after a watched-only import and two ratings.
TESTS += tests/cli/signals_few.sh
EXTRA_DIST += tests/cli/signals_few.sh \
	tests/fixtures/signals/few/watched.csv \
	tests/golden/signals-few.out
