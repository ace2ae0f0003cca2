/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_recs: the lists the screen shows, on the bundled movies: rated
 * items are never listed (the onboarding list, the few-ratings list,
 * a model's For you with and without MMR), every entry has a reason,
 * the few-ratings list takes content and popular picks in turn, content
 * lists of items like one are weighed by the community's opinion, and
 * a model's list is the model's own top n. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "fixture.h"
#include "model/model.h"
#include "profile.h"
#include "recs.h"
#include "util.h"

#define N_LIST 30

struct fx {
	struct catalog *cat;
	struct model *content, *als;
};

/* The movies and two fitted models, once for every test. */
static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	char err[256];
	struct fit_data d;

	*state = f;
	f->cat = catalog_open("movies", err, sizeof err);
	if (!f->cat) {
		printf("# movies not available: %s\n", err);
		return 0;
	}
	d = (struct fit_data){ f->cat->m, f->cat, NULL };
	f->content = model_new(MODEL_CONTENT, NULL);
	f->als = model_new(MODEL_ALS, NULL);
	if (model_fit(f->content, &d, err, sizeof err) != 0 ||
	    model_fit(f->als, &d, err, sizeof err) != 0) {
		printf("# fit failed: %s\n", err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	model_free(f->content);
	model_free(f->als);
	catalog_free(f->cat);
	free(f);
	return 0;
}

/* "You": the given MovieLens ids, all rated 5, indices ascending. */
static struct rvec you_of(const struct catalog *c, const char *const *ids,
			  size_t n, uint32_t *idx, float *val)
{
	for (size_t k = 0; k < n; k++) {
		idx[k] = catalog_find_id(c, ids[k]);
		assert_int_not_equal(idx[k], INTERN_NONE);
		val[k] = 5;
	}
	for (size_t a = 1; a < n; a++)   /* insertion sort: n is tiny */
		for (size_t b = a; b > 0 && idx[b - 1] > idx[b]; b--) {
			uint32_t t = idx[b];
			idx[b] = idx[b - 1];
			idx[b - 1] = t;
		}
	return (struct rvec){ n, idx, val };
}

/* No entry of out is in rv, none repeats, each has a reason. */
static void assert_clean(const struct recs_entry *out, size_t n,
			 const struct rvec *rv)
{
	for (size_t q = 0; q < n; q++) {
		for (size_t j = 0; j < rv->n; j++)
			assert_int_not_equal(out[q].item, rv->idx[j]);
		for (size_t p = 0; p < q; p++)
			assert_int_not_equal(out[q].item, out[p].item);
		assert_true(out[q].reason[0] != '\0');
	}
}

static const char *const toy_and_co[] = {
	"1", "3114", "2355", "4886", "6377", "8961",  /* Pixar */
};

/* Fewer than RECS_ONBOARD_MIN ratings: content and popular picks, full
 * length, nothing rated. */
static void test_few(void **state)
{
	struct fx *f = *state;
	struct recs_entry out[N_LIST];
	uint32_t idx[3];
	float val[3];

	if (!f->cat)
		skip();
	struct rvec rv = you_of(f->cat, toy_and_co, 3, idx, val);
	struct model_you y = { rv, { 0, NULL, NULL }, NULL, false, NULL };
	size_t n = recs_few(f->cat, f->content, &y, out, N_LIST);
	assert_int_equal(n, N_LIST);
	assert_clean(out, n, &rv);
	/* no ratings at all: the onboarding list alone */
	rv.n = y.ratings.n = 0;
	n = recs_few(f->cat, NULL, &y, out, N_LIST);
	assert_int_equal(n, N_LIST);
	assert_clean(out, n, &rv);
}

/* From The Matrix at 5 and Toy Story at 4, the few-ratings list weighs
 * likeness by the community's (shrunk) mean: 2012 (2009), all genres
 * shared but a mean of 2.6, is not among the first ten; the ten have a
 * mean of at least 3.1 from at least 5 ratings. */
static void test_few_quality(void **state)
{
	static const char *const two[] = { "2571", "1" };
	struct fx *f = *state;
	struct recs_entry out[10];
	uint32_t idx[2], bad;
	float val[2];

	if (!f->cat)
		skip();
	struct rvec rv = you_of(f->cat, two, 2, idx, val);
	val[idx[0] == catalog_find_id(f->cat, "1") ? 0 : 1] = 4;
	bad = catalog_find_id(f->cat, "72378");
	struct model_you y = { rv, { 0, NULL, NULL }, NULL, false, NULL };
	size_t n = recs_few(f->cat, f->content, &y, out, 10);
	assert_int_equal(n, 10);
	for (size_t q = 0; q < n; q++) {
		const struct item *it = &f->cat->items[out[q].item];

		assert_int_not_equal(out[q].item, bad);
		assert_true(it->n_ratings >= 5 && it->mean >= 3.1);
	}
}

/* The report's case: Fargo at 5 and Memento at 4.5, and twelve films
 * seen, mostly crime and thrillers (Heat, No Country for Old Men,
 * ...) with Spirited Away, Amelie, Her and In the Mood for Love. */
static const char *const few_rated[] = { "608", "4226" };
static const char *const few_seen[] = {
	"6", "47", "4144", "4973", "5618", "48516", "51540", "55820",
	"88129", "104879", "106920", "139644",
};

/* True when the '|' list of genres g names Crime, Action or Thriller. */
static bool crime_like(const char *g)
{
	return g && (strstr(g, "Crime") || strstr(g, "Action") ||
		     strstr(g, "Thriller"));
}

/* The few-ratings list of the report's case takes content and popular
 * picks in turn, content first, each row saying which it is; the
 * popular ones are well rated by many and vary the genres, so the list
 * is not all crime and thrillers; a longer list starts with the
 * shorter one. */
static void test_few_two_sources(void **state)
{
	struct fx *f = *state;
	struct recs_entry out[20], head[8];
	uint32_t ri[2], si[ARRAY_LEN(few_seen)];
	float rv_[2], sv[ARRAY_LEN(few_seen)];
	size_t n, other = 0;

	if (!f->cat)
		skip();
	struct rvec rv = you_of(f->cat, few_rated, 2, ri, rv_);
	struct rvec sg = you_of(f->cat, few_seen, ARRAY_LEN(few_seen), si,
				sv);
	rv_[ri[0] == catalog_find_id(f->cat, "608") ? 1 : 0] = 4.5f;
	for (size_t q = 0; q < sg.n; q++)
		sv[q] = MODEL_SIGNAL_SEEN;
	struct model_you y = { rv, sg, NULL, false, NULL };
	n = recs_few(f->cat, f->content, &y, out, 20);
	assert_int_equal(n, 20);
	assert_clean(out, n, &rv);
	assert_clean(out, n, &sg);
	for (size_t q = 0; q < n; q++) {
		const struct item *it = &f->cat->items[out[q].item];

		if (q % 2 == 0) {
			assert_int_equal(out[q].source, RECS_FROM_CONTENT);
			assert_memory_equal(out[q].reason, "content: shares ",
					    16);
		} else {
			assert_int_equal(out[q].source, RECS_FROM_POPULAR);
			assert_memory_equal(out[q].reason, "popular: ", 9);
			assert_true(it->n_ratings >= 50 && it->mean >= 3.7);
		}
		other += !crime_like(it->genres);
	}
	/* without the popular half, not one was (all 20 crime-like) */
	assert_true(other >= 5);
	assert_int_equal(recs_few(f->cat, f->content, &y, head, 8), 8);
	for (size_t q = 0; q < 8; q++)
		assert_int_equal(head[q].item, out[q].item);
}

/* The item of MovieLens id s. */
static uint32_t ml(const struct fx *f, const char *s)
{
	uint32_t i = catalog_find_id(f->cat, s);

	assert_int_not_equal(i, INTERN_NONE);
	return i;
}

/* Where item i is in the list (n when absent). */
static size_t rank_of(const struct recs_entry *e, size_t n, uint32_t i)
{
	size_t q = 0;

	while (q < n && e[q].item != i)
		q++;
	return q;
}

/* Content lists of items like one, weighed by the community's opinion:
 * like The Matrix, Blade Runner and The Terminator lead and neither
 * 2012 nor Lawnmower Man 2 (2.6 from 21 ratings, 2.5 from 9) is among
 * ten; like Heat, Die Hard (its three genres) before The Heat and Body
 * Heat (two and "heat"); like Toy Story, its sequels first. Scores
 * fall, and a longer list starts with the shorter one. */
static void test_similar_content(void **state)
{
	struct fx *f = *state;
	struct recs_entry out[10], head[4];
	size_t n;

	if (!f->cat)
		skip();
	n = recs_similar_list(f->content, ml(f, "2571"), out, 10);
	assert_int_equal(n, 10);
	assert_true(rank_of(out, n, ml(f, "541")) < 3);     /* Blade Runner */
	assert_true(rank_of(out, n, ml(f, "1240")) < 3);    /* Terminator */
	assert_int_equal(rank_of(out, n, ml(f, "72378")), n);   /* 2012 */
	assert_int_equal(rank_of(out, n, ml(f, "66")), n);  /* Lawnmower 2 */
	for (size_t q = 1; q < n; q++)
		assert_true(out[q].score <= out[q - 1].score);
	assert_int_equal(recs_similar_list(f->content, ml(f, "2571"), head,
					   4), 4);
	for (size_t q = 0; q < 4; q++)
		assert_int_equal(head[q].item, out[q].item);
	n = recs_similar_list(f->content, ml(f, "6"), out, 10);
	assert_true(rank_of(out, n, ml(f, "1036")) < n);     /* Die Hard */
	assert_true(rank_of(out, n, ml(f, "1036")) <
		    rank_of(out, n, ml(f, "103372")));        /* The Heat */
	assert_true(rank_of(out, n, ml(f, "1036")) <
		    rank_of(out, n, ml(f, "2917")));          /* Body Heat */
	n = recs_similar_list(f->content, ml(f, "1"), out, 10);
	assert_int_equal(out[0].item, ml(f, "3114"));         /* Toy Story 2 */
	assert_int_equal(out[1].item, ml(f, "78499"));        /* Toy Story 3 */
}

/* Sinister (2012) has 1 rating: too few to say, and ALS lists no
 * neighbour for it; Toy Story has 215 and a list. */
static void test_too_few_to_say(void **state)
{
	struct fx *f = *state;
	struct recs_entry out[5];
	char note[128] = "";

	if (!f->cat)
		skip();
	assert_true(recs_too_few_to_say(f->cat, ml(f, "97188"), note,
					sizeof note));
	assert_string_equal(note, "n/a: too few ratings to say (1 rating)");
	assert_int_equal(recs_similar_list(f->als, ml(f, "97188"), out, 5), 0);
	assert_false(recs_too_few_to_say(f->cat, ml(f, "1"), note,
					 sizeof note));
	assert_int_equal(recs_similar_list(f->als, ml(f, "1"), out, 5), 5);
	for (size_t q = 0; q < 5; q++)
		assert_true(rmatrix_by_item(f->cat->m, out[q].item).n >=
			    MODEL_SIM_MIN_RATINGS);
}

/* A model's list, plain and diverse, skips what you rated and is the
 * model's own top n in order. */
static void test_model_list(void **state)
{
	struct fx *f = *state;
	struct recs_entry out[N_LIST];
	struct scored top[N_LIST];
	uint32_t idx[6];
	float val[6];

	if (!f->cat)
		skip();
	struct rvec rv = you_of(f->cat, toy_and_co, 6, idx, val);
	struct model_you y = { rv, { 0, NULL, NULL }, NULL, false, NULL };
	size_t n = recs_model_list(f->als, MODEL_NO_USER, &y, false, out,
				   N_LIST);
	assert_int_equal(n, N_LIST);
	assert_clean(out, n, &rv);
	assert_int_equal(model_recommend(f->als, MODEL_NO_USER, &rv, top,
					 N_LIST), N_LIST);
	for (size_t q = 0; q < n; q++)
		assert_int_equal(out[q].item, top[q].item);
	/* the TUI's For you (diverse, at 0) is the command's list */
	struct recs_entry plain[N_LIST];
	size_t np = recs_model_list(f->content, MODEL_NO_USER, &y, false,
				    plain, N_LIST);
	n = recs_model_list(f->content, MODEL_NO_USER, &y, true, out, N_LIST);
	assert_int_equal(n, np);
	for (size_t q = 0; q < n; q++) {
		assert_int_equal(out[q].item, plain[q].item);
		assert_float_equal(out[q].score, plain[q].score, 1e-9);
	}
	f->content->params.diversity = 0.5;
	n = recs_model_list(f->content, MODEL_NO_USER, &y, true, out,
			    N_LIST);
	f->content->params.diversity = 0;
	assert_int_equal(n, N_LIST);
	assert_clean(out, n, &rv);
}

/* The collection of books that gathers book b, or NULL. */
static const struct catalog_gathering *gathering_of(const struct catalog *c,
						    uint32_t a, uint32_t b)
{
	for (size_t k = 0; k < c->n_collections; k++)
		if (c->collections[k].item == a &&
		    catalog_gathers(c, &c->collections[k], b))
			return &c->collections[k];
	return NULL;
}

/* True when list out[0..n) holds item i. */
static bool lists(const struct recs_entry *out, size_t n, uint32_t i)
{
	return rank_of(out, n, i) < n;
}

/* Box sets, runs and editions of the bundled books: The Hunger Games
 * Trilogy Boxset gathers The Hunger Games, Tolkien's 4-Book Boxed Set
 * The Hobbit, The Hobbit: Graphic Novel is another edition of it, and
 * The Lord of the Rings (#1-3) gathers The Fellowship of the Ring but
 * not The Hobbit. Lists for someone who rated The Hunger Games and The
 * Hobbit, and items like them, leave those out, Catching Fire first;
 * a list holding a run and its volumes keeps the volumes, and a
 * series' books come in its order. */
static void test_books_gathered(void **state)
{
	char err[256], dir[] = "/tmp/taste-test-XXXXXX";
	struct catalog *c = catalog_open("books", err, sizeof err);
	struct model *content = model_new(MODEL_CONTENT, NULL);
	struct recs_entry out[N_LIST];
	struct recs_you y;

	(void)state;
	assert_non_null(c);
	uint32_t hg = catalog_find_id(c, "1"), hobbit = catalog_find_id(c, "7");
	uint32_t fellowship = catalog_find_id(c, "19");
	uint32_t lotr = catalog_find_id(c, "189");
	uint32_t graphic = catalog_find_id(c, "466");
	uint32_t hg_box = catalog_find_id(c, "507");
	uint32_t tolkien_box = catalog_find_id(c, "964");
	uint32_t catching = catalog_find_id(c, "17");
	assert_non_null(gathering_of(c, hg_box, hg));
	assert_non_null(gathering_of(c, tolkien_box, hobbit));
	assert_non_null(gathering_of(c, graphic, hobbit));
	assert_int_equal(gathering_of(c, graphic, hobbit)->edition_of, hobbit);
	assert_non_null(gathering_of(c, lotr, fellowship));
	assert_null(gathering_of(c, lotr, hobbit));
	assert_null(gathering_of(c, hg_box, hobbit));

	struct fit_data d = { c->m, c, NULL };
	assert_int_equal(model_fit(content, &d, err, sizeof err), 0);
	size_t n = recs_similar_list(content, hg, out, 5);
	assert_int_equal(n, 5);
	assert_int_equal(out[0].item, catching);
	assert_false(lists(out, n, hg_box));
	n = recs_similar_list(content, hobbit, out, 10);
	assert_false(lists(out, n, tolkien_box) || lists(out, n, graphic));
	/* its three volumes, in their order, and not the one-volume run
	 * beside them */
	assert_int_equal(out[0].item, fellowship);
	assert_false(lists(out, n, lotr));
	/* Philosopher's Stone: Chamber of Secrets next, whatever scores */
	n = recs_similar_list(content, catalog_find_id(c, "2"), out, 8);
	assert_int_equal(out[0].item, catalog_find_id(c, "23"));
	/* a hyphen in a series' name is no run (Dark-Hunter, Were-Hunter),
	 * and a box set of a series is no box set of every book by its
	 * author (Harry Potter's, to a reader of The Casual Vacancy) */
	assert_null(catalog_collection_of(c, catalog_find_id(c, "3382")));
	assert_null(gathering_of(c, catalog_find_id(c, "422"),
				 catalog_find_id(c, "342")));

	assert_non_null(mkdtemp(dir));
	struct profile *p = profile_open(dir, "books", err, sizeof err);
	assert_non_null(p);
	assert_int_equal(profile_set(p, "1", 5, err, sizeof err), 0);
	assert_int_equal(profile_set(p, "7", 5, err, sizeof err), 0);
	recs_you_from_profile(&y, c, p);
	struct model_you you = recs_you_model(&y);
	n = recs_few(c, content, &you, out, N_LIST);
	assert_int_equal(out[0].item, catching);
	assert_false(lists(out, n, hg_box) || lists(out, n, tolkien_box) ||
		     lists(out, n, graphic));
	n = recs_model_list(content, MODEL_NO_USER, &you, false, out, N_LIST);
	assert_false(lists(out, n, hg_box) || lists(out, n, tolkien_box) ||
		     lists(out, n, graphic));
	recs_you_free(&y);
	profile_close(p);
	void *scratch = xstrdup(dir);
	assert_int_equal(fixture_dir_teardown(&scratch), 0);
	model_free(content);
	catalog_free(c);
}

/* The book of Goodreads-catalogue id id in c. */
static uint32_t gb(const struct catalog *c, const char *id)
{
	uint32_t i = catalog_find_id(c, id);

	assert_int_not_equal(i, INTERN_NONE);
	return i;
}

/* Parts, adaptations and common title words on the bundled books: the
 * six parts of The Green Mile are parts of it (not "Never Never: Part
 * Two", the sequel of Never Never), "The Stand: Captain Trips" (a
 * comic by others) and a sheet-music "Chamber of Secrets" are editions
 * of their books ("Humans of New York: Stories" is a book of its own),
 * and a list for a reader of The Stand, It, Chamber of Secrets, One
 * Hundred Years of Solitude and We Have Always Lived in the Castle
 * holds The Green Mile once and none of its parts, no such edition,
 * and nothing for its "one" or "always" (One Piece, Just One Drop,
 * The Summer I Turned Pretty Trilogy); Preacher's volumes, a set with
 * no whole, come in their order. */
static void test_books_parts(void **state)
{
	char err[256], dir[] = "/tmp/taste-test-XXXXXX";
	struct catalog *c = catalog_open("books", err, sizeof err);
	struct model *content = model_new(MODEL_CONTENT, NULL);
	struct recs_entry out[40];
	const char *mile_parts[] = { "5949", "8829", "9147", "8371", "9923",
				     "9360" };
	const char *off_list[] = { "1419", "2093", "3054", "9806", "8622",
				   "9769", "8182" };
	struct recs_you y;
	size_t head = 0, n;

	(void)state;
	assert_non_null(c);
	assert_float_equal(catalog_part_number(
		"The Green Mile, Part 6: Coffey on the Mile", &head), 6, 0);
	assert_int_equal(head, strlen("The Green Mile"));
	assert_float_equal(catalog_part_number("Preacher, Volume Two", &head),
			   2, 0);
	assert_float_equal(catalog_part_number("1Q84 BOOK 3", &head), 3, 0);
	assert_int_equal(head, 4);
	assert_true(isnan(catalog_part_number("The Last Book I Read",
					      &head)));
	assert_true(isnan(catalog_part_number("The Book Thief", &head)));

	uint32_t mile = gb(c, "488"), stand = gb(c, "168");
	for (size_t k = 0; k < ARRAY_LEN(mile_parts); k++) {
		const struct catalog_gathering *g =
			gathering_of(c, gb(c, mile_parts[k]), mile);
		assert_non_null(g);
		assert_true(g->part);
	}
	assert_null(gathering_of(c, gb(c, "3778"), gb(c, "2395")));
	assert_non_null(gathering_of(c, gb(c, "1419"), stand));
	assert_non_null(gathering_of(c, gb(c, "2093"), stand));
	assert_non_null(gathering_of(c, gb(c, "3054"), gb(c, "23")));
	assert_null(gathering_of(c, gb(c, "9842"), gb(c, "8926")));

	struct fit_data d = { c->m, c, NULL };
	assert_int_equal(model_fit(content, &d, err, sizeof err), 0);
	assert_non_null(mkdtemp(dir));
	struct profile *p = profile_open(dir, "books", err, sizeof err);
	assert_non_null(p);
	assert_int_equal(profile_set(p, "168", 5, err, sizeof err), 0);
	assert_int_equal(profile_set(p, "176", 4, err, sizeof err), 0);
	assert_int_equal(profile_set(p, "23", 4, err, sizeof err), 0);
	assert_int_equal(profile_set(p, "94", 5, err, sizeof err), 0);
	assert_int_equal(profile_set(p, "2637", 5, err, sizeof err), 0);
	recs_you_from_profile(&y, c, p);
	struct model_you you = recs_you_model(&y);
	n = recs_model_list(content, MODEL_NO_USER, &you, false, out, 40);
	assert_int_equal(n, 40);
	assert_true(lists(out, n, mile));
	for (size_t k = 0; k < ARRAY_LEN(mile_parts); k++)
		assert_false(lists(out, n, gb(c, mile_parts[k])));
	for (size_t k = 0; k < ARRAY_LEN(off_list); k++)
		assert_false(lists(out, n, gb(c, off_list[k])));
	for (size_t q = 0; q < n; q++) {
		assert_null(strstr(out[q].reason, "one"));
		assert_null(strstr(out[q].reason, "always"));
		/* one title word alone ("shares dark": folded, lower
		 * case) brings no book in; an author or series does */
		const char *r = out[q].reason;
		bool upper = false;
		for (const char *ch = r; *ch; ch++)
			upper |= *ch >= 'A' && *ch <= 'Z';
		assert_true(strchr(r, ',') || upper);
	}
	/* a shorter list is the start of the longer one */
	struct recs_entry first[10];
	assert_int_equal(recs_model_list(content, MODEL_NO_USER, &you, false,
					 first, 10), 10);
	for (size_t q = 0; q < 10; q++)
		assert_int_equal(first[q].item, out[q].item);

	n = recs_similar_list(content, gb(c, "1886"), out, 8);
	assert_int_equal(n, 8);
	for (size_t q = 1; q < n; q++)
		assert_true(catalog_set_number(&c->items[out[q - 1].item]) <
			    catalog_set_number(&c->items[out[q].item]));
	/* like Elantris: Mistborn and Stormlight each from their first,
	 * not after Elantris' own number */
	n = recs_similar_list(content, gb(c, "1049"), out, 12);
	size_t series = 0;
	for (size_t a = 0; a < n; a++)
		for (size_t b = a + 1; b < n; b++) {
			const struct item *ia = &c->items[out[a].item];
			const struct item *ib = &c->items[out[b].item];
			if (!catalog_same_set(ia, ib))
				continue;
			series++;
			assert_true(catalog_set_number(ia) <
				    catalog_set_number(ib));
		}
	assert_true(series >= 3);
	/* like 1Q84: not its run of books 1-2, nor its books */
	n = recs_similar_list(content, gb(c, "649"), out, 12);
	assert_false(lists(out, n, gb(c, "8056")) ||
		     lists(out, n, gb(c, "2520")));
	/* two parts of The Green Mile read: neither the whole nor another
	 * part is offered */
	assert_int_equal(profile_set(p, "5949", 5, err, sizeof err), 0);
	assert_int_equal(profile_set(p, "8829", 5, err, sizeof err), 0);
	recs_you_free(&y);
	recs_you_from_profile(&y, c, p);
	you = recs_you_model(&y);
	n = recs_model_list(content, MODEL_NO_USER, &you, false, out, 40);
	assert_false(lists(out, n, mile));
	for (size_t k = 0; k < ARRAY_LEN(mile_parts); k++)
		assert_false(lists(out, n, gb(c, mile_parts[k])));
	recs_you_free(&y);
	profile_close(p);
	void *scratch = xstrdup(dir);
	assert_int_equal(fixture_dir_teardown(&scratch), 0);
	model_free(content);
	catalog_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_few),
		cmocka_unit_test(test_few_quality),
		cmocka_unit_test(test_few_two_sources),
		cmocka_unit_test(test_similar_content),
		cmocka_unit_test(test_too_few_to_say),
		cmocka_unit_test(test_model_list),
		cmocka_unit_test(test_books_gathered),
		cmocka_unit_test(test_books_parts),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
