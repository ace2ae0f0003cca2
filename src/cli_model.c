/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_model: the model subcommands, train, eval, recommend and similar.
 *
 * train fits on the whole catalogue and saves each model to
 * <data dir>/models/<catalogue>-<model>.model. recommend and similar
 * load that file when it exists and matches the catalogue (model_load
 * checks version and fingerprint), else train and save it first.
 *
 * What a method means: "cf" is implicit ALS for recommendations (the
 * best top-10 ranker of the set) and item-kNN for similar items (its
 * neighbours read as "people who rated X rated Y alike"); "content" is
 * TF-IDF; "hybrid" the learned blend. Fewer than 5 ratings give the
 * onboarding list instead: popular and well-rated items and, from the
 * ratings and seen or wanted items there are, content-based picks, in
 * turn, picked greedily so that series, authors and genres vary; its
 * rows show their source in the reason, not a score. Loading or
 * fitting and the lists themselves are in recs.c, shared with the
 * screen.
 *
 * eval builds its runs (one split, k folds, or given train/test pairs),
 * fits every requested model on each run's train side and prints a
 * table, or one JSON object per model with the mean over runs, the
 * spread beside it and each run in "folds". */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <libintl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "cli.h"
#include "cli_model.h"
#include "cli_tune.h"
#include "csvwrite.h"
#include "eval.h"
#include "i18n.h"
#include "import.h"
#include "json.h"
#include "model/model.h"
#include "paths.h"
#include "profile.h"
#include "recs.h"
#include "safe.h"
#include "text.h"
#include "usertags.h"
#include "util.h"

enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2 };

#define LABEL_COLS 44

/* Long options without a short form. */
enum {
	OPT_CATALOG = 256, OPT_MODEL, OPT_FACTORS, OPT_EPOCHS, OPT_REG,
	OPT_SEED, OPT_THREADS, OPT_RATINGS, OPT_TRAIN, OPT_TEST, OPT_FOLDS,
	OPT_SPLIT, OPT_FRACTION, OPT_HOLDOUT, OPT_K, OPT_JSON,
	OPT_OVERLAP, OPT_SAVE_SPLIT, OPT_USER, OPT_METHOD, OPT_HELP, OPT_ID,
	OPT_GRID,
};

/* Settings given on the command line, applied over each kind's
 * defaults. */
struct cm_params {
	bool has_factors, has_epochs, has_reg, has_seed, has_threads;
	long factors, epochs, threads;
	double reg;
	uint64_t seed;
};

/* =====================================================================
 * Small helpers
 * ===================================================================== */

/* Print "taste SUB: message" on stderr; the message may quote data. */
__attribute__((format(printf, 2, 0)))
static void cm_say(const char *sub, const char *fmt, va_list ap)
{
	fprintf(stderr, "taste %s: ", sub);
	safe_vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
}

/* Print a usage error for sub and return the usage exit code. */
__attribute__((format(printf, 2, 3)))
static int cm_usage(const char *sub, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cm_say(sub, fmt, ap);
	va_end(ap);
	fprintf(stderr, _("Try 'taste %s --help'.\n"), sub);
	return EXIT_USAGE;
}

/* Print a data error for sub and return the data exit code. */
__attribute__((format(printf, 2, 3)))
static int cm_fail(const char *sub, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cm_say(sub, fmt, ap);
	va_end(ap);
	return EXIT_DATA;
}

/* A whole decimal integer in [lo, hi]. */
static bool cm_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* A whole finite number in [lo, hi]. */
static bool cm_double(const char *s, double lo, double hi, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v) || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* Mark the kinds named in a comma list ("als,baseline" or "all"). */
static bool cm_kinds(const char *list, bool kinds[MODEL_KIND_COUNT],
		     const char **bad)
{
	char *copy = xstrdup(list), *save = NULL;
	bool ok = true;
	for (char *w = strtok_r(copy, ",", &save); w;
	     w = strtok_r(NULL, ",", &save)) {
		enum model_kind k;
		if (strcmp(w, "all") == 0) {
			for (int q = 0; q < MODEL_KIND_COUNT; q++)
				kinds[q] = true;
		} else if (model_kind_parse(w, &k)) {
			kinds[k] = true;
		} else {
			*bad = list + (w - copy);
			ok = false;
			break;
		}
	}
	free(copy);
	return ok;
}

/* True when no kind is marked. */
static bool cm_kinds_none(const bool kinds[MODEL_KIND_COUNT])
{
	for (int k = 0; k < MODEL_KIND_COUNT; k++)
		if (kinds[k])
			return false;
	return true;
}

/* Take one of the shared model settings; -1 when c is not one, else 0
 * or the usage exit code. */
static int cm_param_opt(const char *sub, int c, const char *arg,
			struct cm_params *p)
{
	long v;
	switch (c) {
	case OPT_FACTORS:
		p->has_factors = cm_long(arg, 1, 1024, &p->factors);
		return p->has_factors ? 0 : cm_usage(sub,
			_("--factors wants a whole number from 1 to 1024"));
	case OPT_EPOCHS:
		p->has_epochs = cm_long(arg, 1, 10000, &p->epochs);
		return p->has_epochs ? 0 : cm_usage(sub,
			_("--epochs wants a whole number from 1 to 10000"));
	case OPT_REG:
		p->has_reg = cm_double(arg, 0, 1e6, &p->reg);
		return p->has_reg ? 0 : cm_usage(sub,
			_("--reg wants a number >= 0"));
	case OPT_SEED:
		p->has_seed = cm_long(arg, 0, LONG_MAX, &v);
		p->seed = (uint64_t)v;
		return p->has_seed ? 0 : cm_usage(sub,
			_("--seed wants a whole number >= 0"));
	case OPT_THREADS:
		p->has_threads = cm_long(arg, 1, 256, &p->threads);
		return p->has_threads ? 0 : cm_usage(sub,
			_("--threads wants a whole number from 1 to 256"));
	default:
		return -1;
	}
}

/* Kind k's defaults with the command line's settings over them. */
static void cm_params_for(enum model_kind k, const struct cm_params *cp,
			  struct model_params *p)
{
	model_params_default(k, p);
	if (cp->has_factors)
		p->factors = (int)cp->factors;
	if (cp->has_epochs)
		p->epochs = (int)cp->epochs;
	if (cp->has_reg)
		p->reg = cp->reg;
	if (cp->has_seed)
		p->seed = cp->seed;
	if (cp->has_threads)
		p->threads = (int)cp->threads;
}

/* The message getopt leaves for an unknown option or a missing value. */
static int cm_bad_option(const char *sub, int c, char **argv)
{
	const char *arg = argv[optind - 1];
	if (c == ':')
		return cm_usage(sub, _("option '%s' needs a value"), arg);
	return cm_usage(sub, _("unknown option '%s'"), arg);
}

/* Reset getopt for a fresh argument vector. */
static void cm_getopt_reset(void)
{
	optind = 0;
	opterr = 0;
}

/* Open the catalogue of the subcommand or the global option. */
static struct catalog *cm_catalog(const char *sub, const char *name,
				  const struct taste_opts *opts)
{
	char err[512];
	const char *which = name ? name : opts->catalog ? opts->catalog
			  : "movies";
	struct catalog *c = catalog_open(which, err, sizeof err);
	if (!c)
		cm_fail(sub, "%s", err);
	else
		cli_catalog_warnings(sub, c);
	return c;
}

/* =====================================================================
 * Fitting, saving and loading
 * ===================================================================== */

struct cm_progress {
	FILE *f;
	bool tty;
	const char *name;
};

/* Per-epoch report: a bar redrawn in place on a terminal, else a line
 * per epoch. */
static bool cm_on_epoch(void *ctx, const struct epoch_event *ev)
{
	struct cm_progress *p = ctx;
	char valid[48] = "";
	if (ev->has_valid)
		xsnprintf(valid, sizeof valid, _("  valid RMSE %.4f"),
			  ev->valid_rmse);
	if (p->tty) {
		int done = ev->epochs ? 20 * ev->epoch / ev->epochs : 20;
		fprintf(p->f, _("\r%s [%-20.*s] %d/%d  loss %.4f%s"),
			p->name, done, "####################", ev->epoch,
			ev->epochs, ev->train_loss, valid);
		if (ev->epoch == ev->epochs)
			fputc('\n', p->f);
	} else {
		fprintf(p->f, _("%s: epoch %d/%d  loss %.4f%s  %.1f ms\n"),
			p->name, ev->epoch, ev->epochs, ev->train_loss, valid,
			ev->seconds * 1e3);
	}
	fflush(p->f);
	return true;
}

/* Fit m on the whole catalogue, reporting epochs on f: a bar on a
 * terminal, else a line per epoch when lines is set. */
static int cm_fit(struct model *m, const struct catalog *cat, FILE *f,
		  bool lines, char *err, size_t errlen)
{
	struct cm_progress prog = { f, isatty(fileno(f)) != 0,
				    model_kind_name(m->kind) };
	bool report = prog.tty || lines;
	return recs_fit(m, cat, report ? cm_on_epoch : NULL,
			report ? &prog : NULL, err, errlen);
}

/* What recs_model's notes are about: the subcommand and catalogue. */
struct cm_note {
	const char *sub;
	const struct catalog *cat;
};

/* recs_model's notes, on stderr as before the code moved. */
static void cm_model_note(void *ctx, enum recs_event ev,
			  const struct model *m, const char *detail)
{
	const struct cm_note *n = ctx;
	char *why = safe_dup(detail);   /* it may quote a path */
	switch (ev) {
	case RECS_EV_RETRAIN:
		fprintf(stderr, _("taste %s: %s: retraining\n"), n->sub, why);
		break;
	case RECS_EV_TRAINING:
		fprintf(stderr, _("taste %s: training %s on %s (first use)\n"),
			n->sub, model_kind_name(m->kind), n->cat->name);
		break;
	case RECS_EV_TRAINED:
		fprintf(stderr, _("taste %s: trained %s in %.2f s\n"), n->sub,
			model_kind_name(m->kind), m->fit_seconds);
		break;
	case RECS_EV_NOT_SAVED:
		fprintf(stderr, _("taste %s: model not saved: %s\n"), n->sub,
			why);
		break;
	}
	free(why);
}

/* The model of kind k for cat: loaded from its file when that exists
 * and matches, else fitted (progress on stderr) and saved. */
static struct model *cm_model(const char *sub, const struct catalog *cat,
			      enum model_kind k)
{
	char err[512];
	struct cm_note note = { sub, cat };
	struct cm_progress prog = { stderr, isatty(fileno(stderr)) != 0,
				    model_kind_name(k) };
	struct recs_hooks h = { cm_model_note, &note,
				prog.tty ? cm_on_epoch : NULL, &prog, NULL };
	struct model *m = recs_model(cat, k, NULL, &h, err, sizeof err);
	if (!m)
		cm_fail(sub, "%s", err);
	return m;
}

/* =====================================================================
 * train
 * ===================================================================== */

/* taste train --help */
static void cm_train_help(void)
{
	printf("%s", _(
"Usage: taste train [--catalog C] [--model M] [--factors K] [--epochs N]\n"
"                   [--reg L] [--seed S] [--threads T]\n"
"Fit models on the whole catalogue and save them for recommend, similar\n"
"and the screen. M is a comma list of baseline, user-knn, item-knn, als,\n"
"ials, content, hybrid, or all (the default).\n"));
}

/* "N ratings, N users, N items", each noun as its count wants. */
static void cm_counts(const struct catalog *cat, char *buf, size_t n)
{
	unsigned long long r = cat->m->nnz;
	unsigned u = cat->m->n_users, i = cat->n_items;
	char rs[64], us[64], is[64];
	xsnprintf(rs, sizeof rs, ngettext("%llu rating", "%llu ratings",
					  (unsigned long)r), r);
	xsnprintf(us, sizeof us, ngettext("%u user", "%u users", u), u);
	xsnprintf(is, sizeof is, ngettext("%u item", "%u items", i), i);
	xsnprintf(buf, n, _("%s, %s, %s"), rs, us, is);
}

/* Fit, report and save one kind. */
static int cm_train_one(const struct catalog *cat, enum model_kind k,
			const struct cm_params *cp)
{
	char err[512];
	struct model_params p;
	cm_params_for(k, cp, &p);
	struct model *m = model_new(k, &p);
	char counts[200];
	cm_counts(cat, counts, sizeof counts);
	printf(_("%s: fitting on %s: %s\n"), model_kind_name(k), cat->name,
	       counts);
	fflush(stdout);
	if (cm_fit(m, cat, stdout, true, err, sizeof err) != 0) {
		model_free(m);
		return cm_fail("train", "%s: %s", model_kind_name(k), err);
	}
	if (m->warning[0])
		printf(_("%s: warning: %s\n"), model_kind_name(k), m->warning);
	char *path = recs_model_path(cat, k, err, sizeof err);
	int rc = path ? model_save(m, path, err, sizeof err) : -1;
	if (rc != 0) {
		model_free(m);
		free(path);
		return cm_fail("train", _("%s: cannot save: %s"),
			       model_kind_name(k), err);
	}
	printf(_("%s: fitted in %.2f s"), model_kind_name(k), m->fit_seconds);
	if (m->epoch_seconds > 0)
		printf(_(" (%.1f ms per epoch)"), m->epoch_seconds * 1e3);
	char *shown = safe_dup(path);
	printf(_("; saved to %s\n"), shown);
	free(shown);
	model_free(m);
	free(path);
	return EXIT_OK;
}

/* taste train */
static int cm_train(int argc, char **argv, const struct taste_opts *opts)
{
	static const struct option longopts[] = {
		{ "catalog", required_argument, NULL, OPT_CATALOG },
		{ "model", required_argument, NULL, OPT_MODEL },
		{ "factors", required_argument, NULL, OPT_FACTORS },
		{ "epochs", required_argument, NULL, OPT_EPOCHS },
		{ "reg", required_argument, NULL, OPT_REG },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 },
	};
	const char *catalog = NULL, *bad = NULL;
	bool kinds[MODEL_KIND_COUNT] = { false };
	struct cm_params cp = { 0 };
	int c, rc;
	cm_getopt_reset();
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		if ((rc = cm_param_opt("train", c, optarg, &cp)) >= 0) {
			if (rc)
				return rc;
		} else if (c == OPT_CATALOG) {
			catalog = optarg;
		} else if (c == OPT_MODEL) {
			if (!cm_kinds(optarg, kinds, &bad))
				return cm_usage("train",
						_("unknown model '%s'"), bad);
		} else if (c == OPT_HELP) {
			cm_train_help();
			return EXIT_OK;
		} else {
			return cm_bad_option("train", c, argv);
		}
	}
	if (optind < argc)
		return cm_usage("train", _("unexpected argument '%s'"),
				argv[optind]);
	if (cm_kinds_none(kinds))
		cm_kinds("all", kinds, &bad);
	struct catalog *cat = cm_catalog("train", catalog, opts);
	if (!cat)
		return EXIT_DATA;
	rc = EXIT_OK;
	if (cat->m->nnz == 0 && !kinds[MODEL_CONTENT])
		rc = cm_fail("train", _("%s has no ratings to train on"),
			     cat->name);
	else if (cat->m->nnz == 0)
		printf(_("%s has no ratings: training the content model "
			 "only\n"), cat->name);
	for (int k = 0; k < MODEL_KIND_COUNT && rc == EXIT_OK; k++)
		if (kinds[k] && (cat->m->nnz || k == MODEL_CONTENT))
			rc = cm_train_one(cat, (enum model_kind)k, &cp);
	catalog_free(cat);
	return rc;
}

/* =====================================================================
 * eval
 * ===================================================================== */

enum cm_split { CM_SPLIT_RANDOM, CM_SPLIT_TEMPORAL, CM_SPLIT_USER };

struct cm_eval_args {
	const char *catalog, *ratings, *save_split;
	const char *grid;            /* --grid: tune two settings */
	const char **train, **test;
	size_t n_train, n_test;
	bool kinds[MODEL_KIND_COUNT];
	long folds, holdout, k;
	enum cm_split split;
	bool split_given, fraction_given;
	double fraction;
	uint64_t seed;
	bool json, allow_overlap;
	struct cm_params params;
};

/* One train/test pair that the models are measured on. */
struct cm_run {
	size_t data;                 /* index into the data sets */
	struct triplets own_train, own_test;
	const struct triplets *train, *test;
};

/* Everything an evaluation has: data sets, runs, results. */
struct cm_eval {
	struct eval_data *data;
	size_t n_data;
	struct cm_run *runs;
	size_t n_runs;
	const char *split_name;      /* machine word for JSON */
	struct eval_metrics *res;    /* MODEL_KIND_COUNT x n_runs */
	bool failed[MODEL_KIND_COUNT];
};

/* taste eval --help */
static void cm_eval_help(void)
{
	printf("%s", _(
"Usage: taste eval [--catalog C | --ratings FILE | --train FILE --test FILE]\n"
"                  [--model M] [--folds N] [--split random|temporal|user]\n"
"                  [--test-fraction F] [--holdout N] [--seed S] [--k K]\n"
"                  [--factors K] [--epochs N] [--reg L] [--threads T]\n"
"                  [--allow-overlap] [--save-split DIR] [--json]\n"
"                  [--grid 'factors=16,32;reg=0.05,0.1']\n"
"Measure models on held-out ratings: RMSE and MAE on pairs whose user\n"
"and item have training ratings, and precision, recall, NDCG, MAP and\n"
"hit rate at K ranking every item a user has not rated in training\n"
"(relevant: rating >= min + 0.75 x range, 4 on a 5-point scale), with\n"
"catalogue coverage and intra-list diversity. --train and --test may be\n"
"repeated for several pairs (u1.base/u1.test ... u5); a file with a\n"
"split column is split as it says. --split user holds out each user's\n"
"last N ratings (--holdout, default 1); temporal holds out the latest\n"
"F of all ratings; random (the default) F of the pairs, or N folds.\n"
"--grid tunes two settings of one --model (default als) by N-fold\n"
"validation (default 3): a table of mean validation RMSE (NDCG@K for\n"
"ials) with the best cell.\n"));
}

/* Take one eval option; 0, or an exit code. */
static int cm_eval_opt(struct cm_eval_args *a, int c, char **argv)
{
	const char *bad = NULL;
	switch (c) {
	case OPT_CATALOG: a->catalog = optarg; return 0;
	case OPT_RATINGS: a->ratings = optarg; return 0;
	case OPT_SAVE_SPLIT: a->save_split = optarg; return 0;
	case OPT_GRID: a->grid = optarg; return 0;
	case OPT_JSON: a->json = true; return 0;
	case OPT_OVERLAP: a->allow_overlap = true; return 0;
	case OPT_TRAIN:
		a->train = xrealloc(a->train, (a->n_train + 1) *
				    sizeof *a->train);
		a->train[a->n_train++] = optarg;
		return 0;
	case OPT_TEST:
		a->test = xrealloc(a->test, (a->n_test + 1) * sizeof *a->test);
		a->test[a->n_test++] = optarg;
		return 0;
	case OPT_MODEL:
		return cm_kinds(optarg, a->kinds, &bad) ? 0 : cm_usage("eval",
			_("unknown model '%s'"), bad);
	case OPT_FOLDS:
		return cm_long(optarg, 2, 100, &a->folds) ? 0 : cm_usage(
			"eval", _("--folds wants a number from 2 to 100"));
	case OPT_HOLDOUT:
		return cm_long(optarg, 1, 1000, &a->holdout) ? 0 : cm_usage(
			"eval", _("--holdout wants a whole number >= 1"));
	case OPT_K:
		return cm_long(optarg, 1, 1000, &a->k) ? 0 : cm_usage(
			"eval", _("--k wants a whole number from 1 to 1000"));
	case OPT_FRACTION:
		a->fraction_given = true;
		return cm_double(optarg, 0.001, 0.999, &a->fraction) ? 0 :
			cm_usage("eval", _("--test-fraction wants a number "
					   "between 0 and 1"));
	case OPT_SPLIT:
		a->split_given = true;
		if (strcmp(optarg, "random") == 0)
			a->split = CM_SPLIT_RANDOM;
		else if (strcmp(optarg, "temporal") == 0)
			a->split = CM_SPLIT_TEMPORAL;
		else if (strcmp(optarg, "user") == 0)
			a->split = CM_SPLIT_USER;
		else
			return cm_usage("eval", _("--split takes random, "
					"temporal or user, not '%s'"), optarg);
		return 0;
	case OPT_HELP:
		cm_eval_help();
		return -1;
	default:
		return cm_bad_option("eval", c, argv);
	}
}

/* Parse eval's arguments; 0, -1 after --help, or the usage code. */
static int cm_eval_parse(struct cm_eval_args *a, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "catalog", required_argument, NULL, OPT_CATALOG },
		{ "ratings", required_argument, NULL, OPT_RATINGS },
		{ "train", required_argument, NULL, OPT_TRAIN },
		{ "test", required_argument, NULL, OPT_TEST },
		{ "model", required_argument, NULL, OPT_MODEL },
		{ "folds", required_argument, NULL, OPT_FOLDS },
		{ "split", required_argument, NULL, OPT_SPLIT },
		{ "test-fraction", required_argument, NULL, OPT_FRACTION },
		{ "holdout", required_argument, NULL, OPT_HOLDOUT },
		{ "k", required_argument, NULL, OPT_K },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "allow-overlap", no_argument, NULL, OPT_OVERLAP },
		{ "save-split", required_argument, NULL, OPT_SAVE_SPLIT },
		{ "grid", required_argument, NULL, OPT_GRID },
		{ "factors", required_argument, NULL, OPT_FACTORS },
		{ "epochs", required_argument, NULL, OPT_EPOCHS },
		{ "reg", required_argument, NULL, OPT_REG },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;
	cm_getopt_reset();
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		rc = cm_param_opt("eval", c, optarg, &a->params);
		if (rc < 0)
			rc = cm_eval_opt(a, c, argv);
		if (rc)
			return rc;
	}
	if (optind < argc)
		return cm_usage("eval", _("unexpected argument '%s'"),
				argv[optind]);
	return 0;
}

/* Check that the options make one kind of evaluation; 0 or usage. */
static int cm_eval_check(struct cm_eval_args *a)
{
	if (a->n_train != a->n_test)
		return cm_usage("eval", _("give --train and --test in pairs "
				"(%zu --train, %zu --test)"), a->n_train,
				a->n_test);
	if ((a->n_train > 0) + (a->ratings != NULL) +
	    (a->catalog != NULL) > 1)
		return cm_usage("eval", _("give one of --catalog, --ratings "
				"or --train/--test"));
	if (a->folds && a->split != CM_SPLIT_RANDOM)
		return cm_usage("eval", _("--folds goes with the random "
				"split only"));
	if (a->n_train && (a->folds || a->split_given ||
			   a->fraction_given))
		return cm_usage("eval", _("given train/test files are "
				"already split: drop --folds, --split and "
				"--test-fraction"));
	if (a->folds && a->fraction_given)
		return cm_usage("eval", _("--folds sets the test fraction "
				"(1/N): drop --test-fraction"));
	if (cm_kinds_none(a->kinds))
		for (int k = 0; k < MODEL_KIND_COUNT; k++)
			a->kinds[k] = true;
	return 0;
}

/* Load the data sets the arguments name. */
static int cm_eval_load(struct cm_eval *e, const struct cm_eval_args *a,
			const struct taste_opts *opts, struct catalog **cat)
{
	char err[512];
	size_t n = a->n_train ? a->n_train : 1;
	e->data = xcalloc(n, sizeof *e->data);
	for (size_t i = 0; i < n; i++) {
		int rc;
		e->n_data = i + 1;
		if (a->n_train) {
			rc = eval_data_from_pair(&e->data[i], a->train[i],
						 a->test[i], err, sizeof err);
		} else if (a->ratings) {
			rc = eval_data_from_file(&e->data[i], a->ratings, err,
						 sizeof err);
		} else {
			*cat = cm_catalog("eval", a->catalog, opts);
			if (!*cat)
				return EXIT_DATA;
			rc = eval_data_from_catalog(&e->data[i], *cat,
					a->split != CM_SPLIT_RANDOM, err,
					sizeof err);
		}
		if (rc != 0)
			return cm_fail("eval", "%s", err);
	}
	return EXIT_OK;
}

/* Refuse data sets whose sides share pairs, unless allowed. */
static int cm_eval_overlap(const struct cm_eval *e, bool allow)
{
	for (size_t i = 0; i < e->n_data; i++) {
		uint64_t o = e->data[i].overlap;
		if (!o)
			continue;
		fprintf(stderr, ngettext("taste eval: %llu pair appears in "
					 "both train and test\n",
					 "taste eval: %llu pairs appear in "
					 "both train and test\n",
					 (unsigned long)o),
			(unsigned long long)o);
		if (!allow) {
			fprintf(stderr, _("taste eval: refusing to evaluate "
				"on leaked pairs (--allow-overlap runs "
				"anyway)\n"));
			return EXIT_DATA;
		}
	}
	return EXIT_OK;
}

/* Make the runs: given pairs as they are, else the chosen split. */
static int cm_eval_runs(struct cm_eval *e, const struct cm_eval_args *a)
{
	char err[512];
	struct eval_data *d = &e->data[0];
	size_t n = d->preassigned ? e->n_data : a->folds ? (size_t)a->folds
		 : 1;
	e->runs = xcalloc(n, sizeof *e->runs);
	e->n_runs = n;
	for (size_t r = 0; r < n; r++) {
		struct cm_run *run = &e->runs[r];
		run->data = d->preassigned ? r : 0;
		run->train = &run->own_train;
		run->test = &run->own_test;
		if (d->preassigned) {
			run->train = &e->data[r].train;
			run->test = &e->data[r].test;
		} else if (a->folds) {
			eval_split_kfold(&d->all, (int)a->folds, (int)r,
					 a->seed, &run->own_train,
					 &run->own_test);
		} else if (a->split == CM_SPLIT_USER) {
			eval_split_user(&d->all, (int)a->holdout,
					&run->own_train, &run->own_test);
		} else if (a->split == CM_SPLIT_TEMPORAL) {
			if (eval_split_temporal(&d->all, a->fraction,
						&run->own_train,
						&run->own_test, err,
						sizeof err) != 0)
				return cm_fail("eval", "%s", err);
		} else {
			eval_split_random(&d->all, a->fraction, a->seed,
					  &run->own_train, &run->own_test);
		}
	}
	return EXIT_OK;
}

/* The split's machine name. */
static const char *cm_split_name(const struct cm_eval *e,
				 const struct cm_eval_args *a)
{
	if (e->data[0].preassigned)
		return a->n_train ? "given" : "column";
	if (a->folds)
		return "kfold";
	return a->split == CM_SPLIT_USER ? "user"
	     : a->split == CM_SPLIT_TEMPORAL ? "temporal" : "random";
}

/* Write rows as user_id,item_id,rating,timestamp to path. */
static int cm_write_rows(const char *path, const struct catalog *cat,
			 const struct triplets *t)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "user_id,item_id,rating,timestamp\n");
	for (size_t k = 0; k < t->n; k++) {
		const struct triplet *r = &t->v[k];
		csv_put_field(f, intern_str(cat->user_ids, r->user));
		fputc(',', f);
		csv_put_field(f, intern_str(cat->item_ids, r->item));
		fprintf(f, ",%g,", (double)r->value);
		if (r->ts != INT64_MIN)
			fprintf(f, "%lld", (long long)r->ts);
		fputc('\n', f);
	}
	return fclose(f) == 0 ? 0 : -1;
}

/* --save-split: each run's sides as DIR/train-R.csv and test-R.csv, so
 * another tool can be measured on exactly the same rows. */
static int cm_save_split(const struct cm_eval *e, const char *dir)
{
	if (paths_mkdir_p(dir, 0755) != 0)
		return cm_fail("eval", _("cannot create %s: %s"), dir,
			       strerror(errno));
	for (size_t r = 0; r < e->n_runs; r++) {
		const struct catalog *cat = e->data[e->runs[r].data].cat;
		char *tr = xasprintf("%s/train-%zu.csv", dir, r + 1);
		char *te = xasprintf("%s/test-%zu.csv", dir, r + 1);
		int rc = cm_write_rows(tr, cat, e->runs[r].train) |
			 cm_write_rows(te, cat, e->runs[r].test);
		if (rc)
			cm_fail("eval", _("cannot write %s: %s"), tr,
				strerror(errno));
		free(tr);
		free(te);
		if (rc)
			return EXIT_DATA;
	}
	return EXIT_OK;
}

/* Fit and measure every requested model on every run. */
static void cm_eval_measure(struct cm_eval *e, const struct cm_eval_args *a)
{
	bool tty = isatty(STDERR_FILENO);
	e->res = xcalloc((size_t)MODEL_KIND_COUNT * e->n_runs,
			 sizeof *e->res);
	for (size_t r = 0; r < e->n_runs; r++) {
		const struct cm_run *run = &e->runs[r];
		const struct catalog *cat = e->data[run->data].cat;
		struct eval_opts o;
		eval_opts_default(&o, &cat->scale);
		o.k = (int)a->k;
		if (a->params.has_threads)
			o.threads = (int)a->params.threads;
		for (int k = 0; k < MODEL_KIND_COUNT; k++) {
			if (!a->kinds[k] || e->failed[k])
				continue;
			char err[512];
			struct model_params p;
			struct eval_metrics *out = &e->res[(size_t)k *
							   e->n_runs + r];
			cm_params_for((enum model_kind)k, &a->params, &p);
			fprintf(stderr, tty ? "\r\033[K%s %zu/%zu %s" :
				"%s %zu/%zu %s\n", _("eval: run"), r + 1,
				e->n_runs, model_kind_name(k));
			if (eval_run((enum model_kind)k, &p, cat, run->train,
				     run->test, &o, out, err,
				     sizeof err) != 0) {
				cm_fail("eval", "%s: %s", model_kind_name(k),
					err);
				e->failed[k] = true;
			}
		}
	}
	if (tty)
		fprintf(stderr, "\r\033[K");
}

/* ---- eval output ---------------------------------------------------- */

/* One metric for JSON: null when the run has none of it. */
static void cm_json_num(FILE *f, const char *key, bool valid, double v)
{
	fprintf(f, ", ");
	json_string(f, key);
	fprintf(f, ": ");
	if (valid)
		json_number(f, v);
	else
		fprintf(f, "null");
}

/* The metric fields of r as JSON members named with suffix; which are
 * valid (not null) is read from v (the mean, for a spread). */
static void cm_json_metrics(FILE *f, const struct eval_metrics *r,
			    const struct eval_metrics *v, const char *suffix)
{
	static const char *const names[] = {
		"rmse", "mae", "precision_at_k", "recall_at_k", "ndcg_at_k",
		"map_at_k", "hit_rate", "coverage", "diversity",
		"fit_seconds", "epoch_seconds", "eval_seconds",
	};
	const double val[] = {
		r->rmse, r->mae, r->precision, r->recall, r->ndcg, r->map,
		r->hit_rate, r->coverage, r->diversity, r->fit_seconds,
		r->epoch_seconds, r->eval_seconds,
	};
	for (size_t q = 0; q < ARRAY_LEN(names); q++) {
		char key[48];
		bool valid = q < 2 ? v->scored_pairs > 0
			   : q == 8 ? v->has_diversity
			   : q < 8 ? v->ranked_users > 0 : true;
		xsnprintf(key, sizeof key, "%s%s", names[q], suffix);
		cm_json_num(f, key, valid, val[q]);
	}
}

/* The counts of r as JSON members. */
static void cm_json_counts(FILE *f, const struct eval_metrics *r)
{
	fprintf(f, ", \"test_pairs\": %llu, \"cold_pairs\": %llu, "
		"\"fallback_pairs\": %llu, \"scored_pairs\": %llu, "
		"\"ranked_users\": %u",
		(unsigned long long)r->test_pairs,
		(unsigned long long)r->cold_pairs,
		(unsigned long long)r->fallback_pairs,
		(unsigned long long)r->scored_pairs, r->ranked_users);
}

/* One JSON object for model k: settings, mean, spread and each run. */
static void cm_json_model(const struct cm_eval *e,
			  const struct cm_eval_args *a, int k)
{
	const struct eval_metrics *runs = &e->res[(size_t)k * e->n_runs];
	const struct catalog *cat = e->data[0].cat;
	struct eval_metrics mean, std;
	uint64_t overlap = 0;
	eval_summarise(runs, e->n_runs, &mean, &std);
	for (size_t i = 0; i < e->n_data; i++)
		overlap += e->data[i].overlap;
	printf("{\"model\": ");
	json_string(stdout, model_kind_name(k));
	printf(", \"data\": ");
	json_string(stdout, e->data[0].source);
	printf(", \"split\": ");
	json_string(stdout, e->split_name);
	printf(", \"seed\": %llu, \"k\": %ld, \"runs\": %zu, \"overlap\": "
	       "%llu, \"relevant_min\": ", (unsigned long long)a->seed, a->k,
	       e->n_runs, (unsigned long long)overlap);
	json_number(stdout, eval_relevant_min(&cat->scale));
	cm_json_counts(stdout, &mean);
	cm_json_metrics(stdout, &mean, &mean, "");
	if (e->n_runs > 1) {
		cm_json_metrics(stdout, &std, &mean, "_std");
		printf(", \"folds\": [");
		for (size_t r = 0; r < e->n_runs; r++) {
			printf("%s{\"fold\": %zu", r ? ", " : "", r + 1);
			cm_json_counts(stdout, &runs[r]);
			cm_json_metrics(stdout, &runs[r], &runs[r], "");
			printf("}");
		}
		printf("]");
	}
	printf("}");
}

/* eval --json: an array with one object per model, one per line. */
static void cm_eval_json(const struct cm_eval *e,
			 const struct cm_eval_args *a)
{
	bool first = true;
	printf("[");
	for (int k = 0; k < MODEL_KIND_COUNT; k++) {
		if (!a->kinds[k] || e->failed[k])
			continue;
		printf("%s\n", first ? "" : ",");
		cm_json_model(e, a, k);
		first = false;
	}
	printf("\n]\n");
}

/* A metric in a table cell, "n/a" when the run has none of it. */
static void cm_cell(bool valid, double v)
{
	if (valid)
		printf("%8.4f", v);
	else
		printf("%8s", _("n/a"));
}

/* One table row of metrics; v tells which are valid (the mean, for a
 * spread). */
static void cm_table_row(const char *name, const struct eval_metrics *r,
			 const struct eval_metrics *v)
{
	bool ranked = v->ranked_users > 0;
	printf("%-12s", name);
	cm_cell(v->scored_pairs > 0, r->rmse);
	cm_cell(v->scored_pairs > 0, r->mae);
	cm_cell(ranked, r->precision);
	cm_cell(ranked, r->recall);
	cm_cell(ranked, r->ndcg);
	cm_cell(ranked, r->map);
	cm_cell(ranked, r->hit_rate);
	cm_cell(ranked, r->coverage);
	cm_cell(v->has_diversity, r->diversity);
	printf("%8.2f\n", r->fit_seconds);
}

/* What was evaluated, how, and what was left out. */
static void cm_eval_intro(const struct cm_eval *e,
			  const struct cm_eval_args *a)
{
	const struct catalog *cat = e->data[0].cat;
	char sc[64], users[64], items[64];
	scale_describe(&cat->scale, sc, sizeof sc);
	xsnprintf(users, sizeof users, ngettext("%u user", "%u users",
						cat->m->n_users),
		  cat->m->n_users);
	xsnprintf(items, sizeof items, ngettext("%u item", "%u items",
						cat->n_items), cat->n_items);
	printf(_("data: %s (%s), %s, %s, scale %s\n"), cat->name,
	       e->data[0].source, users, items, sc);
	printf(_("split: %s"), e->split_name);
	if (!e->data[0].preassigned)
		printf(_(", seed %llu"), (unsigned long long)a->seed);
	if (a->folds)
		printf(ngettext(", %ld fold", ", %ld folds",
				(unsigned long)a->folds), a->folds);
	else if (strcmp(e->split_name, "user") == 0)
		printf(_(", last %ld per user"), a->holdout);
	else if (!e->data[0].preassigned)
		printf(_(", test fraction %g"), a->fraction);
	printf(ngettext("; %zu run, train %zu, test %zu ratings (run 1)\n",
			"; %zu runs, train %zu, test %zu ratings (run 1)\n",
			e->n_runs), e->n_runs, e->runs[0].train->n,
	       e->runs[0].test->n);
	printf(_("relevant: rating >= %g (min + 0.75 x range); every item a "
		 "user has not rated in training is ranked; k = %ld\n"),
	       eval_relevant_min(&cat->scale), a->k);
	printf(_("diversity: mean pairwise 1 - cosine of genre and tag sets "
		 "in each list\n"));
}

/* The cold pairs line, from the first measured model. */
static void cm_eval_cold(const struct cm_eval *e,
			 const struct cm_eval_args *a)
{
	for (int k = 0; k < MODEL_KIND_COUNT; k++) {
		if (!a->kinds[k] || e->failed[k])
			continue;
		struct eval_metrics mean, std;
		eval_summarise(&e->res[(size_t)k * e->n_runs], e->n_runs,
			       &mean, &std);
		unsigned long long c = mean.cold_pairs;
		if (c)
			printf(ngettext("%llu test pair skipped: unknown "
					"user/item\n", "%llu test pairs "
					"skipped: unknown user/item\n",
					(unsigned long)c), c);
		return;
	}
}

/* eval as a table: a row per model, with spread and folds when there
 * are several runs. */
static void cm_eval_table(const struct cm_eval *e,
			  const struct cm_eval_args *a)
{
	cm_eval_intro(e, a);
	cm_eval_cold(e, a);
	char at[4][16];
	xsnprintf(at[0], sizeof at[0], "P@%ld", a->k);
	xsnprintf(at[1], sizeof at[1], "R@%ld", a->k);
	xsnprintf(at[2], sizeof at[2], "NDCG@%ld", a->k);
	xsnprintf(at[3], sizeof at[3], "MAP@%ld", a->k);
	printf("\n%-12s%8s%8s%8s%8s%8s%8s%8s%8s%8s%8s\n", _("model"), "RMSE",
	       "MAE", at[0], at[1], at[2], at[3], _("hit"), _("cover"),
	       _("divers"), _("fit s"));
	for (int k = 0; k < MODEL_KIND_COUNT; k++) {
		if (!a->kinds[k] || e->failed[k])
			continue;
		const struct eval_metrics *runs = &e->res[(size_t)k *
							  e->n_runs];
		struct eval_metrics mean, std;
		eval_summarise(runs, e->n_runs, &mean, &std);
		cm_table_row(model_kind_name(k), &mean, &mean);
		if (e->n_runs < 2)
			continue;
		cm_table_row(_("  +- std"), &std, &mean);
		for (size_t r = 0; r < e->n_runs; r++) {
			char name[32];
			xsnprintf(name, sizeof name, _("  fold %zu"), r + 1);
			cm_table_row(name, &runs[r], &runs[r]);
		}
	}
}

/* Free an evaluation. */
static void cm_eval_free(struct cm_eval *e, struct cm_eval_args *a)
{
	for (size_t r = 0; r < e->n_runs; r++) {
		triplets_free(&e->runs[r].own_train);
		triplets_free(&e->runs[r].own_test);
	}
	for (size_t i = 0; i < e->n_data; i++)
		eval_data_free(&e->data[i]);
	free(e->runs);
	free(e->data);
	free(e->res);
	free(a->train);
	free(a->test);
}

/* Notes before measuring: rows left out, the holdout's leak. */
static void cm_eval_notes(const struct cm_eval *e,
			  const struct cm_eval_args *a)
{
	uint64_t rej = 0;
	for (size_t i = 0; i < e->n_data; i++)
		rej += e->data[i].rows_rejected;
	if (rej)
		fprintf(stderr, ngettext("taste eval: %llu unusable row left "
					 "out\n", "taste eval: %llu unusable "
					 "rows left out\n",
					 (unsigned long)rej),
			(unsigned long long)rej);
	if (!e->data[0].preassigned && a->split == CM_SPLIT_USER)
		fprintf(stderr, _("taste eval: warning: per-user holdout "
			"keeps other users' later ratings in training, so "
			"the scores are optimistic; --split temporal "
			"avoids that leak\n"));
}

/* --grid: the tuning table of one kind over k folds (cli_tune.c). */
static int cm_eval_grid(const struct cm_eval *e, const struct cm_eval_args *a)
{
	enum model_kind kind = MODEL_ALS;
	struct tune_opts o;
	int n = 0;

	for (int k = 0; k < MODEL_KIND_COUNT; k++)
		if (a->kinds[k])
			n++, kind = (enum model_kind)k;
	if (n == MODEL_KIND_COUNT)
		kind = MODEL_ALS;
	else if (n != 1)
		return cm_usage("eval", _("--grid tunes one --model"));
	if (e->data[0].preassigned || a->split != CM_SPLIT_RANDOM)
		return cm_usage("eval", _("--grid makes its own folds: give "
				"--catalog or --ratings without a split"));
	tune_opts_default(&o, kind, &e->data[0].cat->scale);
	cm_params_for(kind, &a->params, &o.base);
	o.folds = a->folds ? (int)a->folds : TUNE_FOLDS;
	o.seed = a->seed;
	o.eval.k = (int)a->k;
	if (a->params.has_threads)
		o.eval.threads = (int)a->params.threads;
	return cli_tune_eval(&e->data[0], a->grid, &o, a->json);
}

/* taste eval */
static int cm_eval(int argc, char **argv, const struct taste_opts *opts)
{
	struct cm_eval_args a = { .k = 10, .fraction = 0.2, .holdout = 1,
				  .seed = 1 };
	struct cm_eval e = { 0 };
	struct catalog *cat = NULL;
	int rc = cm_eval_parse(&a, argc, argv);
	if (rc == 0)
		rc = cm_eval_check(&a);
	if (a.params.has_seed)
		a.seed = a.params.seed;
	if (rc == 0)
		rc = cm_eval_load(&e, &a, opts, &cat);
	if (rc == 0)
		rc = cm_eval_overlap(&e, a.allow_overlap);
	if (rc == 0 && a.grid) {
		rc = cm_eval_grid(&e, &a);
		cm_eval_free(&e, &a);
		catalog_free(cat);
		return rc;
	}
	if (rc == 0)
		rc = cm_eval_runs(&e, &a);
	if (rc == 0 && a.save_split)
		rc = cm_save_split(&e, a.save_split);
	if (rc == 0) {
		e.split_name = cm_split_name(&e, &a);
		cm_eval_notes(&e, &a);
		cm_eval_measure(&e, &a);
		if (a.json)
			cm_eval_json(&e, &a);
		else
			cm_eval_table(&e, &a);
		for (int k = 0; k < MODEL_KIND_COUNT; k++)
			if (a.kinds[k] && e.failed[k])
				rc = EXIT_DATA;
	}
	cm_eval_free(&e, &a);
	catalog_free(cat);
	return rc < 0 ? EXIT_OK : rc;
}

/* =====================================================================
 * recommend and similar
 * ===================================================================== */

/* The model kind a method means for recommend or similar. */
static bool cm_method(const char *s, bool similar, enum model_kind *k)
{
	if (strcmp(s, "cf") == 0)
		*k = similar ? MODEL_ITEM_KNN : MODEL_IALS;
	else if (strcmp(s, "content") == 0)
		*k = MODEL_CONTENT;
	else if (strcmp(s, "hybrid") == 0)
		*k = MODEL_HYBRID;
	else
		return false;
	return true;
}

/* The JSON name of where an onboarding row comes from. */
static const char *cm_source_name(enum recs_source s)
{
	return s == RECS_FROM_CONTENT ? "content" : "popular";
}

/* A list for people, or as a JSON array of {id, title, year, score,
 * reason} and, for an onboarding row, its source ("content" or
 * "popular"). An onboarding row shows no score: its two sources' do
 * not compare, and its reason says where it comes from. */
static void cm_print_list(const struct catalog *cat,
			  const struct recs_entry *e, size_t n, bool json)
{
	char label[512];
	if (json)
		printf("[");
	for (size_t q = 0; q < n; q++) {
		const struct item *it = &cat->items[e[q].item];
		if (json) {
			printf("%s\n{\"id\": ", q ? "," : "");
			json_string(stdout, intern_str(cat->item_ids,
						       e[q].item));
			printf(", \"title\": ");
			json_string(stdout, it->title);
			printf(", \"year\": ");
			if (it->year)
				printf("%d", it->year);
			else
				printf("null");
			printf(", \"score\": ");
			json_number(stdout, e[q].score);
			printf(", \"reason\": ");
			json_string(stdout, e[q].reason);
			if (e[q].source != RECS_FROM_MODEL)
				printf(", \"source\": \"%s\"",
				       cm_source_name(e[q].source));
			printf("}");
			continue;
		}
		catalog_item_label_fit(cat, e[q].item, LABEL_COLS, false,
				       label, sizeof label);
		size_t w = text_width(label);
		printf("%3zu. %s%*s ", q + 1, label,
		       w < LABEL_COLS ? (int)(LABEL_COLS - w) : 0, "");
		if (e[q].source == RECS_FROM_MODEL)
			printf("%7.3f  ", e[q].score);
		else
			putchar(' ');
		safe_fputs(e[q].reason, stdout);    /* it may name items */
		putchar('\n');
	}
	if (json)
		printf("%s]\n", n ? "\n" : "");
}

/* Whose ratings a recommendation is for: a catalogue user's row or
 * "you" (the profile's ratings and the signals journal's items). */
struct cm_who {
	uint32_t user;            /* catalogue row or MODEL_NO_USER */
	struct rvec rv;           /* the ratings */
	struct recs_you you;      /* "you": ratings and signals (owned) */
	struct usertags *words;   /* your words of items, which you uses */
	char name[128];
};

/* The signals journal of cat, read-only (a missing one is empty and
 * is not created). EXIT_OK, or EXIT_DATA after a message. */
static int cm_signals_open(const struct catalog *cat, struct profile **s)
{
	char err[512], msg[1024];
	*s = import_signals_read(cat, err, sizeof err);
	if (!*s)
		return cm_fail("recommend", "%s", err);
	if (profile_unreadable_message(*s, msg, sizeof msg))
		cm_fail("recommend", _("warning: %s"), msg);
	struct profile_dropped d = profile_dropped(*s);
	if (d.off_scale + d.unknown)
		cm_fail("recommend", _("warning: %zu of the signals in %s "
			"were ignored: %zu neither seen (1) nor wanted (2), "
			"%zu for items not in this catalogue"),
			d.off_scale + d.unknown, profile_path(*s),
			d.off_scale, d.unknown);
	return EXIT_OK;
}

/* Your ratings from the profile and your signals, mapped to the
 * catalogue's items (both journals read-only). */
static int cm_who_you(const struct catalog *cat, struct cm_who *w)
{
	struct profile *p = cli_profile_read("recommend", cat), *s;
	if (!p)
		return EXIT_DATA;
	if (cm_signals_open(cat, &s) != EXIT_OK) {
		profile_close(p);
		return EXIT_DATA;
	}
	char err[512];
	w->words = usertags_open(NULL, cat->key, err, sizeof err);
	if (!w->words)      /* your words are a help, not a need */
		cm_fail("recommend", _("warning: %s (your shelves, tags and "
				       "genres are left out)"), err);
	else if (usertags_problem(w->words))
		cm_fail("recommend", _("warning: %s"),
			usertags_problem(w->words));
	recs_you_from_profile(&w->you, cat, p);
	recs_you_add_signals(&w->you, cat, s);
	recs_you_add_words(&w->you, cat, w->words);
	w->rv = w->you.rv;
	w->user = MODEL_NO_USER;
	xsnprintf(w->name, sizeof w->name, "%s", _("you"));
	profile_close(s);
	profile_close(p);
	return EXIT_OK;
}

/* "you: 3 items you have seen or want ...", when there are any. */
static void cm_note_signals(const struct cm_who *w, FILE *note)
{
	size_t n = w->you.sig.n;
	if (n)
		fprintf(note, ngettext("%s: %zu item you have seen or want "
			"counts too, and is not listed\n", "%s: %zu items "
			"you have seen or want count too, and are not "
			"listed\n", (unsigned long)n), w->name, n);
}

/* A catalogue user's ratings (none when the id has no ratings). */
static void cm_who_user(const struct catalog *cat, const char *id,
			struct cm_who *w)
{
	uint32_t u = intern_find(cat->user_ids, id);
	char shown[sizeof w->name];
	safe_text(id, shown, sizeof shown);     /* printed as the name */
	xsnprintf(w->name, sizeof w->name, _("user %s"), shown);
	w->user = MODEL_NO_USER;
	w->rv = (struct rvec){ 0, NULL, NULL };
	if (u != INTERN_NONE && u < cat->m->n_users) {
		w->user = u;
		w->rv = rmatrix_by_user(cat->m, u);
	}
}

/* The onboarding list for fewer than RECS_ONBOARD_MIN ratings: popular
 * items and content picks from the ratings there are, in turn. */
static int cm_recommend_few(const struct catalog *cat,
			    const struct cm_who *w, struct recs_entry *out,
			    size_t n, bool json, size_t *got)
{
	FILE *note = json ? stderr : stdout;
	struct model *m = NULL;
	struct model_you you = recs_you_model(&w->you);
	if (w->user != MODEL_NO_USER)
		you = (struct model_you){ w->rv, { 0, NULL, NULL }, NULL,
					    false, NULL };
	if (w->rv.n == 0) {
		fprintf(note, _("%s: no ratings yet: showing popular / "
			"content-based\n"), w->name);
	} else if (!cat->has_ratings) {
		/* no number of yours unlocks what the catalogue lacks */
		fprintf(note, ngettext("%s: %zu rating so far: showing "
			"popular / content-based (%d give content-based lists "
			"of your own)\n", "%s: %zu ratings so far: showing "
			"popular / content-based (%d give content-based lists "
			"of your own)\n", (unsigned long)w->rv.n), w->name,
			w->rv.n, RECS_ONBOARD_MIN);
	} else {
		fprintf(note, ngettext("%s: %zu rating so far: showing "
			"popular / content-based (%d unlock collaborative "
			"lists)\n", "%s: %zu ratings so far: showing popular "
			"/ content-based (%d unlock collaborative lists)\n",
			(unsigned long)w->rv.n), w->name, w->rv.n,
			RECS_ONBOARD_MIN);
	}
	cm_note_signals(w, note);
	if (you.ratings.n + you.signals.n > 0) {
		m = cm_model("recommend", cat, MODEL_CONTENT);
		if (!m)
			return EXIT_DATA;
	}
	*got = recs_few(cat, m, &you, out, n);
	model_free(m);
	return EXIT_OK;
}

/* Without community ratings (books without ratings.csv) only content
 * can answer: switch to it and say so. */
static enum model_kind cm_usable_kind(const struct catalog *cat,
				      enum model_kind k, bool json)
{
	if (cat->m->nnz > 0 || k == MODEL_CONTENT)
		return k;
	fprintf(json ? stderr : stdout, _("%s has no community ratings: "
		"showing content-based\n"), cat->name);
	return MODEL_CONTENT;
}

/* Recommendations for w with the kind k, or the onboarding list. */
/* A predicted rating is shown on the scale (5.2 of 1-5 as 5): models
 * and lists keep the unclipped value, which orders the list. iALS's
 * scores are no ratings and are not clipped. */
static void cm_clip_scores(const struct scale *s, struct recs_entry *e,
			   size_t n)
{
	for (size_t q = 0; q < n; q++)
		e[q].score = e[q].score < s->min ? s->min
			   : e[q].score > s->max ? s->max : e[q].score;
}

static int cm_recommend_run(const struct catalog *cat, struct cm_who *w,
			    enum model_kind k, size_t n, bool json)
{
	struct recs_entry *out = xcalloc(n ? n : 1, sizeof *out);
	size_t got = 0;
	int rc = EXIT_OK;
	if (w->rv.n < RECS_ONBOARD_MIN) {
		rc = cm_recommend_few(cat, w, out, n, json, &got);
	} else {
		k = cm_usable_kind(cat, k, json);
		struct model *m = cm_model("recommend", cat, k);
		if (!m) {
			rc = EXIT_DATA;
		} else {
			struct model_you you = recs_you_model(&w->you);
			got = recs_model_list(m, w->user, w->user ==
					      MODEL_NO_USER ? &you : NULL,
					      false, out, n);
			if (!json && k != MODEL_IALS)
				cm_clip_scores(&m->scale, out, got);
			model_free(m);
		}
		if (!json && rc == EXIT_OK)
			printf(ngettext("%s: %s recommendations from %zu "
					"rating\n", "%s: %s recommendations "
					"from %zu ratings\n", w->rv.n),
			       w->name, model_kind_label(k), w->rv.n);
		if (rc == EXIT_OK)
			cm_note_signals(w, json ? stderr : stdout);
	}
	if (rc == EXIT_OK && !got && !json)
		printf("%s", _("  n/a: nothing left to list (what is not "
			       "rated, seen or wanted, this method cannot "
			       "score)\n"));
	if (rc == EXIT_OK)
		cm_print_list(cat, out, got, json);
	free(out);
	return rc;
}

/* Options shared by recommend and similar. */
struct cm_list_args {
	const char *catalog, *user, *method, *id;
	long n;
	bool json;
};

/* Parse the options of recommend or similar; 0, -1 after --help, or
 * the usage code. */
static int cm_list_parse(const char *sub, int argc, char **argv,
			 struct cm_list_args *a, void (*help)(void))
{
	static const struct option longopts[] = {
		{ "catalog", required_argument, NULL, OPT_CATALOG },
		{ "user", required_argument, NULL, OPT_USER },
		{ "id", required_argument, NULL, OPT_ID },
		{ "method", required_argument, NULL, OPT_METHOD },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	bool similar = strcmp(sub, "similar") == 0;
	cm_getopt_reset();
	while ((c = getopt_long(argc, argv, ":n:", longopts, NULL)) != -1) {
		enum model_kind k;
		if (c == OPT_CATALOG) {
			a->catalog = optarg;
		} else if (c == OPT_USER && !similar) {
			a->user = optarg;
		} else if (c == OPT_ID && similar) {
			a->id = optarg;
		} else if (c == OPT_METHOD) {
			a->method = optarg;
			if (!cm_method(optarg, similar, &k))
				return cm_usage(sub, _("--method takes cf, "
					"content or hybrid, not '%s'"), optarg);
		} else if (c == OPT_JSON) {
			a->json = true;
		} else if (c == 'n') {
			if (!cm_long(optarg, 1, 1000, &a->n))
				return cm_usage(sub, _("-n wants a whole "
					"number from 1 to 1000"));
		} else if (c == OPT_HELP) {
			help();
			return -1;
		} else {
			return cm_bad_option(sub, c, argv);
		}
	}
	return 0;
}

/* taste recommend --help */
static void cm_recommend_help(void)
{
	printf("%s", _(
"Usage: taste recommend [--catalog C] [--user ID] [-n N]\n"
"                       [--method cf|content|hybrid] [--json]\n"
"Recommend items you (your profile) or a catalogue user (--user) have\n"
"not rated. cf is implicit ALS, content TF-IDF over item features,\n"
"hybrid (the default) their learned blend. With fewer than 5 ratings\n"
"the list is popular, well-rated items of varied genres and\n"
"content-based picks from the ratings and seen items there are, in\n"
"turn; each row's reason says which (\"popular: ...\", \"content:\n"
"shares ...\"), and --json gives it as \"source\".\n"));
}

/* taste recommend */
static int cm_recommend(int argc, char **argv, const struct taste_opts *opts)
{
	struct cm_list_args a = { .method = "hybrid", .n = 10 };
	struct cm_who w = { 0 };
	enum model_kind k;
	int rc = cm_list_parse("recommend", argc, argv, &a,
			       cm_recommend_help);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	if (optind < argc)
		return cm_usage("recommend", _("unexpected argument '%s'"),
				argv[optind]);
	cm_method(a.method, false, &k);
	struct catalog *cat = cm_catalog("recommend", a.catalog, opts);
	if (!cat)
		return EXIT_DATA;
	if (a.user)
		cm_who_user(cat, a.user, &w);
	else
		rc = cm_who_you(cat, &w);
	if (rc == EXIT_OK)
		rc = cm_recommend_run(cat, &w, k, (size_t)a.n, a.json);
	recs_you_free(&w.you);
	usertags_free(w.words);
	catalog_free(cat);
	return rc;
}

/* taste similar --help */
static void cm_similar_help(void)
{
	printf("%s", _(
"Usage: taste similar TITLE|--id ID [--catalog C] [-n N]\n"
"                     [--method cf|content|hybrid] [--json]\n"
"Items like TITLE (\"Toy Story\" or \"Toy Story (1995)\"). A title that is\n"
"not exact is found as taste rate finds it: without its article (\"matrix\"),\n"
"then by words as prefixes (\"matrix 1999\"); when several items match,\n"
"they are listed with their ids and none is picked. cf is item-kNN over\n"
"the community's ratings, content TF-IDF over item features (its score\n"
"is that likeness times the community's opinion of the item, its mean\n"
"rating shrunk for items few have rated), hybrid (the default) their\n"
"blend.\n"));
}

/* The title given as one or more words. */
static char *cm_join(int argc, char **argv)
{
	size_t len = 1;
	for (int q = 0; q < argc; q++)
		len += strlen(argv[q]) + 1;
	char *s = xmalloc(len);
	s[0] = '\0';
	for (int q = 0; q < argc; q++) {
		if (q)
			strcat(s, " ");
		strcat(s, argv[q]);
	}
	return s;
}

/* Similar items to item i with the kind k. */
static int cm_similar_run(const struct catalog *cat, uint32_t i,
			  enum model_kind k, size_t n, bool json)
{
	struct model *m = cm_model("similar", cat, k);
	if (!m)
		return EXIT_DATA;
	struct recs_entry *out = xcalloc(n, sizeof *out);
	size_t got = recs_similar_list(m, i, out, n);
	if (!json) {
		char raw[512], label[512 * SAFE_GROWTH];
		catalog_item_label(cat, i, raw, sizeof raw);
		safe_text(raw, label, sizeof label);
		printf(_("like %s (%s):\n"), label, model_kind_label(k));
		char note[128];
		if (!got && k == MODEL_ITEM_KNN &&
		    recs_too_few_to_say(cat, i, note, sizeof note))
			printf("  %s\n", note);
		else if (!got)
			printf(_("  n/a: no similar items for this method\n"));
	}
	cm_print_list(cat, out, got, json);
	free(out);
	model_free(m);
	return EXIT_OK;
}

/* The item similar is about: --id, or the title the words make, found
 * as rate finds it; INTERN_NONE after a message. */
static uint32_t cm_similar_item(const struct catalog *cat,
				const struct cm_list_args *a, int argc,
				char **argv, const struct taste_opts *opts)
{
	if (a->id) {
		uint32_t i = catalog_find_id(cat, a->id);
		if (i == INTERN_NONE)
			cm_fail("similar", _("no item with id %s in %s"), a->id,
				cat->name);
		return i;
	}
	char *title = cm_join(argc, argv);
	uint32_t i = cli_title_item("similar", cat, title, a->catalog
				    ? a->catalog : opts->catalog, NULL, opts);
	free(title);
	return i;
}

/* taste similar */
static int cm_similar(int argc, char **argv, const struct taste_opts *opts)
{
	struct cm_list_args a = { .method = "hybrid", .n = 10 };
	enum model_kind k;
	int rc = cm_list_parse("similar", argc, argv, &a, cm_similar_help);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	if (optind >= argc && !a.id)
		return cm_usage("similar", _("which title? taste similar "
				"TITLE (or --id ID)"));
	if (optind < argc && a.id)
		return cm_usage("similar", _("a title or --id, not both"));
	cm_method(a.method, true, &k);
	struct catalog *cat = cm_catalog("similar", a.catalog, opts);
	if (!cat)
		return EXIT_DATA;
	uint32_t i = cm_similar_item(cat, &a, argc - optind, argv + optind,
				     opts);
	rc = EXIT_DATA;
	if (i != INTERN_NONE) {
		k = cm_usable_kind(cat, k, a.json);
		rc = cm_similar_run(cat, i, k, (size_t)a.n, a.json);
	}
	catalog_free(cat);
	return rc;
}

/* =====================================================================
 * Entry points
 * ===================================================================== */

static const struct {
	const char *name;
	int (*run)(int argc, char **argv, const struct taste_opts *opts);
} cm_subs[] = {
	{ "train", cm_train },
	{ "eval", cm_eval },
	{ "recommend", cm_recommend },
	{ "similar", cm_similar },
};

/* True for train, eval, recommend and similar. */
bool cli_model_has(const char *sub)
{
	for (size_t q = 0; q < ARRAY_LEN(cm_subs); q++)
		if (strcmp(sub, cm_subs[q].name) == 0)
			return true;
	return false;
}

/* Run one model subcommand. */
int cli_model_main(const char *sub, int argc, char **argv,
		   const struct taste_opts *opts)
{
	paths_init(opts->data_dir);
	for (size_t q = 0; q < ARRAY_LEN(cm_subs); q++)
		if (strcmp(sub, cm_subs[q].name) == 0)
			return cm_subs[q].run(argc, argv, opts);
	return cm_usage(sub, _("not a model subcommand"));
}
