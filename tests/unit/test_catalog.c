/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_catalog: the bundled catalogues (counts, a known movie and book,
 * their ids kept apart, the note on what the books lack) and the
 * hand-made directories in tests/fixtures (rejected item rows with
 * their lines, tags grouped case-insensitively, IMDb ids padded,
 * goodbooks years, histograms and an optional ratings.csv); a goodbooks
 * directory with the real ratings.csv layout (when $SHARED_DIR has the
 * download's first 10,257 ratings); labels cut to a width. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "fixture.h"
#include "text.h"
#include "util.h"

/* Open a catalogue that must open. */
static struct catalog *open_ok(const char *what)
{
	char err[512] = "";
	struct catalog *c = catalog_open(what, err, sizeof err);
	if (!c)
		fail_msg("catalog_open(%s): %s", what, err);
	return c;
}

/* The item with this id, which must exist. */
static const struct item *item_of(const struct catalog *c, const char *id)
{
	uint32_t i = catalog_find_id(c, id);
	if (i == INTERN_NONE)
		fail_msg("no item %s", id);
	return &c->items[i];
}

static void test_movies_counts(void **state)
{
	(void)state;
	struct catalog *c = open_ok("movies");
	assert_string_equal(c->name, "movies");
	assert_int_equal(c->kind, CATALOG_MOVIELENS);
	assert_int_equal(c->n_items, 9742);
	assert_int_equal(intern_count(c->item_ids), 9742);
	assert_int_equal(c->m->n_users, 610);
	assert_int_equal(intern_count(c->user_ids), 610);
	assert_int_equal(c->m->nnz, 100836);
	assert_true(c->has_ratings);
	assert_null(catalog_missing_note(c));
	assert_true(c->scale.min == 0.5 && c->scale.max == 5 &&
		    c->scale.step == 0.5);
	assert_int_equal(c->n_reports, 4);
	static const char *const files[] = {
		"movies.csv", "links.csv", "tags.csv", "ratings.csv" };
	for (size_t k = 0; k < 4; k++) {
		const char *p = c->reports[k].path;
		assert_string_equal(strrchr(p, '/') + 1, files[k]);
		assert_int_equal(c->reports[k].rejected, 0);
	}
	assert_int_equal(c->reports[0].accepted, 9742);
	assert_int_equal(c->reports[3].accepted, 100836);
	print_message("# catalog_open(\"movies\"): %.1f ms\n",
		      c->load_seconds * 1e3);
	catalog_free(c);
}

static void test_movies_matrix(void **state)
{
	(void)state;
	struct catalog *c = open_ok("movies");
	size_t others = 99;
	uint32_t i = catalog_find_title(c, "The Matrix (1999)", &others);
	assert_int_not_equal(i, INTERN_NONE);
	assert_int_equal(others, 0);
	const struct item *it = &c->items[i];
	assert_string_equal(intern_str(c->item_ids, i), "2571");
	assert_string_equal(it->title, "The Matrix");
	assert_int_equal(it->year, 1999);
	assert_string_equal(it->ext_id, "tt0133093");
	assert_string_equal(it->genres, "Action|Sci-Fi|Thriller");
	assert_null(it->creators);
	assert_int_equal(it->n_ratings, 278);
	assert_float_equal(it->mean, 4.19245, 1e-4);
	assert_non_null(it->tags);
	char label[128];
	catalog_item_label(c, i, label, sizeof label);
	assert_string_equal(label, "The Matrix (1999)");
	/* Case, accents and the MovieLens spelling all find it. */
	assert_int_equal(catalog_find_title(c, "the MATRIX", NULL), i);
	assert_int_equal(catalog_find_title(c, "Matrix, The (1999)", NULL),
			 i);
	assert_int_equal(catalog_find_title(c, "matrix", NULL), INTERN_NONE);
	catalog_free(c);
}

static void test_movies_ambiguous_title(void **state)
{
	(void)state;
	struct catalog *c = open_ok("movies");
	size_t others = 0;
	uint32_t i = catalog_find_title(c, "hamlet", &others);
	assert_int_not_equal(i, INTERN_NONE);
	assert_true(others >= 1);
	/* The most rated Hamlet comes first. */
	uint32_t all[16];
	size_t n = catalog_title_matches(c, "Hamlet", all, 16);
	assert_int_equal(n, others + 1);
	assert_int_equal(all[0], i);
	for (size_t k = 1; k < n; k++)
		assert_true(c->items[all[k - 1]].n_ratings >=
			    c->items[all[k]].n_ratings);
	assert_int_equal(catalog_find_title(c, "Hamlet (1996)", &others),
			 catalog_find_id(c, "1411"));
	assert_int_equal(others, 0);
	catalog_free(c);
}

static void test_movies_no_genres(void **state)
{
	(void)state;
	struct catalog *c = open_ok("movies");
	size_t none = 0;
	for (uint32_t i = 0; i < c->n_items; i++) {
		none += c->items[i].genres == NULL;
		assert_non_null(c->items[i].fold);
		assert_true(c->items[i].ext_id &&
			    strncmp(c->items[i].ext_id, "tt", 2) == 0);
	}
	assert_int_equal(none, 34);   /* "(no genres listed)" rows */
	catalog_free(c);
}

/* Lines that text takes when wrapped at spaces to cols columns. */
static size_t wrapped_lines(const char *text, size_t cols)
{
	size_t lines = 1, used = 0;
	while (*text) {
		text += strspn(text, " ");
		size_t w = strcspn(text, " ");
		if (used && used + 1 + w > cols) {
			lines++;
			used = 0;
		}
		used += (used ? 1 : 0) + w;
		text += w;
	}
	return lines;
}

static void test_books_bundled(void **state)
{
	(void)state;
	struct catalog *c = open_ok("books");
	assert_string_equal(c->name, "books");
	assert_int_equal(c->kind, CATALOG_GOODBOOKS);
	assert_int_equal(c->n_items, 10000);
	assert_false(c->has_ratings);
	assert_int_equal(c->m->nnz, 0);
	assert_int_equal(c->m->n_items, 10000);
	assert_non_null(c->hist);
	const char *note = catalog_missing_note(c);
	assert_non_null(note);
	assert_non_null(strstr(note, "'taste --catalog DIR'"));
	assert_null(strstr(note, "import"));   /* no such command yet */
	assert_int_equal(wrapped_lines(note, 80), 2);
	const struct item *it = item_of(c, "1");
	assert_string_equal(it->title, "The Hunger Games");
	assert_string_equal(it->series, "The Hunger Games, #1");
	assert_int_equal(it->year, 2008);
	assert_string_equal(it->creators, "Suzanne Collins");
	assert_string_equal(it->language, "eng");
	assert_string_equal(it->ext_id, "2767052");
	assert_int_equal(it->n_ratings, 4780653);
	/* sum(k * ratings_k) / sum(ratings_k) = 21459668 / 4942365 */
	assert_float_equal(it->mean, 21459668.0 / 4942365.0, 1e-5);
	/* book_id 2 is not goodreads_book_id 2: the namespaces stay
	 * apart. */
	assert_string_equal(item_of(c, "2")->ext_id, "3");
	assert_string_equal(c->items[catalog_find_id(c, "2")].title,
			    "Harry Potter and the Sorcerer's Stone");
	assert_int_equal(c->n_reports, 1);
	assert_int_equal(c->reports[0].accepted, 10000);
	print_message("# catalog_open(\"books\"): %.1f ms\n",
		      c->load_seconds * 1e3);
	catalog_free(c);
}

static void test_tiny_movies(void **state)
{
	(void)state;
	struct catalog *c = open_ok(fixture("tiny-movies"));
	assert_string_equal(c->name, "tiny-movies");
	assert_int_equal(c->n_items, 7);
	assert_int_equal(c->m->n_users, 4);
	assert_int_equal(c->m->nnz, 12);
	const struct report *movies = &c->reports[0];
	assert_int_equal(movies->rows, 9);
	assert_int_equal(movies->accepted, 7);
	assert_int_equal(movies->rejected, 2);
	assert_int_equal(movies->rejects[0].line, 9);
	assert_int_equal(movies->rejects[0].reason, REJ_EMPTY_ID);
	assert_int_equal(movies->rejects[1].line, 10);
	assert_int_equal(movies->rejects[1].reason, REJ_DUPLICATE_ID);
	/* The duplicate id kept its first row. */
	assert_string_equal(item_of(c, "3")->title, "Alien");
	const struct report *tags = &c->reports[2];
	assert_int_equal(tags->rejected, 1);
	assert_int_equal(tags->rejects[0].line, 8);
	assert_int_equal(tags->rejects[0].reason, REJ_UNKNOWN_ITEM);
	const struct report *ratings = &c->reports[3];
	assert_int_equal(ratings->rejected, 1);
	assert_int_equal(ratings->by_reason[REJ_UNKNOWN_ITEM], 1);
	assert_int_equal(ratings->rejects[0].line, 12);
	assert_string_equal(item_of(c, "1")->tags,
			    "Keanu|cyberpunk|philosophy");
	assert_string_equal(item_of(c, "2")->tags, "Paris");
	assert_null(item_of(c, "3")->tags);
	assert_string_equal(item_of(c, "4")->tags, "paris");
	assert_string_equal(item_of(c, "5")->tags, "quirky|Sweet");
	assert_string_equal(item_of(c, "2")->ext_id, "tt0211915");
	assert_null(item_of(c, "4")->ext_id);
	assert_null(item_of(c, "5")->genres);
	assert_int_equal(item_of(c, "5")->year, 0);
	assert_int_equal(item_of(c, "1")->n_ratings, 3);
	assert_float_equal(item_of(c, "1")->mean, 4.5, 1e-6);
	assert_true(isnan(item_of(c, "5")->mean));
	assert_int_equal(item_of(c, "5")->n_ratings, 0);
	assert_string_equal(item_of(c, "2")->fold, "amelie 2001");
	assert_int_equal(item_of(c, "2")->fold_title, 6);
	catalog_free(c);
}

static void test_tiny_books(void **state)
{
	(void)state;
	struct catalog *c = open_ok(fixture("tiny-books"));
	assert_int_equal(c->kind, CATALOG_GOODBOOKS);
	assert_int_equal(c->n_items, 3);
	assert_true(c->has_ratings);
	assert_null(catalog_missing_note(c));
	assert_int_equal(c->m->n_users, 2);
	assert_int_equal(c->m->nnz, 3);
	assert_int_equal(c->reports[0].rejected, 1);
	assert_int_equal(c->reports[0].rejects[0].line, 5);
	assert_int_equal(c->reports[0].rejects[0].column, 9);
	assert_int_equal(c->reports[0].rejects[0].reason, REJ_BAD_VALUE);
	assert_int_equal(c->reports[1].by_reason[REJ_UNKNOWN_ITEM], 1);
	const struct item *hg = item_of(c, "1");
	assert_float_equal(hg->mean, 460.0 / 120.0, 1e-5);
	assert_int_equal(hg->n_ratings, 100);
	const struct item *od = item_of(c, "2");
	assert_int_equal(od->year, -720);
	assert_string_equal(od->ext_id, "007");   /* zeros kept */
	assert_float_equal(od->mean, 3.73, 1e-5);  /* no histogram */
	const struct item *un = item_of(c, "3");
	assert_int_equal(un->year, 0);
	assert_null(un->language);
	assert_null(un->series);
	assert_string_equal(un->creators, "A. Author, B. Writer");
	assert_int_equal(catalog_find_id(c, "4"), INTERN_NONE);
	catalog_free(c);
}

/* A goodbooks-10k download: books.csv and ratings.csv (user_id,
 * book_id, rating). The bundled books.csv and the first 10,257 rows
 * of the real ratings.csv stand for it. */
static void test_goodbooks_download(void **state)
{
	(void)state;
	const char *shared = getenv("SHARED_DIR");
	char *ratings = xasprintf("%s/data/goodbooks-10k/head-prefix/"
				  "ratings.csv", shared ? shared : "");
	if (!shared || !*shared || access(ratings, R_OK) != 0) {
		free(ratings);
		skip();
	}
	char dir[] = "/tmp/taste-test-goodbooks-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *books = xasprintf("%s/books.csv", dir);
	char *link = xasprintf("%s/ratings.csv", dir);
	assert_int_equal(symlink(srcfile("data/books/books.csv"), books), 0);
	assert_int_equal(symlink(ratings, link), 0);
	struct catalog *c = open_ok(dir);
	assert_int_equal(c->kind, CATALOG_GOODBOOKS);
	assert_true(c->has_ratings);
	assert_null(catalog_missing_note(c));
	assert_int_equal(c->n_items, 10000);
	assert_int_equal(c->m->nnz, 10257);
	assert_int_equal(c->m->n_users, 268);
	assert_int_equal(c->n_reports, 2);
	assert_int_equal(c->reports[1].accepted, 10257);
	assert_int_equal(c->reports[1].rejected, 0);
	assert_true(c->scale.min == 1 && c->scale.max == 5 &&
		    c->scale.step == 1);
	/* book_id 2 (the Sorcerer's Stone) has 63 of those ratings,
	 * summing to 241. */
	struct rvec col = rmatrix_by_item(c->m, catalog_find_id(c, "2"));
	double sum = 0;
	for (size_t k = 0; k < col.n; k++)
		sum += col.val[k];
	assert_int_equal(col.n, 63);
	assert_float_equal(sum, 241, 1e-9);
	catalog_free(c);
	unlink(books);
	unlink(link);
	rmdir(dir);
	free(books);
	free(link);
	free(ratings);
}

/* The label cut to a width keeps its year and ends the title with an
 * ellipsis. */
static void test_label_fit(void **state)
{
	(void)state;
	struct catalog *c = open_ok("movies");
	uint32_t i = catalog_find_id(c, "750");
	char buf[256];
	setlocale(LC_ALL, "C.UTF-8");
	catalog_item_label_fit(c, i, 44, false, buf, sizeof buf);
	assert_string_equal(buf, "Dr. Strangelove or: How I Learned to\u2026 "
			    "(1964)");
	assert_int_equal(text_width(buf), 44);
	catalog_item_label_fit(c, i, 44, true, buf, sizeof buf);
	assert_string_equal(buf, "Dr. Strangelove or: How I Learned... "
			    "(1964)");
	catalog_item_label_fit(c, i, 200, false, buf, sizeof buf);
	assert_string_equal(buf, "Dr. Strangelove or: How I Learned to Stop "
			    "Worrying and Love the Bomb (1964)");
	/* Too narrow for title, ellipsis and year: the label is cut. */
	catalog_item_label_fit(c, i, 8, false, buf, sizeof buf);
	assert_string_equal(buf, "Dr. Stra");
	i = catalog_find_id(c, "2571");
	catalog_item_label_fit(c, i, 17, false, buf, sizeof buf);
	assert_string_equal(buf, "The Matrix (1999)");
	catalog_item_label_fit(c, i, 16, false, buf, sizeof buf);
	assert_string_equal(buf, "The Matr\u2026 (1999)");
	setlocale(LC_ALL, "C");
	catalog_free(c);
}

static void test_open_errors(void **state)
{
	(void)state;
	char err[512] = "";
	assert_null(catalog_open("/nonexistent/taste", err, sizeof err));
	assert_non_null(strstr(err, "no movies.csv or books.csv"));
	err[0] = '\0';
	assert_null(catalog_open(fixture("cases"), err, sizeof err));
	assert_true(strlen(err) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_movies_counts),
		cmocka_unit_test(test_movies_matrix),
		cmocka_unit_test(test_movies_ambiguous_title),
		cmocka_unit_test(test_movies_no_genres),
		cmocka_unit_test(test_books_bundled),
		cmocka_unit_test(test_tiny_movies),
		cmocka_unit_test(test_tiny_books),
		cmocka_unit_test(test_goodbooks_download),
		cmocka_unit_test(test_label_fit),
		cmocka_unit_test(test_open_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
