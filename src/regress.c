/* SPDX-License-Identifier: GPL-3.0-or-later */
/* regress: linear regression by gradient descent and in closed form
 * (see regress.h for what is done to the data and why).
 *
 * The table keeps every cell as it was read (a number, empty, text, or
 * a number that is not finite), so a fit can choose its columns after
 * the file is read and reject only the rows its own columns make
 * unusable. A fit copies what a prediction needs (names, levels,
 * training means and deviations) into its result, which outlives the
 * table. Numbers are parsed with strtod in the C numeric locale that
 * main() sets. */
#include <config.h>

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_vector.h>

#include "csvread.h"
#include "eval.h"
#include "i18n.h"
#include "intern.h"
#include "regress.h"
#include "report.h"
#include "text.h"
#include "util.h"

/* What a cell held. */
enum cell { CELL_NUM, CELL_EMPTY, CELL_TEXT, CELL_NONFINITE };

/* A row rejected while reading (wrong field count, damaged record). */
struct load_reject {
	uint64_t line;
	int column;
	enum reject_reason why;
	char *text;
};

struct rcolumn {
	char *name;
	double *num;            /* per row: a number cell's value */
	uint32_t *text;         /* per row: the text of other non-empty
				 * cells, INTERN_NONE for the rest */
	unsigned char *cell;    /* per row: enum cell */
	struct intern *texts;
	size_t n_num, n_text, n_empty, n_nonfinite;
	enum regress_col_kind kind;
};

struct regress_table {
	char *path;
	struct rcolumn *cols;
	size_t n_cols;
	size_t n_rows, cap_rows;
	uint64_t *line;         /* per row: its physical line */
	uint64_t records;       /* data records read, rejected included */
	struct load_reject *rejects;
	size_t n_rejects, cap_rejects;
	char encoding[48], delim[3];
	bool bom;
};

/* ===================================================================
 * Reading
 * =================================================================== */

/* Make room for one more row in every column. */
static void table_grow(struct regress_table *t)
{
	size_t cap = t->cap_rows ? t->cap_rows * 2 : 1024;

	if (t->n_rows < t->cap_rows)
		return;
	t->line = xrealloc(t->line, cap * sizeof *t->line);
	for (size_t c = 0; c < t->n_cols; c++) {
		struct rcolumn *col = &t->cols[c];

		col->num = xrealloc(col->num, cap * sizeof *col->num);
		col->text = xrealloc(col->text, cap * sizeof *col->text);
		col->cell = xrealloc(col->cell, cap);
	}
	t->cap_rows = cap;
}

/* Keep a row rejected while reading. */
static void table_reject(struct regress_table *t, uint64_t line, int column,
			 enum reject_reason why, const char *text)
{
	struct load_reject *j;

	xgrow((void **)&t->rejects, &t->cap_rejects, t->n_rejects + 1,
	      sizeof *t->rejects);
	j = &t->rejects[t->n_rejects++];
	j->line = line;
	j->column = column;
	j->why = why;
	j->text = xstrdup(text);
}

/* The fields of a record joined by commas, cut at 80 bytes, malloc'd:
 * the text of a rejected whole row. */
static char *join_fields(char **fields, size_t n)
{
	char buf[81];
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && len < sizeof buf - 1; i++)
		len += xsnprintf(buf + len, sizeof buf - len, "%s%s",
				 i ? "," : "", fields[i]);
	return xstrdup(buf);
}

/* The header: one column per field, names trimmed; an empty name
 * becomes "column N". -1 with a message on a name given twice. */
static int table_header(struct regress_table *t, char **fields, size_t n,
			char *err, size_t errlen)
{
	t->cols = xcalloc(n ? n : 1, sizeof *t->cols);
	t->n_cols = n;
	for (size_t c = 0; c < n; c++) {
		char *name = text_trim(fields[c]);

		t->cols[c].name = *name ? xstrdup(name)
				  : xasprintf(_("column %zu"), c + 1);
		t->cols[c].texts = intern_new();
		for (size_t k = 0; k < c; k++)
			if (strcmp(t->cols[k].name, t->cols[c].name) == 0) {
				xsnprintf(err, errlen, _("column name %s "
					  "appears twice (columns %zu and "
					  "%zu)"), t->cols[c].name, k + 1,
					  c + 1);
				return -1;
			}
	}
	return 0;
}

/* Classify and store one field of row r. */
static void table_cell(struct rcolumn *col, size_t r, char *field)
{
	char *s = text_trim(field), *end;
	double v;

	col->num[r] = 0;
	col->text[r] = INTERN_NONE;
	if (!*s) {
		col->cell[r] = CELL_EMPTY;
		col->n_empty++;
		return;
	}
	errno = 0;
	v = strtod(s, &end);
	if (end != s && !*end && isfinite(v)) {
		col->cell[r] = CELL_NUM;
		col->num[r] = v;
		col->n_num++;
		return;
	}
	col->text[r] = intern_add(col->texts, s, strlen(s), NULL);
	if (end != s && !*end) {
		col->cell[r] = CELL_NONFINITE;
		col->n_nonfinite++;
	} else {
		col->cell[r] = CELL_TEXT;
		col->n_text++;
	}
}

struct load_ctx {
	struct regress_table *t;
	const struct csvfile *f;
	bool header_done;
	char *err;
	size_t errlen;
};

/* csvread callback: the header, then one row per record. */
static int table_record(void *vctx, uint64_t line, char **fields,
			size_t n)
{
	struct load_ctx *ctx = vctx;
	struct regress_table *t = ctx->t;
	char why[128];

	if (!ctx->header_done) {
		ctx->header_done = true;
		return table_header(t, fields, n, ctx->err, ctx->errlen)
		       ? 1 : 0;
	}
	t->records++;
	if (csvread_record_problem(ctx->f, why, sizeof why)) {
		table_reject(t, line, 0, REJ_BAD_VALUE, why);
		return 0;
	}
	if (n != t->n_cols) {
		char *row = join_fields(fields, n);

		table_reject(t, line, 0, REJ_FIELD_COUNT, row);
		free(row);
		return 0;
	}
	table_grow(t);
	for (size_t c = 0; c < n; c++)
		table_cell(&t->cols[c], t->n_rows, fields[c]);
	t->line[t->n_rows++] = line;
	return 0;
}

/* A categorical column's number cells become levels named by their
 * value, so "1" and "2" are categories like any other text. */
static void numbers_to_levels(struct rcolumn *col, size_t rows)
{
	for (size_t r = 0; r < rows; r++) {
		char buf[32];

		if (col->cell[r] != CELL_NUM)
			continue;
		xsnprintf(buf, sizeof buf, "%.15g", col->num[r]);
		col->text[r] = intern_add(col->texts, buf, strlen(buf), NULL);
		col->cell[r] = CELL_TEXT;
	}
}

/* Decide each column's kind once every row is read (regress.h). */
static void table_classify(struct regress_table *t)
{
	for (size_t c = 0; c < t->n_cols; c++) {
		struct rcolumn *col = &t->cols[c];
		size_t bad = col->n_text + col->n_nonfinite;

		if (col->n_num == 0 && bad == 0) {
			col->kind = RC_EMPTY;
			continue;
		}
		if (col->n_num > 0 && bad <= col->n_num) {
			col->kind = RC_NUMERIC;
			continue;
		}
		numbers_to_levels(col, t->n_rows);
		col->kind = intern_count(col->texts) <= REGRESS_MAX_LEVELS
			    ? RC_CATEGORICAL : RC_TEXT;
	}
}

/* Read path into a table (regress.h). */
struct regress_table *regress_table_load(const char *path, char *err,
					 size_t errlen)
{
	struct regress_table *t = xcalloc(1, sizeof *t);
	struct csvread_opts copts = { .encoding = CSV_ENC_AUTO };
	struct csvfile f;
	struct load_ctx ctx = { t, &f, false, err, errlen };
	int rc;

	t->path = xstrdup(path);
	if (csvread_open(&f, path, &copts, err, errlen) != 0) {
		regress_table_free(t);
		return NULL;
	}
	rc = csvread_each(&f, table_record, &ctx, err, errlen);
	xsnprintf(t->encoding, sizeof t->encoding, "%s", f.encoding);
	memcpy(t->delim, f.delim, sizeof t->delim);
	t->bom = f.bom;
	csvread_close(&f);
	if (rc == 0 && !ctx.header_done)
		xsnprintf(err, errlen, _("%s is empty"), path);
	else if (rc == 0 && t->n_rows == 0)
		xsnprintf(err, errlen, _("%s has no usable data rows"), path);
	if (rc != 0 || t->n_rows == 0) {
		regress_table_free(t);
		return NULL;
	}
	table_classify(t);
	return t;
}

void regress_table_free(struct regress_table *t)
{
	if (!t)
		return;
	for (size_t c = 0; c < t->n_cols; c++) {
		free(t->cols[c].name);
		free(t->cols[c].num);
		free(t->cols[c].text);
		free(t->cols[c].cell);
		intern_free(t->cols[c].texts);
	}
	for (size_t k = 0; k < t->n_rejects; k++)
		free(t->rejects[k].text);
	free(t->rejects);
	free(t->cols);
	free(t->line);
	free(t->path);
	free(t);
}

size_t regress_table_columns(const struct regress_table *t)
{
	return t->n_cols;
}

/* Data rows kept (rows rejected while reading are not counted). */
size_t regress_table_rows(const struct regress_table *t)
{
	return t->n_rows;
}

const char *regress_table_name(const struct regress_table *t, size_t col)
{
	return col < t->n_cols ? t->cols[col].name : NULL;
}

enum regress_col_kind regress_table_kind(const struct regress_table *t,
					 size_t col)
{
	return col < t->n_cols ? t->cols[col].kind : RC_TEXT;
}

/* The column called name, or -1. */
static int table_find(const struct regress_table *t, const char *name)
{
	for (size_t c = 0; c < t->n_cols; c++)
		if (strcmp(t->cols[c].name, name) == 0)
			return (int)c;
	return -1;
}

/* ===================================================================
 * Choosing columns and rows
 * =================================================================== */

void regress_opts_default(struct regress_opts *o)
{
	memset(o, 0, sizeof *o);
	o->epochs = REGRESS_EPOCHS;
	o->lr = REGRESS_LR;
	o->holdout = REGRESS_HOLDOUT;
	o->seed = REGRESS_SEED;
}

/* Everything a fit works with while it runs. */
struct fit {
	const struct regress_table *t;
	const struct regress_opts *o;
	struct regress_result *out;
	struct report *rep;
	int *feat;              /* feature columns */
	size_t n_feat;
	size_t *rows;           /* table rows kept, train first */
	size_t n_rows, n_train;
	gsl_matrix *x_train, *x_test;   /* standardised, column 0 = 1 */
	gsl_vector *y_train, *y_test;   /* the target over y_scale */
	double *scale;          /* per coef: the power of two it is over */
	double *mean_s, *sd_s;  /* per coef: of the scaled training values */
	double y_scale;         /* a power of two near the largest |y| */
	int code;               /* REGRESS_EUSAGE or REGRESS_EDATA */
	char *err;
	size_t errlen;
};

/* A refusal for the data (not the usage): message in err, code set. */
__attribute__((format(printf, 2, 3)))
static int data_fault(struct fit *fit, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fit->err, fit->errlen, fmt, ap);
	va_end(ap);
	fit->code = REGRESS_EDATA;
	return -1;
}

/* Add a translated note to the result. */
static void add_note(struct regress_result *r, char *note)
{
	r->notes = xrealloc(r->notes, (r->n_notes + 1) * sizeof *r->notes);
	r->notes[r->n_notes++] = note;
}

/* The column names for an error message, malloc'd. */
static char *column_list(const struct regress_table *t)
{
	size_t len = 0, cap = 1;
	char *s;

	for (size_t c = 0; c < t->n_cols; c++)
		cap += strlen(t->cols[c].name) + 2;
	s = xmalloc(cap);
	s[0] = '\0';
	for (size_t c = 0; c < t->n_cols; c++)
		len += xsnprintf(s + len, cap - len, "%s%s", c ? ", " : "",
				 t->cols[c].name);
	return s;
}

/* The column called name, or -1 with "no column NAME; columns: ...". */
static int find_or_fail(struct fit *fit, const char *name)
{
	int c = table_find(fit->t, name);

	if (c < 0) {
		char *list = column_list(fit->t);

		xsnprintf(fit->err, fit->errlen, _("no column %s; the "
			  "columns are: %s"), name, list);
		free(list);
	}
	return c;
}

/* The target column, which must be numeric. */
static int pick_target(struct fit *fit)
{
	int c;

	if (!fit->o->target || !*fit->o->target) {
		xsnprintf(fit->err, fit->errlen, _("no target column given"));
		return -1;
	}
	c = find_or_fail(fit, fit->o->target);
	if (c >= 0 && fit->t->cols[c].kind == RC_EMPTY)
		return data_fault(fit, _("the target %s has no values"),
				  fit->o->target);
	if (c >= 0 && fit->t->cols[c].kind != RC_NUMERIC)
		return data_fault(fit, _("the target %s is not a numeric "
				  "column"), fit->o->target);
	fit->out->target_column = c;
	return c;
}

/* Add column c as a feature; -1 with a message when it cannot be one. */
static int add_feature(struct fit *fit, int c, bool asked)
{
	const struct rcolumn *col = &fit->t->cols[c];

	if (col->kind == RC_EMPTY && c != fit->out->target_column) {
		if (asked)
			return data_fault(fit, _("%s cannot be a feature: it "
					  "has no values"), col->name);
		add_note(fit->out, xasprintf(_("%s has no values: left out"),
					     col->name));
		return 0;
	}
	if (c == fit->out->target_column || col->kind == RC_TEXT) {
		if (!asked) {
			if (col->kind == RC_TEXT)
				add_note(fit->out, xasprintf(_("%s left out: "
					 "text with more than %d distinct "
					 "values"), col->name,
					 REGRESS_MAX_LEVELS));
			return 0;
		}
		if (c != fit->out->target_column)
			return data_fault(fit, _("%s cannot be a feature: it "
					  "is text with more than %d distinct "
					  "values"), col->name,
					  REGRESS_MAX_LEVELS);
		xsnprintf(fit->err, fit->errlen, _("%s is the target; it "
			  "cannot be a feature too"), col->name);
		return -1;
	}
	for (size_t k = 0; k < fit->n_feat; k++)
		if (fit->feat[k] == c) {
			xsnprintf(fit->err, fit->errlen, _("feature %s is "
				  "given twice"), col->name);
			return -1;
		}
	fit->feat[fit->n_feat++] = c;
	return 0;
}

/* The feature columns: those asked for, else every usable column. */
static int pick_features(struct fit *fit)
{
	const struct regress_opts *o = fit->o;

	fit->feat = xcalloc(fit->t->n_cols + (o->features ? o->n_features
					      : 0) + 1, sizeof *fit->feat);
	if (!o->features) {
		for (size_t c = 0; c < fit->t->n_cols; c++)
			if (add_feature(fit, (int)c, false) != 0)
				return -1;
	}
	for (size_t k = 0; o->features && k < o->n_features; k++) {
		int c = find_or_fail(fit, o->features[k]);

		if (c < 0 || add_feature(fit, c, true) != 0)
			return -1;
	}
	if (fit->n_feat == 0)
		return data_fault(fit, _("no column can be a feature (each "
				  "is the target, text or empty)"));
	return 0;
}

/* Why row r cannot be used (its first bad cell among the target and
 * numeric features), or false when it can. */
static bool row_fault(const struct fit *fit, size_t r, int *column,
		      enum reject_reason *why, const char **text)
{
	const struct regress_table *t = fit->t;

	for (size_t k = 0; k <= fit->n_feat; k++) {
		int c = k == 0 ? fit->out->target_column : fit->feat[k - 1];
		const struct rcolumn *col = &t->cols[c];
		unsigned char cell = col->cell[r];

		if (col->kind != RC_NUMERIC || cell == CELL_NUM
		    || (cell == CELL_EMPTY && k > 0))
			continue;
		*column = c + 1;
		*why = cell == CELL_EMPTY ? REJ_BAD_VALUE
		       : cell == CELL_TEXT ? REJ_NOT_A_NUMBER : REJ_NOT_FINITE;
		*text = cell == CELL_EMPTY ? ""
			: intern_str(col->texts, col->text[r]);
		return true;
	}
	return false;
}

/* Fill the report: the rows rejected while reading and those the
 * chosen columns make unusable; keep the others, in table order. */
static void pick_rows(struct fit *fit)
{
	const struct regress_table *t = fit->t;
	struct report *rep = fit->rep;
	size_t empty_target = 0;

	report_init(rep, t->path);
	rep->header = true;
	rep->bom = t->bom;
	xsnprintf(rep->encoding, sizeof rep->encoding, "%s", t->encoding);
	memcpy(rep->delimiter, t->delim, sizeof rep->delimiter);
	rep->rows = t->records;
	fit->rows = xcalloc(t->n_rows ? t->n_rows : 1, sizeof *fit->rows);
	for (size_t r = 0, k = 0; r <= t->n_rows; r++) {
		enum reject_reason why;
		const char *text;
		int column;

		/* The rows rejected on reading, in line order. */
		for (; k < t->n_rejects && (r == t->n_rows
					    || t->rejects[k].line < t->line[r]);
		     k++)
			report_reject(rep, t->rejects[k].line,
				      t->rejects[k].column, t->rejects[k].why,
				      t->rejects[k].text);
		if (r == t->n_rows)
			break;
		if (!row_fault(fit, r, &column, &why, &text)) {
			fit->rows[fit->n_rows++] = r;
			continue;
		}
		empty_target += why == REJ_BAD_VALUE;
		report_reject(rep, t->line[r], column, why, text);
	}
	rep->accepted = fit->n_rows;
	if (empty_target)
		report_warn(rep, ngettext("%zu row without a value of the "
					  "target %s was rejected",
					  "%zu rows without a value of the "
					  "target %s were rejected",
					  empty_target),
			    empty_target, fit->o->target);
}

/* Hold out round(n * holdout) of the kept rows by a seeded shuffle and
 * put the training rows first, each side in table order. */
static int split_rows(struct fit *fit)
{
	size_t n = fit->n_rows, n_test, k = 0;
	size_t *perm, *sorted = xmalloc((n ? n : 1) * sizeof *sorted);
	bool *test = xcalloc(n ? n : 1, sizeof *test);

	n_test = (size_t)llround((double)n * fit->o->holdout);
	perm = eval_permutation(n, fit->o->seed);
	for (size_t i = 0; i < n_test; i++)
		test[perm[i]] = true;
	for (int side = 0; side < 2; side++)
		for (size_t i = 0; i < n; i++)
			if (test[i] == (side == 1))
				sorted[k++] = fit->rows[i];
	free(fit->rows);
	free(perm);
	free(test);
	fit->rows = sorted;
	fit->n_train = n - n_test;
	if (fit->n_train < 2)
		return data_fault(fit, _("only %zu usable rows left for "
				  "training; at least 2 are needed"),
				  fit->n_train);
	return 0;
}

/* ===================================================================
 * Features: imputation, one-hot columns, standardisation
 * =================================================================== */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median of the training values of numeric column c; false when it
 * has none. */
static bool train_median(const struct fit *fit, int c, double *median)
{
	const struct rcolumn *col = &fit->t->cols[c];
	double *v = xmalloc(fit->n_train * sizeof *v);
	size_t n = 0;

	for (size_t i = 0; i < fit->n_train; i++)
		if (col->cell[fit->rows[i]] == CELL_NUM)
			v[n++] = col->num[fit->rows[i]];
	if (n) {
		qsort(v, n, sizeof *v, cmp_double);
		*median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	}
	free(v);
	return n > 0;
}

/* Record the imputation of numeric column c with its median. */
static void note_imputed(struct fit *fit, int c, double median)
{
	const struct rcolumn *col = &fit->t->cols[c];
	struct regress_result *r = fit->out;
	struct regress_imputed *im;
	size_t train = 0, held = 0;

	for (size_t i = 0; i < fit->n_rows; i++)
		if (col->cell[fit->rows[i]] == CELL_EMPTY)
			(*(i < fit->n_train ? &train : &held))++;
	if (!train && !held)
		return;
	r->imputed = xrealloc(r->imputed,
			      (r->n_imputed + 1) * sizeof *r->imputed);
	im = &r->imputed[r->n_imputed++];
	im->name = xstrdup(col->name);
	im->median = median;
	im->train = train;
	im->held_out = held;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The levels of categorical column c among the kept rows, sorted by
 * name ("" for an empty value). At most REGRESS_MAX_LEVELS + 1 levels,
 * so a linear search is enough. */
static void onehot_levels(struct fit *fit, int c, struct regress_onehot *h)
{
	const struct rcolumn *col = &fit->t->cols[c];

	h->name = xstrdup(col->name);
	h->column = c;
	h->levels = xcalloc(intern_count(col->texts) + 1, sizeof *h->levels);
	for (size_t i = 0; i < fit->n_rows; i++) {
		size_t r = fit->rows[i], k = 0;
		const char *s = col->cell[r] == CELL_EMPTY
				? "" : intern_str(col->texts, col->text[r]);

		while (k < h->n_levels && strcmp(h->levels[k], s) != 0)
			k++;
		if (k == h->n_levels)
			h->levels[h->n_levels++] = xstrdup(s);
	}
	qsort(h->levels, h->n_levels, sizeof *h->levels, cmp_str);
}

/* The level index of row r in h. */
static size_t level_of(const struct fit *fit, const struct regress_onehot *h,
		       size_t r)
{
	const struct rcolumn *col = &fit->t->cols[h->column];
	const char *s = col->cell[r] == CELL_EMPTY
			? "" : intern_str(col->texts, col->text[r]);

	for (size_t k = 0; k < h->n_levels; k++)
		if (strcmp(h->levels[k], s) == 0)
			return k;
	return 0;
}

/* Count each level in training and drop the most frequent. */
static void onehot_drop(struct fit *fit, struct regress_onehot *h)
{
	h->train_count = xcalloc(h->n_levels ? h->n_levels : 1,
				 sizeof *h->train_count);
	for (size_t i = 0; i < fit->n_train; i++)
		h->train_count[level_of(fit, h, fit->rows[i])]++;
	h->dropped = 0;
	for (size_t k = 1; k < h->n_levels; k++)
		if (h->train_count[k] > h->train_count[h->dropped])
			h->dropped = k;
}

/* Add a coefficient slot for column c (level -1 for numeric). */
static struct regress_coef *add_coef(struct regress_result *r, int c,
				     int level, char *name)
{
	struct regress_coef *k;

	r->coefs = xrealloc(r->coefs, (r->n_coefs + 1) * sizeof *r->coefs);
	k = &r->coefs[r->n_coefs++];
	memset(k, 0, sizeof *k);
	k->name = name;
	k->column = c;
	k->level = level;
	return k;
}

/* One coefficient per numeric feature (imputing it) and per kept
 * level of each categorical feature. */
static int make_coefs(struct fit *fit)
{
	struct regress_result *r = fit->out;

	for (size_t k = 0; k < fit->n_feat; k++) {
		int c = fit->feat[k];
		const struct rcolumn *col = &fit->t->cols[c];
		struct regress_onehot *h;
		double median;

		if (col->kind == RC_NUMERIC) {
			if (!train_median(fit, c, &median))
				return data_fault(fit, _("column %s has no "
						  "values in the training "
						  "rows"), col->name);
			note_imputed(fit, c, median);
			add_coef(r, c, -1, xstrdup(col->name))->mean = median;
			continue;
		}
		r->onehot = xrealloc(r->onehot, (r->n_onehot + 1)
				     * sizeof *r->onehot);
		h = memset(&r->onehot[r->n_onehot++], 0, sizeof *h);
		onehot_levels(fit, c, h);
		onehot_drop(fit, h);
		for (size_t l = 0; l < h->n_levels; l++)
			if (l != h->dropped)
				add_coef(r, c, (int)l, xasprintf("%s=%s",
					 col->name, *h->levels[l]
					 ? h->levels[l] : _("(empty)")));
	}
	return 0;
}

/* The one-hot record of column c. */
static const struct regress_onehot *onehot_of(const struct regress_result *r,
					      int c)
{
	for (size_t k = 0; k < r->n_onehot; k++)
		if (r->onehot[k].column == c)
			return &r->onehot[k];
	return NULL;
}

/* The raw value of coefficient k's feature in table row row. For a
 * numeric feature, an empty cell is the imputed median (kept in
 * coef.mean until the real mean is computed). */
static double raw_value(const struct fit *fit, const struct regress_coef *k,
			double median, size_t row)
{
	const struct rcolumn *col = &fit->t->cols[k->column];

	if (k->level < 0)
		return col->cell[row] == CELL_NUM ? col->num[row] : median;
	return level_of(fit, onehot_of(fit->out, k->column), row)
	       == (size_t)k->level ? 1.0 : 0.0;
}

/* A power of two at or below the largest magnitude m, never above it
 * (so it is finite for any finite m): values divided by it lie within
 * [-2, 2], and dividing by it is exact in binary floating point. 1 for
 * m = 0. */
static double pow2_scale(double m)
{
	int e;

	if (!(m > 0) || !isfinite(m))
		return 1.0;
	(void)frexp(m, &e);     /* m = f 2^e, 0.5 <= f < 1 */
	return ldexp(1.0, e - 1);
}

/* Fill the design matrices with each feature's raw values over its
 * scale (pow2_scale of its largest training magnitude), and take the
 * training mean and (population) standard deviation of the scaled
 * values: no square can overflow or underflow to zero, whatever the
 * range of the column. The mean and sd on the original scale are the
 * scaled ones times the scale. */
static void fill_design(struct fit *fit)
{
	struct regress_result *r = fit->out;
	size_t p = r->n_coefs, n_test = fit->n_rows - fit->n_train;

	fit->x_train = gsl_matrix_alloc(fit->n_train, p + 1);
	fit->x_test = n_test ? gsl_matrix_alloc(n_test, p + 1) : NULL;
	fit->scale = xcalloc(p + 1, sizeof *fit->scale);
	fit->mean_s = xcalloc(p + 1, sizeof *fit->mean_s);
	fit->sd_s = xcalloc(p + 1, sizeof *fit->sd_s);
	for (size_t j = 0; j < p; j++) {
		struct regress_coef *k = &r->coefs[j];
		double median = k->mean, big = 0, s, sum = 0, ss = 0;

		for (size_t i = 0; i < fit->n_train; i++)
			big = fmax(big, fabs(raw_value(fit, k, median,
						       fit->rows[i])));
		s = fit->scale[j] = pow2_scale(big);
		for (size_t i = 0; i < fit->n_rows; i++) {
			double v = raw_value(fit, k, median, fit->rows[i]) / s;
			gsl_matrix *x = i < fit->n_train ? fit->x_train
				       : fit->x_test;
			size_t row = i < fit->n_train ? i : i - fit->n_train;

			gsl_matrix_set(x, row, j + 1, v);
			if (i < fit->n_train)
				sum += v;
		}
		fit->mean_s[j] = sum / (double)fit->n_train;
		for (size_t i = 0; i < fit->n_train; i++) {
			double d = gsl_matrix_get(fit->x_train, i, j + 1)
				   - fit->mean_s[j];
			ss += d * d;
		}
		fit->sd_s[j] = sqrt(ss / (double)fit->n_train);
		k->mean = fit->mean_s[j] * s;
		k->sd = fit->sd_s[j] * s;
		/* Scale-free: a spread below 1e-12 of the level is noise. */
		k->constant = !(fit->sd_s[j] > 1e-12 * fabs(fit->mean_s[j]));
	}
}

/* Standardise the design columns in place (a constant column becomes
 * 0, so its weight stays 0) and put the intercept column of ones. -1
 * (bad data) when a held-out value is too far out to be standardised. */
static int standardise(struct fit *fit)
{
	struct regress_result *r = fit->out;

	for (int side = 0; side < 2; side++) {
		gsl_matrix *x = side ? fit->x_test : fit->x_train;

		for (size_t i = 0; x && i < x->size1; i++) {
			gsl_matrix_set(x, i, 0, 1.0);
			for (size_t j = 0; j < r->n_coefs; j++) {
				const struct regress_coef *k = &r->coefs[j];
				double v = gsl_matrix_get(x, i, j + 1);

				v = k->constant ? 0 : (v - fit->mean_s[j])
					/ fit->sd_s[j];
				if (!isfinite(v))
					return data_fault(fit, _("%s: a "
						 "held-out value is too far "
						 "from the training values to "
						 "be standardised"), k->name);
				gsl_matrix_set(x, i, j + 1, v);
			}
		}
	}
	for (size_t j = 0; j < r->n_coefs; j++)
		if (r->coefs[j].constant)
			add_note(r, xasprintf(_("%s is constant in the "
				 "training rows: left out"),
				 r->coefs[j].name));
	return 0;
}

/* -1 (bad data) when the live coefficients and the intercept outnumber
 * the training rows: the least-squares solution is not unique. */
static int check_rank(struct fit *fit)
{
	size_t live = 0;

	for (size_t j = 0; j < fit->out->n_coefs; j++)
		live += !fit->out->coefs[j].constant;
	if (live + 1 <= fit->n_train)
		return 0;
	return data_fault(fit, _("%zu features but %zu training rows: the "
			  "least-squares solution is not unique; give fewer "
			  "features"), live, fit->n_train);
}

/* The names of the earlier coefficients with a weight a[i] (over the
 * basis of kept columns kept[i], 0 the intercept) above 1e-6 of the
 * largest, comma-separated, malloc'd. */
static char *combination_names(const struct regress_result *r,
			       const size_t *kept, const double *a, size_t n)
{
	size_t cap = 1, len = 0;
	double big = 0;
	char *s;

	for (size_t i = 1; i < n; i++) {
		big = fmax(big, fabs(a[i]));
		cap += strlen(r->coefs[kept[i] - 1].name) + 2;
	}
	s = xmalloc(cap);
	s[0] = '\0';
	for (size_t i = 1; i < n; i++)
		if (fabs(a[i]) > 1e-6 * big)
			len += xsnprintf(s + len, cap - len, "%s%s",
					 len ? ", " : "",
					 r->coefs[kept[i] - 1].name);
	return s;
}

/* Column j of x, orthogonalised in place (modified Gram-Schmidt)
 * against the n orthonormal columns of q; the projections go to rcol. */
static void orthogonalise(const gsl_matrix *q, size_t n, gsl_vector *v,
			  double *rcol)
{
	for (size_t i = 0; i < n; i++) {
		gsl_vector_const_view qi = gsl_matrix_const_column(q, i);
		double d;

		gsl_blas_ddot(&qi.vector, v, &d);
		rcol[i] = d;
		gsl_blas_daxpy(-d, &qi.vector, v);
	}
}

/* Leave out, with a note naming the columns, each feature that is a
 * linear combination (to sqrt(DBL_EPSILON) of its norm) of the
 * intercept and the features kept before it: with it the closed form
 * would be only the minimum-norm solution among many. Its design
 * column becomes 0, like a constant one. A QR by modified Gram-Schmidt
 * on the standardised training columns gives the combination. */
static void drop_collinear(struct fit *fit)
{
	struct regress_result *r = fit->out;
	gsl_matrix *x = fit->x_train;
	size_t n = x->size1, p = x->size2, nk = 0;
	gsl_matrix *q = gsl_matrix_alloc(n, p);
	double *rr = xcalloc(p * p, sizeof *rr), *a = xcalloc(p, sizeof *a);
	size_t *kept = xcalloc(p, sizeof *kept);
	gsl_vector *v = gsl_vector_alloc(n);

	for (size_t j = 0; j < p; j++) {
		double norm0, norm;

		if (j > 0 && r->coefs[j - 1].constant)
			continue;
		gsl_matrix_get_col(v, x, j);
		norm0 = gsl_blas_dnrm2(v);
		orthogonalise(q, nk, v, &rr[nk * p]);
		norm = gsl_blas_dnrm2(v);
		if (norm > sqrt(DBL_EPSILON) * norm0) {
			gsl_vector_scale(v, 1.0 / norm);
			gsl_matrix_set_col(q, nk, v);
			rr[nk * p + nk] = norm;  /* row nk of R' = column */
			kept[nk++] = j;
			continue;
		}
		/* x_j = Q c with c in rr[nk * p]: solve R a = c. */
		for (size_t i = nk; i-- > 0;) {
			double s = rr[nk * p + i];

			for (size_t m = i + 1; m < nk; m++)
				s -= rr[m * p + i] * a[m];
			a[i] = s / rr[i * p + i];
		}
		{
			char *names = combination_names(r, kept, a, nk);

			add_note(r, xasprintf(_("%s is a linear combination "
				 "of %s in the training rows (collinear): "
				 "left out"), r->coefs[j - 1].name, names));
			free(names);
		}
		r->coefs[j - 1].constant = r->coefs[j - 1].collinear = true;
		for (size_t i = 0; i < n; i++)
			gsl_matrix_set(x, i, j, 0);
		for (size_t i = 0; fit->x_test && i < fit->x_test->size1; i++)
			gsl_matrix_set(fit->x_test, i, j, 0);
	}
	gsl_vector_free(v);
	free(kept);
	free(a);
	free(rr);
	gsl_matrix_free(q);
}

/* A cost over the target's scale back on the original scale. */
static double unscale_cost(const struct fit *fit, double cost)
{
	return cost * fit->y_scale * fit->y_scale;
}

/* The target of the kept rows over its scale (pow2_scale of its
 * largest training magnitude), and its training mean and sd. -1 (bad
 * data) when the cost at the zero weights, the mean square of the
 * target over 2, cannot be represented. */
static int fill_target(struct fit *fit)
{
	const struct rcolumn *col = &fit->t->cols[fit->out->target_column];
	size_t n_test = fit->n_rows - fit->n_train;
	double sum = 0, ss = 0, sq = 0, big = 0, m;

	fit->y_train = gsl_vector_alloc(fit->n_train);
	fit->y_test = n_test ? gsl_vector_alloc(n_test) : NULL;
	for (size_t i = 0; i < fit->n_train; i++)
		big = fmax(big, fabs(col->num[fit->rows[i]]));
	fit->y_scale = pow2_scale(big);
	for (size_t i = 0; i < fit->n_rows; i++) {
		double v = col->num[fit->rows[i]] / fit->y_scale;

		if (i < fit->n_train) {
			gsl_vector_set(fit->y_train, i, v);
			sum += v;
			sq += v * v;
		} else {
			gsl_vector_set(fit->y_test, i - fit->n_train, v);
		}
	}
	m = sum / (double)fit->n_train;
	for (size_t i = 0; i < fit->n_train; i++) {
		double d = gsl_vector_get(fit->y_train, i) - m;
		ss += d * d;
	}
	fit->out->y_mean = m * fit->y_scale;
	fit->out->y_sd = sqrt(ss / (double)fit->n_train) * fit->y_scale;
	if (!isfinite(unscale_cost(fit, sq / (2.0 * (double)fit->n_train))))
		return data_fault(fit, _("the target %s has values up to %g: "
				  "the cost (half their mean square) is "
				  "beyond the range of a double; divide the "
				  "column by a power of ten"),
				  col->name, big);
	return 0;
}

/* ===================================================================
 * Solving
 * =================================================================== */

/* res = x w - y; returns the cost sum(res^2) / (2 n). */
static double residual(const gsl_matrix *x, const gsl_vector *w,
		       const gsl_vector *y, gsl_vector *res)
{
	double rr;

	gsl_vector_memcpy(res, y);
	gsl_blas_dgemv(CblasNoTrans, 1.0, x, w, -1.0, res);
	gsl_blas_ddot(res, res, &rr);
	return rr / (2.0 * (double)x->size1);
}

/* True when every weight is finite. */
static bool finite_vector(const gsl_vector *v)
{
	for (size_t i = 0; i < v->size; i++)
		if (!isfinite(gsl_vector_get(v, i)))
			return false;
	return true;
}

/* Batch gradient descent from w = 0: w -= lr * x' (x w - y) / n each
 * epoch, the cost after each step to fn. A non-finite cost or weight
 * stops it with the previous weights kept in w. */
static void descend(struct fit *fit, gsl_vector *w, regress_epoch_fn fn,
		    void *ctx)
{
	struct regress_result *r = fit->out;
	const gsl_matrix *x = fit->x_train;
	gsl_vector *res = gsl_vector_alloc(x->size1);
	gsl_vector *grad = gsl_vector_alloc(w->size);
	gsl_vector *prev = gsl_vector_alloc(w->size);
	double step = r->lr / (double)x->size1;

	gsl_vector_set_zero(w);
	r->cost = xcalloc(r->epochs ? r->epochs : 1, sizeof *r->cost);
	r->cost0 = unscale_cost(fit, residual(x, w, fit->y_train, res));
	for (unsigned e = 1; e <= r->epochs; e++) {
		double cost;

		gsl_vector_memcpy(prev, w);
		gsl_blas_dgemv(CblasTrans, 1.0, x, res, 0.0, grad);
		gsl_blas_daxpy(-step, grad, w);
		cost = unscale_cost(fit, residual(x, w, fit->y_train, res));
		r->cost[r->epochs_run++] = cost;
		r->diverged = !isfinite(cost) || !finite_vector(w);
		if (r->diverged)
			gsl_vector_memcpy(w, prev);
		if ((fn && fn(ctx, e, cost)) || r->diverged) {
			r->stopped = !r->diverged;
			break;
		}
	}
	gsl_vector_free(prev);
	gsl_vector_free(grad);
	gsl_vector_free(res);
}

/* The closed-form least squares on the same design (SVD); -1 with a
 * message when GSL fails. */
static int closed_form(struct fit *fit, gsl_vector *c)
{
	size_t n = fit->x_train->size1, p = fit->x_train->size2;
	gsl_multifit_linear_workspace *ws = gsl_multifit_linear_alloc(n, p);
	gsl_matrix *cov = gsl_matrix_alloc(p, p);
	double chisq;
	int rc;

	rc = gsl_multifit_linear(fit->x_train, fit->y_train, c, cov, &chisq,
				 ws);
	gsl_matrix_free(cov);
	gsl_multifit_linear_free(ws);
	if (rc != GSL_SUCCESS)
		return data_fault(fit, _("the closed-form least squares "
				  "failed: %s"), gsl_strerror(rc));
	if (!finite_vector(c))
		return data_fault(fit, _("the closed-form least squares gave "
				  "weights that are not finite numbers"));
	return 0;
}

/* RMSE of weights w on x, y (over the target's scale, so is the
 * result); NaN without rows. */
static double rmse(const gsl_matrix *x, const gsl_vector *y,
		   const gsl_vector *w)
{
	gsl_vector *res;
	double cost;

	if (!x || !y)
		return NAN;
	res = gsl_vector_alloc(y->size);
	cost = residual(x, w, y, res);
	gsl_vector_free(res);
	return sqrt(2.0 * cost);
}

/* Store weights w (GD when gd, over the target's scale) into the
 * result, standardised and on the original scale: b_j = w_j / sd_j,
 * b_0 = w_0 - sum w_j mean_j / sd_j, each times the target's scale,
 * in an order that keeps intermediate values in range. -1 (bad data)
 * naming the coefficient when one cannot be represented. */
static int store_weights(struct fit *fit, const gsl_vector *w, bool gd)
{
	struct regress_result *r = fit->out;
	double ys = fit->y_scale, b0 = gsl_vector_get(w, 0);

	for (size_t j = 0; j < r->n_coefs; j++) {
		struct regress_coef *k = &r->coefs[j];
		double ws = k->constant ? 0 : gsl_vector_get(w, j + 1);
		double b = k->constant ? 0
			   : ws / fit->sd_s[j] * ys / fit->scale[j];

		*(gd ? &k->gd_std : &k->cf_std) = ws * ys;
		*(gd ? &k->gd : &k->cf) = b;
		if (!k->constant)
			b0 -= ws * (fit->mean_s[j] / fit->sd_s[j]);
		if (!isfinite(b))
			return data_fault(fit, _("the weight of %s on the "
					  "original scale is beyond the range "
					  "of a double (its values and the "
					  "target's differ too much in "
					  "magnitude)"), k->name);
	}
	*(gd ? &r->gd_intercept_std : &r->cf_intercept_std) =
		gsl_vector_get(w, 0) * ys;
	*(gd ? &r->gd_intercept : &r->cf_intercept) = b0 * ys;
	if (!isfinite(b0 * ys))
		return data_fault(fit, _("the intercept on the original scale "
				  "is beyond the range of a double"));
	return 0;
}

/* Largest |gd - cf| among the standardised weights over the largest
 * |cf| among them. */
static double agreement(const gsl_vector *gd, const gsl_vector *cf)
{
	double diff = 0, big = 0;

	for (size_t j = 0; j < gd->size; j++) {
		diff = fmax(diff, fabs(gsl_vector_get(gd, j)
				       - gsl_vector_get(cf, j)));
		big = fmax(big, fabs(gsl_vector_get(cf, j)));
	}
	return big > 0 ? diff / big : diff;
}

/* The smallest of the p eigenvalues in eval above 1e-9 of the
 * largest: the directions below carry no gradient (collinear
 * features), so they do not slow the descent. */
static double smallest_live(const gsl_vector *eval, double hi)
{
	double lo = hi;

	for (size_t i = 0; i < eval->size; i++) {
		double l = gsl_vector_get(eval, i);

		if (l > 1e-9 * hi && l < lo)
			lo = l;
	}
	return lo;
}

/* The step chosen from the data when none is given: 2 / (l_max +
 * l_min) over the eigenvalues l of the Hessian x'x / n of the cost.
 * For a quadratic cost this fixed step makes the slowest and the
 * fastest directions shrink by the same factor (l_max - l_min) /
 * (l_max + l_min) each epoch, the best a fixed step can do; it is
 * below the 2 / l_max where the descent diverges. */
static double auto_rate(const gsl_matrix *x)
{
	size_t p = x->size2;
	gsl_matrix *g = gsl_matrix_alloc(p, p);
	gsl_vector *eval = gsl_vector_alloc(p);
	gsl_eigen_symm_workspace *ws = gsl_eigen_symm_alloc(p);
	double lo, hi, rate = REGRESS_LR_FALLBACK;

	gsl_blas_dsyrk(CblasLower, CblasTrans, 1.0 / (double)x->size1, x,
		       0.0, g);
	if (gsl_eigen_symm(g, eval, ws) == GSL_SUCCESS) {
		gsl_vector_minmax(eval, &lo, &hi);
		if (hi > 0 && isfinite(hi))
			rate = 2.0 / (hi + smallest_live(eval, hi));
	}
	gsl_eigen_symm_free(ws);
	gsl_vector_free(eval);
	gsl_matrix_free(g);
	return rate;
}

/* Both solutions, their RMSEs and their agreement. */
static int solve(struct fit *fit, regress_epoch_fn fn, void *ctx)
{
	struct regress_result *r = fit->out;
	size_t p = fit->x_train->size2;
	gsl_vector *w = gsl_vector_alloc(p), *c = gsl_vector_alloc(p);
	int rc = closed_form(fit, c);

	if (rc == 0)
		rc = store_weights(fit, c, false);
	if (rc == 0) {
		double ys = fit->y_scale;

		r->lr_auto = !(fit->o->lr > 0);
		r->lr = r->lr_auto ? auto_rate(fit->x_train) : fit->o->lr;
		descend(fit, w, fn, ctx);
		/* A diverged run keeps finite weights, but they may be too
		 * big for the original scale: then they are not shown. */
		if (store_weights(fit, w, true) != 0) {
			r->diverged = true;
			gsl_vector_set_zero(w);
			(void)store_weights(fit, w, true);
		}
		r->gd_rmse_train = rmse(fit->x_train, fit->y_train, w) * ys;
		r->cf_rmse_train = rmse(fit->x_train, fit->y_train, c) * ys;
		r->gd_rmse_test = rmse(fit->x_test, fit->y_test, w) * ys;
		r->cf_rmse_test = rmse(fit->x_test, fit->y_test, c) * ys;
		r->max_rel_diff = agreement(w, c);
		if (!isfinite(r->cf_rmse_train)
		    || !(isfinite(r->cf_rmse_test) || !fit->x_test))
			rc = data_fault(fit, _("the RMSE of the target %s is "
					"beyond the range of a double"),
					r->target);
	}
	gsl_vector_free(w);
	gsl_vector_free(c);
	return rc;
}

/* Check the options; -1 with a message. */
static int check_opts(const struct regress_opts *o, char *err,
		      size_t errlen)
{
	if (!(o->lr >= 0) || !isfinite(o->lr)) {
		xsnprintf(err, errlen, _("the learning rate must be a "
			  "positive number"));
		return -1;
	}
	if (!(o->holdout >= 0 && o->holdout < 1)) {
		xsnprintf(err, errlen, _("the held-out share must be at "
			  "least 0 and below 1"));
		return -1;
	}
	return 0;
}

/* Release what a fit holds while it runs. */
static void fit_free(struct fit *fit)
{
	free(fit->feat);
	free(fit->rows);
	free(fit->scale);
	free(fit->mean_s);
	free(fit->sd_s);
	if (fit->x_train)
		gsl_matrix_free(fit->x_train);
	if (fit->x_test)
		gsl_matrix_free(fit->x_test);
	if (fit->y_train)
		gsl_vector_free(fit->y_train);
	if (fit->y_test)
		gsl_vector_free(fit->y_test);
}

/* Fit o on t (regress.h). */
int regress_fit(const struct regress_table *t, const struct regress_opts *o,
		regress_epoch_fn fn, void *ctx, struct regress_result *out,
		struct report *rep, char *err, size_t errlen)
{
	struct fit fit = { .t = t, .o = o, .out = out, .rep = rep,
			   .code = REGRESS_EUSAGE, .y_scale = 1.0,
			   .err = err, .errlen = errlen };
	int rc = -1;

	gsl_set_error_handler_off();
	memset(out, 0, sizeof *out);
	out->path = xstrdup(t->path);
	out->target = xstrdup(o->target ? o->target : "");
	out->holdout = o->holdout;
	out->lr = o->lr;
	out->seed = o->seed;
	out->epochs = o->epochs;
	out->target_column = -1;
	report_init(rep, t->path);
	if (check_opts(o, err, errlen) == 0 && pick_target(&fit) >= 0
	    && pick_features(&fit) == 0) {
		report_free(rep);
		pick_rows(&fit);
		if (split_rows(&fit) == 0 && make_coefs(&fit) == 0) {
			out->rows_used = fit.n_rows;
			out->n_train = fit.n_train;
			out->n_test = fit.n_rows - fit.n_train;
			fill_design(&fit);
			if (standardise(&fit) == 0 && check_rank(&fit) == 0
			    && fill_target(&fit) == 0) {
				drop_collinear(&fit);
				rc = solve(&fit, fn, ctx);
			}
		}
	}
	fit_free(&fit);
	return rc == 0 ? 0 : fit.code;
}

void regress_result_free(struct regress_result *r)
{
	for (size_t k = 0; k < r->n_coefs; k++)
		free(r->coefs[k].name);
	for (size_t k = 0; k < r->n_imputed; k++)
		free(r->imputed[k].name);
	for (size_t k = 0; k < r->n_onehot; k++) {
		for (size_t l = 0; l < r->onehot[k].n_levels; l++)
			free(r->onehot[k].levels[l]);
		free(r->onehot[k].levels);
		free(r->onehot[k].train_count);
		free(r->onehot[k].name);
	}
	for (size_t k = 0; k < r->n_notes; k++)
		free(r->notes[k]);
	free(r->notes);
	free(r->onehot);
	free(r->imputed);
	free(r->coefs);
	free(r->cost);
	free(r->path);
	free(r->target);
	memset(r, 0, sizeof *r);
}

/* ===================================================================
 * Prediction
 * =================================================================== */

/* A value of a numeric column given in a pair: 0, or -1 with "not a
 * number" or (beyond the range of a double) "out of range". */
static int pair_number(const char *v, double *num, char *err, size_t errlen)
{
	char *end;

	errno = 0;
	*num = strtod(v, &end);
	if (end == v || *end || isnan(*num)) {
		xsnprintf(err, errlen, _("'%s' is not a number"), v);
		return -1;
	}
	if (!isfinite(*num)) {
		xsnprintf(err, errlen, _("'%s' is out of range"), v);
		return -1;
	}
	return 0;
}

/* One "name=value" of a pair list. */
struct pair {
	char *name, *value;
};

/* Split "col=value,..." into pairs pointing into *copy (malloc'd, as
 * is *out): each has an '=' and a name, and no name comes twice.
 * Empty items are skipped. -1 with a message. */
static int split_pairs(const char *pairs, char **copy, struct pair **out,
		       size_t *n, char *err, size_t errlen)
{
	char *save = NULL;
	size_t cap = 1;

	*copy = xstrdup(pairs ? pairs : "");
	for (const char *c = *copy; *c; c++)
		cap += *c == ',';
	*out = xcalloc(cap, sizeof **out);
	*n = 0;
	for (char *tok = strtok_r(*copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		struct pair *pr = &(*out)[*n];

		if (!eq) {
			xsnprintf(err, errlen, _("'%s' is not column=value"),
				  tok);
			return -1;
		}
		*eq = '\0';
		pr->name = text_trim(tok);
		pr->value = text_trim(eq + 1);
		if (!*pr->name) {
			xsnprintf(err, errlen, _("'=%s' has no column name"),
				  pr->value);
			return -1;
		}
		for (size_t k = 0; k < *n; k++)
			if (strcmp((*out)[k].name, pr->name) == 0) {
				xsnprintf(err, errlen, _("%s is given twice"),
					  pr->name);
				return -1;
			}
		(*n)++;
	}
	return 0;
}

/* The feature column called name: its coefficients' column, or -1. */
static int result_column(const struct regress_result *r, const char *name)
{
	for (size_t k = 0; k < r->n_coefs; k++) {
		const struct regress_coef *c = &r->coefs[k];
		const struct regress_onehot *h = onehot_of(r, c->column);

		if (h ? strcmp(h->name, name) == 0
		      : strcmp(c->name, name) == 0)
			return c->column;
	}
	for (size_t k = 0; k < r->n_onehot; k++)   /* a single level */
		if (strcmp(r->onehot[k].name, name) == 0)
			return r->onehot[k].column;
	return -1;
}

/* Set the values of column c from text v into x (one per coef). */
static int set_value(const struct regress_result *r, int c, const char *v,
		     double *x, char *err, size_t errlen)
{
	const struct regress_onehot *h = onehot_of(r, c);
	double num;

	if (!h) {
		if (pair_number(v, &num, err, errlen) != 0)
			return -1;
		for (size_t k = 0; k < r->n_coefs; k++)
			if (r->coefs[k].column == c)
				x[k] = num;
		return 0;
	}
	for (size_t l = 0; l < h->n_levels; l++)
		if (strcmp(h->levels[l], v) == 0) {
			for (size_t k = 0; k < r->n_coefs; k++)
				if (r->coefs[k].column == c)
					x[k] = r->coefs[k].level == (int)l;
			return 0;
		}
	xsnprintf(err, errlen, _("%s has no level '%s'"), h->name, v);
	return -1;
}

/* Parse "col=value,..." into x, marking the columns given. */
static int parse_pairs(const struct regress_result *r, const char *pairs,
		       double *x, bool *given, char *err, size_t errlen)
{
	struct pair *pv;
	char *copy;
	size_t n;
	int rc = split_pairs(pairs, &copy, &pv, &n, err, errlen);

	for (size_t k = 0; k < n && rc == 0; k++) {
		int c = result_column(r, pv[k].name);

		if (c < 0) {
			xsnprintf(err, errlen, _("%s is not a feature of this "
				  "fit"), pv[k].name);
			rc = -1;
		} else {
			given[c] = true;
			rc = set_value(r, c, pv[k].value, x, err, errlen);
		}
	}
	free(pv);
	free(copy);
	return rc;
}

/* Check one pair against the table and the features fit would use. */
static int check_pair(const struct fit *fit, const struct pair *pr)
{
	const struct regress_table *t = fit->t;
	int c = table_find(t, pr->name);
	bool feature = false;
	double num;

	for (size_t k = 0; c >= 0 && k < fit->n_feat; k++)
		feature |= fit->feat[k] == c;
	if (!feature) {
		xsnprintf(fit->err, fit->errlen, c >= 0
			  && c == fit->out->target_column
			  ? _("%s is the target, not a feature")
			  : _("%s is not a feature of this fit"), pr->name);
		return -1;
	}
	if (t->cols[c].kind == RC_NUMERIC)
		return pair_number(pr->value, &num, fit->err, fit->errlen);
	if ((*pr->value && intern_find(t->cols[c].texts, pr->value)
	     != INTERN_NONE) || (!*pr->value && t->cols[c].n_empty))
		return 0;
	xsnprintf(fit->err, fit->errlen, _("%s has no level '%s'"), pr->name,
		  pr->value);
	return -1;
}

/* Check pairs before a fit (regress.h). When o itself is not usable
 * the fit will say why, so that is not the pairs' fault: 0. */
int regress_check_pairs(const struct regress_table *t,
			const struct regress_opts *o, const char *pairs,
			char *err, size_t errlen)
{
	struct regress_result tmp;
	char scratch[256];
	struct fit fit = { .t = t, .o = o, .out = &tmp, .err = scratch,
			   .errlen = sizeof scratch };
	struct pair *pv;
	char *copy;
	size_t n;
	int rc = split_pairs(pairs, &copy, &pv, &n, err, errlen);

	memset(&tmp, 0, sizeof tmp);
	tmp.target_column = -1;
	if (rc == 0 && pick_target(&fit) >= 0 && pick_features(&fit) == 0) {
		fit.err = err;
		fit.errlen = errlen;
		for (size_t k = 0; k < n && rc == 0; k++)
			rc = check_pair(&fit, &pv[k]);
	}
	free(fit.feat);
	regress_result_free(&tmp);
	free(pv);
	free(copy);
	return rc;
}

/* The names of the feature columns not given, comma-separated. */
static char *defaulted_names(const struct regress_result *r,
			     const bool *given)
{
	size_t cap = 1, len = 0;
	char *s;
	int last = -1;

	for (size_t k = 0; k < r->n_coefs; k++)
		cap += strlen(r->coefs[k].name) + 2;
	s = xmalloc(cap);
	s[0] = '\0';
	for (size_t k = 0; k < r->n_coefs; k++) {
		const struct regress_coef *c = &r->coefs[k];
		const struct regress_onehot *h = onehot_of(r, c->column);

		if (given[c->column] || c->column == last)
			continue;
		last = c->column;
		len += xsnprintf(s + len, cap - len, "%s%s", len ? ", " : "",
				 h ? h->name : c->name);
	}
	return s;
}

/* Predict from pairs (regress.h). */
int regress_predict(const struct regress_result *r, const char *pairs,
		    struct regress_prediction *out, char *err,
		    size_t errlen)
{
	double *x = xcalloc(r->n_coefs + 1, sizeof *x);
	int max_col = r->target_column;
	bool *given;

	memset(out, 0, sizeof *out);
	for (size_t k = 0; k < r->n_coefs; k++) {
		x[k] = r->coefs[k].mean;
		max_col = r->coefs[k].column > max_col ? r->coefs[k].column
			  : max_col;
	}
	for (size_t k = 0; k < r->n_onehot; k++)
		max_col = r->onehot[k].column > max_col ? r->onehot[k].column
			  : max_col;
	given = xcalloc((size_t)max_col + 2, sizeof *given);
	if (parse_pairs(r, pairs, x, given, err, errlen) != 0) {
		free(x);
		free(given);
		return -1;
	}
	out->gd = r->gd_intercept;
	out->cf = r->cf_intercept;
	for (size_t k = 0; k < r->n_coefs; k++) {
		out->gd += r->coefs[k].gd * x[k];
		out->cf += r->coefs[k].cf * x[k];
	}
	free(x);
	if (!isfinite(out->cf) || !(isfinite(out->gd) || r->diverged)) {
		xsnprintf(err, errlen, _("the prediction for %s is out of "
			  "range"), pairs);
		free(given);
		return -1;
	}
	out->defaulted = defaulted_names(r, given);
	free(given);
	return 0;
}

void regress_prediction_free(struct regress_prediction *p)
{
	free(p->defaulted);
	p->defaulted = NULL;
}
