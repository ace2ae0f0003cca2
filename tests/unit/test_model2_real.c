/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_model2_real: item-kNN, content and hybrid on the bundled
 * catalogues. Prints the top 5 similar items of two well-known films
 * for each model (as TAP comments) and checks that they are sensible
 * and different; times similar() on ml-latest-small (item-kNN) and on
 * the 10,000 books (content). Timings are printed, not asserted: they
 * are benchmark figures (BRIEF §9), not pass/fail. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "model/hybrid.h"
#include "model/model.h"
#include "recs.h"
#include "util.h"

struct real {
	struct catalog *movies;
	struct model *knn, *content, *hybrid;
};

/* Open the movies and fit the three models once for every test. */
static int setup(void **state)
{
	struct real *r = xcalloc(1, sizeof *r);
	char err[256];
	struct model_params p;
	struct fit_data d;

	*state = r;
	r->movies = catalog_open("movies", err, sizeof err);
	if (!r->movies) {
		printf("# movies not available: %s\n", err);
		return 0;
	}
	d = (struct fit_data){ r->movies->m, r->movies, NULL };
	r->knn = model_new(MODEL_ITEM_KNN, NULL);
	r->content = model_new(MODEL_CONTENT, NULL);
	model_params_default(MODEL_HYBRID, &p);
	p.threads = 2;
	r->hybrid = model_new(MODEL_HYBRID, &p);
	if (model_fit(r->knn, &d, err, sizeof err) != 0 ||
	    model_fit(r->content, &d, err, sizeof err) != 0 ||
	    model_fit(r->hybrid, &d, err, sizeof err) != 0) {
		printf("# fit failed: %s\n", err);
		return -1;
	}
	printf("# fitted in %.2f s (item-knn), %.2f s (content), "
	       "%.2f s (hybrid)\n", r->knn->fit_seconds,
	       r->content->fit_seconds, r->hybrid->fit_seconds);
	{
		struct hybrid_weights w;

		hybrid_get_weights(r->hybrid, &w);
		printf("# hybrid blend (%s, %u rows): %.3f + %.3f als + "
		       "%.3f knn + %.3f content; content line %.3f + %.3f "
		       "content; n0 %.0f\n", w.learned ? "learned" :
		       "defaults", w.n_full, w.a0, w.a_cf, w.a_kn, w.a_ct,
		       w.b0, w.b_ct, w.n0);
	}
	return 0;
}

static int teardown(void **state)
{
	struct real *r = *state;

	model_free(r->knn);
	model_free(r->content);
	model_free(r->hybrid);
	if (r->movies)
		catalog_free(r->movies);
	free(r);
	return 0;
}

/* Print a list and return how many of its labels contain want. */
static int show(const struct catalog *c, const char *what,
		const struct scored *s, size_t n, const char *want)
{
	char label[256];
	int hits = 0;

	printf("# %s:\n", what);
	for (size_t j = 0; j < n; j++) {
		catalog_item_label(c, s[j].item, label, sizeof label);
		printf("#   %.3f  %s\n", s[j].score, label);
		hits += want && strstr(label, want) != NULL;
	}
	return hits;
}

/* Top 5 of item q by each model, with a film each list should hold. */
static void top5(struct real *r, const char *title, const char *want_knn,
		 const char *want_content)
{
	struct scored a[5], b[5], c[5];
	size_t na, nb, nc, amb;
	uint32_t q = catalog_find_title(r->movies, title, &amb);
	char buf[300];

	assert_int_not_equal(q, INTERN_NONE);
	na = model_similar(r->knn, q, a, 5);
	nb = model_similar(r->content, q, b, 5);
	nc = model_similar(r->hybrid, q, c, 5);
	assert_int_equal(na, 5);
	assert_int_equal(nb, 5);
	assert_int_equal(nc, 5);
	xsnprintf(buf, sizeof buf, "item-knn, similar to %s", title);
	assert_true(show(r->movies, buf, a, na, want_knn) >= 1);
	xsnprintf(buf, sizeof buf, "content, similar to %s", title);
	assert_true(show(r->movies, buf, b, nb, want_content) >= 1);
	xsnprintf(buf, sizeof buf, "hybrid, similar to %s", title);
	show(r->movies, buf, c, nc, NULL);
	/* three different lists */
	assert_true(memcmp(a, b, sizeof a) != 0);
	assert_true(memcmp(a, c, sizeof a) != 0 ||
		    memcmp(b, c, sizeof b) != 0);
	for (size_t j = 0; j < 5; j++) {
		assert_int_not_equal(a[j].item, q);
		assert_true(isfinite(a[j].score) && isfinite(b[j].score) &&
			    isfinite(c[j].score));
	}
}

static void test_toy_story(void **state)
{
	struct real *r = *state;

	if (!r->movies)
		skip();
	top5(r, "Toy Story (1995)", "Toy Story 2", "Toy Story 2");
}

static void test_matrix(void **state)
{
	struct real *r = *state;

	if (!r->movies)
		skip();
	top5(r, "The Matrix (1999)", "Star Wars", "Matrix");
}

/* Mean milliseconds of similar(q) over reps calls. */
static double time_similar(const struct model *m, uint32_t q, int reps)
{
	struct scored out[10];
	double t0 = util_now();

	for (int i = 0; i < reps; i++)
		model_similar(m, q, out, 10);
	return (util_now() - t0) * 1000 / reps;
}

/* Mean and worst milliseconds of similar() over every step-th item;
 * each item's time is the best of three calls, so the worst is the
 * costliest item and not a call the scheduler preempted. */
static void time_all(const struct model *m, uint32_t n_items, uint32_t step,
		     double *mean, double *worst)
{
	uint32_t k = 0;

	*mean = *worst = 0;
	for (uint32_t i = 0; i < n_items; i += step, k++) {
		double t = time_similar(m, i, 1);

		t = fmin(t, time_similar(m, i, 1));
		t = fmin(t, time_similar(m, i, 1));

		*mean += t;
		if (t > *worst)
			*worst = t;
	}
	*mean /= k ? k : 1;
}

/* The most rated item of a catalogue. */
static uint32_t most_rated(const struct catalog *c)
{
	uint32_t best = 0;

	for (uint32_t i = 0; i < c->n_items; i++)
		if (c->items[i].n_ratings > c->items[best].n_ratings)
			best = i;
	return best;
}

/* item-kNN similar() on the films, content similar() on the books: the
 * most rated item, and the mean and worst over many. */
static void test_timing(void **state)
{
	struct real *r = *state;
	struct catalog *books;
	struct model *ct;
	struct fit_data d;
	char err[256], label[256];
	struct scored out[5];
	uint32_t best;
	double mean, worst;
	size_t n;

	if (!r->movies)
		skip();
	best = most_rated(r->movies);
	time_all(r->knn, r->movies->n_items, 10, &mean, &worst);
	printf("# item-knn similar(): %.3f ms for the most rated film "
	       "(%u ratings); every 10th film: mean %.3f ms, worst %.3f ms\n",
	       time_similar(r->knn, best, 50),
	       r->movies->items[best].n_ratings, mean, worst);
	time_all(r->content, r->movies->n_items, 1, &mean, &worst);
	printf("# content similar() on films: mean %.3f ms, worst %.3f ms\n",
	       mean, worst);
	books = catalog_open("books", err, sizeof err);
	if (!books) {
		printf("# books not available: %s\n", err);
		return;
	}
	d = (struct fit_data){ books->m, books, NULL };
	ct = model_new(MODEL_CONTENT, NULL);
	assert_int_equal(model_fit(ct, &d, err, sizeof err), 0);
	time_all(ct, books->n_items, 1, &mean, &worst);
	printf("# content fit on %u books: %.3f s; similar() on every book: "
	       "mean %.4f ms, worst %.3f ms\n", books->n_items,
	       ct->fit_seconds, mean, worst);
	best = most_rated(books);
	n = model_similar(ct, best, out, 5);
	catalog_item_label(books, best, label, sizeof label);
	printf("# content, similar to %s:\n", label);
	show(books, "books", out, n, NULL);
	assert_int_equal(n, 5);
	model_free(ct);
	catalog_free(books);
}

/* "You" with 20 ratings (every 50th film, alternating 5 and 2 stars):
 * the For-you list after a rating, plain and diverse, within a frame. */
static void test_you_timing(void **state)
{
	struct real *r = *state;
	uint32_t idx[20];
	float val[20];
	struct rvec you = { 20, idx, val };
	struct scored out[10];
	double t0, plain, diverse;

	if (!r->movies)
		skip();
	for (int j = 0; j < 20; j++) {
		idx[j] = (uint32_t)j * 50;
		val[j] = j % 2 ? 2 : 5;
	}
	t0 = util_now();
	for (int rep = 0; rep < 5; rep++)
		assert_int_equal(model_recommend(r->hybrid, MODEL_NO_USER,
						 &you, out, 10), 10);
	plain = (util_now() - t0) * 1000 / 5;
	r->hybrid->params.diversity = 0.3;
	t0 = util_now();
	for (int rep = 0; rep < 5; rep++)
		assert_int_equal(model_recommend_diverse(r->hybrid,
			MODEL_NO_USER, &you, out, 10), 10);
	diverse = (util_now() - t0) * 1000 / 5;
	r->hybrid->params.diversity = 0;
	printf("# hybrid For you, 20 ratings: %.2f ms, with MMR (0.3) "
	       "%.2f ms (mean of 5)\n", plain, diverse);
	for (size_t j = 0; j < 10; j++)
		for (int x = 0; x < 20; x++)
			assert_int_not_equal(out[j].item, idx[x]);
}

/* Scores of real users: never NaN, rated items never recommended. */
static void test_scores_finite(void **state)
{
	struct real *r = *state;
	struct model *ms[3];
	float *sc;

	if (!r->movies)
		skip();
	ms[0] = r->knn;
	ms[1] = r->content;
	ms[2] = r->hybrid;
	sc = xmalloc(r->movies->n_items * sizeof *sc);
	for (int k = 0; k < 3; k++)
		for (uint32_t u = 0; u < r->movies->m->n_users; u += 97) {
			struct rvec row = rmatrix_by_user(r->movies->m, u);
			struct scored out[10];
			size_t n;

			model_score_all(ms[k], u, NULL, sc);
			for (uint32_t i = 0; i < r->movies->n_items; i++)
				assert_false(isnan(sc[i]));
			n = model_recommend(ms[k], u, NULL, out, 10);
			assert_int_equal(n, 10);
			for (size_t j = 0; j < n; j++)
				for (size_t x = 0; x < row.n; x++)
					assert_int_not_equal(out[j].item,
							     row.idx[x]);
		}
	free(sc);
}

/* Sets the cancel flag at epoch 2: the fit must stop there. */
/* The epochs an on_epoch saw, and the flag it sets at epoch 2. */
struct cancel_watch {
	atomic_bool *flag;
	int epochs;
};

static bool cancel_at_2(void *ctx, const struct epoch_event *ev)
{
	struct cancel_watch *w = ctx;

	w->epochs++;
	if (ev->epoch == 2)
		atomic_store(w->flag, true);
	return true;
}

/* Counts the epochs of a fit that should run none. */
static bool count_epochs(void *ctx, const struct epoch_event *ev)
{
	(void)ev;
	((struct cancel_watch *)ctx)->epochs++;
	return true;
}

/* A cancelled fit stops at once: ALS keeps the epochs done, the
 * hybrid fails with "stopped", and recs_model neither returns nor
 * saves a model cut short (a quit during first-start training). */
static void test_cancel(void **state)
{
	struct real *r = *state;
	struct fit_data d;
	struct model_params p;
	atomic_bool flag;
	char err[256] = "", path[] = "/tmp/taste-cancel-XXXXXX";

	if (!r->movies)
		skip();
	d = (struct fit_data){ r->movies->m, r->movies, NULL };
	atomic_init(&flag, false);
	model_params_default(MODEL_ALS, &p);
	p.epochs = 10;
	struct model *als = model_new(MODEL_ALS, &p);
	als->cancel = &flag;
	struct cancel_watch w = { &flag, 0 };
	als->on_epoch = cancel_at_2;
	als->epoch_ctx = &w;
	assert_int_equal(model_fit(als, &d, err, sizeof err), 0);
	/* epochs 1 and 2 ran, of 10; the mean epoch time is over those */
	assert_int_equal(w.epochs, 2);
	assert_true(als->epoch_seconds > 0);
	model_free(als);

	struct model *hy = model_new(MODEL_HYBRID, NULL);
	struct cancel_watch none = { &flag, 0 };
	hy->cancel = &flag;   /* already true */
	hy->on_epoch = count_epochs;
	hy->epoch_ctx = &none;
	assert_int_not_equal(model_fit(hy, &d, err, sizeof err), 0);
	assert_string_equal(err, "stopped");
	assert_int_equal(none.epochs, 0);       /* no part trained */
	model_free(hy);

	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	struct recs_hooks h = { NULL, NULL, NULL, NULL, &flag };
	assert_null(recs_model(r->movies, MODEL_ALS, path, &h, err,
			       sizeof err));
	assert_string_equal(err, "stopped");
	assert_int_equal(access(path, F_OK), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_toy_story),
		cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_timing),
		cmocka_unit_test(test_you_timing),
		cmocka_unit_test(test_scores_finite),
		cmocka_unit_test(test_cancel),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
