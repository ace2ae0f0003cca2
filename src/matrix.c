/* SPDX-License-Identifier: GPL-3.0-or-later */
/* matrix: rating triplets and the sparse matrix built from them.
 *
 * Resolving duplicates needs the triplets grouped by (user, item). Two
 * stable counting sorts (by item, then by user: O(n) each, no
 * comparisons) leave them in (user, item, arrival) order; each group
 * then keeps one row by policy, the latest or first by (timestamp,
 * arrival) found by a scan of the group. No comparison function is
 * called per row, which made sorting each user's run with qsort a
 * tenth of a large import. Values are never added together except to
 * take a mean.
 *
 * The matrix is CSR by user plus CSC by item with 64-bit pointers, so
 * neither orientation is derived from the other on a hot path. */
#include <config.h>

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "matrix.h"
#include "util.h"

/* Append one rating; its arrival number is its position. */
void triplets_push(struct triplets *t, uint32_t user, uint32_t item,
		   float value, int64_t ts)
{
	struct triplet *p;

	xgrow((void **)&t->v, &t->cap, t->n + 1, sizeof *t->v);
	p = &t->v[t->n];
	p->user = user;
	p->item = item;
	p->value = value;
	p->ts = ts;
	p->seq = t->n++;
}

/* Free the array; t is empty and usable after. */
void triplets_free(struct triplets *t)
{
	free(t->v);
	memset(t, 0, sizeof *t);
}

/* Stable counting sort of in[0..n) by key (user or item) into out. */
static void counting_pass(const struct triplet *in, struct triplet *out,
			  size_t n, bool by_user)
{
	uint32_t max = 0;
	uint64_t *start;
	size_t i;

	for (i = 0; i < n; i++) {
		uint32_t k = by_user ? in[i].user : in[i].item;
		if (k > max)
			max = k;
	}
	start = xcalloc((size_t)max + 2, sizeof *start);
	for (i = 0; i < n; i++)
		start[(by_user ? in[i].user : in[i].item) + 1]++;
	for (i = 0; i <= max; i++)
		start[i + 1] += start[i];
	for (i = 0; i < n; i++)
		out[start[by_user ? in[i].user : in[i].item]++] = in[i];
	free(start);
}

/* Order t by (user, item, arrival): by item, then stably by user. */
static void triplets_sort(struct triplets *t)
{
	struct triplet *tmp;

	if (t->n < 2)
		return;
	tmp = xmalloc(t->n * sizeof *tmp);
	counting_pass(t->v, tmp, t->n, false);
	counting_pass(tmp, t->v, t->n, true);
	free(tmp);
}

/* True when a comes after b by (timestamp, arrival). */
static bool triplet_later(const struct triplet *a, const struct triplet *b)
{
	return a->ts != b->ts ? a->ts > b->ts : a->seq > b->seq;
}

/* The row kept for the group g[0..n) (in arrival order): the first by
 * (timestamp, arrival) for DUP_FIRST, else the latest (DUP_MEAN keeps
 * the latest with the mean value). */
static struct triplet resolve_group(const struct triplet *g, size_t n,
				    enum dup_policy policy)
{
	const struct triplet *first = g, *last = g;
	struct triplet keep;
	double sum = 0;
	size_t i;

	for (i = 1; i < n; i++) {
		if (triplet_later(&g[i], last))
			last = &g[i];
		if (triplet_later(first, &g[i]))
			first = &g[i];
	}
	switch (policy) {
	case DUP_FIRST:
		return *first;
	case DUP_MEAN:
		keep = *last;
		for (i = 0; i < n; i++)
			sum += g[i].value;
		keep.value = (float)(sum / (double)n);
		return keep;
	case DUP_LATEST:
	case DUP_ERROR:
	default:
		return *last;
	}
}

/* True when all values in g[0..n) are the same. */
static bool group_identical(const struct triplet *g, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (g[i].value != g[0].value)
			return false;
	return true;
}

/* Sort, count duplicate pairs and keep one row per pair by policy. */
int triplets_resolve(struct triplets *t, enum dup_policy policy,
		     struct dup_stats *st)
{
	struct dup_stats s = { 0, 0, 0 };
	size_t i = 0, j, o = 0;

	triplets_sort(t);
	while (i < t->n) {
		for (j = i + 1; j < t->n && t->v[j].user == t->v[i].user &&
		     t->v[j].item == t->v[i].item; j++)
			;
		if (j - i > 1) {
			s.pairs++;
			if (group_identical(t->v + i, j - i))
				s.identical++;
			else
				s.conflicting++;
		}
		if (policy != DUP_ERROR)
			t->v[o++] = resolve_group(t->v + i, j - i, policy);
		i = j;
	}
	if (st)
		*st = s;
	if (policy == DUP_ERROR) {
		if (s.pairs)
			return -1;
		o = t->n;
	}
	t->n = o;
	return 0;
}

/* Build CSR by user and CSC by item from resolved triplets (sorted by
 * user then item, one per pair). */
struct rmatrix *rmatrix_build(const struct triplets *t, uint32_t n_users,
			      uint32_t n_items)
{
	struct rmatrix *m = xcalloc(1, sizeof *m);
	uint64_t *fill;
	size_t i;

	m->n_users = n_users;
	m->n_items = n_items;
	m->nnz = t->n;
	m->user_ptr = xcalloc((size_t)n_users + 1, sizeof *m->user_ptr);
	m->item_ptr = xcalloc((size_t)n_items + 1, sizeof *m->item_ptr);
	m->user_item = xmalloc(t->n * sizeof *m->user_item);
	m->user_val = xmalloc(t->n * sizeof *m->user_val);
	m->item_user = xmalloc(t->n * sizeof *m->item_user);
	m->item_val = xmalloc(t->n * sizeof *m->item_val);
	for (i = 0; i < t->n; i++) {
		const struct triplet *p = &t->v[i];

		assert(p->user < n_users && p->item < n_items);
		assert(i == 0 || p->user > p[-1].user ||
		       (p->user == p[-1].user && p->item > p[-1].item));
		m->user_ptr[p->user + 1]++;
		m->item_ptr[p->item + 1]++;
		m->user_item[i] = p->item;
		m->user_val[i] = p->value;
	}
	for (i = 0; i < n_users; i++)
		m->user_ptr[i + 1] += m->user_ptr[i];
	for (i = 0; i < n_items; i++)
		m->item_ptr[i + 1] += m->item_ptr[i];
	fill = xmalloc(((size_t)n_items + 1) * sizeof *fill);
	memcpy(fill, m->item_ptr, ((size_t)n_items + 1) * sizeof *fill);
	for (i = 0; i < t->n; i++) {    /* users ascend: columns sorted */
		uint64_t k = fill[t->v[i].item]++;

		m->item_user[k] = t->v[i].user;
		m->item_val[k] = t->v[i].value;
	}
	free(fill);
	return m;
}

/* Free the matrix (NULL is fine). */
void rmatrix_free(struct rmatrix *m)
{
	if (!m)
		return;
	free(m->user_ptr);
	free(m->user_item);
	free(m->user_val);
	free(m->item_ptr);
	free(m->item_user);
	free(m->item_val);
	free(m);
}

/* The ratings of one user, items ascending (empty when out of range). */
struct rvec rmatrix_by_user(const struct rmatrix *m, uint32_t user)
{
	struct rvec v = { 0, NULL, NULL };
	uint64_t a;

	if (user >= m->n_users)
		return v;
	a = m->user_ptr[user];
	v.n = (size_t)(m->user_ptr[user + 1] - a);
	v.idx = m->user_item + a;
	v.val = m->user_val + a;
	return v;
}

/* The ratings of one item, users ascending (empty when out of range). */
struct rvec rmatrix_by_item(const struct rmatrix *m, uint32_t item)
{
	struct rvec v = { 0, NULL, NULL };
	uint64_t a;

	if (item >= m->n_items)
		return v;
	a = m->item_ptr[item];
	v.n = (size_t)(m->item_ptr[item + 1] - a);
	v.idx = m->item_user + a;
	v.val = m->item_val + a;
	return v;
}

/* Binary search of the user's row for item. */
bool rmatrix_get(const struct rmatrix *m, uint32_t user, uint32_t item,
		 float *value)
{
	struct rvec r = rmatrix_by_user(m, user);
	size_t lo = 0, hi = r.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r.idx[mid] == item) {
			if (value)
				*value = r.val[mid];
			return true;
		}
		if (r.idx[mid] < item)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Bytes the matrix holds: both orientations and their pointers. */
size_t rmatrix_bytes(const struct rmatrix *m)
{
	return sizeof *m +
	       ((size_t)m->n_users + 1 + (size_t)m->n_items + 1) *
	       sizeof(uint64_t) +
	       (size_t)m->nnz * 2 * (sizeof(uint32_t) + sizeof(float));
}

/* nnz / (users x items), 0 for an empty shape. */
double rmatrix_density(const struct rmatrix *m)
{
	double cells = (double)m->n_users * (double)m->n_items;

	return cells > 0 ? (double)m->nnz / cells : 0.0;
}
