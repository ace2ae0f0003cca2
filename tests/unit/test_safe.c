/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_safe: terminal-safe copies of strings from data: C0 controls,
 * DEL and C1 controls as visible escapes, bad UTF-8 as U+FFFD, the rest
 * untouched; short buffers cut at a whole piece, lengths as snprintf. */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safe.h"
#include "util.h"

/* s made safe must be want, by every entry point. */
static void safe_is(const char *s, const char *want)
{
	char buf[256], *mem = NULL;
	size_t len = 0;
	assert_int_equal(safe_text(s, buf, sizeof buf), strlen(want));
	assert_string_equal(buf, want);
	char *d = safe_dup(s);
	assert_string_equal(d, want);
	free(d);
	FILE *f = open_memstream(&mem, &len);
	assert_non_null(f);
	safe_fputs(s, f);
	fclose(f);
	assert_string_equal(mem, want);
	free(mem);
}

static void test_controls(void **state)
{
	(void)state;
	safe_is("Evil \033[2J\033]0;pwned\a Title",
		"Evil \\x1B[2J\\x1B]0;pwned\\x07 Title");
	safe_is("Multi\nline\tand\r\x7f", "Multi\\x0Aline\\x09and\\x0D\\x7F");
	safe_is("C1 \xc2\x9b" "31m and \xc2\x80\xc2\x9f",
		"C1 \\u009B31m and \\u0080\\u009F");
}

static void test_kept(void **state)
{
	(void)state;
	safe_is("", "");
	safe_is(NULL, "");
	safe_is("Café Étoile \\x1B", "Café Étoile \\x1B");
	safe_is("\xc2\xa0nbsp \xe4\xb8\x83\xe4\xba\xba \xf0\x9f\x8e\xac",
		"\xc2\xa0nbsp \xe4\xb8\x83\xe4\xba\xba \xf0\x9f\x8e\xac");
	safe_is("RTL \xe2\x80\xae" "evil", "RTL \xe2\x80\xae" "evil");
}

static void test_bad_utf8(void **state)
{
	(void)state;
	/* A lone C1 byte (Latin-1 CSI), an overlong, a surrogate, a cut
	 * sequence: each bad byte is one U+FFFD. */
	safe_is("a\x9b" "b", "a\xef\xbf\xbd" "b");
	safe_is("\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd");
	safe_is("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	safe_is("cut \xe4\xb8", "cut \xef\xbf\xbd\xef\xbf\xbd");
}

static void test_short_buffer(void **state)
{
	(void)state;
	char buf[8];
	/* "ab\x1B" does not fit in 7 bytes with the NUL: stop before it. */
	assert_int_equal(safe_text("ab\033cd", buf, 6), 8);
	assert_string_equal(buf, "ab");
	assert_int_equal(safe_text("ab\033cd", buf, 7), 8);
	assert_string_equal(buf, "ab\\x1B");
	assert_int_equal(safe_text("\xc3\xa9\xc3\xa9", buf, 4), 4);
	assert_string_equal(buf, "\xc3\xa9");
	assert_int_equal(safe_text("x", NULL, 0), 1);
}

/* safe_fprintf makes the whole formatted message safe, long ones too. */
static void test_printf(void **state)
{
	(void)state;
	char *mem = NULL, *big = xmalloc(2001);
	size_t len = 0;
	memset(big, 'x', 2000);
	big[1999] = '\033';
	big[2000] = '\0';
	FILE *f = open_memstream(&mem, &len);
	assert_non_null(f);
	safe_fprintf(f, "id %s: %d", "7\033]0;pwn\a", 3);
	safe_fprintf(f, "|%s", big);
	fclose(f);
	assert_int_equal(strncmp(mem, "id 7\\x1B]0;pwn\\x07: 3|xxx", 25), 0);
	assert_int_equal(strlen(mem), 21 + 1 + 1999 + 4);
	assert_string_equal(mem + strlen(mem) - 5, "x\\x1B");
	free(mem);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_kept),
		cmocka_unit_test(test_bad_utf8),
		cmocka_unit_test(test_short_buffer),
		cmocka_unit_test(test_printf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
