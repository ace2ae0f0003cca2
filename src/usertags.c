/* SPDX-License-Identifier: GPL-3.0-or-later */
/* usertags: your own words for items (see usertags.h). */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
	size_t cap;
	bool dirty;             /* changed since read or saved */
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
		for (size_t k = old; k < t->cap; k++)
			t->genres[k] = t->tags[k] = NULL;
	}
	return i;
}

/* csvread callback: one row after the header. */
static int read_row(void *ctx, uint64_t line, char **f, size_t n)
{
	struct usertags *t = ctx;
	if (line == 1 || n < 3 || !*f[0])
		return 0;
	usertags_set(t, f[0], f[1], f[2]);
	return 0;
}

struct usertags *usertags_open(const char *dir, const char *catalog_key,
			       char *err, size_t errlen)
{
	if (!dir && !(dir = paths_data_dir(err, errlen)))
		return NULL;
	struct usertags *t = xcalloc(1, sizeof *t);
	char *name = xasprintf("%s.tags.csv", catalog_key);
	t->path = paths_join(dir, name);
	free(name);
	t->ids = intern_new();
	struct stat st;
	if (stat(t->path, &st) == 0) {
		struct csvread_opts o = { .delim = ",",
					  .encoding = CSV_ENC_UTF8 };
		struct csvfile f;
		int rc = csvread_open(&f, t->path, &o, err, errlen);
		if (rc == 0) {
			rc = csvread_each(&f, read_row, t, err, errlen);
			csvread_close(&f);
		}
		if (rc != 0) {
			usertags_free(t);
			return NULL;
		}
	} else if (errno != ENOENT) {
		xsnprintf(err, errlen, _("cannot open %s: %s"), t->path,
			  strerror(errno));
		usertags_free(t);
		return NULL;
	}
	t->dirty = false;
	note_file(t);
	return t;
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
	free(t->genres[i]);
	free(t->tags[i]);
	t->genres[i] = dup_words(genres);
	t->tags[i] = dup_words(tags);
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

int usertags_save(struct usertags *t, char *err, size_t errlen)
{
	if (!t->dirty)
		return 0;
	if (replace_file(t->path, write_all, t) != 0) {
		xsnprintf(err, errlen, _("cannot write %s: %s"), t->path,
			  strerror(errno));
		return -1;
	}
	t->dirty = false;
	note_file(t);
	return 0;
}

/* True when the n bytes at w are one of the words joined so far. */
static bool joined_has(const char *out, size_t len, const char *w,
		       size_t n)
{
	for (const char *p = out; p < out + len;) {
		size_t k = strcspn(p, "|");
		if (k == n && memcmp(p, w, n) == 0)
			return true;
		p += k + 1;
	}
	return false;
}

char *usertags_join(const char *list, bool drop_shelves)
{
	size_t cap = strlen(list) + 1, len = 0;
	char *out = xmalloc(cap);
	out[0] = '\0';
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",|");
		char *w = xstrndup(p, n);
		char *word = text_trim(w);
		size_t k = strlen(word);
		if (k && !(drop_shelves && text_is_shelf(word)) &&
		    !joined_has(out, len, word, k)) {
			if (len)
				out[len++] = '|';
			memcpy(out + len, word, k + 1);
			len += k;
		}
		free(w);
		p += n + (p[n] != '\0');
	}
	if (!len) {
		free(out);
		return NULL;
	}
	return out;
}
