/* SPDX-License-Identifier: GPL-3.0-or-later */
/* origin: see origin.h. The .source file is a hint: it is written
 * whole (replace.h) or not at all, a failure is only logged, and a
 * missing, unreadable or stale one only means a move goes unnoticed,
 * as it did before. Journals are never touched here: moving them is
 * left to the user, with the commands to paste, which keep every line
 * (the old journal's first, so the newer events stay the last word). */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog.h"
#include "i18n.h"
#include "log.h"
#include "origin.h"
#include "paths.h"
#include "replace.h"
#include "synth.h"
#include "util.h"

#define ORIGIN_SUFFIX ".source"
/* Profiles of directories that are gone named at most. */
#define ORIGIN_MAX 3

/* The real path of c's directory when c is a directory catalogue (a
 * key made from the path), malloc'd; else NULL. */
static char *origin_dir(const struct catalog *c)
{
	if (!c->dir || !c->key || !c->name || strcmp(c->key, c->name) == 0 ||
	    synth_shape_of(c->dir))
		return NULL;
	char *real = realpath(c->dir, NULL);
	if (real && strchr(real, '\n')) {
		free(real);     /* one line per file: not recordable */
		real = NULL;
	}
	return real;
}

/* data/<key><suffix>, malloc'd. */
static char *origin_file(const char *data, const char *key,
			 const char *suffix)
{
	return xasprintf("%s/%s%s", data, key, suffix);
}

/* Size of the file at path, or -1 when it is not there. */
static off_t origin_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? st.st_size : -1;
}

/* fputs as a replace_fn. */
static int origin_put(FILE *f, void *text)
{
	return fputs(text, f) < 0 ? -1 : 0;
}

/* The journals of key in data: ratings (signals false) or signals. */
static char *origin_journal(const char *data, const char *key,
			    bool signals)
{
	return origin_file(data, key, signals ? ".signals.journal"
					      : ".journal");
}

/* Whether key has a journal in data, empty or not. */
static bool origin_has_journal(const char *data, const char *key)
{
	char *r = origin_journal(data, key, false);
	char *s = origin_journal(data, key, true);
	bool has = origin_size(r) >= 0 || origin_size(s) >= 0;
	free(r);
	free(s);
	return has;
}

/* Write <key>.source for a directory catalogue with a journal. */
void origin_record(const struct catalog *c)
{
	char err[256];
	const char *data = paths_data_dir(err, sizeof err);
	char *real = data ? origin_dir(c) : NULL;
	if (!real)
		return;
	char *source = origin_file(data, c->key, ORIGIN_SUFFIX);
	char *had = util_read_line(source);
	if ((!had || strcmp(had, real) != 0) &&
	    origin_has_journal(data, c->key)) {
		char *line = xasprintf("%s\n", real);
		if (replace_file(source, origin_put, line) != 0)
			log_msg("origin: cannot write %s: %s", source,
				strerror(errno));
		free(line);
	}
	free(had);
	free(source);
	free(real);
}

/* Whether key has ratings or signals in data (a journal not empty). */
static bool origin_has_profile(const char *data, const char *key)
{
	char *r = origin_journal(data, key, false);
	char *s = origin_journal(data, key, true);
	bool has = origin_size(r) > 0 || origin_size(s) > 0;
	free(r);
	free(s);
	return has;
}

/* The key of a directory entry "<key>.source", malloc'd; else NULL. */
static char *origin_key_of(const char *name)
{
	size_t n = strlen(name), k = strlen(ORIGIN_SUFFIX);
	if (n <= k || strcmp(name + n - k, ORIGIN_SUFFIX) != 0)
		return NULL;
	return xstrndup(name, n - k);
}

/* Whether the directory a .source names is gone: nothing there, or
 * no longer a directory. */
static bool origin_gone(const char *dir)
{
	struct stat st;
	if (stat(dir, &st) == 0)
		return !S_ISDIR(st.st_mode);
	return errno == ENOENT || errno == ENOTDIR;
}

/* s quoted for a POSIX shell ('...', a ' as '\''), malloc'd. */
static char *origin_quote(const char *s)
{
	size_t n = 3;
	for (const char *p = s; *p; p++)
		n += *p == '\'' ? 4 : 1;
	char *q = xmalloc(n), *w = q;
	*w++ = '\'';
	for (const char *p = s; *p; p++) {
		if (*p == '\'') {
			memcpy(w, "'\\''", 4);
			w += 4;
		} else {
			*w++ = *p;
		}
	}
	*w++ = '\'';
	*w = '\0';
	return q;
}

/* Append the text more (freed) to *out. */
static void origin_cat(char **out, char *more)
{
	char *both = xasprintf("%s%s", *out ? *out : "", more);
	free(*out);
	free(more);
	*out = both;
}

/* The command that moves journal from into to without losing a line of
 * either: to's lines after from's when to is there, else a rename. */
static char *origin_move(const char *from, const char *to)
{
	char *f = origin_quote(from), *t = origin_quote(to), *cmd;
	if (origin_size(to) >= 0)
		cmd = xasprintf("cat %s >> %s && mv %s %s", t, f, f, t);
	else
		cmd = xasprintf("mv %s %s", f, t);
	free(f);
	free(t);
	return cmd;
}

/* The line about your words (usertags.h) of key, whose directory was
 * at was, for c: a rename when c has none yet (two such files are not
 * joined by a command: one is a CSV with a header); NULL when key has
 * none. */
static char *origin_tell_words(const char *data, const char *key,
			       const char *was, const struct catalog *c)
{
	char *old = origin_file(data, key, ".tags.csv");
	char *now = origin_file(data, c->key, ".tags.csv");
	char *line = NULL;
	if (origin_size(old) > 0) {
		char *f = origin_quote(old), *t = origin_quote(now);
		line = origin_size(now) >= 0
		       ? xasprintf(_("your shelves, tags and genres of %s, "
				     "which is gone, are in %s; this "
				     "catalogue has its own in %s\n"), was,
				   old, now)
		       : xasprintf(_("your shelves, tags and genres of %s, "
				     "which is gone, are in %s; if it moved "
				     "here: mv %s %s\n"), was, old, f, t);
		free(f);
		free(t);
	}
	free(old);
	free(now);
	return line;
}

/* Lines about the profile of key, whose directory was at was, for the
 * catalogue c (data: the data directory); here: was is c's own
 * directory, opened by its path when c is bundled (an older taste kept
 * such a profile apart). */
static char *origin_tell(const char *data, const char *key,
			 const char *was, const struct catalog *c, bool here)
{
	char *out = NULL;
	for (int s = 0; s < 2; s++) {
		char *old = origin_journal(data, key, s);
		char *now = origin_journal(data, c->key, s);
		if (origin_size(old) > 0) {
			char *cmd = origin_move(old, now);
			origin_cat(&out, here ? xasprintf(s
				? _("the signals of %s opened by its path are "
				    "in %s; to take them into %s: %s\n")
				: _("the ratings of %s opened by its path are "
				    "in %s; to take them into %s: %s\n"),
				was, old, c->name, cmd) : xasprintf(s
				? _("the signals of %s, which is gone, are "
				    "in %s; if it moved here: %s\n")
				: _("the ratings of %s, which is gone, are "
				    "in %s; if it moved here: %s\n"),
				was, old, cmd));
			free(cmd);
		}
		free(old);
		free(now);
	}
	char *words = origin_tell_words(data, key, was, c);
	if (words)
		origin_cat(&out, words);
	return out;
}

/* One .source entry of the data directory: its lines when it names a
 * directory that is gone, or c's own directory (real) under another
 * key, and has a profile; else NULL. */
static char *origin_entry(const char *data, const char *name,
			  const struct catalog *c, const char *real)
{
	char *key = origin_key_of(name), *out = NULL;
	if (!key || strcmp(key, c->key) == 0 ||
	    !origin_has_profile(data, key)) {
		free(key);
		return NULL;
	}
	char *source = origin_file(data, key, ORIGIN_SUFFIX);
	char *was = util_read_line(source);
	if (was && was[0] == '/' && origin_gone(was))
		out = origin_tell(data, key, was, c, false);
	else if (was && real && strcmp(was, real) == 0)
		out = origin_tell(data, key, was, c, true);
	free(was);
	free(source);
	free(key);
	return out;
}

/* Lines about the profiles of directories that are gone (origin.h). */
char *origin_orphans(const struct catalog *c)
{
	char err[256];
	const char *data = paths_data_dir(err, sizeof err);
	char *real = data ? origin_dir(c) : NULL;
	/* a bundled catalogue's directory too: its profile made by path */
	if (data && !real && c->dir && !synth_shape_of(c->dir))
		real = realpath(c->dir, NULL);
	DIR *d = real && !origin_has_profile(data, c->key) ? opendir(data)
							   : NULL;
	char *out = NULL;
	size_t told = 0, more = 0;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		char *lines = origin_entry(data, e->d_name, c, real);
		if (lines && told < ORIGIN_MAX) {
			origin_cat(&out, lines);
			told++;
		} else if (lines) {
			free(lines);
			more++;
		}
	}
	if (more)
		origin_cat(&out, xasprintf(ngettext(
			"%zu more profile of a directory that is gone is in "
			"%s\n", "%zu more profiles of directories that are "
			"gone are in %s\n", more), more, data));
	if (d)
		closedir(d);
	free(real);
	return out;
}
