/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_zipinfo: the CSV members of zip archives: a Letterboxd export
 * zipped (5 CSV files), a zip of a text file (none), an empty archive
 * (none); and -1 for what is no readable zip: a file that only starts
 * like one, a CSV file, a missing file, a zip cut short. What starts
 * like a zip is one (zipinfo_is_zip), whether it can be read or not. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fixture.h"
#include "util.h"
#include "zipinfo.h"

/* A scratch file holding the n bytes at p; its malloc'd path. */
static char *scratch(const void *p, size_t n)
{
	char *path = xstrdup("/tmp/taste-test-zip-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, p, n), (ssize_t)n);
	assert_int_equal(close(fd), 0);
	return path;
}

static void test_archives(void **state)
{
	(void)state;
	static const unsigned char empty[22] = { 'P', 'K', 5, 6 };
	assert_int_equal(zipinfo_csv_members(
		fixture("zip/letterboxd-export.zip")), 5);
	assert_int_equal(zipinfo_csv_members(fixture("zip/photos.zip")), 0);
	char *path = scratch(empty, sizeof empty);
	assert_int_equal(zipinfo_csv_members(path), 0);
	unlink(path);
	free(path);
}

static void test_not_zips(void **state)
{
	(void)state;
	char head[200];
	FILE *f = fopen(fixture("zip/letterboxd-export.zip"), "rb");
	assert_non_null(f);
	assert_int_equal(fread(head, 1, sizeof head, f), sizeof head);
	fclose(f);
	char *path = scratch(head, sizeof head);
	assert_int_equal(zipinfo_csv_members(path), -1);
	unlink(path);
	free(path);
	assert_int_equal(zipinfo_csv_members(
		fixture("import/letterboxd-export.zip")), -1);
	assert_int_equal(zipinfo_csv_members(fixture("import/generic.csv")),
			 -1);
	assert_int_equal(zipinfo_csv_members(fixture("zip/nothing.zip")),
			 -1);
	/* what starts like a zip is one, readable or not */
	assert_true(zipinfo_is_zip(fixture("zip/letterboxd-export.zip")));
	assert_true(zipinfo_is_zip(fixture("import/letterboxd-export.zip")));
	assert_false(zipinfo_is_zip(fixture("import/generic.csv")));
	assert_false(zipinfo_is_zip(fixture("import/letterboxd")));
	assert_false(zipinfo_is_zip(fixture("zip/nothing.zip")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_archives),
		cmocka_unit_test(test_not_zips),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
