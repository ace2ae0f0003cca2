/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_util: the small foundations: allocation helpers, the fatal path
 * (hook first, "taste: " message, exit 3), the debug log's line format
 * and escaping, and the JSON writers (escapes, no NaN). */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "json.h"
#include "log.h"
#include "util.h"

/* xsnprintf always terminates and says how much it kept; xgrow grows
 * to at least what is asked. */
static void snprintf_truncates_and_grow_grows(void **state)
{
	char buf[6], *s;
	int *v = NULL;
	size_t cap = 0;

	(void)state;
	assert_int_equal(xsnprintf(buf, sizeof buf, "%s", "abcdefgh"), 5);
	assert_string_equal(buf, "abcde");
	assert_int_equal(xsnprintf(buf, sizeof buf, "%d", 42), 2);
	xgrow((void **)&v, &cap, 100, sizeof *v);
	assert_true(cap >= 100);
	v[99] = 7;
	xgrow((void **)&v, &cap, 50, sizeof *v);
	assert_int_equal(v[99], 7);
	free(v);
	s = xasprintf("%s-%d", "x", 3);
	assert_string_equal(s, "x-3");
	free(s);
}

/* The fatal hook of the test: leaves a mark before the message. */
static void write_hook_mark(void)
{
	fputs("[hook]", stderr);
}

/* fatal() runs the hook, prints "taste: message" and exits with 3. */
static void fatal_runs_hook_then_exits_3(void **state)
{
	int pipefd[2], status;
	char out[128] = "";
	size_t len;
	ssize_t n;
	pid_t pid;

	(void)state;
	assert_int_equal(pipe(pipefd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(pipefd[1], 2);
		util_set_fatal_hook(write_hook_mark);
		fatal("broken %d", 7);
	}
	close(pipefd[1]);
	for (len = 0; len < sizeof out - 1; len += (size_t)n) {
		n = read(pipefd[0], out + len, sizeof out - 1 - len);
		if (n <= 0)
			break;
	}
	close(pipefd[0]);
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 3);
	assert_string_equal(out, "[hook]taste: broken 7\n");
}

/* Log lines are "YYYY-MM-DDTHH:MM:SS.mmm message", one per event, with
 * control bytes escaped; nothing is written when closed. */
static void log_lines_are_timestamped_and_escaped(void **state)
{
	char path[] = "/tmp/test_util_log.XXXXXX", line[256];
	regex_t re;
	FILE *f;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	log_msg("not logged: closed");
	assert_int_equal(log_open(path), 0);
	log_msg("loaded %d rows", 3);
	log_msg("title with\nnewline\tand tab\x7f");
	log_close();
	log_msg("not logged either");
	assert_int_equal(regcomp(&re, "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:"
				 "[0-9]{2}:[0-9]{2}\\.[0-9]{3} ",
				 REG_EXTENDED | REG_NOSUB), 0);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof line, f));
	assert_int_equal(regexec(&re, line, 0, NULL, 0), 0);
	assert_string_equal(line + 24, "loaded 3 rows\n");
	assert_non_null(fgets(line, sizeof line, f));
	assert_string_equal(line + 24,
			    "title with\\x0Anewline\\x09and tab\\x7F\n");
	assert_null(fgets(line, sizeof line, f));
	fclose(f);
	regfree(&re);
	unlink(path);
}

/* Run a JSON writer into a string (caller frees). */
static char *json_of(const char *s, double v, bool number)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	if (number)
		json_number(f, v);
	else
		json_string(f, s);
	fclose(f);
	return buf;
}

/* Check one JSON rendering. */
static void json_is(char *got, const char *want)
{
	assert_string_equal(got, want);
	free(got);
}

/* Strings escape quotes, backslashes and controls (C1 too), keep UTF-8
 * and replace invalid bytes; NULL is null. */
static void json_strings_are_escaped_and_valid(void **state)
{
	(void)state;
	json_is(json_of("say \"hi\"\\\n\t\x01", 0, false),
		"\"say \\\"hi\\\"\\\\\\n\\t\\u0001\"");
	json_is(json_of("caf\xc3\xa9 \xe2\x98\x85", 0, false),
		"\"caf\xc3\xa9 \xe2\x98\x85\"");
	json_is(json_of("bad\xff" "byte \xc3", 0, false),
		"\"bad\\ufffdbyte \\ufffd\"");
	json_is(json_of("csi\xc2\x9b" "2J nbsp\xc2\xa0", 0, false),
		"\"csi\\u009b2J nbsp\xc2\xa0\"");
	json_is(json_of(NULL, 0, false), "null");
}

/* Numbers have 6 significant digits; NaN and inf become null. */
static void json_numbers_never_nan(void **state)
{
	(void)state;
	json_is(json_of(NULL, 3, true), "3");
	json_is(json_of(NULL, 0.5, true), "0.5");
	json_is(json_of(NULL, 1.0 / 3, true), "0.333333");
	json_is(json_of(NULL, -0.0, true), "0");
	json_is(json_of(NULL, NAN, true), "null");
	json_is(json_of(NULL, -INFINITY, true), "null");
}

/* Run every case of this file; cmocka prints TAP for the harness. */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(snprintf_truncates_and_grow_grows),
		cmocka_unit_test(fatal_runs_hook_then_exits_3),
		cmocka_unit_test(log_lines_are_timestamped_and_escaped),
		cmocka_unit_test(json_strings_are_escaped_and_valid),
		cmocka_unit_test(json_numbers_never_nan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
