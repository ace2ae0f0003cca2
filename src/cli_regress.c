/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_regress: the regression subcommand. The text output reads top to
 * bottom as the fit goes: the import report, what was done to the data
 * (hold-out, filled values, one-hot columns), the cost every tenth of
 * the epochs as it is computed, both solutions side by side, the
 * RMSEs, and the prediction asked for. Values below 1e-12 of their
 * scale (a cost or RMSE on data fitted exactly) are rounding noise and
 * printed as 0, so the output of an exact fit is the same everywhere. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_regress.h"
#include "i18n.h"
#include "json.h"
#include "paths.h"
#include "regress.h"
#include "report.h"
#include "safe.h"
#include "text.h"
#include "util.h"

enum { EXIT_DATA = 1, EXIT_USAGE = 2 };

#define MAX_FEATURES 256

struct regress_args {
	const char *csv;
	const char *predict;
	bool json;
	char *feature_list;             /* owns the names below */
	const char *features[MAX_FEATURES];
	struct regress_opts o;
};

/* "taste regress: message" on stderr, made safe. */
__attribute__((format(printf, 1, 2)))
static void say(const char *fmt, ...)
{
	va_list ap;

	fputs("taste regress: ", stderr);
	va_start(ap, fmt);
	safe_vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* A usage error: the message and a pointer to --help. */
__attribute__((format(printf, 1, 2)))
static int usage(const char *fmt, ...)
{
	va_list ap;

	fputs("taste regress: ", stderr);
	va_start(ap, fmt);
	safe_vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, _("\nTry 'taste regress --help'.\n"));
	return EXIT_USAGE;
}

/* --help. */
void cli_regress_help(FILE *f)
{
	fputs(_("Usage: taste regress CSV --target COL [OPTION]...\n"
		"Linear regression on a numeric CSV with a header: batch "
		"gradient descent on\nstandardised features beside the "
		"closed-form least squares (GSL).\nCSV 'housing' is the "
		"bundled California housing data (1990 census).\n\n"
		"  --target COL        the column to predict (numeric)\n"
		"  --features A,B,...  the feature columns (default: every "
		"usable column but\n"
		"                      the target; text columns with few "
		"values are one-hot\n"
		"                      encoded, the most frequent level "
		"dropped)\n"
		"  --epochs N          gradient descent epochs (default "
		"500)\n"
		"  --lr X              learning rate (default: 2 / (l_max + "
		"l_min) of the\n"
		"                      standardised features' correlation "
		"matrix)\n"
		"  --holdout F         share of rows held out (default 0.2)\n"
		"  --seed S            seed of the held-out draw (default "
		"42)\n"
		"  --predict A=V,...   predict for these values; features not "
		"given take\n"
		"                      their training mean\n"
		"  --json              machine-readable output\n"
		"  -h, --help          this help\n\n"
		"Empty values of a numeric feature are filled with its "
		"training median; rows\nwith a malformed number or no target "
		"are rejected and listed.\nExit status: 0 ok, 1 bad data or "
		"a descent that diverged, 2 bad usage.\n"), f);
}

/* Split the comma list into a->features. */
static int parse_features(struct regress_args *a, const char *list)
{
	char *save = NULL;

	free(a->feature_list);
	a->feature_list = xstrdup(list);
	a->o.n_features = 0;
	for (char *w = strtok_r(a->feature_list, ",", &save); w;
	     w = strtok_r(NULL, ",", &save)) {
		if (a->o.n_features == MAX_FEATURES)
			return usage(_("at most %d features"), MAX_FEATURES);
		a->features[a->o.n_features++] = w;
	}
	if (!a->o.n_features)
		return usage(_("--features needs column names"));
	a->o.features = a->features;
	return 0;
}

/* A number option in [lo, hi]; false when v is not one. */
static bool number_in(const char *v, double lo, double hi, double *out)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(v, &end);
	if (errno || end == v || *end || !isfinite(d) || d < lo || d > hi)
		return false;
	*out = d;
	return true;
}

/* One option with its value. */
static int take_option(struct regress_args *a, int c, const char *v)
{
	double d;

	switch (c) {
	case 't': a->o.target = v; return 0;
	case 'f': return parse_features(a, v);
	case 'p': a->predict = v; return 0;
	case 'j': a->json = true; return 0;
	case 'e':
		if (!number_in(v, 1, 1e7, &d) || d != floor(d))
			return usage(_("--epochs takes a whole number from "
				       "1 to 10000000, not '%s'"), v);
		a->o.epochs = (unsigned)d;
		return 0;
	case 'l':
		if (!number_in(v, 0, 1e6, &d) || d == 0)
			return usage(_("--lr takes a positive number, not "
				       "'%s'"), v);
		a->o.lr = d;
		return 0;
	case 'o':
		if (!number_in(v, 0, 0.95, &d))
			return usage(_("--holdout takes a share from 0 to "
				       "0.95, not '%s'"), v);
		a->o.holdout = d;
		return 0;
	case 's':
		if (!number_in(v, 0, 9007199254740992.0, &d) || d != floor(d))
			return usage(_("--seed takes a whole number, not "
				       "'%s'"), v);
		a->o.seed = (uint64_t)d;
		return 0;
	}
	return usage(_("unknown option"));
}

/* Parse argv into a; -1 for --help (printed), else 0 or an exit code. */
static int parse_args(int argc, char **argv, struct regress_args *a)
{
	static const struct option longs[] = {
		{ "target", required_argument, NULL, 't' },
		{ "features", required_argument, NULL, 'f' },
		{ "epochs", required_argument, NULL, 'e' },
		{ "lr", required_argument, NULL, 'l' },
		{ "holdout", required_argument, NULL, 'o' },
		{ "seed", required_argument, NULL, 's' },
		{ "predict", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
		if (c == 'h') {
			cli_regress_help(stdout);
			return -1;
		}
		if (c == '?' || c == ':')
			return usage(_("unknown option or missing value: %s"),
				     argv[optind - 1]);
		if ((rc = take_option(a, c, c == 'j' ? NULL : optarg)))
			return rc;
	}
	if (optind >= argc)
		return usage(_("which CSV? (a path, or 'housing')"));
	if (optind + 1 < argc)
		return usage(_("one CSV only; '%s' is extra"),
			     argv[optind + 1]);
	a->csv = argv[optind];
	if (!a->o.target)
		return usage(_("--target COL is required"));
	return 0;
}

/* The file to read: the bundled housing data for "housing". */
static char *csv_path(const char *csv)
{
	const char *dir;

	if (strcmp(csv, "housing") != 0)
		return xstrdup(csv);
	dir = paths_bundled_dir();
	return dir ? xasprintf("%s/housing/housing.csv", dir) : NULL;
}

/* v, or 0 when it is below 1e-12 of scale (rounding noise). */
static double clean(double v, double scale)
{
	return fabs(v) < 1e-12 * fabs(scale) ? 0 : v;
}

/* ---- text output -------------------------------------------------- */

/* One line of the cost table; the cost that stopped a diverging run
 * is "not finite", never inf or nan. */
static void print_cost(unsigned epoch, double cost, double cost0)
{
	if (isfinite(cost))
		printf("  %7u  %.6g\n", epoch, clean(cost, cost0));
	else
		printf(_("  %7u  not finite\n"), epoch);
}

/* The cost at the zero weights, then every tenth of the epochs run,
 * and the last. */
static void print_costs(const struct regress_result *r)
{
	unsigned every = r->epochs / 10 ? r->epochs / 10 : 1;

	printf(_("\nGradient descent: learning rate %.4g (%s), %u of %u "
		 "epochs\n    epoch  cost (MSE / 2)\n"), r->lr,
	       r->lr_auto ? _("chosen from the data") : _("given"),
	       r->epochs_run, r->epochs);
	print_cost(0, r->cost0, 0);
	for (unsigned e = 1; e <= r->epochs_run; e++)
		if (e == 1 || e % every == 0 || e == r->epochs_run)
			print_cost(e, r->cost[e - 1], r->cost0);
}

/* What was done to the data before the fit. */
static void print_data(const struct regress_result *r)
{
	printf(_("Target: %s; %zu coefficients from %zu rows\n"),
	       r->target, r->n_coefs, r->rows_used);
	printf(_("Held out: %zu rows (share %g, seed %" PRIu64 "); "
		 "training on %zu\n"), r->n_test, r->holdout, r->seed,
	       r->n_train);
	for (size_t k = 0; k < r->n_imputed; k++) {
		const struct regress_imputed *m = &r->imputed[k];

		printf(_("Missing: %s: %zu empty values filled with the "
			 "training median %.6g\n  (%zu training, %zu held "
			 "out)\n"), m->name, m->train + m->held_out,
		       m->median, m->train, m->held_out);
	}
	for (size_t k = 0; k < r->n_onehot; k++) {
		const struct regress_onehot *h = &r->onehot[k];
		const char *d = h->levels[h->dropped];

		printf(_("One-hot: %s: %zu levels; %s dropped (the most "
			 "frequent in training, the reference)\n"), h->name,
		       h->n_levels, *d ? d : _("(empty)"));
	}
	for (size_t k = 0; k < r->n_notes; k++)
		printf(_("Note: %s\n"), r->notes[k]);
}

/* One row of the side-by-side table; a diverged descent has no
 * gradient-descent value worth showing. */
static void pair_row(const char *name, double gd, double cf, bool no_gd)
{
	char buf[128], num[32];

	safe_text(name, buf, sizeof buf);
	xsnprintf(num, sizeof num, "%.6g", gd);
	printf("  %-30s %16s %16.6g\n", buf, no_gd ? "n/a" : num, cf);
}

/* Both solutions side by side, on the original scale. */
static void print_coefs(const struct regress_result *r)
{
	bool d = r->diverged;

	printf("\n%-32s %16s %16s\n", _("Coefficients (original scale)"),
	       _("gradient descent"), _("closed form"));
	pair_row(_("(intercept)"), r->gd_intercept, r->cf_intercept, d);
	for (size_t k = 0; k < r->n_coefs; k++)
		pair_row(r->coefs[k].name, r->coefs[k].gd, r->coefs[k].cf, d);
	pair_row(_("RMSE, training"), clean(r->gd_rmse_train, r->y_sd),
		 clean(r->cf_rmse_train, r->y_sd), d);
	if (r->n_test)
		pair_row(_("RMSE, held out"), clean(r->gd_rmse_test, r->y_sd),
			 clean(r->cf_rmse_test, r->y_sd), d);
	if (!d)
		printf(_("Agreement: the weights differ by at most %.2g of "
			 "the largest (standardised)\n"),
		       clean(r->max_rel_diff, 1));
}

/* A ", "-separated list on lines of at most cols columns, each
 * indented by indent spaces, broken only after a comma. */
static void print_wrapped(const char *list, int indent, int cols)
{
	int used = 0;

	while (*list) {
		size_t len = strcspn(list, ",");
		char *part = xstrndup(list, len + (list[len] == ','));
		int w = (int)text_width(part);

		if (used && used + 1 + w > cols) {
			putchar('\n');
			used = 0;
		}
		if (!used)
			used = printf("%*s", indent, "");
		else
			used += printf(" ");
		safe_fputs(part, stdout);
		used += w;
		free(part);
		list += len + (list[len] == ',');
		list += strspn(list, " ");
	}
	putchar('\n');
}

/* The prediction, or -1 with a message. */
static int print_prediction(const struct regress_result *r,
			    const char *pairs)
{
	struct regress_prediction p;
	char err[512];

	if (regress_predict(r, pairs, &p, err, sizeof err) != 0) {
		say("%s", err);
		return -1;
	}
	printf(_("\nPrediction of %s for "), r->target);
	safe_fputs(pairs, stdout);
	if (r->diverged)
		printf(_(":\n  n/a (gradient descent), %.6g (closed form)\n"),
		       p.cf);
	else
		printf(_(":\n  %.6g (gradient descent), %.6g (closed "
			 "form)\n"), p.gd, p.cf);
	if (*p.defaulted) {
		printf("%s\n", _("  the others at their training averages "
				 "(categories at their shares):"));
		print_wrapped(p.defaulted, 4, 80);
	}
	regress_prediction_free(&p);
	return 0;
}

/* ---- JSON output -------------------------------------------------- */

/* "key": number, */
static void jnum(const char *key, double v, bool comma)
{
	json_string(stdout, key);
	fputs(": ", stdout);
	json_number(stdout, v);
	fputs(comma ? ", " : "", stdout);
}

static void json_data(const struct regress_result *r)
{
	fputs("\"target\": ", stdout);
	json_string(stdout, r->target);
	printf(", \"rows\": %zu, \"train\": %zu, \"held_out\": %zu, ",
	       r->rows_used, r->n_train, r->n_test);
	jnum("holdout", r->holdout, true);
	printf("\"seed\": %" PRIu64 ", ", r->seed);
	jnum("lr", r->lr, true);
	printf("\"lr_auto\": %s, \"epochs\": %u, \"epochs_run\": %u, "
	       "\"diverged\": %s,\n \"imputed\": [", r->lr_auto ? "true"
	       : "false", r->epochs, r->epochs_run,
	       r->diverged ? "true" : "false");
	for (size_t k = 0; k < r->n_imputed; k++) {
		printf("%s{\"column\": ", k ? ", " : "");
		json_string(stdout, r->imputed[k].name);
		printf(", \"train\": %zu, \"held_out\": %zu, ",
		       r->imputed[k].train, r->imputed[k].held_out);
		jnum("median", r->imputed[k].median, false);
		putchar('}');
	}
	fputs("],\n \"onehot\": [", stdout);
	for (size_t k = 0; k < r->n_onehot; k++) {
		const struct regress_onehot *h = &r->onehot[k];

		printf("%s{\"column\": ", k ? ", " : "");
		json_string(stdout, h->name);
		fputs(", \"levels\": [", stdout);
		for (size_t l = 0; l < h->n_levels; l++) {
			fputs(l ? ", " : "", stdout);
			json_string(stdout, h->levels[l]);
		}
		fputs("], \"dropped\": ", stdout);
		json_string(stdout, h->levels[h->dropped]);
		putchar('}');
	}
	fputs("],\n \"notes\": [", stdout);
	for (size_t k = 0; k < r->n_notes; k++) {
		fputs(k ? ", " : "", stdout);
		json_string(stdout, r->notes[k]);
	}
	fputs("],\n", stdout);
}

static void json_fit(const struct regress_result *r)
{
	fputs(" \"cost\": [", stdout);
	json_number(stdout, clean(r->cost0, r->cost0));
	for (unsigned e = 0; e < r->epochs_run; e++) {
		fputs(", ", stdout);
		json_number(stdout, clean(r->cost[e], r->cost0));
	}
	fputs("],\n \"intercept\": {", stdout);
	jnum("gd", r->gd_intercept, true);
	jnum("cf", r->cf_intercept, false);
	fputs("},\n \"coefficients\": [", stdout);
	for (size_t k = 0; k < r->n_coefs; k++) {
		const struct regress_coef *c = &r->coefs[k];

		printf("%s\n  {\"name\": ", k ? "," : "");
		json_string(stdout, c->name);
		fputs(", ", stdout);
		jnum("gd", c->gd, true);
		jnum("cf", c->cf, true);
		jnum("gd_std", c->gd_std, true);
		jnum("cf_std", c->cf_std, true);
		jnum("mean", c->mean, true);
		jnum("sd", c->sd, false);
		putchar('}');
	}
	fputs("],\n \"rmse\": {", stdout);
	jnum("gd_train", clean(r->gd_rmse_train, r->y_sd), true);
	jnum("cf_train", clean(r->cf_rmse_train, r->y_sd), true);
	jnum("gd_held_out", clean(r->gd_rmse_test, r->y_sd), true);
	jnum("cf_held_out", clean(r->cf_rmse_test, r->y_sd), false);
	fputs("},\n ", stdout);
	jnum("agreement", clean(r->max_rel_diff, 1), false);
}

/* The prediction object, or -1 with a message. */
static int json_prediction(const struct regress_result *r,
			   const char *pairs)
{
	struct regress_prediction p;
	char err[512];

	if (regress_predict(r, pairs, &p, err, sizeof err) != 0) {
		say("%s", err);
		return -1;
	}
	fputs(",\n \"prediction\": {\"for\": ", stdout);
	json_string(stdout, pairs);
	fputs(", ", stdout);
	jnum("gd", p.gd, true);
	jnum("cf", p.cf, true);
	fputs("\"defaulted\": ", stdout);
	json_string(stdout, p.defaulted);
	putchar('}');
	regress_prediction_free(&p);
	return 0;
}

/* ---- the command -------------------------------------------------- */

/* Say how the descent ended when it did not run its course. */
static int report_end(const struct regress_result *r)
{
	if (!r->diverged)
		return 0;
	say(_("the cost is not finite at epoch %u: the descent diverged "
	      "with learning rate %g; try a smaller --lr, or leave it out "
	      "to have one chosen from the data"), r->epochs_run, r->lr);
	return EXIT_DATA;
}

/* Fit and print; returns the exit code. */
static int run(const struct regress_args *a, struct regress_table *t)
{
	struct regress_result r;
	struct report rep;
	char err[512];
	int rc;

	/* A bad --predict is a usage error found before any output. */
	if (a->predict && regress_check_pairs(t, &a->o, a->predict, err,
					      sizeof err) != 0)
		return usage(_("--predict: %s"), err);
	rc = regress_fit(t, &a->o, NULL, NULL, &r, &rep, err, sizeof err);
	if (rc != 0) {
		say("%s", err);
		report_free(&rep);
		regress_result_free(&r);
		return rc == REGRESS_EDATA ? EXIT_DATA : EXIT_USAGE;
	}
	if (a->json) {
		fputs("{\"report\": ", stdout);
		report_print_json(&rep, stdout);
		fputs(",\n ", stdout);
		json_data(&r);
		json_fit(&r);
		if (a->predict && json_prediction(&r, a->predict) != 0)
			rc = EXIT_USAGE;
		fputs("}\n", stdout);
	} else {
		report_print(&rep, stdout, 20);
		print_data(&r);
		print_costs(&r);
		print_coefs(&r);
		if (a->predict && print_prediction(&r, a->predict) != 0)
			rc = EXIT_USAGE;
	}
	if (rc == 0)
		rc = report_end(&r);
	report_free(&rep);
	regress_result_free(&r);
	return rc;
}

/* taste regress. */
int cli_regress_main(int argc, char **argv, struct taste_opts *opts)
{
	struct regress_args a;
	struct regress_table *t;
	char err[1024], *path;
	int rc;

	(void)opts;
	memset(&a, 0, sizeof a);
	regress_opts_default(&a.o);
	rc = parse_args(argc, argv, &a);
	if (rc != 0) {
		free(a.feature_list);
		return rc < 0 ? 0 : rc;
	}
	path = csv_path(a.csv);
	if (!path) {
		say(_("the bundled housing data is not installed"));
		free(a.feature_list);
		return EXIT_DATA;
	}
	t = regress_table_load(path, err, sizeof err);
	if (!t) {
		say("%s", err);
		rc = EXIT_DATA;
	} else {
		rc = run(&a, t);
		regress_table_free(t);
	}
	free(path);
	free(a.feature_list);
	return rc;
}
