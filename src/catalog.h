/* SPDX-License-Identifier: GPL-3.0-or-later */
/* catalog: a set of items plus the community's ratings on a declared
 * scale. Loads the bundled MovieLens latest-small ("movies") and
 * goodbooks-10k ("books") layouts, by name or as a directory. Each file
 * read leaves an import report. */
#ifndef TASTE_CATALOG_H
#define TASTE_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "intern.h"
#include "matrix.h"
#include "report.h"
#include "scale.h"

enum catalog_kind { CATALOG_MOVIELENS, CATALOG_GOODBOOKS };

struct item {
	uint32_t id;          /* index in catalog.item_ids */
	char *title;          /* display title, article in front, no year */
	char *alt_title;      /* books: the original title when another
				 (books.csv original_title), else NULL;
				 imports match by it */
	int year;             /* 0 when unknown */
	char *creators;       /* authors, ", "-joined; NULL for movies */
	char *genres;         /* "Action|Sci-Fi"; NULL when none listed */
	char *tags;           /* "|"-joined most used tags; NULL when none */
	char *series;         /* "The Hunger Games, #1"; NULL when none */
	char *language;       /* NULL when unknown */
	char *ext_id;         /* IMDb id (tt...) or Goodreads book id */
	char *isbns;          /* books: ISBN-13s from books.csv isbn and
				 isbn13, space-separated; NULL when none */
	char *fold;           /* folded title, year, creators, series... */
	uint32_t fold_title;  /* bytes of fold that are the folded title */
	uint32_t n_ratings;   /* community ratings: the matrix column for
				 MovieLens, books.csv ratings_count for
				 goodbooks (even with a ratings.csv) */
	float mean;           /* their mean, NAN when there are none; for
				 goodbooks from the ratings_1..5 histogram
				 (else average_rating) */
};

/* A book that gathers others (a box set, or a volume numbered as a run
 * of its series: "#1-3") or is another edition of one ("The Hobbit:
 * Graphic Novel", "The Hitchhiker's Guide to the Galaxy: A Trilogy in
 * Four Parts" by the author of the book whose title is before the
 * colon). */
struct catalog_gathering {
	uint32_t item;
	uint32_t edition_of;  /* the book it is an edition of, or
				 INTERN_NONE for a box set or a run */
	bool box_set;         /* its title names a box set or omnibus */
	bool part;            /* a part of edition_of, split from it ("The
				 Green Mile, Part 1: The Two Dead Girls"):
				 a list holds the whole in its stead */
};

#define CATALOG_HIST_BINS 5
/* The value of catalog.implicit's cells: "wanted", as in model.h
 * (MODEL_SIGNAL_WANT) and import.h's signals journal. */
#define CATALOG_SIGNAL_WANT 2.0f

struct catalog {
	char *name;           /* "movies", "books", or the directory's name
				 (of its real path), safe to print
				 (safe.h) */
	char *key;            /* names its profile and model files: "movies"
				 or "books" for the bundled ones, else
				 "<name>-<16 hex digits>": the name with
				 bytes outside [A-Za-z0-9._-] (and a
				 leading '.') as '_', then the 64-bit
				 FNV-1a hash of the real path, so no two
				 directories share one (a bundled
				 directory opened by its path is a
				 directory too) */
	char *label;          /* "MovieLens latest-small" */
	char *dir;
	char *ratings_dir;    /* books: the goodbooks-10k download whose
				 ratings.csv, book_tags.csv + tags.csv and
				 to_read.csv are read with the bundled
				 books.csv (catalog_attach_goodbooks), or
				 NULL */
	char *note;           /* why community ratings are missing when
				 catalog_missing_note's fixed texts do not
				 say it (an attached directory has gone),
				 or NULL */
	enum catalog_kind kind;
	struct scale scale;
	struct intern *item_ids;
	struct intern *user_ids;
	struct item *items;   /* item_ids' order */
	uint32_t n_items;
	struct rmatrix *m;    /* community ratings; always present, maybe
				 with nnz 0 (books without ratings.csv) */
	bool has_ratings;     /* false: only histograms, say so on screen */
	struct rmatrix *implicit;  /* the community's implicit signals, the
				 shape of m, every value
				 CATALOG_SIGNAL_WANT (goodbooks'
				 to_read.csv, its users who have
				 ratings); NULL when there are none */
	struct catalog_gathering *collections;  /* books that gather or
				 repeat others, by item: catalog_open
				 finds them */
	size_t n_collections;
	uint32_t *hist;       /* goodbooks: n_items x CATALOG_HIST_BINS
				 Goodreads counts of 1..5 stars; else NULL */
	struct report *reports;  /* one per file read, in reading order */
	size_t n_reports;
	double load_seconds;
};

/* The directory layouts catalog_open reads. */
enum catalog_layout {
	CATALOG_LAYOUT_NONE,
	CATALOG_LAYOUT_MOVIELENS,   /* movies.csv [ratings, tags, links] */
	CATALOG_LAYOUT_GOODBOOKS,   /* books.csv [ratings, book_tags +
				       tags, to_read] */
	CATALOG_LAYOUT_ML100K,      /* u.item (Latin-1, |) + u.data (TAB) */
	CATALOG_LAYOUT_MLDAT,       /* ml-1m/ml-10m movies.dat +
				       ratings.dat (::) */
	CATALOG_LAYOUT_TWEETINGS,   /* MovieTweetings movies.dat +
				       ratings.dat (::, 0-10, IMDb ids) */
};
/* The layout of a directory by its files (no file is parsed but the
 * first line of users.dat or movies.dat, to tell MovieTweetings from
 * MovieLens .dat files). */
enum catalog_layout catalog_dir_layout(const char *dir);

/* Open a bundled catalogue by name ("movies", "books"), a synthetic one
 * generated in memory ("synthetic", "synthetic:1m": synth.h) or any
 * directory in a supported layout. NULL with a message in err. A missing
 * optional file (links.csv, tags.csv, ratings.csv) is fine and an empty one a
 * warning in its report, but one that is there and cannot be read is an error
 * ("cannot open PATH: Permission denied"). A ratings.csv that is
 * empty, has only a header or only ratings of unknown items opens
 * without community ratings and its report says why; an item file
 * without items is an error. */
struct catalog *catalog_open(const char *name_or_dir, char *err,
			     size_t errlen);
void catalog_free(struct catalog *c);
/* What --catalog takes to open c again: "movies", "books" or a
 * synthetic name, else the real path of its directory; malloc'd. */
char *catalog_spec(const struct catalog *c);
/* The number of a book in its series ("Harry Potter, #5, Part 1": 5;
 * "#1-3": 1), NAN when series is NULL or unnumbered. */
double catalog_series_number(const char *series);
/* True when both items are books of one series, whatever their numbers
 * ("Harry Potter, #1" and "Harry Potter, #1-7"). */
bool catalog_same_series(const struct item *a, const struct item *b);
/* The number of a part or volume its title names ("The Green Mile, Part
 * 1: The Two Dead Girls": 1, "Preacher, Volume Two": 2, "1Q84 BOOK 3":
 * 3), with the bytes of the title before it, the whole's title, in
 * *head ("The Green Mile": 14); NAN when it names none. */
double catalog_part_number(const char *title, size_t *head);
/* The place of an item in its set: its series' number, else its
 * title's part number (catalog_part_number); NAN when neither. */
double catalog_set_number(const struct item *it);
/* True when both items are numbered books of one set: one series, or
 * parts of one title ("Y: The Last Man, Vol. 1: Unmanned" and "Y: The
 * Last Man, Vol. 2: Cycles (Y: The Last Man, #2)"). */
bool catalog_same_set(const struct item *a, const struct item *b);
/* True when g, one of c's collections, gathers item b (a box set or a
 * "#1-3" volume of b's series, or a box set by b's first author) or is
 * an edition of b: a list for someone who knows b leaves it out. */
bool catalog_gathers(const struct catalog *c,
		     const struct catalog_gathering *g, uint32_t b);
/* The collection that item is, or NULL when it is none. */
const struct catalog_gathering *catalog_collection_of(const struct catalog *c,
						      uint32_t item);
/* Mark in mask (c->n_items long) the collections that gather one of
 * items[0..n), and the whole of a part among them and the parts of a
 * whole among them ("The Green Mile" for its Part 1, and the other
 * parts): in time about n log n plus the number of collections, as it
 * runs on every rating of yours. */
void catalog_mark_gathering(const struct catalog *c, const uint32_t *items,
			    size_t n, bool *mask);
/* Index of the item with this id, or INTERN_NONE. */
uint32_t catalog_find_id(const struct catalog *c, const char *id);
/* "The Matrix (1999)" */
size_t catalog_item_label(const struct catalog *c, uint32_t i, char *buf,
			  size_t n);
/* The label made safe for a terminal (safe.h: controls as "\x1B") and
 * cut to at most cols display columns: the title is cut with an
 * ellipsis ("…", or "..." when ascii) and the year kept:
 * "Dr. Strangelove or: How I Le… (1964)". */
size_t catalog_item_label_fit(const struct catalog *c, uint32_t i,
			      size_t cols, bool ascii, char *buf, size_t n);
/* The item a person means by title: an exact label or title match
 * (case- and accent-insensitive), most rated first; INTERN_NONE if no
 * item matches, and *ambiguous counts other exact matches. Only exact
 * matches: search_title (search.h) falls back to the search. */
uint32_t catalog_find_title(const struct catalog *c, const char *title,
			    size_t *ambiguous);
/* Every exact match of title as above, most rated first (ties by
 * index): up to max indices into out; returns how many matched in all. */
size_t catalog_title_matches(const struct catalog *c, const char *title,
			     uint32_t *out, size_t max);
/* qsort_r order of item indices (arg: the catalogue): most rated
 * first, ties by item index. */
int catalog_cmp_most_rated(const void *a, const void *b, void *arg);
/* What the books catalogue lacks, or NULL when nothing is missing. */
const char *catalog_missing_note(const struct catalog *c);

/* Attach a goodbooks-10k download to the bundled "books" catalogue:
 * from then on catalog_open("books") reads its ratings.csv, its
 * book_tags.csv + tags.csv and its to_read.csv with the bundled
 * books.csv (same book_id namespace), so the profile and models keep
 * the key "books". The real path of dir is kept in the data directory
 * (paths.h) in the file CATALOG_ATTACH_FILE, written atomically, 0600.
 * dir must hold a ratings.csv; NULL detaches (removes the file). 0, or
 * -1 with err. */
#define CATALOG_ATTACH_FILE "books.goodbooks-dir"
int catalog_attach_goodbooks(const char *dir, char *err, size_t errlen);
/* The bundled "books" as they open once dir is attached (dir must
 * hold a ratings.csv, as above), read and cached without touching the
 * attachment file: what 'taste import goodbooks DIR' checks before it
 * attaches, so that a download that cannot be read never stays
 * attached. NULL with err when it cannot be opened. */
struct catalog *catalog_open_books_with(const char *dir, char *err,
					size_t errlen);
/* The directory attached to "books" (malloc'd), or NULL. */
char *catalog_attached_goodbooks(void);

#endif
