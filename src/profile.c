/* SPDX-License-Identifier: GPL-3.0-or-later */
/* profile: your ratings of one catalogue, as an append-only journal.
 * The file is the user's data: the rules below are how nothing in it
 * is ever lost, whatever this program cannot read or does not want.
 *
 * Writing. Every event is one line, written with a single write() on an
 * O_APPEND descriptor under an flock and fsync'ed before the call
 * returns, so an acknowledged rating is on disk. A writer first follows
 * the journal's name to the file now under it (another process may have
 * compacted), then repairs the end, the only place a file is repaired:
 * a last line without '\n' is a torn write, which is appended to
 * <journal>.rejected and fsync'ed before the journal is cut back to its
 * last '\n'. A failed write is cut back to the size before it.
 *
 * Reading. Loading never writes (it only creates a missing journal,
 * and makes the file 0600). profile_open_ro opens the journal O_RDONLY
 * under a shared lock, so a read-only file system or a journal you may
 * only read will do: it creates, changes and compacts nothing (a
 * missing journal is empty), and its writes fail.
 * Lines are applied in order. A line that does not parse (a bad or
 * extra field, a NUL, an empty line) is skipped and counted with its
 * line number; so is a last line without '\n', even one that parses:
 * every acknowledged write ends in '\n', so such a line was never
 * acknowledged, and a write cut inside the id would parse as a rating
 * of another item (the prefix), cut inside the value as another value.
 * A journal edited by hand must end with '\n' too. Values are
 * [+-]digits[.digits][e[+-]digits], read in the C locale and finite:
 * hex, inf, nan, ".5", "5." and overflow make a line unreadable.
 *
 * Validation. profile_validate() hides in memory the ratings that are
 * not SCALE_OK on the catalogue's scale (a value the UI never writes)
 * or whose id the catalogue does not know (another catalogue version);
 * the getters skip them, and refresh and compaction validate again.
 *
 * Compaction is a function of the file alone. Under the lock it reads
 * the journal again (keeping other processes' lines) and writes one
 * line per id, its last event: a set (hidden or not) or a clear, so
 * superseded events are the only lines it drops; values are written
 * with as many digits as they need to read back the same. Lines it
 * cannot read are not its to judge: automatic compaction (on open,
 * when superseded lines dominate) does not run while there are any;
 * an explicit profile_compact() appends them verbatim to
 * <journal>.rejected and fsyncs it first. Then <journal>.tmp is
 * written, fsync'ed and renamed over the journal, and the directory is
 * fsync'ed: one complete journal exists under the name at every instant,
 * and a crash between the two files leaves a line in both, never none.
 * A journal that is a symbolic link (to a synced folder) is compacted
 * through it: the temporary goes beside the file it names, is renamed
 * over that file, and the link stays.
 *
 * Refresh. After each read the profile keeps the file's device, inode,
 * size and mtime, the offset after the last complete line and the 64
 * bytes before it. profile_refresh() stats the path: unchanged, it is
 * done; the same file grown with those 64 bytes in place, it reads from
 * that offset (again the last line, if it had no '\n'); anything else,
 * it reads the whole file. A write of ours to a file nobody else
 * touched moves the mark, so we do not read our own lines back.
 *
 * In memory the ratings are an array in order of first rating with a
 * linear-probing hash from item id to array slot, and an index of the
 * shown ones for profile_entry_at(). A clear leaves a tombstone in
 * its slot (hidden, with the clear's time) so that an import can tell
 * a rating you cleared after the file was made; a new rating of the
 * item takes the slot back. */
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

#include "catalog.h"
#include "i18n.h"
#include "paths.h"
#include "profile.h"
#include "replace.h"
#include "scale.h"
#include "util.h"

#define SLOT_EMPTY UINT32_MAX
#define SEAM_MAX 64

enum phide { SHOWN, HIDE_OFF_SCALE, HIDE_UNKNOWN, HIDE_CLEARED };

/* A rating as the journal holds it: raw on the scale from when
 * has_from (an import from another scale), else on the catalogue's. */
struct pval {
	double raw;
	bool has_from;
	struct scale from;
};

struct pentry {
	char *id;
	struct pval v;
	double value;           /* v on the catalogue's scale, once judged */
	int64_t when;           /* of the last event, set or clear */
	bool cleared;           /* the last event was a clear: a tombstone,
				   kept so that an import knows you
				   cleared it after the file's date */
	unsigned char hide;     /* enum phide */
};

/* The file as of the last read, to tell whether it changed. */
struct pkey {
	bool missing;           /* no file under the name */
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
};

/* One parsed journal line (the id points into the parse buffer). */
struct pevent {
	bool clear;
	int64_t when;
	struct pval v;
	char *id;
};

/* A growable byte buffer. */
struct pbuf {
	char *s;
	size_t len, cap;
};

struct profile {
	char *path;
	char *dir;
	int fd;                 /* the journal, O_APPEND; -1 when a
				   read-only profile found none */
	bool readonly;          /* profile_open_ro: never written */
	struct pentry *v;       /* in order of first rating */
	size_t n, cap;
	uint32_t *slots;        /* index into v, or SLOT_EMPTY */
	size_t n_slots;         /* a power of two, > 2 * n */
	uint32_t *vis;          /* indices of shown entries, in v's order */
	size_t n_vis, vis_cap;
	size_t lines;           /* lines in the journal file */
	size_t changes;
	size_t n_bad;           /* unreadable lines */
	size_t bad_at[PROFILE_BAD_LINES_KEPT];
	const struct scale *sc; /* points at sc_copy, or NULL */
	struct scale sc_copy;
	bool (*known)(void *ctx, const char *item_id);
	void *known_ctx;
	size_t n_off_scale, n_unknown;
	struct pkey key;        /* the file as last read */
	off_t read_off;         /* after the last complete line read */
	size_t read_line;       /* complete lines before read_off */
	bool torn;              /* the last read ended in a line without
				   '\n', counted as unreadable */
	char seam[SEAM_MAX];    /* the bytes before read_off */
	size_t seam_len;
};

/* 64-bit FNV-1a of n bytes, continuing from h. */
static uint64_t profile_fnv(uint64_t h, const void *s, size_t n)
{
	const unsigned char *b = s;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ULL;
	return h;
}

/* 64-bit FNV-1a of a string. */
static uint64_t profile_hash(const char *s)
{
	return profile_fnv(1469598103934665603ULL, s, strlen(s));
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

/* The entry for id, shown or hidden, or NULL. */
static struct pentry *profile_find(const struct profile *p, const char *id)
{
	size_t k = profile_slot(p, id);
	return p->slots[k] == SLOT_EMPTY ? NULL : &p->v[p->slots[k]];
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
		p->slots[profile_slot(p, p->v[i].id)] = (uint32_t)i;
}

/* Why entry e is hidden under the validation in force (SHOWN if not),
 * setting its value on the catalogue's scale: a rating kept on another
 * scale is converted here, for showing, and is hidden until the
 * catalogue's scale is known. */
static enum phide profile_judge(const struct profile *p, struct pentry *e)
{
	if (e->cleared)
		return HIDE_CLEARED;
	if (p->known && !p->known(p->known_ctx, e->id))
		return HIDE_UNKNOWN;
	if (e->v.has_from) {
		if (!p->sc)
			return HIDE_OFF_SCALE;
		e->value = scale_convert(&e->v.from, p->sc, e->v.raw, NULL);
		return SHOWN;
	}
	e->value = e->v.raw;
	if (p->sc && scale_check(p->sc, e->value) != SCALE_OK)
		return HIDE_OFF_SCALE;
	return SHOWN;
}

/* Judge every entry again and rebuild the index of shown ones. */
static void profile_reindex(struct profile *p)
{
	xgrow((void **)&p->vis, &p->vis_cap, p->n + 1, sizeof *p->vis);
	p->n_vis = 0;
	p->n_off_scale = 0;
	p->n_unknown = 0;
	for (size_t i = 0; i < p->n; i++) {
		struct pentry *e = &p->v[i];
		e->hide = (unsigned char)profile_judge(p, e);
		p->n_off_scale += e->hide == HIDE_OFF_SCALE;
		p->n_unknown += e->hide == HIDE_UNKNOWN;
		if (e->hide == SHOWN)
			p->vis[p->n_vis++] = (uint32_t)i;
	}
}

/* Apply a rating in memory (new entries go to the end, shown until
 * judged); true when the entry is new. */
static bool profile_apply_set(struct profile *p, const char *id,
			      const struct pval *v, int64_t when)
{
	size_t k = profile_slot(p, id);
	double value = v->has_from ? NAN : v->raw;
	if (p->slots[k] != SLOT_EMPTY) {
		struct pentry *e = &p->v[p->slots[k]];
		e->v = *v;
		e->value = value;
		e->when = when;
		e->cleared = false;
		return false;
	}
	if (p->n >= UINT32_MAX - 1)
		fatal("profile: too many ratings");
	xgrow((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v);
	p->v[p->n] = (struct pentry){ xstrdup(id), *v, value, when, false,
				      SHOWN };
	p->slots[k] = (uint32_t)p->n++;
	if (2 * p->n + 2 > p->n_slots)
		profile_rehash(p, p->n);
	return true;
}

/* Apply a clear in memory: the entry becomes a tombstone with the
 * clear's time (one is made for an id never set, as the line says as
 * much). */
static void profile_apply_clear(struct profile *p, const char *id,
				int64_t when)
{
	static const struct pval none = { 0, false, { 0, 0, 0 } };
	profile_apply_set(p, id, &none, when);
	profile_find(p, id)->cleared = true;
}

/* Append n bytes to a buffer, keeping it NUL-ended. */
static void pbuf_add(struct pbuf *b, const char *s, size_t n)
{
	xgrow((void **)&b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Append id to b with \\, \t, \n and \r escaped. */
static void profile_escape(struct pbuf *b, const char *id)
{
	for (const char *s = id; *s; s++) {
		char c = *s;
		char e = c == '\\' ? '\\' : c == '\t' ? 't'
			: c == '\n' ? 'n' : c == '\r' ? 'r' : 0;
		char two[2] = { '\\', e };
		if (e)
			pbuf_add(b, two, 2);
		else
			pbuf_add(b, &c, 1);
	}
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

/* The value field of a set line: "4.5", or "8@1:10:1" for a rating
 * kept on its source's scale. */
static void profile_format_value(char *buf, size_t n, const struct pval *v)
{
	size_t len = util_exact_number(buf, n, v->raw);
	if (v->has_from && len + 1 < n) {
		buf[len++] = '@';
		scale_format_spec(&v->from, buf + len, n - len);
	}
}

/* Append one journal line for an event (v NULL for a clear). */
static void profile_format(struct pbuf *b, const char *id,
			   const struct pval *v, int64_t when)
{
	char head[192], num[160];
	size_t n;
	if (!v) {
		n = xsnprintf(head, sizeof head, "clear\t%" PRId64 "\t", when);
	} else {
		profile_format_value(num, sizeof num, v);
		n = xsnprintf(head, sizeof head, "set\t%" PRId64 "\t%s\t",
			      when, num);
	}
	pbuf_add(b, head, n);
	profile_escape(b, id);
	pbuf_add(b, "\n", 1);
}

/* Skip ASCII digits; how many there were. */
static size_t profile_digits(const char **s)
{
	size_t n = 0;
	while (**s >= '0' && **s <= '9') {
		(*s)++;
		n++;
	}
	return n;
}

/* True when s is [+-]digits[.digits][(e|E)[+-]digits] and nothing
 * more: the forms %g writes, and never hex, inf or nan. */
static bool profile_number_form(const char *s)
{
	if (*s == '+' || *s == '-')
		s++;
	if (!profile_digits(&s))
		return false;
	if (*s == '.') {
		s++;
		if (!profile_digits(&s))
			return false;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!profile_digits(&s))
			return false;
	}
	return *s == '\0';
}

/* Parse a whole integer field: [-]digits that fit in 64 bits. */
static bool profile_parse_time(const char *s, int64_t *out)
{
	const char *d = s + (*s == '-');
	if (!profile_digits(&d) || *d)
		return false;
	char *end;
	errno = 0;
	long long t = strtoll(s, &end, 10);
	if (*end || errno)
		return false;
	*out = t;
	return true;
}

/* Parse a whole, finite number in the C locale. */
static bool profile_parse_number(const char *s, double *out)
{
	if (!profile_number_form(s))
		return false;
	double v = strtod_l(s, NULL, util_c_locale());
	if (!isfinite(v))
		return false;
	*out = v;
	return true;
}

/* Parse the value field (changed in place): a number, or number@scale
 * with the scale as MIN:MAX:STEP in the same strict number form and
 * the number on it. */
static bool profile_parse_value(char *s, struct pval *out)
{
	char *at = strchr(s, '@');
	out->has_from = at != NULL;
	out->from = (struct scale){ 0, 0, 0 };
	if (!at)
		return profile_parse_number(s, &out->raw);
	*at = '\0';
	double m[3];
	char *part = at + 1;
	for (int k = 0; k < 3; k++) {
		char *colon = strchr(part, ':');
		if ((k < 2) != (colon != NULL))
			return false;
		if (colon)
			*colon = '\0';
		if (!profile_parse_number(part, &m[k]))
			return false;
		part = colon + 1;
	}
	out->from = (struct scale){ m[0], m[1], m[2] };
	return scale_valid(&out->from) &&
	       profile_parse_number(s, &out->raw) &&
	       scale_check(&out->from, out->raw) == SCALE_OK;
}

/* Parse one journal line (NUL-ended, changed in place: the fields are
 * cut and the id unescaped); false if it is not a whole event. */
static bool profile_parse_line(char *line, struct pevent *ev)
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
	if (n == 4 && strcmp(f[0], "set") == 0) {
		ev->clear = false;
		ev->id = f[3];
		return profile_parse_time(f[1], &ev->when) &&
		       profile_parse_value(f[2], &ev->v) &&
		       profile_unescape(f[3]);
	}
	if (n == 3 && strcmp(f[0], "clear") == 0) {
		ev->clear = true;
		ev->id = f[2];
		return profile_parse_time(f[1], &ev->when) &&
		       profile_unescape(f[2]);
	}
	return false;
}

/* Parse the n bytes at s (left as they are) with scratch as work
 * space; false when they are not one whole event (a NUL among them
 * included). */
static bool profile_parse_bytes(const char *s, size_t n,
				struct pbuf *scratch, struct pevent *ev)
{
	if (memchr(s, '\0', n))
		return false;
	scratch->len = 0;
	pbuf_add(scratch, s, n);
	return profile_parse_line(scratch->s, ev);
}

/* Count an unreadable line (1-based number lineno), keeping its
 * number and, when rej is not NULL, its bytes with a '\n'. */
static void profile_bad(struct profile *p, size_t lineno, const char *s,
			size_t n, struct pbuf *rej)
{
	if (p->n_bad < PROFILE_BAD_LINES_KEPT)
		p->bad_at[p->n_bad] = lineno;
	p->n_bad++;
	if (rej) {
		pbuf_add(rej, s, n);
		pbuf_add(rej, "\n", 1);
	}
}

/* Parse and apply the n bytes at s; true when they were an event. A
 * CR before the line's end is the line end of an editor that saved
 * the journal with CRLF: never part of an id, which has its CRs
 * escaped. */
static bool profile_take(struct profile *p, const char *s, size_t n,
			 struct pbuf *scratch)
{
	struct pevent ev;
	if (n && s[n - 1] == '\r')
		n--;
	if (!profile_parse_bytes(s, n, scratch, &ev))
		return false;
	if (ev.clear)
		profile_apply_clear(p, ev.id, ev.when);
	else
		profile_apply_set(p, ev.id, &ev.v, ev.when);
	return true;
}

/* Apply the lines of buf[0..len), which starts at p->read_off, moving
 * read_off past each complete line. A last line without '\n' is a
 * write that was cut, never acknowledged: unreadable even when it
 * parses (a cut id is another item's). Bad lines go to rej when it is
 * not NULL. */
static void profile_scan(struct profile *p, const char *buf, size_t len,
			 struct pbuf *rej)
{
	struct pbuf scratch = { 0 };
	const char *s = buf, *end = buf + len;
	p->torn = false;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		/* an editor's byte order mark before the first line */
		size_t bom = p->read_off == 0 && n >= 3 &&
			     memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
		if (!nl || !profile_take(p, s + bom, n - bom, &scratch))
			profile_bad(p, p->read_line + 1, s, n, rej);
		if (!nl) {
			p->torn = true;
			break;
		}
		p->lines++;
		p->read_line++;
		p->read_off += (off_t)n + 1;
		s = nl + 1;
	}
	free(scratch.s);
}

/* Read the file from offset off to its end into b. */
static int profile_read(int fd, off_t off, struct pbuf *b, char *err,
			size_t errlen)
{
	for (;;) {
		xgrow((void **)&b->s, &b->cap, b->len + 4097, 1);
		ssize_t r = pread(fd, b->s + b->len, b->cap - b->len - 1,
				  off + (off_t)b->len);
		if (r == 0)
			break;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			xsnprintf(err, errlen, _("cannot read the profile: "
						 "%s"), strerror(errno));
			return -1;
		}
		b->len += (size_t)r;
	}
	b->s[b->len] = '\0';
	return 0;
}

/* Remember the file as it is now, after a read or a write of ours:
 * its identity, and the bytes before read_off (to_end: move read_off
 * to the end first, the file then ending with '\n'). */
static void profile_mark(struct profile *p, bool to_end)
{
	struct stat st;
	if (fstat(p->fd, &st) != 0) {
		p->key = (struct pkey){ .missing = true };
		return;
	}
	p->key = (struct pkey){ false, st.st_dev, st.st_ino, st.st_size,
				st.st_mtim };
	if (to_end)
		p->read_off = st.st_size;
	size_t n = p->read_off < SEAM_MAX ? (size_t)p->read_off : SEAM_MAX;
	ssize_t r = pread(p->fd, p->seam, n, p->read_off - (off_t)n);
	p->seam_len = r == (ssize_t)n ? n : 0;
	if (r != (ssize_t)n)
		p->key.missing = true;   /* read it all next time */
}

/* True when st is the file as last read. */
static bool profile_key_same(const struct profile *p, const struct stat *st)
{
	const struct pkey *k = &p->key;
	return !k->missing && k->dev == st->st_dev && k->ino == st->st_ino &&
	       k->size == st->st_size &&
	       k->mtime.tv_sec == st->st_mtim.tv_sec &&
	       k->mtime.tv_nsec == st->st_mtim.tv_nsec;
}

/* Forget everything read (before reading the journal again). */
static void profile_forget(struct profile *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].id);
	p->n = 0;
	p->lines = 0;
	p->n_bad = 0;
	p->read_off = 0;
	p->read_line = 0;
	p->torn = false;
	profile_rehash(p, 0);
	profile_reindex(p);
}

/* Read the whole journal again; unreadable lines go to rej when it is
 * not NULL. Never writes. The caller holds the lock. */
static int profile_load(struct profile *p, struct pbuf *rej, char *err,
			size_t errlen)
{
	struct pbuf b = { 0 };
	if (profile_read(p->fd, 0, &b, err, errlen) != 0) {
		free(b.s);
		return -1;
	}
	profile_forget(p);
	profile_scan(p, b.s, b.len, rej);
	free(b.s);
	profile_reindex(p);
	profile_mark(p, false);
	return 0;
}

/* Take back the unreadable line the last read counted for a torn
 * tail, which is read again from read_off. */
static void profile_untail(struct profile *p)
{
	if (p->torn)
		p->n_bad--;
	p->torn = false;
}

/* True when the bytes before read_off are still those last read, so
 * the file only grew. */
static bool profile_seam_holds(const struct profile *p)
{
	char now[SEAM_MAX];
	off_t at = p->read_off - (off_t)p->seam_len;
	return pread(p->fd, now, p->seam_len, at) == (ssize_t)p->seam_len &&
	       memcmp(now, p->seam, p->seam_len) == 0;
}

/* Read the lines added since the last read. The caller holds the lock
 * and has checked the file only grew. */
static int profile_load_more(struct profile *p, char *err, size_t errlen)
{
	struct pbuf b = { 0 };
	if (profile_read(p->fd, p->read_off, &b, err, errlen) != 0) {
		free(b.s);
		return -1;
	}
	profile_untail(p);
	profile_scan(p, b.s, b.len, NULL);
	free(b.s);
	profile_reindex(p);
	profile_mark(p, false);
	return 0;
}

/* Read what changed in the file now under p->fd: the new lines when
 * it is the same file grown, all of it otherwise. Lock held. */
static int profile_reread(struct profile *p, char *err, size_t errlen)
{
	struct stat st;
	if (fstat(p->fd, &st) != 0) {
		xsnprintf(err, errlen, _("cannot read %s: %s"), p->path,
			  strerror(errno));
		return -1;
	}
	if (profile_key_same(p, &st))
		return 0;
	bool grown = !p->key.missing && p->key.dev == st.st_dev &&
		     p->key.ino == st.st_ino && st.st_size > p->key.size;
	if (grown && profile_seam_holds(p))
		return profile_load_more(p, err, errlen);
	return profile_load(p, NULL, err, errlen);
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

/* flock with op, again when interrupted (advisory; where the file
 * system has no locks, go on without). */
static void profile_flock(int fd, int op)
{
	while (flock(fd, op) != 0 && errno == EINTR)
		;
}

/* Lock the journal against other taste processes: exclusive to write,
 * shared to read (which needs no write access). */
static void profile_lock(const struct profile *p)
{
	if (p->fd >= 0)
		profile_flock(p->fd, p->readonly ? LOCK_SH : LOCK_EX);
}

/* Release the lock. */
static void profile_unlock(int fd)
{
	if (fd >= 0)
		flock(fd, LOCK_UN);
}

/* Make an open file 0600 unless it is already (no needless change). */
static int profile_private(int fd)
{
	struct stat st;
	if (fstat(fd, &st) != 0)
		return -1;
	return (st.st_mode & 07777) == 0600 ? 0 : fchmod(fd, 0600);
}

/* Open the journal file read-only, changing nothing, and lock it
 * shared. */
static int profile_open_read(struct profile *p)
{
	int fd = open(p->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	p->fd = fd;
	profile_lock(p);
	return 0;
}

/* Open (creating, 0600) and lock the journal file; read-only, as it
 * is. */
static int profile_open_file(struct profile *p)
{
	if (p->readonly)
		return profile_open_read(p);
	bool created = access(p->path, F_OK) != 0;
	int fd = open(p->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC,
		      0600);
	if (fd < 0)
		return -1;
	if (profile_private(fd) != 0 ||
	    (created && profile_sync_dir(p->dir) != 0)) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	p->fd = fd;
	profile_lock(p);
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
		if (old >= 0) {
			profile_unlock(old);
			close(old);
		}
	}
	xsnprintf(err, errlen, _("cannot open %s: %s"), p->path,
		  strerror(errno));
	return -1;
}

/* False, with err, for a profile opened read-only. */
static bool profile_writable(const struct profile *p, char *err,
			     size_t errlen)
{
	if (!p->readonly)
		return true;
	xsnprintf(err, errlen, _("cannot write to %s: it was opened "
				 "read-only"), p->path);
	return false;
}

/* Write all of buf to fd; 0, or -1 with errno. */
static int profile_write_all(int fd, const char *buf, size_t len)
{
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, buf + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		done += (size_t)w;
	}
	return 0;
}

/* Append bytes (whole lines) to <journal>.rejected and fsync it, so
 * they can leave the journal without leaving the disk. */
static int profile_reject(struct profile *p, const char *s, size_t n,
			  char *err, size_t errlen)
{
	char *path = xasprintf("%s.rejected", p->path);
	bool created = access(path, F_OK) != 0;
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	int rc = fd < 0 || profile_private(fd) != 0 ||
		 profile_write_all(fd, s, n) != 0 || fsync(fd) != 0 ||
		 (created && profile_sync_dir(p->dir) != 0) ? -1 : 0;
	if (rc != 0)
		xsnprintf(err, errlen, _("cannot save unreadable lines to "
					 "%s: %s"), path, strerror(errno));
	if (fd >= 0)
		close(fd);
	free(path);
	return rc;
}

/* Offset after the last '\n' in the first size bytes of fd (0 if
 * none), or -1. */
static off_t profile_line_start(int fd, off_t size)
{
	char chunk[4096];
	off_t end = size;
	while (end > 0) {
		size_t n = end < (off_t)sizeof chunk ? (size_t)end
						      : sizeof chunk;
		if (pread(fd, chunk, n, end - (off_t)n) != (ssize_t)n)
			return -1;
		const char *nl = memrchr(chunk, '\n', n);
		if (nl)
			return end - (off_t)n + (nl - chunk) + 1;
		end -= (off_t)n;
	}
	return 0;
}

/* Before an append: a last line without '\n' (a torn write, whether
 * or not it parses) is moved to <journal>.rejected and cut off. *size
 * is where the file ends then. Lock held. */
static int profile_repair_end(struct profile *p, off_t *size, char *err,
			      size_t errlen)
{
	struct stat st;
	off_t start = fstat(p->fd, &st) == 0
		      ? profile_line_start(p->fd, st.st_size) : -1;
	if (start < 0) {
		xsnprintf(err, errlen, _("cannot save to %s: %s"), p->path,
			  strerror(errno ? errno : EIO));
		return -1;
	}
	*size = st.st_size;
	if (start == st.st_size)
		return 0;
	struct pbuf tail = { 0 };
	int rc = profile_read(p->fd, start, &tail, err, errlen);
	if (rc == 0) {
		pbuf_add(&tail, "\n", 1);
		rc = profile_reject(p, tail.s, tail.len, err, errlen);
	}
	if (rc == 0 && ftruncate(p->fd, start) != 0) {
		xsnprintf(err, errlen, _("cannot repair %s: %s"), p->path,
			  strerror(errno));
		rc = -1;
	}
	*size = start;
	free(tail.s);
	return rc;
}

/* Our write went to the file exactly as last read: move the mark past
 * it (the torn tail moved away) instead of reading it back. */
static void profile_advance(struct profile *p, size_t lines)
{
	if (p->torn)
		p->n_bad--;     /* it went to .rejected */
	p->torn = false;
	p->read_line += lines;
	profile_mark(p, true);
}

/* Append whole lines and fsync (a torn tail moved away first); on
 * failure cut the file back. Lock held, on the file under the name. */
static int profile_append_locked(struct profile *p, const char *line,
				 size_t len, char *err, size_t errlen)
{
	if (!profile_writable(p, err, errlen))
		return -1;
	struct stat st;
	bool ours = fstat(p->fd, &st) == 0 && profile_key_same(p, &st);
	off_t size;
	if (profile_repair_end(p, &size, err, errlen) != 0)
		return -1;
	errno = 0;
	int rc = profile_write_all(p->fd, line, len) == 0 &&
		 fsync(p->fd) == 0 ? 0 : -1;
	if (rc != 0) {
		int saved = errno ? errno : EIO;
		if (ftruncate(p->fd, size) != 0) {
			/* Left torn: the next write moves it away. */
		}
		xsnprintf(err, errlen, _("cannot save to %s: %s"), p->path,
			  strerror(saved));
		return -1;
	}
	/* One line, or several from profile_set_many. */
	size_t lines = 0;
	for (size_t k = 0; k < len; k++)
		lines += line[k] == '\n';
	p->lines += lines;
	if (ours)
		profile_advance(p, lines);
	return 0;
}

/* Write one line at the end of the journal under the lock. */
static int profile_append(struct profile *p, const char *line, size_t len,
			  char *err, size_t errlen)
{
	profile_lock(p);
	int rc = profile_follow(p, err, errlen);
	if (rc == 0)
		rc = profile_append_locked(p, line, len, err, errlen);
	profile_unlock(p->fd);
	return rc;
}

/* Write one event line; v NULL means a clear. */
static int profile_event(struct profile *p, const char *item_id,
			 const struct pval *v, int64_t when, char *err,
			 size_t errlen)
{
	struct pbuf b = { 0 };
	profile_format(&b, item_id, v, when);
	int rc = profile_append(p, b.s, b.len, err, errlen);
	free(b.s);
	return rc;
}

/* Compaction, defined below with its helpers. */
static int profile_compact_mode(struct profile *p, bool automatic,
				char *err, size_t errlen);

/* The profile of <dir>/<catalog>.journal, opened and read (the lock
 * held while reading); NULL with err. A read-only one whose journal
 * is missing is empty. */
static struct profile *profile_start(const char *dir, const char *catalog,
				     bool readonly, char *err, size_t errlen)
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
	p->readonly = readonly;
	p->dir = xstrdup(dir);
	p->path = xasprintf("%s/%s.journal", dir, catalog);
	profile_rehash(p, 0);
	if (profile_open_file(p) != 0) {
		if (readonly && errno == ENOENT) {
			p->key.missing = true;
			return p;
		}
		xsnprintf(err, errlen, readonly ? _("cannot read %s: %s")
			  : _("cannot open %s: %s"), p->path,
			  strerror(errno));
		profile_close(p);
		return NULL;
	}
	int rc = profile_load(p, NULL, err, errlen);
	profile_unlock(p->fd);
	if (rc != 0) {
		profile_close(p);
		return NULL;
	}
	return p;
}

/* Open the journal read-only: nothing created, changed or compacted. */
struct profile *profile_open_ro(const char *dir, const char *catalog,
				char *err, size_t errlen)
{
	return profile_start(dir, catalog, true, err, errlen);
}

/* Open and load <dir>/<catalog>.journal, compacting a long one. */
struct profile *profile_open(const char *dir, const char *catalog,
			     char *err, size_t errlen)
{
	struct profile *p = profile_start(dir, catalog, false, err, errlen);
	if (!p)
		return NULL;
	/* Superseded lines make loading slower; rewrite when they dominate.
	 * A failure here is harmless: the long journal is still valid. */
	if (p->n_bad == 0 && p->lines > 2 * p->n + 100) {
		char ignored[256];
		profile_compact_mode(p, true, ignored, sizeof ignored);
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
	free(p->vis);
	free(p->slots);
	free(p->path);
	free(p->dir);
	free(p);
}

/* True when id can be stored (non-empty). */
static bool profile_id_ok(const char *id, char *err, size_t errlen)
{
	if (id && *id)
		return true;
	xsnprintf(err, errlen, "%s", _("empty item id"));
	return false;
}

/* True when a new rating passes the validation in force: on its own
 * scale (a source's, which must be valid), else on the catalogue's. */
static bool profile_value_ok(const struct profile *p, const char *id,
			     const struct pval *v, char *err, size_t errlen)
{
	char desc[64], num[40];
	const struct scale *own = v->has_from ? &v->from : p->sc;
	if (!isfinite(v->raw)) {
		xsnprintf(err, errlen, "%s", _("a rating must be a number"));
		return false;
	}
	if (p->known && !p->known(p->known_ctx, id)) {
		xsnprintf(err, errlen, _("no item with id %s in this "
					 "catalogue"), id);
		return false;
	}
	if (v->has_from && !scale_valid(&v->from)) {
		xsnprintf(err, errlen, "%s", _("not a rating scale"));
		return false;
	}
	if (own && scale_check(own, v->raw) != SCALE_OK) {
		scale_describe(own, desc, sizeof desc);
		util_exact_number(num, sizeof num, v->raw);
		xsnprintf(err, errlen, _("%s is not a rating on the scale "
					 "%s"), num, desc);
		return false;
	}
	return true;
}

/* A value that passed profile_value_ok at the step of its scale (the
 * source's, else the catalogue's), so the journal holds what is shown:
 * 5.0000000001 is stored as 5. */
static void profile_snap(const struct profile *p, struct pval *v)
{
	const struct scale *own = v->has_from ? &v->from : p->sc;
	if (own && scale_check(own, v->raw) == SCALE_OK)
		v->raw = scale_round(own, v->raw);
}

/* What profile_entry e asks to store, at its scale's step. */
static struct pval profile_entry_val(const struct profile *p,
				     const struct profile_entry *e)
{
	struct pval v = { e->value, false, { 0, 0, 0 } };
	if (e->from)
		v = (struct pval){ e->raw, true, *e->from };
	profile_snap(p, &v);
	return v;
}

/* Rate or re-rate an item; 0 once the event is on disk. */
int profile_set(struct profile *p, const char *item_id, double value,
		char *err, size_t errlen)
{
	struct pval v = { value, false, { 0, 0, 0 } };
	if (!profile_id_ok(item_id, err, errlen) ||
	    !profile_value_ok(p, item_id, &v, err, errlen))
		return -1;
	profile_snap(p, &v);
	int64_t when = (int64_t)time(NULL);
	const struct pentry *e = profile_find(p, item_id);
	bool was_shown = e && e->hide == SHOWN;
	if (profile_event(p, item_id, &v, when, err, errlen) != 0)
		return -1;
	if (profile_apply_set(p, item_id, &v, when)) {
		xgrow((void **)&p->vis, &p->vis_cap, p->n_vis + 1,
		      sizeof *p->vis);
		p->vis[p->n_vis++] = (uint32_t)(p->n - 1);
	} else if (!was_shown) {
		profile_reindex(p);     /* a hidden rating replaced */
	}
	p->changes++;
	return 0;
}

/* Rate many items at once (an import), each with its own time: one
 * append and one fsync for all, so 0 means every one is on disk; on
 * -1 none was written and memory stays as it was. */
int profile_set_many(struct profile *p, const struct profile_entry *e,
		     size_t n, char *err, size_t errlen)
{
	size_t written;
	return profile_set_many_if(p, e, n, NULL, NULL, &written, err,
				   errlen);
}

/* Which of e[0..n) keep() wants, judged on the journal as it is now
 * (the lock held and other processes' lines read): a mask and its
 * count. keep NULL wants them all. */
static size_t profile_choose(const struct profile *p,
			     const struct profile_entry *e, size_t n,
			     profile_keep_fn keep, void *ctx, bool *want)
{
	size_t m = 0;
	for (size_t k = 0; k < n; k++) {
		struct profile_entry have;
		bool there = profile_get_entry(p, e[k].item_id, &have);
		want[k] = !keep || keep(ctx, k, there ? &have : NULL);
		m += want[k];
	}
	return m;
}

/* profile_set_many of the entries keep() wants, decided under the
 * lock: one append, one fsync. */
int profile_set_many_if(struct profile *p, const struct profile_entry *e,
			size_t n, profile_keep_fn keep, void *ctx,
			size_t *n_written, char *err, size_t errlen)
{
	*n_written = 0;
	for (size_t k = 0; k < n; k++) {
		struct pval v = profile_entry_val(p, &e[k]);
		if (!profile_id_ok(e[k].item_id, err, errlen) ||
		    (!e[k].cleared &&
		     !profile_value_ok(p, e[k].item_id, &v, err, errlen)))
			return -1;
	}
	if (n == 0)
		return 0;
	bool *want = xcalloc(n, sizeof *want);
	struct pbuf b = { 0 };
	size_t m = 0;
	profile_lock(p);
	int rc = profile_follow(p, err, errlen);
	if (rc == 0)
		rc = profile_reread(p, err, errlen);
	if (rc == 0)
		m = profile_choose(p, e, n, keep, ctx, want);
	for (size_t k = 0; rc == 0 && k < n; k++) {
		struct pval v = profile_entry_val(p, &e[k]);
		if (want[k])
			profile_format(&b, e[k].item_id,
				       e[k].cleared ? NULL : &v, e[k].when);
	}
	if (rc == 0 && m)
		rc = profile_append_locked(p, b.s, b.len, err, errlen);
	profile_unlock(p->fd);
	free(b.s);
	for (size_t k = 0; rc == 0 && k < n; k++) {
		struct pval v = profile_entry_val(p, &e[k]);
		if (want[k] && e[k].cleared)
			profile_apply_clear(p, e[k].item_id, e[k].when);
		else if (want[k])
			profile_apply_set(p, e[k].item_id, &v, e[k].when);
	}
	free(want);
	if (rc != 0)
		return -1;
	profile_reindex(p);
	p->changes += m;
	*n_written = m;
	return 0;
}

/* Clear an item's rating, shown or hidden; clearing an item the
 * journal does not rate is a no-op. */
int profile_clear(struct profile *p, const char *item_id, char *err,
		  size_t errlen)
{
	if (!profile_id_ok(item_id, err, errlen))
		return -1;
	const struct pentry *e = profile_find(p, item_id);
	if (!e || e->cleared)
		return 0;
	int64_t when = (int64_t)time(NULL);
	if (profile_event(p, item_id, NULL, when, err, errlen) != 0)
		return -1;
	profile_apply_clear(p, item_id, when);
	profile_reindex(p);
	p->changes++;
	return 0;
}

/* When the journal last cleared item_id, if that is its last event. */
bool profile_cleared_at(const struct profile *p, const char *item_id,
			int64_t *when)
{
	const struct pentry *e = item_id ? profile_find(p, item_id) : NULL;
	if (!e || !e->cleared)
		return false;
	*when = e->when;
	return true;
}

/* Your shown rating of an item, if any. */
bool profile_get(const struct profile *p, const char *item_id,
		 double *value)
{
	if (!item_id)
		return false;
	const struct pentry *e = profile_find(p, item_id);
	if (!e || e->hide != SHOWN)
		return false;
	if (value)
		*value = e->value;
	return true;
}

/* Your shown rating of an item as stored, if any. */
bool profile_get_entry(const struct profile *p, const char *item_id,
		       struct profile_entry *out)
{
	const struct pentry *e = item_id ? profile_find(p, item_id) : NULL;
	if (!e || e->hide != SHOWN)
		return false;
	*out = (struct profile_entry){ e->id, e->value, e->when, e->v.raw,
				       e->v.has_from ? &e->v.from : NULL,
				       false };
	return true;
}

/* How many items you have rated (shown ones). */
size_t profile_count(const struct profile *p)
{
	return p->n_vis;
}

/* The k-th shown rating (k < profile_count), in order of first
 * rating. */
struct profile_entry profile_entry_at(const struct profile *p, size_t k)
{
	struct profile_entry out;
	profile_get_entry(p, p->v[p->vis[k]].id, &out);
	return out;
}

/* Every item the journal holds, shown, hidden or cleared. */
size_t profile_record_count(const struct profile *p)
{
	return p->n;
}

/* The k-th item the journal holds (k < profile_record_count), in order
 * of first event, as stored, and what the validation makes of it. */
enum profile_state profile_record_at(const struct profile *p, size_t k,
				     struct profile_entry *out)
{
	static const enum profile_state states[] = {
		[SHOWN] = PROFILE_SHOWN, [HIDE_OFF_SCALE] = PROFILE_OFF_SCALE,
		[HIDE_UNKNOWN] = PROFILE_UNKNOWN,
		[HIDE_CLEARED] = PROFILE_CLEARED };
	const struct pentry *e = &p->v[k];
	*out = (struct profile_entry){ e->id, e->hide == SHOWN ? e->value
				       : e->v.raw, e->when, e->v.raw,
				       e->v.has_from ? &e->v.from : NULL,
				       e->cleared };
	return states[e->hide];
}

/* Successful set and clear calls since open. */
size_t profile_changes(const struct profile *p)
{
	return p->changes;
}

/* Write every rating, shown or hidden, to fd and fsync; 0 or -1 with
 * errno. */
static int profile_write_ratings(const struct profile *p, int fd)
{
	struct pbuf b = { 0 };
	for (size_t i = 0; i < p->n; i++)
		profile_format(&b, p->v[i].id, p->v[i].cleared ? NULL
			       : &p->v[i].v, p->v[i].when);
	int rc = profile_write_all(fd, b.s ? b.s : "", b.len) == 0
		 ? fsync(fd) : -1;
	free(b.s);
	return rc;
}

/* Write the ratings to <file>.tmp beside the file the journal's name
 * leads to (*target, malloc'd: a symbolic link is followed and stays)
 * and rename it over that file; the new file's descriptor (locked), or
 * -1 with errno. */
static int profile_replace(struct profile *p, char **target)
{
	*target = replace_target(p->path, NULL);
	if (!*target)
		return -1;
	char *tmp = xasprintf("%s.tmp", *target);
	int fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_APPEND |
		      O_CLOEXEC, 0600);
	if (fd >= 0) {
		profile_flock(fd, LOCK_EX);
		if (profile_private(fd) != 0 ||
		    profile_write_ratings(p, fd) != 0 ||
		    rename(tmp, *target) != 0) {
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

/* Make fd, the compacted file renamed to target, the journal we
 * append to. */
static void profile_take_over(struct profile *p, int fd,
			      const char *target)
{
	/* The rename is done; a failed directory fsync only weakens
	 * durability of the rename itself, never the old ratings. */
	replace_sync_dir(target);
	profile_unlock(p->fd);
	close(p->fd);
	p->fd = fd;
	p->lines = p->n;
	p->n_bad = 0;
	p->read_line = p->n;
	p->torn = false;
	profile_mark(p, true);
	profile_unlock(fd);
}

/* Compaction with the lock held, after reading the journal again: in
 * automatic mode nothing happens while there are unreadable lines;
 * otherwise they go to <journal>.rejected first. */
static int profile_compact_locked(struct profile *p, bool automatic,
				  char *err, size_t errlen)
{
	struct pbuf rej = { 0 };
	int rc = profile_follow(p, err, errlen);
	if (rc == 0)
		rc = profile_load(p, &rej, err, errlen);
	bool skip = rc == 0 && automatic && p->n_bad > 0;
	if (rc == 0 && !skip && rej.len)
		rc = profile_reject(p, rej.s, rej.len, err, errlen);
	free(rej.s);
	if (rc != 0 || skip)
		return rc;
	char *target = NULL;
	int fd = profile_replace(p, &target);
	if (fd < 0) {
		xsnprintf(err, errlen, _("cannot compact %s: %s"), p->path,
			  strerror(errno));
		free(target);
		return -1;
	}
	profile_take_over(p, fd, target);
	free(target);
	return 1;
}

/* Compact explicitly or automatically (see the top of the file). */
static int profile_compact_mode(struct profile *p, bool automatic,
				char *err, size_t errlen)
{
	if (!profile_writable(p, err, errlen))
		return -1;
	profile_lock(p);
	int rc = profile_compact_locked(p, automatic, err, errlen);
	if (rc != 1)
		profile_unlock(p->fd);  /* else taken over, unlocked */
	return rc < 0 ? -1 : 0;
}

/* Rewrite the journal to one line per rating: read it again under the
 * lock (other taste processes may have added lines), move unreadable
 * lines to <journal>.rejected, write a temporary file, fsync, rename,
 * fsync the directory. The new file becomes the journal we append to. */
int profile_compact(struct profile *p, char *err, size_t errlen)
{
	return profile_compact_mode(p, false, err, errlen);
}

/* The journal's path. */
const char *profile_path(const struct profile *p)
{
	return p->path;
}

/* Unreadable lines in the journal as last read. */
size_t profile_skipped_lines(const struct profile *p)
{
	return p->n_bad;
}

/* Hide the ratings off the scale or for unknown ids (memory only). */
size_t profile_validate(struct profile *p, const struct scale *sc,
			bool (*known)(void *ctx, const char *item_id),
			void *ctx)
{
	if (sc)
		p->sc_copy = *sc;
	p->sc = sc ? &p->sc_copy : NULL;
	p->known = known;
	p->known_ctx = ctx;
	profile_reindex(p);
	return p->n_off_scale + p->n_unknown;
}

/* profile_validate's known() for a catalogue. */
static bool profile_in_catalog(void *ctx, const char *item_id)
{
	return catalog_find_id(ctx, item_id) != INTERN_NONE;
}

/* Validate against a catalogue's scale and ids. */
size_t profile_validate_catalog(struct profile *p, const struct catalog *c)
{
	return profile_validate(p, &c->scale, profile_in_catalog,
				(void *)c);
}

/* How many ratings the validation hides, by kind. */
struct profile_dropped profile_dropped(const struct profile *p)
{
	return (struct profile_dropped){ p->n_off_scale, p->n_unknown };
}

/* "N ratings ... off the scale ...; M ... not in this catalogue". */
size_t profile_dropped_message(const struct profile *p, char *buf,
			       size_t n)
{
	size_t off = p->n_off_scale, unk = p->n_unknown, len = 0;
	if (n)
		buf[0] = '\0';
	if (off)
		len = xsnprintf(buf, n, ngettext(
			"%zu rating in your profile is off the scale and "
			"was ignored",
			"%zu ratings in your profile are off the scale and "
			"were ignored", off), off);
	if (off && unk)
		len += xsnprintf(buf + len, n - len, ngettext(
			"; %zu is for an item not in this catalogue",
			"; %zu are for items not in this catalogue", unk),
			unk);
	else if (unk)
		len = xsnprintf(buf, n, ngettext(
			"%zu rating in your profile is for an item not in "
			"this catalogue and was ignored",
			"%zu ratings in your profile are for items not in "
			"this catalogue and were ignored", unk), unk);
	return len;
}

/* Count of unreadable lines and the numbers of the first ones. */
size_t profile_unreadable(const struct profile *p, const size_t **lines,
			  size_t *n_lines)
{
	if (lines)
		*lines = p->bad_at;
	if (n_lines)
		*n_lines = p->n_bad < PROFILE_BAD_LINES_KEPT
			   ? p->n_bad : PROFILE_BAD_LINES_KEPT;
	return p->n_bad;
}

/* "7, 9, 12" (and, past the kept numbers, " and 3 more") into buf. */
static void profile_line_list(const struct profile *p, char *buf,
			      size_t n)
{
	const size_t *at;
	size_t kept, len = 0;
	size_t all = profile_unreadable(p, &at, &kept);
	buf[0] = '\0';
	for (size_t i = 0; i < kept && len + 1 < n; i++)
		len += xsnprintf(buf + len, n - len, i ? ", %zu" : "%zu",
				 at[i]);
	if (all > kept && len + 1 < n)
		xsnprintf(buf + len, n - len, ngettext(" and %zu more",
						       " and %zu more",
						       all - kept),
			  all - kept);
}

/* "1 unreadable line in movies.journal (line 7) ignored". */
size_t profile_unreadable_message(const struct profile *p, char *buf,
				  size_t n)
{
	char list[PROFILE_BAD_LINES_KEPT * 22 + 64];
	if (n)
		buf[0] = '\0';
	if (p->n_bad == 0)
		return 0;
	const char *base = strrchr(p->path, '/');
	base = base ? base + 1 : p->path;
	profile_line_list(p, list, sizeof list);
	return xsnprintf(buf, n, ngettext(
		"%zu unreadable line in %s (line %s) ignored",
		"%zu unreadable lines in %s (lines %s) ignored", p->n_bad),
		p->n_bad, base, list);
}

/* A digest of what the getters return, to tell whether a read
 * changed any of it. */
static uint64_t profile_digest(const struct profile *p)
{
	size_t head[4] = { p->n_vis, p->n_bad, p->n_off_scale,
			   p->n_unknown };
	uint64_t h = profile_fnv(1469598103934665603ULL, head, sizeof head);
	size_t kept;
	const size_t *at;
	profile_unreadable(p, &at, &kept);
	h = profile_fnv(h, at, kept * sizeof *at);
	for (size_t k = 0; k < p->n_vis; k++) {
		const struct pentry *e = &p->v[p->vis[k]];
		h = profile_fnv(h, e->id, strlen(e->id) + 1);
		h = profile_fnv(h, &e->value, sizeof e->value);
		h = profile_fnv(h, &e->v.raw, sizeof e->v.raw);
		h = profile_fnv(h, &e->v.has_from, sizeof e->v.has_from);
		h = profile_fnv(h, &e->v.from, sizeof e->v.from);
		h = profile_fnv(h, &e->when, sizeof e->when);
	}
	return h;
}

/* The journal is gone from its name: read it as empty (creating
 * nothing; the next write does). */
static void profile_gone(struct profile *p)
{
	profile_forget(p);
	p->key = (struct pkey){ .missing = true };
	p->seam_len = 0;
}

/* Read the file under the name again, under the lock. */
static int profile_refresh_locked(struct profile *p, char *err,
				  size_t errlen)
{
	profile_lock(p);
	int rc = profile_follow(p, err, errlen);
	if (rc == 0)
		rc = profile_reread(p, err, errlen);
	profile_unlock(p->fd);
	return rc;
}

/* Read other processes' changes when the file changed: a stat and
 * nothing more when it did not. */
int profile_refresh(struct profile *p, bool *changed, char *err,
		    size_t errlen)
{
	struct stat st;
	*changed = false;
	bool here = stat(p->path, &st) == 0;
	if (!here && errno != ENOENT) {
		xsnprintf(err, errlen, _("cannot read %s: %s"), p->path,
			  strerror(errno));
		return -1;
	}
	if (here ? profile_key_same(p, &st)
		 : p->key.missing && p->n == 0 && p->n_bad == 0)
		return 0;
	uint64_t before = profile_digest(p);
	int rc = 0;
	if (here)
		rc = profile_refresh_locked(p, err, errlen);
	else
		profile_gone(p);
	*changed = profile_digest(p) != before;
	return rc;
}
