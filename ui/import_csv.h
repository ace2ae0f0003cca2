/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import_csv: the columns of a generic CSV, for the Import screen's
 * form: the file's header and first row, which header column holds
 * each field (first guessed from the names, then chosen), and the scale
 * its ratings are on (never guessed from the values: 1-5 step 0.5, as
 * for taste import csv, unless typed). The form's choices make the
 * same import options as --rating-col, --title-col ... and --scale. */
#ifndef TASTE_UI_IMPORT_CSV_H
#define TASTE_UI_IMPORT_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "import.h"
#include "scale.h"

/* The fields of a row, in the form's order. */
enum csv_field {
	CSV_RATING,     /* needed */
	CSV_TITLE,      /* this or one of the ids finds the item */
	CSV_YEAR,
	CSV_CREATOR,
	CSV_IMDB,
	CSV_ISBN,
	CSV_GOODREADS,
	CSV_ID,
	CSV_DATE,
	CSV_FIELD_COUNT
};

struct csv_form {
	char **head;            /* the header's names, as in the file */
	char **shown;           /* the same, safe to print */
	char **sample;          /* the first row's fields, safe to print */
	size_t n_head;
	long col[CSV_FIELD_COUNT];  /* index into head, -1: none */
	struct scale scale;
};

/* Read path's header and first row and guess the columns from their
 * names ("Rating", "Your Rating", "Title", "Year"...); -1 with err when
 * the file cannot be read as CSV. */
int csv_form_open(struct csv_form *f, const char *path, char *err,
		  size_t errlen);
void csv_form_free(struct csv_form *f);
/* The translated name of a field ("Rating"). */
const char *csv_field_label(enum csv_field k);
/* Whether the choices can be imported: a rating column and one that
 * finds the item (title, IMDb id, ISBN or catalogue id). */
bool csv_form_ready(const struct csv_form *f);
/* The options of the choices (pointing into f), on top of o's. */
void csv_form_opts(const struct csv_form *f, struct import_opts *o);
/* The column of field k as shown ("Score"), or NULL for none. */
const char *csv_form_col(const struct csv_form *f, enum csv_field k);

#endif
