/* SPDX-License-Identifier: GPL-3.0-or-later */
/* paths: where taste keeps things. XDG: config in
 * ${XDG_CONFIG_HOME:-~/.config}/taste, profile and models in
 * ${XDG_DATA_HOME:-~/.local/share}/taste, caches in
 * ${XDG_CACHE_HOME:-~/.cache}/taste; --data-dir DIR puts all three in
 * DIR itself (DIR/movies.journal, DIR/taste.log). Directories are
 * created 0700 whatever the umask. Bundled catalogues are found in
 * $TASTE_DATA, then data/ beside the binary (the build tree), then the
 * source tree the binary was built from, then the installed pkgdatadir. */
#ifndef TASTE_PATHS_H
#define TASTE_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/* Set the --data-dir override (NULL for XDG). Call before the others. */
void paths_init(const char *data_dir);
/* The directories, created (0700) on first use; NULL with err set when
 * they cannot be made. Strings are static. */
const char *paths_config_dir(char *err, size_t errlen);
const char *paths_data_dir(char *err, size_t errlen);
const char *paths_cache_dir(char *err, size_t errlen);
/* The directory holding the bundled catalogues ("movies", "books"), or
 * NULL when none is found. */
const char *paths_bundled_dir(void);
/* mkdir -p with mode for each made directory; 0 or -1 with errno. */
int paths_mkdir_p(const char *path, unsigned mode);

/* dir/file, malloc'd, without a doubled '/' when dir ends in one
 * ("~/export/" + "ratings.csv"): the paths reports print. */
char *paths_join(const char *dir, const char *file);

/* Whether writing path would overwrite a file taste keeps in its
 * directories (data, models, cache, config): a journal (or its
 * .rejected or .tmp), a .source, a .tags.csv (or its .lock), a cache,
 * a model, the log or the goodbooks attachment. An existing path is
 * compared by device and inode with those files, so a symbolic or hard
 * link or another spelling of it is caught; a missing one (give the
 * file a link leads to: replace_target) by its directory's device and
 * inode and a name taste uses. When true, *kept is the kept file's
 * path (malloc'd); else NULL. */
bool paths_is_kept(const char *path, char **kept);

#endif
