/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_catalog: the bundled catalogues (counts, a known movie and book,
 * their ids kept apart, the note on what the books lack) and the
 * hand-made directories in tests/fixtures (rejected item rows with
 * their lines, tags grouped case-insensitively, IMDb ids padded,
 * goodbooks years, histograms and an optional ratings.csv); a goodbooks
 * directory with the real ratings.csv layout (when $SHARED_DIR has the
 * download's first 10,257 ratings); labels cut to a width; quotes in
 * the titles of the headerless dataset files; goodbooks tags that
 * cannot be used, or named (no tags.csv). */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
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
	/* taste import goodbooks DIR attaches the ratings (import.h) */
	assert_non_null(strstr(note, "'taste import goodbooks DIR'"));
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
	/* Too narrow for four columns of title, the ellipsis and the
	 * year: the label is cut, with the ellipsis. */
	catalog_item_label_fit(c, i, 8, false, buf, sizeof buf);
	assert_string_equal(buf, "Dr. Str\u2026");
	catalog_item_label_fit(c, i, 1, false, buf, sizeof buf);
	assert_string_equal(buf, "D");
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
	/* what is not a directory says so, not which files it lacks */
	assert_null(catalog_open("/nonexistent/taste", err, sizeof err));
	assert_string_equal(err, "/nonexistent/taste: No such file or "
			    "directory");
	assert_null(catalog_open("moives", err, sizeof err));
	assert_non_null(strstr(err, "no catalogue moives: the bundled ones "
			       "are movies and books"));
	assert_null(catalog_open(fixture("cases/07-half-stars.csv"), err,
				 sizeof err));
	assert_non_null(strstr(err, "07-half-stars.csv: Not a directory"));
	err[0] = '\0';
	assert_null(catalog_open(fixture("cases"), err, sizeof err));
	assert_non_null(strstr(err, "no movies.csv or books.csv"));
}

/* ---------------------------------------------------------------------
 * Catalogue directories made for one test
 * ------------------------------------------------------------------- */

#define MOVIES_HEAD "movieId,title,genres\n"
#define ONE_MOVIE MOVIES_HEAD "1,A (2000),Drama\n"

/* A fresh temporary directory (caller frees; tree_free removes it). */
static char *tree_new(void)
{
	char *dir = xstrdup("/tmp/taste-cat.XXXXXX");
	assert_non_null(mkdtemp(dir));
	return dir;
}

/* Write text to base/rel, making the directories of rel first. */
static void tree_file(const char *base, const char *rel, const char *text)
{
	char *path = xasprintf("%s/%s", base, rel);
	for (char *s = path + strlen(base) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(path, 0700);
		*s = '/';
	}
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

/* nftw callback: remove one entry, children first. */
static int tree_rm(const char *path, const struct stat *st, int flag,
		   struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Remove the tree and free its name. */
static void tree_free(char *base)
{
	nftw(base, tree_rm, 16, FTW_DEPTH | FTW_PHYS);
	free(base);
}

/* catalog_open(base/rel) must fail with a message containing want. */
static void open_fails(const char *base, const char *rel, const char *want)
{
	char err[512] = "";
	char *dir = xasprintf("%s/%s", base, rel);
	struct catalog *c = catalog_open(dir, err, sizeof err);
	if (c || !strstr(err, want))
		fail_msg("catalog_open(%s): '%s', want '%s'", dir, err, want);
	free(dir);
}

/* True when key is name, '-' and 16 lower-case hex digits. */
static bool key_is(const char *key, const char *name)
{
	size_t n = strlen(name);
	if (strncmp(key, name, n) != 0 || key[n] != '-' ||
	    strlen(key + n + 1) != 16)
		return false;
	return strspn(key + n + 1, "0123456789abcdef") == 16;
}

/* Bundled catalogues keep their names as keys; a directory gets its
 * name and a hash of its real path, so directories named alike (or
 * like a bundled one) never share a profile. */
static void test_keys(void **state)
{
	(void)state;
	struct catalog *m = open_ok("movies"), *b = open_ok("books");
	assert_string_equal(m->key, "movies");
	assert_string_equal(b->key, "books");
	char *t = tree_new();
	tree_file(t, "a/movies/movies.csv", ONE_MOVIE);
	tree_file(t, "b/movies/movies.csv", ONE_MOVIE);
	tree_file(t, "a/.hid den;x/movies.csv", ONE_MOVIE);
	char *pa = xasprintf("%s/a/movies", t), *pb = xasprintf("%s/b/movies",
								t);
	char *again = xasprintf("%s/b/../a/movies/", t);
	char *hidden = xasprintf("%s/a/.hid den;x", t);
	struct catalog *a = open_ok(pa), *bb = open_ok(pb);
	struct catalog *a2 = open_ok(again), *h = open_ok(hidden);
	assert_true(key_is(a->key, "movies") && key_is(bb->key, "movies"));
	assert_string_not_equal(a->key, bb->key);
	assert_string_equal(a->key, a2->key);
	assert_string_equal(a->name, "movies");
	assert_true(key_is(h->key, "_hid_den_x"));
	assert_string_equal(h->name, ".hid den;x");
	char cwd[4096];
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(pa), 0);
	struct catalog *dot = open_ok(".");
	assert_int_equal(chdir(cwd), 0);
	assert_string_equal(dot->key, a->key);
	assert_string_equal(dot->name, "movies");
	struct catalog *all[] = { m, b, a, bb, a2, h, dot };
	for (size_t k = 0; k < ARRAY_LEN(all); k++)
		catalog_free(all[k]);
	free(pa);
	free(pb);
	free(again);
	free(hidden);
	tree_free(t);
}

/* A file that is there but cannot be read is an error, never taken
 * for a missing one: a directory, a dangling link, no permission. */
static void test_unreadable_files(void **state)
{
	(void)state;
	char *t = tree_new();
	tree_file(t, "d/movies.csv", ONE_MOVIE);
	char *p = xasprintf("%s/d/ratings.csv", t);
	assert_int_equal(mkdir(p, 0700), 0);
	open_fails(t, "d", "ratings.csv: Is a directory");
	rmdir(p);
	assert_int_equal(symlink("/nonexistent/tags.csv", p), 0);
	open_fails(t, "d", "cannot open ");
	open_fails(t, "d", "/d/ratings.csv: No such file or directory");
	unlink(p);
	tree_file(t, "d/ratings.csv", "userId,movieId,rating\n1,1,4\n");
	if (geteuid() != 0) {       /* root reads a mode 000 file */
		assert_int_equal(chmod(p, 0), 0);
		open_fails(t, "d", "ratings.csv: Permission denied");
	}
	free(p);
	p = xasprintf("%s/e/movies.csv", t);
	tree_file(t, "e/books.csv", "book_id,title\n1,B\n");
	assert_int_equal(mkdir(p, 0700), 0);
	open_fails(t, "e", "movies.csv: Is a directory");
	free(p);
	tree_free(t);
}

/* The report of file in c, which must be there. */
static const struct report *report_of(const struct catalog *c,
				      const char *file)
{
	for (size_t k = 0; k < c->n_reports; k++)
		if (strcmp(strrchr(c->reports[k].path, '/') + 1, file) == 0)
			return &c->reports[k];
	fail_msg("no report for %s", file);
	return NULL;
}

/* Open base/rel, which must open. */
static struct catalog *open_in(const char *base, const char *rel)
{
	char *dir = xasprintf("%s/%s", base, rel);
	struct catalog *c = open_ok(dir);
	free(dir);
	return c;
}

/* Empty optional files are warnings; a ratings.csv with no usable
 * rating opens the catalogue without community ratings and says why. */
static void test_empty_and_useless_files(void **state)
{
	(void)state;
	char *t = tree_new();
	tree_file(t, "l/movies.csv", ONE_MOVIE);
	tree_file(t, "l/links.csv", "");
	tree_file(t, "l/tags.csv", "");
	tree_file(t, "r/movies.csv", ONE_MOVIE);
	tree_file(t, "r/ratings.csv", "");
	tree_file(t, "h/movies.csv", ONE_MOVIE);
	tree_file(t, "h/ratings.csv", "userId,movieId,rating\n");
	tree_file(t, "u/movies.csv", ONE_MOVIE);
	tree_file(t, "u/ratings.csv", "userId,movieId,rating\n1,99,4\n"
		  "2,98,3\n");
	struct catalog *l = open_in(t, "l");
	assert_int_equal(l->n_items, 1);
	assert_string_equal(report_of(l, "links.csv")->warnings[0],
			    "empty file: ignored");
	assert_string_equal(report_of(l, "tags.csv")->warnings[0],
			    "empty file: ignored");
	static const char *const why[] = {
		"empty file: no community ratings",
		"no data rows (only a header): no community ratings",
		"all 2 ratings are of items not in movies.csv: no community "
		"ratings" };
	static const char *const dirs[] = { "r", "h", "u" };
	for (size_t k = 0; k < 3; k++) {
		struct catalog *c = open_in(t, dirs[k]);
		const struct report *r = report_of(c, "ratings.csv");
		assert_false(c->has_ratings);
		assert_int_equal(c->m->nnz, 0);
		assert_int_equal(c->m->n_users, 0);
		assert_int_equal(r->n_warnings, 1);
		assert_string_equal(r->warnings[0], why[k]);
		assert_non_null(strstr(catalog_missing_note(c),
				       "ratings.csv has no usable rating"));
		catalog_free(c);
	}
	struct catalog *u = open_in(t, "u");
	const struct report *r = report_of(u, "ratings.csv");
	assert_int_equal(r->n_rejects, 2);
	assert_int_equal(r->rejects[0].line, 2);
	assert_int_equal(r->rejects[0].reason, REJ_UNKNOWN_ITEM);
	assert_int_equal(r->rejects[1].line, 3);
	catalog_free(u);
	catalog_free(l);
	tree_free(t);
}

/* An item file that gives no item is refused. */
static void test_no_items(void **state)
{
	(void)state;
	char *t = tree_new();
	tree_file(t, "h/movies.csv", MOVIES_HEAD);
	tree_file(t, "r/movies.csv", MOVIES_HEAD ",A (2000),Drama\n"
		  ",B (2001),Drama\n");
	tree_file(t, "o/movies.csv", MOVIES_HEAD "1,,Drama\n");
	tree_file(t, "b/books.csv", "book_id,title\n");
	open_fails(t, "h", "movies.csv has no movies (only a header)");
	open_fails(t, "r", "movies.csv has no movies: all 2 rows were "
		   "rejected (the first at line 2: empty id)");
	open_fails(t, "o", "movies.csv has no movies: 1 row, rejected "
		   "(line 2: bad value)");
	open_fails(t, "b", "books.csv has no books (only a header)");
	tree_free(t);
}

/* Case 13: a Latin-1 u.item whose rows have 3 of the 19 genre flags
 * opens with its 3 items (titles converted, genres from the flags
 * there are, one warning); messages name u.item, not movies.csv. */
static void test_uitem_cut_short(void **state)
{
	(void)state;
	char *t = tree_new();
	tree_file(t, "m/u.item", "1|Caf\xe9 \xc9toile (1995)|01-Jan-1995||"
		  "http://example.invalid/1|0|0|1\n"
		  "2|Plain Title (1996)|01-Jan-1996||x|0|1|0\n"
		  "3|Na\xefve Se\xf1or (1997)|01-Jan-1997||x|1|0|0\n");
	tree_file(t, "m/u.data", "1\t9\t5\t881250949\n");
	struct catalog *c = open_in(t, "m");
	assert_int_equal(c->n_items, 3);
	assert_string_equal(c->items[0].title, "Caf\u00e9 \u00c9toile");
	assert_int_equal(c->items[0].year, 1995);
	assert_string_equal(c->items[0].genres, "Adventure");
	assert_string_equal(c->items[1].genres, "Action");
	assert_null(c->items[2].genres);      /* only "unknown" set */
	assert_string_equal(c->reports[0].encoding, "latin-1 (guessed)");
	assert_int_equal(c->reports[0].n_warnings, 1);
	assert_non_null(strstr(c->reports[0].warnings[0],
			       "3 of the 19 genre flags"));
	assert_non_null(strstr(c->reports[1].warnings[0], "not in u.item"));
	catalog_free(c);
	tree_file(t, "e/u.item", "1||01-Jan-1995||x|0\n");
	tree_file(t, "e/u.data", "1\t9\t5\t881250949\n");
	open_fails(t, "e", "u.item has no movies: 1 row, rejected (line 1");
	tree_free(t);
}

/* The items of c with ids[0..n) have these titles and years, one
 * community rating each, and no file of c rejected a row. */
static void quoted_titles_are(const struct catalog *c, const char *const *ids,
			      const char *const *titles, const int *years,
			      size_t n)
{
	assert_int_equal(c->n_items, n);
	assert_int_equal(c->m->nnz, n);
	for (size_t k = 0; k < n; k++) {
		const struct item *it = item_of(c, ids[k]);
		assert_string_equal(it->title, titles[k]);
		assert_int_equal(it->year, years[k]);
		assert_int_equal(it->n_ratings, 1);
	}
	for (size_t k = 0; k < c->n_reports; k++)
		assert_int_equal(c->reports[k].rejected, 0);
}

/* The headerless files of MovieLens 1M/10M, MovieTweetings and 100k
 * have no quoting: a title that starts, holds or ends with a double
 * quote is read as written, and its ratings find it. */
static void test_dat_quoted_titles(void **state)
{
	(void)state;
	static const char *const ids[] = { "2", "3", "4", "5" };
	static const char *const tw_ids[] = { "0000008", "0000010" };
	static const char *const titles[] = {
		"\"Great Performances\" Cats", "Say \"Hi\"",
		"Called \"Q\"", "\"Heat" };
	static const int years[] = { 1998, 2000, 0, 1995 };
	char *t = tree_new();
	tree_file(t, "m1/movies.dat", "2::\"Great Performances\" Cats "
		  "(1998)::Musical\n3::Say \"Hi\" (2000)::Comedy\n"
		  "4::Called \"Q\"::Drama\n5::\"Heat (1995)::Action\n");
	tree_file(t, "m1/ratings.dat", "1::2::5::978300760\n"
		  "1::3::4::978300761\n2::4::3::978300762\n"
		  "2::5::2::978300763\n");
	tree_file(t, "m1/users.dat", "1::F::1::10::48067\n");
	tree_file(t, "tw/movies.dat", "0000008::\"Edison\" Sneeze (1894)"
		  "::Short\n0000010::La sortie \"usine\"::\n");
	tree_file(t, "tw/ratings.dat", "1::0000008::10::1375779598\n"
		  "1::0000010::0::1375779599\n");
	tree_file(t, "tw/users.dat", "1::123\n");
	tree_file(t, "k/u.item", "2|\"Great Performances\" Cats (1998)|"
		  "01-Jan-1998||x|0|0|0|0|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0\n"
		  "3|Say \"Hi\" (2000)|||x|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|"
		  "0|0|0\n"
		  "4|Called \"Q\"|||x|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0\n"
		  "5|\"Heat (1995)|||x|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0"
		  "\n");
	tree_file(t, "k/u.data", "1\t2\t5\t1\n1\t3\t4\t2\n2\t4\t3\t3\n"
		  "2\t5\t2\t4\n");
	struct catalog *c = open_in(t, "m1");
	assert_string_equal(c->label, "MovieLens 1M/10M");
	quoted_titles_are(c, ids, titles, years, 4);
	assert_string_equal(item_of(c, "2")->genres, "Musical");
	catalog_free(c);
	c = open_in(t, "k");
	assert_string_equal(c->label, "MovieLens 100k");
	quoted_titles_are(c, ids, titles, years, 4);
	assert_string_equal(item_of(c, "2")->genres, "Musical");
	assert_string_equal(item_of(c, "5")->genres, "Action");
	catalog_free(c);
	c = open_in(t, "tw");
	assert_string_equal(c->label, "MovieTweetings");
	static const char *const tw_titles[] = {
		"\"Edison\" Sneeze", "La sortie \"usine\"" };
	static const int tw_years[] = { 1894, 0 };
	quoted_titles_are(c, tw_ids, tw_titles, tw_years, 2);
	assert_string_equal(item_of(c, "0000008")->ext_id, "tt0000008");
	catalog_free(c);
	tree_free(t);
}

#define GB_HEAD "book_id,goodreads_book_id,title\n"
#define GB_TWO GB_HEAD "1,101,Alpha\n2,102,Beta\n"
#define GB_TAGS "tag_id,tag_name\n0,fantasy\n1,to-read\n"

/* goodbooks tags: a book_tags.csv none of whose rows can be used (an
 * unknown tag id, a book not in books.csv) gives no tags and rejects
 * each row; one without the tags.csv naming its tags is not read and
 * its report says so; a tags.csv alone is the bundled layout, and says
 * nothing. */
static void test_goodbooks_tags_unusable(void **state)
{
	(void)state;
	char *t = tree_new();
	tree_file(t, "u/books.csv", GB_TWO);
	tree_file(t, "u/tags.csv", GB_TAGS);
	tree_file(t, "u/book_tags.csv", "goodreads_book_id,tag_id,count\n"
		  "101,7,10\n999,0,3\n");
	tree_file(t, "n/books.csv", GB_TWO);
	tree_file(t, "n/book_tags.csv", "goodreads_book_id,tag_id,count\n"
		  "101,0,10\n");
	tree_file(t, "a/books.csv", GB_TWO);
	tree_file(t, "a/tags.csv", GB_TAGS);
	struct catalog *c = open_in(t, "u");
	const struct report *r = report_of(c, "book_tags.csv");
	assert_int_equal(r->rows, 2);
	assert_int_equal(r->accepted, 0);
	assert_int_equal(r->by_reason[REJ_BAD_VALUE], 1);
	assert_int_equal(r->by_reason[REJ_UNKNOWN_ITEM], 1);
	assert_int_equal(r->rejects[0].line, 2);
	assert_string_equal(r->rejects[0].text, "7");
	assert_null(item_of(c, "1")->tags);
	assert_null(item_of(c, "2")->tags);
	catalog_free(c);
	c = open_in(t, "n");
	assert_int_equal(c->n_reports, 2);
	r = report_of(c, "book_tags.csv");
	assert_int_equal(r->rows, 0);
	assert_int_equal(r->n_warnings, 1);
	assert_string_equal(r->warnings[0], "not read: there is no tags.csv "
			    "beside it to name its tags");
	assert_null(item_of(c, "1")->tags);
	catalog_free(c);
	c = open_in(t, "a");
	assert_int_equal(c->n_reports, 1);
	assert_int_equal(c->reports[0].n_warnings, 0);
	catalog_free(c);
	tree_free(t);
}

/* A fitted label never holds a control byte, and a cut never splits
 * an escape. */
static void test_label_fit_safe(void **state)
{
	(void)state;
	char *t = tree_new();
	tree_file(t, "m/movies.csv", MOVIES_HEAD
		  "1,\"Evil \033[2J\033]0;pwned\a Title (2000)\",Drama\n"
		  "2,\"C1 \302\23331m (2003)\",Drama\n");
	struct catalog *c = open_in(t, "m");
	char buf[512];
	setlocale(LC_ALL, "C.UTF-8");
	catalog_item_label_fit(c, 0, 80, false, buf, sizeof buf);
	assert_string_equal(buf, "Evil \\x1B[2J\\x1B]0;pwned\\x07 Title "
			    "(2000)");
	catalog_item_label_fit(c, 0, 23, false, buf, sizeof buf);
	assert_string_equal(buf, "Evil \\x1B[2J\u2026 (2000)");
	catalog_item_label_fit(c, 1, 80, false, buf, sizeof buf);
	assert_string_equal(buf, "C1 \\u009B31m (2003)");
	catalog_item_label(c, 1, buf, sizeof buf);
	assert_string_equal(buf, "C1 \302\23331m (2003)");  /* raw */
	setlocale(LC_ALL, "C");
	catalog_free(c);
	tree_free(t);
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
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_unreadable_files),
		cmocka_unit_test(test_empty_and_useless_files),
		cmocka_unit_test(test_no_items),
		cmocka_unit_test(test_uitem_cut_short),
		cmocka_unit_test(test_dat_quoted_titles),
		cmocka_unit_test(test_goodbooks_tags_unusable),
		cmocka_unit_test(test_label_fit_safe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
