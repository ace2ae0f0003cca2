/* SPDX-License-Identifier: GPL-3.0-or-later */
/* replace: see replace.h. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "replace.h"
#include "util.h"

/* fsync the directory of path (replace.h). */
void replace_sync_dir(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int fd;

	if (slash == dir)        /* "/name": the root */
		dir[1] = '\0';
	else if (slash)
		*slash = '\0';
	fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* True when a link (lstat'ed as st) is on /proc, where a link names an
 * open file (/proc/self/fd/1, where /dev/stdout leads), not a path. */
static bool replace_proc_link(const struct stat *st)
{
	struct stat proc;
	return stat("/proc", &proc) == 0 && proc.st_dev == st->st_dev;
}

/* Where the link at path points, as a path: its text, read from the
 * link's directory when relative. malloc'd, or NULL with errno. */
static char *replace_read_link(const char *path)
{
	char to[PATH_MAX];
	ssize_t n = readlink(path, to, sizeof to);
	if (n < 0)
		return NULL;
	if ((size_t)n == sizeof to) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	to[n] = '\0';
	const char *slash = strrchr(path, '/');
	if (to[0] == '/' || !slash)
		return xstrdup(to);
	return xasprintf("%.*s/%s", (int)(slash - path), path, to);
}

/* Follow the links of path's last component (replace.h). */
char *replace_target(const char *path, bool *fd_link)
{
	char *cur = xstrdup(path);
	if (fd_link)
		*fd_link = false;
	for (int hops = 0; hops <= 40; hops++) {
		struct stat st;
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			return cur;     /* the file, or where it will be */
		if (replace_proc_link(&st)) {
			if (fd_link)
				*fd_link = true;
			return cur;
		}
		char *next = replace_read_link(cur);
		free(cur);
		if (!next)
			return NULL;
		cur = next;
	}
	free(cur);
	errno = ELOOP;
	return NULL;
}

/* A descriptor of ours that the link of /proc at path names (the n of
 * /proc/self/fd/n, when it is that file), dup'ed; else -1. Opening it
 * again could be refused: a pipe made by another user is 0600. */
static int replace_own_fd(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *end;
	long n = slash ? strtol(slash + 1, &end, 10) : -1;
	struct stat a, b;
	if (n < 0 || n > INT_MAX || end == slash + 1 || *end ||
	    stat(path, &a) != 0 || fstat((int)n, &b) != 0 ||
	    a.st_dev != b.st_dev || a.st_ino != b.st_ino)
		return -1;
	return fcntl((int)n, F_DUPFD_CLOEXEC, 0);
}

/* Write to a path that cannot be replaced (replace.h): our own
 * descriptor when the path is a link to it (/dev/stdout), else opened
 * as it is, never created, and appended to. 0, or -1 with errno. */
static int replace_direct(const char *path, bool fd_link,
			  replace_fn write, void *ctx)
{
	int fd = fd_link ? replace_own_fd(path) : -1;
	if (fd < 0)
		fd = open(path, O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC);
	FILE *f = fd >= 0 ? fdopen(fd, "ab") : NULL;
	int e, rc;

	if (!f) {
		e = errno;
		if (fd >= 0)
			close(fd);
		errno = e;
		return -1;
	}
	rc = write(f, ctx) == 0 && fflush(f) == 0 ? 0 : -1;
	e = errno;
	if (fclose(f) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	errno = rc ? (e ? e : EIO) : 0;
	return rc;
}

/* Write target whole through a temporary file beside it, made with
 * mode, and rename. 0, or -1 with errno. */
static int replace_whole(const char *target, unsigned mode,
			 replace_fn write, void *ctx)
{
	char *tmp = xasprintf("%s.XXXXXX", target);
	int fd = mkostemp(tmp, O_CLOEXEC), e = 0, rc = -1;
	FILE *f = NULL;

	/* the lock says "a writer is at it" to replace_remove_stale;
	 * mkostemp's file is new, so nobody else holds it */
	if (fd >= 0 && fchmod(fd, mode) == 0 && flock(fd, LOCK_EX) == 0)
		f = fdopen(fd, "wb");
	if (!f) {
		e = errno;
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		errno = e;
		return -1;
	}
	if (write(f, ctx) == 0 && fflush(f) == 0 && fsync(fd) == 0)
		rc = 0;
	e = errno;
	if (fclose(f) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	if (rc == 0 && rename(tmp, target) != 0) {
		rc = -1;
		e = errno;
	}
	if (rc != 0)
		unlink(tmp);
	else
		replace_sync_dir(target);
	free(tmp);
	errno = rc ? (e ? e : EIO) : 0;
	return rc;
}

/* Write the file path leads to whole, or a path that cannot be
 * replaced directly (replace.h). */
int replace_file(const char *path, replace_fn write, void *ctx)
{
	bool fd_link;
	char *target = replace_target(path, &fd_link);
	struct stat st;
	int rc;

	if (!target)
		return -1;
	bool here = stat(target, &st) == 0;
	if (fd_link || (here && !S_ISREG(st.st_mode)))
		rc = replace_direct(target, fd_link, write, ctx);
	else
		rc = replace_whole(target, here ? st.st_mode & 0777 : 0600,
				   write, ctx);
	int e = errno;
	free(target);
	errno = e;
	return rc;
}

/* True when name is base + "." + six letters or digits (mkostemp's). */
static bool temp_name_of(const char *name, const char *base, size_t len)
{
	if (strncmp(name, base, len) != 0 || name[len] != '.')
		return false;
	const char *x = name + len + 1;
	for (int i = 0; i < 6; i++)
		if (!((x[i] >= '0' && x[i] <= '9') ||
		      (x[i] >= 'a' && x[i] <= 'z') ||
		      (x[i] >= 'A' && x[i] <= 'Z')))
			return false;
	return x[6] == '\0';
}

/* Remove dir/name when it is a regular file, older than cutoff, not
 * locked by a writer, and still the file that was looked at. */
static bool remove_if_stale(int dirfd, const char *name, time_t cutoff)
{
	struct stat st, now;
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
			O_CLOEXEC);
	bool gone = false;
	if (fd < 0)
		return false;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_mtime < cutoff && flock(fd, LOCK_EX | LOCK_NB) == 0 &&
	    fstatat(dirfd, name, &now, AT_SYMLINK_NOFOLLOW) == 0 &&
	    now.st_dev == st.st_dev && now.st_ino == st.st_ino)
		gone = unlinkat(dirfd, name, 0) == 0;
	close(fd);      /* drops the lock */
	return gone;
}

/* Remove the temporaries of path whose writer is gone (replace.h). */
size_t replace_remove_stale(const char *path, int min_age)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	const char *base = slash ? slash + 1 : path;
	size_t len = strlen(base), removed = 0;
	if (slash == dir)
		dir[1] = '\0';
	else if (slash)
		*slash = '\0';
	DIR *d = opendir(slash ? dir : ".");
	if (d) {
		time_t cutoff = time(NULL) - min_age;
		struct dirent *e;
		while ((e = readdir(d)) != NULL)
			if (temp_name_of(e->d_name, base, len) &&
			    remove_if_stale(dirfd(d), e->d_name, cutoff))
				removed++;
		closedir(d);
	}
	free(dir);
	return removed;
}
