/* SPDX-License-Identifier: GPL-3.0-or-later */
/* profile: your ratings of one catalogue, kept apart from the bundled
 * files, as an append-only journal (one line per event, fsync before a
 * rating is acknowledged) that is compacted atomically (temporary file,
 * fsync, rename, fsync of the directory; through a symbolic link, the
 * file it names is replaced and the link stays). Files are 0600.
 *
 * Journal lines: "set\t<unix time>\t<value>\t<item id>\n" and
 * "clear\t<unix time>\t<item id>\n"; ids are escaped (\\, \t, \n, \r);
 * values are [+-]digits[.digits][e[+-]digits] (no hex, inf or nan). A
 * rating imported from another scale is kept as its source gave it,
 * "<value>@<min>:<max>:<step>" (IMDb's 8 is "8@1:10:1"), and converted
 * to the catalogue's scale only when shown: until profile_validate
 * gives that scale, such a rating is hidden as off the scale.
 *
 * Loading never changes the file. A last line without '\n' is a torn
 * write (every acknowledged write ends in '\n'), ignored even when it
 * parses, as are malformed lines: profile_unreadable() counts them all
 * with their line numbers. Only a write repairs the end (see profile.c
 * for the rules), and nothing the profile cannot read is ever deleted:
 * it stays in the journal or goes to <journal>.rejected.
 * profile_validate() hides, in memory only, ratings off the catalogue's
 * scale or for ids it does not know; compaction keeps them in the file.
 */
#ifndef TASTE_PROFILE_H
#define TASTE_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct catalog;
struct profile;
struct scale;

struct profile_entry {
	const char *item_id;
	double value;           /* on the catalogue's scale */
	int64_t when;
	/* A rating kept on its source's scale (an import): raw on *from,
	 * and value its conversion, made for showing. from NULL: value is
	 * the rating as stored (raw is then ignored by the setters). */
	double raw;
	const struct scale *from;
	/* A clear at when, not a rating (profile_set_many_if writes it as
	 * one; value, raw and from are then ignored). */
	bool cleared;
};

/* What the journal holds of an item (profile_record_at). */
enum profile_state {
	PROFILE_SHOWN,          /* a rating the getters return */
	PROFILE_OFF_SCALE,      /* hidden: off the catalogue's scale */
	PROFILE_UNKNOWN,        /* hidden: the catalogue has no such item */
	PROFILE_CLEARED,        /* its last event is a clear */
};

/* Ratings in the journal that profile_validate hides, by kind. */
struct profile_dropped {
	size_t off_scale;       /* value is not SCALE_OK on the scale */
	size_t unknown;         /* the catalogue has no item with the id */
};

/* Line numbers of unreadable lines kept for messages. */
#define PROFILE_BAD_LINES_KEPT 20

/* Open (creating) the journal <dir>/<catalog>.journal; dir NULL means
 * paths_data_dir(). NULL with a message in err on failure. A long
 * journal is compacted on open unless it has unreadable lines. */
struct profile *profile_open(const char *dir, const char *catalog,
			     char *err, size_t errlen);
/* Open the journal for reading only: O_RDONLY under a shared lock,
 * creating, changing and compacting nothing, so it works on a
 * read-only file system or a journal you may only read; a missing
 * journal reads as empty (refresh sees it appear). Every write to the
 * profile fails with a message. For commands that only read. */
struct profile *profile_open_ro(const char *dir, const char *catalog,
				char *err, size_t errlen);
/* Flushes nothing (every write is already on disk) and frees. */
void profile_close(struct profile *p);
/* Rate or re-rate (old value overwritten): returns 0 only once the line
 * is fsync'ed; -1 with err otherwise, and memory stays as it was. Once
 * validated, a value that is not SCALE_OK or an unknown id is refused,
 * and one that is is stored at the scale's step (scale_round). */
int profile_set(struct profile *p, const char *item_id, double value,
		char *err, size_t errlen);
/* Rate many items in one append and one fsync (an import), each with
 * its own time (e[k].when); validated as profile_set (a value the
 * scale allows is stored at its step, as profile_set does); an entry
 * with cleared set is a clear at its time. All or nothing:
 * 0 once every line is on disk, -1 with err and nothing changed. */
int profile_set_many(struct profile *p, const struct profile_entry *e,
		     size_t n, char *err, size_t errlen);
/* Whether to write entry k of a profile_set_many_if, given the rating
 * the journal holds for its item now (NULL: none shown). */
typedef bool (*profile_keep_fn)(void *ctx, size_t k,
				const struct profile_entry *have);
/* profile_set_many of the entries keep() wants (keep NULL: all), asked
 * under the journal's lock after reading what other processes wrote,
 * so the decision and the write see the same journal: a rating made
 * elsewhere a moment before is judged, never overwritten unseen.
 * *n_written counts the lines written. */
int profile_set_many_if(struct profile *p, const struct profile_entry *e,
			size_t n, profile_keep_fn keep, void *ctx,
			size_t *n_written, char *err, size_t errlen);
/* Clear a rating, also one that profile_validate hides; clearing an id
 * the journal does not hold is a no-op. */
int profile_clear(struct profile *p, const char *item_id, char *err,
		  size_t errlen);
/* When the journal's last event for item_id is a clear: its time (the
 * journal keeps the last clear of each id, compaction too). */
bool profile_cleared_at(const struct profile *p, const char *item_id,
			int64_t *when);
/* Your shown rating of an item (hidden ones are not returned). */
bool profile_get(const struct profile *p, const char *item_id,
		 double *value);
/* Your shown rating of an item with how it is stored (from and raw:
 * the source's scale of an imported rating); false when there is
 * none. The pointers stay valid as profile_entry_at's do. */
bool profile_get_entry(const struct profile *p, const char *item_id,
		       struct profile_entry *out);
/* Shown ratings. */
size_t profile_count(const struct profile *p);
/* The k-th shown rating, in order of first rating. The id stays valid
 * until the next call that changes p (set, clear, validate, refresh,
 * compact). */
struct profile_entry profile_entry_at(const struct profile *p, size_t k);
/* Every item the journal holds: shown, hidden or cleared. */
size_t profile_record_count(const struct profile *p);
/* The k-th of them in order of first event (the order compaction
 * keeps), as stored: value is the shown one of a shown rating, else
 * the stored number (raw, on *from when from is set); a cleared one
 * has cleared set and when the clear's time. For a backup (export),
 * which keeps what the getters hide. */
enum profile_state profile_record_at(const struct profile *p, size_t k,
				     struct profile_entry *out);
/* Ratings changed since open (for "ratings added since"). */
size_t profile_changes(const struct profile *p);
/* Rewrite the journal to one line per id, its last event (a rating,
 * shown or hidden, or a clear), atomically. Unreadable lines are first
 * appended verbatim to <journal>.rejected (fsync'ed), so they leave
 * the journal, not disk. */
int profile_compact(struct profile *p, char *err, size_t errlen);
const char *profile_path(const struct profile *p);
/* Same as profile_unreadable(p, NULL, NULL). */
size_t profile_skipped_lines(const struct profile *p);

/* Hide (in memory only; the file is not touched) the ratings whose
 * value is not SCALE_OK on sc or whose id known() refuses; sc or known
 * NULL skips that check. Kept for the life of p: refresh validates the
 * lines it reads again, and ctx must stay valid. Returns how many are
 * hidden; an id the catalogue does not know counts as unknown even when
 * its value is also off the scale. */
size_t profile_validate(struct profile *p, const struct scale *sc,
			bool (*known)(void *ctx, const char *item_id),
			void *ctx);
/* profile_validate with the catalogue's scale and item ids. */
size_t profile_validate_catalog(struct profile *p,
				const struct catalog *c);
struct profile_dropped profile_dropped(const struct profile *p);
/* "2 ratings in your profile are off the scale and were ignored; 1 is
 * for an item not in this catalogue", translated; "" and 0 when none
 * are hidden. Returns the length. */
size_t profile_dropped_message(const struct profile *p, char *buf,
			       size_t n);

/* Lines of the journal that do not parse (a torn last line included):
 * how many; *lines (when lines is not NULL) points at the 1-based
 * numbers of the first *n_lines of them (at most
 * PROFILE_BAD_LINES_KEPT), valid until p changes. */
size_t profile_unreadable(const struct profile *p, const size_t **lines,
			  size_t *n_lines);
/* "1 unreadable line in movies.journal (line 7) ignored", translated;
 * "" and 0 when there are none. Returns the length. */
size_t profile_unreadable_message(const struct profile *p, char *buf,
				  size_t n);

/* Read what other processes wrote since the last read: a stat of the
 * path (device, inode, size, mtime) when nothing changed; the new lines
 * only when the same file grew; the whole journal otherwise (a missing
 * file reads as empty and is not created). *changed tells whether
 * anything the getters return changed. 0, or -1 with err (memory then
 * stays as it was). Cheap enough to call every second. */
int profile_refresh(struct profile *p, bool *changed, char *err,
		    size_t errlen);

#endif
