/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import_priv: what the import files share and nothing else uses: the
 * header-mapped table the readers go through (columns found by name,
 * so added or removed columns do no harm), row helpers and the readers
 * of the format table. */
#ifndef TASTE_IMPORT_PRIV_H
#define TASTE_IMPORT_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "csvread.h"
#include "import.h"
#include "report.h"

#define ITABLE_MAX_COLS 16

/* How a table's date columns are read (import_row_date). */
enum itable_dates {
	/* another program's: seconds or a date (import_parse_date); a
	 * date later than tomorrow is not believed */
	ITABLE_DATES_FOREIGN,
	/* the same, and a bare YYYYMMDD that is a real day is that day
	 * (IMDb, Goodreads and Letterboxd date columns) */
	ITABLE_DATES_EXPORT,
	/* taste's own export: the seconds as written, whatever they are,
	 * so that every time taste writes reads back the same */
	ITABLE_DATES_OWN,
};

struct itable;
/* Turn the current row (t->f) into import rows; false rejects it (the
 * callee reported why) or skips it. */
typedef bool (*itable_row_fn)(struct itable *t, uint64_t line);

struct itable {
	/* set by the caller */
	const char *cols[ITABLE_MAX_COLS];  /* "Name|Other name", or NULL */
	size_t n_cols;
	unsigned required;                  /* bit k: cols[k] must exist */
	itable_row_fn row;
	/* called once the header is mapped (t->idx), before the required
	 * columns are checked: a reader may change t->required by what
	 * the header holds, or refuse the file with a message in t->err;
	 * NULL for none */
	void (*on_header)(struct itable *t);
	void *ctx;
	enum itable_dates dates;
	/* filled in */
	struct import_result *r;
	struct report *rep;
	const char *file;                   /* name kept in r */
	int64_t mtime;                      /* the file's */
	int64_t now;                        /* when the read began */
	const struct csvfile *csv;
	bool header;
	int idx[ITABLE_MAX_COLS];
	size_t n_fields, need;
	char *f[ITABLE_MAX_COLS];           /* fields of the row, "" absent */
	char err[256];
};

int import_table_read(struct itable *t, const char *path,
		      const struct import_opts *o, struct import_result *r,
		      char *err, size_t errlen);
bool import_reject(struct itable *t, uint64_t line, size_t k,
		   enum reject_reason why);
struct import_row *import_new_row(struct itable *t, uint64_t line);
/* The date of column k into row. One that cannot be read or is not
 * believed leaves the file's time, with a warning naming the line. */
void import_row_date(struct itable *t, uint64_t line, size_t k,
		     struct import_row *row);
/* import_isbn13 that says why s is no ISBN ("bad check digit", "not
 * an ISBN", translated), or NULL when it is one. */
const char *import_isbn13_why(const char *s, char out[14]);
/* The ISBN of the first of columns cols[0..n) (="..." unwrapped) that
 * holds one into out: true when one does; when none does, each field
 * there that is not empty is a warning with its line and column in the
 * file's report (a mistyped ISBN matches nothing, and says so), and
 * *bad, when bad is not NULL and *bad is, becomes the first of them
 * with its fault ("0061120082 (bad check digit)"), malloc'd. */
bool import_row_isbn(struct itable *t, uint64_t line, const size_t *cols,
		     size_t n, char out[14], char **bad);
/* A bare YYYYMMDD that is a real day ("20210501") as its Unix time. */
bool import_parse_compact_date(const char *s, int64_t *out);
bool import_row_value(struct itable *t, uint64_t line, size_t k,
		      double *v);
bool import_row_value_on(struct itable *t, uint64_t line, size_t k,
			 const struct scale *sc, double *v);
int import_year(const char *s);
char *import_dup(const char *s);
bool import_has_col(char **h, size_t n, const char *name);
/* A Letterboxd list's first record, and why no reader takes one. */
bool import_letterboxd_list(char **f, size_t n);
void import_letterboxd_list_error(char *err, size_t errlen);
bool import_is_zip(const char *path);
void import_note(struct import_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The k-th of the CSV files of a Letterboxd export ("ratings.csv"),
 * or NULL past the last. */
const char *import_letterboxd_file(size_t k);

int import_read_taste(const char *path, const struct import_opts *o,
		      struct import_result *r, char *err, size_t errlen);
int import_read_imdb(const char *path, const struct import_opts *o,
		     struct import_result *r, char *err, size_t errlen);
int import_read_goodreads(const char *path, const struct import_opts *o,
			  struct import_result *r, char *err,
			  size_t errlen);
int import_read_letterboxd(const char *path, const struct import_opts *o,
			   struct import_result *r, char *err,
			   size_t errlen);
int import_read_generic(const char *path, const struct import_opts *o,
			struct import_result *r, char *err, size_t errlen);

#endif
