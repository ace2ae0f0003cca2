/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_csvread: libcsv-backed reading. Quotes, doubled quotes and
 * embedded newlines; LF, CRLF and bare CR; BOM, UTF-16 and UTF-32;
 * Latin-1 whole or per line, forced UTF-8; delimiter sniffing and the
 * "::" rewrite; start lines of records; NUL bytes, unterminated and
 * malformed quotes; quotes as plain text (no_quotes); a file that
 * changes while it is read. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "csvread.h"
#include "fixture.h"
#include "util.h"

/* Records as text: "L<line>:f1|f2|...\n" each, with " [problem]"
 * before the newline for a damaged record. */
struct dump {
	const struct csvfile *f;
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
	char tag[64];
	size_t i;

	snprintf(tag, sizeof tag, "L%llu:", (unsigned long long)line);
	dump_add(d, tag);
	for (i = 0; i < n; i++) {
		if (i)
			dump_add(d, "|");
		dump_add(d, f[i]);
	}
	if (d->f && csvread_record_problem(d->f, tag, sizeof tag)) {
		dump_add(d, " [");
		dump_add(d, tag);
		dump_add(d, "]");
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
	d->f = f;
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

/* UTF-32 is named as such, not as UTF-16, with or without a BOM. */
static void utf32_is_refused_as_utf32(void **state)
{
	(void)state;
	open_fails_with(fixture("csv/utf32le.csv"),
			"UTF-32 file: re-save as UTF-8");
	open_fails_with(fixture("csv/utf32be.csv"),
			"UTF-32 file: re-save as UTF-8");
	open_fails_with(fixture("csv/utf32le-nobom.csv"),
			"UTF-32 file: re-save as UTF-8");
}

/* Missing files, directories and FIFOs fail with the path in the
 * message; a FIFO with no writer is refused at once, not waited on. */
static void unreadable_paths_fail_with_reason(void **state)
{
	char dir[] = "/tmp/taste-fifo-XXXXXX", fifo[64];

	(void)state;
	open_fails_with("/nonexistent/ratings.csv",
			"cannot open /nonexistent/ratings.csv: No such file");
	open_fails_with(fixture("csv"), "not a regular file");
	assert_non_null(mkdtemp(dir));
	snprintf(fifo, sizeof fifo, "%s/ratings.csv", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	alarm(10);      /* a blocking open would hang the test: fail it */
	open_fails_with(fifo, "not a regular file");
	alarm(0);
	unlink(fifo);
	rmdir(dir);
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
	struct csvread_opts o = { .encoding = CSV_ENC_LATIN1 };
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
	struct csvread_opts o = { .delim = ",", .encoding = CSV_ENC_AUTO };
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

/* Open bytes written to a temporary file and dump every record. */
static int read_bytes(const char *bytes, size_t n,
		      const struct csvread_opts *o, struct csvfile *f,
		      struct dump *d)
{
	const char *p = temp_file(bytes, n);
	char err[256];
	int rc;

	memset(d, 0, sizeof *d);
	assert_int_equal(csvread_open(f, p, o, err, sizeof err), 0);
	unlink(p);
	d->f = f;
	rc = csvread_each(f, dump_record, d, err, sizeof err);
	return rc;
}

/* A NUL byte never cuts a field short: it becomes U+FFFD, and the
 * record says which field held it. */
static void nul_bytes_become_replacement_and_are_flagged(void **state)
{
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_fixture("csv/nul-bytes.csv", NULL, &f, &d), 0);
	assert_int_equal(f.nul_bytes, 2);
	assert_string_equal(f.encoding, "ascii");
	assert_string_equal(d.buf,
			    "L1:userId|movieId|rating\n"
			    "L2:1|10\xef\xbf\xbdjunk|4 [NUL byte in field 2]\n"
			    "L3:1|10|3\n"
			    "L4:2|11|4\xef\xbf\xbdx [NUL byte in field 3]\n");
	csvread_close(&f);
}

/* The tester's file: the quote opened on line 3 never closes. The
 * record is cut at the end of line 3 and flagged, and lines 4 and 5
 * are still read as rows. */
static void unterminated_quote_is_cut_and_reading_resumes(void **state)
{
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_fixture("csv/unterminated-quote.csv", NULL, &f,
				      &d), 0);
	assert_string_equal(d.buf,
			    "L1:userId|movieId|rating\n"
			    "L2:1|10|4\n"
			    "L3:2|11,3 [unterminated quote opened at line 3]\n"
			    "L4:3|12|4\n"
			    "L5:4|13|5\n");
	assert_int_equal(d.records, 5);
	csvread_close(&f);
}

/* A malformed quote ("Weird" Al) in a field that runs past its line
 * is unterminated at once, before it swallows the rows up to the next
 * quoted title; one that closes on its own line reads leniently. */
static void malformed_quote_does_not_swallow_rows(void **state)
{
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_fixture("csv/malformed-quote.csv", NULL, &f,
				      &d), 0);
	assert_string_equal(d.buf,
			    "L1:movieId|title|genres\n"
			    "L2:1|Weird\" Al Movie (1990),Comedy "
			    "[text after a closing quote at line 2]\n"
			    "L3:2|Normal (1991)|Drama\n"
			    "L4:3|American President, The (1995)|Comedy|Drama\n"
			    "L5:4|End (1999)|Drama\n"
			    "L6:5|Odd\" Title|Drama\n");
	csvread_close(&f);
}

/* Text after a closing quote is named as such, on the line it is
 * on: in a rating file (single_line), and on the second line of a
 * field that opened on the line before. */
static void text_after_closing_quote_is_named(void **state)
{
	static const char one[] = "user,item,rating\n1,\"ab\"x,4\n2,3,5\n";
	static const char two[] = "id,title\n1,\"two\nlines\"x\n2,ok\n";
	struct csvread_opts o = { .single_line = true };
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_bytes(one, sizeof one - 1, &o, &f, &d), 0);
	assert_string_equal(d.buf,
			    "L1:user|item|rating\n"
			    "L2:1|ab\"x,4 "
			    "[text after a closing quote at line 2]\n"
			    "L3:2|3|5\n");
	csvread_close(&f);
	assert_int_equal(read_bytes(two, sizeof two - 1, NULL, &f, &d), 0);
	assert_string_equal(d.buf,
			    "L1:id|title\n"
			    "L2:1|two [text after a closing quote at line 3]\n"
			    "L3:lines\"x\n"
			    "L4:2|ok\n");
	csvread_close(&f);
}

/* A line longer than CSVREAD_LINE_MAX makes the file unreadable, with
 * where it starts, and memory stays bounded; the first records of such
 * a file still read with head_only, which looks at the start alone. */
static void overlong_line_is_refused(void **state)
{
	static const char head[] = "user,item,rating\n1,10,4\n";
	size_t n = sizeof head - 1 + CSVREAD_LINE_MAX + 10;
	char *bytes = xmalloc(n), err[256];
	struct csvread_opts o = { .head_only = true };
	struct csvfile f;
	struct dump d;
	const char *p;

	(void)state;
	memcpy(bytes, head, sizeof head - 1);
	memset(bytes + sizeof head - 1, 'A', n - (sizeof head - 1));
	p = temp_file(bytes, n);
	free(bytes);
	assert_int_equal(csvread_open(&f, p, NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, ": a line of more than 16 MiB from byte "
			       "24 on"));
	assert_int_equal(csvread_open(&f, p, &o, err, sizeof err), 0);
	memset(&d, 0, sizeof d);
	d.f = &f;
	assert_int_equal(csvread_each(&f, dump_record, &d, err, sizeof err),
			 -1);
	assert_string_equal(d.buf, "L1:user|item|rating\nL2:1|10|4\n");
	assert_non_null(strstr(err, "a line of more than 16 MiB"));
	csvread_close(&f);
	unlink(p);
}

/* head_only reads the encoding off the start: a Latin-1 byte far on
 * does not make an ASCII header anything else. */
static void head_only_reads_the_start(void **state)
{
	size_t n = (3u << 20) + 32;
	char *bytes = xmalloc(n), err[256];
	struct csvread_opts o = { .head_only = true };
	struct csvfile f;
	const char *p;

	(void)state;
	for (size_t i = 0; i < n; i++)
		bytes[i] = i % 16 == 15 ? '\n' : 'a';
	bytes[n - 2] = (char)0xe9;
	p = temp_file(bytes, n);
	free(bytes);
	assert_int_equal(csvread_open(&f, p, &o, err, sizeof err), 0);
	assert_string_equal(f.encoding, "ascii");
	csvread_close(&f);
	assert_int_equal(csvread_open(&f, p, NULL, err, sizeof err), 0);
	assert_string_equal(f.encoding, "latin-1 (guessed)");
	csvread_close(&f);
	unlink(p);
}

/* Sound multi-line fields before a stray quote stay whole: the record
 * cut is the one holding the stray quote, from its own start line to
 * the quote's line, CRLF or LF. */
static void unterminated_quote_after_multiline_fields(void **state)
{
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_fixture("csv/unterminated-after-multiline.csv",
				      NULL, &f, &d), 0);
	assert_string_equal(d.buf,
			    "L1:id|title|genres\n"
			    "L2:1|Two\nLines|Drama\n"
			    "L4:2|Open,Comedy "
			    "[unterminated quote opened at line 4]\n"
			    "L5:3|Fine|Drama\n");
	csvread_close(&f);
	assert_int_equal(read_fixture("csv/unterminated-later-field.csv", NULL,
				      &f, &d), 0);
	assert_string_equal(d.buf,
			    "L1:1|Two\r\nLines|Open,Drama "
			    "[unterminated quote opened at line 2]\n"
			    "L3:2|x|y\n");
	csvread_close(&f);
}

/* A stray quote that a later line happens to close cleanly reads as
 * one multi-line field; single_line (rating files) refuses that. */
static void single_line_refuses_multiline_fields(void **state)
{
	struct csvread_opts o = { .single_line = true };
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_fixture("csv/quote-closes-rows-later.csv", NULL,
				      &f, &d), 0);
	assert_string_equal(d.buf,
			    "L1:userId|movieId|rating\n"
			    "L2:1|10|4\n"
			    "L3:2|11,3\n3,12,4\n4,13,5\n"
			    "L6:5|14|3\n");
	csvread_close(&f);
	assert_int_equal(read_fixture("csv/quote-closes-rows-later.csv", &o,
				      &f, &d), 0);
	assert_string_equal(d.buf,
			    "L1:userId|movieId|rating\n"
			    "L2:1|10|4\n"
			    "L3:2|11,3 [unterminated quote opened at line 3]\n"
			    "L4:3|12|4\n"
			    "L5:4|13|5\"\n"
			    "L6:5|14|3\n");
	csvread_close(&f);
}

/* Count records and note the flagged ones' lines. */
struct flagged {
	const struct csvfile *f;
	size_t records, n_flagged;
	uint64_t first_line, first_last, first_quote;
};

/* csvread callback: count, and remember the first damaged record. */
static int count_flagged(void *ctx, uint64_t line, char **fields,
			 size_t n)
{
	struct flagged *c = ctx;
	const struct csvread_rec *r = csvread_record(c->f);

	(void)fields;
	(void)n;
	c->records++;
	if (r->flags & CSVREC_UNTERMINATED && c->n_flagged++ == 0) {
		c->first_line = line;
		c->first_last = r->last_line;
		c->first_quote = r->quote_line;
	}
	return 0;
}

/* A quote that stays open for CSVREAD_QUOTE_MAX_LINES lines is
 * unterminated even though a much later line would close it. */
static void quote_open_too_many_lines_is_unterminated(void **state)
{
	size_t rows = CSVREAD_QUOTE_MAX_LINES + 500, i, len = 0;
	char *text = malloc(rows * 16 + 64), err[256];
	struct flagged c = { 0 };
	struct csvfile f;
	const char *p;

	(void)state;
	len += (size_t)sprintf(text + len, "a,b\n1,\"x\n");
	for (i = 0; i < rows; i++)
		len += (size_t)sprintf(text + len, "%zu,y\n", i);
	len += (size_t)sprintf(text + len, "z\",w\nlast,row\n");
	p = temp_file(text, len);
	assert_int_equal(csvread_open(&f, p, NULL, err, sizeof err), 0);
	c.f = &f;
	assert_int_equal(csvread_each(&f, count_flagged, &c, err, sizeof err),
			 0);
	assert_int_equal(c.n_flagged, 1);
	assert_int_equal(c.first_line, 2);
	assert_int_equal(c.first_last, 2);
	assert_int_equal(c.first_quote, 2);
	/* header, the cut row, every row, z",w and the last */
	assert_int_equal(c.records, 2 + rows + 2);
	csvread_close(&f);
	unlink(p);
	free(text);
}

/* One stray Latin-1 line in a UTF-8 file is decoded alone: the UTF-8
 * lines keep their text and the line is listed. */
static void stray_latin1_line_is_decoded_alone(void **state)
{
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_fixture("csv/mixed-utf8-latin1.csv", NULL, &f,
				      &d), 0);
	assert_string_equal(f.encoding, "utf-8 (1 line as latin-1)");
	assert_int_equal(f.n_bad_lines, 1);
	assert_int_equal(f.bad_lines[0], 4);
	assert_int_equal(f.latin1_lines, 1);
	assert_int_equal(f.bad_bytes, 0);
	assert_string_equal(d.buf,
			    "L1:movieId|title|genres\n"
			    "L2:1|Caf\xc3\xa9 \xc3\x89toile (1995)|Drama\n"
			    "L3:2|\xe4\xb8\x83\xe4\xba\xba\xe3\x81\xae\xe4\xbe"
			    "\x8d (1954)|Drama\n"
			    "L4:3|Se\xc3\xb1or (1997)|Drama\n");
	csvread_close(&f);
}

/* A line that is UTF-8 but for a byte keeps its UTF-8 and gets U+FFFD
 * for the byte; with a Latin-1 line as well, both count as repaired. */
static void bad_byte_in_utf8_line_becomes_replacement(void **state)
{
	static const char one[] = "id,t\n1,\xe4\xbe\x8d\xff\n";
	static const char two[] = "id,t\n1,\xe4\xbe\x8d\xff\n2,Se\xf1or\n";
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_bytes(one, sizeof one - 1, NULL, &f, &d), 0);
	assert_string_equal(f.encoding, "utf-8 (1 bad byte replaced)");
	assert_string_equal(d.buf, "L1:id|t\nL2:1|\xe4\xbe\x8d\xef\xbf\xbd\n");
	csvread_close(&f);
	assert_int_equal(read_bytes(two, sizeof two - 1, NULL, &f, &d), 0);
	assert_string_equal(f.encoding, "utf-8 (2 lines repaired)");
	assert_int_equal(f.n_bad_lines, 2);
	assert_int_equal(f.bad_lines[0], 2);
	assert_int_equal(f.bad_lines[1], 3);
	assert_string_equal(d.buf, "L1:id|t\nL2:1|\xe4\xbe\x8d\xef\xbf\xbd\n"
			    "L3:2|Se\xc3\xb1or\n");
	csvread_close(&f);
}

/* A Latin-1 file where one line happens to form UTF-8 ("CAFÉ’s" is C9
 * 92) is still Latin-1 as a whole. */
static void accidental_utf8_in_latin1_file_stays_latin1(void **state)
{
	char text[512];
	size_t len = 0, i;
	struct csvfile f;
	struct dump d;

	(void)state;
	len += (size_t)sprintf(text + len, "id,t\n0,CAF\xc9\x92s\n");
	for (i = 1; i <= 20; i++)
		len += (size_t)sprintf(text + len, "%zu,Caf\xe9\n", i);
	assert_int_equal(read_bytes(text, len, NULL, &f, &d), 0);
	assert_string_equal(f.encoding, "latin-1 (guessed)");
	assert_int_equal(f.n_bad_lines, 0);
	assert_non_null(strstr(d.buf, "L2:0|CAF\xc3\x89\xe2\x80\x99s\n"
			       "L3:1|Caf\xc3\xa9\n"));
	csvread_close(&f);
}

/* --encoding utf-8 on Latin-1 bytes replaces each by U+FFFD and says
 * how many. */
static void given_utf8_replaces_bad_bytes(void **state)
{
	struct csvread_opts o = { .delim = "|", .encoding = CSV_ENC_UTF8 };
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_fixture("cases/13-latin1-uitem.csv", &o, &f,
				      &d), 0);
	assert_string_equal(f.encoding, "utf-8 (4 bad bytes replaced)");
	assert_int_equal(f.n_bad_lines, 2);
	assert_int_equal(f.bad_lines[0], 1);
	assert_int_equal(f.bad_lines[1], 3);
	assert_non_null(strstr(d.buf, "L1:1|Caf\xef\xbf\xbd \xef\xbf\xbdtoile "
			       "(1995)|"));
	csvread_close(&f);
}

/* csvread callback: note each record's line and field sizes. */
static int sizes_record(void *ctx, uint64_t line, char **f, size_t n)
{
	struct dump *d = ctx;
	char tag[96];
	size_t i;

	snprintf(tag, sizeof tag, "L%llu:", (unsigned long long)line);
	dump_add(d, tag);
	for (i = 0; i < n; i++) {
		snprintf(tag, sizeof tag, "%s%zu%c", i ? "|" : "",
			 strlen(f[i]), f[i][0] ? f[i][0] : '-');
		dump_add(d, tag);
	}
	dump_add(d, "\n");
	d->records++;
	return 0;
}

/* Read a file built of parts and dump line numbers and field sizes. */
static void read_sizes(const char *text, size_t n, struct dump *d)
{
	const char *p = temp_file(text, n);
	struct csvfile f;
	char err[256];

	memset(d, 0, sizeof *d);
	assert_int_equal(csvread_open(&f, p, NULL, err, sizeof err), 0);
	assert_int_equal(csvread_each(&f, sizes_record, d, err, sizeof err),
			 0);
	csvread_close(&f);
	unlink(p);
}

#define MIB (1u << 20)

/* The file is read in blocks of about a MiB: a CRLF or CR that falls
 * on a block's edge still ends one line, a line longer than a block is
 * read whole, and so is a quoted field that runs over several. */
static void block_edges_do_not_change_records(void **state)
{
	char *t = malloc(4 * MIB);
	struct dump d;
	size_t n;

	(void)state;
	memset(t, 'a', MIB - 1);
	memcpy(t + MIB - 1, "\r\nb,c\r\n", 7);
	read_sizes(t, MIB + 6, &d);
	assert_string_equal(d.buf, "L1:1048575a\nL2:1b|1c\n");
	memcpy(t + MIB - 1, "\rb,c\r", 5);
	read_sizes(t, MIB + 4, &d);
	assert_string_equal(d.buf, "L1:1048575a\nL2:1b|1c\n");
	memset(t, 'x', 3 * MIB);
	memcpy(t + 3 * MIB, ",y\nz\n", 5);
	read_sizes(t, 3 * MIB + 5, &d);
	assert_string_equal(d.buf, "L1:3145728x|1y\nL2:1z\n");
	n = 0;
	t[n++] = '"';
	memset(t + n, 'q', MIB);
	n += MIB;
	t[n++] = '\n';
	memset(t + n, 'r', MIB);
	n += MIB;
	memcpy(t + n, "\",s\nlast\n", 9);
	read_sizes(t, n + 9, &d);
	assert_string_equal(d.buf, "L1:2097153q|1s\nL3:4l\n");
	free(t);
}

/* "::" splits as one delimiter although a lone ':' stays, and the
 * byte it is rewritten to, when already there, becomes U+FFFD. */
static void double_colon_keeps_single_colons(void **state)
{
	static const char text[] = "1::Star Wars: IV::5\n2::a\x1f" "b::3\n"
				   "3::c::4\n4::d::4\n";
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_bytes(text, sizeof text - 1, NULL, &f, &d), 0);
	assert_string_equal(f.delim, "::");
	assert_string_equal(d.buf, "L1:1|Star Wars: IV|5\n"
			    "L2:2|a\xef\xbf\xbd" "b|3\nL3:3|c|4\nL4:4|d|4\n");
	csvread_close(&f);
}

/* With no_quotes a double quote is a plain character wherever it is
 * (the headerless MovieLens files): at the start, inside or at the end
 * of a field, with "::", '|' or a sniffed delimiter, even in a
 * Latin-1 file; without it the same text is read with quote rules. */
static void no_quotes_reads_quotes_as_text(void **state)
{
	static const char dat[] = "2::\"Great Performances\" Cats (1998)"
				  "::Musical\n3::Say \"Hi\" (2000)::Comedy\n"
				  "4::Called \"Q\"::Drama\n5::\"::War\n";
	static const char psv[] = "1|\"A|B\" \xe9t\xe9|x\n2|\"|y\n";
	static const char csv[] = "1,\"a,b\",c\n2,\"d,e\",f\n";
	struct csvread_opts o = { .delim = "::", .no_quotes = true };
	struct csvfile f;
	struct dump d;

	(void)state;
	assert_int_equal(read_bytes(dat, sizeof dat - 1, &o, &f, &d), 0);
	assert_string_equal(d.buf,
			    "L1:2|\"Great Performances\" Cats (1998)|Musical\n"
			    "L2:3|Say \"Hi\" (2000)|Comedy\n"
			    "L3:4|Called \"Q\"|Drama\nL4:5|\"|War\n");
	csvread_close(&f);
	o.delim = "|";
	assert_int_equal(read_bytes(psv, sizeof psv - 1, &o, &f, &d), 0);
	assert_string_equal(f.encoding, "latin-1 (guessed)");
	assert_string_equal(d.buf, "L1:1|\"A|B\" \xc3\xa9t\xc3\xa9|x\n"
			    "L2:2|\"|y\n");
	assert_int_equal(f.fields_guess, 4);
	csvread_close(&f);
	o.delim = NULL;
	assert_int_equal(read_bytes(csv, sizeof csv - 1, &o, &f, &d), 0);
	assert_string_equal(f.delim, ",");
	assert_int_equal(f.fields_guess, 4);
	assert_string_equal(d.buf, "L1:1|\"a|b\"|c\nL2:2|\"d|e\"|f\n");
	csvread_close(&f);
	o.no_quotes = false;
	assert_int_equal(read_bytes(csv, sizeof csv - 1, &o, &f, &d), 0);
	assert_int_equal(f.fields_guess, 3);
	assert_string_equal(d.buf, "L1:1|a,b|c\nL2:2|d,e|f\n");
	csvread_close(&f);
}

#define BIG_ROWS 200000
#define CHANGE_SECONDS 4

/* Rewrite path with text[0..n) again and again, truncating it first,
 * until killed, the parent is gone, or CHANGE_SECONDS have passed (a
 * failing parent must not leave it running). */
static void truncate_forever(const char *path, const char *text, size_t n,
			     pid_t parent)
{
	time_t end = time(NULL) + CHANGE_SECONDS;

	while (getppid() == parent && time(NULL) < end) {
		FILE *fp = fopen(path, "wb");

		if (!fp)
			break;
		fwrite(text, 1, n / 2, fp);
		fflush(fp);
		fwrite(text + n / 2, 1, n - n / 2, fp);
		fclose(fp);
		if (truncate(path, 1000) != 0)
			break;
	}
	_exit(0);
}

/* What reading the changing file saw. */
struct big_read {
	uint64_t records;
	bool cut;               /* a record that is only part of a row */
	bool after_cut;         /* ... and one after it */
};

/* csvread callback: a record must be a row as written, or, as the last
 * of a file that was cut there, the start of one. */
static int check_big_row(void *ctx, uint64_t line, char **f, size_t n)
{
	struct big_read *b = ctx;
	char want[64], got[256] = "";
	size_t i, len = 0;

	snprintf(want, sizeof want, "%llu,%llu,4,%llu",
		 (unsigned long long)((line - 1) % 1000),
		 (unsigned long long)line, (unsigned long long)(line - 1));
	for (i = 0; i < n && len < 200; i++)
		len += (size_t)snprintf(got + len, sizeof got - len, "%s%s",
					i ? "," : "", f[i]);
	b->after_cut |= b->cut;
	b->records++;
	if (strcmp(got, want) != 0) {
		assert_true(len < strlen(want));
		assert_memory_equal(got, want, len);
		b->cut = true;
	}
	return 0;
}

/* Open and read path once while it changes: either a refusal that
 * says so, or rows exactly as written, only the last maybe cut where
 * the file ended. */
static void read_changing(const char *path)
{
	struct csvread_opts o = { .delim = "," };
	struct big_read b = { 0, false, false };
	struct csvfile f;
	char err[256];

	if (csvread_open(&f, path, &o, err, sizeof err) != 0) {
		assert_non_null(strstr(err, "changed while it was being read"));
		return;
	}
	if (csvread_each(&f, check_big_row, &b, err, sizeof err) != 0)
		assert_non_null(strstr(err, "changed while it was being read"));
	assert_false(b.after_cut);
	csvread_close(&f);
}

/* A file truncated and rewritten while it is read never crashes the
 * reader (a mapping would die with SIGBUS), and never yields a row
 * that was not in the file. */
static void file_changing_while_read_is_never_a_crash(void **state)
{
	size_t n = 0, i;
	char *text = malloc((size_t)BIG_ROWS * 24 + 1);
	pid_t pid, parent = getpid();
	const char *p;

	(void)state;
	for (i = 0; i < BIG_ROWS; i++)
		n += (size_t)sprintf(text + n, "%zu,%zu,4,%zu\n", i % 1000,
				     i + 1, i);
	p = temp_file(text, n);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		truncate_forever(p, text, n, parent);
	for (i = 0; i < 40; i++)
		read_changing(p);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	unlink(p);
	free(text);
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
		cmocka_unit_test(utf32_is_refused_as_utf32),
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
		cmocka_unit_test(nul_bytes_become_replacement_and_are_flagged),
		cmocka_unit_test(unterminated_quote_is_cut_and_reading_resumes),
		cmocka_unit_test(malformed_quote_does_not_swallow_rows),
		cmocka_unit_test(text_after_closing_quote_is_named),
		cmocka_unit_test(overlong_line_is_refused),
		cmocka_unit_test(head_only_reads_the_start),
		cmocka_unit_test(unterminated_quote_after_multiline_fields),
		cmocka_unit_test(single_line_refuses_multiline_fields),
		cmocka_unit_test(quote_open_too_many_lines_is_unterminated),
		cmocka_unit_test(stray_latin1_line_is_decoded_alone),
		cmocka_unit_test(bad_byte_in_utf8_line_becomes_replacement),
		cmocka_unit_test(accidental_utf8_in_latin1_file_stays_latin1),
		cmocka_unit_test(given_utf8_replaces_bad_bytes),
		cmocka_unit_test(block_edges_do_not_change_records),
		cmocka_unit_test(double_colon_keeps_single_colons),
		cmocka_unit_test(no_quotes_reads_quotes_as_text),
		cmocka_unit_test(file_changing_while_read_is_never_a_crash),
		cmocka_unit_test(bundled_ratings_read_in_full),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
