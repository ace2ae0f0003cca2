/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_csvread: libcsv-backed reading. Quotes, doubled quotes and
 * embedded newlines; LF, CRLF and bare CR; BOM and UTF-16; Latin-1;
 * delimiter sniffing and the "::" rewrite; start lines of records. */
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
#include "fixture.h"

/* Records as text: "L<line>:f1|f2|...\n" each. */
struct dump {
	char buf[4096];
	size_t len;
	size_t records;
	size_t stop_after;      /* 0: never stop */
};

/* Append formatted text to the dump, silently dropping what does not
 * fit (the bundled-file test only counts). */
static void dump_add(struct dump *d, const char *s)
{
	size_t n = strlen(s);

	if (d->len + n >= sizeof d->buf)
		return;
	memcpy(d->buf + d->len, s, n + 1);
	d->len += n;
}

/* csvread callback: append the record to the dump. */
static int dump_record(void *ctx, uint64_t line, char **f, size_t n)
{
	struct dump *d = ctx;
	char tag[32];
	size_t i;

	snprintf(tag, sizeof tag, "L%llu:", (unsigned long long)line);
	dump_add(d, tag);
	for (i = 0; i < n; i++) {
		if (i)
			dump_add(d, "|");
		dump_add(d, f[i]);
	}
	dump_add(d, "\n");
	d->records++;
	return d->stop_after && d->records == d->stop_after ? 7 : 0;
}

/* Open a fixture and dump every record; returns csvread_each's value. */
static int read_fixture(const char *name, const struct csvread_opts *o,
			struct csvfile *f, struct dump *d)
{
	char err[256];

	memset(d, 0, sizeof *d);
	assert_int_equal(csvread_open(f, fixture(name), o, err, sizeof err),
			 0);
	return csvread_each(f, dump_record, d, err, sizeof err);
}

/* Write bytes to a temporary file and return its path (static). */
static const char *temp_file(const char *bytes, size_t n)
{
	static char path[64];
	FILE *fp;
	int fd;

	strcpy(path, "/tmp/test_csvread.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(bytes, 1, n, fp), n);
	fclose(fp);
	return path;
}

/* Doubled quotes undouble, quoted newlines stay in the field, and the
 * records after them carry their own start lines. */
static void quoted_fields_keep_newlines_and_line_numbers(void **state)
{
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_fixture("csv/quoted.csv", NULL, &f, &d), 0);
	assert_string_equal(f.delim, ",");
	assert_int_equal(f.fields_guess, 3);
	assert_string_equal(d.buf,
			    "L1:id|title|genres\n"
			    "L2:1|Say \"Hello\", World|Comedy\n"
			    "L3:2|Two\nLines\r\nThree|Drama\n"
			    "L6:3|Matrix, The (1999)|Sci-Fi\n"
			    "L8:4|spaced| quoted spaces |Action\n");
	csvread_close(&f);
}

/* A BOM is skipped and CRLF ends records (case 10). */
static void bom_is_skipped_and_crlf_ends_records(void **state)
{
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_fixture("cases/10-bom-crlf.csv", NULL, &f, &d),
			 0);
	assert_true(f.bom);
	assert_string_equal(f.encoding, "ascii");
	assert_string_equal(d.buf, "L1:user_id|item_id|rating\nL2:1|10|4\n"
			    "L3:2|10|3.5\nL4:2|11|5\n");
	csvread_close(&f);
}

/* Bare CR ends a line, "\r\r\n" is one record end and one blank line,
 * and a last record without a newline is kept (case 10b). */
static void bare_cr_and_missing_final_newline(void **state)
{
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_fixture("cases/10b-cr-only-and-no-final-"
				      "newline.csv", NULL, &f, &d), 0);
	assert_false(f.bom);
	assert_string_equal(d.buf, "L1:user_id|item_id|rating\nL2:1|10|4\n"
			    "L4:2|11|5\n");
	csvread_close(&f);
}

/* Check that opening path fails with a message containing want. */
static void open_fails_with(const char *path, const char *want)
{
	struct csvfile f;
	char err[256] = "";

	assert_int_equal(csvread_open(&f, path, NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, want));
}

/* UTF-16 with either BOM, or without one, is refused clearly. */
static void utf16_is_refused(void **state)
{
	(void)state;
	open_fails_with(fixture("csv/utf16le.csv"),
			"UTF-16 file: re-save as UTF-8");
	open_fails_with(fixture("csv/utf16be.csv"),
			"UTF-16 file: re-save as UTF-8");
	open_fails_with(fixture("csv/utf16le-nobom.csv"),
			"UTF-16 file: re-save as UTF-8");
}

/* Missing files and directories fail with the path in the message. */
static void unreadable_paths_fail_with_reason(void **state)
{
	(void)state;
	open_fails_with("/nonexistent/ratings.csv",
			"cannot open /nonexistent/ratings.csv: No such file");
	open_fails_with(fixture("csv"), "not a regular file");
}

/* Invalid UTF-8 is read as Latin-1 and converted (case 13, '|'). */
static void latin1_is_detected_and_converted(void **state)
{
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_fixture("cases/13-latin1-uitem.csv", NULL, &f,
				      &d), 0);
	assert_string_equal(f.encoding, "latin-1 (guessed)");
	assert_string_equal(f.delim, "|");
	assert_int_equal(f.fields_guess, 8);
	assert_int_equal(d.records, 3);
	assert_non_null(strstr(d.buf,
			       "L1:1|Caf\xc3\xa9 \xc3\x89toile (1995)|"));
	assert_non_null(strstr(d.buf, "L3:3|Na\xc3\xafve Se\xc3\xb1or (1997)"));
	csvread_close(&f);
}

/* --encoding overrides the guess: UTF-8 text forced to Latin-1. */
static void encoding_override_wins(void **state)
{
	struct csvread_opts o = { NULL, CSV_ENC_LATIN1 };
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_fixture("cases/09-empty-nan-fields.csv", &o, &f,
				      &d), 0);
	assert_string_equal(f.encoding, "latin-1");
	/* the em dash's three bytes each became a character */
	assert_non_null(strstr(d.buf,
			       "L8:6|15|\xc3\xa2\xe2\x82\xac\xe2\x80\x9d"));
	csvread_close(&f);
}

/* TAB is sniffed for u.data (case 23) and still splits on TAB while
 * spaces around fields are trimmed. */
static void tab_is_sniffed_and_splits(void **state)
{
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_fixture("cases/23-udata-tab-separated.csv", NULL,
				      &f, &d), 0);
	assert_string_equal(f.delim, "\t");
	assert_int_equal(f.fields_guess, 4);
	assert_string_equal(d.buf, "L1:196|242|3|881250949\n"
			    "L2:186|302|3|891717742\nL3:22|377|1|878887116\n");
	csvread_close(&f);
	assert_int_equal(read_fixture("csv/tab-spaces.tsv", NULL, &f, &d), 0);
	assert_string_equal(f.delim, "\t");
	assert_string_equal(d.buf, "L1:user|item|rating\nL2:1|The Item|4\n"
			    "L3:|12|3\n");
	csvread_close(&f);
}

/* "::" (ml-1m) is sniffed over '|' in genres and split as one
 * delimiter. */
static void double_colon_is_sniffed_and_split(void **state)
{
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_fixture("csv/ratings.dat", NULL, &f, &d), 0);
	assert_string_equal(f.delim, "::");
	assert_string_equal(d.buf, "L1:1|1193|5|978300760\n"
			    "L2:1|661|3|978302109\nL3:2|1357|5|978298709\n");
	csvread_close(&f);
	assert_int_equal(read_fixture("csv/movies.dat", NULL, &f, &d), 0);
	assert_string_equal(f.delim, "::");
	assert_int_equal(f.fields_guess, 3);
	assert_non_null(strstr(d.buf,
			       "L1:1|Toy Story (1995)|Animation|Children's|"));
	csvread_close(&f);
}

/* ';' is sniffed, and a quoted ';' stays inside its field. */
static void semicolon_is_sniffed_quotes_respected(void **state)
{
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_fixture("csv/semicolon.csv", NULL, &f, &d), 0);
	assert_string_equal(f.delim, ";");
	assert_string_equal(d.buf, "L1:user|item|rating\nL2:u1|a;b|4\n"
			    "L3:u2|c|3,5\nL4:u3|d|2\n");
	csvread_close(&f);
}

/* Commas inside quoted titles do not fool the sniffer. */
static void quoted_commas_do_not_change_the_delimiter(void **state)
{
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_fixture("csv/comma-titles.csv", NULL, &f, &d), 0);
	assert_string_equal(f.delim, ",");
	assert_int_equal(f.fields_guess, 3);
	assert_int_equal(d.records, 5);
	csvread_close(&f);
}

/* A given delimiter wins over sniffing; "tab" is accepted for TAB. */
static void given_delimiter_overrides_sniffing(void **state)
{
	struct csvread_opts o = { ",", CSV_ENC_AUTO };
	struct csvfile f;
	struct dump d;
	char err[256];

	(void)state;
	assert_int_equal(read_fixture("cases/23-udata-tab-separated.csv", &o,
				      &f, &d), 0);
	assert_string_equal(f.delim, ",");
	assert_int_equal(f.fields_guess, 1);
	assert_non_null(strstr(d.buf, "L1:196\t242\t3\t881250949\n"));
	csvread_close(&f);
	o.delim = "tab";
	assert_int_equal(read_fixture("cases/23-udata-tab-separated.csv", &o,
				      &f, &d), 0);
	assert_string_equal(f.delim, "\t");
	assert_int_equal(f.fields_guess, 4);
	csvread_close(&f);
	o.delim = ",;";
	assert_int_equal(csvread_open(&f, fixture("csv/quoted.csv"), &o, err,
				      sizeof err), -1);
	assert_non_null(strstr(err, "unsupported delimiter"));
}

/* A callback's non-zero return stops the read and is returned. */
static void callback_can_stop_early(void **state)
{
	struct csvfile f;
	struct dump d;
	char err[256];

	(void)state;
	assert_int_equal(csvread_open(&f, fixture("cases/10-bom-crlf.csv"),
				      NULL, err, sizeof err), 0);
	memset(&d, 0, sizeof d);
	d.stop_after = 2;
	assert_int_equal(csvread_each(&f, dump_record, &d, err, sizeof err), 7);
	assert_int_equal(d.records, 2);
	csvread_close(&f);
}

/* Empty files and files of blank lines give no records. */
static void empty_and_blank_files_give_no_records(void **state)
{
	static const char blank[] = "\n\r\n   \n\r";
	struct csvfile f;
	struct dump d;
	char err[256];
	const char *p;

	(void)state;
	p = temp_file("", 0);
	assert_int_equal(csvread_open(&f, p, NULL, err, sizeof err), 0);
	memset(&d, 0, sizeof d);
	assert_int_equal(csvread_each(&f, dump_record, &d, err, sizeof err), 0);
	assert_int_equal(d.records, 0);
	csvread_close(&f);
	unlink(p);
	p = temp_file(blank, sizeof blank - 1);
	assert_int_equal(csvread_open(&f, p, NULL, err, sizeof err), 0);
	assert_int_equal(csvread_each(&f, dump_record, &d, err, sizeof err), 0);
	assert_int_equal(d.records, 0);
	csvread_close(&f);
	unlink(p);
}

/* The bundled ratings.csv reads in full: 100,836 ratings + header. */
static void bundled_ratings_read_in_full(void **state)
{
	struct csvfile f;
	struct dump d;
	char err[256];

	(void)state;
	assert_int_equal(csvread_open(&f, srcfile("data/movies/ratings.csv"),
				      NULL, err, sizeof err), 0);
	assert_string_equal(f.delim, ",");
	assert_int_equal(f.fields_guess, 4);
	memset(&d, 0, sizeof d);
	assert_int_equal(csvread_each(&f, dump_record, &d, err, sizeof err), 0);
	assert_int_equal(d.records, 100837);
	csvread_close(&f);
}

/* Run every case of this file; cmocka prints TAP for the harness. */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quoted_fields_keep_newlines_and_line_numbers),
		cmocka_unit_test(bom_is_skipped_and_crlf_ends_records),
		cmocka_unit_test(bare_cr_and_missing_final_newline),
		cmocka_unit_test(utf16_is_refused),
		cmocka_unit_test(unreadable_paths_fail_with_reason),
		cmocka_unit_test(latin1_is_detected_and_converted),
		cmocka_unit_test(encoding_override_wins),
		cmocka_unit_test(tab_is_sniffed_and_splits),
		cmocka_unit_test(double_colon_is_sniffed_and_split),
		cmocka_unit_test(semicolon_is_sniffed_quotes_respected),
		cmocka_unit_test(quoted_commas_do_not_change_the_delimiter),
		cmocka_unit_test(given_delimiter_overrides_sniffing),
		cmocka_unit_test(callback_can_stop_early),
		cmocka_unit_test(empty_and_blank_files_give_no_records),
		cmocka_unit_test(bundled_ratings_read_in_full),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
