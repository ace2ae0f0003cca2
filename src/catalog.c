/* SPDX-License-Identifier: GPL-3.0-or-later */
/* catalog: items plus the community's ratings, from a directory in the
 * MovieLens latest layout (movies.csv, ratings.csv, tags.csv, links.csv),
 * the goodbooks-10k layout (books.csv [, ratings.csv, book_tags.csv +
 * tags.csv]), MovieLens 100k (u.item, u.data), MovieLens 1M/10M or
 * MovieTweetings (movies.dat, ratings.dat; catalog_dir_layout tells
 * them apart). "movies" and "books" name the bundled copies.
 *
 * Every item file is read through csvread with its columns found by
 * header name, one row at a time (struct table); every file read leaves
 * an import report in catalog.reports, and a row that cannot become an
 * item (empty or duplicate id, bad field) is rejected there with its
 * line, never dropped silently. Ratings go through ratings_load with the
 * item ids as known ids, so the matrix columns are the items and a
 * rating of an unknown item is reported. Ids stay strings throughout;
 * goodbooks keeps book_id as the id and goodreads_book_id apart as
 * ext_id. Each item gets a folded search text whose first fold_title
 * bytes are its folded title, so search and sort need no folding.
 *
 * Files are probed with lstat and open, never access(): a missing
 * optional file is no error, an unreadable one always is. The key that
 * names the profile and models of a directory hashes its real path
 * (catalog_dir_names), so directories of the same name stay apart. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "catalog_cache.h"
#include "csvread.h"
#include "i18n.h"
#include "log.h"
#include "origin.h"
#include "paths.h"
#include "ratings_file.h"
#include "replace.h"
#include "safe.h"
#include "synth.h"      /* synthetic catalogues: see catalog_open */
#include "text.h"
#include "util.h"

#define TABLE_MAX_COLS 16
/* Tags kept per movie: enough to describe it, few enough to show. */
#define MAX_TAGS 8
/* Longest directory name kept in a catalogue key. */
#define KEY_NAME_MAX 64

struct table;
/* Turn the current row (t->f) into catalogue data; false rejects it
 * (the callee has reported why). */
typedef bool (*table_row_fn)(struct table *t, uint64_t line);

/* One CSV file with a header, read row by row. */
struct table {
	struct catalog *c;
	struct report *rep;
	const char *const *cols;    /* wanted column names, NULL-ended */
	unsigned required;          /* bit k: cols[k] must be present */
	int idx[TABLE_MAX_COLS];    /* field of each wanted column, or -1 */
	size_t n_cols, n_fields;
	bool header;
	char *f[TABLE_MAX_COLS];    /* wanted fields of this row, "" absent */
	table_row_fn row;
	void *ctx;
	const struct csvfile *csv;  /* the file being read */
	char *err;                  /* a header problem, malloc'd */
	bool optional;              /* an empty file is a warning */
	/* Files without a header (u.item, movies.dat): idx preset,
	 * n_fields the fewest fields a row has, max_fields the most (0:
	 * any), delim given, and no quoting (a quote is part of a
	 * title). */
	bool headerless;
	size_t max_fields;
	const char *delim;
	char **fields;              /* every field of this row */
	size_t n;
};

/* One tags.csv row kept until the tags are grouped. */
struct tag_row {
	uint32_t item, key, seq;
	char *text;
};

/* A (movie, tag) group: how often and first seen. */
struct tag_group {
	uint32_t item, count, first;
	const char *text;
};

/* State of one catalogue load. */
struct loader {
	struct catalog *c;
	size_t items_cap;
	struct intern *tag_keys;
	struct tag_row *tags;
	size_t n_tags, tags_cap;
	size_t hist_cap;
	/* goodbooks: each book's ISBN-13s read from its float isbn13,
	 * by item index, until gb_add_readings settles them */
	char **gb_readings;
	size_t n_readings, readings_cap;
};

/* Add a report for path to the catalogue; returns it. */
static struct report *catalog_add_report(struct catalog *c,
					 const char *path)
{
	c->reports = xrealloc(c->reports,
			      (c->n_reports + 1) * sizeof *c->reports);
	struct report *r = &c->reports[c->n_reports++];
	report_init(r, path);
	return r;
}

/* True when dir/file exists (whatever it is). */
static bool catalog_has(const char *dir, const char *file)
{
	char *path = paths_join(dir, file);
	struct stat st;
	bool there = lstat(path, &st) == 0;
	free(path);
	return there;
}

/* True when dir/ratings.csv is goodbooks-10k's: its header names
 * user_id and book_id (a MovieLens one, userId and movieId, would put
 * films' ratings on books of the same numbers); else false with err
 * saying what the header is (shown names the directory). */
static bool goodbooks_ratings(const char *dir, const char *shown_dir,
			      char *err, size_t errlen)
{
	char *path = paths_join(dir, "ratings.csv");
	char *head = util_read_line(path), shown[64 * SAFE_GROWTH];
	bool ok = head && strcasestr(head, "user_id") &&
		  strcasestr(head, "book_id");

	free(path);
	if (!ok) {
		safe_text(head ? head : "", shown, sizeof shown);
		shown[text_fit(shown, 60)] = '\0';
		xsnprintf(err, errlen, _("%s/ratings.csv is not "
			  "goodbooks-10k's: its header is '%s', "
			  "goodbooks-10k's names user_id and book_id"),
			  shown_dir, shown);
	}
	free(head);
	return ok;
}

/* The field of wanted column k in the current row. */
static const char *table_field(const struct table *t, size_t k)
{
	return t->f[k];
}

/* 1-based field number of wanted column k, for reports. */
static int table_col(const struct table *t, size_t k)
{
	return t->idx[k] + 1;
}

/* Reject the current row because of wanted column k. */
static bool table_reject(struct table *t, uint64_t line, size_t k,
			 enum reject_reason why)
{
	report_reject(t->rep, line, table_col(t, k), why, t->f[k]);
	return false;
}

/* The row as text for a report, fields joined with the file's
 * delimiter (u.item's '|', movies.dat's "::"), as the line reads. */
static char *table_row_text(char **fields, size_t n, const char *delim)
{
	size_t len = 0, dl = strlen(delim);
	for (size_t i = 0; i < n; i++)
		len += strlen(fields[i]) + dl;
	char *s = xmalloc(len + 1), *w = s;
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(fields[i]);
		if (i) {
			memcpy(w, delim, dl);
			w += dl;
		}
		memcpy(w, fields[i], l);
		w += l;
	}
	*w = '\0';
	return s;
}

/* Find the wanted columns in the header row. */
static int table_header(struct table *t, char **fields, size_t n)
{
	t->header = true;
	t->n_fields = n;
	for (size_t k = 0; k < t->n_cols; k++) {
		t->idx[k] = -1;
		for (size_t i = 0; i < n; i++)
			if (strcasecmp(text_trim(fields[i]), t->cols[k]) == 0)
				t->idx[k] = (int)i;
		if (t->idx[k] < 0 && (t->required & (1u << k))) {
			t->err = xasprintf(_("no column %s in the header"),
					   t->cols[k]);
			return 1;
		}
	}
	return 0;
}

/* csvread callback: the header, then one data row. */
static int table_record(void *ctx, uint64_t line, char **fields,
			size_t n)
{
	struct table *t = ctx;
	if (!t->header && !t->headerless)
		return table_header(t, fields, n);
	t->rep->rows++;
	char why[96];
	if (csvread_record_problem(t->csv, why, sizeof why)) {
		report_reject(t->rep, line, 0, REJ_BAD_VALUE, why);
		return 0;
	}
	if (t->headerless && (n < t->n_fields ||
			      (t->max_fields && n > t->max_fields))) {
		char *text = table_row_text(fields, n, t->csv->delim);
		report_reject(t->rep, line, 0, REJ_FIELD_COUNT, text);
		free(text);
		return 0;
	}
	if (!t->headerless && n != t->n_fields) {
		char *text = table_row_text(fields, n, t->csv->delim);
		report_reject(t->rep, line, 0, REJ_FIELD_COUNT, text);
		free(text);
		return 0;
	}
	for (size_t k = 0; k < t->n_cols; k++)
		t->f[k] = t->idx[k] < 0 || (size_t)t->idx[k] >= n ? (char *)""
					: text_trim(fields[t->idx[k]]);
	t->fields = fields;
	t->n = n;
	if (t->row(t, line))
		t->rep->accepted++;
	return 0;
}

/* Count the columns of a NULL-ended name list. */
static size_t table_count(const char *const *cols)
{
	size_t n = 0;
	while (cols[n])
		n++;
	return n;
}

/* Read dir/file as a table: each row goes to row(). A report is added
 * to the catalogue whatever happens. */
static int table_read(struct table *t, const char *dir, const char *file,
		      char *err, size_t errlen)
{
	char *path = paths_join(dir, file);
	t->rep = catalog_add_report(t->c, path);
	t->n_cols = table_count(t->cols);
	struct csvread_opts o = { .delim = t->delim ? t->delim : ",",
				  .encoding = CSV_ENC_AUTO,
				  .no_quotes = t->headerless };
	struct csvfile f;
	char why[512];
	int rc = csvread_open(&f, path, &o, why, sizeof why);
	if (rc == 0) {
		xsnprintf(t->rep->encoding, sizeof t->rep->encoding, "%s",
			  f.encoding);
		xsnprintf(t->rep->delimiter, sizeof t->rep->delimiter, "%s",
			  f.delim);
		t->rep->bom = f.bom;
		t->csv = &f;
		rc = csvread_each(&f, table_record, t, why, sizeof why);
		t->csv = NULL;
		csvread_close(&f);
	}
	if (t->headerless)
		t->header = t->rep->rows > 0;
	else
		t->rep->header = t->header;
	if (rc == 0 && !t->header && t->optional)
		report_warn(t->rep, "%s", _("empty file: ignored"));
	else if (rc == 0 && !t->header)
		t->err = xstrdup(_("empty file"));
	if (rc != 0 || t->err)
		xsnprintf(err, errlen, "%s: %s", file,
			  t->err ? t->err : why);
	rc = rc != 0 || t->err ? -1 : 0;
	free(t->err);
	t->err = NULL;
	free(path);
	return rc;
}

/* What is at dir/file: nothing, a file to read, or something that
 * cannot be read. */
enum probe { PROBE_MISSING, PROBE_FILE, PROBE_BAD };

/* Why path, which exists, cannot be read; 0 when it can. Opening is
 * the only test that tells (access() answers for the real uid, and
 * root reads a mode 000 file); O_NONBLOCK so a FIFO does not hang. */
static int catalog_unreadable(const char *path)
{
	struct stat st;
	int e = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return errno;
	if (fstat(fd, &st) != 0)
		e = errno;
	else if (S_ISDIR(st.st_mode))
		e = EISDIR;
	else if (!S_ISREG(st.st_mode))
		e = EINVAL;
	close(fd);
	return e;
}

/* Whether dir/file is missing (which is fine for an optional file), a
 * regular file that opens, or there but unreadable: a file without
 * permission, a directory, a dangling link, which are errors, never
 * taken for a missing file ("cannot open PATH: reason" in err). */
static enum probe catalog_probe(const char *dir, const char *file,
				char *err, size_t errlen)
{
	char *path = paths_join(dir, file);
	struct stat st;
	enum probe r;
	int e;
	if (lstat(path, &st) != 0) {
		e = errno;
		r = e == ENOENT ? PROBE_MISSING : PROBE_BAD;
	} else {
		e = catalog_unreadable(path);
		r = e ? PROBE_BAD : PROBE_FILE;
	}
	if (r == PROBE_BAD)
		xsnprintf(err, errlen, _("cannot open %s: %s"), path,
			  e == EINVAL ? _("not a regular file")
				      : strerror(e));
	free(path);
	return r;
}

/* Append s folded (and space-trimmed) to the fold being built. */
static void fold_append(char **buf, size_t *len, size_t *cap,
			const char *s)
{
	if (!s || !*s)
		return;
	char *f = text_fold(s);
	char *t = text_trim(f);
	size_t n = strlen(t);
	if (n) {
		xgrow((void **)buf, cap, *len + n + 2, 1);
		if (*len)
			(*buf)[(*len)++] = ' ';
		memcpy(*buf + *len, t, n + 1);
		*len += n;
	}
	free(f);
}

/* Build the item's search text: title, year, creators, series and an
 * extra text (a book's original title). */
static void catalog_fold_item(struct item *it, const char *extra)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	fold_append(&buf, &len, &cap, it->title);
	it->fold_title = (uint32_t)len;
	if (it->year) {
		char year[16];
		xsnprintf(year, sizeof year, "%d", abs(it->year));
		fold_append(&buf, &len, &cap, year);
	}
	fold_append(&buf, &len, &cap, it->creators);
	fold_append(&buf, &len, &cap, it->series);
	if (extra && it->title && strcmp(extra, it->title) != 0)
		fold_append(&buf, &len, &cap, extra);
	it->fold = buf ? buf : xstrdup("");
}

/* Add an item with id, or reject the row as an empty or duplicate id. */
static struct item *catalog_new_item(struct table *t, uint64_t line,
				     size_t id_col)
{
	struct loader *ld = t->ctx;
	struct catalog *c = t->c;
	const char *id = table_field(t, id_col);
	if (!*id) {
		table_reject(t, line, id_col, REJ_EMPTY_ID);
		return NULL;
	}
	bool added;
	uint32_t i = intern_add(c->item_ids, id, strlen(id), &added);
	if (i == INTERN_NONE || !added) {
		table_reject(t, line, id_col, i == INTERN_NONE ?
			     REJ_BAD_VALUE : REJ_DUPLICATE_ID);
		return NULL;
	}
	xgrow((void **)&c->items, &ld->items_cap, c->n_items + 1,
	      sizeof *c->items);
	struct item *it = &c->items[c->n_items++];
	memset(it, 0, sizeof *it);
	it->id = i;
	it->mean = NAN;
	return it;
}

/* NULL for an empty string, else a copy. */
static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* ---------------------------------------------------------------------
 * MovieLens
 * ------------------------------------------------------------------- */

enum { ML_ID, ML_TITLE, ML_GENRES };

/* One movies.csv row: movieId, title "Matrix, The (1999)", genres. */
static bool ml_movie_row(struct table *t, uint64_t line)
{
	if (!*table_field(t, ML_TITLE))
		return table_reject(t, line, ML_TITLE, REJ_BAD_VALUE);
	struct item *it = catalog_new_item(t, line, ML_ID);
	if (!it)
		return false;
	struct title_parts tp;
	text_split_movie_title(table_field(t, ML_TITLE), &tp);
	it->title = tp.title;
	it->year = tp.year;
	const char *g = table_field(t, ML_GENRES);
	if (strcmp(g, "(no genres listed)") != 0)
		it->genres = dup_or_null(g);
	catalog_fold_item(it, NULL);
	return true;
}

/* The item a row of a side file (links, tags) refers to, or reject. */
static struct item *ml_known_item(struct table *t, uint64_t line,
				  size_t col)
{
	const char *id = table_field(t, col);
	uint32_t i = *id ? intern_find(t->c->item_ids, id) : INTERN_NONE;
	if (i == INTERN_NONE) {
		table_reject(t, line, col, *id ? REJ_UNKNOWN_ITEM
					       : REJ_EMPTY_ID);
		return NULL;
	}
	return &t->c->items[i];
}

/* True when s is a non-empty run of ASCII digits. */
static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

enum { LK_ID, LK_IMDB };

/* One links.csv row: movieId, imdbId (digits, zeros kept, padded
 * to 7 as IMDb writes them). */
static bool ml_link_row(struct table *t, uint64_t line)
{
	struct item *it = ml_known_item(t, line, LK_ID);
	if (!it)
		return false;
	const char *imdb = table_field(t, LK_IMDB);
	if (!all_digits(imdb))
		return table_reject(t, line, LK_IMDB, REJ_BAD_VALUE);
	if (it->ext_id)
		return table_reject(t, line, LK_ID, REJ_DUPLICATE_ID);
	size_t n = strlen(imdb);
	it->ext_id = xasprintf("tt%.*s%s", n < 7 ? (int)(7 - n) : 0,
			       "0000000", imdb);
	return true;
}

enum { TG_ITEM, TG_TAG };

/* One tags.csv row: kept with its folded text as the grouping key. */
static bool ml_tag_row(struct table *t, uint64_t line)
{
	struct loader *ld = t->ctx;
	struct item *it = ml_known_item(t, line, TG_ITEM);
	if (!it)
		return false;
	const char *tag = table_field(t, TG_TAG);
	if (!*tag)
		return table_reject(t, line, TG_TAG, REJ_BAD_VALUE);
	char *key = text_fold(tag);
	const char *k = *text_trim(key) ? text_trim(key) : tag;
	uint32_t ki = intern_add(ld->tag_keys, k, strlen(k), NULL);
	free(key);
	xgrow((void **)&ld->tags, &ld->tags_cap, ld->n_tags + 1,
	      sizeof *ld->tags);
	char *text = xstrdup(tag);
	for (char *s = text; *s; s++)
		if (*s == '|')
			*s = '/';   /* '|' joins the tags of an item */
	ld->tags[ld->n_tags] = (struct tag_row){ it->id, ki,
		(uint32_t)ld->n_tags, text };
	ld->n_tags++;
	return true;
}

/* Order tag rows by item, key, arrival. */
static int tag_row_cmp(const void *a, const void *b)
{
	const struct tag_row *x = a, *y = b;
	if (x->item != y->item)
		return x->item < y->item ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Order groups by item, most used first, then first seen. */
static int tag_group_cmp(const void *a, const void *b)
{
	const struct tag_group *x = a, *y = b;
	if (x->item != y->item)
		return x->item < y->item ? -1 : 1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* Join up to MAX_TAGS groups g[0..n) into "a|b|c". */
static char *tags_join(const struct tag_group *g, size_t n)
{
	size_t len = 0;
	n = n < MAX_TAGS ? n : MAX_TAGS;
	for (size_t k = 0; k < n; k++)
		len += strlen(g[k].text) + 1;
	char *s = xmalloc(len + 1), *w = s;
	for (size_t k = 0; k < n; k++) {
		if (k)
			*w++ = '|';
		size_t l = strlen(g[k].text);
		memcpy(w, g[k].text, l);
		w += l;
	}
	*w = '\0';
	return s;
}

/* Give each movie its distinct tags, most used first; the spelling
 * shown is the first one seen for that movie. */
static void ml_build_tags(struct loader *ld)
{
	if (!ld->n_tags)
		return;
	qsort(ld->tags, ld->n_tags, sizeof *ld->tags, tag_row_cmp);
	struct tag_group *g = xcalloc(ld->n_tags + 1, sizeof *g);
	size_t n = 0;
	for (size_t i = 0; i < ld->n_tags; i++) {
		const struct tag_row *r = &ld->tags[i];
		if (n && g[n - 1].item == r->item &&
		    ld->tags[i - 1].key == r->key) {
			g[n - 1].count++;
			continue;
		}
		g[n++] = (struct tag_group){ r->item, 1, r->seq, r->text };
	}
	qsort(g, n, sizeof *g, tag_group_cmp);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i; j < n && g[j].item == g[i].item; j++)
			;
		ld->c->items[g[i].item].tags = tags_join(g + i, j - i);
	}
	free(g);
}

/* True when every row of a ratings report was rejected as a rating of
 * an item the item file does not have. */
static bool catalog_all_unknown(const struct report *rep)
{
	return rep->rows > 0 && rep->accepted == 0 &&
	       rep->by_reason[REJ_UNKNOWN_ITEM] == rep->rows;
}

/* A ratings.csv that holds no rating the catalogue can use, though it
 * is no broken file: empty, only a header, or only ratings of unknown
 * items. The catalogue opens without community ratings and the report
 * says why (the rejected rows keep their lines). False otherwise. */
static bool catalog_no_ratings(const struct catalog *c, bool empty,
			       bool loaded, struct report *rep)
{
	/* the item file is the first one read (u.item, movies.dat...) */
	const char *items = c->kind == CATALOG_GOODBOOKS ? "books.csv"
							 : "movies.csv";
	if (c->n_reports && c->reports[0].path) {
		const char *slash = strrchr(c->reports[0].path, '/');
		items = slash ? slash + 1 : c->reports[0].path;
	}
	if (empty)
		report_warn(rep, "%s", _("empty file: no community "
					 "ratings"));
	else if (loaded && rep->rows == 0)
		report_warn(rep, "%s", _("no data rows (only a header): no "
					 "community ratings"));
	else if (catalog_all_unknown(rep))
		report_warn(rep, ngettext("%" PRIu64 " rating is of an item "
					  "not in %s: no community ratings",
					  "all %" PRIu64 " ratings are of "
					  "items not in %s: no community "
					  "ratings", rep->rows),
			    rep->rows, items);
	else
		return false;
	return true;
}

/* Read a ratings file of the catalogue's items into the matrix. A
 * layout's own delim (u.data's tab, ratings.dat's "::") is given, not
 * sniffed, and makes a quote a plain character; NULL: a CSV file. */
static int catalog_load_ratings(struct catalog *c, const char *dir,
				const char *file, const struct scale *scale,
				const char *delim, char *err, size_t errlen)
{
	char *path = paths_join(dir, file);
	struct ratings_opts o;
	ratings_opts_default(&o);
	o.scale = scale;
	o.known_items = c->item_ids;
	o.csv.delim = delim;
	o.csv.no_quotes = delim != NULL;
	struct ratings r;
	char why[512];
	int rc = ratings_load(path, &o, &r, why, sizeof why);
	struct report *rep = catalog_add_report(c, path);
	report_free(rep);
	*rep = r.report;
	memset(&r.report, 0, sizeof r.report);
	free(path);
	if (rep->has_scale)
		c->scale = rep->scale;
	bool none = catalog_no_ratings(c, r.empty, rc == 0, rep);
	if (rc != 0 && !none)
		xsnprintf(err, errlen, "%s", why);
	if (rc == 0 && !none) {
		intern_free(c->user_ids);
		c->user_ids = r.users;
		r.users = NULL;
		c->m = rmatrix_build(&r.t, intern_count(c->user_ids),
				     c->n_items);
		c->has_ratings = true;
	}
	ratings_free(&r);
	return none ? 0 : rc;
}

/* n_ratings and mean of every item from the matrix columns. */
static void catalog_item_means(struct catalog *c)
{
	for (uint32_t i = 0; i < c->n_items; i++) {
		struct rvec col = rmatrix_by_item(c->m, i);
		double sum = 0;
		for (size_t k = 0; k < col.n; k++)
			sum += col.val[k];
		c->items[i].n_ratings = (uint32_t)col.n;
		c->items[i].mean = col.n ? (float)(sum / (double)col.n) : NAN;
	}
}

/* Read the ratings file of the directory when it has one (delim: see
 * catalog_load_ratings). */
static int catalog_opt_ratings_file(struct catalog *c, const char *dir,
				    const char *file,
				    const struct scale *scale,
				    const char *delim, char *err,
				    size_t errlen)
{
	switch (catalog_probe(dir, file, err, errlen)) {
	case PROBE_MISSING:
		return 0;
	case PROBE_FILE:
		return catalog_load_ratings(c, dir, file, scale, delim,
					    err, errlen);
	default:
		return -1;
	}
}

/* Read the ratings.csv of the directory when it has one. */
static int catalog_opt_ratings(struct catalog *c, const char *dir,
			       const struct scale *scale, char *err,
			       size_t errlen)
{
	return catalog_opt_ratings_file(c, dir, "ratings.csv", scale, NULL,
					err, errlen);
}

/* Read the item file (movies.csv, books.csv) as table t; a file that
 * gives no item at all is refused, since a catalogue of nothing can
 * only mislead. */
static int catalog_items_read(struct table *t, const char *dir,
			      const char *file, char *err, size_t errlen)
{
	if (table_read(t, dir, file, err, errlen) != 0)
		return -1;
	const struct report *r = t->rep;
	if (t->c->n_items > 0)
		return 0;
	bool books = t->c->kind == CATALOG_GOODBOOKS;
	if (r->n_rejects == 0) {
		xsnprintf(err, errlen, books
			  ? _("%s has no books (only a header)")
			  : _("%s has no movies (only a header)"), file);
		return -1;
	}
	const struct reject *j = &r->rejects[0];
	xsnprintf(err, errlen, books
		  ? ngettext("%s has no books: %" PRIu64 " row, "
			     "rejected (line %" PRIu64 ": %s)",
			     "%s has no books: all %" PRIu64 " rows "
			     "were rejected (the first at line %" PRIu64
			     ": %s)", r->rows)
		  : ngettext("%s has no movies: %" PRIu64 " row, "
			     "rejected (line %" PRIu64 ": %s)",
			     "%s has no movies: all %" PRIu64
			     " rows were rejected (the first at line %"
			     PRIu64 ": %s)", r->rows),
		  file, r->rows, j->line, report_reason_text(j->reason));
	return -1;
}

/* Read one side file of a MovieLens directory when it is there; an
 * empty one is a warning in its report. */
static int ml_side_file(struct loader *ld, const char *dir,
			const char *file, const char *const *cols,
			table_row_fn row, char *err, size_t errlen)
{
	enum probe p = catalog_probe(dir, file, err, errlen);
	if (p != PROBE_FILE)
		return p == PROBE_MISSING ? 0 : -1;
	struct table t = { .c = ld->c, .cols = cols, .required = 3,
			   .row = row, .ctx = ld, .optional = true };
	return table_read(&t, dir, file, err, errlen);
}

/* A MovieLens latest directory. */
static int ml_load(struct loader *ld, const char *dir, char *err,
		   size_t errlen)
{
	static const char *const movie_cols[] = {
		"movieId", "title", "genres", NULL };
	static const char *const link_cols[] = { "movieId", "imdbId", NULL };
	static const char *const tag_cols[] = { "movieId", "tag", NULL };
	struct catalog *c = ld->c;

	c->kind = CATALOG_MOVIELENS;
	c->scale = SCALE_MOVIELENS;
	struct table t = { .c = c, .cols = movie_cols, .required = 3,
			   .row = ml_movie_row, .ctx = ld };
	if (catalog_items_read(&t, dir, "movies.csv", err, errlen) != 0 ||
	    ml_side_file(ld, dir, "links.csv", link_cols, ml_link_row, err,
			 errlen) != 0 ||
	    ml_side_file(ld, dir, "tags.csv", tag_cols, ml_tag_row, err,
			 errlen) != 0)
		return -1;
	ml_build_tags(ld);
	return catalog_opt_ratings(c, dir, NULL, err, errlen);
}

/* ---------------------------------------------------------------------
 * goodbooks-10k
 * ------------------------------------------------------------------- */

enum {
	GB_ID, GB_GOODREADS, GB_AUTHORS, GB_YEAR, GB_ORIGINAL, GB_TITLE,
	GB_LANGUAGE, GB_AVERAGE, GB_COUNT, GB_R1, GB_R2, GB_R3, GB_R4,
	GB_R5, GB_ISBN, GB_ISBN13
};

/* A whole, finite number field in the C locale ("2008.0"). */
static bool parse_number(const char *s, double *out)
{
	char *end;
	double v = strtod_l(s, &end, util_c_locale());
	if (end == s || *end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

/* A whole count field: digits, maybe written as a float ("12.0"). */
static bool parse_count(const char *s, uint32_t *out)
{
	double v;
	if (!parse_number(s, &v) || v < 0 || v > UINT32_MAX ||
	    v != floor(v))
		return false;
	*out = (uint32_t)v;
	return true;
}

/* original_publication_year: "2008.0", "-720.0", or empty for 0. */
static bool gb_year(struct table *t, uint64_t line, int *year)
{
	const char *s = table_field(t, GB_YEAR);
	double v;
	*year = 0;
	if (!*s)
		return true;
	if (!parse_number(s, &v) || v != floor(v) || fabs(v) > 99999)
		return table_reject(t, line, GB_YEAR, REJ_BAD_VALUE);
	*year = (int)v;
	return true;
}

/* The rating histogram ratings_1..5 (all zero when the columns are
 * missing), and ratings_count and average_rating. */
static bool gb_numbers(struct table *t, uint64_t line, uint32_t *hist,
		       uint32_t *count, double *average)
{
	for (size_t k = 0; k < CATALOG_HIST_BINS; k++) {
		const char *s = table_field(t, GB_R1 + k);
		hist[k] = 0;
		if (*s && !parse_count(s, &hist[k]))
			return table_reject(t, line, GB_R1 + k,
					    REJ_BAD_VALUE);
	}
	const char *s = table_field(t, GB_COUNT);
	*count = 0;
	if (*s && !parse_count(s, count))
		return table_reject(t, line, GB_COUNT, REJ_BAD_VALUE);
	s = table_field(t, GB_AVERAGE);
	*average = NAN;
	if (*s && (!parse_number(s, average) || *average < 0))
		return table_reject(t, line, GB_AVERAGE, REJ_BAD_VALUE);
	return true;
}

/* Mean of a 1..5 histogram, or the given average when it is empty. */
static float gb_mean(const uint32_t *hist, double average,
		     uint32_t *total)
{
	double sum = 0, n = 0;
	for (size_t k = 0; k < CATALOG_HIST_BINS; k++) {
		sum += (double)(k + 1) * hist[k];
		n += hist[k];
	}
	*total = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
	if (n > 0)
		return (float)(sum / n);
	return isfinite(average) && average > 0 ? (float)average : NAN;
}

/* Store an item's histogram at its index. */
static void gb_keep_hist(struct loader *ld, uint32_t i,
			 const uint32_t *hist)
{
	struct catalog *c = ld->c;
	xgrow((void **)&c->hist, &ld->hist_cap,
	      ((size_t)i + 1) * CATALOG_HIST_BINS, sizeof *c->hist);
	memcpy(c->hist + (size_t)i * CATALOG_HIST_BINS, hist,
	       CATALOG_HIST_BINS * sizeof *hist);
}

/* Append an ISBN-13 (13 digits, or its first 13 bytes) to a
 * space-separated list of n bytes, unless it is there. */
static void isbn_append(char *list, size_t n, const char *isbn)
{
	char one[14];
	memcpy(one, isbn, 13);
	one[13] = '\0';
	if (strstr(list, one))
		return;
	size_t len = strlen(list);
	xsnprintf(list + len, n - len, "%s%s", len ? " " : "", one);
}

/* The ISBN-13 of 12 digits d12 and their check digit into out[14]. */
static void isbn13_of(const char *d12, char *out)
{
	memcpy(out, d12, 12);
	out[12] = text_isbn13_check(out);
	out[13] = '\0';
}

/* The ISBN-13 of goodbooks' isbn column into out[14]: an ISBN-10 that
 * lost its leading zeros ("439023483" is 0439023483), padded back to
 * 10, is 978 + its first 9 digits. False when the field is none. */
static bool gb_isbn_exact(const char *isbn, char *out)
{
	char d[16];
	size_t n = strlen(isbn), digits = strspn(isbn, "0123456789");
	if (n < 2 || n > 10 || !(digits == n || (digits == n - 1 &&
						 (isbn[n - 1] == 'X' ||
						  isbn[n - 1] == 'x'))))
		return false;
	xsnprintf(d, sizeof d, "978%.*s%.*s", (int)(10 - n), "000000000",
		  (int)(n - 1), isbn);
	isbn13_of(d, out);
	return true;
}

/* The ISBN-13s that goodbooks' isbn13 column may be, into list (n
 * bytes, "" for none). It is a float that kept 12 significant digits
 * ("9.78043902348e+12"): the check digit was rounded away, half to
 * even (a 5 rounds the 12th digit up only when it is odd, which is how
 * books.csv was written: 9,256 of its 9,280 books with both columns
 * agree so, 8,771 with rounding half up), so each 12-digit q of p - 1
 * and p whose ISBN rounds to p is a reading: one or two. A float of
 * 13 significant digits is the ISBN itself when its check digit
 * holds. */
static void gb_isbn_readings(const char *isbn13, char *list, size_t n)
{
	double v;
	char d[16], one[14];
	list[0] = '\0';
	if (!*isbn13 || !parse_number(isbn13, &v) || v < 9.78e12 ||
	    v >= 9.8e12)
		return;
	long long whole = llround(v);
	if (whole % 10) {
		xsnprintf(d, sizeof d, "%lld", whole / 10);
		if (text_isbn13_check(d) == (char)('0' + whole % 10)) {
			isbn13_of(d, one);
			isbn_append(list, n, one);
		}
		return;
	}
	long long p = whole / 10;
	for (long long q = p - 1; q <= p; q++) {
		xsnprintf(d, sizeof d, "%lld", q);
		int c = text_isbn13_check(d) - '0';
		long long rounded = c > 5 || (c == 5 && q % 2) ? q + 1 : q;
		if (rounded == p) {
			isbn13_of(d, one);
			isbn_append(list, n, one);
		}
	}
}

/* Keep the float readings of the book at item index i until every
 * book's exact ISBN is known (gb_add_readings). */
static void gb_keep_readings(struct loader *ld, size_t i,
			     const char *isbn13)
{
	char list[64];
	gb_isbn_readings(isbn13, list, sizeof list);
	xgrow((void **)&ld->gb_readings, &ld->readings_cap, i + 1,
	      sizeof *ld->gb_readings);
	while (ld->n_readings < i)
		ld->gb_readings[ld->n_readings++] = NULL;
	ld->gb_readings[i] = *list ? xstrdup(list) : NULL;
	ld->n_readings = i + 1;
}

/* Free the readings a load kept. */
static void gb_free_readings(struct loader *ld)
{
	for (size_t i = 0; i < ld->n_readings; i++)
		free(ld->gb_readings[i]);
	free(ld->gb_readings);
	ld->gb_readings = NULL;
	ld->n_readings = ld->readings_cap = 0;
}

/* True when the space-separated list holds the 13 digits at s. */
static bool isbn_listed(const char *list, const char *s)
{
	char one[14];
	memcpy(one, s, 13);
	one[13] = '\0';
	return list && strstr(list, one);
}

/* Settle every book's ISBNs. The exact one (isbn column) always
 * stands. A float reading is added only when it is no other book's
 * exact ISBN, and none is when one of them is the book's own exact
 * ISBN (the float is then explained): 262 floats of books.csv are
 * shared by two books, and adding both readings to both made even a
 * book's own ISBN ambiguous. */
static void gb_add_readings(struct loader *ld)
{
	struct catalog *c = ld->c;
	struct intern *exact = intern_new();
	for (uint32_t i = 0; i < c->n_items; i++)
		if (c->items[i].isbns)
			intern_add(exact, c->items[i].isbns, 13, NULL);
	for (size_t i = 0; i < ld->n_readings && i < c->n_items; i++) {
		const char *g = ld->gb_readings[i];
		struct item *it = &c->items[i];
		bool explained = false;
		for (const char *s = g; s && *s && !explained;
		     s += 13 + (s[13] == ' '))
			explained = isbn_listed(it->isbns, s);
		if (!g || explained)
			continue;
		char list[64], one[14];
		xsnprintf(list, sizeof list, "%s", it->isbns ? it->isbns
							     : "");
		for (const char *s = g; *s; s += 13 + (s[13] == ' ')) {
			memcpy(one, s, 13);
			one[13] = '\0';
			if (intern_find(exact, one) == INTERN_NONE)
				isbn_append(list, sizeof list, one);
		}
		free(it->isbns);
		it->isbns = *list ? xstrdup(list) : NULL;
	}
	intern_free(exact);
	gb_free_readings(ld);
}

static int gb_book_tags(struct loader *ld, const char *dir, char *err,
			size_t errlen);
static int gb_to_read(struct loader *ld, const char *dir, char *err,
		      size_t errlen);

/* One books.csv row, by book_id. */
static bool gb_book_row(struct table *t, uint64_t line)
{
	uint32_t hist[CATALOG_HIST_BINS], count, total;
	double average;
	int year;
	if (!*table_field(t, GB_TITLE))
		return table_reject(t, line, GB_TITLE, REJ_BAD_VALUE);
	if (!gb_year(t, line, &year) ||
	    !gb_numbers(t, line, hist, &count, &average))
		return false;
	struct item *it = catalog_new_item(t, line, GB_ID);
	if (!it)
		return false;
	text_split_book_title(table_field(t, GB_TITLE), &it->title,
			      &it->series);
	it->year = year;
	it->creators = dup_or_null(table_field(t, GB_AUTHORS));
	it->language = dup_or_null(table_field(t, GB_LANGUAGE));
	it->ext_id = dup_or_null(table_field(t, GB_GOODREADS));
	char exact[14];
	it->isbns = gb_isbn_exact(table_field(t, GB_ISBN), exact)
		    ? xstrdup(exact) : NULL;
	gb_keep_readings(t->ctx, (size_t)(it - t->c->items),
			 table_field(t, GB_ISBN13));
	it->mean = gb_mean(hist, average, &total);
	it->n_ratings = count ? count : total;
	gb_keep_hist(t->ctx, it->id, hist);
	const char *orig = table_field(t, GB_ORIGINAL);
	if (*orig && strcmp(orig, it->title) != 0)
		it->alt_title = xstrdup(orig);
	catalog_fold_item(it, orig);
	return true;
}

/* The ratings.csv beside books.csv when it is goodbooks': another
 * (MovieLens') is not read, and its report says why, so the books open
 * without community ratings rather than with films' on the books of
 * the same numbers. */
static int gb_ratings(struct catalog *c, const char *dir, char *err,
		      size_t errlen)
{
	char why[512];

	if (catalog_has(dir, "ratings.csv") &&
	    !goodbooks_ratings(dir, dir, why, sizeof why)) {
		char *path = paths_join(dir, "ratings.csv");
		report_warn(catalog_add_report(c, path), "%s: not read: no "
			    "community ratings", why);
		free(path);
		return 0;
	}
	return catalog_opt_ratings(c, dir, &SCALE_GOODBOOKS, err, errlen);
}

/* A goodbooks-10k directory: books.csv, and when they are there the
 * subject tags of book_tags.csv + tags.csv and ratings.csv. */
static int gb_load(struct loader *ld, const char *dir, char *err,
		   size_t errlen)
{
	static const char *const cols[] = {
		"book_id", "goodreads_book_id", "authors",
		"original_publication_year", "original_title", "title",
		"language_code", "average_rating", "ratings_count",
		"ratings_1", "ratings_2", "ratings_3", "ratings_4",
		"ratings_5", "isbn", "isbn13", NULL };
	struct catalog *c = ld->c;

	c->kind = CATALOG_GOODBOOKS;
	c->scale = SCALE_GOODBOOKS;
	struct table t = { .c = c, .cols = cols,
			   .required = 1u << GB_ID | 1u << GB_TITLE,
			   .row = gb_book_row, .ctx = ld };
	if (catalog_items_read(&t, dir, "books.csv", err, errlen) != 0)
		return -1;
	gb_add_readings(ld);
	if (t.idx[GB_R1] < 0) {
		free(c->hist);  /* no histogram columns: nothing to keep */
		c->hist = NULL;
	}
	/* the bundled books take these from an attached download */
	const char *side = c->ratings_dir ? c->ratings_dir : dir;
	if (gb_book_tags(ld, side, err, errlen) != 0 ||
	    gb_ratings(c, side, err, errlen) != 0)
		return -1;
	return gb_to_read(ld, side, err, errlen);
}

/* ---------------------------------------------------------------------
 * goodbooks-10k book_tags.csv + tags.csv
 * ------------------------------------------------------------------- */

/* The tag names by tag_id and the books by goodreads_book_id, while
 * book_tags.csv is read. */
struct gb_tags {
	struct loader *ld;
	struct intern *tag_ids;     /* tag_id -> index into names */
	char **names;               /* NULL for a shelf */
	size_t cap;
	struct intern *gr_ids;      /* goodreads_book_id -> book */
	struct tag_group *rows;
	size_t n_rows, rows_cap;
};

enum { TN_ID, TN_NAME };

/* One tags.csv row: tag_id, tag_name. */
static bool gb_tag_name_row(struct table *t, uint64_t line)
{
	struct gb_tags *g = t->ctx;
	const char *id = table_field(t, TN_ID);
	if (!*id)
		return table_reject(t, line, TN_ID, REJ_EMPTY_ID);
	bool added;
	uint32_t i = intern_add(g->tag_ids, id, strlen(id), &added);
	if (i == INTERN_NONE || !added)
		return table_reject(t, line, TN_ID, REJ_DUPLICATE_ID);
	xgrow((void **)&g->names, &g->cap, (size_t)i + 1, sizeof *g->names);
	const char *name = table_field(t, TN_NAME);
	g->names[i] = *name && !text_is_shelf(name) ? xstrdup(name) : NULL;
	return true;
}

enum { BT_BOOK, BT_TAG, BT_COUNT };

/* One book_tags.csv row: goodreads_book_id, tag_id, count. */
static bool gb_book_tag_row(struct table *t, uint64_t line)
{
	struct gb_tags *g = t->ctx;
	const char *book = table_field(t, BT_BOOK);
	uint32_t b = intern_find(g->gr_ids, book);
	if (b == INTERN_NONE)
		return table_reject(t, line, BT_BOOK, REJ_UNKNOWN_ITEM);
	uint32_t k = intern_find(g->tag_ids, table_field(t, BT_TAG));
	if (k == INTERN_NONE)
		return table_reject(t, line, BT_TAG, REJ_BAD_VALUE);
	uint32_t count;
	if (!parse_count(table_field(t, BT_COUNT), &count))
		return table_reject(t, line, BT_COUNT, REJ_BAD_VALUE);
	if (!g->names[k])
		return true;    /* a shelf, not a subject */
	xgrow((void **)&g->rows, &g->rows_cap, g->n_rows + 1,
	      sizeof *g->rows);
	g->rows[g->n_rows] = (struct tag_group){ b, count,
		(uint32_t)g->n_rows, g->names[k] };
	g->n_rows++;
	return true;
}

/* A book_tags.csv without the tags.csv that names its tags: its
 * report says it was not read. */
static void gb_book_tags_unnamed(struct catalog *c, const char *dir)
{
	char *path = paths_join(dir, "book_tags.csv");
	report_warn(catalog_add_report(c, path), "%s", _("not read: there is "
		    "no tags.csv beside it to name its tags"));
	free(path);
}

/* Give each book its most used subject tags, joined by goodreads_book_id
 * (a namespace apart from book_id). */
static int gb_book_tags(struct loader *ld, const char *dir, char *err,
			size_t errlen)
{
	static const char *const name_cols[] = { "tag_id", "tag_name", NULL };
	static const char *const bt_cols[] = {
		"goodreads_book_id", "tag_id", "count", NULL };
	struct catalog *c = ld->c;
	enum probe pb = catalog_probe(dir, "book_tags.csv", err, errlen);
	enum probe pt = catalog_probe(dir, "tags.csv", err, errlen);
	if (pb == PROBE_BAD || pt == PROBE_BAD)
		return -1;
	if (pb == PROBE_FILE && pt == PROBE_MISSING)
		gb_book_tags_unnamed(c, dir);
	if (pb == PROBE_MISSING || pt == PROBE_MISSING)
		return 0;
	struct gb_tags g = { .ld = ld, .tag_ids = intern_new(),
			     .gr_ids = intern_new() };
	for (uint32_t i = 0; i < c->n_items; i++)
		if (c->items[i].ext_id)
			intern_add(g.gr_ids, c->items[i].ext_id,
				   strlen(c->items[i].ext_id), NULL);
	/* gr_ids holds books in item order only when every book has an
	 * ext_id; map through a table of indices instead */
	uint32_t *book_of = xmalloc(((size_t)c->n_items + 1) *
				    sizeof *book_of);
	for (uint32_t i = 0; i < c->n_items; i++)
		if (c->items[i].ext_id)
			book_of[intern_find(g.gr_ids, c->items[i].ext_id)] = i;
	struct table tn = { .c = c, .cols = name_cols, .required = 3,
			    .row = gb_tag_name_row, .ctx = &g,
			    .optional = true };
	struct table tb = { .c = c, .cols = bt_cols, .required = 7,
			    .row = gb_book_tag_row, .ctx = &g,
			    .optional = true };
	int rc = table_read(&tn, dir, "tags.csv", err, errlen);
	if (rc == 0)
		rc = table_read(&tb, dir, "book_tags.csv", err, errlen);
	for (size_t k = 0; k < g.n_rows; k++)
		g.rows[k].item = book_of[g.rows[k].item];
	if (g.n_rows > 1)   /* rows is NULL when none was kept */
		qsort(g.rows, g.n_rows, sizeof *g.rows, tag_group_cmp);
	for (size_t i = 0, j; rc == 0 && i < g.n_rows; i = j) {
		for (j = i; j < g.n_rows && g.rows[j].item == g.rows[i].item;
		     j++)
			;
		struct item *it = &c->items[g.rows[i].item];
		free(it->tags);
		it->tags = tags_join(g.rows + i, j - i);
	}
	for (uint32_t i = 0; i < intern_count(g.tag_ids); i++)
		free(g.names[i]);
	free(g.names);
	free(g.rows);
	free(book_of);
	intern_free(g.tag_ids);
	intern_free(g.gr_ids);
	return rc;
}

/* ---------------------------------------------------------------------
 * goodbooks-10k to_read.csv
 * ------------------------------------------------------------------- */

enum { TR_USER, TR_BOOK };

/* What to_read.csv gives: the (user, book) pairs of users who have
 * ratings, and how many rows were of users without any. */
struct gb_want {
	struct triplets pairs;
	uint64_t no_user;
};

/* One to_read.csv row: user_id, book_id (a community user wants to
 * read the book). A user without ratings has no row in the matrix the
 * models train on, so the row is counted apart, not kept. */
static bool gb_to_read_row(struct table *t, uint64_t line)
{
	struct gb_want *w = t->ctx;
	const char *user = table_field(t, TR_USER);
	if (!*user)
		return table_reject(t, line, TR_USER, REJ_EMPTY_USER);
	struct item *it = ml_known_item(t, line, TR_BOOK);
	if (!it)
		return false;
	uint32_t u = intern_find(t->c->user_ids, user);
	if (u == INTERN_NONE || !t->c->m || u >= t->c->m->n_users)
		w->no_user++;
	else
		triplets_push(&w->pairs, u, it->id, CATALOG_SIGNAL_WANT,
			      INT64_MIN);
	return true;
}

/* The pairs as the catalogue's implicit matrix, the shape of its
 * ratings (one cell per pair: a book listed twice is one signal),
 * and what became of the rows in the report. */
static void gb_want_keep(struct catalog *c, struct gb_want *w,
			 struct report *rep)
{
	struct dup_stats st = { 0 };
	triplets_resolve(&w->pairs, DUP_FIRST, &st);
	rep->dup_pairs = st.pairs;
	rep->dup_identical = st.identical;
	if (w->pairs.n > 0)
		c->implicit = rmatrix_build(&w->pairs, c->m->n_users,
					    c->n_items);
	if (w->no_user)
		report_warn(rep, ngettext("%" PRIu64 " want-to-read row of a "
			    "user without ratings is not used",
			    "%" PRIu64 " want-to-read rows of users without "
			    "ratings are not used", w->no_user), w->no_user);
}

/* Read to_read.csv when it is there: every row checked (a book of
 * books.csv, a user) and counted in its report; the rows of users with
 * ratings become the community's implicit matrix (catalog.h), which
 * implicit ALS trains on beside the ratings as "wanted" signals. */
static int gb_to_read(struct loader *ld, const char *dir, char *err,
		      size_t errlen)
{
	static const char *const cols[] = { "user_id", "book_id", NULL };
	enum probe p = catalog_probe(dir, "to_read.csv", err, errlen);
	if (p != PROBE_FILE)
		return p == PROBE_MISSING ? 0 : -1;
	struct gb_want w = { { 0 }, 0 };
	struct table t = { .c = ld->c, .cols = cols, .required = 3,
			   .row = gb_to_read_row, .ctx = &w,
			   .optional = true };
	int rc = table_read(&t, dir, "to_read.csv", err, errlen);
	if (rc == 0)
		gb_want_keep(ld->c, &w, t.rep);
	triplets_free(&w.pairs);
	return rc;
}

/* ---------------------------------------------------------------------
 * MovieLens 100k, 1M/10M and MovieTweetings
 * ------------------------------------------------------------------- */

/* u.genre's names of u.item's 19 flags, in order. */
static const char *const ml100k_genres[] = {
	"unknown", "Action", "Adventure", "Animation", "Children's",
	"Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir",
	"Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller",
	"War", "Western" };
#define ML100K_FLAGS_AT 5

/* One u.item row: id|title|release|video release|url|19 flags. A row
 * cut short (fewer flags, or none) keeps the flags it has, read in
 * u.genre's order, and the file's report says so once (case 13). */
static bool ml100k_item_row(struct table *t, uint64_t line)
{
	if (!*table_field(t, ML_TITLE))
		return table_reject(t, line, ML_TITLE, REJ_BAD_VALUE);
	char genres[256] = "";
	size_t len = 0, flags = t->n > ML100K_FLAGS_AT ? t->n -
				ML100K_FLAGS_AT : 0;
	if (flags > ARRAY_LEN(ml100k_genres))
		flags = ARRAY_LEN(ml100k_genres);
	if (flags < ARRAY_LEN(ml100k_genres) && !t->rep->n_warnings)
		report_warn(t->rep, _("line %" PRIu64 " has %zu of the 19 "
				      "genre flags: rows cut short keep the "
				      "genres they have"), line, flags);
	for (size_t k = 0; k < flags; k++) {
		const char *flag = text_trim(t->fields[ML100K_FLAGS_AT + k]);
		if (strcmp(flag, "0") != 0 && strcmp(flag, "1") != 0) {
			report_reject(t->rep, line,
				      (int)(ML100K_FLAGS_AT + k + 1),
				      REJ_BAD_VALUE, flag);
			return false;
		}
		if (k > 0 && flag[0] == '1')   /* "unknown" is none */
			len += xsnprintf(genres + len, sizeof genres - len,
					 "%s%s", len ? "|" : "",
					 ml100k_genres[k]);
	}
	struct item *it = catalog_new_item(t, line, ML_ID);
	if (!it)
		return false;
	struct title_parts tp;
	text_split_movie_title(table_field(t, ML_TITLE), &tp);
	it->title = tp.title;
	it->year = tp.year;
	it->genres = dup_or_null(genres);
	catalog_fold_item(it, NULL);
	return true;
}

/* One MovieTweetings movies.dat row: imdb number::Title (Year)::Genres;
 * the id is also the IMDb id. */
static bool tw_movie_row(struct table *t, uint64_t line)
{
	if (!ml_movie_row(t, line))
		return false;
	struct item *it = &t->c->items[t->c->n_items - 1];
	it->ext_id = xasprintf("tt%s", table_field(t, ML_ID));
	return true;
}

/* Read a headerless item file with the id, title[, genres] first,
 * whose rows have from fewest to most fields (a row with more has a
 * delimiter in a field, and no field can be trusted). */
static int dat_items(struct loader *ld, const char *dir, const char *file,
		     const char *delim, size_t fewest, size_t most,
		     table_row_fn row, char *err, size_t errlen)
{
	static const char *const cols[] = { "id", "title", "genres", NULL };
	struct table t = { .c = ld->c, .cols = cols, .row = row, .ctx = ld,
			   .headerless = true, .delim = delim,
			   .n_fields = fewest, .max_fields = most,
			   .idx = { 0, 1, 2 } };
	return catalog_items_read(&t, dir, file, err, errlen);
}

/* A MovieLens 100k directory: u.item and u.data. */
static int ml100k_load(struct loader *ld, const char *dir, char *err,
		       size_t errlen)
{
	struct catalog *c = ld->c;
	c->kind = CATALOG_MOVIELENS;
	c->scale = SCALE_GOODBOOKS;     /* 1-5 step 1 */
	if (dat_items(ld, dir, "u.item", "|", 2,
		      ML100K_FLAGS_AT + ARRAY_LEN(ml100k_genres),
		      ml100k_item_row, err, errlen) != 0)
		return -1;
	return catalog_opt_ratings_file(c, dir, "u.data", &SCALE_GOODBOOKS,
					"\t", err, errlen);
}

/* MovieTweetings ratings: 0-10 step 1 (0 occurs). */
static const struct scale SCALE_TWEETINGS = { 0, 10, 1 };

/* An ml-1m/ml-10m or MovieTweetings directory: movies.dat and
 * ratings.dat, "::"-separated. */
static int dat_load(struct loader *ld, const char *dir, bool tweetings,
		    char *err, size_t errlen)
{
	struct catalog *c = ld->c;
	const struct scale *sc = tweetings ? &SCALE_TWEETINGS
					   : &SCALE_MOVIELENS;
	c->kind = CATALOG_MOVIELENS;
	c->scale = *sc;
	if (dat_items(ld, dir, "movies.dat", "::", 3, 3, tweetings ?
		      tw_movie_row : ml_movie_row, err, errlen) != 0)
		return -1;
	return catalog_opt_ratings_file(c, dir, "ratings.dat", sc, "::",
					err, errlen);
}

/* The first line of dir/file (at most n - 1 bytes) into buf; false
 * when it cannot be read. */
static bool first_line(const char *dir, const char *file, char *buf,
		       size_t n)
{
	char *path = paths_join(dir, file);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	free(path);
	if (fd < 0)
		return false;
	ssize_t got = read(fd, buf, n - 1);
	close(fd);
	if (got <= 0)
		return false;
	buf[got] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	return true;
}

/* Fields of a "::" line. */
static size_t dat_fields(const char *s)
{
	size_t n = 1;
	for (; (s = strstr(s, "::")); s += 2)
		n++;
	return n;
}

/* The layout of a directory by its files. MovieTweetings and MovieLens
 * .dat files look alike: MovieTweetings' users.dat has 2 fields
 * (user::twitter id) where ml-1m's has 5, and its movie ids are IMDb
 * numbers of 7 digits with leading zeros. */
enum catalog_layout catalog_dir_layout(const char *dir)
{
	char line[512];
	if (catalog_has(dir, "movies.csv"))
		return CATALOG_LAYOUT_MOVIELENS;
	if (catalog_has(dir, "books.csv"))
		return CATALOG_LAYOUT_GOODBOOKS;
	if (catalog_has(dir, "u.item"))
		return CATALOG_LAYOUT_ML100K;
	if (!catalog_has(dir, "movies.dat"))
		return CATALOG_LAYOUT_NONE;
	if (first_line(dir, "users.dat", line, sizeof line))
		return dat_fields(line) == 2 ? CATALOG_LAYOUT_TWEETINGS
					     : CATALOG_LAYOUT_MLDAT;
	if (first_line(dir, "movies.dat", line, sizeof line) &&
	    strspn(line, "0123456789") == 7 && line[0] == '0')
		return CATALOG_LAYOUT_TWEETINGS;
	return CATALOG_LAYOUT_MLDAT;
}

/* ---------------------------------------------------------------------
 * Opening
 * ------------------------------------------------------------------- */

/* The last component of a directory path, without trailing slashes. */
static char *dir_basename(const char *dir)
{
	char *s = xstrdup(dir);
	size_t n = strlen(s);
	while (n > 1 && s[n - 1] == '/')
		s[--n] = '\0';
	char *slash = strrchr(s, '/');
	char *base = xstrdup(slash && slash[1] ? slash + 1 : s);
	free(s);
	return base;
}

/* 64-bit FNV-1a of s: a stable hash, the same on every platform. */
static uint64_t catalog_fnv1a(const char *s)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	return h;
}

/* name made fit for a file name: bytes outside [A-Za-z0-9._-] become
 * '_', a leading '.' too (no hidden file, no "..journal"), at most
 * KEY_NAME_MAX bytes, "catalog" when nothing is left. */
static char *catalog_key_name(const char *name)
{
	static const char ok[] = "abcdefghijklmnopqrstuvwxyz"
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
	char *s = xstrndup(name, KEY_NAME_MAX);
	for (char *p = s; *p; p++)
		if (!strchr(ok, *p) || (p == s && *p == '.'))
			*p = '_';
	if (!*s) {
		free(s);
		s = xstrdup("catalog");
	}
	return s;
}

/* Name and key of a catalogue directory, from its real path when it
 * can be resolved (so "." and "../x/ml" name the directory itself): the
 * name is its last component made safe to print, the key
 * "<name for a file>-<16 hex digits of the path's FNV-1a hash>", so two
 * directories of the same name, or one named like a bundled catalogue,
 * never share a profile or a model file. */
static void catalog_dir_names(struct catalog *c, const char *dir)
{
	char *real = realpath(dir, NULL);
	const char *full = real ? real : dir;
	char *base = dir_basename(full);
	char *file = catalog_key_name(base);
	c->name = safe_dup(base);
	c->key = xasprintf("%s-%016" PRIx64, file, catalog_fnv1a(full));
	free(file);
	free(base);
	free(real);
}

/* The file naming the goodbooks download attached to "books", in the
 * data directory; NULL when there is no data directory. */
static char *catalog_attach_path(void)
{
	char err[256];
	const char *data = paths_data_dir(err, sizeof err);
	return data ? xasprintf("%s/%s", data, CATALOG_ATTACH_FILE) : NULL;
}

/* The directory attached to "books", or NULL. */
char *catalog_attached_goodbooks(void)
{
	char *path = catalog_attach_path();
	char *dir = util_read_line(path);
	free(path);
	return dir;
}

/* fputs as a replace_fn. */
static int catalog_put_text(FILE *f, void *text)
{
	return fputs(text, f) < 0 ? -1 : 0;
}

/* Write text to path whole or not at all (replace.h). 0, or -1 with
 * errno. */
static int catalog_write_small(const char *path, const char *text)
{
	return replace_file(path, catalog_put_text, (void *)text);
}

/* The real path of dir, a goodbooks download that can be attached:
 * it holds a ratings.csv that opens (malloc'd); NULL with a message in
 * err otherwise. */
static char *catalog_goodbooks_dir(const char *dir, char *err,
				   size_t errlen)
{
	char *real = realpath(dir, NULL);
	if (!real) {
		xsnprintf(err, errlen, _("cannot open %s: %s"), dir,
			  strerror(errno));
		return NULL;
	}
	enum probe p = catalog_probe(real, "ratings.csv", err, errlen);
	if (p == PROBE_MISSING)
		xsnprintf(err, errlen, _("%s has no ratings.csv (a "
			  "goodbooks-10k download has ratings.csv, books.csv, "
			  "book_tags.csv, tags.csv and to_read.csv)"), dir);
	if (p == PROBE_FILE && goodbooks_ratings(real, dir, err, errlen))
		return real;
	if (p == PROBE_FILE) {
		size_t len = strlen(err);
		xsnprintf(err + len, errlen - len, "%s",
			  _("; nothing was attached"));
	}
	free(real);     /* err says why it cannot be read or used */
	return NULL;
}

/* Remove the attachment file path; 0, or -1 with err. */
static int catalog_detach(const char *path, char *err, size_t errlen)
{
	if (unlink(path) == 0 || errno == ENOENT)
		return 0;
	xsnprintf(err, errlen, _("cannot remove %s: %s"), path,
		  strerror(errno));
	return -1;
}

/* Attach (or, dir NULL, detach) a goodbooks download to "books". */
int catalog_attach_goodbooks(const char *dir, char *err, size_t errlen)
{
	char *path = catalog_attach_path();
	if (!path) {
		xsnprintf(err, errlen, "%s", _("no data directory"));
		return -1;
	}
	int rc = -1;
	char *real = dir ? catalog_goodbooks_dir(dir, err, errlen) : NULL;
	if (!dir) {
		rc = catalog_detach(path, err, errlen);
	} else if (real) {
		char *line = xasprintf("%s\n", real);
		rc = catalog_write_small(path, line);
		if (rc != 0)
			xsnprintf(err, errlen, _("cannot write %s: %s"), path,
				  strerror(errno));
		else
			log_msg("catalog books: attached %s", real);
		free(line);
	}
	free(real);
	free(path);
	return rc;
}

/* Read the goodbooks download at the real path dir (taken over) beside
 * the bundled books of c. */
static void catalog_books_with(struct catalog *c, char *dir)
{
	c->ratings_dir = dir;
	free(c->label);
	c->label = xstrdup("goodbooks-10k + ratings");
}

/* The bundled books with an attached goodbooks download: its files
 * are read beside books.csv when it still holds a ratings.csv; when
 * it has gone, the catalogue opens without community ratings and
 * says why. */
static void catalog_books_attachment(struct catalog *c)
{
	char *dir = catalog_attached_goodbooks();
	if (!dir)
		return;
	if (catalog_has(dir, "ratings.csv")) {
		catalog_books_with(c, dir);
		return;
	}
	log_msg("catalog books: the attached %s has no ratings.csv", dir);
	c->note = xstrdup(_("The goodbooks-10k download attached to books "
			    "has gone: no community ratings until 'taste "
			    "import goodbooks DIR' names where it is now."));
	free(dir);
}

/* The directory, name and label of a bundled catalogue ("movies" or
 * "books"), without what is attached to it. */
static int catalog_bundled(struct catalog *c, const char *arg, char *err,
			   size_t errlen)
{
	const char *b = paths_bundled_dir();
	if (!b) {
		xsnprintf(err, errlen, "%s", _("cannot find the bundled "
			  "catalogues; set TASTE_DATA to the data directory"));
		return -1;
	}
	c->dir = xasprintf("%s/%s", b, arg);
	c->name = xstrdup(arg);
	c->key = xstrdup(arg);
	c->label = xstrdup(strcmp(arg, "movies") == 0
			   ? "MovieLens latest-small" : "goodbooks-10k");
	return 0;
}

/* "movies" or "books" when dir is that bundled catalogue's directory
 * by another path (data/movies from the source tree), else NULL: one
 * catalogue keeps one profile however it is named. */
static const char *bundled_name_of(const char *dir)
{
	static const char *const names[] = { "movies", "books" };
	const char *b = paths_bundled_dir();
	char *real = b ? realpath(dir, NULL) : NULL;
	const char *found = NULL;

	for (size_t k = 0; real && !found && k < ARRAY_LEN(names); k++) {
		char *path = xasprintf("%s/%s", b, names[k]);
		char *own = realpath(path, NULL);

		if (own && strcmp(own, real) == 0)
			found = names[k];
		free(own);
		free(path);
	}
	free(real);
	return found;
}

/* Work out the directory, name and label of what was asked for. */
static int catalog_resolve(struct catalog *c, const char *arg, char *err,
			   size_t errlen)
{
	const char *bundled = bundled_name_of(arg);

	if (bundled)
		arg = bundled;
	bool movies = strcmp(arg, "movies") == 0;
	if (movies || strcmp(arg, "books") == 0) {
		if (catalog_bundled(c, arg, err, errlen) != 0)
			return -1;
		if (!movies)
			catalog_books_attachment(c);
		return 0;
	}
	struct stat st;
	int bad = stat(arg, &st) != 0 ? errno
		  : !S_ISDIR(st.st_mode) ? ENOTDIR : 0;
	if (bad == ENOENT && !strchr(arg, '/')) {
		/* a bare word is likelier a catalogue's name mistyped */
		xsnprintf(err, errlen, _("no catalogue %s: the bundled ones "
			  "are movies and books, and there is no directory "
			  "%s here"), arg, arg);
		return -1;
	}
	if (bad) {
		xsnprintf(err, errlen, "%s: %s", arg, strerror(bad));
		return -1;
	}
	c->dir = xstrdup(arg);
	catalog_dir_names(c, arg);
	return 0;
}

/* Free what a load kept only for itself. */
static void loader_free(struct loader *ld)
{
	for (size_t i = 0; i < ld->n_tags; i++)
		free(ld->tags[i].text);
	free(ld->tags);
	intern_free(ld->tag_keys);
	gb_free_readings(ld);
}

/* Load the directory's layout into c. */
static int catalog_load(struct catalog *c, char *err, size_t errlen)
{
	struct loader ld = { .c = c, .tag_keys = intern_new() };
	enum probe movies = catalog_probe(c->dir, "movies.csv", err, errlen);
	enum probe books = movies == PROBE_MISSING
			   ? catalog_probe(c->dir, "books.csv", err, errlen)
			   : PROBE_MISSING;
	int rc = -1;    /* also when a file is there but unreadable */
	enum catalog_layout lay = movies == PROBE_MISSING &&
				  books == PROBE_MISSING
				  ? catalog_dir_layout(c->dir)
				  : CATALOG_LAYOUT_NONE;
	if (lay == CATALOG_LAYOUT_ML100K) {
		rc = ml100k_load(&ld, c->dir, err, errlen);
		if (!c->label)
			c->label = xstrdup("MovieLens 100k");
	} else if (lay == CATALOG_LAYOUT_MLDAT ||
		   lay == CATALOG_LAYOUT_TWEETINGS) {
		bool tw = lay == CATALOG_LAYOUT_TWEETINGS;
		rc = dat_load(&ld, c->dir, tw, err, errlen);
		if (!c->label)
			c->label = xstrdup(tw ? "MovieTweetings"
					      : "MovieLens 1M/10M");
	} else if (movies == PROBE_FILE) {
		rc = ml_load(&ld, c->dir, err, errlen);
		if (!c->label)
			c->label = xstrdup("MovieLens");
	} else if (books == PROBE_FILE) {
		rc = gb_load(&ld, c->dir, err, errlen);
		if (!c->label)
			c->label = xstrdup("goodbooks");
	} else if (movies == PROBE_MISSING && books == PROBE_MISSING) {
		xsnprintf(err, errlen, _("%s: no movies.csv or books.csv "
			  "(a MovieLens or goodbooks-10k directory), nor "
			  "u.item or movies.dat (MovieLens 100k, 1M/10M, "
			  "MovieTweetings)"), c->dir);
	}
	loader_free(&ld);
	return rc;
}

/* Parse the directory into c: items, ratings, means. */
static int catalog_parse(struct catalog *c, char *err, size_t errlen)
{
	if (catalog_load(c, err, errlen) != 0)
		return -1;
	if (!c->m) {
		struct triplets none = { 0 };
		c->m = rmatrix_build(&none, 0, c->n_items);
	}
	if (c->kind == CATALOG_MOVIELENS)
		catalog_item_means(c);
	return 0;
}

char *catalog_spec(const struct catalog *c)
{
	if (synth_shape_of(c->dir))
		return xstrdup(c->dir);
	if (strcmp(c->key, c->name) == 0)       /* bundled */
		return xstrdup(c->name);
	char *real = realpath(c->dir, NULL);
	return real ? real : xstrdup(c->dir);
}

/* A new catalogue with nothing in it yet. */
static struct catalog *catalog_new(void)
{
	struct catalog *c = xcalloc(1, sizeof *c);
	c->item_ids = intern_new();
	c->user_ids = intern_new();
	return c;
}

/* ---------------------------------------------------------------------
 * Collections: books that gather others
 * ------------------------------------------------------------------- */

/* Bytes of a series' name without its number ("Harry Potter, #1-7" and
 * "His Dark Materials #1-3": 12 and 17). */
static size_t series_name_len(const char *s)
{
	const char *hash = strchr(s, '#');
	size_t n = hash ? (size_t)(hash - s) : strlen(s);

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ','))
		n--;
	return n;
}

/* The number of a series entry ("Harry Potter, #5, Part 1": 5), NAN
 * when it has none (catalog.h). */
double catalog_series_number(const char *s)
{
	const char *hash = s ? strchr(s, '#') : NULL;
	char *end;
	double v;

	if (!hash || !isdigit((unsigned char)hash[1]))
		return NAN;
	v = strtod(hash + 1, &end);
	return end > hash + 1 ? v : NAN;
}

/* True when the series' number is a run ("#1-3", "#1.5-2"), as a
 * volume holding several books of it is numbered; "Dark-Hunter #5,
 * Were-Hunter #1" is no run. */
static bool series_is_run(const char *s)
{
	const char *p = s ? strchr(s, '#') : NULL;

	if (!p || !isdigit((unsigned char)p[1]))
		return false;
	for (p++; isdigit((unsigned char)*p) || *p == '.'; p++)
		;
	return p[0] == '-' && isdigit((unsigned char)p[1]);
}

/* The words a title numbers a part or a volume by, before its number. */
static const char *const part_words[] = {
	"part", "volume", "vol.", "vol", "book", "tome",
};

/* Numbers spelled out in a part's title ("Part One"), from one. */
static const char *const number_words[] = {
	"one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve",
};

/* The value of a Roman numeral of I, V and X at p (upper case: "Vol.
 * I"), its end in *end; 0 when there is none. */
static int roman_value(const char *p, const char **end)
{
	int v = 0, prev = 0;

	for (*end = p; **end == 'I' || **end == 'V' || **end == 'X';
	     (*end)++) {
		int d = **end == 'I' ? 1 : **end == 'V' ? 5 : 10;

		v += d > prev && prev ? d - 2 * prev : d;
		prev = d;
	}
	return v;
}

/* The number at p (digits, a number word or a Roman numeral), its end
 * in *end; NAN when p holds none. */
static double part_value(const char *p, const char **end)
{
	char *e;
	long v;

	if (isdigit((unsigned char)*p)) {
		v = strtol(p, &e, 10);
		*end = e;
		return (double)v;
	}
	for (size_t k = 0; k < ARRAY_LEN(number_words); k++) {
		size_t n = strlen(number_words[k]);

		if (strncasecmp(p, number_words[k], n) == 0 &&
		    !isalnum((unsigned char)p[n])) {
			*end = p + n;
			return (double)(k + 1);
		}
	}
	v = roman_value(p, end);
	return v > 0 && !isalnum((unsigned char)**end) ? (double)v : NAN;
}

/* True when the text after a part's number ends its numbering: the end
 * of the title, or a colon, bracket, comma or dash after it ("Part 1:
 * The Two Dead Girls"), not more words ("The Last Book I Read"). */
static bool part_number_ends(const char *p)
{
	while (*p == ' ')
		p++;
	return !*p || strchr(":),;-", *p);
}

/* The part number of title's words at p, a part word then a number
 * ("Part 1", "Vol. 01"); NAN when they are none. */
static double part_at(const char *p)
{
	for (size_t k = 0; k < ARRAY_LEN(part_words); k++) {
		size_t n = strlen(part_words[k]);
		const char *q = p + n, *end;
		double v;

		if (strncasecmp(p, part_words[k], n) != 0 || *q != ' ')
			continue;
		v = part_value(q + 1, &end);
		if (!isnan(v) && part_number_ends(end))
			return v;
	}
	return NAN;
}

/* The part a title names (catalog.h). */
double catalog_part_number(const char *title, size_t *head)
{
	for (const char *p = title ? title + 1 : NULL; p && *p; p++) {
		double v;
		size_t n;

		if (p[-1] != ' ' && p[-1] != '(')
			continue;
		if (isnan(v = part_at(p)))
			continue;
		n = (size_t)(p - title);
		while (n > 0 && strchr(" ,:(", title[n - 1]))
			n--;
		if (n == 0)
			return NAN;
		*head = n;
		return v;
	}
	return NAN;
}

/* The words that name a box set or an omnibus, folded (text_fold);
 * the last, "trilogy", only of a book that is no volume of a series
 * ("Champions of the Force", #3 of The Jedi Academy Trilogy). */
static const char *const box_set_words[] = {
	"box set", "boxed set", "boxset", "omnibus", "complete novels",
	"trilogy"
};
#define BOX_SET_STRONG (ARRAY_LEN(box_set_words) - 1)

/* True when s[0..n), folded, holds one of the first n_words of
 * box_set_words. */
static bool folded_is_box_set(const char *s, size_t n, size_t n_words)
{
	for (size_t k = 0; k < n_words; k++)
		if (memmem(s, n, box_set_words[k], strlen(box_set_words[k])))
			return true;
	return false;
}

/* True when an item's title or original title names a box set or an
 * omnibus ("Boxed Set", "Box Set", "Boxset", "Omnibus", "Five Complete
 * Novels", "The Great Dune Trilogy"); its series' name does not (a
 * novel of "The Bartimaeus Trilogy" is one book). */
static bool item_is_box_set(const struct item *it)
{
	size_t words = isnan(catalog_series_number(it->series)) ||
		       series_is_run(it->series) ? ARRAY_LEN(box_set_words)
						 : BOX_SET_STRONG;
	bool yes;
	char *f, *folded;

	/* the whole search text first: most books name no such word */
	if (!it->fold ||
	    !folded_is_box_set(it->fold, strlen(it->fold), words))
		return false;
	if (folded_is_box_set(it->fold, it->fold_title, words))
		return true;
	if (!it->alt_title)
		return false;
	/* its words before a bracket: "(Wool, #1-5)" in an original
	 * title is a series again */
	f = xstrndup(it->alt_title, strcspn(it->alt_title, "("));
	folded = text_fold(f);
	yes = folded_is_box_set(folded, strlen(folded), words);
	free(folded);
	free(f);
	return yes;
}

/* Bytes of the first of a ", "-joined list of creators. */
static size_t first_creator_len(const char *s)
{
	const char *comma = strstr(s, ", ");

	return comma ? (size_t)(comma - s) : strlen(s);
}

/* True when two ", "-joined lists of creators name one person. */
static bool creators_meet(const char *a, const char *b)
{
	for (; a && *a; a = strstr(a, ", "), a = a ? a + 2 : NULL) {
		size_t n = first_creator_len(a);

		for (const char *q = b; q && *q; q = strstr(q, ", "),
		     q = q ? q + 2 : NULL)
			if (n == first_creator_len(q) && strncmp(a, q, n) == 0)
				return true;
	}
	return false;
}

/* Whether it gathers other items: a box set, or a run of its series. */
static bool catalog_collects(const struct item *it)
{
	return series_is_run(it->series) || item_is_box_set(it);
}

/* Both items are of one series (catalog.h). */
bool catalog_same_series(const struct item *a, const struct item *b)
{
	size_t n;

	return a->series && b->series &&
	       (n = series_name_len(a->series)) > 0 &&
	       n == series_name_len(b->series) &&
	       strncasecmp(a->series, b->series, n) == 0;
}

/* The name of an item's set: its numbered series' name, else the head
 * of its title as a part, its bytes in *n; NULL when it has neither. */
static const char *set_name(const struct item *it, size_t *n)
{
	if (!isnan(catalog_series_number(it->series))) {
		*n = series_name_len(it->series);
		return it->series;
	}
	return isnan(catalog_part_number(it->title, n)) ? NULL : it->title;
}

/* An item's place in its set (catalog.h). */
double catalog_set_number(const struct item *it)
{
	double v = catalog_series_number(it->series);
	size_t head;

	return isnan(v) ? catalog_part_number(it->title, &head) : v;
}

/* Both items are numbered books of one set (catalog.h). */
bool catalog_same_set(const struct item *a, const struct item *b)
{
	size_t na, nb;
	const char *sa = set_name(a, &na), *sb = set_name(b, &nb);

	return sa && sb && na > 0 && na == nb &&
	       strncasecmp(sa, sb, na) == 0;
}

/* Collection g gathers item b (catalog.h); the cheap tests first, as
 * lists ask it of every collection against each item of yours. */
bool catalog_gathers(const struct catalog *c,
		     const struct catalog_gathering *g, uint32_t b)
{
	const struct item *x = &c->items[g->item], *y = &c->items[b];
	size_t n;

	if (g->edition_of != INTERN_NONE)
		return g->edition_of == b;
	if (g->item == b)
		return false;
	if (catalog_same_series(x, y))
		return true;
	/* a box set of no series named by its author ("J.R.R. Tolkien
	 * 4-Book Boxed Set"), not a one-volume run ("The Lord of the
	 * Rings, #1-3"), a book of its own to someone who read The Hobbit,
	 * nor a box set of a series (Harry Potter's, to a reader of The
	 * Casual Vacancy) */
	return g->box_set && !x->series && x->creators && y->creators &&
	       (n = first_creator_len(x->creators)) > 0 &&
	       n == first_creator_len(y->creators) &&
	       strncmp(x->creators, y->creators, n) == 0;
}

/* Compare a collection with an item index, for bsearch. */
static int cmp_gathering(const void *key, const void *elt)
{
	uint32_t i = *(const uint32_t *)key;
	const struct catalog_gathering *g = elt;

	return (i > g->item) - (i < g->item);
}

/* The collection that item is (catalog.h): collections are in item
 * order. */
const struct catalog_gathering *catalog_collection_of(const struct catalog *c,
						      uint32_t item)
{
	if (!c->n_collections)
		return NULL;
	return bsearch(&item, c->collections, c->n_collections,
		       sizeof *c->collections, cmp_gathering);
}

/* 64-bit FNV-1a of s[0..n), lower-cased, from seed: a key of a series
 * name or an author, each with its own seed. */
static uint64_t gather_key(const char *s, size_t n, uint64_t seed)
{
	uint64_t h = seed;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)tolower((unsigned char)s[i]);
		h *= 0x100000001b3ULL;
	}
	return h;
}

#define KEY_SERIES 0xcbf29ce484222325ULL
#define KEY_AUTHOR 0x84222325cbf29ce4ULL

/* Compare two keys. */
static int cmp_key(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* True when key k is in keys[0..n), sorted. */
static bool has_key(const uint64_t *keys, size_t n, uint64_t k)
{
	return bsearch(&k, keys, n, sizeof *keys, cmp_key) != NULL;
}

/* The keys of items[0..n) (series names, first authors) into keys,
 * sorted; returns how many. */
static size_t gather_keys(const struct catalog *c, const uint32_t *items,
			  size_t n, uint64_t *keys)
{
	size_t k = 0;

	for (size_t q = 0; q < n; q++) {
		const struct item *it = &c->items[items[q]];

		if (it->series)
			keys[k++] = gather_key(it->series,
					       series_name_len(it->series),
					       KEY_SERIES);
		if (it->creators)
			keys[k++] = gather_key(it->creators,
					       first_creator_len(it->creators),
					       KEY_AUTHOR);
	}
	qsort(keys, k, sizeof *keys, cmp_key);
	return k;
}

/* The collections gathering one of items (catalog.h): a key of a
 * collection's series or box set author among the items' keys is
 * confirmed by catalog_gathers, so a hash collision marks nothing. */
/* items[0..n) (each once: *given of them), then the book each part
 * among them is a part of, and the parts of each whole among them (a
 * part of The Green Mile read is The Green Mile read); *n is the
 * count of all. malloc'd; mine marks them all. */
static uint32_t *with_parts(const struct catalog *c, const uint32_t *items,
			    size_t *n, bool *mine, size_t *given)
{
	uint32_t *all = xmalloc((*n + c->n_collections + 1) * sizeof *all);
	size_t k = 0;

	for (size_t q = 0; q < *n; q++)
		if (!mine[items[q]]) {
			mine[items[q]] = true;
			all[k++] = items[q];
		}
	*given = k;
	for (int pass = 0; pass < 2; pass++)   /* part -> whole -> parts */
		for (size_t x = 0; x < c->n_collections; x++) {
			const struct catalog_gathering *g = &c->collections[x];
			uint32_t add = pass ? g->item : g->edition_of;

			if (!g->part || mine[add] ||
			    !mine[pass ? g->edition_of : g->item])
				continue;
			mine[add] = true;
			all[k++] = add;
		}
	*n = k;
	return all;
}

void catalog_mark_gathering(const struct catalog *c, const uint32_t *items,
			    size_t n, bool *mask)
{
	uint64_t *keys;
	bool *mine;
	uint32_t *all;
	size_t nk, given;

	if (!c->n_collections || !n)
		return;
	mine = xcalloc(c->n_items, sizeof *mine);
	all = with_parts(c, items, &n, mine, &given);
	for (size_t q = given; q < n; q++)   /* wholes and parts of those */
		mask[all[q]] = true;
	items = all;
	keys = xmalloc(2 * n * sizeof *keys);
	nk = gather_keys(c, items, n, keys);
	for (size_t k = 0; k < c->n_collections; k++) {
		const struct catalog_gathering *g = &c->collections[k];
		const struct item *x = &c->items[g->item];
		bool maybe;

		if (g->edition_of != INTERN_NONE) {
			mask[g->item] |= mine[g->edition_of];
			continue;
		}
		maybe = (x->series &&
			 has_key(keys, nk, gather_key(x->series,
						     series_name_len(x->series),
						     KEY_SERIES))) ||
			(g->box_set && x->creators &&
			 has_key(keys, nk, gather_key(x->creators,
				 first_creator_len(x->creators), KEY_AUTHOR)));
		for (size_t q = 0; maybe && !mask[g->item] && q < n; q++)
			mask[g->item] = catalog_gathers(c, g, items[q]);
	}
	free(all);
	free(mine);
	free(keys);
}

/* Words of a subtitle that make "Title: subtitle" another edition of
 * "Title" rather than a book of its own ("Captive Prince: Volume Two",
 * "Humans of New York: Stories"). */
static const char *const edition_words[] = {
	"graphic novel", "illustrated", "edition", "trilogy", "a novel",
	"comic", "manga", "annotated", "abridged", "screenplay",
	"sheet music", "summary", "the complete", "large print", "tie-in",
	"adaptation", "the play", "pop-up",
};

/* True when a subtitle says its book is an edition (edition_words). */
static bool names_edition(const char *sub)
{
	for (size_t k = 0; k < ARRAY_LEN(edition_words); k++)
		if (strcasestr(sub, edition_words[k]))
			return true;
	return false;
}

/* True when two ", "-joined lists of creators start with one person. */
static bool first_creators_meet(const char *a, const char *b)
{
	size_t n;

	return a && b && (n = first_creator_len(a)) == first_creator_len(b) &&
	       strncmp(a, b, n) == 0;
}

/* True when a title has more than one word: "Harry Potter and the
 * Chamber of Secrets" names one book, "It" or "Twilight" many. */
static bool title_has_words(const char *t)
{
	return strchr(t, ' ') != NULL;
}

/* True when x is another edition of b, or a part of it: a book of b's
 * title and author (the one with fewer ratings), or "b's title:
 * subtitle" (sub NULL: none) that says edition (by b's author, or
 * under a title of more than one word: "Harry Potter and the Chamber of
 * Secrets: Sheet Music for Flute") or that another made over from b's
 * author's book ("The Stand: Captain Trips", a comic, first by its
 * adapter; "Humans of New York: Stories", first by b's author, is a
 * book of its own); with both numbered in one series, when their
 * numbers agree ("A Storm of Swords: Steel and Snow", #3, Part 1, of
 * #3), never a sequel. */
static bool is_edition(const struct item *x, const struct item *b,
		       const char *sub)
{
	double nx = catalog_series_number(x->series);
	double nb = catalog_series_number(b->series);
	bool meet = creators_meet(x->creators, b->creators);

	if (!sub && (!meet || x->n_ratings >= b->n_ratings))
		return false;   /* of one title, the most read is the book */
	if (!sub && x->series && b->series && !catalog_same_series(x, b))
		return false;   /* one title in two series: two books */
	if (!isnan(nx) && !isnan(nb))
		return meet && nx == nb;
	if (!sub)
		return true;
	if (names_edition(sub))
		return meet || title_has_words(b->title);
	return meet && !first_creators_meet(x->creators, b->creators);
}

/* True when x, a part of a title (catalog_part_number), is a part of
 * b, the book of that title: by its author, and of its number in a
 * series both are numbered in ("The Way of Kings, Part 1", #1.1, of
 * #1; not "Never Never: Part Two", #2, the sequel of #1). */
static bool is_part_of(const struct item *x, const struct item *b)
{
	double nx = catalog_series_number(x->series);
	double nb = catalog_series_number(b->series);

	if (!creators_meet(x->creators, b->creators) ||
	    !isnan(catalog_part_number(b->title, &(size_t){ 0 })))
		return false;
	return isnan(nx) || isnan(nb) || floor(nx) == nb;
}

/* The book of title's first n bytes whose part x is (is_part_of), of
 * those chained from head[] in next[]; INTERN_NONE when none is. */
static uint32_t whole_of(const struct catalog *c, struct intern *titles,
			 const uint32_t *head, const uint32_t *next,
			 const struct item *x, size_t n)
{
	char *t = xstrndup(x->title, n);
	uint32_t k = intern_find(titles, t);

	free(t);
	for (uint32_t b = k == INTERN_NONE ? INTERN_NONE : head[k];
	     b != INTERN_NONE; b = next[b])
		if (is_part_of(x, &c->items[b]))
			return b;
	return INTERN_NONE;
}

/* The editions among c's books into of[] (INTERN_NONE for none) and
 * which of them are parts into part[]: each title is interned with its
 * books chained in next[]; a book titled "Title, Part N: more" looks
 * up "Title" (whole_of), one titled "Title: more" looks up "Title", and
 * books of one title look at each other (is_edition). */
static void find_editions(const struct catalog *c, uint32_t *of, bool *part)
{
	struct intern *titles = intern_new();
	uint32_t *head = xmalloc(c->n_items * sizeof *head);
	uint32_t *next = xmalloc(c->n_items * sizeof *next);

	for (uint32_t i = 0; i < c->n_items; i++) {
		bool added;
		uint32_t t = intern_add(titles, c->items[i].title,
					strlen(c->items[i].title), &added);

		of[i] = INTERN_NONE;
		next[i] = INTERN_NONE;
		if (t == INTERN_NONE)
			continue;
		next[i] = added ? INTERN_NONE : head[t];
		head[t] = i;
	}
	for (uint32_t i = 0; i < c->n_items; i++) {
		const struct item *x = &c->items[i];
		const char *colon = strchr(x->title, ':');
		char *prefix = colon && colon > x->title
			       ? xstrndup(x->title,
					  (size_t)(colon - x->title)) : NULL;
		uint32_t same = intern_find(titles, x->title);
		uint32_t pre = prefix ? intern_find(titles, prefix)
				      : INTERN_NONE;
		size_t n;

		part[i] = false;
		if (!isnan(catalog_part_number(x->title, &n)) &&
		    (of[i] = whole_of(c, titles, head, next, x, n)) !=
		    INTERN_NONE)
			part[i] = true;
		for (uint32_t b = same == INTERN_NONE ? INTERN_NONE
			      : head[same];
		     b != INTERN_NONE && of[i] == INTERN_NONE; b = next[b])
			if (b != i && is_edition(x, &c->items[b], NULL))
				of[i] = b;
		for (uint32_t b = pre == INTERN_NONE ? INTERN_NONE : head[pre];
		     b != INTERN_NONE && of[i] == INTERN_NONE; b = next[b])
			if (is_edition(x, &c->items[b], colon + 1))
				of[i] = b;
		free(prefix);
	}
	free(head);
	free(next);
	intern_free(titles);
}

/* The books of c that gather or repeat others (catalog.collections):
 * box sets, runs and editions. Only catalogues of books have them. */
static void catalog_find_collections(struct catalog *c)
{
	uint32_t *of;
	bool *part;

	c->collections = NULL;
	c->n_collections = 0;
	if (c->kind != CATALOG_GOODBOOKS || !c->n_items)
		return;
	of = xmalloc(c->n_items * sizeof *of);
	part = xmalloc(c->n_items * sizeof *part);
	find_editions(c, of, part);
	c->collections = xmalloc(c->n_items * sizeof *c->collections);
	for (uint32_t i = 0; i < c->n_items; i++) {
		bool run = catalog_collects(&c->items[i]);

		if (run || of[i] != INTERN_NONE)
			c->collections[c->n_collections++] =
				(struct catalog_gathering){
					i, run ? INTERN_NONE : of[i],
					item_is_box_set(&c->items[i]),
					!run && part[i] };
	}
	free(part);
	free(of);
}

/* Fill c, whose directories are known, from the binary cache when it
 * is current (catalog_cache.h), else parse them and cache it; NULL
 * (c freed) with a message in err when they cannot be read. */
static struct catalog *catalog_fill(struct catalog *c, double t0,
				    char *err, size_t errlen)
{
	const char *dirs[] = { c->dir, c->ratings_dir };
	size_t n_dirs = c->ratings_dir ? 2 : 1;
	/* before the parse: a file that changes meanwhile is seen */
	struct cache_key *key = catalog_cache_key(dirs, n_dirs);
	bool cached = catalog_cache_load(c, key);
	if (!cached && catalog_parse(c, err, errlen) != 0) {
		catalog_cache_key_free(key);
		catalog_free(c);
		return NULL;
	}
	if (!cached)
		catalog_cache_store(c, key);
	catalog_cache_key_free(key);
	catalog_find_collections(c);
	origin_record(c);       /* where a profile's directory is */
	c->load_seconds = util_now() - t0;
	log_msg("catalog %s: %u items, %u users, %llu ratings in %.3f s%s",
		c->name, c->n_items, c->m->n_users,
		(unsigned long long)c->m->nnz, c->load_seconds,
		cached ? " (cache)" : "");
	return c;
}

/* Open a bundled catalogue by name or any directory in a supported
 * layout (catalog_fill). */
struct catalog *catalog_open(const char *name_or_dir, char *err,
			     size_t errlen)
{
	/* Synthetic catalogues (synth.h): generated, not read. */
	const struct synth_shape *synth = synth_shape_of(name_or_dir);
	if (synth)
		return synth_catalog(synth);
	double t0 = util_now();
	struct catalog *c = catalog_new();
	if (!name_or_dir || !*name_or_dir)
		name_or_dir = "movies";
	if (catalog_resolve(c, name_or_dir, err, errlen) != 0) {
		catalog_free(c);
		return NULL;
	}
	return catalog_fill(c, t0, err, errlen);
}

/* The bundled books with the goodbooks download dir read beside them,
 * the attachment file left as it is. */
struct catalog *catalog_open_books_with(const char *dir, char *err,
					size_t errlen)
{
	double t0 = util_now();
	char *real = catalog_goodbooks_dir(dir, err, errlen);
	if (!real)
		return NULL;
	struct catalog *c = catalog_new();
	if (catalog_bundled(c, "books", err, errlen) != 0) {
		free(real);
		catalog_free(c);
		return NULL;
	}
	catalog_books_with(c, real);
	return catalog_fill(c, t0, err, errlen);
}

/* Free a catalogue and everything it holds. */
void catalog_free(struct catalog *c)
{
	if (!c)
		return;
	for (uint32_t i = 0; i < c->n_items; i++) {
		struct item *it = &c->items[i];
		free(it->title);
		free(it->alt_title);
		free(it->creators);
		free(it->genres);
		free(it->tags);
		free(it->series);
		free(it->language);
		free(it->ext_id);
		free(it->isbns);
		free(it->fold);
	}
	free(c->items);
	free(c->collections);
	rmatrix_free(c->implicit);
	for (size_t k = 0; k < c->n_reports; k++)
		report_free(&c->reports[k]);
	free(c->reports);
	intern_free(c->item_ids);
	intern_free(c->user_ids);
	rmatrix_free(c->m);
	free(c->hist);
	free(c->name);
	free(c->key);
	free(c->label);
	free(c->dir);
	free(c->ratings_dir);
	free(c->note);
	free(c);
}

/* ---------------------------------------------------------------------
 * Looking items up
 * ------------------------------------------------------------------- */

/* Index of the item with this id, or INTERN_NONE. */
uint32_t catalog_find_id(const struct catalog *c, const char *id)
{
	return id ? intern_find(c->item_ids, id) : INTERN_NONE;
}

/* "The Matrix (1999)", or the bare title when the year is unknown. */
size_t catalog_item_label(const struct catalog *c, uint32_t i, char *buf,
			  size_t n)
{
	const struct item *it = &c->items[i];
	if (it->year)
		return xsnprintf(buf, n, "%s (%d)", it->title, it->year);
	return xsnprintf(buf, n, "%s", it->title);
}

/* The label made safe for a terminal and cut to cols display columns
 * (text_fit_label: the year stays). */
size_t catalog_item_label_fit(const struct catalog *c, uint32_t i,
			      size_t cols, bool ascii, char *buf, size_t n)
{
	const struct item *it = &c->items[i];
	char *title = safe_dup(it->title);
	char *label = it->year ? xasprintf("%s (%d)", title, it->year)
			       : xstrdup(title);

	text_fit_label(label, cols, ascii ? "..." : "\u2026", buf, n);
	free(label);
	free(title);
	return strlen(buf);
}

/* True when folded q is the item's folded title, or its title and
 * year (its label). */
static bool catalog_title_is(const struct item *it, const char *q,
			     size_t qlen)
{
	if (memcmp(it->fold, q, qlen < it->fold_title ? qlen
		   : it->fold_title) != 0)
		return false;
	if (qlen == it->fold_title)
		return true;
	if (!it->year || qlen <= it->fold_title ||
	    (it->fold_title && q[it->fold_title] != ' '))
		return false;
	char year[16];
	size_t skip = it->fold_title ? it->fold_title + 1 : 0;
	size_t ylen = xsnprintf(year, sizeof year, "%d", abs(it->year));
	return qlen == skip + ylen && memcmp(q + skip, year, ylen) == 0;
}

/* qsort_r order of item indices: most rated first, then item index. */
int catalog_cmp_most_rated(const void *a, const void *b, void *arg)
{
	const struct catalog *c = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	uint32_t nx = c->items[x].n_ratings, ny = c->items[y].n_ratings;
	if (nx != ny)
		return nx > ny ? -1 : 1;
	return (x > y) - (x < y);
}

/* Every item whose folded title or label is q, most rated first. */
static size_t catalog_matches_fold(const struct catalog *c, const char *s,
				   uint32_t *out, size_t max)
{
	char *f = text_fold(s);
	const char *q = text_trim(f);
	size_t qlen = strlen(q), n = 0, cap = 0;
	uint32_t *all = NULL;
	for (uint32_t i = 0; qlen && i < c->n_items; i++) {
		if (!catalog_title_is(&c->items[i], q, qlen))
			continue;
		xgrow((void **)&all, &cap, n + 1, sizeof *all);
		all[n++] = i;
	}
	free(f);
	if (n) {
		qsort_r(all, n, sizeof *all, catalog_cmp_most_rated,
			(void *)c);
		memcpy(out, all, (n < max ? n : max) * sizeof *out);
	}
	free(all);
	return n;
}

/* Every item whose title or label is title, most rated first; a title
 * written the MovieLens way ("Matrix, The (1999)") is also understood. */
size_t catalog_title_matches(const struct catalog *c, const char *title,
			     uint32_t *out, size_t max)
{
	if (!title)
		return 0;
	size_t n = catalog_matches_fold(c, title, out, max);
	if (n)
		return n;
	struct title_parts tp;
	text_split_movie_title(title, &tp);
	char *again = tp.year ? xasprintf("%s (%d)", tp.title, tp.year)
			      : xstrdup(tp.title);
	if (strcmp(again, title) != 0)
		n = catalog_matches_fold(c, again, out, max);
	free(again);
	free(tp.title);
	return n;
}

/* The item a person means by title: the most rated exact match. */
uint32_t catalog_find_title(const struct catalog *c, const char *title,
			    size_t *ambiguous)
{
	uint32_t best = INTERN_NONE;
	size_t n = catalog_title_matches(c, title, &best, 1);
	if (ambiguous)
		*ambiguous = n ? n - 1 : 0;
	return n ? best : INTERN_NONE;
}

/* True when the catalogue read a ratings.csv. */
static bool catalog_ratings_report(const struct catalog *c)
{
	for (size_t k = 0; k < c->n_reports; k++) {
		const char *p = c->reports[k].path;
		const char *slash = p ? strrchr(p, '/') : NULL;
		if (slash && strcmp(slash + 1, "ratings.csv") == 0)
			return true;
	}
	return false;
}

/* What the catalogue lacks, or NULL when nothing is missing. Short
 * enough for two lines of 80 columns (the Browse pane shows it). */
const char *catalog_missing_note(const struct catalog *c)
{
	if (c->has_ratings)
		return NULL;
	if (c->note)
		return c->note;
	if (catalog_ratings_report(c))
		return _("ratings.csv has no usable rating (see the import "
			 "report): only content-based recommendations are "
			 "possible.");
	if (c->kind == CATALOG_GOODBOOKS)
		return _("No community ratings (too large to bundle): "
			 "content-based and popularity only. Add them: 'taste "
			 "import goodbooks DIR' (or 'taste --catalog DIR').");
	return _("This catalogue has no ratings.csv: only content-based "
		 "recommendations are possible.");
}
