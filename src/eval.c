/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eval: the data an evaluation runs on, its splits, and the metrics of a
 * model fitted on the train side only (see eval.h for the contract).
 *
 * Every data source ends up in one index space held by a catalogue: the
 * opened catalogue itself, or one built here from the files (ids as
 * titles, unless a MovieLens 100k u.item beside the file gives titles,
 * years and genres). Users and items met only on the test side are
 * added to that space, so they simply have no training ratings: that is
 * what makes a pair cold, and such pairs are counted, not scored.
 *
 * During a run the model sees a view of the catalogue whose rating
 * counts, means and matrix come from the train side, so popularity and
 * means cannot carry test ratings into a fit. Item features (genres,
 * tags) are content, not ratings, and are kept.
 *
 * Ranking scores every item for each ranked user with score_all and
 * keeps the top k among the items that user has not rated in training;
 * users are handed to worker threads one small block at a time, each
 * user's figures land in its own slot, and the sums are taken in user
 * order afterwards, so the thread count never changes a digit. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "csvread.h"
#include "eval.h"
#include "i18n.h"
#include "intern.h"
#include "ratings_file.h"
#include "text.h"
#include "util.h"

/* Users handed to a ranking thread at a time: small enough to balance
 * users with long and short histories, large enough to keep the shared
 * counter cold. */
#define EVAL_BLOCK 8
/* The catalogue's genre placeholder carries no information. */
#define NO_GENRES "(no genres listed)"

/* =====================================================================
 * Splits
 * ===================================================================== */

/* A seeded permutation of 0..n-1 (Fisher-Yates; the modulo bias of a
 * 64-bit draw over n < 2^40 is below 1e-7 and accepted). */
size_t *eval_permutation(size_t n, uint64_t seed)
{
	size_t *p = xmalloc((n ? n : 1) * sizeof *p);
	uint64_t state = seed;
	for (size_t i = 0; i < n; i++)
		p[i] = i;
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(util_rng_next(&state) % i);
		size_t tmp = p[i - 1];
		p[i - 1] = p[j];
		p[j] = tmp;
	}
	return p;
}

/* Copy the rows of all whose mark equals want into out, in order. */
static void eval_take(const struct triplets *all, const bool *mark,
		      bool want, struct triplets *out)
{
	size_t n = 0;
	for (size_t i = 0; i < all->n; i++)
		n += mark[i] == want;
	out->v = xmalloc((n ? n : 1) * sizeof *out->v);
	out->cap = n ? n : 1;
	out->n = 0;
	for (size_t i = 0; i < all->n; i++)
		if (mark[i] == want)
			out->v[out->n++] = all->v[i];
}

/* Split all into train (unmarked) and test (marked), keeping order. */
static void eval_partition(const struct triplets *all, const bool *mark,
			   struct triplets *train, struct triplets *test)
{
	eval_take(all, mark, false, train);
	eval_take(all, mark, true, test);
}

/* round(n * fraction) clamped to 0..n. */
static size_t eval_count(size_t n, double fraction)
{
	if (!(fraction > 0))
		return 0;
	if (fraction >= 1)
		return n;
	return (size_t)llround((double)n * fraction);
}

/* Seeded random split by pair. */
void eval_split_random(const struct triplets *all, double fraction,
		       uint64_t seed, struct triplets *train,
		       struct triplets *test)
{
	size_t n_test = eval_count(all->n, fraction);
	size_t *perm = eval_permutation(all->n, seed);
	bool *mark = xcalloc(all->n ? all->n : 1, sizeof *mark);
	for (size_t i = 0; i < n_test; i++)
		mark[perm[i]] = true;
	eval_partition(all, mark, train, test);
	free(mark);
	free(perm);
}

/* Fold f of k: positions [f n / k, (f + 1) n / k) of the permutation. */
void eval_split_kfold(const struct triplets *all, int k, int f,
		      uint64_t seed, struct triplets *train,
		      struct triplets *test)
{
	size_t n = all->n;
	size_t lo = (size_t)((uint64_t)n * (uint64_t)f / (uint64_t)k);
	size_t hi = (size_t)((uint64_t)n * (uint64_t)(f + 1) / (uint64_t)k);
	size_t *perm = eval_permutation(n, seed);
	bool *mark = xcalloc(n ? n : 1, sizeof *mark);
	for (size_t i = lo; i < hi; i++)
		mark[perm[i]] = true;
	eval_partition(all, mark, train, test);
	free(mark);
	free(perm);
}

/* A row's place in time, for the holdout and temporal splits. */
struct eval_when {
	uint32_t user;
	int64_t ts;
	uint64_t seq;
	size_t idx;
};

/* Order by user, then time, then arrival. */
static int eval_when_by_user(const void *a, const void *b)
{
	const struct eval_when *x = a, *y = b;
	if (x->user != y->user)
		return x->user < y->user ? -1 : 1;
	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Order by time, then arrival. */
static int eval_when_by_time(const void *a, const void *b)
{
	const struct eval_when *x = a, *y = b;
	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Each row's (user, ts, seq, index), sorted by cmp. */
static struct eval_when *eval_whens(const struct triplets *all,
				    int (*cmp)(const void *, const void *))
{
	struct eval_when *w = xmalloc((all->n ? all->n : 1) * sizeof *w);
	for (size_t i = 0; i < all->n; i++) {
		const struct triplet *t = &all->v[i];
		w[i] = (struct eval_when){ t->user, t->ts, t->seq, i };
	}
	qsort(w, all->n, sizeof *w, cmp);
	return w;
}

/* Per-user holdout: the last n of each user with more than n. */
void eval_split_user(const struct triplets *all, int n,
		     struct triplets *train, struct triplets *test)
{
	struct eval_when *w = eval_whens(all, eval_when_by_user);
	bool *mark = xcalloc(all->n ? all->n : 1, sizeof *mark);
	size_t keep = n > 0 ? (size_t)n : 0;
	for (size_t a = 0, b; a < all->n; a = b) {
		for (b = a; b < all->n && w[b].user == w[a].user; b++)
			;
		if (b - a > keep)
			for (size_t i = b - keep; i < b; i++)
				mark[w[i].idx] = true;
	}
	eval_partition(all, mark, train, test);
	free(mark);
	free(w);
}

/* Global temporal cutoff. */
int eval_split_temporal(const struct triplets *all, double fraction,
			struct triplets *train, struct triplets *test,
			char *err, size_t errlen)
{
	for (size_t i = 0; i < all->n; i++)
		if (all->v[i].ts == INT64_MIN) {
			xsnprintf(err, errlen, _("the ratings have no "
				  "timestamps: a temporal split needs them"));
			return -1;
		}
	size_t n_test = eval_count(all->n, fraction);
	if (n_test == 0) {
		xsnprintf(err, errlen, _("the test fraction leaves no test "
			  "ratings"));
		return -1;
	}
	struct eval_when *w = eval_whens(all, eval_when_by_time);
	int64_t cutoff = w[all->n - n_test].ts;
	free(w);
	bool *mark = xcalloc(all->n, sizeof *mark);
	size_t n_train = 0;
	for (size_t i = 0; i < all->n; i++) {
		mark[i] = all->v[i].ts >= cutoff;
		n_train += !mark[i];
	}
	if (n_train == 0) {
		free(mark);
		xsnprintf(err, errlen, _("every rating is at the cutoff time: "
			  "no training ratings would be left"));
		return -1;
	}
	eval_partition(all, mark, train, test);
	free(mark);
	return 0;
}

/* Compare two packed (user, item) keys. */
static int eval_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* The distinct packed pairs of t, sorted; *n gets their count. */
static uint64_t *eval_pairs(const struct triplets *t, size_t *n)
{
	uint64_t *p = xmalloc((t->n ? t->n : 1) * sizeof *p);
	for (size_t i = 0; i < t->n; i++)
		p[i] = (uint64_t)t->v[i].user << 32 | t->v[i].item;
	qsort(p, t->n, sizeof *p, eval_cmp_u64);
	size_t k = 0;
	for (size_t i = 0; i < t->n; i++)
		if (k == 0 || p[k - 1] != p[i])
			p[k++] = p[i];
	*n = k;
	return p;
}

/* Pairs present on both sides, by a merge of the sorted pair lists. */
uint64_t eval_overlap(const struct triplets *a, const struct triplets *b)
{
	size_t na, nb, i = 0, j = 0;
	uint64_t *pa = eval_pairs(a, &na), *pb = eval_pairs(b, &nb);
	uint64_t both = 0;
	while (i < na && j < nb) {
		if (pa[i] == pb[j]) {
			both++;
			i++;
			j++;
		} else if (pa[i] < pb[j]) {
			i++;
		} else {
			j++;
		}
	}
	free(pa);
	free(pb);
	return both;
}

/* =====================================================================
 * Data: the index space and the rows
 * ===================================================================== */

/* MovieLens 100k's genre columns of u.item, in file order. */
static const char *const uitem_genres[] = {
	"unknown", "Action", "Adventure", "Animation", "Children",
	"Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir",
	"Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller",
	"War", "Western",
};
#define UITEM_FIRST_GENRE 5

/* Append an item with id (title, year and genres may be NULL/0) to a
 * catalogue being built; false when the id is already there. */
static bool eval_cat_add(struct catalog *c, size_t *cap, const char *id,
			 const char *title, int year, char *genres)
{
	bool added = false;
	uint32_t i = intern_add(c->item_ids, id, strlen(id), &added);
	if (i == INTERN_NONE)
		fatal("too many item ids");
	if (!added) {
		free(genres);
		return false;
	}
	xgrow((void **)&c->items, cap, (size_t)i + 1, sizeof *c->items);
	struct item *it = &c->items[i];
	memset(it, 0, sizeof *it);
	it->id = i;
	it->title = xstrdup(title && *title ? title : id);
	it->year = year;
	it->genres = genres;
	it->mean = NAN;
	it->fold = text_fold(it->title);
	it->fold_title = (uint32_t)strlen(it->fold);
	c->n_items = i + 1;
	return true;
}

/* The '|'-joined names of the genre flags set in a u.item row. */
static char *uitem_genre_list(char **fields, size_t n_fields)
{
	char buf[512];
	size_t len = 0;
	buf[0] = '\0';
	for (size_t g = 0; g < ARRAY_LEN(uitem_genres); g++) {
		size_t col = UITEM_FIRST_GENRE + g;
		if (col >= n_fields || strcmp(fields[col], "1") != 0)
			continue;
		len += xsnprintf(buf + len, sizeof buf - len, "%s%s",
				 len ? "|" : "", uitem_genres[g]);
	}
	return len ? xstrdup(buf) : NULL;
}

struct uitem_ctx {
	struct catalog *cat;
	size_t cap;
};

/* One u.item row: id|title (year)|date|video date|url|19 genre flags. */
static int uitem_row(void *ctx, uint64_t line, char **fields,
		     size_t n_fields)
{
	struct uitem_ctx *u = ctx;
	(void)line;
	if (n_fields < 2 || !*fields[0])
		return 0;
	struct title_parts tp;
	text_split_movie_title(fields[1], &tp);
	eval_cat_add(u->cat, &u->cap, fields[0], tp.title, tp.year,
		     uitem_genre_list(fields, n_fields));
	free(tp.title);
	return 0;
}

/* The directory part of path ("." when there is none), malloc'd. */
static char *eval_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Read u.item from dir into c when it is there: the items then form a
 * closed set (ratings of other ids are rejected). */
static bool eval_read_uitem(struct catalog *c, size_t *cap, const char *dir)
{
	char *path = xasprintf("%s/u.item", dir);
	struct csvfile f;
	struct csvread_opts o = { .delim = "|", .encoding = CSV_ENC_AUTO,
				  .no_quotes = true };  /* u.item has none */
	char err[256];
	bool ok = false;
	if (access(path, R_OK) == 0 &&
	    csvread_open(&f, path, &o, err, sizeof err) == 0) {
		struct uitem_ctx u = { c, *cap };
		ok = csvread_each(&f, uitem_row, &u, err, sizeof err) == 0 &&
		     c->n_items > 0;
		*cap = u.cap;
		csvread_close(&f);
	}
	free(path);
	return ok;
}

/* An empty catalogue named after the file at path, with u.item's items
 * when there is one beside it (*closed tells). */
static struct catalog *eval_cat_new(const char *path, size_t *cap,
				    bool *closed)
{
	struct catalog *c = xcalloc(1, sizeof *c);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	c->name = xstrdup(base);
	c->label = xstrdup(path);
	c->dir = eval_dirname(path);
	c->kind = CATALOG_MOVIELENS;
	c->scale = SCALE_GENERIC;
	c->item_ids = intern_new();
	c->user_ids = intern_new();
	*cap = 0;
	*closed = eval_read_uitem(c, cap, c->dir);
	return c;
}

/* Counts and means of each item from the matrix m. */
static void eval_item_means(struct item *items, uint32_t n_items,
			    const struct rmatrix *m)
{
	for (uint32_t i = 0; i < n_items; i++) {
		struct rvec col = rmatrix_by_item(m, i);
		double sum = 0;
		for (size_t k = 0; k < col.n; k++)
			sum += col.val[k];
		items[i].n_ratings = (uint32_t)col.n;
		items[i].mean = col.n ? (float)(sum / (double)col.n) : NAN;
	}
}

/* Finish a built catalogue: items for ids the files added, and the
 * community matrix from community (the rows a fit may see). */
static void eval_cat_finish(struct catalog *c, size_t *cap,
			    const struct triplets *community)
{
	uint32_t n = intern_count(c->item_ids);
	for (uint32_t i = c->n_items; i < n; i++) {
		const char *id = intern_str(c->item_ids, i);
		xgrow((void **)&c->items, cap, (size_t)i + 1,
		      sizeof *c->items);
		struct item *it = &c->items[i];
		memset(it, 0, sizeof *it);
		it->id = i;
		it->title = xstrdup(id);
		it->mean = NAN;
		it->fold = text_fold(id);
		it->fold_title = (uint32_t)strlen(it->fold);
	}
	c->n_items = n;
	c->m = rmatrix_build(community, intern_count(c->user_ids), n);
	c->has_ratings = true;
	eval_item_means(c->items, c->n_items, c->m);
}

/* Copy the ids of from into to and return the old-to-new index map. */
static uint32_t *eval_merge_ids(struct intern *to, const struct intern *from)
{
	uint32_t n = intern_count(from);
	uint32_t *map = xmalloc((n ? n : 1) * sizeof *map);
	for (uint32_t i = 0; i < n; i++) {
		const char *s = intern_str(from, i);
		map[i] = intern_add(to, s, strlen(s), NULL);
		if (map[i] == INTERN_NONE)
			fatal("too many ids");
	}
	return map;
}

/* Move the rows of r into out, their ids rewritten into c's tables. */
static void eval_adopt(struct catalog *c, struct ratings *r,
		       struct triplets *out)
{
	uint32_t *umap = eval_merge_ids(c->user_ids, r->users);
	uint32_t *imap = r->items ? eval_merge_ids(c->item_ids, r->items)
				  : NULL;
	for (size_t i = 0; i < r->t.n; i++) {
		struct triplet *t = &r->t.v[i];
		t->user = umap[t->user];
		if (imap)
			t->item = imap[t->item];
	}
	*out = r->t;
	memset(&r->t, 0, sizeof r->t);
	free(umap);
	free(imap);
}

/* Load path with ratings_load into c's index space; the rows go to out. */
static int eval_load_into(struct catalog *c, bool closed, const char *path,
			  struct triplets *out, struct scale *sc,
			  uint64_t *rejected, char *err, size_t errlen)
{
	struct ratings_opts o;
	struct ratings r;
	ratings_opts_default(&o);
	if (closed)
		o.known_items = c->item_ids;
	memset(&r, 0, sizeof r);
	if (ratings_load(path, &o, &r, err, errlen) != 0) {
		ratings_free(&r);
		return -1;
	}
	if (sc)
		*sc = r.report.has_scale ? r.report.scale : SCALE_GENERIC;
	*rejected += r.report.rejected;
	eval_adopt(c, &r, out);
	ratings_free(&r);
	return 0;
}

/* Sort rows by (user, item) so every source looks the same. */
static int eval_cmp_pair(const void *a, const void *b)
{
	const struct triplet *x = a, *y = b;
	if (x->user != y->user)
		return x->user < y->user ? -1 : 1;
	return x->item < y->item ? -1 : x->item > y->item;
}

/* Sort rows by (user, item) (qsort must not see a NULL array). */
static void eval_sort_pairs(struct triplets *t)
{
	if (t->n > 1)
		qsort(t->v, t->n, sizeof *t->v, eval_cmp_pair);
}

/* The rows of an opened catalogue, from its matrix. */
static void eval_rows_from_matrix(const struct rmatrix *m,
				  struct triplets *out)
{
	out->v = xmalloc((m->nnz ? m->nnz : 1) * sizeof *out->v);
	out->cap = m->nnz ? m->nnz : 1;
	out->n = 0;
	for (uint32_t u = 0; u < m->n_users; u++)
		for (uint64_t k = m->user_ptr[u]; k < m->user_ptr[u + 1];
		     k++)
			out->v[out->n++] = (struct triplet){
				u, m->user_item[k], m->user_val[k],
				INT64_MIN, out->n };
}

/* The rows of an opened catalogue with their timestamps, read again from
 * its ratings.csv (users mapped to the catalogue's by id). */
static int eval_rows_with_time(const struct catalog *cat,
			       struct triplets *out, uint64_t *rejected,
			       char *err, size_t errlen)
{
	char *path = xasprintf("%s/ratings.csv", cat->dir);
	struct ratings_opts o;
	struct ratings r;
	ratings_opts_default(&o);
	o.known_items = cat->item_ids;
	memset(&r, 0, sizeof r);
	int rc = ratings_load(path, &o, &r, err, errlen);
	free(path);
	if (rc == 0) {
		size_t k = 0;
		for (size_t i = 0; i < r.t.n; i++) {
			struct triplet t = r.t.v[i];
			t.user = intern_find(cat->user_ids,
					     intern_str(r.users, t.user));
			if (t.user == INTERN_NONE || !cat->m ||
			    t.user >= cat->m->n_users)
				(*rejected)++;
			else
				r.t.v[k++] = t;
		}
		r.t.n = k;
		*out = r.t;
		memset(&r.t, 0, sizeof r.t);
	}
	ratings_free(&r);
	return rc;
}

/* Evaluate on an opened catalogue. */
int eval_data_from_catalog(struct eval_data *d, const struct catalog *cat,
			   bool need_time, char *err, size_t errlen)
{
	memset(d, 0, sizeof *d);
	d->cat = (struct catalog *)cat;
	xsnprintf(d->source, sizeof d->source, "catalogue");
	if (!need_time) {
		eval_rows_from_matrix(cat->m, &d->all);
	} else if (eval_rows_with_time(cat, &d->all, &d->rows_rejected, err,
				       errlen) != 0) {
		return -1;
	}
	eval_sort_pairs(&d->all);
	if (d->all.n == 0) {
		xsnprintf(err, errlen, _("catalogue %s has no ratings to "
			  "evaluate on"), cat->name);
		return -1;
	}
	return 0;
}

/* ---- files with a split column -------------------------------------- */

enum { COL_USER, COL_ITEM, COL_RATING, COL_TS, COL_SPLIT, COL_COUNT };

struct splitfile {
	struct catalog *cat;
	bool closed;
	int col[COL_COUNT];       /* field index, -1 when absent */
	int max_col;
	bool header_done;
	struct scale sc;
	struct triplets train, test;
	uint64_t rejected;
};

/* Which column a header name is, or -1. */
static int split_col_kind(const char *name)
{
	static const char *const names[][4] = {
		{ "userid", "user_id", "user", NULL },
		{ "movieid", "item_id", "book_id", "item" },
		{ "rating", NULL, NULL, NULL },
		{ "timestamp", NULL, NULL, NULL },
		{ "split", NULL, NULL, NULL },
	};
	for (int c = 0; c < COL_COUNT; c++)
		for (int k = 0; k < 4 && names[c][k]; k++)
			if (strcasecmp(name, names[c][k]) == 0)
				return c;
	return -1;
}

/* Read the header row: column positions and the scale it implies. */
static void split_header(struct splitfile *s, char **fields, size_t n)
{
	for (int c = 0; c < COL_COUNT; c++)
		s->col[c] = -1;
	s->max_col = -1;
	for (size_t i = 0; i < n; i++) {
		int c = split_col_kind(fields[i]);
		if (c >= 0 && s->col[c] < 0) {
			s->col[c] = (int)i;
			if ((int)i > s->max_col)
				s->max_col = (int)i;
		}
		if (strcasecmp(fields[i], "movieId") == 0)
			s->sc = SCALE_MOVIELENS;
	}
	s->header_done = true;
}

/* A timestamp field: empty gives INT64_MIN; false when malformed. */
static bool split_parse_ts(const char *f, int64_t *ts)
{
	if (!*f) {
		*ts = INT64_MIN;
		return true;
	}
	char *end;
	errno = 0;
	long long v = strtoll(f, &end, 10);
	if (errno || *end)
		return false;
	*ts = v;
	return true;
}

/* One data row of a split-column file, or a rejected one. */
static void split_row(struct splitfile *s, char **fields, size_t n)
{
	double v;
	bool inf;
	int64_t ts = INT64_MIN;
	const char *side;
	if ((int)n <= s->max_col)
		goto reject;
	const char *user = fields[s->col[COL_USER]];
	const char *item = fields[s->col[COL_ITEM]];
	side = fields[s->col[COL_SPLIT]];
	if (!*user || !*item || !scale_parse(fields[s->col[COL_RATING]],
					     &v, &inf))
		goto reject;
	enum scale_verdict sv = scale_check(&s->sc, v);
	if (sv != SCALE_OK && sv != SCALE_OFF_STEP)
		goto reject;
	if (s->col[COL_TS] >= 0 && !split_parse_ts(fields[s->col[COL_TS]],
						   &ts))
		goto reject;
	struct triplets *to = strcasecmp(side, "train") == 0 ? &s->train
			    : strcasecmp(side, "test") == 0 ? &s->test : NULL;
	uint32_t i = s->closed ? intern_find(s->cat->item_ids, item)
			       : intern_add(s->cat->item_ids, item,
					    strlen(item), NULL);
	if (!to || i == INTERN_NONE)
		goto reject;
	uint32_t u = intern_add(s->cat->user_ids, user, strlen(user), NULL);
	triplets_push(to, u, i, (float)v, ts);
	return;
reject:
	s->rejected++;
}

/* csvread callback: the header, then data rows; stops after the header
 * when the file has no split column (or lacks a needed one). */
static int split_record(void *ctx, uint64_t line, char **fields, size_t n)
{
	struct splitfile *s = ctx;
	(void)line;
	if (!s->header_done) {
		split_header(s, fields, n);
		bool usable = s->col[COL_SPLIT] >= 0 &&
			      s->col[COL_USER] >= 0 &&
			      s->col[COL_ITEM] >= 0 &&
			      s->col[COL_RATING] >= 0;
		return usable ? 0 : 1;
	}
	split_row(s, fields, n);
	return 0;
}

/* Resolve both sides of a pre-assigned split and count their overlap. */
static int eval_resolve_sides(struct eval_data *d, char *err,
			      size_t errlen)
{
	struct dup_stats st;
	triplets_resolve(&d->train, DUP_LATEST, &st);
	triplets_resolve(&d->test, DUP_LATEST, &st);
	d->overlap = eval_overlap(&d->train, &d->test);
	if (d->train.n == 0 || d->test.n == 0) {
		xsnprintf(err, errlen, d->train.n ? _("no test ratings")
			  : _("no training ratings"));
		return -1;
	}
	return 0;
}

/* Read a file with a split column. 1 when it has none (read it as a
 * plain ratings file), 0 when read, -1 on error. */
static int eval_read_splitfile(struct eval_data *d, const char *path,
			       bool closed, size_t *cap, char *err,
			       size_t errlen)
{
	struct csvfile f;
	struct splitfile s = { .cat = d->cat, .closed = closed,
			       .sc = SCALE_GENERIC };
	if (csvread_open(&f, path, NULL, err, errlen) != 0)
		return -1;
	int rc = csvread_each(&f, split_record, &s, err, errlen);
	csvread_close(&f);
	if (rc != 0) {
		triplets_free(&s.train);
		triplets_free(&s.test);
		return rc < 0 ? -1 : 1;
	}
	d->cat->scale = s.sc;
	d->train = s.train;
	d->test = s.test;
	d->rows_rejected += s.rejected;
	d->preassigned = true;
	xsnprintf(d->source, sizeof d->source, "split column");
	if (eval_resolve_sides(d, err, errlen) != 0)
		return -1;
	eval_cat_finish(d->cat, cap, &d->train);
	return 0;
}

/* Evaluate on one ratings file (split by eval, or by its split column). */
int eval_data_from_file(struct eval_data *d, const char *path, char *err,
			size_t errlen)
{
	size_t cap;
	bool closed;
	memset(d, 0, sizeof *d);
	d->cat = eval_cat_new(path, &cap, &closed);
	d->own_cat = true;
	int rc = eval_read_splitfile(d, path, closed, &cap, err, errlen);
	if (rc <= 0)
		return rc;
	xsnprintf(d->source, sizeof d->source, "file");
	if (eval_load_into(d->cat, closed, path, &d->all, &d->cat->scale,
			   &d->rows_rejected, err, errlen) != 0)
		return -1;
	eval_sort_pairs(&d->all);
	eval_cat_finish(d->cat, &cap, &d->all);
	return 0;
}

/* Evaluate on given train and test files. */
int eval_data_from_pair(struct eval_data *d, const char *train_path,
			const char *test_path, char *err, size_t errlen)
{
	size_t cap;
	bool closed;
	memset(d, 0, sizeof *d);
	d->cat = eval_cat_new(train_path, &cap, &closed);
	d->own_cat = true;
	d->preassigned = true;
	xsnprintf(d->source, sizeof d->source, "train/test files");
	if (eval_load_into(d->cat, closed, train_path, &d->train,
			   &d->cat->scale, &d->rows_rejected, err,
			   errlen) != 0 ||
	    eval_load_into(d->cat, closed, test_path, &d->test, NULL,
			   &d->rows_rejected, err, errlen) != 0)
		return -1;
	eval_sort_pairs(&d->train);
	eval_sort_pairs(&d->test);
	d->overlap = eval_overlap(&d->train, &d->test);
	eval_cat_finish(d->cat, &cap, &d->train);
	if (d->train.n == 0 || d->test.n == 0) {
		xsnprintf(err, errlen, d->train.n ? _("no test ratings")
			  : _("no training ratings"));
		return -1;
	}
	return 0;
}

/* Free what eval_data_from_* made. */
void eval_data_free(struct eval_data *d)
{
	triplets_free(&d->all);
	triplets_free(&d->train);
	triplets_free(&d->test);
	if (d->own_cat)
		catalog_free(d->cat);
	memset(d, 0, sizeof *d);
}

/* =====================================================================
 * Metrics
 * ===================================================================== */

/* min + 0.75 x range, raised to the next value on the scale's steps:
 * 4 on 1-5 and on 0.5-5 (3.875 -> 4), 8 on 1-10. */
double eval_relevant_min(const struct scale *sc)
{
	double t = sc->min + 0.75 * (sc->max - sc->min);
	if (!(sc->step > 0))
		return t;
	double steps = ceil((t - sc->min) / sc->step - 1e-9);
	return sc->min + steps * sc->step;
}

/* k = 10, the scale's relevance threshold, two threads, ranking on. */
void eval_opts_default(struct eval_opts *o, const struct scale *sc)
{
	o->k = 10;
	o->relevant_min = eval_relevant_min(sc);
	o->threads = 2;
	o->ranking = true;
	o->cancel = NULL;
}

/* True when x is in the sorted array a[0..n). */
static bool eval_in_sorted(const uint32_t *a, size_t n, uint32_t x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] == x)
			return true;
		if (a[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* One user's precision, recall, NDCG and AP at k. */
void eval_rank_user(const uint32_t *list, size_t n, const uint32_t *rel,
		    size_t n_rel, int k, struct eval_rank *out)
{
	size_t kk = k > 0 ? (size_t)k : 0;
	size_t ideal = n_rel < kk ? n_rel : kk;
	double dcg = 0, idcg = 0, ap = 0;
	size_t hits = 0;
	memset(out, 0, sizeof *out);
	if (kk == 0 || n_rel == 0)
		return;
	for (size_t r = 0; r < n && r < kk; r++) {
		if (!eval_in_sorted(rel, n_rel, list[r]))
			continue;
		hits++;
		dcg += 1.0 / log2((double)r + 2.0);
		ap += (double)hits / (double)(r + 1);
	}
	for (size_t r = 0; r < ideal; r++)
		idcg += 1.0 / log2((double)r + 2.0);
	out->precision = (double)hits / (double)kk;
	out->recall = (double)hits / (double)n_rel;
	out->ndcg = dcg / idcg;
	out->ap = ap / (double)ideal;
	out->hit = hits > 0;
}

/* ---- item features for diversity ----------------------------------- */

/* Each item's genre and tag tokens as sorted ids (CSR). */
struct eval_feats {
	uint64_t *ptr;
	uint32_t *tok;
	uint64_t n;
};

/* Add the '|'-separated tokens of s (with a kind prefix) to tokens. */
static void eval_tokens(struct intern *tokens, char prefix, const char *s,
			uint32_t **out, size_t *n, size_t *cap)
{
	while (s && *s) {
		const char *end = strchr(s, '|');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		if (len && !(len == strlen(NO_GENRES) &&
			     memcmp(s, NO_GENRES, len) == 0)) {
			char *tok = xasprintf("%c:%.*s", prefix, (int)len, s);
			xgrow((void **)out, cap, *n + 1, sizeof **out);
			(*out)[(*n)++] = intern_add(tokens, tok, strlen(tok),
						    NULL);
			free(tok);
		}
		s = end ? end + 1 : NULL;
	}
}

/* Compare token ids. */
static int eval_cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Build the token sets of every item of cat. */
static void eval_feats_build(const struct catalog *cat,
			     struct eval_feats *f)
{
	struct intern *tokens = intern_new();
	uint32_t *buf = NULL;
	size_t cap = 0, tcap = 0;
	f->ptr = xcalloc((size_t)cat->n_items + 1, sizeof *f->ptr);
	f->tok = NULL;
	f->n = 0;
	for (uint32_t i = 0; i < cat->n_items; i++) {
		size_t n = 0;
		eval_tokens(tokens, 'g', cat->items[i].genres, &buf, &n,
			    &cap);
		eval_tokens(tokens, 't', cat->items[i].tags, &buf, &n, &cap);
		if (n > 1)
			qsort(buf, n, sizeof *buf, eval_cmp_u32);
		xgrow((void **)&f->tok, &tcap, f->n + n + 1, sizeof *f->tok);
		for (size_t k = 0; k < n; k++)
			if (k == 0 || buf[k] != buf[k - 1])
				f->tok[f->n++] = buf[k];
		f->ptr[i + 1] = f->n;
	}
	free(buf);
	intern_free(tokens);
}

/* Release the token sets. */
static void eval_feats_free(struct eval_feats *f)
{
	free(f->ptr);
	free(f->tok);
}

/* Cosine of two items' binary token sets; false when one has none. */
static bool eval_feat_cosine(const struct eval_feats *f, uint32_t a,
			     uint32_t b, double *out)
{
	const uint32_t *x = f->tok + f->ptr[a], *y = f->tok + f->ptr[b];
	size_t nx = f->ptr[a + 1] - f->ptr[a], ny = f->ptr[b + 1] - f->ptr[b];
	size_t i = 0, j = 0, both = 0;
	if (!nx || !ny)
		return false;
	while (i < nx && j < ny) {
		if (x[i] == y[j]) {
			both++;
			i++;
			j++;
		} else if (x[i] < y[j]) {
			i++;
		} else {
			j++;
		}
	}
	*out = (double)both / sqrt((double)nx * (double)ny);
	return true;
}

/* Mean pairwise 1 - cosine of a list; false when no pair has features. */
static bool eval_list_diversity(const struct eval_feats *f,
				const uint32_t *list, size_t n, double *out)
{
	double sum = 0, cos;
	size_t pairs = 0;
	for (size_t a = 0; a < n; a++)
		for (size_t b = a + 1; b < n; b++)
			if (eval_feat_cosine(f, list[a], list[b], &cos)) {
				sum += 1.0 - cos;
				pairs++;
			}
	if (!pairs)
		return false;
	*out = sum / (double)pairs;
	return true;
}

/* ---- rating accuracy ------------------------------------------------ */

/* Mean of the training ratings (the fallback prediction). */
static double eval_train_mean(const struct rmatrix *train)
{
	double sum = 0;
	for (uint64_t k = 0; k < train->nnz; k++)
		sum += train->user_val[k];
	return train->nnz ? sum / (double)train->nnz : 0;
}

/* True when the user or the item has no training rating. */
static bool eval_is_cold(const struct rmatrix *train, uint32_t u,
			 uint32_t i)
{
	if (u >= train->n_users || i >= train->n_items)
		return true;
	return train->user_ptr[u + 1] == train->user_ptr[u] ||
	       train->item_ptr[i + 1] == train->item_ptr[i];
}

/* RMSE and MAE over the warm test pairs; predictions clamped to the
 * scale, as a rating outside it cannot be given. */
static void eval_accuracy(const struct model *m, const struct rmatrix *train,
			  const struct triplets *test, const struct scale *sc,
			  struct eval_metrics *out)
{
	double mean = eval_train_mean(train), se = 0, ae = 0;
	out->test_pairs = test->n;
	for (size_t k = 0; k < test->n; k++) {
		const struct triplet *t = &test->v[k];
		double p;
		if (eval_is_cold(train, t->user, t->item)) {
			out->cold_pairs++;
			continue;
		}
		if (!model_predict(m, t->user, NULL, t->item, &p) ||
		    !isfinite(p)) {
			out->fallback_pairs++;
			p = mean;
		}
		p = p < sc->min ? sc->min : p > sc->max ? sc->max : p;
		se += (p - t->value) * (p - t->value);
		ae += fabs(p - t->value);
	}
	out->scored_pairs = out->test_pairs - out->cold_pairs;
	if (out->scored_pairs) {
		out->rmse = sqrt(se / (double)out->scored_pairs);
		out->mae = ae / (double)out->scored_pairs;
	}
}

/* ---- ranking -------------------------------------------------------- */

/* One ranked user's figures. */
struct eval_user_res {
	struct eval_rank r;
	bool has_div;
	double div;
};

/* Shared state of the ranking threads (read-only but for next, res and
 * lists, whose slots each belong to one user). */
struct eval_rank_job {
	const struct model *m;
	const struct rmatrix *train;
	const struct eval_feats *feats;
	int k;
	uint32_t n_users;          /* ranked users */
	const uint32_t *users;
	const uint64_t *rel_ptr;   /* n_users + 1 */
	const uint32_t *rel;
	struct eval_user_res *res;
	uint32_t *lists;           /* n_users x k, UINT32_MAX padded */
	atomic_uint next;
};

/* Rank user slot j: score every item, keep the top k unrated ones. */
static void eval_rank_one(struct eval_rank_job *job, uint32_t j,
			  float *scores, bool *skip, struct scored *top)
{
	uint32_t u = job->users[j];
	struct rvec row = rmatrix_by_user(job->train, u);
	uint32_t n_items = job->train->n_items;
	uint32_t *list = job->lists + (size_t)j * (size_t)job->k;
	model_score_all(job->m, u, NULL, scores);
	for (size_t q = 0; q < row.n; q++)
		skip[row.idx[q]] = true;
	size_t n = model_top_n(scores, n_items, skip, top, (size_t)job->k);
	for (size_t q = 0; q < row.n; q++)
		skip[row.idx[q]] = false;
	for (size_t q = 0; q < (size_t)job->k; q++)
		list[q] = q < n ? top[q].item : UINT32_MAX;
	struct eval_user_res *res = &job->res[j];
	eval_rank_user(list, n, job->rel + job->rel_ptr[j],
		       job->rel_ptr[j + 1] - job->rel_ptr[j], job->k,
		       &res->r);
	res->has_div = job->feats &&
		       eval_list_diversity(job->feats, list, n, &res->div);
}

/* A ranking thread: take blocks of users until none are left. */
static void *eval_rank_worker(void *arg)
{
	struct eval_rank_job *job = arg;
	uint32_t n_items = job->train->n_items;
	float *scores = xmalloc((n_items ? n_items : 1) * sizeof *scores);
	bool *skip = xcalloc(n_items ? n_items : 1, sizeof *skip);
	struct scored *top = xmalloc((size_t)job->k * sizeof *top);
	for (;;) {
		uint32_t lo = atomic_fetch_add(&job->next, EVAL_BLOCK);
		if (lo >= job->n_users)
			break;
		uint32_t hi = lo + EVAL_BLOCK < job->n_users
			      ? lo + EVAL_BLOCK : job->n_users;
		for (uint32_t j = lo; j < hi; j++)
			eval_rank_one(job, j, scores, skip, top);
	}
	free(top);
	free(skip);
	free(scores);
	return NULL;
}

/* Run the workers (the caller's thread is one of them). */
static void eval_rank_run(struct eval_rank_job *job, int threads)
{
	int extra = threads > 1 ? threads - 1 : 0;
	pthread_t *tid = xmalloc(((size_t)extra + 1) * sizeof *tid);
	int started = 0;
	for (int t = 0; t < extra; t++)
		if (pthread_create(&tid[started], NULL, eval_rank_worker,
				   job) == 0)
			started++;
	eval_rank_worker(job);
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	free(tid);
}

/* The users to rank (warm, with a relevant test item that they did not
 * rate in training) and their relevant items, sorted, as CSR. test is
 * in (user, item) order. */
static uint32_t eval_rank_targets(const struct rmatrix *train,
				  const struct triplets *test, double rel_min,
				  uint32_t **users, uint64_t **ptr,
				  uint32_t **rel)
{
	uint32_t n = 0;
	size_t cap_u = 0;
	*users = NULL;
	*ptr = xmalloc((test->n + 2) * sizeof **ptr);
	*rel = xmalloc((test->n ? test->n : 1) * sizeof **rel);
	(*ptr)[0] = 0;
	uint64_t k = 0;
	for (size_t a = 0, b; a < test->n; a = b) {
		uint32_t u = test->v[a].user;
		uint64_t start = k;
		float dummy;
		for (b = a; b < test->n && test->v[b].user == u; b++) {
			const struct triplet *t = &test->v[b];
			if (t->value >= rel_min && t->item < train->n_items &&
			    !rmatrix_get(train, u, t->item, &dummy))
				(*rel)[k++] = t->item;
		}
		if (k == start || u >= train->n_users ||
		    train->user_ptr[u + 1] == train->user_ptr[u]) {
			k = start;
			continue;
		}
		qsort(*rel + start, k - start, sizeof **rel, eval_cmp_u32);
		xgrow((void **)users, &cap_u, (size_t)n + 1, sizeof **users);
		(*users)[n++] = u;
		(*ptr)[n] = k;
	}
	return n;
}

/* Sum the per-user figures in user order, and coverage over the lists. */
static void eval_rank_sum(const struct eval_rank_job *job,
			  uint32_t n_items, struct eval_metrics *out)
{
	bool *seen = xcalloc(n_items ? n_items : 1, sizeof *seen);
	uint32_t covered = 0, n_div = 0;
	double div = 0;
	for (uint32_t j = 0; j < job->n_users; j++) {
		const struct eval_user_res *r = &job->res[j];
		out->precision += r->r.precision;
		out->recall += r->r.recall;
		out->ndcg += r->r.ndcg;
		out->map += r->r.ap;
		out->hit_rate += r->r.hit;
		if (r->has_div) {
			div += r->div;
			n_div++;
		}
		for (int q = 0; q < job->k; q++) {
			uint32_t i = job->lists[(size_t)j * job->k + q];
			if (i != UINT32_MAX && !seen[i]) {
				seen[i] = true;
				covered++;
			}
		}
	}
	double n = job->n_users ? (double)job->n_users : 1;
	out->ranked_users = job->n_users;
	out->precision /= n;
	out->recall /= n;
	out->ndcg /= n;
	out->map /= n;
	out->hit_rate /= n;
	out->coverage = n_items ? (double)covered / n_items : 0;
	out->has_diversity = n_div > 0;
	out->diversity = n_div ? div / n_div : 0;
	free(seen);
}

/* The ranking metrics of m over test's users. */
static void eval_ranking(const struct model *m, const struct rmatrix *train,
			 const struct triplets *test,
			 const struct catalog *cat,
			 const struct eval_opts *o, struct eval_metrics *out)
{
	struct eval_rank_job job = { .m = m, .train = train, .k = o->k };
	struct eval_feats feats;
	uint32_t *users, *rel;
	uint64_t *ptr;
	if (o->k <= 0)
		return;
	job.n_users = eval_rank_targets(train, test, o->relevant_min, &users,
					&ptr, &rel);
	job.users = users;
	job.rel_ptr = ptr;
	job.rel = rel;
	eval_feats_build(cat, &feats);
	job.feats = feats.n ? &feats : NULL;
	job.res = xcalloc(job.n_users ? job.n_users : 1, sizeof *job.res);
	job.lists = xmalloc(((size_t)job.n_users * (size_t)o->k + 1) *
			    sizeof *job.lists);
	atomic_init(&job.next, 0);
	eval_rank_run(&job, o->threads);
	eval_rank_sum(&job, train->n_items, out);
	free(job.lists);
	free(job.res);
	eval_feats_free(&feats);
	free(users);
	free(ptr);
	free(rel);
}

/* Copy test sorted by (user, item) when it is not already. */
static const struct triplets *eval_sorted(const struct triplets *test,
					  struct triplets *copy)
{
	for (size_t k = 1; k < test->n; k++)
		if (eval_cmp_pair(&test->v[k - 1], &test->v[k]) > 0) {
			copy->n = copy->cap = test->n;
			copy->v = xmalloc(test->n * sizeof *copy->v);
			memcpy(copy->v, test->v, test->n * sizeof *copy->v);
			qsort(copy->v, copy->n, sizeof *copy->v,
			      eval_cmp_pair);
			return copy;
		}
	return test;
}

/* Every metric of a fitted model on a test set. */
void eval_model(const struct model *m, const struct rmatrix *train,
		const struct triplets *test, const struct catalog *cat,
		const struct eval_opts *o, struct eval_metrics *out)
{
	struct triplets copy = { 0 };
	double t0 = util_now();
	memset(out, 0, sizeof *out);
	const struct triplets *t = eval_sorted(test, &copy);
	eval_accuracy(m, train, t, &cat->scale, out);
	if (o->ranking)
		eval_ranking(m, train, t, cat, o, out);
	triplets_free(&copy);
	out->fit_seconds = m->fit_seconds;
	out->epoch_seconds = m->epoch_seconds;
	out->eval_seconds = util_now() - t0;
}

/* ---- summaries ------------------------------------------------------ */

/* What a run must have for a field to count in the mean. */
enum eval_need { NEED_SCORED, NEED_RANKED, NEED_DIVERSITY, NEED_NONE };

static const struct {
	size_t off;
	enum eval_need need;
} eval_fields[] = {
	{ offsetof(struct eval_metrics, rmse), NEED_SCORED },
	{ offsetof(struct eval_metrics, mae), NEED_SCORED },
	{ offsetof(struct eval_metrics, precision), NEED_RANKED },
	{ offsetof(struct eval_metrics, recall), NEED_RANKED },
	{ offsetof(struct eval_metrics, ndcg), NEED_RANKED },
	{ offsetof(struct eval_metrics, map), NEED_RANKED },
	{ offsetof(struct eval_metrics, hit_rate), NEED_RANKED },
	{ offsetof(struct eval_metrics, coverage), NEED_RANKED },
	{ offsetof(struct eval_metrics, diversity), NEED_DIVERSITY },
	{ offsetof(struct eval_metrics, fit_seconds), NEED_NONE },
	{ offsetof(struct eval_metrics, epoch_seconds), NEED_NONE },
	{ offsetof(struct eval_metrics, eval_seconds), NEED_NONE },
};

/* True when run r has what a field needs. */
static bool eval_has(const struct eval_metrics *r, enum eval_need need)
{
	switch (need) {
	case NEED_SCORED:
		return r->scored_pairs > 0;
	case NEED_RANKED:
		return r->ranked_users > 0;
	case NEED_DIVERSITY:
		return r->has_diversity;
	default:
		return true;
	}
}

/* The double at byte offset off of a metrics struct. */
static double *eval_field(const struct eval_metrics *r, size_t off)
{
	return (double *)((char *)r + off);
}

/* Mean and sample spread of one field over the runs that have it. */
static void eval_summary_field(const struct eval_metrics *runs, size_t n,
			       size_t f, struct eval_metrics *mean,
			       struct eval_metrics *std)
{
	size_t off = eval_fields[f].off, c = 0;
	double sum = 0, ss = 0;
	for (size_t r = 0; r < n; r++)
		if (eval_has(&runs[r], eval_fields[f].need)) {
			sum += *eval_field(&runs[r], off);
			c++;
		}
	if (!c)
		return;
	double mu = sum / (double)c;
	for (size_t r = 0; r < n; r++)
		if (eval_has(&runs[r], eval_fields[f].need)) {
			double d = *eval_field(&runs[r], off) - mu;
			ss += d * d;
		}
	*eval_field(mean, off) = mu;
	*eval_field(std, off) = c > 1 ? sqrt(ss / (double)(c - 1)) : 0;
}

/* Mean and sample standard deviation of each metric; counts are totals
 * over the runs. */
void eval_summarise(const struct eval_metrics *runs, size_t n,
		    struct eval_metrics *mean, struct eval_metrics *std)
{
	memset(mean, 0, sizeof *mean);
	memset(std, 0, sizeof *std);
	for (size_t r = 0; r < n; r++) {
		mean->test_pairs += runs[r].test_pairs;
		mean->cold_pairs += runs[r].cold_pairs;
		mean->fallback_pairs += runs[r].fallback_pairs;
		mean->scored_pairs += runs[r].scored_pairs;
		mean->ranked_users += runs[r].ranked_users;
		mean->has_diversity |= runs[r].has_diversity;
	}
	for (size_t f = 0; f < ARRAY_LEN(eval_fields); f++)
		eval_summary_field(runs, n, f, mean, std);
}

/* =====================================================================
 * The catalogue a fit sees, and one run
 * ===================================================================== */

/* A shallow copy of cat with train's counts, means and matrix. */
struct catalog *eval_catalog_view(const struct catalog *cat,
				  const struct rmatrix *train)
{
	struct catalog *v = xmalloc(sizeof *v);
	*v = *cat;
	v->items = xmalloc((cat->n_items ? cat->n_items : 1) *
			   sizeof *v->items);
	if (cat->n_items)
		memcpy(v->items, cat->items, cat->n_items * sizeof *v->items);
	eval_item_means(v->items, v->n_items, train);
	v->m = (struct rmatrix *)train;
	v->has_ratings = true;
	v->hist = NULL;          /* Goodreads histograms include test */
	v->reports = NULL;
	v->n_reports = 0;
	return v;
}

/* Free a view (not the strings it shares). */
void eval_catalog_view_free(struct catalog *v)
{
	if (!v)
		return;
	free(v->items);
	free(v);
}

/* Fit kind k on train (through a view of cat) and measure it on test. */
int eval_run(enum model_kind k, const struct model_params *p,
	     const struct catalog *cat, const struct triplets *train,
	     const struct triplets *test, const struct eval_opts *o,
	     struct eval_metrics *out, char *err, size_t errlen)
{
	uint32_t n_users = cat->m ? cat->m->n_users : 0;
	for (size_t q = 0; q < test->n; q++)
		if (test->v[q].user >= n_users)
			n_users = test->v[q].user + 1;
	for (size_t q = 0; q < train->n; q++)
		if (train->v[q].user >= n_users)
			n_users = train->v[q].user + 1;
	struct rmatrix *tm = rmatrix_build(train, n_users, cat->n_items);
	struct catalog *view = eval_catalog_view(cat, tm);
	struct model *m = model_new(k, p);
	struct fit_data fd = { .train = tm, .cat = view, .valid = NULL };
	double t0 = util_now();
	m->cancel = o->cancel;
	int rc = model_fit(m, &fd, err, errlen);
	double fit = util_now() - t0;
	if (rc == 0 && model_cancelled(m)) {
		xsnprintf(err, errlen, "%s", _("stopped"));
		rc = -1;
	}
	if (rc == 0) {
		eval_model(m, tm, test, view, o, out);
		out->fit_seconds = fit;
	}
	model_free(m);
	eval_catalog_view_free(view);
	rmatrix_free(tm);
	return rc;
}
