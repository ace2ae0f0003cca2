/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_ratings_cases: the bad inputs of ../shared/cases (copied to
 * tests/fixtures/cases) through ratings_load, each with the counts its
 * README section expects, plus the layouts and failures around them. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvread.h"
#include "ratings_file.h"
#include "text.h"
#include "util.h"
#include "fixture.h"

/* Load a fixture with o (NULL: defaults) and expect success. */
static void load_ok(const char *name, const struct ratings_opts *o,
		    struct ratings *r)
{
	char err[512] = "";
	int rc = ratings_load(fixture(name), o, r, err, sizeof err);

	if (rc != 0)
		print_error("%s: %s\n", name, err);
	assert_int_equal(rc, 0);
}

/* Expect a failed load whose message contains want. */
static void load_fails(const char *name, const struct ratings_opts *o,
		       const char *want)
{
	struct ratings r;
	char err[512] = "";

	assert_int_equal(ratings_load(fixture(name), o, &r, err, sizeof err),
			 -1);
	if (!strstr(err, want))
		print_error("message: %s\n", err);
	assert_non_null(strstr(err, want));
	ratings_free(&r);
}

/* The value stored for (user, item), by raw ids; -1 when absent. */
static double rating_of(const struct ratings *r, const char *user,
			const char *item)
{
	uint32_t u = intern_find(r->users, user), i;
	size_t k;

	i = intern_find(r->items, item);
	for (k = 0; k < r->t.n; k++)
		if (r->t.v[k].user == u && r->t.v[k].item == i)
			return r->t.v[k].value;
	return -1;
}

/* Check one kept reject. */
static void reject_is(const struct report *rep, size_t k, uint64_t line,
		      int column, enum reject_reason why, const char *text)
{
	assert_true(k < rep->n_rejects);
	assert_int_equal(rep->rejects[k].line, line);
	assert_int_equal(rep->rejects[k].column, column);
	assert_int_equal(rep->rejects[k].reason, why);
	assert_string_equal(rep->rejects[k].text, text);
}

/* The report printed to a string, at most max_rows rejected rows
 * (0: all) (caller frees). */
static char *report_rows(const struct report *rep, bool json,
			 size_t max_rows)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	if (json)
		report_print_json(rep, f);
	else
		report_print(rep, f, max_rows);
	fclose(f);
	return buf;
}

/* The whole report printed to a string (caller frees). */
static char *report_text(const struct report *rep, bool json)
{
	return report_rows(rep, json, 0);
}

/* Case 01: 2 duplicate pairs (1 conflicting, 1 identical), nnz 3, the
 * latest timestamp wins, nothing summed. */
static void case01_duplicates_latest_wins(void **state)
{
	struct ratings r;
	char *txt;

	(void)state;
	load_ok("cases/01-duplicate-user-item.csv", NULL, &r);
	assert_int_equal(r.report.rows, 5);
	assert_int_equal(r.report.dup_pairs, 2);
	assert_int_equal(r.report.dup_conflicting, 1);
	assert_int_equal(r.report.dup_identical, 1);
	assert_int_equal(r.t.n, 3);
	assert_true(rating_of(&r, "u1", "m10") == 2);
	assert_true(rating_of(&r, "u1", "m11") == 5);
	assert_true(rating_of(&r, "u2", "m10") == 3);
	txt = report_text(&r.report, false);
	assert_non_null(strstr(txt, "2 duplicate pairs (1 conflicting, "
			       "1 identical)"));
	free(txt);
	ratings_free(&r);
}

/* Case 01 with the other policies: first keeps 4, mean gives 3, error
 * refuses the file. */
static void case01_other_duplicate_policies(void **state)
{
	struct ratings_opts o;
	struct ratings r;

	(void)state;
	ratings_opts_default(&o);
	o.dup = DUP_FIRST;
	load_ok("cases/01-duplicate-user-item.csv", &o, &r);
	assert_true(rating_of(&r, "u1", "m10") == 4);
	ratings_free(&r);
	o.dup = DUP_MEAN;
	load_ok("cases/01-duplicate-user-item.csv", &o, &r);
	assert_true(rating_of(&r, "u1", "m10") == 3);
	ratings_free(&r);
	o.dup = DUP_ERROR;
	load_fails("cases/01-duplicate-user-item.csv", &o,
		   "2 duplicate (user, item) pairs");
}

/* Case 04: ids are strings; "007" != "7", " 007 " trims to "007", and
 * "1.0" is its own id: 4 users, 3 items, and a look-alike warning. */
static void case04_ids_are_strings_with_lookalike_warning(void **state)
{
	struct ratings r;

	(void)state;
	load_ok("cases/04-nonnumeric-ids.csv", NULL, &r);
	assert_int_equal(intern_count(r.users), 4);
	assert_int_equal(intern_count(r.items), 3);
	assert_int_equal(r.t.n, 5);
	assert_true(intern_find(r.users, "007") != INTERN_NONE);
	assert_true(intern_find(r.users, "1.0") != INTERN_NONE);
	assert_true(intern_find(r.users, " 007 ") == INTERN_NONE);
	assert_true(rating_of(&r, "007", "tt0000002") == 3);
	assert_true(rating_of(&r, "7", "tt0000001") == 2);
	assert_int_equal(r.report.n_warnings, 1);
	assert_non_null(strstr(r.report.warnings[0], "\"7\" vs \"007\""));
	ratings_warn_lookalikes(&r);    /* a second call adds nothing */
	assert_int_equal(r.report.n_warnings, 1);
	ratings_free(&r);
}

/* Case 05: 2^31, 2^63-1, 2^64, -1 and a 26-digit id all load. */
static void case05_huge_ids_all_load(void **state)
{
	struct ratings r;

	(void)state;
	load_ok("cases/05-huge-ids.csv", NULL, &r);
	assert_int_equal(r.report.accepted, 5);
	assert_int_equal(r.t.n, 5);
	assert_true(rating_of(&r, "18446744073709551616", "3") == 3);
	assert_true(rating_of(&r, "-1", "4") == 2);
	assert_true(rating_of(&r, "1", "99999999999999999999999999") == 1);
	ratings_free(&r);
}

/* Case 06: the matrix is distinct ids in size: 2 x 2, nnz 3. */
static void case06_sparse_ids_give_2x2(void **state)
{
	struct ratings r;
	struct rmatrix *m;

	(void)state;
	load_ok("cases/06-sparse-ids.csv", NULL, &r);
	m = rmatrix_build(&r.t, intern_count(r.users), intern_count(r.items));
	assert_int_equal(m->n_users, 2);
	assert_int_equal(m->n_items, 2);
	assert_int_equal(m->nnz, 3);
	assert_true(rmatrix_bytes(m) < 200);
	rmatrix_free(m);
	ratings_free(&r);
}

/* Case 07: MovieLens scale from the header; five distinct values kept
 * exactly and 2.75 counted off-step, not rejected. */
static void case07_half_stars_exact_offstep_counted(void **state)
{
	struct ratings r;

	(void)state;
	load_ok("cases/07-half-stars.csv", NULL, &r);
	assert_string_equal(r.source, "movielens");
	assert_true(r.report.has_scale && r.report.scale.min == 0.5 &&
		    r.report.scale.max == 5 && r.report.scale.step == 0.5);
	assert_int_equal(r.report.accepted, 5);
	assert_int_equal(r.report.off_step, 1);
	assert_true(rating_of(&r, "1", "10") == 0.5);
	assert_true(rating_of(&r, "1", "11") == 4.5);
	assert_true(rating_of(&r, "2", "10") == 5.0);
	assert_true(rating_of(&r, "2", "12") == 3.5);
	assert_true(rating_of(&r, "3", "11") == 2.75);
	ratings_free(&r);
}

/* Case 07: the off-step row that is kept is named with its line and
 * column, in the text and the JSON report. */
static void case07_offstep_row_named(void **state)
{
	struct ratings r;
	char *txt;

	(void)state;
	load_ok("cases/07-half-stars.csv", NULL, &r);
	assert_int_equal(r.report.n_offsteps, 1);
	assert_int_equal(r.report.offsteps[0].line, 6);
	assert_int_equal(r.report.offsteps[0].column, 3);
	assert_string_equal(r.report.offsteps[0].text, "2.75");
	assert_true(r.report.offsteps[0].kept == 2.75);
	txt = report_text(&r.report, false);
	assert_non_null(strstr(txt, "  1 off-step value (between the "
			       "scale's steps)\n"
			       "  line 6, column 3: off-step value kept: "
			       "'2.75'\n"));
	free(txt);
	txt = report_text(&r.report, true);
	assert_non_null(strstr(txt, "\"off_step_rows\": [{\"line\": 6, "
			       "\"column\": 3, \"text\": \"2.75\", "
			       "\"kept\": 2.75}]"));
	free(txt);
	ratings_free(&r);
}

/* Case 07 under the other off-step policies: round names the value it
 * kept, reject keeps no off-step list. */
static void case07_offstep_round_and_reject(void **state)
{
	struct ratings_opts o;
	struct ratings r;
	char *txt;

	(void)state;
	ratings_opts_default(&o);
	o.offstep = OFFSTEP_ROUND;
	load_ok("cases/07-half-stars.csv", &o, &r);
	assert_true(rating_of(&r, "3", "11") == 3.0);
	assert_int_equal(r.report.off_step, 1);
	txt = report_text(&r.report, false);
	assert_non_null(strstr(txt, "  line 6, column 3: off-step value "
			       "rounded to 3: '2.75'\n"));
	free(txt);
	ratings_free(&r);
	o.offstep = OFFSTEP_REJECT;
	load_ok("cases/07-half-stars.csv", &o, &r);
	assert_int_equal(r.report.accepted, 4);
	reject_is(&r.report, 0, 6, 3, REJ_OFF_STEP, "2.75");
	assert_int_equal(r.report.n_offsteps, 0);
	ratings_free(&r);
}

/* Case 08: on 1-5, 0 6 -1 10 1e309 are rejected with line and reason;
 * only (3,11,5) is kept. */
static void case08_out_of_range_rejected_with_lines(void **state)
{
	struct ratings r;

	(void)state;
	load_ok("cases/08-out-of-range.csv", NULL, &r);
	assert_int_equal(r.report.rows, 6);
	assert_int_equal(r.report.accepted, 1);
	assert_int_equal(r.report.rejected, 5);
	reject_is(&r.report, 0, 2, 3, REJ_BELOW_MIN, "0");
	reject_is(&r.report, 1, 3, 3, REJ_ABOVE_MAX, "6");
	reject_is(&r.report, 2, 4, 3, REJ_BELOW_MIN, "-1");
	reject_is(&r.report, 3, 5, 3, REJ_ABOVE_MAX, "10");
	reject_is(&r.report, 4, 7, 3, REJ_NOT_FINITE, "1e309");
	assert_int_equal(r.report.by_reason[REJ_BELOW_MIN], 2);
	assert_int_equal(r.report.by_reason[REJ_ABOVE_MAX], 2);
	assert_int_equal(r.report.by_reason[REJ_NOT_FINITE], 1);
	assert_int_equal(r.t.n, 1);
	assert_true(rating_of(&r, "3", "11") == 5);
	ratings_free(&r);
}

/* Case 08 with --clamp: out-of-range values clamp (with a warning),
 * 1e309 is still rejected. */
static void case08_clamp_is_opt_in(void **state)
{
	struct ratings_opts o;
	struct ratings r;

	(void)state;
	ratings_opts_default(&o);
	o.clamp = true;
	load_ok("cases/08-out-of-range.csv", &o, &r);
	assert_int_equal(r.report.accepted, 5);
	assert_int_equal(r.report.rejected, 1);
	assert_true(rating_of(&r, "1", "10") == 1);
	assert_true(rating_of(&r, "2", "12") == 5);
	assert_int_equal(r.report.n_warnings, 1);
	assert_string_equal(r.report.warnings[0],
			    "4 ratings clamped to the scale");
	ratings_free(&r);
}

/* The JSON report of case 08, exactly. */
static void case08_json_report_is_stable(void **state)
{
	struct ratings r;
	char *txt, *want;

	(void)state;
	load_ok("cases/08-out-of-range.csv", NULL, &r);
	txt = report_text(&r.report, true);
	want = xasprintf(
		"{\"path\": \"%s\", \"rows\": 6, \"accepted\": 1, "
		"\"rejected\": 5, \"duplicates\": 0, "
		"\"duplicates_conflicting\": 0, \"duplicates_identical\": 0, "
		"\"off_step\": 0, \"encoding\": \"ascii\", \"bom\": false, "
		"\"delimiter\": \",\", \"header\": true, \"scale\": "
		"{\"min\": 1, \"max\": 5, \"step\": 0.5}, \"reasons\": "
		"{\"field_count\": 0, \"empty_user\": 0, \"empty_item\": 0, "
		"\"empty_rating\": 0, \"not_a_number\": 0, \"not_finite\": 1, "
		"\"below_min\": 2, \"above_max\": 2, \"off_step\": 0, "
		"\"bad_timestamp\": 0, \"empty_id\": 0, \"duplicate_id\": 0, "
		"\"unknown_item\": 0, \"bad_value\": 0}, \"rejects\": ["
		"{\"line\": 2, \"column\": 3, \"reason\": \"below_min\", "
		"\"text\": \"0\"}, "
		"{\"line\": 3, \"column\": 3, \"reason\": \"above_max\", "
		"\"text\": \"6\"}, "
		"{\"line\": 4, \"column\": 3, \"reason\": \"below_min\", "
		"\"text\": \"-1\"}, "
		"{\"line\": 5, \"column\": 3, \"reason\": \"above_max\", "
		"\"text\": \"10\"}, "
		"{\"line\": 7, \"column\": 3, \"reason\": \"not_finite\", "
		"\"text\": \"1e309\"}], \"off_step_rows\": [], "
		"\"warnings\": []}",
		fixture("cases/08-out-of-range.csv"));
	assert_string_equal(txt, want);
	free(txt);
	free(want);
	ratings_free(&r);
}

/* Case 09: lines 2 and 9 accepted (" 4 " trimmed), 7 rejected, each
 * with line, column and reason. */
static void case09_empty_nan_junk_each_rejected(void **state)
{
	struct ratings r;

	(void)state;
	load_ok("cases/09-empty-nan-fields.csv", NULL, &r);
	assert_int_equal(r.report.rows, 9);
	assert_int_equal(r.report.accepted, 2);
	assert_int_equal(r.report.rejected, 7);
	assert_true(rating_of(&r, "1", "10") == 4);
	assert_true(rating_of(&r, "7", "16") == 4);
	reject_is(&r.report, 0, 3, 2, REJ_EMPTY_ITEM, "");
	reject_is(&r.report, 1, 4, 1, REJ_EMPTY_USER, "");
	reject_is(&r.report, 2, 5, 3, REJ_EMPTY_RATING, "");
	reject_is(&r.report, 3, 6, 3, REJ_NOT_A_NUMBER, "NaN");
	reject_is(&r.report, 4, 7, 3, REJ_NOT_A_NUMBER, "\\N");
	reject_is(&r.report, 5, 8, 3, REJ_NOT_A_NUMBER, "\xe2\x80\x94");
	reject_is(&r.report, 6, 10, 0, REJ_FIELD_COUNT, "8,17,4,extra");
	ratings_free(&r);
}

/* The text report of case 09, exactly: the shape golden tests see. */
static void case09_text_report_is_stable(void **state)
{
	struct ratings r;
	char *txt, *want;

	(void)state;
	load_ok("cases/09-empty-nan-fields.csv", NULL, &r);
	txt = report_text(&r.report, false);
	want = xasprintf(
		"%s: 9 rows: 2 ok, 7 rejected\n"
		"  encoding: utf-8, delimiter: ',', header: yes, "
		"scale: 1-5 step 0.5\n"
		"  rejected: 1 wrong field count, 1 empty user, 1 empty item, "
		"1 empty rating, 3 not a number\n"
		"  line 3, column 2: empty item: ''\n"
		"  line 4, column 1: empty user: ''\n"
		"  line 5, column 3: empty rating: ''\n"
		"  line 6, column 3: not a number: 'NaN'\n"
		"  line 7, column 3: not a number: '\\N'\n"
		"  line 8, column 3: not a number: '\xe2\x80\x94'\n"
		"  line 10, whole row: wrong field count: '8,17,4,extra'\n",
		fixture("cases/09-empty-nan-fields.csv"));
	assert_string_equal(txt, want);
	free(txt);
	free(want);
	txt = report_rows(&r.report, false, 2);
	assert_non_null(strstr(txt, "  line 4, column 1: empty user: ''\n"
			       "  ... and 5 more rejected rows\n"));
	assert_null(strstr(txt, "line 5,"));
	free(txt);
	ratings_free(&r);
}

/* Case 10: BOM and CRLF; header user_id,item_id,rating and rows
 * (1,10,4), (2,10,3.5), (2,11,5). */
static void case10_bom_crlf(void **state)
{
	struct ratings r;

	(void)state;
	load_ok("cases/10-bom-crlf.csv", NULL, &r);
	assert_true(r.report.header);
	assert_true(r.report.bom);
	assert_int_equal(r.report.accepted, 3);
	assert_int_equal(r.t.n, 3);
	assert_true(rating_of(&r, "1", "10") == 4);
	assert_true(rating_of(&r, "2", "10") == 3.5);
	assert_true(rating_of(&r, "2", "11") == 5);
	ratings_free(&r);
}

/* Case 10b: bare CR, a blank "\r\r\n" line, no final newline: rows
 * (1,10,4) and (2,11,5). */
static void case10b_bare_cr_no_final_newline(void **state)
{
	struct ratings r;

	(void)state;
	load_ok("cases/10b-cr-only-and-no-final-newline.csv", NULL, &r);
	assert_int_equal(r.report.rows, 2);
	assert_int_equal(r.t.n, 2);
	assert_true(rating_of(&r, "1", "10") == 4);
	assert_true(rating_of(&r, "2", "11") == 5);
	ratings_free(&r);
}

struct items13 {
	size_t n;
	char *first_title;
};

/* csvread callback: keep the count and the first title. */
static int item13_row(void *ctx, uint64_t line, char **f, size_t n)
{
	struct items13 *it = ctx;

	(void)line;
	assert_int_equal(n, 8);
	if (it->n++ == 0)
		it->first_title = xstrdup(f[1]);
	return 0;
}

/* Case 13: a '|' item file in Latin-1: 3 items, "latin-1 (guessed)",
 * title 1 is "Café Étoile (1995)", which splits to year 1995. */
static void case13_latin1_item_file(void **state)
{
	struct items13 it = { 0, NULL };
	struct title_parts p;
	struct csvfile f;
	char err[256];

	(void)state;
	assert_int_equal(csvread_open(&f, fixture("cases/13-latin1-uitem.csv"),
				      NULL, err, sizeof err), 0);
	assert_string_equal(f.encoding, "latin-1 (guessed)");
	assert_int_equal(csvread_each(&f, item13_row, &it, err, sizeof err),
			 0);
	csvread_close(&f);
	assert_int_equal(it.n, 3);
	assert_string_equal(it.first_title,
			    "Caf\xc3\xa9 \xc3\x89toile (1995)");
	text_split_movie_title(it.first_title, &p);
	assert_string_equal(p.title, "Caf\xc3\xa9 \xc3\x89toile");
	assert_int_equal(p.year, 1995);
	free(p.title);
	free(it.first_title);
}

/* Case 17: an extra "split" column is ignored; the two duplicate
 * pairs are identical. */
static void case17_extra_column_ignored(void **state)
{
	struct ratings r;

	(void)state;
	load_ok("cases/17-leakage.csv", NULL, &r);
	assert_int_equal(r.report.accepted, 7);
	assert_int_equal(r.report.dup_pairs, 2);
	assert_int_equal(r.report.dup_identical, 2);
	assert_int_equal(r.t.n, 5);
	ratings_free(&r);
}

/* Case 23: u.data is TAB-separated without a header: 3 rows of 4
 * fields on 1-5 step 1. */
static void case23_udata_tab_headerless(void **state)
{
	struct ratings r;

	(void)state;
	load_ok("cases/23-udata-tab-separated.csv", NULL, &r);
	assert_string_equal(r.report.delimiter, "\t");
	assert_false(r.report.header);
	assert_string_equal(r.source, "movielens-100k");
	assert_true(r.report.scale.min == 1 && r.report.scale.step == 1);
	assert_int_equal(r.report.rows, 3);
	assert_int_equal(r.t.n, 3);
	assert_true(rating_of(&r, "196", "242") == 3);
	assert_int_equal(r.t.v[0].ts, 881250949);
	ratings_free(&r);
}

/* Case 23 forced to ',' has one field per line: fail loudly. */
static void one_column_file_fails_loudly(void **state)
{
	struct ratings_opts o;

	(void)state;
	ratings_opts_default(&o);
	o.csv.delim = ",";
	load_fails("cases/23-udata-tab-separated.csv", &o,
		   "0 usable rows: every line has 1 field with the delimiter "
		   "','; use --sep tab");
	load_fails("csv/onecol.csv", NULL, "0 usable rows: every line has "
		   "1 field with the delimiter ',', and no other (, TAB ; | "
		   "::) splits it");
}

/* Text written to a file in a fresh temporary directory; the caller
 * removes it with tmp_done. */
static char *tmp_file(const char *text)
{
	char dir[] = "/tmp/taste-rf.XXXXXX";
	char *path;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/ratings.csv", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

/* Remove a tmp_file and its directory. */
static void tmp_done(char *path)
{
	unlink(path);
	*strrchr(path, '/') = '\0';
	rmdir(path);
	free(path);
}

/* Load text as a ratings file with the delimiter delim (NULL: sniff)
 * and expect a failure whose message contains want. */
static void text_fails(const char *text, const char *delim,
		       const char *want)
{
	struct ratings_opts o;
	struct ratings r;
	char err[512] = "";
	char *path = tmp_file(text);

	ratings_opts_default(&o);
	o.csv.delim = delim;
	assert_int_equal(ratings_load(path, &o, &r, err, sizeof err), -1);
	if (!strstr(err, want))
		print_error("message: %s\n", err);
	assert_non_null(strstr(err, want));
	ratings_free(&r);
	tmp_done(path);
}

/* A wrong --sep names the delimiter that would split the lines. */
static void wrong_sep_suggests_the_right_one(void **state)
{
	(void)state;
	text_fails("userId,movieId,rating\n1,2,4\n", ";",
		   "every line has 1 field with the delimiter ';'; use --sep "
		   ",");
	text_fails("u;i;r\n1;2;4\n", ",",
		   "with the delimiter ','; use --sep ';'");
	text_fails("u|i|r\n1|2|4\n", "\t",
		   "with the delimiter 'TAB'; use --sep '|'");
}

/* A header without the user or the item column names the one that is
 * missing, also with two fields. */
static void missing_column_is_named(void **state)
{
	(void)state;
	text_fails("userId,title,rating\n1,x,4\n", NULL,
		   "no item column in the header (movieId, book_id, item_id "
		   "or item; it has 3 fields, the first 'userId')");
	text_fails("name,movieId,rating\nx,1,4\n", NULL,
		   "no user column in the header (userId, user_id or user; "
		   "it has 3 fields, the first 'name')");
	text_fails("userId,rating\n1,4\n", NULL, "no item column");
	text_fails("a,b,c\nx,y,z\n", NULL, "no user and item columns in "
		   "the header (it has 3 fields, the first 'a')");
}

/* One rejected row is "the 1 row", never "all 1 rows". */
static void one_rejected_row_is_singular(void **state)
{
	(void)state;
	text_fails("userId,movieId,rating\n1,2,x\n", NULL,
		   "0 usable rows: the 1 row was rejected");
	text_fails("userId,movieId,rating\n1,2,x\n1,3,y\n", NULL,
		   "0 usable rows: all 2 rows were rejected");
}

/* Dates that do not exist are bad timestamps, not rolled over. */
static void impossible_dates_rejected(void **state)
{
	struct ratings r;
	char err[512] = "";
	char *path = tmp_file("userId,movieId,rating,timestamp\n"
			      "1,1,4,2020-02-29\n1,2,4,2020-02-31\n"
			      "1,3,4,2021-02-29\n1,4,4,2020-04-31T10:00:00\n"
			      "1,5,4,2020-01-01T23:59:60\n"
			      "1,6,4,2020-12-31T23:59:59Z\n");

	(void)state;
	assert_int_equal(ratings_load(path, NULL, &r, err, sizeof err), 0);
	assert_int_equal(r.report.accepted, 2);
	assert_int_equal(r.report.by_reason[REJ_BAD_TIMESTAMP], 4);
	reject_is(&r.report, 0, 3, 4, REJ_BAD_TIMESTAMP, "2020-02-31");
	reject_is(&r.report, 1, 4, 4, REJ_BAD_TIMESTAMP, "2021-02-29");
	reject_is(&r.report, 2, 5, 4, REJ_BAD_TIMESTAMP,
		  "2020-04-31T10:00:00");
	reject_is(&r.report, 3, 6, 4, REJ_BAD_TIMESTAMP,
		  "2020-01-01T23:59:60");
	assert_int_equal(r.t.v[0].ts, 1582934400);   /* 2020-02-29 */
	assert_int_equal(r.t.v[1].ts, 1609459199);
	ratings_free(&r);
	tmp_done(path);
}

/* An empty file fails and says so in ratings.empty; a header-only one
 * does not. */
static void empty_file_flagged(void **state)
{
	struct ratings r;
	char err[512] = "";

	(void)state;
	assert_int_equal(ratings_load(fixture("csv/empty.csv"), NULL, &r,
				      err, sizeof err), -1);
	assert_true(r.empty);
	ratings_free(&r);
	assert_int_equal(ratings_load(fixture("csv/header-only.csv"), NULL,
				      &r, err, sizeof err), 0);
	assert_false(r.empty);
	ratings_free(&r);
}

/* The text report shows escape sequences, C1 controls and bad UTF-8
 * from the data as visible escapes, in rejected rows and warnings. */
static void report_text_is_terminal_safe(void **state)
{
	struct ratings r;
	char err[512] = "", *txt;
	char *path = tmp_file("userId,movieId,rating\n"
			      "007\033]0;pwn\a,m1,4\n7\033]0;pwn\a,m1,4\n"
			      "8,m\302\2332J,x\n9,\377,y\n");

	(void)state;
	assert_int_equal(ratings_load(path, NULL, &r, err, sizeof err), 0);
	txt = report_text(&r.report, false);
	assert_null(strchr(txt, '\033'));
	assert_null(strchr(txt, '\a'));
	assert_null(strstr(txt, "\302\233"));
	assert_non_null(strstr(txt, "look-alike user ids (equal without "
				    "leading zeros): \"7\\x1B]0;pwn\\x07\" vs "
				    "\"007\\x1B]0;pwn\\x07\""));
	assert_non_null(strstr(txt, "line 4, column 3: not a number: 'x'"));
	ratings_free(&r);
	tmp_done(path);
	free(txt);
}

/* A header-only file is fine and says 0 rows. */
static void header_only_file_loads_zero_rows(void **state)
{
	struct ratings r;
	char *txt;

	(void)state;
	load_ok("csv/header-only.csv", NULL, &r);
	assert_int_equal(r.report.rows, 0);
	assert_int_equal(r.t.n, 0);
	assert_true(r.report.header);
	txt = report_text(&r.report, false);
	assert_non_null(strstr(txt, ": 0 rows: 0 ok, 0 rejected\n"));
	free(txt);
	ratings_free(&r);
}

/* A goodbooks header means 1-5 step 1, so 3.5 is off-step. */
static void goodbooks_header_sets_integer_scale(void **state)
{
	struct ratings r;

	(void)state;
	load_ok("csv/goodbooks.csv", NULL, &r);
	assert_string_equal(r.source, "goodbooks");
	assert_int_equal(r.report.off_step, 1);
	ratings_free(&r);
}

/* Dates and integers are timestamps; junk is rejected as such. */
static void timestamps_parse_or_reject(void **state)
{
	struct ratings r;
	size_t k;

	(void)state;
	load_ok("csv/bad-ts.csv", NULL, &r);
	assert_int_equal(r.report.accepted, 3);
	reject_is(&r.report, 0, 3, 4, REJ_BAD_TIMESTAMP, "yesterday");
	for (k = 0; k < r.t.n; k++)
		if (r.t.v[k].user == 0)
			assert_int_equal(r.t.v[k].ts, 1577923200);
	ratings_free(&r);
}

/* With known_items, ratings of other items are rejected and indices
 * are the known table's. */
static void known_items_reject_unknown(void **state)
{
	struct ratings_opts o;
	struct intern *items = intern_new();
	struct ratings r;

	(void)state;
	intern_add(items, "x", 1, NULL);
	intern_add(items, "11", 2, NULL);
	ratings_opts_default(&o);
	o.known_items = items;
	load_ok("cases/10-bom-crlf.csv", &o, &r);
	assert_null(r.items);
	assert_int_equal(r.report.accepted, 1);
	reject_is(&r.report, 0, 2, 2, REJ_UNKNOWN_ITEM, "10");
	assert_int_equal(r.t.v[0].item, 1);
	ratings_free(&r);
	intern_free(items);
}

/* Empty, unmappable and UTF-16 files fail with their reason. */
static void unusable_files_fail_with_reason(void **state)
{
	(void)state;
	load_fails("csv/utf16le.csv", NULL, "UTF-16 file: re-save as UTF-8");
	load_fails("csv/quoted.csv", NULL, "no user and item columns");
	load_fails("csv/no-rating.csv", NULL, "no rating column");
	load_fails("csv/empty.csv", NULL, "the file is empty");
}

/* Run every case of this file; cmocka prints TAP for the harness. */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(case01_duplicates_latest_wins),
		cmocka_unit_test(case01_other_duplicate_policies),
		cmocka_unit_test(case04_ids_are_strings_with_lookalike_warning),
		cmocka_unit_test(case05_huge_ids_all_load),
		cmocka_unit_test(case06_sparse_ids_give_2x2),
		cmocka_unit_test(case07_half_stars_exact_offstep_counted),
		cmocka_unit_test(case07_offstep_row_named),
		cmocka_unit_test(case07_offstep_round_and_reject),
		cmocka_unit_test(case08_out_of_range_rejected_with_lines),
		cmocka_unit_test(case08_clamp_is_opt_in),
		cmocka_unit_test(case08_json_report_is_stable),
		cmocka_unit_test(case09_empty_nan_junk_each_rejected),
		cmocka_unit_test(case09_text_report_is_stable),
		cmocka_unit_test(case10_bom_crlf),
		cmocka_unit_test(case10b_bare_cr_no_final_newline),
		cmocka_unit_test(case13_latin1_item_file),
		cmocka_unit_test(case17_extra_column_ignored),
		cmocka_unit_test(case23_udata_tab_headerless),
		cmocka_unit_test(one_column_file_fails_loudly),
		cmocka_unit_test(wrong_sep_suggests_the_right_one),
		cmocka_unit_test(missing_column_is_named),
		cmocka_unit_test(one_rejected_row_is_singular),
		cmocka_unit_test(impossible_dates_rejected),
		cmocka_unit_test(empty_file_flagged),
		cmocka_unit_test(report_text_is_terminal_safe),
		cmocka_unit_test(header_only_file_loads_zero_rows),
		cmocka_unit_test(goodbooks_header_sets_integer_scale),
		cmocka_unit_test(timestamps_parse_or_reject),
		cmocka_unit_test(known_items_reject_unknown),
		cmocka_unit_test(unusable_files_fail_with_reason),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
