/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report: the import report. Every rejected row is kept with its line,
 * column, reason and (shortened) text, so nothing is dropped silently.
 *
 * The text form is meant for people and for golden tests, so its shape
 * is fixed: a summary line "PATH: N rows: A ok, R rejected", a line on
 * encoding, delimiter, header and scale, duplicates and off-step
 * counts when there are any, one line of counts by reason, then one
 * line per rejected row, one per kept off-step row and one per
 * warning. The JSON form lists every
 * reason key, with 0 where nothing was rejected for it, so scripts can
 * rely on the keys being there. */
#include <config.h>

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "json.h"
#include "report.h"
#include "safe.h"
#include "util.h"

/* Longest row or field text kept in a reject, in bytes. */
#define REJECT_TEXT_MAX 80

static const char *const reason_keys[REJ_COUNT] = {
	"field_count", "empty_user", "empty_item", "empty_rating",
	"not_a_number", "not_finite", "below_min", "above_max", "off_step",
	"bad_timestamp", "empty_id", "duplicate_id", "unknown_item",
	"bad_value",
};

static const char *const reason_texts[REJ_COUNT] = {
	N_("wrong field count"), N_("empty user"), N_("empty item"),
	N_("empty rating"), N_("not a number"), N_("not finite"),
	N_("below min"), N_("above max"), N_("off step"),
	N_("bad timestamp"), N_("empty id"), N_("duplicate id"),
	N_("unknown item"), N_("bad value"),
};

/* An empty report for path (which is copied; may be NULL). */
void report_init(struct report *r, const char *path)
{
	memset(r, 0, sizeof *r);
	r->path = path ? xstrdup(path) : NULL;
	strcpy(r->delimiter, ",");
}

/* Free what the report owns; it may be initialised again after. */
void report_free(struct report *r)
{
	size_t i;

	for (i = 0; i < r->n_rejects; i++)
		free(r->rejects[i].text);
	for (i = 0; i < r->n_offsteps; i++)
		free(r->offsteps[i].text);
	for (i = 0; i < r->n_warnings; i++)
		free(r->warnings[i]);
	free(r->rejects);
	free(r->offsteps);
	free(r->warnings);
	free(r->path);
	memset(r, 0, sizeof *r);
}

/* A copy of text cut to REJECT_TEXT_MAX bytes at a character, with an
 * ellipsis when cut. */
static char *reject_text(const char *text)
{
	size_t len = text ? strlen(text) : 0;
	char *s;

	if (len <= REJECT_TEXT_MAX)
		return xstrdup(text ? text : "");
	len = REJECT_TEXT_MAX;
	while (len > 0 && ((unsigned char)text[len] & 0xc0) == 0x80)
		len--;
	s = xmalloc(len + 4);
	memcpy(s, text, len);
	memcpy(s + len, "\u2026", 4);   /* three bytes and the NUL */
	return s;
}

/* Count one rejected row and keep where and why. */
void report_reject(struct report *r, uint64_t line, int column,
		   enum reject_reason why, const char *text)
{
	struct reject *j;

	xgrow((void **)&r->rejects, &r->cap_rejects, r->n_rejects + 1,
	      sizeof *r->rejects);
	j = &r->rejects[r->n_rejects++];
	j->line = line;
	j->column = column;
	j->reason = why;
	j->text = reject_text(text);
	r->rejected++;
	if (why < REJ_COUNT)
		r->by_reason[why]++;
}

/* Count one kept off-step value and keep where it was. */
void report_offstep(struct report *r, uint64_t line, int column,
		    const char *text, double value, double kept)
{
	xgrow((void **)&r->offsteps, &r->cap_offsteps, r->n_offsteps + 1,
	      sizeof *r->offsteps);
	r->offsteps[r->n_offsteps++] = (struct offstep){
		line, column, reject_text(text), value, kept };
	r->off_step++;
}

/* Add a warning line to the report. */
void report_warn(struct report *r, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		fatal(_("out of memory"));
	va_end(ap);
	r->warnings = xrealloc(r->warnings,
			       (r->n_warnings + 1) * sizeof *r->warnings);
	r->warnings[r->n_warnings++] = s;
}

/* The JSON key of a reason. */
const char *report_reason_key(enum reject_reason why)
{
	return why < REJ_COUNT ? reason_keys[why] : "unknown";
}

/* The translated phrase for a reason. */
const char *report_reason_text(enum reject_reason why)
{
	return why < REJ_COUNT ? _(reason_texts[why]) : _("unknown");
}

/* The delimiter as people read it: TAB spelled out. */
const char *report_delimiter_name(const struct report *r)
{
	return strcmp(r->delimiter, "\t") == 0 ? "TAB" : r->delimiter;
}

/* Write s between single quotes, safe for a terminal (controls as
 * \xNN, see safe.h). */
static void print_quoted(FILE *f, const char *s)
{
	fputc('\'', f);
	safe_fputs(s, f);
	fputc('\'', f);
}

/* The second line: how the file was read. */
static void print_format(const struct report *r, FILE *f)
{
	char sc[64], delim[8 * SAFE_GROWTH], given[8 * SAFE_GROWTH];
	const char *enc = r->encoding;

	if (r->scale_text)
		xsnprintf(sc, sizeof sc, "%s", r->scale_text);
	else if (r->has_scale)
		scale_describe(&r->scale, sc, sizeof sc);
	else
		xsnprintf(sc, sizeof sc, "%s", _("none"));
	safe_text(r->delimiter, given, sizeof given);
	if (strcmp(r->delimiter, "\t") == 0)
		xsnprintf(delim, sizeof delim, "%s", report_delimiter_name(r));
	else
		xsnprintf(delim, sizeof delim, "'%s'", given);
	/* a BOM declares UTF-8, whatever bytes follow it */
	if (r->bom && strcmp(r->encoding, "ascii") == 0)
		enc = "utf-8";
	fprintf(f, _("  encoding: %s%s, delimiter: %s, header: %s, "
		     "scale: %s\n"),
		enc[0] ? enc : "?",
		r->bom ? _(" (BOM)") : "", delim,
		r->header ? _("yes") : _("no"), sc);
}

/* Duplicates, off-step values and counts by reason, when there are. */
static void print_counts(const struct report *r, FILE *f)
{
	bool first = true;
	int i;

	if (r->dup_pairs)
		fprintf(f, ngettext("  %" PRIu64 " duplicate pair (%" PRIu64
				    " conflicting, %" PRIu64 " identical)\n",
				    "  %" PRIu64 " duplicate pairs (%" PRIu64
				    " conflicting, %" PRIu64 " identical)\n",
				    r->dup_pairs),
			r->dup_pairs, r->dup_conflicting, r->dup_identical);
	if (r->off_step)
		fprintf(f, ngettext("  %" PRIu64 " off-step value (between "
				    "the scale's steps)\n",
				    "  %" PRIu64 " off-step values (between "
				    "the scale's steps)\n", r->off_step),
			r->off_step);
	for (i = 0; i < REJ_COUNT; i++) {
		if (!r->by_reason[i])
			continue;
		fprintf(f, "%s%" PRIu64 " %s", first ? _("  rejected: ") : ", ",
			r->by_reason[i], report_reason_text(i));
		first = false;
	}
	if (!first)
		fputc('\n', f);
}

/* One rejected row after indent: where, why and what. */
void report_print_reject(const struct reject *j, const char *indent,
			 FILE *f)
{
	fputs(indent, f);
	if (j->column > 0)
		fprintf(f, _("line %" PRIu64 ", column %d: %s: "), j->line,
			j->column, report_reason_text(j->reason));
	else
		fprintf(f, _("line %" PRIu64 ", whole row: %s: "), j->line,
			report_reason_text(j->reason));
	print_quoted(f, j->text);
	fputc('\n', f);
}

/* One kept off-step row: where, what was written, what was kept. */
static void print_offstep(const struct offstep *o, FILE *f)
{
	char num[32];

	fprintf(f, _("  line %" PRIu64 ", column %d: off-step value "),
		o->line, o->column);
	xsnprintf(num, sizeof num, "%g", o->kept);
	if (o->kept == o->value)
		fputs(_("kept: "), f);
	else
		fprintf(f, _("rounded to %s: "), num);
	print_quoted(f, o->text);
	fputc('\n', f);
}

/* "  ... and N more WHAT" after a list cut at shown of n. */
static void print_more(size_t shown, size_t n, bool offstep, FILE *f)
{
	if (shown >= n)
		return;
	if (offstep)
		fprintf(f, ngettext("  ... and %zu more off-step row\n",
				    "  ... and %zu more off-step rows\n",
				    n - shown), n - shown);
	else
		fprintf(f, ngettext("  ... and %zu more rejected row\n",
				    "  ... and %zu more rejected rows\n",
				    n - shown), n - shown);
}

/* One warning after indent, safe for a terminal. */
void report_print_warning(const char *w, const char *indent, FILE *f)
{
	fprintf(f, _("%swarning: "), indent);
	safe_fputs(w, f);
	fputc('\n', f);
}

/* Print the report for people; max_rows limits the rejected rows and
 * the off-step rows shown (0 shows all). */
void report_print(const struct report *r, FILE *f, size_t max_rows)
{
	size_t i, shown;

	safe_fputs(r->path ? r->path : "-", f);
	fprintf(f, ngettext(": %" PRIu64 " row: %" PRIu64 " ok, %" PRIu64
			    " rejected\n",
			    ": %" PRIu64 " rows: %" PRIu64 " ok, %" PRIu64
			    " rejected\n", r->rows),
		r->rows, r->accepted, r->rejected);
	print_format(r, f);
	print_counts(r, f);
	shown = max_rows && max_rows < r->n_rejects ? max_rows : r->n_rejects;
	for (i = 0; i < shown; i++)
		report_print_reject(&r->rejects[i], "  ", f);
	print_more(shown, r->n_rejects, false, f);
	shown = max_rows && max_rows < r->n_offsteps ? max_rows
						     : r->n_offsteps;
	for (i = 0; i < shown; i++)
		print_offstep(&r->offsteps[i], f);
	print_more(shown, r->n_offsteps, true, f);
	for (i = 0; i < r->n_warnings; i++)
		report_print_warning(r->warnings[i], "  ", f);
}

/* "key": value pairs of the counts, each followed by a comma. */
static void json_counts(const struct report *r, FILE *f)
{
	fprintf(f, "\"rows\": %" PRIu64 ", \"accepted\": %" PRIu64
		", \"rejected\": %" PRIu64 ", \"duplicates\": %" PRIu64
		", \"duplicates_conflicting\": %" PRIu64
		", \"duplicates_identical\": %" PRIu64
		", \"off_step\": %" PRIu64 ", ",
		r->rows, r->accepted, r->rejected, r->dup_pairs,
		r->dup_conflicting, r->dup_identical, r->off_step);
}

/* The "reasons" object: every key, in enum order. */
static void json_reasons(const struct report *r, FILE *f)
{
	int i;

	fputs("\"reasons\": {", f);
	for (i = 0; i < REJ_COUNT; i++)
		fprintf(f, "%s\"%s\": %" PRIu64, i ? ", " : "",
			reason_keys[i], r->by_reason[i]);
	fputs("}", f);
}

/* The "rejects" array. */
static void json_rejects(const struct report *r, FILE *f)
{
	size_t i;

	fputs("\"rejects\": [", f);
	for (i = 0; i < r->n_rejects; i++) {
		const struct reject *j = &r->rejects[i];

		fprintf(f, "%s{\"line\": %" PRIu64 ", \"column\": %d, "
			"\"reason\": \"%s\", \"text\": ", i ? ", " : "",
			j->line, j->column, report_reason_key(j->reason));
		json_string(f, j->text);
		fputc('}', f);
	}
	fputs("]", f);
}

/* The "off_step_rows" array. */
static void json_offsteps(const struct report *r, FILE *f)
{
	size_t i;

	fputs("\"off_step_rows\": [", f);
	for (i = 0; i < r->n_offsteps; i++) {
		const struct offstep *o = &r->offsteps[i];

		fprintf(f, "%s{\"line\": %" PRIu64 ", \"column\": %d, "
			"\"text\": ", i ? ", " : "", o->line, o->column);
		json_string(f, o->text);
		fputs(", \"kept\": ", f);
		json_number(f, o->kept);
		fputc('}', f);
	}
	fputs("]", f);
}

/* The report as one JSON object on one line (no newline after it). */
void report_print_json(const struct report *r, FILE *f)
{
	size_t i;

	fputs("{\"path\": ", f);
	json_string(f, r->path);
	fputs(", ", f);
	json_counts(r, f);
	fputs("\"encoding\": ", f);
	json_string(f, r->encoding);
	fprintf(f, ", \"bom\": %s, \"delimiter\": ", r->bom ? "true" : "false");
	json_string(f, r->delimiter);
	fprintf(f, ", \"header\": %s, \"scale\": ",
		r->header ? "true" : "false");
	if (r->has_scale) {
		fputs("{\"min\": ", f);
		json_number(f, r->scale.min);
		fputs(", \"max\": ", f);
		json_number(f, r->scale.max);
		fputs(", \"step\": ", f);
		json_number(f, r->scale.step);
		fputs("}", f);
	} else {
		fputs("null", f);
	}
	if (r->scale_text) {
		fputs(", \"scale_text\": ", f);
		json_string(f, r->scale_text);
	}
	fputs(", ", f);
	json_reasons(r, f);
	fputs(", ", f);
	json_rejects(r, f);
	fputs(", ", f);
	json_offsteps(r, f);
	fputs(", \"warnings\": [", f);
	for (i = 0; i < r->n_warnings; i++) {
		if (i)
			fputs(", ", f);
		json_string(f, r->warnings[i]);
	}
	fputs("]}", f);
}
