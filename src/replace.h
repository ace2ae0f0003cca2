/* SPDX-License-Identifier: GPL-3.0-or-later */
/* replace: write a file whole or not at all. The content goes to a
 * temporary file of its own beside path (0600, a unique name, so two
 * writers never share one), is flushed and fsync'd, renamed over path,
 * and the directory is fsync'd: a crash leaves the old file or the new
 * one, never a part of either. Models, the catalogue cache, the export
 * and the goodbooks attachment are written this way.
 *
 * What is replaced is the file path leads to: a symbolic link is
 * followed (replace_target) and stays, the temporary going beside the
 * file it names, and a file replaced keeps its permission bits (a new
 * one is 0600). A path that cannot be replaced, because it is not a
 * regular file (a FIFO, a terminal, /dev/null) or is reached through a
 * link of /proc naming an open file (/dev/stdout, /dev/fd/N), is
 * written directly instead, not whole-or-nothing: through our own
 * descriptor when the link names one, else opened without creating
 * and appended to.
 *
 * The writer holds an flock on its temporary file until it is renamed
 * or removed. A writer killed on the way (kill -9, a power cut) leaves
 * its temporary behind, unlocked: replace_remove_stale takes those
 * away, in directories that are taste's own. */
#ifndef TASTE_REPLACE_H
#define TASTE_REPLACE_H

#include <stdbool.h>
#include <stdio.h>

/* Writes the content to f; 0 when it all went, else -1 (errno set). */
typedef int (*replace_fn)(FILE *f, void *ctx);

/* 0, or -1 with errno set, path untouched and no temporary left (a
 * path written directly may hold part of the content). */
int replace_file(const char *path, replace_fn write, void *ctx);
/* The file writing path replaces: path with the symbolic links of its
 * last component followed, a relative one from the link's directory
 * (a dangling link leads to the file it would name); malloc'd, or NULL
 * with errno (ELOOP after 40 links). *fd_link (when not NULL) tells
 * whether the way went through a link of /proc, which names an open
 * file rather than a path: the result is then that link. */
char *replace_target(const char *path, bool *fd_link);
/* Remove the temporaries replace_file left for path (path.XXXXXX)
 * whose writer is gone: not locked, and not changed for min_age
 * seconds. Only for a path whose directory is taste's own (the cache),
 * for the pattern could name a file of yours elsewhere; links are not
 * followed, so a linked path's temporaries are not looked for. Returns how
 * many were removed. */
size_t replace_remove_stale(const char *path, int min_age);
/* fsync the directory holding path (so a rename is on disk too). */
void replace_sync_dir(const char *path);

#endif
