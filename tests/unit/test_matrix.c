/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_matrix: duplicate resolution by policy (never summed), and the
 * CSR/CSC matrix built from resolved triplets. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "matrix.h"

/* Case 01 as triplets: u0 rated i0 twice (4 @1000, 2 @2000), i1 once;
 * u1 has an identical duplicate of i0. */
static void push_case01(struct triplets *t)
{
	triplets_push(t, 0, 0, 4, 1000);
	triplets_push(t, 0, 0, 2, 2000);
	triplets_push(t, 0, 1, 5, 1500);
	triplets_push(t, 1, 0, 3, 1100);
	triplets_push(t, 1, 0, 3, 1100);
}

/* Latest timestamp wins; the pairs are counted, values not summed. */
static void latest_policy_keeps_newest_and_counts_pairs(void **state)
{
	struct triplets t = { 0 };
	struct dup_stats st;

	(void)state;
	push_case01(&t);
	assert_int_equal(triplets_resolve(&t, DUP_LATEST, &st), 0);
	assert_int_equal(st.pairs, 2);
	assert_int_equal(st.conflicting, 1);
	assert_int_equal(st.identical, 1);
	assert_int_equal(t.n, 3);
	assert_true(t.v[0].user == 0 && t.v[0].item == 0 && t.v[0].value == 2);
	assert_true(t.v[1].user == 0 && t.v[1].item == 1 && t.v[1].value == 5);
	assert_true(t.v[2].user == 1 && t.v[2].item == 0 && t.v[2].value == 3);
	triplets_free(&t);
}

/* Without timestamps the last row in the file wins, even when the
 * input arrives out of user order. */
static void latest_without_timestamps_takes_last_row(void **state)
{
	struct triplets t = { 0 };

	(void)state;
	triplets_push(&t, 2, 5, 1, INT64_MIN);
	triplets_push(&t, 0, 3, 4, INT64_MIN);
	triplets_push(&t, 2, 5, 3, INT64_MIN);
	triplets_push(&t, 2, 5, 2, INT64_MIN);
	triplets_push(&t, 0, 1, 5, INT64_MIN);
	assert_int_equal(triplets_resolve(&t, DUP_LATEST, NULL), 0);
	assert_int_equal(t.n, 3);
	assert_true(t.v[0].user == 0 && t.v[0].item == 1);
	assert_true(t.v[1].user == 0 && t.v[1].item == 3);
	assert_true(t.v[2].user == 2 && t.v[2].item == 5 && t.v[2].value == 2);
	triplets_free(&t);
}

/* A tie on timestamp goes to the later arrival. */
static void latest_breaks_timestamp_ties_by_arrival(void **state)
{
	struct triplets t = { 0 };

	(void)state;
	triplets_push(&t, 0, 0, 1, 50);
	triplets_push(&t, 0, 0, 4, 50);
	triplets_push(&t, 0, 0, 2, 10);
	assert_int_equal(triplets_resolve(&t, DUP_LATEST, NULL), 0);
	assert_int_equal(t.n, 1);
	assert_true(t.v[0].value == 4);
	triplets_free(&t);
}

/* First keeps the earliest, mean averages, error refuses. */
static void first_mean_and_error_policies(void **state)
{
	struct triplets t = { 0 };
	struct dup_stats st;

	(void)state;
	push_case01(&t);
	assert_int_equal(triplets_resolve(&t, DUP_FIRST, NULL), 0);
	assert_int_equal(t.n, 3);
	assert_true(t.v[0].value == 4 && t.v[0].ts == 1000);
	triplets_free(&t);

	push_case01(&t);
	assert_int_equal(triplets_resolve(&t, DUP_MEAN, NULL), 0);
	assert_int_equal(t.n, 3);
	assert_true(t.v[0].value == 3);     /* (4 + 2) / 2, not 6 */
	assert_true(t.v[2].value == 3);
	triplets_free(&t);

	push_case01(&t);
	assert_int_equal(triplets_resolve(&t, DUP_ERROR, &st), -1);
	assert_int_equal(st.pairs, 2);
	assert_int_equal(t.n, 5);
	triplets_free(&t);

	triplets_push(&t, 0, 0, 4, 1);
	triplets_push(&t, 0, 1, 4, 1);
	assert_int_equal(triplets_resolve(&t, DUP_ERROR, &st), 0);
	assert_int_equal(st.pairs, 0);
	assert_int_equal(t.n, 2);
	triplets_free(&t);
}

/* Both orientations hold the same ratings, sorted, and users or items
 * without ratings still exist as empty rows and columns. */
static void build_gives_matching_csr_and_csc(void **state)
{
	struct triplets t = { 0 };
	struct rmatrix *m;
	struct rvec v;
	float x = 0;

	(void)state;
	triplets_push(&t, 2, 1, 3.5f, INT64_MIN);
	triplets_push(&t, 0, 2, 5, INT64_MIN);
	triplets_push(&t, 0, 0, 1, INT64_MIN);
	triplets_push(&t, 2, 0, 4.5f, INT64_MIN);
	assert_int_equal(triplets_resolve(&t, DUP_LATEST, NULL), 0);
	m = rmatrix_build(&t, 4, 4);
	assert_int_equal(m->n_users, 4);
	assert_int_equal(m->n_items, 4);
	assert_int_equal(m->nnz, 4);
	v = rmatrix_by_user(m, 0);
	assert_int_equal(v.n, 2);
	assert_true(v.idx[0] == 0 && v.idx[1] == 2 && v.val[1] == 5);
	assert_int_equal(rmatrix_by_user(m, 1).n, 0);
	assert_int_equal(rmatrix_by_user(m, 3).n, 0);
	v = rmatrix_by_item(m, 0);
	assert_int_equal(v.n, 2);
	assert_true(v.idx[0] == 0 && v.idx[1] == 2 && v.val[1] == 4.5f);
	assert_int_equal(rmatrix_by_item(m, 3).n, 0);
	assert_int_equal(rmatrix_by_item(m, 99).n, 0);
	assert_true(rmatrix_get(m, 2, 1, &x) && x == 3.5f);
	assert_false(rmatrix_get(m, 2, 2, &x));
	assert_false(rmatrix_get(m, 1, 0, &x));
	assert_false(rmatrix_get(m, 7, 0, &x));
	assert_true(rmatrix_density(m) == 0.25);
	assert_int_equal(rmatrix_bytes(m),
			 sizeof *m + 10 * sizeof(uint64_t) + 4 * 16);
	rmatrix_free(m);
	triplets_free(&t);
}

/* Case 06: sparse huge ids give a 2 x 2 matrix of a hundred-odd bytes,
 * not one sized by the id values. */
static void sparse_ids_give_a_small_matrix(void **state)
{
	struct triplets t = { 0 };
	struct rmatrix *m;

	(void)state;
	triplets_push(&t, 0, 0, 5, INT64_MIN);   /* 1, 1 */
	triplets_push(&t, 1, 0, 4, INT64_MIN);   /* 500000000, 1 */
	triplets_push(&t, 0, 1, 3, INT64_MIN);   /* 1, 3000000000 */
	assert_int_equal(triplets_resolve(&t, DUP_LATEST, NULL), 0);
	m = rmatrix_build(&t, 2, 2);
	assert_int_equal(m->nnz, 3);
	assert_true(rmatrix_bytes(m) < 200);
	rmatrix_free(m);
	triplets_free(&t);
}

/* Many users with shuffled arrivals: the counting sort plus per-user
 * sort gives (user, item) order and the matrix finds every rating. */
static void large_shuffled_input_sorts_and_builds(void **state)
{
	struct triplets t = { 0 };
	struct rmatrix *m;
	uint32_t k;
	size_t i;

	(void)state;
	for (k = 0; k < 50000; k++) {
		uint32_t u = (k * 7919u) % 1000, it = (k * 104729u) % 500;

		triplets_push(&t, u, it, (float)(k % 5 + 1), k);
	}
	assert_int_equal(triplets_resolve(&t, DUP_LATEST, NULL), 0);
	for (i = 1; i < t.n; i++)
		assert_true(t.v[i - 1].user < t.v[i].user ||
			    (t.v[i - 1].user == t.v[i].user &&
			     t.v[i - 1].item < t.v[i].item));
	m = rmatrix_build(&t, 1000, 500);
	assert_int_equal(m->nnz, t.n);
	for (i = 0; i < t.n; i += 101) {
		float x;

		assert_true(rmatrix_get(m, t.v[i].user, t.v[i].item, &x));
		assert_true(x == t.v[i].value);
	}
	rmatrix_free(m);
	triplets_free(&t);
}

/* Run every case of this file; cmocka prints TAP for the harness. */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(latest_policy_keeps_newest_and_counts_pairs),
		cmocka_unit_test(latest_without_timestamps_takes_last_row),
		cmocka_unit_test(latest_breaks_timestamp_ties_by_arrival),
		cmocka_unit_test(first_mean_and_error_policies),
		cmocka_unit_test(build_gives_matching_csr_and_csc),
		cmocka_unit_test(sparse_ids_give_a_small_matrix),
		cmocka_unit_test(large_shuffled_input_sorts_and_builds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
