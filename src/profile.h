/* SPDX-License-Identifier: GPL-3.0-or-later */
/* profile: your ratings of one catalogue, kept apart from the bundled
 * files, as an append-only journal (one line per event, fsync before a
 * rating is acknowledged) that is compacted atomically (temporary file,
 * fsync, rename, fsync of the directory). A torn last line from a crash
 * is ignored on load, so a kill -9 at any moment loses no acknowledged
 * rating and never leaves a file that fails to load. Files are 0600.
 *
 * Journal lines: "set\t<unix time>\t<value>\t<item id>\n" and
 * "clear\t<unix time>\t<item id>\n"; ids are escaped (\\, \t, \n, \r). */
#ifndef TASTE_PROFILE_H
#define TASTE_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct profile;

struct profile_entry {
	const char *item_id;
	double value;
	int64_t when;
};

/* Open (creating) the journal <dir>/<catalog>.journal; dir NULL means
 * paths_data_dir(). NULL with a message in err on failure. */
struct profile *profile_open(const char *dir, const char *catalog,
			     char *err, size_t errlen);
/* Flushes nothing (every write is already on disk) and frees. */
void profile_close(struct profile *p);
/* Rate or re-rate (old value overwritten): returns 0 only once the line
 * is fsync'ed; -1 with err otherwise, and memory stays as it was. */
int profile_set(struct profile *p, const char *item_id, double value,
		char *err, size_t errlen);
int profile_clear(struct profile *p, const char *item_id, char *err,
		  size_t errlen);
bool profile_get(const struct profile *p, const char *item_id,
		 double *value);
size_t profile_count(const struct profile *p);
/* The k-th current rating, in order of first rating. */
struct profile_entry profile_entry_at(const struct profile *p, size_t k);
/* Ratings changed since open (for "ratings added since"). */
size_t profile_changes(const struct profile *p);
/* Rewrite the journal to one line per current rating, atomically. */
int profile_compact(struct profile *p, char *err, size_t errlen);
const char *profile_path(const struct profile *p);
/* Lines skipped as torn or malformed when the journal was loaded. */
size_t profile_skipped_lines(const struct profile *p);

#endif
