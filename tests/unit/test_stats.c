/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_stats: statistics worked out by hand on tests/fixtures/tiny-movies
 * (4 users, 7 movies, 12 ratings, one of them 2.75 between steps) and on
 * tiny-books without its ratings.csv (Goodreads histograms only, said
 * as such); and the figures of the bundled movies, whose long titles
 * are cut with an ellipsis that keeps the year. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "fixture.h"
#include "stats.h"
#include "util.h"

enum { MATRIX, AMELIE, ALIEN, HEAT95, UNTITLED, HEAT86, ZED };

/* Open a catalogue that must open. */
static struct catalog *open_ok(const char *what)
{
	char err[512] = "";
	struct catalog *c = catalog_open(what, err, sizeof err);
	if (!c)
		fail_msg("catalog_open(%s): %s", what, err);
	return c;
}

/* A tail must be exactly these figures. */
static void tail_is(const struct tail *t, uint32_t min, uint32_t p25,
		    uint32_t med, uint32_t p75, uint32_t p90, uint32_t max,
		    double mean, uint32_t zero)
{
	assert_int_equal(t->min, min);
	assert_int_equal(t->p25, p25);
	assert_int_equal(t->median, med);
	assert_int_equal(t->p75, p75);
	assert_int_equal(t->p90, p90);
	assert_int_equal(t->max, max);
	assert_float_equal(t->mean, mean, 1e-6);
	assert_int_equal(t->zero, zero);
}

static void test_tiny_counts_and_histogram(void **state)
{
	(void)state;
	struct catalog *c = open_ok(fixture("tiny-movies"));
	struct stats s;
	stats_compute_min(c, 2, &s);
	assert_int_equal(s.users, 4);
	assert_int_equal(s.items, 7);
	assert_int_equal(s.ratings, 12);
	assert_float_equal(s.density, 12.0 / 28.0, 1e-9);
	assert_float_equal(s.mean_rating, 37.75 / 12.0, 1e-9);
	assert_false(s.from_histograms);
	assert_int_equal(s.you, -1);
	assert_int_equal(s.n_bins, 10);
	static const uint64_t bins[] = { 1, 1, 0, 1, 1, 1, 1, 2, 1, 2 };
	for (size_t k = 0; k < 10; k++) {
		assert_float_equal(s.bin_value[k], 0.5 * (double)(k + 1),
				   1e-9);
		assert_int_equal(s.bin_count[k], bins[k]);
	}
	assert_int_equal(s.off_step, 1);   /* 2.75 */
	stats_free(&s);
	catalog_free(c);
}

static void test_tiny_tails(void **state)
{
	(void)state;
	struct catalog *c = open_ok(fixture("tiny-movies"));
	struct stats s;
	stats_compute_min(c, 2, &s);
	/* Users rated 3, 3, 4 and 2 movies. */
	tail_is(&s.per_user, 2, 2, 3, 3, 4, 4, 3.0, 0);
	/* Movies: 3, 3, 2, 2, 0, 0, 2 ratings. */
	tail_is(&s.per_item, 0, 0, 2, 3, 3, 3, 12.0 / 7.0, 2);
	stats_free(&s);
	catalog_free(c);
}

/* The long tails kept for the charts, most first: 4 users with 4 3 3
 * 2 ratings, 7 movies with 3 3 2 2 2 0 0; in an ASCII chart of 5 x 12
 * cells the top row reaches the tallest bar; a 1 x 1 grid is too
 * small. */
static void test_tiny_tail_charts(void **state)
{
	static const uint32_t users[] = { 4, 3, 3, 2 };
	static const uint32_t items[] = { 3, 3, 2, 2, 2, 0, 0 };
	struct catalog *c = open_ok(fixture("tiny-movies"));
	struct stats s;
	struct plot_grid g;
	char row[256];

	(void)state;
	stats_compute(c, &s);
	assert_int_equal(s.n_tail_users, 4);
	assert_memory_equal(s.tail_users, users, sizeof users);
	assert_int_equal(s.n_tail_items, 7);
	assert_memory_equal(s.tail_items, items, sizeof items);
	plot_grid_init(&g, 5, 12);
	assert_int_equal(stats_tail_chart(&s, true, PLOT_ASCII, &g), 0);
	/* the top row: the axis, then only the tallest bar */
	assert_non_null(strstr(plot_grid_row(&g, 0, row, sizeof row), "#"));
	plot_grid_free(&g);
	plot_grid_init(&g, 1, 1);
	assert_int_equal(stats_tail_chart(&s, false, PLOT_ASCII, &g), -1);
	plot_grid_free(&g);
	stats_free(&s);
	assert_null(s.tail_users);
	catalog_free(c);
}

static void test_tiny_tops(void **state)
{
	(void)state;
	struct catalog *c = open_ok(fixture("tiny-movies"));
	struct stats s;
	stats_compute_min(c, 2, &s);
	static const uint32_t most[] = { MATRIX, AMELIE, ALIEN, HEAT95, ZED };
	assert_int_equal(s.n_most_rated, 5);
	assert_memory_equal(s.most_rated, most, sizeof most);
	/* Means 4.5, 3.83, 2.875, 2.0, 1.5. */
	static const uint32_t best[] = { MATRIX, AMELIE, ZED, ALIEN, HEAT95 };
	assert_int_equal(s.min_best, 2);
	assert_int_equal(s.n_best_rated, 5);
	assert_memory_equal(s.best_rated, best, sizeof best);
	stats_free(&s);
	stats_compute_min(c, 3, &s);
	assert_int_equal(s.n_best_rated, 2);
	assert_int_equal(s.best_rated[0], MATRIX);
	assert_int_equal(s.best_rated[1], AMELIE);
	stats_free(&s);
	stats_compute(c, &s);
	assert_int_equal(s.min_best, STATS_MIN_BEST);
	assert_int_equal(s.n_best_rated, 0);
	stats_free(&s);
	catalog_free(c);
}

/* What stats_print or stats_print_json writes, as a string. */
static char *printed(const struct catalog *c, const struct stats *s,
		     bool json)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	if (json)
		stats_print_json(c, s, f);
	else
		stats_print(c, s, f);
	fclose(f);
	return buf;
}

static void test_tiny_printed(void **state)
{
	(void)state;
	struct catalog *c = open_ok(fixture("tiny-movies"));
	struct stats s;
	stats_compute_min(c, 2, &s);
	s.you = 3;
	char *text = printed(c, &s, false);
	assert_non_null(strstr(text, "MovieLens (tiny-movies)\n"));
	assert_non_null(strstr(text, "  density        42.86%\n"));
	assert_non_null(strstr(text, "  your ratings   3\n"));
	assert_non_null(strstr(text, "  between steps: 1\n"));
	/* Wrapped to 80 columns after a comma, indented. */
	assert_non_null(strstr(text, "Ratings per user: min 2, 25% 2, "
			       "median 3, 75% 3, 90% 4, max 4, mean 3.0;\n"
			       "  0 with none\n"));
	assert_non_null(strstr(text, "  movies.csv   9 rows, 7 accepted, "
			       "2 rejected; empty id 1; duplicate id 1\n"
			       "    line 9, column 1: empty id: ''\n"
			       "    line 10, column 1: duplicate id: '3'\n"
			       "  links.csv    3 rows,"));
	free(text);
	char *json = printed(c, &s, true);
	assert_non_null(strstr(json, "\"users\": 4,\n"));
	assert_non_null(strstr(json, "\"ratings\": 12,\n"));
	assert_non_null(strstr(json, "\"you\": 3,\n"));
	assert_non_null(strstr(json, "{\"value\": 4, \"count\": 2}"));
	assert_non_null(strstr(json, "\"per_item\": {\"min\": 0, \"p25\": 0, "
			       "\"median\": 2, \"p75\": 3, \"p90\": 3, "
			       "\"max\": 3, \"mean\": 1.71429, "
			       "\"zero\": 2}"));
	assert_non_null(strstr(json, "\"note\": null"));
	/* Reports carry file names, not the directory. */
	assert_non_null(strstr(json, "{\"path\": \"movies.csv\""));
	assert_null(strstr(json, "tests/fixtures"));
	free(json);
	stats_free(&s);
	catalog_free(c);
}

static void test_books_from_histograms(void **state)
{
	(void)state;
	char dir[] = "/tmp/taste-test-stats-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *link = xasprintf("%s/books.csv", dir);
	assert_int_equal(symlink(fixture("tiny-books/books.csv"), link), 0);
	struct catalog *c = open_ok(dir);
	assert_false(c->has_ratings);
	struct stats s;
	stats_compute(c, &s);
	assert_true(s.from_histograms);
	assert_int_equal(s.users, 0);
	assert_int_equal(s.ratings, 0);
	assert_true(s.density == 0);
	assert_int_equal(s.n_bins, 5);
	static const uint64_t bins[] = { 10, 10, 20, 30, 50 };
	assert_memory_equal(s.bin_count, bins, sizeof bins);
	assert_float_equal(s.mean_rating, 460.0 / 120.0, 1e-9);
	tail_is(&s.per_item, 0, 0, 50, 100, 100, 100, 50.0, 1);
	tail_is(&s.per_user, 0, 0, 0, 0, 0, 0, 0.0, 0);
	assert_int_equal(s.min_best, 50);   /* median of 50 and 100 */
	assert_int_equal(s.n_best_rated, 2);
	assert_int_equal(s.best_rated[0], 0);
	char *text = printed(c, &s, false);
	/* No community ratings: said so, not "0 users, 0 ratings"; the
	 * figures from the histograms say where they come from. */
	assert_null(strstr(text, "users"));
	assert_null(strstr(text, "density"));
	assert_non_null(strstr(text, "\n  ratings        no community "
			       "ratings\n"));
	assert_non_null(strstr(text, "\n  mean rating    3.83 (Goodreads "
			       "histograms)\n"));
	assert_non_null(strstr(text, "\nRatings per user: no community "
			       "ratings\nGoodreads ratings per item "
			       "(histograms): min 0, 25% 0, median 50, "
			       "75% 100,\n  90% 100, max 100, mean 50.0; 1 "
			       "with none\n"));
	assert_non_null(strstr(text, "\nMost rated (Goodreads ratings)\n"));
	assert_non_null(strstr(text, "\nBest rated (at least 50 Goodreads "
			       "ratings)\n"));
	free(text);
	char *json = printed(c, &s, true);
	assert_non_null(strstr(json, "\"histogram_source\": \"goodreads\""));
	assert_non_null(strstr(json, "\"per_item_source\": \"goodreads\""));
	/* The keys stay, and say there are no community ratings. */
	assert_non_null(strstr(json, "\"has_ratings\": false,\n  "
			       "\"community_ratings\": false,\n  "
			       "\"users\": 0,\n"));
	assert_non_null(strstr(json, "\"ratings\": 0,\n"));
	assert_null(strstr(json, "\"note\": null"));
	free(json);
	stats_free(&s);
	catalog_free(c);
	unlink(link);
	rmdir(dir);
	free(link);
}

static void test_movies_figures(void **state)
{
	(void)state;
	struct catalog *c = open_ok("movies");
	struct stats s;
	stats_compute(c, &s);
	assert_int_equal(s.users, 610);
	assert_int_equal(s.items, 9742);
	assert_int_equal(s.ratings, 100836);
	assert_float_equal(s.density, 100836.0 / (610.0 * 9742.0), 1e-9);
	assert_int_equal(s.n_bins, 10);
	assert_int_equal(s.bin_count[7], 26818);   /* 4 stars */
	assert_int_equal(s.off_step, 0);
	assert_int_equal(s.per_user.min, 20);
	assert_int_equal(s.per_user.max, 2698);
	assert_int_equal(s.per_item.zero, 18);
	assert_string_equal(intern_str(c->item_ids, s.most_rated[0]), "356");
	assert_string_equal(intern_str(c->item_ids, s.best_rated[0]), "318");
	/* Titles too long for the list end in an ellipsis before the
	 * year: "…" in a UTF-8 locale, "..." otherwise or on request. */
	setlocale(LC_ALL, "C.UTF-8");
	stats_free(&s);
	stats_compute(c, &s);
	assert_false(s.ascii);
	char *text = printed(c, &s, false);
	assert_non_null(strstr(text, "   5. Dr. Strangelove or: How I "
			       "Learned to\u2026 (1964)  4.27        97\n"));
	free(text);
	s.ascii = true;
	text = printed(c, &s, false);
	assert_non_null(strstr(text, "   5. Dr. Strangelove or: How I "
			       "Learned... (1964)   4.27        97\n"));
	free(text);
	stats_free(&s);
	setlocale(LC_ALL, "C");
	stats_compute(c, &s);
	assert_true(s.ascii);
	assert_true(s.from_histograms == false);
	text = printed(c, &s, false);
	assert_non_null(strstr(text, "\n  users          610\n"));
	assert_non_null(strstr(text, "\n  density        1.70%\n"));
	assert_non_null(strstr(text, "\nRatings per item: min 0"));
	free(text);
	stats_free(&s);
	catalog_free(c);
}

/* A catalogue directory with movies.csv and ratings.csv holding
 * these texts, in a fresh temporary directory (caller frees). */
static char *tmp_catalog(const char *movies, const char *ratings)
{
	char *dir = xstrdup("/tmp/taste-stats.XXXXXX");
	assert_non_null(mkdtemp(dir));
	const char *names[] = { "movies.csv", "ratings.csv" };
	const char *texts[] = { movies, ratings };
	for (size_t k = 0; k < 2; k++) {
		char *path = xasprintf("%s/%s", dir, names[k]);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs(texts[k], f);
		fclose(f);
		free(path);
	}
	return dir;
}

/* Remove what tmp_catalog made. */
static void tmp_catalog_free(char *dir)
{
	const char *names[] = { "movies.csv", "ratings.csv" };
	for (size_t k = 0; k < 2; k++) {
		char *path = xasprintf("%s/%s", dir, names[k]);
		unlink(path);
		free(path);
	}
	rmdir(dir);
	free(dir);
}

/* The text lists each file's rejected rows with their lines, 20 at
 * most, then where to see them all; one row is "1 row"; warnings and
 * titles from the data come out without control bytes. */
static void test_printed_rejects(void **state)
{
	(void)state;
	char *ratings = xstrdup("userId,movieId,rating\n1,1,4\n");
	for (int k = 0; k < 25; k++) {
		char *more = xasprintf("%s%d,9%d,4\n", ratings, k + 2, k);
		free(ratings);
		ratings = more;
	}
	char *dir = tmp_catalog("movieId,title,genres\n"
				"1,\"\033]0;x\a (2000)\",Drama\n", ratings);
	struct catalog *c = open_ok(dir);
	struct stats s;
	stats_compute(c, &s);
	char *text = printed(c, &s, false);
	assert_non_null(strstr(text, "  movies.csv   1 row, 1 accepted, 0 "
			       "rejected\n  ratings.csv  26 rows, 1 accepted, "
			       "25 rejected; unknown item 25\n"
			       "    line 3, column 2: unknown item: '90'\n"));
	assert_non_null(strstr(text, "    line 22, column 2: unknown item: "
			       "'919'\n    ... and 5 more; taste check "));
	assert_non_null(strstr(text, "/ratings.csv lists all\n"));
	assert_null(strstr(text, "line 23,"));
	assert_non_null(strstr(text, "   1. \\x1B]0;x\\x07 (2000)"));
	assert_null(strchr(text, '\033'));
	free(text);
	stats_free(&s);
	catalog_free(c);
	tmp_catalog_free(dir);
	free(ratings);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tiny_counts_and_histogram),
		cmocka_unit_test(test_tiny_tails),
		cmocka_unit_test(test_tiny_tail_charts),
		cmocka_unit_test(test_tiny_tops),
		cmocka_unit_test(test_tiny_printed),
		cmocka_unit_test(test_books_from_histograms),
		cmocka_unit_test(test_movies_figures),
		cmocka_unit_test(test_printed_rejects),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
