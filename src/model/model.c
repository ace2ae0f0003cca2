/* SPDX-License-Identifier: GPL-3.0-or-later */
/* model: the registry of model kinds and the public wrappers around their
 * operations. The wrappers hold the rules every kind shares, so no kind
 * has to repeat them: an unfitted model or an index out of range answers
 * "cannot compute", NaN never leaves (predict says false, score_all
 * writes -INFINITY), predictions are clamped to the scale, and ranking
 * excludes rated items and breaks ties by item index. "You" reach the
 * kinds with your signals cleaned (a rating wins over a signal), and
 * your lists leave out what you have seen or want as well.
 *
 * The model file is a short text header (version, kind, settings, data
 * fingerprint, sizes, date, metrics) ended by an empty line, then the
 * kind's binary payload in little-endian order. Numbers in the header are
 * written and read in the C locale so a file moves between locales. The
 * fingerprint of an iALS model also covers the catalogue's implicit
 * matrix it trained on (kind_fingerprint). */
#include <config.h>

#include <errno.h>
#include <gsl/gsl_errno.h>
#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "model/kinds.h"
#include "model/model.h"
#include "replace.h"
#include "topk.h"
#include "util.h"

#define MODEL_FILE_VERSION 1
#define MODEL_HEADER_LINES 64

/* The kinds linked into this build. M2's kinds are listed between the
 * registry markers. */
static const struct model_ops *const registry[MODEL_KIND_COUNT] = {
	[MODEL_BASELINE] = &baseline_ops,
	[MODEL_ALS] = &als_ops,
	[MODEL_IALS] = &ials_ops,
	/* registry: other kinds */
	[MODEL_USER_KNN] = &user_knn_ops,
	[MODEL_ITEM_KNN] = &item_knn_ops,
	[MODEL_CONTENT] = &content_ops,
	[MODEL_HYBRID] = &hybrid_ops,
	/* end registry */
};

/* The --model names (BRIEF §7), in enum order. */
static const char *const kind_names[MODEL_KIND_COUNT] = {
	"baseline", "user-knn", "item-knn", "als", "ials", "content",
	"hybrid",
};

static const char *const kind_labels[MODEL_KIND_COUNT] = {
	N_("Baseline (mean + biases)"),
	N_("User kNN (cosine)"),
	N_("Item kNN (cosine)"),
	N_("ALS (explicit, biases)"),
	N_("Implicit ALS (confidence 1 + α·r)"),
	N_("Content (TF-IDF)"),
	N_("Hybrid (learned blend)"),
};

/* Map a --model name to its kind. */
bool model_kind_parse(const char *name, enum model_kind *out)
{
	for (int k = 0; k < MODEL_KIND_COUNT; k++) {
		if (name && strcmp(name, kind_names[k]) == 0) {
			*out = (enum model_kind)k;
			return true;
		}
	}
	return false;
}

/* The machine name of a kind ("als"); "?" for an invalid value. */
const char *model_kind_name(enum model_kind k)
{
	if ((unsigned)k >= MODEL_KIND_COUNT)
		return "?";
	return kind_names[k];
}

/* The translated label of a kind for menus and reports. */
const char *model_kind_label(enum model_kind k)
{
	if ((unsigned)k >= MODEL_KIND_COUNT)
		return "?";
	return _(kind_labels[k]);
}

/* Threads to use by default: the online processors, at most 8 (the
 * solves are memory-bound beyond that on the machines we target). */
static int default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > 8 ? 8 : (int)n;
}

/* Settings shared by every kind before the kind's own choices. */
static void params_common(struct model_params *p)
{
	memset(p, 0, sizeof *p);
	p->factors = 32;
	p->epochs = 15;
	p->reg = 0.05;
	p->reg_bias = 10.0;
	p->alpha = 2.0;
	p->positive_min = 0.0;
	p->neighbours = 40;
	p->shrink = 100.0;
	p->centred = true;
	p->diversity = 0.0;
	p->seed = 42;
	p->threads = default_threads();
}

/* Defaults for MovieLens-like data, chosen with bench/bench_als.c on the
 * ML-100k folds u1-u5 and seeded 80/20 splits of ML-100k and
 * ml-latest-small (figures in bench/RESULTS.md):
 * - baseline: bias lambda 3 (0.9411 mean RMSE on the folds; 1 and 10
 *   score 0.9417 and 0.9446); the fourth digit is stable after 5
 *   passes, 10 are run;
 * - ALS: k = 32, weighted lambda 0.13, bias lambda 2, 15 epochs: 0.9127
 *   on the folds, 0.838 on ml-latest-small. lambda is the sharp one:
 *   0.08 overfits (0.931), 0.19 shrinks the factors (0.923) and from
 *   0.25 they collapse to the biases; k = 64 gains 0.0006 at 3 times the
 *   cost; epochs past 15 change the fourth digit;
 * - iALS: k = 32, lambda 30, alpha 0.5, 15 epochs, ratings of 3 of 5
 *   and up positive: precision@10 0.2795 (seeds 1-5 of bench_als p10
 *   on ML-100k 80/20; 0.2755-0.28). Taking 3s as positives gains 0.008
 *   over 4s (0.2711 at lambda 60, alpha 2), 1s and up loses it again
 *   (0.2750); then lambda against the confidences matters most:
 *   lambda 120 at alpha 1 ranks near popularity (0.18); k = 64 and 128
 *   change the third digit by less than 0.001;
 * kNN, content and hybrid keep the common values. */
void model_params_default(enum model_kind k, struct model_params *p)
{
	params_common(p);
	switch (k) {
	case MODEL_BASELINE:
		p->epochs = 10;
		p->reg_bias = 3.0;
		break;
	case MODEL_ALS:
		p->factors = 32;
		p->epochs = 15;
		p->reg = 0.13;
		p->reg_bias = 2.0;
		break;
	case MODEL_IALS:
		p->factors = 32;
		p->epochs = 15;
		p->reg = 30.0;
		p->alpha = 0.5;
		break;
	default:
		break;
	}
}

/* A model of kind k with settings p (defaults when p is NULL); NULL when
 * the kind is not linked into this build. GSL's default error handler
 * aborts the process; the kinds check every status GSL returns (a
 * Cholesky of a matrix that is not positive definite, case 14), so the
 * handler is switched off before any model exists. */
struct model *model_new(enum model_kind k, const struct model_params *p)
{
	struct model *m;

	if ((unsigned)k >= MODEL_KIND_COUNT || !registry[k])
		return NULL;
	gsl_set_error_handler_off();
	m = xcalloc(1, sizeof *m);
	m->ops = registry[k];
	m->kind = k;
	if (p)
		m->params = *p;
	else
		model_params_default(k, &m->params);
	m->scale = SCALE_GENERIC;
	return m;
}

/* Asked to stop (see model.h). */
bool model_cancelled(const struct model *m)
{
	return m->cancel && atomic_load_explicit(m->cancel,
						 memory_order_relaxed);
}

/* Free a model and its kind's state. */
void model_free(struct model *m)
{
	if (!m)
		return;
	if (m->state && m->ops->free)
		m->ops->free(m);
	free(m);
}

/* Switch this thread to the C locale for numbers; returns the previous
 * locale for c_locale_end (0 when the switch failed). */
static locale_t c_locale_begin(locale_t *c)
{
	*c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (!*c)
		return (locale_t)0;
	return uselocale(*c);
}

/* Undo c_locale_begin. */
static void c_locale_end(locale_t old, locale_t c)
{
	if (!c)
		return;
	uselocale(old);
	freelocale(c);
}

/* Record the validation RMSE in m->metrics (C locale: it goes into the
 * model file as it is). */
static void note_valid_rmse(struct model *m, const struct triplets *valid)
{
	locale_t c, old;
	double rmse;

	if (!valid || !model_valid_rmse(m, valid, &rmse))
		return;
	old = c_locale_begin(&c);
	xsnprintf(m->metrics, sizeof m->metrics, "valid_rmse=%.4f", rmse);
	c_locale_end(old, c);
}

static void kind_fingerprint(enum model_kind k, const struct catalog *cat,
			     const struct rmatrix *train, char out[17]);

/* Fit m on d: the shared bookkeeping around the kind's fit. */
int model_fit(struct model *m, const struct fit_data *d, char *err,
	      size_t errlen)
{
	double t0;
	int rc;

	if (!d || !d->train) {
		xsnprintf(err, errlen, "%s", _("no training ratings"));
		return -1;
	}
	if (d->cat && d->cat->n_items != d->train->n_items) {
		xsnprintf(err, errlen,
			  _("training matrix has %u items, catalogue %u"),
			  d->train->n_items, d->cat->n_items);
		return -1;
	}
	if (m->state)
		m->ops->free(m);
	m->cat = d->cat;
	m->train = d->train;
	m->n_users = d->train->n_users;
	m->n_items = d->train->n_items;
	if (d->cat)
		m->scale = d->cat->scale;
	m->warning[0] = '\0';
	m->metrics[0] = '\0';
	m->fit_seconds = m->epoch_seconds = 0;
	kind_fingerprint(m->kind, d->cat, d->train, m->fingerprint);
	t0 = util_now();
	rc = m->ops->fit(m, d, err, errlen);
	m->fit_seconds = util_now() - t0;
	m->trained_at = (int64_t)time(NULL);
	if (rc == 0)
		note_valid_rmse(m, d->valid);
	return rc;
}

/* "You" given without ratings or signals. */
static const struct model_you no_you;

/* "You" of a ratings list (NULL: none), without signals. */
static struct model_you you_of(const struct rvec *ratings)
{
	struct model_you y = no_you;

	if (ratings)
		y.ratings = *ratings;
	return y;
}

/* "You" as the kinds get it: the signals of items out of range or
 * rated dropped (a rating always wins), the rest in their order. The
 * kept signals live in c's arrays until you_clean_free. */
struct you_clean {
	struct model_you you;
	uint32_t *idx;
	float *val;
};

static const struct model_you *you_clean(const struct model *m,
					 const struct model_you *you,
					 struct you_clean *c)
{
	const struct rvec *s = &you->signals;
	bool *rated;
	size_t k = 0;

	c->idx = NULL;
	c->val = NULL;
	if (s->n == 0)
		return you;
	rated = xcalloc(m->n_items ? m->n_items : 1, sizeof *rated);
	for (size_t j = 0; j < you->ratings.n; j++)
		if (you->ratings.idx[j] < m->n_items)
			rated[you->ratings.idx[j]] = true;
	c->idx = xmalloc(s->n * sizeof *c->idx);
	c->val = xmalloc(s->n * sizeof *c->val);
	for (size_t j = 0; j < s->n; j++) {
		if (s->idx[j] >= m->n_items || rated[s->idx[j]])
			continue;
		c->idx[k] = s->idx[j];
		c->val[k++] = s->val[j];
	}
	free(rated);
	c->you = *you;
	c->you.signals = (struct rvec){ k, c->idx, c->val };
	return &c->you;
}

/* Free what you_clean kept. */
static void you_clean_free(struct you_clean *c)
{
	free(c->idx);
	free(c->val);
}

/* True when the model can answer for this user and item. */
static bool can_answer(const struct model *m, uint32_t user, uint32_t item)
{
	if (!m->state || item >= m->n_items)
		return false;
	return user == MODEL_NO_USER || user < m->n_users;
}

/* Predicted rating, clamped to the scale; false when it cannot be
 * computed (cold user or item, or a kind without rating predictions).
 * you: NULL for a training row, else cleaned. */
static bool predict_as(const struct model *m, uint32_t user,
		       const struct model_you *you, uint32_t item,
		       double *out)
{
	double v;

	if (!can_answer(m, user, item))
		return false;
	if (!m->ops->predict(m, user, you, item, &v))
		return false;
	if (!isfinite(v))
		return false;
	if (m->scale.max > m->scale.min) {
		if (v < m->scale.min)
			v = m->scale.min;
		if (v > m->scale.max)
			v = m->scale.max;
	}
	*out = v;
	return true;
}

/* model_predict: a training row, or "you" from ratings alone. */
bool model_predict(const struct model *m, uint32_t user,
		   const struct rvec *ratings, uint32_t item, double *out)
{
	struct model_you y = you_of(ratings);

	return predict_as(m, user, user == MODEL_NO_USER ? &y : NULL, item,
			  out);
}

/* model_predict for "you" with signals. */
bool model_predict_you(const struct model *m, const struct model_you *you,
		       uint32_t item, double *out)
{
	struct you_clean c;
	bool ok = predict_as(m, MODEL_NO_USER, you_clean(m, you, &c), item,
			     out);

	you_clean_free(&c);
	return ok;
}

/* Score of every item for a user into out[n_items]; -INFINITY where no
 * score can be computed, never NaN. you as for predict_as. */
static void score_as(const struct model *m, uint32_t user,
		     const struct model_you *you, float *out)
{
	if (!m->state || (user != MODEL_NO_USER && user >= m->n_users)) {
		for (uint32_t i = 0; i < m->n_items; i++)
			out[i] = -INFINITY;
		return;
	}
	m->ops->score_all(m, user, you, out);
	for (uint32_t i = 0; i < m->n_items; i++) {
		if (isnan(out[i]))
			out[i] = -INFINITY;
	}
}

/* model_score_all: a training row, or "you" from ratings alone. */
void model_score_all(const struct model *m, uint32_t user,
		     const struct rvec *ratings, float *out)
{
	struct model_you y = you_of(ratings);

	score_as(m, user, user == MODEL_NO_USER ? &y : NULL, out);
}

/* model_score_all for "you" with signals. */
void model_score_you(const struct model *m, const struct model_you *you,
		     float *out)
{
	struct you_clean c;

	score_as(m, MODEL_NO_USER, you_clean(m, you, &c), out);
	you_clean_free(&c);
}

/* RMSE over the predictable rows of v (kinds.h). */
bool model_valid_rmse(const struct model *m, const struct triplets *v,
		      double *out)
{
	double sse = 0;
	size_t n = 0;

	for (size_t j = 0; v && j < v->n; j++) {
		const struct triplet *t = &v->v[j];
		double p, e;

		if (!model_predict(m, t->user, NULL, t->item, &p))
			continue;
		e = p - t->value;
		sse += e * e;
		n++;
	}
	if (n == 0)
		return false;
	*out = sqrt(sse / (double)n);
	return true;
}

/* Mark the items of r in skip (indices beyond the model are ignored). */
static void mark_rated(bool *skip, uint32_t n_items, const struct rvec *r)
{
	for (size_t j = 0; r && j < r->n; j++) {
		if (r->idx[j] < n_items)
			skip[r->idx[j]] = true;
	}
}

/* What is never recommended to you: rated, seen or wanted. */
void model_you_mark(const struct model_you *you, bool *skip,
		    uint32_t n_items)
{
	if (!you)
		return;
	mark_rated(skip, n_items, &you->ratings);
	mark_rated(skip, n_items, &you->signals);
	for (uint32_t i = 0; you->also_skip && i < n_items; i++)
		skip[i] |= you->also_skip[i];
}

/* Top n for a user: the given ratings and signals (model_you_mark) and
 * the training row are all excluded, so an item just rated disappears
 * at once. you as for predict_as. */
static size_t recommend_as(const struct model *m, uint32_t user,
			   const struct model_you *you, struct scored *out,
			   size_t n)
{
	float *scores;
	bool *skip;
	size_t got;

	if (!m->state || n == 0 || m->n_items == 0)
		return 0;
	if (user != MODEL_NO_USER && user >= m->n_users)
		return 0;
	scores = xmalloc(m->n_items * sizeof *scores);
	skip = xcalloc(m->n_items, sizeof *skip);
	score_as(m, user, you, scores);
	model_you_mark(you, skip, m->n_items);
	if (user != MODEL_NO_USER && m->train && user < m->train->n_users) {
		struct rvec row = rmatrix_by_user(m->train, user);

		mark_rated(skip, m->n_items, &row);
	}
	got = model_top_n(scores, m->n_items, skip, out, n);
	free(skip);
	free(scores);
	return got;
}

/* model_recommend: a training row, or "you" from ratings alone. */
size_t model_recommend(const struct model *m, uint32_t user,
		       const struct rvec *ratings, struct scored *out,
		       size_t n)
{
	struct model_you y = you_of(ratings);

	return recommend_as(m, user, user == MODEL_NO_USER ? &y : NULL, out,
			    n);
}

/* model_recommend for "you" with signals. */
size_t model_recommend_you(const struct model *m,
			   const struct model_you *you, struct scored *out,
			   size_t n)
{
	struct you_clean c;
	size_t got = recommend_as(m, MODEL_NO_USER, you_clean(m, you, &c),
				  out, n);

	you_clean_free(&c);
	return got;
}

/* Items most similar to item, best first, without the item itself and
 * without non-finite similarities. */
size_t model_similar(const struct model *m, uint32_t item,
		     struct scored *out, size_t n)
{
	size_t got, kept = 0;

	if (!m->state || item >= m->n_items || n == 0)
		return 0;
	got = m->ops->similar(m, item, out, n);
	for (size_t j = 0; j < got && j < n; j++) {
		if (out[j].item != item && isfinite(out[j].score))
			out[kept++] = out[j];
	}
	return kept;
}

/* A few words on why the user gets this item; "" when there is nothing
 * to say. Returns the length written. you as for predict_as. */
static size_t explain_as(const struct model *m, uint32_t user,
			 const struct model_you *you, uint32_t item,
			 char *buf, size_t n)
{
	if (n == 0)
		return 0;
	buf[0] = '\0';
	if (!can_answer(m, user, item))
		return 0;
	m->ops->explain(m, user, you, item, buf, n);
	buf[n - 1] = '\0';
	return strlen(buf);
}

/* model_explain: a training row, or "you" from ratings alone. */
size_t model_explain(const struct model *m, uint32_t user,
		     const struct rvec *ratings, uint32_t item, char *buf,
		     size_t n)
{
	struct model_you y = you_of(ratings);

	return explain_as(m, user, user == MODEL_NO_USER ? &y : NULL, item,
			  buf, n);
}

/* model_explain for "you" with signals. */
size_t model_explain_you(const struct model *m, const struct model_you *you,
			 uint32_t item, char *buf, size_t n)
{
	struct you_clean c;
	size_t len = explain_as(m, MODEL_NO_USER, you_clean(m, you, &c), item,
				buf, n);

	you_clean_free(&c);
	return len;
}

/* Higher score first, then lower item index (qsort order). */
static int scored_cmp(const struct scored *a, const struct scored *b)
{
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return (a->item > b->item) - (a->item < b->item);
}

TOPK_DEFINE(scored_top, struct scored, scored_cmp)

/* The n best finite scores (topk.h), sorted best first. */
size_t model_top_n(const float *scores, uint32_t n_items,
		   const bool *skip, struct scored *out, size_t n)
{
	size_t len = 0;

	for (uint32_t i = 0; i < n_items && n > 0; i++) {
		struct scored c = { i, scores[i] };

		if ((skip && skip[i]) || !isfinite(scores[i]))
			continue;
		scored_top_offer(out, &len, n, c);
	}
	scored_top_sort(out, len);
	return len;
}

/* One 64-bit word into the running hash (FNV-1a on words, with a shift
 * so high bits reach the low ones). */
static void fp_word(uint64_t *h, uint64_t w)
{
	*h ^= w;
	*h *= 0x100000001b3ULL;
	*h ^= *h >> 29;
}

/* The strings of an id table, in index order, into the hash. */
static void fp_ids(uint64_t *h, const struct intern *t)
{
	uint32_t n = t ? intern_count(t) : 0;

	fp_word(h, n);
	for (uint32_t i = 0; i < n; i++) {
		const unsigned char *s = (const unsigned char *)
			intern_str(t, i);
		uint64_t w = 0;
		int b = 0;

		for (; *s; s++) {
			w = (w << 8) | *s;
			if (++b == 8) {
				fp_word(h, w);
				w = 0;
				b = 0;
			}
		}
		fp_word(h, w ^ ((uint64_t)b << 56) ^ 0xff);
	}
}

/* A matrix into the hash: shape, positions and value bits. */
static void fp_matrix(uint64_t *h, const struct rmatrix *m)
{
	fp_word(h, m->n_users);
	fp_word(h, m->n_items);
	fp_word(h, m->nnz);
	for (uint32_t u = 0; u < m->n_users; u++) {
		struct rvec r = rmatrix_by_user(m, u);

		fp_word(h, ((uint64_t)u << 32) | r.n);
		for (size_t j = 0; j < r.n; j++) {
			uint32_t bits;

			memcpy(&bits, &r.val[j], sizeof bits);
			fp_word(h, ((uint64_t)r.idx[j] << 32) | bits);
		}
	}
}

/* The catalogue's ids and the training ratings, hashed. */
static uint64_t fp_data(const struct catalog *cat,
			const struct rmatrix *train)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	if (cat) {
		fp_ids(&h, cat->item_ids);
		fp_ids(&h, cat->user_ids);
	}
	if (train)
		fp_matrix(&h, train);
	return h;
}

/* Fingerprint of the catalogue's item and user ids and of the training
 * ratings (shape, positions and value bits). */
void model_fingerprint(const struct catalog *cat,
		       const struct rmatrix *train, char out[17])
{
	snprintf(out, 17, "%016" PRIx64, fp_data(cat, train));
}

/* The community's implicit signals a fit of kind k trains on beside
 * train (kinds.h). */
const struct rmatrix *model_fit_signals(enum model_kind k,
					const struct catalog *cat,
					const struct rmatrix *train)
{
	const struct rmatrix *s = cat ? cat->implicit : NULL;

	if (k != MODEL_IALS || !s || !train ||
	    s->n_users != train->n_users || s->n_items != train->n_items)
		return NULL;
	return s;
}

/* The fingerprint a model of kind k keeps: model_fingerprint's, and
 * for a kind that trains on implicit signals too, theirs (so a changed
 * to_read.csv retrains iALS and nothing else). */
static void kind_fingerprint(enum model_kind k, const struct catalog *cat,
			     const struct rmatrix *train, char out[17])
{
	uint64_t h = fp_data(cat, train);
	const struct rmatrix *s = model_fit_signals(k, cat, train);

	if (s) {
		fp_word(&h, 0x5349474e414c53ULL);    /* "SIGNALS" */
		fp_matrix(&h, s);
	}
	snprintf(out, 17, "%016" PRIx64, h);
}

/* Write n elements of width bytes in little-endian order. */
static int write_le(FILE *f, const void *v, size_t n, size_t width)
{
#ifdef WORDS_BIGENDIAN
	const unsigned char *p = v;
	unsigned char buf[8];

	for (size_t i = 0; i < n; i++, p += width) {
		for (size_t b = 0; b < width; b++)
			buf[b] = p[width - 1 - b];
		if (fwrite(buf, width, 1, f) != 1)
			return -1;
	}
	return 0;
#else
	return fwrite(v, width, n, f) == n ? 0 : -1;
#endif
}

/* Read n elements of width bytes stored in little-endian order. */
static int read_le(FILE *f, void *v, size_t n, size_t width)
{
	if (fread(v, width, n, f) != n)
		return -1;
#ifdef WORDS_BIGENDIAN
	unsigned char *p = v;

	for (size_t i = 0; i < n; i++, p += width) {
		for (size_t b = 0; b < width / 2; b++) {
			unsigned char t = p[b];

			p[b] = p[width - 1 - b];
			p[width - 1 - b] = t;
		}
	}
#endif
	return 0;
}

/* Payload writers and readers for the kinds (kinds.h). */
int model_write_u32(FILE *f, const uint32_t *v, size_t n)
{
	return write_le(f, v, n, sizeof *v);
}

/* Floats, little-endian. */
int model_write_f32(FILE *f, const float *v, size_t n)
{
	return write_le(f, v, n, sizeof *v);
}

/* Doubles, little-endian. */
int model_write_f64(FILE *f, const double *v, size_t n)
{
	return write_le(f, v, n, sizeof *v);
}

/* Read what model_write_u32 wrote. */
int model_read_u32(FILE *f, uint32_t *v, size_t n)
{
	return read_le(f, v, n, sizeof *v);
}

/* Read what model_write_f32 wrote. */
int model_read_f32(FILE *f, float *v, size_t n)
{
	return read_le(f, v, n, sizeof *v);
}

/* Read what model_write_f64 wrote. */
int model_read_f64(FILE *f, double *v, size_t n)
{
	return read_le(f, v, n, sizeof *v);
}

/* The settings line, every field, doubles exact (%.17g). */
static void write_params(FILE *f, const struct model_params *p)
{
	fprintf(f, "params k=%d epochs=%d reg=%.17g reg_bias=%.17g "
		"alpha=%.17g positive_min=%.17g neighbours=%d shrink=%.17g "
		"centred=%d diversity=%.17g seed=%" PRIu64 " threads=%d\n",
		p->factors, p->epochs, p->reg, p->reg_bias, p->alpha,
		p->positive_min, p->neighbours, p->shrink, p->centred ? 1 : 0,
		p->diversity, p->seed, p->threads);
}

/* The text header, up to and including the empty line. */
static void write_header(const struct model *m, FILE *f)
{
	char date[32] = "";
	time_t t = (time_t)m->trained_at;
	struct tm tm;

	if (gmtime_r(&t, &tm))
		strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(f, "taste-model %d\nkind %s\n", MODEL_FILE_VERSION,
		model_kind_name(m->kind));
	write_params(f, &m->params);
	fprintf(f, "fingerprint %s\nusers %" PRIu32 "\nitems %" PRIu32 "\n",
		m->fingerprint[0] ? m->fingerprint : "0000000000000000",
		m->n_users, m->n_items);
	fprintf(f, "scale %.17g %.17g %.17g\n", m->scale.min, m->scale.max,
		m->scale.step);
	fprintf(f, "date %s\n", date);
	if (m->metrics[0] && !strchr(m->metrics, '\n'))
		fprintf(f, "metrics %s\n", m->metrics);
	fputc('\n', f);
}

/* Header and payload to an open stream; -1 on a write error. */
static int write_model(const struct model *m, FILE *f)
{
	locale_t c, old = c_locale_begin(&c);

	write_header(m, f);
	c_locale_end(old, c);
	if (m->ops->save(m, f) != 0)
		return -1;
	return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}

/* write_model as a replace_fn. */
static int write_model_fn(FILE *f, void *ctx)
{
	return write_model(ctx, f);
}

/* Save to path whole or not at all (replace.h). */
int model_save(const struct model *m, const char *path, char *err,
	       size_t errlen)
{
	if (!m->state) {
		xsnprintf(err, errlen, "%s", _("model is not trained"));
		return -1;
	}
	if (replace_file(path, write_model_fn, (void *)m) == 0)
		return 0;
	xsnprintf(err, errlen, _("cannot write %s: %s"), path,
		  strerror(errno));
	return -1;
}

/* What the header says before the model is built. */
struct header {
	enum model_kind kind;
	bool has_kind;
	struct model_params params;
	char fingerprint[17];
	uint32_t n_users, n_items;
	struct scale scale;
	int64_t date;
	char metrics[128];
};

/* One "key=value" of the params line into p; unknown keys are ignored
 * so a newer writer of the same version can add settings. */
static void parse_param(struct model_params *p, const char *key,
			const char *val)
{
	if (strcmp(key, "k") == 0)
		p->factors = (int)strtol(val, NULL, 10);
	else if (strcmp(key, "epochs") == 0)
		p->epochs = (int)strtol(val, NULL, 10);
	else if (strcmp(key, "reg") == 0)
		p->reg = strtod(val, NULL);
	else if (strcmp(key, "reg_bias") == 0)
		p->reg_bias = strtod(val, NULL);
	else if (strcmp(key, "alpha") == 0)
		p->alpha = strtod(val, NULL);
	else if (strcmp(key, "positive_min") == 0)
		p->positive_min = strtod(val, NULL);
	else if (strcmp(key, "neighbours") == 0)
		p->neighbours = (int)strtol(val, NULL, 10);
	else if (strcmp(key, "shrink") == 0)
		p->shrink = strtod(val, NULL);
	else if (strcmp(key, "centred") == 0)
		p->centred = strtol(val, NULL, 10) != 0;
	else if (strcmp(key, "diversity") == 0)
		p->diversity = strtod(val, NULL);
	else if (strcmp(key, "seed") == 0)
		p->seed = strtoull(val, NULL, 10);
	else if (strcmp(key, "threads") == 0)
		p->threads = (int)strtol(val, NULL, 10);
}

/* The params line's fields (after "params "). */
static void parse_params(struct model_params *p, char *s)
{
	char *save = NULL;

	for (char *tok = strtok_r(s, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');

		if (!eq)
			continue;
		*eq = '\0';
		parse_param(p, tok, eq + 1);
	}
}

/* Parse an ISO 8601 UTC date back to Unix time (0 when unreadable). */
static int64_t parse_date(const char *s)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	if (!strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return 0;
	return (int64_t)timegm(&tm);
}

/* One header line "key value" into h; -1 with a message when wrong. */
static int parse_line(struct header *h, char *line, char *err,
		      size_t errlen)
{
	char *val = strchr(line, ' ');

	if (!val) {
		xsnprintf(err, errlen, _("bad model file line \"%s\""), line);
		return -1;
	}
	*val++ = '\0';
	if (strcmp(line, "kind") == 0) {
		if (!model_kind_parse(val, &h->kind)) {
			xsnprintf(err, errlen,
				  _("model file of unknown kind \"%s\""), val);
			return -1;
		}
		h->has_kind = true;
	} else if (strcmp(line, "params") == 0) {
		parse_params(&h->params, val);
	} else if (strcmp(line, "fingerprint") == 0) {
		xsnprintf(h->fingerprint, sizeof h->fingerprint, "%s", val);
	} else if (strcmp(line, "users") == 0) {
		h->n_users = (uint32_t)strtoul(val, NULL, 10);
	} else if (strcmp(line, "items") == 0) {
		h->n_items = (uint32_t)strtoul(val, NULL, 10);
	} else if (strcmp(line, "scale") == 0) {
		sscanf(val, "%lf %lf %lf", &h->scale.min, &h->scale.max,
		       &h->scale.step);
	} else if (strcmp(line, "date") == 0) {
		h->date = parse_date(val);
	} else if (strcmp(line, "metrics") == 0) {
		xsnprintf(h->metrics, sizeof h->metrics, "%s", val);
	}
	return 0;
}

/* The first line: "taste-model N" with N this version. */
static int check_version(const char *line, const char *path, char *err,
			 size_t errlen)
{
	int v;

	if (sscanf(line, "taste-model %d", &v) != 1) {
		xsnprintf(err, errlen, _("%s is not a taste model file"),
			  path);
		return -1;
	}
	if (v > MODEL_FILE_VERSION) {
		xsnprintf(err, errlen,
			  _("model file version %d is newer than this taste "
			    "(%d)"), v, MODEL_FILE_VERSION);
		return -1;
	}
	if (v < 1) {
		xsnprintf(err, errlen, _("model file version %d is not "
					 "supported"), v);
		return -1;
	}
	return 0;
}

/* Strip the line end; false when the line was cut (over the buffer). */
static bool chomp(char *line)
{
	size_t len = strlen(line);

	if (len == 0 || line[len - 1] != '\n')
		return false;
	line[--len] = '\0';
	if (len > 0 && line[len - 1] == '\r')
		line[len - 1] = '\0';
	return true;
}

/* Read the header up to its empty line. */
static int read_header(FILE *f, const char *path, struct header *h,
		       char *err, size_t errlen)
{
	char line[1024];

	memset(h, 0, sizeof *h);
	h->scale = SCALE_GENERIC;
	if (!fgets(line, sizeof line, f) || !chomp(line))
		return check_version("", path, err, errlen);
	if (check_version(line, path, err, errlen) != 0)
		return -1;
	for (int n = 0; n < MODEL_HEADER_LINES; n++) {
		if (!fgets(line, sizeof line, f) || !chomp(line))
			break;
		if (line[0] == '\0') {
			if (h->has_kind)
				return 0;
			break;
		}
		if (parse_line(h, line, err, errlen) != 0)
			return -1;
	}
	xsnprintf(err, errlen, _("%s: truncated model file header"), path);
	return -1;
}

/* Refuse a header that does not belong to this catalogue. */
static int check_catalogue(const struct header *h,
			   const struct catalog *cat, char *err,
			   size_t errlen)
{
	char fp[17];

	if (!cat)
		return 0;
	kind_fingerprint(h->kind, cat, cat->m, fp);
	if (strcmp(fp, h->fingerprint) != 0) {
		xsnprintf(err, errlen,
			  _("model was trained on another catalogue "
			    "(fingerprint %s, this catalogue %s)"),
			  h->fingerprint, fp);
		return -1;
	}
	if (h->n_items != cat->n_items || h->n_users != cat->m->n_users) {
		xsnprintf(err, errlen, _("model has %u users and %u items, "
					 "the catalogue %u and %u"),
			  h->n_users, h->n_items, cat->m->n_users,
			  cat->n_items);
		return -1;
	}
	return 0;
}

/* A model from its parsed header, ready for the kind's payload. */
static struct model *model_from_header(const struct header *h,
				       const struct catalog *cat)
{
	struct model *m = model_new(h->kind, &h->params);

	if (!m)
		return NULL;
	m->cat = cat;
	m->train = cat ? cat->m : NULL;
	m->n_users = h->n_users;
	m->n_items = h->n_items;
	m->scale = cat ? cat->scale : h->scale;
	m->trained_at = h->date;
	memcpy(m->fingerprint, h->fingerprint, sizeof m->fingerprint);
	memcpy(m->metrics, h->metrics, sizeof m->metrics);
	return m;
}

/* Header, catalogue check, then the kind's payload. */
static struct model *load_stream(FILE *f, const char *path,
				 const struct catalog *cat, char *err,
				 size_t errlen)
{
	struct header h;
	struct model *m;
	locale_t c, old = c_locale_begin(&c);
	int rc = read_header(f, path, &h, err, errlen);

	c_locale_end(old, c);
	if (rc != 0 || check_catalogue(&h, cat, err, errlen) != 0)
		return NULL;
	m = model_from_header(&h, cat);
	if (!m) {
		xsnprintf(err, errlen,
			  _("models of kind %s are not part of this build"),
			  model_kind_name(h.kind));
		return NULL;
	}
	if (m->ops->load(m, f, err, errlen) != 0 || !m->state) {
		if (!err[0])
			xsnprintf(err, errlen, _("%s: damaged model file"),
				  path);
		model_free(m);
		return NULL;
	}
	return m;
}

/* Load a model file written by model_save. */
struct model *model_load(const char *path, const struct catalog *cat,
			 char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	struct model *m;

	if (errlen)
		err[0] = '\0';
	if (!f) {
		xsnprintf(err, errlen, _("cannot read %s: %s"), path,
			  strerror(errno));
		return NULL;
	}
	m = load_stream(f, path, cat, err, errlen);
	fclose(f);
	return m;
}
