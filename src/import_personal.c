/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import_personal: the readers of personal exports. Each maps its
 * columns by header name (import_table_read), so columns added or
 * removed by a newer export do no harm, and turns a row into an
 * import row: a rating on the source's declared scale, or an implicit
 * signal (seen, wanted) when the row has no rating.
 *
 * IMDb: Const (tt id), Your Rating 1-10, Date Rated, Title, Title
 *   Type, Year, Directors; the older 13-column and the newer
 *   14-column layout (with Original Title) read alike. A list or
 *   watchlist export has a Position column too: there a row without
 *   Your Rating is wanted, dated by Created (else the file's time),
 *   and one with it a rating as in the ratings export. Title types
 *   are matched in their English and localised spellings; only movie
 *   and tvMovie are imported unless --imdb-types says otherwise, and
 *   the rest are skipped and counted by type.
 * Goodreads: Book Id, Title (its "(Series, #1)" cut off), Author,
 *   ISBN and ISBN13 written ="..." (unwrapped; ="" is none), My Rating
 *   (0 means unrated: the Exclusive Shelf then says to-read, which is
 *   wanted, or anything else, which is seen), Original Publication
 *   Year else Year Published, Date Read else Date Added.
 * Letterboxd: a directory (the unzipped export) or one of its files:
 *   ratings.csv and diary.csv hold ratings 0.5-5 in halves (a diary
 *   entry without one is seen), watched.csv is seen and watchlist.csv
 *   wanted; a zip is refused, with a message to extract it.
 * taste: item_id, title, year, rating, scale, signal, timestamp, as
 *   import_export writes it: ids of the catalogue, a rating on the
 *   catalogue's scale or, with a scale MIN:MAX:STEP, on that one (the
 *   column is optional: older exports lack it); a row without a rating
 *   is a signal (seen, wanted) or a clear of the rating (cleared) or
 *   of the signal (unmarked) at its timestamp. Each row is what one
 *   journal held, so a seen beside a rating of its item is kept too.
 *   The catalogue's scale comes in the options (import_opts scale)
 *   when the caller knows it, and a rating off it is then rejected
 *   with its line like any importer's; the timestamp is Unix seconds,
 *   read back whatever they are (before 1970, far ahead) so that an
 *   export round-trips.
 * csv: a generic file with the columns named by options.
 *
 * Dates (import_row_date): the IMDb, Goodreads and Letterboxd date
 * columns read YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD and seconds, the
 * generic one the same but YYYYMMDD (seconds there); a date that is no
 * real day, or more than a day ahead (it would beat every later change
 * made in taste), keeps the row with the file's time and a warning
 * naming its line. taste's own timestamps are taken as written. */
#include <config.h>

#include <dirent.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "i18n.h"
#include "import.h"
#include "import_priv.h"
#include "paths.h"
#include "text.h"
#include "usertags.h"
#include "util.h"

/* ---------------------------------------------------------------------
 * IMDb
 * ------------------------------------------------------------------- */

enum { IM_CONST, IM_RATING, IM_DATE, IM_TITLE, IM_TYPE, IM_YEAR,
       IM_DIRECTORS, IM_POSITION, IM_CREATED, IM_GENRES, IM_N };

/* What an IMDb read knows: the options, and whether the file is a list
 * (a Position column), where a row without a rating is wanted. */
struct imdb_ctx {
	const struct import_opts *o;
	bool list;
};

/* Localised spellings of IMDb title types, folded without spaces. */
static const struct { const char *canon; const char *spellings; }
imdb_types[] = {
	{ "movie", "movie film featurefilm spielfilm kinofilm pelicula "
		   "filme lungometraggio longmetrage" },
	{ "tvMovie", "tvmovie tvfilm fernsehfilm telefilm peliculadetv "
		     "filmetv filmtv tvfilme" },
	{ "tvSeries", "tvseries tvserie serie series serietv "
		      "serietelevisee seriedetv fernsehserie "
		      "serietelevisiva" },
	{ "tvMiniSeries", "tvminiseries miniseries miniserie tvminiserie "
			  "miniseriedetv" },
	{ "tvEpisode", "tvepisode episode episodio folge tvfolge "
		       "episodiodetv" },
	{ "short", "short shortfilm kurzfilm courtmetrage cortometraje "
		   "cortometraggio curta curtametragem" },
	{ "video", "video" },
	{ "videoGame", "videogame videospiel jeuvideo videojuego "
		       "videogioco" },
	{ "tvSpecial", "tvspecial special" },
	{ "tvShort", "tvshort" },
	{ "podcastSeries", "podcastseries" },
	{ "podcastEpisode", "podcastepisode" },
};

/* The canonical name of a title type as written, or NULL. */
static const char *imdb_canon_type(const char *s)
{
	char *f = text_fold(s);
	char *w = f;
	for (char *p = f; *p; p++)
		if (*p != ' ')
			*w++ = *p;
	*w = '\0';
	const char *canon = NULL;
	size_t len = strlen(f);
	for (size_t k = 0; len && k < ARRAY_LEN(imdb_types) && !canon;
	     k++) {
		const char *sp = imdb_types[k].spellings;
		while (*sp && !canon) {
			size_t n = strcspn(sp, " ");
			if (n == len && memcmp(sp, f, n) == 0)
				canon = imdb_types[k].canon;
			sp += n + (sp[n] == ' ');
		}
	}
	free(f);
	return canon;
}

/* The canonical type of the n bytes at s, or NULL. */
static const char *imdb_canon_n(const char *s, size_t n)
{
	char *one = xstrndup(s, n);
	const char *canon = imdb_canon_type(one);
	free(one);
	return canon;
}

/* True when a canonical type is in the comma list of kept types, each
 * spelt in any way the exports spell it ("TV Series", "tvSeries"). */
static bool imdb_type_kept(const char *canon, const char *kept)
{
	if (!kept)
		kept = "movie,tvMovie";
	while (*kept) {
		size_t n = strcspn(kept, ",");
		const char *c = imdb_canon_n(kept, n);
		if (c && strcmp(c, canon) == 0)
			return true;
		kept += n + (kept[n] == ',');
	}
	return false;
}

bool import_imdb_types_check(const char *list, char *err, size_t errlen)
{
	if (!*list) {           /* would skip every row */
		xsnprintf(err, errlen, "%s", _("--imdb-types needs at least "
			  "one title type (movie, tvMovie, ...)"));
		return false;
	}
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		if (!imdb_canon_n(p, n)) {
			char known[256] = "";
			size_t len = 0;
			for (size_t k = 0; k < ARRAY_LEN(imdb_types); k++)
				len += xsnprintf(known + len, sizeof known -
						 len, "%s%s", k ? ", " : "",
						 imdb_types[k].canon);
			xsnprintf(err, errlen, _("unknown IMDb title type "
				  "'%.*s' (known: %s)"), (int)n, p, known);
			return false;
		}
		p += n + (p[n] == ',');
	}
	return true;
}

/* One IMDb row. */
static bool imdb_row(struct itable *t, uint64_t line)
{
	const struct imdb_ctx *x = t->ctx;
	const struct import_opts *o = x->o;
	double v = 0;
	if (!*t->f[IM_CONST])
		return import_reject(t, line, IM_CONST, REJ_EMPTY_ITEM);
	char num[64];
	if (!import_imdb_number(t->f[IM_CONST], num, sizeof num))
		return import_reject(t, line, IM_CONST, REJ_BAD_VALUE);
	/* in a list, a row you did not rate is one you want to see */
	bool wanted = x->list && !*t->f[IM_RATING];
	if (!wanted && !import_row_value(t, line, IM_RATING, &v))
		return false;
	struct import_row *row = import_new_row(t, line);
	import_row_date(t, line, wanted ? IM_CREATED : IM_DATE, row);
	row->what = wanted ? IMPORT_WANT : IMPORT_RATING;
	row->value = v;
	row->imdb = xasprintf("tt%07ld", strtol(num, NULL, 10));
	row->title = import_dup(t->f[IM_TITLE]);
	row->year = import_year(t->f[IM_YEAR]);
	row->creator = import_dup(t->f[IM_DIRECTORS]);
	row->genres = usertags_join(t->f[IM_GENRES], false);
	row->type = import_dup(t->f[IM_TYPE]);
	const char *canon = *t->f[IM_TYPE] ? imdb_canon_type(t->f[IM_TYPE])
					   : "movie";
	if (!canon) {
		row->status = IMPORT_SKIPPED;
		row->why = xasprintf(_("unknown title type %s"),
				     t->f[IM_TYPE]);
	} else if (!imdb_type_kept(canon, o ? o->imdb_types : NULL)) {
		row->status = IMPORT_SKIPPED;
		row->why = xasprintf(_("title type %s"), canon);
	}
	return true;
}

/* "skipped by title type: 1 tvEpisode, 1 tvSeries" as a note. */
static void imdb_type_note(struct import_result *r)
{
	char buf[512] = "";
	size_t len = 0, total = 0;
	for (size_t k = 0; k <= ARRAY_LEN(imdb_types); k++) {
		size_t n = 0;
		const char *name = k < ARRAY_LEN(imdb_types)
				   ? imdb_types[k].canon : _("unknown");
		for (size_t i = 0; i < r->n_rows; i++) {
			const struct import_row *row = &r->rows[i];
			if (row->status != IMPORT_SKIPPED || !row->type)
				continue;
			const char *c = imdb_canon_type(row->type);
			if (k < ARRAY_LEN(imdb_types) ? c && strcmp(c, name)
							      == 0 : !c)
				n++;
		}
		if (n)
			len += xsnprintf(buf + len, sizeof buf - len,
					 "%s%zu %s", len ? ", " : "", n, name);
		total += n;
	}
	r->skipped_types = total;
	if (total && r->screen)
		import_note(r, _("skipped by title type (this screen keeps "
				 "movies and TV movies; 'taste import "
				 "--imdb-types' keeps others): %s"), buf);
	else if (total)
		import_note(r, _("skipped by title type (--imdb-types "
				 "changes which are kept): %s"), buf);
}

/* The header of an IMDb file: a Position column makes it a list (its
 * rows need no rating; the report names it so), else a ratings export,
 * whichever of the two formats was given. */
static void imdb_header(struct itable *t)
{
	struct imdb_ctx *x = t->ctx;
	x->list = t->idx[IM_POSITION] >= 0;
	if (x->list)
		t->required &= ~(1u << IM_RATING);
	t->r->fmt = import_format_find(x->list ? "imdb-list" : "imdb");
}

int import_read_imdb(const char *path, const struct import_opts *o,
		     struct import_result *r, char *err, size_t errlen)
{
	struct imdb_ctx x = { o, false };
	struct itable t = { .cols = {
		[IM_CONST] = "Const", [IM_RATING] = "Your Rating",
		[IM_DATE] = "Date Rated|Date Added",
		[IM_TITLE] = "Title", [IM_TYPE] = "Title Type",
		[IM_YEAR] = "Year", [IM_DIRECTORS] = "Directors",
		[IM_POSITION] = "Position", [IM_CREATED] = "Created",
		[IM_GENRES] = "Genres" },
		.n_cols = IM_N, .required = 1u << IM_CONST |
					   1u << IM_RATING,
		.row = imdb_row, .on_header = imdb_header, .ctx = &x,
		.dates = ITABLE_DATES_EXPORT };
	int rc = import_table_read(&t, path, o, r, err, errlen);
	if (rc == 0)
		imdb_type_note(r);
	return rc;
}

/* ---------------------------------------------------------------------
 * Goodreads
 * ------------------------------------------------------------------- */

enum { GR_ID, GR_TITLE, GR_AUTHOR, GR_ISBN, GR_ISBN13, GR_RATING,
       GR_YEAR, GR_PUBLISHED, GR_READ, GR_ADDED, GR_SHELF, GR_SHELVES,
       GR_N };

/* What an unrated row's exclusive shelf says: read and
 * currently-reading are seen, to-read wanted (as is a row of an
 * export without the column); a shelf of your own ("did-not-finish")
 * says neither, and the row is skipped with it named. */
static void goodreads_shelf(struct import_row *row, const char *shelf)
{
	if (!*shelf || strcasecmp(shelf, "read") == 0 ||
	    strcasecmp(shelf, "currently-reading") == 0)
		return;
	if (strcasecmp(shelf, "to-read") == 0) {
		row->what = IMPORT_WANT;
		return;
	}
	row->status = IMPORT_SKIPPED;
	row->why = xasprintf(_("shelf %s without a rating: neither read nor "
			       "to-read"), shelf);
}

/* One Goodreads row. */
static bool goodreads_row(struct itable *t, uint64_t line)
{
	char isbn[14];
	double v = 0;
	if (!*t->f[GR_ID] && !*t->f[GR_TITLE])
		return import_reject(t, line, GR_ID, REJ_EMPTY_ITEM);
	bool rated = strcmp(t->f[GR_RATING], "0") != 0 &&
		     *t->f[GR_RATING];
	if (rated && !import_row_value(t, line, GR_RATING, &v))
		return false;
	struct import_row *row = import_new_row(t, line);
	size_t date = *t->f[GR_READ] ? GR_READ : GR_ADDED;
	import_row_date(t, line, date, row);
	row->value = v;
	row->what = rated ? IMPORT_RATING : IMPORT_SEEN;
	if (!rated)
		goodreads_shelf(row, t->f[GR_SHELF]);
	row->goodreads = import_dup(t->f[GR_ID]);
	static const size_t isbn_cols[] = { GR_ISBN13, GR_ISBN };
	if (import_row_isbn(t, line, isbn_cols, ARRAY_LEN(isbn_cols), isbn,
			    &row->isbn_bad))
		row->isbn13 = xstrdup(isbn);
	char *series;
	text_split_book_title(t->f[GR_TITLE], &row->title, &series);
	free(series);
	if (!*row->title) {
		free(row->title);
		row->title = NULL;
	}
	row->year = import_year(t->f[GR_YEAR]);
	if (!row->year)
		row->year = import_year(t->f[GR_PUBLISHED]);
	row->creator = import_dup(t->f[GR_AUTHOR]);
	row->tags = usertags_join(t->f[GR_SHELVES], true);
	return true;
}

int import_read_goodreads(const char *path, const struct import_opts *o,
			  struct import_result *r, char *err, size_t errlen)
{
	struct itable t = { .cols = {
		[GR_ID] = "Book Id", [GR_TITLE] = "Title",
		[GR_AUTHOR] = "Author", [GR_ISBN] = "ISBN",
		[GR_ISBN13] = "ISBN13", [GR_RATING] = "My Rating",
		[GR_YEAR] = "Original Publication Year",
		[GR_PUBLISHED] = "Year Published", [GR_READ] = "Date Read",
		[GR_ADDED] = "Date Added", [GR_SHELF] = "Exclusive Shelf",
		[GR_SHELVES] = "Bookshelves" },
		.n_cols = GR_N, .required = 1u << GR_ID | 1u << GR_RATING,
		.row = goodreads_row, .dates = ITABLE_DATES_EXPORT };
	return import_table_read(&t, path, o, r, err, errlen);
}

/* ---------------------------------------------------------------------
 * Letterboxd
 * ------------------------------------------------------------------- */

enum { LB_DATE, LB_NAME, LB_YEAR, LB_RATING, LB_WATCHED, LB_TAGS, LB_N };

/* The files of an export, in reading order, and what a row without a
 * rating means in each. */
static const struct { const char *file; enum import_what what; }
lb_files[] = {
	{ "ratings.csv", IMPORT_SEEN }, { "diary.csv", IMPORT_SEEN },
	{ "watched.csv", IMPORT_SEEN }, { "watchlist.csv", IMPORT_WANT },
};

/* What a Letterboxd file's unrated rows mean, and whether its name
 * says (a file of an export's folder, or a name with watched or
 * watchlist in it). */
struct lb_file {
	enum import_what unrated;
	bool named;
};

/* One Letterboxd row (ctx: its struct lb_file). */
static bool letterboxd_row(struct itable *t, uint64_t line)
{
	const struct lb_file *lf = t->ctx;
	double v = 0;
	if (!*t->f[LB_NAME])
		return import_reject(t, line, LB_NAME, REJ_EMPTY_ITEM);
	bool rated = *t->f[LB_RATING] != '\0';
	if (rated && !import_row_value(t, line, LB_RATING, &v))
		return false;
	struct import_row *row = import_new_row(t, line);
	size_t date = *t->f[LB_WATCHED] ? LB_WATCHED : LB_DATE;
	import_row_date(t, line, date, row);
	row->what = rated ? IMPORT_RATING : lf->unrated;
	row->value = v;
	row->title = xstrdup(t->f[LB_NAME]);
	row->year = import_year(t->f[LB_YEAR]);
	row->tags = usertags_join(t->f[LB_TAGS], false);
	return true;
}

/* on_header: a file without a Rating column whose name says neither
 * watched nor watchlist is refused before its rows are read, for
 * watched.csv and watchlist.csv have one header and only the name
 * tells films seen from films wanted. */
static void letterboxd_header(struct itable *t)
{
	const struct lb_file *lf = t->ctx;

	if (!lf->named && t->idx[LB_RATING] < 0)
		xsnprintf(t->err, sizeof t->err, "%s", _("a Letterboxd list "
			  "of films without ratings, as watched.csv and "
			  "watchlist.csv are, and its name says neither: name "
			  "it watched.csv (films you have seen) or "
			  "watchlist.csv (films you want to see), or import "
			  "the export's folder"));
}

/* Read one Letterboxd file, unrated rows meaning what lf says. */
static int letterboxd_file(const char *path, struct lb_file lf,
			   const struct import_opts *o,
			   struct import_result *r, char *err,
			   size_t errlen)
{
	struct itable t = { .cols = {
		[LB_DATE] = "Date", [LB_NAME] = "Name", [LB_YEAR] = "Year",
		[LB_RATING] = "Rating", [LB_WATCHED] = "Watched Date",
		[LB_TAGS] = "Tags" },
		.n_cols = LB_N, .required = 1u << LB_NAME,
		.row = letterboxd_row, .on_header = letterboxd_header,
		.ctx = &lf, .dates = ITABLE_DATES_EXPORT };
	return import_table_read(&t, path, o, r, err, errlen);
}

/* True when dir/file is a regular file. */
static bool is_file(const char *dir, const char *file)
{
	char *p = paths_join(dir, file);
	struct stat st;
	bool ok = stat(p, &st) == 0 && S_ISREG(st.st_mode);
	free(p);
	return ok;
}

const char *import_letterboxd_file(size_t k)
{
	return k < ARRAY_LEN(lb_files) ? lb_files[k].file : NULL;
}

/* True when name is one of the export's files taste reads. */
static bool lb_read_file(const char *name)
{
	for (size_t k = 0; k < ARRAY_LEN(lb_files); k++)
		if (strcmp(name, lb_files[k].file) == 0)
			return true;
	return false;
}

/* qsort comparison of two names. */
static int lb_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A note naming what else the export directory holds (reviews.csv,
 * likes/, lists/...), in name order, which is not read, so that nobody
 * wonders. */
static void lb_note_unread(struct import_result *r, const char *dir)
{
	DIR *d = opendir(dir);
	char **names = NULL, list[512] = "";
	size_t len = 0, n = 0, cap = 0;
	for (struct dirent *e; d && (e = readdir(d));) {
		if (e->d_name[0] == '.' || lb_read_file(e->d_name))
			continue;
		char *p = paths_join(dir, e->d_name);
		struct stat st;
		bool sub = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
		free(p);
		xgrow((void **)&names, &cap, n + 1, sizeof *names);
		names[n++] = xasprintf("%s%s", e->d_name, sub ? "/" : "");
	}
	if (d)
		closedir(d);
	if (n > 1)          /* names is NULL when nothing is left over */
		qsort(names, n, sizeof *names, lb_name_cmp);
	for (size_t k = 0; k < n; k++) {
		if (len < sizeof list - 1)
			len += xsnprintf(list + len, sizeof list - len,
					 "%s%s", len ? ", " : "", names[k]);
		free(names[k]);
	}
	free(names);
	if (n)
		import_note(r, _("not read: %s (taste takes ratings, diary, "
				 "watched and watchlist)"), list);
}

/* True when dir/file is a file of a Letterboxd export (an IMDb
 * ratings.csv in ~/Downloads is not). */
static bool lb_sibling(const char *dir, const char *file)
{
	char err[256], *p = paths_join(dir, file);
	const struct import_format *f =
		is_file(dir, file) ? import_sniff(p, err, sizeof err) : NULL;

	free(p);
	return f && strcmp(f->name, "letterboxd") == 0;
}

/* A note naming the export's other files beside the one file read
 * ("diary.csv, watched.csv"), which the folder would bring too. */
static void lb_note_siblings(struct import_result *r, const char *path,
			     const char *base)
{
	char *dir = xstrndup(path, (size_t)(base - path));
	char list[256] = "";
	size_t len = 0;
	for (size_t k = 0; k < ARRAY_LEN(lb_files); k++)
		if (strcmp(lb_files[k].file, base) != 0 &&
		    lb_sibling(*dir ? dir : ".", lb_files[k].file) &&
		    len < sizeof list - 1)
			len += xsnprintf(list + len, sizeof list - len,
					 "%s%s", len ? ", " : "",
					 lb_files[k].file);
	if (len)
		import_note(r, _("not read, beside it: %s (import the folder "
				 "to take them too)"), list);
	free(dir);
}

int import_read_letterboxd(const char *path, const struct import_opts *o,
			   struct import_result *r, char *err,
			   size_t errlen)
{
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode)) {
		const char *base = strrchr(path, '/');
		base = base ? base + 1 : path;
		/* "letterboxd-watchlist-2024.csv", "watchlist (1).csv" */
		bool want = strcasestr(base, "watchlist") != NULL;
		struct lb_file lf = { want ? IMPORT_WANT : IMPORT_SEEN,
				      want || strcasestr(base, "watched") };
		int rc = letterboxd_file(path, lf, o, r, err, errlen);
		if (rc == 0)
			lb_note_siblings(r, path, base);
		return rc;
	}
	size_t read = 0;
	for (size_t k = 0; k < ARRAY_LEN(lb_files); k++) {
		if (!is_file(path, lb_files[k].file))
			continue;
		char *p = paths_join(path, lb_files[k].file);
		struct lb_file lf = { lb_files[k].what, true };
		int rc = letterboxd_file(p, lf, o, r, err, errlen);
		free(p);
		if (rc != 0)
			return -1;
		read++;
	}
	if (!read) {
		xsnprintf(err, errlen, _("%s: no ratings.csv, diary.csv, "
			  "watched.csv or watchlist.csv (a Letterboxd "
			  "export)"), path);
		return -1;
	}
	lb_note_unread(r, path);
	return 0;
}

/* ---------------------------------------------------------------------
 * taste's own export
 * ------------------------------------------------------------------- */

enum { TE_ID, TE_TITLE, TE_YEAR, TE_RATING, TE_SCALE, TE_SIGNAL, TE_TIME,
       TE_GENRES, TE_TAGS, TE_CATALOG, TE_N };

/* What the signal column of a row without a rating says: seen,
 * wanted, cleared (the rating was cleared) or unmarked (the seen or
 * wanted was); false for anything else. */
static bool taste_signal(const char *sig, enum import_what *what,
			 bool *clear)
{
	static const struct { const char *name; enum import_what what;
			      bool clear; } sigs[] = {
		{ "seen", IMPORT_SEEN, false },
		{ "wanted", IMPORT_WANT, false },
		{ "cleared", IMPORT_RATING, true },
		{ "unmarked", IMPORT_SEEN, true } };
	for (size_t k = 0; k < ARRAY_LEN(sigs); k++)
		if (strcmp(sig, sigs[k].name) == 0) {
			*what = sigs[k].what;
			*clear = sigs[k].clear;
			return true;
		}
	return false;
}

/* One row of a taste export: a rating, a signal seen/wanted, or a
 * clear of either (what a journal held). A rating without a scale of
 * its own is on the catalogue's: t->ctx, the catalogue's scale when
 * the caller gave it, else NULL (import_match then judges it). */
static bool taste_row(struct itable *t, uint64_t line)
{
	const struct scale *catalogue = t->ctx;
	double v = 0;
	bool nf, clear = false;
	struct scale sc = { 0, 0, 0 };
	const char *sig = t->f[TE_SIGNAL];
	if (!*t->f[TE_ID])
		return import_reject(t, line, TE_ID, REJ_EMPTY_ITEM);
	enum import_what what = IMPORT_RATING;
	if (*t->f[TE_RATING] && *sig) {
		/* taste writes a rating's signal column empty: a row with
		 * both says two things, and neither is taken */
		return import_reject(t, line, TE_SIGNAL, REJ_BAD_VALUE);
	}
	if (!*t->f[TE_RATING]) {
		if (!taste_signal(sig, &what, &clear))
			return import_reject(t, line, *sig ? TE_SIGNAL
						 : TE_RATING, *sig
						 ? REJ_BAD_VALUE
						 : REJ_EMPTY_RATING);
	} else if (*t->f[TE_SCALE]) {
		if (!scale_parse_spec(t->f[TE_SCALE], &sc))
			return import_reject(t, line, TE_SCALE, REJ_BAD_VALUE);
		if (!import_row_value_on(t, line, TE_RATING, &sc, &v))
			return false;
	} else if (catalogue) {
		if (!import_row_value_on(t, line, TE_RATING, catalogue, &v))
			return false;
	} else if (!scale_parse(t->f[TE_RATING], &v, &nf)) {
		return import_reject(t, line, TE_RATING, nf ? REJ_NOT_FINITE
						       : REJ_NOT_A_NUMBER);
	}
	struct import_row *row = import_new_row(t, line);
	import_row_date(t, line, TE_TIME, row);
	row->what = what;
	row->journal = true;
	row->clear = clear;
	row->value = v;
	row->has_scale = what == IMPORT_RATING && !clear && *t->f[TE_SCALE];
	row->scale = sc;
	row->id = xstrdup(t->f[TE_ID]);
	row->title = import_dup(t->f[TE_TITLE]);
	row->year = import_year(t->f[TE_YEAR]);
	row->genres = usertags_join(t->f[TE_GENRES], false);
	row->tags = usertags_join(t->f[TE_TAGS], false);
	if (!t->r->source_catalog && *t->f[TE_CATALOG])
		t->r->source_catalog = xstrdup(t->f[TE_CATALOG]);
	return true;
}

int import_read_taste(const char *path, const struct import_opts *o,
		      struct import_result *r, char *err, size_t errlen)
{
	struct itable t = { .cols = {
		[TE_ID] = "item_id", [TE_TITLE] = "title",
		[TE_YEAR] = "year", [TE_RATING] = "rating",
		[TE_SCALE] = "scale", [TE_SIGNAL] = "signal",
		[TE_TIME] = "timestamp", [TE_GENRES] = "genres",
		[TE_TAGS] = "tags", [TE_CATALOG] = "catalog" },
		.n_cols = TE_N, .required = 1u << TE_ID | 1u << TE_RATING,
		.row = taste_row, .dates = ITABLE_DATES_OWN,
		.ctx = o && o->catalog_scale ? &r->scale : NULL };
	size_t first = r->n_rows;
	int rc = import_table_read(&t, path, o, r, err, errlen);
	if (rc != 0)
		return rc;
	/* the report's scale: the catalogue's, or per row when a row has
	 * one of its own */
	for (size_t i = first; i < r->n_rows; i++)
		if (r->rows[i].has_scale) {
			t.rep->scale_text = _("per row");
			break;
		}
	if (!t.ctx) {
		t.rep->has_scale = false;
		if (!t.rep->scale_text)
			t.rep->scale_text = _("the catalogue's");
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * Generic CSV
 * ------------------------------------------------------------------- */

enum { GE_ID, GE_IMDB, GE_ISBN, GE_GOODREADS, GE_TITLE, GE_YEAR,
       GE_CREATOR, GE_RATING, GE_DATE, GE_N };

/* One generic row: the rating and whatever identifies the item. */
static bool generic_row(struct itable *t, uint64_t line)
{
	double v;
	char num[64], isbn[14];
	if (!*t->f[GE_ID] && !*t->f[GE_IMDB] && !*t->f[GE_ISBN] &&
	    !*t->f[GE_GOODREADS] && !*t->f[GE_TITLE])
		return import_reject(t, line, t->idx[GE_ID] >= 0 ? GE_ID
				     : t->idx[GE_IMDB] >= 0 ? GE_IMDB
				     : t->idx[GE_ISBN] >= 0 ? GE_ISBN
				     : t->idx[GE_GOODREADS] >= 0 ? GE_GOODREADS
				     : GE_TITLE, REJ_EMPTY_ITEM);
	if (!import_row_value(t, line, GE_RATING, &v))
		return false;
	struct import_row *row = import_new_row(t, line);
	import_row_date(t, line, GE_DATE, row);
	row->what = IMPORT_RATING;
	row->value = v;
	row->id = import_dup(t->f[GE_ID]);
	row->goodreads = import_dup(t->f[GE_GOODREADS]);
	if (import_imdb_number(t->f[GE_IMDB], num, sizeof num))
		row->imdb = xasprintf("tt%07ld", strtol(num, NULL, 10));
	static const size_t isbn_col[] = { GE_ISBN };
	if (import_row_isbn(t, line, isbn_col, 1, isbn, NULL))
		row->isbn13 = xstrdup(isbn);
	row->title = import_dup(t->f[GE_TITLE]);
	row->year = import_year(t->f[GE_YEAR]);
	row->creator = import_dup(t->f[GE_CREATOR]);
	return true;
}

/* Ratings off the declared scale: say that the scale is the file's to
 * declare (it is never guessed), and where. */
static void generic_scale_hint(const struct itable *t,
			       const struct import_opts *o,
			       struct import_result *r)
{
	char sc[64];
	uint64_t off = t->rep->by_reason[REJ_ABOVE_MAX] +
		       t->rep->by_reason[REJ_BELOW_MIN];

	if (!off)
		return;
	scale_describe(&r->scale, sc, sizeof sc);
	import_note(r, o->screen ?
		    ngettext("%" PRIu64 " rating is off the scale %s: set "
			     "the form's scale to the file's (such as "
			     "1:10:1)", "%" PRIu64 " ratings are off the "
			     "scale %s: set the form's scale to the file's "
			     "(such as 1:10:1)", off) :
		    ngettext("%" PRIu64 " rating is off the scale %s: give "
			     "the file's with --scale (such as 1:10:1)",
			     "%" PRIu64 " ratings are off the scale %s: give "
			     "the file's with --scale (such as 1:10:1)", off),
		    off, sc);
}

int import_read_generic(const char *path, const struct import_opts *o,
			struct import_result *r, char *err, size_t errlen)
{
	if (!o || !o->col_rating ||
	    (!o->col_id && !o->col_imdb && !o->col_isbn &&
	     !o->col_goodreads && !o->col_title)) {
		xsnprintf(err, errlen, "%s", _("csv needs --rating-col and "
			  "one of --id-col, --imdb-col, --isbn-col, "
			  "--goodreads-col or --title-col"));
		return -1;
	}
	struct itable t = { .cols = {
		[GE_ID] = o->col_id, [GE_IMDB] = o->col_imdb,
		[GE_ISBN] = o->col_isbn, [GE_GOODREADS] = o->col_goodreads,
		[GE_TITLE] = o->col_title,
		[GE_YEAR] = o->col_year, [GE_CREATOR] = o->col_creator,
		[GE_RATING] = o->col_rating, [GE_DATE] = o->col_date },
		.n_cols = GE_N, .row = generic_row };
	for (size_t k = 0; k < GE_N; k++)
		if (t.cols[k])
			t.required |= 1u << k;
	if (import_table_read(&t, path, o, r, err, errlen) < 0)
		return -1;
	generic_scale_hint(&t, o, r);
	return 0;
}
