/* SPDX-License-Identifier: GPL-3.0-or-later */
/* replace: see replace.h. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

	if (fd >= 0 && fchmod(fd, 0600) == 0)
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
