/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import: the table of formats, sniffing, the helpers every reader
 * shares (a header-mapped table read through csvread, dates, ISBNs,
 * IMDb ids) and the report of an import, for people and as JSON.
 *
 * Sniffing. A directory is a dataset when catalog_dir_layout knows its
 * files, else a Letterboxd export when it holds one of Letterboxd's
 * CSV files. A file is read up to its first record (csvread sniffs the
 * delimiter and the encoding, skips a BOM) and each personal format
 * looks at that header: taste's export (item_id ... signal), an IMDb
 * list (Const, Position), IMDb ratings (Const, Your Rating), Goodreads
 * (Book Id, Exclusive Shelf), Letterboxd (Name, Letterboxd URI). The
 * generic CSV is never sniffed: it needs its column options. A zip is
 * refused with a message (taste has no unzip code: extract the export
 * first). */
#include <config.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "i18n.h"
#include "import.h"
#include "import_priv.h"
#include "json.h"
#include "paths.h"
#include "profile.h"
#include "safe.h"
#include "text.h"
#include "util.h"

const struct scale IMPORT_SIGNAL_SCALE = { 1, 2, 1 };


/* A dataset directory of the given layout. */
static bool sniff_layout(const char *path, enum catalog_layout want)
{
	return catalog_dir_layout(path) == want;
}

static bool sniff_ml100k(const char *path, char **h, size_t n)
{
	(void)n;
	return !h && sniff_layout(path, CATALOG_LAYOUT_ML100K);
}

static bool sniff_mldat(const char *path, char **h, size_t n)
{
	(void)n;
	return !h && sniff_layout(path, CATALOG_LAYOUT_MLDAT);
}

static bool sniff_tweetings(const char *path, char **h, size_t n)
{
	(void)n;
	return !h && sniff_layout(path, CATALOG_LAYOUT_TWEETINGS);
}

static bool sniff_mllatest(const char *path, char **h, size_t n)
{
	(void)n;
	return !h && sniff_layout(path, CATALOG_LAYOUT_MOVIELENS);
}

static bool sniff_goodbooks(const char *path, char **h, size_t n)
{
	(void)n;
	return !h && sniff_layout(path, CATALOG_LAYOUT_GOODBOOKS);
}

/* True when the header has a field named name (case-insensitive). */
bool import_has_col(char **h, size_t n, const char *name)
{
	for (size_t i = 0; h && i < n; i++)
		if (strcasecmp(text_trim(h[i]), name) == 0)
			return true;
	return false;
}

static bool sniff_taste(const char *path, char **h, size_t n)
{
	(void)path;
	return h && n && strcasecmp(text_trim(h[0]), "item_id") == 0 &&
	       import_has_col(h, n, "signal");
}

static bool sniff_imdb(const char *path, char **h, size_t n)
{
	(void)path;
	return import_has_col(h, n, "Const") &&
	       import_has_col(h, n, "Your Rating");
}

/* An IMDb list or watchlist export: a ratings export's columns and a
 * Position, with Your Rating empty on the rows not rated. */
static bool sniff_imdb_list(const char *path, char **h, size_t n)
{
	(void)path;
	return import_has_col(h, n, "Const") &&
	       import_has_col(h, n, "Position");
}

static bool sniff_goodreads(const char *path, char **h, size_t n)
{
	(void)path;
	return import_has_col(h, n, "Book Id") &&
	       (import_has_col(h, n, "Exclusive Shelf") ||
		import_has_col(h, n, "My Rating"));
}

static bool letterboxd_dir(const char *dir);

static bool sniff_letterboxd(const char *path, char **h, size_t n)
{
	if (!h)
		return letterboxd_dir(path);
	return import_has_col(h, n, "Name") &&
	       import_has_col(h, n, "Letterboxd URI");
}

static const struct import_format formats[] = {
	{ "taste", N_("taste export"), IMPORT_PERSONAL, IMPORT_ANY,
	  { 0.5, 10, 0.5 }, sniff_taste, import_read_taste },
	{ "imdb-list", N_("IMDb list or watchlist export"), IMPORT_PERSONAL,
	  IMPORT_MOVIES, { 1, 10, 1 }, sniff_imdb_list, import_read_imdb },
	{ "imdb", N_("IMDb ratings export"), IMPORT_PERSONAL, IMPORT_MOVIES,
	  { 1, 10, 1 }, sniff_imdb, import_read_imdb },
	{ "goodreads", N_("Goodreads library export"), IMPORT_PERSONAL,
	  IMPORT_BOOKS, { 1, 5, 1 }, sniff_goodreads,
	  import_read_goodreads },
	{ "letterboxd", N_("Letterboxd export"), IMPORT_PERSONAL,
	  IMPORT_MOVIES, { 0.5, 5, 0.5 }, sniff_letterboxd,
	  import_read_letterboxd },
	{ "csv", N_("generic CSV (column options)"), IMPORT_PERSONAL,
	  IMPORT_ANY, { 1, 5, 0.5 }, NULL, import_read_generic },
	{ "ml-100k", N_("MovieLens 100k (u.data, u.item)"), IMPORT_DATASET,
	  IMPORT_MOVIES, { 1, 5, 1 }, sniff_ml100k, NULL },
	{ "ml-1m", N_("MovieLens 1M/10M (:: .dat files)"), IMPORT_DATASET,
	  IMPORT_MOVIES, { 0.5, 5, 0.5 }, sniff_mldat, NULL },
	{ "movietweetings", N_("MovieTweetings (:: .dat files, 0-10)"),
	  IMPORT_DATASET, IMPORT_MOVIES, { 0, 10, 1 }, sniff_tweetings,
	  NULL },
	{ "movielens", N_("MovieLens latest/25M (CSV)"), IMPORT_DATASET,
	  IMPORT_MOVIES, { 0.5, 5, 0.5 }, sniff_mllatest, NULL },
	{ "goodbooks", N_("goodbooks-10k (books, ratings, book_tags, "
			  "to_read)"), IMPORT_DATASET, IMPORT_BOOKS,
	  { 1, 5, 1 }, sniff_goodbooks, NULL },
};

/* Other names people give the formats. */
static const struct { const char *alias, *name; } aliases[] = {
	{ "movielens-100k", "ml-100k" }, { "ml100k", "ml-100k" },
	{ "ml-10m", "ml-1m" }, { "movielens-1m", "ml-1m" },
	{ "movielens-10m", "ml-1m" }, { "ml-latest", "movielens" },
	{ "ml-25m", "movielens" }, { "ml-latest-small", "movielens" },
	{ "goodbooks-10k", "goodbooks" }, { "generic", "csv" },
};

/* The table of formats. */
const struct import_format *import_formats(size_t *n)
{
	*n = ARRAY_LEN(formats);
	return formats;
}

/* The format of this name or alias. */
const struct import_format *import_format_find(const char *name)
{
	if (!name)
		return NULL;
	for (size_t k = 0; k < ARRAY_LEN(aliases); k++)
		if (strcasecmp(name, aliases[k].alias) == 0)
			name = aliases[k].name;
	for (size_t k = 0; k < ARRAY_LEN(formats); k++)
		if (strcasecmp(name, formats[k].name) == 0)
			return &formats[k];
	return NULL;
}

/* "books" for book exports, "movies" otherwise. */
const char *import_default_catalog(const struct import_format *f)
{
	return f && f->media == IMPORT_BOOKS ? "books" : "movies";
}

/* True when the file starts with a zip's local header. */
bool import_is_zip(const char *path)
{
	unsigned char b[4];
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return false;
	ssize_t got = read(fd, b, sizeof b);
	close(fd);
	return got == 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 &&
	       b[3] == 4;
}

/* s quoted for a POSIX shell where it needs it ('it'\''s'); free(). */
static char *shell_word(const char *s)
{
	size_t n = strlen(s), k = 0;
	char *q;

	if (n && !s[strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS"
			  "TUVWXYZ0123456789-_./+,:@%")])
		return xstrdup(s);
	q = xmalloc(4 * n + 3);
	q[k++] = '\'';
	for (const char *p = s; *p; p++) {
		if (*p == '\'') {
			memcpy(q + k, "'\\''", 4);
			k += 4;
		} else {
			q[k++] = *p;
		}
	}
	q[k++] = '\'';
	q[k] = '\0';
	return q;
}

/* Why a zip is not read, with the command that extracts it beside it
 * (into the directory its name gives, as the Import screen suggests). */
static void zip_error(const char *path, char *err, size_t errlen)
{
	size_t n = strlen(path);
	bool named = n > 4 && strcasecmp(path + n - 4, ".zip") == 0;
	char *dir = named ? xstrdup(path) : xasprintf("%s.d", path);

	if (named)
		dir[n - 4] = '\0';
	char *qp = shell_word(path), *qd = shell_word(dir);
	xsnprintf(err, errlen, _("%s is a zip archive: extract it (unzip "
		  "%s -d %s) and import that directory or one of its CSV "
		  "files"), path, qp, qd);
	free(qp);
	free(qd);
	free(dir);
}

/* True when a file's first record is a Letterboxd list's preamble
 * ("Letterboxd list export v7"): no reader takes a list. */
bool import_letterboxd_list(char **f, size_t n)
{
	static const char head[] = "Letterboxd list export";

	return f && n && strncasecmp(text_trim(f[0]), head,
				     sizeof head - 1) == 0;
}

/* Why a Letterboxd list is not imported, into err. */
void import_letterboxd_list_error(char *err, size_t errlen)
{
	xsnprintf(err, errlen, "%s", _("a Letterboxd list: its films are "
		  "neither films you have seen nor films you want to see, "
		  "so taste does not import lists; import the export's "
		  "folder, whose ratings, diary, watched and watchlist "
		  "files say which"));
}

/* The first record of a file, for sniffing. */
struct first_rec {
	char **f;
	size_t n;
};

static int first_record(void *ctx, uint64_t line, char **f, size_t n)
{
	struct first_rec *fr = ctx;
	(void)line;
	fr->f = xcalloc(n + 1, sizeof *fr->f);
	for (size_t i = 0; i < n; i++)
		fr->f[i] = xstrdup(f[i]);
	fr->n = n;
	return 1;
}

/* Read the first record of path into fr; -1 with err. */
static int read_first(const char *path, struct first_rec *fr, char *err,
		      size_t errlen)
{
	struct csvread_opts o = { .head_only = true };
	struct csvfile f;
	if (csvread_open(&f, path, &o, err, errlen) != 0)
		return -1;
	int rc = csvread_each(&f, first_record, fr, err, errlen);
	csvread_close(&f);
	if (rc < 0)
		return -1;
	if (!fr->f) {
		xsnprintf(err, errlen, _("%s: the file is empty"), path);
		return -1;
	}
	return 0;
}

static void free_first(struct first_rec *fr)
{
	for (size_t i = 0; i < fr->n; i++)
		free(fr->f[i]);
	free(fr->f);
}

/* The personal format of a file by its header, or NULL (also when it
 * cannot be read: then why, when not NULL, says why, else it is ""). */
static const struct import_format *sniff_file(const char *path, char *why,
					      size_t whylen)
{
	struct first_rec fr = { 0 };
	char err[256] = "";
	const struct import_format *found = NULL;
	if (why && whylen)
		why[0] = '\0';
	if (import_is_zip(path))
		return NULL;
	if (read_first(path, &fr, err, sizeof err) != 0) {
		if (why)
			xsnprintf(why, whylen, "%s", err);
		return NULL;
	}
	for (size_t k = 0; k < ARRAY_LEN(formats) && !found; k++)
		if (formats[k].kind == IMPORT_PERSONAL && formats[k].sniff &&
		    formats[k].sniff(path, fr.f, fr.n))
			found = &formats[k];
	free_first(&fr);
	return found;
}

/* True when path is a regular file (after links). */
static bool regular_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* True when dir is a Letterboxd export: it holds one of its CSV files
 * at least, and each one there has Letterboxd's header (a folder with
 * an IMDb ratings.csv is not one). */
static bool letterboxd_dir(const char *dir)
{
	size_t there = 0;
	bool all = true;
	const char *name;
	for (size_t k = 0; all && (name = import_letterboxd_file(k)); k++) {
		char *p = paths_join(dir, name);
		if (regular_file(p)) {
			const struct import_format *f = sniff_file(p, NULL, 0);
			all = f && strcmp(f->name, "letterboxd") == 0;
			there++;
		}
		free(p);
	}
	return all && there;
}

/* qsort comparison of two names. */
static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The error for a directory that is no dataset and no Letterboxd
 * export: the exports it holds, by name, when it holds some ("ratings.csv
 * (IMDb ratings export)"), so that one can be given. */
static void dir_error(const char *path, char *err, size_t errlen)
{
	DIR *d = opendir(path);
	char **names = NULL, list[512] = "";
	size_t n = 0, cap = 0, len = 0;
	for (struct dirent *e; d && (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		xgrow((void **)&names, &cap, n + 1, sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	if (d)
		closedir(d);
	if (n > 1)          /* names is NULL in an empty directory */
		qsort(names, n, sizeof *names, name_cmp);
	char unread[512] = "", why[256] = "";
	size_t ulen = 0;
	for (size_t k = 0; k < n; k++) {
		char *p = paths_join(path, names[k]);
		const struct import_format *f = regular_file(p)
			? sniff_file(p, why, sizeof why) : NULL;
		if (f && len < sizeof list - 1)
			len += xsnprintf(list + len, sizeof list - len,
					 "%s%s (%s)", len ? ", " : "",
					 names[k], _(f->label));
		else if (!f && why[0] && ulen < sizeof unread - 1)
			ulen += xsnprintf(unread + ulen, sizeof unread - ulen,
					  "; %s", why);
		why[0] = '\0';
		free(p);
		free(names[k]);
	}
	free(names);
	if (len)
		xsnprintf(err, errlen, _("%s: no dataset or Letterboxd export, "
			  "but files to import one at a time: %s%s"), path,
			  list, unread);
	else
		xsnprintf(err, errlen, _("%s: no dataset or export taste "
			  "knows in this directory; give the format (taste "
			  "import --help lists them)%s"), path, unread);
}

/* The format of path, from its files or its header. */
const struct import_format *import_sniff(const char *path, char *err,
					 size_t errlen)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		xsnprintf(err, errlen, _("cannot open %s: %s"), path,
			  strerror(errno));
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		/* a dataset's files first: goodbooks has a ratings.csv */
		for (int pass = 0; pass < 2; pass++)
			for (size_t k = 0; k < ARRAY_LEN(formats); k++)
				if (formats[k].sniff && (pass == 0) ==
				    (formats[k].kind == IMPORT_DATASET) &&
				    formats[k].sniff(path, NULL, 0))
					return &formats[k];
		dir_error(path, err, errlen);
		return NULL;
	}
	if (import_is_zip(path)) {
		zip_error(path, err, errlen);
		return NULL;
	}
	struct first_rec fr = { 0 };
	if (read_first(path, &fr, err, errlen) != 0)
		return NULL;
	const struct import_format *found = NULL;
	for (size_t k = 0; k < ARRAY_LEN(formats) && !found; k++)
		if (formats[k].kind == IMPORT_PERSONAL && formats[k].sniff &&
		    formats[k].sniff(path, fr.f, fr.n))
			found = &formats[k];
	if (!found && import_letterboxd_list(fr.f, fr.n)) {
		size_t k = (size_t)snprintf(err, errlen, "%s: ", path);
		if (k < errlen)
			import_letterboxd_list_error(err + k, errlen - k);
	} else if (!found)
		xsnprintf(err, errlen, _("%s: the header (first field '%s') "
			  "is no export taste knows; give the format, or "
			  "use csv with --title-col and --rating-col"), path,
			  fr.f[0]);
	free_first(&fr);
	return found;
}

/* True when path is a file no format reads, whatever it is told (a
 * Letterboxd list): a screen then shows import_read's reason rather
 * than offer to map its columns. */
bool import_refused(const char *path)
{
	struct first_rec fr = { 0 };
	char err[256];
	bool list;

	if (read_first(path, &fr, err, sizeof err) != 0)
		return false;
	list = import_letterboxd_list(fr.f, fr.n);
	free_first(&fr);
	return list;
}

/* ---------------------------------------------------------------------
 * Small parsers
 * ------------------------------------------------------------------- */

/* Unix seconds as taste writes them: digits, after a '-' when before
 * 1970 (down to INT64_MIN); false for anything else or out of range. */
static bool parse_seconds(const char *s, int64_t *out)
{
	const char *digits = s + (*s == '-');
	char *end;
	if (!*digits || digits[strspn(digits, "0123456789")])
		return false;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (*end || errno == ERANGE)
		return false;
	*out = v;
	return true;
}

/* The Unix time of tm (UTC) into out; false when timegm had to move it
 * (30 February is no day). */
static bool real_day(struct tm *tm, int64_t *out)
{
	struct tm want = *tm;
	*out = (int64_t)timegm(tm);
	return tm->tm_year == want.tm_year && tm->tm_mon == want.tm_mon &&
	       tm->tm_mday == want.tm_mday;
}

/* Unix time of a date (Y-M-D or Y/M/D, optional time) or seconds. */
bool import_parse_date(const char *s, int64_t *out)
{
	struct tm tm;
	if (!s || !*s)
		return false;
	if (parse_seconds(s, out))
		return true;
	static const char *const forms[] = {
		"%Y-%m-%d", "%Y/%m/%d" };
	for (size_t k = 0; k < ARRAY_LEN(forms); k++) {
		memset(&tm, 0, sizeof tm);
		const char *p = strptime(s, forms[k], &tm);
		if (!p)
			continue;
		if (*p == 'T' || *p == ' ')
			p = strptime(p + 1, "%H:%M:%S", &tm);
		if (p && *p == 'Z')
			p++;
		return p && !*p && real_day(&tm, out);
	}
	return false;
}

/* A bare YYYYMMDD that is a real day of a year from 1 on. */
bool import_parse_compact_date(const char *s, int64_t *out)
{
	if (strlen(s) != 8 || s[strspn(s, "0123456789")])
		return false;
	int v[8];
	for (int i = 0; i < 8; i++)
		v[i] = s[i] - '0';
	struct tm tm = {
		.tm_year = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3] - 1900,
		.tm_mon = v[4] * 10 + v[5] - 1,
		.tm_mday = v[6] * 10 + v[7] };
	return tm.tm_year > -1900 && tm.tm_mon >= 0 && tm.tm_mon < 12 &&
	       tm.tm_mday >= 1 && real_day(&tm, out);
}

/* ="..." unwrapped (Goodreads' spreadsheet guard). */
const char *import_unwrap(const char *s, char *buf, size_t n)
{
	size_t len = strlen(s);
	if (len >= 3 && s[0] == '=' && s[1] == '"' && s[len - 1] == '"')
		xsnprintf(buf, n, "%.*s", (int)(len - 3), s + 2);
	else
		xsnprintf(buf, n, "%s", s);
	text_trim(buf);
	return buf;
}

/* True when the ten characters of an ISBN-10 carry their check digit
 * (the weighted sum 10*d1 + 9*d2 + ... + 1*d10 is 0 mod 11, X = 10):
 * a mistyped ISBN must not match another book. */
static bool isbn10_valid(const char *d)
{
	int sum = 0;
	for (int i = 0; i < 10; i++) {
		int v = d[i] == 'X' || d[i] == 'x' ? 10 : d[i] - '0';
		sum += (10 - i) * v;
	}
	return sum % 11 == 0;
}

/* 13 digits of an ISBN-13, or of an ISBN-10 converted; false when it
 * is malformed or its check digit is wrong. */
bool import_isbn13(const char *s, char out[14])
{
	return import_isbn13_why(s, out) == NULL;
}

/* import_isbn13, saying what is wrong: NULL when s is an ISBN. */
const char *import_isbn13_why(const char *s, char out[14])
{
	char d[16];
	size_t n = 0;
	for (; *s && n < sizeof d - 1; s++) {
		if (*s == '-' || *s == ' ')
			continue;
		if (!isdigit((unsigned char)*s) &&
		    !(n == 9 && (*s == 'X' || *s == 'x') && !s[1]))
			return _("not an ISBN");
		d[n++] = *s;
	}
	if (*s || (n != 13 && n != 10))
		return _("not an ISBN");
	d[n] = '\0';
	if (n == 13 && isdigit((unsigned char)d[12])) {
		memcpy(out, d, 14);
		return out[12] == text_isbn13_check(out) ? NULL
			: _("bad check digit");
	}
	if (n != 10 || !isbn10_valid(d))
		return n == 10 ? _("bad check digit") : _("not an ISBN");
	memcpy(out, "978", 3);
	memcpy(out + 3, d, 9);
	out[12] = text_isbn13_check(out);
	out[13] = '\0';
	return NULL;
}

/* Warn that column c's ISBN, when there is one, cannot match. */
static void isbn_warn(struct itable *t, uint64_t line, size_t c)
{
	char buf[64], out[14];
	const char *s = import_unwrap(t->f[c], buf, sizeof buf);

	if (!*s)
		return;
	report_warn(t->rep, _("line %" PRIu64 ", column %d: ISBN '%.*s' (%s) "
			      "is not used to match"),
		    line, t->idx[c] + 1, (int)text_fit(s, 20), s,
		    import_isbn13_why(s, out));
}

/* The ISBN of the first of columns cols[0..n) that holds one, into
 * out: true when one does. When none does, each field there that is
 * not empty is a warning with its line, for the row then matches by
 * nothing of it, and *bad (when bad is not NULL) the first of them
 * with what is wrong, malloc'd (import_priv.h). */
bool import_row_isbn(struct itable *t, uint64_t line, const size_t *cols,
		     size_t n, char out[14], char **bad)
{
	char buf[64];
	for (size_t i = 0; i < n; i++)
		if (import_isbn13(import_unwrap(t->f[cols[i]], buf, sizeof buf),
				  out))
			return true;
	for (size_t i = 0; i < n; i++) {    /* the first one tried */
		const char *s = import_unwrap(t->f[cols[i]], buf, sizeof buf);
		if (*s && bad && !*bad)
			*bad = xasprintf("%.*s (%s)", (int)text_fit(s, 20), s,
					 import_isbn13_why(s, out));
	}
	size_t order[ITABLE_MAX_COLS];      /* warned in column order */
	for (size_t i = 0; i < n && i < ITABLE_MAX_COLS; i++) {
		size_t j = i;
		for (; j > 0 && t->idx[order[j - 1]] > t->idx[cols[i]]; j--)
			order[j] = order[j - 1];
		order[j] = cols[i];
	}
	for (size_t i = 0; i < n && i < ITABLE_MAX_COLS; i++)
		isbn_warn(t, line, order[i]);
	return false;
}

/* The IMDb number without "tt" and leading zeros. */
bool import_imdb_number(const char *s, char *out, size_t n)
{
	if ((s[0] == 't' || s[0] == 'T') && (s[1] == 't' || s[1] == 'T'))
		s += 2;
	if (!*s)
		return false;
	for (const char *p = s; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	while (s[0] == '0' && s[1])
		s++;
	xsnprintf(out, n, "%s", s);
	return true;
}

/* ---------------------------------------------------------------------
 * A header-mapped table read through csvread
 * ------------------------------------------------------------------- */

/* Find the wanted columns in the header: each is a '|'-separated list
 * of names, compared without case. */
static void itable_header(struct itable *t, char **f, size_t n)
{
	t->n_fields = n;
	for (size_t k = 0; k < t->n_cols; k++) {
		t->idx[k] = -1;
		if (!t->cols[k])
			continue;
		char *names = xstrdup(t->cols[k]), *save = NULL;
		for (char *w = strtok_r(names, "|", &save);
		     w && t->idx[k] < 0; w = strtok_r(NULL, "|", &save))
			for (size_t i = 0; i < n; i++)
				if (strcasecmp(text_trim(f[i]), w) == 0) {
					t->idx[k] = (int)i;
					break;
				}
		free(names);
		if (t->idx[k] >= 0 && (size_t)t->idx[k] + 1 > t->need)
			t->need = (size_t)t->idx[k] + 1;
	}
}

/* csvread callback: the header, then rows that have the fields the
 * mapping needs. */
static int itable_record(void *ctx, uint64_t line, char **f, size_t n)
{
	struct itable *t = ctx;
	if (!t->header) {
		t->header = true;
		if (import_letterboxd_list(f, n)) {
			import_letterboxd_list_error(t->err, sizeof t->err);
			return 1;
		}
		itable_header(t, f, n);
		if (t->on_header)
			t->on_header(t);
		if (t->err[0])          /* the reader refused the header */
			return 1;
		for (size_t k = 0; k < t->n_cols; k++)
			if ((t->required & (1u << k)) && t->idx[k] < 0) {
				char *first = xstrdup(t->cols[k]);
				first[strcspn(first, "|")] = '\0';
				xsnprintf(t->err, sizeof t->err,
					  _("no column %s in the header"),
					  first);
				free(first);
				return 1;
			}
		return 0;
	}
	t->rep->rows++;
	char why[96];
	if (csvread_record_problem(t->csv, why, sizeof why)) {
		report_reject(t->rep, line, 0, REJ_BAD_VALUE, why);
		return 0;
	}
	if (n < t->need || n > t->n_fields) {
		report_reject(t->rep, line, 0, REJ_FIELD_COUNT,
			      n ? f[0] : "");
		return 0;
	}
	for (size_t k = 0; k < t->n_cols; k++)
		t->f[k] = t->idx[k] < 0 ? (char *)"" : text_trim(f[t->idx[k]]);
	if (t->row(t, line))
		t->rep->accepted++;
	return 0;
}

/* The last path component. */
static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s && s[1] ? s + 1 : path;
}

/* Keep a file name in r; returns the stable copy. */
static const char *result_add_file(struct import_result *r,
				   const char *path)
{
	r->files = xrealloc(r->files, (r->n_files + 1) * sizeof *r->files);
	r->files[r->n_files] = xstrdup(base_name(path));
	return r->files[r->n_files++];
}

/* Read path as a table: t->cols, t->required and t->row set by the
 * caller. Adds the file's report to r. 0, or -1 with err. */
int import_table_read(struct itable *t, const char *path,
		      const struct import_opts *o, struct import_result *r,
		      char *err, size_t errlen)
{
	struct csvread_opts co = { .delim = o ? o->delim : NULL,
				   .encoding = o ? o->encoding
						 : CSV_ENC_AUTO };
	struct csvfile f;
	struct stat st;
	if (import_is_zip(path)) {
		xsnprintf(err, errlen, _("%s is a zip archive: extract it "
			  "and import the directory or one of its CSV "
			  "files"), path);
		return -1;
	}
	char why[512];
	if (csvread_open(&f, path, &co, why, sizeof why) != 0) {
		xsnprintf(err, errlen, "%s", why);
		return -1;
	}
	/* a report only for a file that opened: one that cannot be read
	 * has nothing to say but the error */
	r->reports = xrealloc(r->reports,
			      (r->n_reports + 1) * sizeof *r->reports);
	t->rep = &r->reports[r->n_reports++];
	report_init(t->rep, path);
	t->r = r;
	t->file = result_add_file(r, path);
	t->mtime = stat(path, &st) == 0 ? (int64_t)st.st_mtime : 0;
	t->now = (int64_t)time(NULL);
	xsnprintf(t->rep->encoding, sizeof t->rep->encoding, "%s",
		  f.encoding);
	xsnprintf(t->rep->delimiter, sizeof t->rep->delimiter, "%s",
		  f.delim);
	t->rep->bom = f.bom;
	t->rep->has_scale = true;
	t->rep->scale = r->scale;
	t->csv = &f;
	int rc = csvread_each(&f, itable_record, t, why, sizeof why);
	t->csv = NULL;
	csvread_close(&f);
	t->rep->header = t->header;
	if (rc < 0) {
		xsnprintf(err, errlen, "%s", why);
		return -1;
	}
	if (*t->err) {
		xsnprintf(err, errlen, "%s: %s", path, t->err);
		return -1;
	}
	if (!t->header) {
		xsnprintf(err, errlen, _("%s: the file is empty"), path);
		return -1;
	}
	return 0;
}

/* Reject the current row because of wanted column k. */
bool import_reject(struct itable *t, uint64_t line, size_t k,
		   enum reject_reason why)
{
	report_reject(t->rep, line, t->idx[k] + 1, why, t->f[k]);
	return false;
}

/* A new row of the current file, zeroed but for where it is. */
struct import_row *import_new_row(struct itable *t, uint64_t line)
{
	struct import_result *r = t->r;
	xgrow((void **)&r->rows, &r->cap_rows, r->n_rows + 1,
	      sizeof *r->rows);
	struct import_row *row = &r->rows[r->n_rows++];
	memset(row, 0, sizeof *row);
	row->file = t->file;
	row->line = line;
	row->item = INTERN_NONE;
	/* the file's time, but never ahead of now: a time to come would
	 * beat every later change (a file touched or copied from a clock
	 * that ran ahead) */
	row->when = t->mtime < t->now ? t->mtime : t->now;
	row->had = NAN;
	row->had_signal = NAN;
	return row;
}

/* The date of column k into row: see import_priv.h. An empty field
 * leaves the file's time without a word, as the format allows. */
void import_row_date(struct itable *t, uint64_t line, size_t k,
		     struct import_row *row)
{
	const char *s = t->f[k];
	int64_t when;
	if (!*s)
		return;
	int column = t->idx[k] + 1, len = (int)text_fit(s, 40);
	if (!(t->dates == ITABLE_DATES_EXPORT &&
	      import_parse_compact_date(s, &when)) &&
	    !import_parse_date(s, &when)) {
		report_warn(t->rep, _("line %" PRIu64 ", column %d: no such "
				      "date '%.*s': kept with the file's "
				      "time"), line, column, len, s);
		return;
	}
	/* a day ahead of now allows for time zones and clocks a little
	 * off; a later one would beat every change made in taste, so the
	 * row is undated: it fills a gap but replaces nothing, and its
	 * time is never stored (taste's own export: the import's) */
	if (when > t->now + 86400) {
		if (t->dates == ITABLE_DATES_OWN)
			row->when = t->now;
		report_warn(t->rep, t->dates == ITABLE_DATES_OWN ?
			    _("line %" PRIu64 ", column %d: time '%.*s' is in "
			      "the future: kept with the time of this import, "
			      "and it replaces nothing of yours") :
			    _("line %" PRIu64 ", column %d: date '%.*s' is in "
			      "the future: kept with the file's time, and it "
			      "replaces nothing of yours"), line, column, len,
			    s);
		return;
	}
	row->when = when;
	row->dated = true;
}

/* The rating of column k on the source scale: false (rejected) when
 * it is not a number on it. */
bool import_row_value(struct itable *t, uint64_t line, size_t k,
		      double *v)
{
	return import_row_value_on(t, line, k, &t->r->scale, v);
}

/* The rating of column k on the scale sc (a row's own), as above. */
bool import_row_value_on(struct itable *t, uint64_t line, size_t k,
			 const struct scale *sc, double *v)
{
	bool nf;
	if (!*t->f[k])
		return import_reject(t, line, k, REJ_EMPTY_RATING);
	if (!scale_parse(t->f[k], v, &nf))
		return import_reject(t, line, k, nf ? REJ_NOT_FINITE
						    : REJ_NOT_A_NUMBER);
	switch (scale_check(sc, *v)) {
	case SCALE_OK:
		return true;
	case SCALE_BELOW_MIN:
		return import_reject(t, line, k, REJ_BELOW_MIN);
	case SCALE_ABOVE_MAX:
		return import_reject(t, line, k, REJ_ABOVE_MAX);
	case SCALE_OFF_STEP:
		return import_reject(t, line, k, REJ_OFF_STEP);
	default:
		return import_reject(t, line, k, REJ_NOT_FINITE);
	}
}

/* A year field ("2004", "2004.0"); 0 when empty or not a year. */
int import_year(const char *s)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || (*end && *end != '-') || v != floor(v) ||
	    fabs(v) > 9999)
		return 0;
	return (int)v;
}

/* A copy of s, or NULL when it is empty. */
char *import_dup(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* ---------------------------------------------------------------------
 * Reading and freeing
 * ------------------------------------------------------------------- */

/* Read a personal export into r. */
int import_read(const char *path, const struct import_opts *o,
		struct import_result *r, char *err, size_t errlen)
{
	memset(r, 0, sizeof *r);
	r->path = xstrdup(path);
	const struct import_format *f = o && o->format
		? import_format_find(o->format) : import_sniff(path, err,
							       errlen);
	if (!f) {
		if (o && o->format)
			xsnprintf(err, errlen, _("unknown format %s (taste "
				  "import --help lists them)"), o->format);
		return -1;
	}
	r->fmt = f;
	r->scale = f->scale;
	r->catalog_chosen = o && o->catalog_chosen;
	r->screen = o && o->screen;
	if (f->kind == IMPORT_DATASET) {
		xsnprintf(err, errlen, r->screen
			  ? _("%s is a dataset (%s), not an export: to browse "
			      "it, quit (q) and start 'taste --catalog %s'")
			  : _("%s is a dataset (%s): open it with taste "
			      "--catalog %s"), path, _(f->label), path);
		return -1;
	}
	if (o && o->has_scale)
		r->scale = o->scale;
	else if (o && o->catalog_scale && strcmp(f->name, "taste") == 0)
		r->scale = *o->catalog_scale;
	return f->read(path, o, r, err, errlen);
}

char *import_taste_catalog(const char *path)
{
	struct import_opts o = { .format = "taste" };
	struct import_result r = { 0 };
	char err[256];
	char *spec = NULL;
	if (import_sniff(path, err, sizeof err) == import_format_find("taste")
	    && import_read(path, &o, &r, err, sizeof err) == 0) {
		spec = r.source_catalog;
		r.source_catalog = NULL;
	}
	import_result_free(&r);
	return spec;
}

/* Free a row's strings. */
static void row_free(struct import_row *row)
{
	free(row->id);
	free(row->imdb);
	free(row->goodreads);
	free(row->isbn13);
	free(row->isbn_bad);
	free(row->title);
	free(row->creator);
	free(row->type);
	free(row->genres);
	free(row->tags);
	free(row->why);
	free(row->item_label);
	free(row->as_label);
}

/* Free everything r holds. */
void import_result_free(struct import_result *r)
{
	for (size_t i = 0; i < r->n_rows; i++)
		row_free(&r->rows[i]);
	free(r->rows);
	for (size_t i = 0; i < r->n_reports; i++)
		report_free(&r->reports[i]);
	free(r->reports);
	for (size_t i = 0; i < r->n_files; i++)
		free(r->files[i]);
	free(r->files);
	for (size_t i = 0; i < r->n_notes; i++)
		free(r->notes[i]);
	free(r->notes);
	free(r->path);
	free(r->source_catalog);
	for (size_t i = 0; i < r->n_words_unknown; i++)
		free(r->words_unknown[i]);
	free(r->words_unknown);
	memset(r, 0, sizeof *r);
}

/* Add a translated note line to the summary. */
void import_note(struct import_result *r, const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		fatal("%s", _("out of memory"));
	va_end(ap);
	r->notes = xrealloc(r->notes, (r->n_notes + 1) * sizeof *r->notes);
	r->notes[r->n_notes++] = s;
}

/* The signals journal of a catalogue key. */
char *import_signals_name(const char *catalog_key)
{
	return xasprintf("%s.signals", catalog_key);
}

/* known() for the signals journal: an item of the catalogue. */
static bool import_known(void *ctx, const char *id)
{
	return catalog_find_id(ctx, id) != INTERN_NONE;
}

/* The signals journal of c, opened and validated against c. */
struct profile *import_signals_open(const struct catalog *c, char *err,
				    size_t errlen)
{
	char *name = import_signals_name(c->key);
	struct profile *p = profile_open(NULL, name, err, errlen);
	free(name);
	if (p)
		profile_validate(p, &IMPORT_SIGNAL_SCALE, import_known,
				 (void *)c);
	return p;
}

/* The signals journal of c opened read-only and validated against c. */
struct profile *import_signals_read(const struct catalog *c, char *err,
				    size_t errlen)
{
	char *name = import_signals_name(c->key);
	struct profile *p = profile_open_ro(NULL, name, err, errlen);
	free(name);
	if (p)
		profile_validate(p, &IMPORT_SIGNAL_SCALE, import_known,
				 (void *)c);
	return p;
}

/* Whether the journal named name (profile_open's catalog argument) is
 * already in the data directory, so a reader need not create it. */
bool import_journal_exists(const char *name)
{
	char err[256];
	const char *dir = paths_data_dir(err, sizeof err);
	if (!dir)
		return false;
	char *path = xasprintf("%s/%s.journal", dir, name);
	struct stat st;
	bool there = lstat(path, &st) == 0;
	free(path);
	return there;
}
