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

/* Two writers at once (two imports): each saves its own items over
 * the file as the other left it, so both keep their words. */
static void test_two_writers(void **state)
{
	(void)state;
	char err[512] = "";
	char *dir = scratch();
	struct usertags *a = usertags_open(dir, "m", err, sizeof err);
	struct usertags *b = usertags_open(dir, "m", err, sizeof err);
	assert_non_null(a);
	assert_non_null(b);
	assert_true(usertags_set(a, "1", "Drama", NULL));
	assert_true(usertags_set(b, "2", NULL, "cosy"));
	assert_int_equal(usertags_save(a, err, sizeof err), 0);
	assert_int_equal(usertags_save(b, err, sizeof err), 0);
	/* b now holds a's item too, as the file does */
	assert_string_equal(usertags_genres(b, "1"), "Drama");
	usertags_free(a);
	usertags_free(b);
	struct usertags *t = usertags_open(dir, "m", err, sizeof err);
	assert_string_equal(usertags_genres(t, "1"), "Drama");
	assert_string_equal(usertags_tags(t, "2"), "cosy");
	usertags_free(t);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(dir);
}

/* A file with a line taste cannot read (cut inside a quote, a row of
 * two fields, no header) is read in part, says which line, and is not
 * written over: the line stays for you to mend. */
static void test_damaged_kept(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"item_id,genres,tags\n1,Drama,\n2,\"Crime|Drama,noir\n",
		"item_id,genres,tags\n1,Drama\n2,Crime,\n",
		"1,Drama,\n2,Crime,\n" };
	for (size_t k = 0; k < 3; k++) {
		char err[512] = "";
		char *dir = scratch();
		char *path = file_of(dir, "m");
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs(bad[k], f);
		fclose(f);
		struct usertags *t = usertags_open(dir, "m", err, sizeof err);
		assert_non_null(t);
		assert_non_null(usertags_problem(t));
		assert_non_null(strstr(usertags_problem(t), "m.tags.csv"));
		assert_true(usertags_set(t, "9", "Western", NULL));
		assert_int_equal(usertags_save(t, err, sizeof err), -1);
		assert_non_null(strstr(err, "cannot be read"));
		usertags_free(t);
		f = fopen(path, "r");
		char buf[256] = "";
		size_t n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		buf[n] = '\0';
		assert_string_equal(buf, bad[k]);       /* untouched */
		char *cmd = xasprintf("rm -rf '%s'", dir);
		assert_int_equal(system(cmd), 0);
		free(cmd);
		free(path);
		free(dir);
	}
}

/* Many words join in linear time: 60,000 shelves at once. */
static void test_many_words(void **state)
{
	(void)state;
	size_t n = 60000;
	char *list = xmalloc(n * 12 + 1), *p = list;
	for (size_t k = 0; k < n; k++)
		p += sprintf(p, "%sshelf%zu", k ? ", " : "", k % 30000);
	char *j = usertags_join(list, true);
	assert_non_null(j);
	size_t bars = 0;
	for (const char *q = j; *q; q++)
		bars += *q == '|';
	assert_int_equal(bars, 30000 - 1);      /* each once */
	free(j);
	free(list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_join),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_two_writers),
		cmocka_unit_test(test_damaged_kept),
		cmocka_unit_test(test_many_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
