/* SPDX-License-Identifier: GPL-3.0-or-later */
/* catalog_cache: parsed catalogues kept in binary form in the cache
 * directory (paths.h), so a start does not parse the CSV again (BRIEF
 * 5, 9). One file per catalogue directory, named by the hash of its
 * real path: catalog-<16 hex digits>.cache.
 *
 * The file holds a header (magic, version, byte order, the lengths and
 * checksums of the two parts), a key (the real path of each source
 * directory and, for every file a catalogue may be read from, whether
 * it is there and its size, mtime, ctime, inode and mode) and the data
 * (label, kind, scale, items with every field, item and user ids in
 * index order, both halves of the matrix, the goodbooks histograms,
 * the implicit matrix (to_read.csv) and every import report). A cache
 * is used only when its key equals the key of the files as they are
 * now and both checksums hold. The key is taken before the files are
 * parsed, and what was parsed is stored under it, never under a later
 * one: a source replaced while the others were read (a new movies.csv
 * while ratings.csv still is) can never pass for parsed; and when the
 * files no longer match the key at the store, nothing is written.
 * Every length read is bounded by the bytes left, and the matrix is
 * checked for shape (monotone pointers, indices in range, finite
 * values) before it is trusted. Anything else (missing, stale,
 * truncated, corrupt, another version) is refused with the reason in
 * the log (log.h) and the catalogue is parsed and the cache written
 * again: to a temporary file, fsync'ed, 0600, renamed over the old
 * one. A cache that cannot be written is logged and otherwise ignored.
 * The temporaries a killed writer left (catalog-*.cache.XXXXXX,
 * unlocked and older than five minutes) are removed by the next load
 * or store of that cache (replace_remove_stale). */
#ifndef TASTE_CATALOG_CACHE_H
#define TASTE_CATALOG_CACHE_H

#include <stdbool.h>
#include <stddef.h>

struct catalog;

/* What the last catalog_cache_load or catalog_cache_store did. */
enum cache_outcome {
	CACHE_NONE,         /* not tried (disabled, no cache dir) */
	CACHE_HIT,          /* loaded from the cache */
	CACHE_MISSING,      /* no cache file yet */
	CACHE_STALE,        /* the source files changed */
	CACHE_REFUSED,      /* truncated, corrupt or another version */
	CACHE_WRITTEN,      /* the cache was (re)written */
	CACHE_UNWRITABLE,   /* the cache could not be written */
	CACHE_CHANGED,      /* not written: the sources changed while
			       they were read */
};

/* The key: dirs[0..n) are the source directories whose files make it
 * (c->dir first), and the state of those files now. Take it before
 * they are read, and free it with catalog_cache_key_free. NULL when
 * caching is off (load and store then do nothing). */
struct cache_key;
struct cache_key *catalog_cache_key(const char *const *dirs,
				    size_t n_dirs);
void catalog_cache_key_free(struct cache_key *k);
/* Fill c from its cache: c->dir, name and key are set by the caller.
 * True when the cache holds the files as k found them; false with the
 * reason logged (catalog_cache_last) otherwise, and then c is as it
 * was. */
bool catalog_cache_load(struct catalog *c, const struct cache_key *k);
/* Write c, parsed from the files after k was taken, to its cache under
 * k: not at all (CACHE_CHANGED) when they have changed since. False
 * (logged) when nothing is written, which does the catalogue no
 * harm. */
bool catalog_cache_store(const struct catalog *c,
			 const struct cache_key *k);
/* Tests: fn(arg) is called as each store begins, after the parse, as
 * if a source file changed while it was read (NULL: nothing). */
void catalog_cache_store_hook(void (*fn)(void *), void *arg);
/* The cache file of dirs[0], malloc'd; NULL when there is no cache
 * directory. */
char *catalog_cache_path(const char *dir);
/* Turn caching off (tests, benchmarks of the parser) or on again. */
void catalog_cache_enable(bool on);
/* The outcome of the last load or store and its reason in words
 * (static, English, as logged). */
enum cache_outcome catalog_cache_last(const char **why);

#endif
