/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_import_screen: the report's hints for the Import screen
 * (import_opts.screen), where no command-line option can be given: an
 * IMDb export's skipped title types, an export of books read into
 * movies, a taste export of another catalogue and a dataset given as
 * an export each say what to do on the screen, while the command
 * line's report keeps naming its options. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "fixture.h"
#include "import.h"
#include "util.h"

/* The fixture catalogue dir, or a failed test. */
static struct catalog *open_ok(const char *dir)
{
	char err[512];
	struct catalog *c = catalog_open(fixture(dir), err, sizeof err);
	if (!c)
		fail_msg("catalog_open(%s): %s", dir, err);
	return c;
}

/* Read fixture file (screen or not) and match it against dir. */
static void read_match(const char *file, const char *dir, bool screen,
		       struct import_result *r, struct catalog **c)
{
	struct import_opts o = { .screen = screen };
	char err[512] = "";
	if (import_read(fixture(file), &o, r, err, sizeof err) != 0)
		fail_msg("import_read(%s): %s", file, err);
	*c = open_ok(dir);
	import_match(r, *c, NULL, NULL);
}

/* True when some note of r is exactly s. */
static bool has_note(const struct import_result *r, const char *s)
{
	for (size_t k = 0; k < r->n_notes; k++)
		if (strcmp(r->notes[k], s) == 0)
			return true;
	return false;
}

/* True when some note of r holds s. */
static bool note_holds(const struct import_result *r, const char *s)
{
	for (size_t k = 0; k < r->n_notes; k++)
		if (strstr(r->notes[k], s))
			return true;
	return false;
}

static void test_title_types(void **state)
{
	(void)state;
	struct import_result r;
	struct catalog *c;
	read_match("import/imdb-14.csv", "import/movies", true, &r, &c);
	assert_true(has_note(&r, "skipped by title type (this screen keeps "
			     "movies and TV movies; 'taste import "
			     "--imdb-types' keeps others): 1 tvSeries, 1 "
			     "short"));
	assert_false(note_holds(&r, "--imdb-types changes"));
	import_result_free(&r);
	catalog_free(c);
	read_match("import/imdb-14.csv", "import/movies", false, &r, &c);
	assert_true(has_note(&r, "skipped by title type (--imdb-types "
			     "changes which are kept): 1 tvSeries, 1 short"));
	import_result_free(&r);
	catalog_free(c);
}

static void test_other_media(void **state)
{
	(void)state;
	struct import_result r;
	struct catalog *c;
	read_match("import/goodreads.csv", "import/movies", true, &r, &c);
	assert_true(has_note(&r, "this Goodreads library export is of books, "
			     "not movies: quit (q), start 'taste --catalog "
			     "books' and import it there with I"));
	assert_false(note_holds(&r, "PATH"));
	import_result_free(&r);
	catalog_free(c);
	read_match("import/letterboxd", "import/books", true, &r, &c);
	assert_true(has_note(&r, "this Letterboxd export is of movies, not "
			     "books: quit (q), start 'taste --catalog "
			     "movies' and import it there with I"));
	import_result_free(&r);
	catalog_free(c);
	read_match("import/goodreads.csv", "import/movies", false, &r, &c);
	assert_true(note_holds(&r, "'taste import --catalog books PATH'"));
	import_result_free(&r);
	catalog_free(c);
}

/* A taste export without a catalog column, of books: a row's id is
 * another title in movies. */
static char *write_books_export(void)
{
	char *path = xstrdup("/tmp/taste-test-screen-XXXXXX");
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	assert_non_null(f);
	fputs("item_id,title,year,rating\n1,Example Novel,2018,4\n", f);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* Read path (screen or not) and match it against the movies fixture;
 * the first row's why. */
static void first_why(const char *path, bool screen, char *buf, size_t n)
{
	struct import_opts o = { .format = "taste", .screen = screen };
	struct import_result r;
	char err[512] = "";
	if (import_read(path, &o, &r, err, sizeof err) != 0)
		fail_msg("import_read: %s", err);
	struct catalog *c = open_ok("import/movies");
	import_match(&r, c, NULL, NULL);
	xsnprintf(buf, n, "%s", r.rows[0].why ? r.rows[0].why : "");
	import_result_free(&r);
	catalog_free(c);
}

static void test_other_catalogue(void **state)
{
	(void)state;
	struct import_result r;
	struct catalog *c;
	char why[512];
	/* the export names its catalogue */
	read_match("../golden/export-books.out", "import/movies", true, &r,
		   &c);
	assert_int_equal(r.by_status[IMPORT_UNMATCHED], 5);
	assert_true(has_note(&r, "this export is of the catalogue "
			     "@FIXTURES@/import/books: quit (q), start "
			     "'taste --catalog @FIXTURES@/import/books' and "
			     "import it there with I"));
	assert_false(note_holds(&r, "PATH"));
	import_result_free(&r);
	catalog_free(c);
	/* it does not: its ids are other titles here */
	char *path = write_books_export();
	first_why(path, true, why, sizeof why);
	assert_string_equal(why, "id 1 is Example Movie (2004) in movies, "
			    "not this title: a file of another catalogue? "
			    "(quit and start 'taste --catalog' with its "
			    "name, then I)");
	first_why(path, false, why, sizeof why);
	assert_string_equal(why, "id 1 is Example Movie (2004) in movies, "
			    "not this title: a file of another catalogue? "
			    "(--catalog)");
	unlink(path);
	free(path);
}

static void test_dataset(void **state)
{
	(void)state;
	struct import_opts o = { .screen = true };
	struct import_result r;
	char err[1024], *want;
	const char *dir = fixture("import/ml-1m");
	assert_int_equal(import_read(dir, &o, &r, err, sizeof err), -1);
	want = xasprintf("%s is a dataset (MovieLens 1M/10M (:: .dat "
			 "files)), not an export: to browse it, quit (q) "
			 "and start 'taste --catalog %s'", dir, dir);
	assert_string_equal(err, want);
	free(want);
	import_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title_types),
		cmocka_unit_test(test_other_media),
		cmocka_unit_test(test_other_catalogue),
		cmocka_unit_test(test_dataset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
