/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import_csv: the generic CSV form's model (see import_csv.h). The
 * header is read through csvread, as the importer reads it (delimiter
 * and encoding sniffed). A name is taken for a field when, without
 * case, spaces, '_' and '-', it is one of the names that field goes by
 * in the exports people have; each header column serves one field at
 * most, the first in the form's order. */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "i18n.h"
#include "import_csv.h"
#include "safe.h"
#include "util.h"

/* The records csv_form_open keeps: the header and the first row. */
struct csv_head {
	char **rec[2];
	size_t n[2];
	int got;
};

/* Copy the n fields of f. */
static char **fields_dup(char **f, size_t n)
{
	char **out = xcalloc(n + 1, sizeof *out);

	for (size_t k = 0; k < n; k++)
		out[k] = xstrdup(f[k]);
	return out;
}

/* csvread callback: keep the first two records, then stop. */
static int keep_head(void *ctx, uint64_t line, char **f, size_t n)
{
	struct csv_head *h = ctx;

	(void)line;
	h->rec[h->got] = fields_dup(f, n);
	h->n[h->got] = n;
	return ++h->got == 2;
}

/* Free n strings and their array. */
static void strv_free(char **v, size_t n)
{
	for (size_t k = 0; v && k < n; k++)
		free(v[k]);
	free(v);
}

/* s folded for comparing names: lower case, without ' ', '_', '-'. */
static void name_key(const char *s, char *buf, size_t n)
{
	size_t len = 0;

	for (; *s && len + 1 < n; s++)
		if (*s != ' ' && *s != '_' && *s != '-')
			buf[len++] = (char)tolower((unsigned char)*s);
	buf[len] = '\0';
}

/* The names field k goes by, '|'-separated, as name_key makes them. */
static const char *field_names(enum csv_field k)
{
	static const char *const names[CSV_FIELD_COUNT] = {
		[CSV_RATING] = "rating|yourrating|myrating|score|stars",
		[CSV_TITLE] = "title|name|film|movie|book",
		[CSV_YEAR] = "year|yr|releaseyear|yearpublished",
		[CSV_CREATOR] = "author|authors|director|directors|creator",
		[CSV_IMDB] = "imdb|imdbid|const|tconst",
		[CSV_ISBN] = "isbn|isbn13",
		/* "Book Id" is a Goodreads id in Goodreads' export but
		 * goodbooks' own in its files: neither is guessed */
		[CSV_GOODREADS] = "goodreadsid|goodreadsbookid",
		[CSV_ID] = "itemid|movieid",
		[CSV_DATE] = "date|daterated|dateread|dateadded|watcheddate"
			     "|when",
	};
	return names[k];
}

/* True when name (as name_key makes it) is one of field k's names. */
static bool is_field_name(enum csv_field k, const char *name)
{
	const char *p = field_names(k);
	size_t n = strlen(name);

	while (*p) {
		size_t len = strcspn(p, "|");

		if (len == n && strncmp(p, name, n) == 0)
			return true;
		p += len + (p[len] == '|');
	}
	return false;
}

/* Guess each field's column from the header's names. */
static void guess_cols(struct csv_form *f)
{
	bool *used = xcalloc(f->n_head + 1, sizeof *used);
	char key[256];

	for (int k = 0; k < CSV_FIELD_COUNT; k++) {
		f->col[k] = -1;
		for (size_t c = 0; c < f->n_head && f->col[k] < 0; c++) {
			name_key(f->head[c], key, sizeof key);
			if (!used[c] && is_field_name(k, key)) {
				f->col[k] = (long)c;
				used[c] = true;
			}
		}
	}
	free(used);
}

/* Read the header and first row of path; guess the columns. */
int csv_form_open(struct csv_form *f, const char *path, char *err,
		  size_t errlen)
{
	struct csvread_opts o = { 0 };
	struct csvfile cf;
	struct csv_head h = { 0 };
	int rc;

	memset(f, 0, sizeof *f);
	if (csvread_open(&cf, path, &o, err, errlen) != 0)
		return -1;
	rc = csvread_each(&cf, keep_head, &h, err, errlen);
	csvread_close(&cf);
	if (rc < 0 || h.got == 0) {
		if (rc >= 0)
			xsnprintf(err, errlen, _("%s: the file is empty"),
				  path);
		strv_free(h.rec[0], h.n[0]);
		strv_free(h.rec[1], h.n[1]);
		return -1;
	}
	f->head = h.rec[0];
	f->n_head = h.n[0];
	f->shown = xcalloc(f->n_head + 1, sizeof *f->shown);
	f->sample = xcalloc(f->n_head + 1, sizeof *f->sample);
	for (size_t c = 0; c < f->n_head; c++) {
		f->shown[c] = safe_dup(f->head[c]);
		f->sample[c] = safe_dup(c < h.n[1] ? h.rec[1][c] : "");
	}
	strv_free(h.rec[1], h.n[1]);
	f->scale = SCALE_GENERIC;
	guess_cols(f);
	return 0;
}

/* Free what csv_form_open made. */
void csv_form_free(struct csv_form *f)
{
	strv_free(f->head, f->n_head);
	strv_free(f->shown, f->n_head);
	strv_free(f->sample, f->n_head);
	memset(f, 0, sizeof *f);
}

/* The translated name of field k. */
const char *csv_field_label(enum csv_field k)
{
	static const char *const labels[CSV_FIELD_COUNT] = {
		[CSV_RATING] = N_("Rating"),
		[CSV_TITLE] = N_("Title"),
		[CSV_YEAR] = N_("Year"),
		[CSV_CREATOR] = N_("Author or director"),
		[CSV_IMDB] = N_("IMDb id"),
		[CSV_ISBN] = N_("ISBN"),
		[CSV_GOODREADS] = N_("Goodreads id"),
		[CSV_ID] = N_("Catalogue id"),
		[CSV_DATE] = N_("Date"),
	};
	return _(labels[k]);
}

/* A rating column and one that finds the item. */
bool csv_form_ready(const struct csv_form *f)
{
	return f->col[CSV_RATING] >= 0 &&
	       (f->col[CSV_TITLE] >= 0 || f->col[CSV_IMDB] >= 0 ||
		f->col[CSV_ISBN] >= 0 || f->col[CSV_GOODREADS] >= 0 ||
		f->col[CSV_ID] >= 0);
}

/* The header name of field k, or NULL. */
static const char *col_name(const struct csv_form *f, enum csv_field k)
{
	return f->col[k] >= 0 ? f->head[f->col[k]] : NULL;
}

/* The choices as import options. */
void csv_form_opts(const struct csv_form *f, struct import_opts *o)
{
	o->col_rating = col_name(f, CSV_RATING);
	o->col_title = col_name(f, CSV_TITLE);
	o->col_year = col_name(f, CSV_YEAR);
	o->col_creator = col_name(f, CSV_CREATOR);
	o->col_imdb = col_name(f, CSV_IMDB);
	o->col_isbn = col_name(f, CSV_ISBN);
	o->col_goodreads = col_name(f, CSV_GOODREADS);
	o->col_id = col_name(f, CSV_ID);
	o->col_date = col_name(f, CSV_DATE);
	o->has_scale = true;
	o->scale = f->scale;
}

/* The column of field k as shown, or NULL. */
const char *csv_form_col(const struct csv_form *f, enum csv_field k)
{
	return f->col[k] >= 0 ? f->shown[f->col[k]] : NULL;
}
