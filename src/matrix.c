/* SPDX-License-Identifier: GPL-3.0-or-later */
/* matrix: rating triplets and the sparse matrix built from them.
 *
 * Resolving duplicates needs the triplets grouped by (user, item), in
 * arrival order within a pair. Rating files nearly always come grouped
 * by user, so the rows are first checked for that; only when they are
 * not does a stable counting sort by user (O(n), no comparisons) group
 * them. Each user's run is then sorted by item on its own, stably: a
 * run already in item order is left alone, a short one takes an
 * insertion sort, a longer one a radix sort a byte of the item index
 * at a time (bytes on which the whole run agrees skipped). A run is a
 * few kB, so this works in the cache, where a counting sort of the
 * whole array by item scattered every row to one of tens of thousands
 * of places in memory (a tenth of a large import), and it needs no
 * second copy of the array. No comparison function is called per row
 * (qsort on each run cost as much). Each group then keeps one row by
 * policy, the latest or first by (timestamp, arrival) found by a scan
 * of the group. Values are never added together except to take a
 * mean.
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

	if (t->n == t->cap)         /* no call per row to learn it fits */
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

/* Stable counting sort of in[0..n) by user into out. */
static void counting_by_user(const struct triplet *in, struct triplet *out,
			     size_t n)
{
	uint32_t max = 0;
	uint64_t *start;
	size_t i;

	for (i = 0; i < n; i++)
		if (in[i].user > max)
			max = in[i].user;
	start = xcalloc((size_t)max + 2, sizeof *start);
	for (i = 0; i < n; i++)
		start[in[i].user + 1]++;
	for (i = 0; i <= max; i++)
		start[i + 1] += start[i];
	for (i = 0; i < n; i++)
		out[start[in[i].user]++] = in[i];
	free(start);
}

/* Runs of at most this many rows are insertion-sorted. */
#define RUN_INSERTION 24

/* Stable insertion sort of the short run v[0..n) by item. */
static void run_insertion(struct triplet *v, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		struct triplet x = v[i];

		for (j = i; j > 0 && v[j - 1].item > x.item; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* Stable LSD radix sort of v[0..n) by item, one byte at a time through
 * tmp (room for n); a byte on which all n agree is skipped. */
static void run_radix(struct triplet *v, size_t n, struct triplet *tmp)
{
	struct triplet *src = v, *dst = tmp, *swap;
	uint32_t all_or = 0, all_and = UINT32_MAX, differ;
	size_t count[256], i, sum;
	unsigned shift;

	for (i = 0; i < n; i++) {
		all_or |= v[i].item;
		all_and &= v[i].item;
	}
	differ = all_or ^ all_and;
	for (shift = 0; shift < 32; shift += 8) {
		if (!((differ >> shift) & 0xff))
			continue;
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++)
			count[(src[i].item >> shift) & 0xff]++;
		for (i = 0, sum = 0; i < 256; i++) {
			size_t c = count[i];

			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			dst[count[(src[i].item >> shift) & 0xff]++] = src[i];
		swap = src;
		src = dst;
		dst = swap;
	}
	if (src != v)
		memcpy(v, src, n * sizeof *v);
}

/* Sort one user's run v[0..n) stably by item (tmp: room for n). */
static void sort_run(struct triplet *v, size_t n, struct triplet *tmp)
{
	size_t i;

	for (i = 1; i < n && v[i].item >= v[i - 1].item; i++)
		;
	if (i >= n)
		return;                 /* already in item order */
	if (n <= RUN_INSERTION)
		run_insertion(v, n);
	else
		run_radix(v, n, tmp);
}

/* The longest run of one user in v[0..n), or 0 when the rows are not
 * grouped by user in ascending order. */
static size_t longest_user_run(const struct triplet *v, size_t n)
{
	size_t i, start = 0, longest = 0;

	for (i = 1; i <= n; i++) {
		if (i < n && v[i].user == v[start].user)
			continue;
		if (i < n && v[i].user < v[start].user)
			return 0;
		if (i - start > longest)
			longest = i - start;
		start = i;
	}
	return longest;
}

/* Exchange two arrays. */
static void swap_arrays(struct triplet **a, struct triplet **b)
{
	struct triplet *c = *a;

	*a = *b;
	*b = c;
}

/* Group t by user, ascending (a stable counting sort unless it already
 * is); returns scratch room for the longest user's run, to free. */
static struct triplet *triplets_group(struct triplets *t)
{
	size_t longest = longest_user_run(t->v, t->n);
	struct triplet *tmp;

	if (longest)
		return xmalloc(longest * sizeof *tmp);
	tmp = xmalloc(t->n * sizeof *tmp);
	counting_by_user(t->v, tmp, t->n);
	swap_arrays(&t->v, &tmp);       /* the old rows: scratch */
	t->cap = t->n;
	return tmp;
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

/* Count the duplicate pairs of the sorted run g[0..n) into s and,
 * unless policy is DUP_ERROR, write one row per pair to out (which
 * may be g itself, or lie before it). Returns the rows written. */
static size_t resolve_run(const struct triplet *g, size_t n,
			  enum dup_policy policy, struct triplet *out,
			  struct dup_stats *s)
{
	size_t i = 0, j, o = 0;

	while (i < n) {
		for (j = i + 1; j < n && g[j].item == g[i].item; j++)
			;
		if (j - i > 1) {
			s->pairs++;
			if (group_identical(g + i, j - i))
				s->identical++;
			else
				s->conflicting++;
		}
		if (policy != DUP_ERROR)
			out[o++] = resolve_group(g + i, j - i, policy);
		i = j;
	}
	return o;
}

/* Sort, count duplicate pairs and keep one row per pair by policy.
 * Each user's run is sorted and resolved while it is in the cache; the
 * rows kept are written over those already read. */
int triplets_resolve(struct triplets *t, enum dup_policy policy,
		     struct dup_stats *st)
{
	struct dup_stats s = { 0, 0, 0 };
	struct triplet *tmp;
	size_t i, j, o = 0;

	if (t->n == 0) {
		if (st)
			*st = s;
		return 0;
	}
	tmp = triplets_group(t);
	for (i = 0; i < t->n; i = j) {
		for (j = i + 1; j < t->n && t->v[j].user == t->v[i].user; j++)
			;
		sort_run(t->v + i, j - i, tmp);
		o += resolve_run(t->v + i, j - i, policy, t->v + o, &s);
	}
	free(tmp);
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
