/* SPDX-License-Identifier: GPL-3.0-or-later */
/* usertags: your own words for items (see usertags.h). */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvread.h"
#include "csvwrite.h"
#include "i18n.h"
#include "intern.h"
#include "paths.h"
#include "replace.h"
#include "text.h"
#include "usertags.h"
#include "util.h"

struct usertags {
	char *path;
	struct intern *ids;     /* item id -> index */
	char **genres, **tags;  /* by index; NULL for none */
	bool *changed;          /* by index: set since read or saved */
	size_t cap;
	bool dirty;             /* changed since read or saved */
	char *problem;          /* why the file is not all read, or NULL */
	struct stat st;         /* the file when read or saved */
	bool there;             /* it existed then */
};

/* Remember the file as it is now. */
static void note_file(struct usertags *t)
{
	t->there = stat(t->path, &t->st) == 0;
}

bool usertags_stale(const struct usertags *t)
{
	struct stat st;
	bool there = stat(t->path, &st) == 0;
	if (there != t->there)
		return true;
	return there && (st.st_ino != t->st.st_ino ||
			 st.st_size != t->st.st_size ||
			 st.st_mtim.tv_sec != t->st.st_mtim.tv_sec ||
			 st.st_mtim.tv_nsec != t->st.st_mtim.tv_nsec);
}

/* s, or NULL when it is NULL or empty, as a copy. */
static char *dup_words(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* True when two word lists say the same (NULL and "" alike). */
static bool same_words(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* The index of an item, added when new. */
static uint32_t slot(struct usertags *t, const char *id)
{
	bool added;
	uint32_t i = intern_add(t->ids, id, strlen(id), &added);
	if (i != INTERN_NONE && added) {
		size_t old = t->cap;
		xgrow((void **)&t->genres, &t->cap, (size_t)i + 1,
		      sizeof *t->genres);
		t->tags = xrealloc(t->tags, t->cap * sizeof *t->tags);
		t->changed = xrealloc(t->changed,
				      t->cap * sizeof *t->changed);
		for (size_t k = old; k < t->cap; k++) {
			t->genres[k] = t->tags[k] = NULL;
			t->changed[k] = false;
		}
	}
	return i;
}

/* Set slot i's words. */
static void put(struct usertags *t, uint32_t i, const char *genres,
		const char *tags)
{
	free(t->genres[i]);
	free(t->tags[i]);
	t->genres[i] = dup_words(genres);
	t->tags[i] = dup_words(tags);
}

/* What a read knows: the set, the file, and its first fault. */
struct reading {
	struct usertags *t;
	const struct csvfile *f;
	size_t bad;
	uint64_t first_bad;
	char why[128];
};

/* Note a line that cannot be read. */
static void read_bad(struct reading *rd, uint64_t line, const char *why)
{
	if (!rd->bad++) {
		rd->first_bad = line;
		xsnprintf(rd->why, sizeof rd->why, "%s", why);
	}
}

/* csvread callback: the header, then one item a row. A record that is
 * damaged, of another width or without an id is a fault. */
static int read_row(void *ctx, uint64_t line, char **f, size_t n)
{
	struct reading *rd = ctx;
	char buf[128];
	const char *why = csvread_record_problem(rd->f, buf, sizeof buf);
	if (line == 1) {
		if (n != 3 || strcmp(f[0], "item_id") != 0)
			read_bad(rd, line, _("not the header item_id,genres,"
					     "tags"));
		return 0;
	}
	if (!why && n != 3)
		why = _("not three fields");
	if (!why && !*f[0])
		why = _("no item id");
	if (why) {
		read_bad(rd, line, why);
		return 0;
	}
	uint32_t i = slot(rd->t, f[0]);
	if (i != INTERN_NONE)
		put(rd->t, i, f[1], f[2]);
	return 0;
}

/* Read the file into t; -1 with err when it cannot be read at all. A
 * file read in part sets t->problem. */
static int read_file(struct usertags *t, char *err, size_t errlen)
{
	struct stat st;
	if (stat(t->path, &st) != 0)
		return errno == ENOENT ? 0 : (xsnprintf(err, errlen,
			_("cannot open %s: %s"), t->path, strerror(errno)),
			-1);
	struct csvread_opts o = { .delim = ",", .encoding = CSV_ENC_UTF8 };
	struct csvfile f;
	if (csvread_open(&f, t->path, &o, err, errlen) != 0)
		return -1;
	struct reading rd = { .t = t, .f = &f };
	int rc = csvread_each(&f, read_row, &rd, err, errlen);
	if (rc == 0 && (f.bad_bytes || f.n_bad_lines) && !rd.bad)
		read_bad(&rd, f.n_bad_lines ? f.bad_lines[0] : 0,
			 _("bytes that are not UTF-8"));
	csvread_close(&f);
	if (rc == 0 && rd.bad)
		t->problem = xasprintf(ngettext("%s: %zu line cannot be read "
			"(line %" PRIu64 ": %s); it is left as it is",
			"%s: %zu lines cannot be read (line %" PRIu64 ": %s); "
			"they are left as they are", rd.bad), t->path, rd.bad,
			rd.first_bad, rd.why);
	return rc == 0 ? 0 : -1;
}

/* A set of nobody's words for path. */
static struct usertags *new_set(const char *path)
{
	struct usertags *t = xcalloc(1, sizeof *t);
	t->path = xstrdup(path);
	t->ids = intern_new();
	return t;
}

struct usertags *usertags_open(const char *dir, const char *catalog_key,
			       char *err, size_t errlen)
{
	if (!dir && !(dir = paths_data_dir(err, errlen)))
		return NULL;
	char *name = xasprintf("%s.tags.csv", catalog_key);
	char *path = paths_join(dir, name);
	struct usertags *t = new_set(path);
	free(name);
	free(path);
	if (read_file(t, err, errlen) != 0) {
		usertags_free(t);
		return NULL;
	}
	note_file(t);
	return t;
}

const char *usertags_problem(const struct usertags *t)
{
	return t ? t->problem : NULL;
}

void usertags_free(struct usertags *t)
{
	if (!t)
		return;
	for (size_t k = 0; k < intern_count(t->ids); k++) {
		free(t->genres[k]);
		free(t->tags[k]);
	}
	free(t->genres);
	free(t->tags);
	free(t->changed);
	free(t->problem);
	intern_free(t->ids);
	free(t->path);
	free(t);
}

size_t usertags_count(const struct usertags *t)
{
	return t ? intern_count(t->ids) : 0;
}

const char *usertags_id(const struct usertags *t, size_t k)
{
	return intern_str(t->ids, (uint32_t)k);
}

const char *usertags_genres(const struct usertags *t, const char *item_id)
{
	uint32_t i = t ? intern_find(t->ids, item_id) : INTERN_NONE;
	return i == INTERN_NONE ? NULL : t->genres[i];
}

const char *usertags_tags(const struct usertags *t, const char *item_id)
{
	uint32_t i = t ? intern_find(t->ids, item_id) : INTERN_NONE;
	return i == INTERN_NONE ? NULL : t->tags[i];
}

bool usertags_differ(const struct usertags *t, const char *item_id,
		     const char *genres, const char *tags)
{
	return !same_words(usertags_genres(t, item_id), genres) ||
	       !same_words(usertags_tags(t, item_id), tags);
}

bool usertags_set(struct usertags *t, const char *item_id,
		  const char *genres, const char *tags)
{
	if (!usertags_differ(t, item_id, genres, tags))
		return false;
	uint32_t i = slot(t, item_id);
	if (i == INTERN_NONE)
		return false;
	put(t, i, genres, tags);
	t->changed[i] = true;
	t->dirty = true;
	return true;
}

/* replace_fn: the whole file; items without words are left out. */
static int write_all(FILE *f, void *ctx)
{
	const struct usertags *t = ctx;
	fputs("item_id,genres,tags\n", f);
	for (uint32_t k = 0; k < intern_count(t->ids); k++) {
		if (!t->genres[k] && !t->tags[k])
			continue;
		csv_put_field(f, intern_str(t->ids, k));
		fputc(',', f);
		csv_put_field(f, t->genres[k] ? t->genres[k] : "");
		fputc(',', f);
		csv_put_field(f, t->tags[k] ? t->tags[k] : "");
		fputc('\n', f);
	}
	return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}

/* Take the locked, fresh copy's words in place of t's. */
static void adopt(struct usertags *t, struct usertags *fresh)
{
	struct usertags keep = *t;
	*t = *fresh;
	*fresh = keep;
	if (t->changed)
		memset(t->changed, 0, t->cap * sizeof *t->changed);
	t->dirty = false;
}

/* Lay t's changed items over fresh, the file as it is now. */
static void merge_into(struct usertags *fresh, const struct usertags *t)
{
	for (uint32_t k = 0; k < intern_count(t->ids); k++) {
		if (!t->changed[k])
			continue;
		uint32_t i = slot(fresh, intern_str(t->ids, k));
		if (i != INTERN_NONE)
			put(fresh, i, t->genres[k], t->tags[k]);
	}
}

/* Hold the lock beside the file (path.lock): one writer at a time, so
 * two imports at once both keep their words. -1 with err. */
static int take_lock(const char *path, char *err, size_t errlen)
{
	char *lock = xasprintf("%s.lock", path);
	int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || flock(fd, LOCK_EX) != 0) {
		xsnprintf(err, errlen, _("cannot lock %s: %s"), lock,
			  strerror(errno));
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	free(lock);
	return fd;
}

int usertags_save(struct usertags *t, char *err, size_t errlen)
{
	if (!t->dirty)
		return 0;
	if (t->problem) {
		xsnprintf(err, errlen, "%s", t->problem);
		return -1;
	}
	int lock = take_lock(t->path, err, errlen);
	if (lock < 0)
		return -1;
	/* what another process wrote since t was read stays */
	struct usertags *fresh = new_set(t->path);
	int rc = read_file(fresh, err, errlen);
	if (rc == 0 && fresh->problem) {
		xsnprintf(err, errlen, "%s", fresh->problem);
		rc = -1;
	}
	if (rc == 0) {
		merge_into(fresh, t);
		rc = replace_file(t->path, write_all, fresh);
		if (rc != 0)
			xsnprintf(err, errlen, _("cannot write %s: %s"),
				  t->path, strerror(errno));
	}
	if (rc == 0) {
		adopt(t, fresh);
		note_file(t);
	}
	usertags_free(fresh);
	close(lock);
	return rc;
}

char *usertags_join(const char *list, bool drop_shelves)
{
	size_t len = 0;
	char *out = xmalloc(strlen(list) + 1);
	struct intern *seen = intern_new();
	out[0] = '\0';
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",|");
		char *w = xstrndup(p, n);
		char *word = text_trim(w);
		size_t k = strlen(word);
		bool added = false;
		if (k && !(drop_shelves && text_is_shelf(word)))
			intern_add(seen, word, k, &added);
		if (added) {
			if (len)
				out[len++] = '|';
			memcpy(out + len, word, k + 1);
			len += k;
		}
		free(w);
		p += n + (p[n] != '\0');
	}
	intern_free(seen);
	if (!len) {
		free(out);
		return NULL;
	}
	return out;
}
