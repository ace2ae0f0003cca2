/* SPDX-License-Identifier: GPL-3.0-or-later */
/* content: TF-IDF over item features, field-wise cosine similarity,
 * and a user profile built from what they rated.
 *
 * Features: each field is its own token namespace, so "Drama" the genre
 * and "drama" a title word never meet: "g:" genres, "t:" tags, "c:"
 * creators, "s:" series (without its "#1" number or a leading article)
 * and "w:" title words (folded; function words, words of one or two
 * letters, bare numbers and, on large catalogues, words in more than 1%
 * of titles removed). Text is folded with text_fold; the
 * display name of a token is its first spelling in the catalogue
 * ("Sci-Fi").
 *
 * Weight of token t in item d, before normalisation:
 *     w = (1 + ln tf) * idf,  idf = ln((1+N)/(1+df)) + 1
 * (the smoothed IDF: never zero, never divides by zero). Each field's
 * part of the vector is then scaled to the length of its field weight,
 * so a field's say does not grow with its number of tokens: a film with
 * five rare tags is not mostly tags, and matches its sequel on genres
 * and title as much as a stranger on one shared tag. Every vector is
 * then divided by the length of an item with each field the catalogue
 * has, sqrt(sum of w_f^2), so the dot product of two items is the mean
 * of their fields' cosines weighted by w_f^2, a field either lacks
 * counting 0 (at most 1, for items alike in every field). Not by each
 * item's own length: a plain cosine makes an item that lacks a field
 * closer to everything than one whose field is there but differs, and
 * films without tags or title words (2012, 21: numbers are no words)
 * led the lists of their genres. Tokens in more
 * than half the items (on catalogues of 20 or more) are dropped: shelf
 * tags such as "to-read" tell no two books apart, and their postings
 * would make every query touch the whole catalogue.
 *
 * Field weights, the relative lengths of the fields: a series is the
 * strongest statement that two items belong together (1.5), then a
 * shared creator (1.2), then genres, which define the kind of item
 * (1.0), then tags, many and noisy because anyone can enter them (0.8),
 * and title words, the weakest ("Star" joins Star Wars and A Star Is
 * Born) (0.5): the same one-word title adds 0.25 to a dot product
 * where the genres add at most 1, about what one genre in three is
 * worth, so a shared word tips near ties and no longer leads (like
 * Heat on the movies: Die Hard, all three genres, .529; The Heat, two
 * and "heat", .533; with 0.8, .439 and .613).
 *
 * An inverted index (token -> items) makes similar() touch only items
 * that share a token. An item without features has a zero vector: its
 * similarity is "n/a" and it is left out, never divided by.
 *
 * Profile of a user: p = sum over rated items of (r - m) * v_i, where m
 * is the user's mean damped toward the scale midpoint with a weight of
 * CONTENT_PRIOR ratings, so a first 5-star rating already points the
 * profile at that item while a heavy rater's own mean is used. Items
 * you have seen or want but did not rate (model_you.signals) add a
 * small positive weight, a share of half the scale's range:
 * CONTENT_SEEN (0.45 on 0.5-5, less than a 4 from someone whose
 * ratings centre on 3.5: having seen an item says you chose it, not
 * that you liked it) and half that for a wanted one; they do not move
 * the centre, which is about ratings. Your own words for an item
 * (model_you.words: Goodreads shelves, Letterboxd tags, IMDb genres)
 * add, with that item's weight, a vector of those of them the
 * catalogue knows as genres ("g:") or tags ("t:"), each at its IDF, the
 * genres and the tags each at their field's length, the whole of
 * length CONTENT_WORDS (half an item's): your "dystopia" shelf on a
 * book you loved points your profile at books the community tags
 * dystopia. predict
 * maps the profile's similarity s = p.v / |p| (in [-1, 1], nearer 0 for
 * an item with fewer fields) onto the scale: m + s * (max - min) / 2,
 * unclipped (display clips). It returns false when the user has no
 * ratings or signals, the item no features, or the profile is zero. */
#include <config.h>

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "intern.h"
#include "model/content.h"
#include "model/kinds.h"
#include "model/store.h"
#include "text.h"
#include "util.h"

#define CONTENT_VERSION 6
/* Ratings' worth of pull toward the midpoint in a profile's centre. */
#define CONTENT_PRIOR 5.0
/* Drop tokens in more than this share of the items ... */
#define CONTENT_MAX_DF 0.5
/* ... on catalogues at least this large (tiny ones keep everything). */
#define CONTENT_MAX_DF_MIN_ITEMS 20
/* Drop title words in more than this share of the titles ("life",
 * "man", "love": a word that common says nothing of what a title is
 * about, where genres and tags do) ... */
#define CONTENT_WORD_MAX_DF 0.01
/* ... on catalogues at least this large (that share is ten titles). */
#define CONTENT_WORD_MAX_DF_MIN_ITEMS 1000
/* Weight of a seen item in a profile, as a share of half the scale's
 * range; a wanted item weighs half of it. */
#define CONTENT_SEEN 0.2
/* Length of the vector of your own words of an item in a profile,
 * beside the item's own (about 1). */
#define CONTENT_WORDS 0.5
/* Features named in a reason. */
#define CONTENT_REASON_TOKENS 3

enum ct_field { CT_GENRE, CT_TAG, CT_CREATOR, CT_SERIES, CT_WORD };

static const char *const ct_prefix[] = { "g:", "t:", "c:", "s:", "w:" };
static const double ct_field_weight[] = { 1.0, 0.8, 1.2, 1.5, 0.5 };

/* Title words that carry no meaning, sorted for bsearch (strcmp):
 * English function words, and the articles, pronouns and particles of
 * the other languages in MovieLens titles, folded ("don't" is "dont");
 * and the quantifiers, ordinals, numbers and adverbs of time of the
 * SMART stop list (Salton's, Cornell) a title is full of ("One Hundred
 * Years of Solitude" and "One Piece", "We Have Always Lived in the
 * Castle" and "We'll Always Have Summer" are not alike), with the
 * words a title numbers its volumes by ("Volume 38"). Words shorter
 * than three bytes are never features (ct_is_stop), so none is listed
 * here. */
static const char *const ct_stop[] = {
	"about", "after", "again", "all", "always", "and", "another", "any",
	"are", "aux", "avec", "book", "but", "can", "cant", "che", "con",
	"could", "dans", "das", "degli", "del", "della", "delle", "dello",
	"dem", "den", "der", "des", "det", "did", "die", "doesnt", "dont",
	"dos", "each", "eight", "ein", "eine", "einen", "einer", "eines",
	"elle", "est", "ett", "ever", "every", "first", "five", "for",
	"four", "from", "had", "has", "have", "her", "him", "his", "how",
	"ich", "iii", "ist", "its", "just", "las", "last", "least", "les",
	"less", "little", "los", "many", "mit", "mon", "more", "most",
	"much", "never", "new", "next", "nine", "not", "nous", "och",
	"once", "one", "ones", "only", "other", "others", "own",
	"para", "part", "pas", "pour", "que", "qui", "same", "second",
	"seven", "six", "som", "some", "still", "such", "sur", "ten", "than",
	"that", "the", "their", "them", "then", "there", "these", "they",
	"third", "this", "those", "three", "tome", "too", "two", "una",
	"und", "une", "uno", "upon", "very", "vii", "viii", "vol", "volume",
	"vom", "von", "vous", "was", "were", "what", "when", "where",
	"which", "who", "why", "will", "with", "would", "yet", "you",
	"your",
};

struct content {
	uint32_t n_items, n_tokens;
	struct intern *vocab;    /* token key ("g:sci fi") -> index */
	char **disp;             /* display name of each token */
	float *idf;
	uint64_t *iptr;          /* by item: tokens ascending */
	uint32_t *itok;
	float *iw;
	uint64_t *tptr;          /* by token: items ascending */
	uint32_t *titem;
	float *tw;
	const struct rmatrix *r; /* m->train, for training users' profiles;
				    NULL after a load without catalogue */
	double mid, half;        /* scale midpoint and half range */
};

/* Token occurrences while building: (item, token), duplicates kept. */
struct ct_pair {
	uint32_t item, tok;
};

struct ct_build {
	struct content *c;
	size_t tok_cap;
	uint8_t *field;          /* per token */
	struct ct_pair *v;
	size_t n, cap;
};

/* A dense profile over the tokens, with the tokens it touched. */
struct ct_profile {
	double *p;
	bool *seen;
	uint32_t *touched;
	size_t n_touched;
	double norm;
	double centre;           /* the damped mean m */
};

/* bsearch comparison of a word with a stop word. */
static int ct_stop_cmp(const void *a, const void *b)
{
	return strcmp(a, *(const char *const *)b);
}

/* True for words that say nothing about an item: a listed function
 * word, a bare number, or a word shorter than three bytes. Those are
 * the one- and two-letter words of the Latin-script languages, nearly
 * all function words ("no", "of", "la", "de", "ii"; the particles of
 * romanised Japanese, "no", "to", "wa"), and single Greek or Cyrillic
 * letters; a CJK character (three bytes) stays a word. */
static bool ct_is_stop(const char *w)
{
	bool digits = true;

	if (strlen(w) < 3)
		return true;
	for (const char *p = w; *p; p++)
		digits = digits && isdigit((unsigned char)*p);
	return digits || bsearch(w, ct_stop, ARRAY_LEN(ct_stop),
				 sizeof ct_stop[0], ct_stop_cmp) != NULL;
}

/* Fold s and trim the spaces that folding may leave at either end. */
static char *ct_fold(const char *s)
{
	char *f = text_fold(s);
	size_t len;
	char *p = f;

	while (*p == ' ')
		p++;
	len = strlen(p);
	while (len > 0 && p[len - 1] == ' ')
		len--;
	memmove(f, p, len);
	f[len] = '\0';
	return f;
}

/* Add one occurrence of the token (field, folded) to item. */
static void ct_add(struct ct_build *b, uint32_t item, enum ct_field field,
		   const char *folded, const char *display)
{
	char *key;
	bool added;
	uint32_t t;

	if (!*folded)
		return;
	key = xasprintf("%s%s", ct_prefix[field], folded);
	t = intern_add(b->c->vocab, key, strlen(key), &added);
	free(key);
	if (t == INTERN_NONE)
		return;
	if (added) {
		xgrow((void **)&b->c->disp, &b->tok_cap, (size_t)t + 1,
		      sizeof *b->c->disp);
		b->field = xrealloc(b->field, b->tok_cap);
		b->c->disp[t] = xstrdup(display);
		b->field[t] = (uint8_t)field;
		b->c->n_tokens = t + 1;
	}
	xgrow((void **)&b->v, &b->cap, b->n + 1, sizeof *b->v);
	b->v[b->n++] = (struct ct_pair){ item, t };
}

/* True for the values of a genre list that say nothing of the kind of
 * item: MovieLens's "(no genres listed)", and "IMAX", a format its
 * films were also shown in (Toy Story 3 and The Matrix Reloaded have
 * it, Toy Story and The Matrix not), which made a sequel less like its
 * first film than any film of the same genres. */
static bool ct_no_genre(const char *g)
{
	return strcmp(g, "(no genres listed)") == 0 || strcmp(g, "IMAX") == 0;
}

/* Add each sep-separated part of list (genres, tags, creators). */
static void ct_add_list(struct ct_build *b, uint32_t item,
			enum ct_field field, const char *list, char sep)
{
	char *copy, *part, *save = NULL;
	char seps[2] = { sep, '\0' };

	if (!list)
		return;
	copy = xstrdup(list);
	for (part = strtok_r(copy, seps, &save); part;
	     part = strtok_r(NULL, seps, &save)) {
		char *f;

		text_trim(part);
		if (!*part || (field == CT_GENRE && ct_no_genre(part)))
			continue;
		f = ct_fold(part);
		ct_add(b, item, field, f, part);
		free(f);
	}
	free(copy);
}

/* The series without its number ("The Hunger Games, #1" gives "The
 * Hunger Games") and, in the key, without a leading article. */
static void ct_add_series(struct ct_build *b, uint32_t item,
			  const char *series)
{
	char *d, *hash, *f, *key;
	size_t len;

	if (!series)
		return;
	d = xstrdup(series);
	hash = strchr(d, '#');
	if (hash)
		*hash = '\0';
	len = strlen(d);
	while (len > 0 && (d[len - 1] == ' ' || d[len - 1] == ','))
		d[--len] = '\0';
	f = ct_fold(text_trim(d));
	key = f;
	if (strncmp(key, "the ", 4) == 0)
		key += 4;
	else if (strncmp(key, "a ", 2) == 0)
		key += 2;
	ct_add(b, item, CT_SERIES, key, d);
	free(f);
	free(d);
}

/* Folded title words, stop words left out. */
static void ct_add_words(struct ct_build *b, uint32_t item,
			 const char *title)
{
	char *f, *w, *save = NULL;

	if (!title)
		return;
	f = ct_fold(title);
	for (w = strtok_r(f, " ", &save); w; w = strtok_r(NULL, " ", &save))
		if (!ct_is_stop(w))
			ct_add(b, item, CT_WORD, w, w);
	free(f);
}

/* Every token occurrence of every item of the catalogue. */
static void ct_collect(struct ct_build *b, const struct catalog *cat)
{
	for (uint32_t i = 0; i < cat->n_items; i++) {
		const struct item *it = &cat->items[i];

		ct_add_list(b, i, CT_GENRE, it->genres, '|');
		ct_add_list(b, i, CT_TAG, it->tags, '|');
		ct_add_list(b, i, CT_CREATOR, it->creators, ',');
		ct_add_series(b, i, it->series);
		ct_add_words(b, i, it->title);
	}
}

/* Order occurrences by item, then token. */
static int ct_pair_cmp(const void *pa, const void *pb)
{
	const struct ct_pair *a = pa, *b = pb;

	if (a->item != b->item)
		return (a->item > b->item) - (a->item < b->item);
	return (a->tok > b->tok) - (a->tok < b->tok);
}

/* Document frequencies (sorted occurrences), then the smoothed IDF. */
static uint32_t *ct_idf(struct ct_build *b)
{
	struct content *c = b->c;
	uint32_t *df = xcalloc(c->n_tokens ? c->n_tokens : 1, sizeof *df);

	for (size_t x = 0; x < b->n; x++)
		if (x == 0 || ct_pair_cmp(&b->v[x], &b->v[x - 1]) != 0)
			df[b->v[x].tok]++;
	c->idf = xmalloc((c->n_tokens ? c->n_tokens : 1) * sizeof *c->idf);
	for (uint32_t t = 0; t < c->n_tokens; t++)
		c->idf[t] = (float)(log((1.0 + c->n_items) / (1.0 + df[t])) +
				    1.0);
	return df;
}

/* True when a token of field f in df items is kept in the vectors
 * (see CONTENT_MAX_DF and CONTENT_WORD_MAX_DF). */
static bool ct_keep(const struct content *c, uint8_t f, uint32_t df)
{
	if (f == CT_WORD && c->n_items >= CONTENT_WORD_MAX_DF_MIN_ITEMS &&
	    df > CONTENT_WORD_MAX_DF * c->n_items)
		return false;
	return c->n_items < CONTENT_MAX_DF_MIN_ITEMS ||
	       df <= CONTENT_MAX_DF * c->n_items;
}

/* The length every item vector is divided by: that of an item with
 * each field the catalogue has (some item holds a kept token of it),
 * so that a dot product is the field-weighted mean of field cosines. */
static double ct_full_length(const struct content *c, const uint8_t *field)
{
	bool has[ARRAY_LEN(ct_field_weight)] = { false };
	uint64_t nnz = c->iptr[c->n_items];
	double sq = 0;

	for (uint64_t x = 0; x < nnz; x++)
		has[field[c->itok[x]]] = true;
	for (size_t f = 0; f < ARRAY_LEN(ct_field_weight); f++)
		if (has[f])
			sq += ct_field_weight[f] * ct_field_weight[f];
	return sqrt(sq);
}

/* Give each field of item i's vector the length of its field weight,
 * then divide the whole by full (ct_full_length), in place. */
static void ct_normalise(struct content *c, const uint8_t *field,
			 uint32_t i, double full)
{
	double fsq[ARRAY_LEN(ct_field_weight)] = { 0 };

	for (uint64_t x = c->iptr[i]; x < c->iptr[i + 1]; x++)
		fsq[field[c->itok[x]]] += (double)c->iw[x] * c->iw[x];
	for (uint64_t x = c->iptr[i]; x < c->iptr[i + 1]; x++) {
		uint8_t f = field[c->itok[x]];

		c->iw[x] = (float)(c->iw[x] * ct_field_weight[f] /
				   sqrt(fsq[f]) / full);
	}
}

/* The item vectors from the sorted occurrences: tf counted by runs. */
static void ct_vectors(struct ct_build *b, const uint32_t *df)
{
	struct content *c = b->c;
	size_t x = 0, n = 0;
	double full;

	c->iptr = xcalloc((size_t)c->n_items + 1, sizeof *c->iptr);
	c->itok = xmalloc((b->n ? b->n : 1) * sizeof *c->itok);
	c->iw = xmalloc((b->n ? b->n : 1) * sizeof *c->iw);
	for (uint32_t i = 0; i < c->n_items; i++) {
		c->iptr[i] = n;
		while (x < b->n && b->v[x].item == i) {
			uint32_t t = b->v[x].tok, tf = 0;

			for (; x < b->n && b->v[x].item == i &&
			       b->v[x].tok == t; x++)
				tf++;
			if (!ct_keep(c, b->field[t], df[t]))
				continue;
			c->itok[n] = t;
			c->iw[n++] = (float)((1.0 + log(tf)) * c->idf[t]);
		}
	}
	c->iptr[c->n_items] = n;
	full = ct_full_length(c, b->field);
	for (uint32_t i = 0; i < c->n_items; i++)
		ct_normalise(c, b->field, i, full);
}

/* The inverted index, by counting: items come out ascending. */
static void ct_invert(struct content *c)
{
	uint64_t nnz = c->iptr[c->n_items];
	uint64_t *fill;

	c->tptr = xcalloc((size_t)c->n_tokens + 1, sizeof *c->tptr);
	c->titem = xmalloc((nnz ? nnz : 1) * sizeof *c->titem);
	c->tw = xmalloc((nnz ? nnz : 1) * sizeof *c->tw);
	for (uint64_t x = 0; x < nnz; x++)
		c->tptr[c->itok[x] + 1]++;
	for (uint32_t t = 0; t < c->n_tokens; t++)
		c->tptr[t + 1] += c->tptr[t];
	fill = xmalloc(((size_t)c->n_tokens + 1) * sizeof *fill);
	memcpy(fill, c->tptr, ((size_t)c->n_tokens + 1) * sizeof *fill);
	for (uint32_t i = 0; i < c->n_items; i++)
		for (uint64_t x = c->iptr[i]; x < c->iptr[i + 1]; x++) {
			uint64_t at = fill[c->itok[x]]++;

			c->titem[at] = i;
			c->tw[at] = c->iw[x];
		}
	free(fill);
}

/* Midpoint and half range of the scale, for profiles and predict. */
static void ct_set_scale(struct content *c, const struct scale *sc)
{
	c->mid = (sc->min + sc->max) / 2;
	c->half = (sc->max - sc->min) / 2;
}

/* Free a content state (the training matrix is the caller's). */
static void ct_destroy(struct content *c)
{
	if (!c)
		return;
	for (uint32_t t = 0; t < c->n_tokens; t++)
		free(c->disp[t]);
	free(c->disp);
	intern_free(c->vocab);
	free(c->idf);
	free(c->iptr);
	free(c->itok);
	free(c->iw);
	free(c->tptr);
	free(c->titem);
	free(c->tw);
	free(c);
}

/* Build the vocabulary, IDF, item vectors and index of a catalogue. */
static struct content *ct_build_all(const struct catalog *cat)
{
	struct ct_build b = { 0 };
	uint32_t *df;

	b.c = xcalloc(1, sizeof *b.c);
	b.c->n_items = cat->n_items;
	b.c->vocab = intern_new();
	ct_collect(&b, cat);
	if (b.n > 1)        /* v is NULL when no item has a token */
		qsort(b.v, b.n, sizeof *b.v, ct_pair_cmp);
	df = ct_idf(&b);
	ct_vectors(&b, df);
	ct_invert(b.c);
	free(df);
	free(b.v);
	free(b.field);
	return b.c;
}

/* Fit: features come from the catalogue, profiles from the ratings. */
static int content_fit(struct model *m, const struct fit_data *d,
		       char *err, size_t errlen)
{
	struct content *c;

	if (!d || !d->cat || !d->train) {
		xsnprintf(err, errlen, "%s",
			  _("the content model needs a catalogue and ratings"));
		return -1;
	}
	if (d->cat->n_items != d->train->n_items) {
		xsnprintf(err, errlen,
			  _("training matrix has %u items, catalogue %u"),
			  d->train->n_items, d->cat->n_items);
		return -1;
	}
	c = ct_build_all(d->cat);
	c->r = d->train;
	ct_set_scale(c, &d->cat->scale);
	ct_destroy(m->state);
	m->state = c;
	m->cat = d->cat;
	m->train = d->train;
	m->scale = d->cat->scale;
	m->n_users = d->train->n_users;
	m->n_items = d->train->n_items;
	return 0;
}

/* The ratings a query is about: a training row, or those given. */
static struct rvec ct_rated(const struct content *c, uint32_t user,
			    const struct model_you *you)
{
	struct rvec none = { 0, NULL, NULL };

	if (user != MODEL_NO_USER)
		return c->r && user < c->r->n_users ?
		       rmatrix_by_user(c->r, user) : none;
	return you ? you->ratings : none;
}

/* The signals a query has: those of "you", none for a training row. */
static struct rvec ct_signals(uint32_t user, const struct model_you *you)
{
	struct rvec none = { 0, NULL, NULL };

	return user == MODEL_NO_USER && you ? you->signals : none;
}

/* Add v to token t of the profile. */
static void ct_profile_bump(struct ct_profile *pr, uint32_t t, double v)
{
	if (!pr->seen[t]) {
		pr->seen[t] = true;
		pr->touched[pr->n_touched++] = t;
	}
	pr->p[t] += v;
}

/* Add weight w times item i's vector to the profile. */
static void ct_profile_add(const struct content *c, struct ct_profile *pr,
			   uint32_t i, double w)
{
	if (i >= c->n_items)
		return;
	for (uint64_t y = c->iptr[i]; y < c->iptr[i + 1]; y++)
		ct_profile_bump(pr, c->itok[y], w * c->iw[y]);
}

/* Your words of one field, a "|" list, as tokens of the vocabulary into
 * tok and their IDF into w (at most max of them), scaled together to
 * the field's weight; how many. */
static size_t ct_word_tokens(const struct content *c, enum ct_field field,
			     const char *list, uint32_t *tok, double *w,
			     size_t max)
{
	size_t n = 0;
	double sq = 0;
	for (const char *p = list; p && *p && n < max;) {
		size_t len = strcspn(p, "|");
		char *word = xstrndup(p, len);
		char *f = ct_fold(text_trim(word));
		char *key = xasprintf("%s%s", ct_prefix[field], f);
		uint32_t t = intern_find(c->vocab, key);
		if (*f && t != INTERN_NONE) {
			tok[n] = t;
			w[n] = c->idf[t];
			sq += w[n] * w[n];
			n++;
		}
		free(key);
		free(f);
		free(word);
		p += len + (p[len] == '|');
	}
	for (size_t k = 0; k < n && sq > 0; k++)
		w[k] *= ct_field_weight[field] / sqrt(sq);
	return n;
}

/* Add weight wt times the vector of your words of one item (genres and
 * tags, "|" lists) to the profile, at length CONTENT_WORDS. */
static void ct_profile_words(const struct content *c, struct ct_profile *pr,
			     const char *genres, const char *tags, double wt)
{
	enum { MAX_WORDS = 64 };
	uint32_t tok[2 * MAX_WORDS];
	double w[2 * MAX_WORDS], sq = 0;
	size_t n = ct_word_tokens(c, CT_GENRE, genres, tok, w, MAX_WORDS);
	n += ct_word_tokens(c, CT_TAG, tags, tok + n, w + n, MAX_WORDS);
	for (size_t k = 0; k < n; k++)
		sq += w[k] * w[k];
	for (size_t k = 0; k < n && sq > 0; k++)
		ct_profile_bump(pr, tok[k], wt * CONTENT_WORDS * w[k] /
				sqrt(sq));
}

/* bsearch comparison of an item index with an rvec index. */
static int ct_idx_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Position of item i in v (indices ascending), or -1. */
static ptrdiff_t ct_find(const struct rvec *v, uint32_t i)
{
	const uint32_t *p = v->n ? bsearch(&i, v->idx, v->n, sizeof i,
					   ct_idx_cmp) : NULL;
	return p ? p - v->idx : -1;
}

/* The weight of a signal in a profile (CONTENT_SEEN). */
static double ct_signal_weight(const struct content *c, float v)
{
	double w = CONTENT_SEEN * c->half;

	return v == MODEL_SIGNAL_WANT ? w / 2 : w;
}

/* Your words of the items you rated or signalled, each with that
 * item's weight in the profile (none for a training row). */
static void ct_profile_your_words(const struct content *c,
				  struct ct_profile *pr, uint32_t user,
				  const struct model_you *you,
				  const struct rvec *rated,
				  const struct rvec *sig)
{
	const struct model_words *mw = you ? you->words : NULL;
	for (size_t k = 0; user == MODEL_NO_USER && mw && k < mw->n; k++) {
		ptrdiff_t x = ct_find(rated, mw->item[k]);
		ptrdiff_t s = x < 0 ? ct_find(sig, mw->item[k]) : -1;
		if (x < 0 && s < 0)
			continue;
		double wt = x >= 0 ? rated->val[x] - pr->centre
				   : ct_signal_weight(c, sig->val[s]);
		ct_profile_words(c, pr, mw->genres[k], mw->tags[k], wt);
	}
}

/* Build the user's profile from the ratings and signals of a query;
 * false when it is zero (nothing to go on). */
static bool ct_profile_make(const struct content *c, uint32_t user,
			    const struct model_you *you,
			    struct ct_profile *pr)
{
	struct rvec rated = ct_rated(c, user, you);
	struct rvec sig = ct_signals(user, you);
	double sum = 0, sq = 0;

	memset(pr, 0, sizeof *pr);
	for (size_t x = 0; x < rated.n; x++)
		sum += rated.val[x];
	pr->centre = (sum + CONTENT_PRIOR * c->mid) /
		     (rated.n + CONTENT_PRIOR);
	pr->p = xcalloc(c->n_tokens ? c->n_tokens : 1, sizeof *pr->p);
	pr->seen = xcalloc(c->n_tokens ? c->n_tokens : 1, sizeof *pr->seen);
	pr->touched = xmalloc((c->n_tokens ? c->n_tokens : 1) *
			      sizeof *pr->touched);
	for (size_t x = 0; x < rated.n; x++)
		ct_profile_add(c, pr, rated.idx[x], rated.val[x] - pr->centre);
	for (size_t x = 0; x < sig.n; x++)
		ct_profile_add(c, pr, sig.idx[x], ct_signal_weight(c,
							     sig.val[x]));
	ct_profile_your_words(c, pr, user, you, &rated, &sig);
	for (size_t x = 0; x < pr->n_touched; x++)
		sq += pr->p[pr->touched[x]] * pr->p[pr->touched[x]];
	pr->norm = sqrt(sq);
	return pr->norm > 1e-12 && isfinite(pr->norm);
}

/* Release a profile's arrays. */
static void ct_profile_free(struct ct_profile *pr)
{
	free(pr->p);
	free(pr->seen);
	free(pr->touched);
}

/* The profile's similarity with item i mapped onto the scale; false
 * when the item has no features. */
static bool ct_score(const struct content *c, const struct ct_profile *pr,
		     uint32_t i, double *out)
{
	double dot = 0, v;

	if (c->iptr[i] == c->iptr[i + 1])
		return false;
	for (uint64_t y = c->iptr[i]; y < c->iptr[i + 1]; y++)
		dot += pr->p[c->itok[y]] * c->iw[y];
	v = pr->centre + c->half * (dot / pr->norm);
	if (!isfinite(v))
		return false;
	*out = v;
	return true;
}

/* The profile's similarity with item on the scale; false when n/a. */
static bool content_predict(const struct model *m, uint32_t user,
			    const struct model_you *you, uint32_t item,
			    double *out)
{
	const struct content *c = m->state;
	struct ct_profile pr;
	bool ok;

	if (!c || item >= c->n_items || c->iptr[item] == c->iptr[item + 1])
		return false;
	ok = ct_profile_make(c, user, you, &pr) &&
	     ct_score(c, &pr, item, out);
	ct_profile_free(&pr);
	return ok;
}

/* Every item's content score for the user, -INFINITY when n/a. */
static void content_score_all(const struct model *m, uint32_t user,
			      const struct model_you *you, float *out)
{
	const struct content *c = m->state;
	struct ct_profile pr;

	for (uint32_t j = 0; j < m->n_items; j++)
		out[j] = -INFINITY;
	if (!c)
		return;
	if (ct_profile_make(c, user, you, &pr))
		for (uint32_t j = 0; j < c->n_items; j++) {
			double v;

			if (ct_score(c, &pr, j, &v))
				out[j] = (float)v;
		}
	ct_profile_free(&pr);
}

/* Items by similarity with item, through the postings of its tokens;
 * the best n picked by model_top_n's bounded heap, not a full sort. */
static size_t content_similar(const struct model *m, uint32_t item,
			      struct scored *out, size_t n)
{
	const struct content *c = m->state;
	float *sc;
	size_t got;

	if (!c || item >= c->n_items || n == 0)
		return 0;
	sc = xmalloc((c->n_items ? c->n_items : 1) * sizeof *sc);
	for (uint32_t j = 0; j < c->n_items; j++)
		sc[j] = -INFINITY;
	for (uint64_t y = c->iptr[item]; y < c->iptr[item + 1]; y++) {
		uint32_t t = c->itok[y];

		for (uint64_t z = c->tptr[t]; z < c->tptr[t + 1]; z++) {
			uint32_t j = c->titem[z];
			float v = c->iw[y] * c->tw[z];

			sc[j] = isinf(sc[j]) ? v : sc[j] + v;
		}
	}
	sc[item] = -INFINITY;
	for (uint32_t j = 0; j < c->n_items; j++)
		if (sc[j] > 1)
			sc[j] = 1;
	got = model_top_n(sc, c->n_items, NULL, out, n);
	free(sc);
	return got;
}

/* The dot product of the vectors of items a and b, by merging their
 * sorted tokens; false when either has no features. */
static bool ct_dot(const struct content *c, uint32_t a, uint32_t b,
		   double *out)
{
	double dot = 0;
	uint64_t x, y;

	if (!c || a >= c->n_items || b >= c->n_items ||
	    c->iptr[a] == c->iptr[a + 1] || c->iptr[b] == c->iptr[b + 1])
		return false;
	x = c->iptr[a];
	y = c->iptr[b];
	while (x < c->iptr[a + 1] && y < c->iptr[b + 1]) {
		if (c->itok[x] == c->itok[y])
			dot += (double)c->iw[x++] * c->iw[y++];
		else if (c->itok[x] < c->itok[y])
			x++;
		else
			y++;
	}
	*out = dot;
	return true;
}

/* The length of item i's vector. */
static double ct_length(const struct content *c, uint32_t i)
{
	double sq = 0;

	for (uint64_t x = c->iptr[i]; x < c->iptr[i + 1]; x++)
		sq += (double)c->iw[x] * c->iw[x];
	return sqrt(sq);
}

/* Similarity of two items (content.h): their dot product. */
bool content_similarity(const struct model *m, uint32_t a, uint32_t b,
			double *out)
{
	double dot;

	if (!ct_dot(m->state, a, b, &dot))
		return false;
	*out = fmin(dot, 1.0);
	return true;
}

/* Plain cosine of two items' vectors (content.h). */
bool content_cosine(const struct model *m, uint32_t a, uint32_t b,
		    double *out)
{
	double dot;

	if (!ct_dot(m->state, a, b, &dot))
		return false;
	*out = fmin(dot / (ct_length(m->state, a) *
			   ct_length(m->state, b)), 1.0);
	return true;
}

/* A token of item with its weight product against a profile. */
struct ct_share {
	double w;
	uint32_t tok;
};

/* Larger product first, then the lower token index. */
static int ct_share_cmp(const void *pa, const void *pb)
{
	const struct ct_share *a = pa, *b = pb;

	if (a->w != b->w)
		return a->w > b->w ? -1 : 1;
	return (a->tok > b->tok) - (a->tok < b->tok);
}

/* Join the display names of the best shared tokens into buf. */
static size_t ct_join(const struct content *c, struct ct_share *s,
		      size_t ns, char *buf, size_t n)
{
	size_t len = 0;

	qsort(s, ns, sizeof *s, ct_share_cmp);
	if (ns > CONTENT_REASON_TOKENS)
		ns = CONTENT_REASON_TOKENS;
	if (n)
		buf[0] = '\0';
	for (size_t x = 0; x < ns && len + 1 < n; x++)
		len += xsnprintf(buf + len, n - len, "%s%s", x ? ", " : "",
				 c->disp[s[x].tok]);
	return len < n ? len : (n ? n - 1 : 0);
}

/* The features of item the profile weighs most (content.h). */
size_t content_shared(const struct model *m, uint32_t user,
		      const struct model_you *you, uint32_t item, char *buf,
		      size_t n)
{
	const struct content *c = m->state;
	struct ct_profile pr;
	struct ct_share *s;
	size_t ns = 0, len = 0;

	if (n)
		buf[0] = '\0';
	if (!c || item >= c->n_items)
		return 0;
	if (ct_profile_make(c, user, you, &pr)) {
		s = xmalloc((c->iptr[item + 1] - c->iptr[item] + 1) *
			    sizeof *s);
		for (uint64_t y = c->iptr[item]; y < c->iptr[item + 1]; y++) {
			double w = pr.p[c->itok[y]] * c->iw[y];

			if (w > 1e-12)
				s[ns++] = (struct ct_share){ w, c->itok[y] };
		}
		len = ct_join(c, s, ns, buf, n);
		free(s);
	}
	ct_profile_free(&pr);
	return len;
}

/* True when item has a feature the profile likes (content_shared's
 * test) other than a title word, or two title words: one word alone
 * ("dark", "war") is what a thriller shares with a picture book. */
static bool ct_likes_some(const struct content *c,
			  const struct ct_profile *pr, uint32_t item)
{
	int words = 0;

	for (uint64_t y = c->iptr[item]; y < c->iptr[item + 1]; y++) {
		uint32_t t = c->itok[y];

		if (pr->p[t] * c->iw[y] <= 1e-12)
			continue;
		if (strncmp(intern_str(c->vocab, t), ct_prefix[CT_WORD],
			    2) != 0 || ++words == 2)
			return true;
	}
	return false;
}

/* content.h */
void content_sharing(const struct model *m, const struct model_you *you,
		     const struct scored *list, size_t n, bool *shares)
{
	const struct content *c = m->state;
	struct ct_profile pr;
	bool ok;

	memset(shares, 0, n * sizeof *shares);
	if (!c)
		return;
	ok = ct_profile_make(c, MODEL_NO_USER, you, &pr);
	for (size_t q = 0; ok && q < n; q++)
		shares[q] = list[q].item < c->n_items &&
			    ct_likes_some(c, &pr, list[q].item);
	ct_profile_free(&pr);
}

/* "shares Sci-Fi, space", or why there is no content score. */
static size_t content_explain(const struct model *m, uint32_t user,
			      const struct model_you *you, uint32_t item,
			      char *buf, size_t n)
{
	const struct content *c = m->state;
	char shared[256];

	if (!c || item >= c->n_items || c->iptr[item] == c->iptr[item + 1])
		return xsnprintf(buf, n, "%s",
				 _("n/a: no genres, tags or creators"));
	if (ct_rated(c, user, you).n == 0 && ct_signals(user, you).n == 0)
		return xsnprintf(buf, n, "%s", _("n/a: no ratings yet"));
	if (content_shared(m, user, you, item, shared, sizeof shared) == 0)
		return xsnprintf(buf, n, "%s",
				 _("nothing in common with what you liked"));
	return xsnprintf(buf, n, _("shares %s"), shared);
}

/* A token's IDF, -1 when unknown (content.h). */
double content_idf(const struct model *m, const char *token)
{
	const struct content *c = m->state;
	uint32_t t = c ? intern_find(c->vocab, token) : INTERN_NONE;

	return t == INTERN_NONE ? -1 : c->idf[t];
}

/* A token's weight in an item's vector (content.h). */
double content_weight(const struct model *m, uint32_t item,
		      const char *token)
{
	const struct content *c = m->state;
	uint32_t t = c ? intern_find(c->vocab, token) : INTERN_NONE;

	if (t == INTERN_NONE || item >= c->n_items)
		return 0;
	for (uint64_t y = c->iptr[item]; y < c->iptr[item + 1]; y++)
		if (c->itok[y] == t)
			return c->iw[y];
	return 0;
}

/* Tokens in an item's vector (content.h). */
size_t content_item_size(const struct model *m, uint32_t item)
{
	const struct content *c = m->state;

	if (!c || item >= c->n_items)
		return 0;
	return c->iptr[item + 1] - c->iptr[item];
}

/* Payload: tag, sizes, scale, tokens (key, display, idf), item vectors.
 * The index is rebuilt on load; profiles read m->train, so a model
 * loaded without its catalogue still serves similar() and "you". */
static int content_save(const struct model *m, FILE *f)
{
	const struct content *c = m->state;
	uint32_t dims[2];
	uint64_t nnz;
	double sc[3] = { m->scale.min, m->scale.max, m->scale.step };

	if (!c)
		return -1;
	dims[0] = c->n_items;
	dims[1] = c->n_tokens;
	nnz = c->iptr[c->n_items];
	if (store_put_tag(f, "tcnt", CONTENT_VERSION) != 0 ||
	    store_put(f, dims, sizeof dims[0], 2) != 0 ||
	    store_put(f, sc, sizeof sc[0], 3) != 0)
		return -1;
	for (uint32_t t = 0; t < c->n_tokens; t++)
		if (store_put_str(f, intern_str(c->vocab, t)) != 0 ||
		    store_put_str(f, c->disp[t]) != 0)
			return -1;
	if (store_put(f, c->idf, sizeof *c->idf, c->n_tokens) != 0 ||
	    store_put(f, &nnz, sizeof nnz, 1) != 0 ||
	    store_put(f, c->iptr, sizeof *c->iptr,
		      (size_t)c->n_items + 1) != 0 ||
	    store_put(f, c->itok, sizeof *c->itok, nnz) != 0 ||
	    store_put(f, c->iw, sizeof *c->iw, nnz) != 0)
		return -1;
	return 0;
}

/* Read the tokens back; interning them in order restores the indices. */
static int ct_load_tokens(struct content *c, uint32_t n_tokens, FILE *f,
			  char *err, size_t errlen)
{
	c->n_tokens = n_tokens;
	c->disp = xcalloc(n_tokens ? n_tokens : 1, sizeof *c->disp);
	for (uint32_t t = 0; t < c->n_tokens; t++) {
		char *key;

		if (store_get_str(f, &key, err, errlen) != 0)
			return -1;
		if (!key || intern_add(c->vocab, key, strlen(key), NULL) != t) {
			free(key);
			xsnprintf(err, errlen, "%s",
				  _("model file is truncated or damaged"));
			return -1;
		}
		free(key);
		if (store_get_str(f, &c->disp[t], err, errlen) != 0)
			return -1;
		if (!c->disp[t])
			c->disp[t] = xstrdup("");
	}
	c->idf = xmalloc((c->n_tokens ? c->n_tokens : 1) * sizeof *c->idf);
	return store_get(f, c->idf, sizeof *c->idf, c->n_tokens, err,
			 errlen);
}

/* True when the item vectors read back are well formed. */
static bool ct_vectors_ok(const struct content *c, uint64_t nnz)
{
	if (c->iptr[0] != 0 || c->iptr[c->n_items] != nnz)
		return false;
	for (uint32_t i = 0; i < c->n_items; i++)
		if (c->iptr[i + 1] < c->iptr[i])
			return false;
	for (uint64_t x = 0; x < nnz; x++)
		if (c->itok[x] >= c->n_tokens || !isfinite(c->iw[x]))
			return false;
	return true;
}

/* Read the item vectors and check them. */
static int ct_load_vectors(struct content *c, FILE *f, char *err,
			   size_t errlen)
{
	uint64_t nnz;

	if (store_get(f, &nnz, sizeof nnz, 1, err, errlen) != 0)
		return -1;
	if (nnz > (uint64_t)c->n_items * (c->n_tokens + 1ULL) ||
	    !store_fits(f, ((uint64_t)c->n_items + 1) * 8 + nnz * 8)) {
		xsnprintf(err, errlen, "%s",
			  _("model file is truncated or damaged"));
		return -1;
	}
	c->iptr = xmalloc(((size_t)c->n_items + 1) * sizeof *c->iptr);
	c->itok = xmalloc((nnz ? nnz : 1) * sizeof *c->itok);
	c->iw = xmalloc((nnz ? nnz : 1) * sizeof *c->iw);
	if (store_get(f, c->iptr, sizeof *c->iptr, (size_t)c->n_items + 1,
		      err, errlen) != 0 ||
	    store_get(f, c->itok, sizeof *c->itok, nnz, err, errlen) != 0 ||
	    store_get(f, c->iw, sizeof *c->iw, nnz, err, errlen) != 0)
		return -1;
	if (!ct_vectors_ok(c, nnz)) {
		xsnprintf(err, errlen, "%s",
			  _("model file is truncated or damaged"));
		return -1;
	}
	return 0;
}

/* Read the payload back, rebuild the index, take m->train. */
static int content_load(struct model *m, FILE *f, char *err, size_t errlen)
{
	struct content *c = xcalloc(1, sizeof *c);
	uint32_t dims[2];
	double sc[3];

	c->vocab = intern_new();
	if (store_check_tag(f, "tcnt", CONTENT_VERSION, err, errlen) != 0 ||
	    store_get(f, dims, sizeof dims[0], 2, err, errlen) != 0 ||
	    store_get(f, sc, sizeof sc[0], 3, err, errlen) != 0)
		goto fail;
	c->n_items = dims[0];
	if (dims[0] == UINT32_MAX || !store_fits(f, (uint64_t)dims[1] * 8) ||
	    ct_load_tokens(c, dims[1], f, err, errlen) != 0 ||
	    ct_load_vectors(c, f, err, errlen) != 0)
		goto fail;
	if (c->n_items != m->n_items ||
	    (m->train && m->train->n_items != c->n_items)) {
		xsnprintf(err, errlen, "%s",
			  _("model file is truncated or damaged"));
		goto fail;
	}
	c->r = m->train;
	ct_invert(c);
	ct_destroy(m->state);
	m->state = c;
	m->scale = (struct scale){ sc[0], sc[1], sc[2] };
	ct_set_scale(c, &m->scale);
	return 0;
fail:
	ct_destroy(c);
	return -1;
}

/* Free the kind's state. */
static void content_free(struct model *m)
{
	ct_destroy(m->state);
	m->state = NULL;
}

const struct model_ops content_ops = {
	.name = "content",
	.fit = content_fit,
	.predict = content_predict,
	.score_all = content_score_all,
	.similar = content_similar,
	.explain = content_explain,
	.save = content_save,
	.load = content_load,
	.free = content_free,
};
