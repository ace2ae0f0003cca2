/* SPDX-License-Identifier: GPL-3.0-or-later */
/* catalog_cache: the binary catalogue cache (see catalog_cache.h for
 * what it holds and when it is trusted).
 *
 * Layout, all numbers in the writer's byte order (the header says
 * which, and a cache of the other order is refused, not swapped):
 *   header  magic "TASTECAT", u32 version, u32 byte-order tag,
 *           u64 key length, u64 key checksum, u64 data length,
 *           u64 data checksum
 *   key     see cache_key()
 *   data    see cache_put_catalog()
 * Strings are a u32 length (UINT32_MAX for NULL) and the bytes without
 * a NUL. The file must be exactly header + key + data long. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "catalog_cache.h"
#include "log.h"
#include "paths.h"
#include "replace.h"
#include "util.h"

#define CACHE_MAGIC "TASTECAT"
/* Bump whenever the layout or the meaning of a field changes (7: a
 * movies.dat or u.item row with too many fields is rejected). */
#define CACHE_VERSION 7u
#define CACHE_ORDER 0x01020304u
#define CACHE_HEADER 48
#define STR_NULL UINT32_MAX
/* Seconds after which an unlocked temporary of a cache is a dead
 * writer's (a live one holds its lock, and writes in well under a
 * second; the age keeps off the moment between create and lock). */
#define CACHE_STALE_TEMP_AGE 300

/* Every file a catalogue directory may be read from (catalog.c): the
 * key holds the state of each, so a file added, removed, replaced,
 * touched or made unreadable makes the cache stale. */
static const char *const cache_sources[] = {
	"movies.csv", "ratings.csv", "tags.csv", "links.csv", "books.csv",
	"book_tags.csv", "to_read.csv", "u.item", "u.data", "movies.dat",
	"ratings.dat", "users.dat",
};

static bool cache_on = true;
/* Tests: called as a store begins (catalog_cache_store_hook). */
static void (*store_hook)(void *);
static void *store_hook_arg;
/* Per thread: the Search worker opens its catalogue beside the UI. */
static _Thread_local enum cache_outcome cache_outcome;
static _Thread_local char cache_why[256];

/* Record the outcome and its reason, and log it. */
__attribute__((format(printf, 3, 4)))
static void cache_note(enum cache_outcome o, const char *dir,
		       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cache_why, sizeof cache_why, fmt, ap);
	va_end(ap);
	cache_outcome = o;
	log_msg("catalog cache of %s: %s", dir, cache_why);
}

void catalog_cache_enable(bool on)
{
	cache_on = on;
}

enum cache_outcome catalog_cache_last(const char **why)
{
	if (why)
		*why = cache_why;
	return cache_outcome;
}

/* A checksum of n bytes, 8 at a time (a multiply-xorshift mix: fast,
 * and any flipped bit changes it). */
static uint64_t cache_sum(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h = 0x9e3779b97f4a7c15u ^ n, w;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, b + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	w = 0;
	if (i < n)      /* p may be NULL when n is 0 */
		memcpy(&w, b + i, n - i);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53u;
	return h ^ (h >> 29);
}

/* ---------------------------------------------------------------------
 * Writing into a buffer
 * ------------------------------------------------------------------- */

struct cbuf {
	unsigned char *p;
	size_t n, cap;
};

static void put(struct cbuf *b, const void *v, size_t n)
{
	xgrow((void **)&b->p, &b->cap, b->n + n, 1);
	if (n)
		memcpy(b->p + b->n, v, n);
	b->n += n;
}

static void put_u8(struct cbuf *b, uint8_t v) { put(b, &v, 1); }
static void put_u32(struct cbuf *b, uint32_t v) { put(b, &v, 4); }
static void put_i32(struct cbuf *b, int32_t v) { put(b, &v, 4); }
static void put_u64(struct cbuf *b, uint64_t v) { put(b, &v, 8); }
static void put_f32(struct cbuf *b, float v) { put(b, &v, 4); }
static void put_f64(struct cbuf *b, double v) { put(b, &v, 8); }

static void put_str(struct cbuf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	put_u32(b, s ? (uint32_t)n : STR_NULL);
	put(b, s, n);
}

/* ---------------------------------------------------------------------
 * Reading from a buffer: every read is bounded by what is left; the
 * first overrun marks the reader bad and later reads give zeros.
 * ------------------------------------------------------------------- */

struct crd {
	const unsigned char *p;
	size_t n, off;
	bool bad;
};

static bool get(struct crd *r, void *v, size_t n)
{
	if (r->bad || n > r->n - r->off) {
		r->bad = true;
		memset(v, 0, n);
		return false;
	}
	memcpy(v, r->p + r->off, n);
	r->off += n;
	return true;
}

static uint8_t get_u8(struct crd *r) { uint8_t v; get(r, &v, 1); return v; }
static uint32_t get_u32(struct crd *r)
{
	uint32_t v;
	get(r, &v, 4);
	return v;
}
static int32_t get_i32(struct crd *r)
{
	int32_t v;
	get(r, &v, 4);
	return v;
}
static uint64_t get_u64(struct crd *r)
{
	uint64_t v;
	get(r, &v, 8);
	return v;
}
static float get_f32(struct crd *r) { float v; get(r, &v, 4); return v; }
static double get_f64(struct crd *r)
{
	double v;
	get(r, &v, 8);
	return v;
}

/* A string (NULL stays NULL); one with a NUL inside is corrupt. */
static char *get_str(struct crd *r)
{
	uint32_t n = get_u32(r);
	if (r->bad || n == STR_NULL)
		return NULL;
	if (n > r->n - r->off || memchr(r->p + r->off, 0, n)) {
		r->bad = true;
		return NULL;
	}
	char *s = xstrndup((const char *)r->p + r->off, n);
	r->off += n;
	return s;
}

/* A count of elements of size each that must fit in what is left. */
static uint64_t get_count(struct crd *r, size_t size)
{
	uint64_t n = get_u64(r);
	if (!r->bad && n > (r->n - r->off) / size)
		r->bad = true;
	return r->bad ? 0 : n;
}

/* n elements of size each into a new array (NULL when n is 0). */
static void *get_array(struct crd *r, uint64_t n, size_t size)
{
	void *a = xmalloc(n ? (size_t)n * size : 1);
	get(r, a, (size_t)n * size);
	return a;
}

/* ---------------------------------------------------------------------
 * The key
 * ------------------------------------------------------------------- */

/* The state of each source file of dirs: real path of the directory,
 * then per file whether lstat finds it and what stat says. */
static void cache_key(struct cbuf *b, const char *const *dirs, size_t n)
{
	put_u32(b, (uint32_t)n);
	for (size_t d = 0; d < n; d++) {
		char *real = realpath(dirs[d], NULL);
		put_str(b, real ? real : dirs[d]);
		free(real);
		put_u32(b, (uint32_t)ARRAY_LEN(cache_sources));
		for (size_t k = 0; k < ARRAY_LEN(cache_sources); k++) {
			char *path = xasprintf("%s/%s", dirs[d],
					       cache_sources[k]);
			struct stat st;
			put_str(b, cache_sources[k]);
			bool there = lstat(path, &st) == 0;
			put_u8(b, there);
			if (there) {
				int e = stat(path, &st) == 0 ? 0 : errno;
				if (e)
					memset(&st, 0, sizeof st);
				put_i32(b, e);
				put_u64(b, (uint64_t)st.st_size);
				put_u64(b, (uint64_t)st.st_mtim.tv_sec);
				put_u64(b, (uint64_t)st.st_mtim.tv_nsec);
				put_u64(b, (uint64_t)st.st_ctim.tv_sec);
				put_u64(b, (uint64_t)st.st_ctim.tv_nsec);
				put_u64(b, (uint64_t)st.st_ino);
				put_u64(b, (uint64_t)st.st_dev);
				put_u32(b, (uint32_t)st.st_mode);
			}
			free(path);
		}
	}
}

/* ---------------------------------------------------------------------
 * The data
 * ------------------------------------------------------------------- */

static void put_report(struct cbuf *b, const struct report *r)
{
	put_str(b, r->path);
	put_u64(b, r->rows);
	put_u64(b, r->accepted);
	put_u64(b, r->rejected);
	for (size_t k = 0; k < REJ_COUNT; k++)
		put_u64(b, r->by_reason[k]);
	put_u64(b, r->n_rejects);
	for (size_t k = 0; k < r->n_rejects; k++) {
		const struct reject *j = &r->rejects[k];
		put_u64(b, j->line);
		put_i32(b, j->column);
		put_u32(b, (uint32_t)j->reason);
		put_str(b, j->text);
	}
	put_u64(b, r->dup_pairs);
	put_u64(b, r->dup_conflicting);
	put_u64(b, r->dup_identical);
	put_u64(b, r->off_step);
	put_u64(b, r->n_offsteps);
	for (size_t k = 0; k < r->n_offsteps; k++) {
		const struct offstep *o = &r->offsteps[k];
		put_u64(b, o->line);
		put_i32(b, o->column);
		put_str(b, o->text);
		put_f64(b, o->value);
		put_f64(b, o->kept);
	}
	put_str(b, r->encoding);
	put_str(b, r->delimiter);
	put_u8(b, r->header);
	put_u8(b, r->bom);
	put_u8(b, r->has_scale);
	put_f64(b, r->scale.min);
	put_f64(b, r->scale.max);
	put_f64(b, r->scale.step);
	put_u64(b, r->n_warnings);
	for (size_t k = 0; k < r->n_warnings; k++)
		put_str(b, r->warnings[k]);
}

/* A string into a fixed buffer; one that does not fit is corrupt. */
static void get_fixed(struct crd *r, char *out, size_t n)
{
	char *s = get_str(r);
	if (!s || strlen(s) >= n)
		r->bad = true;
	else
		memcpy(out, s, strlen(s) + 1);
	free(s);
}

/* A report into rep (initialised; report_free frees it either way). */
static void get_report(struct crd *r, struct report *rep)
{
	memset(rep, 0, sizeof *rep);
	rep->path = get_str(r);
	rep->rows = get_u64(r);
	rep->accepted = get_u64(r);
	rep->rejected = get_u64(r);
	for (size_t k = 0; k < REJ_COUNT; k++)
		rep->by_reason[k] = get_u64(r);
	/* each reject takes at least 20 bytes */
	uint64_t n = get_count(r, 20);
	rep->rejects = xcalloc(n ? n : 1, sizeof *rep->rejects);
	rep->cap_rejects = n;
	for (; rep->n_rejects < n && !r->bad; rep->n_rejects++) {
		struct reject *j = &rep->rejects[rep->n_rejects];
		j->line = get_u64(r);
		j->column = get_i32(r);
		j->reason = (enum reject_reason)get_u32(r);
		j->text = get_str(r);
		if ((unsigned)j->reason >= REJ_COUNT || !j->text)
			r->bad = true;
	}
	rep->dup_pairs = get_u64(r);
	rep->dup_conflicting = get_u64(r);
	rep->dup_identical = get_u64(r);
	rep->off_step = get_u64(r);
	n = get_count(r, 32);
	rep->offsteps = xcalloc(n ? n : 1, sizeof *rep->offsteps);
	rep->cap_offsteps = n;
	for (; rep->n_offsteps < n && !r->bad; rep->n_offsteps++) {
		struct offstep *o = &rep->offsteps[rep->n_offsteps];
		o->line = get_u64(r);
		o->column = get_i32(r);
		o->text = get_str(r);
		o->value = get_f64(r);
		o->kept = get_f64(r);
		if (!o->text)
			r->bad = true;
	}
	get_fixed(r, rep->encoding, sizeof rep->encoding);
	get_fixed(r, rep->delimiter, sizeof rep->delimiter);
	rep->header = get_u8(r);
	rep->bom = get_u8(r);
	rep->has_scale = get_u8(r);
	rep->scale.min = get_f64(r);
	rep->scale.max = get_f64(r);
	rep->scale.step = get_f64(r);
	n = get_count(r, 4);
	rep->warnings = xcalloc(n ? n : 1, sizeof *rep->warnings);
	for (; rep->n_warnings < n && !r->bad; rep->n_warnings++)
		if (!(rep->warnings[rep->n_warnings] = get_str(r)))
			r->bad = true;
}

static void put_item(struct cbuf *b, const struct catalog *c,
		     const struct item *it)
{
	put_str(b, intern_str(c->item_ids, it->id));
	put_str(b, it->title);
	put_str(b, it->alt_title);
	put_i32(b, it->year);
	put_str(b, it->creators);
	put_str(b, it->genres);
	put_str(b, it->tags);
	put_str(b, it->series);
	put_str(b, it->language);
	put_str(b, it->ext_id);
	put_str(b, it->isbns);
	put_str(b, it->fold);
	put_u32(b, it->fold_title);
	put_u32(b, it->n_ratings);
	put_f32(b, it->mean);
}

/* One item; its id goes into the catalogue's id table at index i. */
static void get_item(struct crd *r, struct catalog *c, uint32_t i)
{
	struct item *it = &c->items[i];
	char *id = get_str(r);
	bool added = false;
	if (id)
		intern_add(c->item_ids, id, strlen(id), &added);
	if (!id || !added || intern_count(c->item_ids) != i + 1)
		r->bad = true;   /* empty or duplicate id */
	free(id);
	it->id = i;
	it->title = get_str(r);
	it->alt_title = get_str(r);
	it->year = get_i32(r);
	it->creators = get_str(r);
	it->genres = get_str(r);
	it->tags = get_str(r);
	it->series = get_str(r);
	it->language = get_str(r);
	it->ext_id = get_str(r);
	it->isbns = get_str(r);
	it->fold = get_str(r);
	it->fold_title = get_u32(r);
	it->n_ratings = get_u32(r);
	it->mean = get_f32(r);
	if (!it->title || !it->fold || it->fold_title > strlen(it->fold))
		r->bad = true;
}

static void put_matrix(struct cbuf *b, const struct rmatrix *m)
{
	put_u32(b, m->n_users);
	put_u32(b, m->n_items);
	put_u64(b, m->nnz);
	put(b, m->user_ptr, ((size_t)m->n_users + 1) * sizeof *m->user_ptr);
	put(b, m->user_item, m->nnz * sizeof *m->user_item);
	put(b, m->user_val, m->nnz * sizeof *m->user_val);
	put(b, m->item_ptr, ((size_t)m->n_items + 1) * sizeof *m->item_ptr);
	put(b, m->item_user, m->nnz * sizeof *m->item_user);
	put(b, m->item_val, m->nnz * sizeof *m->item_val);
}

/* True when ptr[0..rows] runs from 0 to nnz without going back and
 * each run of idx is ascending below cols, with finite values. */
static bool matrix_half_ok(const uint64_t *ptr, const uint32_t *idx,
			   const float *val, uint32_t rows, uint32_t cols,
			   uint64_t nnz)
{
	if (ptr[0] != 0 || ptr[rows] != nnz)
		return false;
	for (uint32_t u = 0; u < rows; u++) {
		if (ptr[u + 1] < ptr[u] || ptr[u + 1] > nnz)
			return false;
		for (uint64_t k = ptr[u]; k < ptr[u + 1]; k++)
			if (idx[k] >= cols || !isfinite(val[k]) ||
			    (k > ptr[u] && idx[k] <= idx[k - 1]))
				return false;
	}
	return true;
}

/* The matrix, checked for shape; NULL when it is not sound. */
static struct rmatrix *get_matrix(struct crd *r, uint32_t n_users,
				  uint32_t n_items)
{
	struct rmatrix *m = xcalloc(1, sizeof *m);
	m->n_users = get_u32(r);
	m->n_items = get_u32(r);
	/* each rating takes 16 bytes: index and value in both halves */
	uint64_t nnz = get_count(r, 16);
	m->nnz = nnz;
	if (r->bad || m->n_users != n_users || m->n_items != n_items ||
	    ((uint64_t)n_users + n_items + 2) * 8 > r->n - r->off) {
		r->bad = true;
		free(m);
		return NULL;
	}
	m->user_ptr = get_array(r, (uint64_t)n_users + 1, 8);
	m->user_item = get_array(r, nnz, 4);
	m->user_val = get_array(r, nnz, 4);
	m->item_ptr = get_array(r, (uint64_t)n_items + 1, 8);
	m->item_user = get_array(r, nnz, 4);
	m->item_val = get_array(r, nnz, 4);
	if (r->bad ||
	    !matrix_half_ok(m->user_ptr, m->user_item, m->user_val,
			    n_users, n_items, nnz) ||
	    !matrix_half_ok(m->item_ptr, m->item_user, m->item_val,
			    n_items, n_users, nnz)) {
		r->bad = true;
		rmatrix_free(m);
		return NULL;
	}
	return m;
}

/* Everything catalog_open fills in but dir, name and key. */
static void cache_put_catalog(struct cbuf *b, const struct catalog *c)
{
	put_str(b, c->label);
	put_u32(b, (uint32_t)c->kind);
	put_f64(b, c->scale.min);
	put_f64(b, c->scale.max);
	put_f64(b, c->scale.step);
	put_u8(b, c->has_ratings);
	put_u32(b, c->n_items);
	for (uint32_t i = 0; i < c->n_items; i++)
		put_item(b, c, &c->items[i]);
	uint32_t nu = intern_count(c->user_ids);
	put_u32(b, nu);
	for (uint32_t u = 0; u < nu; u++)
		put_str(b, intern_str(c->user_ids, u));
	put_matrix(b, c->m);
	put_u8(b, c->hist != NULL);
	if (c->hist)
		put(b, c->hist, (size_t)c->n_items * CATALOG_HIST_BINS *
				sizeof *c->hist);
	put_u8(b, c->implicit != NULL);
	if (c->implicit)
		put_matrix(b, c->implicit);
	put_str(b, c->dir);
	put_u64(b, c->n_reports);
	for (size_t k = 0; k < c->n_reports; k++)
		put_report(b, &c->reports[k]);
}

/* Report paths are the directory as it was named when the cache was
 * written ("import/books/books.csv"): name it as it is named now
 * ("./import/books/books.csv"), as a parse would. */
static void cache_rebase_paths(struct catalog *c, const char *was,
			       const char *now)
{
	size_t n = strlen(was);
	for (size_t k = 0; now && k < c->n_reports; k++) {
		char *p = c->reports[k].path;
		if (!p || strncmp(p, was, n) != 0 || p[n] != '/')
			continue;
		c->reports[k].path = xasprintf("%s%s", now, p + n);
		free(p);
	}
}

/* Read the data into c; false when it is not sound. */
static bool cache_get_catalog(struct crd *r, struct catalog *c,
			      const char *dir)
{
	c->label = get_str(r);
	c->kind = (enum catalog_kind)get_u32(r);
	c->scale.min = get_f64(r);
	c->scale.max = get_f64(r);
	c->scale.step = get_f64(r);
	c->has_ratings = get_u8(r);
	uint32_t n = get_u32(r);
	/* an item takes at least 56 bytes */
	if (r->bad || !c->label || n == 0 || n > (r->n - r->off) / 56 ||
	    (c->kind != CATALOG_MOVIELENS && c->kind != CATALOG_GOODBOOKS))
		return false;
	c->items = xcalloc(n, sizeof *c->items);
	for (uint32_t i = 0; i < n && !r->bad; i++) {
		c->n_items = i + 1;
		get_item(r, c, i);
	}
	uint32_t nu = get_u32(r);
	if (r->bad || nu > (r->n - r->off) / 4)
		return false;
	for (uint32_t u = 0; u < nu && !r->bad; u++) {
		char *id = get_str(r);
		bool added = false;
		if (id)
			intern_add(c->user_ids, id, strlen(id), &added);
		r->bad |= !added;
		free(id);
	}
	if (r->bad || !(c->m = get_matrix(r, nu, n)))
		return false;
	if (get_u8(r)) {
		uint64_t bins = (uint64_t)n * CATALOG_HIST_BINS;
		if (bins > (r->n - r->off) / 4)
			return false;
		c->hist = get_array(r, bins, 4);
	}
	if (get_u8(r) && !(c->implicit = get_matrix(r, nu, n)))
		return false;
	char *was = get_str(r);
	uint64_t nr = get_count(r, 64);
	c->reports = xcalloc(nr ? nr : 1, sizeof *c->reports);
	for (; c->n_reports < nr && !r->bad; c->n_reports++)
		get_report(r, &c->reports[c->n_reports]);
	if (was)
		cache_rebase_paths(c, was, dir);
	free(was);
	return was && !r->bad && r->off == r->n;
}

/* ---------------------------------------------------------------------
 * Files
 * ------------------------------------------------------------------- */

/* 64-bit FNV-1a of s, naming the cache file. */
static uint64_t cache_fnv1a(const char *s)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	return h;
}

char *catalog_cache_path(const char *dir)
{
	char err[256];
	const char *cache = paths_cache_dir(err, sizeof err);
	if (!cache)
		return NULL;
	char *real = realpath(dir, NULL);
	char *path = xasprintf("%s/catalog-%016" PRIx64 ".cache", cache,
			       cache_fnv1a(real ? real : dir));
	free(real);
	return path;
}

/* Read exactly n bytes at the current offset; false on a short read. */
static bool read_all(int fd, void *buf, size_t n)
{
	unsigned char *p = buf;
	while (n) {
		ssize_t got = read(fd, p, n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return false;
		p += got;
		n -= (size_t)got;
	}
	return true;
}

struct cache_header {
	uint64_t key_len, key_sum, data_len, data_sum;
};

/* Read and check the header against the file's size; NULL when it is
 * sound, else the reason. */
static const char *cache_read_header(int fd, uint64_t size,
				     struct cache_header *h)
{
	unsigned char raw[CACHE_HEADER];
	if (size < CACHE_HEADER || !read_all(fd, raw, sizeof raw))
		return "truncated header";
	if (memcmp(raw, CACHE_MAGIC, 8) != 0)
		return "bad magic";
	uint32_t version, order;
	memcpy(&version, raw + 8, 4);
	memcpy(&order, raw + 12, 4);
	if (order != CACHE_ORDER)
		return "written with another byte order";
	if (version != CACHE_VERSION)
		return "another version";
	memcpy(&h->key_len, raw + 16, 8);
	memcpy(&h->key_sum, raw + 24, 8);
	memcpy(&h->data_len, raw + 32, 8);
	memcpy(&h->data_sum, raw + 40, 8);
	uint64_t body = size - CACHE_HEADER;
	if (h->key_len > body || h->data_len != body - h->key_len)
		return h->key_len + h->data_len > body ? "truncated"
						       : "bad lengths";
	return NULL;
}

/* Compare the stored key with the key of the files now; NULL when it
 * holds, else the reason. */
static const char *cache_check_key(int fd, const struct cache_header *h,
				   const struct cbuf *now)
{
	if (h->key_len != now->n)
		return "stale (source files changed)";
	unsigned char *key = xmalloc(now->n ? now->n : 1);
	const char *why = NULL;
	if (!read_all(fd, key, now->n))
		why = "truncated key";
	else if (cache_sum(key, now->n) != h->key_sum)
		why = "key checksum mismatch";
	else if (memcmp(key, now->p, now->n) != 0)
		why = "stale (source files changed)";
	free(key);
	return why;
}

/* Move what t read into c, which keeps its dir, name and key; t is
 * left empty for catalog_free. */
static void catalog_adopt(struct catalog *c, struct catalog *t)
{
	struct catalog keep = *c;
	*c = *t;
	c->dir = keep.dir;
	c->name = keep.name;
	c->key = keep.key;
	c->ratings_dir = keep.ratings_dir;
	c->note = keep.note;
	memset(t, 0, sizeof *t);
	t->item_ids = keep.item_ids;
	t->user_ids = keep.user_ids;
	t->label = keep.label;
}

/* Read the data part and fill c; NULL on success, else the reason. */
static const char *cache_read_data(int fd, const struct cache_header *h,
				   struct catalog *c)
{
	if (h->data_len > SIZE_MAX)
		return "too large";
	unsigned char *data = xmalloc(h->data_len ? h->data_len : 1);
	const char *why = NULL;
	if (!read_all(fd, data, h->data_len))
		why = "truncated data";
	else if (cache_sum(data, h->data_len) != h->data_sum)
		why = "data checksum mismatch";
	if (!why) {
		struct crd r = { data, h->data_len, 0, false };
		struct catalog *t = xcalloc(1, sizeof *t);
		t->item_ids = intern_new();
		t->user_ids = intern_new();
		if (cache_get_catalog(&r, t, c->dir))
			catalog_adopt(c, t);
		else
			why = "corrupt data";
		catalog_free(t);
	}
	free(data);
	return why;
}

/* Remove what writers of this cache killed on the way (kill -9) left:
 * megabytes each that nothing else would take away. On every load and
 * store, so that one left just before a good write goes too, later. */
static void cache_remove_stale(const char *path, const char *dir)
{
	size_t n = replace_remove_stale(path, CACHE_STALE_TEMP_AGE);
	if (n)
		log_msg("catalog cache of %s: removed %zu stale temporary "
			"file%s", dir, n, n == 1 ? "" : "s");
}

/* The source directories and the state of their files, taken before
 * they are read (catalog_cache.h). */
struct cache_key {
	char **dirs;
	size_t n_dirs;
	struct cbuf key;
};

/* Take the key of dirs before they are read. */
struct cache_key *catalog_cache_key(const char *const *dirs,
				    size_t n_dirs)
{
	if (!cache_on)
		return NULL;
	struct cache_key *k = xcalloc(1, sizeof *k);
	k->dirs = xcalloc(n_dirs, sizeof *k->dirs);
	for (size_t d = 0; d < n_dirs; d++)
		k->dirs[d] = xstrdup(dirs[d]);
	k->n_dirs = n_dirs;
	cache_key(&k->key, dirs, n_dirs);
	return k;
}

/* Free a key (NULL is fine). */
void catalog_cache_key_free(struct cache_key *k)
{
	if (!k)
		return;
	for (size_t d = 0; d < k->n_dirs; d++)
		free(k->dirs[d]);
	free(k->dirs);
	free(k->key.p);
	free(k);
}

/* Fill c from the cache when it holds the files as k found them. */
bool catalog_cache_load(struct catalog *c, const struct cache_key *k)
{
	cache_outcome = CACHE_NONE;
	cache_why[0] = '\0';
	if (!cache_on || !k)
		return false;
	const char *dir = k->dirs[0];
	char *path = catalog_cache_path(dir);
	if (!path)
		return false;
	cache_remove_stale(path, dir);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		cache_note(CACHE_MISSING, dir, "no cache (%s)",
			   strerror(errno));
		free(path);
		return false;
	}
	struct stat st;
	struct cache_header h;
	const char *why = fstat(fd, &st) != 0 ? "cannot stat"
			  : !S_ISREG(st.st_mode) ? "not a regular file"
			  : cache_read_header(fd, (uint64_t)st.st_size, &h);
	if (!why)
		why = cache_check_key(fd, &h, &k->key);
	if (!why)
		why = cache_read_data(fd, &h, c);
	close(fd);
	if (why)
		cache_note(strncmp(why, "stale", 5) == 0 ? CACHE_STALE
			   : CACHE_REFUSED, dir, "refused %s: %s", path, why);
	else
		cache_note(CACHE_HIT, dir, "loaded %s", path);
	free(path);
	return !why;
}

/* What cache_write_file writes: the header, then key and data. */
struct cache_out {
	unsigned char head[CACHE_HEADER];
	const struct cbuf *key, *data;
};

/* The cache file's bytes as a replace_fn. */
static int cache_put(FILE *f, void *ctx)
{
	const struct cache_out *o = ctx;

	return fwrite(o->head, 1, sizeof o->head, f) == sizeof o->head &&
	       fwrite(o->key->p, 1, o->key->n, f) == o->key->n &&
	       fwrite(o->data->p, 1, o->data->n, f) == o->data->n ? 0 : -1;
}

/* Write header, key and data to path whole or not at all (replace.h:
 * a temporary file of this writer's own, threads of one process too). */
static bool cache_write_file(const char *path, const struct cbuf *key,
			     const struct cbuf *data, int *err)
{
	struct cache_out o = { .key = key, .data = data };
	uint32_t version = CACHE_VERSION, order = CACHE_ORDER;
	uint64_t kl = key->n, ks = cache_sum(key->p, key->n);
	uint64_t dl = data->n, ds = cache_sum(data->p, data->n);
	memcpy(o.head, CACHE_MAGIC, 8);
	memcpy(o.head + 8, &version, 4);
	memcpy(o.head + 12, &order, 4);
	memcpy(o.head + 16, &kl, 8);
	memcpy(o.head + 24, &ks, 8);
	memcpy(o.head + 32, &dl, 8);
	memcpy(o.head + 40, &ds, 8);
	if (replace_file(path, cache_put, &o) == 0)
		return true;
	*err = errno;
	return false;
}

/* Set the test hook of catalog_cache_store. */
void catalog_cache_store_hook(void (*fn)(void *), void *arg)
{
	store_hook = fn;
	store_hook_arg = arg;
}

/* True when the source files are still as they were when k was
 * taken. */
static bool cache_key_holds(const struct cache_key *k)
{
	struct cbuf now = { 0 };
	cache_key(&now, (const char *const *)k->dirs, k->n_dirs);
	bool same = now.n == k->key.n &&
		    memcmp(now.p, k->key.p, now.n) == 0;
	free(now.p);
	return same;
}

/* True when c can be restored from a cache: the cache restores ids by
 * index, so items must be in id order. */
static bool cache_storable(const struct catalog *c)
{
	for (uint32_t i = 0; i < c->n_items; i++)
		if (c->items[i].id != i)
			return false;
	return intern_count(c->item_ids) == c->n_items && c->m;
}

/* Write c to path under the key k (the files as they were before they
 * were read). */
static bool cache_write(const struct catalog *c, const struct cache_key *k,
			const char *path)
{
	const char *dir = k->dirs[0];
	struct cbuf data = { 0 };
	cache_put_catalog(&data, c);
	int e = 0;
	bool ok = cache_write_file(path, &k->key, &data, &e);
	if (ok)
		cache_note(CACHE_WRITTEN, dir, "wrote %s (%zu bytes)", path,
			   CACHE_HEADER + k->key.n + data.n);
	else
		cache_note(CACHE_UNWRITABLE, dir, "cannot write %s: %s", path,
			   strerror(e));
	free(data.p);
	return ok;
}

/* Cache c under k unless the files changed since k was taken. */
bool catalog_cache_store(const struct catalog *c, const struct cache_key *k)
{
	if (!cache_on || !k || !cache_storable(c))
		return false;
	if (store_hook)
		store_hook(store_hook_arg);
	const char *dir = k->dirs[0];
	if (!cache_key_holds(k)) {
		cache_note(CACHE_CHANGED, dir, "not written: the source files "
			   "changed while they were read");
		return false;
	}
	char err[256];
	if (!paths_cache_dir(err, sizeof err)) {
		cache_note(CACHE_UNWRITABLE, dir, "not written: %s", err);
		return false;
	}
	char *path = catalog_cache_path(dir);
	cache_remove_stale(path, dir);
	bool ok = cache_write(c, k, path);
	free(path);
	return ok;
}
