/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_intern: ids are opaque strings with dense indices, pointers stay
 * valid while the table grows, and a full table says so. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "intern.h"

/* "007", "7" and "7.0" are three ids; adding one again finds it. */
static void leading_zeros_make_different_ids(void **state)
{
	struct intern *t = intern_new();
	bool added;

	(void)state;
	assert_int_equal(intern_add(t, "007", 3, &added), 0);
	assert_true(added);
	assert_int_equal(intern_add(t, "7", 1, &added), 1);
	assert_true(added);
	assert_int_equal(intern_add(t, "7.0", 3, NULL), 2);
	assert_int_equal(intern_add(t, "007", 3, &added), 0);
	assert_false(added);
	assert_int_equal(intern_find(t, "7"), 1);
	assert_int_equal(intern_find(t, "07"), INTERN_NONE);
	assert_string_equal(intern_str(t, 2), "7.0");
	assert_int_equal(intern_count(t), 3);
	intern_free(t);
}

/* The length given counts, not the NUL: "12" out of "123". */
static void add_uses_the_given_length(void **state)
{
	struct intern *t = intern_new();

	(void)state;
	assert_int_equal(intern_add(t, "123", 2, NULL), 0);
	assert_string_equal(intern_str(t, 0), "12");
	assert_int_equal(intern_find(t, "12"), 0);
	assert_int_equal(intern_find(t, "123"), INTERN_NONE);
	assert_int_equal(intern_add(t, "", 0, NULL), 1);
	assert_int_equal(intern_find(t, ""), 1);
	intern_free(t);
}

/* 200k ids through many doublings: indices dense, first pointers
 * unchanged, every id found again. */
static void growth_keeps_indices_and_pointers(void **state)
{
	struct intern *t = intern_new();
	const char *first = NULL;
	char buf[32];
	uint32_t i;

	(void)state;
	for (i = 0; i < 200000; i++) {
		int n = snprintf(buf, sizeof buf, "id-%u", i * 7919u);

		assert_int_equal(intern_add(t, buf, (size_t)n, NULL), i);
		if (i == 0)
			first = intern_str(t, 0);
	}
	assert_ptr_equal(intern_str(t, 0), first);
	assert_string_equal(first, "id-0");
	for (i = 0; i < 200000; i += 997) {
		snprintf(buf, sizeof buf, "id-%u", i * 7919u);
		assert_int_equal(intern_find(t, buf), i);
	}
	assert_int_equal(intern_count(t), 200000);
	assert_null(intern_str(t, 200000));
	intern_free(t);
}

/* A long id (a 26-digit number, a 10 kB string) is just a string. */
static void long_ids_are_kept_whole(void **state)
{
	struct intern *t = intern_new();
	static char big[10001];

	(void)state;
	memset(big, 'x', sizeof big - 1);
	assert_int_equal(intern_add(t, "99999999999999999999999999", 26, NULL),
			 0);
	assert_int_equal(intern_add(t, big, sizeof big - 1, NULL), 1);
	assert_int_equal(strlen(intern_str(t, 1)), 10000);
	assert_int_equal(intern_find(t, big), 1);
	intern_free(t);
}

/* Once full, new ids get INTERN_NONE while known ids still resolve. */
static void full_table_refuses_new_ids(void **state)
{
	struct intern *t = intern_new();

	(void)state;
	intern_set_limit(t, 2);
	assert_int_equal(intern_add(t, "a", 1, NULL), 0);
	assert_int_equal(intern_add(t, "b", 1, NULL), 1);
	assert_int_equal(intern_add(t, "c", 1, NULL), INTERN_NONE);
	assert_int_equal(intern_add(t, "a", 1, NULL), 0);
	assert_int_equal(intern_count(t), 2);
	intern_free(t);
}

/* Run every case of this file; cmocka prints TAP for the harness. */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(leading_zeros_make_different_ids),
		cmocka_unit_test(add_uses_the_given_length),
		cmocka_unit_test(growth_keeps_indices_and_pointers),
		cmocka_unit_test(long_ids_are_kept_whole),
		cmocka_unit_test(full_table_refuses_new_ids),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
