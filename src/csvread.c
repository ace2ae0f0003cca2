/* SPDX-License-Identifier: GPL-3.0-or-later */
/* csvread: delimited text through libcsv.
 *
 * The file is read with pread() in blocks of whole lines (about 1 MiB,
 * more for a longer line), twice: once at open, to learn the encoding,
 * and once per csvread_each, to parse. A mapping would save a copy,
 * but a mapped file that shrinks kills the process with SIGBUS, and a
 * buffer of the whole file would make memory grow with it. The size
 * and mtime taken at open are checked at the end of every read, so a
 * file that changed is refused instead of half read.
 *
 * Opening: UTF-32 and UTF-16 (a BOM, or NUL bytes making up most or a
 * quarter of the start) are refused; a UTF-8 BOM is skipped. The first
 * read counts NUL bytes and checks UTF-8 block by block. A file that
 * is not UTF-8 is read again line by line: each line that is not
 * UTF-8 is repaired on its own (a stray Latin-1 line must not turn the
 * UTF-8 of every other line into mojibake), unless almost no line
 * reads as UTF-8, when the whole file is Windows-1252. The delimiter
 * is sniffed from the first MiB by counting fields, quote-aware, in
 * the first 20 records for each of , TAB :: ; | and taking the one
 * whose most common count is >= 2 in at least 80% of them, preferring
 * 3 or more fields, then the most consistent, then more fields. "::"
 * is rewritten to the byte 0x1F as lines are read, since libcsv splits
 * on one byte (a 0x1F already there becomes U+FFFD).
 *
 * Parsing feeds libcsv one physical line at a time (LF, CRLF and bare
 * CR each end one) so every record knows the line it starts on: a
 * record starts on the line fed while libcsv's state is "row not
 * begun" (pstate 0 in its public struct). A block in which every
 * line is a record of its own goes to libcsv whole instead, which
 * spares two memchr and a csv_parse call per line (a few percent of a
 * large import): text read as is, no "::", no quote and no CR in it,
 * and no line that starts with a space, a TAB or its own end (so none
 * is blank); each record then takes the line after the one before.
 * libcsv itself skips blank lines, trims spaces around unquoted
 * fields, undoubles quotes and keeps embedded newlines. NUL bytes are
 * replaced by U+FFFD as fields are copied, so no value is ever cut
 * short at one.
 *
 * libcsv runs in strict mode only to learn of malformed quotes: each
 * strict error is noted and the offending byte fed again leniently, so
 * fields read exactly as in lenient mode. A quoted field left open at
 * a line end is watched, and the lines of its record are kept from
 * then on: when the field reaches the end of the file, or held a
 * malformed quote, or runs past CSVREAD_QUOTE_MAX_LINES lines (or at
 * once with single_line), its quote is unterminated. The kept lines
 * up to the one the quote opened on are parsed again alone and
 * delivered as one record flagged CSVREC_UNTERMINATED; the kept lines
 * after it are read again. Each such rewind re-reads at most
 * CSVREAD_QUOTE_MAX_LINES lines, which bounds the cost of a file full
 * of stray quotes.
 *
 * With no_quotes, libcsv's quote character is NO_QUOTE, a byte that
 * UTF-8 never holds and so never reaches it (every line it is fed is
 * UTF-8, as read or as decoded): a double quote is then text, no field
 * is quoted and no quote is ever open, and the sniffing counts fields
 * the same way. */
#include <config.h>

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvread.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

#define BLOCK_BYTES (1u << 20)
#define SNIFF_RECORDS 20
#define SNIFF_BYTES (1u << 20)      /* an unclosed quote stops here */
#define HEAD_BYTES (SNIFF_BYTES + 4) /* a BOM, and one to see more */
#define WIDE_SAMPLE 4096
#define LATIN1_RATIO 20             /* see csvfile.encoding */
#define COLON_SEP 0x1f              /* "::" as one byte (unit separator) */
#define NO_QUOTE 0xff               /* libcsv's quote with no_quotes */

/* How lines are decoded (csvfile.mode). */
enum { MODE_AS_IS, MODE_LATIN1, MODE_REPAIR };

/* libcsv's parser states (pstate), from its source. */
#define ROW_NOT_BEGUN 0
#define FIELD_BEGUN 2

#define OPTS_STRICT (CSV_APPEND_NULL | CSV_STRICT)
#define OPTS_LENIENT CSV_APPEND_NULL

/* The candidates in tie-break order. */
static const char *const sniff_delims[] = { ",", "\t", "::", ";", "|" };

/* Free everything f holds and zero it. */
void csvread_close(struct csvfile *f)
{
	if (f->path && f->fd >= 0)
		close(f->fd);
	free(f->path);
	free(f->bad_lines);
	free(f->rec);
	memset(f, 0, sizeof *f);
	f->fd = -1;
}

/* Reads a file in blocks of whole lines, up to the size it had at
 * open: a file that turns out shorter stops the read at once, so the
 * cut line at its new end is never handed out. */
struct reader {
	int fd;
	uint64_t off;               /* file offset of the next read */
	uint64_t size;              /* where the file ended at open */
	char *buf;
	size_t cap, len;            /* bytes held */
	size_t used;                /* ... of which handed out */
	bool eof;
	bool shrunk;                /* it ended before size */
	bool too_long;              /* a line past CSVREAD_LINE_MAX */
	int err;                    /* errno of a failed read, else 0 */
};

/* Start reading f at offset off. */
static void reader_init(struct reader *r, const struct csvfile *f,
			uint64_t off)
{
	memset(r, 0, sizeof *r);
	r->fd = f->fd;
	r->off = off;
	r->size = f->size;
	r->cap = BLOCK_BYTES;
	r->buf = xmalloc(r->cap);
}

/* End of the last whole line in s[0..n): after its last LF or CR, but
 * a CR at the very end may be half a CRLF unless the file ends there.
 * 0 when there is none. */
static size_t last_line_end(const char *s, size_t n, bool eof)
{
	const char *lf, *cr;
	size_t from;

	if (n > 0 && s[n - 1] == '\r' && !eof)
		n--;
	lf = memrchr(s, '\n', n);
	from = lf ? (size_t)(lf - s) + 1 : 0;
	cr = memrchr(s + from, '\r', n - from);
	if (cr)
		return (size_t)(cr - s) + 1;
	return from;
}

/* Read more of the file into r->buf, growing it when it is full. */
static void reader_fill(struct reader *r)
{
	size_t want;
	ssize_t k;

	if (r->len == r->cap) {
		r->cap *= 2;
		r->buf = xrealloc(r->buf, r->cap);
	}
	want = r->cap - r->len;
	if (want > r->size - r->off)
		want = (size_t)(r->size - r->off);
	k = 0;
	while (want > 0 && (k = pread(r->fd, r->buf + r->len, want,
				      (off_t)r->off)) < 0 && errno == EINTR)
		;
	if (k <= 0) {
		r->err = k < 0 ? errno : 0;
		r->shrunk = want > 0 && k == 0;
		r->eof = true;
		return;
	}
	r->len += (size_t)k;
	r->off += (uint64_t)k;
}

/* The next block of whole lines (the last line of the file may lack
 * its end); false when the file is done or a read failed (r->err). */
static bool reader_block(struct reader *r, const char **s, size_t *n)
{
	size_t end;

	memmove(r->buf, r->buf + r->used, r->len - r->used);
	r->len -= r->used;
	r->used = 0;
	while ((end = last_line_end(r->buf, r->len, r->eof)) == 0 &&
	       !r->eof) {
		if (r->len >= CSVREAD_LINE_MAX) {
			r->too_long = true;
			return false;
		}
		reader_fill(r);
	}
	if (end == 0)
		end = r->len;           /* the last line, without an end */
	if (end == 0 || r->err || r->shrunk)
		return false;
	*s = r->buf;
	*n = r->used = end;
	return true;
}

/* True when the whole file was read and it still has the size and
 * mtime it had at open. */
static bool reader_unchanged(const struct reader *r,
			     const struct csvfile *f)
{
	struct stat st;

	return !r->shrunk && r->off == f->size && fstat(r->fd, &st) == 0 &&
	       (uint64_t)st.st_size == f->size &&
	       st.st_mtim.tv_sec == f->mtime.tv_sec &&
	       st.st_mtim.tv_nsec == f->mtime.tv_nsec;
}

/* Finish a read to the end: -1 with a message when it failed or the
 * file changed meanwhile. */
static int reader_end(struct reader *r, const struct csvfile *f,
		      char *err, size_t errlen)
{
	int rc = -1;

	if (r->err)
		xsnprintf(err, errlen, _("cannot read %s: %s"), f->path,
			  strerror(r->err));
	else if (r->too_long)
		xsnprintf(err, errlen, _("%s: a line of more than %zu MiB "
					 "from byte %" PRIu64 " on: no table "
					 "of text has one (a damaged or "
					 "binary file?)"), f->path,
			  CSVREAD_LINE_MAX >> 20, r->off - r->len);
	else if (!reader_unchanged(r, f))
		xsnprintf(err, errlen, _("%s changed while it was being read; "
					 "try again when it is complete"),
			  f->path);
	else
		rc = 0;
	free(r->buf);
	r->buf = NULL;
	return rc;
}

/* Open path as f->fd: a regular file; -1 with a message otherwise.
 * O_NONBLOCK so a FIFO or a device is refused instead of waited on
 * (it changes nothing for a regular file's reads). */
static int csv_open_fd(struct csvfile *f, const char *path, char *err,
		       size_t errlen)
{
	struct stat st;

	f->fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (f->fd < 0 || fstat(f->fd, &st) < 0) {
		xsnprintf(err, errlen, _("cannot open %s: %s"), path,
			  strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		xsnprintf(err, errlen, _("cannot open %s: not a regular file"),
			  path);
		return -1;
	}
	f->size = (uint64_t)st.st_size;
	f->mtime = st.st_mtim;
	return 0;
}

/* The first HEAD_BYTES of f (fewer in a smaller file) in a new
 * buffer, their count in *n; NULL with a message on a read error. */
static char *csv_head(const struct csvfile *f, size_t *n, char *err,
		      size_t errlen)
{
	size_t want = f->size < HEAD_BYTES ? (size_t)f->size : HEAD_BYTES;
	char *head = xmalloc(want + 1);
	ssize_t k = 0;

	*n = 0;
	while (*n < want && (k = pread(f->fd, head + *n, want - *n,
				       (off_t)*n)) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			xsnprintf(err, errlen, _("cannot read %s: %s"),
				  f->path, strerror(errno));
			free(head);
			return NULL;
		}
		*n += (size_t)k;
	}
	head[*n] = '\0';
	return head;
}

/* "UTF-32" or "UTF-16" when s[0..n) is one of them: a BOM, or a start
 * whose bytes are mostly (UTF-32) or a quarter (UTF-16) NUL, as ASCII
 * text in those encodings is; NULL otherwise. */
static const char *csv_wide_encoding(const unsigned char *s, size_t n)
{
	size_t i, nul = 0, sample = n < WIDE_SAMPLE ? n : WIDE_SAMPLE;

	if (n >= 4 && ((s[0] == 0xff && s[1] == 0xfe && !s[2] && !s[3]) ||
		       (!s[0] && !s[1] && s[2] == 0xfe && s[3] == 0xff)))
		return "UTF-32";
	if (n >= 2 && ((s[0] == 0xff && s[1] == 0xfe) ||
		       (s[0] == 0xfe && s[1] == 0xff)))
		return "UTF-16";
	for (i = 0; i < sample; i++)
		nul += s[i] == 0;
	if (nul < 2)
		return NULL;
	if (nul * 8 >= sample * 5)
		return "UTF-32";
	return nul * 4 >= sample ? "UTF-16" : NULL;
}

/* Refuse UTF-32 and UTF-16 (judged from the head) with the way out. */
static int csv_refuse_wide(const struct csvfile *f, const char *head,
			   size_t n, char *err, size_t errlen)
{
	const char *w = csv_wide_encoding((const unsigned char *)head, n);

	if (!w)
		return 0;
	if (strcmp(w, "UTF-32") == 0)
		xsnprintf(err, errlen, _("%s: UTF-32 file: re-save as UTF-8"),
			  f->path);
	else
		xsnprintf(err, errlen, _("%s: UTF-16 file: re-save as UTF-8"),
			  f->path);
	return -1;
}

/* Offset of the first byte >= 0x80, or n. 64 bytes are ORed together
 * and tested at once (the compiler makes vector code of it): the whole
 * file goes through here when it is opened. */
static size_t first_high_byte(const char *s, size_t n)
{
	size_t i = 0, k;

	for (; i + 64 <= n; i += 64) {
		uint64_t w[8], any = 0;

		memcpy(w, s + i, sizeof w);
		for (k = 0; k < 8; k++)
			any |= w[k];
		if (any & UINT64_C(0x8080808080808080))
			break;
	}
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

/* NUL bytes in s[0..n). */
static size_t count_nul(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	size_t k = 0;

	while (p < end && (p = memchr(p, '\0', (size_t)(end - p)))) {
		k++;
		p++;
	}
	return k;
}

/* End (exclusive) of the physical line that starts at pos: after its
 * LF, CRLF or bare CR. *nl caches the next LF so a file of bare CRs
 * is not rescanned for LFs on every line. */
static inline size_t line_end(const char *s, size_t n, size_t pos,
			      size_t *nl)
{
	const char *cr;

	if (*nl == SIZE_MAX || *nl < pos) {
		const char *q = memchr(s + pos, '\n', n - pos);

		*nl = q ? (size_t)(q - s) : n;
	}
	cr = memchr(s + pos, '\r', *nl - pos);
	if (cr) {
		size_t i = (size_t)(cr - s);

		return i + 1 == *nl && *nl < n ? *nl + 1 : i + 1;
	}
	return *nl < n ? *nl + 1 : n;
}

/* Where the text starts: after a UTF-8 BOM. */
static uint64_t text_start(const struct csvfile *f)
{
	return f->bom ? 3 : 0;
}

/* What the first read of the file finds. */
struct scan {
	bool high;                  /* a byte >= 0x80 */
	bool utf8;                  /* and all of it valid UTF-8 */
};

/* Read the file through in blocks: count NUL bytes, and see whether
 * it is ASCII or UTF-8 (unless check_utf8 is false). Blocks end at
 * line ends, so no UTF-8 sequence is ever split between two. */
static int scan_blocks(struct csvfile *f, bool check_utf8,
		       struct scan *sc, char *err, size_t errlen)
{
	struct reader r;
	const char *s;
	size_t n;

	sc->high = false;
	sc->utf8 = true;
	reader_init(&r, f, text_start(f));
	while (reader_block(&r, &s, &n)) {
		size_t hi = check_utf8 ? first_high_byte(s, n) : n;

		f->nul_bytes += count_nul(s, n);
		if (hi < n) {
			sc->high = true;
			if (sc->utf8 && !text_is_utf8(s + hi, n - hi))
				sc->utf8 = false;
		}
		if (f->head_only) {     /* the start tells enough */
			free(r.buf);
			return 0;
		}
	}
	return reader_end(&r, f, err, errlen);
}

/* What the line-by-line read of a file that is not UTF-8 counts. */
struct line_scan {
	size_t good;                /* lines with a UTF-8 multi-byte char */
	size_t bad;                 /* lines with high bytes and none */
	size_t cap;                 /* of f->bad_lines */
	char *scratch;
	size_t scap;
};

/* Classify one line and, when it is not UTF-8, list it and count what
 * its repair will do (the same rule as lines_decode). */
static void scan_line(struct csvfile *f, struct line_scan *ls,
		      const char *s, size_t n, uint64_t line)
{
	bool multi;

	if (first_high_byte(s, n) == n)
		return;
	if (text_is_utf8(s, n)) {
		ls->good++;
		return;
	}
	multi = text_has_utf8_multibyte(s, n);
	if (multi)
		ls->good++;
	else
		ls->bad++;
	xgrow((void **)&f->bad_lines, &ls->cap, f->n_bad_lines + 1,
	      sizeof *f->bad_lines);
	f->bad_lines[f->n_bad_lines++] = line;
	if (!multi && !f->given_utf8) {
		f->latin1_lines++;
		return;
	}
	xgrow((void **)&ls->scratch, &ls->scap, 3 * n, 1);
	text_utf8_repair(s, n, ls->scratch, &f->bad_bytes);
}

/* Read the file again line by line, classifying each (scan_line). */
static int scan_lines(struct csvfile *f, struct line_scan *ls, char *err,
		      size_t errlen)
{
	struct reader r;
	const char *s;
	uint64_t line = 0;
	size_t n;

	memset(ls, 0, sizeof *ls);
	reader_init(&r, f, text_start(f));
	while (reader_block(&r, &s, &n)) {
		size_t pos = 0, nl = SIZE_MAX;

		while (pos < n) {
			size_t end = line_end(s, n, pos, &nl);

			scan_line(f, ls, s + pos, end - pos, ++line);
			pos = end;
		}
	}
	free(ls->scratch);
	return reader_end(&r, f, err, errlen);
}

/* Name the encoding after a repair (see csvfile.encoding). */
static void name_repair(struct csvfile *f)
{
	size_t n = f->latin1_lines;

	if (n == f->n_bad_lines)
		xsnprintf(f->encoding, sizeof f->encoding, n == 1 ?
			  "utf-8 (%zu line as latin-1)" :
			  "utf-8 (%zu lines as latin-1)", n);
	else if (n == 0)
		xsnprintf(f->encoding, sizeof f->encoding, f->bad_bytes == 1 ?
			  "utf-8 (%zu bad byte replaced)" :
			  "utf-8 (%zu bad bytes replaced)", f->bad_bytes);
	else
		xsnprintf(f->encoding, sizeof f->encoding,
			  "utf-8 (%zu lines repaired)", f->n_bad_lines);
}

/* Decide how to read a file that is not UTF-8: line by line, unless
 * fewer than 1 in LATIN1_RATIO of the lines with high bytes hold a
 * UTF-8 sequence: then the whole file is Latin-1 (a Latin-1 file may
 * hold a few byte pairs that happen to form UTF-8, as "É’" does). */
static int csv_not_utf8(struct csvfile *f, char *err, size_t errlen)
{
	struct line_scan ls;

	if (f->head_only) {     /* a header: no line is listed */
		f->mode = f->given_utf8 ? MODE_REPAIR : MODE_LATIN1;
		strcpy(f->encoding, f->given_utf8 ? "utf-8" : "latin-1 "
		       "(guessed)");
		return 0;
	}
	if (scan_lines(f, &ls, err, errlen) < 0)
		return -1;
	if (f->given_utf8 || ls.good * LATIN1_RATIO >= ls.good + ls.bad) {
		f->mode = MODE_REPAIR;
		name_repair(f);
		return 0;
	}
	free(f->bad_lines);
	f->bad_lines = NULL;
	f->n_bad_lines = f->latin1_lines = f->bad_bytes = 0;
	f->mode = MODE_LATIN1;
	strcpy(f->encoding, "latin-1 (guessed)");
	return 0;
}

/* Read the file through once to decide how its lines are decoded. */
static int csv_scan(struct csvfile *f, enum csv_encoding enc, char *err,
		    size_t errlen)
{
	struct scan sc;

	f->given_utf8 = enc == CSV_ENC_UTF8;
	if (scan_blocks(f, enc != CSV_ENC_LATIN1, &sc, err, errlen) < 0)
		return -1;
	if (enc == CSV_ENC_LATIN1) {
		f->mode = MODE_LATIN1;
		strcpy(f->encoding, "latin-1");
	} else if (!sc.high || sc.utf8) {
		f->mode = MODE_AS_IS;
		strcpy(f->encoding, sc.high ? "utf-8" : "ascii");
	} else {
		return csv_not_utf8(f, err, errlen);
	}
	return 0;
}

/* Field counts per record for delimiter d over the start of s[0..n),
 * read the way libcsv reads: quotes (when quotes is set) open a field
 * only at its start, blank lines are no records. Returns the records
 * counted. */
static size_t sniff_counts(const char *s, size_t n, const char *d,
			   bool quotes, size_t *counts)
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
			quoted = quotes && start && c == '"';
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
static const char *csv_sniff(const char *s, size_t n, bool quotes,
			     int *fields)
{
	size_t counts[SNIFF_RECORDS], i;
	struct sniff_score best = { 0, 0, 0 }, sc;
	const char *choice = NULL;

	*fields = 1;
	for (i = 0; i < ARRAY_LEN(sniff_delims); i++) {
		sc.nrec = sniff_counts(s, n, sniff_delims[i], quotes,
				       counts);
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
static int sniff_fields(const char *s, size_t n, const char *d,
			bool quotes)
{
	size_t counts[SNIFF_RECORDS], freq,
	       nrec = sniff_counts(s, n, d, quotes, counts);

	return nrec ? (int)sniff_mode(counts, nrec, &freq) : 1;
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

/* Set the delimiter, given or sniffed from the head s[0..n), and the
 * byte libcsv splits on. */
static int csv_delimiter(struct csvfile *f, const char *given,
			 const char *s, size_t n, char *err, size_t errlen)
{
	if (given && csv_given_delim(f, given, err, errlen) < 0)
		return -1;
	if (given)
		f->fields_guess = sniff_fields(s, n, f->delim, !f->no_quotes);
	else
		strcpy(f->delim, csv_sniff(s, n, !f->no_quotes,
					   &f->fields_guess));
	f->sep = strcmp(f->delim, "::") == 0 ? COLON_SEP :
		 (unsigned char)f->delim[0];
	return 0;
}

/* Open path: read it through for its encoding, find the delimiter. */
int csvread_open(struct csvfile *f, const char *path,
		 const struct csvread_opts *opts, char *err, size_t errlen)
{
	enum csv_encoding enc = opts ? opts->encoding : CSV_ENC_AUTO;
	const char *given = opts ? opts->delim : NULL;
	char *head = NULL;
	size_t n = 0, skip;

	memset(f, 0, sizeof *f);
	f->path = xstrdup(path);
	f->rec = xcalloc(1, sizeof *f->rec);
	f->single_line = opts && opts->single_line;
	f->no_quotes = opts && opts->no_quotes;
	f->head_only = opts && opts->head_only;
	if (csv_open_fd(f, path, err, errlen) < 0 ||
	    !(head = csv_head(f, &n, err, errlen)) ||
	    csv_refuse_wide(f, head, n, err, errlen) < 0)
		goto fail;
	f->bom = n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0;
	skip = f->bom ? 3 : 0;
	if (csv_scan(f, enc, err, errlen) < 0 ||
	    csv_delimiter(f, given, head + skip, n - skip, err, errlen) < 0)
		goto fail;
	free(head);
	return 0;
fail:
	free(head);
	csvread_close(f);
	return -1;
}

/* What is known about the record being delivered. */
const struct csvread_rec *csvread_record(const struct csvfile *f)
{
	return f->rec;
}

/* Say why the record being delivered is damaged, or NULL. */
const char *csvread_record_problem(const struct csvfile *f, char *buf,
				   size_t len)
{
	const struct csvread_rec *r = f->rec;

	if (r->flags & CSVREC_MALFORMED)
		xsnprintf(buf, len, _("text after a closing quote at line %"
				      PRIu64), r->quote_line);
	else if (r->flags & CSVREC_UNTERMINATED)
		xsnprintf(buf, len, _("unterminated quote opened at line %"
				      PRIu64), r->quote_line);
	else if (r->flags & CSVREC_NUL)
		xsnprintf(buf, len, _("NUL byte in field %zu"),
			  r->nul_field + 1);
	else
		return NULL;
	return buf;
}

/* Where the lines of a parse come from: the file, block by block and
 * decoded, or lines handed back to be read again after an
 * unterminated quote. */
struct csv_lines {
	struct reader rd;
	const char *block;          /* whole lines from the reader */
	size_t blen, pos, nl;
	uint64_t src_line;          /* lines taken from the file */
	size_t bad_i;               /* next of f->bad_lines */
	char *scratch[2];           /* decoded, then "::" rewritten */
	size_t scap[2];
	char *replay;               /* lines to read again, decoded */
	size_t replay_len, replay_pos, replay_nl;
};

/* Scratch buffer k with room for need bytes. */
static char *lines_scratch(struct csv_lines *l, int k, size_t need)
{
	xgrow((void **)&l->scratch[k], &l->scap[k], need + 1, 1);
	return l->scratch[k];
}

/* Decode a line of the file as open decided: as is, Windows-1252 (an
 * ASCII line is left alone), or (a listed line) repaired by the rule
 * of scan_line. */
static void lines_decode(struct csv_lines *l, const struct csvfile *f,
			 const char **s, size_t *n)
{
	size_t bad = 0;
	char *out;

	if (f->mode == MODE_AS_IS ||
	    (f->mode == MODE_LATIN1 && first_high_byte(*s, *n) == *n))
		return;
	if (f->mode == MODE_REPAIR) {
		if (l->bad_i >= f->n_bad_lines ||
		    f->bad_lines[l->bad_i] != l->src_line)
			return;
		l->bad_i++;
	}
	out = lines_scratch(l, 0, 3 * *n);
	if (f->mode == MODE_REPAIR &&
	    (f->given_utf8 || text_has_utf8_multibyte(*s, *n)))
		*n = text_utf8_repair(*s, *n, out, &bad);
	else
		*n = text_latin1_decode(*s, *n, out);
	*s = out;
}

/* With "::", write each "::" as COLON_SEP; a COLON_SEP already in the
 * text becomes U+FFFD so it cannot split a field. */
static void lines_colons(struct csv_lines *l, const struct csvfile *f,
			 const char **s, size_t *n)
{
	const char *in = *s;
	size_t i, o = 0;
	char *out;

	if (f->sep != COLON_SEP || (!memchr(in, ':', *n) &&
				    !memchr(in, COLON_SEP, *n)))
		return;
	out = lines_scratch(l, 1, 3 * *n);
	for (i = 0; i < *n; i++) {
		if (in[i] == ':' && i + 1 < *n && in[i + 1] == ':') {
			out[o++] = COLON_SEP;
			i++;
		} else if (in[i] == COLON_SEP) {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
		} else {
			out[o++] = in[i];
		}
	}
	*s = out;
	*n = o;
}

#if defined(__GNUC__)
typedef unsigned char bytes16 __attribute__((vector_size(16)));

/* True when none of the 16 bytes at s is a quote or a CR, nor an LF
 * followed (in the 16 at s + 1) by an LF, a space or a TAB. */
static inline bool plain16(const char *s)
{
	bytes16 a, b, bad, blank;
	uint64_t w[2];

	memcpy(&a, s, sizeof a);
	memcpy(&b, s + 1, sizeof b);
	blank = (bytes16)((b == '\n') | (b == ' ') | (b == '\t'));
	bad = (bytes16)((a == '"') | (a == '\r') | ((a == '\n') & blank));
	memcpy(w, &bad, sizeof w);
	return !(w[0] | w[1]);
}
#endif

/* True when every line of s[0..n) (whole lines, the last perhaps
 * without its end) is one record of its own to libcsv: no quote, no
 * CR, and no line that starts with an LF, a space or a TAB. Lines
 * like " 1,2" are fine to libcsv too, but telling them from blank
 * ones costs more than reading such a block line by line. */
static bool block_plain(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0 || s[0] == '\n' || s[0] == ' ' || s[0] == '\t')
		return false;
#if defined(__GNUC__)
	for (; i + 17 <= n; i += 16)
		if (!plain16(s + i))
			return false;
#endif
	for (; i < n; i++) {
		char c = s[i], d = i + 1 < n ? s[i + 1] : 'x';

		if (c == '"' || c == '\r' ||
		    (c == '\n' && (d == '\n' || d == ' ' || d == '\t')))
			return false;
	}
	return true;
}

/* A new block in hand when the last one is used up; false at the end
 * of the file or on a read error. */
static bool lines_fill(struct csv_lines *l)
{
	if (l->pos != l->blen)
		return true;
	if (!reader_block(&l->rd, &l->block, &l->blen))
		return false;
	l->pos = 0;
	l->nl = SIZE_MAX;
	return true;
}

/* At the start of a block of the file, when libcsv is between rows:
 * the whole block when it can be fed at once (block_plain, read as
 * is, no "::"), taken from l; false otherwise, the block then left
 * for lines_next. */
static bool lines_block(struct csv_lines *l, const struct csvfile *f,
			const char **s, size_t *n)
{
	if (l->replay_pos < l->replay_len || f->mode != MODE_AS_IS ||
	    f->sep == COLON_SEP)
		return false;
	if (!lines_fill(l))
		return false;
	if (l->pos != 0 || !block_plain(l->block, l->blen))
		return false;
	*s = l->block;
	*n = l->blen;
	l->pos = l->blen;
	return true;
}

/* The next line to feed (with its line end), replayed lines first;
 * false at the end of the file or on a read error. The line is valid
 * until the next call. */
static bool lines_next(struct csv_lines *l, const struct csvfile *f,
		       const char **s, size_t *n)
{
	size_t end;

	if (l->replay_pos < l->replay_len) {
		end = line_end(l->replay, l->replay_len, l->replay_pos,
			       &l->replay_nl);
		*s = l->replay + l->replay_pos;
		*n = end - l->replay_pos;
		l->replay_pos = end;
		return true;
	}
	if (!lines_fill(l))
		return false;
	end = line_end(l->block, l->blen, l->pos, &l->nl);
	*s = l->block + l->pos;
	*n = end - l->pos;
	l->pos = end;
	l->src_line++;
	lines_decode(l, f, s, n);
	lines_colons(l, f, s, n);
	return true;
}

/* Make s[0..n) (whole lines) the next to feed, before the rest of
 * what was already to be replayed. */
static void lines_replay(struct csv_lines *l, const char *s, size_t n)
{
	size_t rest = l->replay_len - l->replay_pos;
	char *b = xmalloc(n + rest + 1);

	if (n)
		memcpy(b, s, n);
	if (rest)
		memcpy(b + n, l->replay + l->replay_pos, rest);
	free(l->replay);
	l->replay = b;
	l->replay_len = n + rest;
	l->replay_pos = 0;
	l->replay_nl = SIZE_MAX;
}

/* Free what a parse's line source holds. */
static void lines_free(struct csv_lines *l)
{
	free(l->rd.buf);
	free(l->scratch[0]);
	free(l->scratch[1]);
	free(l->replay);
}

/* State shared with the libcsv callbacks while parsing. */
struct csv_each {
	const struct csvfile *f;
	csvread_fn fn;
	void *ctx;
	struct csv_lines lines;
	char *buf;                  /* the record's fields, NUL-ended */
	size_t len, cap;
	size_t *offs;               /* start of each field in buf */
	char **fields;
	size_t *lens;               /* length of each field */
	size_t nf, cap_offs, cap_fields, cap_lens;
	uint64_t line;              /* the line being fed */
	uint64_t start;             /* line the current record began on */
	bool whole_block;           /* a block of one record per line is
				     * being fed: each record is a line */
	char *kept;                 /* its lines since one ended in a quote */
	size_t kept_len, kept_cap;
	bool keeping;
	uint64_t quote_line;        /* line the open quoted field began on */
	uint64_t ended;             /* fields libcsv has ended so far */
	uint64_t bad_quote;         /* ended + 1 when a malformed quote was
				     * seen, so it marks the field it is in */
	uint64_t bad_line;          /* the line it was seen on */
	unsigned flags;             /* CSVREC_* of the record being built */
	size_t nul_field;
	bool has_nul;               /* the file holds NUL bytes */
	int stop;                   /* the callback's non-zero return */
};

/* Room in the record buffer for one more field of n bytes (the growth
 * checks are inline: this runs for every field). */
static inline char *each_room(struct csv_each *e, size_t n)
{
	if (e->len + n + 1 > e->cap)
		xgrow((void **)&e->buf, &e->cap, e->len + n + 1, 1);
	if (e->nf + 1 > e->cap_offs)
		xgrow((void **)&e->offs, &e->cap_offs, e->nf + 1,
		      sizeof *e->offs);
	e->offs[e->nf++] = e->len;
	e->buf[e->len + n] = '\0';
	e->len += n + 1;
	return e->buf + e->len - n - 1;
}

/* Copy a field that holds NUL bytes, each as U+FFFD, and flag it. */
static void each_field_nul(struct csv_each *e, const char *s, size_t n)
{
	char *out = each_room(e, n + 2 * count_nul(s, n));
	size_t i;

	if (!(e->flags & CSVREC_NUL))
		e->nul_field = e->nf - 1;
	e->flags |= CSVREC_NUL;
	for (i = 0; i < n; i++) {
		if (s[i] != '\0') {
			*out++ = s[i];
			continue;
		}
		memcpy(out, "\xef\xbf\xbd", 3);
		out += 3;
	}
}

/* libcsv field callback: copy the field (libcsv reuses its buffer). */
static void each_field(void *s, size_t len, void *data)
{
	struct csv_each *e = data;

	e->ended++;
	if (e->stop)
		return;
	if (e->has_nul && memchr(s, '\0', len))
		each_field_nul(e, s, len);
	else if (len)
		memcpy(each_room(e, len), s, len);
	else
		each_room(e, 0);
}

/* Tell csvread_record about the record being delivered. */
static void each_tell(const struct csv_each *e, struct csvread_rec *r)
{
	r->flags = e->flags;
	r->last_line = e->line;
	r->quote_line = e->flags & CSVREC_UNTERMINATED ? e->quote_line : 0;
	r->nul_field = e->flags & CSVREC_NUL ? e->nul_field : 0;
	r->lens = e->lens;
}

/* libcsv record callback: hand the record on unless it is empty (a
 * damaged record is always handed on). */
static void each_record(int c, void *data)
{
	struct csv_each *e = data;
	size_t i;

	(void)c;
	if (e->whole_block)
		e->start = ++e->line;
	if (!e->stop && e->nf > 0 &&
	    (e->flags || !(e->nf == 1 && e->buf[0] == '\0'))) {
		if (e->nf > e->cap_fields) {
			xgrow((void **)&e->fields, &e->cap_fields, e->nf,
			      sizeof *e->fields);
			xgrow((void **)&e->lens, &e->cap_lens, e->nf,
			      sizeof *e->lens);
		}
		for (i = 0; i < e->nf; i++) {
			size_t end = i + 1 < e->nf ? e->offs[i + 1] : e->len;

			e->fields[i] = e->buf + e->offs[i];
			e->lens[i] = end - e->offs[i] - 1;
		}
		each_tell(e, e->f->rec);
		e->stop = e->fn(e->ctx, e->start, e->fields, e->nf);
	}
	e->nf = 0;
	e->len = 0;
	e->flags = 0;
}

/* True while libcsv is inside a quoted field. */
static bool in_quote(const struct csv_parser *p)
{
	return p->pstate == FIELD_BEGUN && p->quoted;
}

/* Feed s[0..n) in strict mode. A strict error (a malformed quote) is
 * noted and its byte fed again leniently, as libcsv alone reads it;
 * but one inside a quoted field open since an earlier line (cont, and
 * no field ended since "before" fields had) returns 1: that quote is
 * unterminated. -1 when libcsv fails (out of memory). */
static int feed_line(struct csv_each *e, struct csv_parser *p,
		     const char *s, size_t n, bool cont, uint64_t before)
{
	size_t done = 0;

	for (;;) {
		done += csv_parse(p, s + done, n - done, each_field,
				  each_record, e);
		if (done == n)
			return 0;
		if (csv_error(p) != CSV_EPARSE)
			return -1;
		e->bad_quote = e->ended + 1;
		e->bad_line = e->line;
		if (cont && e->ended == before)
			return 1;
		p->status = CSV_SUCCESS;
		csv_set_opts(p, OPTS_LENIENT);
		done += csv_parse(p, s + done, 1, each_field, each_record, e);
		csv_set_opts(p, OPTS_STRICT);
	}
}

/* Keep a line of the open record, for a rewind. */
static void each_keep(struct csv_each *e, const char *s, size_t n)
{
	xgrow((void **)&e->kept, &e->kept_cap, e->kept_len + n, 1);
	memcpy(e->kept + e->kept_len, s, n);
	e->kept_len += n;
	e->keeping = true;
}

/* Feed one line and follow its open quote: 0 when all is well, 1 when
 * the open quote is unterminated, -1 when libcsv fails. The lines of
 * a record are kept from the first that ends inside a quote (which is
 * its first line: any other line end would have ended it). */
static int each_line(struct csv_each *e, struct csv_parser *p,
		     const char *s, size_t n)
{
	bool cont = in_quote(p);
	uint64_t before = e->ended;
	int rc;

	if (p->pstate == ROW_NOT_BEGUN)
		e->start = e->line;
	if (e->keeping)
		each_keep(e, s, n);
	rc = feed_line(e, p, s, n, cont, before);
	if (rc != 0)
		return rc;
	if (!in_quote(p)) {
		e->keeping = false;
		e->kept_len = 0;
		return 0;
	}
	if (!e->keeping)
		each_keep(e, s, n);
	if (!cont || e->ended != before)    /* a quote opened here */
		e->quote_line = e->line;
	return e->bad_quote == e->ended + 1 || e->f->single_line ||
	       e->line - e->quote_line >= CSVREAD_QUOTE_MAX_LINES;
}

/* End in e->kept of the line the open quote began on. */
static size_t kept_quote_end(const struct csv_each *e)
{
	size_t pos = 0, nl = SIZE_MAX;
	uint64_t k;

	for (k = e->start; k <= e->quote_line && pos < e->kept_len; k++)
		pos = line_end(e->kept, e->kept_len, pos, &nl);
	return pos;
}

/* Length of s[0..n) without its LF, CRLF or CR. */
static size_t without_line_end(const char *s, size_t n)
{
	if (n > 0 && s[n - 1] == '\n')
		n--;
	if (n > 0 && s[n - 1] == '\r')
		n--;
	return n;
}

/* The open quote is unterminated: drop what libcsv holds, parse the
 * kept lines up to the quote's (without its line end) alone, deliver
 * them as one record flagged CSVREC_UNTERMINATED, and hand the kept
 * lines after it back to be read again. */
static int each_unterminated(struct csv_each *e, struct csv_parser *p)
{
	size_t q = kept_quote_end(e), n = without_line_end(e->kept, q);
	bool malformed = e->bad_quote == e->ended + 1;

	csv_fini(p, NULL, NULL, NULL);
	e->nf = 0;
	e->len = 0;
	e->flags = 0;
	e->bad_quote = 0;
	e->line = e->quote_line;
	csv_set_opts(p, OPTS_LENIENT);
	if (csv_parse(p, e->kept, n, each_field, each_record, e) != n)
		return -1;
	e->flags |= CSVREC_UNTERMINATED;
	if (malformed) {
		e->flags |= CSVREC_MALFORMED;
		e->quote_line = e->bad_line;
	}
	if (csv_fini(p, each_field, each_record, e) != 0)
		return -1;
	csv_set_opts(p, OPTS_STRICT);
	lines_replay(&e->lines, e->kept + q, e->kept_len - q);
	e->keeping = false;
	e->kept_len = 0;
	return 0;
}

/* Feed a block of one record per line (lines_block) at once: each
 * record takes the next line. 0, or -1 when libcsv fails (out of
 * memory: without quotes there is no strict error). */
static int each_block(struct csv_each *e, struct csv_parser *p,
		      const char *s, size_t n)
{
	uint64_t before = e->line;

	e->whole_block = true;
	if (csv_parse(p, s, n, each_field, each_record, e) != n)
		return -1;
	/* a last line without its end is a record when csv_fini ends it */
	e->lines.src_line += e->line - before + (s[n - 1] != '\n');
	return 0;
}

/* Feed every line to p, rewinding after each unterminated quote;
 * returns 0, or -1 when libcsv fails. */
static int each_lines(struct csv_each *e, struct csv_parser *p)
{
	const char *s;
	size_t n;
	int rc;

	while (!e->stop) {
		if (p->pstate == ROW_NOT_BEGUN && !e->keeping &&
		    lines_block(&e->lines, e->f, &s, &n)) {
			rc = each_block(e, p, s, n);
		} else if (lines_next(&e->lines, e->f, &s, &n)) {
			e->whole_block = false;
			e->line++;
			rc = each_line(e, p, s, n);
		} else if (!e->lines.rd.err && in_quote(p)) {
			rc = 1;                 /* open at the end of file */
		} else {
			break;
		}
		if (rc > 0)
			rc = each_unterminated(e, p);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Free what a parse holds. */
static void each_free(struct csv_each *e, struct csv_parser *p)
{
	csv_free(p);
	lines_free(&e->lines);
	free(e->buf);
	free(e->offs);
	free(e->fields);
	free(e->lens);
	free(e->kept);
	memset(e->f->rec, 0, sizeof *e->f->rec);
}

/* Write libcsv's failure into err; returns -1. */
static int parse_error(const struct csvfile *f, struct csv_parser *p,
		       char *err, size_t errlen)
{
	xsnprintf(err, errlen, _("%s: CSV parser error: %s"), f->path,
		  csv_strerror(csv_error(p)));
	return -1;
}

/* Parse every record of f in order and give each to fn. The last
 * record goes out only once the read is known to be whole. */
int csvread_each(const struct csvfile *f, csvread_fn fn, void *ctx,
		 char *err, size_t errlen)
{
	struct csv_parser p;
	struct csv_each e;
	int rc = 0;

	if (csv_init(&p, OPTS_STRICT) != 0) {
		xsnprintf(err, errlen, "%s", _("cannot start the CSV parser"));
		return -1;
	}
	memset(&e, 0, sizeof e);
	e.f = f;
	e.fn = fn;
	e.ctx = ctx;
	e.has_nul = f->nul_bytes > 0;
	reader_init(&e.lines.rd, f, text_start(f));
	csv_set_delim(&p, f->sep);
	if (f->no_quotes)
		csv_set_quote(&p, NO_QUOTE);
	if (each_lines(&e, &p) < 0)
		rc = parse_error(f, &p, err, errlen);
	else if (!e.stop && reader_end(&e.lines.rd, f, err, errlen) < 0)
		rc = -1;
	else if (!e.stop && csv_fini(&p, each_field, each_record, &e) != 0)
		rc = parse_error(f, &p, err, errlen);
	each_free(&e, &p);
	return rc ? rc : e.stop;
}
