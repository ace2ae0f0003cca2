/* SPDX-License-Identifier: GPL-3.0-or-later */
/* csvread: delimited text through libcsv.
 *
 * Opening maps the file read-only and decides, before any parsing, how
 * to read it: UTF-16 (a BOM, or a quarter of NUL bytes near the start)
 * is refused; a UTF-8 BOM is skipped; text that is not valid UTF-8 is
 * decoded as Windows-1252 into a private copy. The delimiter is sniffed
 * by counting fields, quote-aware, in the first 20 records for each of
 * , TAB :: ; | and taking the one whose most common count is >= 2 in at
 * least 80% of them, preferring 3 or more fields, then the most
 * consistent, then more fields. "::" is rewritten to a control byte the
 * file does not contain, since libcsv splits on one byte.
 *
 * Parsing feeds libcsv one physical line at a time (LF, CRLF and bare
 * CR each end one) so every record knows the line it starts on: a
 * record starts on the line fed while libcsv's state is "row not
 * begun" (pstate 0 in its public struct). libcsv itself skips blank
 * lines, trims spaces around unquoted fields, undoubles quotes and
 * keeps embedded newlines. */
#include <config.h>

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvread.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

#define SNIFF_RECORDS 20
#define SNIFF_BYTES (1u << 20)      /* an unclosed quote stops here */
#define UTF16_SAMPLE 4096

/* The candidates in tie-break order. */
static const char *const sniff_delims[] = { ",", "\t", "::", ";", "|" };

/* Free everything f holds and zero it. */
void csvread_close(struct csvfile *f)
{
	if (f->map)
		munmap(f->map, f->map_len);
	free(f->owned);
	free(f->path);
	memset(f, 0, sizeof *f);
}

/* Map path read-only into f (an empty file maps to ""). */
static int csv_map(struct csvfile *f, const char *path, char *err,
		   size_t errlen)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) < 0) {
		xsnprintf(err, errlen, _("cannot open %s: %s"), path,
			  strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		xsnprintf(err, errlen, _("cannot open %s: not a regular file"),
			  path);
		close(fd);
		return -1;
	}
	f->data = "";
	f->len = 0;
	if (st.st_size > 0) {
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ,
			       MAP_PRIVATE, fd, 0);

		if (m == MAP_FAILED) {
			xsnprintf(err, errlen, _("cannot read %s: %s"), path,
				  strerror(errno));
			close(fd);
			return -1;
		}
		madvise(m, (size_t)st.st_size, MADV_SEQUENTIAL);
		f->map = m;
		f->map_len = (size_t)st.st_size;
		f->data = m;
		f->len = f->map_len;
	}
	close(fd);
	return 0;
}

/* True for a UTF-16 BOM, or a start that is a quarter NUL bytes (UTF-16
 * or UTF-32 without a BOM). */
static bool csv_is_utf16(const unsigned char *s, size_t n)
{
	size_t i, nul = 0, sample = n < UTF16_SAMPLE ? n : UTF16_SAMPLE;

	if (n >= 2 && ((s[0] == 0xff && s[1] == 0xfe) ||
		       (s[0] == 0xfe && s[1] == 0xff)))
		return true;
	for (i = 0; i < sample; i++)
		nul += s[i] == 0;
	return sample > 0 && nul * 4 >= sample && nul >= 2;
}

/* Offset of the first byte >= 0x80, or n. */
static size_t first_high_byte(const char *s, size_t n)
{
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, sizeof w);
		if (w & UINT64_C(0x8080808080808080))
			break;
	}
	while (i < n && !((unsigned char)s[i] & 0x80))
		i++;
	return i;
}

/* Decode the text as Windows-1252 into a private copy. */
static void csv_to_latin1(struct csvfile *f)
{
	size_t len;
	char *u = text_latin1_to_utf8(f->data, f->len, &len);

	free(f->owned);
	f->owned = u;
	f->data = u;
	f->len = len;
}

/* Decide the encoding: given, or UTF-8 when valid, else Latin-1. */
static void csv_encoding(struct csvfile *f, enum csv_encoding enc)
{
	size_t hi;

	if (enc == CSV_ENC_LATIN1) {
		csv_to_latin1(f);
		strcpy(f->encoding, "latin-1");
		return;
	}
	hi = first_high_byte(f->data, f->len);
	if (enc == CSV_ENC_UTF8 || hi == f->len) {
		strcpy(f->encoding, hi == f->len ? "ascii" : "utf-8");
		return;
	}
	if (text_is_utf8(f->data + hi, f->len - hi)) {
		strcpy(f->encoding, "utf-8");
		return;
	}
	csv_to_latin1(f);
	strcpy(f->encoding, "latin-1 (guessed)");
}

/* Field counts per record for delimiter d over the start of s[0..n),
 * read the way libcsv reads: quotes open a field only at its start,
 * blank lines are no records. Returns the records counted. */
static size_t sniff_counts(const char *s, size_t n, const char *d,
			   size_t *counts)
{
	size_t dl = strlen(d), i = 0, nrec = 0, fields = 1,
	       lim = n < SNIFF_BYTES ? n : SNIFF_BYTES;
	bool start = true, quoted = false, any = false;

	while (i < lim && nrec < SNIFF_RECORDS) {
		char c = s[i];

		if (quoted) {
			if (c == '"' && i + 1 < lim && s[i + 1] == '"')
				i++;
			else if (c == '"')
				quoted = false;
		} else if (c == '\r' || c == '\n') {
			if (any)
				counts[nrec++] = fields;
			fields = 1;
			any = false;
			start = true;
		} else if (i + dl <= lim && memcmp(s + i, d, dl) == 0) {
			fields++;
			any = start = true;
			i += dl;
			continue;
		} else if (c == ' ' || c == '\t') {
			/* spaces around fields are trimmed */
		} else {
			quoted = start && c == '"';
			any = true;
			start = false;
		}
		i++;
	}
	if (any && nrec < SNIFF_RECORDS && lim == n)
		counts[nrec++] = fields;
	return nrec;
}

/* The most common value of counts[0..n) (ties: the larger) and how
 * often it occurs. */
static size_t sniff_mode(const size_t *counts, size_t n, size_t *freq)
{
	size_t i, j, best = 1, best_f = 0;

	for (i = 0; i < n; i++) {
		size_t f = 0;

		for (j = 0; j < n; j++)
			f += counts[j] == counts[i];
		if (f > best_f || (f == best_f && counts[i] > best)) {
			best = counts[i];
			best_f = f;
		}
	}
	*freq = best_f;
	return best;
}

struct sniff_score {
	size_t fields, freq, nrec;
};

/* True when candidate a reads the file better than b. */
static bool sniff_better(const struct sniff_score *a,
			 const struct sniff_score *b)
{
	int ta = a->fields >= 3 ? 2 : 1, tb = b->fields >= 3 ? 2 : 1;

	if (ta != tb)
		return ta > tb;
	if (a->freq * b->nrec != b->freq * a->nrec)
		return a->freq * b->nrec > b->freq * a->nrec;
	return a->fields > b->fields;
}

/* Choose the delimiter of s[0..n); ',' when no candidate is consistent.
 * *fields gets the usual field count under the choice. */
static const char *csv_sniff(const char *s, size_t n, int *fields)
{
	size_t counts[SNIFF_RECORDS], i;
	struct sniff_score best = { 0, 0, 0 }, sc;
	const char *choice = NULL;

	*fields = 1;
	for (i = 0; i < ARRAY_LEN(sniff_delims); i++) {
		sc.nrec = sniff_counts(s, n, sniff_delims[i], counts);
		if (sc.nrec == 0)
			continue;
		sc.fields = sniff_mode(counts, sc.nrec, &sc.freq);
		if (i == 0)
			*fields = (int)sc.fields;
		if (sc.fields < 2 || sc.freq * 5 < sc.nrec * 4)
			continue;
		if (!choice || sniff_better(&sc, &best)) {
			choice = sniff_delims[i];
			best = sc;
			*fields = (int)sc.fields;
		}
	}
	return choice ? choice : ",";
}

/* The usual field count under delimiter d (1 for an empty file). */
static int sniff_fields(const char *s, size_t n, const char *d)
{
	size_t counts[SNIFF_RECORDS], freq,
	       nrec = sniff_counts(s, n, d, counts);

	return nrec ? (int)sniff_mode(counts, nrec, &freq) : 1;
}

/* Rewrite every "::" as one byte the text does not contain, in a
 * private copy; -1 when all 31 control bytes occur. */
static int csv_rewrite_double_colon(struct csvfile *f)
{
	unsigned char b;
	size_t i, o = 0;
	char *d;

	for (b = 0x1f; b > 0; b--)
		if (!memchr(f->data, b, f->len))
			break;
	if (b == 0)
		return -1;
	d = f->owned ? f->owned : xmalloc(f->len + 1);
	for (i = 0; i < f->len; i++) {
		if (f->data[i] == ':' && i + 1 < f->len &&
		    f->data[i + 1] == ':') {
			d[o++] = (char)b;
			i++;
		} else {
			d[o++] = f->data[i];
		}
	}
	d[o] = '\0';
	f->owned = d;
	f->data = d;
	f->len = o;
	f->sep = b;
	return 0;
}

/* The delimiter given by the user: one byte, "::", or "tab". */
static int csv_given_delim(struct csvfile *f, const char *d, char *err,
			   size_t errlen)
{
	if (strcmp(d, "tab") == 0 || strcmp(d, "TAB") == 0 ||
	    strcmp(d, "\\t") == 0)
		d = "\t";
	if (strlen(d) != 1 && strcmp(d, "::") != 0) {
		xsnprintf(err, errlen, _("unsupported delimiter '%s': use one "
					 "character or '::'"), d);
		return -1;
	}
	if (d[0] == '"' || d[0] == '\r' || d[0] == '\n') {
		xsnprintf(err, errlen, _("unsupported delimiter '%s'"), d);
		return -1;
	}
	strcpy(f->delim, d);
	return 0;
}

/* Open path: map, check the encoding, find the delimiter. */
int csvread_open(struct csvfile *f, const char *path,
		 const struct csvread_opts *opts, char *err, size_t errlen)
{
	enum csv_encoding enc = opts ? opts->encoding : CSV_ENC_AUTO;
	const char *given = opts ? opts->delim : NULL;

	memset(f, 0, sizeof *f);
	f->path = xstrdup(path);
	if (csv_map(f, path, err, errlen) < 0)
		goto fail;
	if (csv_is_utf16((const unsigned char *)f->data, f->len)) {
		xsnprintf(err, errlen, _("%s: UTF-16 file: re-save as UTF-8"),
			  path);
		goto fail;
	}
	if (f->len >= 3 && memcmp(f->data, "\xef\xbb\xbf", 3) == 0) {
		f->bom = true;
		f->data += 3;
		f->len -= 3;
	}
	csv_encoding(f, enc);
	if (given && csv_given_delim(f, given, err, errlen) < 0)
		goto fail;
	if (given)
		f->fields_guess = sniff_fields(f->data, f->len, f->delim);
	else
		strcpy(f->delim, csv_sniff(f->data, f->len, &f->fields_guess));
	f->sep = (unsigned char)f->delim[0];
	if (strcmp(f->delim, "::") == 0 && csv_rewrite_double_colon(f) < 0) {
		xsnprintf(err, errlen, "%s", _("cannot split on '::' in this "
					       "file (it holds every control "
					       "byte)"));
		goto fail;
	}
	return 0;
fail:
	csvread_close(f);
	return -1;
}

/* State shared with the libcsv callbacks while parsing. */
struct csv_each {
	csvread_fn fn;
	void *ctx;
	char *buf;                  /* the record's fields, NUL-ended */
	size_t len, cap;
	size_t *offs;               /* start of each field in buf */
	char **fields;
	size_t nf, cap_offs, cap_fields;
	uint64_t start;             /* line the current record began on */
	int stop;                   /* the callback's non-zero return */
};

/* libcsv field callback: copy the field (libcsv reuses its buffer). */
static void each_field(void *s, size_t len, void *data)
{
	struct csv_each *e = data;

	if (e->stop)
		return;
	xgrow((void **)&e->buf, &e->cap, e->len + len + 1, 1);
	xgrow((void **)&e->offs, &e->cap_offs, e->nf + 1, sizeof *e->offs);
	if (len)
		memcpy(e->buf + e->len, s, len);
	e->buf[e->len + len] = '\0';
	e->offs[e->nf++] = e->len;
	e->len += len + 1;
}

/* libcsv record callback: hand the record on unless it is empty. */
static void each_record(int c, void *data)
{
	struct csv_each *e = data;
	size_t i;

	(void)c;
	if (!e->stop && !(e->nf == 1 && e->buf[0] == '\0') && e->nf > 0) {
		xgrow((void **)&e->fields, &e->cap_fields, e->nf,
		      sizeof *e->fields);
		for (i = 0; i < e->nf; i++)
			e->fields[i] = e->buf + e->offs[i];
		e->stop = e->fn(e->ctx, e->start, e->fields, e->nf);
	}
	e->nf = 0;
	e->len = 0;
}

/* End (exclusive) of the physical line that starts at pos: after its
 * LF, CRLF or bare CR. *nl caches the next LF so a file of bare CRs
 * is not rescanned for LFs on every line. */
static size_t line_end(const char *s, size_t n, size_t pos, size_t *nl)
{
	const char *cr;

	if (*nl == SIZE_MAX || *nl < pos) {
		const char *q = memchr(s + pos, '\n', n - pos);

		*nl = q ? (size_t)(q - s) : n;
	}
	cr = memchr(s + pos, '\r', *nl - pos);
	if (cr) {
		size_t i = (size_t)(cr - s);

		return i + 1 == *nl ? *nl + 1 : i + 1;
	}
	return *nl < n ? *nl + 1 : n;
}

/* Feed every line to p, noting where records start; returns 0, or -1
 * when libcsv fails (out of memory). */
static int each_lines(const struct csvfile *f, struct csv_parser *p,
		      struct csv_each *e)
{
	size_t pos = 0, nl = SIZE_MAX;
	uint64_t line = 1;

	while (pos < f->len && !e->stop) {
		size_t end = line_end(f->data, f->len, pos, &nl);

		if (p->pstate == 0)     /* ROW_NOT_BEGUN */
			e->start = line;
		if (csv_parse(p, f->data + pos, end - pos, each_field,
			      each_record, e) != end - pos)
			return -1;
		pos = end;
		line++;
	}
	return 0;
}

/* Parse every record of f in order and give each to fn. */
int csvread_each(const struct csvfile *f, csvread_fn fn, void *ctx,
		 char *err, size_t errlen)
{
	struct csv_parser p;
	struct csv_each e;
	int rc = 0;

	memset(&e, 0, sizeof e);
	e.fn = fn;
	e.ctx = ctx;
	if (csv_init(&p, CSV_APPEND_NULL) != 0) {
		xsnprintf(err, errlen, "%s", _("cannot start the CSV parser"));
		return -1;
	}
	csv_set_delim(&p, f->sep ? f->sep : ',');
	if (each_lines(f, &p, &e) < 0 ||
	    (!e.stop && csv_fini(&p, each_field, each_record, &e) != 0)) {
		xsnprintf(err, errlen, _("%s: CSV parser error: %s"), f->path,
			  csv_strerror(csv_error(&p)));
		rc = -1;
	}
	csv_free(&p);
	free(e.buf);
	free(e.offs);
	free(e.fields);
	return rc ? rc : e.stop;
}
