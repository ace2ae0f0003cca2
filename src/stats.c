/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stats: dataset statistics for Browse 's' and 'taste stats'. One pass
 * over the matrix values fills the histogram (one bin per step of the
 * declared scale; values between steps are counted apart, never pushed
 * into a bin), the long tails come from the CSR/CSC row lengths, and the
 * top lists sort item indices with ties broken by index. Percentiles are
 * nearest-rank: p of n sorted counts is the ceil(p*n)-th, so the median
 * of an even count is the lower middle one. A catalogue without a
 * rating matrix but with Goodreads histograms (goodbooks) gets its
 * histogram, mean and per-item tail from those, and says so. */
#include <config.h>

#include <langinfo.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "import.h"
#include "json.h"
#include "profile.h"
#include "report.h"
#include "safe.h"
#include "stats.h"
#include "synth.h"
#include "text.h"
#include "util.h"

/* Bar width of the text histogram. */
#define BAR_COLS 40
/* Columns given to a title in the text top lists. */
#define TITLE_COLS 44
/* The long-tail charts of the text output. */
#define TAIL_ROWS 6
#define TAIL_COLS 72
/* Rejected rows listed per file; taste check or the JSON has them all. */
#define STATS_REJECTS_SHOWN 20

/* True when the locale's codeset is UTF-8, so "…" can be printed. */
static bool stats_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcasecmp(cs, "UTF-8") == 0 ||
		      strcasecmp(cs, "utf8") == 0);
}

/* Number of steps of the scale, min and max included. */
static size_t stats_n_bins(const struct scale *sc)
{
	if (!(sc->step > 0) || !(sc->max >= sc->min))
		return 0;
	return (size_t)floor((sc->max - sc->min) / sc->step + 0.5) + 1;
}

/* The bin of v, or -1 when v lies between steps or off the scale. */
static long stats_bin(const struct stats *s, const struct scale *sc,
		      double v)
{
	double k = (v - sc->min) / sc->step;
	double r = floor(k + 0.5);
	if (fabs(k - r) > 1e-6 || r < 0 || r >= (double)s->n_bins)
		return -1;
	return (long)r;
}

/* Histogram and mean of the matrix values. */
static void stats_values(const struct catalog *c, struct stats *s)
{
	const struct rmatrix *m = c->m;
	double sum = 0;
	for (uint64_t k = 0; k < m->nnz; k++) {
		double v = m->user_val[k];
		long b = stats_bin(s, &c->scale, v);
		if (b < 0)
			s->off_step++;
		else
			s->bin_count[b]++;
		sum += v;
	}
	s->mean_rating = m->nnz ? sum / (double)m->nnz : NAN;
}

/* Histogram and mean summed over the items' Goodreads histograms. */
static void stats_histograms(const struct catalog *c, struct stats *s)
{
	double sum = 0, n = 0;
	for (uint32_t i = 0; i < c->n_items; i++) {
		const uint32_t *h = c->hist + (size_t)i * CATALOG_HIST_BINS;
		for (size_t k = 0; k < CATALOG_HIST_BINS; k++) {
			long b = stats_bin(s, &c->scale, (double)(k + 1));
			if (b < 0)
				s->off_step += h[k];
			else
				s->bin_count[b] += h[k];
			sum += (double)(k + 1) * h[k];
			n += h[k];
		}
	}
	s->mean_rating = n > 0 ? sum / n : NAN;
	s->from_histograms = true;
}

/* Ascending order of counts. */
static int stats_u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* The nearest-rank p-quantile of n sorted counts. */
static uint32_t stats_rank(const uint32_t *v, size_t n, double p)
{
	size_t r = (size_t)ceil(p * (double)n);
	return v[r ? r - 1 : 0];
}

/* Summarise n counts (sorted in place), and keep them most first in
 * *curve for the chart. */
static void stats_tail(uint32_t *v, size_t n, struct tail *t,
		       uint32_t **curve, size_t *n_curve)
{
	memset(t, 0, sizeof *t);
	*curve = NULL;
	*n_curve = 0;
	if (!n)
		return;
	qsort(v, n, sizeof *v, stats_u32_cmp);
	*curve = xmalloc(n * sizeof **curve);
	*n_curve = n;
	for (size_t k = 0; k < n; k++)
		(*curve)[k] = v[n - 1 - k];
	double sum = 0;
	for (size_t k = 0; k < n; k++) {
		sum += v[k];
		t->zero += v[k] == 0;
	}
	t->min = v[0];
	t->p25 = stats_rank(v, n, 0.25);
	t->median = stats_rank(v, n, 0.5);
	t->p75 = stats_rank(v, n, 0.75);
	t->p90 = stats_rank(v, n, 0.9);
	t->max = v[n - 1];
	t->mean = sum / (double)n;
}

/* The long tails of ratings per user and per item. */
static void stats_tails(const struct catalog *c, struct stats *s)
{
	const struct rmatrix *m = c->m;
	size_t n = m->n_users > c->n_items ? m->n_users : c->n_items;
	uint32_t *v = xmalloc((n + 1) * sizeof *v);
	for (uint32_t u = 0; u < m->n_users; u++)
		v[u] = (uint32_t)(m->user_ptr[u + 1] - m->user_ptr[u]);
	stats_tail(v, m->n_users, &s->per_user, &s->tail_users,
		   &s->n_tail_users);
	for (uint32_t i = 0; i < c->n_items; i++)
		v[i] = s->from_histograms ? c->items[i].n_ratings
		     : i < m->n_items
		     ? (uint32_t)(m->item_ptr[i + 1] - m->item_ptr[i]) : 0;
	stats_tail(v, c->n_items, &s->per_item, &s->tail_items,
		   &s->n_tail_items);
	free(v);
}

/* Highest mean first, then most ratings, then item index. */
static int stats_best_cmp(const void *a, const void *b, void *arg)
{
	const struct catalog *c = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	float mx = c->items[x].mean, my = c->items[y].mean;
	if (mx != my)
		return mx > my ? -1 : 1;
	return catalog_cmp_most_rated(a, b, arg);
}

/* Sort the n candidates and keep the first STATS_TOP. */
static size_t stats_top(const struct catalog *c, uint32_t *cand, size_t n,
			int (*cmp)(const void *, const void *, void *),
			uint32_t *out)
{
	qsort_r(cand, n, sizeof *cand, cmp, (void *)c);
	size_t k = n < STATS_TOP ? n : STATS_TOP;
	memcpy(out, cand, k * sizeof *out);
	return k;
}

/* The most rated items, and the best rated among those with at least
 * min_best ratings (and a mean: NaN never reaches the sort). */
static void stats_tops(const struct catalog *c, struct stats *s)
{
	uint32_t *cand = xmalloc((c->n_items + 1) * sizeof *cand);
	size_t n = 0;
	for (uint32_t i = 0; i < c->n_items; i++)
		if (c->items[i].n_ratings > 0)
			cand[n++] = i;
	s->n_most_rated = stats_top(c, cand, n, catalog_cmp_most_rated,
				    s->most_rated);
	n = 0;
	for (uint32_t i = 0; i < c->n_items; i++)
		if (c->items[i].n_ratings >= s->min_best &&
		    isfinite(c->items[i].mean))
			cand[n++] = i;
	s->n_best_rated = stats_top(c, cand, n, stats_best_cmp,
				    s->best_rated);
	free(cand);
}

/* The median Goodreads count, the best-rated bar for histograms. */
static uint32_t stats_median_count(const struct catalog *c)
{
	uint32_t *v = xmalloc((c->n_items + 1) * sizeof *v);
	size_t n = 0;
	for (uint32_t i = 0; i < c->n_items; i++)
		if (c->items[i].n_ratings)
			v[n++] = c->items[i].n_ratings;
	qsort(v, n, sizeof *v, stats_u32_cmp);
	uint32_t med = n ? stats_rank(v, n, 0.5) : 1;
	free(v);
	return med;
}

/* Compute with the usual best-rated bar. */
void stats_compute(const struct catalog *c, struct stats *s)
{
	bool hist = !c->has_ratings && c->hist;
	stats_compute_min(c, hist ? stats_median_count(c) : STATS_MIN_BEST,
			  s);
}

/* Compute every figure with best_rated needing min_best ratings. */
void stats_compute_min(const struct catalog *c, uint32_t min_best,
		       struct stats *s)
{
	memset(s, 0, sizeof *s);
	s->you = -1;
	s->you_seen = s->you_wanted = -1;
	s->ascii = !stats_utf8();
	s->users = c->m->n_users;
	s->items = c->n_items;
	s->ratings = c->m->nnz;
	double cells = (double)s->users * (double)s->items;
	s->density = cells > 0 ? (double)s->ratings / cells : 0;
	s->n_bins = stats_n_bins(&c->scale);
	s->bin_value = xcalloc(s->n_bins + 1, sizeof *s->bin_value);
	s->bin_count = xcalloc(s->n_bins + 1, sizeof *s->bin_count);
	for (size_t k = 0; k < s->n_bins; k++)
		s->bin_value[k] = c->scale.min + (double)k * c->scale.step;
	if (!c->has_ratings && c->hist)
		stats_histograms(c, s);
	else
		stats_values(c, s);
	stats_tails(c, s);
	s->min_best = min_best ? min_best : 1;
	stats_tops(c, s);
}

/* Your signals of items you have not rated, seen and wanted. */
void stats_signals(const struct profile *ratings,
		   const struct profile *signals, struct stats *s)
{
	size_t n = signals ? profile_count(signals) : 0;
	s->you_seen = s->you_wanted = 0;
	for (size_t k = 0; k < n; k++) {
		struct profile_entry e = profile_entry_at(signals, k);
		if (ratings && profile_get(ratings, e.item_id, NULL))
			continue;
		if (e.value == IMPORT_SIGNAL_WANT)
			s->you_wanted++;
		else
			s->you_seen++;
	}
}

/* "5 (3 seen, 2 wanted)", or "0". */
const char *stats_signals_text(const struct stats *s, char *buf,
			       size_t n)
{
	long long all = (long long)(s->you_seen + s->you_wanted);
	if (all <= 0)
		xsnprintf(buf, n, "%d", 0);
	else
		xsnprintf(buf, n, _("%lld (%lld seen, %lld wanted)"), all,
			  (long long)s->you_seen, (long long)s->you_wanted);
	return buf;
}

/* Free the histogram arrays. */
void stats_free(struct stats *s)
{
	free(s->bin_value);
	free(s->bin_count);
	free(s->tail_users);
	free(s->tail_items);
	s->bin_value = NULL;
	s->bin_count = NULL;
	s->tail_users = s->tail_items = NULL;
	s->n_bins = s->n_tail_users = s->n_tail_items = 0;
}

/* A long tail as a bar chart into g (see stats.h). */
int stats_tail_chart(const struct stats *s, bool users,
		     enum plot_glyphs glyphs, struct plot_grid *g)
{
	const uint32_t *v = users ? s->tail_users : s->tail_items;
	size_t n = users ? s->n_tail_users : s->n_tail_items;
	struct plot_bars b = { .n = n, .glyphs = glyphs };
	double *d;
	int rc;

	if (!n)
		return -1;
	d = xmalloc(n * sizeof *d);
	for (size_t k = 0; k < n; k++)
		d[k] = v[k];
	b.values = d;
	rc = plot_bar_chart(g, &b, NULL);
	free(d);
	return rc;
}

/* ---------------------------------------------------------------------
 * Text
 * ------------------------------------------------------------------- */

/* The file name of a report's path. */
static const char *stats_file(const struct report *r)
{
	const char *p = r->path ? r->path : "";
	const char *slash = strrchr(p, '/');
	return slash ? slash + 1 : p;
}

/* A mean that may be NaN, as text ("n/a" for none). */
static void stats_print_mean(FILE *f, double v)
{
	if (isfinite(v))
		fprintf(f, "%.2f", v);
	else
		fputs(_("n/a"), f);
}

/* The counts block; without community ratings there are no users,
 * ratings or density to give, so it says that instead of zeros. */
static void stats_print_counts(const struct catalog *c,
			       const struct stats *s, FILE *f)
{
	char scale[64];
	scale_describe(&c->scale, scale, sizeof scale);
	fprintf(f, "%s (%s)\n", c->label, c->name);
	if (c->has_ratings)
		fprintf(f, "  %-14s %u\n", _("users"), s->users);
	fprintf(f, "  %-14s %u\n", _("items"), s->items);
	if (c->has_ratings) {
		fprintf(f, "  %-14s %llu\n", _("ratings"),
			(unsigned long long)s->ratings);
		fprintf(f, "  %-14s %.2f%%\n", _("density"),
			100 * s->density);
	} else {
		fprintf(f, "  %-14s %s\n", _("ratings"),
			_("no community ratings"));
	}
	fprintf(f, "  %-14s ", _("mean rating"));
	stats_print_mean(f, s->mean_rating);
	if (s->from_histograms && isfinite(s->mean_rating))
		fprintf(f, " %s", _("(Goodreads histograms)"));
	fprintf(f, "\n  %-14s %s\n", _("scale"), scale);
	if (s->you >= 0)
		fprintf(f, "  %-14s %lld\n", _("your ratings"),
			(long long)s->you);
	if (s->you_seen >= 0) {
		char sig[128];
		fprintf(f, "  %-14s %s\n", _("your signals"),
			stats_signals_text(s, sig, sizeof sig));
	}
}

/* The histogram, one bar per step (plot_hbar_text). */
static void stats_print_hist(const struct stats *s, FILE *f)
{
	uint64_t top = 0;
	for (size_t k = 0; k < s->n_bins; k++)
		top = s->bin_count[k] > top ? s->bin_count[k] : top;
	fprintf(f, "\n%s\n", s->from_histograms
		? _("Rating histogram (from the Goodreads histograms)")
		: _("Rating histogram"));
	for (size_t k = 0; k < s->n_bins; k++) {
		char bar[BAR_COLS * PLOT_GLYPH_MAX + 1];

		plot_hbar_text(top ? (double)s->bin_count[k] / (double)top
				   : 0, BAR_COLS, s->ascii ? PLOT_ASCII
				   : PLOT_BLOCK, bar, sizeof bar);
		fprintf(f, "  %5g %10llu  %s\n", s->bin_value[k],
			(unsigned long long)s->bin_count[k], bar);
	}
	if (s->off_step)
		fprintf(f, "  %s %llu\n", _("between steps:"),
			(unsigned long long)s->off_step);
}

/* text wrapped to lines of at most cols columns, broken only after
 * ", " or "; " so a figure stays with its name; lines after the first
 * are indented by two spaces. */
static void stats_print_wrapped(const char *text, size_t cols, FILE *f)
{
	size_t used = 0;
	while (*text) {
		size_t len = 0;
		while (text[len] && !(strchr(",;", text[len]) &&
				      text[len + 1] == ' '))
			len++;
		len += text[len] ? 1 : 0;        /* keep the comma */
		char *part = xstrndup(text, len);
		size_t w = text_width(part);
		if (used > 2 && used + 1 + w > cols) {
			fputs("\n ", f);
			used = 1;
		}
		fprintf(f, "%s%s", used ? " " : "", part);
		used += (used ? 1 : 0) + w;
		free(part);
		text += len;
		text += strspn(text, " ");
	}
	fputc('\n', f);
}

/* One long tail: its name and figures, wrapped to 80 columns. */
static void stats_print_tail(const char *what, const struct tail *t,
			     FILE *f)
{
	char line[512];
	xsnprintf(line, sizeof line, _("%s: min %u, 25%% %u, median %u, "
				       "75%% %u, 90%% %u, max %u, mean %.1f; "
				       "%u with none"), what, t->min, t->p25,
		  t->median, t->p75, t->p90, t->max, t->mean, t->zero);
	stats_print_wrapped(line, 80, f);
}

/* A long tail's chart (stats_tail_chart), TAIL_ROWS x TAIL_COLS,
 * indented under its figures; its glyphs follow s->ascii. */
static void stats_print_chart(const struct stats *s, bool users, FILE *f)
{
	struct plot_grid g;
	char row[TAIL_COLS * PLOT_GLYPH_MAX + 1];

	plot_grid_init(&g, TAIL_ROWS, TAIL_COLS);
	if (stats_tail_chart(s, users, s->ascii ? PLOT_ASCII : PLOT_BLOCK,
			     &g) == 0) {
		for (int r = 0; r < g.rows; r++) {
			char *e = plot_grid_row(&g, r, row, sizeof row);
			size_t len = strlen(e);

			while (len && e[len - 1] == ' ')
				e[--len] = '\0';
			fprintf(f, "  %s\n", e);
		}
		fprintf(f, "  %s\n", users
			? _("(users, most active first)")
			: _("(items, most rated first)"));
	}
	plot_grid_free(&g);
}

/* An item label cut or padded to TITLE_COLS display columns. */
static void stats_print_label(const struct catalog *c, uint32_t i,
			      bool ascii, FILE *f)
{
	char label[512];
	catalog_item_label_fit(c, i, TITLE_COLS, ascii, label, sizeof label);
	size_t w = text_width(label);
	fprintf(f, "%s%*s", label, (int)(TITLE_COLS - w), "");
}

/* The most and best rated lists. */
static void stats_print_tops(const struct catalog *c,
			     const struct stats *s, FILE *f)
{
	fprintf(f, "\n%s\n", s->from_histograms
		? _("Most rated (Goodreads ratings)") : _("Most rated"));
	for (size_t k = 0; k < s->n_most_rated; k++) {
		fprintf(f, "  %2zu. ", k + 1);
		stats_print_label(c, s->most_rated[k], s->ascii, f);
		fprintf(f, " %9u\n", c->items[s->most_rated[k]].n_ratings);
	}
	fprintf(f, "\n");
	if (s->from_histograms)
		fprintf(f, ngettext("Best rated (at least %u Goodreads "
				    "rating)\n", "Best rated (at least %u "
				    "Goodreads ratings)\n", s->min_best),
			s->min_best);
	else
		fprintf(f, ngettext("Best rated (at least %u rating)\n",
				    "Best rated (at least %u ratings)\n",
				    s->min_best), s->min_best);
	if (!s->n_best_rated)
		fprintf(f, "  %s\n", _("(no item has that many)"));
	for (size_t k = 0; k < s->n_best_rated; k++) {
		const struct item *it = &c->items[s->best_rated[k]];
		fprintf(f, "  %2zu. ", k + 1);
		stats_print_label(c, s->best_rated[k], s->ascii, f);
		fprintf(f, " %5.2f %9u\n", it->mean, it->n_ratings);
	}
}

/* The rejected rows of a report, up to STATS_REJECTS_SHOWN, and where
 * to see the rest: taste check reads a ratings file, the JSON of
 * taste stats has every row of every file. */
static void stats_print_rejects(const struct report *r, FILE *f)
{
	size_t shown = r->n_rejects < STATS_REJECTS_SHOWN ? r->n_rejects
							  : STATS_REJECTS_SHOWN;
	for (size_t k = 0; k < shown; k++)
		report_print_reject(&r->rejects[k], "    ", f);
	if (shown == r->n_rejects)
		return;
	size_t more = r->n_rejects - shown;
	char *path = safe_dup(r->path);
	if (strcmp(stats_file(r), "ratings.csv") == 0)
		fprintf(f, ngettext("    ... and %zu more; taste check %s "
				    "lists all\n", "    ... and %zu more; "
				    "taste check %s lists all\n", more),
			more, path);
	else
		fprintf(f, ngettext("    ... and %zu more; taste stats --json "
				    "lists all\n", "    ... and %zu more; "
				    "taste stats --json lists all\n", more),
			more);
	free(path);
}

/* One line per import report (rows, accepted, rejected by reason),
 * then its rejected rows and its warnings. */
static void stats_print_reports(const struct catalog *c, FILE *f)
{
	fprintf(f, "\n%s\n", _("Import"));
	if (!c->n_reports && synth_shape_of(c->name))
		fprintf(f, "  %s\n", _("no file read: the catalogue is "
				       "generated in memory (synth)"));
	for (size_t k = 0; k < c->n_reports; k++) {
		const struct report *r = &c->reports[k];
		char name[64 * SAFE_GROWTH];
		safe_text(stats_file(r), name, sizeof name);
		fprintf(f, ngettext("  %-12s %llu row, %llu accepted, %llu "
				    "rejected", "  %-12s %llu rows, %llu "
				    "accepted, %llu rejected", r->rows),
			name, (unsigned long long)r->rows,
			(unsigned long long)r->accepted,
			(unsigned long long)r->rejected);
		for (int why = 0; why < REJ_COUNT; why++)
			if (r->by_reason[why])
				fprintf(f, "; %s %llu",
					report_reason_text(why),
					(unsigned long long)r->by_reason[why]);
		fputc('\n', f);
		stats_print_rejects(r, f);
		for (size_t w = 0; w < r->n_warnings; w++)
			report_print_warning(r->warnings[w], "    ", f);
	}
}

/* The statistics for people. */
void stats_print(const struct catalog *c, const struct stats *s, FILE *f)
{
	stats_print_counts(c, s, f);
	stats_print_hist(s, f);
	fputc('\n', f);
	if (s->users) {
		stats_print_tail(_("Ratings per user"), &s->per_user, f);
		stats_print_chart(s, true, f);
	} else if (c->has_ratings) {
		fprintf(f, "%s\n", _("Ratings per user: no users"));
	} else {
		fprintf(f, "%s\n", _("Ratings per user: no community "
				     "ratings"));
	}
	stats_print_tail(s->from_histograms
			 ? _("Goodreads ratings per item (histograms)")
			 : _("Ratings per item"), &s->per_item, f);
	stats_print_chart(s, false, f);
	stats_print_tops(c, s, f);
	stats_print_reports(c, f);
}

/* ---------------------------------------------------------------------
 * JSON
 * ------------------------------------------------------------------- */

/* A tail as a JSON object. */
static void stats_json_tail(const struct tail *t, FILE *f)
{
	fprintf(f, "{\"min\": %u, \"p25\": %u, \"median\": %u, "
		"\"p75\": %u, \"p90\": %u, \"max\": %u, \"mean\": ",
		t->min, t->p25, t->median, t->p75, t->p90, t->max);
	json_number(f, t->mean);
	fprintf(f, ", \"zero\": %u}", t->zero);
}

/* A list of items as JSON objects. */
static void stats_json_items(const struct catalog *c, const uint32_t *v,
			     size_t n, FILE *f)
{
	fputc('[', f);
	for (size_t k = 0; k < n; k++) {
		const struct item *it = &c->items[v[k]];
		fprintf(f, "%s{\"id\": ", k ? ", " : "");
		json_string(f, intern_str(c->item_ids, v[k]));
		fputs(", \"title\": ", f);
		json_string(f, it->title);
		fprintf(f, ", \"year\": %d, \"ratings\": %u, \"mean\": ",
			it->year, it->n_ratings);
		json_number(f, it->mean);
		fputc('}', f);
	}
	fputc(']', f);
}

/* The histogram as [{"value": v, "count": n}, ...]. */
static void stats_json_hist(const struct stats *s, FILE *f)
{
	fputc('[', f);
	for (size_t k = 0; k < s->n_bins; k++) {
		fputs(k ? ", {\"value\": " : "{\"value\": ", f);
		json_number(f, s->bin_value[k]);
		fprintf(f, ", \"count\": %llu}",
			(unsigned long long)s->bin_count[k]);
	}
	fputc(']', f);
}

/* The import reports, each with its file name as "path" so the output
 * does not depend on where the catalogue lives. */
static void stats_json_reports(const struct catalog *c, FILE *f)
{
	fputc('[', f);
	for (size_t k = 0; k < c->n_reports; k++) {
		struct report r = c->reports[k];   /* shallow: path only */
		r.path = (char *)stats_file(&c->reports[k]);
		fputs(k ? ",\n    " : "\n    ", f);
		report_print_json(&r, f);
	}
	fputs(c->n_reports ? "\n  ]" : "]", f);
}

/* The counts, as the first keys of the object. */
static void stats_json_counts(const struct catalog *c,
			      const struct stats *s, FILE *f)
{
	fputs("{\n  \"catalog\": ", f);
	json_string(f, c->name);
	fputs(",\n  \"label\": ", f);
	json_string(f, c->label);
	const char *has = c->has_ratings ? "true" : "false";
	fprintf(f, ",\n  \"has_ratings\": %s,\n  \"community_ratings\": %s",
		has, has);
	fprintf(f, ",\n  \"users\": %u,\n  \"items\": %u,\n  \"ratings\": "
		"%llu,\n  \"density\": ", s->users, s->items,
		(unsigned long long)s->ratings);
	json_number(f, s->density);
	fputs(",\n  \"mean\": ", f);
	json_number(f, s->mean_rating);
	fputs(",\n  \"scale\": {\"min\": ", f);
	json_number(f, c->scale.min);
	fputs(", \"max\": ", f);
	json_number(f, c->scale.max);
	fputs(", \"step\": ", f);
	json_number(f, c->scale.step);
	fputc('}', f);
	if (s->you >= 0)
		fprintf(f, ",\n  \"you\": %lld", (long long)s->you);
	if (s->you_seen >= 0)
		fprintf(f, ",\n  \"you_signals\": {\"seen\": %lld, "
			"\"wanted\": %lld}", (long long)s->you_seen,
			(long long)s->you_wanted);
}

/* The statistics as one JSON object. */
void stats_print_json(const struct catalog *c, const struct stats *s,
		      FILE *f)
{
	stats_json_counts(c, s, f);
	const char *src = s->from_histograms ? "goodreads" : "ratings";
	fprintf(f, ",\n  \"histogram_source\": \"%s\",\n  "
		"\"per_item_source\": \"%s\",\n  \"histogram\": ", src, src);
	stats_json_hist(s, f);
	fprintf(f, ",\n  \"off_step\": %llu,\n  \"per_user\": ",
		(unsigned long long)s->off_step);
	stats_json_tail(&s->per_user, f);
	fputs(",\n  \"per_item\": ", f);
	stats_json_tail(&s->per_item, f);
	fputs(",\n  \"most_rated\": ", f);
	stats_json_items(c, s->most_rated, s->n_most_rated, f);
	fprintf(f, ",\n  \"min_best\": %u,\n  \"best_rated\": ", s->min_best);
	stats_json_items(c, s->best_rated, s->n_best_rated, f);
	const char *note = catalog_missing_note(c);
	fputs(",\n  \"note\": ", f);
	json_string(f, note);
	fputs(",\n  \"reports\": ", f);
	stats_json_reports(c, f);
	fputs("\n}\n", f);
}
