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
	void *ctx;
	/* filled in */
	struct import_result *r;
	struct report *rep;
	const char *file;                   /* name kept in r */
	int64_t mtime;                      /* the file's */
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
bool import_row_date(struct itable *t, uint64_t line, size_t k,
		     struct import_row *row);
bool import_row_value(struct itable *t, uint64_t line, size_t k,
		      double *v);
bool import_row_value_on(struct itable *t, uint64_t line, size_t k,
			 const struct scale *sc, double *v);
int import_year(const char *s);
char *import_dup(const char *s);
bool import_has_col(char **h, size_t n, const char *name);
bool import_is_zip(const char *path);
void import_note(struct import_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* True when dir holds one of Letterboxd's CSV files. */
bool import_letterboxd_dir(const char *dir);

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
