/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_import: the import helpers (dates, ="..." unwrapping, ISBN-10 to
 * ISBN-13, IMDb numbers), the readers on the made-up fixtures of
 * tests/fixtures/import (statuses worked out by hand), the dataset
 * layouts as catalogues (ml-100k with Latin-1 u.item, ml-1m and
 * MovieTweetings "::" files, goodbooks with book_tags joined through
 * goodreads_book_id and shelves left out), MovieLens 100k itself from
 * $SHARED_DIR (943 users, 1,682 items, 100,000 ratings; skipped when
 * absent), and a write that a second import leaves alone. Dates: every
 * time taste's export writes reads back, YYYYMMDD in a date column, a
 * day that does not exist or in the future kept with the file's time
 * and a warning; taste's export checked against the catalogue's scale;
 * goodbooks' rounded isbn13 floats read without stealing another
 * book's ISBN, and a bad Goodreads ISBN named with its line; an empty
 * directory and an export with nothing unread to list. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "fixture.h"
#include "import.h"
#include "import_priv.h"
#include "intern.h"
#include "profile.h"
#include "usertags.h"
#include "util.h"

static struct catalog *open_ok(const char *what)
{
	char err[512] = "";
	struct catalog *c = catalog_open(what, err, sizeof err);
	if (!c)
		fail_msg("catalog_open(%s): %s", what, err);
	return c;
}

static void test_helpers(void **state)
{
	(void)state;
	char buf[64], isbn[14], num[32];
	int64_t t;
	assert_true(import_parse_date("2021/03/21", &t));
	assert_int_equal(t, 1616284800);
	assert_true(import_parse_date("2021-05-01", &t));
	assert_int_equal(t, 1619827200);
	assert_false(import_parse_date("2021-02-31", &t));
	assert_false(import_parse_date("soon", &t));
	assert_string_equal(import_unwrap("=\"0123456789\"", buf, sizeof buf),
			    "0123456789");
	assert_string_equal(import_unwrap("=\"\"", buf, sizeof buf), "");
	assert_true(import_isbn13("0123456789", isbn));
	assert_string_equal(isbn, "9780123456786");
	assert_true(import_isbn13("978-0-12-345678-6", isbn));
	assert_false(import_isbn13("9780123456787", isbn)); /* bad check */
	/* ISBN-10 check digits: 10*d1 + ... + 1*d10 is 0 mod 11. */
	assert_false(import_isbn13("0123456788", isbn));
	assert_true(import_isbn13("080442957X", isbn));
	assert_string_equal(isbn, "9780804429573");
	assert_false(import_isbn13("0804429570", isbn));
	assert_false(import_isbn13("", isbn));
	assert_true(import_imdb_number("tt0000001", num, sizeof num));
	assert_string_equal(num, "1");
	assert_true(import_imdb_number("0133093", num, sizeof num));
	assert_string_equal(num, "133093");
	assert_false(import_imdb_number("tt", num, sizeof num));
}

/* Read and match fixture file against catalogue dir, no profile. */
static void read_match(const char *file, const char *dir,
		       struct import_result *r, struct catalog **c)
{
	char err[512] = "";
	if (import_read(fixture(file), NULL, r, err, sizeof err) != 0)
		fail_msg("import_read(%s): %s", file, err);
	*c = open_ok(fixture(dir));
	import_match(r, *c, NULL, NULL);
}

static void test_goodreads(void **state)
{
	(void)state;
	struct import_result r;
	struct catalog *c;
	read_match("import/goodreads.csv", "import/books", &r, &c);
	assert_string_equal(r.fmt->name, "goodreads");
	assert_int_equal(r.n_rows, 7);
	/* 0 is unrated: to-read is wanted, read and currently-reading seen */
	assert_int_equal(r.rows[1].what, IMPORT_WANT);
	assert_int_equal(r.rows[3].what, IMPORT_SEEN);
	assert_int_equal(r.rows[6].what, IMPORT_SEEN);
	assert_string_equal(r.rows[0].isbn13, "9780000000002");
	assert_string_equal(r.rows[2].isbn13, "9780123456786");
	/* the review spans two lines: the next row starts on line 4 */
	assert_int_equal(r.rows[1].line, 4);
	assert_int_equal(r.by_status[IMPORT_NEW], 5);
	assert_int_equal(r.by_status[IMPORT_UNMATCHED], 1);
	assert_int_equal(r.by_status[IMPORT_DUPLICATE], 1);
	/* by id, by ISBN (lost leading zero), by title + author */
	assert_string_equal(intern_str(c->item_ids, r.rows[0].item), "1");
	assert_string_equal(intern_str(c->item_ids, r.rows[2].item), "2");
	assert_string_equal(intern_str(c->item_ids, r.rows[3].item), "3");
	assert_string_equal(intern_str(c->item_ids, r.rows[6].item), "6");
	import_result_free(&r);
	catalog_free(c);
}

static void test_imdb_layouts(void **state)
{
	(void)state;
	struct import_result r;
	struct catalog *c;
	read_match("import/imdb-14.csv", "import/movies", &r, &c);
	assert_string_equal(r.fmt->name, "imdb");
	assert_int_equal(r.n_rows, 5);
	/* "Film" is a movie: 9/10 stored as 4.5 of 0.5-5 */
	assert_int_equal(r.rows[0].status, IMPORT_NEW);
	assert_true(r.rows[0].stored == 4.5);
	assert_int_equal(r.rows[2].status, IMPORT_SKIPPED);   /* TV-Serie */
	assert_int_equal(r.rows[3].status, IMPORT_UNMATCHED); /* tvMovie */
	assert_int_equal(r.rows[4].status, IMPORT_SKIPPED);   /* Kurzfilm */
	import_result_free(&r);
	catalog_free(c);
	read_match("import/imdb-13.csv", "import/movies", &r, &c);
	assert_int_equal(r.n_rows, 6);          /* the 11 is rejected */
	assert_int_equal(r.reports[0].rejected, 1);
	assert_true(r.rows[0].stored == 5);     /* 10 -> 5 */
	assert_int_equal(r.rows[3].status, IMPORT_DUPLICATE);
	assert_true(r.rows[5].stored == 4.5);   /* the later 9 wins */
	import_result_free(&r);
	catalog_free(c);
}

static void test_letterboxd(void **state)
{
	(void)state;
	struct import_result r;
	struct catalog *c;
	read_match("import/letterboxd", "import/movies", &r, &c);
	assert_int_equal(r.n_files, 4);
	assert_int_equal(r.n_rows, 10);
	assert_int_equal(r.by_status[IMPORT_NEW], 6);
	assert_int_equal(r.by_status[IMPORT_UNMATCHED], 2);
	assert_int_equal(r.by_status[IMPORT_DUPLICATE], 1);
	assert_int_equal(r.by_status[IMPORT_RATED], 1);
	assert_true(r.rows[0].stored == 4.5);
	/* "Amélie" finds "Amélie (Le Fabuleux destin...)" */
	assert_string_equal(intern_str(c->item_ids, r.rows[1].item), "5");
	/* Heat 1995, not Heat 1986 */
	assert_string_equal(intern_str(c->item_ids, r.rows[2].item), "6");
	/* Cafe Etoile 1997 is Café Étoile 1996 (+-1), seen */
	assert_string_equal(intern_str(c->item_ids, r.rows[6].item), "8");
	assert_int_equal(r.rows[6].what, IMPORT_SEEN);
	assert_int_equal(r.rows[9].what, IMPORT_WANT);
	import_result_free(&r);
	catalog_free(c);
}

/* An IMDb watchlist (a Position column): rows without Your Rating are
 * wanted, dated by Created (line 5 has none: the file's time), a rated
 * row is a rating dated by Date Rated, title types filtered as for the
 * ratings export; the format reads as the list whichever IMDb format
 * was given. */
static void test_imdb_watchlist(void **state)
{
	(void)state;
	struct import_result r;
	struct catalog *c;
	struct stat st;
	read_match("import/imdb-watchlist.csv", "import/movies", &r, &c);
	assert_string_equal(r.fmt->name, "imdb-list");
	assert_string_equal(r.fmt->label, "IMDb list or watchlist export");
	assert_int_equal(r.n_rows, 4);
	assert_int_equal(r.reports[0].rejected, 0);
	assert_int_equal(r.rows[0].what, IMPORT_WANT);     /* The Matrix */
	assert_int_equal(r.rows[0].when, 1673740800);      /* 2023-01-15 */
	assert_int_equal(r.rows[0].status, IMPORT_NEW);
	assert_int_equal(r.rows[0].via, IMPORT_VIA_IMDB);
	assert_int_equal(r.rows[1].what, IMPORT_RATING);   /* Alien, 8 */
	assert_true(r.rows[1].stored == 4);
	assert_int_equal(r.rows[1].when, 1654041600);      /* 2022-06-01 */
	assert_int_equal(r.rows[2].status, IMPORT_SKIPPED); /* TV Episode */
	assert_int_equal(r.rows[3].what, IMPORT_WANT);     /* no Created */
	assert_false(r.rows[3].dated);
	assert_int_equal(stat(fixture("import/imdb-watchlist.csv"), &st), 0);
	assert_int_equal(r.rows[3].when, (int64_t)st.st_mtime);
	assert_int_equal(r.by_status[IMPORT_NEW], 3);
	import_result_free(&r);
	/* given as "imdb", it is still read as the list */
	struct import_opts o = { .format = "imdb" };
	char err[512] = "";
	assert_int_equal(import_read(fixture("import/imdb-watchlist.csv"), &o,
				     &r, err, sizeof err), 0);
	assert_string_equal(r.fmt->name, "imdb-list");
	assert_int_equal(r.n_rows, 4);
	import_result_free(&r);
	/* the ratings export still rejects an empty rating */
	o.format = "imdb-list";
	assert_int_equal(import_read(fixture("import/imdb-13.csv"), &o, &r,
				     err, sizeof err), 0);
	assert_string_equal(r.fmt->name, "imdb");
	assert_int_equal(r.reports[0].rejected, 1);
	import_result_free(&r);
	catalog_free(c);
}

/* How each row matched: by id or not, with the item's label for those
 * matched by less; a signal of an item rated in the same import says
 * so. */
static void test_match_via(void **state)
{
	(void)state;
	struct import_result r;
	struct catalog *c;
	read_match("import/letterboxd", "import/movies", &r, &c);
	/* the same title and year: sure, not listed to be checked */
	assert_int_equal(r.rows[0].via, IMPORT_VIA_TITLE_YEAR);
	assert_null(r.rows[0].item_label);
	/* Amélie is the part of the item's title before its bracket and
	 * of its year: sure too */
	assert_int_equal(r.rows[1].via, IMPORT_VIA_TITLE_YEAR);
	assert_null(r.rows[1].item_label);
	assert_int_equal(r.rows[6].via, IMPORT_VIA_TITLE_NEAR_YEAR);
	assert_string_equal(r.rows[6].item_label, "Café Étoile (1996)");
	assert_int_equal(r.rows[3].via, IMPORT_VIA_NONE);  /* Twins x2 */
	assert_null(r.rows[3].item_label);
	/* watched.csv line 2, The Matrix: rated on ratings.csv line 2 */
	assert_int_equal(r.rows[7].status, IMPORT_RATED);
	assert_true(r.rows[7].rated_here);
	assert_string_equal(r.rows[7].why, "its rating is line 2 of "
			    "ratings.csv");
	import_result_free(&r);
	catalog_free(c);
	read_match("import/goodreads.csv", "import/books", &r, &c);
	assert_int_equal(r.rows[0].via, IMPORT_VIA_GOODREADS);
	assert_null(r.rows[0].item_label);
	assert_int_equal(r.rows[2].via, IMPORT_VIA_ISBN);
	assert_int_equal(r.rows[3].via, IMPORT_VIA_TITLE_AUTHOR);
	import_result_free(&r);
	catalog_free(c);
	assert_true(import_via_is_id(IMPORT_VIA_IMDB));
	assert_false(import_via_is_id(IMPORT_VIA_ISBN));
	assert_string_equal(import_via_key(IMPORT_VIA_TITLE_NEAR_YEAR),
			    "title_near_year");
}

/* A movies export into books (and books into movies) matches nothing,
 * not even a title both have, and one note says where it goes. */
static void test_other_media(void **state)
{
	(void)state;
	struct import_result r;
	struct catalog *c;
	read_match("import/letterboxd", "import/books", &r, &c);
	assert_int_equal(r.by_status[IMPORT_UNMATCHED], 10);
	/* the export's reviews.csv is not read, and the export is of
	 * movies */
	assert_int_equal(r.n_notes, 2);
	assert_non_null(strstr(r.notes[0], "not read: reviews.csv"));
	assert_non_null(strstr(r.notes[1], "--catalog movies"));
	assert_string_equal(r.rows[0].why, "not for books: an export of "
			    "movies");
	import_result_free(&r);
	catalog_free(c);
	read_match("import/goodreads.csv", "import/movies", &r, &c);
	assert_int_equal(r.by_status[IMPORT_UNMATCHED], 7);
	assert_non_null(strstr(r.notes[0], "--catalog books"));
	import_result_free(&r);
	catalog_free(c);
}

/* A temporary data directory beside the movies fixture catalogue. */
struct scratch {
	char dir[32];
	struct catalog *c;
};

static void scratch_open(struct scratch *s)
{
	strcpy(s->dir, "/tmp/taste-import-XXXXXX");
	assert_non_null(mkdtemp(s->dir));
	s->c = open_ok(fixture("import/movies"));
}

/* The journal called name in s, validated against its catalogue. */
static struct profile *scratch_profile(struct scratch *s, const char *name)
{
	char err[512] = "";
	struct profile *p = profile_open(s->dir, name, err, sizeof err);
	if (!p)
		fail_msg("profile_open %s: %s", name, err);
	profile_validate_catalog(p, s->c);
	return p;
}

/* The path of name in s (free()). */
static char *scratch_path(const struct scratch *s, const char *name)
{
	return xasprintf("%s/%s", s->dir, name);
}

/* Remove the directory with what the test left in it. */
static void scratch_close(struct scratch *s)
{
	DIR *d = opendir(s->dir);
	assert_non_null(d);
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		char *path = scratch_path(s, e->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
	rmdir(s->dir);
	catalog_free(s->c);
}

/* Read fixture name, match it against s's catalogue and the journals,
 * and write it: the rows written. */
static size_t import_into(struct scratch *s, const char *path,
			  struct profile *pr, struct profile *ps,
			  struct import_result *r)
{
	char err[512] = "";
	size_t written;
	if (import_read(path, NULL, r, err, sizeof err) != 0)
		fail_msg("import_read %s: %s", path, err);
	import_match(r, s->c, pr, ps);
	if (import_apply(r, pr, ps, &written, err, sizeof err) != 0)
		fail_msg("import_apply: %s", err);
	return written;
}

/* Write, then import again: nothing more to write. */
static void test_idempotent(void **state)
{
	(void)state;
	struct scratch s;
	scratch_open(&s);
	struct profile *pr = scratch_profile(&s, "m");
	struct profile *ps = scratch_profile(&s, "m.signals");
	for (int pass = 0; pass < 2; pass++) {
		struct import_result r;
		size_t written = import_into(&s, fixture("import/letterboxd"),
					     pr, ps, &r);
		assert_int_equal(written, pass ? 0 : 6);
		assert_int_equal(import_pending(&r), written);
		import_result_free(&r);
	}
	assert_int_equal(profile_count(pr), 3);
	assert_int_equal(profile_count(ps), 3);
	double v;
	assert_true(profile_get(pr, "4", &v) && v == 4.5);
	assert_true(profile_get(ps, "1", &v) && v == IMPORT_SIGNAL_WANT);
	struct profile_entry e = profile_entry_at(pr, 0);
	assert_int_equal(e.when, 1609545600);   /* 2021-01-02, the row's */
	profile_close(pr);
	profile_close(ps);
	scratch_close(&s);
}

/* The whole of path, NUL-ended (free()). */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = xcalloc(1, 65536);
	size_t n = fread(buf, 1, 65535, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* IMDb's 9 of 10 is kept as 9 on 1-10 in the journal and shown as 4.5;
 * the export writes it so, and a fresh profile reads it back alike. */
static void test_imdb_kept_on_its_scale(void **state)
{
	(void)state;
	struct scratch s;
	struct import_result r;
	scratch_open(&s);
	struct profile *pr = scratch_profile(&s, "m");
	assert_int_equal(import_into(&s, fixture("import/imdb-14.csv"), pr,
				     NULL, &r), 2);
	import_result_free(&r);
	char *path = scratch_path(&s, "m.journal");
	char *text = slurp(path);
	assert_non_null(strstr(text, "\t9@1:10:1\t5\n"));  /* Amélie */
	assert_non_null(strstr(text, "\t7@1:10:1\t9\n"));  /* Alien */
	free(text);
	free(path);
	double v;
	assert_true(profile_get(pr, "5", &v) && v == 4.5);
	assert_true(profile_get(pr, "9", &v) && v == 3.5);
	char *csv = scratch_path(&s, "export.csv");
	FILE *f = fopen(csv, "w");
	assert_non_null(f);
	assert_int_equal(import_export(f, s.c, pr, NULL, NULL, NULL), 0);
	fclose(f);
	text = slurp(csv);
	assert_non_null(strstr(text, ",9,1:10:1,,"));
	free(text);
	/* Into a fresh profile: the same values, on the same scale. */
	struct profile *fresh = scratch_profile(&s, "n");
	assert_int_equal(import_into(&s, csv, fresh, NULL, &r), 2);
	assert_string_equal(r.fmt->name, "taste");
	import_result_free(&r);
	struct profile_entry e;
	assert_true(profile_get_entry(fresh, "5", &e));
	assert_true(e.value == 4.5 && e.raw == 9 && e.from &&
		    e.from->max == 10);
	/* And importing the IMDb file again into it writes nothing. */
	assert_int_equal(import_into(&s, fixture("import/imdb-14.csv"),
				     fresh, NULL, &r), 0);
	import_result_free(&r);
	free(csv);
	profile_close(pr);
	profile_close(fresh);
	scratch_close(&s);
}

/* A rating made elsewhere after the report is kept: the rows are
 * judged again under the journal's lock when they are written. */
static void test_apply_sees_a_newer_rating(void **state)
{
	(void)state;
	struct scratch s;
	char err[512] = "";
	scratch_open(&s);
	struct profile *pr = scratch_profile(&s, "m");
	struct profile *other = scratch_profile(&s, "m");
	struct import_result r;
	size_t written;
	assert_int_equal(import_read(fixture("import/imdb-14.csv"), NULL, &r,
				     err, sizeof err), 0);
	import_match(&r, s.c, pr, NULL);
	assert_int_equal(import_pending(&r), 2);
	/* Amélie, rated 2 in another process while the report is read. */
	assert_int_equal(profile_set(other, "5", 2, err, sizeof err), 0);
	assert_int_equal(import_apply(&r, pr, NULL, &written, err,
				      sizeof err), 0);
	assert_int_equal(written, 1);
	assert_int_equal(r.rows[0].status, IMPORT_KEPT);
	assert_int_equal(r.by_status[IMPORT_KEPT], 1);
	assert_int_equal(r.by_status[IMPORT_NEW], 1);
	double v;
	assert_true(profile_get(pr, "5", &v) && v == 2);
	assert_true(profile_get(pr, "9", &v) && v == 3.5);
	import_result_free(&r);
	profile_close(pr);
	profile_close(other);
	scratch_close(&s);
}

/* Write text into the scratch file name; its path (free()). */
static char *scratch_file(const struct scratch *s, const char *name,
			  const char *text)
{
	char *path = scratch_path(s, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* A later rating on the source's scale is a change even when both
 * show as the same stars: 91 and then 92 of 0-100 are both 4.5 on
 * half stars, and the journal must keep 92. */
static void test_source_scale_change(void **state)
{
	(void)state;
	struct scratch s;
	scratch_open(&s);
	struct profile *pr = scratch_profile(&s, "m");
	struct import_opts o = { .format = "csv", .col_title = "Film",
				 .col_year = "Yr", .col_rating = "Score",
				 .col_date = "When", .has_scale = true,
				 .scale = { 0, 100, 1 } };
	static const char *const files[] = {
		"Film,Yr,Score,When\nAlien,1979,91,2021-01-01\n",
		"Film,Yr,Score,When\nAlien,1979,92,2022-01-01\n",
		"Film,Yr,Score,When\nAlien,1979,92,2022-01-01\n" };
	static const enum import_status want[] = {
		IMPORT_NEW, IMPORT_CHANGED, IMPORT_UNCHANGED };
	for (size_t k = 0; k < 3; k++) {
		struct import_result r;
		char err[512] = "", name[16];
		size_t written;
		xsnprintf(name, sizeof name, "s%zu.csv", k);
		char *path = scratch_file(&s, name, files[k]);
		assert_int_equal(import_read(path, &o, &r, err, sizeof err),
				 0);
		import_match(&r, s.c, pr, NULL);
		assert_int_equal(r.rows[0].status, want[k]);
		assert_int_equal(import_apply(&r, pr, NULL, &written, err,
					      sizeof err), 0);
		assert_int_equal(written, k < 2);
		import_result_free(&r);
		free(path);
	}
	struct profile_entry e;
	assert_true(profile_get_entry(pr, "9", &e));
	assert_true(e.raw == 92 && e.value == 4.5);
	profile_close(pr);
	scratch_close(&s);
}

/* A Letterboxd file alone: watchlist anywhere in its name makes its
 * films wanted, watched makes them seen, and a list without ratings
 * whose name says neither is refused, for only the name tells them
 * apart; a renamed ratings file reads as ratings. */
static void test_letterboxd_file_names(void **state)
{
	(void)state;
	static const char list[] = "Date,Name,Year,Letterboxd URI\n"
				   "2020-01-01,Heat,1995,https://boxd.it/a\n";
	static const char rated[] = "Date,Name,Year,Letterboxd URI,Rating\n"
				    "2020-01-01,Heat,1995,https://boxd.it/a,"
				    "4\n";
	struct scratch s;
	struct import_result r;
	char err[512] = "";
	struct import_opts o = { .format = "letterboxd" };
	scratch_open(&s);
	char *want = scratch_file(&s, "my-watchlist (1).csv", list);
	char *seen = scratch_file(&s, "Watched-2024.csv", list);
	char *films = scratch_file(&s, "films.csv", list);
	char *mine = scratch_file(&s, "mine.csv", rated);
	assert_int_equal(import_read(want, &o, &r, err, sizeof err), 0);
	assert_int_equal(r.rows[0].what, IMPORT_WANT);
	import_result_free(&r);
	assert_int_equal(import_read(seen, &o, &r, err, sizeof err), 0);
	assert_int_equal(r.rows[0].what, IMPORT_SEEN);
	import_result_free(&r);
	assert_int_equal(import_read(films, &o, &r, err, sizeof err), -1);
	assert_non_null(strstr(err, "its name says neither: name it "
			       "watched.csv"));
	assert_int_equal(r.n_rows, 0);
	import_result_free(&r);
	assert_int_equal(import_read(mine, &o, &r, err, sizeof err), 0);
	assert_int_equal(r.rows[0].what, IMPORT_RATING);
	import_result_free(&r);
	free(want);
	free(seen);
	free(films);
	free(mine);
	scratch_close(&s);
}

/* Titles written as MovieLens writes them, in a list made from its
 * files, find their items: "Matrix, The", "Example Movie (2004)". */
static void test_movielens_titles(void **state)
{
	(void)state;
	struct scratch s;
	struct import_result r;
	char err[512] = "";
	struct import_opts o = { .format = "csv", .col_title = "title",
				 .col_rating = "rating" };
	scratch_open(&s);
	char *path = scratch_file(&s, "ml.csv", "title,rating\n"
				  "\"Matrix, The\",4\n"
				  "Example Movie (2004),5\n"
				  "Example Movie (1950),5\n");
	assert_int_equal(import_read(path, &o, &r, err, sizeof err), 0);
	import_match(&r, s.c, NULL, NULL);
	assert_int_equal(r.rows[0].item, catalog_find_id(s.c, "4"));
	assert_int_equal(r.rows[1].item, catalog_find_id(s.c, "1"));
	assert_int_equal(r.rows[1].via, IMPORT_VIA_TITLE_YEAR);
	assert_int_equal(r.rows[2].item, INTERN_NONE);
	assert_string_equal(r.rows[2].title, "Example Movie (1950)");
	import_result_free(&r);
	free(path);
	scratch_close(&s);
}

/* Set the times of path to t. */
static void set_mtime(const char *path, time_t t)
{
	struct timespec ts[2] = { { t, 0 }, { t, 0 } };

	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* Ids and years as a list from MovieLens' files writes them: an id
 * with its MovieLens title ("Matrix, The (1999)") is that item; a
 * title whose bracketed year is not the year column's is no film. */
static void test_movielens_ids_and_years(void **state)
{
	(void)state;
	struct scratch s;
	struct import_result r;
	char err[512] = "";
	struct import_opts o = { .format = "csv", .col_id = "movieId",
				 .col_title = "title", .col_rating = "rating" };
	scratch_open(&s);
	char *ids = scratch_file(&s, "ids.csv", "movieId,title,rating\n"
				 "4,\"Matrix, The (1999)\",4\n"
				 "4,\"Matrix, The (1998)\",4\n");
	assert_int_equal(import_read(ids, &o, &r, err, sizeof err), 0);
	import_match(&r, s.c, NULL, NULL);
	assert_int_equal(r.rows[0].item, catalog_find_id(s.c, "4"));
	assert_int_equal(r.rows[1].item, INTERN_NONE);
	import_result_free(&r);
	struct import_opts y = { .format = "csv", .col_title = "title",
				 .col_year = "year", .col_rating = "rating" };
	char *years = scratch_file(&s, "years.csv", "title,year,rating\n"
				   "Example Movie (2004),2010,4\n");
	assert_int_equal(import_read(years, &y, &r, err, sizeof err), 0);
	import_match(&r, s.c, NULL, NULL);
	assert_int_equal(r.rows[0].item, INTERN_NONE);
	assert_string_equal(r.rows[0].why, "its title says 2004 and its year "
			    "2010: which film is meant?");
	import_result_free(&r);
	free(ids);
	free(years);
	scratch_close(&s);
}

/* A Goodreads id whose book has neither the row's title nor its
 * author is not taken (a column of goodbooks' book_id given as one). */
static void test_goodreads_id_checked(void **state)
{
	(void)state;
	struct scratch s;
	struct import_result r;
	char err[512] = "";
	struct import_opts o = { .format = "csv", .col_goodreads = "gr",
				 .col_title = "title", .col_rating = "rating",
				 .has_scale = true, .scale = { 1, 5, 1 } };
	scratch_open(&s);
	struct catalog *books = open_ok(fixture("import/books"));
	char *path = scratch_file(&s, "gr.csv", "gr,title,rating\n"
				  "12345,Example Novel,4\n"
				  "12345,Leading Zero Book,5\n");
	assert_int_equal(import_read(path, &o, &r, err, sizeof err), 0);
	import_match(&r, books, NULL, NULL);
	assert_int_equal(r.rows[0].item, INTERN_NONE);
	assert_non_null(strstr(r.rows[0].why, "Goodreads id 12345 is Leading "
			       "Zero Book"));
	assert_int_equal(r.rows[1].item, catalog_find_id(books, "2"));
	import_result_free(&r);
	free(path);
	catalog_free(books);
	scratch_close(&s);
}

/* Within one file a row with a date of its own beats an undated one of
 * the same item, wherever it stands; an undated row's time (the
 * file's) is never ahead of now. */
static void test_dated_beats_undated(void **state)
{
	(void)state;
	struct scratch s;
	struct import_result r;
	char err[512] = "";
	struct import_opts o = { .format = "csv", .col_title = "title",
				 .col_year = "year", .col_rating = "rating",
				 .col_date = "date" };
	scratch_open(&s);
	struct profile *pr = scratch_profile(&s, "m");
	char *path = scratch_file(&s, "dup.csv", "title,year,rating,date\n"
				  "Example Movie,2004,2,\n"
				  "Example Movie,2004,5,2024-05-01\n"
				  "Example Episode,2012,3,\n");
	set_mtime(path, time(NULL) + 86400 * 365);
	assert_int_equal(import_read(path, &o, &r, err, sizeof err), 0);
	assert_true(r.rows[2].when <= (int64_t)time(NULL));
	import_match(&r, s.c, pr, NULL);
	assert_int_equal(r.rows[0].status, IMPORT_DUPLICATE);
	assert_int_equal(r.rows[1].status, IMPORT_NEW);
	import_result_free(&r);
	free(path);
	profile_close(pr);
	scratch_close(&s);
}


/* Rows without a date of their own, or dated in the future, fill gaps
 * and replace nothing: a copy of a file, newer by its mtime, does not
 * undo a rating or a clear made in taste since the first import, nor
 * does an export from a clock that ran ahead. */
static void test_undated_rows_fill_gaps(void **state)
{
	(void)state;
	static const char head[] = "item_id,title,year,rating,scale,signal,"
				   "timestamp,genres,tags,catalog\n";
	struct scratch s;
	struct import_result r;
	char err[512] = "", text[256];
	time_t now = time(NULL);
	scratch_open(&s);
	struct profile *pr = scratch_profile(&s, "m");
	xsnprintf(text, sizeof text, "%s4,The Matrix,1999,2,,,,,,\n", head);
	char *first = scratch_file(&s, "mine.csv", text);
	char *copy = scratch_file(&s, "copy.csv", text);
	set_mtime(first, now - 86400 * 365);
	set_mtime(copy, now + 3600);
	assert_int_equal(import_into(&s, first, pr, NULL, &r), 1);
	import_result_free(&r);
	assert_int_equal(profile_set(pr, "4", 5, err, sizeof err), 0);
	assert_int_equal(import_into(&s, copy, pr, NULL, &r), 0);
	assert_int_equal(r.rows[0].status, IMPORT_KEPT);
	assert_string_equal(r.rows[0].why, "yours stays: 5 (this row has no "
			    "date to show it is newer)");
	import_result_free(&r);
	assert_int_equal(profile_clear(pr, "4", err, sizeof err), 0);
	assert_int_equal(import_into(&s, copy, pr, NULL, &r), 0);
	assert_int_equal(r.rows[0].status, IMPORT_KEPT);
	import_result_free(&r);
	assert_false(profile_get(pr, "4", NULL));

	xsnprintf(text, sizeof text, "%s1,Example Movie,2004,2,,,%lld,,,\n",
		  head, (long long)now + 86400 * 3650);
	char *ahead = scratch_file(&s, "ahead.csv", text);
	assert_int_equal(import_into(&s, ahead, pr, NULL, &r), 1);
	assert_false(r.rows[0].dated);
	import_result_free(&r);
	assert_int_equal(profile_set(pr, "1", 4, err, sizeof err), 0);
	assert_int_equal(import_into(&s, ahead, pr, NULL, &r), 0);
	assert_int_equal(r.rows[0].status, IMPORT_KEPT);
	import_result_free(&r);
	double v;
	assert_true(profile_get(pr, "1", &v) && v == 4);
	free(first);
	free(copy);
	free(ahead);
	profile_close(pr);
	scratch_close(&s);
}

/* A generic CSV read on a scale not its own: the ratings off it are
 * rejected, and a note says that the scale is the file's to give. */
static void test_generic_scale_hint(void **state)
{
	(void)state;
	struct scratch s;
	struct import_result r;
	char err[512] = "";
	scratch_open(&s);
	struct import_opts o = { .format = "csv", .col_title = "Film",
				 .col_rating = "Score", .has_scale = true,
				 .scale = { 0.5, 5, 0.5 } };
	char *path = scratch_file(&s, "ten.csv", "Film,Score\nAlien,10\n"
				  "Heat,8\nUp,4\n");
	assert_int_equal(import_read(path, &o, &r, err, sizeof err), 0);
	assert_int_equal(r.n_rows, 1);
	assert_int_equal(r.reports[0].by_reason[REJ_ABOVE_MAX], 2);
	assert_int_equal(r.n_notes, 1);
	assert_string_equal(r.notes[0], "2 ratings are off the scale 0.5-5 "
			    "step 0.5: give the file's with --scale (such as "
			    "1:10:1)");
	import_result_free(&r);
	o.screen = true;
	assert_int_equal(import_read(path, &o, &r, err, sizeof err), 0);
	assert_non_null(strstr(r.notes[0], "set the form's scale"));
	import_result_free(&r);
	free(path);
	scratch_close(&s);
}

/* Titles as the exports write them find the catalogue's: another title
 * in brackets (a.k.a., the original), "&" for "and", "Oldboy" for "Old
 * Boy", the parts of a longer title in the same year (but "Dead Man" is
 * not "Dead Man Walking"); a row a year off yields to a row of the
 * item's own year, and two rows years apart that fit one yearless item
 * are other films. */
static void test_match_titles(void **state)
{
	(void)state;
	struct import_result r;
	struct catalog *c;
	read_match("import/titles/letterboxd.csv", "import/titles", &r, &c);
	static const struct { const char *item; enum import_via via; }
	want[] = {
		{ "1", IMPORT_VIA_TITLE_YEAR },         /* Se7en */
		{ "2", IMPORT_VIA_TITLE_YEAR },         /* Oldboy */
		{ "3", IMPORT_VIA_TITLE_YEAR },         /* Lock, Stock and */
		{ "4", IMPORT_VIA_TITLE_WORDS },        /* The Force Awakens */
		{ "5", IMPORT_VIA_TITLE_YEAR },         /* Y Tu Mama Tambien */
		{ NULL, IMPORT_VIA_NONE },      /* Moonlight 2016, no year */
		{ "7", IMPORT_VIA_TITLE_YEAR },         /* Hamlet 1996 */
		{ NULL, IMPORT_VIA_NONE },              /* Hamlet 1997 */
		{ "9", IMPORT_VIA_TITLE_WORDS },        /* Star Wars 1980 */
		{ "10", IMPORT_VIA_TITLE_YEAR },        /* Philosopher's */
		{ NULL, IMPORT_VIA_NONE },      /* Dead Man, not Walking */
		{ NULL, IMPORT_VIA_NONE },      /* Moonlight 2002 */
	};
	assert_int_equal(r.n_rows, ARRAY_LEN(want));
	for (size_t k = 0; k < ARRAY_LEN(want); k++) {
		const struct import_row *row = &r.rows[k];
		assert_int_equal(row->via, want[k].via);
		if (want[k].item)
			assert_string_equal(intern_str(c->item_ids,
						       row->item),
					    want[k].item);
		else
			assert_int_equal(row->status, IMPORT_UNMATCHED);
	}
	assert_non_null(strstr(r.rows[7].why, "Hamlet (1996)"));
	/* two Moonlights 14 years apart are two films: neither is the
	 * catalogue's yearless one */
	assert_non_null(strstr(r.rows[5].why, "rows of 2002 and 2016 both "
			       "fit Moonlight"));
	assert_non_null(strstr(r.rows[10].why, "no item titled"));
	import_result_free(&r);
	catalog_free(c);
}

/* Books: the original title finds a book; an ISBN whose book has
 * neither the row's title nor its author is not taken; a shelf of your
 * own without a rating is skipped, named; a Goodreads id of another
 * title by the author is listed to check. */
static void test_match_books(void **state)
{
	(void)state;
	struct import_result r;
	struct catalog *c;
	read_match("import/titles-books/goodreads.csv",
		   "import/titles-books", &r, &c);
	assert_int_equal(r.rows[0].via, IMPORT_VIA_TITLE_AUTHOR);
	assert_string_equal(intern_str(c->item_ids, r.rows[0].item), "1");
	assert_int_equal(r.rows[1].status, IMPORT_UNMATCHED);
	assert_non_null(strstr(r.rows[1].why, "is Watchers (1987) by Dean "
			       "Koontz, not this title or author"));
	assert_int_equal(r.rows[2].via, IMPORT_VIA_ISBN);
	assert_string_equal(intern_str(c->item_ids, r.rows[2].item), "2");
	assert_int_equal(r.rows[3].status, IMPORT_SKIPPED);
	assert_non_null(strstr(r.rows[3].why, "did-not-finish"));
	/* a Goodreads id of the author's book of another title: taken,
	 * and listed to be checked */
	assert_int_equal(r.rows[4].via, IMPORT_VIA_GOODREADS);
	assert_string_equal(intern_str(c->item_ids, r.rows[4].item), "3");
	assert_string_equal(r.rows[4].item_label, "Another Book (2001)");
	import_result_free(&r);
	catalog_free(c);
}

/* A rating you cleared after the file's date stays cleared when the
 * same file is imported again. */
static void test_cleared_stays_cleared(void **state)
{
	(void)state;
	struct scratch s;
	struct import_result r;
	char err[512] = "";
	scratch_open(&s);
	struct profile *pr = scratch_profile(&s, "m");
	assert_int_equal(import_into(&s, fixture("import/imdb-14.csv"), pr,
				     NULL, &r), 2);
	import_result_free(&r);
	assert_int_equal(profile_clear(pr, "5", err, sizeof err), 0);
	/* Amélie: rated in 2022 on IMDb, cleared here in 2026. */
	assert_int_equal(import_into(&s, fixture("import/imdb-14.csv"), pr,
				     NULL, &r), 0);
	assert_int_equal(r.rows[0].status, IMPORT_KEPT);
	assert_string_equal(r.rows[0].why, "you cleared it after this row's "
			    "date");
	import_result_free(&r);
	assert_false(profile_get(pr, "5", NULL));
	assert_true(profile_get(pr, "9", NULL));
	profile_close(pr);
	scratch_close(&s);
}

/* Your words of an item from two sources stay side by side: IMDb's
 * genres, then Letterboxd's tags of The Matrix; a second import of
 * either changes nothing. A rating of an item you had as seen is a
 * change the report lists (had_signal). */
static void test_words_and_signals(void **state)
{
	(void)state;
	struct scratch s;
	struct import_result r;
	char err[512] = "";
	size_t changed;
	scratch_open(&s);
	struct profile *pr = scratch_profile(&s, "m");
	struct profile *ps = scratch_profile(&s, "m.signals");
	struct usertags *t = usertags_open(s.dir, "m", err, sizeof err);
	assert_non_null(t);
	assert_int_equal(profile_set(ps, "4", IMPORT_SIGNAL_SEEN, err,
				     sizeof err), 0);
	static const char *const files[] = {
		"Const,Your Rating,Date Rated,Title,Title Type,Year,Genres\n"
		"tt0133093,9,2021-05-01,The Matrix,movie,1999,"
		"\"Action, Sci-Fi\"\n",
		"Date,Name,Year,Letterboxd URI,Rating,Tags\n"
		"2021-06-01,The Matrix,1999,u,4.5,\"cyberpunk, rewatch\"\n" };
	for (size_t pass = 0; pass < 4; pass++) {
		char name[16];
		xsnprintf(name, sizeof name, "w%zu.csv", pass % 2);
		char *path = scratch_file(&s, name, files[pass % 2]);
		import_into(&s, path, pr, ps, &r);
		import_plan_words(&r, s.c, t);
		assert_int_equal(r.words_changed, pass < 2);
		if (pass == 0) {    /* seen, now rated: listed as a change */
			assert_int_equal(r.rows[0].status, IMPORT_NEW);
			assert_true(r.rows[0].had_signal ==
				    IMPORT_SIGNAL_SEEN);
		}
		assert_int_equal(import_apply_words(&r, t, &changed, err,
						    sizeof err), 0);
		assert_int_equal(changed, pass < 2);
		import_result_free(&r);
		free(path);
	}
	assert_string_equal(usertags_genres(t, "4"), "Action|Sci-Fi");
	assert_string_equal(usertags_tags(t, "4"), "cyberpunk|rewatch");
	usertags_free(t);
	profile_close(ps);
	profile_close(pr);
	scratch_close(&s);
}

/* Copy fixture name to path; false when either file fails. */
static bool copy_fixture(const char *name, const char *path)
{
	FILE *in = fopen(fixture(name), "rb"), *out = fopen(path, "wb");
	char buf[4096];
	size_t n;
	bool ok = in && out;

	while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
		ok = fwrite(buf, 1, n, out) == n;
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		ok = false;
	return ok;
}

/* A MovieLens 100k directory of made-up rows, <tmp>/ml-100k: the
 * fixtures are kept under other names (no file of the real dataset's
 * name is in the tree). dir holds the temporary parent. */
static char *ml100k_dir(char *dir)
{
	assert_non_null(mkdtemp(dir));
	char *d = xasprintf("%s/ml-100k", dir);
	char *item = xasprintf("%s/u.item", d), *data = xasprintf("%s/u.data",
								  d);
	assert_int_equal(mkdir(d, 0700), 0);
	assert_true(copy_fixture("import/ml100k-like/items.psv", item));
	assert_true(copy_fixture("import/ml100k-like/ratings.tsv", data));
	free(item);
	free(data);
	return d;
}

/* Remove what ml100k_dir made. */
static void ml100k_free(char *dir, char *d)
{
	char *item = xasprintf("%s/u.item", d), *data = xasprintf("%s/u.data",
								  d);
	unlink(item);
	unlink(data);
	rmdir(d);
	rmdir(dir);
	free(item);
	free(data);
	free(d);
}

static void test_dataset_layouts(void **state)
{
	char tmp[] = "/tmp/taste-ml100k-XXXXXX";
	char *ml100k = ml100k_dir(tmp);

	(void)state;
	assert_int_equal(catalog_dir_layout(ml100k), CATALOG_LAYOUT_ML100K);
	assert_int_equal(catalog_dir_layout(fixture("import/ml-1m")),
			 CATALOG_LAYOUT_MLDAT);
	assert_int_equal(catalog_dir_layout(fixture("import/movietweetings")),
			 CATALOG_LAYOUT_TWEETINGS);
	struct catalog *c = open_ok(ml100k);
	assert_int_equal(c->n_items, 3);        /* not the row of 21 flags */
	assert_string_equal(c->items[0].title, "Café Étoile");
	assert_string_equal(c->items[0].genres, "Drama");
	assert_string_equal(c->items[1].genres, "Action|Adventure|Sci-Fi");
	assert_null(c->items[2].genres);        /* only "unknown" */
	assert_int_equal(c->m->n_users, 2);
	assert_int_equal(c->m->nnz, 4);
	catalog_free(c);
	c = open_ok(fixture("import/ml-1m"));
	assert_string_equal(c->items[0].title, "Café Étoile");
	/* a row of four fields or of two is no movie: no genre made up */
	assert_int_equal(c->n_items, 2);
	assert_int_equal(catalog_find_id(c, "3"), INTERN_NONE);
	assert_int_equal(c->m->nnz, 3);         /* not the row of five */
	catalog_free(c);
	c = open_ok(fixture("import/movietweetings"));
	assert_true(c->scale.min == 0 && c->scale.max == 10);
	assert_string_equal(c->items[1].ext_id, "tt0133093");
	assert_null(c->items[1].genres);
	assert_int_equal(c->m->nnz, 3);         /* 11 is off the scale */
	catalog_free(c);
	c = open_ok(fixture("import/books"));
	/* to-read, favorites and 2015 are shelves; joined by goodreads id */
	assert_string_equal(c->items[0].tags, "sci-fi|space");
	assert_string_equal(c->items[1].tags, "mystery");
	/* isbn (zero restored): one of the two readings of the rounded
	 * isbn13 (9780123456786, 9780123456793), which it explains */
	assert_string_equal(c->items[1].isbns, "9780123456786");
	catalog_free(c);
	ml100k_free(tmp, ml100k);
}

/* Every time taste's export can write reads back as written (before
 * 1970, INT64_MIN, INT64_MAX); a bare YYYYMMDD is a day only where the
 * reader asks (personal exports' date columns). */
static void test_dates(void **state)
{
	(void)state;
	int64_t t;
	assert_true(import_parse_date("-1", &t));
	assert_int_equal(t, -1);
	assert_true(import_parse_date("-144720000", &t));
	assert_int_equal(t, -144720000);        /* 1965-06-01 */
	assert_true(import_parse_date("-9223372036854775808", &t));
	assert_true(t == INT64_MIN);
	assert_true(import_parse_date("9223372036854775807", &t));
	assert_true(t == INT64_MAX);
	assert_false(import_parse_date("9223372036854775808", &t));
	assert_false(import_parse_date("-", &t));
	assert_false(import_parse_date("--1", &t));
	assert_false(import_parse_date("-2021-01-01", &t));
	assert_true(import_parse_date("1965-06-01", &t));
	assert_int_equal(t, -144720000);
	assert_true(import_parse_date("1969-12-31", &t));
	assert_int_equal(t, -86400);
	/* seconds to import_parse_date, a day to the compact form */
	assert_true(import_parse_date("20210501", &t));
	assert_int_equal(t, 20210501);
	assert_true(import_parse_compact_date("20210501", &t));
	assert_int_equal(t, 1619827200);
	assert_true(import_parse_compact_date("19650601", &t));
	assert_int_equal(t, -144720000);
	assert_false(import_parse_compact_date("20210230", &t));
	assert_false(import_parse_compact_date("20211301", &t));
	assert_false(import_parse_compact_date("00000101", &t));
	assert_false(import_parse_compact_date("2021050", &t));
	assert_false(import_parse_compact_date("202105011", &t));
	assert_false(import_parse_compact_date("2021-5-1", &t));
	assert_false(import_parse_date("2021-02-30", &t));
	assert_false(import_parse_date("0000-00-00", &t));
	assert_false(import_parse_date("99999-01-01", &t));
}

/* The file's mtime, as rows without a usable date get. */
static int64_t mtime_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return (int64_t)st.st_mtime;
}

/* True when warning k of the report starts with prefix. */
static bool warned(const struct report *rep, size_t k, const char *prefix)
{
	return k < rep->n_warnings &&
	       strncmp(rep->warnings[k], prefix, strlen(prefix)) == 0;
}

/* IMDb date columns: YYYYMMDD is that day; a day that does not exist
 * and one in the future keep the rating with the file's time and a
 * warning naming the line; an hour ahead is still believed. */
static void test_date_columns(void **state)
{
	(void)state;
	struct import_result r;
	char err[512] = "";
	const char *path = fixture("import/imdb-dates.csv");
	int64_t mtime = mtime_of(path);
	assert_int_equal(import_read(path, NULL, &r, err, sizeof err), 0);
	assert_int_equal(r.n_rows, 6);
	assert_int_equal(r.reports[0].rejected, 0);
	assert_true(r.rows[0].when == 1619827200 && r.rows[0].dated);
	assert_true(r.rows[1].when == mtime && !r.rows[1].dated);
	assert_true(r.rows[2].when == mtime && !r.rows[2].dated);
	assert_true(r.rows[3].when == -144720000 && r.rows[3].dated);
	assert_true(r.rows[4].when == mtime && !r.rows[4].dated);
	assert_true(r.rows[5].when == 1600000000 && r.rows[5].dated);
	assert_int_equal(r.reports[0].n_warnings, 2);
	assert_true(warned(&r.reports[0], 0, "line 3, column 3: "));
	assert_true(warned(&r.reports[0], 1, "line 4, column 3: "));
	import_result_free(&r);

	/* now + 1 hour is believed, now + 3 days is not */
	char dir[] = "/tmp/taste-import-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *csv = xasprintf("%s/ratings.csv", dir);
	FILE *f = fopen(csv, "w");
	assert_non_null(f);
	time_t now = time(NULL);
	fprintf(f, "Const,Your Rating,Date Rated\n"
		"tt0000001,8,%lld\ntt0000002,7,%lld\n",
		(long long)now + 3600, (long long)now + 3 * 86400);
	fclose(f);
	assert_int_equal(import_read(csv, NULL, &r, err, sizeof err), 0);
	assert_int_equal(r.n_rows, 2);
	assert_true(r.rows[0].when == (int64_t)now + 3600 && r.rows[0].dated);
	assert_true(r.rows[1].when == mtime_of(csv) && !r.rows[1].dated);
	assert_int_equal(r.reports[0].n_warnings, 1);
	assert_true(warned(&r.reports[0], 0, "line 3, column 3: date '"));
	import_result_free(&r);
	unlink(csv);
	free(csv);
	rmdir(dir);
}

/* taste's export: times as written, but one far ahead is the import's,
 * with a warning (the row replaces nothing); a rating without a scale
 * of its own is checked against the catalogue's when the caller gives
 * it; the report's scale says per row or the catalogue's. */
static void test_taste_export_rows(void **state)
{
	(void)state;
	struct import_result r;
	char err[512] = "";
	struct import_opts o = { .format = "taste",
				 .catalog_scale = &SCALE_MOVIELENS };
	assert_int_equal(import_read(fixture("import/taste-scales.csv"), &o,
				     &r, err, sizeof err), 0);
	assert_int_equal(r.n_rows, 6);
	const struct report *rep = &r.reports[0];
	assert_int_equal(rep->rejected, 1);
	assert_int_equal(rep->by_reason[REJ_ABOVE_MAX], 1);
	assert_int_equal(rep->rejects[0].line, 5);
	assert_int_equal(rep->rejects[0].column, 4);
	assert_string_equal(rep->scale_text, "per row");
	assert_int_equal(rep->n_warnings, 1);
	assert_non_null(strstr(rep->warnings[0], "is in the future: kept "
			       "with the time of this import"));
	assert_true(r.rows[1].has_scale && r.rows[1].scale.max == 10);
	assert_int_equal(r.rows[3].when, -1);
	assert_true(r.rows[4].when == INT64_MIN && r.rows[4].dated);
	assert_true(r.rows[5].when <= (int64_t)time(NULL) &&
		    r.rows[5].when > (int64_t)time(NULL) - 60 &&
		    !r.rows[5].dated);
	import_result_free(&r);
	/* without the catalogue's scale the reader cannot judge 8 */
	assert_int_equal(import_read(fixture("import/taste-old.csv"), NULL,
				     &r, err, sizeof err), 0);
	assert_int_equal(r.reports[0].rejected, 0);
	assert_false(r.reports[0].has_scale);
	assert_string_equal(r.reports[0].scale_text, "the catalogue's");
	import_result_free(&r);
	assert_int_equal(import_read(fixture("import/taste-old.csv"), &o,
				     &r, err, sizeof err), 0);
	assert_int_equal(r.reports[0].by_reason[REJ_ABOVE_MAX], 1);
	assert_int_equal(r.reports[0].rejects[0].line, 4);
	assert_null(r.reports[0].scale_text);
	assert_true(r.reports[0].has_scale && r.reports[0].scale.max == 5);
	import_result_free(&r);
}

/* goodbooks' isbn13 is a float of 12 significant digits: the exact
 * ISBN-10 wins, a reading another book holds exactly is dropped, ties
 * round half to even; and Goodreads rows find their books so. */
static void test_goodbooks_isbns(void **state)
{
	(void)state;
	char out[14];
	assert_null(import_isbn13_why("0061120073", out));
	assert_string_equal(out, "9780061120077");
	assert_string_equal(import_isbn13_why("0061120082", out),
			    "bad check digit");
	assert_string_equal(import_isbn13_why("12345", out), "not an ISBN");
	assert_string_equal(import_isbn13_why("9780061120085", out),
			    "bad check digit");

	struct import_result r;
	struct catalog *c;
	read_match("import/goodreads-isbn.csv", "import/books-isbn", &r, &c);
	/* both share 9.78006112008e+12: each keeps only its own */
	assert_string_equal(c->items[0].isbns, "9780061120077");
	assert_string_equal(c->items[1].isbns, "9780061120084");
	/* both readings of its float are other books' exact ISBNs */
	assert_null(c->items[2].isbns);
	/* ...3558 rounds up to ...356, and ...3565 (a 5 after an even
	 * digit) stays */
	assert_string_equal(c->items[3].isbns, "9780743273558 9780743273565");
	/* its float is another edition: both readings added */
	assert_string_equal(c->items[4].isbns,
			    "9780123456786 9790007672386 9790007672393");
	assert_string_equal(c->items[5].isbns, "9781401390266 9781401390273");
	assert_string_equal(c->items[6].isbns, "9781401390266 9781401390273");
	assert_int_equal(r.n_rows, 6);
	assert_string_equal(intern_str(c->item_ids, r.rows[0].item), "1");
	assert_string_equal(intern_str(c->item_ids, r.rows[1].item), "2");
	assert_string_equal(intern_str(c->item_ids, r.rows[2].item), "4");
	assert_int_equal(r.rows[3].status, IMPORT_UNMATCHED);
	assert_null(r.rows[3].isbn13);
	assert_int_equal(r.rows[4].status, IMPORT_UNMATCHED);
	/* two books hold its ISBN */
	assert_int_equal(r.rows[5].status, IMPORT_UNMATCHED);
	assert_int_equal(r.reports[0].n_warnings, 2);
	assert_true(warned(&r.reports[0], 0, "line 5, column 6: ISBN "
			   "'0061120082' (bad check digit)"));
	assert_true(warned(&r.reports[0], 1, "line 6, column 6: ISBN "
			   "'12345' (not an ISBN)"));
	import_result_free(&r);
	catalog_free(c);
}

static void test_ml100k_shared(void **state)
{
	(void)state;
	const char *shared = getenv("SHARED_DIR");
	char *dir = xasprintf("%s/data/ml-100k", shared ? shared : "/none");
	char *probe = xasprintf("%s/u.data", dir);
	bool there = access(probe, R_OK) == 0;
	free(probe);
	if (!there) {
		free(dir);
		skip();
	}
	struct catalog *c = open_ok(dir);
	assert_int_equal(c->m->n_users, 943);
	assert_int_equal(c->n_items, 1682);
	assert_int_equal(c->m->nnz, 100000);
	catalog_free(c);
	free(dir);
}

/* Directories with nothing to list: an empty one holds no export it
 * can name, and a Letterboxd export with only a ratings.csv leaves
 * nothing to note as unread (neither list is ever sorted while NULL). */
static void test_empty_listings(void **state)
{
	(void)state;
	char dir[] = "/tmp/taste-import-empty.XXXXXX";
	char err[512] = "";
	assert_non_null(mkdtemp(dir));
	assert_null(import_sniff(dir, err, sizeof err));
	assert_non_null(strstr(err, "no dataset or export taste knows"));
	char *p = xasprintf("%s/ratings.csv", dir);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs("Date,Name,Year,Letterboxd URI,Rating\n"
	      "2020-01-01,Heat,1995,https://boxd.it/x,4\n", f);
	fclose(f);
	struct import_opts o = { .format = "letterboxd" };
	struct import_result r;
	assert_int_equal(import_read(dir, &o, &r, err, sizeof err), 0);
	assert_int_equal(r.n_rows, 1);
	assert_int_equal(r.n_notes, 0);
	import_result_free(&r);
	unlink(p);
	free(p);
	rmdir(dir);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_helpers),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_date_columns),
		cmocka_unit_test(test_taste_export_rows),
		cmocka_unit_test(test_goodbooks_isbns),
		cmocka_unit_test(test_goodreads),
		cmocka_unit_test(test_imdb_layouts),
		cmocka_unit_test(test_imdb_kept_on_its_scale),
		cmocka_unit_test(test_apply_sees_a_newer_rating),
		cmocka_unit_test(test_cleared_stays_cleared),
		cmocka_unit_test(test_letterboxd),
		cmocka_unit_test(test_empty_listings),
		cmocka_unit_test(test_imdb_watchlist),
		cmocka_unit_test(test_match_via),
		cmocka_unit_test(test_other_media),
		cmocka_unit_test(test_match_titles),
		cmocka_unit_test(test_match_books),
		cmocka_unit_test(test_source_scale_change),
		cmocka_unit_test(test_generic_scale_hint),
		cmocka_unit_test(test_undated_rows_fill_gaps),
		cmocka_unit_test(test_letterboxd_file_names),
		cmocka_unit_test(test_movielens_titles),
		cmocka_unit_test(test_movielens_ids_and_years),
		cmocka_unit_test(test_goodreads_id_checked),
		cmocka_unit_test(test_dated_beats_undated),
		cmocka_unit_test(test_words_and_signals),
		cmocka_unit_test(test_idempotent),
		cmocka_unit_test(test_dataset_layouts),
		cmocka_unit_test(test_ml100k_shared),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
