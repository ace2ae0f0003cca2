/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_als: the ALS figures of BRIEF §9, measured on the real code.
 *
 *   bench_als [options] epoch DIR    mean epoch time on DIR/u.data (ML-100k)
 *   bench_als [options] folds DIR    RMSE on DIR/u1..u5.base/.test, mean
 *   bench_als [options] split CSV    RMSE on a seeded 80/20 split of CSV
 *   bench_als [options] synth        epoch time on 25 M synthetic ratings
 *   bench_als [options] gram DIR     Gram build: dsyrk on gathered blocks
 *                                    against one dsyr per rating
 *   bench_als [options] foldin DIR   time of one fold-in of "you"
 *   bench_als [options] p10 DIR      precision@10 on a seeded 80/20 split
 *                                    of DIR/u.data (relevant: rating >= 4)
 *
 * Options: --model als|ials|baseline, --k K, --reg L, --reg-bias B,
 * --alpha A, --positive-min R, --epochs N, --threads T, --seed S; the
 * model's defaults
 * otherwise. Output is one "key=value ..." line per figure, for
 * RESULTS.md. The synthetic set is src/synth.h's "synthetic:25m", the
 * shape of ML-25M (162,541 users, 59,047 items, users uniform, item
 * popularity a power law), generated in memory and never written to
 * disk; --seed changes its seed (default SYNTH_SEED, as taste's). */
#include <config.h>

#include <gsl/gsl_blas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "intern.h"
#include "matrix.h"
#include "model/model.h"
#include "ratings_file.h"
#include "synth.h"
#include "util.h"

struct opts {
	enum model_kind kind;
	struct model_params p;
	bool set_k, set_reg, set_rb, set_alpha, set_epochs, set_threads;
	bool set_seed, set_pmin;
	double pmin;
	int k, epochs, threads;
	double reg, reg_bias, alpha;
	uint64_t seed;
};

/* A data set: ids, the training matrix and the test rows. */
struct set {
	struct intern *users, *items;
	struct triplets train, test;
	struct rmatrix *m;
	size_t cold;             /* test rows whose user or item is unknown */
};

/* The model's settings: its defaults, then what the options set. */
static struct model_params params_of(const struct opts *o)
{
	struct model_params p;

	model_params_default(o->kind, &p);
	if (o->set_k)
		p.factors = o->k;
	if (o->set_reg)
		p.reg = o->reg;
	if (o->set_rb)
		p.reg_bias = o->reg_bias;
	if (o->set_alpha)
		p.alpha = o->alpha;
	if (o->set_epochs)
		p.epochs = o->epochs;
	if (o->set_threads)
		p.threads = o->threads;
	if (o->set_seed)
		p.seed = o->seed;
	if (o->set_pmin)
		p.positive_min = o->pmin;
	return p;
}

/* Load a ratings file or exit. */
static void load(const char *path, struct ratings *r)
{
	struct ratings_opts o;
	char err[512];

	ratings_opts_default(&o);
	if (ratings_load(path, &o, r, err, sizeof err) != 0) {
		fprintf(stderr, "bench_als: %s: %s\n", path, err);
		exit(1);
	}
}

/* Index of an id string in t, added when new. */
static uint32_t id_of(struct intern *t, const char *s)
{
	return intern_add(t, s, strlen(s), NULL);
}

/* Train rows from a base file and test rows from a test file, the test
 * ids mapped through the training tables (unknown ones are cold). */
static void set_from_files(struct set *s, const char *base,
			   const char *test)
{
	struct ratings b, t;
	struct dup_stats st;

	memset(s, 0, sizeof *s);
	load(base, &b);
	load(test, &t);
	s->users = intern_new();
	s->items = intern_new();
	for (size_t j = 0; j < b.t.n; j++) {
		const struct triplet *x = &b.t.v[j];

		triplets_push(&s->train, id_of(s->users, intern_str(b.users,
								    x->user)),
			      id_of(s->items, intern_str(b.items, x->item)),
			      x->value, x->ts);
	}
	for (size_t j = 0; j < t.t.n; j++) {
		const struct triplet *x = &t.t.v[j];
		uint32_t u = intern_find(s->users, intern_str(t.users,
							      x->user));
		uint32_t i = intern_find(s->items, intern_str(t.items,
							      x->item));

		if (u == INTERN_NONE || i == INTERN_NONE) {
			s->cold++;
			continue;
		}
		triplets_push(&s->test, u, i, x->value, x->ts);
	}
	triplets_resolve(&s->train, DUP_LATEST, &st);
	s->m = rmatrix_build(&s->train, intern_count(s->users),
			     intern_count(s->items));
	ratings_free(&b);
	ratings_free(&t);
}

/* A seeded 80/20 split by rating of one file. */
static void set_split(struct set *s, const char *path, uint64_t seed)
{
	struct ratings r;
	struct dup_stats st;

	memset(s, 0, sizeof *s);
	load(path, &r);
	s->users = r.users;
	s->items = r.items;
	r.users = r.items = NULL;
	for (size_t j = 0; j < r.t.n; j++) {
		const struct triplet *x = &r.t.v[j];
		struct triplets *to = util_rng_uniform(&seed) < 0.8 ? &s->train
							  : &s->test;

		triplets_push(to, x->user, x->item, x->value, x->ts);
	}
	triplets_resolve(&s->train, DUP_LATEST, &st);
	s->m = rmatrix_build(&s->train, intern_count(s->users),
			     intern_count(s->items));
	ratings_free(&r);
}

/* Release a data set. */
static void set_free(struct set *s)
{
	rmatrix_free(s->m);
	triplets_free(&s->train);
	triplets_free(&s->test);
	intern_free(s->users);
	intern_free(s->items);
}

/* The fastest epoch of the last fit: on a shared machine the mean
 * carries other processes' load, the minimum much less. */
static double best_epoch;

/* Record the fastest epoch. */
static bool note_epoch(void *ctx, const struct epoch_event *ev)
{
	(void)ctx;
	if (best_epoch == 0 || ev->seconds < best_epoch)
		best_epoch = ev->seconds;
	return true;
}

/* Fit a model on a training matrix of scale sc, or exit. */
static struct model *fit(const struct opts *o, const struct rmatrix *m,
			 const struct scale *sc)
{
	struct model_params p = params_of(o);
	struct model *mod = model_new(o->kind, &p);
	struct fit_data fd = { m, NULL, NULL };
	char err[512];

	if (!mod) {
		fprintf(stderr, "bench_als: kind not in this build\n");
		exit(1);
	}
	mod->scale = *sc;
	mod->on_epoch = note_epoch;
	best_epoch = 0;
	if (model_fit(mod, &fd, err, sizeof err) != 0) {
		fprintf(stderr, "bench_als: fit: %s\n", err);
		exit(1);
	}
	return mod;
}

/* RMSE over the test rows the model can predict; *cold counts others. */
static double rmse(const struct model *m, const struct triplets *t,
		   size_t *cold)
{
	double sse = 0;
	size_t n = 0;

	for (size_t j = 0; j < t->n; j++) {
		double p, e;

		if (!model_predict(m, t->v[j].user, NULL, t->v[j].item, &p)) {
			(*cold)++;
			continue;
		}
		e = p - t->v[j].value;
		sse += e * e;
		n++;
	}
	return n ? sqrt(sse / n) : 0;
}

/* Print the settings once, for the record. */
static void print_params(const struct opts *o)
{
	struct model_params p = params_of(o);

	printf("model=%s k=%d reg=%g reg_bias=%g alpha=%g epochs=%d "
	       "threads=%d seed=%llu blas=%s\n", model_kind_name(o->kind),
	       p.factors, p.reg, p.reg_bias, p.alpha, p.epochs, p.threads,
	       (unsigned long long)p.seed, TASTE_BLAS);
}

/* RMSE on the five given ML-100k folds and their mean. */
static void run_folds(const struct opts *o, const char *dir)
{
	double sum = 0;

	print_params(o);
	for (int f = 1; f <= 5; f++) {
		char base[4096], test[4096];
		struct set s;
		struct model *m;
		size_t cold = 0;
		double r;

		snprintf(base, sizeof base, "%s/u%d.base", dir, f);
		snprintf(test, sizeof test, "%s/u%d.test", dir, f);
		set_from_files(&s, base, test);
		m = fit(o, s.m, &SCALE_GOODBOOKS);
		r = rmse(m, &s.test, &cold);
		sum += r;
		printf("fold=u%d rmse=%.4f cold=%zu fit_s=%.3f epoch_ms=%.2f\n",
		       f, r, cold + s.cold, m->fit_seconds,
		       m->epoch_seconds * 1e3);
		model_free(m);
		set_free(&s);
	}
	printf("folds=u1-u5 mean_rmse=%.4f\n", sum / 5);
}

/* RMSE on a seeded 80/20 split of one ratings file. */
static void run_split(const struct opts *o, const char *path)
{
	struct set s;
	struct model *m;
	size_t cold = 0;
	double r;

	print_params(o);
	set_split(&s, path, o->set_seed ? o->seed : 42);
	m = fit(o, s.m, &SCALE_MOVIELENS);
	r = rmse(m, &s.test, &cold);
	printf("split=80/20 train=%zu test=%zu rmse=%.4f cold=%zu fit_s=%.3f "
	       "epoch_ms=%.2f\n", s.train.n, s.test.n, r, cold,
	       m->fit_seconds, m->epoch_seconds * 1e3);
	model_free(m);
	set_free(&s);
}

/* Peak resident memory of the process in MB. */
static double peak_mb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss / 1024.0;
}

/* Resident memory now, in MB (/proc/self/statm; 0 when unreadable):
 * with the model fitted and the matrix loaded, what a person's taste
 * holds, where the peak also counts the generator's triplets. */
static double rss_mb(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long size = 0, res = 0;

	if (!f)
		return 0;
	if (fscanf(f, "%lu %lu", &size, &res) != 2)
		res = 0;
	fclose(f);
	return (double)res * (double)sysconf(_SC_PAGESIZE) / 1048576.0;
}

/* CPU time of the whole process (all threads) in seconds. */
static double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Epoch times of a fit on m: the mean and the fastest wall time, and the
 * CPU time an epoch takes summed over threads (on a loaded machine the
 * wall time includes waiting for a core; CPU time / threads is what an
 * idle machine would show at best). */
static void time_epochs(const struct opts *o, const struct rmatrix *m,
			const char *what)
{
	struct model *mod;
	double c0;

	print_params(o);
	c0 = cpu_now();
	mod = fit(o, m, &SCALE_MOVIELENS);
	c0 = cpu_now() - c0;
	printf("data=%s users=%u items=%u ratings=%llu epoch_ms=%.2f "
	       "best_epoch_ms=%.2f cpu_ms_per_epoch=%.2f fit_s=%.3f "
	       "peak_mb=%.0f rss_mb=%.0f\n", what, m->n_users, m->n_items,
	       (unsigned long long)m->nnz, mod->epoch_seconds * 1e3,
	       best_epoch * 1e3, c0 / mod->params.epochs * 1e3,
	       mod->fit_seconds, peak_mb(), rss_mb());
	model_free(mod);
}

/* Epoch time on the whole of ML-100k (u.data). */
static void run_epoch(const struct opts *o, const char *dir)
{
	char path[4096];
	struct ratings r;
	struct rmatrix *m;

	snprintf(path, sizeof path, "%s/u.data", dir);
	load(path, &r);
	m = rmatrix_build(&r.t, intern_count(r.users), intern_count(r.items));
	time_epochs(o, m, "ml-100k");
	rmatrix_free(m);
	ratings_free(&r);
}

/* Epoch time on the synthetic 25 M set. */
static void run_synth(const struct opts *o)
{
	double t0 = util_now();
	struct rmatrix *m = synth_matrix(synth_shape_of("synthetic:25m"),
					 o->set_seed ? o->seed : SYNTH_SEED);

	printf("synth_build_s=%.1f matrix_mb=%.0f\n", util_now() - t0,
	       rmatrix_bytes(m) / 1048576.0);
	time_epochs(o, m, "synthetic-25m");
	rmatrix_free(m);
}

enum gram_way { GRAM_DSYR, GRAM_DSYRK, GRAM_DGEMM, GRAM_SGEMM,
	GRAM_SPLIT };

/* als.c's way: k-float rows gathered, X'X and X'[t, 1] by sgemm. */
static void gram_split(const struct rvec *row, int k, const float *Vf,
		       float *Xf, float *Af)
{
	size_t n = row->n ? row->n : 1;
	float T[2 * 2048], g[2 * 1024];
	gsl_matrix_float_view Xv = gsl_matrix_float_view_array(Xf, n, k);
	gsl_matrix_float_view Tv = gsl_matrix_float_view_array(T, n, 2);
	gsl_matrix_float_view Av = gsl_matrix_float_view_array(Af, k, k);
	gsl_matrix_float_view gv = gsl_matrix_float_view_array(g, k, 2);

	for (size_t j = 0; j < row->n; j++) {
		memcpy(Xf + j * k, Vf + (size_t)row->idx[j] * (k + 1),
		       k * sizeof *Xf);
		T[2 * j] = row->val[j];
		T[2 * j + 1] = 1.0f;
	}
	gsl_blas_sgemm(CblasTrans, CblasNoTrans, 1.0f, &Xv.matrix,
		       &Xv.matrix, 0.0f, &Av.matrix);
	gsl_blas_sgemm(CblasTrans, CblasNoTrans, 1.0f, &Xv.matrix,
		       &Tv.matrix, 0.0f, &gv.matrix);
}

/* One user's Gram matrix A (d x d) from the item rows V (double) or Vf
 * (float), gathered into X or Xf first except for dsyr. GRAM_SPLIT is
 * what als.c does: sgemm on the k factor columns alone (rows of k
 * floats) and a second sgemm against [t, 1] for the bias row. */
static void gram_one(enum gram_way way, const struct rvec *row, int d,
		     const double *V, const float *Vf, double *X, float *Xf,
		     double *A, float *Af)
{
	size_t n = row->n ? row->n : 1;
	gsl_matrix_view Xv = gsl_matrix_view_array(X, n, d);
	gsl_matrix_view Av = gsl_matrix_view_array(A, d, d);
	gsl_matrix_float_view Xfv = gsl_matrix_float_view_array(Xf, n, d);
	gsl_matrix_float_view Afv = gsl_matrix_float_view_array(Af, d, d);

	if (way == GRAM_SPLIT) {
		gram_split(row, d - 1, Vf, Xf, Af);
		return;
	}
	for (size_t j = 0; j < row->n && way != GRAM_DSYR; j++) {
		if (way == GRAM_SGEMM)
			memcpy(Xf + j * d, Vf + (size_t)row->idx[j] * d,
			       d * sizeof *Xf);
		else
			memcpy(X + j * d, V + (size_t)row->idx[j] * d,
			       d * sizeof *X);
	}
	if (way == GRAM_DSYR) {
		memset(A, 0, (size_t)d * d * sizeof *A);
		for (size_t j = 0; j < row->n; j++) {
			gsl_vector_const_view x = gsl_vector_const_view_array(
				V + (size_t)row->idx[j] * d, d);

			gsl_blas_dsyr(CblasLower, 1.0, &x.vector, &Av.matrix);
		}
	} else if (way == GRAM_DSYRK) {
		gsl_blas_dsyrk(CblasLower, CblasTrans, 1.0, &Xv.matrix, 0.0,
			       &Av.matrix);
	} else if (way == GRAM_DGEMM) {
		gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &Xv.matrix,
			       &Xv.matrix, 0.0, &Av.matrix);
	} else {
		gsl_blas_sgemm(CblasTrans, CblasNoTrans, 1.0f, &Xfv.matrix,
			       &Xfv.matrix, 0.0f, &Afv.matrix);
	}
}

/* The user half's Gram matrices of ML-100k (d = k + 1 columns) five
 * ways, each timed as the fastest of 5 rounds: one dsyr per rating;
 * dsyrk, dgemm and sgemm on the gathered block; and als.c's split. (The
 * largest ML-100k user has 737 ratings: T fits.) */
static void run_gram(const struct opts *o, const char *dir)
{
	static const char *const names[] = { "dsyr", "dsyrk", "dgemm",
					     "sgemm", "sgemm_split" };
	struct model_params p = params_of(o);
	int d = p.factors + 1;
	char path[4096];
	struct ratings r;
	struct rmatrix *m;
	double *V, *X, *A;
	float *Vf, *Xf, *Af;
	uint64_t seed = 1;

	snprintf(path, sizeof path, "%s/u.data", dir);
	load(path, &r);
	m = rmatrix_build(&r.t, intern_count(r.users), intern_count(r.items));
	V = xmalloc((size_t)m->n_items * d * sizeof *V);
	Vf = xmalloc((size_t)m->n_items * d * sizeof *Vf);
	for (size_t j = 0; j < (size_t)m->n_items * d; j++)
		Vf[j] = (float)(V[j] = util_rng_uniform(&seed));
	X = xmalloc(m->nnz * d * sizeof *X);
	Xf = xmalloc(m->nnz * d * sizeof *Xf);
	A = xmalloc((size_t)d * d * sizeof *A);
	Af = xmalloc((size_t)d * d * sizeof *Af);
	printf("gram users=%u ratings=%llu d=%d", m->n_users,
	       (unsigned long long)m->nnz, d);
	for (int way = GRAM_DSYR; way <= GRAM_SPLIT; way++) {
		double best = 1e9;

		for (int round = 0; round < 5; round++) {
			double t0 = util_now();

			for (uint32_t u = 0; u < m->n_users; u++) {
				struct rvec row = rmatrix_by_user(m, u);

				gram_one(way, &row, d, V, Vf, X, Xf, A, Af);
			}
			if (util_now() - t0 < best)
				best = util_now() - t0;
		}
		printf(" %s_ms=%.2f", names[way], best * 1e3);
	}
	printf("\n");
	free(V);
	free(Vf);
	free(X);
	free(Xf);
	free(A);
	free(Af);
	rmatrix_free(m);
	ratings_free(&r);
}

/* Mean time of one fold-in + full scoring for a user of ML-100k with
 * their own ratings given as "you". */
static void run_foldin(const struct opts *o, const char *dir)
{
	char path[4096];
	struct ratings r;
	struct rmatrix *m;
	struct model *mod;
	float *scores;
	double t0, t_pred, t_all;
	int reps = 1000;
	double v;

	snprintf(path, sizeof path, "%s/u.data", dir);
	load(path, &r);
	m = rmatrix_build(&r.t, intern_count(r.users), intern_count(r.items));
	mod = fit(o, m, &SCALE_GOODBOOKS);
	scores = xmalloc(m->n_items * sizeof *scores);
	t0 = util_now();
	for (int j = 0; j < reps; j++) {
		struct rvec you = rmatrix_by_user(m, (uint32_t)j % m->n_users);

		model_predict(mod, MODEL_NO_USER, &you, 0, &v);
	}
	t_pred = (util_now() - t0) / reps;
	t0 = util_now();
	for (int j = 0; j < reps; j++) {
		struct rvec you = rmatrix_by_user(m, (uint32_t)j % m->n_users);

		model_score_all(mod, MODEL_NO_USER, &you, scores);
	}
	t_all = (util_now() - t0) / reps;
	printf("foldin mean_ratings=%.0f predict_us=%.1f score_all_us=%.1f\n",
	       (double)m->nnz / m->n_users, t_pred * 1e6, t_all * 1e6);
	free(scores);
	model_free(mod);
	rmatrix_free(m);
	ratings_free(&r);
}

/* Relevant test items (rating >= 4) of user u, marked in rel. */
static size_t mark_relevant(const struct triplets *test, uint32_t u,
			    size_t *pos, bool *rel)
{
	size_t n = 0;

	for (; *pos < test->n && test->v[*pos].user == u; (*pos)++) {
		if (test->v[*pos].value >= 4) {
			rel[test->v[*pos].item] = true;
			n++;
		}
	}
	return n;
}

/* Precision@10 over users with a relevant test item, ranking every item
 * they did not rate in training. */
static void run_p10(const struct opts *o, const char *dir)
{
	char path[4096];
	struct set s;
	struct model *m;
	struct dup_stats st;
	bool *rel;
	double sum = 0;
	size_t users = 0, pos = 0;

	print_params(o);
	snprintf(path, sizeof path, "%s/u.data", dir);
	set_split(&s, path, o->set_seed ? o->seed : 42);
	triplets_resolve(&s.test, DUP_LATEST, &st);
	m = fit(o, s.m, &SCALE_GOODBOOKS);
	rel = xcalloc(s.m->n_items, sizeof *rel);
	for (uint32_t u = 0; u < s.m->n_users; u++) {
		struct scored top[10];
		size_t nrel, n, hits = 0;

		memset(rel, 0, s.m->n_items * sizeof *rel);
		nrel = mark_relevant(&s.test, u, &pos, rel);
		if (nrel == 0)
			continue;
		n = model_recommend(m, u, NULL, top, 10);
		for (size_t j = 0; j < n; j++)
			hits += rel[top[j].item];
		sum += hits / 10.0;
		users++;
	}
	printf("p10=%.4f users=%zu fit_s=%.2f\n", users ? sum / users : 0,
	       users, m->fit_seconds);
	free(rel);
	model_free(m);
	set_free(&s);
}

/* The value of an option that takes one, or exit. */
static const char *need(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		fprintf(stderr, "bench_als: %s needs a value\n", argv[*i]);
		exit(2);
	}
	return argv[++*i];
}

/* Options into o; returns the index of the mode argument. */
static int parse_opts(int argc, char **argv, struct opts *o)
{
	int i;

	memset(o, 0, sizeof *o);
	o->kind = MODEL_ALS;
	for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--model") == 0) {
			if (!model_kind_parse(need(argc, argv, &i), &o->kind))
				exit(2);
		} else if (strcmp(a, "--k") == 0) {
			o->k = atoi(need(argc, argv, &i));
			o->set_k = true;
		} else if (strcmp(a, "--reg") == 0) {
			o->reg = atof(need(argc, argv, &i));
			o->set_reg = true;
		} else if (strcmp(a, "--reg-bias") == 0) {
			o->reg_bias = atof(need(argc, argv, &i));
			o->set_rb = true;
		} else if (strcmp(a, "--alpha") == 0) {
			o->alpha = atof(need(argc, argv, &i));
			o->set_alpha = true;
		} else if (strcmp(a, "--epochs") == 0) {
			o->epochs = atoi(need(argc, argv, &i));
			o->set_epochs = true;
		} else if (strcmp(a, "--threads") == 0) {
			o->threads = atoi(need(argc, argv, &i));
			o->set_threads = true;
		} else if (strcmp(a, "--positive-min") == 0) {
			o->pmin = atof(need(argc, argv, &i));
			o->set_pmin = true;
		} else if (strcmp(a, "--seed") == 0) {
			o->seed = strtoull(need(argc, argv, &i), NULL, 10);
			o->set_seed = true;
		} else {
			fprintf(stderr, "bench_als: unknown option %s\n", a);
			exit(2);
		}
	}
	return i;
}

/* Options, then the mode and its path. */
int main(int argc, char **argv)
{
	struct opts o;
	int i = parse_opts(argc, argv, &o);
	const char *mode = i < argc ? argv[i] : "";
	const char *arg = i + 1 < argc ? argv[i + 1] : NULL;

	if (strcmp(mode, "synth") == 0) {
		run_synth(&o);
		return 0;
	}
	if (!arg) {
		fprintf(stderr, "usage: bench_als [options] "
			"epoch|folds|split|gram|foldin|p10 PATH | synth\n");
		return 2;
	}
	if (strcmp(mode, "epoch") == 0)
		run_epoch(&o, arg);
	else if (strcmp(mode, "folds") == 0)
		run_folds(&o, arg);
	else if (strcmp(mode, "split") == 0)
		run_split(&o, arg);
	else if (strcmp(mode, "gram") == 0)
		run_gram(&o, arg);
	else if (strcmp(mode, "foldin") == 0)
		run_foldin(&o, arg);
	else if (strcmp(mode, "p10") == 0)
		run_p10(&o, arg);
	else
		return 2;
	return 0;
}
