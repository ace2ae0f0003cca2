/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli: the non-interactive command line, on the same core as the TUI.
 *
 * Global options (--catalog, --data-dir, --no-color, --ascii,
 * --no-mouse, -v, --version) may come before or after the subcommand:
 * a first pass takes them out of argv wherever they are (up to "--"),
 * and what is left is the subcommand and its own arguments, which each
 * subcommand parses with getopt_long. Without a subcommand cli_main
 * returns -1 and the caller starts the TUI with the options filled in.
 * Exit codes: 0 ok, 1 bad data, 2 bad usage; every message for people
 * goes to stderr, every result to stdout. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "catalog.h"
#include "cli.h"
#include "cli_import.h"
#include "cli_model.h"
#include "cli_regress.h"
#include "i18n.h"
#include "import.h"
#include "json.h"
#include "log.h"
#include "origin.h"
#include "paths.h"
#include "profile.h"
#include "ratings_file.h"
#include "report.h"
#include "safe.h"
#include "scale.h"
#include "search.h"
#include "stats.h"
#include "text.h"
#include "util.h"

#ifndef TASTE_BLAS
#define TASTE_BLAS "gsl"
#endif

enum { EXIT_DATA = 1, EXIT_USAGE = 2 };
/* Width the text output is made for. */
#define CLI_COLS 80
/* cli_*_parse: go on with the subcommand. */
#define CLI_GO_ON (-1)

struct subcommand {
	const char *name;
	const char *args;       /* N_(): the synopsis after the name */
	const char *summary;    /* N_() */
	int (*run)(int argc, char **argv, struct taste_opts *opts);
	void (*help)(FILE *f);
};

/* "taste SUB: message" on stderr, the whole message made safe for a
 * terminal: it quotes titles, ids, paths and header fields. */
static void cli_error(const char *sub, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void cli_error(const char *sub, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, sub ? "taste %s: " : "taste: ", sub);
	va_start(ap, fmt);
	safe_vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* "taste SUB: warning: message" on stderr, made safe as cli_error. */
static void cli_warn(const char *sub, const char *msg)
{
	cli_error(sub, _("warning: %s"), msg);
}

/* A usage error: the message and a pointer to --help. */
static int cli_usage_error(const char *sub, const char *msg)
{
	cli_error(sub, "%s", msg);
	if (sub)
		fprintf(stderr, _("Try 'taste %s --help'.\n"), sub);
	else
		fprintf(stderr, "%s", _("Try 'taste --help'.\n"));
	return EXIT_USAGE;
}

/* getopt's complaint about argv[optind - 1] as a usage error. */
static int cli_bad_option(const char *sub, char **argv, int c)
{
	char msg[256];
	if (c == ':')
		xsnprintf(msg, sizeof msg, _("option %s needs a value"),
			  argv[optind - 1]);
	else
		xsnprintf(msg, sizeof msg, _("unknown option %s"),
			  argv[optind - 1]);
	return cli_usage_error(sub, msg);
}

/* Reset getopt for a new argv (glibc: optind 0 re-initialises). */
static void cli_getopt_reset(void)
{
	optind = 0;
	opterr = 0;
}

/* ---------------------------------------------------------------------
 * check
 * ------------------------------------------------------------------- */

struct check_args {
	const char *path;
	const char *format;     /* --format: a personal export's name */
	bool json;
	struct ratings_opts o;
	struct scale scale;
};

/* Help for taste check. */
static void cli_check_help(FILE *f)
{
	fputs(_("Usage: taste check PATH [OPTION]...\n"
		"Read a ratings file and print its import report without "
		"changing anything.\n"
		"A header userId,movieId,rating[,timestamp] (MovieLens), "
		"user_id,book_id,rating\n"
		"(goodbooks) or MovieLens 100k TAB rows are recognised, and "
		"so are the\nexports taste import reads (IMDb, Goodreads, "
		"Letterboxd, taste export):\ntheir rows are read and "
		"reported, not matched to a catalogue.\n\n"
		"  --format F               an export's format: imdb, "
		"goodreads, letterboxd,\n"
		"                           taste (default: sniffed)\n"
		"  --json                   the report as JSON\n"
		"  --sep S                  delimiter: , ; | tab or :: "
		"(default: sniffed)\n"
		"  --encoding E             utf-8 or latin-1 (default: "
		"utf-8 when valid)\n"
		"  --scale MIN:MAX[:STEP]   the rating scale (default: the "
		"source's; step 1)\n"
		"  --dup latest|first|mean|error\n"
		"                           which of duplicate (user, item) "
		"rows wins (latest)\n"
		"  --offstep keep|round|reject\n"
		"                           values between steps (keep)\n"
		"  --clamp                  clamp off-range values instead "
		"of rejecting them\n"
		"  -h, --help               this help\n\n"
		"Exit status: 0 when every row was accepted, 1 when rows "
		"were rejected, the\nfile has no data rows (it is empty or "
		"only a header) or cannot be used, 2 on\nbad usage.\n"), f);
}

/* cli.h */
const char *cli_parse_sep(const char *s)
{
	if (strcasecmp(s, "tab") == 0 || strcmp(s, "\\t") == 0 ||
	    strcmp(s, "\t") == 0)
		return "\t";
	if (strcmp(s, "::") == 0 || strcmp(s, ",") == 0 ||
	    strcmp(s, ";") == 0 || strcmp(s, "|") == 0)
		return s;
	return NULL;
}

/* --encoding: utf-8 or latin-1 (and their usual spellings). */
static bool cli_parse_encoding(const char *s, enum csv_encoding *out)
{
	static const char *const utf8[] = { "utf-8", "utf8" };
	static const char *const latin1[] = {
		"latin-1", "latin1", "iso-8859-1", "cp1252",
		"windows-1252" };
	for (size_t k = 0; k < ARRAY_LEN(utf8); k++)
		if (strcasecmp(s, utf8[k]) == 0)
			return *out = CSV_ENC_UTF8, true;
	for (size_t k = 0; k < ARRAY_LEN(latin1); k++)
		if (strcasecmp(s, latin1[k]) == 0)
			return *out = CSV_ENC_LATIN1, true;
	return false;
}

/* --scale MIN:MAX[:STEP]: MAX must be MIN plus a whole number of
 * steps, or the scale would have a top value nobody can give. false,
 * with why (when there is more to say than "bad value"), on a bad
 * one. */
static bool cli_parse_scale(const char *s, struct scale *out, char *why,
			    size_t whylen)
{
	char *copy = xstrdup(s);
	char *part[4];
	size_t n = 0;
	for (char *tok = strtok(copy, ":"); tok && n < ARRAY_LEN(part);
	     tok = strtok(NULL, ":"))
		part[n++] = tok;
	double v[3] = { 0, 0, 1 };
	bool ok = n == 2 || n == 3, nf;
	for (size_t k = 0; ok && k < n; k++)
		ok = scale_parse(part[k], &v[k], &nf);
	free(copy);
	if (!ok || !(v[0] < v[1]) || !(v[2] > 0) || v[2] > v[1] - v[0])
		return false;
	struct scale sc = { v[0], v[1], v[2] };
	if (scale_check(&sc, sc.max) != SCALE_OK) {
		xsnprintf(why, whylen, _("bad value for --scale: %s: the "
			  "maximum %g is not the minimum %g plus a whole "
			  "number of steps of %g"), s, sc.max, sc.min,
			  sc.step);
		return false;
	}
	*out = sc;
	return true;
}

/* A word from a list; its index or -1. */
static int cli_word(const char *s, const char *const *words, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (strcmp(s, words[k]) == 0)
			return (int)k;
	return -1;
}

/* One option of taste check; false on a bad value (why says more when
 * it can). */
static bool cli_check_option(struct check_args *a, int c, const char *v,
			     char *why, size_t whylen)
{
	static const char *const dups[] = {
		"latest", "first", "mean", "error" };
	static const char *const steps[] = { "keep", "round", "reject" };
	static const enum dup_policy dup_of[] = {
		DUP_LATEST, DUP_FIRST, DUP_MEAN, DUP_ERROR };
	static const enum offstep_policy step_of[] = {
		OFFSTEP_KEEP, OFFSTEP_ROUND, OFFSTEP_REJECT };
	int k;
	switch (c) {
	case 'j': a->json = true; return true;
	case 'f': a->format = v; return import_format_find(v) != NULL;
	case 'c': a->o.clamp = true; return true;
	case 's': return (a->o.csv.delim = cli_parse_sep(v)) != NULL;
	case 'e': return cli_parse_encoding(v, &a->o.csv.encoding);
	case 'S':
		if (!cli_parse_scale(v, &a->scale, why, whylen))
			return false;
		a->o.scale = &a->scale;
		return true;
	case 'd':
		k = cli_word(v, dups, ARRAY_LEN(dups));
		return k >= 0 ? (a->o.dup = dup_of[k], true) : false;
	case 'o':
		k = cli_word(v, steps, ARRAY_LEN(steps));
		return k >= 0 ? (a->o.offstep = step_of[k], true) : false;
	default:
		return false;
	}
}

/* The long name of option c in a getopt_long table. */
static const char *cli_long_name(const struct option *longs, int c)
{
	for (; longs->name; longs++)
		if (longs->val == c)
			return longs->name;
	return "?";
}

/* Parse taste check's arguments. */
static int cli_check_parse(int argc, char **argv, struct check_args *a)
{
	static const struct option longs[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'f' },
		{ "sep", required_argument, NULL, 's' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "scale", required_argument, NULL, 'S' },
		{ "dup", required_argument, NULL, 'd' },
		{ "offstep", required_argument, NULL, 'o' },
		{ "clamp", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	int c;
	cli_getopt_reset();
	while ((c = getopt_long(argc, argv, ":h", longs, NULL)) != -1) {
		if (c == 'h') {
			cli_check_help(stdout);
			return 0;
		}
		if (c == '?' || c == ':')
			return cli_bad_option("check", argv, c);
		char msg[512] = "";
		if (!cli_check_option(a, c, optarg, msg, sizeof msg)) {
			if (!*msg)
				xsnprintf(msg, sizeof msg,
					  _("bad value for --%s: %s"),
					  cli_long_name(longs, c), optarg);
			return cli_usage_error("check", msg);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("check", optind == argc
				       ? _("which file? (taste check PATH)")
				       : _("one file at a time"));
	a->path = argv[optind];
	return CLI_GO_ON;
}

/* Print the report of a load, and what was kept when it worked. */
static void cli_check_print(const struct ratings *r, bool ok, bool json)
{
	uint32_t users = ok ? intern_count(r->users) : 0;
	uint32_t items = ok ? intern_count(r->items) : 0;
	size_t kept = ok ? r->t.n : 0;
	if (json) {
		printf("{\"users\": %u, \"items\": %u, \"ratings\": %zu, "
		       "\"report\": ", users, items, kept);
		report_print_json(&r->report, stdout);
		fputs("}\n", stdout);
		return;
	}
	report_print(&r->report, stdout, 0);
	if (ok)
		printf(ngettext("  kept: %zu rating; users: %u, items: %u\n",
				"  kept: %zu ratings; users: %u, items: %u\n",
				kept), kept, users, items);
}

/* The personal export format of path: --format, or sniffed when its
 * header is one (NULL for a ratings file: the usual check). */
static const struct import_format *cli_check_export(const struct check_args
						    *a)
{
	char err[256];
	const struct import_format *f = a->format
		? import_format_find(a->format) : import_sniff(a->path, err,
							       sizeof err);
	if (!f || f->kind != IMPORT_PERSONAL || !f->read ||
	    (!a->format && strcmp(f->name, "csv") == 0))
		return NULL;
	return f;
}

/* check of a personal export: its rows read and reported as taste
 * import reads them, matched to nothing and written nowhere. */
static int cli_check_personal(const struct check_args *a,
			      const struct import_format *f)
{
	struct import_opts o = { .format = f->name };
	struct import_result r;
	char err[512];
	if (import_read(a->path, &o, &r, err, sizeof err) != 0) {
		import_result_free(&r);
		cli_error("check", "%s", err);
		return EXIT_DATA;
	}
	if (a->json)
		import_print_json(&r, stdout);
	else
		import_print(&r, stdout, 0);
	bool rejected = false;
	for (size_t k = 0; k < r.n_reports; k++)
		rejected |= r.reports[k].rejected > 0;
	import_result_free(&r);
	return rejected ? EXIT_DATA : 0;
}

/* taste check PATH: the import report of one ratings file. */
static int cli_check(int argc, char **argv, struct taste_opts *opts)
{
	struct check_args a = { 0 };
	(void)opts;
	ratings_opts_default(&a.o);
	int rc = cli_check_parse(argc, argv, &a);
	if (rc != CLI_GO_ON)
		return rc;
	const struct import_format *exp = cli_check_export(&a);
	if (exp)
		return cli_check_personal(&a, exp);
	struct ratings r;
	char err[512];
	bool ok = ratings_load(a.path, &a.o, &r, err, sizeof err) == 0;
	/* Even an unusable file gets its report when rows were read: the
	 * rejected rows say why. */
	if (ok || r.report.rows)
		cli_check_print(&r, ok, a.json);
	if (!ok)
		cli_error("check", "%s", err);
	else if (!r.report.rows)
		cli_error("check", _("%s: no data rows (only a header): "
				     "nothing to import"), a.path);
	rc = !ok || !r.report.rows || r.report.rejected ? EXIT_DATA : 0;
	ratings_free(&r);
	return rc;
}

/* ---------------------------------------------------------------------
 * Catalogue and profile helpers
 * ------------------------------------------------------------------- */

/* True when "..." must stand for "…": --ascii, or a locale whose
 * codeset is not UTF-8. */
static bool cli_ascii(const struct taste_opts *opts)
{
	const char *cs = nl_langinfo(CODESET);
	return opts->ascii || !cs || (strcasecmp(cs, "UTF-8") != 0 &&
				      strcasecmp(cs, "utf8") != 0);
}

/* Open the catalogue the options name; NULL after a message. The
 * import warnings go to stderr unless the command prints the reports
 * (stats). */
static struct catalog *cli_open_catalog(const char *sub,
					const struct taste_opts *opts,
					bool warn)
{
	char err[512];
	struct catalog *c = catalog_open(opts->catalog, err, sizeof err);
	if (!c)
		cli_error(sub, "%s", err);
	else if (warn)
		cli_catalog_warnings(sub, c);
	return c;
}

/* The warnings of the catalogue's import reports on stderr. */
void cli_catalog_warnings(const char *sub, const struct catalog *c)
{
	for (size_t k = 0; k < c->n_reports; k++) {
		const struct report *r = &c->reports[k];
		const char *slash = r->path ? strrchr(r->path, '/') : NULL;
		const char *file = slash ? slash + 1 : r->path ? r->path : "";
		for (size_t w = 0; w < r->n_warnings; w++)
			cli_error(sub, _("warning: %s: %s"), file,
				  r->warnings[w]);
	}
}

/* A warning for each line of origin_orphans: where the profile of a
 * catalogue directory that is gone is, and how to move it to c. */
static void cli_origin_notes(const char *sub, const struct catalog *c)
{
	char *lines = origin_orphans(c);
	for (char *s = lines, *nl; s && *s; s = nl + 1) {
		nl = strchr(s, '\n');
		*nl = '\0';
		cli_warn(sub, s);
	}
	free(lines);
}

/* p (NULL: err says why it could not be opened) validated against c,
 * with its warnings (that of the ratings it hides when dropped); NULL
 * after a message. */
static struct profile *cli_profile_checked(const char *sub,
					   const struct catalog *c,
					   struct profile *p, const char *err,
					   bool dropped)
{
	char msg[1024];
	if (!p) {
		cli_error(sub, "%s", err);
		return NULL;
	}
	profile_validate_catalog(p, c);
	if (dropped && profile_dropped_message(p, msg, sizeof msg))
		cli_warn(sub, msg);
	if (profile_unreadable_message(p, msg, sizeof msg))
		cli_warn(sub, msg);
	cli_origin_notes(sub, c);
	return p;
}

/* The profile of c for writing, validated, with its warnings. */
struct profile *cli_profile_open(const char *sub, const struct catalog *c)
{
	char err[512] = "";
	struct profile *p = profile_open(NULL, c->key, err, sizeof err);
	if (p)
		origin_record(c);       /* the journal may be new */
	return cli_profile_checked(sub, c, p, err, true);
}

/* The profile of c read-only, validated, with its warnings. */
struct profile *cli_profile_read(const char *sub, const struct catalog *c)
{
	char err[512] = "";
	struct profile *p = profile_open_ro(NULL, c->key, err, sizeof err);
	return cli_profile_checked(sub, c, p, err, true);
}

/* cli_profile_read for a backup, which keeps the ratings the
 * catalogue hides and says so itself. */
struct profile *cli_profile_backup(const char *sub,
				   const struct catalog *c)
{
	char err[512] = "";
	struct profile *p = profile_open_ro(NULL, c->key, err, sizeof err);
	return cli_profile_checked(sub, c, p, err, false);
}

/* Your shown ratings of the catalogue into s->you, and your signals of
 * items you have not rated (stats_signals), read-only (0 when there is
 * no journal yet); s->you is -1 after a warning when a journal cannot
 * be read: the statistics are the catalogue's, shown without your
 * lines. */
static void cli_your_counts(const struct catalog *c, struct stats *s)
{
	char err[512] = "";
	struct profile *p = profile_open_ro(NULL, c->key, err, sizeof err);
	struct profile *sig = p ? import_signals_read(c, err, sizeof err)
				: NULL;
	s->you = -1;
	if (!p || !sig) {
		cli_error("stats", _("warning: %s (your ratings are left "
				     "out)"), err);
	} else {
		cli_profile_checked("stats", c, p, err, true);
		s->you = (int64_t)profile_count(p);
		stats_signals(p, sig, s);
	}
	profile_close(p);
	profile_close(sig);
}

/* ---------------------------------------------------------------------
 * stats
 * ------------------------------------------------------------------- */

/* Print text wrapped at spaces to lines of at most cols columns. */
static void cli_print_wrapped(const char *text, size_t cols, FILE *f)
{
	size_t used = 0;
	while (*text) {
		while (*text == ' ')
			text++;
		size_t len = strcspn(text, " ");
		char *word = xstrndup(text, len);
		size_t w = text_width(word);
		if (used && used + 1 + w > cols) {
			fputc('\n', f);
			used = 0;
		}
		fprintf(f, "%s%s", used ? " " : "", word);
		used += (used ? 1 : 0) + w;
		free(word);
		text += len;
	}
	fputc('\n', f);
}

/* Help for taste stats. */
static void cli_stats_help(FILE *f)
{
	fputs(_("Usage: taste stats [--catalog NAME|DIR] [--json]\n"
		"Statistics of the catalogue: counts, density, the rating "
		"histogram, ratings\nper user and per item, the most and "
		"best rated items, and the import report;\nyour ratings and "
		"your signals (items seen or wanted, not rated).\n\n"
		"  --json       as JSON\n"
		"  -h, --help   this help\n"), f);
}

/* taste stats: the catalogue's statistics. */
static int cli_stats(int argc, char **argv, struct taste_opts *opts)
{
	static const struct option longs[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	bool json = false;
	int c;
	cli_getopt_reset();
	while ((c = getopt_long(argc, argv, ":h", longs, NULL)) != -1) {
		if (c == 'h') {
			cli_stats_help(stdout);
			return 0;
		}
		if (c != 'j')
			return cli_bad_option("stats", argv, c);
		json = true;
	}
	if (optind != argc)
		return cli_usage_error("stats", _("stats takes no "
						  "arguments"));
	struct catalog *cat = cli_open_catalog("stats", opts, false);
	if (!cat)
		return EXIT_DATA;
	struct stats s;
	stats_compute(cat, &s);
	cli_your_counts(cat, &s);
	s.ascii = cli_ascii(opts);
	if (json) {
		stats_print_json(cat, &s, stdout);
	} else {
		stats_print(cat, &s, stdout);
		const char *note = catalog_missing_note(cat);
		if (note) {
			putchar('\n');
			cli_print_wrapped(note, CLI_COLS - 2, stdout);
		}
	}
	stats_free(&s);
	catalog_free(cat);
	return 0;
}

/* ---------------------------------------------------------------------
 * rate
 * ------------------------------------------------------------------- */

struct rate_args {
	const char *title, *id, *value;
	bool clear;
};

/* Help for taste rate. */
static void cli_rate_help(FILE *f)
{
	fputs(_("Usage: taste rate TITLE RATING [--catalog NAME|DIR]\n"
		"       taste rate TITLE --clear\n"
		"       taste rate --id ID RATING | --id ID --clear\n"
		"Rate an item of the catalogue, or clear your rating.\n"
		"TITLE is the title, with or without its year (\"The Matrix "
		"(1999)\",\n\"Matrix, The (1999)\"), ignoring case and "
		"accents. A title that is not exact\nis searched for: words "
		"as prefixes (\"matrix 1999\"). When several items match,\n"
		"none is rated: they are listed with their ids. RATING must "
		"be on the\ncatalogue's scale (movies 0.5-5 in halves, books "
		"1-5). The rating is on disk\nbefore this command says so."
		"\n\n"
		"  --id ID      the item with this catalogue id instead of a "
		"title\n"
		"  --clear      clear your rating (with none, your seen or "
		"wanted)\n"
		"  -h, --help   this help\n"), f);
}

/* Parse taste rate's arguments. */
static int cli_rate_parse(int argc, char **argv, struct rate_args *a)
{
	static const struct option longs[] = {
		{ "id", required_argument, NULL, 'i' },
		{ "clear", no_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	int c;
	cli_getopt_reset();
	while ((c = getopt_long(argc, argv, ":h", longs, NULL)) != -1) {
		switch (c) {
		case 'h':
			cli_rate_help(stdout);
			return 0;
		case 'i':
			a->id = optarg;
			break;
		case 'x':
			a->clear = true;
			break;
		default:
			return cli_bad_option("rate", argv, c);
		}
	}
	int want = (a->id ? 0 : 1) + (a->clear ? 0 : 1);
	if (argc - optind != want)
		return cli_usage_error("rate", argc - optind < want
				       ? _("what and how? (taste rate TITLE "
					   "RATING)")
				       : _("too many arguments (quote a "
					   "title with spaces)"));
	if (!a->id)
		a->title = argv[optind++];
	if (!a->clear)
		a->value = argv[optind];
	return CLI_GO_ON;
}

/* Most candidates listed for an ambiguous title. */
#define RATE_CANDIDATES 10

/* s as one shell word: as it is when it is plain, else single-quoted
 * (a ' inside written '\''), so the line can be pasted. */
static char *cli_shell_word(const char *s)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyz"
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/:=+-,";
	if (*s && strspn(s, plain) == strlen(s))
		return xstrdup(s);
	size_t len = 2;
	for (const char *p = s; *p; p++)
		len += *p == '\'' ? 4 : 1;
	char *w = xmalloc(len + 1), *o = w;
	*o++ = '\'';
	for (const char *p = s; *p; p++) {
		if (*p == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else {
			*o++ = *p;
		}
	}
	*o++ = '\'';
	*o = '\0';
	return w;
}

/* The command that runs sub on item i, for pasting: "taste [--catalog
 * C] SUB --id ID[ TAIL]", made safe for a terminal. */
static char *cli_id_command(const struct catalog *c, uint32_t i,
			    const char *sub, const char *catalog,
			    const char *tail)
{
	bool plain = !catalog || strcmp(catalog, "movies") == 0;
	char *cat = plain ? xstrdup("") : cli_shell_word(catalog);
	char *id = cli_shell_word(intern_str(c->item_ids, i));
	char *end = tail && *tail ? cli_shell_word(tail) : xstrdup("");
	char *cmd = xasprintf("taste %s%s%s%s --id %s%s%s",
			      plain ? "" : "--catalog ", cat,
			      plain ? "" : " ", sub, id, *end ? " " : "",
			      end);
	char *safe = safe_dup(cmd);
	free(cat);
	free(id);
	free(end);
	free(cmd);
	return safe;
}

/* List the best candidates of an ambiguous title with their ids, then
 * the exact command that runs sub on the first, to edit and paste. */
static void cli_title_candidates(const char *sub, const struct catalog *c,
				 const char *title, const char *catalog,
				 const char *tail,
				 const struct taste_opts *opts,
				 const uint32_t *cand, size_t n)
{
	size_t shown = n < RATE_CANDIDATES ? n : RATE_CANDIDATES, wide = 0;
	char ids[RATE_CANDIDATES][128 * SAFE_GROWTH];
	cli_error(sub, ngettext("\"%s\" matches %zu item in %s; pick one by "
				"its id:", "\"%s\" matches %zu items in %s; "
				"pick one by its id:", n), title, n, c->name);
	for (size_t k = 0; k < shown; k++) {
		safe_text(intern_str(c->item_ids, cand[k]), ids[k],
			  sizeof ids[k]);
		size_t w = text_width(ids[k]);
		wide = w > wide ? w : wide;
	}
	for (size_t k = 0; k < shown; k++) {
		size_t used = 7 + wide + 2;   /* "  --id " ID "  " */
		char label[512];
		catalog_item_label_fit(c, cand[k], used + 8 < CLI_COLS
				       ? CLI_COLS - used : 8,
				       cli_ascii(opts), label, sizeof label);
		fprintf(stderr, "  --id %s%*s  %s\n", ids[k],
			(int)(wide - text_width(ids[k])), "", label);
	}
	if (n > shown)
		fprintf(stderr, ngettext("  ... and %zu more: add words or "
					 "the year to the title\n",
					 "  ... and %zu more: add words or "
					 "the year to the title\n",
					 n - shown), n - shown);
	char *cmd = cli_id_command(c, cand[0], sub, catalog, tail);
	fprintf(stderr, _("For example: %s\n"), cmd);
	free(cmd);
}

/* The item a typed title means; INTERN_NONE after a message. search_
 * title never guesses between several items. */
uint32_t cli_title_item(const char *sub, const struct catalog *c,
			const char *title, const char *catalog,
			const char *tail, const struct taste_opts *opts)
{
	uint32_t cand[RATE_CANDIDATES];
	size_t n = search_title(c, title, cand, ARRAY_LEN(cand), NULL);
	if (n == 1)
		return cand[0];
	if (n == 0)
		cli_error(sub, _("nothing in %s matches \"%s\""), c->name,
			  title);
	else
		cli_title_candidates(sub, c, title, catalog, tail, opts, cand,
				     n);
	return INTERN_NONE;
}

/* The item the arguments of rate mean; INTERN_NONE after a message. */
static uint32_t cli_rate_item(const struct catalog *c,
			      const struct rate_args *a,
			      const struct taste_opts *opts)
{
	if (!a->id)
		return cli_title_item("rate", c, a->title, opts->catalog,
				      a->clear ? "--clear" : a->value, opts);
	uint32_t i = catalog_find_id(c, a->id);
	if (i == INTERN_NONE)
		cli_error("rate", _("no item with id %s in %s"), a->id,
			  c->name);
	return i;
}

/* The value of RATING on the catalogue's scale, at its step; false
 * after a message (*code says which exit). */
static bool cli_rate_value(const struct catalog *c, const char *s,
			   double *v, int *code)
{
	bool nf;
	char scale[64];
	scale_describe(&c->scale, scale, sizeof scale);
	if (!scale_parse(s, v, &nf)) {
		cli_error("rate", _("not a rating: %s (the scale is %s)"), s,
			  scale);
		*code = EXIT_USAGE;
		return false;
	}
	if (scale_check(&c->scale, *v) != SCALE_OK) {
		cli_error("rate", _("%s is not on this catalogue's scale "
				    "(%s)"), s, scale);
		*code = EXIT_USAGE;
		return false;
	}
	*v = scale_round(&c->scale, *v);        /* as the journal keeps it */
	return true;
}

/* After a rating is cleared: say when the item is still seen or
 * wanted (a signal the rating hid), and how that goes too. */
static void cli_rate_signal_left(const struct catalog *c, const char *id)
{
	char err[512];
	struct profile *s = import_signals_read(c, err, sizeof err);
	double v;

	if (s && profile_get(s, id, &v))
		printf(_("; it is still %s (--clear again clears that)"),
		       v == IMPORT_SIGNAL_WANT ? _("wanted") : _("seen"));
	profile_close(s);
}

/* --clear of an item you did not rate: clear your signal of it (seen
 * or wanted, from an import), when you have one. */
static int cli_rate_clear_signal(const struct catalog *c, uint32_t i,
				 const char *label)
{
	char err[512], *name = import_signals_name(c->key);
	const char *id = intern_str(c->item_ids, i);
	struct profile *s = NULL;
	double v;
	int rc = 0;

	if (import_journal_exists(name) &&
	    !(s = import_signals_open(c, err, sizeof err))) {
		free(name);
		cli_error("rate", "%s", err);
		return EXIT_DATA;
	}
	free(name);
	if (!s || !profile_get(s, id, &v)) {
		profile_close(s);
		printf(_("You had not rated %s in %s\n"), label, c->name);
		return 0;
	}
	if (profile_clear(s, id, err, sizeof err) != 0) {
		cli_error("rate", _("cannot clear %s: %s; nothing was "
				    "changed"), label, err);
		rc = EXIT_DATA;
	} else {
		printf(_("Cleared %s in %s: no longer %s\n"), label, c->name,
		       v == IMPORT_SIGNAL_WANT ? _("wanted") : _("seen"));
	}
	profile_close(s);
	return rc;
}

/* Write (or clear) the rating and say so. The profile is validated
 * first, so profile_set refuses what the catalogue's scale does not
 * hold, and says why. */
static int cli_rate_save(const struct catalog *c, uint32_t i, bool clear,
			 double v, const struct taste_opts *opts)
{
	char err[512], raw[512], label[512 * SAFE_GROWTH], stars[64];
	struct profile *p = cli_profile_open("rate", c);
	if (!p)
		return EXIT_DATA;
	catalog_item_label(c, i, raw, sizeof raw);
	safe_text(raw, label, sizeof label);
	const char *id = intern_str(c->item_ids, i);
	bool had = profile_get(p, id, NULL);
	if (clear && !had) {
		profile_close(p);
		return cli_rate_clear_signal(c, i, label);
	}
	int rc = clear ? profile_clear(p, id, err, sizeof err)
		       : profile_set(p, id, v, err, sizeof err);
	profile_close(p);
	if (rc != 0) {
		cli_error("rate", clear ? _("cannot clear your rating of %s: "
					    "%s; nothing was changed")
					: _("cannot rate %s: %s; nothing was "
					    "written"), raw, err);
		return EXIT_DATA;
	}
	if (clear) {
		printf(_("Cleared your rating of %s in %s"), label, c->name);
		cli_rate_signal_left(c, id);
		putchar('\n');
		return 0;
	}
	scale_format(&c->scale, v, true, stars, sizeof stars);
	printf(_("Rated %s in %s: %s"), label, c->name, stars);
	if (!opts->ascii) {
		scale_format(&c->scale, v, false, stars, sizeof stars);
		printf(" (%s)", stars);
	}
	putchar('\n');
	return 0;
}

/* taste rate: rate an item or clear its rating. */
static int cli_rate(int argc, char **argv, struct taste_opts *opts)
{
	struct rate_args a = { 0 };
	int rc = cli_rate_parse(argc, argv, &a);
	if (rc != CLI_GO_ON)
		return rc;
	struct catalog *c = cli_open_catalog("rate", opts, true);
	if (!c)
		return EXIT_DATA;
	double v = 0;
	uint32_t i = cli_rate_item(c, &a, opts);
	if (i == INTERN_NONE)
		rc = EXIT_DATA;
	else if (a.clear || cli_rate_value(c, a.value, &v, &rc))
		rc = cli_rate_save(c, i, a.clear, v, opts);
	catalog_free(c);
	return rc;
}

/* ---------------------------------------------------------------------
 * Global options and dispatch
 * ------------------------------------------------------------------- */

static const struct subcommand subcommands[] = {
	{ "check", N_("PATH"),
	  N_("check a ratings file and print its import report"),
	  cli_check, cli_check_help },
	{ "stats", "",
	  N_("statistics of the catalogue"), cli_stats, cli_stats_help },
	{ "rate", N_("TITLE RATING"),
	  N_("rate an item (or --clear your rating)"), cli_rate,
	  cli_rate_help },
	{ "import", N_("PATH"), N_("bring in a history or a dataset, "
	  "with its report"), cli_import_run, cli_import_help },
	{ "export", "", N_("write your profile as CSV"), cli_export_run,
	  cli_export_help },
	{ "regress", N_("CSV"), N_("linear regression: "
	  "gradient descent and closed form"), cli_regress_main,
	  cli_regress_help },
};

/* Subcommands cli_model may provide, named in the help when it does. */
static const char *const model_commands[] = {
	"train", "eval", "recommend", "similar", "regress" };

/* The subcommand called name, or NULL. */
static const struct subcommand *cli_find(const char *name)
{
	for (size_t k = 0; k < ARRAY_LEN(subcommands); k++)
		if (strcmp(subcommands[k].name, name) == 0)
			return &subcommands[k];
	return NULL;
}

/* The global help. */
static void cli_help(FILE *f)
{
	fputs(_("Usage: taste [OPTION]... [COMMAND [ARG]...]\n"
		"An offline book and movie recommender for the terminal. "
		"Without a command,\ntaste opens the full-screen "
		"browser.\n\nCommands:\n"), f);
	for (size_t k = 0; k < ARRAY_LEN(subcommands); k++) {
		char head[64];
		const char *args = subcommands[k].args;
		xsnprintf(head, sizeof head, "%s %s", subcommands[k].name,
			  *args ? _(args) : "");
		fprintf(f, "  %-18s %s\n", head, _(subcommands[k].summary));
	}
	char models[128] = "";
	size_t len = 0;
	for (size_t k = 0; k < ARRAY_LEN(model_commands); k++)
		if (cli_model_has(model_commands[k]))
			len += xsnprintf(models + len, sizeof models - len,
					 "%s%s", len ? ", " : "",
					 model_commands[k]);
	if (len)
		fprintf(f, _("  and the model commands: %s\n"), models);
	fputs(_("\nOptions (before or after the command):\n"
		"  --catalog NAME|DIR  movies (default), books, or a "
		"MovieLens or goodbooks\n"
		"                      directory\n"
		"  --data-dir DIR      keep profile, settings and caches in "
		"DIR (default: XDG)\n"
		"  --no-color          no colours (also when NO_COLOR is "
		"set)\n"
		"  --ascii             no braille, box or star glyphs\n"
		"  --no-mouse          ignore the mouse\n"
		"  -v                  write a debug log to the cache "
		"directory\n"
		"  -h, --help          this help\n"
		"  --version           the version and the BLAS in use\n\n"
		"Run 'taste COMMAND --help' for the options of a "
		"command.\n"), f);
}

/* --version. */
static void cli_version(void)
{
	printf("taste %s\n", PACKAGE_VERSION);
	printf(_("BLAS: %s\n"), TASTE_BLAS);
}

/* The value of a global option with a value, as "--opt V" or
 * "--opt=V"; NULL when arg is not that option. *i moves past V. */
static const char *cli_value(const char *name, int argc, char **argv,
			     int *i, bool *missing)
{
	size_t n = strlen(name);
	const char *arg = argv[*i];
	if (strncmp(arg, name, n) != 0)
		return NULL;
	if (arg[n] == '=')
		return arg + n + 1;
	if (arg[n])
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

/* Take one global flag out of argv; false when arg is none. */
static bool cli_flag(const char *arg, struct taste_opts *o, bool *version)
{
	if (strcmp(arg, "--no-color") == 0)
		o->no_color = true;
	else if (strcmp(arg, "--ascii") == 0)
		o->ascii = true;
	else if (strcmp(arg, "--no-mouse") == 0)
		o->no_mouse = true;
	else if (strcmp(arg, "-v") == 0 || strcmp(arg, "--verbose") == 0)
		o->verbose = true;
	else if (strcmp(arg, "--version") == 0)
		*version = true;
	else
		return false;
	return true;
}

/* Take the global options out of argv into o; the rest (subcommand
 * and its arguments) go to rest. -1 on a missing value. */
static int cli_globals(int argc, char **argv, struct taste_opts *o,
		       char **rest, int *n_rest, bool *version)
{
	bool missing = false, literal = false;
	*n_rest = 0;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (literal || strcmp(argv[i], "--") == 0) {
			literal = true;
			rest[(*n_rest)++] = argv[i];
		} else if ((v = cli_value("--catalog", argc, argv, &i,
					  &missing))) {
			o->catalog = v;
			o->catalog_given = true;
		} else if ((v = cli_value("--data-dir", argc, argv, &i,
					  &missing))) {
			o->data_dir = v;
		} else if (missing) {
			cli_usage_error(NULL, _("an option needs a value"));
			return -1;
		} else if (!cli_flag(argv[i], o, version)) {
			rest[(*n_rest)++] = argv[i];
		}
	}
	rest[*n_rest] = NULL;
	/* an empty value ("$DIR" unset in a script) is no directory: taken
	 * as none, it would write into the real profile */
	if ((o->catalog_given && !*o->catalog) ||
	    (o->data_dir && !*o->data_dir)) {
		cli_usage_error(NULL, o->data_dir && !*o->data_dir
				? _("--data-dir needs a directory, not an "
				    "empty value")
				: _("--catalog needs a name or a directory, "
				    "not an empty value"));
		return -1;
	}
	return 0;
}

/* Open the -v log in the cache directory. */
static void cli_open_log(int argc, char **argv)
{
	char err[512];
	const char *dir = paths_cache_dir(err, sizeof err);
	char *path = dir ? xasprintf("%s/taste.log", dir) : NULL;
	if (!path || log_open(path) != 0) {
		cli_error(NULL, _("cannot open the debug log: %s"),
			  dir ? strerror(errno) : err);
	} else {
		log_msg("taste %s started (%d arguments)", PACKAGE_VERSION,
			argc - 1);
		for (int i = 1; i < argc; i++)
			log_msg("  argv[%d] = %s", i, argv[i]);
	}
	free(path);
}

/* Run the subcommand rest[0] with its arguments. */
static int cli_dispatch(int n, char **rest, struct taste_opts *opts)
{
	if (strcmp(rest[0], "--") == 0 && n > 1) {
		rest++;         /* "taste -- check ...": no more options */
		n--;
	}
	const char *sub = rest[0];
	if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0 ||
	    strcmp(sub, "help") == 0) {
		const struct subcommand *s = n > 1 ? cli_find(rest[1]) : NULL;
		if (s)
			s->help(stdout);
		else
			cli_help(stdout);
		return 0;
	}
	char msg[256];
	if (sub[0] == '-') {
		xsnprintf(msg, sizeof msg, _("unknown option %s"), sub);
		return cli_usage_error(NULL, msg);
	}
	const struct subcommand *s = cli_find(sub);
	if (s)
		return s->run(n, rest, opts);
	if (cli_model_has(sub))
		return cli_model_main(sub, n, rest, opts);
	xsnprintf(msg, sizeof msg, _("unknown command %s"), sub);
	return cli_usage_error(NULL, msg);
}

/* Parse the global options and run a subcommand, or return -1 for the
 * TUI. */
int cli_main(int argc, char **argv, struct taste_opts *opts)
{
	bool version = false;
	char **rest = xcalloc((size_t)argc + 1, sizeof *rest);
	int n = 0, rc;
	if (cli_globals(argc, argv, opts, rest, &n, &version) != 0) {
		free(rest);
		return EXIT_USAGE;
	}
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		opts->no_color = true;
	if (!opts->catalog || !*opts->catalog)
		opts->catalog = "movies";
	paths_init(opts->data_dir);
	if (version) {
		cli_version();
		rc = 0;
	} else {
		if (opts->verbose)
			cli_open_log(argc, argv);
		rc = n ? cli_dispatch(n, rest, opts) : -1;
	}
	free(rest);
	return rc;
}
