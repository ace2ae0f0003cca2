/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fixture: paths of test fixtures under $top_srcdir/tests/fixtures (the
 * harness exports top_srcdir; TOP_SRCDIR is the configure-time one). */
#ifndef TASTE_TEST_FIXTURE_H
#define TASTE_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "$top_srcdir/tests/fixtures/<name>" in a static buffer. */
static inline const char *fixture(const char *name)
{
	static char buf[4096];
	const char *top = getenv("top_srcdir");

	if (!top || !*top)
		top = TOP_SRCDIR;
	snprintf(buf, sizeof buf, "%s/tests/fixtures/%s", top, name);
	return buf;
}

/* "$top_srcdir/<name>": bundled data such as data/movies/movies.csv. */
static inline const char *srcfile(const char *name)
{
	static char buf[4096];
	const char *top = getenv("top_srcdir");

	if (!top || !*top)
		top = TOP_SRCDIR;
	snprintf(buf, sizeof buf, "%s/%s", top, name);
	return buf;
}

/* cmocka set-up: a fresh temporary directory per test in *state. */
static inline int fixture_dir_setup(void **state)
{
	char *dir = strdup("/tmp/taste-test-XXXXXX");

	if (!dir || !mkdtemp(dir)) {
		free(dir);
		return -1;
	}
	*state = dir;
	return 0;
}

/* cmocka tear-down: remove that directory and what the test left. */
static inline int fixture_dir_teardown(void **state)
{
	char cmd[128];
	int rc;

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", (char *)*state);
	rc = system(cmd);
	free(*state);
	return rc == 0 ? 0 : -1;
}

#endif
