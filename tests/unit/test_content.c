/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_content: TF-IDF weights computed by hand on three items, token
 * namespaces and stop words, series and creators, the shelf-tag cut,
 * zero vectors ("n/a", never NaN), a catalogue without any token,
 * case 02 (a cold item reached through content), profiles and reasons,
 * determinism and save/load. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>
#include <cmocka.h>

#include "model/content.h"
#include "model2_util.h"

/* Three items: A "Star", Comedy; B "Star", Comedy|Drama; C "Moon",
 * Horror; one user rated A. */
static void three_items(struct m2 *m)
{
	m2_init(m);
	m2_item(m, "A", "Star (2000)", "Comedy");
	m2_item(m, "B", "Star (2001)", "Comedy|Drama");
	m2_item(m, "C", "Moon (2002)", "Horror");
	tdata_add(&m->d, "u", "A", 5);
	m2_finish(m, &SCALE_GENERIC);
}

/* idf = ln((1+N)/(1+df)) + 1 with N = 3; w = idf, each field scaled to
 * the length of its weight (genres 1.0, title words 0.5), then the whole
 * vector divided by the length of an item with both fields, sqrt(1 +
 * 0.25), which every item here is. */
static void test_tfidf_by_hand(void **state)
{
	struct m2 m;
	struct model *md;
	double idf2 = log(4.0 / 3.0) + 1, idf1 = log(4.0 / 2.0) + 1;
	double n = sqrt(1 + 0.25), ng, cos;

	(void)state;
	three_items(&m);
	md = m2_fit(&m, MODEL_CONTENT, NULL, NULL);
	assert_non_null(md);
	assert_float_equal(content_idf(md, "g:comedy"), idf2, 1e-6);
	assert_float_equal(content_idf(md, "g:drama"), idf1, 1e-6);
	assert_float_equal(content_idf(md, "w:star"), idf2, 1e-6);
	assert_float_equal(content_idf(md, "w:moon"), idf1, 1e-6);
	/* A: one genre, one word */
	assert_float_equal(content_weight(md, m2_id(&m, "A"), "g:comedy"),
			   1 / n, 1e-6);
	assert_float_equal(content_weight(md, m2_id(&m, "A"), "w:star"),
			   0.5 / n, 1e-6);
	/* B: genres (idf2, idf1) share the genre field's length */
	ng = sqrt(idf2 * idf2 + idf1 * idf1);
	assert_float_equal(content_weight(md, m2_id(&m, "B"), "g:comedy"),
			   idf2 / ng / n, 1e-6);
	assert_float_equal(content_weight(md, m2_id(&m, "B"), "g:drama"),
			   idf1 / ng / n, 1e-6);
	assert_float_equal(content_weight(md, m2_id(&m, "B"), "w:star"),
			   0.5 / n, 1e-6);
	assert_int_equal(content_item_size(md, m2_id(&m, "B")), 3);
	cos = (1 / n) * (idf2 / ng / n) + (0.5 / n) * (0.5 / n);
	{
		struct scored out[3];
		double c;

		assert_true(content_similarity(md, m2_id(&m, "A"),
					       m2_id(&m, "B"), &c));
		assert_float_equal(c, cos, 1e-6);
		/* C shares nothing with A: left out */
		assert_int_equal(model_similar(md, m2_id(&m, "A"), out, 3), 1);
		assert_int_equal(out[0].item, m2_id(&m, "B"));
		assert_float_equal(out[0].score, cos, 1e-6);
	}
	model_free(md);
	m2_free(&m);
}

/* Fields are namespaces; function words, words shorter than three
 * bytes and numbers are not tokens, nor the genre IMAX; series lose
 * their number and article, creators split. */
static void test_tokens(void **state)
{
	struct m2 m;
	struct model *md;
	struct item *it;

	(void)state;
	m2_init(&m);
	m2_item(&m, "1", "The Drama of It All 2 (1990)", "Drama");
	m2_item(&m, "2", "Catching Fire (2009)", "Sci-Fi");
	m2_item(&m, "3", "An Und Une You Vs Zorro (2001)", NULL);
	m2_item(&m, "4", "No Country for Old Men (2007)", "Crime");
	m2_item(&m, "5", "Spirited Away (Sen to Chihiro no kamikakushi) "
		"(2001)", "Animation");
	m2_item(&m, "6", "Don't Look Now (1973)", "Horror");
	m2_item(&m, "7", "Le Fabuleux destin d'Amélie (2001)", "Comedy");
	m2_item(&m, "8", "Toy Story 3 (2010)", "Animation|IMAX");
	tdata_add(&m.d, "u", "1", 4);
	m2_finish(&m, &SCALE_GENERIC);
	it = &m.d.cat.items[m2_id(&m, "2")];
	it->series = xstrdup("The Hunger Games, #2");
	it->creators = xstrdup("Suzanne Collins, Jane Doe");
	it->tags = xstrdup("dystopia|Young Adult");
	md = m2_fit(&m, MODEL_CONTENT, NULL, NULL);
	assert_true(content_idf(md, "g:drama") > 0);
	assert_true(content_idf(md, "w:drama") > 0);
	assert_true(content_idf(md, "w:all") < 0);
	assert_true(content_idf(md, "w:the") < 0);
	assert_true(content_idf(md, "w:of") < 0);
	assert_true(content_idf(md, "w:2") < 0);
	assert_true(content_idf(md, "g:sci fi") > 0);
	assert_true(content_idf(md, "s:hunger games") > 0);
	assert_true(content_idf(md, "c:suzanne collins") > 0);
	assert_true(content_idf(md, "c:jane doe") > 0);
	assert_true(content_idf(md, "t:young adult") > 0);
	assert_true(content_idf(md, "w:catching") > 0);
	/* the whole stop list is searched (it must stay sorted) */
	assert_true(content_idf(md, "w:about") < 0);
	assert_true(content_idf(md, "w:und") < 0);
	assert_true(content_idf(md, "w:une") < 0);
	assert_true(content_idf(md, "w:you") < 0);
	assert_true(content_idf(md, "w:your") < 0);
	assert_int_equal(content_item_size(md, m2_id(&m, "3")), 1);
	/* two letters are never a word: English "no", Japanese "no" and
	 * "to"; three are (Sen), unless a function word (for, dont) */
	assert_true(content_idf(md, "w:no") < 0);
	assert_true(content_idf(md, "w:to") < 0);
	assert_true(content_idf(md, "w:for") < 0);
	assert_true(content_idf(md, "w:dont") < 0);
	assert_true(content_idf(md, "w:le") < 0);
	assert_true(content_idf(md, "w:sen") > 0);
	assert_true(content_idf(md, "w:old") > 0);
	assert_true(content_idf(md, "w:damelie") > 0);
	/* country, old, men and the genre */
	assert_int_equal(content_item_size(md, m2_id(&m, "4")), 4);
	/* spirited, away, sen, chihiro, kamikakushi and the genre */
	assert_int_equal(content_item_size(md, m2_id(&m, "5")), 6);
	/* look, now and the genre */
	assert_int_equal(content_item_size(md, m2_id(&m, "6")), 3);
	/* IMAX is a format, no genre: toy, story and Animation */
	assert_true(content_idf(md, "g:imax") < 0);
	assert_int_equal(content_item_size(md, m2_id(&m, "8")), 3);
	/* item 2: a genre, two tags, two creators, a series, two words */
	assert_int_equal(content_item_size(md, m2_id(&m, "2")), 8);
	model_free(md);
	m2_free(&m);
}

/* On 20 or more items a token in more than half of them is dropped. */
static void test_shelf_tags_dropped(void **state)
{
	struct m2 m;
	struct model *md;
	char id[16];

	(void)state;
	m2_init(&m);
	for (int i = 0; i < 20; i++) {
		snprintf(id, sizeof id, "b%d", i);
		m2_item(&m, id, NULL, i < 2 ? "Fantasy" : "Crime");
	}
	tdata_add(&m.d, "u", "b0", 4);
	m2_finish(&m, &SCALE_GENERIC);
	for (int i = 0; i < 20; i++) {
		free(m.d.cat.items[i].title);
		m.d.cat.items[i].title = NULL;
		m.d.cat.items[i].tags = xstrdup(i < 11 ? "to-read" : "owned");
	}
	md = m2_fit(&m, MODEL_CONTENT, NULL, NULL);
	/* to-read is in 11 of 20: dropped; owned in 9: kept */
	assert_float_equal(content_weight(md, m2_id(&m, "b0"), "t:to read"), 0,
			   0);
	assert_true(content_weight(md, m2_id(&m, "b15"), "t:owned") > 0);
	/* Crime (18 of 20) dropped too: b15 keeps only "owned" */
	assert_int_equal(content_item_size(md, m2_id(&m, "b15")), 1);
	model_free(md);
	m2_free(&m);
}

/* Title words weigh W_WORD against genres' 1.0 (content.c): the
 * weakest field, so that one shared word does not outweigh a genre. */
#define W_WORD 0.5

/* The report's case by hand: Heat (Action|Crime|Thriller), The Heat
 * (Action|Comedy|Crime, the word "heat"), Die Hard (Heat's genres, the
 * word "hard") and F/X (Heat's genres, no word: one-letter words are
 * none). Similarity is the w^2-weighted mean of the field cosines over
 * the catalogue's fields, genres and words: F/X, which lacks a title
 * word, is exactly as close to Heat as Die Hard, whose word differs (a
 * plain cosine put F/X at 1/sqrt(1 + w^2), Die Hard at 1/(1 + w^2)).
 * The Heat shares two genres and the word, and comes after both: one
 * shared title word (w^2 = 0.25) weighs less than the third genre. */
static void test_fewer_fields_not_favoured(void **state)
{
	struct m2 m;
	struct model *md;
	struct scored out[3];
	double t = log(5.0 / 4.0) + 1, c = log(5.0 / 2.0) + 1;
	double w2 = W_WORD * W_WORD, g, v;

	(void)state;
	m2_init(&m);
	m2_item(&m, "6", "Heat (1995)", "Action|Crime|Thriller");
	m2_item(&m, "7", "The Heat (2013)", "Action|Comedy|Crime");
	m2_item(&m, "8", "Die Hard (1988)", "Action|Crime|Thriller");
	m2_item(&m, "9", "F/X (1986)", "Action|Crime|Thriller");
	tdata_add(&m.d, "u", "6", 5);
	m2_finish(&m, &SCALE_GENERIC);
	md = m2_fit(&m, MODEL_CONTENT, NULL, NULL);
	assert_non_null(md);
	/* genre cosine of Heat and The Heat: Action and Crime (idf 1) */
	g = 2 / (sqrt(2 + t * t) * sqrt(2 + c * c));
	assert_true(content_similarity(md, m2_id(&m, "6"), m2_id(&m, "7"),
				       &v));
	assert_float_equal(v, (g + w2) / (1 + w2), 1e-6);
	assert_true(content_similarity(md, m2_id(&m, "6"), m2_id(&m, "8"),
				       &v));
	assert_float_equal(v, 1 / (1 + w2), 1e-6);
	assert_true(content_similarity(md, m2_id(&m, "6"), m2_id(&m, "9"),
				       &v));
	assert_float_equal(v, 1 / (1 + w2), 1e-6);
	/* F/X has genres only: its similarity with itself is 1/(1 + w2),
	 * its plain cosine (for variety) 1, and with Die Hard
	 * 1/sqrt(1 + w2) */
	assert_true(content_similarity(md, m2_id(&m, "9"), m2_id(&m, "9"),
				       &v));
	assert_float_equal(v, 1 / (1 + w2), 1e-6);
	assert_true(content_cosine(md, m2_id(&m, "9"), m2_id(&m, "9"), &v));
	assert_float_equal(v, 1, 1e-6);
	assert_true(content_cosine(md, m2_id(&m, "9"), m2_id(&m, "8"), &v));
	assert_float_equal(v, 1 / sqrt(1 + w2), 1e-6);
	assert_true((g + w2) / (1 + w2) < 1 / (1 + w2));
	assert_int_equal(model_similar(md, m2_id(&m, "6"), out, 3), 3);
	assert_int_equal(out[0].item, m2_id(&m, "8"));
	assert_int_equal(out[1].item, m2_id(&m, "9"));
	assert_int_equal(out[2].item, m2_id(&m, "7"));
	assert_float_equal(out[0].score, out[1].score, 1e-6);
	model_free(md);
	m2_free(&m);
}

/* An item without features has a zero vector: "n/a", never NaN. */
static void test_zero_vector(void **state)
{
	struct m2 m;
	struct model *md;
	struct scored out[4];
	float sc[3];
	double v;

	(void)state;
	m2_init(&m);
	m2_item(&m, "A", "Star (2000)", "Comedy");
	m2_item(&m, "B", "Star (2001)", "Comedy");
	m2_item(&m, "Z", NULL, NULL);
	tdata_add(&m.d, "u", "A", 5);
	tdata_add(&m.d, "u", "Z", 1);
	m2_finish(&m, &SCALE_GENERIC);
	free(m.d.cat.items[m2_id(&m, "Z")].title);
	m.d.cat.items[m2_id(&m, "Z")].title = NULL;
	md = m2_fit(&m, MODEL_CONTENT, NULL, NULL);
	assert_int_equal(content_item_size(md, m2_id(&m, "Z")), 0);
	assert_false(content_similarity(md, m2_id(&m, "A"), m2_id(&m, "Z"),
					&v));
	assert_false(content_cosine(md, m2_id(&m, "A"), m2_id(&m, "Z"), &v));
	assert_int_equal(model_similar(md, m2_id(&m, "Z"), out, 4), 0);
	assert_false(model_predict(md, 0, NULL, m2_id(&m, "Z"), &v));
	model_score_all(md, 0, NULL, sc);
	assert_true(isinf(sc[m2_id(&m, "Z")]) && sc[m2_id(&m, "Z")] < 0);
	assert_true(isfinite(sc[m2_id(&m, "B")]));
	model_free(md);
	m2_free(&m);
}

/* A catalogue in which no item has a token (no title word, genre or
 * tag) trains: every vector is zero and nothing is similar. */
static void test_no_tokens(void **state)
{
	struct m2 m;
	struct model *md;
	struct scored out[4];

	(void)state;
	m2_init(&m);
	m2_item(&m, "A", NULL, NULL);
	m2_item(&m, "B", NULL, NULL);
	tdata_add(&m.d, "u", "A", 5);
	m2_finish(&m, &SCALE_GENERIC);
	for (uint32_t i = 0; i < m.d.cat.n_items; i++) {
		free(m.d.cat.items[i].title);
		m.d.cat.items[i].title = NULL;
	}
	md = m2_fit(&m, MODEL_CONTENT, NULL, NULL);
	assert_non_null(md);
	assert_int_equal(content_item_size(md, m2_id(&m, "A")), 0);
	assert_int_equal(model_similar(md, m2_id(&m, "A"), out, 4), 0);
	model_free(md);
	m2_free(&m);
}

/* cos(103, 104) of case02: the genre field (Comedy alone, length 1) is
 * shared, the title words (length 0.5) are not. */
static double cos_103_104(void)
{
	return 1 / (1 + 0.25);
}

static void test_case02_cold_item_reached(void **state)
{
	struct m2 m;
	struct model *md;
	struct scored out[5];
	float you_val[1] = { 5 };
	uint32_t you_idx[1];
	struct rvec you = { 1, you_idx, you_val }, none = { 0, NULL, NULL };
	double v;
	char buf[128];

	(void)state;
	m2_case02(&m);
	assert_int_equal(m.d.cat.n_items, 5);
	assert_int_equal(rmatrix_by_item(m.d.m, m2_id(&m, "103")).n, 0);
	md = m2_fit(&m, MODEL_CONTENT, NULL, NULL);
	assert_int_equal(model_similar(md, m2_id(&m, "104"), out, 5), 1);
	assert_int_equal(out[0].item, m2_id(&m, "103"));
	assert_float_equal(out[0].score, cos_103_104(), 1e-6);
	you_idx[0] = m2_id(&m, "104");
	assert_int_equal(model_recommend(md, MODEL_NO_USER, &you, out, 5), 4);
	assert_int_equal(out[0].item, m2_id(&m, "103"));
	model_explain(md, MODEL_NO_USER, &you, m2_id(&m, "103"), buf,
		      sizeof buf);
	assert_string_equal(buf, "shares Comedy");
	/* a training user who rated no comedy still gets a score */
	assert_true(model_predict(md, tdata_user(&m.d, "1"), NULL,
				  m2_id(&m, "103"), &v));
	assert_true(isfinite(v));
	/* user 4: nothing */
	assert_false(model_predict(md, MODEL_NO_USER, &none, m2_id(&m, "100"),
				   &v));
	assert_int_equal(model_recommend(md, MODEL_NO_USER, &none, out, 5),
			 0);
	model_explain(md, MODEL_NO_USER, &none, m2_id(&m, "103"), buf,
		      sizeof buf);
	assert_string_equal(buf, "n/a: no ratings yet");
	model_free(md);
	m2_free(&m);
}

/* The profile is centred on the damped mean m = (sum + 5 mid)/(n + 5):
 * a single 5 on 1-5 gives m = (5 + 15)/6, and the prediction is
 * m + cos * (max - min) / 2. */
static void test_profile_predict(void **state)
{
	struct m2 m;
	struct model *md;
	float you_val[2] = { 5, 1 };
	uint32_t you_idx[2];
	struct rvec one = { 1, you_idx, you_val }, two = { 2, you_idx,
							    you_val };
	double v;
	char buf[128];

	(void)state;
	m2_case02(&m);
	md = m2_fit(&m, MODEL_CONTENT, NULL, NULL);
	you_idx[0] = m2_id(&m, "104");
	you_idx[1] = m2_id(&m, "102");
	assert_true(model_predict(md, MODEL_NO_USER, &one, m2_id(&m, "103"),
				  &v));
	assert_float_equal(v, 20.0 / 6.0 + 2.0 * cos_103_104(), 1e-6);
	/* 104 rated 5 and 102 (Horror, nothing shared) rated 1: m = 3, the
	 * profile 2 v104 - 2 v102 has norm 2 sqrt 2 */
	assert_true(model_predict(md, MODEL_NO_USER, &two, m2_id(&m, "103"),
				  &v));
	assert_float_equal(v, 3 + 2 * cos_103_104() / sqrt(2.0), 1e-6);
	model_explain(md, MODEL_NO_USER, &two, m2_id(&m, "102"), buf,
		      sizeof buf);
	assert_string_equal(buf, "nothing in common with what you liked");
	model_free(md);
	m2_free(&m);
}

/* Your own words of an item you rated join its vector in your
 * profile: rating A (Comedy) with your genre "Horror" for it points the
 * profile at C (Horror), which A shares nothing with; words the
 * catalogue does not know, or of an item you neither rated nor
 * signalled, change nothing. */
static void test_your_words(void **state)
{
	struct m2 m;
	struct model *md;
	uint32_t a_idx[1];
	float a_val[1] = { 5 };
	double plain, with, other;

	(void)state;
	three_items(&m);
	md = m2_fit(&m, MODEL_CONTENT, NULL, NULL);
	a_idx[0] = m2_id(&m, "A");
	uint32_t c = m2_id(&m, "C"), b = m2_id(&m, "B");
	struct model_you you = { { 1, a_idx, a_val }, { 0, NULL, NULL },
				 NULL, false, NULL };
	assert_true(model_predict_you(md, &you, c, &plain));
	const char *genres[1] = { "Horror|Western" }, *tags[1] = { NULL };
	struct model_words w = { 1, a_idx, genres, tags };
	you.words = &w;
	assert_true(model_predict_you(md, &you, c, &with));
	assert_true(with > plain + 0.1);
	/* plain: C shares nothing, its score is the profile's centre, the
	 * damped mean (5 + 5 * 3) / 6 on 1-5 */
	assert_float_equal(plain, 20.0 / 6.0, 1e-9);
	/* words of an item you did not rate or signal: nothing */
	uint32_t b_idx[1] = { b };
	struct model_words wb = { 1, b_idx, genres, tags };
	you.words = &wb;
	assert_true(model_predict_you(md, &you, c, &other));
	assert_float_equal(other, plain, 1e-9);
	/* a word the catalogue does not know: nothing */
	const char *unknown[1] = { "Western" };
	struct model_words wu = { 1, a_idx, unknown, tags };
	you.words = &wu;
	assert_true(model_predict_you(md, &you, c, &other));
	assert_float_equal(other, plain, 1e-9);
	model_free(md);
	m2_free(&m);
}

/* Case 15 with content: rated items never come back. */
static void test_case15_never_rated(void **state)
{
	struct m2 m;
	struct model *md;
	struct scored out[5];
	uint32_t a;
	size_t n;

	(void)state;
	m2_init(&m);
	m2_item(&m, "1", "One (2000)", "Drama");
	m2_item(&m, "2", "Two (2000)", "Drama|War");
	m2_item(&m, "3", "Three (2000)", "Comedy");
	m2_item(&m, "4", "Four (2000)", "Drama");
	m2_item(&m, "5", "Five (2000)", "Comedy|War");
	assert_int_equal(m2_ratings_csv(&m, "cases/15-already-rated.csv",
					&SCALE_GENERIC), 0);
	m2_finish(&m, &SCALE_GENERIC);
	md = m2_fit(&m, MODEL_CONTENT, NULL, NULL);
	a = tdata_user(&m.d, "A");
	n = model_recommend(md, a, NULL, out, 5);
	assert_int_equal(n, 2);
	for (size_t j = 0; j < n; j++)
		assert_true(out[j].item == m2_id(&m, "4") ||
			    out[j].item == m2_id(&m, "5"));
	model_free(md);
	m2_free(&m);
}

/* Same catalogue, same lists; save and load (with and without the
 * catalogue) give the same similar lists and "you" predictions. */
static void test_determinism_save_load(void **state)
{
	struct m2 m;
	struct model *a, *b, *c;
	struct scored x[5], y[5];
	size_t n;
	char path[] = "/tmp/taste-content-XXXXXX";
	char err[256] = "";
	int fd = mkstemp(path);
	float vv[1] = { 4.5 };
	uint32_t vi[1];
	struct rvec you = { 1, vi, vv };

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	m2_case02(&m);
	vi[0] = m2_id(&m, "101");
	a = m2_fit(&m, MODEL_CONTENT, NULL, NULL);
	b = m2_fit(&m, MODEL_CONTENT, NULL, NULL);
	/* 101 Adventure|Drama: only 100 (Drama) shares a feature */
	n = model_similar(a, m2_id(&m, "101"), x, 5);
	assert_int_equal(n, 1);
	assert_int_equal(x[0].item, m2_id(&m, "100"));
	assert_int_equal(model_similar(b, m2_id(&m, "101"), y, 5), n);
	assert_memory_equal(x, y, n * sizeof x[0]);
	assert_int_equal(model_save(a, path, err, sizeof err), 0);
	model_free(b);
	b = model_load(path, &m.d.cat, err, sizeof err);
	c = model_load(path, NULL, err, sizeof err);
	assert_non_null(b);
	assert_non_null(c);
	for (int k = 0; k < 2; k++) {
		struct model *l = k ? c : b;
		double p, q;

		assert_int_equal(model_similar(l, m2_id(&m, "101"), y, 5), n);
		assert_memory_equal(x, y, n * sizeof x[0]);
		assert_true(model_predict(a, MODEL_NO_USER, &you,
					  m2_id(&m, "100"), &p));
		assert_true(model_predict(l, MODEL_NO_USER, &you,
					  m2_id(&m, "100"), &q));
		assert_float_equal(p, q, 1e-12);
	}
	model_free(a);
	model_free(b);
	model_free(c);
	unlink(path);
	m2_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tfidf_by_hand),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_shelf_tags_dropped),
		cmocka_unit_test(test_fewer_fields_not_favoured),
		cmocka_unit_test(test_zero_vector),
		cmocka_unit_test(test_no_tokens),
		cmocka_unit_test(test_case02_cold_item_reached),
		cmocka_unit_test(test_profile_predict),
		cmocka_unit_test(test_your_words),
		cmocka_unit_test(test_case15_never_rated),
		cmocka_unit_test(test_determinism_save_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
