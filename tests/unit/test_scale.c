/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_scale: declared scales judge values, parse whole fields, round,
 * map keys and draw stars. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "scale.h"

static const struct scale imdb = { 1, 10, 1 };

/* Range first, then the step; NaN and inf are not finite. */
static void check_reports_range_step_and_finiteness(void **state)
{
	(void)state;
	assert_int_equal(scale_check(&SCALE_MOVIELENS, 0.5), SCALE_OK);
	assert_int_equal(scale_check(&SCALE_MOVIELENS, 5.0), SCALE_OK);
	assert_int_equal(scale_check(&SCALE_MOVIELENS, 2.75), SCALE_OFF_STEP);
	assert_int_equal(scale_check(&SCALE_MOVIELENS, 0), SCALE_BELOW_MIN);
	assert_int_equal(scale_check(&SCALE_MOVIELENS, 5.5), SCALE_ABOVE_MAX);
	assert_int_equal(scale_check(&SCALE_GOODBOOKS, 3.5), SCALE_OFF_STEP);
	assert_int_equal(scale_check(&SCALE_GENERIC, 3.5), SCALE_OK);
	assert_int_equal(scale_check(&SCALE_GENERIC, -1), SCALE_BELOW_MIN);
	assert_int_equal(scale_check(&imdb, 10), SCALE_OK);
	assert_int_equal(scale_check(&SCALE_GENERIC, NAN), SCALE_NOT_FINITE);
	assert_int_equal(scale_check(&SCALE_GENERIC, INFINITY),
			 SCALE_NOT_FINITE);
}

/* Whole fields only: spaces trimmed, junk, hex, NaN refused; inf and
 * 1e309 (ERANGE) flagged not finite. */
static void parse_takes_whole_fields_and_flags_overflow(void **state)
{
	double v = 0;
	bool nf;

	(void)state;
	assert_true(scale_parse(" 4 ", &v, &nf));
	assert_true(v == 4.0);
	assert_true(scale_parse("4.5", &v, &nf));
	assert_true(v == 4.5);
	assert_true(scale_parse("-1", &v, &nf));
	assert_true(v == -1.0);
	assert_false(scale_parse("", &v, &nf));
	assert_false(nf);
	assert_false(scale_parse("4 stars", &v, &nf));
	assert_false(nf);
	assert_false(scale_parse("0x4", &v, &nf));
	assert_false(scale_parse("NaN", &v, &nf));
	assert_false(nf);
	assert_false(scale_parse("\\N", &v, &nf));
	assert_false(scale_parse("1e309", &v, &nf));
	assert_true(nf);
	assert_false(scale_parse("-inf", &v, &nf));
	assert_true(nf);
	assert_true(scale_parse("1e-400", &v, &nf));  /* underflow: tiny */
	assert_true(v >= 0 && v < 1e-300);
}

/* Rounding goes to the nearest step inside the range. */
static void round_goes_to_nearest_step(void **state)
{
	(void)state;
	assert_true(scale_round(&SCALE_MOVIELENS, 2.75) == 3.0);
	assert_true(scale_round(&SCALE_MOVIELENS, 2.6) == 2.5);
	assert_true(scale_round(&SCALE_GOODBOOKS, 3.4) == 3.0);
	assert_true(scale_round(&SCALE_MOVIELENS, 0.1) == 0.5);
	assert_true(scale_round(&imdb, 11) == 10);
	/* a value just off a step is that step, exactly as written */
	assert_true(scale_round(&SCALE_MOVIELENS, 5.0000000001) == 5.0);
	assert_true(scale_round(&SCALE_MOVIELENS, 0.4999999999) == 0.5);
	const struct scale tenths = { 0, 1, 0.1 };
	assert_true(scale_round(&tenths, 0.3) == 0.3);  /* not 0.1 * 3 */
	assert_true(scale_round(&tenths, 0.7000000001) == 0.7);
}

/* Digits are stars on 5-point scales; '0' is ten on 10-point ones. */
static void keys_map_to_ratings(void **state)
{
	double v = 0;

	(void)state;
	assert_true(scale_key_value(&SCALE_MOVIELENS, '4', &v));
	assert_true(v == 4);
	assert_false(scale_key_value(&SCALE_MOVIELENS, '6', &v));
	assert_false(scale_key_value(&SCALE_MOVIELENS, '0', &v));
	assert_false(scale_key_value(&SCALE_MOVIELENS, 'x', &v));
	assert_true(scale_key_value(&imdb, '0', &v));
	assert_true(v == 10);
	assert_true(scale_key_value(&imdb, '9', &v));
	assert_true(v == 9);
}

/* Check one drawing. */
static void format_is(const struct scale *sc, double v, bool ascii,
		      const char *want)
{
	char buf[64];
	size_t n = scale_format(sc, v, ascii, buf, sizeof buf);

	assert_string_equal(buf, want);
	assert_int_equal(n, strlen(want));
}

/* Full and half stars, ASCII numbers, and 10-point scales at half
 * size. */
static void format_draws_stars_and_ascii(void **state)
{
	char small[5];

	(void)state;
	format_is(&SCALE_MOVIELENS, 4.5, false,
		  "\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85\xc2\xbd");
	format_is(&SCALE_MOVIELENS, 0.5, false, "\xc2\xbd");
	format_is(&SCALE_MOVIELENS, 4.0, false,
		  "\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85");
	format_is(&SCALE_MOVIELENS, 4.5, true, "4.5");
	format_is(&SCALE_MOVIELENS, 4.0, true, "4");
	format_is(&SCALE_MOVIELENS, 2.75, true, "2.75");
	format_is(&imdb, 10, false, "\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85"
		  "\xe2\x98\x85\xe2\x98\x85");
	format_is(&imdb, 1, false, "\xc2\xbd");
	format_is(&imdb, 7, false,
		  "\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85\xc2\xbd");
	format_is(&imdb, 7, true, "7");
	format_is(&SCALE_MOVIELENS, NAN, false, "n/a");
	/* a short buffer never gets half a star */
	scale_format(&SCALE_MOVIELENS, 5, false, small, sizeof small);
	assert_string_equal(small, "\xe2\x98\x85");
}

/* Scales describe themselves as "min-max step s". */
static void describe_reads_min_max_step(void **state)
{
	char buf[64];

	(void)state;
	scale_describe(&SCALE_MOVIELENS, buf, sizeof buf);
	assert_string_equal(buf, "0.5-5 step 0.5");
	scale_describe(&SCALE_GOODBOOKS, buf, sizeof buf);
	assert_string_equal(buf, "1-5 step 1");
	scale_describe(&imdb, buf, sizeof buf);
	assert_string_equal(buf, "1-10 step 1");
}

/* Run every case of this file; cmocka prints TAP for the harness. */
/* A scale inside another is itself; else by ratio from 0 (IMDb 1-10
 * onto half stars is v/2), else min to min and max to max; then the
 * nearest step, and exact says whether that moved it. */
static void convert_maps_and_rounds_for_showing(void **state)
{
	const struct scale tweets = { 0, 10, 1 }, unit = { 0, 1, 0.1 };
	const struct scale sym = { -5, 5, 1 };
	bool exact = false;
	(void)state;
	assert_true(scale_convert(&imdb, &SCALE_MOVIELENS, 8, &exact) == 4);
	assert_true(exact);
	assert_true(scale_convert(&imdb, &SCALE_MOVIELENS, 1, NULL) == 0.5);
	assert_true(scale_convert(&imdb, &SCALE_MOVIELENS, 10, NULL) == 5);
	assert_true(scale_convert(&SCALE_MOVIELENS, &SCALE_MOVIELENS, 3.5,
				  NULL) == 3.5);
	/* Inside: 1-5 whole or half stars on 0.5-5, IMDb on 0-10. */
	assert_true(scale_convert(&SCALE_GOODBOOKS, &SCALE_MOVIELENS, 3,
				  &exact) == 3 && exact);
	assert_true(scale_convert(&SCALE_GENERIC, &SCALE_MOVIELENS, 3.5,
				  &exact) == 3.5 && exact);
	assert_true(scale_convert(&imdb, &tweets, 8, &exact) == 8 && exact);
	/* Onto 1-5 step 1: 8 of 10 is 4, 7 is 3.5 and shows as 4. */
	assert_true(scale_convert(&imdb, &SCALE_GOODBOOKS, 8, &exact) == 4);
	assert_true(exact);
	assert_true(scale_convert(&imdb, &SCALE_GOODBOOKS, 7, &exact) == 4);
	assert_false(exact);
	/* MovieTweetings' 0 is below half a star: the lowest, inexact. */
	assert_true(scale_convert(&tweets, &SCALE_MOVIELENS, 0, &exact) ==
		    0.5);
	assert_false(exact);
	assert_true(scale_convert(&unit, &SCALE_MOVIELENS, 0.3, &exact) ==
		    1.5 && exact);
	/* Below 0: linear, -5 to 0.5, 5 to 5, 0 to 2.75 shown as 3. */
	assert_true(scale_convert(&sym, &SCALE_MOVIELENS, -5, NULL) == 0.5);
	assert_true(scale_convert(&sym, &SCALE_MOVIELENS, 5, NULL) == 5);
	assert_true(scale_convert(&sym, &SCALE_MOVIELENS, 0, &exact) == 3);
	assert_false(exact);
	assert_true(scale_same(&imdb, &(struct scale){ 1, 10, 1 }));
	assert_false(scale_same(&imdb, &(struct scale){ 1, 10, 0.5 }));
}

/* MIN:MAX[:STEP] in the C locale, read back from what format writes. */
static void spec_parses_and_formats_back(void **state)
{
	struct scale sc;
	char buf[128];
	(void)state;
	assert_true(scale_parse_spec("1:10", &sc));
	assert_true(sc.min == 1 && sc.max == 10 && sc.step == 1);
	assert_true(scale_parse_spec("0.5:5:0.5", &sc));
	assert_true(scale_same(&sc, &SCALE_MOVIELENS));
	assert_true(scale_parse_spec("+0:100:1", &sc));
	assert_true(scale_parse_spec("-2:2:0.5", &sc) && sc.min == -2);
	for (const char *const *bad = (const char *const[]){ "", "1", "1:",
		     ":5", "5:1", "1:1", "1:10:0", "1:10:-1", "1:10:4",
		     "1:10:1:1", "a:b", "1:10x", " 1:10", "1:inf",
		     "nan:5", "0x1:5", "0:1e308:1e-308", "0:2000000:1",
		     "-1e308:1e308", NULL }; *bad; bad++)
		if (scale_parse_spec(*bad, &sc))
			fail_msg("\"%s\" was read as a scale", *bad);
	assert_int_equal(scale_format_spec(&SCALE_MOVIELENS, buf,
					   sizeof buf), 9);
	assert_string_equal(buf, "0.5:5:0.5");
	scale_format_spec(&imdb, buf, sizeof buf);
	assert_string_equal(buf, "1:10:1");
	/* Too many steps to tell on-step from off: never on the step. */
	assert_int_equal(scale_check(&(struct scale){ 0, 1e308, 1e-308 }, 5),
			 SCALE_OFF_STEP);
	struct scale odd = { 0.1, 0.7, 0.1 }, back;
	scale_format_spec(&odd, buf, sizeof buf);
	assert_true(scale_parse_spec(buf, &back) && scale_same(&odd, &back));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(check_reports_range_step_and_finiteness),
		cmocka_unit_test(parse_takes_whole_fields_and_flags_overflow),
		cmocka_unit_test(round_goes_to_nearest_step),
		cmocka_unit_test(keys_map_to_ratings),
		cmocka_unit_test(format_draws_stars_and_ascii),
		cmocka_unit_test(describe_reads_min_max_step),
		cmocka_unit_test(convert_maps_and_rounds_for_showing),
		cmocka_unit_test(spec_parses_and_formats_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
