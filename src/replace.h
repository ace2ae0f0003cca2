/* SPDX-License-Identifier: GPL-3.0-or-later */
/* replace: write a file whole or not at all. The content goes to a
 * temporary file of its own beside path (0600, a unique name, so two
 * writers never share one), is flushed and fsync'd, renamed over path,
 * and the directory is fsync'd: a crash leaves the old file or the new
 * one, never a part of either. Models, the catalogue cache, the export
 * and the goodbooks attachment are written this way.
 *
 * The writer holds an flock on its temporary file until it is renamed
 * or removed. A writer killed on the way (kill -9, a power cut) leaves
 * its temporary behind, unlocked: replace_remove_stale takes those
 * away, in directories that are taste's own. */
#ifndef TASTE_REPLACE_H
#define TASTE_REPLACE_H

#include <stdio.h>

/* Writes the content to f; 0 when it all went, else -1 (errno set). */
typedef int (*replace_fn)(FILE *f, void *ctx);

/* 0, or -1 with errno set, path untouched and no temporary left. */
int replace_file(const char *path, replace_fn write, void *ctx);
/* Remove the temporaries replace_file left for path (path.XXXXXX)
 * whose writer is gone: not locked, and not changed for min_age
 * seconds. Only for a path whose directory is taste's own (the cache),
 * for the pattern could name a file of yours elsewhere. Returns how
 * many were removed. */
size_t replace_remove_stale(const char *path, int min_age);
/* fsync the directory holding path (so a rename is on disk too). */
void replace_sync_dir(const char *path);

#endif
