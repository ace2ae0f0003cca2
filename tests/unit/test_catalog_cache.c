/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_catalog_cache: the binary catalogue cache. A catalogue read back
 * from the cache equals the parsed one (items with every field, ids,
 * both halves of the matrix, histograms, import reports with their
 * rejected rows); a touched source file makes the cache stale and it is
 * rebuilt; a source replaced while it was parsed leaves no cache that
 * would serve the old text; a truncated and a bit-flipped cache are
 * refused with their reason and rebuilt; a cache directory that cannot
 * be written still opens the catalogue; the bundled books read with a
 * goodbooks download are cached for it before it is attached; the
 * temporaries a killed writer left are removed, and never one a live
 * writer holds locked. Copies of tests/fixtures/import/{books,movies}
 * in a temporary directory, which is also the cache and data
 * directory. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "catalog_cache.h"
#include "fixture.h"
#include "paths.h"
#include "replace.h"
#include "util.h"

static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	const char *t = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/test_catalog_cache.XXXXXX",
		 t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir))
		return -1;
	/* fixture() returns one static buffer: copy in two steps */
	char *cmd = xasprintf("cp -r '%s' '%s/books'",
			      fixture("import/books"), tmpdir);
	int rc = system(cmd);
	free(cmd);
	cmd = xasprintf("cp -r '%s' '%s/movies'", fixture("import/movies"),
			tmpdir);
	rc |= system(cmd);
	free(cmd);
	if (rc != 0)
		return -1;
	char cache[300];
	snprintf(cache, sizeof cache, "%s/cache", tmpdir);
	paths_init(cache);
	catalog_cache_enable(true);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* "<tmpdir>/<name>" in a static buffer. */
static const char *in_tmp(const char *name)
{
	static char buf[512];
	snprintf(buf, sizeof buf, "%s/%s", tmpdir, name);
	return buf;
}

static struct catalog *open_ok(const char *dir)
{
	char err[512] = "";
	struct catalog *c = catalog_open(dir, err, sizeof err);
	if (!c)
		fail_msg("catalog_open(%s): %s", dir, err);
	return c;
}

/* The catalogue parsed, with the cache off. */
static struct catalog *open_parsed(const char *dir)
{
	catalog_cache_enable(false);
	struct catalog *c = open_ok(dir);
	catalog_cache_enable(true);
	return c;
}

static void same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void same_report(const struct report *a, const struct report *b)
{
	same_str(a->path, b->path);
	assert_int_equal(a->rows, b->rows);
	assert_int_equal(a->accepted, b->accepted);
	assert_int_equal(a->rejected, b->rejected);
	assert_memory_equal(a->by_reason, b->by_reason, sizeof a->by_reason);
	assert_int_equal(a->n_rejects, b->n_rejects);
	for (size_t k = 0; k < a->n_rejects; k++) {
		assert_int_equal(a->rejects[k].line, b->rejects[k].line);
		assert_int_equal(a->rejects[k].column, b->rejects[k].column);
		assert_int_equal(a->rejects[k].reason, b->rejects[k].reason);
		same_str(a->rejects[k].text, b->rejects[k].text);
	}
	assert_int_equal(a->dup_pairs, b->dup_pairs);
	assert_int_equal(a->off_step, b->off_step);
	assert_int_equal(a->n_offsteps, b->n_offsteps);
	assert_string_equal(a->encoding, b->encoding);
	assert_string_equal(a->delimiter, b->delimiter);
	assert_int_equal(a->header, b->header);
	assert_int_equal(a->has_scale, b->has_scale);
	assert_int_equal(a->n_warnings, b->n_warnings);
	for (size_t k = 0; k < a->n_warnings; k++)
		assert_string_equal(a->warnings[k], b->warnings[k]);
}

static void same_matrix(const struct rmatrix *a, const struct rmatrix *b)
{
	assert_int_equal(a->n_users, b->n_users);
	assert_int_equal(a->n_items, b->n_items);
	assert_int_equal(a->nnz, b->nnz);
	assert_memory_equal(a->user_ptr, b->user_ptr,
			    (a->n_users + 1) * sizeof *a->user_ptr);
	assert_memory_equal(a->item_ptr, b->item_ptr,
			    (a->n_items + 1) * sizeof *a->item_ptr);
	if (!a->nnz)
		return;
	assert_memory_equal(a->user_item, b->user_item, a->nnz * 4);
	assert_memory_equal(a->user_val, b->user_val, a->nnz * 4);
	assert_memory_equal(a->item_user, b->item_user, a->nnz * 4);
	assert_memory_equal(a->item_val, b->item_val, a->nnz * 4);
}

/* Everything catalog_open gives, field by field. */
static void same_catalog(const struct catalog *a, const struct catalog *b)
{
	assert_string_equal(a->name, b->name);
	assert_string_equal(a->key, b->key);
	assert_string_equal(a->label, b->label);
	assert_int_equal(a->kind, b->kind);
	assert_true(a->scale.min == b->scale.min &&
		    a->scale.max == b->scale.max &&
		    a->scale.step == b->scale.step);
	assert_int_equal(a->has_ratings, b->has_ratings);
	assert_int_equal(a->n_items, b->n_items);
	for (uint32_t i = 0; i < a->n_items; i++) {
		const struct item *x = &a->items[i], *y = &b->items[i];
		assert_string_equal(intern_str(a->item_ids, x->id),
				    intern_str(b->item_ids, y->id));
		assert_int_equal(x->id, y->id);
		same_str(x->title, y->title);
		assert_int_equal(x->year, y->year);
		same_str(x->creators, y->creators);
		same_str(x->genres, y->genres);
		same_str(x->tags, y->tags);
		same_str(x->series, y->series);
		same_str(x->language, y->language);
		same_str(x->ext_id, y->ext_id);
		same_str(x->isbns, y->isbns);
		same_str(x->fold, y->fold);
		assert_int_equal(x->fold_title, y->fold_title);
		assert_int_equal(x->n_ratings, y->n_ratings);
		assert_true((isnan(x->mean) && isnan(y->mean)) ||
			    x->mean == y->mean);
	}
	assert_int_equal(intern_count(a->user_ids), intern_count(b->user_ids));
	for (uint32_t u = 0; u < intern_count(a->user_ids); u++)
		assert_string_equal(intern_str(a->user_ids, u),
				    intern_str(b->user_ids, u));
	same_matrix(a->m, b->m);
	assert_int_equal(a->hist != NULL, b->hist != NULL);
	if (a->hist)
		assert_memory_equal(a->hist, b->hist, (size_t)a->n_items *
				    CATALOG_HIST_BINS * sizeof *a->hist);
	assert_int_equal(a->n_reports, b->n_reports);
	for (size_t k = 0; k < a->n_reports; k++)
		same_report(&a->reports[k], &b->reports[k]);
}

/* Open dir, compare with ref and expect the cache's last outcome. */
static void open_expect(const char *dir, const struct catalog *ref,
			enum cache_outcome after)
{
	struct catalog *c = open_ok(dir);
	same_catalog(ref, c);
	assert_int_equal(catalog_cache_last(NULL), after);
	catalog_free(c);
}

/* The outcome of the load step alone. */
static enum cache_outcome load_outcome(const char *dir, const char **why)
{
	struct catalog *c = xcalloc(1, sizeof *c);
	c->item_ids = intern_new();
	c->user_ids = intern_new();
	c->dir = xstrdup(dir);
	const char *dirs[] = { dir };
	struct cache_key *k = catalog_cache_key(dirs, 1);
	bool hit = catalog_cache_load(c, k);
	enum cache_outcome o = catalog_cache_last(why);
	assert_int_equal(hit, o == CACHE_HIT);
	catalog_cache_key_free(k);
	catalog_free(c);
	return o;
}

static void test_round_trip(void **state)
{
	(void)state;
	const char *names[] = { "books", "movies" };
	for (size_t k = 0; k < 2; k++) {
		char dir[512];
		snprintf(dir, sizeof dir, "%s", in_tmp(names[k]));
		struct catalog *ref = open_parsed(dir);
		const char *why;
		/* the first open parses and writes, the next reads */
		open_expect(dir, ref, CACHE_WRITTEN);
		assert_int_equal(load_outcome(dir, &why), CACHE_HIT);
		open_expect(dir, ref, CACHE_HIT);
		/* the same directory named otherwise: reports name it so */
		char other[600];
		snprintf(other, sizeof other, "%s/.", dir);
		struct catalog *c = open_ok(other);
		assert_int_equal(catalog_cache_last(NULL), CACHE_HIT);
		assert_memory_equal(c->reports[0].path, other, strlen(other));
		assert_int_equal(c->reports[0].path[strlen(other)], '/');
		catalog_free(c);
		if (k == 0) {   /* books: a rejected book_tags row, hist */
			assert_non_null(ref->hist);
			assert_int_equal(ref->n_reports, 4);
			assert_int_equal(ref->reports[2].n_rejects, 1);
		}
		char *path = catalog_cache_path(dir);
		struct stat st;
		assert_int_equal(stat(path, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0600);
		free(path);
		catalog_free(ref);
	}
}

static void test_touched_source(void **state)
{
	(void)state;
	char dir[512], file[600];
	snprintf(dir, sizeof dir, "%s", in_tmp("movies"));
	snprintf(file, sizeof file, "%s/ratings.csv", dir);
	struct catalog *ref = open_parsed(dir);
	catalog_free(open_ok(dir));   /* makes sure there is a cache */
	const char *why;
	assert_int_equal(load_outcome(dir, &why), CACHE_HIT);
	/* same size and contents, another mtime */
	struct timespec ts[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	assert_int_equal(utimensat(AT_FDCWD, file, ts, 0), 0);
	assert_int_equal(load_outcome(dir, &why), CACHE_STALE);
	assert_non_null(strstr(why, "stale"));
	open_expect(dir, ref, CACHE_WRITTEN);
	assert_int_equal(load_outcome(dir, &why), CACHE_HIT);
	/* a new side file is a change too */
	snprintf(file, sizeof file, "%s/tags.csv", dir);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fputs("userId,movieId,tag,timestamp\n", f);
	fclose(f);
	assert_int_equal(load_outcome(dir, &why), CACHE_STALE);
	assert_int_equal(unlink(file), 0);
	catalog_free(ref);
}

/* Damage the cache of dir by fn, then expect a refusal with reason and
 * a rebuild that gives the same catalogue. */
static void damaged(const char *dir, void (*fn)(const char *path),
		    const char *reason)
{
	struct catalog *ref = open_parsed(dir);
	catalog_free(open_ok(dir));   /* makes sure there is a cache */
	const char *why;
	assert_int_equal(load_outcome(dir, &why), CACHE_HIT);
	char *path = catalog_cache_path(dir);
	fn(path);
	assert_int_equal(load_outcome(dir, &why), CACHE_REFUSED);
	if (!strstr(why, reason))
		fail_msg("reason '%s' lacks '%s'", why, reason);
	open_expect(dir, ref, CACHE_WRITTEN);
	assert_int_equal(load_outcome(dir, &why), CACHE_HIT);
	free(path);
	catalog_free(ref);
}

static void cut_in_half(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(truncate(path, st.st_size / 2), 0);
}

/* Flip one bit at offset (from the end when negative). */
static void flip_at(const char *path, long at)
{
	int fd = open(path, O_RDWR);
	assert_true(fd >= 0);
	off_t off = at < 0 ? lseek(fd, at, SEEK_END) : at;
	unsigned char b;
	assert_int_equal(pread(fd, &b, 1, off), 1);
	b ^= 0x10;
	assert_int_equal(pwrite(fd, &b, 1, off), 1);
	close(fd);
}

static void flip_data(const char *path) { flip_at(path, -100); }
static void flip_magic(const char *path) { flip_at(path, 2); }
static void cut_header(const char *path)
{
	assert_int_equal(truncate(path, 20), 0);
}

/* Make the cache one of version 4, whose parse rejected the quoted
 * titles of the headerless dataset files. */
static void version_4(const char *path)
{
	uint32_t v = 4;
	int fd = open(path, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, &v, sizeof v, 8), sizeof v);
	close(fd);
}

static void test_truncated(void **state)
{
	(void)state;
	char dir[512];
	snprintf(dir, sizeof dir, "%s", in_tmp("books"));
	damaged(dir, cut_in_half, "truncated");
	damaged(dir, cut_header, "truncated header");
}

static void test_bit_flipped(void **state)
{
	(void)state;
	char dir[512];
	snprintf(dir, sizeof dir, "%s", in_tmp("books"));
	damaged(dir, flip_data, "data checksum mismatch");
	damaged(dir, flip_magic, "bad magic");
	damaged(dir, version_4, "another version");
}

static void test_unwritable(void **state)
{
	(void)state;
	char dir[512], cache[600];
	snprintf(dir, sizeof dir, "%s", in_tmp("movies"));
	struct catalog *ref = open_parsed(dir);
	/* a cache "directory" that is a file: no cache dir at all */
	snprintf(cache, sizeof cache, "%s/not-a-dir", tmpdir);
	FILE *f = fopen(cache, "w");
	assert_non_null(f);
	fclose(f);
	paths_init(cache);
	open_expect(dir, ref, CACHE_UNWRITABLE);
	/* a directory where the cache file goes: rename fails (as root
	 * too, where permissions would not stop a write) */
	snprintf(cache, sizeof cache, "%s/cache2", tmpdir);
	paths_init(cache);
	char *path = catalog_cache_path(dir);
	assert_int_equal(mkdir(path, 0700), 0);
	open_expect(dir, ref, CACHE_UNWRITABLE);
	const char *why;
	catalog_cache_last(&why);
	assert_non_null(strstr(why, "cannot write"));
	rmdir(path);
	free(path);
	snprintf(cache, sizeof cache, "%s/cache", tmpdir);
	paths_init(cache);
	catalog_free(ref);
}

/* Write text to tmpdir/rel (its directory must exist). */
static void tmp_file(const char *rel, const char *text)
{
	FILE *f = fopen(in_tmp(rel), "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* The bundled books with a download read beside them are opened and
 * cached without attaching it; once it is attached, books opens from
 * that cache. A download that cannot be read leaves the attachment
 * there was. A book_tags.csv with no usable row gives no tags. */
static void test_books_with_download(void **state)
{
	(void)state;
	char dir[512], err[512] = "";
	snprintf(dir, sizeof dir, "%s", in_tmp("gb"));
	assert_int_equal(mkdir(dir, 0700), 0);
	tmp_file("gb/ratings.csv", "user_id,book_id,rating\n1,1,5\n2,1,3\n"
		 "2,3,4\n");
	tmp_file("gb/tags.csv", "tag_id,tag_name\n0,fantasy\n");
	tmp_file("gb/book_tags.csv", "goodreads_book_id,tag_id,count\n"
		 "2767052,9,10\n");
	assert_null(catalog_attached_goodbooks());
	struct catalog *c = catalog_open_books_with(dir, err, sizeof err);
	if (!c)
		fail_msg("catalog_open_books_with: %s", err);
	assert_int_equal(catalog_cache_last(NULL), CACHE_WRITTEN);
	assert_null(catalog_attached_goodbooks());
	char *real = realpath(dir, NULL);
	assert_string_equal(c->ratings_dir, real);
	assert_string_equal(c->key, "books");
	assert_string_equal(c->label, "goodbooks-10k + ratings");
	assert_int_equal(c->n_items, 10000);
	assert_int_equal(c->m->nnz, 3);
	assert_int_equal(c->m->n_users, 2);
	assert_null(c->items[catalog_find_id(c, "1")].tags);
	assert_int_equal(c->reports[2].rejected, 1);   /* book_tags.csv */
	assert_int_equal(catalog_attach_goodbooks(dir, err, sizeof err), 0);
	char *attached = catalog_attached_goodbooks();
	assert_string_equal(attached, real);
	open_expect("books", c, CACHE_HIT);
	/* ratings.csv a directory: refused, the attachment stays */
	snprintf(dir, sizeof dir, "%s", in_tmp("bad"));
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(mkdir(in_tmp("bad/ratings.csv"), 0700), 0);
	assert_null(catalog_open_books_with(dir, err, sizeof err));
	assert_non_null(strstr(err, "ratings.csv: Is a directory"));
	free(attached);
	attached = catalog_attached_goodbooks();
	assert_string_equal(attached, real);
	assert_int_equal(catalog_attach_goodbooks(NULL, err, sizeof err), 0);
	assert_null(catalog_attached_goodbooks());
	free(attached);
	free(real);
	catalog_free(c);
}

/* Replace the file ctx names by another (a new inode, as an editor or
 * a download would): the store hook, as if while it was parsed. */
static void replace_movies(void *ctx)
{
	const char *path = ctx;
	char *tmp = xasprintf("%s.new", path);
	FILE *f = fopen(tmp, "w");
	assert_non_null(f);
	fputs("movieId,title,genres\n1,New Title One (1990),Drama\n"
	      "2,New Title Two (1991),Comedy\n", f);
	fclose(f);
	assert_int_equal(rename(tmp, path), 0);
	free(tmp);
}

/* Put the fixture's movies.csv back into dir. */
static void tmp_put_back_movies(const char *dir)
{
	char *cmd = xasprintf("cp '%s' '%s/movies.csv'",
			      fixture("import/movies/movies.csv"), dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

/* The title of item id in the catalogue of dir as it opens now, with
 * the cache outcome that gave it. */
static char *title_now(const char *dir, const char *id,
		       enum cache_outcome *o)
{
	struct catalog *c = open_ok(dir);
	*o = catalog_cache_last(NULL);
	char *t = xstrdup(c->items[catalog_find_id(c, id)].title);
	catalog_free(c);
	return t;
}

/* A movies.csv replaced after it was parsed but before the store (the
 * ratings.csv of a large catalogue still being read): nothing is
 * cached, and the next start reads the new titles, also when an older
 * cache is there. */
static void test_changed_while_parsed(void **state)
{
	(void)state;
	char dir[512], file[600];
	enum cache_outcome o;
	const char *why;
	snprintf(dir, sizeof dir, "%s", in_tmp("movies"));
	snprintf(file, sizeof file, "%s/movies.csv", dir);
	catalog_free(open_ok(dir));   /* a cache of the first titles */
	struct timespec ts[2] = { { 1100000000, 0 }, { 1100000000, 0 } };
	assert_int_equal(utimensat(AT_FDCWD, file, ts, 0), 0);
	for (int k = 0; k < 2; k++) {   /* an old cache, then none */
		catalog_cache_store_hook(replace_movies, file);
		char *t = title_now(dir, "1", &o);
		catalog_cache_store_hook(NULL, NULL);
		assert_string_equal(t, "Example Movie");    /* as parsed */
		assert_int_equal(o, CACHE_CHANGED);
		catalog_cache_last(&why);
		assert_non_null(strstr(why, "changed while they were read"));
		assert_int_equal(load_outcome(dir, &why),
				 k == 0 ? CACHE_STALE : CACHE_MISSING);
		free(t);
		t = title_now(dir, "1", &o);
		assert_string_equal(t, "New Title One");
		assert_int_equal(o, CACHE_WRITTEN);
		free(t);
		t = title_now(dir, "2", &o);
		assert_string_equal(t, "New Title Two");
		assert_int_equal(o, CACHE_HIT);
		free(t);
		char *path = catalog_cache_path(dir);
		assert_int_equal(unlink(path), 0);
		free(path);
		tmp_put_back_movies(dir);
	}
}

/* Make path a file (a directory when dir) last changed age seconds
 * ago. */
static void make_aged(const char *path, int age, bool dir)
{
	if (dir) {
		assert_int_equal(mkdir(path, 0700), 0);
	} else {
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs("left by a writer killed on the way\n", f);
		fclose(f);
	}
	struct timespec t[2];
	clock_gettime(CLOCK_REALTIME, &t[0]);
	t[0].tv_sec -= age;
	t[1] = t[0];
	assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
}

static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* Temporaries of a cache that a killed writer left (unlocked, older
 * than five minutes) go at the next open; a young one, one a writer
 * holds locked, a directory and other names stay. */
static void test_stale_temporaries(void **state)
{
	(void)state;
	char dir[512];
	snprintf(dir, sizeof dir, "%s", in_tmp("movies"));
	catalog_free(open_ok(dir));
	char *path = catalog_cache_path(dir);
	char *old = xasprintf("%s.Aa1234", path);
	char *young = xasprintf("%s.Bb5678", path);
	char *locked = xasprintf("%s.Cc9012", path);
	char *subdir = xasprintf("%s.Dd3456", path);
	char *other = xasprintf("%s.backup1", path);
	make_aged(old, 3600, false);
	make_aged(young, 10, false);
	make_aged(locked, 3600, false);
	make_aged(subdir, 3600, true);
	make_aged(other, 3600, false);
	int fd = open(locked, O_RDONLY);
	assert_true(fd >= 0 && flock(fd, LOCK_EX) == 0);
	catalog_free(open_ok(dir));
	assert_int_equal(catalog_cache_last(NULL), CACHE_HIT);
	assert_false(exists(old));
	assert_true(exists(young));
	assert_true(exists(locked));
	assert_true(exists(subdir));
	assert_true(exists(other));
	assert_true(exists(path));
	close(fd);              /* its writer is gone now */
	catalog_free(open_ok(dir));
	assert_false(exists(locked));
	assert_true(exists(young));
	unlink(young);
	rmdir(subdir);
	unlink(other);
	free(old);
	free(young);
	free(locked);
	free(subdir);
	free(other);
	free(path);
}

/* replace_fn that finds its own temporary beside ctx and checks that
 * another open of it cannot take the lock: the writer holds it. */
static int write_while_locked(FILE *f, void *ctx)
{
	const char *path = ctx;
	const char *slash = strrchr(path, '/');
	size_t len = strlen(slash + 1);
	char *dirname = xstrndup(path, (size_t)(slash - path));
	DIR *d = opendir(dirname);
	struct dirent *e;
	int held = 0;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, slash + 1, len) != 0 ||
		    e->d_name[len] != '.')
			continue;
		char *tmp = xasprintf("%s/%s", dirname, e->d_name);
		int fd = open(tmp, O_RDONLY);
		assert_true(fd >= 0);
		if (flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK)
			held++;
		close(fd);
		free(tmp);
	}
	closedir(d);
	free(dirname);
	assert_int_equal(held, 1);
	return fputs("done\n", f) >= 0 ? 0 : -1;
}

static void test_writer_holds_lock(void **state)
{
	(void)state;
	char *path = xasprintf("%s/replaced.txt", tmpdir);
	assert_int_equal(replace_file(path, write_while_locked, path), 0);
	assert_true(exists(path));
	/* nothing of this path is stale: the writer's temporary is gone */
	assert_int_equal(replace_remove_stale(path, 0), 0);
	unlink(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_touched_source),
		cmocka_unit_test(test_changed_while_parsed),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_bit_flipped),
		cmocka_unit_test(test_unwritable),
		cmocka_unit_test(test_books_with_download),
		cmocka_unit_test(test_stale_temporaries),
		cmocka_unit_test(test_writer_holds_lock),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
