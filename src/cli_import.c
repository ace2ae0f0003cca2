/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_import: taste import and taste export.
 *
 * import reads a personal export (format given or sniffed), matches it
 * to the catalogue (--catalog, else books for Goodreads and movies for
 * the rest), prints the whole report, then writes what it planned,
 * unless --dry-run. A dataset format (ml-100k, goodbooks...) is opened
 * as a catalogue instead, which checks it, prints the report of every
 * file and leaves the binary cache for the next start; it is then used
 * with --catalog DIR.
 *
 * export writes the catalogue's profile (ratings, signals, clears,
 * your words) as taste's CSV, to stdout or -o FILE (whole or not at
 * all: replace.h, so a failed export leaves no half file); never onto
 * a file taste keeps (paths_is_kept), which it would destroy. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "catalog_cache.h"
#include "cli.h"
#include "cli_import.h"
#include "i18n.h"
#include "import.h"
#include "intern.h"
#include "origin.h"
#include "paths.h"
#include "profile.h"
#include "replace.h"
#include "safe.h"
#include "usertags.h"
#include "util.h"

enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2 };
#define GO_ON (-1)

/* "taste SUB: message" on stderr, made safe for a terminal. */
__attribute__((format(printf, 2, 3)))
static void ci_error(const char *sub, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "taste %s: ", sub);
	va_start(ap, fmt);
	safe_vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* A usage error and a pointer to --help. */
static int ci_usage(const char *sub, const char *msg)
{
	ci_error(sub, "%s", msg);
	fprintf(stderr, _("Try 'taste %s --help'.\n"), sub);
	return EXIT_USAGE;
}

/* getopt's complaint about argv[optind - 1]. */
static int ci_bad_option(const char *sub, char **argv, int c)
{
	char msg[256];
	xsnprintf(msg, sizeof msg, c == ':' ? _("option %s needs a value")
					    : _("unknown option %s"),
		  argv[optind - 1]);
	return ci_usage(sub, msg);
}

/* Help for taste import. */
void cli_import_help(FILE *f)
{
	size_t n;
	const struct import_format *fm = import_formats(&n);
	fputs(_("Usage: taste import [FORMAT] PATH [OPTION]...\n"
		"Bring your history into your profile, or check a dataset "
		"directory.\n"
		"A personal export is matched to the catalogue (--catalog; "
		"default books for\nGoodreads, movies otherwise): IMDb ids "
		"through links.csv, Goodreads Book Id,\nthen ISBN, then "
		"title and author, Letterboxd by title and year (+-1). "
		"The\nreport lists each row matched by ISBN or title with "
		"the item it found, and\nevery row that is not imported "
		"and why. Rows without a rating (shelves,\nwatched, "
		"watchlist, an IMDb list's unrated titles) are kept as "
		"implicit\nsignals. Importing the same file again changes "
		"nothing.\n\nFormats (sniffed when not given):\n"),
	      f);
	for (size_t k = 0; k < n; k++)
		fprintf(f, "  %-16s %s\n", fm[k].name, _(fm[k].label));
	fputs(_("\nA Letterboxd export is read as its unzipped directory "
		"or any one of its CSV\nfiles; a zip is refused. A dataset "
		"directory is opened as a catalogue, which\nchecks it and "
		"caches it; use it with taste --catalog DIR. A goodbooks-10k\n"
		"download is attached to the bundled books instead: its "
		"ratings, book_tags\ntags and to_read.csv are read with them "
		"from then on (--dry-run reads it so\nand attaches nothing; "
		"'taste import goodbooks --detach' detaches it).\n\n"
		"  --dry-run                the report only; nothing is "
		"written\n"
		"  --json                   the report as JSON\n"
		"  --imdb-types LIST        IMDb title types kept (default "
		"movie,tvMovie)\n"
		"  --sep S                  delimiter: , ; | tab or :: "
		"(default: sniffed)\n"
		"  --encoding E             utf-8 or latin-1 (default: "
		"sniffed)\n"
		"  --scale MIN:MAX[:STEP]   csv: the file's rating scale "
		"(default 1:5:0.5)\n"
		"  --id-col, --imdb-col, --isbn-col, --goodreads-col, "
		"--title-col,\n"
		"  --year-col, --author-col, --rating-col, --date-col NAME\n"
		"                           csv: the columns by header name "
		"(--id-col: the\n"
		"                           catalogue's own ids, as taste "
		"export writes them)\n"
		"  -h, --help               this help\n\n"
		"Exit status: 0 when the file was read (the report says what "
		"matched), 1 when\nit cannot be read or written, 2 on bad "
		"usage.\n"), f);
}

/* Help for taste export. */
void cli_export_help(FILE *f)
{
	fputs(_("Usage: taste export [--catalog NAME|DIR] [-o FILE]\n"
		"Write your profile of the catalogue as CSV, a backup: "
		"item_id, title, year,\nrating, scale (MIN:MAX:STEP of a "
		"rating kept on its source's scale, empty\nfor the "
		"catalogue's), signal, timestamp (Unix seconds), genres and "
		"tags (your\nwords, | between them), catalog (what --catalog "
		"opens); fields are quoted\nwhere needed. A row holds a "
		"rating (signal empty), or no rating and a signal:\nseen or "
		"wanted (also beside a rating of the item), cleared (you "
		"cleared your\nrating at timestamp) or unmarked (you cleared "
		"your seen or wanted). Ratings of\nitems the catalogue no "
		"longer has are kept without a title (stderr says how\nmany). "
		"'taste import FILE' reads it back exactly, into that "
		"catalogue.\n\n"
		"  -o, --output FILE   write to FILE (whole or not at all) "
		"instead of standard\n"
		"                      output; never onto a file taste keeps "
		"(a journal...)\n"
		"  -h, --help          this help\n"), f);
}

struct import_args {
	const char *format, *path;
	bool dry_run, json, detach;
	struct import_opts o;
};

enum {
	OPT_DRY = 256, OPT_JSON, OPT_TYPES, OPT_SEP, OPT_ENC, OPT_SCALE,
	OPT_ID, OPT_IMDB, OPT_ISBN, OPT_TITLE, OPT_YEAR, OPT_AUTHOR,
	OPT_RATING, OPT_DATE, OPT_DETACH, OPT_GOODREADS,
};

/* One option with a value; false when the value is bad. */
static bool ci_option(struct import_args *a, int c, const char *v)
{
	struct import_opts *o = &a->o;
	switch (c) {
	case OPT_TYPES: o->imdb_types = v; return true;
	case OPT_SEP: return (o->delim = cli_parse_sep(v)) != NULL;
	case OPT_ENC:
		if (strcasecmp(v, "utf-8") == 0 || strcasecmp(v, "utf8") == 0)
			o->encoding = CSV_ENC_UTF8;
		else if (strncasecmp(v, "latin", 5) == 0 ||
			 strcasecmp(v, "iso-8859-1") == 0 ||
			 strcasecmp(v, "cp1252") == 0)
			o->encoding = CSV_ENC_LATIN1;
		else
			return false;
		return true;
	case OPT_SCALE:
		return o->has_scale = scale_parse_spec(v, &o->scale);
	case OPT_ID: o->col_id = v; return true;
	case OPT_IMDB: o->col_imdb = v; return true;
	case OPT_ISBN: o->col_isbn = v; return true;
	case OPT_GOODREADS: o->col_goodreads = v; return true;
	case OPT_TITLE: o->col_title = v; return true;
	case OPT_YEAR: o->col_year = v; return true;
	case OPT_AUTHOR: o->col_creator = v; return true;
	case OPT_RATING: o->col_rating = v; return true;
	case OPT_DATE: o->col_date = v; return true;
	default: return false;
	}
}

/* Parse taste import's arguments. */
static int ci_import_parse(int argc, char **argv, struct import_args *a)
{
	static const struct option longs[] = {
		{ "dry-run", no_argument, NULL, OPT_DRY },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "imdb-types", required_argument, NULL, OPT_TYPES },
		{ "sep", required_argument, NULL, OPT_SEP },
		{ "encoding", required_argument, NULL, OPT_ENC },
		{ "scale", required_argument, NULL, OPT_SCALE },
		{ "id-col", required_argument, NULL, OPT_ID },
		{ "imdb-col", required_argument, NULL, OPT_IMDB },
		{ "isbn-col", required_argument, NULL, OPT_ISBN },
		{ "goodreads-col", required_argument, NULL, OPT_GOODREADS },
		{ "title-col", required_argument, NULL, OPT_TITLE },
		{ "year-col", required_argument, NULL, OPT_YEAR },
		{ "author-col", required_argument, NULL, OPT_AUTHOR },
		{ "rating-col", required_argument, NULL, OPT_RATING },
		{ "date-col", required_argument, NULL, OPT_DATE },
		{ "detach", no_argument, NULL, OPT_DETACH },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", longs, NULL)) != -1) {
		if (c == 'h') {
			cli_import_help(stdout);
			return EXIT_OK;
		}
		if (c == '?' || c == ':')
			return ci_bad_option("import", argv, c);
		char msg[512];
		if (c == OPT_TYPES && !import_imdb_types_check(optarg, msg,
							      sizeof msg))
			return ci_usage("import", msg);
		if (c == OPT_DRY) {
			a->dry_run = true;
		} else if (c == OPT_DETACH) {
			a->detach = true;
		} else if (c == OPT_JSON) {
			a->json = true;
		} else if (!ci_option(a, c, optarg)) {
			const struct option *l = longs;
			while (l->name && l->val != c)
				l++;
			xsnprintf(msg, sizeof msg, _("bad value for --%s: %s"),
				  l->name ? l->name : "?", optarg);
			return ci_usage("import", msg);
		}
	}
	int n = argc - optind;
	if (a->detach)
		return n == 1 && strcasecmp(argv[optind], "goodbooks") == 0 &&
		       !a->json ? GO_ON
		       : ci_usage("import", _("--detach goes alone with "
				  "goodbooks: taste import goodbooks "
				  "--detach [--dry-run]"));
	if (n < 1 || n > 2)
		return ci_usage("import", n < 1
				? _("what? (taste import [FORMAT] PATH)")
				: _("too many arguments"));
	if (n == 2)
		a->format = argv[optind++];
	a->path = argv[optind];
	if (a->format && !import_format_find(a->format)) {
		char msg[256];
		xsnprintf(msg, sizeof msg, _("unknown format %s (taste import "
			  "--help lists them)"), a->format);
		return ci_usage("import", msg);
	}
	a->o.format = a->format;
	return GO_ON;
}

/* The reports of every file a dataset catalogue read, and its size. */
static void ci_dataset_report(const struct import_format *f,
			      const struct catalog *c, bool json)
{
	if (json) {
		printf("{\"format\": \"%s\", \"items\": %u, \"users\": %u, "
		       "\"ratings\": %llu, \"files\": [", f->name, c->n_items,
		       c->m->n_users, (unsigned long long)c->m->nnz);
		for (size_t k = 0; k < c->n_reports; k++) {
			fputs(k ? ", " : "", stdout);
			report_print_json(&c->reports[k], stdout);
		}
		fputs("]}\n", stdout);
		return;
	}
	printf(_("format: %s (%s)\n"), f->name, _(f->label));
	for (size_t k = 0; k < c->n_reports; k++)
		report_print(&c->reports[k], stdout, 10);
	printf(_("catalogue %s: %u items, %u users, %llu ratings\n"),
	       c->name, c->n_items, c->m->n_users,
	       (unsigned long long)c->m->nnz);
}

/* A dataset directory: open it as a catalogue and report. */
static int ci_import_dataset(const struct import_format *f,
			     const char *path, bool json)
{
	char err[1024];
	/* "books" alone would name the bundled catalogue */
	char *dir = strchr(path, '/') ? xstrdup(path)
				       : xasprintf("./%s", path);
	struct catalog *c = catalog_open(dir, err, sizeof err);
	free(dir);
	if (!c) {
		ci_error("import", "%s", err);
		return EXIT_DATA;
	}
	ci_dataset_report(f, c, json);
	if (!json && strcmp(f->name, "goodbooks") == 0)
		fputs(_("Checked as a catalogue of its own (--catalog): not "
			"attached to the\nbundled books.\n"), stdout);
	if (!json) {
		fputs(_("Open it with: taste --catalog "), stdout);
		safe_fputs(path, stdout);
		fputc('\n', stdout);
	}
	catalog_free(c);
	return EXIT_OK;
}

/* The bundled books with the download at path read beside them, as
 * the import would attach it; NULL after a message when they do not
 * open or its ratings.csv has no usable rating. A dry run leaves the
 * cache alone: it holds one books catalogue, the attached one's. */
static struct catalog *ci_goodbooks_open(const struct import_format *f,
					 const char *path, bool json,
					 bool dry_run)
{
	char err[1024];
	if (dry_run)
		catalog_cache_enable(false);
	struct catalog *c = catalog_open_books_with(path, err, sizeof err);
	if (dry_run)
		catalog_cache_enable(true);
	if (c && c->has_ratings)
		return c;
	if (c)
		ci_dataset_report(f, c, json);
	ci_error("import", c ? _("%s: no usable rating in its ratings.csv; "
				 "not attached") : "%s", c ? path : err);
	catalog_free(c);
	return NULL;
}

/* What the import did, or in a dry run would do, with the download. */
static void ci_goodbooks_said(const struct catalog *c, bool dry_run)
{
	fputs(dry_run ? _("dry run: not attached. Without --dry-run the "
			  "bundled books would from now on\nread their "
			  "ratings, book_tags tags and to_read.csv from:\n  ")
		      : _("Attached to the bundled books, which from now on "
			  "read their ratings,\nbook_tags tags and "
			  "to_read.csv from:\n  "), stdout);
	safe_fputs(c->ratings_dir, stdout);
	fputs(dry_run ? "\n" : _("\nYour ratings in books stay where they "
				 "are.\n"), stdout);
}

/* A goodbooks-10k download: attached to the bundled books (its
 * ratings, book_tags tags and to_read read beside the bundled
 * books.csv from now on), so ratings made in books keep their profile.
 * The books are opened and cached with it first, and only then is it
 * attached: a download that cannot be read, or whose ratings cannot
 * be used, never replaces the attachment there was. A dry run checks
 * the same and attaches nothing. */
static int ci_import_goodbooks(const struct import_format *f,
			       const char *path, bool json, bool dry_run)
{
	char err[1024];
	struct catalog *c = ci_goodbooks_open(f, path, json, dry_run);
	if (!c)
		return EXIT_DATA;
	ci_dataset_report(f, c, json);
	if (!dry_run &&
	    catalog_attach_goodbooks(c->ratings_dir, err, sizeof err) != 0) {
		ci_error("import", "%s", err);
		catalog_free(c);
		return EXIT_DATA;
	}
	if (!json)
		ci_goodbooks_said(c, dry_run);
	catalog_free(c);
	return EXIT_OK;
}

/* The signals journal of c, validated, for writing (write) or
 * read-only; NULL after a message. */
static struct profile *ci_signals_open(const char *sub,
				       const struct catalog *c, bool write)
{
	char err[512];
	struct profile *p = write ? import_signals_open(c, err, sizeof err)
			  : import_signals_read(c, err, sizeof err);
	if (!p)
		ci_error(sub, "%s", err);
	return p;
}

/* Whether a row planned to be written goes to the signals journal
 * (signals) or to the ratings one. */
static bool ci_writes(const struct import_result *r, bool signals)
{
	for (size_t i = 0; i < r->n_rows; i++) {
		const struct import_row *row = &r->rows[i];
		if ((row->status == IMPORT_NEW ||
		     row->status == IMPORT_CHANGED) &&
		    (row->what != IMPORT_RATING) == signals)
			return true;
	}
	return false;
}

/* The ratings (signals false) or signals journal of c into *p, opened
 * read-only (matching, a dry run and an import that writes nothing
 * change nothing and create no file; a missing journal is empty, one
 * that cannot be read an error). False after a message. */
static bool ci_journal_read(const struct catalog *c, bool signals,
			    struct profile **p)
{
	*p = signals ? ci_signals_open("import", c, false)
		     : cli_profile_read("import", c);
	return *p != NULL;
}

/* When rows are to be written to it (write), the journal *p opened
 * again for writing, created when missing, and validated (its warnings
 * came with the read); else it stays as read. False after a message. */
static bool ci_journal_write(const struct catalog *c, bool signals,
			     bool write, struct profile **p)
{
	char err[512];
	if (!write)
		return true;
	profile_close(*p);
	*p = signals ? import_signals_open(c, err, sizeof err)
		     : profile_open(NULL, c->key, err, sizeof err);
	if (!*p)
		ci_error("import", "%s", err);
	else if (!signals)
		profile_validate_catalog(*p, c);
	if (*p)
		origin_record(c);       /* the journal may be new */
	return *p != NULL;
}

/* Your words (usertags.h) of c, with a warning when the file is read
 * in part; NULL after a warning when it cannot be read: the ratings
 * go on without them. */
static struct usertags *ci_words_open(const char *sub,
				      const struct catalog *c)
{
	char err[512];
	struct usertags *t = usertags_open(NULL, c->key, err, sizeof err);
	if (!t)
		ci_error(sub, _("warning: %s (your shelves, tags and genres "
				"are left out)"), err);
	else if (usertags_problem(t))
		ci_error(sub, _("warning: %s"), usertags_problem(t));
	return t;
}

/* Write the words r brings into t; false after a message. */
static bool ci_words_write(struct import_result *r, struct usertags *t,
			   bool json)
{
	char err[1024];
	size_t changed;
	if (import_apply_words(r, t, &changed, err, sizeof err) != 0) {
		ci_error("import", _("%s; the ratings are written, your "
				     "shelves, tags and genres not"), err);
		return false;
	}
	if (changed && !json)
		printf(ngettext("written: the shelves, tags or genres of %zu "
				"item\n", "written: the shelves, tags or "
				"genres of %zu items\n", changed), changed);
	return true;
}

/* Write what r plans, creating the journals it needs; the exit status. */
static int ci_import_write(struct import_result *r, const struct catalog *c,
			   struct profile **pr, struct profile **ps,
			   bool json)
{
	char err[1024] = "";
	size_t written = 0;
	if (!ci_journal_write(c, false, ci_writes(r, false), pr) ||
	    !ci_journal_write(c, true, ci_writes(r, true), ps))
		return EXIT_DATA;
	if (import_apply(r, *pr, *ps, &written, err, sizeof err) != 0) {
		ci_error("import", _("%s; nothing more was written"), err);
		return EXIT_DATA;
	}
	if (!json)
		printf(ngettext("written: %zu row to your profile of %s\n",
				"written: %zu rows to your profile of %s\n",
				written), written, c->name);
	return EXIT_OK;
}

/* Match, report and (unless a dry run) write a personal export. */
static int ci_import_personal(struct import_args *a, struct catalog *c)
{
	struct import_result r;
	struct profile *pr = NULL, *ps = NULL;
	char err[1024];
	a->o.catalog_scale = &c->scale;
	if (import_read(a->path, &a->o, &r, err, sizeof err) != 0) {
		/* what was read before the fault; none for a header refused */
		bool read = false;
		for (size_t k = 0; k < r.n_reports; k++)
			read = read || r.reports[k].rows > 0;
		if (read && !a->json)
			import_print(&r, stdout, 0);
		ci_error("import", "%s", err);
		import_result_free(&r);
		return EXIT_DATA;
	}
	if (!ci_journal_read(c, false, &pr) ||
	    !ci_journal_read(c, true, &ps)) {
		profile_close(pr);
		import_result_free(&r);
		return EXIT_DATA;
	}
	import_match(&r, c, pr, ps);
	struct usertags *words = ci_words_open("import", c);
	if (words)
		import_plan_words(&r, c, words);
	if (a->json)
		import_print_json(&r, stdout);
	else
		import_print(&r, stdout, 0);
	int rc = EXIT_OK;
	size_t pending = import_pending(&r);
	if (a->dry_run) {
		if (!a->json)
			printf(ngettext("dry run: nothing written (%zu row "
					"would be)\n", "dry run: nothing "
					"written (%zu rows would be)\n",
					pending), pending);
	} else {
		rc = ci_import_write(&r, c, &pr, &ps, a->json);
		if (rc == EXIT_OK && words &&
		    !ci_words_write(&r, words, a->json))
			rc = EXIT_DATA;
	}
	usertags_free(words);
	profile_close(pr);
	profile_close(ps);
	import_result_free(&r);
	return rc;
}

/* taste import goodbooks --detach: the bundled books read no download
 * from now on; your ratings in books stay. A dry run says what it
 * would detach. */
static int ci_detach_goodbooks(bool dry_run)
{
	char err[1024], *was = catalog_attached_goodbooks();

	if (dry_run && was) {
		fputs(_("dry run: not detached. Without --dry-run the bundled "
			"books would read no\ncommunity ratings from:\n  "),
		      stdout);
		safe_fputs(was, stdout);
		fputc('\n', stdout);
		free(was);
		return EXIT_OK;
	}
	if (!dry_run && catalog_attach_goodbooks(NULL, err, sizeof err) != 0) {
		free(was);
		ci_error("import", "%s", err);
		return EXIT_DATA;
	}
	if (!was) {
		fputs(_("No goodbooks-10k download was attached to the bundled "
			"books.\n"), stdout);
		return EXIT_OK;
	}
	fputs(_("Detached from the bundled books, which read no community "
		"ratings from now on:\n  "), stdout);
	safe_fputs(was, stdout);
	fputs(_("\nYour ratings in books stay where they are.\n"), stdout);
	free(was);
	return EXIT_OK;
}

/* taste import. */
int cli_import_run(int argc, char **argv, struct taste_opts *opts)
{
	struct import_args a = { 0 };
	int rc = ci_import_parse(argc, argv, &a);
	if (rc != GO_ON)
		return rc;
	if (a.detach)
		return ci_detach_goodbooks(a.dry_run);
	char err[1024];
	const struct import_format *f = a.format
		? import_format_find(a.format)
		: import_sniff(a.path, err, sizeof err);
	if (!f) {
		ci_error("import", "%s", err);
		return EXIT_DATA;
	}
	if (f->kind == IMPORT_DATASET && strcmp(f->name, "goodbooks") == 0 &&
	    !opts->catalog_given)
		return ci_import_goodbooks(f, a.path, a.json, a.dry_run);
	/* a format given for a directory laid out as another */
	if (f->kind == IMPORT_DATASET && !f->sniff(a.path, NULL, 0)) {
		ci_error("import", _("%s is not laid out as %s (%s): 'taste "
				     "import %s' finds what it is"), a.path,
			 f->name, _(f->label), a.path);
		return EXIT_DATA;
	}
	if (f->kind == IMPORT_DATASET)
		return ci_import_dataset(f, a.path, a.json);
	a.o.format = f->name;
	a.o.catalog_chosen = opts->catalog_given;
	/* a taste export goes back into the catalogue it names; a CSV of
	 * Goodreads ids or ISBNs is of books */
	char *spec = opts->catalog_given || strcmp(f->name, "taste") != 0
		     ? NULL : import_taste_catalog(a.path);
	const char *name = opts->catalog_given ? opts->catalog
			 : spec ? spec
			 : a.o.col_goodreads || a.o.col_isbn ? "books"
			 : import_default_catalog(f);
	struct catalog *c = catalog_open(name, err, sizeof err);
	if (!c) {
		if (spec)
			ci_error("import", _("%s (the catalogue this export "
				 "was made from; --catalog gives another)"),
				 err);
		else
			ci_error("import", "%s", err);
		free(spec);
		return EXIT_DATA;
	}
	free(spec);
	cli_catalog_warnings("import", c);
	rc = ci_import_personal(&a, c);
	catalog_free(c);
	return rc;
}

/* Parse taste export's arguments; *out is the -o file or NULL. */
static int ci_export_parse(int argc, char **argv, const char **out)
{
	static const struct option longs[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:", longs, NULL)) != -1) {
		if (c == 'h') {
			cli_export_help(stdout);
			return EXIT_OK;
		}
		if (c != 'o')
			return ci_bad_option("export", argv, c);
		if (!*optarg)
			return ci_usage("export", _("-o needs the name of the "
						    "file to write"));
		*out = optarg;
	}
	if (optind != argc)
		return ci_usage("export", _("export takes no arguments (the "
					    "file goes with -o)"));
	return GO_ON;
}

struct ci_export {
	const struct catalog *c;
	const struct profile *pr, *ps;
	const struct usertags *words;
	struct import_export_counts n;  /* what was written */
};

/* import_export as a replace_fn. */
static int ci_export_fn(FILE *f, void *ctx)
{
	struct ci_export *x = ctx;

	return import_export(f, x->c, x->pr, x->ps, x->words, &x->n);
}

/* False after a message when path cannot take the export: a directory,
 * or a file taste keeps (a journal, your words...; by device and inode,
 * so a link or another spelling of it too), which the export would
 * destroy. */
static bool ci_export_target_ok(const char *path)
{
	struct stat st;
	char *target = replace_target(path, NULL), *kept;
	bool dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	bool ok = !dir && !paths_is_kept(target ? target : path, &kept);
	if (dir)
		ci_error("export", _("%s is a directory: -o takes the name of "
				     "the file to write"), path);
	else if (!ok && strcmp(path, kept) == 0)
		ci_error("export", _("refusing to write %s: a file taste keeps "
				     "(nothing was written)"), path);
	else if (!ok)
		ci_error("export", _("refusing to write %s: it is %s, a file "
				     "taste keeps (nothing was written)"),
			 path, kept);
	if (!ok && !dir)
		free(kept);
	free(target);
	return ok;
}

/* Write the export to path whole or not at all (replace.h). */
static int ci_export_file(const char *path, struct ci_export *x)
{
	if (!ci_export_target_ok(path))
		return -1;
	if (replace_file(path, ci_export_fn, x) == 0)
		return 0;
	ci_error("export", _("cannot write %s: %s"), path, strerror(errno));
	return -1;
}

/* Say what the export holds that an import into its catalogue does not
 * take back. */
static void ci_export_said(const struct ci_export *x)
{
	const struct import_export_counts *n = &x->n;
	if (n->unknown)
		ci_error("export", ngettext("note: %zu row is of an item %s "
			 "does not have: written with what your profile "
			 "holds and no title (an import into %s reports it "
			 "not found)", "note: %zu rows are of items %s does "
			 "not have: written with what your profile holds and "
			 "no title (an import into %s reports them not "
			 "found)", n->unknown), n->unknown, x->c->name,
			 x->c->name);
	if (n->off_scale)
		ci_error("export", ngettext("note: %zu rating is off the "
			 "scale of %s: written as your profile holds it (an "
			 "import rejects its line)", "note: %zu ratings are "
			 "off the scale of %s: written as your profile holds "
			 "them (an import rejects their lines)", n->off_scale),
			 n->off_scale, x->c->name);
	if (n->left_out)
		ci_error("export", ngettext("warning: %zu signal is neither "
			 "seen nor wanted and was left out", "warning: %zu "
			 "signals are neither seen nor wanted and were left "
			 "out", n->left_out), n->left_out);
}

/* taste export. */
int cli_export_run(int argc, char **argv, struct taste_opts *opts)
{
	const char *out = NULL;
	int rc = ci_export_parse(argc, argv, &out);
	if (rc != GO_ON)
		return rc;
	char err[1024];
	struct catalog *c = catalog_open(opts->catalog, err, sizeof err);
	if (!c) {
		ci_error("export", "%s", err);
		return EXIT_DATA;
	}
	/* read-only: a journal that is not there is an empty profile,
	 * and reading it creates nothing */
	struct profile *pr = cli_profile_backup("export", c);
	struct profile *ps = pr ? ci_signals_open("export", c, false) : NULL;
	struct usertags *words = ps ? ci_words_open("export", c) : NULL;
	struct ci_export x = { c, pr, ps, words, { 0, 0, 0 } };
	if (!ps)
		rc = EXIT_DATA;     /* the message is out */
	else if (out)
		rc = ci_export_file(out, &x) == 0 ? EXIT_OK : EXIT_DATA;
	else
		rc = ci_export_fn(stdout, &x) == 0 ? EXIT_OK : EXIT_DATA;
	if (rc == EXIT_OK)
		ci_export_said(&x);
	usertags_free(words);
	profile_close(pr);
	profile_close(ps);
	catalog_free(c);
	return rc;
}
