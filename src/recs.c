/* SPDX-License-Identifier: GPL-3.0-or-later */
/* recs: recommendation lists for the CLI and the screen, and the
 * background worker that gets the screen's models ready.
 *
 * Models are saved to <data dir>/models/<catalogue key>-<model>.model and
 * loaded from there when the file exists and matches the catalogue
 * (model_load checks version and fingerprint), else fitted on the whole
 * catalogue and saved. Fewer than RECS_ONBOARD_MIN ratings give the
 * onboarding list: popular and well-rated items, and content-based
 * picks from the ratings and signals there are, in turn, each picked
 * greedily so that series, authors and genres vary (recs_few).
 *
 * The worker runs one pthread over its own copy of the catalogue,
 * getting item-kNN and
 * content first (fast, and two of the three columns), then the hybrid,
 * then ALS, at a lower priority than the screen. Each step is published
 * under the mutex; the screen polls. */
#include <config.h>

#include <errno.h>
#include <libintl.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "import.h"
#include "log.h"
#include "model/content.h"
#include "paths.h"
#include "profile.h"
#include "recs.h"
#include "usertags.h"
#include "util.h"

/* The signals journal's values are the models' (model.h). */
_Static_assert(IMPORT_SIGNAL_SEEN == MODEL_SIGNAL_SEEN &&
	       IMPORT_SIGNAL_WANT == MODEL_SIGNAL_WANT &&
	       CATALOG_SIGNAL_WANT == MODEL_SIGNAL_WANT,
	       "signal values differ in import.h, catalog.h and model.h");

/* Prior weight of the damped mean in the onboarding list: an item needs
 * about this many ratings before its own mean dominates the average. */
#define ONBOARD_PRIOR 20.0
/* Niceness of the worker thread (and the fitting threads it starts):
 * the screen keeps the CPU it needs to answer keys within a frame. */
#define BG_NICE 10
/* How much an already chosen genre costs a candidate (MMR-style). */
#define ONBOARD_DIVERSITY 0.5
/* Candidates the onboarding list picks from, best damped score first. */
#define ONBOARD_POOL 300

/* =====================================================================
 * Saving, loading and fitting
 * ===================================================================== */

/* Where kind k of cat is saved (malloc'd), or NULL with err. */
char *recs_model_path(const struct catalog *cat, enum model_kind k,
		      char *err, size_t errlen)
{
	const char *dir = paths_data_dir(err, errlen);
	if (!dir)
		return NULL;
	char *models = xasprintf("%s/models", dir);
	if (paths_mkdir_p(models, 0700) != 0) {
		xsnprintf(err, errlen, _("cannot create %s: %s"), models,
			  strerror(errno));
		free(models);
		return NULL;
	}
	char *path = xasprintf("%s/%s-%s.model", models, cat->key,
			       model_kind_name(k));
	free(models);
	return path;
}

/* Fit m on the whole catalogue, epochs reported to fn. */
int recs_fit(struct model *m, const struct catalog *cat, model_epoch_fn fn,
	     void *ctx, char *err, size_t errlen)
{
	struct fit_data fd = { .train = cat->m, .cat = cat, .valid = NULL };
	m->on_epoch = fn;
	m->epoch_ctx = ctx;
	int rc = model_fit(m, &fd, err, errlen);
	m->on_epoch = NULL;
	m->epoch_ctx = NULL;
	return rc;
}

/* Tell the hooks about ev, when they listen. */
static void recs_note(const struct recs_hooks *h, enum recs_event ev,
		      const struct model *m, const char *detail)
{
	if (h && h->note)
		h->note(h->note_ctx, ev, m, detail);
}

/* Kind k fitted with its defaults and saved to path (when given)
 * unless a file was saved there since t0, when recs_model looked. */
static struct model *recs_train(const struct catalog *cat,
				enum model_kind k, const char *path,
				const struct recs_hooks *h,
				const struct timespec *t0, char *err,
				size_t errlen)
{
	struct model_params p;
	char serr[512];
	model_params_default(k, &p);
	struct model *m = model_new(k, &p);
	if (!m) {
		xsnprintf(err, errlen, _("model %s is not in this build"),
			  model_kind_name(k));
		return NULL;
	}
	recs_note(h, RECS_EV_TRAINING, m, NULL);
	m->cancel = h ? h->cancel : NULL;
	if (recs_fit(m, cat, h ? h->on_epoch : NULL, h ? h->epoch_ctx : NULL,
		     err, errlen) != 0 || model_cancelled(m)) {
		/* a fit cut short is never kept: it would load next time */
		if (model_cancelled(m))
			xsnprintf(err, errlen, "%s", _("stopped"));
		model_free(m);
		return NULL;
	}
	m->cancel = NULL;
	recs_note(h, RECS_EV_TRAINED, m, NULL);
	/* the Train pane may have deployed this kind meanwhile: its file
	 * is newer than these defaults, keep it (the worker adopts it) */
	struct stat sb;
	if (path && stat(path, &sb) == 0 && (sb.st_mtim.tv_sec > t0->tv_sec
	    || (sb.st_mtim.tv_sec == t0->tv_sec &&
		sb.st_mtim.tv_nsec >= t0->tv_nsec)))
		return m;
	if (path && model_save(m, path, serr, sizeof serr) != 0)
		recs_note(h, RECS_EV_NOT_SAVED, m, serr);
	return m;
}

/* The model of kind k for cat: loaded from its file when that exists
 * and matches, else fitted and saved. */
struct model *recs_model(const struct catalog *cat, enum model_kind k,
			 const char *path, const struct recs_hooks *h,
			 char *err, size_t errlen)
{
	char lerr[512];
	char *own = path ? NULL : recs_model_path(cat, k, lerr, sizeof lerr);
	const char *where = path ? path : own;
	/* a file saved after t0 is not overwritten; the coarse clock is
	 * the one file times come from (Linux), so they are never behind */
	struct timespec t0;
#ifdef CLOCK_REALTIME_COARSE
	clock_gettime(CLOCK_REALTIME_COARSE, &t0);
#else
	clock_gettime(CLOCK_REALTIME, &t0);
#endif
	if (where && access(where, F_OK) == 0) {
		struct model *m = model_load(where, cat, lerr, sizeof lerr);
		if (m) {
			free(own);
			return m;
		}
		recs_note(h, RECS_EV_RETRAIN, NULL, lerr);
	}
	struct model *m = recs_train(cat, k, where, h, &t0, err, errlen);
	free(own);
	return m;
}

/* =====================================================================
 * Your ratings
 * ===================================================================== */

/* Compare (item << 32 | position) pairs by item, to give the rvecs
 * their order. */
static int recs_cmp_rated(const void *a, const void *b)
{
	const uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* The entries of p whose item the catalogue has and skip (may be
 * NULL) does not mark, as an rvec in *idx, *val sorted by item. */
static struct rvec recs_rvec_of(const struct catalog *cat,
				const struct profile *p, const bool *skip,
				uint32_t **idx, float **val)
{
	size_t n = p ? profile_count(p) : 0, k = 0;
	uint64_t *pairs = xmalloc((n ? n : 1) * sizeof *pairs);
	float *vals = xmalloc((n ? n : 1) * sizeof *vals);
	for (size_t q = 0; q < n; q++) {
		struct profile_entry pe = profile_entry_at(p, q);
		uint32_t i = catalog_find_id(cat, pe.item_id);
		if (i == INTERN_NONE || (skip && skip[i]))
			continue;
		vals[k] = (float)pe.value;
		pairs[k] = (uint64_t)i << 32 | k;
		k++;
	}
	qsort(pairs, k, sizeof *pairs, recs_cmp_rated);
	*idx = xmalloc((k ? k : 1) * sizeof **idx);
	*val = xmalloc((k ? k : 1) * sizeof **val);
	for (size_t q = 0; q < k; q++) {
		(*idx)[q] = (uint32_t)(pairs[q] >> 32);
		(*val)[q] = vals[pairs[q] & 0xffffffffu];
	}
	free(pairs);
	free(vals);
	return (struct rvec){ k, *idx, *val };
}

/* y->gathered anew from y's ratings and signals. */
static void recs_you_gather(struct recs_you *y, const struct catalog *cat)
{
	free(y->gathered);
	y->gathered = NULL;
	if (!cat->n_collections || (!y->rv.n && !y->sig.n))
		return;
	y->gathered = xcalloc(cat->n_items, sizeof *y->gathered);
	catalog_mark_gathering(cat, y->rv.idx, y->rv.n, y->gathered);
	catalog_mark_gathering(cat, y->sig.idx, y->sig.n, y->gathered);
}

/* Your ratings from the profile, mapped to the catalogue's items. */
void recs_you_from_profile(struct recs_you *y, const struct catalog *cat,
			   const struct profile *p)
{
	y->rv = recs_rvec_of(cat, p, NULL, &y->idx, &y->val);
	y->sig = (struct rvec){ 0, NULL, NULL };
	y->sig_idx = NULL;
	y->sig_val = NULL;
	y->words = (struct model_words){ 0, NULL, NULL, NULL };
	y->w_item = NULL;
	y->w_genres = y->w_tags = NULL;
	y->gathered = NULL;
	recs_you_gather(y, cat);
}

/* Your signals beside your ratings; a rating wins. */
void recs_you_add_signals(struct recs_you *y, const struct catalog *cat,
			  const struct profile *s)
{
	bool *rated = xcalloc(cat->n_items ? cat->n_items : 1,
			      sizeof *rated);
	for (size_t q = 0; q < y->rv.n; q++)
		rated[y->rv.idx[q]] = true;
	free(y->sig_idx);
	free(y->sig_val);
	y->sig = recs_rvec_of(cat, s, rated, &y->sig_idx, &y->sig_val);
	free(rated);
	recs_you_gather(y, cat);
}

/* Your words (usertags.h) of the catalogue's items, in item order. */
void recs_you_add_words(struct recs_you *y, const struct catalog *cat,
			const struct usertags *t)
{
	size_t n = usertags_count(t), k = 0;
	uint64_t *pairs = xmalloc((n ? n : 1) * sizeof *pairs);
	for (size_t q = 0; q < n; q++) {
		uint32_t i = catalog_find_id(cat, usertags_id(t, q));
		if (i != INTERN_NONE)
			pairs[k++] = (uint64_t)i << 32 | q;
	}
	if (k > 1)
		qsort(pairs, k, sizeof *pairs, recs_cmp_rated);
	free(y->w_item);
	free(y->w_genres);
	free(y->w_tags);
	y->w_item = xmalloc((k ? k : 1) * sizeof *y->w_item);
	y->w_genres = xmalloc((k ? k : 1) * sizeof *y->w_genres);
	y->w_tags = xmalloc((k ? k : 1) * sizeof *y->w_tags);
	for (size_t q = 0; q < k; q++) {
		const char *id = usertags_id(t, pairs[q] & 0xffffffffu);
		y->w_item[q] = (uint32_t)(pairs[q] >> 32);
		y->w_genres[q] = usertags_genres(t, id);
		y->w_tags[q] = usertags_tags(t, id);
	}
	free(pairs);
	y->words = (struct model_words){ k, y->w_item, y->w_genres,
					 y->w_tags };
}

/* The fold-in input of y. */
struct model_you recs_you_model(const struct recs_you *y)
{
	return (struct model_you){ y->rv, y->sig,
				   y->words.n ? &y->words : NULL, false,
				   y->gathered };
}

/* Seen and wanted among y's signals. */
void recs_you_signal_counts(const struct recs_you *y, size_t *seen,
			    size_t *wanted)
{
	*seen = *wanted = 0;
	for (size_t q = 0; q < y->sig.n; q++) {
		if (y->sig.val[q] == MODEL_SIGNAL_WANT)
			(*wanted)++;
		else
			(*seen)++;
	}
}

/* Free the arrays behind y's rvecs. */
void recs_you_free(struct recs_you *y)
{
	free(y->idx);
	free(y->val);
	free(y->sig_idx);
	free(y->sig_val);
	free(y->w_item);
	free(y->w_genres);
	free(y->w_tags);
	free(y->gathered);
	memset(y, 0, sizeof *y);
}

/* What lists for you leave out, as a skip mask. */
bool *recs_you_mask(const struct catalog *cat, const struct model_you *you)
{
	bool *skip = xcalloc(cat->n_items ? cat->n_items : 1, sizeof *skip);
	model_you_mark(you, skip, cat->n_items);
	return skip;
}

/* =====================================================================
 * Lists
 * ===================================================================== */

/* Ratings' worth of a prior an item's mean is shrunk by: a mean of 4.5
 * from 2 ratings says little. The prior sits below the middle of the
 * scale (RECS_PRIOR of its range), so an item few have rated is taken
 * for a mediocre one until its ratings say otherwise: the few-ratings
 * list is what people are asked to rate first, and a content list of
 * items like one should not lead with what few have seen. */
#define RECS_SHRINK 20.0
#define RECS_PRIOR 0.4

/* The community's opinion of item i in [0, 1]: its mean rating shrunk
 * towards the prior by RECS_SHRINK ratings, on the catalogue's scale. */
static double recs_quality(const struct catalog *cat, uint32_t i)
{
	const struct item *it = &cat->items[i];
	double span = cat->scale.max - cat->scale.min;
	double prior = cat->scale.min + RECS_PRIOR * span;
	double n = isfinite(it->mean) ? it->n_ratings : 0;
	double b = (n * (n ? it->mean : 0) + RECS_SHRINK * prior) /
		   (n + RECS_SHRINK);

	return span > 0 ? (b - cat->scale.min) / span : 0.5;
}

/* Best adjusted score first, ties by item index. */
static int recs_entry_cmp(const void *pa, const void *pb)
{
	const struct recs_entry *a = pa, *b = pb;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return (a->item > b->item) - (a->item < b->item);
}

/* Compare scored candidates, best first, ties by index. */
static int recs_cmp_scored(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->item < y->item ? -1 : x->item > y->item;
}

/* True when some item of cat has community ratings to weigh by. */
static bool recs_has_opinions(const struct catalog *cat)
{
	for (uint32_t i = 0; i < cat->n_items; i++)
		if (cat->items[i].n_ratings && isfinite(cat->items[i].mean))
			return true;
	return false;
}

/* Candidates a content list for you is weighed from (recs_model_list):
 * as many as the few-ratings list's, so a longer list starts with the
 * shorter one. */
#define RECS_CONTENT_POOL 400
/* The best a list for you is made of in a catalogue of collections
 * (books), before its doubles go and its series are put in order. */
#define RECS_SET_POOL 200

/* The content model's plain top n for you, scored by its predicted
 * rating times the community's opinion of each item (recs_quality), as
 * its lists of items like one are: likeness alone ties every film of
 * a profile's genres near the top of the scale (RoboCop 3 beside The
 * Godfather: Part II for a Mafia-film lover). The score is that
 * product, so the list reads in its order. Returns the count in top
 * (n long). */
static size_t recs_content_weighed(const struct model *m,
				   const struct model_you *you,
				   struct scored *top, size_t n)
{
	size_t pool = n > RECS_CONTENT_POOL ? n : RECS_CONTENT_POOL;
	struct scored *c = xmalloc(pool * sizeof *c);
	struct scored *key = xmalloc(pool * sizeof *key);
	size_t got = model_recommend_you(m, you, c, pool), k = 0;
	bool *shares = xmalloc((got ? got : 1) * sizeof *shares);

	/* an item sharing nothing you liked scores your mean, which its
	 * community's opinion would lift above those like yours */
	content_sharing(m, you, c, got, shares);
	for (size_t q = 0; q < got; q++)
		if (shares[q])
			key[k++] = (struct scored){ (uint32_t)q, c[q].score *
				(float)recs_quality(m->cat, c[q].item) };
	qsort(key, k, sizeof *key, recs_cmp_scored);
	for (size_t q = 0; q < k && q < n; q++)
		top[q] = (struct scored){ c[key[q].item].item, key[q].score };
	free(shares);
	free(key);
	free(c);
	return k < n ? k : n;
}

/* recs_content_weighed, re-ranked by MMR when diverse (the For you
 * list of the TUI, at its diversity): the same order as the command's
 * list at diversity 0. */
static size_t recs_content_weighed_diverse(const struct model *m,
					   const struct model_you *you,
					   bool diverse, struct scored *top,
					   size_t n)
{
	size_t pool = model_diverse_pool(m, n), got;
	struct scored *c;

	if (!diverse)
		return recs_content_weighed(m, you, top, n);
	c = xmalloc((pool ? pool : 1) * sizeof *c);
	got = recs_content_weighed(m, you, c, pool);
	got = model_rerank_diverse(m, c, got, top, n);
	free(c);
	return got;
}

/* Sort e[0..n), books of one series, by their numbers: those after
 * from first (insertion sort: a series in a list is short). */
static void recs_sort_by_number(const struct catalog *cat,
				struct scored *e, size_t n, double from)
{
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0; b--) {
			double x = catalog_set_number(
				&cat->items[e[b - 1].item]);
			double y = catalog_set_number(&cat->items[e[b].item]);
			bool xa = x > from, ya = y > from;

			if (xa == ya ? x <= y : xa)
				break;
			struct scored t = e[b];
			e[b] = e[b - 1];
			e[b - 1] = t;
		}
}

/* Books of one series in a list, in the order of the series, and the
 * parts of one title in theirs (catalog_same_set): the
 * places the series' books hold in s[0..n) are given to them again
 * in their order; those of the series of query (the book a list of
 * items like it is for; NULL for none) numbered after it first, then
 * the others in theirs, so Chamber of Secrets comes before Deathly
 * Hallows after Philosopher's Stone, and every other series runs from
 * its first. Entries move whole; an unnumbered book stays where it
 * is. */
static void recs_series_order(const struct catalog *cat, struct scored *s,
			      size_t n, const struct item *query)
{
	bool *done = xcalloc(n ? n : 1, sizeof *done);
	size_t *at = xmalloc((n ? n : 1) * sizeof *at);
	struct scored *e = xmalloc((n ? n : 1) * sizeof *e);

	for (size_t q = 0; q < n; q++) {
		const struct item *it = &cat->items[s[q].item];
		size_t k = 0;

		if (done[q] || isnan(catalog_set_number(it)))
			continue;
		for (size_t r = q; r < n; r++)
			if (!done[r] && catalog_same_set(
				it, &cat->items[s[r].item])) {
				done[r] = true;
				at[k] = r;
				e[k++] = s[r];
			}
		recs_sort_by_number(cat, e, k, query &&
				    catalog_same_set(it, query)
				    ? catalog_set_number(query) : -INFINITY);
		for (size_t j = 0; j < k; j++)
			s[at[j]] = e[j];
	}
	free(e);
	free(at);
	free(done);
}

/* True when item is one of s[0..n). */
static bool recs_holds(const struct scored *s, size_t n, uint32_t item)
{
	for (size_t r = 0; r < n; r++)
		if (s[r].item == item)
			return true;
	return false;
}

/* Drop from s[0..n) each book that gathers or repeats another in it (a
 * box set beside one of its books, a split part beside the whole, two
 * editions of one book): the list keeps the book itself. A part of a
 * whole that known does not mark (rated or seen; NULL: none) stands
 * for its whole: the first of them to come becomes the whole, with its
 * score, and the others (the whole too, when it comes later) are
 * dropped, so the list shows The Green Mile once where its best part
 * ranked, not six parts. Returns the count left, order kept. */
static size_t recs_drop_doubles(const struct catalog *cat, struct scored *s,
				size_t n, const bool *known)
{
	size_t k = 0;

	for (size_t q = 0; q < n; q++) {
		const struct catalog_gathering *g =
			cat ? catalog_collection_of(cat, s[q].item) : NULL;
		bool twice = false;

		if (g && g->part && !(known && known[g->edition_of])) {
			s[q].item = g->edition_of;
			g = catalog_collection_of(cat, s[q].item);
		}
		twice = recs_holds(s, k, s[q].item);
		for (size_t r = 0; g && r < n && !twice; r++)
			twice = r != q && catalog_gathers(cat, g, s[r].item);
		if (!twice)
			s[k++] = s[q];
	}
	return k;
}

/* What a list for a training row or you must not offer, as a mask
 * (free()): what you rated or signalled and the collections of those,
 * or the row's ratings. */
static bool *recs_known(const struct model *m, uint32_t user,
			const struct model_you *you)
{
	bool *known = xcalloc(m->cat->n_items ? m->cat->n_items : 1,
			      sizeof *known);

	model_you_mark(you, known, m->cat->n_items);
	if (user != MODEL_NO_USER && m->train &&
	    user < m->train->n_users) {
		struct rvec row = rmatrix_by_user(m->train, user);

		for (size_t q = 0; q < row.n; q++)
			if (row.idx[q] < m->cat->n_items)
				known[row.idx[q]] = true;
	}
	return known;
}

/* The score a list shows for top: the hybrid ranks by a score of its
 * own (hybrid.c) and shows the predicted rating; the rest their score. */
static float recs_shown_score(const struct model *m, uint32_t user,
			      const struct model_you *you,
			      const struct scored *top)
{
	double p;
	bool ok;

	if (m->kind != MODEL_HYBRID)
		return top->score;
	ok = you && user == MODEL_NO_USER
		? model_predict_you(m, you, top->item, &p)
		: model_predict(m, user, NULL, top->item, &p);
	return ok ? (float)p : top->score;
}

/* top[0..got) as entries with the model's reasons, into out. */
static void recs_entries(const struct model *m, uint32_t user,
			 const struct model_you *you,
			 const struct scored *top, size_t got,
			 struct recs_entry *out)
{
	for (size_t q = 0; q < got; q++) {
		out[q].item = top[q].item;
		out[q].score = recs_shown_score(m, user, you, &top[q]);
		out[q].reason[0] = '\0';
		out[q].source = RECS_FROM_MODEL;
		if (you && user == MODEL_NO_USER)
			model_explain_you(m, you, top[q].item, out[q].reason,
					  sizeof out[q].reason);
		else
			model_explain(m, user, NULL, top[q].item,
				      out[q].reason, sizeof out[q].reason);
	}
}

/* The model's top n for a training row or you, with reasons. */
size_t recs_model_list(const struct model *m, uint32_t user,
		       const struct model_you *you, bool diverse,
		       struct recs_entry *out, size_t n)
{
	bool sets = m->cat && m->cat->n_collections;
	/* books: a pool whatever n, so that a list is the start of a
	 * longer one once doubles go and series are put in order */
	size_t want = !sets ? n : 2 * n > RECS_SET_POOL ? 2 * n
			  : RECS_SET_POOL;
	struct scored *top = xmalloc((want ? want : 1) * sizeof *top);
	bool weigh = m->kind == MODEL_CONTENT && m->cat &&
		     recs_has_opinions(m->cat);
	size_t got;
	if (you && user == MODEL_NO_USER && weigh)
		got = recs_content_weighed_diverse(m, you, diverse, top, want);
	else if (you && user == MODEL_NO_USER)
		got = diverse ? model_recommend_diverse_you(m, you, top, want)
			      : model_recommend_you(m, you, top, want);
	else
		got = diverse ? model_recommend_diverse(m, user, NULL, top,
							want)
			      : model_recommend(m, user, NULL, top, want);
	if (sets) {
		bool *known = recs_known(m, user, you);

		got = recs_drop_doubles(m->cat, top, got, known);
		free(known);
	}
	if (m->cat)
		recs_series_order(m->cat, top, got, NULL);
	if (got > n)
		got = n;
	recs_entries(m, user, you, top, got, out);
	free(top);
	return got;
}

/* The collections of cat that gather item (catalog_gathers) as a mask
 * in *mask (free(); NULL when cat has no collections); returns how
 * many. A list of items like a book does not offer its box set or
 * another edition of it. */
static size_t recs_gathering(const struct catalog *cat, uint32_t item,
			     bool **mask)
{
	size_t n = 0;

	*mask = NULL;
	if (!cat || !cat->n_collections)
		return 0;
	*mask = xcalloc(cat->n_items, sizeof **mask);
	catalog_mark_gathering(cat, &item, 1, *mask);
	for (size_t k = 0; k < cat->n_collections; k++)
		n += (*mask)[cat->collections[k].item];
	return n;
}

/* Drop the entries of s[0..n) that mask marks, keeping their order;
 * returns how many are left. */
static size_t recs_drop_marked(struct scored *s, size_t n, const bool *mask)
{
	size_t k = 0;

	for (size_t q = 0; q < n; q++)
		if (!mask[s[q].item])
			s[k++] = s[q];
	return k;
}

/* Candidates a content similar list is weighed from: a pool that does
 * not depend on how many are asked for (up to that many), so that a
 * longer list starts with the shorter one. */
#define RECS_SIMILAR_POOL 400

/* The similar list of m for item, scored (unsorted, top not yet
 * taken): with weigh, each similarity times the community's opinion of
 * the item (recs_quality). Returns the count in *top (malloc'd). */
static size_t recs_similar_scored(const struct model *m, uint32_t item,
				  size_t n, bool weigh, struct scored **top)
{
	size_t pool = weigh && n < RECS_SIMILAR_POOL ? RECS_SIMILAR_POOL
						    : n;
	bool *gathers = NULL;
	size_t got, n_gathers = recs_gathering(m->cat, item, &gathers);

	pool += n_gathers;      /* room for those left out */
	*top = xmalloc((pool ? pool : 1) * sizeof **top);
	got = model_similar(m, item, *top, pool);
	if (gathers)
		got = recs_drop_marked(*top, got, gathers);
	free(gathers);
	if (weigh) {
		for (size_t q = 0; q < got; q++)
			(*top)[q].score *= (float)recs_quality(m->cat,
							       (*top)[q].item);
		qsort(*top, got, sizeof **top, recs_cmp_scored);
	}
	return got < n ? got : n;
}

/* Too few ratings for collaborative items like (recs.h). */
bool recs_too_few_to_say(const struct catalog *cat, uint32_t item,
			 char *note, size_t n)
{
	size_t got = cat->m && item < cat->m->n_items ?
		     rmatrix_by_item(cat->m, item).n : 0;

	if (got >= MODEL_SIM_MIN_RATINGS)
		return false;
	xsnprintf(note, n, ngettext("n/a: too few ratings to say (%zu rating)",
				    "n/a: too few ratings to say (%zu ratings)",
				    got), got);
	return true;
}

/* Items like item, each explained as if item had been rated at the top
 * of the scale, by a query (model_you.query: no "you rated"). The
 * content model's likeness is weighed by the community's opinion of
 * each item, as the few-ratings list's content
 * picks are: genres alone tie dozens of films (The Matrix's three with
 * Lawnmower Man 2 and Screamers), and what people thought of them is
 * the better order; the score shown is that product. */
size_t recs_similar_list(const struct model *m, uint32_t item,
			 struct recs_entry *out, size_t n)
{
	struct scored *top;
	float top_val = (float)m->scale.max;
	struct model_you query = { { 1, &item, &top_val },
				   { 0, NULL, NULL }, NULL, true, NULL };
	bool weigh = m->kind == MODEL_CONTENT && m->cat &&
		     recs_has_opinions(m->cat);
	size_t want = m->cat && m->cat->n_collections ? 2 * n : n;
	size_t got = recs_similar_scored(m, item, want, weigh, &top);

	got = recs_drop_doubles(m->cat, top, got, NULL);
	if (got > n)
		got = n;
	if (m->cat)
		recs_series_order(m->cat, top, got, &m->cat->items[item]);
	for (size_t q = 0; q < got; q++) {
		out[q].item = top[q].item;
		out[q].score = top[q].score;
		out[q].reason[0] = '\0';
		out[q].source = RECS_FROM_MODEL;
		model_explain_you(m, &query, top[q].item, out[q].reason,
				  sizeof out[q].reason);
	}
	free(top);
	return got;
}

/* Genre overlap of two '|' lists as a cosine of the sets. */
static double recs_genre_cosine(const char *a, const char *b)
{
	size_t na = 0, nb = 0, both = 0;
	if (!a || !b)
		return 0;
	for (const char *p = a; p; p = strchr(p, '|'), p = p ? p + 1 : p) {
		size_t len = strcspn(p, "|");
		na++;
		for (const char *q = b; q; q = strchr(q, '|'),
		     q = q ? q + 1 : q)
			if (strcspn(q, "|") == len &&
			    strncmp(p, q, len) == 0)
				both++;
	}
	for (const char *q = b; q; q = strchr(q, '|'), q = q ? q + 1 : q)
		nb++;
	return both / sqrt((double)na * (double)nb);
}

/* How alike two onboarding picks are: 1 for the same series or the same
 * creators (books), else the cosine of their genre sets (or tags). */
static double recs_onboard_sim(const struct item *a, const struct item *b)
{
	if (catalog_same_series(a, b))
		return 1;
	if (a->creators && b->creators && strcmp(a->creators,
						 b->creators) == 0)
		return 1;
	if (a->genres && b->genres)
		return recs_genre_cosine(a->genres, b->genres);
	return recs_genre_cosine(a->tags, b->tags);
}

/* An item's onboarding score: a damped mean (towards the catalogue
 * mean, ONBOARD_PRIOR ratings' worth) times log popularity, so items
 * need both many ratings and a good mean to rank high. */
static double recs_onboard_score(const struct item *it, double gmean)
{
	double n = it->n_ratings;
	double damped = (n * it->mean + ONBOARD_PRIOR * gmean) /
			(n + ONBOARD_PRIOR);
	return damped * log1p(n);
}

/* The best ONBOARD_POOL candidates by onboarding score; *n their count. */
static struct scored *recs_onboard_pool(const struct catalog *cat,
					const bool *skip, size_t *n)
{
	double sum = 0, cnt = 0;
	for (uint32_t i = 0; i < cat->n_items; i++)
		if (cat->items[i].n_ratings && isfinite(cat->items[i].mean)) {
			sum += cat->items[i].mean * cat->items[i].n_ratings;
			cnt += cat->items[i].n_ratings;
		}
	double gmean = cnt ? sum / cnt : 0;
	struct scored *pool = xmalloc((cat->n_items ? cat->n_items : 1) *
				      sizeof *pool);
	size_t k = 0;
	for (uint32_t i = 0; i < cat->n_items; i++) {
		const struct item *it = &cat->items[i];
		if ((skip && skip[i]) || !it->n_ratings || !isfinite(it->mean))
			continue;
		pool[k++] = (struct scored){ i,
			(float)recs_onboard_score(it, gmean) };
	}
	qsort(pool, k, sizeof *pool, recs_cmp_scored);
	*n = k < ONBOARD_POOL ? k : ONBOARD_POOL;
	return pool;
}

/* The candidates of one source of the onboarding list, best first:
 * each row as it would be listed, and the key it is chosen by (its
 * source's score over the best one's, so 1 for the best). */
struct recs_cands {
	struct recs_entry *e;
	double *key;
	bool *used;
	size_t n;
};

/* Room for n candidates. */
static void recs_cands_init(struct recs_cands *c, size_t n)
{
	c->e = xcalloc(n ? n : 1, sizeof *c->e);
	c->key = xcalloc(n ? n : 1, sizeof *c->key);
	c->used = xcalloc(n ? n : 1, sizeof *c->used);
	c->n = 0;
}

/* Free what recs_cands_init took. */
static void recs_cands_free(struct recs_cands *c)
{
	free(c->e);
	free(c->key);
	free(c->used);
	memset(c, 0, sizeof *c);
}

/* The popular candidates: well-rated and often rated items (skip may
 * be NULL), with their "popular: ..." reasons. */
static void recs_popular_cands(const struct catalog *cat, const bool *skip,
			       struct recs_cands *c)
{
	size_t n_pool;
	struct scored *pool = recs_onboard_pool(cat, skip, &n_pool);
	double top = n_pool ? pool[0].score : 1;

	recs_cands_init(c, n_pool);
	for (size_t q = 0; q < n_pool; q++) {
		const struct item *it = &cat->items[pool[q].item];
		struct recs_entry *e = &c->e[q];

		e->item = pool[q].item;
		e->score = pool[q].score / top;
		e->source = RECS_FROM_POPULAR;
		xsnprintf(e->reason, sizeof e->reason, ngettext(
			  "popular: %u rating, mean %.1f",
			  "popular: %u ratings, mean %.1f", it->n_ratings),
			  it->n_ratings, (double)it->mean);
		c->key[q] = e->score;
	}
	c->n = n_pool;
	free(pool);
}

/* The candidate of c that best trades its key for variety against
 * what out already holds (MMR over series, creators and genres), or
 * c->n when none is left. An item out holds is never picked again. */
static size_t recs_cands_pick(const struct catalog *cat,
			      const struct recs_cands *c,
			      const struct recs_entry *out, size_t have)
{
	size_t best = c->n;
	double best_v = -INFINITY;

	for (size_t x = 0; x < c->n; x++) {
		const struct item *it = &cat->items[c->e[x].item];
		double sim = 0;
		bool listed = false;

		for (size_t q = 0; q < have && !listed && !c->used[x]; q++) {
			double s = recs_onboard_sim(it,
						    &cat->items[out[q].item]);
			listed = out[q].item == c->e[x].item;
			sim = s > sim ? s : sim;
		}
		double v = c->key[x] - ONBOARD_DIVERSITY * sim;
		if (!c->used[x] && !listed && v > best_v) {
			best_v = v;
			best = x;
		}
	}
	return best;
}

/* Candidates the few-ratings content picks are chosen from: a pool
 * that does not depend on how many are asked for, so that a longer
 * list starts with the shorter one. */
#define RECS_FEW_POOL 400

/* The content candidates from few ratings: likeness alone lists
 * whatever shares genres (2012 beside The Matrix), so each of a pool
 * is keyed by its score weighed by what the community thinks of it;
 * the row keeps the model's own score, and its reason says it is a
 * content pick ("content: shares Crime"). An item that shares nothing
 * with you is no candidate. */
static void recs_content_cands(const struct catalog *cat,
			       const struct model *content,
			       const struct model_you *you, size_t n,
			       struct recs_cands *c)
{
	size_t pool = n > RECS_FEW_POOL / 4 ? 4 * n : RECS_FEW_POOL;
	struct recs_entry *e = xmalloc(pool * sizeof *e);
	struct recs_entry *key = xmalloc(pool * sizeof *key);
	size_t got, k = 0;
	char shared[sizeof e->reason];

	struct scored *top = xmalloc(pool * sizeof *top);
	bool *known = recs_you_mask(cat, you);
	got = model_recommend_you(content, you, top, pool);
	got = recs_drop_doubles(cat, top, got, known);
	free(known);
	recs_entries(content, MODEL_NO_USER, you, top, got, e);
	free(top);
	for (size_t q = 0; q < got; q++) {    /* key: entry, weighed score */
		if (!content_shared(content, MODEL_NO_USER, you, e[q].item,
				    shared, sizeof shared))
			continue;
		xsnprintf(e[q].reason, sizeof e[q].reason,
			  _("content: shares %s"), shared);
		key[k].item = (uint32_t)q;
		key[k++].score = e[q].score * recs_quality(cat, e[q].item);
	}
	qsort(key, k, sizeof *key, recs_entry_cmp);
	recs_cands_init(c, k);
	for (size_t q = 0; q < k; q++) {
		c->e[q] = e[key[q].item];
		c->e[q].source = RECS_FROM_CONTENT;
		c->key[q] = key[0].score > 0 ? key[q].score / key[0].score
					     : 0;
	}
	c->n = k;
	free(key);
	free(e);
}

/* The few-ratings list (recs.h): content and popular picks in turn,
 * content first, each source's next pick chosen by recs_cands_pick
 * against the whole list so far; a source that runs out leaves the
 * rest to the other. */
size_t recs_few(const struct catalog *cat, const struct model *content,
		const struct model_you *you, struct recs_entry *out,
		size_t n)
{
	struct recs_cands src[2] = { { 0 } };
	size_t got = 0;
	bool *skip = recs_you_mask(cat, you);

	if (you->ratings.n + you->signals.n > 0 && content)
		recs_content_cands(cat, content, you, n, &src[0]);
	recs_popular_cands(cat, skip, &src[1]);
	free(skip);
	while (got < n) {
		struct recs_cands *c = &src[got % 2];
		size_t x = recs_cands_pick(cat, c, out, got);

		if (x == c->n) {
			c = &src[(got + 1) % 2];
			x = recs_cands_pick(cat, c, out, got);
		}
		if (x == c->n)
			break;
		c->used[x] = true;
		out[got++] = c->e[x];
	}
	recs_cands_free(&src[0]);
	recs_cands_free(&src[1]);
	return got;
}

/* =====================================================================
 * The background worker
 * ===================================================================== */

static const enum model_kind recs_slot_kind[RECS_SLOTS] = {
	[RECS_ITEM_KNN] = MODEL_ITEM_KNN,
	[RECS_CONTENT] = MODEL_CONTENT,
	[RECS_HYBRID] = MODEL_HYBRID,
	[RECS_ALS] = MODEL_ALS,
};

struct recs_bg {
	pthread_mutex_t lock;
	pthread_t thread;
	struct catalog *cat;         /* the worker's own copy */
	char *name;                  /* what it was opened as */
	char fingerprint[17];        /* of the screen's catalogue */
	uint32_t n_items;
	bool has_ratings;
	char *path[RECS_SLOTS];
	struct model *model[RECS_SLOTS];
	struct recs_status st;       /* under lock */
	int cur;                     /* the slot being got, under lock */
	bool stop;                   /* asked to stop, under lock */
	atomic_bool cancel;          /* the same, read by fits */
	/* Deploying (see the end of the file): the recs_deployed
	 * generation each slot's model is from, and the models replaced
	 * since, freed with the worker. */
	unsigned long gen[RECS_SLOTS];
	struct model **retired;
	size_t n_retired;
};

static unsigned long deploy_gen(enum model_kind k);
static void bg_adopt(struct recs_bg *b);

/* Set the status of the current slot and how many are settled. */
static void bg_set(struct recs_bg *b, int slot, enum recs_slot_state s)
{
	pthread_mutex_lock(&b->lock);
	b->st.state[slot] = s;
	b->cur = slot;
	b->st.epoch = b->st.epochs = 0;
	if (s == RECS_TRAINING)
		b->st.trained = true;
	if (s == RECS_READY || s == RECS_FAILED)
		b->st.done++;
	pthread_mutex_unlock(&b->lock);
}

/* recs_model's notes: a fit starting means the slot trains. */
static void bg_note(void *ctx, enum recs_event ev, const struct model *m,
		    const char *detail)
{
	struct recs_bg *b = ctx;
	(void)m;
	if (ev == RECS_EV_TRAINING) {
		bg_set(b, b->cur, RECS_TRAINING);
	} else if (ev == RECS_EV_NOT_SAVED || ev == RECS_EV_RETRAIN) {
		pthread_mutex_lock(&b->lock);
		xsnprintf(b->st.err, sizeof b->st.err, "%s", detail);
		pthread_mutex_unlock(&b->lock);
	}
}

/* Per-epoch progress; false once the screen asked the worker to stop. */
static bool bg_epoch(void *ctx, const struct epoch_event *ev)
{
	struct recs_bg *b = ctx;
	pthread_mutex_lock(&b->lock);
	b->st.epoch = ev->epoch;
	b->st.epochs = ev->epochs;
	bool go = !b->stop;
	pthread_mutex_unlock(&b->lock);
	return go;
}

/* True once the screen asked the worker to stop. */
static bool bg_stopping(struct recs_bg *b)
{
	pthread_mutex_lock(&b->lock);
	bool s = b->stop;
	pthread_mutex_unlock(&b->lock);
	return s;
}

/* Free the worker's models, catalogue and paths. */
static void bg_free(struct recs_bg *b)
{
	for (int s = 0; s < RECS_SLOTS; s++) {
		model_free(b->model[s]);
		free(b->path[s]);
	}
	for (size_t q = 0; q < b->n_retired; q++)
		model_free(b->retired[q]);
	free(b->retired);
	catalog_free(b->cat);
	free(b->name);
	pthread_mutex_destroy(&b->lock);
	free(b);
}

/* Open the worker's catalogue and check it is the screen's. */
static bool bg_open(struct recs_bg *b)
{
	char err[512], fp[17];
	b->cat = catalog_open(b->name, err, sizeof err);
	if (b->cat) {
		model_fingerprint(b->cat, b->cat->m, fp);
		if (b->cat->n_items == b->n_items &&
		    strcmp(fp, b->fingerprint) == 0)
			return true;
		xsnprintf(err, sizeof err, "%s", _("the catalogue changed on "
			  "disk since taste started"));
	}
	pthread_mutex_lock(&b->lock);
	xsnprintf(b->st.err, sizeof b->st.err, "%s", err);
	for (int s = 0; s < RECS_SLOTS; s++)
		b->st.state[s] = RECS_FAILED;
	pthread_mutex_unlock(&b->lock);
	return false;
}

/* Get one slot's model: loaded, or fitted and saved. */
static void bg_get(struct recs_bg *b, int s)
{
	struct recs_hooks h = { bg_note, b, bg_epoch, b, &b->cancel };
	char err[512];
	double t0 = util_now();
	b->gen[s] = deploy_gen(recs_slot_kind[s]);
	bg_set(b, s, RECS_LOADING);
	struct model *m = recs_model(b->cat, recs_slot_kind[s], b->path[s],
				     &h, err, sizeof err);
	log_msg("recs: worker got %s in %.2f s (%s)",
		model_kind_name(recs_slot_kind[s]), util_now() - t0,
		m ? "ready" : "failed");
	pthread_mutex_lock(&b->lock);
	b->model[s] = m;
	b->st.state[s] = m ? RECS_READY : RECS_FAILED;
	b->st.done++;
	b->st.epoch = b->st.epochs = 0;
	if (!m && !b->stop)
		xsnprintf(b->st.err, sizeof b->st.err, "%s: %s",
			  model_kind_name(recs_slot_kind[s]), err);
	pthread_mutex_unlock(&b->lock);
}

/* The worker: each slot in turn, then say it has ended. */
static void *bg_main(void *arg)
{
	struct recs_bg *b = arg;
	/* Linux: a thread's own nice value, inherited by threads it makes;
	 * failing only leaves the worker at the screen's priority */
	(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), BG_NICE);
	if (bg_open(b))
		for (int s = 0; s < RECS_SLOTS && !bg_stopping(b); s++)
			if (b->st.state[s] == RECS_PENDING)
				bg_get(b, s);
	pthread_mutex_lock(&b->lock);
	b->st.finished = true;
	pthread_mutex_unlock(&b->lock);
	return NULL;
}

/* Start the worker (see recs.h). */
struct recs_bg *recs_bg_start(const struct catalog *cat,
			      const char *name_or_dir, char *err,
			      size_t errlen)
{
	struct recs_bg *b = xcalloc(1, sizeof *b);
	atomic_init(&b->cancel, false);
	b->name = xstrdup(name_or_dir);
	b->n_items = cat->n_items;
	b->has_ratings = cat->m->nnz > 0;
	model_fingerprint(cat, cat->m, b->fingerprint);
	for (int s = 0; s < RECS_SLOTS; s++) {
		b->path[s] = recs_model_path(cat, recs_slot_kind[s], err,
					     errlen);
		if (!b->has_ratings && s != RECS_CONTENT)
			b->st.state[s] = RECS_UNAVAILABLE;
		else
			b->st.total++;
	}
	pthread_mutex_init(&b->lock, NULL);
	int rc = pthread_create(&b->thread, NULL, bg_main, b);
	if (rc != 0) {
		xsnprintf(err, errlen, _("cannot start the model worker: %s"),
			  strerror(rc));
		bg_free(b);
		return NULL;
	}
	return b;
}

/* The current state, copied under the mutex. */
void recs_bg_status(struct recs_bg *b, struct recs_status *out)
{
	bg_adopt(b);
	pthread_mutex_lock(&b->lock);
	*out = b->st;
	pthread_mutex_unlock(&b->lock);
}

/* The ready model of kind k, from the slot that holds that kind. */
struct model *recs_bg_model_of(struct recs_bg *b, enum model_kind k)
{
	for (int s = 0; s < RECS_SLOTS; s++)
		if (recs_slot_kind[s] == k)
			return recs_bg_model(b, (enum recs_slot)s);
	return NULL;
}

/* Slot s's model once it is ready. */
struct model *recs_bg_model(struct recs_bg *b, enum recs_slot s)
{
	pthread_mutex_lock(&b->lock);
	struct model *m = b->st.state[s] == RECS_READY ? b->model[s] : NULL;
	pthread_mutex_unlock(&b->lock);
	return m;
}

/* The catalogue the models were fitted or loaded on. */
const struct catalog *recs_bg_catalog(const struct recs_bg *b)
{
	return b->cat;
}

/* Stop the worker within a few milliseconds (fits check the cancel
 * flag per epoch and, in the hybrid, per 1,024 held-out rows), wait
 * for it and free it. A fit cut short is dropped, never saved. */
void recs_bg_stop(struct recs_bg *b)
{
	if (!b)
		return;
	pthread_mutex_lock(&b->lock);
	b->stop = true;
	pthread_mutex_unlock(&b->lock);
	atomic_store(&b->cancel, true);
	pthread_join(b->thread, NULL);
	bg_free(b);
}

/* =====================================================================
 * Deploying: models the Train pane saved (recs_deployed)
 * ===================================================================== */

/* A generation per kind, bumped by each deploy (process-wide). */
static pthread_mutex_t deploy_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long deploy_gens[MODEL_KIND_COUNT];

/* The current generation of kind k. */
static unsigned long deploy_gen(enum model_kind k)
{
	pthread_mutex_lock(&deploy_lock);
	unsigned long g = deploy_gens[k];
	pthread_mutex_unlock(&deploy_lock);
	return g;
}

/* Kind k's file was replaced: the workers load it again. */
void recs_deployed(enum model_kind k)
{
	if ((unsigned)k >= MODEL_KIND_COUNT)
		return;
	pthread_mutex_lock(&deploy_lock);
	deploy_gens[k]++;
	pthread_mutex_unlock(&deploy_lock);
}

/* Load the deployed files of ready slots whose generation moved; the
 * replaced models are kept until the worker is freed. Runs on the
 * caller's thread (the worker never touches a ready slot again). */
static void bg_adopt(struct recs_bg *b)
{
	for (int s = 0; s < RECS_SLOTS; s++) {
		unsigned long g = deploy_gen(recs_slot_kind[s]);
		char err[512];

		pthread_mutex_lock(&b->lock);
		bool due = b->st.state[s] == RECS_READY && b->gen[s] != g;
		b->gen[s] = g;
		pthread_mutex_unlock(&b->lock);
		if (!due)
			continue;
		struct model *m = model_load(b->path[s], b->cat, err,
					     sizeof err);
		pthread_mutex_lock(&b->lock);
		if (m) {
			b->retired = xrealloc(b->retired, (b->n_retired + 1) *
					      sizeof *b->retired);
			b->retired[b->n_retired++] = b->model[s];
			b->model[s] = m;
			b->st.adopted++;
		} else {
			xsnprintf(b->st.err, sizeof b->st.err, "%s", err);
		}
		pthread_mutex_unlock(&b->lock);
		log_msg("recs: deployed %s %s", model_kind_name(
			recs_slot_kind[s]), m ? "adopted" : err);
	}
}
