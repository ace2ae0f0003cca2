/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import_match: finding each imported row's item in the catalogue,
 * planning it against the profile, writing it, and exporting the
 * profile in taste's own CSV.
 *
 * Keys, built once per match from the catalogue: catalogue ids; IMDb
 * numbers (ext_id of MovieLens items from links.csv, "tt" and leading
 * zeros stripped on both sides); Goodreads book ids (ext_id of
 * goodbooks items); ISBN-13s (catalog item isbns); folded titles, each
 * item under its folded title and, when that has a bracketed part
 * ("amelie le fabuleux destin..."), also under the part before it.
 * A key held by several items never matches by itself: title + year
 * with +-1 year, or title + author, must leave exactly one, else the
 * row is unmatched as ambiguous, never guessed.
 *
 * Several rows of one item: a rating beats a signal, seen beats
 * wanted, and among equals the latest time wins (ties: the later
 * row); the others are duplicates. */
#include <config.h>

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "csvwrite.h"
#include "i18n.h"
#include "import.h"
#include "import_priv.h"
#include "intern.h"
#include "profile.h"
#include "text.h"
#include "usertags.h"
#include "util.h"

/* A key table: key -> first item, items chained through next. */
struct keys {
	struct intern *t;
	uint32_t *first;
	size_t cap;
};

struct index {
	const struct catalog *c;
	struct keys imdb, goodreads, isbn, title;
	uint32_t *next_imdb, *next_gr, *next_isbn, *next_title;
	bool has_imdb, has_isbn;
	int last_year;           /* the latest item's year, 0 if none */
	bool screen;            /* import_result.screen */
};

/* Add item i under key s (len bytes), chained through next. */
static void keys_add(struct keys *k, uint32_t *next, const char *s,
		     size_t len, uint32_t i)
{
	bool added;
	uint32_t x = intern_add(k->t, s, len, &added);
	if (x == INTERN_NONE)
		return;
	xgrow((void **)&k->first, &k->cap, (size_t)x + 1, sizeof *k->first);
	if (added) {
		k->first[x] = i;
		next[i] = INTERN_NONE;
		return;
	}
	/* keep the chain in item order: append at the end */
	uint32_t j = k->first[x];
	if (j == i)
		return;
	while (next[j] != INTERN_NONE && next[j] != i)
		j = next[j];
	if (next[j] == INTERN_NONE) {
		next[j] = i;
		next[i] = INTERN_NONE;
	}
}

/* The first item under key s, or INTERN_NONE. */
static uint32_t keys_first(const struct keys *k, const char *s)
{
	uint32_t x = intern_find(k->t, s);
	return x == INTERN_NONE ? INTERN_NONE : k->first[x];
}

/* A chain of items per key can hold an item once per table, so each
 * table has its own next array. */
static uint32_t *new_next(uint32_t n)
{
	uint32_t *v = xmalloc(((size_t)n + 1) * sizeof *v);
	for (uint32_t i = 0; i <= n; i++)
		v[i] = INTERN_NONE;
	return v;
}

/* The key a title is matched by (text_title_key). */
static char *match_key(const char *s, size_t n)
{
	char *raw = xstrndup(s, n);
	char *key = text_title_key(raw);
	free(raw);
	return key;
}

/* Add item i under the match key of the n bytes at s. */
static void index_title_key(struct index *ix, uint32_t i, const char *s,
			    size_t n)
{
	char *key = match_key(s, n);
	if (*key)
		keys_add(&ix->title, ix->next_title, key, strlen(key), i);
	free(key);
}

/* Index item i under its title, the part before its brackets and each
 * bracketed part ("Seven (a.k.a. Se7en)": seven, se7en; "And Your
 * Mother Too (Y tu mamá también)": both titles), and a book's original
 * title. */
static void index_title(struct index *ix, uint32_t i)
{
	const struct item *it = &ix->c->items[i];
	const char *t = it->title;
	index_title_key(ix, i, t, strlen(t));
	const char *paren = strchr(t, '(');
	if (paren && paren > t)
		index_title_key(ix, i, t, (size_t)(paren - t));
	for (const char *p = paren; p; p = strchr(p, '(')) {
		const char *q = ++p;
		int depth = 1;
		for (; *q && depth; q++)
			depth += *q == '(' ? 1 : *q == ')' ? -1 : 0;
		index_title_key(ix, i, p, (size_t)(q - p) - (depth == 0));
		p = q;
	}
	if (it->alt_title)
		index_title_key(ix, i, it->alt_title, strlen(it->alt_title));
}

/* Build every key table of c. */
static void index_build(struct index *ix, const struct catalog *c)
{
	memset(ix, 0, sizeof *ix);
	ix->c = c;
	ix->imdb.t = intern_new();
	ix->goodreads.t = intern_new();
	ix->isbn.t = intern_new();
	ix->title.t = intern_new();
	ix->next_imdb = new_next(c->n_items);
	ix->next_gr = new_next(c->n_items);
	ix->next_isbn = new_next(c->n_items);
	ix->next_title = new_next(c->n_items);
	char num[64];
	for (uint32_t i = 0; i < c->n_items; i++) {
		const struct item *it = &c->items[i];
		if (it->year > ix->last_year)
			ix->last_year = it->year;
		index_title(ix, i);
		if (it->ext_id && c->kind == CATALOG_GOODBOOKS) {
			keys_add(&ix->goodreads, ix->next_gr, it->ext_id,
				 strlen(it->ext_id), i);
		} else if (it->ext_id &&
			   import_imdb_number(it->ext_id, num, sizeof num)) {
			keys_add(&ix->imdb, ix->next_imdb, num, strlen(num),
				 i);
			ix->has_imdb = true;
		}
		for (const char *s = it->isbns; s && *s;) {
			size_t n = strcspn(s, " ");
			keys_add(&ix->isbn, ix->next_isbn, s, n, i);
			ix->has_isbn = true;
			s += n + (s[n] == ' ');
		}
	}
}

static void keys_free(struct keys *k)
{
	intern_free(k->t);
	free(k->first);
}

static void index_free(struct index *ix)
{
	keys_free(&ix->imdb);
	keys_free(&ix->goodreads);
	keys_free(&ix->isbn);
	keys_free(&ix->title);
	free(ix->next_imdb);
	free(ix->next_gr);
	free(ix->next_isbn);
	free(ix->next_title);
}

/* The one item under a key, or INTERN_NONE (*several when more). */
static uint32_t only_item(const struct keys *k, const uint32_t *next,
			  const char *key, size_t *several)
{
	uint32_t i = keys_first(k, key);
	*several = 0;
	if (i == INTERN_NONE)
		return i;
	for (uint32_t j = next[i]; j != INTERN_NONE; j = next[j])
		++*several;
	if (*several) {
		++*several;
		return INTERN_NONE;
	}
	return i;
}

/* True when folded author a is one of the item's creators. */
static bool item_has_author(const struct item *it, const char *a)
{
	if (!it->creators || !*a)
		return false;
	char *f = text_fold(it->creators);
	bool found = false;
	size_t n = strlen(a);
	/* text_fold turns the ", " between authors into a space, so look
	 * for the author as a run of whole words */
	for (const char *p = strstr(f, a); p && !found; p = strstr(p + 1,
								    a))
		found = (p == f || p[-1] == ' ') &&
			(p[n] == '\0' || p[n] == ' ');
	free(f);
	return found;
}

/* How far item it is from a row of this year: 0 the same (or the row
 * gives none), 1 a year off, 2 the catalogue gives no year; -1 when
 * further. */
static int year_distance(const struct item *it, int year)
{
	if (!year)
		return 0;
	if (!it->year)
		return 2;
	int d = abs(it->year - year);
	return d > 1 ? -1 : d;
}

/* Words of a title that say something: not an article, "and" or
 * "of". */
static bool title_word(const char *w, size_t n)
{
	return !text_word_is(w, n, "the") && !text_word_is(w, n, "a") &&
	       !text_word_is(w, n, "an") && !text_word_is(w, n, "and") &&
	       !text_word_is(w, n, "of");
}

/* The parts of a title between ':', " - " and brackets, each as its
 * title key (text_title_key), into out (at most max); how many. */
static size_t title_parts(const char *t, char **out, size_t max)
{
	size_t n = 0;
	for (const char *p = t; *p && n < max;) {
		size_t len = 0;
		while (p[len] && p[len] != ':' && p[len] != '(' &&
		       p[len] != ')' && strncmp(p + len, " - ", 3) != 0)
			len++;
		char *part = xstrndup(p, len);
		char *key = text_title_key(part);
		free(part);
		if (*key)
			out[n++] = key;
		else
			free(key);
		p += len;
		p += *p == ' ' ? 3 : *p ? 1 : 0;
	}
	return n;
}

/* True when every part of the row's title is a part of the item's, in
 * order, and the item has more: "Star Wars: The Force Awakens" of "Star
 * Wars: Episode VII - The Force Awakens", not "Dead Man" of "Dead Man
 * Walking". */
static bool parts_within(char **rp, size_t rn, char **ip, size_t in)
{
	size_t j = 0;
	for (size_t k = 0; k < rn; k++) {
		while (j < in && strcmp(rp[k], ip[j]) != 0)
			j++;
		if (j++ >= in)
			return false;
	}
	return rn < in;
}

/* Free n parts. */
static void parts_free(char **p, size_t n)
{
	for (size_t k = 0; k < n; k++)
		free(p[k]);
}

/* The one movie of the row's year whose title's parts hold all the
 * parts of the row's (parts_within), which has two words or more:
 * "Star Wars: The Force Awakens" finds "Star Wars: Episode VII - The
 * Force Awakens". INTERN_NONE when none or several do. */
static uint32_t match_words(const struct index *ix,
			    const struct import_row *row)
{
	enum { MAX_PARTS = 8 };
	char *f = text_fold(row->title), *rp[MAX_PARTS], *ip[MAX_PARTS];
	size_t n_words = 0;
	for (const char *w = f; *w; w += strspn(w, " ")) {
		size_t k = strcspn(w, " ");
		n_words += title_word(w, k);
		w += k;
	}
	free(f);
	size_t rn = n_words >= 2 ? title_parts(row->title, rp, MAX_PARTS)
				 : 0;
	uint32_t found = INTERN_NONE;
	size_t hits = 0;
	for (uint32_t i = 0; rn && i < ix->c->n_items; i++) {
		const struct item *it = &ix->c->items[i];
		if (it->year != row->year)
			continue;
		size_t in = title_parts(it->title, ip, MAX_PARTS);
		if (parts_within(rp, rn, ip, in)) {
			found = i;
			hits++;
		}
		parts_free(ip, in);
	}
	parts_free(rp, rn);
	return hits == 1 ? found : INTERN_NONE;
}

/* True when key is item it's own title's, whole or before its
 * brackets, not only one of its other titles (a bracketed or original
 * one): "The Hobbit" is The Hobbit's, not "The Hobbit: Graphic
 * Novel"'s, which has it as its original title. */
static bool own_title(const struct item *it, const char *key)
{
	const char *t = it->title;
	const char *paren = strchr(t, '(');
	char *whole = match_key(t, strlen(t));
	bool own = strcmp(whole, key) == 0;
	free(whole);
	if (!own && paren && paren > t) {
		char *head = match_key(t, (size_t)(paren - t));
		own = strcmp(head, key) == 0;
		free(head);
	}
	return own;
}

/* How a title match was made, by what narrowed it. */
static enum import_via title_via(const struct import_row *row, bool books,
				 bool by_author, int d)
{
	if (books)
		return by_author ? IMPORT_VIA_TITLE_AUTHOR : IMPORT_VIA_TITLE;
	return !row->year || d == 2 ? IMPORT_VIA_TITLE
	       : d ? IMPORT_VIA_TITLE_NEAR_YEAR : IMPORT_VIA_TITLE_YEAR;
}

/* "; movies has nothing after 2018" when the row is of a later year
 * than every item (no title or id can find it there), else "". */
static const char *past_end(const struct index *ix,
			    const struct import_row *row, char *buf,
			    size_t n)
{
	buf[0] = '\0';
	if (row->year && ix->last_year && row->year > ix->last_year)
		xsnprintf(buf, n, _("; %s has nothing after %d"),
			  ix->c->name, ix->last_year);
	return buf;
}

/* The item of a title (its match key: match_key), narrowed by year
 * (+-1; an item without a year fits any, after those that fit it) or
 * author; a movie whose title finds nothing may be found by its words
 * and year (match_words). INTERN_NONE with the reason in row->why. */
static uint32_t match_title(const struct index *ix, struct import_row *row,
			    bool books)
{
	const char *t = row->title ? row->title : "";
	char shown[512];        /* the title as reasons quote it: 100
				   columns of up to 4 bytes, and "..." */
	xsnprintf(shown, sizeof shown, "%.*s%s", (int)text_fit(t, 100), t,
		  t[text_fit(t, 100)] ? "..." : "");
	char *key = match_key(t, strlen(t));
	char *author = NULL;
	if (books && row->creator) {
		author = text_fold(row->creator);
		text_trim(author);
	}
	bool by_author = author && *author;
	char end[128];
	uint32_t best = INTERN_NONE, first = keys_first(&ix->title, key);
	int best_rank = 99;
	size_t ties = 0, candidates = 0;
	for (uint32_t i = first; *key && i != INTERN_NONE;
	     i = ix->next_title[i]) {
		const struct item *it = &ix->c->items[i];
		candidates++;
		int d = books ? 0 : year_distance(it, row->year);
		if (d < 0 || (by_author && !item_has_author(it, author)))
			continue;
		/* at one distance, an item of this very title goes before
		 * one that has it only as another title */
		int rank = 2 * d + !own_title(it, key);
		if (rank < best_rank) {
			best = i;
			best_rank = rank;
			ties = 0;
		} else if (rank == best_rank) {
			ties++;
		}
	}
	if (best != INTERN_NONE && !ties)
		row->via = title_via(row, books, by_author, best_rank / 2);
	if (best == INTERN_NONE && !candidates && !books && row->year &&
	    (best = match_words(ix, row)) != INTERN_NONE)
		row->via = IMPORT_VIA_TITLE_WORDS;
	if (best != INTERN_NONE && ties) {
		row->why = xasprintf(_("%zu items titled \"%s\" fit: "
				       "ambiguous"), ties + 1, shown);
		best = INTERN_NONE;
	} else if (best == INTERN_NONE && !*key) {
		row->why = xstrdup(_("no title to match by"));
	} else if (best == INTERN_NONE && candidates && books) {
		row->why = xasprintf(_("\"%s\" is in the catalogue, but not "
				       "by %s"), shown, row->creator
				     ? row->creator : "?");
	} else if (best == INTERN_NONE && candidates) {
		row->why = xasprintf(_("\"%s\" is in the catalogue, but not "
				       "from %d (+-1)%s"), shown, row->year,
				     past_end(ix, row, end, sizeof end));
	} else if (best == INTERN_NONE) {
		row->why = xasprintf(_("no item titled \"%s\"%s"), shown,
				     past_end(ix, row, end, sizeof end));
	}
	free(author);
	free(key);
	return best;
}

/* The item of an IMDb id, or INTERN_NONE with why. */
static uint32_t match_imdb(const struct index *ix, struct import_row *row)
{
	char num[64], end[128];
	size_t several;
	if (!ix->has_imdb) {
		row->why = xstrdup(_("the catalogue has no IMDb ids (no "
				     "links.csv)"));
		return INTERN_NONE;
	}
	if (!import_imdb_number(row->imdb, num, sizeof num))
		return INTERN_NONE;
	uint32_t i = only_item(&ix->imdb, ix->next_imdb, num, &several);
	row->via = IMPORT_VIA_IMDB;
	if (i == INTERN_NONE)
		row->why = several
			? xasprintf(_("%zu items have IMDb id %s"), several,
				    row->imdb)
			: xasprintf(_("no item with IMDb id %s in %s%s"),
				    row->imdb, ix->c->name,
				    past_end(ix, row, end, sizeof end));
	return i;
}

/* True when title t, folded, is item it's title, or its title before a
 * bracket. */
static bool same_title_as(const struct item *it, const char *t)
{
	char *a = text_fold(t);
	bool same = strlen(a) == it->fold_title &&
		    memcmp(a, it->fold, it->fold_title) == 0;
	const char *paren = strstr(it->title, " (");
	if (!same && paren) {
		char *head = xstrndup(it->title, (size_t)(paren - it->title));
		char *h = text_fold(head);
		same = strcmp(a, h) == 0;
		free(h);
		free(head);
	}
	free(a);
	return same;
}

/* same_title of a title as MovieLens writes it ("Toy Story (1995)",
 * "Matrix, The"): the title read as the catalogue reads its own, and
 * its year, when it gives one, the item's. */
static bool same_movielens_title(const struct item *it, const char *t)
{
	struct title_parts tp;
	bool same;

	text_split_movie_title(t, &tp);
	same = strcmp(tp.title, t) != 0 && *tp.title &&
	       (!tp.year || !it->year || tp.year == it->year) &&
	       same_title_as(it, tp.title);
	free(tp.title);
	return same;
}

/* True when the row's title is item i's (folded: case, accents and
 * punctuation aside), whole or the part before its brackets ("Spirited
 * Away" of "Spirited Away (Sen to Chihiro no kamikakushi)"), also as
 * MovieLens writes it, or the row gives none. */
static bool same_title(const struct catalog *c, uint32_t i,
		       const struct import_row *row)
{
	const struct item *it = &c->items[i];
	if (!row->title || !*row->title)
		return true;
	return same_title_as(it, row->title) ||
	       same_movielens_title(it, row->title);
}

/* True when item i is by the row's author (folded). */
static bool same_author(const struct catalog *c, uint32_t i,
			const struct import_row *row)
{
	if (!row->creator)
		return false;
	char *a = text_fold(row->creator);
	bool same = item_has_author(&c->items[i], text_trim(a));
	free(a);
	return same;
}

/* The item of the row's ISBN-13, or INTERN_NONE: *several counts the
 * books that hold it when more than one does, and *other is the one
 * book that holds it when its title and author are both not the row's
 * (a mistyped ISBN, or a reading of goodbooks' rounded isbn13 that is
 * another book's), which is not taken. */
static uint32_t match_isbn(const struct index *ix, struct import_row *row,
			   size_t *several, uint32_t *other)
{
	*other = INTERN_NONE;
	uint32_t i = only_item(&ix->isbn, ix->next_isbn, row->isbn13,
			       several);
	bool told = (row->title && *row->title) || row->creator;
	if (i != INTERN_NONE && told && !same_title(ix->c, i, row) &&
	    !same_author(ix->c, i, row)) {
		*other = i;
		return INTERN_NONE;
	}
	return i;
}

/* Why a book was not found, after its title's reason tw: by Goodreads
 * id gr and the row's ISBN (several books, another book, or none). */
static char *book_why(const struct index *ix, const struct import_row *row,
		      size_t isbn_several, uint32_t isbn_other,
		      const char *tw)
{
	const char *gr = row->goodreads ? row->goodreads : "-";
	char label[256];
	if (isbn_several)
		return xasprintf(_("no book with Goodreads id %s; ISBN %s is "
				   "held by %zu books: ambiguous; %s"), gr,
				 row->isbn13, isbn_several, tw);
	if (isbn_other != INTERN_NONE) {
		catalog_item_label(ix->c, isbn_other, label, sizeof label);
		return xasprintf(_("no book with Goodreads id %s; ISBN %s is "
				   "%s by %s, not this title or author; %s"),
				 gr, row->isbn13, label,
				 ix->c->items[isbn_other].creators
				 ? ix->c->items[isbn_other].creators : "?",
				 tw);
	}
	if (row->isbn13 || row->isbn_bad)
		return xasprintf(_("no book with Goodreads id %s or ISBN %s; "
				   "%s"), gr, row->isbn13 ? row->isbn13
				 : row->isbn_bad, tw);
	return xasprintf(_("no book with Goodreads id %s (no ISBN given); "
			   "%s"), gr, tw);
}

/* A book by Goodreads id, then ISBN-13 (when the book found has the
 * row's title or author), then title and author. */
static uint32_t match_book(const struct index *ix, struct import_row *row)
{
	size_t several, isbn_several = 0;
	uint32_t i = INTERN_NONE, isbn_other = INTERN_NONE;
	if (row->goodreads)
		i = only_item(&ix->goodreads, ix->next_gr, row->goodreads,
			      &several);
	row->via = IMPORT_VIA_GOODREADS;
	if (i != INTERN_NONE && ((row->title && *row->title) ||
				 row->creator) &&
	    !same_title(ix->c, i, row) && !same_author(ix->c, i, row)) {
		/* neither its title nor its author: not this book's id (a
		 * column of the catalogue's book_id, say) */
		char label[256];
		catalog_item_label(ix->c, i, label, sizeof label);
		row->why = xasprintf(_("Goodreads id %s is %s, by %s: not this "
				       "title or author"), row->goodreads,
				     label, ix->c->items[i].creators
				     ? ix->c->items[i].creators : "?");
		return INTERN_NONE;
	}
	if (i == INTERN_NONE && row->isbn13) {
		i = match_isbn(ix, row, &isbn_several, &isbn_other);
		row->via = IMPORT_VIA_ISBN;
	}
	if (i != INTERN_NONE)
		return i;
	i = match_title(ix, row, true);
	if (i == INTERN_NONE) {
		char *title_why = row->why;
		row->why = book_why(ix, row, isbn_several, isbn_other,
				    title_why ? title_why : "");
		free(title_why);
	}
	return i;
}

/* The item of a catalogue id, or INTERN_NONE with why. Ids are only
 * meaningful in the catalogue they come from: when the row names a
 * title and the item here has another, the row is another catalogue's
 * (a books export into movies) and is never taken. */
static uint32_t match_id(const struct index *ix, struct import_row *row)
{
	uint32_t i = catalog_find_id(ix->c, row->id);
	row->via = IMPORT_VIA_ID;
	if (i == INTERN_NONE) {
		row->why = xasprintf(_("no item with id %s in %s"), row->id,
				     ix->c->name);
	} else if (!same_title(ix->c, i, row)) {
		char label[256];
		catalog_item_label(ix->c, i, label, sizeof label);
		row->why = xasprintf(ix->screen
				     ? _("id %s is %s in %s, not this title: "
					 "a file of another catalogue? (quit "
					 "and start 'taste --catalog' with "
					 "its name, then I)")
				     : _("id %s is %s in %s, not this title: "
					 "a file of another catalogue? "
					 "(--catalog)"), row->id, label,
				     ix->c->name);
		i = INTERN_NONE;
	}
	return i;
}

/* match_title for a movie, and, when the title as written finds
 * nothing, the same title as MovieLens writes titles ("Matrix, The",
 * "Toy Story (1995)": a list made from a MovieLens file), read as the
 * catalogue reads its own: the article in front, the year in brackets
 * the year when the row gives none. */
static uint32_t match_movie_title(const struct index *ix,
				  struct import_row *row)
{
	uint32_t i = match_title(ix, row, false);
	struct title_parts tp;

	if (i != INTERN_NONE || !row->title)
		return i;
	text_split_movie_title(row->title, &tp);
	if (strcmp(tp.title, row->title) == 0 || !*tp.title) {
		free(tp.title);
		return i;
	}
	if (tp.year && row->year && tp.year != row->year) {
		/* "Hamlet (1990)" in a row of 1996: which film is meant? */
		free(row->why);
		row->why = xasprintf(_("its title says %d and its year %d: "
				       "which film is meant?"), tp.year,
				     row->year);
		free(tp.title);
		return i;
	}
	char *title = row->title, *why = row->why;
	int year = row->year;
	row->title = tp.title;
	row->year = year ? year : tp.year;
	row->why = NULL;
	i = match_title(ix, row, false);
	if (i != INTERN_NONE) {
		free(title);
		free(why);
		return i;
	}
	free(row->title);       /* the first reason stands */
	free(row->why);
	row->title = title;
	row->year = year;
	row->why = why;
	return i;
}

/* Find the row's item by what the format gives. */
static uint32_t match_row(const struct index *ix, const char *fmt,
			  struct import_row *row)
{
	bool books = ix->c->kind == CATALOG_GOODBOOKS;
	if (row->id)
		return match_id(ix, row);
	if (strcmp(fmt, "goodreads") == 0 || (row->goodreads && books))
		return match_book(ix, row);
	if (row->imdb)
		return match_imdb(ix, row);
	if (row->isbn13 && books) {
		size_t several;
		uint32_t other;
		uint32_t i = match_isbn(ix, row, &several, &other);
		row->via = IMPORT_VIA_ISBN;
		if (i != INTERN_NONE)
			return i;
	}
	return books ? match_title(ix, row, true)
		     : match_movie_title(ix, row);
}

/* True when the row found item i by its exact title (folded: case,
 * accents and punctuation aside) and its year, author or ISBN: a match
 * the report need not list. */
static bool exact_title(const struct catalog *c, uint32_t i,
			const struct import_row *row)
{
	return (row->via == IMPORT_VIA_TITLE_YEAR ||
		row->via == IMPORT_VIA_TITLE_AUTHOR ||
		row->via == IMPORT_VIA_ISBN) &&
	       row->title && *row->title && same_title(c, i, row);
}

/* Find the row's item and record how: via is NONE when none is found,
 * and a match by less than an id or the exact title, or by a Goodreads
 * id of a book with another title, keeps the item's label for the
 * report. */
static uint32_t match_row_via(const struct index *ix, const char *fmt,
			      struct import_row *row)
{
	uint32_t i = match_row(ix, fmt, row);
	if (i == INTERN_NONE) {
		row->via = IMPORT_VIA_NONE;
		return i;
	}
	/* a Goodreads id is an edition's: one whose title is not the
	 * row's (an author's other book) is to be checked; an IMDb id is
	 * the film's whatever language its title is in */
	bool other_book = row->via == IMPORT_VIA_GOODREADS && row->title &&
			  *row->title && !same_title(ix->c, i, row);
	char label[512];
	if (other_book || (!import_via_is_id(row->via) &&
			   !exact_title(ix->c, i, row))) {
		catalog_item_label(ix->c, i, label, sizeof label);
		row->item_label = xstrdup(label);
	} else if (import_via_is_id(row->via) && row->title &&
		   *row->title && !same_title(ix->c, i, row)) {
		catalog_item_label(ix->c, i, label, sizeof label);
		row->as_label = xstrdup(label);
	}
	return i;
}

/* The rating as shown on the catalogue's scale (scale_convert from
 * the row's or the source's scale), and whether the journal must keep
 * the value on its own scale; *rounded when it falls between the
 * catalogue's steps (shown at the nearest; its own value is kept).
 * False with why for a value said to be on the catalogue's scale (a
 * taste export without a scale column) that is not. */
static bool convert(const struct import_result *r, const struct catalog *c,
		    struct import_row *row, size_t *rounded)
{
	const struct scale *s = row->has_scale ? &row->scale : &r->scale;
	const struct scale *d = &c->scale;
	bool exact;
	if (scale_same(s, d) && scale_check(d, row->value) != SCALE_OK) {
		char to[64];
		scale_describe(d, to, sizeof to);
		row->why = xasprintf(_("%g is not on the catalogue's scale "
				       "%s"), row->value, to);
		return false;
	}
	row->stored = scale_convert(s, d, row->value, &exact);
	*rounded += !exact;
	row->scale = *s;
	row->has_scale = !scale_same(s, d);
	return true;
}

/* Rank of a row among rows of the same item: higher wins. */
static int rank_what(enum import_what w)
{
	return w == IMPORT_RATING ? 2 : w == IMPORT_SEEN ? 1 : 0;
}

/* True when what a and b say is ranked, not replayed: records of one
 * journal (taste's export) replay in time order, the later whatever it
 * says (an "unmarked" after a "wanted", a "wanted" after that). */
static bool ranked(const struct import_row *a, const struct import_row *b)
{
	return !(a->journal && b->journal) &&
	       rank_what(a->what) != rank_what(b->what);
}

/* True when row a beats row b (same item): a rating over a signal,
 * then a row with a date of its own over one without (whose time is
 * only the file's), then the later date, then the later row. */
static bool beats(const struct import_row *a, size_t ia,
		  const struct import_row *b, size_t ib)
{
	if (ranked(a, b))
		return rank_what(a->what) > rank_what(b->what);
	if (a->dated != b->dated)
		return a->dated;
	if (a->dated && a->when != b->when)
		return a->when > b->when;
	return ia > ib;
}

/* A growing "|" list. */
struct wbuf {
	char *s;
	size_t len, cap;
};

/* Append a "|" list to b. */
static void wbuf_add(struct wbuf *b, const char *list)
{
	size_t n = list ? strlen(list) : 0;
	if (!n)
		return;
	xgrow((void **)&b->s, &b->cap, b->len + n + 2, 1);
	if (b->len)
		b->s[b->len++] = '|';
	memcpy(b->s + b->len, list, n + 1);
	b->len += n;
}

/* The lane a row competes in for its item: the signals journal's
 * rows of taste's export (lane 1) beside the ratings journal's, every
 * other row in lane 0, where a rating beats a signal. */
static size_t lane(const struct import_row *row)
{
	return row->journal && row->what != IMPORT_RATING;
}

/* Each winning row takes the words of every row of its item, each word
 * once (one pass and one join per item, whatever the rows); win[i] is
 * the row that brings item i's words, the other lane's winner brings
 * none. */
static void gather_words(struct import_result *r, const uint32_t *win,
			 uint32_t n_items)
{
	struct wbuf *g = xcalloc((size_t)n_items + 1, sizeof *g);
	struct wbuf *t = xcalloc((size_t)n_items + 1, sizeof *t);
	for (size_t k = 0; k < r->n_rows; k++) {
		const struct import_row *row = &r->rows[k];
		if (row->item == INTERN_NONE || win[row->item] == UINT32_MAX)
			continue;
		wbuf_add(&g[row->item], row->genres);
		wbuf_add(&t[row->item], row->tags);
	}
	for (uint32_t i = 0; i < n_items; i++) {
		if (win[i] == UINT32_MAX)
			continue;
		struct import_row *w = &r->rows[win[i]];
		free(w->genres);
		free(w->tags);
		w->genres = g[i].s ? usertags_join(g[i].s, false) : NULL;
		w->tags = t[i].s ? usertags_join(t[i].s, false) : NULL;
		free(g[i].s);
		free(t[i].s);
	}
	free(g);
	free(t);
}

/* Why kept beats lose (beats' order, as the report says it). */
static const char *beaten_why(const struct import_row *lose,
			      const struct import_row *kept)
{
	if (ranked(lose, kept))
		return kept->what == IMPORT_RATING ? _("a rating")
						   : _("seen beats wanted");
	if (lose->dated != kept->dated)
		return _("it has a date of its own");
	if (lose->dated && lose->when != kept->when)
		return _("dated later");
	return _("the later row");
}

/* Mark the loser of two rows of one item against the row that wins
 * the item in the end. */
static void lose_to(struct import_row *lose, const struct import_row *kept)
{
	/* a signal of an item rated in the same import */
	lose->rated_here = lose->what != IMPORT_RATING &&
			   kept->what == IMPORT_RATING;
	lose->conflicting = lose->what == IMPORT_RATING &&
			    kept->what == IMPORT_RATING &&
			    fabs(lose->stored - kept->stored) > 1e-9;
	lose->status = lose->rated_here ? IMPORT_RATED : IMPORT_DUPLICATE;
	free(lose->why);
	lose->why = lose->rated_here
		    ? xasprintf(_("its rating is line %" PRIu64 " of %s"),
				kept->line, kept->file)
		    : xasprintf(_("line %" PRIu64 " of %s wins (%s)"),
				kept->line, kept->file,
				beaten_why(lose, kept));
}

/* The row that brings the words of each item: its lane 0 winner,
 * else its lane 1 one (win holds two per item). */
static uint32_t *words_winners(const uint32_t *win, uint32_t n_items)
{
	uint32_t *w = xmalloc(((size_t)n_items + 1) * sizeof *w);
	for (size_t i = 0; i <= n_items; i++)
		w[i] = win[2 * i] != UINT32_MAX ? win[2 * i] : win[2 * i + 1];
	return w;
}

/* A lane 1 winner beside a lane 0 one brings no words: its own went
 * to the other (gather_words), which writes them once. */
static void drop_second_words(struct import_result *r, const uint32_t *win,
			      uint32_t n_items)
{
	for (size_t i = 0; i <= n_items; i++) {
		if (win[2 * i] == UINT32_MAX || win[2 * i + 1] == UINT32_MAX)
			continue;
		struct import_row *o = &r->rows[win[2 * i + 1]];
		free(o->genres);
		free(o->tags);
		o->genres = o->tags = NULL;
	}
}

/* Mark all but the winning row of each item (and lane) as duplicates,
 * each naming the row that wins. */
static void resolve_duplicates(struct import_result *r, uint32_t n_items)
{
	size_t n_win = 2 * ((size_t)n_items + 1);
	uint32_t *win = xmalloc(n_win * sizeof *win);
	for (size_t i = 0; i < n_win; i++)
		win[i] = UINT32_MAX;
	for (size_t k = 0; k < r->n_rows; k++) {
		struct import_row *row = &r->rows[k];
		if (row->item == INTERN_NONE || row->status != IMPORT_NEW)
			continue;
		uint32_t *w = &win[2 * (size_t)row->item + lane(row)];
		if (*w == UINT32_MAX || beats(row, k, &r->rows[*w], *w))
			*w = (uint32_t)k;
	}
	for (size_t k = 0; k < r->n_rows; k++) {
		struct import_row *row = &r->rows[k];
		uint32_t w = row->item == INTERN_NONE ? UINT32_MAX
			     : win[2 * (size_t)row->item + lane(row)];
		if (row->item != INTERN_NONE && row->status == IMPORT_NEW &&
		    w != k)
			lose_to(row, &r->rows[w]);
	}
	uint32_t *words = words_winners(win, n_items);
	gather_words(r, words, n_items);
	drop_second_words(r, win, n_items);
	free(words);
	free(win);
}

/* Take a row's item from it, with why: it is another film (or
 * book) than the catalogue's. */
static void unmatch(struct import_row *row, char *why)
{
	free(row->why);
	row->why = why;
	free(row->item_label);
	row->item_label = NULL;
	row->item = INTERN_NONE;
	row->via = IMPORT_VIA_NONE;
	row->status = IMPORT_UNMATCHED;
}

/* What the rows of one item say, for weak_rows_yield. */
struct item_rows {
	bool sure;              /* a row has it by an id or its title */
	int ymin, ymax;         /* years of the rows that found it by less
				   (0 when none has one) */
};

/* Rows found by less than an id or their exact title (item_label set)
 * give their item up to a row of the import that has it surely: beside
 * "Hamlet (1996)", "Hamlet (1997)" is another film, and "Dead Man",
 * found by the words of "Dead Man Walking" beside that film's own row,
 * too. Without such a row, films found by less whose years are more
 * than one apart are other films of one another ("Moonlight" 2016 and
 * 2002 for a Moonlight without a year): none is taken. */
static void weak_rows_yield(struct import_result *r, const struct catalog *c)
{
	struct item_rows *ir = xcalloc((size_t)c->n_items + 1, sizeof *ir);
	bool films = c->kind != CATALOG_GOODBOOKS;
	for (size_t k = 0; k < r->n_rows; k++) {
		const struct import_row *row = &r->rows[k];
		if (row->status != IMPORT_NEW)
			continue;
		struct item_rows *x = &ir[row->item];
		if (!row->item_label) {
			x->sure = true;
		} else if (row->year) {
			x->ymin = !x->ymin || row->year < x->ymin ? row->year
								   : x->ymin;
			x->ymax = row->year > x->ymax ? row->year : x->ymax;
		}
	}
	for (size_t k = 0; k < r->n_rows; k++) {
		struct import_row *row = &r->rows[k];
		if (row->status != IMPORT_NEW || !row->item_label)
			continue;
		const struct item_rows *x = &ir[row->item];
		if (x->sure)
			unmatch(row, xasprintf(_("%s is another row's: no "
						 "item here for this title"),
					       row->item_label));
		else if (films && x->ymax - x->ymin > 1)
			unmatch(row, xasprintf(_("rows of %d and %d both fit "
						 "%s: other films, none "
						 "taken"), x->ymin, x->ymax,
					       row->item_label));
	}
	free(ir);
}

/* The value a row asks its journal to hold: the rating on the
 * catalogue's scale, or the signal's number. */
static double row_value(const struct import_row *row)
{
	return row->what == IMPORT_RATING ? row->stored
	       : row->what == IMPORT_SEEN ? IMPORT_SIGNAL_SEEN
					  : IMPORT_SIGNAL_WANT;
}

/* True when the journal's entry holds what the row would write: the
 * same value on the same scale (the source's, when a rating is kept on
 * it: 5 after 4.5 of Letterboxd is a change even where both show as 5
 * stars) or, between scales, the same value shown (IMDb's 9 after
 * Letterboxd's 4.5). */
static bool same_value(const struct import_row *row,
		       const struct profile_entry *have)
{
	if (row->what != IMPORT_RATING)
		return fabs(have->value - row_value(row)) < 1e-9;
	const struct scale *hs = have->from;
	const struct scale *rs = row->has_scale ? &row->scale : NULL;
	if (hs && rs && scale_same(hs, rs))
		return fabs(have->raw - row->value) < 1e-9;
	return fabs(have->value - row->stored) < 1e-9;
}

/* A clear's status given what its journal p holds for the item (have,
 * NULL for nothing shown): a value of yours set after it is kept, one
 * set before it is cleared (changed); a clear there already stays when
 * it is as late (unchanged), else takes the later time. Undated, it
 * only fills a gap. */
static enum import_status clear_status(const struct import_row *row,
				       const char *id,
				       const struct profile *p,
				       const struct profile_entry *have)
{
	int64_t cleared;
	if (have)
		return have->when > row->when || !row->dated ? IMPORT_KEPT
							     : IMPORT_CHANGED;
	if (p && profile_cleared_at(p, id, &cleared))
		return cleared >= row->when || !row->dated ? IMPORT_UNCHANGED
							   : IMPORT_CHANGED;
	return IMPORT_NEW;
}

/* A planned row's status given what its journal p holds for the item
 * (have, NULL for nothing) and whether you rated it: new or changed
 * (written), unchanged, kept (yours is newer, or you cleared it after
 * the row's date), or rated (a signal). */
static enum import_status plan_status(const struct import_row *row,
				      const char *id,
				      const struct profile *p,
				      const struct profile_entry *have,
				      bool rated)
{
	int64_t cleared;
	if (row->what != IMPORT_RATING && rated && !row->journal)
		return IMPORT_RATED;
	if (row->clear)
		return clear_status(row, id, p, have);
	/* a row without a date of its own (the file's time stands in: a
	 * copy of the file is "newer") fills gaps and replaces nothing */
	if (!have && p && profile_cleared_at(p, id, &cleared) &&
	    (cleared > row->when || !row->dated))
		return IMPORT_KEPT;
	if (!have)
		return IMPORT_NEW;
	if (same_value(row, have))
		return IMPORT_UNCHANGED;
	return have->when > row->when || !row->dated ? IMPORT_KEPT
						     : IMPORT_CHANGED;
}

/* Say why a row is kept out: your value (had, NAN for none) is newer,
 * and what it is ("yours is newer: 4.5"), or you cleared the item
 * after the row's date. */
static void why_kept(struct import_row *row, double had)
{
	if (row->status != IMPORT_KEPT)
		return;
	const char *sig = had == IMPORT_SIGNAL_WANT ? _("wanted") : _("seen");
	free(row->why);
	if (isnan(had))
		row->why = xstrdup(row->dated ?
				   _("you cleared it after this row's date") :
				   _("you cleared it, and this row has no date "
				     "to show it is newer"));
	else if (!row->dated && row->what == IMPORT_RATING)
		row->why = xasprintf(_("yours stays: %g (this row has no date "
				       "to show it is newer)"), had);
	else if (!row->dated)
		row->why = xasprintf(_("yours stays: %s (this row has no date "
				       "to show it is newer)"), sig);
	else if (row->what == IMPORT_RATING)
		row->why = xasprintf(_("yours is newer: %g"), had);
	else
		row->why = xasprintf(_("yours is newer: %s"), sig);
}

/* Plan a planned row against the journals as they are in memory. */
static void plan_row(struct import_row *row, const char *id,
		     const struct profile *ratings,
		     const struct profile *signals)
{
	const struct profile *p = row->what == IMPORT_RATING ? ratings
							     : signals;
	struct profile_entry have;
	bool there = p && profile_get_entry(p, id, &have);
	double sig;
	row->had = there ? have.value : NAN;
	row->had_signal = row->what == IMPORT_RATING && !row->clear &&
			  signals && profile_get(signals, id, &sig) ? sig
								    : NAN;
	row->status = plan_status(row, id, p, there ? &have : NULL,
				  ratings && profile_get(ratings, id, NULL));
	why_kept(row, row->had);
}

/* Count the rows by status. */
static void count_status(struct import_result *r)
{
	memset(r->by_status, 0, sizeof r->by_status);
	for (size_t k = 0; k < r->n_rows; k++)
		r->by_status[r->rows[k].status]++;
}

/* Plan every planned row against the journals, and count. */
static void plan_all(struct import_result *r, const struct profile *ratings,
		     const struct profile *signals)
{
	for (size_t k = 0; k < r->n_rows; k++) {
		struct import_row *row = &r->rows[k];
		if (row->planned)
			plan_row(row, intern_str(r->item_ids, row->item),
				 ratings, signals);
	}
	count_status(r);
}

/* Mark every row not skipped unmatched, with why. */
static void all_unmatched(struct import_result *r, const char *why)
{
	for (size_t k = 0; k < r->n_rows; k++) {
		struct import_row *row = &r->rows[k];
		if (row->status == IMPORT_SKIPPED)
			continue;
		row->status = IMPORT_UNMATCHED;
		free(row->why);
		row->why = xstrdup(why);
	}
}

/* True when r is an export of movies and c holds books, or the other
 * way round: then no row is matched (a title would find the wrong
 * kind of item), each says so briefly, and one note says where the
 * file goes. */
static bool other_media(struct import_result *r, const struct catalog *c)
{
	bool books = c->kind == CATALOG_GOODBOOKS;
	enum import_media m = r->fmt->media;
	if (m == IMPORT_ANY || (m == IMPORT_BOOKS) == books)
		return false;
	/* TRANSLATORS: %s is a format's label ("IMDb ratings
	 * export") */
	if (r->screen)          /* TRANSLATORS: as above */
		import_note(r, m == IMPORT_BOOKS
			    ? _("this %s is of books, not movies: quit (q), "
				"start 'taste --catalog books' and import it "
				"there with I")
			    : _("this %s is of movies, not books: quit (q), "
				"start 'taste --catalog movies' and import it "
				"there with I"), _(r->fmt->label));
	else
		import_note(r, m == IMPORT_BOOKS
		    ? _("this %s is of books, not movies: import it into "
			"books with 'taste import --catalog books PATH', or "
			"from the Import screen (I) of 'taste --catalog "
			"books'")
		    : _("this %s is of movies, not books: import it into "
			"movies with 'taste import --catalog movies PATH', "
			"or from the Import screen (I) of 'taste --catalog "
			"movies'"), _(r->fmt->label));
	char *why = xasprintf(m == IMPORT_BOOKS
			      ? _("not for %s: an export of books")
			      : _("not for %s: an export of movies"),
			      c->name);
	all_unmatched(r, why);
	free(why);
	r->elsewhere = true;
	return true;
}

/* True when r is a taste export of another catalogue than c (its
 * catalog column) and c was not chosen for it: then no row is
 * matched, and one note says where the file goes. */
static bool other_catalog(struct import_result *r, const struct catalog *c)
{
	if (!r->source_catalog || r->catalog_chosen)
		return false;
	char *spec = catalog_spec(c);
	bool other = strcmp(spec, r->source_catalog) != 0;
	free(spec);
	if (!other)
		return false;
	if (r->screen)
		import_note(r, _("this export is of the catalogue %s: quit "
				 "(q), start 'taste --catalog %s' and import "
				 "it there with I"), r->source_catalog,
			    r->source_catalog);
	else
		import_note(r, _("this export is of the catalogue %s: import "
				 "it with 'taste import --catalog %s PATH', or "
				 "from the Import screen (I) of 'taste "
				 "--catalog %s'"), r->source_catalog,
			    r->source_catalog, r->source_catalog);
	char *why = xasprintf(_("not for %s: an export of %s"), c->name,
			      r->source_catalog);
	all_unmatched(r, why);
	free(why);
	r->elsewhere = true;
	return true;
}

/* Match every row and plan it against the journals. */
void import_match(struct import_result *r, const struct catalog *c,
		  const struct profile *ratings,
		  const struct profile *signals)
{
	struct index ix;
	r->catalog = c->name;
	r->matched = true;
	r->books = c->kind == CATALOG_GOODBOOKS;
	r->item_ids = c->item_ids;
	if (other_media(r, c) || other_catalog(r, c)) {
		count_status(r);
		return;
	}
	index_build(&ix, c);
	ix.screen = r->screen;
	size_t rounded = 0;
	if (strcmp(r->fmt->name, "taste") == 0)
		r->scale = c->scale;
	for (size_t k = 0; k < r->n_rows; k++) {
		struct import_row *row = &r->rows[k];
		if (row->status == IMPORT_SKIPPED)
			continue;
		row->item = match_row_via(&ix, r->fmt->name, row);
		if (row->item == INTERN_NONE)
			row->status = IMPORT_UNMATCHED;
		else if (row->what == IMPORT_RATING && !row->clear &&
			 !convert(r, c, row, &rounded))
			row->status = IMPORT_SKIPPED;
		else
			row->status = IMPORT_NEW;
	}
	if (rounded)
		import_note(r, ngettext("%zu rating falls between the "
			    "catalogue's steps: it is shown at the nearest, "
			    "and its own value is kept",
			    "%zu ratings fall between the catalogue's steps: "
			    "they are shown at the nearest, and their own "
			    "values are kept", rounded), rounded);
	index_free(&ix);
	weak_rows_yield(r, c);
	resolve_duplicates(r, c->n_items);
	for (size_t k = 0; k < r->n_rows; k++)
		r->rows[k].planned = r->rows[k].status == IMPORT_NEW;
	r->item_ids = c->item_ids;
	plan_all(r, ratings, signals);
}

/* What import_apply asks a journal to write: entries, each with its
 * row, judged again under the journal's lock (keep_row). */
struct batch {
	struct import_result *r;
	const struct profile *target;   /* the journal written */
	const struct profile *ratings;  /* to tell rated items */
	struct profile_entry *e;
	size_t *row, n;
};

/* profile_keep_fn: plan row k again on the journal as it is now and
 * write it only when it is new or changes an older value. */
static bool keep_row(void *ctx, size_t k, const struct profile_entry *have)
{
	struct batch *b = ctx;
	struct import_row *row = &b->r->rows[b->row[k]];
	const char *id = b->e[k].item_id;
	row->had = have ? have->value : NAN;
	row->status = plan_status(row, id, b->target, have, b->ratings &&
				  profile_get(b->ratings, id, NULL));
	why_kept(row, row->had);
	return row->status == IMPORT_NEW || row->status == IMPORT_CHANGED;
}

/* The planned rows of one journal (ratings, or signals) as a batch. */
static void batch_make(struct batch *b, struct import_result *r,
		       bool signals, const struct profile *target,
		       const struct profile *ratings)
{
	*b = (struct batch){ r, target, ratings,
			     xcalloc(r->n_rows + 1, sizeof *b->e),
			     xcalloc(r->n_rows + 1, sizeof *b->row), 0 };
	for (size_t k = 0; k < r->n_rows; k++) {
		const struct import_row *row = &r->rows[k];
		if (!row->planned || (row->what != IMPORT_RATING) != signals)
			continue;
		b->e[b->n] = (struct profile_entry){
			intern_str(r->item_ids, row->item), row_value(row),
			row->when, row->value,
			row->has_scale ? &row->scale : NULL, row->clear };
		b->row[b->n++] = k;
	}
}

/* Write one batch to p; *written grows by the lines written. */
static int batch_write(struct batch *b, struct profile *p, size_t *written,
		       char *err, size_t errlen)
{
	size_t m = 0;
	int rc = 0;
	if (!p) {
		/* No journal holds nothing: an error only if a row is due. */
		for (size_t k = 0; k < b->n && rc == 0; k++)
			if (keep_row(b, k, NULL))
				rc = -1;
		if (rc != 0)
			xsnprintf(err, errlen, "%s",
				  _("no profile to write to"));
	} else if (b->n) {
		rc = profile_set_many_if(p, b->e, b->n, keep_row, b, &m, err,
					 errlen);
	}
	*written += m;
	free(b->e);
	free(b->row);
	return rc;
}

/* Write the planned rows: ratings to one journal, signals to the
 * other, one append each, every row judged again under its journal's
 * lock. */
int import_apply(struct import_result *r, struct profile *ratings,
		 struct profile *signals, size_t *written, char *err,
		 size_t errlen)
{
	struct batch b;
	*written = 0;
	batch_make(&b, r, false, ratings, ratings);
	int rc = batch_write(&b, ratings, written, err, errlen);
	if (rc == 0) {
		batch_make(&b, r, true, signals, ratings);
		rc = batch_write(&b, signals, written, err, errlen);
	}
	count_status(r);
	return rc;
}

/* True when a row is the one of its item that counts and brings
 * words; not one whose value yours outdates (an old backup's words do
 * not replace newer ones). */
static bool row_brings_words(const struct import_row *row)
{
	return row->item != INTERN_NONE && row->status <= IMPORT_RATED &&
	       row->status != IMPORT_KEPT && !row->rated_here &&
	       (row->genres || row->tags);
}

/* The words an item keeps after a row: each kind the row brings
 * (genres, tags) replaces that kind, the other stays, so IMDb's
 * genres and Letterboxd's tags of one film live side by side. */
static void row_words(const struct usertags *t, const char *id,
		      const struct import_row *row, const char **genres,
		      const char **tags)
{
	*genres = row->genres ? row->genres : usertags_genres(t, id);
	*tags = row->tags ? row->tags : usertags_tags(t, id);
}

/* Add the folded words of a "|" list to set. */
static void words_add(struct intern *set, const char *list)
{
	for (const char *p = list; p && *p;) {
		size_t n = strcspn(p, "|");
		char *w = xstrndup(p, n);
		char *f = text_fold(w);
		if (*f)
			intern_add(set, f, strlen(f), NULL);
		free(f);
		free(w);
		p += n + (p[n] == '|');
	}
}

/* Sort the words of the rows that bring some into those c has as a
 * genre or tag (counted) and the others (listed). */
static void words_sort(struct import_result *r, const struct catalog *c)
{
	struct intern *vocab = intern_new(), *mine = intern_new();
	for (uint32_t i = 0; i < c->n_items; i++) {
		words_add(vocab, c->items[i].genres);
		words_add(vocab, c->items[i].tags);
	}
	for (size_t k = 0; k < r->n_rows; k++) {
		const struct import_row *row = &r->rows[k];
		if (!row_brings_words(row))
			continue;
		words_add(mine, row->genres);
		words_add(mine, row->tags);
	}
	for (uint32_t w = 0; w < intern_count(mine); w++) {
		const char *f = intern_str(mine, w);
		if (intern_find(vocab, f) != INTERN_NONE) {
			r->words_known++;
			continue;
		}
		r->words_unknown = xrealloc(r->words_unknown,
					    (r->n_words_unknown + 1) *
					    sizeof *r->words_unknown);
		r->words_unknown[r->n_words_unknown++] = xstrdup(f);
	}
	intern_free(mine);
	intern_free(vocab);
}

void import_plan_words(struct import_result *r, const struct catalog *c,
		       const struct usertags *t)
{
	const char *g, *tg;
	words_sort(r, c);
	r->words_planned = true;
	r->words_changed = 0;
	for (size_t k = 0; k < r->n_rows; k++) {
		const struct import_row *row = &r->rows[k];
		const char *id = row->item != INTERN_NONE
				 ? intern_str(r->item_ids, row->item) : NULL;
		if (!row_brings_words(row))
			continue;
		row_words(t, id, row, &g, &tg);
		r->words_changed += usertags_differ(t, id, g, tg);
	}
}

int import_apply_words(struct import_result *r, struct usertags *t,
		       size_t *changed, char *err, size_t errlen)
{
	*changed = 0;
	for (size_t k = 0; k < r->n_rows; k++) {
		const struct import_row *row = &r->rows[k];
		if (!row_brings_words(row))
			continue;
		const char *id = intern_str(r->item_ids, row->item), *g, *tg;
		row_words(t, id, row, &g, &tg);
		/* copies: set frees what g or tg may point at */
		char *gc = g ? xstrdup(g) : NULL, *tc = tg ? xstrdup(tg) : NULL;
		*changed += usertags_set(t, id, gc, tc);
		free(gc);
		free(tc);
	}
	return usertags_save(t, err, errlen);
}

/* ---------------------------------------------------------------------
 * Export
 * ------------------------------------------------------------------- */

/* What an export row holds besides its item: the rating and scale as
 * the journal keeps them, or the signal; its time. */
struct export_what {
	const char *rating, *scale, *signal;
	int64_t when;
};

/* One export row: the item, what, your words of the item, and the
 * catalogue (catalog_spec) last. */
static void export_row(FILE *f, const struct catalog *c, const char *spec,
		       const struct usertags *words, const char *id,
		       const struct export_what *w)
{
	uint32_t i = catalog_find_id(c, id);
	csv_put_field(f, id);
	fputc(',', f);
	if (i != INTERN_NONE) {
		csv_put_field(f, c->items[i].title ? c->items[i].title : "");
		fputc(',', f);
		if (c->items[i].year)
			fprintf(f, "%d", c->items[i].year);
	} else {
		fputc(',', f);
	}
	fprintf(f, ",%s,%s,%s,%" PRId64 ",", w->rating, w->scale, w->signal,
		w->when);
	const char *g = usertags_genres(words, id);
	const char *t = usertags_tags(words, id);
	csv_put_field(f, g ? g : "");
	fputc(',', f);
	csv_put_field(f, t ? t : "");
	fputc(',', f);
	csv_put_field(f, spec);
	fputc('\n', f);
}

/* The export row of record k of the ratings journal: its rating (as
 * stored: a hidden one too, counted in n), or its clear. */
static void export_rating(FILE *f, const struct catalog *c, const char *spec,
			  const struct usertags *words,
			  const struct profile *ratings, size_t k,
			  struct import_export_counts *n)
{
	char num[40] = "", sc[128] = "";
	struct profile_entry e;
	enum profile_state st = profile_record_at(ratings, k, &e);
	if (st != PROFILE_CLEARED) {
		util_exact_number(num, sizeof num, e.from ? e.raw : e.value);
		if (e.from)
			scale_format_spec(e.from, sc, sizeof sc);
	}
	n->unknown += st == PROFILE_UNKNOWN;
	n->off_scale += st == PROFILE_OFF_SCALE;
	struct export_what w = { num, sc, st == PROFILE_CLEARED ? "cleared"
				 : "", e.when };
	export_row(f, c, spec, words, e.item_id, &w);
}

/* The export row of one record of the signals journal: seen, wanted,
 * or unmarked (cleared); a value that is neither is left out and
 * counted. */
static void export_signal(FILE *f, const struct catalog *c, const char *spec,
			  const struct usertags *words,
			  const struct profile *signals, size_t k,
			  struct import_export_counts *n)
{
	struct profile_entry e;
	enum profile_state st = profile_record_at(signals, k, &e);
	bool want = e.value == IMPORT_SIGNAL_WANT;
	if (st == PROFILE_OFF_SCALE || (st == PROFILE_UNKNOWN && !want &&
					e.value != IMPORT_SIGNAL_SEEN)) {
		n->left_out++;
		return;
	}
	n->unknown += st == PROFILE_UNKNOWN;
	struct export_what w = { "", "", st == PROFILE_CLEARED ? "unmarked"
				 : want ? "wanted" : "seen", e.when };
	export_row(f, c, spec, words, e.item_id, &w);
}

/* Write the profile as taste's CSV: every record of each journal, in
 * its order (what a rebuilt journal keeps, so an export of the import
 * of an export is the same file). */
int import_export(FILE *f, const struct catalog *c,
		  const struct profile *ratings,
		  const struct profile *signals,
		  const struct usertags *words,
		  struct import_export_counts *counts)
{
	struct import_export_counts n = { 0, 0, 0 };
	char *spec = catalog_spec(c);
	fputs("item_id,title,year,rating,scale,signal,timestamp,genres,tags,"
	      "catalog\n", f);
	size_t m = ratings ? profile_record_count(ratings) : 0;
	for (size_t k = 0; k < m; k++)
		export_rating(f, c, spec, words, ratings, k, &n);
	m = signals ? profile_record_count(signals) : 0;
	for (size_t k = 0; k < m; k++)
		export_signal(f, c, spec, words, signals, k, &n);
	free(spec);
	if (counts)
		*counts = n;
	return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}
