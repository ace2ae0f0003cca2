/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_profile: the rating journal. Set, overwrite, clear and reopen;
 * escaped ids; a torn last line and malformed lines; file and directory
 * modes whatever the umask; compaction (explicit and on open) keeps
 * every rating; two processes share a journal without losing each
 * other's lines; and children killed with SIGKILL while writing leave a
 * journal that loads and holds every rating they acknowledged. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "paths.h"
#include "profile.h"
#include "util.h"

/* A fresh temporary directory per test, removed afterwards. */
static int setup_dir(void **state)
{
	char *dir = xstrdup("/tmp/taste-test-profile-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	*state = dir;
	return 0;
}

/* Remove the test directory and what the tests left in it. */
static int teardown_dir(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", (char *)*state);
	int rc = system(cmd);
	free(cmd);
	free(*state);
	return rc == 0 ? 0 : -1;
}

/* Write text to dir/name as it is. */
static void write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

/* Number of lines in dir/name. */
static size_t count_lines(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = 0;
	int c;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	free(path);
	return n;
}

/* Open dir's "movies" profile, failing the test when it cannot. */
static struct profile *open_ok(const char *dir)
{
	char err[256] = "";
	struct profile *p = profile_open(dir, "movies", err, sizeof err);
	if (!p)
		fail_msg("profile_open: %s", err);
	return p;
}

/* The value of a rating that must be there. */
static double value_of(const struct profile *p, const char *id)
{
	double v = -1;
	if (!profile_get(p, id, &v))
		fail_msg("no rating for %s", id);
	return v;
}

static void test_set_overwrite_clear_reopen(void **state)
{
	const char *dir = *state;
	char err[256];
	struct profile *p = open_ok(dir);
	assert_int_equal(profile_count(p), 0);
	assert_int_equal(profile_set(p, "2571", 4.5, err, sizeof err), 0);
	assert_int_equal(profile_set(p, "1", 3, err, sizeof err), 0);
	assert_int_equal(profile_set(p, "2571", 2, err, sizeof err), 0);
	assert_int_equal(profile_count(p), 2);
	assert_true(value_of(p, "2571") == 2);
	assert_int_equal(profile_clear(p, "1", err, sizeof err), 0);
	assert_int_equal(profile_clear(p, "404", err, sizeof err), 0);
	assert_false(profile_get(p, "1", NULL));
	assert_int_equal(profile_count(p), 1);
	assert_int_equal(profile_changes(p), 4);
	assert_int_equal(profile_set(p, "7", 5, err, sizeof err), 0);
	assert_int_equal(profile_set(p, "1", 1, err, sizeof err), 0);
	profile_close(p);

	p = open_ok(dir);
	assert_int_equal(profile_count(p), 3);
	assert_int_equal(profile_changes(p), 0);
	assert_int_equal(profile_skipped_lines(p), 0);
	/* Order of first rating: "1" was cleared, so it comes last now. */
	assert_string_equal(profile_entry_at(p, 0).item_id, "2571");
	assert_true(profile_entry_at(p, 0).value == 2);
	assert_string_equal(profile_entry_at(p, 1).item_id, "7");
	assert_string_equal(profile_entry_at(p, 2).item_id, "1");
	assert_true(value_of(p, "1") == 1);
	assert_true(profile_entry_at(p, 0).when > 1500000000);
	char *want = xasprintf("%s/movies.journal", dir);
	assert_string_equal(profile_path(p), want);
	free(want);
	assert_int_equal(count_lines(dir, "movies.journal"), 6);
	profile_close(p);
}

static void test_ids_are_escaped(void **state)
{
	const char *dir = *state;
	const char *odd = "a\tb\nc\\d\re";
	char err[256];
	struct profile *p = open_ok(dir);
	assert_int_equal(profile_set(p, odd, 4, err, sizeof err), 0);
	assert_int_equal(profile_set(p, "007", 1, err, sizeof err), 0);
	assert_int_equal(profile_set(p, "7", 2, err, sizeof err), 0);
	assert_int_not_equal(profile_set(p, "", 2, err, sizeof err), 0);
	profile_close(p);
	assert_int_equal(count_lines(dir, "movies.journal"), 3);
	p = open_ok(dir);
	assert_int_equal(profile_count(p), 3);
	assert_true(value_of(p, odd) == 4);
	assert_true(value_of(p, "007") == 1);
	assert_true(value_of(p, "7") == 2);
	profile_close(p);
}

static void test_torn_last_line(void **state)
{
	const char *dir = *state;
	char err[256];
	write_file(dir, "movies.journal",
		   "set\t1700000000\t4\ta\nset\t1700000001\t3.5\tb");
	struct profile *p = open_ok(dir);
	assert_int_equal(profile_skipped_lines(p), 1);
	assert_int_equal(profile_count(p), 1);
	assert_true(value_of(p, "a") == 4);
	assert_false(profile_get(p, "b", NULL));
	/* The torn tail was cut off, so this line stands on its own. */
	assert_int_equal(profile_set(p, "c", 5, err, sizeof err), 0);
	profile_close(p);
	p = open_ok(dir);
	assert_int_equal(profile_skipped_lines(p), 0);
	assert_int_equal(profile_count(p), 2);
	assert_true(value_of(p, "c") == 5);
	profile_close(p);
}

static void test_malformed_lines(void **state)
{
	const char *dir = *state;
	write_file(dir, "movies.journal",
		   "set\t1\t4\tgood\n"
		   "bogus\n"
		   "set\tx\t4\tbadtime\n"
		   "set\t1\tnan\tbadvalue\n"
		   "set\t1\t4.5junk\tbadvalue2\n"
		   "set\t1\t4\t\n"
		   "clear\t1\n"
		   "set\t1\t4\tbad\\qescape\n"
		   "set\t1\t4\ttoo\tmany\n"
		   "\n"
		   "set\t2\t2.5\tgood2\n"
		   "clear\t3\tgood\n");
	struct profile *p = open_ok(dir);
	assert_int_equal(profile_skipped_lines(p), 9);
	assert_int_equal(profile_count(p), 1);
	assert_true(value_of(p, "good2") == 2.5);
	assert_false(profile_get(p, "good", NULL));
	profile_close(p);
}

/* Permission bits of a path. */
static unsigned mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

static void test_modes_whatever_the_umask(void **state)
{
	const char *dir = *state;
	char err[256];
	char *data = xasprintf("%s/deep/er/taste", dir);
	mode_t old = umask(0277);
	paths_init(data);
	const char *d = paths_data_dir(err, sizeof err);
	assert_non_null(d);
	assert_string_equal(d, data);
	struct profile *p = profile_open(NULL, "books", err, sizeof err);
	assert_non_null(p);
	assert_int_equal(profile_set(p, "1", 5, err, sizeof err), 0);
	assert_int_equal(mode_of(profile_path(p)), 0600);
	profile_close(p);
	umask(0);
	p = profile_open(NULL, "movies", err, sizeof err);
	assert_non_null(p);
	assert_int_equal(mode_of(profile_path(p)), 0600);
	assert_int_equal(profile_compact(p, err, sizeof err), 0);
	assert_int_equal(mode_of(profile_path(p)), 0600);
	profile_close(p);
	umask(old);
	assert_int_equal(mode_of(data), 0700);
	char *parent = xasprintf("%s/deep", dir);
	assert_int_equal(mode_of(parent), 0700);
	free(parent);
	paths_init(NULL);
	free(data);
}

/* Rate n items three times each and clear every fifth. */
static void churn(struct profile *p, int n)
{
	char err[256], id[32];
	for (int round = 0; round < 3; round++)
		for (int i = 0; i < n; i++) {
			snprintf(id, sizeof id, "item-%d", i);
			double v = 0.5 + ((i + round) % 10) * 0.5;
			assert_int_equal(profile_set(p, id, v, err,
						     sizeof err), 0);
		}
	for (int i = 0; i < n; i += 5) {
		snprintf(id, sizeof id, "item-%d", i);
		assert_int_equal(profile_clear(p, id, err, sizeof err), 0);
	}
}

/* Every rating churn(n) leaves, checked. */
static void check_churned(const struct profile *p, int n)
{
	char id[32];
	size_t want = 0;
	for (int i = 0; i < n; i++) {
		snprintf(id, sizeof id, "item-%d", i);
		if (i % 5 == 0) {
			assert_false(profile_get(p, id, NULL));
			continue;
		}
		want++;
		assert_true(value_of(p, id) == 0.5 + ((i + 2) % 10) * 0.5);
	}
	assert_int_equal(profile_count(p), want);
}

static void test_compact_keeps_every_rating(void **state)
{
	const char *dir = *state;
	char err[256];
	struct profile *p = open_ok(dir);
	churn(p, 20);
	assert_int_equal(count_lines(dir, "movies.journal"), 64);
	assert_int_equal(profile_compact(p, err, sizeof err), 0);
	assert_int_equal(count_lines(dir, "movies.journal"), 16);
	check_churned(p, 20);
	/* Appending after a compaction goes to the new file. */
	assert_int_equal(profile_set(p, "late", 3, err, sizeof err), 0);
	profile_close(p);
	char *tmp = xasprintf("%s/movies.journal.tmp", dir);
	assert_int_equal(access(tmp, F_OK), -1);
	free(tmp);
	p = open_ok(dir);
	assert_true(value_of(p, "late") == 3);
	profile_clear(p, "late", err, sizeof err);
	check_churned(p, 20);
	profile_close(p);
}

static void test_open_compacts_long_journal(void **state)
{
	const char *dir = *state;
	struct profile *p = open_ok(dir);
	churn(p, 70);   /* 224 lines for 56 ratings: > 2 * 56 + 100 */
	profile_close(p);
	assert_int_equal(count_lines(dir, "movies.journal"), 224);
	p = open_ok(dir);
	assert_int_equal(count_lines(dir, "movies.journal"), 56);
	check_churned(p, 70);
	profile_close(p);
	p = open_ok(dir);
	check_churned(p, 70);
	profile_close(p);
}

/* The child: rate item r-<j> for j = 0, 1, ... and report each j on the
 * pipe once profile_set has returned; compact now and then. */
static void kill_child(const char *dir, int round, int fd)
{
	char err[256], id[32];
	struct profile *p = profile_open(dir, "movies", err, sizeof err);
	if (!p)
		_exit(3);
	for (int j = 0;; j++) {
		snprintf(id, sizeof id, "r%d-%d", round, j);
		if (profile_set(p, id, 0.5 + (j % 10) * 0.5, err,
				sizeof err) != 0)
			_exit(4);
		if (write(fd, &j, sizeof j) != sizeof j)
			_exit(5);
		if (j % 23 == 22 && profile_compact(p, err, sizeof err) != 0) {
			fprintf(stderr, "compact: %s\n", err);
			_exit(6);
		}
	}
}

/* Read every acknowledgement the child sent; the highest j. */
static int read_acks(int fd)
{
	int j, last = -1;
	while (read(fd, &j, sizeof j) == sizeof j) {
		assert_int_equal(j, last + 1);
		last = j;
	}
	return last;
}

static void test_kill9_loses_no_acknowledged_rating(void **state)
{
	const char *dir = *state;
	int last[12];
	srand(42);
	for (int round = 0; round < 12; round++) {
		int fds[2];
		assert_int_equal(pipe(fds), 0);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(fds[0]);
			kill_child(dir, round, fds[1]);
		}
		close(fds[1]);
		struct timespec ts = { 0, 5000000L + rand() % 55000000L };
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		int status;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		if (!WIFSIGNALED(status))
			fail_msg("child exited with %d", WEXITSTATUS(status));
		last[round] = read_acks(fds[0]);
		close(fds[0]);
		struct profile *p = open_ok(dir);
		assert_true(profile_skipped_lines(p) <= 1);
		for (int r = 0; r <= round; r++)
			for (int j = 0; j <= last[r]; j++) {
				char id[32];
				snprintf(id, sizeof id, "r%d-%d", r, j);
				assert_true(value_of(p, id) ==
					    0.5 + (j % 10) * 0.5);
			}
		profile_close(p);
	}
	int total = 0;
	for (int r = 0; r < 12; r++)
		total += last[r] + 1;
	print_message("# %d acknowledged ratings survived 12 kills\n",
		      total);
	assert_true(total > 0);
}

static void test_two_writers_share_a_journal(void **state)
{
	const char *dir = *state;
	char err[256];
	struct profile *a = open_ok(dir), *b = open_ok(dir);
	assert_int_equal(profile_set(a, "a", 1, err, sizeof err), 0);
	assert_int_equal(profile_set(b, "b", 2, err, sizeof err), 0);
	/* a's compaction reads b's line back instead of dropping it. */
	assert_int_equal(profile_compact(a, err, sizeof err), 0);
	assert_true(value_of(a, "b") == 2);
	/* b follows the journal's name to the compacted file. */
	assert_int_equal(profile_set(b, "c", 3, err, sizeof err), 0);
	assert_int_equal(profile_set(a, "d", 4, err, sizeof err), 0);
	profile_close(a);
	profile_close(b);
	assert_int_equal(count_lines(dir, "movies.journal"), 4);
	struct profile *p = open_ok(dir);
	assert_int_equal(profile_count(p), 4);
	assert_true(value_of(p, "a") == 1 && value_of(p, "b") == 2 &&
		    value_of(p, "c") == 3 && value_of(p, "d") == 4);
	profile_close(p);
}

/* Start a writer child for round r on its own pipe. */
static pid_t start_child(const char *dir, int r, int *rfd)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		kill_child(dir, r, fds[1]);
	}
	close(fds[1]);
	*rfd = fds[0];
	return pid;
}

static void test_kill9_two_writers(void **state)
{
	const char *dir = *state;
	srand(7);
	for (int round = 0; round < 6; round++) {
		int fd[2], last[2];
		pid_t pid[2];
		for (int w = 0; w < 2; w++)
			pid[w] = start_child(dir, 100 + 2 * round + w, &fd[w]);
		struct timespec ts = { 0, 5000000L + rand() % 25000000L };
		nanosleep(&ts, NULL);
		for (int w = 0; w < 2; w++) {
			kill(pid[w], SIGKILL);
			assert_int_equal(waitpid(pid[w], NULL, 0), pid[w]);
			last[w] = read_acks(fd[w]);
			close(fd[w]);
		}
		struct profile *p = open_ok(dir);
		for (int w = 0; w < 2; w++)
			for (int j = 0; j <= last[w]; j++) {
				char id[32];
				snprintf(id, sizeof id, "r%d-%d",
					 100 + 2 * round + w, j);
				assert_true(value_of(p, id) ==
					    0.5 + (j % 10) * 0.5);
			}
		profile_close(p);
	}
}

static void test_bad_catalog_name(void **state)
{
	char err[256] = "";
	assert_null(profile_open(*state, "../evil", err, sizeof err));
	assert_true(strlen(err) > 0);
	assert_null(profile_open("/nonexistent/dir", "movies", err,
				 sizeof err));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup_dir, teardown_dir)
		T(test_set_overwrite_clear_reopen),
		T(test_ids_are_escaped),
		T(test_torn_last_line),
		T(test_malformed_lines),
		T(test_modes_whatever_the_umask),
		T(test_compact_keeps_every_rating),
		T(test_open_compacts_long_journal),
		T(test_kill9_loses_no_acknowledged_rating),
		T(test_two_writers_share_a_journal),
		T(test_kill9_two_writers),
		T(test_bad_catalog_name),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
