/* SPDX-License-Identifier: GPL-3.0-or-later */
/* csvread: delimited text files through libcsv, never by splitting lines.
 * The file is mapped, checked for a UTF-16 BOM (refused), a UTF-8 BOM
 * (skipped) and for valid UTF-8 (else decoded as Latin-1). The delimiter
 * is sniffed from the first 20 lines among , TAB ; | and "::" (the last
 * rewritten to a single byte so libcsv can take it). Records come with
 * the physical line they start on; LF, CRLF and bare CR all end a
 * record, empty records are skipped, a last record without a newline is
 * kept. Unquoted fields have surrounding spaces trimmed (libcsv). */
#ifndef TASTE_CSVREAD_H
#define TASTE_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum csv_encoding { CSV_ENC_AUTO, CSV_ENC_UTF8, CSV_ENC_LATIN1 };

struct csvread_opts {
	const char *delim;          /* NULL: sniff; else ",", "\t", "::"... */
	enum csv_encoding encoding; /* AUTO: UTF-8 if valid, else Latin-1 */
};

struct csvfile {
	char *path;
	const char *data;           /* UTF-8 text, BOM skipped */
	size_t len;
	char delim[3];              /* as found or given */
	char encoding[32];          /* "utf-8", "ascii", "latin-1 (guessed)" */
	bool bom;
	int fields_guess;           /* consistent field count when sniffed */
	/* private */
	void *map;
	size_t map_len;
	char *owned;
	unsigned char sep;          /* the byte libcsv splits on */
};

/* Open path; on failure returns -1 and a translated message in err
 * ("UTF-16 file: re-save as UTF-8", "cannot open X: reason"). */
int csvread_open(struct csvfile *f, const char *path,
		 const struct csvread_opts *opts, char *err, size_t errlen);
void csvread_close(struct csvfile *f);

/* Called once per record; fields are NUL-ended and valid until return.
 * Return non-zero to stop early (that value is returned by csvread_each). */
typedef int (*csvread_fn)(void *ctx, uint64_t line, char **fields,
			  size_t n_fields);
/* Parse every record of f in order. Returns 0, the callback's non-zero
 * value, or -1 on a parser error (message in err). */
int csvread_each(const struct csvfile *f, csvread_fn fn, void *ctx,
		 char *err, size_t errlen);

#endif
