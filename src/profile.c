/* SPDX-License-Identifier: GPL-3.0-or-later */
/* profile: your ratings of one catalogue, as an append-only journal.
 *
 * Every event is one line, written with a single write() on an O_APPEND
 * descriptor and fsync'ed before the call returns, so an acknowledged
 * rating is on disk. A crash can only leave a torn last line (no '\n'):
 * load ignores it and cuts it off, so the next event does not glue onto
 * it. A failed write is cut back the same way. Compaction writes the
 * current ratings to <journal>.tmp, fsyncs it, renames it over the
 * journal and fsyncs the directory, so at every instant one complete
 * journal exists under the name.
 *
 * Several taste processes may share a journal (the TUI open while
 * 'taste rate' runs): every write and compaction holds an flock on the
 * file, a writer first follows the name to the file now under it (in
 * case another process compacted) and cuts any torn tail, and
 * compaction reads the journal again under the lock, so it keeps the
 * other processes' lines too.
 *
 * In memory the ratings are an array in order of first rating with a
 * linear-probing hash from item id to array slot. Clearing marks a slot
 * dead; dead slots are squeezed out at once (run time) or after loading,
 * so profile_entry_at() stays O(1). Numbers are written and read in the
 * C locale whatever LC_NUMERIC says. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "paths.h"
#include "profile.h"
#include "util.h"

#define SLOT_EMPTY UINT32_MAX

struct pentry {
	char *id;
	double value;
	int64_t when;
	bool dead;
};

struct profile {
	char *path;
	char *dir;
	int fd;                 /* the journal, O_APPEND */
	struct pentry *v;       /* in order of first rating */
	size_t n, cap;
	size_t n_dead;
	uint32_t *slots;        /* index into v, or SLOT_EMPTY */
	size_t n_slots;         /* a power of two, > 2 * n */
	size_t lines;           /* events in the journal file */
	size_t changes;
	size_t skipped;
};

/* The C locale, for numbers that must not depend on LC_NUMERIC. */
static locale_t profile_c_locale(void)
{
	static locale_t loc;
	if (!loc)
		loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	return loc;
}

/* 64-bit FNV-1a of a string. */
static uint64_t profile_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Slot where id is, or the empty slot where it would go. */
static size_t profile_slot(const struct profile *p, const char *id)
{
	size_t mask = p->n_slots - 1;
	size_t k = profile_hash(id) & mask;
	while (p->slots[k] != SLOT_EMPTY &&
	       strcmp(p->v[p->slots[k]].id, id) != 0)
		k = (k + 1) & mask;
	return k;
}

/* Rebuild the hash from the live entries with room for want of them. */
static void profile_rehash(struct profile *p, size_t want)
{
	size_t n = 16;
	while (n < 2 * want + 2)
		n *= 2;
	free(p->slots);
	p->slots = xmalloc(n * sizeof *p->slots);
	p->n_slots = n;
	for (size_t k = 0; k < n; k++)
		p->slots[k] = SLOT_EMPTY;
	for (size_t i = 0; i < p->n; i++)
		if (!p->v[i].dead)
			p->slots[profile_slot(p, p->v[i].id)] = (uint32_t)i;
}

/* Remove the entry at slot k, shifting back the probe chain after it. */
static void profile_unslot(struct profile *p, size_t k)
{
	size_t mask = p->n_slots - 1;
	size_t hole = k;
	p->slots[hole] = SLOT_EMPTY;
	for (size_t j = (hole + 1) & mask; p->slots[j] != SLOT_EMPTY;
	     j = (j + 1) & mask) {
		size_t home = profile_hash(p->v[p->slots[j]].id) & mask;
		/* Move j into the hole unless its home lies in (hole, j]. */
		bool stays = hole <= j ? (hole < home && home <= j)
				       : (hole < home || home <= j);
		if (stays)
			continue;
		p->slots[hole] = p->slots[j];
		p->slots[j] = SLOT_EMPTY;
		hole = j;
	}
}

/* Drop dead entries, keeping the order of the others. */
static void profile_squeeze(struct profile *p)
{
	if (p->n_dead == 0)
		return;
	size_t w = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (p->v[i].dead)
			free(p->v[i].id);
		else
			p->v[w++] = p->v[i];
	}
	p->n = w;
	p->n_dead = 0;
	profile_rehash(p, p->n);
}

/* Apply a rating in memory (new entries go to the end). */
static void profile_apply_set(struct profile *p, const char *id,
			      double value, int64_t when)
{
	size_t k = profile_slot(p, id);
	if (p->slots[k] != SLOT_EMPTY) {
		struct pentry *e = &p->v[p->slots[k]];
		e->value = value;
		e->when = when;
		return;
	}
	if (p->n >= UINT32_MAX - 1)
		fatal("profile: too many ratings");
	xgrow((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v);
	p->v[p->n] = (struct pentry){ xstrdup(id), value, when, false };
	p->slots[k] = (uint32_t)p->n++;
	if (2 * (p->n - p->n_dead) + 2 > p->n_slots)
		profile_rehash(p, p->n);
}

/* Apply a clear in memory; the dead entry is squeezed out later. */
static void profile_apply_clear(struct profile *p, const char *id)
{
	size_t k = profile_slot(p, id);
	if (p->slots[k] == SLOT_EMPTY)
		return;
	p->v[p->slots[k]].dead = true;
	p->n_dead++;
	profile_unslot(p, k);
}

/* Append id to buf with \\, \t, \n and \r escaped. */
static void profile_escape(char **buf, size_t *len, size_t *cap,
			   const char *id)
{
	for (const char *s = id; *s; s++) {
		xgrow((void **)buf, cap, *len + 3, 1);
		char c = *s;
		char e = c == '\\' ? '\\' : c == '\t' ? 't'
			: c == '\n' ? 'n' : c == '\r' ? 'r' : 0;
		if (e) {
			(*buf)[(*len)++] = '\\';
			(*buf)[(*len)++] = e;
		} else {
			(*buf)[(*len)++] = c;
		}
	}
	(*buf)[*len] = '\0';
}

/* Undo profile_escape in place; false on a bad escape or empty id. */
static bool profile_unescape(char *s)
{
	char *w = s;
	for (char *r = s; *r; r++) {
		if (*r != '\\') {
			*w++ = *r;
			continue;
		}
		r++;
		switch (*r) {
		case '\\': *w++ = '\\'; break;
		case 't': *w++ = '\t'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		default: return false;
		}
	}
	*w = '\0';
	return w != s;
}

/* Append one journal line for an event (value NAN for a clear). */
static void profile_format(char **buf, size_t *len, size_t *cap,
			   const char *id, double value, int64_t when)
{
	char head[96];
	locale_t old = uselocale(profile_c_locale());
	size_t n = isnan(value)
		? xsnprintf(head, sizeof head, "clear\t%" PRId64 "\t", when)
		: xsnprintf(head, sizeof head, "set\t%" PRId64 "\t%.10g\t",
			    when, value);
	uselocale(old);
	xgrow((void **)buf, cap, *len + n + 1, 1);
	memcpy(*buf + *len, head, n + 1);
	*len += n;
	profile_escape(buf, len, cap, id);
	xgrow((void **)buf, cap, *len + 2, 1);
	(*buf)[(*len)++] = '\n';
	(*buf)[*len] = '\0';
}

/* Parse a whole integer field. */
static bool profile_parse_time(const char *s, int64_t *out)
{
	char *end;
	errno = 0;
	long long t = strtoll(s, &end, 10);
	if (end == s || *end || errno)
		return false;
	*out = t;
	return true;
}

/* Parse a whole, finite number field in the C locale. */
static bool profile_parse_value(const char *s, double *out)
{
	char *end;
	double v = strtod_l(s, &end, profile_c_locale());
	if (end == s || *end || !isfinite(v))
		return false;
	*out = v;
	return true;
}

/* Apply one complete journal line (without '\n'); false if malformed. */
static bool profile_load_line(struct profile *p, char *line)
{
	char *f[5];
	size_t n = 0;
	for (char *s = line; n < ARRAY_LEN(f); n++) {
		f[n] = s;
		s = strchr(s, '\t');
		if (!s) {
			n++;
			break;
		}
		*s++ = '\0';
	}
	int64_t when;
	double value;
	if (n == 4 && strcmp(f[0], "set") == 0) {
		if (!profile_parse_time(f[1], &when) ||
		    !profile_parse_value(f[2], &value) ||
		    !profile_unescape(f[3]))
			return false;
		profile_apply_set(p, f[3], value, when);
		return true;
	}
	if (n == 3 && strcmp(f[0], "clear") == 0) {
		if (!profile_parse_time(f[1], &when) ||
		    !profile_unescape(f[2]))
			return false;
		profile_apply_clear(p, f[2]);
		return true;
	}
	return false;
}

/* Read the whole journal from its start into a NUL-ended buffer. */
static char *profile_slurp(int fd, size_t *len, char *err, size_t errlen)
{
	size_t cap = 4096, n = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap)
			xgrow((void **)&buf, &cap, cap * 2, 1);
		ssize_t r = pread(fd, buf + n, cap - n - 1, (off_t)n);
		if (r == 0)
			break;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			xsnprintf(err, errlen, _("cannot read the profile: "
						 "%s"), strerror(errno));
			free(buf);
			return NULL;
		}
		n += (size_t)r;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Forget the ratings in memory (before reading the journal again). */
static void profile_forget(struct profile *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].id);
	p->n = 0;
	p->n_dead = 0;
	p->lines = 0;
	p->skipped = 0;
	profile_rehash(p, 0);
}

/* Load every complete line; count and cut off a torn tail. The caller
 * holds the lock. */
static int profile_load(struct profile *p, char *err, size_t errlen)
{
	size_t len;
	char *buf = profile_slurp(p->fd, &len, err, errlen);
	if (!buf)
		return -1;
	profile_forget(p);
	char *s = buf, *end = buf + len;
	while (s < end) {
		char *nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl) {
			p->skipped++;   /* torn: the crash came mid-write */
			break;
		}
		*nl = '\0';
		/* A NUL inside a line (disk garbage) makes it malformed. */
		if (strlen(s) != (size_t)(nl - s) || !profile_load_line(p, s))
			p->skipped++;
		p->lines++;
		s = nl + 1;
	}
	off_t good = s - buf;
	free(buf);
	profile_squeeze(p);
	if ((off_t)len != good && ftruncate(p->fd, good) != 0) {
		xsnprintf(err, errlen, _("cannot repair %s: %s"), p->path,
			  strerror(errno));
		return -1;
	}
	return 0;
}

/* fsync a directory so a new or renamed entry in it is durable. */
static int profile_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

/* Lock the journal against other taste processes (advisory; where the
 * file system has no locks, go on without). */
static void profile_lock(int fd)
{
	while (flock(fd, LOCK_EX) != 0 && errno == EINTR)
		;
}

/* Release the lock. */
static void profile_unlock(int fd)
{
	flock(fd, LOCK_UN);
}

/* Open (creating, 0600) and lock the journal file. */
static int profile_open_file(struct profile *p)
{
	bool created = access(p->path, F_OK) != 0;
	int fd = open(p->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC,
		      0600);
	if (fd < 0)
		return -1;
	if (fchmod(fd, 0600) != 0 ||
	    (created && profile_sync_dir(p->dir) != 0)) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	profile_lock(fd);
	p->fd = fd;
	return 0;
}

/* With the lock held, make sure p->fd is the file under the journal's
 * name: another process may have compacted (renamed a new file over
 * it) since we opened it. */
static int profile_follow(struct profile *p, char *err, size_t errlen)
{
	for (int tries = 0; tries < 100; tries++) {
		struct stat a, b;
		if (fstat(p->fd, &a) == 0 && stat(p->path, &b) == 0 &&
		    a.st_ino == b.st_ino && a.st_dev == b.st_dev)
			return 0;
		int old = p->fd;
		if (profile_open_file(p) != 0) {
			p->fd = old;
			break;
		}
		profile_unlock(old);
		close(old);
	}
	xsnprintf(err, errlen, _("cannot open %s: %s"), p->path,
		  strerror(errno));
	return -1;
}

/* Cut a torn line (a writer killed mid-line) off the end so the next
 * line does not glue onto it; returns the size, or -1. */
static off_t profile_clean_end(int fd)
{
	struct stat st;
	if (fstat(fd, &st) != 0)
		return -1;
	off_t end = st.st_size;
	char c;
	while (end > 0 && pread(fd, &c, 1, end - 1) == 1 && c != '\n')
		end--;
	if (end != st.st_size && ftruncate(fd, end) != 0)
		return -1;
	return end;
}

/* Open and load <dir>/<catalog>.journal, compacting a long one. */
struct profile *profile_open(const char *dir, const char *catalog,
			     char *err, size_t errlen)
{
	if (!dir && !(dir = paths_data_dir(err, errlen)))
		return NULL;
	if (!catalog || !*catalog || strchr(catalog, '/')) {
		xsnprintf(err, errlen, _("bad catalogue name for a profile: "
					 "%s"), catalog ? catalog : "");
		return NULL;
	}
	struct profile *p = xcalloc(1, sizeof *p);
	p->fd = -1;
	p->dir = xstrdup(dir);
	p->path = xasprintf("%s/%s.journal", dir, catalog);
	profile_rehash(p, 0);
	if (profile_open_file(p) != 0) {
		xsnprintf(err, errlen, _("cannot open %s: %s"), p->path,
			  strerror(errno));
		profile_close(p);
		return NULL;
	}
	int rc = profile_load(p, err, errlen);
	profile_unlock(p->fd);
	if (rc != 0) {
		profile_close(p);
		return NULL;
	}
	/* Superseded lines make loading slower; rewrite when they dominate.
	 * A failure here is harmless: the long journal is still valid. */
	if (p->lines > 2 * p->n + 100) {
		char ignored[256];
		profile_compact(p, ignored, sizeof ignored);
	}
	return p;
}

/* Free the profile; every event is already on disk. */
void profile_close(struct profile *p)
{
	if (!p)
		return;
	if (p->fd >= 0)
		close(p->fd);
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].id);
	free(p->v);
	free(p->slots);
	free(p->path);
	free(p->dir);
	free(p);
}

/* Write all of buf at the end of the journal and fsync, under the lock
 * and on the file that holds the journal's name now; on failure cut the
 * file back so no partial line stays. */
static int profile_append(struct profile *p, const char *buf, size_t len,
			  char *err, size_t errlen)
{
	profile_lock(p->fd);
	if (profile_follow(p, err, errlen) != 0) {
		profile_unlock(p->fd);
		return -1;
	}
	off_t size = profile_clean_end(p->fd);
	if (size < 0) {
		xsnprintf(err, errlen, _("cannot save to %s: %s"), p->path,
			  strerror(errno));
		profile_unlock(p->fd);
		return -1;
	}
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(p->fd, buf + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	int rc = done == len && fsync(p->fd) == 0 ? 0 : -1;
	if (rc != 0) {
		int saved = errno ? errno : EIO;
		if (ftruncate(p->fd, size) != 0) {
			/* The torn line is cut at the next write or load. */
		}
		xsnprintf(err, errlen, _("cannot save to %s: %s"), p->path,
			  strerror(saved));
	} else {
		p->lines++;
	}
	profile_unlock(p->fd);
	return rc;
}

/* Write one event line; value NAN means a clear. */
static int profile_event(struct profile *p, const char *item_id,
			 double value, int64_t when, char *err,
			 size_t errlen)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	profile_format(&buf, &len, &cap, item_id, value, when);
	int rc = profile_append(p, buf, len, err, errlen);
	free(buf);
	return rc;
}

/* True when id can be stored (non-empty). */
static bool profile_id_ok(const char *id, char *err, size_t errlen)
{
	if (id && *id)
		return true;
	xsnprintf(err, errlen, "%s", _("empty item id"));
	return false;
}

/* Rate or re-rate an item; 0 once the event is on disk. */
int profile_set(struct profile *p, const char *item_id, double value,
		char *err, size_t errlen)
{
	if (!profile_id_ok(item_id, err, errlen))
		return -1;
	if (!isfinite(value)) {
		xsnprintf(err, errlen, "%s", _("a rating must be a number"));
		return -1;
	}
	int64_t when = (int64_t)time(NULL);
	if (profile_event(p, item_id, value, when, err, errlen) != 0)
		return -1;
	profile_apply_set(p, item_id, value, when);
	p->changes++;
	return 0;
}

/* Clear an item's rating; clearing an unrated item is a no-op. */
int profile_clear(struct profile *p, const char *item_id, char *err,
		  size_t errlen)
{
	if (!profile_id_ok(item_id, err, errlen))
		return -1;
	if (!profile_get(p, item_id, NULL))
		return 0;
	int64_t when = (int64_t)time(NULL);
	if (profile_event(p, item_id, NAN, when, err, errlen) != 0)
		return -1;
	profile_apply_clear(p, item_id);
	profile_squeeze(p);
	p->changes++;
	return 0;
}

/* Your rating of an item, if any. */
bool profile_get(const struct profile *p, const char *item_id,
		 double *value)
{
	if (!item_id)
		return false;
	size_t k = profile_slot(p, item_id);
	if (p->slots[k] == SLOT_EMPTY)
		return false;
	if (value)
		*value = p->v[p->slots[k]].value;
	return true;
}

/* How many items you have rated. */
size_t profile_count(const struct profile *p)
{
	return p->n - p->n_dead;
}

/* The k-th current rating (k < profile_count), in order of first
 * rating. */
struct profile_entry profile_entry_at(const struct profile *p, size_t k)
{
	const struct pentry *e = &p->v[k];
	return (struct profile_entry){ e->id, e->value, e->when };
}

/* Successful set and clear calls since open. */
size_t profile_changes(const struct profile *p)
{
	return p->changes;
}

/* Write every current rating to fd; 0 or -1 with errno. */
static int profile_write_all(const struct profile *p, int fd)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	for (size_t i = 0; i < p->n; i++)
		profile_format(&buf, &len, &cap, p->v[i].id, p->v[i].value,
			       p->v[i].when);
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, buf + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			break;
		}
		done += (size_t)w;
	}
	free(buf);
	return done == len ? fsync(fd) : -1;
}

/* Write the current ratings to <journal>.tmp and rename it over the
 * journal; the new file's descriptor, or -1 with errno. */
static int profile_replace(struct profile *p)
{
	char *tmp = xasprintf("%s.tmp", p->path);
	int fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_APPEND |
		      O_CLOEXEC, 0600);
	if (fd >= 0) {
		profile_lock(fd);
		if (fchmod(fd, 0600) != 0 || profile_write_all(p, fd) != 0 ||
		    rename(tmp, p->path) != 0) {
			int saved = errno;
			close(fd);
			unlink(tmp);
			errno = saved;
			fd = -1;
		}
	}
	free(tmp);
	return fd;
}

/* Rewrite the journal to one line per rating: read it again under the
 * lock (other taste processes may have added lines), write a temporary
 * file, fsync, rename, fsync the directory. The new file becomes the
 * journal we append to. */
int profile_compact(struct profile *p, char *err, size_t errlen)
{
	size_t skipped = p->skipped;   /* as first loaded, not again */
	profile_lock(p->fd);
	int rc = profile_follow(p, err, errlen) != 0 ? -1
		 : profile_load(p, err, errlen);
	p->skipped = skipped;
	if (rc != 0) {
		profile_unlock(p->fd);
		return -1;
	}
	int fd = profile_replace(p);
	if (fd < 0) {
		xsnprintf(err, errlen, _("cannot compact %s: %s"), p->path,
			  strerror(errno));
		profile_unlock(p->fd);
		return -1;
	}
	/* The rename is done; a failed directory fsync only weakens
	 * durability of the rename itself, never the old ratings. */
	profile_sync_dir(p->dir);
	profile_unlock(p->fd);
	close(p->fd);
	p->fd = fd;
	p->lines = p->n;
	profile_unlock(fd);
	return 0;
}

/* The journal's path. */
const char *profile_path(const struct profile *p)
{
	return p->path;
}

/* Torn or malformed lines met when the journal was loaded. */
size_t profile_skipped_lines(const struct profile *p)
{
	return p->skipped;
}
