/* SPDX-License-Identifier: GPL-3.0-or-later */
/* replace: see replace.h. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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

/* Write through a temporary file and rename (replace.h). */
int replace_file(const char *path, replace_fn write, void *ctx)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkostemp(tmp, O_CLOEXEC), e = 0, rc = -1;
	FILE *f = NULL;

	/* the lock says "a writer is at it" to replace_remove_stale;
	 * mkostemp's file is new, so nobody else holds it */
	if (fd >= 0 && fchmod(fd, 0600) == 0 && flock(fd, LOCK_EX) == 0)
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
	if (rc == 0 && rename(tmp, path) != 0) {
		rc = -1;
		e = errno;
	}
	if (rc != 0)
		unlink(tmp);
	else
		replace_sync_dir(path);
	free(tmp);
	errno = rc ? (e ? e : EIO) : 0;
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
