/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_tune: the grid search on the command line (see cli_tune.h). The
 * table has one row per value of the first setting and one column per
 * value of the second; each cell is "mean ±spread" over the folds, the
 * best marked with '*'. */
#include <config.h>

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli_tune.h"
#include "i18n.h"
#include "json.h"
#include "safe.h"
#include "util.h"

enum { EXIT_DATA = 1, EXIT_USAGE = 2 };

/* Progress on stderr: one rewritten line on a terminal, else a line
 * per fold fit. */
static void on_progress(void *ctx, const struct tune_result *r)
{
	bool tty = *(const bool *)ctx;

	fprintf(stderr, tty ? "\r\033[K%s %zu/%zu" : "%s %zu/%zu\n",
		_("eval: grid run"), r->runs_done, r->runs_total);
}

/* "name=value" of axis a at index i into buf. */
static char *axis_label(const struct tune_result *r, int a, size_t i,
			char *buf, size_t len)
{
	char v[32];
	const struct tune_axis *ax = &r->grid.axis[a];

	tune_value_text(ax->param, ax->values[i], v, sizeof v);
	xsnprintf(buf, len, "%s=%s", tune_param_name(ax->param), v);
	return buf;
}

/* One cell of the table: 16 columns right-aligned, then '*' for the
 * best cell or a space. */
static void print_cell(const struct tune_result *r, size_t i, size_t j)
{
	const struct tune_cell *c = tune_cell_at(r, i, j);
	bool best = r->has_best && r->best_row == i && r->best_col == j;
	char buf[40];

	if (c->valid)
		xsnprintf(buf, sizeof buf, "%.4f\xc2\xb1%.4f", c->mean, c->sd);
	else
		xsnprintf(buf, sizeof buf, "n/a");
	/* "±" is two bytes and one column: pad by display columns. */
	printf(" %*s%s", c->valid ? 17 : 16, buf, best ? "*" : " ");
}

static void print_table(const struct tune_result *r)
{
	char label[64], metric[64];

	if (r->ranking)
		xsnprintf(metric, sizeof metric, _("NDCG@%d (higher is "
			  "better)"), r->k);
	else
		xsnprintf(metric, sizeof metric, _("RMSE (lower is better)"));
	printf(_("Grid: %s, %d-fold validation (seed %" PRIu64 "), mean %s\n"
		 "over the folds \xc2\xb1 their spread\n"),
	       model_kind_name(r->kind), r->folds, r->seed, metric);
	printf("%-18s", "");
	for (size_t j = 0; j < r->cols; j++)
		printf(" %16s ", axis_label(r, 1, j, label, sizeof label));
	putchar('\n');
	for (size_t i = 0; i < r->rows; i++) {
		printf("%-18s", axis_label(r, 0, i, label, sizeof label));
		for (size_t j = 0; j < r->cols; j++)
			print_cell(r, i, j);
		putchar('\n');
	}
	if (r->has_best) {
		char other[64];
		const struct tune_cell *b = tune_cell_at(r, r->best_row,
							 r->best_col);

		printf(_("Best: %s, %s: %.4f\n"),
		       axis_label(r, 0, r->best_row, label, sizeof label),
		       axis_label(r, 1, r->best_col, other, sizeof other),
		       b->mean);
	}
	for (size_t i = 0; i < r->rows * r->cols; i++)
		if (!r->cells[i].valid && r->cells[i].err[0]) {
			printf(_("Not measured: %s\n"), r->cells[i].err);
			break;
		}
}

/* "name": {"param": ..., "values": [...]} */
static void json_axis(const struct tune_result *r, int a, const char *key)
{
	const struct tune_axis *ax = &r->grid.axis[a];

	printf("\"%s\": {\"param\": ", key);
	json_string(stdout, tune_param_name(ax->param));
	fputs(", \"values\": [", stdout);
	for (size_t i = 0; i < ax->n; i++) {
		fputs(i ? ", " : "", stdout);
		json_number(stdout, ax->values[i]);
	}
	fputs("]}", stdout);
}

static void print_json(const struct tune_result *r)
{
	fputs("{\"model\": ", stdout);
	json_string(stdout, model_kind_name(r->kind));
	printf(", \"folds\": %d, \"seed\": %" PRIu64 ", \"metric\": \"%s\", ",
	       r->folds, r->seed, r->ranking ? "ndcg" : "rmse");
	json_axis(r, 0, "rows");
	fputs(", ", stdout);
	json_axis(r, 1, "cols");
	fputs(",\n \"cells\": [", stdout);
	for (size_t i = 0; i < r->rows; i++) {
		fputs(i ? ",\n  [" : "\n  [", stdout);
		for (size_t j = 0; j < r->cols; j++) {
			const struct tune_cell *c = tune_cell_at(r, i, j);

			fputs(j ? ", " : "", stdout);
			if (!c->valid) {
				fputs("null", stdout);
				continue;
			}
			fputs("{\"mean\": ", stdout);
			json_number(stdout, c->mean);
			fputs(", \"sd\": ", stdout);
			json_number(stdout, c->sd);
			putchar('}');
		}
		putchar(']');
	}
	fputs("],\n \"best\": ", stdout);
	if (r->has_best)
		printf("{\"row\": %zu, \"col\": %zu}", r->best_row,
		       r->best_col);
	else
		fputs("null", stdout);
	fputs("}\n", stdout);
}

/* taste eval --grid (cli_tune.h). */
int cli_tune_eval(const struct eval_data *d, const char *spec,
		  const struct tune_opts *o, bool json)
{
	bool tty = isatty(STDERR_FILENO);
	struct tune_grid g;
	struct tune_result r;
	char err[512];
	int rc = 0;

	if (tune_grid_parse(spec, &g, err, sizeof err) != 0) {
		safe_fprintf(stderr, "taste eval: %s", err);
		fprintf(stderr, _("\nTry 'taste eval --help'.\n"));
		return EXIT_USAGE;
	}
	if (tune_run(d->cat, &d->all, o, &g, on_progress, &tty, NULL, &r,
		     err, sizeof err) != 0) {
		safe_fprintf(stderr, "taste eval: %s", err);
		fputc('\n', stderr);
		return EXIT_USAGE;
	}
	if (tty)
		fprintf(stderr, "\r\033[K");
	if (json)
		print_json(&r);
	else
		print_table(&r);
	if (!r.has_best)
		rc = EXIT_DATA;
	tune_result_free(&r);
	return rc;
}
