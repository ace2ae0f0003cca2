/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for usertags: your shelves, tags and genres of items. Comma
 * lists as exports write them become "|" lists with shelves left out;
 * the file round-trips through a fresh open, is written only when an
 * item's words change, and one that cannot be read is reported. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "usertags.h"
#include "util.h"

/* Goodreads' Bookshelves and IMDb's Genres as comma lists. */
static void test_join(void **state)
{
	(void)state;
	char *s = usertags_join("sci-fi, favourites, to-read,  space opera",
				true);
	assert_string_equal(s, "sci-fi|space opera");
	free(s);
	s = usertags_join("Drama, Romance, Drama", false);
	assert_string_equal(s, "Drama|Romance");
	free(s);
	assert_null(usertags_join("to-read, owned, 2015", true));
	assert_null(usertags_join(" , ,", false));
	s = usertags_join("a|b, c", false);     /* a joined list again */
	assert_string_equal(s, "a|b|c");
	free(s);
}

/* A scratch directory's path, made. */
static char *scratch(void)
{
	char *dir = xstrdup("/tmp/taste-usertags-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return dir;
}

/* The file of key in dir (free()). */
static char *file_of(const char *dir, const char *key)
{
	return xasprintf("%s/%s.tags.csv", dir, key);
}

/* Set, save, open again: the same words; nothing changed, no write. */
static void test_round_trip(void **state)
{
	(void)state;
	char err[512] = "";
	char *dir = scratch();
	struct usertags *t = usertags_open(dir, "movies", err, sizeof err);
	assert_non_null(t);
	assert_int_equal(usertags_count(t), 0);
	assert_true(usertags_set(t, "4", "Action|Sci-Fi", NULL));
	assert_true(usertags_set(t, "7,x", NULL, "rainy, \"cosy\""));
	assert_false(usertags_set(t, "4", "Action|Sci-Fi", ""));
	assert_int_equal(usertags_save(t, err, sizeof err), 0);
	usertags_free(t);

	t = usertags_open(dir, "movies", err, sizeof err);
	assert_non_null(t);
	assert_int_equal(usertags_count(t), 2);
	assert_string_equal(usertags_genres(t, "4"), "Action|Sci-Fi");
	assert_null(usertags_tags(t, "4"));
	assert_string_equal(usertags_tags(t, "7,x"), "rainy, \"cosy\"");
	assert_null(usertags_genres(t, "9"));
	/* unchanged: the file is not written again */
	char *path = file_of(dir, "movies");
	struct stat before, after;
	assert_int_equal(stat(path, &before), 0);
	assert_false(usertags_set(t, "4", "Action|Sci-Fi", NULL));
	assert_int_equal(usertags_save(t, err, sizeof err), 0);
	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	usertags_free(t);
	unlink(path);
	free(path);
	rmdir(dir);
	free(dir);
}

/* A file that cannot be read is an error to open, with its path (and
 * so never written over); a missing one is an empty set. */
static void test_unreadable(void **state)
{
	(void)state;
	char err[512] = "";
	char *dir = scratch();
	char *path = file_of(dir, "books");
	assert_int_equal(mkdir(path, 0700), 0);     /* not a file */
	assert_null(usertags_open(dir, "books", err, sizeof err));
	assert_non_null(strstr(err, "books.tags.csv"));
	struct usertags *t = usertags_open(dir, "movies", err, sizeof err);
	assert_non_null(t);
	assert_int_equal(usertags_count(t), 0);
	usertags_free(t);
	rmdir(path);
	free(path);
	rmdir(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_join),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_unreadable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
