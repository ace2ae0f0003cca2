/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_model_core: the model registry, the shared top-n, the baseline's
 * biases against values worked out by hand, the model file (round trip,
 * refusal of another version or catalogue) and case 15 (rated items are
 * never recommended). */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/model.h"
#include "model_util.h"

/* Every --model name of BRIEF §7 parses to its kind and back. */
static void kinds_parse_and_name(void **state)
{
	const char *names[] = { "baseline", "user-knn", "item-knn", "als",
				"ials", "content", "hybrid" };
	enum model_kind k;

	(void)state;
	for (int i = 0; i < MODEL_KIND_COUNT; i++) {
		assert_true(model_kind_parse(names[i], &k));
		assert_int_equal(k, i);
		assert_string_equal(model_kind_name(k), names[i]);
		assert_true(strlen(model_kind_label(k)) > 0);
	}
	assert_false(model_kind_parse("svd", &k));
	assert_false(model_kind_parse(NULL, &k));
	assert_string_equal(model_kind_name(MODEL_KIND_COUNT), "?");
}

/* Ties go to the lower index, NaN and infinities never rank, skipped
 * items are left out, and n beyond the candidates returns what exists. */
static void top_n_ties_nan_and_skip(void **state)
{
	float s[7] = { 1.0f, NAN, 3.0f, 3.0f, -INFINITY, 2.0f, INFINITY };
	bool skip[7] = { false, false, false, false, false, true, false };
	struct scored out[7];

	(void)state;
	assert_int_equal(model_top_n(s, 7, NULL, out, 7), 4);
	assert_int_equal(out[0].item, 2);
	assert_int_equal(out[1].item, 3);
	assert_int_equal(out[2].item, 5);
	assert_int_equal(out[3].item, 0);
	assert_int_equal(model_top_n(s, 7, skip, out, 2), 2);
	assert_int_equal(out[0].item, 2);
	assert_int_equal(out[1].item, 3);
	assert_int_equal(model_top_n(s, 7, skip, out, 0), 0);
}

/* u1: i1=5, i2=3; u2: i1=3; mu = 11/3, lambda = 1, one pass:
 * b_i1 = (4/3 - 2/3) / 3 = 2/9, b_i2 = (-2/3) / 2 = -1/3,
 * b_u1 = (10/9 - 3/9) / 3 = 7/27, b_u2 = (-8/9) / 2 = -4/9. */
static void baseline_biases_by_hand(void **state)
{
	struct model_params p;
	struct tdata d;
	struct model *m;
	char err[256];
	double v;
	int rc;

	(void)state;
	tdata_init(&d);
	tdata_add(&d, "u1", "i1", 5);
	tdata_add(&d, "u1", "i2", 3);
	tdata_add(&d, "u2", "i1", 3);
	tdata_finish(&d);
	model_params_default(MODEL_BASELINE, &p);
	p.epochs = 1;
	p.reg_bias = 1;
	m = tdata_fit(&d, MODEL_BASELINE, &p, false, err, sizeof err, &rc);
	assert_int_equal(rc, 0);
	assert_true(model_predict(m, tdata_user(&d, "u2"), NULL,
				  tdata_item(&d, "i2"), &v));
	assert_near(v, 11.0 / 3 - 4.0 / 9 - 1.0 / 3, 1e-12);
	assert_true(model_predict(m, tdata_user(&d, "u1"), NULL,
				  tdata_item(&d, "i1"), &v));
	assert_near(v, 11.0 / 3 + 7.0 / 27 + 2.0 / 9, 1e-12);
	model_free(m);
	tdata_free(&d);
}

/* "You" rated i1 = 4: b = (4 - 11/3 - 2/9) / (1 + 1) = 1/18, so i2 is
 * 11/3 + 1/18 - 1/3 = 61/18; an item nobody rated cannot be predicted. */
static void baseline_fold_in_by_hand(void **state)
{
	struct model_params p;
	struct tdata d;
	struct model *m;
	uint32_t idx[1];
	float val[1] = { 4 };
	struct rvec you = { 1, idx, val };
	char err[256], why[128];
	double v;
	int rc;

	(void)state;
	tdata_init(&d);
	tdata_add(&d, "u1", "i1", 5);
	tdata_add(&d, "u1", "i2", 3);
	tdata_add(&d, "u2", "i1", 3);
	intern_add(d.items, "i3", 2, NULL);   /* in the catalogue, unrated */
	tdata_finish(&d);
	model_params_default(MODEL_BASELINE, &p);
	p.epochs = 1;
	p.reg_bias = 1;
	m = tdata_fit(&d, MODEL_BASELINE, &p, true, err, sizeof err, &rc);
	assert_int_equal(rc, 0);
	idx[0] = tdata_item(&d, "i1");
	assert_true(model_predict(m, MODEL_NO_USER, &you,
				  tdata_item(&d, "i2"), &v));
	assert_near(v, 61.0 / 18, 1e-12);
	assert_false(model_predict(m, MODEL_NO_USER, &you,
				   tdata_item(&d, "i3"), &v));
	model_explain(m, MODEL_NO_USER, &you, tdata_item(&d, "i2"), why,
		      sizeof why);
	assert_string_equal(why, "rated 0.3 below average by 1 person");
	model_free(m);
	tdata_free(&d);
}

/* Case 15: for every user, through the training row and through "you",
 * recommendations and rated items never meet; A gets exactly 4 and 5. */
static void case15_rated_never_recommended(void **state)
{
	enum model_kind kinds[] = { MODEL_BASELINE, MODEL_ALS, MODEL_IALS };
	struct tdata d;
	char err[256];

	(void)state;
	assert_int_equal(tdata_case(&d, "cases/15-already-rated.csv"), 0);
	for (size_t k = 0; k < ARRAY_LEN(kinds); k++) {
		struct model_params p;
		struct model *m;
		int rc;

		model_params_default(kinds[k], &p);
		p.factors = 2;
		p.positive_min = 1;
		m = tdata_fit(&d, kinds[k], &p, true, err, sizeof err, &rc);
		assert_int_equal(rc, 0);
		for (uint32_t u = 0; u < d.m->n_users; u++) {
			struct rvec row = rmatrix_by_user(d.m, u);
			struct scored out[10];
			size_t n = model_recommend(m, u, NULL, out, 10);
			size_t n2 = model_recommend(m, MODEL_NO_USER, &row,
						    out + 5, 5);
			float v;

			assert_int_equal(n, 5 - row.n);
			assert_int_equal(n2, n);
			for (size_t j = 0; j < n; j++) {
				assert_false(rmatrix_get(d.m, u, out[j].item,
							 &v));
				assert_false(rmatrix_get(d.m, u,
							 out[5 + j].item, &v));
			}
			if (u == tdata_user(&d, "A")) {
				uint32_t a = out[0].item, b = out[1].item;

				assert_int_equal(n, 2);
				assert_true((a == tdata_item(&d, "4") &&
					     b == tdata_item(&d, "5")) ||
					    (a == tdata_item(&d, "5") &&
					     b == tdata_item(&d, "4")));
			}
		}
		model_free(m);
	}
	tdata_free(&d);
}

/* The path of a temporary model file. */
static const char *tmp_path(void)
{
	static char buf[64];

	snprintf(buf, sizeof buf, "/tmp/taste-test-model-%ld", (long)getpid());
	return buf;
}

/* Save, load, predict the same; the header carries kind and settings. */
static void save_load_round_trip(void **state)
{
	enum model_kind kinds[] = { MODEL_BASELINE, MODEL_ALS, MODEL_IALS };
	struct tdata d;
	char err[256];

	(void)state;
	tdata_random(&d, 30, 20, 8, 7);
	for (size_t k = 0; k < ARRAY_LEN(kinds); k++) {
		struct model_params p;
		struct model *m, *l;
		float a[20], b[20];
		int rc;

		model_params_default(kinds[k], &p);
		p.factors = 3;
		p.epochs = 3;
		m = tdata_fit(&d, kinds[k], &p, true, err, sizeof err, &rc);
		assert_int_equal(rc, 0);
		xsnprintf(m->metrics, sizeof m->metrics, "rmse=0.9123");
		assert_int_equal(model_save(m, tmp_path(), err, sizeof err), 0);
		l = model_load(tmp_path(), &d.cat, err, sizeof err);
		assert_non_null(l);
		assert_int_equal(l->kind, kinds[k]);
		assert_int_equal(l->params.factors, 3);
		assert_near(l->params.reg, p.reg, 0);
		assert_string_equal(l->metrics, "rmse=0.9123");
		assert_string_equal(l->fingerprint, m->fingerprint);
		assert_true(l->trained_at == m->trained_at);
		for (uint32_t u = 0; u < 30; u += 7) {
			model_score_all(m, u, NULL, a);
			model_score_all(l, u, NULL, b);
			assert_memory_equal(a, b, sizeof a);
		}
		model_free(l);
		model_free(m);
	}
	unlink(tmp_path());
	tdata_free(&d);
}

/* Rewrite the first line of the file at path to "taste-model 2". */
static void bump_version(const char *path)
{
	FILE *f = fopen(path, "r+b");

	assert_non_null(f);
	assert_int_equal(fseek(f, 12, SEEK_SET), 0);
	assert_int_equal(fputc('2', f), '2');
	fclose(f);
}

/* Another catalogue or a newer version is refused with its message. */
static void load_refuses_version_and_catalogue(void **state)
{
	struct tdata d, o;
	struct model *m;
	char err[256];
	int rc;

	(void)state;
	tdata_random(&d, 30, 20, 8, 7);
	tdata_random(&o, 30, 20, 8, 8);
	m = tdata_fit(&d, MODEL_ALS, NULL, true, err, sizeof err, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(model_save(m, tmp_path(), err, sizeof err), 0);
	assert_null(model_load(tmp_path(), &o.cat, err, sizeof err));
	assert_true(strncmp(err, "model was trained on another catalogue "
			    "(fingerprint ", 52) == 0);
	assert_non_null(strstr(err, m->fingerprint));
	bump_version(tmp_path());
	assert_null(model_load(tmp_path(), &d.cat, err, sizeof err));
	assert_string_equal(err, "model file version 2 is newer than this "
			    "taste (1)");
	unlink(tmp_path());
	assert_null(model_load(tmp_path(), &d.cat, err, sizeof err));
	assert_true(strncmp(err, "cannot read ", 12) == 0);
	model_free(m);
	tdata_free(&o);
	tdata_free(&d);
}

/* Fingerprints: 16 hex digits, equal for equal data, different when a
 * rating changes. */
static void fingerprint_follows_the_data(void **state)
{
	struct tdata d;
	char a[17], b[17], c[17];

	(void)state;
	tdata_random(&d, 10, 10, 4, 3);
	model_fingerprint(&d.cat, d.m, a);
	model_fingerprint(&d.cat, d.m, b);
	assert_string_equal(a, b);
	assert_int_equal(strspn(a, "0123456789abcdef"), 16);
	d.m->user_val[0] += 0.5f;
	model_fingerprint(&d.cat, d.m, c);
	assert_string_not_equal(a, c);
	tdata_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds_parse_and_name),
		cmocka_unit_test(top_n_ties_nan_and_skip),
		cmocka_unit_test(baseline_biases_by_hand),
		cmocka_unit_test(baseline_fold_in_by_hand),
		cmocka_unit_test(case15_rated_never_recommended),
		cmocka_unit_test(save_load_round_trip),
		cmocka_unit_test(load_refuses_version_and_catalogue),
		cmocka_unit_test(fingerprint_follows_the_data),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
