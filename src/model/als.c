/* SPDX-License-Identifier: GPL-3.0-or-later */
/* als: alternating least squares, explicit with biases and implicit
 * (Hu, Koren and Volinsky 2008), on GSL over OpenBLAS.
 *
 * Explicit: r ~ mu + b_u + b_i + p_u . q_i. A half-sweep fixes one side
 * and solves, row by row, the (k+1)-square normal equations of [p_u, b_u]
 * against the rows x = [q_i, 1]:
 *     A = sum x x' + diag(lambda n_u, ..., lambda n_u, lambda_b)
 *     rhs = sum (r - mu - b_i) x.
 * The weighted lambda (lambda n_u, Zhou et al. 2008) scales the penalty
 * with the evidence and keeps A positive definite for every row that has
 * a rating, whatever k; lambda <= 0 is refused (case 14).
 *
 * Implicit: a rating >= the conversion threshold is a positive with
 * confidence c = 1 + alpha r; every other cell is 0 with confidence 1.
 * Y'Y is computed once per half-sweep, so a row only visits its positives:
 *     A = Y'Y + sum (c - 1) y y' + lambda I,   rhs = sum c y.
 * Implicit signals are positives too, of a confidence below a liked
 * rating's: an item seen but not rated counts as the weakest positive
 * rating (c = 1 + alpha t, t the threshold: 3 of 5), an item wanted
 * (watch list, to-read shelf) as half of that (1 + alpha t / 2), while
 * a liked 4 of 5 has 1 + 4 alpha. Having seen an item says you chose
 * it, not that you liked it; wanting it says less still, as nobody
 * knows yet how it went (bench/NOTES.md has the measurement). They
 * come from "you" (model_you.signals) in the fold-in and, in training,
 * from the catalogue's implicit matrix (goodbooks' to_read.csv, every
 * cell "wanted"). A rating always wins: the signal of a rated item is
 * skipped, also when the rating is below the threshold.
 *
 * Factors are stored in single precision (half the memory, and the
 * fast kernels), k to a row on cache-line boundaries, with the biases in
 * arrays of their own; sums and solves are in double. Each row's Gram
 * matrix comes from one sgemm on a block of the other side's factor rows
 * gathered contiguously (the bias row of the system is their column
 * sums and count): for the user half of ML-100k at k = 32 that takes
 * 2.4 ms, where one sgemm over [q, 1] takes 2.8, the same in double
 * 5.1 (dgemm) or 6.9 (dsyrk), and a dsyr per rating 27 (bench_als
 * gram). Then Cholesky
 * (gsl_linalg_cholesky_decomp1) with every pivot checked positive and
 * finite. After each half-sweep the loss and a checksum of the new
 * factors must be finite; otherwise the side is restored from its copy
 * and the fit fails with "ALS diverged at epoch N".
 *
 * Rows are split statically among threads by cost, each thread with its
 * own scratch. A row's arithmetic does not depend on which thread does
 * it, so factors are identical for a seed whatever the thread count (only
 * the order of the loss sum changes). OpenBLAS is held to one thread of
 * its own while ours run: the blocks are small, and two levels of
 * threads would only contend.
 *
 * An epoch solves the items, then the users, so the user vectors always
 * answer the final item factors: folding in a training user's own
 * ratings gives back their fitted vector.
 *
 * The stop flag (m->cancel) is read before every row of a half-sweep, so
 * a stop lands within one row's solve whatever k (tens of ms at k = 700)
 * rather than at the end of the epoch. A half-sweep stopped midway puts
 * back both sides as they were after the last whole epoch, which stays
 * the model's (the callers never keep a fit that was stopped). */
#include <config.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "model/kinds.h"
#include "util.h"

#ifdef HAVE_OPENBLAS
/* From OpenBLAS's cblas.h, which cannot be included beside GSL's. */
void openblas_set_num_threads(int n);
int openblas_get_num_threads(void);
#endif

/* Rows gathered per sgemm: bounds the scratch (k = 32: 34 KB a thread)
 * while keeping the blocks large enough for BLAS to run at speed. */
#define ALS_CHUNK 256
#define ALS_MAX_FACTORS 1000
#define ALS_MAX_THREADS 64
/* Cosine from which a liked item counts as "close" in explanations:
 * below it the factors say little and the reason would mislead. */
#define ALS_CLOSE_COS 0.3
/* Item bias from which an item is "widely liked" in explanations. */
#define ALS_LIKED_BIAS 0.3
/* Spread of the random initial factors. */
#define ALS_INIT_SCALE 0.1

struct als {
	bool implicit;
	int k, d;                  /* factors; system size (k + 1 or k) */
	double mu;                 /* explicit: global mean */
	double thr, alpha;         /* conversion rule (explicit: the "liked"
				      threshold of explanations) */
	uint32_t n_users, n_items;
	float *U, *V;              /* p_u and q_i rows, k apart, aligned */
	float *Ub, *Vb;            /* b_u and b_i (explicit; else 0) */
	uint32_t *user_n, *item_n; /* (positive) ratings and signals per
				      row; 0 cold */
	double *norm;              /* |q_i|, for similar */
	double *gram;              /* implicit: V'V, d x d, for fold-in */
};

/* One half-sweep's problem: the rows of one side against the other. */
struct half {
	const struct als *a;
	double reg, reg_bias;
	const uint64_t *ptr;
	const uint32_t *idx;
	const float *val;
	const uint64_t *sptr;      /* implicit: the signals of each row */
	const uint32_t *sidx;      /* (NULL: none), as ptr, idx and val */
	const float *sval;
	const uint32_t *count;     /* of the rows being solved */
	const float *other;        /* the fixed side's factor rows */
	const float *other_b;      /* and its biases */
	float *out, *out_b;        /* the rows being solved */
	const double *gram;        /* implicit: Gram of the fixed side */
	uint32_t n_rows;
	const atomic_bool *cancel; /* the model's stop flag, or NULL */
};

struct scratch {
	float *X;                  /* ALS_CHUNK x k gathered factor rows */
	float *T;                  /* ALS_CHUNK x 2: target t, then 1 */
	float *G;                  /* k x k: X'X of one chunk */
	float *g;                  /* k x 2: X'T of one chunk */
	double *A;                 /* d x d normal matrix (lower half) */
	double *b;                 /* d right-hand side */
	double *x;                 /* d solution */
	double tsum;               /* explicit: sum of t, the bias's rhs */
};

/* Sums over the solved rows: objective (fit term + this side's penalty),
 * this side's penalty alone, and a checksum of the new factors. */
struct row_stats {
	double obj, reg, sum;
};

struct worker {
	const struct half *h;
	uint32_t lo, hi;
	struct scratch sc;
	struct row_stats st;
	bool failed;               /* a pivot was not positive and finite */
	bool stopped;              /* the stop flag was seen mid-sweep */
	bool started;
	pthread_t tid;
};

/* Standard normal by Box-Muller (one of the pair). */
static double rng_normal(uint64_t *s)
{
	double u = util_rng_uniform(s), v = util_rng_uniform(s);

	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* Free a state and its arrays (NULL is fine). */
static void als_state_free(struct als *a)
{
	if (!a)
		return;
	free(a->U);
	free(a->V);
	free(a->Ub);
	free(a->Vb);
	free(a->user_n);
	free(a->item_n);
	free(a->norm);
	free(a->gram);
	free(a);
}

/* Free the state (the ops' free). */
static void als_free(struct model *m)
{
	als_state_free(m->state);
	m->state = NULL;
}

/* n x k factors, zeroed, on a 64-byte boundary: with k = 32 a row is
 * then exactly two cache lines, where malloc's 16-byte alignment splits
 * three rows in four over three (the gather is bound by these reads).
 * posix_memalign because xmalloc cannot align; failure is fatal, as for
 * every allocation here. */
static float *factors_alloc(size_t n, int k)
{
	size_t bytes = (n ? n : 1) * (size_t)k * sizeof(float);
	void *p;

	if (posix_memalign(&p, 64, bytes) != 0)
		fatal(_("out of memory (%zu bytes)"), bytes);
	memset(p, 0, bytes);
	return p;
}

/* State for the model's sizes with k factors, zeroed. */
static struct als *als_alloc(const struct model *m, int k, bool implicit)
{
	struct als *a = xcalloc(1, sizeof *a);
	size_t nu = m->n_users ? m->n_users : 1;
	size_t ni = m->n_items ? m->n_items : 1;

	a->implicit = implicit;
	a->k = k;
	a->d = implicit ? k : k + 1;
	a->n_users = m->n_users;
	a->n_items = m->n_items;
	a->U = factors_alloc(nu, k);
	a->V = factors_alloc(ni, k);
	a->Ub = xcalloc(nu, sizeof *a->Ub);
	a->Vb = xcalloc(ni, sizeof *a->Vb);
	a->user_n = xcalloc(nu, sizeof *a->user_n);
	a->item_n = xcalloc(ni, sizeof *a->item_n);
	a->norm = xcalloc(ni, sizeof *a->norm);
	a->gram = xcalloc((size_t)a->d * a->d, sizeof *a->gram);
	return a;
}

/* One thread's scratch for k factors and systems of size d. */
static void scratch_init(struct scratch *sc, int k, int d)
{
	sc->X = xmalloc((size_t)ALS_CHUNK * k * sizeof *sc->X);
	sc->T = xmalloc((size_t)ALS_CHUNK * 2 * sizeof *sc->T);
	sc->G = xmalloc((size_t)k * k * sizeof *sc->G);
	sc->g = xmalloc((size_t)k * 2 * sizeof *sc->g);
	sc->A = xmalloc((size_t)d * d * sizeof *sc->A);
	sc->b = xmalloc((size_t)d * sizeof *sc->b);
	sc->x = xmalloc((size_t)d * sizeof *sc->x);
}

/* Release what scratch_init took. */
static void scratch_free(struct scratch *sc)
{
	free(sc->X);
	free(sc->T);
	free(sc->G);
	free(sc->g);
	free(sc->A);
	free(sc->b);
	free(sc->x);
}

/* Explicit: the other side's factor rows of a chunk into X and rows
 * [t, 1] into T, t = r - mu - b_other; tt += t^2, tsum += t. Returns
 * the rows gathered. */
static size_t gather_explicit(const struct half *h, const uint32_t *idx,
			      const float *val, size_t n, struct scratch *sc,
			      double *tt)
{
	int k = h->a->k;

	for (size_t j = 0; j < n; j++) {
		double t = val[j] - h->a->mu - h->other_b[idx[j]];

		memcpy(sc->X + j * k, h->other + (size_t)idx[j] * k,
		       k * sizeof *sc->X);
		sc->T[2 * j] = (float)t;
		sc->T[2 * j + 1] = 1.0f;
		*tt += t * t;
		sc->tsum += t;
	}
	return n;
}

/* One implicit positive y of confidence 1 + c1 as row m of the chunk:
 * sqrt(c1) y into X with target (1 + c1) / sqrt(c1) into T, so that
 * X'T = sum c y; one of confidence 1 (c1 = 0) adds y to the rhs
 * directly (it is already in Y'Y). tt += c. Returns the rows used. */
static size_t add_positive(const struct als *a, const float *y, double c1,
			   struct scratch *sc, size_t m, double *tt)
{
	double s;

	if (c1 < 0)
		c1 = 0;
	*tt += 1.0 + c1;
	if (c1 == 0) {
		for (int c = 0; c < a->k; c++)
			sc->b[c] += y[c];
		return 0;
	}
	s = sqrt(c1);
	for (int c = 0; c < a->k; c++)
		sc->X[m * a->k + c] = (float)(s * y[c]);
	sc->T[m] = (float)((1.0 + c1) / s);
	return 1;
}

/* Implicit positives of a chunk of ratings (add_positive); ratings
 * under the threshold are not positives and skipped. Returns the rows
 * gathered. */
static size_t gather_implicit(const struct half *h, const uint32_t *idx,
			      const float *val, size_t n, struct scratch *sc,
			      double *tt)
{
	const struct als *a = h->a;
	size_t m = 0;

	for (size_t j = 0; j < n; j++) {
		if (val[j] < a->thr)
			continue;
		m += add_positive(a, h->other + (size_t)idx[j] * a->k,
				  a->alpha * val[j], sc, m, tt);
	}
	return m;
}

/* The extra confidence c - 1 of a signal (see the top of the file):
 * seen as the threshold rating, wanted as half of it. */
static double signal_c1(const struct als *a, float v)
{
	double level = v == MODEL_SIGNAL_WANT ? 0.5 * a->thr : a->thr;

	return a->alpha * level;
}

/* Signals s[j0, j0 + n) of a row as positives (add_positive), skipping
 * those of items in the row's ratings r (a rating wins; both ascending,
 * *rp the merge position in r). Returns the rows gathered. */
static size_t gather_signals(const struct half *h, struct rvec s, size_t j0,
			     size_t n, struct rvec r, size_t *rp,
			     struct scratch *sc, double *tt)
{
	const struct als *a = h->a;
	size_t m = 0;

	for (size_t j = j0; j < j0 + n; j++) {
		uint32_t i = s.idx[j];

		while (*rp < r.n && r.idx[*rp] < i)
			(*rp)++;
		if (*rp < r.n && r.idx[*rp] == i)
			continue;
		m += add_positive(a, h->other + (size_t)i * a->k,
				  signal_c1(a, s.val[j]), sc, m, tt);
	}
	return m;
}

/* A += X'X and b += X'T over the first m gathered rows (A's lower half:
 * Cholesky reads no more). The products are sgemm on the single-
 * precision block, summed into A and b in double: on k = 32 blocks
 * sgemm runs twice as fast as dgemm and 2.8 times as fast as dsyrk
 * (whose triangular kernels lose to the full product at this size), and
 * the relative error of a chunk's sums (~1e-6) is far below what ALS
 * can resolve. Explicit ALS's bias row comes from the second column of
 * T (ones): A[k][c] = sum of x_c, A[k][k] = m. */
static void accumulate(const struct half *h, struct scratch *sc, size_t m)
{
	int k = h->a->k, d = h->a->d, nc = h->a->implicit ? 1 : 2;
	gsl_matrix_float_view X, T, G, g;

	if (m == 0)
		return;
	X = gsl_matrix_float_view_array(sc->X, m, k);
	T = gsl_matrix_float_view_array(sc->T, m, nc);
	G = gsl_matrix_float_view_array(sc->G, k, k);
	g = gsl_matrix_float_view_array(sc->g, k, nc);
	gsl_blas_sgemm(CblasTrans, CblasNoTrans, 1.0f, &X.matrix, &X.matrix,
		       0.0f, &G.matrix);
	gsl_blas_sgemm(CblasTrans, CblasNoTrans, 1.0f, &X.matrix, &T.matrix,
		       0.0f, &g.matrix);
	for (int r = 0; r < k; r++) {
		for (int c = 0; c <= r; c++)
			sc->A[r * d + c] += sc->G[r * k + c];
		sc->b[r] += sc->g[r * nc];
	}
	if (h->a->implicit)
		return;
	for (int c = 0; c < k; c++)
		sc->A[k * d + c] += sc->g[c * 2 + 1];
	sc->A[k * d + k] += (double)m;
}

/* The penalty on the diagonal: weighted lambda n on the factors and
 * lambda_b on the bias (explicit), plain lambda (implicit). */
static void regularise(const struct half *h, double *A, size_t n)
{
	const struct als *a = h->a;
	double f = a->implicit ? h->reg : h->reg * (double)n;

	for (int c = 0; c < a->k; c++)
		A[c * a->d + c] += f;
	if (!a->implicit)
		A[a->k * a->d + a->k] += h->reg_bias;
}

/* x' R x, the penalty of a solved row. */
static double penalty(const struct half *h, const double *x, size_t n)
{
	const struct als *a = h->a;
	double s = 0;

	for (int c = 0; c < a->k; c++)
		s += x[c] * x[c];
	s *= a->implicit ? h->reg : h->reg * (double)n;
	if (!a->implicit)
		s += h->reg_bias * x[a->k] * x[a->k];
	return s;
}

/* Cholesky in place (lower), refusing a failed decomposition and any
 * pivot that is not positive and finite (NaN passes GSL's own test). */
static int cholesky(double *A, int d)
{
	gsl_matrix_view v = gsl_matrix_view_array(A, d, d);

	if (gsl_linalg_cholesky_decomp1(&v.matrix) != GSL_SUCCESS)
		return -1;
	for (int c = 0; c < d; c++) {
		double p = A[c * d + c];

		if (!(p > 0) || !isfinite(p))
			return -1;
	}
	return 0;
}

/* Build and solve one row's normal equations from its ratings r and,
 * implicit only, its signals s (both ascending); out (k factors) and
 * *out_b (the bias, explicit) get the solution in single precision. -1
 * when the system is not positive definite. */
static int solve_list(const struct half *h, struct rvec r, struct rvec s,
		      struct scratch *sc, float *out, float *out_b,
		      struct row_stats *st)
{
	const uint32_t *idx = r.idx;
	const float *val = r.val;
	size_t n = r.n, rp = 0;
	int k = h->a->k, d = h->a->d;
	double tt = 0, xb = 0, *x = sc->x;
	gsl_matrix_view A;
	gsl_vector_view b, xv;

	if (h->a->implicit)
		memcpy(sc->A, h->gram, (size_t)d * d * sizeof *sc->A);
	else
		memset(sc->A, 0, (size_t)d * d * sizeof *sc->A);
	memset(sc->b, 0, d * sizeof *sc->b);
	sc->tsum = 0;
	for (size_t j = 0; j < n; j += ALS_CHUNK) {
		size_t len = n - j < ALS_CHUNK ? n - j : ALS_CHUNK, m;

		if (h->a->implicit)
			m = gather_implicit(h, idx + j, val + j, len, sc, &tt);
		else
			m = gather_explicit(h, idx + j, val + j, len, sc, &tt);
		accumulate(h, sc, m);
	}
	for (size_t j = 0; h->a->implicit && j < s.n; j += ALS_CHUNK) {
		size_t len = s.n - j < ALS_CHUNK ? s.n - j : ALS_CHUNK;

		accumulate(h, sc, gather_signals(h, s, j, len, r, &rp, sc,
						 &tt));
	}
	if (!h->a->implicit)
		sc->b[k] = sc->tsum;
	regularise(h, sc->A, n);
	if (cholesky(sc->A, d) != 0)
		return -1;
	A = gsl_matrix_view_array(sc->A, d, d);
	b = gsl_vector_view_array(sc->b, d);
	xv = gsl_vector_view_array(x, d);
	gsl_linalg_cholesky_solve(&A.matrix, &b.vector, &xv.vector);
	for (int c = 0; c < d; c++) {
		float v = (float)x[c];

		if (c < k)
			out[c] = v;
		else
			*out_b = v;
		xb += x[c] * sc->b[c];
		st->sum += v;
	}
	st->obj += tt - xb;
	st->reg += penalty(h, x, n);
	return 0;
}

/* Row r of a CSR or CSC half (ptr NULL: an empty row). */
static struct rvec row_of(const uint64_t *ptr, const uint32_t *idx,
			  const float *val, uint32_t r)
{
	struct rvec v = { 0, NULL, NULL };

	if (!ptr)
		return v;
	v.n = ptr[r + 1] - ptr[r];
	v.idx = idx + ptr[r];
	v.val = val + ptr[r];
	return v;
}

/* True once the stop flag of the fit is set. One relaxed atomic load:
 * cheap beside a row's solve (microseconds at k = 8, tens of ms at
 * k = 700), so it is read before every row and a stop lands within one
 * row's time whatever k. */
static bool half_stopped(const struct half *h)
{
	return h->cancel && atomic_load_explicit(h->cancel,
						 memory_order_relaxed);
}

/* Solve rows [lo, hi) of a half-sweep; a row without ratings is cold and
 * gets zeros. Stops at the first failed row, or when asked to stop. */
static void *worker_run(void *arg)
{
	struct worker *w = arg;
	const struct half *h = w->h;
	int k = h->a->k;

	memset(&w->st, 0, sizeof w->st);
	w->failed = w->stopped = false;
	for (uint32_t r = w->lo; r < w->hi; r++) {
		float *x = h->out + (size_t)r * k;

		if (half_stopped(h)) {
			w->stopped = true;
			break;
		}
		if (h->count[r] == 0) {
			memset(x, 0, k * sizeof *x);
			h->out_b[r] = 0;
			continue;
		}
		if (solve_list(h, row_of(h->ptr, h->idx, h->val, r),
			       row_of(h->sptr, h->sidx, h->sval, r), &w->sc, x,
			       &h->out_b[r], &w->st) != 0) {
			w->failed = true;
			break;
		}
	}
	return NULL;
}

/* Split the rows among nt workers by cost: a row's ratings plus 3d for
 * its Cholesky and solve (measured at k = 32: a rating costs ~0.06 us in
 * the gather and sgemm, a row's Cholesky and solve ~5 us). */
static void partition(struct worker *w, int nt, const struct half *h)
{
	uint64_t total = 0, acc = 0;
	int d = h->a->d;
	uint32_t r = 0;

	for (uint32_t i = 0; i < h->n_rows; i++)
		total += h->count[i] + 3 * d;
	for (int t = 0; t < nt; t++) {
		uint64_t target = total * (t + 1) / nt;

		w[t].h = h;
		w[t].lo = r;
		while (r < h->n_rows && (acc < target || t == nt - 1))
			acc += h->count[r++] + 3 * d;
		w[t].hi = r;
	}
}

/* Run a half-sweep on nt workers (the calling thread is worker 0) and
 * sum their results in worker order. Returns false when a row failed;
 * *stopped says whether a worker saw the stop flag (rows left unsolved). */
static bool run_half(struct worker *w, int nt, const struct half *h,
		     struct row_stats *st, bool *stopped)
{
	bool ok = true;

	partition(w, nt, h);
	for (int t = 1; t < nt; t++)
		w[t].started = pthread_create(&w[t].tid, NULL, worker_run,
					      &w[t]) == 0;
	worker_run(&w[0]);
	for (int t = 1; t < nt; t++) {
		if (w[t].started)
			pthread_join(w[t].tid, NULL);
		else
			worker_run(&w[t]);
	}
	memset(st, 0, sizeof *st);
	for (int t = 0; t < nt; t++) {
		st->obj += w[t].st.obj;
		st->reg += w[t].st.reg;
		st->sum += w[t].st.sum;
		ok = ok && !w[t].failed;
		*stopped = *stopped || w[t].stopped;
	}
	return ok;
}

/* The Gram matrix G = M'M of an n x d factor block, through ssyrk on
 * the single-precision factors (lower triangle, summed in float: one
 * call a half-sweep, so its speed matters less than its simplicity). */
static void gram_of(const float *M, uint32_t n, int d, double *G)
{
	float *Gf = xcalloc((size_t)d * d, sizeof *Gf);

	if (n > 0) {
		gsl_matrix_float_const_view Mv =
			gsl_matrix_float_const_view_array(M, n, d);
		gsl_matrix_float_view Gv = gsl_matrix_float_view_array(Gf, d,
									d);

		gsl_blas_ssyrk(CblasLower, CblasTrans, 1.0f, &Mv.matrix, 0.0f,
			       &Gv.matrix);
	}
	for (int c = 0; c < d * d; c++)
		G[c] = Gf[c];
	free(Gf);
}

/* Norms of the item factors (bias excluded), for cosine similarity. */
static void compute_norms(struct als *a)
{
	for (uint32_t i = 0; i < a->n_items; i++) {
		const float *q = a->V + (size_t)i * a->k;
		double s = 0;

		for (int c = 0; c < a->k; c++)
			s += q[c] * q[c];
		a->norm[i] = sqrt(s);
	}
}

/* Everything one fit carries between half-sweeps. */
struct fit {
	struct model *m;
	struct als *a;
	const struct rmatrix *R;
	const struct rmatrix *S;   /* implicit: the signals, or NULL */
	const struct fit_data *d;
	struct worker *w;
	int nt;
	/* Each side's factors and biases as they were before its last
	 * half-sweep: [0] items, [1] users. */
	float *backup[2], *backup_b[2];
	uint64_t n_obs;            /* ratings (positives) in the loss */
};

/* The half-sweep that solves items (users fixed) or users. */
static void half_setup(const struct fit *ft, bool items, double *gram,
		       struct half *h)
{
	const struct rmatrix *R = ft->R, *S = ft->S;
	struct als *a = ft->a;

	memset(h, 0, sizeof *h);
	h->a = a;
	h->reg = ft->m->params.reg;
	h->reg_bias = ft->m->params.reg_bias;
	h->gram = gram;
	h->cancel = ft->m->cancel;
	if (items) {
		h->ptr = R->item_ptr;
		h->idx = R->item_user;
		h->val = R->item_val;
		h->count = a->item_n;
		if (S) {
			h->sptr = S->item_ptr;
			h->sidx = S->item_user;
			h->sval = S->item_val;
		}
		h->other = a->U;
		h->other_b = a->Ub;
		h->out = a->V;
		h->out_b = a->Vb;
		h->n_rows = R->n_items;
	} else {
		h->ptr = R->user_ptr;
		h->idx = R->user_item;
		h->val = R->user_val;
		h->count = a->user_n;
		if (S) {
			h->sptr = S->user_ptr;
			h->sidx = S->user_item;
			h->sval = S->user_val;
		}
		h->other = a->V;
		h->other_b = a->Vb;
		h->out = a->U;
		h->out_b = a->Ub;
		h->n_rows = R->n_users;
	}
}

/* The divergence message for a failed half-sweep. */
static void diverged(int epoch, bool items, bool pivot, char *err,
		     size_t errlen)
{
	const char *why;

	if (pivot)
		why = items ? _("singular system in item factors")
			    : _("singular system in user factors");
	else
		why = items ? _("NaN in item factors")
			    : _("NaN in user factors");
	xsnprintf(err, errlen, _("ALS diverged at epoch %d (%s). Increase λ "
				 "or reduce k."), epoch, why);
}

/* Put one side's factors back as they were before its last half-sweep. */
static void restore_side(struct fit *ft, bool items)
{
	struct als *a = ft->a;
	size_t n = items ? ft->R->n_items : ft->R->n_users;

	memcpy(items ? a->V : a->U, ft->backup[!items],
	       n * a->k * sizeof *a->V);
	memcpy(items ? a->Vb : a->Ub, ft->backup_b[!items],
	       n * sizeof *a->Vb);
}

/* Solve one side and check the result; on failure the side's previous
 * factors come back and err says why (-1). A stop mid-sweep also puts
 * the side back, as half of it would be solved, and returns 1. */
static int half_sweep(struct fit *ft, bool items, int epoch,
		      struct row_stats *st, char *err, size_t errlen)
{
	struct als *a = ft->a;
	struct half h;
	size_t n, bytes;
	bool ok, stopped = false;

	half_setup(ft, items, a->gram, &h);
	n = h.n_rows;
	bytes = n * a->k * sizeof *h.out;
	if (a->implicit)
		gram_of(h.other, items ? a->n_users : a->n_items, a->k,
			a->gram);
	memcpy(ft->backup[!items], h.out, bytes);
	memcpy(ft->backup_b[!items], h.out_b, n * sizeof *h.out_b);
	ok = run_half(ft->w, ft->nt, &h, st, &stopped);
	if (ok && !stopped && isfinite(st->obj) && isfinite(st->reg) &&
	    isfinite(st->sum))
		return 0;
	restore_side(ft, items);
	if (ok && stopped)
		return 1;
	diverged(epoch, items, !ok, err, errlen);
	return -1;
}

/* Tell the listener about an epoch; false when it asks to stop. */
static bool epoch_event(struct fit *ft, int epoch, double loss, double dt)
{
	struct model *m = ft->m;
	struct epoch_event ev = {
		.epoch = epoch, .epochs = m->params.epochs,
		.train_loss = loss, .seconds = dt,
	};

	if (!m->on_epoch)
		return true;
	if (ft->d->valid && !ft->a->implicit)
		ev.has_valid = model_valid_rmse(m, ft->d->valid,
						&ev.valid_rmse);
	return m->on_epoch(m->epoch_ctx, &ev);
}

/* The epochs: items, then users; the loss is the full objective / n. */
static int run_epochs(struct fit *ft, char *err, size_t errlen)
{
	struct model *m = ft->m;
	double total = 0;
	int e, done = 0;

	for (e = 1; e <= m->params.epochs; e++) {
		struct row_stats si, su;
		double t0 = util_now(), dt, loss;
		int rc;

		if (model_cancelled(m))
			break;
		rc = half_sweep(ft, true, e, &si, err, errlen);
		if (rc == 0) {
			rc = half_sweep(ft, false, e, &su, err, errlen);
			if (rc > 0)  /* the items of epoch e-1 back too */
				restore_side(ft, true);
		}
		if (rc > 0)      /* stopped mid-epoch: the epochs done stay */
			break;
		if (rc < 0)
			return -1;
		dt = util_now() - t0;
		total += dt;
		done = e;
		m->epoch_seconds = total / done;
		loss = (su.obj + si.reg) / (double)(ft->n_obs ? ft->n_obs : 1);
		if (!epoch_event(ft, e, loss, dt))
			break;
	}
	return 0;
}

/* The signals of row s not in the ratings row r (a rating wins), both
 * ascending, added to the counts of that user and its items. */
static void count_signals(struct als *a, uint32_t u, struct rvec r,
			  struct rvec s, uint64_t *n_obs)
{
	size_t rp = 0;

	for (size_t j = 0; j < s.n; j++) {
		while (rp < r.n && r.idx[rp] < s.idx[j])
			rp++;
		if (rp < r.n && r.idx[rp] == s.idx[j])
			continue;
		a->user_n[u]++;
		a->item_n[s.idx[j]]++;
		(*n_obs)++;
	}
}

/* Counts per row: all ratings (explicit) or positives (implicit: the
 * ratings at the threshold or above, and the signals of S). */
static void count_rows(struct als *a, const struct rmatrix *R,
		       const struct rmatrix *S, uint64_t *n_obs)
{
	*n_obs = 0;
	for (uint32_t u = 0; u < R->n_users; u++) {
		struct rvec r = rmatrix_by_user(R, u);

		for (size_t j = 0; j < r.n; j++) {
			if (a->implicit && r.val[j] < a->thr)
				continue;
			a->user_n[u]++;
			a->item_n[r.idx[j]]++;
			(*n_obs)++;
		}
		if (S)
			count_signals(a, u, r, rmatrix_by_user(S, u), n_obs);
	}
}

/* Seeded random user and item factors (the item biases start at 0: the
 * first half-sweep solves them). The global mean for explicit ALS. */
static void init_factors(struct als *a, const struct rmatrix *R,
			 uint64_t seed)
{
	uint64_t s = seed;
	double scale = ALS_INIT_SCALE / sqrt((double)a->k), sum = 0;

	for (uint32_t u = 0; u < a->n_users; u++) {
		float *x = a->U + (size_t)u * a->k;

		for (int c = 0; c < a->k; c++)
			x[c] = a->user_n[u] ? scale * rng_normal(&s) : 0.0f;
	}
	for (uint32_t i = 0; i < a->n_items; i++) {
		float *y = a->V + (size_t)i * a->k;

		for (int c = 0; c < a->k; c++)
			y[c] = a->item_n[i] ? scale * rng_normal(&s) : 0.0f;
	}
	for (uint64_t j = 0; j < R->nnz; j++)
		sum += R->user_val[j];
	a->mu = R->nnz ? sum / (double)R->nnz : 0.0;
}

/* "Liked" for explicit ALS's reasons: 4 of 5, 7 of 10. */
static double liked_level(const struct scale *sc)
{
	return sc->max - floor(0.3 * sc->max + 1e-9);
}

/* Settings a fit refuses, and the warning for k >= min(users, items). */
static int check_params(struct model *m, const struct rmatrix *R,
			bool implicit, char *err, size_t errlen)
{
	const struct model_params *p = &m->params;
	uint32_t lim = R->n_users < R->n_items ? R->n_users : R->n_items;

	if (p->factors >= 1 && (uint32_t)p->factors >= lim)
		xsnprintf(m->warning, sizeof m->warning,
			  _("k=%d ≥ min(users=%u, items=%u)"), p->factors,
			  R->n_users, R->n_items);
	if (p->factors < 1 || p->factors > ALS_MAX_FACTORS) {
		xsnprintf(err, errlen, _("k=%d: the number of factors must be "
					 "between 1 and %d"), p->factors,
			  ALS_MAX_FACTORS);
		return -1;
	}
	if (!(p->reg > 0) || !isfinite(p->reg)) {
		xsnprintf(err, errlen, _("λ=%g makes the system singular for "
					 "users with < k ratings; use λ > 0"),
			  p->reg);
		return -1;
	}
	if (!implicit && (!(p->reg_bias >= 0) || !isfinite(p->reg_bias))) {
		xsnprintf(err, errlen, _("bias λ=%g must be ≥ 0"),
			  p->reg_bias);
		return -1;
	}
	if (implicit && (!(p->alpha >= 0) || !isfinite(p->alpha))) {
		xsnprintf(err, errlen, _("α=%g must be ≥ 0"), p->alpha);
		return -1;
	}
	if (p->epochs < 1) {
		xsnprintf(err, errlen, "%s", _("at least one epoch is needed"));
		return -1;
	}
	return 0;
}

/* Workers and their scratch for nt threads. */
static struct worker *workers_new(int nt, int k, int d)
{
	struct worker *w = xcalloc(nt, sizeof *w);

	for (int t = 0; t < nt; t++)
		scratch_init(&w[t].sc, k, d);
	return w;
}

/* Release the workers and their scratch. */
static void workers_free(struct worker *w, int nt)
{
	for (int t = 0; t < nt; t++)
		scratch_free(&w[t].sc);
	free(w);
}

/* Threads to run: the setting, within [1, ALS_MAX_THREADS]. */
static int thread_count(const struct model_params *p)
{
	if (p->threads < 1)
		return 1;
	return p->threads > ALS_MAX_THREADS ? ALS_MAX_THREADS : p->threads;
}

#ifdef HAVE_OPENBLAS
/* Fits running now, and OpenBLAS's thread count before the first. The
 * count is process-wide, so overlapping fits (the TUI trains several
 * models in the background) share one save and restore. */
static pthread_mutex_t blas_lock = PTHREAD_MUTEX_INITIALIZER;
static int blas_users, blas_saved;
#endif

/* Hold OpenBLAS to one thread of its own while ours run (on) and give
 * its setting back when the last fit ends (off). OPENBLAS_NUM_THREADS
 * cannot do this from inside: OpenBLAS reads it when it is loaded. */
static void blas_single(bool on)
{
#ifdef HAVE_OPENBLAS
	pthread_mutex_lock(&blas_lock);
	if (on && blas_users++ == 0) {
		blas_saved = openblas_get_num_threads();
		openblas_set_num_threads(1);
	} else if (!on && --blas_users == 0) {
		openblas_set_num_threads(blas_saved);
	}
	pthread_mutex_unlock(&blas_lock);
#else
	(void)on;
#endif
}

/* The epochs with OpenBLAS held to one thread of its own. */
static int train(struct fit *ft, char *err, size_t errlen)
{
	int rc;

	blas_single(true);
	rc = run_epochs(ft, err, errlen);
	blas_single(false);
	return rc;
}

/* Fit either kind: checks, initial factors, epochs. On divergence the
 * last good factors stay in the model and the fit fails. */
static int als_fit_kind(struct model *m, const struct fit_data *d,
			bool implicit, char *err, size_t errlen)
{
	const struct rmatrix *R = d->train;
	struct fit ft = { .m = m, .R = R, .d = d };
	uint32_t rows;
	int rc;

	if (check_params(m, R, implicit, err, errlen) != 0)
		return -1;
	ft.a = als_alloc(m, m->params.factors, implicit);
	ft.a->thr = implicit ? model_positive_min(&m->params, &m->scale) :
		    liked_level(&m->scale);
	ft.a->alpha = m->params.alpha;
	ft.S = model_fit_signals(m->kind, d->cat, R);
	count_rows(ft.a, R, ft.S, &ft.n_obs);
	if (ft.n_obs == 0) {
		xsnprintf(err, errlen, "%s", implicit ?
			  _("no positive ratings to train on") :
			  _("no ratings to train on"));
		als_state_free(ft.a);
		return -1;
	}
	init_factors(ft.a, R, m->params.seed);
	m->state = ft.a;
	ft.nt = thread_count(&m->params);
	ft.w = workers_new(ft.nt, ft.a->k, ft.a->d);
	for (int side = 0; side < 2; side++) {
		rows = side ? R->n_users : R->n_items;
		ft.backup[side] = xmalloc(((size_t)rows ? rows : 1) *
					  ft.a->k * sizeof *ft.backup[side]);
		ft.backup_b[side] = xmalloc(((size_t)rows ? rows : 1) *
					    sizeof *ft.backup_b[side]);
	}
	rc = train(&ft, err, errlen);
	for (int side = 0; side < 2; side++) {
		free(ft.backup[side]);
		free(ft.backup_b[side]);
	}
	workers_free(ft.w, ft.nt);
	compute_norms(ft.a);
	if (implicit)
		gram_of(ft.a->V, ft.a->n_items, ft.a->k, ft.a->gram);
	return rc;
}

/* Explicit ALS fit (the ops' fit). */
static int als_fit(struct model *m, const struct fit_data *d, char *err,
		   size_t errlen)
{
	return als_fit_kind(m, d, false, err, errlen);
}

/* The half-sweep view used to fold a user in against the fitted items. */
static void fold_half(const struct model *m, struct half *h)
{
	const struct als *a = m->state;

	memset(h, 0, sizeof *h);
	h->a = a;
	h->reg = m->params.reg;
	h->reg_bias = m->params.reg_bias;
	h->other = a->V;
	h->other_b = a->Vb;
	h->gram = a->gram;
}

/* The entries of r for items the model knows (in range, rated in
 * training) into idx/val, order kept; returns how many. */
static size_t known_items(const struct als *a, const struct rvec *r,
			  uint32_t *idx, float *val)
{
	size_t n = 0;

	for (size_t j = 0; j < r->n; j++) {
		uint32_t i = r->idx[j];

		if (i >= a->n_items || a->item_n[i] == 0)
			continue;
		idx[n] = i;
		val[n++] = r->val[j];
	}
	return n;
}

/* "You" against the fixed item factors: the same row solve as training,
 * over your ratings (and, implicit, your signals) of items the model
 * knows. x gets [p, b] (k + 1 values; zeros when there is nothing to
 * fold in). One d x d solve: microseconds. */
static void als_fold_in(const struct model *m, const struct model_you *you,
			float *x)
{
	const struct als *a = m->state;
	const struct rvec *r = &you->ratings, *s = &you->signals;
	size_t cap = r->n + (a->implicit ? s->n : 0);
	uint32_t *idx = xmalloc((cap ? cap : 1) * sizeof *idx);
	float *val = xmalloc((cap ? cap : 1) * sizeof *val);
	struct rvec rk = { known_items(a, r, idx, val), idx, val };
	struct rvec sk = { 0, idx + rk.n, val + rk.n };
	struct half h;
	struct scratch sc;
	struct row_stats st = { 0, 0, 0 };
	size_t pos = 0;

	if (a->implicit) {
		sk.n = known_items(a, s, idx + rk.n, val + rk.n);
		for (size_t j = 0; j < rk.n; j++)
			pos += val[j] >= a->thr;
	}
	memset(x, 0, (a->k + 1) * sizeof *x);
	if (a->implicit ? pos + sk.n > 0 : rk.n > 0) {
		fold_half(m, &h);
		scratch_init(&sc, a->k, a->d);
		if (solve_list(&h, rk, sk, &sc, x, &x[a->k], &st) != 0)
			memset(x, 0, (a->k + 1) * sizeof *x);
		scratch_free(&sc);
	}
	free(idx);
	free(val);
}

/* The user's [p, b] into buf[k + 1]: the fitted row, or "you" folded
 * in; returns buf. */
static const float *user_vec(const struct model *m, uint32_t user,
			     const struct model_you *you, float *buf)
{
	const struct als *a = m->state;

	if (user == MODEL_NO_USER) {
		als_fold_in(m, you, buf);
		return buf;
	}
	memcpy(buf, a->U + (size_t)user * a->k, a->k * sizeof *buf);
	buf[a->k] = a->Ub[user];
	return buf;
}

/* True when a user vector is all zeros (no ratings, or no positives). */
static bool vec_is_zero(const float *x, int d)
{
	for (int c = 0; c < d; c++) {
		if (x[c] != 0)
			return false;
	}
	return true;
}

/* mu + b_u + b_i + p . q; false for an item nobody rated in training. */
static bool als_predict(const struct model *m, uint32_t user,
			const struct model_you *you, uint32_t item,
			double *out)
{
	const struct als *a = m->state;
	float buf[ALS_MAX_FACTORS + 1];
	const float *x, *y = a->V + (size_t)item * a->k;
	double s;

	if (a->item_n[item] == 0)
		return false;
	x = user_vec(m, user, you, buf);
	s = a->mu + x[a->k] + a->Vb[item];
	for (int c = 0; c < a->k; c++)
		s += x[c] * y[c];
	*out = s;
	return true;
}

/* dots[i] = q_i . x over the first k components, by sgemv. */
static void item_dots(const struct als *a, const float *x, float *dots)
{
	gsl_matrix_float_const_view V =
		gsl_matrix_float_const_view_array(a->V, a->n_items, a->k);
	gsl_vector_float_const_view xv =
		gsl_vector_float_const_view_array(x, a->k);
	gsl_vector_float_view dv = gsl_vector_float_view_array(dots,
								a->n_items);

	gsl_blas_sgemv(CblasNoTrans, 1.0f, &V.matrix, &xv.vector, 0.0f,
		       &dv.vector);
}

/* Scores of every item: predicted ratings (explicit, not clamped, so the
 * order survives at the top of the scale) or preferences (implicit).
 * -INFINITY for cold items, and for every item when an implicit user
 * has no positives. */
static void als_score_all(const struct model *m, uint32_t user,
			  const struct model_you *you, float *out)
{
	const struct als *a = m->state;
	float buf[ALS_MAX_FACTORS + 1], *dots;
	const float *x = user_vec(m, user, you, buf);

	if (a->n_items == 0)
		return;
	if (a->implicit && vec_is_zero(x, a->k)) {
		for (uint32_t i = 0; i < a->n_items; i++)
			out[i] = -INFINITY;
		return;
	}
	dots = xmalloc(a->n_items * sizeof *dots);
	item_dots(a, x, dots);
	for (uint32_t i = 0; i < a->n_items; i++) {
		double s = dots[i];

		if (!a->implicit)
			s += a->mu + x[a->k] + a->Vb[i];
		out[i] = a->item_n[i] ? (float)s : -INFINITY;
	}
	free(dots);
}

/* Items nearest by cosine of their factors (biases left out), both
 * of at least MODEL_SIM_MIN_RATINGS ratings (or positives): the factors
 * of an item rated by one user are that user's, whose other such items
 * then sit at a cosine of 1.00. */
static size_t als_similar(const struct model *m, uint32_t item,
			  struct scored *out, size_t n)
{
	const struct als *a = m->state;
	double ni = a->norm[item];
	float *dots, *cos;
	bool *skip;
	size_t got;

	if (a->item_n[item] < MODEL_SIM_MIN_RATINGS || ni == 0)
		return 0;
	dots = xmalloc(a->n_items * sizeof *dots);
	cos = xmalloc(a->n_items * sizeof *cos);
	skip = xcalloc(a->n_items, sizeof *skip);
	item_dots(a, a->V + (size_t)item * a->k, dots);
	for (uint32_t i = 0; i < a->n_items; i++) {
		bool ok = a->item_n[i] >= MODEL_SIM_MIN_RATINGS &&
			  a->norm[i] > 0;

		cos[i] = ok ? (float)(dots[i] / (ni * a->norm[i])) : -INFINITY;
	}
	skip[item] = true;
	got = model_top_n(cos, a->n_items, skip, out, n);
	free(skip);
	free(cos);
	free(dots);
	return got;
}

/* Cosine of two items' factors; -2 when either has none. */
static double item_cos(const struct als *a, uint32_t i, uint32_t j)
{
	const float *p = a->V + (size_t)i * a->k, *q = a->V + (size_t)j * a->k;
	double s = 0;

	if (a->norm[i] == 0 || a->norm[j] == 0)
		return -2;
	for (int c = 0; c < a->k; c++)
		s += p[c] * q[c];
	return s / (a->norm[i] * a->norm[j]);
}

/* The ratings an explanation draws on: yours, or the training row. */
static struct rvec explain_ratings(const struct model *m, uint32_t user,
				   const struct model_you *you)
{
	struct rvec none = { 0, NULL, NULL };

	if (user == MODEL_NO_USER)
		return you->ratings;
	if (m->train && user < m->train->n_users)
		return rmatrix_by_user(m->train, user);
	return none;
}

/* The threshold for "an item you liked": the positive rule (3 of 5)
 * for iALS; for explicit ALS max - floor(0.3 max) (4 of 5, 7 of 10),
 * or your own mean rating when that is lower (someone who rates
 * everything 3 still likes their 3.5s). */
static double liked_min(const struct als *a, const struct rvec *r)
{
	double s = 0, mean;

	if (a->implicit || r->n == 0)
		return a->thr;
	for (size_t j = 0; j < r->n; j++)
		s += r->val[j];
	mean = s / (double)r->n;
	return mean < a->thr ? mean : a->thr;
}

/* Up to two liked items nearest the target in factor space (cosine at
 * least ALS_CLOSE_COS), positions in r into best[]; returns how many. */
static int nearest_liked(const struct als *a, const struct rvec *r,
			 uint32_t item, size_t best[2])
{
	double lim = liked_min(a, r), cbest[2] = { 0, 0 };
	int nb = 0;

	for (size_t j = 0; j < r->n; j++) {
		uint32_t i = r->idx[j];
		double c;

		if (i == item || i >= a->n_items || r->val[j] < lim)
			continue;
		c = item_cos(a, item, i);
		if (c < ALS_CLOSE_COS)
			continue;
		if (nb == 0 || c > cbest[0]) {
			best[1] = best[0];
			cbest[1] = cbest[0];
			best[0] = j;
			cbest[0] = c;
			nb = nb < 2 ? nb + 1 : 2;
		} else if (nb == 1 || c > cbest[1]) {
			best[1] = j;
			cbest[1] = c;
			nb = 2;
		}
	}
	return nb;
}

/* An item's title for explanations ("#12" without a catalogue). */
static void item_title(const struct model *m, uint32_t i, char *buf,
		       size_t n)
{
	if (m->cat && i < m->cat->n_items && m->cat->items[i].title)
		xsnprintf(buf, n, "%s", m->cat->items[i].title);
	else
		xsnprintf(buf, n, "#%u", i);
}

/* "close to Fight Club, Inception you rated 5" from the nearest liked;
 * for a query (items like one), "liked by the same people as Fight
 * Club". */
static size_t explain_close(const struct model *m, const struct rvec *r,
			    const size_t best[2], int nb, bool query,
			    char *buf, size_t n)
{
	char t0[128], t1[128], v0[16], v1[16];

	item_title(m, r->idx[best[0]], t0, sizeof t0);
	if (query)
		return xsnprintf(buf, n, _("liked by the same people as %s"),
				 t0);
	xsnprintf(v0, sizeof v0, "%g", r->val[best[0]]);
	if (nb == 1)
		return xsnprintf(buf, n, _("close to %s, which you rated %s"),
				 t0, v0);
	item_title(m, r->idx[best[1]], t1, sizeof t1);
	xsnprintf(v1, sizeof v1, "%g", r->val[best[1]]);
	if (strcmp(v0, v1) == 0)
		return xsnprintf(buf, n, _("close to %s, %s you rated %s"), t0,
				 t1, v0);
	return xsnprintf(buf, n, _("close to %s (you rated %s), %s (%s)"), t0,
			 v0, t1, v1);
}

/* The signal of "you" nearest the target in factor space (cosine at
 * least ALS_CLOSE_COS), as its position in s, or s->n when none. */
static size_t nearest_signal(const struct als *a, const struct rvec *s,
			     uint32_t item)
{
	size_t best = s->n;
	double cbest = ALS_CLOSE_COS;

	for (size_t j = 0; j < s->n; j++) {
		double c;

		if (s->idx[j] == item || s->idx[j] >= a->n_items)
			continue;
		c = item_cos(a, item, s->idx[j]);
		if (c >= cbest) {
			best = j;
			cbest = c;
		}
	}
	return best;
}

/* "close to Alien, which you watched" (read, for books; on your watch
 * list or to-read shelf for a wanted item). */
static size_t explain_signal(const struct model *m, const struct rvec *s,
			     size_t j, char *buf, size_t n)
{
	bool books = m->cat && m->cat->kind == CATALOG_GOODBOOKS;
	bool want = s->val[j] == MODEL_SIGNAL_WANT;
	char t[128];

	item_title(m, s->idx[j], t, sizeof t);
	if (want)
		return xsnprintf(buf, n, books ? _("close to %s, on your "
						   "to-read shelf")
					       : _("close to %s, on your "
						   "watch list"), t);
	return xsnprintf(buf, n, books ? _("close to %s, which you read")
				       : _("close to %s, which you watched"),
			 t);
}

/* What the score rests on when no liked or signalled item is close:
 * the item's bias, or how many ratings and signals were folded in. */
static size_t explain_basis(const struct als *a, const struct rvec *r,
			    const struct rvec *s, uint32_t item, char *buf,
			    size_t n)
{
	double bias = a->implicit ? 0 : a->Vb[item];

	if (bias >= ALS_LIKED_BIAS)
		return xsnprintf(buf, n, ngettext("widely liked: %.1f above "
						  "average over %u rating",
						  "widely liked: %.1f above "
						  "average over %u ratings",
						  a->item_n[item]),
				 bias, a->item_n[item]);
	if (r->n > 0)
		return xsnprintf(buf, n, ngettext("predicted from your rating",
						  "predicted from your %zu "
						  "ratings", r->n), r->n);
	if (s->n > 0)
		return xsnprintf(buf, n, ngettext("predicted from %zu item "
						  "you have seen or want",
						  "predicted from %zu items "
						  "you have seen or want",
						  s->n), s->n);
	return xsnprintf(buf, n, "%s", _("rate a few items to get reasons"));
}

/* Why ALS scores this item for the user: the liked items nearest to it
 * in factor space, else (iALS) the nearest item you have seen or want,
 * else what the score rests on. */
static size_t als_explain(const struct model *m, uint32_t user,
			  const struct model_you *you, uint32_t item,
			  char *buf, size_t n)
{
	const struct als *a = m->state;
	struct rvec r = explain_ratings(m, user, you);
	struct rvec none = { 0, NULL, NULL };
	const struct rvec *s = you && a->implicit ? &you->signals : &none;
	size_t best[2] = { 0, 0 }, sj;
	int nb;

	if (a->item_n[item] == 0)
		return xsnprintf(buf, n, "%s", _("nobody has rated it yet"));
	nb = nearest_liked(a, &r, item, best);
	if (nb > 0)
		return explain_close(m, &r, best, nb, you && you->query, buf,
				     n);
	sj = nearest_signal(a, s, item);
	if (sj < s->n)
		return explain_signal(m, s, sj, buf, n);
	return explain_basis(a, &r, s, item, buf, n);
}

/* Payload: sizes and rule, then factors and biases of each side, then
 * the counts. */
static int als_save(const struct model *m, FILE *f)
{
	const struct als *a = m->state;
	uint32_t hdr[5] = { (uint32_t)a->k, (uint32_t)a->d, a->implicit,
			    a->n_users, a->n_items };
	double rule[3] = { a->mu, a->thr, a->alpha };

	if (model_write_u32(f, hdr, 5) != 0 ||
	    model_write_f64(f, rule, 3) != 0 ||
	    model_write_f32(f, a->U, (size_t)a->n_users * a->k) != 0 ||
	    model_write_f32(f, a->Ub, a->n_users) != 0 ||
	    model_write_f32(f, a->V, (size_t)a->n_items * a->k) != 0 ||
	    model_write_f32(f, a->Vb, a->n_items) != 0 ||
	    model_write_u32(f, a->user_n, a->n_users) != 0)
		return -1;
	return model_write_u32(f, a->item_n, a->n_items);
}

/* True when all n values are finite. */
static bool all_finite(const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(v[i]))
			return false;
	}
	return true;
}

/* True when all n floats are finite. */
static bool all_finite_f(const float *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(v[i]))
			return false;
	}
	return true;
}

/* The payload body into a, checked for finiteness. */
static int read_body(struct als *a, FILE *f)
{
	double rule[3];
	size_t nu = (size_t)a->n_users * a->k, ni = (size_t)a->n_items * a->k;

	if (model_read_f64(f, rule, 3) != 0 ||
	    model_read_f32(f, a->U, nu) != 0 ||
	    model_read_f32(f, a->Ub, a->n_users) != 0 ||
	    model_read_f32(f, a->V, ni) != 0 ||
	    model_read_f32(f, a->Vb, a->n_items) != 0 ||
	    model_read_u32(f, a->user_n, a->n_users) != 0 ||
	    model_read_u32(f, a->item_n, a->n_items) != 0)
		return -1;
	a->mu = rule[0];
	a->thr = rule[1];
	a->alpha = rule[2];
	if (!all_finite(rule, 3) || !all_finite_f(a->U, nu) ||
	    !all_finite_f(a->V, ni) || !all_finite_f(a->Ub, a->n_users) ||
	    !all_finite_f(a->Vb, a->n_items))
		return -1;
	return 0;
}

/* Read either kind's payload; the sizes must match the header's. */
static int als_load_kind(struct model *m, FILE *f, bool implicit,
			 char *err, size_t errlen)
{
	uint32_t hdr[5];
	struct als *a;

	if (model_read_u32(f, hdr, 5) != 0 || hdr[0] < 1 ||
	    hdr[0] > ALS_MAX_FACTORS || hdr[2] != (uint32_t)implicit ||
	    hdr[1] != hdr[0] + !implicit || hdr[3] != m->n_users ||
	    hdr[4] != m->n_items)
		goto bad;
	a = als_alloc(m, (int)hdr[0], implicit);
	if (read_body(a, f) != 0) {
		als_state_free(a);
		goto bad;
	}
	compute_norms(a);
	if (implicit)
		gram_of(a->V, a->n_items, a->k, a->gram);
	m->state = a;
	return 0;
bad:
	xsnprintf(err, errlen, "%s",
		  _("ALS model file is truncated or damaged"));
	return -1;
}

/* Explicit payload (the ops' load). */
static int als_load(struct model *m, FILE *f, char *err, size_t errlen)
{
	return als_load_kind(m, f, false, err, errlen);
}

const struct model_ops als_ops = {
	.name = "als",
	.fit = als_fit,
	.predict = als_predict,
	.score_all = als_score_all,
	.similar = als_similar,
	.explain = als_explain,
	.save = als_save,
	.load = als_load,
	.free = als_free,
};

/* The conversion threshold: the setting, or floor(max / 2) + 1 of the
 * scale (3 of 5, 6 of 10, 51 of 100): a middling rating is still a
 * sign of interest, and ranking learns from it (model.c, iALS). */
double model_positive_min(const struct model_params *p,
			  const struct scale *sc)
{
	if (p->positive_min != 0)
		return p->positive_min;
	return floor(sc->max / 2 + 1e-9) + 1;
}

/* The rule in words, for the Train view. */
size_t model_implicit_rule(const struct model_params *p,
			   const struct scale *sc, char *buf, size_t n)
{
	return xsnprintf(buf, n, _("positive if rating ≥ %g (of %g), "
				   "confidence 1 + α·r (α = %g)"),
			 model_positive_min(p, sc), sc->max, p->alpha);
}

/* Warn when the rule takes 1-star ratings (1 of 5, 2 of 10) as
 * positives: dislikes then count as interest (case 19). */
static void warn_rule(struct model *m)
{
	double thr = model_positive_min(&m->params, &m->scale);
	double one_star = m->scale.max / 5;
	const char *msg = _("implicit mode is treating 1-star ratings as "
			    "positive");
	size_t len = strlen(m->warning);

	if (thr > one_star && thr > m->scale.min)
		return;
	if (len)
		xsnprintf(m->warning + len, sizeof m->warning - len, "; %s",
			  msg);
	else
		xsnprintf(m->warning, sizeof m->warning, "%s", msg);
}

/* Implicit ALS fit (the ops' fit). */
static int ials_fit(struct model *m, const struct fit_data *d, char *err,
		    size_t errlen)
{
	int rc = als_fit_kind(m, d, true, err, errlen);

	warn_rule(m);
	return rc;
}

/* Implicit ALS predicts preferences, not ratings: no rating to give. */
static bool ials_predict(const struct model *m, uint32_t user,
			 const struct model_you *you, uint32_t item,
			 double *out)
{
	(void)m;
	(void)user;
	(void)you;
	(void)item;
	(void)out;
	return false;
}

/* Implicit payload (the ops' load). */
static int ials_load(struct model *m, FILE *f, char *err, size_t errlen)
{
	return als_load_kind(m, f, true, err, errlen);
}

const struct model_ops ials_ops = {
	.name = "ials",
	.fit = ials_fit,
	.predict = ials_predict,
	.score_all = als_score_all,
	.similar = als_similar,
	.explain = als_explain,
	.save = als_save,
	.load = ials_load,
	.free = als_free,
};
