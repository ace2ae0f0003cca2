/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_signals: implicit signals (items seen or wanted, not rated) in
 * the fold-in and the lists. iALS folds them in as positives of lower
 * confidence, worked out by hand on item factors written in a model
 * file; a rating always wins over a signal; iALS trains on the
 * catalogue's implicit matrix (to_read.csv) and its fingerprint covers
 * it; the content profile gives them a small weight (by hand from the
 * item cosines), the hybrid passes them to its content part; and no
 * list for you ever holds an item you have seen or want. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <unistd.h>

#include "model/content.h"
#include "model/hybrid.h"
#include "model/kinds.h"
#include "model2_util.h"
#include "profile.h"
#include "recs.h"

#define NONE_RV { 0, NULL, NULL }
/* "You" of ratings r and signals g, no words, nothing else left out. */
#define YOU(...) { __VA_ARGS__, NULL, false, NULL }

/* ---------------------------------------------------------------------
 * iALS by hand: one factor, item factors q = (1, 2, 0.5, 2), lambda 1,
 * alpha 0.5, positives from 3 (of 1-5). G = q'q = 9.25.
 * ------------------------------------------------------------------- */

static const float hand_q[4] = { 1, 2, 0.5f, 2 };

/* An iALS model file with those factors (one training user), loaded
 * without a catalogue. */
static struct model *hand_ials(void)
{
	char path[] = "/tmp/taste-signals-XXXXXX", err[256];
	uint32_t hdr[5] = { 1, 1, 1, 1, 4 }, n_user = 1;
	uint32_t n_item[4] = { 1, 1, 1, 1 };
	double rule[3] = { 0, 3, 0.5 };
	float u = 1, zero[4] = { 0, 0, 0, 0 };
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "wb");
	struct model *m;

	assert_non_null(f);
	fputs("taste-model 1\nkind ials\nparams k=1 epochs=1 reg=1 "
	      "reg_bias=0 alpha=0.5 positive_min=0 neighbours=1 shrink=0 "
	      "centred=0 diversity=0 seed=1 threads=1\n"
	      "fingerprint 0000000000000000\nusers 1\nitems 4\n"
	      "scale 1 5 0.5\ndate 2024-01-01T00:00:00Z\n\n", f);
	assert_int_equal(model_write_u32(f, hdr, 5), 0);
	assert_int_equal(model_write_f64(f, rule, 3), 0);
	assert_int_equal(model_write_f32(f, &u, 1), 0);
	assert_int_equal(model_write_f32(f, zero, 1), 0);
	assert_int_equal(model_write_f32(f, hand_q, 4), 0);
	assert_int_equal(model_write_f32(f, zero, 4), 0);
	assert_int_equal(model_write_u32(f, &n_user, 1), 0);
	assert_int_equal(model_write_u32(f, n_item, 4), 0);
	assert_int_equal(fclose(f), 0);
	m = model_load(path, NULL, err, sizeof err);
	unlink(path);
	if (!m)
		fail_msg("model_load: %s", err);
	return m;
}

/* Every score is p q_i: the user factor times the item's. */
static void assert_scores(const float *s, double p)
{
	for (int i = 0; i < 4; i++)
		assert_near(s[i], p * hand_q[i], 1e-6);
}

/* A 4 on item 0 (c = 1 + 0.5 * 4 = 3): A = G + 1 + 2 * 1 = 12.25, b = 3.
 * Adding item 1 seen (c = 1 + 0.5 * 3 = 2.5) and item 2 wanted (c = 1 +
 * 0.5 * 1.5 = 1.75): A += 1.5 * 4 + 0.75 * 0.25 = 18.4375, b += 2.5 * 2
 * + 1.75 * 0.5 = 8.875. Every item moves towards the signals. */
static void ials_fold_in_by_hand(void **state)
{
	struct model *m = hand_ials();
	uint32_t ri[1] = { 0 }, si[2] = { 1, 2 };
	float rv[1] = { 4 }, sv[2] = { MODEL_SIGNAL_SEEN, MODEL_SIGNAL_WANT };
	struct model_you plain = YOU({ 1, ri, rv }, NONE_RV);
	struct model_you with = YOU({ 1, ri, rv }, { 2, si, sv });
	float a[4], b[4];

	(void)state;
	model_score_you(m, &plain, a);
	assert_scores(a, 3 / 12.25);
	model_score_you(m, &with, b);
	assert_scores(b, 8.875 / 18.4375);
	assert_true(b[3] > a[3]);
	/* model_score_all is the same fold-in without signals */
	model_score_all(m, MODEL_NO_USER, &plain.ratings, b);
	for (int i = 0; i < 4; i++)
		assert_true(a[i] == b[i]);
	model_free(m);
}

/* "Seen" is as sure as the weakest positive rating, 3 of 5: both give
 * A = 12.25 + 1.5 * 4 = 18.25 and b = 3 + 2.5 * 2 = 8. */
static void ials_seen_is_the_threshold_rating(void **state)
{
	struct model *m = hand_ials();
	uint32_t ri[2] = { 0, 1 }, si[1] = { 1 };
	float rv[2] = { 4, 3 }, sv[1] = { MODEL_SIGNAL_SEEN };
	struct model_you rated = YOU({ 2, ri, rv }, NONE_RV);
	struct model_you seen = YOU({ 1, ri, rv }, { 1, si, sv });
	float a[4], b[4];

	(void)state;
	model_score_you(m, &rated, a);
	assert_scores(a, 8 / 18.25);
	model_score_you(m, &seen, b);
	assert_scores(b, 8 / 18.25);
	model_free(m);
}

/* A rating wins: item 1 rated 2 (below the threshold) and also seen is
 * no positive, so nothing is left to fold in; with a 4 on item 0 the
 * scores are those of the ratings alone. */
static void ials_rating_beats_signal(void **state)
{
	struct model *m = hand_ials();
	uint32_t ri[2] = { 0, 1 }, si[1] = { 1 };
	float rv[2] = { 4, 2 }, sv[1] = { MODEL_SIGNAL_SEEN };
	struct model_you low = YOU({ 1, ri + 1, rv + 1 }, { 1, si, sv });
	struct model_you both = YOU({ 2, ri, rv }, { 1, si, sv });
	struct scored out[4];
	float s[4];

	(void)state;
	model_score_you(m, &low, s);
	for (int i = 0; i < 4; i++)
		assert_true(isinf(s[i]) && s[i] < 0);
	assert_int_equal(model_recommend_you(m, &low, out, 4), 0);
	model_score_you(m, &both, s);
	assert_scores(s, 3 / 12.25);
	model_free(m);
}

/* Rated, seen and wanted items are all left out of the list. */
static void ials_signals_never_listed(void **state)
{
	struct model *m = hand_ials();
	uint32_t ri[1] = { 0 }, si[2] = { 1, 2 };
	float rv[1] = { 4 }, sv[2] = { MODEL_SIGNAL_SEEN, MODEL_SIGNAL_WANT };
	struct model_you you = YOU({ 1, ri, rv }, { 2, si, sv });
	struct scored out[4];
	bool skip[4] = { false, false, false, false };

	(void)state;
	assert_int_equal(model_recommend_you(m, &you, out, 4), 1);
	assert_int_equal(out[0].item, 3);
	assert_int_equal(model_recommend_diverse_you(m, &you, out, 4), 1);
	assert_int_equal(out[0].item, 3);
	model_you_mark(&you, skip, 4);
	assert_true(skip[0] && skip[1] && skip[2] && !skip[3]);
	model_free(m);
}

/* The reason names the nearest item you have seen or want. */
static void ials_explains_signals(void **state)
{
	struct model *m = hand_ials();
	uint32_t si[2] = { 1, 2 };
	float sv[2] = { MODEL_SIGNAL_SEEN, MODEL_SIGNAL_WANT };
	struct model_you seen = YOU(NONE_RV, { 1, si, sv });
	struct model_you want = YOU(NONE_RV, { 1, si + 1, sv + 1 });
	char buf[128];

	(void)state;
	model_explain_you(m, &seen, 3, buf, sizeof buf);
	assert_string_equal(buf, "close to #1, which you watched");
	model_explain_you(m, &want, 3, buf, sizeof buf);
	assert_string_equal(buf, "close to #2, on your watch list");
	model_free(m);
}

/* ---------------------------------------------------------------------
 * iALS training on the catalogue's implicit matrix
 * ------------------------------------------------------------------- */

/* u1-u3 rate i1 and i2, u4 rates i3; u1 and u2 want i4, which nobody
 * rated, and u3 wants i1, which u3 rated (the rating wins). */
static struct rmatrix *wants(struct tdata *d)
{
	struct triplets t = { 0 };
	struct dup_stats st;
	struct rmatrix *s;

	tdata_init(d);
	for (int u = 1; u <= 3; u++) {
		char id[8];

		snprintf(id, sizeof id, "u%d", u);
		tdata_add(d, id, "i1", 5);
		tdata_add(d, id, "i2", 4);
	}
	tdata_add(d, "u4", "i3", 5);
	intern_add(d->items, "i4", 2, NULL);
	tdata_finish(d);
	triplets_push(&t, tdata_user(d, "u1"), tdata_item(d, "i4"),
		      CATALOG_SIGNAL_WANT, INT64_MIN);
	triplets_push(&t, tdata_user(d, "u2"), tdata_item(d, "i4"),
		      CATALOG_SIGNAL_WANT, INT64_MIN);
	triplets_push(&t, tdata_user(d, "u3"), tdata_item(d, "i1"),
		      CATALOG_SIGNAL_WANT, INT64_MIN);
	triplets_resolve(&t, DUP_FIRST, &st);
	s = rmatrix_build(&t, d->m->n_users, d->m->n_items);
	triplets_free(&t);
	return s;
}

/* i4 is only wanted: with the implicit matrix iALS gives it factors and
 * scores it for someone who liked i1; without, it stays cold. The iALS
 * fingerprint covers the matrix (a file is refused by the catalogue
 * without it), explicit ALS's does not change. */
static void ials_trains_on_wants(void **state)
{
	struct model_params p;
	struct tdata d;
	struct rmatrix *s = wants(&d);
	struct model *with, *without, *als1, *als2, *back;
	uint32_t ri[1];
	float rv[1] = { 5 };
	struct model_you you = YOU({ 1, ri, rv }, NONE_RV);
	char err[256], path[] = "/tmp/taste-signals-XXXXXX";
	float sc[4];
	int rc;

	(void)state;
	ri[0] = tdata_item(&d, "i1");
	model_params_default(MODEL_IALS, &p);
	p.factors = 2;
	p.reg = 0.1;
	p.threads = 1;
	d.cat.implicit = s;
	with = tdata_fit(&d, MODEL_IALS, &p, true, err, sizeof err, &rc);
	assert_int_equal(rc, 0);
	als1 = tdata_fit(&d, MODEL_ALS, NULL, true, err, sizeof err, &rc);
	model_score_you(with, &you, sc);
	assert_true(isfinite(sc[tdata_item(&d, "i4")]));
	assert_true(sc[tdata_item(&d, "i4")] > sc[tdata_item(&d, "i3")]);
	close(mkstemp(path));
	assert_int_equal(model_save(with, path, err, sizeof err), 0);
	back = model_load(path, &d.cat, err, sizeof err);
	assert_non_null(back);
	model_free(back);
	d.cat.implicit = NULL;
	assert_null(model_load(path, &d.cat, err, sizeof err));
	assert_non_null(strstr(err, "another catalogue"));
	unlink(path);
	without = tdata_fit(&d, MODEL_IALS, &p, true, err, sizeof err, &rc);
	assert_int_equal(rc, 0);
	als2 = tdata_fit(&d, MODEL_ALS, NULL, true, err, sizeof err, &rc);
	model_score_you(without, &you, sc);
	assert_true(isinf(sc[tdata_item(&d, "i4")]));
	assert_string_not_equal(with->fingerprint, without->fingerprint);
	assert_string_equal(als1->fingerprint, als2->fingerprint);
	model_free(with);
	model_free(without);
	model_free(als1);
	model_free(als2);
	rmatrix_free(s);
	tdata_free(&d);
}

/* ---------------------------------------------------------------------
 * Content and the hybrid (case 02: 100 Drama, 101 Adventure|Drama, 102
 * Horror, 103 Comedy (never rated), 104 Comedy; scale 1-5, so the
 * midpoint is 3 and half the range 2).
 * ------------------------------------------------------------------- */

/* Content cosine of two items of case 02 (0 when either has none). */
static double cos_of(const struct model *ct, struct m2 *m, const char *a,
		     const char *b)
{
	double c = 0;

	content_similarity(ct, m2_id(m, a), m2_id(m, b), &c);
	return c;
}

/* Seen 104 alone: the profile is 104's vector (the centre stays the
 * midpoint), so 103 is predicted 3 + 2 cos(103, 104). A 5 on 100
 * (centre (5 + 15) / 6, weight 5/3) and 104 wanted (weight 0.2 of a
 * seen 0.4: 0.2 of half the range): p = 5/3 v100 + 0.2 v104, and 103's
 * prediction is the centre + 2 p.v103 / |p|. */
static void content_profile_by_hand(void **state)
{
	struct m2 m;
	struct model *ct;
	uint32_t ri[1], si[1];
	float rv[1] = { 5 }, sv[1] = { MODEL_SIGNAL_SEEN };
	struct model_you seen = YOU(NONE_RV, { 1, si, sv });
	struct model_you both = YOU({ 1, ri, rv }, { 1, si, sv });
	double v, a = 5.0 / 3, w = 0.2, c = 20.0 / 6, dot, norm;
	char buf[128];

	(void)state;
	m2_case02(&m);
	ct = m2_fit(&m, MODEL_CONTENT, NULL, NULL);
	ri[0] = m2_id(&m, "100");
	si[0] = m2_id(&m, "104");
	assert_true(model_predict_you(ct, &seen, m2_id(&m, "103"), &v));
	assert_near(v, 3 + 2 * cos_of(ct, &m, "103", "104"), 1e-6);
	model_explain_you(ct, &seen, m2_id(&m, "103"), buf, sizeof buf);
	assert_string_equal(buf, "shares Comedy");
	sv[0] = MODEL_SIGNAL_WANT;
	dot = a * cos_of(ct, &m, "100", "103") +
	      w * cos_of(ct, &m, "104", "103");
	norm = sqrt(a * a + w * w + 2 * a * w * cos_of(ct, &m, "100",
							     "104"));
	assert_true(model_predict_you(ct, &both, m2_id(&m, "103"), &v));
	assert_near(v, c + 2 * dot / norm, 1e-6);
	assert_true(v > c);     /* without the signal: c + 0 */
	model_free(ct);
	m2_free(&m);
}

/* The hybrid hands the signals to its content part: 103, cold for the
 * collaborative parts, is scored b0 + b_ct ct, with ct the content
 * prediction from the rating and the signal. */
static void hybrid_passes_signals(void **state)
{
	struct m2 m;
	struct model_params p;
	struct model *md, *ct;
	struct hybrid_weights hw;
	uint32_t ri[1], si[1];
	float rv[1] = { 5 }, sv[1] = { MODEL_SIGNAL_SEEN };
	struct model_you you = YOU({ 1, ri, rv }, { 1, si, sv });
	struct model_you plain = YOU({ 1, ri, rv }, NONE_RV);
	struct scored out[5];
	double h, c, c0;
	size_t n;

	(void)state;
	m2_case02(&m);
	model_params_default(MODEL_HYBRID, &p);
	p.factors = 4;
	p.epochs = 8;
	p.threads = 1;
	md = m2_fit(&m, MODEL_HYBRID, &p, NULL);
	ct = m2_fit(&m, MODEL_CONTENT, NULL, NULL);
	assert_true(hybrid_get_weights(md, &hw));
	ri[0] = m2_id(&m, "100");
	si[0] = m2_id(&m, "104");
	assert_true(model_predict_you(ct, &you, m2_id(&m, "103"), &c));
	assert_true(model_predict_you(ct, &plain, m2_id(&m, "103"), &c0));
	assert_true(c != c0);
	assert_true(model_predict_you(md, &you, m2_id(&m, "103"), &h));
	assert_near(h, hw.b0 + hw.b_ct * c, 1e-6);
	n = model_recommend_you(md, &you, out, 5);
	for (size_t q = 0; q < n; q++)
		assert_true(out[q].item != ri[0] && out[q].item != si[0]);
	model_free(md);
	model_free(ct);
	m2_free(&m);
}

/* ---------------------------------------------------------------------
 * The lists (recs.h) on the bundled movies, signals from a journal
 * ------------------------------------------------------------------- */

struct fx {
	struct catalog *cat;
	struct model *content, *ials;
	char dir[64];
	struct profile *ratings, *signals;
};

/* The movies, content and iALS, and two journals in a fresh directory:
 * Toy Story 2 (3114) and Up (68954) rated 5, Toy Story (1) and Monsters,
 * Inc. (4886) seen, The Matrix (2571) wanted, and 3114 seen as well
 * (its rating wins). */
static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	char err[256];
	struct fit_data d;
	struct model_params p;
	static const char *const seen[] = { "1", "4886", "3114" };

	*state = f;
	f->cat = catalog_open("movies", err, sizeof err);
	if (!f->cat) {
		printf("# movies not available: %s\n", err);
		return 0;
	}
	d = (struct fit_data){ f->cat->m, f->cat, NULL };
	model_params_default(MODEL_IALS, &p);
	p.epochs = 5;
	f->content = model_new(MODEL_CONTENT, NULL);
	f->ials = model_new(MODEL_IALS, &p);
	if (model_fit(f->content, &d, err, sizeof err) != 0 ||
	    model_fit(f->ials, &d, err, sizeof err) != 0)
		return -1;
	snprintf(f->dir, sizeof f->dir, "/tmp/taste-signals-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	f->ratings = profile_open(f->dir, "movies", err, sizeof err);
	f->signals = profile_open(f->dir, "movies.signals", err, sizeof err);
	if (!f->ratings || !f->signals ||
	    profile_set(f->ratings, "3114", 5, err, sizeof err) != 0 ||
	    profile_set(f->ratings, "68954", 5, err, sizeof err) != 0 ||
	    profile_set(f->signals, "2571", 2, err, sizeof err) != 0)
		return -1;
	for (size_t k = 0; k < 3; k++)
		if (profile_set(f->signals, seen[k], 1, err, sizeof err))
			return -1;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char path[128];
	static const char *const files[] = { "movies.journal",
					     "movies.signals.journal" };

	model_free(f->content);
	model_free(f->ials);
	profile_close(f->ratings);
	profile_close(f->signals);
	for (size_t k = 0; f->dir[0] && k < 2; k++) {
		snprintf(path, sizeof path, "%s/%s", f->dir, files[k]);
		unlink(path);
	}
	if (f->dir[0])
		rmdir(f->dir);
	catalog_free(f->cat);
	free(f);
	return 0;
}

/* No entry is one of ids, none repeats. */
static void assert_absent(const struct catalog *c,
			  const struct recs_entry *e, size_t n,
			  const char *const *ids, size_t n_ids)
{
	for (size_t q = 0; q < n; q++) {
		for (size_t k = 0; k < n_ids; k++)
			assert_int_not_equal(e[q].item,
					     catalog_find_id(c, ids[k]));
		for (size_t p = 0; p < q; p++)
			assert_int_not_equal(e[q].item, e[p].item);
	}
}

static const char *const yours[] = { "3114", "68954", "1", "4886",
				     "2571" };

/* From the journals: two ratings and three signals (3114's rating
 * wins), counted by kind. */
static void recs_you_from_journals(void **state)
{
	struct fx *f = *state;
	struct recs_you y;
	size_t seen, wanted;

	if (!f->cat)
		skip();
	recs_you_from_profile(&y, f->cat, f->ratings);
	recs_you_add_signals(&y, f->cat, f->signals);
	assert_int_equal(y.rv.n, 2);
	assert_int_equal(y.sig.n, 3);
	for (size_t q = 0; q < y.sig.n; q++)
		assert_int_not_equal(y.sig.idx[q],
				     catalog_find_id(f->cat, "3114"));
	recs_you_signal_counts(&y, &seen, &wanted);
	assert_int_equal(seen, 2);
	assert_int_equal(wanted, 1);
	recs_you_free(&y);
}

/* The few-ratings list and the models' lists leave out what you rated,
 * have seen or want; with signals alone the content picks use them. */
static void recs_lists_leave_signals_out(void **state)
{
	struct fx *f = *state;
	struct recs_entry out[30];
	struct recs_you y;
	struct model_you you;
	size_t n, shared = 0;

	if (!f->cat)
		skip();
	recs_you_from_profile(&y, f->cat, f->ratings);
	recs_you_add_signals(&y, f->cat, f->signals);
	you = recs_you_model(&y);
	n = recs_few(f->cat, f->content, &you, out, 30);
	assert_int_equal(n, 30);
	assert_absent(f->cat, out, n, yours, 5);
	n = recs_model_list(f->ials, MODEL_NO_USER, &you, false, out, 30);
	assert_int_equal(n, 30);
	assert_absent(f->cat, out, n, yours, 5);
	f->content->params.diversity = 0.5;
	n = recs_model_list(f->content, MODEL_NO_USER, &you, true, out, 30);
	f->content->params.diversity = 0;
	assert_int_equal(n, 30);
	assert_absent(f->cat, out, n, yours, 5);
	/* no ratings, only the signals */
	you.ratings.n = 0;
	n = recs_few(f->cat, f->content, &you, out, 30);
	assert_int_equal(n, 30);
	assert_absent(f->cat, out, n, yours + 2, 3);
	for (size_t q = 0; q < n; q++)
		shared += strncmp(out[q].reason, "content: shares ", 16) == 0;
	assert_true(shared > 0);
	recs_you_free(&y);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ials_fold_in_by_hand),
		cmocka_unit_test(ials_seen_is_the_threshold_rating),
		cmocka_unit_test(ials_rating_beats_signal),
		cmocka_unit_test(ials_signals_never_listed),
		cmocka_unit_test(ials_explains_signals),
		cmocka_unit_test(ials_trains_on_wants),
		cmocka_unit_test(content_profile_by_hand),
		cmocka_unit_test(hybrid_passes_signals),
		cmocka_unit_test(recs_you_from_journals),
		cmocka_unit_test(recs_lists_leave_signals_out),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
