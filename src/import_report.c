/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import_report: what an import found and will do, for people and as
 * JSON.
 *
 * The report for people counts items, not rows: an export names one
 * film in several files (Letterboxd's ratings, diary and watched), and
 * the rows after the first that wins add nothing to read. In order:
 *   the files' own reports (rows read, rejects with lines);
 *   the summary: items found (ratings, seen, wanted), not found and
 *   skipped; what will be written (new, changed) and what is there
 *   already; how many rows repeat an item of another row;
 *   the ratings an import changes, from what to what;
 *   how the items were found: by an id, by the same title and its
 *   year, author or ISBN (counts), and each found by less (an ISBN or
 *   a title alone, another title of the item, a year off, the words
 *   of the title), with the item, to be checked;
 *   every row not written and why (rows of one title and reason are
 *   one line with all their lines), except repeats that agree with
 *   the row that wins.
 * A read that was not matched (taste check) says what the rows are and
 * lists those skipped by rule. The JSON holds every row. */
#include <config.h>

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "import.h"
#include "import_priv.h"
#include "intern.h"
#include "json.h"
#include "safe.h"
#include "util.h"

static const char *const status_keys[IMPORT_STATUS_COUNT] = {
	"new", "changed", "unchanged", "kept", "rated", "unmatched",
	"skipped", "duplicate" };

static const char *const status_texts[IMPORT_STATUS_COUNT] = {
	N_("new"), N_("changed"), N_("unchanged"),
	N_("yours kept"), N_("already rated"), N_("unmatched"),
	N_("skipped"), N_("duplicate") };

const char *import_status_key(enum import_status s)
{
	return s < IMPORT_STATUS_COUNT ? status_keys[s] : "unknown";
}

const char *import_status_text(enum import_status s)
{
	return s < IMPORT_STATUS_COUNT ? _(status_texts[s]) : "?";
}

static const char *const via_keys[IMPORT_VIA_COUNT] = {
	NULL, "id", "imdb", "goodreads", "isbn", "title_author",
	"title_year", "title_near_year", "title", "title_words" };

static const char *const via_texts[IMPORT_VIA_COUNT] = {
	NULL, N_("by id"), N_("by IMDb id"), N_("by Goodreads id"),
	N_("by ISBN"), N_("by title and author"), N_("by title and year"),
	N_("by title and year +-1"), N_("by title alone"),
	N_("by the words of its title and year") };

const char *import_via_key(enum import_via v)
{
	return v < IMPORT_VIA_COUNT ? via_keys[v] : NULL;
}

const char *import_via_text(enum import_via v)
{
	return v < IMPORT_VIA_COUNT && via_texts[v] ? _(via_texts[v])
						    : NULL;
}

bool import_via_is_id(enum import_via v)
{
	return v == IMPORT_VIA_ID || v == IMPORT_VIA_IMDB ||
	       v == IMPORT_VIA_GOODREADS;
}

/* Rows import_apply would write. */
size_t import_pending(const struct import_result *r)
{
	return r->by_status[IMPORT_NEW] + r->by_status[IMPORT_CHANGED];
}

/* True when a row repeats an item another row of the import brings:
 * a superseded duplicate, or a signal of an item rated in the file. */
static bool row_repeat(const struct import_row *row)
{
	return row->status == IMPORT_DUPLICATE || row->rated_here;
}

/* True when a row is the one of its item that counts: found, and not
 * a repeat. */
static bool row_found(const struct import_row *row)
{
	return row->item != INTERN_NONE && row->status <= IMPORT_RATED &&
	       !row_repeat(row);
}

/* A value as the shortest text that reads back. */
static void fmt_value(char *buf, size_t n, double v)
{
	xsnprintf(buf, n, "%g", v);
}

/* "Title (Year)" of a row, or its id when it has no title. */
static void row_label(const struct import_row *row, char *buf, size_t n)
{
	const char *t = row->title ? row->title
		      : row->imdb ? row->imdb
		      : row->goodreads ? row->goodreads
		      : row->id ? row->id : "?";
	if (row->year)
		xsnprintf(buf, n, "%s (%d)", t, row->year);
	else
		xsnprintf(buf, n, "%s", t);
}

/* row_label and, for a row that names its item otherwise, the item:
 * "Der Exorzist (1973) = The Exorcist (1973)". */
static void row_label_as(const struct import_row *row, char *buf,
			 size_t n)
{
	row_label(row, buf, n);
	if (row->as_label) {
		size_t len = strlen(buf);
		xsnprintf(buf + len, n - len, " = %s", row->as_label);
	}
}

/* What the row held: "rating 7 (1-10)", "seen", "wanted"; a rating on
 * a scale of its own (a taste export's scale column) shows that one. */
static void row_what(const struct import_result *r,
		     const struct import_row *row, char *buf, size_t n)
{
	char v[32], sc[64];
	/* a shelf of your own (did-not-finish) says neither seen nor
	 * wanted: that is why it is skipped */
	if (row->status == IMPORT_SKIPPED && row->what == IMPORT_SEEN) {
		xsnprintf(buf, n, "%s", _("no rating"));
		return;
	}
	if (row->clear) {       /* of the rating, or of the seen or wanted */
		xsnprintf(buf, n, "%s", row->what == IMPORT_RATING
			  ? _("rating cleared") : _("seen or wanted cleared"));
		return;
	}
	if (row->what == IMPORT_SEEN) {
		xsnprintf(buf, n, "%s", _("seen"));
		return;
	}
	if (row->what == IMPORT_WANT) {
		xsnprintf(buf, n, "%s", _("wanted"));
		return;
	}
	fmt_value(v, sizeof v, row->value);
	scale_describe(row->has_scale ? &row->scale : &r->scale, sc,
		       sizeof sc);
	xsnprintf(buf, n, _("rating %s (%s)"), v, sc);
}

/* The counts of the summary. */
struct tally {
	size_t items;                   /* found items */
	size_t ratings, seen, wanted;   /* found rows of each */
	size_t cleared;                 /* found clears (taste export) */
	size_t unmatched, skipped;      /* titles not found, not taken */
	size_t repeats;                 /* rows repeating an item */
	size_t rated;                   /* signals of items you rated */
};

/* Distinct labels of the rows with status s. */
static size_t count_titles(const struct import_result *r,
			   enum import_status s)
{
	struct intern *seen = intern_new();
	for (size_t i = 0; i < r->n_rows; i++) {
		char label[512];
		if (r->rows[i].status != s)
			continue;
		row_label(&r->rows[i], label, sizeof label);
		intern_add(seen, label, strlen(label), NULL);
	}
	size_t n = intern_count(seen);
	intern_free(seen);
	return n;
}

/* Count what the summary says. */
static void tally(const struct import_result *r, struct tally *t)
{
	struct intern *items = intern_new();
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < r->n_rows; i++) {
		const struct import_row *row = &r->rows[i];
		t->repeats += row_repeat(row);
		t->rated += row->status == IMPORT_RATED && !row->rated_here;
		if (!row_found(row))
			continue;
		/* a taste export has a rating and a seen of one item */
		char key[16];
		size_t kn = xsnprintf(key, sizeof key, "%" PRIu32, row->item);
		intern_add(items, key, kn, NULL);
		if (row->clear)
			t->cleared++;
		else if (row->what == IMPORT_RATING)
			t->ratings++;
		else if (row->what == IMPORT_WANT)
			t->wanted++;
		else
			t->seen++;
	}
	t->items = intern_count(items);
	intern_free(items);
	t->unmatched = count_titles(r, IMPORT_UNMATCHED);
	t->skipped = count_titles(r, IMPORT_SKIPPED);
}

/* Some of the words the catalogue does not have, as "(a, b, ...)". */
static void print_unknown(const struct import_result *r, FILE *f)
{
	size_t n = r->n_words_unknown, shown = n < 8 ? n : 8;
	fputs(" (", f);
	for (size_t k = 0; k < shown; k++)
		safe_fprintf(f, "%s%s", k ? ", " : "", r->words_unknown[k]);
	fputs(n > shown ? ", ...)" : ")", f);
}

/* Which of your words the content model can read: those the
 * catalogue has as genres or tags; the others by name (a few). */
static void print_words(const struct import_result *r, FILE *f)
{
	size_t n = r->n_words_unknown;
	const char *cat = r->catalog ? r->catalog : "?";
	if (!r->words_known && !n)
		return;
	if (!r->words_known) {
		fprintf(f, _("  none of your words is a genre or tag of %s: "
			     "the content model cannot use them"), cat);
		print_unknown(r, f);
		fputc('\n', f);
		return;
	}
	fprintf(f, ngettext("  %zu of your words is a genre or tag of %s: "
			    "the content model reads it",
			    "  %zu of your words are genres or tags of %s: "
			    "the content model reads them",
			    r->words_known), r->words_known, cat);
	if (n) {
		fprintf(f, ngettext("; %zu is not", "; %zu are not", n), n);
		print_unknown(r, f);
	}
	fputc('\n', f);
}

/* True when a row changes what your profile says of its item: another
 * value (a clear of a value included, not a later time of a clear), or
 * a rating of an item you had as seen or wanted. */
static bool row_changes(const struct import_row *row)
{
	return (row->status == IMPORT_CHANGED &&
		!(row->clear && isnan(row->had))) ||
	       (row->status == IMPORT_NEW && !isnan(row->had_signal));
}

/* The summary lines after the file reports. */
static void print_summary(const struct import_result *r, FILE *f)
{
	struct tally t;
	const size_t *s = r->by_status;
	tally(r, &t);
	size_t found = t.items, changed = 0;
	for (size_t i = 0; i < r->n_rows; i++)
		changed += row_changes(&r->rows[i]);
	if (t.cleared)
		fprintf(f, ngettext("found: %zu item (%zu rated, %zu seen, "
				    "%zu wanted, %zu cleared); not found: "
				    "%zu; skipped: %zu\n", "found: %zu items "
				    "(%zu rated, %zu seen, %zu wanted, %zu "
				    "cleared); not found: %zu; skipped: %zu\n",
				    found), found, t.ratings, t.seen,
			t.wanted, t.cleared, t.unmatched, t.skipped);
	else
		fprintf(f, ngettext("found: %zu item (%zu rated, %zu seen, %zu "
			    "wanted); not found: %zu; skipped: %zu\n",
			    "found: %zu items (%zu rated, %zu seen, %zu "
			    "wanted); not found: %zu; skipped: %zu\n", found),
		found, t.ratings, t.seen, t.wanted, t.unmatched, t.skipped);
	/* a seen item now rated is new to the ratings journal, but a
	 * change to you: counted as the list of changes shows it */
	fprintf(f, _("  to write: %zu new, %zu changed\n"),
		s[IMPORT_NEW] + s[IMPORT_CHANGED] - changed, changed);
	if (s[IMPORT_UNCHANGED] || s[IMPORT_KEPT] || t.rated)
		fprintf(f, _("  in your profile already: %zu the same, %zu "
			     "yours kept (newer, or cleared since), %zu seen "
			     "or wanted of items you rated (not kept)\n"),
			s[IMPORT_UNCHANGED], s[IMPORT_KEPT], t.rated);
	if (r->words_planned && r->words_changed)
		fprintf(f, ngettext("  your shelves, tags or genres: %zu item "
				    "new or changed\n",
				    "  your shelves, tags or genres: %zu items "
				    "new or changed\n", r->words_changed),
			r->words_changed);
	if (r->words_planned)
		print_words(r, f);
	if (t.repeats)
		fprintf(f, ngettext("  %zu more row names an item another "
				    "row brings (a rating wins over seen or "
				    "wanted, then the latest row)\n",
				    "  %zu more rows name an item another "
				    "row brings (a rating wins over seen or "
				    "wanted, then the latest row)\n",
				    t.repeats), t.repeats);
	for (size_t i = 0; i < r->n_notes; i++) {
		fputs("  ", f);
		safe_fputs(r->notes[i], f);
		fputc('\n', f);
	}
}

/* Rows read and skipped by rule. */
static size_t count_skipped(const struct import_result *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_rows; i++)
		n += r->rows[i].status == IMPORT_SKIPPED;
	return n;
}

/* The summary of a read that matched nothing (taste check): what the
 * rows are, and what was skipped by rule, with the notes. */
static void print_read(const struct import_result *r, FILE *f)
{
	size_t n[3] = { 0 };    /* ratings, seen, wanted: not skipped */
	for (size_t i = 0; i < r->n_rows; i++)
		if (r->rows[i].status != IMPORT_SKIPPED)
			n[r->rows[i].what == IMPORT_RATING ? 0
			  : r->rows[i].what == IMPORT_WANT ? 2 : 1]++;
	fprintf(f, ngettext("read: %zu row (%zu rated, %zu seen, %zu "
			    "wanted, %zu skipped); not matched to a "
			    "catalogue\n",
			    "read: %zu rows (%zu rated, %zu seen, %zu "
			    "wanted, %zu skipped); not matched to a "
			    "catalogue\n", r->n_rows),
		r->n_rows, n[0], n[1], n[2], count_skipped(r));
	for (size_t i = 0; i < r->n_notes; i++) {
		fputs("  ", f);
		safe_fputs(r->notes[i], f);
		fputc('\n', f);
	}
}

/* "  ... and 3 more" under a list that shows shown of n lines. */
static void print_more(FILE *f, size_t n, size_t shown)
{
	if (n > shown)
		fprintf(f, ngettext("  ... and %zu more\n",
				    "  ... and %zu more\n", n - shown),
			n - shown);
}

/* One value of a journal as shown: a rating, or what a signal says. */
static void fmt_held(char *buf, size_t n, enum import_what what, double v)
{
	if (what == IMPORT_RATING)
		fmt_value(buf, n, v);
	else
		xsnprintf(buf, n, "%s", v == IMPORT_SIGNAL_WANT ? _("wanted")
								: _("seen"));
}

/* Each row that replaces what your profile holds, from what to what:
 * "Inception (2010): 4 -> 4.5, rating 9 (1-10 step 1)", "Hyperion
 * (1989): wanted -> 4". */
static void print_changed(const struct import_result *r, FILE *f,
			  size_t max_rows)
{
	size_t n = 0, shown = 0;
	for (size_t i = 0; i < r->n_rows; i++)
		n += row_changes(&r->rows[i]);
	if (!n)
		return;
	fprintf(f, ngettext("changed: %zu item, yours is replaced:\n",
			    "changed: %zu items, yours are replaced:\n", n),
		n);
	for (size_t i = 0; i < r->n_rows && (!max_rows || shown < max_rows);
	     i++) {
		const struct import_row *row = &r->rows[i];
		char label[512], had[64], now[64], what[96];
		if (!row_changes(row))
			continue;
		row_label_as(row, label, sizeof label);
		if (row->status == IMPORT_NEW)  /* a signal, now rated */
			fmt_held(had, sizeof had, IMPORT_SEEN,
				 row->had_signal);
		else
			fmt_held(had, sizeof had, row->what, row->had);
		fmt_held(now, sizeof now, row->what, row->what ==
			 IMPORT_RATING ? row->stored : row->what ==
			 IMPORT_WANT ? IMPORT_SIGNAL_WANT
				     : IMPORT_SIGNAL_SEEN);
		if (row->clear)
			xsnprintf(now, sizeof now, "%s", _("cleared"));
		fputs("  ", f);
		safe_fprintf(f, _("%s line %" PRIu64 ": %s: %s -> %s"),
			     row->file, row->line, label, had, now);
		if (row->what == IMPORT_RATING && row->has_scale) {
			row_what(r, row, what, sizeof what);
			safe_fprintf(f, ", %s", what);
		}
		fputc('\n', f);
		shown++;
	}
	print_more(f, n, shown);
}

/* True when a found row's match is to be checked: by less than an id
 * and not by its exact title (import_match keeps the item's label for
 * those only). */
static bool row_weak(const struct import_row *row)
{
	return row_found(row) && row->item_label;
}

/* "matched by an id: 5 items (4 by IMDb id, 1 by id)" and the items
 * found by their exact title. */
static void print_sure(const struct import_result *r, FILE *f)
{
	size_t by[IMPORT_VIA_COUNT] = { 0 }, ids = 0, exact = 0;
	for (size_t i = 0; i < r->n_rows; i++) {
		const struct import_row *row = &r->rows[i];
		if (!row_found(row))
			continue;
		if (row->item_label)    /* listed by print_weak */
			continue;
		by[row->via]++;
		ids += import_via_is_id(row->via);
		exact += !import_via_is_id(row->via);
	}
	if (ids) {
		char parts[256] = "";
		size_t len = 0;
		for (int v = 0; v < IMPORT_VIA_COUNT; v++)
			if (import_via_is_id(v) && by[v])
				len += xsnprintf(parts + len, sizeof parts -
						 len, "%s%zu %s", len ? ", "
						 : "", by[v],
						 import_via_text(v));
		fprintf(f, ngettext("matched by an id: %zu item (%s)\n",
				    "matched by an id: %zu items (%s)\n",
				    ids), ids, parts);
	}
	if (exact && r->books)
		fprintf(f, ngettext("matched by the same title and its "
				    "author or ISBN: %zu book\n",
				    "matched by the same title and its "
				    "author or ISBN: %zu books\n", exact),
			exact);
	else if (exact)
		fprintf(f, ngettext("matched by the same title and year: %zu "
				    "film\n", "matched by the same title and "
				    "year: %zu films\n", exact), exact);
}

/* Each item found by less than an id or its exact title, with the
 * item (max_rows of them, 0 for all). */
static void print_weak(const struct import_result *r, FILE *f,
		       size_t max_rows)
{
	size_t weak = 0, shown = 0;
	for (size_t i = 0; i < r->n_rows; i++)
		weak += row_weak(&r->rows[i]);
	if (!weak)
		return;
	if (r->books)
		fprintf(f, ngettext("matched by less (another title, an ISBN "
				    "or Goodreads id alone): %zu book, check "
				    "it:\n", "matched by less (another title, "
				    "an ISBN or Goodreads id alone): %zu "
				    "books, check them:\n", weak), weak);
	else
		fprintf(f, ngettext("matched by less (another title, a year "
				    "off, the words of the title): %zu film, "
				    "check it:\n",
				    "matched by less (another title, a year "
				    "off, the words of the title): %zu films, "
				    "check them:\n", weak), weak);
	for (size_t i = 0; i < r->n_rows && (!max_rows || shown < max_rows);
	     i++) {
		const struct import_row *row = &r->rows[i];
		char label[512];
		if (!row_weak(row))
			continue;
		row_label(row, label, sizeof label);
		fputs("  ", f);
		safe_fprintf(f, _("%s line %" PRIu64 ": %s -> %s, %s"),
			     row->file, row->line, label, row->item_label,
			     import_via_text(row->via));
		fputc('\n', f);
		shown++;
	}
	print_more(f, weak, shown);
}

/* True when a row is listed as not written: every row that is not
 * found, and the repeats whose rating differs from the one that wins
 * (a repeat that agrees, or a signal of an item the file rates, says
 * nothing new). */
static bool row_listed(const struct import_row *row)
{
	if (row->rated_here)
		return false;
	if (row->status == IMPORT_DUPLICATE)
		return row->conflicting;
	return row->status >= IMPORT_KEPT;
}

/* The text that groups rows in the list: status, title, what and why
 * ("unmatched\tParasite (2019)\trating 5 (...)\t..."), malloc'd. */
static char *group_key(const struct import_result *r,
		       const struct import_row *row)
{
	char label[512];
	(void)r;
	row_label(row, label, sizeof label);
	return xasprintf("%d\t%s\t%s", (int)row->status, label,
			 row->why ? row->why : "");
}

/* What the rows of the group of row k held, each once: "rating 5
 * (0.5-5 step 0.5), seen". */
static void group_what(const struct import_result *r, const char **keys,
		       size_t k, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = k; i < r->n_rows; i++) {
		char what[96];
		if (keys[i] != keys[k])
			continue;
		row_what(r, &r->rows[i], what, sizeof what);
		if (!strstr(buf, what) && len < n - 1)
			len += xsnprintf(buf + len, n - len, "%s%s",
					 len ? ", " : "", what);
	}
}

/* The rows of the group of row k (rows k.. with the same key): their
 * files and lines, "ratings.csv line 19, diary.csv line 20", the
 * title, what they held and why. */
static void print_group(const struct import_result *r, const char **keys,
			size_t k, FILE *f)
{
	const struct import_row *row = &r->rows[k];
	char label[512], what[256];
	fputs("  ", f);
	for (size_t i = k, n = 0; i < r->n_rows; i++) {
		if (keys[i] != keys[k])
			continue;
		safe_fprintf(f, _("%s%s line %" PRIu64), n++ ? ", " : "",
			     r->rows[i].file, r->rows[i].line);
	}
	row_label_as(row, label, sizeof label);
	group_what(r, keys, k, what, sizeof what);
	safe_fprintf(f, ": %s: %s, %s", import_status_text(row->status),
		     label, what);
	if (row->why)
		safe_fprintf(f, ": %s", row->why);
	fputc('\n', f);
}

/* Every row not written and why under the heading head, rows of one
 * title, status and reason on one line (max_rows lines, 0 for all); a
 * file for another catalogue, one line for all its rows. */
static void print_not_written(const struct import_result *r, FILE *f,
			      const char *head, size_t max_rows)
{
	if (r->elsewhere) {
		size_t n = r->by_status[IMPORT_UNMATCHED];
		fputs(head, f);
		fprintf(f, ngettext("  all %zu row: ", "  all %zu rows: ", n),
			n);
		for (size_t i = 0; i < r->n_rows; i++)
			if (r->rows[i].status == IMPORT_UNMATCHED) {
				safe_fputs(r->rows[i].why, f);
				fputc('\n', f);
				break;
			}
		return;
	}
	struct intern *groups = intern_new();
	const char **keys = xcalloc(r->n_rows + 1, sizeof *keys);
	bool *first = xcalloc(r->n_rows + 1, sizeof *first);
	for (size_t i = 0; i < r->n_rows; i++) {
		if (!row_listed(&r->rows[i]))
			continue;
		char *key = group_key(r, &r->rows[i]);
		bool added;
		uint32_t g = intern_add(groups, key, strlen(key), &added);
		keys[i] = g == INTERN_NONE ? NULL : intern_str(groups, g);
		first[i] = added;
		free(key);
	}
	size_t n = intern_count(groups), shown = 0;
	if (n)
		fputs(head, f);
	for (size_t i = 0; i < r->n_rows && (!max_rows || shown < max_rows);
	     i++)
		if (first[i]) {
			print_group(r, keys, i, f);
			shown++;
		}
	print_more(f, n, shown);
	free(first);
	free(keys);
	intern_free(groups);
}

/* The whole report for people. */
void import_print(const struct import_result *r, FILE *f, size_t max_rows)
{
	fprintf(f, _("format: %s (%s)"), r->fmt ? r->fmt->name : "?",
		r->fmt ? _(r->fmt->label) : "?");
	if (r->catalog) {
		fputs(_(", into "), f);
		safe_fputs(r->catalog, f);
	}
	fputc('\n', f);
	for (size_t k = 0; k < r->n_reports; k++)
		report_print(&r->reports[k], f, max_rows);
	if (!r->matched) {
		print_read(r, f);
		print_not_written(r, f, _("skipped, and why:\n"), max_rows);
		return;
	}
	print_summary(r, f);
	print_changed(r, f, max_rows);
	print_sure(r, f);
	print_weak(r, f, max_rows);
	print_not_written(r, f, _("not written, and why:\n"), max_rows);
}

/* One row as JSON: "value" on the source's scale ("scale"), "shown"
 * on the catalogue's (what the stars show), "had" what your profile
 * held before (on the catalogue's scale; a signal's "seen"). */
static void json_row(const struct import_result *r,
		     const struct import_row *row, FILE *f)
{
	static const char *const whats[] = { "rating", "seen", "wanted" };
	bool rating = row->what == IMPORT_RATING && !row->clear;
	char sc[64];
	fputs("{\"file\": ", f);
	json_string(f, row->file);
	fprintf(f, ", \"line\": %" PRIu64 ", \"what\": \"%s\", ", row->line,
		!row->clear ? whats[row->what] : row->what == IMPORT_RATING
		? "cleared" : "unmarked");
	fputs("\"value\": ", f);
	if (rating)
		json_number(f, row->value);
	else
		fputs("null", f);
	scale_format_spec(row->has_scale ? &row->scale : &r->scale, sc,
			  sizeof sc);
	fputs(", \"scale\": ", f);
	json_string(f, rating ? sc : NULL);
	fputs(", \"shown\": ", f);
	if (rating && r->matched && row->status <= IMPORT_KEPT)
		json_number(f, row->stored);
	else
		fputs("null", f);
	fputs(", \"had\": ", f);
	/* what the ratings journal held (also for a clear of it) */
	if (!isnan(row->had) && row->what == IMPORT_RATING)
		json_number(f, row->had);
	else if (!isnan(row->had))
		json_string(f, row->had == IMPORT_SIGNAL_WANT ? "wanted"
							      : "seen");
	else
		fputs("null", f);
	fputs(", \"genres\": ", f);
	json_string(f, row->genres);
	fputs(", \"tags\": ", f);
	json_string(f, row->tags);
	fputs(", \"title\": ", f);
	json_string(f, row->title);
	fprintf(f, ", \"year\": %d, \"status\": ", row->year);
	json_string(f, r->matched || row->status == IMPORT_SKIPPED
		       ? import_status_key(row->status) : NULL);
	fputs(", \"match\": ", f);
	json_string(f, row->item != INTERN_NONE ? import_via_key(row->via)
						 : NULL);
	fputs(", \"item\": ", f);
	json_string(f, row->item != INTERN_NONE && r->item_ids
		       ? intern_str(r->item_ids, row->item) : NULL);
	fputs(", \"why\": ", f);
	json_string(f, row->why);
	fputc('}', f);
}

/* The report as one JSON object. */
void import_print_json(const struct import_result *r, FILE *f)
{
	fputs("{\"format\": ", f);
	json_string(f, r->fmt ? r->fmt->name : NULL);
	fputs(", \"catalog\": ", f);
	json_string(f, r->catalog);
	fputs(", \"files\": [", f);
	for (size_t k = 0; k < r->n_reports; k++) {
		fputs(k ? ", " : "", f);
		report_print_json(&r->reports[k], f);
	}
	fputs("], \"counts\": {", f);
	if (!r->matched)        /* read only: no status but skipped */
		fprintf(f, "\"read\": %zu, \"skipped\": %zu", r->n_rows,
			count_skipped(r));
	for (int s = 0; r->matched && s < IMPORT_STATUS_COUNT; s++)
		fprintf(f, "%s\"%s\": %zu", s ? ", " : "", status_keys[s],
			r->by_status[s]);
	fputs("}, \"notes\": [", f);
	for (size_t i = 0; i < r->n_notes; i++) {
		fputs(i ? ", " : "", f);
		json_string(f, r->notes[i]);
	}
	fputs("], \"rows\": [", f);
	for (size_t i = 0; i < r->n_rows; i++) {
		fputs(i ? ",\n  " : "\n  ", f);
		json_row(r, &r->rows[i], f);
	}
	fputs("]}\n", f);
}
