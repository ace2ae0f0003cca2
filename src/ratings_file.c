/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ratings_file: read one (user, item, rating[, timestamp]) file into
 * interned ids and resolved triplets, with its import report.
 *
 * The first record decides the layout. When it names a user and an
 * item column (case-insensitive: userId, user_id, user / movieId,
 * book_id, item_id, item...) it is a header and columns go by name;
 * extra columns are ignored. Otherwise, when it holds at least three
 * fields and one of them is a number, the file has no header and is
 * read as user, item, rating[, timestamp] (MovieLens u.data). A first
 * record of only words is a header we cannot map, which is an error.
 *
 * The scale is the caller's, or the recognised source's: a MovieLens
 * header is 0.5-5 step 0.5, goodbooks (user_id, book_id) and the
 * headerless TAB u.data are 1-5 step 1, the headerless "::" files of
 * ml-1m/ml-10m 0.5-5 step 0.5, anything else SCALE_GENERIC. It is
 * never guessed from the values.
 *
 * Each row is checked in order: field count (fewer than the mapped
 * columns need, or more than the header has), empty user, item or
 * rating, a rating that is no number or not finite, the scale, the
 * timestamp, and (with known_items) whether the item exists. The first
 * failure rejects the row with its line, column and text.
 *
 * A large file is mostly the same few shapes of row, so the common
 * cases skip the general code without changing a result: field
 * lengths come from csvread (no strlen), a rating text "d", "dd" or
 * "d.d" that passed the scale before takes the value it had then, a
 * timestamp of plain digits is read eight digits at a time, and the
 * user of the previous row is not looked up again. */
#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "i18n.h"
#include "ratings_file.h"
#include "text.h"
#include "util.h"

#define LOOKALIKE_SHOWN 5
#define MEMO_SLOTS 210              /* "d", "dd" and "d.d" texts */

enum { COL_USER, COL_ITEM, COL_RATING, COL_TS, N_COLS };

/* Header names per column, compared without case. */
static const char *const col_names[N_COLS][8] = {
	{ "userid", "user_id", "user", NULL },
	{ "movieid", "movie_id", "book_id", "bookid", "item_id", "itemid",
	  "item", NULL },
	{ "rating", NULL },
	{ "timestamp", "time", "date", NULL },
};

/* The value of a rating text of the form "d", "dd" or "d.d" that
 * passed the scale as it is. */
struct rating_memo {
	bool known;
	double v;
};

/* Everything a load needs while the records stream past. */
struct load {
	const struct ratings_opts *o;
	struct ratings *out;
	const struct csvfile *csv;
	const struct csvread_rec *rec;  /* csvread_record(csv), for good */
	struct scale scale;
	bool started;
	int col[N_COLS];            /* field index, -1 when absent */
	size_t n_cols;              /* the header's (or first row's) width */
	size_t need;                /* fields a row needs: max col + 1 */
	size_t max_fields;          /* widest record seen */
	uint64_t clamped;
	size_t len[N_COLS];         /* of the row's fields, once trimmed */
	struct rating_memo memo[MEMO_SLOTS];
	char *last_user;            /* files sorted by user repeat it */
	size_t last_cap, last_len;
	uint32_t last_idx;
	char *one_field;            /* the first record of one field, to
				       find the delimiter that splits it */
	char err[256];
	bool failed;
	bool ascii;                 /* the text is ASCII and the delimiter
				       not "::": no field holds U+FFFD
				       (NUL bytes, which become one, flag
				       their record) */
};

/* The defaults: source scale, latest duplicate wins, off-step kept. */
void ratings_opts_default(struct ratings_opts *o)
{
	memset(o, 0, sizeof *o);
	o->scale = NULL;
	o->dup = DUP_LATEST;
	o->offstep = OFFSTEP_KEEP;
	o->csv.delim = NULL;
	o->csv.encoding = CSV_ENC_AUTO;
	/* A rating row never spans lines: an open quote ends at the line,
	 * so one stray quote cannot swallow the rows after it. */
	o->csv.single_line = true;
}

/* Free everything; r may come from a failed load. */
void ratings_free(struct ratings *r)
{
	intern_free(r->users);
	intern_free(r->items);
	triplets_free(&r->t);
	report_free(&r->report);
	memset(r, 0, sizeof *r);
}

/* Which column a header name stands for, or -1. */
static int header_column(const char *name)
{
	int c, k;

	for (c = 0; c < N_COLS; c++)
		for (k = 0; col_names[c][k]; k++)
			if (strcasecmp(name, col_names[c][k]) == 0)
				return c;
	return -1;
}

/* Whether field s, spaces around it trimmed, is name (any case). The
 * field is left as it is: the first record may be data, whose lengths
 * the reader has already measured (csvread_rec.lens). */
static bool field_is(const char *s, const char *name)
{
	char *t = xstrdup(s);
	bool same = strcasecmp(text_trim(t), name) == 0;

	free(t);
	return same;
}

/* The column a header field names (trimmed), or -1. */
static int header_field(const char *s)
{
	char *t = xstrdup(s);
	int c = header_column(text_trim(t));

	free(t);
	return c;
}

/* Map the header row; false when it names no user or no item column. */
static bool map_header(struct load *ld, char **f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int c = header_field(f[i]);

		if (c >= 0 && ld->col[c] < 0)
			ld->col[c] = (int)i;
	}
	return ld->col[COL_USER] >= 0 && ld->col[COL_ITEM] >= 0;
}

/* Set the scale and source name from what the layout tells. */
static void pick_source(struct load *ld, char **f, bool header)
{
	const struct scale *sc = &SCALE_GENERIC;
	const char *src = "generic";

	if (header && field_is(f[ld->col[COL_USER]], "userid") &&
	    field_is(f[ld->col[COL_ITEM]], "movieid")) {
		sc = &SCALE_MOVIELENS;
		src = "movielens";
	} else if (header && field_is(f[ld->col[COL_USER]], "user_id") &&
		   field_is(f[ld->col[COL_ITEM]], "book_id")) {
		sc = &SCALE_GOODBOOKS;
		src = "goodbooks";
	} else if (!header && ld->n_cols == 4 &&
		   strcmp(ld->csv->delim, "\t") == 0) {
		sc = &SCALE_GOODBOOKS;      /* u.data: 1-5 step 1 */
		src = "movielens-100k";
	} else if (!header && strcmp(ld->csv->delim, "::") == 0) {
		sc = &SCALE_MOVIELENS;      /* ml-1m, ml-10m ratings.dat */
		src = "movielens-dat";
	}
	ld->scale = ld->o->scale ? *ld->o->scale : *sc;
	xsnprintf(ld->out->source, sizeof ld->out->source, "%s", src);
}

/* True when some field of the record, spaces around it aside, reads
 * as a number. */
static bool any_number(char **f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *end;
		double v = strtod(f[i], &end);

		(void)v;
		if (end == f[i])
			continue;
		end += strspn(end, " \t");
		if (*end == '\0')
			return true;
	}
	return false;
}

/* Fields that the mapping needs: the highest mapped column + 1. */
static size_t needed_fields(const struct load *ld)
{
	size_t need = 0;
	int c;

	for (c = 0; c < N_COLS; c++)
		if (ld->col[c] >= 0 && (size_t)ld->col[c] + 1 > need)
			need = (size_t)ld->col[c] + 1;
	return need;
}

/* Say which of the user and item columns a header of n fields lacks. */
static void missing_columns(struct load *ld, char **f, size_t n)
{
	bool user = ld->col[COL_USER] >= 0, item = ld->col[COL_ITEM] >= 0;

	if (user)
		xsnprintf(ld->err, sizeof ld->err, ngettext(
			  "no item column in the header (movieId, book_id, "
			  "item_id or item; it has %zu field, the first '%s')",
			  "no item column in the header (movieId, book_id, "
			  "item_id or item; it has %zu fields, the first '%s')",
			  n), n, f[0]);
	else if (item)
		xsnprintf(ld->err, sizeof ld->err, ngettext(
			  "no user column in the header (userId, user_id or "
			  "user; it has %zu field, the first '%s')",
			  "no user column in the header (userId, user_id or "
			  "user; it has %zu fields, the first '%s')", n),
			  n, f[0]);
	else
		xsnprintf(ld->err, sizeof ld->err, ngettext(
			  "no user and item columns in the header (it has "
			  "%zu field, the first '%s')",
			  "no user and item columns in the header (it has "
			  "%zu fields, the first '%s')", n), n, f[0]);
	ld->failed = true;
}

/* Decide the layout from the first record; returns true when that
 * record is a header (and so no data). A record of words only is a
 * header that lacks a column when it has three fields or more, or
 * names a column we know. */
static bool first_record(struct load *ld, char **f, size_t n)
{
	bool header = map_header(ld, f, n);
	bool named = ld->col[COL_USER] >= 0 || ld->col[COL_ITEM] >= 0 ||
		     ld->col[COL_RATING] >= 0;

	if (header && ld->col[COL_RATING] < 0) {
		xsnprintf(ld->err, sizeof ld->err, "%s",
			  _("the header has no rating column"));
		ld->failed = true;
	} else if (!header && (n >= 3 || named) && !any_number(f, n)) {
		missing_columns(ld, f, n);
	}
	if (!header) {
		int c;

		for (c = 0; c < N_COLS; c++)
			ld->col[c] = (c < COL_TS || c < (int)n) ? c : -1;
	}
	ld->n_cols = n < 3 && !header ? 3 : n;
	ld->need = needed_fields(ld);
	pick_source(ld, f, header);
	ld->out->report.header = header;
	return header;
}

/* The whole record joined by the delimiter, for a field-count reject. */
static char *join_fields(const struct load *ld, char **f, size_t n)
{
	size_t i, len = 0;
	char *s, *p;

	for (i = 0; i < n; i++)
		len += strlen(f[i]) + 2;
	p = s = xmalloc(len + 1);
	for (i = 0; i < n; i++)
		p += sprintf(p, "%s%s", i ? ld->csv->delim : "", f[i]);
	*p = '\0';
	return s;
}

/* The seconds of a broken-down UTC time into *out, false when it names
 * no real moment: timegm rolls 2020-02-31 over to March 2nd, so a date
 * is real when that changes none of its fields. */
static bool date_is_real(struct tm *tm, int64_t *out)
{
	struct tm want = *tm;

	*out = (int64_t)timegm(tm);
	return tm->tm_year == want.tm_year && tm->tm_mon == want.tm_mon &&
	       tm->tm_mday == want.tm_mday && tm->tm_hour == want.tm_hour &&
	       tm->tm_min == want.tm_min && tm->tm_sec == want.tm_sec;
}

/* The number the 8 bytes at s spell when all are digits, else -1:
 * eight digits at once (a timestamp has ten). */
static int64_t eight_digits(const char *s)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t lo = UINT64_C(0x0f0f0f0f0f0f0f0f);
	const uint64_t hi = UINT64_C(0xf0f0f0f0f0f0f0f0);
	uint64_t v;

	memcpy(&v, s, sizeof v);
	/* each byte 0x30-0x39: high nibble 3, and adding 6 keeps it 3 */
	if (((v & hi) | (((v + UINT64_C(0x0606060606060606)) & hi) >> 4)) !=
	    UINT64_C(0x3333333333333333))
		return -1;
	v = ((v & lo) * 2561) >> 8;         /* pairs of digits */
	v = ((v & UINT64_C(0x00ff00ff00ff00ff)) * 6553601) >> 16;
	return (int64_t)(((v & UINT64_C(0x0000ffff0000ffff)) *
			  UINT64_C(42949672960001)) >> 32);
#else
	int64_t t = 0;
	int k;

	for (k = 0; k < 8; k++) {
		unsigned d = (unsigned char)s[k] - (unsigned)'0';

		if (d > 9)
			return -1;
		t = t * 10 + (int64_t)d;
	}
	return t;
#endif
}

/* Up to 18 digits and nothing else (plain seconds, nearly every row)
 * in *out, without strtoll; false for anything else. */
static bool plain_seconds(const char *s, size_t len, int64_t *out)
{
	int64_t t = 0;
	size_t k = 0;

	if (len == 0 || len > 18)
		return false;
	if (len >= 8) {
		if ((t = eight_digits(s)) < 0)
			return false;
		k = 8;
	}
	for (; k < len; k++) {
		unsigned d = (unsigned char)s[k] - (unsigned)'0';

		if (d > 9)
			return false;
		t = t * 10 + (int64_t)d;
	}
	*out = t;
	return true;
}

/* Parse a timestamp s of len bytes: integer seconds, or an ISO date
 * with optional time (Letterboxd). Empty means none. */
static bool parse_ts(const char *s, size_t len, int64_t *out)
{
	struct tm tm;
	const char *p;
	char *end;
	long long v;

	*out = INT64_MIN;
	if (!*s)
		return true;
	if (plain_seconds(s, len, out))
		return true;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (end != s && *end == '\0')
		return errno != ERANGE && (*out = v, true);
	memset(&tm, 0, sizeof tm);
	p = strptime(s, "%Y-%m-%d", &tm);
	if (p && (*p == 'T' || *p == ' '))
		p = strptime(p + 1, "%H:%M:%S", &tm);
	if (p && *p == 'Z')
		p++;
	if (!p || *p)
		return false;
	return date_is_real(&tm, out);
}

/* Reject the row at line for a field (column is 0-based, -1 for the
 * whole row); always returns false so callers can return it. */
static bool reject(struct load *ld, uint64_t line, int column,
		   enum reject_reason why, const char *text)
{
	report_reject(&ld->out->report, line, column + 1, why, text);
	return false;
}

/* The memo slot of a rating text of len bytes: "d" (0-9), "dd"
 * (10-109) or "d.d" (110-209); NULL for any other text. */
static struct rating_memo *memo_slot(struct load *ld, const char *s,
				     size_t len)
{
	unsigned a = (unsigned char)s[0] - (unsigned)'0', b, i;

	if (a > 9 || len > 3)
		return NULL;
	if (len == 1)
		return &ld->memo[a];
	b = (unsigned char)s[len - 1] - (unsigned)'0';
	if (b > 9 || (len == 3 && s[1] != '.'))
		return NULL;
	i = len == 2 ? 10 + a * 10 + b : 110 + a * 10 + b;
	return &ld->memo[i];
}

/* Check the rating against the scale and apply the policies. A short
 * text that passed before as it is (a file holds a handful of distinct
 * ratings, nearly always "4" or "3.5") takes the value it had then,
 * without parsing and checking it again: the same text on the same
 * scale gives the same value and verdict. */
static bool check_value(struct load *ld, uint64_t line, char *field,
			double *v)
{
	struct rating_memo *memo = memo_slot(ld, field, ld->len[COL_RATING]);
	int col = ld->col[COL_RATING];
	bool not_finite;
	double read;

	if (memo && memo->known) {
		*v = memo->v;
		return true;
	}
	if (!scale_parse(field, v, &not_finite))
		return reject(ld, line, col, not_finite ? REJ_NOT_FINITE :
			      REJ_NOT_A_NUMBER, field);
	switch (scale_check(&ld->scale, *v)) {
	case SCALE_BELOW_MIN:
	case SCALE_ABOVE_MAX:
		if (!ld->o->clamp)
			return reject(ld, line, col, *v < ld->scale.min ?
				      REJ_BELOW_MIN : REJ_ABOVE_MAX, field);
		*v = *v < ld->scale.min ? ld->scale.min : ld->scale.max;
		ld->clamped++;
		break;
	case SCALE_OFF_STEP:
		if (ld->o->offstep == OFFSTEP_REJECT)
			return reject(ld, line, col, REJ_OFF_STEP, field);
		read = *v;
		if (ld->o->offstep == OFFSTEP_ROUND)
			*v = scale_round(&ld->scale, *v);
		report_offstep(&ld->out->report, line, col + 1, field, read,
			       *v);
		break;
	case SCALE_NOT_FINITE:
		return reject(ld, line, col, REJ_NOT_FINITE, field);
	case SCALE_OK:
		if (memo)
			*memo = (struct rating_memo){ true, *v };
		break;
	}
	return true;
}

/* True when s[0..len) holds U+FFFD (EF BF BD). A plain loop: ids are
 * a few bytes, where strstr's set-up cost 5% of a large load. */
static bool has_replacement(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i + 2 < len; i++)
		if ((unsigned char)s[i] == 0xef &&
		    (unsigned char)s[i + 1] == 0xbf &&
		    (unsigned char)s[i + 2] == 0xbd)
			return true;
	return false;
}

/* text_trim of a field of len bytes, returning the new length: the
 * same result, without a strlen when (nearly always: libcsv trims
 * unquoted fields) there is nothing to trim. */
static inline size_t trim_field(char *s, size_t len)
{
	if (len == 0 || (s[0] != ' ' && s[0] != '\t' && s[len - 1] != ' ' &&
			 s[len - 1] != '\t'))
		return len;
	return strlen(text_trim(s));
}

/* Check the field count and the empty fields of a data row; note
 * the trimmed lengths of the user, item and rating in ld->len. */
static bool check_shape(struct load *ld, uint64_t line, char **f, size_t n)
{
	static const enum reject_reason empty[] = {
		REJ_EMPTY_USER, REJ_EMPTY_ITEM, REJ_EMPTY_RATING,
	};
	const size_t *lens = ld->rec->lens;
	int c;

	if (n < ld->need || n > ld->n_cols) {
		char *row = join_fields(ld, f, n);

		reject(ld, line, -1, REJ_FIELD_COUNT, row);
		free(row);
		return false;
	}
	for (c = COL_USER; c <= COL_RATING; c++) {
		char *s = f[ld->col[c]];
		size_t len = lens[ld->col[c]];

		if (c == COL_RATING || !ld->o->keep_id_spaces)
			len = trim_field(s, len);
		ld->len[c] = len;
		if (!len)
			return reject(ld, line, ld->col[c], empty[c], s);
		/* U+FFFD in an id: bytes the reader could not decode */
		if (c != COL_RATING && !ld->ascii && has_replacement(s, len))
			return reject(ld, line, ld->col[c], REJ_BAD_VALUE, s);
	}
	return true;
}

/* Intern the id s[0..len); false (load failed) when the table is
 * full. */
static bool intern_id(struct load *ld, struct intern *t, const char *s,
		      size_t len, uint32_t *idx)
{
	*idx = intern_add(t, s, len, NULL);
	if (*idx != INTERN_NONE)
		return true;
	xsnprintf(ld->err, sizeof ld->err, "%s",
		  _("more than 2^32-1 distinct ids"));
	ld->failed = true;
	return false;
}

/* Intern the user id s[0..len), skipping the table when it repeats
 * the previous row's (rating files are usually sorted by user). */
static bool intern_user(struct load *ld, const char *s, size_t len,
			uint32_t *idx)
{
	if (ld->last_user && len == ld->last_len &&
	    memcmp(ld->last_user, s, len) == 0) {
		*idx = ld->last_idx;
		return true;
	}
	if (!intern_id(ld, ld->out->users, s, len, idx))
		return false;
	xgrow((void **)&ld->last_user, &ld->last_cap, len + 1, 1);
	memcpy(ld->last_user, s, len + 1);
	ld->last_len = len;
	ld->last_idx = *idx;
	return true;
}

/* The row's timestamp (trimmed) in *ts, INT64_MIN when it has none;
 * false after rejecting the row for a bad one. */
static bool row_timestamp(struct load *ld, uint64_t line, char **f,
			  size_t n, int64_t *ts)
{
	int col = ld->col[COL_TS];
	size_t len;

	*ts = INT64_MIN;
	if (col < 0 || (size_t)col >= n)
		return true;
	len = trim_field(f[col], ld->rec->lens[col]);
	if (parse_ts(f[col], len, ts))
		return true;
	return reject(ld, line, col, REJ_BAD_TIMESTAMP, f[col]);
}

/* Validate one data row and store it when it passes. */
static void data_row(struct load *ld, uint64_t line, char **f, size_t n)
{
	const struct intern *items = ld->o->known_items;
	uint32_t u, i = INTERN_NONE;
	int64_t ts = INT64_MIN;
	double v;
	char *item;

	ld->out->report.rows++;
	if (!check_shape(ld, line, f, n) ||
	    !check_value(ld, line, f[ld->col[COL_RATING]], &v))
		return;
	if (!row_timestamp(ld, line, f, n, &ts))
		return;
	item = f[ld->col[COL_ITEM]];
	if (items && (i = intern_find(items, item)) == INTERN_NONE) {
		reject(ld, line, ld->col[COL_ITEM], REJ_UNKNOWN_ITEM, item);
		return;
	}
	if (!intern_user(ld, f[ld->col[COL_USER]], ld->len[COL_USER], &u) ||
	    (!items && !intern_id(ld, ld->out->items, item,
				  ld->len[COL_ITEM], &i)))
		return;
	triplets_push(&ld->out->t, u, i, (float)v, ts);
	ld->out->report.accepted++;
}

/* csvread callback: the first record sets the layout, the rest are
 * data. Non-zero stops the read after a fatal problem. */
/* False (and the row rejected) when the reader flagged the record: a
 * NUL byte in a field, or a quote left open. */
static bool record_sound(struct load *ld, uint64_t line)
{
	const struct csvread_rec *r = ld->rec;
	char why[96];

	if (!r->flags || !csvread_record_problem(ld->csv, why, sizeof why))
		return true;
	ld->out->report.rows++;
	return reject(ld, line, r->flags & CSVREC_UNTERMINATED ? -1 :
		      (int)r->nul_field, REJ_BAD_VALUE, why);
}

static int on_record(void *ctx, uint64_t line, char **f, size_t n)
{
	struct load *ld = ctx;

	if (n > ld->max_fields)
		ld->max_fields = n;
	if (n == 1 && !ld->one_field)
		ld->one_field = xstrndup(f[0], 4096);
	if (!ld->started) {
		ld->started = true;
		if (first_record(ld, f, n) || ld->failed)
			return ld->failed;
	}
	if (!record_sound(ld, line))
		return ld->failed;
	data_row(ld, line, f, n);
	return ld->failed;
}

/* The --sep value of the delimiter, other than the one used, that
 * splits text into the most fields (two at least); NULL when none
 * does. "::" goes first: no text has it by chance, while a "::" file's
 * genres hold more '|' than it has fields. ';' and '|' come quoted
 * for the shell. */
static const char *guess_sep(const char *text, const char *used)
{
	static const char *const seps[] = { "::", ",", "\t", ";", "|" };
	static const char *const args[] = { "::", ",", "tab", "';'", "'|'" };
	const char *best = NULL;
	size_t most = 0, k;

	for (k = 0; text && k < ARRAY_LEN(seps) && !(k == 1 && best); k++) {
		size_t count = 0, len = strlen(seps[k]);
		const char *p;

		if (strcmp(seps[k], used) == 0)
			continue;
		for (p = text; (p = strstr(p, seps[k])); p += len)
			count++;
		if (count > most) {
			most = count;
			best = args[k];
		}
	}
	return best;
}

/* Every line has one field: say which delimiter would split them. */
static void one_field_error(struct load *ld)
{
	const char *used = ld->out->report.delimiter;
	const char *name = strcmp(used, "\t") == 0 ? "TAB" : used;
	const char *sep = guess_sep(ld->one_field, used);

	if (sep)
		xsnprintf(ld->err, sizeof ld->err, _("0 usable rows: every "
			  "line has 1 field with the delimiter '%s'; use "
			  "--sep %s"), name, sep);
	else
		xsnprintf(ld->err, sizeof ld->err, _("0 usable rows: every "
			  "line has 1 field with the delimiter '%s', and no "
			  "other (, TAB ; | ::) splits it"), name);
}

/* After the read: say why no row is usable, or resolve duplicates. */
static int finish(struct load *ld)
{
	struct report *rep = &ld->out->report;
	struct dup_stats st;

	if (!ld->started) {
		xsnprintf(ld->err, sizeof ld->err, "%s",
			  _("the file is empty"));
		ld->out->empty = true;
		return -1;
	}
	if (rep->rows > 0 && rep->accepted == 0) {
		if (ld->max_fields == 1)
			one_field_error(ld);
		else
			xsnprintf(ld->err, sizeof ld->err, ngettext(
				  "0 usable rows: the %" PRIu64 " row was "
				  "rejected", "0 usable rows: all %" PRIu64
				  " rows were rejected", rep->rows),
				  rep->rows);
		return -1;
	}
	int resolved = triplets_resolve(&ld->out->t, ld->o->dup, &st);
	rep->dup_pairs = st.pairs;
	rep->dup_conflicting = st.conflicting;
	rep->dup_identical = st.identical;
	if (resolved < 0) {
		xsnprintf(ld->err, sizeof ld->err, ngettext(
			  "%" PRIu64 " duplicate (user, item) pair, and "
			  "duplicates are errors", "%" PRIu64 " duplicate "
			  "(user, item) pairs, and duplicates are errors",
			  st.pairs), st.pairs);
		return -1;
	}
	if (ld->clamped)
		report_warn(rep, ngettext("%" PRIu64 " rating clamped to the "
					  "scale", "%" PRIu64 " ratings "
					  "clamped to the scale", ld->clamped),
			    ld->clamped);
	ratings_warn_lookalikes(ld->out);
	return 0;
}

/* Copy what csvread found into the report. */
static void report_format(struct report *rep, const struct csvfile *csv,
			  const struct load *ld)
{
	xsnprintf(rep->encoding, sizeof rep->encoding, "%s", csv->encoding);
	xsnprintf(rep->delimiter, sizeof rep->delimiter, "%s", csv->delim);
	rep->bom = csv->bom;
	rep->has_scale = ld->started;
	rep->scale = ld->scale;
	if (csv->n_bad_lines)
		report_warn(rep, ngettext("%zu line was not valid UTF-8 (line "
					  "%" PRIu64 "): decoded as shown by "
					  "the encoding",
					  "%zu lines were not valid UTF-8 "
					  "(first: line %" PRIu64 "): decoded "
					  "as shown by the encoding",
					  csv->n_bad_lines),
			    csv->n_bad_lines, csv->bad_lines[0]);
}

/* Read a ratings file into out. */
int ratings_load(const char *path, const struct ratings_opts *o,
		 struct ratings *out, char *err, size_t errlen)
{
	struct ratings_opts def;
	struct csvfile csv;
	struct load ld;
	int rc, c;
	bool bad;

	if (!o) {
		ratings_opts_default(&def);
		o = &def;
	}
	memset(out, 0, sizeof *out);
	report_init(&out->report, path);
	out->users = intern_new();
	out->items = o->known_items ? NULL : intern_new();
	memset(&ld, 0, sizeof ld);
	ld.o = o;
	ld.out = out;
	ld.csv = &csv;
	for (c = 0; c < N_COLS; c++)
		ld.col[c] = -1;
	if (csvread_open(&csv, path, &o->csv, err, errlen) < 0)
		return -1;
	ld.rec = csvread_record(&csv);
	ld.ascii = strcmp(csv.encoding, "ascii") == 0 &&
		   strcmp(csv.delim, "::") != 0;
	rc = csvread_each(&csv, on_record, &ld, err, errlen);
	report_format(&out->report, &csv, &ld);
	csvread_close(&csv);
	free(ld.last_user);
	bad = rc >= 0 && (ld.failed || finish(&ld) < 0);
	free(ld.one_field);
	if (bad)
		xsnprintf(err, errlen, "%s: %s", path, ld.err);
	return rc < 0 || bad ? -1 : 0;
}

/* The id without leading zeros ("007" -> "7", "000" -> "0"). */
static const char *strip_zeros(const char *s)
{
	while (s[0] == '0' && s[1])
		s++;
	return s;
}

/* Warn about ids of t that are equal once leading zeros go. */
static void lookalikes(struct report *rep, const struct intern *t,
		       const char *what)
{
	uint32_t n = intern_count(t), i, *first = NULL;
	struct intern *keys;
	size_t cap = 0, pairs = 0, len = 0;
	char shown[512] = "";

	for (i = 0; i < n && strip_zeros(intern_str(t, i)) ==
	     intern_str(t, i); i++)
		;
	if (i == n)                 /* no id has a leading zero */
		return;
	keys = intern_new();
	for (i = 0; i < n; i++) {
		const char *id = intern_str(t, i), *k = strip_zeros(id), *o;
		bool added;
		uint32_t ki = intern_add(keys, k, strlen(k), &added);

		xgrow((void **)&first, &cap, (size_t)ki + 1, sizeof *first);
		if (added) {
			first[ki] = i;
			continue;
		}
		o = intern_str(t, first[ki]);
		if (pairs++ < LOOKALIKE_SHOWN)
			len += xsnprintf(shown + len, sizeof shown - len,
					 "%s\"%s\" vs \"%s\"", len ? ", " : "",
					 strlen(o) < strlen(id) ? o : id,
					 strlen(o) < strlen(id) ? id : o);
	}
	if (pairs > LOOKALIKE_SHOWN)
		report_warn(rep, _("look-alike %s ids (equal without leading "
				   "zeros): %s and %zu more"), what, shown,
			    pairs - LOOKALIKE_SHOWN);
	else if (pairs)
		report_warn(rep, _("look-alike %s ids (equal without leading "
				   "zeros): %s"), what, shown);
	intern_free(keys);
	free(first);
}

/* Add look-alike id warnings to the report, once. */
void ratings_warn_lookalikes(struct ratings *r)
{
	if (r->lookalikes_checked)
		return;
	r->lookalikes_checked = true;
	if (r->users)
		lookalikes(&r->report, r->users, _("user"));
	if (r->items)
		lookalikes(&r->report, r->items, _("item"));
}
