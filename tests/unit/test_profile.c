/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_profile: the rating journal. Set, overwrite, clear and reopen;
 * escaped ids; a torn last line and malformed lines (counted with their
 * line numbers, moved to .rejected by a write or a compaction, never
 * deleted); a last line without '\n' is torn even when it parses (a
 * write cut inside an id must not rate another item), and loading
 * never changes the file; strict value and time forms (no hex, inf,
 * nan); validation against a scale and a catalogue (in memory only,
 * kept by compaction); refresh after other processes' writes, in-place
 * rewrites and removal; the read-only open (no compaction, no mode
 * change, nothing created, writes refused; a journal the user may only
 * read); a symbolic link to the journal stays through compactions;
 * file and directory modes whatever the umask;
 * compaction (explicit and on open) keeps every rating; two processes
 * share a journal without losing each other's lines; and children
 * killed with SIGKILL while writing (a rating at a time, or an import's
 * one large write) leave a journal that loads, holds every rating they
 * acknowledged and no rating they did not mean. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "fixture.h"
#include "paths.h"
#include "profile.h"
#include "scale.h"
#include "util.h"

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

/* The whole of dir/name, NUL-ended (the caller frees). */
static char *read_all(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	size_t cap = 4096, n = 0;
	char *buf = xmalloc(cap);
	size_t r;
	while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (n + 1 >= cap)
			buf = xrealloc(buf, cap *= 2);
	}
	buf[n] = '\0';
	fclose(f);
	free(path);
	return buf;
}

/* dir/name holds exactly text. */
static void expect_file(const char *dir, const char *name,
			const char *text)
{
	char *now = read_all(dir, name);
	assert_string_equal(now, text);
	free(now);
}

/* unlink dir/name. */
static int unlink_in(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	int rc = unlink(path);
	free(path);
	return rc;
}

/* True when dir/name exists. */
static bool access_in(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	bool here = access(path, F_OK) == 0;
	free(path);
	return here;
}

/* stat of dir/name, which must exist. */
static struct stat stat_of(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	free(path);
	return st;
}

/* dir/name is the same file, size and mtime as before, and 0600
 * (opening makes a looser journal private). */
static void expect_same_stat(const char *dir, const char *name,
			     const struct stat *before)
{
	struct stat st = stat_of(dir, name);
	assert_int_equal(st.st_ino, before->st_ino);
	assert_int_equal(st.st_size, before->st_size);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(st.st_mtim.tv_sec, before->st_mtim.tv_sec);
	assert_int_equal(st.st_mtim.tv_nsec, before->st_mtim.tv_nsec);
}

/* Permission bits of dir/name. */
static unsigned mode_of_in(const char *dir, const char *name)
{
	struct stat st = stat_of(dir, name);
	return st.st_mode & 07777;
}

/* profile_unreadable reports count lines, the first n_want of them at
 * the numbers want. */
static void expect_bad_lines(const struct profile *p, size_t count,
			     const size_t *want, size_t n_want)
{
	const size_t *at = NULL;
	size_t kept = 99;
	assert_int_equal(profile_unreadable(p, &at, &kept), count);
	assert_int_equal(kept, n_want);
	for (size_t i = 0; i < n_want; i++)
		assert_int_equal(at[i], want[i]);
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

/* Refresh b and say whether it changed, failing on an error. */
static bool refreshed(struct profile *b)
{
	char err[256];
	bool changed = false;
	if (profile_refresh(b, &changed, err, sizeof err) != 0)
		fail_msg("profile_refresh: %s", err);
	return changed;
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
	/* Order of first rating: "1" was rated before "7"; its clear left
	 * a tombstone in its place, which the new rating took back. */
	assert_string_equal(profile_entry_at(p, 0).item_id, "2571");
	assert_true(profile_entry_at(p, 0).value == 2);
	assert_string_equal(profile_entry_at(p, 1).item_id, "1");
	assert_string_equal(profile_entry_at(p, 2).item_id, "7");
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
	const char *torn = "set\t1700000000\t4\ta\nset\t1700000001\t3.";
	char err[256];
	write_file(dir, "movies.journal", torn);
	struct profile *p = open_ok(dir);
	assert_int_equal(profile_skipped_lines(p), 1);
	expect_bad_lines(p, 1, (size_t[]){ 2 }, 1);
	assert_int_equal(profile_count(p), 1);
	assert_true(value_of(p, "a") == 4);
	/* Loading left the torn bytes where they were. */
	expect_file(dir, "movies.journal", torn);
	/* A write moves them to .rejected, then stands on its own line. */
	assert_int_equal(profile_set(p, "c", 5, err, sizeof err), 0);
	assert_int_equal(profile_skipped_lines(p), 0);
	expect_file(dir, "movies.journal.rejected",
		    "set\t1700000001\t3.\n");
	assert_int_equal(mode_of_in(dir, "movies.journal.rejected"), 0600);
	profile_close(p);
	assert_int_equal(count_lines(dir, "movies.journal"), 2);
	p = open_ok(dir);
	assert_int_equal(profile_skipped_lines(p), 0);
	assert_int_equal(profile_count(p), 2);
	assert_true(value_of(p, "c") == 5);
	profile_close(p);
}

/* A journal whose last line, without '\n', is the cut line tail:
 * ignored and counted (line 2), the file untouched by loading, and
 * moved to .rejected by the next write. */
static void expect_torn_tail(const char *dir, const char *tail)
{
	char err[256], *text = xasprintf("set\t100\t4\t1\n%s", tail);
	char *rejected = xasprintf("%s\n", tail);
	write_file(dir, "movies.journal", text);
	struct stat before = stat_of(dir, "movies.journal");
	struct profile *p = open_ok(dir);
	expect_bad_lines(p, 1, (size_t[]){ 2 }, 1);
	assert_int_equal(profile_count(p), 1);
	assert_true(value_of(p, "1") == 4);
	assert_false(profile_get(p, "17", NULL));
	bool changed = true;
	assert_int_equal(profile_refresh(p, &changed, err, sizeof err), 0);
	assert_false(changed);
	profile_close(p);
	/* Read-only use: not a byte, not the mtime, not the inode. */
	expect_file(dir, "movies.journal", text);
	expect_same_stat(dir, "movies.journal", &before);
	p = open_ok(dir);
	assert_int_equal(profile_set(p, "3", 3, err, sizeof err), 0);
	assert_int_equal(profile_skipped_lines(p), 0);
	profile_close(p);
	expect_file(dir, "movies.journal.rejected", rejected);
	char *now = read_all(dir, "movies.journal");
	assert_int_equal(strncmp(now, "set\t100\t4\t1\nset\t", 14), 0);
	assert_int_equal(count_lines(dir, "movies.journal"), 2);
	free(now);
	p = open_ok(dir);
	assert_int_equal(profile_count(p), 2);
	assert_int_equal(profile_skipped_lines(p), 0);
	assert_true(value_of(p, "1") == 4 && value_of(p, "3") == 3);
	assert_false(profile_get(p, "17", NULL));
	profile_close(p);
	free(text);
	free(rejected);
}

/* The last line of an import killed inside its one write, rating item
 * 175 at 2.5: cut inside the id it would parse as a rating of item 17
 * at the time of 175's row; cut inside the value, or after the whole
 * id but before its '\n', it is just as unacknowledged. */
static void test_unterminated_last_line_is_torn(void **state)
{
	const char *dir = *state;
	static const char *const tails[] = {
		"set\t1600000175\t2.5\t17",
		"set\t1600000175\t2",
		"set\t1600000175\t8@1:10",
		"set\t1600000175\t2.5\t175",
		"clear\t1600000175\t1",
	};
	for (size_t k = 0; k < ARRAY_LEN(tails); k++) {
		expect_torn_tail(dir, tails[k]);
		char *cmd = xasprintf("rm -f '%s'/movies.journal*", dir);
		assert_int_equal(system(cmd), 0);
		free(cmd);
	}
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
	expect_bad_lines(p, 9, (size_t[]){ 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 9);
	assert_int_equal(profile_count(p), 1);
	assert_true(value_of(p, "good2") == 2.5);
	assert_false(profile_get(p, "good", NULL));
	profile_close(p);
}

/* A journal an editor saved with a byte order mark reads whole; a
 * mark anywhere else is no part of a line taste writes. */
static void test_byte_order_mark(void **state)
{
	const char *dir = *state;
	write_file(dir, "movies.journal",
		   "\xef\xbb\xbfset\t100\t4\t7\n"
		   "\xef\xbb\xbfset\t100\t3\t8\n");
	struct profile *p = open_ok(dir);
	assert_int_equal(profile_skipped_lines(p), 1);
	expect_bad_lines(p, 1, (size_t[]){ 2 }, 1);
	assert_true(value_of(p, "7") == 4);
	assert_false(profile_get(p, "8", NULL));
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
	/* 16 ratings and the 4 clears, the last event of their ids. */
	assert_int_equal(count_lines(dir, "movies.journal"), 20);
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
	churn(p, 90);   /* 288 lines for 90 ids: > 2 * 90 + 100 */
	profile_close(p);
	assert_int_equal(count_lines(dir, "movies.journal"), 288);
	p = open_ok(dir);
	/* 72 ratings and 18 clears */
	assert_int_equal(count_lines(dir, "movies.journal"), 90);
	check_churned(p, 90);
	profile_close(p);
	p = open_ok(dir);
	check_churned(p, 90);
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

/* Rows of the import the import-kill children write: item k, for k
 * from 1 to IMPORT_ROWS, with a long id (most cuts of a line fall in
 * it), at a value and a time of its own. */
#define IMPORT_ROWS 300000
#define IMPORT_BATCH 60000
#define IMPORT_ID "%ld-abcdefghijklmnopqrstuvwxyz"

/* The value the import gives item k. */
static double import_value(long k)
{
	return 0.5 + (double)(k * 7 % 10) * 0.5;
}

/* The child: import the rows in batches of IMPORT_BATCH, each one
 * profile_set_many (one write of about 1.5 MB), reporting each batch
 * once it has returned. */
static void import_child(const char *dir, int fd)
{
	char err[256];
	struct profile *p = profile_open(dir, "movies", err, sizeof err);
	struct profile_entry *e = xcalloc(IMPORT_BATCH, sizeof *e);
	char (*ids)[48] = xcalloc(IMPORT_BATCH, sizeof *ids);
	if (!p)
		_exit(3);
	for (int b = 0; b * IMPORT_BATCH < IMPORT_ROWS; b++) {
		for (long i = 0; i < IMPORT_BATCH; i++) {
			long k = (long)b * IMPORT_BATCH + i + 1;
			snprintf(ids[i], sizeof ids[i], IMPORT_ID, k);
			e[i] = (struct profile_entry){
				ids[i], import_value(k), 1600000000 + k, 0,
				NULL, false };
		}
		if (profile_set_many(p, e, IMPORT_BATCH, err,
				     sizeof err) != 0)
			_exit(4);
		if (write(fd, &b, sizeof b) != sizeof b)
			_exit(5);
	}
	_exit(0);
}

/* Every rating p shows is one the import wrote, item, value and time;
 * the batches up to last are all there. */
static void check_imported(const struct profile *p, int last)
{
	for (size_t j = 0; j < profile_count(p); j++) {
		struct profile_entry e = profile_entry_at(p, j);
		char want[48];
		long k = strtol(e.item_id, NULL, 10);
		snprintf(want, sizeof want, IMPORT_ID, k);
		assert_string_equal(e.item_id, want);
		assert_true(k >= 1 && k <= IMPORT_ROWS);
		assert_true(e.value == import_value(k));
		assert_int_equal(e.when, 1600000000 + k);
	}
	assert_true(profile_count(p) >= (size_t)(last + 1) * IMPORT_BATCH);
}

/* Size of dir/movies.journal, 0 when there is none. */
static off_t journal_size(const char *dir)
{
	char *path = xasprintf("%s/movies.journal", dir);
	struct stat st;
	off_t n = stat(path, &st) == 0 ? st.st_size : 0;
	free(path);
	return n;
}

/* Kill the child with SIGKILL as soon as the journal has grown after
 * its first `skip` growths (in the middle of a write, as often as not),
 * or reap it when it ends first. */
static void kill_when_grown(const char *dir, pid_t pid, size_t skip)
{
	off_t was = journal_size(dir);
	for (;;) {
		off_t now = journal_size(dir);
		if (now != was && skip-- == 0)
			break;
		was = now;
		if (waitpid(pid, NULL, WNOHANG) == pid)
			return;
	}
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
}

static void test_kill9_during_import(void **state)
{
	const char *dir = *state;
	int torn = 0;
	srand(11);
	for (int round = 0; round < 16; round++) {
		int fds[2];
		assert_int_equal(pipe(fds), 0);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(fds[0]);
			import_child(dir, fds[1]);
		}
		close(fds[1]);
		kill_when_grown(dir, pid, (size_t)(rand() % 3));
		int b, last = -1;
		while (read(fds[0], &b, sizeof b) == sizeof b)
			last = b;
		close(fds[0]);
		struct profile *p = open_ok(dir);
		assert_true(profile_skipped_lines(p) <= 1);
		torn += profile_skipped_lines(p) == 1;
		check_imported(p, last);
		profile_close(p);
	}
	print_message("# 16 imports killed, %d left a torn line\n", torn);
}

/* dir/name is a symbolic link whose text is to. */
static void expect_link(const char *dir, const char *name, const char *to)
{
	char *path = xasprintf("%s/%s", dir, name), buf[512];
	ssize_t n = readlink(path, buf, sizeof buf - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_string_equal(buf, to);
	free(path);
}

/* The tester's symlinked-journal case: the journal in a synced folder,
 * linked into the data directory (data/movies.journal -> sync/movies.
 * journal, relative or absolute, or through a second link). Compaction
 * on open and profile_compact replace the file the link names, beside
 * it, and the link stays: later ratings go to the synced file. */
static void test_symlinked_journal_compacted_through(void **state)
{
	const char *dir = *state;
	char err[256], *data = xasprintf("%s/data", dir);
	char *sync = xasprintf("%s/sync", dir);
	char *abs = xasprintf("%s/movies.journal", sync);
	const char *links[] = { "../sync/movies.journal", abs, "hop" };
	assert_int_equal(mkdir(data, 0700), 0);
	assert_int_equal(mkdir(sync, 0700), 0);
	for (size_t k = 0; k < ARRAY_LEN(links); k++) {
		char *many = xstrdup("");
		for (int i = 1; i <= 150; i++) {
			char *more = xasprintf("%sset\t%d\t%d\t1\n", many,
					       1600000000 + i, i % 5 + 1);
			free(many);
			many = more;
		}
		write_file(sync, "movies.journal", many);
		free(many);
		char *link = xasprintf("%s/movies.journal", data);
		char *hop = xasprintf("%s/hop", data);
		unlink(link);
		unlink(hop);
		assert_int_equal(symlink(links[k], link), 0);
		assert_int_equal(symlink("../sync/movies.journal", hop), 0);
		struct profile *p = open_ok(data);
		expect_link(data, "movies.journal", links[k]);
		assert_int_equal(count_lines(sync, "movies.journal"), 1);
		assert_int_equal(profile_set(p, "2", 4, err, sizeof err), 0);
		assert_int_equal(profile_set(p, "2", 3, err, sizeof err), 0);
		assert_int_equal(profile_compact(p, err, sizeof err), 0);
		assert_int_equal(profile_set(p, "3", 5, err, sizeof err), 0);
		profile_close(p);
		expect_link(data, "movies.journal", links[k]);
		assert_int_equal(count_lines(sync, "movies.journal"), 3);
		char *text = read_all(sync, "movies.journal");
		assert_int_equal(strncmp(text, "set\t1600000150\t1\t1\n",
					 19), 0);
		free(text);
		assert_false(access_in(sync, "movies.journal.tmp"));
		assert_false(access_in(data, "movies.journal.tmp"));
		p = open_ok(data);
		assert_int_equal(profile_count(p), 3);
		assert_true(value_of(p, "1") == 1 && value_of(p, "2") == 3 &&
			    value_of(p, "3") == 5);
		profile_close(p);
		free(link);
		free(hop);
	}
	free(data);
	free(sync);
	free(abs);
}

/* Open dir's "movies" profile read-only, failing the test when it
 * cannot. */
static struct profile *open_ro_ok(const char *dir)
{
	char err[256] = "";
	struct profile *p = profile_open_ro(dir, "movies", err, sizeof err);
	if (!p)
		fail_msg("profile_open_ro: %s", err);
	return p;
}

/* The tester's dry-run case: a long journal (150 lines for one item,
 * 0644) read by a command that only reads is neither compacted nor
 * made 0600; a torn tail stays; writes and compaction fail and say
 * why; a missing journal is empty, is not created, and is seen by a
 * refresh once a writer made it. */
static void test_read_only_open(void **state)
{
	const char *dir = *state;
	char err[256], *many = xstrdup("");
	for (int i = 1; i <= 150; i++) {
		char *more = xasprintf("%sset\t%d\t%d\t1\n", many,
				       1600000000 + i, i % 5 + 1);
		free(many);
		many = more;
	}
	char *text = xasprintf("%sset\t1600000151\t4\t17", many);
	write_file(dir, "movies.journal", text);
	char *path = xasprintf("%s/movies.journal", dir);
	assert_int_equal(chmod(path, 0644), 0);
	struct stat before = stat_of(dir, "movies.journal");
	struct profile *p = open_ro_ok(dir);
	assert_int_equal(profile_count(p), 1);
	assert_true(value_of(p, "1") == 1);
	expect_bad_lines(p, 1, (size_t[]){ 151 }, 1);
	assert_int_equal(profile_set(p, "2", 4, err, sizeof err), -1);
	assert_non_null(strstr(err, "read-only"));
	assert_int_equal(profile_clear(p, "1", err, sizeof err), -1);
	assert_int_equal(profile_compact(p, err, sizeof err), -1);
	assert_non_null(strstr(err, "read-only"));
	assert_true(value_of(p, "1") == 1);
	profile_close(p);
	struct stat now = stat_of(dir, "movies.journal");
	assert_int_equal(now.st_ino, before.st_ino);
	assert_int_equal(now.st_mode & 07777, 0644);
	assert_int_equal(now.st_mtim.tv_sec, before.st_mtim.tv_sec);
	assert_int_equal(now.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
	expect_file(dir, "movies.journal", text);
	assert_false(access_in(dir, "movies.journal.rejected"));
	/* Missing: empty, not created, then seen once written. */
	assert_int_equal(unlink(path), 0);
	p = open_ro_ok(dir);
	assert_int_equal(profile_count(p), 0);
	assert_false(access_in(dir, "movies.journal"));
	assert_false(refreshed(p));
	struct profile *w = open_ok(dir);
	assert_int_equal(profile_set(w, "5", 3, err, sizeof err), 0);
	assert_true(refreshed(p));
	assert_true(value_of(p, "5") == 3);
	assert_int_equal(profile_set(w, "6", 2, err, sizeof err), 0);
	assert_true(refreshed(p));
	assert_int_equal(profile_count(p), 2);
	profile_close(w);
	profile_close(p);
	free(many);
	free(text);
	free(path);
}

/* In a child that may not write dir/movies.journal (0400 in a 0500
 * directory, as user nobody when run by root): the read-only open
 * reads it, the writing one fails. The child's exit status says which
 * step failed. */
static void read_only_child(const char *dir)
{
	char err[256];
	if (getuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
		_exit(10);
	if (access(dir, X_OK) != 0)
		_exit(20);      /* a parent of dir is closed to nobody */
	struct profile *p = profile_open_ro(dir, "movies", err, sizeof err);
	if (!p)
		_exit(11);
	if (profile_count(p) != 1 || !profile_get(p, "7", NULL))
		_exit(12);
	profile_close(p);
	p = profile_open(dir, "movies", err, sizeof err);
	_exit(p || !strstr(err, "Permission denied") ? 13 : 0);
}

static void test_read_only_journal(void **state)
{
	const char *dir = *state;
	char *path = xasprintf("%s/movies.journal", dir);
	write_file(dir, "movies.journal", "set\t100\t4\t7\n");
	if (getuid() == 0)
		assert_int_equal(chown(dir, 65534, 65534) |
				 chown(path, 65534, 65534), 0);
	assert_int_equal(chmod(path, 0400) | chmod(dir, 0500), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		read_only_child(dir);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 20) {
		assert_int_equal(chmod(dir, 0700), 0);
		free(path);
		skip();     /* this machine's /tmp is not open to nobody */
	}
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(chmod(dir, 0700), 0);
	expect_file(dir, "movies.journal", "set\t100\t4\t7\n");
	assert_int_equal(mode_of_in(dir, "movies.journal"), 0400);
	free(path);
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

/* The items of the offscale case's catalogue: ids 1 to 20. */
static bool known_1_to_20(void *ctx, const char *id)
{
	(void)ctx;
	char *end;
	long n = strtol(id, &end, 10);
	return *id && !*end && n >= 1 && n <= 20;
}

/* The tester's journal-offscale-values case. */
static const char OFFSCALE[] =
	"set\t100\t99\t2\n"
	"set\t100\t-3\t3\n"
	"set\t100\t4.25\t5\n"
	"set\t100\t1e308\t11\n"
	"set\t100\t0x1p2\t12\n"
	"set\t100\t4\t999999\n";

static void test_offscale_values_are_hidden(void **state)
{
	const char *dir = *state;
	char msg[256];
	write_file(dir, "movies.journal", OFFSCALE);
	struct profile *p = open_ok(dir);
	/* Hex is no number at all: line 5 is unreadable. */
	expect_bad_lines(p, 1, (size_t[]){ 5 }, 1);
	assert_int_equal(profile_count(p), 5);
	assert_true(value_of(p, "11") == 1e308);
	assert_int_equal(profile_validate(p, &SCALE_MOVIELENS, known_1_to_20,
					  NULL), 5);
	assert_int_equal(profile_count(p), 0);
	for (const char *const *id = (const char *const[]){ "2", "3", "5",
		     "11", "12", "999999", NULL }; *id; id++)
		assert_false(profile_get(p, *id, NULL));
	struct profile_dropped d = profile_dropped(p);
	assert_int_equal(d.off_scale, 4);
	assert_int_equal(d.unknown, 1);
	size_t len = profile_dropped_message(p, msg, sizeof msg);
	assert_int_equal(len, strlen(msg));
	assert_string_equal(msg, "4 ratings in your profile are off the "
			    "scale and were ignored; 1 is for an item not "
			    "in this catalogue");
	len = profile_unreadable_message(p, msg, sizeof msg);
	assert_int_equal(len, strlen(msg));
	assert_string_equal(msg, "1 unreadable line in movies.journal "
			    "(line 5) ignored");
	profile_close(p);
	/* Validation is in memory only. */
	expect_file(dir, "movies.journal", OFFSCALE);
}

static void test_validation_survives_compaction(void **state)
{
	const char *dir = *state;
	char err[256];
	write_file(dir, "movies.journal", OFFSCALE);
	struct profile *p = open_ok(dir);
	profile_validate(p, &SCALE_MOVIELENS, known_1_to_20, NULL);
	assert_int_equal(profile_set(p, "1", 4.5, err, sizeof err), 0);
	assert_int_equal(profile_compact(p, err, sizeof err), 0);
	/* Still validated after reading the file again. */
	assert_int_equal(profile_count(p), 1);
	assert_int_equal(profile_dropped(p).off_scale, 4);
	assert_int_equal(profile_dropped(p).unknown, 1);
	assert_int_equal(profile_skipped_lines(p), 0);
	profile_close(p);
	/* Every hidden rating is still in the file, exactly. */
	expect_file(dir, "movies.journal.rejected", "set\t100\t0x1p2\t12\n");
	assert_int_equal(count_lines(dir, "movies.journal"), 6);
	p = open_ok(dir);
	assert_int_equal(profile_count(p), 6);
	assert_true(value_of(p, "2") == 99 && value_of(p, "3") == -3 &&
		    value_of(p, "5") == 4.25 && value_of(p, "11") == 1e308 &&
		    value_of(p, "999999") == 4 && value_of(p, "1") == 4.5);
	assert_int_equal(profile_entry_at(p, 0).when, 100);
	profile_close(p);
}

static void test_validated_set_and_clear(void **state)
{
	const char *dir = *state;
	char err[256];
	write_file(dir, "movies.journal", OFFSCALE);
	struct profile *p = open_ok(dir);
	profile_validate(p, &SCALE_MOVIELENS, known_1_to_20, NULL);
	assert_int_equal(profile_set(p, "4", 4.25, err, sizeof err), -1);
	assert_string_equal(err, "4.25 is not a rating on the scale 0.5-5 "
			    "step 0.5");
	assert_int_equal(profile_set(p, "21", 4, err, sizeof err), -1);
	assert_string_equal(err, "no item with id 21 in this catalogue");
	/* Re-rating a hidden entry shows the new value. */
	assert_int_equal(profile_set(p, "2", 3.5, err, sizeof err), 0);
	assert_int_equal(profile_count(p), 1);
	assert_true(value_of(p, "2") == 3.5);
	assert_int_equal(profile_dropped(p).off_scale, 3);
	/* Clearing a hidden entry removes it from the journal too. */
	assert_int_equal(profile_clear(p, "3", err, sizeof err), 0);
	assert_int_equal(profile_dropped(p).off_scale, 2);
	assert_int_equal(profile_changes(p), 2);
	profile_close(p);
	assert_int_equal(count_lines(dir, "movies.journal"), 8);
	p = open_ok(dir);
	assert_false(profile_get(p, "3", NULL));
	assert_int_equal(profile_count(p), 4);
	assert_int_equal(profile_validate(p, NULL, NULL, NULL), 0);
	profile_close(p);
}

static void test_validate_against_a_catalogue(void **state)
{
	const char *dir = *state;
	char err[512], msg[256];
	struct catalog *c = catalog_open(fixture("tiny-movies"), err,
					 sizeof err);
	if (!c)
		fail_msg("catalog_open: %s", err);
	write_file(dir, "movies.journal",
		   "set\t1\t4\t1\nset\t1\t3\t8\nset\t1\t7\t2\nset\t1\t2.5\t3\n"
		   "set\t1\t0.5\tnope\n");
	struct profile *p = open_ok(dir);
	assert_int_equal(profile_validate_catalog(p, c), 3);
	assert_int_equal(profile_count(p), 2);
	assert_true(value_of(p, "1") == 4 && value_of(p, "3") == 2.5);
	assert_int_equal(profile_dropped(p).unknown, 2);
	profile_dropped_message(p, msg, sizeof msg);
	assert_string_equal(msg, "1 rating in your profile is off the scale "
			    "and was ignored; 2 are for items not in this "
			    "catalogue");
	profile_validate(p, NULL, known_1_to_20, NULL);
	profile_dropped_message(p, msg, sizeof msg);
	assert_string_equal(msg, "1 rating in your profile is for an item "
			    "not in this catalogue and was ignored");
	profile_validate(p, NULL, NULL, NULL);
	assert_int_equal(profile_dropped_message(p, msg, sizeof msg), 0);
	assert_string_equal(msg, "");
	profile_close(p);
	catalog_free(c);
}

static void test_value_forms(void **state)
{
	const char *dir = *state;
	static const char *const good[] = { "4", "+4", "-0", "4.5", "45e-1",
		"4.5E+0", "0.5e1", "1e-400" };
	static const char *const bad[] = { "0x1p2", "0X4", "inf", "-inf",
		"nan", "NAN", "infinity", "1e400", ".5", "5.", "4.5.", "1e",
		"1e+", "4,5", " 4", "4 ", "", "--4", "1_0", "0x", "\xef\xbc\x94"
	};
	char *text = xstrdup("");
	for (size_t i = 0; i < ARRAY_LEN(good) + ARRAY_LEN(bad); i++) {
		const char *v = i < ARRAY_LEN(good) ? good[i]
			: bad[i - ARRAY_LEN(good)];
		char *more = xasprintf("%sset\t1\t%s\tid%zu\n", text, v, i);
		free(text);
		text = more;
	}
	write_file(dir, "movies.journal", text);
	free(text);
	struct profile *p = open_ok(dir);
	assert_int_equal(profile_count(p), ARRAY_LEN(good));
	assert_int_equal(profile_skipped_lines(p), ARRAY_LEN(bad));
	assert_true(value_of(p, "id1") == 4 && value_of(p, "id4") == 4.5 &&
		    value_of(p, "id5") == 4.5 && value_of(p, "id6") == 5);
	assert_true(value_of(p, "id7") >= 0 && value_of(p, "id7") < 1e-300);
	profile_close(p);
}

static void test_times_are_strict(void **state)
{
	const char *dir = *state;
	write_file(dir, "movies.journal",
		   "set\t-5\t4\ta\n"
		   "set\t+5\t4\tb\n"
		   "set\t 5\t4\tc\n"
		   "set\t99999999999999999999\t4\td\n"
		   "set\t0x10\t4\te\n"
		   "clear\t5 \ta\n");
	struct profile *p = open_ok(dir);
	assert_int_equal(profile_count(p), 1);
	assert_int_equal(profile_entry_at(p, 0).when, -5);
	expect_bad_lines(p, 5, (size_t[]){ 2, 3, 4, 5, 6 }, 5);
	profile_close(p);
}

static void test_values_read_back_exactly(void **state)
{
	const char *dir = *state;
	char err[256];
	double odd = 0.1 + 0.2;     /* 0.30000000000000004 */
	struct profile *p = open_ok(dir);
	assert_int_equal(profile_set(p, "a", odd, err, sizeof err), 0);
	assert_int_equal(profile_set(p, "b", 4.5, err, sizeof err), 0);
	assert_int_equal(profile_set(p, "c", 1e308, err, sizeof err), 0);
	assert_int_equal(profile_compact(p, err, sizeof err), 0);
	profile_close(p);
	char *text = read_all(dir, "movies.journal");
	assert_non_null(strstr(text, "\t4.5\tb\n"));
	assert_non_null(strstr(text, "\t1e+308\tc\n"));
	free(text);
	p = open_ok(dir);
	assert_true(value_of(p, "a") == odd && value_of(p, "c") == 1e308);
	profile_close(p);
}

static void test_unreadable_line_numbers(void **state)
{
	const char *dir = *state;
	char msg[512];
	char *text = xstrdup("set\t1\t4\tgood\n");
	for (int i = 0; i < 25; i++) {
		char *more = xasprintf("%sset\t1\t4\tx\textra%d\n", text, i);
		free(text);
		text = more;
	}
	write_file(dir, "movies.journal", text);
	free(text);
	struct profile *p = open_ok(dir);
	size_t want[20];
	for (size_t i = 0; i < 20; i++)
		want[i] = i + 2;
	expect_bad_lines(p, 25, want, 20);
	profile_unreadable_message(p, msg, sizeof msg);
	assert_string_equal(msg, "25 unreadable lines in movies.journal "
			    "(lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, "
			    "14, 15, 16, 17, 18, 19, 20, 21 and 5 more) "
			    "ignored");
	profile_close(p);
	write_file(dir, "movies.journal", "set\t1\t4\ta\nbad\nset\t1\t4\tb\n"
		   "set\t1\t4\n");
	p = open_ok(dir);
	profile_unreadable_message(p, msg, sizeof msg);
	assert_string_equal(msg, "2 unreadable lines in movies.journal "
			    "(lines 2, 4) ignored");
	profile_close(p);
	write_file(dir, "movies.journal", "set\t1\t4\ta\n");
	p = open_ok(dir);
	assert_int_equal(profile_unreadable_message(p, msg, sizeof msg), 0);
	assert_string_equal(msg, "");
	profile_close(p);
}

static void test_compact_moves_unreadable_lines(void **state)
{
	const char *dir = *state;
	char err[256];
	write_file(dir, "movies.journal",
		   "set\t1\t4\ta\n"
		   "set\t1\t4\tb\tc\n"
		   "set\t2\t3\ta\n"
		   "garbage \\q\n"
		   "set\t3\t2\tz\n"
		   "set\t4\t1");
	struct profile *p = open_ok(dir);
	expect_bad_lines(p, 3, (size_t[]){ 2, 4, 6 }, 3);
	assert_int_equal(profile_compact(p, err, sizeof err), 0);
	assert_int_equal(profile_skipped_lines(p), 0);
	assert_int_equal(profile_count(p), 2);
	profile_close(p);
	expect_file(dir, "movies.journal", "set\t2\t3\ta\nset\t3\t2\tz\n");
	expect_file(dir, "movies.journal.rejected",
		    "set\t1\t4\tb\tc\ngarbage \\q\nset\t4\t1\n");
	assert_int_equal(mode_of_in(dir, "movies.journal.rejected"), 0600);
	/* Moving more appends, never overwrites. */
	write_file(dir, "movies.journal", "set\t2\t3\ta\n???\n");
	p = open_ok(dir);
	assert_int_equal(profile_compact(p, err, sizeof err), 0);
	profile_close(p);
	expect_file(dir, "movies.journal.rejected",
		    "set\t1\t4\tb\tc\ngarbage \\q\nset\t4\t1\n???\n");
}

static void test_no_auto_compaction_with_unreadable_lines(void **state)
{
	const char *dir = *state;
	char err[256];
	struct profile *p = open_ok(dir);
	churn(p, 90);
	profile_close(p);
	char *text = read_all(dir, "movies.journal");
	char *more = xasprintf("%sset\t1\t4\n", text);
	write_file(dir, "movies.journal", more);
	struct stat before = stat_of(dir, "movies.journal");
	p = open_ok(dir);
	check_churned(p, 90);
	expect_bad_lines(p, 1, (size_t[]){ 289 }, 1);
	profile_close(p);
	expect_file(dir, "movies.journal", more);
	expect_same_stat(dir, "movies.journal", &before);
	free(text);
	free(more);
	/* An explicit compaction does run, and then on-open ones again. */
	p = open_ok(dir);
	assert_int_equal(profile_compact(p, err, sizeof err), 0);
	profile_close(p);
	assert_int_equal(count_lines(dir, "movies.journal"), 90);
	expect_file(dir, "movies.journal.rejected", "set\t1\t4\n");
}

static void test_refresh_sees_other_writers(void **state)
{
	const char *dir = *state;
	char err[256];
	struct profile *a = open_ok(dir), *b = open_ok(dir);
	assert_false(refreshed(b));
	assert_int_equal(profile_set(a, "356", 4, err, sizeof err), 0);
	assert_true(refreshed(b));
	assert_true(value_of(b, "356") == 4);
	assert_false(refreshed(b));
	/* b's own write is not news to b. */
	assert_int_equal(profile_set(b, "1", 3, err, sizeof err), 0);
	assert_false(refreshed(b));
	assert_true(refreshed(a));
	assert_int_equal(profile_clear(a, "356", err, sizeof err), 0);
	assert_int_equal(profile_set(a, "1", 5, err, sizeof err), 0);
	assert_true(refreshed(b));
	assert_int_equal(profile_count(b), 1);
	assert_true(value_of(b, "1") == 5);
	/* A compaction elsewhere is a new file with the same ratings. */
	assert_int_equal(profile_compact(a, err, sizeof err), 0);
	assert_false(refreshed(b));
	assert_int_equal(profile_set(a, "2", 2, err, sizeof err), 0);
	assert_true(refreshed(b));
	assert_int_equal(profile_count(b), 2);
	assert_int_equal(profile_changes(b), 1);
	profile_close(a);
	profile_close(b);
}

static void test_refresh_rewritten_or_removed(void **state)
{
	const char *dir = *state;
	char err[256];
	write_file(dir, "movies.journal", "set\t1\t4\ta\n");
	struct profile *p = open_ok(dir);
	/* Rewritten in place (same inode), longer. */
	write_file(dir, "movies.journal", "set\t1\t5\ta\nset\t1\t3\tb\n");
	assert_true(refreshed(p));
	assert_true(value_of(p, "a") == 5 && value_of(p, "b") == 3);
	/* Rewritten in place, same size. */
	write_file(dir, "movies.journal", "set\t1\t2\ta\nset\t1\t3\tc\n");
	assert_true(refreshed(p));
	assert_false(profile_get(p, "b", NULL));
	/* Removed: empty, and not created again by reading. */
	char *path = xasprintf("%s/movies.journal", dir);
	assert_int_equal(unlink(path), 0);
	assert_true(refreshed(p));
	assert_int_equal(profile_count(p), 0);
	assert_false(refreshed(p));
	assert_false(access_in(dir, "movies.journal"));
	/* The next write makes it again. */
	assert_int_equal(profile_set(p, "d", 1, err, sizeof err), 0);
	assert_int_equal(count_lines(dir, "movies.journal"), 1);
	assert_false(refreshed(p));
	assert_int_equal(profile_count(p), 1);
	free(path);
	profile_close(p);
}

static void test_refresh_follows_the_last_line(void **state)
{
	const char *dir = *state;
	char err[256];
	/* A tail that parses is torn all the same: counted, then gone
	 * once a writer moved it. */
	write_file(dir, "movies.journal", "set\t1\t4\ta\nset\t1\t3\tb");
	struct profile *r = open_ok(dir), *w = open_ok(dir);
	assert_int_equal(profile_count(r), 1);
	expect_bad_lines(r, 1, (size_t[]){ 2 }, 1);
	assert_int_equal(profile_set(w, "c", 1, err, sizeof err), 0);
	assert_true(refreshed(r));
	assert_int_equal(profile_count(r), 2);
	assert_false(profile_get(r, "b", NULL));
	assert_int_equal(profile_skipped_lines(r), 0);
	assert_int_equal(count_lines(dir, "movies.journal"), 2);
	profile_close(r);
	profile_close(w);
	assert_int_equal(unlink_in(dir, "movies.journal.rejected"), 0);
	/* One that does not parse, the same way. */
	write_file(dir, "movies.journal", "set\t1\t4\ta\nset\t1\t3");
	r = open_ok(dir);
	w = open_ok(dir);
	expect_bad_lines(r, 1, (size_t[]){ 2 }, 1);
	assert_int_equal(profile_set(w, "c", 1, err, sizeof err), 0);
	assert_true(refreshed(r));
	assert_int_equal(profile_skipped_lines(r), 0);
	assert_int_equal(profile_count(r), 2);
	assert_true(value_of(r, "c") == 1);
	/* Lines added after a torn tail was read are read as lines. */
	assert_int_equal(profile_set(w, "d", 2, err, sizeof err), 0);
	assert_true(refreshed(r));
	assert_int_equal(profile_count(r), 3);
	assert_int_equal(profile_skipped_lines(r), 0);
	profile_close(r);
	profile_close(w);
}

static void test_refresh_validates_new_lines(void **state)
{
	const char *dir = *state;
	char err[256];
	struct profile *r = open_ok(dir), *w = open_ok(dir);
	profile_validate(r, &SCALE_MOVIELENS, known_1_to_20, NULL);
	assert_int_equal(profile_set(w, "3", 4, err, sizeof err), 0);
	assert_int_equal(profile_set(w, "4", 7, err, sizeof err), 0);
	assert_int_equal(profile_set(w, "40", 4, err, sizeof err), 0);
	assert_true(refreshed(r));
	assert_int_equal(profile_count(r), 1);
	assert_int_equal(profile_dropped(r).off_scale, 1);
	assert_int_equal(profile_dropped(r).unknown, 1);
	/* A hidden rating changing is not a change on screen... */
	assert_int_equal(profile_set(w, "4", 8, err, sizeof err), 0);
	assert_false(refreshed(r));
	/* ...but its becoming valid is. */
	assert_int_equal(profile_set(w, "4", 2, err, sizeof err), 0);
	assert_true(refreshed(r));
	assert_true(value_of(r, "4") == 2);
	profile_close(r);
	profile_close(w);
}

static void test_bad_catalog_name(void **state)
{
	char err[256] = "";
	assert_null(profile_open(*state, "../evil", err, sizeof err));
	assert_true(strlen(err) > 0);
	assert_null(profile_open("/nonexistent/dir", "movies", err,
				 sizeof err));
}

/* Ratings kept on their source's scale: the journal holds 8@1:10:1,
 * the getters show it on the catalogue's scale (IMDb 8 of 10 is 4 of
 * 0.5-5), and until a scale is given it is hidden as off the scale. */
static const char SOURCE_SCALED[] =
	"set\t100\t8@1:10:1\t1\n"
	"set\t100\t10@1:10:1\t2\n"
	"set\t100\t4.5\t3\n"
	"set\t100\t2@1:5:1\t4\n"
	"set\t100\t3@1:5:1\t5\n";

static void test_source_scale_converted_when_shown(void **state)
{
	const char *dir = *state;
	write_file(dir, "movies.journal", SOURCE_SCALED);
	struct profile *p = open_ok(dir);
	expect_bad_lines(p, 0, NULL, 0);
	/* No scale known yet: only the native rating is shown. */
	assert_int_equal(profile_count(p), 1);
	assert_int_equal(profile_dropped(p).off_scale, 4);
	assert_int_equal(profile_validate(p, &SCALE_MOVIELENS, NULL, NULL),
			 0);
	assert_true(value_of(p, "1") == 4.0);
	assert_true(value_of(p, "2") == 5.0);
	assert_true(value_of(p, "3") == 4.5);
	/* Whole stars of 1-5 are themselves on half stars. */
	assert_true(value_of(p, "4") == 2);
	assert_true(value_of(p, "5") == 3);
	struct profile_entry e;
	assert_true(profile_get_entry(p, "1", &e));
	assert_true(e.value == 4.0 && e.raw == 8 && e.when == 100);
	assert_non_null(e.from);
	assert_true(e.from->min == 1 && e.from->max == 10 &&
		    e.from->step == 1);
	assert_true(profile_get_entry(p, "3", &e));
	assert_null(e.from);
	/* On the books' 1-5 scale the 1-5 ones are themselves, 8 of 10 is
	 * 4; the native 4.5 is off its step and hidden. */
	assert_int_equal(profile_validate(p, &SCALE_GOODBOOKS, NULL, NULL),
			 1);
	assert_true(value_of(p, "4") == 2 && value_of(p, "5") == 3);
	assert_true(value_of(p, "2") == 5 && value_of(p, "1") == 4);
	assert_false(profile_get(p, "3", NULL));
	profile_close(p);
	/* Reading and validating never rewrite the file. */
	expect_file(dir, "movies.journal", SOURCE_SCALED);
}

static void test_source_scale_kept_by_writes(void **state)
{
	const char *dir = *state;
	char err[256];
	const struct scale imdb = { 1, 10, 1 };
	struct profile *p = open_ok(dir);
	profile_validate(p, &SCALE_MOVIELENS, known_1_to_20, NULL);
	struct profile_entry in[] = {
		{ "1", 4.0, 200, 8, &imdb, false },
		{ "2", 3.5, 201, 0, NULL, false },
	};
	assert_int_equal(profile_set_many(p, in, 2, err, sizeof err), 0);
	assert_true(value_of(p, "1") == 4.0 && value_of(p, "2") == 3.5);
	/* 9.5 is off IMDb's own step; 2 of 1-10 is 1: fine. */
	struct profile_entry bad = { "3", 0, 202, 9.5, &imdb, false };
	assert_int_equal(profile_set_many(p, &bad, 1, err, sizeof err), -1);
	assert_string_equal(err, "9.5 is not a rating on the scale 1-10 "
			    "step 1");
	expect_file(dir, "movies.journal", "set\t200\t8@1:10:1\t1\n"
		    "set\t201\t3.5\t2\n");
	/* Compaction keeps the source's value and scale. */
	assert_int_equal(profile_compact(p, err, sizeof err), 0);
	expect_file(dir, "movies.journal", "set\t200\t8@1:10:1\t1\n"
		    "set\t201\t3.5\t2\n");
	/* Re-rating in taste stores the catalogue's value. */
	assert_int_equal(profile_set(p, "1", 2.5, err, sizeof err), 0);
	struct profile_entry e;
	assert_true(profile_get_entry(p, "1", &e));
	assert_null(e.from);
	assert_true(e.value == 2.5);
	profile_close(p);
	p = open_ok(dir);
	assert_true(value_of(p, "1") == 2.5);
	profile_close(p);
}

/* Source scales that do not hold are unreadable lines, never guessed. */
static void test_source_scale_forms(void **state)
{
	const char *dir = *state;
	write_file(dir, "movies.journal",
		   "set\t1\t8@1:10\ta\n"           /* no step */
		   "set\t1\t8@1:10:1:1\tb\n"       /* one too many */
		   "set\t1\t11@1:10:1\tc\n"        /* off its own scale */
		   "set\t1\t8.5@1:10:1\td\n"       /* off its step */
		   "set\t1\t8@10:1:1\te\n"         /* max below min */
		   "set\t1\t8@1:10:0\tf\n"         /* no step */
		   "set\t1\t8@1:10:4\tg\n"         /* max off the step */
		   "set\t1\t8@\th\n"
		   "set\t1\t8@1:1e1:x\ti\n"
		   "set\t1\t@1:10:1\tj\n"
		   "set\t1\t8@1:10:1@2\tk\n"
		   "set\t1\t8@0x1:10:1\tl\n"
		   "set\t1\t5@0:1e308:1e-308\tn\n"    /* too many steps */
		   "set\t1\t8@1:1e1:1\tm\n");       /* fine: 1e1 is 10 */
	struct profile *p = open_ok(dir);
	expect_bad_lines(p, 13, (size_t[]){ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
					    11, 12, 13 }, 13);
	profile_validate(p, &SCALE_MOVIELENS, NULL, NULL);
	assert_int_equal(profile_count(p), 1);
	assert_true(value_of(p, "m") == 4.0);
	profile_close(p);
}

/* A clear is kept with its time, through compaction and reopening,
 * until the item is rated again. */
static void test_clear_keeps_its_time(void **state)
{
	const char *dir = *state;
	char err[256];
	int64_t when = 0;
	write_file(dir, "movies.journal",
		   "set\t10\t4\ta\nclear\t20\ta\nset\t30\t3\tb\n"
		   "clear\t40\tnever-set\n");
	struct profile *p = open_ok(dir);
	assert_int_equal(profile_count(p), 1);
	assert_true(profile_cleared_at(p, "a", &when) && when == 20);
	assert_true(profile_cleared_at(p, "never-set", &when) && when == 40);
	assert_false(profile_cleared_at(p, "b", &when));
	assert_false(profile_cleared_at(p, "zzz", &when));
	/* Clearing what is already cleared writes nothing. */
	assert_int_equal(profile_clear(p, "a", err, sizeof err), 0);
	assert_int_equal(count_lines(dir, "movies.journal"), 4);
	assert_int_equal(profile_compact(p, err, sizeof err), 0);
	expect_file(dir, "movies.journal", "clear\t20\ta\nset\t30\t3\tb\n"
		    "clear\t40\tnever-set\n");
	profile_close(p);
	p = open_ok(dir);
	assert_true(profile_cleared_at(p, "a", &when) && when == 20);
	assert_int_equal(profile_count(p), 1);
	assert_int_equal(profile_set(p, "a", 5, err, sizeof err), 0);
	assert_false(profile_cleared_at(p, "a", &when));
	assert_true(value_of(p, "a") == 5);
	/* The clear is dropped once superseded. */
	assert_int_equal(profile_compact(p, err, sizeof err), 0);
	assert_int_equal(count_lines(dir, "movies.journal"), 3);
	profile_close(p);
}

/* A journal an editor saved with CRLF reads as it was written. */
static void test_crlf_line_ends(void **state)
{
	const char *dir = *state;
	write_file(dir, "movies.journal",
		   "set\t1\t4\t25\r\nset\t1\t3.5\t26\r\nclear\t2\t25\r\n"
		   "set\t1\t2\ta\\rb\r\n");
	struct profile *p = open_ok(dir);
	expect_bad_lines(p, 0, NULL, 0);
	assert_int_equal(profile_count(p), 2);
	assert_true(value_of(p, "26") == 3.5);
	assert_false(profile_get(p, "25", NULL));
	assert_true(value_of(p, "a\rb") == 2);
	profile_close(p);
}

/* A value the scale allows is stored at its step, by profile_set and
 * profile_set_many, on the catalogue's scale or a source's. */
static void test_values_stored_at_the_step(void **state)
{
	const char *dir = *state;
	char err[256];
	const struct scale imdb = { 1, 10, 1 };
	struct profile *p = open_ok(dir);
	profile_validate(p, &SCALE_MOVIELENS, known_1_to_20, NULL);
	assert_int_equal(profile_set(p, "1", 5.0000000001, err, sizeof err),
			 0);
	assert_true(value_of(p, "1") == 5.0);
	struct profile_entry in[] = {
		{ "2", 0.4999999999, 200, 0, NULL, false },
		{ "3", 0, 201, 7.9999999999, &imdb, false },
	};
	assert_int_equal(profile_set_many(p, in, 2, err, sizeof err), 0);
	profile_close(p);
	char *text = read_all(dir, "movies.journal");
	assert_non_null(strstr(text, "\t5\t1\n"));
	assert_non_null(strstr(text, "set\t200\t0.5\t2\n"));
	assert_non_null(strstr(text, "set\t201\t8@1:10:1\t3\n"));
	free(text);
}

/* profile_set_many writes a clear entry as a clear at its time, which
 * profile_cleared_at and profile_record_at give back; the records are
 * every item in order of first event, with what validation makes of
 * each. */
static void test_set_many_clears_and_records(void **state)
{
	const char *dir = *state;
	char err[256];
	struct profile *p = open_ok(dir);
	profile_validate(p, &SCALE_MOVIELENS, known_1_to_20, NULL);
	struct profile_entry in[] = {
		{ "2", 0, 300, 0, NULL, true },
		{ "1", 4.5, 100, 0, NULL, false },
	};
	assert_int_equal(profile_set_many(p, in, 2, err, sizeof err), 0);
	expect_file(dir, "movies.journal", "clear\t300\t2\n"
		    "set\t100\t4.5\t1\n");
	int64_t when = 0;
	assert_true(profile_cleared_at(p, "2", &when) && when == 300);
	assert_false(profile_get(p, "2", NULL));
	profile_close(p);
	/* an unknown id and a value off the scale, kept by the journal */
	write_file(dir, "movies.journal", "clear\t300\t2\nset\t100\t4.5\t1\n"
		   "set\t400\t3\t99\nset\t500\t7\t5\n");
	p = open_ok(dir);
	profile_validate(p, &SCALE_MOVIELENS, known_1_to_20, NULL);
	assert_int_equal(profile_record_count(p), 4);
	struct profile_entry e;
	assert_int_equal(profile_record_at(p, 0, &e), PROFILE_CLEARED);
	assert_string_equal(e.item_id, "2");
	assert_true(e.cleared && e.when == 300);
	assert_int_equal(profile_record_at(p, 1, &e), PROFILE_SHOWN);
	assert_true(strcmp(e.item_id, "1") == 0 && e.value == 4.5);
	assert_int_equal(profile_record_at(p, 2, &e), PROFILE_UNKNOWN);
	assert_true(strcmp(e.item_id, "99") == 0 && e.value == 3 &&
		    e.when == 400 && !e.cleared);
	assert_int_equal(profile_record_at(p, 3, &e), PROFILE_OFF_SCALE);
	assert_true(strcmp(e.item_id, "5") == 0 && e.value == 7);
	profile_close(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, fixture_dir_setup, \
						      fixture_dir_teardown)
		T(test_set_overwrite_clear_reopen),
		T(test_ids_are_escaped),
		T(test_torn_last_line),
		T(test_unterminated_last_line_is_torn),
		T(test_malformed_lines),
		T(test_byte_order_mark),
		T(test_modes_whatever_the_umask),
		T(test_compact_keeps_every_rating),
		T(test_open_compacts_long_journal),
		T(test_kill9_loses_no_acknowledged_rating),
		T(test_two_writers_share_a_journal),
		T(test_kill9_two_writers),
		T(test_kill9_during_import),
		T(test_symlinked_journal_compacted_through),
		T(test_read_only_open),
		T(test_read_only_journal),
		T(test_offscale_values_are_hidden),
		T(test_validation_survives_compaction),
		T(test_validated_set_and_clear),
		T(test_validate_against_a_catalogue),
		T(test_value_forms),
		T(test_times_are_strict),
		T(test_values_read_back_exactly),
		T(test_unreadable_line_numbers),
		T(test_compact_moves_unreadable_lines),
		T(test_no_auto_compaction_with_unreadable_lines),
		T(test_refresh_sees_other_writers),
		T(test_refresh_rewritten_or_removed),
		T(test_refresh_follows_the_last_line),
		T(test_refresh_validates_new_lines),
		T(test_bad_catalog_name),
		T(test_source_scale_converted_when_shown),
		T(test_source_scale_kept_by_writes),
		T(test_source_scale_forms),
		T(test_crlf_line_ends),
		T(test_clear_keeps_its_time),
		T(test_values_stored_at_the_step),
		T(test_set_many_clears_and_records),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
