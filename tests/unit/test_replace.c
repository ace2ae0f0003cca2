/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_replace: the whole-or-nothing writer. A new file is 0600 and a
 * replaced one keeps its permission bits; a symbolic link (relative,
 * absolute, a chain, dangling) is written through and stays, with the
 * temporary beside the file it names; a loop of links fails with
 * ELOOP; a FIFO and a link of /proc naming an open file (where
 * /dev/stdout leads) are written directly, never replaced. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "replace.h"
#include "util.h"

/* fputs of ctx as a replace_fn. */
static int put_text(FILE *f, void *ctx)
{
	return fputs(ctx, f) < 0 ? -1 : 0;
}

/* replace_file of text to path. */
static int put(const char *path, const char *text)
{
	return replace_file(path, put_text, (void *)text);
}

/* dir/name, malloc'd. */
static char *in(const char *dir, const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

/* Write text to path with fopen (the file as a user makes it). */
static void write_plain(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* path holds exactly text. */
static void expect_text(const char *path, const char *text)
{
	char buf[256] = "";
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	assert_string_equal(buf, text);
}

/* Permission bits of path, which must exist. */
static unsigned mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

/* Entries of dir other than "." and "..". */
static size_t entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 &&
		     strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* path is a symbolic link whose text is to. */
static void expect_link(const char *path, const char *to)
{
	char buf[512];
	ssize_t n = readlink(path, buf, sizeof buf - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_string_equal(buf, to);
}

static void test_new_and_replaced_modes(void **state)
{
	const char *dir = *state;
	char *a = in(dir, "a.csv"), *b = in(dir, "b.csv");
	assert_int_equal(put(a, "one\n"), 0);
	expect_text(a, "one\n");
	assert_int_equal(mode_of(a), 0600);
	write_plain(b, "old\n");
	assert_int_equal(chmod(b, 0644), 0);
	assert_int_equal(put(b, "new\n"), 0);
	expect_text(b, "new\n");
	assert_int_equal(mode_of(b), 0644);
	assert_int_equal(entries(dir), 2);
	free(a);
	free(b);
}

/* The tester's export -o LINK case, and its kin: each link is written
 * through, stays a link, and no temporary is left anywhere. */
static void test_links_written_through(void **state)
{
	const char *dir = *state;
	char *sub = in(dir, "sub"), *target = in(dir, "sub/target.csv");
	char *rel = in(dir, "rel.csv"), *abs = in(dir, "abs.csv");
	char *chain = in(dir, "chain.csv"), *gone = in(dir, "gone.csv");
	assert_int_equal(mkdir(sub, 0700), 0);
	write_plain(target, "old\n");
	assert_int_equal(chmod(target, 0644), 0);
	assert_int_equal(symlink("sub/target.csv", rel), 0);
	assert_int_equal(symlink(target, abs), 0);
	assert_int_equal(symlink("rel.csv", chain), 0);
	assert_int_equal(symlink("sub/new.csv", gone), 0);
	assert_int_equal(put(rel, "1\n"), 0);
	expect_text(target, "1\n");
	assert_int_equal(put(abs, "2\n"), 0);
	expect_text(target, "2\n");
	assert_int_equal(put(chain, "3\n"), 0);
	expect_text(target, "3\n");
	assert_int_equal(mode_of(target), 0644);
	expect_link(rel, "sub/target.csv");
	expect_link(abs, target);
	expect_link(chain, "rel.csv");
	/* A dangling link: the file it names is made. */
	assert_int_equal(put(gone, "4\n"), 0);
	expect_link(gone, "sub/new.csv");
	char *made = in(dir, "sub/new.csv");
	expect_text(made, "4\n");
	assert_int_equal(mode_of(made), 0600);
	assert_int_equal(entries(dir), 5);
	assert_int_equal(entries(sub), 2);
	free(made);
	free(sub);
	free(target);
	free(rel);
	free(abs);
	free(chain);
	free(gone);
}

static void test_target_and_loops(void **state)
{
	const char *dir = *state;
	char *x = in(dir, "x"), *y = in(dir, "y"), *plain = in(dir, "p");
	bool fd_link = true;
	char *t = replace_target(plain, &fd_link);
	assert_string_equal(t, plain);
	assert_false(fd_link);
	free(t);
	assert_int_equal(symlink("y", x), 0);
	assert_int_equal(symlink("x", y), 0);
	errno = 0;
	assert_null(replace_target(x, NULL));
	assert_int_equal(errno, ELOOP);
	assert_int_equal(put(x, "no\n"), -1);
	assert_int_equal(errno, ELOOP);
	assert_int_equal(entries(dir), 2);
	free(x);
	free(y);
	free(plain);
}

/* Read all of fd into buf (NUL-ended). */
static void read_fd(int fd, char *buf, size_t n)
{
	size_t got = 0;
	ssize_t r;
	while (got + 1 < n && (r = read(fd, buf + got, n - 1 - got)) > 0)
		got += (size_t)r;
	buf[got] = '\0';
}

static void test_fifo_written_directly(void **state)
{
	const char *dir = *state;
	char *fifo = in(dir, "fifo"), buf[64];
	assert_int_equal(mkfifo(fifo, 0600), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(put(fifo, "through\n") == 0 ? 0 : 1);
	int fd = open(fifo, O_RDONLY);
	assert_true(fd >= 0);
	read_fd(fd, buf, sizeof buf);
	close(fd);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_string_equal(buf, "through\n");
	struct stat st;
	assert_int_equal(lstat(fifo, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(entries(dir), 1);
	free(fifo);
}

/* /dev/stdout leads to /proc/self/fd/1: an open file, here a pipe and
 * then a file opened for appending, is written as it is. */
static void test_open_file_links(void **state)
{
	const char *dir = *state;
	int fds[2];
	char buf[64];
	if (access("/proc/self/fd", F_OK) != 0)
		skip();
	assert_int_equal(pipe(fds), 0);
	char *link = xasprintf("/proc/self/fd/%d", fds[1]);
	bool fd_link = false;
	char *t = replace_target(link, &fd_link);
	assert_true(fd_link);
	free(t);
	assert_int_equal(put(link, "piped\n"), 0);
	close(fds[1]);
	read_fd(fds[0], buf, sizeof buf);
	close(fds[0]);
	assert_string_equal(buf, "piped\n");
	free(link);
	/* A file opened to append (">>"): appended to, not replaced. */
	char *log = in(dir, "log");
	write_plain(log, "before\n");
	int fd = open(log, O_WRONLY | O_APPEND);
	assert_true(fd >= 0);
	struct stat was, now;
	assert_int_equal(fstat(fd, &was), 0);
	link = xasprintf("/proc/self/fd/%d", fd);
	assert_int_equal(put(link, "after\n"), 0);
	close(fd);
	expect_text(log, "before\nafter\n");
	assert_int_equal(stat(log, &now), 0);
	assert_int_equal(now.st_ino, was.st_ino);
	assert_int_equal(entries(dir), 1);
	free(link);
	free(log);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, fixture_dir_setup, \
						      fixture_dir_teardown)
		T(test_new_and_replaced_modes),
		T(test_links_written_through),
		T(test_target_and_loops),
		T(test_fifo_written_directly),
		T(test_open_file_links),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
