/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import: bringing a history or a dataset in. One table of formats
 * (name, sniff test, declared scale, reader) covers the public
 * datasets, which open as catalogues (catalog.h), and the personal
 * exports (Goodreads, Letterboxd, IMDb, a generic CSV and taste's own
 * export), which go into your profile.
 *
 * A personal import runs in three steps, so that a screen can show
 * the whole report before anything is written:
 *   import_read     parse the file(s) into rows, with an import report
 *                   per file (report.h: rows, rejects by reason, with
 *                   lines);
 *   import_match    find each row's item in the catalogue (IMDb ids
 *                   through links.csv; Goodreads Book Id, then ISBN-13
 *                   (an ISBN-10 converted), then title + author;
 *                   Letterboxd by title + year, +-1 year; catalogue ids
 *                   for taste's export), recording how (import_via;
 *                   the report lists the rows found by less than an
 *                   id with their item), then compare with the
 *                   profile: new, changed, unchanged, or yours is
 *                   newer; a movies export into books (or books into
 *                   movies) matches nothing, with one note saying
 *                   where it goes;
 *   import_apply    write what the plan says, in one fsync'ed append
 *                   per journal.
 * Every row that is not written says why (unmatched, skipped title
 * type, superseded duplicate, already rated).
 *
 * Storage. Ratings go into the catalogue's journal (profile.h) as
 * the source gave them: a value on another scale than the catalogue's
 * is kept with that scale (IMDb's 8 as 8 on 1-10) and converted only
 * for showing and for the models, by the linear map of the source's
 * declared scale onto the catalogue's (scale_convert: IMDb 1-10 ->
 * 0.5-5 is r/2; Letterboxd 0.5-5 and Goodreads 1-5 are themselves on
 * half stars). A converted value between the catalogue's steps is
 * shown at the nearest one, and a note says how many; the journal
 * keeps the source's value, so nothing is lost. The report shows the
 * source value and scale. Rows without a rating (Goodreads
 * shelves, Letterboxd watched or watchlist) are implicit signals in a
 * second journal, <catalogue key>.signals.journal, with the same
 * crash-safety, one "set" line per item: value 1 means seen (read,
 * watched, currently reading) and 2 means wanted (to-read,
 * watchlist). An item you rated is never also given a signal, but by
 * taste's export, whose rows are what each journal held: a seen beside
 * a rating of its item, and clears ("cleared": the rating's;
 * "unmarked": the signal's) at their times, written when later than
 * what the journal holds, so a profile rebuilt from an export says the
 * same and judges later imports alike.
 *
 * Idempotence. A row is written only when its item is not in the
 * journal, or holds another value with an older time, and was not
 * cleared after the row's date (the journal keeps clears); the journal
 * time is the row's own date (Date Rated, Date Read, Date Added...),
 * or the file's mtime when it has none. A row without a date of its
 * own, or dated more than a day ahead, only fills gaps: a copy of a
 * file is newer by its mtime, and a clock that ran ahead would beat
 * every later change, so such a row replaces no value and no clear.
 * A second import of the same file (or of a copy) therefore writes
 * nothing, and a rating changed or cleared in taste after the export
 * was made is kept. import_apply decides again
 * under the journal's lock, so a rating made elsewhere after the
 * report is kept too. */
#ifndef TASTE_IMPORT_H
#define TASTE_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "csvread.h"
#include "report.h"
#include "scale.h"

struct catalog;
struct intern;
struct profile;
struct usertags;

/* Signal values in the signals journal. */
#define IMPORT_SIGNAL_SEEN 1.0
#define IMPORT_SIGNAL_WANT 2.0
extern const struct scale IMPORT_SIGNAL_SCALE;   /* 1-2 step 1 */

enum import_kind {
	IMPORT_DATASET,     /* a catalogue directory: --catalog DIR */
	IMPORT_PERSONAL,    /* your history: into the profile */
};

enum import_media { IMPORT_MOVIES, IMPORT_BOOKS, IMPORT_ANY };

/* What a row is. */
enum import_what { IMPORT_RATING, IMPORT_SEEN, IMPORT_WANT };

/* What happens to a row. */
enum import_status {
	IMPORT_NEW,         /* not in the profile: written */
	IMPORT_CHANGED,     /* replaces an older, other value: written */
	IMPORT_UNCHANGED,   /* the profile already holds it */
	IMPORT_KEPT,        /* the profile holds a newer, other value */
	IMPORT_RATED,       /* a signal for an item you rated: not kept */
	IMPORT_UNMATCHED,   /* no item, or several (why says) */
	IMPORT_SKIPPED,     /* not imported by rule (why says) */
	IMPORT_DUPLICATE,   /* a later row of the same item wins */
	IMPORT_STATUS_COUNT
};

/* How a row found its item (import_match). The ids are sure; the
 * rest can pick the wrong item and are listed in the report. */
enum import_via {
	IMPORT_VIA_NONE,        /* not matched */
	IMPORT_VIA_ID,          /* catalogue id (taste export, csv) */
	IMPORT_VIA_IMDB,        /* IMDb id through links.csv */
	IMPORT_VIA_GOODREADS,   /* Goodreads Book Id */
	IMPORT_VIA_ISBN,        /* ISBN-13 (an ISBN-10 converted) */
	IMPORT_VIA_TITLE_AUTHOR,
	IMPORT_VIA_TITLE_YEAR,
	IMPORT_VIA_TITLE_NEAR_YEAR,     /* title, year one off */
	IMPORT_VIA_TITLE,       /* title alone (no year or author given,
				   or the catalogue gives no year) */
	IMPORT_VIA_TITLE_WORDS, /* every word of the title, and the year */
	IMPORT_VIA_COUNT
};

struct import_row {
	const char *file;       /* the file's name (in its result) */
	uint64_t line;          /* 1-based line where the row starts */
	enum import_what what;
	double value;           /* rating on the source scale */
	double stored;          /* on the catalogue's scale, after match */
	/* The row's own scale (taste's export names one per row); after
	 * import_match, set when value is kept on a scale other than the
	 * catalogue's, which the journal then stores with it. */
	bool has_scale;
	struct scale scale;
	int64_t when;           /* unix time of the row, or the file's */
	bool dated;             /* when came from the row */
	char *id;               /* catalogue id (taste export, generic) */
	char *imdb;             /* "tt0000001" */
	char *goodreads;        /* Goodreads Book Id */
	char *isbn13;           /* 13 digits (an ISBN-10 converted) */
	char *isbn_bad;         /* when the row's ISBN is none: as written,
				   with its fault, for the report
				   ("0061120082 (bad check digit)") */
	char *title;            /* as written, series cut off for books */
	int year;               /* 0 when unknown */
	char *creator;          /* author or director */
	char *type;             /* IMDb title type as written */
	char *genres, *tags;    /* your words for the item, "|"-joined
				   (IMDb Genres; Goodreads shelves but
				   the shelf words; Letterboxd Tags): after
				   import_match, a winning row holds its
				   item's from every row (usertags.h) */
	uint32_t item;          /* catalogue index, INTERN_NONE */
	enum import_via via;    /* how item was found */
	char *item_label;       /* "Heat (1995)": the item found, when by
				   less than an id or its exact title (the
				   report lists it) */
	char *as_label;         /* the same when found by an id and the
				   row names the item otherwise (IMDb's
				   "Der Exorzist"): the report says both */
	bool journal;           /* a row of taste's export: what one
				   journal held (what: the ratings one,
				   else the signals one), so a signal
				   beside a rating of the same item is
				   kept as well, and each journal's rows
				   of an item compete only together */
	bool clear;             /* a journal row that is a clear at when
				   (signal "cleared": of the rating;
				   "unmarked": of the seen or wanted) */
	bool rated_here;        /* a signal whose item a rating of the
				   same import holds (IMPORT_RATED) */
	bool conflicting;       /* a duplicate rating whose value is not
				   the winning row's */
	double had;             /* what the journal held when planned (on
				   the catalogue's scale, or the signal's
				   number), NAN for nothing */
	double had_signal;      /* a rating: the signal (seen, wanted) the
				   signals journal held, NAN for none */
	bool planned;           /* matched and winning: planned against
				   the journals (import_match) */
	enum import_status status;
	char *why;              /* translated reason, or NULL */
};

/* Options of a read. */
struct import_opts {
	const char *format;     /* a format name, or NULL to sniff */
	enum csv_encoding encoding;
	const char *delim;      /* NULL: sniff */
	/* IMDb: title types kept, as canonical names ("movie,tvMovie");
	 * NULL for that default. */
	const char *imdb_types;
	/* Generic CSV: the columns, by header name (NULL when absent). */
	const char *col_id, *col_imdb, *col_title, *col_year, *col_creator,
		   *col_rating, *col_date, *col_isbn, *col_goodreads;
	bool has_scale;         /* generic: the declared scale */
	struct scale scale;
	/* The catalogue's scale, which taste's export rows without a scale
	 * of their own are on (one off it is a reject with its line); NULL
	 * when no catalogue is known (taste check). */
	const struct scale *catalog_scale;
	/* The catalogue was chosen for this file (--catalog): a taste
	 * export of another one is matched against it all the same. */
	bool catalog_chosen;
	/* The report is for the Import screen, where no option can be
	 * given: its hints say what to do there instead of naming
	 * command-line options (--imdb-types, --catalog). */
	bool screen;
};

struct import_result {
	const struct import_format *fmt;
	char *path;
	char **files;           /* names of the files read */
	size_t n_files;
	struct report *reports; /* one per file */
	size_t n_reports;
	struct import_row *rows;
	size_t n_rows, cap_rows;
	struct scale scale;     /* the source's */
	const char *catalog;    /* name of the catalogue matched against */
	bool matched;           /* import_match ran */
	bool books;             /* ... against a catalogue of books */
	size_t by_status[IMPORT_STATUS_COUNT];
	size_t skipped_types;   /* IMDb rows of other title types */
	char **notes;           /* translated lines for the summary */
	size_t n_notes;
	const struct intern *item_ids;  /* the catalogue's, after match */
	bool words_planned;     /* import_plan_words ran */
	size_t words_changed;   /* items whose words it would change */
	size_t words_known;     /* distinct words the catalogue has as
				   genres or tags */
	char **words_unknown;   /* the others, in order of first use */
	size_t n_words_unknown;
	char *source_catalog;   /* a taste export's catalog column (what
				   --catalog opens: catalog_spec), or
				   NULL */
	bool catalog_chosen;    /* import_opts.catalog_chosen */
	bool elsewhere;         /* an export of another catalogue (or of
				   books into movies): nothing matched */
	bool screen;            /* import_opts.screen */
};

struct import_format {
	const char *name;       /* "imdb" */
	const char *label;      /* N_(): "IMDb ratings export" */
	enum import_kind kind;
	enum import_media media;
	struct scale scale;     /* declared by the source */
	/* True when a file whose first record is header[0..n) (or a
	 * directory, header NULL) is in this format. */
	bool (*sniff)(const char *path, char **header, size_t n);
	/* Personal formats: read path into r (rows and reports). */
	int (*read)(const char *path, const struct import_opts *o,
		    struct import_result *r, char *err, size_t errlen);
};

/* Every format, in sniffing order; *n is set to the count. */
const struct import_format *import_formats(size_t *n);
/* The format of this name (case-insensitive, "ml-100k" and
 * "movielens-100k" both), or NULL. */
const struct import_format *import_format_find(const char *name);
/* The format of path, by its header (files) or its files
 * (directories); NULL with a message in err when none fits. */
const struct import_format *import_sniff(const char *path, char *err,
					 size_t errlen);
/* True when path is a file no format reads, whatever it is told (a
 * Letterboxd list); import_read says why. */
bool import_refused(const char *path);
/* The catalogue a taste export names in its catalog column (malloc'd),
 * or NULL when path is none or names none. */
char *import_taste_catalog(const char *path);
/* The default catalogue for a format ("books" for Goodreads, "movies"
 * for the rest). */
const char *import_default_catalog(const struct import_format *f);

/* Read a personal export (the format from o->format or sniffed) into
 * r, which import_result_free frees, also on failure. -1 with a
 * message in err when nothing can be read (a dataset format, a zip, a
 * missing column). */
int import_read(const char *path, const struct import_opts *o,
		struct import_result *r, char *err, size_t errlen);
/* Match every row against c and plan it against the ratings and
 * signals journals (either may be NULL: treated as empty). */
void import_match(struct import_result *r, const struct catalog *c,
		  const struct profile *ratings,
		  const struct profile *signals);
/* Write the planned rows: one append to each journal. The journals are
 * read again first (another process, or you in taste, may have rated
 * since the report) and every row is planned again against them, so a
 * newer rating is kept whatever the report said; the statuses then
 * say what was done. 0, or -1 with err (then nothing of that journal
 * was written). *written counts the rows written. */
int import_apply(struct import_result *r, struct profile *ratings,
		 struct profile *signals, size_t *written, char *err,
		 size_t errlen);
void import_result_free(struct import_result *r);
/* Count the items whose words (genres, tags) the import would change
 * in t, and which of the words c has as genres or tags (the content
 * model can read only those), for the report. */
void import_plan_words(struct import_result *r, const struct catalog *c,
		       const struct usertags *t);
/* Set the words of every found item that brings some into t, and save
 * t: 0, or -1 with err (t's file then stays as it was). *changed
 * counts the items changed. Call after import_apply. */
int import_apply_words(struct import_result *r, struct usertags *t,
		       size_t *changed, char *err, size_t errlen);
/* Rows that import_apply would write. */
size_t import_pending(const struct import_result *r);

/* The report for people: the files' reports, a summary of what is
 * matched, implicit, unmatched, skipped and duplicate, the count of
 * rows matched by an id and each row matched by less (ISBN, title)
 * with the item it found, then every row that is not written with its
 * reason (each list max_rows long, 0 for all). Safe for a terminal. */
void import_print(const struct import_result *r, FILE *f,
		  size_t max_rows);
/* The same as one JSON object. */
void import_print_json(const struct import_result *r, FILE *f);
/* Translated phrase of a status ("new", "yours is newer"). */
const char *import_status_text(enum import_status s);
/* Stable key of a status ("new", "kept"). */
const char *import_status_key(enum import_status s);
/* Translated phrase of a match ("by title and author"), and its stable
 * key ("title_author"); NULL for IMPORT_VIA_NONE. */
const char *import_via_text(enum import_via v);
const char *import_via_key(enum import_via v);
/* True when v is a match by an id (sure), false for ISBN and titles. */
bool import_via_is_id(enum import_via v);

/* The signals journal's name for a catalogue key (for profile_open):
 * "<key>.signals", malloc'd. */
char *import_signals_name(const char *catalog_key);
/* That journal of c opened (created when missing) and validated: ids of
 * c, values 1 (seen) and 2 (wanted). NULL with err on failure. */
struct profile *import_signals_open(const struct catalog *c, char *err,
				    size_t errlen);
/* The same read-only (profile_open_ro: nothing created or changed, a
 * missing journal is empty), for commands that only read. */
struct profile *import_signals_read(const struct catalog *c, char *err,
				    size_t errlen);
/* Whether the journal name ("movies", "movies.signals") exists in the
 * data directory (readers such as export then need not create it). */
bool import_journal_exists(const char *name);

/* What an export wrote that an import into its catalogue does not
 * take back: rows of items the catalogue does not have (kept with an
 * empty title: an export is a backup), ratings off its scale (as the
 * journal holds them), and signals of values that are neither seen
 * nor wanted (left out). */
struct import_export_counts {
	size_t unknown, off_scale, left_out;
};

/* Write the profile (ratings, signals and your words) of c as CSV:
 * item_id, title, year, rating, scale, signal, timestamp, genres,
 * tags, catalog (catalog_spec), fields quoted where needed; taste's
 * own format, which "taste import FILE" reads back exactly, into that
 * catalogue. Every record of both journals is a row, in its journal's
 * order: a rating (signal empty), a signal without a rating (seen,
 * wanted; also of an item you rated), a clear of the rating (signal
 * cleared) or of the signal (unmarked) with the clear's time; ratings
 * and signals the catalogue hides too. words may be NULL; so may
 * counts (what was written that an import would not take back). */
int import_export(FILE *f, const struct catalog *c,
		  const struct profile *ratings,
		  const struct profile *signals,
		  const struct usertags *words,
		  struct import_export_counts *counts);

/* Helpers shared by the readers, exposed for tests. */
/* Unix time of "2021-05-01", "2021/03/21", "2021-05-01 10:00:00" or
 * seconds; false when s is none of these or no real date. */
bool import_parse_date(const char *s, int64_t *out);
/* Goodreads' ="0123456789" unwrapped into buf ("" for ="" or empty). */
const char *import_unwrap(const char *s, char *buf, size_t n);
/* 13 digits of an ISBN-13 or ISBN-10 (dashes and spaces ignored) into
 * out[14]; false when s is neither or its check digit is wrong. */
bool import_isbn13(const char *s, char out[14]);
/* True when each name of a comma list of IMDb title types is one
 * (spelt as any export spells it: "tvSeries", "TV Series", "Serie");
 * false with the unknown one and the known ones in err, or for an
 * empty list (which would keep no row). */
bool import_imdb_types_check(const char *list, char *err, size_t errlen);
/* The IMDb number without "tt" and leading zeros ("tt0000001" -> "1")
 * into out; false when s is not one. */
bool import_imdb_number(const char *s, char *out, size_t n);

#endif
