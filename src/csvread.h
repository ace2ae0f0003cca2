/* SPDX-License-Identifier: GPL-3.0-or-later */
/* csvread: delimited text files through libcsv, never by splitting lines.
 * The file is streamed in blocks with read(), never mapped (a mapped
 * file that shrinks kills the process with SIGBUS), so memory does not
 * grow with the file. Opening reads it through once: a UTF-32 or
 * UTF-16 BOM is refused, a UTF-8 BOM skipped, and text that is not
 * valid UTF-8 is repaired line by line or decoded as Latin-1 (see
 * csvfile.encoding). The delimiter is sniffed from the first 20 lines
 * among , TAB ; | and "::" (the last rewritten to a single byte so
 * libcsv can take it). A file whose size or mtime changes between
 * opening and the end of a read is refused with a message. Records
 * come with the physical line they start on; LF, CRLF and bare CR all
 * end a record, empty records are skipped, a last record without a
 * newline is kept. Unquoted fields have surrounding spaces trimmed
 * (libcsv). With no_quotes a double quote is text like any other byte
 * (the headerless MovieLens files have no quoting: '"Great
 * Performances" Cats (1998)' is a title, not a quoted field).
 *
 * Damaged records are delivered, never dropped or cut short, and the
 * callback can ask what was wrong (csvread_record): a NUL byte inside a
 * field becomes U+FFFD, and a quote that never closes is cut at the end
 * of the line it opened on, after which reading resumes on the next
 * line, so the rows it would have swallowed are read and counted. */
#ifndef TASTE_CSVREAD_H
#define TASTE_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

enum csv_encoding { CSV_ENC_AUTO, CSV_ENC_UTF8, CSV_ENC_LATIN1 };

struct csvread_opts {
	const char *delim;          /* NULL: sniff; else ",", "\t", "::"... */
	enum csv_encoding encoding; /* AUTO: see csvfile.encoding */
	bool single_line;           /* no field spans lines: a quote still
				     * open at a line end is unterminated
				     * (rating files) */
	bool no_quotes;             /* a quote is a plain character: no
				     * field is quoted (u.item, movies.dat
				     * and ratings.dat, u.data) */
	bool head_only;             /* the first records only (a format's
				     * header): the encoding is read off the
				     * start, not the whole file, and a read
				     * stopped early is no read of all */
};

/* A physical line longer than this makes a file unreadable: no table
 * of text has one, and reading on would hold it whole in memory (a
 * download cut short and padded, a binary file). */
#define CSVREAD_LINE_MAX ((size_t)16 << 20)

struct csvfile {
	char *path;
	uint64_t size;              /* bytes in the file at open */
	char delim[3];              /* as found or given */
	/* How the bytes are read, a machine-readable name (not
	 * translated): "ascii", "utf-8"; "latin-1" when given; "latin-1
	 * (guessed)" when fewer than 1 in 20 of the lines with non-ASCII
	 * bytes hold a well-formed multi-byte UTF-8 sequence (ml-100k
	 * u.item has none); otherwise each line that is not UTF-8 is
	 * repaired on its own: read as Windows-1252 when it has no valid
	 * multi-byte sequence, else (and always with a given UTF-8) its
	 * bad bytes become U+FFFD. Then "utf-8 (N lines as latin-1)",
	 * "utf-8 (N bad bytes replaced)", or "utf-8 (N lines repaired)"
	 * when both happened. */
	char encoding[48];
	bool bom;
	int fields_guess;           /* consistent field count when sniffed */
	uint64_t *bad_lines;        /* the lines repaired, ascending */
	size_t n_bad_lines;
	size_t latin1_lines;        /* of them, read as Windows-1252 */
	size_t bad_bytes;           /* bytes replaced by U+FFFD in the rest */
	size_t nul_bytes;           /* NUL bytes in the text */
	/* private */
	int fd;
	struct timespec mtime;      /* at open */
	unsigned char mode;         /* how lines are decoded */
	unsigned char sep;          /* the byte libcsv splits on */
	bool given_utf8;
	bool single_line;
	bool no_quotes;
	bool head_only;
	struct csvread_rec *rec;    /* the record being delivered */
};

/* Open path (it stays open until csvread_close); on failure returns -1
 * and a translated message in err ("UTF-16 file: re-save as UTF-8",
 * "UTF-32 file: re-save as UTF-8", "cannot open X: reason", "X changed
 * while it was being read..."). */
int csvread_open(struct csvfile *f, const char *path,
		 const struct csvread_opts *opts, char *err, size_t errlen);
void csvread_close(struct csvfile *f);

/* Called once per record; fields are NUL-ended and valid until return.
 * Return non-zero to stop early (that value is returned by csvread_each). */
typedef int (*csvread_fn)(void *ctx, uint64_t line, char **fields,
			  size_t n_fields);
/* Parse every record of f in order, reading the file again. Returns 0,
 * the callback's non-zero value, or -1 on a parser or read error, or
 * when the file changed since it was opened (message in err; records
 * already delivered are then to be discarded). One read of a given f
 * at a time. */
int csvread_each(const struct csvfile *f, csvread_fn fn, void *ctx,
		 char *err, size_t errlen);

/* What can be wrong with a delivered record. */
enum {
	CSVREC_NUL = 1u << 0,           /* a field held NUL bytes, each now
					 * U+FFFD */
	CSVREC_UNTERMINATED = 1u << 1,  /* a quote never closed: the record
					 * ends with the line it opened on */
	CSVREC_MALFORMED = 1u << 2,     /* with UNTERMINATED: text after a
					 * closing quote ("a"b) left the
					 * field open */
};

/* A quote is unterminated when its field reaches the end of the file,
 * goes past a line end after a malformed quote ("a"b), goes on for
 * CSVREAD_QUOTE_MAX_LINES lines after the one it opened on, or past any
 * line end with single_line. */
#define CSVREAD_QUOTE_MAX_LINES 1000

struct csvread_rec {
	unsigned flags;             /* CSVREC_*, 0 for a sound record */
	uint64_t last_line;         /* the physical line it ends on */
	uint64_t quote_line;        /* UNTERMINATED: where the quote opened;
				     * MALFORMED: where it was malformed */
	size_t nul_field;           /* NUL: the first such field, 0-based */
	const size_t *lens;         /* each field's length in bytes (no
				     * field holds a NUL: strlen agrees) */
};

/* Inside a csvread_each callback: what is known about the record being
 * delivered (never NULL; all zero outside a callback). */
const struct csvread_rec *csvread_record(const struct csvfile *f);
/* Inside a callback: for a damaged record write why into buf, translated
 * ("unterminated quote opened at line 3", "NUL byte in field 2"), and
 * return buf; NULL for a sound record. */
const char *csvread_record_problem(const struct csvfile *f, char *buf,
				   size_t len);

#endif
