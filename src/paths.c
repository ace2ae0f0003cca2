/* SPDX-License-Identifier: GPL-3.0-or-later */
/* paths: where taste keeps things. The three personal directories follow
 * the XDG base directory rules and are made on first use, 0700 whatever
 * the umask (chmod after mkdir); --data-dir DIR puts all three in DIR
 * itself, so a test or a portable install keeps everything in one place.
 * The bundled catalogues are looked for in a fixed order, and a candidate
 * counts only when it really holds a catalogue, so a stray data/ beside
 * the binary cannot hide the real one. Results are computed once and
 * kept in static buffers. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "i18n.h"
#include "paths.h"
#include "util.h"

enum paths_kind { PATHS_CONFIG, PATHS_DATA, PATHS_CACHE, PATHS_KINDS };

static char *paths_override;
static char paths_dir[PATHS_KINDS][PATH_MAX];
static char paths_bundled[PATH_MAX];
static bool paths_bundled_done;

/* Remember the --data-dir override and forget directories worked out
 * before (tests call this more than once). */
void paths_init(const char *data_dir)
{
	free(paths_override);
	paths_override = data_dir && *data_dir ? xstrdup(data_dir) : NULL;
	for (int k = 0; k < PATHS_KINDS; k++)
		paths_dir[k][0] = '\0';
}

/* The home directory: $HOME, else the password database; NULL if none. */
static const char *paths_home(void)
{
	const char *home = getenv("HOME");
	if (home && *home)
		return home;
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_dir && *pw->pw_dir ? pw->pw_dir : NULL;
}

/* Make one directory 0700-or-mode regardless of umask; an existing
 * directory is left as it is. */
static int paths_mkdir_one(const char *path, unsigned mode)
{
	if (mkdir(path, mode) == 0)
		return chmod(path, mode);
	if (errno != EEXIST)
		return -1;
	struct stat st;
	if (stat(path, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

/* mkdir -p: each missing component is made with mode. */
int paths_mkdir_p(const char *path, unsigned mode)
{
	if (!path || !*path) {
		errno = ENOENT;
		return -1;
	}
	char *buf = xstrdup(path);
	int rc = 0;
	for (char *p = buf + 1; *p && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		rc = paths_mkdir_one(buf, mode);
		*p = '/';
	}
	if (rc == 0)
		rc = paths_mkdir_one(buf, mode);
	int saved = errno;
	free(buf);
	errno = saved;
	return rc;
}

/* The directory of one kind without the override: $XDG_x_HOME/taste
 * or ~/<fallback>/taste. */
static bool paths_xdg(enum paths_kind kind, char *out, size_t n)
{
	static const char *const env[] = {
		"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME" };
	static const char *const fallback[] = {
		".config", ".local/share", ".cache" };

	const char *base = getenv(env[kind]);
	/* XDG: a relative value is invalid and must be ignored. */
	if (base && base[0] == '/')
		return xsnprintf(out, n, "%s/taste", base) < n;
	const char *home = paths_home();
	if (!home)
		return false;
	return xsnprintf(out, n, "%s/%s/taste", home, fallback[kind]) < n;
}

/* Work out the directory of one kind: the override, else paths_xdg. */
static bool paths_choose(enum paths_kind kind, char *out, size_t n)
{
	if (paths_override)
		return xsnprintf(out, n, "%s", paths_override) < n;
	return paths_xdg(kind, out, n);
}

/* The directory of one kind, made on first use. */
static const char *paths_get(enum paths_kind kind, char *err,
			     size_t errlen)
{
	char *dir = paths_dir[kind];
	if (dir[0])
		return dir;
	char buf[PATH_MAX];
	if (!paths_choose(kind, buf, sizeof buf)) {
		xsnprintf(err, errlen, "%s",
			  _("cannot find a home directory: set HOME or "
			    "use --data-dir"));
		return NULL;
	}
	if (paths_mkdir_p(buf, 0700) != 0) {
		xsnprintf(err, errlen, _("cannot create %s: %s"), buf,
			  strerror(errno));
		return NULL;
	}
	memcpy(dir, buf, sizeof buf);
	return dir;
}

/* Where the configuration file lives. */
const char *paths_config_dir(char *err, size_t errlen)
{
	return paths_get(PATHS_CONFIG, err, errlen);
}

/* Where profiles and models live. */
const char *paths_data_dir(char *err, size_t errlen)
{
	return paths_get(PATHS_DATA, err, errlen);
}

/* Where caches and the debug log live. */
const char *paths_cache_dir(char *err, size_t errlen)
{
	return paths_get(PATHS_CACHE, err, errlen);
}

/* True when dir holds a bundled catalogue. Existence decides, not
 * readability: an unreadable bundle is then reported as such when it
 * is opened, never skipped for another copy. */
static bool paths_is_bundle(const char *dir)
{
	char buf[PATH_MAX];
	static const char *const probe[] = {
		"movies/movies.csv", "books/books.csv" };
	for (size_t k = 0; k < ARRAY_LEN(probe); k++) {
		if (xsnprintf(buf, sizeof buf, "%s/%s", dir, probe[k])
		    >= sizeof buf)
			continue;
		if (access(buf, F_OK) == 0)
			return true;
	}
	return false;
}

/* Keep dir as the answer when it holds a bundle. */
static bool paths_try_bundle(const char *dir)
{
	if (!dir || !*dir || !paths_is_bundle(dir))
		return false;
	char *real = realpath(dir, NULL);
	xsnprintf(paths_bundled, sizeof paths_bundled, "%s",
		  real ? real : dir);
	free(real);
	return true;
}

/* Try data/ and ../data beside the running binary. */
static bool paths_try_exe(void)
{
	char exe[PATH_MAX], buf[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len <= 0)
		return false;
	exe[len] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	xsnprintf(buf, sizeof buf, "%s/data", exe);
	if (paths_try_bundle(buf))
		return true;
	xsnprintf(buf, sizeof buf, "%s/../data", exe);
	return paths_try_bundle(buf);
}

/* The bundled catalogues: $TASTE_DATA, beside the binary, the source
 * tree, the installed pkgdatadir. */
const char *paths_bundled_dir(void)
{
	if (paths_bundled_done)
		return paths_bundled[0] ? paths_bundled : NULL;
	paths_bundled_done = true;
	if (paths_try_bundle(getenv("TASTE_DATA")) || paths_try_exe())
		return paths_bundled;
#ifdef TOP_SRCDIR
	if (paths_try_bundle(TOP_SRCDIR "/data"))
		return paths_bundled;
#endif
#ifdef PKGDATADIR
	if (paths_try_bundle(PKGDATADIR "/data"))
		return paths_bundled;
#endif
	return NULL;
}

/* dir/file without a doubled slash (paths.h). */
char *paths_join(const char *dir, const char *file)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	return xasprintf("%.*s/%s", (int)n, dir, file);
}

/* Names of the files taste keeps in its directories: journals (with
 * their .rejected and compaction .tmp), .source, .tags.csv and its
 * .lock, catalogue caches, models, the log and the goodbooks
 * attachment (catalog.h CATALOG_ATTACH_FILE). */
static bool paths_kept_name(const char *name)
{
	static const char *const ends[] = {
		".journal", ".rejected", ".tmp", ".source", ".tags.csv",
		".lock", ".cache", ".model", ".goodbooks-dir" };
	size_t n = strlen(name);
	if (strcmp(name, "taste.log") == 0)
		return true;
	for (size_t k = 0; k < ARRAY_LEN(ends); k++) {
		size_t e = strlen(ends[k]);
		if (n > e && strcmp(name + n - e, ends[k]) == 0)
			return true;
	}
	return false;
}

/* The kept file of dir that is the file st describes, malloc'd, or
 * NULL. */
static char *paths_kept_in(const char *dir, const struct stat *st)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *found = NULL;
	while (d && !found && (e = readdir(d)) != NULL) {
		struct stat fs;
		if (!paths_kept_name(e->d_name))
			continue;
		char *path = paths_join(dir, e->d_name);
		if (stat(path, &fs) == 0 && fs.st_dev == st->st_dev &&
		    fs.st_ino == st->st_ino)
			found = path;
		else
			free(path);
	}
	if (d)
		closedir(d);
	return found;
}

/* The directory part of path ("." when it has none), malloc'd. */
static char *paths_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	return slash == path ? xstrdup("/")
			     : xstrndup(path, (size_t)(slash - path));
}

/* A missing path that would be a kept file: its directory is dir (by
 * device and inode) and its name one taste uses; that path, or NULL. */
static char *paths_kept_new(const char *path, const char *dir)
{
	struct stat ds, ps;
	char *parent = paths_dirname(path);
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1
					      : path;
	char *found = NULL;
	if (paths_kept_name(name) && stat(dir, &ds) == 0 &&
	    stat(parent, &ps) == 0 && ds.st_dev == ps.st_dev &&
	    ds.st_ino == ps.st_ino)
		found = paths_join(dir, name);
	free(parent);
	return found;
}

/* Looking creates none of the directories: one that is not there
 * holds nothing to overwrite. */
bool paths_is_kept(const char *path, char **kept)
{
	/* this run's directories and, under --data-dir, the default ones
	 * too: the profile a plain start opens is no less taste's */
	char dirs[2 * (PATHS_KINDS + 1)][PATH_MAX];
	size_t n = 0;
	struct stat st;
	bool there = stat(path, &st) == 0;
	for (int pass = 0; pass < 2; pass++) {
		bool (*choose)(enum paths_kind, char *, size_t) =
			pass ? paths_xdg : paths_choose;
		if (pass && !paths_override)
			break;
		for (int k = 0; k < PATHS_KINDS; k++)
			n += choose((enum paths_kind)k, dirs[n], PATH_MAX);
		if (choose(PATHS_DATA, dirs[n], PATH_MAX) &&
		    strlen(dirs[n]) + 8 < PATH_MAX)
			strcat(dirs[n++], "/models");
	}
	*kept = NULL;
	for (size_t k = 0; k < n && !*kept; k++)
		*kept = there ? paths_kept_in(dirs[k], &st)
			      : paths_kept_new(path, dirs[k]);
	return *kept != NULL;
}
