/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view: the Browse table as data. The view keeps every item in the
 * current sort order (cache->order) and shows those that pass the
 * filter (v->rows).
 *
 * Sorting builds one key per item (a pointer into a folded text, or a
 * number) and sorts the keys with a comparator whose last word is the
 * item's previous position, so the sort is stable and total: the same
 * history of sorts always gives the same order. Empty cells (no year, no
 * mean, not rated by you) sort last in both directions. Folded texts of
 * the columns are made once, when a sort or filter first needs them. */
#include <config.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "intern.h"
#include "search.h"
#include "text.h"
#include "util.h"
#include "view.h"

/* Folded texts, made on demand: one array per text column, plus the
 * text of all columns for a filter without a column. */
enum { FOLD_TITLE, FOLD_CREATORS, FOLD_GENRES, FOLD_ALL, FOLD_KINDS };

struct view_cache {
	uint32_t *order;        /* every item, in sort order */
	uint32_t *pos;          /* scratch for view_sort */
	char **fold[FOLD_KINDS];
	bool has_genres;
};

/* One non-empty cell to sort: 16 bytes, so the sort moves little. */
struct sort_key {
	union {
		const char *s;  /* text columns: folded text */
		double num;     /* number columns */
	} v;
	uint32_t len;
	uint32_t pos;           /* previous position: the tie breaker */
};

struct sort_ctx {
	bool text, desc;
};

/* A parsed filter. */
struct view_filter_spec {
	enum view_col col;      /* COL_COUNT: all text columns */
	struct search_query q;
	const char *raw;        /* the words, for number prefixes */
	int op;                 /* 0 prefix, '<' '>' 'l' (<=) 'g' (>=) '='
				   'r' (range a..b) */
	double a, b;
};

/* True when col holds numbers. */
static bool view_col_numeric(enum view_col col)
{
	return col == COL_YEAR || col == COL_NRATINGS || col == COL_MEAN ||
	       col == COL_YOU;
}

/* The "genres" cell's raw text: genres, else tags. */
static const char *view_genres(const struct item *it)
{
	return it->genres ? it->genres : it->tags;
}

/* Your rating of item i, if any. */
static bool view_you(const struct view *v, uint32_t i, double *value)
{
	if (!v->prof)
		return false;
	return profile_get(v->prof, intern_str(v->cat->item_ids, i), value);
}

/* A column's number for item i; false when the cell is empty. */
static bool view_number(const struct view *v, uint32_t i,
			enum view_col col, double *out)
{
	const struct item *it = &v->cat->items[i];
	switch (col) {
	case COL_YEAR:
		*out = it->year;
		return it->year != 0;
	case COL_NRATINGS:
		*out = it->n_ratings;
		return true;
	case COL_MEAN:
		*out = it->mean;
		return isfinite(it->mean);
	case COL_YOU:
		return view_you(v, i, out);
	default:
		return false;
	}
}

/* Concatenate folded a and b with a space. */
static char *view_join_fold(const char *a, const char *b)
{
	char *f = text_fold(b);
	char *t = text_trim(f);
	char *s = !*t ? xstrdup(a) : *a ? xasprintf("%s %s", a, t)
				       : xstrdup(t);
	free(f);
	return s;
}

/* The folded text of kind k for item i. */
static char *view_make_fold(const struct item *it, int k)
{
	switch (k) {
	case FOLD_TITLE:
		return xstrndup(it->fold, it->fold_title);
	case FOLD_CREATORS:
		return view_join_fold("", it->creators ? it->creators : "");
	case FOLD_GENRES:
		return view_join_fold("", view_genres(it) ? view_genres(it)
					  : "");
	default: {
		char *g = view_join_fold(it->fold, it->genres ? it->genres
					 : "");
		char *s = view_join_fold(g, it->tags ? it->tags : "");
		free(g);
		return s;
	}
	}
}

/* The folded texts of kind k, made on first use. */
static char **view_folds(const struct view *v, int k)
{
	struct view_cache *vc = v->cache;
	if (vc->fold[k])
		return vc->fold[k];
	vc->fold[k] = xmalloc((v->cat->n_items + 1) * sizeof(char *));
	for (uint32_t i = 0; i < v->cat->n_items; i++)
		vc->fold[k][i] = view_make_fold(&v->cat->items[i], k);
	return vc->fold[k];
}

/* Which folded texts a text column uses. */
static int view_fold_kind(enum view_col col)
{
	return col == COL_TITLE ? FOLD_TITLE
	     : col == COL_CREATORS ? FOLD_CREATORS
	     : col == COL_GENRES ? FOLD_GENRES : FOLD_ALL;
}

/* Start a view of every item. */
void view_init(struct view *v, const struct catalog *c,
	       const struct profile *p)
{
	memset(v, 0, sizeof *v);
	v->cat = c;
	v->prof = p;
	struct view_cache *vc = xcalloc(1, sizeof *vc);
	v->cache = vc;
	vc->order = xmalloc((c->n_items + 1) * sizeof *vc->order);
	vc->pos = xmalloc((c->n_items + 1) * sizeof *vc->pos);
	v->rows = xmalloc((c->n_items + 1) * sizeof *v->rows);
	for (uint32_t i = 0; i < c->n_items; i++) {
		vc->order[i] = i;
		vc->has_genres |= view_genres(&c->items[i]) != NULL;
	}
	view_sort(v, COL_NRATINGS, true);
}

/* Free what the view holds (not the catalogue or profile). */
void view_free(struct view *v)
{
	struct view_cache *vc = v->cache;
	if (vc) {
		for (int k = 0; k < FOLD_KINDS; k++) {
			for (uint32_t i = 0; vc->fold[k] &&
			     i < v->cat->n_items; i++)
				free(vc->fold[k][i]);
			free(vc->fold[k]);
		}
		free(vc->order);
		free(vc->pos);
		free(vc);
	}
	free(v->rows);
	free(v->filter);
	memset(v, 0, sizeof *v);
}

/* Columns that make sense for the catalogue. */
size_t view_columns(const struct view *v, enum view_col *out, size_t max)
{
	size_t n = 0;
	for (int col = 0; col < COL_COUNT && n < max; col++) {
		if (col == COL_CREATORS && v->cat->kind != CATALOG_GOODBOOKS)
			continue;
		if (col == COL_GENRES && !v->cache->has_genres)
			continue;
		out[n++] = (enum view_col)col;
	}
	return n;
}

/* The translated header of a column. */
const char *view_col_name(enum view_col col)
{
	static const char *const names[COL_COUNT] = {
		N_("Title"), N_("Year"), N_("Authors"), N_("Genres"),
		N_("#Ratings"), N_("Mean"), N_("You") };
	return col < COL_COUNT ? _(names[col]) : "";
}

/* Key order: the key (reversed when descending), then the previous
 * position, so ties keep their order. */
static int view_key_cmp(const void *a, const void *b, void *arg)
{
	const struct sort_key *x = a, *y = b;
	const struct sort_ctx *ctx = arg;
	int d;
	if (ctx->text) {
		uint32_t n = x->len < y->len ? x->len : y->len;
		d = memcmp(x->v.s, y->v.s, n);
		if (!d)
			d = (x->len > y->len) - (x->len < y->len);
	} else {
		d = (x->v.num > y->v.num) - (x->v.num < y->v.num);
	}
	if (d)
		return ctx->desc ? -d : d;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

/* The sort key of item i in column col; false when its cell is empty. */
static bool view_key(const struct view *v, uint32_t i, enum view_col col,
		     struct sort_key *k)
{
	if (view_col_numeric(col))
		return view_number(v, i, col, &k->v.num);
	if (col == COL_TITLE) {
		k->v.s = v->cat->items[i].fold;
		k->len = v->cat->items[i].fold_title;
	} else {
		k->v.s = view_folds(v, view_fold_kind(col))[i];
		k->len = (uint32_t)strlen(k->v.s);
	}
	return k->len > 0;
}

/* Sort every item by col and re-apply the filter. Empty cells are set
 * aside in their previous order and go last, whatever the direction. */
void view_sort(struct view *v, enum view_col col, bool desc)
{
	struct view_cache *vc = v->cache;
	uint32_t n = v->cat->n_items, m = 0, e = 0;
	if (col >= COL_COUNT)
		col = COL_TITLE;
	uint32_t *old = xmalloc((n + 1) * sizeof *old);
	memcpy(old, vc->order, n * sizeof *old);
	struct sort_key *keys = xmalloc((n + 1) * sizeof *keys);
	for (uint32_t p = 0; p < n; p++) {
		struct sort_key k = { .pos = p };
		if (view_key(v, old[p], col, &k))
			keys[m++] = k;
		else
			vc->pos[e++] = old[p];   /* scratch: the empties */
	}
	struct sort_ctx ctx = { !view_col_numeric(col), desc };
	qsort_r(keys, m, sizeof *keys, view_key_cmp, &ctx);
	for (uint32_t k = 0; k < m; k++)
		vc->order[k] = old[keys[k].pos];
	memcpy(vc->order + m, vc->pos, e * sizeof *vc->order);
	free(keys);
	free(old);
	v->sort_col = col;
	v->sort_desc = desc;
	char *filter = v->filter;
	v->filter = NULL;
	view_filter(v, filter);
	free(filter);
}

/* The column a "name:" prefix names, or COL_COUNT. */
static enum view_col view_col_by_name(const char *s, size_t n)
{
	static const struct { const char *name; enum view_col col; } t[] = {
		{ "title", COL_TITLE }, { "year", COL_YEAR },
		{ "creators", COL_CREATORS }, { "author", COL_CREATORS },
		{ "authors", COL_CREATORS }, { "genres", COL_GENRES },
		{ "genre", COL_GENRES }, { "tags", COL_GENRES },
		{ "ratings", COL_NRATINGS }, { "mean", COL_MEAN },
		{ "you", COL_YOU } };
	for (size_t k = 0; k < ARRAY_LEN(t); k++)
		if (strlen(t[k].name) == n && strncasecmp(s, t[k].name, n) == 0)
			return t[k].col;
	return COL_COUNT;
}

/* Parse a whole number; false for junk. */
static bool view_parse_num(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (end == s || *end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

/* A comparison or range on a number column ("a..b", ">=4"). */
static void view_parse_op(struct view_filter_spec *f, const char *w)
{
	static const struct { const char *tok; int op; } ops[] = {
		{ ">=", 'g' }, { "<=", 'l' }, { ">", '>' }, { "<", '<' },
		{ "=", '=' } };
	for (size_t k = 0; k < ARRAY_LEN(ops); k++) {
		size_t n = strlen(ops[k].tok);
		if (strncmp(w, ops[k].tok, n) == 0) {
			if (view_parse_num(w + n, &f->a))
				f->op = ops[k].op;
			return;
		}
	}
	const char *dots = strstr(w, "..");
	if (!dots)
		return;
	char *lo = xstrndup(w, (size_t)(dots - w));
	if (view_parse_num(lo, &f->a) && view_parse_num(dots + 2, &f->b))
		f->op = 'r';
	free(lo);
}

/* Split "col:words" or "words" into a filter. */
static void view_parse_filter(struct view_filter_spec *f, const char *text)
{
	memset(f, 0, sizeof *f);
	f->col = COL_COUNT;
	while (*text == ' ')
		text++;
	const char *colon = strchr(text, ':');
	if (colon) {
		enum view_col col = view_col_by_name(text,
						     (size_t)(colon - text));
		if (col != COL_COUNT) {
			f->col = col;
			text = colon + 1;
			while (*text == ' ')
				text++;
		}
	}
	f->raw = text;
	search_query_init(&f->q, text);
	if (view_col_numeric(f->col))
		view_parse_op(f, text);
}

/* True when number x passes a comparison filter. */
static bool view_op_ok(const struct view_filter_spec *f, double x)
{
	switch (f->op) {
	case '<': return x < f->a;
	case '>': return x > f->a;
	case 'l': return x <= f->a;
	case 'g': return x >= f->a;
	case '=': return x == f->a;
	default: return x >= f->a && x <= f->b;
	}
}

/* True when item i passes the filter. */
static bool view_passes(const struct view *v,
			const struct view_filter_spec *f, uint32_t i)
{
	if (!view_col_numeric(f->col))
		return search_query_match(&f->q,
			view_folds(v, view_fold_kind(f->col))[i]);
	double x;
	if (!view_number(v, i, f->col, &x))
		return false;
	if (f->op)
		return view_op_ok(f, x);
	char cell[64];
	view_cell(v, i, f->col, true, cell, sizeof cell);
	size_t n = strlen(f->raw);
	while (n && f->raw[n - 1] == ' ')
		n--;
	return n && strncmp(cell, f->raw, n) == 0;
}

/* Set or clear the filter and rebuild the rows shown. */
uint32_t view_filter(struct view *v, const char *text)
{
	struct view_cache *vc = v->cache;
	uint32_t n = v->cat->n_items;
	if (text != v->filter) {
		free(v->filter);
		v->filter = text && *text ? xstrdup(text) : NULL;
	}
	if (!v->filter) {
		memcpy(v->rows, vc->order, n * sizeof *v->rows);
		return v->n_rows = n;
	}
	struct view_filter_spec f;
	view_parse_filter(&f, v->filter);
	v->n_rows = 0;
	for (uint32_t k = 0; k < n; k++)
		if (view_passes(v, &f, vc->order[k]))
			v->rows[v->n_rows++] = vc->order[k];
	search_query_free(&f.q);
	return v->n_rows;
}

/* The next row from `from` in direction dir whose item matches query
 * as in search, wrapping around; -1 when none does. */
int64_t view_find(const struct view *v, const char *query, int64_t from,
		  int dir)
{
	int64_t n = v->n_rows;
	if (n == 0)
		return -1;
	dir = dir < 0 ? -1 : 1;
	if (from < 0 || from >= n)
		from = dir > 0 ? -1 : n;
	struct search_query q;
	search_query_init(&q, query);
	int64_t found = -1;
	for (int64_t k = 1; k <= n && found < 0 && q.n; k++) {
		int64_t r = ((from + dir * k) % n + n) % n;
		if (search_query_match(&q, v->cat->items[v->rows[r]].fold))
			found = r;
	}
	search_query_free(&q);
	return found;
}

/* Copy s into buf with '|' shown as sep. */
static size_t view_join(const char *s, const char *sep, char *buf,
			size_t n)
{
	size_t len = 0, seplen = strlen(sep);
	for (; *s && len + 1 < n; s++) {
		if (*s != '|') {
			buf[len++] = *s;
			continue;
		}
		if (len + seplen + 1 > n)
			break;
		memcpy(buf + len, sep, seplen);
		len += seplen;
	}
	buf[len] = '\0';
	return len;
}

/* The title cell: title, and a book's series in brackets. */
static size_t view_title_cell(const struct item *it, char *buf, size_t n)
{
	if (it->series)
		return xsnprintf(buf, n, "%s (%s)", it->title, it->series);
	return xsnprintf(buf, n, "%s", it->title);
}

/* Text of a cell, "" when empty. */
size_t view_cell(const struct view *v, uint32_t item, enum view_col col,
		 bool ascii, char *buf, size_t n)
{
	const struct item *it = &v->cat->items[item];
	double x;
	if (!n)
		return 0;
	buf[0] = '\0';
	switch (col) {
	case COL_TITLE:
		return view_title_cell(it, buf, n);
	case COL_CREATORS:
		return xsnprintf(buf, n, "%s", it->creators ? it->creators
							    : "");
	case COL_GENRES:
		return view_join(view_genres(it) ? view_genres(it) : "",
				 ascii ? ", " : "\xc2\xb7", buf, n);
	case COL_YEAR:
		return it->year ? xsnprintf(buf, n, "%d", it->year) : 0;
	case COL_NRATINGS:
		return xsnprintf(buf, n, "%u", it->n_ratings);
	case COL_MEAN:
		return isfinite(it->mean) ? xsnprintf(buf, n, "%.2f",
						      it->mean) : 0;
	case COL_YOU:
		if (!view_you(v, item, &x))
			return 0;
		return scale_format(&v->cat->scale, x, ascii, buf, n);
	default:
		return 0;
	}
}

/* ---------------------------------------------------------------------
 * Frequency tables
 * ------------------------------------------------------------------- */

struct freq_build {
	struct intern *values;
	uint32_t *counts;
	size_t cap;
	double *nums;           /* number columns: each value's number */
	size_t nums_cap;
	bool numeric;
};

/* Count one value. */
static void freq_count(struct freq_build *b, const char *s, size_t len,
		       double num)
{
	uint32_t k = intern_add(b->values, s, len, NULL);
	size_t need = (size_t)k + 1;
	if (need > b->cap) {
		size_t old = b->cap;
		xgrow((void **)&b->counts, &b->cap, need, sizeof *b->counts);
		memset(b->counts + old, 0, (b->cap - old) * sizeof *b->counts);
	}
	xgrow((void **)&b->nums, &b->nums_cap, need, sizeof *b->nums);
	b->counts[k]++;
	b->nums[k] = num;
}

/* Count the '|'-separated values of s; false when there are none. */
static bool freq_count_list(struct freq_build *b, const char *s)
{
	bool any = false;
	while (s && *s) {
		const char *bar = strchr(s, '|');
		size_t len = bar ? (size_t)(bar - s) : strlen(s);
		if (len) {
			freq_count(b, s, len, 0);
			any = true;
		}
		s = bar ? bar + 1 : NULL;
	}
	return any;
}

/* Count item i's cell in col; false when it is empty. */
static bool freq_item(const struct view *v, struct freq_build *b,
		      uint32_t i, enum view_col col)
{
	if (col == COL_GENRES)
		return freq_count_list(b, view_genres(&v->cat->items[i]));
	char cell[512];
	double x = 0;
	if (view_col_numeric(col) && !view_number(v, i, col, &x))
		return false;
	size_t len = view_cell(v, i, col, true, cell, sizeof cell);
	if (!len)
		return false;
	freq_count(b, cell, len, x);
	return true;
}

/* Most frequent first, then by value (numbers as numbers); a and b
 * are value indices. */
static int freq_cmp(const void *a, const void *b, void *arg)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	const struct freq_build *fb = arg;
	if (fb->counts[x] != fb->counts[y])
		return fb->counts[x] > fb->counts[y] ? -1 : 1;
	if (fb->numeric && fb->nums[x] != fb->nums[y])
		return fb->nums[x] < fb->nums[y] ? -1 : 1;
	return strcmp(intern_str(fb->values, x), intern_str(fb->values, y));
}

/* A frequency table of col over the rows shown. */
void view_freq(const struct view *v, enum view_col col,
	       struct freq_table *out)
{
	struct freq_build b = { .values = intern_new(),
				.numeric = view_col_numeric(col) };
	memset(out, 0, sizeof *out);
	for (uint32_t r = 0; r < v->n_rows; r++) {
		out->total++;
		if (!freq_item(v, &b, v->rows[r], col))
			out->empty++;
	}
	out->n = intern_count(b.values);
	uint32_t *idx = xmalloc((out->n + 1) * sizeof *idx);
	for (uint32_t k = 0; k < out->n; k++)
		idx[k] = k;
	qsort_r(idx, out->n, sizeof *idx, freq_cmp, &b);
	out->v = xcalloc(out->n + 1, sizeof *out->v);
	for (size_t k = 0; k < out->n; k++)
		out->v[k] = (struct freq_entry){
			xstrdup(intern_str(b.values, idx[k])),
			b.counts[idx[k]] };
	free(idx);
	intern_free(b.values);
	free(b.counts);
	free(b.nums);
}

/* Free a frequency table. */
void freq_free(struct freq_table *t)
{
	for (size_t k = 0; k < t->n; k++)
		free(t->v[k].value);
	free(t->v);
	memset(t, 0, sizeof *t);
}
