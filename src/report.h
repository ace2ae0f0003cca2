/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report: the import report every importer fills in: rows read,
 * accepted, rejected by reason with line and column, duplicates,
 * encoding, delimiter and scale. Every rejected row is kept, so no bad
 * row is ever silently dropped, and every row kept with an off-step
 * value is named with its line too. */
#ifndef TASTE_REPORT_H
#define TASTE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "scale.h"

enum reject_reason {
	REJ_FIELD_COUNT,    /* too few or too many fields */
	REJ_EMPTY_USER,
	REJ_EMPTY_ITEM,
	REJ_EMPTY_RATING,
	REJ_NOT_A_NUMBER,
	REJ_NOT_FINITE,
	REJ_BELOW_MIN,
	REJ_ABOVE_MAX,
	REJ_OFF_STEP,       /* only with the reject off-step policy */
	REJ_BAD_TIMESTAMP,
	REJ_EMPTY_ID,       /* an item file row without its id */
	REJ_DUPLICATE_ID,   /* an item file with the same id twice */
	REJ_UNKNOWN_ITEM,   /* a rating of an item not in the item file */
	REJ_BAD_VALUE,      /* any other malformed field */
	REJ_COUNT
};

/* A rejected row. column is 0 when the fault is the whole row (a
 * wrong number of fields): the text form says "whole row" and the JSON
 * form has "column": 0. */
struct reject {
	uint64_t line;      /* 1-based physical line where the row starts */
	int column;         /* 1-based field, 0 for the whole row */
	enum reject_reason reason;
	char *text;         /* the offending field or row, shortened */
};

/* A row kept although its rating lies between the scale's steps
 * (off-step policy keep or round): it is not rejected, but named. */
struct offstep {
	uint64_t line;      /* 1-based physical line where the row starts */
	int column;         /* 1-based field of the rating */
	char *text;         /* the value as written, shortened */
	double value;       /* the value read */
	double kept;        /* the value kept: value, or value rounded */
};

struct report {
	char *path;
	uint64_t rows;              /* data records read (header excluded) */
	uint64_t accepted;
	uint64_t rejected;
	uint64_t by_reason[REJ_COUNT];
	struct reject *rejects;     /* every rejected row, in file order */
	size_t n_rejects, cap_rejects;
	uint64_t dup_pairs;         /* (user,item) pairs seen more than once */
	uint64_t dup_conflicting;   /* ... with different values */
	uint64_t dup_identical;
	uint64_t off_step;          /* kept (or rounded) off-step values */
	struct offstep *offsteps;   /* each of them, in file order */
	size_t n_offsteps, cap_offsteps;
	char encoding[48];          /* "utf-8", "ascii", "latin-1 (guessed)" */
	char delimiter[3];          /* ",", "\t", ";", "|", "::" */
	bool header;
	bool bom;
	bool has_scale;
	struct scale scale;
	/* Shown instead of the scale when set (static, translated): "per
	 * row" for a file whose rows name their own scales. */
	const char *scale_text;
	char **warnings;
	size_t n_warnings;
};

void report_init(struct report *r, const char *path);
void report_free(struct report *r);
/* Count a rejected row and keep its details. */
void report_reject(struct report *r, uint64_t line, int column,
		   enum reject_reason why, const char *text);
/* Count a kept off-step value and keep where it was. */
void report_offstep(struct report *r, uint64_t line, int column,
		    const char *text, double value, double kept);
void report_warn(struct report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Stable machine name ("below_min") used as the JSON key. */
const char *report_reason_key(enum reject_reason why);
/* Translated phrase ("below min") for people. */
const char *report_reason_text(enum reject_reason why);
/* "\t" is printed as "TAB"; n >= 8. */
const char *report_delimiter_name(const struct report *r);
/* The report for people: summary line, reasons, then each rejected
 * row and then each kept off-step row (up to max_rows of each, 0 for
 * all): "line 4, column 3: off-step value kept: '2.25'", and for a
 * wrong field count "line 7, whole row: wrong field count: '...'".
 * Paths, texts and warnings are made safe for a terminal (safe.h). */
void report_print(const struct report *r, FILE *f, size_t max_rows);
/* One rejected row after indent, as report_print writes it, safe for a
 * terminal (safe.h). */
void report_print_reject(const struct reject *j, const char *indent,
			 FILE *f);
/* "<indent>warning: TEXT", safe for a terminal. */
void report_print_warning(const char *w, const char *indent, FILE *f);
/* One JSON object with rows, accepted, rejected, duplicates,
 * duplicates_conflicting, duplicates_identical, off_step, encoding,
 * delimiter, header, scale, scale_text (only when set), reasons {key:
 * n}, rejects [{line, column
 * (0: whole row), reason, text}], off_step_rows [{line, column, text,
 * kept}], warnings [...]. */
void report_print_json(const struct report *r, FILE *f);

#endif
