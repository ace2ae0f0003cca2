/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view: the Browse table as data. The view keeps every item in the
 * current sort order (cache->order) and shows those that pass the
 * filter (v->rows).
 *
 * Sorting builds one key per item (a pointer into a folded text, or a
 * number) and sorts the keys with a comparator whose last word is the
 * item's previous position, so the sort is stable and total: the same
 * history of sorts always gives the same order. Empty cells (no year, no
 * mean, not rated by you) sort last in both directions; by You, the
 * items you have not rated but have seen, then those you want, come
 * between the rated and the empty ones, each in its previous order.
 *
 * A filter is parsed once into terms (struct vf_term) and every item is
 * tested against all of them. Folded texts are made once, when a sort
 * or filter first needs them: per text column the folded words (for
 * prefixes and sorting) and the folded values between bars,
 * "|action|sci fi|" (for col=value), plus the text of all columns for
 * bare words. */
#include <config.h>

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "import.h"
#include "intern.h"
#include "search.h"
#include "text.h"
#include "util.h"
#include "view.h"

/* Index of the all-columns text in view_cache.words. */
#define FOLD_ALL COL_COUNT

struct view_cache {
	uint32_t *order;        /* every item, in sort order */
	uint32_t *pos;          /* scratch for view_sort */
	char **words[COL_COUNT + 1];  /* folded words per text column */
	char **vals[COL_COUNT];       /* folded values, "|a|b|" */
	bool filled[COL_COUNT]; /* some item has this cell */
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

/* What a filter term asks of a cell. */
enum vf_op {
	OP_WORDS,               /* every word starts a word of the cell */
	OP_EXACT,               /* the cell (or one value) is the value */
	OP_PREFIX,              /* number cell text starts with value */
	OP_LT, OP_GT, OP_LE, OP_GE, OP_EQ,
	OP_RANGE                /* a <= x <= b */
};

/* One term of a parsed filter. */
struct vf_term {
	enum view_col col;      /* FOLD_ALL: every text column */
	enum vf_op op;
	struct search_query q;  /* OP_WORDS */
	char *value;            /* OP_EXACT: folded; OP_PREFIX: as typed */
	double a, b;
	double sig;             /* you=seen / you=want: the signal, else 0 */
};

/* A parsed filter: its terms, and the bare words gathered for one
 * all-columns term. */
struct vf_spec {
	struct vf_term *t;
	size_t n, cap;
	char *bare;
};

/* True when col holds numbers. */
bool view_col_numeric(enum view_col col)
{
	return col == COL_YEAR || col == COL_NRATINGS || col == COL_MEAN ||
	       col == COL_YOU;
}

/* True for the columns whose cell is a '|'-separated list. */
static bool view_col_list(enum view_col col)
{
	return col == COL_GENRES || col == COL_TAGS;
}

/* The raw text of a text column's cell, NULL when it has none (the
 * title cell adds a book's series, see view_title_cell). */
static const char *view_raw(const struct item *it, enum view_col col)
{
	switch (col) {
	case COL_TITLE: return it->title;
	case COL_CREATORS: return it->creators;
	case COL_GENRES: return it->genres;
	case COL_TAGS: return it->tags;
	default: return NULL;
	}
}

/* Your rating of item i, if any. */
static bool view_you(const struct view *v, uint32_t i, double *value)
{
	if (!v->prof)
		return false;
	return profile_get(v->prof, intern_str(v->cat->item_ids, i), value);
}

/* Your signal of item i (seen or wanted) when you have not rated it. */
static bool view_signal(const struct view *v, uint32_t i, double *value)
{
	const char *id;

	if (!v->signals)
		return false;
	id = intern_str(v->cat->item_ids, i);
	if (v->prof && profile_get(v->prof, id, NULL))
		return false;
	return profile_get(v->signals, id, value);
}

/* What you have said of item i. */
enum view_you view_you_state(const struct view *v, uint32_t i)
{
	double x;

	if (view_you(v, i, &x))
		return VIEW_YOU_RATED;
	if (!view_signal(v, i, &x))
		return VIEW_YOU_NONE;
	return x == IMPORT_SIGNAL_WANT ? VIEW_YOU_WANT : VIEW_YOU_SEEN;
}

/* "seen" or "want", as the You column and Search show a signal. */
const char *view_signal_tag(double signal)
{
	return signal == IMPORT_SIGNAL_WANT ? _("want") : _("seen");
}

/* Use s as your signals journal. */
void view_signals(struct view *v, const struct profile *s)
{
	v->signals = s;
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
	char *f = text_fold(b ? b : "");
	char *t = text_trim(f);
	char *s = !*t ? xstrdup(a) : *a ? xasprintf("%s %s", a, t)
				       : xstrdup(t);
	free(f);
	return s;
}

/* The folded words of column col (FOLD_ALL: every text column) of an
 * item. */
static char *view_make_words(const struct item *it, int col)
{
	if (col == COL_TITLE)
		return xstrndup(it->fold, it->fold_title);
	if (col != FOLD_ALL)
		return view_join_fold("", view_raw(it, (enum view_col)col));
	char *g = view_join_fold(it->fold, it->genres);
	char *s = view_join_fold(g, it->tags);
	free(g);
	return s;
}

static size_t view_title_cell(const struct item *it, char *buf, size_t n);

/* The folded values of a text cell between bars: "|action|sci fi|" for
 * a list, "|the hunger games the hunger games 1|" for a title; "" for
 * an empty cell. */
static char *view_make_vals(const struct item *it, enum view_col col)
{
	char cell[1024];
	const char *s = view_raw(it, col);
	if (col == COL_TITLE) {
		view_title_cell(it, cell, sizeof cell);
		s = cell;
	}
	char *out = xstrdup("");
	while (s && *s) {
		size_t len = view_col_list(col) ? strcspn(s, "|") : strlen(s);
		char *part = xstrndup(s, len), *f = text_fold(part);
		char *next = xasprintf("%s%s%s|", out, *out ? "" : "|",
				       text_trim(f));
		free(out);
		free(part);
		free(f);
		out = next;
		s = s[len] ? s + len + 1 : NULL;
	}
	return out;
}

/* The folded words of column col for every item, made on first use. */
static char **view_words(const struct view *v, int col)
{
	struct view_cache *vc = v->cache;
	if (vc->words[col])
		return vc->words[col];
	vc->words[col] = xmalloc((v->cat->n_items + 1) * sizeof(char *));
	for (uint32_t i = 0; i < v->cat->n_items; i++)
		vc->words[col][i] = view_make_words(&v->cat->items[i], col);
	return vc->words[col];
}

/* The folded values of text column col for every item, made on first
 * use. */
static char **view_vals(const struct view *v, enum view_col col)
{
	struct view_cache *vc = v->cache;
	if (vc->vals[col])
		return vc->vals[col];
	vc->vals[col] = xmalloc((v->cat->n_items + 1) * sizeof(char *));
	for (uint32_t i = 0; i < v->cat->n_items; i++)
		vc->vals[col][i] = view_make_vals(&v->cat->items[i], col);
	return vc->vals[col];
}

/* True when item i has something in column col ("0" ratings counts as
 * nothing, so a catalogue without ratings leaves the column out). */
static bool view_filled(const struct view *v, uint32_t i,
			enum view_col col)
{
	const struct item *it = &v->cat->items[i];
	const char *raw = view_raw(it, col);
	switch (col) {
	case COL_TITLE:
	case COL_YOU:
		return true;
	case COL_NRATINGS:
		return it->n_ratings > 0;
	case COL_YEAR:
	case COL_MEAN: {
		double x;
		return view_number(v, i, col, &x);
	}
	default:
		return raw && *raw;
	}
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
	for (uint32_t i = 0; i < c->n_items; i++)
		vc->order[i] = i;
	for (int col = 0; col < COL_COUNT; col++)
		for (uint32_t i = 0; i < c->n_items && !vc->filled[col]; i++)
			vc->filled[col] = view_filled(v, i, col);
	vc->filled[COL_TITLE] = vc->filled[COL_YOU] = true;
	view_sort(v, COL_NRATINGS, true);
}

/* Free an array of n folded texts. */
static void view_free_folds(char **f, uint32_t n)
{
	for (uint32_t i = 0; f && i < n; i++)
		free(f[i]);
	free(f);
}

/* Free what the view holds (not the catalogue or profile). */
void view_free(struct view *v)
{
	struct view_cache *vc = v->cache;
	if (vc) {
		for (int k = 0; k <= COL_COUNT; k++)
			view_free_folds(vc->words[k], v->cat->n_items);
		for (int k = 0; k < COL_COUNT; k++)
			view_free_folds(vc->vals[k], v->cat->n_items);
		free(vc->order);
		free(vc->pos);
		free(vc);
	}
	free(v->rows);
	free(v->filter);
	memset(v, 0, sizeof *v);
}

/* The columns in the order they are shown. */
static const enum view_col view_order[COL_COUNT] = {
	COL_TITLE, COL_YEAR, COL_CREATORS, COL_GENRES, COL_TAGS,
	COL_NRATINGS, COL_MEAN, COL_YOU };

/* Columns that some item of the catalogue fills, in display order. */
size_t view_columns(const struct view *v, enum view_col *out, size_t max)
{
	size_t n = 0;
	for (size_t k = 0; k < COL_COUNT && n < max; k++)
		if (v->cache->filled[view_order[k]])
			out[n++] = view_order[k];
	return n;
}

/* The translated header of a column. */
const char *view_col_name(enum view_col col)
{
	static const char *const names[COL_COUNT] = {
		N_("Title"), N_("Year"), N_("Authors"), N_("Genres"),
		N_("#Ratings"), N_("Mean"), N_("You"), N_("Tags") };
	return col < COL_COUNT ? _(names[col]) : "";
}

/* The name of a column in filters. */
const char *view_col_key(enum view_col col)
{
	static const char *const keys[COL_COUNT] = {
		"title", "year", "authors", "genres", "ratings", "mean",
		"you", "tags" };
	return col < COL_COUNT ? keys[col] : "";
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
		k->v.s = view_words(v, col)[i];
		k->len = (uint32_t)strlen(k->v.s);
	}
	return k->len > 0;
}

/* Where an item without a sort key goes: by You, 0 for seen and 1
 * for wanted, before 2 for the empty cells (the only tier of the other
 * columns). */
static unsigned view_tier(const struct view *v, uint32_t i,
			  enum view_col col)
{
	switch (col == COL_YOU ? view_you_state(v, i) : VIEW_YOU_NONE) {
	case VIEW_YOU_SEEN: return 0;
	case VIEW_YOU_WANT: return 1;
	default: return 2;
	}
}

/* Append the e items of the scratch list (without a sort key, in their
 * previous order) to the order from position m, tier by tier. */
static void view_place_rest(struct view *v, enum view_col col, uint32_t m,
			    uint32_t e)
{
	struct view_cache *vc = v->cache;
	unsigned char *tier = xmalloc(e + 1);
	for (uint32_t k = 0; k < e; k++)
		tier[k] = (unsigned char)view_tier(v, vc->pos[k], col);
	for (unsigned t = 0; t < 3; t++)
		for (uint32_t k = 0; k < e; k++)
			if (tier[k] == t)
				vc->order[m++] = vc->pos[k];
	free(tier);
}

/* Sort every item by col and re-apply the filter. Empty cells are set
 * aside in their previous order and go last, whatever the direction
 * (by You, your signals first: view_tier). */
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
	view_place_rest(v, col, m, e);
	free(keys);
	free(old);
	v->sort_col = col;
	v->sort_desc = desc;
	char *filter = v->filter;
	v->filter = NULL;
	view_filter(v, filter);
	free(filter);
}

/* ---------------------------------------------------------------------
 * Filters: parsing
 * ------------------------------------------------------------------- */

/* The column a filter name stands for, or COL_COUNT. */
static enum view_col view_col_by_name(const char *s, size_t n)
{
	static const struct { const char *name; enum view_col col; } t[] = {
		{ "title", COL_TITLE }, { "year", COL_YEAR },
		{ "creators", COL_CREATORS }, { "author", COL_CREATORS },
		{ "authors", COL_CREATORS }, { "genres", COL_GENRES },
		{ "genre", COL_GENRES }, { "tags", COL_TAGS },
		{ "tag", COL_TAGS }, { "ratings", COL_NRATINGS },
		{ "mean", COL_MEAN }, { "you", COL_YOU } };
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
	if (end == s || *end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

/* A comparison or range on a number column (">=4", "1990..1999") into
 * t; OP_PREFIX when value is neither. false when it looks like one but
 * is no number. */
static bool vf_parse_op(struct vf_term *t, const char *w)
{
	static const struct { const char *tok; enum vf_op op; } ops[] = {
		{ ">=", OP_GE }, { "<=", OP_LE }, { ">", OP_GT },
		{ "<", OP_LT }, { "=", OP_EQ } };
	t->op = OP_PREFIX;
	for (size_t k = 0; k < ARRAY_LEN(ops); k++) {
		size_t n = strlen(ops[k].tok);
		if (strncmp(w, ops[k].tok, n) == 0) {
			t->op = ops[k].op;
			return view_parse_num(w + n, &t->a);
		}
	}
	const char *dots = strstr(w, "..");
	if (!dots)
		return true;
	char *lo = xstrndup(w, (size_t)(dots - w));
	bool ok = view_parse_num(lo, &t->a) && view_parse_num(dots + 2,
							      &t->b);
	free(lo);
	t->op = OP_RANGE;
	return ok;
}

/* The filter names of the catalogue's columns, ", "-joined. */
static void vf_column_list(const struct view *v, char *buf, size_t n)
{
	enum view_col cols[COL_COUNT];
	size_t k, m = view_columns(v, cols, COL_COUNT), len = 0;
	buf[0] = '\0';
	for (k = 0; k < m; k++)
		len += xsnprintf(buf + len, n - len, "%s%s", k ? ", " : "",
				 view_col_key(cols[k]));
}

/* "no column NAME (columns: ...)" in err; returns -1. */
static int vf_no_column(const struct view *v, const char *name,
			size_t len, char *err, size_t errlen)
{
	char cols[256];
	vf_column_list(v, cols, sizeof cols);
	xsnprintf(err, errlen, _("no column %.*s (columns: %s)"), (int)len,
		  name, cols);
	return -1;
}

/* Add a term to the spec; returns it, zeroed but for col and op. */
static struct vf_term *vf_add(struct vf_spec *f, enum view_col col,
			      enum vf_op op)
{
	xgrow((void **)&f->t, &f->cap, f->n + 1, sizeof *f->t);
	struct vf_term *t = &f->t[f->n++];
	memset(t, 0, sizeof *t);
	t->col = col;
	t->op = op;
	return t;
}

/* Add value to the bare words. */
static void vf_add_bare(struct vf_spec *f, const char *value)
{
	char *s = f->bare ? xasprintf("%s %s", f->bare, value)
			  : xstrdup(value);
	free(f->bare);
	f->bare = s;
}

/* The signal a you=value term names ("seen" or "want", as the cell
 * shows it or in English, any case), or 0. */
static double vf_signal_word(const char *value)
{
	static const double sig[] = { IMPORT_SIGNAL_SEEN,
				      IMPORT_SIGNAL_WANT };
	for (size_t k = 0; k < ARRAY_LEN(sig); k++)
		if (strcasecmp(value, view_signal_tag(sig[k])) == 0 ||
		    strcasecmp(value, sig[k] == IMPORT_SIGNAL_WANT ? "want"
							       : "seen") == 0)
			return sig[k];
	return 0;
}

/* The term col:value or col=value (sep says which). */
static int vf_add_col(struct vf_spec *f, enum view_col col, char sep,
		      const char *value, char *err, size_t errlen)
{
	bool num = view_col_numeric(col);
	struct vf_term *t = vf_add(f, col, sep == '=' ? OP_EXACT
					    : num ? OP_PREFIX : OP_WORDS);
	if (t->op == OP_WORDS) {
		search_query_init(&t->q, value);
		return 0;
	}
	if (t->op == OP_EXACT && col == COL_YOU &&
	    (t->sig = vf_signal_word(value)) != 0) {
		t->value = xstrdup(value);
		return 0;
	}
	if (t->op == OP_EXACT && !num) {
		char *fold = text_fold(value);
		t->value = xstrdup(text_trim(fold));
		free(fold);
		return 0;
	}
	t->value = xstrdup(value);
	if (t->op == OP_EXACT ? !*value || view_parse_num(value, &t->a)
			      : vf_parse_op(t, value))
		return 0;
	xsnprintf(err, errlen, _("%s%c%s: not a number (comparisons: <, "
				 "<=, >, >=, =, a..b)"), view_col_key(col),
		  sep, value);
	return -1;
}

/* Read a quoted string at *p (on the opening quote), \" and \\ as
 * escapes; NULL with a message when it is not closed. */
static char *vf_quoted(const char **p, char *err, size_t errlen)
{
	const char *s = *p + 1;
	char *out = xmalloc(strlen(s) + 1), *o = out;
	for (; *s && *s != '"'; s++) {
		if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
			s++;
		*o++ = *s;
	}
	*o = '\0';
	if (*s != '"') {
		xsnprintf(err, errlen, "%s", _("a quote is not closed"));
		free(out);
		return NULL;
	}
	*p = s + 1;
	return out;
}

/* Read one value at *p: a quoted string, or up to the next space. */
static char *vf_value(const char **p, char *err, size_t errlen)
{
	if (**p == '"')
		return vf_quoted(p, err, errlen);
	size_t len = strcspn(*p, " \t");
	char *s = xstrndup(*p, len);
	*p += len;
	return s;
}

/* Length of the column name that may start p: ASCII letters followed
 * by ':' or '='; 0 when there is none. */
static size_t vf_name_len(const char *p)
{
	size_t n = 0;
	while (isalpha((unsigned char)p[n]) && !((unsigned char)p[n] & 0x80))
		n++;
	return n && (p[n] == ':' || p[n] == '=') ? n : 0;
}

/* Parse the column term at *p (whose name is len bytes long). */
static int vf_col_term(const struct view *v, struct vf_spec *f,
		       const char **p, size_t len, char *err, size_t errlen)
{
	const char *name = *p, *rest = *p + len + 1;
	char sep = name[len];
	enum view_col col = view_col_by_name(name, len);
	bool alone = !*rest || *rest == ' ' || *rest == '\t';
	if (col == COL_COUNT && alone && sep == ':') {
		char *word = xstrndup(name, len);   /* "Leon: The" */
		vf_add_bare(f, word);
		free(word);
		*p = rest;
		return 0;
	}
	if (col == COL_COUNT || !v->cache->filled[col])
		return vf_no_column(v, name, len, err, errlen);
	rest += strspn(rest, " \t");
	char *value = vf_value(&rest, err, errlen);
	if (!value)
		return -1;
	*p = rest;
	int rc = vf_add_col(f, col, sep, value, err, errlen);
	free(value);
	return rc;
}

/* Parse one term at *p (past any spaces). */
static int vf_term(const struct view *v, struct vf_spec *f,
		   const char **p, char *err, size_t errlen)
{
	size_t len = vf_name_len(*p);
	if (len)
		return vf_col_term(v, f, p, len, err, errlen);
	char *value = vf_value(p, err, errlen);
	if (!value)
		return -1;
	vf_add_bare(f, value);
	free(value);
	return 0;
}

/* Free a parsed filter. */
static void vf_free(struct vf_spec *f)
{
	for (size_t k = 0; k < f->n; k++) {
		search_query_free(&f->t[k].q);
		free(f->t[k].value);
	}
	free(f->t);
	free(f->bare);
	memset(f, 0, sizeof *f);
}

/* Parse text into f; -1 with a message (f then holds nothing). */
static int vf_parse(const struct view *v, const char *text,
		    struct vf_spec *f, char *err, size_t errlen)
{
	memset(f, 0, sizeof *f);
	const char *p = text ? text : "";
	for (p += strspn(p, " \t"); *p; p += strspn(p, " \t"))
		if (vf_term(v, f, &p, err, errlen) != 0) {
			vf_free(f);
			return -1;
		}
	if (f->bare)
		search_query_init(&vf_add(f, FOLD_ALL, OP_WORDS)->q, f->bare);
	return 0;
}

/* ---------------------------------------------------------------------
 * Filters: matching
 * ------------------------------------------------------------------- */

/* True when number x passes a comparison. */
static bool vf_op_ok(const struct vf_term *t, double x)
{
	switch (t->op) {
	case OP_LT: return x < t->a;
	case OP_GT: return x > t->a;
	case OP_LE: return x <= t->a;
	case OP_GE: return x >= t->a;
	case OP_EQ: return x == t->a;
	default: return x >= t->a && x <= t->b;
	}
}

/* True when item i's number cell passes term t (by You a signal's
 * cell holds its tag, no number). */
static bool vf_number_ok(const struct view *v, const struct vf_term *t,
			 uint32_t i)
{
	double x;
	char cell[64];
	bool num = view_number(v, i, t->col, &x);
	if (t->op != OP_EXACT && t->op != OP_PREFIX)
		return num && vf_op_ok(t, x);
	view_cell(v, i, t->col, true, cell, sizeof cell);
	if (t->op == OP_PREFIX)
		return *t->value && strncmp(cell, t->value,
					    strlen(t->value)) == 0;
	if (!*t->value)
		return !*cell;
	if (t->sig)
		return !num && view_signal(v, i, &x) && x == t->sig;
	return num && view_parse_num(cell, &x) && x == t->a;
}

/* True when folded value q is one of the values "|a|b|" (q "" when
 * vals is empty). */
static bool vf_has_value(const char *vals, const char *q)
{
	if (!*q)
		return !*vals;
	size_t n = strlen(q);
	for (const char *p = vals; (p = strstr(p, q)); p++)
		if (p > vals && p[-1] == '|' && p[n] == '|')
			return true;
	return false;
}

/* True when item i passes term t. */
static bool vf_term_ok(const struct view *v, const struct vf_term *t,
		       uint32_t i)
{
	if (view_col_numeric(t->col))
		return vf_number_ok(v, t, i);
	if (t->op == OP_EXACT)
		return vf_has_value(view_vals(v, t->col)[i], t->value);
	return search_query_match(&t->q, view_words(v, t->col)[i]);
}

/* True when item i passes every term. */
static bool vf_ok(const struct view *v, const struct vf_spec *f,
		  uint32_t i)
{
	for (size_t k = 0; k < f->n; k++)
		if (!vf_term_ok(v, &f->t[k], i))
			return false;
	return true;
}

/* Check a filter without applying it. */
int view_filter_check(const struct view *v, const char *text, char *err,
		      size_t errlen)
{
	struct vf_spec f;
	if (vf_parse(v, text, &f, err, errlen) != 0)
		return -1;
	vf_free(&f);
	return 0;
}

/* Set or clear the filter and rebuild the rows shown; -1 with a
 * message, and nothing changed, when the text is no filter. */
int64_t view_filter_set(struct view *v, const char *text, char *err,
			size_t errlen)
{
	struct view_cache *vc = v->cache;
	uint32_t n = v->cat->n_items;
	struct vf_spec f;
	if (text && *text && vf_parse(v, text, &f, err, errlen) != 0)
		return -1;
	if (text != v->filter) {
		free(v->filter);
		v->filter = text && *text ? xstrdup(text) : NULL;
	}
	if (!v->filter) {
		memcpy(v->rows, vc->order, n * sizeof *v->rows);
		return v->n_rows = n;
	}
	v->n_rows = 0;
	for (uint32_t k = 0; k < n; k++)
		if (vf_ok(v, &f, vc->order[k]))
			v->rows[v->n_rows++] = vc->order[k];
	vf_free(&f);
	return v->n_rows;
}

/* Set the filter; an invalid one keeps no rows. */
uint32_t view_filter(struct view *v, const char *text)
{
	char err[256];
	int64_t n = view_filter_set(v, text, err, sizeof err);
	if (n >= 0)
		return (uint32_t)n;
	if (text != v->filter) {
		free(v->filter);
		v->filter = xstrdup(text);
	}
	v->n_rows = 0;
	return 0;
}

/* The term col=value, quoted when the value is not a plain word. */
size_t view_filter_term(enum view_col col, const char *value, char *buf,
			size_t n)
{
	const char *key = view_col_key(col);
	if (!value)
		value = "";
	if (*value && !strpbrk(value, " \t\"\\"))
		return xsnprintf(buf, n, "%s=%s", key, value);
	char *q = xmalloc(2 * strlen(value) + 1), *o = q;
	for (const char *s = value; *s; s++) {
		if (*s == '"' || *s == '\\')
			*o++ = '\\';
		*o++ = *s;
	}
	*o = '\0';
	size_t len = xsnprintf(buf, n, "%s=\"%s\"", key, q);
	free(q);
	return len;
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
	case COL_TAGS:
		return view_join(view_raw(it, col) ? view_raw(it, col) : "",
				 ascii ? ", " : "\xc2\xb7", buf, n);
	case COL_YEAR:
		return it->year ? xsnprintf(buf, n, "%d", it->year) : 0;
	case COL_NRATINGS:
		return xsnprintf(buf, n, "%u", it->n_ratings);
	case COL_MEAN:
		return isfinite(it->mean) ? xsnprintf(buf, n, "%.2f",
						      it->mean) : 0;
	case COL_YOU:
		if (view_you(v, item, &x))
			return scale_format(&v->cat->scale, x, ascii, buf, n);
		if (view_signal(v, item, &x))
			return xsnprintf(buf, n, "%s", view_signal_tag(x));
		return 0;
	default:
		return 0;
	}
}

/* ---------------------------------------------------------------------
 * Frequency tables
 * ------------------------------------------------------------------- */

struct freq_build {
	struct intern *values;  /* the counted keys */
	uint32_t *counts;
	size_t cap;
	char **shown;           /* each key's first spelling (lists) */
	size_t shown_cap;
	double *nums;           /* number columns: each value's number */
	size_t nums_cap;
	bool numeric;
};

/* Count one value under key (len bytes); shown is its spelling. */
static void freq_count(struct freq_build *b, const char *key, size_t len,
		       const char *shown, double num)
{
	bool added;
	uint32_t k = intern_add(b->values, key, len, &added);
	size_t need = (size_t)k + 1;
	if (need > b->cap) {
		size_t old = b->cap;
		xgrow((void **)&b->counts, &b->cap, need, sizeof *b->counts);
		memset(b->counts + old, 0, (b->cap - old) * sizeof *b->counts);
	}
	xgrow((void **)&b->nums, &b->nums_cap, need, sizeof *b->nums);
	xgrow((void **)&b->shown, &b->shown_cap, need, sizeof *b->shown);
	if (added)
		b->shown[k] = shown ? xstrdup(shown) : NULL;
	b->counts[k]++;
	b->nums[k] = num;
}

/* Count the '|'-separated values of s, each under its folded text so
 * "Cyberpunk" and "cyberpunk" are one; false when there are none. */
static bool freq_count_list(struct freq_build *b, const char *s)
{
	bool any = false;
	while (s && *s) {
		const char *bar = strchr(s, '|');
		size_t len = bar ? (size_t)(bar - s) : strlen(s);
		if (len) {
			char *value = xstrndup(s, len);
			char *fold = text_fold(value);
			const char *key = *text_trim(fold) ? text_trim(fold)
							   : value;
			freq_count(b, key, strlen(key), value, 0);
			free(fold);
			free(value);
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
	if (view_col_list(col))
		return freq_count_list(b, view_raw(&v->cat->items[i], col));
	char cell[512];
	double x = 0;
	if (view_col_numeric(col) && !view_number(v, i, col, &x)) {
		/* your signals after your ratings on a tie */
		if (col != COL_YOU || !view_signal(v, i, &x))
			return false;
		x += v->cat->scale.max;
	}
	size_t len = view_cell(v, i, col, true, cell, sizeof cell);
	if (!len)
		return false;
	freq_count(b, cell, len, NULL, x);
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
	for (size_t k = 0; k < out->n; k++) {
		char *shown = b.shown[idx[k]];
		out->v[k] = (struct freq_entry){
			shown ? shown : xstrdup(intern_str(b.values, idx[k])),
			b.counts[idx[k]] };
	}
	free(idx);
	intern_free(b.values);
	free(b.counts);
	free(b.shown);
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
