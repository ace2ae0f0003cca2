/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_view: the Browse table on the hand-made tests/fixtures/tiny-movies
 * (seven movies, two of them titled Heat, one without year, genres or
 * ratings but with tags): stable sorts with empty cells last both ways,
 * numbers as numbers, your ratings as a column, genres and tags as
 * columns of their own, filters of several terms on all or one column,
 * exact values and number comparisons, errors for unknown columns,
 * '/' search that wraps, frequency tables whose rows turn into filters;
 * and the sort time on the 10,000 books. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "fixture.h"
#include "profile.h"
#include "util.h"
#include "view.h"

/* Item indices of tiny-movies: ids "1".."7" in file order. */
enum { MATRIX, AMELIE, ALIEN, HEAT95, UNTITLED, HEAT86, ZED };

static struct catalog *tiny;

static int setup(void **state)
{
	char err[512];
	(void)state;
	tiny = catalog_open(fixture("tiny-movies"), err, sizeof err);
	return tiny && tiny->n_items == 7 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	catalog_free(tiny);
	return 0;
}

/* The rows shown must be exactly want[0..n). */
static void rows_are(const struct view *v, const uint32_t *want, size_t n)
{
	assert_int_equal(v->n_rows, n);
	for (size_t k = 0; k < n; k++)
		if (v->rows[k] != want[k])
			fail_msg("row %zu is item %u, want %u", k, v->rows[k],
				 want[k]);
}

#define ROWS(v, ...) do { \
	const uint32_t want_[] = { __VA_ARGS__ }; \
	rows_are((v), want_, ARRAY_LEN(want_)); \
} while (0)

static void test_initial_order(void **state)
{
	(void)state;
	struct view v;
	view_init(&v, tiny, NULL);
	/* Most rated first; equal counts in catalogue order. */
	assert_int_equal(v.sort_col, COL_NRATINGS);
	assert_true(v.sort_desc);
	ROWS(&v, MATRIX, AMELIE, ALIEN, HEAT95, ZED, UNTITLED, HEAT86);
	enum view_col cols[COL_COUNT];
	size_t n = view_columns(&v, cols, COL_COUNT);
	/* No authors for movies; tags after genres. */
	static const enum view_col want[] = {
		COL_TITLE, COL_YEAR, COL_GENRES, COL_TAGS, COL_NRATINGS,
		COL_MEAN, COL_YOU };
	assert_int_equal(n, ARRAY_LEN(want));
	assert_memory_equal(cols, want, sizeof want);
	assert_string_equal(view_col_name(COL_TITLE), "Title");
	assert_string_equal(view_col_name(COL_TAGS), "Tags");
	assert_string_equal(view_col_key(COL_CREATORS), "authors");
	assert_true(view_col_numeric(COL_MEAN));
	assert_false(view_col_numeric(COL_TAGS));
	view_free(&v);
}

static void test_sort_title_stable(void **state)
{
	(void)state;
	struct view v;
	view_init(&v, tiny, NULL);
	view_sort(&v, COL_TITLE, false);
	/* "the matrix" sorts under t: titles as shown, folded. */
	ROWS(&v, ALIEN, AMELIE, HEAT95, HEAT86, MATRIX, UNTITLED, ZED);
	view_sort(&v, COL_TITLE, true);
	/* The two Heats keep their order when reversed. */
	ROWS(&v, ZED, UNTITLED, MATRIX, HEAT95, HEAT86, AMELIE, ALIEN);
	view_sort(&v, COL_TITLE, false);
	view_sort(&v, COL_YEAR, false);
	/* 1999 ties keep title order; no year goes last. */
	ROWS(&v, ALIEN, HEAT86, HEAT95, MATRIX, ZED, AMELIE, UNTITLED);
	view_sort(&v, COL_YEAR, true);
	ROWS(&v, AMELIE, MATRIX, ZED, HEAT95, HEAT86, ALIEN, UNTITLED);
	view_free(&v);
}

static void test_sort_numbers_empties_last(void **state)
{
	(void)state;
	struct view v;
	view_init(&v, tiny, NULL);
	view_sort(&v, COL_MEAN, false);
	ROWS(&v, HEAT95, ALIEN, ZED, AMELIE, MATRIX, UNTITLED, HEAT86);
	view_sort(&v, COL_MEAN, true);
	ROWS(&v, MATRIX, AMELIE, ZED, ALIEN, HEAT95, UNTITLED, HEAT86);
	view_sort(&v, COL_GENRES, false);
	/* Folded texts compare bytewise: "comedy" before "comedy romance". */
	ROWS(&v, HEAT86, HEAT95, MATRIX, ZED, AMELIE, ALIEN, UNTITLED);
	view_sort(&v, COL_GENRES, true);
	ROWS(&v, ALIEN, AMELIE, ZED, MATRIX, HEAT95, HEAT86, UNTITLED);
	view_free(&v);
}

static void test_your_column(void **state)
{
	(void)state;
	char dir[] = "/tmp/taste-test-view-XXXXXX", err[256];
	assert_non_null(mkdtemp(dir));
	struct profile *p = profile_open(dir, "tiny", err, sizeof err);
	assert_non_null(p);
	assert_int_equal(profile_set(p, "7", 4, err, sizeof err), 0);
	assert_int_equal(profile_set(p, "3", 2, err, sizeof err), 0);
	struct view v;
	view_init(&v, tiny, p);
	view_sort(&v, COL_YOU, true);
	ROWS(&v, ZED, ALIEN, MATRIX, AMELIE, HEAT95, UNTITLED, HEAT86);
	view_sort(&v, COL_YOU, false);
	ROWS(&v, ALIEN, ZED, MATRIX, AMELIE, HEAT95, UNTITLED, HEAT86);
	char cell[64];
	view_cell(&v, ZED, COL_YOU, false, cell, sizeof cell);
	assert_string_equal(cell, "\u2605\u2605\u2605\u2605");
	view_cell(&v, ZED, COL_YOU, true, cell, sizeof cell);
	assert_string_equal(cell, "4");
	assert_int_equal(view_cell(&v, MATRIX, COL_YOU, true, cell,
				   sizeof cell), 0);
	assert_string_equal(cell, "");
	assert_int_equal(view_filter(&v, "you:>=3"), 1);
	view_free(&v);
	profile_close(p);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void test_cells(void **state)
{
	(void)state;
	struct view v;
	char cell[128];
	view_init(&v, tiny, NULL);
	view_cell(&v, MATRIX, COL_TITLE, false, cell, sizeof cell);
	assert_string_equal(cell, "The Matrix");
	view_cell(&v, MATRIX, COL_GENRES, false, cell, sizeof cell);
	assert_string_equal(cell, "Action\u00b7Sci-Fi\u00b7Thriller");
	view_cell(&v, MATRIX, COL_GENRES, true, cell, sizeof cell);
	assert_string_equal(cell, "Action, Sci-Fi, Thriller");
	view_cell(&v, MATRIX, COL_MEAN, true, cell, sizeof cell);
	assert_string_equal(cell, "4.50");
	view_cell(&v, MATRIX, COL_NRATINGS, true, cell, sizeof cell);
	assert_string_equal(cell, "3");
	view_cell(&v, MATRIX, COL_YEAR, true, cell, sizeof cell);
	assert_string_equal(cell, "1999");
	assert_int_equal(view_cell(&v, UNTITLED, COL_YEAR, true, cell,
				   sizeof cell), 0);
	assert_int_equal(view_cell(&v, UNTITLED, COL_MEAN, true, cell,
				   sizeof cell), 0);
	/* Genres only: the tags of a movie without genres stay in their
	 * own column. */
	assert_int_equal(view_cell(&v, UNTITLED, COL_GENRES, true, cell,
				   sizeof cell), 0);
	view_cell(&v, UNTITLED, COL_TAGS, false, cell, sizeof cell);
	assert_string_equal(cell, "quirky\u00b7Sweet");
	view_cell(&v, MATRIX, COL_TAGS, true, cell, sizeof cell);
	assert_string_equal(cell, "Keanu, cyberpunk, philosophy");
	assert_int_equal(view_cell(&v, ALIEN, COL_TAGS, true, cell,
				   sizeof cell), 0);
	view_cell(&v, UNTITLED, COL_NRATINGS, true, cell, sizeof cell);
	assert_string_equal(cell, "0");
	view_free(&v);
}

static void test_filter(void **state)
{
	(void)state;
	struct view v;
	view_init(&v, tiny, NULL);
	view_sort(&v, COL_TITLE, false);
	assert_int_equal(view_filter(&v, "heat"), 2);
	ROWS(&v, HEAT95, HEAT86);
	assert_string_equal(v.filter, "heat");
	/* The filter survives a sort. */
	view_sort(&v, COL_YEAR, false);
	ROWS(&v, HEAT86, HEAT95);
	/* Back by title, the Heats keep the year order. */
	view_sort(&v, COL_TITLE, false);
	ROWS(&v, HEAT86, HEAT95);
	assert_int_equal(view_filter(&v, "genres:sci"), 2);
	ROWS(&v, ALIEN, MATRIX);
	assert_int_equal(view_filter(&v, "Genres: COMÉDY"), 2);
	ROWS(&v, AMELIE, ZED);
	/* Tags count as all-column text, not as the title or genres. */
	assert_int_equal(view_filter(&v, "keanu"), 1);
	assert_int_equal(view_filter(&v, "title:keanu"), 0);
	assert_int_equal(view_filter(&v, "genres:quirky"), 0);
	assert_int_equal(view_filter(&v, "tags:quirky"), 1);
	ROWS(&v, UNTITLED);
	assert_int_equal(view_filter(&v, "title:the mat"), 1);
	assert_int_equal(view_filter(&v, "action thriller"), 2);
	ROWS(&v, HEAT95, MATRIX);
	assert_int_equal(view_filter(&v, "year:199"), 3);
	ROWS(&v, HEAT95, MATRIX, ZED);
	assert_int_equal(view_filter(&v, "year:>1990"), 4);
	assert_int_equal(view_filter(&v, "year:1980..1990"), 1);
	ROWS(&v, HEAT86);
	assert_int_equal(view_filter(&v, "year:<=1979"), 1);
	assert_int_equal(view_filter(&v, "mean:>=3.8"), 2);
	ROWS(&v, AMELIE, MATRIX);
	assert_int_equal(view_filter(&v, "ratings:=0"), 2);
	assert_int_equal(view_filter(&v, "mean:4.5"), 1);
	assert_int_equal(view_filter(&v, "nothing matches"), 0);
	assert_int_equal(view_filter(&v, NULL), 7);
	assert_null(v.filter);
	assert_int_equal(view_filter(&v, ""), 7);
	view_free(&v);
}

/* view_filter_set must keep n rows. */
static void keeps(struct view *v, const char *filter, int64_t n)
{
	char err[256] = "";
	int64_t got = view_filter_set(v, filter, err, sizeof err);
	if (got != n)
		fail_msg("filter '%s' kept %lld rows, want %lld (%s)", filter,
			 (long long)got, (long long)n, err);
}

static void test_filter_terms_and(void **state)
{
	(void)state;
	struct view v;
	view_init(&v, tiny, NULL);
	view_sort(&v, COL_TITLE, false);
	/* Each term applies to its own column; all must hold. */
	keeps(&v, "genres:sci year:1999", 1);
	ROWS(&v, MATRIX);
	keeps(&v, "genres:sci year:>1970 mean:<4", 1);
	ROWS(&v, ALIEN);
	keeps(&v, "year:1999 comedy", 1);
	ROWS(&v, ZED);
	keeps(&v, "genres:action genres:thriller year:1995..1999", 2);
	ROWS(&v, HEAT95, MATRIX);
	keeps(&v, "title:heat year:<1990", 1);
	ROWS(&v, HEAT86);
	/* Quotes keep words with the column. */
	keeps(&v, "title:\"the mat\"", 1);
	keeps(&v, "title:\"heat 1995\"", 0);   /* the year is no title */
	keeps(&v, "\"heat 1995\"", 1);
	/* A word with a colon that names no column is a word. */
	keeps(&v, "Heat: 1995", 1);
	ROWS(&v, HEAT95);
	keeps(&v, "  ", 7);
	view_free(&v);
}

static void test_filter_exact(void **state)
{
	(void)state;
	struct view v;
	view_init(&v, tiny, NULL);
	view_sort(&v, COL_TITLE, false);
	keeps(&v, "genres=comedy", 2);
	ROWS(&v, AMELIE, ZED);
	keeps(&v, "genres=Com", 0);           /* a whole value, no prefix */
	keeps(&v, "genres:com", 2);
	keeps(&v, "genres=\"Sci-Fi\" genres=horror", 1);
	ROWS(&v, ALIEN);
	keeps(&v, "genres=sci-fi", 2);
	keeps(&v, "tags=KEANU", 1);
	keeps(&v, "tags=paris", 2);
	keeps(&v, "title=\"the matrix\"", 1);
	keeps(&v, "title=matrix", 0);
	keeps(&v, "title=heat", 2);
	/* col="" keeps the empty cells. */
	keeps(&v, "genres=\"\"", 1);
	ROWS(&v, UNTITLED);
	keeps(&v, "year=\"\"", 1);
	keeps(&v, "tags=\"\" genres=action", 1);
	ROWS(&v, HEAT86);
	/* Numbers compare as shown: the mean cell is "4.50". */
	keeps(&v, "year=1999", 2);
	keeps(&v, "mean=4.5", 1);
	keeps(&v, "mean=4.50", 1);
	keeps(&v, "ratings=0", 2);
	keeps(&v, "ratings= 3", 2);
	ROWS(&v, AMELIE, MATRIX);
	view_free(&v);
}

/* view_filter_set must fail with this message and change nothing. */
static void refuses(struct view *v, const char *filter, const char *want)
{
	char err[256] = "";
	uint32_t before = v->n_rows;
	char *old = v->filter ? xstrdup(v->filter) : NULL;
	assert_int_equal(view_filter_set(v, filter, err, sizeof err), -1);
	assert_string_equal(err, want);
	assert_int_equal(v->n_rows, before);
	if (old)
		assert_string_equal(v->filter, old);
	else
		assert_null(v->filter);
	assert_int_equal(view_filter_check(v, filter, err, sizeof err), -1);
	free(old);
}

static void test_filter_errors(void **state)
{
	(void)state;
	struct view v;
	char err[256];
	view_init(&v, tiny, NULL);
	keeps(&v, "heat", 2);
	refuses(&v, "foo:bar", "no column foo (columns: title, year, "
		"genres, tags, ratings, mean, you)");
	refuses(&v, "heat FOO=1", "no column FOO (columns: title, year, "
		"genres, tags, ratings, mean, you)");
	/* Movies have no authors column. */
	refuses(&v, "authors:herbert", "no column authors (columns: title, "
		"year, genres, tags, ratings, mean, you)");
	refuses(&v, "year:>abc", "year:>abc: not a number (comparisons: <, "
		"<=, >, >=, =, a..b)");
	refuses(&v, "mean:1..x", "mean:1..x: not a number (comparisons: <, "
		"<=, >, >=, =, a..b)");
	refuses(&v, "year=soon", "year=soon: not a number (comparisons: <, "
		"<=, >, >=, =, a..b)");
	refuses(&v, "title:\"the mat", "a quote is not closed");
	assert_int_equal(view_filter_check(&v, "genres:sci year:1999", err,
					   sizeof err), 0);
	/* view_filter keeps the text of a bad filter and no rows. */
	assert_int_equal(view_filter(&v, "foo:bar"), 0);
	assert_string_equal(v.filter, "foo:bar");
	view_sort(&v, COL_YEAR, false);
	assert_int_equal(v.n_rows, 0);
	view_free(&v);
}

/* Every row of the frequency table of col, made a filter with
 * view_filter_term, keeps exactly its count of rows; the empty term
 * keeps the empty cells. */
static void freq_rows_are_filters(struct view *v, enum view_col col)
{
	struct freq_table t;
	char term[600];
	view_filter(v, NULL);
	view_freq(v, col, &t);
	for (size_t k = 0; k < t.n; k++) {
		view_filter_term(col, t.v[k].value, term, sizeof term);
		keeps(v, term, t.v[k].count);
	}
	view_filter_term(col, NULL, term, sizeof term);
	keeps(v, term, t.empty);
	freq_free(&t);
}

static void test_filter_term(void **state)
{
	(void)state;
	char buf[64];
	view_filter_term(COL_GENRES, "Film-Noir", buf, sizeof buf);
	assert_string_equal(buf, "genres=Film-Noir");
	view_filter_term(COL_TAGS, "dark comedy", buf, sizeof buf);
	assert_string_equal(buf, "tags=\"dark comedy\"");
	view_filter_term(COL_TAGS, "say \"hi\" \\o/", buf, sizeof buf);
	assert_string_equal(buf, "tags=\"say \\\"hi\\\" \\\\o/\"");
	view_filter_term(COL_YEAR, "", buf, sizeof buf);
	assert_string_equal(buf, "year=\"\"");
	view_filter_term(COL_CREATORS, "Homer", buf, sizeof buf);
	assert_string_equal(buf, "authors=Homer");
	struct view v;
	view_init(&v, tiny, NULL);
	enum view_col cols[COL_COUNT];
	size_t n = view_columns(&v, cols, COL_COUNT);
	for (size_t k = 0; k < n; k++)
		if (cols[k] != COL_YOU)
			freq_rows_are_filters(&v, cols[k]);
	view_free(&v);
	char err[512];
	struct catalog *movies = catalog_open("movies", err, sizeof err);
	assert_non_null(movies);
	view_init(&v, movies, NULL);
	static const enum view_col some[] = {
		COL_GENRES, COL_TAGS, COL_YEAR, COL_MEAN };
	for (size_t k = 0; k < ARRAY_LEN(some); k++)
		freq_rows_are_filters(&v, some[k]);
	view_free(&v);
	catalog_free(movies);
}

static void test_find_wraps(void **state)
{
	(void)state;
	struct view v;
	view_init(&v, tiny, NULL);
	view_sort(&v, COL_TITLE, false);
	/* ALIEN, AMELIE, HEAT95, HEAT86, MATRIX, UNTITLED, ZED */
	assert_int_equal(view_find(&v, "heat", -1, 1), 2);
	assert_int_equal(view_find(&v, "heat", 2, 1), 3);
	assert_int_equal(view_find(&v, "heat", 3, 1), 2);
	assert_int_equal(view_find(&v, "heat", 2, -1), 3);
	assert_int_equal(view_find(&v, "heat", 3, -1), 2);
	assert_int_equal(view_find(&v, "HEAT 1986", 0, 1), 3);
	assert_int_equal(view_find(&v, "matrix", 6, 1), 4);
	assert_int_equal(view_find(&v, "matrix", 4, 1), 4);
	assert_int_equal(view_find(&v, "zed", -1, -1), 6);
	assert_int_equal(view_find(&v, "nowhere", 0, 1), -1);
	assert_int_equal(view_find(&v, "", 0, 1), -1);
	view_filter(&v, "heat");
	assert_int_equal(view_find(&v, "matrix", 0, 1), -1);
	assert_int_equal(view_find(&v, "heat", 1, 1), 0);
	view_free(&v);
}

/* Your signals (seen, wanted) in the You column: tagged, sorted after
 * your ratings and before the empty cells in both directions, seen
 * before wanted; you=seen and you=want keep them; an item rated and
 * also in the signals journal shows its rating. */
static void test_your_signals(void **state)
{
	(void)state;
	char dir[] = "/tmp/taste-test-view-XXXXXX", err[256], cell[64];
	assert_non_null(mkdtemp(dir));
	struct profile *p = profile_open(dir, "tiny", err, sizeof err);
	struct profile *s = profile_open(dir, "tiny.signals", err,
					 sizeof err);
	assert_non_null(p);
	assert_non_null(s);
	assert_int_equal(profile_set(p, "7", 4, err, sizeof err), 0);
	assert_int_equal(profile_set(p, "3", 2, err, sizeof err), 0);
	assert_int_equal(profile_set(s, "4", 2, err, sizeof err), 0);
	assert_int_equal(profile_set(s, "1", 1, err, sizeof err), 0);
	assert_int_equal(profile_set(s, "7", 1, err, sizeof err), 0);
	struct view v;
	view_init(&v, tiny, p);
	view_signals(&v, s);
	assert_int_equal(view_you_state(&v, ZED), VIEW_YOU_RATED);
	assert_int_equal(view_you_state(&v, MATRIX), VIEW_YOU_SEEN);
	assert_int_equal(view_you_state(&v, HEAT95), VIEW_YOU_WANT);
	assert_int_equal(view_you_state(&v, AMELIE), VIEW_YOU_NONE);
	view_cell(&v, MATRIX, COL_YOU, false, cell, sizeof cell);
	assert_string_equal(cell, "seen");
	view_cell(&v, HEAT95, COL_YOU, true, cell, sizeof cell);
	assert_string_equal(cell, "want");
	view_cell(&v, ZED, COL_YOU, true, cell, sizeof cell);
	assert_string_equal(cell, "4");
	view_sort(&v, COL_YOU, true);
	ROWS(&v, ZED, ALIEN, MATRIX, HEAT95, AMELIE, UNTITLED, HEAT86);
	view_sort(&v, COL_YOU, false);
	ROWS(&v, ALIEN, ZED, MATRIX, HEAT95, AMELIE, UNTITLED, HEAT86);
	assert_int_equal(view_filter(&v, "you=seen"), 1);
	ROWS(&v, MATRIX);
	assert_int_equal(view_filter(&v, "you=WANT"), 1);
	ROWS(&v, HEAT95);
	assert_int_equal(view_filter(&v, "you:se"), 1);
	assert_int_equal(view_filter(&v, "you:>=1"), 2);
	assert_int_equal(view_filter(&v, "you=\"\""), 3);
	assert_int_equal(view_filter_check(&v, "you=maybe", err, sizeof err),
			 -1);
	view_filter(&v, NULL);
	/* each value of the frequency table filters to its count */
	struct freq_table t;
	view_freq(&v, COL_YOU, &t);
	assert_int_equal(t.n, 4);
	assert_int_equal(t.empty, 3);
	assert_string_equal(t.v[3].value, "want");
	freq_rows_are_filters(&v, COL_YOU);
	freq_free(&t);
	/* without the journal the column is ratings only again */
	view_signals(&v, NULL);
	assert_int_equal(view_cell(&v, MATRIX, COL_YOU, true, cell,
				   sizeof cell), 0);
	view_free(&v);
	profile_close(s);
	profile_close(p);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static void test_freq(void **state)
{
	(void)state;
	struct view v;
	struct freq_table t;
	view_init(&v, tiny, NULL);
	view_freq(&v, COL_GENRES, &t);
	assert_int_equal(t.total, 7);
	assert_int_equal(t.empty, 1);
	static const char *const genres[] = {
		"Action", "Comedy", "Sci-Fi", "Thriller", "Crime", "Horror",
		"Romance" };
	static const uint32_t counts[] = { 3, 2, 2, 2, 1, 1, 1 };
	assert_int_equal(t.n, 7);
	for (size_t k = 0; k < t.n; k++) {
		assert_string_equal(t.v[k].value, genres[k]);
		assert_int_equal(t.v[k].count, counts[k]);
	}
	freq_free(&t);
	/* Tags are counted in their own table, case and accents folded:
	 * "Paris" (Amélie) and "paris" (Heat) are one. */
	view_freq(&v, COL_TAGS, &t);
	assert_int_equal(t.total, 7);
	assert_int_equal(t.empty, 3);
	static const char *const tags[] = {
		"Paris", "cyberpunk", "Keanu", "philosophy", "quirky",
		"Sweet" };
	static const uint32_t tag_counts[] = { 2, 1, 1, 1, 1, 1 };
	assert_int_equal(t.n, ARRAY_LEN(tags));
	for (size_t k = 0; k < t.n; k++) {
		assert_string_equal(t.v[k].value, tags[k]);
		assert_int_equal(t.v[k].count, tag_counts[k]);
	}
	freq_free(&t);
	view_freq(&v, COL_YEAR, &t);
	assert_int_equal(t.empty, 1);
	static const char *const years[] = {
		"1999", "1979", "1986", "1995", "2001" };
	assert_int_equal(t.n, 5);
	for (size_t k = 0; k < t.n; k++)
		assert_string_equal(t.v[k].value, years[k]);
	assert_int_equal(t.v[0].count, 2);
	freq_free(&t);
	view_freq(&v, COL_TITLE, &t);
	assert_string_equal(t.v[0].value, "Heat");
	assert_int_equal(t.v[0].count, 2);
	freq_free(&t);
	view_filter(&v, "heat");
	view_freq(&v, COL_GENRES, &t);
	assert_int_equal(t.total, 2);
	assert_int_equal(t.n, 3);
	assert_string_equal(t.v[0].value, "Action");
	assert_int_equal(t.v[0].count, 2);
	freq_free(&t);
	view_free(&v);
}

static void test_sort_speed_books(void **state)
{
	(void)state;
	char err[512];
	struct catalog *books = catalog_open("books", err, sizeof err);
	assert_non_null(books);
	struct view v;
	view_init(&v, books, NULL);
	enum view_col cols[COL_COUNT];
	size_t n = view_columns(&v, cols, COL_COUNT);
	/* No genres or tags in the bundled books (no book_tags.csv). */
	static const enum view_col want[] = {
		COL_TITLE, COL_YEAR, COL_CREATORS, COL_NRATINGS, COL_MEAN,
		COL_YOU };
	assert_int_equal(n, ARRAY_LEN(want));
	assert_memory_equal(cols, want, sizeof want);
	char err2[256];
	assert_int_equal(view_filter_set(&v, "genres:fantasy", err2,
					 sizeof err2), -1);
	assert_string_equal(err2, "no column genres (columns: title, year, "
			    "authors, ratings, mean, you)");
	assert_int_equal(view_filter_set(&v, "authors=\"suzanne collins\"",
					 err2, sizeof err2), 9);
	view_filter(&v, NULL);
	view_sort(&v, COL_CREATORS, false);   /* folds made once */
	double worst = 0;
	for (size_t k = 0; k < n; k++)
		for (int desc = 0; desc < 2; desc++) {
			double t0 = util_now();
			view_sort(&v, cols[k], desc);
			double ms = (util_now() - t0) * 1e3;
			worst = ms > worst ? ms : worst;
			assert_int_equal(v.n_rows, 10000);
		}
	print_message("# view_sort on 10,000 books: worst %.2f ms\n",
		      worst);
	assert_true(worst < 100);   /* goal < 5 ms; room for sanitizers */
	view_free(&v);
	catalog_free(books);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_initial_order),
		cmocka_unit_test(test_sort_title_stable),
		cmocka_unit_test(test_sort_numbers_empties_last),
		cmocka_unit_test(test_your_column),
		cmocka_unit_test(test_your_signals),
		cmocka_unit_test(test_cells),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_filter_terms_and),
		cmocka_unit_test(test_filter_exact),
		cmocka_unit_test(test_filter_errors),
		cmocka_unit_test(test_filter_term),
		cmocka_unit_test(test_find_wraps),
		cmocka_unit_test(test_freq),
		cmocka_unit_test(test_sort_speed_books),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
